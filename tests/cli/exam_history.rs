//! `recall history` of exam sessions end to end, without sitting a paper: the papers are
//! written through the store API (`start_exam`, `save_exam_answer`, `close_exam`) into a temp
//! data folder, as `recall exam` writes them, and the real binary reads them back.
//!
//! The history (UTC, fixed clock):
//!
//! | session | started (UTC) | what |
//! |---------|---------------|------|
//! | 1 study | 12-01 09:00   | 2 answers, 1 right (must not show under `--mode exam`) |
//! | 2 exam  | 12-02 09:00   | 5 questions under `upsc`: 3 right, 1 wrong, 1 blank; timed out |
//! | 3 exam  | 12-03 09:00   | 3 questions, 2 answered, then abandoned |

// Test helpers: a failure to set up the history should fail the test loudly.
#![allow(clippy::unwrap_used)]

use assert_cmd::Command;
use jiff::Timestamp;
use recall::deck::QuestionKind;
use recall::ids::{CardKey, DeckId};
use recall::paper::Marking;
use recall::schedule::{CardState, Grade, Outcome, Phase};
use recall::store::{Answer, ExamRow, SessionMode, SessionSummary};
use serde_json::{Value, json};

use crate::support::Env;

const NOW: &str = "2026-12-10T12:00:00Z";

fn t(s: &str) -> Timestamp {
    s.parse().unwrap()
}

/// Question `i` of a paper: four options, the right one at `i % 4`.
fn question(i: u32) -> Value {
    let options: Vec<String> = (0..4).map(|o| format!("option {i}.{o}")).collect();
    let correct = i % 4;
    json!({
        "card": format!("polity/f{i}/forward"),
        "kind": "multiple-choice",
        "prompt": format!("Question {i}?"),
        "options": options,
        "correct": correct,
        "answer": format!("option {i}.{correct}"),
        "explain": null,
        "source": null,
        "topic": "constitution",
    })
}

fn rows(n: u32) -> Vec<ExamRow> {
    (0..n)
        .map(|i| ExamRow {
            position: i,
            card: format!("polity/f{i}/forward").parse().unwrap(),
            question: question(i),
            chosen: None,
            marked: false,
            answered_at: None,
        })
        .collect()
}

fn running(marking: &Marking, n: u32) -> Value {
    json!({
        "status": "running",
        "scheme": marking.name,
        "marking": marking.label(),
        "limit_seconds": 600,
        "seed": 1,
        "max_score": marking.right.times(n).to_f64(),
    })
}

/// A temp folder with the history above and no `decks/` (an exam's detail comes from its
/// stored paper); returns it and the two exam ids.
fn setup() -> (Env, i64, i64) {
    let env = Env::new().now(NOW);
    let mut store = env.store();
    let deck = DeckId::new("polity").unwrap();
    let decks = std::slice::from_ref(&deck);
    let after = CardState { phase: Phase::Learning, reps: 1, ..CardState::default() };

    // 1: a study session, which `--mode exam` leaves out.
    let study = store.start_session(SessionMode::Study, decks, t("2026-12-01T09:00:00Z")).unwrap();
    let summary = SessionSummary {
        ended: Some(t("2026-12-01T09:10:00Z")),
        questions: 2,
        right: 1,
        wrong: 1,
        ..SessionSummary::default()
    };
    store.finish_session(study, &summary).unwrap();

    // 2: upsc, 5 questions; 0, 1, 2 right, 3 wrong (changed once), 4 left blank; timed out.
    let upsc = Marking::upsc();
    let exam =
        store.start_exam(decks, t("2026-12-02T09:00:00Z"), &running(&upsc, 5), &rows(5)).unwrap();
    for i in 0..3u32 {
        let at = t("2026-12-02T09:01:00Z") + jiff::SignedDuration::from_secs(i64::from(i) * 30);
        store.save_exam_answer(exam, i, Some(i % 4), false, at).unwrap();
    }
    store.save_exam_answer(exam, 3, Some(3), true, t("2026-12-02T09:03:00Z")).unwrap();
    store.save_exam_answer(exam, 3, Some(0), false, t("2026-12-02T09:04:00Z")).unwrap();
    let keys: Vec<CardKey> =
        (0..4).map(|i| format!("polity/f{i}/forward").parse().unwrap()).collect();
    let responses: Vec<String> =
        [0, 1, 2, 0].iter().enumerate().map(|(i, o)| format!("option {i}.{o}")).collect();
    let answers: Vec<Answer<'_>> = (0..4)
        .map(|i| Answer {
            card: &keys[i],
            session: Some(exam),
            time: t("2026-12-02T09:10:00Z"),
            kind: QuestionKind::MultipleChoice,
            response: &responses[i],
            correct: i < 3,
            outcome: if i < 3 { Outcome::Correct } else { Outcome::Wrong },
            grade: if i < 3 { Grade::Good } else { Grade::Again },
            duration_ms: 0,
            after: &after,
            cram: false,
        })
        .collect();
    let score = upsc.score(3, 1);
    let summary = SessionSummary {
        ended: Some(t("2026-12-02T09:10:00Z")),
        questions: 5,
        right: 3,
        wrong: 1,
        score: Some(score.to_f64()),
        extra: Some(json!({
            "status": "timed-out",
            "scheme": upsc.name,
            "marking": upsc.label(),
            "unanswered": 1,
            "score": score.to_f64(),
            "score_exact": format!("{}/{}", score.numerator(), score.denominator()),
            "max_score": upsc.right.times(5).to_f64(),
            "duration_seconds": 600,
            "limit_seconds": 600,
            "seed": 1,
        })),
    };
    store.close_exam(exam, &answers, &summary).unwrap();

    // 3: +1/-0.25, 3 questions, 2 answered (one right, one wrong), then abandoned.
    let custom = Marking::parse("+1/-0.25").unwrap();
    let abandoned =
        store.start_exam(decks, t("2026-12-03T09:00:00Z"), &running(&custom, 3), &rows(3)).unwrap();
    store.save_exam_answer(abandoned, 0, Some(0), false, t("2026-12-03T09:01:00Z")).unwrap();
    store.save_exam_answer(abandoned, 1, Some(3), false, t("2026-12-03T09:02:00Z")).unwrap();
    let summary = SessionSummary {
        ended: Some(t("2026-12-03T09:05:00Z")),
        questions: 3,
        extra: Some(json!({
            "status": "abandoned",
            "scheme": custom.name,
            "marking": custom.label(),
            "answered": 2,
            "unanswered": 1,
            "max_score": custom.right.times(3).to_f64(),
            "duration_seconds": 290,
        })),
        ..SessionSummary::default()
    };
    store.close_exam(abandoned, &[], &summary).unwrap();
    (env, exam.0, abandoned.0)
}

