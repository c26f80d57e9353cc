//! URL templates of "HTTP request" sections, and the paths of example requests
//! in the form they are compared in.

use std::sync::OnceLock;

use regex::Regex;

/// The path of an example URL: scheme, host, a version segment and the query
/// removed, OData keys (`users('1')`) written as segments.
pub fn example_path(url: &str) -> String {
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

/// A piece of a URL template.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    /// Text that must appear as written (compared in lower case).
    Literal(String),
    /// A `{placeholder}`: one or more characters; across `/` only when it names a
    /// path (`{item-path}`).
    Placeholder { spans_segments: bool },
}

/// A URL template of the "HTTP request" section, ready to match example paths.
#[derive(Debug, Clone)]
pub struct Template(Vec<Part>);

impl Template {
    /// Reads a template URL; `(team-id)` and `<team-id>` count as `{team-id}`.
    pub fn parse(url: &str) -> Template {
        static PAREN: OnceLock<Regex> = OnceLock::new();
        let paren = PAREN.get_or_init(|| Regex::new(r"\(([a-zA-Z_-]+)\)").expect("valid pattern"));
        let url = paren.replace_all(url, "{$1}");
        // Others write `<address>`.
        static ANGLE: OnceLock<Regex> = OnceLock::new();
        let angle = ANGLE.get_or_init(|| Regex::new(r"<([^<>/{}]+)>").expect("valid pattern"));
        let url = angle.replace_all(&url, "{$1}");
        let path = example_path(&url);
        let mut parts = Vec::new();
        let mut rest = path.as_str();
        while let Some(open) = rest.find('{') {
            let Some(close) = rest[open..].find('}').map(|i| open + i) else {
                break;
            };
            if open > 0 {
                parts.push(Part::Literal(rest[..open].to_string()));
            }
            parts.push(Part::Placeholder {
                spans_segments: rest[open..close].contains("path"),
            });
            rest = &rest[close + 1..];
        }
        if !rest.is_empty() {
            parts.push(Part::Literal(rest.to_string()));
        }
        Template(parts)
    }

    /// Whether an example path (as `example_path` gives it) fits the template.
    pub fn matches(&self, path: &str) -> bool {
        let path = path.trim_end_matches('/');
        matches_from(&self.0, path)
    }
}

fn matches_from(parts: &[Part], text: &str) -> bool {
    let Some((first, rest)) = parts.split_first() else {
        return text.is_empty();
    };
    match first {
        Part::Literal(literal) => {
            let literal = if rest.is_empty() {
                literal.trim_end_matches('/')
            } else {
                literal.as_str()
            };
            text.strip_prefix(literal)
                .is_some_and(|after| matches_from(rest, after))
        }
        Part::Placeholder { spans_segments } => {
            let limit = if *spans_segments {
                text.len()
            } else {
                text.find('/').unwrap_or(text.len())
            };
            (1..=limit)
                .filter(|&end| text.is_char_boundary(end))
                .any(|end| matches_from(rest, &text[end..]))
        }
    }
}
