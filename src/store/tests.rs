use std::collections::HashSet;

use super::*;
use crate::schedule::{DayCounts, Phase, Scheduler, StudyDay};
use crate::settings::Settings;
use jiff::tz::TimeZone;

fn key(s: &str) -> CardKey {
    s.parse().unwrap()
}

fn t(s: &str) -> Timestamp {
    s.parse().unwrap()
}

fn day(s: &str) -> StudyDay {
    StudyDay::new(t(s), TimeZone::UTC, 4)
}

/// Answers `card` with `grade` at `when` through the scheduler, like a session does.
fn answer(
    store: &mut Store,
    session: Option<SessionId>,
    card: &CardKey,
    grade: Grade,
    when: &str,
) -> ReviewId {
    answer_cram(store, session, card, grade, when, false)
}

fn answer_cram(
    store: &mut Store,
    session: Option<SessionId>,
    card: &CardKey,
    grade: Grade,
    when: &str,
    cram: bool,
) -> ReviewId {
    let settings = Settings { fuzz: false, ..Settings::default() };
    let scheduler = Scheduler::new(&settings, None).unwrap();
    let before = store.card_state(card).unwrap().unwrap_or_default();
    let next = scheduler.next_states(card, &before, &day(when)).unwrap();
    store
        .record_answer(&Answer {
            card,
            session,
            time: t(when),
            kind: QuestionKind::Typed,
            response: "my answer",
            correct: grade != Grade::Again,
            outcome: if grade == Grade::Again { Outcome::Wrong } else { Outcome::Correct },
            grade,
            duration_ms: 1234,
            after: &next.get(grade).state,
            cram,
        })
        .unwrap()
}

#[test]
fn creates_the_folder_and_the_schema() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("nested/data");
    let store = Store::open(&data).unwrap();
    assert_eq!(store.path(), data.join(FILE_NAME));
    assert_eq!(store.schema_version().unwrap(), schema::MIGRATIONS.len() as i64);
    let mode: String = store.conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal");
    drop(store);
    // Reopening does not migrate again or back up.
    let store = Store::open(&data).unwrap();
    assert_eq!(store.schema_version().unwrap(), schema::MIGRATIONS.len() as i64);
    assert!(!data.join(format!("{FILE_NAME}.bak-v1")).exists());
}

#[test]
fn answers_move_cards_and_are_kept_with_both_states() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let s = store
        .start_session(SessionMode::Study, &[DeckId::new("d").unwrap()], t("2026-01-01T12:00:00Z"))
        .unwrap();
    let k = key("d/f/forward");
    answer(&mut store, Some(s), &k, Grade::Good, "2026-01-01T12:00:00Z");
    let state = store.card_state(&k).unwrap().unwrap();
    assert_eq!(state.phase, Phase::Review);
    assert_eq!(state.reps, 1);
    assert_eq!(state.memory.unwrap().stability, 2.3065);
    assert_eq!(state.due, Some(t("2026-01-03T12:00:00Z")));

    answer(&mut store, Some(s), &k, Grade::Again, "2026-01-03T12:00:00Z");
    let reviews = store.reviews_of(&k).unwrap();
    assert_eq!(reviews.len(), 2);
    assert_eq!(reviews[0].before, None);
    assert_eq!(reviews[1].before.as_ref(), Some(&state));
    assert_eq!(reviews[1].grade, Grade::Again);
    assert_eq!(reviews[1].outcome, Outcome::Wrong);
    assert_eq!(reviews[1].kind, Some(QuestionKind::Typed));
    assert_eq!(reviews[1].response, "my answer");
    assert_eq!(reviews[1].duration_ms, 1234);
    assert_eq!(reviews[1].after, store.card_state(&k).unwrap().unwrap());
    assert_eq!(reviews[1].after.lapses, 1);
    assert_eq!(store.reviews_in_session(s).unwrap().len(), 2);
    assert_eq!(store.card_states().unwrap().len(), 1);
    // The deck column (computed from the key) is there for per-deck SQL.
    let deck: String = store.conn.query_row("SELECT deck FROM cards", [], |r| r.get(0)).unwrap();
    assert_eq!(deck, "d");
}

#[test]
fn undo_restores_the_previous_state_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let s = store.start_session(SessionMode::Study, &[], t("2026-01-01T12:00:00Z")).unwrap();
    let k = key("d/f/reverse");
    let other = key("d/g/forward");
    answer(&mut store, Some(s), &k, Grade::Good, "2026-01-01T12:00:00Z");
    answer(&mut store, Some(s), &k, Grade::Hard, "2026-01-04T12:00:00Z");
    let before = store.card_state(&k).unwrap().unwrap();
    let states_before = store.card_states().unwrap();
    answer(&mut store, Some(s), &k, Grade::Again, "2026-01-09T12:00:00Z");
    assert_ne!(store.card_state(&k).unwrap().unwrap(), before);

    let undone = store.undo_last(s).unwrap().unwrap();
    assert_eq!(undone.grade, Grade::Again);
    assert_eq!(store.card_state(&k).unwrap().unwrap(), before);
    assert_eq!(store.card_states().unwrap(), states_before);
    assert_eq!(store.reviews_of(&k).unwrap().len(), 2);

    // Undoing a card's first answer makes it new again (no row).
    answer(&mut store, Some(s), &other, Grade::Easy, "2026-01-09T12:01:00Z");
    store.undo_last(s).unwrap().unwrap();
    assert_eq!(store.card_state(&other).unwrap(), None);
    // Undo walks back through the session, then stops.
    store.undo_last(s).unwrap().unwrap();
    store.undo_last(s).unwrap().unwrap();
    assert_eq!(store.card_state(&k).unwrap(), None);
    assert_eq!(store.undo_last(s).unwrap(), None);
}

#[test]
fn undo_refuses_when_the_card_was_answered_again_elsewhere() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let s1 = store.start_session(SessionMode::Study, &[], t("2026-01-01T12:00:00Z")).unwrap();
    let s2 = store.start_session(SessionMode::Study, &[], t("2026-01-01T12:00:00Z")).unwrap();
    let k = key("d/f/forward");
    answer(&mut store, Some(s1), &k, Grade::Good, "2026-01-01T12:00:00Z");
    answer(&mut store, Some(s2), &k, Grade::Good, "2026-01-01T12:05:00Z");
    assert!(matches!(store.undo_last(s1), Err(StoreError::UndoConflict { .. })));
    assert!(store.undo_last(s2).unwrap().is_some());
    assert!(store.undo_last(s1).unwrap().is_some());
    assert_eq!(store.card_state(&k).unwrap(), None);
}

