//! Loading deck files and folders into a [`Library`].

use std::path::{Path, PathBuf};

use super::diag::{Diagnostic, Severity};
use super::{Deck, DeckFile, Library};

/// The outcome of loading: the sound decks and every problem found.
#[derive(Debug, Default)]
pub struct Loaded {
    pub library: Library,
    pub diagnostics: Vec<Diagnostic>,
    /// The number of deck files read (sound or not).
    pub files: usize,
}

impl Loaded {
    pub fn error_count(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    pub fn warning_count(&self) -> usize {
        self.diagnostics.len() - self.error_count()
    }
}

/// Loads every path: a `.ron` file, or a folder searched recursively for `*.ron`.
pub fn load_paths(paths: &[PathBuf]) -> Loaded {
    let mut loaded = Loaded::default();
    let mut files = Vec::new();
    for path in paths {
        collect(path, &mut files, &mut loaded.diagnostics);
    }
    files.sort();
    files.dedup();
    for path in files {
        loaded.files += 1;
        match std::fs::read(&path) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => load_source(&path, &text, &mut loaded),
                Err(_) => loaded.diagnostics.push(file_error(
                    &path,
                    "invalid-utf8",
                    "file is not valid UTF-8",
                )),
            },
            Err(e) => loaded.diagnostics.push(file_error(
                &path,
                "unreadable",
                &format!("cannot read file: {e}"),
            )),
        }
    }
    loaded
}

fn collect(path: &Path, files: &mut Vec<PathBuf>, diags: &mut Vec<Diagnostic>) {
    match std::fs::metadata(path) {
        Ok(meta) if meta.is_dir() => match std::fs::read_dir(path) {
            Ok(entries) => {
                for entry in entries.flatten() {
                    let p = entry.path();
                    if p.is_dir() || p.extension().is_some_and(|e| e == "ron") {
                        collect(&p, files, diags);
                    }
                }
            }
            Err(e) => {
                diags.push(file_error(path, "unreadable", &format!("cannot read folder: {e}")))
            }
        },
        Ok(_) => files.push(path.to_path_buf()),
        Err(e) => diags.push(file_error(path, "unreadable", &format!("cannot read: {e}"))),
    }
}

/// Parses one deck's text and adds it (or its problems) to `loaded`.
pub fn load_source(path: &Path, text: &str, loaded: &mut Loaded) {
    match ron::from_str::<Deck>(text) {
        Ok(deck) => loaded.library.decks.push(DeckFile { path: path.to_path_buf(), deck }),
        Err(e) => loaded.diagnostics.push(Diagnostic {
            severity: Severity::Error,
            code: "syntax",
            message: e.code.to_string(),
            path: path.to_path_buf(),
            span: None,
            line: e.span.start.line,
            column: e.span.start.col,
            hint: None,
            related: None,
        }),
    }
}

fn file_error(path: &Path, code: &'static str, message: &str) -> Diagnostic {
    Diagnostic {
        severity: Severity::Error,
        code,
        message: message.to_owned(),
        path: path.to_path_buf(),
        span: None,
        line: 0,
        column: 0,
        hint: None,
        related: None,
    }
}
