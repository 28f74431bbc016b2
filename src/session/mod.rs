//! A study session: walks today's queue, asks each card in a fitting question kind, grades the
//! answer, lets the learner confirm or change the grade, records it, and keeps the score.
//!
//! The learner is reached only through [`ui::Prompter`](Prompter) (the terminal, or a script in tests)
//! and the progress line through [`Progress`]; time comes from a [`Clock`] added to the
//! command's `now`; question randomness from the run's seed through [`quiz::seeded_rng`]. So
//! the whole session runs in unit tests against a temporary store with no terminal.
//!
//! The walk:
//! - cards in queue order; a learning card due later today waits until it is due, or until
//!   it is within [`LEARN_AHEAD`] of due once nothing else is left (as in Anki);
//! - a card answered Again in a study session comes back later in the same session (its
//!   ten-minute learning step, shown early if nothing else is left);
//! - question kind: the first of the entry's kinds (by maturity, or forced by `--kinds`) that
//!   [`quiz::kinds_for`] allows, else the card's own first kind;
//! - `u` undoes the last answer (the store restores the card's state; the score and the
//!   question come back), `s` skips a card (it stays due), `q`/Esc/Ctrl-C/Ctrl-D stop. Every
//!   answer is committed before the next question appears.
//!
//! Decks with an exam date ahead ([`Study::exams`]) are scheduled for the exam: each answer's
//! next state comes from [`Scheduler::next_states_with_exam_dates`] (so the grade menu shows the
//! capped intervals and the store saves them), and the review load per day that policy spreads
//! is kept current as answers (and undos) move cards. The queue's pacing of new facts is the
//! command's part ([`schedule::build_queue_with_exam_dates`]).
//!
//! [`render`] turns a [`Report`] and an [`Outlook`] into the end-of-session summary.

mod clock;
pub mod render;

pub use clock::{Clock, FakeClock, MonotonicClock};

use std::collections::VecDeque;
use std::time::Duration;

use jiff::Timestamp;
use jiff::tz::TimeZone;
use serde::Serialize;

use crate::deck::{Deck, Fact, Library, QuestionKind};
use crate::ids::{CardKey, DeckId, FactId};
use crate::quiz::{self, Pool, Question, QuizOptions, Response};
use crate::schedule::{
    self, CardState, ExamDates, Grade, NextStates, Phase, QueueEntry, ScheduleError, Scheduler,
    StudyDay,
};
use crate::settings::Settings;
use crate::stats;
use crate::store::{Answer, ReviewId, SessionId, SessionMode, SessionSummary, Store, StoreError};
use crate::text::{self, Palette};
use crate::ui::{Prompter, Reply};

/// How far ahead of its due time a learning card may be shown once nothing else is left.
pub const LEARN_AHEAD: Duration = Duration::from_secs(20 * 60);

/// The hot keys of every question prompt.
const KEYS: &[char] = &['u', 's'];

/// What went wrong in a session: the store, the scheduler or the terminal.
#[derive(Debug, thiserror::Error)]
pub enum SessionError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Schedule(#[from] ScheduleError),
    #[error("the terminal failed: {0}")]
    Io(#[from] std::io::Error),
}

/// Draws the session's progress line between questions (an indicatif bar on the terminal).
pub trait Progress {
    /// Called before each question is shown.
    fn update(&mut self, done: usize, total: usize, right: u32, elapsed: Duration);
}

/// Progress that is not shown (tests).
#[derive(Debug, Default)]
pub struct NoProgress;

impl Progress for NoProgress {
    fn update(&mut self, _: usize, _: usize, _: u32, _: Duration) {}
}

/// Everything a session reads, built by the command.
pub struct Study<'a, 'f> {
    pub library: &'f Library,
    pub pool: &'a Pool<'f>,
    pub scheduler: &'a Scheduler,
    pub settings: &'a Settings,
    /// The learner's zone, for the learner day of each answer.
    pub tz: TimeZone,
    /// The command's `now`: answers are timed at `now` + the clock's elapsed time.
    pub now: Timestamp,
    pub session: SessionId,
    /// `Cram` records answers without moving schedules; otherwise `Study`.
    pub mode: SessionMode,
    /// Today's queue (or the cram selection), in order.
    pub queue: Vec<QueueEntry<'f>>,
    /// `--kinds`: ask only these kinds where the card allows one.
    pub force_kinds: Vec<QuestionKind>,
    /// `--seed`: option order, distractor choice, true/false statements.
    pub seed: u64,
    /// `--limit`: at most this many answers.
    pub limit: Option<usize>,
    /// `--minutes`: no new question after this long.
    pub minutes: Option<u32>,
    /// Columns to lay feedback out in.
    pub width: usize,
    /// Colour, or not, for everything the session shows (decided by the command).
    pub palette: Palette,
    /// Exam dates of the decks (deck `exam` fields or `--exam`), the exam-day target and the
    /// review load per coming day counted from the store ([`ExamDates::count_load`]);
    /// [`ExamDates::none`] for plain scheduling.
    pub exams: ExamDates,
}

/// Why the session ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Ending {
    /// Every card of the queue was answered or skipped.
    Done,
    /// The learner quit.
    Quit,
    /// `--minutes` ran out.
    TimeUp,
    /// `--limit` answers were given.
    Limit,
}