#[test]
fn cram_answers_are_recorded_but_do_not_move_the_schedule() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let k = key("d/f/forward");
    answer(&mut store, None, &k, Grade::Good, "2026-01-01T12:00:00Z");
    let state = store.card_state(&k).unwrap().unwrap();
    let cram = store.start_session(SessionMode::Cram, &[], t("2026-01-01T13:00:00Z")).unwrap();
    answer_cram(&mut store, Some(cram), &k, Grade::Again, "2026-01-01T13:00:00Z", true);
    assert_eq!(store.card_state(&k).unwrap().unwrap(), state);
    let reviews = store.reviews_of(&k).unwrap();
    assert!(reviews[1].cram);
    assert_eq!(reviews[1].after, state);
    let counts = store.day_counts(&day("2026-01-01T14:00:00Z")).unwrap();
    assert_eq!(counts.answers, 1);
    store.undo_last(cram).unwrap().unwrap();
    assert_eq!(store.card_state(&k).unwrap().unwrap(), state);
}

#[test]
fn day_counts_follow_the_learner_day() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let a = key("d/a/forward");
    let a2 = key("d/a/reverse");
    let b = key("d/b/forward");
    answer(&mut store, None, &a, Grade::Good, "2026-01-01T03:00:00Z"); // yesterday (before 4 a.m.)
    answer(&mut store, None, &a2, Grade::Good, "2026-01-01T05:00:00Z");
    answer(&mut store, None, &b, Grade::Again, "2026-01-01T06:00:00Z");
    answer(&mut store, None, &b, Grade::Good, "2026-01-01T06:10:00Z");
    let counts = store.day_counts(&day("2026-01-01T20:00:00Z")).unwrap();
    assert_eq!(counts.answers, 3);
    assert_eq!(counts.new_cards, 2);
    let facts: Vec<_> = {
        let mut v: Vec<_> = counts.new_facts.iter().map(|(_, f)| f.to_string()).collect();
        v.sort();
        v
    };
    assert_eq!(facts, ["a", "b"]);
    assert_eq!(store.day_counts(&day("2026-01-02T05:00:00Z")).unwrap(), DayCounts::default());
}

/// A mock paper's first answers are counted apart from a study session's, so the learner can
/// choose whether they use up the day's new cards; both are answers of the day.
#[test]
fn day_counts_keep_a_papers_new_cards_apart() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let deck = DeckId::new("d").unwrap();
    let extra = serde_json::json!({"status": "running", "scheme": "upsc", "marking": "+2 / −2/3"});
    let paper = store.start_exam(&[deck], t("2026-01-01T09:00:00Z"), &extra, &[]).unwrap();
    let study = store.start_session(SessionMode::Study, &[], t("2026-01-01T10:00:00Z")).unwrap();
    answer(&mut store, Some(paper), &key("d/a/forward"), Grade::Good, "2026-01-01T09:05:00Z");
    answer(&mut store, Some(paper), &key("d/b/forward"), Grade::Again, "2026-01-01T09:05:00Z");
    answer(&mut store, Some(study), &key("d/c/forward"), Grade::Good, "2026-01-01T10:01:00Z");
    // A review of a card the paper introduced is no new card.
    answer(&mut store, Some(study), &key("d/b/forward"), Grade::Good, "2026-01-01T10:02:00Z");
    let counts = store.day_counts(&day("2026-01-01T20:00:00Z")).unwrap();
    assert_eq!(counts.answers, 4);
    assert_eq!((counts.new_cards, counts.paper_new_cards), (1, 2));
    let names = |facts: &HashSet<(DeckId, crate::ids::FactId)>| {
        let mut v: Vec<String> = facts.iter().map(|(_, f)| f.to_string()).collect();
        v.sort();
        v
    };
    assert_eq!(names(&counts.new_facts), ["c"]);
    assert_eq!(names(&counts.paper_new_facts), ["a", "b"]);
}

#[test]
fn orphans_are_cards_with_history_that_no_deck_has() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let kept = key("d/kept/forward");
    let gone = key("d/gone/forward");
    answer(&mut store, None, &kept, Grade::Good, "2026-01-01T12:00:00Z");
    answer(&mut store, None, &gone, Grade::Good, "2026-01-01T12:00:00Z");
    answer(&mut store, None, &gone, Grade::Good, "2026-01-03T12:00:00Z");
    let known: HashSet<CardKey> = [kept].into_iter().collect();
    assert_eq!(store.orphans(&known).unwrap(), vec![(gone, 2)]);
}

#[test]
fn settings_are_typed_validated_and_resettable() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(store.settings().unwrap(), Settings::default());
    assert_eq!(store.set_setting("desired-retention", "0.85").unwrap(), "0.85");
    assert_eq!(store.set_setting("fuzz", "no").unwrap(), "off");
    let s = store.settings().unwrap();
    assert_eq!(s.desired_retention, 0.85);
    assert!(!s.fuzz);
    assert!(matches!(store.set_setting("desired-retention", "2"), Err(StoreError::Setting(_))));
    assert!(matches!(store.set_setting("nope", "2"), Err(StoreError::Setting(_))));
    store.reset_setting("fuzz").unwrap();
    assert!(store.settings().unwrap().fuzz);
    assert_eq!(store.stored_settings().unwrap(), vec![("desired-retention".into(), "0.85".into())]);
    // A key from a newer version is ignored; a bad value for a known key is reported.
    store.conn.execute("INSERT INTO settings VALUES ('future-key', 'x')", []).unwrap();
    assert_eq!(store.settings().unwrap().desired_retention, 0.85);
    store
        .conn
        .execute("UPDATE settings SET value = 'lots' WHERE key = 'desired-retention'", [])
        .unwrap();
    let err = store.settings().unwrap_err().to_string();
    assert!(err.contains(FILE_NAME) && err.contains("lots"), "{err}");
}

#[test]
fn the_model_in_force_dates_from_the_fit_that_changed_it() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(store.fsrs_model_fitted_at().unwrap(), 0, "no fit: the defaults");
    let defaults = fsrs::DEFAULT_PARAMETERS.to_vec();
    // A first fit no better than the defaults keeps them: still from the start.
    store.save_fsrs_parameters(&defaults, t("2026-01-01T00:00:00Z"), 64).unwrap();
    assert_eq!(store.fsrs_model_fitted_at().unwrap(), 0);
    let mut p = defaults.clone();
    p[0] = 0.3;
    store.save_fsrs_parameters(&p, t("2026-01-02T00:00:00Z"), 96).unwrap();
    assert_eq!(store.fsrs_model_fitted_at().unwrap(), 96);
    // Fits that were no better saved the same parameters: the model is still the one of 96.
    store.save_fsrs_parameters(&p, t("2026-01-03T00:00:00Z"), 144).unwrap();
    store.save_fsrs_parameters(&p, t("2026-01-04T00:00:00Z"), 216).unwrap();
    assert_eq!(store.fsrs_model_fitted_at().unwrap(), 96);
    p[0] = 0.4;
    store.save_fsrs_parameters(&p, t("2026-01-05T00:00:00Z"), 324).unwrap();
    assert_eq!(store.fsrs_model_fitted_at().unwrap(), 324);
}

