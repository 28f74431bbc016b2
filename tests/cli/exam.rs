//! `recall exam`: a mock paper sat through a pseudo-terminal, marked with negative marking,
//! saved answer by answer, fed to the scheduler, and found again after a crash.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers panic on setup failure by design

use std::path::PathBuf;

use predicates::prelude::*;
use recall::store::{SessionId, Store};

use crate::support::{self, Env, Terminal};

fn deck() -> PathBuf {
    support::fixture("exam/deck.ron")
}

/// `recall exam DECK ARGS` in a 60-column pseudo-terminal, colour off, clock fixed, on its
/// instructions screen.
fn spawn(env: &Env, args: &[&str]) -> Terminal {
    spawn_on(env, &deck(), args)
}

/// [`spawn`] on `decks` (a deck file or a folder).
fn spawn_on(env: &Env, decks: &std::path::Path, args: &[&str]) -> Terminal {
    let mut cmd = env.command();
    cmd.arg("exam").arg(decks).args(args);
    Terminal::spawn_sized(cmd, 60, 30)
}

/// [`spawn`], then Enter at the instructions: the paper's clock is running.
fn sit(env: &Env, args: &[&str]) -> Terminal {
    let mut p = spawn(env, args);
    p.expect("Press Enter to start the clock");
    p.press("\r");
    p
}

/// The right option (1-based) of each question of paper `session`, from the store.
fn right_options(store: &Store, session: i64) -> Vec<usize> {
    store
        .exam_rows(SessionId(session))
        .unwrap()
        .iter()
        .map(|r| r.question["correct"].as_u64().unwrap() as usize + 1)
        .collect()
}

/// A wrong option (1-based) when `right` is right.
fn wrong(right: usize) -> usize {
    right % 4 + 1
}

