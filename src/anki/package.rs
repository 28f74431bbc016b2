//! Reading an Anki package into a [`Collection`].
//!
//! The collection is copied out of the zip (and out of zstd for `collection.anki21b`) into a
//! temporary folder of its own and opened read-only: the learner's package is never changed,
//! and SQLite needs a real file. Current Anki exports put a dummy `collection.anki2` ("please
//! update to the latest Anki version") next to the real `collection.anki21b`, so the newest
//! format wins.
//!
//! What a hostile or damaged package can cost is bounded: the package must be a regular file
//! (only its directory and its collection are read, never the media), and the collection is
//! unpacked as a stream that stops at [`limited::ANKI_COLLECTION`], so a 132 KB package that
//! expands to 4 GiB is refused after the limit, not unpacked in full. Nothing is left in the
//! temporary folder: current collections are in SQLite's WAL mode, which makes even a
//! read-only reader create `-wal` and `-shm` files beside the database, so the copy is switched
//! to rollback mode (two header bytes) before it is opened, and the folder holding it is
//! deleted on every path out. A run killed meanwhile leaves its folder behind; the next import
//! deletes the folders of runs that are gone.

use std::collections::HashMap;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

use super::{AnkiError, Card, Collection, NoteKind, NoteType, RevlogEntry};
use crate::limited;

/// The collection files a package may hold, the preferred first.
const COLLECTIONS: [&str; 3] = ["collection.anki21b", "collection.anki21", "collection.anki2"];

/// Anki's field separator inside `notes.flds`, and its deck-name separator in schema 18.
const SEP: char = '\x1f';

/// The name of the temporary folders a collection is unpacked into, in the system's
/// temporary folder, and of the file inside each.
const TEMP_PREFIX: &str = "recall-anki-";
const COLLECTION_FILE: &str = "collection.sqlite";

/// How old a temporary folder of ours must be before another run may delete it, if the run
/// that made it is gone (its lock is free): long enough to never race one being made.
const STALE: Duration = Duration::from_secs(5 * 60);

/// Reads the package at `path`, which must be a regular file.
pub fn read(path: &Path) -> Result<Collection, AnkiError> {
    // The package is not read whole, so its size is not limited; only a regular file is read.
    let no_limit = limited::Limit { bytes: u64::MAX, what: "an Anki package" };
    let (file, _) = limited::open(path, no_limit).map_err(|e| match e {
        limited::ReadError::Io { path, source } => AnkiError::Io { path, source },
        other => AnkiError::Refused(other),
    })?;
    let temp = std::env::temp_dir();
    sweep(&temp, STALE);
    read_from(path, file, limited::ANKI_COLLECTION, &temp)
}

