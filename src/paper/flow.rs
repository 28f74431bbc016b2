//! A mock paper from start to finish, as [`crate::session`] is for a study session: offer the
//! papers a crash cut off ([`recover`]), set a new one ([`set`]), sit it ([`sit`]: every answer
//! saved as it is given), then submit it (mark it and feed its answers to the scheduler) or
//! abandon it (close it unmarked), and show the result.
//!
//! The learner is reached only through a [`Desk`] (the terminal's, `ui::paper::TerminalDesk`,
//! or a script in tests) and the progress file through the [`Store`]. The paper's time comes
//! from the desk (the seconds it was sat) added to the command's `now`, so no clock is read here
//! and the whole flow runs in unit tests against a temporary store.
//!
//! Marking: each answered question becomes a review (right → Good, wrong → Again; a blank is
//! no review), scheduled for the decks' exam dates as `recall study` does, and the reviews and
//! the session's totals are written in one transaction ([`Store::close_exam`]): a crash while
//! submitting leaves the paper to be offered again, never half reviewed. An abandoned paper
//! keeps its answers but is neither marked nor reviewed. The session's own data (marking, time,
//! marks) is a [`PaperMeta`].
//!
//! Imports the paper's pure parts, the deck, quiz, schedule and stats layers and the store;
//! never the terminal (`ui`), which implements [`Desk`] instead.

use std::io;

use jiff::Timestamp;
use jiff::tz::TimeZone;
use rand::SeedableRng;

use super::{
    Candidate, End, Marked, Marking, NotEnough, PaperQuestion, Sitting, Verdict, assemble, render,
};
use crate::deck::{Deck, Fact, Library, QuestionKind};
use crate::ids::{CardKey, DeckId, Direction};
use crate::quiz::Pool;
use crate::schedule::{ExamDates, Filter, Grade, Outcome, ScheduleError, Scheduler, StudyDay};
use crate::stats::ExamStatus;
use crate::store::{
    Answer, ExamRow, PaperMeta, PaperStatus, SessionId, SessionRecord, SessionSummary, Store,
    StoreError,
};
use crate::text::Palette;

