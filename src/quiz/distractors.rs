//! Distractors: plausible wrong answers for multiple choice and false true/false statements.
//!
//! A [`Pool`] indexes a library once: every fact's answer and cue with its normalised key,
//! [`Shape`] and [`Form`], bucketed by fact kind, by (kind, topic) and by (kind, shape class).
//! A query samples at most [`SAMPLE`] facts from each of the three buckets that matter, so it
//! costs the same for a deck of 30 facts and a library of 100,000.
//!
//! Ranking: same topic first, then shared tags, then shape (acronym expansion against acronym
//! expansion, a list of countries against another list). A candidate must have the same form as
//! the right answer (a year against years, a number against numbers with the same unit) and
//! must never be an accepted answer. Years, dates and numbers are topped up with generated
//! nearby values (years within a decade, numbers of the same magnitude and never negative, the
//! written format kept) so they always have a full set.
//!
//! Variety without luck: the best candidates (those scoring within `WINDOW_MARGIN` of the
//! last slot, at least `slots + 1` and at most `2 × slots`) form a window and the slots are
//! the run of that window starting at `variant` (modulo its size). Large buckets are sampled from
//! a start derived from `variant` too. So the choice is a pure function of the card and the
//! variant: the same variant gives the same set, and two consecutive variants never give the
//! identical set when the pool is larger than the slots (the window moves by one). No random
//! generator is needed here; the caller shuffles the options.
//!
//! Speed (see `benches/quiz.rs`): the index is sorted by kind and topic so that buckets are
//! contiguous; scoring reads a small `Copy` record per candidate (`Scoring`) and compares
//! keys by hash; the whole-kind bucket is only sampled when the topic and shape buckets gave
//! too few candidates; generated values are written out only if they reach the top.

use std::borrow::Cow;
use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};

pub(crate) use crate::hash::FxHasher;

use super::answer_type::{self, AnswerType};
use super::fair::Fairness;
use super::normalize;
use super::plausible::{self, Plausible};
use super::shape::{Form, Number, Shape, ShapeClass, write_date};
use crate::deck::{Deck, Fact, FactKind, Library};

/// The most facts scored from one bucket per query.
pub const SAMPLE: usize = 12;

/// The most distinct answers of a type walked when a sample gave too few plausible ones.
const WALK: usize = 256;

/// The most answers of a deck read for words or list members to make options from (see
/// [`plausible`]), so that a deck of 100,000 facts costs what one of a few hundred does.
const NAMES: usize = 128;

type HashMap<K, V> = std::collections::HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// One fact as the pool sees it.
#[derive(Debug)]
struct Entry<'a> {
    answer_key: String,
    cue_key: String,
    answer_shape: Shape,
    cue_shape: Shape,
    answer_form: Form,
    cue_form: Form,
    /// The answer and cue, trimmed, as offered.
    answer_text: &'a str,
    cue_text: &'a str,
    /// Keys of the answer and every `accept`.
    accepted_keys: Vec<String>,
    /// Can the answer be typed (see [`super::typeable`])?
    typeable: bool,
    /// The types of the answer and the cue (see [`AnswerType::of_answer`]).
    answer_type: AnswerType,
    cue_type: AnswerType,
}

/// What scoring needs of one side (answer or cue) of a fact, packed so that a query reads one
/// small record per candidate instead of chasing strings across the heap: with 100,000 facts,
/// cache misses, not arithmetic, are the cost of a query.
#[derive(Clone, Copy, Debug)]
struct SideInfo {
    shape: Shape,
    form: FormKey,
    /// Hash of the key (see [`normalize::key`]): equal keys are recognised by it. A collision
    /// could only drop a candidate, never offer a wrong one.
    key_hash: u64,
    key_empty: bool,
    /// The side's [`AnswerType`]: a distractor must have the target's.
    ty: AnswerType,
}

/// The part of a [`Form`] that decides compatibility: class, year, value and unit.
#[derive(Clone, Copy, Debug)]
struct FormKey {
    class: u8,
    year: i32,
    value: f64,
    unit: u64,
}

impl FormKey {
    fn of(form: &Form) -> FormKey {
        let mut key = FormKey { class: form.class(), year: 0, value: 0.0, unit: 0 };
        match form {
            Form::Year(y) | Form::MonthYear { year: y, .. } | Form::Date { year: y, .. } => {
                key.year = *y;
            }
            Form::Number(n) => {
                key.value = value(n);
                let mut h = FxHasher::default();
                h.write(n.prefix.trim().as_bytes());
                h.write_u8(0xff);
                h.write(n.suffix.trim().to_lowercase().as_bytes());
                key.unit = h.finish();
            }
            Form::Text => {}
        }
        key
    }

    /// Feeds what decides compatibility to `h`: equal forms hash equally.
    fn hash_into(&self, h: &mut FxHasher) {
        h.write_u8(self.class);
        h.write_i32(self.year);
        h.write_u64(self.value.to_bits());
        h.write_u64(self.unit);
    }
}

/// Interned labels of a fact: topic and up to [`MAX_TAGS`] tags (`NONE` where absent).
#[derive(Clone, Copy, Debug)]
struct Labels {
    topic: u32,
    tags: [u32; MAX_TAGS],
}

const NONE: u32 = u32::MAX;
/// Shared tags beyond three add nothing to the score, so three are kept.
const MAX_TAGS: usize = 3;

#[derive(Clone, Copy, Debug)]
struct Scoring {
    answer: SideInfo,
    cue: SideInfo,
    labels: Labels,
    /// The fact's deck, interned like the labels: the own deck comes first, and open types
    /// (see [`AnswerType::is_open`]) never leave it.
    deck: u32,
}

fn hash_str(s: &str) -> u64 {
    let mut h = FxHasher::default();
    h.write(s.as_bytes());
    // The length too, so that zero padding of the last word cannot make "a" equal "a\0".
    h.write_usize(s.len());
    h.finish()
}

