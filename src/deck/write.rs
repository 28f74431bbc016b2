//! Writing deck files safely: check first, then replace atomically.
//!
//! A learner's deck is the one thing recall must never lose. So every write goes to a temporary
//! file in the deck's own folder, is flushed to disk (`fsync`), and only then renamed over the
//! original: a crash or a full disk leaves either the old file or the new one, never half of
//! one. Every write goes through one gate, [`check`]: the new text is loaded with the same
//! loader `recall check` uses (the size limit of a deck file, UTF-8, syntax, schema, lints,
//! fact ids unique) and refused if it has errors, and [`create`] and [`replace`] take only the
//! [`Checked`] text it hands back. So no command (`add`, `new`, `import`, the bundled decks)
//! can write a deck that `recall check` would refuse. This is the only I/O in the deck layer
//! besides loading.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::diag::Diagnostic;
use super::edit::{self, EditError};
use super::{Deck, Fact, Loaded, load_source};

/// Why a deck file was not written. In every case the file on disk is as it was.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("cannot read {}: {source}", path.display())]
    Read { path: PathBuf, source: std::io::Error },
    #[error(transparent)]
    Refused(crate::limited::ReadError),
    #[error("{} is not valid UTF-8", path.display())]
    NotUtf8 { path: PathBuf },
    #[error("cannot edit {}: {source}", path.display())]
    Edit { path: PathBuf, source: EditError },
    #[error("{} would not load as it would be written ({}); nothing was written", path.display(), summary(.diagnostics))]
    Invalid { path: PathBuf, diagnostics: Vec<Diagnostic> },
    #[error("{} does not load ({}); fix it first (`recall check {}` shows where)", path.display(), summary(.diagnostics), path.display())]
    Broken { path: PathBuf, diagnostics: Vec<Diagnostic> },
    #[error("{} already exists (use --force to replace it)", path.display())]
    Exists { path: PathBuf },
    #[error("{} changed on disk while recall was editing it; nothing was written, try again", path.display())]
    Changed { path: PathBuf },
    #[error("cannot write {}: {source}", path.display())]
    Write { path: PathBuf, source: std::io::Error },
}

