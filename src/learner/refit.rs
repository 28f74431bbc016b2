//! Refitting the learner's FSRS parameters automatically while an exam is ahead, so that the
//! exam-date plan rests on the learner's own memory and not on the defaults.
//!
//! Simulated real learners (issue 18, BENCHMARKS.md) showed that a plan made with the default
//! parameters reaches the exam target for under half of them; refitting as soon as the
//! history allows, and again each time it has grown by half, is what brought most of the rest
//! within it; the last refit comes three days before the exam and none after it
//! ([`refit_due_before_exam`]). `recall study` calls [`auto_refit`] when it starts and a deck
//! has an exam ahead; `recall simulate` follows the same rule every simulated morning. The fit
//! is `recall optimize`'s (kept only if it predicts the history better), so a learner never
//! ends up with parameters worse than before.

use jiff::Timestamp;
use jiff::civil::Date;

use crate::learner::calibrate;
use crate::learner::evaluate::{self, MIN_FIT_ITEMS};
use crate::learner::log::{self, HistoryItems};
use crate::schedule::{LearnerDays, Scheduler, StudyDay, days_between};
use crate::settings::Settings;
use crate::store::Store;

/// A refit is due once the history has grown by this fraction's inverse (2: by half) since
/// the last fit. Refitting at each doubling reached the target for 179 of 200 simulated real
/// learners, at each half 185 (the late fits catch fast forgetters the earlier ones did not
/// yet see; BENCHMARKS.md, issue 18).
const REFIT_GROWTH_DIVISOR: u64 = 2;

/// Whether a history of `items` long-term reviews calls for a refit, the last fit having been
/// on `last_fit` of them (`None`: never fitted): first at [`MIN_FIT_ITEMS`], then each time
/// the history has grown by half. Geometric growth keeps the number of fits logarithmic in
/// the history (each costs a few seconds on a long history) while the early ones, when the
/// defaults are most wrong, come quickly.
pub fn refit_due(items: usize, last_fit: Option<u64>) -> bool {
    items >= MIN_FIT_ITEMS
        && last_fit.is_none_or(|last| {
            let grown = last.saturating_add(last.div_ceil(REFIT_GROWTH_DIVISOR));
            items as u64 >= grown.max(1)
        })
}

/// The store's history as FSRS items, learner days counted in `day`'s zone and the rollover
/// hour of `settings`.
pub fn history(
    store: &Store,
    settings: &Settings,
    day: &StudyDay,
) -> Result<HistoryItems, crate::store::StoreError> {
    let days = LearnerDays::new(day.tz().clone(), settings.rollover_hour);
    log::store_history(store, &days)
}

/// The calibration in force before an exam session ([`crate::learner::calibrate`]): the
/// check of the long-term reviews of `items` since the fit of the parameters in force (the last
/// [`calibrate::WINDOW`]), predicted with the stored parameters; `None` when they are too few
/// or the learner passes as many as predicted. `recall study` plans the session with it and
/// `recall stats --exam` estimates with it, so the two agree.
///
/// From [`LAST_REFIT_DAYS`] before the exam on (`last_days_from`, the start of that day) the
/// calibration may lower the plan but not raise it above what the reviews before those days
/// said: a raise that late only pulls reviews onto the exam eve, which over 200 simulated
/// learners made the busiest final-fortnight days (BENCHMARKS.md, issue 18).
pub fn calibration(
    store: &Store,
    items: &HistoryItems,
    last_days_from: Option<Timestamp>,
) -> anyhow::Result<Option<calibrate::Check>> {
    let fitted = usize::try_from(store.fsrs_model_fitted_at()?).unwrap_or(usize::MAX);
    let since_fit = items.items.get(fitted..).unwrap_or_default();
    let parameters = store.fsrs_parameters()?.unwrap_or_else(|| fsrs::DEFAULT_PARAMETERS.to_vec());
    let check = |items: &[fsrs::FSRSItem]| -> anyhow::Result<Option<calibrate::Check>> {
        let recent = &items[items.len().saturating_sub(calibrate::WINDOW)..];
        Ok(calibrate::check(&calibrate::predictions(recent, &parameters)?))
    };
    let Some(mut now) = check(since_fit)? else { return Ok(None) };
    if let Some(from) = last_days_from {
        let times = items.times.get(fitted..).unwrap_or_default();
        let before = times.partition_point(|&at| at < from).min(since_fit.len());
        let then = check(&since_fit[..before])?.map_or(0.0, |c| c.gap);
        now.gap = now.gap.min(then);
    }
    Ok(Some(now).filter(|c| c.gap > 0.0))
}

