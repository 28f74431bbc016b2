//! The deck format checked against a parsed file: turns a [`super::syntax::Document`] into a
//! [`Deck`], collecting every problem instead of stopping at the first.
//!
//! Alongside the deck it keeps the spans of what the lints look at ([`DeckSpans`]), so a
//! warning about an answer can point at the answer.

use std::collections::HashMap;
use std::ops::Range;

use super::authored::{self, Label};
use super::diag::Severity;
use super::lint;
use super::model::{
    Authored, Deck, Fact, FactKind, QuestionKind, option_letter, parse_option_letter,
};
use super::syntax::{Document, Field, Ident, Node, Value};
use crate::ids::{DeckId, FactId};

/// A problem found in one file, positioned by byte span; the loader adds path, line and column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub severity: Severity,
    pub code: &'static str,
    pub message: String,
    pub span: Range<usize>,
    pub hint: Option<String>,
    /// Another place in the same file and what it is ("first defined here").
    pub related: Option<(Range<usize>, String)>,
}

impl Problem {
    pub fn error(code: &'static str, span: Range<usize>, message: impl Into<String>) -> Problem {
        Problem {
            severity: Severity::Error,
            code,
            message: message.into(),
            span,
            hint: None,
            related: None,
        }
    }

    pub fn warning(code: &'static str, span: Range<usize>, message: impl Into<String>) -> Problem {
        Problem { severity: Severity::Warning, ..Problem::error(code, span, message) }
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Problem {
        self.hint = Some(hint.into());
        self
    }

    pub fn related(mut self, span: Range<usize>, label: impl Into<String>) -> Problem {
        self.related = Some((span, label.into()));
        self
    }
}

/// Where the parts of a deck are in its file.
#[derive(Clone, Debug, Default)]
pub struct DeckSpans {
    pub id: Range<usize>,
    /// One entry per fact, in order (only for decks without errors, so it lines up with
    /// `Deck::facts`).
    pub facts: Vec<FactSpans>,
}

#[derive(Clone, Debug, Default)]
pub struct FactSpans {
    pub id: Range<usize>,
    pub kind: Range<usize>,
    pub cue: Range<usize>,
    pub answer: Range<usize>,
    pub question: Option<Range<usize>>,
    pub accept: Vec<Range<usize>>,
    /// Each cloze statement's span, and where its verbatim text starts (see
    /// [`super::syntax::Str::verbatim_at`]).
    pub cloze: Vec<(Range<usize>, Option<usize>)>,
}

/// The most fields a struct of the format has.
const MAX_FIELDS: usize = 16;
const _: () = assert!(
    DECK_FIELDS.len() <= MAX_FIELDS
        && FACT_FIELDS.len() <= MAX_FIELDS
        && QUESTION_FIELDS.len() <= MAX_FIELDS
);

/// The fields of a deck, in the order they are documented.
pub const DECK_FIELDS: [&str; 6] = ["id", "title", "about", "source", "exam", "facts"];
/// The fields of a fact.
pub const FACT_FIELDS: [&str; 13] = [
    "id", "kind", "cue", "answer", "accept", "topic", "tags", "explain", "source", "cloze",
    "question", "reverse", "skip",
];

/// The fields of an authored question, `Question(…)` in the facts list.
pub const QUESTION_FIELDS: [&str; 12] = [
    "id",
    "stem",
    "statements",
    "pairs",
    "ask",
    "options",
    "answer",
    "explain",
    "source",
    "year",
    "topic",
    "tags",
];

/// The fewest and most options an authored question may have.
pub const OPTIONS: std::ops::RangeInclusive<usize> = 2..=5;

/// The result of checking one file: the deck if it has no errors, and every problem.
#[derive(Debug, Default)]
pub struct Checked {
    pub deck: Option<(Deck, DeckSpans)>,
    pub problems: Vec<Problem>,
    /// How many `Fact(…)` entries the file has, sound or not.
    pub facts_seen: usize,
}

/// Checks a parsed file against the deck format.
pub fn check(doc: &Document<'_>) -> Checked {
    let explicit_names = doc.extensions.iter().any(|e| e.name == "explicit_struct_names");
    let mut cx = Cx { problems: Vec::new(), explicit_names };
    let mut facts_seen = 0;
    let deck = cx.deck(&doc.value, &mut facts_seen);
    let has_errors = cx.problems.iter().any(|p| p.severity == Severity::Error);
    Checked { deck: if has_errors { None } else { deck }, problems: cx.problems, facts_seen }
}

/// "did you mean `answer`?" for a misspelt name, if one is close enough.
pub fn suggest<'n>(name: &str, candidates: impl IntoIterator<Item = &'n str>) -> Option<&'n str> {
    let lower = name.to_lowercase();
    candidates
        .into_iter()
        .filter(|c| !c.is_empty())
        .map(|c| (strsim::damerau_levenshtein(&lower, &c.to_lowercase()), c))
        .filter(|(d, c)| *d <= (c.chars().count() / 3).max(1))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Whose field is missing, for the message; formatted only when one is.
#[derive(Clone, Copy)]
enum Owner<'s> {
    Deck,
    Fact(Option<&'s str>),
    Question(Option<&'s str>),
}

struct Cx {
    problems: Vec<Problem>,
    /// `#![enable(explicit_struct_names)]`: `Deck(` and `Fact(`, never a bare `(`, as in `ron`.
    explicit_names: bool,
}

/// The fields of one struct, by name, after unknown and duplicate names were reported.
struct Fields<'d, 'a> {
    /// The known field names and, in the same order, the value given for each.
    known: &'static [&'static str],
    values: [Option<&'d Node<'a>>; MAX_FIELDS],
    /// Where to point "missing field" errors: the struct's name or opening parenthesis.
    head: Range<usize>,
    /// Known fields that an unknown field was taken for (`anwser` → `answer`): their absence
    /// is already explained by the "did you mean" error, so no "missing field" error follows.
    misspelt: [bool; MAX_FIELDS],
}

