//! Narrowing the library to what `recall stats --deck ID --topic T` asks about.
//!
//! Statistics are computed over the facts of a [`Library`]; narrowing it first keeps the
//! computation itself free of filters. A deck or topic that does not exist is reported before
//! ([`Filter::from_flags`](crate::schedule::Filter::from_flags), as `study` and `exam` report
//! it) rather than answered with an empty report.

use crate::deck::Library;
use crate::ids::DeckId;

/// The library restricted to `decks` (all when empty) and to facts of `topic` (compared
/// without regard to case), keeping deck and fact order.
pub fn scope_library(library: &Library, decks: &[DeckId], topic: Option<&str>) -> Library {
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
    scoped
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
        assert_eq!(ids(&scope_library(&lib, &[], None)).len(), 6);
        let economy = DeckId::new("economy").unwrap();
        assert_eq!(
            ids(&scope_library(&lib, &[economy], None)),
            ["economy/gst", "economy/repo-rate", "economy/crr"]
        );
        assert_eq!(
            ids(&scope_library(&lib, &[], Some("Banking"))),
            ["economy/repo-rate", "economy/crr"]
        );
    }
}
