//! `recall suspend ID... [--find TEXT]`: leaves cards out of study sessions, mock papers and
//! due counts until `recall unsuspend` (for a fact that is wrong, or not for this exam).
//! Answers keep the flag; the deck file is not touched.

use std::process::ExitCode;

use crate::check;
use crate::cli::{CardsArgs, DeckPaths};
use crate::context::Context;
use crate::select::{self, cards, describe};

pub fn run(ctx: &Context, args: &CardsArgs) -> anyhow::Result<ExitCode> {
    let library = check::load_decks(ctx, &DeckPaths { paths: Vec::new() })?;
    let chosen = select::choose(&library, &args.ids, args.find.as_deref())?;
    let keys: Vec<_> = chosen.into_iter().map(|c| c.key).collect();
    let changed = ctx.open_store()?.suspend(&keys, true)?;
    let already = keys.len() - changed.len();
    let back = select::command("unsuspend", &args.ids, args.find.as_deref());
    let mut out = if changed.is_empty() {
        format!("Nothing to do: {} suspended already.", were(keys.len()))
    } else {
        format!(
            "Suspended {}: {}. {} out of sessions, papers and due counts until `{back}`.",
            cards(changed.len()),
            describe(&changed, 5),
            select::one_or_many(changed.len(), "It stays", "They stay"),
        )
    };
    if already > 0 && !changed.is_empty() {
        out.push_str(&format!(" ({} suspended already.)", were(already)));
    }
    select::print(&out)?;
    Ok(ExitCode::SUCCESS)
}

/// `1 card was`, `3 cards were`.
fn were(n: usize) -> String {
    format!("{} {}", cards(n), if n == 1 { "was" } else { "were" })
}
