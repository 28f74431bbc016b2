//! Exam-date scheduling through the binary: `recall stats --exam` (and the deck's `exam`
//! field) shows the pace of new facts and the outlook; `recall study --exam` paces the queue
//! and says so in its header. The capped intervals a session saves are checked at the session
//! level (`src/session/tests.rs`), where the due dates can be read exactly.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers panic on setup failure by design

use std::fmt::Write as _;

use jiff::Timestamp;
use predicates::prelude::*;
use recall::deck::QuestionKind;
use recall::ids::CardKey;
use recall::schedule::{CardState, Grade, Memory, Outcome, Phase};
use recall::store::{Answer, Store};

use crate::support::{self, Env, Terminal};

/// Monday 30 November 2026, 09:00 UTC: learner day 2026-11-30.
const NOW: &str = "2026-11-30T09:00:00Z";

/// A deck of 20 facts whose exam is on 20 December, 20 days ahead.
fn deck() -> String {
    let mut facts = String::new();
    for i in 0..20 {
        let _ = writeln!(
            facts,
            "        Fact(id: \"f{i:02}\", kind: Term, cue: \"Term {i}\", answer: \"Meaning {i}\"),"
        );
    }
    format!(
        "Deck(\n    id: \"civics\",\n    title: \"Civics\",\n    exam: \"2026-12-20\",\n    \
         facts: [\n{facts}    ],\n)\n"
    )
}

fn t(s: &str) -> Timestamp {
    s.parse().unwrap()
}

/// An answer (right, Good) to `fact`'s forward card at `time`, leaving `after`.
fn answer(store: &mut Store, fact: &str, time: &str, after: &CardState) {
    answer_as(store, &format!("civics/{fact}/forward"), time, Grade::Good, after);
}

fn learnt(stability: f32, last: &str, due: &str) -> CardState {
    CardState {
        phase: Phase::Review,
        memory: Some(Memory { stability, difficulty: 5.0 }),
        due: Some(t(due)),
        reps: 1,
        lapses: 0,
        last_review: Some(t(last)),
        suspended: false,
        buried_until: None,
    }
}

/// `decks/civics.ron` and a store where f00 and f01 were learnt on 20 November and f02 was
/// introduced this morning: 17 facts never seen, one new fact already today.
fn setup() -> Env {
    let env = Env::new().now(NOW);
    env.write("decks/civics.ron", deck());
    let mut store = env.store();
    let nov20 = "2026-11-20T10:00:00Z";
    answer(&mut store, "f00", nov20, &learnt(10.0, nov20, "2026-11-30T10:00:00Z"));
    answer(&mut store, "f01", nov20, &learnt(10.0, nov20, "2026-11-30T10:00:00Z"));
    let morning = "2026-11-30T08:00:00Z";
    answer(&mut store, "f02", morning, &learnt(2.3, morning, "2026-12-02T08:00:00Z"));
    env
}

fn exam_json(env: &Env, args: &[&str]) -> serde_json::Value {
    let out = env.recall().args(["stats", "--json"]).args(args).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    v["exam"].clone()
}

#[test]
fn stats_exam_json_gives_days_left_pace_and_recall_on_the_day() {
    let env = setup();
    // The deck's own exam date, 20 days ahead: 18 facts were left when the day began (17 never
    // seen and f02), spread over the 13 days before the last week: ceil(18 / 13) = 2 today,
    // one of them (f02) already introduced.
    let e = exam_json(&env, &[]);
    assert_eq!(e["date"], "2026-12-20");
    assert_eq!(e["days_left"], 20);
    assert_eq!(e["facts"], 20);
    assert_eq!(e["facts_not_introduced"], 17);
    assert_eq!(e["new_facts_per_day"], 2);
    assert_eq!(e["new_facts_left_today"], 1);
    // Three facts learnt of twenty, none of them certain a month on.
    let r = e["mean_recall_on_exam_day"].as_f64().unwrap();
    assert!(r > 0.0 && r < 3.0 / 20.0, "{r}");

    // `--exam` overrides the deck: ten days ahead leaves 3 days before the last week:
    // ceil(18 / 3) = 6 today, 5 still to come.
    let e = exam_json(&env, &["--exam", "2026-12-10"]);
    assert_eq!((e["date"].as_str(), e["days_left"].as_i64()), (Some("2026-12-10"), Some(10)));
    assert_eq!(
        (e["new_facts_per_day"].as_u64(), e["new_facts_left_today"].as_u64()),
        (Some(6), Some(5))
    );
    // Closer recall on the day than with 20 days to go.
    assert!(e["mean_recall_on_exam_day"].as_f64().unwrap() > r);

    // On the exam day nothing is paced any more.
    let e = exam_json(&env, &["--exam", "2026-11-30"]);
    assert_eq!(e["days_left"], 0);
    assert!(e["new_facts_per_day"].is_null() && e["new_facts_left_today"].is_null(), "{e}");
}

