//! Checking one page: find its examples, understand each, and run the rules.
//!
//! A page is checked on its own, so pages can be checked in parallel; nothing here
//! looks at other files.

use std::ops::Range;

use crate::annotation::{self, Annotation, BlockKind};
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::document::{Decoded, Document};
use crate::http::{self, Expected, StartLine};
use crate::json::{self, Allow};
use crate::markdown::{self, FencedBlock, Outline};
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
    /// The page's examples (checked or not), in page order.
    pub examples: Vec<Example>,
    /// Headings, links and tables, for the doc model.
    pub outline: Outline,
}

impl PageReport {
    /// How many examples were checked.
    pub fn checked_examples(&self) -> usize {
        self.examples.iter().filter(|e| e.checked).count()
    }
}

/// An annotated block as the doc model sees it. Ranges are page ranges.
#[derive(Debug, Clone)]
pub struct Example {
    /// What the metadata says the block is.
    pub kind: BlockKind,
    /// The whole fenced block.
    pub span: Range<usize>,
    /// Index into the outline's headings of the nearest heading above.
    pub heading: Option<usize>,
    /// Whether the syntax rules checked it.
    pub checked: bool,
    /// Its metadata, when valid.
    pub annotation: Option<Annotation>,
    /// The request line of a request.
    pub request: Option<RequestLine>,
    /// The request lines of an "HTTP request" templates block.
    pub templates: Vec<RequestLine>,
    /// The status code of a response, with its range.
    pub status: Option<(u16, Range<usize>)>,
    /// The JSON body or document, when it parsed.
    pub json: Option<json::Value>,
}

/// `METHOD URL` of a request or template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestLine {
    /// The method.
    pub method: String,
    /// The URL, spaces included.
    pub url: String,
    /// Page range of the URL.
    pub span: Range<usize>,
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
                examples: Vec::new(),
                outline: Outline::default(),
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
    let mut examples = Vec::new();
    for (index, block) in outline.blocks.iter().enumerate() {
        let heading = outline.block_headings.get(index).copied().flatten();
        examples.extend(check_block(block, heading, options, &mut out));
    }
    out.sort_by_key(|d| (d.span.start, d.span.end));
    // Later passes need the blocks' places, not their text; dropping the text
    // keeps a large tree's memory (and the time to fault it in) down.
    let mut outline = outline;
    for block in &mut outline.blocks {
        block.body = Default::default();
        if let Some(comment) = &mut block.annotation {
            comment.content = Default::default();
        }
    }
    PageReport {
        document,
        diagnostics: out,
        examples,
        outline,
    }
}

/// Checks one block and reads what the doc model needs from it.
fn check_block(
    block: &FencedBlock,
    heading: Option<usize>,
    options: &Options,
    out: &mut Vec<Diagnostic>,
) -> Option<Example> {
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
    if !block.closed || !(wanted || kind == BlockKind::Ignored) {
        return None;
    }
    // Blocks that are not checked are still read, silently, for the doc model:
    // the "HTTP request" templates of a page are `ignored` blocks.
    let mut silent = Vec::new();
    let sink = if wanted { out } else { &mut silent };
    let truncated = annotation.as_ref().is_some_and(|a| a.flag("truncated"));
    let text = &block.body;
    let allow = Allow {
        elision: truncated,
        ..options.allow
    };
    let to_page = |mut value: json::Value, offset: usize| {
        value.map_spans(&|r| text.page_range(r.start + offset..r.end + offset));
        value
    };
    let mut example = Example {
        kind: kind.clone(),
        span: block.span.clone(),
        heading,
        checked: wanted,
        annotation,
        request: None,
        templates: Vec::new(),
        status: None,
        json: None,
    };
    match content(block, &kind) {
        Content::Json => {
            example.json = rules::json::check(text, 0..text.text.len(), allow, sink)
                .map(|value| to_page(value, 0));
        }
        Content::Http(expected) => {
            let message = http::parse(&text.text, expected);
            rules::http::check(&message, text, truncated, sink);
            match &message.start {
                Some(StartLine::Request {
                    method,
                    url,
                    url_span,
                    ..
                }) => {
                    example.request = Some(RequestLine {
                        method: method.clone(),
                        url: url.clone(),
                        span: text.page_range(url_span.clone()),
                    });
                }
                Some(StartLine::Status {
                    code, code_span, ..
                }) => {
                    example.status = Some((*code, text.page_range(code_span.clone())));
                }
                None => {}
            }
            if let Some(body) = message.body.clone() {
                if message.body_is_json(&text.text) {
                    let start = body.start;
                    example.json =
                        rules::json::check(text, body, allow, sink).map(|v| to_page(v, start));
                }
            }
        }
        Content::Templates => {
            rules::http::check_templates(text, sink);
            example.templates = rules::http::templates(text);
        }
        Content::Unchecked => example.checked = false,
    }
    if let Some(json) = &example.json {
        rules::json::duplicate_keys(json, sink);
    }
    // The doc model needs a body's tree only when its type is known to the block.
    let typed = example.kind == BlockKind::Resource
        || example
            .annotation
            .as_ref()
            .is_some_and(|a| a.odata_type().is_some());
    if !typed {
        example.json = None;
    }
    Some(example)
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
