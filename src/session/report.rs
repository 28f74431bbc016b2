//! What a session did ([`Report`]): its totals for the summary screen and the session's row.

use std::time::Duration;

use jiff::Timestamp;
use serde::Serialize;

use crate::ids::CardKey;
pub use crate::stats::FormatTally;
use crate::store::{SessionMode, SessionSummary};

/// Why the session ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Ending {
    /// Every card of the queue was answered or skipped.
    Done,
    /// The learner quit.
    Quit,
    /// `--minutes` ran out.
    TimeUp,
    /// `--limit` answers were given.
    Limit,
}

/// A fact the learner struggled with in this session.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Weak {
    #[serde(serialize_with = "as_display")]
    pub card: CardKey,
    pub cue: String,
    pub answer: String,
    /// Answers saved as Again in this session.
    pub misses: u32,
}

fn as_display<T: std::fmt::Display, S: serde::Serializer>(v: &T, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(v)
}

/// What a session did: its totals, stored as the session's row and shown in the summary.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    pub mode: SessionMode,
    pub ending: Ending,
    /// Answers saved (undone ones excluded).
    pub questions: u32,
    /// Answers saved with a passing grade (Hard, Good or Easy).
    pub right: u32,
    pub wrong: u32,
    pub skipped: u32,
    /// Facts answered for the first time (study sessions only).
    pub new_facts: u32,
    #[serde(serialize_with = "as_secs")]
    pub elapsed: Duration,
    /// Learning cards left for later today: missed in this session, or waiting from an
    /// earlier one, and not reached before the session ended.
    pub learning_later: u32,
    /// The facts with the most misses, at most five.
    pub weakest: Vec<Weak>,
    /// Questions and right answers per format asked (direct, statements, pairs, authored), for
    /// `recall stats`' accuracy by format; only the formats asked, in [`crate::quiz::composite::Format::ALL`] order.
    pub formats: Vec<FormatTally>,
}

fn as_secs<S: serde::Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_u64(d.as_secs())
}

impl Report {
    /// The row the store keeps for this session.
    pub fn summary(&self, started: Timestamp) -> SessionSummary {
        let ended = started
            .checked_add(jiff::SignedDuration::try_from(self.elapsed).unwrap_or_default())
            .unwrap_or(started);
        SessionSummary {
            ended: Some(ended),
            questions: self.questions,
            right: self.right,
            wrong: self.wrong,
            score: None,
            extra: serde_json::to_value(SummaryExtra {
                ending: self.ending,
                skipped: self.skipped,
                new_facts: self.new_facts,
                seconds: self.elapsed.as_secs(),
                weakest: &self.weakest,
                formats: &self.formats,
            })
            .ok(),
        }
    }
}

/// The session row's `extra` JSON for study and cram sessions.
#[derive(Serialize)]
struct SummaryExtra<'a> {
    ending: Ending,
    skipped: u32,
    new_facts: u32,
    seconds: u64,
    weakest: &'a [Weak],
    formats: &'a [FormatTally],
}
