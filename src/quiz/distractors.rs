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
//! Variety without luck: the best candidates (those scoring within [`WINDOW_MARGIN`] of the
//! last slot, at least `slots + 1` and at most `2 × slots`) form a window and the slots are
//! the run of that window starting at `variant` (modulo its size). Large buckets are sampled from
//! a start derived from `variant` too. So the choice is a pure function of the card and the
//! variant: the same variant gives the same set, and two consecutive variants never give the
//! identical set when the pool is larger than the slots (the window moves by one). No random
//! generator is needed here; the caller shuffles the options.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use super::normalize;
use super::shape::{DateStyle, Form, Number, Shape, ShapeClass, write_date};
use crate::deck::{Deck, Fact, FactKind, Library};

/// The most facts scored from one bucket per query.
pub const SAMPLE: usize = 32;

/// One fact as the pool sees it.
#[derive(Debug)]
struct Entry<'a> {
    fact: &'a Fact,
    answer_key: String,
    cue_key: String,
    answer_shape: Shape,
    cue_shape: Shape,
    answer_form: Form,
    cue_form: Form,
    /// Keys of the answer and every `accept`.
    accepted_keys: Vec<String>,
}

/// A candidate distractor: its score, text as shown and key (see [`normalize::key`]), the key
/// computed only if the candidate gets near the top.
type Cand<'s> = (i64, Cow<'s, str>, Option<&'s str>);

/// The distractor index over a library. Build it once per library; queries are cheap.
#[derive(Debug, Default)]
pub struct Pool<'a> {
    entries: Vec<Entry<'a>>,
    by_kind: HashMap<FactKind, Vec<u32>>,
    by_topic: HashMap<(FactKind, &'a str), Vec<u32>>,
    by_answer_shape: HashMap<(FactKind, ShapeClass), Vec<u32>>,
    by_cue_shape: HashMap<(FactKind, ShapeClass), Vec<u32>>,
    index: HashMap<(&'a str, &'a str), u32>,
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
    pub exclude: Vec<String>,
    /// The fact itself, if it is in the pool.
    pub own: Option<u32>,
    /// Draw from sibling facts on this side; `None` for generated values only.
    pub side: Option<Side>,
    /// Keys of the other side of the fact: a sibling sharing it is an alias, not a distractor.
    pub other_side_key: String,
}

impl<'a> Pool<'a> {
    pub fn new(library: &'a Library) -> Pool<'a> {
        Pool::from_facts(library.facts())
    }

    /// Indexes the given facts (with their decks), e.g. one deck.
    pub fn from_facts(facts: impl IntoIterator<Item = (&'a Deck, &'a Fact)>) -> Pool<'a> {
        let mut pool = Pool::default();
        for (deck, fact) in facts {
            let Ok(i) = u32::try_from(pool.entries.len()) else { break };
            let answer_shape = Shape::of(&fact.answer);
            let cue_shape = Shape::of(&fact.cue);
            pool.by_kind.entry(fact.kind).or_default().push(i);
            if let Some(topic) = &fact.topic {
                pool.by_topic.entry((fact.kind, topic.as_str())).or_default().push(i);
            }
            pool.by_answer_shape.entry((fact.kind, answer_shape.class())).or_default().push(i);
            pool.by_cue_shape.entry((fact.kind, cue_shape.class())).or_default().push(i);
            pool.index.insert((deck.id.as_str(), fact.id.as_str()), i);
            pool.entries.push(Entry {
                fact,
                answer_key: normalize::key(&fact.answer),
                cue_key: normalize::key(&fact.cue),
                answer_shape,
                cue_shape,
                answer_form: Form::of(&fact.answer),
                cue_form: Form::of(&fact.cue),
                accepted_keys: std::iter::once(&fact.answer)
                    .chain(&fact.accept)
                    .map(|a| normalize::key(a))
                    .collect(),
            });
        }
        pool
    }

    /// The pool's id for a fact, if it was indexed.
    pub fn position(&self, deck: &Deck, fact: &Fact) -> Option<u32> {
        self.index.get(&(deck.id.as_str(), fact.id.as_str())).copied()
    }

    /// The keys of the answer and every `accept` of an indexed fact.
    pub fn accepted_keys(&self, i: u32) -> Option<&[String]> {
        self.entries.get(i as usize).map(|e| e.accepted_keys.as_slice())
    }

    /// The form and shape of `text`, taken from the index when it is an indexed fact's own
    /// answer or cue.
    fn form_and_shape(&self, target: &Target<'_>) -> (Form, Shape) {
        if let Some(e) = target.own.and_then(|i| self.entries.get(i as usize)) {
            if target.text == e.fact.answer.trim() {
                return (e.answer_form.clone(), e.answer_shape.clone());
            }
            if target.text == e.fact.cue.trim() {
                return (e.cue_form.clone(), e.cue_shape.clone());
            }
        }
        (Form::of(target.text), Shape::of(target.text))
    }

