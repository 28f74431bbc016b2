//! Faults injected into the progress file, as disks, sync tools and other programs cause them:
//! a page garbled, the file cut short, the disk full, the file locked by another program. Each
//! test asserts the message word for word, the exit code, and that the file is byte-for-byte
//! what it was. Then: commands that only read never create a progress file, and every error
//! says its cause once.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers panic on setup failure by design

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

use crate::backup::backups;
use crate::support::{self, Env, Terminal};

const DAY1: &str = "2026-11-30T09:00:00Z";
const DAY2: &str = "2026-12-01T09:00:00Z";
/// A deck for the commands that read decks (`stats`, `study`), found from the crate's folder.
const DECK: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/study/basics.ron");

/// A review log of `cards` cards answered five times each (enough pages that a page in the
/// middle of a table is one no open-time look reaches).
fn log(cards: u32) -> String {
    let mut log = String::from("card_id,review_rating,review_time,review_duration\n");
    for card in 0..cards {
        for n in 0..5u32 {
            let rating = [3, 3, 1, 4, 3][((card + n) % 5) as usize];
            let day = 1 + n * 3;
            log += &format!("{card},{rating},2026-10-{day:02}T10:{:02}:00Z,4000\n", card % 60);
        }
    }
    log
}

/// A progress file made on DAY1 by the binary: a setting and 1,500 imported reviews of 300
/// cards. Closed, so the write-ahead log is folded into the file.
fn with_history() -> Env {
    let env = Env::new().now(DAY1);
    env.recall().args(["config", "fuzz", "off"]).assert().success();
    let log = env.write("log.csv", log(300));
    env.recall().arg("import-history").arg(&log).assert().success();
    env
}

fn file(env: &Env) -> PathBuf {
    env.data().join("recall.sqlite3")
}

/// The file read without SQLite touching it or creating anything beside it.
fn peek(path: &Path) -> Connection {
    let uri = format!("file:{}?immutable=1", path.display());
    Connection::open_with_flags(uri, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI)
        .unwrap()
}

/// The number of a page of `table`: its root, or its last leaf (a page the open-time check
/// does not read: it reads each table's first leaf).
fn page(path: &Path, table: &str, root: bool) -> u32 {
    let conn = peek(path);
    let sql = if root {
        "SELECT rootpage FROM sqlite_schema WHERE name = ?1"
    } else {
        "SELECT max(pageno) FROM dbstat WHERE name = ?1 AND pagetype = 'leaf'"
    };
    conn.query_row(sql, [table], |r| r.get(0)).unwrap()
}

/// Overwrites page `n` (4 KiB pages, 1-based) with a byte pattern, as a bad sector or a
/// stray write would leave it.
fn garble(path: &Path, n: u32) {
    let mut bytes = std::fs::read(path).unwrap();
    let at = (n as usize - 1) * 4096;
    bytes[at..at + 4096].fill(0xA5);
    std::fs::write(path, bytes).unwrap();
}

/// The damage message, as every command says it.
fn damaged(path: &Path, detail: &str, found: &str) -> String {
    format!(
        "recall: error: {p} is damaged ({detail}); {found}.\n\
         To get your progress back, restore a backup (`recall backup list`, then `recall backup \
         restore N`), or rescue what can still be read:\n    \
         sqlite3 {p} .recover | sqlite3 fixed.sqlite3\n    \
         recall backup restore fixed.sqlite3\n",
        p = path.display()
    )
}

const NOTHING_WRITTEN: &str = "recall has written nothing to it";

/// A command's stderr and exit code.
fn run(env: &Env, now: &str, args: &[&str]) -> (String, i32) {
    let out = env.command().env("RECALL_NOW", now).args(args).output().unwrap();
    (String::from_utf8(out.stderr).unwrap(), out.status.code().unwrap_or(-1))
}

/// `recall study` on a terminal at `now`, run to its end: what it showed and its exit code.
/// The terminal is wide, so the lines of the message read back as they were written.
fn study(env: &Env, now: &str) -> (String, i32) {
    let mut cmd = env.command();
    cmd.env("RECALL_NOW", now).arg("study").arg(support::fixture("study/basics.ron"));
    let mut term = Terminal::spawn_sized(cmd, 400, 24);
    let shown = term.eof();
    (shown.replace("\r\n", "\n"), term.exit_code())
}

/// SQLite's words for a page of `table` that is not a b-tree page any more, and for the index
/// that then misses entries.
fn garbled(path: &Path, table: &str, leaf: u32, index: &str) -> String {
    let root = page(path, table, true);
    format!(
        "Tree {root} page {leaf}: btreeInitPage() returns error code 11; \
         wrong # of entries in index {index}"
    )
}

