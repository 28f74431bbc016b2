//! Review histories from outside recall (CSV logs) and their conversion into the training and
//! evaluation items of the `fsrs` crate.
//!
//! The conversion follows the one Anki and the fsrs crate's own tests use
//! (`convert_to_fsrs_items` in fsrs-rs): each card's reviews in time order, days counted between
//! learner days (a day starts at the rollover hour in the learner's zone), one [`FSRSItem`] per
//! review after the first whose `delta_t` is at least one day, holding the card's whole history
//! before it. Same-day repeats therefore appear inside histories as `delta_t = 0` entries (the
//! short-term reviews FSRS-6 models) but are never predicted themselves. Items are ordered by
//! the time of the review they predict, which the recency weighting and the time-series splits
//! of the crate rely on.

pub mod csv;

use std::collections::BTreeMap;

use fsrs::{FSRSItem, FSRSReview};

pub use self::csv::{LogError, ParsedLog, ReadLogError, RowProblem, parse_log, read_log};

use crate::schedule::{Grade, LearnerDays};

/// One answer from a review log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReviewRecord {
    /// The log's own card id: only used to group reviews, never matched to deck cards here.
    pub card_id: i64,
    pub rating: Grade,
    pub reviewed_at: jiff::Timestamp,
    /// Time spent answering, when the log has it.
    pub duration_ms: Option<u32>,
}

/// FSRS items built from a log, with the card each item came from.
#[derive(Clone, Debug, Default)]
pub struct HistoryItems {
    /// One item per long-term review (a review at least a day after the card's previous one),
    /// ordered by the time of that review.
    pub items: Vec<FSRSItem>,
    /// The log's card id of each item, aligned with `items` (the crate's `card_ids`).
    pub card_ids: Vec<i64>,
    /// When the review each item ends with was made, aligned with `items` (so ascending).
    pub times: Vec<jiff::Timestamp>,
    /// All reviews in the log, including first and same-day reviews.
    pub reviews: usize,
    /// Distinct cards.
    pub cards: usize,
}

/// Turns a log into FSRS items, counting days with `days`.
pub fn to_fsrs_items(records: &[ReviewRecord], days: &LearnerDays) -> HistoryItems {
    let mut per_card: BTreeMap<i64, Vec<&ReviewRecord>> = BTreeMap::new();
    for record in records {
        per_card.entry(record.card_id).or_default().push(record);
    }
    let cards = per_card.len();
    let mut keyed: Vec<(jiff::Timestamp, i64, FSRSItem)> = Vec::new();
    for (card_id, mut reviews) in per_card {
        // A stable sort keeps file order for reviews logged in the same millisecond.
        reviews.sort_by_key(|r| r.reviewed_at);
        let mut history: Vec<FSRSReview> = Vec::with_capacity(reviews.len());
        let mut previous_day: Option<i64> = None;
        for review in reviews {
            let day = days.day_number(review.reviewed_at);
            let delta_t = previous_day.map_or(0, |p| u32::try_from(day - p).unwrap_or(0));
            previous_day = Some(day);
            history.push(FSRSReview { rating: u32::from(review.rating.number()), delta_t });
            if history.len() > 1 && delta_t > 0 {
                keyed.push((review.reviewed_at, card_id, FSRSItem { reviews: history.clone() }));
            }
        }
    }
    keyed.sort_by_key(|(at, _, _)| *at);
    let times = keyed.iter().map(|(at, _, _)| *at).collect();
    let (items, card_ids) = keyed.into_iter().map(|(_, card, item)| (item, card)).unzip();
    HistoryItems { items, card_ids, times, reviews: records.len(), cards }
}

/// The learner's own history from the store as log records: each distinct card key gets a
/// number (in order of first appearance) to group its reviews by.
pub fn records_from_store(log: &[crate::store::LoggedReview]) -> Vec<ReviewRecord> {
    let mut ids: std::collections::HashMap<&str, i64> = std::collections::HashMap::new();
    log.iter()
        .map(|r| {
            let next = ids.len() as i64;
            let card_id = *ids.entry(r.card.as_str()).or_insert(next);
            ReviewRecord { card_id, rating: r.grade, reviewed_at: r.time, duration_ms: None }
        })
        .collect()
}

