//! `recall backup`: the daily backups over simulated days and their rotation, the backup before
//! an import of history, the list, and restoring: a backup, over a damaged file, a file from
//! elsewhere; refused while a session runs or when the file is not a whole recall file.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers panic on setup failure by design

use std::path::{Path, PathBuf};

use predicates::prelude::*;

use crate::support::Env;

fn day(n: u32) -> String {
    format!("2026-12-{n:02}T09:00:00Z")
}

/// The names in the backups folder, sorted (hidden temporary files included).
pub fn backups(env: &Env) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(env.data().join("backups")) else { return Vec::new() };
    let mut names: Vec<String> =
        entries.map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

fn backup(env: &Env, name: &str) -> PathBuf {
    env.data().join("backups").join(name)
}

fn file(env: &Env) -> PathBuf {
    env.data().join("recall.sqlite3")
}

/// A setting as a backup (or any progress file) holds it: `None` if it was never changed.
fn setting(path: &Path, key: &str) -> Option<String> {
    let uri = format!("file:{}?immutable=1", path.display());
    let flags = rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_URI;
    let conn = rusqlite::Connection::open_with_flags(uri, flags).unwrap();
    conn.query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| r.get(0)).ok()
}

fn reviews(env: &Env) -> usize {
    let all = env.store().reviews_between(jiff::Timestamp::MIN, jiff::Timestamp::MAX).unwrap();
    all.len()
}

/// A review log of `cards` cards, each answered once on 1 November 2026.
fn log(first: u32, cards: u32) -> String {
    let mut log = String::from("card_id,review_rating,review_time,review_duration\n");
    for card in first..first + cards {
        log += &format!("{card},3,2026-11-01T10:{:02}:00Z,4000\n", card % 60);
    }
    log
}

#[test]
fn the_first_command_of_a_day_that_writes_backs_up_and_a_week_is_kept() {
    let env = Env::new().now(&day(1));
    // The command that creates the file has nothing to back up.
    env.recall().args(["config", "new-per-day", "1"]).assert().success();
    assert_eq!(backups(&env), Vec::<String>::new());
    for n in 2..=10 {
        // A command that only reads makes no backup; the day's first write does, once.
        env.recall().env("RECALL_NOW", day(n)).arg("backup").assert().success();
        assert_eq!(backups(&env).len(), (n as usize - 2).min(7), "day {n}");
        for _ in 0..2 {
            env.recall()
                .env("RECALL_NOW", day(n))
                .args(["config", "new-per-day", &n.to_string()])
                .assert()
                .success();
        }
    }
    let kept: Vec<String> =
        (4..=10).map(|n| format!("recall-2026-12-{n:02}-0900-daily.sqlite3")).collect();
    assert_eq!(backups(&env), kept);
    // Each holds the file as it was before that day's first change.
    for n in 4..=10u32 {
        let name = format!("recall-2026-12-{n:02}-0900-daily.sqlite3");
        assert_eq!(setting(&backup(&env, &name), "new-per-day"), Some((n - 1).to_string()));
    }
}

#[test]
fn an_import_of_history_is_backed_up_first_and_a_restore_takes_it_back() {
    let env = Env::new().now(&day(1));
    env.recall().args(["config", "fuzz", "off"]).assert().success();
    let first = env.write("first.csv", log(0, 40));
    let second = env.write("second.csv", log(100, 60));
    // The day's first write: its daily backup is the state before the import.
    env.recall().arg("import-history").arg(&first).assert().success();
    // A second import the same day gets a backup of its own.
    env.recall()
        .env("RECALL_NOW", "2026-12-01T09:30:00Z")
        .arg("import-history")
        .arg(&second)
        .assert()
        .success();
    assert_eq!(reviews(&env), 100);
    assert_eq!(
        backups(&env),
        ["recall-2026-12-01-0900-daily.sqlite3", "recall-2026-12-01-0930-before-import.sqlite3"]
    );
    let data = env.data();
    // Sizes as the files have them (whole pages, so whole KiB): the schema's size is not
    // what this test is about.
    let kib = |name: &str| std::fs::metadata(backup(&env, name)).unwrap().len() / 1024;
    let (imported, daily) = (
        kib("recall-2026-12-01-0930-before-import.sqlite3"),
        kib("recall-2026-12-01-0900-daily.sqlite3"),
    );
    assert!(imported > daily, "the backup before the second import holds the first one's answers");
    // The size column is right-aligned to its widest cell.
    let (imported, daily) = (format!("{imported} KiB"), format!("{daily} KiB"));
    let w = imported.len().max(daily.len()).max("size".len());
    env.recall().arg("backup").assert().success().stdout(format!(
        "Backups of {}/recall.sqlite3, newest first:\n\n  \
         #  made              why            {:>w$}  answers  last answer\n  \
         1  2026-12-01 09:30  before-import  {imported:>w$}       40  2026-11-01 10:39\n  \
         2  2026-12-01 09:00  daily          {daily:>w$}        0  -\n\n\
         In {}/backups.\n\
         `recall backup restore N` puts one back (the current file is kept as a backup\n\
         first). recall keeps the 7 newest daily backups and the 5 newest others; damaged\n\
         files moved aside are never deleted.\n",
        data.display(),
        "size",
        data.display()
    ));

    env.recall()
        .env("RECALL_NOW", "2026-12-01T10:00:00Z")
        .args(["backup", "restore", "1"])
        .assert()
        .success()
        .stdout(format!(
            "Restored {d}/recall.sqlite3 from {d}/backups/recall-2026-12-01-0930-before-import.sqlite3.\n\
             The file it replaced is kept as {d}/backups/recall-2026-12-01-1000-before-restore.sqlite3 \
             (number 1 in `recall backup list`: restore it to undo this).\n",
            d = data.display()
        ));
    assert_eq!(reviews(&env), 40);
    // And back again: the restore is undone by restoring what it kept.
    env.recall().args(["backup", "restore", "1"]).assert().success();
    assert_eq!(reviews(&env), 100);
}