#[cfg(unix)]
#[test]
fn a_garbled_root_page_is_found_on_opening_and_nothing_is_written() {
    let env = with_history();
    let path = file(&env);
    let root = page(&path, "settings", true);
    garble(&path, root);
    let before = std::fs::read(&path).unwrap();
    // The open-time look reads the first page of every table: the query fails, and SQLite's
    // full integrity check says where.
    let detail = format!(
        "database disk image is malformed: Tree {root} page {root}: btreeInitPage() returns \
         error code 11"
    );
    let message = damaged(&path, &detail, NOTHING_WRITTEN);
    for args in [&["config", "new-per-day", "10"][..], &["stats", DECK], &["history"], &["config"]]
    {
        assert_eq!(run(&env, DAY2, args), (message.clone(), 1), "{args:?}");
    }
    assert_eq!(study(&env, DAY2), (message, 1));
    assert!(std::fs::read(&path).unwrap() == before, "the progress file changed");
    // A damaged file is never backed up (it would push a good backup out of the rotation):
    // the only backup is DAY1's, made by the import on the file `config` had created.
    assert_eq!(backups(&env), ["recall-2026-11-30-0900-daily.sqlite3"]);
}

#[test]
fn a_garbled_page_deep_in_a_table_is_found_by_the_days_check_before_the_first_write() {
    let env = with_history();
    let path = file(&env);
    let leaf = page(&path, "reviews", false);
    garble(&path, leaf);
    let before = std::fs::read(&path).unwrap();
    // The open-time look passes; the day's first write checks every page before its backup.
    let detail = garbled(&path, "reviews", leaf, "reviews_session");
    let message = damaged(&path, &detail, NOTHING_WRITTEN);
    assert_eq!(run(&env, DAY2, &["config", "new-per-day", "10"]), (message.clone(), 1));
    // The damage is noted beside the file: later commands, readers too, check every page first.
    assert_eq!(run(&env, DAY2, &["stats", DECK]), (message.clone(), 1));
    assert_eq!(run(&env, DAY2, &["config", "new-per-day", "10"]), (message, 1));
    assert!(std::fs::read(&path).unwrap() == before, "the progress file changed");
    assert_eq!(backups(&env), ["recall-2026-11-30-0900-daily.sqlite3"]);
}

#[cfg(unix)]
#[test]
fn damage_a_query_meets_is_said_truthfully_and_stops_every_later_write() {
    let env = with_history();
    // Today's backup exists, so today's commands do not read every page.
    env.recall().args(["backup", "now"]).assert().success();
    let path = file(&env);
    let leaf = page(&path, "card_keys", false);
    garble(&path, leaf);
    let before = std::fs::read(&path).unwrap();
    // `stats` reads every card's tallies and meets the page: the full integrity check says
    // what is wrong. A query can meet damage after its run wrote, so the message does not
    // claim that nothing was.
    let found = garbled(&path, "card_keys", leaf, "sqlite_autoindex_card_keys_1");
    let detail = format!("database disk image is malformed: {found}");
    let first = damaged(&path, &detail, "recall writes nothing more to it");
    assert_eq!(run(&env, DAY1, &["stats", DECK]), (first, 1));
    // The next run knows (the note beside the file) and checks every page before writing.
    let next = damaged(&path, &found, NOTHING_WRITTEN);
    assert_eq!(run(&env, DAY1, &["config", "new-per-day", "10"]), (next.clone(), 1));
    assert_eq!(study(&env, DAY1), (next, 1));
    assert!(std::fs::read(&path).unwrap() == before, "the progress file changed");
}

