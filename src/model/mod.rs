//! The docs as a model: what the whole tree declares, gathered from every page.
//!
//! Each page is read on its own (in the parallel pass of `check`); this module
//! merges what the pages declare (resources and their properties, enums, example
//! names, anchors, the files that exist) once, so that rules can check every
//! example against the declarations of the whole tree.

pub mod schema;
pub mod slug;
pub mod template;
mod types;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;
use std::path::{Component, Path, PathBuf};

pub use types::{Primitive, PropertyType};

use rayon::prelude::*;

use crate::annotation::BlockKind;
use crate::check::PageReport;
use crate::config::ModelConfig;
use crate::json::{Node, Value};

/// A place in a page: the page's index in the run and a byte range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// Index of the page in the run's pages.
    pub page: usize,
    /// Byte range in that page.
    pub span: Range<usize>,
}

/// A property of a resource.
#[derive(Debug, Clone)]
pub struct Property {
    /// Its name.
    pub name: String,
    /// Its type, from the property table when there is one, else from the
    /// example value in the resource's JSON representation.
    pub kind: PropertyType,
    /// Whether the property table declares it.
    pub in_table: bool,
    /// Whether the JSON representation shows it.
    pub in_json: bool,
    /// Whether it comes from a relationships table (a navigation property, which
    /// the JSON representation need not show).
    pub relationship: bool,
    /// Its name in a property table.
    pub table_place: Option<Place>,
    /// Its key in a JSON representation.
    pub json_place: Option<Place>,
}

/// A resource type, from a `resource` block and its page's property table.
#[derive(Debug, Clone)]
pub struct Resource {
    /// Full name, such as `microsoft.graph.user`.
    pub name: String,
    /// Where the `resource` block's metadata declares it.
    pub declared: Place,
    /// Properties in declaration order.
    pub properties: Vec<Property>,
    /// Names that need not appear in a full response.
    pub optional: Vec<String>,
    /// The key property, if declared.
    pub key_property: Option<String>,
    /// The base type's full name, if declared.
    pub base_type: Option<String>,
    /// Whether instances may carry properties the docs do not declare.
    pub open_type: bool,
}

impl Resource {
    /// Adds what another `resource` block of the same type declares: its
    /// properties, flags and, when this one has none, its base type.
    fn merge(&mut self, other: Resource) {
        for property in other.properties {
            match self.properties.iter_mut().find(|p| p.name == property.name) {
                Some(known) => {
                    known.in_json |= property.in_json;
                    known.in_table |= property.in_table;
                    known.relationship |= property.relationship;
                    if known.json_place.is_none() {
                        known.json_place = property.json_place;
                    }
                    if known.table_place.is_none() {
                        known.table_place = property.table_place;
                    }
                    // A property table's type is more exact than an example value.
                    let from_table = property.in_table && property.kind != PropertyType::Unknown;
                    if from_table || known.kind == PropertyType::Unknown {
                        known.kind = property.kind;
                    }
                }
                None => self.properties.push(property),
            }
        }
        self.optional.extend(other.optional);
        self.open_type |= other.open_type;
        if self.base_type.is_none() {
            self.base_type = other.base_type;
        }
        if self.key_property.is_none() {
            self.key_property = other.key_property;
        }
    }
}

/// The base type a resource page states in its introduction: "Inherits from
/// [entity](entity.md)", "Derived from [**x**](x.md)", "A subclass of [x](x.md)".
/// Only the text before the first `##` heading is read, so that "Inherited from"
/// cells of property tables do not count.
fn inherited_from(page: &str, name: &str) -> Option<String> {
    static PATTERN: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let pattern = PATTERN.get_or_init(|| {
        regex::Regex::new(
            r"(?i)\b(?:inherits|inherit|derived|derives|subclass)\s+(?:from|of)\s+\[[*`\s]*([A-Za-z0-9_.]+)[*`\s]*\]",
        )
        .expect("valid pattern")
    });
    let intro_end = page.find("\n## ").unwrap_or(page.len());
    let found = pattern.captures(&page[..intro_end])?;
    let base = found[1].trim_start_matches("microsoft.graph.");
    if base.contains('.') {
        return Some(base.to_string());
    }
    let namespace = name.rsplit_once('.').map_or("", |(ns, _)| ns);
    Some(format!("{namespace}.{base}"))
}

