//! `apiproof replay` against a test server that deviates from its docs in known
//! ways, and against a second loopback host that a redirect points to.
//!
//! The servers run in this process on 127.0.0.1 and 127.0.0.2, port 0; the
//! binary runs as a user runs it. No assertion depends on elapsed time.

use std::net::SocketAddr;
use std::path::Path;
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use serde_json::{json, Value};

const BIN: &str = env!("CARGO_BIN_EXE_apiproof");
const TOKEN: &str = "tok-SECRET-0001";
const API_KEY: &str = "key-SECRET-0002";

/// Requests a server saw: path and headers as text.
type Seen = Arc<Mutex<Vec<String>>>;

#[derive(Clone)]
struct Deviant {
    busy_calls: Arc<AtomicUsize>,
    other_host: String,
    seen: Seen,
}

fn record(seen: &Seen, uri: &Uri, headers: &HeaderMap) {
    let mut text = format!("{uri}");
    for (name, value) in headers {
        text.push_str(&format!("\n{name}: {}", value.to_str().unwrap_or("?")));
    }
    seen.lock().expect("lock").push(text);
}

fn json_response(status: StatusCode, body: Value) -> Response {
    (
        status,
        [("content-type", "application/json")],
        body.to_string(),
    )
        .into_response()
}

async fn deviant(State(state): State<Deviant>, uri: Uri, headers: HeaderMap) -> Response {
    record(&state.seen, &uri, &headers);
    match uri.path() {
        "/status" => json_response(StatusCode::NOT_FOUND, json!({"error": "gone"})),
        "/missing" => json_response(StatusCode::OK, json!({"id": "1"})),
        "/type" => json_response(StatusCode::OK, json!({"id": 1, "name": "x"})),
        "/extra" => json_response(StatusCode::OK, json!({"id": "1", "extra": true})),
        "/html" => (
            StatusCode::OK,
            [("content-type", "text/html")],
            "<html>hi</html>",
        )
            .into_response(),
        "/slow" => {
            tokio::time::sleep(Duration::from_secs(30)).await;
            json_response(StatusCode::OK, json!({"id": "1"}))
        }
        "/busy" => {
            if state.busy_calls.fetch_add(1, Ordering::SeqCst) == 0 {
                (StatusCode::TOO_MANY_REQUESTS, [("retry-after", "1")], "").into_response()
            } else {
                json_response(StatusCode::OK, json!({"id": "1"}))
            }
        }
        "/big" => json_response(StatusCode::OK, json!({"id": "x".repeat(200_000)})),
        "/hop" => (StatusCode::FOUND, [("location", "/extra")], "").into_response(),
        "/redirect" => (
            StatusCode::FOUND,
            [("location", format!("{}/landing", state.other_host))],
            "",
        )
            .into_response(),
        _ => json_response(StatusCode::NOT_FOUND, json!({"error": "unknown"})),
    }
}

async fn other_host(State(seen): State<Seen>, uri: Uri, headers: HeaderMap) -> Response {
    record(&seen, &uri, &headers);
    json_response(StatusCode::OK, json!({"id": "1"}))
}

fn page(name: &str, path: &str, documented: &str) -> String {
    format!(
        "<!-- {{\"blockType\": \"request\", \"name\": \"{name}\"}} -->\n\
         ```http\nGET {path}\n```\n\n\
         <!-- {{\"blockType\": \"response\", \"name\": \"{name}\"}} -->\n```http\nHTTP/1.1 200 OK\n\
         Content-Type: application/json\n\n{documented}\n```\n\n"
    )
}

