//! `recall study` driven through a real pseudo-terminal: the keys a learner presses, then the
//! store's rows checked exactly.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers panic on setup failure by design

use std::path::PathBuf;

use predicates::prelude::*;
use recall::schedule::Grade;
use recall::store::{SessionId, SessionMode, Store};

use crate::support::{self, Env, Terminal};

const DAY1: &str = "2026-11-30T09:00:00Z";
const DAY2: &str = "2026-12-01T09:00:00Z";
const COMCASA: &str = "Communications Compatibility and Security Agreement";
const LEMOA: &str = "Logistics Exchange Memorandum of Agreement";

fn fixture() -> PathBuf {
    support::fixture("study/basics.ron")
}

/// A temp folder with a data dir whose interval fuzz is off, so intervals are exact.
fn env() -> Env {
    let env = Env::new().now(DAY1);
    env.recall().args(["config", "fuzz", "off"]).assert().success();
    env
}

/// `recall study FIXTURE --seed 1 ARGS` on a pseudo-terminal at `now`.
fn study(env: &Env, now: &str, args: &[&str]) -> Terminal {
    let mut cmd = env.command();
    cmd.env("RECALL_NOW", now).arg("study").arg(fixture()).args(["--seed", "1"]).args(args);
    Terminal::spawn(cmd)
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
    let env = env();
    let mut p = study(&env, DAY1, &[]);
    p.expect("Study basics · 0 due, 7 new");

    p.expect("[1/7] What does COMCASA stand for?");
    let right = p.option_number(COMCASA);
    p.press(&right.to_string());
    p.expect("✓ Right");
    p.expect("Save as");
    p.press("\r");
    p.expect("Save as (Enter keeps it) · Good · 2d");

    p.expect("[2/7] Which export-control regime did India join in 2017?");
    p.press("Wassenar Arrangement\r");
    p.expect("≈ Almost");
    p.expect("Differences: Wassena[-a-]r Arrangement");
    p.expect("Save as");
    // Offered as Hard; the learner accepts it as right.
    p.press("3");
    p.expect("Good · 2d");

    p.expect("[3/7] Why does a 2+2 dialogue matter?");
    p.press("\r");
    p.expect("It aligns defence and foreign policy in one meeting");
    p.expect("How well did you know it?");
    p.expect("Hard · 1d");
    p.press("2");

    p.expect("[4/7] What does LEMOA stand for?");
    let lemoa = p.option_number(LEMOA);
    let wrong = lemoa % 4 + 1;
    p.press(&wrong.to_string());
    p.expect("✗ Wrong");
    p.expect(&format!("Answer: {LEMOA}"));
    p.expect("Save as");
    p.press("\r");

    // The miss will come back: 8 questions now. Undo it instead, and answer it again.
    p.expect("4/8 ·");
    p.expect("[5/8] What does BECA stand for?");
    p.press("u");
    p.expect("Undone: LEMOA");
    p.expect("3/7 ·");
    p.expect("[4/7] What does LEMOA stand for?");
    let lemoa = p.option_number(LEMOA);
    p.press(&(lemoa % 4 + 1).to_string());
    p.expect("✗ Wrong");
    p.expect("Save as");
    p.press("\r");

    // Quit halfway.
    p.expect("[5/8] What does BECA stand for?");
    p.press("q");
    p.expect("Session stopped: every answer so far is saved");
    p.expect("Answered    4 questions");
    p.expect("Right       ✓ 3 (75%)");
    p.expect("New facts   4");
    p.expect("Streak      1 day");
    p.expect("Due         2 tomorrow (1 left from today) · 4 in the next 7 days");
    p.expect("Later today 1 card to see again in a few minutes");
    p.expect("✗ LEMOA → Logistics Exchange Memorandum of Agreement");
    let rest = p.eof();
    assert!(!rest.contains("\x1b[?25l") || rest.contains("\x1b[?25h"), "cursor left hidden");
    assert_eq!(p.exit_code(), 0);

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
    let mut p = study(&env, DAY2, &[]);
    p.expect("Study basics · 2 due, 3 new");
    p.expect("[1/5] What does LEMOA stand for?");
    let lemoa = p.option_number(LEMOA);
    p.press(&lemoa.to_string());
    p.expect("Save as");
    p.press("\r");
    p.expect("[2/5] Why does a 2+2 dialogue matter?");
    p.press("\x1b");
    p.expect("Session stopped");
    p.expect("Streak      2 days");
    p.eof();
    assert_eq!(p.exit_code(), 0);
}

