//! Questions as a deck author checks them: the wording, the options with the right one
//! marked, the answer and what else is accepted. `recall preview` prints every question of the
//! decks this way, and `recall add` shows a new fact's questions the same way before it saves.
//!
//! Plain text written to any `Write`: it imports the deck and quiz layers, never the terminal.

use std::io::Write;

use crate::deck::QuestionKind;
use crate::deck::authored::hanging_indent;
use crate::quiz::composite::{Composite, Style};
use crate::quiz::{AnswerType, Question};
use crate::text::wrap::wrap_lines;

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
    // The deck's text, never its control characters: `preview | less -R` must not turn red.
    let q = &*q.printable();
    if q.kind == QuestionKind::Authored {
        // As the paper prints it, in 80 columns: statements and lettered options wrap under
        // their labels.
        for line in wrap_lines(&q.prompt, 80, "  ", hanging_indent) {
            writeln!(out, "{line}")?;
        }
        for (i, option) in q.options.iter().enumerate() {
            let mark = if Some(i) == q.correct { "✓ " } else { "  " };
            for line in wrap_lines(option, 80, &format!("  {mark}"), hanging_indent) {
                writeln!(out, "{line}")?;
            }
        }
        writeln!(out, "  answer: {}", q.answer)?;
        return writeln!(out);
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

/// A statement set or matched pairs as `recall preview` prints it: the question as the
/// learner sees it, the options with the right one marked, and each part's truth (with the
/// correct statement for a false one).
pub fn write_composite(out: &mut impl Write, c: &Composite) -> std::io::Result<()> {
    let style = match c.style {
        Style::Coded => "coded options",
        Style::Count => "how many",
    };
    let topic = c.topic.as_deref().unwrap_or("no topic");
    writeln!(out, "{} · {topic} · {} ({style})", c.deck, c.format)?;
    for line in c.prompt.lines() {
        writeln!(out, "  {line}")?;
    }
    for (i, option) in c.options.iter().enumerate() {
        let mark = if i == c.correct { "✓" } else { " " };
        writeln!(out, "  {mark} {}. {option}", i + 1)?;
    }
    for (i, p) in c.parts.iter().enumerate() {
        match &p.correction {
            None => writeln!(out, "  {}: true ({})", i + 1, p.fact)?,
            Some(right) => writeln!(out, "  {}: false ({}): {right}", i + 1, p.fact)?,
        }
    }
    writeln!(out)
}
