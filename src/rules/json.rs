//! `json-syntax`, `suspicious-character` and `duplicate-key`: JSON that does not
//! parse, every lookalike character in its structure, and repeated keys.

use std::collections::HashMap;
use std::ops::Range;

use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::json::{self, describe, describe_meant, Allow, Node, Suspicious, SyntaxError, Value};
use crate::source_map::MappedText;

use super::{DUPLICATE_KEY, JSON_SYNTAX, SUSPICIOUS_CHARACTER};

/// Checks the JSON at `range` of a block's text; diagnostics carry page ranges.
/// Returns the parsed value when the JSON is valid (or valid with what `allow`
/// permits).
pub fn check(
    block: &MappedText,
    range: Range<usize>,
    allow: Allow,
    out: &mut Vec<Diagnostic>,
) -> Option<json::Value> {
    let text = &block.text[range.clone()];
    let map =
        |span: &Range<usize>| block.page_range(span.start + range.start..span.end + range.start);
    let strict = allow == Allow::default();
    let verdict = serde_json::from_str::<serde::de::IgnoredAny>(text);
    let parsed = json::parse(text, allow);
    let error = match (&verdict, parsed) {
        (Ok(_), Ok(value)) => return Some(value),
        (Err(_), Ok(value)) if !strict => return Some(value),
        // Valid, but deeper than apiproof (and most consumers) will read.
        (Ok(_), Err(error)) if error.too_deep => error,
        // The reference accepts it: trust it, and keep no tree.
        (Ok(_), Err(_)) => return None,
        (Err(reference), Ok(_)) => json::reference_error(text, reference),
        (Err(_), Err(error)) => error,
    };

    let suspicious: Vec<Suspicious> = json::suspicious_characters(text)
        .into_iter()
        .filter(|s| !overlaps(&s.span, &error.span))
        .collect();
    let error_line = line_of(text, error.span.start);
    let (same_line, other_lines): (Vec<_>, Vec<_>) = suspicious
        .into_iter()
        .partition(|s| line_of(text, s.span.start) == error_line);

    let mut diagnostic = syntax_diagnostic(&error, &map);
    for found in &same_line {
        diagnostic = diagnostic.with_secondary(map(&found.span), short_label(found));
        if let (Some(fix), Some(meant)) = (&mut diagnostic.fix, found.meant) {
            fix.edits.push(Edit {
                span: map(&found.span),
                replacement: meant.to_string(),
            });
        }
    }
    if let Some(fix) = &mut diagnostic.fix {
        fix.edits.sort_by_key(|e| e.span.start);
    }
    out.push(diagnostic);

    // One diagnostic per run of consecutive lines, so a block indented with
    // no-break spaces is one finding, not one per line.
    let mut rest = other_lines.into_iter().peekable();
    while let Some(first) = rest.next() {
        let mut last_line = line_of(text, first.span.start);
        let mut group = vec![first];
        while let Some(next) = rest.next_if(|s| line_of(text, s.span.start) <= last_line + 1) {
            last_line = line_of(text, next.span.start);
            group.push(next);
        }
        out.push(suspicious_diagnostic(text, &group, &map));
    }
    None
}

fn syntax_diagnostic(
    error: &SyntaxError,
    map: &impl Fn(&Range<usize>) -> Range<usize>,
) -> Diagnostic {
    let mut diagnostic = Diagnostic::new(&JSON_SYNTAX, map(&error.span), error.message.clone())
        .with_label(error.label.clone());
    if let Some(help) = &error.help {
        diagnostic = diagnostic.with_help(help.clone());
    }
    for (span, label) in &error.labels {
        diagnostic = diagnostic.with_secondary(map(span), label.clone());
    }
    if let Some(fix) = &error.fix {
        diagnostic = diagnostic.with_fix(Fix {
            title: fix.title.clone(),
            edits: fix
                .edits
                .iter()
                .map(|(span, replacement)| Edit {
                    span: map(span),
                    replacement: replacement.clone(),
                })
                .collect(),
        });
    }
    diagnostic
}

