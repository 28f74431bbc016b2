//! How long `recall stats` and `recall history` take to compute and render over a heavy user's
//! store: 1,000,000 reviews, 10,000 cards of 5,000 facts, 5,000 sessions (the SQL fetch is
//! measured separately with the store). Inputs are generated in memory with a fixed seed.
//!
//! Run: `cargo bench --bench stats`

// A benchmark over generated input: a panic on impossible input is the right outcome.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;
use std::time::{Duration, Instant};

use jiff::{SignedDuration, Timestamp};
use recall::deck::{Deck, DeckFile, Fact, FactKind, Library};
use recall::ids::{CardKey, DeckId, Direction, FactId};
use recall::schedule::Phase;
use recall::stats::{
    CardFact, CardId, ExamStatus, HistoryFilter, ReviewFact, SessionFact, SessionMode, StatsJson,
    StatsParams, compute_stats, history_csv, history_json, history_rows, render_history,
    render_stats,
};

const DECKS: usize = 20;
const FACTS_PER_DECK: usize = 250;
const REVIEWS: usize = 1_000_000;
const SESSIONS: usize = 5_000;

/// A small deterministic generator (xorshift64*), enough for spreading test data.
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
    fn chance(&mut self, p: f64) -> bool {
        ((self.next() >> 11) as f64 / (1u64 << 53) as f64) < p
    }
}

fn library() -> Library {
    let decks = (0..DECKS)
        .map(|d| DeckFile {
            path: format!("decks/deck-{d}.ron").into(),
            deck: Deck {
                id: DeckId::new(format!("deck-{d}")).unwrap(),
                title: format!("Deck {d}"),
                about: None,
                source: None,
                exam: None,
                facts: (0..FACTS_PER_DECK)
                    .map(|f| Fact {
                        topic: Some(format!("topic-{}", (d * FACTS_PER_DECK + f) % 50)),
                        tags: vec![format!("tag-{}", f % 100), format!("tag-{}", (f + d) % 7)],
                        ..Fact::new(
                            FactId::new(format!("fact-{f}")).unwrap(),
                            FactKind::Term,
                            format!("Cue {d}.{f}"),
                            format!("Answer {d}.{f}"),
                        )
                    })
                    .collect(),
            },
        })
        .collect();
    Library { decks }
}

