//! The session walk with a scripted learner, a fake clock and a temporary store.

use std::collections::VecDeque;
use std::io;
use std::path::PathBuf;

use super::*;
use crate::deck::Library;
use crate::schedule::{CardStates, DayCounts, Filter, QueueInput, build_queue};
use crate::ui::Reply;

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
        console::set_colors_enabled(false);
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
        let scheduler = Scheduler::new(&self.settings, None).unwrap();
        let day = StudyDay::new(at, TimeZone::UTC, self.settings.rollover_hour);
        let cards = library_cards(&self.library);
        let states: CardStates = self.store.card_states().unwrap();
        let done: DayCounts = self.store.day_counts(&day).unwrap();
        let filter = Filter::default();
        let queue = build_queue(&QueueInput {
            cards: &cards,
            states: &states,
            scheduler: &scheduler,
            day: &day,
            settings: &self.settings,
            filter: &filter,
            done: &done,
        });
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
            force_kinds: vec![],
            seed: 7,
            limit: None,
            minutes: None,
            width: 60,
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
    assert!(text.contains("Differences: wassena[-a-]r arrangement"), "{text}");
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
        mode: "study",
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
    };
    console::set_colors_enabled(false);
    let text = render::summary(&report, &Outlook { streak: 3, due_tomorrow: 2, due_week: 5 }, 60);
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
    assert_eq!(outlook, Outlook { streak: 1, due_tomorrow: 1, due_week: 7 });
}

/// The same walk with the ui layer's own scripted prompter: skip a card, type an answer, keep
/// the grade offered, quit at the next card.
#[test]
fn runs_with_the_ui_scripted_prompter() {
    use crate::ui::{Scripted, ScriptedStep};
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
        force_kinds: vec![],
        seed: 1,
        limit: None,
        minutes: None,
        width: 60,
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
