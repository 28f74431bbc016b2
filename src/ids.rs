//! Identifiers that key progress: deck ids, fact ids and card keys.
//!
//! Progress is keyed by these, never by wording, so that rewording a question, fixing a typo,
//! reordering facts or moving a deck file keeps the learner's history. They are newtypes so a
//! fact id can never be passed where a deck id is expected.

use std::fmt;
use std::str::FromStr;

/// Is `s` a valid id: a non-empty lower-case slug of `a-z`, `0-9`, `-`, `_` and `.`, starting
/// with a letter or digit? `/` is excluded because card keys use it as the separator.
pub fn is_slug(s: &str) -> bool {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if c.is_ascii_lowercase() || c.is_ascii_digit() => {}
        _ => return false,
    }
    chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '_' | '.'))
}

/// The longest slug [`slugify`] makes. An id is typed (`recall add --id`), shown in lists and
/// stored with every answer: the first words of a long cue say enough, and a 10 MB cue must
/// not make a 10 MB id. A suffix that keeps ids unique (`-2`) may follow.
pub const MAX_SLUG: usize = 48;

/// Turns free text into a slug: lower case, runs of other characters become one `-`, at most
/// [`MAX_SLUG`] characters (cut at a word boundary when one is in the second half).
/// Used to propose ids for new facts (`recall add`, `recall import`).
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len().min(MAX_SLUG + 1));
    for c in text.chars() {
        let c = fold_latin(c);
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
        if out.len() > MAX_SLUG {
            // One character past the cap tells whether the cut falls between words.
            let whole_word = out.ends_with('-');
            out.truncate(MAX_SLUG);
            if !whole_word && let Some(dash) = out.rfind('-').filter(|&d| d >= MAX_SLUG / 2) {
                out.truncate(dash);
            }
            break;
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() {
        out.push_str("fact");
    }
    out
}

/// Maps the common accented Latin letters to their base letter so slugs stay readable (and
/// `recall find` matches without them).
pub fn fold_latin(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'Ā' => {
            'a'
        }
        'ç' | 'Ç' => 'c',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'È' | 'É' | 'Ê' | 'Ë' | 'Ē' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'Ì' | 'Í' | 'Î' | 'Ï' | 'Ī' => 'i',
        'ñ' | 'Ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ō' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ō' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'Ù' | 'Ú' | 'Û' | 'Ü' | 'Ū' => 'u',
        _ => c,
    }
}

macro_rules! slug_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// Wraps `s` if it is a valid slug (see [`is_slug`]).
            pub fn new(s: impl Into<String>) -> Result<Self, InvalidId> {
                let s = s.into();
                if is_slug(&s) { Ok(Self(s)) } else { Err(InvalidId(s)) }
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl FromStr for $name {
            type Err = InvalidId;
            fn from_str(s: &str) -> Result<Self, InvalidId> {
                Self::new(s)
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }
    };
}

slug_id!(
    /// The id of a deck, unique across a library (`india-us-2plus2`).
    DeckId
);
slug_id!(
    /// The id of a fact, unique within its deck (`comcasa`).
    FactId
);

/// Deck ids starting with this hold imported review history that belongs to no deck
/// (`history.<log name>/<card>/forward`, see `recall import-history`). The loader refuses deck
/// files that take it, so such history can never mix with a real deck's.
pub const HISTORY_DECK_PREFIX: &str = "history.";

/// True for the reserved decks of imported history ([`HISTORY_DECK_PREFIX`]).
pub fn is_history_deck(deck: &DeckId) -> bool {
    deck.as_str().starts_with(HISTORY_DECK_PREFIX)
}

/// A string that is not a valid id.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "`{0}` is not a valid id: use lower-case letters, digits, `-`, `_` or `.`, starting with a letter or digit"
)]
pub struct InvalidId(pub String);

/// Which way a fact is asked. Each direction of a fact is one card, one memory item.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Direction {
    /// From the cue to the answer ("What does COMCASA stand for?").
    Forward,
    /// From the answer to the cue ("Which acronym stands for …?").
    Reverse,
    /// The n-th `{…}` blank (1-based) counted across all of the fact's cloze statements in order.
    Cloze(u16),
}

impl fmt::Display for Direction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Direction::Forward => f.write_str("forward"),
            Direction::Reverse => f.write_str("reverse"),
            Direction::Cloze(n) => write!(f, "cloze-{n}"),
        }
    }
}

