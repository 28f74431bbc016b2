//! Loading deck files and folders into a [`Library`], with every problem as a [`Diagnostic`].
//!
//! A file goes through four steps: bytes to text (size limit, BOM, UTF-8), text to a spanned
//! tree ([`super::syntax`], stops at the first syntax error), tree to a deck
//! ([`super::schema`], reports every problem), then the deck's lints ([`super::lint`]). After
//! all files, the library check: deck ids unique across files. Only decks without errors enter
//! the [`Library`]. Checks that need more than the deck layer (multiple-choice options, which
//! the quiz layer knows; orphaned history, which the store knows) run afterwards and place
//! their warnings with [`Loaded::fact_span`], [`Loaded::deck_span`] and [`Loaded::push_at`].

use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::diag::{self, Diagnostic, Related, Severity, Source, Sources};
use super::schema::{self, DeckSpans, Problem};
use super::{DeckFile, Library, lint, syntax};
use crate::ids::FactId;

/// The largest deck file read: 16 MiB. A hand-written deck is far smaller (a 1,000-fact deck
/// with explanations is about 0.5 MiB; the limit allows some 30,000 facts in one file), so a
/// bigger file is almost surely not a deck (a log, a dump) or a deck better split into a
/// folder. The limit bounds the memory and time one stray file can take: a 50 MiB file is
/// refused in microseconds instead of being parsed into a tree several times its size.
pub const MAX_FILE_BYTES: u64 = crate::limited::DECK.bytes;

/// How deep folders are searched; deeper trees are almost surely a symlink maze.
const MAX_FOLDER_DEPTH: usize = 32;

/// The outcome of loading: the sound decks and every problem found.
#[derive(Debug, Default)]
pub struct Loaded {
    /// The decks without errors, in path order.
    pub library: Library,
    /// Errors and warnings, by file and position.
    pub diagnostics: Vec<Diagnostic>,
    /// The number of deck files found (sound or not, readable or not).
    pub files: usize,
    /// The number of `Fact(…)` entries in all files read, sound or not.
    pub facts: usize,
    /// The text of every file that has a diagnostic, for drawing snippets.
    sources: Sources,
    /// Where each sound deck's id and its facts' ids are, by file, so checks that run after
    /// loading can place their warnings. Spans only: a file's text is read again when needed.
    places: HashMap<PathBuf, Places>,
    /// Per file, fact id to its index in `Places::facts`, built on the first lookup.
    fact_index: HashMap<PathBuf, HashMap<FactId, usize>>,
}

/// Where a sound deck's id and its facts' ids are in its file (16 bytes a fact).
#[derive(Debug)]
struct Places {
    deck: Range<usize>,
    /// The span of each fact's `id` value, in the order of `Deck::facts`.
    facts: Vec<Range<usize>>,
}

impl Places {
    fn new(spans: &DeckSpans) -> Places {
        Places { deck: spans.id.clone(), facts: spans.facts.iter().map(|f| f.id.clone()).collect() }
    }
}

