//! The schema and its forward migrations.
//!
//! `PRAGMA user_version` holds the number of migrations applied. Migration N (1-based) is
//! `MIGRATIONS[N - 1]`; to change the schema, append a new entry (never edit an old one) and
//! say in it why. Opening an older file makes a backup copy first (see `Store::open`).
//!
//! Conventions: times are unix seconds (INTEGER, UTC); a card is keyed by its
//! `deck/fact/direction` text key (see [`crate::ids::CardKey`]), never by wording; review rows
//! name it by its number in `card_keys` (narrow indexes over a million reviews); booleans are
//! 0/1.

use std::collections::BTreeSet;

use rusqlite::{Connection, TransactionBehavior};

/// Each entry takes the schema from version N-1 to N.
pub(crate) const MIGRATIONS: &[&str] = &[MIGRATION_1, MIGRATION_2, MIGRATION_3];

/// Applies the migrations `conn` lacks in one transaction. The version is read inside the
/// write lock, so two processes opening an old file at once migrate it once.
pub(crate) fn apply(conn: &mut Connection, migrations: &[&str]) -> rusqlite::Result<()> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let version: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
    for (i, sql) in migrations.iter().enumerate().skip(usize::try_from(version).unwrap_or(0)) {
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", i as i64 + 1)?;
    }
    tx.commit()
}

/// The objects (`type`, `name`) a file made by `migrations` has: what the open-time check
/// expects of a file at that version. Built in memory, in well under a millisecond.
pub(crate) fn objects(migrations: &[&str]) -> rusqlite::Result<BTreeSet<(String, String)>> {
    let mut conn = Connection::open_in_memory()?;
    apply(&mut conn, migrations)?;
    let mut stmt = conn.prepare("SELECT type, name FROM sqlite_schema")?;
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect()
}

/// The initial schema.
const MIGRATION_1: &str = r#"
-- One row per card that has been answered (or imported); a card without a row is new.
CREATE TABLE cards (
    key          TEXT PRIMARY KEY,          -- deck/fact/direction (direction: forward, reverse, cloze-N)
    phase        TEXT NOT NULL DEFAULT 'new' CHECK (phase IN ('new', 'learning', 'review', 'relearning')),
    stability    REAL,                      -- FSRS, days; NULL while new
    difficulty   REAL,                      -- FSRS, 1..10; NULL while new
    due          INTEGER,                   -- unix seconds
    reps         INTEGER NOT NULL DEFAULT 0,
    lapses       INTEGER NOT NULL DEFAULT 0,
    last_review  INTEGER,                   -- unix seconds
    suspended    INTEGER NOT NULL DEFAULT 0,
    -- Computed when read, not stored: the queue reads every row, and narrow rows read faster.
    deck         TEXT GENERATED ALWAYS AS (substr(key, 1, instr(key, '/') - 1)) VIRTUAL
) WITHOUT ROWID;

-- A number for every card that has reviews, so review rows and their indexes hold a small
-- integer instead of the key text (narrow index entries: `recall stats` walks many of them).
-- Numbers are never reused or deleted; the card's state stays in `cards` (a card without a row
-- there is new, whatever its number). Each row also counts its card's reviews, kept by the
-- triggers below in the same transaction as every review written, deleted or changed:
-- `recall stats` needs per-card totals over the whole history, and reading them here spares
-- it a walk over a million review index entries.
CREATE TABLE card_keys (
    id       INTEGER PRIMARY KEY,
    key      TEXT NOT NULL UNIQUE,          -- deck/fact/direction
    answers  INTEGER NOT NULL DEFAULT 0,    -- review rows naming this card
    correct  INTEGER NOT NULL DEFAULT 0     -- how many of them are correct
);

CREATE TABLE sessions (
    id         INTEGER PRIMARY KEY,
    mode       TEXT NOT NULL CHECK (mode IN ('study', 'cram', 'exam')),
    decks      TEXT NOT NULL DEFAULT '[]',  -- JSON array of deck ids
    started    INTEGER NOT NULL,
    ended      INTEGER,
    questions  INTEGER NOT NULL DEFAULT 0,
    right      INTEGER NOT NULL DEFAULT 0,
    wrong      INTEGER NOT NULL DEFAULT 0,
    score      REAL,
    extra      TEXT                         -- JSON, e.g. an exam's settings and marking
);
CREATE INDEX sessions_started ON sessions (started);