/// Three right, one wrong, one blank under upsc: 6 − 2/3 = 5.33; question 2 is marked for
/// review with a wrong answer and changed to the right one before submitting.
#[cfg(unix)]
#[test]
fn a_paper_is_sat_marked_saved_and_reviewed() {
    let env = Env::new();
    let mut p = sit(&env, &["--questions", "5", "--minutes", "10", "--seed", "3", "--direct"]);
    p.expect("[Q 1/5]");
    let right = right_options(&env.store(), 1);
    assert_eq!(right.len(), 5);
    // Q1 right; choosing moves on.
    p.send(&right[0].to_string());
    p.expect("[Q 2/5]");
    // Q2: marked for review, answered wrong for now.
    p.send("m");
    p.expect("marked 1");
    p.send(&wrong(right[1]).to_string());
    p.expect("[Q 3/5]");
    // Q3 wrong, Q4 left blank, Q5 right.
    p.send(&wrong(right[2]).to_string());
    p.expect("[Q 4/5]");
    p.send("n");
    p.expect("[Q 5/5]");
    p.send(&right[4].to_string());
    p.expect("answered 4");
    // Every answer is in the store before the paper is submitted.
    let saved = env.store().exam_rows(SessionId(1)).unwrap();
    assert_eq!(saved[1].chosen, Some(wrong(right[1]) as u32 - 1));
    assert!(saved[1].marked);
    assert_eq!(saved[3].chosen, None);
    // Back to the marked question; change the answer.
    p.send("g");
    p.expect("Go to question (1-5)");
    p.send("2\r");
    p.expect("[Q 2/5]");
    p.send(&right[1].to_string());
    p.expect("[Q 3/5]");
    // The final screen lists the blank and the marked questions.
    p.send("f");
    p.expect("Unanswered (1): 4");
    p.expect("Marked for review (1): 2");
    p.send("y");
    p.expect("Paper submitted");
    let out = p.eof();
    for expected in [
        "Marking     +2 / −2/3 (upsc) · 5 questions",
        "Score       5.33 of 10.00 (53%)",
        "Marks       +6.00 for 3 right · −0.67 lost to 1 wrong",
        "Answers     3 right · 1 wrong · 1 unanswered",
        "Accuracy    75% of the 4 attempted",
        "By topic",
        "your first marked paper",
        " 4. – ",
        "Your answer: (left blank)",
    ] {
        assert!(out.contains(expected), "{expected:?} not in:\n{out}");
    }
    // The review shows the right answer of the wrong one, and no line is wider than 60.
    assert!(out.contains(" 3. ✗ "), "{out}");
    for line in out.lines() {
        assert!(console::measure_text_width(line) <= 60, "too wide: {line:?}");
    }
    assert_eq!(p.exit_code(), 0);

    // The session: an exam with marks and the history fields.
    let store = env.store();
    let session = store.session(SessionId(1)).unwrap().unwrap();
    let s = &session.summary;
    assert_eq!((s.questions, s.right, s.wrong), (5, 3, 1));
    assert!((s.score.unwrap() - 16.0 / 3.0).abs() < 1e-9);
    let extra = s.extra.as_ref().unwrap();
    assert_eq!(extra["status"], "submitted");
    assert_eq!(extra["unanswered"], 1);
    assert_eq!(extra["marking"], "+2 / −2/3");
    assert_eq!(extra["score_exact"], "16/3");
    assert_eq!(extra["max_score"], 10.0);
    let fact = session.to_session_fact();
    assert_eq!((fact.unanswered, fact.max_score), (1, 10.0));
    assert_eq!(fact.marking.as_deref(), Some("+2 / −2/3"));
    // The answers as given, the changed one included.
    let rows = store.exam_rows(SessionId(1)).unwrap();
    let chosen: Vec<Option<u32>> = rows.iter().map(|r| r.chosen).collect();
    assert_eq!(
        chosen,
        [
            Some(right[0] as u32 - 1),
            Some(right[1] as u32 - 1),
            Some(wrong(right[2]) as u32 - 1),
            None,
            Some(right[4] as u32 - 1),
        ]
    );
    // What `recall history 1` shows: every question, the blank one without a grade.
    let history = store.exam_answer_facts(SessionId(1)).unwrap();
    let outcomes: Vec<_> = history.iter().map(|a| (a.outcome, a.grade)).collect();
    use recall::stats::Verdict as O;
    assert_eq!(
        outcomes,
        [
            (O::Right, Some(3)),
            (O::Right, Some(3)),
            (O::Wrong, Some(1)),
            (O::Unanswered, None),
            (O::Right, Some(3)),
        ]
    );
    // The scheduler saw one review per answered question, none for the blank.
    let reviews = store.reviews_in_session(SessionId(1)).unwrap();
    assert_eq!(reviews.len(), 4);
    assert_eq!(reviews.iter().filter(|r| r.correct).count(), 3);
    for (i, row) in rows.iter().enumerate() {
        let key = row.card.clone();
        let state = store.card_state(&key).unwrap();
        if i == 3 {
            assert_eq!(state, None, "the blank question was not reviewed");
        } else {
            assert_eq!(state.unwrap().reps, 1, "{}", row.card);
        }
    }
}

/// Time out: the paper is submitted with what was answered, before any key is pressed.
#[cfg(unix)]
#[test]
fn time_out_submits_the_paper() {
    let env = Env::new();
    // 0.1 minutes = 6 seconds.
    let mut p = sit(&env, &["--questions", "3", "--minutes", "0.1", "--seed", "1"]);
    p.expect("[Q 1/3]");
    p.expect("left");
    let right = right_options(&env.store(), 1);
    p.send(&right[0].to_string());
    p.expect("[Q 2/3]");
    // The clock ticks on its own, second by second, with no key pressed.
    for left in ["00:02 left", "00:01 left", "00:00 left"] {
        p.expect(left);
    }
    p.expect("Time is up: the paper was submitted with 1 of 3 answered.");
    // Submitted already, while the result waits for a key.
    let session = env.store().session(SessionId(1)).unwrap().unwrap();
    assert_eq!(session.summary.extra.as_ref().unwrap()["status"], "timed-out");
    assert_eq!((session.summary.right, session.summary.wrong), (1, 0));
    assert_eq!(session.summary.score, Some(2.0));
    assert_eq!(env.store().reviews_in_session(SessionId(1)).unwrap().len(), 1);
    p.send("x");
    let out = p.eof();
    assert!(out.contains("Time up: paper submitted"), "{out}");
    assert!(out.contains("Score       2.00 of 6.00 (33%)"), "{out}");
    assert_eq!(p.exit_code(), 0);
}

