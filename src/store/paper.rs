//! Mock-exam papers in the store: the questions of a paper and their answers
//! (`exam_answers`), saved as they are given, and the exam's session row with its own data
//! ([`PaperMeta`], the session's `extra` JSON).
//!
//! Life of a paper: [`Store::start_exam`] writes the session (mode `exam`, `ended` NULL,
//! `extra.status = "running"`) and every question at once; [`Store::save_exam_answer`] upserts
//! one question's answer and mark per change; [`Store::close_exam`] writes the reviews (the
//! scheduler's side) and the session's totals in one transaction. A paper whose session still
//! has `ended` NULL when the next `recall exam` starts was cut off by a crash
//! ([`Store::unfinished_exams`]). The flow that drives this is [`crate::paper::flow`].

use jiff::Timestamp;
use rusqlite::{TransactionBehavior, params};
use serde::{Deserialize, Deserializer, Serialize};

use super::{
    Answer, SessionId, SessionRecord, SessionSummary, Store, StoreError, opt_ts, session_from,
    write_answer,
};
use crate::ids::CardKey;
use crate::ids::DeckId;
use crate::quiz::composite::Format;
use crate::stats::{AnswerFact, ExamStatus, Verdict};

/// One question of a stored paper.
#[derive(Clone, Debug, PartialEq)]
pub struct ExamRow {
    /// 0-based place on the paper.
    pub position: u32,
    /// The card asked; its fact (`deck/fact`) is stored beside it.
    pub card: CardKey,
    /// The question as asked (prompt, options, right option, explanation …), JSON.
    pub question: serde_json::Value,
    /// 0-based option chosen, `None` if unanswered.
    pub chosen: Option<u32>,
    pub marked: bool,
    pub answered_at: Option<Timestamp>,
}

/// An exam session's own data, kept as the session row's `extra` JSON: how the paper is
/// marked, its time limit and seed from the start; its marks and time once it is closed. The
/// one writer ([`PaperMeta::to_json`]) and reader ([`PaperMeta::read`]) of that JSON, so the
/// paper flow, `recall history` and `recall stats` agree on its keys.
///
/// Every field is optional: the JSON grows over a paper's life (a running paper has no marks
/// yet), and files written by other versions must keep reading. A key this version does not
/// know is ignored and a value of the wrong type reads as absent, as the key-by-key reading
/// this replaces did. Written through a JSON map, whose keys are sorted, so the stored text is
/// the same as before the struct existed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PaperMeta {
    /// How the paper ended (`running` while open).
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "lenient")]
    pub status: Option<PaperStatus>,
    /// The scheme as named on the command line (`upsc`, `none`, `+1/-0.25`).
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "lenient")]
    pub scheme: Option<String>,
    /// The scheme as shown (`+2 / −2/3`).
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "lenient")]
    pub marking: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "lenient")]
    pub limit_seconds: Option<u64>,
    /// The seed the paper was drawn with.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "lenient")]
    pub seed: Option<u64>,
    /// What a perfect paper scores.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "lenient")]
    pub max_score: Option<f64>,
    /// Marks after negative marking (a marked paper; the session's `score` column too).
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "lenient")]
    pub score: Option<f64>,
    /// The same marks as an exact fraction (`16/3`).
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "lenient")]
    pub score_exact: Option<String>,
    /// Marks taken off for wrong answers.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "lenient")]
    pub lost: Option<f64>,
    /// Questions answered (an abandoned paper, whose session counts no right or wrong).
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "lenient")]
    pub answered: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "count")]
    pub unanswered: Option<u32>,
    /// Seconds spent answering.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "seconds")]
    pub duration_seconds: Option<u64>,
}

/// A paper's stored status: one this version knows, or one a newer version wrote (statistics
/// then show no status rather than a wrong one).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum PaperStatus {
    Known(ExamStatus),
    Unknown(String),
}

impl PaperMeta {
    /// The session's `extra` JSON as a paper's data; a session without one (or with one that
    /// is not an object) reads as empty.
    pub fn read(extra: Option<&serde_json::Value>) -> PaperMeta {
        extra.and_then(|x| PaperMeta::deserialize(x).ok()).unwrap_or_default()
    }

