//! Bulk import of review histories from elsewhere (CSV review logs, Anki collections).
//!
//! An imported review is a row of `reviews` with `imported` set to its origin, a text unique
//! per source review (`csv:<card id>:<epoch ms>`, `anki:<revlog id>`); a unique index on it
//! makes a repeated import add nothing twice. After the rows are in, every card that gained
//! a review has its whole history (imported and answered here, cram answers excepted) replayed
//! in time order through the [`Scheduler`], answer by answer exactly as a session would have
//! scheduled it, so its phase, memory, lapses and due date are what recall would have given
//! it; the before/after states of those review rows are rewritten to match, so undo and
//! history stay consistent. Everything happens in one transaction.
//!
//! Cards of a review log that belong to no deck live under a reserved deck id starting with
//! [`HISTORY_DECK_PREFIX`]: their history feeds `optimize` and `evaluate`, but no deck can
//! have such an id in a session, and `check` does not report them as orphans.

use std::collections::BTreeSet;

use jiff::Timestamp;
use rusqlite::{TransactionBehavior, params};

use super::{StateColumns, Store, StoreError, upsert_card};
use crate::ids::{CardKey, DeckId};
use crate::schedule::{CardState, Grade, Scheduler, StudyDay};

/// Deck ids starting with this hold imported cards that belong to no deck:
/// `history.<log name>/<fact>/forward`. Deck files are named by slugs, which never contain a
/// `.` when made by recall, so a real deck does not take this prefix by accident.
pub const HISTORY_DECK_PREFIX: &str = "history.";

/// True for the reserved decks of imported history ([`HISTORY_DECK_PREFIX`]).
pub fn is_history_deck(deck: &DeckId) -> bool {
    deck.as_str().starts_with(HISTORY_DECK_PREFIX)
}

/// One review from another program's log.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportedReview {
    pub card: CardKey,
    pub time: Timestamp,
    pub grade: Grade,
    pub duration_ms: u32,
    /// Unique per source review, e.g. `csv:<card_id>:<epoch_ms>` or `anki:<revlog id>`.
    pub origin: String,
}

/// What an import did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ImportCounts {
    /// Reviews stored now.
    pub added: u64,
    /// Reviews skipped because their origin was already stored (an earlier import).
    pub already_present: u64,
    /// Cards that gained reviews (and whose state was recomputed).
    pub cards: u64,
}

/// A replayed review row: its id, grade and time.
struct Row {
    id: i64,
    time: Timestamp,
    grade: Grade,
}

