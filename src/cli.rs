//! The command line as clap sees it. Doc comments here are the `--help` text.
//!
//! These types mirror the command line and do no I/O; [`crate::app`] turns them into a
//! [`crate::app::Context`] and runs the chosen command.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// Learn facts for an exam with spaced repetition: RON decks, six question kinds, FSRS
/// scheduling, mock exams.
#[derive(Debug, Parser)]
#[command(name = "recall", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Folder of the progress database [default: the platform data folder, e.g.
    /// ~/.local/share/recall]
    #[arg(long, global = true, env = "RECALL_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check decks for errors and lint warnings
    Check(CheckArgs),
    /// Show or change study settings (daily limits, retention, day rollover, ...)
    Config(ConfigArgs),
}

/// Deck paths shared by the commands that read decks.
#[derive(Debug, Args, Clone)]
pub struct DeckPaths {
    /// Deck files or folders (searched recursively for *.ron) [default: decks/]
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
}

impl DeckPaths {
    /// The paths given, or `decks/` in the current folder.
    pub fn resolve(&self) -> Vec<PathBuf> {
        if self.paths.is_empty() { vec![PathBuf::from("decks")] } else { self.paths.clone() }
    }
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub decks: DeckPaths,
    /// Print the diagnostics as JSON (one object per diagnostic) instead of text
    #[arg(long)]
    pub json: bool,
}

/// `recall config [KEY [VALUE]]`, `recall config --reset KEY`.
#[derive(Debug, Args)]
pub struct ConfigArgs {
    /// The setting to show or change; without it, all settings are listed
    #[arg(value_name = "KEY")]
    pub key: Option<String>,
    /// The new value for KEY
    #[arg(value_name = "VALUE", requires = "key")]
    pub value: Option<String>,
    /// Return KEY to its default value
    #[arg(long, value_name = "KEY", conflicts_with_all = ["key", "value"])]
    pub reset: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        Cli::command().debug_assert();
    }
}
