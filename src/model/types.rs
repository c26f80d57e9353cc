//! Property types as the docs write them: `String`, `Int32`, `DateTimeOffset`,
//! `widgetColor`, `assignedLicense collection`, or an example value in a
//! resource's JSON representation.

use crate::json::{Node, Value};

/// A primitive type the docs name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Primitive {
    /// Text, ids, durations, dates without time.
    String,
    /// A date and time that must be RFC 3339 (`DateTimeOffset`).
    DateTime,
    /// Any JSON number. Int64 and Decimal may also be written as strings.
    Number {
        /// Whether a string form is accepted too.
        string_allowed: bool,
    },
    /// `true` or `false`.
    Boolean,
}

/// The type of a property.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PropertyType {
    /// A primitive.
    Primitive(Primitive),
    /// A collection of the inner type.
    Collection(Box<PropertyType>),
    /// A named type: a resource (complex type) or an enum, by short or full name.
    Named(String),
    /// A JSON object of no declared type.
    Object,
    /// Not known (a null example, or a type text apiproof cannot read).
    Unknown,
}

impl PropertyType {
    /// Reads the Type column of a property table.
    pub fn from_table(text: &str) -> PropertyType {
        let text = text.trim().trim_matches('`').trim();
        let lower = text.to_ascii_lowercase();
        if let Some(inner) = lower
            .strip_suffix(" collection")
            .map(|_| &text[..text.len() - " collection".len()])
        {
            return PropertyType::Collection(Box::new(PropertyType::from_table(inner)));
        }
        if let Some(inner) = text
            .strip_prefix("Collection(")
            .and_then(|t| t.strip_suffix(')'))
        {
            return PropertyType::Collection(Box::new(PropertyType::from_table(inner)));
        }
        let name = text.strip_prefix("Edm.").unwrap_or(text);
        let primitive = match name.to_ascii_lowercase().as_str() {
            "string" | "guid" | "binary" | "duration" | "date" | "timeofday" | "stream" => {
                Primitive::String
            }
            "datetimeoffset" | "datetime" => Primitive::DateTime,
            "int32" | "int16" | "byte" | "sbyte" | "double" | "single" | "float" | "int" => {
                Primitive::Number {
                    string_allowed: false,
                }
            }
            "int64" | "decimal" | "long" => Primitive::Number {
                string_allowed: true,
            },
            "boolean" | "bool" => Primitive::Boolean,
            _ => {
                let is_name = !name.is_empty()
                    && name
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_');
                return if is_name {
                    PropertyType::Named(name.to_string())
                } else {
                    PropertyType::Unknown
                };
            }
        };
        PropertyType::Primitive(primitive)
    }

    /// Reads an example value of a resource's JSON representation, where
    /// `"String (timestamp)"` stands for a date-time and `{"@odata.type": ...}`
    /// for a value of that type.
    pub fn from_example(value: &Value) -> PropertyType {
        match &value.node {
            Node::Null => PropertyType::Unknown,
            Node::Bool(_) => PropertyType::Primitive(Primitive::Boolean),
            Node::Number(_) => PropertyType::Primitive(Primitive::Number {
                string_allowed: true,
            }),
            Node::String(text) => {
                let lower = text.to_ascii_lowercase();
                if lower.contains("timestamp") || lower.starts_with("datetimeoffset") {
                    return PropertyType::Primitive(Primitive::DateTime);
                }
                // A representation often names the type instead of showing a
                // value: "Boolean", "Int32", "Double".
                match PropertyType::from_table(text) {
                    primitive @ PropertyType::Primitive(_) => primitive,
                    _ => PropertyType::Primitive(Primitive::String),
                }
            }
            Node::Array { items, .. } => PropertyType::Collection(Box::new(
                items
                    .first()
                    .map_or(PropertyType::Unknown, PropertyType::from_example),
            )),
            Node::Object { .. } => match value.get("@odata.type").and_then(Value::as_str) {
                Some(name) => PropertyType::Named(name.trim_start_matches('#').to_string()),
                None => PropertyType::Object,
            },
        }
    }

    /// The JSON type name a value of this type has, when there is exactly one.
    pub fn json_type(&self) -> Option<&'static str> {
        match self {
            PropertyType::Primitive(Primitive::String | Primitive::DateTime) => Some("string"),
            PropertyType::Primitive(Primitive::Number { .. }) => Some("number"),
            PropertyType::Primitive(Primitive::Boolean) => Some("boolean"),
            PropertyType::Collection(_) => Some("array"),
            PropertyType::Object => Some("object"),
            PropertyType::Named(_) | PropertyType::Unknown => None,
        }
    }

    /// How the docs write this type, for messages.
    pub fn describe(&self) -> String {
        match self {
            PropertyType::Primitive(Primitive::String) => "String".into(),
            PropertyType::Primitive(Primitive::DateTime) => "DateTimeOffset".into(),
            PropertyType::Primitive(Primitive::Number { .. }) => "a number".into(),
            PropertyType::Primitive(Primitive::Boolean) => "Boolean".into(),
            PropertyType::Collection(inner) => format!("{} collection", inner.describe()),
            PropertyType::Named(name) => name.clone(),
            PropertyType::Object => "an object".into(),
            PropertyType::Unknown => "unknown".into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_table_types() {
        assert_eq!(
            PropertyType::from_table("String collection"),
            PropertyType::Collection(Box::new(PropertyType::Primitive(Primitive::String)))
        );
        assert_eq!(
            PropertyType::from_table("DateTimeOffset"),
            PropertyType::Primitive(Primitive::DateTime)
        );
        assert_eq!(
            PropertyType::from_table("assignedLicense collection"),
            PropertyType::Collection(Box::new(PropertyType::Named("assignedLicense".into())))
        );
        assert_eq!(
            PropertyType::from_table("widgetColor"),
            PropertyType::Named("widgetColor".into())
        );
        assert_eq!(PropertyType::from_table("see below"), PropertyType::Unknown);
    }

    #[test]
    fn reads_type_names_in_representations() {
        let example = |text: &str| {
            let value = crate::json::parse(text, crate::json::Allow::default()).unwrap();
            PropertyType::from_example(&value)
        };
        assert_eq!(
            example("\"Boolean\""),
            PropertyType::Primitive(Primitive::Boolean)
        );
        assert_eq!(
            example("\"Double\""),
            PropertyType::Primitive(Primitive::Number {
                string_allowed: false
            })
        );
        assert_eq!(
            example("\"String (identifier)\""),
            PropertyType::Primitive(Primitive::String)
        );
        assert_eq!(
            example("\"String (timestamp)\""),
            PropertyType::Primitive(Primitive::DateTime)
        );
    }
}
