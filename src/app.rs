//! The edge of the program: parse the command line, read the clock and the environment once
//! (into a [`Context`]), dispatch to the command, print errors in one place and choose the exit
//! code.
//!
//! Only `main.rs` imports this module; it imports every command, and no command imports it.

use std::process::ExitCode;

use clap::Parser;

use crate::cli::{Cli, Command, UsageError};
use crate::cmd;
use crate::context::{Colors, Context};
use crate::report;
use crate::text::Palette;

/// Parses the command line, runs the command and turns its outcome into an exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let colors = Colors::from_env();
    // These describe the command line itself: no clock, settings or store, so they work
    // whatever state the data folder is in.
    let early = match &cli.command {
        Command::Completions(args) => Some(cmd::completions::run(args)),
        Command::Man(args) => Some(cmd::man::run(args)),
        _ => None,
    };
    let result = early.unwrap_or_else(|| {
        Context::from_env(&cli, colors)
            .map_err(anyhow::Error::from)
            .and_then(|ctx| run(&ctx, cli.command))
    });
    match result {
        Ok(code) => code,
        Err(err) => report(&err, colors.stderr),
    }
}

/// Runs one command with a ready context.
pub fn run(ctx: &Context, command: Command) -> anyhow::Result<ExitCode> {
    match command {
        Command::Check(args) => cmd::check::run(ctx, &args),
        Command::Evaluate(args) => cmd::evaluate::run(ctx, &args),
        Command::Simulate(args) => cmd::simulate::run(ctx, &args),
        Command::New(args) => cmd::new::run(ctx, &args),
        Command::Add(args) => cmd::add::run(ctx, &args),
        Command::Import(args) => cmd::import::run(ctx, &args),
        Command::Config(args) => cmd::config::run(ctx, &args),
        Command::Stats(args) => cmd::stats::run(ctx, &args),
        Command::History(args) => cmd::history::run(ctx, &args),
        Command::Preview(args) => cmd::preview::run(ctx, &args),
        Command::ImportHistory(args) => cmd::import_history::run(ctx, &args),
        Command::Optimize(args) => cmd::optimize::run(ctx, &args),
        Command::Exam(args) => cmd::exam::run(ctx, &args),
        Command::Study(args) => cmd::study::run(ctx, &args),
        Command::Backup(args) => cmd::backup::run(ctx, &args),
        Command::Sync(args) => cmd::sync::run(ctx, &args),
        Command::Decks(args) => cmd::decks::run(ctx, &args),
        Command::Find(args) => cmd::find::run(ctx, &args),
        Command::Suspend(args) => cmd::suspend::run(ctx, &args),
        Command::Unsuspend(args) => cmd::unsuspend::run(ctx, &args),
        Command::Bury(args) => cmd::bury::run(ctx, &args),
        Command::Unbury(args) => cmd::unbury::run(ctx, &args),
        Command::Reset(args) => cmd::reset::run(ctx, &args),
        Command::Completions(args) => cmd::completions::run(&args),
        Command::Man(args) => cmd::man::run(&args),
    }
}

/// Prints an error once, with its causes, and picks the exit code. A closed pipe
/// (`recall history | head`) never gets here: [`crate::out`]'s writers stop printing and the
/// command carries on to its own end.
fn report(err: &anyhow::Error, palette: Palette) -> ExitCode {
    let red = palette.bad("error:").bold();
    // An error may quote a deck or a file name: their control characters written out.
    let message = format!("recall: {red} {}", crate::text::printable(&report::said_once(err)));
    // On a terminal, wrapped at words: a folder name split at the edge cannot be copied.
    let stderr = console::Term::stderr();
    if stderr.is_term() {
        err!("{}", report::fit(&message, usize::from(stderr.size().1)));
    } else {
        errln!("{message}");
    }
    if err.downcast_ref::<UsageError>().is_some() { ExitCode::from(2) } else { ExitCode::FAILURE }
}
