//! Which files a run checks: the paths named, folders walked for `*.md`.
//!
//! Hidden folders and `--exclude` matches are skipped while walking; a file named
//! on the command line is always checked, because a pre-commit hook names exactly
//! the files it wants checked.

use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};
use walkdir::WalkDir;

/// Why a path could not be walked or a glob not compiled.
#[derive(Debug, thiserror::Error)]
pub enum WorkspaceError {
    /// A path named on the command line does not exist.
    #[error("{path}: no such file or folder")]
    Missing {
        /// The path as named.
        path: String,
    },
    /// A symlink leads back to a folder above it; it is not followed.
    #[error("{path}: symlink loops back to {ancestor}; not followed")]
    Loop {
        /// The symlink.
        path: String,
        /// The folder it leads back to.
        ancestor: String,
    },
    /// A folder or file could not be read while walking.
    #[error("{path}: {message}")]
    Walk {
        /// Where it happened.
        path: String,
        /// What went wrong.
        message: String,
    },
    /// An `--exclude` pattern is not a valid glob.
    #[error("invalid --exclude pattern `{pattern}`: {message}")]
    Glob {
        /// The pattern.
        pattern: String,
        /// What is wrong with it.
        message: String,
    },
}

/// Compiles `--exclude` patterns. A pattern without `/` matches a name at any depth.
pub fn excludes(patterns: &[String]) -> Result<GlobSet, WorkspaceError> {
    let mut builder = GlobSetBuilder::new();
    for pattern in patterns {
        let glob_error = |e: globset::Error| WorkspaceError::Glob {
            pattern: pattern.clone(),
            message: e.kind().to_string(),
        };
        let trimmed = pattern.trim_end_matches('/');
        builder.add(Glob::new(trimmed).map_err(glob_error)?);
        if !trimmed.starts_with("**/") {
            builder.add(Glob::new(&format!("**/{trimmed}")).map_err(glob_error)?);
        }
    }
    builder.build().map_err(|e| WorkspaceError::Glob {
        pattern: patterns.join(", "),
        message: e.kind().to_string(),
    })
}

/// The Markdown files under `paths`, sorted, with the problems met on the way.
pub fn markdown_files(paths: &[PathBuf], exclude: &GlobSet) -> (Vec<PathBuf>, Vec<WorkspaceError>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for root in paths {
        if root.is_file() {
            files.push(root.clone());
            continue;
        }
        if !root.exists() {
            problems.push(WorkspaceError::Missing {
                path: display(root),
            });
            continue;
        }
        let walker = WalkDir::new(root)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|entry| {
                entry.depth() == 0
                    || !(is_hidden(entry.path()) || excluded(root, entry.path(), exclude))
            });
        for entry in walker {
            match entry {
                Ok(entry) if entry.file_type().is_file() && is_markdown(entry.path()) => {
                    files.push(entry.into_path());
                }
                Ok(_) => {}
                Err(error) => {
                    let path = error.path().map_or_else(|| display(root), display);
                    problems.push(match error.loop_ancestor() {
                        Some(ancestor) => WorkspaceError::Loop {
                            path,
                            ancestor: display(ancestor),
                        },
                        None => WorkspaceError::Walk {
                            path,
                            message: error
                                .io_error()
                                .map_or_else(|| error.to_string(), ToString::to_string),
                        },
                    });
                }
            }
        }
    }
    files.sort();
    files.dedup();
    (files, problems)
}

fn is_hidden(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with('.') && n != "." && n != "..")
}

fn is_markdown(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("md"))
}

fn excluded(root: &Path, path: &Path, exclude: &GlobSet) -> bool {
    if exclude.is_empty() {
        return false;
    }
    let relative = path.strip_prefix(root).unwrap_or(path);
    exclude.is_match(relative) || exclude.is_match(path)
}

/// A path as reports show it: as named, with `/` separators.
pub fn display(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

impl WorkspaceError {
    /// Whether the run can still be trusted to have seen every page: a symlink
    /// loop only repeats folders already walked.
    pub fn is_harmless(&self) -> bool {
        matches!(self, WorkspaceError::Loop { .. })
    }
}

/// Every file under `root` (any extension), hidden folders and `exclude` matches
/// skipped. Problems are ignored: the tree is walked for the model, and what
/// cannot be walked cannot be linked to either.
pub fn all_files(root: &Path, exclude: &GlobSet) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = WalkDir::new(root)
        .follow_links(true)
        .into_iter()
        .filter_entry(|entry| {
            entry.depth() == 0
                || !(is_hidden(entry.path()) || excluded(root, entry.path(), exclude))
        })
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_file())
        .map(walkdir::DirEntry::into_path)
        .collect();
    files.sort();
    files
}

/// Whether a path names a Markdown page.
pub fn is_markdown_path(path: &Path) -> bool {
    is_markdown(path)
}
