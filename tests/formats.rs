//! The machine formats of `check`: SARIF checked against the official SARIF 2.1.0
//! schema, JUnit XML against the Jenkins JUnit XSD (with xmllint), and GitHub
//! workflow commands compared line by line.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{apiproof, fixtures, tree};
use serde_json::Value;

const CLEAN: &[u8] =
    b"# Page\n\n<!-- { \"blockType\": \"resource\" } -->\n```json\n{ \"id\": \"1\" }\n```\n";
const WARNING: &[u8] = b"<!-- { \"blockType\": \"response\" } -->\n```http\nHTTP/1.1 201 OK\n```\n";

/// A page with an http-syntax error (line 5), a status-reason warning (line 10)
/// and a json-syntax error (line 13).
fn three_findings() -> Vec<u8> {
    std::fs::read(fixtures().join("formats/three-findings.md")).expect("fixture")
}

fn schemas() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/schemas")
}

fn stdout(dir: &Path, args: &[&str]) -> (i32, String) {
    let output = apiproof(dir, args);
    let text = String::from_utf8(output.stdout).expect("UTF-8 output");
    (output.status.code().expect("exit code"), text)
}

fn sarif(dir: &Path, args: &[&str]) -> (i32, Value) {
    let mut all = vec!["check", "--format", "sarif"];
    all.extend_from_slice(args);
    let (code, text) = stdout(dir, &all);
    let log = serde_json::from_str(&text).unwrap_or_else(|e| panic!("SARIF ({e}): {text}"));
    (code, log)
}

