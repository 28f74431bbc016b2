//! Questions from facts: the six question kinds, distractors and grading.
//!
//! Plain functions over data: no terminal, no clock, no global RNG. Randomness (option order,
//! whether a true/false statement is true) comes from the `&mut impl Rng` passed in, so the same
//! seed gives the same questions ([`seeded_rng`] derives a per-question generator that does not
//! depend on which other questions were generated). Which distractors appear is a pure function
//! of the card and [`QuizOptions::round`], so consecutive rounds are guaranteed to differ.
//!
//! The shape other layers use:
//! 1. [`cards`]: the memory items of a fact (forward, reverse, one per cloze blank);
//! 2. [`kinds_for`]: the question kinds that can ask a card;
//! 3. [`Pool::new`]: the distractor index, built once per library;
//! 4. [`ask`]: one [`Question`] of a card in a kind (falling back to a kind that works);
//! 5. [`grade()`]: a [`Response`] judged as a [`Judgement`].
//!
//! How a question is answered follows from its fields, not its kind: a question with `options`
//! is answered by choosing one ([`Response::Choice`]); a flashcard is revealed and self-rated;
//! anything else is typed ([`Response::Text`]).

pub mod answer_type;
pub mod composite;
pub mod distractors;
pub mod fair;
pub mod grade;
pub mod normalize;
pub mod plausible;
pub mod shape;
pub mod templates;

use std::borrow::Cow;
use std::hash::Hasher;

use rand::seq::SliceRandom;
use rand::{Rng, RngExt, SeedableRng};
use serde::Serialize;

pub use answer_type::AnswerType;
pub use distractors::{Pool, Side, Target};
pub use grade::{Difference, Judgement, Response, grade, only_adds_words, render_differences};

use crate::deck::{Authored, Deck, Fact, FactKind, Library, QuestionKind, authored, cloze};
use crate::ids::{CardKey, DeckId, Direction, FactId};
use shape::Form;

/// The options of a true/false question, in this order.
pub const TRUE: &str = "True";
pub const FALSE: &str = "False";

/// Typed answers are asked only when the answer (or one accepted alternative) is at most this
/// many words, a year, date or number, or a list of at most [`MAX_TYPED_MEMBERS`] short members:
/// nobody can type a one-sentence definition the way the deck words it.
pub const MAX_TYPED_WORDS: usize = 6;
/// See [`MAX_TYPED_WORDS`].
pub const MAX_TYPED_MEMBERS: usize = 6;
/// A reverse card is typed when its cue is a name (see [`reverse_typed`]) of at most this many
/// words; otherwise it is multiple choice among sibling cues.
pub const MAX_REVERSE_TYPED_WORDS: usize = 4;

/// Is the reverse card of `fact` typed? Only when the cue is a short name: an Acronym, Term,
/// Agreement, Organization or Group of at most [`MAX_REVERSE_TYPED_WORDS`] words
/// ("COMCASA", "the Quad"). The cues of Persons, Places and Dates are descriptions ("India's
/// Defence Minister at the first 2+2", "the signing of BECA") that nobody types word for word,
/// so those are multiple choice among sibling cues.
pub fn reverse_typed(fact: &Fact) -> bool {
    let names = matches!(
        fact.kind,
        FactKind::Acronym
            | FactKind::Term
            | FactKind::Agreement
            | FactKind::Organization
            | FactKind::Group
    );
    names && short_cue(fact)
}

fn short_cue(fact: &Fact) -> bool {
    let cue = fact.cue.trim();
    Form::of(cue).is_exact() || cue.split_whitespace().count() <= MAX_REVERSE_TYPED_WORDS
}

/// How questions are built.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuizOptions {
    /// Options of a multiple-choice question, 2 to 6 (default 4); clamped into that range.
    pub choices: usize,
    /// Which distractor set to use. The set is a pure function of the card and `round`, and
    /// consecutive rounds never give the identical set when the fact has more good distractors
    /// than slots. Pass the card's review count (a study session) or the seed (`recall preview
    /// --seed`), so the learner meets a different set each time.
    pub round: u64,
}

impl Default for QuizOptions {
    fn default() -> Self {
        QuizOptions { choices: 4, round: 0 }
    }
}

impl QuizOptions {
    /// The number of distractors wanted.
    fn slots(&self) -> usize {
        self.choices.clamp(2, 6) - 1
    }

    /// The fewest distractors that still make a fair multiple-choice question: two (three
    /// options), or one when only two choices were asked for.
    fn min_slots(&self) -> usize {
        self.slots().min(2)
    }
}

/// One question, with what the UI needs afterwards.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Question {
    #[serde(serialize_with = "as_display")]
    pub card: CardKey,
    /// The kind actually asked: may differ from the kind requested (see [`ask`]).
    #[serde(serialize_with = "as_display")]
    pub kind: QuestionKind,
    pub prompt: String,
    /// For multiple choice (and reverse asked as multiple choice): the options, shuffled. For
    /// true/false: `["True", "False"]`. Empty otherwise.
    pub options: Vec<String>,
    /// The index of the right option, when there are options.
    pub correct: Option<usize>,
    /// The right answer, as shown after answering. For true/false, `True`, or `False — ` and
    /// the true statement.
    pub answer: String,
    /// Every answer graded correct when typed (the answer first).
    pub accepted: Vec<String>,
    /// A list answer (a Group's members), graded in any order.
    pub unordered: bool,
    /// The answer names a person (a Person fact's answer, or a "Who …?" Statement's): initials
    /// and honorifics do not matter when it is typed (see [`normalize::name_key`]).
    #[serde(skip)]
    pub person: bool,
    pub explain: Option<String>,
    /// The fact's source, or else its deck's.
    pub source: Option<String>,
    pub topic: Option<String>,
}

