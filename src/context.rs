//! What a command gets from the outside world: the clock, the learner's zone, the data folder
//! and the decks folder, read once at start-up ([`Context`]), so that the layers below take time
//! and places as plain inputs.
//!
//! Two settings are about the outside world rather than studying, and are read here from the
//! progress file when it exists (never creating it): `timezone`, which decides the learner's
//! day ([`learner_zone`]), and `decks-dir` ([`crate::decks_dir`]).
//!
//! A command opens what it works on through it: [`Context::open_store`] for the progress file
//! alone (to write; [`Context::read_store`] to read), [`Context::open_workspace`] for the store
//! with the learner's settings, their day and their scheduler ([`Workspace`]), the preamble
//! every command that schedules cards shares.
//!
//! It imports the command line's types ([`crate::cli`]), the store, the settings and the
//! scheduler, and never a command: every command takes a `&Context`, and `app` builds it
//! before dispatching.

use std::path::{Path, PathBuf};

use jiff::fmt::temporal::{Pieces, PiecesOffset};
use jiff::tz::TimeZone;

use crate::cli::{Cli, UsageError};
use crate::decks_dir::{self, DecksDir};
use crate::schedule::{Scheduler, StudyDay};
use crate::settings::Settings;
use crate::store::{self, BackupReason, Mode, SessionLock, Store};
use crate::text::Palette;

/// Everything a command may need from the outside world, read once at start-up so that the
/// layers below take time and places as plain inputs.
#[derive(Clone, Debug)]
pub struct Context {
    /// The current time: the system clock, or `RECALL_NOW` (RFC 3339) for tests.
    pub now: jiff::Timestamp,
    /// The learner's time zone, which decides their day: the `timezone` setting, else the zone
    /// of `RECALL_NOW`'s offset, else the system's (`TZ`); see [`learner_zone`].
    pub tz: TimeZone,
    /// Explicit data folder from `--data-dir` or `RECALL_DATA_DIR`, if any.
    pub data_dir_override: Option<PathBuf>,
    /// What the decks folder is chosen from ([`Context::decks_dir`]).
    pub decks: DecksSources,
    /// Colour on stdout and on stderr.
    pub colors: Colors,
}

/// The sources of the decks folder that are read at start-up; `./decks` and the data folder
/// are looked at when the folder is asked for.
#[derive(Clone, Debug)]
pub struct DecksSources {
    /// `RECALL_DECKS_DIR`, if set and not empty.
    pub env: Option<PathBuf>,
    /// The `decks-dir` setting; `Err` with the reason when the progress file exists but its
    /// settings could not be read (the error is reported only if the folder is needed, so a
    /// damaged progress file does not stop `recall check FILE`).
    pub setting: Result<Option<PathBuf>, String>,
}

impl Default for DecksSources {
    /// No environment variable, no setting: `./decks` or the data folder's.
    fn default() -> Self {
        DecksSources { env: None, setting: Ok(None) }
    }
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
            crate::out::stdout_is_terminal(),
            crate::out::stderr_is_terminal(),
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
    /// Reads the clock (or `RECALL_NOW`), the environment and the two settings about places
    /// and time once, at start-up; the colours are decided before ([`Colors::from_env`]) so
    /// that an error here is reported in them too.
    pub(crate) fn from_env(cli: &Cli, colors: Colors) -> Result<Context, UsageError> {
        let (now, clock_zone) = match std::env::var("RECALL_NOW") {
            Ok(s) if !s.is_empty() => parse_now(&s)?,
            _ => (jiff::Timestamp::now(), None),
        };
        let system = TimeZone::try_system().unwrap_or(TimeZone::UTC);
        let env = std::env::var_os("RECALL_DECKS_DIR").filter(|v| !v.is_empty()).map(PathBuf::from);
        let mut ctx = Context {
            now,
            tz: system.clone(),
            data_dir_override: cli.global.data_dir.clone(),
            decks: DecksSources { env, setting: Ok(None) },
            colors,
        };
        let stored = ctx.stored_settings();
        let timezone = match &stored {
            // `Settings::set` accepted the name, so the zone database has it.
            Ok(Some(settings)) => settings.timezone.as_deref().and_then(|n| TimeZone::get(n).ok()),
            _ => None,
        };
        ctx.tz = learner_zone(timezone, clock_zone, system, now);
        ctx.decks.setting =
            stored.map(|s| s.and_then(|s| s.decks_dir)).map_err(|e| crate::report::said_once(&e));
        Ok(ctx)
    }

