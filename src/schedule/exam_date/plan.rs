//! Scheduling for an exam date: pure functions that decide when a card is due and how many new
//! facts to introduce, so that every card's predicted recall *on the exam day* is at or above a
//! target without piling the reviews onto the last days.
//!
//! Plain FSRS scheduling reviews a card when its recall has fallen to the desired retention
//! (0.9), which leaves every card somewhere between 0.9 and 1.0 on any given day, about a
//! tenth of them near 0.9. Before an exam that is not enough, and reviewing everything the day
//! before is both impossible and wasteful. The policy here keeps plain scheduling while the
//! exam is far, and for each card plans a *final* review: the earliest day from which a
//! successful review leaves the card's recall on the exam day at or above the target is
//! computed from the model (a later review gives more stability and a shorter gap, so every
//! later day works as well), and the final review is placed on the least-loaded acceptable day
//! up to the card's plain due day. Once a card's recall on the exam day is above the target it
//! is left alone until after the exam, when ordinary scheduling takes over again.
//!
//! The memory model is FSRS-6 from the `fsrs` crate; nothing here re-derives its formulas.

use fsrs::{FSRS, FSRSError, MemoryState, current_retrievability};

use crate::schedule::Grade;

pub use crate::settings::{DEFAULT_RETENTION, DEFAULT_TARGET};
/// The exam-date policy plans for this much more than the target: a model fitted to weeks of
/// answers is never exactly the learner, and planning for the target itself left the 10th
/// percentile of simulated real learners just under it (BENCHMARKS.md, issue 18).
pub const PLANNING_MARGIN: f32 = 0.01;
/// While the exam is far, exam mode's ordinary reviews aim at this much less than the desired
/// retention: the final review before the exam, not the ordinary ones, is what makes a card
/// last to the exam day, and a slightly longer interval builds stability for fewer reviews.
/// Over 200 simulated real learners (two sets), 0.01 less took the median learner's reviews
/// from 1.03–1.04 to 0.99–1.00 times plain scheduling's, with one refit in the last three days
/// keeping the learners at the target (BENCHMARKS.md, issue 18).
pub const FAR_RETENTION_OFFSET: f32 = 0.01;

/// The retention exam mode's ordinary reviews aim at, for a learner's desired `retention`.
pub fn far_retention(retention: f32) -> f32 {
    (retention - FAR_RETENTION_OFFSET).max(0.7)
}

/// No new facts in the last this many days before the exam: they are for consolidation.
pub const LAST_WEEK_DAYS: i64 = 7;

/// FSRS parameters and the model built from them.
#[derive(Clone, Debug)]
pub struct Model {
    fsrs: FSRS,
    decay: f32,
}

impl Model {
    /// A model from FSRS parameters (19 for FSRS-5, 21 for FSRS-6; see the fsrs crate).
    pub fn new(parameters: &[f32]) -> Result<Model, FSRSError> {
        let filled = fsrs::check_and_fill_parameters(parameters)?;
        Ok(Model { fsrs: FSRS::new(&filled)?, decay: crate::schedule::decay(&filled) })
    }

    /// The FSRS-6 default parameters.
    pub fn fsrs6_default() -> Result<Model, FSRSError> {
        Model::new(&fsrs::DEFAULT_PARAMETERS)
    }

    /// Predicted recall `elapsed_days` after the last review.
    pub fn recall(&self, state: MemoryState, elapsed_days: f32) -> f32 {
        current_retrievability(state, elapsed_days.max(0.0), self.decay)
    }

    /// Memory state after answering `rating`, `elapsed_days` after the previous review (or as
    /// the first review when `state` is `None`).
    pub fn after_review(
        &self,
        state: Option<MemoryState>,
        elapsed_days: u32,
        rating: Grade,
    ) -> Result<MemoryState, FSRSError> {
        let next = self.fsrs.next_states(state, DEFAULT_RETENTION, elapsed_days)?;
        let item = match rating {
            Grade::Again => next.again,
            Grade::Hard => next.hard,
            Grade::Good => next.good,
            Grade::Easy => next.easy,
        };
        Ok(item.memory)
    }

    /// Whole days until recall falls to `retention`, at least one.
    pub fn interval_days(&self, stability: f32, retention: f32) -> i64 {
        let days = self.fsrs.next_interval(Some(stability), retention, 3).round();
        // Intervals are finite and positive for valid states; the cast saturates otherwise.
        (days as i64).max(1)
    }
}

/// The exam and what the learner wants from it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ExamGoal {
    /// The exam's learner day (same numbering as `today` everywhere in this module).
    pub exam_day: i64,
    /// Recall wanted on the exam day, e.g. [`DEFAULT_TARGET`].
    pub target: f32,
    /// Desired retention of ordinary scheduling, e.g. [`DEFAULT_RETENTION`].
    pub retention: f32,
}

