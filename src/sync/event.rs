//! The line format of the synced review log: one JSON object per line, one event per object.
//!
//! Every line carries its format version (`v`), a globally unique id (a UUIDv7, so ids sort
//! roughly by creation time and two devices never make the same one), the device that wrote it,
//! that device's sequence number (1, 2, 3 … in the order it wrote its events) and the time the
//! event happened with the device's UTC offset. What happened is in `type` and its fields.
//!
//! A reader never guesses: a line whose `v` is newer than [`VERSION`], or whose `type` this
//! version does not know, is [`Parsed::Newer`] (skipped and counted, with a message asking for
//! an update); a line that is not an event at all (a torn write, a hand edit) is
//! [`Parsed::Damaged`]. Fields a newer version adds to a known type are ignored, so adding a
//! field needs no new version; changing the meaning of one does.
//!
//! Pure: no files, no clock.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// The line format this version writes and reads in full.
pub const VERSION: u32 = 1;

/// One event, as a line holds it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// The line format version.
    pub v: u32,
    /// Globally unique (UUIDv7): union of logs is by this id.
    pub id: String,
    /// The device that wrote the line; only it appends to `log/<device>/`.
    pub device: String,
    /// 1, 2, 3 … per device, in writing order: breaks ties between equal times.
    pub seq: u64,
    /// When it happened, RFC 3339 with the device's offset (`2026-12-05T10:30:00+05:30`).
    pub time: String,
    #[serde(flatten)]
    pub body: Body,
}