impl Loaded {
    pub fn error_count(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    pub fn warning_count(&self) -> usize {
        self.diagnostics.len() - self.error_count()
    }

    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// Every diagnostic drawn rustc-style (`path:line:col`, the line, the span underlined, a
    /// `help:` line), separated by blank lines; ANSI colour if `color`. Empty if there are none.
    /// `recall check` prints this; commands that study from decks go through
    /// `check::load_decks`, which prints [`Loaded::render_errors`] and stops on errors.
    pub fn render(&self, color: bool) -> String {
        diag::render(&self.diagnostics, &self.sources, color)
    }

    /// Only the errors, drawn like [`Loaded::render`].
    pub fn render_errors(&self, color: bool) -> String {
        let errors: Vec<_> = self.diagnostics.iter().filter(|d| d.is_error()).cloned().collect();
        diag::render(&errors, &self.sources, color)
    }

    /// `N decks, M facts; E errors, W warnings`, with singulars where they belong.
    pub fn summary(&self) -> String {
        format!(
            "{}, {}; {}, {}",
            plural(self.files, "deck"),
            plural(self.facts, "fact"),
            plural(self.error_count(), "error"),
            plural(self.warning_count(), "warning")
        )
    }

    /// The text of a file that has diagnostics.
    pub fn source(&self, path: &Path) -> Option<&Source> {
        self.sources.get(path)
    }

    /// Adds a diagnostic found by a later check. Give it a span only for a file whose source
    /// is kept ([`Loaded::source`]); otherwise use [`Diagnostic::file_level`], or better
    /// [`Loaded::push_at`], which places a problem anywhere in a loaded file.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    /// Adds a problem found by a later check at `problem.span` of the file at `path` (a span
    /// from [`Loaded::fact_span`] or [`Loaded::deck_span`]), with its line, column and
    /// snippet like every other diagnostic. The file's text is read again if it was clean; if
    /// that fails, the problem is added without a position. Call [`Loaded::sort`] after the
    /// last one so the output is in file order.
    pub fn push_at(&mut self, path: &Path, problem: Problem) {
        let d = positioned(self, path, problem);
        self.diagnostics.push(d);
    }

    /// The span of the `id` value of the deck loaded from `path`, if it is in the library.
    pub fn deck_span(&self, path: &Path) -> Option<Range<usize>> {
        self.places.get(path).map(|p| p.deck.clone())
    }

    /// The span of the `id` value of fact `fact` in the deck loaded from `path`, if that deck
    /// is in the library and has the fact.
    pub fn fact_span(&mut self, path: &Path, fact: &FactId) -> Option<Range<usize>> {
        let places = self.places.get(path)?;
        if !self.fact_index.contains_key(path) {
            let deck = &self.library.decks.iter().find(|d| d.path == path)?.deck;
            let index = deck.facts.iter().enumerate().map(|(i, f)| (f.id.clone(), i)).collect();
            self.fact_index.insert(path.to_path_buf(), index);
        }
        let i = *self.fact_index.get(path)?.get(fact)?;
        places.facts.get(i).cloned()
    }

    /// Puts the diagnostics in file order (by path, then position; file-level ones first),
    /// keeping the order of those at the same place.
    pub fn sort(&mut self) {
        self.diagnostics.sort_by(|a, b| {
            (&a.path, a.span.as_ref().map(|s| s.start))
                .cmp(&(&b.path, b.span.as_ref().map(|s| s.start)))
        });
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 { format!("1 {word}") } else { format!("{n} {word}s") }
}

/// The first path that does not exist at all (not even as a dangling link): a usage problem
/// for the caller to report before loading.
pub fn missing_path(paths: &[PathBuf]) -> Option<&PathBuf> {
    paths.iter().find(|p| {
        matches!(std::fs::symlink_metadata(p), Err(e) if e.kind() == std::io::ErrorKind::NotFound)
    })
}

/// Loads every path: a `.ron` file, or a folder searched recursively for `*.ron` (hidden
/// entries skipped, symlinks followed once).
pub fn load_paths(paths: &[PathBuf]) -> Loaded {
    let mut loaded = Loaded::default();
    let mut walk = Walk { files: Vec::new(), broken: 0, visited: HashSet::new() };
    for path in paths {
        collect(path, 0, &mut walk, &mut loaded.diagnostics);
    }
    // Deck files that could not be opened at all (dangling links) count as decks.
    loaded.files = walk.broken;
    let mut files = walk.files;
    files.sort();
    // The same file reached twice (`decks decks/a.ron`, `./decks/a.ron`, a link) is one deck.
    let mut seen = HashSet::new();
    files.retain(|f| seen.insert(std::fs::canonicalize(f).unwrap_or_else(|_| f.clone())));
    for one in load_files(&files) {
        loaded.files += one.files;
        loaded.facts += one.facts;
        loaded.diagnostics.extend(one.diagnostics);
        loaded.sources.extend(one.sources);
        loaded.library.decks.extend(one.library.decks);
        loaded.places.extend(one.places);
    }
    library_checks(&mut loaded);
    loaded.sort();
    loaded
}

/// Parses one deck's text as if read from `path` and adds it (or its problems) to `loaded`.
/// The library check (deck ids across files) is not run; [`load_paths`] runs it.
pub fn load_source(path: &Path, text: &str, loaded: &mut Loaded) {
    load_bytes(path, text.as_bytes(), loaded);
}

/// [`load_source`] for raw file contents: held to the size limit of a deck file, a BOM
/// removed, invalid UTF-8 reported. A deck writer checks the text it is about to write through
/// here, so nothing is written that `recall check` would refuse to read.
pub fn load_bytes(path: &Path, bytes: &[u8], loaded: &mut Loaded) {
    loaded.files += 1;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        loaded.diagnostics.push(too_large(path, bytes.len() as u64));
        return;
    }
    if let Some(text) = decode(path, bytes.to_vec(), loaded) {
        load_text(path, text, loaded);
    }
}

/// Loads each file on its own, on all cores (files are independent until the library
/// checks), and returns the results in the order of `files`.
fn load_files(files: &[PathBuf]) -> Vec<Loaded> {
    let load_one = |path: &PathBuf| {
        let mut one = Loaded { files: 1, ..Loaded::default() };
        if let Some(text) = read_text(path, &mut one) {
            load_text(path, text, &mut one);
        }
        one
    };
    let threads =
        std::thread::available_parallelism().map_or(1, |n| n.get()).min(8).min(files.len());
    if threads <= 1 {
        return files.iter().map(load_one).collect();
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut results: Vec<(usize, Loaded)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(path) = files.get(i) else { break };
                        done.push((i, load_one(path)));
                    }
                    done
                })
            })
            .collect();
        let mut all = Vec::with_capacity(files.len());
        for worker in workers {
            match worker.join() {
                Ok(done) => all.extend(done),
                // A panic in a worker is a bug: let it surface as in the single-thread case.
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        all
    });
    results.sort_by_key(|(i, _)| *i);
    results.into_iter().map(|(_, r)| r).collect()
}

