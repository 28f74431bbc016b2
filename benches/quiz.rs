//! Question generation speed: builds a library of 100,000 facts in memory (all ten fact kinds,
//! 200 topics, cloze statements on one fact in ten), then times building the distractor pool,
//! generating every question of every card, and the multiple-choice lint.
//!
//! Run: `cargo bench --bench quiz` (release). Goal: all questions for 100,000 facts in under
//! one second. Optional argument: the number of facts.
//!
//! Then the same for a library that repeats answers: the bundled deck's facts copied under new
//! ids into 100 decks of 13 copies each (97,500 facts, every answer 1,300 times), the library
//! of issue 14. The lint (what `recall check` adds to loading) and the questions should cost
//! about what they cost for unique facts.

// A benchmark program: ids built from known-good patterns.
#![allow(clippy::unwrap_used)]

use std::time::Instant;

use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};
use recall::deck::{Deck, DeckFile, Fact, FactKind, Library, QuestionKind};
use recall::ids::{CardKey, DeckId, Direction, FactId};
use recall::quiz::{self, Pool, QuizOptions};

const WORDS: &[&str] = &[
    "strategic",
    "defence",
    "maritime",
    "security",
    "trade",
    "energy",
    "space",
    "nuclear",
    "cyber",
    "climate",
    "health",
    "digital",
    "logistics",
    "communications",
    "technology",
    "exchange",
    "cooperation",
    "framework",
    "partnership",
    "innovation",
    "supply",
    "chain",
    "critical",
    "minerals",
    "semiconductor",
    "education",
    "agriculture",
    "finance",
];
const ENDINGS: &[&str] =
    &["Agreement", "Initiative", "Dialogue", "Framework", "Partnership", "Council"];
const PLACES: &[&str] = &[
    "New Delhi",
    "Washington, D.C.",
    "Tokyo",
    "Canberra",
    "Mumbai",
    "Chennai",
    "Honolulu",
    "Singapore",
    "Jakarta",
    "Colombo",
    "Malé",
    "Dhaka",
    "Kathmandu",
    "Hanoi",
];
const COUNTRIES: &[&str] = &[
    "India",
    "Japan",
    "Australia",
    "the United States",
    "France",
    "Israel",
    "the UAE",
    "Indonesia",
    "Brazil",
    "South Africa",
    "Russia",
    "China",
    "Saudi Arabia",
    "Germany",
];
const NAMES: &[&str] =
    &["Sushma", "Nirmala", "Rajnath", "Mike", "Jim", "Antony", "Lloyd", "Subrahmanyam"];
const SURNAMES: &[&str] =
    &["Swaraj", "Sitharaman", "Singh", "Pompeo", "Mattis", "Blinken", "Austin", "Jaishankar"];

fn pick<'a>(rng: &mut StdRng, from: &[&'a str]) -> &'a str {
    from[rng.random_range(0..from.len())]
}

fn title(word: &str) -> String {
    let mut c = word.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

fn words(rng: &mut StdRng, n: usize) -> Vec<&'static str> {
    (0..n).map(|_| pick(rng, WORDS)).collect()
}

