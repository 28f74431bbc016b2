//! An authored question as the `recall add` form holds it while it is typed: its layout, the
//! fields as typed, the options a paper sets for that layout, and the checks each field gets
//! as it is entered.
//!
//! Every check is the deck loader's own (the rules of `recall check`, through [`judge`]): the
//! question typed so far is written into a scratch deck and loaded, and the errors that concern
//! the field just typed are its errors. So the form can never accept what `recall check` would
//! refuse, nor refuse what it accepts. Pure: no terminal, no files; the form in
//! `cmd::add::question` draws it and keeps drafts.

use std::collections::HashSet;
use std::path::Path;

use super::authored::{self, split_pair};
use super::draft::{plain_text, propose_id};
use super::parse_option_letter;
use super::{Authored, Diagnostic, Fact, Loaded, edit, load_source, option_letter};
use crate::ids::FactId;

/// The four layouts of a prelims question.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Layout {
    /// A stem that is the whole question, and its options.
    #[default]
    Plain,
    /// Numbered statements, then options that name them (`1 and 3 only`) or count them.
    Statements,
    /// Matched pairs (`LEFT — RIGHT`); how many are correctly matched.
    Pairs,
    /// Statement-I and Statement-II (assertion and reason).
    StatementIAndIi,
}

impl Layout {
    pub const ALL: [Layout; 4] =
        [Layout::Plain, Layout::Statements, Layout::Pairs, Layout::StatementIAndIi];

    pub fn name(self) -> &'static str {
        match self {
            Layout::Plain => "plain",
            Layout::Statements => "statements",
            Layout::Pairs => "pairs",
            Layout::StatementIAndIi => "statement-i-ii",
        }
    }

    /// What the layout is, for the menu.
    pub fn describe(self) -> &'static str {
        match self {
            Layout::Plain => "a question and its options",
            Layout::Statements => "numbered statements; which (or how many) are correct",
            Layout::Pairs => "matched pairs; how many are correctly matched",
            Layout::StatementIAndIi => "Statement-I and Statement-II (assertion and reason)",
        }
    }

    /// The stem a paper opens this layout with (empty for a plain question: it is the
    /// question itself).
    pub fn default_stem(self) -> &'static str {
        match self {
            Layout::Plain => "",
            Layout::Statements | Layout::StatementIAndIi => "Consider the following statements:",
            Layout::Pairs => "Consider the following pairs:",
        }
    }

    /// Does the layout list items (statements or pairs) after its stem?
    pub fn has_items(self) -> bool {
        self != Layout::Plain
    }
}

/// How the options of a statements question read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Style {
    /// `1 and 2 only`, `1, 2 and 3`: the option says which statements are correct.
    #[default]
    Coded,
    /// `Only one`, `All three`: the option says how many (the papers since 2023).
    HowMany,
}

/// The fields of a question as typed, kept between the form's passes (an "n" at "Add this
/// question?" goes back with every field as it was) and in a draft when the form is left
/// half-way.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Typed {
    pub layout: Layout,
    pub stem: String,
    /// Statements (labelled or not) or pairs (`LEFT = RIGHT`), as typed.
    pub items: Vec<String>,
    pub style: Style,
    pub ask: String,
    pub options: Vec<String>,
    /// The right option's letter.
    pub answer: String,
    pub explain: String,
    pub source: String,
    pub year: String,
    pub topic: Option<String>,
    /// Separated by `,`, as typed.
    pub tags: String,
    pub id: String,
}

/// The fields of the form, to say which one a problem is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Stem,
    Items,
    Ask,
    Options,
    Answer,
    Explain,
    Source,
    Year,
    Topic,
    Tags,
    Id,
}

/// The fewest and most statements or pairs the form takes (papers set 2 to 4, now and then 5
/// or 6; "All six" is the largest count an option can name).
pub const ITEMS: std::ops::RangeInclusive<usize> = 2..=6;

/// `n` in words for a how-many option (`Only two`, `All three`).
fn count_word(n: usize) -> &'static str {
    ["none", "one", "two", "three", "four", "five", "six"].get(n).copied().unwrap_or("all")
}

