//! The process's standard output and error, which a closed pipe silences instead of failing.
//!
//! `recall history | head -3` closes the pipe after three lines. Rust ignores SIGPIPE, so the
//! next write fails with `BrokenPipe`, and `println!` turns that into a panic (exit 101, and a
//! `recall add … | true` that panics after its write has said nothing of it). Every byte recall
//! prints goes through this module instead: [`stdout`] and [`stderr`] give a [`Quiet`] writer,
//! and the macros [`outln!`](crate::outln!), [`err!`](crate::err!) and
//! [`errln!`](crate::errln!) print through them. A closed pipe only stops the printing: the
//! command carries on, so the fact it was adding is added, the import is written, and it exits
//! as it would have (0 when all went well), with nothing on stderr. Other write errors
//! (`recall preview > /dev/full`) are still errors.
//!
//! The crate holds to it by lints, not by review: `lib.rs` denies `print!`, `println!`,
//! `eprint!` and `eprintln!`, and `clippy.toml` disallows `std::io::stdout`, `std::io::stderr`
//! and `console::Term::stdout`, with this module the one place allowed to call them.
//!
//! Imports nothing of the crate; every layer that prints may import it (`lib.rs` declares it
//! first, so its macros are in scope everywhere).

use std::fmt;
use std::io::{self, IsTerminal, Write};
use std::sync::atomic::{AtomicBool, Ordering};

/// Set once a write to stdout found the pipe closed: later writers print nothing either.
static STDOUT_CLOSED: AtomicBool = AtomicBool::new(false);
/// The same for stderr (`recall … 2>&1 | head`).
static STDERR_CLOSED: AtomicBool = AtomicBool::new(false);

/// A writer for which a closed pipe is the reader's choice, not an error: the first
/// `BrokenPipe` marks the stream closed, and that write and every later one (through any
/// `Quiet` of the same stream) succeed without printing.
#[derive(Debug)]
pub struct Quiet<W> {
    inner: W,
    closed: &'static AtomicBool,
}

impl<W: Write> Quiet<W> {
    /// `inner`, quiet once `closed` is set (and setting it when `inner` finds its pipe closed).
    pub fn new(inner: W, closed: &'static AtomicBool) -> Quiet<W> {
        Quiet { inner, closed }
    }

    fn is_closed(&self) -> bool {
        self.closed.load(Ordering::Relaxed)
    }

    /// `result` unless it is a closed pipe, which marks the stream closed and becomes `ok`.
    fn quiet<T>(&self, result: io::Result<T>, ok: T) -> io::Result<T> {
        match result {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                self.closed.store(true, Ordering::Relaxed);
                Ok(ok)
            }
            other => other,
        }
    }
}

impl<W: Write> Write for Quiet<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.is_closed() {
            return Ok(buf.len());
        }
        let result = self.inner.write(buf);
        self.quiet(result, buf.len())
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        if self.is_closed() {
            return Ok(());
        }
        let result = self.inner.write_all(buf);
        self.quiet(result, ())
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.is_closed() {
            return Ok(());
        }
        let result = self.inner.flush();
        self.quiet(result, ())
    }
}

/// Standard output, quiet on a closed pipe. Unlocked (each write takes the lock), so holding
/// one across a progress bar's or a prompt's drawing cannot block them; wrap it in a
/// `BufWriter` for long output.
#[allow(clippy::disallowed_methods)] // the one place that opens stdout (module doc)
pub fn stdout() -> Quiet<io::Stdout> {
    Quiet::new(io::stdout(), &STDOUT_CLOSED)
}

/// Standard error, quiet on a closed pipe.
#[allow(clippy::disallowed_methods)] // the one place that opens stderr (module doc)
pub fn stderr() -> Quiet<io::Stderr> {
    Quiet::new(io::stderr(), &STDERR_CLOSED)
}

/// Whether stdout is a terminal.
#[allow(clippy::disallowed_methods)] // only asks, prints nothing
pub fn stdout_is_terminal() -> bool {
    io::stdout().is_terminal()
}

