//! recall installed and run from any folder: the decks folder (the variable, the setting,
//! `./decks`, the data folder, in that order), the bundled decks put there on first use,
//! decks named without a folder, `recall decks`, shell completions and the man page.

#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::Command;

use predicates::prelude::*;

use crate::support::{self, Env, Terminal};

/// A minimal sound deck with id `id` and `facts` facts.
fn deck(id: &str, facts: usize) -> String {
    let facts: String = (1..=facts)
        .map(|i| {
            format!(
                "        Fact(id: \"f{i}\", kind: Term, cue: \"Cue {i} of {id}\", \
                 answer: \"Answer number {i}\"),\n"
            )
        })
        .collect();
    format!("Deck(\n    id: \"{id}\",\n    title: \"Deck {id}\",\n    facts: [\n{facts}    ],\n)\n")
}

/// recall as a learner runs it after `cargo install`: from `cwd`, with a fresh `HOME`, no
/// `RECALL_DATA_DIR` and no `XDG_DATA_HOME`, so the platform's data folder is used.
fn installed(env: &Env, cwd: &Path) -> assert_cmd::Command {
    assert_cmd::Command::from_std(installed_std(env, cwd))
}

fn installed_std(env: &Env, cwd: &Path) -> Command {
    std::fs::create_dir_all(cwd).unwrap();
    let mut cmd = env.command();
    cmd.current_dir(cwd)
        .env_remove("RECALL_DATA_DIR")
        .env_remove("XDG_DATA_HOME")
        .env_remove("RECALL_DECKS_DIR")
        .env("HOME", env.path("home"));
    cmd
}

/// `recall` from `cwd` with the test's data folder.
fn recall_in(env: &Env, cwd: &Path) -> assert_cmd::Command {
    std::fs::create_dir_all(cwd).unwrap();
    let mut cmd = env.recall();
    cmd.current_dir(cwd).env_remove("RECALL_DECKS_DIR");
    cmd
}

#[test]
fn a_first_command_that_makes_a_deck_still_brings_the_bundled_decks() {
    // Dogfooding: `recall new mydeck` as the very first command made the decks folder, so the
    // bundled decks, put only into a folder that does not exist, never came.
    let env = Env::new();
    let decks = env.path("home/.local/share/recall/decks");
    let elsewhere = env.path("elsewhere");
    installed(&env, &elsewhere)
        .args(["new", "mydeck"])
        .assert()
        .success()
        .stderr(predicate::str::contains("the bundled decks"));
    assert!(decks.join("mydeck.ron").is_file());
    assert!(decks.join("india-us-2plus2.ron").is_file());
    installed(&env, &elsewhere).arg("decks").assert().success().stdout(
        predicate::str::contains("mydeck.ron").and(predicate::str::contains("india-us-2plus2.ron")),
    );
}