/// `kill -9` in the middle of a session: every answer given is in the store, and the next
/// start closes the cut-off session from them and says so.
#[cfg(unix)]
#[test]
fn kill_9_keeps_every_answered_question() {
    let env = env();
    let mut p = study(&env, DAY1, &[]);
    p.expect("[1/7] What does COMCASA stand for?");
    let right = p.option_number(COMCASA);
    p.press(&right.to_string());
    p.expect("Save as");
    p.press("\r");
    p.expect("[2/7] Which export-control regime");
    p.press("wassenaar arrangement\r");
    p.expect("✓ Right");
    p.expect("Save as");
    p.press("\r");
    p.expect("[3/7] Why does a 2+2 dialogue matter?");
    p.kill();

    let store = env.store();
    let cards: Vec<String> = rows(&store, 1).into_iter().map(|r| r.0).collect();
    assert_eq!(cards, ["study-basics/comcasa/forward", "study-basics/wassenaar/forward"]);
    assert_eq!(store.session(SessionId(1)).unwrap().unwrap().summary.ended, None);
    drop(store);

    // The lock died with the process: a new session starts, closes the old one and says so.
    let mut p = study(&env, DAY1, &[]);
    p.expect("note: your study session of 2026-11-30 09:00 was cut off before it ended;");
    p.expect("answers are saved, and it is closed now (`recall history 1`).");
    p.expect("[1/5]");
    p.press("q");
    p.eof();
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
    let env = Env::new().now(DAY1);
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
    let env = env();
    let bad = support::fixture("check/bad/missing-comma.ron");
    let mut cmd = env.command();
    cmd.arg("study").arg(bad);
    let mut p = Terminal::spawn(cmd);
    p.expect("missing-comma.ron");
    p.expect("1 error in the decks (shown above); fix them and try again");
    p.eof();
    assert_eq!(p.exit_code(), 1);
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
    let env = env();
    let mut p = study(&env, DAY1, &["--new", "0"]);
    p.expect("Nothing to study right now");
    p.expect("7 new cards wait");
    p.eof();
    assert_eq!(p.exit_code(), 0);
    assert!(
        env.store()
            .sessions_between(jiff::Timestamp::MIN, jiff::Timestamp::MAX)
            .unwrap()
            .is_empty()
    );

    // After learning one card, the message says when it is next due.
    let mut p = study(&env, DAY1, &["--limit", "1"]);
    p.expect("[1/1] What does COMCASA stand for?");
    let right = p.option_number(COMCASA);
    p.press(&right.to_string());
    p.expect("Save as");
    p.press("\r");
    p.expect("Question limit reached");
    p.eof();
    let mut p = study(&env, DAY1, &["--new", "0"]);
    p.expect("Next review: Wed 2 Dec at 09:00 (in 2 days).");
    p.eof();
}

/// The daily review limit reached: said so, exit 0.
#[cfg(unix)]
#[test]
fn the_review_limit_is_said() {
    let env = env();
    env.recall().args(["config", "reviews-per-day", "1"]).assert().success();
    let mut p = study(&env, DAY1, &[]);
    p.expect("[1/1] What does COMCASA stand for?");
    let right = p.option_number(COMCASA);
    p.press(&right.to_string());
    p.expect("Save as");
    p.press("\r");
    p.expect("Session complete");
    p.eof();
    let mut p = study(&env, DAY1, &[]);
    p.expect("Today's review limit is reached: the rest waits for tomorrow.");
    p.eof();
    assert_eq!(p.exit_code(), 0);
}

