//! Managing cards without editing decks: suspending, burying and resetting (`recall suspend`,
//! `recall bury`, `recall reset` and the session's keys after the feedback).
//!
//! Suspending and burying set the card's `suspended` and `buried_until` columns, creating its
//! row if it has none (a new card can be put aside before it is ever asked); answers and undo
//! keep them. A reset makes the card new again and keeps its answers: they happened, so the
//! calendar, streak, retention and accuracy stay true. The reset is recorded in `card_resets`
//! with the state it threw away, and whatever replays a card's history to rebuild its memory
//! (imports, `recall optimize`) starts at its last reset. `--delete-history` removes the card's
//! answers as well, for a learner who wants no trace of them (the sessions' totals keep
//! counting them: a session's row is what was done in it).

use jiff::Timestamp;
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

use super::cards::card_number;
use super::rows::{CARD_COLUMNS, StateColumns, card_state_from, ts};
use super::{Store, StoreError};
use crate::ids::CardKey;
use crate::schedule::CardState;

/// What a reset did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ResetCounts {
    /// Cards that had progress and are new now.
    pub reset: usize,
    /// Answers deleted (`--delete-history` only).
    pub answers_deleted: u64,
}

impl Store {
    /// Suspends (`true`) or unsuspends the cards; returns those whose flag changed, in order.
    pub fn suspend(
        &mut self,
        keys: &[CardKey],
        suspended: bool,
    ) -> Result<Vec<CardKey>, StoreError> {
        self.change(keys, |state| {
            (state.suspended != suspended).then(|| CardState { suspended, ..state.clone() })
        })
    }

    /// Buries the cards until `until` (the start of the learner's next day); returns those not
    /// already buried that long.
    pub fn bury(&mut self, keys: &[CardKey], until: Timestamp) -> Result<Vec<CardKey>, StoreError> {
        self.change(keys, |state| {
            (state.buried_until.is_none_or(|u| u < until))
                .then(|| CardState { buried_until: Some(until), ..state.clone() })
        })
    }

    /// Ends the bury of the cards buried at `now`; returns those.
    pub fn unbury(&mut self, keys: &[CardKey], now: Timestamp) -> Result<Vec<CardKey>, StoreError> {
        self.change(keys, |state| {
            state.is_buried(now).then(|| CardState { buried_until: None, ..state.clone() })
        })
    }

    /// Puts the cards' `suspended` and `buried_until` back as they were (the session's undo of
    /// its `b` and `x` keys).
    pub fn restore_hold(
        &mut self,
        key: &CardKey,
        suspended: bool,
        buried_until: Option<Timestamp>,
    ) -> Result<(), StoreError> {
        self.change(std::slice::from_ref(key), |state| {
            Some(CardState { suspended, buried_until, ..state.clone() })
        })
        .map(|_| ())
    }

    /// Sets each card's hold as `change` says (`None`: leave it), in one transaction.
    fn change(
        &mut self,
        keys: &[CardKey],
        change: impl Fn(&CardState) -> Option<CardState>,
    ) -> Result<Vec<CardKey>, StoreError> {
        let path = self.path.clone();
        let e = |err| StoreError::sqlite(&path, err);
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(e)?;
        let mut changed = Vec::new();
        for key in keys {
            let state = read_state(&tx, key)
                .map_err(e)?
                .map_err(|detail| StoreError::BadData { path: path.clone(), detail })?
                .unwrap_or_default();
            let Some(next) = change(&state) else { continue };
            tx.execute(
                "INSERT INTO cards (key, suspended, buried_until) VALUES (?1, ?2, ?3)
                 ON CONFLICT (key) DO UPDATE SET suspended = excluded.suspended,
                    buried_until = excluded.buried_until",
                params![key.to_string(), next.suspended, next.buried_until.map(|t| t.as_second())],
            )
            .map_err(e)?;
            changed.push(key.clone());
        }
        tx.commit().map_err(e)?;
        Ok(changed)
    }

    /// Makes the cards new again at `at`, keeping whether they are suspended (a bury ends).
    /// Cards with no progress are left alone, unless `delete_history` finds answers to delete.
    pub fn reset(
        &mut self,
        keys: &[CardKey],
        at: Timestamp,
        delete_history: bool,
    ) -> Result<ResetCounts, StoreError> {
        let path = self.path.clone();
        let e = |err| StoreError::sqlite(&path, err);
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(e)?;
        let mut counts = ResetCounts::default();
        for key in keys {
            let text = key.to_string();
            let state = read_state(&tx, key)
                .map_err(e)?
                .map_err(|detail| StoreError::BadData { path: path.clone(), detail })?;
            let number: Option<i64> = tx
                .query_row("SELECT id FROM card_keys WHERE key = ?1", [&text], |r| r.get(0))
                .optional()
                .map_err(e)?;
            let had_progress = state.as_ref().is_some_and(|s| !s.is_new());
            if delete_history && let Some(number) = number {
                counts.answers_deleted +=
                    tx.execute("DELETE FROM reviews WHERE card = ?1", [number]).map_err(e)? as u64;
                tx.execute("DELETE FROM card_resets WHERE card = ?1", [number]).map_err(e)?;
            }
            let Some(state) = state.filter(|_| had_progress) else { continue };
            if !delete_history {
                let number = card_number(&tx, &text).map_err(e)?;
                let c = StateColumns::from(&state);
                tx.execute(
                    "INSERT INTO card_resets (card, time, phase, stability, difficulty, due, reps,
                        lapses, last_review) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                    params![
                        number,
                        at.as_second(),
                        c.phase,
                        c.stability,
                        c.difficulty,
                        c.due,
                        c.reps,
                        c.lapses,
                        c.last_review
                    ],
                )
                .map_err(e)?;
            }
            tx.execute(
                "UPDATE cards SET phase = 'new', stability = NULL, difficulty = NULL, due = NULL,
                    reps = 0, lapses = 0, last_review = NULL, buried_until = NULL
                 WHERE key = ?1",
                [&text],
            )
            .map_err(e)?;
            counts.reset += 1;
        }
        tx.commit().map_err(e)?;
        Ok(counts)
    }

    /// When the card was last reset, if ever.
    pub fn last_reset(&self, key: &CardKey) -> Result<Option<Timestamp>, StoreError> {
        let number: Option<i64> = self
            .conn
            .query_row("SELECT id FROM card_keys WHERE key = ?1", [key.to_string()], |r| r.get(0))
            .optional()
            .map_err(|e| self.err(e))?;
        match number {
            Some(n) => last_reset(&self.conn, n).map_err(|e| self.err(e)),
            None => Ok(None),
        }
    }
}

/// The card's stored state (outer error: SQL; inner: a row this version cannot read).
pub(super) fn read_state(
    conn: &Connection,
    key: &CardKey,
) -> rusqlite::Result<Result<Option<CardState>, String>> {
    let mut stmt =
        conn.prepare_cached(&format!("SELECT {CARD_COLUMNS} FROM cards WHERE key = ?1"))?;
    let mut rows = stmt.query([key.to_string()])?;
    Ok(match rows.next()? {
        Some(row) => card_state_from(row, 0).map(Some),
        None => Ok(None),
    })
}

/// When card number `card` was last reset: its answers up to then are an earlier life.
pub(super) fn last_reset(conn: &Connection, card: i64) -> rusqlite::Result<Option<Timestamp>> {
    let seconds: Option<i64> =
        conn.query_row("SELECT max(time) FROM card_resets WHERE card = ?1", [card], |r| r.get(0))?;
    // A time out of range cannot have been written by recall; read it as no reset.
    Ok(seconds.and_then(|s| ts(s).ok()))
}
