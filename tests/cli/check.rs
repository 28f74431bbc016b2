//! `recall check` run as a real binary on the fixture decks in `tests/fixtures/check/`.

#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use predicates::prelude::*;

use crate::support::{self, Env};

fn fixtures() -> PathBuf {
    support::fixture("check")
}

/// An environment run from the fixtures folder, so paths in the output are short and stable.
fn env() -> Env {
    Env::new().in_dir(fixtures())
}

/// `recall check` with colour allowed: the output must be plain anyway, since it is a pipe.
fn check(env: &Env) -> assert_cmd::Command {
    let mut cmd = env.recall();
    cmd.env_remove("NO_COLOR").arg("check");
    cmd
}

#[test]
fn a_valid_deck_checks_clean() {
    let env = env();
    check(&env)
        .arg("valid")
        .assert()
        .code(0)
        .stdout("1 deck, 6 facts; 0 errors, 0 warnings\n")
        .stderr("");
}

#[test]
fn warnings_alone_exit_zero() {
    let env = env();
    let out = check(&env).arg("warnings/lints.ron").assert().code(0).get_output().stdout.clone();
    let out = String::from_utf8(out).unwrap();
    // Every warning at its place, in file order; the options warnings at the fact's id.
    let expected = [
        "warning[weak-options]: only 0 plausible distractors of type `description` in its deck: multiple choice and true/false fall back to typed answers\n --> warnings/lints.ron:7:17\n",
        "warning[weak-options]: the cue is too long to type and there are too few other `Organization` cues of type `name` in its deck for multiple choice: the reverse card is a flashcard\n --> warnings/lints.ron:7:17\n",
        "warning[question-cue]: the cue is a question, but kind `Organization` asks questions about its cue, and its reverse card asks for the cue\n --> warnings/lints.ron:9:18\n",
        "warning[answer-in-question]: the answer \"Wassenaar Arrangement\" appears in the cue\n  --> warnings/lints.ron:9:18\n",
        "warning[redundant-accept]: \"wassenaar arrangement\" is the same as the answer\n  --> warnings/lints.ron:11:22\n",
        "warning[cloze-no-blank]: cloze statement has no `{…}` blank\n  --> warnings/lints.ron:12:21\n",
        "warning[weak-options]: only 1 plausible distractor of type `description` in its deck: multiple choice falls back to typed answers\n  --> warnings/lints.ron:15:17\n",
        "warning[cloze-malformed]: malformed cloze statement: this `{` is never closed\n  --> warnings/lints.ron:19:26\n",
    ];
    let mut at = 0;
    for e in expected {
        let found =
            out[at..].find(e).unwrap_or_else(|| panic!("missing {e:?} after {at} in:\n{out}"));
        at += found + e.len();
    }
    assert!(
        out.contains("15 |             id: \"mtcr\",\n   |                 ^^^^^^\n"),
        "the snippet underlines the fact id:\n{out}"
    );
    assert!(
        out.contains("= help: the answer is a description: wrong options are the other description answers of its deck (never another deck's, which may not share its subject); add such facts, or `skip: [MultipleChoice]` on this fact\n"),
        "{out}"
    );
    assert!(!out.contains("few-siblings"), "one warning per cause:\n{out}");
    assert!(out.ends_with("\n1 deck, 2 facts; 0 errors, 8 warnings\n"), "{out}");
}

#[test]
fn errors_in_every_file_are_reported_in_one_run() {
    let env = env();
    let out = check(&env).arg("bad").arg("valid").assert().code(1).get_output().stdout.clone();
    let out = String::from_utf8(out).unwrap();
    for expected in [
        // missing comma: the token where `,` or `)` was expected
        "error[syntax]: expected `,` or `)` after the value of `title`, found `facts`\n --> bad/missing-comma.ron:4:5\n  |\n3 |     title: \"A comma is missing\"\n  |                               - a `,` is missing after this\n4 |     facts: [],\n  |     ^^^^^\n  |\n  = help: add a `,` after the value of `title`\n",
        // CRLF file: right column, clean snippet
        "error[unknown-field]: unknown field `answr` in `Fact`\n --> bad/crlf.ron:5:45\n",
        "= help: did you mean `answer`?",
        "error[invalid-kind]: unknown kind `Acronymn`\n --> bad/schema-errors.ron:5:29\n",
        "= help: did you mean `Acronym`? valid kinds: Acronym, Term, Person, Place, Date, Number, Group, Agreement, Organization, Statement",
        "error[wrong-type]: `cue` must be a string, found a number\n --> bad/schema-errors.ron:6:45\n",
        "error[invalid-question-kind]: unknown question kind `Sometimes`\n --> bad/schema-errors.ron:7:66\n",
        "error[duplicate-id]: fact id `a` is used twice in this deck\n --> bad/schema-errors.ron:8:18\n",
        "first defined here",
    ] {
        assert!(out.contains(expected), "missing {expected:?} in:\n{out}");
    }
    assert!(out.ends_with("\n4 decks, 11 facts; 8 errors, 0 warnings\n"), "{out}");
    assert!(!out.contains('\r'));
    assert!(!out.contains('\u{1b}'), "no colour in a pipe");
}

