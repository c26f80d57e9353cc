//! Which rules' fixes `check --fix` applies, and on what condition.
//!
//! Every fix a rule attaches is meant to have one right answer, but some rules
//! attach a guess (the nearest name) beside a certain repair (the same name in
//! another letter case). This table is the one place that decides, per rule, so
//! the README and the fixer cannot disagree.

use crate::diagnostic::Fix;

/// When the fixes of a rule are applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applied {
    /// Whenever the rule attaches a fix.
    Always,
    /// Only when every edit changes nothing but the letter case of what it replaces.
    LetterCaseOnly,
}

/// A rule whose fixes are applied, and why they are safe.
#[derive(Debug, Clone, Copy)]
pub struct Policy {
    /// The rule id.
    pub rule: &'static str,
    /// When its fixes are applied.
    pub applied: Applied,
    /// What its fixes repair, for the documentation.
    pub repairs: &'static str,
}

/// The rules whose fixes `--fix` applies. A rule not listed here is never fixed,
/// even if it attaches a fix.
pub static POLICIES: &[Policy] = &[
    Policy {
        rule: "json-syntax",
        applied: Applied::Always,
        repairs: "trailing and missing commas, typographic, full-width and garbled \
                  punctuation, unquoted keys, single quotes, raw tabs in strings, \
                  `True`/`None` literals",
    },
    Policy {
        rule: "suspicious-character",
        applied: Applied::Always,
        repairs: "lookalike and garbled characters in JSON structure with a known ASCII meaning",
    },
    Policy {
        rule: "annotation-syntax",
        applied: Applied::Always,
        repairs: "the same JSON defects in a metadata comment",
    },
    Policy {
        rule: "content-length",
        applied: Applied::Always,
        repairs: "a Content-Length that is not the body's byte length",
    },
    Policy {
        rule: "http-syntax",
        applied: Applied::Always,
        repairs: "a lower-case method, a bare `HTTP` version",
    },
    Policy {
        rule: "status-reason",
        applied: Applied::Always,
        repairs: "a reason phrase that belongs to no status code, replaced by its code's",
    },
    Policy {
        rule: "malformed-link",
        applied: Applied::Always,
        repairs: "a space between `]` and `(`",
    },
    Policy {
        rule: "broken-link",
        applied: Applied::LetterCaseOnly,
        repairs: "a link target that differs from its file in letter case",
    },
    Policy {
        rule: "unknown-type",
        applied: Applied::LetterCaseOnly,
        repairs: "a type name that differs from a declared one in letter case",
    },
    Policy {
        rule: "unknown-property",
        applied: Applied::LetterCaseOnly,
        repairs: "a property name that differs from a declared one in letter case",
    },
];

/// Whether `fix`, attached by `rule`, is applied to `text`, the page it points into.
///
/// Beyond the table, a fix is refused when an edit falls outside the page or
/// inside a character, or adds or removes a line break: a new line could end up
/// without the indentation of its list item or with the wrong line ending.
pub fn allows(rule: &str, fix: &Fix, text: &str) -> bool {
    let Some(policy) = POLICIES.iter().find(|p| p.rule == rule) else {
        return false;
    };
    fix.edits.iter().all(|edit| {
        let Some(replaced) = text.get(edit.span.clone()) else {
            return false;
        };
        let breaks_lines = |s: &str| s.contains(['\n', '\r']);
        if breaks_lines(replaced) || breaks_lines(&edit.replacement) {
            return false;
        }
        match policy.applied {
            Applied::Always => true,
            Applied::LetterCaseOnly => replaced.eq_ignore_ascii_case(&edit.replacement),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Edit;

    fn fix(span: std::ops::Range<usize>, replacement: &str) -> Fix {
        Fix {
            title: String::new(),
            edits: vec![Edit {
                span,
                replacement: replacement.into(),
            }],
        }
    }

    #[test]
    fn unlisted_rules_are_never_fixed() {
        assert!(!allows("duplicate-key", &fix(0..1, "b"), "a"));
    }

    #[test]
    fn letter_case_rules_refuse_another_name() {
        let text = "\"microsoft.graph.User\"";
        assert!(allows(
            "unknown-type",
            &fix(0..text.len(), "\"microsoft.graph.user\""),
            text
        ));
        assert!(!allows(
            "unknown-type",
            &fix(0..text.len(), "\"microsoft.graph.usr\""),
            text
        ));
    }

    #[test]
    fn line_breaks_and_bad_ranges_are_refused() {
        assert!(!allows("http-syntax", &fix(2..2, "\n"), "ab\ncd"));
        assert!(!allows("json-syntax", &fix(0..2, ","), "\u{ff0c}"));
        assert!(!allows("json-syntax", &fix(3..9, ","), "abc"));
        assert!(allows("json-syntax", &fix(0..3, ","), "\u{ff0c}"));
    }
}
