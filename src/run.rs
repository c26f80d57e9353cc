//! A whole run: read every file, check pages in parallel, collect the outcome.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::check::{self, Options, PageReport};
use crate::config::Config;
use crate::diagnostic::Severity;
use crate::document::Document;
use crate::model::{normalize, Model};
use crate::rules::{self, Context};
use crate::workspace::display;

/// Everything a run found, ready for a renderer.
#[derive(Debug, Default)]
pub struct RunReport {
    /// Checked pages, sorted by path.
    pub pages: Vec<PageReport>,
    /// Files that could not be read or walked, as messages naming the path.
    pub failures: Vec<String>,
    /// Wall time of the run.
    pub elapsed: Duration,
}

/// Counts over a run.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    /// Pages checked.
    pub files: usize,
    /// Examples checked.
    pub blocks: usize,
    /// Diagnostics by severity.
    pub errors: usize,
    /// See `errors`.
    pub warnings: usize,
    /// See `errors`.
    pub infos: usize,
}

impl RunReport {
    /// Counts files, examples and diagnostics.
    pub fn summary(&self) -> Summary {
        let mut summary = Summary {
            files: self.pages.len(),
            ..Summary::default()
        };
        for page in &self.pages {
            summary.blocks += page.checked_examples();
            for diagnostic in &page.diagnostics {
                match diagnostic.severity {
                    Severity::Error => summary.errors += 1,
                    Severity::Warning => summary.warnings += 1,
                    Severity::Info => summary.infos += 1,
                }
            }
        }
        summary
    }
}

/// Reads and checks `files` in parallel. A file that cannot be read becomes a
/// failure message; the others are still checked.
pub fn check_files(files: &[PathBuf], options: &Options) -> RunReport {
    let started = Instant::now();
    let outcomes: Vec<Result<PageReport, String>> = files
        .par_iter()
        .map(|path| {
            let name = display(path);
            match std::fs::read(path) {
                Ok(bytes) => Ok(check::check_file(Document::decode(name, bytes), options)),
                Err(error) => Err(format!("{name}: cannot read: {error}")),
            }
        })
        .collect();
    let mut report = RunReport::default();
    for outcome in outcomes {
        match outcome {
            Ok(page) => report.pages.push(page),
            Err(message) => report.failures.push(message),
        }
    }
    report
        .pages
        .sort_by(|a, b| a.document.path.cmp(&b.document.path));
    report.elapsed = started.elapsed();
    report
}

/// The files of a run: those to report on, and the whole tree the model covers.
#[derive(Debug, Default)]
pub struct Tree {
    /// Pages whose diagnostics are reported, as named or walked.
    pub reported: Vec<PathBuf>,
    /// Every Markdown page under the docs root.
    pub pages: Vec<PathBuf>,
    /// Every file under the docs root, for link targets.
    pub files: Vec<PathBuf>,
}

impl Tree {
    /// Finds the pages to report on (`paths`, walked, less `exclude` and the
    /// configuration's excludes, within its includes) and every file under `root`.
    /// Problems met while walking are returned beside the tree.
    pub fn gather(
        paths: &[PathBuf],
        root: &std::path::Path,
        exclude: &[String],
        config: &Config,
    ) -> Result<(Tree, Vec<crate::workspace::WorkspaceError>), crate::workspace::WorkspaceError>
    {
        use crate::workspace;
        let mut patterns = exclude.to_vec();
        patterns.extend(config.exclude.iter().cloned());
        let exclude = workspace::excludes(&patterns)?;
        let (mut reported, problems) = workspace::markdown_files(paths, &exclude);
        if !config.include.is_empty() {
            let include = workspace::excludes(&config.include)?;
            reported.retain(|p| {
                let relative = p.strip_prefix(root).unwrap_or(p);
                include.is_match(relative) || paths.contains(p)
            });
        }
        let files = workspace::all_files(root, &exclude);
        let pages = files
            .iter()
            .filter(|p| workspace::is_markdown_path(p))
            .cloned()
            .collect();
        Ok((
            Tree {
                reported,
                pages,
                files,
            },
            problems,
        ))
    }
}

