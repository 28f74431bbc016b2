//! A simulated learner studying a deck until an exam, to compare exam-date scheduling with
//! plain scheduling by numbers rather than by feel.
//!
//! The learner's true memory *is* the FSRS-6 model with the default parameters: a review
//! `t` days after the last succeeds with probability R(t, S), ratings and answer times follow
//! the defaults of the `fsrs` crate's own simulator (`SimulatorConfig::default()`), and the
//! memory state moves exactly as the crate's `next_states` says. Each day the learner works
//! through the due reviews (oldest due first, then lowest recall) and then new facts until the
//! day's time budget is spent; what does not fit waits for the next day. Same-day learning
//! steps are not modelled: every card's next review is at least a day later.
//!
//! Both runs use the same seed, deck and budget; only the scheduling policy differs.

use fsrs::{FSRSError, MemoryState};
use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};

use crate::exam_plan::{self, ExamGoal, Model, NewLimits};
use crate::schedule::Grade;

/// Probability of Again, Hard, Good, Easy on a fact's first showing (fsrs simulator default).
const FIRST_RATING_PROB: [f32; 4] = [0.24, 0.094, 0.495, 0.171];
/// Probability of Hard, Good, Easy on a successful review (fsrs simulator default).
const REVIEW_RATING_PROB: [f32; 3] = [0.224, 0.631, 0.145];
/// Seconds to answer by rating (Again … Easy): first showing (fsrs simulator default,
/// learning row).
const LEARN_SECONDS: [f32; 4] = [19.58, 18.79, 13.78, 10.71];
/// Seconds to answer by rating (Again … Easy): review (fsrs simulator default, review row).
const REVIEW_SECONDS: [f32; 4] = [19.38, 17.59, 12.38, 8.94];

/// The case to simulate.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SimConfig {
    /// Facts in the deck, all new on day 0.
    pub facts: u32,
    /// The exam's day; days `0..exam_day` are study days.
    pub exam_day: u32,
    /// Study time available each day.
    pub minutes_per_day: u32,
    pub seed: u64,
    /// Recall wanted on the exam day (exam mode).
    pub target: f32,
    /// Desired retention of plain scheduling.
    pub retention: f32,
    /// New facts a day: the learner's limit in plain mode, the maximum of exam pacing.
    pub new_per_day: u32,
    /// The minimum of exam pacing.
    pub min_new_per_day: u32,
}

impl SimConfig {
    /// The case of the README: the learner's usual settings (20 new a day, retention 0.9) and
    /// the default exam target 0.95.
    pub fn new(facts: u32, exam_day: u32, minutes_per_day: u32, seed: u64) -> SimConfig {
        SimConfig {
            facts,
            exam_day,
            minutes_per_day,
            seed,
            target: exam_plan::DEFAULT_TARGET,
            retention: exam_plan::DEFAULT_RETENTION,
            new_per_day: 20,
            min_new_per_day: 1,
        }
    }
}

/// Which policy schedules the cards.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Ordinary FSRS: review when recall falls to the desired retention.
    Plain,
    /// The exam-date policy of [`crate::exam_plan`].
    Exam,
}

/// One study day.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct DayRow {
    pub day: u32,
    /// Facts shown for the first time.
    pub new: u32,
    /// Reviews of facts seen before.
    pub reviews: u32,
    /// Study time spent.
    pub minutes: f64,
    /// Mean predicted recall, the next morning, of the facts introduced so far.
    pub mean_recall: f64,
}

/// The outcome of one run.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct RunResult {
    pub total_reviews: u32,
    pub peak_day_reviews: u32,
    /// Over every fact of the deck, counting facts never introduced as 0.
    pub mean_recall_on_exam_day: f64,
    /// 10th percentile (nearest rank) of the same.
    pub p10_recall_on_exam_day: f64,
    pub facts_introduced: u32,
    /// Busiest of the last 14 study days divided by their mean.
    pub final_fortnight_peak_ratio: f64,
    pub days: Vec<DayRow>,
}

/// Plain and exam-date scheduling on the same case.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Comparison {
    pub plain: RunResult,
    pub exam: RunResult,
}

