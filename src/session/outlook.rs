//! What comes after a session: the streak and what is due next, read from the store once the
//! session has ended.
//!
//! "Due tomorrow" is what `recall stats` will say is due on that day: the cards falling due
//! then *and* those due today that were not answered (a session stopped halfway leaves them
//! due, and they are still due tomorrow). It used to count only the first, so quitting after
//! 17 of 56 questions said "Due 0 tomorrow" and the next day's stats said "Due 19 today".

use jiff::Timestamp;
use jiff::tz::TimeZone;
use serde::Serialize;

use crate::deck::Fact;
use crate::ids::CardKey;
use crate::schedule::StudyDay;
use crate::stats;
use crate::store::{SessionRecord, Store, StoreError};

/// What comes after the session: the streak and what is due next.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Outlook {
    /// Learner days in a row with a session, today included.
    pub streak: u32,
    /// Cards of the library due by the end of tomorrow (its learner day): those falling due
    /// then and those left from today ([`Outlook::left_today`]), as `recall stats` will count
    /// them tomorrow.
    pub due_tomorrow: usize,
    /// Of [`Outlook::due_tomorrow`], the cards already due today and not answered (learning
    /// cards due later today included).
    pub left_today: usize,
    /// Cards due by the end of the seventh day after today, those left from today included
    /// (tomorrow's `recall stats` "in 7 days").
    pub due_week: usize,
}

impl Outlook {
    /// Reads the sessions and card states after the session ends. `cards`: the library's cards.
    pub fn read(
        store: &Store,
        cards: &[(CardKey, &Fact)],
        now: Timestamp,
        tz: &TimeZone,
        rollover_hour: u8,
    ) -> Result<Outlook, StoreError> {
        let day = StudyDay::new(now, tz.clone(), rollover_hour);
        let states = store.card_states()?;
        let today = day.today();
        let tomorrow = today.tomorrow().unwrap_or(today);
        let (t_start, t_end) =
            (day.start_of(tomorrow), day.start_of(tomorrow.tomorrow().unwrap_or(tomorrow)));
        let week_end = day.start_of(today.checked_add(jiff::Span::new().days(8)).unwrap_or(today));
        let mut due_tomorrow = 0;
        let mut left_today = 0;
        let mut due_week = 0;
        for (key, _) in cards {
            if let Some(s) = states.get(key)
                && let Some(due) = s.next_due()
            {
                if due < t_start {
                    left_today += 1;
                }
                if due < t_end {
                    due_tomorrow += 1;
                }
                if due < week_end {
                    due_week += 1;
                }
            }
        }
        let sessions = store.sessions_between(
            Timestamp::MIN,
            now.checked_add(jiff::SignedDuration::from_hours(24)).unwrap_or(now),
        )?;
        let facts: Vec<stats::SessionFact> =
            sessions.iter().map(SessionRecord::to_session_fact).collect();
        let days = stats::LearnerDays::new(tz.clone(), rollover_hour);
        let streak = stats::activity::streak(&facts, &days, today);
        Ok(Outlook { streak, due_tomorrow, left_today, due_week })
    }
}
