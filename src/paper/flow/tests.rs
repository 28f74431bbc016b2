//! The paper flow against a temporary store and a scripted desk: what is saved, marked,
//! reviewed and shown when a paper is submitted, times out, is abandoned or was cut off.

use std::collections::VecDeque;
use std::path::PathBuf;

use super::*;
use crate::settings::Settings;

fn t(s: &str) -> Timestamp {
    s.parse().unwrap()
}

const NOW: &str = "2026-11-30T09:00:00Z";

fn library() -> Library {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/exam/deck.ron");
    crate::deck::load_paths(&[path]).library
}

/// How the script answers one question.
#[derive(Clone, Copy, Debug)]
enum Pick {
    Right,
    Wrong,
    Blank,
}

/// One scripted sitting: an answer per question, then how it ends and the seconds it took.
struct Answers {
    picks: Vec<Pick>,
    end: End,
    seconds: u64,
}

/// A [`Desk`] that answers from a script and records what it was shown, in order.
#[derive(Default)]
struct Script {
    choices: VecDeque<Option<usize>>,
    sittings: VecDeque<Answers>,
    /// Leave at the instructions instead of starting the paper.
    leave_at_instructions: bool,
    /// Everything shown, chosen from, waited on, left and printed, tagged.
    log: Vec<String>,
}

impl Script {
    fn printed(&self) -> String {
        self.log.iter().filter_map(|l| l.strip_prefix("print: ")).collect()
    }
}

impl Desk for Script {
    fn show(&mut self, text: &str) -> io::Result<()> {
        self.log.push(format!("show: {text}"));
        Ok(())
    }

    fn choose(&mut self, prompt: &str, items: &[String]) -> io::Result<Option<usize>> {
        self.log.push(format!("choose: {prompt} {items:?}"));
        self.choices.pop_front().ok_or_else(|| io::Error::other("script has no choice left"))
    }

    fn instructions(&mut self, brief: &render::Brief<'_>) -> io::Result<bool> {
        let cover = render::instructions(brief, 80);
        self.log.push(format!("instructions: {}", cover[0]));
        Ok(!self.leave_at_instructions)
    }

    fn sit(
        &mut self,
        paper: &[PaperQuestion],
        sitting: &mut Sitting,
        save: &mut dyn FnMut(super::super::Change, u64) -> io::Result<()>,
    ) -> io::Result<(End, u64)> {
        let script = self.sittings.pop_front().ok_or_else(|| io::Error::other("no sitting"))?;
        self.log.push("sit".to_owned());
        for (i, (q, pick)) in paper.iter().zip(&script.picks).enumerate() {
            let option = match pick {
                Pick::Right => q.correct,
                Pick::Wrong => (q.correct + 1) % q.options.len(),
                Pick::Blank => continue,
            };
            sitting.jump(i + 1).map_err(io::Error::other)?;
            let change = sitting.choose(option).map_err(io::Error::other)?;
            save(change, 10 * (i as u64 + 1))?;
        }
        Ok((script.end, script.seconds))
    }

    fn wait_key(&mut self, message: &str) -> io::Result<()> {
        self.log.push(format!("wait: {message}"));
        Ok(())
    }

    fn leave(&mut self) -> io::Result<()> {
        self.log.push("leave".to_owned());
        Ok(())
    }

    fn print(&mut self, text: &str) -> io::Result<()> {
        self.log.push(format!("print: {text}"));
        Ok(())
    }

    fn palette(&self) -> Palette {
        Palette::PLAIN
    }

    fn width(&self) -> usize {
        80
    }
}

/// The paper's settings: UTC, rollover at 4, no exam dates, `now` at [`NOW`].
fn scheduling(scheduler: &Scheduler) -> Scheduling<'_> {
    Scheduling {
        scheduler,
        tz: TimeZone::UTC,
        rollover_hour: 4,
        now: t(NOW),
        exams: ExamDates::none(),
    }
}

struct Fixture {
    _dir: tempfile::TempDir,
    store: Store,
    library: Library,
    scheduler: Scheduler,
}

impl Fixture {
    fn new() -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let scheduler = Scheduler::new(&Settings::default(), None).unwrap();
        Fixture { _dir: dir, store, library: library(), scheduler }
    }

    fn paper(&self, questions: u32) -> Vec<PaperQuestion> {
        let scheduling = scheduling(&self.scheduler);
        set(&scheduling, &self.store, &self.library, &Filter::default(), questions, 7).unwrap()
    }

    /// Sits a four-question paper under `marking` with the script's answers.
    fn sit(&mut self, marking: &Marking, sitting: Answers) -> (Vec<PaperQuestion>, Script) {
        let paper = self.paper(4);
        let mut desk = Script { sittings: [sitting].into(), ..Script::default() };
        let terms = Terms { marking, limit_seconds: 600, seed: 7 };
        super::sit(&scheduling(&self.scheduler), &mut self.store, &mut desk, &paper, terms)
            .unwrap();
        (paper, desk)
    }

    fn only_session(&self) -> SessionRecord {
        let closed = self.store.closed_exams().unwrap();
        assert_eq!(closed.len(), 1);
        closed.into_iter().next().unwrap()
    }
}

