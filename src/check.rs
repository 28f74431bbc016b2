//! Checking decks at the edge: what `recall check` prints ([`report`], also printed by
//! `recall import` after it writes a deck), and [`load_decks`], the same loading for the
//! commands that study from decks, which refuses decks with errors.
//!
//! When the decks have no errors, two checks beyond the deck layer follow, each warning placed
//! at a deck's or fact's `id` like every other diagnostic: facts that lack plausible
//! multiple-choice options (`weak-options`, from [`quiz::lint`]) and, with a progress file in
//! the data folder, cards of the checked decks that have answers but no fact any more (renamed
//! or deleted) or no such card (`orphaned-history`).
//!
//! Text mode prints the rustc-style diagnostics and the summary on stdout. `--json` prints
//! only a JSON array on stdout (one object per diagnostic) and the summary on stderr, so the
//! output can be piped straight into `jq` or an editor.
//!
//! It sits above the deck layer, the quiz lint and the store, and prints: a missing path is a
//! [`UsageError`](crate::cli::UsageError) (exit 2). It imports no command.

use std::collections::HashSet;
use std::io::Write;
use std::process::ExitCode;

use crate::cli::DeckPaths;
use crate::context::{Context, print_note};
use crate::deck::schema::Problem;
use crate::deck::{self, Fact, Library, Loaded};
use crate::ids::{CardKey, DeckId};
use crate::quiz;
use crate::store::{Mode, Store};

/// Adds the checks that need more than the deck files (question lint, orphaned history) to
/// what loading found, prints it all and a summary line, and picks the exit code. Commands that
/// have just loaded a deck themselves (`recall import`) report through here without loading
/// it again.
pub fn report(ctx: &Context, mut loaded: Loaded, json: bool) -> anyhow::Result<ExitCode> {
    if !loaded.has_errors() {
        quiz_warnings(&mut loaded);
        orphan_warnings(ctx, &mut loaded);
        loaded.sort();
    }
    let mut out = crate::out::stdout();
    if json {
        serde_json::to_writer_pretty(&mut out, &loaded.diagnostics)
            .map_err(std::io::Error::from)?;
        writeln!(out)?;
        out.flush()?;
        errln!("{}", loaded.summary());
    } else {
        write!(out, "{}", loaded.render(ctx.colors.stdout.is_color()))?;
        writeln!(out, "{}", loaded.summary())?;
        out.flush()?;
    }
    let code = if loaded.has_errors() { ExitCode::FAILURE } else { ExitCode::SUCCESS };
    // The process ends now: freeing a large library fact by fact would take a tenth of a
    // second (100,000 facts) for nothing.
    std::mem::forget(loaded);
    Ok(code)
}

/// Warnings for cards of the loaded decks that have answers in the store but whose fact (or
/// direction) is gone: their history is kept, and the learner may have renamed a fact by
/// mistake. Placed at the deck's `id` when the fact is gone, at the fact's when only a card
/// is. Only decks that were loaded are looked at (checking one deck file says nothing about
/// the others), and only an existing progress file is read: `check` never creates one. A
/// progress file that cannot be read is a warning too, not a failure of the deck check.
fn orphan_warnings(ctx: &Context, loaded: &mut Loaded) {
    let Ok(dir) = ctx.data_dir() else { return };
    let library = &loaded.library;
    let orphans = Store::open_at(&dir, Mode::Read, &ctx.zoned_now()).and_then(|store| {
        let known: HashSet<CardKey> = library
            .decks
            .iter()
            .flat_map(|file| file.deck.facts.iter().flat_map(|f| fact_cards(&file.deck.id, f)))
            .collect();
        store.orphans(&known)
    });
    let orphans = match orphans {
        Ok(orphans) => orphans,
        Err(e) => {
            errln!("warning: orphaned history not checked: {e}");
            return;
        }
    };
    let found: Vec<_> = orphans
        .into_iter()
        .filter_map(|(card, reviews)| {
            let path = library.decks.iter().find(|f| f.deck.id == card.deck)?.path.clone();
            Some((path, card, reviews))
        })
        .collect();
    for (path, card, reviews) in found {
        let reviews = format!("{reviews} review{}", if reviews == 1 { "" } else { "s" });
        let (span, what, hint) = match loaded.fact_span(&path, &card.fact) {
            Some(span) => (
                span,
                "no such card in the decks",
                format!(
                    "fact `{}` no longer makes this card (a cloze blank removed, or a `skip` added)",
                    card.fact
                ),
            ),
            None => (
                loaded.deck_span(&path).unwrap_or(0..0),
                "no fact in the decks",
                format!(
                    "if fact `{}` was renamed, give it back its old id to keep its progress",
                    card.fact
                ),
            ),
        };
        let message = format!("`{card}` has {reviews} but {what}; its history is kept");
        loaded.push_at(&path, Problem::warning("orphaned-history", span, message).hint(hint));
    }
}

