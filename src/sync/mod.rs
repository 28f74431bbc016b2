//! Sync between devices through a shared folder: the review log travels, never the store.
//!
//! recall's progress is a function of its history, so what devices share is the history, as
//! events ([`event`]): answers, finished sessions and papers, undos, resets, settings and
//! fitted parameters. Each device appends only to its own files in the sync folder
//! (`log/<device>/<YYYY-MM>.jsonl`, [`log`]), so two devices never write the same file and a
//! merge cannot conflict. The folder is a clone of any git remote ([`git`]) or a plain folder
//! another program keeps in step (Syncthing, Dropbox). The SQLite store stays local.
//!
//! One sync ([`sync`]): pull (git), read every other device's lines, then in one store
//! transaction stage this device's new events, apply the other devices' new events (union by
//! id) and replay every card that changed ([`crate::store::Store::sync_merge`]); then append
//! this device's lines (fsynced), commit and push (git; a rejected push is retried once after
//! a pull).
//!
//! Merge rules (docs/sync.md):
//! - union by event id; an event already known is never applied twice;
//! - a card's state is the replay of its answers with the learner's FSRS parameters, ordered
//!   by *order time*, then device id, then the device's sequence number. An answer's order time
//!   is its own time, or one second after the latest order time of the answers to that card
//!   its device had seen when it answered if that is later: a device whose clock runs behind
//!   cannot put an answer before one it had already seen. The replay uses each answer's own
//!   time for intervals, as the session that recorded it did;
//! - an undo voids its event (an answer voided is never stored, wherever it arrives first);
//! - a reset starts the card afresh at its time; cards whose fact is gone stay as orphans;
//! - settings and fitted parameters: the latest (by time, then device and sequence) wins.
//!
//! Safety: nothing rewrites or deletes a log line; the store transaction is all or nothing and
//! the lines it staged stay in the store until they are in the file, so a sync killed at any
//! point is completed by the next one; one sync at a time per data folder ([`SyncLock`]),
//! and never while a study session runs (a sync moves cards the session schedules). A store
//! restored from a backup takes its own device's missing events back from its files and
//! numbers new ones after them (see [`crate::store::Store::sync_merge`]).

pub mod event;
pub mod git;
pub mod log;

use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use jiff::Timestamp;

use crate::store::{MergeCounts, Store};

/// The clone of a git remote, inside the data folder.
pub const GIT_DIR: &str = "sync";
/// The lock file of a sync, inside the data folder.
pub const LOCK_FILE: &str = "sync.lock";

/// Where this device syncs to (kept in the store's `sync_state` as `target`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// A git remote (URL or path), cloned into `<data>/sync`.
    Git(String),
    /// A folder another program keeps in step.
    Folder(PathBuf),
}

impl Target {
    pub fn to_text(&self) -> String {
        match self {
            Target::Git(remote) => format!("git:{remote}"),
            Target::Folder(dir) => format!("folder:{}", dir.display()),
        }
    }

    pub fn from_text(text: &str) -> Option<Target> {
        if let Some(remote) = text.strip_prefix("git:") {
            Some(Target::Git(remote.to_owned()))
        } else {
            text.strip_prefix("folder:").map(|dir| Target::Folder(PathBuf::from(dir)))
        }
    }

    /// As the learner gave it.
    pub fn show(&self) -> String {
        match self {
            Target::Git(remote) => remote.clone(),
            Target::Folder(dir) => dir.display().to_string(),
        }
    }
}

/// A point at which a test stops the sync as `kill -9` would (`RECALL_SYNC_CRASH`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CrashAt {
    /// After the store transaction, before any line is written.
    Merged,
    /// After the lines are written, before the store hears of it.
    Written,
    /// After the commit, before the push.
    Committed,
}

impl CrashAt {
    pub fn from_name(name: &str) -> Option<CrashAt> {
        match name {
            "merged" => Some(CrashAt::Merged),
            "written" => Some(CrashAt::Written),
            "committed" => Some(CrashAt::Committed),
            _ => None,
        }
    }
}

/// Held while a sync runs; the OS drops it when the process ends, even on a crash.
#[derive(Debug)]
pub struct SyncLock {
    _file: File,
}

#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error("another `recall sync` is running ({holder}); wait for it to finish")]
    Running { holder: String },
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error(transparent)]
    Git(#[from] git::GitError),
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
}

impl SyncLock {
    /// Takes the sync lock of the data folder `dir`.
    pub fn acquire(dir: &Path) -> Result<SyncLock, SyncError> {
        let path = dir.join(LOCK_FILE);
        let io = |source| SyncError::Io { path: path.clone(), source };
        std::fs::create_dir_all(dir).map_err(io)?;
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(io)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                let mut text = String::new();
                let _ = file.read_to_string(&mut text);
                let holder = match text.trim().parse::<u32>() {
                    Ok(pid) => format!("pid {pid}"),
                    Err(_) => "pid unknown".to_owned(),
                };
                return Err(SyncError::Running { holder });
            }
            Err(std::fs::TryLockError::Error(e)) => return Err(io(e)),
        }
        file.set_len(0).map_err(io)?;
        file.seek(SeekFrom::Start(0)).map_err(io)?;
        writeln!(file, "{}", std::process::id()).map_err(io)?;
        Ok(SyncLock { _file: file })
    }
}

