//! The learner's memory model and its history: review logs from outside recall ([`log`]),
//! how well FSRS parameters predict a history ([`evaluate`]), and a simulated learner that
//! checks exam-date scheduling by numbers ([`simulate`]).

pub mod evaluate;
pub mod log;
pub mod simulate;
