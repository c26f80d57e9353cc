//! Examples against their resources: `unknown-type`, `odata-type-mismatch`,
//! `unknown-property`, `property-type`, `missing-property`, `enum-value`,
//! `duplicate-key` and `table-mismatch`.

use std::collections::HashMap;
use std::sync::OnceLock;

use regex::Regex;

use crate::annotation::BlockKind;
use crate::check::Example;
use crate::diagnostic::Diagnostic;
use crate::json::{Node, Value};
use crate::model::{short_name, Model, Primitive, PropertyType, Resource};

use super::{
    Context, ENUM_VALUE, MISSING_PROPERTY, ODATA_TYPE_MISMATCH, PROPERTY_TYPE, TABLE_MISMATCH,
    UNKNOWN_PROPERTY, UNKNOWN_TYPE,
};

/// Nesting below which bodies are not followed; docs examples are shallow.
const MAX_DEPTH: usize = 24;

/// Checks the page's examples against the model.
pub fn check(context: &Context, out: &mut Vec<Diagnostic>) {
    let page = context.page();
    let selects = page
        .examples
        .iter()
        .filter_map(|e| e.request.as_ref())
        .any(|r| r.url.contains("$select") || r.url.contains("%24select"));
    for example in &page.examples {
        if !example.checked {
            continue;
        }
        if matches!(example.kind, BlockKind::Resource) {
            continue;
        }
        let Some(annotation) = &example.annotation else {
            continue;
        };
        let Some((type_name, type_span)) = annotation.odata_type() else {
            continue;
        };
        if !known_or_unchecked(context.model, type_name, type_span.clone(), out) {
            continue;
        }
        let (Some(resource), Some(json)) = (context.model.resource(type_name), &example.json)
        else {
            continue;
        };
        let truncated = annotation.flag("truncated");
        let checker = BodyChecker {
            model: context.model,
            out,
        };
        let full = !truncated && !selects && matches!(example.kind, BlockKind::Response);
        checker.check_example(
            example,
            resource,
            json,
            annotation.flag("isCollection"),
            full,
        );
    }
    table_mismatch(context, out);
}

/// Reports `unknown-type` for a metadata type; returns whether the type is known.
fn known_or_unchecked(
    model: &Model,
    name: &str,
    span: std::ops::Range<usize>,
    out: &mut Vec<Diagnostic>,
) -> bool {
    if model.knows_type(name) {
        return true;
    }
    let namespace = name.rsplit_once('.').map_or("", |(ns, _)| ns);
    if !model.namespaces.contains(namespace) {
        // A namespace the tree declares nothing in: the resources live elsewhere.
        return false;
    }
    let mut diagnostic = Diagnostic::new(
        &UNKNOWN_TYPE,
        span.clone(),
        format!("`{name}` names no resource or enum of these docs"),
    )
    .with_label("unknown type");
    diagnostic = match model.nearest_type(name) {
        Some(near) if near.eq_ignore_ascii_case(name) => diagnostic
            .with_help(format!(
                "type names are case-sensitive: the docs declare `{near}`"
            ))
            .with_fix(replace(span, near)),
        Some(near) => diagnostic
            .with_help(format!("did you mean `{near}`?"))
            .with_fix(replace(span, near)),
        None => diagnostic
            .with_help("declare the resource with a `resource` block, or correct the type name"),
    };
    out.push(diagnostic);
    false
}

fn replace(span: std::ops::Range<usize>, name: &str) -> crate::diagnostic::Fix {
    crate::diagnostic::Fix {
        title: format!("use `{name}`"),
        edits: vec![crate::diagnostic::Edit {
            span,
            replacement: format!("\"{name}\""),
        }],
    }
}

struct BodyChecker<'a, 'o> {
    model: &'a Model,
    out: &'o mut Vec<Diagnostic>,
}