#[test]
fn fsrs_parameters_and_sessions_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(store.fsrs_parameters().unwrap(), None);
    assert_eq!(store.fsrs_last_fit().unwrap(), None);
    let mut p = fsrs::DEFAULT_PARAMETERS.to_vec();
    p[0] = 0.3;
    store.save_fsrs_parameters(&p, t("2026-01-01T00:00:00Z"), 1000).unwrap();
    assert_eq!(store.fsrs_parameters().unwrap(), Some(p));
    assert_eq!(store.fsrs_last_fit().unwrap(), Some((1000, t("2026-01-01T00:00:00Z"))));

    let decks = vec![DeckId::new("a").unwrap(), DeckId::new("b").unwrap()];
    let id = store.start_session(SessionMode::Exam, &decks, t("2026-01-01T10:00:00Z")).unwrap();
    let summary = SessionSummary {
        ended: Some(t("2026-01-01T11:00:00Z")),
        questions: 100,
        right: 60,
        wrong: 30,
        score: Some(110.0),
        extra: Some(serde_json::json!({"negative_marking": 0.33})),
    };
    store.finish_session(id, &summary).unwrap();
    let rec = store.session(id).unwrap().unwrap();
    assert_eq!(rec.mode, SessionMode::Exam);
    assert_eq!(rec.decks, decks);
    assert_eq!(rec.summary, summary);
    let all = store.sessions_between(t("2026-01-01T00:00:00Z"), t("2026-01-02T00:00:00Z")).unwrap();
    assert_eq!(all, vec![rec]);
}

#[test]
fn a_second_session_is_refused_with_the_holders_pid() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let lock = store.lock_session().unwrap();
    let err = store.lock_session().unwrap_err();
    let msg = err.to_string();
    assert!(matches!(err, StoreError::SessionRunning { .. }));
    assert!(
        msg.contains(&format!("another recall session is running (pid {})", std::process::id())),
        "{msg}"
    );
    drop(lock);
    store.lock_session().unwrap();
}

#[test]
fn migrating_an_older_file_backs_it_up_first() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    answer(&mut store, None, &key("d/f/forward"), Grade::Good, "2026-01-01T12:00:00Z");
    drop(store);
    // A hypothetical next migration, as a future version would append it.
    let known = schema::MIGRATIONS.len() as i64;
    let mut next: Vec<&str> = schema::MIGRATIONS.to_vec();
    next.push("ALTER TABLE cards ADD COLUMN note TEXT;");
    let v2: &[&str] = &next;
    let now: jiff::ZonedDateTime = "2026-11-30T09:15:00+05:30[Asia/Kolkata]".parse().unwrap();
    let store = Store::open_with(dir.path(), Mode::Write, &now, v2).unwrap();
    assert_eq!(store.schema_version().unwrap(), known + 1);
    store.conn.execute("UPDATE cards SET note = 'x'", []).unwrap();
    assert_eq!(store.reviews_of(&key("d/f/forward")).unwrap().len(), 1);
    let backup = dir.path().join("backups/recall-2026-11-30-0915-before-upgrade.sqlite3");
    let old = Connection::open(&backup).unwrap();
    let version: i64 = old.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
    let reviews: i64 = old.query_row("SELECT count(*) FROM reviews", [], |r| r.get(0)).unwrap();
    assert_eq!((version, reviews), (known, 1));
    // And this version refuses the migrated file rather than guess.
    drop(store);
    let err = Store::open(dir.path()).unwrap_err();
    assert!(
        matches!(err, StoreError::NewerSchema { found, known: k, .. } if found == known + 1 && k == known),
        "{err}"
    );
    assert!(err.to_string().contains(FILE_NAME));
}

#[test]
fn a_file_from_a_newer_version_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(FILE_NAME);
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE future (x); PRAGMA user_version = 99;").unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let err = Store::open(dir.path()).unwrap_err();
    assert!(matches!(err, StoreError::NewerSchema { found: 99, .. }), "{err}");
    assert!(err.to_string().contains(&path.display().to_string()));
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn a_file_that_is_not_sqlite_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(FILE_NAME);
    let text = "these are my notes, not a database\n".repeat(200);
    std::fs::write(&path, &text).unwrap();
    let err = Store::open(dir.path()).unwrap_err();
    assert!(matches!(err, StoreError::NotADatabase { .. }), "{err:?}");
    assert!(err.to_string().contains(&path.display().to_string()));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
}

#[test]
fn another_sqlite_database_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(FILE_NAME);
    Connection::open(&path).unwrap().execute_batch("CREATE TABLE mine (x);").unwrap();
    let err = Store::open(dir.path()).unwrap_err();
    assert!(matches!(err, StoreError::Foreign { .. }), "{err:?}");
}

#[test]
fn a_corrupt_file_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    answer(&mut store, None, &key("d/f/forward"), Grade::Good, "2026-01-01T12:00:00Z");
    store.conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);").unwrap();
    drop(store);
    let path = dir.path().join(FILE_NAME);
    let mut bytes = std::fs::read(&path).unwrap();
    // Keep the 100-byte header, wreck the schema page.
    for b in &mut bytes[100..4096] {
        *b = 0xA5;
    }
    std::fs::write(&path, &bytes).unwrap();
    let err = Store::open(dir.path()).unwrap_err();
    assert!(matches!(err, StoreError::Damaged { found: Found::Opening, .. }), "{err:?}");
    assert!(err.to_string().contains(&path.display().to_string()));
    assert_eq!(std::fs::read(&path).unwrap(), bytes);
}

#[test]
fn an_unreadable_data_file_names_the_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(FILE_NAME)).unwrap();
    let err = Store::open(dir.path()).unwrap_err();
    assert!(err.to_string().contains(FILE_NAME), "{err}");
    // A data folder that is a file cannot be created.
    let file = dir.path().join("plain");
    std::fs::write(&file, "x").unwrap();
    let err = Store::open(&file).unwrap_err();
    assert!(matches!(err, StoreError::CreateDir { .. }), "{err:?}");
}

