//! Examples against each other and against their page: `unpaired-request`,
//! `unpaired-response`, `duplicate-example-name`, `example-method`,
//! `status-prose` and `unknown-annotation-key`.

use std::sync::OnceLock;

use regex::Regex;

use crate::annotation::{Annotation, BlockKind};
use crate::check::{Example, PageReport, RequestLine};
use crate::diagnostic::Diagnostic;
use crate::model::template::{example_path, Template};

use super::{
    Context, DUPLICATE_EXAMPLE_NAME, EXAMPLE_METHOD, STATUS_PROSE, UNKNOWN_ANNOTATION_KEY,
    UNPAIRED_REQUEST, UNPAIRED_RESPONSE,
};

/// Metadata keys the reference tool knows or the Microsoft Graph docs use.
const KNOWN_KEYS: &[&str] = &[
    "blockType",
    "name",
    "@odata.type",
    "@type",
    "@type.aka",
    "@property.aka",
    "@odata.annotations",
    "truncated",
    "isCollection",
    "isEmpty",
    "expectError",
    "optionalProperties",
    "nullableProperties",
    "keyProperty",
    "baseType",
    "openType",
    "abstract",
    "scenarios",
    "isComposable",
    "isMediaEntity",
    "isPageable",
    "sampleKeys",
    "scopes",
    "scope",
    "tags",
    "idempotent",
    "target",
    "opaqueUrl",
    "namespace",
    "httpStatus",
    "suppressions",
];

/// `blockType` values the reference tool knows or the docs use.
const KNOWN_BLOCK_TYPES: &[&str] = &[
    "request",
    "response",
    "resource",
    "example",
    "ignored",
    "samples",
    "simulatedResponse",
    "property",
];

/// Checks the page's examples against each other and the page's prose.
pub fn check(context: &Context, out: &mut Vec<Diagnostic>) {
    let page = context.page();
    pairs(context, page, out);
    duplicate_names(context, out);
    example_method(context, page, out);
    status_prose(context, page, out);
    for example in &page.examples {
        if let Some(annotation) = &example.annotation {
            unknown_keys(annotation, out);
        }
    }
}

fn name(example: &Example) -> Option<&str> {
    example.annotation.as_ref()?.string("name")
}

/// The names a response claims: its `name`, or each name of a `name` array.
fn response_names(example: &Example) -> Vec<&str> {
    let Some(annotation) = &example.annotation else {
        return Vec::new();
    };
    match annotation.raw.get("name") {
        Some(serde_json::Value::String(name)) => vec![name.as_str()],
        Some(serde_json::Value::Array(names)) => {
            names.iter().filter_map(serde_json::Value::as_str).collect()
        }
        _ => Vec::new(),
    }
}

/// Pairs requests and responses in page order. A response answers the requests
/// it names; else the nearest unanswered request before it, a `request` block
/// first, then an `example`, then an `ignored` one holding a request line. A
/// response right after an answered one, with no request between, is an
/// alternative answer. An "Example" heading closes the open `example` and
/// `ignored` requests, which often have no response on purpose.
fn pairs(context: &Context, page: &PageReport, out: &mut Vec<Diagnostic>) {
    let examples = &page.examples;
    let is_request = |e: &Example| {
        e.kind == BlockKind::Request
            || e.kind == BlockKind::Example && e.request.is_some()
            || e.kind == BlockKind::Ignored
                && e.request.is_some()
                && !is_template_block(context, page, e)
    };
    let mut answered = vec![false; examples.len()];
    let mut open: Vec<usize> = Vec::new();
    let mut after_answer = false;
    let mut heading = None;
    for (i, example) in examples.iter().enumerate() {
        if example.heading != heading {
            heading = example.heading;
            let starts_example = heading
                .and_then(|h| page.outline.headings.get(h))
                .is_some_and(|h| h.text.to_lowercase().starts_with("example"));
            if starts_example {
                open.retain(|&r| examples[r].kind == BlockKind::Request);
            }
        }
        if is_request(example) {
            open.push(i);
            after_answer = false;
            continue;
        }
        if example.kind != BlockKind::Response {
            continue;
        }
        let names = response_names(example);
        let named: Vec<usize> = (0..examples.len())
            .filter(|&r| is_request(&examples[r]))
            .filter(|&r| name(&examples[r]).is_some_and(|n| names.contains(&n)))
            .collect();
        if !named.is_empty() {
            for r in named {
                answered[r] = true;
                open.retain(|&o| o != r);
            }
            after_answer = true;
            continue;
        }
        let rank = |r: usize| match examples[r].kind {
            BlockKind::Request => 0,
            BlockKind::Example => 1,
            _ => 2,
        };
        let pick = open
            .iter()
            .enumerate()
            .min_by_key(|&(at, &r)| (rank(r), std::cmp::Reverse(at)))
            .map(|(at, _)| at);
        match pick {
            Some(at) => {
                answered[open.remove(at)] = true;
                after_answer = true;
            }
            None if after_answer => {}
            None => out.push(
                Diagnostic::new(
                    &UNPAIRED_RESPONSE,
                    fence_line(page, example),
                    "response answers no request".into(),
                )
                .with_label("no request before it")
                .with_help(
                    "add the `request` block it answers before it, or give it the request's \
                     `name`; if the block before it is the request, check its blockType",
                ),
            ),
        }
    }
    for (i, example) in examples.iter().enumerate() {
        if example.kind == BlockKind::Request && !answered[i] {
            out.push(
                Diagnostic::new(
                    &UNPAIRED_REQUEST,
                    fence_line(page, example),
                    "request has no response example".into(),
                )
                .with_label("no response answers this request")
                .with_help("add a `response` block after it, or give a response the same `name`"),
            );
        }
    }
}

