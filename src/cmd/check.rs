//! `recall check`: load decks and print every error and lint, then a summary line.
//!
//! Text mode prints the rustc-style diagnostics and the summary on stdout. `--json` prints
//! only a JSON array on stdout (one object per diagnostic) and the summary on stderr, so the
//! output can be piped straight into `jq` or an editor.

use std::io::Write;
use std::process::ExitCode;

use crate::app::{Context, UsageError};
use crate::cli::CheckArgs;
use crate::deck;

pub fn run(ctx: &Context, args: &CheckArgs) -> anyhow::Result<ExitCode> {
    let paths = args.decks.resolve();
    if let Some(missing) = deck::missing_path(&paths) {
        let hint = if args.decks.paths.is_empty() {
            " (there is no `decks/` folder here; pass a deck file or folder)"
        } else {
            ""
        };
        return Err(UsageError(format!("`{}` does not exist{hint}", missing.display())).into());
    }
    let loaded = deck::load_paths(&paths);
    let mut out = std::io::stdout().lock();
    if args.json {
        let items: Vec<_> = loaded.diagnostics.iter().map(deck::Diagnostic::to_json).collect();
        serde_json::to_writer_pretty(&mut out, &items)?;
        writeln!(out)?;
        out.flush()?;
        eprintln!("{}", loaded.summary());
    } else {
        write!(out, "{}", loaded.render(ctx.color))?;
        writeln!(out, "{}", loaded.summary())?;
        out.flush()?;
    }
    let code = if loaded.has_errors() { ExitCode::FAILURE } else { ExitCode::SUCCESS };
    // The process ends now: freeing a large library fact by fact would take a tenth of a
    // second (100,000 facts) for nothing.
    std::mem::forget(loaded);
    Ok(code)
}
