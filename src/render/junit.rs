//! `--format junit`: JUnit XML, the test report CI servers (GitLab, Jenkins) show.
//!
//! A run is one test suite and each checked page one test case. A page fails when
//! it has a diagnostic at or above the failing severity; its `<failure>` names the
//! first finding and lists them all. Files that could not be read are test cases
//! with an `<error>`. Findings below the failing severity go to `<system-out>`.
//!
//! ```xml
//! <testsuites name="apiproof" tests="2" failures="1" errors="0" time="0.004">
//!   <testsuite name="apiproof check" tests="2" failures="1" errors="0" ...>
//!     <testcase name="docs/a.md" classname="docs/a.md">
//!       <failure message="5:12: trailing comma" type="json-syntax">5:12: error[json-syntax]: ...
//! ```

use std::io;

use quick_xml::escape::partial_escape;
use quick_xml::events::{BytesDecl, BytesText, Event};
use quick_xml::Writer;

use crate::check::PageReport;
use crate::diagnostic::{Diagnostic, Severity};
use crate::run::RunReport;

/// Renders the report as a JUnit XML document. Pages with a diagnostic at or above
/// `failing` are failed test cases.
pub fn render(report: &RunReport, failing: Severity) -> String {
    let mut writer = Writer::new_with_indent(Vec::new(), b' ', 2);
    write(&mut writer, report, failing).expect("writing to memory does not fail");
    let mut text = String::from_utf8(writer.into_inner()).expect("the XML is built from text");
    text.push('\n');
    text
}

fn write(writer: &mut Writer<Vec<u8>>, report: &RunReport, failing: Severity) -> io::Result<()> {
    let tests = (report.pages.len() + report.failures.len()).to_string();
    let failures = report
        .pages
        .iter()
        .filter(|page| page.diagnostics.iter().any(|d| d.severity >= failing))
        .count()
        .to_string();
    let errors = report.failures.len().to_string();
    let time = format!("{:.3}", report.elapsed.as_secs_f64());
    writer.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    writer
        .create_element("testsuites")
        .with_attributes([
            ("name", "apiproof"),
            ("tests", tests.as_str()),
            ("failures", failures.as_str()),
            ("errors", errors.as_str()),
            ("time", time.as_str()),
        ])
        .write_inner_content(|writer| {
            writer
                .create_element("testsuite")
                .with_attributes([
                    ("name", "apiproof check"),
                    ("tests", tests.as_str()),
                    ("failures", failures.as_str()),
                    ("errors", errors.as_str()),
                    ("skipped", "0"),
                    ("time", time.as_str()),
                ])
                .write_inner_content(|writer| {
                    for page in &report.pages {
                        test_case(writer, page, failing)?;
                    }
                    for failure in &report.failures {
                        unreadable(writer, failure)?;
                    }
                    Ok(())
                })?;
            Ok(())
        })?;
    Ok(())
}

fn test_case(writer: &mut Writer<Vec<u8>>, page: &PageReport, failing: Severity) -> io::Result<()> {
    let path = xml_text(&page.document.path);
    let element = writer
        .create_element("testcase")
        .with_attributes([("name", path.as_str()), ("classname", path.as_str())]);
    let mut diagnostics: Vec<&Diagnostic> = page.diagnostics.iter().collect();
    diagnostics.sort_by_key(|d| (d.span.start, d.span.end));
    if diagnostics.is_empty() {
        element.write_empty()?;
        return Ok(());
    }
    let listing: String = diagnostics.iter().map(|d| entry(page, d)).collect();
    let listing = xml_text(&listing);
    let first = diagnostics.iter().find(|d| d.severity >= failing).copied();
    element.write_inner_content(|writer| {
        match first {
            Some(first) => {
                let (line, column) = page.document.line_column(first.span.start);
                let message = xml_text(&format!("{line}:{column}: {}", first.message));
                writer
                    .create_element("failure")
                    .with_attributes([("message", message.as_str()), ("type", first.rule)])
                    .write_text_content(BytesText::from_escaped(partial_escape(
                        listing.as_str(),
                    )))?;
            }
            None => {
                writer
                    .create_element("system-out")
                    .write_text_content(BytesText::from_escaped(partial_escape(
                        listing.as_str(),
                    )))?;
            }
        }
        Ok(())
    })?;
    Ok(())
}

/// A file that could not be read: a test case in error.
fn unreadable(writer: &mut Writer<Vec<u8>>, failure: &str) -> io::Result<()> {
    let failure = xml_text(failure);
    let name = failure.split(": ").next().unwrap_or(&failure);
    writer
        .create_element("testcase")
        .with_attributes([("name", name), ("classname", name)])
        .write_inner_content(|writer| {
            writer
                .create_element("error")
                .with_attributes([("message", failure.as_str()), ("type", "unreadable")])
                .write_empty()?;
            Ok(())
        })?;
    Ok(())
}

/// `line:col: severity[rule]: message`, and the help indented below it.
fn entry(page: &PageReport, diagnostic: &Diagnostic) -> String {
    let (line, column) = page.document.line_column(diagnostic.span.start);
    let mut text = format!(
        "{line}:{column}: {}[{}]: {}\n",
        diagnostic.severity.as_str(),
        diagnostic.rule,
        diagnostic.message
    );
    if let Some(help) = &diagnostic.help {
        text.push_str(&format!("  help: {help}\n"));
    }
    text
}

/// Text XML 1.0 can hold: characters it forbids even as references (most C0
/// controls, unpaired surrogates cannot occur in a `str`, U+FFFE and U+FFFF) are
/// written as `\u{..}` instead.
fn xml_text(text: &str) -> String {
    let allowed = |c: char| {
        matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{fffe}' && c != '\u{ffff}')
    };
    if text.chars().all(allowed) {
        return text.to_string();
    }
    text.chars()
        .map(|c| {
            if allowed(c) {
                c.to_string()
            } else {
                format!("\\u{{{:x}}}", u32::from(c))
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_spelled_out() {
        assert_eq!(xml_text("a\u{1}b\tc"), "a\\u{1}b\tc");
    }
}
