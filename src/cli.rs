//! Command-line arguments and what each subcommand does with them.

use std::io::{IsTerminal, Write};
use std::ops::ControlFlow;
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::check::Options;
use crate::config::{self, Config};
use crate::diagnostic::Severity;
use crate::json::Allow;
use crate::render;
use crate::run::{self, RunReport, Tree};
use crate::workspace;

/// Exit status: no errors.
pub const EXIT_CLEAN: u8 = 0;
/// Exit status: the docs have errors (or warnings, with `--deny-warnings`).
pub const EXIT_FINDINGS: u8 = 1;
/// Exit status: apiproof could not do its job (usage, unreadable files).
pub const EXIT_TROUBLE: u8 = 2;

/// Proves API reference documentation right.
#[derive(Debug, Parser)]
#[command(name = "apiproof", version, about, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check the examples in Markdown docs pages and report their defects.
    Check(CheckArgs),
    /// List every rule with its id, default severity and summary.
    Rules,
    /// Print the JSON Schema derived from the docs for a resource type.
    Schema(SchemaArgs),
    /// List the resources and methods the docs declare.
    Inventory(InventoryArgs),
    /// Send the documented requests to a server and compare its answers with the docs.
    Replay(crate::replay::command::ReplayArgs),
    /// Serve the documented responses as an HTTP server.
    Mock(crate::mock::command::MockArgs),
    /// Show a rule's documentation: what it checks, why, and examples.
    Explain(ExplainArgs),
    /// Write a self-contained HTML conformance report of the docs to DIR/index.html.
    Report(ReportArgs),
}

#[derive(Debug, clap::Args)]
struct ReportArgs {
    /// The folder to write index.html into; created when missing.
    #[arg(long, value_name = "DIR")]
    out: PathBuf,

    /// A JSON report of `apiproof replay --format json`, whose outcomes the page shows.
    #[arg(long, value_name = "FILE")]
    replay: Option<PathBuf>,

    #[command(flatten)]
    tree: TreeArgs,
}

#[derive(Debug, clap::Args)]
struct ExplainArgs {
    /// The rule's id, such as json-syntax.
    #[arg(value_name = "RULE")]
    rule: String,
}

#[derive(Debug, clap::Args)]
struct SchemaArgs {
    /// The resource's full type name, such as microsoft.graph.user.
    #[arg(value_name = "TYPE")]
    type_name: String,

    #[command(flatten)]
    tree: TreeArgs,
}

#[derive(Debug, clap::Args)]
struct InventoryArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = InventoryFormat::Human)]
    format: InventoryFormat,

    #[command(flatten)]
    tree: TreeArgs,
}

/// Where the docs are, for commands that read a whole tree.
#[derive(Debug, clap::Args)]
struct TreeArgs {
    /// Files or folders of the docs (default `.`).
    #[arg(default_value = ".")]
    paths: Vec<PathBuf>,

    /// The docs root (default: found as for `check`).
    #[arg(long, value_name = "DIR")]
    root: Option<PathBuf>,

    /// Skip matching files and folders (repeatable).
    #[arg(long, value_name = "GLOB")]
    exclude: Vec<String>,
}

#[derive(Debug, clap::Args)]
struct CheckArgs {
    /// Files or folders to check; folders are searched for *.md.
    #[arg(default_value = ".")]
    paths: Vec<PathBuf>,

    /// Output format [default: human].
    #[arg(long, value_enum)]
    format: Option<Format>,

    /// Skip files and folders matching this glob while walking (repeatable).
    /// Files named on the command line are checked anyway.
    #[arg(long, value_name = "GLOB")]
    exclude: Vec<String>,

    /// Also check blocks marked "blockType": "ignored".
    #[arg(long)]
    check_ignored: bool,

    /// Also check fenced blocks that have no metadata comment.
    #[arg(long)]
    check_unannotated: bool,

    /// Exit with status 1 on warnings too.
    #[arg(long)]
    deny_warnings: bool,

    /// JSON relaxations your docs accept.
    #[arg(long, value_enum, value_delimiter = ',', value_name = "WHAT")]
    json_allow: Vec<JsonAllowance>,