#[test]
fn a_paper_is_saved_marked_reviewed_and_shown() {
    let mut f = Fixture::new();
    let picks = vec![Pick::Right, Pick::Wrong, Pick::Blank, Pick::Right];
    let (paper, desk) =
        f.sit(&Marking::upsc(), Answers { picks, end: End::Submitted, seconds: 95 });
    // The instructions first (the clock starts after them), then the paper.
    assert_eq!(
        desk.log.first().map(String::as_str),
        Some("instructions: Mock paper: 4 questions in 10 minutes")
    );
    assert_eq!(desk.log.get(1).map(String::as_str), Some("sit"));
    assert_eq!(desk.log.get(2).map(String::as_str), Some("leave"));

    let record = f.only_session();
    assert_eq!(record.decks, [DeckId::new("mock").unwrap()]);
    let fact = record.to_session_fact();
    assert_eq!((fact.questions, fact.right, fact.wrong, fact.unanswered), (4, 2, 1, 1));
    assert_eq!(fact.status, Some(ExamStatus::Submitted));
    assert!((fact.score - 10.0 / 3.0).abs() < 1e-9, "{}", fact.score);
    assert_eq!((fact.max_score, fact.duration_seconds), (8.0, 95));
    assert_eq!(record.summary.ended, Some(t("2026-11-30T09:01:35Z")));
    // The session's data, key for key and byte for byte as before it was typed.
    let old = serde_json::json!({
        "status": "submitted",
        "scheme": "upsc",
        "marking": "+2 / −2/3",
        "unanswered": 1,
        "score": 10.0 / 3.0,
        "score_exact": "10/3",
        "lost": 2.0 / 3.0,
        "max_score": 8.0,
        "duration_seconds": 95,
        "limit_seconds": 600,
        "seed": 7,
    });
    let stored = record.summary.extra.clone().unwrap();
    assert_eq!(stored.to_string(), old.to_string());

    // Each answer was saved as given; the blank stays blank.
    let rows = f.store.exam_rows(record.id).unwrap();
    let chosen: Vec<Option<u32>> = rows.iter().map(|r| r.chosen).collect();
    let c = |i: usize| Some(paper[i].correct as u32);
    let wrong = Some(((paper[1].correct + 1) % 4) as u32);
    assert_eq!(chosen, [c(0), wrong, None, c(3)]);
    assert_eq!(rows[1].answered_at, Some(t("2026-11-30T09:00:20Z")));
    assert_eq!(rows[0].card, paper[0].card);

    // A review per answer: right → Good, wrong → Again; none for the blank.
    let reviews = f.store.reviews_in_session(record.id).unwrap();
    let graded: Vec<(String, Grade)> = reviews.iter().map(|r| (r.card.clone(), r.grade)).collect();
    assert_eq!(
        graded,
        [
            (paper[0].card.to_string(), Grade::Good),
            (paper[1].card.to_string(), Grade::Again),
            (paper[3].card.to_string(), Grade::Good),
        ]
    );
    assert!(f.store.card_state(&paper[0].card).unwrap().unwrap().due.is_some());
    assert_eq!(f.store.card_state(&paper[2].card).unwrap(), None);

    let printed = desk.printed();
    assert!(printed.contains("3.33"), "{printed}");
    assert!(f.store.unfinished_exams().unwrap().is_empty());
}

#[test]
fn time_up_submits_with_the_answers_given_after_a_key() {
    let mut f = Fixture::new();
    let picks = vec![Pick::Right, Pick::Blank, Pick::Blank, Pick::Blank];
    let (_, desk) = f.sit(&Marking::upsc(), Answers { picks, end: End::TimedOut, seconds: 601 });
    let steps: Vec<&str> =
        desk.log.iter().map(|l| l.split(':').next().unwrap_or_default()).collect();
    assert_eq!(steps, ["instructions", "sit", "wait", "leave", "print"]);
    assert!(desk.log[2].contains("Time is up: the paper was submitted with 1 of 4 answered."));
    let fact = f.only_session().to_session_fact();
    assert_eq!(fact.status, Some(ExamStatus::TimedOut));
    // The seconds used never pass the limit.
    assert_eq!(fact.duration_seconds, 600);
    assert_eq!((fact.right, fact.unanswered), (1, 3));
}