/// What one sync did.
#[derive(Debug, Default)]
pub struct Report {
    pub merge: MergeCounts,
    /// This device's lines appended to its log now.
    pub written: u64,
    /// This device's events that reached the other devices now: those written now and those
    /// an earlier sync wrote but could not push (offline, or cut off after its commit).
    pub sent: u64,
    /// Lines of a newer recall, skipped: file, line, format version.
    pub newer: Vec<(PathBuf, usize, u32)>,
    /// Lines that are no event, skipped: file, line, why.
    pub damaged: Vec<(PathBuf, usize, String)>,
    /// The push was rejected once and done again after a pull.
    pub retried: bool,
}

/// The sync folder of `target` for the data folder `data`.
pub fn folder(target: &Target, data: &Path) -> PathBuf {
    match target {
        Target::Git(_) => data.join(GIT_DIR),
        Target::Folder(dir) => dir.clone(),
    }
}

/// One sync (see the module's documentation). The caller holds [`SyncLock`] and the store's
/// session lock; `now` and `tz` write the events' times.
pub fn sync(
    store: &mut Store,
    data: &Path,
    now: Timestamp,
    tz: &jiff::tz::TimeZone,
    crash: Option<CrashAt>,
) -> Result<Report, SyncError> {
    let target =
        store.sync_value("target")?.and_then(|t| Target::from_text(&t)).ok_or_else(|| {
            SyncError::Io {
                path: data.to_path_buf(),
                source: std::io::Error::other("sync is not set up"),
            }
        })?;
    let device = store.sync_device(now)?;
    let root = folder(&target, data);
    let repo = match &target {
        Target::Git(_) => Some(git::Repo::new(root.clone())),
        Target::Folder(_) => None,
    };
    let mut report = Report::default();
    let mut pulled: Result<(), git::GitError> = Ok(());
    for attempt in 0..2 {
        if let (Some(repo), Target::Git(remote)) = (&repo, &target) {
            repo.recover()?;
            // Offline: still merge what is here and commit; the error is said at the end.
            pulled = repo.fetch(remote).and_then(|()| repo.merge());
        }
        let logs = log::read_all(&root, &device)
            .map_err(|source| SyncError::Io { path: root.clone(), source })?;
        let in_files = logs.own.last().copied().unwrap_or(0);
        let merged = store.sync_merge(&device, &logs.events, in_files, now, tz)?;
        accumulate(&mut report.merge, &merged);
        report.newer = logs.newer;
        report.damaged = logs.damaged;
        if crash == Some(CrashAt::Merged) {
            std::process::abort();
        }
        report.written += write_own(store, &root, &device, &logs.own, now, tz, crash)?;
        let Some(repo) = &repo else {
            store.set_sync_value("pushed-seq", &max_seq(store, &device)?.to_string())?;
            // Lines in a shared folder are sent when written.
            report.sent = report.written;
            break;
        };
        let Target::Git(remote) = &target else { break };
        let own = Path::new(log::LOG_DIR).join(&device);
        let committed = repo.commit(&own, &format!("recall: events of device {device}"))?;
        let _ = committed;
        if crash == Some(CrashAt::Committed) {
            std::process::abort();
        }
        pulled.as_ref().map_err(|e| clone_error(e, remote))?;
        // What the push sends, counted before it: an earlier sync's lines left unpushed
        // (offline, or cut off after its commit) go now too.
        let unpushed = repo.unpushed_lines(&own)?;
        if !repo.ahead()? || repo.push(remote)? {
            store.set_sync_value("pushed-seq", &max_seq(store, &device)?.to_string())?;
            report.sent = unpushed;
            break;
        }
        if attempt == 1 {
            return Err(git::GitError::Refused {
                remote: remote.clone(),
                detail: "rejected twice: another device pushed at the same moment".into(),
            }
            .into());
        }
        report.retried = true;
    }
    store.set_sync_value("last-sync", &now.to_string())?;
    Ok(report)
}

fn clone_error(e: &git::GitError, remote: &str) -> git::GitError {
    match e {
        git::GitError::Unreachable { detail, .. } => {
            git::GitError::Unreachable { remote: remote.to_owned(), detail: detail.clone() }
        }
        other => git::GitError::Failed { command: "pull".into(), detail: other.to_string() },
    }
}

fn accumulate(total: &mut MergeCounts, more: &MergeCounts) {
    total.staged += more.staged;
    total.applied += more.applied;
    total.answers += more.answers;
    total.sessions += more.sessions;
    total.resets += more.resets;
    total.undos += more.undos;
    total.settings += more.settings;
    total.cards += more.cards;
    total.parameters |= more.parameters;
}

fn max_seq(store: &Store, device: &str) -> Result<u64, SyncError> {
    Ok(store.sync_max_seq(device)?)
}

/// Appends this device's staged lines that are not in its files yet (`own`: the sequence
/// numbers there), then tells the store they are written. Returns how many were appended.
fn write_own(
    store: &mut Store,
    root: &Path,
    device: &str,
    own: &std::collections::BTreeSet<u64>,
    now: Timestamp,
    tz: &jiff::tz::TimeZone,
    crash: Option<CrashAt>,
) -> Result<u64, SyncError> {
    let staged = store.sync_unwritten(device)?;
    if staged.is_empty() {
        return Ok(0);
    }
    let lines: Vec<String> =
        staged.iter().filter(|(seq, _)| !own.contains(seq)).map(|(_, l)| l.clone()).collect();
    let month = now.to_zoned_datetime(tz.clone()).strftime("%Y-%m").to_string();
    let file = log::own_file(device, &month);
    log::append(root, &file, &lines)
        .map_err(|source| SyncError::Io { path: root.join(&file), source })?;
    if crash == Some(CrashAt::Written) {
        std::process::abort();
    }
    let seqs: Vec<u64> = staged.iter().map(|(seq, _)| *seq).collect();
    store.sync_written(device, &seqs)?;
    Ok(lines.len() as u64)
}
