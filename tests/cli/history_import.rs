//! `recall import-history`, `recall optimize` and `recall evaluate` on the learner's own
//! history.

use predicates::prelude::*;

use crate::support::Env;

fn env() -> Env {
    Env::new().now("2024-06-01T12:00:00Z")
}

/// A generated log: `cards` cards, each answered on day 0 and then at growing gaps; a card
/// fails (rating 1) about one time in `fail_one_in`, with a same-day Good after each failure.
/// Deterministic (xorshift).
pub(crate) fn generated_log(cards: u32, fail_one_in: u64) -> String {
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut log = String::from("card_id,review_rating,review_time,review_duration\n");
    let start = 1_704_103_200_000i64; // 2024-01-01T10:00:00Z
    for card in 0..cards {
        let mut day = i64::from(card % 7);
        let mut gap = 1 + (next() % 3) as i64;
        for _ in 0..6 {
            let at = start + day * 86_400_000 + i64::from(card) * 1000;
            if next() % fail_one_in == 0 {
                log += &format!("{card},1,{at},6000\n");
                log += &format!("{card},3,{},3000\n", at + 600_000);
                gap = 1;
            } else {
                let rating = if next() % 5 == 0 { 4 } else { 3 };
                log += &format!("{card},{rating},{at},3000\n");
                gap *= 3;
            }
            day += gap;
        }
    }
    log
}

#[allow(clippy::unwrap_used)] // test helper
fn json(output: &[u8]) -> serde_json::Value {
    serde_json::from_slice(output).unwrap()
}

