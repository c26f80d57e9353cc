//! One replay: scenario setup first, then every example concurrently, each sent,
//! compared and turned into a result.
//!
//! The caller gets each result as soon as it is known (for a progress bar) and
//! the whole report at the end, in page order whatever the finishing order.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Instant;

use serde_json_path::JsonPath;
use tokio::task::JoinSet;

use crate::replay::compare::{self, Comparison, Difference};
use crate::replay::config::Scenario;
use crate::replay::example::{Example, Request};
use crate::replay::plan::{self, Planned, Target};
use crate::replay::redact::Secrets;
use crate::replay::report::{ExampleResult, Outcome, Report, SetupResult, Shown};
use crate::replay::send::{Limits, SendError, Sender};

/// Methods sent without `--allow-writes`.
pub const SAFE_METHODS: &[&str] = &["GET", "HEAD", "OPTIONS"];

/// Everything a replay needs besides the examples.
#[derive(Debug, Clone)]
pub struct Options {
    /// Where requests go.
    pub target: Target,
    /// Placeholder values from the configuration.
    pub config_values: BTreeMap<String, String>,
    /// Placeholder values from `--set`, which win over all others.
    pub set_values: BTreeMap<String, String>,
    /// Headers sent with every request.
    pub headers: Vec<(String, String)>,
    /// Which header values are secret.
    pub secrets: Secrets,
    /// Send methods other than GET, HEAD and OPTIONS.
    pub allow_writes: bool,
    /// Requests in flight at once.
    pub concurrency: usize,
    /// Timeout, retries and body cap.
    pub limits: Limits,
    /// Scenarios whose setup runs first.
    pub scenarios: Vec<Scenario>,
}

/// What the workers of one replay share.
struct Shared {
    examples: Vec<Example>,
    /// Index of the next example to take.
    next: AtomicUsize,
    sender: Arc<Sender>,
    values: BTreeMap<String, String>,
    options: Options,
    secrets: Secrets,
    on_result: Arc<dyn Fn(&ExampleResult) + Send + Sync>,
}

/// Whether a method may be sent without `--allow-writes`.
pub fn is_safe(method: &str) -> bool {
    SAFE_METHODS.contains(&method)
}

/// What a dry run shows for one example: the request, or why it would be skipped.
pub fn dry_run(examples: &[Example], options: &Options) -> Vec<(String, Result<Planned, String>)> {
    let mut values = options.config_values.clone();
    for scenario in &options.scenarios {
        for setup in &scenario.setup {
            for name in setup.capture.keys() {
                values.insert(name.clone(), format!("{{{name}}}"));
            }
        }
    }
    values.extend(options.set_values.clone());
    examples
        .iter()
        .map(|example| {
            let planned = planned(example, options, &values);
            (
                format!(
                    "{} [{}:{}]",
                    example.label(),
                    example.page.path,
                    example.line()
                ),
                planned,
            )
        })
        .collect()
}

fn planned(
    example: &Example,
    options: &Options,
    values: &BTreeMap<String, String>,
) -> Result<Planned, String> {
    let request = example.request.as_ref().map_err(Clone::clone)?;
    if !crate::http::is_method(&request.method) {
        return Err(format!(
            "`{}` is not an HTTP method (see `apiproof check`)",
            request.method
        ));
    }
    if example.response.is_none() {
        return Err("no response block answers this request".into());
    }
    if example
        .response
        .as_ref()
        .is_some_and(|r| r.json_error.is_some())
    {
        return Err("the documented response body is not valid JSON (see `apiproof check`)".into());
    }
    let planned = plan::plan(request, &options.target, values, &options.headers)
        .map_err(|e| e.to_string())?;
    if !options.allow_writes && !is_safe(&planned.method) {
        return Err(format!(
            "{} may change data on the server; pass --allow-writes to send it",
            planned.method
        ));
    }
    Ok(planned)
}

