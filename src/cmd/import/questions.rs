//! `recall import` of a question file (a header row with `stem` and `options` columns): the
//! rows become authored questions, written through the same checked, atomic path as facts.

use std::process::ExitCode;

use super::{Imported, plural, report_skipped, write_and_report};
use crate::cli::ImportArgs;
use crate::context::Context;
use crate::deck::{Deck, Fact, import, import_questions};

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
    let imported =
        Imported { what: "question", skipped: skipped.len(), warnings: parsed.warnings.len() };
    write_and_report(ctx, args, existing.map(|(path, _)| path), &facts, imported)
}
