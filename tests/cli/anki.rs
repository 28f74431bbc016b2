//! `recall import FILE.apkg|FILE.colpkg`: Anki decks with their history. The fixtures were made
//! by Anki itself and by genanki (see tests/fixtures/anki/make_fixtures.py).

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers panic on setup failure by design

use std::path::PathBuf;

use jiff::Timestamp;
use predicates::prelude::*;
use recall::deck::{Deck, QuestionKind, write};
use recall::ids::{CardKey, DeckId, Direction};

use crate::support::{self, Env, read};

fn fixture(name: &str) -> PathBuf {
    support::fixture("anki").join(name)
}

fn import(env: &Env, package: &str, extra: &[&str]) -> assert_cmd::assert::Assert {
    env.recall().arg("import").arg(fixture(package)).args(extra).assert()
}

fn deck(env: &Env, name: &str) -> Deck {
    let path = env.path(name);
    write::check_text(&path, &read(&path)).unwrap()
}

#[test]
fn notes_become_facts() {
    let env = Env::new();
    import(&env, "real.apkg", &["--deck", "polity", "-o", "p.ron"])
        .success()
        .stdout(predicate::str::contains("Note type \"Basic\" (2 notes): cue Front, answer Back"))
        .stdout(predicate::str::contains("Imported 4 notes"));
    let deck = deck(&env, "p.ron");
    let ids: Vec<&str> = deck.facts.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(ids, ["0._lok_sabha.23550", "ganga", "0._r_s.21c1c2", "0._sikkim"]);
    let basic = &deck.facts[0];
    // HTML stripped, `<br>` a space, `&nbsp;` decoded; tags and nested deck kept.
    assert_eq!(basic.cue, "Maximum strength of the Lok Sabha");
    assert_eq!(basic.answer, "550 members (Art. 81)");
    assert_eq!(basic.topic.as_deref(), Some("Polity › Parliament"));
    assert_eq!(basic.tags, ["lok_sabha", "polity"]);
    // Plain Basic has no reverse card in Anki, so none in recall; the reversed type keeps it.
    assert_eq!(basic.skip, [QuestionKind::Reverse]);
    assert!(deck.facts[1].skip.is_empty());
    assert_eq!(deck.facts[1].reverse.as_deref(), Some("Ganga"));
    // The cards recall asks are Anki's: Basic forward only, reversed both, cloze the blanks
    // (plus the cloze fact's forward card, which Anki has no counterpart for).
    let cards: Vec<Vec<String>> = deck
        .facts
        .iter()
        .map(|f| recall::quiz::cards(f).iter().map(|d| d.to_string()).collect())
        .collect();
    assert_eq!(cards[0], ["forward"]);
    assert_eq!(cards[1], ["forward", "reverse"]);
    assert_eq!(cards[2], ["forward", "cloze-1", "cloze-2", "cloze-3"]);
    let cloze = &deck.facts[2];
    assert_eq!(
        cloze.cloze,
        [
            "The {Rajya Sabha} is a permanent house; the {Vice-President} chairs it. Members: <= 250",
            "The Rajya Sabha is a {permanent} house; the Vice-President chairs it. Members: <= 250",
        ]
    );
    assert_eq!(cloze.cue, "The […] is a […] house; the […] chairs it. Members: <= 250");
    assert_eq!(cloze.answer, "Rajya Sabha; permanent; Vice-President");
    assert_eq!(cloze.explain.as_deref(), Some("Art. 80"));
}

#[test]
fn legacy_packages_and_backups_give_the_same_facts() {
    let env = Env::new();
    import(&env, "real.apkg", &["--deck", "a", "-o", "a.ron"]).success();
    import(&env, "real-legacy.apkg", &["--deck", "b", "-o", "b.ron"]).success();
    import(&env, "real.colpkg", &["--deck", "c", "-o", "c.ron"]).success();
    let a = deck(&env, "a.ron").facts;
    assert_eq!(deck(&env, "b.ron").facts, a);
    assert_eq!(deck(&env, "c.ron").facts, a);
}