#[test]
fn concurrent_writers_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    Store::open(dir.path()).unwrap();
    let threads: Vec<_> = (0..4)
        .map(|w| {
            let path = dir.path().to_path_buf();
            std::thread::spawn(move || {
                let mut store = Store::open(&path).unwrap();
                for i in 0..50 {
                    // Every writer also answers a shared card, so writes really contend.
                    let own = key(&format!("d/w{w}-{i}/forward"));
                    answer(&mut store, None, &own, Grade::Good, "2026-01-01T12:00:00Z");
                    answer(
                        &mut store,
                        None,
                        &key("d/shared/forward"),
                        Grade::Good,
                        "2026-01-01T12:00:00Z",
                    );
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    let store = Store::open(dir.path()).unwrap();
    let all = store.reviews_between(Timestamp::MIN, Timestamp::MAX).unwrap();
    assert_eq!(all.len(), 4 * 50 * 2);
    assert_eq!(store.card_states().unwrap().len(), 4 * 50 + 1);
    // Each shared answer's row holds the state the previous one left (the before state is read
    // inside the write transaction), so the chain undo relies on is whole.
    let chain = store.reviews_of(&key("d/shared/forward")).unwrap();
    assert_eq!(chain.len(), 200);
    for pair in chain.windows(2) {
        assert_eq!(pair[1].before.as_ref().map(|b| b.reps), Some(pair[0].after.reps));
    }
}

#[test]
fn stats_rows_number_cards_and_keep_cram_only_cards_as_new() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let studied = key("d/a/forward");
    let crammed = key("d/b/forward");
    answer(&mut store, None, &studied, Grade::Good, "2026-12-01T10:00:00Z");
    answer(&mut store, None, &studied, Grade::Again, "2026-12-03T10:00:00Z");
    answer_cram(&mut store, None, &crammed, Grade::Good, "2026-12-03T11:00:00Z", true);
    let rows = store.stats_rows().unwrap();
    assert_eq!(rows.cards.len(), 2);
    let of = |k: &CardKey| rows.cards.iter().find(|c| &c.card == k).unwrap();
    assert_eq!(of(&studied).phase, Phase::Relearning);
    assert_eq!(of(&crammed).phase, Phase::New);
    assert_eq!(rows.reviews.len(), 3);
    let first = rows.reviews.iter().find(|r| r.time == t("2026-12-01T10:00:00Z")).unwrap();
    assert_eq!(first.card, of(&studied).id);
    assert_eq!(first.phase_before, Phase::New);
    assert_eq!(first.stability_before, None);
    let lapse = rows.reviews.iter().find(|r| r.time == t("2026-12-03T10:00:00Z")).unwrap();
    assert_eq!(lapse.phase_before, Phase::Review);
    assert!(lapse.stability_before.is_some_and(|s| s > 0.0));
    assert!(!lapse.correct);
    let cram = rows.reviews.iter().find(|r| r.card == of(&crammed).id).unwrap();
    assert!(cram.cram && cram.correct);
}

#[test]
fn a_cut_off_session_is_counted_from_its_answers() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let deck = DeckId::new("d").unwrap();
    let started = t("2026-12-01T10:00:00Z");
    let finished = store.start_session(SessionMode::Study, std::slice::from_ref(&deck), started);
    let finished = finished.unwrap();
    answer(&mut store, Some(finished), &key("d/a/forward"), Grade::Good, "2026-12-01T10:01:00Z");
    store
        .finish_session(
            finished,
            &SessionSummary {
                ended: Some(t("2026-12-01T10:05:00Z")),
                questions: 1,
                right: 1,
                ..SessionSummary::default()
            },
        )
        .unwrap();
    let cut = store.start_session(SessionMode::Cram, &[deck], t("2026-12-02T10:00:00Z")).unwrap();
    answer(&mut store, Some(cut), &key("d/a/forward"), Grade::Good, "2026-12-02T10:01:00Z");
    answer(&mut store, Some(cut), &key("d/b/forward"), Grade::Again, "2026-12-02T10:03:00Z");
    let sessions = store.stats_sessions().unwrap();
    assert_eq!(sessions.len(), 2);
    assert_eq!((sessions[0].questions, sessions[0].right, sessions[0].wrong), (1, 1, 0));
    assert_eq!(sessions[0].duration_seconds, 300);
    assert_eq!(sessions[0].decks, ["d"]);
    let s = &sessions[1];
    assert_eq!(s.mode, SessionMode::Cram);
    assert_eq!(s.ended, None);
    assert_eq!((s.questions, s.right, s.wrong), (2, 1, 1));
    assert_eq!(s.duration_seconds, 180); // to its last answer
    // One conversion: a closed session reads the same through `session` and `stats_sessions`.
    let record = store.session(finished).unwrap().unwrap();
    assert_eq!(record.to_session_fact(), sessions[0]);
    // Read alone, the cut-off session has no answers counted in.
    let alone = store.session(cut).unwrap().unwrap().to_session_fact();
    assert_eq!((alone.questions, alone.duration_seconds), (0, 0));
}

#[test]
fn exam_sessions_read_with_their_marks_and_status() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let deck = DeckId::new("d").unwrap();
    let extra = serde_json::json!({"status": "running", "scheme": "upsc", "marking": "+2 / −2/3"});
    let row = |position: u32| super::ExamRow {
        position,
        card: format!("d/f{position}/forward").parse().unwrap(),
        question: serde_json::json!({"prompt": "?", "options": ["a", "b"], "correct": 0}),
        chosen: None,
        marked: false,
        answered_at: None,
    };
    let open = store
        .start_exam(std::slice::from_ref(&deck), t("2026-12-01T10:00:00Z"), &extra, &[row(0)])
        .unwrap();
    let closed = store.start_exam(&[deck], t("2026-12-02T10:00:00Z"), &extra, &[row(0)]).unwrap();
    let summary = SessionSummary {
        ended: Some(t("2026-12-02T10:10:00Z")),
        questions: 1,
        right: 1,
        score: Some(2.0),
        extra: Some(serde_json::json!({
            "status": "timed-out", "scheme": "upsc", "marking": "+2 / −2/3", "unanswered": 0,
            "max_score": 2.0, "duration_seconds": 590
        })),
        ..SessionSummary::default()
    };
    store.close_exam(closed, &[], &summary).unwrap();
    let sessions = store.stats_sessions().unwrap();
    assert_eq!(sessions[0].id, open.0);
    assert_eq!(sessions[0].status, Some(crate::stats::ExamStatus::Running));
    assert_eq!((sessions[0].questions, sessions[0].score), (1, 0.0));
    let s = &sessions[1];
    assert_eq!(s, &store.session(closed).unwrap().unwrap().to_session_fact());
    assert_eq!(s.status, Some(crate::stats::ExamStatus::TimedOut));
    assert_eq!((s.score, s.max_score, s.duration_seconds), (2.0, 2.0, 590));
    assert_eq!((s.scheme.as_deref(), s.marking.as_deref()), (Some("upsc"), Some("+2 / −2/3")));
}

#[test]
fn stats_rows_since_counts_the_older_reviews_per_card() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let a = key("d/a/forward");
    let b = key("d/b/forward");
    answer(&mut store, None, &a, Grade::Good, "2025-01-01T10:00:00Z");
    answer(&mut store, None, &a, Grade::Again, "2025-03-01T10:00:00Z");
    answer_cram(&mut store, None, &b, Grade::Good, "2025-03-02T10:00:00Z", true);
    answer(&mut store, None, &a, Grade::Good, "2026-12-01T10:00:00Z");
    let rows = store.stats_rows_since(t("2026-01-01T00:00:00Z")).unwrap();
    let id = |k: &CardKey| rows.cards.iter().find(|c| &c.card == k).unwrap().id;
    let mut counted = rows.counted.clone();
    counted.sort_by_key(|c| c.card);
    let mut expected = vec![
        crate::stats::CardTally { card: id(&a), reviews: 2, right: 1 },
        crate::stats::CardTally { card: id(&b), reviews: 1, right: 1 },
    ];
    expected.sort_by_key(|c| c.card);
    assert_eq!(counted, expected);
    assert_eq!(rows.reviews.len(), 1);
    assert_eq!(rows.reviews[0].time, t("2026-12-01T10:00:00Z"));
    assert_eq!(rows.reviews[0].card, id(&a));
    // Without a `since`, nothing is counted and everything is listed.
    let all = store.stats_rows().unwrap();
    assert!(all.counted.is_empty());
    assert_eq!(all.reviews.len(), 4);
}

