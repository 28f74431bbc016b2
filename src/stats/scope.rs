//! Narrowing the library to what `recall stats --deck ID --topic T` asks about.
//!
//! Statistics are computed over the facts of a [`Library`]; narrowing it first keeps the
//! computation itself free of filters, and a deck or topic that does not exist is reported
//! rather than answered with an empty report.

use crate::deck::Library;
use crate::ids::DeckId;

/// A `--deck` or `--topic` that matches nothing.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScopeError {
    #[error("no deck `{deck}` among the decks loaded (known: {known})")]
    UnknownDeck { deck: String, known: String },
    #[error("no fact has the topic `{0}` in the decks chosen")]
    UnknownTopic(String),
}

/// The library restricted to `decks` (all when empty) and to facts of `topic` (compared
/// without regard to case), keeping deck and fact order.
pub fn scope_library(
    library: &Library,
    decks: &[DeckId],
    topic: Option<&str>,
) -> Result<Library, ScopeError> {
    for deck in decks {
        if library.deck(deck).is_none() {
            let known: Vec<&str> = library.decks.iter().map(|d| d.deck.id.as_str()).collect();
            return Err(ScopeError::UnknownDeck {
                deck: deck.to_string(),
                known: if known.is_empty() { "none".to_owned() } else { known.join(", ") },
            });
        }
    }
    let mut scoped = Library::default();
    for file in &library.decks {
        if !decks.is_empty() && !decks.contains(&file.deck.id) {
            continue;
        }
        let mut file = file.clone();
        if let Some(topic) = topic {
            file.deck
                .facts
                .retain(|f| f.topic.as_deref().is_some_and(|t| t.eq_ignore_ascii_case(topic)));
        }
        scoped.decks.push(file);
    }
    if let Some(topic) = topic
        && scoped.fact_count() == 0
    {
        return Err(ScopeError::UnknownTopic(topic.to_owned()));
    }
    Ok(scoped)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::tests::library;

    fn ids(l: &Library) -> Vec<String> {
        l.facts().map(|(d, f)| format!("{}/{}", d.id, f.id)).collect()
    }

    #[test]
    fn narrows_by_deck_and_topic() {
        let lib = library();
        assert_eq!(ids(&scope_library(&lib, &[], None).unwrap()).len(), 6);
        let economy = DeckId::new("economy").unwrap();
        assert_eq!(
            ids(&scope_library(&lib, &[economy], None).unwrap()),
            ["economy/gst", "economy/repo-rate", "economy/crr"]
        );
        assert_eq!(
            ids(&scope_library(&lib, &[], Some("Banking")).unwrap()),
            ["economy/repo-rate", "economy/crr"]
        );
    }

    #[test]
    fn unknown_deck_or_topic_is_an_error_that_names_it() {
        let lib = library();
        let err = scope_library(&lib, &[DeckId::new("geography").unwrap()], None).unwrap_err();
        assert_eq!(
            err.to_string(),
            "no deck `geography` among the decks loaded (known: polity, economy)"
        );
        let polity = DeckId::new("polity").unwrap();
        let err = scope_library(&lib, &[polity], Some("banking")).unwrap_err();
        assert_eq!(err, ScopeError::UnknownTopic("banking".to_owned()));
    }
}