/// Whether stderr is a terminal.
#[allow(clippy::disallowed_methods)] // only asks, prints nothing
pub fn stderr_is_terminal() -> bool {
    io::stderr().is_terminal()
}

/// Stdout as `console` sees it, for its size (and the cursor, on a terminal); print through
/// [`stdout`].
#[allow(clippy::disallowed_methods)] // the size and the cursor; no text is written through it
pub fn stdout_term() -> console::Term {
    console::Term::stdout()
}

/// What [`outln!`](crate::outln!) calls: `args` on stdout, then `end`.
pub fn write_out(args: fmt::Arguments<'_>, end: &str) -> io::Result<()> {
    let mut out = stdout();
    out.write_fmt(args)?;
    out.write_all(end.as_bytes())
}

/// What [`err!`](crate::err!) and [`errln!`](crate::errln!) call: `args` on stderr, then
/// `end`. An error is dropped: stderr is where recall says what went wrong, so a failure to
/// write there has nowhere to be said, and it must not stop the command (a warning must not
/// abort an import).
pub fn write_err(args: fmt::Arguments<'_>, end: &str) {
    let mut err = stderr();
    let _ = err.write_fmt(args).and_then(|()| err.write_all(end.as_bytes()));
}

/// `println!` on [`stdout`]: returns the write's `io::Result` (a closed pipe is `Ok`), to be
/// passed on with `?`.
#[macro_export]
macro_rules! outln {
    () => {
        $crate::out::write_out(::std::format_args!(""), "\n")
    };
    ($($arg:tt)*) => {
        $crate::out::write_out(::std::format_args!($($arg)*), "\n")
    };
}

/// `eprint!` on [`stderr`]; never fails ([`write_err`]).
#[macro_export]
macro_rules! err {
    ($($arg:tt)*) => {
        $crate::out::write_err(::std::format_args!($($arg)*), "")
    };
}

/// `eprintln!` on [`stderr`]; never fails ([`write_err`]).
#[macro_export]
macro_rules! errln {
    () => {
        $crate::out::write_err(::std::format_args!(""), "\n")
    };
    ($($arg:tt)*) => {
        $crate::out::write_err(::std::format_args!($($arg)*), "\n")
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A pipe whose reader has gone after `room` bytes.
    struct Pipe {
        written: Vec<u8>,
        room: usize,
    }

    impl Write for Pipe {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            if self.written.len() >= self.room {
                return Err(io::Error::from(io::ErrorKind::BrokenPipe));
            }
            let n = buf.len().min(self.room - self.written.len());
            self.written.extend_from_slice(&buf[..n]);
            Ok(n)
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    /// A writer that fails as a full disk does.
    struct Full;

    impl Write for Full {
        fn write(&mut self, _: &[u8]) -> io::Result<usize> {
            Err(io::Error::from(io::ErrorKind::StorageFull))
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_closed_pipe_stops_the_printing_without_an_error() {
        static CLOSED: AtomicBool = AtomicBool::new(false);
        let mut out = Quiet::new(Pipe { written: Vec::new(), room: 6 }, &CLOSED);
        writeln!(out, "first line").unwrap();
        writeln!(out, "second line").unwrap();
        out.flush().unwrap();
        assert_eq!(out.inner.written, b"first ");
        assert!(CLOSED.load(Ordering::Relaxed));
        // Another writer of the same stream prints nothing either.
        let mut again = Quiet::new(Pipe { written: Vec::new(), room: 100 }, &CLOSED);
        writeln!(again, "third line").unwrap();
        assert!(again.inner.written.is_empty());
    }

    #[test]
    fn other_errors_are_still_errors() {
        static CLOSED: AtomicBool = AtomicBool::new(false);
        let mut out = Quiet::new(Full, &CLOSED);
        let e = writeln!(out, "line").unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::StorageFull);
        assert!(!CLOSED.load(Ordering::Relaxed));
    }
}
