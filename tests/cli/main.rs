//! The command-line tests: the real `recall` binary run as a learner runs it, one module per
//! command or flow. One test binary (one link, one process started by cargo) rather than one
//! per file; [`support`] holds the environment every test runs in.

mod add_question;
mod anki;
mod anywhere;
mod author;
mod authored;
mod backup;
mod check;
mod config;
mod escapes;
mod evaluate;
mod exam;
mod exam_date;
mod exam_history;
mod filters;
mod fuzz_corpus;
mod history;
mod history_import;
mod imports;
mod manage;
mod pipes;
mod preview;
mod simulate;
mod stats;
mod store;
mod study;
mod support;
mod sync;
mod timezone;
