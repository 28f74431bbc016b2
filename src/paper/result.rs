//! Marking a paper: the score, the counts, the per-topic breakdown, and how it compares with
//! earlier papers.

use super::assembly::PaperQuestion;
use super::marking::{Marking, Marks};
use crate::quiz::composite::Format;
/// How one question went: the type history shows a session's questions with.
pub use crate::stats::Verdict;

/// Counts and marks of a set of questions (the whole paper, or one topic).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tally {
    pub questions: u32,
    pub right: u32,
    pub wrong: u32,
    pub unanswered: u32,
    /// Marks after negative marking.
    pub score: Marks,
    /// Marks taken off for wrong answers (0 or more).
    pub lost: Marks,
    /// What a perfect paper scores.
    pub max: Marks,
}

impl Tally {
    fn new() -> Tally {
        Tally {
            questions: 0,
            right: 0,
            wrong: 0,
            unanswered: 0,
            score: Marks::ZERO,
            lost: Marks::ZERO,
            max: Marks::ZERO,
        }
    }

    fn add(&mut self, verdict: Verdict) {
        self.questions += 1;
        match verdict {
            Verdict::Right => self.right += 1,
            Verdict::Wrong => self.wrong += 1,
            Verdict::Unanswered => self.unanswered += 1,
        }
    }

    fn mark(&mut self, marking: &Marking) {
        self.score = marking.score(self.right, self.wrong);
        self.lost = marking.wrong.times(self.wrong);
        self.max = marking.right.times(self.questions);
    }

    /// Share right of the questions attempted; `None` if none was.
    pub fn accuracy(&self) -> Option<f64> {
        let attempted = self.right + self.wrong;
        (attempted > 0).then(|| f64::from(self.right) / f64::from(attempted))
    }

    /// Score as a share of the maximum, in percent (negative marking can make it negative).
    pub fn percent(&self) -> Option<f64> {
        let max = self.max.to_f64();
        (max > 0.0).then(|| self.score.to_f64() / max * 100.0)
    }
}

/// A marked paper.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Marked {
    pub total: Tally,
    /// One per question, in paper order.
    pub verdicts: Vec<Verdict>,
    /// Per topic in order of first appearance on the paper; facts without a topic under
    /// `(no topic)`.
    pub topics: Vec<(String, Tally)>,
    /// Per question format (direct, statements, pairs, authored), in that order, only the
    /// formats the paper has: where an exam's marks are lost.
    pub formats: Vec<(Format, Tally)>,
}

/// The name of the topic of facts that have none.
pub const NO_TOPIC: &str = "(no topic)";

/// Marks `answers` (one per question, `None` for blank) under `marking`.
pub fn mark(questions: &[PaperQuestion], answers: &[Option<usize>], marking: &Marking) -> Marked {
    let mut total = Tally::new();
    let mut topics: Vec<(String, Tally)> = Vec::new();
    let mut verdicts = Vec::with_capacity(questions.len());
    let mut formats: Vec<(Format, Tally)> = Vec::new();
    for (i, q) in questions.iter().enumerate() {
        let verdict = match answers.get(i).copied().flatten() {
            None => Verdict::Unanswered,
            Some(c) if c == q.correct => Verdict::Right,
            Some(_) => Verdict::Wrong,
        };
        verdicts.push(verdict);
        total.add(verdict);
        match formats.iter_mut().find(|(f, _)| *f == q.format) {
            Some((_, tally)) => tally.add(verdict),
            None => {
                let mut tally = Tally::new();
                tally.add(verdict);
                formats.push((q.format, tally));
            }
        }
        let topic = q.topic.as_deref().unwrap_or(NO_TOPIC);
        match topics.iter_mut().find(|(t, _)| t == topic) {
            Some((_, tally)) => tally.add(verdict),
            None => {
                let mut tally = Tally::new();
                tally.add(verdict);
                topics.push((topic.to_owned(), tally));
            }
        }
    }
    total.mark(marking);
    for tally in topics.iter_mut().map(|(_, t)| t).chain(formats.iter_mut().map(|(_, t)| t)) {
        tally.mark(marking);
    }
    formats.sort_by_key(|(f, _)| *f);
    Marked { total, verdicts, topics, formats }
}