fn main() {
    let now: Timestamp = "2026-12-02T06:30:00Z".parse().unwrap();
    let tz = jiff::tz::TimeZone::posix("IST-5:30").unwrap();
    let mut g = Gen(0x9E37_79B9_7F4A_7C15);
    let library = library();

    let keys: Vec<CardKey> = library
        .facts()
        .flat_map(|(d, f)| {
            [Direction::Forward, Direction::Reverse]
                .map(|dir| CardKey::new(d.id.clone(), f.id.clone(), dir))
        })
        .collect();
    let cards: Vec<CardFact> = keys
        .iter()
        .enumerate()
        .map(|(i, k)| {
            let phase = match g.below(10) {
                0 => Phase::New,
                1 => Phase::Learning,
                2 => Phase::Relearning,
                _ => Phase::Review,
            };
            let seen = phase != Phase::New;
            let stability = 0.5 + g.below(20_000) as f64 / 100.0;
            let last = now - SignedDuration::from_secs(g.below(200 * 86_400) as i64);
            let due = now + SignedDuration::from_secs(g.below(60 * 86_400) as i64)
                - SignedDuration::from_hours(240);
            CardFact {
                id: CardId(i as i64 + 1),
                card: k.clone(),
                stability: seen.then_some(stability),
                difficulty: seen.then_some(5.0),
                due: seen.then_some(due),
                last_review: seen.then_some(last),
                reps: if seen { 1 + g.below(30) as u32 } else { 0 },
                lapses: g.below(5) as u32,
                phase,
            }
        })
        .collect();

    // Three years of answers in time order, a few hundred a session.
    let span = 3 * 365 * 86_400u64;
    let start = now - SignedDuration::from_secs(span as i64);
    let mut reviews: Vec<ReviewFact> = (0..REVIEWS)
        .map(|i| {
            let t = start + SignedDuration::from_secs((span * i as u64 / REVIEWS as u64) as i64);
            let correct = g.chance(0.85);
            ReviewFact {
                time: t,
                card: CardId(1 + g.below(keys.len() as u64) as i64),
                correct,
                phase_before: if g.chance(0.8) { Phase::Review } else { Phase::Learning },
                stability_before: Some(0.5 + g.below(10_000) as f64 / 100.0),
                cram: g.chance(0.05),
            }
        })
        .collect();
    reviews.shrink_to_fit();
    let sessions: Vec<SessionFact> = (0..SESSIONS)
        .map(|i| {
            let started =
                start + SignedDuration::from_secs((span * i as u64 / SESSIONS as u64) as i64);
            let questions = 200;
            let right = 150 + g.below(50) as u32;
            let mode = match i % 10 {
                0 => SessionMode::Exam,
                1 => SessionMode::Cram,
                _ => SessionMode::Study,
            };
            SessionFact {
                id: i as i64 + 1,
                mode,
                decks: vec![format!("deck-{}", i % DECKS)],
                started,
                ended: Some(started + SignedDuration::from_mins(20)),
                questions,
                right,
                wrong: questions - right,
                unanswered: 0,
                score: f64::from(right) * 2.0 - f64::from(questions - right) * 0.66,
                max_score: f64::from(questions) * 2.0,
                marking: (mode == SessionMode::Exam).then(|| "+2 / −0.66".to_owned()),
                scheme: (mode == SessionMode::Exam).then(|| "+2/-0.66".to_owned()),
                status: (mode == SessionMode::Exam).then_some(ExamStatus::Submitted),
                duration_seconds: 1_200,
            }
        })
        .collect();

    console::set_colors_enabled(false);
    let mut params = StatsParams::new(now, tz.clone());
    params.exam = Some(jiff::civil::date(2027, 5, 24));

    println!(
        "input: {} reviews, {} cards, {} facts, {} sessions",
        reviews.len(),
        cards.len(),
        library.fact_count(),
        sessions.len()
    );
    measure("stats: compute_stats", || {
        black_box(compute_stats(&library, &cards, &reviews, &sessions, &params));
    });
    // The parts, to see where the time goes.
    let index = recall::stats::index::FactIndex::new(&library);
    let today = params.days.day_of(now);
    measure("  of which: one pass over the reviews", || {
        let lookup = recall::stats::index::CardLookup::new(&index, &cards);
        black_box(recall::stats::activity::review_tallies(
            &index,
            &lookup,
            &reviews,
            &params.days,
            today,
        ));
    });
    measure("  of which: cards (memory, forecast, counts)", || {
        let m = recall::stats::memory::fact_memory(&index, &cards, now, None, params.decay);
        let f = recall::stats::memory::due_forecast(&index, &cards, &params.days, today, 30);
        black_box((m, f, recall::stats::memory::card_counts(&index, &cards)));
    });
    let report = compute_stats(&library, &cards, &reviews, &sessions, &params);
    measure("stats: render_stats (80 columns)", || {
        black_box(render_stats(&report, 80));
    });
    measure("stats: --json", || {
        black_box(serde_json::to_string(&StatsJson::from(&report)).unwrap());
    });
    measure("history: rows (all 5,000) + render", || {
        let rows = history_rows(&sessions, &HistoryFilter::default(), &tz);
        black_box(render_history(&rows, 80));
    });
    measure("history: rows (all 5,000) + --json", || {
        let rows = history_rows(&sessions, &HistoryFilter::default(), &tz);
        black_box(serde_json::to_string(&history_json(&rows)).unwrap());
    });
    measure("history: rows (all 5,000) + --csv", || {
        let rows = history_rows(&sessions, &HistoryFilter::default(), &tz);
        black_box(history_csv(&rows).unwrap());
    });
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
        "{name:<40} median {:>8.2} ms   max {:>8.2} ms",
        times[4].as_secs_f64() * 1e3,
        times[8].as_secs_f64() * 1e3
    );
}
