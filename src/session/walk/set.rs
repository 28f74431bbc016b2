//! A statement set or pairs question in the walk: asked as the exam prints it (statements
//! numbered `1.` `2.`, options `(a)`…`(d)`), its answer saved the moment it is chosen (a review
//! per fact the option judges, none where it does not: [`composite::judgements`]), its facts
//! judged wrongly or not at all queued to be asked again one by one, and undo of the whole.

use super::super::{Prompter, Reply};
use super::{Ending, Item, Saved, Walk};
use crate::deck::QuestionKind;
use crate::quiz::composite::{self, Format};
use crate::schedule::{Grade, Outcome, QueueEntry};
use crate::session::{Clock, SessionError, render};
use crate::store::{Answer, SetAnswer, Store};
use crate::text;

/// The hot keys of a set's prompt: undo the last answer, skip the set.
const KEYS: &[char] = &['u', 's'];

/// What a saved set did, for undo and the report.
#[derive(Clone, Debug)]
pub(super) struct SavedSet<'f> {
    /// Its row in the store (the walk's turn when it was asked).
    position: u32,
    pub(super) facts: Vec<SetFact<'f>>,
}

/// One fact of a saved set.
#[derive(Clone, Debug)]
pub(super) struct SetFact<'f> {
    pub(super) entry: QueueEntry<'f>,
    /// The review's grade; `None`: the option did not judge this fact (no review).
    pub(super) grade: Option<Grade>,
    due_before: Option<jiff::Timestamp>,
    due_after: Option<jiff::Timestamp>,
}

