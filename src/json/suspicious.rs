//! Every lookalike or garbled character in JSON structure, not only the first.
//!
//! A parser stops at the first defect; a writer wants to fix a pasted block in one
//! go. This scan reads the text as a sequence of strings and structure, without
//! needing the structure to be valid, and reports each character outside strings
//! that stands for JSON punctuation or space.

use std::ops::Range;

use super::characters::{lookalike, mojibake};

/// A character (or a garbled run of them) found in JSON structure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suspicious {
    /// Byte range in the scanned text.
    pub span: Range<usize>,
    /// The character the text stands for: the lookalike itself, or the character
    /// whose UTF-8 bytes were garbled.
    pub character: char,
    /// Whether the text is mojibake of `character`.
    pub garbled: bool,
    /// The ASCII text meant, when the character is a lookalike of one.
    pub meant: Option<&'static str>,
}

/// Finds lookalike and garbled characters outside JSON strings.
pub fn suspicious_characters(text: &str) -> Vec<Suspicious> {
    let mut found = Vec::new();
    let mut in_string = false;
    let mut chars = text.char_indices();
    while let Some((at, c)) = chars.next() {
        if in_string {
            match c {
                '\\' => {
                    chars.next();
                }
                '"' | '\n' => in_string = false,
                _ => {}
            }
            continue;
        }
        if c == '"' {
            in_string = true;
            continue;
        }
        if c.is_ascii() {
            continue;
        }
        if let Some(garbled) = mojibake(&text[at..]) {
            found.push(Suspicious {
                span: at..at + garbled.len,
                character: garbled.original,
                garbled: true,
                meant: lookalike(garbled.original).map(|l| l.meant),
            });
            for _ in 1..garbled.chars {
                chars.next();
            }
        } else if let Some(look) = lookalike(c) {
            found.push(Suspicious {
                span: at..at + c.len_utf8(),
                character: c,
                garbled: false,
                meant: Some(look.meant),
            });
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_lookalike_outside_strings() {
        let text = "{\n  \u{201C}a\u{201D}: 1\u{FF0C}\n  \"b\u{FF0C}\": 2ï¼Œ\n}";
        let found = suspicious_characters(text);
        let spans: Vec<&str> = found.iter().map(|s| &text[s.span.clone()]).collect();
        assert_eq!(spans, ["\u{201C}", "\u{201D}", "\u{FF0C}", "ï¼Œ"]);
        assert!(found[3].garbled);
        assert_eq!(found[3].character, '\u{FF0C}');
        assert_eq!(found[3].meant, Some(","));
    }

    #[test]
    fn characters_inside_strings_are_text() {
        assert!(
            suspicious_characters("{\"a\": \"it\u{2019}s\u{00A0}ok \\\" \u{FF0C}\"}").is_empty()
        );
    }
}