/// The metadata comment's first line, or the fence's, as a place to point at.
fn fence_line(page: &PageReport, example: &Example) -> std::ops::Range<usize> {
    let start = example
        .annotation
        .as_ref()
        .map_or(example.span.start, |a| a.span.start);
    let line = page.document.line_of(start);
    let span = page.document.line_span(line);
    start.max(span.start)..span.end
}

fn duplicate_names(context: &Context, out: &mut Vec<Diagnostic>) {
    let page = context.page();
    for example in page
        .examples
        .iter()
        .filter(|e| e.kind == BlockKind::Request)
    {
        let Some(annotation) = &example.annotation else {
            continue;
        };
        let Some(name) = annotation.string("name") else {
            continue;
        };
        let Some(places) = context.model.request_names.get(name) else {
            continue;
        };
        let span = annotation.value_span("name");
        let first = &places[0];
        if first.page == context.index && first.span == span {
            continue;
        }
        let mut diagnostic = Diagnostic::new(
            &DUPLICATE_EXAMPLE_NAME,
            span,
            format!("example name `{name}` is used {} times", places.len()),
        )
        .with_label("repeated name");
        if first.page == context.index {
            diagnostic = diagnostic.with_secondary(first.span.clone(), "first used here");
            diagnostic = diagnostic.with_help("give each request example a name of its own");
        } else {
            let other = &context.pages[first.page].document;
            diagnostic = diagnostic.with_help(format!(
                "first used at {}:{}; give each request example a name of its own",
                other.path,
                other.line_of(first.span.start)
            ));
        }
        out.push(diagnostic);
    }
}

/// The page's HTTP request templates: the lines of blocks under its "HTTP
/// request" headings, including `request` blocks written as templates (a path with
/// `{placeholders}` and no host).
fn page_templates<'p>(context: &Context, page: &'p PageReport) -> Vec<&'p RequestLine> {
    page.examples
        .iter()
        .filter(|e| is_template_block(context, page, e) || is_template_request(context, page, e))
        .flat_map(|e| {
            e.templates
                .iter()
                .chain(e.request.iter().filter(|_| e.kind != BlockKind::Response))
        })
        .collect()
}

fn is_template_request(context: &Context, page: &PageReport, example: &Example) -> bool {
    example.kind == BlockKind::Request
        && example
            .request
            .as_ref()
            .is_some_and(|r| !r.url.contains("://") && r.url.contains('{'))
        && under_request_heading(context, page, example)
}

fn example_method(context: &Context, page: &PageReport, out: &mut Vec<Diagnostic>) {
    let templates = page_templates(context, page);
    if templates.is_empty() {
        return;
    }
    let patterns: Vec<(&RequestLine, Template)> = templates
        .iter()
        .map(|t| (*t, Template::parse(&t.url)))
        .collect();
    let fits = |patterns: &mut dyn Iterator<Item = (&str, &Template)>,
                method: &str,
                spellings: &[String]| {
        let mut found = false;
        for (template_method, pattern) in patterns {
            if template_method.eq_ignore_ascii_case(method)
                && spellings.iter().any(|p| pattern.matches(p))
            {
                found = true;
                break;
            }
        }
        found
    };
    for example in page.examples.iter().filter(|e| {
        e.kind == BlockKind::Request && e.checked && !is_template_request(context, page, e)
    }) {
        let Some(request) = &example.request else {
            continue;
        };
        let path = example_path(&request.url);
        let aliases = aliases(&path, &context.config.model.path_aliases);
        let mut here = patterns.iter().map(|(t, p)| (t.method.as_str(), p));
        let mut matched = fits(&mut here, &request.method, &aliases);
        if !matched {
            // A multi-step example may call an operation another page documents.
            let everywhere = context.model.templates(|| all_templates(context));
            let mut elsewhere = everywhere.iter().map(|(m, p)| (m.as_str(), p));
            matched = fits(&mut elsewhere, &request.method, &aliases);
        }
        if !matched {
            let listed: Vec<String> = templates
                .iter()
                .take(4)
                .map(|t| format!("`{} {}`", t.method, t.url))
                .collect();
            out.push(
                Diagnostic::new(
                    &EXAMPLE_METHOD,
                    request.span.clone(),
                    format!(
                        "`{} {}` matches none of the page's HTTP request templates",
                        request.method, request.url
                    ),
                )
                .with_label("no template matches")
                .with_help(if templates.iter().any(|t| holds_literal_id(&t.url)) {
                    format!(
                        "the templates are {}; they hold literal ids where `{{placeholders}}` \
                         belong: write the template with placeholders",
                        listed.join(", ")
                    )
                } else {
                    format!(
                        "the templates are {}; correct the example or add its template",
                        listed.join(", ")
                    )
                }),
            );
        }
    }
}