#[cfg(test)]
mod inheritance_tests {
    use super::inherited_from;

    #[test]
    fn reads_the_ways_pages_state_a_base_type() {
        let base = |text: &str| inherited_from(text, "microsoft.graph.x");
        assert_eq!(
            base("Inherits from [entity](entity.md).").as_deref(),
            Some("microsoft.graph.entity")
        );
        assert_eq!(
            base("Derived from [**place**](place.md).").as_deref(),
            Some("microsoft.graph.place")
        );
        assert_eq!(
            base("A subclass of [`item`](item.md).").as_deref(),
            Some("microsoft.graph.item")
        );
        assert_eq!(
            base("Creates a subclass from [shift](shift.md)").as_deref(),
            Some("microsoft.graph.shift")
        );
        assert_eq!(
            base("# x\n\n## Properties\n| a | Inherited from [y](y.md) |"),
            None
        );
    }
}

/// Everything the tree declares.
#[derive(Debug, Default)]
pub struct Model {
    /// Resources by full name.
    pub resources: HashMap<String, Resource>,
    /// Enum values by the enum's short name.
    pub enums: HashMap<String, Vec<String>>,
    /// Namespaces that declare at least one resource.
    pub namespaces: HashSet<String>,
    /// Request example names and where each is used, in path order.
    pub request_names: HashMap<String, Vec<Place>>,
    /// Index of each page in the run's pages, by [`key`].
    pub page_index: HashMap<String, usize>,
    /// Every file under the root, by [`key`].
    pub files: HashSet<String>,
    /// Every file under the root, by lower-cased [`key`].
    pub files_lower: HashMap<String, String>,
    /// Pages some page links to, by [`key`]; gathered on first use, since only
    /// `orphan-page` needs it.
    linked: std::sync::OnceLock<HashSet<String>>,
    /// Every HTTP request template of the tree (method, template); gathered on
    /// first use, by `example-method`.
    templates: std::sync::OnceLock<Vec<(String, template::Template)>>,
    /// For each page index, the resources whose table or JSON representation
    /// stands on it.
    pub declared_on: HashMap<usize, Vec<String>>,
}

impl Model {
    /// Gathers the model from checked pages and the list of every file under the root.
    pub fn build(pages: &[PageReport], all_files: &[PathBuf], config: &ModelConfig) -> Model {
        let mut model = Model::default();
        for file in all_files {
            let path = key(file);
            model.files_lower.insert(path.to_lowercase(), path.clone());
            model.files.insert(path);
        }
        // Each page's declarations are read in parallel, then merged in page order.
        let fragments: Vec<Model> = pages
            .par_iter()
            .enumerate()
            .map(|(index, page)| {
                let mut fragment = Model::default();
                fragment.add_page(index, page, config);
                fragment
            })
            .collect();
        for fragment in fragments {
            model.absorb(fragment);
        }
        for resource in model.resources.values() {
            if let Some((namespace, _)) = resource.name.rsplit_once('.') {
                model.namespaces.insert(namespace.to_string());
            }
            let mut pages: Vec<usize> = resource
                .properties
                .iter()
                .flat_map(|p| p.table_place.iter().chain(p.json_place.iter()))
                .map(|place| place.page)
                .collect();
            pages.sort_unstable();
            pages.dedup();
            for page in pages {
                model
                    .declared_on
                    .entry(page)
                    .or_default()
                    .push(resource.name.clone());
            }
        }
        model
    }

    /// Takes in what a later page declares.
    fn absorb(&mut self, other: Model) {
        self.page_index.extend(other.page_index);
        for (name, places) in other.request_names {
            self.request_names.entry(name).or_default().extend(places);
        }
        self.enums.extend(other.enums);
        for (name, resource) in other.resources {
            match self.resources.get_mut(&name) {
                Some(known) => known.merge(resource),
                None => {
                    self.resources.insert(name, resource);
                }
            }
        }
    }