    /// The learner's settings as stored, when the progress file exists: read without creating
    /// it, so that a read-only command leaves no file behind.
    fn stored_settings(&self) -> anyhow::Result<Option<Settings>> {
        let dir = self.data_dir()?;
        if !dir.join(store::FILE_NAME).is_file() {
            return Ok(None);
        }
        Ok(Some(Store::open_at(&dir, Mode::Read, &self.zoned_now())?.settings()?))
    }

    /// The decks folder: `RECALL_DECKS_DIR`, the `decks-dir` setting, `./decks` when it exists,
    /// or `decks` in the data folder ([`DecksDir::choose`]).
    pub fn decks_dir(&self) -> anyhow::Result<DecksDir> {
        let setting = match &self.decks.setting {
            Ok(setting) => setting.as_deref(),
            // Only a problem when the variable does not decide.
            Err(_) if self.decks.env.is_some() => None,
            // The progress file's problem first: that is what the learner has to act on.
            Err(e) => anyhow::bail!(
                "{e}\n(recall cannot read the decks-dir setting it keeps there either, so it \
                 does not know where your decks are)"
            ),
        };
        let here = Path::new(decks_dir::FOLDER_NAME).is_dir();
        let data_dir = self.data_dir()?;
        Ok(DecksDir::choose(self.decks.env.as_deref(), setting, here, &data_dir))
    }

    /// The decks a command reads when it is given no path: the decks folder, after putting the
    /// bundled decks there if it is recall's default folder and does not exist yet (saying so
    /// on stderr). A folder the learner chose that does not exist is a usage error naming it.
    pub fn library_dir(&self) -> anyhow::Result<DecksDir> {
        let dir = self.decks_dir_installed()?;
        if std::fs::metadata(&dir.path).is_err() {
            return Err(UsageError(format!(
                "your decks folder {dir} does not exist; {}",
                dir.missing_hint()
            ))
            .into());
        }
        Ok(dir)
    }

    /// The decks folder a command writes a new deck into (`recall new`, `recall import`): as
    /// [`Context::library_dir`] puts the bundled decks there first, so that a learner whose
    /// first command makes a deck of their own still gets them (before, the folder then
    /// existed and they never came).
    pub fn decks_dir_installed(&self) -> anyhow::Result<DecksDir> {
        let dir = self.decks_dir()?;
        let written = dir.install_bundled()?;
        if !written.is_empty() {
            let names: Vec<String> = written
                .iter()
                .filter_map(|p| p.file_name())
                .map(|n| n.to_string_lossy().into_owned())
                .collect();
            let note = format!(
                "note: no decks yet, so the bundled deck{s} {} {are} now in {}. Add your own \
                 there with `recall new NAME`, or keep decks elsewhere with \
                 `recall config decks-dir DIR`.",
                names.join(", "),
                dir.path.display(),
                s = if names.len() == 1 { "" } else { "s" },
                are = if names.len() == 1 { "is" } else { "are" },
            );
            print_note(&note);
        }
        Ok(dir)
    }

