//! Which zone decides the learner's day: the `timezone` setting, else the zone `RECALL_NOW`
//! was written in, else the machine's (`TZ`). Seen through `recall stats --json`'s `today`
//! (the learner day of `now`, the same day study sessions count their limits in) and the
//! session times `recall history` prints.

#![allow(clippy::unwrap_used)]

use predicates::prelude::*;

use crate::support::Env;

/// `today` of `recall stats --json` at `now`, on a machine whose zone is `tz`.
fn today(env: &Env, now: &str, tz: &str) -> String {
    let out = env
        .recall()
        .env("RECALL_NOW", now)
        .env("TZ", tz)
        .args(["stats", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    json["today"].as_str().unwrap().to_owned()
}

fn env() -> Env {
    let env = Env::new();
    env.write("decks/d.ron", "Deck(id: \"d\", title: \"D\", facts: [])\n");
    env
}

#[test]
fn nine_in_the_morning_at_plus_five_thirty_is_that_day_on_a_utc_machine() {
    let env = env();
    // 09:00 in India is 03:30 UTC, before the 4 a.m. rollover on a UTC clock; the learner's
    // clock says morning, and the day is theirs.
    assert_eq!(today(&env, "2026-12-01T09:00:00+05:30", "UTC"), "2026-12-01");
    // The evening before is the day before.
    assert_eq!(today(&env, "2026-11-30T22:00:00+05:30", "UTC"), "2026-11-30");
    // Past midnight and before the rollover hour still counts for the evening before.
    assert_eq!(today(&env, "2026-12-01T02:00:00+05:30", "UTC"), "2026-11-30");
    // `Z` gives the instant only: the machine's zone decides.
    assert_eq!(today(&env, "2026-12-01T03:30:00Z", "UTC"), "2026-11-30");
    assert_eq!(today(&env, "2026-12-01T03:30:00Z", "Asia/Kolkata"), "2026-12-01");
    // A zone named in brackets is used with its rules.
    assert_eq!(today(&env, "2026-12-01T09:00:00+05:30[Asia/Kolkata]", "UTC"), "2026-12-01");
}

#[test]
fn the_timezone_setting_decides_over_the_machine_and_recall_now() {
    let env = env();
    env.recall()
        .args(["config", "timezone", "asia/kolkata"])
        .assert()
        .success()
        .stdout("timezone = Asia/Kolkata (default system)\n");
    // 03:30 UTC is 09:00 in Kolkata: the setting decides on a UTC machine.
    assert_eq!(today(&env, "2026-12-01T03:30:00Z", "UTC"), "2026-12-01");
    // Over an offset in RECALL_NOW too: 03:30 UTC is still 09:00 in Kolkata.
    assert_eq!(today(&env, "2026-12-01T03:30:00+00:00", "UTC"), "2026-12-01");
    env.recall().args(["config", "timezone", "Europe/London"]).assert().success();
    assert_eq!(today(&env, "2026-12-01T09:00:00+05:30", "Asia/Kolkata"), "2026-11-30");
    env.recall()
        .args(["config"])
        .assert()
        .success()
        .stdout(
            predicate::str::is_match(r"(?m)^timezone +Europe/London  \(default system\)").unwrap(),
        )
        .stdout(predicate::str::contains("time zone: Europe/London"));
    env.recall()
        .args(["config", "timezone", "India"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("a time zone name such as Asia/Kolkata"));
    env.recall().args(["config", "--reset", "timezone"]).assert().success();
    assert_eq!(today(&env, "2026-12-01T03:30:00Z", "Asia/Kolkata"), "2026-12-01");
    assert_eq!(today(&env, "2026-12-01T03:30:00Z", "UTC"), "2026-11-30");
}

#[test]
fn history_shows_session_times_on_the_learners_clock() {
    let env = env();
    let store = env.store();
    let deck = recall::ids::DeckId::new("d").unwrap();
    let at: jiff::Timestamp = "2026-12-01T03:30:00Z".parse().unwrap();
    let id = store.start_session(recall::store::SessionMode::Study, &[deck], at).unwrap();
    let summary = recall::store::SessionSummary {
        ended: Some(at),
        questions: 1,
        right: 1,
        ..Default::default()
    };
    store.finish_session(id, &summary).unwrap();
    drop(store);
    env.recall()
        .env("RECALL_NOW", "2026-12-01T10:00:00+05:30")
        .arg("history")
        .assert()
        .success()
        .stdout(predicate::str::contains("2026-12-01 09:00"));
}
