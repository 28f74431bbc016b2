//! `recall study` start-up: from the command to the first question on screen, with a library
//! of 10,000 facts (10 deck files) and 100,000 reviews in the store. Run:
//! `cargo bench --bench study` (results in BENCHMARKS.md, `## Study start-up`).
//!
//! The real release binary is started on a pseudo-terminal (util-linux `script`) and the
//! clock stops when the first question's counter (`[1/`) arrives; then `q` ends the session. The store is filled with plain SQL in one transaction, following the schema the
//! store creates (as `benches/store.rs` does).

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use recall::store::Store;

const FACTS: usize = 10_000;
const FILES: usize = 10;
const REVIEWS: usize = 100_000;
const RUNS: usize = 9;
const NOW: &str = "2026-11-30T09:00:00Z";

/// xorshift64*: deterministic, so runs are comparable.
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

const KINDS: [&str; 5] = ["Acronym", "Term", "Agreement", "Organization", "Person"];

/// Writes FILES deck files holding FACTS facts: topics, tags, explanations, sources, some
/// cloze statements, as a hand-written deck has.
fn write_decks(dir: &std::path::Path) -> Result<(), Box<dyn std::error::Error>> {
    let per = FACTS / FILES;
    for d in 0..FILES {
        let mut s = format!(
            "Deck(\n    id: \"deck-{d}\",\n    title: \"Bench deck {d}\",\n    source: \"generated\",\n    facts: [\n"
        );
        for i in 0..per {
            let kind = KINDS[i % KINDS.len()];
            let cloze = if i % 3 == 0 {
                format!("        cloze: [\"Fact {i} of deck {d} is about {{subject {i}}}.\"],\n")
            } else {
                String::new()
            };
            let _ = write!(
                s,
                "        Fact(\n        id: \"f{i}\",\n        kind: {kind},\n        cue: \"Cue {d} {i}\",\n        answer: \"Answer number {i} of deck {d}\",\n        topic: \"topic {}\",\n        tags: [\"tag-{}\"],\n        explain: \"Why answer {i} is right: a sentence or two of context, as a learner would read after answering.\",\n{cloze}        ),\n",
                i % 25,
                i % 7
            );
        }
        s.push_str("    ],\n)\n");
        std::fs::write(dir.join(format!("deck-{d:02}.ron")), s)?;
    }
    Ok(())
}

