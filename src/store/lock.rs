//! The study-session lock: one interactive session per data folder at a time.
//!
//! SQLite (WAL mode, busy timeout) already keeps two processes from corrupting the file or
//! losing answers, but two interactive sessions on one collection would show each other's cards
//! and confuse undo, so a session holds an exclusive OS lock on `recall.lock` (`flock` on Unix,
//! `LockFileEx` on Windows, through std's `File::try_lock`). The OS drops the lock when the
//! process ends, even on a crash, so a stale lock file never blocks anyone. The file holds the
//! holder's pid, for the message.

use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use super::StoreError;

/// Held while a session runs; dropping it releases the lock.
#[derive(Debug)]
pub struct SessionLock {
    _file: File,
    path: PathBuf,
}

impl SessionLock {
    pub fn path(&self) -> &Path {
        &self.path
    }
}

pub(crate) fn acquire(path: &Path) -> Result<SessionLock, StoreError> {
    let err = |source| StoreError::Lock { path: path.to_path_buf(), source };
    let mut file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)
        .map_err(err)?;
    match file.try_lock() {
        Ok(()) => {}
        Err(std::fs::TryLockError::WouldBlock) => {
            let mut text = String::new();
            // The holder's pid is only for the message; an unreadable file still means "locked".
            let _ = file.read_to_string(&mut text);
            let holder = match text.trim().parse::<u32>() {
                Ok(pid) => format!("pid {pid}"),
                Err(_) => "pid unknown".to_owned(),
            };
            return Err(StoreError::SessionRunning { holder, path: path.to_path_buf() });
        }
        Err(std::fs::TryLockError::Error(e)) => return Err(err(e)),
    }
    file.set_len(0).map_err(err)?;
    file.seek(SeekFrom::Start(0)).map_err(err)?;
    writeln!(file, "{}", std::process::id()).map_err(err)?;
    file.flush().map_err(err)?;
    Ok(SessionLock { _file: file, path: path.to_path_buf() })
}
