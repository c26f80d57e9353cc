use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = apiproof::cli::Cli::parse();
    ExitCode::from(apiproof::cli::run(cli))
}
