//! Asking one card: the question kind, the prompt, the feedback, and the grade menu with the
//! four next states computed once.

use std::time::Duration;

use jiff::Timestamp;

use super::super::{Prompter, Reply};
use super::{Answered, Hold, Item, Step, Walk};
use crate::deck::{Deck, QuestionKind};
use crate::ids::{CardKey, DeckId};
use crate::quiz::{self, Question, QuizOptions, Response};
use crate::schedule::{self, CardState, Grade, NextStates, StudyDay};
use crate::session::{Clock, SessionError, choose_kind, render};
use crate::store::SessionMode;

/// The hot keys of every question prompt.
const KEYS: &[char] = &['u', 's'];

/// The hot keys after the feedback, at the grade menu: put the card aside with the answer
/// (`b` bury until tomorrow, `x` suspend). Not `s`, which skips at a question.
const HOLD_KEYS: &[char] = &['b', 'x'];

/// The flashcard's rating menu has both: it is the question's last prompt and comes after the
/// answer is shown.
const RATE_KEYS: &[char] = &['u', 's', 'b', 'x'];

impl<'f> Walk<'_, '_, 'f> {
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

    pub(super) fn ask(
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
        // Drawn with the deck's control characters written out; graded as it is.
        let shown = q.printable();
        let prompt = if q.kind == QuestionKind::Authored {
            // The stem and statements as the paper lays them out, then the closing question
            // as the prompt of the choice.
            let (body, ask) = render::authored_parts(&shown.prompt, position, study.width);
            if !body.is_empty() {
                prompter.show(&body)?;
            }
            ask
        } else {
            format!("{position} {}", shown.prompt)
        };
        let shown_at = clock.elapsed();
        let response = if !q.options.is_empty() {
            match prompter.select(&prompt, &shown.options, 0, KEYS)? {
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
        let at = self.now(clock);
        let next = self.next_states(&entry.key, state, at)?;
        let items = grade_items(next.as_ref());
        let save_as = format!("{position} {SAVE_AS}");
        let default = grade_index(suggested);
        let (grade, quit, hold) = match prompter.select(&save_as, &items, default, HOLD_KEYS)? {
            Reply::Answer(i) => (Grade::ALL.get(i).copied().unwrap_or(suggested), false, None),
            Reply::Key(key) if hold_of(key).is_some() => {
                let hold = hold_of(key);
                prompter.show(&self.held(hold, &entry.key, suggested))?;
                (suggested, false, hold)
            }
            // Stopping here still saves the answer just given, with the grade shown.
            _ => {
                let saved =
                    format!("  Saved as {} before stopping.", render::grade_name(suggested));
                prompter.show(&study.palette.dim(saved).to_string())?;
                (suggested, true, None)
            }
        };
        Ok(Step::Answered(Answered {
            response: text,
            outcome,
            grade,
            at,
            after: chosen(next, grade),
            kind: q.kind,
            duration_ms,
            quit,
            hold,
        }))
    }

    /// What `b` or `x` did, said under the feedback: the answer is saved with the grade Enter
    /// would have kept, and `u` at the next question takes both back.
    fn held(&self, hold: Option<Hold>, key: &CardKey, grade: Grade) -> String {
        let what = match hold {
            Some(Hold::Suspend) => format!(
                "Suspended: not asked again until `recall unsuspend {key}`. Saved as {}; u at \
                 the next question undoes both.",
                render::grade_name(grade)
            ),
            _ => format!(
                "Buried until tomorrow. Saved as {}; u at the next question undoes both.",
                render::grade_name(grade)
            ),
        };
        let mut out = String::new();
        crate::text::wrap_hanging(&mut out, &what, "  ", "  ", self.study.width);
        self.study.palette.dim(out.trim_end()).to_string()
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
        let prompt = format!("{position} {}", q.printable().prompt);
        match prompter.select(&prompt, &reveal, 0, KEYS)? {
            Reply::Answer(_) => {}
            Reply::Key('u') => return Ok(Step::Undo),
            Reply::Key(_) => return Ok(Step::Skip),
            Reply::Quit => return Ok(Step::Quit),
        }
        let duration_ms = millis(clock.elapsed().saturating_sub(shown_at));
        prompter.show(&render::revealed(q, self.study.width, self.study.palette))?;
        let at = self.now(clock);
        let next = self.next_states(&q.card, state, at)?;
        let items = grade_items(next.as_ref());
        let rate = format!("{position} How well did you know it?");
        let reply = prompter.select(&rate, &items, 2, RATE_KEYS)?;
        let hold = match reply {
            Reply::Key(key) => hold_of(key),
            _ => None,
        };
        if hold.is_some() {
            prompter.show(&self.held(hold, &q.card, Grade::Good))?;
        }
        match reply {
            Reply::Answer(_) | Reply::Key('b' | 'x') => {
                let grade = match reply {
                    Reply::Answer(i) => Grade::ALL.get(i).copied().unwrap_or(Grade::Good),
                    _ => Grade::Good,
                };
                let outcome = if grade == Grade::Again {
                    schedule::Outcome::Wrong
                } else {
                    schedule::Outcome::Correct
                };
                Ok(Step::Answered(Answered {
                    response: format!("self-rated {grade}"),
                    outcome,
                    grade,
                    at,
                    after: chosen(next, grade),
                    kind: q.kind,
                    duration_ms,
                    quit: false,
                    hold,
                }))
            }
            Reply::Key('u') => Ok(Step::Undo),
            Reply::Key(_) => Ok(Step::Skip),
            Reply::Quit => Ok(Step::Quit),
        }
    }

    /// The four next states of an answer at `at`; `None` in cram (schedules do not move).
    fn next_states(
        &self,
        key: &CardKey,
        state: &CardState,
        at: Timestamp,
    ) -> Result<Option<NextStates>, SessionError> {
        if self.study.mode == SessionMode::Cram {
            return Ok(None);
        }
        let day = self.day(at);
        Ok(Some(self.study.scheduler.next_states_with_exam_dates(key, state, &day, &self.exams)?))
    }

    pub(super) fn day(&self, at: Timestamp) -> StudyDay {
        StudyDay::new(at, self.study.tz.clone(), self.study.settings.rollover_hour)
    }
}

/// The hold a key after the feedback asks for.
fn hold_of(key: char) -> Option<Hold> {
    match key {
        'b' => Some(Hold::Bury),
        'x' => Some(Hold::Suspend),
        _ => None,
    }
}

/// The grade menu after an auto-graded answer.
const SAVE_AS: &str = "Save as (Enter keeps it)";

/// Shown above a typed prompt.
const TYPED_HINT: &str = "  Enter alone: don't know · :u undo · :s skip · :q quit";

/// The quiz layer's outcome as the store records it.
fn stored_outcome(outcome: &quiz::Judgement) -> schedule::Outcome {
    match outcome {
        quiz::Judgement::Correct => schedule::Outcome::Correct,
        quiz::Judgement::NearMiss { .. } => schedule::Outcome::NearMiss,
        quiz::Judgement::Wrong => schedule::Outcome::Wrong,
        quiz::Judgement::DontKnow => schedule::Outcome::DontKnow,
    }
}

/// The state the chosen grade moves the card to, out of the four computed for the menu.
fn chosen(next: Option<NextStates>, grade: Grade) -> Option<CardState> {
    next.map(|n| n.get(grade).state.clone())
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