/// A candidate distractor: a sibling fact (by index) or a generated value, written out only
/// if it gets near the top.
#[derive(Debug)]
enum Cand {
    Fact(u32),
    Generated(Gen),
}

/// A generated year, month, date or number, written in the right answer's format; or a
/// sibling of a known set (an article, a schedule, a country), already written.
#[derive(Clone, Debug)]
enum Gen {
    Year(i32),
    MonthYear { month: u8, year: i32 },
    Date { day: u8, month: u8, year: i32 },
    Number(i64),
    Text(String),
}

impl Gen {
    fn write(&self, form: &Form) -> String {
        match (self, form) {
            (Gen::Text(s), _) => s.clone(),
            (Gen::Year(y), _) => y.to_string(),
            (Gen::MonthYear { month, year }, Form::MonthYear { short, .. }) => {
                format!("{} {year}", super::shape::month_name(*month, *short))
            }
            (Gen::Date { day, month, year }, Form::Date { style, .. }) => {
                write_date(*day, *month, *year, *style)
            }
            (Gen::Number(v), Form::Number(n)) => n.write(*v),
            // Generated values only come from the form they are written in.
            _ => String::new(),
        }
    }
}

/// The facts of one bucket grouped by the normalised key of one side (answer or cue), so that
/// a query walks distinct answers, not facts: a library that repeats an answer a thousand
/// times (years, countries, "True", overlapping imports) costs what one holding it once does,
/// and a sample of a bucket is a sample of different answers.
///
/// Groups are in the order of their first fact in the bucket. Within a group only the first
/// fact of each distinct (other side's key, form) is kept: a repeat is accepted or rejected as
/// a distractor exactly like the fact it repeats (see [`Pool::score`]: same key, same other
/// side, same form; only `own` differs, and a repeat of the target itself is an alias of it).
/// Stored flat: group `g` is `members[starts[g]..starts[g + 1]]`.
#[derive(Debug, Default)]
struct Groups {
    starts: Vec<u32>,
    members: Vec<u32>,
}

impl Groups {
    /// Groups `bucket` (fact indices in pool order) by `key`, dropping facts whose `variant`
    /// (a hash of key, other side and form) was already seen.
    fn new(bucket: &[u32], key: impl Fn(u32) -> u64, variant: impl Fn(u32) -> u64) -> Groups {
        let mut group_of: HashMap<u64, u32> = HashMap::default();
        let mut seen: HashSet<u64, BuildHasherDefault<FxHasher>> = HashSet::default();
        let mut kept: Vec<(u32, u32)> = Vec::with_capacity(bucket.len());
        let mut sizes: Vec<u32> = Vec::new();
        for &i in bucket {
            if !seen.insert(variant(i)) {
                continue;
            }
            let next = u32::try_from(group_of.len()).unwrap_or(u32::MAX);
            let g = *group_of.entry(key(i)).or_insert(next);
            if g == next {
                sizes.push(0);
            }
            sizes[g as usize] += 1;
            kept.push((g, i));
        }
        // A counting sort by group, stable: members keep the bucket's order.
        let mut starts = Vec::with_capacity(sizes.len() + 1);
        let mut at = 0u32;
        for size in &sizes {
            starts.push(at);
            at += size;
        }
        starts.push(at);
        let mut fill: Vec<u32> = starts[..sizes.len()].to_vec();
        let mut members = vec![0u32; kept.len()];
        for (g, i) in kept {
            let slot = &mut fill[g as usize];
            members[*slot as usize] = i;
            *slot += 1;
        }
        Groups { starts, members }
    }

    fn len(&self) -> usize {
        self.starts.len().saturating_sub(1)
    }

    fn group(&self, g: usize) -> &[u32] {
        match (self.starts.get(g), self.starts.get(g + 1)) {
            (Some(&a), Some(&b)) => &self.members[a as usize..b as usize],
            _ => &[],
        }
    }

    fn iter(&self) -> impl Iterator<Item = &[u32]> {
        (0..self.len()).map(|g| self.group(g))
    }

    /// Up to `limit` groups: all of a small bucket, else a run from a start that moves with
    /// `variant`.
    fn sample(&self, limit: usize, variant: u64) -> impl Iterator<Item = &[u32]> {
        let n = self.len();
        let start = if n <= limit { 0 } else { usize::try_from(variant % n as u64).unwrap_or(0) };
        (start..n).chain(0..start).take(limit).map(|g| self.group(g))
    }
}

/// A bucket grouped both ways: by answer (forward questions) and by cue (reverse ones).
#[derive(Debug, Default)]
struct Sides {
    answer: Groups,
    cue: Groups,
}

impl Sides {
    fn side(&self, side: Side) -> &Groups {
        match side {
            Side::Answer => &self.answer,
            Side::Cue => &self.cue,
        }
    }
}

/// The distractor index over a library. Build it once per library; queries are cheap.
#[derive(Debug, Default)]
pub struct Pool<'a> {
    entries: Vec<Entry<'a>>,
    scoring: Vec<Scoring>,
    by_kind: HashMap<FactKind, Sides>,
    by_topic: HashMap<(FactKind, u32), Sides>,
    /// Topic and tag names to their interned ids.
    labels: HashMap<&'a str, u32>,
    by_answer_shape: HashMap<(FactKind, ShapeClass), Groups>,
    by_cue_shape: HashMap<(FactKind, ShapeClass), Groups>,
    index: HashMap<(&'a str, &'a str), u32>,
    /// Deck ids to their interned ids.
    decks: HashMap<&'a str, u32>,
    /// Facts by side (`true`: answer), [`AnswerType`] and deck (`NONE`: the whole library;
    /// every fact is in both): every fact that can stand in for a typed target, and no other.
    /// A cue's bucket is also by fact kind (`u8::MAX` for answers): a reverse question's
    /// options are cues of the same kind of fact.
    by_type: HashMap<(bool, u8, u32, u8), Groups>,
    /// Hashes of every accepted answer of the facts with a cue (by the cue's key hash), and
    /// of every cue of the facts with an answer: what is certainly true of a cue. A
    /// distractor must be none of them.
    truths: HashMap<(bool, u64), Vec<u64>>,
    /// By deck: what options are made from (see [`plausible`]), gathered once.
    makings: HashMap<u32, Makings<'a>>,
}