impl Question {
    /// The question as it may be printed: its deck's text with every control character
    /// written out ([`text::printable`](crate::text::printable())), so a cue holding
    /// `"\u{1b}[31m"` cannot colour the learner's terminal. What the screens draw; grading
    /// keeps using the question itself. Borrowed when nothing needs escaping.
    pub fn printable(&self) -> Cow<'_, Question> {
        use crate::text::printable;
        let clean = |s: &str| matches!(printable(s), Cow::Borrowed(_));
        let all_clean = [&self.prompt, &self.answer].into_iter().all(|s| clean(s))
            && self.options.iter().chain(&self.accepted).all(|s| clean(s))
            && [&self.explain, &self.source, &self.topic].into_iter().flatten().all(|s| clean(s));
        if all_clean {
            return Cow::Borrowed(self);
        }
        let owned = |s: &str| printable(s).into_owned();
        Cow::Owned(Question {
            prompt: owned(&self.prompt),
            options: self.options.iter().map(|s| owned(s)).collect(),
            answer: owned(&self.answer),
            accepted: self.accepted.iter().map(|s| owned(s)).collect(),
            explain: self.explain.as_deref().map(owned),
            source: self.source.as_deref().map(owned),
            topic: self.topic.as_deref().map(owned),
            ..self.clone()
        })
    }
}

fn as_display<T: std::fmt::Display, S: serde::Serializer>(v: &T, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(v)
}

/// A fact that cannot get a good multiple-choice set (or reverse question), for `recall check`,
/// which places it at the fact.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct QuizWarning {
    pub deck: DeckId,
    pub fact: FactId,
    /// What falls short and what the learner gets instead.
    pub message: String,
    /// What the author can do about it.
    pub hint: String,
}

/// The cards (memory items) of a fact: `Forward` always; `Reverse` unless the fact skips
/// `Reverse`, and for a Statement or a Number only when the fact has `reverse` wording (a
/// question's answer or a bare number rarely names one thing: "What numbers 4?");
/// `Cloze(n)` for each `{…}` blank (1-based across the fact's cloze statements in order) unless
/// it skips `Cloze`.
pub fn cards(fact: &Fact) -> Vec<Direction> {
    cards_with(fact, fact.cloze_blanks())
}

/// [`cards`] with the number of cloze blanks already counted.
fn cards_with(fact: &Fact, blanks: usize) -> Vec<Direction> {
    if fact.is_authored() {
        return vec![Direction::Forward];
    }
    let mut cards = vec![Direction::Forward];
    if has_reverse(fact) {
        cards.push(Direction::Reverse);
    }
    if !fact.skip.contains(&QuestionKind::Cloze) {
        let blanks = u16::try_from(blanks).unwrap_or(u16::MAX);
        cards.extend((1..=blanks).map(Direction::Cloze));
    }
    cards
}

fn has_reverse(fact: &Fact) -> bool {
    let reversible =
        !matches!(fact.kind, FactKind::Statement | FactKind::Number) || fact.reverse.is_some();
    reversible && !fact.skip.contains(&QuestionKind::Reverse)
}

/// The question kinds that can ask `direction` of `fact`, minus the fact's `skip`:
/// - Forward: Flashcard, MultipleChoice, TrueFalse, and Typed when the answer is typeable (see
///   [`MAX_TYPED_WORDS`]). If the fact skips all of them, Flashcard anyway: a card must be
///   askable.
/// - Reverse: Reverse (typed when the cue is a short name, see [`reverse_typed`]; else multiple
///   choice of sibling cues).
/// - Cloze(n): Cloze (typed), and MultipleChoice when the blank is a year, date or number or
///   is the fact's answer or cue (so distractors exist for it).
pub fn kinds_for(fact: &Fact, direction: Direction) -> Vec<QuestionKind> {
    let blank = match direction {
        Direction::Cloze(n) => cloze_blank(fact, n),
        _ => None,
    };
    kinds_with(fact, direction, || typeable_fact(fact), blank.as_ref())
}

/// [`kinds_for`] with the typeability of the answer (cached by the pool) and, for a cloze
/// card, its blank supplied.
fn kinds_with(
    fact: &Fact,
    direction: Direction,
    typeable: impl FnOnce() -> bool,
    blank: Option<&cloze::Blank>,
) -> Vec<QuestionKind> {
    if fact.is_authored() {
        return match direction {
            Direction::Forward => vec![QuestionKind::Authored],
            _ => Vec::new(),
        };
    }
    let allowed = |k: &QuestionKind| !fact.skip.contains(k);
    match direction {
        Direction::Forward => {
            let mut kinds = vec![QuestionKind::Flashcard, QuestionKind::MultipleChoice];
            // Only when the fact's answer makes a true statement (see `templates::statement`).
            if templates::has_statement(fact) {
                kinds.push(QuestionKind::TrueFalse);
            }
            if typeable() {
                kinds.push(QuestionKind::Typed);
            }
            kinds.retain(allowed);
            if kinds.is_empty() {
                kinds.push(QuestionKind::Flashcard);
            }
            kinds
        }
        Direction::Reverse => {
            if has_reverse(fact) {
                vec![QuestionKind::Reverse]
            } else {
                Vec::new()
            }
        }
        Direction::Cloze(_) => {
            let Some(blank) = blank else { return Vec::new() };
            if !allowed(&QuestionKind::Cloze) {
                return Vec::new();
            }
            let mut kinds = vec![QuestionKind::Cloze];
            if blank_side(fact, &blank.answer).is_some() || Form::of(&blank.answer).is_exact() {
                kinds.push(QuestionKind::MultipleChoice);
            }
            kinds.retain(allowed);
            kinds
        }
    }
}

