//! Reading the files a learner hands to recall, within limits.
//!
//! An import reads a file someone else made: an export, a download, or by mistake a device
//! (`/dev/zero`), a named pipe that nobody writes to, or a 4 GiB zip bomb. Each of those once
//! made recall allocate gigabytes, grow without end or wait forever. So every file an import
//! reads is opened here: only a regular file is read (a pipe, a device, a folder or a socket is
//! refused before a byte is read, and is opened without blocking, so a pipe swapped in at the
//! last moment cannot hang the open), and never more than its kind's limit, checked on the
//! file's size first and then again while reading (a file may grow). Decompression is held to
//! a limit the same way, with [`Capped`] on the decompressed stream.
//!
//! The limits, in MiB (2^20 bytes), as the README states them: a deck file 16 MiB
//! ([`crate::deck::MAX_FILE_BYTES`]), a CSV/TSV import 16 MiB ([`CSV_IMPORT`]: it cannot make a
//! bigger deck), a review log 256 MiB ([`REVIEW_LOG`], some eight million reviews), an Anki
//! collection 1,024 MiB once unpacked ([`ANKI_COLLECTION`]; the package itself is not read
//! whole, only its collection).

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

/// One mebibyte: every size recall states is in MiB.
pub const MIB: u64 = 1024 * 1024;

/// How much of one kind of file recall reads, and what the file is called in messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limit {
    pub bytes: u64,
    /// What is limited, for messages: "a CSV or TSV import".
    pub what: &'static str,
}

/// A CSV, TSV or Anki plain-text export (`recall import`).
pub const CSV_IMPORT: Limit = Limit { bytes: 16 * MIB, what: "a CSV or TSV import" };

/// A review log (`recall import-history`, `recall evaluate --log`).
pub const REVIEW_LOG: Limit = Limit { bytes: 256 * MIB, what: "a review log" };

/// The collection inside an Anki package, once unpacked.
pub const ANKI_COLLECTION: Limit =
    Limit { bytes: 1024 * MIB, what: "an Anki collection (unpacked)" };

/// A deck file ([`crate::deck::MAX_FILE_BYTES`] is this limit).
pub const DECK: Limit = Limit { bytes: 16 * MIB, what: "a deck file" };

/// Why a file was not read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("{} is {kind}, not a regular file; recall reads only regular files", path.display())]
    NotAFile { path: PathBuf, kind: &'static str },
    #[error("{} is {}: larger than the {} MiB limit for {}", path.display(), size_text(*.size), .limit.bytes / MIB, .limit.what)]
    TooLarge { path: PathBuf, size: Option<u64>, limit: Limit },
    #[error("cannot read {}: {source}", path.display())]
    Io { path: PathBuf, source: std::io::Error },
}

fn size_text(size: Option<u64>) -> String {
    match size {
        Some(size) => format!("{} MiB", mib(size)),
        None => "still growing".to_owned(),
    }
}

/// `bytes` in MiB with one decimal, rounded up so that a file just over a limit never reads
/// as the limit itself ("16.0 MiB: larger than the 16 MiB limit").
pub fn mib(bytes: u64) -> String {
    let tenths = (u128::from(bytes) * 10).div_ceil(u128::from(MIB));
    format!("{}.{}", tenths / 10, tenths % 10)
}

/// What a file that is not a regular file is, for the message.
fn kind_of(meta: &std::fs::Metadata) -> &'static str {
    let ft = meta.file_type();
    if ft.is_dir() {
        return "a folder";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if ft.is_char_device() || ft.is_block_device() {
            return "a device";
        }
        if ft.is_socket() {
            return "a socket";
        }
    }
    "not a file"
}

/// Opens `path` for reading if it is a regular file of at most `limit` bytes, and returns it
/// with its size. On Unix the file is opened without blocking (`O_NONBLOCK`, which changes
/// nothing for a regular file) and checked after opening, so a pipe cannot make this wait.
pub fn open(path: &Path, limit: Limit) -> Result<(File, u64), ReadError> {
    let io = |source| ReadError::Io { path: path.to_path_buf(), source };
    // Refused before opening when it can be told: opening a device can have effects.
    if let Ok(meta) = std::fs::metadata(path)
        && !meta.is_file()
    {
        return Err(ReadError::NotAFile { path: path.to_path_buf(), kind: kind_of(&meta) });
    }
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(io)?;
    let meta = file.metadata().map_err(io)?;
    if !meta.is_file() {
        return Err(ReadError::NotAFile { path: path.to_path_buf(), kind: kind_of(&meta) });
    }
    if meta.len() > limit.bytes {
        return Err(ReadError::TooLarge {
            path: path.to_path_buf(),
            size: Some(meta.len()),
            limit,
        });
    }
    Ok((file, meta.len()))
}

