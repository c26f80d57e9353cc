//! `--format github`: GitHub Actions workflow commands, which the runner turns into
//! annotations on the pull request's diff.
//!
//! ```text
//! ::error file=docs/a.md,line=5,col=12,endLine=5,endColumn=13,title=json-syntax::trailing comma
//! docs/a.md:5:12: error[json-syntax]: trailing comma
//! 1 error, 0 warnings in 1 file (1 example) in 3 ms
//! ```
//!
//! GitHub shows only the first few annotations of a step, so the commands are
//! followed by the same findings as plain lines, which the step's log keeps whole.

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Document;
use crate::render::human;
use crate::run::RunReport;

/// Renders one workflow command per diagnostic, then one plain line per diagnostic
/// and failure, then the summary line.
pub fn render(report: &RunReport) -> String {
    let mut commands = String::new();
    let mut plain = String::new();
    for page in &report.pages {
        let mut diagnostics: Vec<&Diagnostic> = page.diagnostics.iter().collect();
        diagnostics.sort_by_key(|d| (d.span.start, d.span.end));
        for diagnostic in diagnostics {
            commands.push_str(&command(&page.document, diagnostic));
            plain.push_str(&plain_line(&page.document, diagnostic));
        }
    }
    for failure in &report.failures {
        plain.push_str(&format!("error: {failure}\n"));
    }
    commands + &plain + &human::summary_line(report)
}

/// `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=RULE::MESSAGE`, the help
/// on a second line of the message. The file is relative to the checkout, as GitHub
/// resolves it, so a leading `./` is dropped.
fn command(document: &Document, diagnostic: &Diagnostic) -> String {
    let (line, column) = document.line_column(diagnostic.span.start);
    let (end_line, end_column) = document.line_column(diagnostic.span.end);
    let kind = match diagnostic.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    };
    let message = match &diagnostic.help {
        Some(help) => format!("{}\nhelp: {help}", diagnostic.message),
        None => diagnostic.message.clone(),
    };
    format!(
        "::{kind} file={},line={line},col={column},endLine={end_line},\
         endColumn={end_column},title={}::{}\n",
        escape_property(document.path.trim_start_matches("./")),
        escape_property(diagnostic.rule),
        escape_data(&message)
    )
}

/// `path:line:col: severity[rule]: message`. The runner reads every output line
/// that starts with `::` as a command, so a path that starts so gets `./` before it.
pub fn plain_line(document: &Document, diagnostic: &Diagnostic) -> String {
    let (line, column) = document.line_column(diagnostic.span.start);
    let guard = if document.path.starts_with("::") {
        "./"
    } else {
        ""
    };
    format!(
        "{guard}{}:{line}:{column}: {}[{}]: {}\n",
        document.path,
        diagnostic.severity.as_str(),
        diagnostic.rule,
        diagnostic.message
    )
}

/// Escapes a command's message: `%`, carriage return and line feed.
pub fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a command's property value: as the message, plus `:` and `,`, which
/// separate properties.
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_follows_the_runner() {
        assert_eq!(escape_data("50% a:b,c\r\nd"), "50%25 a:b,c%0D%0Ad");
        assert_eq!(escape_property("50% a:b,c\nd"), "50%25 a%3Ab%2Cc%0Ad");
    }
}
