//! `recall unbury ID... [--find TEXT]`: ends a bury early, so the cards are asked today again
//! when they are due or new.

use std::process::ExitCode;

use crate::check;
use crate::cli::{CardsArgs, DeckPaths};
use crate::context::Context;
use crate::select::{self, cards, describe};

pub fn run(ctx: &Context, args: &CardsArgs) -> anyhow::Result<ExitCode> {
    let library = check::load_decks(ctx, &DeckPaths { paths: Vec::new() })?;
    let chosen = select::choose(&library, &args.ids, args.find.as_deref())?;
    let keys: Vec<_> = chosen.into_iter().map(|c| c.key).collect();
    let changed = ctx.open_store()?.unbury(&keys, ctx.now)?;
    let out = if changed.is_empty() {
        format!(
            "Nothing to do: {} buried.",
            if keys.len() == 1 { "the card is not" } else { "none of these cards is" }
        )
    } else {
        format!(
            "Unburied {}: {}. {} back in today's sessions.",
            cards(changed.len()),
            describe(&changed, 5),
            select::one_or_many(changed.len(), "It is", "They are"),
        )
    };
    select::print(&out)?;
    Ok(ExitCode::SUCCESS)
}
