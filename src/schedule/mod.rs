//! Scheduling: FSRS-6 memory states, the learner's day, next states for every grade, and the
//! daily queue. Pure functions over data: no clock (time comes in a [`StudyDay`]), no store, no
//! terminal, no global randomness (interval fuzz is a hash of the card key and review count).
//!
//! How a study session uses it (the session, stats and exam commands build on this):
//!
//! ```text
//! let settings = store.settings()?;                       // + per-run overrides
//! let day = StudyDay::new(ctx.now, ctx.tz.clone(), settings.rollover_hour);
//! let scheduler = Scheduler::new(&settings, store.fsrs_parameters()?.as_deref())?;
//! let states = store.card_states()?;                      // one query, all cards
//! let done = store.day_counts(&day)?;                     // answered / introduced today
//! let queue = build_queue(&QueueInput { cards: &cards, states: &states, scheduler: &scheduler,
//!                                       day: &day, settings: &settings, filter: &filter,
//!                                       done: &done });
//! for entry in queue {
//!     let before = states.get(&entry.key).cloned().unwrap_or_default();
//!     let next = scheduler.next_states(&entry.key, &before, &day)?;   // "Good · 3d"
//!     let grade = Grade::from_outcome(outcome);           // or the learner's own rating
//!     store.record_answer(&Answer { after: next.get(grade).state.clone(), .. })?;
//! }
//! ```
//!
//! Decks with an exam date ahead: build an [`ExamDates`] and call [`build_queue_with_exam_dates`]
//! and [`Scheduler::next_states_with_exam_dates`] instead (see [`exam_date`]).
//!
//! Also here for the commands built on this: [`Scheduler::retrievability`] at any instant (an
//! exam day), [`Scheduler::replay_states`] (every state of an imported history, answer by
//! answer) and [`Scheduler::replay`] (the memory alone, after new parameters are fitted),
//! [`Scheduler::memory_from_sm2`] for cards imported from SM-2, [`decay`] (the forgetting
//! curve of a parameter set, for everything that predicts recall), and [`Scheduler::fsrs`] for
//! simulation and optimization.
//!
//! Design choices, following Anki's FSRS mode: a new or failed card has one learning step:
//! Again brings it back after [`AGAIN_DELAY_MINUTES`] the same day; any other grade graduates it
//! to whole-day intervals. A second answer on the same learner day is an FSRS short-term review
//! (`days_elapsed = 0`). Intervals are rounded to whole days (at least 1), ordered
//! Hard ≤ Good ≤ Easy, fuzzed, and capped by the maximum interval.
//!
//! Layers: the scheduler imports `deck` (question kinds and the decks' exam dates), `ids` and
//! `settings`; the store, statistics, sessions and papers build on it, never the other way.

pub mod day;
pub mod exam_date;
mod filter;
mod next;
mod queue;
mod states;

pub use day::{DEFAULT_ROLLOVER_HOUR, LearnerDays, StudyDay, add_days, day_of, days_between};
pub use exam_date::ExamDates;
pub use filter::FilterError;
pub use next::{AGAIN_DELAY_MINUTES, Interval, Next, NextStates, ScheduleError, Scheduler, decay};
pub use queue::{
    DayCounts, Filter, QueueEntry, QueueInput, build_queue, build_queue_with_exam_dates,
    exam_new_quotas, introduced_today, preferred_kinds,
};
pub use states::CardStates;

use jiff::Timestamp;

/// The learner's rating of one answer, FSRS's four buttons.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Grade {
    Again = 1,
    Hard = 2,
    Good = 3,
    Easy = 4,
}

impl Grade {
    pub const ALL: [Grade; 4] = [Grade::Again, Grade::Hard, Grade::Good, Grade::Easy];

    /// The grade an auto-graded answer gets before the learner corrects it: wrong and
    /// don't-know → Again, a near miss → Hard, right → Good.
    pub fn from_outcome(outcome: Outcome) -> Grade {
        match outcome {
            Outcome::Correct => Grade::Good,
            Outcome::NearMiss => Grade::Hard,
            Outcome::Wrong | Outcome::DontKnow => Grade::Again,
        }
    }

    /// 1 to 4, as FSRS and the `reviews.grade` column number them.
    pub fn number(self) -> u8 {
        self as u8
    }