impl<'d, 'a> Fields<'d, 'a> {
    fn get(&self, name: &str) -> Option<&'d Node<'a>> {
        let i = self.known.iter().position(|k| *k == name)?;
        self.values.get(i).copied().flatten()
    }
}

impl Cx {
    fn push(&mut self, p: Problem) {
        self.problems.push(p);
    }

    /// Checks that `node` is a struct `Name(field: …)` (or unnamed) and returns its fields.
    fn fields<'d, 'a>(
        &mut self,
        node: &'d Node<'a>,
        struct_name: &str,
        known: &'static [&'static str],
        example: &str,
    ) -> Option<Fields<'d, 'a>> {
        let (name, fields): (&Option<Ident<'a>>, &'d [Field<'a>]) = match &node.value {
            Value::Struct { name, fields } => (name, fields),
            Value::Tuple { name: Some(n), .. } if n.name == struct_name => {
                self.push(
                    Problem::error(
                        "wrong-type",
                        node.span.clone(),
                        format!("`{struct_name}(…)` needs named fields"),
                    )
                    .hint(format!("write it as {example}")),
                );
                return None;
            }
            other => {
                self.push(
                    Problem::error(
                        "wrong-type",
                        head_span(node),
                        format!("expected `{struct_name}(…)`, found {}", other.describe()),
                    )
                    .hint(format!("write it as {example}")),
                );
                return None;
            }
        };
        if let Some(n) = name
            && n.name != struct_name
        {
            let mut p = Problem::error(
                "wrong-type",
                n.span.clone(),
                format!("expected `{struct_name}(…)`, found `{}(…)`", n.name),
            );
            p = p.hint(format!("write `{struct_name}(` or just `(`"));
            self.push(p);
        }
        // A handful of fields: a linear scan beats hashing.
        let mut values: [Option<&'d Node<'a>>; MAX_FIELDS] = [None; MAX_FIELDS];
        let mut first_at: [Option<Range<usize>>; MAX_FIELDS] = [const { None }; MAX_FIELDS];
        let mut misspelt = [false; MAX_FIELDS];
        for f in fields {
            let fname = f.name.name;
            let Some(slot) = known.iter().position(|k| *k == fname) else {
                let mut p = Problem::error(
                    "unknown-field",
                    f.name.span.clone(),
                    format!("unknown field `{fname}` in `{struct_name}`"),
                );
                p = match suggest(fname, known.iter().copied()) {
                    Some(s) => {
                        if let Some(i) = known.iter().position(|k| *k == s) {
                            misspelt[i] = true;
                        }
                        p.hint(format!("did you mean `{s}`?"))
                    }
                    None => p.hint(format!(
                        "`{struct_name}` fields are: {}",
                        known.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ")
                    )),
                };
                self.push(p);
                continue;
            };
            if let Some(first) = &first_at[slot] {
                self.push(
                    Problem::error(
                        "duplicate-field",
                        f.name.span.clone(),
                        format!("field `{fname}` is given twice"),
                    )
                    .related(first.clone(), "first given here")
                    .hint("remove one of them"),
                );
                continue;
            }
            first_at[slot] = Some(f.name.span.clone());
            values[slot] = Some(&f.value);
        }
        let head = match name {
            Some(n) => n.span.clone(),
            None => node.span.start..node.span.start + 1,
        };
        if name.is_none() && self.explicit_names {
            self.push(
                Problem::error(
                    "wrong-type",
                    head.clone(),
                    format!("expected `{struct_name}(`, found `(`"),
                )
                .hint(format!("`explicit_struct_names` is enabled: write `{struct_name}(`")),
            );
        }
        Some(Fields { known, values, head, misspelt })
    }

    fn required<'d, 'a>(
        &mut self,
        fields: &Fields<'d, 'a>,
        name: &str,
        owner: Owner<'_>,
    ) -> Option<&'d Node<'a>> {
        let node = fields.get(name);
        let misspelt =
            fields.known.iter().position(|k| *k == name).is_some_and(|i| fields.misspelt[i]);
        if node.is_none() && !misspelt {
            let what = match owner {
                Owner::Deck => "the deck".to_owned(),
                Owner::Fact(Some(id)) => format!("fact `{id}`"),
                Owner::Fact(None) => "this fact".to_owned(),
                Owner::Question(Some(id)) => format!("question `{id}`"),
                Owner::Question(None) => "this question".to_owned(),
            };
            self.push(
                Problem::error(
                    "missing-field",
                    fields.head.clone(),
                    format!("{what} has no `{name}`"),
                )
                .hint(format!("add `{name}: …`")),
            );
        }
        node
    }

    fn string(&mut self, node: &Node<'_>, field: &str) -> Option<String> {
        match &node.value {
            Value::Str(s) => Some(s.text.clone().into_owned()),
            other => {
                let mut p = Problem::error(
                    "wrong-type",
                    head_span(node),
                    format!("`{field}` must be a string, found {}", other.describe()),
                );
                p = match other {
                    Value::Ident(name) => p.hint(format!("put it in double quotes: \"{name}\"")),
                    Value::Number(n) => p.hint(format!("put it in double quotes: \"{n}\"")),
                    Value::Char(c) => p.hint(format!("strings use double quotes: \"{c}\"")),
                    Value::List(items) if items.len() == 1 => p.hint("remove the brackets"),
                    _ => p,
                };
                self.push(p);
                None
            }
        }
    }

    /// A required string that must not be blank.
    fn text(&mut self, node: &Node<'_>, field: &str) -> Option<String> {
        let s = self.string(node, field)?;
        if s.trim().is_empty() {
            self.push(
                Problem::error("empty-field", node.span.clone(), format!("`{field}` is empty"))
                    .hint(format!("write the {field} between the quotes")),
            );
        }
        Some(s)
    }

    /// An optional string: `"x"`, `Some("x")` or `None`. `Err` when the value is wrong.
    fn opt_string(&mut self, fields: &Fields<'_, '_>, field: &str) -> Result<Option<String>, ()> {
        let Some(node) = fields.get(field) else { return Ok(None) };
        match &node.value {
            Value::Option(None) => Ok(None),
            Value::Option(Some(inner)) => self.string(inner, field).map(Some).ok_or(()),
            _ => self.string(node, field).map(Some).ok_or(()),
        }
    }

    fn list<'d, 'a>(&mut self, fields: &Fields<'d, 'a>, field: &str) -> Option<&'d [Node<'a>]> {
        let node = fields.get(field)?;
        match &node.value {
            Value::List(items) => Some(items),
            other => {
                let mut p = Problem::error(
                    "wrong-type",
                    head_span(node),
                    format!("`{field}` must be a list `[…]`, found {}", other.describe()),
                );
                if matches!(other, Value::Str(_)) {
                    p = p.hint("put it in brackets: [\"…\"]");
                }
                self.push(p);
                None
            }
        }
    }

    fn strings(&mut self, fields: &Fields<'_, '_>, field: &str) -> Vec<String> {
        let Some(items) = self.list(fields, field) else { return Vec::new() };
        items.iter().filter_map(|n| self.string(n, field)).collect()
    }

    fn id<T>(
        &mut self,
        node: &Node<'_>,
        what: &str,
        make: impl Fn(String) -> Result<T, crate::ids::InvalidId>,
    ) -> Option<T> {
        let s = self.string(node, "id")?;
        match make(s.clone()) {
            Ok(id) => Some(id),
            Err(e) => {
                self.push(
                    Problem::error(
                        "invalid-id",
                        node.span.clone(),
                        format!("invalid {what} id: {e}"),
                    )
                    .hint(format!("for example \"{}\"", crate::ids::slugify(&s))),
                );
                None
            }
        }
    }

    fn deck(&mut self, node: &Node<'_>, facts_seen: &mut usize) -> Option<(Deck, DeckSpans)> {
        let example = "`Deck(id: \"…\", title: \"…\", facts: [ … ])`";
        let fields = self.fields(node, "Deck", &DECK_FIELDS, example)?;
        let id_node = self.required(&fields, "id", Owner::Deck);
        let id = id_node.and_then(|n| self.id(n, "deck", DeckId::new));
        let id = match (id, id_node) {
            (Some(id), Some(n)) if crate::ids::is_history_deck(&id) => {
                self.push(
                    Problem::error(
                        "invalid-id",
                        n.span.clone(),
                        format!(
                            "deck ids starting with `{}` are reserved for imported review history",
                            crate::ids::HISTORY_DECK_PREFIX
                        ),
                    )
                    .hint("choose another id"),
                );
                None
            }
            (id, _) => id,
        };
        let title =
            self.required(&fields, "title", Owner::Deck).and_then(|n| self.text(n, "title"));
        let about = self.opt_string(&fields, "about");
        let source = self.opt_string(&fields, "source");
        // A question needs a source, its own or the deck's; a deck source that is wrong is
        // reported already.
        let deck_source = !matches!(source, Ok(None));
        let exam = self.exam(&fields);
        let mut facts = Vec::new();
        let mut fact_spans = Vec::new();
        if self.required(&fields, "facts", Owner::Deck).is_some()
            && let Some(items) = self.list(&fields, "facts")
        {
            let mut ids = HashMap::with_capacity(items.len());
            for item in items {
                *facts_seen += 1;
                let found = if is_question(item) {
                    self.question(item, &mut ids, deck_source)
                } else {
                    self.fact(item, &mut ids)
                };
                if let Some((fact, spans)) = found {
                    facts.push(fact);
                    fact_spans.push(spans);
                }
            }
        }
        let deck = Deck {
            id: id?,
            title: title?,
            about: about.ok()?,
            source: source.ok()?,
            exam: exam.ok()?,
            facts,
        };
        let spans = DeckSpans {
            id: id_node.map(|n| n.span.clone()).unwrap_or_default(),
            facts: fact_spans,
        };
        Some((deck, spans))
    }

    fn exam(&mut self, fields: &Fields<'_, '_>) -> Result<Option<jiff::civil::Date>, ()> {
        let Some(node) = fields.get("exam") else { return Ok(None) };
        let inner = match &node.value {
            Value::Option(Some(inner)) => inner,
            Value::Option(None) => return Ok(None),
            _ => node,
        };
        let s = self.string(inner, "exam").ok_or(())?;
        let shape_ok = s.len() == 10
            && s.bytes()
                .enumerate()
                .all(|(i, b)| if i == 4 || i == 7 { b == b'-' } else { b.is_ascii_digit() });
        match s.parse::<jiff::civil::Date>() {
            Ok(d) if shape_ok => Ok(Some(d)),
            Ok(_) => {
                self.push(
                    Problem::error(
                        "invalid-date",
                        inner.span.clone(),
                        format!("`{s}` is not a date of the form YYYY-MM-DD"),
                    )
                    .hint("for example \"2027-05-23\""),
                );
                Err(())
            }
            Err(e) => {
                let mut p = Problem::error(
                    "invalid-date",
                    inner.span.clone(),
                    format!("`{s}` is not a valid date"),
                );
                p = if shape_ok {
                    p.hint(format!("{e}"))
                } else {
                    p.hint("write it as YYYY-MM-DD, for example \"2027-05-23\"")
                };
                self.push(p);
                Err(())
            }
        }
    }

    /// One fact; `ids` holds the ids seen so far in the deck and where, for duplicates.
    fn fact<'d>(
        &mut self,
        node: &'d Node<'_>,
        ids: &mut HashMap<&'d str, Range<usize>>,
    ) -> Option<(Fact, FactSpans)> {
        let example = "`Fact(id: \"…\", kind: Term, cue: \"…\", answer: \"…\")`";
        let fields = self.fields(node, "Fact", &FACT_FIELDS, example)?;
        let id_node = fields.get("id");
        let what = Owner::Fact(match id_node.map(|n| &n.value) {
            Some(Value::Str(s)) => Some(s.text.as_ref()),
            _ => None,
        });
        let id_node = self.required(&fields, "id", what);
        let id = id_node.and_then(|n| self.id(n, "fact", FactId::new));
        if let (Some(n), Some(id)) = (id_node, &id)
            && let Value::Str(s) = &n.value
        {
            if let Some(first) = ids.get(s.text.as_ref()) {
                self.push(
                    Problem::error(
                        "duplicate-id",
                        n.span.clone(),
                        format!("fact id `{id}` is used twice in this deck"),
                    )
                    .related(first.clone(), "first defined here")
                    .hint("ids key the learner's progress: give each fact its own"),
                );
            } else {
                ids.insert(s.text.as_ref(), n.span.clone());
            }
        }
        let kind_node = self.required(&fields, "kind", what);
        let kind = kind_node.and_then(|n| self.kind(n));
        let cue_node = self.required(&fields, "cue", what);
        let cue = cue_node.and_then(|n| self.text(n, "cue"));
        let answer_node = self.required(&fields, "answer", what);
        let answer = answer_node.and_then(|n| self.text(n, "answer"));
        let accept = self.strings(&fields, "accept");
        let topic = self.opt_string(&fields, "topic");
        let tags = self.strings(&fields, "tags");
        let explain = self.opt_string(&fields, "explain");
        let source = self.opt_string(&fields, "source");
        let cloze = self.strings(&fields, "cloze");
        let question = self.opt_string(&fields, "question");
        let reverse = self.opt_string(&fields, "reverse");
        for (name, value) in [("question", &question), ("reverse", &reverse)] {
            if let (Ok(Some(text)), Some(node)) = (value, fields.get(name))
                && text.trim().is_empty()
            {
                self.push(
                    Problem::error("empty-field", node.span.clone(), format!("`{name}` is empty"))
                        .hint(format!("remove `{name}` to use the generated wording")),
                );
            }
        }
        let skip = self.skip(&fields);
        let span_of = |n: Option<&Node<'_>>| n.map(|n| n.span.clone()).unwrap_or_default();
        let list_spans = |name: &str| -> Vec<&Node<'_>> {
            match fields.get(name).map(|n| &n.value) {
                Some(Value::List(items)) => items.iter().collect(),
                _ => Vec::new(),
            }
        };
        let spans = FactSpans {
            id: span_of(id_node),
            kind: span_of(kind_node),
            cue: span_of(cue_node),
            answer: span_of(answer_node),
            question: fields.get("question").map(|n| n.span.clone()),
            accept: list_spans("accept").iter().map(|n| n.span.clone()).collect(),
            cloze: list_spans("cloze")
                .iter()
                .map(|n| {
                    let at = match &n.value {
                        Value::Str(s) => s.verbatim_at,
                        _ => None,
                    };
                    (n.span.clone(), at)
                })
                .collect(),
        };
        let fact = Fact {
            id: id?,
            kind: kind?,
            cue: cue?,
            answer: answer?,
            accept,
            topic: topic.ok()?,
            tags,
            explain: explain.ok()?,
            source: source.ok()?,
            cloze,
            question: question.ok()?,
            reverse: reverse.ok()?,
            skip: skip?,
            authored: None,
        };
        Some((fact, spans))
    }

    /// An id, checked and entered in `ids` (shared by facts and questions: both key cards).
    fn item_id<'d>(
        &mut self,
        id_node: Option<&'d Node<'_>>,
        ids: &mut HashMap<&'d str, Range<usize>>,
        what: &str,
    ) -> Option<FactId> {
        let id = id_node.and_then(|n| self.id(n, what, FactId::new));
        if let (Some(n), Some(id)) = (id_node, &id)
            && let Value::Str(s) = &n.value
        {
            if let Some(first) = ids.get(s.text.as_ref()) {
                self.push(
                    Problem::error(
                        "duplicate-id",
                        n.span.clone(),
                        format!("{what} id `{id}` is used twice in this deck"),
                    )
                    .related(first.clone(), "first defined here")
                    .hint("ids key the learner's progress: give each fact and question its own"),
                );
            } else {
                ids.insert(s.text.as_ref(), n.span.clone());
            }
        }
        id
    }

    /// One authored question (`Question(…)`); `ids` as for facts; `deck_source`: the deck names
    /// a source, which then covers questions without their own.
    fn question<'d>(
        &mut self,
        node: &'d Node<'_>,
        ids: &mut HashMap<&'d str, Range<usize>>,
        deck_source: bool,
    ) -> Option<(Fact, FactSpans)> {
        let example = "`Question(id: \"…\", stem: \"…\", options: [\"…\", \"…\"], answer: \"a\", source: \"…\")`";
        let fields = self.fields(node, "Question", &QUESTION_FIELDS, example)?;
        let what = Owner::Question(match fields.get("id").map(|n| &n.value) {
            Some(Value::Str(s)) => Some(s.text.as_ref()),
            _ => None,
        });
        let id_node = self.required(&fields, "id", what);
        let id = self.item_id(id_node, ids, "question");
        let stem_node = self.required(&fields, "stem", what);
        let stem = stem_node.and_then(|n| self.text(n, "stem"));
        let statements = self.statements(&fields);
        let pairs = self.pairs(&fields);
        if let (Some(n), Some(_)) = (fields.get("pairs"), fields.get("statements")) {
            self.push(
                Problem::error(
                    "statements-and-pairs",
                    n.span.start..n.span.start + 1,
                    "a question has numbered statements or pairs, not both",
                )
                .hint("keep one of `statements` and `pairs`"),
            );
        }
        let ask = self.opt_string(&fields, "ask");
        if let (Ok(Some(text)), Some(node)) = (&ask, fields.get("ask"))
            && text.trim().is_empty()
        {
            self.push(
                Problem::error("empty-field", node.span.clone(), "`ask` is empty")
                    .hint("remove `ask` when the stem is the whole question"),
            );
        }
        // Counted from the lists as written, so an option naming a statement that does not
        // exist is reported even beside a statement numbered twice.
        let written = |name: &str| match fields.get(name).map(|n| &n.value) {
            Some(Value::List(items)) => items.len(),
            _ => 0,
        };
        let numbered = written("statements") + written("pairs");
        let options = self.options(&fields, what, numbered);
        let answer_node = fields.get("answer");
        if answer_node.is_none() {
            self.push(
                Problem::error(
                    "no-right-option",
                    fields.head.clone(),
                    format!("{} has no `answer`: which option is right?", owner_name(what)),
                )
                .hint("add `answer: \"a\"` (the letter of the right option)"),
            );
        }
        let correct = match (answer_node, written("options")) {
            (Some(n), count) if OPTIONS.contains(&count) => self.right_option(n, count),
            _ => None,
        };
        let explain = self.opt_string(&fields, "explain");
        let source = self.opt_string(&fields, "source");
        if matches!(source, Ok(None)) && !deck_source {
            let mut p = Problem::error(
                "missing-source",
                fields.head.clone(),
                format!("{} has no `source`", owner_name(what)),
            );
            p = p.hint("add `source: \"…\"` (the paper and year, or the book): a learner must be able to check it");
            self.push(p);
        }
        let year = self.year(&fields);
        let topic = self.opt_string(&fields, "topic");
        let tags = self.strings(&fields, "tags");
        let span_of = |n: Option<&Node<'_>>| n.map(|n| n.span.clone()).unwrap_or_default();
        let spans = FactSpans {
            id: span_of(id_node),
            cue: span_of(stem_node),
            answer: span_of(answer_node),
            ..FactSpans::default()
        };
        let authored = Authored {
            statements: statements?,
            pairs: pairs?,
            ask: ask.ok()?,
            options: options?,
            correct: correct?,
            year: year?,
        };
        let mut fact = Fact::question(id?, stem?, authored);
        fact.explain = explain.ok()?;
        fact.source = source.ok()?;
        fact.topic = topic.ok()?;
        fact.tags = tags;
        Some((fact, spans))
    }

    /// The statements, with their labels checked: all labelled or none, numbers 1, 2, … in
    /// order (or Statement-I, Statement-II), none twice.
    fn statements(&mut self, fields: &Fields<'_, '_>) -> Option<Vec<String>> {
        let Some(items) = self.list(fields, "statements") else {
            return if fields.get("statements").is_some() { None } else { Some(Vec::new()) };
        };
        let mut out = Vec::with_capacity(items.len());
        let mut ok = true;
        let mut seen: Vec<(Label, Range<usize>)> = Vec::new();
        let mut unlabelled: Option<Range<usize>> = None;
        for item in items {
            let Some(text) = self.text(item, "statements") else {
                ok = false;
                continue;
            };
            match authored::label(&text) {
                Some((label, _)) => {
                    if let Some((_, first)) = seen.iter().find(|(l, _)| *l == label) {
                        ok = false;
                        self.push(
                            Problem::error(
                                "duplicate-statement",
                                item.span.clone(),
                                format!("statement {label} is numbered twice"),
                            )
                            .related(first.clone(), "first numbered here")
                            .hint("number the statements 1, 2, 3, … in order"),
                        );
                    } else {
                        let expected = u32::try_from(seen.len() + 1).unwrap_or(u32::MAX);
                        let (n, same_style) = match (label, seen.first().map(|(l, _)| *l)) {
                            (Label::Number(n), None | Some(Label::Number(_))) => (n, true),
                            (Label::Roman(n), None | Some(Label::Roman(_))) => (n, true),
                            (Label::Number(n) | Label::Roman(n), _) => (n, false),
                        };
                        if !same_style {
                            ok = false;
                            self.push(
                                Problem::error(
                                    "statement-label",
                                    item.span.clone(),
                                    "numbered statements and Statement-I/Statement-II are mixed",
                                )
                                .hint("use `1. …` for every statement, or `Statement-I: …` for every one"),
                            );
                        } else if n != expected {
                            ok = false;
                            self.push(
                                Problem::error(
                                    "statement-order",
                                    item.span.clone(),
                                    format!(
                                        "statement {label} comes where statement {expected} should"
                                    ),
                                )
                                .hint("number the statements 1, 2, 3, … in order"),
                            );
                        }
                        seen.push((label, item.span.clone()));
                    }
                }
                None => {
                    unlabelled.get_or_insert(item.span.clone());
                }
            }
            out.push(text);
        }
        if let (Some(span), false) = (unlabelled, seen.is_empty()) {
            ok = false;
            self.push(
                Problem::error("statement-label", span, "this statement has no number")
                    .hint("start every statement with its number, `2. …`, or none of them"),
            );
        }
        if ok && seen.is_empty() && !out.is_empty() {
            // None labelled: number them as the paper would.
            for (i, s) in out.iter_mut().enumerate() {
                *s = format!("{}. {}", i + 1, s.trim());
            }
        }
        ok.then_some(out)
    }

    /// The pairs: `("left", "right")` tuples.
    fn pairs(&mut self, fields: &Fields<'_, '_>) -> Option<Vec<(String, String)>> {
        let Some(items) = self.list(fields, "pairs") else {
            return if fields.get("pairs").is_some() { None } else { Some(Vec::new()) };
        };
        let mut out = Vec::with_capacity(items.len());
        let mut ok = true;
        for item in items {
            match &item.value {
                Value::Tuple { name: None, items: parts } if parts.len() == 2 => {
                    let left = self.text(&parts[0], "pairs");
                    let right = self.text(&parts[1], "pairs");
                    match (left, right) {
                        (Some(l), Some(r)) => out.push((l, r)),
                        _ => ok = false,
                    }
                }
                other => {
                    ok = false;
                    self.push(
                        Problem::error(
                            "wrong-type",
                            head_span(item),
                            format!(
                                "a pair is `(\"left\", \"right\")`, found {}",
                                other.describe()
                            ),
                        )
                        .hint("write each pair as (\"BECA\", \"geospatial intelligence\")"),
                    );
                }
            }
        }
        ok.then_some(out)
    }

    /// The options: 2 to 5, none blank, none twice, none starting with its own letter, none
    /// naming a statement (or pair) the question does not have.
    fn options(
        &mut self,
        fields: &Fields<'_, '_>,
        what: Owner<'_>,
        numbered: usize,
    ) -> Option<Vec<String>> {
        let Some(node) = fields.get("options") else {
            self.push(
                Problem::error(
                    "missing-field",
                    fields.head.clone(),
                    format!("{} has no `options`", owner_name(what)),
                )
                .hint("add `options: [\"…\", \"…\", \"…\", \"…\"]`, without the letters"),
            );
            return None;
        };
        let items = self.list(fields, "options")?;
        let mut ok = true;
        if !OPTIONS.contains(&items.len()) {
            ok = false;
            self.push(
                Problem::error(
                    "option-count",
                    head_span(node),
                    format!(
                        "a question has {} to {} options, this one has {}",
                        OPTIONS.start(),
                        OPTIONS.end(),
                        items.len()
                    ),
                )
                .hint("papers set four: (a) to (d)"),
            );
        }
        let mut out: Vec<String> = Vec::with_capacity(items.len());
        let mut keys: Vec<(String, Range<usize>)> = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let Some(text) = self.text(item, "options") else {
                ok = false;
                continue;
            };
            let letter = option_letter(i);
            let t = text.trim_start();
            if t.len() > 3
                && (t.starts_with(&format!("({letter}) ")) || t.starts_with(&format!("{letter}) ")))
            {
                ok = false;
                self.push(
                    Problem::error(
                        "option-letter",
                        item.span.clone(),
                        format!("option ({letter}) starts with its letter"),
                    )
                    .hint("write the option without `(a)`: recall prints the letters"),
                );
            }
            let key = lint::normalize(&text);
            if let Some((_, first)) = keys.iter().find(|(k, _)| *k == key) {
                ok = false;
                self.push(
                    Problem::error(
                        "duplicate-option",
                        item.span.clone(),
                        format!("option ({letter}) is the same as an earlier one"),
                    )
                    .related(first.clone(), "the same option")
                    .hint("each option must differ, or two would be right"),
                );
            } else {
                keys.push((key, item.span.clone()));
            }
            if numbered > 0
                && let Some(named) = authored::named_numbers(&text)
                && let Some(max) = named.iter().copied().max()
                && usize::try_from(max).is_ok_and(|m| m > numbered || m == 0)
            {
                ok = false;
                let things = if fields.get("pairs").is_some() { "pair" } else { "statement" };
                self.push(
                    Problem::error(
                        "unknown-statement",
                        item.span.clone(),
                        format!(
                            "option ({letter}) names {things} {max}, but the question has {numbered} {things}s"
                        ),
                    )
                    .hint(format!("the {things}s are numbered 1 to {numbered}")),
                );
            }
            out.push(text);
        }
        ok.then_some(out)
    }

    /// The right option: a letter (`"b"`, `"(b)"`) of an option that exists.
    fn right_option(&mut self, node: &Node<'_>, options: usize) -> Option<usize> {
        let text = self.string(node, "answer")?;
        let last = option_letter(options.saturating_sub(1));
        match parse_option_letter(&text) {
            Some(i) if i < options => Some(i),
            Some(_) => {
                self.push(
                    Problem::error(
                        "answer-out-of-range",
                        node.span.clone(),
                        format!(
                            "the answer is ({}), but the options run (a) to ({last})",
                            text.trim().trim_matches(['(', ')'])
                        ),
                    )
                    .hint(format!(
                        "the answer is the letter of the right option, \"a\" to \"{last}\""
                    )),
                );
                None
            }
            None => {
                self.push(
                    Problem::error(
                        "invalid-answer",
                        node.span.clone(),
                        format!("`answer` must be an option's letter, found \"{text}\""),
                    )
                    .hint(format!("write the letter of the right option, \"a\" to \"{last}\"")),
                );
                None
            }
        }
    }

    /// `year: 2023`, the year of the paper.
    fn year(&mut self, fields: &Fields<'_, '_>) -> Option<Option<u16>> {
        let Some(node) = fields.get("year") else { return Some(None) };
        let inner = match &node.value {
            Value::Option(None) => return Some(None),
            Value::Option(Some(inner)) => inner,
            _ => node,
        };
        match &inner.value {
            Value::Number(n) => match n.parse::<u16>() {
                Ok(y) if (1900..=2100).contains(&y) => Some(Some(y)),
                _ => {
                    self.push(
                        Problem::error(
                            "invalid-year",
                            inner.span.clone(),
                            format!("`{n}` is not a year"),
                        )
                        .hint("write the paper's year, for example `year: 2023`"),
                    );
                    None
                }
            },
            other => {
                let mut p = Problem::error(
                    "wrong-type",
                    head_span(inner),
                    format!("`year` must be a number, found {}", other.describe()),
                );
                if let Value::Str(s) = other {
                    p = p.hint(format!("write it without quotes: `year: {}`", s.text));
                }
                self.push(p);
                None
            }
        }
    }

    fn kind(&mut self, node: &Node<'_>) -> Option<FactKind> {
        let names = || FactKind::ALL.iter().map(|k| k.name()).collect::<Vec<_>>().join(", ");
        match &node.value {
            Value::Ident(name) => match FactKind::from_name(name) {
                Some(k) => Some(k),
                None => {
                    let mut hint = format!("valid kinds: {}", names());
                    if let Some(s) = suggest(name, FactKind::ALL.iter().map(|k| k.name())) {
                        hint = format!("did you mean `{s}`? {hint}");
                    }
                    self.push(
                        Problem::error(
                            "invalid-kind",
                            node.span.clone(),
                            format!("unknown kind `{name}`"),
                        )
                        .hint(hint),
                    );
                    None
                }
            },
            Value::Str(s) if FactKind::from_name(&s.text).is_some() => {
                self.push(
                    Problem::error(
                        "wrong-type",
                        node.span.clone(),
                        "a kind is written without quotes",
                    )
                    .hint(format!("write `kind: {}`", s.text)),
                );
                None
            }
            other => {
                self.push(
                    Problem::error(
                        "invalid-kind",
                        head_span(node),
                        format!("`kind` must be a kind name, found {}", other.describe()),
                    )
                    .hint(format!("valid kinds: {}", names())),
                );
                None
            }
        }
    }

    fn skip(&mut self, fields: &Fields<'_, '_>) -> Option<Vec<QuestionKind>> {
        let Some(items) = self.list(fields, "skip") else {
            return if fields.get("skip").is_some() { None } else { Some(Vec::new()) };
        };
        let names = || QuestionKind::ALL.iter().map(|k| k.name()).collect::<Vec<_>>().join(", ");
        let mut out = Vec::new();
        let mut ok = true;
        for item in items {
            let name = match &item.value {
                Value::Ident(n) => *n,
                Value::Str(s) => s.text.as_ref(),
                _ => "",
            };
            match (&item.value, QuestionKind::from_name(name)) {
                (Value::Ident(_), Some(k)) => out.push(k),
                (Value::Str(_), Some(k)) => {
                    ok = false;
                    self.push(
                        Problem::error(
                            "wrong-type",
                            item.span.clone(),
                            "a question kind is written without quotes",
                        )
                        .hint(format!("write `{}`", k.name())),
                    );
                }
                _ => {
                    ok = false;
                    let what = match &item.value {
                        Value::Ident(n) => format!("unknown question kind `{n}`"),
                        other => format!("expected a question kind, found {}", other.describe()),
                    };
                    let mut hint = format!("question kinds: {}", names());
                    if let Some(s) = suggest(name, QuestionKind::ALL.iter().map(|k| k.name())) {
                        hint = format!("did you mean `{s}`? {hint}");
                    }
                    self.push(
                        Problem::error("invalid-question-kind", head_span(item), what).hint(hint),
                    );
                }
            }
        }
        ok.then_some(out)
    }
}

