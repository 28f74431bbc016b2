//! The walk through a session's queue: which card comes next (learning cards wait for their
//! time, a card answered Again comes back), recording each answer, undo, and the report. Asking
//! and grading one card is [`ask`]'s part.

mod ask;
mod set;

use std::collections::{HashMap, HashSet, VecDeque};
use std::rc::Rc;
use std::time::Duration;

use jiff::Timestamp;

use super::Prompter;
use super::{
    Clock, Ending, FormatTally, LEARN_AHEAD, Progress, Report, SessionError, Study, Weak, render,
};
use crate::deck::QuestionKind;
use crate::ids::{CardKey, DeckId, FactId};
use crate::quiz::composite::Format;
use crate::schedule::{self, CardState, ExamDates, Grade, Phase, QueueEntry};
use crate::session::sets::SetQuestion;
use crate::store::{Answer, ReviewId, SessionMode, Store};
use crate::text;

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
    /// Not before this many questions have been asked in the session ([`Walk::turn`]), while
    /// other cards can be asked: a miss waits [`MISS_SPACING`] other questions.
    not_before: u64,
    /// A statement set or pairs question asked in place of its facts' cards (`entry` is its
    /// first fact's); `None` for a card asked on its own.
    set: Option<Rc<SetQuestion<'f>>>,
}

/// Questions asked between a missed card and its re-ask whenever other cards can be asked
/// (pending ones, or learning cards within [`LEARN_AHEAD`]): a miss comes straight back only
/// when it is the last card left. Without it, a miss due in ten minutes would jump ahead of
/// learning cards due in fifteen, again and again.
pub(super) const MISS_SPACING: u64 = 3;

/// One saved answer, for undo and the score.
#[derive(Clone, Debug)]
struct Saved<'f> {
    item: Item<'f>,
    /// The review of a card asked on its own; `None` for a set (see `set`).
    review: Option<ReviewId>,
    right: bool,
    /// A set's grade is Good when its option was right, else Again (its facts have their own).
    grade: Grade,
    /// The answer met its fact for the first time (its first card answered ever).
    new_fact: bool,
    /// The format asked, for the session's accuracy by format.
    format: Format,
    /// The ids of the re-asks this answer queued (a miss; a set's misses and unjudged facts).
    requeued: Vec<u64>,
    /// A set's own record: where it is stored and what it did to each fact.
    set: Option<set::SavedSet<'f>>,
    /// The card's due time before and after the answer, so an undo can give the exam-date
    /// load back.
    due_before: Option<Timestamp>,
    due_after: Option<Timestamp>,
    /// The card's `suspended` and `buried_until` before a `b` or `x` after this answer put it
    /// aside, for the undo to put back.
    hold_before: Option<(bool, Option<Timestamp>)>,
}

/// Putting the card just answered aside, by a key after the feedback.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Hold {
    /// `b`: until the learner's next day begins.
    Bury,
    /// `x`: until `recall unsuspend`.
    Suspend,
}

/// What happened at one question.
enum Step {
    Answered(Answered),
    Undo,
    Skip,
    Quit,
}

/// An answer as the learner gave and graded it, with the state it moves the card to: the next
/// states are computed once, when the grade menu is drawn ("Good · 3d"), and the one chosen is
/// carried to the store, as Anki's scheduler does.
struct Answered {
    response: String,
    outcome: schedule::Outcome,
    grade: Grade,
    /// When the answer was judged: the instant its next states were computed for, and the
    /// review's time.
    at: Timestamp,
    /// The card's state after `grade`; `None` in cram (schedules do not move).
    after: Option<CardState>,
    /// The kind actually asked.
    kind: QuestionKind,
    duration_ms: u32,
    /// The learner asked to stop right after this answer (quit at the grade menu).
    quit: bool,
    /// The learner put the card aside with the answer (`b` or `x` at the grade menu).
    hold: Option<Hold>,
}

