//! [`CardStates`]: the stored state of every card, looked up by [`CardKey`].
//!
//! Building today's queue reads every card row (150,000 and more in a large collection) and
//! looks up every card of the library (200,000 for 100,000 facts). A `HashMap<CardKey, _>`
//! costs two heap strings per row and hashes two strings per lookup; that alone took most of
//! the queue's time budget. Here all key texts live in one buffer, the index maps a 64-bit
//! fingerprint of the key to its entry, and every hit is verified against the key text, so a
//! fingerprint collision (astronomically rare, but possible) costs a scan of a short overflow
//! list, never a wrong answer.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::CardState;
use crate::ids::{CardKey, Direction, is_slug};

/// Stored card states by key. A card that is not here is new.
#[derive(Clone, Debug, Default)]
pub struct CardStates {
    /// Every key's text, `deck/fact/direction`, back to back.
    text: String,
    entries: Vec<Entry>,
    /// Fingerprint → index in `entries`.
    index: HashMap<u64, u32, BuildHasherDefault<Identity>>,
    /// Entries whose fingerprint was already taken by another key.
    overflow: Vec<u32>,
}

#[derive(Clone, Debug)]
struct Entry {
    start: u32,
    len: u32,
    state: CardState,
}

impl CardStates {
    pub fn with_capacity(cards: usize) -> CardStates {
        CardStates {
            text: String::with_capacity(cards * 24),
            entries: Vec::with_capacity(cards),
            index: HashMap::with_capacity_and_hasher(cards, Default::default()),
            overflow: Vec::new(),
        }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn get(&self, key: &CardKey) -> Option<&CardState> {
        let mut dir_buf = [0u8; 16];
        let dir = direction_text(key.direction, &mut dir_buf);
        let parts = [key.deck.as_str().as_bytes(), key.fact.as_str().as_bytes(), dir];
        let i = self.find(&parts)?;
        self.entries.get(i).map(|e| &e.state)
    }

    pub fn contains_key(&self, key: &CardKey) -> bool {
        self.get(key).is_some()
    }

    /// Sets a card's state.
    pub fn insert(&mut self, key: CardKey, state: CardState) {
        let text = key.to_string();
        self.insert_text(&text, state);
    }

    /// Sets the state of the card whose key text is `text`; returns false (and stores nothing)
    /// if `text` is not a valid card key.
    pub fn insert_text(&mut self, text: &str, state: CardState) -> bool {
        use std::collections::hash_map::Entry as Slot;
        let Some(parts) = split_key(text) else { return false };
        let (Ok(start), Ok(len), Ok(new)) = (
            u32::try_from(self.text.len()),
            u32::try_from(text.len()),
            u32::try_from(self.entries.len()),
        ) else {
            return false; // over 4 GB of keys: not a real collection
        };
        match self.index.entry(fingerprint(&parts)) {
            // No entry has this fingerprint, so the key is not here (the usual case).
            Slot::Vacant(slot) => {
                slot.insert(new);
            }
            Slot::Occupied(slot) => {
                let texts = &self.text;
                let same = |i: u32| {
                    self.entries.get(i as usize).is_some_and(|e| {
                        let t = texts.get(e.start as usize..(e.start + e.len) as usize);
                        t.is_some_and(|t| same_key(t.as_bytes(), &parts))
                    })
                };
                let existing = Some(*slot.get())
                    .filter(|&i| same(i))
                    .or_else(|| self.overflow.iter().copied().find(|&i| same(i)));
                match existing.and_then(|i| self.entries.get_mut(i as usize)) {
                    Some(e) => {
                        e.state = state;
                        return true;
                    }
                    None => self.overflow.push(new),
                }
            }
        }
        self.text.push_str(text);
        self.entries.push(Entry { start, len, state });
        true
    }

    /// Every stored card: its key text (`deck/fact/direction`; parse it for a [`CardKey`])
    /// and state, in insertion order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &CardState)> {
        self.entries.iter().map(|e| (self.key_text(e), &e.state))
    }

    /// The states alone.
    pub fn values(&self) -> impl Iterator<Item = &CardState> {
        self.entries.iter().map(|e| &e.state)
    }

    fn key_text(&self, e: &Entry) -> &str {
        self.text.get(e.start as usize..(e.start + e.len) as usize).unwrap_or("")
    }

    fn find(&self, parts: &[&[u8]; 3]) -> Option<usize> {
        let matches = |i: u32| {
            self.entries
                .get(i as usize)
                .is_some_and(|e| same_key(self.key_text(e).as_bytes(), parts))
        };
        match self.index.get(&fingerprint(parts)) {
            Some(&i) if matches(i) => Some(i as usize),
            Some(_) => self.overflow.iter().copied().find(|&i| matches(i)).map(|i| i as usize),
            None => None,
        }
    }
}

impl PartialEq for CardStates {
    /// The same cards with the same states, in any order.
    fn eq(&self, other: &CardStates) -> bool {
        self.len() == other.len()
            && self.iter().all(|(text, state)| {
                split_key(text)
                    .and_then(|p| other.find(&p))
                    .and_then(|i| other.entries.get(i))
                    .is_some_and(|e| &e.state == state)
            })
    }
}

