//! The default output: each diagnostic as a miette report with the page's lines,
//! the span underlined and the help, then a one-line summary.

use std::fmt;

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents,
    SourceCode, SourceSpan, SpanContents,
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
        let source = PageSource {
            name: page.document.path.clone(),
            text: &page.document.text,
        };
        let mut diagnostics: Vec<&Diagnostic> = page.diagnostics.iter().collect();
        diagnostics.sort_by_key(|d| d.span.start);
        for diagnostic in diagnostics {
            if touches_long_line(&page.document, diagnostic) {
                out.push_str(&plain(&page.document, diagnostic));
                out.push('\n');
                continue;
            }
            let shown = Shown {
                diagnostic,
                source: &source,
            };
            if handler.render_report(&mut out, &shown).is_err() {
                out.push_str(&plain(&page.document, diagnostic));
            }
            out.push('\n');
        }
    }
    for failure in &report.failures {
        out.push_str(&format!("error: {failure}\n"));
    }
    out
}

/// Lines longer than this are not drawn with their source: a minified page would
/// flood the terminal, and the drawing has a width limit of its own.
const LONGEST_DRAWN_LINE: usize = 2_000;

fn touches_long_line(document: &crate::document::Document, diagnostic: &Diagnostic) -> bool {
    std::iter::once(&diagnostic.span)
        .chain(diagnostic.labels.iter().map(|l| &l.span))
        .any(|span| {
            [span.start, span.end].into_iter().any(|offset| {
                let line = document.line_span(document.line_of(offset));
                line.len() > LONGEST_DRAWN_LINE
            })
        })
}

/// A diagnostic without its source lines: `path:line:col: severity[rule]: message`.
fn plain(document: &crate::document::Document, diagnostic: &Diagnostic) -> String {
    let mut text = super::github::plain_line(document, diagnostic);
    if let Some(help) = &diagnostic.help {
        text.push_str(&format!("  help: {help}\n"));
    }
    text
}

/// A page as miette reads it. miette counts columns in bytes; apiproof's reports
/// count characters (without the byte order mark), so the column is recounted.
struct PageSource<'a> {
    name: String,
    text: &'a str,
}

impl SourceCode for PageSource<'_> {
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        let inner = self.text.read_span(span, before, after)?;
        let start = inner.span().offset();
        let line_start = self.text[..start].rfind('\n').map_or(0, |i| i + 1);
        let prefix = &self.text[line_start..start];
        let prefix = if line_start == 0 {
            prefix.trim_start_matches('\u{feff}')
        } else {
            prefix
        };
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            *inner.span(),
            inner.line(),
            prefix.chars().count(),
            inner.line_count(),
        )))
    }
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
    source: &'a PageSource<'a>,
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