/// `1, 2 and 3` for the numbers 1 to `n`.
fn numbers_joined(numbers: &[usize]) -> String {
    let words: Vec<String> = numbers.iter().map(usize::to_string).collect();
    match words.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        None => String::new(),
    }
}

/// The question a paper asks after the items of this layout.
pub fn default_ask(layout: Layout, style: Style) -> &'static str {
    match (layout, style) {
        (Layout::Plain, _) => "",
        (Layout::Statements, Style::Coded) => "Which of the statements given above is/are correct?",
        (Layout::Statements, Style::HowMany) => "How many of the above statements are correct?",
        (Layout::Pairs, _) => "How many of the pairs given above are correctly matched?",
        (Layout::StatementIAndIi, _) => {
            "Which one of the following is correct in respect of the above statements?"
        }
    }
}

/// The options a paper sets for this layout with `n` items, offered filled in (each can be
/// kept with Enter or changed); none for a plain question.
pub fn default_options(layout: Layout, style: Style, n: usize) -> Vec<String> {
    let how_many = |n: usize| -> Vec<String> {
        match n {
            0 | 1 => Vec::new(),
            2 => vec!["Only one".into(), "Both".into(), "None".into()],
            n if n <= 3 => vec![
                "Only one".into(),
                "Only two".into(),
                format!("All {}", count_word(n)),
                "None".into(),
            ],
            n => {
                let mut v: Vec<String> =
                    (1..n.min(4)).map(|k| format!("Only {}", count_word(k))).collect();
                v.push(format!("All {}", count_word(n)));
                v
            }
        }
    };
    match (layout, style) {
        (Layout::Plain, _) => Vec::new(),
        (Layout::Statements, Style::HowMany) | (Layout::Pairs, _) => how_many(n),
        (Layout::Statements, Style::Coded) => match n {
            0 | 1 => Vec::new(),
            2 => vec!["1 only".into(), "2 only".into(), "Both 1 and 2".into(), "Neither 1 nor 2".into()],
            3 => vec![
                "1 and 2 only".into(),
                "2 and 3 only".into(),
                "1 and 3 only".into(),
                "1, 2 and 3".into(),
            ],
            n => {
                let all: Vec<usize> = (1..=n).collect();
                vec![
                    "1 and 2 only".into(),
                    format!("{} only", numbers_joined(&all[1..])),
                    format!("1 and {n} only"),
                    numbers_joined(&all),
                ]
            }
        },
        (Layout::StatementIAndIi, _) => vec![
            "Both Statement-I and Statement-II are correct and Statement-II explains Statement-I"
                .into(),
            "Both Statement-I and Statement-II are correct, but Statement-II does not explain Statement-I"
                .into(),
            "Statement-I is correct, but Statement-II is incorrect".into(),
            "Statement-I is incorrect, but Statement-II is correct".into(),
        ],
    }
}

/// The label the form asks item `i` (from 0) under: `Statement 2`, `Pair 2 (LEFT = RIGHT)`,
/// `Statement-II`.
pub fn item_prompt(layout: Layout, i: usize) -> String {
    match layout {
        Layout::Pairs => format!("Pair {} (LEFT = RIGHT)", i + 1),
        Layout::StatementIAndIi => format!("Statement-{}", if i == 0 { "I" } else { "II" }),
        Layout::Plain | Layout::Statements => format!("Statement {}", i + 1),
    }
}

/// Statement `i` (from 0) as written into the deck: as typed when it has a label (`1. …`,
/// `Statement-I: …`), else with the label the layout gives it.
pub fn labelled(layout: Layout, i: usize, typed: &str) -> String {
    let t = typed.trim();
    if authored::label(t).is_some() {
        return t.to_owned();
    }
    match layout {
        Layout::StatementIAndIi => {
            format!("Statement-{}: {t}", if i == 0 { "I" } else { "II" })
        }
        _ => format!("{}. {t}", i + 1),
    }
}

/// Text as it goes into a deck: no control characters (a pasted escape sequence), one line
/// unless `newlines`, trimmed.
fn clean(s: &str, newlines: bool) -> String {
    plain_text(s, newlines).trim().to_owned()
}

