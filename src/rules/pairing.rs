//! Examples against each other and against their page: `unpaired-request`,
//! `unpaired-response`, `duplicate-example-name`, `example-method`,
//! `status-prose` and `unknown-annotation-key`.

use std::collections::HashSet;
use std::sync::OnceLock;

use regex::Regex;

use crate::annotation::{Annotation, BlockKind};
use crate::check::{Example, PageReport, RequestLine};
use crate::diagnostic::Diagnostic;

use super::{
    Context, DUPLICATE_EXAMPLE_NAME, EXAMPLE_METHOD, STATUS_PROSE, UNKNOWN_ANNOTATION_KEY,
    UNPAIRED_REQUEST, UNPAIRED_RESPONSE,
};

/// Metadata keys the reference tool knows or the Microsoft Graph docs use.
const KNOWN_KEYS: &[&str] = &[
    "blockType",
    "name",
    "@odata.type",
    "@type",
    "@type.aka",
    "@property.aka",
    "@odata.annotations",
    "truncated",
    "isCollection",
    "isEmpty",
    "expectError",
    "optionalProperties",
    "nullableProperties",
    "keyProperty",
    "baseType",
    "openType",
    "abstract",
    "scenarios",
    "isComposable",
    "isMediaEntity",
    "isPageable",
    "sampleKeys",
    "scopes",
    "scope",
    "tags",
    "idempotent",
    "target",
    "opaqueUrl",
    "namespace",
    "httpStatus",
    "suppressions",
];

/// `blockType` values the reference tool knows or the docs use.
const KNOWN_BLOCK_TYPES: &[&str] = &[
    "request",
    "response",
    "resource",
    "example",
    "ignored",
    "samples",
    "simulatedResponse",
    "property",
];

/// Checks the page's examples against each other and the page's prose.
pub fn check(context: &Context, out: &mut Vec<Diagnostic>) {
    let page = context.page();
    pairs(context, page, out);
    duplicate_names(context, out);
    example_method(context, page, out);
    status_prose(context, page, out);
    for example in &page.examples {
        if let Some(annotation) = &example.annotation {
            unknown_keys(annotation, out);
        }
    }
}

fn name(example: &Example) -> Option<&str> {
    example.annotation.as_ref()?.string("name")
}

/// Pairs each request with the response of the same name, else with the next
/// unclaimed response after it.
fn pairs(context: &Context, page: &PageReport, out: &mut Vec<Diagnostic>) {
    // An `ignored` block holding an example request still answers for its
    // response; the templates under "HTTP request" do not.
    let requests: Vec<&Example> = page
        .examples
        .iter()
        .filter(|e| {
            e.kind == BlockKind::Request
                || e.kind == BlockKind::Ignored
                    && e.request.is_some()
                    && !is_template_block(context, page, e)
        })
        .collect();
    let responses: Vec<&Example> = page
        .examples
        .iter()
        .filter(|e| e.kind == BlockKind::Response)
        .collect();
    let request_names: HashSet<&str> = requests.iter().filter_map(|r| name(r)).collect();
    let mut claimed = vec![false; responses.len()];
    let mut unpaired = Vec::new();
    for request in &requests {
        let by_name = name(request).and_then(|n| {
            responses
                .iter()
                .position(|r| name(r) == Some(n))
                .filter(|&i| !claimed[i])
        });
        let next = || {
            responses.iter().enumerate().position(|(i, r)| {
                !claimed[i]
                    && r.span.start > request.span.start
                    && name(r).is_none_or(|n| !request_names.contains(n))
            })
        };
        match by_name.or_else(next) {
            Some(i) => claimed[i] = true,
            None if request.kind == BlockKind::Request => unpaired.push(*request),
            None => {}
        }
    }
    for request in unpaired {
        out.push(
            Diagnostic::new(
                &UNPAIRED_REQUEST,
                fence_line(page, request),
                "request has no response example".into(),
            )
            .with_label("no response answers this request")
            .with_help("add a `response` block after it, or give a response the same `name`"),
        );
    }
    for (response, _) in responses.iter().zip(&claimed).filter(|(_, c)| !**c) {
        out.push(
            Diagnostic::new(
                &UNPAIRED_RESPONSE,
                fence_line(page, response),
                "response answers no request".into(),
            )
            .with_label("no request before it")
            .with_help(
                "add the `request` block it answers before it, or give it the request's `name`",
            ),
        );
    }
}

