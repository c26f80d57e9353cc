//! Rules that need the doc model, each on small pages of its own: a failing and
//! a passing example, plus the seed page in a tree beside a resource page.

mod common;

use common::{apiproof, check_json, fixtures, points, tree};

const RESOURCE: &str = r#"# widget resource type

Namespace: contoso.api

## Properties

| Property | Type | Description |
|:---|:---|:---|
| id | String | Identifier. |
| displayName | String | Name. |
| isShared | Boolean | Shared with the team. |
| createdDateTime | DateTimeOffset | Created. |
| color | widgetColor | Color. |

### widgetColor values

| Member |
|:---|
| red |
| blue |

## JSON representation

<!-- { "blockType": "resource", "@odata.type": "contoso.api.widget" } -->
```json
{ "id": "String", "displayName": "String", "isShared": true, "createdDateTime": "String (timestamp)", "color": "String" }
```
"#;

/// A page with one GET example whose response body is `body`.
fn get_page(odata_type: &str, body: &str) -> String {
    format!(
        "# Get widget\n\n## HTTP request\n\n<!-- {{ \"blockType\": \"ignored\" }} -->\n```http\nGET /widgets/{{id}}\n```\n\n\
         ## Response\n\nIf successful, this method returns a `200 OK` response code.\n\n## Example\n\n\
         <!-- {{ \"blockType\": \"request\", \"name\": \"get_widget\" }} -->\n```http\nGET https://api.contoso.com/v1/widgets/1\n```\n\n\
         <!-- {{ \"blockType\": \"response\", \"truncated\": true, \"@odata.type\": \"{odata_type}\" }} -->\n```http\nHTTP/1.1 200 OK\nContent-Type: application/json\n\n{body}\n```\n"
    )
}

/// Checks `page` as api/get.md beside resources/widget.md; returns rule@line:column.
fn check_page(page: &str) -> Vec<String> {
    let dir = tree(&[
        ("resources/widget.md", RESOURCE.as_bytes()),
        ("api/get.md", page.as_bytes()),
    ]);
    let (_, report) = check_json(dir.path(), &["--root", ".", "api/get.md"]);
    points(&report)
}

const GOOD_BODY: &str = r#"{ "id": "1", "displayName": "Lamp", "isShared": false, "createdDateTime": "2024-03-01T09:30:00Z", "color": "red" }"#;

#[test]
fn a_clean_page_is_clean() {
    assert_eq!(
        check_page(&get_page("contoso.api.widget", GOOD_BODY)),
        Vec::<String>::new()
    );
}

#[test]
fn unknown_type_suggests_the_nearest_name() {
    let dir = tree(&[
        ("resources/widget.md", RESOURCE.as_bytes()),
        (
            "api/get.md",
            get_page("contoso.api.widgets", GOOD_BODY).as_bytes(),
        ),
    ]);
    let (_, report) = check_json(dir.path(), &["--root", ".", "api/get.md"]);
    assert_eq!(points(&report), ["unknown-type@21:67"]);
    let help = report["diagnostics"][0]["help"].as_str().unwrap();
    assert_eq!(help, "did you mean `contoso.api.widget`?");
}

#[test]
fn unknown_property_with_a_case_help() {
    let body = GOOD_BODY.replace("\"displayName\"", "\"displayname\"");
    assert_eq!(
        check_page(&get_page("contoso.api.widget", &body)),
        ["unknown-property@26:14"]
    );
    let passing = check_page(&get_page("contoso.api.widget", GOOD_BODY));
    assert!(passing.is_empty());
}

#[test]
fn property_type_and_date_times() {
    let body = GOOD_BODY
        .replace("\"isShared\": false", "\"isShared\": \"false\"")
        .replace("2024-03-01T09:30:00Z", "2024-03-01 09:30");
    assert_eq!(
        check_page(&get_page("contoso.api.widget", &body)),
        ["property-type@26:49", "property-type@26:77"]
    );
}

#[test]
fn enum_value() {
    let body = GOOD_BODY.replace("\"red\"", "\"Red\"");
    assert_eq!(
        check_page(&get_page("contoso.api.widget", &body)),
        ["enum-value@26:108"]
    );
}

