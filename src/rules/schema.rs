//! `schema`: examples against JSON Schemas the docs team supplies in
//! `[schemas]`, such as ones generated from an OpenAPI description.
//!
//! The schema derived from the docs themselves needs no separate run: the type
//! rules check exactly what it states, with better messages.

use std::collections::HashMap;

use crate::annotation::BlockKind;
use crate::diagnostic::Diagnostic;
use crate::json::{self, Node};

use super::{Context, SCHEMA};

/// Compiled user schemas by `@odata.type`.
pub type Schemas = HashMap<String, jsonschema::Validator>;

/// Reads and compiles the schemas of `[schemas]`, whose paths are relative to
/// the docs root.
pub fn load(
    config: &crate::config::Config,
    root: &std::path::Path,
) -> Result<Schemas, crate::config::ConfigError> {
    let mut schemas = Schemas::new();
    for (type_name, file) in &config.schemas {
        let path = root.join(file);
        let invalid = |message: String| crate::config::ConfigError::Invalid {
            path: crate::config::FILE_NAME.into(),
            line: 1,
            message: format!("[schemas] `{type_name}`: {}: {message}", path.display()),
        };
        let text = std::fs::read_to_string(&path).map_err(|e| invalid(e.to_string()))?;
        let schema: serde_json::Value =
            serde_json::from_str(&text).map_err(|e| invalid(format!("not JSON: {e}")))?;
        let validator = jsonschema::validator_for(&schema)
            .map_err(|e| invalid(format!("not a valid JSON Schema: {e}")))?;
        schemas.insert(type_name.clone(), validator);
    }
    Ok(schemas)
}

/// The configured schemas, plus a schema derived from the docs for every other
/// type an example names (`[model] validate_derived_schemas`). Each derived
/// schema is compiled once.
pub fn with_derived(
    configured: &Schemas,
    model: &crate::model::Model,
    pages: &[crate::check::PageReport],
) -> Schemas {
    let mut schemas = Schemas::new();
    for page in pages {
        for example in &page.examples {
            let Some((type_name, _)) = example.annotation.as_ref().and_then(|a| a.odata_type())
            else {
                continue;
            };
            if configured.contains_key(type_name) || schemas.contains_key(type_name) {
                continue;
            }
            let validator = crate::model::schema::derive(model, type_name)
                .and_then(|schema| jsonschema::validator_for(&schema).ok());
            if let Some(validator) = validator {
                schemas.insert(type_name.to_string(), validator);
            }
        }
    }
    schemas.extend(configured.iter().map(|(k, v)| (k.clone(), v.clone())));
    schemas
}

/// Validates each typed example against its configured schema.
pub fn check(context: &Context, out: &mut Vec<Diagnostic>) {
    if context.schemas.is_empty() {
        return;
    }
    for example in &context.page().examples {
        if !example.checked || example.kind == BlockKind::Resource {
            continue;
        }
        let (Some(annotation), Some(tree)) = (&example.annotation, &example.json) else {
            continue;
        };
        let Some((type_name, _)) = annotation.odata_type() else {
            continue;
        };
        let Some(validator) = context.schemas.get(type_name) else {
            continue;
        };
        let instance = to_serde(tree);
        let targets: Vec<(&json::Value, String)> = if annotation.flag("isCollection") {
            match (&tree.node, tree.get("value")) {
                (Node::Array { items, .. }, _) => items
                    .iter()
                    .enumerate()
                    .map(|(i, v)| (v, format!("/{i}")))
                    .collect(),
                (
                    _,
                    Some(json::Value {
                        node: Node::Array { items, .. },
                        ..
                    }),
                ) => items
                    .iter()
                    .enumerate()
                    .map(|(i, v)| (v, format!("/value/{i}")))
                    .collect(),
                _ => Vec::new(),
            }
        } else {
            vec![(tree, String::new())]
        };
        for (target, prefix) in targets {
            let value = pointer(&instance, &prefix)
                .cloned()
                .unwrap_or_else(|| to_serde(target));
            for error in validator.iter_errors(&value) {
                let path = error.instance_path().to_string();
                let node = locate(target, &path).unwrap_or(target);
                out.push(
                    Diagnostic::new(
                        &SCHEMA,
                        node.span.clone(),
                        format!("{error} (at {prefix}{path}, schema of `{type_name}`)"),
                    )
                    .with_label("does not match the schema")
                    .with_help(
                        "correct the example, or the schema configured in [schemas] if the \
                         example is right",
                    ),
                );
            }
        }
    }
}

fn pointer<'v>(value: &'v serde_json::Value, path: &str) -> Option<&'v serde_json::Value> {
    if path.is_empty() {
        Some(value)
    } else {
        value.pointer(path)
    }
}

/// The node at a JSON pointer (`/value/0/id`) in a span-keeping tree.
pub fn locate<'v>(value: &'v json::Value, pointer: &str) -> Option<&'v json::Value> {
    let mut current = value;
    for token in pointer.split('/').skip(1) {
        let token = token.replace("~1", "/").replace("~0", "~");
        current = match &current.node {
            Node::Object { members, .. } => &members.iter().find(|m| m.key == token)?.value,
            Node::Array { items, .. } => items.get(token.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(current)
}

/// A span-keeping tree as a serde_json value, for the validator.
pub fn to_serde(value: &json::Value) -> serde_json::Value {
    match &value.node {
        Node::Null => serde_json::Value::Null,
        Node::Bool(b) => serde_json::Value::Bool(*b),
        Node::Number(n) => serde_json::from_str(n).unwrap_or(serde_json::Value::Null),
        Node::String(s) => serde_json::Value::String(s.clone()),
        Node::Array { items, .. } => items.iter().map(to_serde).collect(),
        Node::Object { members, .. } => members
            .iter()
            .map(|m| (m.key.clone(), to_serde(&m.value)))
            .collect::<serde_json::Map<_, _>>()
            .into(),
    }
}
