//! The session walk with a scripted learner, a fake clock and a temporary store.

use std::collections::VecDeque;
use std::io;
use std::path::PathBuf;

use super::Reply;
use super::walk::MISS_SPACING;
use super::*;
use crate::deck::Library;
use crate::ids::DeckId;
use crate::schedule::{
    self, CardState, CardStates, DayCounts, ExamDates, Filter, Grade, Memory, Phase, QueueInput,
    StudyDay, build_queue, build_queue_with_exam_dates,
};
use crate::store::Answer;
use crate::text::Palette;

fn library() -> Library {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/study/basics.ron");
    let loaded = crate::deck::load_paths(&[path]);
    assert!(!loaded.has_errors());
    loaded.library
}

fn now() -> Timestamp {
    "2026-11-30T09:00:00Z".parse().unwrap()
}

/// What the scripted learner does at the next prompt.
#[derive(Clone, Debug)]
enum Do {
    /// Pick the option with exactly this text.
    Pick(&'static str),
    /// Pick any option other than this text (a wrong answer).
    PickNot(&'static str),
    /// Press Enter on the default.
    Enter,
    /// Pick option `n` (0-based).
    Index(usize),
    Type(&'static str),
    /// Whatever comes: the default of a menu (Good at the grade menu), `x` at a text prompt.
    Any,
    Key(char),
    Quit,
}

/// A prompter that follows a script, checks that selects and inputs come where expected,
/// advances the fake clock by `step` at every prompt, and keeps a transcript.
struct Learner<'c> {
    steps: VecDeque<Do>,
    clock: &'c FakeClock,
    step: Duration,
    transcript: Vec<String>,
}

impl<'c> Learner<'c> {
    fn new(clock: &'c FakeClock, steps: impl IntoIterator<Item = Do>) -> Self {
        Learner {
            steps: steps.into_iter().collect(),
            clock,
            step: Duration::from_secs(5),
            transcript: vec![],
        }
    }

    fn next(&mut self, prompt: &str) -> io::Result<Do> {
        self.clock.advance(self.step);
        self.steps
            .pop_front()
            .ok_or_else(|| io::Error::other(format!("script ended at `{prompt}`")))
    }

    fn text(&self) -> String {
        self.transcript.join("\n")
    }
}

impl Prompter for Learner<'_> {
    fn select(
        &mut self,
        prompt: &str,
        items: &[String],
        default: usize,
        keys: &[char],
    ) -> io::Result<Reply<usize>> {
        self.transcript.push(format!("select {prompt} {items:?} default {default}"));
        let find = |t: &str| items.iter().position(|i| i == t);
        Ok(match self.next(prompt)? {
            Do::Pick(t) => Reply::Answer(
                find(t).ok_or_else(|| io::Error::other(format!("no `{t}` in {items:?}")))?,
            ),
            Do::PickNot(t) => Reply::Answer(items.iter().position(|i| i != t).unwrap_or(0)),
            Do::Enter => Reply::Answer(default),
            // Saved as Good whatever the answer, so nothing is asked again.
            Do::Any if prompt.contains("Save as") => Reply::Answer(2),
            Do::Any => Reply::Answer(default),
            Do::Index(i) => Reply::Answer(i),
            Do::Key(k) => {
                assert!(keys.contains(&k), "key {k} not offered at `{prompt}`");
                Reply::Key(k)
            }
            Do::Quit => Reply::Quit,
            Do::Type(t) => {
                return Err(io::Error::other(format!("typed `{t}` at a select `{prompt}`")));
            }
        })
    }

    fn input(&mut self, prompt: &str, keys: &[char]) -> io::Result<Reply<String>> {
        self.transcript.push(format!("input {prompt}"));
        Ok(match self.next(prompt)? {
            Do::Type(t) => Reply::Answer(t.to_owned()),
            Do::Any => Reply::Answer("x".to_owned()),
            Do::Key(k) => {
                assert!(keys.contains(&k));
                Reply::Key(k)
            }
            Do::Quit => Reply::Quit,
            other => return Err(io::Error::other(format!("{other:?} at an input `{prompt}`"))),
        })
    }

    fn show(&mut self, text: &str) -> io::Result<()> {
        self.transcript.push(text.to_owned());
        Ok(())
    }
}

/// Records what the progress line was asked to show.
#[derive(Default)]
struct Seen(Vec<(usize, usize, u32)>);

impl Progress for Seen {
    fn update(&mut self, done: usize, total: usize, right: u32, _: Duration) {
        self.0.push((done, total, right));
    }
}

struct Fixture {
    _dir: tempfile::TempDir,
    store: Store,
    library: Library,
    settings: Settings,
}

impl Fixture {
    fn new() -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        Fixture {
            _dir: dir,
            store,
            library: library(),
            settings: Settings { fuzz: false, ..Settings::default() },
        }
    }

    /// Runs a session at `at` with `steps`; returns the report, the transcript and the
    /// progress updates.
    fn run(
        &mut self,
        at: Timestamp,
        mode: SessionMode,
        tweak: impl FnOnce(&mut Study<'_, '_>),
        steps: Vec<Do>,
    ) -> (Report, String, Vec<(usize, usize, u32)>, SessionId) {
        self.run_with(at, mode, ExamDates::none(), tweak, steps)
    }

    /// [`Fixture::run`] with exam dates: the queue paced and the answers scheduled for them,
    /// the load counted from the store as the command does.
    fn run_with(
        &mut self,
        at: Timestamp,
        mode: SessionMode,
        mut exams: ExamDates,
        tweak: impl FnOnce(&mut Study<'_, '_>),
        steps: Vec<Do>,
    ) -> (Report, String, Vec<(usize, usize, u32)>, SessionId) {
        let scheduler = Scheduler::new(&self.settings, None).unwrap();
        let day = StudyDay::new(at, TimeZone::UTC, self.settings.rollover_hour);
        let cards = library_cards(&self.library);
        let states: CardStates = self.store.card_states().unwrap();
        let done: DayCounts = self.store.day_counts(&day).unwrap();
        let filter = Filter::default();
        exams.count_load(&states, &day);
        let queue = build_queue_with_exam_dates(
            &QueueInput {
                cards: &cards,
                states: &states,
                scheduler: &scheduler,
                day: &day,
                settings: &self.settings,
                filter: &filter,
                done: &done,
            },
            &exams,
        );
        let pool = Pool::new(&self.library);
        let session = self.store.start_session(mode, &[], at).unwrap();
        let mut study = Study {
            library: &self.library,
            pool: &pool,
            scheduler: &scheduler,
            settings: &self.settings,
            tz: TimeZone::UTC,
            now: at,
            session,
            mode,
            queue,
            sets: Vec::new(),
            force_kinds: vec![],
            seed: 7,
            limit: None,
            minutes: None,
            width: 60,
            palette: Palette::PLAIN,
            exams,
        };
        tweak(&mut study);
        let clock = FakeClock::default();
        let mut learner = Learner::new(&clock, steps);
        let mut seen = Seen::default();
        let report = run(&study, &mut self.store, &mut learner, &clock, &mut seen).unwrap();
        assert_eq!(
            learner.steps.len(),
            0,
            "script not used up: {:?}\n{}",
            learner.steps,
            learner.text()
        );
        (report, learner.text(), seen.0, session)
    }
}

