//! Rolling backups of the progress file, in the `backups` folder beside it.
//!
//! A backup is a consistent copy made with SQLite's online backup API while the file is in
//! use, checked whole first ([`health::quick_check`]): a damaged file is never copied, so it
//! can never push a good backup out of the rotation. Backups are made
//! - once a day, by the first command of the day that writes ([`Store::daily_backup`]): the
//!   state before the day's answers;
//! - before an upgrade of the file's format, before an import of history, and of the current
//!   file before a restore;
//! - when the learner asks (`recall backup now`).
//!
//! Each is a plain SQLite file named by when and why it was made,
//! `recall-2026-11-30-0915-daily.sqlite3`, in rollback-journal mode, so that reading it
//! (`recall backup list`, `sqlite3`) creates nothing beside it. recall keeps the
//! [`KEEP_DAILY`] newest daily backups and the [`KEEP_OTHER`] newest of the others; a damaged
//! file moved aside by a restore (`…-damaged.sqlite3`) is never deleted.
//!
//! [`restore`] puts a backup (or any recall progress file, such as one rescued with SQLite's
//! `.recover`) in place of the current file, under the session lock, after keeping the
//! current file: a whole one as a backup, a damaged one moved aside as it is.

use std::path::{Path, PathBuf};

use jiff::ZonedDateTime;
use jiff::civil::DateTime;
use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags};

use super::{FILE_NAME, LOCK_FILE_NAME, Mode, Store, StoreError, health, lock, schema};

/// The folder of backups, inside the data folder.
pub const BACKUP_DIR: &str = "backups";
/// Daily backups kept: a week of study days to notice a mistake.
pub const KEEP_DAILY: usize = 7;
/// Backups kept that were made for a reason (an upgrade, an import, a restore, by hand).
pub const KEEP_OTHER: usize = 5;

/// Why a backup was made; part of its file name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum BackupReason {
    /// The first command of the day that writes.
    Daily,
    /// Before an import of review history.
    BeforeImport,
    /// Before the file's format was upgraded by a newer recall.
    BeforeUpgrade,
    /// The file that a restore replaced.
    BeforeRestore,
    /// `recall backup now`.
    ByHand,
    /// A damaged file a restore moved aside, as it was (never deleted by recall).
    Damaged,
}

impl BackupReason {
    const ALL: [BackupReason; 6] = [
        BackupReason::Daily,
        BackupReason::BeforeImport,
        BackupReason::BeforeUpgrade,
        BackupReason::BeforeRestore,
        BackupReason::ByHand,
        BackupReason::Damaged,
    ];

    /// The word in the file name and in `recall backup list`.
    pub fn as_str(self) -> &'static str {
        match self {
            BackupReason::Daily => "daily",
            BackupReason::BeforeImport => "before-import",
            BackupReason::BeforeUpgrade => "before-upgrade",
            BackupReason::BeforeRestore => "before-restore",
            BackupReason::ByHand => "by-hand",
            BackupReason::Damaged => "damaged",
        }
    }

    /// How many of this kind are kept (`None`: all).
    fn keep(self) -> Option<usize> {
        match self {
            BackupReason::Daily => Some(KEEP_DAILY),
            BackupReason::Damaged => None,
            _ => Some(KEEP_OTHER),
        }
    }

    /// Kinds that share one rotation.
    fn pool(self) -> u8 {
        match self {
            BackupReason::Daily => 0,
            BackupReason::Damaged => 2,
            _ => 1,
        }
    }
}

/// One backup in the backups folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BackupFile {
    pub path: PathBuf,
    /// When it was made, in the learner's local time.
    pub made: DateTime,
    pub reason: BackupReason,
    /// Tells apart backups made in the same minute (1, 2, ...).
    pub serial: u32,
    pub bytes: u64,
}

impl BackupFile {
    /// The backup at `path`, if it is one of ours (by its name).
    pub fn at(path: &Path) -> Option<BackupFile> {
        BackupFile::parse(path)
    }

