//! `recall config`: list, show, set, reset; bad keys and values are usage errors (exit 2);
//! a damaged data file is reported by name and left alone.

use assert_cmd::Command;
use predicates::prelude::*;

fn recall(dir: &std::path::Path) -> Command {
    #[allow(clippy::unwrap_used)] // a helper of tests: a missing binary should fail loudly
    let mut cmd = Command::cargo_bin("recall").unwrap();
    cmd.env("RECALL_DATA_DIR", dir)
        .env("RECALL_NOW", "2026-11-30T09:00:00Z")
        .env_remove("NO_COLOR");
    cmd
}

#[test]
fn lists_every_setting_with_its_default() {
    let dir = tempfile::tempdir().unwrap();
    recall(dir.path())
        .arg("config")
        .assert()
        .success()
        .stdout(predicate::str::is_match(r"(?m)^new-per-day +20  \(default\)").unwrap())
        .stdout(predicate::str::contains("desired-retention"))
        .stdout(predicate::str::contains("rollover-hour"))
        .stdout(predicate::str::contains("recognition-until-days"))
        .stdout(predicate::str::contains("max-interval-days"))
        .stdout(predicate::str::contains("recall.sqlite3"));
    assert!(dir.path().join("recall.sqlite3").exists());
}

#[test]
fn sets_shows_and_resets_a_setting() {
    let dir = tempfile::tempdir().unwrap();
    recall(dir.path())
        .args(["config", "new-per-day", "7"])
        .assert()
        .success()
        .stdout("new-per-day = 7 (default 20)\n");
    recall(dir.path()).args(["config", "new-per-day"]).assert().success().stdout("7\n");
    recall(dir.path())
        .arg("config")
        .assert()
        .success()
        .stdout(predicate::str::is_match(r"(?m)^new-per-day +7  \(default 20\)").unwrap());
    recall(dir.path())
        .args(["config", "--reset", "new-per-day"])
        .assert()
        .success()
        .stdout("new-per-day = 20 (default)\n");
    recall(dir.path()).args(["config", "new-per-day"]).assert().success().stdout("20\n");
}

#[test]
fn the_data_dir_flag_wins_over_the_environment() {
    let env_dir = tempfile::tempdir().unwrap();
    let flag_dir = tempfile::tempdir().unwrap();
    recall(env_dir.path())
        .args(["--data-dir"])
        .arg(flag_dir.path())
        .args(["config", "fuzz", "off"])
        .assert()
        .success();
    assert!(flag_dir.path().join("recall.sqlite3").exists());
    assert!(!env_dir.path().join("recall.sqlite3").exists());
}

#[test]
fn bad_keys_and_values_are_usage_errors() {
    let dir = tempfile::tempdir().unwrap();
    recall(dir.path())
        .args(["config", "colour", "red"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown setting `colour`"))
        .stderr(predicate::str::contains("new-per-day"));
    recall(dir.path())
        .args(["config", "desired-retention", "1.2"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("0.70 to 0.99"));
    recall(dir.path()).args(["config", "--reset", "nope"]).assert().code(2);
    recall(dir.path()).args(["config", "--reset", "fuzz", "fuzz"]).assert().code(2);
    recall(dir.path()).args(["config", "desired-retention"]).assert().success().stdout("0.9\n");
}

#[test]
fn a_damaged_data_file_is_named_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("recall.sqlite3");
    std::fs::write(&file, "not a database at all").unwrap();
    recall(dir.path())
        .arg("config")
        .assert()
        .code(1)
        .stderr(predicate::str::contains(file.display().to_string()))
        .stderr(predicate::str::contains("not a recall progress file"));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "not a database at all");
}

#[test]
fn processes_writing_at_once_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    // Create the file first so the processes race on writes, not on creating the schema.
    recall(dir.path()).arg("config").assert().success();
    let values = [
        ("new-per-day", "11"),
        ("reviews-per-day", "111"),
        ("desired-retention", "0.85"),
        ("rollover-hour", "3"),
        ("recognition-until-days", "5"),
        ("max-interval-days", "400"),
        ("fuzz", "off"),
    ];
    let bin = assert_cmd::cargo::cargo_bin("recall");
    let children: Vec<_> = values
        .iter()
        .map(|(k, v)| {
            std::process::Command::new(&bin)
                .env("RECALL_DATA_DIR", dir.path())
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
        recall(dir.path()).args(["config", k]).assert().success().stdout(format!("{v}\n"));
    }
}