impl<'a> BodyChecker<'a, '_> {
    fn check_example(
        mut self,
        example: &Example,
        resource: &'a Resource,
        json: &Value,
        is_collection: bool,
        full: bool,
    ) {
        if example.json.is_none() {
            return;
        }
        if is_collection {
            let items = match (&json.node, json.get("value")) {
                (Node::Array { items, .. }, _) => items,
                (
                    _,
                    Some(Value {
                        node: Node::Array { items, .. },
                        ..
                    }),
                ) => items,
                _ => return,
            };
            for (i, item) in items.iter().enumerate() {
                self.object(item, resource, &format!("$.value[{i}]"), 0, full);
            }
        } else {
            self.object(json, resource, "$", 0, full);
        }
    }

    /// Checks an object value against a resource.
    fn object(
        &mut self,
        value: &Value,
        resource: &'a Resource,
        path: &str,
        depth: usize,
        full: bool,
    ) {
        let Node::Object { members, elided } = &value.node else {
            return;
        };
        if depth > MAX_DEPTH {
            return;
        }
        let declared = resource;
        let resource = self.own_type(value, resource, path);
        // A body that names its own type is checked as that type, and may also
        // show what the declared type has: the docs do not always state the
        // inheritance between the two.
        let mut properties = self.model.all_properties(resource);
        if !std::ptr::eq(resource, declared) {
            properties.extend(self.model.all_properties(declared));
        }
        let open = self.model.is_open(resource) || self.model.is_open(declared);
        let by_name: HashMap<&str, &crate::model::Property> =
            properties.iter().map(|p| (p.name.as_str(), *p)).collect();
        let mut unknown = Vec::new();
        for member in members {
            if member.key.contains('@') {
                continue;
            }
            let member_path = format!("{path}.{}", member.key);
            match by_name.get(member.key.as_str()) {
                Some(property) => {
                    self.value(&member.value, &property.kind, resource, &member_path, depth)
                }
                None if open => {}
                None => unknown.push(member),
            }
        }
        let shown = members.iter().filter(|m| !m.key.contains('@')).count();
        if unknown.len() >= 2 {
            self.foreign_body(resource, &unknown, shown);
        } else {
            for member in unknown {
                self.unknown_property(member, resource, &properties);
            }
        }
        if full && depth == 0 && !elided {
            let present: Vec<&str> = members.iter().map(|m| m.key.as_str()).collect();
            let missing: Vec<&str> = resource
                .properties
                .iter()
                .filter(|p| p.in_json && !p.relationship)
                .map(|p| p.name.as_str())
                .filter(|name| {
                    !present.contains(name) && !resource.optional.iter().any(|o| o == name)
                })
                .collect();
            if !missing.is_empty() && !members.is_empty() {
                let shown = missing
                    .iter()
                    .take(5)
                    .map(|m| format!("`{m}`"))
                    .collect::<Vec<_>>();
                let more = if missing.len() > 5 {
                    format!(" and {} more", missing.len() - 5)
                } else {
                    String::new()
                };
                self.out.push(
                    Diagnostic::new(
                        &MISSING_PROPERTY,
                        value.span.start..value.span.start + 1,
                        format!(
                            "response omits {} of `{}`: {}{more}",
                            plural(missing.len(), "property", "properties"),
                            resource.name,
                            shown.join(", ")
                        ),
                    )
                    .with_label("this object")
                    .with_help(
                        "mark the response `\"truncated\": true` if it shows only part of the \
                         resource, or list the properties in `optionalProperties`",
                    ),
                );
            }
        }
    }

    /// The type to check an object as: its own `@odata.type` when that is the
    /// declared type or derives from it; a contradicting one is reported.
    fn own_type(&mut self, value: &Value, declared: &'a Resource, path: &str) -> &'a Resource {
        let Some(member) = value.member("@odata.type") else {
            return declared;
        };
        let Some(own) = member.value.as_str().map(|t| t.trim_start_matches('#')) else {
            return declared;
        };
        if own == declared.name {
            return declared;
        }
        match self.model.resource(own) {
            Some(resource)
                if self.model.derives_from(own, &declared.name)
                    || self.model.derives_from(&declared.name, own)
                    || same_family(own, &declared.name) =>
            {
                resource
            }
            Some(resource) => {
                self.out.push(
                    Diagnostic::new(
                        &ODATA_TYPE_MISMATCH,
                        member.value.span.clone(),
                        format!(
                            "{path} says it is `{own}`, but its declared type is `{}`",
                            declared.name
                        ),
                    )
                    .with_label("contradicts the declared type")
                    .with_help(
                        "correct the `@odata.type` of the value, or the type the metadata or \
                         the property table declares; a derived type would be fine",
                    ),
                );
                resource
            }
            None => declared,
        }
    }

    /// Most of an object's properties are foreign to its type: one finding that
    /// asks whether the type is right, instead of one per property.
    fn foreign_body(
        &mut self,
        resource: &Resource,
        unknown: &[&crate::json::Member],
        shown: usize,
    ) {
        let names: Vec<String> = unknown
            .iter()
            .take(4)
            .map(|m| format!("`{}`", m.key))
            .collect();
        let more = if unknown.len() > 4 { ", ..." } else { "" };
        let mut diagnostic = Diagnostic::new(
            &UNKNOWN_PROPERTY,
            unknown[0].key_span.clone(),
            format!(
                "{} of {shown} properties are not properties of `{}`: {}{more}",
                unknown.len(),
                resource.name,
                names.join(", ")
            ),
        )
        .with_label("undeclared property")
        .with_help(if unknown.len() * 2 >= shown {
            format!(
                "this object looks like another type: check the `@odata.type` that says it \
                 is `{}`, or declare these properties on the resource",
                resource.name
            )
        } else {
            format!(
                "declare these properties on `{}` (or its base type), or remove them from \
                 the example",
                resource.name
            )
        });
        for member in &unknown[1..] {
            diagnostic = diagnostic.with_secondary(member.key_span.clone(), "undeclared");
        }
        self.out.push(diagnostic);
    }

    fn unknown_property(
        &mut self,
        member: &crate::json::Member,
        resource: &Resource,
        properties: &[&crate::model::Property],
    ) {
        let lower = member.key.to_lowercase();
        let same_but_case = properties.iter().find(|p| p.name.to_lowercase() == lower);
        let mut diagnostic = Diagnostic::new(
            &UNKNOWN_PROPERTY,
            member.key_span.clone(),
            format!("`{}` is not a property of `{}`", member.key, resource.name),
        )
        .with_label("undeclared property");
        diagnostic = match same_but_case {
            Some(property) => diagnostic
                .with_help(format!(
                    "JSON names are case-sensitive: the resource declares `{}`",
                    property.name
                ))
                .with_fix(crate::diagnostic::Fix {
                    title: format!("use `{}`", property.name),
                    edits: vec![crate::diagnostic::Edit {
                        span: member.key_span.clone(),
                        replacement: format!("\"{}\"", property.name),
                    }],
                }),
            None if member.key == "value" => diagnostic.with_help(
                "a single entity is not wrapped in `value`; if the response is a collection, \
                 mark its metadata `\"isCollection\": true`",
            ),
            None => {
                let near = properties
                    .iter()
                    .map(|p| (strsim::levenshtein(&lower, &p.name.to_lowercase()), p))
                    .filter(|(d, p)| *d <= (p.name.len() / 4).clamp(1, 3))
                    .min_by_key(|(d, _)| *d);
                match near {
                    Some((_, property)) => {
                        diagnostic.with_help(format!("did you mean `{}`?", property.name))
                    }
                    None => diagnostic.with_help(
                        "declare the property on the resource, or remove it from the example",
                    ),
                }
            }
        };
        self.out.push(diagnostic);
    }

    fn value(
        &mut self,
        value: &Value,
        expected: &PropertyType,
        parent: &'a Resource,
        path: &str,
        depth: usize,
    ) {
        if matches!(value.node, Node::Null) || depth > MAX_DEPTH {
            return;
        }
        match expected {
            PropertyType::Primitive(primitive) => self.primitive(value, *primitive, path),
            PropertyType::Collection(inner) => match &value.node {
                Node::Array { items, .. } => {
                    for (i, item) in items.iter().enumerate() {
                        self.value(item, inner, parent, &format!("{path}[{i}]"), depth + 1);
                    }
                }
                _ => self.wrong_type(value, expected, path),
            },
            PropertyType::Object => {
                if !matches!(value.node, Node::Object { .. }) {
                    self.wrong_type(value, expected, path);
                }
            }
            PropertyType::Named(name) => self.named(value, name, parent, path, depth),
            PropertyType::Unknown => {}
        }
    }

    fn named(&mut self, value: &Value, name: &str, parent: &'a Resource, path: &str, depth: usize) {
        let short = short_name(name);
        if let Some(members) = self.model.enums.get(short) {
            let Node::String(text) = &value.node else {
                self.wrong_type(value, &PropertyType::Named(name.to_string()), path);
                return;
            };
            let unknown: Vec<&str> = text
                .split(',')
                .map(str::trim)
                .filter(|v| !v.is_empty() && !is_placeholder(v) && !members.iter().any(|m| m == v))
                .collect();
            if let Some(first) = unknown.first() {
                let near = members.iter().find(|m| m.eq_ignore_ascii_case(first));
                let help = match near {
                    Some(member) => format!("enum members are case-sensitive: write `{member}`"),
                    None => format!(
                        "`{short}` has {}",
                        members
                            .iter()
                            .take(8)
                            .map(|m| format!("`{m}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                };
                self.out.push(
                    Diagnostic::new(
                        &ENUM_VALUE,
                        value.span.clone(),
                        format!("`{first}` is not a member of `{short}` (at {path})"),
                    )
                    .with_label("not an enum member")
                    .with_help(help),
                );
            }
            return;
        }
        let qualified = if name.contains('.') {
            name.to_string()
        } else {
            let namespace = parent.name.rsplit_once('.').map_or("", |(ns, _)| ns);
            format!("{namespace}.{name}")
        };
        if let Some(resource) = self.model.resource(&qualified) {
            match &value.node {
                Node::Object { .. } => self.object(value, resource, path, depth + 1, false),
                _ => self.wrong_type(value, &PropertyType::Named(name.to_string()), path),
            }
        }
    }

    fn primitive(&mut self, value: &Value, primitive: Primitive, path: &str) {
        let ok = match (&value.node, primitive) {
            (Node::String(_), Primitive::String) => true,
            (Node::String(text), Primitive::DateTime) => {
                if !is_rfc3339(text) && !is_placeholder(text) {
                    self.out.push(
                        Diagnostic::new(
                            &PROPERTY_TYPE,
                            value.span.clone(),
                            format!("`{text}` is not an RFC 3339 date-time (at {path})"),
                        )
                        .with_label("not RFC 3339")
                        .with_help(
                            "a DateTimeOffset is written like `2024-03-01T09:30:00Z`: date, \
                             `T`, time, and `Z` or an offset such as `+01:00`",
                        ),
                    );
                }
                true
            }
            (Node::Number(_), Primitive::Number { .. }) => true,
            (Node::String(_), Primitive::Number { string_allowed }) => string_allowed,
            (Node::Bool(_), Primitive::Boolean) => true,
            _ => false,
        };
        if !ok {
            self.wrong_type(value, &PropertyType::Primitive(primitive), path);
        }
    }

    fn wrong_type(&mut self, value: &Value, expected: &PropertyType, path: &str) {
        let found = value.node.type_name();
        if let PropertyType::Named(_) = expected {
            if !matches!(value.node, Node::Object { .. } | Node::String(_)) {
                // Named types are objects or enum strings; anything else is wrong.
            } else {
                return;
            }
        }
        self.out.push(
            Diagnostic::new(
                &PROPERTY_TYPE,
                value.span.clone(),
                format!(
                    "{path} is {} {found}, but the property is {}",
                    article(found),
                    expected.describe()
                ),
            )
            .with_label(format!("{found} value"))
            .with_help(format!(
                "write a value of type {}, or correct the property's declared type",
                expected.describe()
            )),
        );
    }
}

fn article(word: &str) -> &'static str {
    if word.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Whether two type names end in the same word (`fileAssessmentRequest`,
/// `threatAssessmentRequest`): the docs often leave such inheritance unstated,
/// so a mismatch between them is not reported.
fn same_family(a: &str, b: &str) -> bool {
    let last_word = |name: &str| {
        let short = short_name(name);
        let start = short
            .char_indices()
            .filter(|(_, c)| c.is_ascii_uppercase())
            .map(|(i, _)| i)
            .next_back()
            .unwrap_or(0);
        short[start..].to_ascii_lowercase()
    };
    last_word(a) == last_word(b)
}

/// Whether a value is a placeholder the docs write for "some value here":
/// `String`, `datetime-value`, `String (timestamp)`. Such values are not judged.
fn is_placeholder(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    lower == "string"
        || lower.ends_with("-value")
        || lower.ends_with(" value")
        || lower.starts_with("string (")
        || !text.chars().any(|c| c.is_ascii_digit()) && lower.contains("date")
}

/// RFC 3339 date-time: `2024-03-01T09:30:00Z`, fractions and offsets allowed.
fn is_rfc3339(text: &str) -> bool {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN
        .get_or_init(|| {
            Regex::new(r"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")
                .expect("valid pattern")
        })
        .is_match(text)
}

/// Property tables against JSON representations of the resources this page declares.
fn table_mismatch(context: &Context, out: &mut Vec<Diagnostic>) {
    let here = |place: &Option<crate::model::Place>| {
        place
            .as_ref()
            .filter(|p| p.page == context.index)
            .map(|p| p.span.clone())
    };
    let mut resources: Vec<&Resource> = context
        .model
        .declared_on
        .get(&context.index)
        .into_iter()
        .flatten()
        .filter_map(|name| context.model.resource(name))
        .collect();
    resources.sort_by(|a, b| a.name.cmp(&b.name));
    for resource in resources {
        let has_table = resource
            .properties
            .iter()
            .any(|p| !p.relationship && here(&p.table_place).is_some());
        let has_json = resource
            .properties
            .iter()
            .any(|p| here(&p.json_place).is_some());
        if !has_table || !has_json {
            continue;
        }
        // A representation may show what the base type declares; the derived
        // type's table lists only its own properties.
        let inherited: std::collections::HashSet<&str> = resource
            .base_type
            .as_deref()
            .and_then(|base| context.model.resource(base))
            .map(|base| context.model.all_properties(base))
            .unwrap_or_default()
            .into_iter()
            .map(|p| p.name.as_str())
            .collect();
        for property in resource
            .properties
            .iter()
            .filter(|p| !p.name.starts_with('@'))
        {
            let table = here(&property.table_place);
            let json = here(&property.json_place);
            match (property.in_table, property.in_json, table, json) {
                (true, false, Some(span), _) if !property.relationship => out.push(
                    Diagnostic::new(
                        &TABLE_MISMATCH,
                        span,
                        format!(
                            "the property table lists `{}`, the JSON representation does not",
                            property.name
                        ),
                    )
                    .with_label("only in the table")
                    .with_help("add the property to the JSON representation, or remove the row"),
                ),
                (false, true, _, Some(span)) if !inherited.contains(property.name.as_str()) => out
                    .push(
                        Diagnostic::new(
                            &TABLE_MISMATCH,
                            span,
                            format!(
                                "the JSON representation shows `{}`, the property table does not",
                                property.name
                            ),
                        )
                        .with_label("only in the JSON")
                        .with_help("add a row for the property to the table, or remove it here"),
                    ),
                _ => {}
            }
        }
    }
}