#[test]
fn stats_text_shows_the_exam_pace() {
    let env = setup();
    env.recall()
        .arg("stats")
        .assert()
        .success()
        .stdout(predicate::str::contains("Exam  2026-12-20 in 20 days"))
        .stdout(predicate::str::contains("17 of 20 facts not yet introduced"))
        .stdout(predicate::str::contains("pace: 2 new facts a day (1 still to learn today)"));
}

#[test]
fn study_exam_is_refused_with_cram() {
    let env = setup();
    env.recall()
        .args(["study", "--cram", "--exam", "2026-12-10"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot be used with"));
}

/// `recall study --exam` on a pseudo-terminal: the header names the exam and the days left,
/// and the queue holds the exam pace of new facts (7 facts over the 3 days before the last
/// week: 3 today), not the 7 the new-per-day limit would allow.
#[cfg(unix)]
#[test]
fn study_with_an_exam_date_paces_new_facts_and_says_so() {
    let env = Env::new().now(NOW);
    let fixture = support::fixture("study/basics.ron");
    let mut cmd = env.command();
    cmd.arg("study").arg(&fixture).args(["--seed", "1", "--exam", "2026-12-10"]);
    let mut p = Terminal::spawn(cmd);
    p.expect("Study basics · 0 due, 3 new");
    p.expect("Exam 2026-12-10 · 10 days left");
    p.expect("[1/3] What does COMCASA stand for?");
    p.press("q");
    p.expect("Session stopped");
    p.eof();
}

/// A mock paper on a deck with an exam date ahead: the review it records for a right answer
/// is scheduled for the exam (before it), not at the plain interval (three weeks on).
#[cfg(unix)]
#[test]
fn a_mock_paper_schedules_its_reviews_for_the_deck_exam() {
    let env = Env::new().now(NOW);
    let text = support::read(&support::fixture("exam/deck.ron"));
    let text = text.replacen(
        "title: \"Mock exam fixture\",",
        "title: \"Mock exam fixture\",\n    exam: \"2026-12-10\",",
        1,
    );
    assert!(text.contains("exam: \"2026-12-10\""));
    env.write("mock.ron", text);
    // Every card learnt six days ago with a stability of six days: due now, and a Good would
    // plainly come back about three weeks later, after the exam.
    let mut store = env.store();
    let last = "2026-11-24T09:00:00Z";
    let facts = ["comcasa", "lemoa", "beca", "gsomia", "gst", "crr", "slr", "nbfc"];
    for fact in facts {
        for direction in ["forward", "reverse"] {
            let key: CardKey = format!("mock/{fact}/{direction}").parse().unwrap();
            let state = CardState { reps: 2, ..learnt(6.0, last, "2026-11-30T08:00:00Z") };
            store
                .record_answer(&Answer {
                    card: &key,
                    session: None,
                    time: t(last),
                    kind: QuestionKind::MultipleChoice,
                    response: "ok",
                    correct: true,
                    outcome: Outcome::Correct,
                    grade: Grade::Good,
                    duration_ms: 3000,
                    after: &state,
                    cram: false,
                })
                .unwrap();
        }
    }
    drop(store);

    let mut cmd = env.command();
    cmd.args(["exam", "mock.ron", "--questions", "1", "--minutes", "10", "--seed", "3"]);
    let mut p = Terminal::spawn_sized(cmd, 60, 30);
    p.expect("Press Enter to start the clock");
    p.press("\r");
    p.expect("[Q 1/1]");
    let store = env.store();
    let rows = store.exam_rows(recall::store::SessionId(1)).unwrap();
    let right = rows[0].question["correct"].as_u64().unwrap() + 1;
    p.send(&right.to_string());
    p.expect("answered 1");
    p.send("f");
    p.send("y");
    p.expect("Paper submitted");
    p.eof();

    let reviews = store.reviews_in_session(recall::store::SessionId(1)).unwrap();
    assert_eq!(reviews.len(), 1);
    assert_eq!(reviews[0].grade, Grade::Good);
    let key: CardKey = reviews[0].card.parse().unwrap();
    let after = store.card_state(&key).unwrap().unwrap();
    assert_eq!(after.reps, 3, "the card asked was one of the learnt ones");
    let due = after.due.unwrap();
    assert!(due > t(NOW) && due < t("2026-12-10T04:00:00Z"), "due {due}, exam 2026-12-10");
}

#[test]
fn stats_exam_warns_when_the_target_is_out_of_reach_at_the_learners_pace() {
    // Three answers of three seconds in the last fortnight: a pace of well under a minute a
    // day, and 17 facts still to learn in 20 days.
    let env = setup();
    let e = exam_json(&env, &[]);
    let reach = &e["reach"];
    assert_eq!(reach["reachable"], false, "{e}");
    assert_eq!(reach["target"], 0.95);
    let needed = reach["minutes_needed_per_day"].as_f64().unwrap();
    assert!(needed > reach["minutes_per_day"].as_f64().unwrap(), "{reach}");
    assert_eq!(reach["new_facts_per_day_needed"], 2, "{reach}"); // ceil(17 / 13)
    assert_eq!(reach["safe"], false, "{reach}");
    // With no review to check the model on, the minutes it takes are a wide range.
    let range = reach["minutes_needed_range"].as_array().unwrap();
    assert_eq!(range[0].as_f64(), Some(needed), "{reach}");
    assert!(range[1].as_f64().unwrap() > needed * 1.3, "{reach}");
    // No long-term review yet: the prediction is uncertain, and says so.
    assert_eq!(reach["reviews"], 0);
    let range = e["mean_recall_range"].as_array().unwrap();
    let r = e["mean_recall_on_exam_day"].as_f64().unwrap();
    assert!(range[0].as_f64().unwrap() <= r && r <= range[1].as_f64().unwrap(), "{e}");
    env.recall()
        .arg("stats")
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "warning: at your pace of under a minute a day, 95% on the day is",
        ))
        // Wrapped at 80 columns, not cut: the sentence ends.
        .stdout(predicate::function(|out: &str| {
            let words = out.split_whitespace().collect::<Vec<_>>().join(" ");
            words.contains("95% on the day is out of reach it takes ")
        }))
        .stdout(predicate::str::contains("min a day from now"))
        .stdout(predicate::str::contains("your memory model is checked on 0 reviews so far"));
}