#[test]
fn an_installed_recall_puts_the_bundled_decks_in_the_data_folder_and_works_from_anywhere() {
    let env = Env::new();
    let data = env.path("home/.local/share/recall");
    let decks = data.join("decks");
    let elsewhere = env.path("somewhere/else");

    // First use: no decks anywhere. The bundled deck is put in the data folder, and recall
    // says where; listing reads no progress file and creates none.
    installed(&env, &elsewhere)
        .arg("decks")
        .assert()
        .success()
        .stderr(predicate::str::contains(format!(
            "the bundled decks india-us-2plus2.ron, 2plus2-questions.ron are now in {}",
            decks.display()
        )))
        .stdout(predicate::str::contains(format!(
            "Decks in {} (in your data folder)",
            decks.display()
        )))
        .stdout(
            predicate::str::is_match(
                r"(?m)^india-us-2plus2 .* india-us-2plus2\.ron +\d+ +0 +\d+ +–$",
            )
            .unwrap(),
        );
    assert!(decks.join("india-us-2plus2.ron").is_file());
    assert!(!data.join("recall.sqlite3").exists(), "recall decks must not create the store");
    // Once only.
    installed(&env, &elsewhere)
        .arg("decks")
        .assert()
        .success()
        .stderr(predicate::str::contains("bundled").not());

    // Every command that reads decks reads that folder, from any folder.
    installed(&env, &elsewhere)
        .arg("check")
        .assert()
        .success()
        .stdout(predicate::str::is_match(r"2 decks, \d+ facts; 0 errors").unwrap());
    installed(&env, &elsewhere)
        .args(["preview", "--fact", "comcasa"])
        .assert()
        .success()
        .stdout(predicate::str::contains("COMCASA"));
    installed(&env, &elsewhere.join(".."))
        .args(["stats", "--json"])
        .assert()
        .success()
        .stdout(predicate::str::contains("\"facts_never_seen\""));

    // A new deck goes into the decks folder; `add` finds it by name from another folder.
    installed(&env, &elsewhere)
        .args(["new", "--title", "Indian Polity"])
        .assert()
        .success()
        .stdout(format!(
            "Created {} (deck `indian-polity`). Add facts with `recall add indian-polity`.\n",
            decks.join("indian-polity.ron").display()
        ));
    installed(&env, &env.path("another"))
        .args([
            "add",
            "indian-polity",
            "--cue",
            "Article 17",
            "--answer",
            "Abolition of untouchability",
        ])
        .assert()
        .success();
    // So does an import without --output.
    let csv = env.copy("author/terms.csv", "downloads/terms.csv");
    installed(&env, &elsewhere)
        .arg("import")
        .arg(&csv)
        .args(["--deck", "terms"])
        .assert()
        .success();
    assert!(decks.join("terms.ron").is_file());
    installed(&env, &elsewhere)
        .arg("decks")
        .assert()
        .success()
        .stdout(
            predicate::str::is_match(r"(?m)^indian-polity .* indian-polity\.ron +1 +0 +\d+ +–$")
                .unwrap(),
        )
        .stdout(predicate::str::contains("terms.ron"))
        .stdout(predicate::str::contains("4 decks"));

    // A study session from that folder, on a terminal, saves into the data folder.
    let mut cmd = installed_std(&env, &elsewhere);
    cmd.args(["study", "india-us-2plus2", "--seed", "1"]);
    let mut t = Terminal::spawn(cmd);
    t.expect("India–US 2+2 Ministerial Dialogue");
    // The first card (seed 1) is "What is 2+2 dialogue?": its answer repeats "dialogue", so
    // it has no fair set of options and is a flashcard. Show the answer, rate it Good.
    t.expect("[1/");
    t.press("1");
    t.expect("How well did you know it?");
    t.press("\r");
    t.expect("[2/");
    // Esc quits at any kind of question, typed or chosen.
    t.press("\x1b");
    t.eof();
    assert_eq!(t.exit_code(), 0);
    assert!(data.join("recall.sqlite3").is_file());
    // The session's questions are shown from the decks folder's facts, not as card keys.
    installed(&env, &env.path("another"))
        .args(["history", "1"])
        .assert()
        .success()
        .stdout(predicate::str::contains("india-us-2plus2/").not())
        .stdout(predicate::str::contains("2+2"));
}

#[test]
fn the_decks_folder_is_the_variable_then_the_setting_then_here_then_the_data_folder() {
    let env = Env::new();
    let project = env.path("project");
    env.write("project/decks/here.ron", deck("here", 1));
    env.write("chosen/set.ron", deck("set", 2));
    env.write("var/var.ron", deck("var", 3));
    let listed = |cmd: &mut assert_cmd::Command, id: &str| {
        cmd.arg("decks")
            .assert()
            .success()
            .stdout(predicate::str::is_match(format!(r"(?m)^{id} ")).unwrap())
            .stdout(predicate::str::contains("1 deck,"));
    };

    // `./decks` when it exists.
    listed(&mut recall_in(&env, &project), "here");
    recall_in(&env, &project)
        .arg("decks")
        .assert()
        .stdout(predicate::str::starts_with("Decks in ./decks (the decks folder here)\n"));

    // The setting wins over `./decks`; a relative folder is stored absolute.
    recall_in(&env, &project)
        .args(["config", "decks-dir", "../chosen"])
        .assert()
        .success()
        .stdout(format!("decks-dir = {} (default auto)\n", env.path("chosen").display()));
    listed(&mut recall_in(&env, &project), "set");
    listed(&mut recall_in(&env, &env.path("var")), "set");

    // The variable wins over the setting.
    let mut cmd = recall_in(&env, &project);
    cmd.env("RECALL_DECKS_DIR", env.path("var"));
    listed(&mut cmd, "var");
    cmd = recall_in(&env, &project);
    cmd.env("RECALL_DECKS_DIR", env.path("var"))
        .arg("decks")
        .assert()
        .stdout(predicate::str::contains("(from RECALL_DECKS_DIR)"));

    // A folder the learner named that does not exist is said, with where the name came from,
    // and is neither created nor filled with the bundled decks.
    let missing = env.path("missing");
    recall_in(&env, &project)
        .env("RECALL_DECKS_DIR", &missing)
        .arg("stats")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!(
            "your decks folder {} (from RECALL_DECKS_DIR) does not exist",
            missing.display()
        )));
    assert!(!missing.exists());

    // Back to the default: `./decks` here, the data folder elsewhere.
    recall_in(&env, &project).args(["config", "--reset", "decks-dir"]).assert().success();
    listed(&mut recall_in(&env, &project), "here");
    recall_in(&env, &env.path("var"))
        .arg("decks")
        .assert()
        .success()
        .stdout(predicate::str::is_match(r"(?m)^india-us-2plus2 ").unwrap())
        .stdout(predicate::str::contains("2 decks,"));
    assert!(env.data().join("decks/india-us-2plus2.ron").is_file());
}

