//! What the learner did: answers per day, true retention by window, accuracy per fact, the
//! streak of study days and the time spent.
//!
//! The review history is the big input (a million rows after a few years), so
//! [`review_tallies`] reads it once, allocates nothing per review, and places each review in its
//! learner day by a sorted search over precomputed day starts instead of a time-zone lookup.

use jiff::civil::Date;
use serde::Serialize;

use super::days::{LearnerDays, add_days, monday_of};
use super::index::{CardLookup, FactIndex};
use super::input::{CardTally, ReviewFact, SessionFact};
use super::memory::{DayCount, MATURE_DAYS, ratio};
use crate::schedule::Phase;

/// Right answers out of all.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    pub right: u32,
    pub total: u32,
}

impl Tally {
    fn add(&mut self, right: bool) {
        self.right += u32::from(right);
        self.total += 1;
    }

    /// The share right, `None` without answers.
    pub fn share(&self) -> Option<f64> {
        ratio(self.right, self.total)
    }
}

/// Answers to one fact (all its cards, cram included).
pub type FactTally = Tally;

/// True retention over the last `days` learner days (today included).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct RetentionWindow {
    pub days: u32,
    pub young: Tally,
    pub mature: Tally,
    pub all: Tally,
}

/// The windows retention is reported for.
pub const RETENTION_WINDOWS: [u32; 3] = [7, 30, 365];

/// Weeks in the reviews calendar.
pub const HEATMAP_WEEKS: usize = 26;

/// Everything one pass over the reviews yields.
#[derive(Clone, Debug, PartialEq)]
pub struct ReviewTallies {
    /// One entry per [`RETENTION_WINDOWS`] entry.
    pub retention: Vec<RetentionWindow>,
    /// Answers per learner day from the Monday [`HEATMAP_WEEKS`] − 1 weeks before today's
    /// week to today, cram included.
    pub heatmap: Vec<DayCount>,
    /// Answers per library fact, in [`FactIndex`] order.
    pub facts: Vec<FactTally>,
    /// Per library fact, its latest answer read one by one (study, cram or paper): when, and
    /// whether it was right. `None` without one since [`super::report::detail_since`].
    pub last: Vec<Option<(jiff::Timestamp, bool)>>,
    /// Answers to the library's facts, all time.
    pub reviews: u64,
}

/// Tallies the reviews of the library's facts.
///
/// True retention follows Anki's "true retention": only answers to cards in the review state
/// that had a memory before (`phase_before == Review`, a stability known) count, so the first
/// steps of learning and relearning do not flatter the figure; cram answers are left out
/// because cramming asks cards before they are due. Young and mature split by the stability
/// before the answer (under or from [`MATURE_DAYS`]).
pub fn review_tallies(
    index: &FactIndex,
    cards: &CardLookup,
    reviews: &[ReviewFact],
    days: &LearnerDays,
    today: Date,
) -> ReviewTallies {
    let window_starts: Vec<_> = RETENTION_WINDOWS
        .iter()
        .map(|w| days.start_of(add_days(today, 1 - i64::from(*w))))
        .collect();
    let mut retention: Vec<RetentionWindow> = RETENTION_WINDOWS
        .iter()
        .map(|&days| RetentionWindow {
            days,
            young: Tally::default(),
            mature: Tally::default(),
            all: Tally::default(),
        })
        .collect();

    let first = add_days(monday_of(today), -7 * (HEATMAP_WEEKS as i64 - 1));
    let span = super::days::days_between(first, today) as usize + 1;
    // day_starts[i]..day_starts[i + 1] is day first + i.
    let day_starts = days.starts(first, span);
    let (heat_from, heat_to) = (day_starts[0], day_starts[span]);
    let mut heat = vec![0u32; span];

    let mut facts = vec![Tally::default(); index.len()];
    let mut last: Vec<Option<(jiff::Timestamp, bool)>> = vec![None; index.len()];
    let mut total = 0u64;
    for review in reviews {
        let Some(fact) = cards.fact_of(review.card) else { continue };
        total += 1;
        facts[fact].add(review.correct);
        if last[fact].is_none_or(|(t, _)| t <= review.time) {
            last[fact] = Some((review.time, review.correct));
        }

        let t = review.time;
        if t >= heat_from && t < heat_to {
            let day = day_starts.partition_point(|s| *s <= t) - 1;
            heat[day] += 1;
        }

        if review.cram || review.phase_before != Phase::Review {
            continue;
        }
        let Some(stability) = review.stability_before else { continue };
        for (window, start) in retention.iter_mut().zip(&window_starts) {
            if t >= *start {
                window.all.add(review.correct);
                if stability >= MATURE_DAYS {
                    window.mature.add(review.correct);
                } else {
                    window.young.add(review.correct);
                }
            }
        }
    }
    let heatmap = heat
        .into_iter()
        .enumerate()
        .map(|(i, count)| DayCount { date: add_days(first, i as i64), count })
        .collect();
    ReviewTallies { retention, heatmap, facts, last, reviews: total }
}

/// Adds answers counted per card (older than the windows of [`review_tallies`]) to the
/// per-fact accuracy and the review total.
pub fn add_counted(tallies: &mut ReviewTallies, cards: &CardLookup, counted: &[CardTally]) {
    for c in counted {
        let Some(fact) = cards.fact_of(c.card) else { continue };
        let tally = &mut tallies.facts[fact];
        tally.right += c.right.min(c.reviews);
        tally.total += c.reviews;
        tallies.reviews += u64::from(c.reviews);
    }
}

/// Consecutive learner days with a session, ending today, or yesterday when today has none yet
/// (the streak is not lost before the day is over). A day without a session breaks it. Only
/// sessions with at least one question count.
pub fn streak(sessions: &[SessionFact], days: &LearnerDays, today: Date) -> u32 {
    let mut active: Vec<Date> =
        sessions.iter().filter(|s| s.questions > 0).map(|s| days.day_of(s.started)).collect();
    active.sort_unstable();
    active.dedup();
    let has = |d: Date| active.binary_search(&d).is_ok();
    let mut day = if has(today) {
        today
    } else if has(add_days(today, -1)) {
        add_days(today, -1)
    } else {
        return 0;
    };
    let mut n = 0;
    while has(day) {
        n += 1;
        day = add_days(day, -1);
    }
    n
}

/// Total time spent in the sessions `recall history` lists ([`super::history::is_listed`]), in
/// seconds: the figure must add up from the rows the learner can see.
pub fn study_time_seconds(sessions: &[SessionFact]) -> u64 {
    sessions.iter().filter(|s| super::history::is_listed(s)).map(|s| s.duration_seconds).sum()
}
