//! Which library fact a card belongs to.
//!
//! Statistics are scoped to the decks the learner named (`recall stats decks/polity`): cards and
//! reviews of facts outside the [`Library`] are left out, and topics, tags and cues come from
//! the fact. This index answers "which fact is this card of?" with one hash lookup.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

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

/// A fast non-cryptographic hasher for short id strings (the multiply-rotate scheme of rustc's
/// FxHash). A lookup runs once per review, a million times for a heavy user, and std's
/// SipHash, built to resist hash flooding by untrusted keys, made it the slowest step; our
/// keys are the learner's own ids.
#[derive(Default, Clone, Copy)]
pub struct IdHasher(u64);

impl IdHasher {
    const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(Self::SEED);
    }
}

impl Hasher for IdHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let mut tail = [0u8; 8];
        let rest = chunks.remainder();
        tail[..rest.len()].copy_from_slice(rest);
        self.add(u64::from_le_bytes(tail) ^ ((rest.len() as u64) << 56));
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn write_i64(&mut self, i: i64) {
        self.add(i as u64);
    }

    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
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