/// The docs the deviant server is measured against.
fn docs(dir: &Path) -> String {
    let mut text = String::from("# Deviations\n\n");
    text.push_str(&page("wrong_status", "/status", "{\"id\": \"1\"}"));
    text.push_str(&page(
        "missing_property",
        "/missing",
        "{\"id\": \"1\", \"name\": \"x\"}",
    ));
    text.push_str(&page(
        "wrong_type",
        "/type",
        "{\"id\": \"1\", \"name\": \"x\"}",
    ));
    text.push_str(&page("extra_property", "/extra", "{\"id\": \"1\"}"));
    text.push_str(&page("not_json", "/html", "{\"id\": \"1\"}"));
    text.push_str(&page("too_slow", "/slow", "{\"id\": \"1\"}"));
    text.push_str(&page("busy_then_fine", "/busy", "{\"id\": \"1\"}"));
    text.push_str(&page("too_big", "/big", "{\"id\": \"1\"}"));
    text.push_str(&page("redirect_elsewhere", "/redirect", "{\"id\": \"1\"}"));
    text.push_str(&page("redirect_same_host", "/hop", "{\"id\": \"1\"}"));
    text.push_str(&page("unfilled", "/things/{thing-id}", "{\"id\": \"1\"}"));
    text.push_str(
        "<!-- {\"blockType\": \"request\", \"name\": \"delete_thing\"} -->\n```http\n\
         DELETE /things/1\n```\n\n<!-- {\"blockType\": \"response\"} -->\n```http\n\
         HTTP/1.1 204 No Content\n```\n",
    );
    std::fs::write(dir.join("deviations.md"), &text).expect("docs written");
    text
}

/// 1-based line and column of the first `needle` after `after` in `text`.
fn position(text: &str, after: &str, needle: &str) -> (usize, usize) {
    let start = text.find(after).expect("anchor");
    let at = start + text[start..].find(needle).expect("needle");
    let line = text[..at].matches('\n').count() + 1;
    let column = text[..at]
        .rsplit('\n')
        .next()
        .map_or(0, |l| l.chars().count())
        + 1;
    (line, column)
}

struct Servers {
    runtime: tokio::runtime::Runtime,
    target: String,
    target_seen: Seen,
    other_seen: Seen,
}

fn servers() -> Servers {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let other_seen: Seen = Arc::default();
    let target_seen: Seen = Arc::default();
    let (target, _) = runtime.block_on(async {
        let other = tokio::net::TcpListener::bind("127.0.0.2:0")
            .await
            .expect("second loopback host");
        let other_addr: SocketAddr = other.local_addr().expect("address");
        let other_app = Router::new()
            .fallback(get(other_host))
            .with_state(Arc::clone(&other_seen));
        tokio::spawn(async move { axum::serve(other, other_app).await });

        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("target");
        let addr = listener.local_addr().expect("address");
        let state = Deviant {
            busy_calls: Arc::default(),
            other_host: format!("http://{other_addr}"),
            seen: Arc::clone(&target_seen),
        };
        let app = Router::new().fallback(deviant).with_state(state);
        tokio::spawn(async move { axum::serve(listener, app).await });
        (format!("http://{addr}"), other_addr)
    });
    Servers {
        runtime,
        target,
        target_seen,
        other_seen,
    }
}

fn replay(dir: &Path, base: &str, extra: &[&str]) -> Output {
    Command::new(BIN)
        .arg("replay")
        .arg(dir)
        .args([
            "--base-url",
            base,
            "--timeout",
            "2s",
            "--max-body",
            "100000",
        ])
        .args(["-H", &format!("Authorization: Bearer {TOKEN}")])
        .args(["--header-env", "X-Api-Key=APIPROOF_TEST_KEY"])
        .args(["--secret-header", "x-api-key"])
        .env("APIPROOF_TEST_KEY", API_KEY)
        .args(extra)
        .output()
        .expect("replay runs")
}

fn assert_no_secret(output: &Output) {
    for stream in [&output.stdout, &output.stderr] {
        let text = String::from_utf8_lossy(stream);
        assert!(!text.contains("SECRET"), "a secret leaked:\n{text}");
    }
}

fn result<'a>(report: &'a Value, name: &str) -> &'a Value {
    report["results"]
        .as_array()
        .and_then(|all| all.iter().find(|r| r["example"] == name))
        .unwrap_or_else(|| panic!("no result for {name}"))
}

