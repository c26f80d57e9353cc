//! The span-keeping JSON parser and its cause finder.

// A syntax error is built at most once per document and carries its help and fix;
// boxing it would buy nothing on a path that runs once.
#![allow(clippy::result_large_err)]

use std::ops::Range;

use super::characters::{describe, describe_meant, lookalike, mojibake};
use super::{Allow, Member, Node, SyntaxError, TextFix, Value};

/// Nesting deeper than this is reported instead of parsed, so that no page can
/// exhaust the stack. serde_json's `Value` refuses the same depth.
const MAX_DEPTH: usize = 127;

/// Parses `text` as one JSON document.
pub fn parse(text: &str, allow: Allow) -> Result<Value, SyntaxError> {
    let mut parser = Parser {
        text,
        bytes: text.as_bytes(),
        pos: 0,
        allow,
        depth: 0,
    };
    parser.document()
}

/// What the parser wanted where it stopped.
#[derive(Debug, Clone, Copy)]
enum Expect {
    Value,
    Key,
    Colon,
    /// `,` or the closing bracket of the container opened at `open`.
    Next {
        close: u8,
        open: usize,
    },
    End,
}

impl Expect {
    fn describe(self) -> String {
        match self {
            Expect::Value => "a value".into(),
            Expect::Key => "a string key".into(),
            Expect::Colon => "`:`".into(),
            Expect::Next { close, .. } => format!("`,` or `{}`", close as char),
            Expect::End => "the end of the JSON".into(),
        }
    }
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    allow: Allow,
    depth: usize,
}

type Parsed<T> = Result<T, SyntaxError>;

fn error(span: Range<usize>, message: impl Into<String>, label: impl Into<String>) -> SyntaxError {
    SyntaxError {
        span,
        message: message.into(),
        label: label.into(),
        help: None,
        labels: Vec::new(),
        fix: None,
        too_deep: false,
    }
}

impl SyntaxError {
    fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    fn also(mut self, span: Range<usize>, label: impl Into<String>) -> Self {
        self.labels.push((span, label.into()));
        self
    }

    fn too_deep(mut self) -> Self {
        self.too_deep = true;
        self
    }

    fn fix(mut self, title: impl Into<String>, edits: Vec<(Range<usize>, String)>) -> Self {
        self.fix = Some(TextFix {
            title: title.into(),
            edits,
        });
        self
    }
}