    fn add_page(&mut self, index: usize, page: &PageReport, config: &ModelConfig) {
        self.page_index
            .insert(key(Path::new(&page.document.path)), index);

        let mut page_resource: Option<String> = None;
        for example in &page.examples {
            let Some(annotation) = &example.annotation else {
                continue;
            };
            match example.kind {
                BlockKind::Request => {
                    if let Some(name) = annotation.string("name") {
                        self.request_names
                            .entry(name.to_string())
                            .or_default()
                            .push(Place {
                                page: index,
                                span: annotation.value_span("name"),
                            });
                    }
                }
                BlockKind::Resource => {
                    let Some((name, span)) = annotation.odata_type() else {
                        continue;
                    };
                    page_resource.get_or_insert_with(|| name.to_string());
                    let mut resource = resource_from_block(
                        name,
                        Place { page: index, span },
                        annotation,
                        example.json.as_ref(),
                    );
                    if resource.base_type.is_none() {
                        resource.base_type = inherited_from(&page.document.text, name);
                    }
                    match self.resources.get_mut(name) {
                        Some(known) => known.merge(resource),
                        None => {
                            self.resources.insert(name.to_string(), resource);
                        }
                    }
                }
                _ => {}
            }
        }

        for table in &page.outline.tables {
            let heading = table
                .heading
                .and_then(|i| page.outline.headings.get(i))
                .map(|h| h.text.to_lowercase())
                .unwrap_or_default();
            let first_column = table
                .header
                .first()
                .map(|h| h.to_lowercase())
                .unwrap_or_default();
            let is_enum_table = matches!(first_column.as_str(), "member" | "value" | "name")
                && table.header.len() <= 3
                && heading.ends_with(" values");
            if is_enum_table && words_match(&heading, &config.enum_headings) {
                let name = heading_original(page, table.heading)
                    .trim_end_matches(" values")
                    .trim_end_matches(" Values")
                    .trim()
                    .to_string();
                let values = table
                    .rows
                    .iter()
                    .filter_map(|row| row.first().map(|(text, _)| text.trim().to_string()))
                    .filter(|v| !v.is_empty())
                    .collect();
                self.enums.insert(name, values);
                continue;
            }
            // A property table: a name column first and a Type column, under a
            // properties or relationships heading. Header words vary ("Property",
            // "Property name", "Name", "Relationship name").
            let type_column = table
                .header
                .iter()
                .position(|h| h.trim().eq_ignore_ascii_case("type"));
            let relationship = first_column.starts_with("relationship")
                || words_match(&heading, &config.relationship_headings);
            let is_property_table = type_column.is_some_and(|i| i > 0)
                && matches!(
                    first_column.as_str(),
                    "property" | "property name" | "name" | "relationship" | "relationship name"
                )
                && (relationship || words_match(&heading, &config.property_headings));
            let Some(resource) = page_resource
                .as_ref()
                .and_then(|name| self.resources.get_mut(name))
            else {
                continue;
            };
            if !is_property_table {
                continue;
            }
            for row in &table.rows {
                let type_text = type_column.and_then(|i| row.get(i));
                let (Some((name, name_span)), Some((type_text, _))) = (row.first(), type_text)
                else {
                    continue;
                };
                let name = name.trim().trim_matches(['`', '*']).to_string();
                if name.is_empty() || name.contains(' ') {
                    continue;
                }
                let kind = PropertyType::from_table(type_text);
                match resource.properties.iter_mut().find(|p| p.name == name) {
                    Some(property) => {
                        property.in_table = true;
                        property.relationship |= relationship;
                        property.table_place = Some(Place {
                            page: index,
                            span: name_span.clone(),
                        });
                        if kind != PropertyType::Unknown {
                            property.kind = kind;
                        }
                    }
                    None => resource.properties.push(Property {
                        name,
                        kind,
                        in_table: true,
                        in_json: false,
                        relationship,
                        table_place: Some(Place {
                            page: index,
                            span: name_span.clone(),
                        }),
                        json_place: None,
                    }),
                }
            }
        }
    }

