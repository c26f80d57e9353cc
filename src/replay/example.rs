//! Documented examples as replay and mock need them: a request and the response
//! that answers it.
//!
//! The check command reads blocks one at a time; here a `request` block is paired
//! with its `response` (the one with the same `name`, else the next one on the
//! page), and the documented JSON keeps page offsets so a difference found later
//! points at the line and column a writer can fix.

use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

use crate::annotation::{self, Annotation, BlockKind};
use crate::document::{Decoded, Document};
use crate::http::{self, Expected, StartLine};
use crate::json::{self, Allow, Node};
use crate::markdown::{self, FencedBlock};
use crate::workspace::display;

/// A documented request and the response the docs say it gets.
#[derive(Debug, Clone)]
pub struct Example {
    /// The page the example is on.
    pub page: Arc<Document>,
    /// The request's `name` from its metadata, if any.
    pub name: Option<String>,
    /// Page byte offset of the request line.
    pub offset: usize,
    /// The request, or why it could not be read.
    pub request: Result<Request, String>,
    /// The answering response, if the page has one.
    pub response: Option<Response>,
}

/// A documented request, placeholders still in it.
#[derive(Debug, Clone)]
pub struct Request {
    /// The method as written.
    pub method: String,
    /// The URL as written, spaces included.
    pub url: String,
    /// Header lines in order.
    pub headers: Vec<(String, String)>,
    /// The body text, if any.
    pub body: Option<String>,
}

/// A documented response.
#[derive(Debug, Clone)]
pub struct Response {
    /// The status code (200 for a block that is only a JSON body).
    pub status: u16,
    /// Page range of the status code, or of the block when it has no status line.
    pub status_span: Range<usize>,
    /// Header lines in order.
    pub headers: Vec<(String, String)>,
    /// The media type of the Content-Type header, lower-cased, without parameters.
    pub content_type: Option<String>,
    /// Page range of the Content-Type value.
    pub content_type_span: Option<Range<usize>>,
    /// The body text, if any.
    pub body: Option<String>,
    /// The body as JSON with page ranges, when it is JSON and parses.
    pub json: Option<json::Value>,
    /// Why a body that should be JSON does not parse.
    pub json_error: Option<String>,
    /// `"truncated": true`: the docs show part of the body.
    pub truncated: bool,
    /// `"isCollection": true`: the body is a collection of the resource.
    pub is_collection: bool,
}

impl Example {
    /// The name reports use: the metadata `name`, else `path:line`.
    pub fn label(&self) -> String {
        match &self.name {
            Some(name) => name.clone(),
            None => format!("{}:{}", self.page.path, self.line()),
        }
    }

    /// The 1-based line of the request line.
    pub fn line(&self) -> usize {
        self.page.line_of(self.offset)
    }
}

/// Reads the examples of the pages at `paths` (already expanded to files), in
/// path order. A file that cannot be read becomes a message.
pub fn load(files: &[PathBuf]) -> (Vec<Example>, Vec<String>) {
    let mut examples = Vec::new();
    let mut problems = Vec::new();
    for path in files {
        let name = display(path);
        match std::fs::read(path) {
            Ok(bytes) => match Document::decode(name.clone(), bytes) {
                Decoded::Text(document) => examples.extend(from_page(Arc::new(document))),
                Decoded::Binary(_) => problems.push(format!("{name}: binary file, not read")),
            },
            Err(error) => problems.push(format!("{name}: cannot read: {error}")),
        }
    }
    (examples, problems)
}

/// A block with its parsed metadata.
struct Annotated<'a> {
    block: &'a FencedBlock,
    annotation: Annotation,
}

/// The examples on one page, in page order.
pub fn from_page(page: Arc<Document>) -> Vec<Example> {
    let outline = markdown::outline(&page.text);
    let blocks: Vec<Annotated> = outline
        .blocks
        .iter()
        .filter(|b| b.closed)
        .filter_map(|block| {
            let comment = block.annotation.as_ref()?;
            let annotation = annotation::parse(comment).ok()?;
            Some(Annotated { block, annotation })
        })
        .collect();
    let mut examples = Vec::new();
    for (index, item) in blocks.iter().enumerate() {
        if item.annotation.kind() != BlockKind::Request {
            continue;
        }
        let name = item.annotation.string("name").map(str::to_owned);
        let answer = name
            .as_deref()
            .and_then(|wanted| {
                blocks.iter().find(|b| {
                    b.annotation.kind() == BlockKind::Response
                        && b.annotation.string("name") == Some(wanted)
                })
            })
            .or_else(|| {
                blocks[index + 1..]
                    .iter()
                    .find(|b| b.annotation.kind() == BlockKind::Response)
            });
        let (request, offset) = request(item.block);
        examples.push(Example {
            page: Arc::clone(&page),
            name,
            offset,
            request,
            response: answer.map(response),
        });
    }
    examples
}

/// Reads a request block; returns it with the page offset of its request line.
fn request(block: &FencedBlock) -> (Result<Request, String>, usize) {
    let text = &block.body.text;
    let message = http::parse(text, Expected::Request);
    let Some(StartLine::Request {
        method,
        method_span,
        url,
        ..
    }) = message.start
    else {
        let reason = "the request line could not be read (see `apiproof check`)".to_string();
        return (Err(reason), block.span.start);
    };
    let offset = block.body.page_offset(method_span.start);
    let request = Request {
        method,
        url,
        headers: message
            .headers
            .iter()
            .map(|h| (h.name.clone(), h.value.clone()))
            .collect(),
        body: message.body.map(|range| text[range].to_string()),
    };
    (Ok(request), offset)
}