/// The validation errors of `log` against the SARIF 2.1.0 schema.
fn sarif_schema_errors(log: &Value) -> Vec<String> {
    let text = std::fs::read_to_string(schemas().join("sarif-schema-2.1.0.json")).unwrap();
    let schema: Value = serde_json::from_str(&text).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the SARIF schema compiles");
    validator
        .iter_errors(log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

#[test]
fn sarif_is_valid_against_the_sarif_2_1_0_schema() {
    let dir = tree(&[
        ("docs/three-findings.md", &three_findings()),
        ("docs/clean.md", CLEAN),
    ]);
    let (code, log) = sarif(dir.path(), &["docs"]);
    assert_eq!(code, 1);
    assert_eq!(sarif_schema_errors(&log), Vec::<String>::new());

    // The validator is not vacuous: a level SARIF does not define is rejected.
    let mut broken = log.clone();
    broken["runs"][0]["results"][0]["level"] = "fatal".into();
    assert!(!sarif_schema_errors(&broken).is_empty());
}

#[test]
fn sarif_driver_lists_every_rule_with_its_documentation() {
    let dir = tree(&[("a.md", CLEAN)]);
    let (code, log) = sarif(dir.path(), &["a.md"]);
    assert_eq!(code, 0);
    let run = &log["runs"][0];
    assert_eq!(log["version"], "2.1.0");
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    assert_eq!(run["results"], serde_json::json!([]));
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "apiproof");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(
        driver["informationUri"],
        "https://github.com/apiproof/apiproof"
    );
    let rules = driver["rules"].as_array().unwrap();
    assert_eq!(rules.len(), apiproof::rules::ALL.len());
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("README");
    for (descriptor, rule) in rules.iter().zip(apiproof::rules::ALL) {
        assert_eq!(descriptor["id"], rule.id);
        assert_eq!(descriptor["shortDescription"]["text"], rule.summary);
        assert_eq!(descriptor["fullDescription"]["text"], rule.explanation);
        assert!(descriptor["help"]["text"]
            .as_str()
            .unwrap()
            .contains(rule.passing));
        let anchor = format!("rule-{}", rule.id);
        assert_eq!(
            descriptor["helpUri"],
            format!("https://github.com/apiproof/apiproof#{anchor}")
        );
        assert!(
            readme.contains(&format!("<a id=\"{anchor}\"></a>")),
            "the README has no anchor {anchor}"
        );
        let level = match rule.severity.as_str() {
            "info" => "note",
            other => other,
        };
        assert_eq!(descriptor["defaultConfiguration"]["level"], level);
        assert_eq!(
            descriptor["defaultConfiguration"]["enabled"],
            rule.default_on
        );
    }
}

#[test]
fn sarif_results_carry_rule_level_and_region() {
    let dir = tree(&[("docs/three-findings.md", &three_findings())]);
    let (_, log) = sarif(dir.path(), &["docs"]);
    let run = &log["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let results = run["results"].as_array().unwrap();
    let summary: Vec<(String, String, [u64; 4])> = results
        .iter()
        .map(|r| {
            let index = r["ruleIndex"].as_u64().unwrap() as usize;
            assert_eq!(rules[index]["id"], r["ruleId"]);
            let location = &r["locations"][0]["physicalLocation"];
            assert_eq!(
                location["artifactLocation"]["uri"],
                "docs/three-findings.md"
            );
            let region = &location["region"];
            let at = |key: &str| region[key].as_u64().unwrap();
            (
                r["ruleId"].as_str().unwrap().to_string(),
                r["level"].as_str().unwrap().to_string(),
                [
                    at("startLine"),
                    at("startColumn"),
                    at("endLine"),
                    at("endColumn"),
                ],
            )
        })
        .collect();
    let expected = [
        ("http-syntax", "error", [5, 1, 5, 8]),
        ("status-reason", "warning", [10, 14, 10, 16]),
        ("json-syntax", "error", [13, 12, 13, 13]),
    ];
    let expected: Vec<(String, String, [u64; 4])> = expected
        .iter()
        .map(|(rule, level, region)| (rule.to_string(), level.to_string(), *region))
        .collect();
    assert_eq!(summary, expected);
    assert_eq!(
        results[2]["message"]["text"],
        "trailing comma\nhelp: strict JSON has no comma after the last element: delete it, or \
         pass `--json-allow trailing-commas` if your docs accept them"
    );
}

#[test]
fn sarif_columns_count_code_points_and_paths_are_uri_references() {
    let page = concat!(
        "<!-- { \"blockType\": \"resource\" } -->\n",
        "```json\n{ \"größe\": \"€1\", }\n```\n"
    );
    let dir = tree(&[("my docs/a.md", page.as_bytes())]);
    let (_, log) = sarif(dir.path(), &["my docs"]);
    let location = &log["runs"][0]["results"][0]["locations"][0]["physicalLocation"];
    assert_eq!(location["artifactLocation"]["uri"], "my%20docs/a.md");
    // `{ "größe": "€1", }`: the comma is the 16th character (and the 20th byte).
    assert_eq!(location["region"]["startColumn"], 16);
    assert_eq!(location["region"]["endColumn"], 17);
}

fn fingerprints(log: &Value) -> Vec<(String, u64)> {
    log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["partialFingerprints"]["apiproof/v1"]
                    .as_str()
                    .unwrap()
                    .to_string(),
                r["locations"][0]["physicalLocation"]["region"]["startLine"]
                    .as_u64()
                    .unwrap(),
            )
        })
        .collect()
}

#[test]
fn sarif_fingerprints_survive_lines_inserted_above() {
    let page = three_findings();
    let mut moved = b"Intro added later.\n\nAnother paragraph.\n\n".to_vec();
    moved.extend_from_slice(&page);
    let before = fingerprints(&sarif(tree(&[("a.md", &page)]).path(), &["a.md"]).1);
    let after = fingerprints(&sarif(tree(&[("a.md", &moved)]).path(), &["a.md"]).1);
    assert_eq!(before.len(), 3);
    for ((hash, line), (moved_hash, moved_line)) in before.iter().zip(&after) {
        assert_eq!(hash, moved_hash);
        assert_eq!(line + 4, *moved_line);
    }
    let hashes: std::collections::HashSet<&String> = before.iter().map(|(h, _)| h).collect();
    assert_eq!(hashes.len(), 3, "one fingerprint per finding");

    // The same page named as `./a.md` (a walked folder) is the same alert.
    let walked = fingerprints(&sarif(tree(&[("a.md", &page)]).path(), &["."]).1);
    assert_eq!(before, walked);

    // Another file with the same defect is another alert.
    let elsewhere = fingerprints(&sarif(tree(&[("b.md", &page)]).path(), &["b.md"]).1);
    assert_ne!(before[2].0, elsewhere[2].0);
}

