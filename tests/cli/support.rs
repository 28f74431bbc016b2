//! What every CLI test needs: a throwaway folder to run the real binary in, with a fixed clock
//! and time zone, colour off and its own progress file ([`Env`]), and the same binary on a real
//! pseudo-terminal for the interactive commands ([`Terminal`]).
//!
//! The binary is the one cargo built for this test run (`CARGO_BIN_EXE_recall`), started only
//! here, so the environment a test runs under is written once: a test states what differs
//! from it (another clock, colour allowed, another working folder) on the command it builds.
//! Nothing from the developer's shell leaks in: every variable recall reads is set.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers panic on setup failure by design

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use recall::store::Store;
use rexpect::session::PtySession;

/// The clock tests run at unless they say otherwise: Monday 30 November 2026, 09:00 UTC.
pub const NOW: &str = "2026-11-30T09:00:00Z";

/// The binary under test.
const BIN: &str = env!("CARGO_BIN_EXE_recall");

/// How long a terminal waits for expected output before the test fails.
const TIMEOUT_MS: u64 = 20_000;

/// A file under `tests/fixtures/`.
pub fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(path)
}

/// The text of a file, which must exist.
pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A temporary folder the binary runs in, with its progress file in `data/` below it. The
/// folder and everything in it is deleted when the `Env` is dropped.
pub struct Env {
    dir: tempfile::TempDir,
    /// The working folder of the commands: the temporary folder unless [`Env::in_dir`].
    cwd: PathBuf,
    now: String,
}

impl Env {
    /// An empty temporary folder; nothing (not even `data/`) exists until a command or the
    /// test writes it, so a test can prove that a command wrote nothing.
    pub fn new() -> Env {
        let dir = tempfile::tempdir().unwrap();
        let cwd = dir.path().to_path_buf();
        Env { dir, cwd, now: NOW.to_owned() }
    }

    /// The clock (`RECALL_NOW`, RFC 3339) the commands run at.
    pub fn now(mut self, now: &str) -> Env {
        self.now = now.to_owned();
        self
    }

    /// Runs the commands from `dir` instead of the temporary folder (for fixtures addressed
    /// by relative paths, so the paths in the output are short and stable).
    pub fn in_dir(mut self, dir: impl Into<PathBuf>) -> Env {
        self.cwd = dir.into();
        self
    }

    /// The temporary folder.
    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// `name` inside the temporary folder.
    pub fn path(&self, name: &str) -> PathBuf {
        self.root().join(name)
    }

    /// The data folder (`RECALL_DATA_DIR`), which holds the progress file.
    pub fn data(&self) -> PathBuf {
        self.path("data")
    }

    /// Writes `contents` to `name` in the temporary folder (creating folders on the way) and
    /// returns its path: decks, logs and other inputs written by the test itself.
    pub fn write(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(&path, contents).unwrap();
        path
    }

