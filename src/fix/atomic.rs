//! Writing a repaired page so that a reader sees the old file or the new one,
//! never half of either.
//!
//! The text goes to a temporary file in the page's own folder (a rename across
//! file systems would not be atomic), takes the page's permissions, and is then
//! renamed over the page. On any error the temporary file is removed.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Why a page could not be written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The page is marked read-only; apiproof leaves it alone.
    #[error("{0}: not fixed: the file is read-only")]
    ReadOnly(String),
    /// The page changed on disk after apiproof read it.
    #[error("{0}: not fixed: the file changed while it was being fixed")]
    Changed(String),
    /// Reading, writing or renaming failed.
    #[error("{path}: cannot write the fixed page: {source}")]
    Io {
        /// The page as named.
        path: String,
        /// What the file system said.
        source: io::Error,
    },
}

/// Replaces the file at `path` with `contents`, provided it still holds
/// `expected`. A symlink is followed: the file it points to is replaced and the
/// link kept. `name` is the page as the user named it, for messages.
pub fn replace(
    name: &str,
    path: &Path,
    expected: &[u8],
    contents: &[u8],
) -> Result<(), WriteError> {
    let io_error = |source| WriteError::Io {
        path: name.to_string(),
        source,
    };
    let target: PathBuf = fs::canonicalize(path).map_err(io_error)?;
    let permissions = fs::metadata(&target).map_err(io_error)?.permissions();
    if permissions.readonly() {
        return Err(WriteError::ReadOnly(name.to_string()));
    }
    if fs::read(&target).map_err(io_error)? != expected {
        return Err(WriteError::Changed(name.to_string()));
    }
    let folder = target.parent().unwrap_or(Path::new("."));
    let mut temporary = tempfile::Builder::new()
        .prefix(".apiproof-fix-")
        .suffix(".tmp")
        .tempfile_in(folder)
        .map_err(io_error)?;
    temporary.write_all(contents).map_err(io_error)?;
    temporary.as_file().sync_all().map_err(io_error)?;
    temporary
        .as_file()
        .set_permissions(permissions)
        .map_err(io_error)?;
    // On failure the error owns the temporary file, and dropping it deletes it.
    temporary
        .persist(&target)
        .map_err(|error| io_error(error.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_file_and_leaves_nothing_behind() {
        let dir = tempfile::tempdir().expect("temp dir");
        let page = dir.path().join("a.md");
        fs::write(&page, "old\n").expect("write");
        replace("a.md", &page, b"old\n", b"new\n").expect("replaced");
        assert_eq!(fs::read(&page).expect("read"), b"new\n");
        let names: Vec<_> = fs::read_dir(dir.path()).expect("list").collect();
        assert_eq!(names.len(), 1);
    }

    #[test]
    fn refuses_a_page_that_changed_since_it_was_read() {
        let dir = tempfile::tempdir().expect("temp dir");
        let page = dir.path().join("a.md");
        fs::write(&page, "edited\n").expect("write");
        let error = replace("a.md", &page, b"old\n", b"new\n").expect_err("refused");
        assert!(matches!(error, WriteError::Changed(_)));
        assert_eq!(fs::read(&page).expect("read"), b"edited\n");
    }
}
