//! The deck format (v1): what a deck file holds once loaded.
//!
//! The same types serialize to and from RON through serde, so `ron::from_str::<Deck>` reads any
//! deck our loader accepts; the loader itself goes through a spanned syntax tree
//! ([`super::syntax`]) so that it can report every problem of a file with its position.

use serde::{Deserialize, Serialize};

use crate::ids::{DeckId, FactId};

/// One deck file: a titled list of facts.
///
/// Optional fields take a bare value or `Some(value)` (and `None`), with or without
/// `#![enable(implicit_some)]`: both our loader and `ron` accept the same files.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Deck {
    /// Stable id, unique across the library (a lower-case slug: `india-us-2plus2`). Progress
    /// is keyed by it, so renaming or moving the file keeps the learner's history.
    pub id: DeckId,
    /// The deck's name, shown in listings and sessions. Must not be blank.
    pub title: String,
    /// What the deck covers, shown in listings.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "optional::string"
    )]
    pub about: Option<String>,
    /// Where the deck's facts come from (a book, an article); facts may name their own.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "optional::string"
    )]
    pub source: Option<String>,
    /// The date of the exam this deck is learnt for (`"YYYY-MM-DD"`); scheduling aims at it.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "optional::date")]
    pub exam: Option<jiff::civil::Date>,
    /// The facts, in the order they are introduced.
    pub facts: Vec<Fact>,
}

/// One thing to learn. Every fact yields one or more cards (directions) and each card can be
/// asked in several question kinds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fact {
    /// Stable id, unique within the deck: progress is keyed by it.
    pub id: FactId,
    /// What sort of fact this is (`Acronym`, `Date`, …): picks the question wording and the
    /// facts that serve as its multiple-choice distractors.
    pub kind: FactKind,
    /// What the question is about: the acronym, the term, the event, the thing counted.
    /// Must not be blank.
    pub cue: String,
    /// The right answer, as it is shown. Must not be blank.
    pub answer: String,
    /// Other answers accepted for typed questions (case, punctuation and spacing are ignored
    /// anyway, so list real alternatives: `"Wassenaar"` for `"Wassenaar Arrangement"`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub accept: Vec<String>,
    /// The subject within the deck (`"defence agreements"`); distractors prefer the same topic
    /// and statistics report mastery per topic.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "optional::string"
    )]
    pub topic: Option<String>,
    /// Free labels (`"defence"`, `"india-us"`) for grouping and choosing facts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Shown after the answer: why it is so, the context.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "optional::string"
    )]
    pub explain: Option<String>,
    /// Where the fact comes from.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "optional::string"
    )]
    pub source: Option<String>,
    /// Sentences with `{…}` blanks; each blank is its own cloze card.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cloze: Vec<String>,
    /// Replaces the generated forward question wording.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "optional::string"
    )]
    pub question: Option<String>,
    /// Replaces the generated reverse question wording.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "optional::string"
    )]
    pub reverse: Option<String>,
    /// Question kinds this fact must never be asked in.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skip: Vec<QuestionKind>,
}

/// What sort of fact this is; it picks the question templates and which facts are siblings
/// for distractors (acronym expansions are only ever offered against acronym expansions).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum FactKind {
    /// cue: the acronym (`COMCASA`); answer: its expansion.
    Acronym,
    /// cue: a term or name (`2+2 dialogue`); answer: what it means.
    Term,
    /// cue: a role or description; answer: the person or office.
    Person,
    /// cue: what is located; answer: the place.
    Place,
    /// cue: the event; answer: its date or year.
    Date,
    /// cue: what is counted; answer: the number.
    Number,
    /// cue: the grouping; answer: its members.
    Group,
    /// cue: the agreement's name or acronym; answer: what it does.
    Agreement,
    /// cue: the organisation; answer: what it is or does.
    Organization,
    /// cue: a question or prompt; answer: its answer. Worded as written.
    Statement,
}

impl FactKind {
    pub const ALL: [FactKind; 10] = [
        FactKind::Acronym,
        FactKind::Term,
        FactKind::Person,
        FactKind::Place,
        FactKind::Date,
        FactKind::Number,
        FactKind::Group,
        FactKind::Agreement,
        FactKind::Organization,
        FactKind::Statement,
    ];

    /// The name as written in a deck file.
    pub fn name(self) -> &'static str {
        match self {
            FactKind::Acronym => "Acronym",
            FactKind::Term => "Term",
            FactKind::Person => "Person",
            FactKind::Place => "Place",
            FactKind::Date => "Date",
            FactKind::Number => "Number",
            FactKind::Group => "Group",
            FactKind::Agreement => "Agreement",
            FactKind::Organization => "Organization",
            FactKind::Statement => "Statement",
        }
    }

    pub fn from_name(name: &str) -> Option<FactKind> {
        FactKind::ALL.into_iter().find(|k| k.name() == name)
    }
}