    /// Reads a backup's name: `recall-YYYY-MM-DD-HHMM-REASON[-N].sqlite3`.
    fn parse(path: &Path) -> Option<BackupFile> {
        let name = path.file_name()?.to_str()?;
        let stem = name.strip_prefix("recall-")?.strip_suffix(".sqlite3")?;
        let (date, rest) = (stem.get(..10)?, stem.get(10..)?);
        let (hhmm, rest) = (rest.strip_prefix('-')?.get(..4)?, rest.get(5..)?);
        let rest = rest.strip_prefix('-')?;
        let (reason, serial) = BackupReason::ALL.iter().find_map(|r| {
            let tail = rest.strip_prefix(r.as_str())?;
            match tail.strip_prefix('-') {
                None if tail.is_empty() => Some((*r, 1)),
                Some(n) => n.parse::<u32>().ok().filter(|n| *n > 1).map(|n| (*r, n)),
                None => None,
            }
        })?;
        let made = format!("{date}T{}:{}", hhmm.get(..2)?, hhmm.get(2..)?).parse().ok()?;
        let bytes = std::fs::metadata(path).ok()?.len();
        Some(BackupFile { path: path.to_path_buf(), made, reason, serial, bytes })
    }

    fn name(made: DateTime, reason: BackupReason, serial: u32) -> String {
        let when = made.strftime("%Y-%m-%d-%H%M");
        match serial {
            1 => format!("recall-{when}-{}.sqlite3", reason.as_str()),
            n => format!("recall-{when}-{}-{n}.sqlite3", reason.as_str()),
        }
    }
}

/// What a backup holds, for choosing one to restore.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BackupContents {
    /// Answers (reviews) in it.
    pub answers: u64,
    /// The time of the newest answer.
    pub last_answer: Option<jiff::Timestamp>,
}

impl BackupFile {
    /// Reads how many answers the backup holds and when the last was given, read-only and
    /// creating nothing beside it. `None` for a damaged file moved aside, and for a file that
    /// cannot be read as a recall file.
    pub fn contents(&self) -> Option<BackupContents> {
        if self.reason == BackupReason::Damaged {
            return None;
        }
        let conn = open_read_only(&self.path).ok()?;
        let (answers, last): (i64, Option<i64>) = conn
            .query_row("SELECT count(*), max(time) FROM reviews", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .ok()?;
        Some(BackupContents {
            answers: u64::try_from(answers).unwrap_or(0),
            last_answer: last.and_then(|t| jiff::Timestamp::from_second(t).ok()),
        })
    }
}

/// The backups in `data_dir`, newest first (as `recall backup list` numbers them).
pub fn list_backups(data_dir: &Path) -> Result<Vec<BackupFile>, StoreError> {
    let dir = data_dir.join(BACKUP_DIR);
    let entries = match std::fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(source) => return Err(StoreError::File { action: "read", path: dir, source }),
    };
    let mut found: Vec<BackupFile> =
        entries.filter_map(|e| e.ok()).filter_map(|e| BackupFile::parse(&e.path())).collect();
    found.sort_by_key(|b| std::cmp::Reverse((b.made, b.serial)));
    Ok(found)
}

/// The first free name for a backup made at `made` for `reason`.
fn free_name(dir: &Path, made: DateTime, reason: BackupReason) -> PathBuf {
    (1..)
        .map(|serial| dir.join(BackupFile::name(made, reason, serial)))
        .find(|p| !p.exists() && !with_suffix(p, "-wal").exists())
        .unwrap_or_else(|| dir.join(BackupFile::name(made, reason, u32::MAX)))
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push(suffix);
    PathBuf::from(name)
}

/// Deletes the oldest backups of `reason`'s rotation beyond what is kept.
fn prune(data_dir: &Path, reason: BackupReason) -> Result<(), StoreError> {
    let Some(keep) = reason.keep() else { return Ok(()) };
    let old = list_backups(data_dir)?.into_iter().filter(|b| b.reason.pool() == reason.pool());
    for backup in old.skip(keep) {
        std::fs::remove_file(&backup.path).map_err(|source| StoreError::File {
            action: "delete the old backup",
            path: backup.path.clone(),
            source,
        })?;
    }
    Ok(())
}

