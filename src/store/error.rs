//! What can go wrong with the progress file, each message naming the file. The store never
//! repairs, recreates or overwrites a file it cannot read: the learner's history is worth more
//! than a working session.
//!
//! Each message says its cause once: a variant that words an SQLite error keeps that error as a
//! plain field, not as its `source`, so that the reporter's chain of causes ends with our words
//! (rusqlite's own source is the code's description, "Error code 5: The database file is
//! locked", which would say it a second time).

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use crate::settings::SettingError;

/// How to get a damaged progress file's answers back, said with every damage message: the
/// commands on lines of their own, ready to copy.
fn recovery(path: &Path) -> String {
    format!(
        "To get your progress back, restore a backup (`recall backup list`, then \
         `recall backup restore N`), or rescue what can still be read:\n    \
         sqlite3 {} .recover | sqlite3 fixed.sqlite3\n    recall backup restore fixed.sqlite3",
        shell_quoted(path)
    )
}

/// `path` as a POSIX shell word: as it is when it is plain, else in single quotes.
fn shell_quoted(path: &Path) -> String {
    let text = path.display().to_string();
    let plain = |c: char| c.is_ascii_alphanumeric() || "/._-+:,@%".contains(c);
    if !text.is_empty() && text.chars().all(plain) {
        text
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}

/// When the damage showed, which decides what can truthfully be said about the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Found {
    /// While the file was opened and checked, before this run wrote anything.
    Opening,
    /// Later, at a query: what this run saved before is in the file (an answer is whole or
    /// absent), and nothing is written after.
    Working,
}

impl fmt::Display for Found {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Found::Opening => "recall has written nothing to it",
            Found::Working => "recall writes nothing more to it",
        })
    }
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot create the data folder {}: {source}", path.display())]
    CreateDir { path: PathBuf, source: io::Error },
    #[error("cannot open {}: {error}", path.display())]
    Unreadable { path: PathBuf, error: rusqlite::Error },
    #[error(
        "{} is not a recall progress file (not an SQLite database); {found}. If it is not \
         yours, move it away or use another --data-dir. If it was your progress file, it is \
         damaged. {}",
        path.display(), recovery(path)
    )]
    NotADatabase { path: PathBuf, found: Found },
    #[error("{} is damaged ({detail}); {found}.\n{}", path.display(), recovery(path))]
    Damaged { path: PathBuf, detail: String, found: Found },
    #[error(
        "{} was written by a newer recall (schema version {found}; this recall knows up to {known}): upgrade recall to use it",
        path.display()
    )]
    NewerSchema { path: PathBuf, found: i64, known: i64 },
    #[error(
        "{} is an SQLite database but not a recall progress file; recall has written nothing to it",
        path.display()
    )]
    Foreign { path: PathBuf },
    #[error(
        "another program is writing to {} and holds it locked (an sqlite3 shell, a sync tool, or a recall import that is still running); recall waited {} s: close that program or let it finish, then try again",
        path.display(), waited.as_secs_f32()
    )]
    Busy { path: PathBuf, waited: std::time::Duration },
    #[error(
        "cannot write to {} ({detail}): the disk is full or refused the write; nothing of that \
         write was kept, and what was saved before it is whole. Free some space and try again",
        path.display()
    )]
    Full { path: PathBuf, detail: String },
    #[error("database error in {}: {error}", path.display())]
    Sqlite { path: PathBuf, error: rusqlite::Error },
    #[error("{} holds a value recall cannot read: {detail}", path.display())]
    BadData { path: PathBuf, detail: String },
    #[error("another recall session is running ({holder}); finish it first (lock file {})", path.display())]
    SessionRunning { holder: String, path: PathBuf },
    #[error("cannot lock {}: {source}", path.display())]
    Lock { path: PathBuf, source: io::Error },
    #[error("cannot back up {}: {cause}", path.display())]
    Backup { path: PathBuf, backup: PathBuf, cause: Box<StoreError> },
    #[error("cannot {action} {}: {source}", path.display())]
    File { action: &'static str, path: PathBuf, source: io::Error },
    #[error("{0}")]
    Restore(String),
    #[error(transparent)]
    Setting(#[from] SettingError),
    #[error("cannot undo the answer to {card}: it was answered again since")]
    UndoConflict { card: String },
}

/// SQLITE_IOERR_WRITE, _FSYNC, _TRUNCATE, _SHMSIZE: the system refused to write or grow a
/// file.
fn is_write_error(error: &rusqlite::Error) -> bool {
    use rusqlite::ffi;
    match error {
        rusqlite::Error::SqliteFailure(e, _) => matches!(
            e.extended_code,
            ffi::SQLITE_IOERR_WRITE
                | ffi::SQLITE_IOERR_FSYNC
                | ffi::SQLITE_IOERR_TRUNCATE
                | ffi::SQLITE_IOERR_SHMSIZE
        ),
        _ => false,
    }
}

impl StoreError {
    /// Classifies an SQLite error on `path` met while working on an open file: damage, a full
    /// disk and a lock held by another program get their own messages. Damage is looked at
    /// closely first (SQLite's full `integrity_check`, on a connection of its own) and noted
    /// beside the file, so that the next run checks the whole file before it writes.
    pub(crate) fn sqlite(path: &Path, error: rusqlite::Error) -> StoreError {
        StoreError::classify(path, error, Found::Working)
    }

    /// [`StoreError::sqlite`] for an error met while opening and checking the file, before
    /// anything was written.
    pub(crate) fn opening(path: &Path, error: rusqlite::Error) -> StoreError {
        StoreError::classify(path, error, Found::Opening)
    }

    fn classify(path: &Path, error: rusqlite::Error, found: Found) -> StoreError {
        use rusqlite::ErrorCode as C;
        let path = path.to_path_buf();
        match error.sqlite_error_code() {
            Some(C::NotADatabase) => StoreError::NotADatabase { path, found },
            Some(C::DatabaseCorrupt) => {
                let detail = super::health::diagnose(&path, &error.to_string());
                StoreError::Damaged { path, detail, found }
            }
            Some(C::DatabaseBusy) => StoreError::Busy { path, waited: super::BUSY_TIMEOUT },
            // A full disk is SQLITE_FULL; a file-size limit (RLIMIT_FSIZE) or a failing disk
            // is a write error, which SQLite cannot tell apart from it.
            Some(C::DiskFull) => StoreError::Full { path, detail: error.to_string() },
            Some(C::SystemIoFailure) if is_write_error(&error) => {
                StoreError::Full { path, detail: error.to_string() }
            }
            Some(C::CannotOpen | C::PermissionDenied | C::ReadOnly) => {
                StoreError::Unreadable { path, error }
            }
            _ => StoreError::Sqlite { path, error },
        }
    }

    /// Whether the file itself is damaged or not a database: nothing may be written to it.
    pub fn is_damage(&self) -> bool {
        matches!(self, StoreError::Damaged { .. } | StoreError::NotADatabase { .. })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_in_commands_are_quoted_for_the_shell_when_needed() {
        assert_eq!(
            shell_quoted(Path::new("/home/a/.local/share/recall/recall.sqlite3")),
            "/home/a/.local/share/recall/recall.sqlite3"
        );
        assert_eq!(shell_quoted(Path::new("/My Data/recall.sqlite3")), "'/My Data/recall.sqlite3'");
        assert_eq!(shell_quoted(Path::new("/it's/r")), r"'/it'\''s/r'");
    }
}
