//! `apiproof mock` as a user runs it: the binary on 127.0.0.1, port 0, and
//! `apiproof replay` or a plain HTTP client against it.

use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Child, Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_apiproof");

/// A running mock, stopped when dropped.
struct Mock {
    child: Child,
    url: String,
}

impl Mock {
    fn start(paths: &[&Path]) -> Mock {
        let mut child = Command::new(BIN)
            .arg("mock")
            .args(paths)
            .args(["--port", "0"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("mock starts");
        let stdout = child.stdout.take().expect("stdout piped");
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .expect("mock prints its address");
        let url = line
            .strip_prefix("listening on ")
            .and_then(|rest| rest.split_whitespace().next())
            .unwrap_or_else(|| panic!("unexpected first line: {line}"))
            .to_string();
        Mock { child, url }
    }

    /// Stops the mock and returns what it wrote on standard error.
    fn stop(mut self) -> String {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let mut err = String::new();
        if let Some(mut stderr) = self.child.stderr.take() {
            let _ = stderr.read_to_string(&mut err);
        }
        err
    }
}

impl Drop for Mock {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn samples() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/replay")
}

#[test]
fn replay_of_the_samples_against_their_mock_passes_every_example() {
    let samples = samples();
    let mock = Mock::start(&[&samples]);
    let output = Command::new(BIN)
        .args([
            "replay",
            "--base-url",
            &mock.url,
            "--allow-writes",
            "--format",
            "json",
        ])
        .arg(&samples)
        .output()
        .expect("replay runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let report: serde_json::Value = serde_json::from_str(&stdout).expect("JSON report");
    let summary = &report["summary"];
    assert_eq!(summary["examples"], 7, "{stdout}");
    assert_eq!(summary["passed"], 7, "{stdout}");
    assert_eq!(summary["skipped"], 0, "{stdout}");
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(report["setup"][0]["captured"][0], "first-book-id");
    let log = mock.stop();
    assert!(
        log.contains("GET /books/1/reviews?$orderby=rating%20desc 200"),
        "{log}"
    );
}

#[tokio::test]
async fn routes_match_ids_prefer_literals_and_unknown_routes_name_the_nearest() {
    let dir = tempfile::tempdir().expect("temp dir");
    let page = "<!-- {\"blockType\": \"request\"} -->\n```http\nGET /users/{id}\n```\n\
                <!-- {\"blockType\": \"response\", \"truncated\": true} -->\n```http\n\
                HTTP/1.1 200 OK\nContent-Type: application/json\nContent-Length: 999\n\n\
                {\"who\": \"someone\", ...}\n```\n\
                <!-- {\"blockType\": \"request\"} -->\n```http\nGET /users/me\n```\n\
                <!-- {\"blockType\": \"response\"} -->\n```http\nHTTP/1.1 200 OK\n\n\
                {\"who\": \"me\"}\n```\n\
                <!-- {\"blockType\": \"request\"} -->\n```http\nGET /users/42\n```\n\
                <!-- {\"blockType\": \"response\"} -->\n```http\nHTTP/1.1 404 Not Found\n```\n";
    std::fs::write(dir.path().join("users.md"), page).expect("page written");
    let mock = Mock::start(&[dir.path()]);
    let client = reqwest::Client::builder()
        .no_proxy()
        .build()
        .expect("client");

    let someone = client
        .get(format!("{}/users/abc", mock.url))
        .send()
        .await
        .expect("answer");
    assert_eq!(someone.status(), 200);
    assert_eq!(
        someone.headers()["content-type"].to_str().ok(),
        Some("application/json")
    );
    let body: serde_json::Value =
        serde_json::from_str(&someone.text().await.expect("body")).expect("JSON, no elision");
    assert_eq!(body, serde_json::json!({"who": "someone"}));

    let me = client
        .get(format!("{}/users/me", mock.url))
        .send()
        .await
        .expect("answer");
    assert_eq!(me.text().await.expect("body"), "{\"who\":\"me\"}");

    let unknown = client
        .get(format!("{}/usrs/7", mock.url))
        .send()
        .await
        .expect("answer");
    assert_eq!(unknown.status(), 404);
    let body: serde_json::Value =
        serde_json::from_str(&unknown.text().await.expect("body")).expect("JSON");
    assert_eq!(body["nearest"][0], "GET /users/{id}");

    let log = mock.stop();
    assert!(log.contains("not served:"), "{log}");
    assert!(log.contains("route GET /users/42 is served by"), "{log}");
    assert!(log.contains("GET /usrs/7 404"), "{log}");
}