    /// When to colour the human output [default: auto].
    #[arg(long, value_enum)]
    color: Option<ColorChoice>,

    /// Report only findings not recorded in this baseline file.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,

    /// Record today's findings in this baseline file and exit 0.
    #[arg(long, value_name = "FILE", conflicts_with = "baseline")]
    write_baseline: Option<PathBuf>,

    /// Report only Markdown files changed since this git ref (committed, staged,
    /// unstaged or untracked); the model still covers the whole tree.
    #[arg(long, value_name = "GIT_REF")]
    changed_since: Option<String>,

    /// The docs root the model covers; default: the nearest folder upward holding
    /// apiproof.toml, else the named folder, else the named files' common parent.
    #[arg(long, value_name = "DIR")]
    root: Option<PathBuf>,

    /// After the output, count the findings of each rule.
    #[arg(long)]
    statistics: bool,

    /// Read the page from standard input and report it as NAME; no PATH is walked.
    #[arg(
        long,
        value_name = "NAME",
        conflicts_with_all = ["paths", "fix", "diff", "write_baseline", "changed_since"]
    )]
    stdin_filename: Option<PathBuf>,

    /// Repair the defects that have one right answer, then report what remains.
    #[arg(long)]
    fix: bool,

    /// Print the repairs as a unified diff instead of writing them; exit 1 if there are any.
    #[arg(long)]
    diff: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Each finding with the page's lines underlined, then a summary line.
    Human,
    /// One JSON document, for tools.
    Json,
    /// SARIF 2.1.0, for GitHub code scanning.
    Sarif,
    /// GitHub Actions workflow commands, then plain lines.
    Github,
    /// JUnit XML, one test case per page.
    Junit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum InventoryFormat {
    Human,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum JsonAllowance {
    Comments,
    TrailingCommas,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// Runs the command line and returns the exit status.
pub fn run(cli: Cli) -> u8 {
    match cli.command {
        Command::Check(args) => check(args),
        Command::Schema(args) => schema(args),
        Command::Inventory(args) => inventory(args),
        Command::Replay(args) => crate::replay::command::run(args),
        Command::Mock(args) => crate::mock::command::run(args),
        Command::Explain(args) => explain(&args.rule),
        Command::Report(args) => {
            let settings = crate::report::Settings {
                out: args.out,
                paths: args.tree.paths,
                root: args.tree.root,
                exclude: args.tree.exclude,
                replay: args.replay,
            };
            match crate::report::write(&settings) {
                Ok(written) => {
                    write_stdout(&format!(
                        "wrote {} (errors: {}, warnings: {}, methods: {})\n",
                        workspace::display(&written.path),
                        written.errors,
                        written.warnings,
                        written.methods
                    ));
                    EXIT_CLEAN
                }
                Err(error) => {
                    write_stderr(&format!("apiproof: {error}\n"));
                    EXIT_TROUBLE
                }
            }
        }
        Command::Rules => {
            let mut text = String::new();
            for rule in crate::rules::ALL {
                text.push_str(&format!(
                    "{:<22} {:<8} {}\n",
                    rule.id,
                    rule.severity.as_str(),
                    rule.summary
                ));
            }
            write_stdout(&text);
            EXIT_CLEAN
        }
    }
}

fn check(mut args: CheckArgs) -> u8 {
    if let Some(name) = args.stdin_filename.clone() {
        return check_stdin(&mut args, &name);
    }
    if let Some(root) = args.root.as_ref().filter(|r| !r.is_dir()) {
        write_stderr(&format!(
            "apiproof: --root {}: not a folder\n",
            root.display()
        ));
        return EXIT_TROUBLE;
    }
    let root = config::find_root(args.root.as_deref(), &args.paths);
    let config = match load_config(&root) {
        Ok(config) => config,
        Err(error) => {
            write_stderr(&format!("apiproof: {error}\n"));
            return EXIT_TROUBLE;
        }
    };
    if let Err(error) = merge_config(&mut args, &config, &root) {
        write_stderr(&format!("apiproof: {}: {error}\n", config::FILE_NAME));
        return EXIT_TROUBLE;
    }
    let options = check_options(&args);
    let (mut tree, problems) = match Tree::gather(&args.paths, &root, &args.exclude, &config) {
        Ok(found) => found,
        Err(error) => {
            write_stderr(&format!("apiproof: {error}\n"));
            return EXIT_TROUBLE;
        }
    };
    if let Some(reference) = &args.changed_since {
        let folder = if root.as_os_str().is_empty() {
            std::path::Path::new(".")
        } else {
            &root
        };
        match crate::changes::changed_since(folder, reference) {
            Ok(changed) => tree
                .reported
                .retain(|p| p.canonicalize().is_ok_and(|c| changed.contains(&c))),
            Err(error) => {
                write_stderr(&format!("apiproof: {error}\n"));
                return EXIT_TROUBLE;
            }
        }
    }
    let schemas = match crate::rules::schema::load(&config, &root) {
        Ok(schemas) => schemas,
        Err(error) => {
            write_stderr(&format!("apiproof: {error}\n"));
            return EXIT_TROUBLE;
        }
    };
    let mut report = if args.fix || args.diff {
        match fix(&args, &tree, &options, &config, &schemas, &problems) {
            ControlFlow::Continue(report) => report,
            ControlFlow::Break(status) => return status,
        }
    } else {
        run::check_tree(&tree, &options, &config, &schemas)
    };
    let (notes, failures): (Vec<_>, Vec<_>) = problems.iter().partition(|p| p.is_harmless());
    for note in notes {
        write_stderr(&format!("apiproof: note: {note}\n"));
    }
    let failures: Vec<String> = failures.iter().map(ToString::to_string).collect();
    report.failures.splice(0..0, failures);
    if let Some(path) = &args.write_baseline {
        return match crate::baseline::write(&report, path) {
            Ok(count) => {
                write_stderr(&format!(
                    "apiproof: recorded {count} {} in {}\n",
                    if count == 1 { "finding" } else { "findings" },
                    path.display()
                ));
                EXIT_CLEAN
            }
            Err(error) => {
                write_stderr(&format!("apiproof: {error}\n"));
                EXIT_TROUBLE
            }
        };
    }
    if let Some(path) = &args.baseline {
        match crate::baseline::Baseline::load(path) {
            Ok(baseline) => {
                let known = baseline.filter(&mut report);
                if known > 0 {
                    write_stderr(&format!(
                        "apiproof: {known} {} recorded in {} not shown\n",
                        if known == 1 { "finding" } else { "findings" },
                        path.display()
                    ));
                }
            }
            Err(error) => {
                write_stderr(&format!("apiproof: {error}\n"));
                return EXIT_TROUBLE;
            }
        }
    }
    let status = finish(&report, &args);
    // The process ends here: freeing a large tree's report page by page would only
    // cost time.
    std::mem::forget(report);
    status
}

/// Folds `[check]` and `[output]` of the configuration into the arguments; what
/// the command line says wins.
fn merge_config(
    args: &mut CheckArgs,
    config: &Config,
    root: &std::path::Path,
) -> Result<(), String> {
    let check = &config.check;
    args.check_ignored |= check.check_ignored.unwrap_or(false);
    args.check_unannotated |= check.check_unannotated.unwrap_or(false);
    args.deny_warnings |= check.deny_warnings.unwrap_or(false);
    for allowance in &check.json_allow {
        let parsed = JsonAllowance::from_str(allowance, true)
            .map_err(|_| format!("[check] json-allow: unknown `{allowance}`"))?;
        if !args.json_allow.contains(&parsed) {
            args.json_allow.push(parsed);
        }
    }
    if args.baseline.is_none() && args.write_baseline.is_none() {
        args.baseline = check.baseline.as_ref().map(|b| root.join(b));
    }
    let output = &config.output;
    if args.format.is_none() {
        if let Some(format) = &output.format {
            args.format = Some(
                Format::from_str(format, true)
                    .map_err(|_| format!("[output] format: unknown `{format}`"))?,
            );
        }
    }
    if args.color.is_none() {
        if let Some(color) = &output.color {
            args.color = Some(
                ColorChoice::from_str(color, true)
                    .map_err(|_| format!("[output] color: unknown `{color}`"))?,
            );
        }
    }
    args.statistics |= output.statistics.unwrap_or(false);
    Ok(())
}

/// `check --stdin-filename NAME`: the page comes from standard input.
fn check_stdin(args: &mut CheckArgs, name: &std::path::Path) -> u8 {
    let root = config::find_root(args.root.as_deref(), &[name.to_path_buf()]);
    let config = match load_config(&root) {
        Ok(config) => config,
        Err(error) => {
            write_stderr(&format!("apiproof: {error}\n"));
            return EXIT_TROUBLE;
        }
    };
    if let Err(error) = merge_config(args, &config, &root) {
        write_stderr(&format!("apiproof: {}: {error}\n", config::FILE_NAME));
        return EXIT_TROUBLE;
    }
    let mut bytes = Vec::new();
    if let Err(error) = std::io::Read::read_to_end(&mut std::io::stdin().lock(), &mut bytes) {
        write_stderr(&format!("apiproof: cannot read standard input: {error}\n"));
        return EXIT_TROUBLE;
    }
    let report = run::check_text_configured(
        &workspace::display(name),
        bytes,
        &check_options(args),
        &config,
    );
    finish(&report, args)
}

fn check_options(args: &CheckArgs) -> Options {
    Options {
        allow: Allow {
            comments: args.json_allow.contains(&JsonAllowance::Comments),
            trailing_commas: args.json_allow.contains(&JsonAllowance::TrailingCommas),
            elision: false,
        },
        check_ignored: args.check_ignored,
        check_unannotated: args.check_unannotated,
    }
}

/// Prints the report in the chosen format (and the statistics), returns the status.
fn finish(report: &RunReport, args: &CheckArgs) -> u8 {
    let failing = if args.deny_warnings {
        Severity::Warning
    } else {
        Severity::Error
    };
    let format = args.format.unwrap_or(Format::Human);
    let output = match format {
        Format::Human => {
            render::human::render(report, use_color(args.color.unwrap_or(ColorChoice::Auto)))
        }
        Format::Json => render::json::render(report),
        Format::Sarif => render::sarif::render(report),
        Format::Github => render::github::render(report),
        Format::Junit => render::junit::render(report, failing),
    };
    write_stdout(&output);
    if !matches!(format, Format::Human | Format::Github) {
        for failure in &report.failures {
            write_stderr(&format!("apiproof: {failure}\n"));
        }
    }
    if args.statistics {
        // Documents meant for tools stay parseable: their statistics go to stderr.
        let statistics = render::statistics::render(report);
        match format {
            Format::Human | Format::Github => write_stdout(&statistics),
            Format::Json | Format::Sarif | Format::Junit => write_stderr(&statistics),
        }
    }
    exit_status(report, args.deny_warnings)
}

fn explain(id: &str) -> u8 {
    match crate::rules::find(id) {
        Some(rule) => {
            write_stdout(&crate::explain::explain(rule));
            EXIT_CLEAN
        }
        None => {
            let hint = match crate::rules::nearest(id) {
                Some(rule) => format!("; did you mean `{}`?", rule.id),
                None => "; `apiproof rules` lists them".to_string(),
            };
            write_stderr(&format!("apiproof: unknown rule `{id}`{hint}\n"));
            EXIT_TROUBLE
        }
    }
}

/// `check --fix` and `check --diff`. A diff ends the command with its status;
/// after fixing, the report of what remains is shown as `check` shows any.
/// Notes and the summary line go to standard error, so the report stays clean.
fn fix(
    args: &CheckArgs,
    tree: &Tree,
    options: &Options,
    config: &Config,
    schemas: &crate::rules::schema::Schemas,
    problems: &[workspace::WorkspaceError],
) -> ControlFlow<u8, RunReport> {
    let mode = if args.diff {
        crate::fix::Mode::Diff
    } else {
        crate::fix::Mode::Write
    };
    let outcome = crate::fix::fix_tree(tree, options, config, schemas, mode);
    for line in outcome.messages(mode) {
        write_stderr(&format!("apiproof: {line}\n"));
    }
    if mode == crate::fix::Mode::Diff {
        write_stdout(&outcome.diff());
        let failures: Vec<String> = problems
            .iter()
            .filter(|p| !p.is_harmless())
            .map(ToString::to_string)
            .chain(outcome.report.failures.iter().cloned())
            .collect();
        for failure in &failures {
            write_stderr(&format!("apiproof: {failure}\n"));
        }
        let status = if !failures.is_empty() {
            EXIT_TROUBLE
        } else if outcome.pages.is_empty() {
            EXIT_CLEAN
        } else {
            EXIT_FINDINGS
        };
        return ControlFlow::Break(status);
    }
    let mut report = outcome.report;
    report.failures.extend(outcome.failures);
    ControlFlow::Continue(report)
}

/// Reads and analyses a whole docs tree, for `schema` and `inventory`.
fn analyse(args: &TreeArgs) -> Result<run::Analysis, String> {
    let root = config::find_root(args.root.as_deref(), &args.paths);
    let config = load_config(&root).map_err(|e| e.to_string())?;
    let (tree, problems) =
        Tree::gather(&args.paths, &root, &args.exclude, &config).map_err(|e| e.to_string())?;
    if let Some(problem) = problems.iter().find(|p| !p.is_harmless()) {
        return Err(problem.to_string());
    }
    Ok(run::analyse(&tree, &Options::default(), &config))
}

fn schema(args: SchemaArgs) -> u8 {
    let analysis = match analyse(&args.tree) {
        Ok(analysis) => analysis,
        Err(error) => {
            write_stderr(&format!("apiproof: {error}\n"));
            return EXIT_TROUBLE;
        }
    };
    match crate::model::schema::derive(&analysis.model, &args.type_name) {
        Some(schema) => {
            let text = serde_json::to_string_pretty(&schema).expect("schema serializes");
            write_stdout(&format!("{text}\n"));
            EXIT_CLEAN
        }
        None => {
            let hint = analysis
                .model
                .nearest_type(&args.type_name)
                .map(|near| format!("; did you mean `{near}`?"))
                .unwrap_or_default();
            write_stderr(&format!(
                "apiproof: no resource `{}` in these docs{hint}\n",
                args.type_name
            ));
            EXIT_TROUBLE
        }
    }
}

fn inventory(args: InventoryArgs) -> u8 {
    let analysis = match analyse(&args.tree) {
        Ok(analysis) => analysis,
        Err(error) => {
            write_stderr(&format!("apiproof: {error}\n"));
            return EXIT_TROUBLE;
        }
    };
    let inventory = crate::inventory::Inventory::of(&analysis);
    write_stdout(&match args.format {
        InventoryFormat::Human => inventory.render_human(),
        InventoryFormat::Json => inventory.render_json(),
    });
    EXIT_CLEAN
}

/// The root's `apiproof.toml`, or the defaults when there is none.
fn load_config(root: &std::path::Path) -> Result<Config, config::ConfigError> {
    let path = root.join(config::FILE_NAME);
    if path.is_file() {
        Config::load(&path)
    } else {
        Ok(Config::default())
    }
}

/// 2 when something could not be read, else 1 for findings that fail the run.
fn exit_status(report: &RunReport, deny_warnings: bool) -> u8 {
    if !report.failures.is_empty() {
        return EXIT_TROUBLE;
    }
    let failing = if deny_warnings {
        Severity::Warning
    } else {
        Severity::Error
    };
    let fails = report
        .pages
        .iter()
        .flat_map(|p| &p.diagnostics)
        .any(|d| d.severity >= failing);
    if fails {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    }
}

fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stdout().is_terminal()
        }
    }
}

/// Writes to standard output; a closed pipe (`| head`) is not an error worth a panic.
fn write_stdout(text: &str) {
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
}

fn write_stderr(text: &str) {
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
}
