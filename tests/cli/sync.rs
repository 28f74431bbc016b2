//! `recall sync` end to end: two data folders (two computers) and a bare git repository in a
//! temp folder. Answers are recorded through the store API exactly as a session records them
//! (the card's next state from the scheduler, under the session lock's rules), papers as
//! `recall exam` writes them; the real binary syncs.
//!
//! git runs with no system or global configuration (`GIT_CONFIG_NOSYSTEM`,
//! `GIT_CONFIG_GLOBAL=/dev/null`), so a clean CI machine and a developer's machine behave the
//! same; recall gives the clone its own identity when git has none.

// Test helpers: a failure to set up the history should fail the test loudly.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use jiff::Timestamp;
use jiff::tz::TimeZone;
use recall::deck::QuestionKind;
use recall::ids::{CardKey, DeckId};
use recall::schedule::{CardState, Grade, Outcome, Scheduler, StudyDay};
use recall::settings::Settings;
use recall::store::{Answer, ExamRow, SessionId, SessionMode, SessionSummary, Store};
use serde_json::json;

use crate::support::Env;

fn t(s: &str) -> Timestamp {
    s.parse().unwrap()
}

fn key(fact: &str) -> CardKey {
    format!("polity/{fact}/forward").parse().unwrap()
}

/// A bare repository in `env`'s folder, as a learner makes one on a USB stick.
fn bare_remote(env: &Env) -> PathBuf {
    let path = env.path("remote.git");
    let ok = Command::new("git")
        .args(["init", "--bare", "-q"])
        .arg(&path)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .status()
        .unwrap();
    assert!(ok.success());
    path
}

/// `recall ARGS` on `env` at `now`, with git configured for a clean machine.
fn recall(env: &Env, now: &str, args: &[&str]) -> std::process::Output {
    let mut cmd = env.command();
    cmd.env("RECALL_NOW", now)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .args(args);
    cmd.output().unwrap()
}

fn ok(env: &Env, now: &str, args: &[&str]) -> String {
    let out = recall(env, now, args);
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "recall {args:?}: {stdout}\n{stderr}");
    stdout
}

/// Answers `card` with `grade` at `time` as a session does: the next state from the stored
/// one, scheduled by default settings on the UTC day.
fn answer(store: &mut Store, session: Option<SessionId>, card: &CardKey, grade: Grade, time: &str) {
    let scheduler = Scheduler::new(&Settings::default(), None).unwrap();
    let day = StudyDay::new(t(time), TimeZone::UTC, Settings::default().rollover_hour);
    let before = store.card_state(card).unwrap().unwrap_or_default();
    let after = scheduler.next_states(card, &before, &day).unwrap().get(grade).state.clone();
    let correct = grade != Grade::Again;
    store
        .record_answer(&Answer {
            card,
            session,
            time: t(time),
            kind: QuestionKind::Typed,
            response: "an answer",
            correct,
            outcome: if correct { Outcome::Correct } else { Outcome::Wrong },
            grade,
            duration_ms: 4000,
            after: &after,
            cram: false,
        })
        .unwrap();
}

/// A study session with these answers, finished at its last one.
fn study(env: &Env, answers: &[(&str, Grade, &str)]) {
    let mut store = env.store();
    let deck = DeckId::new("polity").unwrap();
    let session = store.start_session(SessionMode::Study, &[deck], t(answers[0].2)).unwrap();
    for (fact, grade, time) in answers {
        answer(&mut store, Some(session), &key(fact), *grade, time);
    }
    let summary = SessionSummary {
        ended: Some(t(answers[answers.len() - 1].2)),
        questions: answers.len() as u32,
        ..SessionSummary::default()
    };
    store.finish_session(session, &summary).unwrap();
}

