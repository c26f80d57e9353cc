//! `apiproof replay`: its arguments, and the edge where a replay meets the
//! terminal (progress bar, output, exit status).
//!
//! Kept beside the replay engine rather than in `cli.rs` so the global command
//! line only needs one variant and one match arm for it.

use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use clap::ValueEnum;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use url::Url;

use crate::replay::config::{self, ReplayConfig};
use crate::replay::example;
use crate::replay::junit::junit;
use crate::replay::plan::Target;
use crate::replay::redact::Secrets;
use crate::replay::report::{self, ExampleResult};
use crate::replay::send::Limits;
use crate::replay::session::{self, Options};
use crate::workspace;

/// Exit status: every example passed or was skipped.
pub const EXIT_PASSED: u8 = 0;
/// Exit status: an example failed or errored.
pub const EXIT_FAILED: u8 = 1;
/// Exit status: usage or configuration error.
pub const EXIT_USAGE: u8 = 2;

/// Send the documented requests to a server and compare its answers with the docs.
#[derive(Debug, clap::Args)]
pub struct ReplayArgs {
    /// Files or folders of docs; folders are searched for *.md.
    #[arg(default_value = ".")]
    paths: Vec<PathBuf>,

    /// The server to replay against, such as http://127.0.0.1:8080.
    #[arg(long, value_name = "URL")]
    base_url: String,

    /// The host prefix the docs write, replaced by --base-url
    /// (default: [replay] docs_base in apiproof.toml; without either, the scheme
    /// and host of absolute URLs are replaced).
    #[arg(long, value_name = "PREFIX")]
    docs_base: Option<String>,

    /// Configuration file (default: apiproof.toml beside the first path named,
    /// else in the current folder).
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,

    /// Fill the placeholder {NAME} with VALUE (repeatable).
    #[arg(long = "set", value_name = "NAME=VALUE")]
    set: Vec<String>,

    /// Send this header with every request (repeatable).
    #[arg(long = "header", short = 'H', value_name = "NAME: VALUE")]
    headers: Vec<String>,

    /// Send header NAME with the value of environment variable VAR (repeatable).
    #[arg(long = "header-env", value_name = "NAME=VAR")]
    header_env: Vec<String>,

    /// Never show this header's value (Authorization and Cookie never are).
    #[arg(long = "secret-header", value_name = "NAME")]
    secret_headers: Vec<String>,

    /// Also send methods other than GET, HEAD and OPTIONS.
    #[arg(long)]
    allow_writes: bool,

    /// Show what would be sent, and send nothing.
    #[arg(long)]
    dry_run: bool,

    /// Requests in flight at once.
    #[arg(short = 'j', long = "jobs", default_value_t = 8, value_name = "N")]
    jobs: usize,

    /// Longest wait for one answer, such as 30s or 500ms.
    #[arg(long, default_value = "30s", value_parser = duration, value_name = "TIME")]
    timeout: Duration,

    /// Retries after a 429 or 503 answer.
    #[arg(long, default_value_t = 3, value_name = "N")]
    retries: u32,

    /// Longest Retry-After honoured; a longer one ends the retries.
    #[arg(long, default_value = "30s", value_parser = duration, value_name = "TIME")]
    max_retry_wait: Duration,

    /// Most bytes read from a response body.
    #[arg(long, default_value_t = 10 * 1024 * 1024, value_name = "BYTES")]
    max_body: u64,

    /// Skip files and folders matching this glob while walking (repeatable).
    #[arg(long, value_name = "GLOB")]
    exclude: Vec<String>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Human,
    Json,
    Junit,
}

/// Reads `30s`, `500ms`, `2m` or a number of seconds.
fn duration(text: &str) -> Result<Duration, String> {
    let text = text.trim();
    let (number, unit) = match text.find(|c: char| !(c.is_ascii_digit() || c == '.')) {
        Some(at) => text.split_at(at),
        None => (text, "s"),
    };
    let value: f64 = number
        .parse()
        .map_err(|_| format!("`{text}` is not a duration such as 30s or 500ms"))?;
    let seconds = match unit {
        "ms" => value / 1000.0,
        "s" => value,
        "m" => value * 60.0,
        _ => return Err(format!("unknown unit `{unit}`: use ms, s or m")),
    };
    Ok(Duration::from_secs_f64(seconds))
}

/// Runs `apiproof replay` and returns the exit status.
pub fn run(args: ReplayArgs) -> u8 {
    match prepare(&args) {
        Ok((examples, options, problems)) => {
            for problem in &problems {
                write_stderr(&format!("apiproof: {problem}\n"));
            }
            let status = if args.dry_run {
                write_stdout(&dry_run(&examples, &options));
                EXIT_PASSED
            } else {
                execute(examples, options, args.format)
            };
            // A page that could not be read is a failure of the run, told after
            // the examples that could be replayed.
            if problems.is_empty() {
                status
            } else {
                EXIT_USAGE
            }
        }
        Err(message) => {
            write_stderr(&format!("apiproof: {message}\n"));
            EXIT_USAGE
        }
    }
}

type Prepared = (Vec<example::Example>, Options, Vec<String>);

