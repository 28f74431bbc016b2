//! Managing cards without editing decks: `recall suspend`, `unsuspend`, `bury`, `unbury`,
//! `reset` and `find`, end to end over a small deck in `decks/` and a history written through
//! the store API. Learner days roll over at 4 a.m. UTC; the clock is Monday 30 November 09:00.

#![allow(clippy::unwrap_used)]

use jiff::Timestamp;
use predicates::prelude::*;
use recall::deck::QuestionKind;
use recall::ids::CardKey;
use recall::schedule::{CardState, Grade, Memory, Outcome, Phase};
use recall::store::Answer;

use crate::support::Env;

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

fn key(s: &str) -> CardKey {
    s.parse().unwrap()
}

/// `decks/geo.ron`, and `geo/delhi/forward` answered a week ago: due today.
fn setup() -> Env {
    let env = Env::new();
    env.write("decks/geo.ron", DECK);
    let mut store = env.store();
    let after = CardState {
        phase: Phase::Review,
        memory: Some(Memory { stability: 7.0, difficulty: 5.0 }),
        due: Some(t("2026-11-30T08:00:00Z")),
        reps: 1,
        lapses: 0,
        last_review: Some(t("2026-11-23T08:00:00Z")),
        ..CardState::default()
    };
    store
        .record_answer(&Answer {
            card: &key("geo/delhi/forward"),
            session: None,
            time: t("2026-11-23T08:00:00Z"),
            kind: QuestionKind::Typed,
            response: "New Delhi",
            correct: true,
            outcome: Outcome::Correct,
            grade: Grade::Good,
            duration_ms: 1000,
            after: &after,
            cram: false,
        })
        .unwrap();
    env
}

fn state(env: &Env, card: &str) -> CardState {
    env.store().card_state(&key(card)).unwrap().unwrap_or_default()
}

/// The `due` and `new` columns of `recall decks` for the one deck.
fn due_and_new(env: &Env) -> (u32, u32) {
    let out = env.recall().args(["decks", "--json"]).output().unwrap();
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    (rows[0]["due"].as_u64().unwrap() as u32, rows[0]["new"].as_u64().unwrap() as u32)
}

#[test]
fn suspend_leaves_cards_out_until_unsuspend_brings_them_back() {
    let env = setup();
    // Each fact of a Place has forward and reverse cards.
    let (due, new) = due_and_new(&env);
    assert_eq!(due, 1);
    env.recall()
        .args(["suspend", "geo/delhi", "nile"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Suspended 4 cards: geo/delhi (forward, reverse), geo/nile (forward, reverse).",
        ))
        .stdout(predicate::str::contains("until `recall unsuspend geo/delhi nile`"));
    let delhi = state(&env, "geo/delhi/forward");
    assert!(delhi.suspended && delhi.phase == Phase::Review, "progress kept");
    assert_eq!(due_and_new(&env), (0, new - 3));
    // Again: nothing changes, and it says so.
    env.recall()
        .args(["suspend", "nile"])
        .assert()
        .success()
        .stdout("Nothing to do: 2 cards were suspended already.\n");
    env.recall()
        .args(["find", "delhi"])
        .assert()
        .success()
        .stdout(predicate::str::contains("delhi/forward  Capital of India  suspended"));
    env.recall()
        .args(["unsuspend", "delhi/forward"])
        .assert()
        .success()
        .stdout("Unsuspended 1 card: geo/delhi (forward). It is back in sessions with the progress it had.\n");
    assert_eq!(due_and_new(&env), (1, new - 3));
    assert!(state(&env, "geo/delhi/reverse").suspended, "only the card named");
}

