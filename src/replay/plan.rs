//! From a documented request to the request apiproof sends: the docs' host is
//! replaced by the target, placeholders are filled, and the URL is encoded.
//!
//! Docs write URLs for people (`$filter=startswith(displayName, 'a')`); a server
//! needs them percent-encoded. Planning never touches the network, which is what
//! `--dry-run` shows.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use regex::Regex;
use url::Url;

/// Characters left as written in a path segment: unreserved, sub-delimiters
/// other than `'`, and `:` `@`.
const PATH: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'!')
    .remove(b'$')
    .remove(b'&')
    .remove(b'(')
    .remove(b')')
    .remove(b'*')
    .remove(b'+')
    .remove(b',')
    .remove(b';')
    .remove(b'=')
    .remove(b':')
    .remove(b'@');

/// Characters left as written in a query name or value: unreserved only, and `$`
/// in names, so `$filter` stays readable.
const QUERY: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Where requests go.
#[derive(Debug, Clone)]
pub struct Target {
    /// The server under test, such as `http://127.0.0.1:8080/api`.
    pub base: Url,
    /// The prefix docs write before paths, such as `https://graph.microsoft.com/v1.0`.
    pub docs_base: Option<String>,
}

/// A request ready to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Planned {
    /// The method.
    pub method: String,
    /// The URL as sent, encoded.
    pub url: Url,
    /// Headers, documented ones first, overridden by the command line's.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Option<String>,
}

/// Why a request cannot be planned.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlanError {
    /// Some placeholders have no value.
    #[error("no value for {}", braced(.0))]
    Unfilled(Vec<String>),
    /// The URL points at a host other than the docs' own.
    #[error("`{0}` is not under the docs base; set --docs-base or [replay] docs_base")]
    ForeignUrl(String),
    /// The URL cannot be parsed once joined to the target.
    #[error("`{url}` is not a valid URL: {message}")]
    BadUrl {
        /// The URL.
        url: String,
        /// Why.
        message: String,
    },
}

/// `{a}, {b}`: names as the docs write them.
fn braced(names: &[String]) -> String {
    let braced: Vec<String> = names.iter().map(|n| format!("{{{n}}}")).collect();
    braced.join(", ")
}

fn placeholder() -> &'static Regex {
    static PLACEHOLDER: OnceLock<Regex> = OnceLock::new();
    PLACEHOLDER.get_or_init(|| {
        Regex::new(r"\{([A-Za-z_][A-Za-z0-9_.\-]*)\}").expect("placeholder pattern compiles")
    })
}

/// The placeholder names in a text, in order of first use.
pub fn placeholders(text: &str) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for capture in placeholder().captures_iter(text) {
        let name = capture[1].to_string();
        if !names.contains(&name) {
            names.push(name);
        }
    }
    names
}

/// Fills `{name}` placeholders from `values`; names without a value are added
/// to `missing` and left as written.
pub fn fill(text: &str, values: &BTreeMap<String, String>, missing: &mut Vec<String>) -> String {
    placeholder()
        .replace_all(text, |capture: &regex::Captures| {
            let name = &capture[1];
            match values.get(name) {
                Some(value) => value.clone(),
                None => {
                    if !missing.iter().any(|m| m == name) {
                        missing.push(name.to_string());
                    }
                    capture[0].to_string()
                }
            }
        })
        .into_owned()
}

/// Percent-encodes what docs leave readable in a path and query; `%XX` escapes
/// already there are kept, and a fragment is dropped.
pub fn encode(path_and_query: &str) -> String {
    let without_fragment = path_and_query.split('#').next().unwrap_or_default();
    let (path, query) = match without_fragment.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (without_fragment, None),
    };
    let mut out = String::with_capacity(path_and_query.len() + 16);
    for (i, segment) in path.split('/').enumerate() {
        if i > 0 {
            out.push('/');
        }
        out.push_str(&encode_keeping_escapes(segment, PATH));
    }
    if let Some(query) = query {
        out.push('?');
        for (i, pair) in query.split('&').enumerate() {
            if i > 0 {
                out.push('&');
            }
            match pair.split_once('=') {
                Some((name, value)) => {
                    out.push_str(&encode_name(name));
                    out.push('=');
                    out.push_str(&encode_keeping_escapes(value, QUERY));
                }
                None => out.push_str(&encode_name(pair)),
            }
        }
    }
    out
}

fn encode_name(name: &str) -> String {
    match name.strip_prefix('$') {
        Some(rest) => format!("${}", encode_keeping_escapes(rest, QUERY)),
        None => encode_keeping_escapes(name, QUERY),
    }
}

/// Encodes `text` with `set`, but leaves a `%` that starts a valid escape alone.
fn encode_keeping_escapes(text: &str, set: &'static AsciiSet) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('%') {
        out.extend(utf8_percent_encode(&rest[..at], set));
        let escape = rest.as_bytes().get(at + 1..at + 3);
        if escape.is_some_and(|hex| hex.iter().all(u8::is_ascii_hexdigit)) {
            out.push_str(&rest[at..at + 3]);
            rest = &rest[at + 3..];
        } else {
            out.push_str("%25");
            rest = &rest[at + 1..];
        }
    }
    out.extend(utf8_percent_encode(rest, set));
    out
}

