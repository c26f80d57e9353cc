//! The JUnit XML form of a replay, for CI systems that show test reports.
//!
//! One `<testsuite>` per page and one `<testcase>` per example: a mismatch is a
//! `<failure>`, no usable answer an `<error>`, a skipped example `<skipped>`:
//!
//! ```text
//! <testsuites name="apiproof replay" tests="2" failures="1" errors="0" skipped="0">
//!   <testsuite name="api/user-get.md" tests="2" ...>
//!     <testcase name="get_user" classname="api/user-get.md" time="0.003">
//!       <failure message="1 difference">$.id: documented string, got number ...</failure>
//! ```

use std::fmt::Write as _;

use crate::replay::report::{human_result, Outcome, Report};

/// The JUnit XML report.
pub fn junit(report: &Report) -> String {
    let s = report.summary;
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<testsuites name=\"apiproof replay\" tests=\"{}\" failures=\"{}\" errors=\"{}\" \
         skipped=\"{}\" time=\"{:.3}\">",
        s.examples,
        s.failed,
        s.errored,
        s.skipped,
        report.duration_ms as f64 / 1000.0
    );
    let mut pages: Vec<&str> = report.results.iter().map(|r| r.path.as_str()).collect();
    pages.dedup();
    for page in pages {
        let results: Vec<_> = report.results.iter().filter(|r| r.path == page).collect();
        let count = |o: Outcome| results.iter().filter(|r| r.outcome == o).count();
        let _ = writeln!(
            out,
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"{}\">",
            escape(page),
            results.len(),
            count(Outcome::Fail),
            count(Outcome::Error),
            count(Outcome::Skip)
        );
        for result in results {
            let time = result.duration_ms.unwrap_or(0) as f64 / 1000.0;
            let _ = write!(
                out,
                "    <testcase name=\"{}\" classname=\"{}\" time=\"{time:.3}\"",
                escape(&result.example),
                escape(page)
            );
            let details = human_result(result);
            let reason = result.reason.clone().unwrap_or_default();
            match result.outcome {
                Outcome::Pass => out.push_str("/>\n"),
                Outcome::Fail => {
                    let message = format!("{} difference(s)", result.differences.len());
                    let _ = write!(
                        out,
                        ">\n      <failure message=\"{}\">{}</failure>\n    </testcase>\n",
                        escape(&message),
                        escape(&details)
                    );
                }
                Outcome::Error => {
                    let _ = write!(
                        out,
                        ">\n      <error message=\"{}\">{}</error>\n    </testcase>\n",
                        escape(&reason),
                        escape(&details)
                    );
                }
                Outcome::Skip => {
                    let _ = write!(
                        out,
                        ">\n      <skipped message=\"{}\"/>\n    </testcase>\n",
                        escape(&reason)
                    );
                }
            }
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out
}

/// Escapes text for XML attributes and content; drops characters XML 1.0 forbids.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_control_characters() {
        assert_eq!(escape("a<b & \"c\"\u{1}"), "a&lt;b &amp; &quot;c&quot;");
    }
}
