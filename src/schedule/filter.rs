//! A run's `--deck`, `--topic` and `--tag`, checked against the decks loaded before anything
//! is asked or counted.
//!
//! A filter that matches nothing is a mistake in the command line, not an empty day: `recall
//! study --topic nope` said "you are up to date" (exit 0) where `recall exam --topic nope` said
//! no facts matched (exit 2) and `recall stats --topic nope` named the topic. Every command
//! with these flags (study, exam, stats) builds its [`Filter`] here, so each says it the same
//! way, names what does not exist and lists what does.

use std::collections::BTreeMap;

use super::Filter;
use crate::deck::{Fact, Library};

/// A `--deck`, `--topic` or `--tag` that matches nothing in the decks loaded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FilterError {
    #[error("no deck `{deck}` among the decks loaded (known: {known})")]
    UnknownDeck { deck: String, known: String },
    #[error("no fact has the topic `{topic}` in the decks chosen ({known})")]
    UnknownTopic { topic: String, known: String },
    #[error("no fact has the tag `{tag}` in the decks chosen ({known})")]
    UnknownTag { tag: String, known: String },
    #[error("no fact has both the topic `{topic}` and the tag `{tag}` in the decks chosen")]
    NoFactWithBoth { topic: String, tag: String },
}

/// The most names a message lists before "and N more".
const LISTED: usize = 12;

impl Filter {
    /// The filter `decks` (ids; empty: all), `topic` and `tag` (compared without regard to
    /// case) ask for, or what in them matches nothing: a deck that is not loaded, a topic or a
    /// tag no fact of the chosen decks has, or a topic and a tag that no fact has together.
    pub fn from_flags(
        library: &Library,
        decks: &[String],
        topic: Option<&str>,
        tag: Option<&str>,
    ) -> Result<Filter, FilterError> {
        let mut chosen = Vec::new();
        for id in decks {
            match library.decks.iter().find(|d| d.deck.id.as_str() == id) {
                Some(d) => chosen.push(d.deck.id.clone()),
                None => {
                    let known = library.decks.iter().map(|d| d.deck.id.to_string());
                    return Err(FilterError::UnknownDeck {
                        deck: id.clone(),
                        known: listed(known).unwrap_or_else(|| "none".to_owned()),
                    });
                }
            }
        }
        let filter = Filter {
            decks: chosen,
            topic: topic.map(str::to_owned),
            tag: tag.map(str::to_owned),
            force_kinds: Vec::new(),
        };
        let facts: Vec<&Fact> = library
            .decks
            .iter()
            .filter(|d| filter.decks.is_empty() || filter.decks.contains(&d.deck.id))
            .flat_map(|d| &d.deck.facts)
            .collect();
        let has_topic = |f: &Fact, t: &str| f.topic.as_deref().is_some_and(|ft| same(ft, t));
        let has_tag = |f: &Fact, t: &str| f.tags.iter().any(|ft| same(ft, t));
        if let Some(topic) = topic
            && !facts.iter().any(|f| has_topic(f, topic))
        {
            let known = names(facts.iter().filter_map(|f| f.topic.as_deref()));
            return Err(FilterError::UnknownTopic {
                topic: topic.to_owned(),
                known: listed(known)
                    .map_or_else(|| "they have no topics".to_owned(), |l| format!("topics: {l}")),
            });
        }
        if let Some(tag) = tag
            && !facts.iter().any(|f| has_tag(f, tag))
        {
            let known = names(facts.iter().flat_map(|f| f.tags.iter().map(String::as_str)));
            return Err(FilterError::UnknownTag {
                tag: tag.to_owned(),
                known: listed(known)
                    .map_or_else(|| "they have no tags".to_owned(), |l| format!("tags: {l}")),
            });
        }
        if let (Some(topic), Some(tag)) = (topic, tag)
            && !facts.iter().any(|f| has_topic(f, topic) && has_tag(f, tag))
        {
            return Err(FilterError::NoFactWithBoth {
                topic: topic.to_owned(),
                tag: tag.to_owned(),
            });
        }
        Ok(filter)
    }
}

fn same(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b)
}