/// A second session on the same data while one runs: a clear refusal.
#[cfg(unix)]
#[test]
fn a_second_session_is_refused() {
    let env = env();
    let mut first = study(&env, DAY1, &[]);
    first.expect("[1/7]");
    let mut second = study(&env, DAY1, &[]);
    second.expect("another recall session is running");
    second.eof();
    assert_eq!(second.exit_code(), 1);
    first.press("q");
    first.eof();
    assert_eq!(first.exit_code(), 0);
}

/// Cram: answers recorded with the cram flag, schedules untouched, session mode `cram`.
#[cfg(unix)]
#[test]
fn cram_leaves_schedules_alone() {
    let env = env();
    let mut p = study(&env, DAY1, &["--cram", "--topic", "agreements", "--limit", "1"]);
    p.expect("cram, 4 cards");
    p.expect("[1/1] What does COMCASA stand for?");
    let right = p.option_number(COMCASA);
    p.press(&right.to_string());
    p.expect("Save as");
    p.press("\r");
    p.expect("(cram: schedules unchanged)");
    p.eof();
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
    let env = env();
    for (term, no_color, coloured) in
        [("xterm", false, true), ("xterm", true, false), ("dumb", false, false)]
    {
        let mut cmd = env.command();
        cmd.env("TERM", term).env_remove("NO_COLOR").args(["study", "--seed", "1"]).arg(fixture());
        if no_color {
            cmd.env("NO_COLOR", "1");
        }
        let mut p = Terminal::spawn(cmd);
        let before = p.expect("[1/7] What does COMCASA stand for?");
        // The deck's title is bold in colour.
        assert_eq!(
            before.contains("\x1b[1m"),
            coloured,
            "TERM={term} NO_COLOR={no_color}: {before:?}"
        );
        p.press("q");
        p.eof();
        assert_eq!(p.exit_code(), 0);
    }
}

/// Issue 14, fair grading, typed by a learner in a real terminal: a name with an honorific and
/// unspaced initials is right, a code without its hyphen is right, and the whole answer plus a
/// little is a near miss shown in the learner's own words.
#[cfg(unix)]
#[test]
fn typed_answers_are_graded_fairly() {
    let env = env();
    env.write(
        "grading.ron",
        r#"Deck(
    id: "grading",
    title: "Grading",
    facts: [
        Fact(id: "chair", kind: Person, cue: "Chairman of the Drafting Committee", answer: "B. R. Ambedkar", skip: [Reverse]),
        Fact(id: "sta", kind: Term, cue: "the top tier of the US licence exception India joined in 2018", answer: "STA-1", skip: [Reverse]),
        Fact(id: "comcasa", kind: Acronym, cue: "COMCASA", answer: "Communications Compatibility and Security Agreement", skip: [Reverse]),
    ],
)"#,
    );
    let mut p = env.terminal(["study", "grading.ron", "--kinds", "typed", "--seed", "1"]);
    p.expect("Grading · 0 due, 3 new");

    p.expect("[1/3] Who is the chairman of the Drafting Committee?");
    p.press("Dr. B.R. Ambedkar\r");
    p.expect("✓ Right");
    p.expect("Save as");
    p.press("\r");

    p.expect("[2/3] What is the top tier of the US licence exception");
    p.press("STA1\r");
    p.expect("✓ Right");
    p.expect("Save as");
    p.press("\r");

    p.expect("[3/3] What does COMCASA stand for?");
    p.press("the Communications Compatibility and Security Agreement of 2018\r");
    p.expect("≈ Almost: more than the answer");
    p.expect("Differences: the Communications Compatibility and Security Agreement {+of");
    p.expect("Save as");
    p.press("\r");
    p.expect("Session complete");
    p.eof();
    assert_eq!(p.exit_code(), 0);

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

