//! Exam-date mode in real scheduling: the policy of [`crate::schedule::exam_date::plan`] applied to the cards of
//! decks that have an exam date ahead.
//!
//! [`ExamDates`] holds the exam date of each deck (the deck's `exam` field, or a `--exam DATE`
//! given for the run), the recall wanted on the exam day (the `exam-target` setting) and how
//! many reviews are already due on each coming learner day (counted from the stored card
//! states, kept current as answers move cards). With it:
//! - [`Scheduler::next_states_with_exam_dates`] gives a card of such a deck, for Hard, Good and Easy,
//!   the least-loaded day of the window [`plan::due_window`] allows, instead of the plain
//!   interval: intervals are capped as the exam approaches so that the card's predicted recall
//!   on the exam day stays at or above the target, and the last days' load is spread. Again
//!   keeps its ten-minute step; after the exam day ordinary scheduling resumes.
//! - [`super::build_queue_with_exam_dates`] paces new facts of such a deck with
//!   [`plan::new_facts_today`]: what is left spread over the days before the last week,
//!   within the learner's new-per-day limit.
//!
//! A session builds it once after loading the states, and tells it of each answer:
//!
//! ```text
//! let decks = library.decks.iter().map(|f| &f.deck);
//! let mut exams = ExamDates::from_decks(decks, settings.exam_target, args.exam); // --exam DATE
//! exams.count_load(&states, &day);
//! let queue = build_queue_with_exam_dates(&QueueInput { .. }, &exams);
//! let next = scheduler.next_states_with_exam_dates(&key, &before, &day, &exams)?;
//! let after = next.get(grade).state.clone();
//! exams.moved(before.due, after.due, &day);
//! ```

pub mod plan;
pub mod reach;

use std::collections::HashMap;

use jiff::Timestamp;
use jiff::civil::Date;

use super::{
    CardState, CardStates, Grade, Interval, NextStates, ScheduleError, Scheduler, StudyDay,
};
use crate::deck::Deck;
use crate::ids::{CardKey, DeckId};
use plan::ExamGoal;

/// Exam dates by deck, the exam-day target and the review load per coming day.
#[derive(Clone, Debug, Default)]
pub struct ExamDates {
    dates: HashMap<DeckId, Date>,
    target: f32,
    /// Reviews due per learner day, from today on.
    load: HashMap<Date, u32>,
}

impl ExamDates {
    /// No exam: every function taking `&ExamDates` schedules plainly.
    pub fn none() -> ExamDates {
        ExamDates::default()
    }

    /// ExamDates with recall `target` wanted on the exam day, no deck yet.
    pub fn new(target: f32) -> ExamDates {
        ExamDates { target, ..ExamDates::default() }
    }

