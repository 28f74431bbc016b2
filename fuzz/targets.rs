//! The fuzz targets: the readers of files recall did not write, each handed arbitrary bytes, each with the promises it must keep whatever the bytes are. A target panics when a
//! promise breaks (or when the reader itself panics); returning is a pass.
//!
//! Shared by the fuzzer (`fuzz/main.rs`, `cargo run --example fuzz`) and the corpus replay in
//! `cargo test` (`tests/cli/fuzz_corpus.rs`), which include this file by path.

#![allow(clippy::expect_used)] // a broken promise is a panic: that is what a target reports

use std::collections::HashSet;
use std::path::Path;

use recall::deck::{
    Deck, Fact, FactKind, Loaded, draft, edit, import, import_questions, load_bytes, template,
    write,
};
use recall::ids::DeckId;
use recall::learner::log;
use recall::schedule::LearnerDays;

/// A fuzz target: the name of its corpus folder (`fuzz/corpus/NAME`) and the function.
pub struct Target {
    pub name: &'static str,
    pub run: fn(&[u8]),
}

pub const TARGETS: [Target; 4] = [
    Target { name: "deck", run: deck },
    Target { name: "import", run: import_text },
    Target { name: "questions", run: import_question_file },
    Target { name: "log", run: review_log },
];

/// The deck reader: any bytes load without a panic; every diagnostic has a place inside the
/// text and renders; a deck that loads survives an edit (a fact appended) and loads again.
pub fn deck(data: &[u8]) {
    let path = Path::new("fuzz.ron");
    let mut loaded = Loaded::default();
    load_bytes(path, data, &mut loaded);
    // The text the spans are in: the file's, without a BOM, as a lossy copy if it is not UTF-8
    // (where the bad byte became U+FFFD, three bytes).
    let text = String::from_utf8_lossy(data.strip_prefix(b"\xef\xbb\xbf").unwrap_or(data));
    for d in &loaded.diagnostics {
        if let Some(span) = &d.span {
            let inside = span.start <= span.end && span.end <= text.len();
            let whole = text.is_char_boundary(span.start) && text.is_char_boundary(span.end);
            assert!(inside && whole, "span {span:?} cuts the text: {d:?}");
        }
    }
    let _ = loaded.render(false);
    let _ = loaded.summary();
    if loaded.has_errors() {
        assert!(loaded.library.decks.is_empty(), "a deck with errors entered the library");
        return;
    }
    let Some(file) = loaded.library.decks.first() else { return };
    let _ = recall::quiz::lint(&loaded.library);
    let Ok(text) = std::str::from_utf8(data) else { return };
    let fact = draft::Draft {
        cue: "fuzz cue".into(),
        answer: "fuzz answer".into(),
        ..draft::Draft::default()
    }
    .build(&draft::taken_ids(&file.deck))
    .expect("a plain draft builds");
    if let Ok(new) = edit::append_facts(text, std::slice::from_ref(&fact)) {
        // An edit the editor accepts must give a deck that loads with the new fact.
        match write::check(path, new) {
            Ok(checked) => {
                let deck = checked.into_deck().expect("a checked text holds a deck");
                assert!(deck.facts.iter().any(|f| f.id == fact.id), "the appended fact is lost");
            }
            Err(write::WriteError::Invalid { diagnostics, .. })
                if diagnostics.iter().any(|d| d.code == "too-large") => {}
            Err(e) => panic!("appending to a sound deck made one that does not load: {e}"),
        }
    }
}

/// The CSV/TSV/Anki-text importer: any bytes decode or are refused; what decodes parses; the
/// facts it gives hold no control character but line breaks, and make a deck that loads (or
/// is refused as too large), with unique, short ids.
pub fn import_text(data: &[u8]) {
    // The first byte picks the extension the separator guess is told, so each is reached.
    let ext = ["csv", "tsv", "txt"][usize::from(data.first().copied().unwrap_or(0)) % 3];
    let Ok(text) = import::decode(data) else { return };
    assert!(!text.contains('\0'), "a NUL was decoded");
    let parsed = import::parse_delimited(&text, Some(ext));
    let facts = parsed.into_facts(FactKind::Term, Some("fuzz"), &mut HashSet::new());
    let mut ids = HashSet::new();
    for f in &facts {
        for s in [&f.cue, &f.answer].into_iter().chain(&f.tags) {
            assert!(!s.chars().any(char::is_control), "control character in {s:?}");
            assert_eq!(s.trim(), s.as_str(), "untrimmed text");
        }
        assert!(f.id.as_str().len() <= recall::ids::MAX_SLUG + 8, "long id {}", f.id);
        assert!(ids.insert(f.id.clone()), "id {} twice", f.id);
    }
    let id = DeckId::new("fuzz").expect("a valid id");
    let skeleton = template::imported_deck(&id, "Fuzz", Path::new("fuzz.csv"));
    let new = edit::append_facts(&skeleton, &facts).expect("the template takes facts");
    match write::check(Path::new("fuzz.ron"), new) {
        Ok(checked) => {
            let deck = checked.into_deck().expect("a checked text holds a deck");
            assert_eq!(deck.facts.len(), facts.len(), "facts lost on the way to the deck");
            for (read, made) in deck.facts.iter().zip(&facts) {
                assert_eq!(read, made, "a fact reads back differently");
            }
        }
        Err(write::WriteError::Invalid { diagnostics, .. })
            if diagnostics.iter().any(|d| d.code == "too-large") => {}
        Err(e) => panic!("an import made a deck that does not load: {e}"),
    }
}

