//! A simulated learner studying a deck until an exam, to compare exam-date scheduling with
//! plain scheduling by numbers rather than by feel.
//!
//! The learner's true memory is FSRS-6 with the learner's *own* parameters
//! ([`SimConfig::learner`]: the defaults, a set given on the command line, or one drawn from
//! the spread of real learners in [`crate::learner::spread`]): a review `t` days after the last
//! succeeds with probability R(t, S) of that model, and ratings and answer times follow the
//! defaults of the `fsrs` crate's own simulator (`SimulatorConfig::default()`). The cards are
//! scheduled by recall's real [`Scheduler`], which knows nothing of the learner's parameters:
//! it starts from [`SimConfig::scheduler`] (the defaults unless told otherwise), as a real
//! learner's scheduler would, plainly or with the deck's exam date
//! ([`Scheduler::next_states_with_exam_dates`], the load kept by [`ExamDates`] as in a
//! session), and new facts are paced by the same [`plan::new_facts_today`] as the daily queue.
//! Each day the learner works through the due reviews (oldest due first, then lowest recall),
//! then new facts, then the cards answered Again (back after ten minutes, as in a session)
//! until the day's time budget is spent; what does not fit waits for the next day.
//!
//! In exam mode the scheduler learns the learner as it goes ([`Adapt`]): each morning it refits
//! the parameters to the answers so far once there are enough and again each time they have
//! grown by half (the `fsrs` optimizer, kept only if it predicts the history better, as `recall
//! optimize` does) and corrects retention and target by how far the observed pass rate of
//! recent reviews lags the prediction; on request it also finishes new facts earlier for a
//! learner who forgets fast.
//! Each morning it also asks [`reach`] whether the target is still within the day's minutes and
//! records the first day it is not: the day `recall stats --exam` would start warning.
//!
//! Both runs use the same seed, deck, learner and budget; only the scheduling policy differs.
//! Plain mode is today's plain scheduling: the scheduler's parameters, no adaptation.

use std::collections::VecDeque;

use fsrs::{FSRSError, FSRSItem, FSRSReview, MemoryState};
use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};

use jiff::Timestamp;
use jiff::tz::TimeZone;

use crate::ids::{CardKey, DeckId, Direction, FactId};
use crate::learner::calibrate;
use crate::learner::evaluate::{self, EvaluateError};
use crate::learner::log::HistoryItems;
use crate::learner::refit::{LAST_REFIT_DAYS, refit_due_before_exam};
use crate::schedule::exam_date::plan::{self, ExamGoal, Model, NewLimits};
use crate::schedule::exam_date::reach::{self, CardNow, Estimator, Pace, Reach};
use crate::schedule::{CardState, ExamDates, Grade, ScheduleError, Scheduler, StudyDay};
use crate::settings::Settings;

/// Probability of Again, Hard, Good, Easy on a fact's first showing (fsrs simulator default).
const FIRST_RATING_PROB: [f32; 4] = [0.24, 0.094, 0.495, 0.171];
/// Probability of Hard, Good, Easy on a successful review (fsrs simulator default).
const REVIEW_RATING_PROB: [f32; 3] = [0.224, 0.631, 0.145];
/// Seconds to answer by rating (Again … Easy): first showing (fsrs simulator default,
/// learning row).
const LEARN_SECONDS: [f32; 4] = [19.58, 18.79, 13.78, 10.71];
/// Seconds to answer by rating (Again … Easy): review (fsrs simulator default, review row).
const REVIEW_SECONDS: [f32; 4] = [19.38, 17.59, 12.38, 8.94];

/// How exam mode learns the learner; each can be switched off to measure what it brings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Adapt {
    /// Refit the FSRS parameters to the answers so far: first with
    /// [`evaluate::MIN_FIT_ITEMS`] long-term reviews, then each time they have grown by half.
    pub refit: bool,
    /// Raise retention and target by the gap between the predicted and the observed pass rate
    /// of the long-term reviews since the last fit, when it is beyond chance.
    pub calibrate: bool,
    /// For a learner who forgets fast (fitted first-Good stability under half the default's,
    /// or a calibration gap), introduce the new facts by two thirds of the time instead of a
    /// week before the exam.
    pub front_load: bool,
}