    /// The exam date of each deck: `all` (a `--exam DATE` for the run) for every deck, else the
    /// deck's own `exam` field.
    pub fn from_decks<'a>(
        decks: impl IntoIterator<Item = &'a Deck>,
        target: f32,
        all: Option<Date>,
    ) -> ExamDates {
        let mut exams = ExamDates::new(target);
        for deck in decks {
            if let Some(date) = all.or(deck.exam) {
                exams.set(deck.id.clone(), date);
            }
        }
        exams
    }

    /// Sets one deck's exam date.
    pub fn set(&mut self, deck: DeckId, date: Date) {
        self.dates.insert(deck, date);
    }

    /// The deck's exam date, if it has one.
    pub fn date(&self, deck: &DeckId) -> Option<Date> {
        self.dates.get(deck).copied()
    }

    /// The deck's exam date if it is still ahead of `today` (exam mode applies).
    pub fn ahead(&self, deck: &DeckId, today: Date) -> Option<Date> {
        self.date(deck).filter(|d| *d > today)
    }

    /// Changes the recall wanted on the exam day (a scheduler that corrects for a learner who
    /// passes fewer reviews than predicted asks for more).
    pub fn set_target(&mut self, target: f32) {
        self.target = target;
    }

    pub fn target(&self) -> f32 {
        self.target
    }

    /// Counts the reviews due on each learner day from today on (suspended cards left out,
    /// buried ones on the day their bury ends).
    pub fn count_load(&mut self, states: &CardStates, day: &StudyDay) {
        self.load.clear();
        if self.dates.is_empty() {
            return;
        }
        let today = day.today();
        for state in states.values() {
            if let Some(due) = state.next_due() {
                let date = day.day_of(due).max(today);
                *self.load.entry(date).or_insert(0) += 1;
            }
        }
    }

    /// Reviews due on `date`.
    pub fn load(&self, date: Date) -> u32 {
        self.load.get(&date).copied().unwrap_or(0)
    }

    /// Keeps the load current when an answer moves a card from `old` to `new` due time.
    pub fn moved(&mut self, old: Option<Timestamp>, new: Option<Timestamp>, day: &StudyDay) {
        if self.dates.is_empty() {
            return;
        }
        let today = day.today();
        if let Some(slot) = old.and_then(|t| self.load.get_mut(&day.day_of(t).max(today))) {
            *slot = slot.saturating_sub(1);
        }
        if let Some(t) = new {
            *self.load.entry(day.day_of(t).max(today)).or_insert(0) += 1;
        }
    }
}

/// Days since 1970-01-01, the day numbers of [`plan`].
fn day_number(date: Date) -> i64 {
    i64::from(Date::constant(1970, 1, 1).until(date).map_or(0, |s| s.get_days()))
}

impl Scheduler {
    /// [`Scheduler::next_states`], with the exam-date policy for cards of a deck whose exam is
    /// ahead (see the module docs). Intervals come from the exam window, unfuzzed (the load
    /// spreading does fuzz's job), ordered Hard ≤ Good ≤ Easy, capped by the maximum interval.
    pub fn next_states_with_exam_dates(
        &self,
        key: &CardKey,
        state: &CardState,
        day: &StudyDay,
        exams: &ExamDates,
    ) -> Result<NextStates, ScheduleError> {
        let mut next = self.next_states(key, state, day)?;
        let Some(exam) = exams.ahead(&key.deck, day.today()) else { return Ok(next) };
        let today = day_number(day.today());
        let goal = ExamGoal {
            exam_day: day_number(exam),
            target: (exams.target() + plan::PLANNING_MARGIN).min(0.99),
            retention: plan::far_retention(self.desired_retention()),
        };
        let model = self.exam_model();
        let mut floor = 1u32;
        for grade in [Grade::Hard, Grade::Good, Grade::Easy] {
            let n = match grade {
                Grade::Hard => &mut next.hard,
                Grade::Good => &mut next.good,
                _ => &mut next.easy,
            };
            let Some(memory) = n.state.memory else { continue };
            let window = plan::due_window(model, &goal, memory.into(), today);
            let picked = plan::pick_due_day(window, |d| {
                let date = day.today().checked_add(jiff::Span::new().days(d - today));
                date.map_or(0, |date| exams.load(date))
            });
            let days = u32::try_from(picked - today)
                .unwrap_or(1)
                .clamp(1, self.max_interval_days())
                .max(floor);
            floor = days;
            n.interval = Interval::Days(days);
            n.state.due = Some(day.add_days(days));
        }
        Ok(next)
    }

