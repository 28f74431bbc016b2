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
//!   waits for a write in progress instead of failing, and nothing is lost; a command that
//!   writes waits only briefly at open for a lock another program keeps, then says so
//!   ([`StoreError::Busy`]);
//! - an interactive session also holds [`Store::lock_session`], so a second one says clearly
//!   that one is running;
//! - every open checks the file (`health`: the schema and the first page of every table and
//!   index, in well under a millisecond), and a file that is damaged, not SQLite, not ours or
//!   from a newer schema is never written: the error names it and says how to recover
//!   ([`StoreError`]);
//! - a command that only reads ([`Mode::Read`]) never creates the file, and its connection
//!   refuses writes;
//! - rolling backups in `backups/` (`backup`): once a day, before an upgrade of the format,
//!   before an import of history, before a restore; each made only after SQLite's
//!   `quick_check` has read every page, so a damaged file never replaces a good backup.
//!
//! Typical use by a study session:
//!
//! ```text
//! let mut store = Store::open_at(&ctx.data_dir()?, Mode::Write, &now)?;
//! store.daily_backup(&now)?;
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
//!
//! Files, one per table or concern: `settings.rs` (settings, FSRS parameters), `cards.rs` (card
//! states and card numbers), `reviews.rs` (answers, undo, today's counts), `sessions.rs`,
//! `paper.rs` (a mock paper's answers), `sets.rs` (statement sets answered in study), `manage.rs` (suspend, bury, reset), `import.rs` (bulk
//! history), `stats.rs` (the rows of
//! [`crate::stats`]), `rows.rs` (rows as values and back), `schema.rs` (migrations), `lock.rs`,
//! `health.rs` (the checks of the file), `backup.rs` (backups and restore), `error.rs`.
//!
//! Layers: the store knows `deck` (question kinds), `ids`, `schedule` (card states, grades,
//! the learner's day, replaying a history), `settings`, and `stats`' input rows, which it
//! fills; statistics never import the store. It knows nothing of prompts or the terminal.

mod backup;
mod cards;
mod error;
mod health;
mod import;
mod lock;
mod manage;
mod paper;
mod reviews;
mod rows;
mod schema;
mod sessions;
mod sets;
mod settings;
mod stats;
mod sync;

/// Sessions are stored with their mode; the type is statistics' (see [`crate::stats::input`]).
pub use crate::stats::SessionMode;
pub use backup::{
    BACKUP_DIR, BackupContents, BackupFile, BackupReason, KEEP_DAILY, KEEP_OTHER, Restored,
    list_backups, restore,
};
pub use error::{Found, StoreError};
pub use import::{
    HISTORY_DECK_PREFIX, ImportCounts, ImportedReview, LoggedReview, is_history_deck,
};
pub use lock::SessionLock;
pub use manage::ResetCounts;
pub use paper::{ExamRow, PaperMeta, PaperStatus};
pub use sets::{SetAnswer, StoredSet};
pub use stats::StatsRows;
pub use sync::{MergeCounts, SyncStatus};

use std::path::{Path, PathBuf};
use std::time::Duration;

use jiff::Timestamp;
use rusqlite::config::DbConfig;
use rusqlite::{Connection, OpenFlags, Row};

// The row helpers, for the modules that read and write rows of their own (`import`, `paper`,
// `stats`).
use cards::{card_number, upsert_card};
use reviews::write_answer;
use rows::{StateColumns, count, opt_ts, session_from, sql, stored_grade, ts};

use crate::deck::QuestionKind;
use crate::ids::{CardKey, DeckId};
use crate::schedule::{CardState, Grade, Outcome};

/// The progress file's name inside the data folder.
pub const FILE_NAME: &str = "recall.sqlite3";
/// The session lock file's name inside the data folder.
pub const LOCK_FILE_NAME: &str = "recall.lock";
/// How long a write waits for another process's write to finish before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);
/// How long opening waits for another program's lock: long enough for any recall write to
/// finish (an answer takes well under a millisecond), short enough to say at once what is
/// wrong when another program keeps the file locked.
const OPEN_WAIT: Duration = Duration::from_secs(1);

