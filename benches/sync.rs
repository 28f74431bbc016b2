//! Sync speed (issue 19): a year of study on one computer, 100,000 events, taken in by a
//! second computer through a bare git repository in a temp folder. Run:
//! `cargo bench --bench sync` (results in BENCHMARKS.md).
//!
//! Computer A studies through the store API as a session does (2,000 study sessions of 49
//! answers each over 365 days, on 5,000 cards: 2,000 session events and 98,000 answer events)
//! and syncs once, which stages and sends all of it. Then computer B, set up on the same
//! remote, is timed for (a) its first sync, which takes in the 100,000 events and replays
//! every card, (b) a sync with nothing new, (c) a sync that brings 100 new events (two more
//! sessions of A) on top. Each sync is `recall::sync::sync`, what `recall sync` runs after
//! taking its locks; git is the real `git` on PATH.
//!
//! `RECALL_BENCH_DIR=/some/dir` keeps both data folders and the remote there, to run the
//! release binary on them afterwards (see BENCHMARKS.md); the folder must be empty or absent.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use jiff::Timestamp;
use jiff::tz::TimeZone;
use recall::deck::QuestionKind;
use recall::ids::{CardKey, DeckId};
use recall::schedule::{Grade, Outcome, Scheduler, StudyDay};
use recall::settings::Settings;
use recall::store::{Answer, SessionMode, SessionSummary, Store};
use recall::sync::{self, Target, git};

const CARDS: u64 = 5_000;
const SESSIONS: u64 = 2_000;
const PER_SESSION: u64 = 49;

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

/// Studies sessions `from..to` on `store` as a session records them: each answer's state is
/// the scheduler's next state from the stored one.
fn study(
    store: &mut Store,
    rng: &mut Rng,
    from: u64,
    to: u64,
    start: Timestamp,
) -> Result<(), Box<dyn std::error::Error>> {
    let scheduler = Scheduler::new(&Settings::default(), None)?;
    let deck = DeckId::new("bench")?;
    for s in from..to {
        // 2,000 sessions spread over 365 days, about five a day.
        let began = start.as_second() + (s * 365 * 86_400 / SESSIONS) as i64;
        let session = store.start_session(
            SessionMode::Study,
            std::slice::from_ref(&deck),
            Timestamp::from_second(began)?,
        )?;
        let mut time = began;
        for _ in 0..PER_SESSION {
            time += 20;
            let at = Timestamp::from_second(time)?;
            let card: CardKey = format!("bench/f{}/forward", rng.below(CARDS)).parse()?;
            let grade = if rng.below(10) == 0 { Grade::Again } else { Grade::Good };
            let day = StudyDay::new(at, TimeZone::UTC, Settings::default().rollover_hour);
            let before = store.card_state(&card)?.unwrap_or_default();
            let after = scheduler.next_states(&card, &before, &day)?.get(grade).state.clone();
            let correct = grade != Grade::Again;
            store.record_answer(&Answer {
                card: &card,
                session: Some(session),
                time: at,
                kind: QuestionKind::Typed,
                response: "an answer",
                correct,
                outcome: if correct { Outcome::Correct } else { Outcome::Wrong },
                grade,
                duration_ms: 4000,
                after: &after,
                cram: false,
            })?;
        }
        let summary = SessionSummary {
            ended: Some(Timestamp::from_second(time)?),
            questions: PER_SESSION as u32,
            ..SessionSummary::default()
        };
        store.finish_session(session, &summary)?;
    }
    Ok(())
}

/// Sets up sync with `remote` on the store of `data`, as `recall sync init` does.
fn set_up(store: &Store, data: &Path, remote: &str) -> Result<(), Box<dyn std::error::Error>> {
    git::Repo::init(&data.join(sync::GIT_DIR), remote)?;
    store.set_sync_value("target", &Target::Git(remote.to_owned()).to_text())?;
    Ok(())
}

/// One timed sync: wall time, this process's CPU time, git's CPU time, and the report.
fn timed(
    store: &mut Store,
    data: &Path,
    now: Timestamp,
) -> Result<(Duration, Duration, Duration, sync::Report), Box<dyn std::error::Error>> {
    let (cpu0, children0) = cpu_time();
    let t = Instant::now();
    let report = sync::sync(store, data, now, &TimeZone::UTC, None)?;
    let wall = t.elapsed();
    let (cpu1, children1) = cpu_time();
    Ok((wall, cpu1.saturating_sub(cpu0), children1.saturating_sub(children0), report))
}