/// Why a card got the days it got.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DueReason {
    /// The exam is far: ordinary scheduling, capped before the exam.
    Ordinary,
    /// The card's last review before the exam: any day in the window leaves recall on the exam
    /// day at or above the target if it is answered correctly.
    Final,
    /// Recall on the exam day is already at or above the target: next review after the exam.
    Safe,
    /// The exam is today or past: ordinary scheduling.
    AfterExam,
}

/// The acceptable due days for a card's next review (inclusive).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DueWindow {
    pub earliest: i64,
    pub latest: i64,
    pub reason: DueReason,
}

/// Ordinary reviews may come this much earlier than their plain due day, so they can be moved
/// off busy days.
const ORDINARY_SLACK: f32 = 0.15;

/// The acceptable days for the next review of a card whose memory right after today's review
/// is `state`.
pub fn due_window(model: &Model, goal: &ExamGoal, state: MemoryState, today: i64) -> DueWindow {
    let plain = model.interval_days(state.stability, goal.retention);
    let plain_due = today + plain;
    if today >= goal.exam_day {
        return DueWindow { earliest: plain_due, latest: plain_due, reason: DueReason::AfterExam };
    }
    if model.recall(state, (goal.exam_day - today) as f32) >= goal.target {
        // Recall only falls, and it is above the target on the exam day: nothing to do before.
        let due = plain_due.max(goal.exam_day + 1);
        return DueWindow { earliest: due, latest: due, reason: DueReason::Safe };
    }
    let last_study_day = goal.exam_day - 1;
    if today >= last_study_day {
        // No study day left before the exam: review on the exam day itself.
        return DueWindow {
            earliest: goal.exam_day,
            latest: goal.exam_day,
            reason: DueReason::Ordinary,
        };
    }
    let latest = plain_due.min(last_study_day);
    if let Some(first_final) = first_final_day(model, goal, state, today, latest) {
        return DueWindow { earliest: first_final, latest, reason: DueReason::Final };
    }
    let slack = ((plain as f32) * ORDINARY_SLACK).floor() as i64;
    let earliest = (plain_due - slack).max(today + 1).min(latest);
    DueWindow { earliest, latest, reason: DueReason::Ordinary }
}

/// The first day in `today+1 ..= latest` from which a correct answer keeps recall on the exam
/// day at or above the target. Later days only do better (more stability gained, shorter gap
/// to the exam), so the acceptable days are a suffix of the range.
fn first_final_day(
    model: &Model,
    goal: &ExamGoal,
    state: MemoryState,
    today: i64,
    latest: i64,
) -> Option<i64> {
    let ok = |day: i64| {
        let elapsed = u32::try_from(day - today).unwrap_or(u32::MAX);
        model
            .after_review(Some(state), elapsed, Grade::Good)
            .is_ok_and(|after| model.recall(after, (goal.exam_day - day) as f32) >= goal.target)
    };
    if !ok(latest) {
        return None;
    }
    // Binary search for the first acceptable day, the predicate being monotone.
    let (mut lo, mut hi) = (today + 1, latest);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if ok(mid) { hi = mid } else { lo = mid + 1 }
    }
    Some(lo)
}

/// Share of a final review's window (from its earliest day) that [`pick_due_day`] chooses
/// from. Any day of the window meets the target, but a card planned early in the fortnight
/// otherwise takes the then-empty last days, and the short-memory cards whose final review can
/// only come on those days pile onto them: over 200 simulated real learners, 24 had a
/// final-fortnight day above twice that fortnight's mean with the whole window, 0 with the
/// first 60 % of it (BENCHMARKS.md, issue 18).
pub const FINAL_WINDOW_SHARE: f32 = 0.6;

/// The least-loaded day of the window according to `load` (reviews already due each day);
/// among equally loaded days the latest, which spaces the review furthest. A final review is
/// placed in the first [`FINAL_WINDOW_SHARE`] of its window, leaving the last days before the
/// exam to the cards that cannot be reviewed earlier.
pub fn pick_due_day(window: DueWindow, load: impl Fn(i64) -> u32) -> i64 {
    let latest = if window.reason == DueReason::Final {
        let span = (window.latest - window.earliest) as f32;
        window.earliest + (span * FINAL_WINDOW_SHARE).round() as i64
    } else {
        window.latest
    };
    least_loaded(window.earliest, latest, load)
}

/// The least-loaded day of `earliest ..= latest` by `load`; among equals the latest.
pub fn least_loaded(earliest: i64, latest: i64, load: impl Fn(i64) -> u32) -> i64 {
    (earliest..=latest).rev().min_by_key(|&day| load(day)).unwrap_or(earliest)
}

