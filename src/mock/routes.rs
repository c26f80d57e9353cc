//! The mock's route table: which documented response answers which request.
//!
//! A documented path segment that is a placeholder (`{id}`) or looks like an id
//! (digits, a GUID, a long hex string) matches any value. When two examples
//! share a route, the first in path order answers and the others are listed, so
//! a writer sees which example the mock can never show.

use percent_encoding::percent_decode_str;

use crate::replay::example::{self, Example};

/// One segment of a documented path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    /// Must be equal.
    Literal(String),
    /// Matches any value.
    Any,
}

/// A documented response and the requests it answers.
#[derive(Debug, Clone)]
pub struct Route {
    /// The method, upper-case.
    pub method: String,
    /// The path, split.
    pub segments: Vec<Segment>,
    /// The path as documented, for messages.
    pub pattern: String,
    /// The documented status.
    pub status: u16,
    /// The documented headers, without framing headers the server sets itself.
    pub headers: Vec<(String, String)>,
    /// The documented body, elisions left out of JSON.
    pub body: Vec<u8>,
    /// Where the example is: `path:line name`.
    pub source: String,
}

/// An example the mock does not serve, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unserved {
    /// Where the example is.
    pub source: String,
    /// Why.
    pub reason: String,
}

/// All routes, in path order.
#[derive(Debug, Clone, Default)]
pub struct RouteTable {
    /// The routes served.
    pub routes: Vec<Route>,
    /// Examples not served: a route shared with an earlier one, or no response.
    pub unserved: Vec<Unserved>,
}

/// Headers the server computes itself.
const FRAMING: &[&str] = &[
    "content-length",
    "transfer-encoding",
    "connection",
    "keep-alive",
];

impl RouteTable {
    /// Builds the table from examples in path order.
    pub fn build(examples: &[Example], docs_base: Option<&str>) -> Self {
        let mut table = RouteTable::default();
        for example in examples {
            let source = format!(
                "{}:{} {}",
                example.page.path,
                example.line(),
                example.label()
            );
            let unserved = |reason: &str| Unserved {
                source: source.clone(),
                reason: reason.to_string(),
            };
            let request = match &example.request {
                Ok(request) => request,
                Err(reason) => {
                    table.unserved.push(unserved(reason));
                    continue;
                }
            };
            let Some(response) = &example.response else {
                table
                    .unserved
                    .push(unserved("no response block answers this request"));
                continue;
            };
            let pattern = path_of(&request.url, docs_base);
            let segments = segments(&pattern);
            let method = request.method.to_ascii_uppercase();
            if let Some(earlier) = table
                .routes
                .iter()
                .find(|r| r.method == method && r.segments == segments)
            {
                let reason = format!("route {method} {pattern} is served by {}", earlier.source);
                table.unserved.push(unserved(&reason));
                continue;
            }
            let mut headers: Vec<(String, String)> = response
                .headers
                .iter()
                .filter(|(name, _)| !FRAMING.iter().any(|f| name.eq_ignore_ascii_case(f)))
                .cloned()
                .collect();
            let body = match (&response.json, &response.body) {
                (Some(json), _) => {
                    if !headers
                        .iter()
                        .any(|(n, _)| n.eq_ignore_ascii_case("content-type"))
                    {
                        headers.push(("Content-Type".into(), "application/json".into()));
                    }
                    serde_json::to_vec(&example::to_serde(json)).unwrap_or_default()
                }
                (None, Some(body)) => body.clone().into_bytes(),
                (None, None) => Vec::new(),
            };
            table.routes.push(Route {
                method,
                segments,
                pattern,
                status: response.status,
                headers,
                body,
                source,
            });
        }
        table
    }

    /// The route that answers a request: the one with most literal segments
    /// matching, the first in path order among equals. HEAD falls back to GET.
    pub fn find(&self, method: &str, path: &str) -> Option<&Route> {
        let wanted: Vec<String> = path
            .split('/')
            .filter(|s| !s.is_empty())
            .map(|s| percent_decode_str(s).decode_utf8_lossy().into_owned())
            .collect();
        let best = |method: &str| {
            let mut best: Option<(&Route, usize)> = None;
            for route in self.routes.iter().filter(|r| r.method == method) {
                let Some(score) = score(&route.segments, &wanted) else {
                    continue;
                };
                if best.is_none_or(|(_, s)| score > s) {
                    best = Some((route, score));
                }
            }
            best.map(|(route, _)| route)
        };
        best(method).or_else(|| if method == "HEAD" { best("GET") } else { None })
    }

