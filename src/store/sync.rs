//! The store's side of sync (tables `sync_events`, `sync_voids`, `sync_state`; see
//! `schema::MIGRATION_3` and [`crate::sync`] for the whole design).
//!
//! [`Store::sync_merge`] is one transaction that does everything a sync changes in the store:
//! 1. *stage*: every local fact not yet an event becomes one, with the next sequence number
//!    of this device and its line kept in `sync_events.line` until the caller has it in the
//!    log file: finished sessions (with a paper's questions), answers (ordered on their card,
//!    see [`crate::sync::event::AnswerEvent::order`]), resets, undos (`sync_voids`), newly
//!    fitted parameters and changed settings;
//! 2. *apply*: the other devices' events this store has not seen (union by id);
//! 3. *replay*: every card that gained or lost an answer, here or there, is replayed from
//!    its whole history in merge order, so every device that knows the same events holds the
//!    same state.
//!
//! Either all of it is stored or nothing: a sync killed at any point leaves the store as it
//! was before or after, and the lines it staged are written by the next sync if not now.

use std::collections::{BTreeSet, HashMap, HashSet};

use jiff::Timestamp;
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

use super::cards::{card_number, upsert_card};
use super::reviews::REVIEW_COLUMNS;
use super::rows::{StateColumns, review_from, session_from, stored_grade, ts};
use super::{SessionMode, Store, StoreError};
use crate::ids::CardKey;
use crate::schedule::{CardState, Grade, Scheduler, StudyDay};
use crate::settings::Settings;
use crate::sync::event::{
    AnswerEvent, Body, Event, PaperQuestion, SessionEvent, VERSION, new_id, time_text,
};

/// Settings that name something on this machine only, never synced.
const LOCAL_SETTINGS: &[&str] = &["decks-dir"];

/// What [`Store::sync_merge`] did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MergeCounts {
    /// This device's events staged now.
    pub staged: u64,
    /// Other devices' events applied now.
    pub applied: u64,
    /// Of those, answers.
    pub answers: u64,
    /// Of those, sessions (papers included).
    pub sessions: u64,
    /// Of those, resets.
    pub resets: u64,
    /// Of those, undos (an answer taken back, or deleted with `reset --delete-history`).
    pub undos: u64,
    /// Of those, settings changed.
    pub settings: u64,
    /// Cards replayed.
    pub cards: u64,
    /// New FSRS parameters arrived: card memories were recomputed.
    pub parameters: bool,
}

/// Where a sync stands, for `recall stats` and `recall sync --status`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyncStatus {
    pub device: String,
    /// The sync folder (`folder:PATH`) or git remote (`git:URL`).
    pub target: String,
    pub last_sync: Option<Timestamp>,
    /// Local answers, sessions, resets, undos, parameters not yet sent to the folder or remote.
    pub waiting: u64,
}

impl Store {
    /// A value of `sync_state`.
    pub fn sync_value(&self, key: &str) -> Result<Option<String>, StoreError> {
        get_state(&self.conn, key).map_err(|e| self.err(e))
    }

    /// Sets a value of `sync_state`.
    pub fn set_sync_value(&self, key: &str, value: &str) -> Result<(), StoreError> {
        set_state(&self.conn, key, value).map_err(|e| self.err(e))
    }

    /// This device's id: made once (a UUIDv7) and kept.
    pub fn sync_device(&self, now: Timestamp) -> Result<String, StoreError> {
        if let Some(id) = self.sync_value("device")? {
            return Ok(id);
        }
        let id = new_id(now);
        self.set_sync_value("device", &id)?;
        Ok(id)
    }

    /// Where sync stands, `None` if it was never set up.
    pub fn sync_status(&self) -> Result<Option<SyncStatus>, StoreError> {
        let (Some(device), Some(target)) = (self.sync_value("device")?, self.sync_value("target")?)
        else {
            return Ok(None);
        };
        let last_sync = self.sync_value("last-sync")?.and_then(|s| s.parse().ok());
        let pushed: i64 = self.sync_value("pushed-seq")?.and_then(|s| s.parse().ok()).unwrap_or(0);
        let count = |sql: &str, args: &[&dyn rusqlite::ToSql]| -> Result<u64, StoreError> {
            self.conn
                .query_row(sql, args, |r| r.get::<_, i64>(0))
                .map(|n| n as u64)
                .map_err(|e| self.err(e))
        };
        let waiting = count(
            "SELECT count(*) FROM sync_events WHERE device = ?1 AND seq > ?2",
            &[&device, &pushed],
        )? + count(
            "SELECT count(*) FROM reviews r WHERE NOT EXISTS
                (SELECT 1 FROM sync_events e WHERE e.kind = 'answer' AND e.row = r.id)",
            &[],
        )? + count(
            "SELECT count(*) FROM sessions s WHERE ended IS NOT NULL AND NOT EXISTS
                (SELECT 1 FROM sync_events e WHERE e.kind = 'session' AND e.row = s.id)",
            &[],
        )? + count(
            "SELECT count(*) FROM card_resets c WHERE NOT EXISTS
                (SELECT 1 FROM sync_events e WHERE e.kind = 'reset' AND e.row = c.id)",
            &[],
        )? + count("SELECT count(*) FROM sync_voids WHERE pending = 1", &[])?;
        Ok(Some(SyncStatus { device, target, last_sync, waiting }))
    }

