//! `recall stats` and `recall history` end to end: a history written through the store API
//! into a temp data folder, the real binary run over it with a fixed clock (`RECALL_NOW`),
//! UTC and colour off, and the figures checked against values worked out by hand.
//!
//! The history (learner days roll over at 4 a.m. UTC; today is Thursday 10 December):
//!
//! | session | started (UTC)     | learner day | answers |
//! |---------|-------------------|-------------|---------|
//! | 1 study | 11-20 10:00       | Nov 20      | paris, delhi, nile: first answers, right |
//! | 2 study | 11-25 10:00       | Nov 25      | delhi (young review) wrong |
//! | 3 study | 12-07 10:00       | Dec 7       | nile (young) wrong, delhi (young) right |
//! | 4 study | 12-10 02:00       | Dec 9       | paris (mature) right |
//! | 5 cram  | 12-10 10:00       | Dec 10      | nile wrong, amazon right (cram only) |
//!
//! Nothing on Dec 8, so the streak is 2 (Dec 9 and 10): session 4 counts for Dec 9 only
//! because of the rollover hour.

// Test helpers: a failure to set up the history should fail the test loudly.
#![allow(clippy::unwrap_used)]

use jiff::Timestamp;
use predicates::prelude::*;
use recall::deck::QuestionKind;
use recall::ids::{CardKey, DeckId};
use recall::schedule::{CardState, Grade, Memory, Outcome, Phase};
use recall::store::{Answer, SessionMode, SessionSummary};

use crate::support::Env;

const NOW: &str = "2026-12-10T12:00:00Z";

const DECK: &str = r#"Deck(
    id: "geo",
    title: "Geography",
    facts: [
        Fact(id: "paris", kind: Place, cue: "Capital of France", answer: "Paris", topic: "capitals"),
        Fact(id: "delhi", kind: Place, cue: "Capital of India", answer: "New Delhi", topic: "capitals"),
        Fact(id: "nile", kind: Place, cue: "Longest river of Africa", answer: "Nile", topic: "rivers"),
        Fact(id: "amazon", kind: Place, cue: "Largest river by volume", answer: "Amazon", topic: "rivers"),
    ],
)
"#;

fn t(s: &str) -> Timestamp {
    s.parse().unwrap()
}

fn review(stability: f32, due: &str, last: &str, lapses: u32, phase: Phase) -> CardState {
    CardState {
        phase,
        memory: Some(Memory { stability, difficulty: 5.0 }),
        due: Some(t(due)),
        reps: 1,
        lapses,
        last_review: Some(t(last)),
        suspended: false,
        buried_until: None,
    }
}

struct Session<'a> {
    mode: SessionMode,
    started: &'a str,
    /// (fact, right, response, state after)
    answers: Vec<(&'a str, bool, &'a str, CardState)>,
}

