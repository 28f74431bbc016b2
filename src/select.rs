//! Choosing cards on the command line, for the commands that manage them (`recall suspend`,
//! `unsuspend`, `bury`, `unbury`, `reset`) and `recall find`.
//!
//! A card is one direction of a fact, keyed `deck/fact/direction` in the store (see
//! [`crate::ids::CardKey`]). Learners think in facts, so an id may name:
//! - `DECK/FACT/DIRECTION`: that card (`polity/comcasa/reverse`, `polity/preamble/cloze-2`);
//! - `DECK/FACT`: every card of the fact;
//! - `FACT`: every card of the fact of that id, when one deck has it;
//! - `FACT/DIRECTION`: that card of it (what `recall find` shows when the fact id is in one
//!   deck), when `FACT` is no deck id.
//!
//! `--find TEXT` chooses the facts whose id, cue, answer or accepted answers contain `TEXT`
//! (case and accents of Latin letters ignored), as `recall find TEXT` lists them.
//!
//! An id that names nothing is a [`UsageError`] (exit 2) saying why, with the nearest ids and
//! how to search. The library in, keys out; the commands print (through [`print()`]).

use crate::cli::UsageError;
use crate::deck::{Deck, Fact, Library};
use crate::ids::{CardKey, Direction};
use crate::quiz;

/// A chosen card with its deck and fact.
#[derive(Clone, Debug)]
pub struct Chosen<'f> {
    pub key: CardKey,
    pub deck: &'f Deck,
    pub fact: &'f Fact,
}

/// The cards `ids` name, then those of the facts `find` matches, in that order and without
/// repeats. Errors when an id names nothing, or when the selection is empty.
pub fn choose<'f>(
    library: &'f Library,
    ids: &[String],
    find: Option<&str>,
) -> Result<Vec<Chosen<'f>>, UsageError> {
    let mut out: Vec<Chosen<'f>> = Vec::new();
    let mut push = |c: Chosen<'f>| {
        if !out.iter().any(|o| o.key == c.key) {
            out.push(c);
        }
    };
    for id in ids {
        for c in by_id(library, id)? {
            push(c);
        }
    }
    if let Some(text) = find {
        let facts = matching(library, text);
        if facts.is_empty() {
            return Err(UsageError(format!(
                "no fact in your decks has `{text}` in its id, cue or answer; try fewer letters"
            )));
        }
        for (deck, fact) in facts {
            for c in cards_of(deck, fact) {
                push(c);
            }
        }
    }
    Ok(out)
}

/// Every card of `fact`.
pub fn cards_of<'f>(deck: &'f Deck, fact: &'f Fact) -> Vec<Chosen<'f>> {
    quiz::cards(fact)
        .into_iter()
        .map(|d| Chosen { key: CardKey::new(deck.id.clone(), fact.id.clone(), d), deck, fact })
        .collect()
}

/// The facts whose id, cue, answer or accepted answers contain `text` (case and Latin accents
/// ignored), in library order.
pub fn matching<'f>(library: &'f Library, text: &str) -> Vec<(&'f Deck, &'f Fact)> {
    let needle = fold(text.trim());
    if needle.is_empty() {
        return Vec::new();
    }
    library
        .facts()
        .filter(|(_, f)| {
            std::iter::once(f.id.as_str())
                .chain([f.cue.as_str(), f.answer.as_str()])
                .chain(f.accept.iter().map(String::as_str))
                .any(|field| fold(field).contains(&needle))
        })
        .collect()
}

/// Lower case with the common Latin accents removed, so `ecole` finds `École`; every run of
/// spaces and punctuation is one space, so `2 + 2` finds `2+2` no more than it should.
fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().map(crate::ids::fold_latin).flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
    }
    out.trim_end().to_owned()
}

/// The cards in `keys`, by fact: `polity/comcasa (forward, reverse), polity/preamble (cloze-1)`;
/// At most `max` facts, then `and N more`.
pub fn describe(keys: &[CardKey], max: usize) -> String {
    let mut facts: Vec<(String, Vec<Direction>)> = Vec::new();
    for key in keys {
        let fact = format!("{}/{}", key.deck, key.fact);
        match facts.iter_mut().find(|(f, _)| *f == fact) {
            Some((_, dirs)) => dirs.push(key.direction),
            None => facts.push((fact, vec![key.direction])),
        }
    }
    let mut parts: Vec<String> = facts
        .iter()
        .take(max)
        .map(|(fact, dirs)| {
            let dirs: Vec<String> = dirs.iter().map(Direction::to_string).collect();
            format!("{fact} ({})", dirs.join(", "))
        })
        .collect();
    if facts.len() > max {
        parts.push(format!("and {} more", facts.len() - max));
    }
    parts.join(", ")
}