/// The ways a card can be asked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum QuestionKind {
    /// Cue shown, answer revealed, the learner rates their recall.
    Flashcard,
    /// The answer shown, the cue asked for.
    Reverse,
    /// Pick the right answer among options.
    MultipleChoice,
    /// Is this pairing of cue and answer right?
    TrueFalse,
    /// Type the answer; graded with tolerance.
    Typed,
    /// Fill a `{…}` blank of a cloze statement.
    Cloze,
}

impl QuestionKind {
    pub const ALL: [QuestionKind; 6] = [
        QuestionKind::Flashcard,
        QuestionKind::Reverse,
        QuestionKind::MultipleChoice,
        QuestionKind::TrueFalse,
        QuestionKind::Typed,
        QuestionKind::Cloze,
    ];

    /// The name as written in a deck file (`skip: [TrueFalse]`).
    pub fn name(self) -> &'static str {
        match self {
            QuestionKind::Flashcard => "Flashcard",
            QuestionKind::Reverse => "Reverse",
            QuestionKind::MultipleChoice => "MultipleChoice",
            QuestionKind::TrueFalse => "TrueFalse",
            QuestionKind::Typed => "Typed",
            QuestionKind::Cloze => "Cloze",
        }
    }

    /// The name on the command line and in JSON (`multiple-choice`).
    pub fn slug(self) -> &'static str {
        match self {
            QuestionKind::Flashcard => "flashcard",
            QuestionKind::Reverse => "reverse",
            QuestionKind::MultipleChoice => "multiple-choice",
            QuestionKind::TrueFalse => "true-false",
            QuestionKind::Typed => "typed",
            QuestionKind::Cloze => "cloze",
        }
    }

    pub fn from_name(name: &str) -> Option<QuestionKind> {
        QuestionKind::ALL.into_iter().find(|k| k.name() == name)
    }

    pub fn from_slug(slug: &str) -> Option<QuestionKind> {
        QuestionKind::ALL.into_iter().find(|k| k.slug() == slug)
    }
}

impl std::fmt::Display for QuestionKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.slug())
    }
}

impl std::fmt::Display for FactKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl Fact {
    /// A fact with only its required fields; every optional field empty. Code that builds facts
    /// (importers, tests) starts here, so a new optional field is added in one place.
    pub fn new(
        id: FactId,
        kind: FactKind,
        cue: impl Into<String>,
        answer: impl Into<String>,
    ) -> Fact {
        Fact {
            id,
            kind,
            cue: cue.into(),
            answer: answer.into(),
            accept: Vec::new(),
            topic: None,
            tags: Vec::new(),
            explain: None,
            source: None,
            cloze: Vec::new(),
            question: None,
            reverse: None,
            skip: Vec::new(),
        }
    }

    /// The number of `{…}` blanks across all cloze statements: the fact's cloze cards.
    pub fn cloze_blanks(&self) -> usize {
        self.cloze.iter().map(|s| super::cloze::blanks(s).len()).sum()
    }
}

/// Deserializers for optional fields that accept both `"x"` and `Some("x")`, so that deck
/// authors need neither `Some(…)` nor the `implicit_some` attribute, and `ron::from_str` still
/// reads every deck our loader accepts.
mod optional {
    use serde::de::{self, Deserializer, Visitor};
    use std::fmt;

    pub fn string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
        d.deserialize_any(OptVisitor(|s: &str| Ok::<_, String>(s.to_owned())))
    }

    pub fn date<'de, D: Deserializer<'de>>(d: D) -> Result<Option<jiff::civil::Date>, D::Error> {
        d.deserialize_any(OptVisitor(|s: &str| {
            s.parse::<jiff::civil::Date>().map_err(|e| e.to_string())
        }))
    }

    struct OptVisitor<F>(F);

    impl<'de, T, F: Fn(&str) -> Result<T, String>> Visitor<'de> for OptVisitor<F> {
        type Value = Option<T>;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a string, `Some(\"…\")` or `None`")
        }

        fn visit_str<E: de::Error>(self, s: &str) -> Result<Self::Value, E> {
            (self.0)(s).map(Some).map_err(E::custom)
        }

        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            let s = String::deserialize(d)?;
            (self.0)(&s).map(Some).map_err(de::Error::custom)
        }
    }

    use serde::Deserialize;
}