    /// The JSON stored as the session's `extra`.
    pub fn to_json(&self) -> Result<serde_json::Value, serde_json::Error> {
        serde_json::to_value(self)
    }
}

/// A value of the wrong type reads as absent, not as an error for the whole paper.
fn lenient<'de, D: Deserializer<'de>, T: serde::de::DeserializeOwned>(
    d: D,
) -> Result<Option<T>, D::Error> {
    let value = serde_json::Value::deserialize(d)?;
    Ok(T::deserialize(value).ok())
}

/// A count as any whole number, at most `u32::MAX`.
fn count<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
    let value = serde_json::Value::deserialize(d)?;
    Ok(value.as_u64().map(|n| u32::try_from(n).unwrap_or(u32::MAX)))
}

/// Seconds as any non-negative number (a fraction is cut to whole seconds), as they were read
/// before they were typed.
fn seconds<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    let value = serde_json::Value::deserialize(d)?;
    Ok(value.as_f64().filter(|s| *s >= 0.0).map(|s| s as u64))
}

/// A stored composite question's parts as history lists them: each with whether it was
/// true and why. Read from the JSON as saved, so a paper set by another version still reads.
fn statement_lines(q: &serde_json::Value) -> Vec<String> {
    let Some(parts) = q.get("parts").and_then(|p| p.as_array()) else { return Vec::new() };
    parts
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let text = |k: &str| p.get(k).and_then(|v| v.as_str());
            let mut line =
                match (p.get("true").and_then(serde_json::Value::as_bool), text("correction")) {
                    // A pair's correction (`left — right`) has no full stop of its own.
                    (Some(false), Some(right)) => {
                        let stop = if right.ends_with(['.', '?', '!']) { "" } else { "." };
                        format!("{}. False: {right}{stop}", i + 1)
                    }
                    (Some(false), None) => format!("{}. False.", i + 1),
                    // The statement itself, so history says what was true.
                    _ => match text("text") {
                        Some(said) => {
                            let stop = if said.ends_with(['.', '?', '!']) { "" } else { "." };
                            format!("{}. True: {said}{stop}", i + 1)
                        }
                        None => format!("{}. True.", i + 1),
                    },
                };
            if let Some(why) = text("explain") {
                line.push(' ');
                line.push_str(why);
            }
            line
        })
        .collect()
}

/// A question stored whole (a paper's, or a statement set of a study session) as history
/// shows it: the prompt, the right option, the learner's choice (none: a blank) and verdict,
/// and a composite's statements, each with whether it was true and why.
pub(super) fn asked_answer_fact(
    card: CardKey,
    q: &serde_json::Value,
    chosen: Option<u32>,
    time: Timestamp,
    grade: Option<u8>,
) -> AnswerFact {
    let text = |k: &str| q.get(k).and_then(|v| v.as_str()).unwrap_or("").to_owned();
    let option = |i: u64| {
        q.get("options")
            .and_then(|o| o.get(usize::try_from(i).ok()?))
            .and_then(|v| v.as_str())
            .map(str::to_owned)
    };
    let correct = q.get("correct").and_then(serde_json::Value::as_u64);
    let (response, outcome) = match chosen {
        None => (String::new(), Verdict::Unanswered),
        Some(c) => (
            option(u64::from(c)).unwrap_or_default(),
            if Some(u64::from(c)) == correct { Verdict::Right } else { Verdict::Wrong },
        ),
    };
    AnswerFact {
        time,
        card,
        question: text("prompt"),
        expected: text("answer"),
        response,
        outcome,
        grade,
        // A paper's grade is its marking's, a set's its facts': never changed by the learner.
        regraded: false,
        duration_ms: 0,
        statements: statement_lines(q),
    }
}

const SESSION_COLUMNS: &str =
    "id, mode, decks, started, ended, questions, right, wrong, score, extra";

