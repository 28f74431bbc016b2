//! The measure of question quality (issue 14): generates every multiple-choice option set and
//! true/false statement over the question corpus (`tests/fixtures/corpus/`, five decks of plain
//! facts written the way a learner writes them) and the bundled deck, with fixed seeds, and
//! classifies each as a teacher would:
//!
//! - **mixed type**: an option of another [`AnswerType`] than the right one (`The Eighth
//!   Schedule` among articles), or a number varied inside a description (`1760 water-sharing
//!   treaty …`);
//! - **give-away**: one option alone shares a distinctive word with the question, or alone
//!   differs in case or article, or a cloze blank's article disagrees with its options;
//! - **second right answer**: a wrong option (or the false statement's value) that another
//!   fact makes true for the same cue, or a place that contains the right place;
//! - **false "true"**: a statement marked True that the fact does not make true (a Date cue
//!   that is not an event: "… originally scheduled took place in July 2018").
//!
//! The classifier is independent of the generator's own filters (it reads only the question,
//! the fact and the library), and is itself tested on known-bad sets so that it cannot pass by
//! finding nothing. Run `cargo test --lib quiz::quality -- --nocapture` for the counts.

use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::path::Path;

use super::answer_type::{self, AnswerType};
use super::*;
use crate::deck::{Loaded, load_source};

/// What is wrong with a generated question.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Flaw {
    MixedType,
    GiveAway,
    SecondRightAnswer,
    FalseTrue,
}

/// Facts by their normalised cue (and question), for "is this option also true?".
struct Truths {
    by_cue: HashMap<String, Vec<String>>,
    /// Every answer of the library: an option that is one was not made up.
    answers: std::collections::HashSet<String>,
}

impl Truths {
    fn new(library: &Library) -> Truths {
        let mut by_cue: HashMap<String, Vec<String>> = HashMap::new();
        for (_, f) in library.facts() {
            let answers = by_cue.entry(normalize::key(&f.cue)).or_default();
            answers.push(normalize::key(&f.answer));
            answers.extend(f.accept.iter().map(|a| normalize::key(a)));
        }
        let answers = library.facts().map(|(_, f)| normalize::key(&f.answer)).collect();
        Truths { by_cue, answers }
    }

    /// Does some fact with `fact`'s cue have `option` as an answer, or is `option` a place
    /// that contains `right`?
    fn also_true(&self, fact: &Fact, right: &str, option: &str) -> bool {
        let key = normalize::key(option);
        if self.by_cue.get(&normalize::key(&fact.cue)).is_some_and(|a| a.contains(&key)) {
            return true;
        }
        let (Some(inner), Some(outer)) = (answer_type::place(right), answer_type::place(option))
        else {
            return false;
        };
        inner.within == outer.name
            || answer_type::place(inner.within).is_some_and(|p| p.within == outer.name)
    }
}

const STOP: &[&str] = &[
    "which", "what", "when", "where", "whom", "whose", "that", "this", "these", "those", "with",
    "from", "into", "their", "there", "they", "them", "have", "been", "were", "does", "under",
    "about", "after", "before", "over", "than", "then", "also", "only", "other", "india", "indian",
    "first", "take", "took", "place", "made", "make", "known", "called", "stand", "stands", "many",
    "much", "each", "between",
];

fn distinctive_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .map(|w| w.to_lowercase())
        .filter(|w| w.chars().count() >= 4 && !STOP.contains(&w.as_str()))
        .map(|w| w.strip_suffix('s').map(str::to_owned).unwrap_or(w))
        .collect()
}

/// The coarse class options must agree on: a type with a sibling set is its own class, a
/// list is a class, every other text is one class (persons, offices, bodies and names are
/// too alike in form to tell apart without the fact).
fn class(fact: &Fact, option: &str, right: &str) -> String {
    let ty =
        if option == right { AnswerType::of_answer(fact) } else { AnswerType::of_text(option) };
    let ty = if option != right && ty != AnswerType::of_answer(fact) {
        // A Statement's wording types its right answer ("Which city …" → city even when the
        // city is not in the built-in list); a distractor of the same form is as good.
        let right_by_text = AnswerType::of_text(right);
        if ty == right_by_text { AnswerType::of_answer(fact) } else { ty }
    } else {
        ty
    };
    let right_is_list = AnswerType::of_answer(fact) == AnswerType::Members;
    match ty {
        t if t.has_siblings() => t.name().to_owned(),
        AnswerType::Members if right_is_list => "list".to_owned(),
        _ => "text".to_owned(),
    }
}