/// Quitting asks; abandoning records the paper as abandoned, unmarked and unreviewed.
#[cfg(unix)]
#[test]
fn quitting_can_abandon_the_paper() {
    let env = Env::new();
    let mut p = sit(&env, &["--questions", "2", "--minutes", "5", "--seed", "2"]);
    p.expect("[Q 1/2]");
    p.send("1");
    p.expect("[Q 2/2]");
    p.send("q");
    p.expect("Leave the paper?");
    // Back to the paper first, then quit for real.
    p.send("n");
    p.expect("[Q 2/2]");
    p.send("\x1b");
    p.expect("Leave the paper?");
    p.send("a");
    p.expect("Paper abandoned: 1 of 2 answered");
    p.eof();
    assert_eq!(p.exit_code(), 0);
    let store = env.store();
    let session = store.session(SessionId(1)).unwrap().unwrap();
    assert!(session.summary.ended.is_some());
    assert_eq!(session.summary.extra.as_ref().unwrap()["status"], "abandoned");
    // Unmarked: history shows its status and no score percent; the paper's maximum is kept.
    let fact = session.to_session_fact();
    assert_eq!(fact.status, Some(recall::stats::ExamStatus::Abandoned));
    assert_eq!(fact.max_score, 4.0);
    assert!(store.reviews_in_session(SessionId(1)).unwrap().is_empty());
    assert!(store.unfinished_exams().unwrap().is_empty());
}

/// A paper cut off by a crash is offered at the next start and can be submitted then.
#[cfg(unix)]
#[test]
fn a_crashed_paper_is_offered_for_submission() {
    let env = Env::new();
    let mut p = sit(&env, &["--questions", "3", "--minutes", "5", "--seed", "4"]);
    p.expect("[Q 1/3]");
    let right = right_options(&env.store(), 1);
    p.send(&right[0].to_string());
    p.expect("answered 1");
    p.kill();
    assert_eq!(env.store().unfinished_exams().unwrap().len(), 1);

    let mut p = spawn(&env, &["--questions", "3", "--minutes", "5", "--seed", "4"]);
    p.expect("was cut off before it was");
    p.expect("submitted: 1 of 3 answered");
    p.expect("Submit it");
    p.press("1");
    p.expect("Score       2.00 of 6.00");
    // The new paper's instructions ask whether to start it; Esc leaves it for another day.
    p.expect("Press Enter to start the clock");
    p.press("\x1b");
    p.expect("You left before the clock started: nothing was recorded.");
    p.eof();
    assert_eq!(p.exit_code(), 0);
    let store = env.store();
    let session = store.session(SessionId(1)).unwrap().unwrap();
    assert_eq!(session.summary.extra.as_ref().unwrap()["status"], "submitted");
    assert_eq!(store.reviews_in_session(SessionId(1)).unwrap().len(), 1);
    assert!(store.unfinished_exams().unwrap().is_empty());

    // The next paper starts straight away and is compared with the recovered one.
    let mut p = sit(&env, &["--questions", "3", "--minutes", "5", "--seed", "5"]);
    p.expect("[Q 1/3]");
    p.send("f");
    p.expect("Unanswered (3): 1, 2, 3");
    p.send("y");
    p.expect("Paper submitted");
    let out = p.eof();
    assert!(out.contains("best 33% · last 33% · this 0% (1 before)"), "{out}");
    assert!(out.contains("trend ▃▁ (oldest → this paper)"), "{out}");
}