impl Store {
    /// The day's backup, made by the first command of the day (`now`'s local date) that
    /// writes, before it writes; `None` if a backup of any kind was made today already, or if
    /// the file was created by this open (there is nothing to keep yet).
    pub fn daily_backup(&self, now: &ZonedDateTime) -> Result<Option<PathBuf>, StoreError> {
        if !self.daily_backup_due(now)? {
            return Ok(None);
        }
        self.backup(BackupReason::Daily, now).map(Some)
    }

    /// Whether [`Store::daily_backup`] would make a backup now.
    pub fn daily_backup_due(&self, now: &ZonedDateTime) -> Result<bool, StoreError> {
        if self.created {
            return Ok(false);
        }
        let data_dir = self.path.parent().unwrap_or(Path::new("."));
        let today = now.date();
        let made_today = list_backups(data_dir)?
            .iter()
            .any(|b| b.reason != BackupReason::Damaged && b.made.date() == today);
        Ok(!made_today)
    }

    /// Checks the whole file, then copies it into the backups folder (SQLite's online backup:
    /// a consistent snapshot while others may be writing) and deletes the oldest backups of
    /// the same rotation. A damaged file is refused ([`StoreError::Damaged`]) and noted, so
    /// that the next run checks it before writing too.
    pub fn backup(&self, reason: BackupReason, now: &ZonedDateTime) -> Result<PathBuf, StoreError> {
        let target = self.backup_unpruned(reason, now)?;
        prune(self.path.parent().unwrap_or(Path::new(".")), reason)?;
        Ok(target)
    }

    /// [`Store::backup`] without deleting old backups (a restore deletes them only once the
    /// backup it restores has been read).
    fn backup_unpruned(
        &self,
        reason: BackupReason,
        now: &ZonedDateTime,
    ) -> Result<PathBuf, StoreError> {
        self.check_whole()?;
        let data_dir = self.path.parent().unwrap_or(Path::new("."));
        let dir = data_dir.join(BACKUP_DIR);
        std::fs::create_dir_all(&dir)
            .map_err(|source| StoreError::CreateDir { path: dir.clone(), source })?;
        let target = free_name(&dir, now.datetime(), reason);
        copy(&self.conn, &target).map_err(|cause| StoreError::Backup {
            path: self.path.clone(),
            backup: target.clone(),
            cause: Box::new(cause),
        })?;
        Ok(target)
    }
}

/// The hidden temporary file a backup is written to before it gets its name.
fn temporary(target: &Path) -> PathBuf {
    target.with_file_name(format!(
        ".{}.tmp",
        target.file_name().unwrap_or_default().to_string_lossy()
    ))
}

/// How old a temporary backup file must be before another run deletes it: older than any
/// backup takes, so that one being written by another recall right now is left alone.
const STALE: std::time::Duration = std::time::Duration::from_secs(3600);

