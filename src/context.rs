//! What a command gets from the outside world: the clock, the learner's zone and the data
//! folder, read once at start-up ([`Context`]), so that the layers below take time and places as
//! plain inputs.
//!
//! A command opens what it works on through it: [`Context::open_store`] for the progress file
//! alone (to write; [`Context::read_store`] to read), [`Context::open_workspace`] for the store
//! with the learner's settings, their day and their scheduler ([`Workspace`]), the preamble
//! every command that schedules cards shares.
//!
//! It imports the command line's types ([`crate::cli`]), the store, the settings and the
//! scheduler, and never a command: every command takes a `&Context`, and `app` builds it
//! before dispatching.

use std::io::{self, IsTerminal};
use std::path::PathBuf;

use crate::cli::{Cli, UsageError};
use crate::schedule::{Scheduler, StudyDay};
use crate::settings::Settings;
use crate::store::{BackupReason, Mode, SessionLock, Store};
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

    /// Reads the environment and which streams are terminals, once, at start-up.
    pub(crate) fn from_env() -> Colors {
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
    /// Reads the clock (or `RECALL_NOW`) and the time zone once, at start-up; the colours are
    /// decided before ([`Colors::from_env`]) so that an error here is reported in them too.
    pub(crate) fn from_env(cli: &Cli, colors: Colors) -> Result<Context, UsageError> {
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

    /// Opens the progress file in the data folder for a command that writes, creating both if
    /// they do not exist yet, and makes the day's backup if this is the first command of the
    /// day that writes ([`Store::daily_backup`]).
    pub fn open_store(&self) -> anyhow::Result<Store> {
        let now = self.zoned_now();
        let store = Store::open_at(&self.data_dir()?, Mode::Write, &now)?;
        self.daily_backup(&store, &now)?;
        Ok(store)
    }

    /// The day's backup. A file found damaged by its check is refused (nothing may be written
    /// to it); a backup that cannot be written (a full disk) is said and the command goes on,
    /// since the progress file itself is whole. Returns whether a backup was made.
    fn daily_backup(&self, store: &Store, now: &jiff::ZonedDateTime) -> anyhow::Result<bool> {
        // On a large file the check and the copy take a second or more (BENCHMARKS.md): say
        // what the wait is, on a terminal, and clear the line after.
        let large = std::fs::metadata(store.path()).is_ok_and(|m| m.len() >= LARGE_FILE);
        let note = large && io::stderr().is_terminal() && store.daily_backup_due(now)?;
        if note {
            eprint!("Checking and backing up your progress file (once a day)…");
        }
        let made = store.daily_backup(now);
        if note {
            eprint!("\r\x1b[2K");
        }
        match made {
            Ok(made) => Ok(made.is_some()),
            Err(e) if e.is_damage() => Err(e.into()),
            Err(e) => {
                let warning = self.colors.stderr.bad("warning:").bold();
                eprintln!("recall: {warning} {e}; recall goes on without today's backup");
                Ok(false)
            }
        }
    }

    /// Opens the progress file for a command that only reads it: nothing is created, and
    /// without a file the command sees an empty store.
    pub fn read_store(&self) -> anyhow::Result<Store> {
        Ok(Store::open_at(&self.data_dir()?, Mode::Read, &self.zoned_now())?)
    }

    /// Opens the progress file as `access` says (creating it unless the command only reads),
    /// takes the session lock for an interactive command ([`Access::Session`]), backs the file
    /// up before an import ([`Access::Import`]), and reads the learner's settings and day.
    pub fn open_workspace(&self, access: Access) -> anyhow::Result<Workspace> {
        let store = match access {
            Access::Read => self.read_store()?,
            Access::Shared | Access::Session => self.open_store()?,
            Access::Import => {
                let now = self.zoned_now();
                let store = Store::open_at(&self.data_dir()?, Mode::Write, &now)?;
                // The day's backup, if this is the day's first write, is the state before the
                // import already; otherwise one is made now. Without a backup there is no
                // import: it could not be taken back.
                if store.daily_backup(&now)?.is_none() && !store.is_new() {
                    store.backup(BackupReason::BeforeImport, &now)?;
                }
                store
            }
        };
        let lock = match access {
            Access::Session => Some(store.lock_session()?),
            Access::Read | Access::Shared | Access::Import => None,
        };
        let settings = store.settings()?;
        let day = StudyDay::new(self.now, self.tz.clone(), settings.rollover_hour);
        Ok(Workspace { store, settings, day, lock })
    }
}

/// A progress file this large (about 300,000 answers) takes a second or more to check and
/// back up.
const LARGE_FILE: u64 = 64 << 20;

/// How a command uses the progress file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// Reads only (statistics): nothing is created or written.
    Read,
    /// Writes alongside anything else (optimizing): SQLite keeps the writes apart.
    Shared,
    /// Writes history in bulk (`recall import-history`, Anki imports): as [`Access::Shared`],
    /// after a backup of the file, so that an import can be taken back by a restore.
    Import,
    /// An interactive session (`recall study`, `recall exam`): one at a time per data folder,
    /// so two windows never ask the same cards ([`Store::lock_session`]).
    Session,
}

/// What a command that schedules cards works with, opened by [`Context::open_workspace`].
#[derive(Debug)]
pub struct Workspace {
    pub store: Store,
    /// The learner's settings; a command may override some for its run (`recall study --new`)
    /// before it asks for the [`Workspace::scheduler`].
    pub settings: Settings,
    /// The learner's day at the command's `now`, under their rollover hour.
    pub day: StudyDay,
    /// Held for [`Access::Session`] until the workspace is dropped.
    pub lock: Option<SessionLock>,
}

impl Workspace {
    /// The scheduler for these settings and the learner's fitted FSRS parameters (FSRS-6's
    /// defaults until `recall optimize` saves some). Built on demand, so a command that only
    /// sometimes schedules (`recall stats` with an exam date) reads the parameters only then.
    pub fn scheduler(&self) -> anyhow::Result<Scheduler> {
        Ok(Scheduler::new(&self.settings, self.store.fsrs_parameters()?.as_deref())?)
    }
}

/// `RECALL_NOW` accepts an RFC 3339 timestamp (`2026-11-30T09:00:00Z`) or a zoned datetime.
fn parse_now(s: &str) -> Result<jiff::Timestamp, UsageError> {
    s.parse::<jiff::Timestamp>()
        .or_else(|_| s.parse::<jiff::ZonedDateTime>().map(|z| z.timestamp()))
        .map_err(|e| UsageError(format!("RECALL_NOW=`{s}` is not an RFC 3339 time ({e})")))
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
