//! The command line beyond `check PATH`: `explain`, `--statistics` and
//! `--stdin-filename`.

mod common;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use common::{apiproof, tree};

const CLEAN: &[u8] =
    b"# Page\n\n<!-- { \"blockType\": \"resource\" } -->\n```json\n{ \"id\": \"1\" }\n```\n";
const BROKEN: &[u8] =
    b"# Page\n\n<!-- { \"blockType\": \"resource\" } -->\n```json\n{ \"id\": \"1\", }\n```\n";
const WARNING: &[u8] = b"<!-- { \"blockType\": \"response\" } -->\n```http\nHTTP/1.1 201 OK\n```\n";

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8 output")
}

/// Runs `apiproof` in `dir` with `input` on standard input.
fn apiproof_with_stdin(dir: &Path, args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_apiproof"))
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("apiproof starts");
    // A run that stops early (a usage error) closes its end: the write may fail then.
    let _ = child.stdin.take().expect("piped stdin").write_all(input);
    child.wait_with_output().expect("apiproof runs")
}

#[test]
fn explain_prints_the_rules_documentation_and_examples() {
    let dir = tree(&[]);
    let output = apiproof(dir.path(), &["explain", "content-length"]);
    assert_eq!(output.status.code(), Some(0));
    let shown = text(&output.stdout);
    assert!(
        shown.starts_with(
            "content-length (error)\n\nA Content-Length header does not match the body's length\n\n\
             A request sent with a wrong Content-Length is cut off or hangs."
        ),
        "{shown}"
    );
    assert!(shown.contains(
        "\nFailing:\n    POST /me/mailFolders\n    Content-Length: 3\n    \n    {\"a\": 1}\n"
    ));
    assert!(shown.ends_with(
        "\nPassing:\n    POST /me/mailFolders\n    Content-Length: 8\n    \n    {\"a\": 1}\n"
    ));
    assert!(output.stderr.is_empty());
}

#[test]
fn explain_says_when_a_rule_is_off_by_default() {
    let dir = tree(&[]);
    let shown = text(&apiproof(dir.path(), &["explain", "orphan-page"]).stdout);
    assert!(shown.contains("\nOff by default"), "{shown}");
    let shown = text(&apiproof(dir.path(), &["explain", "json-syntax"]).stdout);
    assert!(!shown.contains("Off by default"), "{shown}");
}