/// A deck's words (from its expansions and names) and list members with their classes.
#[derive(Debug, Default)]
struct Makings<'a> {
    words: Vec<(&'a str, bool)>,
    members: Vec<(&'a str, u8)>,
}

/// Which side of the sibling facts to draw from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    /// Other facts' answers (forward multiple choice, false statements).
    Answer,
    /// Other facts' cues (reverse multiple choice).
    Cue,
}

/// What a distractor must stand in for.
#[derive(Debug)]
pub struct Target<'t> {
    /// The right option as shown.
    pub text: &'t str,
    pub kind: FactKind,
    pub topic: Option<&'t str>,
    pub tags: &'t [String],
    /// Keys (see [`normalize::key`]) that must never be offered: every accepted answer.
    pub exclude: Cow<'t, [String]>,
    /// The fact itself, if it is in the pool.
    pub own: Option<u32>,
    /// Draw from sibling facts on this side; `None` for generated values only.
    pub side: Option<Side>,
    /// Keys of the other side of the fact: a sibling sharing it is an alias, not a distractor.
    pub other_side_key: Cow<'t, str>,
    /// The type a distractor must have; `None` to take it from the text.
    pub ty: Option<AnswerType>,
    /// The fact's deck: distractors of an open type come from it only.
    pub deck: Option<&'t str>,
    /// What the question's wording asks of the options (see [`Fairness`]).
    pub fair: Fairness,
    /// Whether options must also look like the right one (see [`plausible`]); off only for
    /// a fact whose author left multiple choice as its only kind.
    pub plausible: bool,
}

impl<'a> Pool<'a> {
    pub fn new(library: &'a Library) -> Pool<'a> {
        Pool::from_facts(library.facts())
    }

    /// Indexes the given facts (with their decks), e.g. one deck.
    pub fn from_facts(facts: impl IntoIterator<Item = (&'a Deck, &'a Fact)>) -> Pool<'a> {
        let mut pool = Pool::default();
        // Kind-major, then topic: the kind and topic buckets become contiguous runs of
        // `scoring`, so a query reads sequential memory instead of missing the cache once per
        // candidate. Stable, so the order within a topic is the library's.
        // Authored questions are asked as written; their stems and options are no fact's
        // cue or answer, so they never serve as another question's distractor.
        let mut facts: Vec<(FactKind, u32, &'a Deck, &'a Fact)> = facts
            .into_iter()
            .filter(|(_, fact)| !fact.is_authored())
            .map(|(deck, fact)| {
                let topic = fact.topic.as_deref().map_or(NONE, |t| pool.intern(t));
                (fact.kind, topic, deck, fact)
            })
            .collect();
        facts.sort_by_key(|&(kind, topic, _, _)| (kind, topic));
        pool.entries.reserve(facts.len());
        pool.scoring.reserve(facts.len());
        // Buckets as plain lists first, grouped once all facts are in.
        let mut by_kind: HashMap<FactKind, Vec<u32>> = HashMap::default();
        let mut by_topic: HashMap<(FactKind, u32), Vec<u32>> = HashMap::default();
        let mut by_answer_shape: HashMap<(FactKind, ShapeClass), Vec<u32>> = HashMap::default();
        let mut by_cue_shape: HashMap<(FactKind, ShapeClass), Vec<u32>> = HashMap::default();
        let mut by_type: HashMap<(bool, u8, u32, u8), Vec<u32>> = HashMap::default();
        for (_, topic, deck, fact) in facts {
            let Ok(i) = u32::try_from(pool.entries.len()) else { break };
            let answer_form = Form::of(&fact.answer);
            let cue_form = Form::of(&fact.cue);
            let answer_shape = Shape::with_form(&fact.answer, &answer_form);
            let cue_shape = Shape::with_form(&fact.cue, &cue_form);
            by_kind.entry(fact.kind).or_default().push(i);
            if topic != NONE {
                by_topic.entry((fact.kind, topic)).or_default().push(i);
            }
            let mut labels = Labels { topic, tags: [NONE; MAX_TAGS] };
            for (slot, tag) in labels.tags.iter_mut().zip(&fact.tags) {
                *slot = pool.intern(tag);
            }
            by_answer_shape.entry((fact.kind, answer_shape.class())).or_default().push(i);
            by_cue_shape.entry((fact.kind, cue_shape.class())).or_default().push(i);
            pool.index.insert((deck.id.as_str(), fact.id.as_str()), i);
            let next_deck = u32::try_from(pool.decks.len()).unwrap_or(u32::MAX);
            let deck_id = *pool.decks.entry(deck.id.as_str()).or_insert(next_deck);
            let answer_type = AnswerType::of_answer(fact);
            let cue_type = AnswerType::of_cue(fact);
            for (answer, ty) in [(true, answer_type), (false, cue_type)] {
                let kind = if answer { u8::MAX } else { kind_code(fact.kind) };
                for deck in [deck_id, NONE] {
                    by_type.entry((answer, ty.code(), deck, kind)).or_default().push(i);
                }
            }
            let typeable = super::typeable_known(&answer_form, &answer_shape)
                || fact.accept.iter().any(|a| super::typeable(a));
            let answer_key = normalize::key(&fact.answer);
            let cue_key = normalize::key(&fact.cue);
            pool.scoring.push(Scoring {
                answer: SideInfo {
                    shape: answer_shape,
                    form: FormKey::of(&answer_form),
                    key_hash: hash_str(&answer_key),
                    key_empty: answer_key.is_empty(),
                    ty: answer_type,
                },
                cue: SideInfo {
                    shape: cue_shape,
                    form: FormKey::of(&cue_form),
                    key_hash: hash_str(&cue_key),
                    key_empty: cue_key.is_empty(),
                    ty: cue_type,
                },
                labels,
                deck: deck_id,
            });
            let accepted_keys: Vec<String> = std::iter::once(answer_key.clone())
                .chain(fact.accept.iter().map(|a| normalize::key(a)))
                .collect();
            let cue_hash = hash_str(&cue_key);
            let truths = pool.truths.entry((true, cue_hash)).or_default();
            truths.extend(accepted_keys.iter().map(|k| hash_str(k)));
            for k in &accepted_keys {
                pool.truths.entry((false, hash_str(k))).or_default().push(cue_hash);
            }
            pool.entries.push(Entry {
                answer_text: fact.answer.trim(),
                cue_text: fact.cue.trim(),
                answer_key,
                cue_key,
                answer_shape,
                cue_shape,
                answer_form,
                cue_form,
                typeable,
                accepted_keys,
                answer_type,
                cue_type,
            });
        }
        let scoring = &pool.scoring;
        let groups = |bucket: &[u32], side: Side| {
            let sides = |i: u32| {
                let e = &scoring[i as usize];
                match side {
                    Side::Answer => (&e.answer, &e.cue),
                    Side::Cue => (&e.cue, &e.answer),
                }
            };
            Groups::new(
                bucket,
                |i| sides(i).0.key_hash,
                |i| {
                    let (mine, other) = sides(i);
                    let mut h = FxHasher::default();
                    h.write_u64(mine.key_hash);
                    h.write_u64(other.key_hash);
                    mine.form.hash_into(&mut h);
                    h.finish()
                },
            )
        };
        let both = |bucket: &[u32]| Sides {
            answer: groups(bucket, Side::Answer),
            cue: groups(bucket, Side::Cue),
        };
        pool.by_kind = by_kind.iter().map(|(k, b)| (*k, both(b))).collect();
        pool.by_topic = by_topic.iter().map(|(k, b)| (*k, both(b))).collect();
        pool.by_answer_shape =
            by_answer_shape.iter().map(|(k, b)| (*k, groups(b, Side::Answer))).collect();
        pool.by_cue_shape = by_cue_shape.iter().map(|(k, b)| (*k, groups(b, Side::Cue))).collect();
        pool.by_type = by_type
            .iter()
            .map(|(k, b)| (*k, groups(b, if k.0 { Side::Answer } else { Side::Cue })))
            .collect();
        let names = [AnswerType::Expansion, AnswerType::Organisation, AnswerType::Name];
        let makings = pool
            .decks
            .values()
            .map(|&deck| {
                let words = plausible::vocabulary(
                    names.into_iter().flat_map(|ty| pool.deck_answers(deck, ty)).take(NAMES),
                );
                let members = plausible::seen_members(
                    pool.deck_answers(deck, AnswerType::Members).take(NAMES),
                );
                (deck, Makings { words, members })
            })
            .collect();
        pool.makings = makings;
        pool
    }

