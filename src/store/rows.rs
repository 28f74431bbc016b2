//! Rows as values: a card state as columns and back, and the conversions of stored rows into
//! [`Review`] and [`SessionRecord`]. A conversion that fails says what is wrong with the row
//! (the caller turns it into [`super::StoreError::BadData`] naming the file).

use jiff::Timestamp;
use rusqlite::Row;

use super::{Review, ReviewId, SessionId, SessionMode, SessionRecord, SessionSummary};
use crate::deck::QuestionKind;
use crate::schedule::{CardState, Grade, Memory, Outcome, Phase};

/// A [`CardState`] as column values.
#[derive(Default)]
pub(super) struct StateColumns {
    /// `None` only for the state "before" a card's first answer (a new card has no row).
    pub(super) phase: Option<&'static str>,
    pub(super) stability: Option<f64>,
    pub(super) difficulty: Option<f64>,
    pub(super) due: Option<i64>,
    pub(super) reps: i64,
    pub(super) lapses: i64,
    pub(super) last_review: Option<i64>,
}

impl StateColumns {
    /// The columns of a card's state, or of no state yet (phase and memory NULL, counts 0):
    /// what a review row stores as `before_*` for a card's first answer.
    pub(super) fn of(state: Option<&CardState>) -> StateColumns {
        state.map_or_else(StateColumns::default, StateColumns::from)
    }

    /// The values in table order (`phase, stability, difficulty, due, reps, lapses,
    /// last_review`), as a review row's `before_*` or `after_*` columns are listed.
    pub(super) fn params(&self) -> [&dyn rusqlite::ToSql; 7] {
        [
            &self.phase,
            &self.stability,
            &self.difficulty,
            &self.due,
            &self.reps,
            &self.lapses,
            &self.last_review,
        ]
    }
}

impl From<&CardState> for StateColumns {
    fn from(s: &CardState) -> StateColumns {
        StateColumns {
            phase: Some(s.phase.name()),
            // f32 → f64 is exact, so reading back as f32 gives the same bits.
            stability: s.memory.map(|m| f64::from(m.stability)),
            difficulty: s.memory.map(|m| f64::from(m.difficulty)),
            due: s.due.map(|t| t.as_second()),
            reps: i64::from(s.reps),
            lapses: i64::from(s.lapses),
            last_review: s.last_review.map(|t| t.as_second()),
        }
    }
}

pub(super) fn ts(seconds: i64) -> Result<Timestamp, String> {
    Timestamp::from_second(seconds).map_err(|e| format!("time {seconds} out of range ({e})"))
}

/// A grade as stored (1 Again … 4 Easy).
pub(super) fn stored_grade(n: i64) -> Result<Grade, String> {
    u8::try_from(n)
        .ok()
        .and_then(Grade::from_number)
        .ok_or_else(|| format!("grade {n} out of range"))
}

pub(super) fn opt_ts(seconds: Option<i64>) -> Result<Option<Timestamp>, String> {
    seconds.map(ts).transpose()
}

pub(super) fn count(n: i64) -> Result<u32, String> {
    u32::try_from(n).map_err(|_| format!("count {n} out of range"))
}

pub(super) fn sql<T>(r: rusqlite::Result<T>) -> Result<T, String> {
    r.map_err(|e| e.to_string())
}

/// Reads phase, stability, difficulty, due, reps, lapses, last_review from column `at` on;
/// `hold` is the card's `suspended` and `buried_until`, which review rows do not keep.
pub(super) fn state_columns(
    row: &Row<'_>,
    at: usize,
    hold: (bool, Option<Timestamp>),
) -> Result<CardState, String> {
    let (suspended, buried_until) = hold;
    let phase = sql(row.get_ref(at))?;
    let phase = phase.as_str().map_err(|e| e.to_string())?;
    let phase = Phase::from_name(phase).ok_or_else(|| format!("unknown card phase `{phase}`"))?;
    let stability: Option<f64> = sql(row.get(at + 1))?;
    let difficulty: Option<f64> = sql(row.get(at + 2))?;
    let memory = match (stability, difficulty) {
        (Some(s), Some(d)) => Some(Memory { stability: s as f32, difficulty: d as f32 }),
        _ => None,
    };
    Ok(CardState {
        phase,
        memory,
        due: opt_ts(sql(row.get(at + 3))?)?,
        reps: count(sql(row.get(at + 4))?)?,
        lapses: count(sql(row.get(at + 5))?)?,
        last_review: opt_ts(sql(row.get(at + 6))?)?,
        suspended,
        buried_until,
    })
}

/// A card's state from [`CARD_COLUMNS`], selected from column `at` on.
pub(super) fn card_state_from(row: &Row<'_>, at: usize) -> Result<CardState, String> {
    let suspended: bool = sql(row.get(at + 7))?;
    let buried_until = opt_ts(sql(row.get(at + 8))?)?;
    state_columns(row, at, (suspended, buried_until))
}

/// The columns of `cards` that [`card_state_from`] reads, in its order.
pub(super) const CARD_COLUMNS: &str =
    "phase, stability, difficulty, due, reps, lapses, last_review, suspended, buried_until";

pub(super) fn review_from(row: &Row<'_>) -> Result<Review, String> {
    let outcome: String = sql(row.get(7))?;
    let grade: i64 = sql(row.get(8))?;
    let kind: String = sql(row.get(4))?;
    let before_phase: Option<String> = sql(row.get(12))?;
    Ok(Review {
        id: ReviewId(sql(row.get(0))?),
        time: ts(sql(row.get(1))?)?,
        card: sql(row.get(2))?,
        session: sql(row.get::<_, Option<i64>>(3))?.map(SessionId),
        kind: QuestionKind::from_slug(&kind),
        response: sql(row.get(5))?,
        correct: sql(row.get(6))?,
        outcome: Outcome::from_name(&outcome)
            .ok_or_else(|| format!("unknown outcome `{outcome}`"))?,
        grade: stored_grade(grade)?,
        duration_ms: count(sql(row.get(9))?)?,
        cram: sql(row.get(10))?,
        imported: sql(row.get(11))?,
        // Answers never change `suspended` or `buried_until`, so the review rows do not keep
        // them.
        before: match before_phase {
            Some(_) => Some(state_columns(row, 12, (false, None))?),
            None => None,
        },
        after: state_columns(row, 19, (false, None))?,
    })
}

pub(super) fn session_from(row: &Row<'_>) -> Result<SessionRecord, String> {
    let mode: String = sql(row.get(1))?;
    let decks: String = sql(row.get(2))?;
    let extra: Option<String> = sql(row.get(9))?;
    Ok(SessionRecord {
        id: SessionId(sql(row.get(0))?),
        mode: SessionMode::from_name(&mode)
            .ok_or_else(|| format!("unknown session mode `{mode}`"))?,
        decks: serde_json::from_str(&decks).map_err(|e| format!("session decks ({e})"))?,
        started: ts(sql(row.get(3))?)?,
        summary: SessionSummary {
            ended: opt_ts(sql(row.get(4))?)?,
            questions: count(sql(row.get(5))?)?,
            right: count(sql(row.get(6))?)?,
            wrong: count(sql(row.get(7))?)?,
            score: sql(row.get(8))?,
            extra: extra
                .map(|x| serde_json::from_str(&x))
                .transpose()
                .map_err(|e| format!("session data ({e})"))?,
        },
    })
}