    /// The highest sequence number this device has given an event (0: none yet).
    pub fn sync_max_seq(&self, device: &str) -> Result<u64, StoreError> {
        self.conn
            .query_row(
                "SELECT coalesce(max(seq), 0) FROM sync_events WHERE device = ?1",
                [device],
                |r| r.get::<_, i64>(0),
            )
            .map(|n| n as u64)
            .map_err(|e| self.err(e))
    }

    /// Every event id this store knows (its own and the other devices').
    pub fn sync_known_ids(&self) -> Result<HashSet<String>, StoreError> {
        let mut stmt = self.conn.prepare("SELECT id FROM sync_events").map_err(|e| self.err(e))?;
        stmt.query_map([], |r| r.get(0))
            .map_err(|e| self.err(e))?
            .collect::<Result<_, _>>()
            .map_err(|e| self.err(e))
    }

    /// This device's staged lines not yet confirmed in its log file, by sequence.
    pub fn sync_unwritten(&self, device: &str) -> Result<Vec<(u64, String)>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT seq, line FROM sync_events WHERE device = ?1 AND line IS NOT NULL
                 ORDER BY seq",
            )
            .map_err(|e| self.err(e))?;
        stmt.query_map([device], |r| Ok((r.get::<_, i64>(0)? as u64, r.get(1)?)))
            .map_err(|e| self.err(e))?
            .collect::<Result<_, _>>()
            .map_err(|e| self.err(e))
    }

    /// The lines with these sequence numbers are in the log file (fsynced): forget them.
    pub fn sync_written(&mut self, device: &str, seqs: &[u64]) -> Result<(), StoreError> {
        let path = self.path.clone();
        let e = |err| StoreError::sqlite(&path, err);
        let tx = self.conn.transaction().map_err(e)?;
        {
            let mut stmt = tx
                .prepare("UPDATE sync_events SET line = NULL WHERE device = ?1 AND seq = ?2")
                .map_err(e)?;
            for seq in seqs {
                stmt.execute(params![device, *seq as i64]).map_err(e)?;
            }
        }
        tx.commit().map_err(e)
    }

    /// One sync's changes to the store, in one transaction (see the module's documentation):
    /// stage this device's new events (times written in `tz`; sequence numbers after both
    /// the store's and `in_files`, the highest of this device's in the log files), apply
    /// `incoming` (every device's events, any order; those already known are skipped), replay
    /// the cards touched.
    ///
    /// This device's own events are known, except after a backup made before they were
    /// written was restored: then they are taken back in like any other device's (the other
    /// computers have them), and new events never reuse their sequence numbers. Learner days
    /// are counted in `tz` with the rollover hour as the settings say after the merge.
    pub fn sync_merge(
        &mut self,
        device: &str,
        incoming: &[Event],
        in_files: u64,
        now: Timestamp,
        tz: &jiff::tz::TimeZone,
    ) -> Result<MergeCounts, StoreError> {
        let path = self.path.clone();
        let e = |err| StoreError::sqlite(&path, err);
        let bad = |detail: String| StoreError::BadData { path: path.clone(), detail };
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(e)?;
        let mut counts = MergeCounts::default();
        let mut touched: BTreeSet<i64> = BTreeSet::new();

        // What the row helpers return, as the store's errors (naming the file).
        let row_err = |err: RowError| match err {
            RowError::Sql(err) => e(err),
            RowError::Bad(detail) => bad(detail),
        };
        adopt(&tx, device, incoming).map_err(row_err)?;
        counts.staged = stage(&tx, device, in_files, now, tz, &mut touched).map_err(row_err)?;
        apply(&tx, incoming, &mut counts, &mut touched).map_err(row_err)?;

        let settings = read_settings(&tx).map_err(e)?.map_err(bad)?;
        let parameters = read_parameters(&tx).map_err(e)?.map_err(bad)?;
        let scheduler = Scheduler::new(&settings, parameters.as_deref())
            .map_err(|err| bad(format!("FSRS parameters: {err}")))?;
        let day = StudyDay::new(now, tz.clone(), settings.rollover_hour);
        for card in &touched {
            replay_card(&tx, *card, &scheduler, &day).map_err(row_err)?;
        }
        counts.cards = touched.len() as u64;
        if counts.parameters {
            set_state(&tx, "recompute", "1").map_err(e)?;
        }
        tx.commit().map_err(e)?;
        // New parameters change every card's memory (as `recall optimize` does on the device
        // that fitted them); the flag makes a sync killed here finish it next time.
        if self.sync_value("recompute")?.is_some() {
            self.recompute_memories(&scheduler, &day)?;
            self.conn
                .execute("DELETE FROM sync_state WHERE key = 'recompute'", [])
                .map_err(|err| self.err(err))?;
        }
        Ok(counts)
    }
}

/// Reading a stored row failed: in SQLite, or the row holds a value this version rejects.
enum RowError {
    Sql(rusqlite::Error),
    Bad(String),
}

impl From<rusqlite::Error> for RowError {
    fn from(e: rusqlite::Error) -> RowError {
        RowError::Sql(e)
    }
}

impl From<String> for RowError {
    fn from(e: String) -> RowError {
        RowError::Bad(e)
    }
}

fn get_state(conn: &Connection, key: &str) -> rusqlite::Result<Option<String>> {
    conn.query_row("SELECT value FROM sync_state WHERE key = ?1", [key], |r| r.get(0)).optional()
}

