//! Checks that apiproof's span-keeping JSON parser agrees with serde_json on every
//! JSON text of a docs tree: each block that is JSON, and each JSON body of an HTTP
//! example, annotated or not.
//!
//! `cargo run --release --example agreement -- ../shared/corpus`

use std::path::PathBuf;

use apiproof::http::{self, Expected};
use apiproof::json::{self, Allow};
use apiproof::markdown;
use apiproof::workspace::{excludes, markdown_files};

fn main() {
    let root = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/corpus".into());
    let (files, _) = markdown_files(&[PathBuf::from(&root)], &excludes(&[]).expect("no globs"));
    let (mut texts, mut valid, mut disagreements) = (0, 0, 0);
    for path in &files {
        let Ok(page) = std::fs::read_to_string(path) else {
            continue;
        };
        for block in markdown::outline(&page).blocks {
            let text = &block.body.text;
            let json_text = if text.trim_start().starts_with(['{', '[']) {
                Some(text.as_str())
            } else {
                let message = http::parse(text, Expected::Either);
                match (&message.body, message.body_is_json(text)) {
                    (Some(body), true) => Some(&text[body.clone()]),
                    _ => None,
                }
            };
            let Some(json_text) = json_text else {
                continue;
            };
            texts += 1;
            let reference = json::is_valid(json_text);
            let ours = json::parse(json_text, Allow::default());
            valid += usize::from(reference);
            let too_deep = ours.as_ref().is_err_and(|e| e.too_deep);
            if reference != ours.is_ok() && !too_deep {
                disagreements += 1;
                println!(
                    "{}: disagreement (serde_json valid: {reference})",
                    path.display()
                );
            }
        }
    }
    println!(
        "{texts} JSON texts in {} files, {valid} valid, {disagreements} disagreements",
        files.len()
    );
    std::process::exit(i32::from(disagreements > 0));
}
