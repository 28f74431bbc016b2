//! The four next states of a card (Again/Hard/Good/Easy), computed at once so the interface can
//! show "Good · 3d" on each button and the answer carries the chosen state to the store.

use std::fmt;

use jiff::Timestamp;

use super::{CardState, Grade, Memory, Phase, StudyDay};
use crate::ids::CardKey;
use crate::settings::Settings;

/// Minutes until a card answered Again comes back the same day (its one learning step).
pub const AGAIN_DELAY_MINUTES: u32 = 10;

/// FSRS rejected the parameters or produced a non-finite state.
#[derive(Debug, thiserror::Error)]
pub enum ScheduleError {
    #[error("the FSRS parameters are not valid ({0}); run `recall optimize` again or reset them")]
    Parameters(fsrs::FSRSError),
    #[error("FSRS could not compute the next state of {card} ({source})")]
    State { card: String, source: fsrs::FSRSError },
}

/// How long until a card is due again.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Interval {
    Minutes(u32),
    Days(u32),
}

impl fmt::Display for Interval {
    /// Short forms for answer buttons: `10m`, `3d`, `1.5mo`, `2.1y`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Interval::Minutes(m) => write!(f, "{m}m"),
            Interval::Days(d) if d < 30 => write!(f, "{d}d"),
            Interval::Days(d) if d < 365 => write!(f, "{:.1}mo", f64::from(d) / 30.4),
            Interval::Days(d) => write!(f, "{:.1}y", f64::from(d) / 365.25),
        }
    }
}

/// One possible outcome of answering: the card's state after it and the interval.
#[derive(Clone, Debug, PartialEq)]
pub struct Next {
    pub state: CardState,
    pub interval: Interval,
}

/// The next state for each grade.
#[derive(Clone, Debug, PartialEq)]
pub struct NextStates {
    pub again: Next,
    pub hard: Next,
    pub good: Next,
    pub easy: Next,
}

impl NextStates {
    pub fn get(&self, grade: Grade) -> &Next {
        match grade {
            Grade::Again => &self.again,
            Grade::Hard => &self.hard,
            Grade::Good => &self.good,
            Grade::Easy => &self.easy,
        }
    }
}

/// The decay of the forgetting curve (FSRS-6's `w20`) that FSRS uses with `parameters`: the
/// 21st value of an FSRS-6 set; FSRS-5's fixed decay for the older sets (17 or 19 values),
/// which FSRS fills in; FSRS-6's default for an empty set (FSRS takes its defaults). The
/// scheduler, the exam-date model and the statistics' recall all read it here, so the three
/// forgetting curves are one.
pub fn decay(parameters: &[f32]) -> f32 {
    match parameters.get(20) {
        Some(&decay) => decay,
        None if parameters.is_empty() => fsrs::FSRS6_DEFAULT_DECAY,
        None => fsrs::FSRS5_DEFAULT_DECAY,
    }
}

/// FSRS with the learner's parameters and scheduling settings.
#[derive(Clone, Debug)]
pub struct Scheduler {
    fsrs: fsrs::FSRS,
    /// The same parameters as the exam-date policy's model.
    exam_model: crate::schedule::exam_date::plan::Model,
    decay: f32,
    desired_retention: f32,
    max_interval_days: u32,
    fuzz: bool,
}

impl Scheduler {
    /// `parameters`: the learner's fitted FSRS parameters, or `None` for FSRS-6's defaults.
    pub fn new(
        settings: &Settings,
        parameters: Option<&[f32]>,
    ) -> Result<Scheduler, ScheduleError> {
        let params = parameters.unwrap_or(&fsrs::DEFAULT_PARAMETERS);
        let fsrs = fsrs::FSRS::new(params).map_err(ScheduleError::Parameters)?;
        let exam_model = crate::schedule::exam_date::plan::Model::new(params)
            .map_err(ScheduleError::Parameters)?;
        Ok(Scheduler {
            fsrs,
            exam_model,
            decay: decay(params),
            desired_retention: settings.desired_retention,
            max_interval_days: settings.max_interval_days.max(1),
            fuzz: settings.fuzz,
        })
    }

    /// The underlying FSRS model, for simulation and optimization (exam-date planning).
    pub fn fsrs(&self) -> &fsrs::FSRS {
        &self.fsrs
    }

    pub fn desired_retention(&self) -> f32 {
        self.desired_retention
    }

    pub fn max_interval_days(&self) -> u32 {
        self.max_interval_days
    }

    /// The exam-date policy's model of the same parameters.
    pub fn exam_model(&self) -> &crate::schedule::exam_date::plan::Model {
        &self.exam_model
    }