/// A fact the learner struggled with in this session.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Weak {
    #[serde(serialize_with = "as_display")]
    pub card: CardKey,
    pub cue: String,
    pub answer: String,
    /// Answers saved as Again in this session.
    pub misses: u32,
}

fn as_display<T: std::fmt::Display, S: serde::Serializer>(v: &T, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(v)
}

/// What a session did: its totals, stored as the session's row and shown in the summary.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    pub mode: &'static str,
    pub ending: Ending,
    /// Answers saved (undone ones excluded).
    pub questions: u32,
    /// Answers saved with a passing grade (Hard, Good or Easy).
    pub right: u32,
    pub wrong: u32,
    pub skipped: u32,
    /// Facts answered for the first time (study sessions only).
    pub new_facts: u32,
    #[serde(serialize_with = "as_secs")]
    pub elapsed: Duration,
    /// Learning cards left for later today: missed in this session, or waiting from an
    /// earlier one, and not reached before the session ended.
    pub learning_later: u32,
    /// The facts with the most misses, at most five.
    pub weakest: Vec<Weak>,
}

fn as_secs<S: serde::Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_u64(d.as_secs())
}

impl Report {
    /// The row the store keeps for this session.
    pub fn summary(&self, started: Timestamp) -> SessionSummary {
        let ended = started
            .checked_add(jiff::SignedDuration::try_from(self.elapsed).unwrap_or_default())
            .unwrap_or(started);
        SessionSummary {
            ended: Some(ended),
            questions: self.questions,
            right: self.right,
            wrong: self.wrong,
            score: None,
            extra: serde_json::to_value(SummaryExtra {
                ending: self.ending,
                skipped: self.skipped,
                new_facts: self.new_facts,
                seconds: self.elapsed.as_secs(),
                weakest: &self.weakest,
            })
            .ok(),
        }
    }
}

/// The session row's `extra` JSON for study and cram sessions.
#[derive(Serialize)]
struct SummaryExtra<'a> {
    ending: Ending,
    skipped: u32,
    new_facts: u32,
    seconds: u64,
    weakest: &'a [Weak],
}

/// A card waiting to be asked.
#[derive(Clone, Debug)]
struct Item<'f> {
    /// Unique within the session, so an undo can take back the re-ask it caused.
    id: u64,
    entry: QueueEntry<'f>,
    /// Not before this instant (a learning card); `None`: as soon as its turn comes.
    due: Option<Timestamp>,
    /// A re-ask after Again in this session.
    again: bool,
}

/// One saved answer, for undo and the score.
#[derive(Clone, Debug)]
struct Saved<'f> {
    item: Item<'f>,
    review: ReviewId,
    right: bool,
    grade: Grade,
    new_card: bool,
    /// The id of the re-ask this answer queued, if any.
    requeued: Option<u64>,
    /// The card's due time before and after the answer, so an undo can give the exam-date
    /// load back.
    due_before: Option<Timestamp>,
    due_after: Option<Timestamp>,
}

/// What happened at one question.
enum Step {
    Answered(Answered),
    Undo,
    Skip,
    Quit,
}

struct Answered {
    response: String,
    outcome: schedule::Outcome,
    grade: Grade,
    /// The kind actually asked.
    kind: QuestionKind,
    duration_ms: u32,
    /// The learner asked to stop right after this answer (quit at the grade menu).
    quit: bool,
}

