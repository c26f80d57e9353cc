//! `apiproof.toml`: the docs tree's own settings, and where the docs root is.
//!
//! The file sits at the root of a docs tree. Everything in it is optional; a key
//! apiproof does not know is an error naming the key and its line, because a
//! misspelt setting that is silently ignored is worse than none.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diagnostic::Severity;

/// The configuration file's name.
pub const FILE_NAME: &str = "apiproof.toml";

/// Settings read from `apiproof.toml`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "snake_case")]
pub struct Config {
    /// Globs of pages to check, relative to the root; empty means all.
    #[serde(default)]
    pub include: Vec<String>,
    /// Globs of pages to skip, relative to the root.
    #[serde(default)]
    pub exclude: Vec<String>,
    /// Rule id to a severity or `off`.
    #[serde(default)]
    pub rules: BTreeMap<String, RuleSetting>,
    /// How the doc model reads pages.
    #[serde(default)]
    pub model: ModelConfig,
    /// `@odata.type` to a JSON Schema file (relative to the root) used instead of
    /// the schema derived from the docs.
    #[serde(default)]
    pub schemas: BTreeMap<String, PathBuf>,
    /// Settings of `apiproof replay`, read by the replay module.
    #[serde(default)]
    pub replay: Option<toml::Table>,
    /// Settings of `apiproof check` that flags can also set.
    #[serde(default)]
    pub check: CheckSection,
    /// Output settings that flags can also set.
    #[serde(default)]
    pub output: OutputSection,
}

/// `[check]`: what flags of `check` would set; a flag given on the command line
/// wins.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct CheckSection {
    /// As `--check-ignored`.
    pub check_ignored: Option<bool>,
    /// As `--check-unannotated`.
    pub check_unannotated: Option<bool>,
    /// As `--json-allow`: `comments`, `trailing-commas`.
    #[serde(default)]
    pub json_allow: Vec<String>,
    /// As `--deny-warnings`.
    pub deny_warnings: Option<bool>,
    /// As `--baseline`, relative to the root.
    pub baseline: Option<PathBuf>,
}

/// `[output]`: how `check` reports; a flag given on the command line wins.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct OutputSection {
    /// As `--format`: human, json, sarif, github or junit.
    pub format: Option<String>,
    /// As `--color`: auto, always or never.
    pub color: Option<String>,
    /// As `--statistics`.
    pub statistics: Option<bool>,
}

/// A rule's configured severity, or off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RuleSetting {
    /// Not run.
    Off,
    /// Reported as info.
    Info,
    /// Reported as a warning.
    Warning,
    /// Reported as an error.
    Error,
}

impl RuleSetting {
    /// The severity, or `None` when the rule is off.
    pub fn severity(self) -> Option<Severity> {
        match self {
            RuleSetting::Off => None,
            RuleSetting::Info => Some(Severity::Info),
            RuleSetting::Warning => Some(Severity::Warning),
            RuleSetting::Error => Some(Severity::Error),
        }
    }
}

/// How the model classifies page sections.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default, rename_all = "snake_case")]
pub struct ModelConfig {
    /// Words of a heading above a resource's property table.
    pub property_headings: Vec<String>,
    /// Words of a heading above a resource's relationship table.
    pub relationship_headings: Vec<String>,
    /// Words of a heading above an enum's table of values.
    pub enum_headings: Vec<String>,
    /// Words of the heading above a page's HTTP request templates.
    pub request_headings: Vec<String>,
    /// Words of the heading of a page's Response section.
    pub response_headings: Vec<String>,
    /// Path prefixes that stand for another path in example requests, such as
    /// `["/me", "/users/{id}"]`: an example may use either. Aliases chain:
    /// `/drive` is `/me/drive`, which is `/users/{id}/drive`.
    pub path_aliases: Vec<(String, String)>,
    /// Folder (relative to the root) that site-root links such as `/graph/...`
    /// resolve against; unset, such links are not checked.
    pub site_root: Option<PathBuf>,
    /// Also validate each typed example, with the `jsonschema` crate, against
    /// the schema derived from the docs (rule `schema`). Off by default: the type
    /// rules already report what such a schema finds, with better messages.
    pub validate_derived_schemas: bool,
}

impl Default for ModelConfig {
    fn default() -> Self {
        let words = |w: &[&str]| w.iter().map(|s| s.to_string()).collect();
        ModelConfig {
            property_headings: words(&["properties"]),
            relationship_headings: words(&["relationships"]),
            enum_headings: words(&["values", "enumeration", "enum"]),
            request_headings: words(&["http request"]),
            response_headings: words(&["response"]),
            path_aliases: vec![
                ("/me".into(), "/users/{id}".into()),
                ("/drive".into(), "/me/drive".into()),
            ],
            site_root: None,
            validate_derived_schemas: false,
        }
    }
}

/// Why the configuration could not be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file could not be read.
    #[error("{path}: cannot read: {source}")]
    Read {
        /// The file.
        path: String,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The file is not valid, or has a key apiproof does not know.
    #[error("{path}:{line}: {message}")]
    Invalid {
        /// The file.
        path: String,
        /// 1-based line of the offending key or value.
        line: usize,
        /// What is wrong.
        message: String,
    },
}

