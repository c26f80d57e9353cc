//! A whole run: read every file, check pages in parallel, collect the outcome.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::check::{self, Options, PageReport};
use crate::diagnostic::Severity;
use crate::document::Document;
use crate::workspace::display;

/// Everything a run found, ready for a renderer.
#[derive(Debug, Default)]
pub struct RunReport {
    /// Checked pages, sorted by path.
    pub pages: Vec<PageReport>,
    /// Files that could not be read or walked, as messages naming the path.
    pub failures: Vec<String>,
    /// Wall time of the run.
    pub elapsed: Duration,
}

/// Counts over a run.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    /// Pages checked.
    pub files: usize,
    /// Examples checked.
    pub blocks: usize,
    /// Diagnostics by severity.
    pub errors: usize,
    /// See `errors`.
    pub warnings: usize,
    /// See `errors`.
    pub infos: usize,
}

impl RunReport {
    /// Counts files, examples and diagnostics.
    pub fn summary(&self) -> Summary {
        let mut summary = Summary {
            files: self.pages.len(),
            ..Summary::default()
        };
        for page in &self.pages {
            summary.blocks += page.checked_examples();
            for diagnostic in &page.diagnostics {
                match diagnostic.severity {
                    Severity::Error => summary.errors += 1,
                    Severity::Warning => summary.warnings += 1,
                    Severity::Info => summary.infos += 1,
                }
            }
        }
        summary
    }
}

/// Reads and checks `files` in parallel. A file that cannot be read becomes a
/// failure message; the others are still checked.
pub fn check_files(files: &[PathBuf], options: &Options) -> RunReport {
    let started = Instant::now();
    let outcomes: Vec<Result<PageReport, String>> = files
        .par_iter()
        .map(|path| {
            let name = display(path);
            match std::fs::read(path) {
                Ok(bytes) => Ok(check::check_file(Document::decode(name, bytes), options)),
                Err(error) => Err(format!("{name}: cannot read: {error}")),
            }
        })
        .collect();
    let mut report = RunReport::default();
    for outcome in outcomes {
        match outcome {
            Ok(page) => report.pages.push(page),
            Err(message) => report.failures.push(message),
        }
    }
    report
        .pages
        .sort_by(|a, b| a.document.path.cmp(&b.document.path));
    report.elapsed = started.elapsed();
    report
}

/// Checks one page held in memory, such as one read from standard input.
pub fn check_text(name: &str, bytes: Vec<u8>, options: &Options) -> RunReport {
    let started = Instant::now();
    let page = check::check_file(Document::decode(name, bytes), options);
    RunReport {
        pages: vec![page],
        failures: Vec::new(),
        elapsed: started.elapsed(),
    }
}
