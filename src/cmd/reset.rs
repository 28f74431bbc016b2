//! `recall reset ID... [--find TEXT] [--delete-history] [--yes]`: makes cards new again, for a
//! fact the learner rewrote, or learnt wrong and wants to learn afresh.
//!
//! The answers stay by default: they happened, so the calendar, streak, retention and accuracy
//! stay true, and `recall history` still shows them. The store records the reset (with the
//! state it threw away) and replays a card's memory only from its last reset
//! ([`crate::store::Store::reset`]). `--delete-history` removes the answers instead. It asks
//! before it resets on a terminal, and needs `--yes` elsewhere: a reset cannot be undone.

use std::io::IsTerminal;
use std::process::ExitCode;

use crate::check;
use crate::cli::{DeckPaths, ResetArgs, UsageError};
use crate::context::Context;
use crate::select::{self, cards, describe};

pub fn run(ctx: &Context, args: &ResetArgs) -> anyhow::Result<ExitCode> {
    let library = check::load_decks(ctx, &DeckPaths { paths: Vec::new() })?;
    let chosen = select::choose(&library, &args.cards.ids, args.cards.find.as_deref())?;
    let keys: Vec<_> = chosen.into_iter().map(|c| c.key).collect();
    let mut store = ctx.open_store()?;
    // What there is to reset: cards with progress, and with --delete-history their answers.
    let mut with_progress = Vec::new();
    let mut answers = 0usize;
    for key in &keys {
        if store.card_state(key)?.is_some_and(|s| !s.is_new()) {
            with_progress.push(key.clone());
        }
        if args.delete_history {
            answers += store.reviews_of(key)?.len();
        }
    }
    if with_progress.is_empty() && answers == 0 {
        let what = if keys.len() == 1 { "the card is" } else { "these cards are" };
        select::print(&format!("Nothing to do: {what} new already."))?;
        return Ok(ExitCode::SUCCESS);
    }
    if !args.yes {
        let question = format!(
            "Reset {}: {}? {}",
            cards(with_progress.len()),
            describe(&with_progress, 5),
            match (args.delete_history, answers) {
                (true, 1) => "1 answer will be deleted.".to_owned(),
                (true, n) => format!("{n} answers will be deleted."),
                (false, _) => "The answers stay in your history.".to_owned(),
            }
        );
        if !std::io::stdin().is_terminal() || !crate::out::stderr_is_terminal() {
            return Err(UsageError(format!(
                "{question}\n`recall reset` cannot be undone, so it asks first: on a terminal, \
                 or add --yes to reset without asking"
            ))
            .into());
        }
        let ok = dialoguer::Confirm::new()
            .with_prompt(crate::text::wrap(&question, crate::ui::screen_width(), "").join("\n"))
            .default(false)
            .interact()?;
        if !ok {
            select::print("Nothing reset.")?;
            return Ok(ExitCode::SUCCESS);
        }
    }
    let counts = store.reset(&keys, ctx.now, args.delete_history)?;
    let mut out = if counts.reset > 0 {
        format!(
            "Reset {}: {}. {} new again and {} back with the day's new cards.",
            cards(counts.reset),
            describe(&with_progress, 5),
            select::one_or_many(counts.reset, "It is", "They are"),
            select::one_or_many(counts.reset, "comes", "come"),
        )
    } else {
        format!(
            "{} {} new already.",
            describe(&keys, 5),
            select::one_or_many(keys.len(), "is", "are")
        )
    };
    match (args.delete_history, counts.answers_deleted) {
        (false, _) => out.push_str(&format!(
            " {} answers stay in your history.",
            select::one_or_many(counts.reset, "Its", "Their")
        )),
        (true, 1) => out.push_str(" 1 answer deleted."),
        (true, n) => out.push_str(&format!(" {n} answers deleted.")),
    }
    select::print(&out)?;
    Ok(ExitCode::SUCCESS)
}