/// Runs a session to its end and returns what it did. Answers are in the store as they are
/// given; the caller writes the session row from the report ([`Report::summary`]).
pub fn run(
    study: &Study<'_, '_>,
    store: &mut Store,
    prompter: &mut dyn Prompter,
    clock: &dyn Clock,
    progress: &mut dyn Progress,
) -> Result<Report, SessionError> {
    Walk::new(study).run(store, prompter, clock, progress)
}

struct Walk<'s, 'a, 'f> {
    study: &'s Study<'a, 'f>,
    pending: VecDeque<Item<'f>>,
    later: Vec<Item<'f>>,
    saved: Vec<Saved<'f>>,
    skipped: u32,
    next_id: u64,
    /// The typed-answer hint was shown.
    hinted: bool,
    /// The study's exams, with the load moved by this session's answers.
    exams: ExamDates,
}

impl<'s, 'a, 'f> Walk<'s, 'a, 'f> {
    fn new(study: &'s Study<'a, 'f>) -> Self {
        let mut walk = Walk {
            study,
            pending: VecDeque::new(),
            later: Vec::new(),
            saved: Vec::new(),
            skipped: 0,
            next_id: 0,
            hinted: false,
            exams: study.exams.clone(),
        };
        for entry in &study.queue {
            let item = walk.item(entry.clone(), None, false);
            walk.pending.push_back(item);
        }
        walk
    }

    fn item(&mut self, entry: QueueEntry<'f>, due: Option<Timestamp>, again: bool) -> Item<'f> {
        self.next_id += 1;
        Item { id: self.next_id, entry, due, again }
    }

    fn now(&self, clock: &dyn Clock) -> Timestamp {
        let elapsed = jiff::SignedDuration::try_from(clock.elapsed()).unwrap_or_default();
        self.study.now.checked_add(elapsed).unwrap_or(self.study.now)
    }

    fn right(&self) -> u32 {
        self.saved.iter().filter(|s| s.right).count() as u32
    }

    /// The next card to ask: the first pending one that is due; else the earliest waiting
    /// card within [`LEARN_AHEAD`].
    fn next(&mut self, now: Timestamp) -> Option<Item<'f>> {
        let ahead = jiff::SignedDuration::try_from(LEARN_AHEAD).unwrap_or_default();
        let horizon = now.checked_add(ahead).unwrap_or(now);
        // Learning cards whose time has come go first.
        if let Some(i) = self.earliest_later().filter(|&i| self.later[i].due <= Some(now)) {
            return Some(self.later.remove(i));
        }
        while let Some(item) = self.pending.pop_front() {
            match item.due {
                Some(due) if due > now => self.later.push(item),
                _ => return Some(item),
            }
        }
        let i = self.earliest_later()?;
        (self.later[i].due.is_none_or(|d| d <= horizon)).then(|| self.later.remove(i))
    }

    fn earliest_later(&self) -> Option<usize> {
        (0..self.later.len()).min_by_key(|&i| self.later[i].due)
    }

    /// Cards still to ask in this session: the pending ones and the learning cards due within
    /// [`LEARN_AHEAD`] of `now` (those due later today are not counted: they may not come up).
    fn remaining(&self, now: Timestamp) -> usize {
        let ahead = jiff::SignedDuration::try_from(LEARN_AHEAD).unwrap_or_default();
        let horizon = now.checked_add(ahead).unwrap_or(now);
        let soon = self.later.iter().filter(|i| i.due.is_none_or(|d| d <= horizon)).count();
        self.pending.len() + soon
    }