#[test]
fn genanki_packages_import() {
    let env = Env::new();
    import(&env, "genanki.apkg", &["--deck", "history", "-o", "h.ron"]).success();
    let deck = deck(&env, "h.ron");
    assert_eq!(deck.title, "History");
    let dandi = deck.facts.iter().find(|f| f.id.as_str() == "dandi").unwrap();
    assert_eq!(dandi.cloze, ["{Dandi} march: 1930", "Dandi march: {1930}"]);
    assert_eq!(deck.facts[0].cue, "Year of the Quit India movement");
}

#[test]
fn fields_can_be_chosen() {
    let env = Env::new();
    import(&env, "real.apkg", &["--deck", "p", "-o", "p.ron", "--cue-field", "back"])
        .success()
        .stdout(predicate::str::contains("cue Back, answer Front"))
        .stdout(predicate::str::contains("has no field `back` for --cue-field"));
    assert_eq!(deck(&env, "p.ron").facts[0].cue, "550 members (Art. 81)");
}

#[test]
fn bad_packages_are_refused_and_nothing_is_written() {
    let env = Env::new();
    for (file, message) in [
        ("not-a-zip.apkg", "is not an Anki package: it is not a zip file"),
        ("corrupt.apkg", "collection.anki2 is not a readable Anki collection"),
        ("no-collection.apkg", "holds no Anki collection"),
        ("future.apkg", "collection schema version 99 is not one recall knows"),
    ] {
        import(&env, file, &["--deck", "x"]).failure().stderr(predicate::str::contains(message));
    }
    assert_eq!(env.files(), Vec::<String>::new(), "no deck file, no store");
}

#[test]
fn reimport_updates_wording_and_adds_new_notes_without_duplicates() {
    let env = Env::new();
    import(&env, "real.apkg", &["--deck", "p", "-o", "p.ron"]).success();
    let path = env.path("p.ron");
    let original = std::fs::read_to_string(&path).unwrap();
    // Unchanged package: the file stays byte for byte.
    import(&env, "real.apkg", &["--into", "p.ron"])
        .success()
        .stdout(predicate::str::contains("0 new, 0 updated"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), original);
    // The learner reworded one fact, added an accepted answer, deleted another, and commented.
    let edited = original
        .replace("cue: \"Longest river of India\",", "cue: \"Longest river\",\n            accept: [\"Ganges\"],")
        .replace("        Fact(\n            id: \"0._sikkim\",\n            kind: Statement,\n            cue: \"Capital of Sikkim\",\n            answer: \"Gangtok\",\n            topic: \"Geography\",\n            skip: [Reverse],\n        ),\n", "")
        .replace("    facts: [\n", "    facts: [ // mine\n");
    assert_ne!(edited, original);
    std::fs::write(&path, &edited).unwrap();
    import(&env, "real.apkg", &["--into", "p.ron"])
        .success()
        .stdout(predicate::str::contains("1 new, 1 updated"));
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("facts: [ // mine\n"));
    let deck = deck(&env, "p.ron");
    assert_eq!(deck.facts.len(), 4);
    let ganga = deck.facts.iter().find(|f| f.id.as_str() == "ganga").unwrap();
    assert_eq!(ganga.cue, "Longest river of India");
    assert_eq!(ganga.accept, ["Ganges"], "what the learner added is kept");
    assert_eq!(deck.facts[3].id.as_str(), "0._sikkim");
    // Everything before the reworded fact is as the learner left it.
    let at = edited.find("id: \"ganga\"").unwrap();
    assert_eq!(text[..at], edited[..at]);
}