pub(super) struct Walk<'s, 'a, 'f> {
    study: &'s Study<'a, 'f>,
    pending: VecDeque<Item<'f>>,
    later: Vec<Item<'f>>,
    saved: Vec<Saved<'f>>,
    skipped: u32,
    next_id: u64,
    /// The typed-answer hint was shown.
    hinted: bool,
    /// Questions asked so far (skips and undone answers included: it never goes back).
    turn: u64,
    /// The card asked last, so another comes first when there is a choice.
    last_asked: Option<crate::ids::CardKey>,
    /// The study's exams, with the load moved by this session's answers.
    exams: ExamDates,
    /// The facts (`deck/fact`) with a card answered before this session: a new cloze or
    /// reverse card of one of them is a new card, not a new fact.
    met: HashSet<String>,
}

impl<'s, 'a, 'f> Walk<'s, 'a, 'f> {
    pub(super) fn new(study: &'s Study<'a, 'f>) -> Self {
        let mut walk = Walk {
            study,
            pending: VecDeque::new(),
            later: Vec::new(),
            saved: Vec::new(),
            skipped: 0,
            next_id: 0,
            hinted: false,
            turn: 0,
            last_asked: None,
            exams: study.exams.clone(),
            met: HashSet::new(),
        };
        // A set stands where its first fact stood, and its facts' own entries go.
        let sets: Vec<Rc<SetQuestion<'f>>> = study.sets.iter().cloned().map(Rc::new).collect();
        let in_set: HashMap<&CardKey, usize> =
            sets.iter().enumerate().flat_map(|(i, s)| s.cards().map(move |c| (c, i))).collect();
        let mut placed = vec![false; sets.len()];
        for entry in &study.queue {
            let item = match in_set.get(&entry.key) {
                Some(&i) if placed[i] => continue,
                Some(&i) => {
                    placed[i] = true;
                    let first = sets[i].entries.first().cloned().unwrap_or_else(|| entry.clone());
                    let mut item = walk.item(first, None, false);
                    item.set = Some(Rc::clone(&sets[i]));
                    item
                }
                None => walk.item(entry.clone(), None, false),
            };
            walk.pending.push_back(item);
        }
        walk
    }

    fn item(&mut self, entry: QueueEntry<'f>, due: Option<Timestamp>, again: bool) -> Item<'f> {
        self.next_id += 1;
        Item { id: self.next_id, entry, due, again, not_before: 0, set: None }
    }

    fn now(&self, clock: &dyn Clock) -> Timestamp {
        let elapsed = jiff::SignedDuration::try_from(clock.elapsed()).unwrap_or_default();
        self.study.now.checked_add(elapsed).unwrap_or(self.study.now)
    }

    fn right(&self) -> u32 {
        self.saved.iter().filter(|s| s.right).count() as u32
    }

    /// The next card to ask: a learning card whose time has come (a miss once it has waited
    /// its [`MISS_SPACING`]); else the first pending one that is due; else, with nothing else
    /// left, a waiting card within [`LEARN_AHEAD`]: spaced misses and other cards before a miss
    /// still waiting its turn, and the card just asked last of all, earliest due first.
    fn next(&mut self, now: Timestamp) -> Option<Item<'f>> {
        let ahead = jiff::SignedDuration::try_from(LEARN_AHEAD).unwrap_or_default();
        let horizon = now.checked_add(ahead).unwrap_or(now);
        // Learning cards whose time has come go first.
        let ready = (0..self.later.len())
            .filter(|&i| self.later[i].due <= Some(now) && self.spaced(&self.later[i]))
            .min_by_key(|&i| self.later[i].due);
        if let Some(i) = ready {
            return Some(self.later.remove(i));
        }
        while let Some(item) = self.pending.pop_front() {
            match item.due {
                Some(due) if due > now => self.later.push(item),
                _ => return Some(item),
            }
        }
        let i = (0..self.later.len())
            .filter(|&i| self.later[i].due.is_none_or(|d| d <= horizon))
            .min_by_key(|&i| {
            let item = &self.later[i];
            let last = self.last_asked.as_ref() == Some(&item.entry.key);
            (!self.spaced(item), last, item.due)
        })?;
        Some(self.later.remove(i))
    }