/// Reads a package from `reader`, unpacking its collection up to `cap` bytes into a folder
/// of its own in `temp`.
fn read_from(
    path: &Path,
    reader: impl Read + Seek,
    cap: limited::Limit,
    temp: &Path,
) -> Result<Collection, AnkiError> {
    let mut zip = zip::ZipArchive::new(reader)
        .map_err(|source| AnkiError::NotZip { path: path.into(), source })?;
    let names: Vec<String> = zip.file_names().filter_map(Result::ok).map(String::from).collect();
    let Some(entry) = COLLECTIONS.into_iter().find(|c| names.iter().any(|n| n == c)) else {
        return Err(AnkiError::NoCollection { path: path.into() });
    };
    let media_files = names
        .iter()
        .filter(|n| !COLLECTIONS.contains(&n.as_str()) && !matches!(n.as_str(), "media" | "meta"))
        .count();
    let unpack =
        |message: String| AnkiError::Unpack { path: path.into(), entry: entry.to_owned(), message };
    // Deleted with everything in it when this function returns, whichever way.
    let dir = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .tempdir_in(temp)
        .map_err(|e| unpack(e.to_string()))?;
    let db = dir.path().join(COLLECTION_FILE);
    // Held until the collection is read: it tells a sweeping run that this folder is in use.
    let mut held = File::create_new(&db).map_err(|e| unpack(e.to_string()))?;
    let _ = held.lock();
    {
        let too_large = || AnkiError::TooLarge { path: path.into(), entry: entry.to_owned() };
        let mut zipped = zip.by_name(entry).map_err(|e| unpack(e.to_string()))?;
        // A size the package declares is believed when it is too large: refused at once, not
        // after a gigabyte has been unpacked. A size declared small is not trusted (the copy is
        // capped whatever the package says).
        if !entry.ends_with('b') && zipped.size() > cap.bytes {
            return Err(too_large());
        }
        let result = if entry.ends_with('b') {
            // A zstd frame's header may declare its content size: 18 bytes at most.
            let mut head = Vec::with_capacity(18);
            (&mut zipped).take(18).read_to_end(&mut head).map_err(|e| unpack(e.to_string()))?;
            if let Ok(Some(size)) = zstd::zstd_safe::get_frame_content_size(&head)
                && size > cap.bytes
            {
                return Err(too_large());
            }
            zstd::stream::read::Decoder::new(std::io::Cursor::new(head).chain(zipped))
                .and_then(|d| copy_capped(d, &mut held, cap))
        } else {
            copy_capped(zipped, &mut held, cap)
        };
        match result {
            Ok(()) => {}
            Err(e) if limited::is_too_large(&e) => return Err(too_large()),
            Err(e) => return Err(unpack(e.to_string())),
        }
        rollback_mode(&mut held).map_err(|e| unpack(e.to_string()))?;
    }
    let bad = |e: rusqlite::Error| AnkiError::BadCollection {
        path: path.into(),
        entry: entry.to_owned(),
        message: e.to_string(),
    };
    let conn = Connection::open_with_flags(
        &db,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(bad)?;
    // Schema 18 declares its name columns `COLLATE unicase` (Anki's own collation); SQLite
    // refuses to plan queries on those tables until a collation of that name exists.
    conn.create_collation("unicase", |a: &str, b: &str| {
        a.chars().flat_map(char::to_lowercase).cmp(b.chars().flat_map(char::to_lowercase))
    })
    .map_err(bad)?;
    let mut col = read_collection(&conn, path).map_err(|e| match e {
        ReadError::Sql(e) => bad(e),
        ReadError::Json(message) => {
            AnkiError::BadCollection { path: path.into(), entry: entry.to_owned(), message }
        }
        ReadError::Anki(e) => e,
    })?;
    drop(conn);
    drop(held);
    col.media_files = media_files;
    col.collection_file = entry.to_owned();
    Ok(col)
}

/// Copies `from` into `to`, failing with [`limited::too_large`] past `cap` (the copy stops
/// there: nothing more is unpacked or written).
fn copy_capped(from: impl Read, to: &mut File, cap: limited::Limit) -> std::io::Result<()> {
    let mut capped = limited::Capped::new(from, cap);
    std::io::copy(&mut capped, to)?;
    to.flush()
}

/// Marks an SQLite database file as a rollback-journal database (header bytes 18 and 19, the
/// file format's write and read versions, 2 for WAL, 1 for legacy), so that opening it
/// read-only creates no `-wal` and `-shm` files. Anything that is not an SQLite header is left
/// for SQLite to refuse.
fn rollback_mode(file: &mut File) -> std::io::Result<()> {
    let mut header = [0u8; 20];
    file.seek(SeekFrom::Start(0))?;
    if file.read_exact(&mut header).is_err() || !header.starts_with(b"SQLite format 3\0") {
        return Ok(());
    }
    if header[18] == 2 || header[19] == 2 {
        file.seek(SeekFrom::Start(18))?;
        file.write_all(&[1, 1])?;
        file.flush()?;
    }
    Ok(())
}

/// Deletes the temporary folders that runs killed while reading a package left in `dir`:
/// folders of our name, older than `stale`, whose collection file no run holds a lock on.
/// Best effort: what cannot be deleted stays.
fn sweep(dir: &Path, stale: Duration) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name();
        let Some(rest) = name.to_str().and_then(|n| n.strip_prefix(TEMP_PREFIX)) else {
            continue;
        };
        let ours = !rest.is_empty() && rest.chars().all(|c| c.is_ascii_alphanumeric());
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .is_ok_and(|t| t.elapsed().is_ok_and(|age| age > stale));
        if !(ours && is_dir && old) {
            continue;
        }
        let db = entry.path().join(COLLECTION_FILE);
        let gone = match File::open(&db) {
            // A lock we can take is one no living run holds.
            Ok(f) => f.try_lock().is_ok(),
            Err(e) => e.kind() == std::io::ErrorKind::NotFound,
        };
        if gone {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

enum ReadError {
    Sql(rusqlite::Error),
    Json(String),
    Anki(AnkiError),
}

impl From<rusqlite::Error> for ReadError {
    fn from(e: rusqlite::Error) -> Self {
        ReadError::Sql(e)
    }
}

fn read_collection(conn: &Connection, path: &Path) -> Result<Collection, ReadError> {
    let (schema, created, models, decks): (i64, i64, String, String) = conn.query_row(
        "SELECT ver, crt, CAST(models AS TEXT), CAST(decks AS TEXT) FROM col",
        [],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )?;
    let (notetypes, decks) = match schema {
        11 => (legacy_notetypes(&models)?, legacy_decks(&decks)?),
        15..=18 => (table_notetypes(conn)?, table_decks(conn)?),
        version => {
            return Err(ReadError::Anki(AnkiError::UnknownSchema {
                path: PathBuf::from(path),
                version,
            }));
        }
    };
    let mut notes = Vec::new();
    let mut stmt = conn.prepare("SELECT id, guid, mid, flds, tags FROM notes ORDER BY id")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let flds: String = r.get(3)?;
        let tags: String = r.get(4)?;
        notes.push(super::Note {
            id: r.get(0)?,
            guid: r.get(1)?,
            notetype: r.get(2)?,
            fields: flds.split(SEP).map(str::to_owned).collect(),
            tags: tags.split_whitespace().map(str::to_owned).collect(),
        });
    }
    let mut cards = Vec::new();
    let mut stmt = conn.prepare(
        "SELECT id, nid, did, ord, type, queue, due, ivl, factor, odid, odue FROM cards ORDER BY id",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let (odid, odue): (i64, i64) = (r.get(9)?, r.get(10)?);
        // A card in a filtered deck keeps its home deck and its own due date in odid/odue.
        let (deck, due) = if odid != 0 {
            (odid, if odue != 0 { odue } else { r.get(6)? })
        } else {
            (r.get(2)?, r.get(6)?)
        };
        cards.push(Card {
            id: r.get(0)?,
            note: r.get(1)?,
            deck,
            ord: u32::try_from(r.get::<_, i64>(3)?).unwrap_or(u32::MAX),
            ctype: r.get(4)?,
            queue: r.get(5)?,
            due,
            interval: r.get(7)?,
            factor: r.get(8)?,
        });
    }
    let mut revlog = Vec::new();
    let mut stmt = conn.prepare("SELECT id, cid, ease, time, type FROM revlog ORDER BY id")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        revlog.push(RevlogEntry {
            id: r.get(0)?,
            card: r.get(1)?,
            ease: r.get(2)?,
            time_ms: r.get(3)?,
            kind: r.get(4)?,
        });
    }
    Ok(Collection {
        schema,
        created,
        notetypes,
        decks,
        notes,
        cards,
        revlog,
        media_files: 0,
        collection_file: String::new(),
    })
}

