//! `recall evaluate`: how well FSRS predicts a review history, with the default parameters and
//! with parameters fitted on earlier reviews (five time-series splits).

use std::io::Write;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::Context as _;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::cli::{EvaluateArgs, UsageError};
use crate::context::Context;
use crate::learner::evaluate::{self, Metrics};
use crate::learner::log;
use crate::schedule::LearnerDays;

pub fn run(ctx: &Context, args: &EvaluateArgs) -> anyhow::Result<ExitCode> {
    let tz = match &args.tz {
        None => ctx.tz.clone(),
        Some(name) => jiff::tz::TimeZone::get(name)
            .map_err(|e| UsageError(format!("--tz `{name}` is not a known time zone ({e})")))?,
    };
    // The source's name in messages, its rows skipped, and its items.
    let (source, skipped, items) = match &args.history {
        Some(path) => {
            let log = log::read_log(path)?;
            err!("{}", log.skipped_warnings(path));
            let days = LearnerDays::new(tz, args.rollover.unwrap_or(4));
            let items = log::to_fsrs_items(&log.records, &days);
            (path.display().to_string(), log.problems.len(), items)
        }
        None => {
            let store = ctx.read_store()?;
            let rollover = match args.rollover {
                Some(hour) => hour,
                None => store.settings()?.rollover_hour,
            };
            let days = LearnerDays::new(tz, rollover);
            (String::from("your history"), 0, log::store_history(&store, &days)?)
        }
    };
    let path = &source;

    let started = Instant::now();
    let default =
        evaluate::evaluate_default(&items).with_context(|| format!("cannot evaluate {path}"))?;
    let bar = if crate::out::stderr_is_terminal() {
        ProgressBar::with_draw_target(Some(5), ProgressDrawTarget::stderr())
    } else {
        ProgressBar::hidden()
    };
    bar.set_style(
        ProgressStyle::with_template("{spinner} fitting parameters, split {pos}/{len} [{elapsed}]")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    bar.enable_steady_tick(Duration::from_millis(120));
    let optimized = evaluate::evaluate_fitted(&items, |done, total| {
        bar.set_length(total as u64);
        bar.set_position(done as u64);
        true
    });
    bar.finish_and_clear();
    let optimized = optimized.with_context(|| format!("cannot fit parameters on {path}"))?;
    let elapsed = started.elapsed();

    let mut out = crate::out::stdout();
    if args.json {
        let json = serde_json::json!({
            "reviews": items.reviews,
            "evaluated_reviews": items.items.len(),
            "cards": items.cards,
            "default": default,
            "optimized": optimized,
        });
        writeln!(out, "{json}")?;
    } else {
        // Word-wrapped: with a path, the line runs past 80 columns.
        let said = format!(
            "{path}: {} reviews of {} cards; {} long-term reviews predicted ({skipped} {} skipped)",
            items.reviews,
            items.cards,
            items.items.len(),
            if skipped == 1 { "row" } else { "rows" },
        );
        write!(out, "{}", crate::report::fit(&said, crate::ui::width()))?;
        writeln!(out)?;
        writeln!(out, "{:<36} {:>8} {:>11}", "parameters", "log loss", "RMSE(bins)")?;
        row(&mut out, "FSRS-6 default", default)?;
        row(&mut out, "fitted on earlier reviews (5 splits)", optimized)?;
        writeln!(out)?;
        writeln!(out, "lower is better; computed in {:.2} s", elapsed.as_secs_f64())?;
    }
    Ok(ExitCode::SUCCESS)
}

fn row(out: &mut impl Write, name: &str, m: Metrics) -> std::io::Result<()> {
    writeln!(out, "{name:<36} {:>8.4} {:>11.4}", m.log_loss, m.rmse_bins)
}
