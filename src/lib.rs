//! recall: a spaced-repetition study tool for exam preparation.
//!
//! Layers (see the README's design section):
//! - [`deck`]: the RON deck format, loading, diagnostics and lints (no terminal, no store);
//! - [`history`], [`evaluation`]: review logs, FSRS items and the benchmark measures;
//! - [`exam_plan`], [`simulation`]: exam-date scheduling and the simulated learner that checks it;
//! - [`quiz`]: questions from facts, distractors and grading (no terminal, clock or global RNG);
//! - [`app`] and [`cli`]: the command line, parsed once into a [`app::Context`] at the edge;
//! - [`stats`]: retention, streaks, forecasts, mastery and history from the store's rows (pure);
//! - [`schedule`]: FSRS-6 next states, the learner's day and the daily queue (pure);
//! - [`store`]: the SQLite progress file (cards, reviews, sessions, settings);
//! - [`settings`]: study settings with their defaults and validation;
//! - [`cmd`]: one module per subcommand, wiring the layers together.

pub mod anki;
pub mod app;
pub mod cli;
pub mod cmd;
pub mod deck;
pub mod evaluation;
pub mod exam;
pub mod exam_plan;
pub mod hash;
pub mod history;
pub mod ids;
pub mod quiz;
pub mod schedule;
pub mod session;
pub mod settings;
pub mod simulation;
pub mod stats;
pub mod store;
pub mod ui;
