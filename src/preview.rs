//! Questions as a deck author checks them: the wording, the options with the right one
//! marked, the answer and what else is accepted. `recall preview` prints every question of the
//! decks this way, and `recall add` shows a new fact's questions the same way before it saves.
//!
//! Plain text written to any `Write`: it imports the deck and quiz layers, never the terminal.

use std::io::Write;

use crate::deck::QuestionKind;
use crate::quiz::{AnswerType, Question};

/// One question as `recall preview` prints it (also shown by `recall add` before it saves):
/// the card, the kind and the answer type its options share, then the question.
pub fn write_question(
    out: &mut impl Write,
    requested: QuestionKind,
    q: &Question,
    ty: AnswerType,
) -> std::io::Result<()> {
    if requested == q.kind {
        writeln!(out, "{} · {} · {ty}", q.card, q.kind)?;
    } else {
        writeln!(
            out,
            "{} · {} · {ty} (asked as {}: no good set of options)",
            q.card, requested, q.kind
        )?;
    }
    for line in q.prompt.lines() {
        writeln!(out, "  {line}")?;
    }
    for (i, option) in q.options.iter().enumerate() {
        let mark = if Some(i) == q.correct { "✓" } else { " " };
        writeln!(out, "  {mark} {}. {option}", i + 1)?;
    }
    writeln!(out, "  answer: {}", q.answer)?;
    // Accepted answers matter where the learner types.
    if q.options.is_empty() && q.kind != QuestionKind::Flashcard {
        let order = if q.unordered { " (any order)" } else { "" };
        writeln!(out, "  accepted: {}{order}", q.accepted.join(" | "))?;
    }
    writeln!(out)
}
