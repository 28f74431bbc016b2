//! A simulated learner studying a deck until an exam, to compare exam-date scheduling with
//! plain scheduling by numbers rather than by feel.
//!
//! The learner's true memory *is* the FSRS-6 model with the default parameters: a review
//! `t` days after the last succeeds with probability R(t, S), and ratings and answer times
//! follow the defaults of the `fsrs` crate's own simulator (`SimulatorConfig::default()`).
//! The cards are scheduled by recall's real [`Scheduler`] (FSRS-6 defaults, fuzz on), plainly
//! or with the deck's exam date ([`Scheduler::next_states_with_exam_dates`], the load kept by
//! [`ExamDates`] as in a session), and new facts are paced by the same
//! [`plan::new_facts_today`] as the daily queue. Each day the learner works through the
//! due reviews (oldest due first, then lowest recall), then new facts, then the cards answered
//! Again (back after ten minutes, as in a session) until the day's time budget is spent; what
//! does not fit waits for the next day.
//!
//! Both runs use the same seed, deck and budget; only the scheduling policy differs.

use std::collections::VecDeque;

use fsrs::{FSRSError, MemoryState};
use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};

use jiff::Timestamp;
use jiff::tz::TimeZone;

use crate::ids::{CardKey, DeckId, Direction, FactId};
use crate::schedule::exam_date::plan::{self, Model, NewLimits};
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
            target: plan::DEFAULT_TARGET,
            retention: plan::DEFAULT_RETENTION,
            new_per_day: 20,
            min_new_per_day: 1,
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
pub fn compare(model: &Model, config: &SimConfig) -> Result<Comparison, SimError> {
    Ok(Comparison {
        plain: run(model, config, Policy::Plain)?,
        exam: run(model, config, Policy::Exam)?,
    })
}

#[derive(Clone, Debug)]
struct SimCard {
    key: CardKey,
    state: CardState,
    /// The simulated day of the last answer (for the true recall).
    last_day: i64,
}

/// Why a simulation could not run.
#[derive(Debug, thiserror::Error)]
pub enum SimError {
    #[error(transparent)]
    Fsrs(#[from] FSRSError),
    #[error(transparent)]
    Schedule(#[from] ScheduleError),
}

/// Simulated day 0 starts at this instant (UTC, the learner day rolling over at 4 a.m.); each
/// day's study begins at 10 a.m.
const DAY_ZERO: i64 = 1_767_607_200; // 2026-01-05T10:00:00Z

/// Runs one policy. Cards are scheduled by the real [`Scheduler`] with FSRS-6 default
/// parameters, fuzz on, desired retention `config.retention`: plainly
/// ([`Scheduler::next_states`]) or with the exam date ([`Scheduler::next_states_with_exam_dates`],
/// load spread over the days as a session keeps it with [`ExamDates::moved`]). A card answered
/// Again comes back ten minutes later the same day, as in a session, if time is left.
pub fn run(model: &Model, config: &SimConfig, policy: Policy) -> Result<RunResult, SimError> {
    let mut sim = Simulation::new(model, config, policy)?;
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
struct Simulation<'m> {
    model: &'m Model,
    config: &'m SimConfig,
    policy: Policy,
    rng: StdRng,
    scheduler: Scheduler,
    /// Day 0's morning, in the learner's zone and rollover hour.
    base: StudyDay,
    deck: DeckId,
    exams: ExamDates,
    cards: Vec<SimCard>,
}

/// The study day in progress.
struct Today {
    day: i64,
    morning: Timestamp,
    /// Study time spent so far.
    seconds: f32,
}

impl<'m> Simulation<'m> {
    fn new(model: &'m Model, config: &'m SimConfig, policy: Policy) -> Result<Self, SimError> {
        let settings = Settings {
            desired_retention: config.retention,
            exam_target: config.target,
            ..Settings::default()
        };
        let scheduler = Scheduler::new(&settings, None)?;
        let zero = Timestamp::from_second(DAY_ZERO).unwrap_or(Timestamp::UNIX_EPOCH);
        let base = StudyDay::new(zero, TimeZone::UTC, 4);
        let deck = DeckId::new("sim").map_err(|_| FSRSError::InvalidInput)?;
        let mut exams = ExamDates::new(config.target);
        if policy == Policy::Exam {
            let date = base.today().checked_add(jiff::Span::new().days(config.exam_day));
            exams.set(deck.clone(), date.map_err(|_| FSRSError::InvalidInput)?);
        }
        Ok(Simulation {
            model,
            config,
            policy,
            rng: StdRng::seed_from_u64(config.seed),
            scheduler,
            base,
            deck,
            exams,
            cards: Vec::with_capacity(config.facts as usize),
        })
    }

    fn budget(&self) -> f32 {
        self.config.minutes_per_day as f32 * 60.0
    }

    /// One day: the due reviews (oldest due first, then lowest recall), then new facts, then
    /// the cards answered Again, while the day's time lasts.
    fn study_day(&mut self, day: i64) -> Result<DayRow, SimError> {
        let morning = self.base.add_days(u32::try_from(day).unwrap_or(0));
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
        let mean_recall = mean(self.cards.iter().map(|c| {
            f64::from(self.model.recall(memory(&c.state), (day + 1 - c.last_day) as f32))
        }));
        Ok(DayRow {
            day: day as u32,
            new,
            reviews,
            minutes: f64::from(today.seconds) / 60.0,
            mean_recall,
        })
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
        let recall_of =
            |c: &SimCard| self.model.recall(memory(&c.state), (today.day - c.last_day) as f32);
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
                plan::new_facts_today(left, today.day, i64::from(config.exam_day), limits)
            }
        };
        let mut new = 0u32;
        while new < quota && today.seconds < self.budget() {
            let fact = FactId::new(format!("f{}", self.cards.len()))
                .map_err(|_| FSRSError::InvalidInput)?;
            self.cards.push(SimCard {
                key: CardKey::new(self.deck.clone(), fact, Direction::Forward),
                state: CardState::default(),
                last_day: today.day,
            });
            let i = self.cards.len() - 1;
            if self.answer(i, today, FIRST_SHOWING)? {
                again.push_back(i);
            }
            new += 1;
        }
        Ok(new)
    }