/// The metadata comment's first line, or the fence's, as a place to point at.
fn fence_line(page: &PageReport, example: &Example) -> std::ops::Range<usize> {
    let start = example
        .annotation
        .as_ref()
        .map_or(example.span.start, |a| a.span.start);
    let line = page.document.line_of(start);
    let span = page.document.line_span(line);
    start.max(span.start)..span.end
}

fn duplicate_names(context: &Context, out: &mut Vec<Diagnostic>) {
    let page = context.page();
    for example in page
        .examples
        .iter()
        .filter(|e| e.kind == BlockKind::Request)
    {
        let Some(annotation) = &example.annotation else {
            continue;
        };
        let Some(name) = annotation.string("name") else {
            continue;
        };
        let Some(places) = context.model.request_names.get(name) else {
            continue;
        };
        let span = annotation.value_span("name");
        let first = &places[0];
        if first.page == context.index && first.span == span {
            continue;
        }
        let mut diagnostic = Diagnostic::new(
            &DUPLICATE_EXAMPLE_NAME,
            span,
            format!("example name `{name}` is used {} times", places.len()),
        )
        .with_label("repeated name");
        if first.page == context.index {
            diagnostic = diagnostic.with_secondary(first.span.clone(), "first used here");
            diagnostic = diagnostic.with_help("give each request example a name of its own");
        } else {
            let other = &context.pages[first.page].document;
            diagnostic = diagnostic.with_help(format!(
                "first used at {}:{}; give each request example a name of its own",
                other.path,
                other.line_of(first.span.start)
            ));
        }
        out.push(diagnostic);
    }
}

fn example_method(context: &Context, page: &PageReport, out: &mut Vec<Diagnostic>) {
    let templates: Vec<&RequestLine> = page
        .examples
        .iter()
        .filter(|e| is_template_block(context, page, e))
        .flat_map(|e| {
            e.templates
                .iter()
                .chain(e.request.iter().filter(|_| e.kind == BlockKind::Ignored))
        })
        .collect();
    if templates.is_empty() {
        return;
    }
    let patterns: Vec<(&RequestLine, Regex)> = templates
        .iter()
        .filter_map(|t| template_pattern(&t.url).map(|p| (*t, p)))
        .collect();
    for example in page
        .examples
        .iter()
        .filter(|e| e.kind == BlockKind::Request && e.checked)
    {
        let Some(request) = &example.request else {
            continue;
        };
        let path = example_path(&request.url);
        let aliases = aliases(&path, &context.config.model.path_aliases);
        let matched = patterns.iter().any(|(template, pattern)| {
            template.method.eq_ignore_ascii_case(&request.method)
                && aliases.iter().any(|p| pattern.is_match(p))
        });
        if !matched {
            let listed: Vec<String> = templates
                .iter()
                .take(4)
                .map(|t| format!("`{} {}`", t.method, t.url))
                .collect();
            out.push(
                Diagnostic::new(
                    &EXAMPLE_METHOD,
                    request.span.clone(),
                    format!(
                        "`{} {path}` matches none of the page's HTTP request templates",
                        request.method
                    ),
                )
                .with_label("no template matches")
                .with_help(format!(
                    "the templates are {}; correct the example or add its template",
                    listed.join(", ")
                )),
            );
        }
    }
}

