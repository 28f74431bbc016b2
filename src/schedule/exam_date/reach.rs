//! Can the exam target still be reached at the learner's pace? A pure estimate of the study
//! time the exam-date policy needs from today to the exam, so that `recall stats --exam` can
//! warn early, with the minutes a day (or new facts a day) it would take, instead of letting a
//! learner find out on the exam day. `recall simulate` calls the same function each simulated
//! day and records the first day it warns.
//!
//! The estimate follows each card along the policy's own plan ([`plan::due_window`]): reviewed
//! on the last day of each window and answered correctly, until its recall on the exam day is
//! at or above the target. A review the model expects to fail with probability `1 - R` costs
//! two more answers (the Again and the relearning one). Facts not yet introduced are spread
//! evenly over the days left before the last week and followed the same way from a first Good.
//! Cards in the same memory state are followed once (states are rounded to a sixteenth of a
//! doubling of stability and a tenth of difficulty), so the estimate is quick for thousands of
//! cards.

use std::collections::HashMap;

use fsrs::MemoryState;

use super::plan::{self, DueReason, ExamGoal, Model};
use crate::schedule::Grade;

/// Seconds a review takes on average (the `fsrs` simulator's review times weighted by its
/// rating probabilities, about 13 s).
pub const REVIEW_SECONDS: f64 = 13.0;
/// Seconds a fact's first showing takes with the same-day repeats after an Again (the `fsrs`
/// simulator's learning times and first-rating probabilities: about 16 s plus a quarter of
/// the facts answered Again once more).
pub const NEW_SECONDS: f64 = 21.0;

/// The plan's path above is the cheapest one: every answer Good, every review on the last
/// day of its window. Real answers include Hard (a shorter next interval), lapses relearn in
/// steps, and load spreading brings reviews forward; `recall simulate`'s default learner gives
/// 1.6 times the reviews of that path (2753 against about 1700 for 500 facts in 60 days), so
/// reviews are counted 1.6 times.
pub const REVIEW_OVERHEAD: f64 = 1.6;

/// A card as the estimate sees it: its memory after its last review and that review's day.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CardNow {
    pub memory: MemoryState,
    pub last_day: i64,
}

/// What reaching the target takes from today.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct Reach {
    /// Study minutes a day, from today to the last study day, the plan is expected to take.
    pub minutes_per_day: f64,
    /// The high end of the likely range of `minutes_per_day`: what it takes a learner whose
    /// recall is as far below the model's as its uncertainty allows ([`reach_range`]); the
    /// same as `minutes_per_day` from [`reach`] alone.
    pub minutes_per_day_high: f64,
    /// New facts a day it takes to introduce what is left before the last week.
    pub new_per_day: u32,
    /// Expected answers (reviews and first showings) left.
    pub answers: f64,
    /// True when the pace given to [`reach`] covers both.
    pub reachable: bool,
    /// True when the pace covers the high end of the range too: no warning at all.
    pub safe: bool,
}

/// The learner's pace: what [`reach`] compares the need with.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Pace {
    /// Study minutes the learner gives a day.
    pub minutes_per_day: f64,
    /// The learner's new-facts-a-day limit.
    pub max_new_per_day: u32,
}

/// Follows cards along the plan of one model and goal, caching walks by rounded state.
pub struct Estimator {
    model: Model,
    goal: ExamGoal,
    /// How much lower than the model predicts the learner's recall is taken to be: each review
    /// fails that much more often ([`Estimator::pessimistic`]).
    shortfall: f64,
    cache: HashMap<(i32, i32, i64), f64>,
}

impl Estimator {
    pub fn new(model: Model, goal: ExamGoal) -> Estimator {
        Estimator { model, goal, shortfall: 0.0, cache: HashMap::new() }
    }

    /// An estimator for a learner whose recall falls `shortfall` below what the model
    /// predicts: reviews fail that much more often, and the plan is the one sessions make
    /// once they see it (retention and target raised by it, as [`crate::learner::calibrate`]
    /// raises them; the caller passes that `goal`).
    pub fn pessimistic(model: Model, goal: ExamGoal, shortfall: f32) -> Estimator {
        Estimator { shortfall: f64::from(shortfall.max(0.0)), ..Estimator::new(model, goal) }
    }

