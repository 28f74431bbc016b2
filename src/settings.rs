//! The learner's study settings: daily limits, desired retention, the day rollover hour and the
//! time zone that decides the day, when questions switch from recognition to production, the
//! maximum interval and interval fuzz, and the folder of the decks.
//!
//! They are stored as text key/value pairs in the store's `settings` table (only the keys the
//! learner changed are stored, so a default changed in a later version reaches everyone who kept
//! it). This module is the one place that knows the keys, their defaults, their valid ranges and
//! their help text: `recall config` lists [`Settings::KEYS`], validation happens in
//! [`Settings::set`], and per-run flags override fields after loading (e.g.
//! `settings.new_per_day = 5`).
//!
//! It imports nothing of the crate: the scheduler and everything above read it.

use std::fmt;
use std::path::PathBuf;

/// Desired retention of ordinary scheduling unless the learner sets another (Anki's default).
pub const DEFAULT_RETENTION: f32 = 0.9;
/// Recall wanted on the exam day unless the learner sets another.
pub const DEFAULT_TARGET: f32 = 0.95;

/// Every setting, typed. [`Settings::default`] holds the defaults.
#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    /// New cards introduced per learner day.
    pub new_per_day: u32,
    /// Whether a mock paper's questions on cards never answered before use up the day's
    /// new-card allowance. Off by default: a learner who sits a paper still wants today's new
    /// facts, and a paper's first-time questions are a test, not a lesson. Either way such a
    /// card is not introduced again the same day in another direction.
    pub papers_use_new_cards: bool,
    /// Cards answered per learner day (reviews and new cards together), as in Anki.
    pub reviews_per_day: u32,
    /// The probability of recall FSRS aims for when it picks an interval (0.70–0.99).
    pub desired_retention: f32,
    /// The local hour (0–23) at which the learner's day starts, so that a late-night session
    /// still counts as the same day.
    pub rollover_hour: u8,
    /// A card is asked in recognition kinds (multiple choice, true/false) while its FSRS
    /// stability is below this many days, and in production kinds (typed, cloze, reverse,
    /// flashcard) from then on.
    pub recognition_until_days: f32,
    /// No interval is ever longer than this many days.
    pub max_interval_days: u32,
    /// Spread intervals a little (deterministically, by card and review count) so that cards
    /// learnt together do not stay due together forever.
    pub fuzz: bool,
    /// Predicted recall wanted on the exam day for decks with an exam date (0.80–0.99): as the
    /// exam approaches, intervals are capped so each card stays at or above it.
    pub exam_target: f32,
    /// The IANA time zone whose clock decides the learner's day (with `rollover_hour`); `None`
    /// follows the machine's zone, so it only needs setting when the machine's zone is not the
    /// learner's (a server on UTC, a laptop set to home time while travelling).
    pub timezone: Option<String>,
    /// The folder recall reads decks from and writes new decks to when no path is given;
    /// `None` picks one (`./decks` when it exists, else `decks` in the data folder). Stored
    /// absolute, so that it means the same folder wherever recall is run from.
    pub decks_dir: Option<PathBuf>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            new_per_day: 20,
            papers_use_new_cards: false,
            reviews_per_day: 200,
            desired_retention: DEFAULT_RETENTION,
            rollover_hour: 4,
            recognition_until_days: 3.0,
            max_interval_days: 36500,
            fuzz: true,
            exam_target: DEFAULT_TARGET,
            timezone: None,
            decks_dir: None,
        }
    }
}

/// One setting's name and help, as listed by `recall config`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KeyInfo {
    pub key: &'static str,
    pub help: &'static str,
}

/// A setting that does not exist or a value it cannot take.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SettingError {
    #[error("unknown setting `{key}` (known: {known})", known = Settings::key_list())]
    UnknownKey { key: String },
    #[error("`{value}` is not a valid value for {key}: expected {expected}")]
    BadValue { key: String, value: String, expected: &'static str },
}

