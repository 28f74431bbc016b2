//! `recall simulate`: exam-date scheduling against plain scheduling on simulated learners: one
//! (the default model, or `--learner-params`), or `--learners N` drawn from the spread of real
//! learners ([`crate::learner::spread`]), each reported and summed up in a distribution.

use std::io::Write;
use std::process::ExitCode;

use rand::SeedableRng;
use rand::rngs::StdRng;

use crate::cli::{SimulateArgs, UsageError};
use crate::context::Context;
use crate::learner::simulate::{self, Adapt, Comparison, RunResult, SimConfig, percentile};
use crate::learner::spread;

/// One line of the comparison: how to read the figure from a run.
type Figure = fn(&RunResult) -> String;

/// Threads for many learners: two at most, the machine is usually doing other things too.
const MAX_THREADS: usize = 2;

pub fn run(_ctx: &Context, args: &SimulateArgs) -> anyhow::Result<ExitCode> {
    let mut base = SimConfig::new(args.facts, args.days, args.minutes_per_day, args.seed);
    base.adapt =
        Adapt { refit: !args.no_refit, calibrate: !args.no_calibrate, front_load: args.front_load };
    if let Some(w) = &args.scheduler_params {
        base.scheduler = params("--scheduler-params", w)?.to_vec();
    }
    if let Some(w) = &args.learner_params {
        base.learner = params("--learner-params", w)?;
    }
    match args.learners {
        None => one(args, &base),
        Some(n) => many(args, &base, n),
    }
}

/// A parameter list from the command line: 21 values, held within FSRS's bounds.
fn params(flag: &str, values: &[f32]) -> Result<[f32; 21], UsageError> {
    let array: [f32; 21] = values.try_into().map_err(|_| {
        UsageError(format!(
            "{flag} takes the 21 FSRS-6 parameters W0,…,W20 separated by commas; got {}",
            values.len()
        ))
    })?;
    if array.iter().any(|w| !w.is_finite()) {
        return Err(UsageError(format!("{flag}: every parameter must be a finite number")));
    }
    Ok(spread::clamp(&array))
}

