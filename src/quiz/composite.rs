//! Questions in the exam's own format, made from several facts at once: statement sets
//! ("Consider the following statements: … Which of the statements given above are correct?")
//! and matched pairs ("Consider the following pairs: … How many of the pairs given above are
//! correctly matched?").
//!
//! Pure like the rest of the quiz layer: [`Index::new`] indexes a library once (which facts
//! may share a set, and every fact's accepted answers by cue); [`Index::statements`] and
//! [`Index::pairs`] build one question from a seeded generator passed in.
//!
//! What makes a set fair:
//! - **From one deck and topic**: 2–4 facts for a statement set (any kinds), 3–4 facts of one
//!   kind for pairs, each fact at most once (no two statements on the same fact, nor on the
//!   same cue).
//! - **A false statement is certainly false**: the fact's cue with another fact's answer of the
//!   same kind and answer type (see [`AnswerType`]) from the same deck, kept only when no fact
//!   of the library with that cue accepts that answer. (Issue 14 plans the same check as a
//!   `Pool` API; this is the narrow version a set needs until it lands.)
//! - **No give-away inside a set**: every answer shown in a set is different, so a false
//!   statement never reuses the answer another statement of the set pairs with its own cue.
//! - **Four options, exactly one right**: the coded options ("1 and 3 only") are four
//!   different sets of statement numbers including the true one; the "how many" options are
//!   four different counts including the true one.
//!
//! What an answer says about each fact ([`judgements`]): a coded option names which statements
//! the learner holds correct, so each fact is judged right or wrong on its own. A count only
//! says that much when it leaves no doubt: "All three" and "None" name every statement's truth,
//! and the right count is taken as every statement judged rightly (the exam gives it the full
//! mark). A wrong "Only one" or "Only two" could come from any of several mistakes, so its
//! facts get no review rather than a guessed one.

use std::collections::{HashMap, HashSet};

use rand::seq::SliceRandom;
use rand::{Rng, RngExt, SeedableRng};
use serde::{Deserialize, Serialize};

use super::answer_type::AnswerType;
use super::{normalize, templates};
use crate::deck::{Deck, Fact, FactKind, Library};
use crate::ids::{CardKey, DeckId, Direction};

/// Options of every composite question, as in the exam.
pub const OPTIONS: usize = 4;
/// A pair's right-hand side is at most this many words: a matched pair is read at a glance.
pub const MAX_PAIR_WORDS: usize = 12;

/// The format of a question, for statistics by format.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum Format {
    /// One fact asked directly (multiple choice, typed, …).
    #[default]
    Direct,
    /// A statement set.
    Statements,
    /// Matched pairs.
    Pairs,
    /// A question written by a person (a deck's authored question).
    Authored,
}

impl Format {
    pub const ALL: [Format; 4] =
        [Format::Direct, Format::Statements, Format::Pairs, Format::Authored];

    /// The name in JSON, on the command line and in tables.
    pub fn slug(self) -> &'static str {
        match self {
            Format::Direct => "direct",
            Format::Statements => "statements",
            Format::Pairs => "pairs",
            Format::Authored => "authored",
        }
    }
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.slug())
    }
}

/// How the options of a composite question are worded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Style {
    /// Sets of statement numbers: "1 and 3 only", "1, 2 and 3".
    Coded,
    /// How many are correct: "Only one", "Only two", "All three", "None".
    Count,
}

/// What one option says: which statements are correct, or how many.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Claim {
    /// The 0-based positions of the statements the option holds correct.
    Set(Vec<usize>),
    /// The number of statements (or pairs) the option holds correct.
    Count(usize),
}

/// One statement or pair of a composite question.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Part {
    /// The statement as shown (for a pair: `left — right`).
    pub text: String,
    /// A pair's two sides; absent for a statement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub left: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub right: Option<String>,
    /// Whether the statement is correct (the pair correctly matched).
    #[serde(rename = "true")]
    pub truth: bool,
    /// The fact it came from (`fact-id`), and its forward card, which its review moves.
    pub fact: String,
    pub card: CardKey,
    /// For a false one: the statement made true (the fact's own answer).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub correction: Option<String>,
    /// The fact's explanation: why it is so.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explain: Option<String>,
}

