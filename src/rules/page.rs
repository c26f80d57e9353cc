//! Page-level rules: `encoding`, `unclosed-fence` and `unclosed-comment`.

use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::markdown::Outline;

use super::{ENCODING, UNCLOSED_COMMENT, UNCLOSED_FENCE};

/// One diagnostic per invalid UTF-8 sequence.
pub fn encoding(document: &Document, out: &mut Vec<Diagnostic>) {
    for span in &document.invalid_utf8 {
        out.push(
            Diagnostic::new(&ENCODING, span.clone(), "invalid UTF-8".into())
                .with_label("not UTF-8")
                .with_help(
                    "the page holds bytes that are not UTF-8, shown here as `\u{FFFD}`; \
                     re-save the page as UTF-8 and retype the character",
                ),
        );
    }
}

/// The diagnostic for a file that is not text at all.
pub fn binary(out: &mut Vec<Diagnostic>) {
    out.push(
        Diagnostic::new(&ENCODING, 0..0, "binary file, not a Markdown page".into())
            .with_help("the file holds NUL bytes; rename it or exclude it with --exclude"),
    );
}

/// Fences and comments that never close.
pub fn unclosed(document: &Document, outline: &Outline, out: &mut Vec<Diagnostic>) {
    for block in outline.blocks.iter().filter(|b| !b.closed) {
        let line = document.line_span(document.line_of(block.span.start));
        let start = block.span.start.max(line.start);
        out.push(
            Diagnostic::new(
                &UNCLOSED_FENCE,
                start..line.end,
                "code fence is never closed".into(),
            )
            .with_label("opened here")
            .with_help(
                "add a closing fence of the same character, at least as long; the block's \
                     content is not checked until then",
            ),
        );
    }
    for comment in &outline.unclosed_comments {
        let start = document.text[comment.span.clone()]
            .find("<!--")
            .map_or(comment.span.start, |at| comment.span.start + at);
        out.push(
            Diagnostic::new(
                &UNCLOSED_COMMENT,
                start..start + 4,
                "HTML comment is never closed".into(),
            )
            .with_label("opened here")
            .with_help("close the comment with `-->`; it hides the rest of the page"),
        );
    }
}
