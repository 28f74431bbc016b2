//! The sitting: a paper being answered, as a state machine with no terminal and no clock.
//!
//! The UI feeds it the learner's keys (as [`Sitting`] method calls) and the time elapsed; every
//! call that changes an answer or a mark returns the [`Change`] the caller saves at once, so a
//! crash loses nothing answered. Nothing here tells the learner whether an answer is right:
//! exam conditions.

/// How a sitting ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum End {
    /// The learner submitted.
    Submitted,
    /// Time ran out; the paper was submitted with what was answered.
    TimedOut,
    /// The learner gave up without submitting.
    Abandoned,
}

impl End {
    /// Whether the paper is marked (and its answers reviewed by the scheduler).
    pub fn is_marked(self) -> bool {
        self != End::Abandoned
    }
}

/// What changed in one question, to be saved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Change {
    /// 0-based position on the paper.
    pub position: usize,
    pub chosen: Option<usize>,
    pub marked: bool,
}

/// A move the sitting refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SittingError {
    #[error("there is no question {number} (the paper has {len})")]
    NoSuchQuestion { number: usize, len: usize },
    #[error("there is no option {number} (the question has {len})")]
    NoSuchOption { number: usize, len: usize },
    #[error("the paper is over")]
    Over,
}

/// A paper being sat.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sitting {
    options: Vec<usize>,
    answers: Vec<Option<usize>>,
    marked: Vec<bool>,
    current: usize,
    limit_seconds: u64,
    end: Option<End>,
}

impl Sitting {
    /// A fresh paper: `options[i]` options in question `i`, `limit_seconds` to answer.
    pub fn new(options: Vec<usize>, limit_seconds: u64) -> Sitting {
        let n = options.len();
        Sitting {
            options,
            answers: vec![None; n],
            marked: vec![false; n],
            current: 0,
            limit_seconds,
            end: None,
        }
    }

    /// A paper taken up again with its saved answers and marks (positions out of range or
    /// options that no longer exist are ignored).
    pub fn resume(mut self, saved: impl IntoIterator<Item = Change>) -> Sitting {
        for c in saved {
            if c.position < self.len() {
                self.answers[c.position] = c.chosen.filter(|o| *o < self.options[c.position]);
                self.marked[c.position] = c.marked;
            }
        }
        self
    }

    pub fn len(&self) -> usize {
        self.options.len()
    }

    pub fn is_empty(&self) -> bool {
        self.options.is_empty()
    }

    /// The question on screen, 0-based.
    pub fn current(&self) -> usize {
        self.current
    }

    pub fn answer(&self, position: usize) -> Option<usize> {
        self.answers.get(position).copied().flatten()
    }

    pub fn answers(&self) -> &[Option<usize>] {
        &self.answers
    }

    pub fn is_marked(&self, position: usize) -> bool {
        self.marked.get(position).copied().unwrap_or(false)
    }

    pub fn end(&self) -> Option<End> {
        self.end
    }

    pub fn limit_seconds(&self) -> u64 {
        self.limit_seconds
    }

    pub fn answered(&self) -> usize {
        self.answers.iter().filter(|a| a.is_some()).count()
    }

    pub fn marked_count(&self) -> usize {
        self.marked.iter().filter(|m| **m).count()
    }

    /// Positions left blank, in order.
    pub fn unanswered(&self) -> Vec<usize> {
        (0..self.len()).filter(|i| self.answers[*i].is_none()).collect()
    }

    /// Positions marked for review, in order.
    pub fn marked(&self) -> Vec<usize> {
        (0..self.len()).filter(|i| self.marked[*i]).collect()
    }

    /// Seconds left after `elapsed` seconds.
    pub fn seconds_left(&self, elapsed: u64) -> u64 {
        self.limit_seconds.saturating_sub(elapsed)
    }

    fn open(&self) -> Result<(), SittingError> {
        if self.end.is_some() { Err(SittingError::Over) } else { Ok(()) }
    }

    fn change(&self, position: usize) -> Change {
        Change { position, chosen: self.answers[position], marked: self.marked[position] }
    }

    /// Chooses option `option` (0-based) for the current question.
    pub fn choose(&mut self, option: usize) -> Result<Change, SittingError> {
        self.open()?;
        let len = self.options[self.current];
        if option >= len {
            return Err(SittingError::NoSuchOption { number: option + 1, len });
        }
        self.answers[self.current] = Some(option);
        Ok(self.change(self.current))
    }

    /// Leaves the current question blank again; `None` if it was blank.
    pub fn clear(&mut self) -> Result<Option<Change>, SittingError> {
        self.open()?;
        Ok(self.answers[self.current].take().map(|_| self.change(self.current)))
    }

