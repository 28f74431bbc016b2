//! Assembling a paper: which facts are asked, drawn at random but weighted.
//!
//! Weighting, so that a mock exam spends its questions where they teach most:
//! - a fact whose predicted recall now is low weighs more: weight `1 − recall`, at least
//!   [`MIN_WEIGHT`] so that well-known facts still turn up now and then; a fact never studied
//!   has no prediction and weighs 1, like a forgotten one;
//! - a fact whose topic the paper does not cover yet weighs [`NEW_TOPIC_FACTOR`] times more,
//!   so a paper spreads over the syllabus instead of piling onto one weak topic.
//!
//! Facts are drawn one at a time without replacement (no fact twice); each drawn fact is turned
//! into a question by the caller, and a fact that cannot make a fair four-option question is
//! dropped and another drawn. Everything depends only on the seeded generator passed in.

use rand::{Rng, RngExt};
use serde::{Deserialize, Serialize};

use crate::deck::{Deck, Fact, QuestionKind};
use crate::ids::{CardKey, Direction};
use crate::quiz::composite::{Claim, Composite, Format, Part};
use crate::quiz::{self, Pool, QuizOptions};
use crate::text;

/// The weight of a fact the learner is sure to recall.
pub const MIN_WEIGHT: f64 = 0.05;
/// How much more a fact weighs while its topic is not yet on the paper.
pub const NEW_TOPIC_FACTOR: f64 = 3.0;
/// Options of every exam question.
pub const OPTIONS: usize = 4;
/// The exam's pattern: the share of a paper's questions that are statement sets (half with
/// coded options, half "how many"), as in recent prelims papers where most questions are.
pub const STATEMENT_SHARE: f64 = 0.4;
/// The share that are matched pairs.
pub const PAIRS_SHARE: f64 = 0.15;

/// How many statement sets (coded, how many) and pairs a paper of `n` questions asks in the
/// exam's pattern; the rest are direct questions.
pub fn pattern(n: usize) -> (usize, usize, usize) {
    let statements = (n as f64 * STATEMENT_SHARE).round() as usize;
    let pairs = (n as f64 * PAIRS_SHARE).round() as usize;
    let coded = statements.div_ceil(2);
    (coded, statements - coded, pairs.min(n - statements.min(n)))
}

/// One fact that may go on the paper.
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate {
    pub topic: Option<String>,
    /// Predicted probability of recalling the fact now; `None` if never studied.
    pub recall: Option<f64>,
}

impl Candidate {
    fn weight(&self) -> f64 {
        match self.recall {
            Some(r) if r.is_finite() => (1.0 - r).clamp(MIN_WEIGHT, 1.0),
            _ => 1.0,
        }
    }
}

/// Fewer usable facts than questions asked for.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "only {usable} of the {facts} facts chosen can make a four-option question, fewer than the {wanted} asked for; try --questions {usable}"
)]
pub struct NotEnough {
    pub wanted: usize,
    pub usable: usize,
    pub facts: usize,
}