fn prepare(args: &ReplayArgs) -> Result<Prepared, String> {
    let base =
        Url::parse(&args.base_url).map_err(|e| format!("--base-url `{}`: {e}", args.base_url))?;
    if !matches!(base.scheme(), "http" | "https") || base.host().is_none() {
        return Err(format!(
            "--base-url `{}` is not an http(s) URL",
            args.base_url
        ));
    }
    let config = match config::discover(args.config.as_deref(), &args.paths) {
        Some(path) => config::load(&path).map_err(|e| e.to_string())?,
        None => ReplayConfig::default(),
    };
    let mut headers = Vec::new();
    for header in &args.headers {
        let (name, value) = header
            .split_once(':')
            .ok_or_else(|| format!("--header `{}` is not `Name: value`", header_name(header)))?;
        headers.push((name.trim().to_string(), value.trim().to_string()));
    }
    for pair in &args.header_env {
        let (name, variable) = pair
            .split_once('=')
            .ok_or_else(|| format!("--header-env `{pair}` is not `Name=VAR`"))?;
        let value = std::env::var(variable.trim()).map_err(|_| {
            format!("--header-env {name}: environment variable {variable} is not set")
        })?;
        headers.push((name.trim().to_string(), value));
    }
    let mut set_values = BTreeMap::new();
    for pair in &args.set {
        let (name, value) = pair
            .split_once('=')
            .ok_or_else(|| format!("--set `{pair}` is not `NAME=VALUE`"))?;
        set_values.insert(name.trim().to_string(), value.to_string());
    }
    let exclude = workspace::excludes(&args.exclude).map_err(|e| e.to_string())?;
    let (files, walk_problems) = workspace::markdown_files(&args.paths, &exclude);
    if let Some(problem) = walk_problems.first() {
        return Err(problem.to_string());
    }
    let (examples, problems) = example::load(&files);
    let mut secrets = Secrets::new(&args.secret_headers);
    secrets.learn(&headers);
    let options = Options {
        target: Target {
            base,
            docs_base: args.docs_base.clone().or(config.docs_base),
        },
        config_values: config.values,
        set_values,
        headers,
        secrets,
        allow_writes: args.allow_writes,
        concurrency: args.jobs.max(1),
        limits: Limits {
            timeout: args.timeout,
            retries: args.retries,
            max_retry_wait: args.max_retry_wait,
            max_body: args.max_body,
            connections: args.jobs.max(1),
        },
        scenarios: config.scenarios,
    };
    Ok((examples, options, problems))
}

/// The header's name only, so a malformed secret header is never echoed.
fn header_name(header: &str) -> &str {
    header.split_whitespace().next().unwrap_or_default()
}

fn dry_run(examples: &[example::Example], options: &Options) -> String {
    let mut out = String::new();
    for (label, planned) in session::dry_run(examples, options) {
        out.push_str(&label);
        out.push('\n');
        match planned {
            Ok(planned) => {
                out.push_str(&format!("  {} {}\n", planned.method, planned.url));
                for (name, value) in &planned.headers {
                    out.push_str(&format!(
                        "  {name}: {}\n",
                        options.secrets.show(name, value)
                    ));
                }
                if let Some(body) = &planned.body {
                    for line in body.lines() {
                        out.push_str(&format!("  | {}\n", options.secrets.scrub(line)));
                    }
                }
            }
            Err(reason) => out.push_str(&format!("  skip: {}\n", options.secrets.scrub(&reason))),
        }
    }
    out
}

fn execute(examples: Vec<example::Example>, options: Options, format: Format) -> u8 {
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            write_stderr(&format!(
                "apiproof: cannot start the async runtime: {error}\n"
            ));
            return EXIT_USAGE;
        }
    };
    let progress = progress_bar(examples.len() as u64);
    let bar = progress.clone();
    let on_result: Arc<dyn Fn(&ExampleResult) + Send + Sync> = Arc::new(move |result| {
        if let Some(bar) = &bar {
            bar.set_message(result.example.clone());
            bar.inc(1);
        }
    });
    let outcome = runtime.block_on(session::replay(examples, options, on_result));
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    let report = match outcome {
        Ok(report) => report,
        Err(error) => {
            write_stderr(&format!("apiproof: {error}\n"));
            return EXIT_USAGE;
        }
    };
    let text = match format {
        Format::Human => report::human(&report),
        Format::Json => report::json(&report),
        Format::Junit => junit(&report),
    };
    write_stdout(&text);
    if report.succeeded() {
        EXIT_PASSED
    } else {
        EXIT_FAILED
    }
}

/// A progress bar on standard error, only when both outputs are a terminal and
/// not in CI: piped or logged output stays free of redraws.
fn progress_bar(total: u64) -> Option<ProgressBar> {
    let in_ci = std::env::var_os("CI").is_some_and(|v| !v.is_empty());
    if in_ci || !std::io::stderr().is_terminal() || !std::io::stdout().is_terminal() {
        return None;
    }
    let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template("{bar:30} {pos}/{len} {elapsed} {wide_msg}") {
        bar.set_style(style);
    }
    Some(bar)
}

fn write_stdout(text: &str) {
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
}

fn write_stderr(text: &str) {
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(duration("500ms"), Ok(Duration::from_millis(500)));
        assert_eq!(duration("2"), Ok(Duration::from_secs(2)));
        assert_eq!(duration("1.5s"), Ok(Duration::from_millis(1500)));
        assert!(duration("2h").is_err());
    }
}