    /// The card's state after each of `answers` (time order, from a new card), scheduled one
    /// after the other exactly as sessions would have scheduled them, each on the learner day
    /// of its time (`day` gives the zone and rollover hour; its instant is not used): what an
    /// imported history makes of a card. The last state is the card's.
    pub fn replay_states(
        &self,
        key: &CardKey,
        answers: &[(Timestamp, Grade)],
        day: &StudyDay,
    ) -> Result<Vec<CardState>, ScheduleError> {
        let mut states: Vec<CardState> = Vec::with_capacity(answers.len());
        for &(time, grade) in answers {
            let before = states.last().cloned().unwrap_or_default();
            let next = self.next_states(key, &before, &day.at(time))?;
            states.push(next.get(grade).state.clone());
        }
        Ok(states)
    }

    /// The memory after a history of answers, each with the learner days since the previous
    /// one (0 for the first and for same-day repeats): for imported histories and for
    /// recomputing states after new parameters are fitted. `None` for an empty history.
    pub fn replay(&self, history: &[(u32, Grade)]) -> Result<Option<Memory>, ScheduleError> {
        if history.is_empty() {
            return Ok(None);
        }
        let item = fsrs::FSRSItem {
            reviews: history
                .iter()
                .map(|&(delta_t, g)| fsrs::FSRSReview { rating: u32::from(g.number()), delta_t })
                .collect(),
        };
        self.fsrs
            .memory_state(item, None)
            .map(|m| Some(Memory::from(m)))
            .map_err(|source| ScheduleError::State { card: "an imported history".into(), source })
    }

    /// An approximate memory for a card imported from an SM-2 scheduler (Anki's old one) that
    /// has no usable history: its ease factor (2.5 = 250 %) and current interval in days.
    pub fn memory_from_sm2(&self, ease: f32, interval_days: f32) -> Result<Memory, ScheduleError> {
        self.fsrs
            .memory_state_from_sm2(ease, interval_days, self.desired_retention)
            .map(Memory::from)
            .map_err(|source| ScheduleError::State { card: "an SM-2 card".into(), source })
    }

    /// The predicted probability of recalling the card at `now` (any instant, e.g. an exam
    /// day), `None` for a new card.
    pub fn retrievability(&self, state: &CardState, now: Timestamp) -> Option<f32> {
        let memory = state.memory?;
        let last = state.last_review?;
        let days = ((now.as_second() - last.as_second()).max(0) as f32) / 86_400.0;
        Some(fsrs::current_retrievability(memory.into(), days, self.decay))
    }

    /// The card's state after each grade, answered at `day.now()`.
    pub fn next_states(
        &self,
        key: &CardKey,
        state: &CardState,
        day: &StudyDay,
    ) -> Result<NextStates, ScheduleError> {
        let elapsed = state.last_review.map_or(0, |t| day.days_since(t));
        let fsrs_next = self
            .fsrs
            .next_states(state.memory.map(Into::into), self.desired_retention, elapsed)
            .map_err(|source| ScheduleError::State { card: key.to_string(), source })?;

        let seed = fuzz_seed(key, state.reps);
        let days = |interval: f32| {
            let d = interval.round().clamp(1.0, self.max_interval_days as f32) as u32;
            if self.fuzz { fuzzed(d, seed).min(self.max_interval_days) } else { d }
        };
        // As Anki does, each better grade waits at least a day longer than the one below it,
        // so the menu never offers Hard, Good and Easy at one interval (a weak card's three
        // predictions can all round to one day); only the maximum interval may tie them.
        let cap = self.max_interval_days;
        let hard = days(fsrs_next.hard.interval);
        let good = days(fsrs_next.good.interval).max((hard + 1).min(cap));
        let easy = days(fsrs_next.easy.interval).max((good + 1).min(cap));

        let after = |memory: fsrs::MemoryState, grade: Grade, interval: Interval| {
            let mut s = state.clone();
            s.memory = Some(Memory::from(memory));
            s.reps += 1;
            s.last_review = Some(day.now());
            s.due = Some(match interval {
                Interval::Minutes(m) => day.now() + jiff::SignedDuration::from_mins(i64::from(m)),
                Interval::Days(d) => day.add_days(d),
            });
            if grade == Grade::Again {
                s.phase = match state.phase {
                    Phase::New | Phase::Learning => Phase::Learning,
                    Phase::Review | Phase::Relearning => Phase::Relearning,
                };
                if state.phase == Phase::Review {
                    s.lapses += 1;
                }
            } else {
                s.phase = Phase::Review;
            }
            Next { state: s, interval }
        };
        let again = Interval::Minutes(AGAIN_DELAY_MINUTES);
        Ok(NextStates {
            again: after(fsrs_next.again.memory, Grade::Again, again),
            hard: after(fsrs_next.hard.memory, Grade::Hard, Interval::Days(hard)),
            good: after(fsrs_next.good.memory, Grade::Good, Interval::Days(good)),
            easy: after(fsrs_next.easy.memory, Grade::Easy, Interval::Days(easy)),
        })
    }
}

