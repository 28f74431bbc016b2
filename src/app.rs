//! The edge of the program: parse the command line, read the clock and the environment once
//! (into a [`Context`]), dispatch to the command, print errors in one place and choose the exit
//! code.
//!
//! Only `main.rs` imports this module; it imports every command, and no command imports it.

use std::io;
use std::process::ExitCode;

use clap::Parser;

use crate::cli::{Cli, Command, UsageError};
use crate::cmd;
use crate::context::{Colors, Context};
use crate::text::{self, Palette};

/// Parses the command line, runs the command and turns its outcome into an exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let colors = Colors::from_env();
    let result = Context::from_env(&cli, colors)
        .map_err(anyhow::Error::from)
        .and_then(|ctx| run(&ctx, cli.command));
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
    }
}

/// Prints an error once, with its causes, and picks the exit code. A closed pipe
/// (`recall history | head`) is not an error.
fn report(err: &anyhow::Error, palette: Palette) -> ExitCode {
    if let Some(io) = err.downcast_ref::<io::Error>()
        && io.kind() == io::ErrorKind::BrokenPipe
    {
        return ExitCode::SUCCESS;
    }
    let red = palette.bad("error:").bold();
    let message = format!("recall: {red} {}", said_once(err));
    let stderr = console::Term::stderr();
    if stderr.is_term() {
        eprint!("{}", fit(&message, usize::from(stderr.size().1)));
    } else {
        eprintln!("{message}");
    }
    if err.downcast_ref::<UsageError>().is_some() { ExitCode::from(2) } else { ExitCode::FAILURE }
}

/// A message word-wrapped for a terminal `width` columns wide, so that no word is split at
/// the edge. An indented line is a command to copy and stays whole.
fn fit(message: &str, width: usize) -> String {
    let mut out = String::new();
    for line in message.lines() {
        if line.starts_with(char::is_whitespace) {
            out.push_str(line);
            out.push('\n');
        } else {
            text::wrap_into(&mut out, line, "", width);
        }
    }
    out
}

/// The error and its causes, each said once. Many errors put their cause in their own message
/// and also hand it on as their `source` (thiserror's `"cannot write {path}: {source}"`,
/// tempfile's `PersistError`, whose message is its I/O error's): printing the whole chain
/// would say "File exists (os error 17): File exists (os error 17)". A cause whose text is
/// already in what was said adds nothing and is left out; its own causes are still looked at.
fn said_once(err: &anyhow::Error) -> String {
    let mut text = String::new();
    for cause in err.chain() {
        let cause = cause.to_string();
        if text.is_empty() {
            text = cause;
        } else if !cause.is_empty() && !text.contains(&cause) {
            text.push_str(": ");
            text.push_str(&cause);
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, thiserror::Error)]
    #[error("cannot write {path}: {source}")]
    struct Write {
        path: &'static str,
        source: io::Error,
    }

    #[derive(Debug, thiserror::Error)]
    #[error("{0}")]
    struct Wrapper(#[source] Write);

    #[test]
    fn messages_wrap_at_words_and_commands_stay_whole() {
        let message = "recall: error: /data/recall.sqlite3 is damaged (database disk image is \
            malformed); recall has written nothing to it.\n    sqlite3 /data/recall.sqlite3 \
            .recover | sqlite3 fixed.sqlite3\n";
        assert_eq!(
            fit(message, 40),
            "recall: error: /data/recall.sqlite3 is\n\
             damaged (database disk image is\n\
             malformed); recall has written nothing\n\
             to it.\n    \
             sqlite3 /data/recall.sqlite3 .recover | sqlite3 fixed.sqlite3\n"
        );
    }

    #[test]
    fn each_cause_is_said_once() {
        let exists = || io::Error::from(io::ErrorKind::AlreadyExists);
        // A message that holds its source: the source is not said again.
        let err = anyhow::Error::from(Write { path: "d.ron", source: exists() });
        assert_eq!(said_once(&err), format!("cannot write d.ron: {}", exists()));
        // Context that adds words keeps them, and the causes below are said once.
        let err = err.context("import failed");
        assert_eq!(said_once(&err), format!("import failed: cannot write d.ron: {}", exists()));
        // A wrapper that repeats its source's message (as tempfile's PersistError does).
        let err = anyhow::Error::from(Wrapper(Write { path: "d.ron", source: exists() }));
        assert_eq!(said_once(&err), format!("cannot write d.ron: {}", exists()));
        // A cause that says something new is kept.
        let err = anyhow::Error::from(exists()).context("cannot lock x");
        assert_eq!(said_once(&err), format!("cannot lock x: {}", exists()));
    }
}