/// This paper beside the earlier ones, by score percent (papers differ in size and scheme).
#[derive(Clone, Debug, PartialEq)]
pub struct Comparison {
    /// Earlier papers marked (abandoned ones left out).
    pub earlier: usize,
    /// The best earlier percent.
    pub best: Option<f64>,
    /// The previous paper's percent.
    pub last: Option<f64>,
    /// Percents of the last papers, oldest first, this one last (for a sparkline).
    pub trend: Vec<f64>,
}

/// How many papers the trend shows.
pub const TREND_PAPERS: usize = 20;

/// Compares `now` (this paper's percent) with `earlier` percents, oldest first.
pub fn compare(earlier: &[f64], now: f64) -> Comparison {
    let best =
        earlier.iter().copied().fold(None, |b: Option<f64>, p| Some(b.map_or(p, |b| b.max(p))));
    let mut trend: Vec<f64> = earlier.iter().rev().take(TREND_PAPERS - 1).rev().copied().collect();
    trend.push(now);
    Comparison { earlier: earlier.len(), best, last: earlier.last().copied(), trend }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(topic: Option<&str>, correct: usize) -> PaperQuestion {
        PaperQuestion {
            card: "d/f/forward".parse().unwrap(),
            kind: "multiple-choice".into(),
            prompt: "?".into(),
            options: vec!["a".into(), "b".into(), "c".into(), "d".into()],
            correct,
            answer: "a".into(),
            explain: None,
            source: None,
            topic: topic.map(Into::into),
            format: Default::default(),
            parts: Vec::new(),
            claims: Vec::new(),
        }
    }

    #[test]
    fn three_right_one_wrong_one_blank_under_upsc() {
        let paper = [
            q(Some("polity"), 0),
            q(Some("economy"), 1),
            q(Some("polity"), 2),
            q(None, 3),
            q(Some("economy"), 0),
        ];
        let answers = [Some(0), Some(1), Some(1), Some(3), None];
        let m = mark(&paper, &answers, &Marking::upsc());
        assert_eq!(
            m.verdicts,
            [Verdict::Right, Verdict::Right, Verdict::Wrong, Verdict::Right, Verdict::Unanswered]
        );
        let t = &m.total;
        assert_eq!((t.right, t.wrong, t.unanswered, t.questions), (3, 1, 1, 5));
        assert_eq!(t.score.fixed2(), "5.33");
        assert_eq!(t.lost.fixed2(), "0.67");
        assert_eq!(t.max, Marks::whole(10));
        assert_eq!(t.accuracy(), Some(0.75));
        assert!((t.percent().unwrap() - 53.333).abs() < 0.001);
        let names: Vec<&str> = m.topics.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["polity", "economy", NO_TOPIC]);
        let polity = &m.topics[0].1;
        assert_eq!((polity.right, polity.wrong), (1, 1));
        assert_eq!(polity.score.fixed2(), "1.33");
        let economy = &m.topics[1].1;
        assert_eq!((economy.right, economy.unanswered, economy.score), (1, 1, Marks::whole(2)));
    }

    #[test]
    fn nothing_attempted() {
        let m = mark(&[q(None, 0)], &[None], &Marking::none());
        assert_eq!(m.total.accuracy(), None);
        assert_eq!(m.total.percent(), Some(0.0));
    }

    #[test]
    fn comparison_with_earlier_papers() {
        let c = compare(&[40.0, 70.0, 55.0], 60.0);
        assert_eq!(c.best, Some(70.0));
        assert_eq!(c.last, Some(55.0));
        assert_eq!(c.trend, [40.0, 70.0, 55.0, 60.0]);
        let first = compare(&[], 10.0);
        assert_eq!((first.best, first.last, first.trend.len()), (None, None, 1));
        let many: Vec<f64> = (0..30).map(f64::from).collect();
        let c = compare(&many, 99.0);
        assert_eq!(c.trend.len(), TREND_PAPERS);
        assert_eq!(c.trend[0], 11.0);
    }
}
