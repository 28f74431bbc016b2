//! The fuzz corpus replayed: every seed and every regression case the fuzzer found, run
//! through its target (`fuzz/targets.rs`), so a crash once fixed stays fixed in `cargo test`
//! without running the fuzzer (`cargo run --example fuzz`, see `fuzz/main.rs`).

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers panic on setup failure by design

#[path = "../../fuzz/targets.rs"]
mod targets;

use std::path::Path;

fn replay(name: &str) {
    let target = targets::TARGETS.iter().find(|t| t.name == name).unwrap();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus").join(name);
    let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    assert!(!files.is_empty(), "{} holds no seed", dir.display());
    for file in files {
        let bytes = std::fs::read(&file).unwrap();
        let result = std::panic::catch_unwind(|| (target.run)(&bytes));
        assert!(result.is_ok(), "{} fails its target", file.display());
    }
}

#[test]
fn deck_corpus() {
    replay("deck");
}

#[test]
fn import_corpus() {
    replay("import");
}

#[test]
fn questions_corpus() {
    replay("questions");
}

#[test]
fn log_corpus() {
    replay("log");
}