fn set_state(conn: &Connection, key: &str, value: &str) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO sync_state (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )
    .map(|_| ())
}

fn read_settings(conn: &Connection) -> rusqlite::Result<Result<Settings, String>> {
    let mut settings = Settings::default();
    for (key, value) in stored_settings(conn)? {
        if Settings::is_key(&key)
            && let Err(err) = settings.set(&key, &value)
        {
            return Ok(Err(format!("setting {err}")));
        }
    }
    Ok(Ok(settings))
}

fn stored_settings(conn: &Connection) -> rusqlite::Result<Vec<(String, String)>> {
    let mut stmt = conn.prepare("SELECT key, value FROM settings ORDER BY key")?;
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect()
}

fn read_parameters(conn: &Connection) -> rusqlite::Result<Result<Option<Vec<f32>>, String>> {
    let json: Option<String> = conn
        .query_row(
            "SELECT parameters FROM fsrs_parameters ORDER BY created DESC, id DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .optional()?;
    Ok(json
        .map(|j| serde_json::from_str(&j).map_err(|e| format!("FSRS parameters ({e})")))
        .transpose())
}

/// Who set each synced setting last: `key → [unix seconds, device, seq]`.
type SettingOrder = HashMap<String, (i64, String, u64)>;

fn json_state<T: serde::de::DeserializeOwned + Default>(
    conn: &Connection,
    key: &str,
) -> Result<T, RowError> {
    match get_state(conn, key)? {
        Some(text) => serde_json::from_str(&text).map_err(|e| RowError::Bad(format!("{key}: {e}"))),
        None => Ok(T::default()),
    }
}

fn set_json_state(
    conn: &Connection,
    key: &str,
    value: &impl serde::Serialize,
) -> rusqlite::Result<()> {
    // Maps of strings and numbers always serialize.
    set_state(conn, key, &serde_json::to_string(value).unwrap_or_default())
}

/// This device's events in its log files that the store does not know (it was restored from
/// a backup made before they were written) and whose facts it still holds, unsent (made
/// before the backup, sent after it): each such row is matched to its event — an answer by
/// card, time and grade, a session by mode and start, a reset by card and time, parameters by
/// the time they were fitted — so it is not sent again under a new id. Events with no row
/// here are left for [`apply`], which takes them back in like any other device's.
fn adopt(tx: &Connection, device: &str, incoming: &[Event]) -> Result<(), RowError> {
    // One read of this device's ids: on a computer with a long history every sync passes
    // all of its own events here.
    let known: HashSet<String> = {
        let mut stmt = tx.prepare("SELECT id FROM sync_events WHERE device = ?1")?;
        stmt.query_map([device], |r| r.get(0))?.collect::<Result<_, _>>()?
    };
    let mut link = tx.prepare_cached(
        "INSERT INTO sync_events (id, device, seq, kind, row, ord) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    let card_id = |card: &str| -> rusqlite::Result<Option<i64>> {
        tx.query_row("SELECT id FROM card_keys WHERE key = ?1", [card], |r| r.get(0)).optional()
    };
    for event in incoming.iter().filter(|e| e.device == device) {
        if known.contains(&event.id) {
            continue;
        }
        let time = event.timestamp().unwrap_or_default().as_second();
        let (kind, row, ord): (&str, Option<i64>, Option<i64>) = match &event.body {
            Body::Answer(a) => {
                let row = match card_id(&a.card)? {
                    Some(card) => tx
                        .query_row(
                            "SELECT id FROM reviews r WHERE card = ?1 AND time = ?2 AND grade = ?3
                                AND NOT EXISTS (SELECT 1 FROM sync_events e
                                    WHERE e.kind = 'answer' AND e.row = r.id)
                             ORDER BY id LIMIT 1",
                            params![card, time, a.grade],
                            |r| r.get(0),
                        )
                        .optional()?,
                    None => None,
                };
                ("answer", row, Some(a.order))
            }
            Body::Session(s) => (
                "session",
                tx.query_row(
                    "SELECT id FROM sessions s WHERE mode = ?1 AND started = ?2
                        AND NOT EXISTS (SELECT 1 FROM sync_events e
                            WHERE e.kind = 'session' AND e.row = s.id)
                     ORDER BY id LIMIT 1",
                    params![s.mode, s.started],
                    |r| r.get(0),
                )
                .optional()?,
                None,
            ),
            Body::Reset { card } => {
                let row = match card_id(card)? {
                    Some(number) => tx
                        .query_row(
                            "SELECT id FROM card_resets c WHERE card = ?1 AND time = ?2
                                AND NOT EXISTS (SELECT 1 FROM sync_events e
                                    WHERE e.kind = 'reset' AND e.row = c.id)
                             ORDER BY id LIMIT 1",
                            params![number, time],
                            |r| r.get(0),
                        )
                        .optional()?,
                    None => None,
                };
                ("reset", row, None)
            }
            Body::Parameters { .. } => (
                "parameters",
                tx.query_row(
                    "SELECT id FROM fsrs_parameters p WHERE created = ?1
                        AND NOT EXISTS (SELECT 1 FROM sync_events e
                            WHERE e.kind = 'parameters' AND e.row = p.id)
                     ORDER BY id LIMIT 1",
                    [time],
                    |r| r.get(0),
                )
                .optional()?,
                None,
            ),
            Body::Undo { .. } | Body::Setting { .. } => continue,
        };
        if let Some(row) = row {
            link.execute(params![event.id, device, event.seq as i64, kind, row, ord])?;
        }
    }
    Ok(())
}

/// Appends this device's new events to `sync_events` (see [`Store::sync_merge`]); returns
/// how many.
fn stage(
    tx: &Connection,
    device: &str,
    in_files: u64,
    now: Timestamp,
    tz: &jiff::tz::TimeZone,
    touched: &mut BTreeSet<i64>,
) -> Result<u64, RowError> {
    let mut seq: u64 = tx.query_row(
        "SELECT coalesce(max(seq), 0) FROM sync_events WHERE device = ?1",
        [device],
        |r| r.get::<_, i64>(0),
    )? as u64;
    seq = seq.max(in_files);
    let first = seq;
    let mut insert = tx.prepare_cached(
        "INSERT INTO sync_events (id, device, seq, kind, row, ord, line)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    let mut emit = |id: Option<String>,
                    time: Timestamp,
                    kind: &str,
                    row: Option<i64>,
                    ord: Option<i64>,
                    body: Body| {
        seq += 1;
        let event = Event {
            v: VERSION,
            id: id.unwrap_or_else(|| new_id(time)),
            device: device.to_owned(),
            seq,
            time: time_text(time, tz),
            body,
        };
        insert
            .execute(params![event.id, device, seq as i64, kind, row, ord, event.to_line()])
            .map(|_| seq)
    };

    // The answers to stage, with their event ids made now: a study set in its session's
    // event names the answers it gave by these ids (see `set_refs_to_events`).
    let reviews = {
        let mut stmt = tx.prepare(&format!(
            "SELECT {REVIEW_COLUMNS} FROM reviews WHERE NOT EXISTS
                (SELECT 1 FROM sync_events e WHERE e.kind = 'answer' AND e.row = reviews.id)
                AND (session IS NULL OR
                    (SELECT ended FROM sessions s WHERE s.id = reviews.session) IS NOT NULL)
             ORDER BY id"
        ))?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::new();
        while let Some(row) = rows.next()? {
            out.push(review_from(row)?);
        }
        out
    };
    let answer_ids: HashMap<i64, String> =
        reviews.iter().map(|r| (r.id.0, new_id(r.time))).collect();

    // Sessions first: an answer names its session's event.
    let sessions = {
        let mut stmt = tx.prepare(
            "SELECT id, mode, decks, started, ended, questions, right, wrong, score, extra
             FROM sessions s WHERE ended IS NOT NULL AND NOT EXISTS
                (SELECT 1 FROM sync_events e WHERE e.kind = 'session' AND e.row = s.id)
             ORDER BY id",
        )?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::new();
        while let Some(row) = rows.next()? {
            out.push(session_from(row)?);
        }
        out
    };
    for s in sessions {
        let mut paper = paper_of(tx, s.id.0)?;
        if s.mode != SessionMode::Exam {
            for q in &mut paper {
                set_refs_to_events(tx, &mut q.question, &answer_ids)?;
            }
        }
        let body = Body::Session(SessionEvent {
            mode: s.mode.name().to_owned(),
            decks: s.decks.iter().map(ToString::to_string).collect(),
            started: s.started.as_second(),
            ended: s.summary.ended.map(|t| t.as_second()),
            questions: s.summary.questions,
            right: s.summary.right,
            wrong: s.summary.wrong,
            score: s.summary.score,
            extra: s.summary.extra,
            paper,
        });
        emit(None, s.summary.ended.unwrap_or(s.started), "session", Some(s.id.0), None, body)?;
    }

    // Answers, in the order this device stored them, each ordered after every answer to its
    // card this device had seen.
    let mut latest: HashMap<String, i64> = HashMap::new();
    for r in reviews {
        let number = card_number(tx, &r.card)?;
        let seen = match latest.get(&r.card) {
            Some(t) => Some(*t),
            // CROSS JOIN keeps the card's reviews the outer loop: left to itself SQLite walks
            // every answer event for each card (3.8 s to stage 100 answers on top of 100,000,
            // BENCHMARKS.md).
            None => tx.query_row(
                "SELECT max(e.ord) FROM reviews r CROSS JOIN sync_events e
                    ON e.kind = 'answer' AND e.row = r.id
                 WHERE r.card = ?1",
                [number],
                |row| row.get::<_, Option<i64>>(0),
            )?,
        };
        // Strictly after what was seen: a tie would be broken by device ids, which know
        // nothing of who saw whom.
        let order = seen.map_or(r.time.as_second(), |s| (s + 1).max(r.time.as_second()));
        latest.insert(r.card.clone(), order);
        let session = match r.session {
            Some(s) => tx
                .query_row(
                    "SELECT id FROM sync_events WHERE kind = 'session' AND row = ?1",
                    [s.0],
                    |row| row.get::<_, String>(0),
                )
                .optional()?,
            None => None,
        };
        let body = Body::Answer(AnswerEvent {
            card: r.card.clone(),
            grade: r.grade.number(),
            duration_ms: r.duration_ms,
            kind: r.kind.map_or_else(|| "flashcard".to_owned(), |k| k.slug().to_owned()),
            response: r.response.clone(),
            correct: r.correct,
            outcome: r.outcome.name().to_owned(),
            cram: r.cram,
            session,
            imported: r.imported.clone(),
            order,
        });
        emit(answer_ids.get(&r.id.0).cloned(), r.time, "answer", Some(r.id.0), Some(order), body)?;
        if !r.cram {
            touched.insert(number);
        }
    }

    // Resets.
    let resets: Vec<(i64, String, i64)> = {
        let mut stmt = tx.prepare(
            "SELECT c.id, k.key, c.time FROM card_resets c JOIN card_keys k ON k.id = c.card
             WHERE NOT EXISTS (SELECT 1 FROM sync_events e WHERE e.kind = 'reset' AND e.row = c.id)
             ORDER BY c.id",
        )?;
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<Result<_, _>>()?
    };
    for (id, card, time) in resets {
        emit(None, ts(time)?, "reset", Some(id), None, Body::Reset { card })?;
    }

    // Undos: answers deleted here that were events.
    let voids: Vec<String> = {
        let mut stmt = tx.prepare("SELECT target FROM sync_voids WHERE pending = 1")?;
        stmt.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?
    };
    for target in voids {
        emit(None, now, "undo", None, None, Body::Undo { target: target.clone() })?;
        tx.execute("UPDATE sync_voids SET pending = 0 WHERE target = ?1", [&target])?;
    }

    // Fitted parameters.
    let fitted: Vec<(i64, i64, String, i64)> = {
        let mut stmt = tx.prepare(
            "SELECT id, created, parameters, reviews FROM fsrs_parameters p WHERE NOT EXISTS
                (SELECT 1 FROM sync_events e WHERE e.kind = 'parameters' AND e.row = p.id)
             ORDER BY id",
        )?;
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
            .collect::<Result<_, _>>()?
    };
    for (id, created, json, reviews) in fitted {
        let parameters: Vec<f32> = serde_json::from_str(&json)
            .map_err(|e| RowError::Bad(format!("FSRS parameters ({e})")))?;
        let body = Body::Parameters { parameters, reviews: reviews.max(0) as u64 };
        emit(None, ts(created)?, "parameters", Some(id), None, body)?;
    }

    // Settings changed since the last sync (their time: now, when sync first sees them).
    let snapshot: HashMap<String, String> = json_state(tx, "settings")?;
    let mut order: SettingOrder = json_state(tx, "settings-order")?;
    let current: HashMap<String, String> = stored_settings(tx)?
        .into_iter()
        .filter(|(k, _)| !LOCAL_SETTINGS.contains(&k.as_str()))
        .collect();
    let mut keys: BTreeSet<&String> = current.keys().collect();
    keys.extend(snapshot.keys());
    for key in keys {
        let value = current.get(key);
        if value == snapshot.get(key) {
            continue;
        }
        let body = Body::Setting { key: key.clone(), value: value.cloned() };
        let at = emit(None, now, "setting", None, None, body)?;
        order.insert(key.clone(), (now.as_second(), device.to_owned(), at));
    }
    set_json_state(tx, "settings", &current)?;
    set_json_state(tx, "settings-order", &order)?;
    Ok(seq - first)
}

/// A row of `exam_answers` as read: position, card, question JSON, chosen, marked, time.
type PaperRow = (u32, String, String, Option<u32>, bool, Option<i64>);

/// A paper's questions as stored, for its session event.
fn paper_of(tx: &Connection, session: i64) -> Result<Vec<PaperQuestion>, RowError> {
    let mut stmt = tx.prepare(
        "SELECT position, card, question, chosen, marked, answered_at FROM exam_answers
         WHERE session = ?1 ORDER BY position",
    )?;
    let rows: Vec<PaperRow> = stmt
        .query_map([session], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?))
        })?
        .collect::<Result<_, _>>()?;
    rows.into_iter()
        .map(|(position, card, question, chosen, marked, answered_at)| {
            Ok(PaperQuestion {
                position,
                card,
                question: serde_json::from_str(&question)
                    .map_err(|e| RowError::Bad(format!("paper question ({e})")))?,
                chosen,
                marked,
                answered_at,
            })
        })
        .collect()
}

