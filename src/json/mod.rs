//! JSON with a byte range for every value, and errors that name their cause.
//!
//! serde_json decides whether a body is valid; this parser exists because a
//! diagnostic needs more than a verdict. It keeps where each value sits (so later
//! checks can point at `$.value[3].id`), it can read the `...` that truncated
//! examples use, and when the text is broken it looks at what is there and says
//! why, in the terms a writer would use to fix it.

mod characters;
mod parser;
mod suspicious;

pub use characters::{describe, describe_meant, lookalike, mojibake, Lookalike, Mojibake};
pub use parser::parse;
pub use suspicious::{suspicious_characters, Suspicious};

use std::ops::Range;

/// Relaxations of strict RFC 8259 JSON.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Allow {
    /// `//` and `/* */` comments.
    pub comments: bool,
    /// A comma before `]` or `}`.
    pub trailing_commas: bool,
    /// `...` or `…` standing for elements left out of a truncated example.
    pub elision: bool,
}

/// A parsed JSON value and where it sits in the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Value {
    /// The value.
    pub node: Node,
    /// Byte range of the value in the parsed text.
    pub span: Range<usize>,
}

/// The kinds of JSON values.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, as written.
    Number(String),
    /// A string, unescaped.
    String(String),
    /// An array; `elided` when a `...` element stood in it.
    Array {
        /// The elements, elisions left out.
        items: Vec<Value>,
        /// Whether a `...` element stood in the array.
        elided: bool,
    },
    /// An object in written order, duplicates kept; `elided` as for arrays.
    Object {
        /// The members in written order.
        members: Vec<Member>,
        /// Whether a `...` member stood in the object.
        elided: bool,
    },
}

/// One `"key": value` pair of an object.
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    /// The key, unescaped.
    pub key: String,
    /// Byte range of the key, quotes included.
    pub key_span: Range<usize>,
    /// The value.
    pub value: Value,
}

impl Value {
    /// Rewrites every range in the tree (values and keys) with `map`, such as
    /// from a block's text to its page.
    pub fn map_spans(&mut self, map: &impl Fn(Range<usize>) -> Range<usize>) {
        self.span = map(self.span.clone());
        match &mut self.node {
            Node::Array { items, .. } => {
                for item in items {
                    item.map_spans(map);
                }
            }
            Node::Object { members, .. } => {
                for member in members {
                    member.key_span = map(member.key_span.clone());
                    member.value.map_spans(map);
                }
            }
            _ => {}
        }
    }

    /// The value of the first member named `key`, when this is an object.
    pub fn get(&self, key: &str) -> Option<&Value> {
        match &self.node {
            Node::Object { members, .. } => members.iter().find(|m| m.key == key).map(|m| &m.value),
            _ => None,
        }
    }

    /// The member named `key`, when this is an object.
    pub fn member(&self, key: &str) -> Option<&Member> {
        match &self.node {
            Node::Object { members, .. } => members.iter().find(|m| m.key == key),
            _ => None,
        }
    }

    /// The string, when this is one.
    pub fn as_str(&self) -> Option<&str> {
        match &self.node {
            Node::String(s) => Some(s),
            _ => None,
        }
    }
}

impl Node {
    /// The JSON type name: object, array, string, number, boolean or null.
    pub fn type_name(&self) -> &'static str {
        match self {
            Node::Null => "null",
            Node::Bool(_) => "boolean",
            Node::Number(_) => "number",
            Node::String(_) => "string",
            Node::Array { .. } => "array",
            Node::Object { .. } => "object",
        }
    }
}

/// Why a text is not JSON, with what a writer needs to fix it. Ranges are byte
/// ranges in the parsed text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// The offending characters; empty for a spot between two characters.
    pub span: Range<usize>,
    /// One line, lower-case.
    pub message: String,
    /// Shown at the span.
    pub label: String,
    /// The likely cause and what to change.
    pub help: Option<String>,
    /// Other places worth showing, such as the bracket that is never closed.
    pub labels: Vec<(Range<usize>, String)>,
    /// Edits that repair the defect when there is one right answer.
    pub fix: Option<TextFix>,
    /// Whether the text hit apiproof's nesting limit rather than a syntax error.
    pub too_deep: bool,
}

/// Replacements in the parsed text, with a title.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextFix {
    /// What the fix does.
    pub title: String,
    /// Non-overlapping replacements.
    pub edits: Vec<(Range<usize>, String)>,
}

/// Whether serde_json, the reference, accepts the text as strict RFC 8259 JSON.
/// It reads the grammar only (no values are built), so nesting depth is not
/// limited and `\ud800` escapes are grammar, as the RFC has them.
pub fn is_valid(text: &str) -> bool {
    serde_json::from_str::<serde::de::IgnoredAny>(text).is_ok()
}

/// A [`SyntaxError`] from serde_json's verdict alone, for the rare text that the
/// span parser accepts and serde_json does not, at the place serde_json names.
pub fn reference_error(text: &str, error: &serde_json::Error) -> SyntaxError {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(error.line().saturating_sub(1))
        .map(str::len)
        .sum();
    let mut at = (line_start + error.column().saturating_sub(1)).min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    SyntaxError {
        span: at..at,
        message: format!("invalid JSON: {error}"),
        label: "here".into(),
        help: None,
        labels: Vec::new(),
        fix: None,
        too_deep: false,
    }
}
