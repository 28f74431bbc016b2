//! Generation of statement sets and matched pairs, and what an answer says about each fact.

use std::collections::HashSet;
use std::path::Path;

use rand::SeedableRng;
use rand::rngs::StdRng;

use super::*;
use crate::deck::{Loaded, load_source};

const MOCK: &str = include_str!("../../../tests/fixtures/exam/deck.ron");
const QUIZ: &str = include_str!("../../../tests/fixtures/quiz-realistic.ron");
const TERMS: &str = include_str!("../../../tests/fixtures/exam/agreements.ron");

fn library(texts: &[&str]) -> Library {
    let mut loaded = Loaded::default();
    for (i, text) in texts.iter().enumerate() {
        load_source(Path::new(&format!("deck{i}.ron")), text, &mut loaded);
    }
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    loaded.library
}

fn any(_: &Deck, _: &Fact) -> bool {
    true
}

/// Every question the fixtures give over many seeds, of each format and style.
fn generated(lib: &Library) -> Vec<Composite> {
    let index = Index::new(lib);
    let mut out = Vec::new();
    for seed in 0..80 {
        let mut rng = StdRng::seed_from_u64(seed);
        out.extend(index.statements(Style::Coded, &any, &mut rng));
        out.extend(index.statements(Style::Count, &any, &mut rng));
        out.extend(index.pairs(&any, &mut rng));
    }
    out
}

/// Does `claim` say exactly what `truths` are?
fn claim_is_true(claim: &Claim, truths: &[bool]) -> bool {
    match claim {
        Claim::Set(s) => (0..truths.len()).all(|i| s.contains(&i) == truths[i]),
        Claim::Count(k) => *k == truths.iter().filter(|t| **t).count(),
    }
}

#[test]
fn exactly_one_option_is_right_and_it_is_the_correct_one() {
    let lib = library(&[MOCK, QUIZ]);
    let all = generated(&lib);
    let formats: HashSet<(Format, &str)> = all
        .iter()
        .map(|c| (c.format, if c.style == Style::Coded { "coded" } else { "count" }))
        .collect();
    assert_eq!(formats.len(), 3, "statements coded, statements count and pairs: {formats:?}");
    for c in &all {
        assert_eq!(c.options.len(), OPTIONS, "{c:#?}");
        assert_eq!(c.claims.len(), OPTIONS);
        let distinct: HashSet<&String> = c.options.iter().collect();
        assert_eq!(distinct.len(), OPTIONS, "{:?}", c.options);
        let truths = c.truths();
        let right: Vec<usize> =
            (0..OPTIONS).filter(|i| claim_is_true(&c.claims[*i], &truths)).collect();
        assert_eq!(right, vec![c.correct], "{c:#?}");
        assert!((2..=4).contains(&c.parts.len()));
        if c.format == Format::Pairs {
            assert!(c.parts.len() >= 3);
        }
    }
}

#[test]
fn the_coded_option_names_the_true_statements() {
    let lib = library(&[MOCK, QUIZ]);
    for c in generated(&lib).iter().filter(|c| c.style == Style::Coded) {
        let n = c.parts.len();
        let named: Vec<usize> = match c.answer() {
            "Both 1 and 2" => vec![1, 2],
            "Neither 1 nor 2" => vec![],
            text => {
                text.split(|ch: char| !ch.is_ascii_digit()).filter_map(|d| d.parse().ok()).collect()
            }
        };
        let truths: Vec<usize> = (0..n).filter(|i| c.parts[*i].truth).map(|i| i + 1).collect();
        assert_eq!(named, truths, "{}: {:?}", c.prompt, c.options);
        // "only" unless every statement is named.
        if n > 2 {
            assert_eq!(c.answer().ends_with("only"), truths.len() < n, "{}", c.answer());
        }
    }
}