#[test]
fn a_deck_named_without_a_folder_is_looked_for_in_the_decks_folder() {
    let env = Env::new();
    let folder = env.path("library");
    env.write("library/polity.ron", deck("polity", 2));
    env.write("library/gs/economy.ron", deck("economy", 1));
    let recall = || {
        let mut cmd = recall_in(&env, &env.path("elsewhere"));
        cmd.env("RECALL_DECKS_DIR", &folder);
        cmd
    };
    recall()
        .args(["check", "polity"])
        .assert()
        .success()
        .stdout(predicate::str::contains("1 deck, 2 facts"));
    recall().args(["check", "gs/economy.ron"]).assert().success();
    recall().args(["decks", "gs"]).assert().success().stdout(predicate::str::contains("economy"));
    recall()
        .args(["preview", "polity.ron", "--fact", "f2"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Cue 2 of polity"));
    recall().args(["stats", "polity"]).assert().success();
    recall()
        .args(["add", "polity", "--cue", "Article 21", "--answer", "Protection of life"])
        .assert()
        .success();
    recall()
        .args(["check", "polity"])
        .assert()
        .success()
        .stdout(predicate::str::contains("1 deck, 3 facts"));
    // Found nowhere: both places are named.
    recall().args(["check", "history"]).assert().code(2).stderr(predicate::str::contains(format!(
        "`history` does not exist here ({}) nor in your decks folder {} (from RECALL_DECKS_DIR)",
        env.path("elsewhere").display(),
        folder.display()
    )));
}

#[test]
fn decks_lists_due_and_new_cards_and_exam_dates_and_leaves_broken_decks_out() {
    let env = Env::new();
    env.write(
        "decks/exam.ron",
        deck("exam", 2).replace("    facts: [", "    exam: \"2027-05-24\",\n    facts: ["),
    );
    env.write("decks/broken.ron", "Deck(id: \"broken\",");
    env.recall()
        .args(["decks", "--json"])
        .assert()
        .success()
        .stderr(predicate::str::contains("decks with errors are not listed (1 error)"))
        .stdout(predicate::str::contains("\"exam\": \"2027-05-24\""))
        .stdout(predicate::str::contains("\"new\": 4"))
        .stdout(predicate::str::contains("\"file\": \"exam.ron\""));
    assert!(!env.data().join("recall.sqlite3").exists());

    // Two cards answered: one due again today, one in five days.
    let mut store = env.store();
    for (fact, due) in [("f1", "2026-11-30T20:00:00Z"), ("f2", "2026-12-05T09:00:00Z")] {
        use recall::schedule::{CardState, Grade, Outcome, Phase};
        let card: recall::ids::CardKey = format!("exam/{fact}/forward").parse().unwrap();
        let after = CardState {
            phase: Phase::Review,
            due: Some(due.parse().unwrap()),
            reps: 1,
            ..CardState::default()
        };
        store
            .record_answer(&recall::store::Answer {
                card: &card,
                session: None,
                time: support::NOW.parse().unwrap(),
                kind: recall::deck::QuestionKind::Typed,
                response: "x",
                correct: true,
                outcome: Outcome::Correct,
                grade: Grade::Good,
                duration_ms: 1000,
                after: &after,
                cram: false,
            })
            .unwrap();
    }
    drop(store);
    env.recall()
        .arg("decks")
        .assert()
        .success()
        .stdout(
            predicate::str::is_match(r"(?m)^exam +Deck exam +exam\.ron +2 +1 +2 +2027-05-24$")
                .unwrap(),
        )
        .stdout(predicate::str::contains("1 deck, 2 facts: 1 due today, 2 new"));
}

#[test]
fn completions_for_every_shell_come_from_the_command_line_itself() {
    let env = Env::new();
    for (shell, marker) in [
        ("bash", "complete -F _recall"),
        ("zsh", "#compdef recall"),
        ("fish", "complete -c recall"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        env.recall()
            // No settings, no store, no clock are needed: a bad RECALL_NOW does not matter.
            .env("RECALL_NOW", "not a time")
            .args(["completions", shell])
            .assert()
            .success()
            .stdout(predicate::str::contains(marker))
            .stdout(predicate::str::contains("decks"));
    }
    // bash loads the script and knows the commands.
    let script = env.path("recall.bash");
    let out = env.recall().args(["completions", "bash"]).output().unwrap();
    std::fs::write(&script, out.stdout).unwrap();
    let shell = Command::new("bash")
        .arg("-c")
        .arg(format!(
            "source {}; COMP_WORDS=(recall de); COMP_CWORD=1; _recall recall de recall; \
             printf '%s\\n' \"${{COMPREPLY[@]}}\"",
            script.display()
        ))
        .output()
        .unwrap();
    assert!(shell.status.success(), "{}", String::from_utf8_lossy(&shell.stderr));
    assert_eq!(String::from_utf8_lossy(&shell.stdout), "decks\n");
    env.recall().args(["completions", "tcsh"]).assert().code(2);
}

#[test]
fn the_man_page_is_printed_or_written_one_page_per_command() {
    let env = Env::new();
    env.recall()
        .arg("man")
        .assert()
        .success()
        .stdout(predicate::str::contains(".TH recall 1"))
        .stdout(predicate::str::contains("RECALL_DECKS_DIR"))
        .stdout(predicate::str::contains("recall\\-decks"));
    let dir: PathBuf = env.path("man/man1");
    env.recall()
        .args(["man", "--dir"])
        .arg(&dir)
        .assert()
        .success()
        .stdout(predicate::str::starts_with("Wrote "));
    for page in ["recall.1", "recall-study.1", "recall-decks.1", "recall-completions.1"] {
        let text = support::read(&dir.join(page));
        assert!(text.contains(".TH"), "{page}");
    }
    // `man` reads it (where man is installed).
    if let Ok(out) = Command::new("man")
        .arg("-l")
        .arg(dir.join("recall-study.1"))
        .env("MANPAGER", "cat")
        .env("MANWIDTH", "80")
        .output()
        && out.status.success()
    {
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("--minutes"), "{text}");
    }
}

#[test]
fn an_empty_decks_folder_is_named_and_left_empty() {
    let env = Env::new();
    std::fs::create_dir_all(env.data().join("decks")).unwrap();
    for command in ["check", "decks", "stats"] {
        env.recall().arg(command).assert().success().stderr(predicate::str::contains(format!(
            "note: no decks in {} (in your data folder)",
            env.data().join("decks").display()
        )));
    }
    // The learner emptied it: the bundled decks do not come back.
    assert_eq!(std::fs::read_dir(env.data().join("decks")).unwrap().count(), 0);
}

#[test]
fn a_damaged_progress_file_stops_only_what_needs_its_settings() {
    let env = Env::new();
    let file = env.write("data/recall.sqlite3", "not a database at all");
    env.write("polity.ron", deck("polity", 1));
    // A deck named by its path needs no setting.
    env.recall().args(["check", "polity.ron"]).assert().success();
    // The decks folder might be the setting's: say why it cannot be known.
    env.recall()
        .arg("check")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("cannot read the decks-dir setting"))
        .stderr(predicate::str::contains("not a recall progress file"))
        // The damage first: it is what the learner has to act on.
        .stderr(predicate::function(|err: &str| {
            err.find("not a recall progress file") < err.find("decks-dir setting")
        }));
    // Unless the variable decides.
    env.recall().env("RECALL_DECKS_DIR", env.root()).arg("check").assert().success();
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "not a database at all");
}

#[test]
fn the_data_folder_follows_xdg_data_home_and_recall_data_dir() {
    let env = Env::new();
    let cwd = env.path("elsewhere");
    installed(&env, &cwd).env("XDG_DATA_HOME", env.path("xdg")).arg("decks").assert().success();
    assert!(env.path("xdg/recall/decks/india-us-2plus2.ron").is_file());
    installed(&env, &cwd).env("RECALL_DATA_DIR", env.path("mine")).arg("decks").assert().success();
    assert!(env.path("mine/decks/india-us-2plus2.ron").is_file());
    assert!(!env.path("home").exists(), "nothing written to HOME");
}