#[test]
fn a_restore_waits_for_no_session_and_refuses_what_is_not_a_whole_recall_file() {
    let env = Env::new().now(&day(1));
    env.recall().args(["config", "new-per-day", "5"]).assert().success();
    env.recall().args(["backup", "now"]).assert().success();
    let path = file(&env);
    let before = std::fs::read(&path).unwrap();

    // A session holds the lock (as `recall study` does): no restore under it.
    let lock = std::fs::File::create(env.data().join("recall.lock")).unwrap();
    lock.lock().unwrap();
    std::fs::write(env.data().join("recall.lock"), "4242\n").unwrap();
    env.recall().args(["backup", "restore", "1"]).assert().code(1).stderr(format!(
        "recall: error: another recall session is running (pid 4242); finish it first (lock file \
         {})\n",
        env.data().join("recall.lock").display()
    ));
    drop(lock);

    let notes = env.write("notes.txt", "my notes, not a database\n".repeat(100));
    env.recall().args(["backup", "restore"]).arg(&notes).assert().code(1).stderr(format!(
        "recall: error: {} cannot be restored: it is not an SQLite database\n",
        notes.display()
    ));
    let other = env.path("other.sqlite3");
    rusqlite::Connection::open(&other).unwrap().execute_batch("CREATE TABLE mine (x)").unwrap();
    env.recall().args(["backup", "restore"]).arg(&other).assert().code(1).stderr(format!(
        "recall: error: {} cannot be restored: it is not a recall progress file\n",
        other.display()
    ));
    let empty = env.write("fixed.sqlite3", "");
    env.recall()
        .args(["backup", "restore"])
        .arg(&empty)
        .assert()
        .code(1)
        .stderr(format!("recall: error: {} cannot be restored: it is empty\n", empty.display()));
    env.recall()
        .args(["backup", "restore", "7"])
        .assert()
        .code(2)
        .stderr("recall: error: there is no backup 7: `recall backup list` shows 1 to 1\n");
    env.recall().args(["backup", "restore", "nope.sqlite3"]).assert().code(2).stderr(
        "recall: error: `nope.sqlite3` is neither a backup number (see `recall backup list`) nor \
         a file\n",
    );
    assert!(std::fs::read(&path).unwrap() == before, "the progress file changed");
}

#[test]
fn restoring_over_a_damaged_file_moves_it_aside_as_it_was() {
    let env = Env::new().now(&day(1));
    env.recall().args(["config", "new-per-day", "5"]).assert().success();
    env.recall().args(["backup", "now"]).assert().success();
    // A copy kept elsewhere by hand, as a file rescued with sqlite3's `.recover` would be.
    let copy = env.path("copy.sqlite3");
    std::fs::copy(backup(&env, "recall-2026-12-01-0900-by-hand.sqlite3"), &copy).unwrap();
    env.recall().args(["config", "new-per-day", "6"]).assert().success();
    let path = file(&env);
    let mut bytes = std::fs::read(&path).unwrap();
    bytes[100..4096].fill(0xA5);
    std::fs::write(&path, &bytes).unwrap();
    env.recall().arg("config").assert().code(1).stderr(predicate::str::contains("is damaged"));

    let restore = env
        .recall()
        .env("RECALL_NOW", "2026-12-01T11:00:00Z")
        .args(["backup", "restore"])
        .arg(&copy)
        .assert()
        .success();
    let aside = backup(&env, "recall-2026-12-01-1100-damaged.sqlite3");
    restore.stdout(format!(
        "Restored {}/recall.sqlite3 from {}.\nThe damaged file was moved, as it was, to {}.\n",
        env.data().display(),
        copy.display(),
        aside.display()
    ));
    assert!(std::fs::read(&aside).unwrap() == bytes, "the damaged file moved aside changed");
    env.recall().args(["config", "new-per-day"]).assert().success().stdout("5\n");
    env.recall().args(["config", "new-per-day", "7"]).assert().success();
    // The damaged file is listed, without contents, and never rotated out.
    env.recall().arg("backup").assert().success().stdout(
        predicate::str::contains("2026-12-01 11:00  damaged")
            .and(predicate::str::is_match(r"damaged +\d+ KiB +unreadable +-\n").unwrap()),
    );
}