    /// The number of facts indexed.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Up to `slots` distractors for `target`, best first, never equal to each other or to an
    /// excluded key. Fewer when the library cannot supply them.
    pub fn distractors(&self, target: &Target<'_>, slots: usize, variant: u64) -> Vec<String> {
        if slots == 0 {
            return Vec::new();
        }
        let (form, shape) = self.form_and_shape(target);
        let mut cands: Vec<Cand<'_>> = Vec::new();
        if let Some(side) = target.side {
            let topic_bucket = target.topic.and_then(|t| self.by_topic.get(&(target.kind, t)));
            let shape_buckets = match side {
                Side::Answer => &self.by_answer_shape,
                Side::Cue => &self.by_cue_shape,
            };
            let buckets = [
                topic_bucket,
                shape_buckets.get(&(target.kind, shape.class())),
                self.by_kind.get(&target.kind),
            ];
            for bucket in buckets.into_iter().flatten() {
                // A fact in several buckets is scored twice; `choose` drops the repeat.
                for i in sample(bucket, SAMPLE, variant) {
                    if let Some(score) = self.score(i, target, side, &form, &shape) {
                        let e = &self.entries[i as usize];
                        let (text, key) = match side {
                            Side::Answer => (&e.fact.answer, &e.answer_key),
                            Side::Cue => (&e.fact.cue, &e.cue_key),
                        };
                        cands.push((score, Cow::Borrowed(text.trim()), Some(key.as_str())));
                    }
                }
            }
        }
        cands.extend(
            generated(&form).into_iter().map(|(score, text)| (score, Cow::Owned(text), None)),
        );
        choose(cands, &target.exclude, slots, variant)
    }

    /// How many distinct distractors `target` could get (up to `need`), without randomness:
    /// for lints.
    pub fn count(&self, target: &Target<'_>, need: usize) -> usize {
        let form = Form::of(target.text);
        let mut keys: HashSet<String> = HashSet::new();
        for (_, text) in generated(&form) {
            let key = normalize::key(&text);
            if !target.exclude.contains(&key) {
                keys.insert(key);
            }
            if keys.len() >= need {
                return need;
            }
        }
        let Some(side) = target.side else { return keys.len() };
        let shape = Shape::of(target.text);
        for &i in self.by_kind.get(&target.kind).map_or(&[][..], Vec::as_slice) {
            if self.score(i, target, side, &form, &shape).is_some() {
                let e = &self.entries[i as usize];
                let key = match side {
                    Side::Answer => &e.answer_key,
                    Side::Cue => &e.cue_key,
                };
                if !target.exclude.contains(key) {
                    keys.insert(key.clone());
                }
                if keys.len() >= need {
                    return need;
                }
            }
        }
        keys.len()
    }

    /// The score of entry `i` as a distractor for `target`, or `None` if it must not be used.
    fn score(
        &self,
        i: u32,
        target: &Target<'_>,
        side: Side,
        form: &Form,
        shape: &Shape,
    ) -> Option<i64> {
        if Some(i) == target.own {
            return None;
        }
        let e = &self.entries[i as usize];
        let (key, other_key, e_shape, e_form) = match side {
            Side::Answer => (&e.answer_key, &e.cue_key, &e.answer_shape, &e.answer_form),
            Side::Cue => (&e.cue_key, &e.answer_key, &e.cue_shape, &e.cue_form),
        };
        if key.is_empty() || *other_key == target.other_side_key {
            return None;
        }
        let closeness = compatible(form, e_form)?;
        let mut score = i64::from(shape.similarity(e_shape)) + closeness;
        if target.topic.is_some() && e.fact.topic.as_deref() == target.topic {
            score += 6;
        }
        let shared = e.fact.tags.iter().filter(|t| target.tags.contains(t)).count();
        score += 2 * i64::try_from(shared.min(3)).unwrap_or(3);
        Some(score)
    }
}

/// Can a sibling answer of form `theirs` stand in for `ours`? Returns a closeness bonus.
fn compatible(ours: &Form, theirs: &Form) -> Option<i64> {
    if ours.class() != theirs.class() {
        return None;
    }
    match (ours, theirs) {
        (Form::Year(a), Form::Year(b)) => {
            let d = (a - b).abs();
            (d <= 15).then_some(4 - i64::from(d / 4))
        }
        (Form::MonthYear { year: a, .. }, Form::MonthYear { year: b, .. })
        | (Form::Date { year: a, .. }, Form::Date { year: b, .. }) => {
            ((a - b).abs() <= 10).then_some(2)
        }
        (Form::Number(a), Form::Number(b)) => {
            let same_unit = a.suffix.trim().eq_ignore_ascii_case(b.suffix.trim())
                && a.prefix.trim() == b.prefix.trim();
            let (x, y) = (value(a), value(b));
            let ratio = if x.min(y) <= 0.0 { f64::INFINITY } else { x.max(y) / x.min(y) };
            (same_unit && (ratio <= 10.0 || x.max(y) <= 20.0)).then_some(2)
        }
        _ => Some(0),
    }
}

