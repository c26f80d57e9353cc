//! Adopting apiproof on an existing tree: baselines, `--changed-since`, and the
//! `[check]` and `[output]` sections of apiproof.toml.

mod common;

use std::process::Command;

use common::{apiproof, check_json, points, tree};

const BROKEN: &str = "<!-- { \"blockType\": \"resource\" } -->\n```json\n{ \"id\": \"1\", }\n```\n";
const OTHER: &str = "<!-- { \"blockType\": \"resource\" } -->\n```json\n{ 'id': \"2\" }\n```\n";

#[test]
fn a_baseline_hides_old_findings_even_when_lines_move() {
    let dir = tree(&[("a.md", format!("# A\n\n{BROKEN}").as_bytes())]);
    let written = apiproof(
        dir.path(),
        &["check", "--write-baseline", "baseline.json", "a.md"],
    );
    assert_eq!(written.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&written.stderr).contains("recorded 1 finding in"));

    // Lines are added above the old finding, and a new finding appears below.
    let moved = format!("# A\n\nNew text.\n\nMore text.\n\n{BROKEN}\n{OTHER}");
    std::fs::write(dir.path().join("a.md"), moved).unwrap();
    let (code, report) = check_json(dir.path(), &["--baseline", "baseline.json", "a.md"]);
    assert_eq!(code, 1);
    assert_eq!(points(&report), ["json-syntax@14:3"]);

    // Without the baseline both are reported.
    assert_eq!(points(&check_json(dir.path(), &["a.md"]).1).len(), 2);

    let broken = apiproof(dir.path(), &["check", "--baseline", "missing.json", "a.md"]);
    assert_eq!(broken.status.code(), Some(2));
}

fn git(dir: &std::path::Path, args: &[&str]) {
    let status = Command::new("git")
        .current_dir(dir)
        .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
        .args(args)
        .output()
        .expect("git runs");
    assert!(
        status.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&status.stderr)
    );
}

#[test]
fn changed_since_reports_only_changed_pages() {
    let dir = tree(&[
        ("docs/old.md", BROKEN.as_bytes()),
        ("docs/same.md", BROKEN.as_bytes()),
    ]);
    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "-q", "-m", "start"]);
    std::fs::write(
        dir.path().join("docs/old.md"),
        format!("# Changed\n\n{BROKEN}"),
    )
    .unwrap();
    std::fs::write(dir.path().join("docs/new.md"), OTHER).unwrap();
    let (code, report) = check_json(dir.path(), &["--changed-since", "HEAD", "docs"]);
    assert_eq!(code, 1);
    let paths: Vec<&str> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["docs/new.md", "docs/old.md"]);

    let bad_ref = apiproof(
        dir.path(),
        &["check", "--changed-since", "no-such-ref", "docs"],
    );
    assert_eq!(bad_ref.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad_ref.stderr).contains("no-such-ref"));
}

#[test]
fn changed_since_outside_a_repository_is_a_clear_error() {
    let dir = tree(&[("a.md", BROKEN.as_bytes())]);
    let output = apiproof(dir.path(), &["check", "--changed-since", "HEAD", "a.md"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("needs a git repository"), "{stderr}");
}

#[test]
fn check_and_output_sections_set_what_flags_would() {
    let page = "<!-- { \"blockType\": \"ignored\" } -->\n```json\n{ \"a\": 1, }\n```\n";
    let dir = tree(&[
        ("a.md", page.as_bytes()),
        (
            "apiproof.toml",
            b"[check]\ncheck-ignored = true\n\n[output]\nformat = \"json\"\n",
        ),
    ]);
    let output = apiproof(dir.path(), &["check", "a.md"]);
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON output");
    assert_eq!(points(&report), ["json-syntax@3:9"]);

    // A flag on the command line wins over the file.
    let output = apiproof(dir.path(), &["check", "--format", "human", "a.md"]);
    assert!(String::from_utf8_lossy(&output.stdout).contains("trailing comma"));

    std::fs::write(
        dir.path().join("apiproof.toml"),
        "[output]\nformat = \"yaml\"\n",
    )
    .unwrap();
    let output = apiproof(dir.path(), &["check", "a.md"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("unknown `yaml`"));
}

#[test]
fn a_ref_that_looks_like_an_option_is_refused() {
    let dir = tree(&[("a.md", BROKEN.as_bytes())]);
    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "-q", "-m", "start"]);
    let output = apiproof(
        dir.path(),
        &["check", "--changed-since=--output=out.txt", "."],
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(!dir.path().join("out.txt").exists());
}
