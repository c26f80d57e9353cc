//! The `[replay]` section of `apiproof.toml`: where the docs point, placeholder
//! values, and scenarios whose setup requests capture values.
//!
//! Kept apart from the global configuration loader so it can be plugged into it:
//! [`ReplayConfig`] deserializes the section alone, and [`load`] reads a file
//! and ignores every other section.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;
use serde_json_path::JsonPath;

/// Why the configuration cannot be used.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// The file could not be read.
    #[error("{path}: cannot read: {source}")]
    Read {
        /// The file.
        path: String,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The file is not valid TOML or a key has the wrong type.
    #[error("{path}: {message}")]
    Parse {
        /// The file.
        path: String,
        /// What the TOML parser says.
        message: String,
    },
    /// A capture's JSONPath does not compile.
    #[error("scenario `{scenario}`: capture `{name}`: invalid JSONPath `{path}`: {message}")]
    JsonPath {
        /// The scenario.
        scenario: String,
        /// The captured value's name.
        name: String,
        /// The expression.
        path: String,
        /// What is wrong with it.
        message: String,
    },
}

/// The `[replay]` section.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReplayConfig {
    /// The host prefix the docs write, replaced by the target's base URL.
    pub docs_base: Option<String>,
    /// Placeholder values by name (`id = "1"` fills `{id}`).
    #[serde(default, deserialize_with = "scalars")]
    pub values: BTreeMap<String, String>,
    /// Scenarios run before the examples, in order.
    #[serde(default, rename = "scenario")]
    pub scenarios: Vec<Scenario>,
}

/// Setup requests whose responses give placeholder values.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// Shown in reports.
    pub name: String,
    /// Requests sent in order before the examples.
    #[serde(default)]
    pub setup: Vec<SetupRequest>,
}

/// One setup request.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SetupRequest {
    /// The method; GET when left out.
    #[serde(default = "get")]
    pub method: String,
    /// The URL, as docs write it (path-only, or under `docs_base`).
    pub url: String,
    /// Headers sent with it.
    #[serde(default)]
    pub headers: BTreeMap<String, String>,
    /// The body sent.
    pub body: Option<String>,
    /// Placeholder name to JSONPath into the JSON response (`post-id = "$.id"`).
    #[serde(default)]
    pub capture: BTreeMap<String, String>,
}

fn get() -> String {
    "GET".into()
}

/// Reads a table of TOML scalars as strings, so `id = 1` and `id = "1"` agree.
fn scalars<'de, D>(deserializer: D) -> Result<BTreeMap<String, String>, D::Error>
where
    D: serde::Deserializer<'de>,
{
    let raw = BTreeMap::<String, toml::Value>::deserialize(deserializer)?;
    raw.into_iter()
        .map(|(key, value)| {
            let text = match value {
                toml::Value::String(s) => s,
                toml::Value::Integer(i) => i.to_string(),
                toml::Value::Float(f) => f.to_string(),
                toml::Value::Boolean(b) => b.to_string(),
                other => {
                    return Err(serde::de::Error::custom(format!(
                        "value `{key}` must be a string, number or boolean, not {}",
                        other.type_str()
                    )))
                }
            };
            Ok((key, text))
        })
        .collect()
}

/// The file as far as replay reads it: other sections are ignored.
#[derive(Debug, Default, Deserialize)]
struct File {
    #[serde(default)]
    replay: ReplayConfig,
}

/// The configuration file a run uses: `explicit` if given, else `apiproof.toml`
/// beside the first path named (in it, for a folder), else in the current folder.
pub fn discover(
    explicit: Option<&Path>,
    paths: &[std::path::PathBuf],
) -> Option<std::path::PathBuf> {
    if let Some(path) = explicit {
        return Some(path.to_path_buf());
    }
    let beside = paths.first().and_then(|first| {
        if first.is_dir() {
            Some(first.join("apiproof.toml"))
        } else {
            first.parent().map(|parent| parent.join("apiproof.toml"))
        }
    });
    beside
        .into_iter()
        .chain(std::iter::once(Path::new("apiproof.toml").to_path_buf()))
        .find(|candidate| candidate.is_file())
}

/// Reads the `[replay]` section of a configuration file and checks its JSONPaths.
pub fn load(path: &Path) -> Result<ReplayConfig, ConfigError> {
    let name = crate::workspace::display(path);
    let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
        path: name.clone(),
        source,
    })?;
    parse(&name, &text)
}

/// Parses configuration text; `name` is used in error messages.
pub fn parse(name: &str, text: &str) -> Result<ReplayConfig, ConfigError> {
    let file: File = toml::from_str(text).map_err(|e| ConfigError::Parse {
        path: name.to_string(),
        message: e.message().to_string(),
    })?;
    for scenario in &file.replay.scenarios {
        for setup in &scenario.setup {
            for (capture, path) in &setup.capture {
                JsonPath::parse(path).map_err(|e| ConfigError::JsonPath {
                    scenario: scenario.name.clone(),
                    name: capture.clone(),
                    path: path.clone(),
                    message: e.to_string(),
                })?;
            }
        }
    }
    Ok(file.replay)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_replay_section_and_ignores_others() {
        let text = r#"
            [rules]
            json-syntax = "error"

            [replay]
            docs_base = "https://api.example.com/v1"

            [replay.values]
            id = 1
            name = "Ada"

            [[replay.scenario]]
            name = "new post"
            [[replay.scenario.setup]]
            method = "POST"
            url = "/posts"
            body = '{"title": "x"}'
            capture = { post-id = "$.id" }
        "#;
        let config = parse("apiproof.toml", text).expect("valid");
        assert_eq!(
            config.docs_base.as_deref(),
            Some("https://api.example.com/v1")
        );
        assert_eq!(config.values["id"], "1");
        assert_eq!(config.scenarios[0].setup[0].capture["post-id"], "$.id");
    }

    #[test]
    fn bad_jsonpath_and_unknown_key_are_errors() {
        let bad = "[[replay.scenario]]\nname = \"s\"\n[[replay.scenario.setup]]\n\
                   url = \"/x\"\ncapture = { a = \"$[\" }\n";
        assert!(matches!(
            parse("c.toml", bad),
            Err(ConfigError::JsonPath { .. })
        ));
        let unknown = "[replay]\ndocs_bse = \"x\"\n";
        assert!(matches!(
            parse("c.toml", unknown),
            Err(ConfigError::Parse { .. })
        ));
    }
}
