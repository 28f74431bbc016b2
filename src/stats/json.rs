//! The JSON contract of `recall stats --json` and `recall history --json`.
//!
//! Scripts rely on these shapes, so they are separate structs rather than the internal types
//! serialized as they happen to be: a field renamed inside the crate must not break a script.
//! Rules: keys are snake_case; times are RFC 3339 in UTC (`2026-11-30T09:00:00Z`), dates are
//! the learner's days (`2026-11-30`); shares are numbers from 0 to 1 and percentages from 0 to
//! 100; a value that cannot be computed (no answers to divide by) is `null`, never left out;
//! new keys may be added, existing ones keep their name and type.

use jiff::Timestamp;
use jiff::civil::Date;
use serde::Serialize;

use super::activity::Tally;
use super::history::SessionRow;
use super::input::{AnswerFact, Mode, Outcome};
use super::memory::{CardCounts, Mastery};
use super::report::StatsReport;

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
        RateJson { right: t.right, reviews: t.total, rate: t.share() }
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
            mature_share: m.mature_share,
            mean_recall: m.mean_recall,
            accuracy: m.accuracy,
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
}

#[derive(Clone, Debug, Serialize)]
pub struct ExamJson {
    pub date: Date,
    pub days_left: i64,
    pub facts: u32,
    pub facts_not_introduced: u32,
    pub mean_recall_on_exam_day: f64,
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
                    recall: w.recall,
                    lapses: w.lapses,
                })
                .collect(),
            exam: r.exam.as_ref().map(|e| ExamJson {
                date: e.date,
                days_left: e.days_left,
                facts: e.facts,
                facts_not_introduced: e.facts_not_introduced,
                mean_recall_on_exam_day: e.mean_recall_on_exam_day,
            }),
        }
    }
}

/// One session in `recall history --json` (a list of these, newest first).
#[derive(Clone, Debug, Serialize)]
pub struct SessionJson {
    pub id: i64,
    pub mode: Mode,
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
    /// Exams only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unanswered: Option<u32>,
    /// Exams only: the marking scheme.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub marking: Option<String>,
    /// Exams only: the score in marks.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score: Option<f64>,
    /// Exams only: the marks of a perfect paper.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_score: Option<f64>,
}

impl From<&SessionRow<'_>> for SessionJson {
    fn from(row: &SessionRow<'_>) -> SessionJson {
        let s = row.session;
        let exam = s.mode == Mode::Exam;
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
            accuracy: row.accuracy,
            score_percent: row.score_percent,
            unanswered: exam.then_some(s.unanswered),
            // An exam always names its marking in JSON, "" when the store has none.
            marking: exam.then(|| s.marking.clone().unwrap_or_default()),
            score: exam.then_some(s.score),
            max_score: exam.then_some(s.max_score),
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
    pub outcome: Outcome,
    /// 1 Again, 2 Hard, 3 Good, 4 Easy; `null` when unanswered.
    pub grade: Option<u8>,
    pub duration_ms: u32,
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
            duration_ms: a.duration_ms,
        }
    }
}

pub fn session_detail_json(row: &SessionRow<'_>, answers: &[AnswerFact]) -> SessionDetailJson {
    SessionDetailJson {
        session: row.into(),
        questions: answers.iter().map(AnswerJson::from).collect(),
    }
}