fn make_fact(i: usize, rng: &mut StdRng) -> Fact {
    let kind = FactKind::ALL[i % FactKind::ALL.len()];
    let (cue, answer) = match kind {
        FactKind::Acronym => {
            let n = rng.random_range(3..6);
            let mut w: Vec<String> = words(rng, n).into_iter().map(title).collect();
            w.push(pick(rng, ENDINGS).to_owned());
            let cue: String =
                w.iter().filter_map(|x| x.chars().next()).collect::<String>() + &i.to_string();
            (cue.to_uppercase(), w.join(" "))
        }
        FactKind::Term | FactKind::Agreement | FactKind::Organization => {
            let n = rng.random_range(6..12);
            (format!("{} {}", title(pick(rng, WORDS)), i), format!("a {}", words(rng, n).join(" ")))
        }
        FactKind::Person => (
            format!("the {} minister at meeting {i}", pick(rng, WORDS)),
            format!("{} {}", pick(rng, NAMES), pick(rng, SURNAMES)),
        ),
        FactKind::Place => (format!("the venue of meeting {i}"), pick(rng, PLACES).to_owned()),
        FactKind::Date => {
            let year = rng.random_range(1947..2026);
            let answer = if rng.random_bool(0.7) {
                year.to_string()
            } else {
                format!(
                    "{} {year}",
                    ["March", "June", "September", "December"][rng.random_range(0..4)]
                )
            };
            (format!("the {} summit number {i}", pick(rng, WORDS)), answer)
        }
        FactKind::Number => {
            let v: u32 = rng.random_range(1..100_000);
            (format!("{} projects in programme {i}", pick(rng, WORDS)), v.to_string())
        }
        FactKind::Group => {
            let n = rng.random_range(3..6);
            let mut members: Vec<&str> = (0..n).map(|_| pick(rng, COUNTRIES)).collect();
            members.dedup();
            let last = members.pop().unwrap_or("India");
            (format!("grouping {i}"), format!("{} and {last}", members.join(", ")))
        }
        FactKind::Statement => (
            format!("Why does policy {i} matter?"),
            format!("because it {}", words(rng, 5).join(" ")),
        ),
    };
    let cloze = if i.is_multiple_of(10) {
        vec![format!("In notes {i}, {{{cue}}} is linked to {{{answer}}}.")]
    } else {
        vec![]
    };
    Fact {
        id: FactId::new(format!("f{i}")).unwrap(),
        kind,
        cue,
        answer,
        accept: vec![],
        topic: Some(format!("topic {}", rng.random_range(0..200))),
        tags: vec![pick(rng, WORDS).to_owned()],
        explain: None,
        source: None,
        cloze,
        question: None,
        reverse: None,
        skip: vec![],
        authored: None,
    }
}

fn library(n: usize) -> Library {
    let mut rng = StdRng::seed_from_u64(2026);
    let decks = 10;
    let mut lib = Library::default();
    for d in 0..decks {
        let facts = (d..n).step_by(decks).map(|i| make_fact(i, &mut rng)).collect();
        lib.decks.push(DeckFile {
            path: format!("bench-{d}.ron").into(),
            deck: Deck {
                id: DeckId::new(format!("bench-{d}")).unwrap(),
                title: format!("Bench {d}"),
                about: None,
                source: None,
                exam: None,
                facts,
            },
        });
    }
    lib
}

/// Repetitions per measurement; the best is reported.
const RUNS: usize = 3;

