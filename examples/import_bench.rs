//! Times `recall import` on a generated 50,000-row TSV (the goal: under 2 s in release).
//!
//! ```sh
//! cargo build --release && cargo run --release --example import_bench [ROWS]
//! ```
//!
//! Runs the release binary next to this example (`target/release/recall`) three times each for
//! a new deck and for appending to an existing 1,000-fact deck, and prints the times.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let rows: usize = std::env::args().nth(1).map(|s| s.parse()).transpose()?.unwrap_or(50_000);
    let bin = recall_binary()?;
    let dir = tempfile::tempdir()?;
    let tsv = dir.path().join("big.tsv");
    std::fs::write(&tsv, generate(rows, 0))?;
    let small = dir.path().join("small.tsv");
    std::fs::write(&small, generate(1_000, 1))?;
    println!("{rows} rows, {} bytes; binary {}", std::fs::metadata(&tsv)?.len(), bin.display());

    let mut fresh = Vec::new();
    for i in 0..3 {
        // One folder per deck: deck ids must be unique among neighbours.
        let out = dir.path().join(format!("new-{i}")).join("big.ron");
        fresh.push(run(
            &bin,
            dir.path(),
            &["import", "big.tsv", "--deck", "big", "-o", path(&out)],
        )?);
    }
    let mut into = Vec::new();
    for i in 0..3 {
        let deck = dir.path().join(format!("into-{i}")).join("base.ron");
        run(&bin, dir.path(), &["import", "small.tsv", "--deck", "base", "-o", path(&deck)])?;
        into.push(run(&bin, dir.path(), &["import", "big.tsv", "--into", path(&deck)])?);
    }
    report("new deck", &fresh);
    report("--into a 1,000-fact deck", &into);
    Ok(())
}

/// Rows like a real export: short cues (some repeated, so ids need suffixes), sentence-long
/// answers with commas and quotes, a tags column.
fn generate(rows: usize, seed: usize) -> String {
    let mut s = String::with_capacity(rows * 110);
    for i in 0..rows {
        let n = i * 7919 + seed;
        let _ = writeln!(
            s,
            "Term {} of chapter {}\tThe \"answer\" number {n}, with a comma and some more words to read\ttag{} chapter-{}",
            n % (rows / 2 + 1),
            i % 40,
            i % 17,
            i % 40
        );
    }
    s
}

fn run(bin: &Path, dir: &Path, args: &[&str]) -> Result<Duration, Box<dyn std::error::Error>> {
    let start = Instant::now();
    let out = Command::new(bin).current_dir(dir).env("RECALL_DATA_DIR", dir).args(args).output()?;
    let took = start.elapsed();
    if !out.status.success() {
        return Err(
            format!("recall {args:?} failed: {}", String::from_utf8_lossy(&out.stderr)).into()
        );
    }
    Ok(took)
}

fn report(what: &str, times: &[Duration]) {
    let ms: Vec<String> =
        times.iter().map(|d| format!("{:.0} ms", d.as_secs_f64() * 1000.0)).collect();
    let best = times.iter().min().copied().unwrap_or_default();
    println!("{what}: {} (best {:.0} ms)", ms.join(", "), best.as_secs_f64() * 1000.0);
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap_or_default()
}

fn recall_binary() -> Result<PathBuf, Box<dyn std::error::Error>> {
    // target/<profile>/examples/import_bench → target/<profile>/recall
    let exe = std::env::current_exe()?;
    let bin = exe
        .parent()
        .and_then(Path::parent)
        .map(|d| d.join(format!("recall{}", std::env::consts::EXE_SUFFIX)))
        .ok_or("cannot find the target folder")?;
    if !bin.exists() {
        return Err(
            format!("{} not found: run `cargo build --release` first", bin.display()).into()
        );
    }
    Ok(bin)
}
