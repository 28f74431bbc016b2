//! The rows statistics are computed from: the contract the store fills.
//!
//! These are plain values with no behaviour of their own, so the store can fill them from SQL
//! rows and tests can write them by hand. Every time is a UTC [`jiff::Timestamp`]; turning times
//! into the learner's days is the job of [`super::days::LearnerDays`]. Stabilities are in days.
//!
//! The store fills these rows, so it imports this module, and statistics never import the
//! store: a type both need lives here, in the lower of the two layers. So the session's kind is
//! [`SessionMode`] for the store, statistics and `recall history --mode` alike, and how one
//! question went is [`Verdict`] for history and the mock paper's marking. A card's phase is
//! the scheduler's [`Phase`]. This module imports only `ids` and `schedule`.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::ids::CardKey;
use crate::schedule::Phase;

/// The store's number for a card (its row id in `cards`).
///
/// Reviews name their card by this number rather than by its `deck/fact/direction` key: a heavy
/// learner has a million review rows, and reading a key string for each (an allocation per row
/// in the SQL fetch, two pointer chases per row in the statistics) would cost more than
/// everything else together. The key is read once per card, in [`CardFact`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CardId(pub i64);

/// One answer as the store keeps it (table `reviews`), with only the columns statistics read:
/// the fetch of a million rows costs per column. Grades, durations and sessions of single
/// answers are shown per session, through [`AnswerFact`].
#[derive(Clone, Debug, PartialEq)]
pub struct ReviewFact {
    /// When the answer was given.
    pub time: Timestamp,
    /// The card answered; it must be one of the [`CardFact`]s passed alongside, or the review
    /// is left out.
    pub card: CardId,
    /// Whether the answer was right (grade Hard, Good or Easy; a near miss counts as right).
    pub correct: bool,
    /// The card's phase before this answer.
    pub phase_before: Phase,
    /// The card's stability before this answer; `None` for a new card.
    pub stability_before: Option<f64>,
    /// Answered in a cram session, which does not move the schedule.
    pub cram: bool,
}

/// Answers to one card before [`super::report::detail_since`], counted rather than listed.
///
/// Only per-fact accuracy and the review total look that far back; the calendar and the
/// retention windows do not. A store that counts its old answers per card in SQL saves reading
/// most of a long history row by row. Counts and [`ReviewFact`]s must not overlap.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CardTally {
    pub card: CardId,
    pub reviews: u32,
    pub right: u32,
}

/// One card's current memory state (table `cards`).
#[derive(Clone, Debug, PartialEq)]
pub struct CardFact {
    pub id: CardId,
    pub card: CardKey,
    /// FSRS stability in days; `None` while the card is new.
    pub stability: Option<f64>,
    /// FSRS difficulty (1–10); `None` while the card is new.
    pub difficulty: Option<f64>,
    /// When a session would next ask the card; `None` while it is new or suspended. A buried
    /// card is due no earlier than its bury ends (`recall bury`).
    pub due: Option<Timestamp>,
    /// The last scheduling answer (not cram); `None` while the card is new.
    pub last_review: Option<Timestamp>,
    pub reps: u32,
    pub lapses: u32,
    pub phase: Phase,
}

impl CardFact {
    /// A card with no answers yet (or answered only in cram sessions, which never give it a
    /// state): new, with no memory.
    pub fn new(id: CardId, card: CardKey) -> CardFact {
        CardFact {
            id,
            card,
            stability: None,
            difficulty: None,
            due: None,
            last_review: None,
            reps: 0,
            lapses: 0,
            phase: Phase::New,
        }
    }
}

/// The kind of a session: what the store keeps in `sessions.mode` and what statistics and
/// `recall history --mode` tell apart. It lives here, not in the store, because the store fills
/// these rows (it imports this module) and statistics must not import the store.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SessionMode {
    /// Due reviews and new facts, scheduled by FSRS.
    Study,
    /// Practice outside the schedule: answers are recorded but do not move due dates.
    Cram,
    /// A timed mock exam with marks.
    Exam,
}

impl SessionMode {
    /// The name on the command line, in the store, and in JSON/CSV.
    pub fn name(self) -> &'static str {
        match self {
            SessionMode::Study => "study",
            SessionMode::Cram => "cram",
            SessionMode::Exam => "exam",
        }
    }

    /// `None` for a name this version does not know.
    pub fn from_name(s: &str) -> Option<SessionMode> {
        [SessionMode::Study, SessionMode::Cram, SessionMode::Exam]
            .into_iter()
            .find(|m| m.name() == s)
    }
}

impl std::fmt::Display for SessionMode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// A mode name that is not `study`, `cram` or `exam`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a session mode (expected study, cram or exam)")]
pub struct InvalidMode(pub String);

