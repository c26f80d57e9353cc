//! What a replay found, per example, and the human and JSON forms of it.
//!
//! Results hold only what is safe to show: secret header values are masked
//! before a result is built, so every output format inherits that.

use std::fmt::Write as _;

use serde::Serialize;

use crate::replay::compare::Kind;

/// Version of the JSON report's shape; fields may be added, none removed.
pub const VERSION: u32 = 1;

/// How an example ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    /// The server answered as the page says.
    Pass,
    /// It answered otherwise; see the differences.
    Fail,
    /// No usable answer (refused, timeout, TLS, too large, not JSON).
    Error,
    /// Not sent; see the reason.
    Skip,
}

impl Outcome {
    /// The word human output shows.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Pass => "pass",
            Outcome::Fail => "fail",
            Outcome::Error => "error",
            Outcome::Skip => "skip",
        }
    }
}

/// A difference as reports show it, with its place in the page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Shown {
    /// What differs.
    pub kind: Kind,
    /// Where in the body; null for status and Content-Type.
    pub json_path: Option<String>,
    /// What the docs show.
    pub expected: String,
    /// What the server sent.
    pub actual: String,
    /// 1-based line of the documented value.
    pub line: Option<usize>,
    /// 1-based column, in characters.
    pub column: Option<usize>,
}

/// The result of one example.
#[derive(Debug, Clone, Serialize)]
pub struct ExampleResult {
    /// The example's name, or `path:line`.
    pub example: String,
    /// The page.
    pub path: String,
    /// Line of the request line.
    pub line: usize,
    /// The method.
    pub method: String,
    /// The URL as sent, or as documented when it was not sent.
    pub url: String,
    /// How it ended.
    pub outcome: Outcome,
    /// The documented status.
    pub expected_status: Option<u16>,
    /// The status received.
    pub actual_status: Option<u16>,
    /// Time from sending to the end of the body, retries included.
    pub duration_ms: Option<u64>,
    /// Requests sent, retries included.
    pub attempts: u32,
    /// Failing differences.
    pub differences: Vec<Shown>,
    /// Differences that are information only.
    pub information: Vec<Shown>,
    /// Why an example errored or was skipped.
    pub reason: Option<String>,
    /// Remarks such as a redirect that was not followed.
    pub notes: Vec<String>,
}

/// A setup request of a scenario.
#[derive(Debug, Clone, Serialize)]
pub struct SetupResult {
    /// The scenario.
    pub scenario: String,
    /// The method.
    pub method: String,
    /// The URL as sent or as configured.
    pub url: String,
    /// The status received.
    pub status: Option<u16>,
    /// Names of the values captured.
    pub captured: Vec<String>,
    /// What went wrong, if anything.
    pub error: Option<String>,
}

/// Counts over a replay.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Examples seen.
    pub examples: usize,
    /// See [`Outcome::Pass`].
    pub passed: usize,
    /// See [`Outcome::Fail`].
    pub failed: usize,
    /// See [`Outcome::Error`].
    pub errored: usize,
    /// See [`Outcome::Skip`].
    pub skipped: usize,
}

/// A whole replay.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// See [`VERSION`].
    pub version: u32,
    /// Counts.
    pub summary: Summary,
    /// Per example, in page order.
    pub results: Vec<ExampleResult>,
    /// Scenario setup requests, in order.
    pub setup: Vec<SetupResult>,
    /// Wall time of the replay.
    pub duration_ms: u64,
}

impl Report {
    /// Builds a report and counts its outcomes.
    pub fn new(results: Vec<ExampleResult>, setup: Vec<SetupResult>, duration_ms: u64) -> Self {
        let mut summary = Summary {
            examples: results.len(),
            ..Summary::default()
        };
        for result in &results {
            match result.outcome {
                Outcome::Pass => summary.passed += 1,
                Outcome::Fail => summary.failed += 1,
                Outcome::Error => summary.errored += 1,
                Outcome::Skip => summary.skipped += 1,
            }
        }
        Report {
            version: VERSION,
            summary,
            results,
            setup,
            duration_ms,
        }
    }

    /// Whether every example passed or was skipped.
    pub fn succeeded(&self) -> bool {
        self.summary.failed == 0 && self.summary.errored == 0
    }
}

/// The JSON report.
pub fn json(report: &Report) -> String {
    let mut text = serde_json::to_string_pretty(report).unwrap_or_else(|e| {
        format!("{{\"version\":{VERSION},\"error\":\"cannot serialize the report: {e}\"}}")
    });
    text.push('\n');
    text
}