#[test]
fn explain_of_an_unknown_rule_exits_2_with_a_suggestion() {
    let dir = tree(&[]);
    let output = apiproof(dir.path(), &["explain", "json-sintax"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    assert_eq!(
        text(&output.stderr),
        "apiproof: unknown rule `json-sintax`; did you mean `json-syntax`?\n"
    );
    let output = apiproof(dir.path(), &["explain", "frobnicate"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        text(&output.stderr),
        "apiproof: unknown rule `frobnicate`; `apiproof rules` lists them\n"
    );
}

#[test]
fn statistics_count_findings_by_rule_most_first_then_by_id() {
    let dir = tree(&[
        ("a.md", BROKEN),
        ("b.md", BROKEN),
        ("c.md", WARNING),
        ("d.md", CLEAN),
    ]);
    let output = apiproof(
        dir.path(),
        &["check", "--statistics", "--color", "never", "."],
    );
    assert_eq!(output.status.code(), Some(1));
    let shown = text(&output.stdout);
    let statistics = "\n     2  json-syntax\n     1  status-reason\n     1  unpaired-response\n";
    assert!(shown.ends_with(statistics), "{shown}");
    let summary = shown.lines().rev().nth(3).unwrap();
    assert!(
        summary.starts_with("2 errors, 2 warnings in 4 files"),
        "{summary}"
    );
}

#[test]
fn statistics_keep_machine_output_parseable() {
    let dir = tree(&[("a.md", BROKEN)]);
    for format in ["json", "sarif"] {
        let output = apiproof(
            dir.path(),
            &["check", "--statistics", "--format", format, "a.md"],
        );
        let stdout = text(&output.stdout);
        serde_json::from_str::<serde_json::Value>(&stdout)
            .unwrap_or_else(|e| panic!("{format} stays one document ({e}): {stdout}"));
        assert_eq!(text(&output.stderr), "     1  json-syntax\n");
    }
    let output = apiproof(
        dir.path(),
        &["check", "--statistics", "--format", "github", "a.md"],
    );
    assert!(text(&output.stdout).ends_with(" ms\n     1  json-syntax\n"));
}

#[test]
fn statistics_of_a_clean_run_are_empty() {
    let dir = tree(&[("a.md", CLEAN)]);
    let output = apiproof(
        dir.path(),
        &["check", "--statistics", "--format", "json", "a.md"],
    );
    assert_eq!(output.status.code(), Some(0));
    assert!(output.stderr.is_empty());
}

#[test]
fn stdin_filename_checks_standard_input_as_that_page() {
    // The file on disk is clean; what is checked is the text on standard input.
    let dir = tree(&[("docs/page.md", CLEAN), ("docs/other.md", BROKEN)]);
    let output = apiproof_with_stdin(
        dir.path(),
        &[
            "check",
            "--format",
            "json",
            "--stdin-filename",
            "docs/page.md",
        ],
        BROKEN,
    );
    assert_eq!(output.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["summary"]["files"], 1);
    let diagnostics = report["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), 1, "{report}");
    assert_eq!(diagnostics[0]["path"], "docs/page.md");
    assert_eq!(diagnostics[0]["rule"], "json-syntax");
    assert_eq!(
        (&diagnostics[0]["line"], &diagnostics[0]["column"]),
        (&5.into(), &12.into())
    );
}

#[test]
fn stdin_filename_need_not_exist_and_a_clean_page_exits_0() {
    let dir = tree(&[]);
    let output = apiproof_with_stdin(
        dir.path(),
        &[
            "check",
            "--stdin-filename",
            "new/unsaved.md",
            "--color",
            "never",
        ],
        CLEAN,
    );
    assert_eq!(output.status.code(), Some(0));
    assert!(text(&output.stdout).starts_with("0 errors, 0 warnings in 1 file (1 example)"));

    let output = apiproof_with_stdin(
        dir.path(),
        &[
            "check",
            "--stdin-filename",
            "new/unsaved.md",
            "--format",
            "github",
        ],
        BROKEN,
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(text(&output.stdout).contains("\nnew/unsaved.md:5:12: error[json-syntax]: "));
}

#[test]
fn stdin_filename_applies_configuration_and_suppressions() {
    let config = b"[rules]\njson-syntax = \"warning\"\n";
    let dir = tree(&[("docs/apiproof.toml", config)]);
    let output = apiproof_with_stdin(
        dir.path(),
        &["check", "--format", "json", "--stdin-filename", "docs/a.md"],
        BROKEN,
    );
    assert_eq!(output.status.code(), Some(0));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["diagnostics"][0]["severity"], "warning");

    let mut suppressed = b"<!-- apiproof-disable json-syntax -->\n\n".to_vec();
    suppressed.extend_from_slice(BROKEN);
    let output = apiproof_with_stdin(
        tree(&[]).path(),
        &["check", "--format", "json", "--stdin-filename", "a.md"],
        &suppressed,
    );
    assert_eq!(output.status.code(), Some(0));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["diagnostics"], serde_json::json!([]), "{report}");
}

#[test]
fn stdin_filename_does_not_call_suppressions_of_tree_rules_unused() {
    let page = b"<!-- apiproof-disable unknown-property -->\n\n# Page\n";
    let output = apiproof_with_stdin(
        tree(&[]).path(),
        &["check", "--format", "json", "--stdin-filename", "a.md"],
        page,
    );
    assert_eq!(output.status.code(), Some(0));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["diagnostics"], serde_json::json!([]), "{report}");
}

#[test]
fn stdin_filename_with_a_path_is_a_usage_error() {
    let dir = tree(&[("a.md", CLEAN)]);
    let output = apiproof_with_stdin(
        dir.path(),
        &["check", "--stdin-filename", "b.md", "a.md"],
        CLEAN,
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("--stdin-filename"));
}
