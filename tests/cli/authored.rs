//! Authored questions (`Question(…)` in a deck): `recall check` placing their errors,
//! `recall preview` (text and JSON), `recall study` asking one through a real terminal.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers panic on setup failure by design

use predicates::prelude::*;

use crate::support::{self, Env, Terminal};

const DAY1: &str = "2026-11-30T09:00:00Z";

fn stdout(cmd: &mut assert_cmd::Command) -> String {
    String::from_utf8(cmd.assert().success().get_output().stdout.clone()).unwrap()
}

#[test]
fn check_places_each_error_of_a_question() {
    let env = Env::new();
    let bad = support::fixture("authored/bad.ron");
    let out = env.recall().arg("check").arg(&bad).assert().failure().get_output().stdout.clone();
    let out = String::from_utf8(out).unwrap();
    for expected in [
        "error[duplicate-statement]: statement 2 is numbered twice",
        "bad.ron:8:48",
        "bad.ron:9:33",
        "bad.ron:10:21",
        "error[unknown-statement]: option (b) names statement 4, but the question has 3 statements",
        "error[duplicate-option]: option (c) is the same as an earlier one",
        "error[answer-out-of-range]: the answer is (e), but the options run (a) to (d)",
        "error[missing-source]: question `q` has no `source`",
        "5 errors",
    ] {
        assert!(out.contains(expected), "{expected:?} not in\n{out}");
    }
}

#[test]
fn check_and_preview_a_sound_question() {
    let env = Env::new();
    let deck = support::fixture("authored/pyq.ron");
    env.recall()
        .arg("check")
        .arg(&deck)
        .assert()
        .success()
        .stdout(predicate::str::contains("0 errors, 0 warnings"));
    let text = stdout(env.recall().arg("preview").arg(&deck));
    assert!(text.contains("pyq/q1/forward · authored"), "{text}");
    // Statements wrap at 80 columns under their number; the right option is marked.
    assert!(text.contains("\n  1. COMCASA facilitates the exchange of secure communications between the two\n     militaries"), "{text}");
    assert!(text.contains("  ✓ (d) 1, 2 and 3\n"), "{text}");
    assert!(text.lines().all(|l| console::measure_text_width(l) <= 80), "{text}");

    let json = stdout(env.recall().arg("preview").arg("--json").arg(&deck));
    let items: serde_json::Value = serde_json::from_str(&json).unwrap();
    let q = &items[0];
    assert_eq!(q["kind"], "authored");
    assert_eq!(q["card"], "pyq/q1/forward");
    assert_eq!(q["correct"], 3);
    assert_eq!(q["options"][0], "(a) 1 and 2 only");
    assert_eq!(q["source"], "Joint statement, 2018");
    assert!(q["prompt"].as_str().unwrap().contains("\n2. STA-1 places India"));
}

/// A statements question through a real 80-column terminal: the layout above the choice,
/// a wrong answer with the explanation and source, and the review in the store under the
/// question's id.
#[cfg(unix)]
#[test]
fn a_study_session_asks_a_statements_question() {
    let env = Env::new().now(DAY1);
    let mut cmd = env.command();
    cmd.env("RECALL_NOW", DAY1).arg("study").arg(support::fixture("authored/pyq.ron"));
    let mut p = Terminal::spawn_sized(cmd, 80, 40);
    p.expect("[1/1] Consider the following statements about the India–US 2+2 dialogue of");
    p.expect("1. COMCASA facilitates the exchange of secure communications between the two");
    p.expect("   militaries and allows the sale");
    p.expect("3. The dialogue brings together the defence and external affairs ministers.");
    p.expect("Which of the statements given above are correct?");
    // The options as the paper prints them, lettered once, and answered by letter.
    let options = p.expect("(d) 1, 2 and 3");
    assert!(options.contains("(c) 1 and 3 only") && !options.contains(") (c)"), "{options}");
    p.press("c");
    p.expect("✗ Wrong");
    p.expect("Answer: (d) 1, 2 and 3");
    p.expect("All three are in the joint statement.");
    p.expect("Joint statement, 2018");
    p.expect("Save as");
    p.press("\r");
    // Again: it comes back later in the session; stop here.
    p.expect("[2/2] Consider the following statements");
    p.expect("(d) 1, 2 and 3");
    p.press("q");
    p.eof();
    let store = env.store();
    let reviews = store.reviews_in_session(recall::store::SessionId(1)).unwrap();
    assert_eq!(reviews.len(), 1);
    assert_eq!(reviews[0].card, "pyq/q1/forward");
    assert_eq!(reviews[0].kind.unwrap().slug(), "authored");
    assert!(!reviews[0].correct);
    assert_eq!(reviews[0].response, "(c) 1 and 3 only");
}

