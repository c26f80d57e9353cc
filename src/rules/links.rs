//! Links: `broken-link`, `malformed-link` and `orphan-page`.

use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::model::{key, local_target, normalize, page_anchors, percent_decode, slug::slug};

use super::{Context, BROKEN_LINK, MALFORMED_LINK, ORPHAN_PAGE};

/// Checks the page's links.
pub fn check(context: &Context, out: &mut Vec<Diagnostic>) {
    let page = context.page();
    let path = normalize(Path::new(&page.document.path));
    let folder = path.parent().map(Path::to_path_buf).unwrap_or_default();
    for link in &page.outline.links {
        if let Some(problem) = resolve(context, &path, &folder, &link.target) {
            let what = if link.include { "include" } else { "link" };
            let mut diagnostic = Diagnostic::new(
                &BROKEN_LINK,
                link.span.clone(),
                format!("{what} target `{}` {}", link.target, problem.message),
            )
            .with_label(problem.label)
            .with_help(problem.help);
            if let Some(fix) = problem.fix {
                let at = page.document.text[link.span.clone()]
                    .rfind(&link.target)
                    .map(|i| link.span.start + i);
                if let Some(at) = at {
                    diagnostic = diagnostic.with_fix(Fix {
                        title: format!("link to `{fix}`"),
                        edits: vec![Edit {
                            span: at..at + link.target.len(),
                            replacement: fix,
                        }],
                    });
                }
            }
            out.push(diagnostic);
        }
    }
    for malformed in &page.outline.malformed_links {
        let mut help = "delete the space between `]` and `(`".to_string();
        if let Some(problem) = resolve(context, &path, &folder, &malformed.target) {
            help.push_str(&format!(
                "; the target `{}` also {}: {}",
                malformed.target, problem.message, problem.help
            ));
        }
        out.push(
            Diagnostic::new(
                &MALFORMED_LINK,
                malformed.span.clone(),
                "link broken by a space between `]` and `(`".into(),
            )
            .with_label("renders as plain text")
            .with_secondary(malformed.gap.clone(), "this space")
            .with_help(help)
            .with_fix(Fix {
                title: "remove the space".into(),
                edits: vec![Edit {
                    span: malformed.gap.clone(),
                    replacement: String::new(),
                }],
            }),
        );
    }
    orphan(context, &path, out);
}

struct Problem {
    message: String,
    label: String,
    help: String,
    fix: Option<String>,
}

/// Why a link target does not resolve, or `None` when it does (or cannot be checked).
fn resolve(context: &Context, page: &Path, folder: &Path, target: &str) -> Option<Problem> {
    let model = context.model;
    let target = target.trim();
    if target.contains('\\') && !target.contains("://") {
        let forward = target.replace('\\', "/");
        return Some(Problem {
            message: "uses `\\` as a path separator".into(),
            label: "backslashes".into(),
            help: format!(
                "links are URLs: write `{forward}`; web servers do not read `\\` as a folder"
            ),
            fix: Some(forward),
        });
    }
    if let Some(anchor) = target.strip_prefix('#') {
        return missing_anchor(context, page, anchor, "this page");
    }
    let file = match local_target(target) {
        Some(file) => folder.join(file),
        None => site_root_target(context, target)?,
    };
    let file = normalize(&file);
    let anchor = target.split_once('#').map(|(_, a)| a);
    let file_key = key(&file);
    if model.files.contains(&file_key) {
        return anchor.and_then(|a| missing_anchor(context, &file, a, "the target"));
    }
    if let Some(actual) = model.files_lower.get(&file_key.to_lowercase()) {
        let actual = Path::new(actual);
        let relative = relative_spelling(target, actual);
        return Some(Problem {
            message: "differs in letter case from the file".into(),
            label: "letter case differs".into(),
            help: format!(
                "the file is `{}`; the link works on Windows and macOS but 404s on Linux \
                 hosts, whose file names are case-sensitive",
                actual.display()
            ),
            fix: relative,
        });
    }
    if file.exists() {
        return None;
    }
    // A folder the tree does not have at all is outside what was checked out.
    let parent_exists = file
        .parent()
        .is_some_and(|p| p.as_os_str().is_empty() || p.is_dir());
    if !parent_exists {
        return None;
    }
    Some(Problem {
        message: "does not exist".into(),
        label: "no such file".into(),
        help: "correct the path, relative to this page's folder".into(),
        fix: None,
    })
}

/// The link target with its file part respelled as the file on disk is.
fn relative_spelling(target: &str, actual: &Path) -> Option<String> {
    let file_part = target.split(['#', '?']).next()?;
    let decoded = percent_decode(file_part);
    let actual_name = actual.file_name()?.to_string_lossy().to_string();
    let written_name = Path::new(&decoded)
        .file_name()?
        .to_string_lossy()
        .to_string();
    if !written_name.eq_ignore_ascii_case(&actual_name) {
        return None;
    }
    let prefix_len = file_part.len() - written_name.len();
    if !file_part.ends_with(&written_name) {
        return None;
    }
    Some(format!(
        "{}{}{}",
        &file_part[..prefix_len],
        actual_name,
        &target[file_part.len()..]
    ))
}

fn missing_anchor(context: &Context, file: &Path, anchor: &str, whose: &str) -> Option<Problem> {
    let anchor = percent_decode(anchor).to_lowercase();
    if anchor.is_empty() || anchor.starts_with("tab/") {
        return None;
    }
    let index = context.model.page_index.get(&key(file))?;
    let anchors = page_anchors(&context.pages[*index]);
    if anchors.contains(&anchor) {
        return None;
    }
    let near = anchors
        .iter()
        .map(|a| (strsim::levenshtein(a, &anchor), a))
        .filter(|(d, a)| *d <= (a.len() / 4).clamp(1, 4))
        .min_by(|x, y| x.0.cmp(&y.0).then(x.1.cmp(y.1)));
    let help = match near {
        Some((_, a)) => format!("no heading of {whose} produces `#{anchor}`; did you mean `#{a}`?"),
        None => format!(
            "no heading of {whose} produces `#{anchor}`; anchors are headings in lower case with \
             spaces as `-` (`{}`)",
            slug("Example Heading")
        ),
    };
    Some(Problem {
        message: "names an anchor that does not exist".into(),
        label: "no such anchor".into(),
        help,
        fix: None,
    })
}

/// A site-root link (`/graph/api/user-get`) resolved under `site_root`.
fn site_root_target(context: &Context, target: &str) -> Option<PathBuf> {
    let rest = target.strip_prefix('/')?;
    let root = context.config.model.site_root.as_ref()?;
    let file = rest.split(['#', '?']).next()?;
    let file = percent_decode(file);
    let mut path = root.join(file);
    if path.extension().is_none() {
        path.set_extension("md");
    }
    Some(path)
}

fn orphan(context: &Context, path: &Path, out: &mut Vec<Diagnostic>) {
    if context
        .config
        .severity(ORPHAN_PAGE.id, ORPHAN_PAGE.severity)
        .is_none()
        || !context.config.rules.contains_key(ORPHAN_PAGE.id)
    {
        return;
    }
    if !context.model.linked(context.pages).contains(&key(path)) {
        out.push(
            Diagnostic::new(&ORPHAN_PAGE, 0..0, "no page of the tree links here".into())
                .with_help("link the page from its resource page or an overview"),
        );
    }
}