    /// After the memory model changed under the cards (an automatic refit, whose recomputed
    /// memories can say a card is weaker than planned): the new due time of a card of a deck
    /// with its exam ahead whose next review is now due too late for the exam target, `None`
    /// when it is due in time (or not in exam mode). The card comes on the least-loaded day
    /// of the window the new memory allows, from today on; a review is brought forward, never
    /// pushed back. Without this a refit changed memories but not due dates, and a card whose
    /// final review was planned with the old model stayed planned too late: over 200 simulated
    /// learners, 164 reached the target without it, 185 with it (BENCHMARKS.md, issue 18).
    /// In the last days (the last refit) the eve is open too, at [`plan::EVE_LOAD_WEIGHT`]
    /// times its load. The caller updates the load with [`ExamDates::moved`].
    pub fn exam_due_after_refit(
        &self,
        key: &CardKey,
        state: &CardState,
        day: &StudyDay,
        exams: &ExamDates,
    ) -> Option<Timestamp> {
        let exam = exams.ahead(&key.deck, day.today())?;
        let (memory, last, due) = match (state.phase, state.memory, state.last_review, state.due) {
            (super::Phase::Review, Some(memory), Some(last), Some(due)) => (memory, last, due),
            _ => return None,
        };
        let today = day_number(day.today());
        let goal = ExamGoal {
            exam_day: day_number(exam),
            target: (exams.target() + plan::PLANNING_MARGIN).min(0.99),
            retention: plan::far_retention(self.desired_retention()),
        };
        let last_day = day_number(day.day_of(last));
        let window = plan::due_window(self.exam_model(), &goal, memory.into(), last_day);
        let latest = window.latest.max(today);
        let at = |d: i64| day.add_days(u32::try_from(d - today).unwrap_or(0));
        if due <= at(latest) {
            return None;
        }
        let earliest = window.earliest.clamp(today, latest);
        let window = plan::DueWindow { earliest, latest, reason: window.reason };
        let load = |d: i64| {
            let date = day.today().checked_add(jiff::Span::new().days(d - today));
            date.map_or(0, |date| exams.load(date))
        };
        let eve = goal.exam_day - 1;
        let picked = if goal.exam_day - today <= plan::LAST_REFIT_DAYS {
            let weighted = |d: i64| {
                if d == eve { load(d).saturating_mul(plan::EVE_LOAD_WEIGHT) } else { load(d) }
            };
            plan::least_loaded(earliest, latest, weighted)
        } else {
            plan::pick_due_day(window, load)
        };
        Some(at(picked))
    }