/// Can `answer` be typed from memory? A year, date or number; a list of at most
/// [`MAX_TYPED_MEMBERS`] members of up to four words; or at most [`MAX_TYPED_WORDS`] words.
pub fn typeable(answer: &str) -> bool {
    let form = Form::of(answer);
    typeable_known(&form, &shape::Shape::with_form(answer, &form))
}

/// [`typeable`] with the answer's form and shape already known.
fn typeable_known(form: &Form, shape: &shape::Shape) -> bool {
    if form.is_exact() {
        return true;
    }
    if shape.list > 0 {
        return usize::from(shape.list) <= MAX_TYPED_MEMBERS && shape.member_words <= 4;
    }
    (1..=MAX_TYPED_WORDS).contains(&usize::from(shape.words))
}

fn typeable_fact(fact: &Fact) -> bool {
    typeable(&fact.answer) || fact.accept.iter().any(|a| typeable(a))
}

/// A per-question random generator: the same `seed`, card and kind always give the same
/// question, whatever else was generated before. Xoshiro256++ rather than `StdRng`: a named
/// algorithm whose output does not change with rand versions, and cheap to seed once per
/// question (nothing here needs a cryptographic generator).
pub fn seeded_rng(seed: u64, card: &CardKey, kind: QuestionKind) -> QuestionRng {
    let mut h = card_hasher(card, seed);
    h.write(kind.slug().as_bytes());
    QuestionRng::seed_from_u64(h.finish())
}

/// The generator [`seeded_rng`] returns.
pub type QuestionRng = rand::rngs::Xoshiro256PlusPlus;

/// Builds a question of `kind` for one card.
///
/// When `kind` cannot be formed, the question falls back and its `kind` says what was asked:
/// multiple choice and true/false without enough distractors become Typed (if the answer is
/// typeable and not skipped) or else Flashcard; multiple choice of a cloze blank becomes Cloze;
/// a reverse card asked as multiple choice of cues without enough sibling cues becomes typed
/// Reverse if the cue is short, else a reverse Flashcard. A kind that does not belong to the
/// direction is asked as the direction's own: forward as Typed or Flashcard, reverse as Reverse,
/// cloze as Cloze.
///
/// `Flashcard` is honoured on every direction (a reverse or cloze flashcard shows the prompt and
/// reveals the answer).
pub fn ask<R: Rng + ?Sized>(
    pool: &Pool<'_>,
    deck: &Deck,
    fact: &Fact,
    direction: Direction,
    kind: QuestionKind,
    options: &QuizOptions,
    rng: &mut R,
) -> Question {
    ask_sharing(pool, deck, fact, direction, kind, options, rng, &mut Shared::default())
}

/// What the questions of one fact can share: the forward distractor set (multiple choice and
/// true/false draw on the same set, so computing it once gives the same questions) and the
/// parsed cloze statements.
#[derive(Default)]
struct Shared<'f> {
    forward: Option<Vec<String>>,
    parsed: Option<Parsed<'f>>,
}

/// [`ask`] with what the fact's other questions already computed.
#[allow(clippy::too_many_arguments)] // `ask`'s arguments plus the shared state
fn ask_sharing<'f, R: Rng + ?Sized>(
    pool: &Pool<'_>,
    deck: &Deck,
    fact: &'f Fact,
    direction: Direction,
    kind: QuestionKind,
    options: &QuizOptions,
    rng: &mut R,
    shared: &mut Shared<'f>,
) -> Question {
    if let Some(authored) = &fact.authored {
        return authored_question(deck, fact, authored);
    }
    let own = pool.position(deck, fact);
    let known = Known {
        own,
        typeable: own.and_then(|i| pool.typeable(i)).unwrap_or_else(|| typeable_fact(fact)),
        deck,
    };
    let mut q = Question {
        card: CardKey::new(deck.id.clone(), fact.id.clone(), direction),
        kind,
        prompt: String::new(),
        options: Vec::new(),
        correct: None,
        // Filled in per direction.
        answer: String::new(),
        accepted: Vec::new(),
        unordered: fact.kind == FactKind::Group
            && own
                .and_then(|i| pool.is_list(i))
                .unwrap_or_else(|| normalize::is_list(&fact.answer)),
        person: names_person(fact),
        explain: fact.explain.clone(),
        source: fact.source.clone().or_else(|| deck.source.clone()),
        topic: fact.topic.clone(),
    };
    match direction {
        Direction::Forward => {
            forward(pool, known, fact, &mut q, options, rng, &mut shared.forward);
        }
        Direction::Reverse => reverse(pool, known, fact, &mut q, options, rng),
        Direction::Cloze(n) => {
            let parsed = shared.parsed.get_or_insert_with(|| parse_cloze(fact));
            cloze_question(pool, known, fact, parsed, n, &mut q, options, rng);
        }
    }
    q
}