/// Prints `text` on stdout: wrapped at words to the terminal, on one line in a pipe.
pub fn print(text: &str) -> std::io::Result<()> {
    if crate::out::stdout_is_terminal() {
        outln!("{}", crate::text::wrap(text, crate::ui::width(), "").join("\n"))
    } else {
        outln!("{text}")
    }
}

/// `one` for one card, `many` for more: "It is back" or "They are back".
pub fn one_or_many<'s>(n: usize, one: &'s str, many: &'s str) -> &'s str {
    if n == 1 { one } else { many }
}

/// `1 card`, `2 cards`.
pub fn cards(n: usize) -> String {
    format!("{n} card{}", if n == 1 { "" } else { "s" })
}

/// The command that acts on the same cards: `recall unsuspend polity/comcasa --find "2+2"`.
pub fn command(verb: &str, ids: &[String], find: Option<&str>) -> String {
    let mut out = format!("recall {verb}");
    for id in ids {
        out.push(' ');
        out.push_str(id);
    }
    if let Some(text) = find {
        if text.chars().all(|c| c.is_alphanumeric() || "-_./".contains(c)) {
            out.push_str(&format!(" --find {text}"));
        } else {
            out.push_str(&format!(" --find \"{}\"", text.replace('"', "\\\"")));
        }
    }
    out
}

/// The cards one id names (see the module docs).
fn by_id<'f>(library: &'f Library, id: &str) -> Result<Vec<Chosen<'f>>, UsageError> {
    let parts: Vec<&str> = id.trim().trim_matches('/').split('/').collect();
    let is_deck = |name: &str| library.decks.iter().any(|d| d.deck.id.as_str() == name);
    match parts.as_slice() {
        [fact] => by_fact(library, id, fact),
        // FACT/DIRECTION, as `recall find` shows a card when its fact id is in one deck.
        [fact, direction] if !is_deck(fact) && direction.parse::<Direction>().is_ok() => {
            pick(by_fact(library, id, fact)?, id, direction)
        }
        [deck, fact] | [deck, fact, _] => {
            let Some(d) = library.decks.iter().map(|f| &f.deck).find(|d| d.id.as_str() == *deck)
            else {
                let decks: Vec<&str> = library.decks.iter().map(|d| d.deck.id.as_str()).collect();
                return Err(UsageError(format!(
                    "no deck `{deck}` in your decks (deck ids: {}); ids are DECK/FACT as \
                     `recall find WORD` lists them",
                    decks.join(", ")
                )));
            };
            let Some(f) = d.facts.iter().find(|f| f.id.as_str() == *fact) else {
                return Err(unknown(library, id, fact));
            };
            let cards = cards_of(d, f);
            match parts.get(2) {
                Some(direction) => pick(cards, id, direction),
                None => Ok(cards),
            }
        }
        _ => Err(UsageError(format!(
            "`{id}` is not a card id: use FACT, FACT/DIRECTION, DECK/FACT or \
             DECK/FACT/DIRECTION, as `recall find WORD` lists them"
        ))),
    }
}

/// Every card of the fact `fact` of whichever deck has it; naming it in several is ambiguous.
fn by_fact<'f>(library: &'f Library, id: &str, fact: &str) -> Result<Vec<Chosen<'f>>, UsageError> {
    let found: Vec<(&Deck, &Fact)> =
        library.facts().filter(|(_, f)| f.id.as_str() == fact).collect();
    match found.as_slice() {
        [] => Err(unknown(library, id, fact)),
        [(deck, fact)] => Ok(cards_of(deck, fact)),
        many => {
            let names: Vec<String> =
                many.iter().map(|(d, f)| format!("{}/{}", d.id, f.id)).collect();
            Err(UsageError(format!(
                "`{id}` is a fact in {} decks: name one, as {}",
                many.len(),
                names.join(" or ")
            )))
        }
    }
}

/// The card of `cards` (one fact's) in `direction`.
fn pick<'f>(
    cards: Vec<Chosen<'f>>,
    id: &str,
    direction: &str,
) -> Result<Vec<Chosen<'f>>, UsageError> {
    let wanted: Option<Direction> = direction.parse().ok();
    if let Some(c) = cards.iter().find(|c| Some(c.key.direction) == wanted) {
        return Ok(vec![c.clone()]);
    }
    let has: Vec<String> = cards.iter().map(|c| c.key.direction.to_string()).collect();
    let fact = cards.first().map(|c| format!("{}/{}", c.key.deck, c.key.fact)).unwrap_or_default();
    Err(UsageError(format!(
        "`{id}`: {fact} has no card `{direction}` (its cards: {}); leave the direction out for \
         all of them",
        has.join(", ")
    )))
}

