//! `recall config`: list the study settings, show one, set one, or reset one to its default.
//! Values live in the progress file (see [`crate::store`]); validation is in
//! [`crate::settings`]. An unknown key or a bad value is a usage error (exit 2).

use std::io::Write;
use std::process::ExitCode;

use crate::cli::{ConfigArgs, UsageError};
use crate::context::Context;
use crate::settings::Settings;
use crate::store::StoreError;

pub fn run(ctx: &Context, args: &ConfigArgs) -> anyhow::Result<ExitCode> {
    // Showing settings reads the file and never creates it; changing one writes.
    let writes = args.reset.is_some() || args.value.is_some();
    let store = if writes { ctx.open_store()? } else { ctx.read_store()? };
    let mut out = std::io::stdout().lock();
    let defaults = Settings::default();
    match (&args.reset, &args.key, &args.value) {
        (Some(key), _, _) => {
            store.reset_setting(key).map_err(usage)?;
            writeln!(out, "{key} = {} (default)", defaults.get(key)?)?;
        }
        (None, Some(key), Some(value)) => {
            let stored = store.set_setting(key, value).map_err(usage)?;
            writeln!(out, "{key} = {stored} (default {})", defaults.get(key)?)?;
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
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// A bad key or value is the caller's mistake (exit 2); anything else is the store's.
fn usage(e: StoreError) -> anyhow::Error {
    match e {
        StoreError::Setting(e) => UsageError(e.to_string()).into(),
        other => other.into(),
    }
}
