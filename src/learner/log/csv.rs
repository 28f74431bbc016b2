//! Reading review logs in the CSV layout the FSRS projects publish: `card_id, review_rating,
//! review_time, review_duration`.
//!
//! Real exports are messy (a truncated last line, a stray manual entry, a header or none), so a
//! bad row does not sink the file: it is reported with its line number and reason and the rest
//! is kept. Only problems with the file as a whole (no card or rating column, unreadable bytes)
//! are errors.

use std::io::Read;
use std::path::{Path, PathBuf};

use super::ReviewRecord;
use crate::limited;
use crate::schedule::Grade;

/// Why a review log could not be read at all.
#[derive(Debug, thiserror::Error)]
pub enum LogError {
    #[error("the header has no `{0}` column (expected card_id, review_rating, review_time)")]
    MissingColumn(&'static str),
    #[error("cannot read the review log: {0}")]
    Read(#[from] csv::Error),
}

/// A row that was skipped, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowProblem {
    /// 1-based line number in the file.
    pub line: u64,
    pub reason: String,
}

/// The readable rows of a log and the rows that were skipped.
#[derive(Clone, Debug, Default)]
pub struct ParsedLog {
    /// Reviews in file order.
    pub records: Vec<ReviewRecord>,
    pub problems: Vec<RowProblem>,
}

/// Column positions of the four fields.
#[derive(Clone, Copy, Debug)]
struct Columns {
    card: usize,
    rating: usize,
    time: usize,
    duration: Option<usize>,
}

/// Without a header the columns are in the published order.
const DEFAULT_COLUMNS: Columns = Columns { card: 0, rating: 1, time: 2, duration: Some(3) };

/// Parses a review log. A first row whose `card_id` field is not a number is taken as a header
/// and its column names decide the layout (extra columns are ignored); without one the columns
/// are `card_id, review_rating, review_time, review_duration`.
pub fn parse_log(reader: impl Read) -> Result<ParsedLog, LogError> {
    let mut csv = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(reader);
    let mut columns = DEFAULT_COLUMNS;
    let mut log = ParsedLog::default();
    let mut first = true;
    for row in csv.records() {
        let row = match row {
            Ok(row) => row,
            // A row with invalid UTF-8 is one bad row, not a bad file.
            Err(e) => match e.kind() {
                csv::ErrorKind::Utf8 { pos, .. } => {
                    let line = pos.as_ref().map_or(0, |p| p.line());
                    log.problems
                        .push(RowProblem { line, reason: "the row is not valid UTF-8".into() });
                    continue;
                }
                _ => return Err(e.into()),
            },
        };
        let line = row.position().map_or(0, |p| p.line());
        if row.iter().all(str::is_empty) {
            continue;
        }
        if first {
            first = false;
            if row.get(0).is_some_and(|f| f.parse::<i64>().is_err()) {
                columns = header_columns(&row)?;
                continue;
            }
        }
        match parse_row(&row, columns) {
            Ok(record) => log.records.push(record),
            Err(reason) => log.problems.push(RowProblem { line, reason }),
        }
    }
    Ok(log)
}

fn header_columns(row: &csv::StringRecord) -> Result<Columns, LogError> {
    let find =
        |names: &[&str]| row.iter().position(|h| names.iter().any(|n| h.eq_ignore_ascii_case(n)));
    Ok(Columns {
        card: find(&["card_id", "cid"]).ok_or(LogError::MissingColumn("card_id"))?,
        rating: find(&["review_rating", "rating"])
            .ok_or(LogError::MissingColumn("review_rating"))?,
        time: find(&["review_time", "review_datetime", "time"])
            .ok_or(LogError::MissingColumn("review_time"))?,
        duration: find(&["review_duration", "duration"]),
    })
}

fn parse_row(row: &csv::StringRecord, columns: Columns) -> Result<ReviewRecord, String> {
    let field = |index: usize, name: &str| {
        row.get(index)
            .filter(|f| !f.is_empty())
            .ok_or_else(|| format!("missing {name} (column {})", index + 1))
    };
    let card = field(columns.card, "card_id")?;
    let card_id = card.parse::<i64>().map_err(|_| format!("card_id `{card}` is not an integer"))?;
    let rating = field(columns.rating, "review_rating")?;
    let rating = rating
        .parse::<u8>()
        .ok()
        .and_then(Grade::from_number)
        .ok_or_else(|| format!("review_rating `{rating}` is not 1, 2, 3 or 4"))?;
    let reviewed_at = parse_time(field(columns.time, "review_time")?)?;
    let duration_ms =
        match columns.duration.and_then(|i| row.get(i)).filter(|f| !f.is_empty()) {
            None => None,
            Some(d) => Some(d.parse::<u32>().map_err(|_| {
                format!("review_duration `{d}` is not a whole number of milliseconds")
            })?),
        };
    Ok(ReviewRecord { card_id, rating, reviewed_at, duration_ms })
}

/// Epoch milliseconds (all digits) or an ISO-8601/RFC 3339 time with an offset.
fn parse_time(s: &str) -> Result<jiff::Timestamp, String> {
    if s.bytes().all(|b| b.is_ascii_digit()) {
        let ms = s.parse::<i64>().map_err(|_| format!("review_time `{s}` is out of range"))?;
        return jiff::Timestamp::from_millisecond(ms)
            .map_err(|_| format!("review_time `{s}` is out of range"));
    }
    s.parse::<jiff::Timestamp>().map_err(|_| {
        format!("review_time `{s}` is neither an ISO-8601 time with offset nor epoch milliseconds")
    })
}

/// A review log file that could not be read at all.
#[derive(Debug, thiserror::Error)]
pub enum ReadLogError {
    #[error("cannot open the review log {}", path.display())]
    Open {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// Not a regular file, or larger than [`limited::REVIEW_LOG`].
    #[error(transparent)]
    Refused(limited::ReadError),
    #[error("cannot read the review log {}", path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: LogError,
    },
}

/// At most this many skipped rows are listed one by one by [`ParsedLog::skipped_warnings`];
/// the rest are counted.
const LISTED_PROBLEMS: usize = 10;

/// Reads the review log at `path` ([`parse_log`]): a regular file of at most
/// [`limited::REVIEW_LOG`] (a device or a pipe is refused before it is read, and a file that
/// grows past the limit while it is read is refused, not cut).
pub fn read_log(path: &Path) -> Result<ParsedLog, ReadLogError> {
    let (file, _) = limited::open(path, limited::REVIEW_LOG).map_err(|e| match e {
        limited::ReadError::Io { path, source } => ReadLogError::Open { path, source },
        other => ReadLogError::Refused(other),
    })?;
    let capped = limited::Capped::new(std::io::BufReader::new(file), limited::REVIEW_LOG);
    parse_log(capped).map_err(|source| match &source {
        LogError::Read(e) if matches!(e.kind(), csv::ErrorKind::Io(io) if limited::is_too_large(io)) => {
            ReadLogError::Refused(limited::ReadError::TooLarge {
                path: path.to_path_buf(),
                size: None,
                limit: limited::REVIEW_LOG,
            })
        }
        _ => ReadLogError::Read { path: path.to_path_buf(), source },
    })
}

impl ParsedLog {
    /// The warnings for the rows skipped in the log at `path`, one line each (the first ten,
    /// then a count), for stderr; empty when none was skipped.
    pub fn skipped_warnings(&self, path: &Path) -> String {
        let mut out = String::new();
        for problem in self.problems.iter().take(LISTED_PROBLEMS) {
            out.push_str(&format!(
                "recall: warning: {}:{}: skipped: {}\n",
                path.display(),
                problem.line,
                problem.reason
            ));
        }
        if self.problems.len() > LISTED_PROBLEMS {
            out.push_str(&format!(
                "recall: warning: {}: {} more rows skipped\n",
                path.display(),
                self.problems.len() - LISTED_PROBLEMS
            ));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skipped_rows_are_listed_ten_at_most_then_counted() {
        let mut log = ParsedLog::default();
        assert_eq!(log.skipped_warnings(Path::new("log.csv")), "");
        log.problems =
            (1..=12).map(|line| RowProblem { line, reason: "no rating".into() }).collect();
        let text = log.skipped_warnings(Path::new("log.csv"));
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 11);
        assert_eq!(lines[0], "recall: warning: log.csv:1: skipped: no rating");
        assert_eq!(lines[10], "recall: warning: log.csv: 2 more rows skipped");
        assert!(text.ends_with('\n'));
    }

    #[test]
    fn a_log_that_cannot_be_opened_names_its_path() {
        let err = read_log(Path::new("/nonexistent/log.csv")).unwrap_err();
        assert!(matches!(err, ReadLogError::Open { .. }));
        assert_eq!(err.to_string(), "cannot open the review log /nonexistent/log.csv");
    }

    #[test]
    fn reads_header_iso_and_epoch_times() {
        let text = "card_id,review_rating,review_time,review_duration\n\
                    7,3,2024-03-29T20:32:32.250000+00:00,25060\n\
                    7,1,1711744352250,\n";
        let log = parse_log(text.as_bytes()).unwrap();
        assert!(log.problems.is_empty(), "{:?}", log.problems);
        assert_eq!(log.records.len(), 2);
        assert_eq!(log.records[0].card_id, 7);
        assert_eq!(log.records[0].rating, Grade::Good);
        assert_eq!(log.records[0].reviewed_at.as_millisecond(), 1_711_744_352_250);
        assert_eq!(log.records[0].duration_ms, Some(25060));
        assert_eq!(log.records[1].rating, Grade::Again);
        assert_eq!(log.records[1].reviewed_at.as_millisecond(), 1_711_744_352_250);
        assert_eq!(log.records[1].duration_ms, None);
    }

    #[test]
    fn without_header_uses_published_order() {
        let log = parse_log("1,4,1000,5\n2,2,2000,6\n".as_bytes()).unwrap();
        assert_eq!(log.records.len(), 2);
        assert_eq!(log.records[1].card_id, 2);
        assert_eq!(log.records[1].rating, Grade::Hard);
    }

    #[test]
    fn header_columns_in_any_order() {
        let text = "review_time,extra,review_rating,card_id\n1000,x,2,9\n";
        let log = parse_log(text.as_bytes()).unwrap();
        assert_eq!(log.records.len(), 1);
        assert_eq!(log.records[0].card_id, 9);
        assert_eq!(log.records[0].rating, Grade::Hard);
        assert_eq!(log.records[0].duration_ms, None);
    }

    #[test]
    fn bad_rows_are_reported_with_lines_and_the_rest_kept() {
        let text = "card_id,review_rating,review_time,review_duration\n\
                    1,3,1000,10\n\
                    1,5,2000,10\n\
                    x,3,3000,10\n\
                    1,3,yesterday,10\n\
                    1,3\n\
                    1,3,4000,-2\n\
                    2,1,5000,10\n";
        let log = parse_log(text.as_bytes()).unwrap();
        assert_eq!(log.records.len(), 2);
        let lines: Vec<u64> = log.problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, [3, 4, 5, 6, 7]);
        assert!(log.problems[0].reason.contains("`5` is not 1, 2, 3 or 4"));
        assert!(log.problems[1].reason.contains("card_id `x`"));
        assert!(log.problems[2].reason.contains("`yesterday`"));
        assert!(log.problems[3].reason.contains("missing review_time"));
        assert!(log.problems[4].reason.contains("review_duration `-2`"));
    }

    #[test]
    fn header_without_rating_is_an_error() {
        let err = parse_log("card_id,when\n1,2\n".as_bytes()).unwrap_err();
        assert!(err.to_string().contains("review_rating"), "{err}");
    }
}