    fn run(
        mut self,
        store: &mut Store,
        prompter: &mut dyn Prompter,
        clock: &dyn Clock,
        progress: &mut dyn Progress,
    ) -> Result<Report, SessionError> {
        // Learning cards from earlier sessions wait for their time.
        let start = self.now(clock);
        // (Review cards on day intervals are due all day, whatever the hour of their due time.)
        let mut now_or_in_turn = VecDeque::with_capacity(self.pending.len());
        for mut item in std::mem::take(&mut self.pending) {
            if !item.entry.is_new
                && let Some(state) = store.card_state(&item.entry.key)?
                && matches!(state.phase, Phase::Learning | Phase::Relearning)
                && state.due.is_some_and(|d| d > start)
            {
                item.due = state.due;
                self.later.push(item);
            } else {
                now_or_in_turn.push_back(item);
            }
        }
        self.pending = now_or_in_turn;
        let ending = loop {
            if let Some(limit) = self.study.limit
                && self.saved.len() >= limit
            {
                break Ending::Limit;
            }
            if let Some(minutes) = self.study.minutes
                && clock.elapsed() >= Duration::from_secs(u64::from(minutes) * 60)
            {
                break Ending::TimeUp;
            }
            let now = self.now(clock);
            let Some(item) = self.next(now) else { break Ending::Done };
            // Skipped cards keep their place in the count: the position never goes back.
            let done = self.saved.len() + self.skipped as usize;
            let mut total = done + 1 + self.remaining(now);
            if let Some(limit) = self.study.limit {
                total = total.min(limit);
            }
            progress.update(done, total, self.right(), clock.elapsed());
            let position = format!("[{}/{}]", done + 1, total);
            let state = store.card_state(&item.entry.key)?.unwrap_or_default();
            match self.ask(&item, &state, &position, prompter, clock)? {
                Step::Answered(answered) => {
                    let quit = answered.quit;
                    self.save(store, item, &state, answered, clock)?;
                    if quit {
                        break Ending::Quit;
                    }
                }
                Step::Undo => {
                    self.pending.push_front(item);
                    self.undo(store, prompter, clock)?;
                }
                Step::Skip => {
                    self.skipped += 1;
                    prompter
                        .show(&self.study.palette.dim("  Skipped: it stays due.").to_string())?;
                }
                Step::Quit => break Ending::Quit,
            }
        };
        // Learning cards not reached: missed in this session or waiting from an earlier one.
        let learning_later = self.later.len() as u32;
        Ok(self.report(ending, clock.elapsed(), learning_later))
    }

    /// The kind to ask a card in: the first wanted kind the card allows, else its own first.
    fn kind_for(&self, item: &Item<'f>, state: &CardState) -> QuestionKind {
        let entry = &item.entry;
        let wanted: Vec<QuestionKind> = if !self.study.force_kinds.is_empty() {
            self.study.force_kinds.clone()
        } else if item.again {
            schedule::preferred_kinds(state.stability(), self.study.settings).to_vec()
        } else {
            entry.kinds.clone()
        };
        choose_kind(&wanted, &quiz::kinds_for(entry.fact, entry.key.direction))
    }