/// Reads a response block, mapping its JSON body back to the page.
fn response(item: &Annotated) -> Response {
    let block = item.block;
    let text = &block.body.text;
    let truncated = item.annotation.flag("truncated");
    let is_collection = item.annotation.flag("isCollection");
    let mut response = Response {
        status: 200,
        status_span: block.span.start..block.span.start,
        headers: Vec::new(),
        content_type: None,
        content_type_span: None,
        body: None,
        json: None,
        json_error: None,
        truncated,
        is_collection,
    };
    let body_range = if text.trim_start().starts_with(['{', '[']) {
        response.content_type = Some("application/json".into());
        Some(0..text.len())
    } else {
        let message = http::parse(text, Expected::Response);
        if let Some(StartLine::Status {
            code, code_span, ..
        }) = &message.start
        {
            response.status = *code;
            response.status_span = block.body.page_range(code_span.clone());
        }
        if let Some(header) = message.header("content-type") {
            response.content_type = Some(media_type(&header.value));
            response.content_type_span = Some(block.body.page_range(header.value_span.clone()));
        }
        response.headers = message
            .headers
            .iter()
            .map(|h| (h.name.clone(), h.value.clone()))
            .collect();
        let is_json = message.body_is_json(text);
        match message.body {
            Some(range) if is_json => Some(range),
            Some(range) => {
                response.body = Some(text[range].to_string());
                None
            }
            None => None,
        }
    };
    if let Some(range) = body_range {
        let body = &text[range.clone()];
        response.body = Some(body.to_string());
        let allow = Allow {
            elision: truncated,
            ..Allow::default()
        };
        match json::parse(body, allow) {
            Ok(mut value) => {
                relocate(&mut value, &|offset| {
                    block.body.page_offset(range.start + offset)
                });
                response.json = Some(value);
            }
            Err(error) => response.json_error = Some(error.message),
        }
    }
    response
}

/// The media type of a Content-Type value: lower-cased, parameters dropped.
pub fn media_type(value: &str) -> String {
    value
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase()
}

/// Moves every span of a JSON tree from body offsets to page offsets.
fn relocate(value: &mut json::Value, to_page: &dyn Fn(usize) -> usize) {
    value.span = to_page(value.span.start)..to_page(value.span.end);
    match &mut value.node {
        Node::Array { items, .. } => {
            for item in items {
                relocate(item, to_page);
            }
        }
        Node::Object { members, .. } => {
            for member in members {
                member.key_span = to_page(member.key_span.start)..to_page(member.key_span.end);
                relocate(&mut member.value, to_page);
            }
        }
        _ => {}
    }
}

/// The JSON a documented value stands for, elisions left out.
pub fn to_serde(value: &json::Value) -> serde_json::Value {
    match &value.node {
        Node::Null => serde_json::Value::Null,
        Node::Bool(b) => serde_json::Value::Bool(*b),
        Node::Number(text) => serde_json::from_str::<serde_json::Number>(text)
            .map_or(serde_json::Value::Null, serde_json::Value::Number),
        Node::String(s) => serde_json::Value::String(s.clone()),
        Node::Array { items, .. } => serde_json::Value::Array(items.iter().map(to_serde).collect()),
        Node::Object { members, .. } => serde_json::Value::Object(
            members
                .iter()
                .map(|m| (m.key.clone(), to_serde(&m.value)))
                .collect(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(text: &str) -> Arc<Document> {
        Arc::new(Document::new("p.md", text.to_string()))
    }

    #[test]
    fn pairs_by_name_then_by_order() {
        let text = "<!-- {\"blockType\": \"request\", \"name\": \"a\"} -->\n```http\nGET /a\n```\n\
                    <!-- {\"blockType\": \"request\"} -->\n```http\nGET /b\n```\n\
                    <!-- {\"blockType\": \"response\"} -->\n```http\nHTTP/1.1 204 No Content\n```\n\
                    <!-- {\"blockType\": \"response\", \"name\": \"a\"} -->\n```http\n\
                    HTTP/1.1 200 OK\nContent-Type: application/json\n\n{\"id\": \"1\"}\n```\n";
        let examples = from_page(page(text));
        assert_eq!(examples.len(), 2);
        assert_eq!(examples[0].response.as_ref().map(|r| r.status), Some(200));
        assert_eq!(examples[1].response.as_ref().map(|r| r.status), Some(204));
        assert_eq!(examples[0].line(), 3);
    }

    #[test]
    fn json_spans_point_into_the_page() {
        let text = "<!-- {\"blockType\": \"request\"} -->\n```http\nGET /a\n```\n\
                    <!-- {\"blockType\": \"response\", \"truncated\": true} -->\n```http\n\
                    HTTP/1.1 200 OK\nContent-type: application/json; charset=utf-8\n\n\
                    {\"id\": \"1\", ...}\n```\n";
        let document = page(text);
        let examples = from_page(Arc::clone(&document));
        let response = examples[0].response.as_ref().expect("response");
        assert_eq!(response.content_type.as_deref(), Some("application/json"));
        let json = response.json.as_ref().expect("json");
        let Node::Object { members, elided } = &json.node else {
            panic!("object expected");
        };
        assert!(elided);
        assert_eq!(&text[members[0].value.span.clone()], "\"1\"");
        assert_eq!(document.line_column(members[0].value.span.start), (10, 8));
    }
}
