//! The progress store: one SQLite file, `recall.sqlite3`, in the data folder.
//!
//! It holds card states (the scheduler's memory of each card), every answer ever given (with the
//! card's state before and after it), sessions, settings and fitted FSRS parameters. Decks are
//! never stored here: cards are keyed by `deck/fact/direction`, so rewording a deck keeps its
//! progress, and cards whose fact disappeared keep their history ([`Store::orphans`]).
//!
//! Durability and concurrency:
//! - every answer is one transaction ([`Store::record_answer`]), committed before it returns:
//!   a crash or Ctrl-C loses at most the question on screen;
//! - WAL mode with a busy timeout: a second `recall` process (stats, config, a second session)
//!   waits for a write in progress instead of failing, and nothing is lost;
//! - an interactive session also holds [`Store::lock_session`], so a second one says clearly
//!   that one is running;
//! - a file that is damaged, not SQLite, not ours or from a newer schema is never touched: the
//!   error names it ([`StoreError`]); before migrating an older file, a copy is kept next to it
//!   as `recall.sqlite3.bak-v{old version}`.
//!
//! Typical use by a study session:
//!
//! ```text
//! let mut store = Store::open(&ctx.data_dir()?)?;
//! let _lock = store.lock_session()?;
//! let session = store.start_session(SessionMode::Study, &decks, ctx.now)?;
//! ... store.record_answer(&Answer { .. })?;   // per answer
//! ... store.undo_last(session)?;              // on `u`
//! store.finish_session(session, &SessionSummary { .. })?;
//! ```
//!
//! Importers (review logs, Anki collections) add history in bulk with
//! [`Store::import_reviews`]: each review carries a unique origin so a repeated import adds
//! nothing twice, and every card that gained reviews has its whole history replayed through
//! the scheduler, in one transaction. [`Store::set_due`] keeps a foreign due date. Cards of a
//! log that belong to no deck are kept under deck ids starting with [`HISTORY_DECK_PREFIX`]
//! (see the `import` module).

mod error;
mod import;
mod lock;
mod paper;
mod schema;
mod stats;

pub use error::StoreError;
pub use import::{
    HISTORY_DECK_PREFIX, ImportCounts, ImportedReview, LoggedReview, is_history_deck,
};
pub use lock::SessionLock;
pub use paper::{ExamRow, PaperMeta, PaperStatus};
pub use stats::StatsRows;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::Duration;

use jiff::Timestamp;
use rusqlite::{Connection, OptionalExtension, Row, TransactionBehavior, params, params_from_iter};

use crate::deck::QuestionKind;
use crate::ids::{CardKey, DeckId};
use crate::schedule::{CardState, CardStates, DayCounts, Grade, Memory, Outcome, Phase, StudyDay};
use crate::settings::Settings;

/// The progress file's name inside the data folder.
pub const FILE_NAME: &str = "recall.sqlite3";
/// The session lock file's name inside the data folder.
pub const LOCK_FILE_NAME: &str = "recall.lock";
/// How long a write waits for another process's write to finish before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// The id of a session row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SessionId(pub i64);

/// The id of a review row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ReviewId(pub i64);

/// What kind of session: `study` moves schedules, `cram` records answers without moving them,
/// `exam` is a mock exam.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SessionMode {
    Study,
    Cram,
    Exam,
}

impl SessionMode {
    pub fn name(self) -> &'static str {
        match self {
            SessionMode::Study => "study",
            SessionMode::Cram => "cram",
            SessionMode::Exam => "exam",
        }
    }

    pub fn from_name(s: &str) -> Option<SessionMode> {
        [SessionMode::Study, SessionMode::Cram, SessionMode::Exam]
            .into_iter()
            .find(|m| m.name() == s)
    }
}

