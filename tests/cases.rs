//! The shared defect cases (copied into tests/fixtures/cases): every expected point
//! whose rule exists is found, nothing unexpected is reported, clean pages are clean.

mod common;

use common::{check_json, fixtures};

/// Rules the cases name by hint that apiproof implements so far.
const IMPLEMENTED: &[&str] = &["json-syntax", "content-length", "http-syntax"];

#[test]
fn seed_page_reports_the_comma_and_the_content_length() {
    let (code, report) = check_json(
        &fixtures().join("cases"),
        &["privilegedroleassignmentrequest-cancel.md"],
    );
    assert_eq!(code, 1);
    let diagnostics = report["diagnostics"].as_array().unwrap();
    let json = diagnostics
        .iter()
        .find(|d| d["rule"] == "json-syntax")
        .unwrap();
    assert_eq!(
        (json["line"].as_u64(), json["column"].as_u64()),
        (Some(90), Some(21))
    );
    assert_eq!(
        (json["end_line"].as_u64(), json["end_column"].as_u64()),
        (Some(90), Some(24))
    );
    assert!(json["help"]
        .as_str()
        .unwrap()
        .contains("U+FF0C FULLWIDTH COMMA"));
    let length = diagnostics
        .iter()
        .find(|d| d["rule"] == "content-length")
        .unwrap();
    assert_eq!(
        (length["line"].as_u64(), length["column"].as_u64()),
        (Some(70), Some(17))
    );
    assert_eq!(length["severity"], "warning");
}

#[test]
fn every_case_meets_its_expectations() {
    let dir = fixtures().join("cases");
    let mut failures = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        let Some(stem) = name.strip_suffix(".expected.json") else {
            continue;
        };
        let expected: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let page = format!("{stem}.md");
        let (_, report) = check_json(&dir, &[&page]);
        let found = report["diagnostics"].as_array().unwrap().clone();
        let also: Vec<u64> = expected["also"]
            .as_array()
            .map(|a| a.iter().map(|p| p["line"].as_u64().unwrap()).collect())
            .unwrap_or_default();
        let mut matched = vec![false; found.len()];
        for point in expected["expect"].as_array().unwrap() {
            let mut spots = vec![point.clone()];
            spots.extend(point["alt"].as_array().cloned().unwrap_or_default());
            let hits: Vec<usize> = (0..found.len())
                .filter(|&i| {
                    spots.iter().any(|s| {
                        found[i]["line"] == s["line"]
                            && (found[i]["column"].as_i64().unwrap()
                                - s["column"].as_i64().unwrap())
                            .abs()
                                <= 2
                    })
                })
                .collect();
            for &i in &hits {
                matched[i] = true;
            }
            let hint = point["rule_hint"].as_str().unwrap();
            if hits.is_empty() && IMPLEMENTED.contains(&hint) {
                failures.push(format!("{page}: missed {hint} at {}", point["line"]));
            }
        }
        for (i, diagnostic) in found.iter().enumerate() {
            let line = diagnostic["line"].as_u64().unwrap();
            if !matched[i] && !also.contains(&line) {
                failures.push(format!("{page}: unexpected {diagnostic}"));
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}