impl<'a> Parser<'a> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn rest(&self) -> &'a str {
        &self.text[self.pos..]
    }

    fn document(&mut self) -> Parsed<Value> {
        self.skip_whitespace()?;
        if self.pos == self.bytes.len() {
            return Err(error(0..0, "empty JSON document", "expected a value")
                .help("write the JSON document, or remove the empty block"));
        }
        if let Some(problem) = self.foreign_first_line() {
            return Err(problem);
        }
        let value = self.value()?;
        self.skip_whitespace()?;
        if self.pos < self.bytes.len() {
            return Err(self.unexpected(Expect::End));
        }
        Ok(value)
    }

    /// A first line that is an HTTP start line or header, not JSON.
    fn foreign_first_line(&self) -> Option<SyntaxError> {
        let line = self.rest().lines().next().unwrap_or_default().trim_end();
        let span = self.pos..self.pos + line.len();
        let first = line.split_whitespace().next().unwrap_or_default();
        if crate::http::is_method(first) && line.split_whitespace().nth(1).is_some()
            || first.starts_with("HTTP/")
        {
            return Some(
                error(
                    span,
                    "HTTP message where a JSON document belongs",
                    "an HTTP start line",
                )
                .help(
                    "this block holds an HTTP message: mark the fence ```http, or keep \
                         only the JSON body",
                ),
            );
        }
        let (name, value) = line.split_once(':')?;
        let is_token = !name.is_empty()
            && name.starts_with(|c: char| c.is_ascii_alphabetic())
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
        if is_token && !value.trim().is_empty() && !value.starts_with("//") {
            return Some(
                error(span, "HTTP header inside the JSON body", "a header line").help(
                    "headers belong above the blank line that ends them; remove the blank \
                     line before this header, or the header itself",
                ),
            );
        }
        None
    }

    fn skip_whitespace(&mut self) -> Parsed<()> {
        loop {
            match self.peek() {
                Some(b' ' | b'\t' | b'\n' | b'\r') => self.pos += 1,
                Some(b'/') if self.allow.comments => self.skip_comment()?,
                _ => return Ok(()),
            }
        }
    }

    fn skip_comment(&mut self) -> Parsed<()> {
        let rest = self.rest();
        if rest.starts_with("//") {
            self.pos += rest.find('\n').unwrap_or(rest.len());
        } else if rest.starts_with("/*") {
            let Some(end) = rest.strip_prefix("/*").and_then(|r| r.find("*/")) else {
                return Err(error(
                    self.pos..self.pos + 2,
                    "unclosed comment",
                    "this comment never ends",
                )
                .help("close it with `*/`"));
            };
            self.pos += end + 4;
        } else {
            return Err(self.unexpected(Expect::Value));
        }
        Ok(())
    }

    /// The length of an elision (`...` or `…`) standing alone as an element here.
    fn elision(&self) -> Option<usize> {
        let rest = self.rest();
        let len = if rest.starts_with("...") {
            rest.bytes().take_while(|&b| b == b'.').count()
        } else if rest.starts_with('\u{2026}') {
            '\u{2026}'.len_utf8()
        } else {
            return None;
        };
        let after = rest[len..].trim_start_matches([' ', '\t']);
        let alone = after.is_empty() || after.starts_with([',', ']', '}', '\n', '\r']);
        alone.then_some(len)
    }

    /// Consumes an elision, or explains why it is not allowed here.
    fn take_elision(&mut self, len: usize) -> Parsed<()> {
        let span = self.pos..self.pos + len;
        if !self.allow.elision {
            return Err(error(span, "`...` is not JSON", "elided elements").help(
                "if the example leaves elements out on purpose, mark it \
                 `\"truncated\": true` in its metadata; otherwise remove the `...`",
            ));
        }
        self.pos += len;
        Ok(())
    }

    fn value(&mut self) -> Parsed<Value> {
        match self.peek() {
            Some(b'{') => self.object(),
            Some(b'[') => self.array(),
            Some(b'"') => {
                let start = self.pos;
                let string = self.string()?;
                Ok(Value {
                    node: Node::String(string),
                    span: start..self.pos,
                })
            }
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(c) if c.is_ascii_alphabetic() => self.word(),
            _ => match self.elision() {
                Some(len) if self.allow.elision => Err(error(
                    self.pos..self.pos + len,
                    "`...` in place of a value",
                    "elided value",
                )
                .help("`...` can stand for whole elements only; write a value here")),
                Some(len) => Err(self.take_elision(len).expect_err("elision not allowed")),
                None => Err(self.unexpected(Expect::Value)),
            },
        }
    }

    fn enter(&mut self) -> Parsed<usize> {
        let open = self.pos;
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(error(
                open..open + 1,
                format!("JSON nested more than {MAX_DEPTH} levels deep"),
                "too deep",
            )
            .help("flatten the document; parsers refuse nesting this deep")
            .too_deep());
        }
        self.pos += 1;
        Ok(open)
    }

    fn array(&mut self) -> Parsed<Value> {
        let open = self.enter()?;
        let mut items = Vec::new();
        let mut elided = false;
        let mut comma: Option<usize> = None;
        let mut previous_elided = false;
        loop {
            self.skip_whitespace()?;
            match self.peek() {
                None => return Err(self.unclosed(open, b']')),
                Some(b']') => {
                    if let Some(at) = comma.filter(|_| !previous_elided) {
                        self.check_trailing_comma(at)?;
                    }
                    self.pos += 1;
                    break;
                }
                _ => {}
            }
            if let Some(len) = self.elision() {
                self.take_elision(len)?;
                elided = true;
                previous_elided = true;
            } else {
                let item = self.value()?;
                previous_elided = false;
                items.push(item);
            }
            let previous_end = self.pos;
            self.skip_whitespace()?;
            match self.peek() {
                Some(b',') => {
                    comma = Some(self.pos);
                    self.pos += 1;
                    continue;
                }
                Some(b']') => {
                    self.pos += 1;
                    break;
                }
                None => return Err(self.unclosed(open, b']')),
                Some(_) => return Err(self.after_element(previous_end, b']', open)),
            }
        }
        self.depth -= 1;
        Ok(Value {
            node: Node::Array { items, elided },
            span: open..self.pos,
        })
    }

    fn object(&mut self) -> Parsed<Value> {
        let open = self.enter()?;
        let mut members = Vec::new();
        let mut elided = false;
        let mut comma: Option<usize> = None;
        let mut previous_elided = false;
        loop {
            self.skip_whitespace()?;
            match self.peek() {
                None => return Err(self.unclosed(open, b'}')),
                Some(b'}') => {
                    if let Some(at) = comma.filter(|_| !previous_elided) {
                        self.check_trailing_comma(at)?;
                    }
                    self.pos += 1;
                    break;
                }
                _ => {}
            }
            if let Some(len) = self.elision() {
                self.take_elision(len)?;
                elided = true;
                previous_elided = true;
            } else {
                members.push(self.member()?);
                previous_elided = false;
            }
            let previous_end = self.pos;
            self.skip_whitespace()?;
            match self.peek() {
                Some(b',') => {
                    comma = Some(self.pos);
                    self.pos += 1;
                    continue;
                }
                Some(b'}') => {
                    self.pos += 1;
                    break;
                }
                None => return Err(self.unclosed(open, b'}')),
                Some(_) => return Err(self.after_element(previous_end, b'}', open)),
            }
        }
        self.depth -= 1;
        Ok(Value {
            node: Node::Object { members, elided },
            span: open..self.pos,
        })
    }

    fn member(&mut self) -> Parsed<Member> {
        let key_start = self.pos;
        let key = match self.peek() {
            Some(b'"') => self.string()?,
            _ => return Err(self.unexpected(Expect::Key)),
        };
        let key_span = key_start..self.pos;
        self.skip_whitespace()?;
        match self.peek() {
            Some(b':') => self.pos += 1,
            Some(c) if starts_value(c) => {
                return Err(error(
                    key_span.end..key_span.end,
                    "missing `:` after an object key",
                    "expected `:` here",
                )
                .help("put a colon between the key and its value")
                .fix("insert `:`", vec![(key_span.end..key_span.end, ":".into())]));
            }
            _ => return Err(self.unexpected(Expect::Colon)),
        }
        self.skip_whitespace()?;
        let value = self.value()?;
        Ok(Member {
            key,
            key_span,
            value,
        })
    }

    fn check_trailing_comma(&self, comma: usize) -> Parsed<()> {
        if self.allow.trailing_commas {
            return Ok(());
        }
        let close = self.bytes[self.pos] as char;
        Err(
            error(comma..comma + 1, "trailing comma", "remove this comma")
                .also(
                    self.pos..self.pos + 1,
                    format!("`{close}` follows the comma"),
                )
                .help(
                    "strict JSON has no comma after the last element: delete it, or pass \
                 `--json-allow trailing-commas` if your docs accept them",
                )
                .fix(
                    "remove the trailing comma",
                    vec![(comma..comma + 1, String::new())],
                ),
        )
    }

    /// The parser finished an element and did not find `,` or the closing bracket.
    fn after_element(&self, previous_end: usize, close: u8, open: usize) -> SyntaxError {
        let at = self.pos;
        let next_is_element = self.peek().is_some_and(starts_value) || self.elision().is_some();
        if next_is_element {
            return error(
                previous_end..previous_end,
                "missing comma between elements",
                "expected `,` here",
            )
            .also(at..at + 1, "the next element starts here")
            .help("put a comma after the element that ends here")
            .fix("insert `,`", vec![(previous_end..previous_end, ",".into())]);
        }
        self.unexpected(Expect::Next { close, open })
    }

    fn unclosed(&self, open: usize, close: u8) -> SyntaxError {
        let end = self.text.trim_end().len();
        let opener = self.bytes[open] as char;
        error(
            end..end,
            format!("unclosed `{opener}`"),
            format!("expected `{}` here", close as char),
        )
        .also(open..open + 1, format!("this `{opener}` is never closed"))
        .help(format!("add the missing `{}`", close as char))
    }

    /// Explains the character at the current position, which is not what `expect`
    /// wanted, naming the likely cause.
    fn unexpected(&self, expect: Expect) -> SyntaxError {
        let at = self.pos;
        let rest = self.rest();
        let Some(c) = rest.chars().next() else {
            return error(at..at, "unexpected end of JSON", "here")
                .help(format!("expected {}", expect.describe()));
        };
        let wanted = expect.describe();
        if let Some(garbled) = mojibake(rest) {
            return mojibake_error(at, &rest[..garbled.len], garbled.original, &wanted);
        }
        if let Some(look) = lookalike(c) {
            let span = at..at + c.len_utf8();
            return error(
                span.clone(),
                format!("`{c}` ({}) where JSON expects {wanted}", describe(c)),
                format!("meant {}", describe_meant(look.meant)),
            )
            .help(format!(
                "JSON punctuation is ASCII: replace it with {}",
                describe_meant(look.meant)
            ))
            .fix(
                format!("replace `{c}` with {}", describe_meant(look.meant)),
                vec![(span, look.meant.to_string())],
            );
        }
        if rest.starts_with("//") || rest.starts_with("/*") {
            let len = if rest.starts_with("//") {
                rest.find('\n').unwrap_or(rest.len())
            } else {
                rest.find("*/").map_or(2, |i| i + 2)
            };
            return error(at..at + len, "comment in JSON", "a comment").help(
                "JSON has no comments: remove it, or pass `--json-allow comments` if your \
                 docs accept them",
            );
        }
        if c == '\'' {
            return self.single_quoted(at);
        }
        if c.is_alphabetic() || c == '_' || c == '$' {
            let word = word_at(rest);
            let span = at..at + word.len();
            return match expect {
                Expect::Key => error(span.clone(), format!("unquoted key `{word}`"), "not quoted")
                    .help("JSON keys are strings: put the key in double quotes")
                    .fix("quote the key", vec![(span, format!("\"{word}\""))]),
                _ => unquoted_value(span, word, &wanted),
            };
        }
        if let Expect::Next { close, open } = expect {
            if matches!(c, ']' | '}') && c as u8 != close {
                let opener = self.bytes[open] as char;
                return error(
                    at..at + 1,
                    format!("`{c}` closes the `{opener}` opened earlier"),
                    "mismatched bracket",
                )
                .also(open..open + 1, format!("this `{opener}` is still open"))
                .help(format!(
                    "close the `{opener}` with `{}`, or add the missing opening bracket",
                    close as char
                ));
            }
        }
        if matches!(expect, Expect::End) && matches!(c, ']' | '}') {
            return error(at..at + 1, format!("unmatched `{c}`"), "nothing to close")
                .help("remove it, or add the opening bracket it belongs to");
        }
        if matches!(expect, Expect::Value | Expect::Key) && c == ',' {
            return error(
                at..at + 1,
                format!("expected {wanted}, found `,`"),
                "extra comma",
            )
            .help("remove the extra comma, or write the missing element");
        }
        let span = at..at + c.len_utf8();
        error(
            span,
            format!("unexpected `{}`; expected {wanted}", c.escape_debug()),
            "unexpected character",
        )
    }

    fn single_quoted(&self, at: usize) -> SyntaxError {
        let line = self.rest().lines().next().unwrap_or_default();
        let closing = line[1..].find('\'').map(|i| at + 1 + i);
        let end = closing.map_or(at + 1, |i| i + 1);
        let mut edits = vec![(at..at + 1, "\"".to_string())];
        if let Some(close) = closing {
            edits.push((close..close + 1, "\"".to_string()));
        }
        let found = error(at..end, "single-quoted string", "single quotes")
            .help("JSON strings use double quotes: replace `'` with `\"`");
        if closing.is_some() && !self.text[at + 1..end - 1].contains('"') {
            found.fix("use double quotes", edits)
        } else {
            found
        }
    }

    fn string(&mut self) -> Parsed<String> {
        let open = self.pos;
        self.pos += 1;
        let mut out = String::new();
        loop {
            let chunk_start = self.pos;
            while let Some(&b) = self.bytes.get(self.pos) {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.pos += 1;
            }
            out.push_str(&self.text[chunk_start..self.pos]);
            match self.peek() {
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => self.escape(&mut out)?,
                Some(b) => return Err(self.control_in_string(open, b)),
                None => {
                    return Err(error(
                        open..open + 1,
                        "unterminated string",
                        "this string never ends",
                    )
                    .help("close the string with `\"`"))
                }
            }
        }
    }

    fn control_in_string(&self, open: usize, byte: u8) -> SyntaxError {
        let at = self.pos;
        let (name, escape) = match byte {
            b'\n' | b'\r' => ("line break", "\\n"),
            b'\t' => ("tab", "\\t"),
            _ => ("control character", "\\u00XX"),
        };
        let found = error(
            at..at + 1,
            format!("raw {name} inside a string"),
            format!("raw {name}"),
        )
        .also(open..open + 1, "the string starts here");
        if byte == b'\n' || byte == b'\r' {
            found.help(format!(
                "close the string with `\"` before the line ends, or write the line break \
                 as `{escape}`"
            ))
        } else {
            let replacement = if byte == b'\t' {
                "\\t".to_string()
            } else {
                format!("\\u{byte:04x}")
            };
            found
                .help(format!(
                    "JSON strings cannot hold a raw {name}: write it as `{escape}`"
                ))
                .fix(
                    format!("escape the {name}"),
                    vec![(at..at + 1, replacement)],
                )
        }
    }

    fn escape(&mut self, out: &mut String) -> Parsed<()> {
        let at = self.pos;
        let Some(&kind) = self.bytes.get(at + 1) else {
            return Err(error(at..at + 1, "unterminated escape", "here"));
        };
        self.pos += 2;
        let decoded = match kind {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => return self.unicode_escape(at, out),
            _ => {
                let shown: String = self.text[at..].chars().take(2).collect();
                return Err(error(
                    at..at + shown.len(),
                    format!("invalid escape `{shown}`"),
                    "not a JSON escape",
                )
                .help(
                    "JSON knows \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX; write a \
                     backslash as `\\\\`",
                ));
            }
        };
        out.push(decoded);
        Ok(())
    }

    fn hex4(&mut self, escape_start: usize) -> Parsed<u32> {
        let digits = self.text.get(self.pos..self.pos + 4).unwrap_or_default();
        if digits.len() != 4 || !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(error(
                escape_start..self.pos,
                "invalid \\u escape",
                "needs four hex digits",
            )
            .help("write \\u followed by exactly four hexadecimal digits"));
        }
        self.pos += 4;
        Ok(u32::from_str_radix(digits, 16).expect("four hex digits"))
    }

    /// A `\\uXXXX` escape, with a following low surrogate when it makes a pair.
    /// An unpaired surrogate is valid JSON grammar; it decodes to U+FFFD.
    fn unicode_escape(&mut self, at: usize, out: &mut String) -> Parsed<()> {
        let first = self.hex4(at)?;
        let mut code = first;
        if (0xD800..=0xDBFF).contains(&first) && self.rest().starts_with("\\u") {
            let before = self.pos;
            self.pos += 2;
            let second = self.hex4(at)?;
            if (0xDC00..=0xDFFF).contains(&second) {
                code = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00);
            } else {
                self.pos = before;
            }
        }
        out.push(char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER));
        Ok(())
    }

    fn number(&mut self) -> Parsed<Value> {
        let start = self.pos;
        let invalid = |end: usize, message: &str| {
            error(
                start..end.max(start + 1),
                message.to_string(),
                "invalid number",
            )
        };
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => {
                self.pos += 1;
                if self.peek().is_some_and(|b| b.is_ascii_digit()) {
                    return Err(invalid(self.pos + 1, "number with a leading zero")
                        .help("JSON numbers have no leading zeros; quote it if it is an id"));
                }
            }
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(self.unexpected(Expect::Value)),
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if !self.peek().is_some_and(|b| b.is_ascii_digit()) {
                return Err(invalid(self.pos, "number ends in `.`")
                    .help("write a digit after the decimal point"));
            }
            self.digits();
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if !self.peek().is_some_and(|b| b.is_ascii_digit()) {
                return Err(invalid(self.pos, "exponent without digits")
                    .help("write digits after the exponent"));
            }
            self.digits();
        }
        let written = &self.text[start..self.pos];
        Ok(Value {
            node: Node::Number(written.to_string()),
            span: start..self.pos,
        })
    }

    fn digits(&mut self) {
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.pos += 1;
        }
    }

    fn word(&mut self) -> Parsed<Value> {
        let start = self.pos;
        let word = word_at(self.rest());
        // A literal glued to non-ASCII text is still the literal: in `falseï¼Œ` the
        // error, with its fix, is the garbled comma after it.
        let word = word
            .find(|c: char| !c.is_ascii())
            .map_or(word, |end| &word[..end]);
        let node = match word {
            "true" => Node::Bool(true),
            "false" => Node::Bool(false),
            "null" => Node::Null,
            _ => return Err(self.unexpected(Expect::Value)),
        };
        self.pos += word.len();
        Ok(Value {
            node,
            span: start..self.pos,
        })
    }
}

