//! `apiproof inventory`: what a docs tree declares, as a list.

use serde::Serialize;

use crate::annotation::BlockKind;
use crate::run::Analysis;

/// Resources and methods of a tree, with totals.
#[derive(Debug, Serialize)]
pub struct Inventory {
    /// Every resource, by name.
    pub resources: Vec<ResourceEntry>,
    /// Every example request, in path order.
    pub methods: Vec<MethodEntry>,
    /// Counts.
    pub totals: Totals,
}

/// A resource and how much the docs say about it.
#[derive(Debug, Serialize)]
pub struct ResourceEntry {
    /// Full type name.
    pub name: String,
    /// Declared properties, inherited ones not counted.
    pub properties: usize,
    /// The page of its `resource` block.
    pub page: String,
}

/// One documented request.
#[derive(Debug, Serialize)]
pub struct MethodEntry {
    /// HTTP method.
    pub method: String,
    /// URL as the example writes it.
    pub path: String,
    /// The example's name, if it has one.
    pub example: Option<String>,
    /// The page.
    pub page: String,
    /// 1-based line of the request line.
    pub line: usize,
}

/// Totals of an inventory.
#[derive(Debug, Serialize)]
pub struct Totals {
    /// Pages read.
    pub pages: usize,
    /// Resources declared.
    pub resources: usize,
    /// Enums declared.
    pub enums: usize,
    /// Example requests.
    pub methods: usize,
}

impl Inventory {
    /// Lists what the analysed tree declares.
    pub fn of(analysis: &Analysis) -> Inventory {
        let mut resources: Vec<ResourceEntry> = analysis
            .model
            .resources
            .values()
            .map(|r| ResourceEntry {
                name: r.name.clone(),
                properties: r.properties.len(),
                page: analysis.pages[r.declared.page].document.path.clone(),
            })
            .collect();
        resources.sort_by(|a, b| a.name.cmp(&b.name));
        let mut methods = Vec::new();
        for page in &analysis.pages {
            for example in page
                .examples
                .iter()
                .filter(|e| e.kind == BlockKind::Request)
            {
                let Some(request) = &example.request else {
                    continue;
                };
                methods.push(MethodEntry {
                    method: request.method.clone(),
                    path: request.url.clone(),
                    example: example
                        .annotation
                        .as_ref()
                        .and_then(|a| a.string("name"))
                        .map(str::to_owned),
                    page: page.document.path.clone(),
                    line: page.document.line_of(request.span.start),
                });
            }
        }
        let totals = Totals {
            pages: analysis.pages.len(),
            resources: resources.len(),
            enums: analysis.model.enums.len(),
            methods: methods.len(),
        };
        Inventory {
            resources,
            methods,
            totals,
        }
    }

    /// A plain-text listing.
    pub fn render_human(&self) -> String {
        let mut out = String::from("Resources\n");
        for resource in &self.resources {
            out.push_str(&format!(
                "  {:<60} {:>4} properties  {}\n",
                resource.name, resource.properties, resource.page
            ));
        }
        out.push_str("\nMethods\n");
        for method in &self.methods {
            out.push_str(&format!(
                "  {:<7} {}  ({}, {}:{})\n",
                method.method,
                method.path,
                method.example.as_deref().unwrap_or("unnamed"),
                method.page,
                method.line
            ));
        }
        out.push_str(&format!(
            "\n{} pages, {} resources, {} enums, {} methods\n",
            self.totals.pages, self.totals.resources, self.totals.enums, self.totals.methods
        ));
        out
    }

    /// The inventory as JSON.
    pub fn render_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).expect("inventory serializes");
        text.push('\n');
        text
    }
}