    /// Card `i` answered with the simulated learner's luck, now (or when it is due, if later);
    /// true if it was Again.
    fn answer(&mut self, i: usize, today: &mut Today, how: Answering) -> Result<bool, SimError> {
        let card = &mut self.cards[i];
        let now = (today.morning + jiff::SignedDuration::from_secs(today.seconds as i64))
            .max(card.state.due.unwrap_or(today.morning));
        let day = self.base.at(now);
        let p = if card.state.is_new() {
            0.0
        } else {
            self.model.recall(memory(&card.state), (today.day - card.last_day) as f32)
        };
        let grade = if card.state.is_new() {
            pick(&mut self.rng, how.0, how.1)
        } else if self.rng.random::<f32>() < p {
            pick(&mut self.rng, &REVIEW_RATING_PROB, 1)
        } else {
            Grade::Again
        };
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

    /// The run's figures from its days and the cards' recall on the exam day.
    fn result(&self, days: Vec<DayRow>) -> RunResult {
        let exam_day = i64::from(self.config.exam_day);
        let mut exam_recall: Vec<f64> = self
            .cards
            .iter()
            .map(|c| f64::from(self.model.recall(memory(&c.state), (exam_day - c.last_day) as f32)))
            .collect();
        exam_recall.resize(self.config.facts as usize, 0.0);
        exam_recall.sort_by(f64::total_cmp);
        let p10_rank = (exam_recall.len() as f64 * 0.1).ceil().max(1.0) as usize - 1;
        let fortnight: Vec<u32> = days.iter().rev().take(14).map(|d| d.reviews).collect();
        let fortnight_mean = mean(fortnight.iter().map(|&r| f64::from(r)));
        RunResult {
            total_reviews: days.iter().map(|d| d.reviews).sum(),
            peak_day_reviews: days.iter().map(|d| d.reviews).max().unwrap_or(0),
            mean_recall_on_exam_day: mean(exam_recall.iter().copied()),
            p10_recall_on_exam_day: exam_recall.get(p10_rank).copied().unwrap_or(0.0),
            facts_introduced: self.cards.len() as u32,
            final_fortnight_peak_ratio: if fortnight_mean > 0.0 {
                f64::from(fortnight.iter().copied().max().unwrap_or(0)) / fortnight_mean
            } else {
                0.0
            },
            days,
        }
    }
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
        let model = Model::fsrs6_default().unwrap();
        let config = SimConfig::new(60, 20, 30, 7);
        assert_eq!(
            run(&model, &config, Policy::Exam).unwrap(),
            run(&model, &config, Policy::Exam).unwrap()
        );
    }

    #[test]
    fn time_budget_caps_each_day() {
        let model = Model::fsrs6_default().unwrap();
        // Two minutes a day fit about eight first showings.
        let config = SimConfig::new(200, 20, 2, 1);
        let result = run(&model, &config, Policy::Plain).unwrap();
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
        let result = run(&model, &config, Policy::Exam).unwrap();
        assert_eq!(result.facts_introduced, 100);
        let last_week_new: u32 = result.days[23..].iter().map(|d| d.new).sum();
        assert_eq!(last_week_new, 0);
    }

    #[test]
    fn unintroduced_facts_count_as_forgotten() {
        let model = Model::fsrs6_default().unwrap();
        // 20 new a day for 10 days cannot introduce 1000 facts.
        let config = SimConfig::new(1000, 10, 600, 3);
        let result = run(&model, &config, Policy::Plain).unwrap();
        assert_eq!(result.facts_introduced, 200);
        assert_eq!(result.p10_recall_on_exam_day, 0.0);
        assert!(result.mean_recall_on_exam_day < 0.2);
    }
}