/// Before the clock starts, the paper's instructions: its questions, time, marking and keys,
/// as the cover of a real paper. The clock starts on Enter, not when the command starts: after
/// three seconds on the instructions, a six-second paper still has all its six seconds.
#[cfg(unix)]
#[test]
fn the_instructions_come_first_and_the_clock_starts_on_enter() {
    let env = Env::new();
    let mut p = spawn(&env, &["--questions", "3", "--minutes", "0.1", "--seed", "1"]);
    for text in [
        "Instructions",
        "Mock paper: 3 questions in 6 seconds",
        "Marking (upsc): +2 for a right answer, −2/3 for a wrong one",
        "A blind guess among 4 options is worth 0.00 marks on",
        "Keys during the paper",
        "1-4 answer",
        "Press Enter to start the clock · Esc or q to leave without",
    ] {
        p.expect(text);
    }
    // Nothing is recorded while the instructions are read.
    assert!(env.store().stats_sessions().unwrap().is_empty());
    std::thread::sleep(std::time::Duration::from_secs(3));
    // A key that is neither Enter nor a way out does nothing.
    p.press("x");
    p.press("\r");
    p.expect("[Q 1/3] ⏱ 00:06 left");
    p.send("f");
    p.send("y");
    p.expect("Paper submitted");
    p.eof();
    assert_eq!(p.exit_code(), 0);
}

/// `q` (or Esc) at the instructions leaves without starting: no session, no answer, no review;
/// history stays empty and the exit status is 0.
#[cfg(unix)]
#[test]
fn leaving_at_the_instructions_records_nothing() {
    let env = Env::new();
    for key in ["q", "\x1b"] {
        let mut p = spawn(&env, &["--questions", "3", "--minutes", "5", "--seed", "4"]);
        p.expect("Press Enter to start the clock");
        p.press(key);
        p.expect("You left before the clock started: nothing was recorded.");
        p.eof();
        assert_eq!(p.exit_code(), 0);
    }
    let store = env.store();
    assert!(store.stats_sessions().unwrap().is_empty());
    assert!(store.unfinished_exams().unwrap().is_empty());
    env.recall()
        .arg("history")
        .assert()
        .success()
        .stdout(predicate::str::contains("No sessions yet"));
}

/// A paper's questions on facts never studied do not use up the day's new cards (the
/// learner who sits a paper still wants today's new facts), unless `papers-use-new-cards` is
/// on; the facts the paper asked get no other new card that day either way.
#[cfg(unix)]
#[test]
fn a_papers_first_time_questions_leave_the_new_cards_unless_configured() {
    let env = Env::new();
    env.recall().args(["config", "new-per-day", "3"]).assert().success();
    let mut p = sit(&env, &["--questions", "2", "--minutes", "5", "--seed", "6", "--direct"]);
    p.expect("[Q 1/2]");
    let right = right_options(&env.store(), 1);
    p.send(&right[0].to_string());
    p.expect("[Q 2/2]");
    p.send(&right[1].to_string());
    p.expect("answered 2");
    p.send("f");
    p.send("y");
    p.expect("Paper submitted");
    p.eof();
    let new_in_study = |env: &Env| {
        let mut cmd = env.command();
        cmd.arg("study").arg(deck()).args(["--seed", "1"]);
        let mut p = Terminal::spawn(cmd);
        let header = p.expect(" new");
        p.press("q");
        p.eof();
        header.rsplit(", ").next().unwrap_or_default().trim().to_owned()
    };
    assert_eq!(new_in_study(&env), "3");
    env.recall().args(["config", "papers-use-new-cards", "on"]).assert().success();
    assert_eq!(new_in_study(&env), "1");
}

/// More questions than usable facts: a clear error naming the maximum, exit 2.
#[cfg(unix)]
#[test]
fn too_few_facts_offers_the_maximum() {
    let env = Env::new();
    let mut p = spawn(&env, &["--questions", "9"]);
    let out = p.eof();
    assert!(out.contains("only 8 of the 8 facts chosen"), "{out}");
    // Errors are wrapped at words on a terminal: the hint may start a line of its own.
    assert!(
        out.split_whitespace().collect::<Vec<_>>().join(" ").contains("try --questions 8"),
        "{out}"
    );
    assert_eq!(p.exit_code(), 2);
}

#[test]
fn without_a_terminal_it_says_so_and_exits_2() {
    let env = Env::new();
    env.recall()
        .arg("exam")
        .arg(deck())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("needs a terminal"));
    assert!(!env.data().exists(), "nothing was written");
}

