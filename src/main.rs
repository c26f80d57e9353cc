use std::process::ExitCode;

use clap::Parser;

// Checking a tree allocates many small values (JSON trees, pieces of text);
// mimalloc serves them markedly faster than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = apiproof::cli::Cli::parse();
    ExitCode::from(apiproof::cli::run(cli))
}