/// The start of the day from which [`calibration`] no longer raises the plan, once the
/// learner's day `today` is within [`LAST_REFIT_DAYS`] of the `exam`; `None` before.
pub fn last_days_from(day: &StudyDay, exam: Date) -> Option<Timestamp> {
    let from = exam.checked_sub(jiff::Span::new().days(LAST_REFIT_DAYS)).ok()?;
    (day.today() >= from).then(|| day.start_of(from))
}

/// The last days before the exam, where the last refit comes (defined with the plan it
/// shapes).
pub use crate::schedule::exam_date::plan::LAST_REFIT_DAYS;

/// [`refit_due`] with an exam `days_left` learner days ahead, the last fit (if any) made
/// `last_fit_days_left` days before it: the usual rule while the exam is further than
/// [`LAST_REFIT_DAYS`]; on that day, one last refit if the history has grown by a fifth since
/// the previous fit; after it, none (a learner who does not study that day goes without).
pub fn refit_due_before_exam(
    items: usize,
    last_fit: Option<u64>,
    days_left: i64,
    last_fit_days_left: Option<i64>,
) -> bool {
    if days_left > LAST_REFIT_DAYS {
        return refit_due(items, last_fit);
    }
    // Only on the day itself: a refit later than that is one the eve has to absorb.
    if days_left < LAST_REFIT_DAYS
        || last_fit_days_left.is_some_and(|d| d <= LAST_REFIT_DAYS)
        || items < MIN_FIT_ITEMS
    {
        return false;
    }
    last_fit.is_none_or(|last| items as u64 >= last.saturating_add(last.div_ceil(5)))
}

/// What an automatic refit did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Refit {
    /// Long-term reviews fitted on.
    pub reviews: usize,
    /// Whether the fitted parameters were kept (they predict the history better).
    pub kept: bool,
    /// Cards whose memory was recomputed.
    pub cards: u64,
}