/// Draws `n` questions: candidates chosen by weight without replacement, each passed to `make`,
/// which returns its question or `None` if the fact cannot make one (it is then dropped). Fails
/// with [`NotEnough`] (saying how many are usable) when the candidates run out first.
pub fn assemble<Q, R: Rng + ?Sized>(
    candidates: &[Candidate],
    n: usize,
    rng: &mut R,
    mut make: impl FnMut(usize) -> Option<Q>,
) -> Result<Vec<Q>, NotEnough> {
    // Candidates grouped by topic, so a draw walks the topics and then one topic's facts
    // instead of every fact (a 100-question paper from 100,000 facts: 100 walks of a few
    // hundred topics, not 100 walks of 100,000 facts). The two-stage draw gives each fact the
    // same chance as one draw over all of them: its weight over the total.
    let mut topics: Vec<Option<&str>> = Vec::new();
    let mut members: Vec<Vec<usize>> = Vec::new();
    let mut index: std::collections::HashMap<Option<&str>, usize> = Default::default();
    for (i, c) in candidates.iter().enumerate() {
        let t = *index.entry(c.topic.as_deref()).or_insert_with(|| {
            topics.push(c.topic.as_deref());
            members.push(Vec::new());
            topics.len() - 1
        });
        members[t].push(i);
    }
    let mut weights: Vec<f64> = candidates.iter().map(Candidate::weight).collect();
    let sum = |m: &[usize], w: &[f64]| m.iter().map(|i| w[*i]).sum::<f64>();
    let mut topic_weight: Vec<f64> = members.iter().map(|m| sum(m, &weights)).collect();
    let mut covered = vec![false; topics.len()];
    let mut left = candidates.len();
    let mut paper = Vec::with_capacity(n);
    while paper.len() < n && left > 0 {
        let factor = |t: usize| if covered[t] { 1.0 } else { NEW_TOPIC_FACTOR };
        let total: f64 = topic_weight.iter().enumerate().map(|(t, w)| w * factor(t)).sum();
        let mut point = rng.random::<f64>() * total;
        // The last topic (and fact) still in play is the fallback when rounding leaves
        // `point` past the end.
        let mut topic = None;
        for (t, w) in topic_weight.iter().enumerate() {
            if *w <= 0.0 {
                continue;
            }
            topic = Some(t);
            let e = w * factor(t);
            if point < e {
                break;
            }
            point -= e;
        }
        let Some(t) = topic else { break };
        let mut point = point / factor(t);
        let mut pick = None;
        for &i in &members[t] {
            if weights[i] <= 0.0 {
                continue;
            }
            pick = Some(i);
            if point < weights[i] {
                break;
            }
            point -= weights[i];
        }
        let Some(i) = pick else { break };
        weights[i] = 0.0;
        topic_weight[t] = sum(&members[t], &weights);
        left -= 1;
        if let Some(q) = make(i) {
            covered[t] = true;
            paper.push(q);
        }
    }
    if paper.len() < n {
        return Err(NotEnough { wanted: n, usable: paper.len(), facts: candidates.len() });
    }
    Ok(paper)
}

/// One question of a paper, as saved with the paper (so a paper cut off by a crash can be
/// marked later even if the deck changed since).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaperQuestion {
    /// The card asked (stored as `deck/fact/direction`).
    pub card: CardKey,
    /// The question kind's slug (`multiple-choice`, or `reverse` for a reverse card).
    pub kind: String,
    pub prompt: String,
    pub options: Vec<String>,
    /// Index of the right option.
    pub correct: usize,
    /// The right answer as shown in the review.
    pub answer: String,
    pub explain: Option<String>,
    pub source: Option<String>,
    pub topic: Option<String>,
    /// Direct (one fact), or a statement set or matched pairs ([`crate::quiz::composite`]); papers saved
    /// before formats existed read as direct.
    #[serde(default, skip_serializing_if = "is_direct")]
    pub format: Format,
    /// A composite question's statements or pairs, each with its truth, fact and card.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<Part>,
    /// What each option of a composite question says (which statements are correct, or how
    /// many), in option order: what the chosen option reveals of each judgement.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub claims: Vec<Claim>,
}

fn is_direct(format: &Format) -> bool {
    *format == Format::Direct
}

impl PaperQuestion {
    /// A statement set or matched pairs as a paper question. Its `card` is its first part's,
    /// which names the question's deck; the reviews it gives are the parts' own.
    /// `None` for a composite without parts (generation never makes one).
    pub fn composite(c: Composite) -> Option<PaperQuestion> {
        let answer = c.answer().to_owned();
        let card = c.parts.first()?.card.clone();
        Some(PaperQuestion {
            card,
            kind: c.format.slug().to_owned(),
            prompt: c.prompt,
            options: c.options,
            correct: c.correct,
            answer,
            explain: None,
            source: None,
            topic: c.topic,
            format: c.format,
            parts: c.parts,
            claims: c.claims,
        })
    }

    /// The prompt wrapped to `width`, line by line: numbered statements, `Statement-I:` and
    /// `Statement-II:` each start a line and wrap under their own text, as on the paper's
    /// screen.
    pub fn wrapped_prompt(&self, width: usize) -> Vec<String> {
        crate::text::wrap::wrap_lines(
            &self.prompt,
            width,
            "",
            crate::deck::authored::hanging_indent,
        )
    }
}