    /// Marks the current question for review, or unmarks it.
    pub fn toggle_mark(&mut self) -> Result<Change, SittingError> {
        self.open()?;
        self.marked[self.current] = !self.marked[self.current];
        Ok(self.change(self.current))
    }

    /// The next question; stays on the last one.
    pub fn next(&mut self) {
        if self.current + 1 < self.len() {
            self.current += 1;
        }
    }

    /// The previous question; stays on the first one.
    pub fn previous(&mut self) {
        self.current = self.current.saturating_sub(1);
    }

    /// Goes to question `number` (1-based, as shown).
    pub fn jump(&mut self, number: usize) -> Result<(), SittingError> {
        if number == 0 || number > self.len() {
            return Err(SittingError::NoSuchQuestion { number, len: self.len() });
        }
        self.current = number - 1;
        Ok(())
    }

    /// The clock: after `elapsed` seconds, is time up? Ends the sitting as [`End::TimedOut`]
    /// the first time it is.
    pub fn tick(&mut self, elapsed: u64) -> bool {
        if self.end.is_none() && elapsed >= self.limit_seconds {
            self.end = Some(End::TimedOut);
        }
        self.end == Some(End::TimedOut)
    }

    /// Submits the paper (if still open).
    pub fn submit(&mut self) -> Result<(), SittingError> {
        self.open()?;
        self.end = Some(End::Submitted);
        Ok(())
    }

    /// Abandons the paper (if still open).
    pub fn abandon(&mut self) -> Result<(), SittingError> {
        self.open()?;
        self.end = Some(End::Abandoned);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answer_move_mark_change_and_submit() {
        let mut s = Sitting::new(vec![4; 5], 600);
        assert_eq!(s.choose(1).unwrap(), Change { position: 0, chosen: Some(1), marked: false });
        s.next();
        assert_eq!(s.toggle_mark().unwrap(), Change { position: 1, chosen: None, marked: true });
        s.choose(3).unwrap();
        s.jump(5).unwrap();
        assert_eq!(s.current(), 4);
        s.next();
        assert_eq!(s.current(), 4, "stays on the last question");
        s.choose(0).unwrap();
        s.previous();
        s.previous();
        assert_eq!(s.current(), 2);
        // Back to the marked one: change the answer, unmark.
        s.jump(2).unwrap();
        assert_eq!(s.choose(2).unwrap().chosen, Some(2));
        assert!(!s.toggle_mark().unwrap().marked);
        assert_eq!(s.answers(), [Some(1), Some(2), None, None, Some(0)]);
        assert_eq!(s.unanswered(), [2, 3]);
        assert_eq!((s.answered(), s.marked_count()), (3, 0));
        s.submit().unwrap();
        assert_eq!(s.end(), Some(End::Submitted));
        assert_eq!(s.choose(0), Err(SittingError::Over));
    }

    #[test]
    fn clearing_and_bad_moves() {
        let mut s = Sitting::new(vec![4, 3], 60);
        assert_eq!(s.clear().unwrap(), None);
        s.choose(2).unwrap();
        assert_eq!(s.clear().unwrap(), Some(Change { position: 0, chosen: None, marked: false }));
        assert_eq!(s.jump(3), Err(SittingError::NoSuchQuestion { number: 3, len: 2 }));
        assert_eq!(s.jump(0), Err(SittingError::NoSuchQuestion { number: 0, len: 2 }));
        s.jump(2).unwrap();
        assert_eq!(s.choose(3), Err(SittingError::NoSuchOption { number: 4, len: 3 }));
        s.previous();
        s.previous();
        assert_eq!(s.current(), 0);
    }

    #[test]
    fn time_out_ends_the_sitting_once() {
        let mut s = Sitting::new(vec![4; 3], 90);
        s.choose(1).unwrap();
        assert!(!s.tick(89));
        assert_eq!(s.seconds_left(30), 60);
        assert!(s.tick(90));
        assert_eq!(s.end(), Some(End::TimedOut));
        assert_eq!(s.submit(), Err(SittingError::Over));
        assert_eq!(s.answers(), [Some(1), None, None]);
        assert_eq!(s.seconds_left(120), 0);
        let mut a = Sitting::new(vec![4], 90);
        a.abandon().unwrap();
        assert!(!a.tick(100), "an abandoned paper does not time out");
        assert!(!End::Abandoned.is_marked());
    }

    #[test]
    fn resume_restores_saved_answers() {
        let s = Sitting::new(vec![4, 4, 2], 60).resume([
            Change { position: 0, chosen: Some(3), marked: true },
            Change { position: 2, chosen: Some(3), marked: false },
            Change { position: 9, chosen: Some(0), marked: true },
        ]);
        assert_eq!(s.answers(), [Some(3), None, None]);
        assert_eq!(s.marked(), [0]);
    }
}