/// An authored question as written, whatever kind was asked for: the stem, statements or
/// pairs and closing question in `prompt`, one per line (screens wrap each line on its own,
/// see [`authored::hanging_indent`]); the options with their letters, `(a) 1 and 2 only`, in
/// the written order (coded options and "All of the above" depend on it); no typed answers.
fn authored_question(deck: &Deck, fact: &Fact, authored: &Authored) -> Question {
    let options = authored::lettered_options(authored);
    Question {
        card: CardKey::new(deck.id.clone(), fact.id.clone(), Direction::Forward),
        kind: QuestionKind::Authored,
        prompt: authored::layout(fact, authored).join("\n"),
        answer: options.get(authored.correct).cloned().unwrap_or_default(),
        options,
        correct: Some(authored.correct),
        accepted: Vec::new(),
        unordered: false,
        person: false,
        explain: fact.explain.clone(),
        source: fact.source.clone().or_else(|| deck.source.clone()),
        topic: fact.topic.clone(),
    }
}

/// Does the fact's answer name a person? A Person fact's answer does (its cue is a role or a
/// description), and so does a Statement's whose question asks "Who": both may also be an office
/// (`the Secretary of State`), which grading tells apart by its wording.
fn names_person(fact: &Fact) -> bool {
    match fact.kind {
        FactKind::Person => true,
        FactKind::Statement => {
            let question = fact.question.as_deref().unwrap_or(&fact.cue).trim_start();
            ["who ", "whom "]
                .iter()
                .any(|w| question.get(..w.len()).is_some_and(|start| start.eq_ignore_ascii_case(w)))
        }
        _ => false,
    }
}

/// Every question `fact` generates: each card in each of its kinds, with the kind requested.
/// Each question gets its own generator from [`seeded_rng`].
pub fn questions(
    pool: &Pool<'_>,
    deck: &Deck,
    fact: &Fact,
    options: &QuizOptions,
    seed: u64,
) -> Vec<(QuestionKind, Question)> {
    let mut out = Vec::with_capacity(8);
    let own = pool.position(deck, fact);
    let typeable = || own.and_then(|i| pool.typeable(i)).unwrap_or_else(|| typeable_fact(fact));
    let parsed = parse_cloze(fact);
    let blanks: usize = parsed.iter().map(|(_, b)| b.len()).sum();
    let mut shared = Shared { forward: None, parsed: Some(parsed) };
    for direction in cards_with(fact, blanks) {
        let card = CardKey::new(deck.id.clone(), fact.id.clone(), direction);
        let blank = match (direction, &shared.parsed) {
            (Direction::Cloze(n), Some(parsed)) => {
                locate(parsed, n).and_then(|(_, b, i)| b.get(i)).cloned()
            }
            _ => None,
        };
        for kind in kinds_with(fact, direction, typeable, blank.as_ref()) {
            let mut rng = seeded_rng(seed, &card, kind);
            let q = ask_sharing(pool, deck, fact, direction, kind, options, &mut rng, &mut shared);
            out.push((kind, q));
        }
    }
    out
}

/// The distractor variant of a card: a per-card salt (so that round 0 does not pick the same
/// window position for every card) plus the round.
fn variant(card: &CardKey, options: &QuizOptions) -> u64 {
    card_hasher(card, 0).finish().wrapping_add(options.round)
}

/// A hasher fed with the card's identity. [`distractors::FxHasher`] is our own code, so the
/// values (and the questions a seed gives) do not change with Rust or crate versions, unlike
/// `DefaultHasher`'s.
fn card_hasher(card: &CardKey, seed: u64) -> distractors::FxHasher {
    let mut h = distractors::FxHasher::with_seed(seed);
    h.write(card.deck.as_str().as_bytes());
    h.write_u8(b'/');
    h.write(card.fact.as_str().as_bytes());
    match card.direction {
        Direction::Forward => h.write_u8(1),
        Direction::Reverse => h.write_u8(2),
        Direction::Cloze(n) => {
            h.write_u8(3);
            h.write_u32(u32::from(n));
        }
    }
    h
}

/// What `ask` looks up once per question and its helpers share.
#[derive(Clone, Copy)]
struct Known<'d> {
    /// The fact's position in the pool.
    own: Option<u32>,
    typeable: bool,
    /// The fact's deck: distractors of an open type stay in it.
    deck: &'d Deck,
}

fn accepted(fact: &Fact) -> Vec<String> {
    let mut accepted = Vec::with_capacity(1 + fact.accept.len());
    accepted.push(fact.answer.trim().to_owned());
    for a in &fact.accept {
        let a = a.trim();
        if !a.is_empty() && !accepted.iter().any(|x| x == a) {
            accepted.push(a.to_owned());
        }
    }
    accepted
}

fn keys(texts: &[String]) -> Vec<String> {
    texts.iter().map(|t| normalize::key(t)).collect()
}