/// `deck`, `fact`, `direction` of a valid key text, without allocating.
fn split_key(text: &str) -> Option<[&[u8]; 3]> {
    let mut it = text.split('/');
    let (Some(deck), Some(fact), Some(dir), None) = (it.next(), it.next(), it.next(), it.next())
    else {
        return None;
    };
    if !is_slug(deck) || !is_slug(fact) || dir.parse::<Direction>().is_err() {
        return None;
    }
    Some([deck.as_bytes(), fact.as_bytes(), dir.as_bytes()])
}

/// The direction's text (`forward`, `reverse`, `cloze-12`) in `buf`, without allocating.
fn direction_text(direction: Direction, buf: &mut [u8; 16]) -> &[u8] {
    match direction {
        Direction::Forward => b"forward",
        Direction::Reverse => b"reverse",
        Direction::Cloze(n) => {
            buf[..6].copy_from_slice(b"cloze-");
            let digits = n.to_string(); // rare enough (cloze cards only) not to matter
            let end = 6 + digits.len();
            buf[6..end].copy_from_slice(digits.as_bytes());
            &buf[..end]
        }
    }
}

fn same_key(text: &[u8], parts: &[&[u8]; 3]) -> bool {
    let [deck, fact, dir] = *parts;
    text.len() == deck.len() + fact.len() + dir.len() + 2
        && text.starts_with(deck)
        && text[deck.len()] == b'/'
        && text[deck.len() + 1..].starts_with(fact)
        && text[deck.len() + 1 + fact.len()] == b'/'
        && text.ends_with(dir)
}

/// FxHash-style multiply-rotate over the three parts, then MurmurHash3's fmix64 avalanche so
/// every input bit reaches the low bits that pick a bucket.
fn fingerprint(parts: &[&[u8]; 3]) -> u64 {
    const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
    let mut h: u64 = 0;
    let mut add = |w: u64| h = (h.rotate_left(5) ^ w).wrapping_mul(K);
    for part in parts {
        let mut chunks = part.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            add(u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        let mut w = [0u8; 8];
        w[..rest.len()].copy_from_slice(rest);
        add(u64::from_le_bytes(w) ^ ((part.len() as u64) << 56));
    }
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// The index's keys are already fingerprints.
#[derive(Clone, Copy, Debug, Default)]
struct Identity(u64);

impl Hasher for Identity {
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 << 8) | u64::from(*b);
        }
    }

    fn write_u64(&mut self, i: u64) {
        self.0 = i;
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(s: &str) -> CardKey {
        s.parse().unwrap()
    }

    fn state(reps: u32) -> CardState {
        CardState { reps, ..CardState::default() }
    }

    #[test]
    fn finds_what_was_inserted_and_nothing_else() {
        let mut m = CardStates::default();
        for i in 0..2000 {
            m.insert(key(&format!("deck/fact-{i}/forward")), state(i));
            m.insert(key(&format!("deck/fact-{i}/cloze-{}", i % 13 + 1)), state(i + 10_000));
        }
        assert_eq!(m.len(), 4000);
        for i in 0..2000 {
            assert_eq!(m.get(&key(&format!("deck/fact-{i}/forward"))).unwrap().reps, i);
            let cloze = key(&format!("deck/fact-{i}/cloze-{}", i % 13 + 1));
            assert_eq!(m.get(&cloze).unwrap().reps, i + 10_000);
            assert!(!m.contains_key(&key(&format!("deck/fact-{i}/reverse"))));
            assert!(!m.contains_key(&key(&format!("deck2/fact-{i}/forward"))));
        }
        // Keys that differ only in where the `/` falls are different cards.
        m.insert(key("ab/c/forward"), state(1));
        assert!(!m.contains_key(&key("a/bc/forward")));
        // Insert replaces.
        m.insert(key("deck/fact-1/forward"), state(99));
        assert_eq!(m.get(&key("deck/fact-1/forward")).unwrap().reps, 99);
        assert_eq!(m.len(), 4001);
        assert!(!m.insert_text("not a key", state(0)));
        let (text, s) = m.iter().next().unwrap();
        assert_eq!((text, s.reps), ("deck/fact-0/forward", 0));
    }

    #[test]
    fn a_fingerprint_collision_is_resolved_by_the_key_text() {
        let mut m = CardStates::default();
        m.insert(key("d/a/forward"), state(1));
        // Force a collision: register b under a's fingerprint slot by hand.
        m.text.push_str("d/b/forward");
        let start = m.text.len() as u32 - 11;
        m.entries.push(Entry { start, len: 11, state: state(2) });
        m.overflow.push(1);
        let fp_a = fingerprint(&split_key("d/a/forward").unwrap());
        let fp_b = fingerprint(&split_key("d/b/forward").unwrap());
        m.index.insert(fp_b, 0); // b's fingerprint now points at a's entry
        assert_ne!(fp_a, fp_b);
        assert_eq!(m.get(&key("d/b/forward")).unwrap().reps, 2);
        assert_eq!(m.get(&key("d/a/forward")).unwrap().reps, 1);
        assert_eq!(m.get(&key("d/c/forward")), None);
    }

    #[test]
    fn equality_ignores_order() {
        let mut a = CardStates::default();
        let mut b = CardStates::default();
        a.insert(key("d/x/forward"), state(1));
        a.insert(key("d/y/forward"), state(2));
        b.insert(key("d/y/forward"), state(2));
        b.insert(key("d/x/forward"), state(1));
        assert_eq!(a, b);
        b.insert(key("d/x/forward"), state(3));
        assert_ne!(a, b);
    }
}