/// Reads the whole regular file at `path`, refusing it above `limit` (see [`open`]).
pub fn read(path: &Path, limit: Limit) -> Result<Vec<u8>, ReadError> {
    let (file, size) = open(path, limit)?;
    // One byte more than the size, so reading to the end needs no second buffer.
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0).saturating_add(1));
    // `take` guards against a file that grows while it is read.
    file.take(limit.bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(|source| ReadError::Io { path: path.to_path_buf(), source })?;
    if bytes.len() as u64 > limit.bytes {
        return Err(ReadError::TooLarge { path: path.to_path_buf(), size: None, limit });
    }
    Ok(bytes)
}

/// A reader that fails, with [`std::io::ErrorKind::FileTooLarge`], as soon as more than its
/// limit would be read: for streams read piece by piece (a CSV log, a decompressor), where the
/// reading code would otherwise take a cut-off stream for a whole one.
pub struct Capped<R> {
    inner: R,
    left: u64,
}

impl<R: Read> Capped<R> {
    pub fn new(inner: R, limit: Limit) -> Capped<R> {
        Capped { inner, left: limit.bytes }
    }
}

impl<R: Read> Read for Capped<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        if self.left == 0 {
            // At the limit: anything more is too much, the end of the stream is fine.
            let mut probe = [0u8; 1];
            return match self.inner.read(&mut probe)? {
                0 => Ok(0),
                _ => Err(too_large()),
            };
        }
        let want = buf.len().min(usize::try_from(self.left).unwrap_or(usize::MAX));
        let n = self.inner.read(&mut buf[..want])?;
        self.left -= n as u64;
        Ok(n)
    }
}

/// The error [`Capped`] fails with.
pub fn too_large() -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::FileTooLarge, "larger than its limit")
}

/// Whether `e` (or the I/O error inside it) is [`Capped`]'s.
pub fn is_too_large(e: &std::io::Error) -> bool {
    e.kind() == std::io::ErrorKind::FileTooLarge
}

#[cfg(test)]
mod tests {
    use super::*;

    const SMALL: Limit = Limit { bytes: 10, what: "a test file" };

    #[test]
    fn reads_a_file_within_its_limit_and_refuses_a_larger_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.csv");
        std::fs::write(&path, b"0123456789").unwrap();
        assert_eq!(read(&path, SMALL).unwrap(), b"0123456789");
        std::fs::write(&path, b"0123456789A").unwrap();
        let err = read(&path, SMALL).unwrap_err();
        assert!(matches!(err, ReadError::TooLarge { size: Some(11), .. }), "{err}");
    }

    #[test]
    fn sizes_are_said_in_mib_rounded_up() {
        assert_eq!(mib(16 * MIB), "16.0");
        assert_eq!(mib(16 * MIB + 1), "16.1");
        assert_eq!(mib(0), "0.0");
        let err = ReadError::TooLarge {
            path: "big.tsv".into(),
            size: Some(20 * MIB + MIB / 2),
            limit: CSV_IMPORT,
        };
        assert_eq!(
            err.to_string(),
            "big.tsv is 20.5 MiB: larger than the 16 MiB limit for a CSV or TSV import"
        );
    }

    #[test]
    fn a_folder_is_not_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let err = read(dir.path(), SMALL).unwrap_err();
        assert!(matches!(err, ReadError::NotAFile { kind: "a folder", .. }), "{err}");
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn devices_are_refused_before_reading() {
        let err = read(Path::new("/dev/zero"), SMALL).unwrap_err();
        assert_eq!(
            err.to_string(),
            "/dev/zero is a device, not a regular file; recall reads only regular files"
        );
    }

    #[test]
    fn capped_fails_past_its_limit_and_not_at_it() {
        let mut out = Vec::new();
        Capped::new(&b"0123456789"[..], SMALL).read_to_end(&mut out).unwrap();
        assert_eq!(out.len(), 10);
        let err = Capped::new(&b"0123456789A"[..], SMALL).read_to_end(&mut out).unwrap_err();
        assert!(is_too_large(&err));
        // An endless stream stops at the limit.
        let err = Capped::new(std::io::repeat(0), SMALL).read_to_end(&mut out).unwrap_err();
        assert!(is_too_large(&err));
    }
}