/// The distractor target for the fact's answer (or a cloze blank that repeats it), asked by
/// `question`: distractors of the answer's type (see [`answer_type`]) that keep the options
/// fair (see [`fair`]).
fn answer_target<'t>(
    pool: &'t Pool<'_>,
    own: Option<u32>,
    deck: &'t Deck,
    fact: &'t Fact,
    text: &'t str,
    question: &str,
) -> Target<'t> {
    let ty = if text == fact.answer.trim() {
        own.and_then(|i| pool.answer_type(i)).unwrap_or_else(|| AnswerType::of_answer(fact))
    } else {
        AnswerType::of_text(text)
    };
    Target {
        text,
        kind: fact.kind,
        topic: fact.topic.as_deref(),
        tags: &fact.tags,
        exclude: match own.and_then(|i| pool.accepted_keys(i)) {
            Some(keys) => Cow::Borrowed(keys),
            None => Cow::Owned(keys(&accepted(fact))),
        },
        own,
        side: Some(Side::Answer),
        other_side_key: match own.and_then(|i| pool.keys_of(i)) {
            Some((_, cue)) => Cow::Borrowed(cue),
            None => Cow::Owned(normalize::key(&fact.cue)),
        },
        ty: Some(ty),
        deck: Some(deck.id.as_str()),
        fair: fair::Fairness::new(question, text, ty),
        plausible: true,
    }
}

/// The distractor target for the fact's cue (reverse multiple choice), asked by `question`.
fn cue_target<'t>(
    pool: &'t Pool<'_>,
    own: Option<u32>,
    deck: &'t Deck,
    fact: &'t Fact,
    question: &str,
) -> Target<'t> {
    let ty = own.and_then(|i| pool.cue_type(i)).unwrap_or_else(|| AnswerType::of_cue(fact));
    Target {
        text: fact.cue.trim(),
        kind: fact.kind,
        topic: fact.topic.as_deref(),
        tags: &fact.tags,
        exclude: Cow::Owned(vec![match own.and_then(|i| pool.keys_of(i)) {
            Some((_, cue)) => cue.to_owned(),
            None => normalize::key(&fact.cue),
        }]),
        own,
        side: Some(Side::Cue),
        other_side_key: match own.and_then(|i| pool.keys_of(i)) {
            Some((answer, _)) => Cow::Borrowed(answer),
            None => Cow::Owned(normalize::key(&fact.answer)),
        },
        ty: Some(ty),
        deck: Some(deck.id.as_str()),
        fair: fair::Fairness {
            // A cue often starts with a name (`India's Defence Minister …`) where another
            // starts with an article (`the US Secretary of State …`): its case says nothing.
            capital: None,
            ..fair::Fairness::new(question, fact.cue.trim(), ty)
        },
        plausible: true,
    }
}

/// Fills `q` as multiple choice over `right` and `distractors`, if there are enough.
fn set_choices<R: Rng + ?Sized>(
    q: &mut Question,
    right: &str,
    mut distractors: Vec<String>,
    options: &QuizOptions,
    rng: &mut R,
) -> bool {
    if distractors.len() < options.min_slots() {
        return false;
    }
    let right = if q.kind == QuestionKind::MultipleChoice {
        let shown = without_lone_article(right, &distractors);
        q.answer = shown.to_owned();
        shown
    } else {
        right
    };
    distractors.push(right.to_owned());
    distractors.shuffle(rng);
    q.correct = distractors.iter().position(|o| o == right);
    q.options = distractors;
    true
}

/// The right answer as an option: `the United States` among `Canada`, `Mexico` and `India`
/// is the only option with an article and gives itself away, so a proper name drops it
/// (`United States`) when no distractor has one. Grading is by the option chosen, and every
/// typed form still accepts both.
fn without_lone_article<'a>(right: &'a str, distractors: &[String]) -> &'a str {
    let Some(rest) = right.strip_prefix("the ").or_else(|| right.strip_prefix("The ")) else {
        return right;
    };
    // A proper name: a few words, each capitalised (`United States`, `Persian Gulf`), not a
    // description that starts with one (`US party to the Memorandum …`).
    let words: Vec<&str> = rest.split_whitespace().collect();
    let proper =
        words.len() <= 4 && words.iter().all(|w| w.chars().next().is_some_and(char::is_uppercase));
    let others_bare = distractors.iter().all(|d| !d.starts_with("the ") && !d.starts_with("The "));
    if proper && others_bare { rest } else { right }
}