fn summary(diags: &[Diagnostic]) -> String {
    diags
        .iter()
        .filter(|d| d.is_error())
        .map(|d| {
            if d.line > 0 {
                format!("line {}:{}: {}", d.line, d.column, d.message)
            } else {
                d.message.clone()
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// A deck text that passed [`check`] for the file at its path: the only thing [`create`] and
/// [`replace`] write.
#[derive(Debug)]
pub struct Checked {
    path: PathBuf,
    text: String,
    loaded: Loaded,
}

impl Checked {
    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// Everything the check's load found: the deck and its warnings.
    pub fn into_loaded(self) -> Loaded {
        self.loaded
    }

    /// The deck the text holds.
    pub fn into_deck(self) -> Result<Deck, WriteError> {
        let path = self.path;
        match self.loaded.library.decks.into_iter().next() {
            Some(file) => Ok(file.deck),
            // `check` refuses a text without a deck; kept as an error, not a panic.
            None => Err(WriteError::Invalid { path, diagnostics: Vec::new() }),
        }
    }
}

/// The gate every deck write passes: loads `text` as the deck at `path` with the loader
/// `recall check` uses and hands it back as [`Checked`] if it has no errors (the loader reports
/// a fact id used twice, and a text over the deck file size limit, as errors).
pub fn check(path: &Path, text: String) -> Result<Checked, WriteError> {
    let mut loaded = Loaded::default();
    load_source(path, &text, &mut loaded);
    if loaded.error_count() > 0 || loaded.library.decks.is_empty() {
        return Err(WriteError::Invalid {
            path: path.to_path_buf(),
            diagnostics: loaded.diagnostics,
        });
    }
    Ok(Checked { path: path.to_path_buf(), text, loaded })
}

/// Loads `text` as the deck at `path` and returns it if it has no errors and no fact id twice.
pub fn check_text(path: &Path, text: &str) -> Result<Deck, WriteError> {
    check(path, text.to_owned())?.into_deck()
}

/// The file of a deck with id `id` among the `*.ron` files directly in `folder`, if any: deck
/// ids must be unique across a library, so a new deck must not reuse its neighbours' ids. Not
/// recursive, so `recall new x.ron` in a large folder stays instant.
pub fn deck_id_in_folder(folder: &Path, id: &crate::ids::DeckId) -> Option<PathBuf> {
    let files: Vec<PathBuf> = std::fs::read_dir(folder)
        .ok()?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "ron"))
        .collect();
    let loaded = super::load_paths(&files);
    loaded.library.decks.into_iter().find(|d| &d.deck.id == id).map(|d| d.path)
}

/// Why an import cannot write a new deck where it was asked to. `add` says what `--into`
/// would do instead ("add to it", "update it").
#[derive(Debug, thiserror::Error)]
pub enum NewDeckError {
    #[error("{} already exists (use --into {} to {add}, or --force to replace it)", path.display(), path.display())]
    Exists { path: PathBuf, add: &'static str },
    #[error("deck id `{id}` is already used by {}; pick another --deck, or {add} with --into {}", other.display(), other.display())]
    IdTaken { id: crate::ids::DeckId, other: PathBuf, add: &'static str },
}

/// Where an import writes a new deck (`--output`, or `ID.ron` in `folder`, the learner's decks
/// folder), after refusing to replace a file without `--force` and to give the deck the id of
/// another deck in that folder.
pub fn new_deck_path(
    output: Option<&Path>,
    folder: &Path,
    force: bool,
    id: &crate::ids::DeckId,
    add: &'static str,
) -> Result<PathBuf, NewDeckError> {
    let out = output.map_or_else(|| folder.join(format!("{id}.ron")), Path::to_path_buf);
    if !force && std::fs::symlink_metadata(&out).is_ok() {
        return Err(NewDeckError::Exists { path: out, add });
    }
    let folder = out.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    if let Some(other) = deck_id_in_folder(folder, id)
        && !(force && same_file(&other, &out))
    {
        return Err(NewDeckError::IdTaken { id: id.clone(), other, add });
    }
    Ok(out)
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// Reads and loads a deck that is about to be edited; a deck that does not load cleanly (or
/// holds a fact id twice) is refused, so that an edit never builds on a broken file.
pub fn load_for_edit(path: &Path) -> Result<(String, Deck), WriteError> {
    let text = read_text(path)?;
    match check(path, text).and_then(|c| Ok((c.text.clone(), c.into_deck()?))) {
        Ok(found) => Ok(found),
        Err(WriteError::Invalid { path, diagnostics }) => {
            Err(WriteError::Broken { path, diagnostics })
        }
        Err(e) => Err(e),
    }
}

/// Reads a deck file's text: a regular file within the size limit of a deck file (a pipe or
/// a device named as a deck is refused, not read).
pub fn read_text(path: &Path) -> Result<String, WriteError> {
    let bytes = crate::limited::read(path, crate::limited::DECK).map_err(|e| match e {
        crate::limited::ReadError::Io { path, source } => WriteError::Read { path, source },
        other => WriteError::Refused(other),
    })?;
    String::from_utf8(bytes).map_err(|_| WriteError::NotUtf8 { path: path.to_path_buf() })
}

/// Appends `facts` to the deck file at `path`, keeping every other byte, after checking the
/// result. Returns the deck as it now is.
pub fn append_to_file(path: &Path, facts: &[Fact]) -> Result<Deck, WriteError> {
    let original = read_text(path)?;
    let new = edit::append_facts(&original, facts)
        .map_err(|source| WriteError::Edit { path: path.to_path_buf(), source })?;
    let checked = check(path, new)?;
    replace(&checked, &original)?;
    checked.into_deck()
}

/// Rewrites the facts of `replaced` in place (matched by id, see [`edit::replace_facts`]) and
/// appends `appended`, keeping every other byte, after checking the result: one atomic write.
pub fn update_file(path: &Path, replaced: &[Fact], appended: &[Fact]) -> Result<Deck, WriteError> {
    let original = read_text(path)?;
    let edit_err = |source| WriteError::Edit { path: path.to_path_buf(), source };
    let new = edit::replace_facts(&original, replaced).map_err(edit_err)?;
    let new = edit::append_facts(&new, appended).map_err(edit_err)?;
    let checked = check(path, new)?;
    if checked.text != original {
        replace(&checked, &original)?;
    }
    checked.into_deck()
}

/// Atomically replaces the file at the checked text's path, which held `original`, with the
/// checked text. Refuses if the file no longer holds `original` (someone edited it meanwhile).
/// Keeps the file's permissions and writes through a symbolic link to its target.
pub fn replace(checked: &Checked, original: &str) -> Result<(), WriteError> {
    let (path, new) = (checked.path.as_path(), checked.text.as_str());
    let target = std::fs::canonicalize(path)
        .map_err(|source| WriteError::Read { path: path.to_path_buf(), source })?;
    let meta = std::fs::metadata(&target)
        .map_err(|source| WriteError::Read { path: path.to_path_buf(), source })?;
    let tmp = write_temp(path, &target, new, Some(meta.permissions()))?;
    if read_text(&target)? != original {
        return Err(WriteError::Changed { path: path.to_path_buf() });
    }
    tmp.persist(&target)
        .map_err(|e| WriteError::Write { path: path.to_path_buf(), source: e.error })?;
    sync_dir(&target);
    Ok(())
}

/// Atomically writes a new file at the checked text's path holding it. Without `overwrite`,
/// an existing file is never replaced, even one created while we were writing.
pub fn create(checked: &Checked, overwrite: bool) -> Result<(), WriteError> {
    let (path, text) = (checked.path.as_path(), checked.text.as_str());
    if !overwrite && std::fs::symlink_metadata(path).is_ok() {
        return Err(WriteError::Exists { path: path.to_path_buf() });
    }
    let target = match std::fs::canonicalize(path) {
        Ok(t) => t,
        Err(_) => path.to_path_buf(),
    };
    let tmp = write_temp(path, &target, text, None)?;
    let result = if overwrite {
        tmp.persist(&target).map(drop).map_err(|e| e.error)
    } else {
        tmp.persist_noclobber(&target).map(drop).map_err(|e| e.error)
    };
    match result {
        Ok(()) => {
            sync_dir(&target);
            Ok(())
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            Err(WriteError::Exists { path: path.to_path_buf() })
        }
        Err(source) => Err(WriteError::Write { path: path.to_path_buf(), source }),
    }
}

/// Writes `text` to a new temporary file next to `target` and flushes it to disk.
fn write_temp(
    path: &Path,
    target: &Path,
    text: &str,
    permissions: Option<std::fs::Permissions>,
) -> Result<tempfile::NamedTempFile, WriteError> {
    let werr = |source| WriteError::Write { path: path.to_path_buf(), source };
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    sweep(&dir, STALE);
    let mut builder = tempfile::Builder::new();
    builder.prefix(TEMP_PREFIX).suffix(TEMP_SUFFIX).rand_bytes(TEMP_RANDOM);
    #[cfg(unix)]
    if permissions.is_none() {
        // A new deck gets the usual 0666 minus the umask, not the temp file's private 0600.
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder.tempfile_in(&dir).map_err(werr)?;
    // Held until the file is renamed or deleted: tells a sweeping run the file is in use.
    let _ = tmp.as_file().lock();
    if let Some(perms) = permissions {
        tmp.as_file().set_permissions(perms).map_err(werr)?;
    }
    tmp.write_all(text.as_bytes()).map_err(werr)?;
    tmp.as_file().sync_all().map_err(werr)?;
    Ok(tmp)
}

/// The temporary file a deck is written to before it is renamed over the deck: hidden, beside
/// it, `.recall-` + six random letters or digits + `.tmp`. Nothing else recall writes has that
/// shape (the progress file's backups are `.recall-*.sqlite3.tmp` in the data folder).
const TEMP_PREFIX: &str = ".recall-";
const TEMP_SUFFIX: &str = ".tmp";
const TEMP_RANDOM: usize = 6;

/// How old a temporary deck file must be before another run deletes it, if no run holds its
/// lock: far longer than any write takes, so that none is ever deleted under a living writer.
const STALE: std::time::Duration = std::time::Duration::from_secs(5 * 60);

/// Deletes the temporary deck files that runs killed while writing (a crash, a kill, a full
/// disk's signal) left in `dir`: of our shape, older than `stale`, and not locked by a living
/// run. Best effort, as every write of a deck to that folder starts with it.
fn sweep(dir: &Path, stale: std::time::Duration) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name();
        let Some(random) = name
            .to_str()
            .and_then(|n| n.strip_prefix(TEMP_PREFIX))
            .and_then(|n| n.strip_suffix(TEMP_SUFFIX))
        else {
            continue;
        };
        let ours = random.len() == TEMP_RANDOM && random.chars().all(|c| c.is_ascii_alphanumeric());
        let old = entry
            .metadata()
            .ok()
            .filter(std::fs::Metadata::is_file)
            .and_then(|m| m.modified().ok())
            .is_some_and(|t| t.elapsed().is_ok_and(|age| age > stale));
        // A lock we can take is one no living run holds.
        if ours && old && std::fs::File::open(entry.path()).is_ok_and(|f| f.try_lock().is_ok()) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Flushes the folder entry of a renamed file, so the rename itself survives a power cut.
/// Best effort: not every platform can open a folder for syncing.
fn sync_dir(target: &Path) {
    if let Some(dir) = target.parent()
        && let Ok(d) =
            std::fs::File::open(if dir.as_os_str().is_empty() { Path::new(".") } else { dir })
    {
        let _ = d.sync_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DECK: &str = "#![enable(implicit_some)]\n// keep me\nDeck(\n    id: \"d\",\n    title: \"t\",\n    facts: [\n        Fact(id: \"a\", kind: Term, cue: \"c\", answer: \"x\"),\n    ],\n)\n";

    fn fact(id: &str) -> Fact {
        let mut f = check_text(Path::new("x.ron"), DECK).unwrap().facts.remove(0);
        f.id = crate::ids::FactId::new(id).unwrap();
        f
    }

    #[test]
    fn appends_and_keeps_permissions() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d.ron");
        std::fs::write(&path, DECK).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        }
        let deck = append_to_file(&path, &[fact("b")]).unwrap();
        assert_eq!(deck.facts.len(), 2);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.starts_with(&DECK[..DECK.len() - 8]));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o640);
        }
        // No temporary files are left behind.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn refuses_duplicates_and_leaves_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d.ron");
        std::fs::write(&path, DECK).unwrap();
        let err = append_to_file(&path, &[fact("a")]).unwrap_err();
        let WriteError::Invalid { diagnostics, .. } = &err else { panic!("{err}") };
        assert!(diagnostics.iter().any(|d| d.code == "duplicate-id"), "{diagnostics:?}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), DECK);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn refuses_a_deck_over_the_size_limit_and_leaves_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d.ron");
        std::fs::write(&path, DECK).unwrap();
        // Every backslash is written as two: a 9 MiB answer makes an 18 MiB deck.
        let mut big = fact("b");
        big.answer = "\\".repeat(9 * 1024 * 1024);
        let err = append_to_file(&path, &[big]).unwrap_err();
        let WriteError::Invalid { diagnostics, .. } = &err else { panic!("{err}") };
        assert_eq!(diagnostics[0].code, "too-large", "{diagnostics:?}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), DECK);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        let over = format!("{DECK}//{}", " ".repeat(crate::deck::MAX_FILE_BYTES as usize));
        assert!(check(&dir.path().join("n.ron"), over).is_err());
    }

    #[test]
    fn stale_temporary_files_of_killed_runs_are_swept() {
        let dir = tempfile::tempdir().unwrap();
        let file = |name: &str| {
            let path = dir.path().join(name);
            std::fs::write(&path, "half a deck").unwrap();
            path
        };
        let gone = file(".recall-Ab12cd.tmp");
        let held = file(".recall-Zz99yy.tmp");
        let others = [".recall-notes.tmp", ".recall-x.sqlite3.tmp", "recall-Ab12cd.tmp"].map(file);
        let lock = std::fs::File::open(&held).unwrap();
        lock.lock().unwrap();
        sweep(dir.path(), STALE);
        assert!(gone.exists(), "a young file may be a write in progress");
        sweep(dir.path(), std::time::Duration::ZERO);
        assert!(!gone.exists());
        assert!(held.exists() && others.iter().all(|p| p.exists()));
        drop(lock);
        sweep(dir.path(), std::time::Duration::ZERO);
        assert!(!held.exists() && others.iter().all(|p| p.exists()));
    }

    #[test]
    fn refuses_when_the_file_changed_meanwhile() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d.ron");
        std::fs::write(&path, "changed").unwrap();
        let err = replace(&check(&path, DECK.to_owned()).unwrap(), "other").unwrap_err();
        assert!(matches!(err, WriteError::Changed { .. }), "{err}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "changed");
    }

    #[test]
    fn create_never_clobbers_without_overwrite() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("n.ron");
        let one = check(&path, DECK.to_owned()).unwrap();
        let two = check(&path, DECK.replace("keep me", "two")).unwrap();
        create(&one, false).unwrap();
        assert!(matches!(create(&two, false), Err(WriteError::Exists { .. })));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), DECK);
        create(&two, true).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), two.text());
    }

    #[cfg(unix)]
    #[test]
    fn writes_through_symlinks() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.ron");
        let link = dir.path().join("link.ron");
        std::fs::write(&real, DECK).unwrap();
        std::os::unix::fs::symlink(&real, &link).unwrap();
        append_to_file(&link, &[fact("b")]).unwrap();
        assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
        assert_eq!(
            check_text(&real, &std::fs::read_to_string(&real).unwrap()).unwrap().facts.len(),
            2
        );
    }
}