/// What a folder search found.
struct Walk {
    files: Vec<PathBuf>,
    /// Deck paths that cannot be read at all (dangling links, links in a loop). A pipe or a
    /// device is no deck and is not counted.
    broken: usize,
    /// Folders already searched, canonical, so symlink loops end.
    visited: HashSet<PathBuf>,
}

fn collect(path: &Path, depth: usize, walk: &mut Walk, diags: &mut Vec<Diagnostic>) {
    let unreadable = |what: &str, e: &std::io::Error| {
        let mut d = Diagnostic::file_level(
            Severity::Error,
            "unreadable",
            path,
            format!("cannot read {what} `{}`: {e}", path.display()),
        );
        if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
            d.hint = Some("it is a symbolic link whose target cannot be reached".into());
        }
        d
    };
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) => {
            walk.broken += 1;
            return diags.push(unreadable("deck", &e));
        }
    };
    if meta.is_file() {
        return walk.files.push(path.to_path_buf());
    }
    if !meta.is_dir() {
        // Only a regular file is a deck: a pipe, socket or device is not counted as one. Named
        // on the command line it is an error (what was asked for cannot be read); met in a
        // folder, a warning, and the folder's decks load as if it were not there.
        let severity = if depth == 0 { Severity::Error } else { Severity::Warning };
        let mut d = Diagnostic::file_level(
            severity,
            "not-a-file",
            path,
            format!(
                "`{}` is not a regular file (a pipe, socket or device); skipped",
                path.display()
            ),
        );
        d.hint = Some("deck files are plain `.ron` files".into());
        return diags.push(d);
    }
    // A folder: follow it once (symlink loops), not too deep.
    let canonical = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    if !walk.visited.insert(canonical) {
        return;
    }
    if depth >= MAX_FOLDER_DEPTH {
        return diags.push(Diagnostic::file_level(
            Severity::Warning,
            "too-deep",
            path,
            format!("folders nest deeper than {MAX_FOLDER_DEPTH} levels here; not searched"),
        ));
    }
    let entries = match std::fs::read_dir(path) {
        Ok(entries) => entries,
        Err(e) => return diags.push(unreadable("folder", &e)),
    };
    let mut children = Vec::new();
    for entry in entries {
        match entry {
            Ok(entry) => children.push(entry.path()),
            Err(e) => return diags.push(unreadable("folder", &e)),
        }
    }
    children.sort();
    for child in children {
        let name = child.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if name.starts_with('.') {
            continue;
        }
        let is_ron = child.extension().is_some_and(|e| e == "ron");
        let is_dir = std::fs::metadata(&child).is_ok_and(|m| m.is_dir());
        if is_dir || is_ron {
            collect(&child, depth + 1, walk, diags);
        }
    }
}

/// The error for a deck file (or a deck text about to be written) over [`MAX_FILE_BYTES`].
fn too_large(path: &Path, size: u64) -> Diagnostic {
    let mut d = Diagnostic::file_level(
        Severity::Error,
        "too-large",
        path,
        // In MiB, as every size recall states (`limited`): "17.8 MB; the limit is 16 MB" mixed
        // two units.
        format!(
            "`{}` is too large for a deck ({} MiB; the limit is {} MiB)",
            path.display(),
            crate::limited::mib(size),
            MAX_FILE_BYTES / crate::limited::MIB
        ),
    );
    d.hint = Some("split it into several deck files in one folder".into());
    d
}

/// Reads a file as text: at most [`MAX_FILE_BYTES`], a BOM removed, valid UTF-8.
fn read_text(path: &Path, loaded: &mut Loaded) -> Option<String> {
    let too_large = |size: u64| too_large(path, size);
    let unreadable = |e: std::io::Error| {
        Diagnostic::file_level(
            Severity::Error,
            "unreadable",
            path,
            format!("cannot read deck `{}`: {e}", path.display()),
        )
    };
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) => {
            loaded.diagnostics.push(unreadable(e));
            return None;
        }
    };
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    if size > MAX_FILE_BYTES {
        loaded.diagnostics.push(too_large(size));
        return None;
    }
    // One byte more than the size, so reading to the end needs no second buffer.
    let mut bytes = Vec::with_capacity(size as usize + 1);
    // `take` guards against a file that grows while it is read.
    if let Err(e) = file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes) {
        loaded.diagnostics.push(unreadable(e));
        return None;
    }
    if bytes.len() as u64 > MAX_FILE_BYTES {
        loaded.diagnostics.push(too_large(bytes.len() as u64));
        return None;
    }
    decode(path, bytes, loaded)
}

