//! `check --fix` and `check --diff`: repairs land exactly where the defects are,
//! pages keep their BOM and line endings, writes leave nothing behind, and a
//! second run changes nothing.

mod common;

use std::fs;
use std::path::Path;

use common::{apiproof, check_json, fixtures, tree};
use proptest::prelude::*;

const SEED: &str = "privilegedroleassignmentrequest-cancel.md";

/// The names in a folder, sorted.
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("folder lists")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn line(text: &str, number: usize) -> &str {
    text.lines().nth(number - 1).expect("line exists")
}

fn rules(report: &serde_json::Value) -> Vec<String> {
    report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| format!("{}@{}", d["rule"].as_str().expect("rule"), d["line"]))
        .collect()
}

#[test]
fn seed_page_mojibake_comma_and_content_length_are_fixed() {
    let seed = fs::read(fixtures().join("cases").join(SEED)).expect("seed page");
    let dir = tree(&[(SEED, &seed)]);
    let (_, before) = check_json(dir.path(), &[SEED]);
    assert!(rules(&before).contains(&"json-syntax@90".to_string()));
    assert!(rules(&before).contains(&"content-length@70".to_string()));

    let output = apiproof(dir.path(), &["check", "--fix", SEED]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("fixed 3 problems in 1 file"), "{stderr}");

    let fixed = fs::read_to_string(dir.path().join(SEED)).expect("fixed page");
    assert_eq!(line(&fixed, 90), "    \"userId\": \"Self\",");
    // The diagnostic on the page as written says 707: the body with the six bytes
    // of `ï¼Œ`. Once they are one comma, the body is 702 bytes long.
    assert_eq!(line(&fixed, 70), "Content-length: 702");
    let (_, after) = check_json(dir.path(), &[SEED]);
    let remaining = rules(&after);
    assert!(
        !remaining.iter().any(|r| r.starts_with("json-syntax")),
        "{remaining:?}"
    );
    assert!(
        !remaining.iter().any(|r| r.starts_with("content-length")),
        "{remaining:?}"
    );
    assert_eq!(listing(dir.path()), vec![SEED.to_string()]);
}