/// Note types from schema 11's `col.models` JSON: `{"id": {name, type, flds, tmpls}}`.
fn legacy_notetypes(json: &str) -> Result<HashMap<i64, NoteType>, ReadError> {
    #[derive(serde::Deserialize)]
    struct Named {
        name: String,
        #[serde(default)]
        ord: Option<i64>,
    }
    #[derive(serde::Deserialize)]
    struct Model {
        name: String,
        #[serde(rename = "type", default)]
        kind: i64,
        flds: Vec<Named>,
        tmpls: Vec<Named>,
    }
    let models: HashMap<String, Model> = serde_json::from_str(json)
        .map_err(|e| ReadError::Json(format!("note types in `col.models`: {e}")))?;
    let sorted = |mut v: Vec<Named>| {
        v.sort_by_key(|n| n.ord.unwrap_or(0));
        v.into_iter().map(|n| n.name).collect()
    };
    Ok(models
        .into_iter()
        .filter_map(|(id, m)| {
            let id = id.parse::<i64>().ok()?;
            Some((
                id,
                NoteType {
                    name: m.name,
                    kind: if m.kind == 1 { NoteKind::Cloze } else { NoteKind::Standard },
                    fields: sorted(m.flds),
                    templates: sorted(m.tmpls),
                },
            ))
        })
        .collect())
}

