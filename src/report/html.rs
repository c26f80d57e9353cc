//! The HTML page: totals, charts, tables by rule, page and method, and every
//! finding with its snippet, in that order. Everything shown from the docs or
//! the replay report is escaped here, at the one place text meets markup.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Document;
use crate::run::RunReport;

use super::chart::{self, Bar};
use super::escape::html as esc;
use super::link::Linker;
use super::methods::{Method, Methods};
use super::replay::{ExampleResult, Replay, OUTCOMES};
use super::{csp, snippet};

/// The page's style sheet.
const STYLE: &str = include_str!("page.css");
/// The page's script: the findings filters.
const SCRIPT: &str = include_str!("filter.js");

/// What the page is made from.
pub struct Input<'a> {
    /// The check of the docs.
    pub report: &'a RunReport,
    /// The documented methods, with their replay results.
    pub methods: &'a Methods<'a>,
    /// The replay report, if one was given.
    pub replay: Option<&'a Replay>,
    /// Links to the pages.
    pub links: &'a Linker,
}

/// Counts of one rule.
#[derive(Default)]
struct RuleCount {
    by_severity: [usize; 3],
}

impl RuleCount {
    fn total(&self) -> usize {
        self.by_severity.iter().sum()
    }
}

fn slot(severity: Severity) -> usize {
    match severity {
        Severity::Info => 0,
        Severity::Warning => 1,
        Severity::Error => 2,
    }
}

/// The whole page.
pub fn render(input: &Input) -> String {
    let rules = rule_counts(input.report);
    let mut body = String::new();
    body.push_str(&header(input));
    body.push_str(&overview(input, &rules));
    body.push_str(&rule_table(&rules));
    body.push_str(&page_table(input));
    body.push_str(&method_table(input));
    body.push_str(&findings(input, &rules));
    body.push_str(&failures(input));
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{policy}\">\n\
         <meta name=\"referrer\" content=\"no-referrer\">\n\
         <title>API docs conformance report</title>\n<style>{STYLE}</style>\n</head>\n\
         <body>\n<main>\n{body}</main>\n<script>{SCRIPT}</script>\n</body>\n</html>\n",
        policy = csp::policy(STYLE, SCRIPT),
    )
}