/// Runs both policies.
pub fn compare(model: &Model, config: &SimConfig) -> Result<Comparison, FSRSError> {
    Ok(Comparison {
        plain: run(model, config, Mode::Plain)?,
        exam: run(model, config, Mode::Exam)?,
    })
}

#[derive(Clone, Copy, Debug)]
struct SimCard {
    state: MemoryState,
    last_review: i64,
    due: i64,
}

/// Runs one policy.
pub fn run(model: &Model, config: &SimConfig, mode: Mode) -> Result<RunResult, FSRSError> {
    let mut rng = StdRng::seed_from_u64(config.seed);
    let exam_day = i64::from(config.exam_day);
    let goal = ExamGoal { exam_day, target: config.target, retention: config.retention };
    let limits = NewLimits { min_per_day: config.min_new_per_day, max_per_day: config.new_per_day };
    let budget = config.minutes_per_day as f32 * 60.0;
    // Reviews scheduled per day, for load spreading; days past the exam are not tracked.
    let mut load = vec![0u32; config.exam_day as usize + 1];
    let mut cards: Vec<SimCard> = Vec::with_capacity(config.facts as usize);
    let mut days = Vec::with_capacity(config.exam_day as usize);

    let schedule = |state: MemoryState, today: i64, load: &mut [u32]| -> i64 {
        let due = match mode {
            Mode::Plain => today + model.interval_days(state.stability, config.retention),
            Mode::Exam => {
                let window = exam_plan::due_window(model, &goal, state, today);
                exam_plan::pick_due_day(window, |d| {
                    usize::try_from(d).ok().and_then(|d| load.get(d)).copied().unwrap_or(0)
                })
            }
        };
        if let Some(slot) = usize::try_from(due).ok().and_then(|d| load.get_mut(d)) {
            *slot += 1;
        }
        due
    };

    for today in 0..exam_day {
        let mut seconds = 0.0f32;
        let mut reviews = 0u32;
        let mut order: Vec<usize> = (0..cards.len()).filter(|&i| cards[i].due <= today).collect();
        let recall_of = |c: &SimCard| model.recall(c.state, (today - c.last_review) as f32);
        order.sort_by(|&a, &b| {
            let (ca, cb) = (&cards[a], &cards[b]);
            ca.due.cmp(&cb.due).then(recall_of(ca).total_cmp(&recall_of(cb)))
        });
        for i in order {
            if seconds >= budget {
                break;
            }
            let card = cards[i];
            let elapsed = today - card.last_review;
            let recalled = rng.random::<f32>() < model.recall(card.state, elapsed as f32);
            let rating =
                if recalled { pick(&mut rng, &REVIEW_RATING_PROB, 1) } else { Grade::Again };
            seconds += REVIEW_SECONDS[rating.number() as usize - 1];
            reviews += 1;
            if let Some(slot) = usize::try_from(card.due).ok().and_then(|d| load.get_mut(d)) {
                *slot = slot.saturating_sub(1);
            }
            let state = model.after_review(
                Some(card.state),
                u32::try_from(elapsed).unwrap_or(u32::MAX),
                rating,
            )?;
            let due = schedule(state, today, &mut load);
            cards[i] = SimCard { state, last_review: today, due };
        }

        let left = config.facts - cards.len() as u32;
        let quota = match mode {
            Mode::Plain => config.new_per_day.min(left),
            Mode::Exam => exam_plan::new_facts_today(left, today, exam_day, limits),
        };
        let mut new = 0u32;
        while new < quota && seconds < budget {
            let rating = pick(&mut rng, &FIRST_RATING_PROB, 0);
            seconds += LEARN_SECONDS[rating.number() as usize - 1];
            let state = model.after_review(None, 0, rating)?;
            let due = schedule(state, today, &mut load);
            cards.push(SimCard { state, last_review: today, due });
            new += 1;
        }

        let mean_recall = mean(
            cards
                .iter()
                .map(|c| f64::from(model.recall(c.state, (today + 1 - c.last_review) as f32))),
        );
        days.push(DayRow {
            day: today as u32,
            new,
            reviews,
            minutes: f64::from(seconds) / 60.0,
            mean_recall,
        });
    }

    let mut exam_recall: Vec<f64> = cards
        .iter()
        .map(|c| f64::from(model.recall(c.state, (exam_day - c.last_review) as f32)))
        .collect();
    exam_recall.resize(config.facts as usize, 0.0);
    exam_recall.sort_by(f64::total_cmp);
    let p10_rank = (exam_recall.len() as f64 * 0.1).ceil().max(1.0) as usize - 1;
    let fortnight: Vec<u32> = days.iter().rev().take(14).map(|d| d.reviews).collect();
    let fortnight_mean = mean(fortnight.iter().map(|&r| f64::from(r)));
    Ok(RunResult {
        total_reviews: days.iter().map(|d| d.reviews).sum(),
        peak_day_reviews: days.iter().map(|d| d.reviews).max().unwrap_or(0),
        mean_recall_on_exam_day: mean(exam_recall.iter().copied()),
        p10_recall_on_exam_day: exam_recall.get(p10_rank).copied().unwrap_or(0.0),
        facts_introduced: cards.len() as u32,
        final_fortnight_peak_ratio: if fortnight_mean > 0.0 {
            f64::from(fortnight.iter().copied().max().unwrap_or(0)) / fortnight_mean
        } else {
            0.0
        },
        days,
    })
}

