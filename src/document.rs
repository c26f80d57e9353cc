//! A page as read from disk: its text, how it was decoded, and a line index.
//!
//! Everything else in apiproof points into a page with byte offsets; this module
//! is where an offset becomes the 1-based line and character column a user sees.

use std::ops::Range;
use std::sync::OnceLock;

/// The byte order mark some editors put at the start of UTF-8 files.
const BOM: char = '\u{feff}';

/// A page's text and what is needed to report positions in it.
#[derive(Debug)]
pub struct Document {
    /// The path as the user named it, with `/` separators.
    pub path: String,
    /// The page text. Invalid UTF-8 sequences are replaced by U+FFFD, one per sequence.
    pub text: String,
    /// Byte offset in `text` where each line starts; built on first use, since
    /// most pages have nothing to report.
    line_starts: OnceLock<Vec<usize>>,
    /// Byte ranges in `text` of the replacement characters that stand for invalid UTF-8.
    pub invalid_utf8: Vec<Range<usize>>,
    /// Whether the file looked binary; its text is then empty, not the file's.
    pub binary: bool,
}

/// What reading a file's bytes gave.
pub enum Decoded {
    /// A text page, possibly with invalid UTF-8 sequences replaced.
    Text(Document),
    /// The bytes look like a binary file (they hold NUL bytes): not checked further.
    Binary(Document),
}

impl Document {
    /// Builds a document from text that is known to be valid UTF-8.
    pub fn new(path: impl Into<String>, text: String) -> Self {
        Document {
            path: path.into(),
            text,
            line_starts: OnceLock::new(),
            invalid_utf8: Vec::new(),
            binary: false,
        }
    }

    /// Decodes a file's bytes, keeping what is valid and recording what is not.
    pub fn decode(path: impl Into<String>, bytes: Vec<u8>) -> Decoded {
        let path = path.into();
        let probe = &bytes[..bytes.len().min(8192)];
        if probe.contains(&0) {
            let mut document = Document::new(path, String::new());
            document.binary = true;
            return Decoded::Binary(document);
        }
        match String::from_utf8(bytes) {
            Ok(text) => Decoded::Text(Document::new(path, text)),
            Err(error) => {
                let bytes = error.into_bytes();
                let (text, invalid) = replace_invalid_utf8(&bytes);
                let mut document = Document::new(path, text);
                document.invalid_utf8 = invalid;
                Decoded::Text(document)
            }
        }
    }

    /// Whether the page starts with a byte order mark.
    pub fn has_bom(&self) -> bool {
        self.text.starts_with(BOM)
    }

    /// The 1-based line and column of a byte offset. Columns count Unicode scalar
    /// values; a tab is one, and the byte order mark is not counted.
    pub fn line_column(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let starts = self.line_starts();
        let line = starts.partition_point(|&start| start <= offset) - 1;
        let mut start = starts[line];
        if line == 0 && self.has_bom() {
            start = start.max(BOM.len_utf8()).min(offset);
        }
        let column = self
            .text
            .get(start..offset)
            .map_or(0, |s| s.chars().count());
        (line + 1, column + 1)
    }

    /// The 1-based line number of a byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        self.line_column(offset).0
    }

    /// Byte range of a 1-based line, without its line ending.
    pub fn line_span(&self, line: usize) -> Range<usize> {
        let starts = self.line_starts();
        let start = starts[line - 1];
        let end = starts.get(line).copied().unwrap_or(self.text.len());
        let text = &self.text[start..end];
        let trimmed = text.trim_end_matches(['\n', '\r']);
        start..start + trimmed.len()
    }

    /// Number of lines.
    pub fn line_count(&self) -> usize {
        self.line_starts().len()
    }

    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| line_starts(&self.text))
    }
}

fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect()
}

/// Replaces each maximal invalid UTF-8 sequence with U+FFFD, as `from_utf8_lossy`
/// does, and returns where the replacements landed in the new text.
fn replace_invalid_utf8(mut bytes: &[u8]) -> (String, Vec<Range<usize>>) {
    let mut text = String::with_capacity(bytes.len() + 16);
    let mut invalid = Vec::new();
    loop {
        match std::str::from_utf8(bytes) {
            Ok(rest) => {
                text.push_str(rest);
                return (text, invalid);
            }
            Err(error) => {
                let (valid, after) = bytes.split_at(error.valid_up_to());
                text.push_str(std::str::from_utf8(valid).expect("checked valid prefix"));
                let start = text.len();
                text.push(char::REPLACEMENT_CHARACTER);
                invalid.push(start..text.len());
                let skip = error.error_len().unwrap_or(after.len());
                bytes = &after[skip..];
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_and_skip_the_bom() {
        let doc = Document::new("a.md", "\u{feff}ab\n\tï¼Œx\n".to_string());
        assert_eq!(doc.line_column(3), (1, 1));
        assert_eq!(doc.line_column(4), (1, 2));
        let x = doc.text.find('x').unwrap();
        assert_eq!(doc.line_column(x), (2, 5));
    }

    #[test]
    fn invalid_utf8_becomes_one_replacement_per_sequence() {
        let Decoded::Text(doc) = Document::decode("a.md", b"ok\nab\xe2\x80cd\n".to_vec()) else {
            panic!("text expected")
        };
        assert_eq!(doc.invalid_utf8.len(), 1);
        assert_eq!(doc.line_column(doc.invalid_utf8[0].start), (2, 3));
        assert!(doc.text.ends_with("cd\n"));
    }

    #[test]
    fn nul_bytes_mean_binary() {
        assert!(matches!(
            Document::decode("a.md", vec![0x89, b'P', 0, 1]),
            Decoded::Binary(_)
        ));
    }

    #[test]
    fn line_span_excludes_crlf() {
        let doc = Document::new("a.md", "ab\r\ncd".to_string());
        assert_eq!(&doc.text[doc.line_span(1)], "ab");
        assert_eq!(&doc.text[doc.line_span(2)], "cd");
    }
}