/// Deck names from schema 11's `col.decks` JSON: `{"id": {name, …}}`.
fn legacy_decks(json: &str) -> Result<HashMap<i64, String>, ReadError> {
    #[derive(serde::Deserialize)]
    struct Deck {
        name: String,
    }
    let decks: HashMap<String, Deck> = serde_json::from_str(json)
        .map_err(|e| ReadError::Json(format!("decks in `col.decks`: {e}")))?;
    Ok(decks.into_iter().filter_map(|(id, d)| Some((id.parse().ok()?, d.name))).collect())
}

/// Note types from the schema 15+ tables. The kind sits in the protobuf `config` blob
/// (`NotetypeConfig.kind`, field 1: 0 normal, 1 cloze).
fn table_notetypes(conn: &Connection) -> Result<HashMap<i64, NoteType>, ReadError> {
    let mut out = HashMap::new();
    let mut stmt = conn.prepare("SELECT id, name, config FROM notetypes")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let config: Vec<u8> = r.get(2)?;
        let kind = if protobuf_varint(&config, 1) == Some(1) {
            NoteKind::Cloze
        } else {
            NoteKind::Standard
        };
        out.insert(
            r.get::<_, i64>(0)?,
            NoteType { name: r.get(1)?, kind, fields: Vec::new(), templates: Vec::new() },
        );
    }
    for (table, is_fields) in [("fields", true), ("templates", false)] {
        let mut stmt =
            conn.prepare(&format!("SELECT ntid, name FROM {table} ORDER BY ntid, ord"))?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            if let Some(nt) = out.get_mut(&r.get::<_, i64>(0)?) {
                let name: String = r.get(1)?;
                if is_fields { nt.fields.push(name) } else { nt.templates.push(name) }
            }
        }
    }
    Ok(out)
}

/// Deck names from the schema 15+ `decks` table, whose names nest with `\x1f`.
fn table_decks(conn: &Connection) -> Result<HashMap<i64, String>, ReadError> {
    let mut stmt = conn.prepare("SELECT id, name FROM decks")?;
    let rows = stmt
        .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?.replace(SEP, "::"))))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The value of the varint field `field` at the top level of a protobuf message, if present.
