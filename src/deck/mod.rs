//! Decks: the RON format, loading files and folders into a [`Library`], diagnostics and lints.
//!
//! Nothing here touches the terminal or the store: loading returns the decks that are sound and
//! a list of [`Diagnostic`]s that the caller renders.
//!
//! [`syntax`] is the one RON reader: the loader checks its spanned tree against the format
//! ([`schema`]), and the byte-preserving editor ([`edit`]) finds where to splice in it, so
//! the two never disagree about a string, a comment or a bracket. [`mod@write`] is the only
//! writer of deck files. Layers: decks import `ids` and nothing above them.

pub mod authored;
pub mod cloze;
pub mod diag;
pub mod draft;
pub mod edit;
pub mod import;
pub mod import_questions;
pub mod lint;
mod load;
mod model;
pub mod question_form;
pub mod schema;
pub mod syntax;
pub mod template;
pub mod write;

pub use diag::{Diagnostic, Severity};
pub use load::{Loaded, MAX_FILE_BYTES, load_bytes, load_paths, load_source, missing_path};
pub use model::{Authored, Deck, Fact, FactKind, QuestionKind, option_letter, parse_option_letter};

use std::path::PathBuf;

use crate::ids::{DeckId, FactId};

/// A deck and the file it came from.
#[derive(Clone, Debug)]
pub struct DeckFile {
    pub path: PathBuf,
    pub deck: Deck,
}

/// The decks that loaded without errors, in path order.
#[derive(Clone, Debug, Default)]
pub struct Library {
    pub decks: Vec<DeckFile>,
}

impl Library {
    pub fn deck(&self, id: &DeckId) -> Option<&Deck> {
        self.decks.iter().map(|d| &d.deck).find(|d| &d.id == id)
    }

    pub fn fact(&self, deck: &DeckId, fact: &FactId) -> Option<&Fact> {
        self.deck(deck)?.facts.iter().find(|f| &f.id == fact)
    }

    /// Every fact with its deck, in deck then file order.
    pub fn facts(&self) -> impl Iterator<Item = (&Deck, &Fact)> {
        self.decks.iter().flat_map(|d| d.deck.facts.iter().map(move |f| (&d.deck, f)))
    }

    pub fn fact_count(&self) -> usize {
        self.decks.iter().map(|d| d.deck.facts.len()).sum()
    }
}

#[cfg(test)]
mod tests;
