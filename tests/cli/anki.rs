//! `recall import FILE.apkg|FILE.colpkg`: Anki decks with their history. The fixtures were made
//! by Anki itself and by genanki (see tests/fixtures/anki/make_fixtures.py).

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers panic on setup failure by design

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use recall::deck::{Deck, QuestionKind, write};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/anki").join(name)
}

struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    fn new() -> Env {
        Env { dir: tempfile::tempdir().unwrap() }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn recall(&self) -> Command {
        let mut cmd = Command::cargo_bin("recall").unwrap();
        cmd.current_dir(self.dir.path())
            .env("RECALL_DATA_DIR", self.path("data"))
            .env("RECALL_NOW", "2026-11-30T09:00:00Z")
            .env("TZ", "UTC")
            .env("NO_COLOR", "1");
        cmd
    }

    fn import(&self, package: &str, extra: &[&str]) -> assert_cmd::assert::Assert {
        self.recall().arg("import").arg(fixture(package)).args(extra).assert()
    }

    fn deck(&self, name: &str) -> Deck {
        let path = self.path(name);
        write::check_text(&path, &std::fs::read_to_string(&path).unwrap()).unwrap()
    }

    fn names(&self) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(self.dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }
}

#[test]
fn notes_become_facts() {
    let env = Env::new();
    env.import("real.apkg", &["--deck", "polity", "-o", "p.ron"])
        .success()
        .stdout(predicate::str::contains("Note type \"Basic\" (2 notes): cue Front, answer Back"))
        .stdout(predicate::str::contains("Imported 4 notes"));
    let deck = env.deck("p.ron");
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
    env.import("real.apkg", &["--deck", "a", "-o", "a.ron"]).success();
    env.import("real-legacy.apkg", &["--deck", "b", "-o", "b.ron"]).success();
    env.import("real.colpkg", &["--deck", "c", "-o", "c.ron"]).success();
    let a = env.deck("a.ron").facts;
    assert_eq!(env.deck("b.ron").facts, a);
    assert_eq!(env.deck("c.ron").facts, a);
}

#[test]
fn genanki_packages_import() {
    let env = Env::new();
    env.import("genanki.apkg", &["--deck", "history", "-o", "h.ron"]).success();
    let deck = env.deck("h.ron");
    assert_eq!(deck.title, "History");
    let dandi = deck.facts.iter().find(|f| f.id.as_str() == "dandi").unwrap();
    assert_eq!(dandi.cloze, ["{Dandi} march: 1930", "Dandi march: {1930}"]);
    assert_eq!(deck.facts[0].cue, "Year of the Quit India movement");
}

#[test]
fn fields_can_be_chosen() {
    let env = Env::new();
    env.import("real.apkg", &["--deck", "p", "-o", "p.ron", "--cue-field", "back"])
        .success()
        .stdout(predicate::str::contains("cue Back, answer Front"))
        .stdout(predicate::str::contains("has no field `back` for --cue-field"));
    assert_eq!(env.deck("p.ron").facts[0].cue, "550 members (Art. 81)");
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
        env.import(file, &["--deck", "x"]).failure().stderr(predicate::str::contains(message));
    }
    assert_eq!(env.names(), Vec::<String>::new(), "no deck file, no store");
}

#[test]
fn reimport_updates_wording_and_adds_new_notes_without_duplicates() {
    let env = Env::new();
    env.import("real.apkg", &["--deck", "p", "-o", "p.ron"]).success();
    let path = env.path("p.ron");
    let original = std::fs::read_to_string(&path).unwrap();
    // Unchanged package: the file stays byte for byte.
    env.import("real.apkg", &["--into", "p.ron"])
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
    env.import("real.apkg", &["--into", "p.ron"])
        .success()
        .stdout(predicate::str::contains("1 new, 1 updated"));
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("facts: [ // mine\n"));
    let deck = env.deck("p.ron");
    assert_eq!(deck.facts.len(), 4);
    let ganga = deck.facts.iter().find(|f| f.id.as_str() == "ganga").unwrap();
    assert_eq!(ganga.cue, "Longest river of India");
    assert_eq!(ganga.accept, ["Ganges"], "what the learner added is kept");
    assert_eq!(deck.facts[3].id.as_str(), "0._sikkim");
    // Everything before the reworded fact is as the learner left it.
    let at = edited.find("id: \"ganga\"").unwrap();
    assert_eq!(text[..at], edited[..at]);
}
