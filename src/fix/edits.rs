//! Choosing which fixes of one page to apply in a round, and applying them.
//!
//! Fixes come only from the diagnostics' own edits. A fix whose edits collide
//! with one already chosen waits for the next round, when the page has been
//! checked again and the diagnostic (if still there) carries fresh ranges.

use std::ops::Range;

use crate::check::PageReport;
use crate::diagnostic::{Diagnostic, Edit};

use super::policy;

/// The rule whose fix depends on the rest of its block.
const CONTENT_LENGTH: &str = "content-length";

/// Rules that say a body is not JSON yet, so its length will change.
const BODY_RULES: &[&str] = &["json-syntax", "suspicious-character"];

/// The fixes chosen for one page in one round.
#[derive(Debug, Default)]
pub struct Plan {
    /// Edits into the page text, non-overlapping.
    edits: Vec<Edit>,
    /// How many diagnostics the edits repair.
    pub repaired: usize,
}

impl Plan {
    /// Chooses the fixes of `page` to apply now.
    ///
    /// A Content-Length is the length of the body as it is, so it is set only
    /// when the body is JSON that parses and no other fix changes its example in
    /// the same round; otherwise it would be set to the length of a body about to
    /// change, by apiproof or by the writer.
    pub fn of(page: &PageReport) -> Plan {
        let text = &page.document.text;
        let mut plan = Plan::default();
        let fixable = |d: &&Diagnostic| {
            d.fix
                .as_ref()
                .is_some_and(|fix| policy::allows(d.rule, fix, text))
        };
        let (lengths, others): (Vec<&Diagnostic>, Vec<&Diagnostic>) = page
            .diagnostics
            .iter()
            .filter(fixable)
            .partition(|d| d.rule == CONTENT_LENGTH);
        for diagnostic in others {
            plan.add(diagnostic, text);
        }
        for diagnostic in lengths {
            let Some(example) = page
                .examples
                .iter()
                .find(|e| within(&diagnostic.span, &e.span))
            else {
                continue;
            };
            let body_broken = page
                .diagnostics
                .iter()
                .any(|d| BODY_RULES.contains(&d.rule) && within(&d.span, &example.span));
            let body_edited = plan.edits.iter().any(|e| collide(&e.span, &example.span));
            if !body_broken && !body_edited {
                plan.add(diagnostic, text);
            }
        }
        plan
    }

    /// Adds the diagnostic's fix unless an edit collides with one already chosen
    /// or with another of its own, or the fix would change nothing.
    fn add(&mut self, diagnostic: &Diagnostic, text: &str) {
        let Some(fix) = &diagnostic.fix else {
            return;
        };
        let edits: Vec<&Edit> = fix
            .edits
            .iter()
            .filter(|e| text.get(e.span.clone()) != Some(e.replacement.as_str()))
            .collect();
        if edits.is_empty() {
            return;
        }
        let collides = edits.iter().enumerate().any(|(i, edit)| {
            edits[..i]
                .iter()
                .any(|other| collide(&other.span, &edit.span))
                || self
                    .edits
                    .iter()
                    .any(|other| collide(&other.span, &edit.span))
        });
        if collides {
            return;
        }
        self.edits.extend(edits.into_iter().cloned());
        self.repaired += 1;
    }

    /// Whether nothing is to be changed.
    pub fn is_empty(&self) -> bool {
        self.edits.is_empty()
    }

    /// `text` with the edits applied, from the last to the first, so that each
    /// edit's range still points at the original bytes when it is applied.
    pub fn apply(mut self, text: &str) -> String {
        self.edits.sort_by_key(|e| (e.span.start, e.span.end));
        let mut out = text.to_string();
        for edit in self.edits.iter().rev() {
            out.replace_range(edit.span.clone(), &edit.replacement);
        }
        out
    }
}

/// Whether `inner` lies within `outer`.
fn within(inner: &Range<usize>, outer: &Range<usize>) -> bool {
    outer.start <= inner.start && inner.end <= outer.end
}

/// Whether two edit ranges cannot both be applied: they overlap, or an insertion
/// touches the other range, where the order of the two would be a guess.
fn collide(a: &Range<usize>, b: &Range<usize>) -> bool {
    if a.is_empty() || b.is_empty() {
        a.start <= b.end && b.start <= a.end
    } else {
        a.start < b.end && b.start < a.end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn insertions_collide_with_what_they_touch() {
        assert!(collide(&(3..3), &(3..3)));
        assert!(collide(&(3..3), &(1..3)));
        assert!(!collide(&(1..3), &(3..5)));
        assert!(collide(&(1..4), &(3..5)));
        assert!(!collide(&(0..0), &(2..4)));
    }
}