/// `recall exam --help` says what a learner meets before the clock starts and what a paper
/// does to the day's new cards, with the setting that changes it.
#[test]
fn help_tells_the_instructions_and_the_new_card_rule() {
    let env = Env::new();
    let out = env.recall().args(["exam", "--help"]).assert().success().get_output().clone();
    // Compared with its line breaks as spaces: clap wraps the text to the terminal.
    let help =
        String::from_utf8_lossy(&out.stdout).split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(help.contains("the clock starts on Enter; Esc or q leaves without starting"), "{help}");
    assert!(help.contains("`recall config papers-use-new-cards on` counts them"), "{help}");
}

#[test]
fn bad_marking_schemes_are_usage_errors() {
    let env = Env::new();
    env.recall()
        .args(["exam", "--marking", "+1/-x"])
        .arg(deck())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("`x` in `+1/-x` is not a number of marks"));
    env.recall()
        .args(["exam", "--minutes", "0"])
        .arg(deck())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("expected a number of minutes"));
}

/// A paper in the exam's pattern: questions from the fixture folder (eight acronyms, and the
/// agreements and terms of the same topics that sets and pairs are made of) hold statement
/// sets and a pairs question, drawn with their numbered statements at 60 columns. Answering every
/// question with its right option gives each fact of a statement set its own right review
/// (the coded option reveals each judgement), and the result shows each statement with its
/// truth and accuracy by format; `recall history 1` lists the statements too.
#[cfg(unix)]
#[test]
fn a_paper_in_the_exams_pattern_has_statement_sets_and_pairs() {
    let env = Env::new();
    let mut p = spawn_on(
        &env,
        &support::fixture("exam"),
        &["--questions", "4", "--minutes", "10", "--seed", "10"],
    );
    p.expect("Press Enter to start the clock");
    p.press("\r");
    p.expect("[Q 1/4]");
    let store = env.store();
    let rows = store.exam_rows(SessionId(1)).unwrap();
    let formats: Vec<&str> =
        rows.iter().map(|r| r.question["format"].as_str().unwrap_or("direct")).collect();
    assert!(formats.contains(&"statements"), "{formats:?}");
    assert!(formats.contains(&"pairs"), "{formats:?}");
    let right = right_options(&store, 1);
    for (i, r) in right.iter().enumerate() {
        if i > 0 {
            p.expect(&format!("[Q {}/4]", i + 1));
        }
        p.send(&r.to_string());
    }
    p.expect("answered 4");
    p.send("f");
    p.send("y");
    p.expect("Paper submitted");
    let out = p.eof();
    for expected in
        ["By format", "statements", "pairs", "direct", "1. True.", "Consider the following"]
    {
        assert!(out.contains(expected), "{expected:?} not in:\n{out}");
    }
    for line in out.lines() {
        assert!(console::measure_text_width(line) <= 60, "too wide: {line:?}");
    }
    // One review per fact of each composite (all right), one per direct question.
    let facts: usize =
        rows.iter().map(|r| r.question["parts"].as_array().map_or(1, Vec::len)).sum();
    let reviews = env.store().reviews_in_session(SessionId(1)).unwrap();
    assert_eq!(reviews.len(), facts);
    assert!(reviews.iter().all(|r| r.correct));
    let history = env.recall().args(["history", "1"]).output().unwrap();
    let history = String::from_utf8(history.stdout).unwrap();
    assert!(history.contains("1. True.") || history.contains("1. False:"), "{history}");
    // `recall stats`: accuracy by format over the marked papers, in text and JSON.
    let stats = env.recall().arg("stats").arg(deck()).output().unwrap();
    let stats = String::from_utf8(stats.stdout).unwrap();
    assert!(stats.contains("Mock papers by format"), "{stats}");
    assert!(stats.lines().any(|l| l.trim_start().starts_with("statements")), "{stats}");
    let json = env.recall().arg("stats").arg(deck()).arg("--json").output().unwrap();
    let json: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let formats = json["formats"].as_array().unwrap();
    let pairs = formats.iter().find(|f| f["format"] == "pairs").unwrap();
    assert_eq!((pairs["answered"].as_u64(), pairs["accuracy"].as_f64()), (Some(1), Some(1.0)));
    assert_eq!(formats.iter().map(|f| f["answered"].as_u64().unwrap()).sum::<u64>(), 4);
}
