//! `recall import`: turn a CSV/TSV export (Anki "Notes in Plain Text", Quizlet) into facts of a
//! new deck or of an existing one.
//!
//! Parsing lives in [`crate::deck::import`]; this wires the file, the deck writing (the same
//! checked, atomic, byte-preserving path as `recall add`) and the report. Anki packages
//! (`.apkg`, `.colpkg`) take their own path, [`anki`], which shares the choice of the target
//! deck with this one.

pub mod anki;
mod questions;

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;

use crate::check;
use crate::cli::{DeckPaths, ImportArgs, UsageError, kind_flag};
use crate::context::Context;
use crate::deck::{Deck, Fact, FactKind, draft, edit, import, import_questions, template, write};
use crate::ids::DeckId;
use crate::limited;

/// How many skipped rows and warnings are listed one by one.
const SHOWN: usize = 30;

pub fn run(ctx: &Context, args: &ImportArgs) -> anyhow::Result<ExitCode> {
    let file = &args.file;
    let ext = file.extension().map(|e| e.to_string_lossy().to_ascii_lowercase());
    if matches!(ext.as_deref(), Some("apkg" | "colpkg")) {
        return anki::run(ctx, args);
    }
    let kind = kind_flag(args.kind.as_deref())?.unwrap_or(FactKind::Term);
    let bytes = limited::read(file, limited::CSV_IMPORT)?;
    let text = import::decode(&bytes).map_err(|e| anyhow::anyhow!("{} {e}", file.display()))?;
    // Appending to a deck: load it first, so rows it already holds are told apart. A new deck
    // whose file is already there with the same id is most likely this file imported before:
    // its rows are compared too, so that doing it again is found to add nothing.
    let existing = match &args.into {
        Some(deck_path) => {
            let deck_path = ctx.find_deck(deck_path)?;
            let deck = target_deck(&deck_path, args.deck_id.as_deref())?;
            Some((deck_path, deck))
        }
        None => imported_before(ctx, args),
    };
    let deck = existing.as_ref().map(|(_, d)| d);
    if let Some(questions) = import_questions::parse(&text, ext.as_deref(), deck) {
        return questions::run(ctx, args, questions, existing);
    }
    let mut parsed = import::parse_delimited(&text, ext.as_deref());
    if let Some((_, deck)) = &existing {
        parsed.skip_known(deck);
    }
    let name = file.display();
    if parsed.rows.is_empty()
        && !parsed.known.is_empty()
        && let Some((deck_path, _)) = &existing
    {
        // The same file again (or one with nothing new): no error, nothing to write.
        let unusable = match parsed.skipped.len() {
            0 => String::new(),
            n => format!(" ({} skipped as unusable, listed above)", plural(n, "other row")),
        };
        report_skipped(&name, &parsed.skipped, &parsed.warnings)?;
        outln!(
            "Nothing new to import: {} of {name} {} already in {}{unusable}; nothing was written.",
            if parsed.known.len() == 1 {
                "the 1 usable row".to_owned()
            } else {
                format!("all {} usable rows", parsed.known.len())
            },
            if parsed.known.len() == 1 { "is" } else { "are" },
            deck_path.display()
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    if args.into.is_none()
        && let Some((deck_path, _)) = &existing
    {
        // The deck is there and this file has rows it lacks: adding them is `--into`'s job.
        return Err(anyhow::anyhow!(
            "{} already exists and lacks {} of {name}: use --into {} to add {}, or --force to replace the deck",
            deck_path.display(),
            plural(parsed.rows.len(), "row"),
            deck_path.display(),
            if parsed.rows.len() == 1 { "it" } else { "them" }
        ));
    }
    // Rows the deck holds already are listed with the unusable ones, in file order.
    let mut skipped = parsed.skipped.clone();
    skipped.extend(parsed.known.iter().cloned());
    skipped.sort_by_key(|s| s.line);
    let warnings = parsed.warnings.clone();
    report_skipped(&name, &skipped, &warnings)?;
    if parsed.rows.is_empty() {
        anyhow::bail!("{name}: no usable rows ({} skipped); nothing was written", skipped.len());
    }
    let topic = args.topic.as_deref().map(str::trim).filter(|t| !t.is_empty());
    // Ids made from cues must not clash with the deck's own (a new deck has none yet).
    let mut taken = existing.as_ref().map_or_else(HashSet::new, |(_, deck)| draft::taken_ids(deck));
    let facts = parsed.into_facts(kind, topic, &mut taken);
    let noun = Imported { what: "fact", skipped: skipped.len(), warnings: warnings.len() };
    write_and_report(ctx, args, existing.map(|(path, _)| path), &facts, noun)
}

/// What an import says it did, besides where: `Imported 3 facts …; skipped 1 row; 0 warnings.`
pub(super) struct Imported {
    /// `fact` or `question`.
    pub what: &'static str,
    pub skipped: usize,
    pub warnings: usize,
}

/// Writes the imported facts (or authored questions, which are facts to the deck) to their
/// deck: appended to the existing deck file, or as a new deck from `--deck ID`, checked by
/// `recall check`'s loader before anything is written. Then says what was imported and
/// reports the deck as `recall check` would. Shared by fact and question imports.
pub(super) fn write_and_report(
    ctx: &Context,
    args: &ImportArgs,
    existing: Option<PathBuf>,
    facts: &[Fact],
    imported: Imported,
) -> anyhow::Result<ExitCode> {
    let file = &args.file;
    let (out, loaded) = match existing {
        Some(deck_path) => {
            write::append_to_file(&deck_path, facts)?;
            (deck_path, None)
        }
        None => {
            let Some(id) = &args.deck_id else {
                return Err(UsageError(
                    "--deck ID is required for a new deck (or use --into DECK.ron to add to one)"
                        .into(),
                )
                .into());
            };
            let id = DeckId::new(id.as_str()).map_err(|e| UsageError(format!("--deck: {e}")))?;
            // The bundled decks come first into a default folder this deck is the first of.
            let folder = match args.output {
                Some(_) => ctx.decks_dir()?.path,
                None => ctx.decks_dir_installed()?.path,
            };
            let out = write::new_deck_path(
                args.output.as_deref(),
                &folder,
                args.force,
                &id,
                "add to it",
            )?;
            let title = args
                .title
                .as_deref()
                .map_or_else(|| import::title_from(file), |t| draft::plain_text(t, false));
            let skeleton = template::imported_deck(&id, &title, file);
            let text = edit::append_facts(&skeleton, facts)?;
            let checked = write::check(&out, text)?;
            if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty() && !d.exists()) {
                std::fs::create_dir_all(dir)
                    .with_context(|| format!("cannot create folder {}", dir.display()))?;
            }
            write::create(&checked, args.force)?;
            (out, Some(checked.into_loaded()))
        }
    };
    outln!(
        "Imported {} from {} into {}; skipped {}; {}.",
        plural(facts.len(), imported.what),
        file.display(),
        out.display(),
        plural(imported.skipped, "row"),
        plural(imported.warnings, "warning")
    )?;
    match loaded {
        // The new deck was loaded once to be checked before it was written: report that load.
        Some(loaded) => check::report(ctx, loaded, false),
        None => check::report(ctx, check::load(ctx, &DeckPaths { paths: vec![out] })?, false),
    }
}

/// Lists the rows skipped and the warnings on stderr: the first [`SHOWN`] of each (a wrong
/// separator can make every row unusable: the first few say why, not 50,000 lines).
pub(super) fn report_skipped(
    name: &impl std::fmt::Display,
    skipped: &[import::Skipped],
    warnings: &[import::Warning],
) -> std::io::Result<()> {
    let mut err = crate::out::stderr();
    // A reason may quote the row: its control characters written out.
    let printable = crate::text::printable;
    for s in skipped.iter().take(SHOWN) {
        writeln!(err, "{name}:{}: skipped: {}", s.line, printable(&s.reason))?;
    }
    if skipped.len() > SHOWN {
        writeln!(err, "{name}: … and {} more skipped rows", skipped.len() - SHOWN)?;
    }
    for w in warnings.iter().take(SHOWN) {
        if w.line > 0 {
            writeln!(err, "{name}:{}: warning: {}", w.line, printable(&w.message))?;
        } else {
            writeln!(err, "{name}: warning: {}", printable(&w.message))?;
        }
    }
    if warnings.len() > SHOWN {
        writeln!(err, "{name}: … and {} more warnings", warnings.len() - SHOWN)?;
    }
    Ok(())
}

/// For a new deck (`--deck ID`, no `--force`): the deck already at its path with the same id,
/// if there is one, loaded, so a second import of the same file can be told to add nothing.
/// Anything else (no file, another deck, a file that does not load) is `None`, and the usual
/// checks of a new deck's path say what is wrong.
fn imported_before(ctx: &Context, args: &ImportArgs) -> Option<(std::path::PathBuf, Deck)> {
    if args.force {
        return None;
    }
    let id = DeckId::new(args.deck_id.as_deref()?).ok()?;
    let folder = ctx.decks_dir().ok()?.path;
    let Err(write::NewDeckError::Exists { path, .. }) =
        write::new_deck_path(args.output.as_deref(), &folder, false, &id, "add to it")
    else {
        return None;
    };
    let (_, deck) = write::load_for_edit(&path).ok()?;
    (deck.id == id).then_some((path, deck))
}

/// The deck `--into` names, loaded for appending; `--deck`, if also given, must be its id (a
/// usage error otherwise: the learner named two different decks).
fn target_deck(deck_path: &Path, deck_id: Option<&str>) -> anyhow::Result<Deck> {
    let (_, deck) = write::load_for_edit(deck_path)?;
    if let Some(id) = deck_id
        && id != deck.id.as_str()
    {
        return Err(UsageError(format!(
            "--deck `{id}` does not match {}, whose id is `{}`",
            deck_path.display(),
            deck.id
        ))
        .into());
    }
    Ok(deck)
}

pub(super) fn plural(n: usize, what: &str) -> String {
    if n == 1 { format!("1 {what}") } else { format!("{n} {what}s") }
}