/// A study set's question names the answers it gave (`reviews`) and the session's answer it
/// came after (`after`) by their rows in `reviews`, which mean nothing on another computer:
/// in the session's event they become the answers' event ids (`answer_ids`: the answers
/// staged now; an answer staged before is looked up). A row no event stands for (an answer
/// since deleted) is left out.
fn set_refs_to_events(
    tx: &Connection,
    question: &mut serde_json::Value,
    answer_ids: &HashMap<i64, String>,
) -> Result<(), RowError> {
    let event_of = |row: i64| -> Result<Option<String>, RowError> {
        if let Some(id) = answer_ids.get(&row) {
            return Ok(Some(id.clone()));
        }
        Ok(tx
            .query_row(
                "SELECT id FROM sync_events WHERE kind = 'answer' AND row = ?1",
                [row],
                |r| r.get(0),
            )
            .optional()?)
    };
    let Some(map) = question.as_object_mut() else { return Ok(()) };
    if let Some(serde_json::Value::Array(rows)) = map.get("reviews") {
        let mut ids = Vec::new();
        for row in rows.iter().filter_map(serde_json::Value::as_i64) {
            ids.extend(event_of(row)?.map(serde_json::Value::from));
        }
        map.insert("reviews".into(), ids.into());
    }
    if let Some(row) = map.get("after").and_then(serde_json::Value::as_i64) {
        map.insert("after".into(), event_of(row)?.into());
    }
    Ok(())
}