#[test]
fn stats_exam_does_not_warn_when_the_pace_is_enough() {
    let env = setup();
    let mut store = env.store();
    // An hour of study yesterday: some four minutes a day over the fortnight.
    let yesterday = "2026-11-29T10:00:00Z";
    let after = learnt(2.3, yesterday, "2026-12-01T10:00:00Z");
    answer_timed(&mut store, "civics/f03/forward", yesterday, Grade::Good, &after, 3_600_000);
    let e = exam_json(&env, &[]);
    assert_eq!(e["reach"]["reachable"], true, "{e}");
    env.recall()
        .arg("stats")
        .assert()
        .success()
        .stdout(predicate::str::contains("out of reach").not())
        // What the plan asks is shown all the same, beside what the learner gives.
        .stdout(
            predicate::str::is_match(
                r"it takes (about )?[0-9–]+ min a day from now \(you give [0-9]+\)",
            )
            .unwrap(),
        );
}

#[test]
fn stats_exam_says_the_target_may_be_out_of_reach_at_a_pace_inside_the_likely_range() {
    let env = setup();
    let range = |e: &serde_json::Value| {
        let r = e["reach"]["minutes_needed_range"].as_array().unwrap().clone();
        (r[0].as_f64().unwrap(), r[1].as_f64().unwrap())
    };
    let (low, high) = range(&exam_json(&env, &[]));
    // Study time on Nov 25 that brings the pace (its 11 days since the first answer, Nov 20,
    // and 9 s already) to the middle of the range; f00's memory stays as it was.
    let pace = (low + high) / 2.0;
    let ms = ((pace * 60.0 * 11.0 - 9.0) * 1000.0) as u32;
    let mut store = env.store();
    let after = learnt(10.0, "2026-11-20T10:00:00Z", "2026-11-30T10:00:00Z");
    answer_timed(&mut store, "civics/f00/forward", "2026-11-25T10:00:00Z", Grade::Good, &after, ms);
    drop(store);
    let e = exam_json(&env, &[]);
    assert_eq!(range(&e), (low, high), "the answer changed no memory: {e}");
    let reach = &e["reach"];
    let at = reach["minutes_per_day"].as_f64().unwrap();
    assert!(low < at && at < high, "{reach}");
    assert_eq!((reach["reachable"].as_bool(), reach["safe"].as_bool()), (Some(true), Some(false)));
    env.recall().arg("stats").assert().success().stdout(predicate::function(move |out: &str| {
        let words = out.split_whitespace().collect::<Vec<_>>().join(" ");
        let expected = format!(
            "95% on the day may be out of reach it takes {}–{} min a day from now",
            low.ceil(),
            high.ceil()
        );
        words.contains(&expected)
    }));
}

/// What `recall study` prints before its first question, on an 80×24 terminal (the session
/// is then quit): no line of it may run past 80 columns.
#[cfg(unix)]
fn notes_before_study(env: &Env) -> String {
    let mut cmd = env.command();
    cmd.args(["study", "--seed", "1"]);
    let mut p = Terminal::spawn_sized(cmd, 80, 24);
    let note = p.expect("20 days left");
    assert!(note.lines().all(|l| l.trim_end().chars().count() <= 80), "{note}");
    p.press("q");
    p.eof();
    note
}

