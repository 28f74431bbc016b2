//! `recall new`, `recall add` and `recall import`: decks are grown without ever losing a byte
//! the learner wrote.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers panic on setup failure by design

use std::path::{Path, PathBuf};

use predicates::prelude::*;

use crate::support::{self, Env, Terminal, read, settle};

fn fixture(name: &str) -> PathBuf {
    support::fixture("author").join(name)
}

/// Copies a fixture into the temp folder and returns its path there.
fn copy(env: &Env, name: &str) -> PathBuf {
    env.copy(&format!("author/{name}"), name)
}

fn check_ok(env: &Env, path: &Path) {
    env.recall()
        .arg("check")
        .arg(path)
        .assert()
        .success()
        .stdout(predicate::str::contains("0 errors"));
}

// ---- add ----------------------------------------------------------------------------------

/// One fact is `1 fact`, in `recall add`, `recall import` and `recall check` alike.
#[test]
fn one_fact_is_said_in_the_singular() {
    let env = Env::new();
    env.recall().args(["new", "one.ron", "--title", "One"]).assert().success();
    env.recall()
        .args(["add", "one.ron", "--cue", "NSG", "--answer", "Nuclear Suppliers Group"])
        .assert()
        .success()
        .stdout("Added `nsg` to one.ron (1 fact).\n");
    env.write("one.tsv", "MTCR\tMissile Technology Control Regime\n");
    env.recall()
        .args(["import", "one.tsv", "--deck", "single", "-o", "single.ron"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Imported 1 fact from one.tsv into single.ron; skipped 0 rows; 0 warnings.",
        ))
        .stdout(predicate::str::contains("1 deck, 1 fact; 0 errors"));
}

