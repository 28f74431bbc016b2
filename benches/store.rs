//! Store and queue speed: today's queue from 100,000 facts with 1,000,000 reviews in the store,
//! recording one answer, and what checking and backing up the file costs. Run:
//! `cargo bench --bench store` (results in BENCHMARKS.md).
//!
//! The store is filled with plain SQL in one transaction (recording a million answers one by
//! one through the API would take minutes and measure nothing new); the rows follow the schema
//! the store creates. The measured parts go through the public API only.

use std::time::{Duration, Instant};

use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};
use recall::deck::{Fact, FactKind, QuestionKind};
use recall::ids::{CardKey, DeckId, Direction, FactId};
use recall::schedule::{Filter, Grade, Outcome, QueueInput, Scheduler, StudyDay, build_queue};
use recall::store::{Answer, BackupReason, Mode, SessionMode, Store};

const FACTS: usize = 100_000;
const DECKS: usize = 10;
const REVIEWS: usize = 1_000_000;

/// A small deterministic generator (xorshift64*), so runs are comparable.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn fact(deck: usize, i: usize) -> Fact {
    Fact {
        topic: Some(format!("topic-{}", i % 20)),
        tags: vec![format!("tag-{}", i % 7)],
        ..Fact::new(
            FactId::new(format!("fact-{deck}-{i}")).unwrap_or_else(|e| panic!("{e}")),
            FactKind::Term,
            format!("Term {i}"),
            format!("Meaning of term {i}"),
        )
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // RECALL_BENCH_DIR keeps the filled store between runs (for profiling); default: a temp dir.
    let temp = tempfile::tempdir()?;
    let dir_path = std::env::var_os("RECALL_BENCH_DIR").map(std::path::PathBuf::from);
    let dir_path = dir_path.as_deref().unwrap_or(temp.path());
    let now: Timestamp = "2026-11-30T09:00:00Z".parse()?;
    let tz = TimeZone::UTC;

    // The library: 10 decks of 10,000 facts, each fact a forward and a reverse card.
    let facts: Vec<(DeckId, Fact)> = (0..FACTS)
        .map(|i| {
            let d = i % DECKS;
            (DeckId::new(format!("deck-{d}")).unwrap_or_else(|e| panic!("{e}")), fact(d, i))
        })
        .collect();

    if !dir_path.join("recall.sqlite3").exists() {
        let t0 = Instant::now();
        drop(Store::open(dir_path)?);
        fill(dir_path, &facts, now)?;
        eprintln!("filled the store in {:.1?}", t0.elapsed());
    }
    let size = std::fs::metadata(dir_path.join("recall.sqlite3"))?.len();

    // Today's queue, end to end from an open store.
    let mut times = vec![];
    let mut cpu = Duration::ZERO;
    let mut queue_len = 0;
    let mut due_cards = 0;
    for _ in 0..7 {
        let t = Instant::now();
        let cpu_start = cpu_time();
        let store = Store::open(dir_path)?;
        let settings = store.settings()?;
        let day = StudyDay::new(now, tz.clone(), settings.rollover_hour);
        let scheduler = Scheduler::new(&settings, store.fsrs_parameters()?.as_deref())?;
        let ta = Instant::now();
        let states = store.card_states()?;
        let tb = Instant::now();
        let done = store.day_counts(&day)?;
        let tc = Instant::now();
        let cards: Vec<(CardKey, &Fact)> = facts
            .iter()
            .flat_map(|(d, f)| {
                [Direction::Forward, Direction::Reverse]
                    .map(|dir| (CardKey::new(d.clone(), f.id.clone(), dir), f))
            })
            .collect();
        let filter = Filter::default();
        let td = Instant::now();
        let queue = build_queue(&QueueInput {
            cards: &cards,
            states: &states,
            scheduler: &scheduler,
            day: &day,
            settings: &settings,
            filter: &filter,
            done: &done,
        });
        times.push(t.elapsed());
        cpu += cpu_time().saturating_sub(cpu_start);
        eprintln!(
            "  open {:.1?}, card_states {:.1?}, day_counts {:.1?}, card list {:.1?}, build_queue {:.1?}",
            ta - t,
            tb - ta,
            tc - tb,
            td - tc,
            td.elapsed()
        );
        queue_len = queue.len();
        due_cards =
            states.values().filter(|s| s.due.is_some_and(|d| d < day.end()) && !s.is_new()).count();
        std::hint::black_box(queue);
    }
    let first = times.first().copied().unwrap_or_default();
    println!(
        "queue: process CPU time per build {:.1?} (wall time includes waiting for the CPU on a shared machine)",
        cpu / 7
    );
    println!(
        "queue: {FACTS} facts ({} cards), {REVIEWS} reviews, {due_cards} due, {queue_len} queued, file {:.0} MB: first {:.1?}, median {:.1?}, min {:.1?}, max {:.1?} (7 runs)",
        FACTS * 2,
        size as f64 / 1e6,
        first,
        median(&mut times),
        times.iter().min().copied().unwrap_or_default(),
        times.iter().max().copied().unwrap_or_default()
    );

    // Recording answers one at a time, as a session does.
    let mut store = Store::open(dir_path)?;
    let settings = store.settings()?;
    let scheduler = Scheduler::new(&settings, None)?;
    let session = store.start_session(SessionMode::Study, &[], now)?;
    let mut rng = Rng(42);
    let mut record = vec![];
    let mut next_states = vec![];
    for n in 0..1000 {
        let (d, f) = &facts[rng.below(FACTS as u64) as usize];
        let key = CardKey::new(d.clone(), f.id.clone(), Direction::Forward);
        let when = now + SignedDuration::from_secs(n);
        let day = StudyDay::new(when, tz.clone(), settings.rollover_hour);
        let t = Instant::now();
        let before = store.card_state(&key)?.unwrap_or_default();
        let next = scheduler.next_states(&key, &before, &day)?;
        next_states.push(t.elapsed());
        let grade = Grade::ALL[rng.below(4) as usize];
        let t = Instant::now();
        store.record_answer(&Answer {
            card: &key,
            session: Some(session),
            time: when,
            kind: QuestionKind::MultipleChoice,
            response: "an answer",
            correct: grade != Grade::Again,
            outcome: if grade == Grade::Again { Outcome::Wrong } else { Outcome::Correct },
            grade,
            duration_ms: 4000,
            after: &next.get(grade).state,
            cram: false,
        })?;
        record.push(t.elapsed());
    }
    println!(
        "record_answer: median {:.2?}, p95 {:.2?}, max {:.2?} (1000 answers); card_state + next_states: median {:.1?}",
        median(&mut record),
        percentile(&mut record, 95),
        record.iter().max().copied().unwrap_or_default(),
        median(&mut next_states),
    );
    drop(store);
    health_checks(dir_path)?;
    Ok(())
}

