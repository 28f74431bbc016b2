//! `recall stats` and `recall history` end to end over a heavy learner's store: 1,000,000
//! reviews and 5,000 sessions over three years, 10,000 cards of 5,000 facts in 20 deck files.
//!
//! Two measurements: the command path in-process (store fetch + compute + render, the parts
//! timed separately), and the real release binary run as a process, which adds start-up, deck
//! loading and printing. The store is filled with plain SQL in one transaction (recording a
//! million answers through the API would take minutes and measure nothing new); its rows follow
//! the schema the store creates.
//!
//! Run: `cargo bench --bench stats_cmd` (results in BENCHMARKS.md).

// A benchmark over generated input: a panic on impossible input is the right outcome.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use jiff::Timestamp;
use recall::schedule::LearnerDays;
use recall::stats::{
    HistoryFilter, StatsParams, compute_stats_counted, detail_since, history_rows, render_history,
    render_stats,
};
use recall::store::Store;
use recall::text::Palette;
use rusqlite::params;

const DECKS: usize = 20;
const FACTS_PER_DECK: usize = 250;
const REVIEWS: usize = 1_000_000;
const SESSIONS: usize = 5_000;
const NOW: &str = "2026-12-02T06:30:00Z";

/// A small deterministic generator (xorshift64*), so runs are comparable.
struct Gen(u64);

impl Gen {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// Twenty deck files of 250 facts, 50 topics, 100 tags.
fn write_decks(dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    for d in 0..DECKS {
        let mut text =
            format!("Deck(\n    id: \"deck-{d}\",\n    title: \"Deck {d}\",\n    facts: [\n");
        for f in 0..FACTS_PER_DECK {
            text.push_str(&format!(
                "        Fact(id: \"fact-{f}\", kind: Term, cue: \"Cue {d}.{f}\", \
                 answer: \"Answer {d}.{f}\", topic: \"topic-{}\", tags: [\"tag-{}\", \"t{}\"]),\n",
                (d * FACTS_PER_DECK + f) % 50,
                f % 100,
                (f + d) % 7
            ));
        }
        text.push_str("    ],\n)\n");
        std::fs::write(dir.join(format!("deck-{d}.ron")), text).unwrap();
    }
}

/// Fills the store: every card of every fact (forward and reverse) with a state, the sessions
/// and a million reviews spread over them.
fn fill_store(data: &Path, now: Timestamp) {
    drop(Store::open(data).unwrap()); // creates the schema
    let mut conn = rusqlite::Connection::open(data.join("recall.sqlite3")).unwrap();
    let tx = conn.transaction().unwrap();
    let mut g = Gen(0x9E37_79B9_7F4A_7C15);
    let now_s = now.as_second();
    let mut keys = Vec::new();
    {
        let mut card = tx
            .prepare(
                "INSERT INTO cards (key, phase, stability, difficulty, due, reps, lapses,
                                    last_review) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )
            .unwrap();
        // Review rows name their card by its number in `card_keys`.
        let mut number = tx.prepare("INSERT INTO card_keys (key) VALUES (?1)").unwrap();
        for d in 0..DECKS {
            for f in 0..FACTS_PER_DECK {
                for dir in ["forward", "reverse"] {
                    let key = format!("deck-{d}/fact-{f}/{dir}");
                    let phase = match g.below(10) {
                        0 => "learning",
                        1 => "relearning",
                        _ => "review",
                    };
                    let stability = 0.5 + g.below(20_000) as f64 / 100.0;
                    let last = now_s - g.below(200 * 86_400) as i64;
                    let due = now_s + g.below(60 * 86_400) as i64 - 10 * 86_400;
                    card.execute(params![
                        key,
                        phase,
                        stability,
                        5.0,
                        due,
                        1 + g.below(30) as i64,
                        g.below(5) as i64,
                        last
                    ])
                    .unwrap();
                    number.execute([&key]).unwrap();
                    keys.push(tx.last_insert_rowid());
                }
            }
        }
        let span = 3 * 365 * 86_400i64;
        let start = now_s - span;
        let mut session = tx
            .prepare(
                "INSERT INTO sessions (id, mode, decks, started, ended, questions)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )
            .unwrap();
        let mut finish = tx
            .prepare("UPDATE sessions SET right = ?2, wrong = ?3, score = ?4 WHERE id = ?1")
            .unwrap();
        let per_session = REVIEWS / SESSIONS;
        let mut review = tx
            .prepare(
                "INSERT INTO reviews (time, card, session, kind, response, correct, outcome, grade,
                    duration_ms, cram, before_phase, before_stability, before_difficulty,
                    before_due, before_reps, before_lapses, before_last_review, after_phase,
                    after_stability, after_difficulty, after_due, after_reps, after_lapses,
                    after_last_review)
                 VALUES (?1, ?2, ?3, 'typed', 'an answer', ?4, ?5, ?6, 4000, ?7, ?8, ?9, 5.0,
                    ?1, 3, 0, ?10, 'review', ?11, 5.0, ?12, 4, 0, ?1)",
            )
            .unwrap();
        for s in 0..SESSIONS {
            let started = start + span * s as i64 / SESSIONS as i64;
            let mode = if s % 10 == 1 { "cram" } else { "study" };
            // The session row first: reviews refer to it.
            session
                .execute(params![
                    s as i64 + 1,
                    mode,
                    format!("[\"deck-{}\"]", s % DECKS),
                    started,
                    started + 1200,
                    per_session as i64,
                ])
                .unwrap();
            let mut right = 0;
            for q in 0..per_session {
                let t = started + 6 * q as i64;
                let correct = g.below(100) < 85;
                right += i64::from(correct);
                let before = if g.below(10) < 8 { "review" } else { "learning" };
                let stability = 0.5 + g.below(10_000) as f64 / 100.0;
                review
                    .execute(params![
                        t,
                        keys[g.below(keys.len() as u64) as usize],
                        s as i64 + 1,
                        correct,
                        if correct { "correct" } else { "wrong" },
                        if correct { 3 } else { 1 },
                        mode == "cram",
                        before,
                        stability,
                        t - 86_400 * 3,
                        stability * 2.0,
                        t + 86_400 * 5,
                    ])
                    .unwrap();
            }
            let questions = per_session as i64;
            finish.execute(params![s as i64 + 1, right, questions - right, right as f64]).unwrap();
        }
    }
    tx.commit().unwrap();
}