impl PaperQuestion {
    /// Option `i` as the exam prints it: `(b) 1 and 3 only`. An authored question's options
    /// are kept with their letters; they are not lettered twice.
    pub fn lettered(&self, i: usize) -> String {
        lettered(i, self.options.get(i).map_or("", String::as_str))
    }

    /// The right answer as the exam prints it: its option's letter and text.
    pub fn lettered_answer(&self) -> String {
        lettered(self.correct, &self.answer)
    }
}

/// `(letter) text` for option `i`, the text's own `(letter) ` label dropped first.
pub fn lettered(i: usize, text: &str) -> String {
    let letter = crate::deck::option_letter(i);
    let own = format!("({letter}) ");
    format!("({letter}) {}", text.strip_prefix(own.as_str()).unwrap_or(text))
}

impl PaperQuestion {
    /// The question as the screen and the review print it: the deck's text with its control
    /// characters written out ([`text::printable()`]); marking keeps using the question itself.
    pub fn printable(&self) -> PaperQuestion {
        let owned = |s: &str| text::printable(s).into_owned();
        PaperQuestion {
            prompt: owned(&self.prompt),
            options: self.options.iter().map(|s| owned(s)).collect(),
            answer: owned(&self.answer),
            explain: self.explain.as_deref().map(owned),
            source: self.source.as_deref().map(owned),
            topic: self.topic.as_deref().map(owned),
            ..self.clone()
        }
    }
}