#[test]
fn the_per_card_tallies_follow_answers_undo_and_imports() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let (a, b, c) = (key("d/a/forward"), key("d/b/forward"), key("d/c/reverse"));
    let s = store.start_session(SessionMode::Study, &[], t("2025-01-01T09:00:00Z")).unwrap();
    answer(&mut store, Some(s), &a, Grade::Good, "2025-01-01T10:00:00Z");
    answer(&mut store, Some(s), &b, Grade::Again, "2025-01-01T10:01:00Z");
    answer(&mut store, Some(s), &b, Grade::Good, "2025-01-01T10:02:00Z");
    store.undo_last(s).unwrap(); // b's second answer is gone
    answer_cram(&mut store, None, &c, Grade::Good, "2025-02-01T10:00:00Z", true);
    answer(&mut store, None, &a, Grade::Again, "2026-12-01T10:00:00Z");
    // An import older than a's answers rewrites their rows (states, not card or correctness).
    let settings = Settings { fuzz: false, ..Settings::default() };
    let scheduler = Scheduler::new(&settings, None).unwrap();
    let log = [
        imported("d/a/forward", "2024-06-01T10:00:00Z", Grade::Good, "t:1"),
        imported("d/c/reverse", "2026-11-01T10:00:00Z", Grade::Again, "t:2"),
    ];
    store.import_reviews(&log, &scheduler, &day("2026-12-02T00:00:00Z")).unwrap();

    // The tallies less the recent reviews must equal counting the older reviews one by one.
    let since = t("2026-01-01T00:00:00Z");
    let all = store.stats_rows().unwrap();
    let key_of = |id| all.cards.iter().find(|f| f.id == id).unwrap().card.clone();
    let mut expected: Vec<(CardKey, u32, u32)> = Vec::new();
    for r in all.reviews.iter().filter(|r| r.time < since) {
        let k = key_of(r.card);
        match expected.iter_mut().find(|e| e.0 == k) {
            Some(e) => (e.1, e.2) = (e.1 + 1, e.2 + u32::from(r.correct)),
            None => expected.push((k, 1, u32::from(r.correct))),
        }
    }
    expected.sort_by_key(|x| x.0.to_string());
    assert_eq!(expected, [(a.clone(), 2, 2), (b.clone(), 1, 0), (c.clone(), 1, 1)]);

    let rows = store.stats_rows_since(since).unwrap();
    let key_of = |id| rows.cards.iter().find(|f| f.id == id).unwrap().card.clone();
    let mut counted: Vec<(CardKey, u32, u32)> =
        rows.counted.iter().map(|c| (key_of(c.card), c.reviews, c.right)).collect();
    counted.sort_by_key(|x| x.0.to_string());
    assert_eq!(counted, expected);
    assert_eq!(rows.reviews.len(), 2); // a's lapse and c's imported review
    // `recall check` counts a card's answers from the same tallies.
    let orphans = store.orphans(&HashSet::new()).unwrap();
    assert_eq!(orphans, [(a, 3), (b, 1), (c, 2)]);
}

fn imported(card: &str, when: &str, grade: Grade, origin: &str) -> ImportedReview {
    ImportedReview {
        card: key(card),
        time: t(when),
        grade,
        duration_ms: 5000,
        origin: origin.to_string(),
    }
}

#[test]
fn imported_history_is_replayed_like_answers_and_never_added_twice() {
    use Grade::*;
    let dir = tempfile::tempdir().unwrap();
    let settings = Settings { fuzz: false, ..Settings::default() };
    let scheduler = Scheduler::new(&settings, None).unwrap();
    // After the last imported answer: reviews dated after now are not imported.
    let zone = day("2026-01-05T12:00:00Z");

    // What recall itself would have stored for the same answers.
    let mut answered = Store::open(&dir.path().join("answered")).unwrap();
    let card = key("history.log/c1/forward");
    for (g, when) in [(Good, "2026-01-01T10:00:00Z"), (Again, "2026-01-04T10:00:00Z")] {
        answer(&mut answered, None, &card, g, when);
    }
    answer(&mut answered, None, &card, Good, "2026-01-04T10:20:00Z");
    let expected = answered.card_state(&card).unwrap().unwrap();

    let mut store = Store::open(&dir.path().join("imported")).unwrap();
    // Out of order on purpose, with a second card.
    let log = vec![
        imported("history.log/c1/forward", "2026-01-04T10:20:00Z", Good, "csv:1:3"),
        imported("history.log/c1/forward", "2026-01-01T10:00:00Z", Good, "csv:1:1"),
        imported("history.log/c2/forward", "2026-01-02T10:00:00Z", Easy, "csv:2:1"),
        imported("history.log/c1/forward", "2026-01-04T10:00:00Z", Again, "csv:1:2"),
    ];
    let counts = store.import_reviews(&log, &scheduler, &zone).unwrap();
    assert_eq!(
        counts,
        ImportCounts { added: 4, already_present: 0, cards: 2, ..ImportCounts::default() }
    );
    let state = store.card_state(&card).unwrap().unwrap();
    assert_eq!(state, expected);
    assert_eq!(state.lapses, 1);
    assert_eq!(state.reps, 3);
    // The review rows hold the replayed states, chained before → after.
    let rows = store.reviews_of(&card).unwrap();
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0].before, None);
    assert_eq!(rows[1].before.as_ref().map(|b| b.memory), Some(rows[0].after.memory));
    assert_eq!(rows[2].after.memory, expected.memory);
    assert!(rows.iter().all(|r| r.imported.is_some() && r.kind == Some(QuestionKind::Flashcard)));
    assert!(!rows[1].correct);
    // Imports do not count toward today's limits.
    assert_eq!(store.day_counts(&day("2026-01-04T12:00:00Z")).unwrap().answers, 0);

    // Again: nothing added, nothing moved.
    let again = store.import_reviews(&log, &scheduler, &zone).unwrap();
    assert_eq!(
        again,
        ImportCounts { added: 0, already_present: 4, cards: 0, ..ImportCounts::default() }
    );
    assert_eq!(store.reviews_of(&card).unwrap().len(), 3);
    assert_eq!(store.review_counts().unwrap(), (4, 4));
    assert_eq!(store.card_state(&card).unwrap().unwrap(), expected);
    // Cards of no deck are not orphans.
    assert_eq!(store.orphans(&HashSet::new()).unwrap(), vec![]);
}

