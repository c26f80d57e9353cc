//! The human output of every rule, reviewed as snapshots (terminal width 100).

use apiproof::check::Options;
use apiproof::render::human;
use apiproof::run::check_text;

fn render(name: &str, page: &str) -> String {
    let report = check_text(name, page.as_bytes().to_vec(), &Options::default());
    human::render_diagnostics(&report, false)
}

fn resource(json: &str) -> String {
    format!("# Page\n\n<!-- {{ \"blockType\": \"resource\" }} -->\n```json\n{json}\n```\n")
}

#[test]
fn annotation_syntax() {
    let page = "<!-- {\n  \"blockType\": \"request\",\n  \"name\": \"get_widget\",\n}-->\n```http\nGET /widgets/1\n```\n";
    insta::assert_snapshot!(render("annotation.md", page));
}

#[test]
fn json_syntax_trailing_comma() {
    insta::assert_snapshot!(render("trailing.md", &resource("{\n  \"id\": \"1\",\n}")));
}

#[test]
fn json_syntax_missing_comma() {
    insta::assert_snapshot!(render(
        "missing.md",
        &resource("{\n  \"id\": \"1\"\n  \"name\": \"a\"\n}")
    ));
}

#[test]
fn json_syntax_mojibake() {
    insta::assert_snapshot!(render(
        "mojibake.md",
        &resource("{\n  \"id\": \"1\"ï¼Œ\n  \"name\": \"a\"\n}")
    ));
}

#[test]
fn json_syntax_unclosed_bracket() {
    insta::assert_snapshot!(render(
        "unclosed.md",
        &resource("{\n  \"ids\": [\"1\", \"2\"\n}")
    ));
}

#[test]
fn suspicious_characters_on_several_lines() {
    let json = "{\n  “id”: \"1\",\n  \"name\"： \"a\",\n  \"tags\": [\"x\"，\u{a0}\"y\"]\n}";
    insta::assert_snapshot!(render("suspicious.md", &resource(json)));
}

#[test]
fn http_syntax_and_status_reason() {
    let page = "<!-- { \"blockType\": \"request\" } -->\n```http\nget /widgets\nAccept application/json\n```\n\n<!-- { \"blockType\": \"response\" } -->\n```http\nHTTP/1.1 201 OK\n```\n";
    insta::assert_snapshot!(render("http.md", page));
}

#[test]
fn content_length() {
    let page = "<!-- { \"blockType\": \"request\" } -->\n```http\nPOST /widgets\nContent-Type: application/json\nContent-Length: 5\n\n{ \"name\": \"a\" }\n```\n";
    insta::assert_snapshot!(render("length.md", page));
}

#[test]
fn encoding_and_unclosed_blocks() {
    let page = "caf\u{fffd} au lait\n\n<!-- { \"blockType\": \"resource\" }\n\n```json\n{\n";
    let mut bytes = page.as_bytes().to_vec();
    bytes.splice(3..6, [0xe9]);
    let report = check_text("odd.md", bytes, &Options::default());
    insta::assert_snapshot!(human::render_diagnostics(&report, false));
}

#[test]
fn a_page_with_fifty_findings_stays_readable() {
    let mut page = String::from("# Many\n\n");
    for i in 0..50 {
        page.push_str(&format!(
            "<!-- {{ \"blockType\": \"resource\" }} -->\n```json\n{{ \"id\": \"{i}\", }}\n```\n\n"
        ));
    }
    let out = render("many.md", &page);
    assert_eq!(out.matches("trailing comma").count(), 100);
    insta::assert_snapshot!(out.lines().take(40).collect::<Vec<_>>().join("\n"));
}