/// A stable hash of the card and its review count (FNV-1a; std's hasher may change between
/// Rust versions, and a card's fuzz must not).
fn fuzz_seed(key: &CardKey, reps: u32) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let key = key.to_string();
    for b in key.as_bytes().iter().chain(&reps.to_le_bytes()) {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// Anki's fuzz: none under 3 days, then ±(1 day + 15 % of the part from 2.5 to 7 days + 10 % of
/// 7 to 20 + 5 % beyond), never below 2 days.
fn fuzzed(days: u32, seed: u64) -> u32 {
    if days < 3 {
        return days;
    }
    let ivl = days as f32;
    let band = |start: f32, end: f32, factor: f32| factor * (ivl.min(end) - start).max(0.0);
    let delta = 1.0 + band(2.5, 7.0, 0.15) + band(7.0, 20.0, 0.1) + band(20.0, f32::MAX, 0.05);
    let lower = (ivl - delta).round().max(2.0) as u32;
    let upper = ((ivl + delta).round() as u32).max(lower);
    // The top 53 bits as a fraction in [0, 1).
    let fraction = (seed >> 11) as f64 / (1u64 << 53) as f64;
    lower + ((f64::from(upper - lower + 1) * fraction) as u32).min(upper - lower)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::tz::TimeZone;

    fn key(s: &str) -> CardKey {
        s.parse().unwrap()
    }

    #[test]
    fn a_replayed_history_is_scheduled_answer_by_answer() {
        let s = Scheduler::new(&no_fuzz(), None).unwrap();
        let k = key("d/f/forward");
        let day = at("2026-01-01T12:00:00Z");
        let t = |d: &str| -> Timestamp { d.parse().unwrap() };
        let answers = [
            (t("2026-01-01T12:00:00Z"), Grade::Good),
            (t("2026-01-04T12:00:00Z"), Grade::Again),
            (t("2026-01-04T12:10:00Z"), Grade::Good),
        ];
        let states = s.replay_states(&k, &answers, &day).unwrap();
        let mut expected = vec![];
        let mut state = CardState::default();
        for (time, grade) in answers {
            state = s.next_states(&k, &state, &day.at(time)).unwrap().get(grade).state.clone();
            expected.push(state.clone());
        }
        assert_eq!(states, expected);
        assert_eq!(
            states.iter().map(|s| (s.phase, s.reps, s.lapses)).collect::<Vec<_>>(),
            [(Phase::Review, 1, 0), (Phase::Relearning, 2, 1), (Phase::Review, 3, 1)]
        );
        assert_eq!(s.replay_states(&k, &[], &day).unwrap(), vec![]);
    }

    #[test]
    fn decay_is_read_as_fsrs_reads_it() {
        let fsrs6 = fsrs::DEFAULT_PARAMETERS;
        assert_eq!(decay(&fsrs6), fsrs6[20]);
        let mut custom = fsrs6;
        custom[20] = 0.3;
        assert_eq!(decay(&custom), 0.3);
        // FSRS-5 sets have no decay of their own: FSRS fills in FSRS-5's.
        assert_eq!(decay(&fsrs6[..19]), fsrs::FSRS5_DEFAULT_DECAY);
        assert_eq!(decay(&[]), fsrs::FSRS6_DEFAULT_DECAY);
        // The scheduler's recall and the exam-date model's agree on every set.
        for set in [&fsrs6[..], &custom[..], &fsrs6[..19]] {
            let scheduler = Scheduler::new(&Settings::default(), Some(set)).unwrap();
            let memory = Memory { stability: 5.0, difficulty: 5.0 };
            let start: Timestamp = "2026-01-01T12:00:00Z".parse().unwrap();
            let state = CardState {
                memory: Some(memory),
                last_review: Some(start),
                ..CardState::default()
            };
            let later = start + jiff::SignedDuration::from_hours(24 * 10);
            assert_eq!(
                scheduler.retrievability(&state, later),
                Some(scheduler.exam_model().recall(memory.into(), 10.0)),
                "{} parameters",
                set.len()
            );
        }
    }

    fn no_fuzz() -> Settings {
        Settings { fuzz: false, ..Settings::default() }
    }

    fn at(s: &str) -> StudyDay {
        StudyDay::new(s.parse().unwrap(), TimeZone::UTC, 4)
    }

    /// Answers `grades` on the given days (noon UTC, days after 2026-01-01) and returns the
    /// state after each.
    fn run(grades: &[(u32, Grade)]) -> Vec<CardState> {
        let s = Scheduler::new(&no_fuzz(), None).unwrap();
        let k = key("d/f/forward");
        let start: Timestamp = "2026-01-01T12:00:00Z".parse().unwrap();
        let mut state = CardState::default();
        let mut out = vec![];
        for &(day, grade) in grades {
            let now = start + jiff::SignedDuration::from_hours(24 * i64::from(day));
            let d = StudyDay::new(now, TimeZone::UTC, 4);
            state = s.next_states(&k, &state, &d).unwrap().get(grade).state.clone();
            out.push(state.clone());
        }
        out
    }

    fn mem(s: &CardState) -> (String, String) {
        let m = s.memory.unwrap();
        (format!("{:.4}", m.stability), format!("{:.4}", m.difficulty))
    }

    #[test]
    fn first_answers_use_fsrs6_initial_states() {
        let s = Scheduler::new(&no_fuzz(), None).unwrap();
        let next = s
            .next_states(&key("d/f/forward"), &CardState::default(), &at("2026-01-01T12:00:00Z"))
            .unwrap();
        assert_eq!(next.again.state.memory.unwrap().stability, 0.212);
        assert_eq!(next.easy.state.memory.unwrap().stability, 8.2956);
        assert_eq!(next.again.interval, Interval::Minutes(10));
        assert_eq!(next.again.state.phase, Phase::Learning);
        assert_eq!(next.hard.interval, Interval::Days(1));
        assert_eq!(next.good.interval, Interval::Days(2));
        assert_eq!(next.easy.interval, Interval::Days(8));
        assert_eq!(next.good.state.phase, Phase::Review);
        assert_eq!(next.good.state.reps, 1);
        assert_eq!(next.good.state.due, Some("2026-01-03T12:00:00Z".parse().unwrap()));
    }

    /// Pins the FSRS-6 states the crate gives for known sequences (default parameters, answers
    /// at noon on the given day numbers). Cross-checked against an independent f64 Python
    /// implementation of the published FSRS-6 formulas (same values; the last stability is
    /// 124.8447 there, an f32 rounding difference).
    #[test]
    fn known_grade_sequences() {
        use Grade::*;
        type Sequence = &'static [(u32, Grade)];
        let table: &[(Sequence, (&str, &str))] = &[
            (&[(0, Good), (2, Good), (8, Again), (8, Good)], ("1.4861", "7.3801")),
            (&[(0, Again), (0, Good), (1, Good)], ("2.0215", "6.3909")),
            (&[(0, Easy), (8, Hard)], ("26.7042", "4.0106")),
            (&[(0, Good), (3, Good), (12, Good), (40, Good)], ("124.8448", "2.0975")),
        ];
        for (seq, (s, d)) in table {
            let states = run(seq);
            let got = mem(states.last().unwrap());
            assert_eq!(got, (s.to_string(), d.to_string()), "{seq:?}");
        }
    }

    #[test]
    fn replaying_a_history_gives_the_same_memory_as_answering_it() {
        use Grade::*;
        let s = Scheduler::new(&no_fuzz(), None).unwrap();
        let answered = run(&[(0, Good), (2, Good), (8, Again), (8, Good)]);
        let replayed = s.replay(&[(0, Good), (2, Good), (6, Again), (0, Good)]).unwrap().unwrap();
        assert_eq!(Some(replayed), answered.last().unwrap().memory);
        assert_eq!(s.replay(&[]).unwrap(), None);
        let sm2 = s.memory_from_sm2(2.5, 10.0).unwrap();
        assert!(sm2.stability > 5.0 && (1.0..=10.0).contains(&sm2.difficulty), "{sm2:?}");
    }

    #[test]
    fn a_lapse_counts_and_relearns_the_same_day() {
        use Grade::*;
        let states = run(&[(0, Good), (2, Good), (8, Again), (8, Good)]);
        assert_eq!(states[2].phase, Phase::Relearning);
        assert_eq!(states[2].lapses, 1);
        assert_eq!(states[3].phase, Phase::Review);
        assert_eq!(states[3].reps, 4);
        // The same-day answer is a short-term review: stability grows from the lapse's value
        // by FSRS's short-term formula, not by a long-term success.
        assert!(states[3].memory.unwrap().stability > states[2].memory.unwrap().stability);
        assert!(states[3].memory.unwrap().stability < states[1].memory.unwrap().stability);
    }

    #[test]
    fn intervals_are_ordered_and_capped() {
        use Grade::*;
        let settings = Settings { max_interval_days: 5, ..no_fuzz() };
        let s = Scheduler::new(&settings, None).unwrap();
        let state = run(&[(0, Good), (2, Good), (8, Good)]).pop().unwrap();
        let d = StudyDay::new(state.due.unwrap(), TimeZone::UTC, 4);
        let next = s.next_states(&key("d/f/forward"), &state, &d).unwrap();
        for g in [Grade::Hard, Grade::Good, Grade::Easy] {
            assert!(matches!(next.get(g).interval, Interval::Days(n) if n <= 5), "{g}");
        }
        let uncapped = Scheduler::new(&no_fuzz(), None)
            .unwrap()
            .next_states(&key("d/f/forward"), &state, &d)
            .unwrap();
        let days = |n: &Next| match n.interval {
            Interval::Days(d) => d,
            Interval::Minutes(_) => 0,
        };
        assert!(days(&uncapped.hard) <= days(&uncapped.good));
        assert!(days(&uncapped.good) <= days(&uncapped.easy));
        assert!(days(&uncapped.easy) > 5);
    }

    #[test]
    fn each_better_grade_waits_longer() {
        use Grade::*;
        // Weak cards, whose Hard, Good and Easy predictions are all about a day.
        for history in [&[(0, Again)][..], &[(0, Again), (0, Again)], &[(0, Hard)], &[(0, Good)]] {
            for fuzz in [false, true] {
                let settings = Settings { fuzz, ..no_fuzz() };
                let s = Scheduler::new(&settings, None).unwrap();
                let state = run(history).pop().unwrap();
                let d = StudyDay::new(
                    state.last_review.unwrap() + jiff::SignedDuration::from_hours(24),
                    TimeZone::UTC,
                    4,
                );
                let next = s.next_states(&key("d/f/forward"), &state, &d).unwrap();
                let days = |n: &Next| match n.interval {
                    Interval::Days(d) => d,
                    Interval::Minutes(_) => 0,
                };
                let (hard, good, easy) = (days(&next.hard), days(&next.good), days(&next.easy));
                assert!(
                    hard >= 1 && hard < good && good < easy,
                    "{history:?}: {hard} {good} {easy}"
                );
            }
        }
    }

    #[test]
    fn fuzz_is_deterministic_and_bounded() {
        for days in [1, 2, 3, 10, 100, 1000] {
            let mut seen = std::collections::HashSet::new();
            for reps in 0..50 {
                let f = fuzzed(days, fuzz_seed(&key("d/f/forward"), reps));
                assert_eq!(f, fuzzed(days, fuzz_seed(&key("d/f/forward"), reps)));
                let spread = (days as f32 * 0.16).ceil() as u32 + 1;
                assert!(f + spread >= days && f <= days + spread, "{days} -> {f}");
                seen.insert(f);
            }
            if days < 3 { assert_eq!(seen.len(), 1) } else { assert!(seen.len() > 1, "{days}") }
        }
    }

    #[test]
    fn retrievability_falls_with_time() {
        use Grade::*;
        let s = Scheduler::new(&no_fuzz(), None).unwrap();
        let state = run(&[(0, Good)]).pop().unwrap();
        let last = state.last_review.unwrap();
        let r0 = s.retrievability(&state, last).unwrap();
        let r_s = s
            .retrievability(
                &state,
                last + jiff::SignedDuration::from_secs((2.3065f64 * 86400.0) as i64),
            )
            .unwrap();
        assert!((r0 - 1.0).abs() < 1e-6);
        assert!((r_s - 0.9).abs() < 1e-3, "{r_s}");
        assert_eq!(s.retrievability(&CardState::default(), last), None);
    }

    #[test]
    fn outcomes_map_to_grades() {
        use super::super::Outcome;
        assert_eq!(Grade::from_outcome(Outcome::Correct), Grade::Good);
        assert_eq!(Grade::from_outcome(Outcome::NearMiss), Grade::Hard);
        assert_eq!(Grade::from_outcome(Outcome::Wrong), Grade::Again);
        assert_eq!(Grade::from_outcome(Outcome::DontKnow), Grade::Again);
    }
}