    /// The pool's id for a fact, if it was indexed.
    pub fn position(&self, deck: &Deck, fact: &Fact) -> Option<u32> {
        self.index.get(&(deck.id.as_str(), fact.id.as_str())).copied()
    }

    fn intern(&mut self, label: &'a str) -> u32 {
        let next = u32::try_from(self.labels.len()).unwrap_or(u32::MAX);
        *self.labels.entry(label).or_insert(next)
    }

    /// The keys of an indexed fact's answer and cue.
    pub fn keys_of(&self, i: u32) -> Option<(&str, &str)> {
        self.entries.get(i as usize).map(|e| (e.answer_key.as_str(), e.cue_key.as_str()))
    }

    /// Whether an indexed fact's answer is a list (see [`normalize::is_list`]).
    pub fn is_list(&self, i: u32) -> Option<bool> {
        self.entries.get(i as usize).map(|e| e.answer_shape.list > 0)
    }

    /// Whether an indexed fact's answer (or an accepted one) can be typed, computed once.
    pub fn typeable(&self, i: u32) -> Option<bool> {
        self.entries.get(i as usize).map(|e| e.typeable)
    }

    /// The keys of the answer and every `accept` of an indexed fact.
    pub fn accepted_keys(&self, i: u32) -> Option<&[String]> {
        self.entries.get(i as usize).map(|e| e.accepted_keys.as_slice())
    }

    /// The form and shape of `text`, taken from the index when it is an indexed fact's own
    /// answer or cue.
    fn form_and_shape(&self, target: &Target<'_>) -> (Cow<'_, Form>, Shape) {
        if let Some(e) = target.own.and_then(|i| self.entries.get(i as usize)) {
            if target.text == e.answer_text {
                return (Cow::Borrowed(&e.answer_form), e.answer_shape);
            }
            if target.text == e.cue_text {
                return (Cow::Borrowed(&e.cue_form), e.cue_shape);
            }
        }
        let form = Form::of(target.text);
        let shape = Shape::with_form(target.text, &form);
        (Cow::Owned(form), shape)
    }

