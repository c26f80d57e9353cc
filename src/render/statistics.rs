//! `--statistics`: how many findings each rule made, to see where a docs tree's
//! defects concentrate and which rules to tune first.
//!
//! ```text
//!     97  json-syntax
//!     12  status-reason
//! ```

use std::collections::BTreeMap;

use crate::run::RunReport;

/// One line per rule that found something: the count, then the rule id; sorted by
/// count, highest first, then by id. Empty when nothing was found.
pub fn render(report: &RunReport) -> String {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for diagnostic in report.pages.iter().flat_map(|page| &page.diagnostics) {
        *counts.entry(diagnostic.rule).or_insert(0) += 1;
    }
    let mut counts: Vec<(&str, usize)> = counts.into_iter().collect();
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    counts
        .iter()
        .map(|(rule, count)| format!("{count:>6}  {rule}\n"))
        .collect()
}
