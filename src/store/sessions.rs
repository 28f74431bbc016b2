//! Sessions (table `sessions`): started, finished with their totals, closed after a crash,
//! and read back.

use jiff::Timestamp;
use rusqlite::params;

use super::rows::session_from;
use super::{SessionId, SessionMode, SessionRecord, SessionSummary, Store, StoreError};
use crate::ids::DeckId;

impl Store {
    /// Starts a session row; its totals are written by [`Store::finish_session`].
    pub fn start_session(
        &self,
        mode: SessionMode,
        decks: &[DeckId],
        started: Timestamp,
    ) -> Result<SessionId, StoreError> {
        let decks = serde_json::to_string(decks).map_err(|e| self.bad(e.to_string()))?;
        self.conn
            .execute(
                "INSERT INTO sessions (mode, decks, started) VALUES (?1, ?2, ?3)",
                params![mode.name(), decks, started.as_second()],
            )
            .map_err(|e| self.err(e))?;
        Ok(SessionId(self.conn.last_insert_rowid()))
    }

    /// Writes a session's totals (may be called again to update them).
    pub fn finish_session(
        &self,
        id: SessionId,
        summary: &SessionSummary,
    ) -> Result<(), StoreError> {
        let extra = summary
            .extra
            .as_ref()
            .map(serde_json::to_string)
            .transpose()
            .map_err(|e| self.bad(e.to_string()))?;
        self.conn
            .execute(
                "UPDATE sessions SET ended = ?2, questions = ?3, right = ?4, wrong = ?5,
                        score = ?6, extra = ?7 WHERE id = ?1",
                params![
                    id.0,
                    summary.ended.map(|t| t.as_second()),
                    summary.questions,
                    summary.right,
                    summary.wrong,
                    summary.score,
                    extra
                ],
            )
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    /// Closes the study and cram sessions a crash, a `kill -9` or a closed terminal left open
    /// (no `ended`): their totals are counted from their review rows and they end at their
    /// last answer (or when they started, if none). Call it while holding
    /// [`Store::lock_session`], before starting a new session, so no running session is
    /// closed. Exam sessions are left to the exam command (their score needs its marking).
    /// Returns how many sessions were closed.
    pub fn close_unfinished_sessions(&self) -> Result<usize, StoreError> {
        self.conn
            .execute(
                "UPDATE sessions SET
                    ended = COALESCE(
                        (SELECT max(time) FROM reviews r WHERE r.session = sessions.id), started),
                    questions = (SELECT count(*) FROM reviews r WHERE r.session = sessions.id),
                    right = (SELECT count(*) FROM reviews r
                             WHERE r.session = sessions.id AND r.correct),
                    wrong = (SELECT count(*) FROM reviews r
                             WHERE r.session = sessions.id AND NOT r.correct)
                 WHERE ended IS NULL AND mode IN ('study', 'cram')",
                [],
            )
            .map_err(|e| self.err(e))
    }

    /// Sessions started in `[from, to)`, oldest first.
    pub fn sessions_between(
        &self,
        from: Timestamp,
        to: Timestamp,
    ) -> Result<Vec<SessionRecord>, StoreError> {
        self.query_all(
            "SELECT id, mode, decks, started, ended, questions, right, wrong, score, extra
             FROM sessions WHERE started >= ?1 AND started < ?2 ORDER BY started, id",
            params![from.as_second(), to.as_second()],
            session_from,
        )
    }

    /// One session.
    pub fn session(&self, id: SessionId) -> Result<Option<SessionRecord>, StoreError> {
        let found = self.query_all(
            "SELECT id, mode, decks, started, ended, questions, right, wrong, score, extra
             FROM sessions WHERE id = ?1",
            [id.0],
            session_from,
        )?;
        Ok(found.into_iter().next())
    }
}