    /// The number of facts indexed.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Up to `slots` distractors for `target`, best first, never equal to each other or to an
    /// excluded key or anything a fact of the library makes true of the cue. Fewer when the
    /// library cannot supply them, and none when the set would give the answer away (see
    /// [`Fairness::require`]).
    pub fn distractors(&self, target: &Target<'_>, slots: usize, variant: u64) -> Vec<String> {
        if slots == 0 {
            return Vec::new();
        }
        let (form, shape) = self.form_and_shape(target);
        let query = self.query(target, &form, shape, slots, variant);
        let mut cands: Vec<(i64, Cand)> = Vec::with_capacity(4 * SAMPLE + 20);
        if let Some(side) = target.side {
            let topic_bucket = (query.labels.topic != NONE)
                .then(|| self.by_topic.get(&(target.kind, query.labels.topic)))
                .flatten()
                .map(|b| b.side(side));
            let shape_buckets = match side {
                Side::Answer => &self.by_answer_shape,
                Side::Cue => &self.by_cue_shape,
            };
            let buckets = [
                self.type_bucket(&query, side),
                topic_bucket,
                shape_buckets.get(&(target.kind, shape.class())),
                self.by_kind.get(&target.kind).map(|b| b.side(side)),
            ];
            for (n, bucket) in buckets.into_iter().enumerate() {
                // The whole kind is the fallback: skip it when the type, topic and shape
                // buckets already gave plenty.
                let Some(bucket) = bucket else { continue };
                if n == 3 && cands.len() >= 4 * slots {
                    break;
                }
                // A fact in several buckets is scored twice; `choose` drops the repeat.
                for group in bucket.sample(SAMPLE, variant) {
                    if let Some((score, i)) = self.first_usable(group, &query, side) {
                        cands.push((score, Cand::Fact(i)));
                    }
                }
            }
            // Few candidates pass the plausibility filter (see `plausible`): rather than let
            // the sample's start decide whether the question has options, walk the type's
            // bucket (one deck's, for an open type) further.
            if cands.len() < slots
                && query.plausible.is_active()
                && let Some(bucket) = self.type_bucket(&query, side)
                && bucket.len() > SAMPLE
            {
                for group in bucket.iter().take(WALK) {
                    if let Some((score, i)) = self.first_usable(group, &query, side) {
                        cands.push((score, Cand::Fact(i)));
                    }
                }
            }
        }
        cands.extend(
            self.generated_for(&query, &form, target.text)
                .into_iter()
                .map(|(score, g)| (score, Cand::Generated(g))),
        );
        let side = target.side.unwrap_or(Side::Answer);
        let mut exclude: Vec<u64> = target.exclude.iter().map(|k| hash_str(k)).collect();
        exclude.extend_from_slice(&query.truths);
        let mut chosen =
            choose(&mut cands, &exclude, slots, variant, |c| self.resolve(c, side, &form));
        if query.ty == Some(AnswerType::Description) {
            for c in &mut chosen {
                *c = super::fair::recase(c, target.text);
            }
        }
        if !query.fair.require.is_empty() && !chosen.iter().any(|c| query.fair.shares(c)) {
            // The right answer alone would repeat a word of the question: swap in the best
            // distractor that repeats one too, or give no set at all.
            let best =
                cands.iter().map(|(_, c)| self.resolve(c, side, &form)).find(|(text, key)| {
                    query.fair.shares(text)
                        && !exclude.contains(key)
                        && !chosen.iter().any(|c| c.as_str() == text.as_ref())
                });
            match best {
                Some((text, _)) if !chosen.is_empty() => {
                    let last = chosen.len() - 1;
                    chosen[last] = text.into_owned();
                }
                _ => chosen.clear(),
            }
        }
        chosen
    }

