//! What can go wrong with the progress file, each message naming the file. The store never
//! repairs, recreates or overwrites a file it cannot read: the learner's history is worth more
//! than a working session.

use std::io;
use std::path::PathBuf;

use crate::settings::SettingError;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot create the data folder {}: {source}", path.display())]
    CreateDir { path: PathBuf, source: io::Error },
    #[error("cannot open {}: {source}", path.display())]
    Unreadable { path: PathBuf, source: rusqlite::Error },
    #[error(
        "{} is not a recall progress file (not an SQLite database); it was left untouched: move it away or use another --data-dir",
        path.display()
    )]
    NotADatabase { path: PathBuf },
    #[error(
        "{} is corrupt ({detail}); it was left untouched: restore a backup or move it away",
        path.display()
    )]
    Corrupt { path: PathBuf, detail: String },
    #[error(
        "{} was written by a newer recall (schema version {found}; this recall knows up to {known}): upgrade recall to use it",
        path.display()
    )]
    NewerSchema { path: PathBuf, found: i64, known: i64 },
    #[error(
        "{} is an SQLite database but not a recall progress file; it was left untouched",
        path.display()
    )]
    Foreign { path: PathBuf },
    #[error("cannot back up {} to {} before upgrading it: {source}", path.display(), backup.display())]
    Backup { path: PathBuf, backup: PathBuf, source: rusqlite::Error },
    #[error("database error in {}: {source}", path.display())]
    Sqlite { path: PathBuf, source: rusqlite::Error },
    #[error("{} holds a value recall cannot read: {detail}", path.display())]
    BadData { path: PathBuf, detail: String },
    #[error("another recall session is running ({holder}); finish it first (lock file {})", path.display())]
    SessionRunning { holder: String, path: PathBuf },
    #[error("cannot lock {}: {source}", path.display())]
    Lock { path: PathBuf, source: io::Error },
    #[error(transparent)]
    Setting(#[from] SettingError),
    #[error("cannot undo the answer to {card}: it was answered again since")]
    UndoConflict { card: String },
}

impl StoreError {
    /// Classifies an SQLite error on `path`: damage and foreign files get their own messages.
    pub(crate) fn sqlite(path: &std::path::Path, source: rusqlite::Error) -> StoreError {
        use rusqlite::ErrorCode as C;
        let path = path.to_path_buf();
        match source.sqlite_error_code() {
            Some(C::NotADatabase) => StoreError::NotADatabase { path },
            Some(C::DatabaseCorrupt) => StoreError::Corrupt { path, detail: source.to_string() },
            Some(C::CannotOpen | C::PermissionDenied | C::ReadOnly) => {
                StoreError::Unreadable { path, source }
            }
            _ => StoreError::Sqlite { path, source },
        }
    }
}