/// What happened.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum Body {
    /// One answer to one card (study, cram, a mock paper's answers, imported history).
    Answer(AnswerEvent),
    /// A finished session (study, cram or a mock paper with its questions and choices).
    Session(SessionEvent),
    /// Voids an earlier event (an undone answer, or one deleted with its card's history).
    Undo { target: String },
    /// The card was made new again at `time`; its answers before stay in history.
    Reset { card: String },
    /// A setting changed (`value: null`: back to its default); the latest one wins.
    Setting { key: String, value: Option<String> },
    /// Newly fitted FSRS parameters; the latest one wins.
    Parameters { parameters: Vec<f32>, reviews: u64 },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AnswerEvent {
    /// `deck/fact/direction`.
    pub card: String,
    /// 1 Again … 4 Easy.
    pub grade: u8,
    pub duration_ms: u32,
    /// The question kind's slug (`multiple-choice`, `typed` …).
    pub kind: String,
    pub response: String,
    pub correct: bool,
    pub outcome: String,
    /// A cram answer is history only: it never moves the card's schedule.
    #[serde(default)]
    pub cram: bool,
    /// The id of the session event the answer belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session: Option<String>,
    /// Where an imported review came from (`csv:…`, `anki:…`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub imported: Option<String>,
    /// Unix seconds the answer is ordered by on its card: its own time, or one second after
    /// the latest order of the answers to the card its device had seen when it answered if
    /// that is later, so a device whose clock runs behind cannot put an answer before one it
    /// followed.
    pub order: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SessionEvent {
    /// `study`, `cram` or `exam`.
    pub mode: String,
    pub decks: Vec<String>,
    pub started: i64,
    pub ended: Option<i64>,
    pub questions: u32,
    pub right: u32,
    pub wrong: u32,
    pub score: Option<f64>,
    pub extra: Option<serde_json::Value>,
    /// A mock paper's questions as asked, with the option chosen and the mark; in a study or
    /// cram session, its statement sets, whose `reviews` and `after` name answers by their
    /// event ids (each computer stores its own rows for them).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub paper: Vec<PaperQuestion>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PaperQuestion {
    pub position: u32,
    pub card: String,
    pub question: serde_json::Value,
    pub chosen: Option<u32>,
    pub marked: bool,
    pub answered_at: Option<i64>,
}

/// One line, read.
#[derive(Clone, Debug, PartialEq)]
pub enum Parsed {
    Event(Box<Event>),
    /// Written by a newer recall (a newer `v`, or a `type` this version does not know).
    Newer {
        version: u32,
    },
    /// Not an event: a torn last line, a hand edit. Never misread as one.
    Damaged(String),
    /// An empty line (what completes a torn one).
    Blank,
}

/// Reads one line.
pub fn parse(line: &str) -> Parsed {
    if line.trim().is_empty() {
        return Parsed::Blank;
    }
    let value: serde_json::Value = match serde_json::from_str(line) {
        Ok(v) => v,
        Err(e) => return Parsed::Damaged(e.to_string()),
    };
    let Some(version) = value.get("v").and_then(serde_json::Value::as_u64) else {
        return Parsed::Damaged("no format version `v`".into());
    };
    let version = u32::try_from(version).unwrap_or(u32::MAX);
    if version > VERSION {
        return Parsed::Newer { version };
    }
    let known = value.get("type").and_then(serde_json::Value::as_str).is_some_and(|t| {
        matches!(t, "answer" | "session" | "undo" | "reset" | "setting" | "parameters")
    });
    if !known {
        return Parsed::Newer { version };
    }
    match serde_json::from_value::<Event>(value) {
        Ok(event) if event.timestamp().is_some() => Parsed::Event(Box::new(event)),
        Ok(event) => Parsed::Damaged(format!("bad time `{}`", event.time)),
        Err(e) => Parsed::Damaged(e.to_string()),
    }
}

impl Event {
    /// The line, without its newline.
    pub fn to_line(&self) -> String {
        // A struct of strings, numbers and JSON values always serializes.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The event's instant.
    pub fn timestamp(&self) -> Option<Timestamp> {
        self.time.parse().ok()
    }
}

/// `time` written with the offset of `tz` at that instant.
pub fn time_text(time: Timestamp, tz: &jiff::tz::TimeZone) -> String {
    time.to_zoned_datetime(tz.clone()).strftime("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

/// A new event id: a UUIDv7 at `time` (its first 48 bits are the milliseconds, the rest
/// random).
pub fn new_id(time: Timestamp) -> String {
    let ms = time.as_millisecond().max(0) as u64;
    let ts = uuid::Timestamp::from_unix(uuid::NoContext, ms / 1000, (ms % 1000) as u32 * 1_000_000);
    uuid::Uuid::new_v7(ts).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer() -> Event {
        Event {
            v: VERSION,
            id: new_id("2026-12-05T10:00:00Z".parse().unwrap()),
            device: "d1".into(),
            seq: 7,
            time: "2026-12-05T15:30:00+05:30".into(),
            body: Body::Answer(AnswerEvent {
                card: "polity/a/forward".into(),
                grade: 3,
                duration_ms: 1200,
                kind: "typed".into(),
                response: "x".into(),
                correct: true,
                outcome: "correct".into(),
                cram: false,
                session: None,
                imported: None,
                order: 1_796_470_200,
            }),
        }
    }

    #[test]
    fn a_line_reads_back_as_the_same_event() {
        let e = answer();
        let line = e.to_line();
        assert!(line.contains(r#""type":"answer""#), "{line}");
        assert_eq!(parse(&line), Parsed::Event(Box::new(e.clone())));
        assert_eq!(
            e.timestamp().unwrap(),
            "2026-12-05T10:00:00Z".parse::<Timestamp>().unwrap(),
            "the offset is kept and read"
        );
    }

    #[test]
    fn every_kind_of_event_round_trips() {
        let bodies = [
            Body::Undo { target: "x".into() },
            Body::Reset { card: "a/b/forward".into() },
            Body::Setting { key: "new-per-day".into(), value: Some("5".into()) },
            Body::Setting { key: "new-per-day".into(), value: None },
            Body::Parameters { parameters: vec![0.5, 1.25], reviews: 40 },
        ];
        for body in bodies {
            let e = Event { body, ..answer() };
            assert_eq!(parse(&e.to_line()), Parsed::Event(Box::new(e)));
        }
    }

    #[test]
    fn a_newer_line_is_skipped_never_misread() {
        let mut line = answer().to_line().replacen(r#""v":1"#, r#""v":2"#, 1);
        assert_eq!(parse(&line), Parsed::Newer { version: 2 });
        line = answer().to_line().replacen(r#""type":"answer""#, r#""type":"tag""#, 1);
        assert_eq!(parse(&line), Parsed::Newer { version: 1 });
        // A field added by a newer version to a known type is ignored.
        line = answer().to_line().replacen('{', r#"{"mood":"tired","#, 1);
        assert!(matches!(parse(&line), Parsed::Event(_)));
    }

    #[test]
    fn torn_and_foreign_lines_are_damaged() {
        let line = answer().to_line();
        assert!(matches!(parse(&line[..line.len() / 2]), Parsed::Damaged(_)));
        assert!(matches!(parse(r#"{"id":"x"}"#), Parsed::Damaged(_)));
        assert!(matches!(parse(&line.replace("+05:30", "+99:99")), Parsed::Damaged(_)));
        assert_eq!(parse("  "), Parsed::Blank);
    }

    #[test]
    fn ids_are_unique_and_start_with_their_time() {
        let t: Timestamp = "2026-12-05T10:00:00Z".parse().unwrap();
        let a = new_id(t);
        let b = new_id(t);
        assert_ne!(a, b);
        assert_eq!(&a[..8], &b[..8]);
        assert_eq!(uuid::Uuid::parse_str(&a).unwrap().get_version_num(), 7);
    }
}
