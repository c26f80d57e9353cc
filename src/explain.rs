//! `apiproof explain RULE`: a rule's documentation from the registry, as text for
//! a terminal. A module of its own because it renders a rule, not a run.

use crate::rules::Rule;

/// Column the explanation is wrapped at, for a terminal.
const WIDTH: usize = 88;

/// The rule's id and severity, summary, explanation, and its failing and passing
/// examples, each example line indented by four spaces.
pub fn explain(rule: &Rule) -> String {
    let mut text = format!("{} ({})\n\n", rule.id, rule.severity.as_str());
    text.push_str(&format!("{}\n\n", capitalized(rule.summary)));
    text.push_str(&wrapped(rule.explanation, WIDTH));
    if !rule.default_on {
        text.push_str("\nOff by default: give it a severity under [rules] in apiproof.toml.\n");
    }
    text.push_str("\nFailing:\n");
    text.push_str(&indented(rule.failing));
    text.push_str("\nPassing:\n");
    text.push_str(&indented(rule.passing));
    text
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `text` as lines of at most `width` characters, broken between words; a word
/// longer than the width stands alone on its line.
fn wrapped(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            out.push_str(&line);
            out.push('\n');
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    out.push_str(&line);
    out.push('\n');
    out
}

fn indented(text: &str) -> String {
    text.lines().map(|line| format!("    {line}\n")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shows_both_examples_indented() {
        let text = explain(&crate::rules::JSON_SYNTAX);
        assert!(text.starts_with("json-syntax (error)\n\nAn example's JSON does not parse\n"));
        assert!(text.contains("Failing:\n    {\n      \"displayName\": \"Team\",\n    }\n"));
        assert!(text.contains("Passing:\n    {\n"));
    }

    #[test]
    fn explanations_wrap_between_words() {
        assert_eq!(wrapped("aa bb cc dddd", 5), "aa bb\ncc\ndddd\n");
        assert!(explain(&crate::rules::CONTENT_LENGTH)
            .lines()
            .all(|line| line.chars().count() <= WIDTH));
    }
}