/// A statement set or a matched-pairs question.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Composite {
    pub format: Format,
    pub style: Style,
    pub deck: DeckId,
    pub topic: Option<String>,
    /// The whole question as printed: the lead-in, the numbered parts and the question.
    pub prompt: String,
    pub parts: Vec<Part>,
    pub options: Vec<String>,
    /// What each option says, in option order.
    pub claims: Vec<Claim>,
    /// The index of the right option.
    pub correct: usize,
}

impl Composite {
    /// The right option's text.
    pub fn answer(&self) -> &str {
        self.options.get(self.correct).map_or("", String::as_str)
    }

    /// The truth of each part, in order.
    pub fn truths(&self) -> Vec<bool> {
        self.parts.iter().map(|p| p.truth).collect()
    }
}

/// What choosing `claim` says about each part: `Some(right)` per part (did the learner judge
/// that statement rightly) when the option reveals it, `None` when it does not (see the module
/// documentation for the rule).
pub fn judgements(claim: &Claim, truths: &[bool]) -> Option<Vec<bool>> {
    match claim {
        Claim::Set(held) => {
            Some(truths.iter().enumerate().map(|(i, t)| held.contains(&i) == *t).collect())
        }
        Claim::Count(k) => {
            let actual = truths.iter().filter(|t| **t).count();
            if *k == truths.len() {
                Some(truths.to_vec())
            } else if *k == 0 {
                Some(truths.iter().map(|t| !t).collect())
            } else if *k == actual {
                Some(vec![true; truths.len()])
            } else {
                None
            }
        }
    }
}

/// Facts that may share a set: one deck, one topic.
#[derive(Debug)]
struct Group<'a> {
    deck: &'a Deck,
    facts: Vec<&'a Fact>,
}

/// The library indexed for composite questions. Build it once; questions are cheap.
#[derive(Debug)]
pub struct Index<'a> {
    groups: Vec<Group<'a>>,
    /// Every fact's accepted answer keys, by its cue key: what the library holds true.
    truths: HashMap<String, Vec<String>>,
    /// The facts of each deck by kind and answer type: where false answers come from.
    swaps: HashMap<(&'a str, FactKind, AnswerType), Vec<Swap<'a>>>,
    /// Other names of a thing, by key: an acronym's expansion and the expansion's acronym
    /// ("npcil" ↔ "nuclear power corporation of india limited"), so that a false statement
    /// about NPCIL never reads "… is NPCIL's partner".
    aliases: HashMap<String, Vec<String>>,
}

/// A fact whose answer may make another fact's statement false, with what the check needs
/// computed once.
#[derive(Debug)]
struct Swap<'a> {
    fact: &'a Fact,
    key: String,
    form: u8,
}

/// The keys of a fact's answer and every `accept`.
fn accepted_keys(fact: &Fact) -> Vec<String> {
    std::iter::once(&fact.answer).chain(&fact.accept).map(|a| normalize::key(a)).collect()
}

