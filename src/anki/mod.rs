//! Bringing decks and review history from Anki packages (`.apkg`, `.colpkg`).
//!
//! [`package`] reads the package (the only I/O here): a zip holding an SQLite collection, in
//! Anki's legacy layout (schema 11, note types and decks as JSON in `col`) or its current one
//! (schema 15–18, `notetypes`/`fields`/`templates`/`decks` tables, zstd-compressed as
//! `collection.anki21b`). It yields a plain [`Collection`]. [`convert`] turns that into facts,
//! card keys and review history with plain functions, so the mapping is tested without files.

pub mod convert;
pub mod package;

use std::collections::HashMap;
use std::path::PathBuf;

/// What Anki calls a note type's kind: cards from templates, or one card per cloze number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoteKind {
    Standard,
    Cloze,
}

/// A note type ("Basic", "Basic (and reversed card)", "Cloze", …).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoteType {
    pub name: String,
    pub kind: NoteKind,
    /// Field names in field order.
    pub fields: Vec<String>,
    /// Template names in ordinal order (a standard note's card `ord` indexes these).
    pub templates: Vec<String>,
}

/// One note: the fields a fact is made from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    pub id: i64,
    /// Anki's globally unique id, stable across exports: the fact id is made from it.
    pub guid: String,
    /// The note type's id.
    pub notetype: i64,
    /// Field contents (HTML), in the note type's field order.
    pub fields: Vec<String>,
    pub tags: Vec<String>,
}

/// One card (a note's template or cloze number) with Anki's scheduling.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Card {
    pub id: i64,
    pub note: i64,
    /// The card's home deck (its original deck while it sits in a filtered deck).
    pub deck: i64,
    /// Template ordinal (standard notes) or cloze number − 1 (cloze notes).
    pub ord: u32,
    /// 0 new, 1 learning, 2 review, 3 relearning.
    pub ctype: i64,
    /// −3/−2 buried, −1 suspended, 0 new, 1 learning, 2 review, 3 day-learning.
    pub queue: i64,
    /// New: position; learning (queue 1): unix seconds; review and day-learning: days since
    /// the collection's creation.
    pub due: i64,
    /// Interval in days (review cards).
    pub interval: i64,
    /// SM-2 ease in permille (2500 = 250 %).
    pub factor: i64,
}

/// One revlog row: an answer (or a manual change) in Anki's history.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RevlogEntry {
    /// Unix milliseconds of the answer; unique, so it also identifies the row.
    pub id: i64,
    pub card: i64,
    /// 1–4 (Again … Easy); 0 for manual entries.
    pub ease: i64,
    /// Time taken in milliseconds.
    pub time_ms: i64,
    /// 0 learn, 1 review, 2 relearn, 3 filtered (cram), 4 manual, 5 rescheduled.
    pub kind: i64,
}

/// The parts of an Anki collection that recall uses.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Collection {
    /// `col.ver`: 11 legacy, 15–18 current.
    pub schema: i64,
    /// `col.crt`: unix seconds of the start of the collection's first day; review due days
    /// count from it.
    pub created: i64,
    pub notetypes: HashMap<i64, NoteType>,
    /// Deck names as Anki shows them, nested with `::`.
    pub decks: HashMap<i64, String>,
    /// Notes in creation order.
    pub notes: Vec<Note>,
    pub cards: Vec<Card>,
    /// In time order.
    pub revlog: Vec<RevlogEntry>,
    /// Media files in the package (not imported).
    pub media_files: usize,
    /// Which collection file of the package was read (`collection.anki21b`, …).
    pub collection_file: String,
}

/// Why a package could not be read. Nothing is written in any of these cases.
#[derive(Debug, thiserror::Error)]
pub enum AnkiError {
    #[error("cannot read {}", path.display())]
    Io { path: PathBuf, source: std::io::Error },
    /// Not a regular file.
    #[error(transparent)]
    Refused(crate::limited::ReadError),
    #[error(
        "{}: {entry} unpacks to more than the {} MiB limit for {}; nothing was imported",
        path.display(),
        crate::limited::ANKI_COLLECTION.bytes / crate::limited::MIB,
        crate::limited::ANKI_COLLECTION.what
    )]
    TooLarge { path: PathBuf, entry: String },
    #[error("{} is not an Anki package: it is not a zip file", path.display())]
    NotZip { path: PathBuf, source: zip::result::ZipError },
    #[error(
        "{} holds no Anki collection (no collection.anki21b, collection.anki21 or collection.anki2 inside)",
        path.display()
    )]
    NoCollection { path: PathBuf },
    #[error("{}: cannot unpack {entry}: {message}", path.display())]
    Unpack { path: PathBuf, entry: String, message: String },
    #[error("{}: {entry} is not a readable Anki collection ({message})", path.display())]
    BadCollection { path: PathBuf, entry: String, message: String },
    #[error(
        "{}: collection schema version {version} is not one recall knows (11, or 15 to 18); \
         export the deck again from a current Anki",
        path.display()
    )]
    UnknownSchema { path: PathBuf, version: i64 },
}
