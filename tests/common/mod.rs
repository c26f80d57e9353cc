//! Helpers shared by the integration tests: run the binary, read its JSON report.
#![allow(dead_code)]

use std::path::Path;
use std::process::{Command, Output};

/// Runs `apiproof` with `args` in `dir`.
pub fn apiproof(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_apiproof"))
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .expect("apiproof runs")
}

/// Runs `apiproof check --format json` on `paths` and returns the exit code and report.
pub fn check_json(dir: &Path, args: &[&str]) -> (i32, serde_json::Value) {
    let mut all = vec!["check", "--format", "json"];
    all.extend_from_slice(args);
    let output = apiproof(dir, &all);
    let stdout = String::from_utf8(output.stdout).expect("UTF-8 report");
    let report = serde_json::from_str(&stdout)
        .unwrap_or_else(|e| panic!("JSON report expected ({e}): {stdout}"));
    (output.status.code().expect("exit code"), report)
}

/// `rule@line:column` for each diagnostic, in report order.
pub fn points(report: &serde_json::Value) -> Vec<String> {
    report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            format!(
                "{}@{}:{}",
                d["rule"].as_str().unwrap(),
                d["line"],
                d["column"]
            )
        })
        .collect()
}

/// The folder of the test fixtures.
pub fn fixtures() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Writes `files` (path, content) into a new temporary folder.
pub fn tree(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (path, content) in files {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, content).unwrap();
    }
    dir
}
