//! Maps offsets in text that was pieced together back to the page it came from.
//!
//! The Markdown parser strips list indentation, `> ` markers and carriage returns
//! from code blocks and HTML comments. A [`SourceMap`] remembers where each piece
//! started in the page, so a position found in the piecewise text is reported at
//! the exact character of the file.

use std::ops::Range;

#[derive(Debug, Clone, Copy)]
struct Segment {
    /// Where the piece starts in the assembled text.
    text_start: usize,
    /// Where it starts in the page.
    page_start: usize,
    /// Its length in bytes.
    len: usize,
    /// Whether the piece is a verbatim copy of the page (not a synthetic space
    /// standing for part of a tab).
    verbatim: bool,
}

/// Text assembled from pieces of a page, with the way back to the page.
#[derive(Debug, Clone, Default)]
pub struct MappedText {
    /// The assembled text.
    pub text: String,
    segments: Vec<Segment>,
}

impl MappedText {
    /// Appends a piece that stands at `page_range` in the page.
    pub fn push(&mut self, piece: &str, page_range: Range<usize>) {
        if piece.is_empty() {
            return;
        }
        let verbatim = page_range.len() == piece.len();
        self.segments.push(Segment {
            text_start: self.text.len(),
            page_start: page_range.start,
            len: piece.len(),
            verbatim,
        });
        self.text.push_str(piece);
    }

    /// The page offset of a text offset. An offset at the end of the text maps
    /// to the end of the last piece.
    pub fn page_offset(&self, offset: usize) -> usize {
        let index = self
            .segments
            .partition_point(|s| s.text_start <= offset)
            .saturating_sub(1);
        let Some(segment) = self.segments.get(index) else {
            return 0;
        };
        let within = offset.saturating_sub(segment.text_start);
        if !segment.verbatim {
            return segment.page_start;
        }
        segment.page_start + within.min(segment.len)
    }

    /// The page offset for the end of a range: an offset where one piece ends
    /// and the next begins belongs to the piece that ends there.
    fn page_end(&self, offset: usize) -> usize {
        if offset == 0 {
            return self.page_offset(0);
        }
        let index = self
            .segments
            .partition_point(|s| s.text_start < offset)
            .saturating_sub(1);
        match self.segments.get(index) {
            Some(s) if s.verbatim => s.page_start + (offset - s.text_start).min(s.len),
            Some(s) => s.page_start,
            None => 0,
        }
    }

    /// Maps a range of the text to the page.
    pub fn page_range(&self, range: Range<usize>) -> Range<usize> {
        let start = self.page_offset(range.start);
        if range.is_empty() {
            return start..start;
        }
        let end = self.page_end(range.end).max(start);
        start..end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_through_stripped_indentation() {
        let page = "   {\n     \"a\": 1\n   }\n";
        let mut mapped = MappedText::default();
        mapped.push("{\n", 3..5);
        mapped.push("  \"a\": 1\n", 8..17);
        mapped.push("}\n", 20..22);
        let a = mapped.text.find("\"a\"").unwrap();
        let range = mapped.page_range(a..a + 3);
        assert_eq!(&page[range], "\"a\"");
        let close = mapped.text.find('}').unwrap();
        assert_eq!(mapped.page_offset(close), 20);
        // The end of the first line maps to the end of its piece, not the next one.
        assert_eq!(mapped.page_range(0..2), 3..5);
    }

    #[test]
    fn synthetic_pieces_map_to_their_start() {
        let mut mapped = MappedText::default();
        mapped.push(" ", 10..10);
        mapped.push("x\n", 10..12);
        assert_eq!(mapped.page_offset(0), 10);
        assert_eq!(mapped.page_offset(1), 10);
        assert_eq!(mapped.page_offset(2), 11);
    }
}
