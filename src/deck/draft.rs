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

/// `text` without control characters, for a deck: what was typed, pasted or imported may hold
/// terminal escape sequences (`ESC [31m` colours the screen, `ESC ]…BEL` retitles it), a bell,
/// NULs or other C0/C1 controls, which would reach every terminal the fact is shown on. An
/// escape sequence goes whole (not just its ESC, which would leave `[31m` behind), a tab
/// becomes a space, and a line break is kept where `newlines` allows it (an explanation) and
/// becomes a space elsewhere (a cue, an answer: shown and typed on one line).
pub fn plain_text(text: &str, newlines: bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' => match chars.next() {
                // CSI: parameters and intermediates, then one final byte in `@`..`~`.
                Some('[') => {
                    for c in chars.by_ref() {
                        if ('@'..='~').contains(&c) {
                            break;
                        }
                    }
                }
                // OSC, DCS, SOS, PM, APC: a string up to BEL or ST (`ESC \\`).
                Some(']' | 'P' | 'X' | '^' | '_') => {
                    while let Some(c) = chars.next() {
                        if c == '\u{7}' || (c == '\u{1b}' && chars.next_if_eq(&'\\').is_some()) {
                            break;
                        }
                    }
                }
                // Any other escape is two characters.
                _ => {}
            },
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push(if newlines { '\n' } else { ' ' });
            }
            '\n' => out.push(if newlines { '\n' } else { ' ' }),
            '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

fn opt(s: &Option<String>) -> Option<String> {
    opt_text(s, false)
}

fn opt_text(s: &Option<String>, newlines: bool) -> Option<String> {
    s.as_deref()
        .map(|s| plain_text(s, newlines))
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
}

fn non_empty(v: &[String]) -> Vec<String> {
    v.iter()
        .map(|s| plain_text(s, false))
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect()
}

/// Splits a comma-separated tag list.
pub fn split_tags(s: &str) -> Vec<String> {
    s.split(',').map(str::trim).filter(|t| !t.is_empty()).map(str::to_owned).collect()
}

impl Draft {
    /// The fact this draft describes, given the ids already `taken` in the deck.
    pub fn build(&self, taken: &HashSet<String>) -> Result<Fact, DraftError> {
        let (cue, answer) = (plain_text(&self.cue, false), plain_text(&self.answer, false));
        let (cue, answer) = (cue.trim(), answer.trim());
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
            explain: opt_text(&self.explain, true),
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
    fn control_characters_never_reach_a_fact() {
        assert_eq!(plain_text("\u{1b}[31mred\u{1b}[0m alert\u{7}", false), "red alert");
        assert_eq!(plain_text("a\u{1b}]0;pwned\u{7}b\u{1b}]2;x\u{1b}\\c", false), "abc");
        assert_eq!(plain_text("nul\0 del\u{7f} c1\u{9b}1m", false), "nul del c11m");
        assert_eq!(plain_text("one\r\ntwo\rthree\tfour", true), "one\ntwo\nthree four");
        assert_eq!(plain_text("one\r\ntwo\nthree", false), "one two three");
        // A sequence cut off at the end of the text goes too.
        assert_eq!(plain_text("end\u{1b}[31", false), "end");
        assert_eq!(plain_text("end\u{1b}", false), "end");
        let d = Draft {
            cue: "\u{1b}[1mLok Sabha\u{1b}[0m".into(),
            answer: "\u{7}House of the People".into(),
            explain: Some("Art. 81\n\u{1b}[2Jmax 550".into()),
            tags: vec!["\0polity".into(), "\u{1b}".into()],
            ..Draft::default()
        };
        let f = d.build(&HashSet::new()).unwrap();
        assert_eq!((f.cue.as_str(), f.answer.as_str()), ("Lok Sabha", "House of the People"));
        assert_eq!(f.explain.as_deref(), Some("Art. 81\nmax 550"));
        assert_eq!(f.tags, ["polity"]);
        // A cue of nothing but controls is empty.
        let empty = Draft { cue: "\u{7}\u{1b}[0m".into(), answer: "x".into(), ..Draft::default() };
        assert_eq!(empty.build(&HashSet::new()), Err(DraftError::EmptyCue));
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