#[test]
fn json_output_is_an_array_on_stdout_only() {
    let env = env();
    let assert = check(&env).args(["--json", "bad/missing-comma.ron", "warnings"]).assert().code(1);
    let output = assert.get_output();
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        text.starts_with("[\n  {\n    \"severity\": \"error\",\n    \"code\": \"syntax\","),
        "{text}"
    );
    let items: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let items = items.as_array().unwrap();
    assert_eq!(items.len(), 6);
    let first = &items[0];
    assert_eq!(first["severity"], "error");
    assert_eq!(first["code"], "syntax");
    assert_eq!(first["message"], "expected `,` or `)` after the value of `title`, found `facts`");
    assert_eq!(first["path"], "bad/missing-comma.ron");
    assert_eq!((first["line"].as_u64(), first["column"].as_u64()), (Some(4), Some(5)));
    assert_eq!((first["end_line"].as_u64(), first["end_column"].as_u64()), (Some(4), Some(10)));
    assert_eq!(first["hint"], "add a `,` after the value of `title`");
    assert!(items[1..].iter().all(|i| i["severity"] == "warning"));
    // With an error in the decks, only the deck lints run (no quiz or history warnings).
    let codes: Vec<_> = items[1..].iter().map(|i| i["code"].as_str().unwrap()).collect();
    assert_eq!(
        codes,
        [
            "question-cue",
            "answer-in-question",
            "redundant-accept",
            "cloze-no-blank",
            "cloze-malformed"
        ]
    );
    assert_eq!(String::from_utf8_lossy(&output.stderr), "2 decks, 2 facts; 1 error, 5 warnings\n");
}

#[test]
fn json_for_a_clean_deck_is_an_empty_array() {
    let env = env();
    check(&env).args(["--json", "valid"]).assert().code(0).stdout("[]\n");
}

#[test]
fn a_missing_path_is_a_usage_error() {
    let env = env();
    check(&env)
        .arg("no-such-deck.ron")
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("`no-such-deck.ron` does not exist"));
}

#[test]
fn the_default_is_the_decks_folder() {
    // No `decks/` here and none in the data folder: the bundled decks are put there and
    // checked.
    let env = Env::new();
    check(&env)
        .assert()
        .code(0)
        .stdout(predicate::str::is_match(r"2 decks, \d+ facts; 0 errors").unwrap())
        .stderr(predicate::str::contains("2plus2-questions.ron are now in"));
    assert!(env.data().join("decks/india-us-2plus2.ron").is_file());

    // A `decks/` folder here comes first.
    std::fs::create_dir(env.path("decks")).unwrap();
    std::fs::copy(fixtures().join("valid/sample.ron"), env.path("decks/sample.ron")).unwrap();
    check(&env).assert().code(0).stdout("1 deck, 6 facts; 0 errors, 0 warnings\n");
}

#[test]
fn unreadable_files_and_huge_files_get_a_message() {
    let env = env();
    let dir = env.path("decks");
    std::fs::create_dir(&dir).unwrap();
    std::os::unix::fs::symlink(dir.join("gone.ron"), dir.join("dangling.ron")).unwrap();
    std::fs::File::create(dir.join("huge.ron")).unwrap().set_len(50_000_000).unwrap();
    let assert = check(&env).arg(&dir).assert().code(1);
    let out = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
    assert!(out.contains("error[unreadable]: cannot read deck"), "{out}");
    assert!(out.contains("dangling.ron"), "{out}");
    assert!(out.contains("error[too-large]"), "{out}");
    // One unit, MiB, for the size and the limit (it said "50.0 MB; the limit is 16 MB").
    assert!(out.contains("(47.7 MiB; the limit is 16 MiB)"), "{out}");
    assert!(out.ends_with("2 decks, 0 facts; 2 errors, 0 warnings\n"), "{out}");
}