/// One card of `expected.json`: what Anki itself said about it.
#[derive(serde::Deserialize)]
struct ExpectedCard {
    guid: String,
    ord: u32,
    #[serde(rename = "type")]
    ctype: i64,
    queue: i64,
    due: i64,
    due_date: Option<i64>,
    reviews: usize,
}

#[derive(serde::Deserialize)]
struct Expected {
    crt: i64,
    cards: Vec<ExpectedCard>,
}

/// The recall cards of an Anki card of `real.apkg`: template 0/1 → forward/reverse; the cloze
/// note's `c1` (two deletions) → its first two blanks, `c2` → the third.
fn keys_of(deck: &str, card: &ExpectedCard) -> Vec<CardKey> {
    let fact = recall::anki::convert::fact_id_from_guid(&card.guid);
    let directions = match (card.guid.as_str(), card.ord) {
        ("RS!c1c2", 0) => vec![Direction::Cloze(1), Direction::Cloze(2)],
        ("RS!c1c2", 1) => vec![Direction::Cloze(3)],
        (_, 0) => vec![Direction::Forward],
        (_, _) => vec![Direction::Reverse],
    };
    directions
        .into_iter()
        .map(|d| CardKey::new(DeckId::new(deck).unwrap(), fact.clone(), d))
        .collect()
}

#[test]
fn history_states_and_due_dates_come_along() {
    let env = Env::new();
    import(&env, "real.apkg", &["--deck", "polity", "-o", "p.ron"])
        .success()
        .stdout(predicate::str::contains("History: 12 reviews added (0 already present)"));
    let expected: Expected =
        serde_json::from_str(&std::fs::read_to_string(fixture("expected.json")).unwrap()).unwrap();
    let store = env.store();
    let now: Timestamp = "2026-11-30T09:00:00Z".parse().unwrap();
    let day = |t: i64| (t - expected.crt).div_euclid(86_400);
    for card in &expected.cards {
        for key in keys_of("polity", card) {
            let state = store.card_state(&key).unwrap();
            let reviews = store.reviews_of(&key).unwrap();
            assert_eq!(reviews.len(), card.reviews, "{key}");
            if card.ctype == 0 {
                assert!(state.is_none_or(|s| s.is_new()), "{key} stays new");
                continue;
            }
            let state = state.unwrap();
            assert!(state.memory.is_some(), "{key} has an FSRS memory state");
            assert_eq!(state.suspended, card.queue == -1, "{key}");
            // The due day is Anki's: by its `due` day number and by its own due date.
            let due = state.due.unwrap().as_second();
            assert_eq!(day(due), card.due, "{key}");
            assert_eq!(day(due), day(card.due_date.unwrap()), "{key}");
            assert!(
                reviews
                    .iter()
                    .all(|r| r.imported.as_deref().is_some_and(|o| o.starts_with("anki:")))
            );
        }
    }
    // The card rescheduled to 30 days in Anki is not due tomorrow in recall.
    let ganga = CardKey::new(
        DeckId::new("polity").unwrap(),
        recall::ids::FactId::new("ganga").unwrap(),
        Direction::Forward,
    );
    let due = store.card_state(&ganga).unwrap().unwrap().due.unwrap();
    assert!(due.duration_since(now).as_hours() > 24 * 5, "due {due}");
    drop(store);
    // Importing again adds no review and keeps every due date.
    import(&env, "real.apkg", &["--into", "p.ron"])
        .success()
        .stdout(predicate::str::contains("History: 0 reviews added (12 already present)"));
    let store = env.store();
    for card in &expected.cards {
        for key in keys_of("polity", card) {
            assert_eq!(store.reviews_of(&key).unwrap().len(), card.reviews, "{key}");
            if card.ctype != 0 {
                let due = store.card_state(&key).unwrap().unwrap().due.unwrap().as_second();
                assert_eq!(day(due), card.due, "{key}");
            }
        }
    }
}

