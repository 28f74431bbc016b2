//! The terminal shell: prompts, colours and symbols. No domain logic lives here.
//!
//! Session logic talks to the learner through the [`Prompter`] trait, so unit tests drive it
//! with a scripted prompter (`scripted`, compiled only for tests) and the real program with a
//! [`TerminalPrompter`].

pub mod paper;
mod prompt;
#[cfg(test)]
pub(crate) mod scripted;
mod terminal;

pub use prompt::{Prompter, Reply};
pub use terminal::{TerminalPrompter, install_interrupt_guard};

use console::{Style, StyledObject, style};

/// A result mark that reads without colour too: `✓`, `✗`, `≈`.
pub fn mark_right() -> StyledObject<&'static str> {
    style("✓").green().bold()
}

pub fn mark_wrong() -> StyledObject<&'static str> {
    style("✗").red().bold()
}

pub fn mark_near() -> StyledObject<&'static str> {
    style("≈").yellow().bold()
}

/// Text styles used across commands; they print plain text when colour is off.
pub fn good<D>(d: D) -> StyledObject<D> {
    Style::new().green().apply_to(d)
}

pub fn bad<D>(d: D) -> StyledObject<D> {
    Style::new().red().apply_to(d)
}

pub fn warn<D>(d: D) -> StyledObject<D> {
    Style::new().yellow().apply_to(d)
}

pub fn dim<D>(d: D) -> StyledObject<D> {
    Style::new().dim().apply_to(d)
}

pub fn bold<D>(d: D) -> StyledObject<D> {
    Style::new().bold().apply_to(d)
}

/// The width to lay text out in: the terminal's, or 80 in a pipe.
pub fn width() -> usize {
    let term = console::Term::stdout();
    if term.is_term() { usize::from(term.size().1).max(20) } else { 80 }
}