/// A temp folder with `decks/geo.ron` and a data folder holding the history above.
fn setup() -> Env {
    let env = Env::new().now(NOW);
    env.write("decks/geo.ron", DECK);
    let mut store = env.store();
    let r = Phase::Review;
    let sessions = vec![
        Session {
            mode: SessionMode::Study,
            started: "2026-11-20T10:00:00Z",
            answers: vec![
                (
                    "paris",
                    true,
                    "Paris",
                    review(30.0, "2026-12-09T10:00:00Z", "2026-11-20T10:00:00Z", 0, r),
                ),
                (
                    "delhi",
                    true,
                    "New Delhi",
                    review(10.0, "2026-11-25T10:00:00Z", "2026-11-20T10:00:00Z", 0, r),
                ),
                (
                    "nile",
                    true,
                    "Nile",
                    review(2.0, "2026-11-22T10:00:00Z", "2026-11-20T10:00:00Z", 0, r),
                ),
            ],
        },
        Session {
            mode: SessionMode::Study,
            started: "2026-11-25T10:00:00Z",
            answers: vec![(
                "delhi",
                false,
                "Mumbai",
                review(10.0, "2026-11-30T10:00:00Z", "2026-11-25T10:00:00Z", 1, r),
            )],
        },
        Session {
            mode: SessionMode::Study,
            started: "2026-12-07T10:00:00Z",
            answers: vec![
                (
                    "nile",
                    false,
                    "Amazon",
                    review(
                        1.0,
                        "2026-12-07T10:10:00Z",
                        "2026-12-07T10:00:00Z",
                        1,
                        Phase::Relearning,
                    ),
                ),
                (
                    "delhi",
                    true,
                    "New Delhi",
                    review(15.0, "2026-12-12T10:00:00Z", "2026-12-07T10:00:00Z", 1, r),
                ),
            ],
        },
        Session {
            mode: SessionMode::Study,
            started: "2026-12-10T02:00:00Z",
            answers: vec![(
                "paris",
                true,
                "Paris",
                review(60.0, "2026-12-15T10:00:00Z", "2026-12-10T02:00:00Z", 0, r),
            )],
        },
        Session {
            mode: SessionMode::Cram,
            started: "2026-12-10T10:00:00Z",
            answers: vec![
                ("nile", false, "Congo", CardState::default()),
                ("amazon", true, "Amazon", CardState::default()),
            ],
        },
    ];
    let deck = DeckId::new("geo").unwrap();
    for s in &sessions {
        let started = t(s.started);
        let id = store.start_session(s.mode, std::slice::from_ref(&deck), started).unwrap();
        let mut right = 0;
        for (i, (fact, correct, response, after)) in s.answers.iter().enumerate() {
            let key: CardKey = format!("geo/{fact}/forward").parse().unwrap();
            let outcome = if *correct { Outcome::Correct } else { Outcome::Wrong };
            right += u32::from(*correct);
            store
                .record_answer(&Answer {
                    card: &key,
                    session: Some(id),
                    time: started + jiff::SignedDuration::from_mins(i as i64 + 1),
                    kind: QuestionKind::Typed,
                    response,
                    correct: *correct,
                    outcome,
                    grade: Grade::from_outcome(outcome),
                    duration_ms: 4000,
                    after,
                    cram: s.mode == SessionMode::Cram,
                })
                .unwrap();
        }
        let questions = s.answers.len() as u32;
        store
            .finish_session(
                id,
                &SessionSummary {
                    ended: Some(started + jiff::SignedDuration::from_mins(10)),
                    questions,
                    right,
                    wrong: questions - right,
                    score: None,
                    extra: None,
                },
            )
            .unwrap();
    }
    env
}

