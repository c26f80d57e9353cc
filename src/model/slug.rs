//! GitHub-style anchors for headings: what `#anchor` in a link must match.

/// The anchor GitHub and DocFX give a heading: lower-case, punctuation dropped,
/// spaces turned into `-`.
pub fn slug(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            '-' | '_' => Some(c),
            c if c.is_alphanumeric() => Some(c),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::slug;

    #[test]
    fn slugs_like_github() {
        assert_eq!(
            slug("Properties of exampleWidget"),
            "properties-of-examplewidget"
        );
        assert_eq!(slug("Example 1: Get a user"), "example-1-get-a-user");
        assert_eq!(slug("HTTP request"), "http-request");
        assert_eq!(slug("user: delta"), "user-delta");
        assert_eq!(slug("Request body (optional)"), "request-body-optional");
    }
}
