//! Is the progress file whole? Three checks, by cost (measured on a store with 1,000,000
//! reviews, 203 MiB; BENCHMARKS.md, "The progress file's health checks"):
//!
//! - on every open, [`check_on_open`]: the header, the schema, every object the schema
//!   version should have, and the first page of every table and index. SQLite itself
//!   refuses a file shorter than its header says (a truncated copy) as soon as the schema is
//!   read. A few milliseconds whatever the file's size.
//! - before every backup (at most once a day, and before an upgrade, an import or a restore),
//!   [`quick_check`]: SQLite's `PRAGMA quick_check`, which reads every page. About a second at
//!   a million reviews, too slow for every command, but a backup reads every page anyway and a
//!   damaged file must never push a good backup out of the rotation.
//! - when a query meets damage (SQLITE_CORRUPT), [`diagnose`]: the full `integrity_check`, on a
//!   connection of its own, for the message; and a note beside the file
//!   (`recall.sqlite3.damaged`), so that every later run runs [`quick_check`] before it reads
//!   or writes, until the file is whole again (restored or replaced).
//!
//! A page garbled in a table no command has read since the day's check is only found when a
//! query reads it; until then recall writes to the pages that are whole, which SQLite keeps
//! consistent. Nothing is written once the damage has shown.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

/// How many problems a check lists before it stops: the first says where the damage is, the
/// second often what it broke (an index that no longer matches its table).
const DIAGNOSIS_LINES: u32 = 2;

/// The note left beside a progress file found damaged.
pub(crate) fn marker(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".damaged");
    path.with_file_name(name)
}

/// The open-time check: the schema and its objects as the schema version says, and the first
/// page of every table and index. `expected` lists `type name` of every object migrations up
/// to this file's version create. Returns the first problem found as text, or an SQLite error
/// (damage in the schema pages, a truncated file) for the caller to classify.
pub(crate) fn check_on_open(
    conn: &Connection,
    expected: &BTreeSet<(String, String)>,
) -> rusqlite::Result<Result<(), String>> {
    let mut stmt = conn.prepare("SELECT type, name, tbl_name FROM sqlite_schema")?;
    let objects: Vec<(String, String, String)> =
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<Result<_, _>>()?;
    let found: BTreeSet<(String, String)> =
        objects.iter().map(|(t, n, _)| (t.clone(), n.clone())).collect();
    if let Some((kind, name)) = expected.difference(&found).next() {
        return Ok(Err(format!("its {kind} `{name}` is missing")));
    }
    for (kind, name, table) in &objects {
        // The first row reads the root page and the leftmost path below it. An index is read
        // through a query that can use nothing else; a partial index cannot serve it, and
        // SQLite says so ("no query solution"): that one is skipped.
        let sql = match kind.as_str() {
            // NOT INDEXED: the table's own b-tree, not the narrowest index that covers `1`.
            "table" if !name.starts_with("sqlite_") => {
                format!("SELECT 1 FROM \"{name}\" NOT INDEXED LIMIT 1")
            }
            "index" if !name.starts_with("sqlite_") => {
                format!("SELECT 1 FROM \"{table}\" INDEXED BY \"{name}\" LIMIT 1")
            }
            _ => continue,
        };
        match conn.prepare(&sql) {
            Ok(mut stmt) => {
                stmt.query([])?.next()?;
            }
            Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::Unknown) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(Ok(()))
}

/// SQLite's `quick_check`: every page of every table and index read and its structure checked
/// (not the agreement of indexes with their tables, which `integrity_check` adds). `Ok(Err)`
/// with the first problem if the file is damaged.
pub(crate) fn quick_check(conn: &Connection) -> rusqlite::Result<Result<(), String>> {
    Ok(verdict(listed(conn, &format!("PRAGMA quick_check({DIAGNOSIS_LINES})"))))
}

/// The problems a check lists, trimmed, without SQLite's "*** in database main ***" heading.
/// A check that meets a page it cannot read lists what it found so far and then fails with
/// SQLITE_CORRUPT: that failure is one more line, not the end of the diagnosis.
fn listed(conn: &Connection, pragma: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut stmt = match conn.prepare(pragma) {
        Ok(stmt) => stmt,
        Err(e) => return vec![e.to_string()],
    };
    let mut rows = match stmt.query([]) {
        Ok(rows) => rows,
        Err(e) => return vec![e.to_string()],
    };
    loop {
        match rows.next() {
            Ok(Some(row)) => match row.get::<_, String>(0) {
                // The first problem comes after a heading line, in the same row, and one row
                // may list several problems, a line each.
                Ok(line) => {
                    let line = match line.strip_prefix("*** in database") {
                        Some(rest) => rest.split_once('\n').map_or("", |(_, l)| l),
                        None => &line,
                    };
                    let problems = line.lines().map(str::trim).filter(|l| !l.is_empty());
                    lines.extend(problems.map(String::from));
                }
                Err(e) => lines.push(e.to_string()),
            },
            Ok(None) => break,
            Err(e) => {
                if lines.is_empty() {
                    lines.push(e.to_string());
                }
                break;
            }
        }
    }
    lines
}

/// `ok`, or the problems listed, joined.
fn verdict(lines: Vec<String>) -> Result<(), String> {
    if lines == ["ok"] { Ok(()) } else { Err(lines.join("; ")) }
}

/// What is wrong with `path`, after a query failed with `error` (SQLITE_CORRUPT): the first
/// problems SQLite's full `integrity_check` lists, read on a read-only connection of its own
/// (the failing one may be inside a transaction). Leaves the damage note beside the file.
pub(crate) fn diagnose(path: &Path, error: &str) -> String {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let checked = Connection::open_with_flags(path, flags)
        .map(|conn| listed(&conn, &format!("PRAGMA integrity_check({DIAGNOSIS_LINES})")));
    let detail = match checked {
        Ok(lines) if !lines.is_empty() && lines != ["ok"] && lines != [error] => {
            format!("{error}: {}", lines.join("; "))
        }
        // The whole-file check found nothing (or could not run): the failing query's word is
        // all there is.
        _ => error.to_owned(),
    };
    note(path, &detail);
    detail
}

/// Leaves the damage note beside `path`. The note is only a reminder for the next run;
/// without it (a read-only folder) the damage is still found when a query reads the page
/// again, so a failure to write it is not an error of its own.
pub(crate) fn note(path: &Path, detail: &str) {
    let _ = std::fs::write(marker(path), format!("{detail}\n"));
}

/// Whether an earlier run found `path` damaged and left the note.
pub(crate) fn marked(path: &Path) -> bool {
    marker(path).exists()
}

/// Removes the note once the file checks whole again.
pub(crate) fn unmark(path: &Path) {
    let _ = std::fs::remove_file(marker(path));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_single_ok_is_whole() {
        assert_eq!(verdict(vec!["ok".into()]), Ok(()));
        assert_eq!(
            verdict(vec!["Page 7: never used".into(), "Page 9: never used".into()]),
            Err("Page 7: never used; Page 9: never used".into())
        );
        assert!(verdict(vec![]).is_err());
    }
}
