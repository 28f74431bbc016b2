//! The edge of the program: parse the command line, read the clock and the environment once,
//! run the command, print errors in one place and choose the exit code.

use std::io::{self, IsTerminal};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

use crate::cli::{Cli, Command};
use crate::cmd;
use crate::text::Palette;

/// Everything a command may need from the outside world, read once at start-up so that the
/// layers below take time and places as plain inputs.
#[derive(Clone, Debug)]
pub struct Context {
    /// The current time: the system clock, or `RECALL_NOW` (RFC 3339) for tests.
    pub now: jiff::Timestamp,
    /// The learner's time zone: the system's, or `TZ`.
    pub tz: jiff::tz::TimeZone,
    /// Explicit data folder from `--data-dir` or `RECALL_DATA_DIR`, if any.
    pub data_dir_override: Option<PathBuf>,
    /// Colour on stdout and on stderr.
    pub colors: Colors,
}

/// Whether each output stream gets colour: it is a terminal, `NO_COLOR` is unset or empty, and
/// `TERM` is not `dumb`. Decided once, here, and handed to every renderer as a [`Palette`]
/// (stdout's for what commands print, stderr's for the interactive screens, prompts and
/// messages), so nothing below reads the environment or a global switch for it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Colors {
    pub stdout: Palette,
    pub stderr: Palette,
}

impl Colors {
    /// No colour anywhere (benchmarks, tests that build a [`Context`] by hand).
    pub const PLAIN: Colors = Colors { stdout: Palette::PLAIN, stderr: Palette::PLAIN };

    fn from_env() -> Colors {
        let colors = Colors::decide(
            std::env::var_os("NO_COLOR").as_deref(),
            std::env::var_os("TERM").as_deref(),
            io::stdout().is_terminal(),
            io::stderr().is_terminal(),
        );
        // indicatif's progress bar and dialoguer's own prompts (`recall add`) read `console`'s
        // process-wide switches, so they are set to the same decisions.
        console::set_colors_enabled(colors.stdout.is_color());
        console::set_colors_enabled_stderr(colors.stderr.is_color());
        colors
    }

    /// The rule, given `NO_COLOR`, `TERM` and which streams are terminals.
    fn decide(
        no_color: Option<&std::ffi::OsStr>,
        term: Option<&std::ffi::OsStr>,
        stdout_is_terminal: bool,
        stderr_is_terminal: bool,
    ) -> Colors {
        let wanted = no_color.is_none_or(|v| v.is_empty()) && term.is_none_or(|t| t != "dumb");
        Colors {
            stdout: Palette::new(wanted && stdout_is_terminal),
            stderr: Palette::new(wanted && stderr_is_terminal),
        }
    }
}

impl Context {
    fn from_env(cli: &Cli, colors: Colors) -> Result<Context, UsageError> {
        let now = match std::env::var("RECALL_NOW") {
            Ok(s) if !s.is_empty() => parse_now(&s)?,
            _ => jiff::Timestamp::now(),
        };
        let tz = jiff::tz::TimeZone::try_system().unwrap_or(jiff::tz::TimeZone::UTC);
        Ok(Context { now, tz, data_dir_override: cli.global.data_dir.clone(), colors })
    }

    /// The folder holding the progress database.
    pub fn data_dir(&self) -> anyhow::Result<PathBuf> {
        if let Some(dir) = &self.data_dir_override {
            return Ok(dir.clone());
        }
        use etcetera::BaseStrategy;
        let strategy = etcetera::choose_base_strategy().map_err(|e| {
            anyhow::anyhow!(
                "cannot find a data folder ({e}); pass --data-dir or set RECALL_DATA_DIR"
            )
        })?;
        Ok(strategy.data_dir().join("recall"))
    }

    /// The current time in the learner's zone.
    pub fn zoned_now(&self) -> jiff::ZonedDateTime {
        self.now.to_zoned_datetime(self.tz.clone())
    }
}

/// `RECALL_NOW` accepts an RFC 3339 timestamp (`2026-11-30T09:00:00Z`) or a zoned datetime.
fn parse_now(s: &str) -> Result<jiff::Timestamp, UsageError> {
    s.parse::<jiff::Timestamp>()
        .or_else(|_| s.parse::<jiff::ZonedDateTime>().map(|z| z.timestamp()))
        .map_err(|e| UsageError(format!("RECALL_NOW=`{s}` is not an RFC 3339 time ({e})")))
}

/// A problem with how recall was called: exit code 2, like clap's own usage errors.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

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
    eprintln!("recall: {red} {err:#}");
    if err.downcast_ref::<UsageError>().is_some() { ExitCode::from(2) } else { ExitCode::FAILURE }
}

#[cfg(test)]
mod tests {
    use std::ffi::OsStr;

    use super::*;

    #[test]
    fn colour_needs_a_terminal_and_neither_no_color_nor_a_dumb_term() {
        let xterm = Some(OsStr::new("xterm"));
        let on = Palette::COLOR;
        let off = Palette::PLAIN;
        let both = |stdout, stderr| Colors { stdout, stderr };
        assert_eq!(Colors::decide(None, xterm, true, true), both(on, on));
        assert_eq!(Colors::decide(None, None, true, true), both(on, on));
        // An empty NO_COLOR does not count (no-color.org).
        assert_eq!(Colors::decide(Some(OsStr::new("")), xterm, true, true), both(on, on));
        assert_eq!(Colors::decide(Some(OsStr::new("1")), xterm, true, true), both(off, off));
        assert_eq!(Colors::decide(None, Some(OsStr::new("dumb")), true, true), both(off, off));
        // Each stream by itself: `recall exam > result.txt` keeps its screen (stderr) in colour.
        assert_eq!(Colors::decide(None, xterm, false, true), both(off, on));
        assert_eq!(Colors::decide(None, xterm, true, false), both(on, off));
    }
}