    /// Pages some page of the tree links to, by [`key`].
    pub fn linked(&self, pages: &[PageReport]) -> &HashSet<String> {
        self.linked.get_or_init(|| {
            let mut linked = HashSet::new();
            for page in pages {
                let path = normalize(Path::new(&page.document.path));
                let folder = path.parent().map(Path::to_path_buf).unwrap_or_default();
                for link in &page.outline.links {
                    if let Some(target) = local_target(&link.target) {
                        linked.insert(key(&folder.join(target)));
                    }
                }
            }
            linked
        })
    }

    /// Every HTTP request template of the tree, gathered by `init` on first use.
    pub fn templates(
        &self,
        init: impl FnOnce() -> Vec<(String, template::Template)>,
    ) -> &[(String, template::Template)] {
        self.templates.get_or_init(init)
    }

    /// Whether a type name (full, or short for enums) is declared anywhere.
    pub fn knows_type(&self, name: &str) -> bool {
        let name = name.trim_start_matches('#');
        self.resources.contains_key(name)
            || self.enums.contains_key(short_name(name))
            || name.starts_with("Edm.")
    }

    /// The declared resource of a type name, without a leading `#`.
    pub fn resource(&self, name: &str) -> Option<&Resource> {
        self.resources.get(name.trim_start_matches('#'))
    }

    /// The properties of a resource and of its base types, nearest first.
    pub fn all_properties<'a>(&'a self, resource: &'a Resource) -> Vec<&'a Property> {
        let mut found = Vec::new();
        let mut seen = HashSet::new();
        let mut current = Some(resource);
        while let Some(resource) = current {
            if !seen.insert(resource.name.as_str()) {
                break;
            }
            found.extend(resource.properties.iter());
            current = resource.base_type.as_deref().and_then(|b| self.resource(b));
        }
        found
    }

    /// Whether `derived` is `base` or inherits from it.
    pub fn derives_from(&self, derived: &str, base: &str) -> bool {
        let mut current = Some(derived.trim_start_matches('#').to_string());
        let mut steps = 0;
        while let Some(name) = current {
            if name == base || steps > 32 {
                return name == base;
            }
            steps += 1;
            current = self.resource(&name).and_then(|r| r.base_type.clone());
        }
        false
    }

    /// Whether a resource or any of its bases is an open type.
    pub fn is_open(&self, resource: &Resource) -> bool {
        let mut current = Some(resource);
        let mut seen = HashSet::new();
        while let Some(resource) = current {
            if resource.open_type {
                return true;
            }
            if !seen.insert(resource.name.as_str()) {
                return false;
            }
            current = resource.base_type.as_deref().and_then(|b| self.resource(b));
        }
        false
    }

    /// The known type name nearest to `name`, for a "did you mean".
    pub fn nearest_type(&self, name: &str) -> Option<&str> {
        let lower = name.to_lowercase();
        if let Some(same) = self.resources.keys().find(|k| k.to_lowercase() == lower) {
            return Some(same);
        }
        self.resources
            .keys()
            .map(|k| (strsim::levenshtein(&lower, &k.to_lowercase()), k))
            .filter(|(distance, k)| *distance <= (k.len() / 6).clamp(1, 4))
            .min_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(b.1)))
            .map(|(_, k)| k.as_str())
    }
}

/// `microsoft.graph.user` → `user`.
pub fn short_name(name: &str) -> &str {
    name.rsplit('.').next().unwrap_or(name)
}

fn words_match(heading: &str, words: &[String]) -> bool {
    words.iter().any(|w| heading.contains(&w.to_lowercase()))
}

fn heading_original(page: &PageReport, index: Option<usize>) -> String {
    index
        .and_then(|i| page.outline.headings.get(i))
        .map(|h| h.text.clone())
        .unwrap_or_default()
}