/// Is this item of the facts list an authored question? `Question(…)`, or an unnamed `(…)`
/// with a `stem` or `options` field (the same rule as serde's reading, see the model).
fn is_question(node: &Node<'_>) -> bool {
    match &node.value {
        Value::Struct { name: Some(n), .. } | Value::Tuple { name: Some(n), .. } => {
            n.name == "Question"
        }
        Value::Struct { name: None, fields } => {
            fields.iter().any(|f| matches!(f.name.name, "stem" | "options"))
        }
        _ => false,
    }
}

fn owner_name(owner: Owner<'_>) -> String {
    match owner {
        Owner::Deck => "the deck".to_owned(),
        Owner::Fact(Some(id)) => format!("fact `{id}`"),
        Owner::Fact(None) => "this fact".to_owned(),
        Owner::Question(Some(id)) => format!("question `{id}`"),
        Owner::Question(None) => "this question".to_owned(),
    }
}

/// The span to underline for a value: the whole value if it is on one line, else its start
/// (a struct's name or its opening bracket), so a snippet stays short.
fn head_span(node: &Node<'_>) -> Range<usize> {
    match &node.value {
        Value::Struct { name: Some(n), .. } | Value::Tuple { name: Some(n), .. } => n.span.clone(),
        Value::Struct { .. } | Value::Tuple { .. } | Value::List(_) | Value::Map(_) => {
            node.span.start..node.span.start + 1
        }
        _ => node.span.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deck::syntax;

    fn problems(src: &str) -> Vec<Problem> {
        let doc = syntax::parse(src).unwrap();
        check(&doc).problems
    }

    const FACT: &str = r#"Fact(id: "a", kind: Term, cue: "c", answer: "x")"#;

    fn deck_with(fact: &str) -> String {
        format!("Deck(id: \"d\", title: \"T\", facts: [{fact}])")
    }

    #[test]
    fn a_sound_deck() {
        let src = deck_with(
            r#"Fact(id: "a", kind: Term, cue: "c", answer: "x", topic: Some("t"), explain: "e", skip: [Typed], cloze: ["{x}"])"#,
        );
        let doc = syntax::parse(&src).unwrap();
        let c = check(&doc);
        assert!(c.problems.is_empty(), "{:?}", c.problems);
        let (deck, spans) = c.deck.unwrap();
        assert_eq!(deck.facts[0].topic.as_deref(), Some("t"));
        assert_eq!(deck.facts[0].explain.as_deref(), Some("e"));
        assert_eq!(deck.facts[0].skip, vec![QuestionKind::Typed]);
        assert_eq!(&src[spans.facts[0].answer.clone()], "\"x\"");
        assert_eq!(c.facts_seen, 1);
    }

    #[test]
    fn every_problem_is_reported() {
        let src = deck_with(&format!(
            r#"Fact(id: "Bad Id", kind: Acronymn, cue: "c", anwser: "x"), {FACT}, Fact(id: "b", kind: "Term", cue: 3, answer: "", skip: [TrueFalse, Sometimes])"#
        ));
        let ps = problems(&src);
        let codes: Vec<_> = ps.iter().map(|p| p.code).collect();
        assert_eq!(
            codes,
            [
                "unknown-field",
                "invalid-id",
                "invalid-kind",
                // no "missing-field" for `answer`: the "did you mean `answer`?" on `anwser`
                // already explains it
                "wrong-type",
                "wrong-type",
                "empty-field",
                "invalid-question-kind"
            ]
        );
        assert_eq!(ps[0].hint.as_deref(), Some("did you mean `answer`?"));
        assert_eq!(&src[ps[0].span.clone()], "anwser");
        // Every error says what to do, an empty answer too.
        assert_eq!(ps[5].hint.as_deref(), Some("write the answer between the quotes"));
        assert!(
            ps[2]
                .hint
                .as_deref()
                .unwrap()
                .starts_with("did you mean `Acronym`? valid kinds: Acronym, Term,")
        );
        assert_eq!(ps[6].message, "unknown question kind `Sometimes`");
        assert!(ps[6].hint.as_deref().unwrap().contains("MultipleChoice"));
        assert!(check(&syntax::parse(&src).unwrap()).deck.is_none());
    }

    #[test]
    fn duplicate_field_points_at_the_first() {
        let src = deck_with(r#"Fact(id: "a", kind: Term, cue: "c", answer: "x", cue: "d")"#);
        let ps = problems(&src);
        assert_eq!(ps.len(), 1);
        assert_eq!(ps[0].code, "duplicate-field");
        let (first, label) = ps[0].related.clone().unwrap();
        assert_eq!(first.start, src.find("cue").unwrap());
        assert_eq!(label, "first given here");
    }

    #[test]
    fn duplicate_fact_ids_even_in_a_deck_with_other_errors() {
        let src = deck_with(
            r#"Fact(id: "a", kind: Term, cue: "c", answer: "x"), Fact(id: "a", kind: Nope, cue: "d", answer: "y")"#,
        );
        let ps = problems(&src);
        assert_eq!(ps.iter().map(|p| p.code).collect::<Vec<_>>(), ["duplicate-id", "invalid-kind"]);
        assert_eq!(ps[0].span.start, src.rfind("\"a\"").unwrap());
        assert_eq!(ps[0].related.as_ref().unwrap().0.start, src.find("\"a\"").unwrap());
        assert_eq!(ps[0].message, "fact id `a` is used twice in this deck");
    }

    #[test]
    fn exam_dates() {
        let ok = "Deck(id: \"d\", title: \"T\", exam: \"2027-05-23\", facts: [])";
        let doc = syntax::parse(ok).unwrap();
        let (deck, _) = check(&doc).deck.unwrap();
        assert_eq!(deck.exam, Some(jiff::civil::date(2027, 5, 23)));
        for bad in ["\"2027-5-23\"", "\"2027-02-30\"", "\"soon\"", "Some(1)"] {
            let src = format!("Deck(id: \"d\", title: \"T\", exam: {bad}, facts: [])");
            let ps = problems(&src);
            assert_eq!(ps.len(), 1, "{bad}: {ps:?}");
            assert!(matches!(ps[0].code, "invalid-date" | "wrong-type"), "{bad}");
        }
    }

    #[test]
    fn wrong_shapes() {
        let ps = problems("[1, 2]");
        assert_eq!(ps[0].message, "expected `Deck(…)`, found a list");
        let ps = problems("Dekc(id: \"d\", title: \"t\", facts: [])");
        assert_eq!(ps[0].message, "expected `Deck(…)`, found `Dekc(…)`");
        let ps = problems(&deck_with("\"not a fact\""));
        assert_eq!(ps[0].message, "expected `Fact(…)`, found a string");
        let ps = problems("Deck(id: \"d\", title: \"t\", facts: \"x\")");
        assert_eq!(ps[0].message, "`facts` must be a list `[…]`, found a string");
    }

    #[test]
    fn explicit_struct_names_are_enforced_as_in_ron() {
        let src = "#![enable(explicit_struct_names)] (id: \"d\", title: \"t\", facts: [])";
        let ps = problems(src);
        assert_eq!(ps.len(), 1);
        assert_eq!(ps[0].message, "expected `Deck(`, found `(`");
        assert!(ron::from_str::<Deck>(src).is_err());
        assert!(problems("(id: \"d\", title: \"t\", facts: [])").is_empty());
    }

    #[test]
    fn empty_wording_overrides_are_errors() {
        let src =
            deck_with(r#"Fact(id: "a", kind: Term, cue: "c", answer: "x", question: Some(" "))"#);
        let ps = problems(&src);
        assert_eq!(ps.len(), 1);
        assert_eq!((ps[0].code, ps[0].message.as_str()), ("empty-field", "`question` is empty"));
    }

    #[test]
    fn a_missing_field_without_a_misspelling_is_reported() {
        let src = deck_with(r#"Fact(id: "a", kind: Term, cue: "c", explain: "x")"#);
        let ps = problems(&src);
        assert_eq!(ps.iter().map(|p| p.code).collect::<Vec<_>>(), ["missing-field"]);
        assert_eq!(ps[0].message, "fact `a` has no `answer`");
    }

    #[test]
    fn history_deck_ids_are_reserved() {
        let src = r#"Deck(id: "history.x", title: "t", facts: [])"#;
        let ps = problems(src);
        assert_eq!(ps.iter().map(|p| p.code).collect::<Vec<_>>(), ["invalid-id"]);
        assert!(ps[0].message.contains("reserved"), "{}", ps[0].message);
    }

    #[test]
    fn suggestions() {
        assert_eq!(suggest("anwser", FACT_FIELDS), Some("answer"));
        assert_eq!(suggest("Answer", FACT_FIELDS), Some("answer"));
        assert_eq!(suggest("explanation", FACT_FIELDS), None);
        assert_eq!(suggest("tag", FACT_FIELDS), Some("tags"));
    }
}
