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
///
/// An authored question (`Question(…)` in a deck's `facts` list, see [`Authored`]) is a fact
/// too, with [`Fact::authored`] set: it is then one card, asked only as written. Keeping it a
/// fact means it is scheduled, studied, counted and set in papers like every other card, keyed
/// by its id, without a second path through the program. Its `cue` is the stem, its `answer`
/// the text of the right option, its `kind` [`FactKind::Statement`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "item::Item", into = "item::Item")]
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
    /// Set for an authored question: its statements or pairs, options and right option.
    #[serde(skip)]
    pub authored: Option<Box<Authored>>,
}

/// What an authored question has beyond a fact: a question written by a person or taken from
/// a previous year's paper, asked exactly as written (options in the written order: "All of
/// the above" and the coded options `1 and 3 only` depend on it).
///
/// In a deck file:
///
/// ```ron
/// Question(
///     id: "pyq-2019-comcasa",
///     stem: "Consider the following statements:",
///     statements: ["1. …", "2. …", "3. …"],
///     ask: "Which of the statements given above are correct?",
///     options: ["1 and 2 only", "2 and 3 only", "1 and 3 only", "1, 2 and 3"],
///     answer: "d",
///     explain: "…", source: "…", year: 2019, topic: "…", tags: ["pyq-2019"],
/// )
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Authored {
    /// The statements, each with its label as written (`1. …`, or `Statement-I: …` for the
    /// assertion-and-reason layout); empty for a plain question or a pairs question. The loader
    /// checks the labels (every one or none, no number twice, in order).
    pub statements: Vec<String>,
    /// The pairs, `(left, right)`, numbered 1, 2, … in order on screen; empty unless the
    /// question matches pairs.
    pub pairs: Vec<(String, String)>,
    /// The question after the statements or pairs ("Which of the statements given above are
    /// correct?"); a plain question puts its whole question in the stem.
    pub ask: Option<String>,
    /// The options as written, without their letters (2 to 5).
    pub options: Vec<String>,
    /// The index of the right option in `options`.
    pub correct: usize,
    /// The year of the paper the question comes from.
    pub year: Option<u16>,
}

/// The letter of option `i` as printed on a paper: `a`, `b`, …
pub fn option_letter(i: usize) -> char {
    u8::try_from(i)
        .ok()
        .and_then(|i| b"abcdefghij".get(usize::from(i)))
        .map_or('?', |b| char::from(*b))
}

/// The option index a written answer names: `"b"`, `"B"`, `"(b)"` or `"b)"`; `None` if it is
/// not a single letter.
pub fn parse_option_letter(s: &str) -> Option<usize> {
    let s = s.trim();
    let s = s.strip_prefix('(').unwrap_or(s);
    let s = s.strip_suffix(')').unwrap_or(s).trim();
    let mut chars = s.chars();
    let c = chars.next()?.to_ascii_lowercase();
    if chars.next().is_some() || !c.is_ascii_lowercase() {
        return None;
    }
    Some(usize::from(c as u8 - b'a'))
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
    /// An authored question (`Question(…)` in a deck), asked as written: its only kind.
    Authored,
}

impl QuestionKind {
    pub const ALL: [QuestionKind; 7] = [
        QuestionKind::Flashcard,
        QuestionKind::Reverse,
        QuestionKind::MultipleChoice,
        QuestionKind::TrueFalse,
        QuestionKind::Typed,
        QuestionKind::Cloze,
        QuestionKind::Authored,
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
            QuestionKind::Authored => "Authored",
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
            QuestionKind::Authored => "authored",
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
            authored: None,
        }
    }

    /// An authored question as a fact (see [`Authored`]): `stem` is its cue and the right
    /// option's text its answer. `authored.correct` must index `authored.options`; an index out
    /// of range gives an empty answer (the loader never builds one).
    pub fn question(id: FactId, stem: impl Into<String>, authored: Authored) -> Fact {
        let answer = authored.options.get(authored.correct).cloned().unwrap_or_default();
        Fact {
            authored: Some(Box::new(authored)),
            ..Fact::new(id, FactKind::Statement, stem, answer)
        }
    }

    /// The cue in one line, for lists (weakest facts, history, search): a Number's as its
    /// question (`How many …?`), an authored question's stem, or its own question when the stem only says "Consider the
    /// following:" ("How many of the above groupings has India joined?"), or that with its
    /// first statement or pair.
    pub fn gist(&self) -> String {
        let stem = self.cue.split_whitespace().collect::<Vec<_>>().join(" ");
        let Some(a) = &self.authored else {
            // A Number's cue is written to follow "How many" (`countries CAATSA imposed
            // sanctions on`): alone it reads as half a sentence.
            if self.kind == FactKind::Number {
                return format!("How many {stem}?");
            }
            return stem;
        };
        let boilerplate = stem.to_lowercase().starts_with("consider the following")
            && stem.split_whitespace().count() <= 5;
        if !boilerplate {
            return stem;
        }
        let first = a
            .statements
            .first()
            .cloned()
            .or_else(|| a.pairs.first().map(|(l, r)| format!("{l} — {r}")));
        // "How many of the above has India joined?" says what is asked; "Which of the
        // statements given above are correct?" does not, and the first statement does.
        let says_little = |ask: &str| {
            let ask = ask.to_lowercase();
            ["given above", "above statements", "above pairs"].iter().any(|w| ask.contains(w))
        };
        match (&a.ask, first) {
            (Some(ask), _) if !says_little(ask) => format!("{stem} … {}", ask.trim()),
            (_, Some(first)) => format!("{stem} {} …", first.trim()),
            (Some(ask), None) => format!("{stem} … {}", ask.trim()),
            (None, None) => stem,
        }
    }

    /// Is this an authored question rather than a fact? Generated questions (distractors,
    /// statement sets, matched pairs) never draw on authored ones.
    pub fn is_authored(&self) -> bool {
        self.authored.is_some()
    }

    /// The number of `{…}` blanks across all cloze statements: the fact's cloze cards.
    pub fn cloze_blanks(&self) -> usize {
        self.cloze.iter().map(|s| super::cloze::blanks(s).len()).sum()
    }
}