/// One answer to record.
#[derive(Clone, Debug)]
pub struct Answer<'a> {
    pub card: &'a CardKey,
    pub session: Option<SessionId>,
    pub time: Timestamp,
    pub kind: QuestionKind,
    /// What the learner typed or chose, as shown back in history.
    pub response: &'a str,
    pub correct: bool,
    pub outcome: Outcome,
    /// The grade saved (after any correction by the learner).
    pub grade: Grade,
    pub duration_ms: u32,
    /// The card's state after this answer: `Scheduler::next_states(..).get(grade).state`.
    /// Ignored when `cram` is set.
    pub after: &'a CardState,
    /// Record the answer but leave the card's schedule alone.
    pub cram: bool,
}

/// A stored answer.
#[derive(Clone, Debug, PartialEq)]
pub struct Review {
    pub id: ReviewId,
    pub time: Timestamp,
    /// The card key as stored; [`Review::key`] parses it.
    pub card: String,
    pub session: Option<SessionId>,
    /// `None` if the stored kind is one this version does not know.
    pub kind: Option<QuestionKind>,
    pub response: String,
    pub correct: bool,
    pub outcome: Outcome,
    pub grade: Grade,
    pub duration_ms: u32,
    pub cram: bool,
    /// Where an imported review came from.
    pub imported: Option<String>,
    /// The card's state before the answer; `None` if the card had no row (it was new).
    /// `suspended` is not kept in review rows (answers never change it) and reads as false.
    pub before: Option<CardState>,
    pub after: CardState,
}

impl Review {
    pub fn key(&self) -> Option<CardKey> {
        self.card.parse().ok()
    }
}

/// A session's totals, written when it ends.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SessionSummary {
    pub ended: Option<Timestamp>,
    pub questions: u32,
    pub right: u32,
    pub wrong: u32,
    /// Exam score (marks), if the mode has one.
    pub score: Option<f64>,
    /// Mode-specific data (an exam's marking scheme and sections).
    pub extra: Option<serde_json::Value>,
}

/// A stored session.
#[derive(Clone, Debug, PartialEq)]
pub struct SessionRecord {
    pub id: SessionId,
    pub mode: SessionMode,
    pub decks: Vec<DeckId>,
    pub started: Timestamp,
    pub summary: SessionSummary,
}

/// The open progress file.
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

impl Store {
    /// Opens (creating if needed) the progress file in `dir`, creating `dir` too, and brings its
    /// schema up to date.
    pub fn open(dir: &Path) -> Result<Store, StoreError> {
        Store::open_with(dir, schema::MIGRATIONS)
    }