/// The last refit before the exam comes this many days before it (if the history has grown by a
/// fifth since the previous one), and none after. A refit finds some cards weaker than planned
/// and brings their reviews forward; on the exam eve the only day left for them is the eve
/// itself, which over 200 simulated real learners made most of the final fortnights with a day
/// above twice their mean. One last fit three days out, once the history has grown by a fifth,
/// leaves room to spread what it moves (BENCHMARKS.md, issue 18).
pub const LAST_REFIT_DAYS: i64 = 3;

/// In the last days before the exam ([`LAST_REFIT_DAYS`]) a review the
/// last refit brings forward may also go on the eve, whose load then counts this many times:
/// the eve still has to take the lapses of the days before it, which can go nowhere else.
/// Kept to the first [`FINAL_WINDOW_SHARE`] of its window, a late refit's reviews all went to
/// the two days before the eve (over 200 simulated learners, the busiest final-fortnight days;
/// BENCHMARKS.md, issue 18).
pub const EVE_LOAD_WEIGHT: u32 = 2;

/// The learner's bounds on new facts a day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NewLimits {
    pub min_per_day: u32,
    pub max_per_day: u32,
}

/// How many new facts to introduce today: what is left spread evenly over the days before the
/// last week, within the learner's limits. In the last week, whatever is still left comes in as
/// fast as the limit allows; after the exam the learner's ordinary limit applies.
pub fn new_facts_today(facts_left: u32, today: i64, exam_day: i64, limits: NewLimits) -> u32 {
    new_facts_today_before(facts_left, today, exam_day, LAST_WEEK_DAYS, limits)
}