/// Anchors a page offers: its headings' slugs (with GitHub's `-1`, `-2` for
/// repeats) and explicit `<a name="...">` or `id="..."` targets.
pub fn page_anchors(page: &PageReport) -> HashSet<String> {
    let mut anchors = HashSet::new();
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for heading in &page.outline.headings {
        let base = slug::slug(&heading.text);
        let count = counts.entry(base.clone()).or_default();
        if *count == 0 {
            anchors.insert(base.clone());
        } else {
            anchors.insert(format!("{base}-{count}"));
        }
        *count += 1;
    }
    let text = &page.document.text;
    for marker in ["name=\"", "id=\""] {
        for (at, _) in text.match_indices(marker) {
            let rest = &text[at + marker.len()..];
            if let Some(end) = rest.find('"') {
                anchors.insert(rest[..end].to_lowercase());
            }
        }
    }
    anchors
}

fn resource_from_block(
    name: &str,
    declared: Place,
    annotation: &crate::annotation::Annotation,
    json: Option<&Value>,
) -> Resource {
    let list = |key: &str| -> Vec<String> {
        annotation
            .raw
            .get(key)
            .and_then(|v| v.as_array())
            .map(|a| {
                a.iter()
                    .filter_map(|s| s.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    };
    let mut properties = Vec::new();
    if let Some(Value {
        node: Node::Object { members, .. },
        ..
    }) = json
    {
        for member in members {
            if member.key.starts_with('@') || member.key.contains("@odata") {
                continue;
            }
            properties.push(Property {
                name: member.key.clone(),
                kind: PropertyType::from_example(&member.value),
                in_table: false,
                in_json: true,
                relationship: false,
                table_place: None,
                json_place: Some(Place {
                    page: declared.page,
                    span: member.key_span.clone(),
                }),
            });
        }
    }
    Resource {
        name: name.to_string(),
        declared,
        properties,
        optional: list("optionalProperties"),
        key_property: annotation.string("keyProperty").map(str::to_owned),
        base_type: annotation.string("baseType").map(str::to_owned),
        open_type: annotation.flag("openType"),
    }
}

/// The file part of a relative link target, or `None` for external, site-root,
/// same-page and tab links.
pub fn local_target(target: &str) -> Option<String> {
    let target = target.trim();
    let lower = target.to_ascii_lowercase();
    if target.is_empty()
        || target.starts_with('#')
        || target.starts_with('/')
        || lower.contains("://")
        || lower.starts_with("mailto:")
        || lower.starts_with("tel:")
        || lower.starts_with("xref:")
        || lower.starts_with("javascript:")
    {
        return None;
    }
    let file = target.split(['#', '?']).next().unwrap_or_default();
    (!file.is_empty()).then(|| percent_decode(file))
}

/// Decodes `%20` and friends in a link target.
pub fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(byte) = u8::from_str_radix(&text[i + 1..i + 3], 16) {
                out.push(byte);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The key of a path in the model's maps: normalized, with `/` separators.
pub fn key(path: &Path) -> String {
    normalize(path).to_string_lossy().replace('\\', "/")
}

/// Resolves `.` and `..` without touching the file system.
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                let popped =
                    matches!(out.components().next_back(), Some(Component::Normal(_))) && out.pop();
                if !popped {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_paths_lexically() {
        assert_eq!(
            normalize(Path::new("./a/b/../c.md")),
            PathBuf::from("a/c.md")
        );
        assert_eq!(
            normalize(Path::new("../x/./y/../z")),
            PathBuf::from("../x/z")
        );
        assert_eq!(normalize(Path::new("a/../../b")), PathBuf::from("../b"));
    }

    #[test]
    fn local_targets() {
        assert_eq!(
            local_target("../resources/user.md#properties").as_deref(),
            Some("../resources/user.md")
        );
        assert_eq!(local_target("my%20page.md").as_deref(), Some("my page.md"));
        assert_eq!(local_target("#tab/csharp"), None);
        assert_eq!(local_target("https://example.com/a.md"), None);
        assert_eq!(local_target("/graph/overview"), None);
    }
}