#[test]
fn bom_and_crlf_are_kept_outside_the_repairs() {
    let clean = "\u{feff}# Page\r\n\r\n<!-- { \"blockType\": \"resource\" } -->\r\n```json\r\n\
                 {\r\n  \"id\": \"1\",\r\n  \"name\": \"x\"\r\n}\r\n```\r\n";
    let broken = clean
        .replace("\"1\",", "\"1\"\u{ff0c}")
        .replace("\"x\"\r\n", "\"x\",\r\n");
    let dir = tree(&[("a.md", broken.as_bytes())]);
    let output = apiproof(dir.path(), &["check", "--fix", "a.md"]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert_eq!(
        fs::read(dir.path().join("a.md")).expect("page"),
        clean.as_bytes()
    );
}

#[test]
fn diff_prints_the_repair_and_writes_nothing() {
    let page =
        "# Page\n\n<!-- { \"blockType\": \"resource\" } -->\n```json\n{\n  \"a\": 1,\n}\n```\n";
    let dir = tree(&[("docs/a.md", page.as_bytes())]);
    let output = apiproof(dir.path(), &["check", "--diff", "docs"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        concat!(
            "--- a/docs/a.md\n",
            "+++ b/docs/a.md\n",
            "@@ -3,6 +3,6 @@\n",
            " <!-- { \"blockType\": \"resource\" } -->\n",
            " ```json\n",
            " {\n",
            "-  \"a\": 1,\n",
            "+  \"a\": 1\n",
            " }\n",
            " ```\n",
        )
    );
    assert!(String::from_utf8_lossy(&output.stderr).contains("would fix 1 problem in 1 file"));
    assert_eq!(
        fs::read_to_string(dir.path().join("docs/a.md")).expect("page"),
        page
    );

    fs::write(dir.path().join("docs/a.md"), page.replace("1,", "1")).expect("write");
    let output = apiproof(dir.path(), &["check", "--diff", "docs"]);
    assert_eq!(output.status.code(), Some(0));
    assert!(output.stdout.is_empty());
}

#[test]
fn a_second_fix_changes_nothing() {
    let seed = fs::read(fixtures().join("cases").join(SEED)).expect("seed page");
    let dir = tree(&[(SEED, &seed)]);
    apiproof(dir.path(), &["check", "--fix", "."]);
    let once = fs::read(dir.path().join(SEED)).expect("page");
    assert_ne!(once, seed);
    let output = apiproof(dir.path(), &["check", "--fix", "."]);
    assert!(String::from_utf8_lossy(&output.stderr).contains("fixed 0 problems in 0 files"));
    assert_eq!(fs::read(dir.path().join(SEED)).expect("page"), once);
}

#[test]
fn what_remains_sets_the_exit_code() {
    let page = "<!-- { \"blockType\": \"resource\" } -->\n```json\n{ \"a\": 1, }\n```\n\n\
                <!-- { \"blockType\": \"resource\" } -->\n```json\n{ \"a\": [1 }\n```\n";
    let dir = tree(&[("a.md", page.as_bytes())]);
    let output = apiproof(dir.path(), &["check", "--fix", "--format", "json", "a.md"]);
    assert_eq!(output.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON report");
    assert_eq!(rules(&report), vec!["json-syntax@8".to_string()]);
    let fixed = fs::read_to_string(dir.path().join("a.md")).expect("page");
    assert!(fixed.contains("{ \"a\": 1 }"));
}

#[test]
fn a_defect_found_after_a_repair_is_fixed_in_the_next_round() {
    let page = "<!-- { \"blockType\": \"resource\" } -->\n```json\n\
                {\n  \"a\": [1, 2,],\n  \"b\": {\"c\": 3,},\n}\n```\n";
    let dir = tree(&[("a.md", page.as_bytes())]);
    let output = apiproof(dir.path(), &["check", "--fix", "a.md"]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert!(String::from_utf8_lossy(&output.stderr).contains("fixed 3 problems in 1 file"));
    assert_eq!(
        fs::read_to_string(dir.path().join("a.md")).expect("page"),
        page.replace(",]", "]")
            .replace(",}", "}")
            .replace("},\n}", "}\n}")
    );
}

#[test]
fn content_length_waits_for_a_body_that_parses() {
    let page = "<!-- { \"blockType\": \"request\" } -->\n```http\nPOST https://example.com/a\n\
                Content-Type: application/json\nContent-Length: 1\n\n{ \"a\": [1 }\n```\n";
    let dir = tree(&[("a.md", page.as_bytes())]);
    let output = apiproof(dir.path(), &["check", "--fix", "a.md"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        fs::read_to_string(dir.path().join("a.md")).expect("page"),
        page
    );
}

#[test]
fn a_page_named_twice_is_fixed_once() {
    let page = "<!-- { \"blockType\": \"resource\" } -->\n```json\n{ \"a\": 1, }\n```\n";
    let dir = tree(&[("a.md", page.as_bytes())]);
    let output = apiproof(dir.path(), &["check", "--fix", "a.md", "./a.md"]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert!(String::from_utf8_lossy(&output.stderr).contains("fixed 1 problem in 1 file"));
    assert_eq!(
        fs::read_to_string(dir.path().join("a.md")).expect("page"),
        page.replace("1, }", "1 }")
    );
}

#[test]
fn pages_with_invalid_utf8_are_not_written() {
    let page =
        b"# Caf\xe9\n\n<!-- { \"blockType\": \"resource\" } -->\n```json\n{ \"a\": 1, }\n```\n";
    let dir = tree(&[("a.md", page)]);
    let output = apiproof(dir.path(), &["check", "--fix", "a.md"]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("a.md: not fixed: the file holds invalid UTF-8"),
        "{stderr}"
    );
    assert_eq!(fs::read(dir.path().join("a.md")).expect("page"), page);
}

#[test]
fn binary_pages_are_not_written() {
    let page = b"<!-- { \"blockType\": \"resource\" } -->\n```json\n{ \"a\": 1, }\n```\n\0\x89";
    let dir = tree(&[("a.md", page)]);
    let output = apiproof(dir.path(), &["check", "--fix", "a.md"]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("a.md: not fixed: binary file"), "{stderr}");
    assert_eq!(fs::read(dir.path().join("a.md")).expect("page"), page);
}

#[cfg(unix)]
#[test]
fn permissions_are_kept() {
    use std::os::unix::fs::PermissionsExt;
    let page = b"<!-- { \"blockType\": \"resource\" } -->\n```json\n{ \"a\": 1, }\n```\n";
    let dir = tree(&[("a.md", page)]);
    let path = dir.path().join("a.md");
    fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).expect("chmod");
    let output = apiproof(dir.path(), &["check", "--fix", "a.md"]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let mode = fs::metadata(&path).expect("metadata").permissions().mode();
    assert_eq!(mode & 0o777, 0o640);
    assert_eq!(listing(dir.path()), vec!["a.md".to_string()]);
}

// Property: clean pages, broken by defects that each have one right answer, come
// back byte for byte.

/// A body's lines, and its length as a reader copies it (LF, no final newline).
fn body(members: &[(&str, &str)]) -> (Vec<String>, usize) {
    let mut lines = vec!["{".to_string()];
    for (i, (key, value)) in members.iter().enumerate() {
        let comma = if i + 1 < members.len() { "," } else { "" };
        lines.push(format!("  \"{key}\": {value}{comma}"));
    }
    lines.push("}".to_string());
    let length = lines.join("\n").len();
    (lines, length)
}

/// A clean page: a request and its response, each with a Content-Length, and the
/// resource, either at the top level or inside a numbered list.
fn clean_page(in_list: bool, crlf: bool, bom: bool) -> String {
    let members = [
        ("displayName", "\"Label printer\""),
        ("isShared", "false"),
        ("size", "3"),
    ];
    let (request_body, request_length) = body(&members);
    let mut response_members = vec![("id", "\"t-7\"")];
    response_members.extend_from_slice(&members);
    let (response_body, response_length) = body(&response_members);
    let (resource_body, _) = body(&[
        ("id", "\"String (identifier)\""),
        ("displayName", "\"String\""),
        ("isShared", "true"),
        ("size", "1"),
    ]);

    let mut request = vec![
        "<!-- { \"blockType\": \"request\", \"name\": \"create_exampletool\" } -->".to_string(),
        "```http".into(),
        "POST https://graph.microsoft.com/v1.0/me/exampleTools".into(),
        "Content-type: application/json".into(),
        format!("Content-Length: {request_length}"),
        String::new(),
    ];
    request.extend(request_body);
    request.push("```".into());
    let mut response = vec![
        "<!-- {".to_string(),
        "  \"blockType\": \"response\",".into(),
        "  \"@odata.type\": \"microsoft.graph.exampleTool\"".into(),
        "} -->".into(),
        "```http".into(),
        "HTTP/1.1 201 Created".into(),
        "Content-type: application/json".into(),
        format!("Content-Length: {response_length}"),
        String::new(),
    ];
    response.extend(response_body);
    response.push("```".into());

    let indent = |block: Vec<String>| -> Vec<String> {
        if !in_list {
            return block;
        }
        block
            .into_iter()
            .map(|l| if l.is_empty() { l } else { format!("   {l}") })
            .collect()
    };
    let mut lines = vec!["# Create an exampleTool".to_string(), String::new()];
    lines.push(
        if in_list {
            "1. Create the tool."
        } else {
            "## Request"
        }
        .into(),
    );
    lines.push(String::new());
    lines.extend(indent(request));
    lines.push(String::new());
    lines.push(
        if in_list {
            "2. The service answers."
        } else {
            "## Response"
        }
        .into(),
    );
    lines.push(String::new());
    lines.extend(indent(response));
    lines.push(String::new());
    lines.push("## Properties".into());
    lines.push(String::new());
    lines.push(
        "<!-- { \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.exampleTool\" } -->"
            .into(),
    );
    lines.push("```json".into());
    lines.extend(resource_body);
    lines.push("```".into());
    lines.push(String::new());

    let ending = if crlf { "\r\n" } else { "\n" };
    let text = lines.join(ending);
    if bom {
        format!("\u{feff}{text}")
    } else {
        text
    }
}

/// A defect to put into a clean page, at a place found in it.
#[derive(Debug, Clone)]
enum Defect {
    /// A comma after the last member of an object.
    TrailingComma,
    /// U+FF0C in place of the comma between two members.
    FullWidthComma,
    /// U+FF0C saved as UTF-8 and read back as Windows-1252: `ï¼Œ`.
    MojibakeComma,
    /// `“` and `”` around a key.
    SmartQuotes,
    /// A Content-Length smaller than the body.
    WrongLength(usize),
}

/// Where each kind of defect can go: byte ranges of the clean page to replace,
/// inside fenced blocks only.
struct Sites {
    /// Ends of lines holding the last member of an object.
    last_members: Vec<usize>,
    /// Commas ending a member line.
    separators: Vec<usize>,
    /// Keys with their quotes.
    keys: Vec<std::ops::Range<usize>>,
    /// Content-Length values.
    lengths: Vec<std::ops::Range<usize>>,
}

fn sites(page: &str) -> Sites {
    let mut found = Sites {
        last_members: Vec::new(),
        separators: Vec::new(),
        keys: Vec::new(),
        lengths: Vec::new(),
    };
    let mut in_fence = false;
    let mut offset = 0;
    let lines: Vec<&str> = page.split_inclusive('\n').collect();
    for (i, raw) in lines.iter().enumerate() {
        let content = raw.trim_end_matches(['\n', '\r']);
        let trimmed = content.trim_start_matches([' ', '\u{feff}']);
        let start = offset + (content.len() - trimmed.len());
        let end = offset + content.len();
        if trimmed.starts_with("```") {
            in_fence = !in_fence;
        } else if in_fence {
            let next = lines.get(i + 1).map_or("", |l| l.trim());
            if trimmed.ends_with(',') {
                found.separators.push(end - 1);
            } else if trimmed.starts_with('"') && next == "}" {
                found.last_members.push(end);
            }
            if let Some(close) = trimmed.strip_prefix('"').and_then(|r| r.find("\":")) {
                found.keys.push(start..start + close + 2);
            }
            if let Some(value) = trimmed.strip_prefix("Content-Length: ") {
                found.lengths.push(end - value.len()..end);
            }
        }
        offset += raw.len();
    }
    found
}

/// The page with `defects` (kind, which site of that kind) put in, or `None`
/// when two defects would land on the same place.
fn inject(page: &str, defects: &[(Defect, usize)]) -> Option<String> {
    let found = sites(page);
    let mut edits: Vec<(std::ops::Range<usize>, String)> = Vec::new();
    for (defect, pick) in defects {
        let choose = |n: usize| pick % n;
        let edit = match defect {
            Defect::TrailingComma => {
                let at = found.last_members[choose(found.last_members.len())];
                (at..at, ",".to_string())
            }
            Defect::FullWidthComma | Defect::MojibakeComma => {
                let at = found.separators[choose(found.separators.len())];
                let comma = if matches!(defect, Defect::FullWidthComma) {
                    "\u{ff0c}"
                } else {
                    "ï¼Œ"
                };
                (at..at + 1, comma.to_string())
            }
            Defect::SmartQuotes => {
                let key = found.keys[choose(found.keys.len())].clone();
                let name = &page[key.start + 1..key.end - 1];
                (key, format!("\u{201c}{name}\u{201d}"))
            }
            Defect::WrongLength(seed) => {
                let span = found.lengths[choose(found.lengths.len())].clone();
                let right: usize = page[span.clone()].parse().ok()?;
                (span, (seed % right).to_string())
            }
        };
        let clash = edits
            .iter()
            .any(|(r, _)| r.start <= edit.0.end && edit.0.start <= r.end);
        if clash {
            return None;
        }
        edits.push(edit);
    }
    edits.sort_by_key(|(r, _)| r.start);
    let mut broken = page.to_string();
    for (range, text) in edits.into_iter().rev() {
        broken.replace_range(range, &text);
    }
    Some(broken)
}

fn defect() -> impl Strategy<Value = (Defect, usize)> {
    let kind = prop_oneof![
        Just(Defect::TrailingComma),
        Just(Defect::FullWidthComma),
        Just(Defect::MojibakeComma),
        Just(Defect::SmartQuotes),
        any::<usize>().prop_map(Defect::WrongLength),
    ];
    (kind, any::<usize>())
}

#[test]
fn the_clean_pages_are_clean() {
    for in_list in [false, true] {
        for (crlf, bom) in [(false, false), (true, false), (false, true), (true, true)] {
            let page = clean_page(in_list, crlf, bom);
            let dir = tree(&[("a.md", page.as_bytes())]);
            let (code, report) = check_json(dir.path(), &["--deny-warnings", "a.md"]);
            assert_eq!((code, rules(&report)), (0, Vec::new()), "{page}");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    #[test]
    fn fix_restores_the_clean_page(
        in_list in any::<bool>(),
        crlf in any::<bool>(),
        bom in any::<bool>(),
        defects in prop::collection::vec(defect(), 1..4),
    ) {
        let clean = clean_page(in_list, crlf, bom);
        let broken = inject(&clean, &defects);
        prop_assume!(broken.is_some());
        let broken = broken.unwrap_or_default();
        let dir = tree(&[("a.md", broken.as_bytes())]);
        let output = apiproof(dir.path(), &["check", "--fix", "a.md"]);
        let fixed = fs::read(dir.path().join("a.md")).expect("page");
        prop_assert_eq!(
            String::from_utf8_lossy(&fixed),
            clean.as_str(),
            "stdout: {}",
            String::from_utf8_lossy(&output.stdout)
        );
        prop_assert_eq!(output.status.code(), Some(0));
        prop_assert_eq!(listing(dir.path()), vec!["a.md".to_string()]);
    }
}

#[cfg(unix)]
#[test]
fn symlinks_are_kept_and_read_only_pages_left_alone() {
    use std::os::unix::fs::PermissionsExt;
    let page = b"<!-- { \"blockType\": \"resource\" } -->\n```json\n{ \"a\": 1, }\n```\n";
    let dir = tree(&[("real/a.md", page), ("real/b.md", page)]);
    fs::create_dir(dir.path().join("docs")).expect("folder");
    std::os::unix::fs::symlink("../real/a.md", dir.path().join("docs/a.md")).expect("link");
    let output = apiproof(dir.path(), &["check", "--fix", "docs"]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let link = fs::symlink_metadata(dir.path().join("docs/a.md")).expect("link metadata");
    assert!(link.file_type().is_symlink());
    let fixed = fs::read_to_string(dir.path().join("real/a.md")).expect("page");
    assert!(fixed.contains("{ \"a\": 1 }"));

    let read_only = dir.path().join("real/b.md");
    fs::set_permissions(&read_only, fs::Permissions::from_mode(0o444)).expect("chmod");
    let output = apiproof(dir.path(), &["check", "--fix", "real/b.md"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&output.stdout).contains("b.md: not fixed: the file is read-only")
    );
    assert_eq!(fs::read(&read_only).expect("page"), page);
    assert_eq!(listing(&dir.path().join("real")), vec!["a.md", "b.md"]);
}