#[test]
fn sarif_fingerprints_tell_identical_findings_apart_by_order() {
    let block = "<!-- { \"blockType\": \"resource\" } -->\n```json\n{ \"id\": \"1\", }\n```\n\n";
    let page = block.repeat(2);
    let found = fingerprints(&sarif(tree(&[("a.md", page.as_bytes())]).path(), &["a.md"]).1);
    let (first, second) = (&found[0].0, &found[1].0);
    assert_eq!(first.split(':').next(), second.split(':').next());
    assert!(first.ends_with(":1") && second.ends_with(":2"), "{found:?}");
}

#[test]
fn sarif_reports_unreadable_files_as_notifications() {
    let dir = tree(&[("a.md", CLEAN)]);
    let (code, log) = sarif(dir.path(), &["a.md", "missing.md"]);
    assert_eq!(code, 2);
    let invocation = &log["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    let text = invocation["toolExecutionNotifications"][0]["message"]["text"]
        .as_str()
        .unwrap();
    assert!(text.contains("missing.md"), "{text}");
    assert_eq!(sarif_schema_errors(&log), Vec::<String>::new());
}

#[test]
fn github_commands_escape_data_and_properties_exactly() {
    let dir = tree(&[("we,ird:50%.md", &three_findings())]);
    let (code, text) = stdout(
        dir.path(),
        &["check", "--format", "github", "we,ird:50%.md"],
    );
    assert_eq!(code, 1);
    let lines: Vec<&str> = text.lines().collect();
    let file = "file=we%2Cird%3A50%25.md";
    let expected = [
        format!(
            "::error {file},line=5,col=1,endLine=5,endColumn=8,title=http-syntax::\
             unknown HTTP method `P%25O,S:T`%0Ahelp: a request line starts with one of GET, \
             POST, PUT, PATCH, DELETE, HEAD, OPTIONS, TRACE, CONNECT"
        ),
        format!(
            "::warning {file},line=10,col=14,endLine=10,endColumn=16,title=status-reason::\
             `OK` is the reason phrase of 200, not of 201%0Ahelp: either the code is right \
             (`201 Created`) or the phrase is (`200 OK`); the page's Response section says which"
        ),
        format!(
            "::error {file},line=13,col=12,endLine=13,endColumn=13,title=json-syntax::\
             trailing comma%0Ahelp: strict JSON has no comma after the last element: delete \
             it, or pass `--json-allow trailing-commas` if your docs accept them"
        ),
        "we,ird:50%.md:5:1: error[http-syntax]: unknown HTTP method `P%O,S:T`".to_string(),
        "we,ird:50%.md:10:14: warning[status-reason]: `OK` is the reason phrase of 200, \
         not of 201"
            .to_string(),
        "we,ird:50%.md:13:12: error[json-syntax]: trailing comma".to_string(),
    ];
    assert_eq!(lines[..lines.len() - 1], expected);
    let summary = lines[lines.len() - 1];
    assert!(
        summary.starts_with("2 errors, 1 warning in 1 file (2 examples) in "),
        "{summary}"
    );
}

#[test]
fn github_drops_a_leading_dot_slash_and_notes_unreadable_files() {
    let dir = tree(&[("a.md", WARNING)]);
    let (code, text) = stdout(dir.path(), &["check", "--format", "github", ".", "gone.md"]);
    assert_eq!(code, 2);
    assert!(
        text.starts_with("::warning file=a.md,line=1,col=1,"),
        "{text}"
    );
    assert!(
        text.contains("\n::warning file=a.md,line=3,col=14,"),
        "{text}"
    );
    assert!(
        text.contains("\n./a.md:3:14: warning[status-reason]: "),
        "{text}"
    );
    assert!(text.contains("\nerror: gone.md: "), "{text}");
}

#[test]
fn github_plain_lines_never_read_as_commands() {
    let dir = tree(&[("::warning::x.md", WARNING)]);
    let (_, text) = stdout(
        dir.path(),
        &["check", "--format", "github", "::warning::x.md"],
    );
    let commands = text.lines().filter(|l| l.starts_with("::")).count();
    assert_eq!(commands, 2, "{text}");
    assert!(text.contains("\n./::warning::x.md:1:1: warning[unpaired-response]: "));
    assert!(
        text.starts_with("::warning file=%3A%3Awarning%3A%3Ax.md,line=1,"),
        "{text}"
    );
}

/// Validates `xml` with xmllint against the JUnit XSD; Err holds xmllint's complaint.
fn xmllint_junit(xml: &str) -> Result<(), String> {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("report.xml");
    std::fs::write(&file, xml).unwrap();
    let output = Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(schemas().join("junit-10.xsd"))
        .arg(&file)
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "xmllint is needed to validate the JUnit report ({e}); on Debian or Ubuntu: \
                 apt-get install -y libxml2-utils"
            )
        });
    if output.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&output.stderr).into_owned())
    }
}

