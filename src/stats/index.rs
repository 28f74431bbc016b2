//! Which library fact a card belongs to.
//!
//! Statistics are scoped to the decks the learner named (`recall stats decks/polity`): cards and
//! reviews of facts outside the [`Library`] are left out, and topics, tags and cues come from
//! the fact. This index answers "which fact is this card of?" with one hash lookup.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use super::input::{CardFact, CardId};
use crate::deck::{Deck, Fact, Library};
use crate::ids::CardKey;

/// The facts of a library, numbered in library order, and a lookup from card to fact number.
#[derive(Debug)]
pub struct FactIndex<'a> {
    facts: Vec<(&'a Deck, &'a Fact)>,
    by_id: HashMap<(&'a str, &'a str), usize, BuildHasherDefault<IdHasher>>,
}

/// The fact of each card of the store, by card id: the lookup the review pass makes.
#[derive(Debug)]
pub struct CardLookup {
    fact_of: HashMap<i64, Option<usize>, BuildHasherDefault<IdHasher>>,
}

impl CardLookup {
    pub fn new(index: &FactIndex, cards: &[CardFact]) -> CardLookup {
        CardLookup { fact_of: cards.iter().map(|c| (c.id.0, index.of(&c.card))).collect() }
    }

    /// The fact number of card `id`; `None` for a card outside the library or unknown.
    pub fn fact_of(&self, id: CardId) -> Option<usize> {
        self.fact_of.get(&id.0).copied().flatten()
    }
}

/// The hasher of the statistics' maps: a lookup runs once per review, a million times for a
/// heavy user (see [`crate::hash`]).
pub type IdHasher = crate::hash::FxHasher;

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::tests::library;

    #[test]
    fn finds_the_fact_of_each_card() {
        let lib = library();
        let index = FactIndex::new(&lib);
        assert_eq!(index.len(), 6);
        let of = |k: &str| index.of(&k.parse().unwrap());
        assert_eq!(of("polity/article-370/reverse"), Some(0));
        assert_eq!(of("economy/crr/forward"), Some(5));
        assert_eq!(of("economy/article-370/forward"), None);
        assert_eq!(index.fact(5).1.id.as_str(), "crr");
    }

    #[test]
    fn id_hasher_tells_close_ids_apart() {
        use std::hash::BuildHasher;
        let build = BuildHasherDefault::<IdHasher>::default();
        let h = |a: &str, b: &str| build.hash_one((a, b));
        assert_ne!(h("deck-1", "fact-12"), h("deck-11", "fact-2"));
        assert_ne!(h("a", "b"), h("b", "a"));
        assert_ne!(h("fact-1234567", ""), h("fact-123456", "7"));
    }
}
