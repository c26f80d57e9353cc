//! The rule registry: every check apiproof makes, by stable id.
//!
//! Each rule carries its user documentation (summary, explanation, a failing and a
//! passing example) so that `apiproof rules` and the reports read from one place.
//! The checks themselves live in one file per family.

pub mod http;
pub mod json;
pub mod page;

use crate::diagnostic::Severity;

/// A check, as users see it.
#[derive(Debug)]
pub struct Rule {
    /// Stable id, used in reports and configuration.
    pub id: &'static str,
    /// Default severity.
    pub severity: Severity,
    /// One line.
    pub summary: &'static str,
    /// What the rule checks and why it matters.
    pub explanation: &'static str,
    /// A page fragment the rule reports.
    pub failing: &'static str,
    /// The same fragment, fixed.
    pub passing: &'static str,
}

/// The metadata comment of a block is not valid JSON.
pub static ANNOTATION_SYNTAX: Rule = Rule {
    id: "annotation-syntax",
    severity: Severity::Error,
    summary: "the metadata comment before a block is not valid JSON",
    explanation: "The HTML comment before an example tells tools what the block is. When \
        its JSON does not parse, the block's type and flags are lost and other checks \
        cannot run on it as intended.",
    failing: "<!-- { \"blockType\": \"request\", } -->",
    passing: "<!-- { \"blockType\": \"request\" } -->",
};

/// A JSON body or document does not parse.
pub static JSON_SYNTAX: Rule = Rule {
    id: "json-syntax",
    severity: Severity::Error,
    summary: "an example's JSON does not parse",
    explanation: "Readers copy examples into their code and tools; JSON that does not \
        parse fails for them at once. The diagnostic points at the offending character and \
        names the likely cause: a trailing or missing comma, a typographic quote, a \
        full-width comma, mojibake, a comment, an unquoted key.",
    failing: "{\n  \"displayName\": \"Team\",\n}",
    passing: "{\n  \"displayName\": \"Team\"\n}",
};

/// Lookalike or garbled characters in JSON structure.
pub static SUSPICIOUS_CHARACTER: Rule = Rule {
    id: "suspicious-character",
    severity: Severity::Error,
    summary: "a typographic, full-width or garbled character stands in JSON structure",
    explanation: "Word processors and wrong encodings turn JSON punctuation into \
        characters that look alike: `“` for `\"`, `，` for `,`, a no-break space, or mojibake \
        such as `ï¼Œ`. A parser stops at the first; this rule reports every one outside \
        strings, so a page can be fixed in one pass.",
    failing: "{ “id”： “1” }",
    passing: "{ \"id\": \"1\" }",
};

/// A malformed request line, status line or header.
pub static HTTP_SYNTAX: Rule = Rule {
    id: "http-syntax",
    severity: Severity::Error,
    summary: "an HTTP example has a malformed start line or header",
    explanation: "Requests and responses must be well-formed HTTP for readers and replay \
        to use them: a known upper-case method and a URL, a status line with a version and \
        a three-digit code, `Name: value` headers, and a blank line before the body.",
    failing: "HTTP 201 Created\nContent-Type application/json",
    passing: "HTTP/1.1 201 Created\nContent-Type: application/json",
};

/// A reason phrase that belongs to another code.
pub static STATUS_REASON: Rule = Rule {
    id: "status-reason",
    severity: Severity::Warning,
    summary: "a status line's reason phrase is not the one for its code",
    explanation: "`201 OK` is usually an edited code whose phrase was left behind; readers \
        cannot tell which of the two is right.",
    failing: "HTTP/1.1 201 OK",
    passing: "HTTP/1.1 201 Created",
};

/// A Content-Length that is not the body's length.
pub static CONTENT_LENGTH: Rule = Rule {
    id: "content-length",
    severity: Severity::Error,
    summary: "a Content-Length header does not match the body's length",
    explanation: "A request sent with a wrong Content-Length is cut off or hangs. The body \
        is counted as a reader copies it: indentation stripped, LF line ends, no final \
        newline; a count with CRLF line ends is accepted too. Errors on requests, warnings \
        on full responses; responses marked truncated are not checked.",
    failing: "POST /me/mailFolders\nContent-Length: 3\n\n{\"a\": 1}",
    passing: "POST /me/mailFolders\nContent-Length: 8\n\n{\"a\": 1}",
};

/// Text that is not valid UTF-8, or a binary file.
pub static ENCODING: Rule = Rule {
    id: "encoding",
    severity: Severity::Error,
    summary: "a page is not valid UTF-8 text",
    explanation: "Docs pages must be UTF-8. Invalid bytes render as replacement characters \
        and corrupt examples; a binary file with a .md name is not a page at all.",
    failing: "caf\\xE9 (a Latin-1 byte)",
    passing: "café",
};

/// A code fence that never closes.
pub static UNCLOSED_FENCE: Rule = Rule {
    id: "unclosed-fence",
    severity: Severity::Warning,
    summary: "a fenced code block is never closed",
    explanation: "Without its closing fence, a code block runs to the end of the page or \
        of its list item, swallowing the text after it. Its content is not checked.",
    failing: "```json\n{}\n\n## Next heading",
    passing: "```json\n{}\n```\n\n## Next heading",
};

/// An HTML comment that never closes.
pub static UNCLOSED_COMMENT: Rule = Rule {
    id: "unclosed-comment",
    severity: Severity::Warning,
    summary: "an HTML comment is never closed",
    explanation: "Without `-->`, the comment hides the rest of the page from readers and \
        from every other check.",
    failing: "<!-- { \"blockType\": \"request\" }\n```http\nGET /me\n```",
    passing: "<!-- { \"blockType\": \"request\" } -->\n```http\nGET /me\n```",
};

/// Every rule, in the order `apiproof rules` lists them.
pub static ALL: &[&Rule] = &[
    &ANNOTATION_SYNTAX,
    &JSON_SYNTAX,
    &SUSPICIOUS_CHARACTER,
    &HTTP_SYNTAX,
    &STATUS_REASON,
    &CONTENT_LENGTH,
    &ENCODING,
    &UNCLOSED_FENCE,
    &UNCLOSED_COMMENT,
];

/// The rule with this id.
pub fn find(id: &str) -> Option<&'static Rule> {
    ALL.iter().copied().find(|rule| rule.id == id)
}

/// The rule whose id is closest to `id`, for a "did you mean".
pub fn nearest(id: &str) -> Option<&'static Rule> {
    ALL.iter()
        .copied()
        .map(|rule| (strsim::levenshtein(id, rule.id), rule))
        .filter(|(distance, _)| *distance <= 3)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, rule)| rule)
}