/// A problem with one field: the loader's message and hint.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    pub field: Field,
    pub message: String,
}

impl std::fmt::Display for FieldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl FieldError {
    fn new(field: Field, message: impl Into<String>) -> FieldError {
        FieldError { field, message: message.into() }
    }
}

/// The field a loader error is about, by its code.
fn field_of(code: &str) -> Field {
    match code {
        "duplicate-statement" | "statement-order" | "statement-label" | "statements-and-pairs" => {
            Field::Items
        }
        "option-count" | "option-letter" | "duplicate-option" | "unknown-statement" => {
            Field::Options
        }
        "no-right-option" | "answer-out-of-range" | "invalid-answer" => Field::Answer,
        "missing-source" => Field::Source,
        "invalid-year" => Field::Year,
        "duplicate-id" | "invalid-id" => Field::Id,
        _ => Field::Stem,
    }
}

/// The errors the deck loader finds in `fact` written into a deck of its own (with a source
/// of its own when `deck_source`, as when the deck it goes into names one): the rules of
/// `recall check`.
pub fn judge(fact: &Fact, deck_source: bool) -> Vec<Diagnostic> {
    let source = if deck_source { "    source: \"deck\",\n" } else { "" };
    let scratch = format!(
        "#![enable(implicit_some)]\nDeck(\n    id: \"scratch\",\n    title: \"Scratch\",\n{source}    facts: [],\n)\n"
    );
    let Ok(text) = edit::append_facts(&scratch, std::slice::from_ref(fact)) else {
        return Vec::new();
    };
    let mut loaded = Loaded::default();
    load_source(Path::new("question"), &text, &mut loaded);
    loaded.diagnostics.into_iter().filter(Diagnostic::is_error).collect()
}

/// A loader error as the form says it: its message and hint.
pub fn said(d: &Diagnostic) -> String {
    match &d.hint {
        Some(h) => format!("{} ({h})", d.message),
        None => d.message.clone(),
    }
}

/// What [`build`] puts where a field is not typed yet, so that a check of one field is not
/// tripped by the others: options that name nothing and differ from anything typed.
const PLACEHOLDER_OPTIONS: [&str; 2] =
    ["\u{2026}placeholder one\u{2026}", "\u{2026}placeholder two\u{2026}"];

impl Typed {
    /// A new question of `layout`: its stem, closing question and options filled in as a
    /// paper sets them (the options once the items are known).
    pub fn new(layout: Layout) -> Typed {
        Typed {
            layout,
            stem: layout.default_stem().to_owned(),
            ask: default_ask(layout, Style::Coded).to_owned(),
            ..Typed::default()
        }
    }

    /// Switches to `layout`, keeping what was typed where it still fits: a stem, closing
    /// question or options that were the old layout's defaults become the new one's; items
    /// stay unless statements become pairs or back.
    pub fn set_layout(&mut self, layout: Layout) {
        if layout == self.layout {
            return;
        }
        let old = self.layout;
        let was_default_options = self.options_are_default();
        if self.stem.trim().is_empty() || self.stem == old.default_stem() {
            self.stem = layout.default_stem().to_owned();
        }
        if self.ask.trim().is_empty() || self.ask == default_ask(old, self.style) {
            self.ask = default_ask(layout, self.style).to_owned();
        }
        let pairs = |l: Layout| l == Layout::Pairs;
        if pairs(old) != pairs(layout) || !layout.has_items() {
            self.items.clear();
        }
        if layout == Layout::StatementIAndIi {
            self.items.truncate(2);
        }
        self.layout = layout;
        if was_default_options {
            self.options = default_options(layout, self.style, self.items.len());
        }
    }

    /// Switches the options' style, changing the closing question and options if they were
    /// the old style's defaults.
    pub fn set_style(&mut self, style: Style) {
        if style == self.style {
            return;
        }
        let options = self.options_are_default();
        if self.ask.trim().is_empty() || self.ask == default_ask(self.layout, self.style) {
            self.ask = default_ask(self.layout, style).to_owned();
        }
        self.style = style;
        if options {
            self.options = default_options(self.layout, style, self.items.len());
        }
    }

