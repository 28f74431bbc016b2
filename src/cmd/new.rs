//! `recall new`: start a deck file from the documented template, in the decks folder unless a
//! path is given.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;

use crate::cli::{NewArgs, UsageError};
use crate::context::Context;
use crate::deck::{template, write};
use crate::ids::{DeckId, slugify};

pub fn run(ctx: &Context, args: &NewArgs) -> anyhow::Result<ExitCode> {
    // `recall new polity`: a bare name (no folder, no extension) is a deck in the decks folder,
    // as `recall add polity` finds it there.
    let name = args
        .path
        .as_deref()
        .filter(|p| p.extension().is_none() && p.components().count() == 1)
        .map(|p| p.to_string_lossy().into_owned());
    // A title is shown on every screen: no terminal escapes or other controls in it.
    let title = match (&args.title, &args.path) {
        (Some(title), _) => crate::deck::draft::plain_text(title, false),
        (None, Some(path)) => crate::deck::import::title_from(path),
        (None, None) => String::new(),
    };
    let title = title.trim();
    if title.is_empty() {
        return Err(UsageError("--title must not be empty".into()).into());
    }
    let given_id = args
        .id
        .as_deref()
        .map(|id| DeckId::new(id).map_err(|e| UsageError(format!("--id: {e}"))))
        .transpose()?;
    let in_decks_folder = args.path.is_none() || name.is_some();
    let (path, id): (PathBuf, DeckId) = match (&args.path, &name) {
        (_, Some(name)) => {
            let id = match given_id {
                Some(id) => id,
                None => DeckId::new(slugify(name)).map_err(|e| {
                    UsageError(format!("{name}: {e} (give the deck an id with --id)"))
                })?,
            };
            (ctx.decks_dir_installed()?.path.join(format!("{id}.ron")), id)
        }
        (Some(path), None) => {
            if path.extension().is_none_or(|e| e != "ron") {
                return Err(UsageError(format!(
                    "{}: deck files end in `.ron` (recall looks for *.ron in deck folders)",
                    path.display()
                ))
                .into());
            }
            let id = match given_id {
                Some(id) => id,
                None => {
                    let stem = path.file_stem().map(|s| s.to_string_lossy()).unwrap_or_default();
                    DeckId::new(slugify(&stem)).map_err(|e| UsageError(format!("--id: {e}")))?
                }
            };
            (path.clone(), id)
        }
        (None, None) => {
            let id = match given_id {
                Some(id) => id,
                None => DeckId::new(slugify(title)).map_err(|e| {
                    UsageError(format!("--id: {e} (the title makes no id; give one with --id)"))
                })?,
            };
            (ctx.decks_dir_installed()?.path.join(format!("{id}.ron")), id)
        }
    };
    let path = path.as_path();
    if std::fs::symlink_metadata(path).is_ok() {
        anyhow::bail!("{} already exists; recall new never overwrites a file", path.display());
    }
    let folder = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    if let Some(other) = write::deck_id_in_folder(folder, &id) {
        anyhow::bail!(
            "deck id `{id}` is already used by {}; pick another with --id",
            other.display()
        );
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
        && !dir.exists()
    {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("cannot create folder {}", dir.display()))?;
    }
    // In the decks folder the id finds the file (`recall add ID`); elsewhere the path does.
    let add = if in_decks_folder { id.to_string() } else { path.display().to_string() };
    let text = template::new_deck(&id, title, &add, args.examples);
    write::create(&write::check(path, text)?, false)?;
    outln!("Created {} (deck `{id}`). Add facts with `recall add {add}`.", path.display())?;
    Ok(ExitCode::SUCCESS)
}
