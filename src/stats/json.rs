//! The JSON contract of `recall stats --json` and `recall history --json`.
//!
//! Scripts rely on these shapes, so they are separate structs rather than the internal types
//! serialized as they happen to be: a field renamed inside the crate must not break a script.
//! Rules: keys are snake_case; times are RFC 3339 in UTC (`2026-11-30T09:00:00Z`), dates are
//! the learner's days (`2026-11-30`); shares are numbers from 0 to 1 and percentages from 0 to
//! 100, rounded to 4 and 2 decimals (recall comes from the fsrs crate in single precision,
//! so more digits would be noise); a value that cannot be computed (no answers to divide by) is `null`, never left out;
//! new keys may be added, existing ones keep their name and type.

use jiff::Timestamp;
use jiff::civil::Date;
use serde::Serialize;

use super::activity::Tally;
use super::history::SessionRow;
use super::input::{AnswerFact, ExamStatus, SessionMode, Verdict};
use super::memory::{CardCounts, Mastery};
use super::report::StatsReport;

/// A share (0–1) rounded to 4 decimals.
fn share(x: f64) -> f64 {
    (x * 1e4).round() / 1e4
}

/// A percentage, or exam marks (16/3 → 5.33), rounded to 2 decimals.
pub(crate) fn percent(x: f64) -> f64 {
    (x * 1e2).round() / 1e2
}

/// `recall stats --json`: one object.
#[derive(Clone, Debug, Serialize)]
pub struct StatsJson {
    pub now: Timestamp,
    pub today: Date,
    pub cards: CardCounts,
    pub due_today: u32,
    pub forecast: Vec<ForecastDay>,
    pub retention: Vec<RetentionJson>,
    pub streak_days: u32,
    pub study_time_seconds: u64,
    pub sessions: u32,
    pub reviews: u64,
    pub heatmap: Vec<HeatmapDay>,
    pub topics: Vec<TopicJson>,
    pub tags: Vec<TagJson>,
    pub weakest: Vec<WeakJson>,
    /// `null` without an exam date.
    pub exam: Option<ExamJson>,
}

#[derive(Clone, Debug, Serialize)]
pub struct ForecastDay {
    pub date: Date,
    pub due: u32,
}

#[derive(Clone, Debug, Serialize)]
pub struct HeatmapDay {
    pub date: Date,
    pub reviews: u32,
}

/// True retention over the last `days` days.
#[derive(Clone, Debug, Serialize)]
pub struct RetentionJson {
    pub days: u32,
    pub young: RateJson,
    pub mature: RateJson,
    pub all: RateJson,
    /// The retention the scheduler aims at.
    pub desired: f64,
}

#[derive(Clone, Debug, Serialize)]
pub struct RateJson {
    pub right: u32,
    pub reviews: u32,
    /// `right / reviews`; `null` without reviews.
    pub rate: Option<f64>,
}