const COMCASA: &str = "Communications Compatibility and Security Agreement";
const LEMOA: &str = "Logistics Exchange Memorandum of Agreement";
const BECA: &str = "Basic Exchange and Cooperation Agreement";

fn rows(
    store: &Store,
    session: SessionId,
) -> Vec<(String, String, String, bool, String, Grade, bool)> {
    store
        .reviews_in_session(session)
        .unwrap()
        .into_iter()
        .map(|r| {
            (
                r.card,
                r.kind.unwrap().slug().to_owned(),
                r.response,
                r.correct,
                r.outcome.name().to_owned(),
                r.grade,
                r.cram,
            )
        })
        .collect()
}

fn row(
    card: &str,
    kind: &str,
    response: &str,
    correct: bool,
    outcome: &str,
    grade: Grade,
) -> (String, String, String, bool, String, Grade, bool) {
    (
        format!("study-basics/{card}/forward"),
        kind.into(),
        response.into(),
        correct,
        outcome.into(),
        grade,
        false,
    )
}

#[test]
fn a_session_answers_undoes_and_quits_with_everything_saved() {
    let mut f = Fixture::new();
    let steps = vec![
        // 1 comcasa: multiple choice, right, keep Good.
        Do::Pick(COMCASA),
        Do::Enter,
        // 2 wassenaar: typed near miss, then marked Good.
        Do::Type("Wassenar Arrangement"),
        Do::Pick("Good · 2d"),
        // 3 why-2plus2: flashcard, revealed, rated Hard.
        Do::Enter,
        Do::Index(1),
        // 4 lemoa: wrong, kept as Again.
        Do::PickNot(LEMOA),
        Do::Enter,
        // 5 beca: undo instead; lemoa comes back and is answered right this time.
        Do::Key('u'),
        Do::Pick(LEMOA),
        Do::Enter,
        // beca again: quit.
        Do::Quit,
    ];
    let (report, text, seen, session) = f.run(now(), SessionMode::Study, |_| {}, steps);
    assert_eq!(
        rows(&f.store, session),
        vec![
            row("comcasa", "multiple-choice", COMCASA, true, "correct", Grade::Good),
            row("wassenaar", "typed", "Wassenar Arrangement", true, "near-miss", Grade::Good),
            row("why-2plus2", "flashcard", "self-rated hard", true, "correct", Grade::Hard),
            row("lemoa", "multiple-choice", LEMOA, true, "correct", Grade::Good),
        ]
    );
    assert_eq!((report.questions, report.right, report.wrong, report.skipped), (4, 4, 0, 0));
    assert_eq!(report.ending, Ending::Quit);
    assert_eq!(report.new_facts, 4);
    assert!(report.weakest.is_empty(), "the undone miss is forgotten: {:?}", report.weakest);
    // Feedback: the near miss shows what differed; the wrong answer shows the right one.
    assert!(text.contains("≈ Almost"), "{text}");
    assert!(text.contains("Differences: Wassena[-a-]r Arrangement"), "{text}");
    assert!(text.contains("✗ Wrong"), "{text}");
    assert!(text.contains("Signed at the first 2+2 in 2018."), "{text}");
    assert!(text.contains("Source: recall test fixture"), "{text}");
    // The near miss is offered as Hard and the flashcard as Good by default.
    assert!(
        text.contains(
            r#"select [2/7] Save as (Enter keeps it) ["Again · 10m", "Hard · 1d", "Good · 2d", "Easy · "#
        ),
        "{text}"
    );
    assert!(text.contains("default 1"), "{text}");
    // Counter in every prompt; the undo took the score back (lemoa's miss had queued a re-ask).
    assert!(text.contains("select [1/7] What does COMCASA stand for?"), "{text}");
    assert!(text.contains("input [2/7] Which export-control regime"), "{text}");
    assert!(text.contains("select [5/8] What does BECA stand for?"), "{text}");
    assert!(text.contains("select [4/7] What does LEMOA stand for?"), "{text}");
    assert_eq!(
        seen,
        vec![(0, 7, 0), (1, 7, 1), (2, 7, 2), (3, 7, 3), (4, 8, 3), (3, 7, 3), (4, 7, 4)]
    );
    // The store agrees with the report, and the undone answer moved nothing.
    let lemoa =
        f.store.card_state(&"study-basics/lemoa/forward".parse().unwrap()).unwrap().unwrap();
    assert_eq!(lemoa.reps, 1);
    assert_eq!(lemoa.lapses, 0);
    let summary = report.summary(now());
    assert_eq!((summary.questions, summary.right, summary.wrong), (4, 4, 0));
    assert_eq!(summary.ended, Some("2026-11-30T09:01:00Z".parse().unwrap()));
}

#[test]
fn a_miss_comes_back_at_the_end_and_is_the_weakest() {
    let mut f = Fixture::new();
    let steps = vec![
        Do::PickNot(COMCASA),
        Do::Enter,
        Do::Key('s'), // wassenaar skipped
        Do::Key('s'), // why-2plus2 skipped
        Do::Pick(LEMOA),
        Do::Enter,
        Do::Pick(BECA),
        Do::Enter,
        Do::Pick("General Security of Military Information Agreement"),
        Do::Enter,
        Do::Enter, // quad: reveal
        Do::Enter, // and keep Good
        // comcasa again, ten minutes early (nothing else left): right now.
        Do::Pick(COMCASA),
        Do::Enter,
    ];
    let (report, text, _, session) = f.run(now(), SessionMode::Study, |_| {}, steps);
    assert_eq!(report.ending, Ending::Done);
    assert_eq!((report.questions, report.right, report.wrong, report.skipped), (6, 5, 1, 2));
    assert_eq!(report.weakest.len(), 1);
    assert_eq!(report.weakest[0].cue, "COMCASA");
    assert!(text.contains("select [8/8] What does COMCASA stand for?"), "{text}");
    let grades: Vec<Grade> =
        f.store.reviews_in_session(session).unwrap().iter().map(|r| r.grade).collect();
    assert_eq!(
        grades,
        [Grade::Again, Grade::Good, Grade::Good, Grade::Good, Grade::Good, Grade::Good]
    );
    // Skipped cards were not touched: still new.
    assert!(
        f.store.card_state(&"study-basics/wassenaar/forward".parse().unwrap()).unwrap().is_none()
    );
}