    /// Whether `item` has waited the questions it must (a miss: [`MISS_SPACING`]).
    fn spaced(&self, item: &Item<'f>) -> bool {
        item.not_before <= self.turn
    }

    /// Cards still to ask in this session: the pending ones and the learning cards due within
    /// [`LEARN_AHEAD`] of `now` (those due later today are not counted: they may not come up).
    fn remaining(&self, now: Timestamp) -> usize {
        let ahead = jiff::SignedDuration::try_from(LEARN_AHEAD).unwrap_or_default();
        let horizon = now.checked_add(ahead).unwrap_or(now);
        let soon = self.later.iter().filter(|i| i.due.is_none_or(|d| d <= horizon)).count();
        self.pending.len() + soon
    }

    pub(super) fn run(
        mut self,
        store: &mut Store,
        prompter: &mut dyn Prompter,
        clock: &dyn Clock,
        progress: &mut dyn Progress,
    ) -> Result<Report, SessionError> {
        for (key, state) in store.card_states()?.iter() {
            if !state.is_new()
                && let Some((fact, _)) = key.rsplit_once('/')
            {
                self.met.insert(fact.to_owned());
            }
        }
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
            self.turn += 1;
            self.last_asked = Some(item.entry.key.clone());
            // Skipped cards keep their place in the count: the position never goes back.
            let done = self.saved.len() + self.skipped as usize;
            let mut total = done + 1 + self.remaining(now);
            if let Some(limit) = self.study.limit {
                // `--limit` counts answers: a skipped card is not one of them.
                total = total.min(limit + self.skipped as usize);
            }
            progress.update(done, total, self.right(), clock.elapsed());
            let position = format!("[{}/{}]", done + 1, total);
            if item.set.is_some() {
                match self.set_turn(item, &position, store, prompter, clock)? {
                    Some(ending) => break ending,
                    None => continue,
                }
            }
            let state = store.card_state(&item.entry.key)?.unwrap_or_default();
            match self.ask(&item, &state, &position, prompter, clock)? {
                Step::Answered(answered) => {
                    let quit = answered.quit;
                    self.save(store, item, &state, answered)?;
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
                    // A cram card is not due for being crammed: only a scheduled one stays due.
                    let skipped = if self.study.mode == SessionMode::Cram {
                        "  Skipped."
                    } else {
                        "  Skipped: it stays due."
                    };
                    prompter.show(&self.study.palette.dim(skipped).to_string())?;
                }
                Step::Quit => break Ending::Quit,
            }
        };
        // Learning cards not reached: missed in this session or waiting from an earlier one.
        let learning_later = self.later.len() as u32;
        Ok(self.report(ending, clock.elapsed(), learning_later))
    }

    fn save(
        &mut self,
        store: &mut Store,
        item: Item<'f>,
        state: &CardState,
        answered: Answered,
    ) -> Result<(), SessionError> {
        let cram = self.study.mode == SessionMode::Cram;
        let key = item.entry.key.clone();
        let after = answered.after.unwrap_or_else(|| state.clone());
        let right = answered.grade != Grade::Again;
        let review = store.record_answer(&Answer {
            card: &key,
            session: Some(self.study.session),
            time: answered.at,
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
            self.exams.moved(state.due, after.due, &self.day(answered.at));
        }
        // A card put aside is not asked again in this session, missed or not.
        let hold_before = match answered.hold {
            None => None,
            Some(hold) => {
                let one = std::slice::from_ref(&key);
                match hold {
                    Hold::Bury => store.bury(one, self.day(answered.at).end())?,
                    Hold::Suspend => store.suspend(one, true)?,
                };
                Some((state.suspended, state.buried_until))
            }
        };
        let requeued = if !cram && answered.grade == Grade::Again && hold_before.is_none() {
            vec![self.requeue(item.entry.clone(), after.due, true)]
        } else {
            Vec::new()
        };
        let format =
            if answered.kind == QuestionKind::Authored { Format::Authored } else { Format::Direct };
        self.saved.push(Saved {
            item,
            review: Some(review),
            right,
            grade: answered.grade,
            new_fact: !cram
                && state.is_new()
                && !self.met.contains(&format!("{}/{}", key.deck, key.fact)),
            format,
            requeued,
            set: None,
            due_before: state.due,
            due_after: after.due,
            hold_before,
        });
        Ok(())
    }

    /// Queues `entry` to be asked again in this session after [`MISS_SPACING`] other
    /// questions (and not before `due`); returns the re-ask's id, for undo.
    fn requeue(&mut self, entry: QueueEntry<'f>, due: Option<Timestamp>, again: bool) -> u64 {
        let mut item = self.item(entry, due, again);
        item.not_before = self.turn + MISS_SPACING;
        let id = item.id;
        self.later.push(item);
        id
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
        if last.set.is_some() {
            return self.undo_set(last, store, prompter, clock);
        }
        match store.undo_last(self.study.session)? {
            Some(review) if Some(review.id) == last.review => {}
            _ => {
                // The store's last answer of this session is always ours; if not, keep going
                // without touching the score.
                self.saved.push(last);
                prompter.show(&self.study.palette.warn("  Nothing to undo.").to_string())?;
                return Ok(());
            }
        }
        if self.study.mode != SessionMode::Cram {
            self.exams.moved(last.due_after, last.due_before, &self.day(self.now(clock)));
        }
        if let Some((suspended, buried_until)) = last.hold_before {
            store.restore_hold(&last.item.entry.key, suspended, buried_until)?;
        }
        self.later.retain(|i| !last.requeued.contains(&i.id));
        self.pending.retain(|i| !last.requeued.contains(&i.id));
        let mut undone = String::new();
        let what = format!(
            "↶ Undone: {} ({}); asking it again.",
            text::printable(&last.item.entry.fact.cue),
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
            .filter(|s| s.new_fact)
            .map(|s| (&s.item.entry.key.deck, &s.item.entry.key.fact))
            .collect();
        new_facts.sort();
        new_facts.dedup();
        // Weakest: most misses first, then first missed.
        let mut weak: Vec<Weak> = Vec::new();
        // A set's misses are its facts judged wrongly, each its own.
        let missed = self.saved.iter().flat_map(|s| match &s.set {
            Some(set) => set
                .facts
                .iter()
                .filter(|f| f.grade == Some(Grade::Again))
                .map(|f| (&f.entry.key, f.entry.fact))
                .collect::<Vec<_>>(),
            None if s.grade == Grade::Again => vec![(&s.item.entry.key, s.item.entry.fact)],
            None => Vec::new(),
        });
        for (key, fact) in missed {
            match weak.iter_mut().find(|w| &w.card == key) {
                Some(w) => w.misses += 1,
                None => weak.push(Weak {
                    card: key.clone(),
                    cue: fact.gist(),
                    answer: fact.answer.clone(),
                    misses: 1,
                }),
            }
        }
        weak.sort_by_key(|w| std::cmp::Reverse(w.misses));
        weak.truncate(5);
        let formats = Format::ALL
            .into_iter()
            .filter_map(|f| {
                let answered = self.saved.iter().filter(|s| s.format == f);
                let right = answered.clone().filter(|s| s.right).count() as u32;
                let n = answered.count() as u32;
                (n > 0).then_some(FormatTally { format: f, answered: n, right })
            })
            .collect();
        Report {
            mode: self.study.mode,
            ending,
            questions,
            right,
            wrong: questions - right,
            skipped: self.skipped,
            new_facts: new_facts.len() as u32,
            elapsed,
            learning_later,
            weakest: weak,
            formats,
        }
    }
}