fn suspicious_diagnostic(
    text: &str,
    group: &[Suspicious],
    map: &impl Fn(&Range<usize>) -> Range<usize>,
) -> Diagnostic {
    let first = &group[0];
    let same = group
        .iter()
        .all(|s| s.character == first.character && s.garbled == first.garbled);
    let garbled = if first.garbled { "garbled " } else { "" };
    let message = match (group.len(), same) {
        (1, _) => format!("{garbled}{} in JSON structure", describe(first.character)),
        (n, true) => format!(
            "{garbled}{} in JSON structure, {n} times",
            describe(first.character)
        ),
        (n, false) => format!("{n} lookalike or garbled characters in JSON structure"),
    };
    let mut diagnostic = Diagnostic::new(&SUSPICIOUS_CHARACTER, map(&first.span), message)
        .with_label(short_label(first));
    // Every character on the first line is labelled; further lines get one label
    // each, so a long run stays readable. The fix still covers them all.
    let first_line = line_of(text, first.span.start);
    let mut labelled_line = first_line;
    for other in &group[1..] {
        let line = line_of(text, other.span.start);
        if line == first_line || line != labelled_line {
            labelled_line = line;
            diagnostic = diagnostic.with_secondary(map(&other.span), short_label(other));
        }
    }
    let help = if !same {
        "JSON structure is ASCII; replace each character with the one its label names".into()
    } else if first.garbled {
        format!(
            "these characters are the UTF-8 bytes of {} read as Windows-1252 and saved again; \
             {}",
            describe(first.character),
            replace_with(first)
        )
    } else {
        format!("JSON structure is ASCII; {}", replace_with(first))
    };
    diagnostic = diagnostic.with_help(help);
    let edits: Option<Vec<Edit>> = group
        .iter()
        .map(|s| {
            s.meant.map(|meant| Edit {
                span: map(&s.span),
                replacement: meant.to_string(),
            })
        })
        .collect();
    if let Some(edits) = edits {
        diagnostic = diagnostic.with_fix(Fix {
            title: "replace with ASCII punctuation".into(),
            edits,
        });
    }
    diagnostic
}

fn replace_with(found: &Suspicious) -> String {
    match found.meant {
        Some(meant) => format!("replace it with {}", describe_meant(meant)),
        None => "write the intended character".into(),
    }
}

fn short_label(found: &Suspicious) -> String {
    match (found.garbled, found.meant) {
        (true, Some(meant)) => format!(
            "garbled `{}`, meant {}",
            found.character,
            describe_meant(meant)
        ),
        (true, None) => format!("garbled `{}`", found.character),
        (false, Some(meant)) => format!("meant {}", describe_meant(meant)),
        (false, None) => "lookalike".into(),
    }
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end.max(b.start + 1) && b.start < a.end
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count()
}

/// Reports every repeated key of every object in a JSON tree.
pub fn duplicate_keys(value: &Value, out: &mut Vec<Diagnostic>) {
    match &value.node {
        Node::Object { members, .. } => {
            let mut first: HashMap<&str, &std::ops::Range<usize>> = HashMap::new();
            for member in members {
                match first.get(member.key.as_str()) {
                    Some(earlier) => out.push(
                        Diagnostic::new(
                            &DUPLICATE_KEY,
                            member.key_span.clone(),
                            format!("key `{}` appears twice in one object", member.key),
                        )
                        .with_label("repeated here")
                        .with_secondary((*earlier).clone(), "first here")
                        .with_help("remove one of them; parsers keep only one value"),
                    ),
                    None => {
                        first.insert(&member.key, &member.key_span);
                    }
                }
                duplicate_keys(&member.value, out);
            }
        }
        Node::Array { items, .. } => {
            for item in items {
                duplicate_keys(item, out);
            }
        }
        _ => {}
    }
}