fn starts_with_article(s: &str) -> bool {
    let lower = s.trim().to_lowercase();
    let first = lower.split_whitespace().next().unwrap_or("");
    ["the ", "a ", "an "].iter().any(|a| lower.starts_with(a))
        || (first.ends_with("'s") || first.ends_with("’s")) && lower.split_whitespace().count() > 1
}

fn first_upper(s: &str) -> bool {
    s.trim().chars().next().is_some_and(char::is_uppercase)
}

/// Digits removed: two options equal but for their numbers are one description varied.
fn without_digits(s: &str) -> String {
    s.chars().filter(|c| !c.is_ascii_digit()).collect()
}

/// Is exactly one of the values different from all the others (with at least three)?
fn odd_one_out<T: PartialEq>(values: &[T]) -> bool {
    if values.len() < 3 {
        return false;
    }
    (0..values.len()).any(|i| {
        let mut others = values.iter().enumerate().filter(|(j, _)| *j != i).map(|x| x.1);
        let first = others.next();
        first.is_some_and(|f| *f != values[i] && others.all(|o| o == f))
    })
}

/// The flaws of a multiple-choice option set.
fn option_set_flaws(fact: &Fact, q: &Question, truths: &Truths) -> Vec<Flaw> {
    let mut flaws = Vec::new();
    let Some(correct) = q.correct else { return flaws };
    let right = q.options[correct].as_str();
    // Only forward questions ask for the answer; reverse and cloze options are typed by text.
    let forward = q.card.direction == Direction::Forward && right == fact.answer.trim();
    let classes: Vec<String> = q
        .options
        .iter()
        .map(|o| {
            if forward {
                class(fact, o, right)
            } else {
                let t = AnswerType::of_text(o);
                if t.has_siblings() { t.name().to_owned() } else { "text".to_owned() }
            }
        })
        .collect();
    let made_up = |o: &str| !truths.answers.contains(&normalize::key(o));
    let numbers_varied = q.options.iter().enumerate().any(|(i, a)| {
        q.options[i + 1..].iter().any(|b| {
            !AnswerType::of_text(a).has_siblings()
                && a.chars().any(|c| c.is_ascii_digit())
                && without_digits(a) == without_digits(b)
                && (made_up(a) || made_up(b))
        })
    });
    if classes.iter().any(|c| *c != classes[correct]) || numbers_varied {
        flaws.push(Flaw::MixedType);
    }
    // Give-aways: the words of the question, less the cloze blank itself.
    let prompt_words = distinctive_words(&q.prompt);
    let sharing: Vec<bool> = q
        .options
        .iter()
        .map(|o| distinctive_words(o).iter().any(|w| prompt_words.contains(w)))
        .collect();
    let alone = sharing.iter().filter(|s| **s).count() == 1 && q.options.len() >= 3;
    let cases: Vec<bool> = q.options.iter().map(|o| first_upper(o)).collect();
    let articles: Vec<bool> = q.options.iter().map(|o| starts_with_article(o)).collect();
    let article_matters =
        !matches!(classes[correct].as_str(), "country" | "state or province" | "city" | "list");
    // `the United States` among `India` and `Japan` is how the names are written.
    let mut give_away = alone || article_matters && (odd_one_out(&cases) || odd_one_out(&articles));
    // A cloze blank after an article: the options must fit it.
    if let Some((before, _)) = q.prompt.split_once("____") {
        let last = before.split_whitespace().last().unwrap_or("").to_lowercase();
        if last == "the" && articles.iter().any(|a| *a) {
            give_away = true;
        }
        if last == "a" || last == "an" {
            let fits: Vec<bool> = q
                .options
                .iter()
                .map(|o| {
                    let vowel =
                        o.trim().starts_with(['a', 'e', 'i', 'o', 'u', 'A', 'E', 'I', 'O', 'U']);
                    vowel == (last == "an")
                })
                .collect();
            if fits.iter().any(|f| !f) {
                give_away = true;
            }
        }
    }
    if give_away {
        flaws.push(Flaw::GiveAway);
    }
    if forward
        && q.options
            .iter()
            .enumerate()
            .any(|(i, o)| i != correct && truths.also_true(fact, right, o))
    {
        flaws.push(Flaw::SecondRightAnswer);
    }
    flaws
}