#[test]
fn an_import_older_than_own_answers_recomputes_the_card_and_keeps_suspension() {
    use Grade::*;
    let dir = tempfile::tempdir().unwrap();
    let settings = Settings { fuzz: false, ..Settings::default() };
    let scheduler = Scheduler::new(&settings, None).unwrap();
    let card = key("d/f/forward");
    let mut store = Store::open(dir.path()).unwrap();
    answer(&mut store, None, &card, Good, "2026-02-10T10:00:00Z");
    store.set_suspended(&card, true).unwrap();
    let only_own = store.card_state(&card).unwrap().unwrap();
    let log = vec![
        imported("d/f/forward", "2026-01-01T10:00:00Z", Good, "anki:1"),
        imported("d/f/forward", "2026-01-11T10:00:00Z", Good, "anki:2"),
    ];
    store.import_reviews(&log, &scheduler, &day("2026-02-11T00:00:00Z")).unwrap();
    let state = store.card_state(&card).unwrap().unwrap();
    assert_eq!(state.reps, 3);
    assert!(state.suspended);
    // Three successes spaced out hold longer than one.
    assert!(state.stability().unwrap() > only_own.stability().unwrap() * 3.0);
    assert_eq!(state.last_review, Some(t("2026-02-10T10:00:00Z")));
    // The learner's own answer is now the third of the history.
    let rows = store.reviews_of(&card).unwrap();
    assert_eq!(rows[2].imported, None);
    assert_eq!(rows[2].before.as_ref().map(|b| b.reps), Some(2));

    assert!(store.set_due(&card, t("2026-03-01T00:00:00Z")).unwrap());
    assert_eq!(store.card_state(&card).unwrap().unwrap().due, Some(t("2026-03-01T00:00:00Z")));
    assert!(!store.set_due(&key("d/new/forward"), t("2026-03-01T00:00:00Z")).unwrap());
}

#[test]
fn a_failed_import_stores_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let scheduler = Scheduler::new(&Settings::default(), None).unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    // A time SQLite stores but jiff cannot read back makes the replay fail after the inserts.
    let mut log = vec![imported("d/f/forward", "2026-01-01T10:00:00Z", Grade::Good, "x:1")];
    store.import_reviews(&log, &scheduler, &day("2026-01-02T00:00:00Z")).unwrap();
    log[0].origin = "x:2".into();
    store
        .conn
        .execute("UPDATE reviews SET time = 9223372036854775807 WHERE imported = 'x:1'", [])
        .unwrap();
    assert!(store.import_reviews(&log, &scheduler, &day("2026-01-02T00:00:00Z")).is_err());
    assert_eq!(store.review_counts().unwrap(), (1, 1));
}

#[test]
fn history_decks_are_recognized_by_their_prefix() {
    assert!(is_history_deck(&"history.revlog".parse().unwrap()));
    assert!(!is_history_deck(&"history-of-india".parse().unwrap()));
}

#[test]
fn memories_are_recomputed_with_new_parameters_keeping_due_dates() {
    use Grade::*;
    let dir = tempfile::tempdir().unwrap();
    let settings = Settings { fuzz: false, ..Settings::default() };
    let default = Scheduler::new(&settings, None).unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let log = vec![
        imported("history.x/c1/forward", "2026-01-01T10:00:00Z", Good, "a"),
        imported("history.x/c1/forward", "2026-01-04T10:00:00Z", Good, "b"),
        imported("history.x/c2/forward", "2026-01-01T10:00:00Z", Again, "c"),
    ];
    let zone = day("2026-01-05T00:00:00Z");
    store.import_reviews(&log, &default, &zone).unwrap();
    let before = store.card_state(&key("history.x/c1/forward")).unwrap().unwrap();
    let mut params = fsrs::DEFAULT_PARAMETERS.to_vec();
    params[2] *= 3.0; // a learner whose first Good lasts three times longer
    let fitted = Scheduler::new(&settings, Some(&params)).unwrap();
    assert_eq!(store.recompute_memories(&fitted, &zone).unwrap(), 2);
    let after = store.card_state(&key("history.x/c1/forward")).unwrap().unwrap();
    assert_eq!(after.memory, fitted.replay(&[(0, Good), (3, Good)]).unwrap());
    assert!(after.stability() > before.stability());
    assert_eq!((after.due, after.reps, after.phase), (before.due, before.reps, before.phase));
}

#[test]
fn unfinished_sessions_are_closed_from_their_answers() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let deck = [DeckId::new("d").unwrap()];
    // A study session cut off after two answers, one wrong.
    let cut = store.start_session(SessionMode::Study, &deck, t("2026-11-30T09:00:00Z")).unwrap();
    answer(&mut store, Some(cut), &key("d/a/forward"), Grade::Good, "2026-11-30T09:01:00Z");
    answer(&mut store, Some(cut), &key("d/b/forward"), Grade::Again, "2026-11-30T09:02:00Z");
    // One cut off before any answer, one finished properly, one exam left alone.
    let empty = store.start_session(SessionMode::Cram, &deck, t("2026-11-30T10:00:00Z")).unwrap();
    let done = store.start_session(SessionMode::Study, &deck, t("2026-11-30T11:00:00Z")).unwrap();
    let finished = SessionSummary {
        ended: Some(t("2026-11-30T11:05:00Z")),
        questions: 7,
        right: 7,
        ..SessionSummary::default()
    };
    store.finish_session(done, &finished).unwrap();
    let exam = store.start_session(SessionMode::Exam, &deck, t("2026-11-30T12:00:00Z")).unwrap();

    assert_eq!(store.close_unfinished_sessions().unwrap().len(), 2);
    let s = store.session(cut).unwrap().unwrap().summary;
    assert_eq!(
        (s.ended, s.questions, s.right, s.wrong),
        (Some(t("2026-11-30T09:02:00Z")), 2, 1, 1)
    );
    let s = store.session(empty).unwrap().unwrap().summary;
    assert_eq!((s.ended, s.questions), (Some(t("2026-11-30T10:00:00Z")), 0));
    assert_eq!(store.session(done).unwrap().unwrap().summary, finished);
    assert_eq!(store.session(exam).unwrap().unwrap().summary.ended, None);
    assert_eq!(store.close_unfinished_sessions().unwrap().len(), 0);
}