/// Bytes to text: a BOM removed, UTF-8 checked (the first bad byte reported).
fn decode(path: &Path, mut bytes: Vec<u8>, loaded: &mut Loaded) -> Option<String> {
    if bytes.starts_with(b"\xef\xbb\xbf") {
        bytes.drain(..3);
    }
    match String::from_utf8(bytes) {
        Ok(text) => Some(text),
        Err(e) => {
            let body = e.as_bytes();
            let e = e.utf8_error();
            // The text before the bad byte is valid, so its offsets are the same in a lossy
            // copy, where the bad byte became U+FFFD (3 bytes).
            let at = e.valid_up_to();
            let lossy: Arc<str> = Arc::from(String::from_utf8_lossy(body).as_ref());
            let source = Source::new(lossy);
            let problem = Problem::error(
                "invalid-utf8",
                at..at + '\u{fffd}'.len_utf8(),
                format!("the file is not valid UTF-8 (byte 0x{:02X})", body[at]),
            )
            .hint("deck files are UTF-8 text; save the file as UTF-8");
            loaded.diagnostics.push(to_diagnostic(path, &source, problem));
            loaded.sources.insert(path.to_path_buf(), source);
            None
        }
    }
}

/// Parses, checks and lints one file's text; on success the deck joins the library and its
/// places are kept.
fn load_text(path: &Path, text: String, loaded: &mut Loaded) {
    let mut problems = Vec::new();
    let mut result = None;
    // Every `,` missing between facts or fields, and what the file holds besides, in one run.
    let (doc, errors) = syntax::parse_all(&text);
    for e in errors {
        let mut p = Problem::error("syntax", e.span, e.message);
        p.hint = e.hint;
        p.related = e.related;
        problems.push(p);
    }
    match doc {
        None => {}
        Some(doc) => {
            let checked = schema::check(&doc);
            loaded.facts += checked.facts_seen;
            problems.extend(checked.problems);
            if let Some((deck, spans)) = checked.deck {
                // Lints are for a deck that loads; one with syntax errors is not there yet.
                if !problems.iter().any(|p| p.code == "syntax") {
                    problems.extend(lint::deck(&deck, &spans));
                }
                if !problems.iter().any(|p| p.severity == Severity::Error) {
                    result = Some((deck, spans));
                }
            }
        }
    }
    if !problems.is_empty() {
        let source = Source::new(Arc::from(text));
        for p in problems {
            loaded.diagnostics.push(to_diagnostic(path, &source, p));
        }
        loaded.sources.insert(path.to_path_buf(), source);
    }
    if let Some((deck, spans)) = result {
        loaded.places.insert(path.to_path_buf(), Places::new(&spans));
        loaded.library.decks.push(DeckFile { path: path.to_path_buf(), deck });
    }
}

fn to_diagnostic(path: &Path, source: &Source, p: Problem) -> Diagnostic {
    let (line, column) = source.line_col(p.span.start);
    let (end_line, end_column) = source.line_col(p.span.end);
    let related = p.related.map(|(span, label)| {
        let (line, column) = source.line_col(span.start);
        Related { path: path.to_path_buf(), span, line, column, label }
    });
    Diagnostic {
        severity: p.severity,
        code: p.code,
        message: p.message,
        path: path.to_path_buf(),
        span: Some(p.span),
        line,
        column,
        end_line,
        end_column,
        hint: p.hint,
        related,
    }
}

/// Deck ids unique across the library: a later deck with the id of an earlier one leaves it.
fn library_checks(loaded: &mut Loaded) {
    let decks = std::mem::take(&mut loaded.library.decks);
    let mut first: HashMap<String, usize> = HashMap::new();
    let mut library: Vec<DeckFile> = Vec::with_capacity(decks.len());
    for deck_file in decks {
        let id = deck_file.deck.id.as_str().to_owned();
        let Some(&j) = first.get(&id) else {
            first.insert(id, library.len());
            library.push(deck_file);
            continue;
        };
        let first_path = library[j].path.clone();
        // Every deck of the library has places (`load_text` keeps them together).
        let span = loaded.places.remove(&deck_file.path).map_or(0..0, |p| p.deck);
        let first_span = loaded.deck_span(&first_path).unwrap_or(0..0);
        let related = source_of(loaded, &first_path).map(|src| {
            let (line, column) = src.line_col(first_span.start);
            Related {
                path: first_path.clone(),
                span: first_span,
                line,
                column,
                label: "first defined here".into(),
            }
        });
        let problem = Problem::error(
            "duplicate-deck-id",
            span,
            format!("deck id `{id}` is already used by `{}`", first_path.display()),
        )
        .hint("deck ids key the learner's progress: give each deck its own");
        let mut d = positioned(loaded, &deck_file.path, problem);
        d.related = related;
        loaded.diagnostics.push(d);
    }
    loaded.library.decks = library;
}