/// Deletes temporary backup files that a killed run left behind (a failed copy deletes its
/// own). By their age on the system clock, since that is the clock their times are in.
fn sweep(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.filter_map(|e| e.ok()) {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let ours = name.starts_with(".recall-")
            && (name.ends_with(".sqlite3.tmp") || name.ends_with(".sqlite3.tmp-journal"));
        let stale = entry
            .metadata()
            .and_then(|m| m.modified())
            .is_ok_and(|t| t.elapsed().is_ok_and(|age| age > STALE));
        if ours && stale {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Copies the database of `from` to `target` through a hidden temporary file beside it, so
/// that a copy cut short (a full disk, a kill) never looks like a backup.
fn copy(from: &Connection, target: &Path) -> Result<(), StoreError> {
    if let Some(dir) = target.parent() {
        sweep(dir);
    }
    let tmp = temporary(target);
    let result = copy_into(from, &tmp, target).and_then(|()| {
        std::fs::rename(&tmp, target).map_err(|source| StoreError::File {
            action: "name the backup",
            path: target.to_path_buf(),
            source,
        })
    });
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
        let _ = std::fs::remove_file(with_suffix(&tmp, "-journal"));
    }
    result
}

fn copy_into(from: &Connection, tmp: &Path, target: &Path) -> Result<(), StoreError> {
    // Messages name the backup as the learner will see it, not its temporary name.
    let e = |err| StoreError::sqlite(target, err);
    let _ = std::fs::remove_file(tmp);
    let mut to = Connection::open(tmp).map_err(e)?;
    run(&Backup::new(from, &mut to).map_err(e)?).map_err(|err| match err {
        Some(err) => e(err),
        None => StoreError::Busy { path: target.to_path_buf(), waited: super::OPEN_WAIT },
    })?;
    // The copy carries the source's WAL flag; rollback-journal mode lets it be read
    // (read-only, by `recall backup list` or `sqlite3`) without -wal and -shm files appearing.
    to.pragma_update(None, "journal_mode", "DELETE").map_err(e)?;
    to.close().map_err(|(_, err)| e(err))
}

/// Copies every page in one step; `Err(None)` if the target was locked.
fn run(backup: &Backup<'_, '_>) -> Result<(), Option<rusqlite::Error>> {
    match backup.step(-1).map_err(Some)? {
        StepResult::Done => Ok(()),
        _ => Err(None),
    }
}

/// What [`restore`] did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Restored {
    /// The current file as it was before the restore: a backup of it, or the damaged file
    /// moved aside; `None` if there was no progress file.
    pub kept: Option<PathBuf>,
    /// What was restored.
    pub from: PathBuf,
}

/// Puts `source` (a backup, or any recall progress file) in place of the progress file in
/// `data_dir`. Refused while a study session or exam runs (the session lock), and if `source`
/// is damaged, not a recall file or from a newer recall. The current file is kept first: a
/// whole one as a `before-restore` backup, a damaged one moved into the backups folder as it
/// is. A restored file in an older format is upgraded by the next command, as any other.
pub fn restore(
    data_dir: &Path,
    source: &Path,
    now: &ZonedDateTime,
) -> Result<Restored, StoreError> {
    let from = check_restorable(source)?;
    let _session = lock::acquire(&data_dir.join(LOCK_FILE_NAME))?;
    let path = data_dir.join(FILE_NAME);
    let current = std::fs::metadata(&path).is_ok_and(|m| m.len() > 0);
    if !current {
        // Nothing to keep: the source becomes the progress file.
        std::fs::create_dir_all(data_dir)
            .map_err(|source| StoreError::CreateDir { path: data_dir.to_path_buf(), source })?;
        let mut to = Connection::open(&path).map_err(|e| StoreError::sqlite(&path, e))?;
        return restore_into(&from, source, &mut to, &path)
            .map(|()| Restored { kept: None, from: source.to_path_buf() });
    }
    match Store::open_at(data_dir, Mode::Write, now) {
        Ok(mut store) => {
            let kept = store.backup_unpruned(BackupReason::BeforeRestore, now)?;
            restore_into(&from, source, &mut store.conn, &path)?;
            prune(data_dir, BackupReason::BeforeRestore)?;
            Ok(Restored { kept: Some(kept), from: source.to_path_buf() })
        }
        Err(e) if e.is_damage() => {
            let kept = move_aside(data_dir, &path, now)?;
            let mut to = Connection::open(&path).map_err(|e| StoreError::sqlite(&path, e))?;
            restore_into(&from, source, &mut to, &path)?;
            to.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get::<_, String>(0))
                .map_err(|e| StoreError::sqlite(&path, e))?;
            Ok(Restored { kept: Some(kept), from: source.to_path_buf() })
        }
        Err(e) => Err(e),
    }
}