    fn deck(&self, id: &DeckId) -> Option<&'f Deck> {
        self.study.library.deck(id)
    }

    fn ask(
        &mut self,
        item: &Item<'f>,
        state: &CardState,
        position: &str,
        prompter: &mut dyn Prompter,
        clock: &dyn Clock,
    ) -> Result<Step, SessionError> {
        let study = self.study;
        let entry = &item.entry;
        let kind = self.kind_for(item, state);
        let Some(deck) = self.deck(&entry.key.deck) else {
            // The queue is built from the library, so its deck is there; skip defensively.
            return Ok(Step::Skip);
        };
        let options = QuizOptions { choices: 4, round: u64::from(state.reps) };
        let mut rng =
            quiz::seeded_rng(study.seed.wrapping_add(u64::from(state.reps)), &entry.key, kind);
        let q =
            quiz::ask(study.pool, deck, entry.fact, entry.key.direction, kind, &options, &mut rng);
        let prompt = format!("{position} {}", q.prompt);
        let shown_at = clock.elapsed();
        let response = if !q.options.is_empty() {
            match prompter.select(&prompt, &q.options, 0, KEYS)? {
                Reply::Answer(i) => Response::Choice(i),
                Reply::Key('u') => return Ok(Step::Undo),
                Reply::Key(_) => return Ok(Step::Skip),
                Reply::Quit => return Ok(Step::Quit),
            }
        } else if q.kind == QuestionKind::Flashcard {
            return self.flashcard(&q, state, position, prompter, clock, shown_at);
        } else {
            if !self.hinted {
                // Once per session: the keys of a typed prompt are not on screen otherwise.
                self.hinted = true;
                prompter.show(&study.palette.dim(TYPED_HINT).to_string())?;
            }
            match prompter.input(&prompt, KEYS)? {
                Reply::Answer(text) if text.trim().is_empty() => Response::DontKnow,
                Reply::Answer(text) => Response::Text(text),
                Reply::Key('u') => return Ok(Step::Undo),
                Reply::Key(_) => return Ok(Step::Skip),
                Reply::Quit => return Ok(Step::Quit),
            }
        };
        let duration_ms = millis(clock.elapsed().saturating_sub(shown_at));
        let outcome = quiz::grade(&q, &response);
        let text = match &response {
            Response::Choice(i) => q.options.get(*i).cloned().unwrap_or_default(),
            Response::Text(t) => t.clone(),
            Response::DontKnow => String::new(),
        };
        prompter.show(&render::feedback(&q, &outcome, &text, study.width, study.palette))?;
        let outcome = stored_outcome(&outcome);
        let suggested = Grade::from_outcome(outcome);
        let next = self.next_states(&entry.key, state, clock)?;
        let items = grade_items(next.as_ref());
        let save_as = format!("{position} {SAVE_AS}");
        let (grade, quit) = match prompter.select(&save_as, &items, grade_index(suggested), &[])? {
            Reply::Answer(i) => (Grade::ALL.get(i).copied().unwrap_or(suggested), false),
            // Stopping here still saves the answer just given, with the grade shown.
            _ => {
                let saved =
                    format!("  Saved as {} before stopping.", render::grade_name(suggested));
                prompter.show(&study.palette.dim(saved).to_string())?;
                (suggested, true)
            }
        };
        Ok(Step::Answered(Answered {
            response: text,
            outcome,
            grade,
            kind: q.kind,
            duration_ms,
            quit,
        }))
    }

    /// A flashcard: show the prompt, reveal the answer, and let the learner rate it.
    fn flashcard(
        &mut self,
        q: &Question,
        state: &CardState,
        position: &str,
        prompter: &mut dyn Prompter,
        clock: &dyn Clock,
        shown_at: Duration,
    ) -> Result<Step, SessionError> {
        let reveal = ["Show the answer".to_owned()];
        match prompter.select(&format!("{position} {}", q.prompt), &reveal, 0, KEYS)? {
            Reply::Answer(_) => {}
            Reply::Key('u') => return Ok(Step::Undo),
            Reply::Key(_) => return Ok(Step::Skip),
            Reply::Quit => return Ok(Step::Quit),
        }
        let duration_ms = millis(clock.elapsed().saturating_sub(shown_at));
        prompter.show(&render::revealed(q, self.study.width, self.study.palette))?;
        let next = self.next_states(&q.card, state, clock)?;
        let items = grade_items(next.as_ref());
        let rate = format!("{position} How well did you know it?");
        match prompter.select(&rate, &items, 2, KEYS)? {
            Reply::Answer(i) => {
                let grade = Grade::ALL.get(i).copied().unwrap_or(Grade::Good);
                let outcome = if grade == Grade::Again {
                    schedule::Outcome::Wrong
                } else {
                    schedule::Outcome::Correct
                };
                Ok(Step::Answered(Answered {
                    response: format!("self-rated {grade}"),
                    outcome,
                    grade,
                    kind: q.kind,
                    duration_ms,
                    quit: false,
                }))
            }
            Reply::Key('u') => Ok(Step::Undo),
            Reply::Key(_) => Ok(Step::Skip),
            Reply::Quit => Ok(Step::Quit),
        }
    }

    /// The four next states at this moment; `None` in cram (schedules do not move).
    fn next_states(
        &self,
        key: &CardKey,
        state: &CardState,
        clock: &dyn Clock,
    ) -> Result<Option<NextStates>, SessionError> {
        if self.study.mode == SessionMode::Cram {
            return Ok(None);
        }
        let day = self.day(clock);
        Ok(Some(self.study.scheduler.next_states_with_exam_dates(key, state, &day, &self.exams)?))
    }

    fn day(&self, clock: &dyn Clock) -> StudyDay {
        StudyDay::new(self.now(clock), self.study.tz.clone(), self.study.settings.rollover_hour)
    }

    fn save(
        &mut self,
        store: &mut Store,
        item: Item<'f>,
        state: &CardState,
        answered: Answered,
        clock: &dyn Clock,
    ) -> Result<(), SessionError> {
        let cram = self.study.mode == SessionMode::Cram;
        let key = item.entry.key.clone();
        let next = self.next_states(&key, state, clock)?;
        let after =
            next.as_ref().map_or_else(|| state.clone(), |n| n.get(answered.grade).state.clone());
        let right = answered.grade != Grade::Again;
        let review = store.record_answer(&Answer {
            card: &key,
            session: Some(self.study.session),
            time: self.now(clock),
            kind: answered.kind,
            response: &answered.response,
            correct: right,
            outcome: answered.outcome,
            grade: answered.grade,
            duration_ms: answered.duration_ms,
            after: &after,
            cram,
        })?;
        if !cram {
            self.exams.moved(state.due, after.due, &self.day(clock));
        }
        let requeued = if !cram && answered.grade == Grade::Again {
            let again = self.item(item.entry.clone(), after.due, true);
            let id = again.id;
            self.later.push(again);
            Some(id)
        } else {
            None
        };
        self.saved.push(Saved {
            item,
            review,
            right,
            grade: answered.grade,
            new_card: !cram && state.is_new(),
            requeued,
            due_before: state.due,
            due_after: after.due,
        });
        Ok(())
    }

    fn undo(
        &mut self,
        store: &mut Store,
        prompter: &mut dyn Prompter,
        clock: &dyn Clock,
    ) -> Result<(), SessionError> {
        let Some(last) = self.saved.pop() else {
            prompter.show(&self.study.palette.dim("  Nothing to undo yet.").to_string())?;
            return Ok(());
        };
        match store.undo_last(self.study.session)? {
            Some(review) if review.id == last.review => {}
            _ => {
                // The store's last answer of this session is always ours; if not, keep going
                // without touching the score.
                self.saved.push(last);
                prompter.show(&self.study.palette.warn("  Nothing to undo.").to_string())?;
                return Ok(());
            }
        }
        if self.study.mode != SessionMode::Cram {
            self.exams.moved(last.due_after, last.due_before, &self.day(clock));
        }
        if let Some(id) = last.requeued {
            self.later.retain(|i| i.id != id);
            self.pending.retain(|i| i.id != id);
        }
        let mut undone = String::new();
        let what = format!(
            "↶ Undone: {} ({}); asking it again.",
            last.item.entry.fact.cue,
            render::grade_name(last.grade)
        );
        text::wrap_hanging(&mut undone, &what, "  ", "    ", self.study.width);
        prompter.show(&self.study.palette.dim(undone.trim_end()).to_string())?;
        self.pending.push_front(last.item);
        Ok(())
    }

    fn report(&self, ending: Ending, elapsed: Duration, learning_later: u32) -> Report {
        let questions = self.saved.len() as u32;
        let right = self.right();
        let mut new_facts: Vec<(&DeckId, &FactId)> = self
            .saved
            .iter()
            .filter(|s| s.new_card)
            .map(|s| (&s.item.entry.key.deck, &s.item.entry.key.fact))
            .collect();
        new_facts.sort();
        new_facts.dedup();
        // Weakest: most misses first, then first missed.
        let mut weak: Vec<Weak> = Vec::new();
        for s in self.saved.iter().filter(|s| s.grade == Grade::Again) {
            let key = &s.item.entry.key;
            match weak.iter_mut().find(|w| &w.card == key) {
                Some(w) => w.misses += 1,
                None => weak.push(Weak {
                    card: key.clone(),
                    cue: s.item.entry.fact.cue.clone(),
                    answer: s.item.entry.fact.answer.clone(),
                    misses: 1,
                }),
            }
        }
        weak.sort_by_key(|w| std::cmp::Reverse(w.misses));
        weak.truncate(5);
        Report {
            mode: self.study.mode.name(),
            ending,
            questions,
            right,
            wrong: questions - right,
            skipped: self.skipped,
            new_facts: new_facts.len() as u32,
            elapsed,
            learning_later,
            weakest: weak,
        }
    }
}

