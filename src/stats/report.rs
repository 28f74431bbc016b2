//! `recall stats` in one value: everything the command shows, computed from the store's rows.

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;

use super::activity::{self, RETENTION_WINDOWS, RetentionWindow};
use super::days::{DEFAULT_ROLLOVER_HOUR, LearnerDays, add_days, monday_of};
use super::index::{CardLookup, FactIndex};
use super::input::{CardFact, CardTally, ReviewFact, SessionFact};
use super::memory::{self, CardCounts, DayCount, ExamOutlook, ExamPace, Mastery, WeakFact};
use crate::deck::Library;

/// Days in the due forecast (today and the 29 after).
pub const FORECAST_DAYS: usize = 30;
/// Facts in the "weakest facts" list.
pub const WEAKEST_FACTS: usize = 10;

/// The outside values statistics depend on, read once at the edge.
#[derive(Clone, Debug)]
pub struct StatsParams {
    pub now: Timestamp,
    /// The learner's days: time zone and rollover hour.
    pub days: LearnerDays,
    /// The retention the scheduler aims at (a setting; 0.9 by default).
    pub desired_retention: f64,
    /// FSRS-6 decay (`w20`) of the forgetting curve; the learner's optimized value when there is
    /// one, else the crate's default.
    pub decay: f32,
    /// The exam date: `--exam`, or the earliest upcoming `exam` of the decks ([`exam_date`]).
    pub exam: Option<Date>,
    /// Today's pace of new facts for the exam, from the scheduler; `None` when nothing is paced.
    pub exam_pace: Option<ExamPace>,
    /// Whether the exam target is within reach, from the scheduler; `None` without an exam ahead.
    pub exam_reach: Option<memory::ExamReach>,
}

impl StatsParams {
    /// Defaults: days roll over at 4 a.m., desired retention 0.9, default FSRS-6 decay, no exam.
    pub fn new(now: Timestamp, tz: TimeZone) -> StatsParams {
        StatsParams {
            now,
            days: LearnerDays::new(tz, DEFAULT_ROLLOVER_HOUR),
            desired_retention: 0.9,
            decay: crate::schedule::decay(&fsrs::DEFAULT_PARAMETERS),
            exam: None,
            exam_pace: None,
            exam_reach: None,
        }
    }
}

/// The earliest exam date of the library's decks that is not past (`today` or later).
pub fn exam_date(library: &Library, today: Date) -> Option<Date> {
    library.decks.iter().filter_map(|d| d.deck.exam).filter(|d| *d >= today).min()
}

/// Everything `recall stats` shows.
#[derive(Clone, Debug, PartialEq)]
pub struct StatsReport {
    pub now: Timestamp,
    /// The learner day `now` falls in.
    pub today: Date,
    pub cards: CardCounts,
    /// Reviews due before tomorrow (overdue included); equals `forecast[0].count`.
    pub due_today: u32,
    /// Reviews due on each of the [`FORECAST_DAYS`] days from today.
    pub forecast: Vec<DayCount>,
    pub desired_retention: f64,
    pub retention: Vec<RetentionWindow>,
    pub streak_days: u32,
    pub study_time_seconds: u64,
    /// Sessions in the store (all decks), counted as `recall history` lists them: those left
    /// before their first answer are not sessions ([`super::history::is_listed`]).
    pub sessions: u32,
    /// Answers to the library's facts, all time.
    pub reviews: u64,
    /// Answers per day over the last 26 weeks, from a Monday to today.
    pub heatmap: Vec<DayCount>,
    /// Weakest first.
    pub topics: Vec<Mastery>,
    /// Weakest first.
    pub tags: Vec<Mastery>,
    pub weakest: Vec<WeakFact>,
    pub exam: Option<ExamOutlook>,
}

impl StatsReport {
    /// Nothing studied yet: no answers and no sessions.
    pub fn is_empty(&self) -> bool {
        self.reviews == 0 && self.sessions == 0
    }
}

/// The earliest instant whose reviews statistics need one by one: the start of the longest
/// retention window or of the calendar, whichever is earlier. Older reviews only count towards
/// per-fact accuracy and the review total, so they may be passed counted ([`CardTally`]).
pub fn detail_since(params: &StatsParams) -> jiff::Timestamp {
    let days = &params.days;
    let today = days.day_of(params.now);
    let longest = RETENTION_WINDOWS.iter().max().copied().unwrap_or(365);
    let window = add_days(today, 1 - i64::from(longest));
    let calendar = add_days(monday_of(today), -7 * (activity::HEATMAP_WEEKS as i64 - 1));
    days.start_of(window.min(calendar))
}

/// Computes the whole report. Cards and reviews of facts outside `library` are left out (the
/// learner asked about these decks), and so are reviews of cards not in `cards`; sessions
/// count whole for the streak and study time, which are about the learner rather than a deck.
pub fn compute_stats(
    library: &Library,
    cards: &[CardFact],
    reviews: &[ReviewFact],
    sessions: &[SessionFact],
    params: &StatsParams,
) -> StatsReport {
    compute_stats_counted(library, cards, &[], reviews, sessions, params)
}

/// [`compute_stats`] with the answers before [`detail_since`] counted per card (`counted`)
/// and only the later ones in `reviews`.
pub fn compute_stats_counted(
    library: &Library,
    cards: &[CardFact],
    counted: &[CardTally],
    reviews: &[ReviewFact],
    sessions: &[SessionFact],
    params: &StatsParams,
) -> StatsReport {
    let index = FactIndex::new(library);
    let days = &params.days;
    let today = days.day_of(params.now);
    let exam_start = params.exam.map(|d| days.start_of(d));

    let counts = memory::card_counts(&index, cards);
    let forecast = memory::due_forecast(&index, cards, days, today, FORECAST_DAYS);
    let facts = memory::fact_memory(&index, cards, params.now, exam_start, params.decay);
    let lookup = CardLookup::new(&index, cards);
    let mut tallies = activity::review_tallies(&index, &lookup, reviews, days, today);
    activity::add_counted(&mut tallies, &lookup, counted);

    StatsReport {
        now: params.now,
        today,
        cards: counts,
        due_today: forecast.first().map_or(0, |d| d.count),
        forecast,
        desired_retention: params.desired_retention,
        retention: tallies.retention,
        streak_days: activity::streak(sessions, days, today),
        study_time_seconds: activity::study_time_seconds(sessions),
        sessions: sessions.iter().filter(|s| super::history::is_listed(s)).count() as u32,
        reviews: tallies.reviews,
        heatmap: tallies.heatmap,
        topics: memory::topic_mastery(&index, &facts, &tallies.facts),
        tags: memory::tag_mastery(&index, &facts, &tallies.facts),
        weakest: memory::weakest_facts(
            &index,
            &facts,
            &memory::Answered { tally: &tallies.facts, last: &tallies.last },
            WEAKEST_FACTS,
        ),
        exam: params.exam.map(|d| {
            let mut e = memory::exam_outlook(&facts, d, today, params.exam_pace);
            if let Some(reach) = params.exam_reach.filter(|_| d > today) {
                e.recall_range =
                    Some(memory::recall_interval(e.mean_recall_on_exam_day, reach.reviews));
                e.reach = Some(reach);
            }
            e
        }),
    }
}