fn forward<R: Rng + ?Sized>(
    pool: &Pool<'_>,
    known: Known<'_>,
    fact: &Fact,
    q: &mut Question,
    options: &QuizOptions,
    rng: &mut R,
    shared: &mut Option<Vec<String>>,
) {
    let answer = fact.answer.trim();
    // The forward distractor set, shared between the kinds; a true/false statement pairs the
    // cue with its first member.
    let variant = variant(&q.card, options);
    let make = || {
        let question = templates::forward(fact);
        let target = answer_target(pool, known.own, known.deck, fact, answer, &question);
        pool.distractors(&target, options.slots(), variant)
    };
    if q.kind != QuestionKind::TrueFalse {
        q.prompt = templates::forward(fact);
        q.answer = answer.to_owned();
        q.accepted = accepted(fact);
    }
    match q.kind {
        QuestionKind::MultipleChoice => {
            let d = shared.get_or_insert_with(make).clone();
            if set_choices(q, answer, d, options, rng) {
                return;
            }
            // An author who skipped every kind it could fall back to gets the deck's best
            // options of the answer's type, even ones that do not look like the answer.
            if fact.skip.contains(&QuestionKind::Typed)
                && fact.skip.contains(&QuestionKind::Flashcard)
            {
                let question = templates::forward(fact);
                let mut target =
                    answer_target(pool, known.own, known.deck, fact, answer, &question);
                target.plausible = false;
                let d = pool.distractors(&target, options.slots(), variant);
                if set_choices(q, answer, d, options, rng) {
                    return;
                }
            }
        }
        QuestionKind::TrueFalse => {
            // Only a statement the template (or a cloze sentence) can carry: the true one
            // from the answer, the false one from the first distractor that reads as one.
            let true_statement = templates::statement(fact, answer);
            let false_statement = true_statement.as_ref().and_then(|_| {
                shared.get_or_insert_with(make).iter().find_map(|w| templates::statement(fact, w))
            });
            if let (Some(true_statement), Some(false_statement)) = (true_statement, false_statement)
            {
                let truth = rng.random_bool(0.5);
                q.options = vec![TRUE.to_owned(), FALSE.to_owned()];
                if truth {
                    q.prompt = true_statement;
                    q.correct = Some(0);
                    q.answer = TRUE.to_owned();
                    q.accepted = vec![TRUE.to_owned()];
                } else {
                    q.prompt = false_statement;
                    q.correct = Some(1);
                    q.answer = format!("{FALSE} — {true_statement}");
                    q.accepted = vec![FALSE.to_owned()];
                }
                q.unordered = false;
                return;
            }
        }
        QuestionKind::Typed if known.typeable => return,
        QuestionKind::Flashcard => return,
        _ => {}
    }
    if q.prompt.is_empty() {
        q.prompt = templates::forward(fact);
        q.answer = answer.to_owned();
        q.accepted = accepted(fact);
    }
    q.kind = if known.typeable && !fact.skip.contains(&QuestionKind::Typed) {
        QuestionKind::Typed
    } else {
        QuestionKind::Flashcard
    };
}

fn reverse<R: Rng + ?Sized>(
    pool: &Pool<'_>,
    known: Known<'_>,
    fact: &Fact,
    q: &mut Question,
    options: &QuizOptions,
    rng: &mut R,
) {
    q.prompt = templates::reverse(fact);
    let cue = fact.cue.trim();
    q.answer = cue.to_owned();
    q.accepted = vec![cue.to_owned()];
    // A cue that is an acronym of the deck (`COMCASA`) is also named by its expansion, and an
    // expansion by its acronym: "Which agreement provides for secure communications …?" —
    // `Communications Compatibility and Security Agreement` is as right as `COMCASA`, and `ISA`
    // as `Industrial Security Annex`.
    if fact.kind != FactKind::Acronym {
        let key = normalize::normalize(cue);
        let same = |s: &str| normalize::normalize(s) == key;
        for other in known.deck.facts.iter().filter(|f| f.kind == FactKind::Acronym) {
            let names = if same(&other.cue) {
                accepted(other)
            } else if accepted(other).iter().any(|a| same(a)) {
                vec![other.cue.trim().to_owned()]
            } else {
                continue;
            };
            for a in names {
                if !q.accepted.contains(&a) {
                    q.accepted.push(a);
                }
            }
        }
    }
    q.unordered = false;
    q.person = false;
    if q.kind == QuestionKind::Flashcard {
        return;
    }
    if reverse_typed(fact) && q.kind != QuestionKind::MultipleChoice {
        q.kind = QuestionKind::Reverse;
        return;
    }
    let target = cue_target(pool, known.own, known.deck, fact, &q.prompt);
    let d = pool.distractors(&target, options.slots(), variant(&q.card, options));
    q.kind = QuestionKind::Reverse;
    // Without enough sibling cues: typed if the cue is short enough, else a flashcard.
    if !set_choices(q, cue, d, options, rng) && !short_cue(fact) {
        q.kind = QuestionKind::Flashcard;
    }
    // A name taken from an acronym fact that is also another option would make two options
    // right (a deck whose acronym expands to another fact's cue): the options stand.
    let others: Vec<String> = (q.options.iter().enumerate())
        .filter(|(i, _)| Some(*i) != q.correct)
        .map(|(_, o)| normalize::normalize(o))
        .collect();
    q.accepted.retain(|a| a == cue || !others.contains(&normalize::normalize(a)));
}

/// The [`AnswerType`] a card's options must have: the answer's for a forward card, the cue's
/// for a reverse card, and for a cloze blank the answer's or cue's when it repeats one, else
/// the blank's own. `recall preview` shows it with each question.
pub fn card_type(pool: &Pool<'_>, deck: &Deck, fact: &Fact, direction: Direction) -> AnswerType {
    let own = pool.position(deck, fact);
    let answer =
        || own.and_then(|i| pool.answer_type(i)).unwrap_or_else(|| AnswerType::of_answer(fact));
    let cue = || own.and_then(|i| pool.cue_type(i)).unwrap_or_else(|| AnswerType::of_cue(fact));
    match direction {
        Direction::Forward => answer(),
        Direction::Reverse => cue(),
        Direction::Cloze(n) => match cloze_blank(fact, n) {
            Some(blank) => match blank_side(fact, &blank.answer) {
                Some(Side::Answer) if blank.answer == fact.answer.trim() => answer(),
                Some(Side::Cue) => AnswerType::of_text(&blank.answer),
                _ => AnswerType::of_text(&blank.answer),
            },
            None => answer(),
        },
    }
}

