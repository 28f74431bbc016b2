//! Answers (table `reviews`): recording one with the card's state before and after it, undo,
//! today's counts for the queue's limits, and reading them back.

use std::path::Path;

use jiff::Timestamp;
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params, params_from_iter};

use super::cards::{card_number, upsert_card};
use super::rows::{CARD_COLUMNS, StateColumns, card_state_from, review_from};
use super::{Answer, Review, ReviewId, SessionId, Store, StoreError};
use crate::ids::CardKey;
use crate::schedule::{DayCounts, StudyDay};

impl Store {
    /// Records one answer and, unless it is a cram answer, moves the card to `answer.after`,
    /// in one transaction committed before this returns. The card's state before is read
    /// inside the transaction and kept in the review row for [`Store::undo_last`].
    ///
    /// Compute `answer.after` from the card's state as stored (`card_state` or the queue's
    /// `CardStates`) while holding [`Store::lock_session`], so no other session moves the card
    /// in between.
    pub fn record_answer(&mut self, answer: &Answer<'_>) -> Result<ReviewId, StoreError> {
        let path = self.path.clone();
        let e = |err| StoreError::sqlite(&path, err);
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(e)?;
        let id = write_answer(&tx, &path, answer)?;
        tx.commit().map_err(e)?;
        Ok(id)
    }

    /// Undoes the session's last answer: restores the card's state from before it exactly
    /// and deletes the review row. Returns the undone review, `None` if the session has none.
    pub fn undo_last(&mut self, session: SessionId) -> Result<Option<Review>, StoreError> {
        let path = self.path.clone();
        let e = |err| StoreError::sqlite(&path, err);
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(e)?;
        let review = tx
            .query_row(
                &format!("SELECT {REVIEW_COLUMNS} FROM reviews WHERE session = ?1 ORDER BY id DESC LIMIT 1"),
                [session.0],
                |r| Ok(review_from(r)),
            )
            .optional()
            .map_err(e)?
            .transpose()
            .map_err(|detail| StoreError::BadData { path: path.clone(), detail })?;
        let Some(review) = review else { return Ok(None) };
        undo_review(&tx, &path, &review)?;
        tx.commit().map_err(e)?;
        Ok(Some(review))
    }

    /// What was done on the learner day `day` (answers and new cards, cram and imports
    /// excluded), for the queue's daily limits.
    pub fn day_counts(&self, day: &StudyDay) -> Result<DayCounts, StoreError> {
        // A mock paper's first answers are counted apart (`DayCounts::paper_new_cards`): the
        // learner decides whether they use up the day's new cards.
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT (SELECT key FROM card_keys k WHERE k.id = reviews.card), before_reps,
                        (SELECT mode FROM sessions s WHERE s.id = reviews.session) = 'exam'
                 FROM reviews WHERE time >= ?1 AND time < ?2 AND cram = 0 AND imported IS NULL",
            )
            .map_err(|e| self.err(e))?;
        let mut rows = stmt
            .query(params![day.start().as_second(), day.end().as_second()])
            .map_err(|e| self.err(e))?;
        let mut counts = DayCounts::default();
        while let Some(row) = rows.next().map_err(|e| self.err(e))? {
            counts.answers += 1;
            let before_reps: i64 = row.get(1).map_err(|e| self.err(e))?;
            if before_reps == 0 {
                let paper: Option<bool> = row.get(2).map_err(|e| self.err(e))?;
                let (cards, facts) = if paper == Some(true) {
                    (&mut counts.paper_new_cards, &mut counts.paper_new_facts)
                } else {
                    (&mut counts.new_cards, &mut counts.new_facts)
                };
                *cards += 1;
                let card: String = row.get(0).map_err(|e| self.err(e))?;
                if let Ok(key) = card.parse::<CardKey>() {
                    facts.insert((key.deck.clone(), key.fact.clone()));
                    counts.first_answered.insert(key);
                }
            }
        }
        Ok(counts)
    }

    /// Answers given in `[from, to)`, oldest first (history, stats, optimizing).
    pub fn reviews_between(
        &self,
        from: Timestamp,
        to: Timestamp,
    ) -> Result<Vec<Review>, StoreError> {
        self.reviews_where(
            "time >= ?1 AND time < ?2 ORDER BY time, id",
            params![from.as_second(), to.as_second()],
        )
    }

    /// Every answer to one card, oldest first.
    pub fn reviews_of(&self, card: &CardKey) -> Result<Vec<Review>, StoreError> {
        self.reviews_where(
            "card = (SELECT id FROM card_keys WHERE key = ?1) ORDER BY time, id",
            params![card.to_string()],
        )
    }

    /// The answers of one session, in order.
    pub fn reviews_in_session(&self, session: SessionId) -> Result<Vec<Review>, StoreError> {
        self.reviews_where("session = ?1 ORDER BY id", params![session.0])
    }

    fn reviews_where(
        &self,
        condition: &str,
        args: impl rusqlite::Params,
    ) -> Result<Vec<Review>, StoreError> {
        let sql = format!("SELECT {REVIEW_COLUMNS} FROM reviews WHERE {condition}");
        self.query_all(&sql, args, review_from)
    }
}