/// The number before `after` in the first line of `text` that has both `label` and `after`
/// (`Due         19 tomorrow` → 19).
fn figure(text: &str, label: &str, after: &str) -> u32 {
    let line = text
        .lines()
        .find(|l| l.contains(label) && l.contains(after))
        .unwrap_or_else(|| panic!("no `{label} … {after}` line in:\n{text}"));
    let before = &line[..line.find(after).unwrap()];
    before.split_whitespace().last().unwrap().parse().unwrap()
}

/// Issue 15: quitting with questions left, the summary said "Due 0 tomorrow" and the next
/// day's stats said "Due 19 today". The summary's tomorrow counts what is left today, and
/// agrees with `recall stats` the next day.
#[cfg(unix)]
#[test]
fn the_summarys_tomorrow_is_the_next_days_stats() {
    let env = env();
    // Day 1: four cards learnt (Good: due in two days).
    let mut p = study(&env, DAY1, &["--limit", "4"]);
    p.expect("[1/4] What does COMCASA stand for?");
    let n = p.option_number(COMCASA);
    p.press(&n.to_string());
    p.expect("Save as");
    p.press("\r");
    p.expect("[2/4] Which export-control regime");
    p.press("Wassenaar Arrangement\r");
    p.expect("Save as");
    p.press("\r");
    p.expect("[3/4] Why does a 2+2 dialogue matter?");
    p.press("\r");
    p.expect("How well did you know it?");
    p.press("\r");
    p.expect("[4/4] What does LEMOA stand for?");
    let n = p.option_number(LEMOA);
    p.press(&n.to_string());
    p.expect("Save as");
    p.press("\r");
    p.expect("Question limit reached");
    p.eof();

    // Day 3: the four are due; one answered, then quit with three left (and no new cards).
    let day3 = "2026-12-02T09:00:00Z";
    let mut p = study(&env, day3, &["--new", "0"]);
    p.expect("[1/4] What does COMCASA stand for?");
    let n = p.option_number(COMCASA);
    p.press(&n.to_string());
    p.expect("Save as");
    p.press("\r");
    p.expect("[2/4]");
    p.press("\x1b");
    p.expect("Session stopped");
    let summary = p.eof();
    assert!(summary.contains("(3 left from today)"), "{summary}");
    let tomorrow = figure(&summary, "Due", "tomorrow");
    let week = figure(&summary, "Due", "in the next 7 days");
    assert_eq!(tomorrow, 3, "{summary}");

    // Day 4: `recall stats` says the same.
    let out = env
        .recall()
        .env("RECALL_NOW", "2026-12-03T09:00:00Z")
        .arg("stats")
        .arg(fixture())
        .output()
        .unwrap();
    let stats = String::from_utf8(out.stdout).unwrap();
    assert_eq!(figure(&stats, "Due", "today"), tomorrow, "{stats}");
    assert_eq!(figure(&stats, "Due", "in 7 days"), week, "{stats}");
}

/// Four facts with a forward and a reverse card each (terms are reversible).
const REVERSIBLE: &str = r#"Deck(
    id: "terms",
    title: "Terms",
    facts: [
        Fact(id: "repo", kind: Term, cue: "the cost of the RBI's overnight loans to banks", answer: "Repo rate"),
        Fact(id: "crr", kind: Term, cue: "the share of deposits banks must park with the RBI", answer: "Cash reserve ratio"),
        Fact(id: "slr", kind: Term, cue: "the share of deposits banks hold in liquid assets", answer: "Statutory liquidity ratio"),
        Fact(id: "msf", kind: Term, cue: "the window for banks to borrow overnight against securities", answer: "Marginal standing facility"),
    ],
)"#;