/// Every page of a tree checked on its own, and the model of the whole tree.
pub struct Analysis {
    /// Every page read, in path order.
    pub pages: Vec<PageReport>,
    /// For each page, whether its diagnostics are reported.
    pub reported: Vec<bool>,
    /// The model of the whole tree.
    pub model: Model,
    /// Reported files that could not be read.
    pub failures: Vec<String>,
}

/// Page texts that stand in for the files on disk, keyed by [`normalize`]d path,
/// so that repaired pages can be checked before (or instead of) being written.
pub type Overrides = HashMap<PathBuf, String>;

/// Reads and checks every page of the tree in parallel, and builds the model.
pub fn analyse(tree: &Tree, options: &Options, config: &Config) -> Analysis {
    analyse_with(tree, options, config, &Overrides::new())
}

/// As [`analyse`], reading the pages of `overrides` from memory.
pub fn analyse_with(
    tree: &Tree,
    options: &Options,
    config: &Config,
    overrides: &Overrides,
) -> Analysis {
    let reported: std::collections::HashSet<PathBuf> =
        tree.reported.iter().map(|p| normalize(p)).collect();
    let mut paths: Vec<(PathBuf, bool)> = tree.reported.iter().map(|p| (p.clone(), true)).collect();
    paths.extend(
        tree.pages
            .iter()
            .filter(|p| !reported.contains(&normalize(p)))
            .map(|p| (p.clone(), false)),
    );
    let outcomes: Vec<(Result<PageReport, String>, bool)> = paths
        .par_iter()
        .map(|(path, is_reported)| (read_and_check(path, options, overrides), *is_reported))
        .collect();
    let mut failures = Vec::new();
    let mut pages: Vec<(PageReport, bool)> = Vec::with_capacity(outcomes.len());
    for (outcome, is_reported) in outcomes {
        match outcome {
            Ok(page) => pages.push((page, is_reported)),
            Err(message) if is_reported => failures.push(message),
            Err(_) => {}
        }
    }
    pages.sort_by(|a, b| a.0.document.path.cmp(&b.0.document.path));
    let (pages, reported): (Vec<PageReport>, Vec<bool>) = pages.into_iter().unzip();
    let model = Model::build(&pages, &tree.files, &config.model);
    Analysis {
        pages,
        reported,
        model,
        failures,
    }
}

/// Checks a docs tree: every page's syntax, then the reported pages against the
/// model of the whole tree. Only the reported pages are in the result.
pub fn check_tree(
    tree: &Tree,
    options: &Options,
    config: &Config,
    schemas: &rules::schema::Schemas,
) -> RunReport {
    check_tree_with(tree, options, config, schemas, &Overrides::new())
}

/// As [`check_tree`], reading the pages of `overrides` from memory.
pub fn check_tree_with(
    tree: &Tree,
    options: &Options,
    config: &Config,
    schemas: &rules::schema::Schemas,
    overrides: &Overrides,
) -> RunReport {
    let started = Instant::now();
    let Analysis {
        pages,
        reported,
        model,
        failures,
    } = analyse_with(tree, options, config, overrides);
    let derived;
    let schemas = if config.model.validate_derived_schemas {
        derived = rules::schema::with_derived(schemas, &model, &pages);
        &derived
    } else {
        schemas
    };
    let found: Vec<Vec<crate::diagnostic::Diagnostic>> = (0..pages.len())
        .into_par_iter()
        .map(|index| {
            let mut out = Vec::new();
            if reported[index] {
                let context = Context {
                    model: &model,
                    pages: &pages,
                    index,
                    config,
                    schemas,
                };
                rules::check_with_model(&context, &mut out);
            }
            out
        })
        .collect();
    let mut report = RunReport {
        failures,
        ..RunReport::default()
    };
    for ((mut page, is_reported), more) in pages.into_iter().zip(reported).zip(found) {
        if !is_reported {
            continue;
        }
        page.diagnostics.extend(more);
        configure(&mut page, config);
        report.pages.push(page);
    }
    report.elapsed = started.elapsed();
    report
}

