//! `apiproof report`: the HTML page written for a docs tree built in the test,
//! checked against `check --format json` on the same tree, for escaping of
//! hostile page text, for resources that would need the network, and for the
//! outcomes of a replay report.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::{apiproof, check_json, tree};

/// A page with two errors, a warning, a clean pair and an unnamed request.
const WIDGETS: &str = "# Widgets\n\n\
See [the API](https://example.com/api) and [a page](missing.md).\n\n\
<!-- { \"blockType\": \"request\", \"name\": \"get_widget\" } -->\n\
```http\nGET https://api.example.com/widgets/1\n```\n\n\
<!-- { \"blockType\": \"response\", \"name\": \"get_widget\" } -->\n\
```http\nHTTP/1.1 201 OK\nContent-Type: application/json\n\n{ \"id\": \"1\", }\n```\n\n\
<!-- { \"blockType\": \"request\", \"name\": \"list_widgets\" } -->\n\
```http\nGET https://api.example.com/widgets\n```\n\n\
<!-- { \"blockType\": \"response\" } -->\n\
```http\nHTTP/1.1 200 OK\nContent-Type: application/json\n\n{ \"value\": [] }\n```\n\n\
<!-- { \"blockType\": \"request\" } -->\n\
```http\nDELETE https://api.example.com/widgets/1\n```\n\n\
<!-- { \"blockType\": \"response\" } -->\n\
```http\nHTTP/1.1 204 No Content\n```\n";

/// A page whose example text tries to run a script in the report.
const HOSTILE: &str = "# <script>alert(1)</script>\n\n\
<!-- { \"blockType\": \"request\", \"name\": \"x<script>alert(2)</script>\" } -->\n\
```http\nPOST https://api.example.com/a?<script>alert(3)</script>\n\
Content-Type: application/json\n\n\
{ \"note\": \"<script>alert(1)</script>\" \"more\": \"<img src=x onerror=alert(4)>\" }\n```\n\n\
<!-- { \"blockType\": \"response\" } -->\n```http\nHTTP/1.1 204 No Content\n```\n";

fn docs() -> tempfile::TempDir {
    tree(&[
        ("docs/api/widgets.md", WIDGETS.as_bytes()),
        ("docs/api/hostile.md", HOSTILE.as_bytes()),
        ("docs/clean.md", b"# Clean\n\nNothing to see.\n"),
    ])
}

/// Runs `report` in `dir` and returns the exit code and the page (empty when
/// none was written).
fn report(dir: &Path, args: &[&str]) -> (i32, String) {
    let mut all = vec!["report"];
    all.extend_from_slice(args);
    let output = apiproof(dir, &all);
    let code = output.status.code().expect("exit code");
    let out = args
        .iter()
        .position(|a| *a == "--out")
        .map(|i| dir.join(args[i + 1]).join("index.html"));
    let page = out
        .and_then(|p| std::fs::read_to_string(p).ok())
        .unwrap_or_default();
    (code, page)
}

/// The number in the element with `id`, as `<span ... id="ID">N</span>`.
fn number(page: &str, id: &str) -> usize {
    let marker = format!("id=\"{id}\">");
    let start = page.find(&marker).unwrap_or_else(|| panic!("no #{id}")) + marker.len();
    let digits: String = page[start..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits
        .parse()
        .unwrap_or_else(|_| panic!("#{id} holds no number"))
}

/// The cells of the table row that starts with `<tr data-ATTR="VALUE">`.
fn row<'a>(page: &'a str, attribute: &str, value: &str) -> &'a str {
    let marker = format!("<tr {attribute}=\"{value}\"");
    let start = page
        .find(&marker)
        .unwrap_or_else(|| panic!("no row {marker}"));
    let end = page[start..].find("</tr>").expect("row ends") + start;
    &page[start..end]
}

/// The text of each right-aligned count cell of a row, in order.
fn counts(row: &str) -> Vec<usize> {
    row.split("<td class=\"n")
        .skip(1)
        .map(|cell| {
            let text = &cell[cell.find('>').expect("cell") + 1..];
            text[..text.find('<').expect("cell ends")]
                .parse()
                .expect("count")
        })
        .collect()
}

#[test]
fn writes_one_file_and_exits_0_despite_findings() {
    let dir = docs();
    let (code, page) = report(dir.path(), &["--out", "site", "docs"]);
    assert_eq!(code, 0);
    assert!(page.starts_with("<!DOCTYPE html>"));
    let written: Vec<_> = std::fs::read_dir(dir.path().join("site"))
        .expect("site")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(written, vec!["index.html"]);
}

