//! `recall bury ID... [--find TEXT]`: puts cards off until the learner's next day begins (the
//! rollover hour in their zone), as Anki's bury does: not asked today, due again tomorrow.

use std::process::ExitCode;

use crate::check;
use crate::cli::{CardsArgs, DeckPaths};
use crate::context::Context;
use crate::schedule::StudyDay;
use crate::select::{self, cards, describe};

pub fn run(ctx: &Context, args: &CardsArgs) -> anyhow::Result<ExitCode> {
    let library = check::load_decks(ctx, &DeckPaths { paths: Vec::new() })?;
    let chosen = select::choose(&library, &args.ids, args.find.as_deref())?;
    let keys: Vec<_> = chosen.into_iter().map(|c| c.key).collect();
    let mut store = ctx.open_store()?;
    let day = StudyDay::new(ctx.now, ctx.tz.clone(), store.settings()?.rollover_hour);
    let until = day.end();
    let changed = store.bury(&keys, until)?;
    let when = until.to_zoned_datetime(ctx.tz.clone()).strftime("%a %-d %b, %H:%M");
    let out = if changed.is_empty() {
        format!(
            "Nothing to do: {} buried until tomorrow already.",
            if keys.len() == 1 { "the card is" } else { "these cards are" }
        )
    } else {
        let back = select::command("unbury", &args.ids, args.find.as_deref());
        format!(
            "Buried {} until tomorrow ({when}): {}. `{back}` brings {} back today.",
            cards(changed.len()),
            describe(&changed, 5),
            select::one_or_many(changed.len(), "it", "them"),
        )
    };
    select::print(&out)?;
    Ok(ExitCode::SUCCESS)
}
