//! `recall evaluate` on small generated review logs.

use predicates::prelude::*;

use crate::support::Env;

/// Twelve cards answered Good on 1 January and Good again on 3 January (epoch milliseconds),
/// plus one row with an impossible rating.
fn tiny_log() -> String {
    let mut log = String::from("card_id,review_rating,review_time,review_duration\n");
    for i in 0..12 {
        log += &format!("{},3,2024-01-01T10:{i:02}:00Z,5000\n", i + 1);
    }
    for i in 0..12i64 {
        log += &format!("{},3,{},4000\n", i + 1, (1_704_276_000 + i * 60) * 1000);
    }
    log += "13,9,2024-01-01T10:00:00Z,1\n";
    log
}

#[test]
fn json_figures_match_a_hand_computation() {
    let env = Env::new();
    let path = env.write("log.csv", tiny_log());
    let output = env
        .recall()
        .args(["evaluate", "--rollover", "4", "--tz", "UTC", "--json", "--history"])
        .arg(&path)
        .assert()
        .success()
        .stderr(predicate::str::contains("log.csv:26: skipped: review_rating `9`"))
        .get_output()
        .stdout
        .clone();
    let json: serde_json::Value = serde_json::from_slice(&output).unwrap();
    assert_eq!(json["reviews"], 24);
    // Every item predicts a Good review 2 days after a first Good: p = R(2, S0(Good)) with the
    // FSRS-6 defaults S0(Good) = 2.3065 and decay 0.1542. All pass and share one bin, so
    // log loss = -ln p and RMSE(bins) = 1 - p.
    let decay = 0.1542f64;
    let factor = 0.9f64.powf(-1.0 / decay) - 1.0;
    let p = (1.0 + factor * 2.0 / 2.3065).powf(-decay);
    let log_loss = json["default"]["log_loss"].as_f64().unwrap();
    let rmse = json["default"]["rmse_bins"].as_f64().unwrap();
    assert!((log_loss - -p.ln()).abs() < 1e-4, "{log_loss} vs {}", -p.ln());
    assert!((rmse - (1.0 - p)).abs() < 1e-4, "{rmse} vs {}", 1.0 - p);
    let fitted = json["optimized"]["log_loss"].as_f64().unwrap();
    assert!(fitted.is_finite() && fitted > 0.0, "{json}");
}

#[test]
fn text_output_names_both_parameter_sets() {
    let env = Env::new();
    let path = env.write("log.csv", tiny_log());
    env.recall()
        .args(["evaluate", "--history"])
        .arg(&path)
        .assert()
        .success()
        .stdout(predicate::function(|out: &str| {
            // With the log's path the first line is word-wrapped to 80 columns.
            out.lines().all(|l| l.chars().count() <= 80)
                && out.split_whitespace().collect::<Vec<_>>().join(" ").contains(
                    "24 reviews of 12 cards; 12 long-term reviews predicted (1 row skipped)",
                )
        }))
        .stdout(predicate::str::contains("FSRS-6 default"))
        .stdout(predicate::str::contains("fitted on earlier reviews (5 splits)"));
}

#[test]
fn a_log_without_long_term_reviews_is_refused_politely() {
    let env = Env::new();
    let path = env.write("log.csv", "1,3,1000,1\n1,3,2000,1\n");
    env.recall()
        .args(["evaluate", "--history"])
        .arg(&path)
        .assert()
        .failure()
        .stderr(predicate::str::contains("0 long-term reviews"));
}

#[test]
fn a_missing_log_is_named() {
    let env = Env::new();
    env.recall()
        .args(["evaluate", "--history", "nope.csv"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("cannot open the review log nope.csv"));
}

#[test]
fn an_unknown_time_zone_is_a_usage_error() {
    let env = Env::new();
    env.recall()
        .args(["evaluate", "--history", "x.csv", "--tz", "Mars/Olympus"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("Mars/Olympus"));
}