#[test]
fn totals_and_tables_match_the_json_report_of_check() {
    let dir = docs();
    let (_, json) = check_json(dir.path(), &["docs"]);
    let (_, page) = report(dir.path(), &["--out", "site", "docs"]);
    let summary = &json["summary"];
    for (id, key) in [
        ("total-files", "files"),
        ("total-blocks", "blocks"),
        ("total-errors", "errors"),
        ("total-warnings", "warnings"),
        ("total-infos", "infos"),
    ] {
        let expected = summary[key].as_u64().expect("count") as usize;
        assert_eq!(number(&page, id), expected, "{id}");
    }
    let diagnostics = json["diagnostics"].as_array().expect("diagnostics");
    assert!(diagnostics.len() >= 4, "the tree should have findings");
    assert_eq!(
        page.matches("<article class=\"finding").count(),
        diagnostics.len()
    );
    assert_eq!(number(&page, "finding-count"), diagnostics.len());

    let mut by_rule: BTreeMap<&str, [usize; 3]> = BTreeMap::new();
    let mut by_page: BTreeMap<&str, [usize; 3]> = BTreeMap::new();
    for d in diagnostics {
        let slot = match d["severity"].as_str().expect("severity") {
            "error" => 0,
            "warning" => 1,
            _ => 2,
        };
        by_rule
            .entry(d["rule"].as_str().expect("rule"))
            .or_default()[slot] += 1;
        by_page
            .entry(d["path"].as_str().expect("path"))
            .or_default()[slot] += 1;
    }
    for (rule, [errors, warnings, infos]) in &by_rule {
        let cells = counts(row(&page, "data-rule", rule));
        assert_eq!(
            cells,
            vec![*errors, *warnings, *infos, errors + warnings + infos]
        );
    }
    assert_eq!(page.matches("<tr data-rule=").count(), by_rule.len());
    for (path, [errors, warnings, infos]) in &by_page {
        let cells = counts(row(&page, "data-page", path));
        assert_eq!(cells[1..], [*errors, *warnings, *infos], "{path}");
    }
    let clean = counts(row(&page, "data-page", "docs/clean.md"));
    assert_eq!(clean, vec![0, 0, 0, 0]);
}

#[test]
fn methods_show_their_static_status() {
    let dir = docs();
    let (_, page) = report(dir.path(), &["--out", "site", "docs"]);
    assert_eq!(number(&page, "total-methods"), 4);
    let get = &page[page.find(">get_widget<").expect("get_widget")..];
    let get = &get[..get.find("</tr>").expect("row")];
    assert!(
        get.contains(">1 error<"),
        "the response's trailing comma: {get}"
    );
    let list = &page[page.find(">list_widgets<").expect("list_widgets")..];
    assert!(list[..list.find("</tr>").expect("row")].contains("badge clean"));
    assert!(
        page.contains("docs/api/widgets.md:33"),
        "unnamed request listed by place"
    );
}

#[test]
fn needs_no_network() {
    let dir = docs();
    let (_, page) = report(dir.path(), &["--out", "site", "docs"]);
    let lower = page.to_ascii_lowercase();
    for attribute in ["src=\"", "href=\"", "src='", "href='", "action=\""] {
        for (at, _) in lower.match_indices(attribute) {
            let value = &lower[at + attribute.len()..];
            assert!(
                !value.starts_with("http:") && !value.starts_with("https:"),
                "remote {attribute} at {at}"
            );
            assert!(
                !value.starts_with("//"),
                "protocol-relative {attribute} at {at}"
            );
        }
    }
    assert!(!lower.contains("<link"), "no linked resources");
    assert!(!lower.contains("@import"));
    assert!(!lower.contains("url("));
    assert!(page.contains("default-src &#39;none&#39;") || page.contains("default-src 'none'"));
    assert!(
        page.contains("https://api.example.com/widgets/1"),
        "URLs are shown as text"
    );
}

#[test]
fn page_text_is_escaped() {
    let dir = docs();
    let (_, page) = report(dir.path(), &["--out", "site", "docs"]);
    assert_eq!(
        page.matches("<script").count(),
        1,
        "only the report's own script"
    );
    assert!(!page.contains("<img"));
    assert!(!page.contains("alert(1)</script>"));
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(
        page.contains("x&lt;script&gt;alert(2)&lt;/script&gt;"),
        "example name"
    );
    assert!(
        page.contains("a?&lt;script&gt;alert(3)&lt;/script&gt;"),
        "URL"
    );
    assert!(page.contains("&lt;img src=x onerror=alert(4)&gt;"));
}