    /// A candidate's text and key hash. Only the pool's own records are read: the facts
    /// themselves stay out of the cache.
    fn resolve<'s>(&'s self, cand: &'s Cand, side: Side, form: &Form) -> (Cow<'s, str>, u64) {
        match cand {
            Cand::Fact(i) => {
                let (e, scoring) = (&self.entries[*i as usize], &self.scoring[*i as usize]);
                match side {
                    Side::Answer => (Cow::Borrowed(e.answer_text), scoring.answer.key_hash),
                    Side::Cue => (Cow::Borrowed(e.cue_text), scoring.cue.key_hash),
                }
            }
            Cand::Generated(g) => {
                let text = g.write(form);
                let key = hash_str(&normalize::key(&text));
                (Cow::Owned(text), key)
            }
        }
    }

    /// The facts that can stand in for a typed target (of its deck, for an open type).
    fn type_bucket(&self, query: &Query, side: Side) -> Option<&Groups> {
        let ty = query.ty?;
        let deck = if query.deck_only { query.deck } else { NONE };
        let kind = match side {
            Side::Answer => u8::MAX,
            Side::Cue => kind_code(query.kind),
        };
        self.by_type.get(&(side == Side::Answer, ty.code(), deck, kind))
    }

    /// Generated values for the query's target (see [`generate`]), and options made from
    /// the right answer with the deck's words (see [`plausible`]), each one plausible.
    fn generated_for(&self, query: &Query, form: &Form, text: &str) -> Vec<(i64, Gen)> {
        let mut out = match query.ty {
            None => generated(form),
            Some(ty) => generate(ty, form, text, &query.fair),
        };
        if query.plausible.is_active() {
            out.retain(|(_, g)| query.plausible.allows(&g.write(form)));
        }
        let made = if let Some(acronym) = query.plausible.acronym() {
            let vocab = self.makings.get(&query.deck).map_or(&[][..], |m| &m.words[..]);
            plausible::expansion_swaps(text, acronym, vocab, query.slots, query.variant)
        } else if query.plausible.is_list() {
            let seen = self.makings.get(&query.deck).map_or(&[][..], |m| &m.members[..]);
            plausible::list_swaps(text, seen, &query.other_side_key, query.slots, query.variant)
        } else {
            Vec::new()
        };
        out.extend(
            made.into_iter()
                .filter(|(_, s)| query.plausible.allows(s) && query.fair.allows(s))
                .map(|(score, s)| (score, Gen::Text(s))),
        );
        out
    }

    /// The answers of type `ty` of a deck's facts, in the pool's order.
    fn deck_answers(&self, deck: u32, ty: AnswerType) -> impl Iterator<Item = &'a str> + '_ {
        let bucket = (deck != NONE).then(|| self.by_type.get(&(true, ty.code(), deck, u8::MAX)));
        bucket
            .flatten()
            .into_iter()
            .flat_map(|b| b.members.iter())
            .map(|&i| self.entries[i as usize].answer_text)
    }

    /// What scoring needs of a target, computed once per query.
    fn query(
        &self,
        target: &Target<'_>,
        form: &Form,
        shape: Shape,
        slots: usize,
        variant: u64,
    ) -> Query {
        let mut labels = Labels {
            topic: target.topic.and_then(|t| self.labels.get(t).copied()).unwrap_or(NONE),
            tags: [NONE; MAX_TAGS],
        };
        let known = target.tags.iter().filter_map(|t| self.labels.get(t.as_str()).copied());
        for (slot, tag) in labels.tags.iter_mut().zip(known) {
            *slot = tag;
        }
        let other_side_hash = hash_str(&target.other_side_key);
        // What the library makes true of the other side: the answers of every fact with this
        // cue (or the cues of every fact with this answer).
        let truths = match target.side {
            Some(side) => self
                .truths
                .get(&(side == Side::Answer, other_side_hash))
                .cloned()
                .unwrap_or_default(),
            None => Vec::new(),
        };
        let deck = target
            .deck
            .and_then(|d| self.decks.get(d).copied())
            .or_else(|| target.own.and_then(|i| self.scoring.get(i as usize)).map(|e| e.deck))
            .unwrap_or(NONE);
        // A type with a sibling set that this answer cannot be generated from (a city not in
        // the built-in lists) stays in its deck like an open type: then `recall check` says
        // the same of the deck alone and of the whole library.
        let deck_only = target.ty.is_some_and(|ty| {
            ty.is_open() || generate(ty, form, target.text, &target.fair).is_empty()
        });
        let acronym = (target.kind == FactKind::Acronym && target.side == Some(Side::Answer))
            .then_some(target.other_side_key.as_ref());
        Query {
            plausible: if target.plausible {
                Plausible::new(target.text, target.ty, acronym)
            } else {
                Plausible::default()
            },
            other_side_key: target.other_side_key.to_string(),
            slots,
            variant,
            deck_only,
            own: target.own,
            kind: target.kind,
            shape,
            form: FormKey::of(form),
            other_side_hash,
            labels,
            ty: target.ty,
            deck,
            truths,
            fair: target.fair.clone(),
        }
    }

    /// How many distinct distractors `target` could get (up to `need`), without randomness:
    /// for lints. Zero when every set would give the answer away (see [`Fairness::require`]).
    /// Walks the distinct answers (or cues) of the type (or kind), not its facts, so a
    /// library that repeats answers costs what one with unique answers does.
    pub fn count(&self, target: &Target<'_>, need: usize) -> usize {
        let form = Form::of(target.text);
        let query = self.query(target, &form, Shape::with_form(target.text, &form), need.max(1), 0);
        // Keys by hash, as `choose` compares them.
        let mut exclude: HashSet<u64, BuildHasherDefault<FxHasher>> =
            query.truths.iter().copied().collect();
        exclude.extend(target.exclude.iter().map(|k| hash_str(k)));
        let mut keys: HashSet<u64, BuildHasherDefault<FxHasher>> = HashSet::default();
        let mut shares = query.fair.require.is_empty();
        for (_, g) in self.generated_for(&query, &form, target.text) {
            let text = g.write(&form);
            let key = hash_str(&normalize::key(&text));
            if !exclude.contains(&key) {
                shares |= query.fair.shares(&text);
                keys.insert(key);
            }
            if keys.len() >= need && shares {
                return need;
            }
        }
        let Some(side) = target.side else { return if shares { keys.len() } else { 0 } };
        let bucket = match query.ty {
            Some(_) => self.type_bucket(&query, side),
            None => self.by_kind.get(&target.kind).map(|b| b.side(side)),
        };
        let Some(bucket) = bucket else { return if shares { keys.len() } else { 0 } };
        for group in bucket.iter() {
            let Some(&first) = group.first() else { continue };
            let key = match side {
                Side::Answer => self.scoring[first as usize].answer.key_hash,
                Side::Cue => self.scoring[first as usize].cue.key_hash,
            };
            if exclude.contains(&key) || keys.contains(&key) {
                continue;
            }
            if let Some((_, i)) = self.first_usable(group, &query, side) {
                keys.insert(key);
                if !shares {
                    let e = &self.entries[i as usize];
                    let text = match side {
                        Side::Answer => e.answer_text,
                        Side::Cue => e.cue_text,
                    };
                    shares = query.fair.shares(text);
                }
                if keys.len() >= need && shares {
                    return need;
                }
            }
        }
        if shares { keys.len() } else { 0 }
    }

    /// The [`AnswerType`] of an indexed fact's answer.
    pub fn answer_type(&self, i: u32) -> Option<AnswerType> {
        self.entries.get(i as usize).map(|e| e.answer_type)
    }

    /// The [`AnswerType`] of an indexed fact's cue.
    pub fn cue_type(&self, i: u32) -> Option<AnswerType> {
        self.entries.get(i as usize).map(|e| e.cue_type)
    }

    /// Is `candidate` certainly false as the answer of `fact` (for a statement that swaps it
    /// in): of the answer's type, and no fact of the library with this cue has it as an
    /// accepted answer? A candidate of another type, or one the library makes true, is not.
    pub fn certainly_false(&self, deck: &Deck, fact: &Fact, candidate: &str) -> bool {
        let ty = self
            .position(deck, fact)
            .and_then(|i| self.answer_type(i))
            .unwrap_or_else(|| AnswerType::of_answer(fact));
        let key = normalize::key(candidate);
        if key.is_empty()
            || fact.accept.iter().chain([&fact.answer]).any(|a| normalize::key(a) == key)
        {
            return false;
        }
        let text_type = AnswerType::of_text(candidate);
        let same_type = text_type == ty
            || (ty.is_open() && !text_type.has_siblings())
            || AnswerType::of_text(&fact.answer) == text_type;
        let true_of_cue = self
            .truths
            .get(&(true, hash_str(&normalize::key(&fact.cue))))
            .is_some_and(|t| t.contains(&hash_str(&key)));
        same_type && !true_of_cue
    }

    /// The first fact of a group (one distinct answer or cue) that may stand in for the query,
    /// with its score. Facts in a group differ only in the other side and form, so this is
    /// almost always the first one.
    fn first_usable(&self, group: &[u32], query: &Query, side: Side) -> Option<(i64, u32)> {
        group.iter().find_map(|&i| self.score(i, query, side).map(|score| (score, i)))
    }

    /// The score of entry `i` as a distractor, or `None` if it must not be used: not of the
    /// target's type, of an open type from another deck, true of the cue, or unfair (see
    /// [`Fairness::allows`]). The own deck ranks first, then a shared topic, then shared tags.
    fn score(&self, i: u32, query: &Query, side: Side) -> Option<i64> {
        if Some(i) == query.own {
            return None;
        }
        let e = self.scoring.get(i as usize)?;
        let (mine, other) = match side {
            Side::Answer => (&e.answer, &e.cue),
            Side::Cue => (&e.cue, &e.answer),
        };
        if mine.key_empty
            || other.key_hash == query.other_side_hash
            || query.truths.contains(&mine.key_hash)
        {
            return None;
        }
        let closeness = match query.ty {
            Some(ty) => {
                if mine.ty != ty || query.deck_only && e.deck != query.deck {
                    return None;
                }
                match ty {
                    // Numbers and dates must also be near in value and share a unit.
                    AnswerType::Year
                    | AnswerType::FullDate
                    | AnswerType::MonthYear
                    | AnswerType::Count => compatible(&query.form, &mine.form)?,
                    _ => 0,
                }
            }
            None => compatible(&query.form, &mine.form)?,
        };
        if query.fair != Fairness::default() || query.plausible.is_active() {
            let entry = &self.entries[i as usize];
            let text = match side {
                Side::Answer => entry.answer_text,
                Side::Cue => entry.cue_text,
            };
            if !query.fair.allows(text) || !query.plausible.allows(text) {
                return None;
            }
        }
        let mut score = i64::from(query.shape.similarity(&mine.shape)) + closeness;
        if query.deck != NONE && e.deck == query.deck {
            score += 4;
        }
        if query.labels.topic != NONE && e.labels.topic == query.labels.topic {
            score += 6;
        }
        let shared =
            e.labels.tags.iter().filter(|t| **t != NONE && query.labels.tags.contains(t)).count();
        score += 2 * i64::try_from(shared).unwrap_or(0);
        Some(score)
    }
}