fn value(n: &Number) -> f64 {
    n.scaled as f64 / 10f64.powi(i32::from(n.decimals))
}

/// Up to `limit` members of `bucket`: all of a small bucket, else a run from a start that moves
/// with `variant`.
fn sample(bucket: &[u32], limit: usize, variant: u64) -> Vec<u32> {
    if bucket.len() <= limit {
        return bucket.to_vec();
    }
    let len = bucket.len() as u64;
    let start = usize::try_from(variant % len).unwrap_or(0);
    (0..limit).map(|k| bucket[(start + k) % bucket.len()]).collect()
}

/// Generated nearby values for years, dates and numbers, with scores comparable to siblings'.
fn generated(form: &Form) -> Vec<(i64, String)> {
    let mut out = Vec::new();
    match form {
        Form::Year(y) => {
            for d in 1..=10 {
                let score = 10 - i64::from(d) / 2;
                out.push((score, (y - d).to_string()));
                out.push((score, (y + d).to_string()));
            }
        }
        Form::MonthYear { month, year, short } => {
            for m in 1..=12u8 {
                if m != *month {
                    let d = i64::from(m.abs_diff(*month));
                    out.push((
                        10 - d / 2,
                        format!("{} {year}", super::shape::month_name(m, *short)),
                    ));
                }
            }
            for d in [1, 2] {
                for y in [year - d, year + d] {
                    out.push((8, format!("{} {y}", super::shape::month_name(*month, *short))));
                }
            }
        }
        Form::Date { day, month, year, style } => {
            let style: DateStyle = *style;
            for d in 1..=6u8 {
                for day2 in [day.saturating_sub(d), day.saturating_add(d)] {
                    if (1..=28).contains(&day2) && day2 != *day {
                        out.push((10 - i64::from(d) / 2, write_date(day2, *month, *year, style)));
                    }
                }
            }
            for m in [month.saturating_sub(1), month.saturating_add(1)] {
                if (1..=12).contains(&m) && *day <= 28 {
                    out.push((8, write_date(*day, m, *year, style)));
                }
            }
            for y in [year - 1, year + 1] {
                out.push((8, write_date(*day, *month, y, style)));
            }
        }
        Form::Number(n) => {
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
                        out.push((10 - k, n.write(c)));
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
fn choose<'s>(
    mut cands: Vec<Cand<'s>>,
    exclude: &'s [String],
    slots: usize,
    variant: u64,
) -> Vec<String> {
    // Stable: ties keep bucket order, which is deterministic for a variant.
    cands.sort_by_key(|c| std::cmp::Reverse(c.0));
    // Only the best 2 × slots distinct candidates can ever be used.
    let limit = 2 * slots;
    let mut ranked: Vec<(i64, Cow<'s, str>, Cow<'s, str>)> = Vec::with_capacity(limit);
    for (score, text, key) in cands {
        let key = match key {
            Some(k) => Cow::Borrowed(k),
            None => Cow::Owned(normalize::key(&text)),
        };
        if key.is_empty() || exclude.iter().any(|e| *e == *key) || ranked.iter().any(|r| r.2 == key)
        {
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

    #[test]
    fn generated_years_stay_within_a_decade() {
        let g = generated(&Form::Year(2018));
        assert_eq!(g.len(), 20);
        for (_, y) in g {
            let y: i32 = y.parse().unwrap();
            assert!((2008..=2028).contains(&y) && y != 2018);
        }
    }

    #[test]
    fn generated_numbers_keep_magnitude_format_and_sign() {
        for (_, s) in generated(&Form::of("2")) {
            let v: i64 = s.parse().unwrap();
            assert!(v >= 1 && v != 2, "{s}");
        }
        for (_, s) in generated(&Form::of("1,930 km")) {
            assert!(s.ends_with(" km") && s.contains(','), "{s}");
        }
        for (_, s) in generated(&Form::of("95%")) {
            let v: i64 = s.trim_end_matches('%').parse().unwrap();
            assert!(v <= 100, "{s}");
        }
        let zero = generated(&Form::of("0"));
        assert!(zero.iter().all(|(_, s)| !s.starts_with('-')));
    }

    #[test]
    fn generated_dates_keep_their_style() {
        for (_, s) in generated(&Form::of("September 2018")) {
            assert!(matches!(Form::of(&s), Form::MonthYear { short: false, .. }), "{s}");
        }
        for (_, s) in generated(&Form::of("6 Sep 2018")) {
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
        let cands: Vec<Cand<'static>> =
            (0..10).map(|i| (10 - i, Cow::Owned(format!("option {i}")), None)).collect();
        for seed in 0..20 {
            let a = choose(cands.clone(), &[], 3, seed);
            let b = choose(cands.clone(), &[], 3, seed + 1);
            assert_ne!(a, b);
            // Only the best 2 × slots are ever used.
            assert!(a.iter().all(|o| o.as_str() < "option 6"), "{a:?}");
        }
        let few = choose(cands[..2].to_vec(), &["option 0".into()], 3, 0);
        assert_eq!(few, vec!["option 1"]);
    }
}