#[test]
fn cram_records_answers_without_moving_schedules() {
    let mut f = Fixture::new();
    let steps = vec![Do::Pick(COMCASA), Do::Enter, Do::Type("no idea"), Do::Enter, Do::Quit];
    let (report, text, _, session) = f.run(now(), SessionMode::Cram, |_| {}, steps);
    assert_eq!((report.questions, report.right, report.new_facts), (2, 1, 0));
    let reviews = f.store.reviews_in_session(session).unwrap();
    assert!(reviews.iter().all(|r| r.cram));
    assert!(f.store.card_states().unwrap().is_empty(), "cram moved a card");
    // No intervals on the grade menu: nothing is scheduled.
    assert!(text.contains(r#"["Again", "Hard", "Good", "Easy"]"#), "{text}");
}

/// Issue 15: a skipped card is no answer, so `--limit 2` still takes two answers and the
/// position never runs past the total (`[4/3]`); in cram nothing is due, so a skip does not
/// say "it stays due".
#[test]
fn a_skip_does_not_count_toward_the_limit_nor_say_due_in_cram() {
    let mut f = Fixture::new();
    let (report, text, _, _) = f.run(
        now(),
        SessionMode::Study,
        |s| s.limit = Some(2),
        vec![Do::Key('s'), Do::Type("Wassenaar Arrangement"), Do::Enter, Do::Any, Do::Any],
    );
    assert_eq!((report.ending, report.questions, report.skipped), (Ending::Limit, 2, 1));
    // Two answers, one skip: the position counts all three, and never passes the total.
    assert!(text.contains("[1/2]") && text.contains("[2/3]") && text.contains("[3/3]"), "{text}");
    assert!(!text.contains("[3/2]"), "{text}");
    assert!(text.contains("Skipped: it stays due."), "{text}");
    let mut f = Fixture::new();
    let (report, text, _, _) = f.run(
        now(),
        SessionMode::Cram,
        |s| s.limit = Some(1),
        vec![Do::Key('s'), Do::Type("Wassenaar Arrangement"), Do::Enter],
    );
    assert_eq!((report.questions, report.skipped), (1, 1));
    assert!(text.contains("Skipped.") && !text.contains("stays due"), "{text}");
}

/// `b` at the grade menu saves the answer with the grade offered and buries the card until
/// the next day begins; `x` suspends it; a missed card put aside does not come back in the
/// session; `u` at the next question takes back the answer and the hold together.
#[test]
fn keys_after_the_feedback_bury_or_suspend_and_undo_takes_them_back() {
    let mut f = Fixture::new();
    let (report, text, _, _) = f.run(
        now(),
        SessionMode::Study,
        |s| s.limit = Some(2),
        vec![Do::PickNot(COMCASA), Do::Key('b'), Do::Type("Wassenaar Arrangement"), Do::Key('x')],
    );
    assert_eq!((report.questions, report.right), (2, 1));
    assert!(text.contains("Buried until tomorrow. Saved as Again;"), "{text}");
    assert!(text.contains("Suspended: not asked again until `recall unsuspend"), "{text}");
    assert!(text.contains("study-basics/wassenaar/forward`. Saved as Good;"), "{text}");
    let comcasa = state_of(&f.store, "comcasa");
    assert_eq!(comcasa.buried_until, Some("2026-12-01T04:00:00Z".parse().unwrap()));
    assert_eq!(comcasa.phase, Phase::Learning, "the answer is saved");
    assert!(state_of(&f.store, "wassenaar").suspended);

    // Undo: the answer and the bury go together.
    let mut f = Fixture::new();
    let (_, text, _, _) = f.run(
        now(),
        SessionMode::Study,
        |_| {},
        vec![Do::PickNot(COMCASA), Do::Key('b'), Do::Key('u'), Do::Quit],
    );
    assert!(text.contains("Undone"), "{text}");
    let comcasa = f.store.card_state(&"study-basics/comcasa/forward".parse().unwrap()).unwrap();
    assert!(comcasa.as_ref().is_none_or(|s| s.buried_until.is_none() && s.is_new()), "{comcasa:?}");
}

#[test]
fn limit_minutes_and_forced_kinds() {
    let mut f = Fixture::new();
    let (report, text, _, _) = f.run(
        now(),
        SessionMode::Study,
        |s| s.limit = Some(2),
        vec![Do::Pick(COMCASA), Do::Enter, Do::Type("Wassenaar Arrangement"), Do::Enter],
    );
    assert_eq!((report.ending, report.questions), (Ending::Limit, 2));
    assert!(text.contains("[2/2]"), "{text}");

    // Each prompt takes 5 s on the fake clock, each question two prompts: a one-minute
    // session stops after six questions, before the seventh.
    let mut f = Fixture::new();
    let steps = vec![Do::Any; 12];
    let (report, _, _, _) = f.run(now(), SessionMode::Study, |s| s.minutes = Some(1), steps);
    assert_eq!((report.ending, report.questions), (Ending::TimeUp, 6));

    // `--kinds typed`: the Quad (a flashcard by default) is typed; the acronyms skip Typed,
    // so they stay multiple choice.
    let mut f = Fixture::new();
    let steps = vec![Do::Any; 14];
    let (report, text, _, _) =
        f.run(now(), SessionMode::Study, |s| s.force_kinds = vec![QuestionKind::Typed], steps);
    assert_eq!((report.ending, report.questions), (Ending::Done, 7));
    assert!(text.contains("input [7/7]"), "{text}");
    assert!(text.contains("select [1/7] What does COMCASA"), "{text}");
    // A fact that skips Typed keeps its own kind.
    assert!(
        text.contains(r#"select [3/7] Why does a 2+2 dialogue matter? ["Show the answer"]"#),
        "{text}"
    );
}

#[test]
fn kinds_are_the_first_wanted_kind_the_card_allows() {
    use QuestionKind::*;
    assert_eq!(
        choose_kind(&[MultipleChoice, TrueFalse], &[Flashcard, MultipleChoice, TrueFalse, Typed]),
        MultipleChoice
    );
    assert_eq!(choose_kind(&[MultipleChoice, TrueFalse], &[Reverse]), Reverse);
    assert_eq!(choose_kind(&[Typed, Cloze, Reverse, Flashcard], &[Cloze, MultipleChoice]), Cloze);
    assert_eq!(choose_kind(&[Typed], &[]), Flashcard);
}

#[test]
fn a_learning_card_waits_for_its_time() {
    let mut f = Fixture::new();
    // Miss comcasa, then quit.
    let (_, _, _, _) = f.run(
        now(),
        SessionMode::Study,
        |s| s.limit = Some(1),
        vec![Do::PickNot(COMCASA), Do::Enter],
    );
    // An hour later it is due and comes first (due before new cards).
    let later: Timestamp = "2026-11-30T10:00:00Z".parse().unwrap();
    let (_, text, _, _) =
        f.run(later, SessionMode::Study, |s| s.limit = Some(1), vec![Do::Pick(COMCASA), Do::Enter]);
    assert!(text.contains("[1/1] What does COMCASA stand for?"), "{text}");
    // Five minutes after the miss it is not due: it waits behind the new cards, and it is
    // still offered at the end, within the learn-ahead window.
    let mut f = Fixture::new();
    f.run(now(), SessionMode::Study, |s| s.limit = Some(1), vec![Do::PickNot(COMCASA), Do::Enter]);
    let soon: Timestamp = "2026-11-30T09:05:00Z".parse().unwrap();
    let (_, text, _, _) = f.run(
        soon,
        SessionMode::Study,
        |s| s.limit = Some(1),
        vec![Do::Type("Wassenaar Arrangement"), Do::Enter],
    );
    assert!(text.contains("[1/1] Which export-control regime"), "{text}");

    // A review card is due all day: two days after a Good at 09:00, at 06:00, it comes first
    // although its due time (09:00) is later that day.
    let mut f = Fixture::new();
    f.run(now(), SessionMode::Study, |s| s.limit = Some(1), vec![Do::Pick(COMCASA), Do::Enter]);
    let early: Timestamp = "2026-12-02T06:00:00Z".parse().unwrap();
    let (_, text, _, _) =
        f.run(early, SessionMode::Study, |s| s.limit = Some(1), vec![Do::Pick(COMCASA), Do::Enter]);
    assert!(text.contains("[1/1] What does COMCASA stand for?"), "{text}");
}

#[test]
fn summary_reads_without_colour() {
    let report = Report {
        mode: SessionMode::Study,
        ending: Ending::Quit,
        questions: 4,
        right: 3,
        wrong: 1,
        skipped: 1,
        new_facts: 4,
        elapsed: Duration::from_secs(252),
        learning_later: 1,
        weakest: vec![Weak {
            card: "d/f/forward".parse().unwrap(),
            cue: "LEMOA".into(),
            answer: LEMOA.into(),
            misses: 2,
        }],
        formats: Vec::new(),
    };
    let outlook = Outlook { streak: 3, due_tomorrow: 2, left_today: 0, due_week: 5 };
    let text = render::summary(&report, &outlook, 60, Palette::PLAIN);
    assert_eq!(
        text,
        "Session stopped: every answer so far is saved\n\
         \x20 Answered    4 questions, 1 skipped\n\
         \x20 Right       ✓ 3 (75%)\n\
         \x20 Time        4m 12s\n\
         \x20 New facts   4\n\
         \x20 Streak      3 days\n\
         \x20 Due         2 tomorrow · 5 in the next 7 days\n\
         \x20 Later today 1 card to see again in a few minutes\n\
         \x20 Weakest:\n\
         \x20   ✗ LEMOA → Logistics Exchange Memorandum of Agreement\n\
         \x20     (missed 2×)"
    );
    for line in text.lines() {
        assert!(console::measure_text_width(line) <= 60, "{line}");
    }
    // Cards left from today are in tomorrow's figure, and said; a long row wraps under itself.
    let outlook = Outlook { streak: 3, due_tomorrow: 19, left_today: 16, due_week: 22 };
    let text = render::summary(&report, &outlook, 60, Palette::PLAIN);
    assert!(
        text.contains(
            "  Due         19 tomorrow (16 left from today) · 22 in the\n\
             \x20             next 7 days\n"
        ),
        "{text}"
    );
    for line in text.lines() {
        assert!(console::measure_text_width(line) <= 60, "{line}");
    }
}

#[test]
fn outlook_counts_due_cards_and_the_streak() {
    let mut f = Fixture::new();
    // Answer everything right today: all due in a couple of days.
    let steps = vec![
        Do::Pick(COMCASA),
        Do::Enter,
        Do::Type("Wassenaar Arrangement"),
        Do::Enter,
        Do::Enter,
        Do::Index(1), // flashcard rated Hard: due tomorrow
        Do::Pick(LEMOA),
        Do::Enter,
        Do::Pick(BECA),
        Do::Enter,
        Do::Pick("General Security of Military Information Agreement"),
        Do::Enter,
        Do::Enter,
        Do::Enter, // quad: Good
    ];
    let (report, _, _, session) = f.run(now(), SessionMode::Study, |_| {}, steps);
    f.store.finish_session(session, &report.summary(now())).unwrap();
    let cards = library_cards(&f.library);
    let outlook = Outlook::read(&f.store, &cards, now(), &TimeZone::UTC, 4).unwrap();
    assert_eq!(outlook, Outlook { streak: 1, due_tomorrow: 1, left_today: 0, due_week: 7 });
}

/// Issue 15: quitting with questions left said "Due 0 tomorrow"; the cards not answered today
/// are still due tomorrow, and counted there (learning cards due later today too).
#[test]
fn outlook_counts_what_is_left_today_in_tomorrow() {
    let mut f = Fixture::new();
    // Two days on, comcasa, lemoa and beca are due (Good · 2d); wassenaar was missed.
    let steps = vec![
        Do::Pick(COMCASA),
        Do::Enter,
        Do::Type("no idea"),
        Do::Enter,
        Do::Key('s'),
        Do::Pick(LEMOA),
        Do::Enter,
        Do::Pick(BECA),
        Do::Enter,
        Do::Quit,
    ];
    f.run(now(), SessionMode::Study, |_| {}, steps);
    let cards = library_cards(&f.library);
    let outlook = Outlook::read(&f.store, &cards, now(), &TimeZone::UTC, 4).unwrap();
    // Wassenaar, missed, is due in ten minutes: left from today, due tomorrow if not done.
    assert_eq!(outlook, Outlook { streak: 0, due_tomorrow: 1, left_today: 1, due_week: 4 });
    let later: Timestamp = "2026-12-02T09:00:00Z".parse().unwrap();
    f.run(later, SessionMode::Study, |_| {}, vec![Do::Any, Do::Any, Do::Quit]);
    let cards = library_cards(&f.library);
    let outlook = Outlook::read(&f.store, &cards, later, &TimeZone::UTC, 4).unwrap();
    assert_eq!(outlook.left_today, 3, "{outlook:?}");
    assert_eq!(outlook.due_tomorrow, 3, "{outlook:?}");
}

/// The same walk with the ui layer's own scripted prompter: skip a card, type an answer, keep
/// the grade offered, quit at the next card.
#[test]
fn runs_with_the_ui_scripted_prompter() {
    use crate::ui::scripted::{Scripted, ScriptedStep};
    let mut f = Fixture::new();
    let scheduler = Scheduler::new(&f.settings, None).unwrap();
    let day = StudyDay::new(now(), TimeZone::UTC, 4);
    let cards = library_cards(&f.library);
    let states = f.store.card_states().unwrap();
    let done = f.store.day_counts(&day).unwrap();
    let queue = build_queue(&QueueInput {
        cards: &cards,
        states: &states,
        scheduler: &scheduler,
        day: &day,
        settings: &f.settings,
        filter: &Filter::default(),
        done: &done,
    });
    let pool = Pool::new(&f.library);
    let session = f.store.start_session(SessionMode::Study, &[], now()).unwrap();
    let study = Study {
        library: &f.library,
        pool: &pool,
        scheduler: &scheduler,
        settings: &f.settings,
        tz: TimeZone::UTC,
        now: now(),
        session,
        mode: SessionMode::Study,
        queue,
        sets: Vec::new(),
        force_kinds: vec![],
        seed: 1,
        limit: None,
        minutes: None,
        width: 60,
        palette: Palette::PLAIN,
        exams: ExamDates::none(),
    };
    let mut script = Scripted::new([
        ScriptedStep::Select(Reply::Key('s')),
        ScriptedStep::Input(Reply::Answer("wassenaar arrangement".into())),
        ScriptedStep::Select(Reply::Answer(2)),
        ScriptedStep::Select(Reply::Quit),
    ]);
    let clock = FakeClock::default();
    let report = run(&study, &mut f.store, &mut script, &clock, &mut NoProgress).unwrap();
    assert_eq!(script.remaining(), 0);
    assert_eq!((report.questions, report.right, report.skipped), (1, 1, 1));
    assert_eq!(report.ending, Ending::Quit);
    let text = script.transcript.join("\n");
    assert!(text.contains("input: [2/7] Which export-control regime"), "{text}");
    assert!(text.contains("select: [3/7] Why does a 2+2 dialogue matter?"), "{text}");
    assert_eq!(
        rows(&f.store, session),
        vec![row("wassenaar", "typed", "wassenaar arrangement", true, "correct", Grade::Good)]
    );
}

/// The fixture deck's id.
const DECK: &str = "study-basics";

/// ExamDates at 0.95 with the fixture deck's exam on `date`.
fn exams(date: jiff::civil::Date) -> ExamDates {
    let mut exams = ExamDates::new(0.95);
    exams.set(DECK.parse().unwrap(), date);
    exams
}

/// A card learnt earlier and due today: stability `s` days, last answered `s` days ago (so
/// its recall is at the 0.9 of plain scheduling now).
fn learnt(s: f32) -> CardState {
    let last = now() - jiff::SignedDuration::from_hours(24 * s as i64);
    CardState {
        phase: Phase::Review,
        memory: Some(Memory { stability: s, difficulty: 5.0 }),
        due: Some(now() - jiff::SignedDuration::from_hours(1)),
        reps: 2,
        lapses: 0,
        last_review: Some(last),
        suspended: false,
        buried_until: None,
    }
}

/// Stores `state` for the fixture card `fact` (an answer long ago, outside today's counts).
fn seed(store: &mut Store, fact: &str, state: &CardState) {
    let key: CardKey = format!("{DECK}/{fact}/forward").parse().unwrap();
    store
        .record_answer(&Answer {
            card: &key,
            session: None,
            time: state.last_review.unwrap(),
            kind: QuestionKind::MultipleChoice,
            response: "",
            correct: true,
            outcome: schedule::Outcome::Correct,
            grade: Grade::Good,
            duration_ms: 1000,
            after: state,
            cram: false,
        })
        .unwrap();
}

fn state_of(store: &Store, fact: &str) -> CardState {
    store.card_state(&format!("{DECK}/{fact}/forward").parse().unwrap()).unwrap().unwrap()
}

/// Whole learner days from today to `due`.
fn days_to(due: Timestamp) -> i32 {
    let day = StudyDay::new(now(), TimeZone::UTC, 4);
    (day.day_of(due) - day.today()).get_days()
}

/// Two learnt cards due today whose Good would, plainly, next come after the exam ten days
/// ahead; five facts never seen.
fn exam_fixture() -> Fixture {
    let mut f = Fixture::new();
    seed(&mut f.store, "comcasa", &learnt(6.0));
    seed(&mut f.store, "lemoa", &learnt(6.0));
    f
}

/// The Good steps for comcasa and lemoa (multiple choice, kept Good).
fn two_reviews() -> Vec<Do> {
    vec![Do::Pick(COMCASA), Do::Enter, Do::Pick(LEMOA), Do::Enter]
}

#[test]
fn a_session_before_an_exam_caps_due_dates_and_paces_new_facts() {
    let exam = jiff::civil::date(2026, 12, 10); // ten days ahead
    let scheduler = Scheduler::new(&Settings { fuzz: false, ..Settings::default() }, None).unwrap();
    let day = StudyDay::new(now(), TimeZone::UTC, 4);
    // What plain scheduling would give comcasa for Good: a due date past the exam.
    let key: CardKey = format!("{DECK}/comcasa/forward").parse().unwrap();
    let plain = scheduler.next_states(&key, &learnt(6.0), &day).unwrap();
    let plain_days = days_to(plain.good.state.due.unwrap());
    assert!(plain_days >= 10, "the fixture needs a plain interval past the exam: {plain_days}");

    let mut f = exam_fixture();
    // The queue: the two reviews, then new facts at the exam pace: 5 facts left over the 3 days
    // before the exam's last week, 2 today (not the 5 the new-per-day limit of 20 would allow).
    let mut steps = two_reviews();
    steps.extend([Do::Type("Wassenaar Arrangement"), Do::Enter, Do::Enter, Do::Enter]);
    let (report, text, _, _) = f.run_with(now(), SessionMode::Study, exams(exam), |_| {}, steps);
    assert_eq!((report.ending, report.questions, report.new_facts), (Ending::Done, 4, 2), "{text}");
    assert!(text.contains("[1/4]"), "{text}");

    for fact in ["comcasa", "lemoa"] {
        let after = state_of(&f.store, fact);
        let days = days_to(after.due.unwrap());
        // Capped before the exam, and a correct answer then keeps the exam-day recall up.
        assert!((1..10).contains(&days), "{fact}: due in {days} days, exam in 10\n{text}");
        assert!(days < plain_days);
        assert_eq!(after.memory, plain.good.state.memory, "only the due date changes");
        let review_day = StudyDay::new(after.due.unwrap(), TimeZone::UTC, 4);
        let next = scheduler.next_states(&key, &after, &review_day).unwrap();
        let recall = scheduler.recall_on(&next.good.state, exam, &review_day).unwrap();
        assert!(recall >= 0.95, "{fact}: recall {recall} on the exam day");
    }
    // The grade menu showed the exam-aware interval that was saved.
    let comcasa = days_to(state_of(&f.store, "comcasa").due.unwrap());
    let menu = r#"select [1/4] Save as (Enter keeps it) ["Again · 10m", "#;
    let line = text.lines().find(|l| l.starts_with(menu)).unwrap();
    assert!(line.contains(&format!("\"Good · {comcasa}d\"")), "{line}");
    // Every new fact studied is due before the exam too.
    for fact in ["wassenaar", "why-2plus2"] {
        assert!(days_to(state_of(&f.store, fact).due.unwrap()) < 10);
    }
    assert!(
        f.store.card_state(&format!("{DECK}/beca/forward").parse().unwrap()).unwrap().is_none(),
        "beca is beyond today's pace"
    );
}

#[test]
fn on_and_after_the_exam_day_scheduling_is_ordinary() {
    let scheduler = Scheduler::new(&Settings { fuzz: false, ..Settings::default() }, None).unwrap();
    let day = StudyDay::new(now(), TimeZone::UTC, 4);
    let key: CardKey = format!("{DECK}/comcasa/forward").parse().unwrap();
    let plain = scheduler.next_states(&key, &learnt(6.0), &day).unwrap().good.state;
    for exam in [jiff::civil::date(2026, 11, 30), jiff::civil::date(2026, 11, 1)] {
        let mut f = exam_fixture();
        // No pacing either: all five new facts come after the reviews ([1/7]).
        let (_, text, _, _) = f.run_with(
            now(),
            SessionMode::Study,
            exams(exam),
            |s| s.limit = Some(2),
            two_reviews(),
        );
        assert!(text.contains("select [1/2] What does COMCASA"), "{text}");
        let good = format!("Good · {}d", days_to(plain.due.unwrap()));
        assert!(text.contains(&good), "{good}: {text}");
        // The plain interval (answers come seconds after `now` on the fake clock).
        for fact in ["comcasa", "lemoa"] {
            let after = state_of(&f.store, fact);
            assert_eq!(days_to(after.due.unwrap()), days_to(plain.due.unwrap()), "exam {exam}");
            assert_eq!(after.memory, plain.memory);
        }
        let mut f = exam_fixture();
        let (report, _, _, _) =
            f.run_with(now(), SessionMode::Study, exams(exam), |_| {}, vec![Do::Any; 14]);
        assert_eq!((report.questions, report.new_facts), (7, 5), "exam {exam}");
    }
}

#[test]
fn undo_before_an_exam_restores_the_card_and_the_pace_holds() {
    let exam = jiff::civil::date(2026, 12, 10);
    let mut f = exam_fixture();
    let steps = vec![
        Do::Pick(COMCASA),
        Do::Enter,
        Do::Key('u'),
        Do::Pick(COMCASA),
        Do::Enter,
        Do::Pick(LEMOA),
        Do::Enter,
        Do::Quit,
    ];
    let (report, _, _, _) = f.run_with(now(), SessionMode::Study, exams(exam), |_| {}, steps);
    assert_eq!(report.questions, 2);
    let comcasa = state_of(&f.store, "comcasa");
    assert_eq!(comcasa.reps, 3);
    assert!((1..10).contains(&days_to(comcasa.due.unwrap())));
}

#[test]
fn the_header_names_the_exam_and_the_days_left() {
    let deck: DeckId = DECK.parse().unwrap();
    let today = jiff::civil::date(2026, 11, 30);
    let note = |e: &ExamDates| render::exam_note(e, std::slice::from_ref(&deck), today);
    assert_eq!(note(&ExamDates::none()), None);
    assert_eq!(
        note(&exams(jiff::civil::date(2026, 12, 10))).unwrap(),
        "Exam 2026-12-10 · 10 days left · new facts paced, intervals capped for 95% recall on \
         the day"
    );
    assert_eq!(note(&exams(today)).unwrap(), "Exam is today: ordinary scheduling");
    assert_eq!(
        note(&exams(jiff::civil::date(2026, 11, 2))).unwrap(),
        "Exam 2026-11-02 is past: ordinary scheduling"
    );
    // Another deck's exam is not this session's.
    let other: DeckId = "other".parse().unwrap();
    assert_eq!(render::exam_note(&exams(today), std::slice::from_ref(&other), today), None);
}

/// The state saved is the one the grade menu showed: the next states are computed once, when
/// the answer is judged, and the chosen one is carried to the store. A learner who lingers at
/// the menu past the day's rollover (4 a.m.) must not get a state computed a learner day later,
/// with one more day since the last review, than the "Good · Nd" they confirmed.
#[test]
fn the_grade_menus_state_is_the_one_saved() {
    let mut f = Fixture::new();
    let last: Timestamp = "2026-11-27T10:00:00Z".parse().unwrap();
    let learnt = CardState {
        phase: Phase::Review,
        memory: Some(Memory { stability: 2.0, difficulty: 5.0 }),
        due: Some("2026-11-29T10:00:00Z".parse().unwrap()),
        reps: 2,
        lapses: 0,
        last_review: Some(last),
        suspended: false,
        buried_until: None,
    };
    seed(&mut f.store, "comcasa", &learnt);
    // Each prompt takes 5 s: answered at 03:59:57 (still the 29th's learner day), the grade
    // confirmed at 04:00:02 (the 30th's).
    let start: Timestamp = "2026-11-30T03:59:52Z".parse().unwrap();
    let answered = start + jiff::SignedDuration::from_secs(5);
    let steps = vec![Do::Pick(COMCASA), Do::Enter, Do::Quit];
    let (_, text, _, session) = f.run(start, SessionMode::Study, |_| {}, steps);
    let menu = text.lines().find(|l| l.contains("Save as")).unwrap_or_else(|| panic!("{text}"));
    let days: i64 = menu
        .split("\"Good · ")
        .nth(1)
        .and_then(|rest| rest.split('d').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no Good interval in {menu}"));

    let scheduler = Scheduler::new(&f.settings, None).unwrap();
    let key: CardKey = format!("{DECK}/comcasa/forward").parse().unwrap();
    let shown = scheduler
        .next_states(&key, &learnt, &StudyDay::new(answered, TimeZone::UTC, 4))
        .unwrap()
        .good
        .state;
    let saved = state_of(&f.store, "comcasa");
    assert_eq!(saved, shown);
    assert_eq!(saved.due, Some(answered + jiff::SignedDuration::from_hours(24 * days)));
    let review = &f.store.reviews_in_session(session).unwrap()[0];
    assert_eq!((review.time, &review.after), (answered, &shown));
}

/// A learning card from an earlier session: missed five minutes ago, due in fifteen.
fn learning_due_in_15_minutes() -> CardState {
    CardState {
        phase: Phase::Learning,
        memory: Some(Memory { stability: 0.5, difficulty: 6.0 }),
        due: Some(now() + jiff::SignedDuration::from_mins(15)),
        reps: 1,
        lapses: 0,
        last_review: Some(now() - jiff::SignedDuration::from_mins(5)),
        suspended: false,
        buried_until: None,
    }
}

/// The cue of each question asked, in order (grade menus left out).
fn questions_asked(text: &str) -> Vec<String> {
    text.lines()
        .filter(|l| l.starts_with("select [") || l.starts_with("input ["))
        .filter(|l| !l.contains("Save as") && !l.contains("How well did you know it?"))
        .map(|l| {
            let question = &l[l.find("] ").unwrap() + 2..];
            question.split(" [\"").next().unwrap().to_owned()
        })
        .collect()
}

/// Issue 16: "a missed card was asked four times in a row while twelve others waited". Six
/// learning cards wait, due in fifteen minutes (within the learn-ahead window); comcasa, new,
/// is missed and due again in ten: it used to jump ahead of them at once, every time it was
/// missed. Now three other cards come between.
#[test]
fn a_missed_card_waits_for_others_before_it_comes_back() {
    let mut f = Fixture::new();
    for fact in ["wassenaar", "why-2plus2", "lemoa", "beca", "gsomia", "quad"] {
        seed(&mut f.store, fact, &learning_due_in_15_minutes());
    }
    let mut steps = vec![Do::PickNot(COMCASA), Do::Enter];
    steps.extend([Do::Any, Do::Any, Do::Any, Do::Any, Do::Any, Do::Any]);
    steps.extend([Do::Pick(COMCASA), Do::Enter]);
    steps.extend([Do::Any, Do::Any, Do::Any, Do::Any, Do::Any, Do::Any]);
    let (report, text, _, _) = f.run(now(), SessionMode::Study, |_| {}, steps);
    assert_eq!((report.ending, report.questions, report.wrong), (Ending::Done, 8, 1), "{text}");
    let asked = questions_asked(&text);
    let comcasa: Vec<usize> = asked
        .iter()
        .enumerate()
        .filter(|(_, q)| q.starts_with("What does COMCASA"))
        .map(|(i, _)| i)
        .collect();
    assert_eq!(comcasa, [0, 1 + MISS_SPACING as usize], "{asked:#?}");
}

/// When the missed card is the only one left, it comes straight back (learnt ahead).
#[test]
fn a_missed_card_alone_comes_straight_back() {
    let mut f = Fixture::new();
    let steps = vec![Do::PickNot(COMCASA), Do::Enter, Do::PickNot(COMCASA), Do::Enter, Do::Quit];
    let (report, text, _, _) = f.run(now(), SessionMode::Study, |s| s.queue.truncate(1), steps);
    assert_eq!((report.ending, report.questions), (Ending::Quit, 2), "{text}");
    let asked = questions_asked(&text);
    assert_eq!(asked.len(), 3, "{asked:#?}");
    assert!(asked.iter().all(|q| q.starts_with("What does COMCASA")), "{asked:#?}");
}

/// `--kinds reverse` keeps a fact's reverse card and drops its forward one; a fact with no
/// reverse card keeps its cards (asked in their own kinds); no kinds: every card.
#[test]
fn forced_kinds_choose_the_cards_that_can_be_asked_so() {
    use crate::deck::FactKind;
    use crate::ids::{Direction, FactId};
    let term = Fact::new(FactId::new("t").unwrap(), FactKind::Term, "a cue", "An answer");
    let statement = Fact::new(FactId::new("s").unwrap(), FactKind::Statement, "Why?", "Because");
    let deck = DeckId::new("d").unwrap();
    let key = |f: &Fact, d| CardKey::new(deck.clone(), f.id.clone(), d);
    let cards = vec![
        (key(&term, Direction::Forward), &term),
        (key(&term, Direction::Reverse), &term),
        (key(&statement, Direction::Forward), &statement),
    ];
    let names = |cards: &[(CardKey, &Fact)]| -> Vec<String> {
        cards.iter().map(|(k, _)| k.to_string()).collect()
    };
    let (chosen, fits) = cards_for_kinds(&cards, &[QuestionKind::Reverse]);
    assert!(fits);
    assert_eq!(names(&chosen), ["d/t/reverse", "d/s/forward"]);
    let (chosen, fits) = cards_for_kinds(&cards[2..], &[QuestionKind::Reverse]);
    assert!(!fits);
    assert_eq!(names(&chosen), ["d/s/forward"]);
    let (chosen, fits) = cards_for_kinds(&cards, &[QuestionKind::Typed]);
    assert!(fits);
    assert_eq!(names(&chosen), ["d/t/forward", "d/s/forward"]);
    let (chosen, fits) = cards_for_kinds(&cards, &[]);
    assert!(fits);
    assert_eq!(chosen.len(), 3);
}

// Statement sets and pairs in a session (`sets`).

const MOCK: &str = "mock-agreements";

/// The mock-paper agreements deck (four defence agreements, four economy terms) with its four
/// defence facts well learnt (stability 30 days) and two economy terms young (3 days), all six
/// due now; no new cards today.
fn sets_fixture() -> Fixture {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/exam/agreements.ron");
    let loaded = crate::deck::load_paths(&[path]);
    assert!(!loaded.has_errors());
    let mut f = Fixture { library: loaded.library, ..Fixture::new() };
    f.settings.new_per_day = 0;
    for (fact, s) in [
        ("comcasa-purpose", 30.0),
        ("lemoa-purpose", 30.0),
        ("beca-purpose", 30.0),
        ("gsomia-purpose", 30.0),
        ("crr-term", 3.0),
        ("slr-term", 3.0),
    ] {
        let key: CardKey = format!("{MOCK}/{fact}/forward").parse().unwrap();
        let state = learnt(s);
        f.store
            .record_answer(&Answer {
                card: &key,
                session: None,
                time: state.last_review.unwrap(),
                kind: QuestionKind::MultipleChoice,
                response: "",
                correct: true,
                outcome: schedule::Outcome::Correct,
                grade: Grade::Good,
                duration_ms: 1000,
                after: &state,
                cram: false,
            })
            .unwrap();
    }
    f
}

/// Today's queue of `f`, as [`Fixture::run`] builds it.
fn queue_of(f: &Fixture) -> (Vec<schedule::QueueEntry<'_>>, CardStates) {
    let scheduler = Scheduler::new(&f.settings, None).unwrap();
    let day = StudyDay::new(now(), TimeZone::UTC, f.settings.rollover_hour);
    let cards = library_cards(&f.library);
    let states = f.store.card_states().unwrap();
    let done = f.store.day_counts(&day).unwrap();
    let queue = build_queue(&QueueInput {
        cards: &cards,
        states: &states,
        scheduler: &scheduler,
        day: &day,
        settings: &f.settings,
        filter: &Filter::default(),
        done: &done,
    });
    (queue, states)
}

fn card(fact: &str) -> String {
    format!("{MOCK}/{fact}/forward")
}

#[test]
fn sets_are_made_of_well_learnt_due_reviews_only_and_at_most_one_per_five() {
    let f = sets_fixture();
    let (queue, states) = queue_of(&f);
    assert_eq!(queue.len(), 6, "six due reviews, no new card");
    let index = crate::quiz::composite::Index::new(&f.library);
    for seed in 0..20 {
        let chosen = sets::choose(&queue, &states, &index, seed);
        assert_eq!(chosen.len(), 1, "six due reviews make one set");
        let set = &chosen[0];
        let cards: Vec<String> = set.cards().map(|c| c.to_string()).collect();
        // Only the well-learnt defence facts: never the young economy ones.
        assert!(cards.iter().all(|c| DEFENCE.iter().any(|f| *c == card(f))), "{cards:?}");
        let entries: Vec<String> = set.entries.iter().map(|e| e.key.to_string()).collect();
        assert_eq!(entries, cards, "the set carries its facts' queue entries, in part order");
    }
    // Four due reviews: none (fewer than five).
    assert!(sets::choose(&queue[..4], &states, &index, 1).is_empty());
    // Young cards never make a set, however many are due.
    let young: CardStates = {
        let mut f = sets_fixture();
        for fact in DEFENCE {
            let key: CardKey = card(fact).parse().unwrap();
            let state = learnt(WELL_LEARNT - 1.0);
            f.store
                .record_answer(&Answer {
                    card: &key,
                    session: None,
                    time: now() - jiff::SignedDuration::from_hours(2),
                    kind: QuestionKind::MultipleChoice,
                    response: "",
                    correct: true,
                    outcome: schedule::Outcome::Correct,
                    grade: Grade::Good,
                    duration_ms: 1000,
                    after: &state,
                    cram: false,
                })
                .unwrap();
        }
        f.store.card_states().unwrap()
    };
    assert!(sets::choose(&queue, &young, &index, 1).is_empty());
    assert!(sets::well_learnt(&learnt(WELL_LEARNT)));
    assert!(!sets::well_learnt(&CardState::default()));
}

const WELL_LEARNT: f32 = sets::WELL_LEARNT_DAYS;

/// The well-learnt facts of [`sets_fixture`].
const DEFENCE: [&str; 4] = ["comcasa-purpose", "lemoa-purpose", "beca-purpose", "gsomia-purpose"];

/// A session whose sets are made by `make` from its queue, every prompt answered with its
/// default (a set's option (a); a direct question's default, saved as Good).
fn run_sets(
    f: &mut Fixture,
    make: impl FnOnce(&[schedule::QueueEntry<'_>], &Library) -> Vec<Composite> + 'static,
    steps: usize,
) -> (Report, String, SessionId) {
    let (report, text, _, session) = f.run(
        now(),
        SessionMode::Study,
        move |s| {
            let made = make(&s.queue, s.library);
            s.sets = made
                .into_iter()
                .map(|composite| {
                    let entries = composite
                        .parts
                        .iter()
                        .map(|p| s.queue.iter().find(|e| e.key == p.card).unwrap().clone())
                        .collect();
                    sets::SetQuestion { composite, entries }
                })
                .collect();
        },
        vec![Do::Any; steps],
    );
    (report, text, session)
}

use crate::quiz::composite::{Claim, Composite, Format, Index, Style, judgements};

/// The set `sets::choose` makes of the fixture's queue with seed 1.
fn chosen_set(
    queue: &[schedule::QueueEntry<'_>],
    library: &Library,
    states: &CardStates,
) -> Composite {
    let index = Index::new(library);
    sets::choose(queue, states, &index, 1).remove(0).composite
}

#[test]
fn a_set_gives_each_fact_its_own_review_where_the_option_judges_it() {
    let mut f = sets_fixture();
    let states = f.store.card_states().unwrap();
    let expected = {
        let (queue, states) = queue_of(&f);
        chosen_set(&queue, &f.library, &states)
    };
    assert_eq!((expected.format, expected.style), (Format::Statements, Style::Coded));
    // Option (a) is chosen: what it says of each statement decides each fact's review.
    let rights = judgements(&expected.claims[0], &expected.truths()).unwrap();
    let misses = rights.iter().filter(|r| !**r).count();
    let n = expected.parts.len();
    // Direct questions: the six reviews less the set's facts; each miss is asked again.
    let steps = 2 * (6 - n) + 2 + 2 * misses;
    let (report, text, session) =
        run_sets(&mut f, move |q, l| vec![chosen_set(q, l, &states)], steps);
    assert!(text.contains("Consider the following statements:"), "{text}");
    assert!(text.contains("(a) "), "{text}");
    assert!(text.contains("Each fact gets its own review"), "{text}");
    // The set is one question of the session; its facts asked again count as theirs.
    assert_eq!(report.questions as usize, 6 - n + 1 + misses, "{text}");
    let set_tally = report.formats.iter().find(|t| t.format == Format::Statements).unwrap();
    assert_eq!((set_tally.answered, set_tally.right), (1, u32::from(expected.correct == 0)));
    // One true/false review per fact of the set, right or wrong as the option judged it.
    let reviews = f.store.reviews_in_session(session).unwrap();
    for (part, right) in expected.parts.iter().zip(&rights) {
        let key = part.card.to_string();
        let of_fact: Vec<_> = reviews
            .iter()
            .filter(|r| r.card == key && r.kind == Some(QuestionKind::TrueFalse))
            .collect();
        assert_eq!(of_fact.len(), 1, "{key}: {reviews:#?}");
        assert_eq!(of_fact[0].correct, *right);
        assert_eq!(of_fact[0].grade, if *right { Grade::Good } else { Grade::Again });
        assert_eq!(of_fact[0].response, expected.options[0]);
        // A miss is asked again on its own later in the session.
        let again = reviews.iter().filter(|r| r.card == key).count();
        assert_eq!(again, if *right { 1 } else { 2 }, "{key}");
    }
    // The set is kept with its reviews, for history.
    let stored = f.store.study_sets(session).unwrap();
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].chosen, Some(0));
    assert_eq!(stored[0].reviews.len(), n);
}

#[test]
fn a_wrong_count_reviews_no_fact_and_its_facts_are_asked_again() {
    let mut f = sets_fixture();
    let make = |queue: &[schedule::QueueEntry<'_>], library: &Library| {
        let index = Index::new(library);
        let due: Vec<String> = queue.iter().map(|e| e.key.fact.to_string()).collect();
        let usable = move |_: &crate::deck::Deck, fact: &crate::deck::Fact| {
            fact.topic.as_deref() == Some("defence") && due.contains(&fact.id.to_string())
        };
        let mut rng = <crate::quiz::QuestionRng as rand::SeedableRng>::seed_from_u64(3);
        let mut c = index.statements(Style::Count, &usable, &mut rng).unwrap();
        // Put a wrong, non-revealing count first, so the default (a) is it.
        let actual = c.truths().iter().filter(|t| **t).count();
        let n = c.parts.len();
        let wrong = (0..c.claims.len())
            .find(|&i| matches!(c.claims[i], Claim::Count(k) if k != actual && k != 0 && k != n))
            .unwrap();
        c.options.swap(0, wrong);
        c.claims.swap(0, wrong);
        if c.correct == 0 {
            c.correct = wrong;
        }
        vec![c]
    };
    let n = {
        let (queue, _) = queue_of(&f);
        make(&queue, &f.library)[0].parts.len()
    };
    // The set (2 steps), the other direct reviews, then each fact of the set on its own.
    let steps = 2 + 2 * (6 - n) + 2 * n;
    let (report, text, session) = run_sets(&mut f, make, steps);
    assert!(text.contains("does not say which statements you misjudged"), "{text}");
    let reviews = f.store.reviews_in_session(session).unwrap();
    assert!(reviews.iter().all(|r| r.kind != Some(QuestionKind::TrueFalse)), "{reviews:#?}");
    // Every due fact answered once, directly: none dropped out of the day.
    assert_eq!(reviews.len(), 6);
    assert_eq!(report.questions as usize, 1 + 6, "the set and six direct questions");
    assert_eq!(report.wrong, 1);
    let stored = f.store.study_sets(session).unwrap();
    assert_eq!((stored.len(), stored[0].reviews.len()), (1, 0));
}

#[test]
fn undo_takes_a_set_back_whole_and_asks_it_again() {
    let mut f = sets_fixture();
    let states = f.store.card_states().unwrap();
    let before = f.store.card_states().unwrap();
    let expected = {
        let (queue, states) = queue_of(&f);
        chosen_set(&queue, &f.library, &states)
    };
    let (_, text, _, session) = f.run(
        now(),
        SessionMode::Study,
        move |s| {
            let index = Index::new(s.library);
            s.sets = sets::choose(&s.queue, &states, &index, 1);
            // The set first, alone.
            s.queue.retain(|e| s.sets[0].cards().any(|c| *c == e.key));
            s.limit = Some(1);
        },
        // Answer the set, undo at "Continue", answer it again, then quit.
        vec![Do::Any, Do::Key('u'), Do::Any, Do::Quit],
    );
    assert!(text.contains("↶ Undone: the statement set and its reviews;"), "{text}");
    let sets_saved = f.store.study_sets(session).unwrap();
    assert_eq!(sets_saved.len(), 1, "the undone answer is gone, the second is kept");
    let reviews = f.store.reviews_in_session(session).unwrap();
    assert_eq!(reviews.len(), expected.parts.len(), "one review per fact, not two");
    // Each fact's review starts from the state it had before the session.
    for r in &reviews {
        let key: CardKey = r.card.parse().unwrap();
        assert_eq!(r.before.as_ref(), before.get(&key), "{key}");
    }
}

#[test]
fn a_new_card_of_a_fact_met_before_is_not_a_new_fact() {
    // Dogfooding: the day after meeting facts forward, their cloze and reverse cards came in
    // as new cards, and the summary counted each as a new fact ("New facts 15" where `recall
    // stats` had 9 facts fewer never seen).
    let mut f = Fixture::new();
    let key: CardKey = format!("{DECK}/comcasa/reverse").parse().unwrap();
    let state = learnt(3.0);
    f.store
        .record_answer(&Answer {
            card: &key,
            session: None,
            time: state.last_review.unwrap(),
            kind: QuestionKind::Typed,
            response: "COMCASA",
            correct: true,
            outcome: schedule::Outcome::Correct,
            grade: Grade::Good,
            duration_ms: 1000,
            after: &state,
            cram: false,
        })
        .unwrap();
    let steps =
        vec![Do::Pick(COMCASA), Do::Enter, Do::Type("Wassenaar Arrangement"), Do::Enter, Do::Quit];
    let (report, text, _, _) = f.run(now(), SessionMode::Study, |_| {}, steps);
    assert_eq!((report.questions, report.new_facts), (2, 1), "{text}");
}
