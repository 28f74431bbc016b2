//! The give-away measure (brief dog3): over the bundled decks and every deck of
//! `tests/fixtures/`, counts the multiple-choice questions a student could answer without
//! knowing anything, because one option stands out from the others:
//!
//! - **few**: fewer than four options (the exam always has four);
//! - **type**: an option of another sort than the right one: a list among single answers (or
//!   the reverse), a list whose members are of another class (groupings or activities among
//!   countries), an expansion whose initials cannot spell the acronym, an infinitive of
//!   purpose (`To maintain …`) among noun phrases (or the reverse);
//! - **count**: a list option with another number of members than the right one;
//! - **length**: an option under a third or over three times the right one's words.
//!
//! The classifier reads only the question and the fact, not the generator's filters. Run
//! `cargo test --lib quiz::giveaway -- --nocapture` for the figures.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use super::answer_type::AnswerType;
use super::*;
use crate::deck::{Loaded, load_source};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum GiveAway {
    Few,
    Type,
    Count,
    Length,
}

fn words(s: &str) -> usize {
    s.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).count().max(1)
}

/// The sort of a list member: a type with a sibling set (country, state, city) by name, else
/// "other".
fn member_class(member: &str) -> &'static str {
    let ty = AnswerType::of_text(member);
    if ty.has_siblings() { ty.name() } else { "other" }
}

fn members(s: &str) -> Option<Vec<String>> {
    let ranges = normalize::member_ranges(s);
    normalize::is_list(s).then(|| ranges.into_iter().map(|r| s[r].to_owned()).collect())
}

use super::plausible::spells;

/// Is the cue an acronym (a single upper-case word of two letters or more)?
fn is_acronym(cue: &str) -> bool {
    let cue = cue.trim();
    !cue.contains(char::is_whitespace)
        && cue.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && cue.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase)
}

fn purpose(s: &str) -> bool {
    s.split_whitespace().next().is_some_and(|w| w.eq_ignore_ascii_case("to"))
}

/// What gives a multiple-choice question away.
fn give_aways(fact: &Fact, q: &Question) -> Vec<GiveAway> {
    let mut out = Vec::new();
    let Some(correct) = q.correct else { return out };
    let right = q.options[correct].as_str();
    if q.options.len() < 4 {
        out.push(GiveAway::Few);
    }
    let wrong = || q.options.iter().enumerate().filter(|(i, _)| *i != correct).map(|(_, o)| o);
    let forward = q.card.direction == Direction::Forward && right == fact.answer.trim();
    // Lists are compared where the right answer is one (a description may have commas).
    let right_members = if forward && AnswerType::of_answer(fact) == AnswerType::Members {
        members(right)
    } else {
        None
    };
    let mut ty = false;
    let mut count = false;
    for o in wrong() {
        match (&right_members, members(o)) {
            (Some(r), Some(m)) => {
                let mut a: Vec<&str> = r.iter().map(|x| member_class(x)).collect();
                let mut b: Vec<&str> = m.iter().map(|x| member_class(x)).collect();
                a.sort_unstable();
                a.dedup();
                b.sort_unstable();
                b.dedup();
                ty |= a != b;
                count |= r.len() != m.len();
            }
            (Some(_), None) => ty = true,
            (None, _) => {}
        }
        ty |= purpose(right) != purpose(o);
    }
    // An expansion among expansions: the acronym's letters must be readable off each.
    if forward
        && fact.kind == FactKind::Acronym
        && is_acronym(&fact.cue)
        && spells(&fact.cue, right)
    {
        ty |= wrong().any(|o| !spells(&fact.cue, o));
    }
    if ty {
        out.push(GiveAway::Type);
    }
    if count {
        out.push(GiveAway::Count);
    }
    let n = words(right);
    if wrong().any(|o| 3 * words(o) < n || words(o) > 3 * n) {
        out.push(GiveAway::Length);
    }
    out
}

/// The libraries measured: the bundled decks together, and each fixture deck alone.
fn libraries() -> Vec<(String, Library)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    let mut bundled = Loaded::default();
    let mut fixtures = Vec::new();
    for dir in ["decks", "tests/fixtures"] {
        let mut stack = vec![root.join(dir)];
        while let Some(d) = stack.pop() {
            let Ok(entries) = std::fs::read_dir(&d) else { continue };
            let mut entries: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
            entries.sort();
            for path in entries {
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "ron") {
                    let text = std::fs::read_to_string(&path).unwrap_or_default();
                    if dir == "decks" {
                        load_source(&path, &text, &mut bundled);
                    } else {
                        fixtures.push((path, text));
                    }
                }
            }
        }
    }
    out.push(("decks".to_owned(), bundled.library));
    for (path, text) in fixtures {
        let mut loaded = Loaded::default();
        load_source(&path, &text, &mut loaded);
        // Fixtures of broken decks are for the loader's messages.
        if !loaded.has_errors() {
            let name = path.strip_prefix(root).unwrap_or(&path).display().to_string();
            out.push((name, loaded.library));
        }
    }
    out
}