impl Adapt {
    /// What exam mode does by default: refit and calibrate. Front-loading is off: over 200
    /// simulated real learners it reached the target for one more learner at 4 % more reviews
    /// and more final-fortnight peaks (BENCHMARKS.md), so it is only tried on request.
    pub const DEFAULT: Adapt = Adapt { refit: true, calibrate: true, front_load: false };
    pub const NONE: Adapt = Adapt { refit: false, calibrate: false, front_load: false };
}

/// The case to simulate.
#[derive(Clone, Debug, PartialEq)]
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
    /// The learner's true memory: FSRS-6 parameters.
    pub learner: [f32; 21],
    /// The parameters the scheduler starts from.
    pub scheduler: Vec<f32>,
    /// What exam mode does to learn the learner.
    pub adapt: Adapt,
}

impl SimConfig {
    /// The case of the README: the learner's usual settings (20 new a day, retention 0.9), the
    /// default exam target 0.95, a learner whose memory is the default model, the default
    /// adaptation ([`Adapt::DEFAULT`]).
    pub fn new(facts: u32, exam_day: u32, minutes_per_day: u32, seed: u64) -> SimConfig {
        SimConfig {
            facts,
            exam_day,
            minutes_per_day,
            seed,
            target: plan::DEFAULT_TARGET,
            retention: plan::DEFAULT_RETENTION,
            new_per_day: 20,
            min_new_per_day: 1,
            learner: fsrs::DEFAULT_PARAMETERS,
            scheduler: fsrs::DEFAULT_PARAMETERS.to_vec(),
            adapt: Adapt::DEFAULT,
        }
    }
}

/// Which policy schedules the cards.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Policy {
    /// Ordinary FSRS: review when recall falls to the desired retention.
    Plain,
    /// The exam-date policy of [`crate::schedule::exam_date::plan`].
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
    /// Mean true recall (the learner's own model), the next morning, of the facts introduced
    /// so far.
    pub mean_recall: f64,
}

/// The outcome of one run.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct RunResult {
    pub total_reviews: u32,
    pub peak_day_reviews: u32,
    /// True recall (the learner's own model) over every fact of the deck, counting facts never
    /// introduced as 0.
    pub mean_recall_on_exam_day: f64,
    /// 10th percentile (nearest rank) of the same.
    pub p10_recall_on_exam_day: f64,
    pub facts_introduced: u32,
    /// Busiest of the last 14 study days divided by their mean.
    pub final_fortnight_peak_ratio: f64,
    /// Days on which the scheduler refitted the parameters (exam mode).
    pub refit_days: Vec<u32>,
    /// The first morning [`reach`] said the target was out of reach in the day's minutes
    /// (exam mode, checked until the last week), with what it said.
    pub warning_day: Option<u32>,
    pub warning: Option<Reach>,
    /// Per day; left empty in the per-learner figures of a many-learner run.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub days: Vec<DayRow>,
}

/// Plain and exam-date scheduling on the same case.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Comparison {
    /// The learner's true parameters.
    pub learner: Vec<f32>,
    pub plain: RunResult,
    pub exam: RunResult,
}

/// Runs both policies.
pub fn compare(config: &SimConfig) -> Result<Comparison, SimError> {
    Ok(Comparison {
        learner: config.learner.to_vec(),
        plain: run(config, Policy::Plain)?,
        exam: run(config, Policy::Exam)?,
    })
}

