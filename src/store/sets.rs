//! Statement sets and pairs answered in study sessions: the question as asked, the option
//! chosen and the reviews it gave, kept so `recall history ID` can show each statement with
//! whether it was true, and undo can take the whole answer back.
//!
//! They are kept in `exam_answers`, the table of questions asked as a whole with an option
//! chosen, which has every column a set needs (session, place, card, the question as JSON,
//! the choice, its time): a mock paper's questions are rows of an exam session, a study set's
//! rows of a study session, and every reader of papers selects exam sessions. So no migration
//! is needed. The question JSON is the [`Composite`] as asked, plus `answer` (the right
//! option's text), `reviews` (the ids of the reviews the answer gave, one per fact judged,
//! none for a wrong "how many") and `after` (the session's last review id when it was
//! written), which places it among the session's other answers. In a synced session event
//! those two name the answers by event id, and the computer that takes it in puts its own
//! rows back (`store::sync`).

use jiff::Timestamp;
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

use super::paper::asked_answer_fact;
use super::reviews::{REVIEW_COLUMNS, undo_review, write_answer};
use super::rows::review_from;
use super::{Answer, Review, ReviewId, SessionId, Store, StoreError};
use crate::quiz::composite::Composite;
use crate::stats::AnswerFact;

/// A set answered in a study session, to record.
#[derive(Clone, Debug)]
pub struct SetAnswer<'a> {
    pub session: SessionId,
    /// Unique in the session (the walk's turn): the row's key.
    pub position: u32,
    pub question: &'a Composite,
    /// The option chosen (0-based).
    pub chosen: usize,
    pub time: Timestamp,
}

/// A set as stored, for history.
#[derive(Clone, Debug, PartialEq)]
pub struct StoredSet {
    pub position: u32,
    /// The question JSON as saved (see the module documentation).
    pub question: serde_json::Value,
    pub chosen: Option<u32>,
    pub time: Option<Timestamp>,
    /// The reviews it gave.
    pub reviews: Vec<ReviewId>,
    /// The session's last review when it was saved (`None`: none yet).
    pub after: Option<ReviewId>,
}

impl StoredSet {
    /// The set as `recall history ID` lists it: its prompt, the right option and the one
    /// chosen, and each statement with whether it was true and why. It has no grade of its
    /// own (its facts' reviews have theirs).
    pub fn answer_fact(&self, card: crate::ids::CardKey, started: Timestamp) -> AnswerFact {
        asked_answer_fact(card, &self.question, self.chosen, self.time.unwrap_or(started), None)
    }

    /// The card of its first part (named with the row), from the question as saved.
    pub fn first_card(&self) -> Option<crate::ids::CardKey> {
        self.question
            .get("parts")?
            .get(0)?
            .get("card")
            .and_then(|c| serde_json::from_value(c.clone()).ok())
    }
}

