//! Reading the JSON report of `apiproof replay --format json`, the input of
//! `report --replay`. Only the fields the page shows are read, and every one of
//! them may be missing, so a report from a later version still loads.

use std::path::Path;

use serde::Deserialize;

use super::ReportError;

/// A replay report as the page needs it.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Replay {
    /// The shape's version; 1 is the one known.
    #[serde(default)]
    pub version: u32,
    /// One result per replayed example, in the order of the file.
    #[serde(default)]
    pub results: Vec<ExampleResult>,
}

/// How one example fared.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ExampleResult {
    /// The example's name, or `path:line` for an unnamed one.
    #[serde(default)]
    pub example: String,
    /// The page, as the replay named it.
    #[serde(default)]
    pub path: String,
    /// Line of the request line.
    #[serde(default)]
    pub line: usize,
    /// The method.
    #[serde(default)]
    pub method: String,
    /// The URL as sent.
    #[serde(default)]
    pub url: String,
    /// `pass`, `fail`, `error` or `skip`.
    #[serde(default)]
    pub outcome: String,
    /// The documented status.
    #[serde(default)]
    pub expected_status: Option<u16>,
    /// The status received.
    #[serde(default)]
    pub actual_status: Option<u16>,
    /// Failing differences.
    #[serde(default)]
    pub differences: Vec<Difference>,
    /// Why the example errored or was skipped.
    #[serde(default)]
    pub reason: Option<String>,
}

/// One way the server's answer differed from the docs.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Difference {
    /// What differs: `status`, `content-type`, `missing`, `type`, ...
    #[serde(default)]
    pub kind: String,
    /// Where in the body.
    #[serde(default)]
    pub json_path: Option<String>,
    /// What the docs show.
    #[serde(default)]
    pub expected: String,
    /// What the server sent.
    #[serde(default)]
    pub actual: String,
    /// 1-based line of the documented value.
    #[serde(default)]
    pub line: Option<usize>,
    /// 1-based column of the documented value.
    #[serde(default)]
    pub column: Option<usize>,
}

/// The outcomes, in the order reports show them.
pub const OUTCOMES: [&str; 4] = ["pass", "fail", "error", "skip"];

impl Replay {
    /// How many results have each of [`OUTCOMES`].
    pub fn counts(&self) -> [usize; 4] {
        let mut counts = [0; 4];
        for result in &self.results {
            if let Some(i) = OUTCOMES.iter().position(|o| *o == result.outcome) {
                counts[i] += 1;
            }
        }
        counts
    }
}

impl Difference {
    /// One line saying what differs, as the replay's human output says it.
    pub fn describe(&self) -> String {
        let at = self.json_path.as_deref().unwrap_or("$");
        match self.kind.as_str() {
            "status" => format!("status: documented {}, got {}", self.expected, self.actual),
            "content-type" => format!(
                "Content-Type: documented {}, got {}",
                self.expected, self.actual
            ),
            "missing" => format!("{at}: documented {} is missing", self.expected),
            "undocumented" => format!("{at}: not documented ({})", self.actual),
            _ => format!("{at}: documented {}, got {}", self.expected, self.actual),
        }
    }
}

/// Reads and parses a replay report.
pub fn load(path: &Path) -> Result<Replay, ReportError> {
    let named = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| ReportError::Replay {
        path: named.clone(),
        message: format!("cannot read: {e}"),
    })?;
    let replay: Replay = serde_json::from_str(&text).map_err(|e| ReportError::Replay {
        path: named.clone(),
        message: format!("not a replay report: {e}"),
    })?;
    if replay.version != 1 {
        return Err(ReportError::Replay {
            path: named,
            message: format!(
                "replay report version {} is not 1; write it with `apiproof replay --format json`",
                replay.version
            ),
        });
    }
    Ok(replay)
}
