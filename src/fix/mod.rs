//! `check --fix` and `check --diff`: repairing the defects that have one right
//! answer, from the diagnostics' own fixes.
//!
//! A repair can let a parser get further and find the next defect (a second
//! trailing comma), so fixing runs in rounds: check, apply what may be applied,
//! check the repaired text again in memory, until a round changes nothing or
//! [`MAX_ROUNDS`] is reached. Only then is anything written, each page
//! atomically, and the written pages are checked once more from disk so the
//! report shows what remains. It is a module of its own because it is the only
//! part of apiproof that changes the user's files.

mod atomic;
mod diff;
mod edits;
pub mod policy;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;

use crate::check::{Options, PageReport};
use crate::config::Config;
use crate::model::normalize;
use crate::rules::schema::Schemas;
use crate::run::{self, Overrides, RunReport, Tree};
use crate::workspace::display;

use edits::Plan;

/// Rounds of check-and-repair before apiproof stops looking for more.
pub const MAX_ROUNDS: usize = 16;

/// What to do with the repaired pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Write them back, atomically.
    Write,
    /// Write nothing; the caller shows [`Outcome::diff`].
    Diff,
}

/// A page that some fix changed.
#[derive(Debug)]
pub struct FixedPage {
    /// The page as named, with `/` separators.
    pub path: String,
    /// Its text before any fix, byte for byte the file's contents.
    pub original: String,
    /// Its text after every round.
    pub fixed: String,
    /// How many diagnostics the fixes repaired.
    pub repaired: usize,
}

/// What a fixing run did.
#[derive(Debug)]
pub struct Outcome {
    /// The check after fixing: from disk after writing, or of the repaired text
    /// in memory for [`Mode::Diff`].
    pub report: RunReport,
    /// Pages whose text the fixes changed, in path order.
    pub pages: Vec<FixedPage>,
    /// Pages left alone and why (invalid UTF-8, binary), as messages naming the path.
    pub skipped: Vec<String>,
    /// Pages whose repair could not be written, as messages naming the path.
    pub failures: Vec<String>,
    /// Whether the last round still changed something.
    pub unfinished: bool,
}

impl Outcome {
    /// Diagnostics repaired over all pages.
    pub fn repaired(&self) -> usize {
        self.pages.iter().map(|p| p.repaired).sum()
    }

    /// The unified diff of every changed page, in path order.
    pub fn diff(&self) -> String {
        self.pages
            .iter()
            .map(|p| diff::unified(&p.path, &p.original, &p.fixed))
            .collect()
    }

    /// What to tell the user besides the report: pages skipped, an early stop,
    /// and the summary line last.
    pub fn messages(&self, mode: Mode) -> Vec<String> {
        let mut lines: Vec<String> = self.skipped.iter().map(|s| format!("note: {s}")).collect();
        if self.unfinished {
            lines.push(format!(
                "note: stopped after {MAX_ROUNDS} rounds with fixes left; run again to apply them"
            ));
        }
        lines.push(self.summary(mode));
        lines
    }

    /// One line: `fixed 3 problems in 2 files`, or `would fix ...` for a diff.
    pub fn summary(&self, mode: Mode) -> String {
        let verb = match mode {
            Mode::Write => "fixed",
            Mode::Diff => "would fix",
        };
        let problems = self.repaired();
        let files = self.pages.len();
        let plural =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        format!(
            "{verb} {} in {}",
            plural(problems, "problem", "problems"),
            plural(files, "file", "files")
        )
    }
}

/// Checks `tree`, repairs its reported pages in rounds, and writes them (or not,
/// as `mode` says).
pub fn fix_tree(
    tree: &Tree,
    options: &Options,
    config: &Config,
    schemas: &Schemas,
    mode: Mode,
) -> Outcome {
    let mut overrides = Overrides::new();
    // Keyed by normalized path: a page named twice (`a.md ./a.md`) is one file.
    let mut pages: BTreeMap<PathBuf, FixedPage> = BTreeMap::new();
    let mut report = run::check_tree(tree, options, config, schemas);
    let skipped = report
        .pages
        .iter()
        .filter_map(|page| {
            let document = &page.document;
            if document.binary {
                Some(format!("{}: not fixed: binary file", document.path))
            } else if !document.invalid_utf8.is_empty() {
                Some(format!(
                    "{}: not fixed: the file holds invalid UTF-8",
                    document.path
                ))
            } else {
                None
            }
        })
        .collect();

    let mut rounds = 0;
    let unfinished = loop {
        let plans: Vec<(&PageReport, Plan)> = report
            .pages
            .iter()
            .filter(|page| !page.document.binary && page.document.invalid_utf8.is_empty())
            .map(|page| (page, Plan::of(page)))
            .filter(|(_, plan)| !plan.is_empty())
            .collect();
        if plans.is_empty() {
            break false;
        }
        if rounds == MAX_ROUNDS {
            break true;
        }
        let mut planned = HashSet::new();
        for (page, plan) in plans {
            let document = &page.document;
            let key = normalize(&PathBuf::from(&document.path));
            if !planned.insert(key.clone()) {
                continue;
            }
            let fixed_page = pages.entry(key.clone()).or_insert_with(|| FixedPage {
                path: document.path.clone(),
                original: document.text.clone(),
                fixed: String::new(),
                repaired: 0,
            });
            fixed_page.repaired += plan.repaired;
            fixed_page.fixed = plan.apply(&document.text);
            overrides.insert(key, fixed_page.fixed.clone());
        }
        rounds += 1;
        report = run::check_tree_with(tree, options, config, schemas, &overrides);
    };
    // A page whose fixes cancelled out is not changed.
    pages.retain(|_, page| page.original != page.fixed);

    let mut pages: Vec<FixedPage> = pages.into_values().collect();

    let mut failures = Vec::new();
    if mode == Mode::Write && !pages.is_empty() {
        let files: HashMap<String, &PathBuf> =
            tree.reported.iter().map(|p| (display(p), p)).collect();
        pages.retain(|page| {
            let path = files
                .get(&page.path)
                .map_or_else(|| PathBuf::from(&page.path), |p| p.to_path_buf());
            let written = atomic::replace(
                &page.path,
                &path,
                page.original.as_bytes(),
                page.fixed.as_bytes(),
            );
            written
                .map_err(|error| failures.push(error.to_string()))
                .is_ok()
        });
        report = run::check_tree(tree, options, config, schemas);
    }
    Outcome {
        report,
        pages,
        skipped,
        failures,
        unfinished,
    }
}