impl Config {
    /// Reads and validates a configuration file.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
            path: shown.clone(),
            source,
        })?;
        Config::parse(&text, &shown)
    }

    /// Parses configuration text; `path` names it in errors.
    pub fn parse(text: &str, path: &str) -> Result<Config, ConfigError> {
        let config: Config = toml::from_str(text).map_err(|error| {
            let line = error.span().map_or(1, |span| {
                text[..span.start.min(text.len())].matches('\n').count() + 1
            });
            ConfigError::Invalid {
                path: path.to_string(),
                line,
                message: error.message().trim().to_string(),
            }
        })?;
        for id in config.rules.keys() {
            if crate::rules::find(id).is_none() {
                let line = line_of_key(text, id);
                let hint = crate::rules::nearest(id)
                    .map(|r| format!("; did you mean `{}`?", r.id))
                    .unwrap_or_default();
                return Err(ConfigError::Invalid {
                    path: path.to_string(),
                    line,
                    message: format!("unknown rule `{id}` in [rules]{hint}"),
                });
            }
        }
        Ok(config)
    }

    /// The configured severity of a rule: `Some(default)` when not configured,
    /// `None` when switched off.
    pub fn severity(&self, id: &str, default: Severity) -> Option<Severity> {
        match self.rules.get(id) {
            Some(setting) => setting.severity(),
            None => Some(default),
        }
    }
}

fn line_of_key(text: &str, key: &str) -> usize {
    text.lines()
        .position(|line| {
            let trimmed = line.trim_start().trim_start_matches('"');
            trimmed.starts_with(key)
                && trimmed[key.len()..]
                    .trim_start_matches('"')
                    .trim_start()
                    .starts_with('=')
        })
        .map_or(1, |i| i + 1)
}

/// Finds the docs root: `explicit`, else the nearest folder upward from the first
/// path that holds `apiproof.toml`, else the first path when it is a folder, else
/// the common parent of the paths.
pub fn find_root(explicit: Option<&Path>, paths: &[PathBuf]) -> PathBuf {
    if let Some(root) = explicit {
        return root.to_path_buf();
    }
    let Some(first) = paths.first() else {
        return PathBuf::from(".");
    };
    let start = if first.is_dir() {
        first.clone()
    } else {
        first
            .parent()
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
    };
    let absolute = std::path::absolute(&start).unwrap_or(start.clone());
    for folder in absolute.ancestors() {
        if folder.join(FILE_NAME).is_file() {
            return relative_to_cwd(folder).unwrap_or_else(|| folder.to_path_buf());
        }
    }
    if first.is_dir() {
        return first.clone();
    }
    common_parent(paths)
}

fn relative_to_cwd(folder: &Path) -> Option<PathBuf> {
    let cwd = std::env::current_dir().ok()?;
    let relative = folder.strip_prefix(&cwd).ok()?;
    Some(if relative.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        relative.to_path_buf()
    })
}

fn common_parent(paths: &[PathBuf]) -> PathBuf {
    let parent = |p: &PathBuf| {
        if p.is_dir() {
            p.clone()
        } else {
            p.parent().map(Path::to_path_buf).unwrap_or_default()
        }
    };
    let mut common = parent(&paths[0]);
    for path in &paths[1..] {
        let other = parent(path);
        while !other.starts_with(&common) {
            if !common.pop() {
                break;
            }
        }
    }
    if common.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        common
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_rules_and_model_settings() {
        let config = Config::parse(
            "exclude = [\"drafts/**\"]\n[rules]\njson-syntax = \"warning\"\ncontent-length = \"off\"\n\
             [model]\nproperty_headings = [\"Properties\", \"Eigenschaften\"]\n",
            "apiproof.toml",
        )
        .expect("valid");
        assert_eq!(
            config.severity("json-syntax", Severity::Error),
            Some(Severity::Warning)
        );
        assert_eq!(config.severity("content-length", Severity::Error), None);
        assert_eq!(
            config.severity("http-syntax", Severity::Error),
            Some(Severity::Error)
        );
        assert_eq!(config.model.property_headings.len(), 2);
    }

    #[test]
    fn unknown_keys_name_the_key_and_line() {
        let error =
            Config::parse("[rules]\n\n[model]\nproperty_heading = []\n", "a.toml").unwrap_err();
        let text = error.to_string();
        assert!(text.starts_with("a.toml:4:"), "{text}");
        assert!(text.contains("property_heading"), "{text}");

        let error = Config::parse("[rules]\njson-sintax = \"off\"\n", "a.toml").unwrap_err();
        let text = error.to_string();
        assert!(text.starts_with("a.toml:2:"), "{text}");
        assert!(text.contains("did you mean `json-syntax`"), "{text}");

        let error = Config::parse("[rules]\njson-syntax = \"loud\"\n", "a.toml").unwrap_err();
        assert!(error.to_string().starts_with("a.toml:2:"), "{error}");
    }
}