#[test]
fn no_two_parts_on_one_fact_cue_or_answer() {
    let lib = library(&[MOCK, QUIZ]);
    for c in generated(&lib) {
        let facts: HashSet<&str> = c.parts.iter().map(|p| p.fact.as_str()).collect();
        assert_eq!(facts.len(), c.parts.len(), "{}", c.prompt);
        let decks: HashSet<&DeckId> = c.parts.iter().map(|p| &p.card.deck).collect();
        assert_eq!(decks.len(), 1);
        let topics: HashSet<Option<&str>> = c
            .parts
            .iter()
            .map(|p| lib.fact(&p.card.deck, &p.card.fact).unwrap().topic.as_deref())
            .collect();
        assert_eq!(topics.len(), 1, "{}", c.prompt);
        // Every answer shown differs, so no statement gives another away.
        let shown: HashSet<String> = c
            .parts
            .iter()
            .map(|p| {
                let fact = lib.fact(&p.card.deck, &p.card.fact).unwrap();
                let answer = if p.truth {
                    fact.answer.clone()
                } else {
                    p.right.clone().unwrap_or_else(|| p.text.clone())
                };
                normalize::key(&answer)
            })
            .collect();
        assert_eq!(shown.len(), c.parts.len(), "{}", c.prompt);
        if c.format == Format::Pairs {
            let kinds: HashSet<FactKind> = c
                .parts
                .iter()
                .map(|p| lib.fact(&p.card.deck, &p.card.fact).unwrap().kind)
                .collect();
            assert_eq!(kinds.len(), 1);
        }
    }
}

/// A second deck says BECA (the cue of a fact in the terms deck) is also the agreement on
/// access to each other's bases: a statement pairing BECA with it is then not certainly false
/// and must never be offered as false.
#[test]
fn a_false_statement_is_certainly_false() {
    let other = r#"Deck(id: "other", title: "Other", facts: [
        Fact(id: "beca2", kind: Agreement, cue: "BECA", answer: "the agreement on access to each other's bases for supplies"),
    ])"#;
    let lib = library(&[TERMS, other]);
    let mut falses = 0;
    for c in generated(&lib) {
        for p in c.parts.iter().filter(|p| !p.truth) {
            falses += 1;
            assert!(p.correction.is_some());
            // No fact of the library with this part's cue makes the part true.
            let fact = lib.fact(&p.card.deck, &p.card.fact).unwrap();
            for (_, f) in
                lib.facts().filter(|(_, f)| normalize::key(&f.cue) == normalize::key(&fact.cue))
            {
                for a in std::iter::once(&f.answer).chain(&f.accept) {
                    match (&p.right, c.format) {
                        (Some(right), _) => assert_ne!(normalize::key(right), normalize::key(a)),
                        (None, _) => {
                            assert_ne!(Some(&p.text), templates::statement(fact, a).as_ref())
                        }
                    }
                }
            }
            assert!(!p.text.contains("BECA is the agreement on access"), "{}", p.text);
        }
    }
    assert!(falses > 40, "only {falses} false statements in 240 questions");
}

#[test]
fn same_seed_same_question_and_true_statements_read_as_sentences() {
    let lib = library(&[TERMS]);
    let index = Index::new(&lib);
    let a = index.statements(Style::Coded, &any, &mut StdRng::seed_from_u64(4));
    let b = index.statements(Style::Coded, &any, &mut StdRng::seed_from_u64(4));
    assert_eq!(a, b);
    let c = a.unwrap();
    assert!(c.prompt.starts_with("Consider the following statements:\n1. "), "{}", c.prompt);
    assert!(c.prompt.ends_with("Which of the statements given above is/are correct?"));
    for p in &c.parts {
        // "COMCASA is the agreement on …", "Repo rate is the rate at which …".
        assert!(p.text.ends_with('.'), "{}", p.text);
        assert!(p.text.contains(" is the "), "{}", p.text);
        assert!(!p.text.contains(": "), "a label, not a sentence: {}", p.text);
    }
}