fn main() {
    let now: Timestamp = NOW.parse().unwrap();
    // STATS_BENCH_DIR keeps the filled store and decks between runs (for profiling).
    let temp = tempfile::tempdir().unwrap();
    let kept = std::env::var_os("STATS_BENCH_DIR").map(std::path::PathBuf::from);
    let root = kept.as_deref().unwrap_or(temp.path());
    let decks = root.join("decks");
    let data = root.join("data");
    let t = Instant::now();
    if !data.join("recall.sqlite3").exists() {
        write_decks(&decks);
        fill_store(&data, now);
    }
    println!(
        "built: {REVIEWS} reviews, {SESSIONS} sessions, {} cards in {:.1} s",
        DECKS * FACTS_PER_DECK * 2,
        t.elapsed().as_secs_f64()
    );

    // In-process: the command path after deck loading.
    let library = recall::deck::load_paths(std::slice::from_ref(&decks)).library;
    let tz = jiff::tz::TimeZone::posix("IST-5:30").unwrap();
    let store = Store::open(&data).unwrap();
    let since = recall::stats::detail_since(&StatsParams::new(now, tz.clone()));
    measure("stats: store fetch (cards, reviews, counts)", || {
        black_box(store.stats_rows_since(since).unwrap());
    });
    measure("  (every review listed, for comparison)", || {
        black_box(store.stats_rows().unwrap());
    });
    measure("stats/history: store fetch (sessions)", || {
        black_box(store.stats_sessions().unwrap());
    });
    measure("stats: fetch + compute + render", || {
        let settings = store.settings().unwrap();
        let mut params = StatsParams::new(now, tz.clone());
        params.days = LearnerDays::new(tz.clone(), settings.rollover_hour);
        let rows = store.stats_rows_since(detail_since(&params)).unwrap();
        let sessions = store.stats_sessions().unwrap();
        let report = compute_stats_counted(
            &library,
            &rows.cards,
            &rows.counted,
            &rows.reviews,
            &sessions,
            &params,
        );
        black_box(render_stats(&report, 80, Palette::PLAIN));
    });
    measure("history: fetch + rows + render", || {
        let sessions = store.stats_sessions().unwrap();
        let rows = history_rows(&sessions, &HistoryFilter::default(), &tz);
        black_box(render_history(&rows, 80, Palette::PLAIN));
    });
    drop(store);

    // End to end: the release binary, as a learner runs it.
    let binary = env!("CARGO_BIN_EXE_recall");
    let run = |args: &[&str]| {
        let out = Command::new(binary)
            .args(args)
            .current_dir(root)
            .env("RECALL_DATA_DIR", &data)
            .env("RECALL_NOW", NOW)
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        black_box(out.stdout.len());
    };
    measure("process: recall stats", || run(&["stats"]));
    measure("process: recall stats --json", || run(&["stats", "--json"]));
    // With an exam date: the outlook and the pace of new facts (the scheduler's quotas).
    measure("process: recall stats --exam 2027-03-01", || run(&["stats", "--exam", "2027-03-01"]));
    measure("process: recall history", || run(&["history"]));
    measure("process: recall history --json", || run(&["history", "--json"]));
    measure("process: recall history 2500 (one session)", || run(&["history", "2500"]));
}

/// Runs `f` a few times and prints the median and the slowest run.
fn measure(name: &str, mut f: impl FnMut()) {
    f(); // warm up
    let mut times: Vec<Duration> = (0..9)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    times.sort();
    println!(
        "{name:<45} median {:>8.2} ms   max {:>8.2} ms",
        times[4].as_secs_f64() * 1e3,
        times[8].as_secs_f64() * 1e3
    );
}