/// A mock paper of two questions on `facts`, the first right, sat at `time`.
fn paper(env: &Env, facts: [&str; 2], time: &str) {
    let mut store = env.store();
    let deck = DeckId::new("polity").unwrap();
    let rows: Vec<ExamRow> = facts
        .iter()
        .enumerate()
        .map(|(i, f)| ExamRow {
            position: i as u32,
            card: key(f),
            question: json!({"prompt": format!("Question on {f}?"), "options": ["a", "b"],
                "correct": 0, "answer": "a"}),
            chosen: Some(i as u32),
            marked: false,
            answered_at: Some(t(time)),
        })
        .collect();
    let extra = json!({"status": "running", "scheme": "upsc", "marking": "+2 / −2/3"});
    let session = store.start_exam(&[deck], t(time), &extra, &rows).unwrap();
    let scheduler = Scheduler::new(&Settings::default(), None).unwrap();
    let day = StudyDay::new(t(time), TimeZone::UTC, 4);
    let keys: Vec<CardKey> = facts.iter().map(|f| key(f)).collect();
    let afters: Vec<CardState> = keys
        .iter()
        .zip([Grade::Good, Grade::Again])
        .map(|(k, g)| {
            let before = store.card_state(k).unwrap().unwrap_or_default();
            scheduler.next_states(k, &before, &day).unwrap().get(g).state.clone()
        })
        .collect();
    let answers: Vec<Answer<'_>> = (0..2)
        .map(|i| Answer {
            card: &keys[i],
            session: Some(session),
            time: t(time),
            kind: QuestionKind::MultipleChoice,
            response: if i == 0 { "a" } else { "b" },
            correct: i == 0,
            outcome: if i == 0 { Outcome::Correct } else { Outcome::Wrong },
            grade: if i == 0 { Grade::Good } else { Grade::Again },
            duration_ms: 0,
            after: &afters[i],
            cram: false,
        })
        .collect();
    let summary = SessionSummary {
        ended: Some(t(time)),
        questions: 2,
        right: 1,
        wrong: 1,
        score: Some(1.333),
        extra: Some(json!({"status": "submitted", "scheme": "upsc", "marking": "+2 / −2/3",
            "score": 1.333})),
    };
    store.close_exam(session, &answers, &summary).unwrap();
}

/// Every answer as (time, card, grade, states before and after), and every card's state:
/// what must be equal on two synced computers.
type Snapshot = (Vec<String>, BTreeMap<String, String>);

fn snapshot(env: &Env) -> Snapshot {
    let store = Store::open(&env.data()).unwrap();
    let mut reviews: Vec<String> = store
        .reviews_between(t("2000-01-01T00:00:00Z"), t("2100-01-01T00:00:00Z"))
        .unwrap()
        .into_iter()
        .map(|r| format!("{} {} {:?} {:?} {:?}", r.time, r.card, r.grade, r.before, r.after))
        .collect();
    reviews.sort();
    let mut cards = BTreeMap::new();
    for fact in ["f1", "f2", "f3", "f4", "f5", "p1", "p2"] {
        let state = store.card_state(&key(fact)).unwrap();
        cards.insert(fact.to_owned(), format!("{state:?}"));
    }
    (reviews, cards)
}

fn log_lines(dir: &Path) -> usize {
    let mut n = 0;
    for device in std::fs::read_dir(dir.join("log")).unwrap() {
        for file in std::fs::read_dir(device.unwrap().path()).unwrap() {
            n += std::fs::read_to_string(file.unwrap().path()).unwrap().lines().count();
        }
    }
    n
}

const DAY1: &str = "2026-12-01T12:00:00Z";
const DAY2: &str = "2026-12-02T12:00:00Z";
const DAY3: &str = "2026-12-03T12:00:00Z";

/// What a sync that had nothing to do says.
const NOTHING: &str = "  Sent        0 events\n  Received    nothing new from other computers\n  Cards       none changed\n";