#[test]
fn only_usable_facts_are_drawn() {
    let lib = library(&[TERMS]);
    let index = Index::new(&lib);
    let defence = |_: &Deck, f: &Fact| f.topic.as_deref() == Some("defence");
    for seed in 0..50 {
        let c = index.pairs(&defence, &mut StdRng::seed_from_u64(seed)).unwrap();
        assert!(c.parts.iter().all(|p| p.fact.ends_with("-purpose")), "{c:#?}");
    }
    // Two usable facts make a coded set of two but no count set or pairs.
    let two = |_: &Deck, f: &Fact| ["repo-term", "crr-term"].contains(&f.id.as_str());
    let mut rng = StdRng::seed_from_u64(1);
    let c = index.statements(Style::Coded, &two, &mut rng).unwrap();
    assert_eq!(c.options, ["1 only", "2 only", "Both 1 and 2", "Neither 1 nor 2"]);
    assert!(index.statements(Style::Count, &two, &mut rng).is_none());
    assert!(index.pairs(&two, &mut rng).is_none());
}

/// An acronym's false expansion never fits its letters ("NAVCENT stands for Defense
/// Innovation Unit"): acronyms make no statement of a set and no pair.
#[test]
fn acronyms_make_no_statement_and_no_pair() {
    let lib = library(&[MOCK, TERMS]);
    for c in generated(&lib) {
        for p in &c.parts {
            let fact = lib.fact(&p.card.deck, &p.card.fact).unwrap();
            assert_ne!(fact.kind, FactKind::Acronym, "{}", p.text);
        }
    }
    assert!(generated(&library(&[MOCK])).is_empty());
}

/// What a set must never do: name a false statement's own subject in its false answer, put
/// two facts that speak of each other in one set, vary a count its sentence lists, or take a
/// description from another topic.
#[test]
fn a_set_never_refutes_itself() {
    let deck = r#"Deck(id: "n", title: "Nuclear", facts: [
        Fact(id: "npcil", kind: Acronym, cue: "NPCIL", answer: "Nuclear Power Corporation of India Limited", topic: "nuclear"),
        Fact(id: "npcil-org", kind: Organization, cue: "The Nuclear Power Corporation of India Limited", answer: "Westinghouse's Indian partner for six nuclear power plants", topic: "nuclear"),
        Fact(id: "westinghouse", kind: Organization, cue: "The Westinghouse Electric Company", answer: "NPCIL's partner for six nuclear power plants in India", topic: "nuclear"),
        Fact(id: "aerb", kind: Organization, cue: "The Atomic Energy Regulatory Board", answer: "the regulator of India's nuclear power plants", topic: "nuclear"),
        Fact(id: "dae", kind: Organization, cue: "The Department of Atomic Energy", answer: "the ministry-level department over NPCIL", topic: "nuclear"),
        Fact(id: "caatsa-count", kind: Number, cue: "countries CAATSA sanctioned", answer: "three", topic: "sanctions",
             cloze: ["CAATSA imposed sanctions on {three} countries: Iran, North Korea and Russia."]),
        Fact(id: "caatsa-year", kind: Number, cue: "sections of CAATSA", answer: "2", topic: "sanctions",
             cloze: ["The post names {2} sections of CAATSA."]),
        Fact(id: "ofac-count", kind: Number, cue: "countries on the list", answer: "4", topic: "sanctions",
             cloze: ["The list names {4} countries."]),
        Fact(id: "privacy", kind: Statement, cue: "What was India insecure about regarding COMCASA?", answer: "Privacy", topic: "defence",
             cloze: ["Despite COMCASA's benefits, India was insecure about {privacy}."]),
        Fact(id: "diu", kind: Statement, cue: "Which unit signed the Memorandum of Intent?", answer: "Defense Innovation Unit", topic: "defence",
             cloze: ["The {Defense Innovation Unit} signed the Memorandum of Intent."]),
        Fact(id: "provider", kind: Statement, cue: "What will India be in the region?", answer: "Net security provider", topic: "region",
             cloze: ["India will be a {net security provider} in the region."]),
    ])"#;
    let lib = library(&[deck]);
    let all = generated(&lib);
    assert!(!all.is_empty());
    for c in &all {
        let subjects: Vec<&Fact> =
            c.parts.iter().map(|p| lib.fact(&p.card.deck, &p.card.fact).unwrap()).collect();
        // The Westinghouse and NPCIL facts name each other: never in one set.
        let ids: Vec<&str> = subjects.iter().map(|f| f.id.as_str()).collect();
        assert!(!(ids.contains(&"npcil-org") && ids.contains(&"westinghouse")), "{ids:?}");
        for p in &c.parts {
            assert!(!p.text.contains("Limited is NPCIL"), "{}", p.text);
            assert!(!p.text.contains("Company is Westinghouse"), "{}", p.text);
            // The sentence lists three countries: only "three" can stand in it.
            if p.fact == "caatsa-count" {
                assert!(p.truth, "{}", p.text);
            }
            assert!(!p.text.contains("insecure about net security"), "{}", p.text);
            assert!(!p.text.contains("insecure about Defense"), "{}", p.text);
        }
    }
}