/// A crash leaves answers in the write-ahead log beside the file (`recall.sqlite3-wal`), which
/// SQLite folds into the file when the last connection closes. A file refused as damaged gets
/// nothing, not even that: the file and its log stay as they were, for a rescue.
#[test]
fn a_damaged_file_refused_with_a_write_ahead_log_beside_it_gets_nothing_folded_in() {
    let env = with_history();
    let path = file(&env);
    // The state a crash leaves: a committed change still in the log, no process holding it.
    let crashed = Env::new().now(DAY1);
    std::fs::create_dir_all(crashed.data()).unwrap();
    let writer = Connection::open(&path).unwrap();
    writer.execute_batch("PRAGMA wal_autocheckpoint = 0").unwrap();
    writer.execute("UPDATE settings SET value = 'on' WHERE key = 'fuzz'", []).unwrap();
    for name in ["recall.sqlite3", "recall.sqlite3-wal"] {
        std::fs::copy(env.data().join(name), crashed.data().join(name)).unwrap();
    }
    drop(writer);
    let path = file(&crashed);
    let wal = crashed.data().join("recall.sqlite3-wal");
    assert!(std::fs::metadata(&wal).unwrap().len() > 0);
    // A table the change did not touch is damaged: its root, so its first leaf is lost.
    let root = page(&path, "card_keys", true);
    let first_leaf: u32 = peek(&path)
        .query_row(
            "SELECT min(pageno) FROM dbstat WHERE name = 'card_keys' AND pagetype = 'leaf'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    garble(&path, root);
    let (before, wal_before) = (std::fs::read(&path).unwrap(), std::fs::read(&wal).unwrap());
    let detail = format!(
        "database disk image is malformed: Tree {root} page {root}: btreeInitPage() returns \
         error code 11; Page {first_leaf}: never used"
    );
    let message = damaged(&path, &detail, NOTHING_WRITTEN);
    for args in [&["config", "new-per-day", "10"][..], &["history"]] {
        assert_eq!(run(&crashed, DAY1, args), (message.clone(), 1), "{args:?}");
        assert!(std::fs::read(&path).unwrap() == before, "the progress file changed: {args:?}");
        assert!(
            std::fs::read(&wal).unwrap() == wal_before,
            "its write-ahead log changed: {args:?}"
        );
    }
}

#[test]
fn a_truncated_file_is_refused() {
    let env = with_history();
    let path = file(&env);
    let whole = std::fs::read(&path).unwrap();
    std::fs::write(&path, &whole[..whole.len() / 2]).unwrap();
    let before = std::fs::read(&path).unwrap();
    let message = damaged(&path, "database disk image is malformed", NOTHING_WRITTEN);
    for args in [&["config", "new-per-day", "10"][..], &["stats", DECK], &["backup", "now"]] {
        assert_eq!(run(&env, DAY2, args), (message.clone(), 1), "{args:?}");
    }
    assert!(std::fs::read(&path).unwrap() == before, "the progress file changed");
}

/// `cmd` under a file-size limit of `blocks` 512-byte blocks, with SIGXFSZ ignored: every
/// write past the limit fails as it would on a full disk (`write` returns EFBIG), instead of
/// the kernel killing the process. Works without root, unlike a small tmpfs.
#[cfg(unix)]
fn with_disk_full_at(blocks: u64, cmd: &std::process::Command) -> std::process::Output {
    support::after_shell(&format!("trap '' XFSZ; ulimit -f {blocks}"), cmd).output().unwrap()
}

#[cfg(unix)]
#[test]
fn a_full_disk_loses_nothing_and_says_so() {
    let env = with_history();
    let path = file(&env);
    let size = std::fs::metadata(&path).unwrap().len();
    let before = std::fs::read(&path).unwrap();
    let full = |what: &Path| {
        format!(
            "cannot write to {} (disk I/O error): the disk is full or refused the write; nothing \
             of that write was kept, and what was saved before it is whole. Free some space and \
             try again",
            what.display()
        )
    };

    // A backup that does not fit: refused, and no partial copy is left to look like one.
    let mut cmd = env.command();
    cmd.args(["backup", "now"]);
    let out = with_disk_full_at(size / 512 / 2, &cmd);
    let backup = env.data().join("backups/recall-2026-11-30-0900-by-hand.sqlite3");
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        format!("recall: error: cannot back up {}: {}\n", path.display(), full(&backup))
    );
    assert_eq!(out.status.code(), Some(1));
    // Only the day's backup, made by the import on the file that `config` had created.
    assert_eq!(backups(&env), ["recall-2026-11-30-0900-daily.sqlite3"]);
    assert!(std::fs::read(&path).unwrap() == before, "the progress file changed");

    // An import that does not fit (today's backup is made first, without a limit): nothing of
    // it is stored.
    env.recall().args(["backup", "now"]).assert().success();
    let big = env.write("big.csv", log(6000));
    let mut cmd = env.command();
    cmd.arg("import-history").arg(&big);
    let out = with_disk_full_at(size / 512 + 64, &cmd);
    assert_eq!(String::from_utf8(out.stderr).unwrap(), format!("recall: error: {}\n", full(&path)));
    assert_eq!(out.status.code(), Some(1));
    assert!(std::fs::read(&path).unwrap() == before, "the progress file changed");

    // The day's backup does not fit but the change does: said, and the command goes on (the
    // progress file is whole; refusing would only keep the learner from studying).
    let mut cmd = env.command();
    cmd.env("RECALL_NOW", DAY2).args(["config", "new-per-day", "10"]);
    let out = with_disk_full_at(size / 512 / 2, &cmd);
    let daily = env.data().join("backups/recall-2026-12-01-0900-daily.sqlite3");
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        format!(
            "recall: warning: cannot back up {}: {}; recall goes on without today's backup\n",
            path.display(),
            full(&daily)
        )
    );
    assert_eq!(String::from_utf8(out.stdout).unwrap(), "new-per-day = 10 (default 20)\n");
    assert_eq!(out.status.code(), Some(0));
}