impl<'f> Walk<'_, '_, 'f> {
    /// Asks the set `item` carries, saves the answer and shows the feedback. Returns how the
    /// session ends when the learner quits here.
    pub(super) fn set_turn(
        &mut self,
        item: Item<'f>,
        position: &str,
        store: &mut Store,
        prompter: &mut dyn Prompter,
        clock: &dyn Clock,
    ) -> Result<Option<Ending>, SessionError> {
        let Some(set) = item.set.clone() else { return Ok(None) };
        let study = self.study;
        let c = &set.composite;
        let prompt = text::printable(&c.prompt);
        let (body, ask) = render::authored_parts(&prompt, position, study.width);
        if !body.is_empty() {
            prompter.show(&body)?;
        }
        let options: Vec<String> =
            c.options.iter().enumerate().map(|(i, o)| render::lettered(i, o)).collect();
        let shown_at = clock.elapsed();
        let chosen = match prompter.select(&ask, &options, 0, KEYS)? {
            Reply::Answer(i) => i,
            Reply::Key('u') => {
                self.pending.push_front(item);
                self.undo(store, prompter, clock)?;
                return Ok(None);
            }
            Reply::Key(_) => {
                self.skipped += 1;
                let skipped = "  Skipped: its facts stay due.";
                prompter.show(&study.palette.dim(skipped).to_string())?;
                return Ok(None);
            }
            Reply::Quit => return Ok(Some(Ending::Quit)),
        };
        let duration = clock.elapsed().saturating_sub(shown_at);
        let at = self.now(clock);
        let day = self.day(at);
        let judged =
            c.claims.get(chosen).and_then(|claim| composite::judgements(claim, &c.truths()));
        let mut facts = Vec::with_capacity(set.entries.len());
        let mut afters = Vec::new();
        for (i, entry) in set.entries.iter().enumerate() {
            let state = store.card_state(&entry.key)?.unwrap_or_default();
            let (grade, due_after) = match judged.as_ref().and_then(|j| j.get(i)) {
                Some(&right) => {
                    let grade = if right { Grade::Good } else { Grade::Again };
                    let next = study.scheduler.next_states_with_exam_dates(
                        &entry.key,
                        &state,
                        &day,
                        &self.exams,
                    )?;
                    let after = next.get(grade).state.clone();
                    let due = after.due;
                    afters.push((i, right, grade, after));
                    (Some(grade), due)
                }
                None => (None, state.due),
            };
            facts.push(SetFact { entry: entry.clone(), grade, due_before: state.due, due_after });
        }
        let response = c.options.get(chosen).cloned().unwrap_or_default();
        // The time spent on the set, shared among the reviews it gives.
        let share =
            u32::try_from(duration.as_millis() / afters.len().max(1) as u128).unwrap_or(u32::MAX);
        let answers: Vec<Answer<'_>> = afters
            .iter()
            .map(|(i, right, grade, after)| Answer {
                card: &set.entries[*i].key,
                session: Some(study.session),
                time: at,
                kind: QuestionKind::TrueFalse,
                response: &response,
                correct: *right,
                outcome: if *right { Outcome::Correct } else { Outcome::Wrong },
                grade: *grade,
                duration_ms: share,
                after,
                cram: false,
            })
            .collect();
        let row = u32::try_from(self.turn).unwrap_or(u32::MAX);
        store.record_set(
            &SetAnswer { session: study.session, position: row, question: c, chosen, time: at },
            &answers,
        )?;
        for f in facts.iter().filter(|f| f.grade.is_some()) {
            self.exams.moved(f.due_before, f.due_after, &day);
        }
        // A fact judged wrongly comes back as any miss does; one not judged is still due, so
        // it is asked on its own later in the session.
        let mut requeued = Vec::new();
        for f in &facts {
            match f.grade {
                Some(Grade::Again) => {
                    requeued.push(self.requeue(f.entry.clone(), f.due_after, true));
                }
                None => requeued.push(self.requeue(f.entry.clone(), None, false)),
                Some(_) => {}
            }
        }
        let right = chosen == c.correct;
        let grades: Option<Vec<Grade>> = judged
            .as_ref()
            .map(|_| facts.iter().map(|f| f.grade.unwrap_or(Grade::Again)).collect::<Vec<_>>());
        prompter.show(&render::set_feedback(
            c,
            chosen,
            grades.as_deref(),
            study.width,
            study.palette,
        ))?;
        self.saved.push(Saved {
            item,
            review: None,
            right,
            grade: if right { Grade::Good } else { Grade::Again },
            new_fact: false,
            format: c.format,
            requeued,
            set: Some(SavedSet { position: row, facts }),
            due_before: None,
            due_after: None,
            hold_before: None,
        });
        // The answer is saved: this prompt only lets the learner read the feedback first.
        let next = format!("{position} Saved. Next question");
        match prompter.select(&next, &["Continue".to_owned()], 0, &['u'])? {
            Reply::Answer(_) => Ok(None),
            Reply::Key(_) => {
                self.undo(store, prompter, clock)?;
                Ok(None)
            }
            Reply::Quit => Ok(Some(Ending::Quit)),
        }
    }

    /// Takes back a saved set: its reviews and row in the store, its facts' load on the exam
    /// days, its re-asks; the set is asked again next.
    pub(super) fn undo_set(
        &mut self,
        last: Saved<'f>,
        store: &mut Store,
        prompter: &mut dyn Prompter,
        clock: &dyn Clock,
    ) -> Result<(), SessionError> {
        let Some(set) = &last.set else { return Ok(()) };
        if store.undo_set(self.study.session, set.position)?.is_none() {
            self.saved.push(last);
            prompter.show(&self.study.palette.warn("  Nothing to undo.").to_string())?;
            return Ok(());
        }
        let day = self.day(self.now(clock));
        for f in set.facts.iter().filter(|f| f.grade.is_some()) {
            self.exams.moved(f.due_after, f.due_before, &day);
        }
        self.later.retain(|i| !last.requeued.contains(&i.id));
        self.pending.retain(|i| !last.requeued.contains(&i.id));
        let what = match last.item.set.as_ref().map(|s| s.composite.format) {
            Some(Format::Pairs) => "the pairs question",
            _ => "the statement set",
        };
        let mut undone = String::new();
        text::wrap_hanging(
            &mut undone,
            &format!("↶ Undone: {what} and its reviews; asking it again."),
            "  ",
            "    ",
            self.study.width,
        );
        prompter.show(&self.study.palette.dim(undone.trim_end()).to_string())?;
        let mut item = last.item;
        item.not_before = 0;
        self.pending.push_front(item);
        Ok(())
    }
}
