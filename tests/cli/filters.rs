//! `--deck`, `--topic` and `--tag` that match nothing are said the same way by every command
//! that takes them (study, exam, stats), with exit code 2: `recall study --topic nope` said
//! "you are up to date" and exited 0.

use crate::support::Env;

const TOPIC: &str =
    "no fact has the topic `nope` in the decks chosen (topics: agreements, export controls)";
const TAG: &str = "no fact has the tag `nope` in the decks chosen (tags: defence, regimes)";
const DECK: &str = "no deck `nope` among the decks loaded (known: filters)";
const BOTH: &str =
    "no fact has both the topic `export controls` and the tag `defence` in the decks chosen";

/// Four facts in two topics, each topic with its own tag.
fn env() -> Env {
    let env = Env::new();
    let fact = |id: &str, topic: &str, tag: &str| {
        format!(
            "Fact(id: \"{id}\", kind: Term, cue: \"cue {id}\", answer: \"answer {id}\", \
             topic: \"{topic}\", tags: [\"{tag}\"]),"
        )
    };
    let facts = [
        fact("a", "agreements", "defence"),
        fact("b", "agreements", "defence"),
        fact("c", "export controls", "regimes"),
        fact("d", "export controls", "regimes"),
    ];
    env.write(
        "decks/filters.ron",
        format!("Deck(id: \"filters\", title: \"Filters\", facts: [{}])", facts.join("\n")),
    );
    env
}

/// `recall ARGS` on a terminal (study and exam are interactive): its whole output and exit code.
#[cfg(unix)]
fn on_terminal(env: &Env, args: &[&str]) -> (String, i32) {
    let mut t = env.terminal(args);
    let out = t.eof();
    (out.replace("\r\n", " ").replace('\n', " "), t.exit_code())
}

#[cfg(unix)]
#[test]
fn study_and_exam_say_what_matches_nothing() {
    let env = env();
    for command in ["study", "exam"] {
        for (flags, message) in [
            (&["--topic", "nope"][..], TOPIC),
            (&["--tag", "nope"][..], TAG),
            (&["--deck", "nope"][..], DECK),
            (&["--topic", "export controls", "--tag", "defence"][..], BOTH),
        ] {
            let mut args = vec![command, "decks"];
            args.extend(flags);
            let (out, code) = on_terminal(&env, &args);
            assert_eq!(code, 2, "{args:?}: {out}");
            // Wrapped at words on the terminal: compared word by word.
            let words = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(words(&out).contains(&words(message)), "{args:?}: {out}");
            assert!(!out.contains("up to date"), "{args:?}: {out}");
        }
    }
    // No session was started.
    assert!(env.store().stats_sessions().unwrap().is_empty());
}

#[test]
fn stats_says_it_the_same_way() {
    let env = env();
    for (flags, message) in [(&["--topic", "nope"][..], TOPIC), (&["--deck", "nope"][..], DECK)] {
        env.recall()
            .args(["stats", "decks"])
            .args(flags)
            .assert()
            .code(2)
            .stderr(format!("recall: error: {message}\n"));
    }
    // A topic that exists is no error, whatever its case.
    env.recall().args(["stats", "decks", "--topic", "AGREEMENTS"]).assert().success();
}