#[test]
fn duplicate_key() {
    let body = r#"{ "id": "1", "id": "2" }"#;
    assert_eq!(
        check_page(&get_page("contoso.api.widget", body)),
        ["duplicate-key@26:14"]
    );
}

#[test]
fn missing_property_only_in_full_responses() {
    let page = get_page("contoso.api.widget", r#"{ "id": "1" }"#);
    assert_eq!(check_page(&page), Vec::<String>::new());
    let full = page.replace("\"truncated\": true, ", "");
    assert_eq!(check_page(&full), ["missing-property@26:1"]);
}

#[test]
fn odata_type_mismatch() {
    let resource = format!(
        "{RESOURCE}\n<!-- {{ \"blockType\": \"resource\", \"@odata.type\": \"contoso.api.gadget\" }} -->\n```json\n{{ \"id\": \"String\" }}\n```\n"
    );
    let body = r##"{ "@odata.type": "#contoso.api.gadget", "id": "1" }"##;
    let dir = tree(&[
        ("resources/widget.md", resource.as_bytes()),
        (
            "api/get.md",
            get_page("contoso.api.widget", body).as_bytes(),
        ),
    ]);
    let (_, report) = check_json(dir.path(), &["--root", ".", "api/get.md"]);
    assert_eq!(points(&report), ["odata-type-mismatch@26:18"]);
}

#[test]
fn example_method_and_status_prose() {
    let page = get_page("contoso.api.widget", GOOD_BODY)
        .replace(
            "GET https://api.contoso.com/v1/widgets/1",
            "DELETE https://api.contoso.com/v1/widgets/1",
        )
        .replace("`200 OK` response", "`204 No Content` response");
    assert_eq!(
        check_page(&page),
        ["example-method@18:8", "status-prose@23:10"]
    );
}

#[test]
fn pairing_and_duplicate_names() {
    let page =
        "# P\n\n<!-- { \"blockType\": \"request\", \"name\": \"a\" } -->\n```http\nGET /a\n```\n\n\
                <!-- { \"blockType\": \"request\", \"name\": \"a\" } -->\n```http\nGET /b\n```\n\n\
                <!-- { \"blockType\": \"response\" } -->\n```http\nHTTP/1.1 204 No Content\n```\n";
    // The only response answers the nearest request before it: the second one.
    assert_eq!(
        check_page(page),
        ["unpaired-request@3:1", "duplicate-example-name@8:40"]
    );
    let lone =
        "# P\n\n<!-- { \"blockType\": \"response\" } -->\n```http\nHTTP/1.1 204 No Content\n```\n";
    assert_eq!(check_page(lone), ["unpaired-response@3:1"]);
}

#[test]
fn links() {
    let page = "# Page\n\n## Second part\n\n[ok](../resources/widget.md#properties) [case](../resources/Widget.md) \
                [gone](../resources/gadget.md) [anchor](#second-parts) [tab](#tab/csharp) [web](https://example.com/x)\n\n\
                See [widget] (../resources/widget.md).\n";
    assert_eq!(
        check_page(page),
        [
            "broken-link@5:41",
            "broken-link@5:72",
            "broken-link@5:103",
            "malformed-link@7:5"
        ]
    );
}

#[test]
fn table_mismatch() {
    let resource = RESOURCE.replace(
        "| color | widgetColor | Color. |",
        "| color | widgetColor | Color. |\n| size | Int32 | Size. |",
    );
    let dir = tree(&[("resources/widget.md", resource.as_bytes())]);
    let (_, report) = check_json(dir.path(), &["."]);
    assert_eq!(points(&report), ["table-mismatch@14:3"]);
    let dir = tree(&[("resources/widget.md", RESOURCE.as_bytes())]);
    assert_eq!(
        points(&check_json(dir.path(), &["."]).1),
        Vec::<String>::new()
    );
}

#[test]
fn unknown_annotation_key() {
    let page = get_page("contoso.api.widget", GOOD_BODY).replace(
        "\"truncated\": true",
        "\"truncted\": true, \"truncated\": true",
    );
    let found = check_page(&page);
    assert_eq!(found, ["unknown-annotation-key@21:33"]);
}

#[test]
fn suppressions_and_unused_ones() {
    let body = GOOD_BODY.replace("\"red\"", "\"Red\"");
    let page = get_page("contoso.api.widget", &body).replace(
        "<!-- { \"blockType\": \"response\"",
        "<!-- apiproof-disable enum-value -->\n<!-- { \"blockType\": \"response\"",
    );
    assert_eq!(check_page(&page), Vec::<String>::new());
    let unused = get_page("contoso.api.widget", GOOD_BODY).replace(
        "# Get widget",
        "<!-- apiproof-disable enum-valu -->\n\n# Get widget",
    );
    let dir = tree(&[
        ("resources/widget.md", RESOURCE.as_bytes()),
        ("api/get.md", unused.as_bytes()),
    ]);
    let (code, report) = check_json(dir.path(), &["--root", ".", "api/get.md"]);
    assert_eq!(
        (code, points(&report)),
        (0, vec!["unused-suppression@1:1".to_string()])
    );
    let help = report["diagnostics"][0]["help"].as_str().unwrap();
    assert!(help.contains("did you mean `enum-value`"), "{help}");
}

#[test]
fn seed_page_beside_its_resource() {
    let seed =
        std::fs::read(fixtures().join("cases/privilegedroleassignmentrequest-cancel.md")).unwrap();
    let resource = b"# privilegedRoleAssignmentRequest resource type\n\n<!-- { \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.privilegedRoleAssignmentRequest\" } -->\n```json\n{ \"id\": \"String\" }\n```\n";
    let dir = tree(&[
        ("api/privilegedroleassignmentrequest-cancel.md", &seed),
        ("resources/privilegedroleassignmentrequest.md", resource),
    ]);
    let (code, report) = check_json(dir.path(), &["--root", ".", "api"]);
    assert_eq!(code, 1);
    let diagnostics = report["diagnostics"].as_array().unwrap();
    let find = |rule: &str| {
        diagnostics
            .iter()
            .find(|d| d["rule"] == rule)
            .unwrap_or_else(|| panic!("{rule} in {diagnostics:#?}"))
    };
    let unknown = find("unknown-type");
    assert_eq!(unknown["line"], 65);
    assert_eq!(
        unknown["help"].as_str().unwrap(),
        "did you mean `microsoft.graph.privilegedRoleAssignmentRequest`?"
    );
    let malformed = find("malformed-link");
    assert_eq!(
        (malformed["line"].as_u64(), malformed["column"].as_u64()),
        (Some(38), Some(73))
    );
    assert!(malformed["help"].as_str().unwrap().contains("letter case"));
}

#[test]
fn schema_and_inventory_commands() {
    let dir = tree(&[
        ("resources/widget.md", RESOURCE.as_bytes()),
        (
            "api/get.md",
            get_page("contoso.api.widget", GOOD_BODY).as_bytes(),
        ),
    ]);
    let output = apiproof(dir.path(), &["schema", "contoso.api.widget", "."]);
    assert_eq!(output.status.code(), Some(0));
    let schema: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        schema["properties"]["color"]["enum"],
        serde_json::json!(["red", "blue", null])
    );
    assert_eq!(
        schema["properties"]["createdDateTime"]["format"],
        "date-time"
    );
    // The derived schema accepts the docs' own clean example and rejects a bad one.
    let validator = jsonschema::validator_for(&schema).unwrap();
    assert!(validator.is_valid(&serde_json::from_str(GOOD_BODY).unwrap()));
    assert!(!validator.is_valid(&serde_json::json!({"id": 1})));

    let missing = apiproof(dir.path(), &["schema", "contoso.api.widgt", "."]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("did you mean `contoso.api.widget`"));

    let output = apiproof(dir.path(), &["inventory", "--format", "json", "."]);
    let inventory: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(inventory["totals"]["resources"], 1);
    assert_eq!(inventory["resources"][0]["properties"], 5);
    assert_eq!(inventory["methods"][0]["method"], "GET");
    assert_eq!(inventory["methods"][0]["example"], "get_widget");
}