impl FromStr for Direction {
    type Err = InvalidCardKey;
    fn from_str(s: &str) -> Result<Self, InvalidCardKey> {
        match s {
            "forward" => Ok(Direction::Forward),
            "reverse" => Ok(Direction::Reverse),
            _ => s
                .strip_prefix("cloze-")
                .and_then(|n| n.parse::<u16>().ok())
                .filter(|n| *n >= 1)
                .map(Direction::Cloze)
                .ok_or_else(|| InvalidCardKey(s.to_owned())),
        }
    }
}

/// The key of one card in the store: `deck-id/fact-id/direction`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CardKey {
    pub deck: DeckId,
    pub fact: FactId,
    pub direction: Direction,
}

impl CardKey {
    pub fn new(deck: DeckId, fact: FactId, direction: Direction) -> Self {
        CardKey { deck, fact, direction }
    }
}

impl fmt::Display for CardKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}/{}", self.deck, self.fact, self.direction)
    }
}

/// As its text, `deck/fact/direction`: how a mock paper's questions keep their card in the
/// store (so papers saved before the key was typed read the same).
impl serde::Serialize for CardKey {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for CardKey {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = std::borrow::Cow::<'de, str>::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// A string that is not a valid `deck/fact/direction` card key.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a valid card key (expected deck-id/fact-id/direction)")]
pub struct InvalidCardKey(pub String);

impl FromStr for CardKey {
    type Err = InvalidCardKey;
    fn from_str(s: &str) -> Result<Self, InvalidCardKey> {
        let bad = || InvalidCardKey(s.to_owned());
        let mut parts = s.split('/');
        let (Some(deck), Some(fact), Some(dir), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(bad());
        };
        Ok(CardKey {
            deck: DeckId::new(deck).map_err(|_| bad())?,
            fact: FactId::new(fact).map_err(|_| bad())?,
            direction: dir.parse().map_err(|_| bad())?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert!(is_slug("comcasa"));
        assert!(is_slug("sta-1"));
        assert!(is_slug("2plus2"));
        assert!(!is_slug(""));
        assert!(!is_slug("-x"));
        assert!(!is_slug("Comcasa"));
        assert!(!is_slug("a/b"));
        assert!(!is_slug("a b"));
    }

    #[test]
    fn slugify_makes_valid_ids() {
        assert_eq!(slugify("COMCASA"), "comcasa");
        assert_eq!(
            slugify("  UN Security Council Resolution 2396! "),
            "un-security-council-resolution-2396"
        );
        assert_eq!(slugify("Café — Brûlée"), "cafe-brulee");
        assert_eq!(slugify("???"), "fact");
        assert!(is_slug(&slugify("2+2 dialogue")));
    }

    #[test]
    fn slugs_are_capped_at_a_word_boundary() {
        let cue = "Which article of the Constitution of India empowers the President to \
                   promulgate ordinances during the recess of Parliament?";
        assert_eq!(slugify(cue), "which-article-of-the-constitution-of-india");
        // One long word is cut at the cap.
        assert_eq!(slugify(&"x".repeat(10_000_000)), "x".repeat(MAX_SLUG));
        // A word that ends exactly at the cap is kept whole.
        let exact = format!("{} more", "a".repeat(MAX_SLUG));
        assert_eq!(slugify(&exact), "a".repeat(MAX_SLUG));
        for text in [cue, "a-b ".repeat(40).as_str(), "-".repeat(100).as_str()] {
            let slug = slugify(text);
            assert!(slug.len() <= MAX_SLUG && is_slug(&slug), "{slug}");
        }
    }

    #[test]
    fn card_keys_round_trip() {
        for s in ["india-us/comcasa/forward", "d/f/reverse", "d/f/cloze-12"] {
            let key: CardKey = s.parse().unwrap();
            assert_eq!(key.to_string(), s);
        }
        for bad in ["d/f", "d/f/cloze-0", "d/f/sideways", "D/f/forward", "d/f/forward/x"] {
            assert!(bad.parse::<CardKey>().is_err(), "{bad}");
        }
    }

    #[test]
    fn card_keys_are_stored_as_their_text() {
        let key: CardKey = "india-us/comcasa/cloze-2".parse().unwrap();
        let json = serde_json::to_string(&key).unwrap();
        assert_eq!(json, r#""india-us/comcasa/cloze-2""#);
        assert_eq!(serde_json::from_str::<CardKey>(&json).unwrap(), key);
        let err = serde_json::from_str::<CardKey>(r#""india-us/comcasa""#).unwrap_err();
        assert!(err.to_string().contains("not a valid card key"), "{err}");
    }
}