/// [`new_facts_today`] with the new facts finished `reserve` days (at least the last week)
/// before the exam instead of a week: front-loading, for a learner who forgets fast and needs
/// more of the time left for reviews.
pub fn new_facts_today_before(
    facts_left: u32,
    today: i64,
    exam_day: i64,
    reserve: i64,
    limits: NewLimits,
) -> u32 {
    if facts_left == 0 {
        return 0;
    }
    if today >= exam_day {
        return facts_left.min(limits.max_per_day);
    }
    let days_left = exam_day - reserve.max(LAST_WEEK_DAYS) - today;
    let wanted = if days_left <= 0 {
        limits.max_per_day
    } else {
        let days = u32::try_from(days_left).unwrap_or(u32::MAX);
        facts_left.div_ceil(days).clamp(limits.min_per_day, limits.max_per_day.max(1))
    };
    wanted.min(facts_left)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model() -> Model {
        Model::fsrs6_default().unwrap()
    }

    fn goal(exam_day: i64) -> ExamGoal {
        ExamGoal { exam_day, target: DEFAULT_TARGET, retention: DEFAULT_RETENTION }
    }

    fn state(stability: f32, difficulty: f32) -> MemoryState {
        MemoryState { stability, difficulty }
    }

    #[test]
    fn far_exam_leaves_ordinary_scheduling_alone() {
        let m = model();
        let s = state(10.0, 5.0);
        let w = due_window(&m, &goal(365), s, 0);
        assert_eq!(w.reason, DueReason::Ordinary);
        // Plain due for S = 10 at retention 0.9 is day 10 (R(S) = 0.9 by definition).
        assert_eq!(w.latest, 10);
        assert!(w.earliest >= 8 && w.earliest <= 10, "{w:?}");
    }

    #[test]
    fn intervals_are_capped_before_the_exam() {
        let m = model();
        // A mature card (plain interval 40 days) with the exam in 20 days.
        let s = state(40.0, 5.0);
        let w = due_window(&m, &goal(20), s, 0);
        assert_eq!(w.reason, DueReason::Final);
        assert!(w.latest <= 19, "{w:?}");
        assert!(w.earliest > 0 && w.earliest <= w.latest, "{w:?}");
    }

    #[test]
    fn a_correct_final_review_keeps_exam_day_recall_above_target() {
        let m = model();
        let g = goal(30);
        let mut finals = 0;
        for (stability, today) in [(3.0, 20), (15.0, 10), (40.0, 0), (8.0, 22)] {
            let s = state(stability, 5.0);
            let w = due_window(&m, &g, s, today);
            if w.reason != DueReason::Final {
                continue;
            }
            finals += 1;
            for day in w.earliest..=w.latest {
                let after = m.after_review(Some(s), (day - today) as u32, Grade::Good).unwrap();
                let r = m.recall(after, (g.exam_day - day) as f32);
                assert!(r >= g.target, "S={stability} review day {day}: R(exam)={r}");
            }
            // And the day before the window would not have been enough.
            if w.earliest > today + 1 {
                let day = w.earliest - 1;
                let after = m.after_review(Some(s), (day - today) as u32, Grade::Good).unwrap();
                assert!(m.recall(after, (g.exam_day - day) as f32) < g.target);
            }
        }
        assert!(finals >= 2, "only {finals} of the cases planned a final review");
    }

    #[test]
    fn safe_cards_wait_until_after_the_exam() {
        let m = model();
        // With S = 200 days, recall 5 days later is far above 0.95.
        let w = due_window(&m, &goal(5), state(200.0, 5.0), 0);
        assert_eq!(w.reason, DueReason::Safe);
        assert!(w.earliest > 5);
        assert!(m.recall(state(200.0, 5.0), 5.0) >= DEFAULT_TARGET);
    }

    #[test]
    fn after_the_exam_scheduling_is_ordinary() {
        let m = model();
        let w = due_window(&m, &goal(10), state(10.0, 5.0), 12);
        assert_eq!(w, DueWindow { earliest: 22, latest: 22, reason: DueReason::AfterExam });
    }

    #[test]
    fn unsafe_card_on_the_last_study_day_comes_back_on_the_exam_day() {
        let m = model();
        let w = due_window(&m, &goal(10), state(1.0, 7.0), 9);
        assert_eq!((w.earliest, w.latest), (10, 10));
    }

    #[test]
    fn least_loaded_day_wins_and_ties_go_late() {
        let w = DueWindow { earliest: 3, latest: 6, reason: DueReason::Ordinary };
        let loads = [0, 0, 0, 9, 2, 7, 2];
        assert_eq!(pick_due_day(w, |d| loads[d as usize]), 6);
        let loads = [0, 0, 0, 9, 1, 7, 2];
        assert_eq!(pick_due_day(w, |d| loads[d as usize]), 4);
    }

    #[test]
    fn a_final_review_keeps_off_the_last_days_of_its_window() {
        // Days 10..=20, nothing due yet: the last days are the emptiest only because the
        // cards that must be reviewed there have not been planned yet.
        let w = DueWindow { earliest: 10, latest: 20, reason: DueReason::Final };
        assert_eq!(pick_due_day(w, |_| 0), 16);
        // Within the first 60 % the least-loaded day still wins.
        assert_eq!(pick_due_day(w, |d| if d == 12 { 0 } else { 5 }), 12);
        // A one-day window is that day.
        let w = DueWindow { earliest: 19, latest: 19, reason: DueReason::Final };
        assert_eq!(pick_due_day(w, |_| 0), 19);
    }

    #[test]
    fn new_facts_are_paced_to_finish_before_the_last_week() {
        let limits = NewLimits { min_per_day: 1, max_per_day: 40 };
        // 500 facts, exam on day 60: 53 days before the last week.
        assert_eq!(new_facts_today(500, 0, 60, limits), 10); // ceil(500 / 53)
        assert_eq!(new_facts_today(100, 43, 60, limits), 10); // 10 days left
        assert_eq!(new_facts_today(3, 50, 60, limits), 1); // min limit once nearly done
        assert_eq!(new_facts_today(5, 53, 60, limits), 5); // last week: catch up
        assert_eq!(new_facts_today(0, 10, 60, limits), 0);
        let tight = NewLimits { min_per_day: 5, max_per_day: 8 };
        assert_eq!(new_facts_today(900, 0, 60, tight), 8);
        assert_eq!(new_facts_today(20, 0, 60, tight), 5);
        // Pacing introduces everything by the last week when the limits allow it.
        let (mut left, mut day) = (500u32, 0i64);
        while left > 0 {
            left -= new_facts_today(left, day, 60, limits);
            day += 1;
        }
        assert!(day <= 60 - LAST_WEEK_DAYS, "finished on day {day}");
    }

    proptest::proptest! {
        #[test]
        fn windows_stay_before_the_exam_and_final_windows_reach_the_target(
            stability in 0.1f32..400.0,
            difficulty in 1.0f32..10.0,
            today in 0i64..60,
            exam_day in 1i64..90,
        ) {
            let m = model();
            let g = goal(exam_day);
            let s = state(stability, difficulty);
            let w = due_window(&m, &g, s, today);
            proptest::prop_assert!(w.earliest > today && w.earliest <= w.latest);
            match w.reason {
                DueReason::Ordinary => proptest::prop_assert!(w.latest <= exam_day),
                DueReason::Final => {
                    proptest::prop_assert!(w.latest < exam_day);
                    let after = m
                        .after_review(Some(s), (w.earliest - today) as u32, Grade::Good)
                        .unwrap();
                    proptest::prop_assert!(
                        m.recall(after, (exam_day - w.earliest) as f32) >= g.target
                    );
                }
                DueReason::Safe => {
                    proptest::prop_assert!(w.earliest > exam_day);
                    proptest::prop_assert!(m.recall(s, (exam_day - today) as f32) >= g.target);
                }
                DueReason::AfterExam => proptest::prop_assert!(today >= exam_day),
            }
        }
    }
}