/// Refits and keeps the result as `recall optimize` would, when [`refit_due`] says so; `None`
/// when it is not due. A fit that is no better is remembered too (as fitted on that many
/// reviews, parameters unchanged), so the next attempt waits for the history to grow by half.
/// `items` is the store's history ([`history`]), read once by the caller, which also
/// calibrates on it.
pub fn auto_refit(
    store: &mut Store,
    settings: &Settings,
    day: &StudyDay,
    now: Timestamp,
    items: &HistoryItems,
    exam: Date,
) -> anyhow::Result<Option<Refit>> {
    let n = items.items.len();
    let days_left = days_between(day.today(), exam);
    let last = store.fsrs_last_fit()?;
    let last_fit_days_left = last.map(|(_, at)| days_between(day.day_of(at), exam));
    if !refit_due_before_exam(n, last.map(|(reviews, _)| reviews), days_left, last_fit_days_left) {
        return Ok(None);
    }
    let current = store.fsrs_parameters()?.unwrap_or_else(|| fsrs::DEFAULT_PARAMETERS.to_vec());
    let fitted = evaluate::refit_if_better(items, &current)?;
    let kept = fitted.is_some();
    let parameters = fitted.unwrap_or(current);
    store.save_fsrs_parameters(&parameters, now, n as u64)?;
    let cards = if kept {
        let scheduler = Scheduler::new(settings, Some(&parameters))?;
        store.recompute_memories(&scheduler, day)?
    } else {
        0
    };
    Ok(Some(Refit { reviews: n, kept, cards }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refits_come_at_the_minimum_and_then_each_growth_by_half() {
        assert!(!refit_due(MIN_FIT_ITEMS - 1, None));
        assert!(refit_due(MIN_FIT_ITEMS, None));
        assert!(!refit_due(95, Some(64)));
        assert!(refit_due(96, Some(64)));
        assert!(!refit_due(5000, Some(4000)));
        assert!(refit_due(6000, Some(4000)));
        // Parameters fitted by hand on a long history are not refitted on a shorter one.
        assert!(!refit_due(300, Some(12_000)));
    }

    #[test]
    fn in_the_last_days_before_the_exam_one_last_refit_at_most() {
        // Far from the exam: the usual rule.
        assert!(refit_due_before_exam(96, Some(64), 10, Some(20)));
        assert!(!refit_due_before_exam(95, Some(64), 10, Some(20)));
        // Three days out: grown by a fifth since a fit made earlier is enough.
        assert!(refit_due_before_exam(77, Some(64), 3, Some(8)));
        assert!(!refit_due_before_exam(76, Some(64), 3, Some(8)));
        assert!(refit_due_before_exam(64, None, 3, None));
        assert!(!refit_due_before_exam(500, Some(77), 3, Some(3)), "once that day");
        // After it, none before the exam, fitted or not.
        assert!(!refit_due_before_exam(500, Some(77), 2, Some(3)));
        assert!(!refit_due_before_exam(500, Some(64), 1, Some(8)));
        assert!(!refit_due_before_exam(500, None, 2, None));
    }

    #[test]
    fn in_the_last_days_the_calibration_lowers_the_plan_but_never_raises_it() {
        use fsrs::{FSRSItem, FSRSReview};
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let day =
            StudyDay::new("2026-03-20T10:00:00Z".parse().unwrap(), jiff::tz::TimeZone::UTC, 4);
        let exam = jiff::civil::date(2026, 3, 23);
        // Reviews three days after a Good: the defaults predict about 0.9 for each.
        let item = |passed: bool| FSRSItem {
            reviews: vec![
                FSRSReview { rating: 3, delta_t: 0 },
                FSRSReview { rating: if passed { 3 } else { 1 }, delta_t: 3 },
            ],
        };
        let history = |before: &[bool], after: &[bool]| {
            let (early, late) = ("2026-03-10T10:00:00Z", "2026-03-20T09:00:00Z");
            let mut h = HistoryItems::default();
            for (passed, at) in
                before.iter().map(|p| (*p, early)).chain(after.iter().map(|p| (*p, late)))
            {
                h.items.push(item(passed));
                h.card_ids.push(h.items.len() as i64);
                h.times.push(at.parse().unwrap());
            }
            h
        };
        let passed = [true; 100];
        let failed: Vec<bool> = (0..100).map(|i| i % 2 == 0).collect();
        // Half of the reviews of the last days failed, all those before passed.
        let h = history(&passed, &failed);
        let from = last_days_from(&day, exam);
        assert_eq!(from, Some(day.start_of(jiff::civil::date(2026, 3, 20))));
        assert_eq!(last_days_from(&day, jiff::civil::date(2026, 3, 24)), None);
        let raised = |from| calibration(&store, &h, from).unwrap().map(|c| c.gap);
        assert!(raised(None).is_some_and(|g| g > 0.0), "far from the exam it raises");
        assert_eq!(raised(from), None, "in the last days it does not");
        // Failed one in five before the last days, then passed: it lowers as before.
        let some_failed: Vec<bool> = (0..100).map(|i| i % 5 != 0).collect();
        let h = history(&some_failed, &[true; 200]);
        let before = calibration(&store, &history(&some_failed, &[]), from).unwrap().unwrap().gap;
        assert!(before > 0.0, "{before}");
        let now = calibration(&store, &h, from).unwrap().map_or(0.0, |c| c.gap);
        assert!(now < before, "{now} {before}");
    }
}