#[test]
fn import_reports_bad_rows_and_adds_nothing_twice() {
    let env = env();
    let path = env.write(
        "my-revlog.csv",
        "card_id,review_rating,review_time,review_duration\n\
         7,3,2024-03-01T10:00:00+00:00,5000\n\
         7,5,2024-03-02T10:00:00+00:00,5000\n\
         7,3,1709460000000,4000\n\
         8,1,2024-03-01T11:00:00Z,\n\
         x,3,2024-03-01T11:00:00Z,1\n",
    );
    env.recall()
        .arg("import-history")
        .arg(&path)
        .assert()
        .success()
        .stderr(predicate::str::contains("my-revlog.csv:3: skipped: review_rating `5`"))
        .stderr(predicate::str::contains("my-revlog.csv:6: skipped: card_id `x`"))
        .stdout(said(
            "imported 3 reviews of 2 cards as history.my-revlog; 0 already present, 2 rows skipped",
        ));
    env.recall()
        .arg("import-history")
        .arg(&path)
        .assert()
        .success()
        .stdout(said("imported 0 reviews of 0 cards"))
        .stdout(predicate::str::contains("3 already present"));
    // The history is the learner's: evaluate without --history sees the 3 reviews (one
    // long-term review: card 7, two days after its first).
    env.recall()
        .args(["evaluate", "--json"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("1 long-term reviews"));
}

#[test]
fn history_cards_are_not_reported_by_check() {
    let env = env();
    let log = env.write("log.csv", "1,3,1709460000000,1\n1,3,1709560000000,1\n");
    env.recall().arg("import-history").arg(&log).assert().success();
    env.write(
        "decks/d.ron",
        "(id: \"d\", title: \"D\", facts: [(id: \"a\", kind: Term, cue: \"A\", answer: \"B\")])",
    );
    env.recall()
        .arg("check")
        .assert()
        .success()
        .stdout(predicate::str::contains("history.").not())
        .stderr(predicate::str::contains("history.").not());
}

#[test]
fn a_log_without_reviews_imports_nothing() {
    let env = env();
    let path = env.write("bad.csv", "1,9,1000,1\n");
    env.recall()
        .arg("import-history")
        .arg(&path)
        .assert()
        .failure()
        .stderr(predicate::str::contains("bad.csv:1: skipped"))
        .stderr(predicate::str::contains("no readable reviews"));
}

#[test]
fn optimize_refuses_politely_with_too_little_history() {
    let env = env();
    let path = env.write("small.csv", generated_log(5, 8));
    env.recall().arg("import-history").arg(&path).assert().success();
    env.recall()
        .arg("optimize")
        .assert()
        .success()
        .stdout(predicate::str::is_match("your history has \\d+ long-term reviews").unwrap())
        .stdout(predicate::str::contains("needs at least 64"));
}

/// The text of a fit that is saved: word-wrapped to 80 columns, no word cut.
#[test]
fn optimize_says_what_it_saved_within_80_columns() {
    let env = env();
    let path = env.write("big.csv", generated_log(120, 6));
    env.recall().arg("import-history").arg(&path).assert().success();
    env.recall().arg("optimize").assert().success().stdout(said(
        "saved: the fitted parameters predict your history better (lower is better); the \
         memory of 120 cards was recomputed with them, due dates kept",
    ));
}

#[test]
fn optimize_fits_saves_and_is_used_next_time() {
    let env = env();
    let path = env.write("big.csv", generated_log(120, 6));
    env.recall().arg("import-history").arg(&path).assert().success();

    let first = env.recall().args(["optimize", "--json"]).assert().success();
    let first = json(&first.get_output().stdout);
    assert!(first["evaluated_reviews"].as_u64().unwrap() >= 64, "{first}");
    assert_eq!(first["saved"], true, "{first}");
    let (before, after) = (&first["before"]["log_loss"], &first["after"]["log_loss"]);
    assert!(after.as_f64().unwrap() < before.as_f64().unwrap(), "{first}");
    assert_eq!(first["parameters"].as_array().unwrap().len(), 21);
    assert_eq!(first["cards_recomputed"], 120, "{first}");

    // The saved parameters are now the current ones.
    let second = env.recall().args(["optimize", "--json"]).assert().success();
    let second = json(&second.get_output().stdout);
    let now = second["before"]["log_loss"].as_f64().unwrap();
    assert!((now - after.as_f64().unwrap()).abs() < 1e-6, "{first} then {second}");

    env.recall()
        .arg("optimize")
        .assert()
        .success()
        .stdout(predicate::str::contains("current (fitted earlier)"))
        .stdout(predicate::str::contains("kept the current parameters"));
}

#[test]
fn evaluate_without_a_log_scores_the_learners_history() {
    // After the log's last review (within three years of its first): reviews dated after now are
    // not imported, and here the store must hold the whole log.
    let env = Env::new().now("2030-01-01T12:00:00Z");
    let log = generated_log(60, 6);
    let path = env.write("big.csv", &log);
    env.recall().arg("import-history").arg(&path).assert().success();
    let from_store = env.recall().args(["evaluate", "--json"]).assert().success();
    let from_store = json(&from_store.get_output().stdout);
    let from_file =
        env.recall().args(["evaluate", "--json", "--history"]).arg(&path).assert().success();
    let from_file = json(&from_file.get_output().stdout);
    // Stored times are whole seconds and every generated time is too: the same figures.
    assert_eq!(from_store["reviews"], log.lines().count() - 1);
    assert_eq!(from_store["reviews"], from_file["reviews"]);
    assert_eq!(from_store["evaluated_reviews"], from_file["evaluated_reviews"]);
    let d = |j: &serde_json::Value| j["default"]["log_loss"].as_f64().unwrap();
    assert!((d(&from_store) - d(&from_file)).abs() < 1e-6, "{from_store} vs {from_file}");
}

/// Reviews dated after now (2099: milliseconds read as seconds, a clock set wrong) are not
/// imported, and the import says how many and the latest date; a log of nothing else imports
/// nothing and fails.
#[test]
fn reviews_dated_in_the_future_are_refused_with_their_count() {
    let env = env();
    let path = env.write(
        "log.csv",
        "card_id,review_rating,review_time,review_duration\n\
         1,3,2024-03-01T10:00:00Z,5000\n\
         1,3,2024-03-05T10:00:00Z,5000\n\
         2,3,2099-01-01T10:00:00Z,5000\n\
         2,3,2099-02-03T10:00:00Z,5000\n",
    );
    env.recall()
        .arg("import-history")
        .arg(&path)
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "log.csv: 2 reviews dated after now (the latest 2099-02-03) not imported",
        ))
        .stdout(said(
            "imported 2 reviews of 1 card as history.log; 0 already present, 2 rows skipped",
        ));
    assert_eq!(env.store().review_log().unwrap().len(), 2);

    let future = env.write("future.csv", "1,3,2099-01-01T10:00:00Z,5000\n");
    env.recall()
        .arg("import-history")
        .arg(&future)
        .assert()
        .failure()
        .stderr(predicate::str::contains("1 review dated after now (the latest 2099-01-01)"))
        .stderr(predicate::str::contains("every review is dated after now; nothing imported"));
    assert_eq!(env.store().review_log().unwrap().len(), 2);
}

/// `text` in the output once its lines are joined: a message with a file's path is
/// word-wrapped to 80 columns, every line within them.
fn said(text: &'static str) -> impl predicates::Predicate<str> {
    predicate::function(move |out: &str| {
        out.lines().all(|l| l.chars().count() <= 80)
            && out.split_whitespace().collect::<Vec<_>>().join(" ").contains(text)
    })
}