fn stdout(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn json_of(cmd: &mut Command) -> Value {
    serde_json::from_str(&stdout(cmd)).unwrap()
}

#[test]
fn exam_sessions_in_history_json_carry_their_marks() {
    let (env, exam, abandoned) = setup();
    let v = json_of(env.recall().args(["history", "--mode", "exam", "--json"]));
    let list = v.as_array().unwrap();
    let ids: Vec<i64> = list.iter().map(|s| s["id"].as_i64().unwrap()).collect();
    assert_eq!(ids, [abandoned, exam]); // newest first, no study session

    // 3 right, 1 wrong, 1 blank under upsc: 6 − 2/3 = 5.33 of 10.
    let e = &list[1];
    assert_eq!(e["mode"], "exam");
    assert_eq!(e["started"], "2026-12-02T09:00:00Z");
    assert_eq!(e["ended"], "2026-12-02T09:10:00Z");
    assert_eq!(e["decks"], json!(["polity"]));
    assert_eq!((&e["questions"], &e["right"], &e["wrong"]), (&json!(5), &json!(3), &json!(1)));
    assert_eq!(e["unanswered"], 1);
    assert_eq!(e["score"], 5.33);
    assert_eq!(e["max_score"], 10.0);
    assert_eq!(e["score_percent"], 53.33);
    // Accuracy is of the answers given, as the paper's result says: 3 of the 4 attempted.
    assert_eq!(e["accuracy"], 0.75);
    assert_eq!(e["marking"], "+2 / −2/3");
    assert_eq!(e["scheme"], "upsc");
    assert_eq!(e["status"], "timed-out");
    assert_eq!(e["duration_seconds"], 600);

    // Abandoned: not marked, so no score, percentage or accuracy; the keys are all there.
    let a = &list[0];
    let keys = |o: &Value| o.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
    assert_eq!(keys(a), keys(e));
    assert_eq!(a["status"], "abandoned");
    assert!(a["score"].is_null() && a["score_percent"].is_null() && a["accuracy"].is_null());
    assert_eq!((&a["unanswered"], &a["max_score"]), (&json!(1), &json!(3.0)));
    assert_eq!((&a["marking"], &a["scheme"]), (&json!("+1 / −0.25"), &json!("+1/-0.25")));

    // Without `--mode`, the study session is there too, without the exam keys.
    let all = json_of(env.recall().args(["history", "--json"]));
    let study = &all[2];
    assert_eq!(study["mode"], "study");
    for key in ["unanswered", "marking", "scheme", "score", "max_score", "status"] {
        assert!(study.get(key).is_none(), "{key}");
    }
}

#[test]
fn exam_history_table_shows_marks_marking_and_status() {
    let (env, exam, abandoned) = setup();
    let text = stdout(env.recall().args(["history", "--mode", "exam"]));
    let lines: Vec<&str> = text.lines().collect();
    for h in ["marks", "score", "marking", "status"] {
        assert!(lines[0].contains(h), "{text}");
    }
    // Newest first, each with the id `recall history ID` takes: the abandoned paper (no marks,
    // no percentage), then the timed-out one.
    assert!(lines[0].starts_with("id  started"), "{text}");
    assert!(lines[1].starts_with(&format!(" {abandoned}  2026-12-03 09:00")), "{text}");
    assert!(lines[1].contains("abandoned") && !lines[1].contains('%'), "{text}");
    assert!(lines[2].starts_with(&format!(" {exam}  2026-12-02 09:00")), "{text}");
    for cell in ["5.33/10", "53%", "+2/−2/3", "timed-out", "10:00"] {
        assert!(lines[2].contains(cell), "{cell}: {text}");
    }
    // The trend plots the score column: its latest is the timed-out paper's 53%, not its
    // accuracy (75%) under another name.
    assert!(
        text.contains("score trend, oldest → newest: ") && text.contains("(latest 53%)"),
        "{text}"
    );
}

#[test]
fn an_exam_session_lists_every_question_blanks_included() {
    let (env, exam, abandoned) = setup();
    let id = exam.to_string();
    let v = json_of(env.recall().args(["history", &id, "--json"]));
    assert_eq!(v["session"]["score"], 5.33);
    let q = v["questions"].as_array().unwrap();
    assert_eq!(q.len(), 5);
    let outcomes: Vec<&str> = q.iter().map(|q| q["outcome"].as_str().unwrap()).collect();
    assert_eq!(outcomes, ["right", "right", "right", "wrong", "unanswered"]);
    // The question as asked, the learner's choice (the last one: changed after marking) and
    // the right option; the grade the scheduler saw.
    assert_eq!(q[3]["question"], "Question 3?");
    assert_eq!(q[3]["response"], "option 3.0");
    assert_eq!(q[3]["expected"], "option 3.3");
    assert_eq!(q[3]["grade"], 1);
    assert_eq!(q[3]["time"], "2026-12-02T09:04:00Z");
    assert_eq!((&q[0]["response"], &q[0]["grade"]), (&json!("option 0.0"), &json!(3)));
    assert_eq!((&q[4]["response"], &q[4]["expected"]), (&json!(""), &json!("option 4.0")));
    assert!(q[4]["grade"].is_null());

    let text = stdout(env.recall().args(["history", &id]));
    assert!(text.contains("5 questions · 3 right · 1 wrong · 1 unanswered"), "{text}");
    // As the paper's result printed it when it was submitted.
    assert!(text.contains("Score 5.33 of 10.00 (53%) · marking +2 / −2/3"), "{text}");
    assert!(text.contains("Accuracy 75% of the 4 attempted"), "{text}");
    assert!(text.contains("time up, submitted"), "{text}");
    // Table rows: number, ✓/✗/–, question, the learner's answer, the right one, the grade.
    let row = |n: &str| text.lines().find(|l| l.starts_with(&format!("{n}  "))).unwrap();
    let blank = row("5");
    assert!(blank.contains('–') && blank.contains("(blank)"), "{text}");
    assert!(blank.contains("Question 4?") && blank.contains("option 4.0"), "{text}");
    let wrong = row("4");
    assert!(wrong.contains('✗') && wrong.contains("option 3.0"), "{text}");
    assert!(wrong.contains("option 3.3") && wrong.ends_with("again"), "{text}");
    assert!(row("1").contains('✓') && row("1").ends_with("good"), "{text}");

    // The abandoned paper: what was chosen, judged against the right option, never graded.
    let id = abandoned.to_string();
    let v = json_of(env.recall().args(["history", &id, "--json"]));
    let outcomes: Vec<&str> =
        v["questions"].as_array().unwrap().iter().map(|q| q["outcome"].as_str().unwrap()).collect();
    assert_eq!(outcomes, ["right", "wrong", "unanswered"]);
    assert!(v["questions"].as_array().unwrap().iter().all(|q| q["grade"].is_null()));
    let text = stdout(env.recall().args(["history", &id]));
    assert!(text.contains("3 questions · 2 answered · 1 unanswered"), "{text}");
    assert!(text.contains("Abandoned: not marked · marking +1 / −0.25"), "{text}");
}

#[test]
fn exam_history_csv_has_the_exam_columns() {
    let (env, exam, abandoned) = setup();
    let text = stdout(env.recall().args(["history", "--mode", "exam", "--csv"]));
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines,
        [
            "id,mode,started,ended,decks,questions,right,wrong,unanswered,score_percent,score,marking,duration_seconds,max_score,scheme,status",
            &format!(
                "{abandoned},exam,2026-12-03T09:00:00Z,2026-12-03T09:05:00Z,polity,3,0,0,1,,,+1 / −0.25,290,3,+1/-0.25,abandoned"
            ),
            &format!(
                "{exam},exam,2026-12-02T09:00:00Z,2026-12-02T09:10:00Z,polity,5,3,1,1,53.3,5.33,+2 / −2/3,600,10,upsc,timed-out"
            ),
        ]
    );
}