/// `recall new polity` is how a student starts a deck: a bare name is a deck of that name in
/// the decks folder, titled from the name unless `--title` says.
#[test]
fn new_takes_a_bare_name_for_a_deck_in_the_decks_folder() {
    let env = Env::new();
    let decks = env.data().join("decks");
    env.recall().args(["new", "mydeck"]).assert().success().stdout(format!(
        "Created {} (deck `mydeck`). Add facts with `recall add mydeck`.\n",
        decks.join("mydeck.ron").display()
    ));
    assert!(read(&decks.join("mydeck.ron")).contains("    title: \"Mydeck\",\n"));
    env.recall().args(["new", "polity", "--title", "Indian Polity"]).assert().success();
    assert!(read(&decks.join("polity.ron")).contains("    title: \"Indian Polity\",\n"));
    env.recall()
        .args(["add", "mydeck", "--cue", "NSG", "--answer", "Nuclear Suppliers Group"])
        .assert()
        .success();
    // Neither a name nor a title: said by clap, exit 2.
    env.recall().arg("new").assert().code(2).stderr(predicate::str::contains("--title"));
    // A path with a folder still needs `.ron`.
    env.recall()
        .args(["new", "notes/econ"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("deck files end in `.ron`"));
}

#[test]
fn add_keeps_every_byte_of_a_commented_deck() {
    let env = Env::new();
    let deck = copy(&env, "commented.ron");
    let orig = read(&deck);
    env.recall()
        .args(["add", "commented.ron", "--kind", "agreement", "--cue", "BECA"])
        .args(["--answer", "Basic Exchange and Cooperation Agreement", "--topic", "defence"])
        .args([
            "--tag",
            "india-us, geospatial",
            "--accept",
            "Basic Exchange & Cooperation Agreement",
        ])
        .args(["--cloze", "India and the US signed {BECA} in {2020}."])
        .assert()
        .success()
        .stdout("Added `beca` to commented.ron (3 facts).\n");
    let new = read(&deck);
    // The only changes: a comma after the last fact (it had none) and the new fact's lines
    // before the `]` line.
    let comma_at = orig.find(r#"access") // last fact"#).unwrap() + r#"access")"#.len();
    let close_line = orig.find("    ],\n)").unwrap();
    // The last fact is on one line, so the new one is too.
    let block = "        Fact(id: \"beca\", kind: Agreement, cue: \"BECA\", \
                 answer: \"Basic Exchange and Cooperation Agreement\", \
                 accept: [\"Basic Exchange & Cooperation Agreement\"], topic: \"defence\", \
                 tags: [\"india-us\", \"geospatial\"], \
                 cloze: [\"India and the US signed {BECA} in {2020}.\"]),\n";
    let expected = format!(
        "{},{}{block}{}",
        &orig[..comma_at],
        &orig[comma_at..close_line],
        &orig[close_line..]
    );
    assert_eq!(new, expected);
    check_ok(&env, &deck);
    assert_eq!(env.files(), ["commented.ron"]);
}

#[test]
fn add_to_a_crlf_deck_writes_crlf() {
    let env = Env::new();
    let deck = env.path("crlf.ron");
    let orig = read(&fixture("commented.ron")).replace('\n', "\r\n");
    std::fs::write(&deck, &orig).unwrap();
    env.recall().args(["add", "crlf.ron", "--cue", "BECA", "--answer", "B"]).assert().success();
    let new = read(&deck);
    assert!(!new.replace("\r\n", "").contains('\n'), "a bare LF was written:\n{new}");
    assert!(new.starts_with(&orig[..orig.find("access\")").unwrap()]));
    assert!(new.ends_with("    ],\r\n)\r\n// trailing comment\r\n"));
    check_ok(&env, &deck);
}

#[test]
fn add_proposes_unique_ids_and_refuses_taken_ones() {
    let env = Env::new();
    let deck = copy(&env, "commented.ron");
    for expected in ["comcasa-2", "comcasa-3"] {
        env.recall()
            .args(["add", "commented.ron", "--cue", "COMCASA", "--answer", "again"])
            .assert()
            .success()
            .stdout(predicate::str::contains(format!("Added `{expected}`")));
    }
    let before = read(&deck);
    env.recall()
        .args(["add", "commented.ron", "--cue", "x", "--answer", "y", "--id", "lemoa"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("fact id `lemoa` is already used"));
    assert_eq!(read(&deck), before);
}

#[test]
fn add_refuses_invalid_facts_and_leaves_the_file() {
    let env = Env::new();
    let deck = copy(&env, "commented.ron");
    let orig = read(&deck);
    let cases: [(&[&str], i32, &str); 5] = [
        (&["--cue", "x", "--answer", "  "], 1, "the answer is empty"),
        (&["--cue", "x", "--answer", "y", "--cloze", "no blank here"], 1, "has no `{…}` blank"),
        (&["--cue", "x", "--answer", "y", "--cloze", "open {blank"], 1, "is never closed"),
        (&["--cue", "x", "--answer", "y", "--id", "Not A Slug"], 2, "is not a valid id"),
        (&["--cue", "x"], 2, "--answer missing"),
    ];
    for (args, code, message) in cases {
        env.recall()
            .args(["add", "commented.ron"])
            .args(args)
            .assert()
            .code(code)
            .stderr(predicate::str::contains(message));
        assert_eq!(read(&deck), orig, "{args:?} changed the file");
    }
    env.recall()
        .args(["add", "commented.ron", "--kind", "gadget", "--cue", "x", "--answer", "y"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("acronym, term, person"));
    assert_eq!(read(&deck), orig);
    assert_eq!(env.files(), ["commented.ron"]);
}

#[test]
fn add_refuses_to_touch_a_broken_deck() {
    let env = Env::new();
    let deck = env.path("broken.ron");
    std::fs::write(&deck, "Deck(id: \"b\", title: \"t\", facts: [Fact(id: \"a\"\n").unwrap();
    env.recall()
        .args(["add", "broken.ron", "--cue", "x", "--answer", "y"])
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("broken.ron does not load (")
                .and(predicate::str::contains("fix it first")),
        );
    assert_eq!(read(&deck), "Deck(id: \"b\", title: \"t\", facts: [Fact(id: \"a\"\n");
}

#[test]
fn add_without_a_terminal_names_the_flags() {
    let env = Env::new();
    copy(&env, "commented.ron");
    env.recall().args(["add", "commented.ron"]).write_stdin("").assert().code(2).stderr(
        predicate::str::contains("no terminal")
            .and(predicate::str::contains("--cue TEXT --answer TEXT")),
    );
}

/// A crash in the middle of writing (here: the kernel kills recall with SIGXFSZ when the
/// temporary file outgrows a 1-block file-size limit, which binds root too) must leave the
/// original deck exactly as it was.
#[cfg(unix)]
#[test]
fn a_write_killed_half_way_leaves_the_original() {
    let env = Env::new();
    let deck = env.path("big.ron");
    let mut text = read(&fixture("commented.ron"));
    text.push_str(&"// padding so the new file is larger than the limit\n".repeat(100));
    std::fs::write(&deck, &text).unwrap();
    let mut add = env.command();
    add.args(["add", "big.ron", "--cue", "BECA", "--answer", "B"]);
    let out = support::after_shell("ulimit -f 2", &add).output().unwrap();
    use std::os::unix::process::ExitStatusExt;
    // Killed by SIGXFSZ (25) in the middle of writing, like a crash.
    assert_eq!(out.status.signal(), Some(25), "{out:?}");
    assert_eq!(read(&deck), text);
    check_ok(&env, &deck);
    // Whatever the killed process left is a temporary file beside the deck, never the deck.
    for name in env.files() {
        assert!(name == "big.ron" || name.starts_with(".recall-"), "{name}");
    }
}

// ---- new ----------------------------------------------------------------------------------

#[test]
fn new_writes_a_deck_that_checks_and_never_overwrites() {
    let env = Env::new();
    env.recall()
        .args(["new", "decks/polity.ron", "--title", "Indian Polity"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Created decks/polity.ron (deck `polity`)"));
    let deck = env.path("decks/polity.ron");
    check_ok(&env, &deck);
    let text = read(&deck);
    assert!(text.contains("id: \"polity\",") && text.contains("title: \"Indian Polity\","));
    env.recall()
        .args(["new", "decks/polity.ron", "--title", "Other"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("already exists"));
    assert_eq!(read(&deck), text);
    // The new deck takes facts straight away.
    env.recall()
        .args([
            "add",
            "decks/polity.ron",
            "--cue",
            "Article 17",
            "--answer",
            "Abolition of untouchability",
        ])
        .assert()
        .success();
    env.recall()
        .arg("check")
        .arg(&deck)
        .assert()
        .success()
        .stdout(predicate::str::contains("1 deck, 1 fact; 0 errors"));
}

#[test]
fn deck_ids_stay_unique_in_a_folder() {
    let env = Env::new();
    copy(&env, "commented.ron");
    copy(&env, "quizlet.tsv");
    env.recall()
        .args(["new", "other.ron", "--id", "india-us", "--title", "t"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("deck id `india-us` is already used by"));
    env.recall()
        .args(["import", "quizlet.tsv", "--deck", "india-us", "-o", "q.ron"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("--into"));
    assert_eq!(env.files(), ["commented.ron", "quizlet.tsv"]);
}

#[test]
fn add_to_a_missing_file_points_to_new() {
    let env = Env::new();
    // A bare name is a deck of the decks folder, which `recall new` without a path makes.
    env.recall()
        .args(["add", "nope.ron", "--cue", "x", "--answer", "y"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("nor in your decks folder"))
        .stderr(predicate::str::contains("recall new --id nope --title TITLE"));
    env.recall()
        .args(["add", "notes/nope.ron", "--cue", "x", "--answer", "y"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("recall new notes/nope.ron --title TITLE"));
}

#[test]
fn new_with_examples_holds_every_kind() {
    let env = Env::new();
    env.recall()
        .args(["new", "ex.ron", "--id", "examples", "--title", "Examples", "--examples"])
        .assert()
        .success();
    env.recall()
        .args(["check", "ex.ron"])
        .assert()
        .success()
        .stdout(predicate::str::contains("1 deck, 11 facts; 0 errors"));
    // The tenth kind of fact and then the authored question, statements layout.
    let deck = read(&env.path("ex.ron"));
    assert!(
        deck.contains("        Question(\n            id: \"two-plus-two-statements\""),
        "{deck}"
    );
    env.recall()
        .args(["preview", "ex.ron", "--fact", "two-plus-two-statements"])
        .assert()
        .success()
        .stdout(predicate::str::contains("3. It replaced the Quad"))
        .stdout(predicate::str::contains("✓ (b) 1 and 2 only"));
}

#[test]
fn new_validates_its_arguments() {
    let env = Env::new();
    env.recall()
        .args(["new", "x.ron", "--id", "Bad Id", "--title", "t"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not a valid id"));
    env.recall()
        .args(["new", "x.txt", "--title", "t"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("end in `.ron`"));
    assert!(env.files().is_empty());
}

// ---- import -------------------------------------------------------------------------------

#[test]
fn import_csv_with_bom_quotes_newlines_and_bad_rows() {
    let env = Env::new();
    copy(&env, "terms.csv");
    // A project folder with its own decks: the new deck goes there.
    std::fs::create_dir(env.path("decks")).unwrap();
    env.recall()
        .args(["import", "terms.csv", "--deck", "terms", "--kind", "acronym"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Imported 3 facts from terms.csv into decks/terms.ron; skipped 4 rows; 0 warnings.",
        ))
        .stdout(predicate::str::contains("0 errors"))
        .stderr(predicate::str::contains("terms.csv:6: skipped: empty cue"))
        .stderr(predicate::str::contains("terms.csv:7: skipped: only 1 column"))
        .stderr(predicate::str::contains("terms.csv:8: skipped: empty answer"))
        .stderr(predicate::str::contains("terms.csv:9: skipped: 3 columns where the file has 2"));
    let text = read(&env.path("decks/terms.ron"));
    assert!(text.contains(
        "cue: \"Quad\",\n            answer: \"Australia, India, Japan and the United States\","
    ));
    assert!(text.contains("cue: \"2+2 dialogue\",\n            answer: \"Foreign and defence ministers meeting together\","));
    assert!(text.contains("id: \"comcasa\",\n            kind: Acronym,"));
    assert!(!text.contains("Term,") && !text.contains("Definition"), "header row imported");
}

#[test]
fn import_quizlet_tsv_and_refuse_overwrite_without_force() {
    let env = Env::new();
    copy(&env, "quizlet.tsv");
    let run = |extra: &[&str]| {
        let mut c = env.recall();
        c.args(["import", "quizlet.tsv", "--deck", "quiz", "-o", "quiz.ron", "--topic", "defence"]);
        c.args(extra);
        c.assert()
    };
    run(&[]).success().stdout(predicate::str::contains("Imported 3 facts"));
    let first = read(&env.path("quiz.ron"));
    assert!(first.contains("topic: \"defence\""));
    assert!(first.contains("title: \"Quizlet\""));
    // The same command again: the deck is there with every row, so there is nothing to do.
    run(&[]).success().stdout(predicate::str::contains(
        "Nothing new to import: all 3 usable rows of quizlet.tsv are already in quiz.ron",
    ));
    assert_eq!(read(&env.path("quiz.ron")), first);
    // A file with a row the deck lacks is not added behind the learner's back.
    std::fs::write(
        env.path("more.tsv"),
        "Quad\tAustralia, India, Japan and the United States\nBIMSTEC\tBay of Bengal Initiative\n",
    )
    .unwrap();
    env.recall()
        .args(["import", "more.tsv", "--deck", "quiz", "-o", "quiz.ron"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "quiz.ron already exists and lacks 1 row of more.tsv: use --into quiz.ron to add it, or --force to replace the deck",
        ));
    assert_eq!(read(&env.path("quiz.ron")), first);
    // Another deck at that path is never taken for this one.
    std::fs::write(env.path("other.ron"), "Deck(id: \"other\", title: \"Other\", facts: [])\n")
        .unwrap();
    env.recall()
        .args(["import", "quizlet.tsv", "--deck", "quiz", "-o", "other.ron"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("other.ron already exists (use --into other.ron"));
    run(&["--title", "Other", "--force"]).success();
    assert!(read(&env.path("quiz.ron")).contains("title: \"Other\""));
}

#[test]
fn import_anki_plain_text_with_html_and_tags() {
    let env = Env::new();
    copy(&env, "anki-notes.txt");
    env.recall()
        .args(["import", "anki-notes.txt", "--deck", "anki", "-o", "anki.ron"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Imported 3 facts"))
        .stderr(predicate::str::contains("anki-notes.txt:8: skipped: empty cue"));
    let text = read(&env.path("anki.ron"));
    assert!(text.contains("answer: \"Communications Compatibility and Security Agreement\",\n            tags: [\"defence\", \"india-us\"],"), "{text}");
    assert!(
        text.contains(r#"answer: "Australia, India, Japan & the \"United States\"","#),
        "{text}"
    );
    assert!(text.contains("cue: \"2+2 dialogue\","), "{text}");
}

#[test]
fn import_utf16_and_cap_long_reports() {
    let env = Env::new();
    // Excel's "Unicode Text": UTF-16LE with a byte-order mark, tab-separated.
    let text = "Term\tDefinition\r\nQuad\tAustralia, India, Japan, US\r\n";
    let bytes: Vec<u8> =
        [0xff, 0xfe].into_iter().chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect();
    std::fs::write(env.path("excel.txt"), bytes).unwrap();
    env.recall()
        .args(["import", "excel.txt", "--deck", "excel", "-o", "excel.ron"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Imported 1 fact from excel.txt"));
    // A file of 100 unusable rows lists 30 and counts the rest.
    std::fs::write(env.path("bad.tsv"), "no separator here\n".repeat(100)).unwrap();
    env.recall()
        .args(["import", "bad.tsv", "--deck", "bad"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("bad.tsv:30: skipped: only 1 column"))
        .stderr(predicate::str::contains("bad.tsv:31:").not())
        .stderr(predicate::str::contains("… and 70 more skipped rows"))
        .stderr(predicate::str::contains("no usable rows (100 skipped); nothing was written"));
    assert!(!env.path("decks").exists());
}

#[test]
fn import_into_an_existing_deck_appends_like_add() {
    let env = Env::new();
    let deck = copy(&env, "commented.ron");
    copy(&env, "quizlet.tsv");
    let orig = read(&deck);
    env.recall()
        .args(["import", "quizlet.tsv", "--into", "commented.ron"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Imported 2 facts from quizlet.tsv into commented.ron; skipped 1 row; 0 warnings.",
        ))
        .stdout(predicate::str::contains("1 deck, 4 facts; 0 errors"))
        .stderr("quizlet.tsv:1: skipped: already in the deck as `comcasa`\n");
    let new = read(&deck);
    // Everything before the last fact's end and from the `]` line on is untouched.
    let comma_at = orig.find(r#"access") // last fact"#).unwrap() + r#"access")"#.len();
    let close_line = orig.find("    ],\n)").unwrap();
    assert!(new.starts_with(&format!("{},{}", &orig[..comma_at], &orig[comma_at..close_line])));
    assert!(new.ends_with(&orig[close_line..]));
    // The deck's own one-line style is followed, ids stay unique.
    assert!(new.contains("        Fact(id: \"quad\", kind: Term, cue: \"Quad\""), "{new}");
    // Importing the same file again adds nothing twice, and that is no failure: it says so
    // and exits 0, without listing every row it already has.
    env.recall()
        .args(["import", "quizlet.tsv", "--into", "commented.ron"])
        .assert()
        .success()
        .stdout(
            "Nothing new to import: all 3 usable rows of quizlet.tsv are already in \
             commented.ron; nothing was written.\n",
        )
        .stderr("");
    assert_eq!(read(&deck), new);
    env.recall()
        .args(["import", "quizlet.tsv", "--into", "commented.ron", "--deck", "other"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("whose id is `india-us`"));
}

// ---- interactive --------------------------------------------------------------------------

/// The prompts, driven through a real pseudo-terminal: pick a kind, type the fields, accept the
/// proposed id, confirm, and stop.
#[cfg(unix)]
#[test]
fn add_interactively_through_a_terminal() {
    let env = Env::new();
    let deck = copy(&env, "commented.ron");
    let orig = read(&deck);
    let mut p = env.terminal(["add", "commented.ron"]);
    p.expect("Statement");
    settle();
    // Term is preselected; one down is Person.
    p.send("\x1b[B");
    p.send("\r");
    p.expect("Cue");
    p.send("First Chief of Defence Staff\r");
    p.expect("Answer");
    // An empty answer is refused and asked again.
    p.send("\r");
    p.send("Bipin Rawat\r");
    p.expect("Other accepted answers");
    p.send("General Bipin Rawat; Gen. Rawat\r");
    p.expect("Topic");
    p.send("defence\r");
    p.expect("Tags");
    p.send("people, defence\r");
    p.expect("Explanation");
    p.send("\r");
    p.expect("Source");
    p.send("\r");
    p.expect("Cloze statement");
    // A statement without a blank is refused with the reason and kept for correcting; here it
    // is emptied (Ctrl-U) and a good one typed, then done.
    p.send("no blank\r");
    p.expect("has no");
    settle();
    p.control('u');
    p.send("{Bipin Rawat} was the first CDS.\r");
    p.expect("Cloze statement");
    p.send("\r");
    p.expect("Id");
    p.send("\r");
    // The questions the fact will generate are shown before it is saved.
    p.expect("It will be asked like this");
    // A "first" holder of a role is historical: "Who was" (issue 14).
    p.expect("Who was the first Chief of Defence Staff?");
    p.expect("____ was the first CDS.");
    p.expect("Add this fact to commented.ron?");
    p.send("y");
    p.expect("Added `first-chief-of-defence-staff`");
    p.expect("Add another?");
    p.send("y");
    // The second fact: Person is remembered as the kind, the deck's topics are offered.
    p.expect("Statement");
    settle();
    p.send("\r");
    p.expect("Cue");
    p.send("COMCASA\r");
    p.expect("`comcasa` already has this cue (answer: Communications Compatibility");
    p.expect("Answer");
    p.send("Defence pact\r");
    p.expect("Other accepted answers");
    p.send("\r");
    p.expect("new topic");
    settle();
    p.send("defe");
    settle();
    p.send("\r");
    // The tags typed for the first fact are not offered again: typing a tag gives that tag,
    // not `people, defencehistory`.
    p.expect("Tags");
    p.send("history\r");
    for prompt in ["Explanation", "Source", "Cloze statement"] {
        p.expect(prompt);
        p.send("\r");
    }
    p.expect("Id");
    // The proposed id `comcasa` is taken, so `comcasa-2` is offered; accept it.
    p.expect("comcasa-2");
    p.send("\r");
    // "n" goes back to the fact, every field as typed: Enter keeps one, Ctrl-U empties one.
    p.expect("Add this fact");
    p.send("n");
    p.expect("Back to the fact");
    p.expect("Statement");
    settle();
    p.send("\r");
    p.expect("Cue");
    p.send("\r");
    p.expect("Answer");
    settle();
    p.control('u');
    p.send("Communications pact\r");
    p.expect("Other accepted answers");
    p.send("\r");
    p.expect("new topic");
    settle();
    p.send("\r");
    for prompt in ["Tags", "Explanation", "Source", "Cloze statement", "Id"] {
        p.expect(prompt);
        p.send("\r");
    }
    p.expect("answer: \"Communications pact\"");
    p.expect("Add this fact");
    p.send("y");
    p.expect("Add another?");
    p.send("n");
    p.expect("2 facts added to commented.ron (4 facts).");
    p.eof();
    let new = read(&deck);
    let close_line = orig.find("    ],\n)").unwrap();
    assert!(new.ends_with(&orig[close_line..]));
    assert!(
        new.contains(
            "        Fact(id: \"first-chief-of-defence-staff\", kind: Person, cue: \"First Chief of Defence Staff\", \
             answer: \"Bipin Rawat\", accept: [\"General Bipin Rawat\", \"Gen. Rawat\"], topic: \"defence\", \
             tags: [\"people\", \"defence\"], cloze: [\"{Bipin Rawat} was the first CDS.\"]),\n\
             \x20       Fact(id: \"comcasa-2\", kind: Person, cue: \"COMCASA\", answer: \"Communications pact\", \
             topic: \"defence\", tags: [\"history\"]),\n    ],\n"
        ),
        "{new}"
    );
    check_ok(&env, &deck);
}

/// Ctrl-C at a prompt leaves the deck as it was, shows the cursor again and exits 130.
#[cfg(unix)]
#[test]
fn ctrl_c_leaves_the_deck_and_the_terminal_clean() {
    let env = Env::new();
    let deck = copy(&env, "commented.ron");
    let orig = read(&deck);
    let mut cmd = env.command();
    // Colour allowed, as in a learner's terminal.
    cmd.env_remove("NO_COLOR").args(["add", "commented.ron"]);
    let mut p = Terminal::spawn(cmd);
    p.expect("Statement");
    settle();
    p.send("\r");
    p.expect("Cue");
    p.send("half-typed");
    // Let the line editor read the keys, so the Ctrl-C arrives at the prompt (in raw mode) as
    // a learner's would, not in the instant between two key reads.
    settle();
    p.control('c');
    let rest = p.eof();
    assert!(rest.contains("Interrupted. No facts added"), "{rest:?}");
    assert!(rest.contains("\x1b[?25h"), "cursor not shown again: {rest:?}");
    assert_eq!(p.exit_code(), 130);
    assert_eq!(read(&deck), orig);
}

/// Esc on a menu stops cleanly: exit 0, the deck untouched.
#[cfg(unix)]
#[test]
fn esc_stops_without_writing() {
    let env = Env::new();
    let deck = copy(&env, "commented.ron");
    let orig = read(&deck);
    let mut cmd = env.command();
    // Colour allowed, as in a learner's terminal.
    cmd.env_remove("NO_COLOR").args(["add", "commented.ron"]);
    let mut p = Terminal::spawn(cmd);
    p.expect("Statement");
    settle();
    p.send("\x1b");
    let rest = p.eof();
    assert!(rest.contains("No facts added to commented.ron."), "{rest:?}");
    assert_eq!(p.exit_code(), 0);
    assert_eq!(read(&deck), orig);
}

#[test]
fn an_unknown_kind_is_a_usage_error_naming_the_kinds() {
    let env = Env::new();
    let deck = copy(&env, "commented.ron");
    copy(&env, "quizlet.tsv");
    let orig = read(&deck);
    let kinds = "--kind `acronymn` is not a kind of fact; use one of: acronym, term, person, \
                 place, date, number, group, agreement, organization, statement";
    env.recall()
        .args(["add", "commented.ron", "--kind", "acronymn", "--cue", "X", "--answer", "Y"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(kinds));
    env.recall()
        .args(["import", "quizlet.tsv", "--into", "commented.ron", "--kind", "acronymn"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(kinds));
    assert_eq!(read(&deck), orig);
    // Any case is a kind.
    env.recall()
        .args([
            "add",
            "commented.ron",
            "--kind",
            "ACRONYM",
            "--cue",
            "XYZ",
            "--answer",
            "Ex Why Zed",
        ])
        .assert()
        .success();
    assert!(read(&deck).contains("kind: Acronym, cue: \"XYZ\""), "{}", read(&deck));
}