/// Cue words that make a Date fact something other than an event that took place.
const NOT_EVENTS: &[&str] = &["scheduled", "planned", "proposed", "postponed", "originally", "due"];

/// The flaws of a true/false statement, given the distractor it was built from when false.
fn statement_flaws(fact: &Fact, q: &Question, wrong: Option<&str>, truths: &Truths) -> Vec<Flaw> {
    let mut flaws = Vec::new();
    if q.correct == Some(0) {
        let cue = fact.cue.to_lowercase();
        if fact.kind == FactKind::Date
            && fact.question.is_none()
            && NOT_EVENTS.iter().any(|w| cue.split_whitespace().any(|x| x == *w))
            && q.prompt.contains("took place")
        {
            flaws.push(Flaw::FalseTrue);
        }
    } else if let Some(wrong) = wrong {
        if truths.also_true(fact, fact.answer.trim(), wrong) {
            flaws.push(Flaw::SecondRightAnswer);
        }
        if AnswerType::of_text(wrong).has_siblings()
            && AnswerType::of_text(wrong) != AnswerType::of_answer(fact)
        {
            flaws.push(Flaw::MixedType);
        }
    }
    flaws
}

fn library_of(files: &[(&str, &str)]) -> Library {
    let mut loaded = Loaded::default();
    for (path, text) in files {
        load_source(Path::new(path), text, &mut loaded);
    }
    assert!(!loaded.has_errors(), "{}", loaded.render(false));
    loaded.library
}

fn corpus() -> Library {
    library_of(&[
        ("polity.ron", include_str!("../../tests/fixtures/corpus/polity.ron")),
        ("economy.ron", include_str!("../../tests/fixtures/corpus/economy.ron")),
        ("geography.ron", include_str!("../../tests/fixtures/corpus/geography.ron")),
        ("history.ron", include_str!("../../tests/fixtures/corpus/history.ron")),
        ("science.ron", include_str!("../../tests/fixtures/corpus/science.ron")),
        ("india-us-2plus2.ron", include_str!("../../decks/india-us-2plus2.ron")),
    ])
}

/// The false statement's value, recovered from the prompt: the template with each candidate
/// value is compared with what was shown.
fn false_value(
    pool: &Pool<'_>,
    deck: &Deck,
    fact: &Fact,
    q: &Question,
    seed: u64,
) -> Option<String> {
    let options = QuizOptions { round: seed, ..QuizOptions::default() };
    let mut mc_rng = seeded_rng(seed, &q.card, QuestionKind::MultipleChoice);
    let mc = ask(
        pool,
        deck,
        fact,
        Direction::Forward,
        QuestionKind::MultipleChoice,
        &options,
        &mut mc_rng,
    );
    mc.options.into_iter().find(|o| templates::statement(fact, o).as_ref() == Some(&q.prompt))
}

/// Every option set and statement of the corpus, classified: (questions, flaws by kind,
/// examples).
fn measure(library: &Library, seeds: &[u64]) -> (usize, BTreeMap<Flaw, usize>, Vec<String>) {
    let pool = Pool::new(library);
    let truths = Truths::new(library);
    let mut total = 0;
    let mut bad: BTreeMap<Flaw, usize> = BTreeMap::new();
    let mut examples = Vec::new();
    for &seed in seeds {
        let options = QuizOptions { round: seed, ..QuizOptions::default() };
        for (deck, fact) in library.facts() {
            for (_, q) in questions(&pool, deck, fact, &options, seed) {
                let flaws = if q.kind == QuestionKind::TrueFalse {
                    let wrong = (q.correct == Some(1))
                        .then(|| false_value(&pool, deck, fact, &q, seed))
                        .flatten();
                    statement_flaws(fact, &q, wrong.as_deref(), &truths)
                } else if !q.options.is_empty() {
                    option_set_flaws(fact, &q, &truths)
                } else {
                    continue;
                };
                total += 1;
                let mut flaws = flaws;
                flaws.dedup();
                // A question counts once, under its first flaw.
                if let Some(first) = flaws.first() {
                    *bad.entry(*first).or_default() += 1;
                    if examples.len() < 400 {
                        examples.push(format!(
                            "{flaws:?} {} · {}\n  {}\n  {:?}",
                            q.card, q.kind, q.prompt, q.options
                        ));
                    }
                }
            }
        }
    }
    (total, bad, examples)
}