/// The human report: one line per example, differences below it, then a summary.
pub fn human(report: &Report) -> String {
    let mut out = String::new();
    for setup in &report.setup {
        let status = setup.status.map_or("-".to_string(), |s| s.to_string());
        let _ = write!(
            out,
            "setup {} {} {} {status}",
            setup.scenario, setup.method, setup.url
        );
        if !setup.captured.is_empty() {
            let _ = write!(out, " captured {}", setup.captured.join(", "));
        }
        if let Some(error) = &setup.error {
            let _ = write!(out, ": {error}");
        }
        out.push('\n');
    }
    for result in &report.results {
        out.push_str(&human_result(result));
    }
    let s = report.summary;
    let _ = writeln!(
        out,
        "{} examples: {} passed, {} failed, {} errored, {} skipped ({} ms)",
        s.examples, s.passed, s.failed, s.errored, s.skipped, report.duration_ms
    );
    out
}

/// The human lines of one result: the outcome line, then its details indented.
pub fn human_result(result: &ExampleResult) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "{:<5} {} {} {}",
        result.outcome.as_str(),
        result.example,
        result.method,
        result.url
    );
    if let Some(status) = result.actual_status {
        let _ = write!(out, " -> {status}");
    }
    if let Some(ms) = result.duration_ms {
        let _ = write!(out, " ({ms} ms)");
    }
    let _ = writeln!(out, "  [{}:{}]", result.path, result.line);
    if let Some(reason) = &result.reason {
        let _ = writeln!(out, "      {reason}");
    }
    for difference in &result.differences {
        let _ = writeln!(out, "      {}", describe(difference, &result.path));
    }
    for info in &result.information {
        let _ = writeln!(out, "      info: {}", describe(info, &result.path));
    }
    for note in &result.notes {
        let _ = writeln!(out, "      note: {note}");
    }
    out
}

fn describe(difference: &Shown, path: &str) -> String {
    let place = match (difference.line, difference.column) {
        (Some(line), Some(column)) => format!(" at {path}:{line}:{column}"),
        _ => String::new(),
    };
    let what = match difference.kind {
        Kind::Status => format!(
            "status: documented {}, got {}",
            difference.expected, difference.actual
        ),
        Kind::ContentType => format!(
            "Content-Type: documented {}, got {}",
            difference.expected, difference.actual
        ),
        Kind::Missing => format!(
            "{}: documented {} is missing",
            difference.json_path.as_deref().unwrap_or("$"),
            difference.expected
        ),
        Kind::Type => format!(
            "{}: documented {}, got {}",
            difference.json_path.as_deref().unwrap_or("$"),
            difference.expected,
            difference.actual
        ),
        Kind::Undocumented => format!(
            "{}: not documented ({})",
            difference.json_path.as_deref().unwrap_or("$"),
            difference.actual
        ),
        Kind::EmptyCollection => format!(
            "{}: empty, so the documented elements were not checked",
            difference.json_path.as_deref().unwrap_or("$")
        ),
    };
    format!("{what}{place}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn failed() -> ExampleResult {
        ExampleResult {
            example: "get_user".into(),
            path: "api/user-get.md".into(),
            line: 40,
            method: "GET".into(),
            url: "http://127.0.0.1:8080/users/1".into(),
            outcome: Outcome::Fail,
            expected_status: Some(200),
            actual_status: Some(200),
            duration_ms: Some(3),
            attempts: 1,
            differences: vec![Shown {
                kind: Kind::Type,
                json_path: Some("$.id".into()),
                expected: "string".into(),
                actual: "number".into(),
                line: Some(52),
                column: Some(5),
            }],
            information: Vec::new(),
            reason: None,
            notes: Vec::new(),
        }
    }

    #[test]
    fn json_has_the_documented_shape() {
        let report = Report::new(vec![failed()], Vec::new(), 3);
        let value: serde_json::Value = serde_json::from_str(&json(&report)).expect("JSON");
        assert_eq!(value["version"], 1);
        assert_eq!(value["summary"]["failed"], 1);
        let result = &value["results"][0];
        assert_eq!(result["outcome"], "fail");
        assert_eq!(result["differences"][0]["json_path"], "$.id");
        assert_eq!(result["differences"][0]["line"], 52);
        assert_eq!(result["reason"], serde_json::Value::Null);
        assert!(!report.succeeded());
    }

    #[test]
    fn human_names_the_path_and_the_place() {
        let report = Report::new(vec![failed()], Vec::new(), 3);
        let text = human(&report);
        assert!(text.starts_with("fail  get_user GET http://127.0.0.1:8080/users/1 -> 200 (3 ms)"));
        assert!(text.contains("$.id: documented string, got number at api/user-get.md:52:5"));
        assert!(text.ends_with("1 examples: 0 passed, 1 failed, 0 errored, 0 skipped (3 ms)\n"));
    }
}