/// What checking the progress file costs on this store (BENCHMARKS.md, "The progress file's
/// health checks"): opening as before (the header and the schema count only) against opening
/// with the open-time check, SQLite's `quick_check` (before every backup), its full
/// `integrity_check` (when a query meets damage), and a backup. Wall and process CPU time.
fn health_checks(dir: &std::path::Path) -> Result<(), Box<dyn std::error::Error>> {
    let now: jiff::ZonedDateTime = "2026-11-30T09:00:00+00:00[UTC]".parse()?;
    let path = dir.join("recall.sqlite3");
    let measure = |runs: usize, f: &mut dyn FnMut() -> Result<(), Box<dyn std::error::Error>>| {
        let mut wall = vec![];
        let cpu_start = cpu_time();
        for _ in 0..runs {
            let t = Instant::now();
            f()?;
            wall.push(t.elapsed());
        }
        let cpu = cpu_time().saturating_sub(cpu_start) / runs as u32;
        Ok::<_, Box<dyn std::error::Error>>((median(&mut wall), cpu))
    };
    let report = |what: &str, (wall, cpu): (Duration, Duration)| {
        println!("health: {what}: median {wall:.2?} wall, {cpu:.1?} CPU per run");
    };
    report(
        "open, header and schema count only (the old open)",
        measure(21, &mut || {
            let conn = rusqlite::Connection::open(&path)?;
            let _: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
            let _: i64 = conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?;
            Ok(())
        })?,
    );
    report(
        "Store::open_at, read (open-time check)",
        measure(21, &mut || {
            Store::open_at(dir, Mode::Read, &now)?;
            Ok(())
        })?,
    );
    report(
        "Store::open_at, write (open-time check and the write-lock probe)",
        measure(21, &mut || {
            Store::open_at(dir, Mode::Write, &now)?;
            Ok(())
        })?,
    );
    let store = Store::open_at(dir, Mode::Read, &now)?;
    report("quick_check (Store::check_whole)", measure(3, &mut || Ok(store.check_whole()?))?);
    report(
        "integrity_check",
        measure(1, &mut || {
            let conn = rusqlite::Connection::open(&path)?;
            let ok: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
            assert_eq!(ok, "ok");
            Ok(())
        })?,
    );
    let backups = dir.join(recall::store::BACKUP_DIR);
    report(
        "backup (quick_check, then the online backup API)",
        measure(3, &mut || {
            std::fs::remove_file(store.backup(BackupReason::ByHand, &now)?)?;
            Ok(())
        })?,
    );
    std::fs::remove_dir_all(backups)?;
    Ok(())
}