/// The seeds the measure runs with (three rounds of every question).
const SEEDS: [u64; 3] = [0, 1, 2];

#[test]
fn every_generated_question_of_the_corpus_is_fair() {
    let library = corpus();
    let (total, bad, examples) = measure(&library, &SEEDS);
    let flawed: usize = bad.values().sum();
    // Shown with `-- --nocapture`: the figures BENCHMARKS.md reports.
    let mut out = crate::out::stdout();
    let _ = writeln!(
        out,
        "{flawed} of {total} generated questions flawed ({:.1}%): {bad:?}",
        100.0 * flawed as f64 / total.max(1) as f64
    );
    for e in &examples {
        let _ = writeln!(out, "{e}");
    }
    assert!(total > 1500, "the corpus generates option sets and statements: {total}");
    assert_eq!(flawed, 0, "flawed questions (see above)");
}

fn mc(fact: &Fact, prompt: &str, options: &[&str], correct: usize) -> Question {
    Question {
        card: CardKey::new(DeckId::new("d").unwrap(), fact.id.clone(), Direction::Forward),
        kind: QuestionKind::MultipleChoice,
        prompt: prompt.to_owned(),
        options: options.iter().map(|o| (*o).to_owned()).collect(),
        correct: Some(correct),
        answer: options[correct].to_owned(),
        accepted: vec![options[correct].to_owned()],
        unordered: false,
        person: false,
        explain: None,
        source: None,
        topic: None,
    }
}

