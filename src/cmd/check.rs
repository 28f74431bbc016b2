//! `recall check`: load decks and print every error and lint, then a summary line.

use std::io::Write;
use std::process::ExitCode;

use crate::app::Context;
use crate::cli::CheckArgs;
use crate::deck;

pub fn run(_ctx: &Context, args: &CheckArgs) -> anyhow::Result<ExitCode> {
    let loaded = deck::load_paths(&args.decks.resolve());
    let mut out = std::io::stdout().lock();
    for d in &loaded.diagnostics {
        writeln!(
            out,
            "{}:{}:{}: {:?}: {}",
            d.path.display(),
            d.line,
            d.column,
            d.severity,
            d.message
        )?;
    }
    writeln!(
        out,
        "{} decks, {} facts; {} errors, {} warnings",
        loaded.library.decks.len(),
        loaded.library.fact_count(),
        loaded.error_count(),
        loaded.warning_count()
    )?;
    Ok(if loaded.error_count() > 0 { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}