/// A target as scoring sees it.
struct Query {
    /// Candidates only from the target's deck (see [`AnswerType::is_open`]).
    deck_only: bool,
    own: Option<u32>,
    kind: FactKind,
    shape: Shape,
    form: FormKey,
    other_side_hash: u64,
    labels: Labels,
    ty: Option<AnswerType>,
    /// The target's deck (interned), or `NONE`.
    deck: u32,
    /// Key hashes the library makes true of the target's other side.
    truths: Vec<u64>,
    fair: Fairness,
    /// What every option must share with the right one beyond its type.
    plausible: Plausible,
    /// The other side's key (the question's cue), whose names a made-up option must avoid.
    other_side_key: String,
    /// Options wanted: made-up options are built so that one part varies across them all.
    slots: usize,
    variant: u64,
}

/// Generated values for a target of a type with a sibling set: years, dates and counts from
/// the form, articles, schedules, amendments, ordinals, places and counts in words from
/// [`answer_type::siblings`]. A description never gets any, even when it starts with a number.
fn generate(ty: AnswerType, form: &Form, text: &str, fair: &Fairness) -> Vec<(i64, Gen)> {
    match ty {
        AnswerType::Year | AnswerType::FullDate | AnswerType::MonthYear => generated(form),
        AnswerType::Count if matches!(form, Form::Number(_)) => generated(form),
        t if t.has_siblings() => answer_type::siblings(t, text)
            .into_iter()
            .filter(|(_, s)| fair.allows(s))
            .map(|(score, s)| (score, Gen::Text(s)))
            .collect(),
        _ => Vec::new(),
    }
}

/// A small stable number for a fact kind.
fn kind_code(kind: FactKind) -> u8 {
    FactKind::ALL.iter().position(|k| *k == kind).map_or(u8::MAX - 1, |i| i as u8)
}

/// Can a sibling answer of form `theirs` stand in for `ours`? Returns a closeness bonus.
fn compatible(ours: &FormKey, theirs: &FormKey) -> Option<i64> {
    if ours.class != theirs.class {
        return None;
    }
    match ours.class {
        // Years.
        1 => {
            let d = (ours.year - theirs.year).abs();
            // Within a decade, like the generated years; closer is better.
            (d <= 10).then_some(4 - i64::from(d / 3))
        }
        // Months and years, dates.
        2 | 3 => ((ours.year - theirs.year).abs() <= 10).then_some(2),
        // Numbers: the same unit and magnitude.
        4 => {
            let (x, y) = (ours.value, theirs.value);
            let ratio = if x.min(y) <= 0.0 { f64::INFINITY } else { x.max(y) / x.min(y) };
            (ours.unit == theirs.unit && (ratio <= 10.0 || x.max(y) <= 20.0)).then_some(2)
        }
        _ => Some(0),
    }
}

fn value(n: &Number) -> f64 {
    n.scaled as f64 / 10f64.powi(i32::from(n.decimals))
}

