//! The learner's day: it starts at the rollover hour (default 4 a.m.) in the learner's time
//! zone, so a session at 1 a.m. still belongs to the evening before, as in Anki. Daily limits,
//! "due today", FSRS's elapsed days, statistics (streaks, calendars, forecasts) and the days of
//! imported review logs are all counted in these days: [`LearnerDays`] is the one definition,
//! and [`StudyDay`] is it together with "now".
//!
//! Days are civil: a learner day runs from the rollover hour on one date to the rollover hour
//! on the next, local time, so around daylight-saving changes a day lasts 23 or 25 hours.

use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Span, Timestamp, ToSpan};

/// The hour at which a learner's day begins, by default.
pub const DEFAULT_ROLLOVER_HOUR: u8 = 4;

/// Maps instants to learner days and back: days in a time zone that begin at a rollover hour.
#[derive(Clone, Debug)]
pub struct LearnerDays {
    tz: TimeZone,
    rollover_hour: u8,
}

impl LearnerDays {
    /// Days in `tz` that begin at `rollover_hour` (0–23; larger values are taken as 23).
    pub fn new(tz: TimeZone, rollover_hour: u8) -> LearnerDays {
        LearnerDays { tz, rollover_hour: rollover_hour.min(23) }
    }

    pub fn tz(&self) -> &TimeZone {
        &self.tz
    }

    pub fn rollover_hour(&self) -> u8 {
        self.rollover_hour
    }

    /// The learner day `t` falls in: the local date of `t` shifted back by the rollover hour.
    pub fn day_of(&self, t: Timestamp) -> Date {
        let local = self.tz.to_datetime(t);
        local.saturating_sub(SignedDuration::from_hours(i64::from(self.rollover_hour))).date()
    }

    /// The learner day of `t` as a number: whole days since 1970-01-01 (FSRS logs count days
    /// this way).
    pub fn day_number(&self, t: Timestamp) -> i64 {
        days_between(Date::constant(1970, 1, 1), self.day_of(t))
    }

    /// The instant learner day `d` begins: `d` at the rollover hour, local time. In a
    /// daylight-saving gap the later instant is taken, as jiff's "compatible" rule does.
    pub fn start_of(&self, d: Date) -> Timestamp {
        let local = d.at(self.rollover_hour as i8, 0, 0, 0);
        // Only fails at the ends of jiff's range (years ±9999), where "never" is the answer.
        self.tz.to_ambiguous_timestamp(local).compatible().unwrap_or(Timestamp::MAX)
    }

    /// The start of each of the `n + 1` days from `first`: `starts[i]..starts[i + 1]` is day
    /// `first + i`, so a sorted search of these bounds places any instant in its day without
    /// a time-zone lookup per instant.
    pub fn starts(&self, first: Date, n: usize) -> Vec<Timestamp> {
        (0..=n).map(|i| self.start_of(add_days(first, i as i64))).collect()
    }
}

/// `d` moved by `days` (negative: back), held at the calendar's ends.
pub fn add_days(d: Date, days: i64) -> Date {
    match Span::new().try_days(days) {
        Ok(span) => d.saturating_add(span),
        Err(_) if days < 0 => Date::MIN,
        Err(_) => Date::MAX,
    }
}

/// Whole days from `a` to `b` (negative when `b` is earlier).
pub fn days_between(a: Date, b: Date) -> i64 {
    i64::from((b - a).get_days())
}

/// The Monday of `d`'s week.
pub fn monday_of(d: Date) -> Date {
    add_days(d, -i64::from(d.weekday().to_monday_zero_offset()))
}

/// The learner day that `t` falls in (see [`LearnerDays::day_of`]).
pub fn day_of(t: Timestamp, tz: &TimeZone, rollover_hour: u8) -> Date {
    LearnerDays::new(tz.clone(), rollover_hour).day_of(t)
}

/// "Now" as the scheduler and the queue see it: the instant, the learner's days and today.
/// Built once per command from [`crate::context::Context`] and the rollover setting.
#[derive(Clone, Debug)]
pub struct StudyDay {
    now: Timestamp,
    days: LearnerDays,
    today: Date,
}

impl StudyDay {
    pub fn new(now: Timestamp, tz: TimeZone, rollover_hour: u8) -> StudyDay {
        let days = LearnerDays::new(tz, rollover_hour);
        let today = days.day_of(now);
        StudyDay { now, days, today }
    }

