//! recall: a spaced-repetition study tool for exam preparation.
//!
//! Layers (see the README's design section):
//! - [`deck`]: the RON deck format, loading, diagnostics and lints (no terminal, no store);
//! - [`quiz`]: questions from facts, distractors and grading (no terminal, clock or global RNG);
//! - [`schedule`]: FSRS-6 next states, the learner's day, the daily queue and exam-date
//!   scheduling ([`schedule::exam_date`]) (pure);
//! - [`learner`]: review logs, the benchmark measures and the simulated learner;
//! - [`session`]: the study session walk; [`paper`]: mock papers (assembly, marking, sitting,
//!   and [`paper::flow`], a paper from start to finish);
//! - [`stats`]: retention, streaks, forecasts, mastery and history from the store's rows (pure);
//! - [`text`]: tables and charts as plain text;
//! - [`store`]: the SQLite progress file (cards, reviews, sessions, settings);
//! - [`settings`]: study settings with their defaults and validation;
//! - [`anki`]: reading Anki packages;
//! - [`ui`]: prompts and interactive screens;
//! - [`app`], [`cli`] and [`context`]: the command line, parsed once into a
//!   [`context::Context`] at the edge, which opens the store and the learner's day for commands;
//! - [`check`]: deck loading and checking for commands (the `recall check` report);
//! - [`preview`]: generated questions as a deck author checks them;
//! - [`cmd`]: one module per subcommand, wiring the layers together.

pub mod anki;
pub mod app;
pub mod check;
pub mod cli;
pub mod cmd;
pub mod context;
pub mod deck;
pub mod hash;
pub mod ids;
pub mod learner;
pub mod paper;
pub mod preview;
pub mod quiz;
pub mod schedule;
pub mod session;
pub mod settings;
pub mod stats;
pub mod store;
pub mod text;
pub mod ui;