-- Every answer ever given, with the card's state before and after it: undo restores the
-- state before exactly, and re-optimizing FSRS replays the history.
CREATE TABLE reviews (
    id           INTEGER PRIMARY KEY,
    time         INTEGER NOT NULL,          -- unix seconds
    card         INTEGER NOT NULL REFERENCES card_keys (id),
    session      INTEGER REFERENCES sessions (id),
    kind         TEXT NOT NULL,             -- question kind: multiple-choice, typed, ...
    response     TEXT NOT NULL DEFAULT '',  -- what the learner answered
    correct      INTEGER NOT NULL,
    outcome      TEXT NOT NULL CHECK (outcome IN ('correct', 'near-miss', 'wrong', 'dont-know')),
    grade        INTEGER NOT NULL CHECK (grade BETWEEN 1 AND 4),
    duration_ms  INTEGER NOT NULL DEFAULT 0,
    cram         INTEGER NOT NULL DEFAULT 0, -- 1: recorded, but did not move the schedule
    imported     TEXT,                      -- where an imported review came from; NULL if answered here
    before_phase        TEXT,               -- NULL: the card had no row before this answer
    before_stability    REAL,
    before_difficulty   REAL,
    before_due          INTEGER,
    before_reps         INTEGER NOT NULL,
    before_lapses       INTEGER NOT NULL,
    before_last_review  INTEGER,
    after_phase         TEXT NOT NULL,
    after_stability     REAL,
    after_difficulty    REAL,
    after_due           INTEGER,
    after_reps          INTEGER NOT NULL,
    after_lapses        INTEGER NOT NULL,
    after_last_review   INTEGER
);
-- Covers what `recall stats` reads of the recent reviews (one by one, in time order), so it
-- never reads the wide rows; older reviews are known by the tallies in `card_keys`.
CREATE INDEX reviews_time ON reviews (time, card, correct, cram, before_phase, before_stability);
-- One card's history (undo, imports, `reviews_of`).
CREATE INDEX reviews_card ON reviews (card, time);
CREATE INDEX reviews_session ON reviews (session);
-- An imported review is identified by its origin (e.g. `csv:<card id>:<epoch ms>`,
-- `anki:<revlog id>`): importing the same log again adds nothing twice.
CREATE UNIQUE INDEX reviews_imported ON reviews (imported) WHERE imported IS NOT NULL;

-- The per-card tallies of `card_keys`, kept whoever writes the reviews.
CREATE TRIGGER reviews_tally_insert AFTER INSERT ON reviews BEGIN
    UPDATE card_keys SET answers = answers + 1, correct = correct + (NEW.correct <> 0)
    WHERE id = NEW.card;
END;
CREATE TRIGGER reviews_tally_delete AFTER DELETE ON reviews BEGIN
    UPDATE card_keys SET answers = answers - 1, correct = correct - (OLD.correct <> 0)
    WHERE id = OLD.card;
END;
CREATE TRIGGER reviews_tally_update AFTER UPDATE OF card, correct ON reviews BEGIN
    UPDATE card_keys SET answers = answers - 1, correct = correct - (OLD.correct <> 0)
    WHERE id = OLD.card;
    UPDATE card_keys SET answers = answers + 1, correct = correct + (NEW.correct <> 0)
    WHERE id = NEW.card;
END;

-- Settings the learner changed; missing keys have their default.
CREATE TABLE settings (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
) WITHOUT ROWID;

-- recall exam: every question of a mock paper, written when the paper starts and upserted on
-- each answer or mark, so a crash loses nothing answered and a cut-off paper can be marked
-- later (its session has `ended` NULL until it is submitted or abandoned).
CREATE TABLE exam_answers (
    session      INTEGER NOT NULL REFERENCES sessions (id),
    position     INTEGER NOT NULL,          -- 0-based place on the paper
    card         TEXT NOT NULL,             -- deck/fact/direction asked
    fact         TEXT NOT NULL,             -- deck/fact
    question     TEXT NOT NULL,             -- JSON: prompt, options, correct index, answer, explain, topic
    chosen       INTEGER,                   -- 0-based option chosen; NULL: unanswered
    marked       INTEGER NOT NULL DEFAULT 0, -- marked for review
    answered_at  INTEGER,                   -- unix seconds of the last change
    PRIMARY KEY (session, position)
) WITHOUT ROWID;

