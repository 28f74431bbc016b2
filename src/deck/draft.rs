//! Turning what a learner typed (or a row of an import) into a sound [`Fact`].
//!
//! `recall add` (prompts or flags) and `recall import` share these rules, so a fact added either
//! way is held to the same checks: required text present, cloze statements well-formed, and an
//! id that is a valid slug not yet used in the deck.

use std::collections::HashSet;

use super::cloze::{self, ClozeError};
use super::{Deck, Fact, FactKind};
use crate::ids::{FactId, InvalidId, slugify};

/// A fact as entered, before checking. Text fields are trimmed; empty optional ones are left out.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Draft {
    pub kind: Option<FactKind>,
    pub cue: String,
    pub answer: String,
    pub accept: Vec<String>,
    pub topic: Option<String>,
    pub tags: Vec<String>,
    pub explain: Option<String>,
    pub source: Option<String>,
    pub cloze: Vec<String>,
    /// The id to use; proposed from the cue when absent.
    pub id: Option<String>,
}

/// Why a draft cannot become a fact.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DraftError {
    #[error("the cue is empty")]
    EmptyCue,
    #[error("the answer is empty")]
    EmptyAnswer,
    #[error("cloze statement `{statement}`: {source}")]
    Cloze { statement: String, source: ClozeError },
    #[error("cloze statement `{0}` has no `{{…}}` blank")]
    NoBlank(String),
    #[error(transparent)]
    BadId(#[from] InvalidId),
    #[error("fact id `{0}` is already used in this deck")]
    DuplicateId(String),
}

/// Checks one cloze statement: well-formed braces and at least one blank.
pub fn check_cloze(statement: &str) -> Result<(), DraftError> {
    match cloze::parse(statement) {
        Ok(blanks) if blanks.is_empty() => Err(DraftError::NoBlank(statement.to_owned())),
        Ok(_) => Ok(()),
        Err(source) => Err(DraftError::Cloze { statement: statement.to_owned(), source }),
    }
}

/// The ids already used in `deck`.
pub fn taken_ids(deck: &Deck) -> HashSet<String> {
    deck.facts.iter().map(|f| f.id.as_str().to_owned()).collect()
}

/// A fresh id for a fact with this cue: its slug, or the slug with `-2`, `-3`… if taken.
pub fn propose_id(cue: &str, taken: &HashSet<String>) -> FactId {
    let base = slugify(cue);
    let mut candidate = base.clone();
    let mut n = 2;
    while taken.contains(&candidate) {
        candidate = format!("{base}-{n}");
        n += 1;
    }
    // Invariant: slugify returns a non-empty run of `a-z0-9-` starting with a letter or digit
    // (a valid slug), and appending `-N` keeps it one (see `ids::tests::slugify_makes_valid_ids`).
    #[allow(clippy::expect_used)]
    FactId::new(candidate).expect("a slug with a numeric suffix is a valid id")
}

/// Checks an id the learner typed: a valid slug not in `taken`.
pub fn check_id(id: &str, taken: &HashSet<String>) -> Result<FactId, DraftError> {
    let id = FactId::new(id.trim())?;
    if taken.contains(id.as_str()) {
        return Err(DraftError::DuplicateId(id.to_string()));
    }
    Ok(id)
}

fn opt(s: &Option<String>) -> Option<String> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned)
}

fn non_empty(v: &[String]) -> Vec<String> {
    v.iter().map(|s| s.trim()).filter(|s| !s.is_empty()).map(str::to_owned).collect()
}

/// Splits a comma-separated tag list.
pub fn split_tags(s: &str) -> Vec<String> {
    s.split(',').map(str::trim).filter(|t| !t.is_empty()).map(str::to_owned).collect()
}

impl Draft {
    /// The fact this draft describes, given the ids already `taken` in the deck.
    pub fn build(&self, taken: &HashSet<String>) -> Result<Fact, DraftError> {
        let cue = self.cue.trim();
        let answer = self.answer.trim();
        if cue.is_empty() {
            return Err(DraftError::EmptyCue);
        }
        if answer.is_empty() {
            return Err(DraftError::EmptyAnswer);
        }
        let cloze = non_empty(&self.cloze);
        for s in &cloze {
            check_cloze(s)?;
        }
        let id = match opt(&self.id) {
            Some(id) => check_id(&id, taken)?,
            None => propose_id(cue, taken),
        };
        Ok(Fact {
            id,
            kind: self.kind.unwrap_or(FactKind::Term),
            cue: cue.to_owned(),
            answer: answer.to_owned(),
            accept: non_empty(&self.accept),
            topic: opt(&self.topic),
            tags: non_empty(&self.tags),
            explain: opt(&self.explain),
            source: opt(&self.source),
            cloze,
            question: None,
            reverse: None,
            skip: Vec::new(),
            authored: None,
        })
    }
}

/// The kinds as typed on the command line, for messages: `acronym, term, …`.
pub fn kind_list() -> String {
    FactKind::ALL.map(|k| k.name().to_lowercase()).join(", ")
}

/// Parses a fact kind as typed on the command line: `acronym`, `Acronym`, `ACRONYM`.
pub fn parse_kind(s: &str) -> Option<FactKind> {
    FactKind::ALL.into_iter().find(|k| k.name().eq_ignore_ascii_case(s.trim()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn taken(ids: &[&str]) -> HashSet<String> {
        ids.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn proposes_unique_ids() {
        let t = taken(&["comcasa", "comcasa-2"]);
        assert_eq!(propose_id("COMCASA", &t).as_str(), "comcasa-3");
        assert_eq!(propose_id("LEMOA", &t).as_str(), "lemoa");
        assert_eq!(propose_id("!!!", &taken(&["fact"])).as_str(), "fact-2");
    }

    #[test]
    fn builds_and_refuses() {
        let t = taken(&["a"]);
        let mut d = Draft {
            cue: "  Quad ".into(),
            answer: " Australia, India, Japan, US ".into(),
            topic: Some(" ".into()),
            tags: vec![" x ".into(), "".into()],
            cloze: vec!["The {Quad} has four members.".into(), " ".into()],
            ..Draft::default()
        };
        let f = d.build(&t).unwrap();
        assert_eq!((f.id.as_str(), f.cue.as_str(), f.kind), ("quad", "Quad", FactKind::Term));
        assert_eq!((f.topic, f.tags, f.cloze.len()), (None, vec!["x".to_string()], 1));
        d.id = Some("a".into());
        assert_eq!(d.build(&t), Err(DraftError::DuplicateId("a".into())));
        d.id = Some("Bad Id".into());
        assert!(matches!(d.build(&t), Err(DraftError::BadId(_))));
        d.id = None;
        d.cloze = vec!["no blank".into()];
        assert_eq!(d.build(&t), Err(DraftError::NoBlank("no blank".into())));
        d.cloze = vec!["{open".into()];
        assert!(matches!(d.build(&t), Err(DraftError::Cloze { .. })));
        d.answer = " ".into();
        assert_eq!(d.build(&t), Err(DraftError::EmptyAnswer));
        assert_eq!(parse_kind("acronym"), Some(FactKind::Acronym));
        assert_eq!(parse_kind("nope"), None);
    }
}
