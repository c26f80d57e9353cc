//! Bad input gets a clear diagnostic or error, never a panic or a hang.

mod common;

use common::{apiproof, check_json, points, tree};

const BROKEN_BLOCK: &str =
    "<!-- { \"blockType\": \"resource\" } -->\n```json\n{ \"id\": \"1\", }\n```\n";

#[test]
fn invalid_utf8_is_reported_where_it_is_and_the_rest_is_checked() {
    let mut page = b"# Title\ncaf\xe9 au lait\n\n".to_vec();
    page.extend_from_slice(BROKEN_BLOCK.as_bytes());
    let dir = tree(&[("a.md", &page)]);
    let (code, report) = check_json(dir.path(), &["a.md"]);
    assert_eq!(code, 1);
    assert_eq!(points(&report), ["encoding@2:4", "json-syntax@6:12"]);
}

#[test]
fn a_binary_file_gets_one_diagnostic() {
    let dir = tree(&[("image.md", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\xff\xfe")]);
    let (code, report) = check_json(dir.path(), &["."]);
    assert_eq!(code, 1);
    assert_eq!(points(&report), ["encoding@1:1"]);
}

#[test]
fn an_empty_file_is_clean() {
    let dir = tree(&[("empty.md", b"")]);
    let (code, report) = check_json(dir.path(), &["empty.md"]);
    assert_eq!((code, points(&report)), (0, vec![]));
    assert_eq!(report["summary"]["files"], 1);
}

#[test]
fn a_50_mb_page_is_checked_normally() {
    let clean = "<!-- { \"blockType\": \"resource\" } -->\n```json\n{ \"id\": \"1\", \"n\": [1, 2, 3] }\n```\n\nSome prose between the examples.\n\n";
    let repeats = 50 * 1024 * 1024 / clean.len() + 1;
    let mut page = clean.repeat(repeats);
    let line = page.matches('\n').count() + 3;
    page.push_str(BROKEN_BLOCK);
    let dir = tree(&[("big.md", page.as_bytes())]);
    let (code, report) = check_json(dir.path(), &["big.md"]);
    assert_eq!(code, 1);
    assert_eq!(points(&report), [format!("json-syntax@{line}:12")]);
    assert_eq!(
        report["summary"]["blocks"].as_u64(),
        Some(repeats as u64 + 1)
    );
}

#[test]
fn json_nested_10000_deep_is_a_diagnostic() {
    let body = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    let page = format!("<!-- {{ \"blockType\": \"resource\" }} -->\n```json\n{body}\n```\n");
    let dir = tree(&[("deep.md", page.as_bytes())]);
    let (code, report) = check_json(dir.path(), &["deep.md"]);
    assert_eq!(code, 1);
    assert_eq!(points(&report), ["json-syntax@3:128"]);
    assert!(report["diagnostics"][0]["message"]
        .as_str()
        .unwrap()
        .contains("nested"));
}

#[test]
fn metadata_nested_10000_deep_is_a_diagnostic() {
    let page = format!(
        "<!-- {{ \"a\": {} -->\n```json\n{{}}\n```\n",
        "[".repeat(10_000)
    );
    let dir = tree(&[("deep.md", page.as_bytes())]);
    let (_, report) = check_json(dir.path(), &["deep.md"]);
    assert_eq!(points(&report), ["annotation-syntax@1:139"]);
}

#[test]
fn unclosed_fence_and_comment_are_warnings() {
    let dir = tree(&[
        (
            "fence.md",
            b"# A\n\n<!-- { \"blockType\": \"resource\" } -->\n```json\n{ \"a\": 1,\n",
        ),
        (
            "comment.md",
            b"# A\n\n<!-- { \"blockType\": \"resource\" }\n```json\n{}\n```\n",
        ),
    ]);
    let (code, report) = check_json(dir.path(), &["."]);
    assert_eq!(code, 0);
    assert_eq!(
        points(&report),
        ["unclosed-comment@3:1", "unclosed-fence@4:1"]
    );
    assert_eq!(report["summary"]["warnings"], 2);
}

#[test]
fn malformed_annotations_are_located_inside_the_comment() {
    let page = b"<!-- {\n  \"blockType\": \"response\"\n  \"truncated\": true\n} -->\n```http\nHTTP/1.1 200 OK\n\n{ \"a\": 1, }\n```\n";
    // Checked as a response although its metadata is broken: it answers no request.
    let dir = tree(&[("a.md", page)]);
    let (_, report) = check_json(dir.path(), &["a.md"]);
    // The broken metadata is reported, and the block is still checked as a response.
    assert_eq!(
        points(&report),
        [
            "annotation-syntax@2:26",
            "unpaired-response@5:1",
            "json-syntax@8:9"
        ]
    );
}

#[test]
fn a_symlink_loop_does_not_hang_the_walk() {
    let dir = tree(&[("docs/a.md", BROKEN_BLOCK.as_bytes())]);
    std::os::unix::fs::symlink(dir.path().join("docs"), dir.path().join("docs/loop")).unwrap();
    let output = apiproof(dir.path(), &["check", "--format", "json", "docs"]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("symlink loops back"), "{stderr}");
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["summary"]["files"], 1);
}

#[test]
fn crlf_bom_and_tabs_map_to_exact_columns() {
    let page = "\u{feff}<!-- { \"blockType\": \"resource\" } -->\r\n```json\r\n{\r\n\t\"a\": 1,\r\n}\r\n```\r\n";
    let dir = tree(&[("a.md", page.as_bytes())]);
    let (_, report) = check_json(dir.path(), &["a.md"]);
    assert_eq!(points(&report), ["json-syntax@4:8"]);
}

#[test]
fn blocks_in_lists_and_quotes_map_to_exact_columns() {
    let page = "1. Step\n\n   <!-- { \"blockType\": \"resource\" } -->\n   ```json\n   {\n     \"a\": 1,\n   }\n   ```\n\n> <!-- { \"blockType\": \"resource\" } -->\n> ```json\n> [1 2]\n> ```\n";
    let dir = tree(&[("a.md", page.as_bytes())]);
    let (_, report) = check_json(dir.path(), &["a.md"]);
    assert_eq!(points(&report), ["json-syntax@6:12", "json-syntax@12:5"]);
}
