//! `recall history`: one row per session, newest first, and a CSV export of them.

use jiff::civil::DateTime;
use jiff::tz::TimeZone;

use super::input::{ExamStatus, SessionFact, SessionMode};
use super::memory::ratio;

/// Which sessions to list.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct HistoryFilter {
    /// At most this many (the newest).
    pub limit: Option<usize>,
    /// Only sessions of this mode.
    pub mode: Option<SessionMode>,
}

/// A session as `recall history` lists it.
#[derive(Clone, Debug, PartialEq)]
pub struct SessionRow<'a> {
    pub session: &'a SessionFact,
    /// When it started, on the learner's wall clock.
    pub started_local: DateTime,
    /// Share of the answers given that were right: exam questions left blank are not answers,
    /// as the paper's result counts them ("40% of the 5 attempted"). `None` without answers and
    /// for an exam paper not marked.
    pub accuracy: Option<f64>,
    /// Study and cram: right answers out of questions. Exam: marks out of the maximum, which
    /// negative marking can push below 0. `None` when there is nothing to divide by, and for
    /// an exam paper that was not marked (abandoned, or still open).
    pub score_percent: Option<f64>,
    /// ExamDates: the marks scored, `None` for a paper that was not marked; `None` for study and
    /// cram.
    pub marks: Option<f64>,
}

impl<'a> SessionRow<'a> {
    pub fn new(session: &'a SessionFact, tz: &TimeZone) -> SessionRow<'a> {
        // A status this version does not know counts as marked: its score is what was stored.
        let unmarked =
            session.mode == SessionMode::Exam && session.status.is_some_and(|s| !s.is_marked());
        let marks = (session.mode == SessionMode::Exam && !unmarked).then_some(session.score);
        // An unmarked paper's right and wrong are not known (0 of N would be a false 0 %).
        let answered = session.questions.saturating_sub(session.unanswered);
        let accuracy = if unmarked { None } else { ratio(session.right, answered) };
        let score_percent = match session.mode {
            SessionMode::Exam => {
                marks.filter(|_| session.max_score > 0.0).map(|m| m / session.max_score * 100.0)
            }
            SessionMode::Study | SessionMode::Cram => accuracy.map(|a| a * 100.0),
        };
        SessionRow {
            session,
            started_local: tz.to_datetime(session.started),
            accuracy,
            score_percent,
            marks,
        }
    }
}

/// Whether a session counts as one in the history and in the statistics' session count: every
/// exam paper (even one abandoned blank: it was set and timed), and study and cram sessions with
/// at least one answer. A session left before its first answer did nothing worth a row.
pub fn is_listed(session: &SessionFact) -> bool {
    session.mode == SessionMode::Exam || session.questions > 0
}

/// The sessions to show, newest first (ties by id, newest first), filtered and limited; sessions
/// without answers are left out ([`is_listed`]).
pub fn history_rows<'a>(
    sessions: &'a [SessionFact],
    filter: &HistoryFilter,
    tz: &TimeZone,
) -> Vec<SessionRow<'a>> {
    let mut chosen: Vec<&SessionFact> = sessions
        .iter()
        .filter(|s| is_listed(s) && filter.mode.is_none_or(|m| s.mode == m))
        .collect();
    chosen.sort_unstable_by(|a, b| b.started.cmp(&a.started).then(b.id.cmp(&a.id)));
    chosen.truncate(filter.limit.unwrap_or(usize::MAX));
    chosen.into_iter().map(|s| SessionRow::new(s, tz)).collect()
}

/// The columns of `recall history --csv`, in order. Columns added later go at the end, so
/// scripts reading columns by place keep working.
pub const CSV_HEADER: [&str; 16] = [
    "id",
    "mode",
    "started",
    "ended",
    "decks",
    "questions",
    "right",
    "wrong",
    "unanswered",
    "score_percent",
    "score",
    "marking",
    "duration_seconds",
    "max_score",
    "scheme",
    "status",
];

