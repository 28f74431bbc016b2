//! `recall study` driven through a real pseudo-terminal: the keys a learner presses, then the
//! store's rows checked exactly.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers panic on setup failure by design

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use recall::schedule::Grade;
use recall::store::{SessionId, SessionMode, Store};
use rexpect::process::WaitStatus;
use rexpect::session::PtySession;

const DAY1: &str = "2026-11-30T09:00:00Z";
const DAY2: &str = "2026-12-01T09:00:00Z";
const COMCASA: &str = "Communications Compatibility and Security Agreement";
const LEMOA: &str = "Logistics Exchange Memorandum of Agreement";

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/study/basics.ron")
}

struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    /// A temp folder with a data dir whose interval fuzz is off, so intervals are exact.
    fn new() -> Env {
        let env = Env { dir: tempfile::tempdir().unwrap() };
        env.recall().args(["config", "fuzz", "off"]).assert().success();
        env
    }

    fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    fn recall(&self) -> Command {
        let mut cmd = Command::cargo_bin("recall").unwrap();
        cmd.current_dir(self.dir.path())
            .env("RECALL_DATA_DIR", self.data())
            .env("RECALL_NOW", DAY1)
            .env("NO_COLOR", "1");
        cmd
    }

    /// `recall study FIXTURE --seed 1 ARGS` on a pseudo-terminal at `now`.
    fn study(&self, now: &str, args: &[&str]) -> PtySession {
        let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("recall"));
        cmd.current_dir(self.dir.path())
            .env("RECALL_DATA_DIR", self.data())
            .env("RECALL_NOW", now)
            .env("NO_COLOR", "1")
            .env("TERM", "xterm")
            .arg("study")
            .arg(fixture())
            .args(["--seed", "1"])
            .args(args);
        rexpect::session::spawn_command(cmd, Some(20_000)).unwrap()
    }

    fn store(&self) -> Store {
        Store::open(&self.data()).unwrap()
    }
}

/// Lets the program switch the terminal to raw mode before the next keys arrive.
fn settle() {
    std::thread::sleep(std::time::Duration::from_millis(150));
}

fn key(p: &mut PtySession, keys: &str) {
    settle();
    p.send(keys).unwrap();
    p.flush().unwrap();
}

/// Waits for `text` on the terminal. rexpect reads the output byte by byte as Latin-1, so
/// the needle is spelt the same way.
fn exp(p: &mut PtySession, text: &str) {
    let latin1: String = text.bytes().map(char::from).collect();
    p.exp_string(&latin1).unwrap();
}

/// Waits for the option `text` of the menu on screen and returns its number key.
fn option_number(p: &mut PtySession, text: &str) -> u32 {
    let (_, matched) = p.exp_regex(&format!(r"(\d)\) {text}")).unwrap();
    matched[..1].parse().unwrap()
}

fn exit_code(p: &PtySession) -> i32 {
    match p.process().wait().unwrap() {
        WaitStatus::Exited(_, code) => code,
        other => panic!("{other:?}"),
    }
}

type Row = (String, String, String, bool, String, Grade, bool);

fn rows(store: &Store, session: i64) -> Vec<Row> {
    store
        .reviews_in_session(SessionId(session))
        .unwrap()
        .into_iter()
        .map(|r| {
            let kind = r.kind.unwrap().slug().to_owned();
            (r.card, kind, r.response, r.correct, r.outcome.name().to_owned(), r.grade, r.cram)
        })
        .collect()
}

fn row(fact: &str, kind: &str, response: &str, correct: bool, outcome: &str, grade: Grade) -> Row {
    let card = format!("study-basics/{fact}/forward");
    (card, kind.into(), response.into(), correct, outcome.into(), grade, false)
}