fn main() {
    let n: usize = std::env::args().skip(1).find_map(|a| a.parse().ok()).unwrap_or(100_000);
    let t = Instant::now();
    let lib = library(n);
    println!("built {} facts in memory      {:>8.1} ms", lib.fact_count(), ms(t));

    // Each measurement is the best of RUNS: the machine is shared, and the best run is the one
    // least disturbed by other processes.
    let mut pool_ms = f64::MAX;
    for _ in 0..RUNS {
        let t = Instant::now();
        let pool = Pool::new(&lib);
        pool_ms = pool_ms.min(ms(t));
        std::hint::black_box(&pool);
    }
    println!("distractor pool               {pool_ms:>8.1} ms");

    let pool = Pool::new(&lib);
    let options = QuizOptions::default();
    let mut gen_ms = f64::MAX;
    let cards: usize = lib.facts().map(|(_, f)| quiz::cards(f).len()).sum();
    let (mut questions, mut fallbacks) = (0usize, 0usize);
    for _ in 0..RUNS {
        let t = Instant::now();
        (questions, fallbacks) = (0, 0);
        for (deck, fact) in lib.facts() {
            for (requested, q) in quiz::questions(&pool, deck, fact, &options, 1) {
                questions += 1;
                fallbacks += usize::from(requested != q.kind);
                std::hint::black_box(&q);
            }
        }
        gen_ms = gen_ms.min(ms(t));
    }
    println!(
        "all questions                 {gen_ms:>8.1} ms  ({questions} questions, {cards} cards, {fallbacks} fallbacks, {:.2} µs/question)",
        gen_ms * 1000.0 / questions.max(1) as f64
    );
    println!("pool + all questions          {:>8.1} ms", pool_ms + gen_ms);

    // The share of distractor work: the same cards as flashcards only.
    let mut flash_ms = f64::MAX;
    for _ in 0..RUNS {
        let t = Instant::now();
        let mut rng = StdRng::seed_from_u64(1);
        for (deck, fact) in lib.facts() {
            for direction in quiz::cards(fact) {
                let q = quiz::ask(
                    &pool,
                    deck,
                    fact,
                    direction,
                    QuestionKind::Flashcard,
                    &options,
                    &mut rng,
                );
                std::hint::black_box(&q);
            }
        }
        flash_ms = flash_ms.min(ms(t));
    }
    println!("flashcards only (baseline)    {flash_ms:>8.1} ms");

    // Where the time goes: one pass timing each question by card direction and kind.
    let mut per: std::collections::BTreeMap<String, (f64, usize)> = Default::default();
    for (deck, fact) in lib.facts() {
        for direction in quiz::cards(fact) {
            let dir = match direction {
                Direction::Cloze(_) => "cloze".to_owned(),
                d => d.to_string(),
            };
            for kind in quiz::kinds_for(fact, direction) {
                let card = CardKey::new(deck.id.clone(), fact.id.clone(), direction);
                let t = Instant::now();
                let mut rng = quiz::seeded_rng(1, &card, kind);
                let q = quiz::ask(&pool, deck, fact, direction, kind, &options, &mut rng);
                let entry = per.entry(format!("{dir} {kind}")).or_default();
                entry.0 += ms(t);
                entry.1 += 1;
                std::hint::black_box(q);
            }
        }
    }
    for (what, (total, n)) in per {
        println!("  {what:26} {total:8.1} ms  {n:>7} × {:.2} µs", total * 1000.0 / n as f64);
    }

    let t = Instant::now();
    let warnings = quiz::lint(&lib);
    println!("lint                          {:>8.1} ms  ({} warnings)", ms(t), warnings.len());

    repeated();
}

/// The bundled deck's facts repeated: 100 decks × 13 copies.
fn repeated_library() -> Library {
    let mut loaded = recall::deck::Loaded::default();
    let path = std::path::Path::new("decks/india-us-2plus2.ron");
    recall::deck::load_source(path, include_str!("../decks/india-us-2plus2.ron"), &mut loaded);
    let source = loaded.library.decks.remove(0).deck;
    let mut lib = Library::default();
    for d in 0..100 {
        let mut facts = Vec::with_capacity(13 * source.facts.len());
        for k in 0..13 {
            for fact in &source.facts {
                let mut fact = fact.clone();
                fact.id = FactId::new(format!("{}-{d}-{k}", fact.id.as_str())).unwrap();
                facts.push(fact);
            }
        }
        lib.decks.push(DeckFile {
            path: format!("repeat-{d}.ron").into(),
            deck: Deck { id: DeckId::new(format!("repeat-{d}")).unwrap(), facts, ..source.clone() },
        });
    }
    lib
}

fn repeated() {
    let lib = repeated_library();
    println!("\nrepeated answers: {} facts (the bundled deck, 1,300 copies)", lib.fact_count());
    let mut pool_ms = f64::MAX;
    for _ in 0..RUNS {
        let t = Instant::now();
        std::hint::black_box(Pool::new(&lib));
        pool_ms = pool_ms.min(ms(t));
    }
    println!("distractor pool               {pool_ms:>8.1} ms");
    let pool = Pool::new(&lib);
    let options = QuizOptions::default();
    let t = Instant::now();
    let mut questions = 0usize;
    for (deck, fact) in lib.facts() {
        for (_, q) in quiz::questions(&pool, deck, fact, &options, 1) {
            questions += 1;
            std::hint::black_box(&q);
        }
    }
    println!("all questions                 {:>8.1} ms  ({questions} questions)", ms(t));
    let mut lint_ms = f64::MAX;
    let mut warnings = 0;
    for _ in 0..RUNS {
        let t = Instant::now();
        warnings = quiz::lint(&lib).len();
        lint_ms = lint_ms.min(ms(t));
    }
    println!("lint                          {lint_ms:>8.1} ms  ({warnings} warnings)");
}

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1000.0
}