/// The source of a sound deck's file, kept from loading or read again: the texts of clean
/// files are not kept, so a library of 100,000 facts does not hold its text twice.
fn source_of<'l>(loaded: &'l mut Loaded, path: &Path) -> Option<&'l Source> {
    if !loaded.sources.contains_key(path) {
        let mut scratch = Loaded::default();
        let text = read_text(path, &mut scratch)?;
        loaded.sources.insert(path.to_path_buf(), Source::new(Arc::from(text)));
    }
    loaded.sources.get(path)
}

/// A problem found after loading, placed in its file (or file-level if the file cannot be
/// read again).
fn positioned(loaded: &mut Loaded, path: &Path, p: Problem) -> Diagnostic {
    match source_of(loaded, path) {
        Some(src) => to_diagnostic(path, src, p),
        None => {
            let mut d = Diagnostic::file_level(p.severity, p.code, path, p.message);
            d.hint = p.hint;
            d
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Loads `bytes` as the one file `deck.ron` of a fresh folder.
    fn load(bytes: &[u8]) -> (tempfile::TempDir, Loaded) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("deck.ron"), bytes).unwrap();
        let loaded = load_paths(&[dir.path().to_path_buf()]);
        (dir, loaded)
    }

    /// The only diagnostic: (line, column, code, message).
    fn only(loaded: &Loaded) -> (usize, usize, &'static str, String) {
        assert_eq!(loaded.diagnostics.len(), 1, "{:#?}", loaded.diagnostics);
        let d = &loaded.diagnostics[0];
        (d.line, d.column, d.code, d.message.clone())
    }

    const GOOD: &str = r#"Deck(
    id: "good",
    title: "Good",
    facts: [
        Fact(id: "a", kind: Number, cue: "one", answer: "1"),
    ],
)
"#;

    #[test]
    fn a_good_deck_loads() {
        let (_dir, loaded) = load(GOOD.as_bytes());
        assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
        assert_eq!(loaded.library.decks.len(), 1);
        assert_eq!(loaded.summary(), "1 deck, 1 fact; 0 errors, 0 warnings");
        assert_eq!(loaded.render(false), "");
    }

    #[test]
    fn missing_comma() {
        let (_dir, loaded) = load(GOOD.replace("\"Good\",", "\"Good\"").as_bytes());
        assert_eq!(
            only(&loaded),
            (
                4,
                5,
                "syntax",
                "expected `,` or `)` after the value of `title`, found `facts`".into()
            )
        );
        assert_eq!(loaded.library.decks.len(), 0);
    }

    /// A `,` missing between facts or fields does not hide the file's other mistakes: one run
    /// of `recall check` shows them all.
    #[test]
    fn a_missing_comma_and_the_other_mistakes_in_one_run() {
        let src = GOOD.replace(
            "        Fact(id: \"a\", kind: Number, cue: \"one\", answer: \"1\"),",
            "        Fact(id: \"a\", kind: Number, cue: \"one\" answer: \"1\")\n        Fact(id: \"b\", kind: Number, cue: \"two\", anwser: \"2\"),",
        );
        let (_dir, loaded) = load(src.as_bytes());
        let got: Vec<(usize, &str)> = loaded.diagnostics.iter().map(|d| (d.line, d.code)).collect();
        assert_eq!(got, [(5, "syntax"), (6, "syntax"), (6, "unknown-field")]);
        assert_eq!(
            loaded.diagnostics[0].message,
            "expected `,` or `)` after the value of `cue`, found `answer`"
        );
        assert_eq!(
            loaded.diagnostics[1].message,
            "expected `,` or `]` after the list item, found `Fact`"
        );
        assert_eq!(loaded.library.decks.len(), 0);
    }

    #[test]
    fn unknown_field() {
        let (_dir, loaded) = load(GOOD.replace("title:", "titel:").as_bytes());
        let d = &loaded.diagnostics;
        // One error, not two: "the deck has no `title`" would only repeat the hint.
        assert_eq!(d.len(), 1, "{d:#?}");
        assert_eq!((d[0].line, d[0].column), (3, 5));
        assert_eq!(d[0].message, "unknown field `titel` in `Deck`");
        assert_eq!(d[0].hint.as_deref(), Some("did you mean `title`?"));
    }

    #[test]
    fn wrong_type() {
        let (_dir, loaded) = load(GOOD.replace("\"Good\"", "[\"Good\"]").as_bytes());
        assert_eq!(
            only(&loaded),
            (3, 12, "wrong-type", "`title` must be a string, found a list".into())
        );
        assert_eq!(loaded.diagnostics[0].hint.as_deref(), Some("remove the brackets"));
    }

    #[test]
    fn unterminated_string() {
        let (_dir, loaded) = load(GOOD.replace("\"1\")", "\"1)").as_bytes());
        // The string opened at `"1)` swallows the rest of the file.
        let (line, col, code, message) = only(&loaded);
        assert_eq!((line, col, code), (5, 57, "syntax"));
        assert_eq!(message, "unterminated string: the closing `\"` is missing");
    }

    #[test]
    fn duplicate_fact_id() {
        let src = GOOD.replace(
            "        Fact(id: \"a\"",
            "        Fact(id: \"a\", kind: Number, cue: \"two\", answer: \"2\"),\n        Fact(id: \"a\"",
        );
        let (_dir, loaded) = load(src.as_bytes());
        assert_eq!(
            only(&loaded),
            (6, 18, "duplicate-id", "fact id `a` is used twice in this deck".into())
        );
        let related = loaded.diagnostics[0].related.as_ref().unwrap();
        assert_eq!(
            (related.line, related.column, related.label.as_str()),
            (5, 18, "first defined here")
        );
        let text = loaded.render(false);
        assert!(text.contains("first defined here"), "{text}");
    }

    #[test]
    fn duplicate_deck_id_across_files() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.ron"), GOOD).unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        std::fs::write(dir.path().join("sub/b.ron"), GOOD).unwrap();
        let loaded = load_paths(&[dir.path().to_path_buf()]);
        assert_eq!(
            only(&loaded),
            (
                2,
                9,
                "duplicate-deck-id",
                format!(
                    "deck id `good` is already used by `{}`",
                    dir.path().join("a.ron").display()
                )
            )
        );
        let d = &loaded.diagnostics[0];
        assert_eq!(d.path, dir.path().join("sub/b.ron"));
        let r = d.related.as_ref().unwrap();
        assert_eq!((r.path.clone(), r.line, r.column), (dir.path().join("a.ron"), 2, 9));
        assert_eq!(loaded.library.decks.len(), 1);
        let text = loaded.render(false);
        assert!(text.contains(&format!("{}:2:9", dir.path().join("a.ron").display())), "{text}");
    }

    #[test]
    fn later_checks_place_their_warnings_at_facts_and_decks() {
        let src = GOOD.replace(
            "        Fact(id: \"a\"",
            "        Fact(id: \"b\", kind: Number, cue: \"two\", answer: \"2\"),\n        Fact(id: \"a\"",
        );
        let (dir, mut loaded) = load(src.as_bytes());
        assert!(loaded.diagnostics.is_empty());
        let path = dir.path().join("deck.ron");
        let a = loaded.fact_span(&path, &"a".parse().unwrap()).unwrap();
        let b = loaded.fact_span(&path, &"b".parse().unwrap()).unwrap();
        assert_eq!((&src[a.clone()], &src[b.clone()]), ("\"a\"", "\"b\""));
        assert_eq!(loaded.fact_span(&path, &"c".parse().unwrap()), None);
        assert_eq!(loaded.fact_span(&dir.path().join("other.ron"), &"a".parse().unwrap()), None);
        let deck = loaded.deck_span(&path).unwrap();
        assert_eq!(&src[deck.clone()], "\"good\"");

        // Pushed out of order, sorted into file order; the clean file's text is read again.
        loaded.push_at(&path, Problem::warning("late", a, "about a").hint("do something"));
        loaded.push_at(&path, Problem::warning("late", deck, "about the deck"));
        loaded.sort();
        let at: Vec<_> =
            loaded.diagnostics.iter().map(|d| (d.line, d.column, d.message.as_str())).collect();
        assert_eq!(at, [(2, 9, "about the deck"), (6, 18, "about a")]);
        let text = loaded.render(false);
        assert!(text.contains(&format!("{}:6:18", path.display())), "{text}");
        assert!(text.contains("6 |         Fact(id: \"a\""), "{text}");
        assert!(text.contains("= help: do something"), "{text}");
    }

    #[test]
    fn a_deck_dropped_as_a_duplicate_has_no_places() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.ron"), GOOD).unwrap();
        std::fs::write(dir.path().join("b.ron"), GOOD).unwrap();
        let mut loaded = load_paths(&[dir.path().to_path_buf()]);
        let b = dir.path().join("b.ron");
        assert_eq!(loaded.deck_span(&b), None);
        assert_eq!(loaded.fact_span(&b, &"a".parse().unwrap()), None);
        assert!(loaded.fact_span(&dir.path().join("a.ron"), &"a".parse().unwrap()).is_some());
    }

    #[test]
    fn empty_file() {
        let (_dir, loaded) = load(b"");
        assert_eq!(only(&loaded), (1, 1, "syntax", "the file is empty".into()));
        let (_dir, loaded) = load(b"\n\n  // nothing here\n");
        assert_eq!(only(&loaded), (1, 1, "syntax", "the file is empty".into()));
    }

    #[test]
    fn not_ron_at_all() {
        let (_dir, loaded) = load(b"# My notes\n\nSome *markdown*.\n");
        let message = "expected `!` after `#` (attributes are written `#![enable(…)]`), found `My`";
        assert_eq!(only(&loaded), (1, 3, "syntax", message.into()));
        let hint = "a deck file is RON and starts with `Deck(`; this does not look like one";
        assert_eq!(loaded.diagnostics[0].hint.as_deref(), Some(hint));
        let (_dir, loaded) = load(b"<?xml version=\"1.0\"?>");
        assert_eq!(only(&loaded), (1, 1, "syntax", "unexpected character `<`".into()));
        assert_eq!(loaded.diagnostics[0].hint.as_deref(), Some(hint));
        let (_dir, loaded) = load(br#"{"id": "json", "facts": []}"#);
        assert_eq!(only(&loaded), (1, 1, "wrong-type", "expected `Deck(…)`, found a map".into()));
        let (_dir, loaded) = load(b"\x7fELF\x02\x01");
        assert_eq!(only(&loaded), (1, 1, "syntax", "unexpected character `\x7f`".into()));
    }

    #[test]
    fn invalid_utf8_points_at_the_bad_byte() {
        let src = GOOD.replace("\"Good\"", "\"Go\u{e9}d\"").replace('\u{e9}', "\u{1}");
        let bytes = src.replace('\u{1}', "\u{fe}").into_bytes();
        // `\u{fe}` is two bytes in UTF-8; make it the lone, invalid byte 0xFE.
        let at = bytes.windows(2).position(|w| w == [0xc3, 0xbe]).unwrap();
        let mut bytes = bytes;
        bytes.splice(at..at + 2, [0xfe]);
        let (_dir, loaded) = load(&bytes);
        assert_eq!(
            only(&loaded),
            (3, 15, "invalid-utf8", "the file is not valid UTF-8 (byte 0xFE)".into())
        );
        let text = loaded.render(false);
        assert!(text.contains(":3:15"), "{text}");
        assert!(text.contains("title: \"Go\u{fffd}d\""), "{text}");
    }

    #[test]
    fn bom_is_accepted_and_positions_stay_right() {
        let mut bytes = b"\xef\xbb\xbf".to_vec();
        bytes.extend(GOOD.as_bytes());
        let (_dir, loaded) = load(&bytes);
        assert!(loaded.diagnostics.is_empty());
        let mut bytes = b"\xef\xbb\xbf".to_vec();
        bytes.extend(GOOD.replace("id: \"good\"", "id: \"Good\"").as_bytes());
        let (_dir, loaded) = load(&bytes);
        let (line, column, code, message) = only(&loaded);
        assert_eq!((line, column, code), (2, 9, "invalid-id"));
        assert!(message.starts_with("invalid deck id: `Good` is not a valid id"), "{message}");
    }

    #[test]
    fn crlf_is_accepted_and_columns_are_right() {
        let crlf = GOOD.replace('\n', "\r\n");
        let (_dir, loaded) = load(crlf.as_bytes());
        assert!(loaded.diagnostics.is_empty());
        let (_dir, loaded) = load(crlf.replace("cue:", "qeu:").as_bytes());
        let d = &loaded.diagnostics;
        assert_eq!((d[1].line, d[1].column, d[1].code), (5, 37, "unknown-field"));
        assert_eq!(d[1].message, "unknown field `qeu` in `Fact`");
        let text = loaded.render(false);
        assert!(!text.contains('\r'), "{text:?}");
        assert!(
            text.contains(
                "5 |         Fact(id: \"a\", kind: Number, qeu: \"one\", answer: \"1\"),\n"
            ),
            "{text}"
        );
    }

    #[test]
    fn huge_file_is_refused_quickly() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("huge.ron");
        let f = std::fs::File::create(&path).unwrap();
        f.set_len(50 * 1000 * 1000 + 1).unwrap();
        let loaded = load_paths(std::slice::from_ref(&path));
        assert_eq!(
            only(&loaded),
            (
                0,
                0,
                "too-large",
                format!(
                    "`{}` is too large for a deck (47.7 MiB; the limit is 16 MiB)",
                    path.display()
                )
            )
        );
        // Just over the limit is refused, just under is read (and here is not a deck).
        f.set_len(MAX_FILE_BYTES + 1).unwrap();
        assert_eq!(only(&load_paths(std::slice::from_ref(&path))).2, "too-large");
        f.set_len(MAX_FILE_BYTES).unwrap();
        assert_eq!(only(&load_paths(&[path])).2, "syntax");
    }

    #[test]
    fn unreadable_paths() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path();
        std::os::unix::fs::symlink(p.join("nowhere.ron"), p.join("dangling.ron")).unwrap();
        std::os::unix::fs::symlink(p.join("loop.ron"), p.join("loop.ron")).unwrap();
        let status = std::process::Command::new("mkfifo").arg(p.join("pipe.ron")).status().unwrap();
        assert!(status.success());
        std::fs::create_dir(p.join("folder.ron")).unwrap();
        std::fs::write(p.join("folder.ron/inner.ron"), GOOD).unwrap();
        std::fs::write(p.join("notes.txt"), "not a deck").unwrap();
        let loaded = load_paths(&[p.to_path_buf()]);
        let got: Vec<_> = loaded
            .diagnostics
            .iter()
            .map(|d| (d.path.file_name().unwrap().to_str().unwrap().to_owned(), d.code))
            .collect();
        assert_eq!(
            got,
            [
                ("dangling.ron".to_owned(), "unreadable"),
                ("loop.ron".to_owned(), "unreadable"),
                ("pipe.ron".to_owned(), "not-a-file"),
            ]
        );
        assert!(loaded.diagnostics[0].message.contains("No such file or directory"));
        assert!(
            loaded.diagnostics[1].message.contains("symbolic links"),
            "{}",
            loaded.diagnostics[1].message
        );
        // A folder that happens to be named `*.ron` is searched like any folder.
        assert_eq!(loaded.library.decks.len(), 1);
        // The pipe is no deck: only the two links meant as decks and the deck are counted,
        // and in a folder it is a warning.
        assert_eq!(loaded.files, 3, "two broken deck paths and one deck");
        let text = loaded.render(false);
        assert!(text.contains("warning[not-a-file]"), "{text}");
        assert!(loaded.summary().starts_with("3 decks, 1 fact; 2 errors, 1 warning"));
        // Named on the command line, it is an error, and still no deck.
        let named = load_paths(&[p.join("pipe.ron")]);
        assert_eq!(named.summary(), "0 decks, 0 facts; 1 error, 0 warnings");
    }

    #[test]
    fn symlinked_folder_loops_are_searched_once() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.ron"), GOOD).unwrap();
        std::os::unix::fs::symlink(dir.path(), dir.path().join("again")).unwrap();
        let loaded = load_paths(&[dir.path().to_path_buf()]);
        assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
        assert_eq!(loaded.files, 1);
    }

    #[test]
    fn a_file_reached_twice_is_loaded_once() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.ron");
        std::fs::write(&file, GOOD).unwrap();
        std::os::unix::fs::symlink(&file, dir.path().join("link.ron")).unwrap();
        let loaded = load_paths(&[dir.path().to_path_buf(), dir.path().join(".").join("a.ron")]);
        assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
        assert_eq!(loaded.library.decks.len(), 1);
        assert_eq!(loaded.files, 1);
    }

    #[test]
    fn missing_paths_are_found() {
        let dir = tempfile::tempdir().unwrap();
        let here = dir.path().to_path_buf();
        let gone = dir.path().join("gone");
        assert_eq!(missing_path(&[here.clone(), gone.clone()]), Some(&gone));
        assert_eq!(missing_path(&[here]), None);
    }

    #[test]
    fn render_draws_rustc_style() {
        let (dir, loaded) = load(GOOD.replace("answer:", "anser:").as_bytes());
        let path = dir.path().join("deck.ron");
        let text = loaded.render(false);
        let expected = format!(
            "error[unknown-field]: unknown field `anser` in `Fact`
 --> {}:5:49
  |
5 |         Fact(id: \"a\", kind: Number, cue: \"one\", anser: \"1\"),
  |                                                 ^^^^^
  |
  = help: did you mean `answer`?",
            path.display()
        );
        assert!(text.contains(&expected), "{text}");
        assert!(!text.contains('\u{1b}'));
        assert!(loaded.render(true).contains('\u{1b}'));
        assert_eq!(loaded.summary(), "1 deck, 1 fact; 1 error, 0 warnings");
    }
}
