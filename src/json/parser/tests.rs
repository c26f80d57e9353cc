use super::*;
use crate::json::is_valid;

fn fail(text: &str) -> SyntaxError {
    parse(text, Allow::default()).expect_err("should fail")
}

fn at<'a>(text: &'a str, error: &SyntaxError) -> &'a str {
    &text[error.span.clone()]
}

#[test]
fn keeps_spans_of_values() {
    let text = "{\"a\": [1, \"x\", {\"b\": null}], \"c\": true}";
    let value = parse(text, Allow::default()).expect("valid");
    let Node::Object { members, .. } = &value.node else {
        panic!("object expected")
    };
    assert_eq!(members[0].key, "a");
    assert_eq!(&text[members[0].key_span.clone()], "\"a\"");
    assert_eq!(
        &text[members[0].value.span.clone()],
        "[1, \"x\", {\"b\": null}]"
    );
    assert_eq!(&text[members[1].value.span.clone()], "true");
}

#[test]
fn trailing_comma_points_at_the_comma() {
    let text = "{\n  \"a\": 1,\n}";
    let error = fail(text);
    assert_eq!(error.message, "trailing comma");
    assert_eq!(error.span, 10..11);
    let allow = Allow {
        trailing_commas: true,
        ..Allow::default()
    };
    assert!(parse(text, allow).is_ok());
    assert_eq!(fail("[1, 2,]").span, 5..6);
}

#[test]
fn missing_comma_points_between_members() {
    let text = "{\n  \"a\": \"x\"\n  \"b\": 2\n}";
    let error = fail(text);
    assert_eq!(error.message, "missing comma between elements");
    assert_eq!(error.span, 12..12);
    assert_eq!(error.labels[0].0, 15..16);
    assert_eq!(fail("[1 2]").span, 2..2);
    assert_eq!(fail("[{} {}]").span, 3..3);
}

#[test]
fn full_width_comma_and_smart_quotes() {
    let text = "{\"a\": 1\u{FF0C} \"b\": 2}";
    let error = fail(text);
    assert_eq!(at(text, &error), "\u{FF0C}");
    assert!(error.help.as_deref().unwrap().contains("`,`"));
    assert!(error.message.contains("U+FF0C FULLWIDTH COMMA"));

    let text = "{\"a\": 1, \u{201C}b\u{201D}: 2}";
    let error = fail(text);
    assert_eq!(at(text, &error), "\u{201C}");
    assert!(error.message.contains("LEFT DOUBLE QUOTATION MARK"));

    let text = "{\"a\"\u{FF1A} 1}";
    let error = fail(text);
    assert_eq!(at(text, &error), "\u{FF1A}");

    let text = "{\"a\":\u{00A0}1}";
    assert!(fail(text).message.contains("NO-BREAK SPACE"));
}

#[test]
fn mojibake_names_the_original_character() {
    let text = "{\"a\": \"Self\"ï¼Œ\n \"b\": 1}";
    let error = fail(text);
    assert_eq!(at(text, &error), "ï¼Œ");
    let help = error.help.unwrap();
    assert!(help.contains("U+FF0C FULLWIDTH COMMA"), "{help}");
    assert!(help.contains("Windows-1252"), "{help}");
    assert_eq!(error.fix.unwrap().edits[0].1, ",");

    let text = "{â€œaâ€\u{9d}: 1}";
    let error = fail(text);
    assert_eq!(at(text, &error), "â€œ");
    assert!(error.help.unwrap().contains("LEFT DOUBLE QUOTATION MARK"));
}

#[test]
fn mojibake_glued_to_a_literal_is_found_after_it() {
    let text = "{\"a\": falseï¼Œ\n \"b\": nullï¼Œ \"c\": 1}";
    let error = fail(text);
    assert_eq!(at(text, &error), "ï¼Œ");
    assert_eq!(error.fix.unwrap().edits[0].1, ",");
    assert_eq!(
        fail("{\"a\": fooé}").message,
        "unquoted text `fooé` where JSON expects a value"
    );
}