fn mojibake_error(at: usize, garbled: &str, original: char, wanted: &str) -> SyntaxError {
    let span = at..at + garbled.len();
    let origin = format!(
        "`{garbled}` is `{original}` ({}) saved as UTF-8, read back as Windows-1252 and \
         saved again",
        describe(original)
    );
    let found = error(
        span.clone(),
        format!("mojibake `{garbled}` where JSON expects {wanted}"),
        format!("garbled `{original}`"),
    );
    match lookalike(original) {
        Some(look) => found
            .help(format!(
                "{origin}; replace it with {}",
                describe_meant(look.meant)
            ))
            .fix(
                format!("replace `{garbled}` with {}", describe_meant(look.meant)),
                vec![(span, look.meant.to_string())],
            ),
        None => found.help(format!("{origin}; write the intended character instead")),
    }
}

fn unquoted_value(span: Range<usize>, word: &str, wanted: &str) -> SyntaxError {
    let meant = match word {
        "True" | "TRUE" => Some("true"),
        "False" | "FALSE" => Some("false"),
        "None" | "NULL" | "Null" | "nil" | "undefined" => Some("null"),
        _ => None,
    };
    if let Some(meant) = meant {
        return error(
            span.clone(),
            format!("`{word}` is not a JSON literal"),
            format!("not `{meant}`"),
        )
        .help(format!("JSON writes this as `{meant}`"))
        .fix(
            format!("replace with `{meant}`"),
            vec![(span, meant.to_string())],
        );
    }
    if matches!(word, "NaN" | "Infinity") {
        return error(span, format!("`{word}` is not a JSON number"), "not JSON")
            .help("JSON has no NaN or Infinity: use null or a string");
    }
    error(
        span,
        format!("unquoted text `{word}` where JSON expects {wanted}"),
        "not quoted",
    )
    .help("JSON strings need double quotes; if this is prose, move it out of the code block")
}

/// The identifier-like word at the start of `text`.
fn word_at(text: &str) -> &str {
    let end = text
        .char_indices()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '_' || c == '$' || c == '-' || c == '.'))
        .map_or(text.len(), |(i, _)| i);
    &text[..end]
}

fn starts_value(byte: u8) -> bool {
    matches!(
        byte,
        b'"' | b'{' | b'[' | b'-' | b'0'..=b'9' | b't' | b'f' | b'n'
    )
}

#[cfg(test)]
mod tests;
