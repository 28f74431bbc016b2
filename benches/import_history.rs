//! Bulk history import speed: 50,000 reviews of 5,000 cards into an empty store, then the same
//! log again (all duplicates). Run: `cargo bench --bench import_history` (BENCHMARKS.md).

use std::time::Instant;

use jiff::Timestamp;
use jiff::tz::TimeZone;
use recall::schedule::{Grade, Scheduler, StudyDay};
use recall::settings::Settings;
use recall::store::{ImportedReview, Store};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let temp = tempfile::tempdir()?;
    let start: Timestamp = "2025-01-01T10:00:00Z".parse()?;
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut reviews = Vec::with_capacity(50_000);
    for card in 0..5_000u64 {
        let mut t = start.as_second() + (next() % (30 * 86_400)) as i64;
        for n in 0..10 {
            let grade = if next() % 10 == 0 { Grade::Again } else { Grade::Good };
            reviews.push(ImportedReview {
                card: format!("history.bench/c{card}/forward").parse()?,
                time: Timestamp::from_second(t)?,
                grade,
                duration_ms: 4000,
                origin: format!("bench:{card}:{n}"),
            });
            t += 86_400 * (1 + (next() % (3 * (n + 1))) as i64);
        }
    }
    let scheduler = Scheduler::new(&Settings::default(), None)?;
    let day = StudyDay::new(start, TimeZone::UTC, 4);
    let mut store = Store::open(temp.path())?;
    let t0 = Instant::now();
    let counts = store.import_reviews(&reviews, &scheduler, &day)?;
    let first = t0.elapsed();
    let t1 = Instant::now();
    let again = store.import_reviews(&reviews, &scheduler, &day)?;
    let second = t1.elapsed();
    println!("first import:  {counts:?} in {:.0} ms", first.as_secs_f64() * 1000.0);
    println!("second import: {again:?} in {:.0} ms", second.as_secs_f64() * 1000.0);
    Ok(())
}