/// A four-option question of the fact: its forward card as multiple choice, or else its
/// reverse card as multiple choice of cues; `None` if neither gets four options. Options and
/// distractors depend only on the card and `seed` ([`quiz::seeded_rng`]).
pub fn question_for(pool: &Pool<'_>, deck: &Deck, fact: &Fact, seed: u64) -> Option<PaperQuestion> {
    let options = QuizOptions { choices: OPTIONS, round: seed };
    let directions = quiz::cards(fact);
    for direction in [Direction::Forward, Direction::Reverse] {
        if !directions.contains(&direction) {
            continue;
        }
        let card = CardKey::new(deck.id.clone(), fact.id.clone(), direction);
        let kind = QuestionKind::MultipleChoice;
        let mut rng = quiz::seeded_rng(seed, &card, kind);
        let q = quiz::ask(pool, deck, fact, direction, kind, &options, &mut rng);
        if let Some(correct) = q.correct
            && q.options.len() == OPTIONS
        {
            return Some(PaperQuestion {
                card: q.card,
                kind: q.kind.slug().to_owned(),
                prompt: q.prompt,
                options: q.options,
                correct,
                answer: q.answer,
                explain: q.explain,
                source: q.source,
                topic: q.topic,
                format: if fact.is_authored() { Format::Authored } else { Format::Direct },
                parts: Vec::new(),
                claims: Vec::new(),
            });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    fn rng(seed: u64) -> rand::rngs::StdRng {
        rand::rngs::StdRng::seed_from_u64(seed)
    }

    fn cand(topic: &str, recall: Option<f64>) -> Candidate {
        Candidate { topic: Some(topic.into()), recall }
    }

    /// The review after a paper wraps an assertion-and-reason question as the paper did:
    /// `Statement-I:`'s second line under its text, not at the margin.
    #[test]
    fn the_review_wraps_statements_under_their_labels() {
        let q = PaperQuestion {
            card: "d/f/forward".parse().unwrap(),
            kind: "authored".into(),
            prompt: "Consider the following statements:\nStatement-I: The inaugural India–US 2+2 dialogue was postponed.\n1. It facilitates the exchange of secure communications.".into(),
            options: vec!["a".into(), "b".into()],
            correct: 0,
            answer: "a".into(),
            explain: None,
            source: None,
            topic: None,
            format: Default::default(),
            parts: Vec::new(),
            claims: Vec::new(),
        };
        assert_eq!(
            q.wrapped_prompt(40),
            [
                "Consider the following statements:",
                "Statement-I: The inaugural India–US 2+2",
                "             dialogue was postponed.",
                "1. It facilitates the exchange of secure",
                "   communications.",
            ]
        );
    }

    #[test]
    fn questions_have_four_options_with_the_answer_among_them() {
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/exam/deck.ron");
        let library = crate::deck::load_paths(&[path]).library;
        let pool = Pool::new(&library);
        let (deck, fact) = library.facts().next().unwrap();
        let q = question_for(&pool, deck, fact, 9).unwrap();
        assert_eq!(q.card.to_string(), "mock/comcasa/forward");
        assert_eq!(q.options.len(), OPTIONS);
        assert_eq!(q.options[q.correct], "Communications Compatibility and Security Agreement");
        assert_eq!(q.answer, q.options[q.correct]);
        assert_eq!(q.topic.as_deref(), Some("defence"));
        // Seeded: the same seed, the same question.
        assert_eq!(question_for(&pool, deck, fact, 9), Some(q));
        // A lone fact has no distractors: no question.
        let mut alone = library.clone();
        alone.decks[0].deck.facts.truncate(1);
        let pool = Pool::new(&alone);
        let (deck, fact) = alone.facts().next().unwrap();
        assert_eq!(question_for(&pool, deck, fact, 9), None);
    }

    #[test]
    fn no_fact_twice_and_seeded() {
        let c: Vec<Candidate> = (0..20).map(|i| cand(&format!("t{}", i % 4), None)).collect();
        let a = assemble(&c, 20, &mut rng(7), Some).unwrap();
        let mut sorted = a.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), 20);
        assert_eq!(assemble(&c, 10, &mut rng(7), Some).unwrap(), a[..10]);
        assert_ne!(assemble(&c, 10, &mut rng(8), Some).unwrap(), a[..10]);
    }

    #[test]
    fn unusable_facts_are_skipped_and_too_few_says_the_maximum() {
        let c: Vec<Candidate> = (0..10).map(|_| cand("t", None)).collect();
        let odd = |i: usize| (i % 2 == 1).then_some(i);
        let paper = assemble(&c, 5, &mut rng(1), odd).unwrap();
        assert!(paper.iter().all(|i| i % 2 == 1));
        let err = assemble(&c, 6, &mut rng(1), odd).unwrap_err();
        assert_eq!(err, NotEnough { wanted: 6, usable: 5, facts: 10 });
        assert_eq!(
            err.to_string(),
            "only 5 of the 10 facts chosen can make a four-option question, fewer than the 6 asked for; try --questions 5"
        );
    }

    #[test]
    fn weak_facts_come_first_more_often() {
        // Half the facts well known (recall 0.95), half weak (0.2), one topic.
        let c: Vec<Candidate> =
            (0..40).map(|i| cand("t", Some(if i < 20 { 0.95 } else { 0.2 }))).collect();
        let mut weak = 0;
        for seed in 0..200 {
            let first = assemble(&c, 1, &mut rng(seed), Some).unwrap()[0];
            weak += usize::from(first >= 20);
        }
        // Expected share 0.8 / (0.8 + 0.05) = 94 %.
        assert!(weak > 170, "weak facts first in {weak} of 200 papers");
    }

    #[test]
    fn uncovered_topics_are_preferred() {
        // 30 facts of topic a, 3 of b; all equally weak. The second question of a paper that
        // began with `a` is `b` with odds 3×3 / (29 + 9) ≈ 24 % instead of 3/32 ≈ 9 %.
        let mut c: Vec<Candidate> = (0..30).map(|_| cand("a", None)).collect();
        c.extend((0..3).map(|_| cand("b", None)));
        let mut with_b = 0;
        for seed in 0..400 {
            let paper = assemble(&c, 4, &mut rng(seed), Some).unwrap();
            with_b += usize::from(paper.iter().any(|i| *i >= 30));
        }
        // Without the topic factor about 1 − C(30,4)/C(33,4) ≈ 33 % of papers hold a `b` fact;
        // with it, well over half.
        assert!(with_b > 220, "{with_b} of 400 papers cover both topics");
    }
}