/// What a command does with the progress file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Reads only (`stats`, `history`, `check`): a missing or empty file is read as an empty
    /// store and never created, and the connection refuses writes.
    Read,
    /// Writes: creates the file (and its folder) if there is none, and waits briefly for the
    /// write lock before saying another program holds it.
    Write,
}

/// The id of a session row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SessionId(pub i64);

/// The id of a review row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ReviewId(pub i64);

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
    /// The file did not exist (or was empty) before this open.
    created: bool,
}

impl Drop for Store {
    /// A file found damaged while it was open (noted beside it) gets nothing more, not even the
    /// write-ahead log folded in when the connection closes.
    fn drop(&mut self) {
        if health::marked(&self.path) {
            // Failing to set it leaves SQLite's default, the checkpoint; nothing else to do.
            let _ = self.conn.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, true);
        }
    }
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

impl Store {
    /// Opens (creating if needed) the progress file in `dir` for a command that writes,
    /// creating `dir` too, checks it and brings its schema up to date. A backup made before an
    /// upgrade is named by the system clock; commands use [`Store::open_at`].
    pub fn open(dir: &Path) -> Result<Store, StoreError> {
        Store::open_at(dir, Mode::Write, &jiff::ZonedDateTime::now())
    }

    /// Opens the progress file in `dir` as `mode` says, at `now` (for the name of a backup
    /// made before an upgrade). Nothing is written to a file that fails its checks, and a file
    /// another program holds locked for writing is reported after a short wait
    /// ([`StoreError::Busy`]) rather than left to hang the command.
    pub fn open_at(dir: &Path, mode: Mode, now: &jiff::ZonedDateTime) -> Result<Store, StoreError> {
        Store::open_with(dir, mode, now, schema::MIGRATIONS)
    }

    /// [`Store::open_at`] with a given migration list, so tests can exercise a migration that
    /// does not exist yet.
    fn open_with(
        dir: &Path,
        mode: Mode,
        now: &jiff::ZonedDateTime,
        migrations: &[&str],
    ) -> Result<Store, StoreError> {
        let path = dir.join(FILE_NAME);
        // A zero-length file is what an interrupted first run or `touch` leaves: no data, so
        // a command that writes may make it a store; a reader treats it as no store at all.
        let existed = std::fs::metadata(&path).is_ok_and(|m| m.len() > 0);
        if mode == Mode::Read && !existed {
            return Store::empty(path, migrations);
        }
        if mode == Mode::Write {
            std::fs::create_dir_all(dir)
                .map_err(|source| StoreError::CreateDir { path: dir.to_path_buf(), source })?;
        }
        let e = |err| StoreError::opening(&path, err);
        let flags = match mode {
            Mode::Write => OpenFlags::default(),
            // Never create: the file was there a moment ago, and if it went, say so.
            Mode::Read => OpenFlags::default() - OpenFlags::SQLITE_OPEN_CREATE,
        };
        let conn = Connection::open_with_flags(&path, flags).map_err(e)?;
        // Until the file has passed its checks, closing the connection must not fold the
        // write-ahead log into it (SQLite does that when the last connection closes): a file
        // refused as damaged is left exactly as it was.
        conn.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, true).map_err(e)?;
        conn.busy_timeout(OPEN_WAIT).map_err(e)?;
        let known = migrations.len() as i64;