    /// Sets the items, and the options to the defaults for their number if they were the
    /// defaults for the old number (or none were chosen yet).
    pub fn set_items(&mut self, items: Vec<String>) {
        let options = self.options_are_default();
        self.items = items;
        if options {
            self.options = default_options(self.layout, self.style, self.items.len());
        }
    }

    /// Are the options empty or what the form offered for the items as they were?
    fn options_are_default(&self) -> bool {
        self.options.is_empty()
            || self.options == default_options(self.layout, self.style, self.items.len())
    }

    /// Nothing typed yet: the stem, closing question and options are what the form fills in,
    /// and no item, right option or explanation is written. (The source, year and tags may
    /// come from the command line, so they do not count.)
    pub fn is_blank(&self) -> bool {
        let stem = self.stem.trim();
        (stem.is_empty() || stem == self.layout.default_stem())
            && self.items.iter().all(|s| s.trim().is_empty())
            && self.options_are_default()
            && self.answer.trim().is_empty()
            && self.explain.trim().is_empty()
    }

    /// A question of `deck` that asks what this one asks: the same stem and the same statements
    /// or pairs (labels, spacing and case aside). The form says so, as it says of a fact whose
    /// cue the deck has already.
    pub fn same_as<'d>(&self, deck: &'d super::Deck) -> Option<&'d Fact> {
        let norm = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
        let unlabelled = |s: &str| norm(authored::label(s).map_or(s, |(_, rest)| rest));
        let stem = norm(&self.stem);
        let items: Vec<String> = self
            .items
            .iter()
            .filter(|s| !s.trim().is_empty())
            .map(|s| match (self.layout, split_pair(s)) {
                (Layout::Pairs, Some((l, r))) => format!("{} = {}", norm(&l), norm(&r)),
                _ => unlabelled(s),
            })
            .collect();
        deck.facts.iter().find(|f| {
            let Some(a) = f.authored.as_deref() else { return false };
            let theirs: Vec<String> = if a.pairs.is_empty() {
                a.statements.iter().map(|s| unlabelled(s)).collect()
            } else {
                a.pairs.iter().map(|(l, r)| format!("{} = {}", norm(l), norm(r))).collect()
            };
            norm(&f.cue) == stem && theirs == items
        })
    }

    /// The id the form offers: from the stem, or from the first item when the stem is the
    /// layout's usual opening ("Consider the following statements:" names nothing).
    pub fn proposed_id(&self, taken: &HashSet<String>) -> FactId {
        let stem = self.stem.trim();
        let from = if stem == self.layout.default_stem() || stem.is_empty() {
            let first = self.items.first().map(String::as_str).unwrap_or(stem);
            authored::label(first).map_or(first, |(_, rest)| rest)
        } else {
            stem
        };
        let from = from.split_once('=').map_or(from, |(left, _)| left);
        propose_id(from, taken)
    }

    /// The question the fields describe, with `id`; an error names the field to correct.
    /// The loader's checks are not run here (see [`Typed::problems`]).
    pub fn build(&self, id: FactId) -> Result<Fact, FieldError> {
        let stem = clean(&self.stem, false);
        if stem.is_empty() {
            return Err(FieldError::new(Field::Stem, "the stem is empty"));
        }
        let items: Vec<String> =
            self.items.iter().map(|s| clean(s, false)).filter(|s| !s.is_empty()).collect();
        let (statements, pairs) = match self.layout {
            Layout::Plain => (Vec::new(), Vec::new()),
            Layout::Pairs => {
                let pairs = items
                    .iter()
                    .map(|p| {
                        split_pair(p).ok_or_else(|| {
                            FieldError::new(
                                Field::Items,
                                format!("`{p}` is not a pair: write it `LEFT = RIGHT`"),
                            )
                        })
                    })
                    .collect::<Result<Vec<_>, _>>()?;
                (Vec::new(), pairs)
            }
            Layout::Statements | Layout::StatementIAndIi => (
                items.iter().enumerate().map(|(i, s)| labelled(self.layout, i, s)).collect(),
                Vec::new(),
            ),
        };
        let options: Vec<String> =
            self.options.iter().map(|s| clean(s, false)).filter(|s| !s.is_empty()).collect();
        let correct = answer_index(&self.answer, options.len())?;
        let year = parse_year(&self.year)?;
        let ask = clean(&self.ask, false);
        let authored = Authored {
            statements,
            pairs,
            ask: (self.layout.has_items() && !ask.is_empty()).then_some(ask),
            options,
            correct,
            year,
        };
        let mut fact = Fact::question(id, stem, authored);
        let some = |s: String| (!s.is_empty()).then_some(s);
        fact.explain = some(clean(&self.explain, true));
        fact.source = some(clean(&self.source, false));
        fact.topic = self.topic.as_deref().map(|t| clean(t, false)).and_then(some);
        fact.tags = super::draft::split_tags(&clean(&self.tags, false));
        Ok(fact)
    }

    /// The loader's errors in the question as typed (`deck_source`: the deck it goes into
    /// names a source, which then covers a question without its own).
    pub fn problems(&self, id: FactId, deck_source: bool) -> Vec<FieldError> {
        match self.build(id) {
            Err(e) => vec![e],
            Ok(fact) => judge(&fact, deck_source)
                .iter()
                .map(|d| FieldError::new(field_of(d.code), said(d)))
                .collect(),
        }
    }

    /// The question typed so far with the fields after `upto` filled in so that they trip no
    /// check, judged by the loader: the first error about `upto` itself, if any.
    fn check_upto(&self, upto: Field, deck_source: bool) -> Result<(), String> {
        let mut t = self.clone();
        if t.stem.trim().is_empty() {
            t.stem = "Stem".to_owned();
        }
        if matches!(upto, Field::Stem | Field::Items) {
            t.options.clear();
        }
        if matches!(upto, Field::Stem | Field::Items | Field::Options) {
            t.answer = "a".to_owned();
        }
        let typed_options = t.options.iter().filter(|o| !o.trim().is_empty()).count();
        for p in PLACEHOLDER_OPTIONS.iter().take(2usize.saturating_sub(typed_options)) {
            t.options.push((*p).to_owned());
        }
        if upto != Field::Source && t.source.trim().is_empty() {
            t.source = "source".to_owned();
        }
        if upto != Field::Year {
            t.year.clear();
        }
        // Invariant: "question" is a valid id (a lower-case word).
        let Ok(id) = FactId::new("question") else { return Ok(()) };
        match t.problems(id, deck_source).into_iter().find(|e| e.field == upto) {
            Some(e) => Err(e.message),
            None => Ok(()),
        }
    }

    /// Checks item `i` typed as `text`, with the items before it as they are.
    pub fn check_item(&self, i: usize, text: &str) -> Result<(), String> {
        let text = text.trim();
        if text.is_empty() {
            return Ok(());
        }
        let mut t = self.clone();
        t.items.truncate(i);
        t.items.push(text.to_owned());
        t.check_upto(Field::Items, true)
    }

    /// Checks option `i` typed as `text`, with the options before it as they are.
    pub fn check_option(&self, i: usize, text: &str) -> Result<(), String> {
        let text = text.trim();
        if text.is_empty() {
            return Ok(());
        }
        let mut t = self.clone();
        t.options.truncate(i);
        t.options.push(text.to_owned());
        t.check_upto(Field::Options, true)
    }

    /// Checks the right option's letter against the options.
    pub fn check_answer(&self, text: &str) -> Result<(), String> {
        let n = self.options.iter().filter(|o| !o.trim().is_empty()).count();
        answer_index(text, n).map(drop).map_err(|e| e.message)
    }

    /// Checks the source: required unless the deck names one (`deck_source`). The loader's
    /// rule, said for a form rather than a file.
    pub fn check_source(&self, text: &str, deck_source: bool) -> Result<(), String> {
        let mut t = self.clone();
        t.source = text.to_owned();
        t.check_upto(Field::Source, deck_source).map_err(|_| {
            "a question needs its source (the paper and year, or the book): a learner must be \
             able to check it"
                .to_owned()
        })
    }

    /// Checks the year: empty, or a year the loader takes.
    pub fn check_year(&self, text: &str) -> Result<(), String> {
        let mut t = self.clone();
        t.year = text.to_owned();
        parse_year(text).map_err(|e| e.message)?;
        // The loader's rule (a year from 1900 to 2100), said for a form rather than a file.
        t.check_upto(Field::Year, true).map_err(|_| {
            format!("`{}` is not a year (write the paper's year, for example 2023)", text.trim())
        })
    }
}