    /// Predicted recall of a card on the learner day `date` (at its start), `None` if new.
    pub fn recall_on(&self, state: &CardState, date: Date, day: &StudyDay) -> Option<f32> {
        self.retrievability(state, day.start_of(date))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schedule::{Memory, Phase};
    use crate::settings::Settings;
    use jiff::civil::date;
    use jiff::tz::TimeZone;

    fn key(s: &str) -> CardKey {
        s.parse().unwrap()
    }

    fn day(s: &str) -> StudyDay {
        StudyDay::new(s.parse().unwrap(), TimeZone::UTC, 4)
    }

    fn scheduler() -> Scheduler {
        Scheduler::new(&Settings { fuzz: false, ..Settings::default() }, None).unwrap()
    }

    fn exams(exam: Date) -> ExamDates {
        let mut e = ExamDates::new(0.95);
        e.set("d".parse().unwrap(), exam);
        e
    }

    /// A card answered Good on 1 March and 4 March.
    fn learnt() -> CardState {
        let s = scheduler();
        let k = key("d/f/forward");
        let a = s.next_states(&k, &CardState::default(), &day("2026-03-01T10:00:00Z")).unwrap();
        s.next_states(&k, &a.good.state, &day("2026-03-04T10:00:00Z")).unwrap().good.state
    }

    fn days(i: Interval) -> u32 {
        match i {
            Interval::Days(d) => d,
            Interval::Minutes(_) => 0,
        }
    }

    #[test]
    fn a_card_near_the_exam_gets_a_capped_interval() {
        let s = scheduler();
        let k = key("d/f/forward");
        let state = learnt();
        let today = day("2026-03-20T10:00:00Z");
        let plain = s.next_states(&k, &state, &today).unwrap();
        let exam =
            s.next_states_with_exam_dates(&k, &state, &today, &exams(date(2026, 4, 29))).unwrap();
        assert!(days(plain.good.interval) > 40, "{:?}", plain.good.interval);
        // Recall 40 days on would be under the target: the next review comes before the exam,
        // not at the plain interval.
        assert!(days(exam.good.interval) < 40, "{:?}", exam.good.interval);
        assert!(days(exam.hard.interval) <= days(exam.good.interval));
        assert!(days(exam.good.interval) <= days(exam.easy.interval));
        assert_eq!(exam.again, plain.again);
        assert_eq!(exam.good.state.due, Some(today.add_days(days(exam.good.interval))));
        // Memory is the model's either way: only the due date changes.
        assert_eq!(exam.good.state.memory, plain.good.state.memory);
        // Another deck, or the exam behind us: plain scheduling.
        let other = s.next_states_with_exam_dates(
            &key("e/f/forward"),
            &state,
            &today,
            &exams(date(2026, 4, 29)),
        );
        assert_eq!(other.unwrap(), plain);
        let after =
            s.next_states_with_exam_dates(&k, &state, &today, &exams(date(2026, 3, 20))).unwrap();
        assert_eq!(after, plain);
    }

    #[test]
    fn answering_when_due_reaches_the_target_on_the_exam_day() {
        let s = scheduler();
        let exam = date(2026, 5, 1);
        for (fact, first) in [("a", Grade::Good), ("b", Grade::Hard), ("c", Grade::Easy)] {
            let k = key(&format!("d/{fact}/forward"));
            let mut e = exams(exam);
            let mut state = CardState::default();
            let mut now: jiff::Timestamp = "2026-03-01T10:00:00Z".parse().unwrap();
            let mut grade = first;
            let mut reviews = 0;
            while day(&now.to_string()).today() < exam {
                let d = day(&now.to_string());
                let next = s.next_states_with_exam_dates(&k, &state, &d, &e).unwrap();
                let after = next.get(grade).state.clone();
                e.moved(state.due, after.due, &d);
                state = after;
                now = state.due.unwrap();
                grade = Grade::Good;
                reviews += 1;
            }
            let d = day("2026-05-01T10:00:00Z");
            let r = s.recall_on(&state, exam, &d).unwrap();
            assert!(r >= 0.95, "{fact}: recall {r} on the exam day after {reviews} reviews");
            assert_eq!(state.phase, Phase::Review);
        }
    }

    #[test]
    fn a_refit_that_finds_a_card_weaker_brings_its_review_forward_never_back() {
        let s = scheduler();
        let k = key("d/f/forward");
        let today = day("2026-03-20T10:00:00Z");
        let exam = exams(date(2026, 4, 10));
        let mut state = learnt();
        // Planned (with the old model) for after the exam.
        state.due = Some("2026-04-20T10:00:00Z".parse().unwrap());
        // The old memory: strong enough to be safe on the exam day, nothing moves.
        let strong = Memory { stability: 400.0, difficulty: 5.0 };
        state.memory = Some(strong);
        assert_eq!(s.exam_due_after_refit(&k, &state, &today, &exam), None);
        // The refit says the learner forgets faster: a review before the exam, from today on.
        state.memory = Some(Memory { stability: 6.0, ..strong });
        let due = s.exam_due_after_refit(&k, &state, &today, &exam).expect("brought forward");
        assert!(due >= today.add_days(0), "{due}");
        assert!(today.day_of(due) < date(2026, 4, 10), "{due}");
        // Overdue by the new memory (its plain due day is past), so today; and a card already
        // due today stays (a review is never pushed back).
        assert_eq!(today.day_of(due), today.today());
        state.due = Some(today.add_days(0));
        assert_eq!(s.exam_due_after_refit(&k, &state, &today, &exam), None);
        // Reviewed yesterday: the review comes within the new interval, not at once.
        state.last_review = Some("2026-03-19T10:00:00Z".parse().unwrap());
        state.due = Some("2026-04-20T10:00:00Z".parse().unwrap());
        let due = s.exam_due_after_refit(&k, &state, &today, &exam).expect("brought forward");
        assert!(today.day_of(due) > today.today(), "{due}");
        // Stability 6 days from the 19th: recall falls to 0.9 about the 25th.
        assert!(today.day_of(due) <= date(2026, 3, 26), "{due}");
        // Another deck, or no exam ahead: nothing to do.
        let other = key("e/f/forward");
        assert_eq!(s.exam_due_after_refit(&other, &state, &today, &exam), None);
        let past = exams(date(2026, 3, 20));
        assert_eq!(s.exam_due_after_refit(&k, &state, &today, &past), None);
    }

    #[test]
    fn in_the_last_days_a_refit_may_use_the_eve_at_twice_its_load() {
        let s = scheduler();
        let k = key("d/f/forward");
        let today = day("2026-03-20T10:00:00Z");
        let mut state = learnt();
        state.last_review = Some("2026-03-19T10:00:00Z".parse().unwrap());
        state.memory = Some(Memory { stability: 6.0, difficulty: 5.0 });
        state.due = Some("2026-04-20T10:00:00Z".parse().unwrap());
        // The exam on the 23rd: the 20th, 21st and 22nd (the eve) are left.
        let with_load = |eve: u32| {
            let mut exams = exams(date(2026, 3, 23));
            for (d, n) in [(0, 10), (1, 10), (2, eve)] {
                for _ in 0..n {
                    exams.moved(None, Some(today.add_days(d)), &today);
                }
            }
            let due = s.exam_due_after_refit(&k, &state, &today, &exams).expect("brought forward");
            today.day_of(due)
        };
        // The eve, a quarter as loaded as the other days, takes it: twice its load is less.
        assert_eq!(with_load(3), date(2026, 3, 22));
        // Loaded more than half as much as the others: it keeps its room for the lapses.
        assert_ne!(with_load(6), date(2026, 3, 22));
    }

    #[test]
    fn exam_dates_come_from_the_deck_or_the_flag() {
        let deck = |id: &str, exam: Option<Date>| crate::deck::Deck {
            id: id.parse().unwrap(),
            title: id.into(),
            about: None,
            source: None,
            exam,
            facts: vec![],
        };
        let decks = [deck("a", Some(date(2026, 6, 1))), deck("b", None)];
        let e = ExamDates::from_decks(&decks, 0.97, None);
        assert_eq!(e.date(&"a".parse().unwrap()), Some(date(2026, 6, 1)));
        assert_eq!(e.date(&"b".parse().unwrap()), None);
        assert_eq!(e.target(), 0.97);
        let e = ExamDates::from_decks(&decks, 0.95, Some(date(2026, 7, 1)));
        assert_eq!(e.date(&"a".parse().unwrap()), Some(date(2026, 7, 1)));
        assert_eq!(e.date(&"b".parse().unwrap()), Some(date(2026, 7, 1)));
        assert_eq!(e.ahead(&"b".parse().unwrap(), date(2026, 7, 1)), None);
        assert!(e.ahead(&"b".parse().unwrap(), date(2026, 6, 30)).is_some());
    }

    #[test]
    fn load_counts_due_reviews_per_day_and_follows_answers() {
        let mut states = CardStates::default();
        let d = day("2026-03-20T10:00:00Z");
        let mut due = |fact: &str, when: &str| {
            let state = CardState {
                phase: Phase::Review,
                due: Some(when.parse().unwrap()),
                ..CardState::default()
            };
            states.insert(key(&format!("d/{fact}/forward")), state);
        };
        due("a", "2026-03-18T10:00:00Z"); // overdue: counts today
        due("b", "2026-03-20T12:00:00Z");
        due("c", "2026-03-22T10:00:00Z");
        let mut e = exams(date(2026, 4, 1));
        e.count_load(&states, &d);
        assert_eq!(e.load(date(2026, 3, 20)), 2);
        assert_eq!(e.load(date(2026, 3, 22)), 1);
        e.moved(Some("2026-03-20T12:00:00Z".parse().unwrap()), Some(d.add_days(2)), &d);
        assert_eq!(e.load(date(2026, 3, 20)), 1);
        assert_eq!(e.load(date(2026, 3, 22)), 2);
    }
}
