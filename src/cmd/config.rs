//! `recall config`: list the study settings, show one, set one, or reset one to its default.
//! Values live in the progress file (see [`crate::store`]); validation is in
//! [`crate::settings`]. An unknown key or a bad value is a usage error (exit 2).
//!
//! A `decks-dir` given relative is stored absolute, from the folder `recall config` runs in, so
//! that it names the same folder wherever recall runs later.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use crate::cli::{ConfigArgs, UsageError};
use crate::context::Context;
use crate::settings::Settings;
use crate::store::StoreError;

pub fn run(ctx: &Context, args: &ConfigArgs) -> anyhow::Result<ExitCode> {
    // Showing settings reads the file and never creates it; changing one writes.
    let writes = args.reset.is_some() || args.value.is_some();
    let store = if writes { ctx.open_store()? } else { ctx.read_store()? };
    let mut out = crate::out::stdout();
    let defaults = Settings::default();
    match (&args.reset, &args.key, &args.value) {
        (Some(key), _, _) => {
            store.reset_setting(key).map_err(usage)?;
            writeln!(out, "{key} = {} (default)", defaults.get(key)?)?;
        }
        (None, Some(key), Some(value)) => {
            let value = if key == "decks-dir" { absolute_folder(value)? } else { value.clone() };
            let stored = store.set_setting(key, &value).map_err(usage)?;
            writeln!(out, "{key} = {stored} (default {})", defaults.get(key)?)?;
            if key == "decks-dir"
                && value != Settings::AUTO_DECKS_DIR
                && !Path::new(&value).is_dir()
            {
                writeln!(out, "note: {value} does not exist yet; `recall new NAME` creates it")?;
            }
        }
        (None, Some(key), None) => {
            let settings = store.settings()?;
            let value = settings.get(key).map_err(|e| UsageError(e.to_string()))?;
            writeln!(out, "{value}")?;
        }
        (None, None, _) => {
            let settings = store.settings()?;
            let width = Settings::KEYS.iter().map(|k| k.key.len()).max().unwrap_or(0);
            let columns = crate::ui::width();
            for k in Settings::KEYS {
                let value = settings.get(k.key)?;
                let default = defaults.get(k.key)?;
                let marker = if value == default {
                    "(default)".to_owned()
                } else {
                    format!("(default {default})")
                };
                let row = format!("{:width$}  {:>6}  {:16}  ", k.key, value, marker);
                for line in setting_lines(&row, k.help, columns) {
                    writeln!(out, "{line}")?;
                }
            }
            let stored = format!(
                "stored in {}; change with `recall config KEY VALUE`",
                store.path().display()
            );
            writeln!(out)?;
            for line in crate::text::wrap(&stored, columns, "  ") {
                writeln!(out, "{line}")?;
            }
            // What `auto` and RECALL_DECKS_DIR come to here and now.
            let settings_dir = settings.decks_dir.clone();
            let here = Path::new(crate::decks_dir::FOLDER_NAME).is_dir();
            let dir = crate::decks_dir::DecksDir::choose(
                ctx.decks.env.as_deref(),
                settings_dir.as_deref(),
                here,
                &ctx.data_dir()?,
            );
            let folders =
                format!("decks folder: {dir}; time zone: {}", zone_name(&ctx.tz, ctx.now));
            for line in crate::text::wrap(&folders, columns, "  ") {
                writeln!(out, "{line}")?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// One setting of the listing: `row` (key, value, default), then its help wrapped in a column
/// of its own to `columns`, so an 80-column terminal does not fold it under the key. When the
/// column would be narrower than [`MIN_HELP`], the help goes on the lines below, indented.
fn setting_lines(row: &str, help: &str, columns: usize) -> Vec<String> {
    let left = crate::text::width(row);
    if columns >= left + MIN_HELP {
        let mut lines = crate::text::wrap(help, columns - left, "");
        for (i, line) in lines.iter_mut().enumerate() {
            let lead = if i == 0 { row.to_owned() } else { " ".repeat(left) };
            *line = format!("{lead}{line}");
        }
        return lines;
    }
    let mut lines = vec![row.trim_end().to_owned()];
    lines.extend(
        crate::text::wrap(help, columns.saturating_sub(4), "").iter().map(|l| format!("    {l}")),
    );
    lines
}

/// The narrowest help column worth keeping beside the values.
const MIN_HELP: usize = 24;

/// `value` as an absolute path (from the current folder), or `auto` as it is.
fn absolute_folder(value: &str) -> anyhow::Result<String> {
    let v = value.trim();
    if v == Settings::AUTO_DECKS_DIR {
        return Ok(v.to_owned());
    }
    if v.is_empty() {
        return Err(
            UsageError("decks-dir needs a folder (or `auto` for the default)".to_owned()).into()
        );
    }
    // `..` is folded away as a shell's `cd ..` would, so the listing shows a plain path;
    // links are kept as typed (a synced folder stays named by its link).
    let mut folder = std::path::PathBuf::new();
    for part in std::path::absolute(v)?.components() {
        match part {
            std::path::Component::ParentDir => {
                folder.pop();
            }
            std::path::Component::CurDir => {}
            other => folder.push(other),
        }
    }
    Ok(folder.display().to_string())
}

/// The zone's name, or its offset for a fixed zone (`RECALL_NOW=…+05:30`).
fn zone_name(tz: &jiff::tz::TimeZone, now: jiff::Timestamp) -> String {
    match tz.iana_name() {
        Some(name) => name.to_owned(),
        None => tz.to_offset(now).to_string(),
    }
}

/// A bad key or value is the caller's mistake (exit 2); anything else is the store's.
fn usage(e: StoreError) -> anyhow::Error {
    match e {
        StoreError::Setting(e) => UsageError(e.to_string()).into(),
        other => other.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The listing fits the terminal: `recall config` at 80 columns once ran every help past
    /// the edge, to be folded by the terminal under the key column.
    #[test]
    fn a_setting_s_help_wraps_in_its_own_column() {
        let row = format!("{:22}  {:>6}  {:16}  ", "papers-use-new-cards", "off", "(default)");
        let help = "a mock paper's first-time questions count toward new-per-day (on/off)";
        let lines = setting_lines(&row, help, 80);
        assert_eq!(
            lines,
            [
                format!("{row}a mock paper's first-time"),
                format!("{}questions count toward", " ".repeat(50)),
                format!("{}new-per-day (on/off)", " ".repeat(50)),
            ]
        );
        assert!(lines.iter().all(|l| crate::text::width(l) <= 80), "{lines:#?}");
        // Wide enough: one line, as before.
        assert_eq!(setting_lines(&row, help, 200), [format!("{row}{help}")]);
        // Too narrow for a column: the help below the row, indented.
        let narrow = setting_lines(&row, "new cards introduced per day", 60);
        assert_eq!(
            narrow,
            [row.trim_end().to_owned(), "    new cards introduced per day".to_owned()]
        );
    }
}
