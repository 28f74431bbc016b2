//! Which library fact a card belongs to.
//!
//! Statistics are scoped to the decks the learner named (`recall stats decks/polity`): cards and
//! reviews of facts outside the [`Library`] are left out, and topics, tags and cues come from
//! the fact. This index answers "which fact is this card of?" with one hash lookup.

use std::collections::HashMap;

use crate::deck::{Deck, Fact, Library};
use crate::ids::CardKey;

/// The facts of a library, numbered in library order, and a lookup from card to fact number.
#[derive(Debug)]
pub struct FactIndex<'a> {
    facts: Vec<(&'a Deck, &'a Fact)>,
    by_id: HashMap<(&'a str, &'a str), usize>,
}

impl<'a> FactIndex<'a> {
    pub fn new(library: &'a Library) -> FactIndex<'a> {
        let facts: Vec<(&Deck, &Fact)> = library.facts().collect();
        let by_id = facts
            .iter()
            .enumerate()
            .map(|(i, (d, f))| ((d.id.as_str(), f.id.as_str()), i))
            .collect();
        FactIndex { facts, by_id }
    }

    /// The number of the fact `card` asks, if that fact is in the library.
    pub fn of(&self, card: &CardKey) -> Option<usize> {
        self.by_id.get(&(card.deck.as_str(), card.fact.as_str())).copied()
    }

    pub fn len(&self) -> usize {
        self.facts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.facts.is_empty()
    }

    pub fn fact(&self, i: usize) -> (&'a Deck, &'a Fact) {
        self.facts[i]
    }

    pub fn iter(&self) -> impl Iterator<Item = (&'a Deck, &'a Fact)> + '_ {
        self.facts.iter().copied()
    }
}