/// The importer of authored questions (a CSV/TSV whose header has `stem` and `options`): any
/// bytes decode or are refused; what reads as a question file gives questions whose text holds
/// no control character but an explanation's line breaks, with unique, short ids, each row
/// and each skipped row placed on a line of the file; the questions make a deck that loads
/// (or is refused as too large) and reads back the same; a question already in the target
/// deck is set apart, not imported twice.
pub fn import_question_file(data: &[u8]) {
    let ext = ["csv", "tsv", "txt"][usize::from(data.first().copied().unwrap_or(0)) % 3];
    let Ok(text) = import::decode(data) else { return };
    // The deck the rows go into: one question (as the CSV seeds write it) and one fact, so the
    // id and already-known paths are reached.
    let into =
        template::new_deck(&DeckId::new("fuzz").expect("a valid id"), "Fuzz", "fuzz.ron", true);
    let into: Deck = write::check_text(Path::new("fuzz.ron"), &into).expect("the template loads");
    let Some(parsed) = import_questions::parse(&text, Some(ext), Some(&into)) else { return };
    let lines = text.lines().count().max(1) + 1;
    for s in parsed.skipped.iter().chain(&parsed.known) {
        assert!(s.line >= 1 && s.line <= lines, "skipped row placed at line {}: {s:?}", s.line);
        assert!(!s.reason.is_empty());
    }
    let mut ids: HashSet<String> = draft::taken_ids(&into);
    let mut last_line = 0;
    for row in &parsed.rows {
        assert!(row.line >= 1 && row.line <= lines, "row placed at line {}", row.line);
        // Not strictly after: a lone CR ends a record but not a line (lines are counted by LF).
        assert!(row.line >= last_line, "rows out of order: line {} after {last_line}", row.line);
        last_line = row.line;
        let f = &row.fact;
        let a = f.authored.as_deref().expect("an imported question is authored");
        assert!(a.correct < a.options.len(), "the right option is not an option");
        for s in one_line_texts(f) {
            assert!(!s.chars().any(char::is_control), "control character in {s:?}");
            assert_eq!(s.trim(), s, "untrimmed text");
        }
        if let Some(e) = &f.explain {
            assert!(!e.chars().any(|c| c.is_control() && c != '\n'), "control in {e:?}");
        }
        // An id the importer makes (from the stem: its slug, or the slug and `-N`) is short;
        // one written in the `id` column is the author's, as `--id` is, and only has to be a
        // valid id.
        let slug = recall::ids::slugify(&f.cue);
        let made = f.id.as_str() == slug
            || f.id
                .as_str()
                .strip_prefix(slug.as_str())
                .and_then(|rest| rest.strip_prefix('-'))
                .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
        if made {
            assert!(f.id.as_str().len() <= recall::ids::MAX_SLUG + 8, "long id {}", f.id);
        }
        assert!(ids.insert(f.id.as_str().to_owned()), "id {} twice", f.id);
    }
    let facts: Vec<Fact> = parsed.rows.iter().map(|r| r.fact.clone()).collect();
    let skeleton = template::imported_deck(
        &DeckId::new("fuzz").expect("a valid id"),
        "Fuzz",
        Path::new("fuzz.csv"),
    );
    let new = edit::append_facts(&skeleton, &facts).expect("the template takes questions");
    match write::check(Path::new("fuzz.ron"), new) {
        Ok(checked) => {
            let deck = checked.into_deck().expect("a checked text holds a deck");
            assert_eq!(deck.facts.len(), facts.len(), "questions lost on the way to the deck");
            for (read, made) in deck.facts.iter().zip(&facts) {
                assert_eq!(read, made, "a question reads back differently");
            }
        }
        Err(write::WriteError::Invalid { diagnostics, .. })
            if diagnostics.iter().any(|d| d.code == "too-large") => {}
        Err(e) => panic!("an import made a deck that does not load: {e}"),
    }
}

/// The texts of a question shown on one line: its stem, statements, pairs, closing question,
/// options, source, topic and tags.
fn one_line_texts(f: &Fact) -> Vec<&str> {
    let mut out = vec![f.cue.as_str()];
    if let Some(a) = f.authored.as_deref() {
        out.extend(a.statements.iter().map(String::as_str));
        out.extend(a.pairs.iter().flat_map(|(l, r)| [l.as_str(), r.as_str()]));
        out.extend(a.ask.as_deref());
        out.extend(a.options.iter().map(String::as_str));
    }
    out.extend(f.source.as_deref());
    out.extend(f.topic.as_deref());
    out.extend(f.tags.iter().map(String::as_str));
    out
}

/// The review-log reader: any bytes parse or give an error; what parses converts to FSRS items.
pub fn review_log(data: &[u8]) {
    let Ok(parsed) = log::parse_log(data) else { return };
    for p in &parsed.problems {
        assert!(!p.reason.is_empty());
    }
    let days = LearnerDays::new(jiff::tz::TimeZone::UTC, 4);
    let items = log::to_fsrs_items(&parsed.records, &days);
    assert_eq!(items.reviews, parsed.records.len());
    assert_eq!(items.items.len(), items.card_ids.len());
}