    pub fn now(&self) -> Timestamp {
        self.now
    }

    /// The same learner's day at another instant (same zone and rollover hour): for replaying
    /// a history answer by answer.
    pub fn at(&self, now: Timestamp) -> StudyDay {
        let today = self.days.day_of(now);
        StudyDay { now, days: self.days.clone(), today }
    }

    pub fn rollover_hour(&self) -> u8 {
        self.days.rollover_hour()
    }

    pub fn tz(&self) -> &TimeZone {
        self.days.tz()
    }

    /// The learner's days (zone and rollover hour).
    pub fn days(&self) -> &LearnerDays {
        &self.days
    }

    /// Today's learner date.
    pub fn today(&self) -> Date {
        self.today
    }

    /// The learner date of another instant.
    pub fn day_of(&self, t: Timestamp) -> Date {
        self.days.day_of(t)
    }

    /// The instant learner day `date` begins (its rollover hour, local time).
    pub fn start_of(&self, date: Date) -> Timestamp {
        self.days.start_of(date)
    }

    /// When today began.
    pub fn start(&self) -> Timestamp {
        self.start_of(self.today)
    }

    /// When today ends (tomorrow's start): cards due before it are due today.
    pub fn end(&self) -> Timestamp {
        self.start_of(add_days(self.today, 1))
    }

    /// Whole learner days from the day of `t` to today (0 for today, never negative): FSRS's
    /// `days_elapsed`, where 0 means a same-day (short-term) review.
    pub fn days_since(&self, t: Timestamp) -> u32 {
        u32::try_from(days_between(self.day_of(t), self.today)).unwrap_or(0)
    }

    /// The instant `days` learner days from now, at the same local time (DST-aware).
    pub fn add_days(&self, days: u32) -> Timestamp {
        self.now
            .to_zoned_datetime(self.days.tz().clone())
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

    fn kolkata() -> LearnerDays {
        // POSIX rules rather than the system's zone files, so the tests run anywhere.
        LearnerDays::new(TimeZone::posix("IST-5:30").unwrap(), 4)
    }

    #[test]
    fn the_day_rolls_over_at_the_set_hour() {
        let days = kolkata();
        // 03:59 IST on 1 Dec still belongs to 30 Nov; 04:00 IST starts 1 Dec.
        assert_eq!(days.day_of("2026-11-30T22:29:00Z".parse().unwrap()), date(2026, 11, 30));
        assert_eq!(days.day_of("2026-11-30T22:30:00Z".parse().unwrap()), date(2026, 12, 1));
        assert_eq!(days.start_of(date(2026, 12, 1)), "2026-11-30T22:30:00Z".parse().unwrap());
        let midnight = LearnerDays::new(TimeZone::UTC, 0);
        assert_eq!(midnight.day_of("2026-12-01T00:00:00Z".parse().unwrap()), date(2026, 12, 1));
    }

    #[test]
    fn starts_bound_each_day() {
        let days = kolkata();
        let starts = days.starts(date(2026, 12, 1), 2);
        assert_eq!(starts.len(), 3);
        assert_eq!(starts[2], "2026-12-02T22:30:00Z".parse().unwrap());
    }

    #[test]
    fn daylight_saving_days_are_23_and_25_hours() {
        let days = LearnerDays::new(TimeZone::posix("CET-1CEST,M3.5.0,M10.5.0/3").unwrap(), 4);
        // Clocks go forward at 02:00 on Sunday 29 March 2026, inside the learner day of
        // Saturday the 28th (04:00 to 04:00).
        let s = days.starts(date(2026, 3, 28), 2);
        assert_eq!(s[1].duration_since(s[0]), SignedDuration::from_hours(23));
        assert_eq!(s[2].duration_since(s[1]), SignedDuration::from_hours(24));
        // And back at 03:00 on Sunday 25 October.
        let s = days.starts(date(2026, 10, 24), 1);
        assert_eq!(s[1].duration_since(s[0]), SignedDuration::from_hours(25));
    }

    #[test]
    fn date_helpers() {
        assert_eq!(add_days(date(2026, 12, 30), 3), date(2027, 1, 2));
        assert_eq!(days_between(date(2026, 12, 30), date(2027, 1, 2)), 3);
        assert_eq!(monday_of(date(2026, 12, 6)), date(2026, 11, 30));
        assert_eq!(monday_of(date(2026, 11, 30)), date(2026, 11, 30));
    }
}