/// Findings per rule, most first, then by id.
fn rule_counts(report: &RunReport) -> Vec<(&'static str, RuleCount)> {
    let mut counts: BTreeMap<&'static str, RuleCount> = BTreeMap::new();
    for diagnostic in report.pages.iter().flat_map(|p| &p.diagnostics) {
        counts.entry(diagnostic.rule).or_default().by_severity[slot(diagnostic.severity)] += 1;
    }
    let mut counts: Vec<(&'static str, RuleCount)> = counts.into_iter().collect();
    counts.sort_by(|a, b| b.1.total().cmp(&a.1.total()).then(a.0.cmp(b.0)));
    counts
}

fn header(input: &Input) -> String {
    let summary = input.report.summary();
    let mut out = String::from("<header>\n<h1>API docs conformance report</h1>\n");
    let _ = writeln!(
        out,
        "<p class=\"sub\">Written by apiproof {} from {} pages and {} examples{}.</p>",
        env!("CARGO_PKG_VERSION"),
        summary.files,
        summary.blocks,
        if input.replay.is_some() {
            ", with the outcomes of a replay report"
        } else {
            ""
        }
    );
    out.push_str("<div class=\"cards\" id=\"totals\">\n");
    let cards = [
        ("total-files", "pages", summary.files, ""),
        ("total-blocks", "examples", summary.blocks, ""),
        ("total-methods", "methods", input.methods.entries.len(), ""),
        ("total-errors", "errors", summary.errors, "error"),
        ("total-warnings", "warnings", summary.warnings, "warning"),
        ("total-infos", "infos", summary.infos, "info"),
    ];
    for (id, what, number, class) in cards {
        out.push_str(&card(id, what, number, class));
    }
    if let Some(replay) = input.replay {
        let counts = replay.counts();
        let classes = ["pass", "fail", "errored", "skip"];
        let words = ["passed", "failed", "errored", "skipped"];
        for i in 0..OUTCOMES.len() {
            let id = format!("replay-{}", OUTCOMES[i]);
            out.push_str(&card(&id, words[i], counts[i], classes[i]));
        }
    }
    out.push_str("</div>\n</header>\n");
    out
}

fn card(id: &str, what: &str, number: usize, class: &str) -> String {
    format!(
        "<div class=\"card {class}\"><span class=\"num\" id=\"{id}\">{number}</span>\
         <span class=\"what\">{what}</span></div>\n"
    )
}

fn overview(input: &Input, rules: &[(&'static str, RuleCount)]) -> String {
    let mut out =
        String::from("<section id=\"overview\">\n<h2>Overview</h2>\n<div class=\"charts\">\n");
    let bars: Vec<Bar> = rules
        .iter()
        .map(|(rule, count)| Bar {
            label: (*rule).to_string(),
            parts: vec![
                (count.by_severity[2], "error"),
                (count.by_severity[1], "warning"),
                (count.by_severity[0], "info"),
            ],
        })
        .collect();
    let _ = writeln!(
        out,
        "<div class=\"chart-box\"><h3>Findings by rule</h3>{}</div>",
        chart::bars("Findings by rule", &bars)
    );
    if let Some(replay) = input.replay {
        let counts = replay.counts();
        let classes = ["pass", "fail", "errored", "skip"];
        let bars: Vec<Bar> = (0..OUTCOMES.len())
            .map(|i| Bar {
                label: OUTCOMES[i].to_string(),
                parts: vec![(counts[i], classes[i])],
            })
            .collect();
        let _ = writeln!(
            out,
            "<div class=\"chart-box\"><h3>Replay outcomes</h3>{}</div>",
            chart::bars("Replay outcomes", &bars)
        );
    }
    out.push_str("</div>\n</section>\n");
    out
}

/// A right-aligned count cell, faded when zero.
fn count_cell(n: usize, class: &str) -> String {
    if n == 0 {
        "<td class=\"n zero\">0</td>".to_string()
    } else {
        format!("<td class=\"n count {class}\">{n}</td>")
    }
}

fn rule_table(rules: &[(&'static str, RuleCount)]) -> String {
    let mut out = String::from(
        "<section id=\"rules\">\n<h2>Findings by rule</h2>\n<table id=\"rule-table\">\n\
         <thead><tr><th>rule</th><th>default severity</th><th>summary</th>\
         <th class=\"n\">errors</th><th class=\"n\">warnings</th><th class=\"n\">infos</th>\
         <th class=\"n\">total</th></tr></thead>\n<tbody>\n",
    );
    for (rule, count) in rules {
        let meta = crate::rules::find(rule);
        let _ = writeln!(
            out,
            "<tr data-rule=\"{id}\"><td><button type=\"button\" class=\"rule-filter\" \
             data-rule=\"{id}\" title=\"show only these findings\">{id}</button></td>\
             <td>{default}</td><td>{summary}</td>{e}{w}{i}<td class=\"n total\">{total}</td></tr>",
            id = esc(rule),
            default = meta.map_or("", |m| m.severity.as_str()),
            summary = esc(meta.map_or("", |m| m.summary)),
            e = count_cell(count.by_severity[2], "error"),
            w = count_cell(count.by_severity[1], "warning"),
            i = count_cell(count.by_severity[0], "info"),
            total = count.total(),
        );
    }
    if rules.is_empty() {
        out.push_str("<tr><td colspan=\"7\">No findings: every page is clean.</td></tr>\n");
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
    out
}

fn page_table(input: &Input) -> String {
    let mut out = String::from(
        "<section id=\"pages\">\n<h2>Findings by page</h2>\n<table id=\"page-table\">\n\
         <thead><tr><th>page</th><th class=\"n\">examples</th><th class=\"n\">errors</th>\
         <th class=\"n\">warnings</th><th class=\"n\">infos</th></tr></thead>\n<tbody>\n",
    );
    for page in &input.report.pages {
        let mut counts = [0usize; 3];
        for diagnostic in &page.diagnostics {
            counts[slot(diagnostic.severity)] += 1;
        }
        let path = &page.document.path;
        let _ = writeln!(
            out,
            "<tr data-page=\"{p}\"><td class=\"mono\"><a href=\"{href}\">{p}</a></td>\
             <td class=\"n\">{examples}</td>{e}{w}{i}</tr>",
            p = esc(path),
            href = esc(&input.links.href(path, 1)),
            examples = page.checked_examples(),
            e = count_cell(counts[2], "error"),
            w = count_cell(counts[1], "warning"),
            i = count_cell(counts[0], "info"),
        );
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
    out
}

fn method_table(input: &Input) -> String {
    let mut out = String::from(
        "<section id=\"methods\">\n<h2>Methods</h2>\n<p class=\"sub\">Each documented request: \
         the findings of its request and response blocks",
    );
    out.push_str(if input.replay.is_some() {
        ", and how the live server answered it.</p>\n"
    } else {
        ". Pass <code>--replay FILE</code> to show a replay's outcomes too.</p>\n"
    });
    out.push_str(
        "<table id=\"method-table\">\n<thead><tr><th>method</th><th>URL</th><th>example</th>\
         <th>page</th><th>static</th><th>replay</th></tr></thead>\n<tbody>\n",
    );
    for method in &input.methods.entries {
        let page = &input.report.pages[method.page].document.path;
        let outcome = method.replay.map_or("none", |r| r.outcome.as_str());
        let _ = writeln!(
            out,
            "<tr data-static=\"{status}\" data-outcome=\"{outcome}\"><td class=\"mono\">{verb}</td>\
             <td class=\"mono url\">{url}</td><td class=\"mono\">{name}</td>\
             <td class=\"mono place\"><a href=\"{href}\">{place}</a></td><td>{badge}</td>\
             <td class=\"replay\">{replay}</td></tr>",
            status = method.status(),
            outcome = esc(outcome),
            verb = esc(if method.method.is_empty() { "?" } else { &method.method }),
            url = esc(&method.url),
            name = esc(method.name.as_deref().unwrap_or("(unnamed)")),
            href = esc(&input.links.href(page, method.line)),
            place = esc(&format!("{page}:{}", method.line)),
            badge = static_badge(method),
            replay = replay_cell(method.replay, input.replay.is_some()),
        );
    }
    if input.methods.entries.is_empty() {
        out.push_str("<tr><td colspan=\"6\">No request examples in these pages.</td></tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
    if !input.methods.unmatched.is_empty() {
        out.push_str(
            "<h3>Replay results for examples not in these pages</h3>\n\
             <table id=\"unmatched-table\">\n<thead><tr><th>method</th><th>URL</th>\
             <th>example</th><th>page</th><th>replay</th></tr></thead>\n<tbody>\n",
        );
        for result in &input.methods.unmatched {
            let _ = writeln!(
                out,
                "<tr><td class=\"mono\">{}</td><td class=\"mono url\">{}</td>\
                 <td class=\"mono\">{}</td><td class=\"mono\">{}</td><td>{}</td></tr>",
                esc(&result.method),
                esc(&result.url),
                esc(&result.example),
                esc(&format!("{}:{}", result.path, result.line)),
                replay_cell(Some(result), true),
            );
        }
        out.push_str("</tbody>\n</table>\n");
    }
    out.push_str("</section>\n");
    out
}

fn static_badge(method: &Method) -> String {
    let plural = |n: usize, word: &str| {
        if n == 1 {
            format!("1 {word}")
        } else {
            format!("{n} {word}s")
        }
    };
    match method.status() {
        "errors" => format!(
            "<span class=\"badge errors\">{}</span>",
            plural(method.errors, "error")
        ),
        "warnings" => format!(
            "<span class=\"badge warnings\">{}</span>",
            plural(method.warnings, "warning")
        ),
        _ => "<span class=\"badge clean\">clean</span>".to_string(),
    }
}

fn replay_cell(result: Option<&ExampleResult>, replayed: bool) -> String {
    let Some(result) = result else {
        let text = if replayed { "not replayed" } else { "-" };
        return format!("<span class=\"outcome none\">{text}</span>");
    };
    let class = if OUTCOMES.contains(&result.outcome.as_str()) {
        result.outcome.as_str()
    } else {
        "none"
    };
    let mut out = format!(
        "<span class=\"outcome {class}\">{}</span>",
        esc(&result.outcome)
    );
    match (result.expected_status, result.actual_status) {
        (Some(expected), Some(actual)) if expected != actual => {
            let _ = write!(
                out,
                " <span class=\"mono\">{expected} &rarr; {actual}</span>"
            );
        }
        (_, Some(actual)) => {
            let _ = write!(out, " <span class=\"mono\">{actual}</span>");
        }
        _ => {}
    }
    let mut items: Vec<String> = Vec::new();
    if let Some(reason) = &result.reason {
        items.push(esc(reason));
    }
    for difference in &result.differences {
        let place = match (difference.line, difference.column) {
            (Some(line), Some(column)) => format!(" (line {line}:{column})"),
            _ => String::new(),
        };
        items.push(esc(&format!("{}{place}", difference.describe())));
    }
    if !items.is_empty() {
        out.push_str("<ul class=\"diffs\">");
        for item in items {
            let _ = write!(out, "<li>{item}</li>");
        }
        out.push_str("</ul>");
    }
    out
}

fn findings(input: &Input, rules: &[(&'static str, RuleCount)]) -> String {
    let total: usize = rules.iter().map(|(_, c)| c.total()).sum();
    let mut out = String::from(
        "<section id=\"findings\">\n<h2>Findings</h2>\n<form class=\"filters\" role=\"search\">\
         \n<label>severity <select id=\"filter-severity\"><option value=\"\">all</option>\
         <option value=\"error\">error</option><option value=\"warning\">warning</option>\
         <option value=\"info\">info</option></select></label>\n\
         <label>rule <select id=\"filter-rule\"><option value=\"\">all</option>",
    );
    let mut ids: Vec<&str> = rules.iter().map(|(rule, _)| *rule).collect();
    ids.sort_unstable();
    for id in ids {
        let _ = write!(out, "<option value=\"{0}\">{0}</option>", esc(id));
    }
    let _ = write!(
        out,
        "</select></label>\n<label>search <input id=\"filter-search\" type=\"search\" \
         placeholder=\"text in a finding or method\" autocomplete=\"off\"></label>\n\
         <span class=\"shown\">showing <strong id=\"shown-count\">{total}</strong> of \
         <span id=\"finding-count\">{total}</span> findings</span>\n</form>\n\
         <p id=\"no-findings\"{}>No finding matches.</p>\n",
        if total == 0 { "" } else { " hidden" }
    );
    for page in &input.report.pages {
        for diagnostic in &page.diagnostics {
            out.push_str(&finding(&page.document, diagnostic, input.links));
        }
    }
    out.push_str("</section>\n");
    out
}

fn finding(document: &Document, diagnostic: &Diagnostic, links: &Linker) -> String {
    let (line, column) = document.line_column(diagnostic.span.start);
    let severity = diagnostic.severity.as_str();
    let mut out = format!(
        "<article class=\"finding {severity}\" data-severity=\"{severity}\" data-rule=\"{rule}\">\
         \n<div class=\"head\"><span class=\"sev {severity}\">{severity}</span> \
         <code class=\"rule\">{rule}</code> <span class=\"msg\">{message}</span></div>\n\
         <p class=\"where mono\"><a href=\"{href}\">{place}</a></p>\n{snippet}\n",
        rule = esc(diagnostic.rule),
        message = esc(&diagnostic.message),
        href = esc(&links.href(&document.path, line)),
        place = esc(&format!("{}:{line}:{column}", document.path)),
        snippet = snippet::render(document, &diagnostic.span),
    );
    let mut notes: Vec<String> = Vec::new();
    if let Some(label) = &diagnostic.label {
        notes.push(format!("{line}:{column}: {}", esc(label)));
    }
    for label in &diagnostic.labels {
        let (l, c) = document.line_column(label.span.start);
        notes.push(format!("{l}:{c}: {}", esc(&label.message)));
    }
    if !notes.is_empty() {
        out.push_str("<ul class=\"labels\">");
        for note in notes {
            let _ = write!(out, "<li class=\"mono\">{note}</li>");
        }
        out.push_str("</ul>\n");
    }
    if let Some(help) = &diagnostic.help {
        let _ = writeln!(out, "<p class=\"help\">help: {}</p>", esc(help));
    }
    if let Some(fix) = &diagnostic.fix {
        let _ = writeln!(out, "<p class=\"fix\">fix: {}</p>", esc(&fix.title));
    }
    out.push_str("</article>\n");
    out
}

fn failures(input: &Input) -> String {
    if input.report.failures.is_empty() {
        return String::new();
    }
    let mut out =
        String::from("<section id=\"failures\">\n<h2>Files that could not be read</h2>\n<ul>\n");
    for failure in &input.report.failures {
        let _ = writeln!(out, "<li class=\"mono\">{}</li>", esc(failure));
    }
    out.push_str("</ul>\n</section>\n");
    out
}