/// The URL a documented URL (placeholders filled) maps to on the target.
///
/// With a docs base, a URL under it loses that prefix and any other absolute URL
/// is refused. Without one, an absolute URL loses its scheme and host, as the
/// mock reads it. Either way the result is always on the target's origin.
pub fn resolve(target: &Target, documented: &str) -> Result<Url, PlanError> {
    let documented = documented.trim();
    let relative = match &target.docs_base {
        Some(base) if starts_with_ignore_case(documented, base.trim_end_matches('/')) => {
            &documented[base.trim_end_matches('/').len()..]
        }
        Some(_) if documented.contains("://") => {
            return Err(PlanError::ForeignUrl(documented.to_string()));
        }
        None => match documented.split_once("://") {
            Some((_, after)) => after.find('/').map_or("", |slash| &after[slash..]),
            None => documented,
        },
        _ => documented,
    };
    let relative = relative.trim_start_matches('/');
    let base = target.base.as_str().trim_end_matches('/');
    let joined = format!("{base}/{}", encode(relative));
    let url = Url::parse(&joined).map_err(|e| PlanError::BadUrl {
        url: joined.clone(),
        message: e.to_string(),
    })?;
    if url.origin() != target.base.origin() {
        return Err(PlanError::ForeignUrl(documented.to_string()));
    }
    Ok(url)
}

fn starts_with_ignore_case(text: &str, prefix: &str) -> bool {
    text.len() >= prefix.len()
        && text.is_char_boundary(prefix.len())
        && text[..prefix.len()].eq_ignore_ascii_case(prefix)
        && matches!(text.as_bytes().get(prefix.len()), None | Some(b'/' | b'?'))
}

/// Plans a request: fills placeholders in the URL, headers and body, applies the
/// command line's headers (which override documented ones of the same name) and
/// resolves the URL on the target.
pub fn plan(
    request: &crate::replay::example::Request,
    target: &Target,
    values: &BTreeMap<String, String>,
    headers: &[(String, String)],
) -> Result<Planned, PlanError> {
    let mut missing = Vec::new();
    let url = fill(&request.url, values, &mut missing);
    let mut planned_headers: Vec<(String, String)> = Vec::new();
    for (name, value) in &request.headers {
        if headers.iter().any(|(n, _)| n.eq_ignore_ascii_case(name)) {
            continue;
        }
        planned_headers.push((name.clone(), fill(value, values, &mut missing)));
    }
    planned_headers.extend(headers.iter().cloned());
    let body = request
        .body
        .as_ref()
        .map(|body| fill(body, values, &mut missing));
    if !missing.is_empty() {
        return Err(PlanError::Unfilled(missing));
    }
    Ok(Planned {
        method: request.method.clone(),
        url: resolve(target, &url)?,
        headers: planned_headers,
        body,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target() -> Target {
        Target {
            base: Url::parse("http://127.0.0.1:8080/api").expect("url"),
            docs_base: Some("https://graph.microsoft.com/v1.0".into()),
        }
    }

    #[test]
    fn query_for_people_is_encoded() {
        let url = resolve(
            &target(),
            "https://graph.microsoft.com/v1.0/users?$filter=startswith(displayName, 'a')&$top=2",
        )
        .expect("resolves");
        assert_eq!(
            url.as_str(),
            concat!(
                "http://127.0.0.1:8080/api/users",
                "?$filter=startswith%28displayName%2C%20%27a%27%29&$top=2"
            )
        );
    }

    #[test]
    fn path_only_and_existing_escapes() {
        let url = resolve(&target(), "/me/drive/root:/a%20b c:/content").expect("resolves");
        assert_eq!(
            url.as_str(),
            "http://127.0.0.1:8080/api/me/drive/root:/a%20b%20c:/content"
        );
        assert_eq!(encode("x?q=100%"), "x?q=100%25");
    }

    #[test]
    fn without_a_docs_base_the_host_is_replaced() {
        let target = Target {
            docs_base: None,
            ..target()
        };
        let url = resolve(&target, "https://api.contoso.com/v1/widgets/w-42").expect("resolves");
        assert_eq!(url.as_str(), "http://127.0.0.1:8080/api/v1/widgets/w-42");
    }

    #[test]
    fn other_hosts_are_refused() {
        let error = resolve(&target(), "https://evil.example/v1.0/users");
        assert!(matches!(error, Err(PlanError::ForeignUrl(_))));
        let sneaky = resolve(&target(), "https://graph.microsoft.com/v1.0.evil/users");
        assert!(matches!(sneaky, Err(PlanError::ForeignUrl(_))));
    }

    #[test]
    fn placeholders_fill_or_name_what_is_missing() {
        let mut values = BTreeMap::new();
        values.insert("user-id".to_string(), "42".to_string());
        let mut missing = Vec::new();
        let text = fill(
            "/users/{user-id}/posts/{post-id} {\"a\": 1}",
            &values,
            &mut missing,
        );
        assert_eq!(text, "/users/42/posts/{post-id} {\"a\": 1}");
        assert_eq!(missing, vec!["post-id".to_string()]);
        assert_eq!(
            PlanError::Unfilled(missing).to_string(),
            "no value for {post-id}"
        );
    }
}