    /// Up to `count` documented routes closest to a request, as `METHOD /path`.
    /// A segment that matches any value counts as equal to the asked one.
    pub fn nearest(&self, method: &str, path: &str, count: usize) -> Vec<String> {
        let asked_segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        let asked = format!("{method} /{}", asked_segments.join("/"));
        let mut scored: Vec<(usize, String)> = self
            .routes
            .iter()
            .map(|r| {
                let filled: Vec<&str> = r
                    .segments
                    .iter()
                    .enumerate()
                    .map(|(i, segment)| match segment {
                        Segment::Literal(text) => text.as_str(),
                        Segment::Any => asked_segments.get(i).copied().unwrap_or("{}"),
                    })
                    .collect();
                let comparable = format!("{} /{}", r.method, filled.join("/"));
                (
                    distance(&asked, &comparable),
                    format!("{} {}", r.method, r.pattern),
                )
            })
            .collect();
        scored.sort();
        scored.dedup_by(|a, b| a.1 == b.1);
        scored
            .into_iter()
            .take(count)
            .map(|(_, name)| name)
            .collect()
    }
}

/// How many literal segments match, or none when the route does not match.
fn score(route: &[Segment], wanted: &[String]) -> Option<usize> {
    if route.len() != wanted.len() {
        return None;
    }
    let mut literal = 0;
    for (segment, value) in route.iter().zip(wanted) {
        match segment {
            Segment::Literal(text) if text == value => literal += 1,
            Segment::Literal(_) => return None,
            Segment::Any => {}
        }
    }
    Some(literal)
}

/// The path of a documented URL: after the docs base or the host, without query.
pub fn path_of(url: &str, docs_base: Option<&str>) -> String {
    let url = url.trim();
    let rest = match docs_base.map(|b| b.trim_end_matches('/')) {
        Some(base)
            if url
                .get(..base.len())
                .is_some_and(|p| p.eq_ignore_ascii_case(base)) =>
        {
            &url[base.len()..]
        }
        _ => match url.find("://") {
            Some(at) => {
                let after = &url[at + 3..];
                after.find('/').map_or("", |slash| &after[slash..])
            }
            None => url,
        },
    };
    let end = rest.find(['?', '#']).unwrap_or(rest.len());
    let path = rest[..end].trim_end_matches('/');
    if path.starts_with('/') {
        path.to_string()
    } else {
        format!("/{path}")
    }
}

fn segments(path: &str) -> Vec<Segment> {
    path.split('/')
        .filter(|s| !s.is_empty())
        .map(|s| {
            if is_placeholder_or_id(s) {
                Segment::Any
            } else {
                Segment::Literal(percent_decode_str(s).decode_utf8_lossy().into_owned())
            }
        })
        .collect()
}

/// Whether a segment stands for a value: a `{placeholder}`, digits, a GUID, or a
/// long hexadecimal string.
fn is_placeholder_or_id(segment: &str) -> bool {
    let braced = segment.find('{').zip(segment.rfind('}'));
    if braced.is_some_and(|(open, close)| open < close) {
        return true;
    }
    let digits = segment.bytes().all(|b| b.is_ascii_digit());
    let guid = segment.len() == 36
        && segment.bytes().enumerate().all(|(i, b)| {
            if matches!(i, 8 | 13 | 18 | 23) {
                b == b'-'
            } else {
                b.is_ascii_hexdigit()
            }
        });
    let hex = segment.len() >= 16
        && segment.bytes().all(|b| b.is_ascii_hexdigit())
        && segment.bytes().any(|b| b.is_ascii_digit());
    digits || guid || hex
}

/// Edit distance between two strings, in characters.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != *cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        previous = current;
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documented_paths() {
        let base = Some("https://graph.microsoft.com/v1.0");
        assert_eq!(
            path_of(
                "https://graph.microsoft.com/v1.0/users/{id}?$select=a",
                base
            ),
            "/users/{id}"
        );
        assert_eq!(path_of("https://other.example/x/y/", None), "/x/y");
        assert_eq!(path_of("me/messages", None), "/me/messages");
        assert_eq!(path_of("/é/x", Some("/a")), "/é/x");
    }

    #[test]
    fn ids_and_placeholders_match_anything() {
        assert!(is_placeholder_or_id("{user-id}"));
        assert!(is_placeholder_or_id("users('{id}')"));
        assert!(is_placeholder_or_id("42"));
        assert!(is_placeholder_or_id("48d31887-5fad-4d73-a9f5-3c356e68a038"));
        assert!(!is_placeholder_or_id("messages"));
        assert!(!is_placeholder_or_id("item-1"));
        assert_eq!(
            score(&segments("/users/{id}"), &["users".into(), "7".into()]),
            Some(1)
        );
        assert_eq!(
            score(&segments("/users/me"), &["users".into(), "7".into()]),
            None
        );
        assert!(distance("GET /usrs", "GET /users") == 1);
    }
}
