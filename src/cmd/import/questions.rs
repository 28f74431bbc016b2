//! `recall import` of a question file (a header row with `stem` and `options` columns): the
//! rows become authored questions, written through the same checked, atomic path as facts.

use std::process::ExitCode;

use anyhow::Context as _;

use super::{plural, report_skipped};
use crate::check;
use crate::cli::{DeckPaths, ImportArgs, UsageError};
use crate::context::Context;
use crate::deck::{Deck, Fact, edit, import, import_questions, template, write};
use crate::ids::DeckId;

pub fn run(
    ctx: &Context,
    args: &ImportArgs,
    mut parsed: import_questions::Parsed,
    existing: Option<(std::path::PathBuf, Deck)>,
) -> anyhow::Result<ExitCode> {
    let file = &args.file;
    let name = file.display();
    if args.kind.is_some() {
        parsed.warnings.push(import::Warning {
            line: 0,
            message: "--kind is for facts; the rows of this file are questions".to_owned(),
        });
    }
    if parsed.rows.is_empty()
        && !parsed.known.is_empty()
        && let Some((deck_path, _)) = &existing
    {
        report_skipped(&name, &parsed.skipped, &parsed.warnings)?;
        outln!(
            "Nothing new to import: the questions of {name} are already in {}; nothing was written.",
            deck_path.display()
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    if args.into.is_none()
        && let Some((deck_path, _)) = &existing
    {
        return Err(anyhow::anyhow!(
            "{} already exists and lacks {} of {name}: use --into {} to add them, or --force to replace the deck",
            deck_path.display(),
            plural(parsed.rows.len(), "question"),
            deck_path.display(),
        ));
    }
    let mut skipped = parsed.skipped.clone();
    skipped.extend(parsed.known.iter().cloned());
    skipped.sort_by_key(|s| s.line);
    report_skipped(&name, &skipped, &parsed.warnings)?;
    if parsed.rows.is_empty() {
        anyhow::bail!(
            "{name}: no usable questions ({} skipped); nothing was written",
            skipped.len()
        );
    }
    let topic = args.topic.as_deref().map(str::trim).filter(|t| !t.is_empty());
    let facts: Vec<Fact> = parsed
        .rows
        .into_iter()
        .map(|r| {
            let mut fact = r.fact;
            if fact.topic.is_none() {
                fact.topic = topic.map(str::to_owned);
            }
            fact
        })
        .collect();
    let (out, loaded) = match existing {
        Some((deck_path, _)) => {
            write::append_to_file(&deck_path, &facts)?;
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
            let folder = ctx.decks_dir()?.path;
            let out = write::new_deck_path(
                args.output.as_deref(),
                &folder,
                args.force,
                &id,
                "add to it",
            )?;
            let title = args.title.as_deref().map_or_else(
                || import::title_from(file),
                |t| crate::deck::draft::plain_text(t, false),
            );
            let skeleton = template::imported_deck(&id, &title, file);
            let text = edit::append_facts(&skeleton, &facts)?;
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
        "Imported {} from {name} into {}; skipped {}; {}.",
        plural(facts.len(), "question"),
        out.display(),
        plural(skipped.len(), "row"),
        plural(parsed.warnings.len(), "warning")
    )?;
    match loaded {
        Some(loaded) => check::report(ctx, loaded, false),
        None => check::report(ctx, check::load(ctx, &DeckPaths { paths: vec![out] })?, false),
    }
}
