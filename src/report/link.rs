//! Links from the report to the Markdown pages: relative to the folder the report
//! is written to, so the report and the docs can be published together.

use std::path::{Component, Path, PathBuf};

use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};

/// Characters escaped in a link's path: everything a URL gives a meaning to.
const PATH: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}')
    .add(b'\'')
    .add(b'\\')
    .add(b'^')
    .add(b'|')
    .add(b'[')
    .add(b']')
    .add(b':');

/// Makes links to pages from one output folder.
#[derive(Debug, Clone)]
pub struct Linker {
    /// The output folder, absolute, when it could be resolved.
    from: Option<PathBuf>,
}

impl Linker {
    /// A linker for a report written into `out` (which should exist by now).
    pub fn new(out: &Path) -> Linker {
        Linker {
            from: std::fs::canonicalize(out).ok(),
        }
    }

    /// A percent-encoded relative URL from the output folder to `page` (a path as
    /// the run named it), ending in `#L{line}`. When either cannot be resolved,
    /// the page's own path is used.
    pub fn href(&self, page: &str, line: usize) -> String {
        let target = std::fs::canonicalize(page).ok();
        let relative = match (&self.from, target) {
            (Some(from), Some(to)) => relative(from, &to),
            _ => None,
        };
        let path = relative.unwrap_or_else(|| page.replace('\\', "/"));
        format!("{}#L{line}", utf8_percent_encode(&path, PATH))
    }
}

/// The `/`-separated path that leads from folder `from` to `to`; both absolute.
fn relative(from: &Path, to: &Path) -> Option<String> {
    let from: Vec<Component> = from.components().collect();
    let to: Vec<Component> = to.components().collect();
    if from.first() != to.first() {
        return None;
    }
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = vec!["..".to_string(); from.len() - common];
    for component in &to[common..] {
        parts.push(component.as_os_str().to_string_lossy().into_owned());
    }
    Some(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn climbs_to_the_common_folder() {
        let link = relative(Path::new("/w/site/report"), Path::new("/w/docs/a b.md"));
        assert_eq!(link.as_deref(), Some("../../docs/a b.md"));
    }

    #[test]
    fn escapes_what_urls_give_a_meaning_to() {
        let linker = Linker { from: None };
        assert_eq!(linker.href("docs/a b#c?.md", 3), "docs/a%20b%23c%3F.md#L3");
    }
}