/// The other way on the computer that takes a session in: every study set whose `reviews`
/// or `after` still name answers by event id gets this store's rows for those it holds. An
/// id with no answer here yet stays as it is, for a later sync; an answer voided is left
/// out. Run after the answers are applied.
fn set_refs_to_rows(tx: &Connection) -> Result<(), RowError> {
    let sets: Vec<(i64, i64, String)> = {
        let mut stmt = tx.prepare(
            "SELECT session, position, question FROM exam_answers a
             WHERE (SELECT mode FROM sessions s WHERE s.id = a.session) IN ('study', 'cram')
               AND question LIKE '%\"reviews\":%'",
        )?;
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<Result<_, _>>()?
    };
    let mut row_of =
        tx.prepare_cached("SELECT row FROM sync_events WHERE id = ?1 AND kind = 'answer'")?;
    for (session, position, text) in sets {
        let mut question: serde_json::Value = serde_json::from_str(&text)
            .map_err(|e| RowError::Bad(format!("a study set's question ({e})")))?;
        let Some(map) = question.as_object_mut() else { continue };
        let mut changed = false;
        // An event known here: `Some(row)`, its row or `None` if voided; unknown: `None`.
        let mut resolve = |id: &str| -> Result<Option<Option<i64>>, RowError> {
            Ok(row_of.query_row([id], |r| r.get::<_, Option<i64>>(0)).optional()?)
        };
        if let Some(serde_json::Value::Array(refs)) = map.get("reviews")
            && refs.iter().any(serde_json::Value::is_string)
        {
            let mut out = Vec::new();
            for r in refs {
                match r.as_str() {
                    Some(id) => match resolve(id)? {
                        Some(Some(row)) => out.push(serde_json::Value::from(row)),
                        Some(None) => {}
                        None => out.push(r.clone()),
                    },
                    None => out.push(r.clone()),
                }
            }
            map.insert("reviews".into(), out.into());
            changed = true;
        }
        if let Some(id) = map.get("after").and_then(serde_json::Value::as_str).map(str::to_owned)
            && let Some(row) = resolve(&id)?
        {
            map.insert("after".into(), row.into());
            changed = true;
        }
        if changed {
            tx.execute(
                "UPDATE exam_answers SET question = ?3 WHERE session = ?1 AND position = ?2",
                params![session, position, question.to_string()],
            )?;
        }
    }
    Ok(())
}