/// The deck shipped in `decks/` must check clean, since it is the first thing a new user
/// runs: no errors, and no warnings but `weak-options`, which say where a question falls back
/// to a kind without options (no plausible set of the answer's type) and why.
#[test]
fn the_bundled_decks_check_clean() {
    let env = Env::new().in_dir(env!("CARGO_MANIFEST_DIR"));
    let out = check(&env).assert().success().get_output().stdout.clone();
    let out = String::from_utf8(out).unwrap();
    assert!(out.contains(" 0 errors, "), "{out}");
    for line in out.lines().filter(|l| l.starts_with("warning[")) {
        assert!(line.starts_with("warning[weak-options]: "), "{line}");
        assert!(line.contains(" of type `"), "the type is named: {line}");
    }
}

/// Records one answer to `key` in a store in `data`.
fn answer(data: &Path, key: &str, times: usize) {
    use recall::schedule::{CardState, Grade, Outcome};
    use recall::store::{Answer, Store};
    let mut store = Store::open(data).unwrap();
    let card: recall::ids::CardKey = key.parse().unwrap();
    for i in 0..times {
        store
            .record_answer(&Answer {
                card: &card,
                session: None,
                time: jiff::Timestamp::from_second(1_780_000_000 + i as i64 * 86_400).unwrap(),
                kind: recall::deck::QuestionKind::Typed,
                response: "x",
                correct: true,
                outcome: Outcome::Correct,
                grade: Grade::Good,
                duration_ms: 1000,
                after: &CardState::default(),
                cram: false,
            })
            .unwrap();
    }
}

#[test]
fn history_of_a_removed_fact_is_an_orphan_warning() {
    let env = env();
    answer(&env.data(), "sample-2plus2/old-fact/forward", 12);
    answer(&env.data(), "sample-2plus2/comcasa/forward", 1); // still in the deck
    answer(&env.data(), "sample-2plus2/comcasa/cloze-2", 2); // the fact has one blank
    answer(&env.data(), "another-deck/gone/forward", 3); // a deck not checked: not reported
    check(&env)
        .env("NO_COLOR", "1")
        .arg("valid")
        .assert()
        .success()
        // A fact gone: at the deck's id; a card gone: at its fact's id.
        .stdout(predicate::str::contains(
            "warning[orphaned-history]: `sample-2plus2/old-fact/forward` has 12 reviews but no fact in the decks; its history is kept\n --> valid/sample.ron:3:9\n  |\n3 |     id: \"sample-2plus2\",\n  |         ^^^^^^^^^^^^^^^\n  |\n  = help: if fact `old-fact` was renamed, give it back its old id to keep its progress\n",
        ))
        .stdout(predicate::str::contains(
            "warning[orphaned-history]: `sample-2plus2/comcasa/cloze-2` has 2 reviews but no such card in the decks; its history is kept\n  --> valid/sample.ron:10:17\n",
        ))
        .stdout(predicate::str::contains("another-deck").not())
        .stdout(predicate::str::contains("0 errors, 2 warnings"));
    let json = check(&env).args(["valid", "--json"]).output().unwrap();
    let diagnostics: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(diagnostics[0]["code"], "orphaned-history");
    let at: Vec<_> = diagnostics
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["line"].as_u64().unwrap(), d["column"].as_u64().unwrap()))
        .collect();
    assert_eq!(at, [(3, 9), (10, 17)]);
}

#[test]
fn check_never_creates_a_progress_file() {
    let env = env();
    check(&env).arg("valid").assert().success();
    assert!(!env.data().join("recall.sqlite3").exists());
}

/// A named pipe in a decks folder is no deck: it is not counted, and only warned about, so
/// `check` passes and `decks` lists the one deck without an error note.
#[cfg(unix)]
#[test]
fn a_pipe_in_a_folder_is_not_a_deck() {
    let env = Env::new();
    env.copy("study/basics.ron", "decks/basics.ron");
    let status =
        std::process::Command::new("mkfifo").arg(env.path("decks/pipe.ron")).status().unwrap();
    assert!(status.success());
    let out = env.recall().args(["check", "decks"]).assert().success();
    let text = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(text.contains("warning[not-a-file]"), "{text}");
    let summary = text.lines().last().unwrap();
    assert!(
        summary.starts_with("1 deck, ") && summary.ends_with("; 0 errors, 1 warning"),
        "{text}"
    );
    env.recall()
        .args(["decks", "decks"])
        .assert()
        .success()
        .stdout(predicate::str::contains("1 deck, "))
        .stderr(predicate::str::contains("errors").not());
}
