//! The learner's day: it starts at the rollover hour (default 4 a.m.) in the learner's time
//! zone, so a session at 1 a.m. still belongs to the evening before, as in Anki. Daily limits,
//! "due today" and FSRS's elapsed days are all counted in these days.

use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan};

/// The learner day that `t` falls in: the local date of `t` shifted back by `rollover_hour`.
pub fn day_of(t: Timestamp, tz: &TimeZone, rollover_hour: u8) -> Date {
    let local = t.to_zoned_datetime(tz.clone()).datetime();
    // Civil arithmetic on a valid local time only fails at the ends of jiff's range (year
    // -9999/9999); there the calendar date itself is the best answer.
    local.checked_sub(i64::from(rollover_hour).hours()).map(|d| d.date()).unwrap_or(local.date())
}

/// "Now" as the scheduler and the queue see it: the instant, the learner's zone and day.
/// Built once per command from [`crate::app::Context`] and the rollover setting.
#[derive(Clone, Debug)]
pub struct StudyDay {
    now: Timestamp,
    tz: TimeZone,
    rollover_hour: u8,
    today: Date,
}

impl StudyDay {
    pub fn new(now: Timestamp, tz: TimeZone, rollover_hour: u8) -> StudyDay {
        let today = day_of(now, &tz, rollover_hour);
        StudyDay { now, tz, rollover_hour, today }
    }

    pub fn now(&self) -> Timestamp {
        self.now
    }

    /// The same learner's day at another instant (same zone and rollover hour): for replaying
    /// a history answer by answer.
    pub fn at(&self, now: Timestamp) -> StudyDay {
        StudyDay::new(now, self.tz.clone(), self.rollover_hour)
    }

    pub fn rollover_hour(&self) -> u8 {
        self.rollover_hour
    }

    pub fn tz(&self) -> &TimeZone {
        &self.tz
    }

    /// Today's learner date.
    pub fn today(&self) -> Date {
        self.today
    }

    /// The learner date of another instant.
    pub fn day_of(&self, t: Timestamp) -> Date {
        day_of(t, &self.tz, self.rollover_hour)
    }

    /// The instant learner day `date` begins (its rollover hour, local time).
    pub fn start_of(&self, date: Date) -> Timestamp {
        let hour = i8::try_from(self.rollover_hour.min(23)).unwrap_or(4);
        date.at(hour, 0, 0, 0)
            .to_zoned_datetime(self.tz.clone())
            .map(|z| z.timestamp())
            // Only fails at the ends of jiff's range, far from any real study day.
            .unwrap_or(self.now)
    }

    /// When today began.
    pub fn start(&self) -> Timestamp {
        self.start_of(self.today)
    }

    /// When today ends (tomorrow's start): cards due before it are due today.
    pub fn end(&self) -> Timestamp {
        match self.today.tomorrow() {
            Ok(d) => self.start_of(d),
            Err(_) => self.now,
        }
    }

    /// Whole learner days from the day of `t` to today (0 for today, never negative): FSRS's
    /// `days_elapsed`, where 0 means a same-day (short-term) review.
    pub fn days_since(&self, t: Timestamp) -> u32 {
        let days = (self.today - self.day_of(t)).get_days();
        u32::try_from(days).unwrap_or(0)
    }

    /// The instant `days` learner days from now, at the same local time (DST-aware).
    pub fn add_days(&self, days: u32) -> Timestamp {
        self.now
            .to_zoned_datetime(self.tz.clone())
            .checked_add(i64::from(days).days())
            .map(|z| z.timestamp())
            .unwrap_or(self.now)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn ts(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    #[test]
    fn the_day_rolls_over_at_four_local_time() {
        // Kolkata is UTC+05:30: 22:29 UTC is 03:59 local (still the 30th's learner day),
        // 22:31 UTC is 04:01 local (the 1st).
        let tz = TimeZone::get("Asia/Kolkata").unwrap();
        assert_eq!(day_of(ts("2026-11-30T22:29:00Z"), &tz, 4), date(2026, 11, 30));
        assert_eq!(day_of(ts("2026-11-30T22:31:00Z"), &tz, 4), date(2026, 12, 1));
        // A 23:00 local session and a 01:00 local session are the same learner day.
        let d = StudyDay::new(ts("2026-12-01T19:30:00Z"), tz.clone(), 4); // 01:00 on the 2nd
        assert_eq!(d.today(), date(2026, 12, 1));
        assert_eq!(d.days_since(ts("2026-12-01T17:30:00Z")), 0); // 23:00 on the 1st
        assert_eq!(d.start(), ts("2026-11-30T22:30:00Z"));
        assert_eq!(d.end(), ts("2026-12-01T22:30:00Z"));
        // With rollover at midnight the 01:00 session is a new day.
        let m = StudyDay::new(ts("2026-12-01T19:30:00Z"), tz, 0);
        assert_eq!(m.today(), date(2026, 12, 2));
    }

    #[test]
    fn days_pass_in_learner_days() {
        let d = StudyDay::new(ts("2026-12-05T10:00:00Z"), TimeZone::UTC, 4);
        assert_eq!(d.days_since(ts("2026-12-04T23:00:00Z")), 1);
        assert_eq!(d.days_since(ts("2026-12-05T03:00:00Z")), 1); // before 4 a.m.: yesterday
        assert_eq!(d.days_since(ts("2026-12-05T05:00:00Z")), 0);
        assert_eq!(d.days_since(ts("2026-12-09T05:00:00Z")), 0); // the future counts as today
        assert_eq!(d.add_days(3), ts("2026-12-08T10:00:00Z"));
    }
}