/// Runs the scenarios, then replays the examples; `on_result` sees each result
/// as it comes.
pub async fn replay(
    examples: Vec<Example>,
    options: Options,
    on_result: Arc<dyn Fn(&ExampleResult) + Send + Sync>,
) -> Result<Report, SendError> {
    let mut secrets = options.secrets.clone();
    secrets.learn(&options.headers);
    let sender = Arc::new(Sender::new(&options.target.base, options.limits.clone())?);
    // The clock starts once the client is built: the report's duration is the
    // time spent on requests, setup included.
    let started = Instant::now();

    let mut values = options.config_values.clone();
    let setup = run_scenarios(&sender, &options, &secrets, &mut values).await;
    values.extend(options.set_values.clone());

    // A fixed pool of workers takes the next example as it frees up: as many
    // requests in flight as asked, without a task and a wake-up per example.
    let total = examples.len();
    let shared = Arc::new(Shared {
        examples,
        next: AtomicUsize::new(0),
        sender,
        values,
        options,
        secrets,
        on_result,
    });
    let mut workers = JoinSet::new();
    for _ in 0..shared.options.concurrency.clamp(1, total.max(1)) {
        let shared = Arc::clone(&shared);
        workers.spawn(async move {
            let mut done = Vec::new();
            loop {
                let index = shared.next.fetch_add(1, Ordering::Relaxed);
                let Some(example) = shared.examples.get(index) else {
                    break;
                };
                let result = run_example(
                    example,
                    &shared.sender,
                    &shared.options,
                    &shared.values,
                    &shared.secrets,
                )
                .await;
                (shared.on_result)(&result);
                done.push((index, result));
            }
            done
        });
    }
    let mut results = Vec::with_capacity(total);
    while let Some(joined) = workers.join_next().await {
        if let Ok(done) = joined {
            results.extend(done);
        }
    }
    results.sort_by_key(|(index, _)| *index);
    let results = results.into_iter().map(|(_, result)| result).collect();
    let elapsed = started.elapsed().as_millis() as u64;
    Ok(Report::new(results, setup, elapsed))
}

async fn run_scenarios(
    sender: &Sender,
    options: &Options,
    secrets: &Secrets,
    values: &mut BTreeMap<String, String>,
) -> Vec<SetupResult> {
    let mut out = Vec::new();
    for scenario in &options.scenarios {
        for setup in &scenario.setup {
            let request = Request {
                method: setup.method.to_ascii_uppercase(),
                url: setup.url.clone(),
                headers: setup
                    .headers
                    .iter()
                    .map(|(n, v)| (n.clone(), v.clone()))
                    .collect(),
                body: setup.body.clone(),
            };
            let mut result = SetupResult {
                scenario: scenario.name.clone(),
                method: request.method.clone(),
                url: request.url.clone(),
                status: None,
                captured: Vec::new(),
                error: None,
            };
            let mut current = values.clone();
            current.extend(options.set_values.clone());
            let planned = match plan::plan(&request, &options.target, &current, &options.headers) {
                Ok(planned) => planned,
                Err(error) => {
                    result.error = Some(error.to_string());
                    out.push(result);
                    continue;
                }
            };
            result.url = planned.url.to_string();
            if !options.allow_writes && !is_safe(&planned.method) {
                result.error = Some(format!(
                    "{} not sent: pass --allow-writes to run this setup",
                    planned.method
                ));
                out.push(result);
                continue;
            }
            match sender.send(&planned).await {
                Ok(received) => {
                    result.status = Some(received.status);
                    capture(setup, &received.body, values, &mut result);
                }
                Err(error) => result.error = Some(secrets.scrub(&error.to_string())),
            }
            out.push(result);
        }
    }
    out
}

