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
    /// Print every question the decks generate, with the right answers, for deck authors
    Preview(PreviewArgs),
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

#[derive(Debug, Args)]
pub struct PreviewArgs {
    #[command(flatten)]
    pub decks: DeckPaths,
    /// Only this fact: `FACT-ID` or `DECK-ID/FACT-ID`
    #[arg(long, value_name = "ID")]
    pub fact: Option<String>,
    /// Only questions asked as this kind (shown with what they fall back to): flashcard, reverse,
    /// multiple-choice, true-false, typed, cloze
    #[arg(long, value_name = "KIND", value_parser = question_kind)]
    pub kind: Option<crate::deck::QuestionKind>,
    /// Seed for option order, true/false statements and the distractor set; another seed shows
    /// other distractors
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub seed: u64,
    /// Options per multiple-choice question
    #[arg(long, value_name = "N", default_value_t = 4, value_parser = clap::value_parser!(u8).range(2..=6))]
    pub choices: u8,
    /// Print a JSON array with one object per question instead of text
    #[arg(long)]
    pub json: bool,
}

fn question_kind(s: &str) -> Result<crate::deck::QuestionKind, String> {
    crate::deck::QuestionKind::from_slug(s).ok_or_else(|| {
        let kinds: Vec<&str> = crate::deck::QuestionKind::ALL.iter().map(|k| k.slug()).collect();
        format!("expected one of: {}", kinds.join(", "))
    })
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
