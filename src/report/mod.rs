//! `apiproof report`: one self-contained HTML page a docs team can publish, with
//! the findings of `check` by rule, by page and by documented method, and, given
//! a replay's JSON report, how each method fared against a live server.
//!
//! The page needs no network: its style, script and chart are inline, and a
//! Content-Security-Policy admits only them. Page text is untrusted input, so
//! every piece of it is escaped; the output is sorted and holds no timestamp, so
//! two runs over the same docs write the same bytes.

pub mod chart;
pub mod csp;
pub mod escape;
pub mod html;
pub mod link;
pub mod methods;
pub mod replay;
pub mod snippet;
pub mod tree;

use std::path::{Path, PathBuf};

/// The name of the file written into the output folder.
pub const FILE_NAME: &str = "index.html";

/// What `apiproof report` was asked to do.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// The folder to write `index.html` into; created when missing.
    pub out: PathBuf,
    /// Files or folders of the docs, as for `check`.
    pub paths: Vec<PathBuf>,
    /// The docs root, when given.
    pub root: Option<PathBuf>,
    /// Skip matching files and folders while walking.
    pub exclude: Vec<String>,
    /// A JSON report of `apiproof replay --format json`.
    pub replay: Option<PathBuf>,
}

/// Why no report was written.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// The docs tree could not be read as `check` reads it (a missing path, a
    /// broken `apiproof.toml`, an invalid glob).
    #[error("{0}")]
    Tree(String),
    /// The replay report could not be read or is not one.
    #[error("{path}: {message}")]
    Replay {
        /// The file as named.
        path: String,
        /// What is wrong with it.
        message: String,
    },
    /// The output folder or file could not be written.
    #[error("cannot write {path}: {source}")]
    Write {
        /// The folder or file.
        path: String,
        /// The I/O error.
        source: std::io::Error,
    },
}

/// What was written.
#[derive(Debug, Clone)]
pub struct Written {
    /// The HTML file.
    pub path: PathBuf,
    /// Errors found.
    pub errors: usize,
    /// Warnings found.
    pub warnings: usize,
    /// Documented methods listed.
    pub methods: usize,
}

/// Checks the docs, reads the replay report and writes `out/index.html`.
pub fn write(settings: &Settings) -> Result<Written, ReportError> {
    let replay = match &settings.replay {
        Some(path) => Some(replay::load(path)?),
        None => None,
    };
    let report = tree::check(settings)?;
    std::fs::create_dir_all(&settings.out).map_err(|source| ReportError::Write {
        path: settings.out.display().to_string(),
        source,
    })?;
    let links = link::Linker::new(&settings.out);
    let methods = methods::list(&report, replay.as_ref());
    let page = html::render(&html::Input {
        report: &report,
        methods: &methods,
        replay: replay.as_ref(),
        links: &links,
    });
    let path = settings.out.join(FILE_NAME);
    write_file(&path, &page)?;
    let summary = report.summary();
    Ok(Written {
        path,
        errors: summary.errors,
        warnings: summary.warnings,
        methods: methods.entries.len(),
    })
}

fn write_file(path: &Path, text: &str) -> Result<(), ReportError> {
    std::fs::write(path, text).map_err(|source| ReportError::Write {
        path: path.display().to_string(),
        source,
    })
}
