//! `recall preview`: golden output on a small fixture deck, JSON shape, filters and errors.

use assert_cmd::Command;
use predicates::prelude::*;

use crate::support::{self, Env};

const FIXTURE: &str = "tests/fixtures/preview.ron";
const GOLDEN: &str = "preview.golden.txt";

/// Run from the repository, where `FIXTURE` (relative, as a learner would type it) is found.
fn env() -> Env {
    Env::new().in_dir(env!("CARGO_MANIFEST_DIR"))
}

#[allow(clippy::unwrap_used)] // test helper
fn stdout(cmd: &mut Command) -> String {
    let out = cmd.assert().success().get_output().stdout.clone();
    String::from_utf8(out).unwrap()
}

/// The whole text output for seed 1, compared with the committed golden file. Run with
/// `RECALL_BLESS=1` to rewrite the golden file after an intended change, then review the diff.
#[test]
fn text_output_matches_golden() {
    let env = env();
    let out = stdout(env.recall().args(["preview", FIXTURE, "--seed", "1"]));
    let golden = support::fixture(GOLDEN);
    if std::env::var_os("RECALL_BLESS").is_some() {
        std::fs::write(&golden, &out).unwrap();
    }
    let expected = std::fs::read_to_string(&golden).unwrap();
    assert_eq!(out, expected, "preview output changed; bless with RECALL_BLESS=1 if intended");
}

#[test]
fn json_has_one_object_per_question() {
    let env = env();
    let text = stdout(env.recall().args(["preview", FIXTURE, "--seed", "1"]));
    let json = stdout(env.recall().args(["preview", FIXTURE, "--seed", "1", "--json"]));
    let all: Vec<serde_json::Value> = serde_json::from_str(&json).unwrap();
    // Statement sets and pairs come last and have no `fact` (see composites_in_json).
    let items: Vec<&serde_json::Value> = all.iter().filter(|i| i["fact"].is_string()).collect();
    let headers = text.lines().filter(|l| l.starts_with("preview-fixture/")).count();
    assert_eq!(items.len(), headers);
    assert!(
        text.contains(&format!("{headers} questions from 6 facts; 6 fell back to another kind\n"))
    );
    for item in items.iter().copied() {
        for field in ["deck", "fact", "kind", "prompt", "answer"] {
            assert!(item[field].is_string(), "{field} in {item}");
        }
        assert!(item["options"].is_array() && item["accepted"].is_array(), "{item}");
        assert_eq!(item["deck"], "preview-fixture");
        if let Some(correct) = item["correct"].as_u64() {
            let options = item["options"].as_array().unwrap();
            assert!((correct as usize) < options.len());
            if item["kind"] == "multiple-choice" {
                assert_eq!(options[correct as usize], item["answer"]);
            }
        } else {
            assert!(item["options"].as_array().unwrap().is_empty());
        }
    }
    let tf: Vec<_> = items.iter().filter(|i| i["kind"] == "true-false").collect();
    assert_eq!(all[items.len()..].iter().filter(|i| i["fact"].is_string()).count(), 0);
    assert!(!tf.is_empty());
    for i in tf {
        assert_eq!(i["options"], serde_json::json!(["True", "False"]));
    }
}

/// Statement sets and pairs in `--json`: `kind`, the parts with their truth and fact, four
/// options and the right one, whose wording agrees with the parts' truth.
#[test]
fn composites_in_json() {
    let env = env();
    let deck = "tests/fixtures/exam/agreements.ron";
    let json = stdout(env.recall().args(["preview", deck, "--seed", "3", "--json"]));
    let items: Vec<serde_json::Value> = serde_json::from_str(&json).unwrap();
    let composites: Vec<&serde_json::Value> =
        items.iter().filter(|i| i["kind"] == "statements" || i["kind"] == "pairs").collect();
    // Two topics, each with a coded set, a how-many set and pairs.
    assert_eq!(composites.len(), 6, "{json}");
    for c in composites {
        let options = c["options"].as_array().unwrap();
        assert_eq!(options.len(), 4, "{c}");
        let correct = c["correct"].as_u64().unwrap() as usize;
        assert_eq!(options[correct], c["answer"]);
        let (list, fields) = if c["kind"] == "pairs" {
            (c["pairs"].as_array().unwrap(), &["left", "right", "fact"][..])
        } else {
            (c["statements"].as_array().unwrap(), &["text", "fact"][..])
        };
        assert!(c.get(if c["kind"] == "pairs" { "statements" } else { "pairs" }).is_none());
        for part in list {
            for field in fields {
                assert!(part[*field].is_string(), "{field} in {part}");
            }
            assert!(part["true"].is_boolean(), "{part}");
            assert_eq!(part["correction"].is_string(), part["true"] == false, "{part}");
        }
        let truths = list.iter().filter(|p| p["true"] == true).count();
        let answer = c["answer"].as_str().unwrap();
        if c["style"] == "count" {
            let words = ["None", "one", "two", "three", "four"];
            let named = if answer.starts_with("None") {
                0
            } else {
                words.iter().position(|w| answer.split(' ').nth(1) == Some(*w)).unwrap()
            };
            assert_eq!(named, truths, "{c}");
        } else {
            let numbers: Vec<usize> = list
                .iter()
                .enumerate()
                .filter(|(_, p)| p["true"] == true)
                .map(|(i, _)| i + 1)
                .collect();
            let named: Vec<usize> = match answer {
                "Both 1 and 2" => vec![1, 2],
                "Neither 1 nor 2" => vec![],
                _ => answer
                    .split(|c: char| !c.is_ascii_digit())
                    .filter_map(|d| d.parse().ok())
                    .collect(),
            };
            assert_eq!(named, numbers, "{c}");
        }
    }
    // Asking for one kind of question leaves them out.
    let json = stdout(env.recall().args(["preview", deck, "--kind", "typed", "--json"]));
    assert!(!json.contains("\"statements\""));
}