/// Distinct names, compared without regard to case, in alphabetical order.
fn names<'a>(all: impl Iterator<Item = &'a str>) -> impl Iterator<Item = String> {
    let mut seen: BTreeMap<String, &str> = BTreeMap::new();
    for name in all {
        seen.entry(name.to_lowercase()).or_insert(name);
    }
    seen.into_values().map(str::to_owned).collect::<Vec<_>>().into_iter()
}

/// `a, b, c`, the first [`LISTED`] and "and N more"; `None` when there are none.
fn listed(names: impl Iterator<Item = String>) -> Option<String> {
    let names: Vec<String> = names.collect();
    if names.is_empty() {
        return None;
    }
    let mut out = names.iter().take(LISTED).cloned().collect::<Vec<_>>().join(", ");
    if names.len() > LISTED {
        out.push_str(&format!(" and {} more", names.len() - LISTED));
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deck::{Deck, DeckFile, FactKind};
    use crate::ids::{DeckId, FactId};

    fn fact(id: &str, topic: Option<&str>, tags: &[&str]) -> Fact {
        Fact {
            topic: topic.map(str::to_owned),
            tags: tags.iter().map(|t| t.to_string()).collect(),
            ..Fact::new(
                FactId::new(id).unwrap(),
                FactKind::Term,
                "cue".to_owned(),
                "answer".to_owned(),
            )
        }
    }

    fn library() -> Library {
        let deck = |id: &str, facts: Vec<Fact>| DeckFile {
            path: format!("{id}.ron").into(),
            deck: Deck {
                id: DeckId::new(id).unwrap(),
                title: id.to_owned(),
                about: None,
                source: None,
                exam: None,
                facts,
            },
        };
        Library {
            decks: vec![
                deck(
                    "polity",
                    vec![
                        fact("a21", Some("Rights"), &["articles"]),
                        fact("a370", Some("Federalism"), &["articles", "j-and-k"]),
                    ],
                ),
                deck("economy", vec![fact("gst", Some("Taxes"), &[]), fact("repo", None, &[])]),
            ],
        }
    }

    fn err(decks: &[&str], topic: Option<&str>, tag: Option<&str>) -> String {
        let decks: Vec<String> = decks.iter().map(|d| d.to_string()).collect();
        Filter::from_flags(&library(), &decks, topic, tag).unwrap_err().to_string()
    }

    #[test]
    fn what_matches_something_is_the_filter() {
        let lib = library();
        let f =
            Filter::from_flags(&lib, &["polity".into()], Some("rights"), Some("ARTICLES")).unwrap();
        assert_eq!(f.decks, [DeckId::new("polity").unwrap()]);
        assert_eq!((f.topic.as_deref(), f.tag.as_deref()), (Some("rights"), Some("ARTICLES")));
        assert!(Filter::from_flags(&lib, &[], None, None).unwrap().decks.is_empty());
    }

    #[test]
    fn what_matches_nothing_is_named_with_what_exists() {
        assert_eq!(
            err(&["geography"], None, None),
            "no deck `geography` among the decks loaded (known: polity, economy)"
        );
        assert_eq!(
            err(&[], Some("nope"), None),
            "no fact has the topic `nope` in the decks chosen \
             (topics: Federalism, Rights, Taxes)"
        );
        // A topic of another deck than the one chosen.
        assert_eq!(
            err(&["economy"], Some("rights"), None),
            "no fact has the topic `rights` in the decks chosen (topics: Taxes)"
        );
        assert_eq!(
            err(&["economy"], None, Some("articles")),
            "no fact has the tag `articles` in the decks chosen (they have no tags)"
        );
        assert_eq!(
            err(&[], Some("taxes"), Some("articles")),
            "no fact has both the topic `taxes` and the tag `articles` in the decks chosen"
        );
    }

    #[test]
    fn a_long_list_is_cut() {
        let names = (0..20).map(|i| format!("t{i:02}"));
        assert_eq!(
            listed(names).unwrap(),
            "t00, t01, t02, t03, t04, t05, t06, t07, t08, t09, t10, t11 and 8 more"
        );
    }
}