#[test]
fn suspend_and_bury_keep_through_answers_and_say_what_changed() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let (a, b) = (key("d/a/forward"), key("d/b/forward"));
    let one = std::slice::from_ref(&a);
    answer(&mut store, None, &a, Grade::Good, "2026-01-01T12:00:00Z");
    // A new card (no row yet) can be suspended too.
    assert_eq!(store.suspend(&[a.clone(), b.clone()], true).unwrap(), [a.clone(), b.clone()]);
    assert!(store.suspend(one, true).unwrap().is_empty(), "already suspended");
    let state = store.card_state(&a).unwrap().unwrap();
    assert!(state.suspended && state.phase == Phase::Review);
    assert!(store.card_state(&b).unwrap().unwrap().is_new());
    // Answers keep the flag.
    answer(&mut store, None, &a, Grade::Good, "2026-01-05T12:00:00Z");
    assert!(store.card_state(&a).unwrap().unwrap().suspended);
    assert_eq!(store.suspend(one, false).unwrap(), one);
    assert!(!store.card_state(&a).unwrap().unwrap().suspended);

    let until = t("2026-01-06T04:00:00Z");
    assert_eq!(store.bury(one, until).unwrap(), one);
    assert!(store.bury(one, until).unwrap().is_empty(), "already buried");
    let state = store.card_state(&a).unwrap().unwrap();
    assert_eq!(state.buried_until, Some(until));
    assert!(state.is_held(t("2026-01-05T20:00:00Z")) && !state.is_held(until));
    assert_eq!(state.next_due().unwrap(), state.due.unwrap().max(until));
    // Undo of an answer keeps the bury (the session undoes a bury by itself).
    let s = store.start_session(SessionMode::Study, &[], t("2026-01-05T12:00:00Z")).unwrap();
    answer(&mut store, Some(s), &a, Grade::Again, "2026-01-05T12:01:00Z");
    store.undo_last(s).unwrap();
    assert_eq!(store.card_state(&a).unwrap().unwrap().buried_until, Some(until));
    assert!(store.unbury(one, until).unwrap().is_empty(), "the bury is over then");
    assert_eq!(store.unbury(one, t("2026-01-05T20:00:00Z")).unwrap(), one);
    assert_eq!(store.card_state(&a).unwrap().unwrap().buried_until, None);
    store.restore_hold(&a, true, Some(until)).unwrap();
    let state = store.card_state(&a).unwrap().unwrap();
    assert_eq!((state.suspended, state.buried_until), (true, Some(until)));
}

#[test]
fn a_reset_card_is_new_its_answers_stay_and_replays_start_after_the_reset() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let a = key("d/a/forward");
    let one = std::slice::from_ref(&a);
    answer(&mut store, None, &a, Grade::Good, "2026-01-01T12:00:00Z");
    answer(&mut store, None, &a, Grade::Again, "2026-01-05T12:00:00Z");
    store.suspend(one, true).unwrap();
    let at = t("2026-01-05T13:00:00Z");
    let counts = store.reset(&[a.clone(), key("d/never/forward")], at, false).unwrap();
    assert_eq!(counts, ResetCounts { reset: 1, answers_deleted: 0 });
    let state = store.card_state(&a).unwrap().unwrap();
    assert!(state.is_new() && state.suspended && state.lapses == 0 && state.memory.is_none());
    assert_eq!(store.reviews_of(&a).unwrap().len(), 2, "answers are kept");
    assert_eq!(store.last_reset(&a).unwrap(), Some(at));
    let kept: (String, i64) = store
        .conn
        .query_row("SELECT phase, lapses FROM card_resets", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap();
    assert_eq!(kept, ("relearning".to_owned(), 1), "the state thrown away is kept");
    // The next answer is the card's first again: it counts as a new card today.
    answer(&mut store, None, &a, Grade::Good, "2026-01-05T14:00:00Z");
    let counts = store.day_counts(&day("2026-01-05T15:00:00Z")).unwrap();
    assert_eq!(counts.new_cards, 1);
    // Optimizing sees the answers after the reset as another card's history.
    let log = store.review_log().unwrap();
    let cards: Vec<&str> = log.iter().map(|r| r.card.as_str()).collect();
    assert_eq!(cards, ["d/a/forward", "d/a/forward", "d/a/forward#1"]);
    // Recomputing memories replays only the answers after the reset: one Good from new.
    let settings = Settings { fuzz: false, ..Settings::default() };
    let scheduler = Scheduler::new(&settings, None).unwrap();
    let fresh = scheduler
        .next_states(&a, &CardState::default(), &day("2026-01-05T14:00:00Z"))
        .unwrap()
        .get(Grade::Good)
        .state
        .memory;
    store.recompute_memories(&scheduler, &day("2026-01-06T12:00:00Z")).unwrap();
    assert_eq!(store.card_state(&a).unwrap().unwrap().memory, fresh);

    // --delete-history: the answers go too.
    let counts = store.reset(one, t("2026-01-06T12:00:00Z"), true).unwrap();
    assert_eq!(counts, ResetCounts { reset: 1, answers_deleted: 3 });
    assert!(store.reviews_of(&a).unwrap().is_empty());
    assert_eq!(store.last_reset(&a).unwrap(), None);
    assert!(store.card_state(&a).unwrap().unwrap().is_new());
}

#[test]
fn an_import_after_a_reset_leaves_the_card_new_unless_it_has_later_answers() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let a = key("d/a/forward");
    let one = std::slice::from_ref(&a);
    answer(&mut store, None, &a, Grade::Good, "2026-01-01T12:00:00Z");
    store.reset(one, t("2026-01-02T12:00:00Z"), false).unwrap();
    let settings = Settings { fuzz: false, ..Settings::default() };
    let scheduler = Scheduler::new(&settings, None).unwrap();
    let old = ImportedReview {
        card: a.clone(),
        time: t("2025-12-20T12:00:00Z"),
        grade: Grade::Good,
        duration_ms: 0,
        origin: "test:1".to_owned(),
    };
    store
        .import_reviews(std::slice::from_ref(&old), &scheduler, &day("2026-01-03T12:00:00Z"))
        .unwrap();
    assert!(store.card_state(&a).unwrap().unwrap().is_new(), "older history does not undo a reset");
    let later = ImportedReview { time: t("2026-01-03T10:00:00Z"), origin: "test:2".into(), ..old };
    store.import_reviews(&[later], &scheduler, &day("2026-01-03T12:00:00Z")).unwrap();
    let state = store.card_state(&a).unwrap().unwrap();
    assert_eq!((state.phase, state.reps), (Phase::Review, 1), "one answer since the reset");
}

/// Statistics count what is due as a session asks it: a suspended card never, a buried one not
/// before its bury ends.
#[test]
fn stats_rows_give_held_cards_the_due_a_session_sees() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let (a, b, c) = (key("d/a/forward"), key("d/b/forward"), key("d/c/forward"));
    for k in [&a, &b, &c] {
        answer(&mut store, None, k, Grade::Good, "2026-01-01T12:00:00Z");
    }
    let due = store.card_state(&a).unwrap().unwrap().due.unwrap();
    store.suspend(std::slice::from_ref(&a), true).unwrap();
    let until = t("2026-06-01T04:00:00Z");
    store.bury(std::slice::from_ref(&b), until).unwrap();
    let rows = store.stats_rows().unwrap();
    let due_of = |k: &CardKey| rows.cards.iter().find(|c| &c.card == k).unwrap().due;
    assert_eq!((due_of(&a), due_of(&b), due_of(&c)), (None, Some(until), Some(due)));
}