impl Store {
    /// Records a set's answer and the reviews it gives (one per fact judged), in one
    /// transaction committed before this returns. Returns the reviews' ids, in `answers`'
    /// order.
    pub fn record_set(
        &mut self,
        set: &SetAnswer<'_>,
        answers: &[Answer<'_>],
    ) -> Result<Vec<ReviewId>, StoreError> {
        let path = self.path.clone();
        let e = |err| StoreError::sqlite(&path, err);
        let bad = |detail: String| StoreError::BadData { path: path.clone(), detail };
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(e)?;
        let mut ids = Vec::with_capacity(answers.len());
        for answer in answers {
            ids.push(write_answer(&tx, &path, answer)?);
        }
        let after: Option<i64> = tx
            .query_row("SELECT max(id) FROM reviews WHERE session = ?1", [set.session.0], |r| {
                r.get(0)
            })
            .map_err(e)?;
        let mut question = serde_json::to_value(set.question).map_err(|x| bad(x.to_string()))?;
        if let Some(map) = question.as_object_mut() {
            map.insert("answer".into(), set.question.answer().into());
            map.insert("reviews".into(), ids.iter().map(|r| r.0).collect::<Vec<_>>().into());
            map.insert("after".into(), after.into());
        }
        let card = set.question.parts.first().map(|p| p.card.clone()).ok_or_else(|| {
            bad("a statement set without statements cannot be recorded".to_owned())
        })?;
        tx.execute(
            "INSERT INTO exam_answers
                (session, position, card, fact, question, chosen, marked, answered_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0, ?7)",
            params![
                set.session.0,
                set.position,
                card.to_string(),
                format!("{}/{}", card.deck, card.fact),
                question.to_string(),
                set.chosen as i64,
                set.time.as_second(),
            ],
        )
        .map_err(e)?;
        tx.commit().map_err(e)?;
        Ok(ids)
    }

    /// Takes back a set's answer: every review it gave (each card back to its state before)
    /// and its row, in one transaction. Returns the reviews undone; `None` when the session
    /// has no set at `position`.
    pub fn undo_set(
        &mut self,
        session: SessionId,
        position: u32,
    ) -> Result<Option<Vec<Review>>, StoreError> {
        let path = self.path.clone();
        let e = |err| StoreError::sqlite(&path, err);
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(e)?;
        let Some(set) = set_at(&tx, session, position).map_err(e)? else { return Ok(None) };
        let mut undone = Vec::new();
        for id in set.reviews.iter().rev() {
            let review = tx
                .query_row(
                    &format!("SELECT {REVIEW_COLUMNS} FROM reviews WHERE id = ?1"),
                    [id.0],
                    |r| Ok(review_from(r)),
                )
                .optional()
                .map_err(e)?
                .transpose()
                .map_err(|detail| StoreError::BadData { path: path.clone(), detail })?;
            if let Some(review) = review {
                undo_review(&tx, &path, &review)?;
                undone.push(review);
            }
        }
        tx.execute(
            "DELETE FROM exam_answers WHERE session = ?1 AND position = ?2",
            params![session.0, position],
        )
        .map_err(e)?;
        tx.commit().map_err(e)?;
        Ok(Some(undone))
    }

    /// The sets answered in a study or cram session, in the order they were saved.
    pub fn study_sets(&self, session: SessionId) -> Result<Vec<StoredSet>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT position, question, chosen, answered_at FROM exam_answers a
                 WHERE session = ?1
                   AND (SELECT mode FROM sessions s WHERE s.id = a.session) IN ('study', 'cram')
                 ORDER BY position",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt.query_map([session.0], set_from).map_err(|e| self.err(e))?;
        let mut out = Vec::new();
        for row in rows {
            out.push(row.map_err(|e| self.err(e))?.map_err(|d| self.bad(d))?);
        }
        Ok(out)
    }
}

/// The set at `position` of `session`, inside a transaction.
fn set_at(
    tx: &Connection,
    session: SessionId,
    position: u32,
) -> rusqlite::Result<Option<StoredSet>> {
    let found = tx
        .query_row(
            "SELECT position, question, chosen, answered_at FROM exam_answers
             WHERE session = ?1 AND position = ?2",
            params![session.0, position],
            set_from,
        )
        .optional()?;
    Ok(found.and_then(Result::ok))
}

fn set_from(row: &rusqlite::Row<'_>) -> rusqlite::Result<Result<StoredSet, String>> {
    let question: String = row.get(1)?;
    let time: Option<i64> = row.get(3)?;
    let question: serde_json::Value = match serde_json::from_str(&question) {
        Ok(q) => q,
        Err(err) => return Ok(Err(format!("a study set's question ({err})"))),
    };
    let reviews = question
        .get("reviews")
        .and_then(|r| r.as_array())
        .map(|ids| ids.iter().filter_map(serde_json::Value::as_i64).map(ReviewId).collect())
        .unwrap_or_default();
    let after = question.get("after").and_then(serde_json::Value::as_i64).map(ReviewId);
    Ok(Ok(StoredSet {
        position: row.get(0)?,
        question,
        chosen: row.get(2)?,
        time: time.and_then(|t| Timestamp::from_second(t).ok()),
        reviews,
        after,
    }))
}