    /// Expected answers a card needs from `day` (the day of its last review, memory `state`)
    /// until the exam.
    fn answers_from(&mut self, state: MemoryState, day: i64) -> f64 {
        let key = (
            (state.stability.max(0.001).log2() * 16.0).round() as i32,
            (state.difficulty * 10.0).round() as i32,
            self.goal.exam_day - day,
        );
        if let Some(&n) = self.cache.get(&key) {
            return n;
        }
        let (mut state, mut day, mut answers) = (state, day, 0.0);
        // A card reaches safety within a few dozen reviews even for the fastest forgetters;
        // the bound keeps a degenerate model from looping.
        for _ in 0..40 {
            let window = plan::due_window(&self.model, &self.goal, state, day);
            if matches!(window.reason, DueReason::Safe | DueReason::AfterExam) {
                break;
            }
            let next = window.latest.max(day + 1);
            if next >= self.goal.exam_day {
                break;
            }
            let elapsed = (next - day) as f32;
            let p = f64::from(self.model.recall(state, elapsed));
            answers += 1.0 + 2.0 * (1.0 - p + self.shortfall).min(1.0);
            let Ok(after) = self.model.after_review(Some(state), (next - day) as u32, Grade::Good)
            else {
                break;
            };
            state = after;
            day = next;
        }
        self.cache.insert(key, answers);
        answers
    }
}

/// What reaching the exam target takes from `today` for `cards` (seen before) and `new_facts`
/// (not yet introduced), against the learner's `pace`.
pub fn reach(
    estimator: &mut Estimator,
    today: i64,
    cards: impl IntoIterator<Item = CardNow>,
    new_facts: u32,
    pace: Pace,
) -> Reach {
    let exam_day = estimator.goal.exam_day;
    let study_days = (exam_day - today).max(1);
    let intro_days = (exam_day - plan::LAST_WEEK_DAYS - today).max(1);
    let new_per_day = new_facts.div_ceil(u32::try_from(intro_days).unwrap_or(u32::MAX));
    let mut review_answers = 0.0;
    for card in cards {
        // A card overdue today counts from today: its next review cannot be earlier.
        review_answers += estimator.answers_from(card.memory, card.last_day.min(today));
    }
    let mut new_answers = 0.0;
    if let Some(first) =
        (new_facts > 0).then(|| estimator.model.after_review(None, 0, Grade::Good).ok()).flatten()
    {
        // Facts introduced evenly over the introduction days.
        let per_day = f64::from(new_facts) / intro_days as f64;
        for d in 0..intro_days {
            new_answers += per_day * estimator.answers_from(first, today + d);
        }
    }
    let review_answers = review_answers * REVIEW_OVERHEAD;
    let new_answers = new_answers * REVIEW_OVERHEAD;
    let seconds = review_answers * REVIEW_SECONDS
        + new_answers * REVIEW_SECONDS
        + f64::from(new_facts) * NEW_SECONDS;
    let minutes_per_day = seconds / 60.0 / study_days as f64;
    let reachable = minutes_per_day <= pace.minutes_per_day && new_per_day <= pace.max_new_per_day;
    Reach {
        minutes_per_day,
        minutes_per_day_high: minutes_per_day,
        new_per_day,
        answers: review_answers + new_answers + f64::from(new_facts),
        reachable,
        safe: reachable,
    }
}

