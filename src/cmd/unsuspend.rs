//! `recall unsuspend ID... [--find TEXT]`: brings suspended cards back into sessions, papers
//! and due counts, with the progress they had.

use std::process::ExitCode;

use crate::check;
use crate::cli::{CardsArgs, DeckPaths};
use crate::context::Context;
use crate::select::{self, cards, describe};

pub fn run(ctx: &Context, args: &CardsArgs) -> anyhow::Result<ExitCode> {
    let library = check::load_decks(ctx, &DeckPaths { paths: Vec::new() })?;
    let chosen = select::choose(&library, &args.ids, args.find.as_deref())?;
    let keys: Vec<_> = chosen.into_iter().map(|c| c.key).collect();
    let changed = ctx.open_store()?.suspend(&keys, false)?;
    let out = if changed.is_empty() {
        format!(
            "Nothing to do: {} suspended.",
            if keys.len() == 1 { "the card is not" } else { "none of these cards is" }
        )
    } else {
        format!(
            "Unsuspended {}: {}. {} back in sessions with the progress {} had.",
            cards(changed.len()),
            describe(&changed, 5),
            select::one_or_many(changed.len(), "It is", "They are"),
            select::one_or_many(changed.len(), "it", "they"),
        )
    };
    select::print(&out)?;
    Ok(ExitCode::SUCCESS)
}