/// Whether a block stands under the page's "HTTP request" heading.
fn is_template_block(context: &Context, page: &PageReport, example: &Example) -> bool {
    let words = &context.config.model.request_headings;
    (example.kind == BlockKind::Ignored || !example.templates.is_empty())
        && example
            .heading
            .and_then(|h| page.outline.headings.get(h))
            .is_some_and(|h| {
                let text = h.text.to_lowercase();
                words.iter().any(|w| text.contains(&w.to_lowercase()))
            })
}

/// The path of an example URL: scheme, host, a version segment and the query
/// removed, OData keys (`users('1')`) written as segments.
fn example_path(url: &str) -> String {
    let mut rest = url.trim();
    if let Some(at) = rest.find("://") {
        rest = &rest[at + 3..];
        rest = rest.find('/').map_or("", |i| &rest[i..]);
    }
    let rest = rest.split(['?', '#']).next().unwrap_or_default();
    let mut segments: Vec<&str> = rest.split('/').filter(|s| !s.is_empty()).collect();
    if segments
        .first()
        .is_some_and(|s| is_version(&s.to_ascii_lowercase()))
    {
        segments.remove(0);
    }
    let joined = format!("/{}", segments.join("/"));
    keys_as_segments(&joined)
}

/// The path and its spellings under the configured aliases (`/me` for `/users/{id}`).
fn aliases(path: &str, configured: &[(String, String)]) -> Vec<String> {
    let mut found = vec![path.to_string()];
    for (alias, meaning) in configured {
        let alias = alias.to_lowercase();
        if path == alias || path.starts_with(&format!("{alias}/")) {
            let meaning = meaning.to_lowercase().replace(['{', '}'], "");
            found.push(format!("{meaning}{}", &path[alias.len()..]));
        }
    }
    found
}

fn is_version(segment: &str) -> bool {
    segment == "beta"
        || segment
            .strip_prefix('v')
            .is_some_and(|v| !v.is_empty() && v.chars().all(|c| c.is_ascii_digit() || c == '.'))
}

/// `name('x')` and `name(x)` as `name/x`, so key syntax and path syntax compare.
fn keys_as_segments(path: &str) -> String {
    static KEY: OnceLock<Regex> = OnceLock::new();
    let key = KEY.get_or_init(|| Regex::new(r"\(([^()/]*)\)").expect("valid pattern"));
    key.replace_all(path, "/$1")
        .trim_end_matches('/')
        .to_lowercase()
}

/// A template URL as a pattern: `{...}` placeholders match one segment (or any
/// path when they name one), everything else literally, without letter case.
fn template_pattern(url: &str) -> Option<Regex> {
    static PAREN: OnceLock<Regex> = OnceLock::new();
    let paren = PAREN.get_or_init(|| Regex::new(r"\(([a-zA-Z_-]+)\)").expect("valid pattern"));
    // Some templates write `(team-id)` for `{team-id}`.
    let url = paren.replace_all(url, "{$1}");
    let path = example_path(&url);
    let mut pattern = String::from("^");
    let mut rest = path.as_str();
    while let Some(open) = rest.find('{') {
        pattern.push_str(&regex::escape(&rest[..open]));
        let close = open + rest[open..].find('}')?;
        let name = &rest[open..close];
        pattern.push_str(if name.contains("path") { ".+" } else { "[^/]+" });
        rest = &rest[close + 1..];
    }
    pattern.push_str(&regex::escape(rest));
    pattern.push_str("/?$");
    Regex::new(&pattern).ok()
}