fn show(what: &str, (wall, cpu, git, report): &(Duration, Duration, Duration, sync::Report)) {
    let m = &report.merge;
    println!(
        "{what}: {:.2} s wall, {:.2} s CPU, git {:.2} s CPU \
         (staged {}, written {}, applied {}: {} answers, {} sessions; {} cards replayed)",
        wall.as_secs_f64(),
        cpu.as_secs_f64(),
        git.as_secs_f64(),
        m.staged,
        report.written,
        m.applied,
        m.answers,
        m.sessions,
        m.cards
    );
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let temp = tempfile::tempdir()?;
    let root = std::env::var_os("RECALL_BENCH_DIR").map(std::path::PathBuf::from);
    let root = root.as_deref().unwrap_or(temp.path());
    let (a_dir, b_dir, remote) = (root.join("a"), root.join("b"), root.join("remote.git"));
    let ok = Command::new("git").args(["init", "--bare", "-q"]).arg(&remote).status()?;
    if !ok.success() {
        return Err("git init --bare failed".into());
    }
    let remote = remote.display().to_string();
    let start: Timestamp = "2025-12-01T08:00:00Z".parse()?;
    let now: Timestamp = "2026-12-01T09:00:00Z".parse()?;
    let later: Timestamp = "2026-12-01T18:00:00Z".parse()?;
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);

    let mut a = Store::open(&a_dir)?;
    let t = Instant::now();
    study(&mut a, &mut rng, 0, SESSIONS, start)?;
    eprintln!("A studied {} events in {:.1?}", SESSIONS * (PER_SESSION + 1), t.elapsed());
    set_up(&a, &a_dir, &remote)?;
    show("A, first sync: sends 100,000 events", &timed(&mut a, &a_dir, now)?);

    let mut b = Store::open(&b_dir)?;
    let t = Instant::now();
    set_up(&b, &b_dir, &remote)?;
    println!(
        "B, set up (the clone: git fetches every log): {:.2} s wall",
        t.elapsed().as_secs_f64()
    );
    show("B, first sync: takes in 100,000 events", &timed(&mut b, &b_dir, now)?);
    show("B, nothing new", &timed(&mut b, &b_dir, now)?);
    show("B, nothing new (again)", &timed(&mut b, &b_dir, now)?);

    // Two more sessions on A, from an hour later: 100 events.
    let next = Timestamp::from_second(now.as_second() + 3_600)?;
    study(&mut a, &mut rng, 0, 2, next)?;
    show("A, sends 100 new events", &timed(&mut a, &a_dir, later)?);
    show("B, takes in 100 new events", &timed(&mut b, &b_dir, later)?);

    let log: u64 = std::fs::read_dir(b_dir.join(sync::GIT_DIR).join("log"))?
        .flatten()
        .flat_map(|d| std::fs::read_dir(d.path()).into_iter().flatten().flatten())
        .filter_map(|f| f.metadata().ok())
        .map(|m| m.len())
        .sum();
    let store_size = std::fs::metadata(b_dir.join("recall.sqlite3"))?.len();
    println!("log files: {:.1} MB; B's store: {:.1} MB", log as f64 / 1e6, store_size as f64 / 1e6);
    Ok(())
}

/// This process's CPU time and that of its finished children (git), from /proc/self/stat.
fn cpu_time() -> (Duration, Duration) {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return (Duration::ZERO, Duration::ZERO);
    };
    // Fields after the parenthesized command name; utime, stime, cutime, cstime are fields
    // 14 to 17.
    let Some(rest) = stat.rsplit_once(')').map(|(_, r)| r) else {
        return (Duration::ZERO, Duration::ZERO);
    };
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| fields.get(i).and_then(|f| f.parse::<u64>().ok()).unwrap_or(0);
    (
        Duration::from_millis((ticks(11) + ticks(12)) * 10),
        Duration::from_millis((ticks(13) + ticks(14)) * 10),
    )
}