impl From<Tally> for RateJson {
    fn from(t: Tally) -> RateJson {
        RateJson { right: t.right, reviews: t.total, rate: t.share().map(share) }
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct TopicJson {
    pub topic: String,
    #[serde(flatten)]
    pub mastery: MasteryJson,
}

#[derive(Clone, Debug, Serialize)]
pub struct TagJson {
    pub tag: String,
    #[serde(flatten)]
    pub mastery: MasteryJson,
}

#[derive(Clone, Debug, Serialize)]
pub struct MasteryJson {
    pub facts: u32,
    pub mature_share: f64,
    pub mean_recall: f64,
    /// `null` without answers.
    pub accuracy: Option<f64>,
    pub reviews: u32,
}

impl From<&Mastery> for MasteryJson {
    fn from(m: &Mastery) -> MasteryJson {
        MasteryJson {
            facts: m.facts,
            mature_share: share(m.mature_share),
            mean_recall: share(m.mean_recall),
            accuracy: m.accuracy.map(share),
            reviews: m.reviews,
        }
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct WeakJson {
    pub deck: String,
    pub fact: String,
    pub cue: String,
    pub topic: Option<String>,
    pub recall: f64,
    pub lapses: u32,
    /// Wrong answers, all time (study, cram, papers).
    pub misses: u32,
    /// When its latest answer was given, if it was wrong; `null` otherwise.
    pub missed_last: Option<jiff::Timestamp>,
}

#[derive(Clone, Debug, Serialize)]
pub struct ExamJson {
    pub date: Date,
    pub days_left: i64,
    pub facts: u32,
    pub facts_not_introduced: u32,
    pub mean_recall_on_exam_day: f64,
    /// Today's pace of new facts; `null` once the exam is today or past.
    pub new_facts_per_day: Option<u32>,
    /// Of today's pace, the new facts still to come today; `null` with the pace.
    pub new_facts_left_today: Option<u32>,
    /// The likely range (95 %) of the predicted recall, `[low, high]`, while the exam is ahead.
    pub mean_recall_range: Option<[f64; 2]>,
    /// Whether the target is within reach at the learner's pace, with the figures.
    pub reach: Option<ExamReachJson>,
}

/// `exam.reach` of `recall stats --json`.
#[derive(Clone, Debug, Serialize)]
pub struct ExamReachJson {
    pub target: f64,
    pub reachable: bool,
    /// Reachable even at the high end of the likely range: no warning.
    pub safe: bool,
    pub reviews: u32,
    pub minutes_needed_per_day: f64,
    /// The likely range of `minutes_needed_per_day`, `[low, high]`.
    pub minutes_needed_range: [f64; 2],
    pub new_facts_per_day_needed: u32,
    pub minutes_per_day: Option<f64>,
    pub new_facts_per_day_limit: u32,
    pub calibration: f64,
}

impl From<&StatsReport> for StatsJson {
    fn from(r: &StatsReport) -> StatsJson {
        StatsJson {
            now: r.now,
            today: r.today,
            cards: r.cards.clone(),
            due_today: r.due_today,
            forecast: r
                .forecast
                .iter()
                .map(|d| ForecastDay { date: d.date, due: d.count })
                .collect(),
            retention: r
                .retention
                .iter()
                .map(|w| RetentionJson {
                    days: w.days,
                    young: w.young.into(),
                    mature: w.mature.into(),
                    all: w.all.into(),
                    desired: r.desired_retention,
                })
                .collect(),
            streak_days: r.streak_days,
            study_time_seconds: r.study_time_seconds,
            sessions: r.sessions,
            reviews: r.reviews,
            heatmap: r
                .heatmap
                .iter()
                .map(|d| HeatmapDay { date: d.date, reviews: d.count })
                .collect(),
            topics: r
                .topics
                .iter()
                .map(|m| TopicJson { topic: m.name.clone(), mastery: m.into() })
                .collect(),
            tags: r
                .tags
                .iter()
                .map(|m| TagJson { tag: m.name.clone(), mastery: m.into() })
                .collect(),
            weakest: r
                .weakest
                .iter()
                .map(|w| WeakJson {
                    deck: w.deck.to_string(),
                    fact: w.fact.to_string(),
                    cue: w.cue.clone(),
                    topic: w.topic.clone(),
                    recall: share(w.recall),
                    lapses: w.lapses,
                    misses: w.misses,
                    missed_last: w.missed_last,
                })
                .collect(),
            exam: r.exam.as_ref().map(|e| ExamJson {
                date: e.date,
                days_left: e.days_left,
                facts: e.facts,
                facts_not_introduced: e.facts_not_introduced,
                mean_recall_on_exam_day: share(e.mean_recall_on_exam_day),
                new_facts_per_day: e.pace.map(|p| p.per_day),
                new_facts_left_today: e.pace.map(|p| p.left_today),
                mean_recall_range: e.recall_range.map(|(lo, hi)| [share(lo), share(hi)]),
                reach: e.reach.map(|r| ExamReachJson {
                    target: r.target,
                    reachable: r.reachable(),
                    safe: r.safe(),
                    reviews: r.reviews,
                    minutes_needed_per_day: (r.minutes_needed_per_day * 10.0).round() / 10.0,
                    minutes_needed_range: [
                        (r.minutes_needed_per_day * 10.0).round() / 10.0,
                        (r.minutes_needed_high * 10.0).round() / 10.0,
                    ],
                    new_facts_per_day_needed: r.new_per_day_needed,
                    minutes_per_day: r.minutes_per_day.map(|m| (m * 10.0).round() / 10.0),
                    new_facts_per_day_limit: r.new_per_day_limit,
                    calibration: (r.calibration * 1000.0).round() / 1000.0,
                }),
            }),
        }
    }
}

/// One session in `recall history --json` (a list of these, newest first).
#[derive(Clone, Debug, Serialize)]
pub struct SessionJson {
    pub id: i64,
    pub mode: SessionMode,
    pub started: Timestamp,
    /// `null` when the session was cut off.
    pub ended: Option<Timestamp>,
    pub decks: Vec<String>,
    pub duration_seconds: u64,
    pub questions: u32,
    pub right: u32,
    pub wrong: u32,
    /// Share right of the questions; `null` without questions.
    pub accuracy: Option<f64>,
    /// Study/cram: right out of questions; exam: marks out of the maximum. `null` when there
    /// is nothing to divide by.
    pub score_percent: Option<f64>,
    /// ExamDates only: questions left blank.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unanswered: Option<u32>,
    /// ExamDates only: the marking scheme as shown (`+2 / −2/3`), `""` when the store has none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub marking: Option<String>,
    /// ExamDates only: the scheme as named with `--marking` (`upsc`, `none`, `+1/-0.25`); `null`
    /// when the store has none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scheme: Option<Option<String>>,
    /// ExamDates only: the score in marks, 2 decimals; `null` for a paper not marked (abandoned or
    /// still open).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score: Option<Option<f64>>,
    /// ExamDates only: the marks of a perfect paper; `null` when not known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_score: Option<Option<f64>>,
    /// ExamDates only: `submitted`, `timed-out`, `abandoned` or `running` (open: being sat, or cut
    /// off and not yet submitted); `null` for a status this version does not know.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<Option<ExamStatus>>,
}

impl From<&SessionRow<'_>> for SessionJson {
    fn from(row: &SessionRow<'_>) -> SessionJson {
        let s = row.session;
        let exam = s.mode == SessionMode::Exam;
        SessionJson {
            id: s.id,
            mode: s.mode,
            started: s.started,
            ended: s.ended,
            decks: s.decks.clone(),
            duration_seconds: s.duration_seconds,
            questions: s.questions,
            right: s.right,
            wrong: s.wrong,
            accuracy: row.accuracy.map(share),
            score_percent: row.score_percent.map(percent),
            unanswered: exam.then_some(s.unanswered),
            // An exam always names its marking in JSON, "" when the store has none.
            marking: exam.then(|| s.marking.clone().unwrap_or_default()),
            scheme: exam.then(|| s.scheme.clone()),
            score: exam.then(|| row.marks.map(percent)),
            max_score: exam.then(|| (s.max_score > 0.0).then_some(s.max_score)),
            status: exam.then_some(s.status),
        }
    }
}

/// `recall history --json`.
pub fn history_json(rows: &[SessionRow<'_>]) -> Vec<SessionJson> {
    rows.iter().map(SessionJson::from).collect()
}

/// `recall history SESSION-ID --json`: the session and its questions in order.
#[derive(Clone, Debug, Serialize)]
pub struct SessionDetailJson {
    pub session: SessionJson,
    pub questions: Vec<AnswerJson>,
}

#[derive(Clone, Debug, Serialize)]
pub struct AnswerJson {
    pub time: Timestamp,
    /// `deck/fact/direction`.
    pub card: String,
    pub question: String,
    pub expected: String,
    pub response: String,
    /// As the saved grade says (a re-graded answer follows its new grade).
    pub outcome: Verdict,
    /// 1 Again, 2 Hard, 3 Good, 4 Easy; `null` when unanswered.
    pub grade: Option<u8>,
    /// The learner's grade turned the judged answer from right to wrong or back.
    pub regraded: bool,
    pub duration_ms: u32,
    /// A statement set's or pairs question's parts: whether each was true and why (absent
    /// for other questions).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub statements: Vec<String>,
}

impl From<&AnswerFact> for AnswerJson {
    fn from(a: &AnswerFact) -> AnswerJson {
        AnswerJson {
            time: a.time,
            card: a.card.to_string(),
            question: a.question.clone(),
            expected: a.expected.clone(),
            response: a.response.clone(),
            outcome: a.outcome,
            grade: a.grade,
            regraded: a.regraded,
            duration_ms: a.duration_ms,
            statements: a.statements.clone(),
        }
    }
}

pub fn session_detail_json(row: &SessionRow<'_>, answers: &[AnswerFact]) -> SessionDetailJson {
    SessionDetailJson {
        session: row.into(),
        questions: answers.iter().map(AnswerJson::from).collect(),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::Value;

    use super::*;
    use crate::stats::tests::{cards, ist, library, params, reviews, sessions, ts};
    use crate::stats::{HistoryFilter, SessionFact, compute_stats, exam_date, history_rows};

    fn keys(v: &Value) -> Vec<&str> {
        let mut k: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
        k.sort_unstable();
        k
    }

    fn stats_value(exam: bool) -> Value {
        let mut p = params();
        if exam {
            p.exam = exam_date(&library(), p.days.day_of(p.now));
        }
        let r = compute_stats(&library(), &cards(), &reviews(), &sessions(), &p);
        serde_json::to_value(StatsJson::from(&r)).unwrap()
    }

    #[test]
    fn stats_schema() {
        let v = stats_value(true);
        assert_eq!(
            keys(&v),
            [
                "cards",
                "due_today",
                "exam",
                "forecast",
                "heatmap",
                "now",
                "retention",
                "reviews",
                "sessions",
                "streak_days",
                "study_time_seconds",
                "tags",
                "today",
                "topics",
                "weakest"
            ]
        );
        assert_eq!(v["now"], "2026-12-02T06:30:00Z");
        assert_eq!(v["today"], "2026-12-02");
        assert_eq!(
            keys(&v["cards"]),
            ["facts", "facts_never_seen", "learning", "mature", "new", "young"]
        );
        assert_eq!(v["cards"]["mature"], 2);
        assert_eq!(v["due_today"], 2);
        assert_eq!(v["streak_days"], 2);
        assert_eq!(v["study_time_seconds"], 1800);

        let forecast = v["forecast"].as_array().unwrap();
        assert_eq!(forecast.len(), 30);
        assert_eq!(keys(&forecast[0]), ["date", "due"]);
        assert_eq!(forecast[1], serde_json::json!({"date": "2026-12-03", "due": 1}));

        let retention = v["retention"].as_array().unwrap();
        assert_eq!(retention.len(), 3);
        assert_eq!(keys(&retention[0]), ["all", "days", "desired", "mature", "young"]);
        assert_eq!(retention[0]["days"], 7);
        assert_eq!(retention[0]["desired"], 0.9);
        assert_eq!(
            retention[0]["young"],
            serde_json::json!({"right": 1, "reviews": 2, "rate": 0.5})
        );
        assert_eq!(retention[1]["mature"]["rate"], 1.0);

        let heatmap = v["heatmap"].as_array().unwrap();
        assert_eq!(heatmap.len(), 178);
        assert_eq!(
            heatmap.last().unwrap(),
            &serde_json::json!({"date": "2026-12-02", "reviews": 1})
        );

        let topic = &v["topics"][0];
        assert_eq!(
            keys(topic),
            ["accuracy", "facts", "mature_share", "mean_recall", "reviews", "topic"]
        );
        assert_eq!(topic["topic"], "banking");
        assert!(topic["mean_recall"].is_f64() && topic["mature_share"].is_f64());
        assert_eq!(
            keys(&v["tags"][0]),
            ["accuracy", "facts", "mature_share", "mean_recall", "reviews", "tag"]
        );
        assert_eq!(
            keys(&v["weakest"][0]),
            ["cue", "deck", "fact", "lapses", "missed_last", "misses", "recall", "topic"]
        );
        assert_eq!(v["weakest"][0]["fact"], "article-370");
        // Rounded to 4 decimals: 0.80939 (t = 3S), 0.45 for banking, 2/3 of the week's answers.
        assert_eq!(v["weakest"][0]["recall"], 0.8094);
        assert_eq!(topic["mean_recall"], 0.45);
        assert_eq!(retention[0]["all"]["rate"], 0.6667);

        assert_eq!(
            keys(&v["exam"]),
            [
                "date",
                "days_left",
                "facts",
                "facts_not_introduced",
                "mean_recall_on_exam_day",
                "mean_recall_range",
                "new_facts_left_today",
                "new_facts_per_day",
                "reach"
            ]
        );
        assert_eq!(v["exam"]["date"], "2027-05-24");
        assert_eq!(v["exam"]["days_left"], 173);
    }

    #[test]
    fn no_exam_is_null_and_no_answers_is_a_null_rate() {
        let v = stats_value(false);
        assert!(v["exam"].is_null());
        let empty = compute_stats(&library(), &[], &[], &[], &params());
        let v = serde_json::to_value(StatsJson::from(&empty)).unwrap();
        assert!(v["retention"][0]["all"]["rate"].is_null());
        assert!(v["topics"][0]["accuracy"].is_null());
    }

    #[test]
    fn history_schema() {
        let mut all = sessions();
        all.push(SessionFact {
            id: 9,
            mode: SessionMode::Exam,
            decks: vec!["polity".to_owned()],
            started: ts("2026-12-02T04:00:00Z"),
            ended: None,
            questions: 10,
            right: 6,
            wrong: 3,
            unanswered: 1,
            score: 10.0,
            max_score: 20.0,
            marking: Some("+2 / −2/3".to_owned()),
            scheme: Some("upsc".to_owned()),
            status: Some(ExamStatus::Submitted),
            duration_seconds: 300,
        });
        let rows = history_rows(&all, &HistoryFilter::default(), &ist());
        let v = serde_json::to_value(history_json(&rows)).unwrap();
        let list = v.as_array().unwrap();
        assert_eq!(list.len(), 4);
        let exam = &list[0];
        assert_eq!(
            keys(exam),
            [
                "accuracy",
                "decks",
                "duration_seconds",
                "ended",
                "id",
                "marking",
                "max_score",
                "mode",
                "questions",
                "right",
                "scheme",
                "score",
                "score_percent",
                "started",
                "status",
                "unanswered",
                "wrong"
            ]
        );
        assert_eq!(exam["mode"], "exam");
        assert_eq!((exam["score"].as_f64(), exam["max_score"].as_f64()), (Some(10.0), Some(20.0)));
        assert_eq!(
            (&exam["marking"], &exam["scheme"]),
            (&serde_json::json!("+2 / −2/3"), &serde_json::json!("upsc"))
        );
        assert_eq!(exam["status"], "submitted");
        // An abandoned paper: no marks, no percentage, its status; the keys stay.
        all[3].status = Some(ExamStatus::Abandoned);
        all[3].score = 0.0;
        let rows = history_rows(&all, &HistoryFilter::default(), &ist());
        let v = serde_json::to_value(history_json(&rows)).unwrap();
        let abandoned = &v[0];
        assert_eq!(keys(abandoned), keys(exam));
        assert!(abandoned["score"].is_null() && abandoned["score_percent"].is_null());
        assert_eq!(abandoned["status"], "abandoned");
        assert_eq!(abandoned["max_score"], 20.0);
        assert_eq!(exam["started"], "2026-12-02T04:00:00Z");
        assert!(exam["ended"].is_null());
        assert_eq!(exam["score_percent"], 50.0);
        assert_eq!(exam["unanswered"], 1);
        let cram = &list[1];
        assert_eq!(cram["mode"], "cram");
        assert_eq!(
            keys(cram),
            [
                "accuracy",
                "decks",
                "duration_seconds",
                "ended",
                "id",
                "mode",
                "questions",
                "right",
                "score_percent",
                "started",
                "wrong"
            ]
        );
        assert_eq!(cram["score_percent"], 50.0);
        assert_eq!(cram["ended"], "2026-12-01T22:10:00Z");
    }

    #[test]
    fn session_detail_schema() {
        let s = &sessions()[0];
        let row = SessionRow::new(s, &ist());
        let answer = AnswerFact {
            time: ts("2026-11-28T10:01:00Z"),
            card: "polity/article-21/forward".parse().unwrap(),
            question: "Which article protects life?".to_owned(),
            expected: "Article 21".to_owned(),
            response: "".to_owned(),
            outcome: Verdict::Unanswered,
            grade: None,
            regraded: false,
            duration_ms: 1200,
            statements: Vec::new(),
        };
        let v = serde_json::to_value(session_detail_json(&row, &[answer])).unwrap();
        assert_eq!(keys(&v), ["questions", "session"]);
        let q = &v["questions"][0];
        assert_eq!(
            keys(q),
            [
                "card",
                "duration_ms",
                "expected",
                "grade",
                "outcome",
                "question",
                "regraded",
                "response",
                "time"
            ]
        );
        assert_eq!(q["card"], "polity/article-21/forward");
        assert_eq!(q["outcome"], "unanswered");
        assert!(q["grade"].is_null());
    }
}
