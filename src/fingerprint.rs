//! Fingerprints of diagnostics that do not depend on line numbers.
//!
//! Code scanning and baselines must recognise a finding after lines were added
//! above it, so the fingerprint hashes what the finding is about (rule, page,
//! offending text, the text of its line), not where it is.

use std::collections::HashMap;

use sha2::{Digest, Sha256};

use crate::diagnostic::Diagnostic;
use crate::document::Document;

/// Fingerprints of one page's diagnostics, handed out in order.
///
/// The hash covers the rule id, the path (`./a.md` and `a.md` agree), the
/// offending text and the trimmed text of the line it starts on. Two findings with
/// the same hash on one page are told apart by their order, as `HASH:1`, `HASH:2`.
#[derive(Default)]
pub struct Fingerprints {
    seen: HashMap<String, usize>,
}

impl Fingerprints {
    /// The fingerprint of the next diagnostic of the page.
    pub fn next(&mut self, document: &Document, diagnostic: &Diagnostic) -> String {
        let text = &document.text;
        let start = diagnostic.span.start.min(text.len());
        let end = diagnostic.span.end.clamp(start, text.len());
        let offending = text.get(start..end).unwrap_or_default();
        let line = document.line_span(document.line_of(start));
        let line_text = text.get(line).unwrap_or_default().trim();
        let mut hasher = Sha256::new();
        let path = path_key(&document.path);
        for part in [diagnostic.rule, path, offending, line_text] {
            hasher.update(part.as_bytes());
            hasher.update([0]);
        }
        let hash: String = hasher
            .finalize()
            .iter()
            .map(|byte| format!("{byte:02x}"))
            .collect();
        let count = self.seen.entry(hash.clone()).or_insert(0);
        *count += 1;
        format!("{hash}:{count}")
    }
}

/// A path as fingerprints see it: without a leading `./`.
pub fn path_key(path: &str) -> &str {
    path.strip_prefix("./").unwrap_or(path)
}
