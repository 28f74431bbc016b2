//! `recall new`: start a deck file from the documented template.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Context as _;

use crate::cli::{NewArgs, UsageError};
use crate::context::Context;
use crate::deck::{template, write};
use crate::ids::{DeckId, slugify};

pub fn run(_ctx: &Context, args: &NewArgs) -> anyhow::Result<ExitCode> {
    let path = &args.path;
    if path.extension().is_none_or(|e| e != "ron") {
        return Err(UsageError(format!(
            "{}: deck files end in `.ron` (recall looks for *.ron in deck folders)",
            path.display()
        ))
        .into());
    }
    let id = match &args.id {
        Some(id) => DeckId::new(id.as_str()).map_err(|e| UsageError(format!("--id: {e}")))?,
        None => {
            let stem = path.file_stem().map(|s| s.to_string_lossy()).unwrap_or_default();
            DeckId::new(slugify(&stem)).map_err(|e| UsageError(format!("--id: {e}")))?
        }
    };
    if args.title.trim().is_empty() {
        return Err(UsageError("--title must not be empty".into()).into());
    }
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
    let text =
        template::new_deck(&id, args.title.trim(), &path.display().to_string(), args.examples);
    write::create(path, &text, false)?;
    println!(
        "Created {} (deck `{id}`). Add facts with `recall add {}`.",
        path.display(),
        path.display()
    );
    Ok(ExitCode::SUCCESS)
}