/// [`reach`] with its likely range: `point` plans with the model as it stands, `high` is an
/// [`Estimator::pessimistic`] for a learner whose recall falls below the model's by its
/// uncertainty ([`crate::learner::calibrate::uncertainty`] of the reviews it was checked on).
/// Early on the model is the default one and a fast forgetter cannot be told from anyone else
/// (over 200 simulated learners the first ten days separate those who will miss the target
/// little better than chance, BENCHMARKS.md), so a pace inside the range is at risk: over the
/// same learners at 20 minutes a day every one who missed was within it on day 0, and at 30
/// minutes, where those who miss do so for the model and not for the time, one was.
pub fn reach_range(
    point: &mut Estimator,
    high: &mut Estimator,
    today: i64,
    cards: &[CardNow],
    new_facts: u32,
    pace: Pace,
) -> Reach {
    let r = reach(point, today, cards.iter().copied(), new_facts, pace);
    let h = reach(high, today, cards.iter().copied(), new_facts, pace);
    let minutes_per_day_high = h.minutes_per_day.max(r.minutes_per_day);
    Reach {
        minutes_per_day_high,
        safe: r.reachable && minutes_per_day_high <= pace.minutes_per_day,
        ..r
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn goal(exam_day: i64) -> ExamGoal {
        ExamGoal { exam_day, target: 0.95, retention: 0.9 }
    }

    fn pace(minutes: f64) -> Pace {
        Pace { minutes_per_day: minutes, max_new_per_day: 20 }
    }

    #[test]
    fn a_fast_forgetter_needs_more_time_than_the_default_learner() {
        let default = Model::fsrs6_default().unwrap();
        let mut fast_params = fsrs::DEFAULT_PARAMETERS;
        for w in &mut fast_params[..4] {
            *w /= 4.0;
        }
        let fast = Model::new(&fast_params).unwrap();
        let need =
            |m: &Model| reach(&mut Estimator::new(m.clone(), goal(60)), 0, [], 500, pace(60.0));
        let (d, f) = (need(&default), need(&fast));
        assert!(d.reachable, "{d:?}");
        assert!(f.minutes_per_day > d.minutes_per_day * 1.05, "{d:?} {f:?}");
        assert_eq!(d.new_per_day, 10); // 500 facts over the 53 days before the last week
        // Five minutes a day is not enough for 500 facts.
        let short = reach(&mut Estimator::new(default.clone(), goal(60)), 0, [], 500, pace(5.0));
        assert!(!short.reachable);
    }

    #[test]
    fn too_many_facts_for_the_new_limit_are_out_of_reach() {
        let m = Model::fsrs6_default().unwrap();
        let r = reach(&mut Estimator::new(m.clone(), goal(20)), 0, [], 2000, pace(600.0));
        assert!(r.new_per_day > 20 && !r.reachable, "{r:?}");
    }

    #[test]
    fn a_pace_inside_the_likely_range_is_reachable_but_not_safe() {
        let m = Model::fsrs6_default().unwrap();
        let raised = ExamGoal { exam_day: 60, target: 0.99, retention: 0.97 };
        let range = |minutes: f64, shortfall: f32| {
            reach_range(
                &mut Estimator::new(m.clone(), goal(60)),
                &mut Estimator::pessimistic(m.clone(), raised, shortfall),
                0,
                &[],
                500,
                pace(minutes),
            )
        };
        let point = reach(&mut Estimator::new(m.clone(), goal(60)), 0, [], 500, pace(60.0));
        let wide = range(60.0, 0.2);
        assert_eq!(wide.minutes_per_day, point.minutes_per_day);
        assert!(wide.minutes_per_day_high > point.minutes_per_day * 1.5, "{wide:?}");
        assert!(wide.reachable && wide.safe);
        // A pace between the estimate and the range's high end: reachable, at risk.
        let between = (point.minutes_per_day + wide.minutes_per_day_high) / 2.0;
        let risky = range(between, 0.2);
        assert!(risky.reachable && !risky.safe, "{risky:?}");
        // Failing more often costs more on the same plan.
        let same_plan = |shortfall| {
            reach(&mut Estimator::pessimistic(m.clone(), raised, shortfall), 0, [], 500, pace(60.0))
        };
        assert!(same_plan(0.1).minutes_per_day > same_plan(0.0).minutes_per_day);
        // Below the estimate itself: neither.
        let short = range(point.minutes_per_day * 0.9, 0.2);
        assert!(!short.reachable && !short.safe);
    }

    #[test]
    fn safe_cards_cost_nothing() {
        let m = Model::fsrs6_default().unwrap();
        let safe =
            CardNow { memory: MemoryState { stability: 500.0, difficulty: 5.0 }, last_day: 0 };
        let r = reach(&mut Estimator::new(m.clone(), goal(10)), 1, [safe; 50], 0, pace(1.0));
        assert_eq!(r.answers, 0.0);
        assert!(r.reachable);
    }
}
