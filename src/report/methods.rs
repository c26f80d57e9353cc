//! The documented methods of the report: each `request` example with the
//! findings of its request and response blocks and, when a replay report is
//! given, the replay's result for it.

use std::collections::HashMap;
use std::ops::Range;

use crate::annotation::BlockKind;
use crate::check::{Example, PageReport};
use crate::diagnostic::Severity;
use crate::run::RunReport;

use super::replay::{ExampleResult, Replay};

/// One documented request.
#[derive(Debug, Clone)]
pub struct Method<'a> {
    /// Index of its page in the run report.
    pub page: usize,
    /// HTTP method, empty when the request line could not be read.
    pub method: String,
    /// URL as the example writes it.
    pub url: String,
    /// The example's name, if it has one.
    pub name: Option<String>,
    /// 1-based line of the request line (of the fence when it is unreadable).
    pub line: usize,
    /// Errors among the findings of its request and response blocks.
    pub errors: usize,
    /// Warnings among them.
    pub warnings: usize,
    /// Infos among them.
    pub infos: usize,
    /// The replay's result for it.
    pub replay: Option<&'a ExampleResult>,
}

impl Method<'_> {
    /// `errors`, `warnings` or `clean`: the worst finding of its blocks.
    pub fn status(&self) -> &'static str {
        if self.errors > 0 {
            "errors"
        } else if self.warnings > 0 {
            "warnings"
        } else {
            "clean"
        }
    }
}

/// The methods of a run, and replay results that match none of them.
#[derive(Debug, Default)]
pub struct Methods<'a> {
    /// Every request of the reported pages, in page order.
    pub entries: Vec<Method<'a>>,
    /// Replay results for examples not in the report (another tree, an edited page).
    pub unmatched: Vec<&'a ExampleResult>,
}

/// Lists the methods of the reported pages and matches replay results to them
/// by page and example name (`path:line` for an unnamed one).
pub fn list<'a>(report: &RunReport, replay: Option<&'a Replay>) -> Methods<'a> {
    let mut entries = Vec::new();
    for (index, page) in report.pages.iter().enumerate() {
        for (at, example) in page.examples.iter().enumerate() {
            if example.kind == BlockKind::Request {
                entries.push(method(index, page, at, example));
            }
        }
    }
    let mut unmatched = Vec::new();
    if let Some(replay) = replay {
        let mut keys: HashMap<(String, String), usize> = HashMap::new();
        for (i, entry) in entries.iter().enumerate() {
            let path = clean(&report.pages[entry.page].document.path);
            keys.insert((path, example_key(entry.name.as_deref(), entry.line)), i);
        }
        for result in &replay.results {
            match find(&keys, result) {
                Some(i) if entries[i].replay.is_none() => entries[i].replay = Some(result),
                _ => unmatched.push(result),
            }
        }
    }
    Methods { entries, unmatched }
}

/// What identifies an example on its page: its name, else `:line`.
fn example_key(name: Option<&str>, line: usize) -> String {
    match name {
        Some(name) => name.to_string(),
        None => format!(":{line}"),
    }
}

/// The method a result is for: same page and example; else, when the replay
/// named the pages from another folder, the one page whose path ends with the
/// result's path (or the other way round). Replay names an unnamed example
/// `path:line`.
fn find(keys: &HashMap<(String, String), usize>, result: &ExampleResult) -> Option<usize> {
    let path = clean(&result.path);
    let unnamed = format!("{}:{}", result.path, result.line);
    let example = if result.example == unnamed {
        example_key(None, result.line)
    } else {
        result.example.clone()
    };
    if let Some(&i) = keys.get(&(path.clone(), example.clone())) {
        return Some(i);
    }
    let mut found = keys
        .iter()
        .filter(|((page, key), _)| {
            *key == example && (ends_with(page, &path) || ends_with(&path, page))
        })
        .map(|(_, &i)| i);
    let first = found.next();
    match found.next() {
        Some(_) => None,
        None => first,
    }
}

/// Whether `long` is `short` or ends with `/short`.
fn ends_with(long: &str, short: &str) -> bool {
    long == short
        || long
            .strip_suffix(short)
            .is_some_and(|rest| rest.ends_with('/'))
}

/// A path with `/` separators and no leading `./`.
fn clean(path: &str) -> String {
    let path = path.replace('\\', "/");
    let mut rest = path.as_str();
    while let Some(stripped) = rest.strip_prefix("./") {
        rest = stripped;
    }
    rest.to_string()
}

fn method(index: usize, page: &PageReport, at: usize, example: &Example) -> Method<'static> {
    let document = &page.document;
    let (method, url, line) = match &example.request {
        Some(request) => (
            request.method.clone(),
            request.url.clone(),
            document.line_of(request.span.start),
        ),
        None => (
            String::new(),
            String::new(),
            document.line_of(example.span.start),
        ),
    };
    let name = example
        .annotation
        .as_ref()
        .and_then(|a| a.string("name"))
        .map(str::to_owned);
    let mut ranges = vec![block_range(page, example)];
    if let Some(response) = response(page, at, name.as_deref()) {
        ranges.push(block_range(page, response));
    }
    let mut entry = Method {
        page: index,
        method,
        url,
        name,
        line,
        errors: 0,
        warnings: 0,
        infos: 0,
        replay: None,
    };
    for diagnostic in &page.diagnostics {
        if ranges.iter().any(|r| r.contains(&diagnostic.span.start)) {
            match diagnostic.severity {
                Severity::Error => entry.errors += 1,
                Severity::Warning => entry.warnings += 1,
                Severity::Info => entry.infos += 1,
            }
        }
    }
    entry
}

/// The response that answers the request at `at`: the one with its name (or a
/// `name` array holding it), else the next response on the page, as replay pairs.
fn response<'p>(page: &'p PageReport, at: usize, name: Option<&str>) -> Option<&'p Example> {
    let responses = || {
        page.examples
            .iter()
            .filter(|e| e.kind == BlockKind::Response)
    };
    let named = name.and_then(|wanted| {
        responses().find(|e| {
            e.annotation
                .as_ref()
                .and_then(|a| a.raw.get("name"))
                .is_some_and(|n| match n {
                    serde_json::Value::String(s) => s == wanted,
                    serde_json::Value::Array(names) => names.iter().any(|v| v == wanted),
                    _ => false,
                })
        })
    });
    named.or_else(|| {
        page.examples
            .get(at + 1..)?
            .iter()
            .find(|e| e.kind == BlockKind::Response)
    })
}

/// The block with its metadata comment: from the comment's start (found through
/// the outline, since broken metadata leaves the example without an annotation)
/// to the closing fence, inclusive of the last byte.
fn block_range(page: &PageReport, example: &Example) -> Range<usize> {
    let comment = page
        .outline
        .blocks
        .iter()
        .find(|b| b.span == example.span)
        .and_then(|b| b.annotation.as_ref())
        .map(|c| c.span.start);
    let start = comment.unwrap_or(example.span.start);
    start..example.span.end + 1
}
