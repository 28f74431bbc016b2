//! Anki import speed: a package of 20,000 notes (basic, reversed and cloze) with 200,000
//! reviews, imported into a new deck and a fresh store, then imported again into the same deck
//! (nothing new). Run: `cargo bench --bench anki` (results in BENCHMARKS.md).
//!
//! The package is generated here with rusqlite and zip in Anki's legacy layout (schema 11:
//! note types and decks as JSON in `col`), holding the columns the importer reads; the timed
//! part is the `recall import` command itself (`cmd::import_anki::run`), package reading,
//! conversion, deck writing and the store's history import included.

use std::io::Write;
use std::path::Path;
use std::time::Instant;

use recall::cli::ImportArgs;
use recall::context::{Colors, Context, DecksSources};

const NOTES: usize = 20_000;
const REVIEWS: usize = 200_000;
const DAY: i64 = 86_400;

/// A small deterministic generator (xorshift64*), so runs are comparable.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: u64) -> i64 {
        (self.next() % n) as i64
    }
}

fn make_package(path: &Path, now: i64) -> anyhow::Result<(usize, usize)> {
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("collection.anki2");
    let mut conn = rusqlite::Connection::open(&db)?;
    conn.execute_batch(
        "CREATE TABLE col (id integer primary key, crt integer, mod integer, ver integer,
             models text, decks text);
         CREATE TABLE notes (id integer primary key, guid text, mid integer, mod integer,
             tags text, flds text);
         CREATE TABLE cards (id integer primary key, nid integer, did integer, ord integer,
             type integer, queue integer, due integer, ivl integer, factor integer,
             reps integer, lapses integer, odue integer, odid integer);
         CREATE TABLE revlog (id integer primary key, cid integer, usn integer, ease integer,
             ivl integer, lastIvl integer, factor integer, time integer, type integer);",
    )?;
    let crt = now - 400 * DAY;
    let models = r#"{
        "1": {"name": "Basic", "type": 0, "flds": [{"name": "Front", "ord": 0}, {"name": "Back", "ord": 1}], "tmpls": [{"name": "Card 1", "ord": 0}]},
        "2": {"name": "Basic (and reversed card)", "type": 0, "flds": [{"name": "Front", "ord": 0}, {"name": "Back", "ord": 1}], "tmpls": [{"name": "Card 1", "ord": 0}, {"name": "Card 2", "ord": 1}]},
        "3": {"name": "Cloze", "type": 1, "flds": [{"name": "Text", "ord": 0}, {"name": "Back Extra", "ord": 1}], "tmpls": [{"name": "Cloze", "ord": 0}]}
    }"#;
    let decks = r#"{"1": {"name": "Default"}, "10": {"name": "UPSC::Polity"}, "11": {"name": "UPSC::Geography"}}"#;
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let tx = conn.transaction()?;
    tx.execute(
        "INSERT INTO col VALUES (1, ?1, 0, 11, ?2, ?3)",
        rusqlite::params![crt, models, decks],
    )?;
    let mut cards = Vec::new();
    {
        let mut note = tx.prepare("INSERT INTO notes VALUES (?1, ?2, ?3, 0, ?4, ?5)")?;
        let mut card = tx.prepare(
            "INSERT INTO cards VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 2500, 0, 0, 0, 0)",
        )?;
        for i in 0..NOTES {
            let nid = 1_600_000_000_000 + i as i64;
            let (mid, flds, ords) = match i % 10 {
                0..=6 => (
                    1,
                    format!("Term <b>{i}</b>\x1fMeaning of term {i}&nbsp;(see p. {})", i % 300),
                    1,
                ),
                7 => (2, format!("Country {i}\x1fCapital {i}"), 2),
                _ => (
                    3,
                    format!(
                        "The {{{{c1::treaty {i}}}}} was signed in {{{{c2::{}::year}}}}.\x1f",
                        1900 + i % 120
                    ),
                    2,
                ),
            };
            let did = 10 + (i % 2) as i64;
            note.execute(rusqlite::params![nid, format!("G{i:x}x!"), mid, "upsc polity", flds])?;
            for ord in 0..ords {
                let cid = nid * 10 + ord;
                // Most cards reviewed, some new, a few suspended.
                let (ctype, queue, due, ivl) = match rng.below(10) {
                    0 => (0, 0, i as i64, 0),
                    1 => (2, -1, 400 + rng.below(60), 20),
                    _ => (2, 2, 390 + rng.below(100), 1 + rng.below(90)),
                };
                card.execute(rusqlite::params![cid, nid, did, ord, ctype, queue, due, ivl])?;
                if ctype != 0 {
                    cards.push(cid);
                }
            }
        }
        let mut rev =
            tx.prepare("INSERT INTO revlog VALUES (?1, ?2, -1, ?3, 1, 0, 2500, ?4, ?5)")?;
        let per_card = REVIEWS / cards.len() + 1;
        let mut n = 0;
        let mut t = (crt + DAY) * 1000;
        'outer: for step in 0..per_card {
            for &cid in &cards {
                if n == REVIEWS {
                    break 'outer;
                }
                t += 97; // unique ids, in time order, step by step over 400 days
                let id = t + step as i64 * 35 * DAY * 1000 / per_card as i64;
                let ease = [1, 3, 3, 3, 3, 3, 2, 4][rng.below(8) as usize];
                rev.execute(rusqlite::params![
                    id,
                    cid,
                    ease,
                    4000 + rng.below(9000),
                    step.min(1) as i64
                ])?;
                n += 1;
            }
        }
    }
    tx.commit()?;
    drop(conn);
    let file = std::fs::File::create(path)?;
    let mut zip = zip::ZipWriter::new(file);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("collection.anki2", options)?;
    zip.write_all(&std::fs::read(&db)?)?;
    zip.start_file("media", options)?;
    zip.write_all(b"{}")?;
    zip.finish()?;
    Ok((cards.len(), REVIEWS))
}

fn main() {
    let now: jiff::Timestamp = "2026-11-30T09:00:00Z".parse().unwrap_or_else(|e| panic!("{e}"));
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let package = dir.path().join("big.apkg");
    let t = Instant::now();
    let (cards, reviews) =
        make_package(&package, now.as_second()).unwrap_or_else(|e| panic!("{e}"));
    let size = std::fs::metadata(&package).map(|m| m.len()).unwrap_or(0);
    eprintln!(
        "generated {NOTES} notes, {cards} reviewed cards, {reviews} reviews ({:.1} MB) in {:.2?}",
        size as f64 / 1e6,
        t.elapsed()
    );
    let ctx = Context {
        now,
        tz: jiff::tz::TimeZone::UTC,
        data_dir_override: Some(dir.path().join("data")),
        decks: DecksSources::default(),
        colors: Colors::PLAIN,
    };
    let deck = dir.path().join("big.ron");
    let args = |into: bool| ImportArgs {
        file: package.clone(),
        deck_id: if into { None } else { Some("big".into()) },
        into: into.then(|| deck.clone()),
        kind: None,
        topic: None,
        title: None,
        force: false,
        output: (!into).then(|| deck.clone()),
        cue_field: None,
        answer_field: None,
    };
    for (label, into) in
        [("first import (new deck, empty store)", false), ("re-import (nothing new)", true)]
    {
        let t = Instant::now();
        recall::cmd::import::anki::run(&ctx, &args(into)).unwrap_or_else(|e| panic!("{e:#}"));
        eprintln!("{label}: {:.2?}", t.elapsed());
    }
}