fn junit(dir: &Path, args: &[&str]) -> (i32, String) {
    let mut all = vec!["check", "--format", "junit"];
    all.extend_from_slice(args);
    stdout(dir, &all)
}

#[test]
fn junit_is_valid_against_the_jenkins_junit_xsd() {
    let dir = tree(&[
        ("docs/three-findings.md", &three_findings()),
        ("docs/clean.md", CLEAN),
        ("docs/warn.md", WARNING),
        ("docs/a&b <c>.md", &three_findings()),
    ]);
    let (code, xml) = junit(dir.path(), &["docs", "missing.md"]);
    assert_eq!(code, 2);
    if let Err(complaint) = xmllint_junit(&xml) {
        panic!("invalid JUnit XML: {complaint}\n{xml}");
    }
    // The validation is not vacuous: a test suite without its counts is rejected.
    let broken = xml.replacen(" tests=\"5\"", "", 2);
    assert_ne!(broken, xml);
    assert!(xmllint_junit(&broken).is_err());
}

#[test]
fn junit_has_a_test_case_per_page_and_failures_with_every_finding() {
    let dir = tree(&[
        ("docs/three-findings.md", &three_findings()),
        ("docs/clean.md", CLEAN),
        ("docs/warn.md", WARNING),
    ]);
    let (code, xml) = junit(dir.path(), &["docs"]);
    assert_eq!(code, 1);
    assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"));
    assert!(xml.contains(
        "<testsuite name=\"apiproof check\" tests=\"3\" failures=\"1\" errors=\"0\" skipped=\"0\""
    ));
    assert!(xml.contains("<testcase name=\"docs/clean.md\" classname=\"docs/clean.md\"/>"));
    let failure =
        "<testcase name=\"docs/three-findings.md\" classname=\"docs/three-findings.md\">\n\
        \x20     <failure message=\"5:1: unknown HTTP method `P%O,S:T`\" type=\"http-syntax\">\
        5:1: error[http-syntax]: unknown HTTP method `P%O,S:T`\n";
    assert!(xml.contains(failure), "{xml}");
    assert!(xml.contains("\n10:14: warning[status-reason]: `OK` is the reason phrase"));
    assert!(xml.contains("\n13:12: error[json-syntax]: trailing comma\n  help: strict JSON"));
    // Warnings alone do not fail a page, unless warnings fail the run.
    assert!(xml.contains(
        "classname=\"docs/warn.md\">\n      <system-out>1:1: warning[unpaired-response]"
    ));
    let (code, xml) = junit(dir.path(), &["docs", "--deny-warnings"]);
    assert_eq!(code, 1);
    assert!(xml.contains("tests=\"3\" failures=\"2\""));
    assert!(xml.contains("<failure message=\"1:1: response answers no request\""));
}

#[test]
fn junit_escapes_markup_in_paths_and_messages() {
    let dir = tree(&[("a&b <c>.md", &three_findings())]);
    let (_, xml) = junit(dir.path(), &["a&b <c>.md"]);
    assert!(
        xml.contains("<testcase name=\"a&amp;b &lt;c&gt;.md\""),
        "{xml}"
    );
}
