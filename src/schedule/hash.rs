//! A fast hasher for the card-state map. Building today's queue looks up every card of the
//! library (200,000 for 100,000 facts) in the map of stored states; std's SipHash, built to
//! resist hash flooding from untrusted input, costs more there than the rest of the lookup.
//! Card keys come from our own decks and store, so the FxHash mixing step (from rustc) plus a
//! final avalanche is enough.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::CardState;
use crate::ids::CardKey;

/// FxHash: multiply-rotate per word.
#[derive(Clone, Copy, Debug, Default)]
pub struct FastHasher(u64);

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FastHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FastHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut w = [0u8; 8];
            w[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(w));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u16(&mut self, i: u16) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    /// The multiply leaves the low bits, which pick hashbrown's bucket, depending only on the
    /// low bits of the input; a final avalanche step (MurmurHash3's fmix64) spreads every input
    /// bit over them, so keys sharing long prefixes do not pile into neighbouring buckets.
    #[inline]
    fn finish(&self) -> u64 {
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        h ^ (h >> 33)
    }
}

/// Stored card states by key (what [`crate::store::Store::card_states`] returns). A card that
/// is not in the map is new.
pub type CardStates = HashMap<CardKey, CardState, BuildHasherDefault<FastHasher>>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distinct_keys_hash_apart() {
        let mut seen = std::collections::HashSet::new();
        for i in 0..1000 {
            for dir in ["forward", "reverse", "cloze-1"] {
                let key: CardKey = format!("deck/fact-{i}/{dir}").parse().unwrap();
                let mut h = FastHasher::default();
                std::hash::Hash::hash(&key, &mut h);
                seen.insert(h.finish());
            }
        }
        assert_eq!(seen.len(), 3000);
        let mut map = CardStates::default();
        map.insert("d/f/forward".parse().unwrap(), CardState::default());
        assert!(map.contains_key(&"d/f/forward".parse::<CardKey>().unwrap()));
        assert!(!map.contains_key(&"d/f/reverse".parse::<CardKey>().unwrap()));
    }
}