/// The `n`-th blank (1-based) across the fact's cloze statements, with its statement and
/// index within it.
pub fn cloze_blank(fact: &Fact, n: u16) -> Option<cloze::Blank> {
    let parsed = parse_cloze(fact);
    locate(&parsed, n).and_then(|(_, blanks, i)| blanks.get(i).cloned())
}

/// A fact's cloze statements with their blanks, parsed once.
type Parsed<'f> = Vec<(&'f str, Vec<cloze::Blank>)>;

fn parse_cloze(fact: &Fact) -> Parsed<'_> {
    fact.cloze.iter().map(|s| (s.as_str(), cloze::blanks(s))).collect()
}

/// The statement, its blanks and the index within them of the `n`-th blank (1-based).
fn locate<'p>(parsed: &'p Parsed<'_>, n: u16) -> Option<(&'p str, &'p [cloze::Blank], usize)> {
    let mut left = usize::from(n).checked_sub(1)?;
    for (statement, blanks) in parsed {
        if left < blanks.len() {
            return Some((statement, blanks, left));
        }
        left -= blanks.len();
    }
    None
}

/// Which side of the fact a blank repeats, if any: then sibling facts supply distractors.
fn blank_side(fact: &Fact, blank: &str) -> Option<Side> {
    if blank == fact.answer.trim() {
        return Some(Side::Answer);
    }
    if blank == fact.cue.trim() {
        return Some(Side::Cue);
    }
    let key = normalize::key(blank);
    if keys(&accepted(fact)).contains(&key) {
        Some(Side::Answer)
    } else if key == normalize::key(&fact.cue) {
        Some(Side::Cue)
    } else {
        None
    }
}

#[allow(clippy::too_many_arguments)] // the other directions' arguments plus the parsed statements
fn cloze_question<R: Rng + ?Sized>(
    pool: &Pool<'_>,
    known: Known<'_>,
    fact: &Fact,
    parsed: &Parsed<'_>,
    n: u16,
    q: &mut Question,
    options: &QuizOptions,
    rng: &mut R,
) {
    let Some((statement, blanks, index)) = locate(parsed, n) else {
        // A card whose blank vanished from the deck: ask the fact itself.
        q.kind = QuestionKind::Flashcard;
        q.prompt = templates::forward(fact);
        q.answer = fact.answer.trim().to_owned();
        q.accepted = accepted(fact);
        return;
    };
    let blank = &blanks[index];
    q.prompt =
        cloze::render_parsed(statement, blanks, index).unwrap_or_else(|| statement.to_owned());
    q.answer = blank.answer.clone();
    let side = if blank.answer == fact.answer.trim() {
        // The common case: a blank that repeats the answer or the cue verbatim.
        Some(Side::Answer)
    } else if blank.answer == fact.cue.trim() {
        Some(Side::Cue)
    } else {
        let blank_key = normalize::key(&blank.answer);
        match known.own.and_then(|i| Some((pool.accepted_keys(i)?, pool.keys_of(i)?.1))) {
            Some((accepted, _)) if accepted.contains(&blank_key) => Some(Side::Answer),
            Some((_, cue)) if cue == blank_key => Some(Side::Cue),
            Some(_) => None,
            None => blank_side(fact, &blank.answer),
        }
    };
    q.accepted = match side {
        Some(Side::Answer) => {
            let mut a = vec![blank.answer.clone()];
            a.extend(accepted(fact).into_iter().filter(|x| *x != blank.answer));
            a
        }
        _ => vec![blank.answer.clone()],
    };
    q.unordered = q.unordered && side == Some(Side::Answer);
    q.person = q.person && side == Some(Side::Answer);
    if q.kind == QuestionKind::MultipleChoice {
        let mut target = match side {
            Some(Side::Cue) => cue_target(pool, known.own, known.deck, fact, &q.prompt),
            _ => answer_target(pool, known.own, known.deck, fact, &blank.answer, &q.prompt),
        };
        if side == Some(Side::Cue) {
            // Typed and judged by the blank as shown, not the cue it repeats.
            let ty = AnswerType::of_text(&blank.answer);
            target.ty = Some(target.ty.filter(|t| *t == ty).unwrap_or(ty));
        }
        target.text = &blank.answer;
        // The answer and cue targets already exclude every accepted answer or the cue.
        if side.is_none() {
            target.exclude = Cow::Owned(vec![normalize::key(&blank.answer)]);
        }
        target.side = side;
        let d = pool.distractors(&target, options.slots(), variant(&q.card, options));
        let d = fit_blank(&q.prompt, d);
        if set_choices(q, &blank.answer, d, options, rng) {
            return;
        }
    }
    if q.kind != QuestionKind::Flashcard {
        q.kind = QuestionKind::Cloze;
    }
}

/// Distractors that fit the words before a cloze blank: after `the`, without their own
/// leading `the` (never `the the United States`); after `a` or `an`, only those that take
/// that article, so that the article does not point at one option.
fn fit_blank(prompt: &str, distractors: Vec<String>) -> Vec<String> {
    let before = prompt.split("____").next().unwrap_or("");
    let last = before.split_whitespace().last().unwrap_or("").to_lowercase();
    match last.as_str() {
        "the" => distractors
            .into_iter()
            .map(|d| match d.get(..4) {
                Some(p) if p.eq_ignore_ascii_case("the ") => d[4..].to_owned(),
                _ => d,
            })
            .collect(),
        "a" | "an" => distractors
            .into_iter()
            .filter(|d| {
                let vowel =
                    d.trim_start().starts_with(['a', 'e', 'i', 'o', 'u', 'A', 'E', 'I', 'O', 'U']);
                vowel == (last == "an")
            })
            .collect(),
        _ => distractors,
    }
}