#[test]
fn names_other_causes() {
    assert_eq!(fail("{'a': 1}").message, "single-quoted string");
    assert_eq!(fail("{a: 1}").message, "unquoted key `a`");
    assert_eq!(
        fail("{\"a\": True}").message,
        "`True` is not a JSON literal"
    );
    assert_eq!(
        fail("{\"a\": bad}").message,
        "unquoted text `bad` where JSON expects a value"
    );
    assert_eq!(fail("{\"a\" 1}").message, "missing `:` after an object key");
    assert_eq!(fail("{\"a\": 1 // note\n}").message, "comment in JSON");
    assert_eq!(
        fail("{\"a\": \"x\ny\"}").message,
        "raw line break inside a string"
    );
    assert_eq!(fail("{\"a\": \"x\ty\"}").message, "raw tab inside a string");
    assert_eq!(fail("[1, 2}").message, "`}` closes the `[` opened earlier");
    assert_eq!(fail("{} }").message, "unmatched `}`");
    assert_eq!(fail("[1,,2]").message, "expected a value, found `,`");
    assert_eq!(fail("").message, "empty JSON document");
    assert_eq!(fail("\"\\x\"").message, "invalid escape `\\x`");
    assert_eq!(fail("01").message, "number with a leading zero");
    assert_eq!(
        fail("Content-Type: application/json\n\n{}").message,
        "HTTP header inside the JSON body"
    );
    assert_eq!(
        fail("POST https://example.com/x\n\n{}").message,
        "HTTP message where a JSON document belongs"
    );
    let allow = Allow {
        comments: true,
        ..Allow::default()
    };
    assert!(parse("{\"a\": 1 // note\n}", allow).is_ok());
}

#[test]
fn unclosed_bracket_labels_the_opening_one() {
    let text = "{\n  \"a\": [1, 2\n";
    let error = fail(text);
    assert_eq!(error.message, "unclosed `[`");
    assert_eq!(error.labels[0].0, 9..10);
    let end = text.trim_end().len();
    assert_eq!(error.span, end..end);
}

#[test]
fn elision_only_when_allowed_and_only_whole_elements() {
    let allow = Allow {
        elision: true,
        ..Allow::default()
    };
    let text = "{\"value\": [\n  {\"id\": 1},\n  ...\n], \"x\": [\u{2026}], \"y\": {...}}";
    let value = parse(text, allow).expect("elision allowed");
    let Node::Object { members, .. } = &value.node else {
        panic!("object expected")
    };
    assert!(matches!(
        members[0].value.node,
        Node::Array { elided: true, .. }
    ));
    assert!(parse("[1, ...,\n]", allow).is_ok());
    assert!(parse("{\"a\": 1,\n ...\n}", allow).is_ok());
    assert_eq!(fail(text).message, "`...` is not JSON");
    assert_eq!(
        parse("{\"a\": ...}", allow).unwrap_err().message,
        "`...` in place of a value"
    );
    assert!(parse("[1, ...x]", allow).is_err());
}

#[test]
fn nesting_beyond_the_limit_is_reported_not_parsed() {
    let nest = |depth: usize| format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    assert!(parse(&nest(127), Allow::default()).is_ok());
    for depth in [128, 10_000] {
        let error = parse(&nest(depth), Allow::default()).unwrap_err();
        assert!(error.too_deep);
        assert_eq!(error.span, 127..128);
    }
    // serde_json's own Value has the same limit.
    assert!(serde_json::from_str::<serde_json::Value>(&nest(127)).is_ok());
    assert!(serde_json::from_str::<serde_json::Value>(&nest(128)).is_err());
}

#[test]
fn agrees_with_serde_json_on_edge_cases() {
    let cases = [
        "1",
        "-0",
        "-",
        "1.",
        "1e",
        "1e+5",
        "1E-5",
        "0.5",
        ".5",
        "1e400",
        "-1e400",
        "\"\\ud800\"",
        "\"\\ud83d\\ude00\"",
        "\"\\udc00\"",
        "\"\\u12\"",
        "[]",
        "{}",
        " [ ] ",
        "[1]x",
        "tru",
        "truex",
        "nul",
        "\"\u{7f}\"",
        "\"\u{1f}\"",
        "{\"a\":1,\"a\":2}",
        "[1,]",
        "{\"a\"}",
        "\u{feff}{}",
        "[\"a\\/b\"]",
        "123abc",
        "[-]",
        "[--1]",
        "1 2",
    ];
    for case in cases {
        assert_eq!(
            parse(case, Allow::default()).is_ok(),
            is_valid(case),
            "disagreement on {case:?}"
        );
    }
}