/// Opens `source` read-only and checks that it is a whole recall progress file this recall
/// can read.
fn check_restorable(source: &Path) -> Result<Connection, StoreError> {
    let refuse = |why: String| {
        StoreError::Restore(format!("{} cannot be restored: {why}", source.display()))
    };
    if !source.is_file() {
        return Err(refuse("there is no such file".into()));
    }
    if std::fs::metadata(source).is_ok_and(|m| m.len() == 0) {
        // What a rescue that failed leaves (`sqlite3 … .recover | sqlite3 fixed.sqlite3`).
        return Err(refuse("it is empty".into()));
    }
    let e = |err: rusqlite::Error| match StoreError::opening(source, err) {
        StoreError::NotADatabase { .. } => refuse("it is not an SQLite database".into()),
        StoreError::Damaged { detail, .. } => refuse(format!("it is damaged ({detail})")),
        other => other,
    };
    let conn = open_read_only(source).map_err(e)?;
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).map_err(e)?;
    let known = schema::MIGRATIONS.len() as i64;
    if version > known {
        return Err(refuse(format!(
            "it was written by a newer recall (schema version {version}; this recall knows up to {known})"
        )));
    }
    let expected =
        schema::objects(&schema::MIGRATIONS[..usize::try_from(version).unwrap_or(0)]).map_err(e)?;
    if version == 0 {
        return Err(refuse("it is not a recall progress file".into()));
    }
    match health::check_on_open(&conn, &expected).map_err(e)? {
        Ok(()) => {}
        Err(detail) => return Err(refuse(format!("it is damaged ({detail})"))),
    }
    if let Err(detail) = health::quick_check(&conn).map_err(e)? {
        return Err(refuse(format!("it is damaged ({detail})")));
    }
    Ok(conn)
}

/// Opens a file that is not the live progress file (a backup, a rescued copy) read-only, and
/// without creating `-wal` and `-shm` files beside it: as an immutable file unless it has a
/// write-ahead log of its own, whose answers belong to it (then SQLite needs those files).
fn open_read_only(path: &Path) -> rusqlite::Result<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    if std::fs::metadata(with_suffix(path, "-wal")).is_ok_and(|m| m.len() > 0) {
        return Connection::open_with_flags(path, flags);
    }
    let mut uri = String::from("file:");
    for c in path.to_string_lossy().chars() {
        match c {
            '%' | '?' | '#' => uri.push_str(&format!("%{:02X}", c as u32)),
            c => uri.push(c),
        }
    }
    uri.push_str("?immutable=1");
    Connection::open_with_flags(uri, flags | OpenFlags::SQLITE_OPEN_URI)
}

/// Copies `from` over the database of `to` (the progress file at `path`) in one step, under
/// the write lock: other readers see the old file or the new one, never a mix.
fn restore_into(
    from: &Connection,
    source: &Path,
    to: &mut Connection,
    path: &Path,
) -> Result<(), StoreError> {
    let e = |err| StoreError::sqlite(path, err);
    let backup = Backup::new(from, to).map_err(e)?;
    run(&backup).map_err(|err| match err {
        Some(err) => StoreError::Restore(format!(
            "cannot restore {} into {}: {err}",
            source.display(),
            path.display()
        )),
        None => StoreError::Busy { path: path.to_path_buf(), waited: super::OPEN_WAIT },
    })?;
    drop(backup);
    health::unmark(path);
    Ok(())
}