/// The option a letter names among `n`: `b`, `(b)`, `B`.
fn answer_index(text: &str, n: usize) -> Result<usize, FieldError> {
    let text = text.trim();
    if n == 0 {
        return Err(FieldError::new(Field::Options, "the question has no options"));
    }
    let last = option_letter(n - 1);
    if text.is_empty() {
        return Err(FieldError::new(
            Field::Answer,
            format!("which option is right? Give its letter, a to {last}"),
        ));
    }
    match parse_option_letter(text) {
        Some(i) if i < n => Ok(i),
        Some(_) => Err(FieldError::new(
            Field::Answer,
            format!(
                "the answer is ({}), but the options run (a) to ({last})",
                text.trim_matches(['(', ')'])
            ),
        )),
        None => Err(FieldError::new(
            Field::Answer,
            format!("`{text}` is not an option's letter: give the right one's, a to {last}"),
        )),
    }
}

/// The year typed, if any (the loader then checks its range).
fn parse_year(text: &str) -> Result<Option<u16>, FieldError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    text.parse::<u16>().map(Some).map_err(|_| {
        FieldError::new(
            Field::Year,
            format!("`{text}` is not a year (write the paper's year, for example 2023)"),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id() -> FactId {
        FactId::new("q").unwrap()
    }

    fn statements() -> Typed {
        let mut t = Typed::new(Layout::Statements);
        t.set_items(vec![
            "COMCASA is a defence pact.".into(),
            "BECA shares maps.".into(),
            "LEMOA is logistics.".into(),
        ]);
        t.answer = "d".into();
        t.source = "MEA".into();
        t
    }

    #[test]
    fn a_statements_question_is_labelled_and_given_a_papers_options() {
        let t = statements();
        assert_eq!(t.options, ["1 and 2 only", "2 and 3 only", "1 and 3 only", "1, 2 and 3"]);
        let fact = t.build(id()).unwrap();
        let a = fact.authored.as_deref().unwrap();
        assert_eq!(a.statements[0], "1. COMCASA is a defence pact.");
        assert_eq!(a.ask.as_deref(), Some("Which of the statements given above is/are correct?"));
        assert_eq!(fact.answer, "1, 2 and 3");
        assert!(t.problems(id(), false).is_empty(), "{:?}", t.problems(id(), false));
    }

    #[test]
    fn the_defaults_of_every_layout_pass_the_loader() {
        for layout in Layout::ALL {
            for style in [Style::Coded, Style::HowMany] {
                for n in ITEMS {
                    let mut t = Typed::new(layout);
                    t.set_style(style);
                    let item = |i: usize| match layout {
                        Layout::Pairs => format!("L{i} = R{i}"),
                        _ => format!("Statement number {i}"),
                    };
                    let n = if layout == Layout::StatementIAndIi { 2 } else { n };
                    t.set_items(if layout.has_items() {
                        (0..n).map(item).collect()
                    } else {
                        vec![]
                    });
                    if layout == Layout::Plain {
                        t.stem = "Which?".into();
                        t.options = vec!["x".into(), "y".into()];
                    }
                    t.answer = "b".into();
                    t.source = "s".into();
                    assert!(
                        t.problems(id(), false).is_empty(),
                        "{layout:?} {style:?} {n}: {:?}",
                        t.problems(id(), false)
                    );
                }
            }
        }
    }

    #[test]
    fn style_and_layout_changes_replace_only_defaults() {
        let mut t = statements();
        t.set_style(Style::HowMany);
        assert_eq!(t.ask, "How many of the above statements are correct?");
        assert_eq!(t.options, ["Only one", "Only two", "All three", "None"]);
        t.options[3] = "None of them".into();
        t.set_items(vec!["A".into(), "B".into()]);
        // Options the learner changed are kept.
        assert_eq!(t.options[3], "None of them");
        t.set_layout(Layout::Pairs);
        assert_eq!(t.stem, "Consider the following pairs:");
        assert!(t.items.is_empty());
    }

    #[test]
    fn each_field_gets_the_loaders_error() {
        let t = statements();
        assert_eq!(
            t.check_item(1, "1. again").unwrap_err(),
            "statement 1 is numbered twice (number the statements 1, 2, 3, … in order)"
        );
        assert!(t.check_item(1, "2. fine").is_ok());
        assert!(t.check_option(2, "1 and 4 only").unwrap_err().contains("names statement 4"));
        assert!(t.check_option(1, "1 AND 2 only").unwrap_err().contains("same as an earlier one"));
        assert!(t.check_option(0, "(a) 1 only").unwrap_err().contains("starts with its letter"));
        assert_eq!(
            t.check_answer("e").unwrap_err(),
            "the answer is (e), but the options run (a) to (d)"
        );
        assert!(t.check_answer("(B)").is_ok());
        assert!(t.check_source("", false).unwrap_err().contains("needs its source"));
        assert!(t.check_source("", true).is_ok());
        assert!(t.check_year("1850").unwrap_err().contains("is not a year"));
        assert!(t.check_year("twenty").is_err());
        assert!(t.check_year("2023").is_ok() && t.check_year("").is_ok());
        let mut p = Typed::new(Layout::Pairs);
        p.set_items(vec!["BECA = maps".into()]);
        assert!(p.check_item(1, "no equals sign").unwrap_err().contains("LEFT = RIGHT"));
        assert!(p.check_item(1, "COMCASA = talk").is_ok());
        let ar = Typed::new(Layout::StatementIAndIi);
        assert!(ar.check_item(0, "2. mixed").is_err());
        assert_eq!(labelled(Layout::StatementIAndIi, 1, "Because."), "Statement-II: Because.");
    }

    #[test]
    fn the_same_question_is_found_in_a_deck() {
        let id = crate::ids::DeckId::new("d").unwrap();
        let skeleton = crate::deck::template::imported_deck(&id, "D", Path::new("x.csv"));
        let mut deck = crate::deck::write::check_text(Path::new("d.ron"), &skeleton).unwrap();
        let t = statements();
        deck.facts.push(t.build(id_q()).unwrap());
        let mut again = Typed::new(Layout::Statements);
        again.set_items(vec![
            "1.  comcasa is a defence pact.".into(),
            "BECA shares maps.".into(),
            "LEMOA is logistics.".into(),
        ]);
        assert_eq!(again.same_as(&deck).map(|f| f.id.as_str()), Some("q"));
        again.items.pop();
        assert!(again.same_as(&deck).is_none());
        let mut pairs = Typed::new(Layout::Pairs);
        pairs.set_items(vec!["BECA = maps".into(), "LEMOA = logistics".into()]);
        assert!(pairs.same_as(&deck).is_none());
    }

    fn id_q() -> FactId {
        FactId::new("q").unwrap()
    }

    #[test]
    fn ids_come_from_the_first_item_under_a_usual_stem() {
        let t = statements();
        assert_eq!(t.proposed_id(&HashSet::new()).as_str(), "comcasa-is-a-defence-pact");
        let mut p = Typed::new(Layout::Pairs);
        p.set_items(vec!["BECA = maps".into()]);
        assert_eq!(p.proposed_id(&HashSet::new()).as_str(), "beca");
    }

    #[test]
    fn a_draft_reads_back() {
        let t = statements();
        let json = serde_json::to_string(&t).unwrap();
        assert_eq!(serde_json::from_str::<Typed>(&json).unwrap(), t);
        assert!(json.contains("\"layout\":\"statements\""));
        assert!(!t.is_blank());
        assert!(Typed::new(Layout::Pairs).is_blank());
    }
}
