//! The source lines of a finding, escaped, with its span marked, so a reader sees
//! the defect in the report without opening the page.

use std::fmt::Write as _;
use std::ops::Range;

use crate::document::Document;

use super::escape;

/// Lines shown at most; a longer span is cut after them.
const MAX_LINES: usize = 6;

/// A `<pre>` with the lines `span` touches, each with its number, the span's part
/// of each line in `<mark>`. An empty span is a caret between two characters.
pub fn render(document: &Document, span: &Range<usize>) -> String {
    let text = &document.text;
    let start = span.start.min(text.len());
    let end = span.end.clamp(start, text.len());
    let first = document.line_of(start);
    let last = document.line_of(end).min(first + MAX_LINES - 1);
    let mut out = String::from("<pre class=\"snippet\">");
    for line in first..=last.min(document.line_count()) {
        let range = document.line_span(line);
        let from = start.clamp(range.start, range.end);
        let to = end.clamp(range.start, range.end);
        let _ = write!(out, "<span class=\"ln\">{line:>5}</span> ");
        let pieces = (
            text.get(range.start..from),
            text.get(from..to),
            text.get(to..range.end),
        );
        match pieces {
            (Some(before), Some(marked), Some(after)) => {
                out.push_str(&escape::html(before));
                if marked.is_empty() && start == end && line == first {
                    out.push_str("<mark class=\"spot\"></mark>");
                } else if !marked.is_empty() {
                    let _ = write!(out, "<mark>{}</mark>", escape::html(marked));
                }
                out.push_str(&escape::html(after));
            }
            _ => out.push_str(&escape::html(&String::from_utf8_lossy(
                &text.as_bytes()[range.clone()],
            ))),
        }
        out.push('\n');
    }
    if document.line_of(end) > last {
        out.push_str("<span class=\"ln\">  ...</span>\n");
    }
    out.push_str("</pre>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_the_span_and_escapes_the_line() {
        let doc = Document::new("a.md", "x\n<b>{\"a\": 1,}</b>\n".to_string());
        let comma = doc.text.find(",}").expect("comma");
        let html = render(&doc, &(comma..comma + 1));
        assert!(html.contains("&lt;b&gt;{&quot;a&quot;: 1<mark>,</mark>}&lt;/b&gt;"));
        assert!(html.contains("<span class=\"ln\">    2</span>"));
        assert!(!html.contains("<b>"));
    }

    #[test]
    fn an_empty_span_is_a_caret() {
        let doc = Document::new("a.md", "{\"a\": 1 \"b\": 2}".to_string());
        let html = render(&doc, &(8..8));
        assert!(html.contains("1 <mark class=\"spot\"></mark>&quot;b"));
    }
}
