//! The edge of the program: parse the command line, read the clock and the environment once,
//! run the command, print errors in one place and choose the exit code.

use std::io::{self, IsTerminal};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

use crate::cli::{Cli, Command};
use crate::cmd;

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
    /// Whether stdout is a terminal and colour is wanted (`NO_COLOR`, `TERM=dumb` turn it off).
    pub color: bool,
}

impl Context {
    fn from_env(cli: &Cli) -> Result<Context, UsageError> {
        let now = match std::env::var("RECALL_NOW") {
            Ok(s) if !s.is_empty() => parse_now(&s)?,
            _ => jiff::Timestamp::now(),
        };
        let tz = jiff::tz::TimeZone::try_system().unwrap_or(jiff::tz::TimeZone::UTC);
        let color = io::stdout().is_terminal()
            && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            && std::env::var("TERM").map_or(true, |t| t != "dumb");
        console::set_colors_enabled(color);
        console::set_colors_enabled_stderr(
            io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        );
        Ok(Context { now, tz, data_dir_override: cli.global.data_dir.clone(), color })
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
    let result =
        Context::from_env(&cli).map_err(anyhow::Error::from).and_then(|ctx| run(&ctx, cli.command));
    match result {
        Ok(code) => code,
        Err(err) => report(&err),
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
fn report(err: &anyhow::Error) -> ExitCode {
    if let Some(io) = err.downcast_ref::<io::Error>()
        && io.kind() == io::ErrorKind::BrokenPipe
    {
        return ExitCode::SUCCESS;
    }
    let red = console::style("error:").red().bold();
    eprintln!("recall: {red} {err:#}");
    if err.downcast_ref::<UsageError>().is_some() { ExitCode::from(2) } else { ExitCode::FAILURE }
}