/// Applies the other devices' events not known yet: sessions, then answers, resets, undos,
/// parameters and settings, each in (device, sequence) order.
fn apply(
    tx: &Connection,
    incoming: &[Event],
    counts: &mut MergeCounts,
    touched: &mut BTreeSet<i64>,
) -> Result<(), RowError> {
    let known: HashSet<String> = {
        let mut stmt = tx.prepare("SELECT id FROM sync_events")?;
        stmt.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?
    };
    let mut fresh: Vec<&Event> = Vec::new();
    let mut seen: HashSet<&str> = HashSet::new();
    for event in incoming {
        if !known.contains(&event.id) && seen.insert(&event.id) {
            fresh.push(event);
        }
    }
    let rank = |b: &Body| match b {
        Body::Session(_) => 0,
        Body::Answer(_) => 1,
        Body::Reset { .. } => 2,
        Body::Undo { .. } => 3,
        Body::Parameters { .. } => 4,
        Body::Setting { .. } => 5,
    };
    fresh.sort_by(|a, b| (rank(&a.body), &a.device, a.seq).cmp(&(rank(&b.body), &b.device, b.seq)));
    let mut record = tx.prepare_cached(
        "INSERT INTO sync_events (id, device, seq, kind, row, ord) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    let mut order: SettingOrder = json_state(tx, "settings-order")?;
    let mut snapshot: HashMap<String, String> = json_state(tx, "settings")?;
    let newest_parameters: Option<i64> =
        tx.query_row("SELECT max(created) FROM fsrs_parameters", [], |r| r.get(0))?;
    for event in fresh {
        // Parsed events always have a time (see `event::parse`).
        let time = event.timestamp().unwrap_or_default();
        let (kind, row, ord) = match &event.body {
            Body::Session(s) => {
                counts.sessions += 1;
                ("session", Some(insert_session(tx, s)?), None)
            }
            Body::Answer(a) => {
                let voided: bool = tx
                    .query_row("SELECT 1 FROM sync_voids WHERE target = ?1", [&event.id], |_| {
                        Ok(true)
                    })
                    .optional()?
                    .is_some();
                let row = if voided { None } else { insert_answer(tx, a, time, touched)? };
                counts.answers += u64::from(row.is_some());
                ("answer", row, Some(a.order))
            }
            Body::Reset { card } => {
                let key: CardKey =
                    card.parse().map_err(|e| RowError::Bad(format!("reset of `{card}`: {e}")))?;
                let number = card_number(tx, card)?;
                let row = insert_reset(tx, &key, number, time)?;
                touched.insert(number);
                counts.resets += 1;
                ("reset", Some(row), None)
            }
            Body::Undo { target } => {
                tx.execute(
                    "INSERT INTO sync_voids (target, pending) VALUES (?1, 0)
                     ON CONFLICT (target) DO NOTHING",
                    [target],
                )?;
                let review: Option<(i64, i64)> = tx
                    .query_row(
                        "SELECT r.id, r.card FROM sync_events e JOIN reviews r ON r.id = e.row
                         WHERE e.id = ?1 AND e.kind = 'answer'",
                        [target],
                        |r| Ok((r.get(0)?, r.get(1)?)),
                    )
                    .optional()?;
                if let Some((review, card)) = review {
                    tx.execute("DELETE FROM reviews WHERE id = ?1", [review])?;
                    touched.insert(card);
                }
                counts.undos += 1;
                ("undo", None, None)
            }
            Body::Parameters { parameters, reviews } => {
                let json = serde_json::to_string(parameters).unwrap_or_default();
                tx.execute(
                    "INSERT INTO fsrs_parameters (created, parameters, reviews) VALUES (?1, ?2, ?3)",
                    params![time.as_second(), json, *reviews as i64],
                )?;
                if newest_parameters.is_none_or(|n| time.as_second() >= n) {
                    counts.parameters = true;
                }
                ("parameters", Some(tx.last_insert_rowid()), None)
            }
            Body::Setting { key, value } => {
                let stamp = (time.as_second(), event.device.clone(), event.seq);
                let later = order.get(key).is_none_or(|o| stamp > *o);
                let valid = value.as_ref().is_none_or(|v| Settings::default().set(key, v).is_ok());
                if later
                    && Settings::is_key(key)
                    && valid
                    && !LOCAL_SETTINGS.contains(&key.as_str())
                {
                    match value {
                        Some(v) => {
                            let mut s = Settings::default();
                            let _ = s.set(key, v);
                            let normalized = s.get(key).unwrap_or_else(|_| v.clone());
                            tx.execute(
                                "INSERT INTO settings (key, value) VALUES (?1, ?2)
                                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                                params![key, normalized],
                            )?;
                            snapshot.insert(key.clone(), normalized);
                        }
                        None => {
                            tx.execute("DELETE FROM settings WHERE key = ?1", [key])?;
                            snapshot.remove(key);
                        }
                    }
                    order.insert(key.clone(), stamp);
                }
                counts.settings += 1;
                ("setting", None, None)
            }
        };
        record.execute(params![event.id, event.device, event.seq as i64, kind, row, ord])?;
        counts.applied += 1;
    }
    set_json_state(tx, "settings-order", &order)?;
    set_json_state(tx, "settings", &snapshot)?;
    if counts.answers > 0 {
        set_refs_to_rows(tx)?;
    }
    Ok(())
}

fn insert_session(tx: &Connection, s: &SessionEvent) -> Result<i64, RowError> {
    let decks = serde_json::to_string(&s.decks).unwrap_or_else(|_| "[]".into());
    let extra = s.extra.as_ref().map(serde_json::Value::to_string);
    let mode = match s.mode.as_str() {
        m @ ("study" | "cram" | "exam") => m,
        other => return Err(RowError::Bad(format!("unknown session mode `{other}`"))),
    };
    tx.execute(
        "INSERT INTO sessions (mode, decks, started, ended, questions, right, wrong, score, extra)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![mode, decks, s.started, s.ended, s.questions, s.right, s.wrong, s.score, extra],
    )?;
    let id = tx.last_insert_rowid();
    for q in &s.paper {
        let fact = q.card.rsplit_once('/').map_or(q.card.as_str(), |(f, _)| f);
        tx.execute(
            "INSERT INTO exam_answers
                (session, position, card, fact, question, chosen, marked, answered_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                id,
                q.position,
                q.card,
                fact,
                q.question.to_string(),
                q.chosen,
                q.marked,
                q.answered_at
            ],
        )?;
    }
    Ok(id)
}

/// Stores another device's answer as a review row (its states are set by the replay) and
/// returns the row; an imported review whose origin is already here (both devices imported
/// the same log) is that row.
fn insert_answer(
    tx: &Connection,
    a: &AnswerEvent,
    time: Timestamp,
    touched: &mut BTreeSet<i64>,
) -> Result<Option<i64>, RowError> {
    let key: CardKey =
        a.card.parse().map_err(|e| RowError::Bad(format!("answer to `{}`: {e}", a.card)))?;
    let grade = stored_grade(i64::from(a.grade))?;
    let number = card_number(tx, &key.to_string())?;
    if let Some(origin) = &a.imported {
        let existing: Option<i64> = tx
            .query_row("SELECT id FROM reviews WHERE imported = ?1", [origin], |r| r.get(0))
            .optional()?;
        if existing.is_some() {
            return Ok(existing);
        }
    }
    let session: Option<i64> = match &a.session {
        Some(id) => tx
            .query_row(
                "SELECT row FROM sync_events WHERE id = ?1 AND kind = 'session'",
                [id],
                |r| r.get(0),
            )
            .optional()?
            .flatten(),
        None => None,
    };
    let outcome = match a.outcome.as_str() {
        o @ ("correct" | "near-miss" | "wrong" | "dont-know") => o,
        other => return Err(RowError::Bad(format!("unknown outcome `{other}`"))),
    };
    let mut stmt = tx.prepare_cached(
        "INSERT INTO reviews (time, card, session, kind, response, correct, outcome, grade,
            duration_ms, cram, imported, before_reps, before_lapses, after_phase, after_reps,
            after_lapses)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, 0, 0, 'new', 0, 0)",
    )?;
    stmt.execute(params![
        time.as_second(),
        number,
        session,
        a.kind,
        a.response,
        a.correct,
        outcome,
        grade.number(),
        a.duration_ms,
        a.cram,
        a.imported,
    ])?;
    if !a.cram {
        touched.insert(number);
    }
    Ok(Some(tx.last_insert_rowid()))
}

