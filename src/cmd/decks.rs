//! `recall decks`: the library at a glance, where it is and why there, and each deck's file,
//! facts, cards due today, new cards and exam date ([`crate::stats::library`]).
//!
//! It only reads: the progress file is opened when it exists and never created, so a learner
//! who has not studied yet sees every card as new. Decks with errors are left out of the table
//! and counted in a note (`recall check` shows them), so one broken file does not hide the
//! others. On first use, like every command that reads the library, it puts the bundled decks
//! in the default decks folder.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use crate::check::{self, fact_cards};
use crate::cli::DecksArgs;
use crate::context::Context;
use crate::schedule::LearnerDays;
use crate::stats::{DeckRow, deck_row, render_decks};
use crate::ui;

pub fn run(ctx: &Context, args: &DecksArgs) -> anyhow::Result<ExitCode> {
    // The folder is named above the table only when it is the one listed, and before the
    // loading says anything about it.
    let folder = if args.decks.paths.is_empty() { Some(ctx.library_dir()?) } else { None };
    let mut out = crate::out::stdout();
    if let (Some(folder), false) = (&folder, args.json) {
        let header = format!("Decks in {folder}");
        // A long folder wraps at a word boundary on a terminal; a pipe gets one line.
        if crate::out::stdout_is_terminal() {
            writeln!(out, "{}", crate::text::wrap(&header, ui::width(), "  ").join("\n"))?;
        } else {
            writeln!(out, "{header}")?;
        }
        out.flush()?;
    }
    let loaded = check::load(ctx, &args.decks)?;
    // Read only: without a progress file (or with an empty one) every deck is new, and none
    // is created.
    let store = ctx.read_store()?;
    let (states, rollover) = (store.card_states()?, store.settings()?.rollover_hour);
    let days = LearnerDays::new(ctx.tz.clone(), rollover);
    let tomorrow = crate::schedule::day::add_days(days.day_of(ctx.now), 1);
    let tomorrow = days.start_of(tomorrow);
    let base = folder.as_ref().map(|f| f.path.as_path());
    let rows: Vec<DeckRow> = loaded
        .library
        .decks
        .iter()
        .map(|file| {
            let cards: Vec<_> =
                file.deck.facts.iter().flat_map(|f| fact_cards(&file.deck.id, f)).collect();
            deck_row(&file.deck, shown(&file.path, base), &cards, &states, tomorrow)
        })
        .collect();

    if args.json {
        serde_json::to_writer_pretty(&mut out, &rows).map_err(std::io::Error::from)?;
        writeln!(out)?;
    } else if !rows.is_empty() {
        // (An empty folder has been said on stderr by the loading.)
        write!(out, "{}", render_decks(&rows, ui::width(), ctx.colors.stdout))?;
    }
    out.flush()?;
    let errors = loaded.error_count();
    if errors > 0 {
        errln!(
            "note: decks with errors are not listed ({errors} error{}); `recall check` shows {}",
            if errors == 1 { "" } else { "s" },
            if errors == 1 { "it" } else { "them" },
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// A deck's file as the learner would name it: relative to the decks folder when listed from
/// there, else as loaded.
fn shown(path: &Path, base: Option<&Path>) -> String {
    base.and_then(|b| path.strip_prefix(b).ok()).unwrap_or(path).display().to_string()
}