fn stats_json(env: &Env) -> serde_json::Value {
    let out = env.recall().args(["stats", "--json"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn stats_figures_match_the_history() {
    let env = setup();
    let j = stats_json(&env);
    assert_eq!(j["today"], "2026-12-10");
    // New: the four reverse cards, never answered, and Amazon's forward card, only crammed.
    // Nile relearning; Delhi young (S 15); Paris mature.
    assert_eq!(
        j["cards"],
        serde_json::json!({"new": 5, "learning": 1, "young": 1, "mature": 1, "facts": 4,
                           "facts_never_seen": 1})
    );
    // Streak across the missed Dec 8: Dec 10 (cram) and Dec 9 (02:00 on the 10th).
    assert_eq!(j["streak_days"], 2);
    assert_eq!(j["sessions"], 5);
    assert_eq!(j["study_time_seconds"], 5 * 600);
    assert_eq!(j["reviews"], 9);
    // Forecast: Nile overdue (today), Delhi on Dec 12, Paris on Dec 15.
    assert_eq!(j["due_today"], 1);
    let forecast = j["forecast"].as_array().unwrap();
    assert_eq!(forecast.len(), 30);
    let due: Vec<(String, u64)> = forecast
        .iter()
        .filter(|d| d["due"].as_u64().unwrap() > 0)
        .map(|d| (d["date"].as_str().unwrap().to_owned(), d["due"].as_u64().unwrap()))
        .collect();
    assert_eq!(
        due,
        [("2026-12-10".to_owned(), 1), ("2026-12-12".to_owned(), 1), ("2026-12-15".to_owned(), 1)]
    );
    // True retention: graduated, non-cram answers only. Last 7 days (from Dec 4): Nile wrong
    // and Delhi right (young), Paris right (mature). Last 30 adds Delhi's wrong of Nov 25.
    let window = |days: u64| {
        j["retention"].as_array().unwrap().iter().find(|w| w["days"] == days).unwrap().clone()
    };
    let w7 = window(7);
    assert_eq!(w7["young"], serde_json::json!({"right": 1, "reviews": 2, "rate": 0.5}));
    assert_eq!(w7["mature"], serde_json::json!({"right": 1, "reviews": 1, "rate": 1.0}));
    assert_eq!(w7["all"]["rate"], 0.6667);
    assert_eq!(w7["desired"], 0.9);
    let w30 = window(30);
    assert_eq!(w30["young"], serde_json::json!({"right": 1, "reviews": 3, "rate": 0.3333}));
    assert_eq!(w30["all"], serde_json::json!({"right": 2, "reviews": 4, "rate": 0.5}));
    assert_eq!(window(365)["all"]["reviews"], 4);
    // Calendar: two answers today, one on Dec 9, two on Dec 7, none on Dec 8.
    let heat = |date: &str| {
        j["heatmap"].as_array().unwrap().iter().find(|d| d["date"] == date).unwrap()["reviews"]
            .clone()
    };
    assert_eq!(heat("2026-12-10"), 2);
    assert_eq!(heat("2026-12-09"), 1);
    assert_eq!(heat("2026-12-08"), 0);
    assert_eq!(heat("2026-12-07"), 2);
    // Weakest topic first: rivers (Amazon never learnt, Nile just forgotten).
    let topics = j["topics"].as_array().unwrap();
    assert_eq!(topics[0]["topic"], "rivers");
    assert_eq!(topics[0]["facts"], 2);
    // Rivers answers: Nile right, wrong, wrong (cram); Amazon right (cram).
    assert_eq!(topics[0]["accuracy"], 0.5);
    assert_eq!(topics[1]["topic"], "capitals");
    // Capitals: Paris right twice, Delhi right, wrong, right.
    assert_eq!(topics[1]["accuracy"], 0.8);
    assert_eq!(j["exam"], serde_json::Value::Null);
    // Issue 15: the Nile, missed in today's cram session, heads the weakest facts with its two
    // misses (one lapse: the cram miss is none); Delhi's miss counts too, and its latest answer
    // was right.
    let weakest = j["weakest"].as_array().unwrap();
    assert_eq!(weakest[0]["fact"], "nile");
    assert_eq!((weakest[0]["misses"].as_u64(), weakest[0]["lapses"].as_u64()), (Some(2), Some(1)));
    assert!(weakest[0]["missed_last"].is_string(), "{}", weakest[0]);
    let delhi = weakest.iter().find(|w| w["fact"] == "delhi").unwrap();
    assert_eq!(
        (delhi["misses"].as_u64(), &delhi["missed_last"]),
        (Some(1), &serde_json::Value::Null)
    );
    let text = env.recall().arg("stats").output().unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    let row = text.lines().find(|l| l.contains("geo/nile")).unwrap();
    assert!(row.contains("missed") && row.trim_end().ends_with('2'), "{row}");
}

#[test]
fn stats_json_has_the_documented_keys() {
    let env = setup();
    let j = stats_json(&env);
    for key in [
        "now",
        "today",
        "cards",
        "due_today",
        "forecast",
        "retention",
        "streak_days",
        "study_time_seconds",
        "sessions",
        "reviews",
        "heatmap",
        "topics",
        "tags",
        "weakest",
        "exam",
    ] {
        assert!(j.get(key).is_some(), "missing key {key}");
    }
    for key in ["topic", "facts", "mature_share", "mean_recall", "accuracy", "reviews"] {
        assert!(j["topics"][0].get(key).is_some(), "missing topic key {key}");
    }
    let out = env.recall().args(["stats", "--json", "--exam", "2027-01-09"]).output().unwrap();
    let j: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(j["exam"]["date"], "2027-01-09");
    assert_eq!(j["exam"]["days_left"], 30);
    assert_eq!(j["exam"]["facts"], 4);
}

#[test]
fn stats_text_shows_each_part() {
    let env = setup();
    env.recall()
        .arg("stats")
        .assert()
        .success()
        .stdout(predicate::str::contains("Cards  5 new · 1 learning · 1 young · 1 mature"))
        .stdout(predicate::str::contains("4 facts, 1 never seen"))
        .stdout(predicate::str::contains("Streak  2 days"))
        .stdout(predicate::str::contains("Calendar"))
        .stdout(predicate::str::is_match(r"(?m)^  rivers +2 ").unwrap())
        .stdout(predicate::str::contains("\u{1b}[").not());
}

#[test]
fn stats_narrow_by_deck_and_topic() {
    let env = setup();
    let out = env.recall().args(["stats", "--json", "--topic", "capitals"]).output().unwrap();
    let j: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(j["cards"]["facts"], 2);
    assert_eq!(j["reviews"], 5);
    env.recall()
        .args(["stats", "--deck", "history"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no deck `history`"));
}

#[test]
fn history_lists_sessions_newest_first() {
    let env = setup();
    env.recall()
        .arg("history")
        .assert()
        .success()
        .stdout(
            predicate::str::is_match(r"(?m)^ 5  2026-12-10 10:00 +cram +geo +2 +1 +50% +10:00$")
                .unwrap(),
        )
        .stdout(
            predicate::str::is_match(r"(?m)^ 1  2026-11-20 10:00 +study +geo +3 +3 +100%").unwrap(),
        )
        .stdout(predicate::str::contains("score trend"));

    let out = env.recall().args(["history", "--json"]).output().unwrap();
    let j: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let ids: Vec<i64> = j.as_array().unwrap().iter().map(|s| s["id"].as_i64().unwrap()).collect();
    assert_eq!(ids, [5, 4, 3, 2, 1]);
    let s = &j[0];
    assert_eq!(s["mode"], "cram");
    assert_eq!(s["started"], "2026-12-10T10:00:00Z");
    assert_eq!(s["duration_seconds"], 600);
    assert_eq!(s["questions"], 2);
    assert_eq!(s["right"], 1);
    assert_eq!(s["wrong"], 1);
    assert_eq!(s["score_percent"], 50.0);
    assert_eq!(s["decks"], serde_json::json!(["geo"]));

    let out = env
        .recall()
        .args(["history", "--json", "--mode", "study", "--limit", "2"])
        .output()
        .unwrap();
    let j: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let ids: Vec<i64> = j.as_array().unwrap().iter().map(|s| s["id"].as_i64().unwrap()).collect();
    assert_eq!(ids, [4, 3]);
}

#[test]
fn history_csv_has_the_documented_header() {
    let env = setup();
    let out = env.recall().args(["history", "--csv", "--limit", "1"]).output().unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "id,mode,started,ended,decks,questions,right,wrong,unanswered,score_percent,score,marking,duration_seconds,max_score,scheme,status\n\
         5,cram,2026-12-10T10:00:00Z,2026-12-10T10:10:00Z,geo,2,1,1,0,50.0,,,600,,,\n"
    );
}

#[test]
fn history_shows_every_question_of_a_session() {
    let env = setup();
    env.recall()
        .args(["history", "3"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Session 3 · study · 2026-12-07 10:00"))
        .stdout(
            predicate::str::is_match(r"(?m)^ *1 +✗ +Longest river of Africa +Amazon +Nile +again$")
                .unwrap(),
        )
        .stdout(
            predicate::str::is_match(r"(?m)^ *2 +✓ +Capital of India +New Delhi +New Delhi +good$")
                .unwrap(),
        );
    let out = env.recall().args(["history", "3", "--json"]).output().unwrap();
    let j: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(j["session"]["id"], 3);
    assert_eq!(j["questions"][0]["card"], "geo/nile/forward");
    assert_eq!(j["questions"][0]["outcome"], "wrong");
    assert_eq!(j["questions"][0]["response"], "Amazon");
    assert_eq!(j["questions"][0]["grade"], 1);
    assert_eq!(j["questions"][1]["outcome"], "right");
    env.recall()
        .args(["history", "42"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("there is no session 42"));
}

#[test]
fn an_empty_store_says_no_sessions_yet() {
    let env = Env::new().now(NOW);
    env.write("decks/geo.ron", DECK);
    env.recall()
        .arg("history")
        .assert()
        .success()
        .stdout("No sessions yet — run `recall study` to start.\n");
    env.recall()
        .arg("stats")
        .assert()
        .success()
        .stdout(predicate::str::contains("No sessions yet — run `recall study` to start."))
        .stdout(predicate::str::contains("4 facts, 4 never seen"));
    env.recall().args(["history", "--json"]).assert().success().stdout("[]\n");
}

/// Issue 15: one fact is `1 fact`, never `1 facts`, in the cards line and the exam outlook.
#[test]
fn one_fact_is_one_fact() {
    let env = Env::new().now(NOW);
    env.write(
        "decks/one.ron",
        r#"Deck(id: "one", title: "One", facts: [
            Fact(id: "paris", kind: Place, cue: "Capital of France", answer: "Paris"),
        ])"#,
    );
    let mut store = env.store();
    let session = store.start_session(SessionMode::Study, &[], t("2026-12-09T10:00:00Z")).unwrap();
    let state = review(3.0, "2026-12-12T10:00:00Z", "2026-12-09T10:00:00Z", 0, Phase::Review);
    store
        .record_answer(&Answer {
            card: &"one/paris/forward".parse::<CardKey>().unwrap(),
            session: Some(session),
            time: t("2026-12-09T10:00:00Z"),
            kind: QuestionKind::Typed,
            response: "Paris",
            correct: true,
            outcome: Outcome::Correct,
            grade: Grade::Good,
            duration_ms: 1000,
            after: &state,
            cram: false,
        })
        .unwrap();
    store
        .finish_session(session, &SessionSummary { questions: 1, right: 1, ..Default::default() })
        .unwrap();
    drop(store);
    let out = env.recall().args(["stats", "--exam", "2026-12-20"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("       1 fact, 0 never seen\n"), "{text}");
    assert!(text.contains("0 of 1 fact not yet introduced"), "{text}");
    assert!(!text.contains("1 facts"), "{text}");
}