    /// [`Store::open`] with a given migration list, so tests can exercise a migration that does
    /// not exist yet.
    fn open_with(dir: &Path, migrations: &[&str]) -> Result<Store, StoreError> {
        std::fs::create_dir_all(dir)
            .map_err(|source| StoreError::CreateDir { path: dir.to_path_buf(), source })?;
        let path = dir.join(FILE_NAME);
        let existed = std::fs::metadata(&path).is_ok_and(|m| m.len() > 0);
        let e = |err| StoreError::sqlite(&path, err);
        let conn = Connection::open(&path).map_err(e)?;
        conn.busy_timeout(BUSY_TIMEOUT).map_err(e)?;
        let known = migrations.len() as i64;

        // Read the header and the schema before changing anything: a file that is not ours is
        // reported, never converted.
        let version: i64 =
            conn.pragma_query_value(None, "user_version", |r| r.get(0)).map_err(e)?;
        if version > known {
            return Err(StoreError::NewerSchema { path, found: version, known });
        }
        let objects: i64 =
            conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0)).map_err(e)?;
        if version == 0 && objects > 0 {
            return Err(StoreError::Foreign { path });
        }

        let mode: String =
            conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0)).map_err(e)?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(StoreError::BadData {
                path,
                detail: format!("cannot switch to WAL mode (journal mode is {mode})"),
            });
        }
        // In WAL mode NORMAL is safe against application crashes (each commit is in the WAL
        // before it returns); only an OS crash or power cut can lose the last answers.
        conn.pragma_update(None, "synchronous", "NORMAL").map_err(e)?;
        conn.pragma_update(None, "foreign_keys", true).map_err(e)?;
        // Reading the whole cards table for the queue is faster from a memory map than through
        // read() calls into SQLite's page cache.
        conn.pragma_update(None, "mmap_size", 256i64 << 20).map_err(e)?;

        let mut store = Store { conn, path };
        if version < known {
            if existed && version > 0 {
                store.backup(version)?;
            }
            store.migrate(migrations)?;
        }
        Ok(store)
    }

    /// Copies the file to `recall.sqlite3.bak-v{version}` (a consistent snapshot, WAL included).
    fn backup(&self, version: i64) -> Result<PathBuf, StoreError> {
        let mut backup = self.path.with_file_name(format!("{FILE_NAME}.bak-v{version}"));
        let mut n = 1;
        while backup.exists() {
            n += 1;
            backup = self.path.with_file_name(format!("{FILE_NAME}.bak-v{version}-{n}"));
        }
        let target = backup.to_string_lossy().into_owned();
        self.conn.execute("VACUUM INTO ?1", [&target]).map_err(|source| StoreError::Backup {
            path: self.path.clone(),
            backup: backup.clone(),
            source,
        })?;
        Ok(backup)
    }

    /// Applies the missing migrations in one transaction. The version is read again inside
    /// the write lock, so two processes opening an old file at once migrate it once.
    fn migrate(&mut self, migrations: &[&str]) -> Result<(), StoreError> {
        let path = self.path.clone();
        let e = |err| StoreError::sqlite(&path, err);
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(e)?;
        let version: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0)).map_err(e)?;
        for (i, sql) in migrations.iter().enumerate().skip(usize::try_from(version).unwrap_or(0)) {
            tx.execute_batch(sql).map_err(e)?;
            tx.pragma_update(None, "user_version", i as i64 + 1).map_err(e)?;
        }
        tx.commit().map_err(e)
    }

    /// The progress file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The schema version of the open file.
    pub fn schema_version(&self) -> Result<i64, StoreError> {
        self.conn.pragma_query_value(None, "user_version", |r| r.get(0)).map_err(|e| self.err(e))
    }

    fn err(&self, e: rusqlite::Error) -> StoreError {
        StoreError::sqlite(&self.path, e)
    }

    fn bad(&self, detail: String) -> StoreError {
        StoreError::BadData { path: self.path.clone(), detail }
    }

    /// Takes the study-session lock (see [`SessionLock`]); fails with
    /// [`StoreError::SessionRunning`] if another session holds it.
    pub fn lock_session(&self) -> Result<SessionLock, StoreError> {
        lock::acquire(&self.path.with_file_name(LOCK_FILE_NAME))
    }

    // ----- settings -----

    /// The learner's settings: stored values over the defaults. Keys this version does not
    /// know (written by a newer one) are ignored; a known key with a bad value is an error.
    pub fn settings(&self) -> Result<Settings, StoreError> {
        let mut settings = Settings::default();
        for (key, value) in self.stored_settings()? {
            if Settings::is_key(&key) {
                settings.set(&key, &value).map_err(|e| self.bad(format!("setting {e}")))?;
            }
        }
        Ok(settings)
    }

    /// The settings rows as stored (only keys the learner changed).
    pub fn stored_settings(&self) -> Result<Vec<(String, String)>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT key, value FROM settings ORDER BY key")
            .map_err(|e| self.err(e))?;
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .map_err(|e| self.err(e))?
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| self.err(e))
    }

    /// Validates and stores one setting; returns the value as stored (normalized).
    pub fn set_setting(&self, key: &str, value: &str) -> Result<String, StoreError> {
        let mut settings = Settings::default();
        settings.set(key, value)?;
        let normalized = settings.get(key)?;
        self.conn
            .execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                params![key, normalized],
            )
            .map_err(|e| self.err(e))?;
        Ok(normalized)
    }

    /// Returns a setting to its default.
    pub fn reset_setting(&self, key: &str) -> Result<(), StoreError> {
        Settings::default().get(key)?; // rejects unknown keys
        self.conn.execute("DELETE FROM settings WHERE key = ?1", [key]).map_err(|e| self.err(e))?;
        Ok(())
    }

    // ----- FSRS parameters -----

    /// The newest fitted FSRS parameters, `None` until the learner has optimized.
    pub fn fsrs_parameters(&self) -> Result<Option<Vec<f32>>, StoreError> {
        let json: Option<String> = self
            .conn
            .query_row("SELECT parameters FROM fsrs_parameters ORDER BY id DESC LIMIT 1", [], |r| {
                r.get(0)
            })
            .optional()
            .map_err(|e| self.err(e))?;
        json.map(|j| {
            serde_json::from_str(&j).map_err(|e| self.bad(format!("FSRS parameters ({e})")))
        })
        .transpose()
    }

    /// Stores newly fitted parameters (fitted on `reviews` reviews); older rows are kept.
    pub fn save_fsrs_parameters(
        &self,
        parameters: &[f32],
        created: Timestamp,
        reviews: u64,
    ) -> Result<(), StoreError> {
        let json = serde_json::to_string(parameters)
            .map_err(|e| self.bad(format!("FSRS parameters ({e})")))?;
        self.conn
            .execute(
                "INSERT INTO fsrs_parameters (created, parameters, reviews) VALUES (?1, ?2, ?3)",
                params![created.as_second(), json, reviews as i64],
            )
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    // ----- cards -----

    /// Every stored card state, in one query (the queue's input). Rows whose key this version
    /// cannot parse are skipped: they can match no deck card anyway.
    pub fn card_states(&self) -> Result<CardStates, StoreError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT key, phase, stability, difficulty, due, reps, lapses, last_review,
                        suspended FROM cards",
            )
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
            .prepare_cached(
                "SELECT phase, stability, difficulty, due, reps, lapses, last_review, suspended
                 FROM cards WHERE key = ?1",
            )
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
    /// no deck ([`HISTORY_DECK_PREFIX`]) are not orphans: they never had a deck.
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

    // ----- answers -----

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
                return Err(StoreError::UndoConflict { card: review.card });
            }
            match (&review.before, review.key()) {
                (Some(before), Some(key)) => upsert_card(&tx, &key, before).map_err(e)?,
                (Some(_), None) => {
                    return Err(StoreError::BadData {
                        path: path.clone(),
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
        tx.commit().map_err(e)?;
        Ok(Some(review))
    }

    /// What was done on the learner day `day` (answers and new cards, cram and imports
    /// excluded), for the queue's daily limits.
    pub fn day_counts(&self, day: &StudyDay) -> Result<DayCounts, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT (SELECT key FROM card_keys k WHERE k.id = reviews.card), before_reps
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
                counts.new_cards += 1;
                let card: String = row.get(0).map_err(|e| self.err(e))?;
                if let Ok(key) = card.parse::<CardKey>() {
                    counts.new_facts.insert((key.deck, key.fact));
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

    /// Every row of a query, each converted by `from_row` (`review_from`, `session_from`);
    /// a row it refuses is bad data in this file.
    fn query_all<T>(
        &self,
        sql: &str,
        args: impl rusqlite::Params,
        from_row: impl Fn(&Row<'_>) -> Result<T, String>,
    ) -> Result<Vec<T>, StoreError> {
        let mut stmt = self.conn.prepare(sql).map_err(|e| self.err(e))?;
        let mut rows = stmt.query(args).map_err(|e| self.err(e))?;
        let mut out = Vec::new();
        while let Some(row) = rows.next().map_err(|e| self.err(e))? {
            out.push(from_row(row).map_err(|d| self.bad(d))?);
        }
        Ok(out)
    }

    // ----- sessions -----

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

/// The body of [`Store::record_answer`], inside a transaction the caller commits (so an exam's
/// answers and its session row are written together, see [`Store::close_exam`]).
fn write_answer(tx: &Connection, path: &Path, answer: &Answer<'_>) -> Result<ReviewId, StoreError> {
    let e = |err| StoreError::sqlite(path, err);
    let key = answer.card.to_string();
    let number = card_number(tx, &key).map_err(e)?;
    let before = {
        let mut stmt = tx
            .prepare_cached(
                "SELECT phase, stability, difficulty, due, reps, lapses, last_review, suspended
                 FROM cards WHERE key = ?1",
            )
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
const REVIEW_COLUMNS: &str = "id, time,
    (SELECT key FROM card_keys k WHERE k.id = reviews.card), session, kind, response, correct, outcome, grade,
    duration_ms, cram, imported,
    before_phase, before_stability, before_difficulty, before_due, before_reps, before_lapses,
    before_last_review,
    after_phase, after_stability, after_difficulty, after_due, after_reps, after_lapses,
    after_last_review";

/// A [`CardState`] as column values.
#[derive(Default)]
struct StateColumns {
    /// `None` only for the state "before" a card's first answer (a new card has no row).
    phase: Option<&'static str>,
    stability: Option<f64>,
    difficulty: Option<f64>,
    due: Option<i64>,
    reps: i64,
    lapses: i64,
    last_review: Option<i64>,
}

impl StateColumns {
    /// The columns of a card's state, or of no state yet (phase and memory NULL, counts 0):
    /// what a review row stores as `before_*` for a card's first answer.
    fn of(state: Option<&CardState>) -> StateColumns {
        state.map_or_else(StateColumns::default, StateColumns::from)
    }

    /// The values in table order (`phase, stability, difficulty, due, reps, lapses,
    /// last_review`), as a review row's `before_*` or `after_*` columns are listed.
    fn params(&self) -> [&dyn rusqlite::ToSql; 7] {
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

/// The number of card `key` in `card_keys` (what review rows hold), given one if it has none
/// yet.
fn card_number(conn: &Connection, key: &str) -> rusqlite::Result<i64> {
    let mut find = conn.prepare_cached("SELECT id FROM card_keys WHERE key = ?1")?;
    if let Some(id) = find.query_row([key], |r| r.get(0)).optional()? {
        return Ok(id);
    }
    conn.prepare_cached("INSERT INTO card_keys (key) VALUES (?1)")?.execute([key])?;
    Ok(conn.last_insert_rowid())
}

fn upsert_card(conn: &Connection, key: &CardKey, s: &CardState) -> rusqlite::Result<()> {
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

fn ts(seconds: i64) -> Result<Timestamp, String> {
    Timestamp::from_second(seconds).map_err(|e| format!("time {seconds} out of range ({e})"))
}

/// A grade as stored (1 Again … 4 Easy).
fn stored_grade(n: i64) -> Result<Grade, String> {
    u8::try_from(n)
        .ok()
        .and_then(Grade::from_number)
        .ok_or_else(|| format!("grade {n} out of range"))
}

fn opt_ts(seconds: Option<i64>) -> Result<Option<Timestamp>, String> {
    seconds.map(ts).transpose()
}

fn count(n: i64) -> Result<u32, String> {
    u32::try_from(n).map_err(|_| format!("count {n} out of range"))
}

fn sql<T>(r: rusqlite::Result<T>) -> Result<T, String> {
    r.map_err(|e| e.to_string())
}

/// Reads phase, stability, difficulty, due, reps, lapses, last_review from column `at` on,
/// then `suspended` if `with_suspended`.
fn state_columns(row: &Row<'_>, at: usize, suspended: bool) -> Result<CardState, String> {
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
    })
}

fn card_state_from(row: &Row<'_>, at: usize) -> Result<CardState, String> {
    let suspended: bool = sql(row.get(at + 7))?;
    state_columns(row, at, suspended)
}

fn review_from(row: &Row<'_>) -> Result<Review, String> {
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
        // Answers never change `suspended`, so the review rows do not keep it.
        before: match before_phase {
            Some(_) => Some(state_columns(row, 12, false)?),
            None => None,
        },
        after: state_columns(row, 19, false)?,
    })
}

fn session_from(row: &Row<'_>) -> Result<SessionRecord, String> {
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

#[cfg(test)]
mod tests;