/// Right and wrong multiple choice, a typed near miss accepted as right, a self-rated
/// flashcard, an undo and a quit halfway; then the store; then the next day.
#[cfg(unix)]
#[test]
fn a_session_through_a_terminal_then_the_next_day() {
    let env = Env::new();
    let mut p = env.study(DAY1, &[]);
    exp(&mut p, "Study basics · 0 due, 7 new");

    exp(&mut p, "[1/7] What does COMCASA stand for?");
    let right = option_number(&mut p, COMCASA);
    key(&mut p, &right.to_string());
    exp(&mut p, "✓ Right");
    exp(&mut p, "Save as");
    key(&mut p, "\r");
    exp(&mut p, "Save as (Enter keeps it) · Good · 2d");

    exp(&mut p, "[2/7] Which export-control regime did India join in 2017?");
    key(&mut p, "Wassenar Arrangement\r");
    exp(&mut p, "≈ Almost");
    exp(&mut p, "Differences: Wassena[-a-]r Arrangement");
    exp(&mut p, "Save as");
    // Offered as Hard; the learner accepts it as right.
    key(&mut p, "3");
    exp(&mut p, "Good · 2d");

    exp(&mut p, "[3/7] Why does a 2+2 dialogue matter?");
    key(&mut p, "\r");
    exp(&mut p, "It aligns defence and foreign policy in one meeting");
    exp(&mut p, "How well did you know it?");
    exp(&mut p, "Hard · 1d");
    key(&mut p, "2");

    exp(&mut p, "[4/7] What does LEMOA stand for?");
    let lemoa = option_number(&mut p, LEMOA);
    let wrong = lemoa % 4 + 1;
    key(&mut p, &wrong.to_string());
    exp(&mut p, "✗ Wrong");
    exp(&mut p, &format!("Answer: {LEMOA}"));
    exp(&mut p, "Save as");
    key(&mut p, "\r");

    // The miss will come back: 8 questions now. Undo it instead, and answer it again.
    exp(&mut p, "4/8 ·");
    exp(&mut p, "[5/8] What does BECA stand for?");
    key(&mut p, "u");
    exp(&mut p, "Undone: LEMOA");
    exp(&mut p, "3/7 ·");
    exp(&mut p, "[4/7] What does LEMOA stand for?");
    let lemoa = option_number(&mut p, LEMOA);
    key(&mut p, &(lemoa % 4 + 1).to_string());
    exp(&mut p, "✗ Wrong");
    exp(&mut p, "Save as");
    key(&mut p, "\r");

    // Quit halfway.
    exp(&mut p, "[5/8] What does BECA stand for?");
    key(&mut p, "q");
    exp(&mut p, "Session stopped: every answer so far is saved");
    exp(&mut p, "Answered    4 questions");
    exp(&mut p, "Right       ✓ 3 (75%)");
    exp(&mut p, "New facts   4");
    exp(&mut p, "Streak      1 day");
    exp(&mut p, "Due         1 tomorrow · 3 in the next 7 days");
    exp(&mut p, "Later today 1 card to see again in a few minutes");
    exp(&mut p, "✗ LEMOA → Logistics Exchange Memorandum of Agreement");
    let rest = p.exp_eof().unwrap();
    assert!(!rest.contains("\x1b[?25l") || rest.contains("\x1b[?25h"), "cursor left hidden");
    assert_eq!(exit_code(&p), 0);

    let store = env.store();
    let lemoa_wrong = store.reviews_in_session(SessionId(1)).unwrap()[3].response.clone();
    assert_ne!(lemoa_wrong, LEMOA);
    assert_eq!(
        rows(&store, 1),
        vec![
            row("comcasa", "multiple-choice", COMCASA, true, "correct", Grade::Good),
            row("wassenaar", "typed", "Wassenar Arrangement", true, "near-miss", Grade::Good),
            row("why-2plus2", "flashcard", "self-rated hard", true, "correct", Grade::Hard),
            row("lemoa", "multiple-choice", &lemoa_wrong, false, "wrong", Grade::Again),
        ]
    );
    let session = store.session(SessionId(1)).unwrap().unwrap();
    assert_eq!(session.mode, SessionMode::Study);
    assert_eq!(session.decks.iter().map(|d| d.as_str()).collect::<Vec<_>>(), ["study-basics"]);
    assert_eq!(session.started, DAY1.parse().unwrap());
    let s = &session.summary;
    assert_eq!((s.questions, s.right, s.wrong), (4, 3, 1));
    assert!(s.ended.is_some_and(|e| e >= session.started));
    assert_eq!(s.extra.as_ref().unwrap()["ending"], "quit");
    assert_eq!(s.extra.as_ref().unwrap()["new_facts"], 4);
    drop(store);

    // The next day: the missed LEMOA (lowest recall) and the Hard flashcard are due, then the
    // three facts not seen yet.
    let mut p = env.study(DAY2, &[]);
    exp(&mut p, "Study basics · 2 due, 3 new");
    exp(&mut p, "[1/5] What does LEMOA stand for?");
    let lemoa = option_number(&mut p, LEMOA);
    key(&mut p, &lemoa.to_string());
    exp(&mut p, "Save as");
    key(&mut p, "\r");
    exp(&mut p, "[2/5] Why does a 2+2 dialogue matter?");
    key(&mut p, "\x1b");
    exp(&mut p, "Session stopped");
    exp(&mut p, "Streak      2 days");
    p.exp_eof().unwrap();
    assert_eq!(exit_code(&p), 0);
}

