//! The command line: exit codes, the JSON report's shape, walking and excludes.

mod common;

use common::{apiproof, check_json, points, tree};

const CLEAN: &[u8] =
    b"# Page\n\n<!-- { \"blockType\": \"resource\" } -->\n```json\n{ \"id\": \"1\" }\n```\n";
const BROKEN: &[u8] =
    b"# Page\n\n<!-- { \"blockType\": \"resource\" } -->\n```json\n{ \"id\": \"1\", }\n```\n";
const WARNING: &[u8] = b"<!-- { \"blockType\": \"response\" } -->\n```http\nHTTP/1.1 201 OK\n```\n";

#[test]
fn json_report_has_the_documented_shape() {
    let dir = tree(&[("docs/a.md", BROKEN), ("docs/b.md", CLEAN)]);
    let (code, report) = check_json(dir.path(), &["docs"]);
    assert_eq!(code, 1);
    assert_eq!(report["version"], 1);
    assert_eq!(
        report["summary"],
        serde_json::json!({"files": 2, "blocks": 2, "errors": 1, "warnings": 0, "infos": 0})
    );
    let diagnostic = &report["diagnostics"][0];
    assert_eq!(diagnostic["rule"], "json-syntax");
    assert_eq!(diagnostic["severity"], "error");
    assert_eq!(diagnostic["path"], "docs/a.md");
    assert_eq!(
        (diagnostic["line"].as_u64(), diagnostic["column"].as_u64()),
        (Some(5), Some(12))
    );
    assert_eq!(
        (
            diagnostic["end_line"].as_u64(),
            diagnostic["end_column"].as_u64()
        ),
        (Some(5), Some(13))
    );
    assert_eq!(diagnostic["message"], "trailing comma");
    assert!(diagnostic["help"].as_str().unwrap().contains("delete it"));
}

#[test]
fn diagnostics_are_sorted_by_path_line_and_column() {
    let dir = tree(&[("b.md", BROKEN), ("a.md", WARNING), ("c/a.md", BROKEN)]);
    let (_, report) = check_json(dir.path(), &["."]);
    let paths: Vec<&str> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["path"].as_str().unwrap())
        .collect();
    // a.md: a wrong reason phrase, and a response that answers no request.
    assert_eq!(paths, ["./a.md", "./a.md", "./b.md", "./c/a.md"]);
}

#[test]
fn exit_codes() {
    let dir = tree(&[
        ("clean.md", CLEAN),
        ("warn.md", WARNING),
        ("bad.md", BROKEN),
    ]);
    let code = |args: &[&str]| check_json(dir.path(), args).0;
    assert_eq!(code(&["clean.md"]), 0);
    assert_eq!(code(&["warn.md"]), 0);
    assert_eq!(code(&["--deny-warnings", "warn.md"]), 1);
    assert_eq!(code(&["bad.md"]), 1);
    assert_eq!(code(&["bad.md", "missing.md"]), 2);
    let usage = apiproof(dir.path(), &["check", "--format", "yaml"]);
    assert_eq!(usage.status.code(), Some(2));
}

#[test]
fn unreadable_file_exits_2_and_the_rest_is_still_checked() {
    let dir = tree(&[("bad.md", BROKEN)]);
    std::os::unix::fs::symlink(
        dir.path().join("nowhere.md"),
        dir.path().join("dangling.md"),
    )
    .unwrap();
    let (code, report) = check_json(dir.path(), &["."]);
    assert_eq!(code, 2);
    assert_eq!(points(&report), ["json-syntax@5:12"]);
    let failures = report["failures"].as_array().unwrap();
    assert_eq!(failures.len(), 1);
    assert!(
        failures[0].as_str().unwrap().contains("dangling.md"),
        "{failures:?}"
    );
}

