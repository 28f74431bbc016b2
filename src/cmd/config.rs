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
    let store = ctx.open_store()?;
    let mut out = std::io::stdout().lock();
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
                writeln!(
                    out,
                    "note: {value} does not exist yet; `recall new --title TITLE` creates it"
                )?;
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
            for k in Settings::KEYS {
                let value = settings.get(k.key)?;
                let default = defaults.get(k.key)?;
                let marker = if value == default {
                    "(default)".to_owned()
                } else {
                    format!("(default {default})")
                };
                writeln!(out, "{:width$}  {:>6}  {:16}  {}", k.key, value, marker, k.help)?;
            }
            writeln!(
                out,
                "\nstored in {}; change with `recall config KEY VALUE`",
                store.path().display()
            )?;
            // What `auto` and RECALL_DECKS_DIR come to here and now.
            let settings_dir = settings.decks_dir.clone();
            let here = Path::new(crate::decks_dir::FOLDER_NAME).is_dir();
            let dir = crate::decks_dir::DecksDir::choose(
                ctx.decks.env.as_deref(),
                settings_dir.as_deref(),
                here,
                &ctx.data_dir()?,
            );
            writeln!(out, "decks folder: {dir}; time zone: {}", zone_name(&ctx.tz, ctx.now))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

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