impl Settings {
    /// The keys, in the order `recall config` shows them.
    pub const KEYS: [KeyInfo; 11] = [
        KeyInfo { key: "new-per-day", help: "new cards introduced per day" },
        KeyInfo {
            key: "papers-use-new-cards",
            help: "a mock paper's first-time questions count toward new-per-day (on/off)",
        },
        KeyInfo { key: "reviews-per-day", help: "cards answered per day, new ones included" },
        KeyInfo { key: "desired-retention", help: "recall probability FSRS aims for (0.70-0.99)" },
        KeyInfo { key: "rollover-hour", help: "local hour at which a new study day starts (0-23)" },
        KeyInfo {
            key: "timezone",
            help: "time zone of your study day: an IANA name such as Asia/Kolkata, or system",
        },
        KeyInfo {
            key: "recognition-until-days",
            help: "ask multiple choice/true-false until a card's stability reaches this many days",
        },
        KeyInfo { key: "max-interval-days", help: "longest interval between reviews, in days" },
        KeyInfo { key: "fuzz", help: "spread intervals slightly so cards do not clump (on/off)" },
        KeyInfo {
            key: "exam-target",
            help: "recall wanted on the exam day for decks with an exam date (0.80-0.99)",
        },
        KeyInfo {
            key: "decks-dir",
            help: "folder of your decks, or auto: ./decks if it exists, else DATA-DIR/decks",
        },
    ];

    /// The value of `timezone` that follows the machine's zone.
    pub const SYSTEM_TIMEZONE: &'static str = "system";
    /// The value of `decks-dir` that lets recall pick the folder.
    pub const AUTO_DECKS_DIR: &'static str = "auto";

    fn key_list() -> String {
        Settings::KEYS.iter().map(|k| k.key).collect::<Vec<_>>().join(", ")
    }

    /// Sets `key` from its text form, validating the value. Used for stored values, for
    /// `recall config KEY VALUE` and for per-run flags.
    pub fn set(&mut self, key: &str, value: &str) -> Result<(), SettingError> {
        let bad = |expected: &'static str| SettingError::BadValue {
            key: key.to_owned(),
            value: value.to_owned(),
            expected,
        };
        let v = value.trim();
        match key {
            "new-per-day" => {
                self.new_per_day =
                    v.parse().ok().filter(|n| *n <= 10_000).ok_or_else(|| bad("0 to 10000"))?
            }
            "reviews-per-day" => {
                self.reviews_per_day =
                    v.parse().ok().filter(|n| *n <= 100_000).ok_or_else(|| bad("0 to 100000"))?
            }
            "desired-retention" => {
                self.desired_retention = v
                    .parse::<f32>()
                    .ok()
                    .filter(|r| (0.70..=0.99).contains(r))
                    .ok_or_else(|| bad("a number from 0.70 to 0.99"))?
            }
            "rollover-hour" => {
                self.rollover_hour = v
                    .parse()
                    .ok()
                    .filter(|h| *h <= 23)
                    .ok_or_else(|| bad("an hour from 0 to 23"))?
            }
            "recognition-until-days" => {
                self.recognition_until_days = v
                    .parse::<f32>()
                    .ok()
                    .filter(|d| d.is_finite() && (0.0..=36500.0).contains(d))
                    .ok_or_else(|| bad("a number of days from 0 to 36500"))?
            }
            "max-interval-days" => {
                self.max_interval_days = v
                    .parse()
                    .ok()
                    .filter(|d| (1..=36500).contains(d))
                    .ok_or_else(|| bad("1 to 36500"))?
            }
            "papers-use-new-cards" => {
                self.papers_use_new_cards = on_off(v).ok_or_else(|| bad("on or off"))?
            }
            "fuzz" => self.fuzz = on_off(v).ok_or_else(|| bad("on or off"))?,
            "exam-target" => {
                self.exam_target = v
                    .parse::<f32>()
                    .ok()
                    .filter(|r| (0.80..=0.99).contains(r))
                    .ok_or_else(|| bad("a number from 0.80 to 0.99"))?
            }
            "timezone" => {
                self.timezone = if v == Settings::SYSTEM_TIMEZONE {
                    None
                } else {
                    // Stored as the database spells it, so `asia/kolkata` lists as Asia/Kolkata.
                    let zone = jiff::tz::TimeZone::get(v).map_err(|_| {
                        bad("a time zone name such as Asia/Kolkata or UTC, or `system`")
                    })?;
                    Some(zone.iana_name().unwrap_or(v).to_owned())
                }
            }
            "decks-dir" => {
                self.decks_dir = if v == Settings::AUTO_DECKS_DIR {
                    None
                } else {
                    let dir = PathBuf::from(v);
                    if !dir.is_absolute() {
                        return Err(bad("an absolute folder path, or `auto`"));
                    }
                    Some(dir)
                }
            }
            _ => return Err(SettingError::UnknownKey { key: key.to_owned() }),
        }
        Ok(())
    }

    /// The value of `key` in the text form [`Settings::set`] accepts.
    pub fn get(&self, key: &str) -> Result<String, SettingError> {
        Ok(match key {
            "new-per-day" => self.new_per_day.to_string(),
            "papers-use-new-cards" => on_off_text(self.papers_use_new_cards).to_owned(),
            "reviews-per-day" => self.reviews_per_day.to_string(),
            "desired-retention" => self.desired_retention.to_string(),
            "rollover-hour" => self.rollover_hour.to_string(),
            "recognition-until-days" => self.recognition_until_days.to_string(),
            "max-interval-days" => self.max_interval_days.to_string(),
            "fuzz" => on_off_text(self.fuzz).to_owned(),
            "exam-target" => self.exam_target.to_string(),
            "timezone" => self.timezone.as_deref().unwrap_or(Settings::SYSTEM_TIMEZONE).to_owned(),
            "decks-dir" => match &self.decks_dir {
                Some(dir) => dir.display().to_string(),
                None => Settings::AUTO_DECKS_DIR.to_owned(),
            },
            _ => return Err(SettingError::UnknownKey { key: key.to_owned() }),
        })
    }

    /// Whether `key` names a setting.
    pub fn is_key(key: &str) -> bool {
        Settings::KEYS.iter().any(|k| k.key == key)
    }
}

