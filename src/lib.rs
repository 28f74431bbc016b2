//! recall: a spaced-repetition study tool for exam preparation.
//!
//! Layers (see the README's design section):
//! - [`deck`]: the RON deck format, loading, diagnostics and lints (no terminal, no store);
//! - [`quiz`]: questions from facts, distractors and grading (no terminal, clock or global RNG);
//! - [`app`] and [`cli`]: the command line, parsed once into a [`app::Context`] at the edge;
//! - [`cmd`]: one module per subcommand, wiring the layers together.

pub mod app;
pub mod cli;
pub mod cmd;
pub mod deck;
pub mod ids;
pub mod quiz;