    /// Where a deck named on the command line is: as given, or in the decks folder
    /// ([`DecksDir::find`]); a usage error (exit 2) naming both places if neither has it.
    pub fn find_deck(&self, arg: &Path) -> anyhow::Result<PathBuf> {
        if std::fs::symlink_metadata(arg).is_ok() {
            // Found as given: the decks folder (and a damaged setting) does not matter.
            return Ok(arg.to_path_buf());
        }
        let dir = self.decks_dir()?;
        dir.find(arg).map_err(|e| UsageError(e.to_string()).into())
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
        let note = large && crate::out::stderr_is_terminal() && store.daily_backup_due(now)?;
        if note {
            err!("Checking and backing up your progress file (once a day)…");
        }
        let made = store.daily_backup(now);
        if note {
            err!("\r\x1b[2K");
        }
        match made {
            Ok(made) => Ok(made.is_some()),
            Err(e) if e.is_damage() => Err(e.into()),
            Err(e) => {
                let warning = self.colors.stderr.bad("warning:").bold();
                errln!("recall: {warning} {e}; recall goes on without today's backup");
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

/// Prints `text` on stderr: wrapped at word boundaries on a terminal (long folder names would
/// break mid-word otherwise), on one line in a pipe, for scripts.
pub fn print_note(text: &str) {
    if crate::out::stderr_is_terminal() {
        errln!("{}", crate::text::wrap(text, crate::ui::screen_width(), "").join("\n"));
    } else {
        errln!("{text}");
    }
}

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

/// `RECALL_NOW` accepts an RFC 3339 timestamp (`2026-11-30T09:00:00Z`) or a zoned datetime
/// (`2026-12-01T09:00:00+05:30[Asia/Kolkata]`). Besides the instant it gives the zone of the
/// clock it stands for: the bracketed zone, or a fixed zone at a numeric offset. `Z` (and
/// `-00:00`) say only the instant, as RFC 9557 reads them, so they give no zone.
fn parse_now(s: &str) -> Result<(jiff::Timestamp, Option<TimeZone>), UsageError> {
    let bad = |e: &dyn std::fmt::Display| {
        UsageError(format!("RECALL_NOW=`{s}` is not an RFC 3339 time ({e})"))
    };
    let pieces = Pieces::parse(s).map_err(|e| bad(&e))?;
    let named = pieces.to_time_zone().map_err(|e| bad(&e))?;
    let now = match &named {
        Some(_) => s.parse::<jiff::ZonedDateTime>().map(|z| z.timestamp()),
        None => s.parse::<jiff::Timestamp>(),
    }
    .map_err(|e| bad(&e))?;
    let zone = named.or_else(|| match pieces.offset() {
        Some(PiecesOffset::Numeric(n)) if !(n.offset().seconds() == 0 && n.is_negative()) => {
            Some(TimeZone::fixed(n.offset()))
        }
        _ => None,
    });
    Ok((now, zone))
}

/// The zone whose clock decides the learner's day, most explicit first: the `timezone`
/// setting (the learner said where they live); else the zone `RECALL_NOW` was written in (it
/// stands for the machine's clock, so its offset stands for the machine's zone: 09:00+05:30 is
/// a morning session even on a UTC machine); else the machine's zone (`TZ`). A bare offset
/// that the machine's zone has at `now` keeps the machine's zone, whose daylight-saving rules
/// place past days right.
pub fn learner_zone(
    setting: Option<TimeZone>,
    clock: Option<TimeZone>,
    system: TimeZone,
    now: jiff::Timestamp,
) -> TimeZone {
    if let Some(zone) = setting {
        return zone;
    }
    match clock {
        Some(clock)
            if clock.iana_name().is_some() || clock.to_offset(now) != system.to_offset(now) =>
        {
            clock
        }
        _ => system,
    }
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

    fn zone(name: &str) -> TimeZone {
        TimeZone::get(name).unwrap()
    }

    #[test]
    fn recall_now_gives_the_clock_zone_its_offset_says() {
        let (now, clock) = parse_now("2026-12-01T09:00:00+05:30").unwrap();
        assert_eq!(now, "2026-12-01T03:30:00Z".parse().unwrap());
        let clock = clock.unwrap();
        assert_eq!(clock.to_offset(now), jiff::tz::offset(5) + jiff::SignedDuration::from_mins(30));
        // `Z` and `-00:00` say when, not where.
        assert!(parse_now("2026-12-01T09:00:00Z").unwrap().1.is_none());
        assert!(parse_now("2026-12-01T09:00:00-00:00").unwrap().1.is_none());
        assert!(parse_now("2026-12-01T09:00:00+00:00").unwrap().1.is_some());
        let (at, named) = parse_now("2026-12-01T09:00:00+05:30[Asia/Kolkata]").unwrap();
        assert_eq!(at, now);
        assert_eq!(named.unwrap().iana_name(), Some("Asia/Kolkata"));
        assert!(parse_now("yesterday").is_err());
    }

    #[test]
    fn the_day_is_decided_by_the_setting_then_recall_now_then_the_system() {
        let (now, clock) = parse_now("2026-12-01T09:00:00+05:30").unwrap();
        let day = |tz: &TimeZone| crate::schedule::LearnerDays::new(tz.clone(), 4).day_of(now);
        let dec1 = jiff::civil::date(2026, 12, 1);
        // A UTC machine: 03:30 UTC is before the 4 a.m. rollover, but the session is at 09:00
        // on the learner's clock, so it belongs to 1 December.
        let tz = learner_zone(None, clock.clone(), TimeZone::UTC, now);
        assert_eq!(day(&tz), dec1);
        // The learner's setting wins over the offset: in London it is 03:30, the night before.
        let london = learner_zone(Some(zone("Europe/London")), clock.clone(), zone("UTC"), now);
        assert_eq!(london.iana_name(), Some("Europe/London"));
        assert_eq!(day(&london), jiff::civil::date(2026, 11, 30));
        // An offset the machine's zone already has keeps the machine's zone and its rules.
        let kolkata = learner_zone(None, clock, zone("Asia/Kolkata"), now);
        assert_eq!(kolkata.iana_name(), Some("Asia/Kolkata"));
        // `Z`: the machine's zone.
        let (now, clock) = parse_now("2026-12-01T09:00:00Z").unwrap();
        let tz = learner_zone(None, clock, zone("Asia/Kolkata"), now);
        assert_eq!(tz.iana_name(), Some("Asia/Kolkata"));
    }
}
