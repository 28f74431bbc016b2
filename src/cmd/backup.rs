//! `recall backup`: list the progress file's backups, make one now, or restore one.
//!
//! Backups are made and kept by the store ([`crate::store::Store::backup`]); this command shows
//! them with what each holds (answers, the last answer's date), so a learner can pick the one
//! to go back to, and restores by number or from a file.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::cli::{BackupAction, BackupArgs, UsageError};
use crate::context::Context;
use crate::store::{self, BackupFile, BackupReason, FILE_NAME, KEEP_DAILY, KEEP_OTHER};
use crate::text::{self, Align, Table};
use crate::ui;

pub fn run(ctx: &Context, args: &BackupArgs) -> anyhow::Result<ExitCode> {
    let dir = ctx.data_dir()?;
    match &args.action {
        None | Some(BackupAction::List) => list(ctx, &dir),
        Some(BackupAction::Now) => now(ctx),
        Some(BackupAction::Restore { which }) => restore(ctx, &dir, which),
    }
}

fn list(ctx: &Context, dir: &Path) -> anyhow::Result<ExitCode> {
    let backups = store::list_backups(dir)?;
    let mut out = crate::out::stdout();
    let file = dir.join(FILE_NAME);
    let width = ui::width();
    let paragraph = |text: String| {
        let mut wrapped = String::new();
        text::wrap_into(&mut wrapped, &text, "", width);
        wrapped
    };
    if backups.is_empty() {
        write!(
            out,
            "{}",
            paragraph(format!(
                "No backups of {} yet. recall makes one each day before the day's first change, \
                 before an import of history and before an upgrade; `recall backup now` makes \
                 one now.",
                file.display()
            ))
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(out, "Backups of {}, newest first:\n", file.display())?;
    let mut table = Table::new(["#", "made", "why", "size", "answers", "last answer"])
        .align(&[Align::Right, Align::Left, Align::Left, Align::Right, Align::Right, Align::Left])
        .indent(2);
    for (i, backup) in backups.iter().enumerate() {
        let contents = backup.contents();
        let last = contents
            .and_then(|c| c.last_answer)
            .map(|t| t.to_zoned_datetime(ctx.tz.clone()).strftime("%Y-%m-%d %H:%M").to_string());
        table.row([
            (i + 1).to_string(),
            backup.made.strftime("%Y-%m-%d %H:%M").to_string(),
            backup.reason.as_str().to_owned(),
            size(backup.bytes),
            contents.map_or_else(|| "unreadable".to_owned(), |c| c.answers.to_string()),
            last.unwrap_or_else(|| "-".to_owned()),
        ]);
    }
    write!(out, "{}", table.render(width, ctx.colors.stdout))?;
    write!(
        out,
        "\n{}",
        paragraph(format!(
            "In {}.\n`recall backup restore N` puts one back (the current file is kept as a \
             backup first). recall keeps the {KEEP_DAILY} newest daily backups and the \
             {KEEP_OTHER} newest others; damaged files moved aside are never deleted.",
            dir.join(store::BACKUP_DIR).display()
        ))
    )?;
    Ok(ExitCode::SUCCESS)
}

fn now(ctx: &Context) -> anyhow::Result<ExitCode> {
    let store = ctx.read_store()?;
    if store.is_new() {
        anyhow::bail!("there is no progress file to back up yet ({})", store.path().display());
    }
    let backup = store.backup(BackupReason::ByHand, &ctx.zoned_now())?;
    let bytes = std::fs::metadata(&backup).map(|m| m.len()).unwrap_or(0);
    writeln!(
        crate::out::stdout(),
        "Backed up {} to {} ({}).",
        store.path().display(),
        backup.display(),
        size(bytes)
    )?;
    Ok(ExitCode::SUCCESS)
}

fn restore(ctx: &Context, dir: &Path, which: &str) -> anyhow::Result<ExitCode> {
    let source = match which.parse::<usize>() {
        Ok(n) => {
            let backups = store::list_backups(dir)?;
            let Some(backup) = n.checked_sub(1).and_then(|i| backups.get(i)) else {
                return Err(UsageError(match backups.len() {
                    0 => format!("there is no backup {n}: there are no backups yet"),
                    k => format!("there is no backup {n}: `recall backup list` shows 1 to {k}"),
                })
                .into());
            };
            backup.path.clone()
        }
        Err(_) => {
            let path = PathBuf::from(which);
            if !path.exists() {
                return Err(UsageError(format!(
                    "`{which}` is neither a backup number (see `recall backup list`) nor a file"
                ))
                .into());
            }
            path
        }
    };
    let restored = store::restore(dir, &source, &ctx.zoned_now())?;
    let mut out = crate::out::stdout();
    writeln!(out, "Restored {} from {}.", dir.join(FILE_NAME).display(), source.display())?;
    match restored.kept.as_deref().and_then(BackupFile::at) {
        Some(kept) if kept.reason == BackupReason::Damaged => {
            writeln!(out, "The damaged file was moved, as it was, to {}.", kept.path.display())?
        }
        Some(kept) => writeln!(
            out,
            "The file it replaced is kept as {} (number 1 in `recall backup list`: restore it to \
             undo this).",
            kept.path.display()
        )?,
        None => {}
    }
    Ok(ExitCode::SUCCESS)
}

/// A file size in binary units, as `ls -h` and file managers show it.
fn size(bytes: u64) -> String {
    const KIB: f64 = 1024.0;
    let b = bytes as f64;
    if b < KIB * KIB {
        format!("{:.0} KiB", (b / KIB).ceil())
    } else if b < KIB * KIB * KIB {
        format!("{:.1} MiB", b / (KIB * KIB))
    } else {
        format!("{:.2} GiB", b / (KIB * KIB * KIB))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_are_in_binary_units() {
        assert_eq!(size(0), "0 KiB");
        assert_eq!(size(4096), "4 KiB");
        assert_eq!(size(4097), "5 KiB");
        assert_eq!(size(213_307_392), "203.4 MiB");
        assert_eq!(size(3 << 30), "3.00 GiB");
    }
}