/// Answers `n` questions right and keeps the grade: each is a multiple choice of the deck's
/// four answers, in an order the test does not know, so the right one is found on screen.
fn answer_right(p: &mut Terminal, n: usize) {
    const PAIRS: [(&str, &str); 4] = [
        ("overnight loans to banks", "Repo rate"),
        ("park with the RBI", "Cash reserve ratio"),
        ("hold in liquid assets", "Statutory liquidity ratio"),
        ("borrow overnight against securities", "Marginal standing facility"),
    ];
    for _ in 0..n {
        // The question (each asks "What is …?"), its hint line and four options, the last
        // ending its line.
        p.expect("] What is ");
        let question = p.expect("4) ") + "4) " + &p.expect("\r\n");
        let (_, answer) = PAIRS.iter().find(|(cue, _)| question.contains(cue)).unwrap();
        let option = |i: u32| {
            let from = &question[question.find(&format!("{i}) ")).unwrap()..];
            from[..from.find('\r').unwrap_or(from.len())].to_owned()
        };
        let key = (1..=4).find(|&i| option(i).ends_with(answer)).expect("the right option");
        p.press(&key.to_string());
        p.expect("Save as");
        p.press("\r");
    }
}

/// Issue 15: with the day's new cards partly used, the hint blamed the new-card limit for
/// cards held back because their fact was first met today, and its `--new 10` said the same
/// again. The two reasons are said apart; the command suggested is this run's (same deck)
/// with `--new 10`, and running it studies new cards; when only a fact's other cards wait, no
/// command is suggested.
#[cfg(unix)]
#[test]
fn the_new_card_hint_says_the_real_reason_and_its_command_works() {
    let env = env();
    env.write("terms.ron", REVERSIBLE);
    env.recall().args(["config", "new-per-day", "2"]).assert().success();
    let mut p = env.terminal(["study", "terms.ron", "--seed", "1"]);
    p.expect("Terms · 0 due, 2 new");
    answer_right(&mut p, 2);
    p.expect("Session complete");
    p.eof();

    let mut p = env.terminal(["study", "terms.ron", "--seed", "1"]);
    p.expect("Nothing to study right now");
    // Read as one text: the lines are broken between words at the terminal's width.
    let said = p.eof().replace("\r\n", " ");
    assert!(said.contains("4 new cards wait: today's new-card limit is reached."), "{said}");
    assert!(said.contains("2 new cards wait for tomorrow: they are the other cards"), "{said}");
    let start = said.find("`recall study").expect("a command") + 1;
    let command = &said[start..start + said[start..].find('`').unwrap()];
    assert_eq!(command, "recall study terms.ron --new 10");

    // The command suggested does what it says: two new cards (one per fact not met yet).
    let args: Vec<&str> = command.split_whitespace().skip(1).collect();
    let mut p = env.terminal(args.iter().copied().chain(["--seed", "1"]));
    p.expect("Terms · 0 due, 2 new");
    answer_right(&mut p, 2);
    p.expect("Session complete");
    p.eof();
    assert_eq!(p.exit_code(), 0);

    // Now every fact was met today: only their reverse cards wait, and `--new` cannot help.
    let mut p = env.terminal(args.iter().copied().chain(["--seed", "1"]));
    p.expect("Nothing to study right now");
    let said = p.eof().replace("\r\n", " ");
    assert!(said.contains("4 new cards wait for tomorrow"), "{said}");
    assert!(!said.contains("--new"), "{said}");
    assert!(!said.contains("limit"), "{said}");
}

/// Issue 15: `--kinds reverse` gave forward flashcards. It asks the reverse cards (a fact's
/// reverse question), and says so when no card chosen has one.
#[cfg(unix)]
#[test]
fn kinds_reverse_asks_reverse_cards_and_says_when_none_can() {
    let env = env();
    env.write("terms.ron", REVERSIBLE);
    let mut p = env.terminal(["study", "terms.ron", "--kinds", "reverse", "--seed", "1"]);
    p.expect("Terms · 0 due, 4 new");
    p.expect("[1/4] Which term is this: Repo rate?");
    let right = p.option_number("the cost of the RBI's overnight loans to banks");
    p.press(&right.to_string());
    p.expect("✓ Right");
    p.expect("Save as");
    p.press("\r");
    p.expect("[2/4] Which term is this: Cash reserve ratio?");
    p.press("q");
    p.expect("Session stopped");
    p.eof();
    assert_eq!(p.exit_code(), 0);
    let store = env.store();
    let reviews = store.reviews_in_session(SessionId(1)).unwrap();
    assert_eq!(reviews.len(), 1);
    assert_eq!(reviews[0].card, "terms/repo/reverse");
    assert_eq!(reviews[0].kind.unwrap().slug(), "reverse");
    drop(store);

    // The fixture's facts all skip Reverse: nothing can be asked so, and that is said.
    let mut p = study(&env, DAY1, &["--kinds", "reverse"]);
    p.expect("no card chosen can be asked as reverse");
    p.expect("`recall preview --kind");
    p.expect("shows the cards that can");
    p.eof();
    assert_eq!(p.exit_code(), 2);
}