/// Card rows for 3/4 of the forward and reverse cards, and REVIEWS reviews over two years.
fn fill(data: &std::path::Path) -> Result<(), Box<dyn std::error::Error>> {
    drop(Store::open(data)?);
    let mut conn = rusqlite::Connection::open(data.join("recall.sqlite3"))?;
    let tx = conn.transaction()?;
    let mut rng = Rng(7);
    let now_s = NOW.parse::<jiff::Timestamp>()?.as_second();
    let day = 86_400;
    let mut reviewed = vec![];
    {
        let mut card = tx.prepare(
            "INSERT INTO cards (key, phase, stability, difficulty, due, reps, lapses, last_review)
             VALUES (?1, 'review', ?2, ?3, ?4, ?5, ?6, ?7)",
        )?;
        // Review rows name their card by its number in `card_keys`.
        let mut number = tx.prepare("INSERT INTO card_keys (key) VALUES (?1)")?;
        for n in 0..FACTS {
            let (d, i) = (n / (FACTS / FILES), n % (FACTS / FILES));
            for dir in ["forward", "reverse"] {
                if rng.below(4) == 0 {
                    continue;
                }
                let stability = 0.5 + (rng.below(20_000) as f64) / 100.0;
                let last = now_s - (rng.below(60) as i64) * day - 3600;
                let due = last + (stability * 0.9) as i64 * day;
                let key = format!("deck-{d}/f{i}/{dir}");
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
        for _ in 0..REVIEWS {
            let card = &reviewed[rng.below(reviewed.len() as u64) as usize];
            let time = now_s - day - rng.below(730 * day as u64) as i64;
            review.execute(rusqlite::params![time, card, time, time - 3 * day, time + 6 * day])?;
        }
    }
    tx.commit()?;
    Ok(())
}

/// Starts `recall study` on a pseudo-terminal (util-linux `script`) and returns the time until
/// the first question's counter is on screen; then quits the session with `q`, as a learner
/// would, and waits for the process to end (so the next run finds the lock free).
///
/// Not rexpect: its reader polls every 100 ms and its spawn sleeps 100 ms, so it cannot time
/// anything below that.
fn first_question(
    root: &std::path::Path,
) -> Result<(Duration, Duration), Box<dyn std::error::Error>> {
    use std::io::{Read, Write};
    use std::process::{Command, Stdio};
    let cmdline = format!("{} study decks --seed 1", env!("CARGO_BIN_EXE_recall"));
    let start = Instant::now();
    let mut child = Command::new("script")
        .args(["-qfec", &cmdline, "/dev/null"])
        .current_dir(root)
        .env("RECALL_DATA_DIR", root.join("data"))
        .env("RECALL_NOW", NOW)
        .env("NO_COLOR", "1")
        .env("TERM", "xterm")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()?;
    let mut out = child.stdout.take().ok_or("no stdout")?;
    let mut seen = Vec::new();
    let mut buf = [0u8; 4096];
    let took = loop {
        let n = out.read(&mut buf)?;
        if n == 0 {
            return Err(
                format!("ended before a question: {}", String::from_utf8_lossy(&seen)).into()
            );
        }
        seen.extend_from_slice(&buf[..n]);
        if seen.windows(3).any(|w| w == b"[1/") {
            break start.elapsed();
        }
    };
    let cpu = cpu_time_of_child(child.id()).unwrap_or_default();
    let mut input = child.stdin.take().ok_or("no stdin")?;
    input.write_all(b"q")?;
    input.flush()?;
    // Drain the summary so `script` never blocks on a full pipe, then reap it.
    std::io::copy(&mut out, &mut std::io::sink())?;
    drop(input);
    child.wait()?;
    Ok((took, cpu))
}

/// CPU time (user + system) used so far by the child of `script` (the `recall` process), from
/// `/proc` in clock ticks of 10 ms: the steady figure on a machine shared with other builds.
fn cpu_time_of_child(script: u32) -> Option<Duration> {
    let children =
        std::fs::read_to_string(format!("/proc/{script}/task/{script}/children")).ok()?;
    let pid: u32 = children.split_whitespace().next()?.parse().ok()?;
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // Fields after the `(command)`: state is the 3rd field, utime the 14th, stime the 15th.
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(Duration::from_millis(ticks * 10))
}

/// The same start-up without a terminal: `recall check` on the same decks (loading only).
fn check_only(root: &std::path::Path) -> Result<Duration, Box<dyn std::error::Error>> {
    let start = Instant::now();
    std::process::Command::new(env!("CARGO_BIN_EXE_recall"))
        .args(["check", "decks"])
        .current_dir(root)
        .stdout(std::process::Stdio::null())
        .status()?;
    Ok(start.elapsed())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // RECALL_BENCH_DIR keeps the library and store between runs (for profiling); default: a
    // temp dir.
    let temp = tempfile::tempdir()?;
    let kept = std::env::var_os("RECALL_BENCH_DIR").map(std::path::PathBuf::from);
    let root = kept.as_deref().unwrap_or(temp.path());
    if !root.join("decks").exists() {
        std::fs::create_dir_all(root.join("decks"))?;
        write_decks(&root.join("decks"))?;
        fill(&root.join("data"))?;
    }
    let cards: i64 = rusqlite::Connection::open(root.join("data/recall.sqlite3"))?.query_row(
        "SELECT count(*) FROM cards",
        [],
        |r| r.get(0),
    )?;
    println!("library: {FACTS} facts in {FILES} files; store: {cards} cards, {REVIEWS} reviews");
    // One run to warm the file cache, then the measured runs.
    let (first, _) = first_question(root)?;
    let mut runs = Vec::with_capacity(RUNS);
    let mut cpu = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let (wall, used) = first_question(root)?;
        runs.push(wall);
        cpu.push(used);
    }
    runs.sort();
    cpu.sort();
    let mut checks: Vec<Duration> =
        (0..RUNS).map(|_| check_only(root)).collect::<Result<_, _>>()?;
    checks.sort();
    println!(
        "for comparison, `recall check decks` (loading alone): median {:.1?}",
        checks[RUNS / 2]
    );
    println!(
        "command to first question: median {:.1?}, min {:.1?}, max {:.1?} ({RUNS} runs; cold first run {:.1?})",
        runs[RUNS / 2],
        runs[0],
        runs[RUNS - 1],
        first
    );
    println!(
        "CPU time of recall up to the first question: median {:.0?}, min {:.0?}, max {:.0?} (10 ms ticks)",
        cpu[RUNS / 2],
        cpu[0],
        cpu[RUNS - 1]
    );
    Ok(())
}
