//! `recall optimize`: fits the learner's FSRS parameters to their history in the store (imported
//! logs and answers given here; same-day answers count as short-term history), shows how well
//! the current and the fitted parameters predict that history, and keeps the fitted ones only
//! if they predict it better; then every card's memory is recomputed with them (due dates are
//! kept) and every scheduler built afterwards uses them
//! ([`crate::context::Workspace::scheduler`]).

use std::io::Write;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Context as _;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::cli::OptimizeArgs;
use crate::context::{Access, Context, Workspace};
use crate::learner::evaluate::{self, EvaluateError, Metrics};
use crate::learner::log::{self, HistoryItems};
use crate::schedule::{LearnerDays, Scheduler};

pub fn run(ctx: &Context, args: &OptimizeArgs) -> anyhow::Result<ExitCode> {
    // Read first: a history too short to fit, or a fit no better than the current parameters,
    // leaves the progress file as it is, and a missing one is not created.
    let Workspace { store, settings, .. } = ctx.open_workspace(Access::Read)?;
    let days = LearnerDays::new(ctx.tz.clone(), settings.rollover_hour);
    let items = log::store_history(&store, &days)?;
    if items.items.len() < evaluate::MIN_FIT_ITEMS {
        // A refusal, not a failure: the learner did nothing wrong.
        outln!("{}", EvaluateError::TooFewToFit(items.items.len()))?;
        return Ok(ExitCode::SUCCESS);
    }
    let current = store.fsrs_parameters()?;
    let current_params = current.clone().unwrap_or_else(|| fsrs::DEFAULT_PARAMETERS.to_vec());
    let before = evaluate::evaluate_parameters(&current_params, &items)
        .context("cannot score the current parameters")?;

    let fitted = fit_with_progress(&items)?;
    let after = evaluate::evaluate_parameters(&fitted, &items)
        .context("cannot score the fitted parameters")?;
    let better = after.log_loss < before.log_loss;
    let mut recomputed = 0;
    if better {
        // Opened again to write, now that there is something to keep.
        drop(store);
        let Workspace { mut store, day, .. } = ctx.open_workspace(Access::Shared)?;
        store.save_fsrs_parameters(&fitted, ctx.now, items.items.len() as u64)?;
        // Cards keep their due dates; their memory is what the new parameters make of it.
        let scheduler = Scheduler::new(&settings, Some(&fitted))?;
        recomputed = store.recompute_memories(&scheduler, &day)?;
    }

    let mut out = crate::out::stdout();
    if args.json {
        let json = serde_json::json!({
            "reviews": items.reviews,
            "evaluated_reviews": items.items.len(),
            "cards": items.cards,
            "before": before,
            "after": after,
            "saved": better,
            "cards_recomputed": recomputed,
            "parameters": if better { &fitted } else { &current_params },
        });
        writeln!(out, "{json}")?;
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(
        out,
        "your history: {} reviews of {} cards; {} long-term reviews predicted",
        items.reviews,
        items.cards,
        items.items.len()
    )?;
    writeln!(out)?;
    writeln!(out, "{:<28} {:>8} {:>11}", "parameters", "log loss", "RMSE(bins)")?;
    let label =
        if current.is_some() { "current (fitted earlier)" } else { "current (FSRS-6 default)" };
    row(&mut out, label, before)?;
    row(&mut out, "fitted now", after)?;
    writeln!(out)?;
    if better {
        // Word-wrapped: the line runs past 80 columns.
        let said = format!(
            "saved: the fitted parameters predict your history better (lower is better); \
             the memory of {recomputed} cards was recomputed with them, due dates kept"
        );
        write!(out, "{}", crate::report::fit(&said, crate::ui::width()))?;
    } else {
        writeln!(
            out,
            "kept the current parameters: the fitted ones predict your history no better"
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Runs the optimizer on a worker thread while the bar (stderr, only on a terminal) shows
/// its progress.
fn fit_with_progress(items: &HistoryItems) -> anyhow::Result<Vec<f32>> {
    let progress = fsrs::CombinedProgressState::new_shared();
    let bar = if crate::out::stderr_is_terminal() {
        ProgressBar::with_draw_target(Some(1), ProgressDrawTarget::stderr())
    } else {
        ProgressBar::hidden()
    };
    bar.set_style(
        ProgressStyle::with_template(
            "{spinner} fitting parameters {bar:30} {percent}% [{elapsed}]",
        )
        .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    let result = std::thread::scope(|scope| {
        let worker = scope.spawn(|| evaluate::fit_parameters(items, Some(progress.clone())));
        while !worker.is_finished() {
            if let Ok(p) = progress.lock() {
                bar.set_length(p.total().max(1) as u64);
                bar.set_position(p.current() as u64);
            }
            bar.tick();
            std::thread::sleep(Duration::from_millis(100));
        }
        worker.join()
    });
    bar.finish_and_clear();
    match result {
        Ok(fitted) => Ok(fitted?),
        Err(_) => anyhow::bail!("the FSRS optimizer stopped unexpectedly"),
    }
}

fn row(out: &mut impl Write, name: &str, m: Metrics) -> std::io::Result<()> {
    writeln!(out, "{name:<28} {:>8.4} {:>11.4}", m.log_loss, m.rmse_bins)
}