/// Another program holds the write lock (an sqlite3 shell inside `BEGIN IMMEDIATE`): a
/// command that writes says so after a short wait instead of hanging; a reader is not held up.
#[cfg(unix)]
#[test]
fn a_lock_held_by_another_program_is_said_at_once() {
    let env = with_history();
    let path = file(&env);
    let before = std::fs::read(&path).unwrap();
    let holder = Connection::open(&path).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    let message = format!(
        "recall: error: another program is writing to {} and holds it locked (an sqlite3 shell, \
         a sync tool, or a recall import that is still running); recall waited 1 s: close that \
         program or let it finish, then try again\n",
        path.display()
    );
    assert_eq!(run(&env, DAY1, &["config", "new-per-day", "10"]), (message.clone(), 1));
    assert_eq!(study(&env, DAY1), (message.clone(), 1));
    // On an 80-column terminal the message is wrapped at words: the file's name stays whole.
    let mut cmd = env.command();
    cmd.env("RECALL_NOW", DAY1).args(["config", "new-per-day", "10"]);
    let mut term = Terminal::spawn_sized(cmd, 80, 24);
    let shown = term.eof().replace("\r\n", "\n");
    assert_eq!(term.exit_code(), 1);
    assert!(shown.lines().count() > 1 && shown.lines().all(|l| l.chars().count() <= 80), "{shown}");
    let words = |text: &str| text.split_whitespace().map(String::from).collect::<Vec<_>>();
    assert_eq!(words(&shown), words(&message));
    let (stderr, code) = run(&env, DAY1, &["stats", DECK]);
    assert_eq!((stderr.as_str(), code), ("", 0));
    holder.execute_batch("ROLLBACK").unwrap();
    drop(holder);
    assert!(std::fs::read(&path).unwrap() == before, "the progress file changed");
    env.recall().args(["config", "new-per-day", "10"]).assert().success();
}

#[test]
fn commands_that_only_read_never_create_a_progress_file() {
    let env = Env::new().now(DAY1);
    let deck = support::fixture("study/basics.ron");
    let reads: [&[&str]; 9] = [
        &["stats"],
        &["optimize"],
        &["history"],
        &["config"],
        &["config", "new-per-day"],
        &["backup"],
        &["check"],
        &["preview"],
        &["decks"],
    ];
    let with_deck = |args: &[&str]| matches!(args[0], "check" | "preview" | "stats" | "decks");
    for args in reads {
        let mut cmd = env.command();
        cmd.args(args);
        if with_deck(args) {
            cmd.arg(&deck);
        }
        let out = cmd.output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}: {out:?}");
        assert!(!env.data().exists(), "{args:?} created the data folder");
    }
    // A zero-length file (an interrupted first run, `touch`) is no store to them either, and
    // stays as it is; the first command that writes makes it one.
    let path = env.write("data/recall.sqlite3", "");
    for args in reads {
        let mut cmd = env.command();
        cmd.args(args);
        if with_deck(args) {
            cmd.arg(&deck);
        }
        assert_eq!(cmd.output().unwrap().status.code(), Some(0), "{args:?}");
        assert_eq!(std::fs::metadata(&path).unwrap().len(), 0, "{args:?}");
    }
    assert_eq!(support::read(&path), "");
    env.recall().args(["config", "new-per-day", "10"]).assert().success();
    env.recall().args(["config", "new-per-day"]).assert().success().stdout("10\n");
}

/// An error whose message holds its cause and also hands it on (here tempfile's, whose message
/// is its I/O error's) says the cause once.
#[test]
fn every_error_says_its_cause_once() {
    let env = Env::new();
    env.write("plain", "a file, not a folder");
    let out = env.recall().args(["new", "plain/deck.ron", "--title", "T"]).output().unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr.starts_with("recall: error: cannot write plain/deck.ron: "), "{stderr}");
    assert_eq!(stderr.matches("Not a directory").count(), 1, "{stderr}");
}