#[test]
fn option_wording_follows_the_exam() {
    assert_eq!(coded_text(&[0, 2], 3), "1 and 3 only");
    assert_eq!(coded_text(&[0, 1, 2], 3), "1, 2 and 3");
    assert_eq!(coded_text(&[1], 3), "2 only");
    assert_eq!(coded_text(&[0, 1, 2], 4), "1, 2 and 3 only");
    let (options, _, correct) = count_options(&[true, false, true], "").unwrap();
    assert_eq!(options, ["Only one", "Only two", "All three", "None"]);
    assert_eq!(correct, 1);
    let (options, _, _) = count_options(&[true, false, true, true], "pairs").unwrap();
    assert_eq!(options, ["Only one pair", "Only two pairs", "Only three pairs", "All four pairs"]);
    assert!(count_options(&[false; 4], "pairs").is_none());
}

#[test]
fn what_an_answer_says_about_each_fact() {
    let truths = [true, false, true];
    // A coded option says which statements the learner holds correct: "1 and 2 only" judges
    // 1 rightly, 2 wrongly (it is false), 3 wrongly (it is true).
    assert_eq!(judgements(&Claim::Set(vec![0, 1]), &truths), Some(vec![true, false, false]));
    assert_eq!(judgements(&Claim::Set(vec![0, 2]), &truths), Some(vec![true, true, true]));
    // "All three" and "None" name every statement's truth.
    assert_eq!(judgements(&Claim::Count(3), &truths), Some(vec![true, false, true]));
    assert_eq!(judgements(&Claim::Count(0), &truths), Some(vec![false, true, false]));
    // The right count: every statement judged rightly.
    assert_eq!(judgements(&Claim::Count(2), &truths), Some(vec![true, true, true]));
    // A wrong "Only one": which mistake was made is unknown, so no review.
    assert_eq!(judgements(&Claim::Count(1), &truths), None);
}

#[test]
fn no_statement_of_a_set_is_a_question_with_its_answer() {
    // The bundled deck has Statement facts ("Which two ministers … meet?"): a lone true/false
    // may pair such a question with an answer, a numbered statement of a set may not.
    const BUNDLED: &str = include_str!("../../../decks/india-us-2plus2.ron");
    let lib = library(&[BUNDLED, QUIZ]);
    let all = generated(&lib);
    let sets: Vec<&Composite> = all.iter().filter(|c| c.format == Format::Statements).collect();
    assert!(sets.len() > 40, "only {} statement sets", sets.len());
    for c in sets {
        for p in &c.parts {
            assert!(!p.text.contains('?') && !p.text.contains(" — "), "{}", p.text);
        }
    }
}