#[test]
fn findings_carry_a_snippet_and_a_relative_link() {
    let dir = docs();
    let (_, json) = check_json(dir.path(), &["docs"]);
    let (_, page) = report(dir.path(), &["--out", "site", "docs"]);
    let comma = json["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .find(|d| d["rule"] == "json-syntax" && d["path"] == "docs/api/widgets.md")
        .expect("the trailing comma");
    let (line, column) = (
        comma["line"].as_u64().unwrap(),
        comma["column"].as_u64().unwrap(),
    );
    let place = format!("docs/api/widgets.md:{line}:{column}");
    assert!(page.contains(&format!(
        "<a href=\"../docs/api/widgets.md#L{line}\">{place}</a>"
    )));
    assert!(page.contains("{ &quot;id&quot;: &quot;1&quot;<mark>,</mark> }"));
}

#[test]
fn replay_outcomes_are_matched_by_page_and_example() {
    let dir = docs();
    let replay = serde_json::json!({
        "version": 1,
        "summary": {"examples": 4, "passed": 1, "failed": 1, "errored": 0, "skipped": 1},
        "results": [
            {"example": "get_widget", "path": "docs/api/widgets.md", "line": 7,
             "method": "GET", "url": "http://127.0.0.1:1/widgets/1", "outcome": "fail",
             "expected_status": 201, "actual_status": 200,
             "differences": [{"kind": "missing", "json_path": "$.<b>id</b>",
                              "expected": "string", "actual": "", "line": 15, "column": 3}],
             "reason": null},
            {"example": "list_widgets", "path": "./docs/api/widgets.md", "line": 20,
             "method": "GET", "url": "http://127.0.0.1:1/widgets", "outcome": "pass",
             "expected_status": 200, "actual_status": 200, "differences": [], "reason": null},
            {"example": "docs/api/widgets.md:33", "path": "docs/api/widgets.md", "line": 33,
             "method": "DELETE", "url": "http://127.0.0.1:1/widgets/1", "outcome": "skip",
             "expected_status": 204, "actual_status": null, "differences": [],
             "reason": "DELETE may change data on the server"},
            {"example": "gone", "path": "docs/api/old.md", "line": 3, "method": "GET",
             "url": "http://127.0.0.1:1/old", "outcome": "error", "expected_status": 200,
             "actual_status": null, "differences": [], "reason": "connection refused"}
        ]
    });
    std::fs::write(dir.path().join("replay.json"), replay.to_string()).expect("fixture");
    let (code, page) = report(
        dir.path(),
        &["--out", "site", "--replay", "replay.json", "docs"],
    );
    assert_eq!(code, 0);
    assert_eq!(number(&page, "replay-pass"), 1);
    assert_eq!(number(&page, "replay-fail"), 1);
    assert_eq!(number(&page, "replay-error"), 1);
    assert_eq!(number(&page, "replay-skip"), 1);
    let methods = &page[page.find("id=\"method-table\"").expect("methods")..];
    let methods = &methods[..methods.find("</table>").expect("table")];
    assert_eq!(methods.matches("data-outcome=\"fail\"").count(), 1);
    assert_eq!(methods.matches("data-outcome=\"pass\"").count(), 1);
    assert_eq!(methods.matches("data-outcome=\"skip\"").count(), 1);
    let get = &methods[methods.find(">get_widget<").expect("get_widget")..];
    let get = &get[..get.find("</tr>").expect("row")];
    assert!(get.contains("outcome fail"));
    assert!(get.contains("201 &rarr; 200"));
    assert!(get.contains("$.&lt;b&gt;id&lt;/b&gt;: documented string is missing (line 15:3)"));
    assert!(methods.contains("DELETE may change data on the server"));
    let unmatched = &page[page.find("id=\"unmatched-table\"").expect("unmatched")..];
    assert!(unmatched.contains("docs/api/old.md:3") && unmatched.contains("connection refused"));
}

#[test]
fn the_same_docs_give_the_same_bytes() {
    let dir = docs();
    let (_, first) = report(dir.path(), &["--out", "one", "docs"]);
    let (_, second) = report(dir.path(), &["--out", "two", "docs"]);
    assert!(!first.is_empty());
    assert_eq!(first, second);
}

#[test]
fn usage_errors_and_unwritable_folders_exit_2() {
    let dir = docs();
    std::fs::write(dir.path().join("file"), "not a folder").expect("file");
    assert_eq!(report(dir.path(), &["docs"]).0, 2, "--out is required");
    assert_eq!(report(dir.path(), &["--out", "file", "docs"]).0, 2);
    assert_eq!(report(dir.path(), &["--out", "site", "nowhere"]).0, 2);
    std::fs::write(dir.path().join("bad.json"), "{\"version\": 7}").expect("fixture");
    let (code, _) = report(
        dir.path(),
        &["--out", "site", "--replay", "bad.json", "docs"],
    );
    assert_eq!(code, 2);
    assert!(
        !dir.path().join("site").exists(),
        "nothing written on errors"
    );
}