#[test]
fn an_abandoned_paper_keeps_its_answers_without_marks_or_reviews() {
    let mut f = Fixture::new();
    let picks = vec![Pick::Wrong, Pick::Right, Pick::Blank, Pick::Blank];
    let marking = Marking::parse("+1/-0.25").unwrap();
    let (_, desk) = f.sit(&marking, Answers { picks, end: End::Abandoned, seconds: 30 });
    assert_eq!(desk.log[2], "leave");
    assert_eq!(
        desk.printed(),
        "Paper abandoned: 2 of 4 answered, not marked, no reviews. `recall history --mode\n\
         exam` lists it as abandoned.\n"
    );
    let record = f.only_session();
    assert!(f.store.reviews_in_session(record.id).unwrap().is_empty());
    let answered =
        f.store.exam_rows(record.id).unwrap().iter().filter(|r| r.chosen.is_some()).count();
    assert_eq!(answered, 2);
    let old = serde_json::json!({
        "status": "abandoned",
        "scheme": "+1/-0.25",
        "marking": "+1 / −0.25",
        "answered": 2,
        "unanswered": 2,
        "max_score": 4.0,
        "duration_seconds": 30,
        "limit_seconds": 600,
        "seed": 7,
    });
    assert_eq!(record.summary.extra.clone().unwrap().to_string(), old.to_string());
    let fact = record.to_session_fact();
    assert_eq!((fact.status, fact.score, fact.questions), (Some(ExamStatus::Abandoned), 0.0, 4));
}

/// A paper started and answered in part, then cut off (its session never closed).
fn cut_off(f: &mut Fixture, marking: &Marking) -> (SessionId, Vec<PaperQuestion>) {
    let paper = f.paper(4);
    let terms = Terms { marking, limit_seconds: 900, seed: 11 };
    let session = start(&scheduling(&f.scheduler), &mut f.store, &paper, terms).unwrap();
    let right = u32::try_from(paper[0].correct).unwrap();
    let wrong = u32::try_from((paper[2].correct + 1) % 4).unwrap();
    f.store.save_exam_answer(session, 0, Some(right), false, t("2026-11-30T09:02:00Z")).unwrap();
    f.store.save_exam_answer(session, 2, Some(wrong), true, t("2026-11-30T09:05:00Z")).unwrap();
    (session, paper)
}

#[test]
fn a_running_paper_is_stored_with_its_terms() {
    let mut f = Fixture::new();
    let (session, _) = cut_off(&mut f, &Marking::upsc());
    let record = f.store.session(session).unwrap().unwrap();
    let old = serde_json::json!({
        "status": "running",
        "scheme": "upsc",
        "marking": "+2 / −2/3",
        "limit_seconds": 900,
        "seed": 11,
        "max_score": 8.0,
    });
    assert_eq!(record.summary.extra.as_ref().unwrap().to_string(), old.to_string());
    assert_eq!(record.to_session_fact().status, Some(ExamStatus::Running));
}

#[test]
fn a_cut_off_paper_is_offered_and_submitted_under_its_own_marking() {
    let mut f = Fixture::new();
    let marking = Marking::parse("+1/-0.25").unwrap();
    let (session, paper) = cut_off(&mut f, &marking);
    // Submit it; whether to start the new paper is the new paper's instructions' question.
    let mut desk = Script { choices: [Some(0)].into(), ..Script::default() };
    assert!(recover(&scheduling(&f.scheduler), &mut f.store, &mut desk).unwrap());
    assert_eq!(
        desk.log[0],
        "show: A paper started 2026-11-30 09:00 was cut off before it was submitted: 2 of 4 answered."
    );
    assert!(desk.log[1].starts_with("choose: What should happen to it?"));
    assert_eq!(desk.log.iter().filter(|l| l.starts_with("choose")).count(), 1);

    let record = f.only_session();
    assert_eq!(record.id, session);
    // It ended at its last saved answer.
    assert_eq!(record.summary.ended, Some(t("2026-11-30T09:05:00Z")));
    let fact = record.to_session_fact();
    assert_eq!((fact.status, fact.right, fact.wrong), (Some(ExamStatus::Submitted), 1, 1));
    assert_eq!((fact.marking.as_deref(), fact.score), (Some("+1 / −0.25"), 0.75));
    assert_eq!(fact.duration_seconds, 300);
    let meta = PaperMeta::read(record.summary.extra.as_ref());
    assert_eq!((meta.limit_seconds, meta.seed), (Some(900), Some(11)));
    let reviews = f.store.reviews_in_session(session).unwrap();
    let cards: Vec<&str> = reviews.iter().map(|r| r.card.as_str()).collect();
    assert_eq!(cards, [paper[0].card.to_string(), paper[2].card.to_string()]);
    assert!(desk.printed().contains("0.75"), "{}", desk.printed());
}

