//! Whether a live response is the one the docs show: status, Content-Type, and the
//! shape of a JSON body.
//!
//! Shape, not values: each property the docs show must be there with the same JSON
//! type, recursively, and each element of a collection is checked against the
//! documented element. Properties the docs leave out are information, because
//! examples show what a reader needs, not everything a server sends.

use serde::Serialize;

use crate::json::{self, Node};
use crate::replay::example::Response;

/// What a difference is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// The status code differs.
    Status,
    /// The media type differs.
    ContentType,
    /// A documented property is missing.
    Missing,
    /// A value has another JSON type.
    Type,
    /// A property the docs do not show (information).
    Undocumented,
    /// A documented collection came back empty, so its elements were not checked
    /// (information).
    EmptyCollection,
}

/// One way the live response differs from the documented one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Difference {
    /// What differs.
    pub kind: Kind,
    /// Where in the body, as `$.value[0].id`; none for status and Content-Type.
    pub json_path: Option<String>,
    /// What the docs show (a JSON type, a status code, a media type).
    pub expected: String,
    /// What the server sent.
    pub actual: String,
    /// Page byte offset of the documented value.
    pub offset: Option<usize>,
}

/// The differences that fail an example and those that are information only.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Comparison {
    /// Failures.
    pub failures: Vec<Difference>,
    /// Information.
    pub information: Vec<Difference>,
}

/// Compares status and Content-Type. The body is compared by [`shape`].
pub fn head(expected: &Response, status: u16, content_type: Option<&str>, out: &mut Comparison) {
    if expected.status != status {
        out.failures.push(Difference {
            kind: Kind::Status,
            json_path: None,
            expected: expected.status.to_string(),
            actual: status.to_string(),
            offset: Some(expected.status_span.start),
        });
    }
    if let (Some(documented), Some(span)) = (&expected.content_type, &expected.content_type_span) {
        let actual = content_type.map(crate::replay::example::media_type);
        if actual.as_deref() != Some(documented.as_str()) {
            out.failures.push(Difference {
                kind: Kind::ContentType,
                json_path: None,
                expected: documented.clone(),
                actual: actual.unwrap_or_else(|| "none".into()),
                offset: Some(span.start),
            });
        }
    }
}

/// Compares the shape of a live JSON value with the documented one.
pub fn shape(documented: &json::Value, actual: &serde_json::Value, out: &mut Comparison) {
    let mut path = String::from("$");
    walk(documented, actual, &mut path, out);
}

fn walk(
    documented: &json::Value,
    actual: &serde_json::Value,
    path: &mut String,
    out: &mut Comparison,
) {
    let expected_type = documented.node.type_name();
    let actual_type = type_name(actual);
    if expected_type != actual_type {
        out.failures.push(Difference {
            kind: Kind::Type,
            json_path: Some(path.clone()),
            expected: expected_type.into(),
            actual: actual_type.into(),
            offset: Some(documented.span.start),
        });
        return;
    }
    match (&documented.node, actual) {
        (Node::Object { members, elided }, serde_json::Value::Object(map)) => {
            for member in members {
                let len = path.len();
                push_key(path, &member.key);
                match map.get(&member.key) {
                    Some(value) => walk(&member.value, value, path, out),
                    None => out.failures.push(Difference {
                        kind: Kind::Missing,
                        json_path: Some(path.clone()),
                        expected: member.value.node.type_name().into(),
                        actual: "missing".into(),
                        offset: Some(member.value.span.start),
                    }),
                }
                path.truncate(len);
            }
            if *elided {
                return;
            }
            for (key, value) in map {
                if members.iter().any(|m| &m.key == key) {
                    continue;
                }
                let len = path.len();
                push_key(path, key);
                out.information.push(Difference {
                    kind: Kind::Undocumented,
                    json_path: Some(path.clone()),
                    expected: "not documented".into(),
                    actual: type_name(value).into(),
                    offset: Some(documented.span.start),
                });
                path.truncate(len);
            }
        }
        (Node::Array { items, .. }, serde_json::Value::Array(elements)) => {
            let Some(first) = items.first() else {
                return;
            };
            if elements.is_empty() {
                out.information.push(Difference {
                    kind: Kind::EmptyCollection,
                    json_path: Some(path.clone()),
                    expected: format!("{} documented element(s)", items.len()),
                    actual: "empty array".into(),
                    offset: Some(documented.span.start),
                });
            }
            for (index, element) in elements.iter().enumerate() {
                let template = items.get(index).unwrap_or(first);
                let len = path.len();
                path.push_str(&format!("[{index}]"));
                walk(template, element, path, out);
                path.truncate(len);
            }
        }
        _ => {}
    }
}

/// Appends `.key`, or `['key']` when the key is not a plain name.
fn push_key(path: &mut String, key: &str) {
    let plain = !key.is_empty()
        && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !key.starts_with(|c: char| c.is_ascii_digit());
    if plain {
        path.push('.');
        path.push_str(key);
    } else {
        path.push_str("['");
        path.push_str(&key.replace('\\', "\\\\").replace('\'', "\\'"));
        path.push_str("']");
    }
}

/// The JSON type name of a live value, in the same words as [`Node::type_name`].
pub fn type_name(value: &serde_json::Value) -> &'static str {
    match value {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "boolean",
        serde_json::Value::Number(_) => "number",
        serde_json::Value::String(_) => "string",
        serde_json::Value::Array(_) => "array",
        serde_json::Value::Object(_) => "object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::Allow;

    fn compare(documented: &str, actual: &str, elision: bool) -> Comparison {
        let allow = Allow {
            elision,
            ..Allow::default()
        };
        let documented = json::parse(documented, allow).expect("documented JSON");
        let actual: serde_json::Value = serde_json::from_str(actual).expect("actual JSON");
        let mut out = Comparison::default();
        shape(&documented, &actual, &mut out);
        out
    }

    #[test]
    fn missing_wrong_type_and_extra() {
        let documented = r#"{"id": "1", "name": {"first": "Ada"}, "@odata.type": "x"}"#;
        let actual = r#"{"id": 1, "name": {}, "@odata.type": "x", "age": 3}"#;
        let out = compare(documented, actual, false);
        let paths: Vec<_> = out
            .failures
            .iter()
            .map(|d| (d.json_path.clone().unwrap_or_default(), d.kind))
            .collect();
        assert_eq!(
            paths,
            vec![
                ("$.id".to_string(), Kind::Type),
                ("$.name.first".to_string(), Kind::Missing)
            ]
        );
        assert_eq!(out.failures[0].offset, Some(7));
        assert_eq!(out.information.len(), 1);
        assert_eq!(out.information[0].json_path.as_deref(), Some("$.age"));
    }

    #[test]
    fn every_element_of_a_collection_is_checked() {
        let documented = r#"{"value": [{"id": "1", ...}], "@odata.context": "c"}"#;
        let actual = r#"{"value": [{"id": "1"}, {"id": 2}], "@odata.context": "c"}"#;
        let out = compare(documented, actual, true);
        assert_eq!(out.failures.len(), 1);
        assert_eq!(out.failures[0].json_path.as_deref(), Some("$.value[1].id"));
        assert!(out.information.is_empty());
        let quoted = compare(
            r#"{"@odata.context": 1}"#,
            r#"{"@odata.context": "c"}"#,
            false,
        );
        assert_eq!(
            quoted.failures[0].json_path.as_deref(),
            Some("$['@odata.context']")
        );
    }
}