/// Runs [`compare`] on each case, on up to `threads` threads (each case is independent and
/// deterministic, so the results do not depend on the thread count), in the order given.
pub fn compare_many(configs: &[SimConfig], threads: usize) -> Result<Vec<Comparison>, SimError> {
    let threads = threads.clamp(1, configs.len().max(1));
    let mut slots: Vec<Option<Result<Comparison, SimError>>> = Vec::new();
    slots.resize_with(configs.len(), || None);
    std::thread::scope(|scope| {
        let chunks: Vec<_> = (0..threads)
            .map(|t| {
                scope.spawn(move || {
                    (t..configs.len())
                        .step_by(threads)
                        .map(|i| (i, compare(&configs[i])))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        for chunk in chunks {
            // A panicking worker is a bug; its cases stay unfilled and are reported below.
            if let Ok(results) = chunk.join() {
                for (i, r) in results {
                    slots[i] = Some(r);
                }
            }
        }
    });
    slots.into_iter().map(|s| s.unwrap_or(Err(SimError::Worker))).collect()
}

#[derive(Clone, Debug)]
struct SimCard {
    key: CardKey,
    /// The scheduler's view.
    state: CardState,
    /// The learner's true memory after the last answer.
    truth: Option<MemoryState>,
    /// The simulated day of the last answer.
    last_day: i64,
    /// Every answer as FSRS takes it (rating, days since the previous answer), with its day.
    history: Vec<FSRSReview>,
    days: Vec<i64>,
}

/// Why a simulation could not run.
#[derive(Debug, thiserror::Error)]
pub enum SimError {
    #[error(transparent)]
    Fsrs(#[from] FSRSError),
    #[error(transparent)]
    Schedule(#[from] ScheduleError),
    #[error(transparent)]
    Fit(#[from] EvaluateError),
    #[error("a simulation thread stopped unexpectedly")]
    Worker,
}

/// Simulated day 0 starts at this instant (UTC, the learner day rolling over at 4 a.m.); each
/// day's study begins at 10 a.m.
const DAY_ZERO: i64 = 1_767_607_200; // 2026-01-05T10:00:00Z

/// Runs one policy. Cards are scheduled by the real [`Scheduler`], fuzz on, desired retention
/// `config.retention`: plainly ([`Scheduler::next_states`]) or with the exam date
/// ([`Scheduler::next_states_with_exam_dates`], load spread over the days as a session keeps it
/// with [`ExamDates::moved`]), adapting as [`Adapt`] says. A card answered Again comes back ten
/// minutes later the same day, as in a session, if time is left.
pub fn run(config: &SimConfig, policy: Policy) -> Result<RunResult, SimError> {
    let mut sim = Simulation::new(config, policy)?;
    let days = (0..i64::from(config.exam_day))
        .map(|today| sim.study_day(today))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(sim.result(days))
}

/// How a card is answered: the rating probabilities of a first showing (empty for a review,
/// whose rating follows from its recall), the offset of the first of them from Again, and
/// the seconds an answer takes by rating.
type Answering = (&'static [f32], u8, &'static [f32; 4]);
/// A fact's first showing.
const FIRST_SHOWING: Answering = (&FIRST_RATING_PROB, 0, &LEARN_SECONDS);
/// A review of a card seen before.
const REVIEW: Answering = (&[], 0, &REVIEW_SECONDS);

/// A run in progress: the learner, the scheduler and the cards introduced so far.
struct Simulation<'c> {
    config: &'c SimConfig,
    policy: Policy,
    rng: StdRng,
    /// The learner's true memory.
    truth: Model,
    /// The scheduler's current parameters and settings, and the scheduler built from them.
    params: Vec<f32>,
    settings: Settings,
    scheduler: Scheduler,
    /// Day 0's morning, in the learner's zone and rollover hour.
    base: StudyDay,
    deck: DeckId,
    exams: ExamDates,
    cards: Vec<SimCard>,
    /// Long-term reviews so far, and at the last fit.
    long_term: usize,
    long_term_at_fit: usize,
    /// The day of the last fit (kept or not).
    fit_day: Option<i64>,
    /// (predicted recall, passed) of each long-term review since the last kept fit.
    recent: Vec<(f32, bool)>,
    /// The calibration correction in force.
    gap: f32,
    refit_days: Vec<u32>,
    warning: Option<(u32, Reach)>,
    estimator: Option<Estimator>,
}

/// The study day in progress.
struct Today {
    day: i64,
    morning: Timestamp,
    /// Study time spent so far.
    seconds: f32,
}

impl<'c> Simulation<'c> {
    fn new(config: &'c SimConfig, policy: Policy) -> Result<Self, SimError> {
        let settings = Settings {
            desired_retention: config.retention,
            exam_target: config.target,
            ..Settings::default()
        };
        let scheduler = Scheduler::new(&settings, Some(&config.scheduler))?;
        let zero = Timestamp::from_second(DAY_ZERO).unwrap_or(Timestamp::UNIX_EPOCH);
        let base = StudyDay::new(zero, TimeZone::UTC, 4);
        let deck = DeckId::new("sim").map_err(|_| FSRSError::InvalidInput)?;
        let mut exams = ExamDates::new(config.target);
        if policy == Policy::Exam {
            let date = base.today().checked_add(jiff::Span::new().days(config.exam_day));
            exams.set(deck.clone(), date.map_err(|_| FSRSError::InvalidInput)?);
        }
        Ok(Simulation {
            config,
            policy,
            rng: StdRng::seed_from_u64(config.seed),
            truth: Model::new(&config.learner)?,
            params: config.scheduler.clone(),
            settings,
            scheduler,
            base,
            deck,
            exams,
            cards: Vec::with_capacity(config.facts as usize),
            long_term: 0,
            long_term_at_fit: 0,
            fit_day: None,
            recent: Vec::new(),
            gap: 0.0,
            refit_days: Vec::new(),
            warning: None,
            estimator: None,
        })
    }

    fn budget(&self) -> f32 {
        self.config.minutes_per_day as f32 * 60.0
    }

    /// One day: in exam mode the morning's adaptation and reach check, then the due reviews
    /// (oldest due first, then lowest recall), then new facts, then the cards answered Again,
    /// while the day's time lasts.
    fn study_day(&mut self, day: i64) -> Result<DayRow, SimError> {
        let morning = self.base.add_days(u32::try_from(day).unwrap_or(0));
        if self.policy == Policy::Exam {
            self.adapt(day, morning)?;
            self.check_reach(day);
        }
        let mut today = Today { day, morning, seconds: 0.0 };
        let mut again = VecDeque::new();
        let mut reviews = self.due_reviews(&mut today, &mut again)?;
        let new = self.new_facts(&mut today, &mut again)?;
        // Cards answered Again come back the same day while time is left; the rest wait.
        while let Some(i) = again.pop_front() {
            if today.seconds >= self.budget() {
                break;
            }
            if self.answer(i, &mut today, REVIEW)? {
                again.push_back(i);
            }
            reviews += 1;
        }
        let mean_recall = mean(self.cards.iter().map(|c| self.true_recall(c, day + 1)));
        Ok(DayRow {
            day: day as u32,
            new,
            reviews,
            minutes: f64::from(today.seconds) / 60.0,
            mean_recall,
        })
    }

    /// The learner's true recall of a card at the start of `day`.
    fn true_recall(&self, card: &SimCard, day: i64) -> f64 {
        card.truth.map_or(0.0, |m| f64::from(self.truth.recall(m, (day - card.last_day) as f32)))
    }

    /// The morning's adaptation (see [`Adapt`]).
    fn adapt(&mut self, day: i64, morning: Timestamp) -> Result<(), SimError> {
        let adapt = self.config.adapt;
        let last_fit = (self.long_term_at_fit > 0).then_some(self.long_term_at_fit as u64);
        let exam_day = i64::from(self.config.exam_day);
        let fit_left = self.fit_day.map(|d| exam_day - d);
        let due_for_fit = refit_due_before_exam(self.long_term, last_fit, exam_day - day, fit_left);
        if adapt.refit && due_for_fit {
            self.long_term_at_fit = self.long_term;
            self.fit_day = Some(day);
            let history = self.history();
            if let Some(fitted) = evaluate::refit_if_better(&history, &self.params)? {
                self.params = fitted;
                self.refit_days.push(day as u32);
                self.recent.clear();
                self.gap = 0.0;
                self.rebuild()?;
                self.recompute(morning)?;
            }
        }
        // In the last days the calibration may lower the plan, not raise it (as
        // `refit::calibration` has `recall study` do).
        let last_days = exam_day - day <= LAST_REFIT_DAYS;
        if adapt.calibrate
            && let Some(gap) = calibrate::check(&self.recent).map(|c| c.gap)
            && !(last_days && gap > self.gap)
            && (gap - self.gap).abs() > 0.005
        {
            self.gap = gap;
            self.rebuild()?;
        }
        Ok(())
    }

    /// The scheduler from the current parameters and the calibration gap.
    fn rebuild(&mut self) -> Result<(), SimError> {
        (self.settings.desired_retention, self.settings.exam_target) =
            calibrate::raised(self.config.retention, self.config.target, self.gap);
        self.exams = {
            let mut exams = std::mem::take(&mut self.exams);
            exams.set_target(self.settings.exam_target);
            exams
        };
        self.scheduler = Scheduler::new(&self.settings, Some(&self.params))?;
        self.estimator = None;
        Ok(())
    }

    /// After a refit: every card's memory as the new parameters make of its answers, and a
    /// review the new model wants earlier than planned brought forward (never pushed back), as
    /// `recall study` does after its own refit ([`Scheduler::exam_due_after_refit`]).
    fn recompute(&mut self, morning: Timestamp) -> Result<(), SimError> {
        let fsrs = fsrs::FSRS::new(&self.params)?;
        let today = self.base.at(morning);
        for card in &mut self.cards {
            if card.history.is_empty() {
                continue;
            }
            let item = FSRSItem { reviews: card.history.clone() };
            let memory = fsrs.memory_state(item, None)?;
            card.state.memory = Some(memory.into());
            let moved =
                self.scheduler.exam_due_after_refit(&card.key, &card.state, &today, &self.exams);
            if let Some(wanted) = moved {
                self.exams.moved(card.state.due, Some(wanted), &today);
                card.state.due = Some(wanted);
            }
        }
        Ok(())
    }

    /// The goal as the exam-date policy plans it (margin and calibration included).
    fn goal(&self) -> ExamGoal {
        ExamGoal {
            exam_day: i64::from(self.config.exam_day),
            target: (self.settings.exam_target + plan::PLANNING_MARGIN).min(0.99),
            retention: plan::far_retention(self.settings.desired_retention),
        }
    }

    /// Whether the scheduler now takes the learner for a fast forgetter.
    fn fast_forgetter(&self) -> bool {
        let default_good = fsrs::DEFAULT_PARAMETERS[2];
        self.params.get(2).is_some_and(|&s| s < default_good / 2.0) || self.gap > 0.02
    }

    /// Until the first warning (and not in the last week, when the plan is what it is): is
    /// the target safely within the day's minutes, the model's uncertainty allowed for
    /// ([`reach::reach_range`], as `recall stats --exam` warns)?
    fn check_reach(&mut self, day: i64) {
        let exam_day = i64::from(self.config.exam_day);
        if self.warning.is_some() || day >= exam_day - plan::LAST_WEEK_DAYS {
            return;
        }
        let goal = self.goal();
        let model = self.scheduler.exam_model().clone();
        let shortfall = calibrate::uncertainty(self.long_term);
        let (retention, target) = calibrate::raised(
            self.settings.desired_retention,
            self.settings.exam_target,
            shortfall,
        );
        let high_goal = ExamGoal {
            target: (target + plan::PLANNING_MARGIN).min(0.99),
            retention: plan::far_retention(retention),
            ..goal
        };
        let mut high = Estimator::pessimistic(model.clone(), high_goal, shortfall);
        let point = self.estimator.get_or_insert_with(|| Estimator::new(model, goal));
        let cards: Vec<CardNow> = self
            .cards
            .iter()
            .filter_map(|c| {
                let memory = c.state.memory?;
                Some(CardNow { memory: memory.into(), last_day: c.last_day })
            })
            .collect();
        let pace = Pace {
            minutes_per_day: f64::from(self.config.minutes_per_day),
            max_new_per_day: self.config.new_per_day,
        };
        let left = self.config.facts - self.cards.len() as u32;
        let r = reach::reach_range(point, &mut high, day, &cards, left, pace);
        if !r.safe {
            self.warning = Some((day as u32, r));
        }
    }

    /// The answers so far as FSRS items, in time order (what `recall optimize` fits).
    fn history(&self) -> HistoryItems {
        let mut keyed: Vec<(i64, i64, FSRSItem)> = Vec::with_capacity(self.long_term);
        for (id, card) in self.cards.iter().enumerate() {
            for k in 1..card.history.len() {
                if card.history[k].delta_t > 0 {
                    let item = FSRSItem { reviews: card.history[..=k].to_vec() };
                    keyed.push((card.days[k], id as i64, item));
                }
            }
        }
        keyed.sort_by_key(|(day, id, _)| (*day, *id));
        let reviews = self.cards.iter().map(|c| c.history.len()).sum();
        let times =
            keyed.iter().map(|(day, _, _)| self.base.add_days(u32::try_from(*day).unwrap_or(0)));
        let times = times.collect();
        let (items, card_ids) = keyed.into_iter().map(|(_, id, item)| (item, id)).unzip();
        HistoryItems { items, card_ids, times, reviews, cards: self.cards.len() }
    }

    /// The reviews due today, oldest due first and then lowest recall, while time lasts; the
    /// cards answered Again go to `again`. Returns how many were answered.
    fn due_reviews(
        &mut self,
        today: &mut Today,
        again: &mut VecDeque<usize>,
    ) -> Result<u32, SimError> {
        let end_of_day = self.base.at(today.morning).end();
        let due_today = |c: &SimCard| c.state.due.is_some_and(|d| d < end_of_day);
        let cards = &self.cards;
        let mut order: Vec<usize> = (0..cards.len()).filter(|&i| due_today(&cards[i])).collect();
        let recall_of = |c: &SimCard| {
            self.scheduler.exam_model().recall(memory(&c.state), (today.day - c.last_day) as f32)
        };
        order.sort_by(|&a, &b| {
            let (ca, cb) = (&cards[a], &cards[b]);
            ca.state.due.cmp(&cb.state.due).then(recall_of(ca).total_cmp(&recall_of(cb)))
        });
        let mut reviews = 0;
        for i in order {
            if today.seconds >= self.budget() {
                break;
            }
            if self.answer(i, today, REVIEW)? {
                again.push_back(i);
            }
            reviews += 1;
        }
        Ok(reviews)
    }

    /// Today's new facts (the learner's limit, or the exam pace), while time lasts; those
    /// answered Again go to `again`. Returns how many were shown.
    fn new_facts(
        &mut self,
        today: &mut Today,
        again: &mut VecDeque<usize>,
    ) -> Result<u32, SimError> {
        let config = self.config;
        let left = config.facts - self.cards.len() as u32;
        let limits =
            NewLimits { min_per_day: config.min_new_per_day, max_per_day: config.new_per_day };
        let quota = match self.policy {
            Policy::Plain => config.new_per_day.min(left),
            Policy::Exam => {
                let exam_day = i64::from(config.exam_day);
                let reserve = if config.adapt.front_load && self.fast_forgetter() {
                    exam_day / 3
                } else {
                    plan::LAST_WEEK_DAYS
                };
                plan::new_facts_today_before(left, today.day, exam_day, reserve, limits)
            }
        };
        let mut new = 0u32;
        while new < quota && today.seconds < self.budget() {
            let fact = FactId::new(format!("f{}", self.cards.len()))
                .map_err(|_| FSRSError::InvalidInput)?;
            self.cards.push(SimCard {
                key: CardKey::new(self.deck.clone(), fact, Direction::Forward),
                state: CardState::default(),
                truth: None,
                last_day: today.day,
                history: Vec::new(),
                days: Vec::new(),
            });
            let i = self.cards.len() - 1;
            if self.answer(i, today, FIRST_SHOWING)? {
                again.push_back(i);
            }
            new += 1;
        }
        Ok(new)
    }

    /// Card `i` answered with the simulated learner's luck (its true recall), now (or when it
    /// is due, if later); true if it was Again.
    fn answer(&mut self, i: usize, today: &mut Today, how: Answering) -> Result<bool, SimError> {
        let card = &mut self.cards[i];
        let now = (today.morning + jiff::SignedDuration::from_secs(today.seconds as i64))
            .max(card.state.due.unwrap_or(today.morning));
        let day = self.base.at(now);
        let elapsed = (today.day - card.last_day).max(0);
        let grade = match card.truth {
            None => pick(&mut self.rng, how.0, how.1),
            Some(truth) => {
                if self.rng.random::<f32>() < self.truth.recall(truth, elapsed as f32) {
                    pick(&mut self.rng, &REVIEW_RATING_PROB, 1)
                } else {
                    Grade::Again
                }
            }
        };
        if card.truth.is_some() && elapsed > 0 {
            self.long_term += 1;
            let predicted = self.scheduler.exam_model().recall(memory(&card.state), elapsed as f32);
            self.recent.push((predicted, grade != Grade::Again));
        }
        let delta = u32::try_from(elapsed).unwrap_or(0);
        card.truth = Some(self.truth.after_review(card.truth, delta, grade)?);
        card.history.push(FSRSReview { rating: u32::from(grade.number()), delta_t: delta });
        card.days.push(today.day);
        today.seconds += how.2[grade.number() as usize - 1];
        let next = self.scheduler.next_states_with_exam_dates(
            &card.key,
            &card.state,
            &day,
            &self.exams,
        )?;
        let after = next.get(grade).state.clone();
        self.exams.moved(card.state.due, after.due, &day);
        card.state = after;
        card.last_day = today.day;
        Ok(grade == Grade::Again)
    }

    /// The run's figures from its days and the cards' true recall on the exam day.
    fn result(&self, days: Vec<DayRow>) -> RunResult {
        let exam_day = i64::from(self.config.exam_day);
        let mut exam_recall: Vec<f64> =
            self.cards.iter().map(|c| self.true_recall(c, exam_day)).collect();
        exam_recall.resize(self.config.facts as usize, 0.0);
        exam_recall.sort_by(f64::total_cmp);
        let fortnight: Vec<u32> = days.iter().rev().take(14).map(|d| d.reviews).collect();
        let fortnight_mean = mean(fortnight.iter().map(|&r| f64::from(r)));
        RunResult {
            total_reviews: days.iter().map(|d| d.reviews).sum(),
            peak_day_reviews: days.iter().map(|d| d.reviews).max().unwrap_or(0),
            mean_recall_on_exam_day: mean(exam_recall.iter().copied()),
            p10_recall_on_exam_day: percentile(&exam_recall, 0.1),
            facts_introduced: self.cards.len() as u32,
            final_fortnight_peak_ratio: if fortnight_mean > 0.0 {
                f64::from(fortnight.iter().copied().max().unwrap_or(0)) / fortnight_mean
            } else {
                0.0
            },
            refit_days: self.refit_days.clone(),
            warning_day: self.warning.map(|w| w.0),
            warning: self.warning.map(|w| w.1),
            days,
        }
    }
}

/// The `p` quantile (nearest rank) of sorted values, 0 for none.
pub fn percentile(sorted: &[f64], p: f64) -> f64 {
    let rank = (sorted.len() as f64 * p).ceil().max(1.0) as usize - 1;
    sorted.get(rank).copied().unwrap_or(0.0)
}

/// A card's memory as the model takes it (a new card has none: stability 0, recall 0).
fn memory(state: &CardState) -> MemoryState {
    state.memory.map_or(MemoryState { stability: 0.0, difficulty: 0.0 }, Into::into)
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
        let config = SimConfig::new(60, 20, 30, 7);
        assert_eq!(run(&config, Policy::Exam).unwrap(), run(&config, Policy::Exam).unwrap());
    }

    #[test]
    fn time_budget_caps_each_day() {
        // Two minutes a day fit about eight first showings.
        let config = SimConfig::new(200, 20, 2, 1);
        let result = run(&config, Policy::Plain).unwrap();
        for day in &result.days {
            // A card started before the budget ran out is finished: at most one card over.
            assert!(day.minutes <= 2.0 + 20.0 / 60.0, "{day:?}");
        }
        assert!(result.facts_introduced < 200);
    }

    #[test]
    fn exam_mode_introduces_every_fact_before_the_last_week() {
        let config = SimConfig::new(100, 30, 60, 3);
        let result = run(&config, Policy::Exam).unwrap();
        assert_eq!(result.facts_introduced, 100);
        let last_week_new: u32 = result.days[23..].iter().map(|d| d.new).sum();
        assert_eq!(last_week_new, 0);
    }

    #[test]
    fn unintroduced_facts_count_as_forgotten() {
        // 20 new a day for 10 days cannot introduce 1000 facts.
        let config = SimConfig::new(1000, 10, 600, 3);
        let result = run(&config, Policy::Plain).unwrap();
        assert_eq!(result.facts_introduced, 200);
        assert_eq!(result.p10_recall_on_exam_day, 0.0);
        assert!(result.mean_recall_on_exam_day < 0.2);
    }
}

#[cfg(test)]
mod learner_tests {
    use super::*;

    /// The default learner with every stability halved at the start (first answers and
    /// relapses): one who forgets twice as fast as the model the scheduler starts from.
    fn twice_as_fast() -> [f32; 21] {
        let mut w = fsrs::DEFAULT_PARAMETERS;
        for i in [0, 1, 2, 3, 11] {
            w[i] /= 2.0;
        }
        w
    }

    #[test]
    fn a_learner_who_forgets_twice_as_fast_still_reaches_the_target_when_time_allows() {
        let config = SimConfig { learner: twice_as_fast(), ..SimConfig::new(300, 40, 60, 42) };
        let result = compare(&config).unwrap();
        let e = &result.exam;
        assert!(e.p10_recall_on_exam_day >= 0.95, "{e:?}");
        assert!(e.mean_recall_on_exam_day >= 0.96, "{e:?}");
        assert!(!e.refit_days.is_empty(), "the scheduler learnt the learner: {e:?}");
        assert_eq!(e.warning_day, None, "an hour a day is enough for 300 facts");
        // Without learning the learner, the plan made for the default model falls short.
        let blind = SimConfig { adapt: Adapt::NONE, ..config };
        let b = run(&blind, Policy::Exam).unwrap();
        assert!(b.p10_recall_on_exam_day < e.p10_recall_on_exam_day, "{b:?}");
    }

    #[test]
    fn the_warning_fires_early_when_the_minutes_do_not_allow_the_target() {
        // 500 facts in 40 days on five minutes a day: the target cannot be met.
        let config = SimConfig { learner: twice_as_fast(), ..SimConfig::new(500, 40, 5, 11) };
        let e = run(&config, Policy::Exam).unwrap();
        assert!(e.p10_recall_on_exam_day < 0.95, "{e:?}");
        let day = e.warning_day.expect("the warning fires");
        assert!(day < 10, "first warned on day {day}");
        let w = e.warning.unwrap();
        assert!(w.minutes_per_day > 5.0 && !w.reachable, "{w:?}");
    }

    #[test]
    fn a_pace_at_the_edge_is_warned_on_the_first_day_and_a_comfortable_one_never() {
        // 500 facts in 60 days: the default model alone says about 11 minutes a day, but a
        // learner it does not know yet may need twice that.
        let edge = run(&SimConfig::new(500, 60, 20, 42), Policy::Exam).unwrap();
        let w = edge.warning.expect("20 minutes is at risk before any review");
        assert_eq!(edge.warning_day, Some(0));
        assert!(w.reachable && !w.safe && w.minutes_per_day_high > 20.0, "{w:?}");
        let ample = run(&SimConfig::new(500, 60, 40, 42), Policy::Exam).unwrap();
        assert_eq!(ample.warning_day, None, "{:?}", ample.warning);
    }

    #[test]
    fn learners_drawn_with_a_seed_run_the_same_on_any_thread_count() {
        let mut rng = StdRng::seed_from_u64(3);
        let configs: Vec<SimConfig> = (0..3)
            .map(|i| SimConfig {
                learner: crate::learner::spread::draw(&mut rng),
                ..SimConfig::new(40, 14, 30, i)
            })
            .collect();
        assert_eq!(compare_many(&configs, 1).unwrap(), compare_many(&configs, 2).unwrap());
    }
}
