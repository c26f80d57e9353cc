//! Baselines: adopting apiproof on a tree that already has findings.
//!
//! `--write-baseline FILE` records today's findings by fingerprint (rule, page,
//! offending text and its line's text, never the line number); `--baseline FILE`
//! then reports only findings that are not recorded, so old debt does not fail
//! CI while every new defect does.

use std::collections::HashMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::fingerprint::{path_key, Fingerprints};
use crate::run::RunReport;

/// The format version of baseline files.
const VERSION: u32 = 1;

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct BaselineFile {
    version: u32,
    findings: Vec<Entry>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    rule: String,
    path: String,
    fingerprint: String,
    /// The message when recorded, for people reading the file.
    message: String,
}

/// Recorded findings: for each page, the fingerprints it may keep.
#[derive(Debug, Default)]
pub struct Baseline {
    known: HashMap<String, Vec<String>>,
}

/// Why a baseline could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum BaselineError {
    /// The file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The file is not a baseline apiproof wrote.
    #[error("{path}: not an apiproof baseline: {message}")]
    Invalid {
        /// The file.
        path: String,
        /// What is wrong.
        message: String,
    },
}

/// Writes every finding of the report to `path`; returns how many were written.
pub fn write(report: &RunReport, path: &Path) -> Result<usize, BaselineError> {
    let mut findings = Vec::new();
    for page in &report.pages {
        let mut fingerprints = Fingerprints::default();
        for diagnostic in &page.diagnostics {
            findings.push(Entry {
                rule: diagnostic.rule.to_string(),
                path: path_key(&page.document.path).to_string(),
                fingerprint: fingerprints.next(&page.document, diagnostic),
                message: diagnostic.message.clone(),
            });
        }
    }
    let count = findings.len();
    let file = BaselineFile {
        version: VERSION,
        findings,
    };
    let mut text = serde_json::to_string_pretty(&file).expect("baseline serializes");
    text.push('\n');
    std::fs::write(path, text).map_err(|source| BaselineError::Io {
        path: path.display().to_string(),
        source,
    })?;
    Ok(count)
}

impl Baseline {
    /// Reads a baseline file.
    pub fn load(path: &Path) -> Result<Baseline, BaselineError> {
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|source| BaselineError::Io {
            path: shown.clone(),
            source,
        })?;
        let file: BaselineFile =
            serde_json::from_str(&text).map_err(|e| BaselineError::Invalid {
                path: shown.clone(),
                message: e.to_string(),
            })?;
        if file.version != VERSION {
            return Err(BaselineError::Invalid {
                path: shown,
                message: format!("version {} (this apiproof writes {VERSION})", file.version),
            });
        }
        let mut known: HashMap<String, Vec<String>> = HashMap::new();
        for entry in file.findings {
            known.entry(entry.path).or_default().push(entry.fingerprint);
        }
        Ok(Baseline { known })
    }

    /// Drops the findings the baseline records; returns how many were dropped.
    pub fn filter(&self, report: &mut RunReport) -> usize {
        let mut dropped = 0;
        for page in &mut report.pages {
            let Some(known) = self.known.get(path_key(&page.document.path)) else {
                continue;
            };
            let mut fingerprints = Fingerprints::default();
            let document = &page.document;
            let keep: Vec<bool> = page
                .diagnostics
                .iter()
                .map(|d| !known.contains(&fingerprints.next(document, d)))
                .collect();
            let mut flags = keep.iter();
            page.diagnostics
                .retain(|_| *flags.next().expect("one flag per diagnostic"));
            dropped += keep.iter().filter(|k| !**k).count();
        }
        dropped
    }
}