/// A switch's value: `on`, `true`, `yes`, `1` or their opposites.
fn on_off(v: &str) -> Option<bool> {
    match v {
        "on" | "true" | "yes" | "1" => Some(true),
        "off" | "false" | "no" | "0" => Some(false),
        _ => None,
    }
}

fn on_off_text(on: bool) -> &'static str {
    if on { "on" } else { "off" }
}

impl fmt::Display for Settings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for k in Settings::KEYS {
            // Every key in KEYS is handled by `get`; an error here would be a bug in this file.
            let value = self.get(k.key).unwrap_or_default();
            writeln!(f, "{} = {}", k.key, value)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_round_trips() {
        let defaults = Settings::default();
        for k in Settings::KEYS {
            let mut s = Settings::default();
            let v = defaults.get(k.key).unwrap();
            s.set(k.key, &v).unwrap();
            assert_eq!(s, defaults, "{}", k.key);
        }
    }

    #[test]
    fn values_are_validated() {
        let mut s = Settings::default();
        s.set("new-per-day", "5").unwrap();
        assert_eq!(s.new_per_day, 5);
        s.set("fuzz", "off").unwrap();
        assert!(!s.fuzz);
        s.set("papers-use-new-cards", "on").unwrap();
        assert!(s.papers_use_new_cards);
        assert_eq!(s.get("papers-use-new-cards").unwrap(), "on");
        assert!(matches!(
            s.set("papers-use-new-cards", "maybe"),
            Err(SettingError::BadValue { .. })
        ));
        assert!(matches!(s.set("new-per-day", "-1"), Err(SettingError::BadValue { .. })));
        assert!(matches!(s.set("desired-retention", "1.5"), Err(SettingError::BadValue { .. })));
        assert!(matches!(s.set("rollover-hour", "24"), Err(SettingError::BadValue { .. })));
        assert!(matches!(s.set("max-interval-days", "0"), Err(SettingError::BadValue { .. })));
        assert!(matches!(s.set("exam-target", "0.5"), Err(SettingError::BadValue { .. })));
        s.set("exam-target", "0.97").unwrap();
        assert_eq!(s.exam_target, 0.97);
        assert!(matches!(s.set("colour", "red"), Err(SettingError::UnknownKey { .. })));
        s.set("timezone", "asia/kolkata").unwrap();
        assert_eq!(s.timezone.as_deref(), Some("Asia/Kolkata"));
        assert!(matches!(s.set("timezone", "Mars/Olympus"), Err(SettingError::BadValue { .. })));
        s.set("timezone", "system").unwrap();
        assert_eq!(s.timezone, None);
        assert!(matches!(s.set("decks-dir", "notes/decks"), Err(SettingError::BadValue { .. })));
        s.set("decks-dir", "/srv/upsc/decks").unwrap();
        assert_eq!(s.get("decks-dir").unwrap(), "/srv/upsc/decks");
        s.set("decks-dir", "auto").unwrap();
        assert_eq!(s.decks_dir, None);
        let msg = s.set("colour", "red").unwrap_err().to_string();
        assert!(msg.contains("new-per-day"), "{msg}");
    }
}
