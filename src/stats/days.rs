//! The learner's days: calendar days in their time zone that roll over at a set hour (4 a.m. by
//! default, as in Anki), so a review at 1 a.m. still counts for the evening before.

use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Span, Timestamp};

/// The hour at which a learner's day begins, by default.
pub const DEFAULT_ROLLOVER_HOUR: u8 = 4;

/// Maps instants to learner days and back.
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

    /// The learner day `t` falls in.
    pub fn day_of(&self, t: Timestamp) -> Date {
        let local = self.tz.to_datetime(t);
        local.saturating_sub(SignedDuration::from_hours(i64::from(self.rollover_hour))).date()
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

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

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