/// The lines of `screen` (what the program wrote, escapes taken out; of a line overwritten
/// after a carriage return, its longest part) that are wider than `cols`. The progress bar
/// fills its line exactly and the next text follows it without a newline (the terminal
/// starts a row for it), so a bar is a line of its own here.
fn overlong(screen: &str, cols: usize) -> Vec<String> {
    let plain = console::strip_ansi_codes(screen);
    let lines = plain.split('\n').flat_map(|line| {
        let bar = line.starts_with(['━', '─']).then(|| line.find(" right")).flatten();
        match bar {
            Some(end) => vec![&line[..end + " right".len()], &line[end + " right".len()..]],
            None => vec![line],
        }
    });
    lines
        .filter_map(|line| {
            let widest = line.split('\r').max_by_key(|part| console::measure_text_width(part))?;
            (console::measure_text_width(widest) > cols).then(|| widest.to_owned())
        })
        .collect()
}

/// Issue 15: long lines broke inside words in the study screen (`ministri` / `es of
/// defence`). Questions, options, hints, feedback and the summary are broken between words at
/// 80 and at 40 columns: no line the program writes is wider than the terminal.
#[cfg(unix)]
#[test]
fn long_lines_break_between_words_at_80_and_40_columns() {
    for cols in [80u16, 40] {
        let env = env();
        let mut cmd = env.command();
        cmd.args(["study", "--seed", "1"]).arg(support::fixture("study/long-lines.ron"));
        let mut p = Terminal::spawn_sized(cmd, cols, 40);
        let mut screen = String::new();
        let mut wait = |p: &mut Terminal, text: &str| {
            screen += &p.expect(text);
            screen += text;
        };
        wait(&mut p, "[1/5] What is the post created in 2019");
        wait(&mut p, "matters? ›");
        p.press("CDS\r");
        wait(&mut p, "Save as");
        wait(&mut p, "4) ");
        p.press("\r");
        wait(&mut p, "] What is the committee");
        wait(&mut p, "4) ");
        p.press("1");
        wait(&mut p, "Save as");
        wait(&mut p, "4) ");
        p.press("\r");
        wait(&mut p, "] What is the forum");
        wait(&mut p, "4) ");
        p.press("q");
        wait(&mut p, "Session stopped");
        screen += &p.eof();
        assert_eq!(p.exit_code(), 0);
        let cols = usize::from(cols);
        assert_eq!(overlong(&screen, cols), Vec::<String>::new(), "at {cols} columns:\n{screen}");
        // Words whole, wherever the lines break.
        let text = console::strip_ansi_codes(&screen).replace("\r\n", " ");
        for word in ["ministries", "long-term", "government", "Advisor", "secretary", "tri-service"]
        {
            assert!(text.contains(word), "{word} broken at {cols} columns:\n{screen}");
        }
    }
}

