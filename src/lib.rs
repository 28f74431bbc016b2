//! recall: a spaced-repetition study tool for exam preparation.
//!
//! Layers, lowest first; each imports only those below it (`docs/design.md` draws the same map):
//! - [`text`], [`settings`], [`ids`], [`hash`], [`limited`]: plain text layout and styles, study
//!   settings, id newtypes, a fast hasher, reading learners' files within limits (they import
//!   nothing of the crate);
//! - [`deck`]: the RON deck format, loading, diagnostics, lints and edits;
//! - [`quiz`]: questions from facts, distractors and grading (no terminal, clock or global RNG);
//! - [`schedule`]: FSRS-6 next states, the learner's day, the daily queue and exam-date
//!   scheduling ([`schedule::exam_date`]) (pure);
//! - [`stats`]: retention, streaks, forecasts, mastery and history from the store's rows (pure);
//! - [`store`]: the SQLite progress file (cards, reviews, sessions, settings);
//! - [`session`]: the study session walk; [`paper`]: mock papers (assembly, marking, sitting,
//!   and [`paper::flow`], a paper from start to finish); both reach the terminal only through
//!   traits ([`session::Prompter`], [`paper::flow::Desk`]);
//! - [`learner`]: review logs, the benchmark measures and the simulated learner; [`anki`]:
//!   reading Anki packages;
//! - [`ui`]: the terminal's prompts and screens, implementing those traits;
//! - the edge: [`app`], [`cli`] and [`context`] (the command line, parsed once into a
//!   [`context::Context`] that opens the store and the learner's day), [`decks_dir`] (where
//!   decks live when no path is given, and the bundled decks), [`check`] and [`preview`] (deck
//!   loading and question listing shared by commands), [`select`] (cards chosen by id or
//!   `--find`), [`report`] (an error said once, each cause once), and [`cmd`], one module per
//!   subcommand, none importing another.
//!
//! Beside the layers, [`out`](mod@out): the process's stdout and stderr, which every layer that prints
//! prints through, so that a closed pipe (`recall history | head`) stops the printing and
//! nothing else. The lints below and `clippy.toml` keep it the only way out.

// Printing is `outln!`/`errln!` (module `out`), never `println!`/`eprintln!`, which panic on a
// closed pipe. `out` is declared first so that its macros are in scope in every module.
#![deny(clippy::print_stdout, clippy::print_stderr, clippy::disallowed_methods)]

#[macro_use]
pub mod out;

pub mod anki;
pub mod app;
pub mod check;
pub mod cli;
pub mod cmd;
pub mod context;
pub mod deck;
pub mod decks_dir;
pub mod hash;
pub mod ids;
pub mod learner;
pub mod limited;
pub mod paper;
pub mod preview;
pub mod quiz;
pub mod report;
pub mod schedule;
pub mod select;
pub mod session;
pub mod settings;
pub mod stats;
pub mod store;
pub mod sync;
pub mod text;
pub mod ui;
