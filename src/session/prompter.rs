//! The prompt abstraction the session walk is written against. It lives with the session, which
//! needs it, and imports nothing of the crate, so the session never depends on the terminal;
//! the terminal (`ui::TerminalPrompter`) and, in unit tests, a script (`ui::scripted`)
//! implement it.

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

/// Talks to the learner. Implementations: the terminal (`ui::TerminalPrompter`), and in
/// unit tests a script (`ui::scripted`, compiled only for tests).
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
