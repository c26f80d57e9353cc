//! The JSON metadata in the HTML comment before a block.
//!
//! The comment says what a block is (`blockType`) and how to read it
//! (`truncated`, `@odata.type`, ...). It is kept whole, because later checks look
//! at keys this module does not know about.

use std::ops::Range;

use serde_json::{Map, Value};

use crate::json::{self, Allow, SyntaxError};
use crate::markdown::Comment;

/// A block's metadata, as parsed from its comment.
#[derive(Debug, Clone)]
pub struct Annotation {
    /// Every key of the metadata object, as written.
    pub raw: Map<String, Value>,
    /// The `blockType` value.
    pub block_type: Option<String>,
    /// Byte range in the page of the comment.
    pub span: Range<usize>,
    /// The metadata with the page range of every key and value.
    pub tree: Option<json::Value>,
}

/// What kind of example a block is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BlockKind {
    /// An HTTP request.
    Request,
    /// The HTTP response to a request.
    Response,
    /// A JSON description of a resource.
    Resource,
    /// A JSON or HTTP example that is neither.
    Example,
    /// Marked not to be checked.
    Ignored,
    /// Any other `blockType` (samples, simulatedResponse, ...).
    Other(String),
    /// No metadata comment.
    Unannotated,
}

impl BlockKind {
    /// The kind a `blockType` value names.
    pub fn from_block_type(block_type: &str) -> Self {
        match block_type {
            "request" => BlockKind::Request,
            "response" => BlockKind::Response,
            "resource" => BlockKind::Resource,
            "example" => BlockKind::Example,
            "ignored" => BlockKind::Ignored,
            other => BlockKind::Other(other.to_string()),
        }
    }
}

impl Annotation {
    /// The block's kind from its `blockType`.
    pub fn kind(&self) -> BlockKind {
        self.block_type
            .as_deref()
            .map_or(BlockKind::Other(String::new()), BlockKind::from_block_type)
    }

    /// Whether a boolean key is set to true.
    pub fn flag(&self, key: &str) -> bool {
        self.raw.get(key).and_then(Value::as_bool).unwrap_or(false)
    }

    /// A string-valued key.
    pub fn string(&self, key: &str) -> Option<&str> {
        self.raw.get(key).and_then(Value::as_str)
    }

    /// The page range of a key's value, or of the whole comment when unknown.
    pub fn value_span(&self, key: &str) -> Range<usize> {
        self.tree
            .as_ref()
            .and_then(|t| t.get(key))
            .map_or(self.span.clone(), |v| v.span.clone())
    }

    /// The `@odata.type` (or `@type`) the block declares, with its page range.
    pub fn odata_type(&self) -> Option<(&str, Range<usize>)> {
        ["@odata.type", "@type"]
            .into_iter()
            .find_map(|key| self.string(key).map(|name| (name, self.value_span(key))))
    }
}

/// A metadata comment that is not valid JSON, with where and why.
#[derive(Debug, Clone)]
pub struct AnnotationError {
    /// The parse error, with ranges mapped to the page.
    pub error: SyntaxError,
    /// The `blockType` read from the broken text, so the block can still be checked.
    pub block_type: Option<String>,
}

/// Parses a metadata comment.
#[allow(clippy::result_large_err)] // built once per broken comment On failure, the error's ranges are page ranges.
pub fn parse(comment: &Comment) -> Result<Annotation, AnnotationError> {
    let text = &comment.content.text;
    match serde_json::from_str::<Value>(text) {
        Ok(value) => {
            let raw = match value {
                Value::Object(map) => map,
                _ => Map::new(),
            };
            let block_type = raw
                .get("blockType")
                .and_then(Value::as_str)
                .map(str::to_owned);
            let shift = text.len() - text.trim_start().len();
            let tree = json::parse(text.trim_start(), Allow::default())
                .ok()
                .map(|mut tree| {
                    tree.map_spans(&|r| comment.content.page_range(r.start + shift..r.end + shift));
                    tree
                });
            Ok(Annotation {
                raw,
                block_type,
                span: comment.span.clone(),
                tree,
            })
        }
        Err(serde_error) => {
            let shift = text.len() - text.trim_start().len();
            let mut error = json::parse(text.trim_start(), Allow::default())
                .err()
                .unwrap_or_else(|| json::reference_error(text.trim_start(), &serde_error));
            let map = |range: &Range<usize>| {
                comment
                    .content
                    .page_range(range.start + shift..range.end + shift)
            };
            error.span = map(&error.span);
            for label in &mut error.labels {
                label.0 = map(&label.0);
            }
            if let Some(fix) = &mut error.fix {
                for edit in &mut fix.edits {
                    edit.0 = map(&edit.0);
                }
            }
            Err(AnnotationError {
                error,
                block_type: salvage_block_type(text),
            })
        }
    }
}

/// Reads `"blockType": "..."` out of metadata that does not parse.
fn salvage_block_type(text: &str) -> Option<String> {
    let at = text.find("\"blockType\"")?;
    let rest = text[at + "\"blockType\"".len()..].trim_start();
    let rest = rest.strip_prefix(':')?.trim_start().strip_prefix('"')?;
    let end = rest.find('"')?;
    Some(rest[..end].to_string())
}
