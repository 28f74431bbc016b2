//! `recall simulate`: exam-date scheduling against plain scheduling on a simulated learner.

use std::io::Write;
use std::process::ExitCode;

use crate::cli::SimulateArgs;
use crate::context::Context;
use crate::learner::simulate::{self, RunResult, SimConfig};
use crate::schedule::exam_date::plan::Model;

/// One line of the comparison: how to read the figure from a run.
type Figure = fn(&RunResult) -> String;

pub fn run(_ctx: &Context, args: &SimulateArgs) -> anyhow::Result<ExitCode> {
    let model = Model::fsrs6_default()?;
    let config = SimConfig::new(args.facts, args.days, args.minutes_per_day, args.seed);
    let result = simulate::compare(&model, &config)?;
    let mut out = crate::out::stdout();
    if args.json {
        writeln!(out, "{}", serde_json::to_string(&result)?)?;
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(
        out,
        "{} facts, exam on day {}, {} min a day, seed {}; learner = FSRS-6 default parameters",
        args.facts, args.days, args.minutes_per_day, args.seed
    )?;
    writeln!(out)?;
    writeln!(
        out,
        "{:>4}  {:>4} {:>7} {:>6}   {:>4} {:>7} {:>6}",
        "", "plain", "", "", "exam", "", ""
    )?;
    writeln!(
        out,
        "{:>4}  {:>4} {:>7} {:>6}   {:>4} {:>7} {:>6}",
        "day", "new", "reviews", "recall", "new", "reviews", "recall"
    )?;
    for (p, e) in result.plain.days.iter().zip(&result.exam.days) {
        writeln!(
            out,
            "{:>4}  {:>4} {:>7} {:>6.3}   {:>4} {:>7} {:>6.3}",
            p.day, p.new, p.reviews, p.mean_recall, e.new, e.reviews, e.mean_recall
        )?;
    }
    writeln!(out)?;
    writeln!(out, "{:<34} {:>10} {:>10}", "", "plain 0.9", "exam 0.95")?;
    let rows: [(&str, Figure); 6] = [
        ("total reviews", |r| r.total_reviews.to_string()),
        ("peak day reviews", |r| r.peak_day_reviews.to_string()),
        ("facts introduced", |r| r.facts_introduced.to_string()),
        ("mean recall on exam day", |r| format!("{:.3}", r.mean_recall_on_exam_day)),
        ("10th percentile recall on exam day", |r| format!("{:.3}", r.p10_recall_on_exam_day)),
        ("last fortnight: busiest / mean day", |r| format!("{:.2}", r.final_fortnight_peak_ratio)),
    ];
    for (name, value) in rows {
        writeln!(out, "{name:<34} {:>10} {:>10}", value(&result.plain), value(&result.exam))?;
    }
    Ok(ExitCode::SUCCESS)
}