impl Store {
    /// Adds `reviews` (any order) as imported history and recomputes the state of every card
    /// that gained one by replaying its whole history with `scheduler`; learner days are
    /// counted in `day`'s zone and rollover hour (its instant is not used). One transaction:
    /// on error nothing is stored. A card's `suspended` flag is kept.
    pub fn import_reviews(
        &mut self,
        reviews: &[ImportedReview],
        scheduler: &Scheduler,
        day: &StudyDay,
    ) -> Result<ImportCounts, StoreError> {
        let path = self.path.clone();
        let e = |err| StoreError::sqlite(&path, err);
        let bad = |detail: String| StoreError::BadData { path: path.clone(), detail };
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(e)?;
        let mut counts = ImportCounts::default();
        let mut touched: BTreeSet<String> = BTreeSet::new();
        {
            // The after state is a placeholder until the replay below writes the real one.
            let mut insert = tx
                .prepare_cached(
                    "INSERT INTO reviews (time, card, kind, response, correct, outcome, grade,
                        duration_ms, imported, before_reps, before_lapses, after_phase,
                        after_reps, after_lapses)
                     VALUES (?1, ?2, 'flashcard', '', ?3, ?4, ?5, ?6, ?7, 0, 0, 'new', 0, 0)
                     ON CONFLICT (imported) WHERE imported IS NOT NULL DO NOTHING",
                )
                .map_err(e)?;
            for r in reviews {
                let key = r.card.to_string();
                let correct = r.grade != Grade::Again;
                let outcome = if correct { "correct" } else { "wrong" };
                let n = insert
                    .execute(params![
                        r.time.as_second(),
                        key,
                        correct,
                        outcome,
                        r.grade.number(),
                        r.duration_ms,
                        r.origin,
                    ])
                    .map_err(e)?;
                if n == 0 {
                    counts.already_present += 1;
                } else {
                    counts.added += 1;
                    touched.insert(key);
                }
            }
        }
        counts.cards = touched.len() as u64;
        {
            let mut history = tx
                .prepare_cached(
                    "SELECT id, time, grade FROM reviews WHERE card = ?1 AND cram = 0
                     ORDER BY time, id",
                )
                .map_err(e)?;
            let mut rewrite = tx
                .prepare_cached(
                    "UPDATE reviews SET before_phase = ?2, before_stability = ?3,
                        before_difficulty = ?4, before_due = ?5, before_reps = ?6,
                        before_lapses = ?7, before_last_review = ?8,
                        after_phase = ?9, after_stability = ?10, after_difficulty = ?11,
                        after_due = ?12, after_reps = ?13, after_lapses = ?14,
                        after_last_review = ?15
                     WHERE id = ?1",
                )
                .map_err(e)?;
            let mut rows: Vec<Row> = Vec::new();
            for text in &touched {
                let key: CardKey =
                    text.parse().map_err(|_| bad(format!("invalid card key `{text}`")))?;
                rows.clear();
                let mut q = history.query([text]).map_err(e)?;
                while let Some(row) = q.next().map_err(e)? {
                    let grade: i64 = row.get(2).map_err(e)?;
                    let seconds: i64 = row.get(1).map_err(e)?;
                    rows.push(Row {
                        id: row.get(0).map_err(e)?,
                        time: Timestamp::from_second(seconds)
                            .map_err(|_| bad(format!("review time {seconds} out of range")))?,
                        grade: u8::try_from(grade)
                            .ok()
                            .and_then(Grade::from_number)
                            .ok_or_else(|| bad(format!("grade {grade} out of range")))?,
                    });
                }
                let mut state: Option<CardState> = None;
                for row in &rows {
                    let before = state.clone().unwrap_or_default();
                    let next = scheduler
                        .next_states(&key, &before, &day.at(row.time))
                        .map_err(|source| bad(format!("replaying {text}: {source}")))?;
                    let after = next.get(row.grade).state.clone();
                    let b = state.as_ref().map(StateColumns::from);
                    let a = StateColumns::from(&after);
                    rewrite
                        .execute(params![
                            row.id,
                            b.as_ref().map(|b| b.phase),
                            b.as_ref().and_then(|b| b.stability),
                            b.as_ref().and_then(|b| b.difficulty),
                            b.as_ref().and_then(|b| b.due),
                            b.as_ref().map_or(0, |b| b.reps),
                            b.as_ref().map_or(0, |b| b.lapses),
                            b.as_ref().and_then(|b| b.last_review),
                            a.phase,
                            a.stability,
                            a.difficulty,
                            a.due,
                            a.reps,
                            a.lapses,
                            a.last_review,
                        ])
                        .map_err(e)?;
                    state = Some(after);
                }
                if let Some(state) = state {
                    upsert_card(&tx, &key, &state).map_err(e)?;
                }
            }
        }
        tx.commit().map_err(e)?;
        Ok(counts)
    }

    /// Moves a card's due date (for importers that keep the source's schedule, such as an
    /// Anki collection's due dates). Returns false if the card has no row (it is new, and a
    /// new card has no due date).
    pub fn set_due(&self, key: &CardKey, due: Timestamp) -> Result<bool, StoreError> {
        let n = self
            .conn
            .execute(
                "UPDATE cards SET due = ?2 WHERE key = ?1",
                params![key.to_string(), due.as_second()],
            )
            .map_err(|e| self.err(e))?;
        Ok(n > 0)
    }

    /// How many reviews are stored, and how many of them were imported.
    pub fn review_counts(&self) -> Result<(u64, u64), StoreError> {
        self.conn
            .query_row("SELECT count(*), count(imported) FROM reviews", [], |r| {
                Ok((r.get::<_, i64>(0)? as u64, r.get::<_, i64>(1)? as u64))
            })
            .map_err(|e| self.err(e))
    }
}
