//! Corpus benchmark: apiproof's full check (syntax rules, the doc model and the
//! rules that need it) against the floor of walking, reading and parsing the same
//! pages with pulldown-cmark alone.
//!
//! `cargo bench --bench corpus -- [PATH]` (default `../shared/corpus`). Both
//! measurements use the same walker, the same rayon pool and the same
//! pulldown-cmark options (tables on, as apiproof needs them), run on a warm cache,
//! and report the best of five. Counts are printed so that a check doing less
//! work than it should shows up.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use apiproof::check::Options;
use apiproof::config::Config;
use apiproof::run::{check_tree, Tree};
use apiproof::workspace::{all_files, excludes, is_markdown_path};
use pulldown_cmark::{Event, Options as ParserOptions, Parser, Tag};
use rayon::prelude::*;

const ROUNDS: usize = 5;

// The same allocator as the apiproof binary, so (b) measures what users run.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn floor(files: &[PathBuf]) -> (usize, usize) {
    files
        .par_iter()
        .map(|path| {
            let Ok(bytes) = std::fs::read(path) else {
                return (0, 0);
            };
            let text = String::from_utf8_lossy(&bytes);
            // The same options apiproof parses with: property and enum tables.
            let blocks = Parser::new_ext(&text, ParserOptions::ENABLE_TABLES)
                .into_offset_iter()
                .filter(|(e, _)| matches!(e, Event::Start(Tag::CodeBlock(_))))
                .count();
            (1, blocks)
        })
        .reduce(|| (0, 0), |a, b| (a.0 + b.0, a.1 + b.1))
}

/// Best of `ROUNDS` timings. Each result is dropped outside the timing, as the
/// apiproof binary exits without freeing its report.
fn best<T>(mut run: impl FnMut() -> T) -> (Duration, T) {
    let mut result = run();
    let mut best = Duration::MAX;
    for _ in 0..ROUNDS {
        let started = Instant::now();
        let next = run();
        best = best.min(started.elapsed());
        drop(std::mem::replace(&mut result, next));
    }
    (best, result)
}

fn main() {
    // `cargo test --all-targets` runs bench targets too, without `--bench`: a
    // corpus benchmark has nothing to test, so it returns at once.
    if !std::env::args().any(|a| a == "--bench") {
        println!("corpus benchmark: run it with `cargo bench --bench corpus` or scripts/bench.sh");
        return;
    }
    let root = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with('-'))
        .unwrap_or_else(|| "../shared/corpus".into());
    let no_globs = excludes(&[]).expect("no globs");
    let walk = || {
        let files = all_files(std::path::Path::new(&root), &no_globs);
        let pages: Vec<PathBuf> = files
            .iter()
            .filter(|p| is_markdown_path(p))
            .cloned()
            .collect();
        Tree {
            reported: pages.clone(),
            pages,
            files,
        }
    };
    let threads = rayon::current_num_threads();

    let (floor_time, (files, code_blocks)) = best(|| floor(&walk().pages));
    let options = Options::default();
    let config = Config::default();
    let schemas = Default::default();
    let (check_time, report) = best(|| check_tree(&walk(), &options, &config, &schemas));
    let (pass_time, _) = best(|| {
        apiproof::run::analyse(&walk(), &options, &config)
            .pages
            .len()
    });
    let (syntax_time, _) = best(|| apiproof::run::check_files(&walk().pages, &options));
    let summary = report.summary();

    println!("corpus: {root} ({threads} threads, best of {ROUNDS}, warm cache)");
    println!(
        "(a) walk + read + pulldown-cmark: {:>7.1} ms  {files} files, {code_blocks} code blocks",
        floor_time.as_secs_f64() * 1e3
    );
    println!(
        "(b) apiproof check:               {:>7.1} ms  {} files, {} examples, {} errors, {} warnings",
        check_time.as_secs_f64() * 1e3,
        summary.files,
        summary.blocks,
        summary.errors,
        summary.warnings
    );
    println!(
        "    of which the per-page pass and the model: {:>7.1} ms",
        pass_time.as_secs_f64() * 1e3
    );
    println!(
        "(c) syntax rules only, no model:   {:>7.1} ms  ratio (c)/(a): {:.2}",
        syntax_time.as_secs_f64() * 1e3,
        syntax_time.as_secs_f64() / floor_time.as_secs_f64()
    );
    println!(
        "ratio (b)/(a): {:.2}",
        check_time.as_secs_f64() / floor_time.as_secs_f64()
    );
}