    pub fn from_number(n: u8) -> Option<Grade> {
        Grade::ALL.into_iter().find(|g| g.number() == n)
    }

    pub fn name(self) -> &'static str {
        match self {
            Grade::Again => "again",
            Grade::Hard => "hard",
            Grade::Good => "good",
            Grade::Easy => "easy",
        }
    }
}

impl std::fmt::Display for Grade {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// How an answer was judged, as stored in the `reviews.outcome` column. The quiz layer's
/// richer outcome (with the near-miss details) maps onto this.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Outcome {
    Correct,
    NearMiss,
    Wrong,
    DontKnow,
}

impl Outcome {
    pub fn name(self) -> &'static str {
        match self {
            Outcome::Correct => "correct",
            Outcome::NearMiss => "near-miss",
            Outcome::Wrong => "wrong",
            Outcome::DontKnow => "dont-know",
        }
    }

    pub fn from_name(s: &str) -> Option<Outcome> {
        [Outcome::Correct, Outcome::NearMiss, Outcome::Wrong, Outcome::DontKnow]
            .into_iter()
            .find(|o| o.name() == s)
    }
}

/// Where a card is in its life, as in Anki.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Phase {
    /// Never answered.
    #[default]
    New,
    /// Answered Again before it ever graduated; back in a few minutes.
    Learning,
    /// On whole-day intervals.
    Review,
    /// A review card answered Again; back in a few minutes.
    Relearning,
}

impl Phase {
    pub fn name(self) -> &'static str {
        match self {
            Phase::New => "new",
            Phase::Learning => "learning",
            Phase::Review => "review",
            Phase::Relearning => "relearning",
        }
    }

    pub fn from_name(s: &str) -> Option<Phase> {
        [Phase::New, Phase::Learning, Phase::Review, Phase::Relearning]
            .into_iter()
            .find(|p| p.name() == s)
    }
}

/// FSRS memory: stability (days until recall drops to 90 %) and difficulty (1–10).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Memory {
    pub stability: f32,
    pub difficulty: f32,
}

impl From<fsrs::MemoryState> for Memory {
    fn from(m: fsrs::MemoryState) -> Memory {
        Memory { stability: m.stability, difficulty: m.difficulty }
    }
}

impl From<Memory> for fsrs::MemoryState {
    fn from(m: Memory) -> fsrs::MemoryState {
        fsrs::MemoryState { stability: m.stability, difficulty: m.difficulty }
    }
}

/// Everything the scheduler knows about one card; one row of the store's `cards` table. A card
/// with no row is `CardState::default()` (new).
#[derive(Clone, Debug, PartialEq, Default)]
pub struct CardState {
    pub phase: Phase,
    /// `None` until the first answer.
    pub memory: Option<Memory>,
    pub due: Option<Timestamp>,
    /// Answers that moved the schedule (cram answers do not count).
    pub reps: u32,
    /// Times a review card was answered Again.
    pub lapses: u32,
    pub last_review: Option<Timestamp>,
    /// Left out of every queue until unsuspended (`recall suspend`, `x` in a session, Anki
    /// imports); kept by answers and undo.
    pub suspended: bool,
    /// Left out of every queue before this instant (`recall bury`, `b` in a session: until the
    /// learner's next day begins); kept by answers and undo. A past instant means nothing.
    pub buried_until: Option<Timestamp>,
}

impl CardState {
    pub fn is_new(&self) -> bool {
        self.phase == Phase::New
    }

    /// Buried at `now`: [`CardState::buried_until`] is still ahead.
    pub fn is_buried(&self, now: Timestamp) -> bool {
        self.buried_until.is_some_and(|until| until > now)
    }

    /// Left out of queues at `now`: suspended, or buried.
    pub fn is_held(&self, now: Timestamp) -> bool {
        self.suspended || self.is_buried(now)
    }

    /// When a session would next ask this card, as counts of what is due see it: never while
    /// it is suspended (or new), and not before its bury ends.
    pub fn next_due(&self) -> Option<Timestamp> {
        if self.suspended || self.is_new() {
            return None;
        }
        let due = self.due?;
        Some(self.buried_until.map_or(due, |until| due.max(until)))
    }

    /// Stability in days, `None` for a new card.
    pub fn stability(&self) -> Option<f32> {
        self.memory.map(|m| m.stability)
    }
}
