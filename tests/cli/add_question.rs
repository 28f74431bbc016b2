//! `recall add --question` and "question" in the kind menu: the form for authored questions,
//! driven through a real pseudo-terminal. Each test checks what the deck then holds, that it
//! loads (`recall check`) and that `recall preview` asks it as the form showed it.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers panic on setup failure by design

use std::path::Path;

use predicates::prelude::*;

use crate::support::{Env, Terminal, read, settle};

const DOWN: &str = "\x1b[B";
const UP: &str = "\x1b[A";

fn deck(env: &Env) -> std::path::PathBuf {
    env.copy("author/commented.ron", "commented.ron")
}

fn check_ok(env: &Env, path: &Path) {
    env.recall()
        .arg("check")
        .arg(path)
        .assert()
        .success()
        .stdout(predicate::str::contains("0 errors"));
}

/// Waits for `prompt` and types `keys` once the field reads keys.
fn answer(p: &mut Terminal, prompt: &str, keys: &str) {
    p.expect(prompt);
    settle();
    p.send(keys);
}

/// A statements question from `--question`, the flags' source and year filled in: the
/// statements are numbered for the learner, each mistake is refused where it is typed with the
/// loader's own message (a statement numbered twice, an option naming a statement that does
/// not exist, a right option beyond the options), the usual options are offered, and the
/// question is shown as it will be asked before it is written.
#[cfg(unix)]
#[test]
fn a_statements_question_through_the_form() {
    let env = Env::new();
    let path = deck(&env);
    let mut p = env.terminal([
        "add",
        "commented.ron",
        "--question",
        "--source",
        "UPSC CSE Prelims 2019",
        "--year",
        "2019",
    ]);
    // Statements is offered first.
    answer(&mut p, "Layout of the question", "\r");
    answer(&mut p, "Stem", "\r");
    answer(&mut p, "Statement 1", "COMCASA allows secure military communications.\r");
    answer(&mut p, "Statement 2", "1. STA-1 is a licence exception.\r");
    p.expect("statement 1 is numbered twice");
    settle();
    p.control('u');
    p.send("STA-1 is a licence exception.\r");
    answer(&mut p, "Statement 3", "CAATSA is an Indian law.\r");
    answer(&mut p, "Statement 4 (Enter to finish)", "\r");
    answer(&mut p, "Options", "\r");
    answer(&mut p, "Question after the statements", "\r");
    // The options a paper sets for three statements, filled in; (c) is changed to one that
    // names a statement the question does not have, refused, then corrected.
    p.expect("Option (a)");
    p.expect("1 and 2 only");
    settle();
    p.send("\r");
    answer(&mut p, "Option (b)", "\r");
    answer(&mut p, "Option (c)", "\x15");
    settle();
    p.send("1 and 4 only\r");
    p.expect("option (c) names statement 4, but the question has 3 statements");
    settle();
    p.control('u');
    p.send("1 only\r");
    answer(&mut p, "Option (d)", "\r");
    answer(&mut p, "Option (e) (Enter to finish)", "\r");
    answer(&mut p, "Right option (a to d)", "e\r");
    p.expect("the answer is (e), but the options run (a) to (d)");
    settle();
    p.control('u');
    p.send("a\r");
    answer(&mut p, "Explanation", "CAATSA is a United States law.\r");
    // The command line's source and year are filled in.
    p.expect("UPSC CSE Prelims 2019");
    settle();
    p.send("\r");
    answer(&mut p, "Year", "\r");
    answer(&mut p, "Topic", "defence\r");
    answer(&mut p, "Tags", "pyq-2019\r");
    // The id comes from the first statement, not from "Consider the following statements:".
    p.expect("comcasa-allows-secure-military-communications");
    settle();
    p.send("\r");
    p.expect("It will be asked like this");
    p.expect("2. STA-1 is a licence exception.");
    p.expect("✓ (a) 1 and 2 only");
    p.expect("(c) 1 only");
    answer(&mut p, "Add this question to commented.ron?", "y");
    p.expect("Added question `comcasa-allows-secure-military-communications`.");
    // The same statements again are said to be in the deck already; Esc then stops, and what
    // was typed of the second question is kept as a draft.
    answer(&mut p, "Add another?", "y");
    answer(&mut p, "Layout of the question", "\r");
    answer(&mut p, "Stem", "\r");
    answer(&mut p, "Statement 1", "COMCASA allows secure military communications.\r");
    answer(&mut p, "Statement 2", "STA-1 is a licence exception.\r");
    answer(&mut p, "Statement 3", "CAATSA is an Indian law.\r");
    answer(&mut p, "Statement 4", "\r");
    p.expect("note: `comcasa-allows-secure-military-communications` already asks this");
    answer(&mut p, "Options", "\x1b");
    p.expect("1 question added to commented.ron (3 facts). The question you were writing is kept");
    p.eof();
    assert_eq!(p.exit_code(), 0);
    assert!(read(&env.data().join("drafts/india-us.question.json")).contains("CAATSA"));
    let text = read(&path);
    assert!(
        text.contains(
            "        Question(\n            id: \"comcasa-allows-secure-military-communications\",\n            \
             stem: \"Consider the following statements:\",\n            statements: [\n                \
             \"1. COMCASA allows secure military communications.\",\n                \
             \"2. STA-1 is a licence exception.\",\n                \"3. CAATSA is an Indian law.\",\n            ],\n            \
             ask: \"Which of the statements given above is/are correct?\",\n            \
             options: [\"1 and 2 only\", \"2 and 3 only\", \"1 only\", \"1, 2 and 3\"],\n            \
             answer: \"a\",\n            explain: \"CAATSA is a United States law.\",\n            \
             source: \"UPSC CSE Prelims 2019\",\n            year: 2019,\n            topic: \"defence\",\n            \
             tags: [\"pyq-2019\"],\n        ),\n    ],\n"
        ),
        "{text}"
    );
    check_ok(&env, &path);
    env.recall()
        .args([
            "preview",
            "commented.ron",
            "--fact",
            "comcasa-allows-secure-military-communications",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("3. CAATSA is an Indian law."))
        .stdout(predicate::str::contains("✓ (a) 1 and 2 only"));
}

/// A pairs question picked from the kind menu (the item after the ten kinds): a line that is
/// not `LEFT = RIGHT` is refused, the how-many options are offered, and a question without a
/// source is refused at the source field, as `recall check` would refuse it.
#[cfg(unix)]
#[test]
fn a_pairs_question_from_the_kind_menu() {
    let env = Env::new();
    let path = deck(&env);
    let mut p = env.terminal(["add", "commented.ron"]);
    p.expect("question");
    p.expect("an exam question with options");
    settle();
    // Term is preselected; up twice wraps round to "question", the last item.
    p.send(UP);
    settle();
    p.send(UP);
    settle();
    p.send("\r");
    answer(&mut p, "Layout of the question", DOWN);
    settle();
    p.send("\r");
    answer(&mut p, "Stem", "\r");
    answer(&mut p, "Pair 1 (LEFT = RIGHT)", "BECA - geospatial intelligence\r");
    p.expect("is not a pair: write it `LEFT = RIGHT`");
    settle();
    p.control('u');
    p.send("BECA = geospatial intelligence\r");
    answer(&mut p, "Pair 2", "COMCASA = secure communications\r");
    answer(&mut p, "Pair 3", "LEMOA = naval exercises\r");
    answer(&mut p, "Pair 4 (LEFT = RIGHT) (Enter to finish)", "\r");
    p.expect("Question after the pairs");
    p.expect("correctly matched?");
    settle();
    p.send("\r");
    for (letter, option) in
        [("a", "Only one"), ("b", "Only two"), ("c", "All three"), ("d", "None")]
    {
        p.expect(&format!("Option ({letter})"));
        p.expect(option);
        settle();
        p.send("\r");
    }
    answer(&mut p, "Option (e)", "\r");
    answer(&mut p, "Right option", "b\r");
    answer(&mut p, "Explanation", "LEMOA is the logistics agreement.\r");
    answer(&mut p, "Source", "\r");
    p.expect("a question needs its source");
    settle();
    p.send("Joint statement, 2020\r");
    answer(&mut p, "Year", "\r");
    answer(&mut p, "Topic", "\r");
    answer(&mut p, "Tags", "\r");
    p.expect("beca");
    settle();
    p.send("\r");
    p.expect("It will be asked like this");
    p.expect("1. BECA — geospatial intelligence");
    p.expect("✓ (b) Only two");
    answer(&mut p, "Add this question", "y");
    p.expect("Added question `beca`.");
    // The next item offers "question" again, and Esc stops there.
    p.expect("Add another?");
    settle();
    p.send("n");
    p.expect("1 question added to commented.ron (3 facts).");
    p.eof();
    let text = read(&path);
    assert!(
        text.contains(
            "            pairs: [\n                (\"BECA\", \"geospatial intelligence\"),\n                \
             (\"COMCASA\", \"secure communications\"),\n                (\"LEMOA\", \"naval exercises\"),\n            ],\n"
        ),
        "{text}"
    );
    check_ok(&env, &path);
    env.recall()
        .args(["preview", "commented.ron", "--fact", "beca"])
        .assert()
        .success()
        .stdout(predicate::str::contains("3. LEMOA — naval exercises"))
        .stdout(predicate::str::contains("✓ (b) Only two"));
}

/// Ctrl-C half-way through a Statement-I/Statement-II question keeps everything typed, even
/// the field being typed, in a draft; the deck is untouched and the exit status is 130. The
/// next `--question` offers the draft, every field as it was, and the question is finished.
#[cfg(unix)]
#[test]
fn ctrl_c_keeps_a_draft_the_next_run_takes_up() {
    let env = Env::new();
    let path = deck(&env);
    let orig = read(&path);
    let mut p = env.terminal(["add", "commented.ron", "--question"]);
    answer(&mut p, "Layout of the question", DOWN);
    settle();
    p.send(DOWN);
    settle();
    p.send("\r");
    answer(&mut p, "Stem", "\r");
    answer(&mut p, "Statement-I", "India joined the Wassenaar Arrangement in 2017.\r");
    answer(&mut p, "Statement-II", "The United States");
    settle();
    p.control('c');
    let rest = p.eof();
    assert!(rest.contains("Interrupted. No questions added to commented.ron."), "{rest}");
    assert!(
        rest.contains("kept: `recall add commented.ron --question` takes it up again"),
        "{rest}"
    );
    assert_eq!(p.exit_code(), 130);
    assert_eq!(read(&path), orig);
    let draft = env.data().join("drafts/india-us.question.json");
    assert!(read(&draft).contains("The United States"));

    let mut p = env.terminal(["add", "commented.ron", "--question"]);
    answer(&mut p, "Take up the question you left (“India joined the Wassenaar", "y");
    // The layout, stem and Statement-I are as they were.
    answer(&mut p, "Layout of the question", "\r");
    answer(&mut p, "Stem", "\r");
    p.expect("India joined the Wassenaar Arrangement in 2017.");
    settle();
    p.send("\r");
    p.expect("The United States");
    settle();
    p.send(" welcomed it at the 2+2 dialogue.\r");
    answer(&mut p, "Question after the statements", "\r");
    for letter in ["a", "b", "c", "d"] {
        answer(&mut p, &format!("Option ({letter})"), "\r");
    }
    answer(&mut p, "Option (e)", "\r");
    answer(&mut p, "Right option", "b\r");
    answer(&mut p, "Explanation", "\r");
    answer(&mut p, "Source", "Ministry of External Affairs, 2018\r");
    answer(&mut p, "Year", "\r");
    answer(&mut p, "Topic", "\r");
    answer(&mut p, "Tags", "\r");
    answer(&mut p, "Id", "\r");
    p.expect("Statement-II: The United States welcomed it at the 2+2 dialogue.");
    answer(&mut p, "Add this question", "y");
    answer(&mut p, "Add another?", "n");
    p.expect("1 question added to commented.ron (3 facts).");
    p.eof();
    assert!(!draft.exists(), "the draft outlives its question");
    let text = read(&path);
    assert!(text.contains("\"Statement-I: India joined the Wassenaar Arrangement in 2017.\","));
    assert!(text.contains("answer: \"b\","), "{text}");
    check_ok(&env, &path);
}

/// Without a terminal, `--question` names the flags that add a question; `--year` belongs to a
/// question.
#[test]
fn question_flags_without_a_terminal() {
    let env = Env::new();
    let path = deck(&env);
    let orig = read(&path);
    env.recall()
        .args(["add", "commented.ron", "--question"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no terminal to ask on; give the question with flags"))
        .stderr(predicate::str::contains("--stem TEXT"));
    env.recall()
        .args(["add", "commented.ron", "--cue", "X", "--answer", "Y", "--year", "2023"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--year is the year of a question's paper"));
    assert_eq!(read(&path), orig);
}