#[test]
fn two_computers_end_with_the_union_of_answers_and_identical_cards() {
    let home = Env::new();
    let laptop = Env::new();
    let remote = bare_remote(&home);
    let remote = remote.to_str().unwrap();

    // Home: three cards on day 1; setting up sync sends what was studied before it.
    study(
        &home,
        &[
            ("f1", Grade::Good, "2026-12-01T09:00:00Z"),
            ("f2", Grade::Again, "2026-12-01T09:01:00Z"),
            ("f3", Grade::Easy, "2026-12-01T09:02:00Z"),
        ],
    );
    let said = ok(&home, DAY1, &["sync", "init", remote]);
    assert!(said.contains("Sync set up with"), "{said}");
    assert!(said.contains("Sent        4 events\n"), "a session and three answers: {said}");

    // Laptop: other cards, one same card (f1, a day later), and a mock paper.
    study(
        &laptop,
        &[
            ("f4", Grade::Good, "2026-12-02T10:00:00Z"),
            ("f1", Grade::Hard, "2026-12-02T10:01:00Z"),
            ("f5", Grade::Good, "2026-12-02T10:02:00Z"),
        ],
    );
    paper(&laptop, ["p1", "p2"], "2026-12-02T11:00:00Z");
    let said = ok(&laptop, DAY2, &["sync", "init", remote]);
    assert!(said.contains("Received    4 events (3 answers, 1 session)\n"), "{said}");
    let said = ok(&home, DAY3, &["sync"]);
    assert!(said.contains("Received    7 events (5 answers, 2 sessions)\n"), "{said}");

    let (home_reviews, home_cards) = snapshot(&home);
    let (laptop_reviews, laptop_cards) = snapshot(&laptop);
    assert_eq!(home_reviews.len(), 8, "{home_reviews:#?}");
    assert_eq!(home_reviews, laptop_reviews);
    assert_eq!(home_cards, laptop_cards);
    // f1 was answered on both: its state is the replay of both answers, home's first.
    let store = Store::open(&laptop.data()).unwrap();
    let f1 = store.reviews_of(&key("f1")).unwrap();
    assert_eq!(f1.len(), 2);
    assert_eq!(f1[1].before.as_ref().map(|s| s.reps), Some(1));
    assert_eq!(store.card_state(&key("f1")).unwrap().unwrap().reps, 2);
    drop(store);

    // The laptop's paper is in home's history, with its questions.
    let history = ok(&home, DAY3, &["history", "--mode", "exam"]);
    assert!(history.contains("+2/−2/3") && history.contains("submitted"), "{history}");
    let store = Store::open(&home.data()).unwrap();
    let exams = store.closed_exams().unwrap();
    assert_eq!(exams.len(), 1);
    assert_eq!(store.exam_rows(exams[0].id).unwrap().len(), 2);
    assert_eq!(store.reviews_in_session(exams[0].id).unwrap().len(), 2);
    drop(store);

    // A second sync on both adds nothing.
    let said = ok(&laptop, DAY3, &["sync"]);
    assert!(said.contains(NOTHING), "{said}");
    let said = ok(&home, DAY3, &["sync"]);
    assert!(said.contains(NOTHING), "{said}");
    assert_eq!(snapshot(&home), snapshot(&laptop));
}

#[test]
fn a_sync_killed_at_any_point_ends_the_same_when_run_again() {
    for crash in ["merged", "written", "committed"] {
        let home = Env::new();
        let laptop = Env::new();
        let remote = bare_remote(&home);
        let remote = remote.to_str().unwrap();
        study(
            &home,
            &[
                ("f1", Grade::Good, "2026-12-01T09:00:00Z"),
                ("f2", Grade::Again, "2026-12-01T09:01:00Z"),
            ],
        );
        ok(&home, DAY1, &["sync", "init", remote]);
        study(&laptop, &[("f1", Grade::Good, "2026-12-02T09:00:00Z")]);
        ok(&laptop, DAY2, &["sync", "init", remote]);
        study(&home, &[("f3", Grade::Good, "2026-12-02T10:00:00Z")]);

        let mut cmd = home.command();
        cmd.env("RECALL_NOW", DAY2)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("RECALL_SYNC_CRASH", crash)
            .arg("sync");
        let out = cmd.output().unwrap();
        assert!(!out.status.success(), "{crash}: the sync was to die");

        ok(&home, DAY2, &["sync"]);
        ok(&laptop, DAY3, &["sync"]);
        ok(&home, DAY3, &["sync"]);
        assert_eq!(snapshot(&home), snapshot(&laptop), "{crash}");
        assert_eq!(snapshot(&home).0.len(), 4, "{crash}");
        // Every event once in the log: two sessions and three answers from home, one and one
        // from the laptop.
        let clone = laptop.data().join("sync");
        assert_eq!(log_lines(&clone), 7, "{crash}");
    }
}

