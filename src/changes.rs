//! `--changed-since REF`: the Markdown files git says changed since a ref.
//!
//! Only these are reported; the model still covers the whole tree, because a
//! changed page is checked against types and link targets that did not change.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Why the changed files could not be listed.
#[derive(Debug, thiserror::Error)]
pub enum ChangesError {
    /// git is missing or the folder is not in a repository.
    #[error("--changed-since needs a git repository: {0}")]
    NotARepository(String),
    /// git refused the ref.
    #[error("--changed-since {reference}: {message}")]
    BadRef {
        /// The ref as given.
        reference: String,
        /// What git said.
        message: String,
    },
}

/// Files changed since `reference` (committed, staged, unstaged or untracked), as
/// canonical paths.
pub fn changed_since(folder: &Path, reference: &str) -> Result<HashSet<PathBuf>, ChangesError> {
    if reference.starts_with('-') {
        return Err(ChangesError::BadRef {
            reference: reference.to_string(),
            message: "a git ref does not start with `-`".into(),
        });
    }
    let top =
        git(folder, &["rev-parse", "--show-toplevel"]).map_err(ChangesError::NotARepository)?;
    let top = PathBuf::from(top.trim());
    let diff = git(
        folder,
        &[
            "diff",
            "--name-only",
            "--no-renames",
            "--end-of-options",
            reference,
            "--",
        ],
    )
    .map_err(|message| ChangesError::BadRef {
        reference: reference.to_string(),
        message,
    })?;
    let untracked = git(
        folder,
        &["ls-files", "--others", "--exclude-standard", "--full-name"],
    )
    .map_err(ChangesError::NotARepository)?;
    Ok(diff
        .lines()
        .chain(untracked.lines())
        .filter(|line| !line.is_empty())
        .filter_map(|line| top.join(line).canonicalize().ok())
        .collect())
}

fn git(folder: &Path, args: &[&str]) -> Result<String, String> {
    let output = Command::new("git")
        .arg("-C")
        .arg(folder)
        .args(args)
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if !output.status.success() {
        return Err(String::from_utf8_lossy(&output.stderr).trim().to_string());
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}
