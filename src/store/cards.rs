//! Card states (table `cards`, the scheduler's memory of each card) and card numbers
//! (table `card_keys`, what review rows name their card by).

use std::collections::HashSet;

use jiff::Timestamp;
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

use super::rows::{CARD_COLUMNS, StateColumns, card_state_from};
use super::{Store, StoreError, is_history_deck};
use crate::ids::CardKey;
use crate::schedule::{CardState, CardStates};

impl Store {
    /// Every stored card state, in one query (the queue's input). Rows whose key this version
    /// cannot parse are skipped: they can match no deck card anyway.
    pub fn card_states(&self) -> Result<CardStates, StoreError> {
        let mut stmt = self
            .conn
            .prepare(&format!("SELECT key, {CARD_COLUMNS} FROM cards"))
            .map_err(|e| self.err(e))?;
        let count: i64 = self
            .conn
            .query_row("SELECT count(*) FROM cards", [], |r| r.get(0))
            .map_err(|e| self.err(e))?;
        let mut out = CardStates::with_capacity(usize::try_from(count).unwrap_or(0));
        let mut rows = stmt.query([]).map_err(|e| self.err(e))?;
        while let Some(row) = rows.next().map_err(|e| self.err(e))? {
            let state = card_state_from(row, 1).map_err(|e| self.bad(e))?;
            if let Ok(text) = row.get_ref(0).map_err(|e| self.err(e))?.as_str() {
                // An invalid key (from a newer version) is skipped: no deck card can match it.
                out.insert_text(text, state);
            }
        }
        Ok(out)
    }

    /// One card's stored state, `None` if it has no row (new).
    pub fn card_state(&self, key: &CardKey) -> Result<Option<CardState>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("SELECT {CARD_COLUMNS} FROM cards WHERE key = ?1"))
            .map_err(|e| self.err(e))?;
        let mut rows = stmt.query([key.to_string()]).map_err(|e| self.err(e))?;
        match rows.next().map_err(|e| self.err(e))? {
            Some(row) => Ok(Some(card_state_from(row, 0).map_err(|e| self.bad(e))?)),
            None => Ok(None),
        }
    }

    /// Suspends or unsuspends a card (creating its row if needed); for imports and editors.
    pub fn set_suspended(&self, key: &CardKey, suspended: bool) -> Result<(), StoreError> {
        self.conn
            .execute(
                "INSERT INTO cards (key, suspended) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET suspended = excluded.suspended",
                params![key.to_string(), suspended],
            )
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    /// Many due dates (as [`Store::set_due`]: only cards with a row) and suspensions (as
    /// [`Store::set_suspended`]) in one transaction, for importers that keep another program's
    /// schedule: one commit instead of one per card (25,000 cards: milliseconds, not seconds).
    /// Returns how many due dates were set.
    pub fn set_schedules(
        &mut self,
        due: &[(CardKey, Timestamp)],
        suspended: &[CardKey],
    ) -> Result<usize, StoreError> {
        let path = self.path.clone();
        let e = |err| StoreError::sqlite(&path, err);
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(e)?;
        let mut set = 0;
        {
            let mut update = tx.prepare("UPDATE cards SET due = ?2 WHERE key = ?1").map_err(e)?;
            for (key, t) in due {
                set += update.execute(params![key.to_string(), t.as_second()]).map_err(e)?;
            }
            let mut suspend = tx
                .prepare(
                    "INSERT INTO cards (key, suspended) VALUES (?1, 1)
                     ON CONFLICT (key) DO UPDATE SET suspended = 1",
                )
                .map_err(e)?;
            for key in suspended {
                suspend.execute(params![key.to_string()]).map_err(e)?;
            }
        }
        tx.commit().map_err(e)?;
        Ok(set)
    }

    /// Cards not in `known` (the cards of the loaded decks) that have answers, with how many:
    /// their fact was deleted or renamed. For `recall check`. Sorted by key. Imported cards of
    /// no deck ([`super::HISTORY_DECK_PREFIX`]) are not orphans: they never had a deck.
    pub fn orphans(&self, known: &HashSet<CardKey>) -> Result<Vec<(CardKey, u64)>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT key, answers FROM card_keys WHERE answers > 0 ORDER BY key")
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))
            .map_err(|e| self.err(e))?;
        let mut out = Vec::new();
        for row in rows {
            let (card, count) = row.map_err(|e| self.err(e))?;
            if let Ok(key) = card.parse::<CardKey>()
                && !known.contains(&key)
                && !is_history_deck(&key.deck)
            {
                out.push((key, count as u64));
            }
        }
        Ok(out)
    }
}

/// The number of card `key` in `card_keys` (what review rows hold), given one if it has none
/// yet.
pub(super) fn card_number(conn: &Connection, key: &str) -> rusqlite::Result<i64> {
    let mut find = conn.prepare_cached("SELECT id FROM card_keys WHERE key = ?1")?;
    if let Some(id) = find.query_row([key], |r| r.get(0)).optional()? {
        return Ok(id);
    }
    conn.prepare_cached("INSERT INTO card_keys (key) VALUES (?1)")?.execute([key])?;
    Ok(conn.last_insert_rowid())
}

pub(super) fn upsert_card(conn: &Connection, key: &CardKey, s: &CardState) -> rusqlite::Result<()> {
    let c = StateColumns::from(s);
    let mut stmt = conn.prepare_cached(
        "INSERT INTO cards (key, phase, stability, difficulty, due, reps, lapses, last_review,
                            suspended)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
         ON CONFLICT (key) DO UPDATE SET phase = excluded.phase, stability = excluded.stability,
            difficulty = excluded.difficulty, due = excluded.due, reps = excluded.reps,
            lapses = excluded.lapses, last_review = excluded.last_review",
    )?;
    stmt.execute(params![
        key.to_string(),
        c.phase,
        c.stability,
        c.difficulty,
        c.due,
        c.reps,
        c.lapses,
        c.last_review,
        s.suspended,
    ])?;
    Ok(())
}