#[test]
fn genanki_history_skips_manual_entries() {
    let env = Env::new();
    import(&env, "genanki.apkg", &["--deck", "history", "-o", "h.ron"]).success();
    let store = env.store();
    let key = |fact: &str, d| {
        CardKey::new(DeckId::new("history").unwrap(), recall::ids::FactId::new(fact).unwrap(), d)
    };
    let quit = key("0._quit_india42", Direction::Forward);
    let reviews = store.reviews_of(&quit).unwrap();
    // Six revlog rows: four answers, a manual reschedule and an ease-0 entry.
    let grades: Vec<u8> = reviews.iter().map(|r| r.grade.number()).collect();
    assert_eq!(grades, [3, 3, 1, 3]);
    assert_eq!(reviews[0].duration_ms, 8000);
    let crt = 1_700_000_000 - 1_700_000_000 % 86_400;
    let state = store.card_state(&quit).unwrap().unwrap();
    assert_eq!(state.due.unwrap().as_second(), crt + 12 * 86_400);
    assert_eq!(state.lapses, 1);
    // The suspended reverse card never shown in Anki: suspended, still new.
    let gandhi = store.card_state(&key("gandhi", Direction::Reverse)).unwrap().unwrap();
    assert!(gandhi.suspended && gandhi.is_new());
    assert!(store.card_state(&key("gandhi", Direction::Forward)).unwrap().is_none());
}

#[test]
fn a_card_answered_in_recall_keeps_recalls_due_date_on_reimport() {
    let env = Env::new();
    import(&env, "real.apkg", &["--deck", "polity", "-o", "p.ron"]).success();
    let ganga = CardKey::new(
        DeckId::new("polity").unwrap(),
        recall::ids::FactId::new("ganga").unwrap(),
        Direction::Forward,
    );
    let (anki_due, recall_due) = {
        let mut store = env.store();
        let anki_due = store.card_state(&ganga).unwrap().unwrap().due.unwrap();
        // An answer given in recall after the import (Again), through the store's own import
        // path so the card's state is replayed.
        let settings = store.settings().unwrap();
        let scheduler = recall::schedule::Scheduler::new(&settings, None).unwrap();
        let now: Timestamp = "2026-11-30T09:00:00Z".parse().unwrap();
        let day = recall::schedule::StudyDay::new(now, jiff::tz::TimeZone::UTC, 4);
        let answer = recall::store::ImportedReview {
            card: ganga.clone(),
            time: now,
            grade: recall::schedule::Grade::Again,
            duration_ms: 1000,
            origin: "test:1".into(),
        };
        store.import_reviews(&[answer], &scheduler, &day).unwrap();
        let due = store.card_state(&ganga).unwrap().unwrap().due.unwrap();
        assert_ne!(due, anki_due);
        (anki_due, due)
    };
    import(&env, "real.apkg", &["--into", "p.ron"]).success();
    let store = env.store();
    let due = store.card_state(&ganga).unwrap().unwrap().due.unwrap();
    assert_eq!(due, recall_due, "recall's date stands, not Anki's {anki_due}");
}

#[test]
fn a_new_deck_never_replaces_a_file_or_reuses_a_deck_id() {
    let env = Env::new();
    import(&env, "real.apkg", &["--deck", "polity", "-o", "p.ron"]).success();
    let first = std::fs::read_to_string(env.path("p.ron")).unwrap();
    import(&env, "real.apkg", &["--deck", "polity", "-o", "p.ron"]).code(1).stderr(
        predicate::str::contains(
            "p.ron already exists (use --into p.ron to update it, or --force to replace it)",
        ),
    );
    import(&env, "real.apkg", &["--deck", "polity", "-o", "q.ron"]).code(1).stderr(
        predicate::str::contains(
            "deck id `polity` is already used by ./p.ron; pick another --deck, or update it with --into ./p.ron",
        ),
    );
    assert_eq!(std::fs::read_to_string(env.path("p.ron")).unwrap(), first);
    assert!(!env.path("q.ron").exists());
}
