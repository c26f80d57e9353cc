//! Diagnostics: what a rule found, where, and how to fix it.
//!
//! A diagnostic holds byte ranges into its page; only renderers turn them into
//! lines and columns, because each output format counts columns its own way.

use std::ops::Range;

/// How much a finding matters. Ordered so that `Error` is the greatest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Worth knowing; never fails a run.
    Info,
    /// Likely wrong; fails a run only with `--deny-warnings`.
    Warning,
    /// Wrong; fails the run.
    Error,
}

impl Severity {
    /// The lower-case name used in reports and configuration.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A byte range in a page, with a note shown beside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// Byte range in the page text.
    pub span: Range<usize>,
    /// Short text shown at the range.
    pub message: String,
}

/// One replacement of a byte range, part of a [`Fix`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    /// Byte range in the page text to replace.
    pub span: Range<usize>,
    /// The text that replaces it.
    pub replacement: String,
}

/// Edits that repair a defect that has exactly one right answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    /// What the fix does, in a few words.
    pub title: String,
    /// Non-overlapping edits.
    pub edits: Vec<Edit>,
}

/// A defect found in a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The id of the rule that found it, such as `json-syntax`.
    pub rule: &'static str,
    /// Severity after configuration.
    pub severity: Severity,
    /// One line, lower-case, no final period.
    pub message: String,
    /// Byte range of the defect in the page; empty for a spot between characters.
    pub span: Range<usize>,
    /// Text shown at the primary span.
    pub label: Option<String>,
    /// Further places that explain the defect.
    pub labels: Vec<Label>,
    /// What to change.
    pub help: Option<String>,
    /// A machine-applicable repair, when there is exactly one.
    pub fix: Option<Fix>,
}

impl Diagnostic {
    /// A diagnostic of `rule` at `span`, with the rule's default severity.
    pub fn new(rule: &'static crate::rules::Rule, span: Range<usize>, message: String) -> Self {
        Diagnostic {
            rule: rule.id,
            severity: rule.severity,
            message,
            span,
            label: None,
            labels: Vec::new(),
            help: None,
            fix: None,
        }
    }

    /// Sets the help text.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Sets the text shown at the primary span.
    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    /// Adds a secondary labelled range.
    pub fn with_secondary(mut self, span: Range<usize>, message: impl Into<String>) -> Self {
        self.labels.push(Label {
            span,
            message: message.into(),
        });
        self
    }

    /// Sets the severity.
    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    /// Attaches a fix.
    pub fn with_fix(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
    }
}
