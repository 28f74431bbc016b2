//! A closed pipe (`recall history | head -3`, `recall add … | true`): every command stops
//! printing, finishes what it was doing (the fact added, the deck imported, the parameters
//! saved) and exits as it would have, with nothing on stderr.
//!
//! The pipe's reader is closed before the program starts, so its first write finds the pipe
//! closed every time (a shell's `| true` only sometimes closes it before recall writes).

use std::process::{Command, Output, Stdio};

use crate::history_import::generated_log;
use crate::support::{Env, read};

/// `cmd` run with stdout a pipe whose reader is closed; stderr captured.
#[allow(clippy::unwrap_used)] // test helper
fn with_stdout_closed(mut cmd: Command) -> Output {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    cmd.stdin(Stdio::null()).stdout(writer).stderr(Stdio::piped()).output().unwrap()
}

/// `cmd` run with both stdout and stderr the same closed pipe (`recall … 2>&1 | true`).
#[allow(clippy::unwrap_used)] // test helper
fn with_both_closed(mut cmd: Command) -> Output {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let err = writer.try_clone().unwrap();
    cmd.stdin(Stdio::null()).stdout(writer).stderr(err).output().unwrap()
}

/// Exited 0 with nothing on stderr.
fn quiet_success(args: &str, out: &Output) {
    assert_eq!(
        out.status.code(),
        Some(0),
        "recall {args}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&out.stderr), "", "recall {args}");
}

/// `recall ARGS` (split at spaces) with stdout closed: quiet success.
fn run_closed(env: &Env, args: &str) {
    let mut cmd = env.command();
    cmd.args(args.split(' '));
    quiet_success(args, &with_stdout_closed(cmd));
}

/// An environment with a decks folder holding one deck (`recall new`, then two facts).
fn with_deck() -> Env {
    let env = Env::new();
    let decks = env.path("decks");
    let mut new = env.command();
    new.env("RECALL_DECKS_DIR", &decks).args(["new", "--title", "Polity"]);
    quiet_success("new", &with_stdout_closed(new));
    for (cue, answer) in [("Article 21", "Protection of life"), ("Article 14", "Equality")] {
        let mut add = env.command();
        add.env("RECALL_DECKS_DIR", &decks)
            .args(["add", "polity", "--cue", cue, "--answer", answer, "--topic", "Rights"]);
        quiet_success("add", &with_stdout_closed(add));
    }
    env
}

#[test]
fn new_and_add_write_their_deck_though_no_one_reads_what_they_say() {
    let env = with_deck();
    let deck = read(&env.path("decks/polity.ron"));
    assert!(deck.contains("Protection of life") && deck.contains("Equality"), "{deck}");
    env.recall().args(["check", "decks/polity.ron"]).assert().success();
}

#[test]
fn import_writes_the_deck_with_stdout_closed() {
    let env = Env::new();
    let csv = env.write("x.csv", "cue,answer\nArticle 21,Protection of life\n");
    let mut cmd = env.command();
    cmd.env("RECALL_DECKS_DIR", env.path("decks")).arg("import").arg(&csv).args(["--deck", "x"]);
    quiet_success("import", &with_stdout_closed(cmd));
    assert!(read(&env.path("decks/x.ron")).contains("Protection of life"));
}

#[test]
fn optimize_saves_its_fit_with_stdout_closed() {
    // After the generated log's last review.
    let env = Env::new().now("2030-01-01T12:00:00Z");
    // Too little history: a refusal, printed to no one.
    run_closed(&env, "optimize");
    run_closed(&env, "optimize --json");
    let log = env.write("big.csv", generated_log(120, 6));
    let mut import = env.command();
    import.arg("import-history").arg(&log);
    quiet_success("import-history", &with_stdout_closed(import));
    assert!(env.store().fsrs_parameters().unwrap().is_none());
    run_closed(&env, "optimize --json");
    assert_eq!(env.store().fsrs_parameters().unwrap().map(|p| p.len()), Some(21));
}

/// Every command that prints, with its output going nowhere: `preview --json | head -c 10`
/// said "recall: error: Broken pipe"; the others panicked (exit 101).
#[test]
fn every_printing_command_exits_quietly_on_a_closed_pipe() {
    let env = with_deck();
    let log = env.write("small.csv", generated_log(5, 8));
    for args in [
        "preview decks",
        "preview --json decks",
        "check decks",
        "stats",
        "stats --json",
        "history",
        "config",
        "backup",
        "completions bash",
        "man",
        "--help",
        "study --help",
        "--version",
    ] {
        run_closed(&env, args);
    }
    let mut cmd = env.command();
    cmd.env("RECALL_DECKS_DIR", env.path("decks")).arg("decks");
    quiet_success("decks", &with_stdout_closed(cmd));
    let mut cmd = env.command();
    cmd.arg("import-history").arg(&log);
    quiet_success("import-history", &with_stdout_closed(cmd));
    run_closed(&env, "history");
    run_closed(&env, "stats");
}

/// `recall … 2>&1 | true`: what goes to stderr (a skipped row, the deck's warnings) finds the
/// pipe closed too, and the import is still written.
#[test]
fn stderr_closed_too_is_no_error() {
    let env = Env::new();
    let csv = env.write("x.csv", "cue,answer\nArticle 21,Protection of life\n,no cue\n");
    let mut cmd = env.command();
    cmd.env("RECALL_DECKS_DIR", env.path("decks")).arg("import").arg(&csv).args(["--deck", "x"]);
    let out = with_both_closed(cmd);
    assert_eq!(out.status.code(), Some(0));
    assert!(read(&env.path("decks/x.ron")).contains("Protection of life"));
    // A command that fails still says so by its exit code (2: no such deck).
    let mut cmd = env.command();
    cmd.args(["check", "no-such.ron"]);
    assert_eq!(with_both_closed(cmd).status.code(), Some(2));
}

/// Other write errors are still errors: a full disk is said, with exit code 1.
#[test]
fn a_full_disk_is_still_an_error() {
    if !std::path::Path::new("/dev/full").exists() {
        return;
    }
    let env = with_deck();
    let full = std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
    let out = env
        .command()
        .args(["preview", "decks"])
        .stdout(full)
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("No space left on device"), "{stderr}");
}