#[test]
fn walking_skips_hidden_folders_and_excludes_but_named_files_are_checked() {
    let dir = tree(&[
        ("docs/a.md", BROKEN),
        ("docs/.git/x.md", BROKEN),
        ("docs/drafts/b.md", BROKEN),
        ("docs/notes.txt", BROKEN),
    ]);
    let (_, report) = check_json(dir.path(), &["docs", "--exclude", "drafts"]);
    assert_eq!(report["summary"]["files"], 1);
    assert_eq!(report["diagnostics"][0]["path"], "docs/a.md");
    let (_, report) = check_json(
        dir.path(),
        &[
            "--exclude",
            "drafts",
            "docs/drafts/b.md",
            "--exclude",
            "*.md",
        ],
    );
    assert_eq!(report["summary"]["files"], 1);
    assert_eq!(report["diagnostics"][0]["path"], "docs/drafts/b.md");
}

#[test]
fn ignored_and_unannotated_blocks_only_when_asked() {
    let page = b"<!-- { \"blockType\": \"ignored\" } -->\n```json\n{,}\n```\n\n```json\n[1,]\n```\n\n```csharp\nvar x = new { a = 1, };\n```\n";
    let dir = tree(&[("a.md", page)]);
    assert_eq!(
        points(&check_json(dir.path(), &["a.md"]).1),
        Vec::<String>::new()
    );
    assert_eq!(
        points(&check_json(dir.path(), &["--check-ignored", "a.md"]).1),
        ["json-syntax@3:2"]
    );
    assert_eq!(
        points(&check_json(dir.path(), &["--check-unannotated", "a.md"]).1),
        ["json-syntax@7:3"]
    );
}

#[test]
fn json_allow_relaxes_strictness() {
    let page = b"<!-- { \"blockType\": \"resource\" } -->\n```json\n{\n  // a comment\n  \"a\": 1,\n}\n```\n";
    let dir = tree(&[("a.md", page)]);
    assert_eq!(
        points(&check_json(dir.path(), &["a.md"]).1),
        ["json-syntax@4:3"]
    );
    let (code, report) = check_json(
        dir.path(),
        &["--json-allow", "comments,trailing-commas", "a.md"],
    );
    assert_eq!((code, points(&report)), (0, vec![]));
}

#[test]
fn human_output_ends_with_the_summary() {
    let dir = tree(&[("a.md", BROKEN), ("b.md", CLEAN)]);
    let output = apiproof(dir.path(), &["check", "."]);
    let stdout = String::from_utf8(output.stdout).unwrap();
    let last = stdout.lines().last().unwrap();
    assert!(
        last.starts_with("1 error, 0 warnings in 2 files (2 examples) in "),
        "{last}"
    );
    assert!(stdout.contains("./a.md:5:12"), "{stdout}");
    assert!(!stdout.contains('\u{1b}'), "no colour when piped");
}

#[test]
fn rules_lists_every_rule() {
    let output = apiproof(std::path::Path::new("."), &["rules"]);
    let stdout = String::from_utf8(output.stdout).unwrap();
    for id in [
        "json-syntax",
        "content-length",
        "status-reason",
        "suspicious-character",
    ] {
        assert!(stdout.contains(id), "{id} missing from {stdout}");
    }
}

#[test]
fn usage_errors_for_a_missing_root_and_stdin_with_writes() {
    let dir = tree(&[("a.md", CLEAN)]);
    let output = apiproof(dir.path(), &["check", "--root", "nowhere", "a.md"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("not a folder"));
    for flag in ["--fix", "--diff"] {
        let output = apiproof(dir.path(), &["check", "--stdin-filename", "a.md", flag]);
        assert_eq!(output.status.code(), Some(2), "{flag}");
    }
}

#[test]
fn human_columns_count_characters_and_long_lines_are_not_drawn() {
    let wide =
        "<!-- { \"blockType\": \"resource\" } -->\n```json\n{ \"\u{1F600}\u{1F600}\": 1, }\n```\n";
    let long = format!(
        "<!-- {{ \"blockType\": \"resource\" }} -->\n```json\n{{ \"a\": \"{}\", }}\n```\n",
        "x".repeat(70_000)
    );
    let dir = tree(&[("wide.md", wide.as_bytes()), ("long.md", long.as_bytes())]);
    let output = apiproof(dir.path(), &["check", "wide.md", "long.md"]);
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.contains("wide.md:3:10"), "{stdout}");
    assert!(
        stdout.contains("long.md:3:70010: error[json-syntax]: trailing comma"),
        "{stdout}"
    );
}
