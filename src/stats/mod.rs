//! Statistics for `recall stats`, `recall history` and `recall decks`: retention, streaks,
//! forecasts, mastery per topic and tag, session history and the library at a glance, computed
//! from the store's rows.
//!
//! Everything here is a pure function of plain inputs ([`input`]): the time, the learner's time
//! zone and rollover hour come in through [`StatsParams`], nothing reads the clock, the terminal
//! or the database. The shell is thin: a command fetches rows from the store, calls
//! [`compute_stats`] or [`history_rows`], and prints [`render_stats`] / [`render_history`], or
//! the [`json`] structs, or [`history_csv`].
//!
//! Layers: statistics import `deck` (the library, for scope and mastery), `ids`, `hash` and
//! `schedule` (the learner's day, a card's phase, the forgetting curve's decay), never the
//! store (which fills [`input`]) or a prompt.

pub mod activity;
pub mod days;
pub mod history;
pub mod index;
pub mod input;
pub mod json;
pub mod library;
pub mod memory;
pub mod render;
pub mod report;
pub mod scope;

pub use days::{DEFAULT_ROLLOVER_HOUR, LearnerDays};
pub use history::{HistoryFilter, SessionRow, history_csv, history_rows};
pub use input::{
    AnswerFact, CardFact, CardId, CardTally, ExamStatus, FormatTally, ReviewFact, SessionFact,
    SessionMode, Verdict,
};
pub use json::{StatsJson, history_json, session_detail_json};
pub use library::{DeckRow, deck_row, render_decks};
pub use memory::{ExamPace, ExamReach};
pub use render::{NO_SESSIONS, render_history, render_session_detail, render_stats};
pub use report::{
    StatsParams, StatsReport, compute_stats, compute_stats_counted, detail_since, exam_date,
};
pub use scope::scope_library;

#[cfg(test)]
mod tests;
