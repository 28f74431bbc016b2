//! A study session: walks today's queue, asks each card in a fitting question kind, grades the
//! answer, lets the learner confirm or change the grade, records it, and keeps the score.
//!
//! The learner is reached only through the [`Prompter`] trait (the terminal, or a script in
//! tests) and the progress line through [`Progress`]; time comes from a [`Clock`] added to the
//! command's `now`; question randomness from the run's seed through [`quiz::seeded_rng`]. So
//! the whole session runs in unit tests against a temporary store with no terminal.
//!
//! The walk:
//! - cards in queue order; a learning card due later today waits until it is due, or until
//!   it is within [`LEARN_AHEAD`] of due once nothing else is left (as in Anki);
//! - a card answered Again in a study session comes back later in the same session (its
//!   ten-minute learning step, shown early if nothing else is left), never straight away while
//!   other cards can be asked: three other questions come between;
//! - question kind: the first of the entry's kinds (by maturity, or forced by `--kinds`) that
//!   [`quiz::kinds_for`] allows, else the card's own first kind;
//! - `u` undoes the last answer (the store restores the card's state; the score and the
//!   question come back), `s` skips a card (it stays due), `q`/Esc/Ctrl-C/Ctrl-D stop. Every
//!   answer is committed before the next question appears;
//! - a statement set or pairs question ([`sets`]) stands where its first fact stood and takes
//!   the place of its facts' due reviews: its answer is saved at once as a review per fact
//!   where the chosen option reveals each judgement ([`crate::quiz::composite::judgements`]),
//!   and the facts it does not judge (a wrong "how many") are asked again one by one later in
//!   the session, so no due fact drops out of the day. It is one question in the counts.
//!
//! The four next states of an answer are computed once, when it is judged, for the grade menu
//! ("Good · 3d"); the state of the grade chosen is carried to the store, as in Anki's
//! scheduler, so what is saved is what the menu showed, however long the learner lingers.
//!
//! Decks with an exam date ahead ([`Study::exams`]) are scheduled for the exam: each answer's
//! next states come from [`Scheduler::next_states_with_exam_dates`] (so the grade menu shows the
//! capped intervals and the store saves them), and the review load per day that policy spreads
//! is kept current as answers (and undos) move cards. The queue's pacing of new facts is the
//! command's part ([`crate::schedule::build_queue_with_exam_dates`]).
//!
//! [`render`] turns a [`Report`] and an [`Outlook`] into the end-of-session summary.
//!
//! Files: `walk.rs` (queue order, recording, undo, the report), `walk/ask.rs` (asking one
//! card, feedback, the grade menu) and `walk/set.rs` (asking, saving and undoing a statement
//! set); `sets.rs` (which due facts make a set); `report.rs` ([`Report`], the session's row), `outlook.rs`
//! ([`Outlook`], read from the store after the session), `clock.rs`, `prompter.rs` (the
//! [`Prompter`] trait the terminal implements).
//!
//! Layers: a session uses `deck`, `quiz`, `schedule`, `settings` and `stats` (the streak), the
//! store (it records each answer) and `text` (`render` lays out the feedback and the summary).
//! It never imports `ui`: the terminal implements [`Prompter`] and [`Progress`].

mod clock;
mod outlook;
mod prompter;
pub mod render;
mod report;
pub mod sets;
mod walk;

pub use clock::{Clock, FakeClock, MonotonicClock};
pub use outlook::Outlook;
pub use prompter::{Prompter, Reply};
pub use report::{Ending, FormatTally, Report, Weak};

use std::time::Duration;

use jiff::Timestamp;
use jiff::tz::TimeZone;

use crate::deck::{Fact, Library, QuestionKind};
use crate::ids::CardKey;
use crate::quiz::{self, Pool};
use crate::schedule::{ExamDates, QueueEntry, ScheduleError, Scheduler};
use crate::settings::Settings;
use crate::store::{SessionId, SessionMode, Store, StoreError};

/// How far ahead of its due time a learning card may be shown once nothing else is left.
pub const LEARN_AHEAD: Duration = Duration::from_secs(20 * 60);

