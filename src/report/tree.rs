//! Reads a docs tree exactly as `apiproof check` does (root, configuration,
//! excludes, includes, schemas), so the report's counts are the check's counts.

use crate::check::Options;
use crate::config::{self, Config};
use crate::run::{self, RunReport, Tree};

use super::{ReportError, Settings};

/// Checks the tree the settings name with the default options of `check`.
/// A named path that does not exist, a broken `apiproof.toml` or an invalid glob
/// is an error; a page that cannot be read is a failure inside the report.
pub fn check(settings: &Settings) -> Result<RunReport, ReportError> {
    let tree_error = |e: &dyn std::fmt::Display| ReportError::Tree(e.to_string());
    let paths = if settings.paths.is_empty() {
        vec![std::path::PathBuf::from(".")]
    } else {
        settings.paths.clone()
    };
    let root = config::find_root(settings.root.as_deref(), &paths);
    let config_path = root.join(config::FILE_NAME);
    let config = if config_path.is_file() {
        Config::load(&config_path).map_err(|e| tree_error(&e))?
    } else {
        Config::default()
    };
    let (tree, problems) =
        Tree::gather(&paths, &root, &settings.exclude, &config).map_err(|e| tree_error(&e))?;
    if let Some(problem) = problems.iter().find(|p| !p.is_harmless()) {
        return Err(tree_error(problem));
    }
    let schemas = crate::rules::schema::load(&config, &root).map_err(|e| tree_error(&e))?;
    Ok(run::check_tree(
        &tree,
        &Options::default(),
        &config,
        &schemas,
    ))
}