fn status_prose(context: &Context, page: &PageReport, out: &mut Vec<Diagnostic>) {
    static CODE: OnceLock<Regex> = OnceLock::new();
    let code = CODE.get_or_init(|| Regex::new(r"`(\d{3})(?: [^`\n]*)?`").expect("valid pattern"));
    let words = &context.config.model.response_headings;
    let headings = &page.outline.headings;
    let mut stated: Vec<(u16, std::ops::Range<usize>)> = Vec::new();
    for (i, heading) in headings.iter().enumerate() {
        let text = heading.text.to_lowercase();
        if !words.iter().any(|w| text == w.to_lowercase()) {
            continue;
        }
        let end = headings[i + 1..]
            .iter()
            .find(|h| h.level <= heading.level)
            .map_or(page.document.text.len(), |h| h.span.start);
        let section = &page.document.text[heading.span.end..end];
        for found in code.captures_iter(section) {
            let whole = found.get(0).expect("match");
            if let Ok(number @ 200..=299) = found[1].parse::<u16>() {
                let start = heading.span.end + whole.start();
                stated.push((number, start..start + whole.len()));
            }
        }
    }
    if stated.is_empty() {
        return;
    }
    for example in page
        .examples
        .iter()
        .filter(|e| e.kind == BlockKind::Response && e.checked)
    {
        let Some((status, span)) = &example.status else {
            continue;
        };
        let expects_error = example
            .annotation
            .as_ref()
            .is_some_and(|a| a.flag("expectError"));
        let success = (200..300).contains(status);
        if expects_error || !success || stated.iter().any(|(c, _)| c == status) {
            continue;
        }
        let (prose, prose_span) = &stated[0];
        out.push(
            Diagnostic::new(
                &STATUS_PROSE,
                span.clone(),
                format!("the example answers {status}, the Response section says {prose}"),
            )
            .with_label(format!("{status} here"))
            .with_secondary(prose_span.clone(), format!("{prose} here"))
            .with_help("make the prose and the example agree on the status code"),
        );
    }
}

fn unknown_keys(annotation: &Annotation, out: &mut Vec<Diagnostic>) {
    let Some(tree) = &annotation.tree else {
        return;
    };
    let crate::json::Node::Object { members, .. } = &tree.node else {
        return;
    };
    for member in members {
        if !KNOWN_KEYS.contains(&member.key.as_str()) {
            let near = KNOWN_KEYS
                .iter()
                .map(|k| {
                    (
                        strsim::levenshtein(&member.key.to_lowercase(), &k.to_lowercase()),
                        k,
                    )
                })
                .filter(|(d, _)| *d <= 3)
                .min_by_key(|(d, _)| *d);
            let help = match near {
                Some((_, k)) => format!("did you mean `{k}`?"),
                None => "remove the key, or check the spelling; unknown keys are ignored".into(),
            };
            out.push(
                Diagnostic::new(
                    &UNKNOWN_ANNOTATION_KEY,
                    member.key_span.clone(),
                    format!("unknown metadata key `{}`", member.key),
                )
                .with_label("unknown key")
                .with_help(help),
            );
        }
    }
    if let Some(block_type) = annotation.block_type.as_deref() {
        if !KNOWN_BLOCK_TYPES.contains(&block_type) {
            out.push(
                Diagnostic::new(
                    &UNKNOWN_ANNOTATION_KEY,
                    annotation.value_span("blockType"),
                    format!("unknown blockType `{block_type}`"),
                )
                .with_label("unknown block type")
                .with_help(format!(
                    "known block types: {}",
                    KNOWN_BLOCK_TYPES.join(", ")
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn example_paths_and_templates() {
        assert_eq!(
            example_path("https://graph.microsoft.com/v1.0/users/ada@contoso.com/events?$top=2"),
            "/users/ada@contoso.com/events"
        );
        assert_eq!(
            example_path("https://graph.microsoft.com/beta/requests('7c53')/cancel"),
            "/requests/'7c53'/cancel"
        );
        let template = template_pattern("/users/{id | userPrincipalName}/events").unwrap();
        assert!(template.is_match(&example_path("https://x.com/v1.0/users/ada/events")));
        assert!(!template.is_match(&example_path("https://x.com/v1.0/users/ada/calendar")));
        let keyed = template_pattern("/requests/{id}/cancel").unwrap();
        assert!(keyed.is_match(&example_path("https://x/beta/requests('7c53')/cancel")));
        let item = template_pattern("/drive/root:/{item-path}:/content").unwrap();
        assert!(item.is_match(&example_path("/drive/root:/a/b.txt:/content")));
    }
}