/// Makes the card new again at `time`, as `recall reset` does, keeping the state it threw
/// away; returns the reset's row.
fn insert_reset(
    tx: &Connection,
    key: &CardKey,
    number: i64,
    time: Timestamp,
) -> Result<i64, RowError> {
    let state = super::manage::read_state(tx, key)?.map_err(RowError::Bad)?;
    let c = StateColumns::of(state.as_ref());
    tx.execute(
        "INSERT INTO card_resets (card, time, phase, stability, difficulty, due, reps, lapses,
            last_review) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            number,
            time.as_second(),
            c.phase,
            c.stability,
            c.difficulty,
            c.due,
            c.reps,
            c.lapses,
            c.last_review
        ],
    )?;
    let row = tx.last_insert_rowid();
    tx.execute(
        "UPDATE cards SET phase = 'new', stability = NULL, difficulty = NULL, due = NULL,
            reps = 0, lapses = 0, last_review = NULL, buried_until = NULL
         WHERE key = ?1",
        [key.to_string()],
    )?;
    Ok(row)
}

/// One answer of a card during its replay.
struct Step {
    id: i64,
    time: Timestamp,
    grade: Grade,
    order: (i64, String, i64),
}

/// Replays card number `card` from its whole history in merge order — by order time, then
/// device, then sequence (an answer with no event yet keeps its own time and comes first
/// among equals; a sync stages every answer before it replays) — from its last reset on, and
/// writes every answer's states and the card's.
fn replay_card(
    tx: &Connection,
    card: i64,
    scheduler: &Scheduler,
    day: &StudyDay,
) -> Result<(), RowError> {
    let key_text: String =
        tx.query_row("SELECT key FROM card_keys WHERE id = ?1", [card], |r| r.get(0))?;
    let key: CardKey =
        key_text.parse().map_err(|e| RowError::Bad(format!("card `{key_text}`: {e}")))?;
    let mut steps: Vec<Step> = {
        let mut stmt = tx.prepare_cached(
            "SELECT r.id, r.time, r.grade, coalesce(e.ord, r.time), coalesce(e.device, ''),
                    coalesce(e.seq, 0)
             FROM reviews r LEFT JOIN sync_events e ON e.kind = 'answer' AND e.row = r.id
             WHERE r.card = ?1 AND r.cram = 0",
        )?;
        let mut rows = stmt.query([card])?;
        let mut out = Vec::new();
        while let Some(row) = rows.next()? {
            out.push(Step {
                id: row.get(0)?,
                time: ts(row.get(1)?)?,
                grade: stored_grade(row.get(2)?)?,
                order: (row.get(3)?, row.get(4)?, row.get(5)?),
            });
        }
        out
    };
    steps.sort_by(|a, b| a.order.cmp(&b.order).then(a.id.cmp(&b.id)));
    let reset = super::manage::last_reset(tx, card)?;
    let split = reset.map_or(0, |at| steps.partition_point(|s| s.order.0 <= at.as_second()));
    let mut rewrite = tx.prepare_cached(
        "UPDATE reviews SET before_phase = ?2, before_stability = ?3, before_difficulty = ?4,
            before_due = ?5, before_reps = ?6, before_lapses = ?7, before_last_review = ?8,
            after_phase = ?9, after_stability = ?10, after_difficulty = ?11, after_due = ?12,
            after_reps = ?13, after_lapses = ?14, after_last_review = ?15
         WHERE id = ?1",
    )?;
    let mut last: Option<CardState> = None;
    for part in [&steps[..split], &steps[split..]] {
        let answers: Vec<(Timestamp, Grade)> = part.iter().map(|s| (s.time, s.grade)).collect();
        let states = scheduler
            .replay_states(&key, &answers, day)
            .map_err(|e| RowError::Bad(format!("replaying {key_text}: {e}")))?;
        let mut before: Option<&CardState> = None;
        for (step, after) in part.iter().zip(&states) {
            let b = StateColumns::of(before);
            let a = StateColumns::from(after);
            rewrite.execute(params![
                step.id,
                b.phase,
                b.stability,
                b.difficulty,
                b.due,
                b.reps,
                b.lapses,
                b.last_review,
                a.phase,
                a.stability,
                a.difficulty,
                a.due,
                a.reps,
                a.lapses,
                a.last_review
            ])?;
            before = Some(after);
        }
        last = states.last().cloned();
    }
    match (last, split < steps.len()) {
        (Some(state), true) => upsert_card(tx, &key, &state)?,
        // No answer left and never reset: the card has no progress, as an undo of its only
        // answer leaves it (a card put aside keeps its row).
        _ if steps.is_empty() && reset.is_none() => {
            tx.execute(
                "DELETE FROM cards WHERE key = ?1 AND suspended = 0 AND buried_until IS NULL",
                [&key_text],
            )?;
        }
        // Every answer is before the last reset (or there are none): the card is new, its
        // hold (suspended) kept.
        _ => {
            tx.execute(
                "UPDATE cards SET phase = 'new', stability = NULL, difficulty = NULL, due = NULL,
                    reps = 0, lapses = 0, last_review = NULL WHERE key = ?1",
                [&key_text],
            )?;
        }
    }
    Ok(())
}
