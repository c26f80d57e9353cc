//! JSON Schemas derived from the model, one per resource.
//!
//! A derived schema says what the docs declare about a resource, in a form other
//! tools read: each property with its JSON type (null always allowed, since the
//! docs rarely say which properties are nullable), enums with their members,
//! nested resources through `$defs`, and `additionalProperties: false` unless the
//! resource is an open type. OData annotations (`@odata.type`, `x@odata.bind`)
//! are always allowed.

use std::collections::BTreeMap;

use serde_json::{json, Map, Value};

use super::{short_name, Model, Primitive, PropertyType, Resource};

/// The schema of a resource, or `None` when the model has no such type.
pub fn derive(model: &Model, name: &str) -> Option<Value> {
    let root = model.resource(name)?;
    let mut defs = BTreeMap::new();
    let mut pending = vec![root.name.clone()];
    while let Some(next) = pending.pop() {
        if defs.contains_key(&next) {
            continue;
        }
        let Some(resource) = model.resource(&next) else {
            continue;
        };
        let schema = object_schema(model, resource, &mut pending);
        defs.insert(next, schema);
    }
    let mut root_schema = defs.remove(&root.name).unwrap_or_else(|| json!({}));
    let object = root_schema.as_object_mut().expect("object schema");
    object.insert(
        "$schema".into(),
        json!("https://json-schema.org/draft/2020-12/schema"),
    );
    object.insert("title".into(), json!(root.name));
    if !defs.is_empty() {
        object.insert("$defs".into(), Value::Object(defs.into_iter().collect()));
    }
    Some(root_schema)
}

fn object_schema(model: &Model, resource: &Resource, pending: &mut Vec<String>) -> Value {
    let mut properties = Map::new();
    for property in model.all_properties(resource) {
        if properties.contains_key(&property.name) {
            continue;
        }
        let schema = type_schema(model, resource, &property.kind, pending);
        properties.insert(property.name.clone(), schema);
    }
    json!({
        "type": "object",
        "properties": properties,
        "patternProperties": { "@": {} },
        "additionalProperties": model.is_open(resource),
    })
}

fn nullable(kind: &str) -> Value {
    json!([kind, "null"])
}

fn type_schema(
    model: &Model,
    parent: &Resource,
    kind: &PropertyType,
    pending: &mut Vec<String>,
) -> Value {
    match kind {
        PropertyType::Primitive(Primitive::String) => json!({ "type": nullable("string") }),
        PropertyType::Primitive(Primitive::DateTime) => {
            json!({ "type": nullable("string"), "format": "date-time" })
        }
        PropertyType::Primitive(Primitive::Number { string_allowed }) => {
            if *string_allowed {
                json!({ "type": ["number", "string", "null"] })
            } else {
                json!({ "type": nullable("number") })
            }
        }
        PropertyType::Primitive(Primitive::Boolean) => json!({ "type": nullable("boolean") }),
        PropertyType::Collection(inner) => json!({
            "type": nullable("array"),
            "items": type_schema(model, parent, inner, pending),
        }),
        PropertyType::Object => json!({ "type": nullable("object") }),
        PropertyType::Unknown => json!({}),
        PropertyType::Named(name) => {
            if let Some(members) = model.enums.get(short_name(name)) {
                return json!({ "type": nullable("string"), "enum": members_or_null(members) });
            }
            let qualified = if name.contains('.') {
                name.clone()
            } else {
                let namespace = parent.name.rsplit_once('.').map_or("", |(ns, _)| ns);
                format!("{namespace}.{name}")
            };
            if model.resource(&qualified).is_some() {
                pending.push(qualified.clone());
                json!({ "anyOf": [{ "$ref": format!("#/$defs/{qualified}") }, { "type": "null" }] })
            } else {
                json!({})
            }
        }
    }
}

fn members_or_null(members: &[String]) -> Value {
    let mut values: Vec<Value> = members.iter().map(|m| json!(m)).collect();
    values.push(Value::Null);
    Value::Array(values)
}