#[test]
fn a_clock_running_behind_cannot_put_an_answer_before_one_it_followed() {
    let home = Env::new();
    let laptop = Env::new();
    let remote = bare_remote(&home);
    let remote = remote.to_str().unwrap();
    study(&home, &[("f1", Grade::Again, "2026-12-02T10:00:00Z")]);
    ok(&home, "2026-12-02T10:05:00Z", &["sync", "init", remote]);
    // The laptop's clock is two hours behind: it takes home's answer in, then answers f1 at
    // what it thinks is 08:30.
    ok(&laptop, "2026-12-02T08:20:00Z", &["sync", "init", remote]);
    study(&laptop, &[("f1", Grade::Good, "2026-12-02T08:30:00Z")]);
    ok(&laptop, "2026-12-02T08:35:00Z", &["sync"]);
    let said = ok(&home, "2026-12-02T10:40:00Z", &["sync"]);
    assert!(said.contains("Received    2 events (1 answer, 1 session)\n"), "{said}");

    assert_eq!(snapshot(&home), snapshot(&laptop));
    let store = Store::open(&home.data()).unwrap();
    let state = store.card_state(&key("f1")).unwrap().unwrap();
    assert_eq!(state.reps, 2);
    assert_eq!(state.lapses, 0);
    // The laptop's Good came after home's Again: the card is no longer in (re)learning.
    assert_eq!(state.phase.name(), "review", "{state:?}");
}

#[test]
fn an_undo_voids_the_answer_on_every_computer() {
    let home = Env::new();
    let laptop = Env::new();
    let remote = bare_remote(&home);
    let remote = remote.to_str().unwrap();
    let mut store = home.store();
    let session = store.start_session(SessionMode::Study, &[], t("2026-12-01T09:00:00Z")).unwrap();
    answer(&mut store, Some(session), &key("f1"), Grade::Good, "2026-12-01T09:00:00Z");
    answer(&mut store, Some(session), &key("f2"), Grade::Good, "2026-12-01T09:01:00Z");
    store.finish_session(session, &SessionSummary::default()).unwrap();
    drop(store);
    ok(&home, DAY1, &["sync", "init", remote]);
    ok(&laptop, DAY1, &["sync", "init", remote]);
    assert_eq!(snapshot(&laptop).0.len(), 2);

    let mut store = home.store();
    store.undo_last(session).unwrap().unwrap();
    drop(store);
    let said = ok(&home, DAY2, &["sync"]);
    assert!(said.contains("Sent        1 event\n"), "{said}");
    let said = ok(&laptop, DAY2, &["sync"]);
    assert!(said.contains("Received    1 event (1 undo)\n"), "{said}");
    assert_eq!(snapshot(&home), snapshot(&laptop));
    assert_eq!(snapshot(&laptop).0.len(), 1);
    assert_eq!(snapshot(&laptop).1["f2"], "None");
}

#[test]
fn a_shared_folder_works_without_git_and_newer_lines_are_skipped() {
    let home = Env::new();
    let laptop = Env::new();
    let shared = home.path("Sync/recall");
    let shared_text = shared.to_str().unwrap();
    study(&home, &[("f1", Grade::Good, "2026-12-01T09:00:00Z")]);
    ok(&home, DAY1, &["sync", "init", "--folder", shared_text]);
    // A line from a future recall, in a third computer's file.
    home.write(
        "Sync/recall/log/other/2026-12.jsonl",
        "{\"v\":2,\"id\":\"x\",\"device\":\"other\",\"seq\":1,\"type\":\"answer\"}\n",
    );
    let out = recall(&laptop, DAY2, &["sync", "init", "--folder", shared_text]);
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("2026-12.jsonl:1: written by a newer recall"), "{stderr}");
    assert_eq!(snapshot(&home), snapshot(&laptop));
    assert!(!shared.join("recall.sqlite3").exists());
}

#[test]
fn stats_show_the_last_sync_and_what_waits_to_be_sent() {
    let home = Env::new();
    let remote = bare_remote(&home);
    study(&home, &[("f1", Grade::Good, "2026-12-01T09:00:00Z")]);
    ok(&home, DAY1, &["sync", "init", remote.to_str().unwrap()]);
    study(&home, &[("f2", Grade::Good, "2026-12-02T09:00:00Z")]);
    let stats = ok(&home, DAY2, &["stats"]);
    assert!(stats.contains("Last synced 2026-12-01 12:00; 2 events wait to be sent"), "{stats}");
}

