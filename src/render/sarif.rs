//! `--format sarif`: a SARIF 2.1.0 log, the format GitHub code scanning uploads.
//!
//! One run, whose tool lists every rule of the registry (so a code-scanning alert
//! can show the rule's documentation), and one result per diagnostic. Columns count
//! Unicode scalar values, which the run states as `columnKind: unicodeCodePoints`.
//! Each result carries a fingerprint built from its rule, path and text rather than
//! its line, so an alert keeps its identity when lines are inserted above it.
//!
//! ```json
//! {"version":"2.1.0","runs":[{"tool":{"driver":{"name":"apiproof","rules":[...]}},
//!  "columnKind":"unicodeCodePoints","results":[{"ruleId":"json-syntax","level":"error",
//!  "message":{"text":"trailing comma"},"locations":[...],"partialFingerprints":{...}}]}]}
//! ```

use serde_json::{json, Value};

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Document;
use crate::rules::{self, Rule};
use crate::run::RunReport;

/// The project's home page; each rule's help is the README section `#rule-<id>`.
pub const HOME: &str = "https://github.com/apiproof/apiproof";

/// The schema a SARIF 2.1.0 log names.
const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The key of the fingerprint in `partialFingerprints`; the version changes with
/// the way it is computed, so old and new fingerprints are never compared.
const FINGERPRINT_KEY: &str = "apiproof/v1";

/// Renders the report as one SARIF log followed by a newline.
pub fn render(report: &RunReport) -> String {
    let mut results = Vec::new();
    for page in &report.pages {
        let mut diagnostics: Vec<&Diagnostic> = page.diagnostics.iter().collect();
        diagnostics.sort_by_key(|d| (d.span.start, d.span.end));
        let mut fingerprints = crate::fingerprint::Fingerprints::default();
        for diagnostic in diagnostics {
            let fingerprint = fingerprints.next(&page.document, diagnostic);
            results.push(result(&page.document, diagnostic, fingerprint));
        }
    }
    let notifications: Vec<Value> = report
        .failures
        .iter()
        .map(|failure| json!({ "level": "error", "message": { "text": failure } }))
        .collect();
    let log = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": driver() },
            "invocations": [{
                "executionSuccessful": report.failures.is_empty(),
                "toolExecutionNotifications": notifications,
            }],
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    let mut text = serde_json::to_string_pretty(&log).expect("SARIF log serializes");
    text.push('\n');
    text
}

/// The tool: apiproof and every rule of the registry, in registry order, so that
/// `ruleIndex` is a rule's position in [`rules::ALL`].
fn driver() -> Value {
    let rules: Vec<Value> = rules::ALL.iter().map(|rule| descriptor(rule)).collect();
    json!({
        "name": "apiproof",
        "version": env!("CARGO_PKG_VERSION"),
        "semanticVersion": env!("CARGO_PKG_VERSION"),
        "informationUri": HOME,
        "rules": rules,
    })
}

fn descriptor(rule: &Rule) -> Value {
    json!({
        "id": rule.id,
        "shortDescription": { "text": rule.summary },
        "fullDescription": { "text": rule.explanation },
        "help": { "text": help_text(rule), "markdown": help_markdown(rule) },
        "helpUri": format!("{HOME}#rule-{}", rule.id),
        "defaultConfiguration": {
            "level": level(rule.severity),
            "enabled": rule.default_on,
        },
    })
}

/// The explanation with the registry's failing and passing examples.
fn help_text(rule: &Rule) -> String {
    format!(
        "{}\n\nFailing:\n{}\n\nPassing:\n{}",
        rule.explanation, rule.failing, rule.passing
    )
}

/// The same for viewers that render Markdown (code scanning's alert page): the
/// examples in code fences longer than any run of backticks they hold.
fn help_markdown(rule: &Rule) -> String {
    format!(
        "{}\n\nFailing:\n\n{}\n\nPassing:\n\n{}\n\n[Rule documentation]({HOME}#rule-{})",
        rule.explanation,
        fenced(rule.failing),
        fenced(rule.passing),
        rule.id
    )
}

fn fenced(code: &str) -> String {
    let mut longest = 0;
    let mut run = 0;
    for c in code.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat((longest + 1).max(3));
    format!("{fence}\n{code}\n{fence}")
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn result(document: &Document, diagnostic: &Diagnostic, fingerprint: String) -> Value {
    let (start_line, start_column) = document.line_column(diagnostic.span.start);
    let (end_line, end_column) = document.line_column(diagnostic.span.end);
    let text = match &diagnostic.help {
        Some(help) => format!("{}\nhelp: {help}", diagnostic.message),
        None => diagnostic.message.clone(),
    };
    let mut result = json!({
        "ruleId": diagnostic.rule,
        "level": level(diagnostic.severity),
        "message": { "text": text },
        "locations": [{
            "physicalLocation": {
                "artifactLocation": { "uri": uri(&document.path) },
                "region": {
                    "startLine": start_line,
                    "startColumn": start_column,
                    "endLine": end_line,
                    "endColumn": end_column,
                },
            },
        }],
        "partialFingerprints": { FINGERPRINT_KEY: fingerprint },
    });
    if let Some(index) = rules::ALL.iter().position(|r| r.id == diagnostic.rule) {
        result["ruleIndex"] = json!(index);
    }
    result
}

/// A path as a URI reference: relative paths stay relative (code scanning resolves
/// them against the checkout), a leading `./` is dropped, absolute paths (`/srv`,
/// `C:/docs`) become `file://` URIs, and bytes outside the URI's unreserved set
/// are percent-encoded.
pub fn uri(path: &str) -> String {
    let trimmed = path.trim_start_matches("./");
    let mut out = String::with_capacity(trimmed.len());
    let drive = trimmed.as_bytes().get(1) == Some(&b':');
    if trimmed.starts_with('/') {
        out.push_str("file://");
    } else if drive {
        out.push_str("file:///");
    }
    for (i, byte) in trimmed.bytes().enumerate() {
        let kept = byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte);
        if kept || (drive && i == 1) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_relative_references_with_escapes() {
        assert_eq!(uri("./docs/a b.md"), "docs/a%20b.md");
        assert_eq!(uri("docs/ü.md"), "docs/%C3%BC.md");
        assert_eq!(uri("/srv/docs/a.md"), "file:///srv/docs/a.md");
        assert_eq!(uri("C:/docs/a.md"), "file:///C:/docs/a.md");
    }

    #[test]
    fn fences_outgrow_the_backticks_they_hold() {
        assert_eq!(fenced("a"), "```\na\n```");
        assert_eq!(fenced("```json\n{}"), "````\n```json\n{}\n````");
    }
}
