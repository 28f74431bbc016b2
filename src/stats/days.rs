//! The learner's days, as statistics count them: the scheduler's definition
//! ([`crate::schedule::day`]), so "today", streaks and forecasts agree with the queue.

pub use crate::schedule::day::{
    DEFAULT_ROLLOVER_HOUR, LearnerDays, add_days, days_between, monday_of,
};