    /// Copies `tests/fixtures/{from}` to `name` in the temporary folder and returns its path.
    pub fn copy(&self, from: &str, name: &str) -> PathBuf {
        let path = self.path(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::copy(fixture(from), &path).unwrap();
        path
    }

    /// The names in the temporary folder, sorted: to prove what a command did or did not
    /// write (no temporary file left behind, no store created).
    pub fn files(&self) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(self.root())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    /// The progress file, opened (and created if need be) as recall opens it.
    pub fn store(&self) -> Store {
        Store::open(&self.data()).unwrap()
    }

    /// `recall` with this environment and no arguments yet: the data folder, the clock,
    /// `TZ=UTC`, `NO_COLOR=1` and `TERM=xterm` (what a pseudo-terminal advertises; a pipe is
    /// never coloured whatever `TERM` says). For a child that is spawned by hand: several at
    /// once, under a shell, on a [`Terminal`].
    pub fn command(&self) -> Command {
        let mut cmd = Command::new(BIN);
        cmd.current_dir(&self.cwd)
            .env("RECALL_DATA_DIR", self.data())
            .env("RECALL_NOW", &self.now)
            .env("TZ", "UTC")
            .env("NO_COLOR", "1")
            .env("TERM", "xterm");
        cmd
    }

    /// [`Env::command`] with `assert_cmd`'s assertions, for commands run in a pipe.
    pub fn recall(&self) -> assert_cmd::Command {
        assert_cmd::Command::from_std(self.command())
    }

    /// `recall ARGS` on a pseudo-terminal of the default size.
    pub fn terminal<S: AsRef<OsStr>>(&self, args: impl IntoIterator<Item = S>) -> Terminal {
        let mut cmd = self.command();
        cmd.args(args);
        Terminal::spawn(cmd)
    }
}

/// `cmd` run by `sh` after `setup` (a shell command such as `ulimit -f 2`): the shell `exec`s
/// the program, so its exit status and signals are the program's own. The working folder and
/// the environment (variables set and removed) are `cmd`'s.
pub fn after_shell(setup: &str, cmd: &Command) -> Command {
    let mut sh = Command::new("sh");
    sh.arg("-c")
        .arg(format!(r#"{setup} && exec "$0" "$@""#))
        .arg(cmd.get_program())
        .args(cmd.get_args());
    if let Some(dir) = cmd.get_current_dir() {
        sh.current_dir(dir);
    }
    for (key, value) in cmd.get_envs() {
        match value {
            Some(value) => sh.env(key, value),
            None => sh.env_remove(key),
        };
    }
    sh
}

/// Lets the program switch the terminal to raw mode (or read the previous key) before the
/// next keys arrive, as a learner's pause would.
pub fn settle() {
    std::thread::sleep(Duration::from_millis(150));
}

/// The binary on a pseudo-terminal, as a learner runs it: the keys it is sent, the text it
/// shows, its exit status.
///
/// rexpect reads the terminal byte by byte and hands each byte back as a `char` (Latin-1);
/// the program writes UTF-8. The needles given here are spelt the same way before matching,
/// and the text handed back is decoded, so tests read and write plain UTF-8.
pub struct Terminal {
    session: PtySession,
}

impl Terminal {
    /// Starts `cmd` on a pseudo-terminal of the default size.
    pub fn spawn(cmd: Command) -> Terminal {
        let session = rexpect::session::spawn_command(cmd, Some(TIMEOUT_MS)).unwrap();
        Terminal { session }
    }

    /// Starts `cmd` on a pseudo-terminal `cols` wide and `rows` high.
    pub fn spawn_sized(cmd: Command, cols: u16, rows: u16) -> Terminal {
        Terminal::spawn(after_shell(&format!("stty cols {cols} rows {rows}"), &cmd))
    }

    /// Waits for `text` and returns what came before it.
    pub fn expect(&mut self, text: &str) -> String {
        let before = self
            .session
            .exp_string(&latin1(text))
            .unwrap_or_else(|e| panic!("waiting for {text:?}: {e}"));
        utf8(&before)
    }

    /// Waits for the option `text` of the menu on screen and returns its number key.
    pub fn option_number(&mut self, text: &str) -> u32 {
        let (_, matched) = self.session.exp_regex(&format!(r"(\d)\) {}", latin1(text))).unwrap();
        matched[..1].parse().unwrap()
    }

    /// Types `keys` at once.
    pub fn send(&mut self, keys: &str) {
        self.session.send(keys).unwrap();
        self.session.flush().unwrap();
    }

    /// Types `keys` after a [`settle`].
    pub fn press(&mut self, keys: &str) {
        settle();
        self.send(keys);
    }

    /// Presses Ctrl and `c`.
    pub fn control(&mut self, c: char) {
        self.session.send_control(c).unwrap();
    }

    /// Waits for the program to end and returns everything it wrote since the last match.
    pub fn eof(&mut self) -> String {
        utf8(&self.session.exp_eof().unwrap())
    }

    /// The program's exit code; it must have exited (not been killed by a signal).
    pub fn exit_code(&self) -> i32 {
        match self.session.process().wait().unwrap() {
            rexpect::process::WaitStatus::Exited(_, code) => code,
            other => panic!("{other:?}"),
        }
    }

    /// `kill -9`: the program dies at once, as in a crash or a power cut.
    pub fn kill(&mut self) {
        self.session.process_mut().kill(rexpect::process::Signal::SIGKILL).unwrap();
    }
}

/// `text` spelt as rexpect reads it: one `char` per UTF-8 byte.
fn latin1(text: &str) -> String {
    text.bytes().map(char::from).collect()
}

/// The inverse of [`latin1`].
fn utf8(read: &str) -> String {
    let bytes: Vec<u8> = read.chars().map(|c| c as u32 as u8).collect();
    String::from_utf8_lossy(&bytes).into_owned()
}