/// The grade menu after an auto-graded answer.
const SAVE_AS: &str = "Save as (Enter keeps it)";

/// Shown above a typed prompt.
const TYPED_HINT: &str = "  Enter alone: don't know · :u undo · :s skip · :q quit";

/// Every card of the library in deck order, with its fact.
pub fn library_cards(library: &Library) -> Vec<(CardKey, &Fact)> {
    let mut cards = Vec::with_capacity(library.fact_count() * 2);
    for (deck, fact) in library.facts() {
        for direction in quiz::cards(fact) {
            cards.push((CardKey::new(deck.id.clone(), fact.id.clone(), direction), fact));
        }
    }
    cards
}

/// The first of `wanted` that the card can be asked in, else the card's own first kind.
pub fn choose_kind(wanted: &[QuestionKind], allowed: &[QuestionKind]) -> QuestionKind {
    wanted
        .iter()
        .find(|k| allowed.contains(k))
        .or_else(|| allowed.first())
        .copied()
        .unwrap_or(QuestionKind::Flashcard)
}

/// The quiz layer's outcome as the store records it.
fn stored_outcome(outcome: &quiz::Outcome) -> schedule::Outcome {
    match outcome {
        quiz::Outcome::Correct => schedule::Outcome::Correct,
        quiz::Outcome::NearMiss { .. } => schedule::Outcome::NearMiss,
        quiz::Outcome::Wrong => schedule::Outcome::Wrong,
        quiz::Outcome::DontKnow => schedule::Outcome::DontKnow,
    }
}

