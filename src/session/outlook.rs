//! What comes after a session: the streak and what is due next, read from the store once the
//! session has ended.

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
    /// Cards of the library due tomorrow (its learner day).
    pub due_tomorrow: usize,
    /// Cards due from tomorrow through the seventh day after today.
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
        let mut due_week = 0;
        for (key, _) in cards {
            if let Some(s) = states.get(key)
                && let Some(due) = s.next_due()
            {
                if due >= t_start && due < t_end {
                    due_tomorrow += 1;
                }
                if due >= t_start && due < week_end {
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
        Ok(Outlook { streak, due_tomorrow, due_week })
    }
}