/// `kill -9` in the middle of a session: every answer given is in the store, and the next
/// start closes the cut-off session from them.
#[cfg(unix)]
#[test]
fn kill_9_keeps_every_answered_question() {
    let env = Env::new();
    let mut p = env.study(DAY1, &[]);
    exp(&mut p, "[1/7] What does COMCASA stand for?");
    let right = option_number(&mut p, COMCASA);
    key(&mut p, &right.to_string());
    exp(&mut p, "Save as");
    key(&mut p, "\r");
    exp(&mut p, "[2/7] Which export-control regime");
    key(&mut p, "wassenaar arrangement\r");
    exp(&mut p, "✓ Right");
    exp(&mut p, "Save as");
    key(&mut p, "\r");
    exp(&mut p, "[3/7] Why does a 2+2 dialogue matter?");
    p.process_mut().kill(rexpect::process::Signal::SIGKILL).unwrap();

    let store = env.store();
    let cards: Vec<String> = rows(&store, 1).into_iter().map(|r| r.0).collect();
    assert_eq!(cards, ["study-basics/comcasa/forward", "study-basics/wassenaar/forward"]);
    assert_eq!(store.session(SessionId(1)).unwrap().unwrap().summary.ended, None);
    drop(store);

    // The lock died with the process: a new session starts, and closes the old one.
    let mut p = env.study(DAY1, &[]);
    exp(&mut p, "[1/5]");
    key(&mut p, "q");
    p.exp_eof().unwrap();
    let store = env.store();
    let s = store.session(SessionId(1)).unwrap().unwrap().summary;
    assert_eq!((s.questions, s.right, s.wrong), (2, 2, 0));
    let last = store.reviews_in_session(SessionId(1)).unwrap().last().unwrap().time;
    assert_eq!(s.ended, Some(last), "closed at its last answer");
}

/// Without a terminal, `study` says it is interactive and which commands work in pipes, and
/// exits 2 before touching anything.
#[test]
fn without_a_terminal_study_says_so_and_exits_2() {
    let env = Env { dir: tempfile::tempdir().unwrap() };
    env.recall()
        .arg("study")
        .arg(fixture())
        .write_stdin("1\n")
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("`recall study` is interactive: run it in a terminal"))
        .stderr(predicate::str::contains("`recall check`, `recall preview`, `recall stats`"));
    assert!(!env.data().exists(), "the store was opened");
}

/// Decks with errors: the diagnostics and exit 1, before any session.
#[cfg(unix)]
#[test]
fn deck_errors_stop_before_the_session() {
    let env = Env::new();
    let bad =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/check/bad/missing-comma.ron");
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("recall"));
    cmd.current_dir(env.dir.path())
        .env("RECALL_DATA_DIR", env.data())
        .env("NO_COLOR", "1")
        .env("TERM", "xterm")
        .arg("study")
        .arg(bad);
    let mut p = rexpect::session::spawn_command(cmd, Some(20_000)).unwrap();
    exp(&mut p, "missing-comma.ron");
    exp(&mut p, "1 error in the decks (shown above); fix them and try again");
    p.exp_eof().unwrap();
    assert_eq!(exit_code(&p), 1);
    assert!(
        env.store()
            .sessions_between(jiff::Timestamp::MIN, jiff::Timestamp::MAX)
            .unwrap()
            .is_empty()
    );
}