#[test]
fn events_a_sync_could_not_push_are_counted_sent_when_they_go() {
    // Dogfooding: after a sync made offline, the next one pushed the waiting answer but said
    // "Sent 0 events" while `recall stats` had said they waited to be sent.
    let home = Env::new();
    let remote = bare_remote(&home);
    study(&home, &[("f1", Grade::Good, "2026-12-01T09:00:00Z")]);
    ok(&home, DAY1, &["sync", "init", remote.to_str().unwrap()]);
    study(&home, &[("f2", Grade::Good, "2026-12-02T09:00:00Z")]);
    let away = home.path("remote-away.git");
    std::fs::rename(&remote, &away).unwrap();
    let out = recall(&home, DAY2, &["sync"]);
    assert!(!out.status.success(), "offline");
    let stats = ok(&home, DAY2, &["stats"]);
    assert!(stats.contains("2 events wait to be sent"), "{stats}");
    std::fs::rename(&away, &remote).unwrap();
    let out = ok(&home, DAY2, &["sync"]);
    assert!(out.contains("Sent        2 events\n"), "{out}");
    assert!(ok(&home, DAY2, &["stats"]).contains("nothing waits to be sent"));
}

#[test]
fn sync_says_what_is_wrong_before_it_is_set_up_and_when_the_remote_is_gone() {
    let home = Env::new();
    let out = recall(&home, DAY1, &["sync"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("recall sync init"));
    let missing = home.path("nowhere.git");
    let out = recall(&home, DAY1, &["sync", "init", missing.to_str().unwrap()]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("could not reach the sync remote"), "{stderr}");
    assert!(!home.data().join("sync").exists(), "nothing half made");

    // Set up; the same remote again is harmless, another is refused.
    let remote = bare_remote(&home);
    ok(&home, DAY1, &["sync", "init", remote.to_str().unwrap()]);
    ok(&home, DAY1, &["sync", "init", remote.to_str().unwrap()]);
    let out = recall(
        &home,
        DAY1,
        &["sync", "init", "--folder", home.path("elsewhere").to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("already syncs with") && stderr.contains("remote.git"), "{stderr}");
}

#[test]
fn settings_parameters_and_resets_travel_and_the_latest_setting_wins() {
    let home = Env::new();
    let laptop = Env::new();
    let remote = bare_remote(&home);
    let remote = remote.to_str().unwrap();
    study(
        &home,
        &[("f1", Grade::Good, "2026-12-01T09:00:00Z"), ("f2", Grade::Good, "2026-12-01T09:01:00Z")],
    );
    ok(&home, DAY1, &["config", "new-per-day", "7"]);
    ok(&home, DAY1, &["config", "rollover-hour", "3"]);
    let mut parameters = fsrs::DEFAULT_PARAMETERS.to_vec();
    parameters[0] *= 1.5;
    let store = home.store();
    store.save_fsrs_parameters(&parameters, t("2026-12-01T10:00:00Z"), 400).unwrap();
    drop(store);
    ok(&home, DAY1, &["sync", "init", remote]);

    // The laptop changed rollover-hour later than home did: its value stays.
    ok(&laptop, DAY2, &["config", "rollover-hour", "5"]);
    let said = ok(&laptop, DAY2, &["sync", "init", remote]);
    assert!(said.contains("New FSRS parameters arrived"), "{said}");
    assert_eq!(ok(&laptop, DAY2, &["config", "new-per-day"]), "7\n");
    assert_eq!(ok(&laptop, DAY2, &["config", "rollover-hour"]), "5\n");
    let store = Store::open(&laptop.data()).unwrap();
    assert_eq!(store.fsrs_parameters().unwrap(), Some(parameters.clone()));
    drop(store);

    // Home resets f1; the laptop's copy of it becomes new too, its answer kept as history.
    let mut store = home.store();
    store.reset(&[key("f1")], t("2026-12-02T13:00:00Z"), false).unwrap();
    drop(store);
    let said = ok(&home, DAY3, &["sync"]);
    assert!(said.contains("Received    1 event (1 setting)\n"), "{said}");
    assert_eq!(ok(&home, DAY3, &["config", "rollover-hour"]), "5\n");
    let said = ok(&laptop, DAY3, &["sync"]);
    assert!(said.contains("Received    1 event (1 reset)\n"), "{said}");
    assert_eq!(snapshot(&home), snapshot(&laptop));
    let store = Store::open(&laptop.data()).unwrap();
    assert!(store.card_state(&key("f1")).unwrap().is_none_or(|s| s.is_new()));
    assert_eq!(store.reviews_of(&key("f1")).unwrap().len(), 1);
    assert!(store.last_reset(&key("f1")).unwrap().is_some());
}

#[test]
fn a_rejected_push_is_retried_once_after_a_pull() {
    let home = Env::new();
    let remote = bare_remote(&home);
    // The remote refuses the first push it is offered, as one would when another computer
    // pushed a moment before.
    let hook = remote.join("hooks/pre-receive");
    let marker = remote.join("refused-once");
    std::fs::write(
        &hook,
        format!(
            "#!/bin/sh\nif [ ! -e '{0}' ]; then touch '{0}'; exit 1; fi\nexit 0\n",
            marker.display()
        ),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o755)).unwrap();
    study(&home, &[("f1", Grade::Good, "2026-12-01T09:00:00Z")]);
    ok(&home, DAY1, &["sync", "init", remote.to_str().unwrap()]);
    assert!(marker.exists(), "the first push was refused");
    let laptop = Env::new();
    ok(&laptop, DAY2, &["sync", "init", remote.to_str().unwrap()]);
    assert_eq!(snapshot(&laptop).0.len(), 1, "the retried push reached the remote");
    let stats = ok(&home, DAY2, &["stats"]);
    assert!(stats.contains("nothing waits to be sent"), "{stats}");
}

#[test]
fn one_sync_at_a_time_and_a_clear_word_when_git_is_missing() {
    let home = Env::new();
    let remote = bare_remote(&home);
    ok(&home, DAY1, &["sync", "init", remote.to_str().unwrap()]);
    let lock = std::fs::File::open(home.data().join("sync.lock")).unwrap();
    lock.try_lock().unwrap();
    let out = recall(&home, DAY1, &["sync"]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("another `recall sync` is running"), "{stderr}");
    drop(lock);
    ok(&home, DAY1, &["sync"]);

    let mut cmd = home.command();
    cmd.env("RECALL_NOW", DAY1).env("PATH", home.path("no-bin")).arg("sync");
    let out = cmd.output().unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("git is not installed"), "{stderr}");
}

