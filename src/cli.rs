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
    /// Create a new deck file with a commented example of every field and kind of fact
    New(NewArgs),
    /// Add facts to a deck: interactively, or with flags for scripts
    Add(AddArgs),
    /// Import facts from CSV/TSV files (Anki "Notes in Plain Text", Quizlet exports)
    Import(ImportArgs),
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
pub struct NewArgs {
    /// The deck file to create (must end in .ron; missing folders are created)
    #[arg(value_name = "PATH")]
    pub path: PathBuf,
    /// The deck's id: lower-case letters, digits, `-`, `_`, `.` [default: from the file name]
    #[arg(long)]
    pub id: Option<String>,
    /// The deck's title, shown in listings and sessions
    #[arg(long)]
    pub title: String,
    /// Write the example facts live instead of as comments (to try a session at once)
    #[arg(long)]
    pub examples: bool,
}

/// The fields of a new fact; without a terminal, `--cue` and `--answer` are required.
#[derive(Debug, Args)]
pub struct AddArgs {
    /// The deck file to add to
    #[arg(value_name = "DECK")]
    pub deck: PathBuf,
    /// Kind of fact: acronym, term, person, place, date, number, group, agreement,
    /// organization or statement [default: term]
    #[arg(long)]
    pub kind: Option<String>,
    /// What the question is about (the acronym, term, event…)
    #[arg(long)]
    pub cue: Option<String>,
    /// The right answer
    #[arg(long)]
    pub answer: Option<String>,
    /// Another accepted answer for typed questions (repeatable)
    #[arg(long)]
    pub accept: Vec<String>,
    #[arg(long)]
    pub topic: Option<String>,
    /// A tag (repeatable; commas also separate tags)
    #[arg(long)]
    pub tag: Vec<String>,
    /// Shown after the answer: why it is so
    #[arg(long)]
    pub explain: Option<String>,
    /// Where the fact comes from
    #[arg(long)]
    pub source: Option<String>,
    /// A sentence with `{…}` blanks, each a fill-in question (repeatable)
    #[arg(long)]
    pub cloze: Vec<String>,
    /// The fact's id [default: from the cue, made unique]
    #[arg(long)]
    pub id: Option<String>,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The file to import: .csv, .tsv or .txt (Anki "Notes in Plain Text", Quizlet export)
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// The id of the new deck [required unless --into]
    #[arg(long = "deck", value_name = "ID")]
    pub deck_id: Option<String>,
    /// Append to this existing deck instead of writing a new one
    #[arg(long, value_name = "DECK.ron", conflicts_with_all = ["output", "force", "title"])]
    pub into: Option<PathBuf>,
    /// The kind of every imported fact [default: term]
    #[arg(long)]
    pub kind: Option<String>,
    /// A topic for every imported fact
    #[arg(long)]
    pub topic: Option<String>,
    /// The new deck's title [default: from the file name]
    #[arg(long)]
    pub title: Option<String>,
    /// Replace the output file if it exists
    #[arg(long)]
    pub force: bool,
    /// Where to write the new deck [default: decks/ID.ron]
    #[arg(short, long = "output", value_name = "OUT.ron")]
    pub output: Option<PathBuf>,
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
