//! recall: a spaced-repetition study tool for exam preparation.
//!
//! Layers (see the README's design section):
//! - [`deck`]: the RON deck format, loading, diagnostics and lints (no terminal, no store);
//! - [`app`] and [`cli`]: the command line, parsed once into a [`app::Context`] at the edge;
//! - [`schedule`]: FSRS-6 next states, the learner's day and the daily queue (pure);
//! - [`store`]: the SQLite progress file (cards, reviews, sessions, settings);
//! - [`settings`]: study settings with their defaults and validation;
//! - [`cmd`]: one module per subcommand, wiring the layers together.

pub mod app;
pub mod cli;
pub mod cmd;
pub mod deck;
pub mod ids;
pub mod schedule;
pub mod settings;
pub mod store;