/// Warnings for facts whose questions cannot be asked as written, placed at the fact's `id`:
/// a multiple-choice or true/false question without enough plausible options falls back to
/// another kind ([`quiz::lint`], the one judge of "too few options": it knows which
/// distractors look alike and which are generated for dates and numbers).
fn quiz_warnings(loaded: &mut Loaded) {
    let library = &loaded.library;
    let found: Vec<_> = quiz::lint(library)
        .into_iter()
        .filter_map(|w| {
            let path = library.decks.iter().find(|f| f.deck.id == w.deck)?.path.clone();
            Some((path, w))
        })
        .collect();
    for (path, w) in found {
        let span = loaded.fact_span(&path, &w.fact).unwrap_or(0..0);
        loaded.push_at(&path, Problem::warning("weak-options", span, w.message).hint(w.hint));
    }
}

/// The cards (memory items) of a fact, keyed as the store keys them ([`quiz::cards`]).
pub fn fact_cards(deck: &DeckId, fact: &Fact) -> Vec<CardKey> {
    quiz::cards(fact).into_iter().map(|d| CardKey::new(deck.clone(), fact.id.clone(), d)).collect()
}

/// Loads the decks a command works on: the paths given, each found here or in the decks
/// folder, or the decks folder itself (with the bundled decks put there on first use). A path
/// found nowhere is a usage error (exit 2) naming where it was looked for.
pub fn load(ctx: &Context, paths: &DeckPaths) -> anyhow::Result<Loaded> {
    if !paths.paths.is_empty() {
        let found = paths.paths.iter().map(|p| ctx.find_deck(p));
        return Ok(deck::load_paths(&found.collect::<anyhow::Result<Vec<_>>>()?));
    }
    let dir = ctx.library_dir()?;
    let loaded = deck::load_paths(std::slice::from_ref(&dir.path));
    if loaded.files == 0 {
        // Say where recall looked: an empty folder is a choice, but maybe not the one meant.
        print_note(&format!("note: no decks in {dir}; start one with `recall new NAME`"));
    }
    Ok(loaded)
}

/// Decks with errors: the commands that study from them refuse to start.
#[derive(Debug, thiserror::Error)]
#[error(
    "{errors} error{s} in the decks (shown above); fix them and try again",
    s = if *errors == 1 { "" } else { "s" }
)]
pub struct DeckErrors {
    pub errors: usize,
}

/// For commands that study from decks (`study`, `exam`, …): loads them and, if any has an
/// error, prints the errors rustc-style on stderr and fails with [`DeckErrors`] (exit 1).
/// Warnings are not printed, only counted in a one-line note (`recall check` shows them), so
/// a daily session starts quietly. A missing path is a [`UsageError`](crate::cli::UsageError) (exit 2).
pub fn load_decks(ctx: &Context, paths: &DeckPaths) -> anyhow::Result<Library> {
    let stderr = ctx.colors.stderr;
    let loaded = load(ctx, paths)?;
    if loaded.has_errors() {
        err!("{}", loaded.render_errors(stderr.is_color()));
        return Err(DeckErrors { errors: loaded.error_count() }.into());
    }
    let warnings = loaded.warning_count();
    if warnings > 0 {
        errln!(
            "note: the decks have {warnings} warning{}; `recall check` shows them",
            if warnings == 1 { "" } else { "s" }
        );
    }
    Ok(loaded.library)
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::context::{Colors, DecksSources};

    fn fixture(rel: &str) -> DeckPaths {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/check").join(rel);
        DeckPaths { paths: vec![path] }
    }

    /// A context whose data and decks folders are in a folder that does not exist.
    fn ctx() -> Context {
        let nowhere = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/nowhere");
        Context {
            now: jiff::Timestamp::UNIX_EPOCH,
            tz: jiff::tz::TimeZone::UTC,
            data_dir_override: Some(nowhere.clone()),
            decks: DecksSources { env: Some(nowhere), setting: Ok(None) },
            colors: Colors::PLAIN,
        }
    }

    #[test]
    fn load_decks_gives_the_library_of_sound_decks() {
        let library = load_decks(&ctx(), &fixture("valid")).unwrap();
        assert_eq!(library.fact_count(), 6);
        // Warnings do not stop a session.
        assert_eq!(load_decks(&ctx(), &fixture("warnings")).unwrap().fact_count(), 2);
    }

    #[test]
    fn load_decks_refuses_decks_with_errors() {
        let err = load_decks(&ctx(), &fixture("bad/missing-comma.ron")).unwrap_err();
        let errors = err.downcast_ref::<DeckErrors>().unwrap();
        assert_eq!(errors.errors, 1);
        assert_eq!(err.to_string(), "1 error in the decks (shown above); fix them and try again");
    }

    #[test]
    fn load_decks_reports_missing_paths_as_usage_errors() {
        let err = load_decks(&ctx(), &fixture("nope")).unwrap_err();
        assert!(err.downcast_ref::<crate::cli::UsageError>().is_some());
    }
}