#[test]
fn configured_schemas_validate_examples() {
    let schema = br#"{ "type": "object", "properties": { "id": { "type": "integer" } } }"#;
    let dir = tree(&[
        ("resources/widget.md", RESOURCE.as_bytes()),
        (
            "api/get.md",
            get_page("contoso.api.widget", GOOD_BODY).as_bytes(),
        ),
        ("schemas/widget.json", schema),
        (
            "apiproof.toml",
            b"[schemas]\n\"contoso.api.widget\" = \"schemas/widget.json\"\n",
        ),
    ]);
    let (_, report) = check_json(dir.path(), &["api/get.md"]);
    assert_eq!(points(&report), ["schema@26:9"]);
}

#[test]
fn configuration_errors_and_rule_settings() {
    let dir = tree(&[
        (
            "api/get.md",
            get_page("contoso.api.widget", "{ \"id\": 1, }").as_bytes(),
        ),
        ("apiproof.toml", b"[rules]\njson-syntax = \"warning\"\n"),
    ]);
    let (code, report) = check_json(dir.path(), &["api/get.md"]);
    assert_eq!(code, 0);
    assert_eq!(report["diagnostics"][0]["severity"], "warning");

    std::fs::write(
        dir.path().join("apiproof.toml"),
        "[rules]\njson-syntax = \"off\"\n",
    )
    .unwrap();
    assert_eq!(
        points(&check_json(dir.path(), &["api/get.md"]).1),
        Vec::<String>::new()
    );

    std::fs::write(
        dir.path().join("apiproof.toml"),
        "[rules]\n\n[modle]\nx = 1\n",
    )
    .unwrap();
    let output = apiproof(dir.path(), &["check", "api/get.md"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("apiproof.toml:3:") && stderr.contains("modle"),
        "{stderr}"
    );
}

#[test]
fn a_collection_without_is_collection_gets_its_own_help() {
    let body = format!("{{ \"value\": [{GOOD_BODY}] }}");
    let dir = tree(&[
        ("resources/widget.md", RESOURCE.as_bytes()),
        (
            "api/get.md",
            get_page("contoso.api.widget", &body).as_bytes(),
        ),
    ]);
    let (_, report) = check_json(dir.path(), &["--root", ".", "api/get.md"]);
    assert_eq!(points(&report), ["unknown-property@26:3"]);
    let help = report["diagnostics"][0]["help"].as_str().unwrap();
    assert!(help.contains("\"isCollection\": true"), "{help}");
}

#[test]
fn templates_with_literal_ids_are_named_in_the_help() {
    let page = get_page("contoso.api.widget", GOOD_BODY)
        .replace(
            "GET /widgets/{id}",
            "GET /widgets/0b5e6d4c-3a4b-4c5d-8e9f-0a1b2c3d4e5f",
        )
        .replace(
            "GET https://api.contoso.com/v1/widgets/1",
            "GET https://api.contoso.com/v1/widgets/1/parts",
        );
    let dir = tree(&[
        ("resources/widget.md", RESOURCE.as_bytes()),
        ("api/get.md", page.as_bytes()),
    ]);
    let (_, report) = check_json(dir.path(), &["--root", ".", "api/get.md"]);
    assert_eq!(points(&report), ["example-method@18:5"]);
    let help = report["diagnostics"][0]["help"].as_str().unwrap();
    assert!(help.contains("literal ids"), "{help}");
}

#[test]
fn derived_schemas_validate_examples_when_asked() {
    let body = GOOD_BODY.replace("\"isShared\": false", "\"isShared\": \"no\"");
    let dir = tree(&[
        ("resources/widget.md", RESOURCE.as_bytes()),
        (
            "api/get.md",
            get_page("contoso.api.widget", &body).as_bytes(),
        ),
        (
            "apiproof.toml",
            b"[rules]\nproperty-type = \"off\"\n\n[model]\nvalidate_derived_schemas = true\n",
        ),
    ]);
    let (_, report) = check_json(dir.path(), &["api/get.md"]);
    // The derived schema's error points at the value, as the type rule would.
    assert_eq!(points(&report), ["schema@26:49"]);
    let message = report["diagnostics"][0]["message"].as_str().unwrap();
    assert!(message.contains("/isShared"), "{message}");
}