/// How a fact or an authored question is written, for serde: the union of both field sets.
/// An item with a `stem` or `options` is a question, anything else a fact; the loader (which
/// reports every problem with its place) decides the same way by `Question(` or those fields.
/// One difference remains: `ron` checks a written struct name against the type's, so it reads
/// a question written `(stem: …)` but not `Question(stem: …)`, which only our loader reads
/// (serde's untagged reading, which would take any name, loses enum variants in RON).
mod item {
    use serde::{Deserialize, Serialize};

    use super::{Authored, Fact, FactKind, QuestionKind, optional};
    use crate::ids::FactId;

    #[derive(Serialize, Deserialize)]
    #[serde(deny_unknown_fields, rename = "Fact")]
    pub struct Item {
        id: FactId,
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            serialize_with = "optional::plain",
            deserialize_with = "optional::some"
        )]
        kind: Option<FactKind>,
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            serialize_with = "optional::plain",
            deserialize_with = "optional::string"
        )]
        cue: Option<String>,
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            serialize_with = "optional::plain",
            deserialize_with = "optional::string"
        )]
        stem: Option<String>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        statements: Vec<String>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pairs: Vec<(String, String)>,
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            deserialize_with = "optional::string"
        )]
        ask: Option<String>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        options: Vec<String>,
        answer: String,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        accept: Vec<String>,
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            deserialize_with = "optional::string"
        )]
        topic: Option<String>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        tags: Vec<String>,
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            deserialize_with = "optional::string"
        )]
        explain: Option<String>,
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            deserialize_with = "optional::string"
        )]
        source: Option<String>,
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            serialize_with = "optional::plain",
            deserialize_with = "optional::some"
        )]
        year: Option<u16>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        cloze: Vec<String>,
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            deserialize_with = "optional::string"
        )]
        question: Option<String>,
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            deserialize_with = "optional::string"
        )]
        reverse: Option<String>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        skip: Vec<QuestionKind>,
    }

    impl TryFrom<Item> for Fact {
        type Error = String;

        fn try_from(i: Item) -> Result<Fact, String> {
            if i.stem.is_some() || !i.options.is_empty() {
                let stem = i.stem.ok_or("a question needs a `stem`")?;
                let correct = super::parse_option_letter(&i.answer)
                    .filter(|c| *c < i.options.len())
                    .ok_or_else(|| format!("`answer: {:?}` names no option", i.answer))?;
                let authored = Authored {
                    statements: i.statements,
                    pairs: i.pairs,
                    ask: i.ask,
                    options: i.options,
                    correct,
                    year: i.year,
                };
                let mut fact = Fact::question(i.id, stem, authored);
                fact.topic = i.topic;
                fact.tags = i.tags;
                fact.explain = i.explain;
                fact.source = i.source;
                return Ok(fact);
            }
            let kind = i.kind.ok_or("missing field `kind`")?;
            let cue = i.cue.ok_or("missing field `cue`")?;
            Ok(Fact {
                accept: i.accept,
                topic: i.topic,
                tags: i.tags,
                explain: i.explain,
                source: i.source,
                cloze: i.cloze,
                question: i.question,
                reverse: i.reverse,
                skip: i.skip,
                ..Fact::new(i.id, kind, cue, i.answer)
            })
        }
    }

    impl From<Fact> for Item {
        fn from(f: Fact) -> Item {
            let mut item = Item {
                id: f.id,
                kind: Some(f.kind),
                cue: Some(f.cue),
                stem: None,
                statements: Vec::new(),
                pairs: Vec::new(),
                ask: None,
                options: Vec::new(),
                answer: f.answer,
                accept: f.accept,
                topic: f.topic,
                tags: f.tags,
                explain: f.explain,
                source: f.source,
                year: None,
                cloze: f.cloze,
                question: f.question,
                reverse: f.reverse,
                skip: f.skip,
            };
            if let Some(a) = f.authored {
                item.stem = item.cue.take();
                item.kind = None;
                item.answer = super::option_letter(a.correct).to_string();
                item.statements = a.statements;
                item.pairs = a.pairs;
                item.ask = a.ask;
                item.options = a.options;
                item.year = a.year;
            }
            item
        }
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

    /// Writes `Some(x)` as plain `x` (the loader takes `kind: Term`, never `kind: Some(Term)`).
    pub fn plain<S: serde::Serializer, T: serde::Serialize>(
        v: &Option<T>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        match v {
            Some(x) => x.serialize(s),
            None => s.serialize_none(),
        }
    }

    /// A required-looking value (`kind: Term`, `year: 2023`) in an optional field: serde's
    /// `Option` would want `Some(…)` without `implicit_some`.
    pub fn some<'de, D: Deserializer<'de>, T: serde::Deserialize<'de>>(
        d: D,
    ) -> Result<Option<T>, D::Error> {
        T::deserialize(d).map(Some)
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