#[test]
fn each_deviation_shows_in_the_json_report_and_no_secret_leaks() {
    let servers = servers();
    let dir = tempfile::tempdir().expect("temp dir");
    let text = docs(dir.path());

    let output = replay(dir.path(), &servers.target, &["--format", "json"]);
    assert_no_secret(&output);
    assert_eq!(output.status.code(), Some(1));
    let report: Value = serde_json::from_slice(&output.stdout).expect("JSON report");
    assert_eq!(report["version"], 1);
    let summary = &report["summary"];
    assert_eq!(summary["examples"], 12);
    assert_eq!(summary["passed"], 3, "{report:#}");
    assert_eq!(summary["failed"], 4, "{report:#}");
    assert_eq!(summary["errored"], 3, "{report:#}");
    assert_eq!(summary["skipped"], 2, "{report:#}");

    let status = result(&report, "wrong_status");
    assert_eq!(status["outcome"], "fail");
    assert_eq!(status["expected_status"], 200);
    assert_eq!(status["actual_status"], 404);
    assert_eq!(status["differences"][0]["kind"], "status");

    let missing = result(&report, "missing_property");
    assert_eq!(missing["outcome"], "fail");
    let difference = &missing["differences"][0];
    assert_eq!(difference["json_path"], "$.name");
    assert_eq!(difference["expected"], "string");
    assert_eq!(difference["actual"], "missing");
    let (line, column) = position(&text, "GET /missing", "\"x\"");
    assert_eq!(
        (difference["line"].clone(), difference["column"].clone()),
        (json!(line), json!(column))
    );

    let wrong_type = &result(&report, "wrong_type")["differences"][0];
    assert_eq!(wrong_type["json_path"], "$.id");
    assert_eq!(wrong_type["expected"], "string");
    assert_eq!(wrong_type["actual"], "number");
    let (line, column) = position(&text, "GET /type", "\"1\"");
    assert_eq!(
        (wrong_type["line"].clone(), wrong_type["column"].clone()),
        (json!(line), json!(column))
    );

    let extra = result(&report, "extra_property");
    assert_eq!(extra["outcome"], "pass");
    assert_eq!(extra["differences"], json!([]));
    assert_eq!(extra["information"][0]["json_path"], "$.extra");
    assert_eq!(extra["information"][0]["kind"], "undocumented");

    let not_json = result(&report, "not_json");
    assert_eq!(not_json["outcome"], "error");
    assert!(not_json["reason"]
        .as_str()
        .is_some_and(|r| r.contains("not JSON")));
    assert_eq!(not_json["differences"][0]["kind"], "content-type");

    let slow = result(&report, "too_slow");
    assert_eq!(slow["outcome"], "error");
    assert!(slow["reason"]
        .as_str()
        .is_some_and(|r| r.contains("no complete answer")));

    let busy = result(&report, "busy_then_fine");
    assert_eq!(busy["outcome"], "pass");
    assert_eq!(busy["attempts"], 2);

    let big = result(&report, "too_big");
    assert_eq!(big["outcome"], "error");
    assert!(big["reason"]
        .as_str()
        .is_some_and(|r| r.contains("larger than 100000")));

    let redirect = result(&report, "redirect_elsewhere");
    assert_eq!(redirect["outcome"], "fail");
    assert_eq!(redirect["actual_status"], 302);
    assert!(redirect["notes"][0]
        .as_str()
        .is_some_and(|n| n.contains("not followed")));

    // A redirect within the target is followed, with its headers.
    assert_eq!(result(&report, "redirect_same_host")["outcome"], "pass");

    let unfilled = result(&report, "unfilled");
    assert_eq!(unfilled["outcome"], "skip");
    assert_eq!(unfilled["reason"], "no value for {thing-id}");
    let delete = result(&report, "delete_thing");
    assert_eq!(delete["outcome"], "skip");
    assert!(delete["reason"]
        .as_str()
        .is_some_and(|r| r.contains("--allow-writes")));

    // The other host got nothing at all, so no secret either; the target got both.
    assert!(servers.other_seen.lock().expect("lock").is_empty());
    let seen = servers.target_seen.lock().expect("lock").clone();
    let landed = seen
        .iter()
        .find(|r| r.starts_with("/extra") && r.contains(TOKEN));
    assert!(landed.is_some_and(|r| r.contains(API_KEY)));
    let target_seen = seen.join("\n");
    assert!(
        !target_seen.contains("/things/1"),
        "a DELETE was sent without --allow-writes"
    );

    let human = replay(dir.path(), &servers.target, &["--format", "human"]);
    assert_no_secret(&human);
    assert_eq!(human.status.code(), Some(1));
    let human = String::from_utf8_lossy(&human.stdout);
    assert!(
        human.contains("$.id: documented string, got number at"),
        "{human}"
    );
    assert!(human.contains("12 examples: 3 passed, 4 failed, 3 errored, 2 skipped ("));

    let junit = replay(dir.path(), &servers.target, &["--format", "junit"]);
    assert_no_secret(&junit);
    assert_eq!(junit.status.code(), Some(1));
    let junit = String::from_utf8_lossy(&junit.stdout);
    assert_eq!(junit.matches("<testcase ").count(), 12);
    assert_eq!(junit.matches("<failure ").count(), 4);
    assert_eq!(junit.matches("<error ").count(), 3);
    assert_eq!(junit.matches("<skipped ").count(), 2);
    let dry = replay(
        dir.path(),
        &servers.target,
        &["--dry-run", "--allow-writes"],
    );
    assert_no_secret(&dry);
    let dry_text = String::from_utf8_lossy(&dry.stdout);
    assert!(dry_text.contains("Authorization: ***") && dry_text.contains("X-Api-Key: ***"));
    assert!(dry_text.contains("DELETE"));
    drop(servers.runtime);
}