/// Draws a rating from `probs`, which cover the ratings from `Again + offset` upwards.
fn pick(rng: &mut StdRng, probs: &[f32], offset: u8) -> Grade {
    let total: f32 = probs.iter().sum();
    let mut x = rng.random::<f32>() * total;
    let mut chosen = probs.len() - 1;
    for (i, p) in probs.iter().enumerate() {
        if x < *p {
            chosen = i;
            break;
        }
        x -= p;
    }
    // `chosen + offset + 1` is within 1..=4 because the tables above have 4 - offset entries.
    Grade::from_number(chosen as u8 + offset + 1).unwrap_or(Grade::Good)
}

fn mean(values: impl Iterator<Item = f64>) -> f64 {
    let (sum, n) = values.fold((0.0, 0u32), |(s, n), v| (s + v, n + 1));
    if n == 0 { 0.0 } else { sum / f64::from(n) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_result() {
        let model = Model::fsrs6_default().unwrap();
        let config = SimConfig::new(60, 20, 30, 7);
        assert_eq!(
            run(&model, &config, Mode::Exam).unwrap(),
            run(&model, &config, Mode::Exam).unwrap()
        );
    }

    #[test]
    fn time_budget_caps_each_day() {
        let model = Model::fsrs6_default().unwrap();
        // Two minutes a day fit about eight first showings.
        let config = SimConfig::new(200, 20, 2, 1);
        let result = run(&model, &config, Mode::Plain).unwrap();
        for day in &result.days {
            // A card started before the budget ran out is finished: at most one card over.
            assert!(day.minutes <= 2.0 + 20.0 / 60.0, "{day:?}");
        }
        assert!(result.facts_introduced < 200);
    }

    #[test]
    fn exam_mode_introduces_every_fact_before_the_last_week() {
        let model = Model::fsrs6_default().unwrap();
        let config = SimConfig::new(100, 30, 60, 3);
        let result = run(&model, &config, Mode::Exam).unwrap();
        assert_eq!(result.facts_introduced, 100);
        let last_week_new: u32 = result.days[23..].iter().map(|d| d.new).sum();
        assert_eq!(last_week_new, 0);
    }

    #[test]
    fn unintroduced_facts_count_as_forgotten() {
        let model = Model::fsrs6_default().unwrap();
        // 20 new a day for 10 days cannot introduce 1000 facts.
        let config = SimConfig::new(1000, 10, 600, 3);
        let result = run(&model, &config, Mode::Plain).unwrap();
        assert_eq!(result.facts_introduced, 200);
        assert_eq!(result.p10_recall_on_exam_day, 0.0);
        assert!(result.mean_recall_on_exam_day < 0.2);
    }
}