#[test]
fn the_classifier_finds_the_flaws_seen_in_issue_14() {
    let statement = |id: &str, cue: &str, answer: &str| {
        Fact::new(FactId::new(id).unwrap(), FactKind::Statement, cue, answer)
    };
    let article = statement(
        "a21",
        "Which Article of the Constitution protects life and personal liberty?",
        "Article 21",
    );
    let venue = statement("venue", "Where was the inaugural 2+2 to be held?", "Washington DC");
    let venue_country =
        statement("venue-country", "Where was the inaugural 2+2 to be held?", "the United States");
    let term = Fact::new(
        FactId::new("t").unwrap(),
        FactKind::Term,
        "2+2 dialogue",
        "A dialogue mechanism between two countries",
    );
    let library = library_of(&[]);
    let mut truths = Truths::new(&library);
    assert!(truths.answers.is_empty());
    truths
        .by_cue
        .insert(normalize::key(&venue_country.cue), vec![normalize::key(&venue_country.answer)]);
    let flaws = |f: &Fact, q: &Question| option_set_flaws(f, q, &truths);

    // Mixed types.
    let q = mc(
        &article,
        &article.cue,
        &["Article 21", "Article 17", "The Eighth Schedule", "The United States"],
        0,
    );
    assert!(flaws(&article, &q).contains(&Flaw::MixedType));
    let good =
        mc(&article, &article.cue, &["Article 21", "Article 17", "Article 19", "Article 32"], 0);
    assert_eq!(flaws(&article, &good), vec![]);
    let treaty = Fact::new(
        FactId::new("iwt").unwrap(),
        FactKind::Agreement,
        "the Indus Waters Treaty",
        "1960 water-sharing treaty between India and Pakistan",
    );
    let q = mc(
        &treaty,
        "What is the Indus Waters Treaty?",
        &[
            "1760 water-sharing treaty between India and Pakistan",
            "1960 water-sharing treaty between India and Pakistan",
            "A defence pact",
        ],
        1,
    );
    assert!(flaws(&treaty, &q).contains(&Flaw::MixedType));
    // Give-aways: one option alone shares a word with the question; one lower-case option.
    let q = mc(
        &term,
        "What is 2+2 dialogue?",
        &[
            "A dialogue mechanism between two countries",
            "A treaty on trade",
            "An agreement on logistics",
        ],
        0,
    );
    assert!(flaws(&term, &q).contains(&Flaw::GiveAway));
    let q = mc(
        &term,
        "What is 2+2 dialogue?",
        &["A mechanism between two countries", "A treaty on trade", "an agreement on logistics"],
        0,
    );
    assert!(flaws(&term, &q).contains(&Flaw::GiveAway));
    let q = mc(
        &term,
        "What is 2+2?",
        &[
            "A mechanism between two countries",
            "The treaty on trade",
            "An agreement on logistics",
            "A pact",
        ],
        0,
    );
    assert_eq!(flaws(&term, &q), vec![]);
    // Cloze: a doubled article, an article that fits one option only.
    let mut q = mc(
        &term,
        "Talks were held in the ____ region.",
        &["the United States", "Japan", "France"],
        1,
    );
    q.card.direction = Direction::Cloze(1);
    assert!(flaws(&term, &q).contains(&Flaw::GiveAway));
    let mut q =
        mc(&term, "It is an ____ between two countries.", &["agreement", "treaty", "pact"], 0);
    q.card.direction = Direction::Cloze(1);
    assert!(flaws(&term, &q).contains(&Flaw::GiveAway));
    // A second right answer: another fact's answer for the same cue; a place that contains
    // the right place.
    let q = mc(&venue, &venue.cue, &["Washington DC", "the United States", "Tokyo"], 0);
    assert!(flaws(&venue, &q).contains(&Flaw::SecondRightAnswer));
    let empty = Truths::new(&library);
    assert!(option_set_flaws(&venue, &q, &empty).contains(&Flaw::SecondRightAnswer), "contains");
    let q = mc(&venue, &venue.cue, &["Washington DC", "Tokyo", "London"], 0);
    assert_eq!(option_set_flaws(&venue, &q, &empty), vec![]);

    // A false "true" statement; a false statement that is true.
    let date = Fact::new(
        FactId::new("d").unwrap(),
        FactKind::Date,
        "the inaugural India–US 2+2 dialogue originally scheduled",
        "July 2018",
    );
    let mut q = mc(
        &date,
        "The inaugural India–US 2+2 dialogue originally scheduled took place in July 2018.",
        &["True", "False"],
        0,
    );
    q.kind = QuestionKind::TrueFalse;
    assert_eq!(statement_flaws(&date, &q, None, &empty), vec![Flaw::FalseTrue]);
    let mut q = mc(
        &venue,
        "Where was the inaugural 2+2 to be held? — the United States",
        &["True", "False"],
        1,
    );
    q.kind = QuestionKind::TrueFalse;
    assert!(
        statement_flaws(&venue, &q, Some("the United States"), &empty)
            .contains(&Flaw::SecondRightAnswer)
    );
}

/// Each corpus deck alone, as `recall check decks/polity.ron` loads it.
fn corpus_decks() -> Vec<Library> {
    corpus().decks.into_iter().map(|file| Library { decks: vec![file] }).collect()
}

#[test]
fn recall_check_says_the_same_of_a_deck_alone_and_with_the_library() {
    let messages = |library: &Library| -> BTreeMap<String, Vec<String>> {
        let mut by_fact: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for w in lint(library) {
            by_fact.entry(format!("{}/{}", w.deck, w.fact)).or_default().push(w.message);
        }
        by_fact
    };
    let whole = messages(&corpus());
    let mut alone = BTreeMap::new();
    for deck in corpus_decks() {
        alone.extend(messages(&deck));
    }
    assert!(!whole.is_empty(), "the corpus has facts that fall back");
    assert_eq!(whole, alone);
}