/// (multiple-choice questions, questions with a give-away by its first kind, examples).
fn measure(seeds: &[u64]) -> (usize, BTreeMap<GiveAway, usize>, Vec<String>) {
    let mut total = 0;
    let mut bad: BTreeMap<GiveAway, usize> = BTreeMap::new();
    let mut examples = Vec::new();
    for (name, library) in libraries() {
        let pool = Pool::new(&library);
        for &seed in seeds {
            let options = QuizOptions { round: seed, ..QuizOptions::default() };
            for (deck, fact) in library.facts() {
                for (_, q) in questions(&pool, deck, fact, &options, seed) {
                    if q.options.is_empty()
                        || matches!(q.kind, QuestionKind::TrueFalse | QuestionKind::Authored)
                    {
                        continue;
                    }
                    total += 1;
                    let mut flaws = give_aways(fact, &q);
                    // An author who left multiple choice as the fact's only kind gets the
                    // deck's best options, alike or not.
                    if fact.skip.contains(&QuestionKind::Typed)
                        && fact.skip.contains(&QuestionKind::Flashcard)
                    {
                        flaws.retain(|f| *f == GiveAway::Few);
                    }
                    if let Some(first) = flaws.first() {
                        *bad.entry(*first).or_default() += 1;
                        examples.push(format!(
                            "{flaws:?} {name} {} · {}\n  {}\n  {:?}",
                            q.card, q.kind, q.prompt, q.options
                        ));
                    }
                }
            }
        }
    }
    (total, bad, examples)
}

#[test]
fn the_give_away_measure() {
    let (total, bad, examples) = measure(&[0, 1, 2]);
    let flawed: usize = bad.values().sum();
    let mut out = crate::out::stdout();
    for e in &examples {
        let _ = writeln!(out, "{e}");
    }
    let _ = writeln!(
        out,
        "{flawed} of {total} multiple-choice questions with a give-away ({:.1}%): {bad:?}",
        100.0 * flawed as f64 / total.max(1) as f64
    );
    assert!(total > 1000, "{total}");
    // Fewer than four options remain where a deck has too few plausible ones; nothing else.
    assert_eq!(flawed, bad.get(&GiveAway::Few).copied().unwrap_or(0), "{bad:?}");
}

#[test]
fn the_classifier_sees_the_give_aways_of_the_brief() {
    let fact =
        |kind, cue: &str, answer: &str| Fact::new(FactId::new("f").unwrap(), kind, cue, answer);
    let q = |f: &Fact, options: &[&str]| Question {
        card: CardKey::new(DeckId::new("d").unwrap(), f.id.clone(), Direction::Forward),
        kind: QuestionKind::MultipleChoice,
        prompt: f.cue.clone(),
        options: options.iter().map(|o| (*o).to_owned()).collect(),
        correct: Some(0),
        answer: options[0].to_owned(),
        accepted: vec![],
        unordered: false,
        person: false,
        explain: None,
        source: None,
        topic: None,
    };
    let partners = fact(
        FactKind::Statement,
        "With which four countries does Japan use the 2+2?",
        "US, France, Russia and Australia",
    );
    let bad = q(
        &partners,
        &[
            "US, France, Russia and Australia",
            "Iran, North Korea and Russia",
            "Australia Group, Wassenaar Arrangement and MTCR",
            "Japan, China, India and Brazil",
        ],
    );
    assert_eq!(give_aways(&partners, &bad), vec![GiveAway::Type, GiveAway::Count]);
    let good = q(
        &partners,
        &[
            "US, France, Russia and Australia",
            "US, France, China and Australia",
            "UK, France, Russia and Australia",
            "US, Germany, Russia and Canada",
        ],
    );
    assert_eq!(give_aways(&partners, &good), vec![]);
    let comcasa =
        fact(FactKind::Acronym, "COMCASA", "Communications Compatibility and Security Agreement");
    assert!(spells("COMCASA", &comcasa.answer));
    assert!(spells("BECA", "Basic Exchange and Cooperation Agreement"));
    assert!(!spells("COMCASA", "Defense Innovation Unit"));
    let bad = q(
        &comcasa,
        &[
            "Communications Compatibility and Security Agreement",
            "Defense Innovation Unit",
            "Industrial Security Annex",
            "Naval Forces Central Command",
        ],
    );
    assert_eq!(give_aways(&comcasa, &bad), vec![GiveAway::Type]);
    let purpose = fact(FactKind::Statement, "Why?", "To maintain regular communication");
    let bad = q(
        &purpose,
        &["To maintain regular communication", "Unavoidable reasons", "Mutually agreed outcomes"],
    );
    assert_eq!(give_aways(&purpose, &bad), vec![GiveAway::Few, GiveAway::Type]);
    let what = fact(
        FactKind::Statement,
        "What does COMCASA do?",
        "Secure communications between the two militaries and sale of encrypted systems",
    );
    let bad = q(&what, &[&what.answer, "Privacy", "Joint exercises at sea", "Trade in arms"]);
    assert_eq!(give_aways(&what, &bad), vec![GiveAway::Length]);
}