/// This process's user + system CPU time (Linux: /proc/self/stat, in clock ticks of 10 ms;
/// elsewhere zero). Wall time on a shared two-core machine also counts time spent waiting for
/// a core; CPU time is the work itself.
fn cpu_time() -> Duration {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else { return Duration::ZERO };
    // Fields after the parenthesized command name; utime and stime are fields 14 and 15.
    let Some(rest) = stat.rsplit_once(')').map(|(_, r)| r) else { return Duration::ZERO };
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| fields.get(i).and_then(|f| f.parse::<u64>().ok()).unwrap_or(0);
    Duration::from_millis((ticks(11) + ticks(12)) * 10)
}

fn median(v: &mut [Duration]) -> Duration {
    percentile(v, 50)
}

fn percentile(v: &mut [Duration], p: usize) -> Duration {
    v.sort();
    v.get((v.len() * p / 100).min(v.len().saturating_sub(1))).copied().unwrap_or_default()
}

/// Writes card rows for 3/4 of the cards and a history of 1,000,000 reviews spread over two
/// years (about 150 of them today).
fn fill(
    dir: &std::path::Path,
    facts: &[(DeckId, Fact)],
    now: Timestamp,
) -> Result<(), Box<dyn std::error::Error>> {
    let mut conn = rusqlite::Connection::open(dir.join("recall.sqlite3"))?;
    let tx = conn.transaction()?;
    let mut rng = Rng(7);
    let now_s = now.as_second();
    let day = 86_400;
    let mut reviewed: Vec<i64> = vec![];
    {
        let mut card = tx.prepare(
            "INSERT INTO cards (key, phase, stability, difficulty, due, reps, lapses, last_review)
             VALUES (?1, 'review', ?2, ?3, ?4, ?5, ?6, ?7)",
        )?;
        // Review rows name their card by its number in `card_keys`.
        let mut number = tx.prepare("INSERT INTO card_keys (key) VALUES (?1)")?;
        for (i, (d, f)) in facts.iter().enumerate() {
            for dir in ["forward", "reverse"] {
                if (i * 2 + usize::from(dir == "reverse")) % 4 == 3 {
                    continue; // a quarter of the cards are new
                }
                let stability = 0.5 + (rng.below(20_000) as f64) / 100.0;
                let last = now_s - (rng.below(60) as i64) * day - 3600;
                let due = last + (stability * 0.9) as i64 * day;
                let key = format!("{d}/{}/{dir}", f.id);
                card.execute(rusqlite::params![
                    key,
                    stability,
                    1.0 + rng.below(900) as f64 / 100.0,
                    due,
                    1 + rng.below(12) as i64,
                    rng.below(3) as i64,
                    last
                ])?;
                number.execute([&key])?;
                reviewed.push(tx.last_insert_rowid());
            }
        }
        let mut review = tx.prepare(
            "INSERT INTO reviews (time, card, kind, response, correct, outcome, grade, duration_ms,
                before_phase, before_stability, before_difficulty, before_due, before_reps,
                before_lapses, before_last_review, after_phase, after_stability, after_difficulty,
                after_due, after_reps, after_lapses, after_last_review)
             VALUES (?1, ?2, 'typed', 'x', 1, 'correct', 3, 5000, 'review', 3.0, 5.0, ?3, 2, 0, ?4,
                'review', 6.0, 5.0, ?5, 3, 0, ?1)",
        )?;
        for n in 0..REVIEWS {
            let card = &reviewed[rng.below(reviewed.len() as u64) as usize];
            // ~150 reviews today, the rest over two years.
            let time = if n % 6600 == 0 {
                now_s - rng.below(3 * 3600) as i64
            } else {
                now_s - day - rng.below(730 * day as u64) as i64
            };
            review.execute(rusqlite::params![time, card, time, time - 3 * day, time + 6 * day])?;
        }
    }
    tx.commit()?;
    Ok(())
}