#[test]
fn a_backup_restored_on_a_synced_computer_takes_its_own_events_back_and_sends_no_twice() {
    let home = Env::new();
    let laptop = Env::new();
    let remote = bare_remote(&home);
    let remote = remote.to_str().unwrap();
    study(&home, &[("f1", Grade::Good, "2026-12-01T09:00:00Z")]);
    ok(&home, DAY1, &["sync", "init", remote]);
    // f2 studied, then a backup, then f3, then a sync: f2 and f3 are both in the log.
    study(&home, &[("f2", Grade::Good, "2026-12-02T09:00:00Z")]);
    let said = ok(&home, "2026-12-02T09:30:00Z", &["backup", "now"]);
    let backup = said.split(" to ").nth(1).and_then(|s| s.split(" (").next()).unwrap().to_owned();
    study(&home, &[("f3", Grade::Good, "2026-12-02T10:00:00Z")]);
    ok(&home, DAY2, &["sync"]);
    // Back to the backup: f2 is there but unsent as far as it knows, f3 is not there at all.
    ok(&home, DAY2, &["backup", "restore", &backup]);
    assert_eq!(snapshot(&home).0.len(), 2);

    study(&home, &[("f4", Grade::Good, "2026-12-03T09:00:00Z")]);
    let said = ok(&home, DAY3, &["sync"]);
    assert!(said.contains("Sent        2 events\n"), "f4's session and answer only: {said}");
    assert!(said.contains("Received    2 events (1 answer, 1 session)"), "f3 back: {said}");
    ok(&laptop, DAY3, &["sync", "init", remote]);
    assert_eq!(snapshot(&home), snapshot(&laptop));
    assert_eq!(snapshot(&home).0.len(), 4);
    // Four sessions and four answers, each once.
    assert_eq!(log_lines(&laptop.data().join("sync")), 8);
}
