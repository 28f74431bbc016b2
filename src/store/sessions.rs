//! Sessions (table `sessions`): started, finished with their totals, closed after a crash,
//! and read back.

use jiff::Timestamp;
use rusqlite::params;

use super::rows::session_from;
use super::{
    Review, SessionId, SessionMode, SessionRecord, SessionSummary, Store, StoreError, StoredSet,
};
use crate::deck::QuestionKind;
use crate::ids::DeckId;
use crate::quiz::composite::Format;
use crate::stats::FormatTally;

/// The totals of a session cut off before it was finished, from what it saved: each review
/// is a question, except those a statement set gave, which count as the set, one question
/// right when its option was. It ends at its last answer. Its `extra` holds the formats
/// asked, as a finished session's does.
pub(crate) fn recovered(
    started: Timestamp,
    reviews: &[Review],
    sets: &[StoredSet],
) -> SessionSummary {
    let in_sets: std::collections::HashSet<_> = sets.iter().flat_map(|s| &s.reviews).collect();
    let mut tallies: Vec<FormatTally> = Vec::new();
    let mut add =
        |format: Format, right: bool| match tallies.iter_mut().find(|t| t.format == format) {
            Some(t) => {
                t.answered += 1;
                t.right += u32::from(right);
            }
            None => tallies.push(FormatTally { format, answered: 1, right: u32::from(right) }),
        };
    let mut ended = started;
    for r in reviews.iter().filter(|r| !in_sets.contains(&r.id)) {
        let format =
            if r.kind == Some(QuestionKind::Authored) { Format::Authored } else { Format::Direct };
        add(format, r.correct);
        ended = ended.max(r.time);
    }
    for s in sets {
        let format = s
            .question
            .get("format")
            .and_then(|f| serde_json::from_value::<Format>(f.clone()).ok())
            .unwrap_or(Format::Statements);
        let correct = s.question.get("correct").and_then(serde_json::Value::as_u64);
        add(format, s.chosen.is_some_and(|c| Some(u64::from(c)) == correct));
        ended = ended.max(s.time.unwrap_or(started));
    }
    tallies.sort_by_key(|t| t.format);
    let questions: u32 = tallies.iter().map(|t| t.answered).sum();
    let right: u32 = tallies.iter().map(|t| t.right).sum();
    SessionSummary {
        ended: Some(ended),
        questions,
        right,
        wrong: questions - right,
        score: None,
        extra: Some(serde_json::json!({ "formats": tallies })),
    }
}

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
    /// (no `ended`): their totals are counted from their saved answers (a statement set counts
    /// as one question) and they end at their last answer (or when they started, if none), with
    /// their formats asked in `extra`, as a finished session has them. Call it while holding
    /// [`Store::lock_session`], before starting a new session, so no running session is
    /// closed. Exam sessions are left to the exam command (their score needs its marking).
    /// Returns the sessions closed, with the totals they were closed with.
    pub fn close_unfinished_sessions(&self) -> Result<Vec<SessionRecord>, StoreError> {
        let mut open = self.query_all(
            "SELECT id, mode, decks, started, ended, questions, right, wrong, score, extra
             FROM sessions WHERE ended IS NULL AND mode IN ('study', 'cram')",
            [],
            session_from,
        )?;
        for session in &mut open {
            let reviews = self.reviews_in_session(session.id)?;
            let sets = self.study_sets(session.id)?;
            session.summary = recovered(session.started, &reviews, &sets);
            self.finish_session(session.id, &session.summary)?;
        }
        Ok(open)
    }

    /// Per question format, the answers of every closed study and cram session (`recall
    /// stats`' accuracy by format), in [`Format::ALL`] order, only the formats answered. A
    /// session kept before formats were counted is taken as all direct questions.
    pub fn study_formats(&self) -> Result<Vec<FormatTally>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT questions, right, json_extract(extra, '$.formats') FROM sessions
                 WHERE mode IN ('study', 'cram') AND ended IS NOT NULL",
            )
            .map_err(|e| self.err(e))?;
        let mut rows = stmt.query([]).map_err(|e| self.err(e))?;
        let mut sums: Vec<FormatTally> = Format::ALL
            .into_iter()
            .map(|format| FormatTally { format, answered: 0, right: 0 })
            .collect();
        let mut add = |t: FormatTally| {
            if let Some(sum) = sums.iter_mut().find(|s| s.format == t.format) {
                sum.answered = sum.answered.saturating_add(t.answered);
                sum.right = sum.right.saturating_add(t.right);
            }
        };
        while let Some(row) = rows.next().map_err(|e| self.err(e))? {
            let questions: u32 = row.get(0).map_err(|e| self.err(e))?;
            let right: u32 = row.get(1).map_err(|e| self.err(e))?;
            let formats: Option<String> = row.get(2).map_err(|e| self.err(e))?;
            match formats.and_then(|f| serde_json::from_str::<Vec<FormatTally>>(&f).ok()) {
                Some(tallies) => tallies.into_iter().for_each(&mut add),
                None => add(FormatTally { format: Format::Direct, answered: questions, right }),
            }
        }
        Ok(sums.into_iter().filter(|s| s.answered > 0).collect())
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