/// A statement set answered in a study session: its reviews and row are written together,
/// `undo_set` takes all of them back (each card to its state before), and a session cut off
/// after it counts the set as one question, right when its option was, with the formats asked;
/// synced to another computer it names that computer's reviews.
#[test]
fn a_study_set_is_kept_undone_whole_and_counted_as_one_question() {
    use crate::quiz::composite::{Claim, Composite, Format, Part, Style};
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let deck = [DeckId::new("d").unwrap()];
    let (a, b, c) = (key("d/a/forward"), key("d/b/forward"), key("d/c/forward"));
    answer(&mut store, None, &a, Grade::Good, "2026-11-01T09:00:00Z");
    let before_a = store.card_state(&a).unwrap();
    let session =
        store.start_session(SessionMode::Study, &deck, t("2026-11-30T09:00:00Z")).unwrap();
    answer(&mut store, Some(session), &c, Grade::Good, "2026-11-30T09:01:00Z");
    let part = |card: &CardKey, truth: bool| Part {
        text: format!("{} is so.", card.fact),
        left: None,
        right: None,
        truth,
        fact: card.fact.to_string(),
        card: card.clone(),
        correction: (!truth).then(|| "It is not.".to_owned()),
        explain: Some("Because.".to_owned()),
    };
    let set = Composite {
        format: Format::Statements,
        style: Style::Coded,
        deck: deck[0].clone(),
        topic: None,
        prompt: "Consider the following statements:\n1. a\n2. b\nWhich?".to_owned(),
        parts: vec![part(&a, true), part(&b, false)],
        options: ["1 only", "2 only", "Both 1 and 2", "Neither 1 nor 2"].map(String::from).to_vec(),
        claims: vec![
            Claim::Set(vec![0]),
            Claim::Set(vec![1]),
            Claim::Set(vec![0, 1]),
            Claim::Set(vec![]),
        ],
        correct: 0,
    };
    let after = CardState { phase: Phase::Review, reps: 9, ..CardState::default() };
    let review = |card| Answer {
        card,
        session: Some(session),
        time: t("2026-11-30T09:02:00Z"),
        kind: QuestionKind::TrueFalse,
        response: "Both 1 and 2",
        correct: card == &a,
        outcome: crate::schedule::Outcome::Correct,
        grade: Grade::Good,
        duration_ms: 100,
        after: &after,
        cram: false,
    };
    let record = |store: &mut Store| {
        let answer = SetAnswer {
            session,
            position: 2,
            question: &set,
            chosen: 2,
            time: t("2026-11-30T09:02:00Z"),
        };
        store.record_set(&answer, &[review(&a), review(&b)]).unwrap()
    };
    let ids = record(&mut store);
    assert_eq!(ids.len(), 2);
    assert_eq!(store.card_state(&a).unwrap().unwrap().reps, 9);
    let stored = store.study_sets(session).unwrap();
    assert_eq!((stored[0].chosen, stored[0].reviews.clone()), (Some(2), ids));
    assert_eq!(stored[0].first_card(), Some(a.clone()));
    let fact = stored[0].answer_fact(a.clone(), t("2026-11-30T09:00:00Z"));
    assert_eq!((fact.response.as_str(), fact.expected.as_str()), ("Both 1 and 2", "1 only"));
    assert_eq!(fact.statements, ["1. True: a is so. Because.", "2. False: It is not. Because."]);

    // Undo: both reviews and the row go; each card is back as it was.
    assert_eq!(store.undo_set(session, 2).unwrap().unwrap().len(), 2);
    assert_eq!(store.card_state(&a).unwrap(), before_a);
    assert_eq!(store.card_state(&b).unwrap(), None);
    assert!(store.study_sets(session).unwrap().is_empty());
    assert_eq!(store.reviews_in_session(session).unwrap().len(), 1);
    assert!(store.undo_set(session, 2).unwrap().is_none());

    // Answered again, then the session is cut off: the direct answer and the set, two
    // questions, one right (the set's option was wrong).
    record(&mut store);
    assert_eq!(store.close_unfinished_sessions().unwrap().len(), 1);
    let s = store.session(session).unwrap().unwrap().summary;
    assert_eq!((s.questions, s.right, s.wrong), (2, 1, 1));
    assert_eq!(s.ended, Some(t("2026-11-30T09:02:00Z")));
    let formats = store.study_formats().unwrap();
    let tally = |f: Format| formats.iter().find(|t| t.format == f).map(|t| (t.answered, t.right));
    assert_eq!(tally(Format::Direct), Some((1, 1)));
    assert_eq!(tally(Format::Statements), Some((1, 0)));

    // Synced to another computer, whose review rows are numbered otherwise, the set names
    // that computer's reviews of its facts and comes after the same answer.
    let now = t("2026-12-01T09:00:00Z");
    let device = store.sync_device(now).unwrap();
    store.sync_merge(&device, &[], 0, now, &TimeZone::UTC).unwrap();
    let events: Vec<crate::sync::event::Event> = store
        .sync_unwritten(&device)
        .unwrap()
        .iter()
        .filter_map(|(_, line)| match crate::sync::event::parse(line) {
            crate::sync::event::Parsed::Event(e) => Some(*e),
            _ => None,
        })
        .collect();
    let dir2 = tempfile::tempdir().unwrap();
    let mut other = Store::open(dir2.path()).unwrap();
    for day in ["2026-11-02T09:00:00Z", "2026-11-03T09:00:00Z", "2026-11-04T09:00:00Z"] {
        answer(&mut other, None, &key("d/z/forward"), Grade::Good, day);
    }
    let other_device = other.sync_device(now).unwrap();
    other.sync_merge(&other_device, &events, 0, now, &TimeZone::UTC).unwrap();
    let there = other.reviews_of(&c).unwrap()[0].session.unwrap();
    let reviews = other.reviews_in_session(there).unwrap();
    let of = |card: &CardKey| reviews.iter().find(|r| r.card == card.to_string()).unwrap().id;
    let sets = other.study_sets(there).unwrap();
    assert_eq!(sets.len(), 1);
    assert_eq!(sets[0].reviews, [of(&a), of(&b)]);
    assert_ne!(sets[0].reviews, stored_ids(&store, session), "the rows differ between stores");
    assert_eq!(sets[0].after, Some(of(&b)));
    assert_eq!(store.study_sets(session).unwrap()[0].after, Some(stored_ids(&store, session)[1]));
}

/// The reviews of `session`'s first set, as stored.
fn stored_ids(store: &Store, session: SessionId) -> Vec<ReviewId> {
    store.study_sets(session).unwrap()[0].reviews.clone()
}