/// `recall add DECK --stem …` writes a `Question(…)` that loads; one the loader would refuse
/// (an option naming a statement that does not exist) is not written.
#[test]
fn add_writes_a_question_from_flags() {
    let env = Env::new();
    let deck = env.copy("authored/pyq.ron", "pyq.ron");
    env.recall()
        .arg("add")
        .arg(&deck)
        .args(["--stem", "Consider the following pairs:"])
        .args([
            "--pair",
            "BECA = geospatial intelligence",
            "--pair",
            "COMCASA = secure communications",
        ])
        .args(["--ask", "How many of the pairs given above are correctly matched?"])
        .args(["--option", "Only one", "--option", "Both", "--option", "None"])
        .args([
            "--answer",
            "b",
            "--source",
            "Joint statement",
            "--year",
            "2019",
            "--tag",
            "pyq-2019",
        ])
        .assert()
        .success()
        .stdout(
            "Added question `consider-the-following-pairs` to ".to_owned()
                + &deck.display().to_string()
                + " (2 facts in all).\n",
        );
    let text = support::read(&deck);
    assert!(
        text.contains("        Question(\n            id: \"consider-the-following-pairs\",\n"),
        "{text}"
    );
    assert!(text.contains("pairs: [(\"BECA\", \"geospatial intelligence\"), (\"COMCASA\", \"secure communications\")],"), "{text}");
    assert!(text.contains("answer: \"b\","), "{text}");
    let json = stdout(
        env.recall()
            .args(["preview", "--json", "--fact", "consider-the-following-pairs"])
            .arg(&deck),
    );
    assert!(json.contains("1. BECA — geospatial intelligence"), "{json}");

    let before = support::read(&deck);
    env.recall()
        .arg("add")
        .arg(&deck)
        .args(["--stem", "Consider:", "--statement", "1. A", "--statement", "2. B"])
        .args(["--option", "1 only", "--option", "1 and 3 only", "--answer", "a", "--source", "s"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "option (b) names statement 3, but the question has 2 statements",
        ));
    assert_eq!(support::read(&deck), before);
    env.recall()
        .arg("add")
        .arg(&deck)
        .args(["--stem", "S?", "--option", "x", "--option", "y", "--answer", "e"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--answer \"e\" names no option"));
}

/// A question CSV (header with `stem` and `options`): a statements question and a pairs
/// question become `Question(…)`s that check clean and preview; a row whose answer letter
/// names no option is skipped with its line and the rule.
#[test]
fn import_reads_questions_from_a_csv() {
    let env = Env::new();
    let csv = env.write(
        "pyq.csv",
        "id,stem,statements,pairs,ask,options,answer,explain,source,year,topic,tags\n\
         us-pacts,Consider the following statements:,\"1. COMCASA allows secure communication between the militaries. | 2. BECA shares geospatial intelligence.\",,Which of the statements given above is/are correct?,1 only|2 only|Both 1 and 2|Neither 1 nor 2,c,Both are true.,Joint statement 2020,2021,india-us,pyq-2021;defence\n\
         \n\
         ,Consider the following pairs:,,COMCASA = communications | BECA = geospatial | LEMOA = logistics,How many of the pairs given above are correctly matched?,Only one|Only two|All three|None,c,All three match.,Joint statements,,india-us,\n\
         ,Which pact came first?,,,,LEMOA|COMCASA,e,,Joint statements,,,\n",
    );
    let deck = env.path("pyq.ron");
    env.recall()
        .arg("import")
        .arg(&csv)
        .args(["--deck", "pyq", "--output"])
        .arg(&deck)
        .assert()
        .success()
        .stdout(predicate::str::contains("Imported 2 questions from"))
        .stderr(predicate::str::contains(
            "pyq.csv:5: skipped: answer `e` names no option: give the letter of the right one, a to b",
        ));
    let text = support::read(&deck);
    assert!(text.contains("        Question(\n            id: \"us-pacts\",\n"), "{text}");
    assert!(text.contains("tags: [\"pyq-2021\", \"defence\"],"), "{text}");
    env.recall()
        .arg("check")
        .arg(&deck)
        .assert()
        .success()
        .stdout(predicate::str::contains("1 deck, 2 facts; 0 errors, 0 warnings"));
    let shown = stdout(env.recall().arg("preview").arg(&deck));
    for expected in [
        "pyq/us-pacts/forward · authored",
        "  2. BECA shares geospatial intelligence.\n",
        "  ✓ (c) Both 1 and 2\n",
        "  3. LEMOA — logistics\n",
        "  ✓ (c) All three\n",
    ] {
        assert!(shown.contains(expected), "{expected:?} not in\n{shown}");
    }
    // The same file again adds nothing.
    env.recall()
        .arg("import")
        .arg(&csv)
        .arg("--into")
        .arg(&deck)
        .assert()
        .success()
        .stdout(predicate::str::contains("Nothing new to import"));
    assert_eq!(support::read(&deck), text);
}