#[test]
fn same_seed_same_output_other_seed_other_distractors() {
    let env = env();
    let a = stdout(env.recall().args(["preview", FIXTURE, "--seed", "7"]));
    let b = stdout(env.recall().args(["preview", FIXTURE, "--seed", "7"]));
    let c = stdout(env.recall().args(["preview", FIXTURE, "--seed", "8"]));
    assert_eq!(a, b);
    assert_ne!(a, c);
}

#[test]
fn filters_by_fact_and_kind() {
    let env = env();
    let json = stdout(env.recall().args([
        "preview",
        FIXTURE,
        "--fact",
        "preview-fixture/comcasa",
        "--kind",
        "multiple-choice",
        "--json",
    ]));
    let items: Vec<serde_json::Value> = serde_json::from_str(&json).unwrap();
    // Forward, and both cloze blanks (the acronym and the year). The forward question is
    // typed: no other expansion of the deck, and too few words of it, spell COMCASA.
    assert_eq!(items.len(), 3);
    let kinds: Vec<&str> = items.iter().map(|i| i["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["typed", "multiple-choice", "multiple-choice"]);
    for i in &items {
        assert_eq!(i["fact"], "comcasa");
        assert_eq!(i["requested"], "multiple-choice");
    }
    // Each question says the answer type its options share.
    let types: Vec<&str> = items.iter().map(|i| i["answer_type"].as_str().unwrap()).collect();
    assert_eq!(types, ["acronym expansion", "name", "year"]);
    let text = stdout(env.recall().args([
        "preview",
        FIXTURE,
        "--fact",
        "two-plus-two",
        "--kind",
        "true-false",
    ]));
    // The answer type the options would share comes before the fallback.
    assert!(
        text.contains("true-false · description (asked as flashcard: no good set of options)"),
        "{text}"
    );
    assert!(text.ends_with("1 question from 1 fact; 1 fell back to another kind\n"), "{text}");
}

#[test]
fn choices_sets_the_number_of_options() {
    let env = env();
    let json = stdout(env.recall().args([
        "preview",
        FIXTURE,
        "--fact",
        "first-2plus2",
        "--kind",
        "multiple-choice",
        "--choices",
        "6",
        "--json",
    ]));
    let items: Vec<serde_json::Value> = serde_json::from_str(&json).unwrap();
    assert_eq!(items[0]["options"].as_array().unwrap().len(), 6);
    env.recall().args(["preview", FIXTURE, "--choices", "7"]).assert().code(2);
}

#[test]
fn unknown_fact_or_kind_is_a_usage_error() {
    let env = env();
    env.recall()
        .args(["preview", FIXTURE, "--fact", "nope"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no fact `nope` in the decks"));
    env.recall()
        .args(["preview", FIXTURE, "--kind", "essay"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("expected one of: flashcard, reverse, multiple-choice"));
}

#[test]
fn deck_errors_are_printed_and_exit_1() {
    let env = env();
    let bad = env.write("bad.ron", "Deck(id: \"x\", title: \"X\", facts: [Fact(id: \"a\")])");
    env.recall().arg("preview").arg(&bad).assert().code(1).stdout("").stderr(
        predicate::str::contains("bad.ron")
            .and(predicate::str::contains("error[missing-field]: fact `a` has no `kind`"))
            .and(predicate::str::contains("3 errors in the decks")),
    );
}