/// Nothing due and no new facts allowed: a friendly word, exit 0, no session row.
#[cfg(unix)]
#[test]
fn nothing_to_study_is_said_kindly() {
    let env = Env::new();
    let mut p = env.study(DAY1, &["--new", "0"]);
    exp(&mut p, "Nothing to study right now");
    exp(&mut p, "7 new cards wait");
    p.exp_eof().unwrap();
    assert_eq!(exit_code(&p), 0);
    assert!(
        env.store()
            .sessions_between(jiff::Timestamp::MIN, jiff::Timestamp::MAX)
            .unwrap()
            .is_empty()
    );

    // After learning one card, the message says when it is next due.
    let mut p = env.study(DAY1, &["--limit", "1"]);
    exp(&mut p, "[1/1] What does COMCASA stand for?");
    let right = option_number(&mut p, COMCASA);
    key(&mut p, &right.to_string());
    exp(&mut p, "Save as");
    key(&mut p, "\r");
    exp(&mut p, "Question limit reached");
    p.exp_eof().unwrap();
    let mut p = env.study(DAY1, &["--new", "0"]);
    exp(&mut p, "Next review: Wed 2 Dec at 09:00 (in 2 days).");
    p.exp_eof().unwrap();
}

/// The daily review limit reached: said so, exit 0.
#[cfg(unix)]
#[test]
fn the_review_limit_is_said() {
    let env = Env::new();
    env.recall().args(["config", "reviews-per-day", "1"]).assert().success();
    let mut p = env.study(DAY1, &[]);
    exp(&mut p, "[1/1] What does COMCASA stand for?");
    let right = option_number(&mut p, COMCASA);
    key(&mut p, &right.to_string());
    exp(&mut p, "Save as");
    key(&mut p, "\r");
    exp(&mut p, "Session complete");
    p.exp_eof().unwrap();
    let mut p = env.study(DAY1, &[]);
    exp(&mut p, "Today's review limit is reached: the rest waits for tomorrow.");
    p.exp_eof().unwrap();
    assert_eq!(exit_code(&p), 0);
}

/// A second session on the same data while one runs: a clear refusal.
#[cfg(unix)]
#[test]
fn a_second_session_is_refused() {
    let env = Env::new();
    let mut first = env.study(DAY1, &[]);
    exp(&mut first, "[1/7]");
    let mut second = env.study(DAY1, &[]);
    exp(&mut second, "another recall session is running");
    second.exp_eof().unwrap();
    assert_eq!(exit_code(&second), 1);
    key(&mut first, "q");
    first.exp_eof().unwrap();
    assert_eq!(exit_code(&first), 0);
}

/// Cram: answers recorded with the cram flag, schedules untouched, session mode `cram`.
#[cfg(unix)]
#[test]
fn cram_leaves_schedules_alone() {
    let env = Env::new();
    let mut p = env.study(DAY1, &["--cram", "--topic", "agreements", "--limit", "1"]);
    exp(&mut p, "cram, 4 cards");
    exp(&mut p, "[1/1] What does COMCASA stand for?");
    let right = option_number(&mut p, COMCASA);
    key(&mut p, &right.to_string());
    exp(&mut p, "Save as");
    key(&mut p, "\r");
    exp(&mut p, "(cram: schedules unchanged)");
    p.exp_eof().unwrap();
    let store = env.store();
    assert!(rows(&store, 1)[0].6, "not marked as cram");
    assert_eq!(store.session(SessionId(1)).unwrap().unwrap().mode, SessionMode::Cram);
    assert!(store.card_states().unwrap().is_empty());
}