/// Moves a damaged progress file (and its write-ahead log, which belongs to it) into the
/// backups folder as it is, and forgets its shared-memory index.
fn move_aside(data_dir: &Path, path: &Path, now: &ZonedDateTime) -> Result<PathBuf, StoreError> {
    let dir = data_dir.join(BACKUP_DIR);
    std::fs::create_dir_all(&dir)
        .map_err(|source| StoreError::CreateDir { path: dir.clone(), source })?;
    let target = free_name(&dir, now.datetime(), BackupReason::Damaged);
    let wal = with_suffix(path, "-wal");
    if wal.exists() {
        std::fs::rename(&wal, with_suffix(&target, "-wal")).map_err(|source| StoreError::File {
            action: "move aside",
            path: wal.clone(),
            source,
        })?;
    }
    std::fs::rename(path, &target).map_err(|source| StoreError::File {
        action: "move aside",
        path: path.to_path_buf(),
        source,
    })?;
    let _ = std::fs::remove_file(with_suffix(path, "-shm"));
    health::unmark(path);
    Ok(target)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(time: &str) -> ZonedDateTime {
        format!("{time}+00:00[UTC]").parse().unwrap()
    }

    #[test]
    fn each_rotation_keeps_its_newest_and_nothing_else_is_deleted() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        store.set_setting("new-per-day", "5").unwrap();
        let backups = dir.path().join(BACKUP_DIR);
        std::fs::create_dir_all(&backups).unwrap();
        // Not ours, or a damaged file moved aside: never deleted.
        let kept = ["notes.txt", "recall-2026-01-01-0000-damaged.sqlite3"];
        for name in kept {
            std::fs::write(backups.join(name), "x").unwrap();
        }
        // A temporary file a killed run left an hour ago goes; one being written stays.
        let (old, new) = (".recall-old-daily.sqlite3.tmp", ".recall-new-daily.sqlite3.tmp");
        for name in [old, new] {
            std::fs::write(backups.join(name), "x").unwrap();
        }
        let two_hours = std::time::SystemTime::now() - std::time::Duration::from_secs(7200);
        std::fs::File::options()
            .write(true)
            .open(backups.join(old))
            .unwrap()
            .set_modified(two_hours)
            .unwrap();

        for day in 1..=9 {
            store.backup(BackupReason::Daily, &at(&format!("2026-02-{day:02}T08:00"))).unwrap();
        }
        for minute in 0..7 {
            let reason = [BackupReason::ByHand, BackupReason::BeforeImport][minute % 2];
            store.backup(reason, &at(&format!("2026-02-09T09:0{minute}"))).unwrap();
        }
        // Two in the same minute get told apart.
        store.backup(BackupReason::ByHand, &at("2026-02-09T09:06")).unwrap();

        let mut names: Vec<String> = std::fs::read_dir(&backups)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        let mut expected: Vec<String> = kept.iter().map(|s| s.to_string()).collect();
        expected.push(new.to_owned());
        expected.extend((3..=9).map(|d| format!("recall-2026-02-{d:02}-0800-daily.sqlite3")));
        expected.extend([
            "recall-2026-02-09-0903-before-import.sqlite3".to_owned(),
            "recall-2026-02-09-0904-by-hand.sqlite3".to_owned(),
            "recall-2026-02-09-0905-before-import.sqlite3".to_owned(),
            "recall-2026-02-09-0906-by-hand-2.sqlite3".to_owned(),
            "recall-2026-02-09-0906-by-hand.sqlite3".to_owned(),
        ]);
        expected.sort();
        assert_eq!(names, expected);
        // Newest first, the later of one minute before the earlier.
        let listed = list_backups(dir.path()).unwrap();
        assert_eq!(listed[0].path.file_name().unwrap(), "recall-2026-02-09-0906-by-hand-2.sqlite3");
        assert_eq!(listed[1].path.file_name().unwrap(), "recall-2026-02-09-0906-by-hand.sqlite3");
        // A backup is a whole progress file, in rollback-journal mode.
        let backup = Connection::open(&listed[0].path).unwrap();
        let mode: String = backup.pragma_query_value(None, "journal_mode", |r| r.get(0)).unwrap();
        let value: String = backup
            .query_row("SELECT value FROM settings WHERE key = 'new-per-day'", [], |r| r.get(0))
            .unwrap();
        assert_eq!((mode.as_str(), value.as_str()), ("delete", "5"));
    }

    #[test]
    fn names_are_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let made: DateTime = "2026-11-30T09:15".parse().unwrap();
        for (reason, serial) in [(BackupReason::Daily, 1), (BackupReason::BeforeImport, 3)] {
            let path = dir.path().join(BackupFile::name(made, reason, serial));
            std::fs::write(&path, "x").unwrap();
            let parsed = BackupFile::parse(&path).unwrap();
            assert_eq!((parsed.made, parsed.reason, parsed.serial), (made, reason, serial));
        }
        assert_eq!(
            BackupFile::name(made, BackupReason::BeforeImport, 3),
            "recall-2026-11-30-0915-before-import-3.sqlite3"
        );
        // Other files in the folder are not backups, and are never deleted.
        for other in ["notes.txt", "recall-2026-11-30-0915-daily.sqlite3-wal", "recall-x.sqlite3"] {
            let path = dir.path().join(other);
            std::fs::write(&path, "x").unwrap();
            assert_eq!(BackupFile::parse(&path), None, "{other}");
        }
    }
}