/// Facts for which a good multiple-choice set (or reverse question) cannot be formed with the
/// default [`QuizOptions`]. `recall check` reports these as warnings.
pub fn lint(library: &Library) -> Vec<QuizWarning> {
    let pool = Pool::new(library);
    let options = QuizOptions::default();
    let mut warnings = Vec::new();
    for (deck, fact) in library.facts().filter(|(_, f)| !f.is_authored()) {
        let mut warn = |message: String, hint: String| {
            let (deck, fact) = (deck.id.clone(), fact.id.clone());
            warnings.push(QuizWarning { deck, fact, message, hint });
        };
        let kind = fact.kind;
        let kinds = kinds_for(fact, Direction::Forward);
        if kinds.contains(&QuestionKind::MultipleChoice) || kinds.contains(&QuestionKind::TrueFalse)
        {
            let question = templates::forward(fact);
            let own = pool.position(deck, fact);
            let mut target = answer_target(&pool, own, deck, fact, fact.answer.trim(), &question);
            // As asked (see `forward`): a fact with no kind to fall back to takes any options.
            target.plausible = !(fact.skip.contains(&QuestionKind::Typed)
                && fact.skip.contains(&QuestionKind::Flashcard));
            let have = pool.count(&target, options.slots());
            let fallback = if typeable_fact(fact) && !fact.skip.contains(&QuestionKind::Typed) {
                "typed answers"
            } else {
                "flashcards"
            };
            let ty = target.ty.unwrap_or_else(|| AnswerType::of_answer(fact));
            let place = if ty.is_open() { " in its deck" } else { "" };
            let a = ty.article();
            let mut source = if ty == AnswerType::Expansion
                && plausible::spells(&fact.cue, fact.answer.trim())
            {
                format!(
                    "every option must spell {} as the answer does: wrong options are the other \
                     expansions of its deck that do, and the answer with one word changed for a \
                     word with the same initial from the deck's names",
                    fact.cue.trim()
                )
            } else if ty == AnswerType::Members {
                "the answer is a list of members: wrong options are lists of as many members of \
                 the same sort (countries for countries), the other lists of its deck or the \
                 answer with one country, state or city changed for another"
                    .to_owned()
            } else if ty.is_open() {
                format!(
                    "the answer is {a} {ty}: wrong options are the other {ty} answers of its deck \
                     (never another deck's, which may not share its subject)"
                )
            } else {
                format!(
                    "the answer is {a} {ty}: wrong options are other {ty} answers of the library, \
                     topped up with generated ones"
                )
            };
            if have < options.slots() {
                // Would the set form without the fairness rules? Then they are the reason.
                let mut lax = answer_target(&pool, own, deck, fact, fact.answer.trim(), "");
                lax.fair = fair::Fairness::none();
                if pool.count(&lax, options.slots()) > have {
                    if let Some(word) = target.fair.require.first() {
                        source = format!(
                            "the answer repeats `{word}` from the question and too few other \
                             {ty} answers{place} do, so the options would give it away; reword \
                             the question or the answer"
                        );
                    } else {
                        source = format!(
                            "other {ty} answers{place} name the question's subject or differ \
                             from the answer in their article (a, an, the) or capital letter, \
                             which would give the answer away"
                        );
                    }
                }
            }
            if have < options.min_slots() {
                let skip = if have == 0 { "MultipleChoice, TrueFalse" } else { "MultipleChoice" };
                warn(
                    format!(
                        "only {have} plausible distractor{} of type `{ty}`{place}: multiple choice{} to {fallback}",
                        if have == 1 { "" } else { "s" },
                        if have == 0 { " and true/false fall back" } else { " falls back" },
                    ),
                    format!("{source}; add such facts, or `skip: [{skip}]` on this fact"),
                );
            } else if have < options.slots() {
                warn(
                    format!(
                        "only {have} plausible distractors of type `{ty}`{place}: multiple choice gets {} options instead of {}",
                        have + 1,
                        options.choices
                    ),
                    format!("{source}; add such facts for the full set"),
                );
            }
        }
        if kinds_for(fact, Direction::Reverse).contains(&QuestionKind::Reverse) && !short_cue(fact)
        {
            let question = templates::reverse(fact);
            let target = cue_target(&pool, pool.position(deck, fact), deck, fact, &question);
            if pool.count(&target, options.min_slots()) < options.min_slots() {
                let ty = target.ty.unwrap_or_else(|| AnswerType::of_cue(fact));
                warn(
                    format!(
                        "the cue is too long to type and there are too few other `{kind}` cues of type `{ty}` in its deck for multiple choice: the reverse card is a flashcard"
                    ),
                    format!(
                        "reverse multiple choice takes its wrong options from the cues of other `{kind}` facts; add such facts, shorten the cue to at most {MAX_REVERSE_TYPED_WORDS} words (then it is typed), or `skip: [Reverse]`"
                    ),
                );
            }
        }
    }
    warnings
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod quality;

#[cfg(test)]
mod giveaway;