/// Colour is on in a colour terminal, off with `NO_COLOR` or `TERM=dumb`; the session works
/// the same either way.
#[cfg(unix)]
#[test]
fn colour_follows_no_color_and_term_dumb() {
    let env = Env::new();
    for (term, no_color, coloured) in
        [("xterm", false, true), ("xterm", true, false), ("dumb", false, false)]
    {
        let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("recall"));
        cmd.current_dir(env.dir.path())
            .env("RECALL_DATA_DIR", env.data())
            .env("RECALL_NOW", DAY1)
            .env("TERM", term)
            .env_remove("NO_COLOR")
            .args(["study", "--seed", "1"])
            .arg(fixture());
        if no_color {
            cmd.env("NO_COLOR", "1");
        }
        let mut p = rexpect::session::spawn_command(cmd, Some(20_000)).unwrap();
        let before = p.exp_string("[1/7] What does COMCASA stand for?").unwrap();
        // The deck's title is bold in colour.
        assert_eq!(
            before.contains("\x1b[1m"),
            coloured,
            "TERM={term} NO_COLOR={no_color}: {before:?}"
        );
        key(&mut p, "q");
        p.exp_eof().unwrap();
        assert_eq!(exit_code(&p), 0);
    }
}

/// Issue 14, fair grading, typed by a learner in a real terminal: a name with an honorific and
/// unspaced initials is right, a code without its hyphen is right, and the whole answer plus a
/// little is a near miss shown in the learner's own words.
#[cfg(unix)]
#[test]
fn typed_answers_are_graded_fairly() {
    let env = Env::new();
    let deck = env.dir.path().join("grading.ron");
    std::fs::write(
        &deck,
        r#"Deck(
    id: "grading",
    title: "Grading",
    facts: [
        Fact(id: "chair", kind: Person, cue: "Chairman of the Drafting Committee", answer: "B. R. Ambedkar", skip: [Reverse]),
        Fact(id: "sta", kind: Term, cue: "the top tier of the US licence exception India joined in 2018", answer: "STA-1", skip: [Reverse]),
        Fact(id: "comcasa", kind: Acronym, cue: "COMCASA", answer: "Communications Compatibility and Security Agreement", skip: [Reverse]),
    ],
)"#,
    )
    .unwrap();
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("recall"));
    cmd.current_dir(env.dir.path())
        .env("RECALL_DATA_DIR", env.data())
        .env("RECALL_NOW", DAY1)
        .env("NO_COLOR", "1")
        .env("TERM", "xterm")
        .args(["study", "grading.ron", "--kinds", "typed", "--seed", "1"]);
    let mut p = rexpect::session::spawn_command(cmd, Some(20_000)).unwrap();
    exp(&mut p, "Grading · 0 due, 3 new");

    exp(&mut p, "[1/3] Who is Chairman of the Drafting Committee?");
    key(&mut p, "Dr. B.R. Ambedkar\r");
    exp(&mut p, "✓ Right");
    exp(&mut p, "Save as");
    key(&mut p, "\r");

    exp(&mut p, "[2/3] What is the top tier of the US licence exception");
    key(&mut p, "STA1\r");
    exp(&mut p, "✓ Right");
    exp(&mut p, "Save as");
    key(&mut p, "\r");

    exp(&mut p, "[3/3] What does COMCASA stand for?");
    key(&mut p, "the Communications Compatibility and Security Agreement of 2018\r");
    exp(&mut p, "≈ Almost: more than the answer");
    exp(&mut p, "Differences: the Communications Compatibility and Security Agreement {+of");
    exp(&mut p, "Save as");
    key(&mut p, "\r");
    exp(&mut p, "Session complete");
    p.exp_eof().unwrap();
    assert_eq!(exit_code(&p), 0);

    let store = env.store();
    let got: Vec<(String, String, String)> = store
        .reviews_in_session(SessionId(1))
        .unwrap()
        .into_iter()
        .map(|r| (r.card, r.response, r.outcome.name().to_owned()))
        .collect();
    let want = |fact: &str, response: &str, outcome: &str| {
        (format!("grading/{fact}/forward"), response.to_owned(), outcome.to_owned())
    };
    assert_eq!(
        got,
        vec![
            want("chair", "Dr. B.R. Ambedkar", "correct"),
            want("sta", "STA1", "correct"),
            want(
                "comcasa",
                "the Communications Compatibility and Security Agreement of 2018",
                "near-miss"
            ),
        ]
    );
}