/// Evaluates a setup's captures on its JSON response.
fn capture(
    setup: &crate::replay::config::SetupRequest,
    body: &[u8],
    values: &mut BTreeMap<String, String>,
    result: &mut SetupResult,
) {
    let json: serde_json::Value = match serde_json::from_slice(body) {
        Ok(json) => json,
        Err(error) => {
            result.error = Some(format!("response is not JSON: {error}"));
            return;
        }
    };
    let mut failed = Vec::new();
    for (name, path) in &setup.capture {
        let found = JsonPath::parse(path)
            .ok()
            .and_then(|p| p.query(&json).first().cloned());
        match found {
            Some(serde_json::Value::String(text)) => {
                values.insert(name.clone(), text);
                result.captured.push(name.clone());
            }
            Some(value @ (serde_json::Value::Number(_) | serde_json::Value::Bool(_))) => {
                values.insert(name.clone(), value.to_string());
                result.captured.push(name.clone());
            }
            _ => failed.push(format!("`{path}` matched no scalar for {{{name}}}")),
        }
    }
    if !failed.is_empty() {
        result.error = Some(failed.join("; "));
    }
}

async fn run_example(
    example: &Example,
    sender: &Sender,
    options: &Options,
    values: &BTreeMap<String, String>,
    secrets: &Secrets,
) -> ExampleResult {
    let mut result = ExampleResult {
        example: example.label(),
        path: example.page.path.clone(),
        line: example.line(),
        method: example
            .request
            .as_ref()
            .map_or(String::new(), |r| r.method.clone()),
        url: example
            .request
            .as_ref()
            .map_or(String::new(), |r| r.url.clone()),
        outcome: Outcome::Skip,
        expected_status: example.response.as_ref().map(|r| r.status),
        actual_status: None,
        duration_ms: None,
        attempts: 0,
        differences: Vec::new(),
        information: Vec::new(),
        reason: None,
        notes: Vec::new(),
    };
    let planned = match planned(example, options, values) {
        Ok(planned) => planned,
        Err(reason) => {
            result.reason = Some(secrets.scrub(&reason));
            return result;
        }
    };
    result.method = planned.method.clone();
    result.url = secrets.scrub(planned.url.as_str());
    let Some(expected) = &example.response else {
        return result;
    };

    let started = Instant::now();
    let sent = sender.send(&planned).await;
    result.duration_ms = Some(started.elapsed().as_millis() as u64);
    let received = match sent {
        Ok(received) => received,
        Err(error) => {
            result.outcome = Outcome::Error;
            result.reason = Some(secrets.scrub(&error.to_string()));
            return result;
        }
    };
    result.actual_status = Some(received.status);
    result.attempts = received.attempts;
    if received.attempts > 1 {
        result
            .notes
            .push(format!("answered after {} attempts", received.attempts));
    }
    if let Some(location) = &received.redirect_refused {
        result.notes.push(format!(
            "redirect to {} not followed: it leaves the target, and headers are sent to the \
             target only",
            secrets.scrub(location)
        ));
    }

    let mut comparison = Comparison::default();
    compare::head(
        expected,
        received.status,
        received.content_type.as_deref(),
        &mut comparison,
    );
    let status_matches = expected.status == received.status;
    if let (Some(documented), true, false) =
        (&expected.json, status_matches, planned.method == "HEAD")
    {
        match serde_json::from_slice::<serde_json::Value>(&received.body) {
            Ok(actual) => compare::shape(documented, &actual, &mut comparison),
            Err(error) => {
                result.outcome = Outcome::Error;
                let media = received
                    .content_type
                    .as_deref()
                    .unwrap_or("no Content-Type");
                result.reason = Some(format!(
                    "response body is not JSON ({media}, {} bytes): {error}",
                    received.body.len()
                ));
            }
        }
    }
    result.differences = shown(example, &comparison.failures);
    result.information = shown(example, &comparison.information);
    if result.outcome != Outcome::Error {
        result.outcome = if result.differences.is_empty() {
            Outcome::Pass
        } else {
            Outcome::Fail
        };
    }
    result
}

fn shown(example: &Example, differences: &[Difference]) -> Vec<Shown> {
    differences
        .iter()
        .map(|d| {
            let place = d.offset.map(|offset| example.page.line_column(offset));
            Shown {
                kind: d.kind,
                json_path: d.json_path.clone(),
                expected: d.expected.clone(),
                actual: d.actual.clone(),
                line: place.map(|p| p.0),
                column: place.map(|p| p.1),
            }
        })
        .collect()
}