/// What went wrong with a paper.
#[derive(Debug, thiserror::Error)]
pub enum PaperError {
    /// No fact passes the filters (a usage mistake: the command says exit 2).
    #[error("no facts match the decks, --deck, --topic and --tag given")]
    NoFacts,
    /// Too few facts make a question (a usage mistake: the command says exit 2).
    #[error(transparent)]
    NotEnough(#[from] NotEnough),
    #[error("reading the questions of the cut-off paper {session}")]
    CutOff {
        session: i64,
        #[source]
        source: serde_json::Error,
    },
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Schedule(#[from] ScheduleError),
    #[error(transparent)]
    Json(#[from] serde_json::Error),
    /// The terminal, or a save that failed while the paper was on screen.
    #[error(transparent)]
    Io(#[from] io::Error),
}

/// The learner's side of a paper. The terminal's draws the paper on its own screen with a
/// ticking clock; a script stands in for it in tests.
pub trait Desk {
    /// Shows a line of text outside the paper (the offer of a cut-off paper).
    fn show(&mut self, text: &str) -> io::Result<()>;

    /// Offers `items`; `None` when the learner quits (Esc, `q`, Ctrl-C).
    fn choose(&mut self, prompt: &str, items: &[String]) -> io::Result<Option<usize>>;

    /// Shows the instructions of a paper about to be sat ([`render::instructions`], with the
    /// desk's own keys) and waits: `true` when the learner starts the paper (its clock starts
    /// with [`Desk::sit`], right after), `false` when they leave without starting.
    fn instructions(&mut self, brief: &render::Brief<'_>) -> io::Result<bool>;

    /// Runs the paper until it is submitted, abandoned or out of time, calling `save` with
    /// every change and the whole seconds since the paper started before the next key is
    /// read (a failed save stops the paper with the error). Returns how it ended and the
    /// whole seconds it was sat.
    fn sit(
        &mut self,
        paper: &[PaperQuestion],
        sitting: &mut Sitting,
        save: &mut dyn FnMut(super::Change, u64) -> io::Result<()>,
    ) -> io::Result<(End, u64)>;

    /// Shows `message` on the paper's screen and waits for any key.
    fn wait_key(&mut self, message: &str) -> io::Result<()>;

    /// Leaves the paper's screen (before the result is printed).
    fn leave(&mut self) -> io::Result<()>;

    /// Prints what stays after the paper (the result) where it can be kept: stdout.
    fn print(&mut self, text: &str) -> io::Result<()>;

    /// Columns the result is laid out in.
    fn width(&self) -> usize;

    /// Colours of what [`Desk::print`] prints.
    fn palette(&self) -> Palette;
}

/// How a paper is timed and its answers scheduled, built by the command (as
/// [`crate::session::Study`] is for study).
pub struct Scheduling<'a> {
    pub scheduler: &'a Scheduler,
    /// The learner's zone and rollover hour: the learner day of each review.
    pub tz: TimeZone,
    pub rollover_hour: u8,
    /// The command's `now`: when a new paper starts.
    pub now: Timestamp,
    /// The decks' exam dates and the review load per day, for the reviews a paper records.
    pub exams: ExamDates,
}

/// The decks' exam dates (their `exam` fields), with the review load per day counted from the
/// store when any deck has one: a paper's answers move their cards as a study session would.
pub fn exam_dates(
    library: &Library,
    target: f32,
    store: &Store,
    day: &StudyDay,
) -> Result<ExamDates, StoreError> {
    let mut exams = ExamDates::from_decks(library.decks.iter().map(|f| &f.deck), target, None);
    if library.decks.iter().any(|f| f.deck.exam.is_some()) {
        exams.count_load(&store.card_states()?, day);
    }
    Ok(exams)
}

/// Offers each paper a crash cut off for submission or abandonment, oldest first. Returns
/// false when the learner wants to stop here (a paper left as it is). Whether to start the new
/// paper is asked by its instructions screen ([`sit`]), which can be left without starting.
/// Call it while holding [`Store::lock_session`], so a paper being sat in another window is
/// not taken for one cut off.
pub fn recover(
    scheduling: &Scheduling<'_>,
    store: &mut Store,
    desk: &mut dyn Desk,
) -> Result<bool, PaperError> {
    for record in &store.unfinished_exams()? {
        if !recover_one(scheduling, store, desk, record)? {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Sets a paper: `questions` four-option questions from the facts `filter` lets through,
/// weighted by predicted recall now and topic coverage ([`assemble`]). Too few usable facts is
/// [`PaperError::NotEnough`], naming the most the decks allow.
///
/// A fact whose card a paper asks (its forward card) is suspended is left out: suspending says
/// "do not ask me this" (a wrong or irrelevant fact), in a paper as in a session. A buried card
/// is not: burying puts off today's review, and a paper tests the syllabus as the exam will.
pub fn set(
    scheduling: &Scheduling<'_>,
    store: &Store,
    library: &Library,
    filter: &Filter,
    questions: u32,
    seed: u64,
) -> Result<Vec<PaperQuestion>, PaperError> {
    let states = store.card_states()?;
    let facts: Vec<(&Deck, &Fact)> = library
        .facts()
        .filter(|(d, f)| {
            let key = CardKey::new(d.id.clone(), f.id.clone(), Direction::Forward);
            filter.matches(&key, f) && !states.get(&key).is_some_and(|s| s.suspended)
        })
        .collect();
    if facts.is_empty() {
        return Err(PaperError::NoFacts);
    }
    let candidates: Vec<Candidate> = facts
        .iter()
        .map(|(d, f)| {
            let key = CardKey::new(d.id.clone(), f.id.clone(), Direction::Forward);
            Candidate {
                topic: f.topic.clone(),
                recall: states
                    .get(&key)
                    .and_then(|s| scheduling.scheduler.retrievability(s, scheduling.now))
                    .map(f64::from),
            }
        })
        .collect();
    let pool = Pool::new(library);
    let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
    let wanted = usize::try_from(questions).unwrap_or(usize::MAX);
    let paper = assemble(&candidates, wanted, &mut rng, |i| {
        let (deck, fact) = facts[i];
        super::question_for(&pool, deck, fact, seed)
    })?;
    Ok(paper)
}

/// How a new paper is sat: its marking, time limit and seed.
#[derive(Clone, Copy, Debug)]
pub struct Terms<'m> {
    pub marking: &'m Marking,
    pub limit_seconds: u64,
    pub seed: u64,
}

/// Shows the paper's instructions; if the learner starts it, saves `paper` as a new exam
/// session, sits it at the desk (every answer and mark saved as given), then submits or
/// abandons it as the learner ended it, and shows what came of it. Returns how the paper
/// ended, or `None` when the learner left at the instructions: then nothing was recorded, as
/// a paper never begun is no attempt.
pub fn sit(
    scheduling: &Scheduling<'_>,
    store: &mut Store,
    desk: &mut dyn Desk,
    paper: &[PaperQuestion],
    terms: Terms<'_>,
) -> Result<Option<End>, PaperError> {
    let Terms { marking, limit_seconds: limit, seed } = terms;
    let decks: Vec<String> = paper_decks(paper).iter().map(|d| d.to_string()).collect();
    let brief = render::Brief {
        questions: paper.len(),
        options: paper.iter().map(|q| q.options.len()).max().unwrap_or(0),
        limit,
        marking,
        decks: &decks,
    };
    if !desk.instructions(&brief)? {
        desk.leave()?;
        desk.show("You left before the clock started: nothing was recorded.")?;
        return Ok(None);
    }
    let session = start(scheduling, store, paper, terms)?;
    let mut sitting = Sitting::new(paper.iter().map(|q| q.options.len()).collect(), limit);
    let now = scheduling.now;
    let (end, seconds) = desk.sit(paper, &mut sitting, &mut |change, seconds| {
        store
            .save_exam_answer(
                session,
                u32::try_from(change.position).unwrap_or(u32::MAX),
                change.chosen.and_then(|c| u32::try_from(c).ok()),
                change.marked,
                now + jiff::SignedDuration::from_secs(i64::try_from(seconds).unwrap_or(0)),
            )
            .map_err(io::Error::other)
    })?;
    let used = seconds.min(limit);
    let ended = now + jiff::SignedDuration::from_secs(i64::try_from(used).unwrap_or(0));
    let sat = Sat { session, ended, used, limit, seed, marking };
    if end == End::Abandoned {
        abandon(store, &sat, paper, sitting.answers())?;
        desk.leave()?;
        let said = format!(
            "Paper abandoned: {} of {} answered, not marked, no reviews. `recall history --mode exam` lists it as abandoned.",
            sitting.answered(),
            paper.len()
        );
        // Broken between words (it used to end `a` / `bandoned.` at 80 columns).
        desk.print(&format!("{}\n", crate::text::wrap(&said, desk.width(), "").join("\n")))?;
        return Ok(Some(end));
    }
    let marked = submit(scheduling, store, &sat, paper, sitting.answers(), end)?;
    if end == End::TimedOut {
        let said = format!(
            "⏱ Time is up: the paper was submitted with {} of {} answered.",
            sitting.answered(),
            paper.len()
        );
        // The paper's screen is in raw mode: lines end in `\r\n`.
        let lines = crate::text::wrap(&said, desk.width(), "").join("\r\n");
        desk.wait_key(&format!("\r\n{lines}\r\nPress any key to see your result."))?;
    }
    desk.leave()?;
    show_result(store, desk, &sat, paper, sitting.answers(), &marked, end)?;
    Ok(Some(end))
}

/// The decks of a paper's questions, in order of first appearance.
fn paper_decks(paper: &[PaperQuestion]) -> Vec<DeckId> {
    let mut decks: Vec<DeckId> = Vec::new();
    for q in paper {
        if !decks.contains(&q.card.deck) {
            decks.push(q.card.deck.clone());
        }
    }
    decks
}

/// Writes the new paper's session (status `running`) and its questions.
fn start(
    scheduling: &Scheduling<'_>,
    store: &mut Store,
    paper: &[PaperQuestion],
    terms: Terms<'_>,
) -> Result<SessionId, PaperError> {
    let questions = u32::try_from(paper.len()).unwrap_or(u32::MAX);
    let decks = paper_decks(paper);
    let meta = PaperMeta {
        status: Some(PaperStatus::Known(ExamStatus::Running)),
        scheme: Some(terms.marking.name.clone()),
        marking: Some(terms.marking.label()),
        limit_seconds: Some(terms.limit_seconds),
        seed: Some(terms.seed),
        max_score: Some(terms.marking.right.times(questions).to_f64()),
        ..PaperMeta::default()
    };
    let rows = paper
        .iter()
        .enumerate()
        .map(|(i, q)| {
            Ok(ExamRow {
                position: u32::try_from(i).unwrap_or(u32::MAX),
                card: q.card.clone(),
                question: serde_json::to_value(q)?,
                chosen: None,
                marked: false,
                answered_at: None,
            })
        })
        .collect::<Result<Vec<_>, serde_json::Error>>()?;
    Ok(store.start_exam(&decks, scheduling.now, &meta.to_json()?, &rows)?)
}

/// One sat paper's facts for marking and storing.
#[derive(Clone, Copy, Debug)]
struct Sat<'m> {
    session: SessionId,
    ended: Timestamp,
    /// Seconds used.
    used: u64,
    limit: u64,
    seed: u64,
    marking: &'m Marking,
}

impl Sat<'_> {
    /// What every closed paper stores: how it ended, how it was marked, its time and its seed.
    fn meta(&self, status: ExamStatus) -> PaperMeta {
        PaperMeta {
            status: Some(PaperStatus::Known(status)),
            scheme: Some(self.marking.name.clone()),
            marking: Some(self.marking.label()),
            duration_seconds: Some(self.used),
            limit_seconds: Some(self.limit),
            seed: Some(self.seed),
            ..PaperMeta::default()
        }
    }
}

/// The status a paper's end is stored as.
fn status(end: End) -> ExamStatus {
    match end {
        End::Submitted => ExamStatus::Submitted,
        End::TimedOut => ExamStatus::TimedOut,
        End::Abandoned => ExamStatus::Abandoned,
    }
}

/// Marks the paper, records a review per answered question and closes the session, in one
/// transaction.
fn submit(
    scheduling: &Scheduling<'_>,
    store: &mut Store,
    sat: &Sat<'_>,
    questions: &[PaperQuestion],
    answers: &[Option<usize>],
    end: End,
) -> Result<Marked, PaperError> {
    let marked = super::mark(questions, answers, sat.marking);
    let day = StudyDay::new(sat.ended, scheduling.tz.clone(), scheduling.rollover_hour);
    let mut reviewed = Vec::new();
    let mut exams = scheduling.exams.clone();
    for ((q, answer), verdict) in questions.iter().zip(answers).zip(&marked.verdicts) {
        let Some(chosen) = answer else { continue };
        let key = &q.card;
        let before = store.card_state(key)?.unwrap_or_default();
        let right = *verdict == Verdict::Right;
        let grade = if right { Grade::Good } else { Grade::Again };
        let next = scheduling.scheduler.next_states_with_exam_dates(key, &before, &day, &exams)?;
        let after = next.get(grade).state.clone();
        exams.moved(before.due, after.due, &day);
        let response = q.options.get(*chosen).cloned().unwrap_or_default();
        let kind = QuestionKind::from_slug(&q.kind).unwrap_or(QuestionKind::MultipleChoice);
        reviewed.push((key, after, response, right, grade, kind));
    }
    let reviews: Vec<Answer<'_>> = reviewed
        .iter()
        .map(|(key, after, response, right, grade, kind)| Answer {
            card: key,
            session: Some(sat.session),
            time: sat.ended,
            kind: *kind,
            response,
            correct: *right,
            outcome: if *right { Outcome::Correct } else { Outcome::Wrong },
            grade: *grade,
            duration_ms: 0,
            after,
            cram: false,
        })
        .collect();
    let t = &marked.total;
    let meta = PaperMeta {
        unanswered: Some(t.unanswered),
        score: Some(t.score.to_f64()),
        score_exact: Some(format!("{}/{}", t.score.numerator(), t.score.denominator())),
        lost: Some(t.lost.to_f64()),
        max_score: Some(t.max.to_f64()),
        ..sat.meta(status(end))
    };
    let summary = SessionSummary {
        ended: Some(sat.ended),
        questions: t.questions,
        right: t.right,
        wrong: t.wrong,
        score: Some(t.score.to_f64()),
        extra: Some(meta.to_json()?),
    };
    store.close_exam(sat.session, &reviews, &summary)?;
    Ok(marked)
}

/// Closes the paper as abandoned: no marks, no reviews; the answers stay in `exam_answers`.
/// Its status tells history to show no score or percentage for it (rather than 0 %).
fn abandon(
    store: &mut Store,
    sat: &Sat<'_>,
    questions: &[PaperQuestion],
    answers: &[Option<usize>],
) -> Result<(), PaperError> {
    let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    let answered = answers.iter().filter(|a| a.is_some()).count();
    let meta = PaperMeta {
        answered: Some(count(answered)),
        unanswered: Some(count(questions.len() - answered)),
        max_score: Some(sat.marking.right.times(count(questions.len())).to_f64()),
        ..sat.meta(ExamStatus::Abandoned)
    };
    let summary = SessionSummary {
        ended: Some(sat.ended),
        questions: count(questions.len()),
        right: 0,
        wrong: 0,
        score: None,
        extra: Some(meta.to_json()?),
    };
    store.close_exam(sat.session, &[], &summary)?;
    Ok(())
}

/// Offers one paper cut off by a crash for submission or abandonment. Returns false if the
/// learner chose neither (the paper stays for next time and recall stops).
fn recover_one(
    scheduling: &Scheduling<'_>,
    store: &mut Store,
    desk: &mut dyn Desk,
    record: &SessionRecord,
) -> Result<bool, PaperError> {
    let rows = store.exam_rows(record.id)?;
    let questions: Vec<PaperQuestion> = rows
        .iter()
        .map(|r| serde_json::from_value(r.question.clone()))
        .collect::<Result<_, _>>()
        .map_err(|source| PaperError::CutOff { session: record.id.0, source })?;
    // The saved answers, as the sitting would have them (out-of-range choices dropped).
    let sitting = Sitting::new(questions.iter().map(|q| q.options.len()).collect(), 0).resume(
        rows.iter().map(|r| super::Change {
            position: r.position as usize,
            chosen: r.chosen.map(|c| c as usize),
            marked: r.marked,
        }),
    );
    let answers = sitting.answers().to_vec();
    let meta = PaperMeta::read(record.summary.extra.as_ref());
    let marking =
        meta.scheme.as_deref().and_then(|s| Marking::parse(s).ok()).unwrap_or_else(Marking::upsc);
    // The paper ended, as far as anyone can tell, at its last saved answer.
    let ended = rows.iter().filter_map(|r| r.answered_at).max().unwrap_or(record.started);
    let used = u64::try_from(ended.as_second() - record.started.as_second()).unwrap_or(0);
    let answered = answers.iter().filter(|a| a.is_some()).count();
    let local = record.started.to_zoned_datetime(scheduling.tz.clone());
    desk.show(&format!(
        "A paper started {} was cut off before it was submitted: {answered} of {} answered.",
        local.strftime("%Y-%m-%d %H:%M"),
        questions.len()
    ))?;
    let items = vec![
        "Submit it: mark the answers saved".to_owned(),
        "Abandon it: no marks, no reviews".to_owned(),
    ];
    let sat = Sat {
        session: record.id,
        ended,
        used,
        limit: meta.limit_seconds.unwrap_or(0),
        seed: meta.seed.unwrap_or(0),
        marking: &marking,
    };
    match desk.choose("What should happen to it?", &items)? {
        Some(0) => {
            let marked = submit(scheduling, store, &sat, &questions, &answers, End::Submitted)?;
            show_result(store, desk, &sat, &questions, &answers, &marked, End::Submitted)?;
            Ok(true)
        }
        Some(_) => {
            abandon(store, &sat, &questions, &answers)?;
            desk.show("The cut-off paper was recorded as abandoned.")?;
            Ok(true)
        }
        None => {
            desk.show("Left as it is; it will be offered again next time.")?;
            Ok(false)
        }
    }
}

/// Prints the result (see [`render::result`]), compared with the earlier marked papers.
fn show_result(
    store: &Store,
    desk: &mut dyn Desk,
    sat: &Sat<'_>,
    questions: &[PaperQuestion],
    answers: &[Option<usize>],
    marked: &Marked,
    end: End,
) -> Result<(), PaperError> {
    // Earlier papers' score percents, oldest first; unmarked (abandoned, open) ones left out.
    let earlier: Vec<f64> = store
        .closed_exams()?
        .iter()
        .filter(|r| r.id != sat.session)
        .map(|r| r.to_session_fact())
        .filter(|f| f.status.is_some_and(ExamStatus::is_marked) && f.max_score > 0.0)
        .map(|f| f.score / f.max_score * 100.0)
        .collect();
    let text = render::result(&render::ResultView {
        marking: sat.marking,
        used: sat.used,
        limit: sat.limit,
        end,
        questions,
        answers,
        marked,
        earlier: &earlier,
        width: desk.width().min(100),
        palette: desk.palette(),
    });
    desk.print(&text)?;
    Ok(())
}

#[cfg(test)]
mod tests;