impl<'a> Index<'a> {
    pub fn new(library: &'a Library) -> Index<'a> {
        let mut groups: Vec<Group<'a>> = Vec::new();
        let mut at: HashMap<(&str, &str), usize> = HashMap::new();
        let mut truths: HashMap<String, Vec<String>> = HashMap::new();
        let mut swaps: HashMap<(&str, FactKind, AnswerType), Vec<Swap<'a>>> = HashMap::new();
        let mut aliases: HashMap<String, Vec<String>> = HashMap::new();
        // Authored questions are not facts: they never make or feed a generated question.
        for (deck, fact) in library.facts().filter(|(_, f)| !f.is_authored()) {
            truths.entry(normalize::key(&fact.cue)).or_default().extend(accepted_keys(fact));
            if fact.kind == FactKind::Acronym {
                let (short, long) = (normalize::key(&fact.cue), normalize::key(&fact.answer));
                aliases.entry(short.clone()).or_default().push(long.clone());
                aliases.entry(long).or_default().push(short);
            }
            swaps
                .entry((deck.id.as_str(), fact.kind, AnswerType::of_answer(fact)))
                .or_default()
                .push(Swap {
                    fact,
                    key: normalize::key(&fact.answer),
                    form: super::shape::Form::of(&fact.answer).class(),
                });
            // A fact that must never be a true/false statement is never one of a set either.
            if fact.skip.contains(&crate::deck::QuestionKind::TrueFalse) {
                continue;
            }
            let Some(topic) = fact.topic.as_deref() else { continue };
            let g = *at.entry((deck.id.as_str(), topic)).or_insert_with(|| {
                groups.push(Group { deck, facts: Vec::new() });
                groups.len() - 1
            });
            groups[g].facts.push(fact);
        }
        Index { groups, truths, swaps, aliases }
    }

    /// The answers that make `fact` certainly false: same deck, kind and answer type, not
    /// accepted by any fact of the library with this cue, none in `taken`; from the same topic
    /// when it has any.
    fn false_answers(
        &self,
        deck: &Deck,
        fact: &Fact,
        taken: &HashSet<String>,
        said: bool,
    ) -> Vec<(&'a Fact, String)> {
        let key = (deck.id.as_str(), fact.kind, AnswerType::of_answer(fact));
        let Some(siblings) = self.swaps.get(&key) else { return Vec::new() };
        let form = super::shape::Form::of(&fact.answer).class();
        let mut same_topic = Vec::new();
        let mut other = Vec::new();
        let holds = self.truths.get(&normalize::key(&fact.cue));
        if gives_its_count_away(fact) {
            return Vec::new();
        }
        let names = self.names_of(&fact.cue);
        for s in siblings {
            if s.fact.id == fact.id
                || s.form != form
                || taken.contains(&s.key)
                || holds.is_some_and(|keys| keys.contains(&s.key))
                // "The Nuclear Power Corporation of India Limited is NPCIL's partner" is false
                // by reading alone: a false answer never names the statement's own subject.
                || names.iter().any(|n| mentions(&s.key, n))
                // In a statement set the false answer must make a sentence too.
                || (said && templates::sentence(fact, s.fact.answer.trim()).is_none())
            {
                continue;
            }
            let text = as_written(s.fact);
            let found = (s.fact, text);
            if s.fact.topic == fact.topic { same_topic.push(found) } else { other.push(found) }
        }
        // Another topic's answer reads as out of place: only when the topic has none, and
        // never a description or a name ("India was insecure about net security provider").
        if !same_topic.is_empty() {
            same_topic
        } else if key.2.is_open() {
            Vec::new()
        } else {
            other
        }
    }

    /// The keys a thing goes by: its own, for an acronym or its expansion the other, and the
    /// proper words of its name ("westinghouse" for "The Westinghouse Electric Company", which
    /// another fact calls "Westinghouse's partner"; its keys read "westinghouses").
    fn names_of(&self, text: &str) -> Vec<String> {
        let key = normalize::key(text);
        let mut names = self.aliases.get(&key).cloned().unwrap_or_default();
        names.extend(proper_words(text).into_iter().map(|w| normalize::key(&w)));
        names.push(key);
        names
    }

    /// Whether two facts would give each other away in one set: one's answer, or one of the
    /// names of its subject, is written in the other's cue or answer ("NPCIL stands for
    /// Nuclear Power Corporation of India Limited" beside "The Nuclear Power Corporation of
    /// India Limited is Westinghouse's partner").
    fn overlap(&self, a: &Fact, b: &Fact) -> bool {
        // Cues alone may share words ("Repo rate", "Reverse repo rate"): that tells nothing.
        let said = |f: &Fact, other: &Fact| {
            let answer = normalize::key(&f.answer);
            let other_answer = normalize::key(&other.answer);
            mentions(&normalize::key(&other.cue), &answer)
                || mentions(&other_answer, &answer)
                || self.names_of(&f.cue).iter().any(|n| mentions(&other_answer, n))
        };
        said(a, b) || said(b, a)
    }

    /// A statement set from the facts `usable` lets through, drawn from a group chosen by
    /// `rng`; `None` when no group has enough usable facts.
    pub fn statements<R: Rng + ?Sized>(
        &self,
        style: Style,
        usable: &dyn Fn(&Deck, &Fact) -> bool,
        rng: &mut R,
    ) -> Option<Composite> {
        let mut order: Vec<usize> = (0..self.groups.len()).collect();
        order.shuffle(rng);
        order.into_iter().find_map(|g| self.statements_in(g, style, usable, rng))
    }

    /// A matched-pairs question from the facts `usable` lets through.
    pub fn pairs<R: Rng + ?Sized>(
        &self,
        usable: &dyn Fn(&Deck, &Fact) -> bool,
        rng: &mut R,
    ) -> Option<Composite> {
        let mut order: Vec<usize> = (0..self.groups.len()).collect();
        order.shuffle(rng);
        order.into_iter().find_map(|g| self.pairs_in(g, usable, rng))
    }

    /// One question of each format and style per group (deck and topic), for `recall
    /// preview`: a group that cannot make one is left out of it. Each group's questions come
    /// from its own generator, seeded with `seed` and the group's place.
    pub fn samples(&self, seed: u64, usable: &dyn Fn(&Deck, &Fact) -> bool) -> Vec<Composite> {
        let mut out = Vec::new();
        for g in 0..self.groups.len() {
            let mut rng = super::QuestionRng::seed_from_u64(seed.wrapping_add(g as u64));
            out.extend(self.statements_in(g, Style::Coded, usable, &mut rng));
            out.extend(self.statements_in(g, Style::Count, usable, &mut rng));
            out.extend(self.pairs_in(g, usable, &mut rng));
        }
        out
    }

    fn statements_in<R: Rng + ?Sized>(
        &self,
        g: usize,
        style: Style,
        usable: &dyn Fn(&Deck, &Fact) -> bool,
        rng: &mut R,
    ) -> Option<Composite> {
        let group = self.groups.get(g)?;
        let min = if style == Style::Count { 3 } else { 2 };
        // Only facts whose answer makes a true sentence (see `templates::sentence`): a set of
        // numbered statements never shows "question — answer".
        let facts: Vec<&Fact> = group
            .facts
            .iter()
            .copied()
            .filter(|f| {
                // An acronym's false expansion never fits its letters: seen at a glance.
                f.kind != FactKind::Acronym
                    && usable(group.deck, f)
                    && templates::sentence(f, &f.answer).is_some()
            })
            .collect();
        if facts.len() < min {
            return None;
        }
        self.statement_set(group.deck, &facts, style, rng)
    }

    fn pairs_in<R: Rng + ?Sized>(
        &self,
        g: usize,
        usable: &dyn Fn(&Deck, &Fact) -> bool,
        rng: &mut R,
    ) -> Option<Composite> {
        let group = self.groups.get(g)?;
        let mut by_kind: Vec<(FactKind, Vec<&Fact>)> = Vec::new();
        for f in group.facts.iter().copied().filter(|f| usable(group.deck, f) && pairable(f)) {
            match by_kind.iter_mut().find(|(k, _)| *k == f.kind) {
                Some((_, v)) => v.push(f),
                None => by_kind.push((f.kind, vec![f])),
            }
        }
        by_kind.retain(|(_, v)| v.len() >= 3);
        by_kind.shuffle(rng);
        by_kind.into_iter().find_map(|(_, facts)| self.pair_set(group.deck, &facts, rng))
    }

    /// Picks `n` facts of `facts` with distinct cues and answers, and a truth for each, with
    /// a certainly-false answer for each false one; `None` if the facts cannot fill a set.
    fn draw<R: Rng + ?Sized>(
        &self,
        deck: &Deck,
        facts: &[&'a Fact],
        n: usize,
        at_least_one_true: bool,
        said: bool,
        rng: &mut R,
    ) -> Option<Vec<(&'a Fact, Option<String>)>> {
        let mut pool: Vec<&Fact> = facts.to_vec();
        pool.shuffle(rng);
        let mut chosen: Vec<&Fact> = Vec::new();
        let mut cues = HashSet::new();
        let mut answers = HashSet::new();
        for f in pool {
            if chosen.len() == n {
                break;
            }
            let (c, a) = (normalize::key(&f.cue), normalize::key(&f.answer));
            if cues.contains(&c)
                || answers.contains(&a)
                || chosen.iter().any(|o| self.overlap(o, f))
            {
                continue;
            }
            cues.insert(c);
            answers.insert(a);
            chosen.push(f);
        }
        if chosen.len() < n {
            return None;
        }
        // Truths drawn at random, then a false answer for each false fact such that every
        // answer shown differs: a true fact's answer is taken, a false fact's own answer is
        // free for another false fact (a swap inside the set, as the exam makes them). A draw
        // whose false facts cannot all be served is drawn again; the last resort is all true.
        // A fact with no certainly-false answer at all is always true: drawing it false
        // would only spend the attempts and end in a set that is all true.
        let falsifiable: Vec<bool> = chosen
            .iter()
            .map(|f| !self.false_answers(deck, f, &HashSet::new(), said).is_empty())
            .collect();
        for _ in 0..8 {
            let mut truths: Vec<bool> =
                falsifiable.iter().map(|can| !*can || rng.random_bool(0.5)).collect();
            if at_least_one_true && truths.iter().all(|t| !t) {
                truths[rng.random_range(0..n)] = true;
            }
            let mut taken: HashSet<String> = chosen
                .iter()
                .zip(&truths)
                .filter(|(_, t)| **t)
                .map(|(f, _)| normalize::key(&f.answer))
                .collect();
            let mut wrongs: Vec<Option<String>> = vec![None; n];
            let mut served = true;
            for (i, f) in chosen.iter().enumerate().filter(|(i, _)| !truths[*i]) {
                // A false answer whose own fact another statement of the set speaks of ("…
                // is the US party to the Memorandum of Intent with India's DIO-iDEX" beside a
                // statement about DIO-iDEX's partner) is refuted by the set itself.
                let options: Vec<String> = self
                    .false_answers(deck, f, &taken, said)
                    .into_iter()
                    .filter(|(src, _)| {
                        !chosen
                            .iter()
                            .any(|o| o.id != f.id && o.id != src.id && self.overlap(o, src))
                    })
                    .map(|(_, text)| text)
                    .collect();
                let Some(w) = options.get(rng.random_range(0..options.len().max(1))) else {
                    served = false;
                    break;
                };
                taken.insert(normalize::key(w));
                wrongs[i] = Some(w.clone());
            }
            if served {
                return Some(chosen.into_iter().zip(wrongs).collect());
            }
        }
        Some(chosen.into_iter().map(|f| (f, None)).collect())
    }

    fn statement_set<R: Rng + ?Sized>(
        &self,
        deck: &Deck,
        facts: &[&'a Fact],
        style: Style,
        rng: &mut R,
    ) -> Option<Composite> {
        let most = facts.len().min(4);
        let n = match style {
            // Two statements take the two-statement options; three is the exam's usual set.
            Style::Coded => [2, 3, 3, 4][rng.random_range(0..4)].min(most),
            Style::Count => [3, 3, 4][rng.random_range(0..3)].min(most),
        };
        let drawn = self.draw(deck, facts, n, style == Style::Coded && n > 2, true, rng)?;
        // Every drawn fact has a statement and every false answer one too (`statements_in`,
        // `false_answers`); a set missing one is not made.
        let parts: Vec<Part> = drawn
            .iter()
            .map(|(f, wrong)| {
                let answer = f.answer.trim();
                let truth_text = templates::sentence(f, answer)?;
                let text = match wrong {
                    Some(w) => templates::sentence(f, &in_style_of(answer, w))?,
                    None => truth_text.clone(),
                };
                Some(Part {
                    text,
                    left: None,
                    right: None,
                    truth: wrong.is_none(),
                    fact: f.id.to_string(),
                    card: CardKey::new(deck.id.clone(), f.id.clone(), Direction::Forward),
                    correction: wrong.as_ref().map(|_| truth_text),
                    explain: f.explain.clone(),
                })
            })
            .collect::<Option<_>>()?;
        let truths: Vec<bool> = parts.iter().map(|p| p.truth).collect();
        let (options, claims, correct) = match style {
            Style::Coded => coded_options(&truths, rng)?,
            Style::Count => count_options(&truths, "")?,
        };
        let mut prompt = String::from("Consider the following statements:\n");
        for (i, p) in parts.iter().enumerate() {
            prompt.push_str(&format!("{}. {}\n", i + 1, p.text));
        }
        prompt.push_str(match style {
            Style::Coded => "Which of the statements given above is/are correct?",
            Style::Count => "How many of the above statements are correct?",
        });
        Some(Composite {
            format: Format::Statements,
            style,
            deck: deck.id.clone(),
            topic: drawn[0].0.topic.clone(),
            prompt,
            parts,
            options,
            claims,
            correct,
        })
    }

    fn pair_set<R: Rng + ?Sized>(
        &self,
        deck: &Deck,
        facts: &[&'a Fact],
        rng: &mut R,
    ) -> Option<Composite> {
        let n = if facts.len() >= 4 && rng.random_bool(0.5) { 4 } else { 3 };
        let drawn = self.draw(deck, facts, n, n == 4, false, rng)?;
        let parts: Vec<Part> = drawn
            .iter()
            .map(|(f, wrong)| {
                let left = f.cue.trim().to_owned();
                let answer = f.answer.trim();
                let right = wrong.as_deref().unwrap_or(answer).to_owned();
                Part {
                    text: format!("{left} — {right}"),
                    left: Some(left.clone()),
                    right: Some(right),
                    truth: wrong.is_none(),
                    fact: f.id.to_string(),
                    card: CardKey::new(deck.id.clone(), f.id.clone(), Direction::Forward),
                    correction: wrong.as_ref().map(|_| format!("{left} — {answer}")),
                    explain: f.explain.clone(),
                }
            })
            .collect();
        let truths: Vec<bool> = parts.iter().map(|p| p.truth).collect();
        let (options, claims, correct) = count_options(&truths, "pairs")?;
        let mut prompt = String::from("Consider the following pairs:\n");
        for (i, p) in parts.iter().enumerate() {
            prompt.push_str(&format!("{}. {}\n", i + 1, p.text));
        }
        prompt.push_str("How many of the pairs given above are correctly matched?");
        Some(Composite {
            format: Format::Pairs,
            style: Style::Count,
            deck: deck.id.clone(),
            topic: drawn[0].0.topic.clone(),
            prompt,
            parts,
            options,
            claims,
            correct,
        })
    }
}

/// A fact's answer as its own cloze writes it mid-sentence ("net security provider" for
/// "Net security provider"), for a false statement that puts it in another sentence.
fn as_written(fact: &Fact) -> String {
    let answer = fact.answer.trim();
    fact.cloze
        .iter()
        .flat_map(|c| crate::deck::cloze::blanks(c))
        .map(|b| b.answer.trim().to_owned())
        .find(|b| b.eq_ignore_ascii_case(answer))
        .unwrap_or_else(|| answer.to_owned())
}

/// Does `text` hold `phrase` as whole words (both normalised keys), also as a possessive
/// ("npcils partner" holds "npcil")?
fn mentions(text: &str, phrase: &str) -> bool {
    let padded = format!(" {text} ");
    !phrase.is_empty()
        && (padded.contains(&format!(" {phrase} ")) || padded.contains(&format!(" {phrase}s ")))
}

/// Words that name nothing in particular, though capitalised at the head of a name.
const GENERIC_NAME_WORDS: &[&str] = &[
    "India",
    "Indian",
    "United",
    "National",
    "International",
    "Central",
    "Union",
    "State",
    "Ministry",
    "Department",
    "Government",
    "Office",
    "Council",
    "Board",
    "Naval",
    "Defence",
    "Defense",
    "Nuclear",
    "Atomic",
    "Reserve",
    "Federal",
    "World",
    "Asian",
    "European",
];

/// The words of a name that single it out wherever they are written: its acronyms
/// ("NPCIL", "DIO-iDEX") and, for "The Westinghouse Electric Company", its head word
/// ("Westinghouse's partner"); not "India", "Cash" or "Ratio".
fn proper_words(name: &str) -> Vec<String> {
    let words: Vec<&str> = name
        .split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .filter(|w| !w.is_empty())
        .collect();
    let mut out: Vec<String> = words
        .iter()
        .filter(|w| w.chars().filter(|c| c.is_uppercase()).count() >= 2)
        .map(|w| (*w).to_owned())
        .collect();
    if let [the, head, _, ..] = words.as_slice()
        && the.eq_ignore_ascii_case("the")
        && head.chars().next().is_some_and(char::is_uppercase)
        && head.chars().count() >= 4
        && !GENERIC_NAME_WORDS.contains(head)
    {
        out.push((*head).to_owned());
    }
    out
}

/// A count whose own sentence lists what it counts ("CAATSA imposed sanctions on three
/// countries: Iran, North Korea and Russia"): any other number would be false at a glance.
fn gives_its_count_away(fact: &Fact) -> bool {
    if fact.kind != FactKind::Number {
        return false;
    }
    let Some(n) = count_of(&fact.answer) else { return false };
    let Some(sentence) = templates::sentence(fact, &fact.answer) else { return false };
    sentence.rsplit_once(':').is_some_and(|(_, list)| normalize::list_items(list).len() == n)
}

/// `3` or `three`.
fn count_of(text: &str) -> Option<usize> {
    text.trim().parse().ok().or_else(|| super::answer_type::number_word(text))
}

/// A false count written as the true one is: "two" beside "three", not "2".
fn in_style_of<'t>(answer: &str, wrong: &'t str) -> std::borrow::Cow<'t, str> {
    let word = super::answer_type::number_word(answer).is_some();
    match (word, wrong.trim().parse::<usize>().ok().and_then(super::answer_type::word_of)) {
        (true, Some(w)) => std::borrow::Cow::Borrowed(w),
        _ => std::borrow::Cow::Borrowed(wrong),
    }
}

/// A fact whose cue and answer read well side by side. An acronym's is not: a false
/// expansion never fits the letters, so the swap is seen at a glance.
fn pairable(fact: &Fact) -> bool {
    fact.kind != FactKind::Statement
        && fact.kind != FactKind::Acronym
        && fact.cue.split_whitespace().count() <= MAX_PAIR_WORDS
        && fact.answer.split_whitespace().count() <= MAX_PAIR_WORDS
}

type Options = (Vec<String>, Vec<Claim>, usize);

/// "1 only", "1 and 3 only", "1, 2 and 3" (every statement: no "only").
fn coded_text(set: &[usize], n: usize) -> String {
    let numbers: Vec<String> = set.iter().map(|i| (i + 1).to_string()).collect();
    if n == 2 {
        return match set.len() {
            0 => "Neither 1 nor 2".to_owned(),
            2 => "Both 1 and 2".to_owned(),
            _ => format!("{} only", numbers[0]),
        };
    }
    let listed = match numbers.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        None => String::new(),
    };
    if set.len() == n { listed } else { format!("{listed} only") }
}

/// Four coded options including the true set: for two statements the exam's fixed four
/// (1 only, 2 only, both, neither); for three or four, the true set and three other non-empty
/// sets drawn at random, in the exam's order (fewer numbers first, then by number).
fn coded_options<R: Rng + ?Sized>(truths: &[bool], rng: &mut R) -> Option<Options> {
    let n = truths.len();
    let truth: Vec<usize> = (0..n).filter(|i| truths[*i]).collect();
    let mut sets: Vec<Vec<usize>> = if n == 2 {
        vec![vec![0], vec![1], vec![0, 1], vec![]]
    } else {
        if truth.is_empty() {
            return None;
        }
        let mut others: Vec<Vec<usize>> = (1..(1usize << n))
            .map(|mask| (0..n).filter(|i| mask & (1 << i) != 0).collect::<Vec<_>>())
            .filter(|s| *s != truth)
            .collect();
        others.shuffle(rng);
        others.truncate(OPTIONS - 1);
        others.push(truth.clone());
        others.sort_by(|a, b| a.len().cmp(&b.len()).then_with(|| a.cmp(b)));
        others
    };
    if n == 2 {
        // Keep the exam's fixed order.
        sets.truncate(OPTIONS);
    }
    let correct = sets.iter().position(|s| *s == truth)?;
    let options = sets.iter().map(|s| coded_text(s, n)).collect();
    Some((options, sets.into_iter().map(Claim::Set).collect(), correct))
}

/// The four counts: for three parts "Only one", "Only two", "All three", "None"; for four
/// "Only one" … "All four" (the exam leaves out "None" there, so a four-part set has at least
/// one true part).
fn count_options(truths: &[bool], noun: &str) -> Option<Options> {
    let n = truths.len();
    let words = ["None", "one", "two", "three", "four"];
    let counts: Vec<usize> = match n {
        3 => vec![1, 2, 3, 0],
        4 => vec![1, 2, 3, 4],
        _ => return None,
    };
    let text = |k: usize| {
        let base = match k {
            0 => "None".to_owned(),
            k if k == n => format!("All {}", words[k]),
            k => format!("Only {}", words[k]),
        };
        match (noun, k) {
            ("", _) => base,
            (_, 0) => format!("None of the {noun}"),
            (_, 1) => format!("{base} {}", noun.trim_end_matches('s')),
            _ => format!("{base} {noun}"),
        }
    };
    let actual = truths.iter().filter(|t| **t).count();
    let correct = counts.iter().position(|k| *k == actual)?;
    let options = counts.iter().map(|k| text(*k)).collect();
    Some((options, counts.into_iter().map(Claim::Count).collect(), correct))
}

#[cfg(test)]
mod tests;