/// The learner's own history in the store as FSRS items, days counted with `days` (their zone
/// and rollover hour): what `recall optimize` fits and `recall evaluate` scores by default.
pub fn store_history(
    store: &crate::store::Store,
    days: &LearnerDays,
) -> Result<HistoryItems, crate::store::StoreError> {
    let log = store.review_log()?;
    let records = records_from_store(&log);
    Ok(to_fsrs_items(&records, days))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::tz::TimeZone;

    fn at(s: &str) -> jiff::Timestamp {
        s.parse().unwrap()
    }

    fn rec(card_id: i64, rating: Grade, time: &str) -> ReviewRecord {
        ReviewRecord { card_id, rating, reviewed_at: at(time), duration_ms: None }
    }

    fn utc4() -> LearnerDays {
        LearnerDays::new(TimeZone::UTC, 4)
    }

    fn review(rating: u32, delta_t: u32) -> FSRSReview {
        FSRSReview { rating, delta_t }
    }

    #[test]
    fn days_roll_over_at_the_hour() {
        let d = utc4();
        assert_eq!(d.day_number(at("1970-01-01T04:00:00Z")), 0);
        assert_eq!(d.day_number(at("1970-01-02T03:59:59Z")), 0);
        assert_eq!(d.day_number(at("1970-01-02T04:00:00Z")), 1);
        let kolkata = LearnerDays::new(TimeZone::get("Asia/Kolkata").unwrap(), 4);
        // 23:00 UTC is 04:30 the next morning in Kolkata: already the next learner day.
        assert_eq!(kolkata.day_number(at("1970-01-01T23:00:00Z")), 1);
        assert_eq!(d.day_number(at("1970-01-01T23:00:00Z")), 0);
    }

    #[test]
    fn same_day_repeats_are_history_only() {
        use Grade::*;
        let records = vec![
            rec(1, Again, "2024-01-01T10:00:00Z"),
            rec(1, Good, "2024-01-01T10:05:00Z"), // same day: history only
            rec(2, Good, "2024-01-01T12:00:00Z"),
            rec(1, Good, "2024-01-02T03:00:00Z"), // before 4 a.m.: still Jan 1
            rec(1, Again, "2024-01-03T09:00:00Z"),
            rec(2, Good, "2024-01-05T09:00:00Z"),
            rec(1, Good, "2024-01-03T09:10:00Z"),
            rec(1, Good, "2024-01-04T09:00:00Z"),
        ];
        let h = to_fsrs_items(&records, &utc4());
        assert_eq!(h.reviews, 8);
        assert_eq!(h.cards, 2);
        assert_eq!(h.card_ids, [1, 1, 2]);
        let a = vec![review(1, 0), review(3, 0), review(3, 0), review(1, 2)];
        assert_eq!(h.items[0].reviews, a);
        let mut b = a.clone();
        b.extend([review(3, 0), review(3, 1)]);
        assert_eq!(h.items[1].reviews, b);
        assert_eq!(h.items[2].reviews, vec![review(3, 0), review(3, 4)]);
    }

    proptest::proptest! {
        #[test]
        fn items_are_time_ordered_prefixes_of_each_card(
            reviews in proptest::collection::vec((0i64..5, 1u8..=4, 0i64..2_000), 0..60)
        ) {
            let records: Vec<ReviewRecord> = reviews
                .iter()
                .map(|&(card, rating, hours)| ReviewRecord {
                    card_id: card,
                    rating: Grade::from_number(rating).unwrap(),
                    reviewed_at: jiff::Timestamp::from_second(hours * 3600).unwrap(),
                    duration_ms: None,
                })
                .collect();
            let h = to_fsrs_items(&records, &utc4());
            proptest::prop_assert_eq!(h.items.len(), h.card_ids.len());
            for (item, card) in h.items.iter().zip(&h.card_ids) {
                let n = records.iter().filter(|r| r.card_id == *card).count();
                proptest::prop_assert!(item.reviews.len() >= 2 && item.reviews.len() <= n);
                proptest::prop_assert_eq!(item.reviews[0].delta_t, 0);
                proptest::prop_assert!(item.reviews.last().unwrap().delta_t > 0);
            }
            // Every review that starts a new learner day for its card, except a card's first,
            // is predicted exactly once.
            let mut expected = 0;
            for card in 0..5 {
                let mut days: Vec<i64> = records
                    .iter()
                    .filter(|r| r.card_id == card)
                    .map(|r| utc4().day_number(r.reviewed_at))
                    .collect();
                days.sort();
                expected += days.windows(2).filter(|w| w[1] > w[0]).count();
            }
            proptest::prop_assert_eq!(h.items.len(), expected);
        }
    }
}
