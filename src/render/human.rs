//! The default output: each diagnostic as a miette report with the page's lines,
//! the span underlined and the help, then a one-line summary.

use std::fmt;

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceCode, SourceSpan,
};

use crate::diagnostic::{Diagnostic, Severity};
use crate::run::RunReport;

/// Terminal width the reports wrap to.
pub const WIDTH: usize = 100;

/// Renders every diagnostic and the summary line. `color` picks ANSI styling.
pub fn render(report: &RunReport, color: bool) -> String {
    let mut out = render_diagnostics(report, color);
    out.push_str(&summary_line(report));
    out
}

/// Renders every diagnostic and failure, without the summary line.
pub fn render_diagnostics(report: &RunReport, color: bool) -> String {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(WIDTH)
        .with_links(false);
    let mut out = String::new();
    for page in &report.pages {
        if page.diagnostics.is_empty() {
            continue;
        }
        let source = NamedSource::new(page.document.path.clone(), page.document.text.clone());
        let mut diagnostics: Vec<&Diagnostic> = page.diagnostics.iter().collect();
        diagnostics.sort_by_key(|d| d.span.start);
        for diagnostic in diagnostics {
            let shown = Shown {
                diagnostic,
                source: &source,
            };
            if handler.render_report(&mut out, &shown).is_err() {
                out.push_str(&diagnostic.message);
            }
            out.push('\n');
        }
    }
    for failure in &report.failures {
        out.push_str(&format!("error: {failure}\n"));
    }
    out
}

/// `N errors, M warnings in F files (B examples) in T ms`.
pub fn summary_line(report: &RunReport) -> String {
    let summary = report.summary();
    format!(
        "{} {}, {} {} in {} {} ({} {}) in {} ms\n",
        summary.errors,
        plural(summary.errors, "error", "errors"),
        summary.warnings,
        plural(summary.warnings, "warning", "warnings"),
        summary.files,
        plural(summary.files, "file", "files"),
        summary.blocks,
        plural(summary.blocks, "example", "examples"),
        report.elapsed.as_millis()
    )
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 {
        one
    } else {
        many
    }
}

/// A diagnostic dressed for miette.
struct Shown<'a> {
    diagnostic: &'a Diagnostic,
    source: &'a NamedSource<String>,
}

impl fmt::Debug for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.diagnostic.message)
    }
}

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.diagnostic.message)
    }
}

impl std::error::Error for Shown<'_> {}

fn span(range: &std::ops::Range<usize>) -> SourceSpan {
    SourceSpan::new(range.start.into(), range.len())
}

impl miette::Diagnostic for Shown<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(self.diagnostic.rule))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.diagnostic.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        let help = self.diagnostic.help.as_deref()?;
        match &self.diagnostic.fix {
            Some(fix) => Some(Box::new(format!("{help}\nfix: {}", fix.title))),
            None => Some(Box::new(help)),
        }
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let primary = LabeledSpan::new_primary_with_span(
            self.diagnostic.label.clone(),
            span(&self.diagnostic.span),
        );
        let others = self.diagnostic.labels.iter().map(|label| {
            LabeledSpan::new_with_span(Some(label.message.clone()), span(&label.span))
        });
        Some(Box::new(std::iter::once(primary).chain(others)))
    }
}
