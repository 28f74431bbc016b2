//! Mock papers (`recall exam`): the paper, the marking, the sitting, the result, and the flow
//! that takes a paper from start to finish.
//!
//! Pure like the quiz layer (on which it builds): no terminal, no clock, no store, no global
//! RNG.
//! - [`assembly`]: which facts go on a paper (weighted toward weak facts and uncovered topics);
//! - [`marking`]: schemes (`upsc`, `none`, `+A/-B`) and exact marks;
//! - [`sitting`]: the state machine of a paper being answered (moves, answers, marks, time);
//! - [`result`]: the score, per-topic breakdown and the comparison with earlier papers;
//! - [`render`]: the result as text.
//!
//! [`flow`] is the one part that is not pure: like [`crate::session`] for study, it drives a
//! paper through the store and a [`flow::Desk`] (the terminal's lives in `ui`), with the time
//! and seed given by the command. Nothing here imports `ui` or a command.

pub mod assembly;
pub mod flow;
pub mod marking;
pub mod render;
pub mod result;
pub mod sitting;

pub use assembly::{Candidate, NotEnough, OPTIONS, PaperQuestion, assemble, question_for};
pub use marking::{Marking, MarkingError, Marks};
pub use result::{Comparison, Marked, Tally, Verdict, compare, mark};
pub use sitting::{Change, End, Sitting, SittingError};