impl Store {
    /// Starts an exam session and saves its questions, in one transaction. `extra` is the
    /// session's JSON (marking, time limit, status `running`).
    pub fn start_exam(
        &mut self,
        decks: &[DeckId],
        started: Timestamp,
        extra: &serde_json::Value,
        rows: &[ExamRow],
    ) -> Result<SessionId, StoreError> {
        let path = self.path.clone();
        let e = |err| StoreError::sqlite(&path, err);
        let bad = |err: serde_json::Error| StoreError::BadData {
            path: path.clone(),
            detail: err.to_string(),
        };
        let decks = serde_json::to_string(decks).map_err(bad)?;
        let extra = serde_json::to_string(extra).map_err(bad)?;
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(e)?;
        tx.execute(
            "INSERT INTO sessions (mode, decks, started, questions, extra)
             VALUES ('exam', ?1, ?2, ?3, ?4)",
            params![decks, started.as_second(), rows.len() as i64, extra],
        )
        .map_err(e)?;
        let session = SessionId(tx.last_insert_rowid());
        {
            let mut stmt = tx
                .prepare_cached(
                    "INSERT INTO exam_answers
                        (session, position, card, fact, question, chosen, marked, answered_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                )
                .map_err(e)?;
            for row in rows {
                let question = serde_json::to_string(&row.question).map_err(bad)?;
                stmt.execute(params![
                    session.0,
                    row.position,
                    row.card.to_string(),
                    format!("{}/{}", row.card.deck, row.card.fact),
                    question,
                    row.chosen,
                    row.marked,
                    row.answered_at.map(|t| t.as_second()),
                ])
                .map_err(e)?;
            }
        }
        tx.commit().map_err(e)?;
        Ok(session)
    }

    /// Saves one question's answer and mark (committed before it returns).
    pub fn save_exam_answer(
        &self,
        session: SessionId,
        position: u32,
        chosen: Option<u32>,
        marked: bool,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        let changed = self
            .conn
            .prepare_cached(
                "UPDATE exam_answers SET chosen = ?3, marked = ?4, answered_at = ?5
                 WHERE session = ?1 AND position = ?2",
            )
            .and_then(|mut s| {
                s.execute(params![session.0, position, chosen, marked, at.as_second()])
            })
            .map_err(|e| self.err(e))?;
        if changed == 0 {
            return Err(self.bad(format!("exam {} has no question {}", session.0, position + 1)));
        }
        Ok(())
    }

    /// The questions of a paper with their answers, in paper order.
    pub fn exam_rows(&self, session: SessionId) -> Result<Vec<ExamRow>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT position, card, question, chosen, marked, answered_at
                 FROM exam_answers WHERE session = ?1 ORDER BY position",
            )
            .map_err(|e| self.err(e))?;
        let mut rows = stmt.query([session.0]).map_err(|e| self.err(e))?;
        let mut out = Vec::new();
        while let Some(row) = rows.next().map_err(|e| self.err(e))? {
            let card: String = row.get(1).map_err(|e| self.err(e))?;
            let Ok(card) = card.parse::<CardKey>() else {
                return Err(self.bad(format!("exam {} has a bad card key `{card}`", session.0)));
            };
            let question: String = row.get(2).map_err(|e| self.err(e))?;
            out.push(ExamRow {
                position: row.get(0).map_err(|e| self.err(e))?,
                card,
                question: serde_json::from_str(&question)
                    .map_err(|err| self.bad(format!("exam question ({err})")))?,
                chosen: row.get(3).map_err(|e| self.err(e))?,
                marked: row.get(4).map_err(|e| self.err(e))?,
                answered_at: opt_ts(row.get(5).map_err(|e| self.err(e))?)
                    .map_err(|d| self.bad(d))?,
            });
        }
        Ok(out)
    }

    /// Every answered question of every marked paper (submitted or timed out) as its format
    /// and whether it was right: `recall stats`' accuracy by format. A question saved before
    /// formats existed is direct.
    pub fn exam_format_answers(&self) -> Result<Vec<(Format, bool)>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT json_extract(a.question, '$.format'), a.chosen,
                        json_extract(a.question, '$.correct')
                 FROM exam_answers a JOIN sessions s ON s.id = a.session
                 WHERE s.mode = 'exam' AND s.ended IS NOT NULL AND a.chosen IS NOT NULL
                   AND json_extract(s.extra, '$.status') IN ('submitted', 'timed-out')",
            )
            .map_err(|e| self.err(e))?;
        let mut rows = stmt.query([]).map_err(|e| self.err(e))?;
        let mut out = Vec::new();
        while let Some(row) = rows.next().map_err(|e| self.err(e))? {
            let format: Option<String> = row.get(0).map_err(|e| self.err(e))?;
            let chosen: Option<i64> = row.get(1).map_err(|e| self.err(e))?;
            let correct: Option<i64> = row.get(2).map_err(|e| self.err(e))?;
            let format = Format::ALL
                .into_iter()
                .find(|f| Some(f.slug()) == format.as_deref())
                .unwrap_or(Format::Direct);
            out.push((format, chosen.is_some() && chosen == correct));
        }
        Ok(out)
    }

    /// Every question of a paper for `recall history SESSION-ID`, in paper order, blanks
    /// included ([`Verdict::Unanswered`], no grade). The grade is the review's (Good for right,
    /// Again for wrong); an abandoned paper has no reviews, so its answers have no grade. The
    /// time is when the answer was last changed (the session's start for a blank).
    pub fn exam_answer_facts(&self, session: SessionId) -> Result<Vec<AnswerFact>, StoreError> {
        let Some(record) = self.session(session)? else { return Ok(Vec::new()) };
        let reviews = self.reviews_in_session(session)?;
        let mut out = Vec::new();
        for row in self.exam_rows(session)? {
            let key = row.card.to_string();
            let grade = match row.chosen {
                None => None,
                Some(_) => reviews.iter().find(|r| r.card == key).map(|r| r.grade.number()),
            };
            let time = row.answered_at.unwrap_or(record.started);
            out.push(asked_answer_fact(row.card, &row.question, row.chosen, time, grade));
        }
        Ok(out)
    }

    /// Exam sessions never closed (submitted or abandoned): cut off by a crash, a kill or a
    /// closed terminal. Oldest first. Call it while holding [`Store::lock_session`], so a
    /// paper being sat in another window is not mistaken for one.
    pub fn unfinished_exams(&self) -> Result<Vec<SessionRecord>, StoreError> {
        self.sessions_query("mode = 'exam' AND ended IS NULL ORDER BY started, id", [])
    }

    /// Closed exam sessions (submitted, timed out or abandoned), oldest first.
    pub fn closed_exams(&self) -> Result<Vec<SessionRecord>, StoreError> {
        self.sessions_query("mode = 'exam' AND ended IS NOT NULL ORDER BY started, id", [])
    }

    fn sessions_query(
        &self,
        condition: &str,
        args: impl rusqlite::Params,
    ) -> Result<Vec<SessionRecord>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(&format!("SELECT {SESSION_COLUMNS} FROM sessions WHERE {condition}"))
            .map_err(|e| self.err(e))?;
        let mut rows = stmt.query(args).map_err(|e| self.err(e))?;
        let mut out = Vec::new();
        while let Some(row) = rows.next().map_err(|e| self.err(e))? {
            out.push(session_from(row).map_err(|d| self.bad(d))?);
        }
        Ok(out)
    }

    /// Closes a paper in one transaction: records `answers` as reviews (each moves its card to
    /// `answer.after`, as [`Store::record_answer`] does) and writes the session's totals. Either
    /// all of it is saved or nothing is, so a crash while submitting leaves the paper
    /// unfinished (offered again), never half reviewed.
    pub fn close_exam(
        &mut self,
        session: SessionId,
        answers: &[Answer<'_>],
        summary: &SessionSummary,
    ) -> Result<(), StoreError> {
        let path = self.path.clone();
        let e = |err| StoreError::sqlite(&path, err);
        let extra =
            summary.extra.as_ref().map(serde_json::to_string).transpose().map_err(|err| {
                StoreError::BadData { path: path.clone(), detail: err.to_string() }
            })?;
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(e)?;
        let open: Option<i64> = tx
            .query_row(
                "SELECT count(*) FROM sessions WHERE id = ?1 AND mode = 'exam' AND ended IS NULL",
                [session.0],
                |r| r.get(0),
            )
            .map_err(e)?;
        if open != Some(1) {
            return Err(StoreError::BadData {
                path: path.clone(),
                detail: format!("exam {} is not an open paper", session.0),
            });
        }
        for answer in answers {
            write_answer(&tx, &path, answer)?;
        }
        tx.execute(
            "UPDATE sessions SET ended = ?2, questions = ?3, right = ?4, wrong = ?5, score = ?6,
                    extra = ?7 WHERE id = ?1",
            params![
                session.0,
                summary.ended.map(|t| t.as_second()),
                summary.questions,
                summary.right,
                summary.wrong,
                summary.score,
                extra
            ],
        )
        .map_err(e)?;
        tx.commit().map_err(e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deck::QuestionKind;
    use crate::ids::CardKey;
    use crate::schedule::{CardState, Grade, Outcome, Phase};
    use crate::stats::{ExamStatus, SessionMode};

    fn t(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    fn row(position: u32, card: &str) -> ExamRow {
        ExamRow {
            position,
            card: card.parse().unwrap(),
            question: serde_json::json!({"prompt": "?", "correct": 1}),
            chosen: None,
            marked: false,
            answered_at: None,
        }
    }

    #[test]
    fn a_paper_is_saved_answered_and_closed_in_one_go() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        let decks = [DeckId::new("polity").unwrap()];
        let extra = serde_json::json!({"status": "running", "marking": "+2 / −2/3"});
        let rows = [row(0, "polity/a/forward"), row(1, "polity/b/forward")];
        let s = store.start_exam(&decks, t("2026-11-30T09:00:00Z"), &extra, &rows).unwrap();
        store.save_exam_answer(s, 1, Some(2), true, t("2026-11-30T09:01:00Z")).unwrap();
        store.save_exam_answer(s, 1, Some(3), false, t("2026-11-30T09:02:00Z")).unwrap();
        assert!(store.save_exam_answer(s, 5, None, false, t("2026-11-30T09:02:00Z")).is_err());
        let saved = store.exam_rows(s).unwrap();
        assert_eq!(saved.len(), 2);
        assert_eq!((saved[1].chosen, saved[1].marked), (Some(3), false));
        assert_eq!(saved[1].answered_at, Some(t("2026-11-30T09:02:00Z")));
        assert_eq!(saved[0].question["correct"], 1);
        // Not closed yet: found as cut off.
        assert_eq!(store.unfinished_exams().unwrap().len(), 1);
        assert!(store.closed_exams().unwrap().is_empty());

        let card: CardKey = "polity/b/forward".parse().unwrap();
        let after = CardState { phase: Phase::Learning, reps: 1, ..CardState::default() };
        let answer = Answer {
            card: &card,
            session: Some(s),
            time: t("2026-11-30T09:05:00Z"),
            kind: QuestionKind::MultipleChoice,
            response: "x",
            correct: false,
            outcome: Outcome::Wrong,
            grade: Grade::Again,
            duration_ms: 0,
            after: &after,
            cram: false,
        };
        let summary = SessionSummary {
            ended: Some(t("2026-11-30T09:05:00Z")),
            questions: 2,
            right: 0,
            wrong: 1,
            score: Some(-2.0 / 3.0),
            extra: Some(serde_json::json!({
                "status": "submitted", "marking": "+2 / −2/3", "unanswered": 1, "max_score": 4.0
            })),
        };
        store.close_exam(s, std::slice::from_ref(&answer), &summary).unwrap();
        assert!(store.unfinished_exams().unwrap().is_empty());
        assert_eq!(store.card_state(&card).unwrap().unwrap().reps, 1);
        assert_eq!(store.reviews_in_session(s).unwrap().len(), 1);
        // A closed paper cannot be closed again (no double reviews).
        assert!(store.close_exam(s, &[answer], &summary).is_err());
        assert_eq!(store.reviews_in_session(s).unwrap().len(), 1);

        let answers = store.exam_answer_facts(s).unwrap();
        assert_eq!(answers.len(), 2);
        assert_eq!(answers[0].outcome, crate::stats::Verdict::Unanswered);
        assert_eq!((answers[1].outcome, answers[1].grade), (crate::stats::Verdict::Wrong, Some(1)));

        let closed = store.closed_exams().unwrap();
        let fact = closed[0].to_session_fact();
        assert_eq!(fact.mode, SessionMode::Exam);
        assert_eq!((fact.questions, fact.right, fact.wrong, fact.unanswered), (2, 0, 1, 1));
        assert_eq!(fact.marking.as_deref(), Some("+2 / −2/3"));
        assert_eq!(fact.max_score, 4.0);
        assert!((fact.score + 2.0 / 3.0).abs() < 1e-12);
        assert_eq!(fact.duration_seconds, 300);
        assert_eq!(fact.decks, ["polity"]);
        assert_eq!(fact.status, Some(ExamStatus::Submitted));
    }

    #[test]
    fn paper_data_reads_old_and_odd_json_as_the_key_by_key_reader_did() {
        let read = |j: serde_json::Value| PaperMeta::read(Some(&j));
        // A status a newer version wrote is told apart from none at all.
        let sealed = read(serde_json::json!({"status": "sealed"}));
        assert_eq!(sealed.status, Some(PaperStatus::Unknown("sealed".into())));
        assert_eq!(read(serde_json::json!({"status": 3})).status, None);
        let odd = read(serde_json::json!({
            "status": "timed-out", "scheme": 1, "marking": "+2 / −2/3", "max_score": 4,
            "unanswered": 5_000_000_000u64, "duration_seconds": 12.7, "limit_seconds": -1,
            "a_key_from_later": true
        }));
        assert_eq!(odd.status, Some(PaperStatus::Known(ExamStatus::TimedOut)));
        assert_eq!((odd.scheme, odd.marking.as_deref()), (None, Some("+2 / −2/3")));
        assert_eq!((odd.max_score, odd.unanswered), (Some(4.0), Some(u32::MAX)));
        assert_eq!((odd.duration_seconds, odd.limit_seconds), (Some(12), None));
        assert_eq!(read(serde_json::json!([1, 2])), PaperMeta::default());
        assert_eq!(PaperMeta::read(None), PaperMeta::default());

        // As statistics read a closed paper: no status is an old submitted paper, an unknown
        // one is shown as none.
        let closed = |extra: serde_json::Value| SessionRecord {
            id: SessionId(1),
            mode: super::super::SessionMode::Exam,
            decks: Vec::new(),
            started: t("2026-11-30T09:00:00Z"),
            summary: SessionSummary {
                ended: Some(t("2026-11-30T09:10:00Z")),
                extra: Some(extra),
                ..SessionSummary::default()
            },
        };
        let old = closed(serde_json::json!({"marking": "+2 / −2/3"})).to_session_fact();
        assert_eq!((old.status, old.duration_seconds), (Some(ExamStatus::Submitted), 600));
        let newer = closed(serde_json::json!({"status": "sealed"})).to_session_fact();
        assert_eq!(newer.status, None);
    }
}

#[cfg(test)]
mod statement_line_tests {
    use super::statement_lines;

    #[test]
    fn a_pairs_correction_ends_before_its_explanation() {
        let q = serde_json::json!({"parts": [
            {"true": false, "correction": "India's 2+2 partners — Japan and the US",
             "explain": "India has the 2+2 with Japan and the US."},
            {"true": false, "correction": "BECA was signed in 2020.", "explain": "Source."},
            {"true": true},
        ]});
        assert_eq!(
            statement_lines(&q),
            [
                "1. False: India's 2+2 partners — Japan and the US. India has the 2+2 with Japan \
                 and the US.",
                "2. False: BECA was signed in 2020. Source.",
                "3. True.",
            ]
        );
    }
}