#[test]
fn options_of_an_open_type_come_from_the_facts_own_deck() {
    let library = corpus();
    let pool = Pool::new(&library);
    let mut checked = 0;
    for (deck, fact) in library.facts() {
        let ty = AnswerType::of_answer(fact);
        if !ty.is_open() {
            continue;
        }
        let own: Vec<String> = deck.facts.iter().map(|f| normalize::key(&f.answer)).collect();
        for round in 0..3 {
            let options = QuizOptions { round, ..QuizOptions::default() };
            let mut rng = seeded_rng(
                round,
                &CardKey::new(deck.id.clone(), fact.id.clone(), Direction::Forward),
                QuestionKind::MultipleChoice,
            );
            let q = ask(
                &pool,
                deck,
                fact,
                Direction::Forward,
                QuestionKind::MultipleChoice,
                &options,
                &mut rng,
            );
            // Or made from the right answer with the deck's words (see `plausible`): one word
            // of an expansion, one member of a list changed.
            let made = |o: &str| {
                let changed = |a: Vec<&str>, b: Vec<&str>| {
                    a.len() == b.len() && a.iter().filter(|x| !b.contains(x)).count() == 1
                };
                plausible::spells(&fact.cue, o)
                    || match (plausible::members(o, true), plausible::members(&fact.answer, true)) {
                        (Some(a), Some(b)) => changed(a, b),
                        _ => false,
                    }
            };
            for o in &q.options {
                assert!(
                    own.contains(&normalize::key(o)) || made(o),
                    "{o:?} for {}/{}",
                    deck.id,
                    fact.id
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 200, "{checked}");
}

#[test]
fn typed_sets_articles_schedules_amendments_and_countries() {
    let library = corpus();
    let pool = Pool::new(&library);
    for (id, ty) in [
        ("article-constitution-protects-life-personal", AnswerType::Article),
        ("schedule-constitution-lists-official-languages", AnswerType::Schedule),
        ("amendment-known-as-mini-constitution", AnswerType::Amendment),
        ("country-constitution-were-directive-principles", AnswerType::Country),
        ("city-reserve-bank-india-headquartered", AnswerType::City),
        ("state-has-longest-coastline-india", AnswerType::State),
    ] {
        let (deck, fact) =
            library.facts().find(|(_, f)| f.id.as_str() == id).unwrap_or_else(|| panic!("{id}"));
        assert_eq!(pool.answer_type(pool.position(deck, fact).unwrap()), Some(ty), "{id}");
        for round in 0..4 {
            let options = QuizOptions { round, ..QuizOptions::default() };
            let q = ask(
                &pool,
                deck,
                fact,
                Direction::Forward,
                QuestionKind::MultipleChoice,
                &options,
                &mut seeded_rng(
                    round,
                    &CardKey::new(deck.id.clone(), fact.id.clone(), Direction::Forward),
                    QuestionKind::MultipleChoice,
                ),
            );
            assert_eq!(q.options.len(), 4, "{id}: {q:?}");
            for o in &q.options {
                assert_eq!(AnswerType::of_text(o), ty, "{o:?} for {id}");
            }
        }
    }
}

#[test]
fn the_pool_tells_certainly_false_swaps() {
    let library = corpus();
    let pool = Pool::new(&library);
    let (deck, fact) = library
        .facts()
        .find(|(_, f)| f.id.as_str() == "article-constitution-protects-life-personal")
        .unwrap();
    assert!(pool.certainly_false(deck, fact, "Article 19"));
    // The answer itself, and an option of another type, are not false swaps.
    assert!(!pool.certainly_false(deck, fact, "Article 21"));
    assert!(!pool.certainly_false(deck, fact, "the Eighth Schedule"));
    // Another fact with the same cue makes its answer true.
    let twice = library_of(&[(
        "twice.ron",
        r#"Deck(id: "twice", title: "Twice", facts: [
            Fact(id: "a", kind: Statement, cue: "Who signed the treaty?", answer: "Jawaharlal Nehru"),
            Fact(id: "b", kind: Statement, cue: "Who signed the treaty?", answer: "Zhou Enlai"),
            Fact(id: "c", kind: Statement, cue: "Who led the delegation?", answer: "Liaquat Ali Khan"),
        ])"#,
    )]);
    let pool = Pool::new(&twice);
    let (deck, a) = twice.facts().next().unwrap();
    assert!(!pool.certainly_false(deck, a, "Zhou Enlai"));
    assert!(pool.certainly_false(deck, a, "Liaquat Ali Khan"));
    let q = ask(
        &pool,
        deck,
        a,
        Direction::Forward,
        QuestionKind::MultipleChoice,
        &QuizOptions { choices: 2, round: 0 },
        &mut seeded_rng(
            0,
            &CardKey::new(deck.id.clone(), a.id.clone(), Direction::Forward),
            QuestionKind::MultipleChoice,
        ),
    );
    assert!(!q.options.iter().any(|o| o == "Zhou Enlai"), "{q:?}");
}
