//! `recall config`: list, show, set, reset; bad keys and values are usage errors (exit 2);
//! a damaged data file is reported by name and left alone.

use predicates::prelude::*;

use crate::support::Env;

/// `recall` with colour allowed: the listing must be plain anyway, since it is a pipe.
fn recall(env: &Env) -> assert_cmd::Command {
    let mut cmd = env.recall();
    cmd.env_remove("NO_COLOR");
    cmd
}

#[test]
fn lists_every_setting_with_its_default() {
    let env = Env::new();
    recall(&env)
        .arg("config")
        .assert()
        .success()
        .stdout(predicate::str::is_match(r"(?m)^new-per-day +20  \(default\)").unwrap())
        .stdout(predicate::str::contains("desired-retention"))
        .stdout(predicate::str::contains("rollover-hour"))
        .stdout(predicate::str::contains("recognition-until-days"))
        .stdout(predicate::str::contains("max-interval-days"))
        .stdout(predicate::str::contains("recall.sqlite3"));
    // Showing settings only reads: no progress file (nor its folder) is created.
    assert!(!env.data().exists());
}

#[test]
fn sets_shows_and_resets_a_setting() {
    let env = Env::new();
    recall(&env)
        .args(["config", "new-per-day", "7"])
        .assert()
        .success()
        .stdout("new-per-day = 7 (default 20)\n");
    recall(&env).args(["config", "new-per-day"]).assert().success().stdout("7\n");
    recall(&env)
        .arg("config")
        .assert()
        .success()
        .stdout(predicate::str::is_match(r"(?m)^new-per-day +7  \(default 20\)").unwrap());
    recall(&env)
        .args(["config", "--reset", "new-per-day"])
        .assert()
        .success()
        .stdout("new-per-day = 20 (default)\n");
    recall(&env).args(["config", "new-per-day"]).assert().success().stdout("20\n");
}

#[test]
fn the_data_dir_flag_wins_over_the_environment() {
    let env = Env::new();
    let flag_dir = env.path("flag");
    recall(&env)
        .args(["--data-dir"])
        .arg(&flag_dir)
        .args(["config", "fuzz", "off"])
        .assert()
        .success();
    assert!(flag_dir.join("recall.sqlite3").exists());
    assert!(!env.data().join("recall.sqlite3").exists());
}

#[test]
fn bad_keys_and_values_are_usage_errors() {
    let env = Env::new();
    recall(&env)
        .args(["config", "colour", "red"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown setting `colour`"))
        .stderr(predicate::str::contains("new-per-day"));
    recall(&env)
        .args(["config", "desired-retention", "1.2"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("0.70 to 0.99"));
    recall(&env).args(["config", "--reset", "nope"]).assert().code(2);
    recall(&env).args(["config", "--reset", "fuzz", "fuzz"]).assert().code(2);
    recall(&env).args(["config", "desired-retention"]).assert().success().stdout("0.9\n");
}

#[test]
fn a_damaged_data_file_is_named_and_left_alone() {
    let env = Env::new();
    let file = env.write("data/recall.sqlite3", "not a database at all");
    recall(&env)
        .arg("config")
        .assert()
        .code(1)
        .stderr(predicate::str::contains(file.display().to_string()))
        .stderr(predicate::str::contains("not a recall progress file"));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "not a database at all");
}

#[test]
fn processes_writing_at_once_lose_nothing() {
    let env = Env::new();
    // Create the file first so the processes race on writes, not on creating the schema.
    recall(&env).args(["config", "fuzz", "on"]).assert().success();
    let values = [
        ("new-per-day", "11"),
        ("reviews-per-day", "111"),
        ("desired-retention", "0.85"),
        ("rollover-hour", "3"),
        ("recognition-until-days", "5"),
        ("max-interval-days", "400"),
        ("fuzz", "off"),
    ];
    let children: Vec<_> = values
        .iter()
        .map(|(k, v)| {
            env.command()
                .args(["config", k, v])
                .stdout(std::process::Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    for mut child in children {
        assert!(child.wait().unwrap().success());
    }
    for (k, v) in values {
        recall(&env).args(["config", k]).assert().success().stdout(format!("{v}\n"));
    }
}