/// Issue 15: a second Enter answered the next question. Two Enters typed at once at the grade
/// menu: the first keeps the grade, the second is thrown away, and the next question waits
/// for a key pressed while it is on screen.
#[cfg(unix)]
#[test]
fn a_key_typed_ahead_does_not_answer_the_next_question() {
    let env = env();
    let mut p = study(&env, DAY1, &[]);
    p.expect("[1/7] What does COMCASA stand for?");
    let right = p.option_number(COMCASA);
    p.press(&right.to_string());
    p.expect("Save as");
    p.expect("4) Easy");
    p.press("\r\r");
    p.expect("[2/7] Which export-control regime did India join in 2017?");
    // The second Enter would have answered "don't know" at once.
    support::settle();
    support::settle();
    assert_eq!(env.store().reviews_in_session(SessionId(1)).unwrap().len(), 1);
    p.press("Wassenaar Arrangement\r");
    p.expect("✓ Right");
    p.expect("Save as");
    p.expect("4) Easy");
    p.press("\r");
    p.expect("[3/7]");
    p.press("q");
    p.expect("Session stopped");
    p.eof();
    assert_eq!(
        rows(&env.store(), 1),
        vec![
            row("comcasa", "multiple-choice", COMCASA, true, "correct", Grade::Good),
            row("wassenaar", "typed", "Wassenaar Arrangement", true, "correct", Grade::Good),
        ]
    );
}

/// A deck for the statement-set session: two defence agreements that will be well learnt and
/// three economy terms that will be young.
const SET_DECK: &str = r#"Deck(
    id: "sets",
    title: "Sets",
    facts: [
        Fact(id: "comcasa", kind: Agreement, cue: "COMCASA", answer: "the agreement on secure communications between the two militaries", topic: "defence", explain: "Signed at the first 2+2 in 2018."),
        Fact(id: "lemoa", kind: Agreement, cue: "LEMOA", answer: "the agreement on access to each other's bases for supplies", topic: "defence", explain: "Signed in 2016."),
        Fact(id: "crr", kind: Term, cue: "Cash Reserve Ratio", answer: "the share of deposits a bank must keep with the RBI as cash", topic: "economy"),
        Fact(id: "slr", kind: Term, cue: "Statutory Liquidity Ratio", answer: "the share of deposits a bank must keep in liquid assets itself", topic: "economy"),
        Fact(id: "repo", kind: Term, cue: "Repo rate", answer: "the rate at which the RBI lends to commercial banks", topic: "economy"),
    ],
)"#;

/// Stores an answer long ago that left `fact`'s forward card on review with `stability` days,
/// last answered `ago` days before `DAY1` and due `overdue` days before it.
fn seed_review(store: &mut Store, fact: &str, stability: f32, ago: i64, overdue: i64) {
    use recall::schedule::{CardState, Memory, Outcome, Phase};
    let now: jiff::Timestamp = DAY1.parse().unwrap();
    let days = |n: i64| jiff::SignedDuration::from_hours(24 * n);
    let state = CardState {
        phase: Phase::Review,
        memory: Some(Memory { stability, difficulty: 5.0 }),
        due: Some(now - days(overdue)),
        reps: 4,
        lapses: 0,
        last_review: Some(now - days(ago)),
        suspended: false,
        buried_until: None,
    };
    let card: recall::ids::CardKey = format!("sets/{fact}/forward").parse().unwrap();
    store
        .record_answer(&recall::store::Answer {
            card: &card,
            session: None,
            time: now - days(ago),
            kind: recall::deck::QuestionKind::MultipleChoice,
            response: "",
            correct: true,
            outcome: Outcome::Correct,
            grade: Grade::Good,
            duration_ms: 1000,
            after: &state,
            cram: false,
        })
        .unwrap();
}