/// Anki's config blobs are protobuf; this reads just enough of the wire format to skip other
/// fields (varint, 64-bit, length-delimited, 32-bit).
fn protobuf_varint(bytes: &[u8], field: u64) -> Option<u64> {
    fn varint(b: &[u8], i: &mut usize) -> Option<u64> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = *b.get(*i)?;
            *i += 1;
            v |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return Some(v);
            }
        }
        None
    }
    let mut i = 0;
    while i < bytes.len() {
        let key = varint(bytes, &mut i)?;
        let (number, wire) = (key >> 3, key & 7);
        match wire {
            0 => {
                let v = varint(bytes, &mut i)?;
                if number == field {
                    return Some(v);
                }
            }
            1 => i += 8,
            2 => {
                let len = usize::try_from(varint(bytes, &mut i)?).ok()?;
                i = i.checked_add(len)?;
            }
            5 => i += 4,
            _ => return None,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_protobuf_varints() {
        // kind = 1, then a length-delimited css field.
        assert_eq!(protobuf_varint(&[0x08, 0x01, 0x1a, 0x02, b'a', b'b'], 1), Some(1));
        // Only the css field: kind is the default 0, left out.
        assert_eq!(protobuf_varint(&[0x1a, 0x02, b'a', b'b'], 1), None);
        // A varint field after a 64-bit and a 32-bit one.
        let msg = [0x11, 0, 0, 0, 0, 0, 0, 0, 0, 0x1d, 0, 0, 0, 0, 0x08, 0x96, 0x01];
        assert_eq!(protobuf_varint(&msg, 1), Some(150));
        // Truncated input is not a panic.
        assert_eq!(protobuf_varint(&[0x1a, 0x7f], 1), None);
    }

    #[test]
    fn rejects_what_is_not_a_zip() {
        let text = std::io::Cursor::new(b"front\tback\n".to_vec());
        let temp = std::env::temp_dir();
        let err = read_from(Path::new("x.apkg"), text, limited::ANKI_COLLECTION, &temp);
        let err = err.unwrap_err();
        assert!(matches!(err, AnkiError::NotZip { .. }), "{err}");
    }

    /// A package holding `collection` as `entry`, zstd-compressed for `.anki21b`.
    fn package(entry: &str, collection: &[u8]) -> std::io::Cursor<Vec<u8>> {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        zip.start_file(entry, options).unwrap();
        if entry.ends_with('b') {
            zip.write_all(&zstd::encode_all(collection, 3).unwrap()).unwrap();
        } else {
            zip.write_all(collection).unwrap();
        }
        let mut cursor = zip.finish().unwrap();
        cursor.set_position(0);
        cursor
    }

    #[test]
    fn a_collection_that_unpacks_past_the_limit_is_refused() {
        let cap = limited::Limit { bytes: 64 * 1024, what: "a test collection" };
        let bomb = vec![0u8; 1024 * 1024];
        // The zstd stream declares no size, so it is the capped copy that stops it; the zip
        // entry declares its size, which refuses it before a byte is unpacked.
        let frame = zstd::encode_all(&bomb[..], 3).unwrap();
        assert_eq!(zstd::zstd_safe::get_frame_content_size(&frame).unwrap(), None);
        let temp = tempfile::tempdir().unwrap();
        for entry in ["collection.anki2", "collection.anki21b"] {
            let err = read_from(Path::new("bomb.apkg"), package(entry, &bomb), cap, temp.path());
            let err = err.unwrap_err();
            assert!(matches!(err, AnkiError::TooLarge { .. }), "{entry}: {err}");
        }
        assert_eq!(std::fs::read_dir(temp.path()).unwrap().count(), 0);
    }

    #[test]
    fn the_temporary_folder_goes_whatever_happens() {
        // Unpacked, found not to be a collection, refused: nothing of ours stays behind.
        let temp = tempfile::tempdir().unwrap();
        let not_sqlite = package("collection.anki21b", b"this is no database");
        let err = read_from(Path::new("x.apkg"), not_sqlite, limited::ANKI_COLLECTION, temp.path());
        assert!(matches!(err, Err(AnkiError::BadCollection { .. })), "{err:?}");
        assert_eq!(std::fs::read_dir(temp.path()).unwrap().count(), 0);
    }

    #[test]
    fn sweeping_deletes_only_folders_of_runs_that_are_gone() {
        let temp = tempfile::tempdir().unwrap();
        let make = |name: &str| {
            let dir = temp.path().join(name);
            std::fs::create_dir(&dir).unwrap();
            std::fs::write(dir.join(COLLECTION_FILE), b"x").unwrap();
            dir
        };
        let gone = make("recall-anki-AbC123");
        let alive = make("recall-anki-XyZ789");
        let other = make("recall-anki-notes.d");
        let lock = File::open(alive.join(COLLECTION_FILE)).unwrap();
        lock.lock().unwrap();
        // Too young: nothing goes.
        sweep(temp.path(), STALE);
        assert!(gone.exists() && alive.exists() && other.exists());
        // Old enough: only the unlocked folder of our name goes.
        sweep(temp.path(), Duration::ZERO);
        assert!(!gone.exists());
        assert!(alive.exists() && other.exists());
        drop(lock);
        sweep(temp.path(), Duration::ZERO);
        assert!(!alive.exists() && other.exists());
    }
}
