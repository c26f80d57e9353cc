//! The unified diff `check --diff` prints instead of writing.
//!
//! Its own module so that the format (git's `a/` and `b/` prefixes, three lines
//! of context) is decided in one place.

use similar::TextDiff;

/// Lines of unchanged text around each change.
const CONTEXT: usize = 3;

/// A unified diff from `old` to `new`, headed `--- a/PATH` and `+++ b/PATH`.
/// Line ends are kept as the page has them; empty when the texts are equal.
pub fn unified(path: &str, old: &str, new: &str) -> String {
    if old == new {
        return String::new();
    }
    let path = path.strip_prefix("./").unwrap_or(path);
    TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(CONTEXT)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_changed_line_with_context() {
        let diff = unified("./d/a.md", "a\nb,\n}\n", "a\nb\n}\n");
        assert_eq!(
            diff,
            "--- a/d/a.md\n+++ b/d/a.md\n@@ -1,3 +1,3 @@\n a\n-b,\n+b\n }\n"
        );
    }

    #[test]
    fn equal_texts_give_nothing() {
        assert_eq!(unified("a.md", "x\n", "x\n"), "");
    }
}