/// Takes one review back inside the caller's transaction: the card's state from before it
/// (unless it was a cram answer, which moved nothing) and the row itself. Refused when a later
/// answer moved the same card: its state before would no longer be the card's.
pub(super) fn undo_review(tx: &Connection, path: &Path, review: &Review) -> Result<(), StoreError> {
    let e = |err| StoreError::sqlite(path, err);
    if !review.cram {
        let later: i64 = tx
            .query_row(
                "SELECT count(*) FROM reviews
                 WHERE card = (SELECT id FROM card_keys WHERE key = ?1) AND id > ?2
                    AND cram = 0",
                params![review.card, review.id.0],
                |r| r.get(0),
            )
            .map_err(e)?;
        if later > 0 {
            return Err(StoreError::UndoConflict { card: review.card.clone() });
        }
        match (&review.before, review.key()) {
            (Some(before), Some(key)) => upsert_card(tx, &key, before).map_err(e)?,
            (Some(_), None) => {
                return Err(StoreError::BadData {
                    path: path.to_path_buf(),
                    detail: format!(
                        "review {} has an invalid card key `{}`",
                        review.id.0, review.card
                    ),
                });
            }
            (None, _) => {
                tx.execute("DELETE FROM cards WHERE key = ?1", [&review.card]).map_err(e)?;
            }
        }
    }
    tx.execute("DELETE FROM reviews WHERE id = ?1", [review.id.0]).map_err(e)?;
    Ok(())
}

/// The body of [`Store::record_answer`], inside a transaction the caller commits (so an exam's
/// answers and its session row are written together, see [`Store::close_exam`]).
pub(super) fn write_answer(
    tx: &Connection,
    path: &Path,
    answer: &Answer<'_>,
) -> Result<ReviewId, StoreError> {
    let e = |err| StoreError::sqlite(path, err);
    let key = answer.card.to_string();
    let number = card_number(tx, &key).map_err(e)?;
    let before = {
        let mut stmt = tx
            .prepare_cached(&format!("SELECT {CARD_COLUMNS} FROM cards WHERE key = ?1"))
            .map_err(e)?;
        let mut rows = stmt.query([&key]).map_err(e)?;
        match rows.next().map_err(e)? {
            Some(row) => Some(
                card_state_from(row, 0)
                    .map_err(|detail| StoreError::BadData { path: path.to_path_buf(), detail })?,
            ),
            None => None,
        }
    };
    let after = if answer.cram { before.clone().unwrap_or_default() } else { answer.after.clone() };
    let b = StateColumns::of(before.as_ref());
    let a = StateColumns::from(&after);
    {
        let mut stmt = tx
            .prepare_cached(
                "INSERT INTO reviews (time, card, session, kind, response, correct, outcome,
                    grade, duration_ms, cram, imported,
                    before_phase, before_stability, before_difficulty, before_due, before_reps,
                    before_lapses, before_last_review,
                    after_phase, after_stability, after_difficulty, after_due, after_reps,
                    after_lapses, after_last_review)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, NULL,
                    ?11, ?12, ?13, ?14, ?15, ?16, ?17,
                    ?18, ?19, ?20, ?21, ?22, ?23, ?24)",
            )
            .map_err(e)?;
        let head = params![
            answer.time.as_second(),
            number,
            answer.session.map(|s| s.0),
            answer.kind.slug(),
            answer.response,
            answer.correct,
            answer.outcome.name(),
            answer.grade.number(),
            answer.duration_ms,
            answer.cram,
        ];
        let states = b.params().into_iter().chain(a.params());
        stmt.execute(params_from_iter(head.iter().copied().chain(states))).map_err(e)?;
    }
    let id = ReviewId(tx.last_insert_rowid());
    if !answer.cram {
        upsert_card(tx, answer.card, &after).map_err(e)?;
    }
    Ok(id)
}

/// The columns [`review_from`] reads, selected `FROM reviews` (the card as its key text).
pub(super) const REVIEW_COLUMNS: &str = "id, time,
    (SELECT key FROM card_keys k WHERE k.id = reviews.card), session, kind, response, correct, outcome, grade,
    duration_ms, cram, imported,
    before_phase, before_stability, before_difficulty, before_due, before_reps, before_lapses,
    before_last_review,
    after_phase, after_stability, after_difficulty, after_due, after_reps, after_lapses,
    after_last_review";