#[test]
fn a_cut_off_paper_can_be_abandoned() {
    let mut f = Fixture::new();
    let (session, _) = cut_off(&mut f, &Marking::upsc());
    let mut desk = Script { choices: [Some(1)].into(), ..Script::default() };
    assert!(recover(&scheduling(&f.scheduler), &mut f.store, &mut desk).unwrap());
    assert!(desk.log.contains(&"show: The cut-off paper was recorded as abandoned.".to_owned()));
    assert!(f.store.reviews_in_session(session).unwrap().is_empty());
    let fact = f.only_session().to_session_fact();
    assert_eq!(fact.status, Some(ExamStatus::Abandoned));
}

#[test]
fn a_cut_off_paper_left_alone_is_offered_again() {
    let mut f = Fixture::new();
    cut_off(&mut f, &Marking::upsc());
    let mut desk = Script { choices: [None].into(), ..Script::default() };
    assert!(!recover(&scheduling(&f.scheduler), &mut f.store, &mut desk).unwrap());
    assert_eq!(
        desk.log.last().map(String::as_str),
        Some("show: Left as it is; it will be offered again next time.")
    );
    assert_eq!(f.store.unfinished_exams().unwrap().len(), 1);
    assert!(f.store.closed_exams().unwrap().is_empty());
    // Nothing cut off: nothing asked.
    let mut f = Fixture::new();
    let mut desk = Script::default();
    assert!(recover(&scheduling(&f.scheduler), &mut f.store, &mut desk).unwrap());
    assert!(desk.log.is_empty());
}

/// Leaving at the instructions, before the clock starts, records nothing: no session, no
/// answers, no reviews, no card touched.
#[test]
fn leaving_at_the_instructions_records_nothing() {
    let mut f = Fixture::new();
    let paper = f.paper(4);
    let mut desk = Script { leave_at_instructions: true, ..Script::default() };
    let terms = Terms { marking: &Marking::upsc(), limit_seconds: 600, seed: 7 };
    let end = super::sit(&scheduling(&f.scheduler), &mut f.store, &mut desk, &paper, terms);
    assert_eq!(end.unwrap(), None);
    assert_eq!(
        desk.log,
        [
            "instructions: Mock paper: 4 questions in 10 minutes",
            "leave",
            "show: You left before the clock started: nothing was recorded.",
        ]
    );
    assert!(f.store.closed_exams().unwrap().is_empty());
    assert!(f.store.unfinished_exams().unwrap().is_empty());
    assert!(f.store.stats_sessions().unwrap().is_empty());
    assert!(paper.iter().all(|q| f.store.card_state(&q.card).unwrap().is_none()));
}

#[test]
fn too_few_facts_or_none_cannot_make_a_paper() {
    let f = Fixture::new();
    let err = set(&scheduling(&f.scheduler), &f.store, &f.library, &Filter::default(), 20, 7)
        .unwrap_err();
    assert!(matches!(err, PaperError::NotEnough(NotEnough { wanted: 20, usable: 8, .. })), "{err}");
    let filter = Filter { topic: Some("history".into()), ..Filter::default() };
    let err = set(&scheduling(&f.scheduler), &f.store, &f.library, &filter, 2, 7).unwrap_err();
    assert!(matches!(err, PaperError::NoFacts));
    // Typed cards all the way: the paper's cards are the deck's.
    let paper = f.paper(8);
    assert!(paper.iter().all(|q| f.library.deck(&q.card.deck).is_some()));
}

/// A suspended fact is not set on a paper (suspending says "do not ask me this"); a buried one
/// is (a bury puts off a review, and a paper tests the syllabus).
#[test]
fn a_paper_leaves_suspended_facts_out_and_asks_buried_ones() {
    let mut f = Fixture::new();
    let all = f.paper(8);
    let (gone, buried) = (all[0].card.clone(), all[1].card.clone());
    let forward = |k: &CardKey| CardKey::new(k.deck.clone(), k.fact.clone(), Direction::Forward);
    f.store.suspend(&[forward(&gone)], true).unwrap();
    f.store.bury(&[forward(&buried)], t("2030-01-01T00:00:00Z")).unwrap();
    let err =
        set(&scheduling(&f.scheduler), &f.store, &f.library, &Filter::default(), 8, 7).unwrap_err();
    assert!(matches!(err, PaperError::NotEnough(NotEnough { usable: 7, .. })), "{err}");
    let paper = f.paper(7);
    assert!(paper.iter().all(|q| q.card.fact != gone.fact));
    assert!(paper.iter().any(|q| q.card.fact == buried.fact));
}