/// Two well-learnt facts and three young ones due: the session opens with a statement set of
/// the two (they are the most overdue), laid out as the paper prints it on an 80-column
/// terminal. "Both 1 and 2" judges each statement, so each fact gets its own review, right
/// where the statement is true; the set is one question in the summary and in history, which
/// lists each statement with whether it was true and why.
#[cfg(unix)]
#[test]
fn a_session_asks_a_statement_set_of_well_learnt_facts() {
    let env = env();
    env.recall().args(["config", "new-per-day", "0"]).assert().success();
    let deck = env.write("sets.ron", SET_DECK);
    {
        let mut store = env.store();
        seed_review(&mut store, "comcasa", 40.0, 60, 20);
        seed_review(&mut store, "lemoa", 40.0, 60, 20);
        for fact in ["crr", "slr", "repo"] {
            seed_review(&mut store, fact, 3.0, 3, 0);
        }
    }
    let mut cmd = env.command();
    cmd.env("RECALL_NOW", DAY1).arg("study").arg(&deck).args(["--seed", "1"]);
    let mut p = Terminal::spawn_sized(cmd, 80, 40);
    p.expect("Sets · 5 due, 0 new");
    p.expect("[1/4] Consider the following statements:");
    p.expect("1. ");
    p.expect("2. ");
    p.expect("Which of the statements given above is/are correct?");
    p.expect("↑↓ or a-d");
    // Lettered once, as the exam prints them.
    let options = p.expect("(d) Neither 1 nor 2");
    assert!(options.contains("(a) 1 only") && options.contains("(c) Both 1 and 2"), "{options}");
    assert!(!options.contains("1) (a)"), "{options}");
    p.press("c");
    p.expect("Each fact gets its own review: 1 ");
    p.expect("Saved. Next question");
    p.press("\r");
    // The economy reviews follow (a fact judged wrongly comes back too); stop here.
    p.expect("[2/");
    p.press("\x1b");
    p.expect("Answered    1 question");
    p.eof();
    assert_eq!(p.exit_code(), 0);

    let store = env.store();
    let sets = store.study_sets(SessionId(1)).unwrap();
    assert_eq!(sets.len(), 1);
    assert_eq!(sets[0].chosen, Some(2));
    let parts = sets[0].question["parts"].as_array().unwrap();
    assert_eq!(parts.len(), 2);
    let reviews = store.reviews_in_session(SessionId(1)).unwrap();
    assert_eq!(reviews.len(), 2, "one review per fact of the set");
    for part in parts {
        let card = format!("sets/{}/forward", part["fact"].as_str().unwrap());
        let truth = part["true"].as_bool().unwrap();
        let r = reviews.iter().find(|r| r.card == card).unwrap();
        // "Both 1 and 2" holds each statement correct: right exactly where it is true.
        assert_eq!(r.correct, truth, "{card}");
        assert_eq!(r.grade, if truth { Grade::Good } else { Grade::Again });
        assert_eq!(r.kind.unwrap().slug(), "true-false");
        assert_eq!(r.response, "Both 1 and 2");
        let state = store.card_state(&card.parse().unwrap()).unwrap().unwrap();
        assert_eq!(state.reps, 5, "{card} moved by its review");
    }
    let session = store.session(SessionId(1)).unwrap().unwrap();
    let right = sets[0].question["correct"].as_u64() == Some(2);
    assert_eq!((session.summary.questions, session.summary.right), (1, u32::from(right)));
    assert_eq!(session.summary.extra.as_ref().unwrap()["formats"][0]["format"], "statements");
    drop(store);

    let history = env.recall().args(["history", "1"]).env("COLUMNS", "80").assert().success();
    let out = String::from_utf8(history.get_output().stdout.clone()).unwrap();
    assert!(out.contains("Which of the statements given above is/are correct?"), "{out}");
    // Each statement with whether it was true and why (the fact's explanation).
    let flat = out.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("Signed in 2016."), "{out}");
    assert!(flat.contains("Signed at the first 2+2 in 2018."), "{out}");
    for part in parts {
        let said = part["text"].as_str().unwrap();
        if part["true"].as_bool().unwrap() {
            assert!(flat.contains(&format!("True: {said}")), "{said} in {out}");
        } else {
            assert!(flat.contains("False: "), "{out}");
        }
    }

    let stats = env.recall().args(["stats"]).assert().success();
    let out = String::from_utf8(stats.get_output().stdout.clone()).unwrap();
    assert!(out.contains("Study by format"), "{out}");
    let json = env.recall().args(["stats", "--json"]).assert().success();
    let json: serde_json::Value = serde_json::from_slice(&json.get_output().stdout).unwrap();
    assert_eq!(json["study_formats"][0]["format"], "statements", "{json}");
}