/// Whether a template URL holds a GUID where a placeholder belongs.
fn holds_literal_id(url: &str) -> bool {
    static GUID: OnceLock<Regex> = OnceLock::new();
    GUID.get_or_init(|| {
        Regex::new(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
            .expect("valid pattern")
    })
    .is_match(url)
}

/// Every template of every page of the tree, parsed once.
fn all_templates(context: &Context) -> Vec<(String, Template)> {
    context
        .pages
        .iter()
        .flat_map(|page| {
            page_templates(context, page)
                .into_iter()
                .map(|t| (t.method.to_ascii_uppercase(), Template::parse(&t.url)))
        })
        .collect()
}

/// Whether a block stands under the page's "HTTP request" heading, or under a
/// sub-heading of it.
fn is_template_block(context: &Context, page: &PageReport, example: &Example) -> bool {
    if example.kind != BlockKind::Ignored && example.templates.is_empty() {
        return false;
    }
    under_request_heading(context, page, example)
}

/// Whether a block stands under an "HTTP request" heading or a sub-heading of one.
fn under_request_heading(context: &Context, page: &PageReport, example: &Example) -> bool {
    let words = &context.config.model.request_headings;
    let headings = &page.outline.headings;
    let Some(nearest) = example.heading else {
        return false;
    };
    let mut level = u8::MAX;
    for heading in headings[..=nearest].iter().rev() {
        if heading.level >= level {
            continue;
        }
        level = heading.level;
        let text = heading.text.to_lowercase();
        if words.iter().any(|w| text.contains(&w.to_lowercase())) {
            return true;
        }
    }
    false
}

/// The path and its spellings under the configured aliases (`/me` for `/users/{id}`).
fn aliases(path: &str, configured: &[(String, String)]) -> Vec<String> {
    let mut found = vec![path.to_string()];
    let mut next = 0;
    while next < found.len() && found.len() < 16 {
        let spelling = found[next].clone();
        next += 1;
        for (alias, meaning) in configured {
            let alias = alias.to_lowercase();
            if spelling == alias || spelling.starts_with(&format!("{alias}/")) {
                let meaning = meaning.to_lowercase().replace(['{', '}'], "");
                let respelled = format!("{meaning}{}", &spelling[alias.len()..]);
                if !found.contains(&respelled) {
                    found.push(respelled);
                }
            }
        }
    }
    found
}

/// A Response section's prose and the 2xx codes it states.
struct Stated {
    /// Where the section's heading starts.
    start: usize,
    /// Index of the heading.
    heading: usize,
    /// Each code with its place in the prose.
    codes: Vec<(u16, std::ops::Range<usize>)>,
}

fn status_prose(context: &Context, page: &PageReport, out: &mut Vec<Diagnostic>) {
    static CODE: OnceLock<Regex> = OnceLock::new();
    let code = CODE.get_or_init(|| {
        Regex::new(r"`(?:HTTP(?:/[\d.]+)? )?(\d{3}) [A-Za-z][^`\n]*`").expect("valid pattern")
    });
    let words = &context.config.model.response_headings;
    let headings = &page.outline.headings;
    let mut sections: Vec<Stated> = Vec::new();
    for (i, heading) in headings.iter().enumerate() {
        let text = heading.text.to_lowercase();
        if !words.iter().any(|w| text == w.to_lowercase()) {
            continue;
        }
        let end = headings[i + 1..]
            .iter()
            .find(|h| h.level <= heading.level)
            .map_or(page.document.text.len(), |h| h.span.start);
        let section = &page.document.text[heading.span.end..end];
        let codes: Vec<(u16, std::ops::Range<usize>)> = code
            .captures_iter(section)
            .filter_map(|found| {
                let whole = found.get(0).expect("match");
                let number = found[1]
                    .parse::<u16>()
                    .ok()
                    .filter(|n| (200..300).contains(n))?;
                let start = heading.span.end + whole.start();
                Some((number, start..start + whole.len()))
            })
            .collect();
        if !codes.is_empty() {
            sections.push(Stated {
                start: heading.span.start,
                heading: i,
                codes,
            });
        }
    }
    for example in page
        .examples
        .iter()
        .filter(|e| e.kind == BlockKind::Response && e.checked)
    {
        let Some((status, span)) = &example.status else {
            continue;
        };
        let expects_error = example
            .annotation
            .as_ref()
            .is_some_and(|a| a.flag("expectError"));
        // The prose that speaks for this example: the nearest Response section
        // above it that states a code (pages with several operations have one each).
        let Some(stated) = sections.iter().rev().find(|s| s.start < example.span.start) else {
            continue;
        };
        // Another section of the same or a higher level between the prose and the
        // example (a second operation of the page) means the prose is not its own;
        // "Example" sections are where examples live.
        let level = headings[stated.heading].level;
        let interrupted = headings[stated.heading + 1..]
            .iter()
            .take_while(|h| h.span.start < example.span.start)
            .any(|h| h.level <= level && !h.text.to_lowercase().starts_with("example"));
        if interrupted {
            continue;
        }
        let success = (200..300).contains(status);
        if expects_error || !success || stated.codes.iter().any(|(c, _)| c == status) {
            continue;
        }
        let (prose, prose_span) = &stated.codes[0];
        out.push(
            Diagnostic::new(
                &STATUS_PROSE,
                span.clone(),
                format!("the example answers {status}, the Response section says {prose}"),
            )
            .with_label(format!("{status} here"))
            .with_secondary(prose_span.clone(), format!("{prose} here"))
            .with_help("make the prose and the example agree on the status code"),
        );
    }
}

fn unknown_keys(annotation: &Annotation, out: &mut Vec<Diagnostic>) {
    let Some(tree) = &annotation.tree else {
        return;
    };
    let crate::json::Node::Object { members, .. } = &tree.node else {
        return;
    };
    for member in members {
        if !KNOWN_KEYS.contains(&member.key.as_str()) {
            let near = KNOWN_KEYS
                .iter()
                .map(|k| {
                    (
                        strsim::levenshtein(&member.key.to_lowercase(), &k.to_lowercase()),
                        k,
                    )
                })
                .filter(|(d, _)| *d <= 3)
                .min_by_key(|(d, _)| *d);
            let help = match near {
                Some((_, k)) => format!("did you mean `{k}`?"),
                None => "remove the key, or check the spelling; unknown keys are ignored".into(),
            };
            out.push(
                Diagnostic::new(
                    &UNKNOWN_ANNOTATION_KEY,
                    member.key_span.clone(),
                    format!("unknown metadata key `{}`", member.key),
                )
                .with_label("unknown key")
                .with_help(help),
            );
        }
    }
    if let Some(block_type) = annotation.block_type.as_deref() {
        if !KNOWN_BLOCK_TYPES.contains(&block_type) {
            out.push(
                Diagnostic::new(
                    &UNKNOWN_ANNOTATION_KEY,
                    annotation.value_span("blockType"),
                    format!("unknown blockType `{block_type}`"),
                )
                .with_label("unknown block type")
                .with_help(format!(
                    "known block types: {}",
                    KNOWN_BLOCK_TYPES.join(", ")
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn example_paths_and_templates() {
        assert_eq!(
            example_path("https://graph.microsoft.com/v1.0/users/ada@contoso.com/events?$top=2"),
            "/users/ada@contoso.com/events"
        );
        assert_eq!(
            example_path("https://graph.microsoft.com/beta/requests('7c53')/cancel"),
            "/requests/'7c53'/cancel"
        );
        let template = Template::parse("/users/{id | userPrincipalName}/events");
        assert!(template.matches(&example_path("https://x.com/v1.0/users/ada/events")));
        assert!(!template.matches(&example_path("https://x.com/v1.0/users/ada/calendar")));
        assert!(!template.matches(&example_path("https://x.com/v1.0/users//events")));
        let keyed = Template::parse("/requests/{id}/cancel");
        assert!(keyed.matches(&example_path("https://x/beta/requests('7c53')/cancel")));
        let item = Template::parse("/drive/root:/{item-path}:/content");
        assert!(item.matches(&example_path("/drive/root:/a/b.txt:/content")));
        let trailing = Template::parse("/me/drive/items/{id}/workbook/worksheets/");
        assert!(trailing.matches(&example_path("/me/drive/items/1/workbook/worksheets")));
        let angle = Template::parse("/worksheets/{id|name}/range(address='<address>')/format");
        assert!(angle.matches(&example_path("/worksheets/s1/range(address='$A$1')/format")));
        let parens = Template::parse("/teams/(team-id)/channels");
        assert!(parens.matches(&example_path("/teams/t1/channels")));
    }
}
