//! One fast hasher for the hash maps of hot loops (the distractor pool, statistics over a
//! million reviews). SipHash, std's default, resists hash flooding by crafted keys; our keys
//! are the learner's own ids and texts, and SipHash was the slowest step in both places.
//!
//! Its output must not change between versions: question seeds are derived from it (see
//! `quiz::seeded_rng`), so the same `--seed` keeps giving the same questions.

use std::hash::Hasher;

/// The multiply-rotate hash rustc uses (FxHash).
#[derive(Default, Clone, Copy)]
pub struct FxHasher(u64);

impl FxHasher {
    /// A hasher whose output also depends on `seed`.
    pub fn with_seed(seed: u64) -> FxHasher {
        FxHasher(seed)
    }

    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(word));
        }
    }

    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }

    fn write_u32(&mut self, n: u32) {
        self.add(u64::from(n));
    }

    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }

    fn write_i64(&mut self, n: i64) {
        self.add(n as u64);
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}
