//! `--format json`: a stable, versioned report for tools.
//!
//! ```json
//! {"version":1,"summary":{"files":1,"blocks":2,"errors":1,"warnings":0,"infos":0},
//!  "diagnostics":[{"rule":"json-syntax","severity":"error","path":"a.md","line":9,
//!  "column":21,"end_line":9,"end_column":24,"message":"...","help":"..."}]}
//! ```

use serde::Serialize;

use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::run::RunReport;

#[derive(Serialize)]
struct Report<'a> {
    version: u32,
    summary: Summary,
    diagnostics: Vec<Entry<'a>>,
    failures: &'a [String],
}

#[derive(Serialize)]
struct Summary {
    files: usize,
    blocks: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
}

#[derive(Serialize)]
struct Entry<'a> {
    rule: &'static str,
    severity: &'static str,
    path: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    message: &'a str,
    help: Option<&'a str>,
    labels: Vec<LabelEntry<'a>>,
    fix: Option<FixEntry<'a>>,
}

#[derive(Serialize)]
struct LabelEntry<'a> {
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    message: &'a str,
}

#[derive(Serialize)]
struct FixEntry<'a> {
    title: &'a str,
    edits: Vec<EditEntry<'a>>,
}

#[derive(Serialize)]
struct EditEntry<'a> {
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    replacement: &'a str,
}

/// Renders the report as one JSON document followed by a newline.
pub fn render(report: &RunReport) -> String {
    let summary = report.summary();
    let mut diagnostics: Vec<Entry> = report
        .pages
        .iter()
        .flat_map(|page| page.diagnostics.iter().map(|d| entry(&page.document, d)))
        .collect();
    diagnostics.sort_by(|a, b| (a.path, a.line, a.column).cmp(&(b.path, b.line, b.column)));
    let document = Report {
        version: 1,
        summary: Summary {
            files: summary.files,
            blocks: summary.blocks,
            errors: summary.errors,
            warnings: summary.warnings,
            infos: summary.infos,
        },
        diagnostics,
        failures: &report.failures,
    };
    let mut text = serde_json::to_string(&document).expect("report serializes");
    text.push('\n');
    text
}

fn entry<'a>(document: &'a Document, diagnostic: &'a Diagnostic) -> Entry<'a> {
    let (line, column) = document.line_column(diagnostic.span.start);
    let (end_line, end_column) = document.line_column(diagnostic.span.end);
    Entry {
        rule: diagnostic.rule,
        severity: diagnostic.severity.as_str(),
        path: &document.path,
        line,
        column,
        end_line,
        end_column,
        message: &diagnostic.message,
        help: diagnostic.help.as_deref(),
        labels: diagnostic
            .labels
            .iter()
            .map(|label| {
                let (line, column) = document.line_column(label.span.start);
                let (end_line, end_column) = document.line_column(label.span.end);
                LabelEntry {
                    line,
                    column,
                    end_line,
                    end_column,
                    message: &label.message,
                }
            })
            .collect(),
        fix: diagnostic.fix.as_ref().map(|fix| FixEntry {
            title: &fix.title,
            edits: fix
                .edits
                .iter()
                .map(|edit| {
                    let (line, column) = document.line_column(edit.span.start);
                    let (end_line, end_column) = document.line_column(edit.span.end);
                    EditEntry {
                        line,
                        column,
                        end_line,
                        end_column,
                        replacement: &edit.replacement,
                    }
                })
                .collect(),
        }),
    }
}