/// Applies the configured severities, drops rules switched off and findings the
/// page suppresses, reports suppressions that suppress nothing, and sorts.
fn configure(page: &mut PageReport, config: &Config) {
    suppress(page);
    page.diagnostics
        .retain_mut(|d| match config.rules.get(d.rule) {
            Some(setting) => match setting.severity() {
                Some(severity) => {
                    d.severity = severity;
                    true
                }
                None => false,
            },
            None => true,
        });
    page.diagnostics.sort_by_key(|d| (d.span.start, d.span.end));
}

fn suppress(page: &mut PageReport) {
    let suppressions = std::mem::take(&mut page.outline.suppressions);
    let mut used = vec![false; suppressions.len()];
    let blocks: Vec<std::ops::Range<usize>> = page
        .outline
        .blocks
        .iter()
        .map(|b| {
            let start = b.annotation.as_ref().map_or(b.span.start, |a| a.span.start);
            start..b.span.end
        })
        .collect();
    page.diagnostics.retain(|d| {
        let mut keep = true;
        for (i, suppression) in suppressions.iter().enumerate() {
            let covers = suppression.page_wide
                || suppression
                    .block
                    .and_then(|b| blocks.get(b))
                    .is_some_and(|r| r.start <= d.span.start && d.span.start <= r.end);
            if covers && suppression.rules.iter().any(|r| r == d.rule) {
                used[i] = true;
                keep = false;
            }
        }
        keep
    });
    for (suppression, used) in suppressions.iter().zip(used) {
        if used {
            continue;
        }
        let unknown: Vec<&String> = suppression
            .rules
            .iter()
            .filter(|r| rules::find(r).is_none())
            .collect();
        let help = match unknown.first() {
            Some(id) => match rules::nearest(id) {
                Some(rule) => format!("`{id}` is not a rule; did you mean `{}`?", rule.id),
                None => format!("`{id}` is not a rule; `apiproof rules` lists them"),
            },
            None => "remove the comment: nothing it names is found here any more".into(),
        };
        page.diagnostics.push(
            crate::diagnostic::Diagnostic::new(
                &rules::UNUSED_SUPPRESSION,
                suppression.span.clone(),
                format!(
                    "suppression of {} suppresses nothing",
                    suppression.rules.join(", ")
                ),
            )
            .with_help(help),
        );
    }
}

fn read_and_check(
    path: &Path,
    options: &Options,
    overrides: &Overrides,
) -> Result<PageReport, String> {
    let name = display(path);
    if let Some(text) = overrides.get(&normalize(path)) {
        let document = Document::new(name, text.clone());
        return Ok(check::check(document, options));
    }
    match std::fs::read(path) {
        Ok(bytes) => Ok(check::check_file(Document::decode(name, bytes), options)),
        Err(error) => Err(format!("{name}: cannot read: {error}")),
    }
}

/// Checks one page held in memory, such as one read from standard input.
pub fn check_text(name: &str, bytes: Vec<u8>, options: &Options) -> RunReport {
    let started = Instant::now();
    let page = check::check_file(Document::decode(name, bytes), options);
    RunReport {
        pages: vec![page],
        failures: Vec::new(),
        elapsed: started.elapsed(),
    }
}

/// Checks one page held in memory as [`check_text`] does, then applies the
/// configuration and the page's suppressions as a tree run does. Rules that need
/// the whole tree do not run, so a suppression that suppresses nothing is not
/// reported: it may be waiting for one of them.
pub fn check_text_configured(
    name: &str,
    bytes: Vec<u8>,
    options: &Options,
    config: &Config,
) -> RunReport {
    let mut report = check_text(name, bytes, options);
    for page in &mut report.pages {
        configure(page, config);
        page.diagnostics
            .retain(|d| d.rule != rules::UNUSED_SUPPRESSION.id);
    }
    report
}