/// Generated nearby values for years, dates and numbers, with scores comparable to siblings'.
fn generated(form: &Form) -> Vec<(i64, Gen)> {
    let mut out = Vec::new();
    match *form {
        Form::Year(y) => {
            for d in 1..=10 {
                let score = 10 - i64::from(d) / 2;
                out.push((score, Gen::Year(y - d)));
                out.push((score, Gen::Year(y + d)));
            }
        }
        Form::MonthYear { month, year, .. } => {
            for m in 1..=12u8 {
                if m != month {
                    let d = i64::from(m.abs_diff(month));
                    out.push((10 - d / 2, Gen::MonthYear { month: m, year }));
                }
            }
            for d in [1, 2] {
                for y in [year - d, year + d] {
                    out.push((8, Gen::MonthYear { month, year: y }));
                }
            }
        }
        Form::Date { day, month, year, .. } => {
            for d in 1..=6u8 {
                for day2 in [day.saturating_sub(d), day.saturating_add(d)] {
                    if (1..=28).contains(&day2) && day2 != day {
                        out.push((10 - i64::from(d) / 2, Gen::Date { day: day2, month, year }));
                    }
                }
            }
            for m in [month.saturating_sub(1), month.saturating_add(1)] {
                if (1..=12).contains(&m) && day <= 28 {
                    out.push((8, Gen::Date { day, month: m, year }));
                }
            }
            for y in [year - 1, year + 1] {
                out.push((8, Gen::Date { day, month, year: y }));
            }
        }
        Form::Number(ref n) => {
            let v = n.scaled;
            let unit = 10i64.pow(u32::from(n.decimals));
            let min = if v >= unit { unit } else { 0 };
            let percent = n.suffix.trim_start().starts_with('%') && v <= 100 * unit;
            let max = if percent { 100 * unit } else { i64::MAX };
            let step = if v.abs() < 10 * unit && n.decimals == 0 {
                1
            } else {
                let digits = v.unsigned_abs().checked_ilog10().unwrap_or(0);
                10i64.pow(digits.saturating_sub(1))
            };
            for k in 1..=8i64 {
                for c in [v.saturating_sub(k * step), v.saturating_add(k * step)] {
                    if c >= min && c <= max && c != v {
                        out.push((10 - k, Gen::Number(c)));
                    }
                }
            }
        }
        Form::Text => {}
    }
    out
}

/// How much worse than the last slot a candidate may score and still take turns in the window.
const WINDOW_MARGIN: i64 = 3;

/// Picks `slots` candidates: ranked, deduplicated, then a run of `slots` starting at `variant`
/// in the window of the best ones (see [`WINDOW_MARGIN`]).
fn choose<'s, C>(
    cands: &'s mut [(i64, C)],
    exclude: &[u64],
    slots: usize,
    variant: u64,
    resolve: impl Fn(&'s C) -> (Cow<'s, str>, u64),
) -> Vec<String> {
    // Unstable but deterministic: the same candidates in the same order sort the same way.
    cands.sort_unstable_by_key(|c| std::cmp::Reverse(c.0));
    // Only the best 2 × slots distinct candidates can ever be used.
    let limit = 2 * slots;
    let cands: &'s [(i64, C)] = cands;
    // Keys are compared by hash (see [`SideInfo::key_hash`]): equal keys always collide, so
    // an accepted answer or a repeat is never let through.
    let empty = hash_str("");
    let mut ranked: Vec<(i64, Cow<'s, str>, u64)> = Vec::with_capacity(limit);
    for (score, cand) in cands {
        let score = *score;
        let (text, key) = resolve(cand);
        if key == empty || exclude.contains(&key) || ranked.iter().any(|r| r.2 == key) {
            continue;
        }
        ranked.push((score, text, key));
        if ranked.len() == limit {
            break;
        }
    }
    if ranked.len() <= slots {
        return ranked.into_iter().map(|(_, t, _)| t.into_owned()).collect();
    }
    // The window: candidates nearly as good as the last slot, at least one more than the slots
    // (for variety) and at most twice as many (for quality).
    let floor = ranked[slots - 1].0 - WINDOW_MARGIN;
    let close = ranked.iter().take_while(|(score, _, _)| *score >= floor).count();
    let window = close.clamp(slots + 1, 2 * slots).min(ranked.len());
    let offset = usize::try_from(variant % window as u64).unwrap_or(0);
    (0..slots).map(|k| ranked[(offset + k) % window].1.to_string()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quiz::shape::DateStyle;

    /// Generated values written out, with their scores.
    fn written(form: &Form) -> Vec<(i64, String)> {
        generated(form).into_iter().map(|(score, g)| (score, g.write(form))).collect()
    }

    #[test]
    fn generated_years_stay_within_a_decade() {
        let g = written(&Form::Year(2018));
        assert_eq!(g.len(), 20);
        for (_, y) in g {
            let y: i32 = y.parse().unwrap();
            assert!((2008..=2028).contains(&y) && y != 2018);
        }
    }

    #[test]
    fn generated_numbers_keep_magnitude_format_and_sign() {
        for (_, s) in written(&Form::of("2")) {
            let v: i64 = s.parse().unwrap();
            assert!(v >= 1 && v != 2, "{s}");
        }
        for (_, s) in written(&Form::of("1,930 km")) {
            assert!(s.ends_with(" km") && s.contains(','), "{s}");
        }
        for (_, s) in written(&Form::of("95%")) {
            let v: i64 = s.trim_end_matches('%').parse().unwrap();
            assert!(v <= 100, "{s}");
        }
        let zero = written(&Form::of("0"));
        assert!(zero.iter().all(|(_, s)| !s.starts_with('-')));
    }

    #[test]
    fn generated_dates_keep_their_style() {
        for (_, s) in written(&Form::of("September 2018")) {
            assert!(matches!(Form::of(&s), Form::MonthYear { short: false, .. }), "{s}");
        }
        for (_, s) in written(&Form::of("6 Sep 2018")) {
            assert!(
                matches!(
                    Form::of(&s),
                    Form::Date { style: DateStyle::DayMonth { short: true }, .. }
                ),
                "{s}"
            );
        }
    }

    #[test]
    fn choose_rotates_with_the_round() {
        let cands: Vec<(i64, String)> = (0..10).map(|i| (10 - i, format!("option {i}"))).collect();
        #[allow(clippy::ptr_arg)] // must match the candidate type, `String`
        fn resolve(s: &String) -> (Cow<'_, str>, u64) {
            (Cow::Borrowed(s.as_str()), hash_str(&normalize::key(s)))
        }
        for seed in 0..20 {
            let a = choose(&mut cands.clone(), &[], 3, seed, resolve);
            let b = choose(&mut cands.clone(), &[], 3, seed + 1, resolve);
            assert_ne!(a, b);
            // Only the best 2 × slots are ever used.
            assert!(a.iter().all(|o| o.as_str() < "option 6"), "{a:?}");
        }
        let few = choose(&mut cands[..2].to_vec(), &[hash_str("option 0")], 3, 0, resolve);
        assert_eq!(few, vec!["option 1"]);
    }
}
