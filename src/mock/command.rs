//! `apiproof mock`: its arguments, and the edge where the mock meets the
//! terminal (start-up listing, one log line per request, Ctrl-C).
//!
//! The address is printed on standard output first, as
//! `listening on http://HOST:PORT`, so a script that asked for port 0 can read it.

use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use crate::mock::routes::RouteTable;
use crate::mock::server::{self, Log};
use crate::replay::{config, example};
use crate::workspace;

/// Exit status: stopped normally.
pub const EXIT_STOPPED: u8 = 0;
/// Exit status: usage or configuration error, or the port cannot be bound.
pub const EXIT_USAGE: u8 = 2;

/// Serve the documented responses as an HTTP server.
#[derive(Debug, clap::Args)]
pub struct MockArgs {
    /// Files or folders of docs; folders are searched for *.md.
    #[arg(default_value = ".")]
    paths: Vec<PathBuf>,

    /// Port to listen on; 0 picks a free one.
    #[arg(long, default_value_t = 8080)]
    port: u16,

    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1")]
    host: String,

    /// The host prefix the docs write before paths
    /// (default: [replay] docs_base in apiproof.toml).
    #[arg(long, value_name = "PREFIX")]
    docs_base: Option<String>,

    /// Configuration file (default: apiproof.toml beside the first path named,
    /// else in the current folder).
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,

    /// Skip files and folders matching this glob while walking (repeatable).
    #[arg(long, value_name = "GLOB")]
    exclude: Vec<String>,
}

/// Runs `apiproof mock` until Ctrl-C and returns the exit status.
pub fn run(args: MockArgs) -> u8 {
    match start(args) {
        Ok(()) => EXIT_STOPPED,
        Err(message) => {
            write_stderr(&format!("apiproof: {message}\n"));
            EXIT_USAGE
        }
    }
}

fn start(args: MockArgs) -> Result<(), String> {
    let config_file = config::discover(args.config.as_deref(), &args.paths);
    let config = match config_file {
        Some(path) => config::load(&path).map_err(|e| e.to_string())?,
        None => config::ReplayConfig::default(),
    };
    let docs_base = args.docs_base.clone().or(config.docs_base);
    let exclude = workspace::excludes(&args.exclude).map_err(|e| e.to_string())?;
    let (files, walk_problems) = workspace::markdown_files(&args.paths, &exclude);
    if let Some(problem) = walk_problems.first() {
        return Err(problem.to_string());
    }
    let (examples, problems) = example::load(&files);
    for problem in problems {
        write_stderr(&format!("apiproof: {problem}\n"));
    }
    let table = RouteTable::build(&examples, docs_base.as_deref());
    for unserved in &table.unserved {
        write_stderr(&format!(
            "not served: {}: {}\n",
            unserved.source, unserved.reason
        ));
    }
    let address: SocketAddr = format!("{}:{}", args.host, args.port)
        .parse()
        .or_else(|_| format!("[{}]:{}", args.host, args.port).parse())
        .map_err(|_| format!("--host `{}` is not an IP address", args.host))?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the async runtime: {e}"))?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(address)
            .await
            .map_err(|e| format!("cannot listen on {address}: {e}"))?;
        let bound = listener
            .local_addr()
            .map_err(|e| format!("cannot read the bound address: {e}"))?;
        write_stdout(&format!(
            "listening on http://{bound} ({} routes)\n",
            table.routes.len()
        ));
        let log: Log = Arc::new(|line| write_stderr(&format!("{line}\n")));
        let shutdown = async {
            let _ = tokio::signal::ctrl_c().await;
        };
        server::serve(listener, Arc::new(table), log, shutdown)
            .await
            .map_err(|e| format!("server stopped: {e}"))
    })
}

fn write_stdout(text: &str) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes());
    let _ = out.flush();
}

fn write_stderr(text: &str) {
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
}
