//! `recall history` of study sessions sat through a real terminal: the list shows the ids the
//! detail view takes, sessions left before their first answer are not listed (nor counted by
//! `recall stats`), and an answer the learner re-graded shows as the grade says, agreeing with
//! the session's own counts.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers panic on setup failure by design

use crate::support::{Env, Terminal};

const NOW: &str = "2026-11-30T09:00:00Z";
const COMCASA: &str = "Communications Compatibility and Security Agreement";

/// A temp folder with the study fixture in `decks/` (where the detail view finds the cues).
fn env() -> Env {
    let env = Env::new().now(NOW);
    env.copy("study/basics.ron", "decks/basics.ron");
    env
}

fn study(env: &Env) -> Terminal {
    let mut cmd = env.command();
    cmd.args(["study", "decks/basics.ron", "--seed", "1"]);
    Terminal::spawn(cmd)
}

fn stdout(cmd: &mut assert_cmd::Command) -> String {
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[cfg(unix)]
#[test]
fn history_lists_ids_leaves_out_empty_sessions_and_shows_regrades_as_right() {
    let env = env();
    // Session 1: the learner looks at the first question and leaves.
    let mut p = study(&env);
    p.expect("[1/7] What does COMCASA stand for?");
    p.press("q");
    p.eof();
    // Session 2: a wrong answer to COMCASA, re-graded to Good (a slip of the finger), then
    // the learner stops at the typed question that follows.
    let mut p = study(&env);
    p.expect("[1/7] What does COMCASA stand for?");
    let right = p.option_number(COMCASA);
    p.press(&(right % 4 + 1).to_string());
    p.expect("✗ Wrong");
    p.expect("Save as");
    p.press("3");
    p.expect("Good · 2d");
    p.expect("[2/7]");
    p.press(":q\r");
    p.expect("Right       ✓ 1 (100%)");
    p.eof();

    // The list: session 2 only, with its id; the id is what `recall history ID` takes.
    let list = stdout(env.recall().arg("history"));
    let lines: Vec<&str> = list.lines().collect();
    assert!(lines[0].starts_with("id  started"), "{list}");
    assert!(lines[1].starts_with(" 2  2026-11-30 09:00  study"), "{list}");
    assert!(lines[1].contains("100%"), "{list}");
    assert_eq!(lines.iter().filter(|l| l.contains("study")).count(), 1, "{list}");
    let json: serde_json::Value =
        serde_json::from_str(&stdout(env.recall().args(["history", "--json"]))).unwrap();
    assert_eq!(json.as_array().unwrap().len(), 1);
    // Stats counts the sessions history lists.
    let stats: serde_json::Value =
        serde_json::from_str(&stdout(env.recall().args(["stats", "--json"]))).unwrap();
    assert_eq!(stats["sessions"], 1);
    assert!(stdout(env.recall().arg("stats")).contains("studied in 1 session · 1 answer"));

    // The detail agrees with its own header: 1 right, shown ✓ with the grade starred.
    let detail = stdout(env.recall().args(["history", "2"]));
    assert!(detail.contains("1 question · 1 right · 0 wrong · score 100%"), "{detail}");
    let row = detail.lines().find(|l| l.contains("COMCASA")).unwrap();
    assert!(row.contains('✓') && !row.contains('✗') && row.ends_with("good*"), "{detail}");
    assert!(detail.contains("* you changed the grade recall proposed"), "{detail}");
    let json: serde_json::Value =
        serde_json::from_str(&stdout(env.recall().args(["history", "2", "--json"]))).unwrap();
    let q = &json["questions"][0];
    assert_eq!(
        (&q["outcome"], &q["grade"], &q["regraded"]),
        (&"right".into(), &3.into(), &true.into())
    );
    // The left session still exists for its id, and says it has no answers.
    let empty = stdout(env.recall().args(["history", "1"]));
    assert!(empty.contains("No questions were answered in this session."), "{empty}");
}

/// The session list's error for an unknown id points at the list, which now shows the ids.
#[test]
fn an_unknown_session_id_is_a_usage_error() {
    let env = Env::new().now(NOW);
    env.recall()
        .args(["history", "7"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("there is no session 7 (`recall history` lists them)"));
}

/// A store with sessions never says "No sessions yet": `--limit 0` is refused (as `study
/// --limit 0` is), and a mode with no session says so and counts the others.
#[cfg(unix)]
#[test]
fn a_store_with_sessions_never_says_no_sessions_yet() {
    let env = env();
    let mut p = study(&env);
    p.expect("[1/7] What does COMCASA stand for?");
    p.press("1");
    p.expect("Save as");
    // Whatever the grade, the next question is the typed one; stop there.
    p.press("\r");
    p.expect("Which export-control regime");
    p.press(":q\r");
    p.eof();
    env.recall()
        .args(["history", "--limit", "0"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("invalid value '0' for '--limit <N>'"));
    let exams = stdout(env.recall().args(["history", "--mode", "exam"]));
    assert_eq!(exams, "No exam sessions among your 1 session; `recall history` lists them.\n");
    let one = stdout(env.recall().args(["history", "--limit", "1"]));
    assert!(one.contains(" 1  2026-11-30 09:00  study"), "{one}");
}