impl std::str::FromStr for SessionMode {
    type Err = InvalidMode;
    fn from_str(s: &str) -> Result<SessionMode, InvalidMode> {
        SessionMode::from_name(s).ok_or_else(|| InvalidMode(s.to_owned()))
    }
}

/// One session (table `sessions`).
#[derive(Clone, Debug, PartialEq)]
pub struct SessionFact {
    pub id: i64,
    pub mode: SessionMode,
    /// The ids of the decks studied.
    pub decks: Vec<String>,
    pub started: Timestamp,
    /// `None` while the session runs or when it was cut off (crash, Ctrl-C).
    pub ended: Option<Timestamp>,
    /// Questions asked (answered or not).
    pub questions: u32,
    pub right: u32,
    pub wrong: u32,
    /// Exam questions left blank; 0 for study and cram.
    pub unanswered: u32,
    /// Exam score in marks after negative marking; for study and cram the store may put
    /// `right` here (it is not used for them).
    pub score: f64,
    /// The marks a perfect exam would score; 0 for study and cram.
    pub max_score: f64,
    /// The exam's marking scheme as shown to the learner (`+2 / −2/3`); `None` outside exams.
    pub marking: Option<String>,
    /// The exam's scheme as named on the command line (`upsc`, `none`, `+1/-0.25`); `None`
    /// outside exams.
    pub scheme: Option<String>,
    /// How the exam paper ended; `None` outside exams (and for a status this version does not
    /// know).
    pub status: Option<ExamStatus>,
    /// Time spent answering, pauses excluded.
    pub duration_seconds: u64,
}

/// How an exam paper ended, as the store keeps it in the session's `extra.status`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ExamStatus {
    /// The learner submitted the paper.
    Submitted,
    /// Time ran out; the paper was submitted with what was answered.
    TimedOut,
    /// The learner gave up: no marks, no reviews.
    Abandoned,
    /// Not closed: being sat now, or cut off by a crash and not yet submitted or abandoned.
    Running,
}

impl ExamStatus {
    /// The name in the store, JSON and CSV.
    pub fn name(self) -> &'static str {
        match self {
            ExamStatus::Submitted => "submitted",
            ExamStatus::TimedOut => "timed-out",
            ExamStatus::Abandoned => "abandoned",
            ExamStatus::Running => "running",
        }
    }

    /// `None` for a name this version does not know.
    pub fn from_name(name: &str) -> Option<ExamStatus> {
        [ExamStatus::Submitted, ExamStatus::TimedOut, ExamStatus::Abandoned, ExamStatus::Running]
            .into_iter()
            .find(|s| s.name() == name)
    }

    /// Whether the paper was marked: only then do its score and percentage mean anything.
    pub fn is_marked(self) -> bool {
        matches!(self, ExamStatus::Submitted | ExamStatus::TimedOut)
    }
}

/// How one question of a session went, as history and a mock paper's marking count it: right
/// (a near miss or a corrected grade counts as right), wrong, or left blank. Coarser than the
/// kind of answer kept with each review ([`crate::schedule::Outcome`]); the paper's
/// marking uses this same type ([`crate::paper::Verdict`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    Right,
    Wrong,
    /// Left blank in an exam.
    Unanswered,
}

/// One question of one session, for `recall history SESSION-ID`.
#[derive(Clone, Debug, PartialEq)]
pub struct AnswerFact {
    pub time: Timestamp,
    pub card: CardKey,
    /// The question as it was asked (or the fact's cue when the wording was not kept).
    pub question: String,
    /// The right answer.
    pub expected: String,
    /// What the learner answered: the typed text or the chosen option; empty when unanswered.
    pub response: String,
    /// Right or wrong as the learner's grade says: an answer judged wrong that the learner
    /// re-graded to Good is right, as it is in the session's counts and the schedule.
    pub outcome: Verdict,
    /// The FSRS grade saved (1–4); `None` for exam questions left blank.
    pub grade: Option<u8>,
    /// The learner changed the grade recall proposed so that right became wrong or wrong right
    /// (history marks it, so a ✓ beside a wrong-looking answer explains itself).
    pub regraded: bool,
    pub duration_ms: u32,
    /// A statement set's or pairs question's parts, one line each: whether it was true and
    /// why (`2. False: the correct statement. The explanation.`). Empty for other questions.
    pub statements: Vec<String>,
}

/// One question format's answers (direct, statements, pairs, authored): kept per study
/// session in its row (`formats` in the session's `extra`), summed by `recall stats`. A
/// statement set is one question, right when its option was.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormatTally {
    pub format: crate::quiz::composite::Format,
    pub answered: u32,
    pub right: u32,
}