        // Read the header and the schema before changing anything: a file that is not ours,
        // or damaged, is reported, never converted.
        let version: i64 =
            conn.pragma_query_value(None, "user_version", |r| r.get(0)).map_err(e)?;
        if version > known {
            return Err(StoreError::NewerSchema { path, found: version, known });
        }
        let objects: i64 =
            conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0)).map_err(e)?;
        if version == 0 && objects > 0 {
            return Err(StoreError::Foreign { path });
        }
        let expected =
            schema::objects(&migrations[..usize::try_from(version).unwrap_or(0)]).map_err(e)?;
        let damaged =
            |detail| StoreError::Damaged { path: path.clone(), detail, found: Found::Opening };
        health::check_on_open(&conn, &expected).map_err(e)?.map_err(damaged)?;
        if health::marked(&path) {
            // An earlier run found damage a query met: look at every page before anything else.
            health::quick_check(&conn).map_err(e)?.map_err(damaged)?;
            health::unmark(&path);
        }
        conn.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, false).map_err(e)?;

        if mode == Mode::Write || version < known {
            let mode: String = conn
                .pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))
                .map_err(e)?;
            if !mode.eq_ignore_ascii_case("wal") {
                return Err(StoreError::BadData {
                    path,
                    detail: format!("cannot switch to WAL mode (journal mode is {mode})"),
                });
            }
            // In WAL mode NORMAL is safe against application crashes (each commit is in the
            // WAL before it returns); only an OS crash or power cut can lose the last answers.
            conn.pragma_update(None, "synchronous", "NORMAL").map_err(e)?;
            // Wait for the write lock now, briefly: a program holding it (an sqlite3 shell in
            // a transaction) would otherwise leave the command waiting with nothing on screen.
            conn.execute_batch("BEGIN IMMEDIATE; ROLLBACK;").map_err(|err| match e(err) {
                StoreError::Busy { path, .. } => StoreError::Busy { path, waited: OPEN_WAIT },
                other => other,
            })?;
        }
        conn.pragma_update(None, "foreign_keys", true).map_err(e)?;
        // Reading the whole cards table for the queue is faster from a memory map than through
        // read() calls into SQLite's page cache.
        conn.pragma_update(None, "mmap_size", 256i64 << 20).map_err(e)?;

        let mut store = Store { conn, path, created: !existed };
        if version < known {
            if existed && version > 0 {
                store.backup(BackupReason::BeforeUpgrade, now)?;
            }
            store.migrate(migrations)?;
        }
        // Once open, a write waits for other recall processes (their transactions are short).
        store.conn.busy_timeout(BUSY_TIMEOUT).map_err(|err| store.err(err))?;
        if mode == Mode::Read {
            // A reader's connection refuses writes: a bug cannot change the file.
            store.conn.pragma_update(None, "query_only", true).map_err(|err| store.err(err))?;
        }
        Ok(store)
    }

    /// An empty store in memory, for a reader when there is no progress file: every query
    /// works and answers "nothing yet", and nothing is created on disk. Writes are refused.
    fn empty(path: PathBuf, migrations: &[&str]) -> Result<Store, StoreError> {
        let e = |err| StoreError::opening(&path, err);
        let mut conn = Connection::open_in_memory().map_err(e)?;
        schema::apply(&mut conn, migrations).map_err(e)?;
        conn.pragma_update(None, "query_only", true).map_err(e)?;
        Ok(Store { conn, path, created: true })
    }

    /// Applies the missing migrations in one transaction. The version is read again inside
    /// the write lock, so two processes opening an old file at once migrate it once.
    fn migrate(&mut self, migrations: &[&str]) -> Result<(), StoreError> {
        let path = self.path.clone();
        schema::apply(&mut self.conn, migrations).map_err(|err| StoreError::sqlite(&path, err))
    }

    /// Whether the file did not exist (or was empty) before this store was opened: a reader
    /// sees an empty store in memory then, and a backup of it would hold nothing.
    pub fn is_new(&self) -> bool {
        self.created
    }

    /// The progress file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The schema version of the open file.
    pub fn schema_version(&self) -> Result<i64, StoreError> {
        self.conn.pragma_query_value(None, "user_version", |r| r.get(0)).map_err(|e| self.err(e))
    }

    /// Reads every page of the file and checks its structure (SQLite's `quick_check`, about a
    /// second for a million reviews): done before every backup, so that a damaged file never
    /// replaces a good backup. A damaged file is noted, so the next run checks it before it
    /// writes.
    pub fn check_whole(&self) -> Result<(), StoreError> {
        match health::quick_check(&self.conn).map_err(|e| self.err(e))? {
            Ok(()) => Ok(()),
            Err(detail) => {
                health::note(&self.path, &detail);
                let found =
                    if self.conn.total_changes() == 0 { Found::Opening } else { Found::Working };
                Err(StoreError::Damaged { path: self.path.clone(), detail, found })
            }
        }
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
}

#[cfg(test)]
mod tests;