/// The grade menu: `Good · 3d` with the interval each grade gives (none in cram).
fn grade_items(next: Option<&NextStates>) -> Vec<String> {
    Grade::ALL
        .iter()
        .map(|&g| {
            let name = render::grade_name(g);
            match next {
                Some(n) => format!("{name} · {}", n.get(g).interval),
                None => name.to_owned(),
            }
        })
        .collect()
}

fn grade_index(grade: Grade) -> usize {
    Grade::ALL.iter().position(|&g| g == grade).unwrap_or(2)
}

fn millis(d: Duration) -> u32 {
    u32::try_from(d.as_millis()).unwrap_or(u32::MAX)
}

/// What comes after the session: the streak and what is due next.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Outlook {
    /// Learner days in a row with a session, today included.
    pub streak: u32,
    /// Cards of the library due tomorrow (its learner day).
    pub due_tomorrow: usize,
    /// Cards due from tomorrow through the seventh day after today.
    pub due_week: usize,
}

impl Outlook {
    /// Reads the sessions and card states after the session ends. `cards`: the library's cards.
    pub fn read(
        store: &Store,
        cards: &[(CardKey, &Fact)],
        now: Timestamp,
        tz: &TimeZone,
        rollover_hour: u8,
    ) -> Result<Outlook, StoreError> {
        let day = StudyDay::new(now, tz.clone(), rollover_hour);
        let states = store.card_states()?;
        let today = day.today();
        let tomorrow = today.tomorrow().unwrap_or(today);
        let (t_start, t_end) =
            (day.start_of(tomorrow), day.start_of(tomorrow.tomorrow().unwrap_or(tomorrow)));
        let week_end = day.start_of(today.checked_add(jiff::Span::new().days(8)).unwrap_or(today));
        let mut due_tomorrow = 0;
        let mut due_week = 0;
        for (key, _) in cards {
            if let Some(s) = states.get(key)
                && !s.suspended
                && let Some(due) = s.due
            {
                if due >= t_start && due < t_end {
                    due_tomorrow += 1;
                }
                if due >= t_start && due < week_end {
                    due_week += 1;
                }
            }
        }
        let sessions = store.sessions_between(
            Timestamp::MIN,
            now.checked_add(jiff::SignedDuration::from_hours(24)).unwrap_or(now),
        )?;
        let facts: Vec<stats::SessionFact> = sessions
            .iter()
            .map(|s| stats::SessionFact {
                id: s.id.0,
                mode: match s.mode {
                    SessionMode::Study => stats::Mode::Study,
                    SessionMode::Cram => stats::Mode::Cram,
                    SessionMode::Exam => stats::Mode::Exam,
                },
                decks: Vec::new(),
                started: s.started,
                ended: s.summary.ended,
                questions: s.summary.questions,
                right: s.summary.right,
                wrong: s.summary.wrong,
                unanswered: 0,
                score: 0.0,
                max_score: 0.0,
                marking: None,
                scheme: None,
                status: None,
                duration_seconds: 0,
            })
            .collect();
        let days = stats::LearnerDays::new(tz.clone(), rollover_hour);
        let streak = stats::activity::streak(&facts, &days, today);
        Ok(Outlook { streak, due_tomorrow, due_week })
    }
}

#[cfg(test)]
mod tests;