-- FSRS parameters fitted to the learner's history; the newest row is used.
CREATE TABLE fsrs_parameters (
    id          INTEGER PRIMARY KEY,
    created     INTEGER NOT NULL,
    parameters  TEXT NOT NULL,             -- JSON array of numbers
    reviews     INTEGER NOT NULL DEFAULT 0 -- how many reviews they were fitted on
);
"#;

/// Managing cards without editing decks (`recall bury`, `recall reset`).
///
/// `buried_until`: a buried card is left out of every queue until this instant (the start of
/// the learner's next day when it was buried); an old value is simply past, so nothing needs
/// to clear it.
///
/// `card_resets`: a reset makes a card new again but keeps its answers, because they happened:
/// the calendar, the streak, retention and accuracy stay true to what the learner did. What
/// changes is what the scheduler learns from: a card's memory is replayed (imports, `recall
/// optimize`) only from its last reset on. Each reset keeps the state it threw away.
const MIGRATION_2: &str = r#"
ALTER TABLE cards ADD COLUMN buried_until INTEGER;  -- unix seconds; NULL: not buried

CREATE TABLE card_resets (
    id           INTEGER PRIMARY KEY,
    card         INTEGER NOT NULL REFERENCES card_keys (id),
    time         INTEGER NOT NULL,          -- unix seconds; answers after it start afresh
    phase        TEXT,                      -- the state reset (NULL: the card was new)
    stability    REAL,
    difficulty   REAL,
    due          INTEGER,
    reps         INTEGER NOT NULL DEFAULT 0,
    lapses       INTEGER NOT NULL DEFAULT 0,
    last_review  INTEGER
);
CREATE INDEX card_resets_card ON card_resets (card, time);
"#;

/// Sync through a shared folder (`recall sync`, see [`crate::sync`]).
///
/// `sync_events`: every event this store knows, its own and other devices': the id is the
/// event's (a UUIDv7), `row` the local row it made or came from (a review, session, reset or
/// fitted parameters; NULL once an undone answer is gone, and for undos and settings), `ord`
/// an answer's order on its card. This device's events keep their `line` until it is in the
/// log file. Union by id: an event already here is never applied twice.
///
/// `sync_voids`: answers undone or deleted here or on another device. A deleted review row that
/// was an event becomes one, by the trigger, whoever deletes it (undo, reset
/// --delete-history), so no code path can forget to tell the other devices; `pending` until
/// this device's undo event is written.
///
/// `sync_state`: this device's id, the sync folder, the last sync, the settings as last synced.
const MIGRATION_3: &str = r#"
CREATE TABLE sync_events (
    id      TEXT PRIMARY KEY,
    device  TEXT NOT NULL,
    seq     INTEGER NOT NULL,
    kind    TEXT NOT NULL,              -- answer, session, undo, reset, setting, parameters
    row     INTEGER,                    -- the local row: reviews, sessions, card_resets, fsrs_parameters
    ord     INTEGER,                    -- an answer's order on its card (unix seconds)
    line    TEXT                        -- this device's event, until it is in the log file
) WITHOUT ROWID;
CREATE INDEX sync_events_row ON sync_events (kind, row);
CREATE INDEX sync_events_device ON sync_events (device, seq);

CREATE TABLE sync_voids (
    target   TEXT PRIMARY KEY,          -- the voided event's id
    pending  INTEGER NOT NULL DEFAULT 0 -- 1: undone here, the undo event not written yet
) WITHOUT ROWID;

CREATE TABLE sync_state (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
) WITHOUT ROWID;

CREATE TRIGGER reviews_sync_void AFTER DELETE ON reviews BEGIN
    INSERT OR IGNORE INTO sync_voids (target, pending)
        SELECT id, 1 FROM sync_events WHERE kind = 'answer' AND row = OLD.id;
    UPDATE sync_events SET row = NULL WHERE kind = 'answer' AND row = OLD.id;
END;
"#;