/// One learner: the day table and the comparison.
fn one(args: &SimulateArgs, config: &SimConfig) -> anyhow::Result<ExitCode> {
    let result = simulate::compare(config)?;
    let mut out = crate::out::stdout();
    if args.json {
        writeln!(out, "{}", serde_json::to_string(&result)?)?;
        return Ok(ExitCode::SUCCESS);
    }
    let learner = if args.learner_params.is_some() {
        "learner = --learner-params"
    } else {
        "learner = FSRS-6 default parameters"
    };
    writeln!(
        out,
        "{} facts, exam on day {}, {} min a day, seed {}; {learner}",
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
    writeln!(out)?;
    writeln!(out, "recall is the learner's true recall (their own model)")?;
    let e = &result.exam;
    if !e.refit_days.is_empty() {
        let days: Vec<String> = e.refit_days.iter().map(u32::to_string).collect();
        para(&mut out, &format!("exam mode refitted the parameters on days {}", days.join(", ")))?;
    }
    match (e.warning_day, e.warning) {
        (Some(day), Some(w)) => para(
            &mut out,
            &format!(
                "warning from day {day}: the target {} out of reach; it takes {} min a day ({} \
                 new facts a day)",
                if w.reachable { "may be" } else { "is" },
                crate::stats::render::minutes_range(w.minutes_per_day, w.minutes_per_day_high),
                w.new_per_day
            ),
        )?,
        _ => writeln!(out, "no warning: the target fits the minutes given")?,
    }
    Ok(ExitCode::SUCCESS)
}

/// What the goal of issue 18 looks at, over many learners.
#[derive(Debug, serde::Serialize)]
struct Summary {
    learners: usize,
    /// Learners whose true exam-day 10th percentile recall is at least 0.95.
    plain_p10_at_target: usize,
    exam_p10_at_target: usize,
    /// Lowest and mean of the learners' true exam-day mean recall.
    plain_lowest_mean: f64,
    exam_lowest_mean: f64,
    plain_mean_of_means: f64,
    exam_mean_of_means: f64,
    /// Median over learners of exam-mode reviews divided by plain reviews.
    median_review_ratio: f64,
    /// Learners with a final-fortnight day above twice that fortnight's mean.
    plain_fortnight_over_2: usize,
    exam_fortnight_over_2: usize,
    /// Learners for whom exam mode warned, and the median first day.
    warned: usize,
    median_warning_day: Option<u32>,
    /// Learners below the p10 target in exam mode, and of those the ones warned before day 10.
    exam_missed: usize,
    missed_warned_before_day_10: usize,
    /// Learners warned who still reached the p10 target (a warning too many).
    warned_but_reached: usize,
}

/// The p10 target of the goal.
const P10_TARGET: f64 = 0.95;

fn summarize(results: &[Comparison]) -> Summary {
    let count = |f: &dyn Fn(&Comparison) -> bool| results.iter().filter(|c| f(c)).count();
    let values = |f: &dyn Fn(&Comparison) -> f64| results.iter().map(f).collect::<Vec<f64>>();
    let lowest = |v: Vec<f64>| v.into_iter().fold(f64::INFINITY, f64::min);
    let mean = |v: Vec<f64>| v.iter().sum::<f64>() / v.len().max(1) as f64;
    let mut ratios =
        values(&|c| f64::from(c.exam.total_reviews) / f64::from(c.plain.total_reviews.max(1)));
    ratios.sort_by(f64::total_cmp);
    let mut warning_days: Vec<u32> = results.iter().filter_map(|c| c.exam.warning_day).collect();
    warning_days.sort_unstable();
    let missed = |c: &Comparison| c.exam.p10_recall_on_exam_day < P10_TARGET;
    Summary {
        learners: results.len(),
        plain_p10_at_target: count(&|c| c.plain.p10_recall_on_exam_day >= P10_TARGET),
        exam_p10_at_target: count(&|c| !missed(c)),
        plain_lowest_mean: lowest(values(&|c| c.plain.mean_recall_on_exam_day)),
        exam_lowest_mean: lowest(values(&|c| c.exam.mean_recall_on_exam_day)),
        plain_mean_of_means: mean(values(&|c| c.plain.mean_recall_on_exam_day)),
        exam_mean_of_means: mean(values(&|c| c.exam.mean_recall_on_exam_day)),
        median_review_ratio: percentile(&ratios, 0.5),
        plain_fortnight_over_2: count(&|c| c.plain.final_fortnight_peak_ratio > 2.0),
        exam_fortnight_over_2: count(&|c| c.exam.final_fortnight_peak_ratio > 2.0),
        warned: warning_days.len(),
        median_warning_day: warning_days.get(warning_days.len().saturating_sub(1) / 2).copied(),
        exam_missed: count(&missed),
        missed_warned_before_day_10: count(&|c| {
            missed(c) && c.exam.warning_day.is_some_and(|d| d < 10)
        }),
        warned_but_reached: count(&|c| !missed(c) && c.exam.warning_day.is_some()),
    }
}

/// Many learners drawn from the spread: one line each, the distribution, the goal's figures.
fn many(args: &SimulateArgs, base: &SimConfig, n: u32) -> anyhow::Result<ExitCode> {
    let mut rng = StdRng::seed_from_u64(args.seed);
    let configs: Vec<SimConfig> = (0..n)
        .map(|i| SimConfig {
            learner: spread::draw(&mut rng),
            seed: args.seed.wrapping_add(u64::from(i) + 1),
            ..base.clone()
        })
        .collect();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(MAX_THREADS);
    let mut results = simulate::compare_many(&configs, threads)?;
    let summary = summarize(&results);
    let mut out = crate::out::stdout();
    if args.json {
        for r in &mut results {
            r.plain.days.clear();
            r.exam.days.clear();
        }
        let json = serde_json::json!({
            "facts": args.facts,
            "days": args.days,
            "minutes_per_day": args.minutes_per_day,
            "seed": args.seed,
            "summary": summary,
            "learners": results,
        });
        writeln!(out, "{json}")?;
        return Ok(ExitCode::SUCCESS);
    }
    para(
        &mut out,
        &format!(
            "{n} learners drawn from the spread of real learners (seed {}); {} facts, exam on \
             day {}, {} min a day",
            args.seed, args.facts, args.days, args.minutes_per_day
        ),
    )?;
    writeln!(out, "recall = true exam-day recall, by each learner's own model")?;
    writeln!(out)?;
    writeln!(out, "{:>4} {:>6}   {:<27}   {:<27}", "", "first", "plain 0.9", "exam 0.95")?;
    writeln!(
        out,
        "{:>4} {:>6}   {:>5} {:>5} {:>7} {:>5}   {:>5} {:>5} {:>7} {:>5} {:>4}",
        "#", "Good", "mean", "p10", "reviews", "peak", "mean", "p10", "reviews", "peak", "warn"
    )?;
    for (i, c) in results.iter().enumerate() {
        let (p, e) = (&c.plain, &c.exam);
        let warn = e.warning_day.map_or("-".to_owned(), |d| d.to_string());
        writeln!(
            out,
            "{:>4} {:>5.1}d   {:>5.3} {:>5.3} {:>7} {:>5}   {:>5.3} {:>5.3} {:>7} {:>5} {:>4}",
            i + 1,
            c.learner[2],
            p.mean_recall_on_exam_day,
            p.p10_recall_on_exam_day,
            p.total_reviews,
            p.peak_day_reviews,
            e.mean_recall_on_exam_day,
            e.p10_recall_on_exam_day,
            e.total_reviews,
            e.peak_day_reviews,
            warn
        )?;
    }
    writeln!(out)?;
    distribution(&mut out, &results)?;
    writeln!(out)?;
    goal(&mut out, &summary)?;
    Ok(ExitCode::SUCCESS)
}

/// The distribution over learners of each figure, plain and exam side by side.
fn distribution(out: &mut impl Write, results: &[Comparison]) -> std::io::Result<()> {
    writeln!(
        out,
        "{:<28} {:>9} {:>9} {:>9} {:>9} {:>9}",
        "over the learners", "p10", "p25", "median", "p75", "p90"
    )?;
    let rows: [(&str, Figure); 4] = [
        ("exam-day mean recall", |r| format!("{:.3}", r.mean_recall_on_exam_day)),
        ("exam-day p10 recall", |r| format!("{:.3}", r.p10_recall_on_exam_day)),
        ("total reviews", |r| r.total_reviews.to_string()),
        ("busiest day (reviews)", |r| r.peak_day_reviews.to_string()),
    ];
    for (name, figure) in rows {
        for (mode, pick) in [("plain", true), ("exam", false)] {
            let mut v: Vec<f64> = results
                .iter()
                .map(|c| figure(if pick { &c.plain } else { &c.exam }).parse().unwrap_or(0.0))
                .collect();
            v.sort_by(f64::total_cmp);
            let cells: Vec<String> = [0.1, 0.25, 0.5, 0.75, 0.9]
                .iter()
                .map(|&q| {
                    let x = percentile(&v, q);
                    if x.fract() == 0.0 { format!("{x:>9.0}") } else { format!("{x:>9.3}") }
                })
                .collect();
            let label = if pick { name } else { "" };
            writeln!(out, "{label:<22} {mode:<5} {}", cells.join(" "))?;
        }
    }
    Ok(())
}

/// Screens stay within 80 columns: a long line is wrapped at words.
const WIDTH: usize = 80;

fn para(out: &mut impl Write, text: &str) -> std::io::Result<()> {
    for line in crate::text::wrap(text, WIDTH, "") {
        writeln!(out, "{line}")?;
    }
    Ok(())
}

/// The goal's figures in words.
fn goal(out: &mut impl Write, s: &Summary) -> std::io::Result<()> {
    let n = s.learners;
    let pct = |k: usize| 100.0 * k as f64 / n.max(1) as f64;
    writeln!(
        out,
        "p10 recall ≥ 0.95 on the exam day: plain {} of {n} ({:.0} %), exam {} ({:.0} %)",
        s.plain_p10_at_target,
        pct(s.plain_p10_at_target),
        s.exam_p10_at_target,
        pct(s.exam_p10_at_target)
    )?;
    para(
        out,
        &format!(
            "mean recall on the exam day: plain {:.3} (lowest {:.3}), exam {:.3} (lowest {:.3})",
            s.plain_mean_of_means, s.plain_lowest_mean, s.exam_mean_of_means, s.exam_lowest_mean
        ),
    )?;
    writeln!(out, "reviews, exam / plain, median learner: {:.3}", s.median_review_ratio)?;
    writeln!(
        out,
        "a final-fortnight day above 2× its mean: plain {} learners, exam {}",
        s.plain_fortnight_over_2, s.exam_fortnight_over_2
    )?;
    let median_day = s.median_warning_day.map_or("-".to_owned(), |d| d.to_string());
    para(
        out,
        &format!(
            "warning (out of reach, or may be): {} learners (median first day {median_day}); of the {} \
             below 0.95 in exam mode, {} warned before day 10; {} warned yet reached it",
            s.warned, s.exam_missed, s.missed_warned_before_day_10, s.warned_but_reached
        ),
    )?;
    Ok(())
}
