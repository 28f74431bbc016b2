//! The prompt abstraction the session logic is written against.

use std::collections::VecDeque;
use std::io;

/// What the learner did at a prompt.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reply<T> {
    /// An answer: the chosen item, or the typed text.
    Answer(T),
    /// One of the hot keys the caller offered (`u` for undo, `s` for skip …).
    Key(char),
    /// Esc, `q`, Ctrl-C or Ctrl-D: the learner wants out.
    Quit,
}

/// Talks to the learner. Implementations: the terminal, and a script for tests.
pub trait Prompter {
    /// Offers `items`; arrow keys or number keys pick one. `keys` are hot keys (lower-case
    /// letters) returned as [`Reply::Key`]; they must not clash with `q` (quit).
    fn select(
        &mut self,
        prompt: &str,
        items: &[String],
        default: usize,
        keys: &[char],
    ) -> io::Result<Reply<usize>>;

    /// Asks for a line of text. A line that is exactly `:x` for a hot key `x` in `keys` is
    /// returned as [`Reply::Key`], so typed prompts have the same controls as menus.
    fn input(&mut self, prompt: &str, keys: &[char]) -> io::Result<Reply<String>>;

    /// Shows a block of text (feedback, a summary).
    fn show(&mut self, text: &str) -> io::Result<()>;
}

/// One scripted reply, for driving session logic in unit tests.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ScriptedStep {
    Select(Reply<usize>),
    Input(Reply<String>),
}

/// A [`Prompter`] that replays a script and records everything shown, for tests.
#[derive(Debug, Default)]
pub struct Scripted {
    steps: VecDeque<ScriptedStep>,
    /// Every prompt and every block shown, in order.
    pub transcript: Vec<String>,
}

impl Scripted {
    pub fn new(steps: impl IntoIterator<Item = ScriptedStep>) -> Scripted {
        Scripted { steps: steps.into_iter().collect(), transcript: Vec::new() }
    }

    /// Steps not consumed yet.
    pub fn remaining(&self) -> usize {
        self.steps.len()
    }

    fn next(&mut self, what: &str) -> io::Result<ScriptedStep> {
        self.steps.pop_front().ok_or_else(|| {
            io::Error::new(io::ErrorKind::UnexpectedEof, format!("script ended at {what}"))
        })
    }
}

impl Prompter for Scripted {
    fn select(
        &mut self,
        prompt: &str,
        items: &[String],
        _default: usize,
        _keys: &[char],
    ) -> io::Result<Reply<usize>> {
        self.transcript.push(format!("select: {prompt} {items:?}"));
        match self.next(prompt)? {
            ScriptedStep::Select(reply) => {
                if let Reply::Answer(i) = reply
                    && i >= items.len()
                {
                    return Err(io::Error::other(format!("script picked {i} of {items:?}")));
                }
                Ok(reply)
            }
            other => Err(io::Error::other(format!("script has {other:?} at select `{prompt}`"))),
        }
    }

    fn input(&mut self, prompt: &str, _keys: &[char]) -> io::Result<Reply<String>> {
        self.transcript.push(format!("input: {prompt}"));
        match self.next(prompt)? {
            ScriptedStep::Input(reply) => Ok(reply),
            other => Err(io::Error::other(format!("script has {other:?} at input `{prompt}`"))),
        }
    }

    fn show(&mut self, text: &str) -> io::Result<()> {
        self.transcript.push(text.to_owned());
        Ok(())
    }
}