/// The rows as CSV: a header line and one line per session; times in RFC 3339 (UTC), decks
/// joined with spaces, empty fields for what does not apply.
pub fn history_csv(rows: &[SessionRow]) -> Result<String, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(CSV_HEADER)?;
    for row in rows {
        let s = row.session;
        let exam = s.mode == SessionMode::Exam;
        w.write_record([
            s.id.to_string(),
            s.mode.name().to_owned(),
            s.started.to_string(),
            s.ended.map(|e| e.to_string()).unwrap_or_default(),
            s.decks.join(" "),
            s.questions.to_string(),
            s.right.to_string(),
            s.wrong.to_string(),
            s.unanswered.to_string(),
            row.score_percent.map(|p| format!("{p:.1}")).unwrap_or_default(),
            row.marks.map(|m| format!("{}", super::json::percent(m))).unwrap_or_default(),
            s.marking.clone().unwrap_or_default(),
            s.duration_seconds.to_string(),
            if exam && s.max_score > 0.0 { format!("{}", s.max_score) } else { String::new() },
            s.scheme.clone().unwrap_or_default(),
            s.status.map(ExamStatus::name).unwrap_or_default().to_owned(),
        ])?;
    }
    let bytes = w.into_inner().map_err(|e| e.into_error())?;
    // The writer only ever received `String`s, so its bytes are UTF-8.
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::tests::{ist, sessions};

    #[test]
    fn newest_first_filtered_and_limited() {
        let all = sessions();
        let ids = |f: HistoryFilter| -> Vec<i64> {
            history_rows(&all, &f, &ist()).iter().map(|r| r.session.id).collect()
        };
        assert_eq!(ids(HistoryFilter::default()), [3, 2, 1]);
        assert_eq!(ids(HistoryFilter { limit: Some(2), mode: None }), [3, 2]);
        assert_eq!(ids(HistoryFilter { limit: None, mode: Some(SessionMode::Study) }), [2, 1]);
        assert_eq!(
            ids(HistoryFilter { limit: None, mode: Some(SessionMode::Exam) }),
            Vec::<i64>::new()
        );
    }

    #[test]
    fn scores_and_local_times() {
        let all = sessions();
        let rows = history_rows(&all, &HistoryFilter::default(), &ist());
        // Session 3: 4 of 8 right, started 22:00 UTC = 03:30 IST the next day.
        assert_eq!(rows[0].accuracy, Some(0.5));
        assert_eq!(rows[0].score_percent, Some(50.0));
        assert_eq!(rows[0].started_local.to_string(), "2026-12-02T03:30:00");
        let mut exam = all[0].clone();
        exam.mode = SessionMode::Exam;
        exam.score = -1.5;
        exam.max_score = 40.0;
        assert_eq!(SessionRow::new(&exam, &ist()).score_percent, Some(-3.75));
        exam.max_score = 0.0;
        assert_eq!(SessionRow::new(&exam, &ist()).score_percent, None);
        exam.questions = 0;
        assert_eq!(SessionRow::new(&exam, &ist()).accuracy, None);
    }

    /// A study or cram session left before its first answer is not a session the learner
    /// can look at: history leaves it out, and so does the statistics' count and study time.
    /// A paper abandoned blank was still set and timed, and stays.
    #[test]
    fn sessions_without_answers_are_not_listed() {
        let mut all = sessions();
        let mut empty = all[1].clone();
        (empty.id, empty.questions, empty.right, empty.wrong) = (4, 0, 0, 0);
        let mut blank_paper = exam(5, ExamStatus::Abandoned);
        (blank_paper.right, blank_paper.wrong, blank_paper.unanswered) = (0, 0, 5);
        all.extend([empty, blank_paper]);
        let ids: Vec<i64> = history_rows(&all, &HistoryFilter::default(), &ist())
            .iter()
            .map(|r| r.session.id)
            .collect();
        assert_eq!(ids, [3, 2, 5, 1]);
        assert_eq!(all.iter().filter(|s| is_listed(s)).count(), 4);
        assert_eq!(super::super::activity::study_time_seconds(&all), 4 * 600);
    }

    /// Accuracy is the share of the answers given that were right, as a paper's result counts
    /// it ("75% of the 4 attempted"): blanks are not answers.
    #[test]
    fn accuracy_leaves_blanks_out() {
        let paper = exam(4, ExamStatus::Submitted);
        assert_eq!((paper.right, paper.wrong, paper.unanswered), (3, 1, 1));
        assert_eq!(SessionRow::new(&paper, &ist()).accuracy, Some(0.75));
        // The score is marks out of the maximum: 16/3 of 10.
        assert!(
            (SessionRow::new(&paper, &ist()).score_percent.unwrap() - 160.0 / 3.0).abs() < 1e-9
        );
    }

    #[test]
    fn csv_has_a_header_and_a_row_per_session() {
        let mut all = sessions();
        all[0].decks = vec!["polity".to_owned(), "economy, basics".to_owned()];
        let rows = history_rows(&all, &HistoryFilter::default(), &ist());
        let text = history_csv(&rows).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 4);
        assert_eq!(
            lines[0],
            "id,mode,started,ended,decks,questions,right,wrong,unanswered,score_percent,score,marking,duration_seconds,max_score,scheme,status"
        );
        assert_eq!(
            lines[1],
            "3,cram,2026-12-01T22:00:00Z,2026-12-01T22:10:00Z,polity,8,4,4,0,50.0,,,600,,,"
        );
        // A field with a comma is quoted.
        assert_eq!(
            lines[3],
            "1,study,2026-11-28T10:00:00Z,2026-11-28T10:10:00Z,\"polity economy, basics\",20,15,5,0,75.0,,,600,,,"
        );
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        assert_eq!(reader.records().count(), 3);
    }

    fn exam(id: i64, status: ExamStatus) -> SessionFact {
        let mut s = sessions()[0].clone();
        s.id = id;
        s.mode = SessionMode::Exam;
        (s.questions, s.right, s.wrong, s.unanswered) = (5, 3, 1, 1);
        s.score = 16.0 / 3.0;
        s.max_score = 10.0;
        s.marking = Some("+2 / −2/3".to_owned());
        s.scheme = Some("upsc".to_owned());
        s.status = Some(status);
        s
    }

    #[test]
    fn exam_rows_in_csv_and_unmarked_papers() {
        let mut abandoned = exam(5, ExamStatus::Abandoned);
        abandoned.score = 0.0;
        let all = [exam(4, ExamStatus::TimedOut), abandoned];
        let rows: Vec<SessionRow> = all.iter().map(|s| SessionRow::new(s, &ist())).collect();
        assert_eq!(rows[0].marks, Some(16.0 / 3.0));
        assert!((rows[0].score_percent.unwrap() - 160.0 / 3.0).abs() < 1e-9);
        assert_eq!((rows[1].marks, rows[1].score_percent, rows[1].accuracy), (None, None, None));
        let open = exam(6, ExamStatus::Running);
        assert_eq!(SessionRow::new(&open, &ist()).score_percent, None);
        let text = history_csv(&rows).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[1],
            "4,exam,2026-11-28T10:00:00Z,2026-11-28T10:10:00Z,polity,5,3,1,1,53.3,5.33,+2 / −2/3,600,10,upsc,timed-out"
        );
        assert_eq!(
            lines[2],
            "5,exam,2026-11-28T10:00:00Z,2026-11-28T10:10:00Z,polity,5,3,1,1,,,+2 / −2/3,600,10,upsc,abandoned"
        );
    }
}
