//! Checking one page: find its examples, understand each, and run the rules.
//!
//! A page is checked on its own, so pages can be checked in parallel; nothing here
//! looks at other files.

use crate::annotation::{self, BlockKind};
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::document::{Decoded, Document};
use crate::http::{self, Expected};
use crate::json::Allow;
use crate::markdown::{self, FencedBlock};
use crate::rules::{self, ANNOTATION_SYNTAX};

/// What to check, beyond the defaults.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// JSON relaxations the docs accept.
    pub allow: Allow,
    /// Also check blocks marked `"blockType": "ignored"`.
    pub check_ignored: bool,
    /// Also check fenced blocks that have no metadata comment.
    pub check_unannotated: bool,
}

/// The outcome of checking one page.
#[derive(Debug)]
pub struct PageReport {
    /// The page.
    pub document: Document,
    /// What was found, in page order.
    pub diagnostics: Vec<Diagnostic>,
    /// How many examples were checked.
    pub examples: usize,
}

/// How a block's text is read.
enum Content {
    /// A JSON document.
    Json,
    /// An HTTP message.
    Http(Expected),
    /// One request line per line, as under a page's "HTTP request" heading.
    Templates,
    /// Nothing apiproof can check (code in another language, prose).
    Unchecked,
}

/// Checks a page read from disk.
pub fn check_file(decoded: Decoded, options: &Options) -> PageReport {
    match decoded {
        Decoded::Text(document) => check(document, options),
        Decoded::Binary(document) => {
            let mut diagnostics = Vec::new();
            rules::page::binary(&mut diagnostics);
            PageReport {
                document,
                diagnostics,
                examples: 0,
            }
        }
    }
}

/// Checks a page.
pub fn check(document: Document, options: &Options) -> PageReport {
    let mut out = Vec::new();
    rules::page::encoding(&document, &mut out);
    let outline = markdown::outline(&document.text);
    rules::page::unclosed(&document, &outline, &mut out);
    let mut examples = 0;
    for block in &outline.blocks {
        if check_block(block, options, &mut out) {
            examples += 1;
        }
    }
    out.sort_by_key(|d| (d.span.start, d.span.end));
    PageReport {
        document,
        diagnostics: out,
        examples,
    }
}

/// Checks one block; returns whether it was an example that got checked.
fn check_block(block: &FencedBlock, options: &Options, out: &mut Vec<Diagnostic>) -> bool {
    let (annotation, kind) = match &block.annotation {
        None => (None, BlockKind::Unannotated),
        Some(comment) => match annotation::parse(comment) {
            Ok(parsed) => {
                let kind = parsed.kind();
                (Some(parsed), kind)
            }
            Err(broken) => {
                let error = broken.error;
                let mut diagnostic = Diagnostic::new(
                    &ANNOTATION_SYNTAX,
                    error.span,
                    format!("metadata comment is not valid JSON: {}", error.message),
                )
                .with_label(error.label);
                if let Some(help) = error.help {
                    diagnostic = diagnostic.with_help(help);
                }
                for (span, label) in error.labels {
                    diagnostic = diagnostic.with_secondary(span, label);
                }
                if let Some(fix) = error.fix {
                    diagnostic = diagnostic.with_fix(Fix {
                        title: fix.title,
                        edits: fix
                            .edits
                            .into_iter()
                            .map(|(span, replacement)| Edit { span, replacement })
                            .collect(),
                    });
                }
                out.push(diagnostic);
                let kind = broken
                    .block_type
                    .as_deref()
                    .map_or(BlockKind::Other(String::new()), BlockKind::from_block_type);
                (None, kind)
            }
        },
    };
    let wanted = match kind {
        BlockKind::Request | BlockKind::Response | BlockKind::Resource | BlockKind::Example => true,
        BlockKind::Ignored => options.check_ignored,
        BlockKind::Unannotated => options.check_unannotated,
        BlockKind::Other(_) => false,
    };
    if !wanted || !block.closed {
        return false;
    }
    let truncated = annotation.as_ref().is_some_and(|a| a.flag("truncated"));
    let text = &block.body;
    let allow = Allow {
        elision: truncated,
        ..options.allow
    };
    match content(block, &kind) {
        Content::Json => {
            rules::json::check(text, 0..text.text.len(), allow, out);
        }
        Content::Http(expected) => {
            let message = http::parse(&text.text, expected);
            rules::http::check(&message, text, truncated, out);
            if let Some(body) = message.body.clone() {
                if message.body_is_json(&text.text) {
                    rules::json::check(text, body, allow, out);
                }
            }
        }
        Content::Templates => rules::http::check_templates(text, out),
        Content::Unchecked => return false,
    }
    true
}

/// Decides how to read a block from its kind, info string and first line.
fn content(block: &FencedBlock, kind: &BlockKind) -> Content {
    let text = block.body.text.trim_start();
    let info = block
        .info
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    let first_token = text.split_whitespace().next().unwrap_or_default();
    let looks_http = http::is_method(first_token) || first_token.starts_with("HTTP/");
    let looks_json = text.starts_with(['{', '[']);
    let http_info = matches!(info.as_str(), "" | "http" | "https" | "msgraph-interactive");
    match kind {
        _ if info == "json" => Content::Json,
        BlockKind::Request => Content::Http(Expected::Request),
        BlockKind::Response if looks_json => Content::Json,
        BlockKind::Response => Content::Http(Expected::Response),
        BlockKind::Resource => Content::Json,
        _ if !http_info => Content::Unchecked,
        _ if looks_json => Content::Json,
        _ if rules::http::is_template_list(text) => Content::Templates,
        _ if looks_http => Content::Http(Expected::Either),
        _ => Content::Unchecked,
    }
}
