//! The learner's memory model and its history: review logs from outside recall ([`log`]),
//! how well FSRS parameters predict a history ([`evaluate`]), and a simulated learner that
//! checks exam-date scheduling by numbers ([`simulate`]).
//!
//! Layers: it imports `ids`, `schedule` (the scheduler the simulation drives, the exam-date
//! plan), `settings`, and the store's [`crate::store::LoggedReview`] rows, which [`log`] turns
//! into FSRS items; no terminal.

pub mod calibrate;
pub mod evaluate;
pub mod log;
pub mod refit;
pub mod simulate;
pub mod spread;
