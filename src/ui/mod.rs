//! The terminal shell: prompts, interactive screens and the terminal's width. No domain logic
//! lives here, and no text layout either: styles, wrapping, tables and charts are the text
//! layer's ([`crate::text`]), which this module draws in the
//! [`Palette`](crate::text::Palette) it is given.
//!
//! The study session talks to the learner through the
//! [`session::Prompter`](crate::session::Prompter) trait, which [`TerminalPrompter`] implements
//! (and, in unit tests, a scripted prompter, `scripted`, compiled only for tests). The exam
//! screen ([`paper`]) sits a mock paper for the paper flow's
//! [`Desk`](crate::paper::flow::Desk). The form of `recall add` is typed into
//! [`line`](mod@line)'s field.
//!
//! Imports: `text`, `session` and `paper` (the traits it implements and the types it shows);
//! nothing below the commands imports `ui`.

pub mod line;
pub mod paper;
#[cfg(test)]
pub(crate) mod scripted;
mod terminal;

pub use terminal::{TerminalPrompter, install_interrupt_guard};

/// The width to lay text out in on stdout: the terminal's, or 80 in a pipe.
pub fn width() -> usize {
    let term = crate::out::stdout_term();
    if term.is_term() { usize::from(term.size().1).max(20) } else { 80 }
}

/// Shows the cursor again (a prompt hides it while it draws) on stderr, where the prompts
/// are, and on stdout when it is a terminal too; in a pipe or a file the escape would be
/// text.
pub fn show_cursor() {
    let _ = console::Term::stderr().show_cursor();
    if crate::out::stdout_is_terminal() {
        let _ = crate::out::stdout_term().show_cursor();
    }
}

/// The width of the interactive screens drawn on stderr (the study session, the exam screen):
/// the terminal's, capped at 100 columns for readability.
pub fn screen_width() -> usize {
    usize::from(console::Term::stderr().size().1).clamp(20, 100)
}