/// An id that names no fact: the facts whose id is closest, and how to search.
fn unknown(library: &Library, id: &str, fact: &str) -> UsageError {
    let mut near: Vec<(usize, String)> = library
        .facts()
        .filter_map(|(d, f)| {
            // A swapped pair of letters (`dehli`) is one edit; one edit in three letters is near.
            let distance = strsim::damerau_levenshtein(f.id.as_str(), fact);
            let close = distance * 3 <= fact.len().max(3) || f.id.as_str().contains(fact);
            close.then(|| (distance, format!("{}/{}", d.id, f.id)))
        })
        .collect();
    near.sort();
    near.truncate(3);
    let hint = if near.is_empty() {
        format!("`recall find {fact}` searches cues and answers")
    } else {
        let names: Vec<String> = near.into_iter().map(|(_, n)| n).collect();
        format!("did you mean {}? `recall find {fact}` searches cues and answers", names.join(", "))
    };
    UsageError(format!("no fact `{id}` in your decks; {hint}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn library() -> Library {
        let path =
            std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("decks/india-us-2plus2.ron");
        crate::deck::load_paths(&[path]).library
    }

    fn keys(chosen: &[Chosen<'_>]) -> Vec<String> {
        chosen.iter().map(|c| c.key.to_string()).collect()
    }

    #[test]
    fn ids_name_a_card_a_fact_or_a_fact_in_any_deck() {
        let lib = library();
        let (deck, fact) = lib.facts().find(|(_, f)| quiz::cards(f).len() > 1).unwrap();
        let all = cards_of(deck, fact);
        let id = format!("{}/{}", deck.id, fact.id);
        assert_eq!(keys(&choose(&lib, std::slice::from_ref(&id), None).unwrap()), keys(&all));
        assert_eq!(keys(&choose(&lib, &[fact.id.to_string()], None).unwrap()), keys(&all));
        let one = all[1].key.to_string();
        assert_eq!(keys(&choose(&lib, &[one.clone(), id], None).unwrap())[0], one);
        assert_eq!(choose(&lib, &[one.clone(), one], None).unwrap().len(), 1, "no repeats");
        // FACT/DIRECTION, when the first part is no deck.
        let short = format!("{}/{}", fact.id, all[1].key.direction);
        assert_eq!(keys(&choose(&lib, &[short], None).unwrap()), [all[1].key.to_string()]);
    }

    #[test]
    fn an_unknown_id_says_why_and_what_is_near() {
        let lib = library();
        let (deck, fact) = lib.facts().next().unwrap();
        let typo = format!("{}/{}x", deck.id, fact.id);
        let err = choose(&lib, std::slice::from_ref(&typo), None).unwrap_err().to_string();
        assert!(err.starts_with(&format!("no fact `{typo}` in your decks; did you mean")), "{err}");
        assert!(err.contains(&format!("{}/{}", deck.id, fact.id)), "{err}");
        let err = choose(&lib, &["nodeck/x".into()], None).unwrap_err().to_string();
        assert!(err.contains("no deck `nodeck`") && err.contains(deck.id.as_str()), "{err}");
        let err = choose(&lib, &[format!("{}/{}/sideways", deck.id, fact.id)], None).unwrap_err();
        assert!(err.to_string().contains("has no card `sideways` (its cards: forward"), "{err}");
        assert!(choose(&lib, &["a/b/c/d".into()], None).is_err());
        let err = choose(&lib, &[], Some("zzzzqq")).unwrap_err().to_string();
        assert!(err.contains("no fact in your decks has `zzzzqq`"), "{err}");
    }

    #[test]
    fn descriptions_group_cards_by_fact() {
        let k = |s: &str| s.parse::<CardKey>().unwrap();
        let keys = [k("d/a/forward"), k("d/a/reverse"), k("d/b/forward"), k("e/c/cloze-2")];
        assert_eq!(describe(&keys, 5), "d/a (forward, reverse), d/b (forward), e/c (cloze-2)");
        assert_eq!(describe(&keys, 1), "d/a (forward, reverse), and 2 more");
        assert_eq!(cards(1), "1 card");
        assert_eq!(
            command("bury", &["d/a".into()], Some("2+2 talks")),
            r#"recall bury d/a --find "2+2 talks""#
        );
    }

    #[test]
    fn find_matches_words_of_the_cue_and_answer_ignoring_case() {
        let lib = library();
        let (_, fact) = lib.facts().next().unwrap();
        let word = fact.answer.split_whitespace().next().unwrap().to_uppercase();
        let found = matching(&lib, &word);
        assert!(found.iter().any(|(_, f)| f.id == fact.id), "{word}");
        assert!(matching(&lib, "   ").is_empty());
        assert_eq!(fold("  École, 2+2 "), "ecole 2 2");
    }
}