#[test]
fn a_refused_connection_is_an_error_of_the_example() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("one.md"),
        page("one", "/one", "{\"id\": \"1\"}"),
    )
    .expect("docs written");
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("free port");
        listener.local_addr().expect("address").port()
    };
    let output = replay(
        dir.path(),
        &format!("http://127.0.0.1:{port}"),
        &["--format", "json"],
    );
    assert_no_secret(&output);
    assert_eq!(output.status.code(), Some(1));
    let report: Value = serde_json::from_slice(&output.stdout).expect("JSON report");
    let one = result(&report, "one");
    assert_eq!(one["outcome"], "error");
    assert!(one["reason"]
        .as_str()
        .is_some_and(|r| r.starts_with("cannot connect")));
}

#[test]
fn usage_and_configuration_errors_exit_with_2() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("apiproof.toml"), "[replay]\nvalues = 3\n").expect("config");
    let bad_config = replay(dir.path(), "http://127.0.0.1:9", &[]);
    assert_eq!(bad_config.status.code(), Some(2));
    let bad_url = Command::new(BIN)
        .args(["replay", "--base-url", "ftp://x"])
        .arg(dir.path())
        .output()
        .expect("replay runs");
    assert_eq!(bad_url.status.code(), Some(2));
}

#[test]
fn a_tls_failure_is_an_error_of_the_example() {
    let servers = servers();
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("one.md"),
        page("one", "/extra", "{\"id\": \"1\"}"),
    )
    .expect("docs written");
    // The test server speaks plain HTTP, so a TLS handshake with it fails.
    let base = servers.target.replacen("http://", "https://", 1);
    let output = replay(dir.path(), &base, &["--format", "json"]);
    assert_no_secret(&output);
    let report: Value = serde_json::from_slice(&output.stdout).expect("JSON report");
    let one = result(&report, "one");
    assert_eq!(one["outcome"], "error");
    assert!(one["reason"]
        .as_str()
        .is_some_and(|r| r.starts_with("TLS error")));
    drop(servers.runtime);
}