/// An answer of `grade` to `key` at `time`, leaving `after`.
fn answer_as(store: &mut Store, key: &str, time: &str, grade: Grade, after: &CardState) {
    answer_timed(store, key, time, grade, after, 3000);
}

/// [`answer_as`], the answer taking `duration_ms` (the study time `recall stats` counts).
fn answer_timed(
    store: &mut Store,
    key: &str,
    time: &str,
    grade: Grade,
    after: &CardState,
    duration_ms: u32,
) {
    let key: CardKey = key.parse().unwrap();
    let right = grade != Grade::Again;
    store
        .record_answer(&Answer {
            card: &key,
            session: None,
            time: t(time),
            kind: QuestionKind::Typed,
            response: "ok",
            correct: right,
            outcome: if right { Outcome::Correct } else { Outcome::Wrong },
            grade,
            duration_ms,
            after,
            cram: false,
        })
        .unwrap();
}

/// `cards` cards of a deck without an exam learnt on 1 November and reviewed at `second`, 7 in
/// 10 of them failed: a learner who forgets much faster than the default model predicts.
fn forgetful_history(store: &mut Store, cards: usize, second: &str) {
    let any = learnt(2.0, "2026-11-01T10:00:00Z", "2026-11-03T10:00:00Z");
    for i in 0..cards {
        let key = format!("drill/c{i}/forward");
        answer_as(store, &key, "2026-11-01T10:00:00Z", Grade::Good, &any);
        let grade = if i % 10 < 7 { Grade::Again } else { Grade::Good };
        answer_as(store, &key, second, grade, &any);
    }
}

/// A learner who forgets much faster than the default model (most reviews five days after a
/// first Good fail), with a civics card planned, by the default model's optimism, for after
/// the exam: the refit `recall study` makes before an exam recomputes its memory, finds it too
/// weak to last to the exam, and brings its review forward to today, saying so.
#[cfg(unix)]
#[test]
fn a_refit_before_the_exam_brings_forward_the_reviews_planned_too_late() {
    let env = Env::new().now(NOW);
    env.write("decks/civics.ron", deck());
    let mut store = env.store();
    forgetful_history(&mut store, 100, "2026-11-06T10:00:00Z");
    for i in 0..100 {
        let key = format!("drill/c{i}/forward");
        let any = learnt(2.0, "2026-11-10T10:00:00Z", "2026-11-12T10:00:00Z");
        answer_as(&mut store, &key, "2026-11-10T10:00:00Z", Grade::Good, &any);
    }
    let nov20 = "2026-11-20T10:00:00Z";
    let f00 = "civics/f00/forward";
    answer_as(&mut store, f00, nov20, Grade::Good, &learnt(60.0, nov20, "2026-12-25T10:00:00Z"));
    drop(store);
    let note = notes_before_study(&env);
    assert!(note.contains("exam ahead: refitted your memory model"), "{note}");
    assert!(note.contains("1 review brought forward"), "{note}");
    let states = env.store().card_states().unwrap();
    let due = states.get(&f00.parse().unwrap()).unwrap().due.unwrap();
    assert!(due <= t(NOW), "f00 due {due}, not brought forward to today");
}

/// Sixty long-term reviews (too few to refit), most failed where the default model predicted
/// recall well above 80 %: `recall study` plans the session with retention and exam target
/// raised by the gap (at most 0.04), and says so.
#[cfg(unix)]
#[test]
fn failing_more_reviews_than_predicted_raises_retention_and_target_for_the_session() {
    let env = Env::new().now(NOW);
    env.write("decks/civics.ron", deck());
    let mut store = env.store();
    forgetful_history(&mut store, 60, "2026-11-04T10:00:00Z");
    drop(store);
    let note = notes_before_study(&env);
    let words = note.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(words.contains("you passed 30% of your last 60 reviews where your model"), "{note}");
    assert!(words.contains("plans for 94% retention and 99% on the exam day"), "{note}");
    // `recall stats` estimates the time the exam takes with the same plan, and says why.
    let mut store = env.store();
    let nov20 = "2026-11-20T10:00:00Z";
    let f00 = "civics/f00/forward";
    answer_as(&mut store, f00, nov20, Grade::Good, &learnt(10.0, nov20, "2026-11-30T10:00:00Z"));
    drop(store);
    let e = exam_json(&env, &[]);
    assert_eq!(e["reach"]["calibration"], 0.04, "{e}");
    env.recall().arg("stats").assert().success().stdout(predicate::str::contains(
        "you pass fewer reviews than predicted: sessions plan 4 points higher",
    ));
}