/// What went wrong in a session: the store, the scheduler or the terminal.
#[derive(Debug, thiserror::Error)]
pub enum SessionError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Schedule(#[from] ScheduleError),
    #[error("the terminal failed: {0}")]
    Io(#[from] std::io::Error),
}

/// Draws the session's progress line between questions (an indicatif bar on the terminal).
pub trait Progress {
    /// Called before each question is shown.
    fn update(&mut self, done: usize, total: usize, right: u32, elapsed: Duration);
}

/// Progress that is not shown (tests).
#[derive(Debug, Default)]
pub struct NoProgress;

impl Progress for NoProgress {
    fn update(&mut self, _: usize, _: usize, _: u32, _: Duration) {}
}

/// Everything a session reads, built by the command.
pub struct Study<'a, 'f> {
    pub library: &'f Library,
    pub pool: &'a Pool<'f>,
    pub scheduler: &'a Scheduler,
    pub settings: &'a Settings,
    /// The learner's zone, for the learner day of each answer.
    pub tz: TimeZone,
    /// The command's `now`: answers are timed at `now` + the clock's elapsed time.
    pub now: Timestamp,
    pub session: SessionId,
    /// `Cram` records answers without moving schedules; otherwise `Study`.
    pub mode: SessionMode,
    /// Today's queue (or the cram selection), in order.
    pub queue: Vec<QueueEntry<'f>>,
    /// Statement sets and pairs asked in place of the queue's entries of their facts, each
    /// where its first fact stands ([`sets::choose`]); none in cram.
    pub sets: Vec<sets::SetQuestion<'f>>,
    /// `--kinds`: ask only these kinds where the card allows one.
    pub force_kinds: Vec<QuestionKind>,
    /// `--seed`: option order, distractor choice, true/false statements.
    pub seed: u64,
    /// `--limit`: at most this many answers.
    pub limit: Option<usize>,
    /// `--minutes`: no new question after this long.
    pub minutes: Option<u32>,
    /// Columns to lay feedback out in.
    pub width: usize,
    /// Colour, or not, for everything the session shows (decided by the command).
    pub palette: crate::text::Palette,
    /// Exam dates of the decks (deck `exam` fields or `--exam`), the exam-day target and the
    /// review load per coming day counted from the store ([`ExamDates::count_load`]);
    /// [`ExamDates::none`] for plain scheduling.
    pub exams: ExamDates,
}

/// Runs a session to its end and returns what it did. Answers are in the store as they are
/// given; the caller writes the session row from the report ([`Report::summary`]).
pub fn run(
    study: &Study<'_, '_>,
    store: &mut Store,
    prompter: &mut dyn Prompter,
    clock: &dyn Clock,
    progress: &mut dyn Progress,
) -> Result<Report, SessionError> {
    walk::Walk::new(study).run(store, prompter, clock, progress)
}

/// Every card of the library in deck order, with its fact.
pub fn library_cards(library: &Library) -> Vec<(CardKey, &Fact)> {
    let mut cards = Vec::with_capacity(library.fact_count() * 2);
    for (deck, fact) in library.facts() {
        for direction in quiz::cards(fact) {
            cards.push((CardKey::new(deck.id.clone(), fact.id.clone(), direction), fact));
        }
    }
    cards
}

/// The cards a run with `--kinds` asks, out of `cards`: those that can be asked in one of
/// `kinds`, and every card of a fact none of whose cards can (asked in its own kinds, as the
/// fact skips what was asked for). So `--kinds reverse` asks a fact's reverse card, not its
/// forward card in a kind it happens to fall back to (it used to give forward flashcards), and
/// `--kinds cloze` its blanks. All of `cards` when `kinds` is empty.
///
/// The second value: whether any card can be asked in one of `kinds` (`false` also when
/// `cards` is empty), so the command can say that none can.
pub fn cards_for_kinds<'f>(
    cards: &[(CardKey, &'f Fact)],
    kinds: &[QuestionKind],
) -> (Vec<(CardKey, &'f Fact)>, bool) {
    if kinds.is_empty() {
        return (cards.to_vec(), !cards.is_empty());
    }
    let fits: Vec<bool> = cards
        .iter()
        .map(|(key, fact)| {
            let allowed = quiz::kinds_for(fact, key.direction);
            kinds.iter().any(|k| allowed.contains(k))
        })
        .collect();
    // Facts with at least one card that fits.
    let fitting: std::collections::HashSet<(&crate::ids::DeckId, &crate::ids::FactId)> = cards
        .iter()
        .zip(&fits)
        .filter(|(_, fit)| **fit)
        .map(|((key, _), _)| (&key.deck, &key.fact))
        .collect();
    let chosen = cards
        .iter()
        .zip(&fits)
        .filter(|((key, _), fit)| **fit || !fitting.contains(&(&key.deck, &key.fact)))
        .map(|(card, _)| card.clone())
        .collect();
    (chosen, !fitting.is_empty())
}

/// The first of `wanted` that the card can be asked in, else the card's own first kind.
pub fn choose_kind(wanted: &[QuestionKind], allowed: &[QuestionKind]) -> QuestionKind {
    wanted
        .iter()
        .find(|k| allowed.contains(k))
        .or_else(|| allowed.first())
        .copied()
        .unwrap_or(QuestionKind::Flashcard)
}

#[cfg(test)]
mod tests;
