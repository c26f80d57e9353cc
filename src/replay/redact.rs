//! Which header values are secrets, and masking them wherever text leaves apiproof.
//!
//! Authorization, Cookie and any header named with `--secret-header` are shown
//! as `***`. Besides masking by name, [`Secrets::scrub`] removes the values
//! themselves from free text (error causes, notes), so a secret that ends up in
//! a message by some other road is still never printed.

/// What a secret value is shown as.
pub const MASK: &str = "***";

/// Header names that are always secret.
const ALWAYS: &[&str] = &["authorization", "proxy-authorization", "cookie"];

/// The secret header names and the values seen for them.
#[derive(Debug, Clone, Default)]
pub struct Secrets {
    names: Vec<String>,
    values: Vec<String>,
}

impl Secrets {
    /// Secrets for the always-secret headers plus `extra` names.
    pub fn new(extra: &[String]) -> Self {
        let mut names: Vec<String> = ALWAYS.iter().map(|n| n.to_string()).collect();
        names.extend(extra.iter().map(|n| n.trim().to_ascii_lowercase()));
        Secrets {
            names,
            values: Vec::new(),
        }
    }

    /// Whether a header's value is secret.
    pub fn is_secret(&self, name: &str) -> bool {
        self.names
            .iter()
            .any(|n| n.eq_ignore_ascii_case(name.trim()))
    }

    /// Remembers the values of secret headers among `headers`, so they can be
    /// scrubbed from free text.
    pub fn learn(&mut self, headers: &[(String, String)]) {
        for (name, value) in headers {
            if self.is_secret(name) && !value.is_empty() && !self.values.contains(value) {
                self.values.push(value.clone());
                // The credential alone, as in `Bearer TOKEN`, may show up by itself.
                if let Some((_, token)) = value.split_once(' ') {
                    if token.len() >= 4 && !self.values.iter().any(|v| v == token) {
                        self.values.push(token.to_string());
                    }
                }
            }
        }
        self.values.sort_by_key(|v| std::cmp::Reverse(v.len()));
    }

    /// A header's value as it may be shown.
    pub fn show<'a>(&self, name: &str, value: &'a str) -> &'a str {
        if self.is_secret(name) {
            MASK
        } else {
            value
        }
    }

    /// `text` with every known secret value replaced by the mask.
    pub fn scrub(&self, text: &str) -> String {
        let mut out = text.to_string();
        for value in &self.values {
            if out.contains(value.as_str()) {
                out = out.replace(value.as_str(), MASK);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_by_name_and_scrubs_values() {
        let mut secrets = Secrets::new(&["X-Api-Key".to_string()]);
        secrets.learn(&[
            ("Authorization".into(), "Bearer tok123".into()),
            ("x-api-key".into(), "k-999".into()),
            ("Accept".into(), "application/json".into()),
        ]);
        assert_eq!(secrets.show("authorization", "Bearer tok123"), MASK);
        assert_eq!(secrets.show("X-API-KEY", "k-999"), MASK);
        assert_eq!(secrets.show("Accept", "text/plain"), "text/plain");
        assert_eq!(
            secrets.scrub("sent Bearer tok123 and k-999; tok123 again"),
            "sent *** and ***; *** again"
        );
    }
}