#[test]
fn an_unknown_id_is_a_usage_error_that_names_what_is_near() {
    let env = setup();
    env.recall().args(["suspend", "dehli"]).assert().code(2).stdout("").stderr(
        predicate::str::contains(
            "no fact `dehli` in your decks; did you mean geo/delhi? `recall find dehli` searches \
             cues and answers",
        ),
    );
    env.recall().args(["bury", "geo/delhi/sideways"]).assert().code(2).stderr(
        predicate::str::contains("geo/delhi has no card `sideways` (its cards: forward, reverse)"),
    );
    env.recall()
        .args(["reset", "--yes", "history/delhi"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no deck `history` in your decks (deck ids: geo)"));
    // No id at all: clap says what is missing.
    env.recall().arg("unbury").assert().code(2).stderr(predicate::str::contains("<ID>"));
    assert!(!state(&env, "geo/delhi/forward").suspended);
}

#[test]
fn bury_puts_cards_off_until_the_next_day_begins() {
    let env = setup();
    env.recall().args(["bury", "--find", "capital"]).assert().success().stdout(
        "Buried 4 cards until tomorrow (Tue 1 Dec, 04:00): geo/paris (forward, reverse), \
             geo/delhi (forward, reverse). `recall unbury --find capital` brings them back \
             today.\n",
    );
    assert_eq!(state(&env, "geo/delhi/forward").buried_until, Some(t("2026-12-01T04:00:00Z")));
    assert_eq!(due_and_new(&env), (0, 4));
    env.recall()
        .args(["find", "paris"])
        .assert()
        .success()
        .stdout(predicate::str::contains("paris/forward  Capital of France  buried"));
    // The next learner day it is back, with nothing to undo.
    let out = env
        .command()
        .env("RECALL_NOW", "2026-12-01T05:00:00Z")
        .args(["decks", "--json"])
        .output()
        .unwrap();
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!((rows[0]["due"].as_u64(), rows[0]["new"].as_u64()), (Some(1), Some(7)));
    env.recall().args(["unbury", "delhi"]).assert().success().stdout(
        "Unburied 2 cards: geo/delhi (forward, reverse). They are back in today's sessions.\n",
    );
    assert_eq!(due_and_new(&env), (1, 5));
    env.recall()
        .args(["unbury", "delhi"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("Nothing to do"));
}

#[test]
fn reset_makes_a_card_new_and_keeps_its_answers_unless_told() {
    let env = setup();
    // Not on a terminal, a reset needs --yes: it cannot be undone.
    env.recall()
        .args(["reset", "delhi"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("Reset 1 card: geo/delhi (forward)?"))
        .stderr(predicate::str::contains("add --yes"));
    assert_eq!(state(&env, "geo/delhi/forward").phase, Phase::Review);
    env.recall().args(["reset", "--yes", "delhi"]).assert().success().stdout(
        "Reset 1 card: geo/delhi (forward). It is new again and comes back with the day's \
             new cards. Its answers stay in your history.\n",
    );
    assert!(state(&env, "geo/delhi/forward").is_new());
    assert_eq!(env.store().reviews_of(&key("geo/delhi/forward")).unwrap().len(), 1);
    assert_eq!(due_and_new(&env), (0, 8));
    env.recall()
        .args(["reset", "--yes", "delhi"])
        .assert()
        .success()
        .stdout("Nothing to do: these cards are new already.\n");
    env.recall()
        .args(["reset", "--yes", "--delete-history", "geo/delhi/forward"])
        .assert()
        .success()
        .stdout("geo/delhi (forward) is new already. 1 answer deleted.\n");
    assert!(env.store().reviews_of(&key("geo/delhi/forward")).unwrap().is_empty());
}

#[test]
fn find_lists_each_card_with_its_progress_and_exits_1_when_nothing_matches() {
    let env = setup();
    env.recall().args(["find", "CAPITAL", "of"]).assert().success().stdout(
        "card           cue                state   due    lapses\n\
         paris/forward  Capital of France  new     -           0\n\
         paris/reverse  Capital of France  new     -           0\n\
         delhi/forward  Capital of India   review  today       0\n\
         delhi/reverse  Capital of India   new     -           0\n\
         2 facts · 4 cards\n",
    );
    let out = env.recall().args(["find", "new delhi", "--json"]).output().unwrap();
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(rows[0]["id"], "geo/delhi/forward");
    assert_eq!(rows[0]["state"], "review");
    assert_eq!(rows[0]["due"], "2026-11-30T08:00:00Z");
    assert_eq!(rows[1]["due"], serde_json::Value::Null);
    env.recall()
        .args(["find", "zanzibar"])
        .assert()
        .code(1)
        .stdout("")
        .stderr("No fact in your decks has `zanzibar` in its id, cue or answer.\n");
    // find only reads: no progress file is made.
    let fresh = Env::new();
    fresh.write("decks/geo.ron", DECK);
    fresh.recall().args(["find", "nile"]).assert().success();
    assert!(!fresh.data().join("recall.sqlite3").exists());
}

/// The keys after the feedback, on a real terminal: the grade menu lists `b bury` and
/// `x suspend`; `x` saves the answer and suspends the card, `u` at the next question takes
/// both back, and `b` buries; `recall find` shows what was done.
#[cfg(unix)]
#[test]
fn keys_after_the_feedback_suspend_and_bury_on_a_terminal() {
    const COMCASA: &str = "Communications Compatibility and Security Agreement";
    let env = Env::new();
    env.copy("study/basics.ron", "decks/basics.ron");
    env.recall().args(["config", "fuzz", "off"]).assert().success();
    let mut p = env.terminal(["study", "--seed", "1"]);
    p.expect("[1/7] What does COMCASA stand for?");
    let right = p.option_number(COMCASA);
    p.press(&right.to_string());
    p.expect("✓ Right");
    p.expect("b bury · x suspend");
    p.expect("Good · 2d");
    p.press("x");
    p.expect("Suspended: not asked again until");
    p.expect("[2/7]");
    // Undo takes back the answer and the suspension together.
    crate::support::settle();
    p.press(":u\r");
    p.expect("Undone: COMCASA");
    p.expect("[1/7] What does COMCASA stand for?");
    let right = p.option_number(COMCASA);
    p.press(&right.to_string());
    p.expect("Good · 2d");
    p.press("b");
    p.expect("Buried until tomorrow. Saved as Good");
    p.expect("[2/7]");
    p.press(":q\r");
    p.expect("Session stopped");
    p.eof();
    let comcasa = state(&env, "study-basics/comcasa/forward");
    assert!(!comcasa.suspended, "the undo took the suspension back");
    assert_eq!(comcasa.buried_until, Some(t("2026-12-01T04:00:00Z")));
    assert_eq!(comcasa.reps, 1, "one answer saved");
    env.recall()
        .args(["find", "comcasa"])
        .assert()
        .success()
        .stdout(predicate::str::contains("comcasa/forward  COMCASA  buried"));
}
