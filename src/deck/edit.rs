//! Editing a deck's source text: appending facts to its `facts: [...]` list, and rewriting a
//! fact in place by id (re-imports update wording this way).
//!
//! Learners write comments and lay their decks out by hand, so authoring commands must never
//! re-serialize a whole deck: that would drop every comment and reorder fields. Instead we read
//! the file with the loader's own spanned reader ([`super::syntax`]), take the byte ranges of
//! the `facts` list and of its facts from the tree, and splice text in at those places: the
//! editor and the loader cannot disagree about a string, a comment or a bracket. Every byte
//! outside the insertion stays as it was; the new text follows the deck's own line endings,
//! indentation and one-line-or-multi-line fact layout.
//!
//! Everything here is a pure function over text; writing the file is [`super::write`]'s job.

use std::ops::Range;
use std::sync::Arc;

use super::Fact;
use super::diag::Source;
use super::syntax::{self, Document, Node, Value};

/// Why a deck's text cannot be edited.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    /// The text is not RON the loader reads (authoring commands load a deck before editing it,
    /// so this is reached only by text that was never loaded).
    #[error("line {line}, column {column}: {message}")]
    Syntax { line: usize, column: usize, message: String },
    #[error("no `Deck(…)` found")]
    NoDeck,
    #[error("the deck has no `facts: [ … ]` list")]
    NoFactsList,
    #[error("the deck has no fact with id `{0}`")]
    NoSuchFact(String),
}

/// A deck's text read into the spanned tree. A byte-order mark is not RON: the tree is read
/// after it, and `offset` turns the tree's spans back into offsets in the text.
struct Parsed<'a> {
    doc: Document<'a>,
    offset: usize,
}

impl<'a> Parsed<'a> {
    fn new(text: &'a str) -> Result<Parsed<'a>, EditError> {
        let body = text.strip_prefix('\u{feff}').unwrap_or(text);
        let offset = text.len() - body.len();
        let doc = syntax::parse(body).map_err(|e| {
            // Counted as `recall check` counts them: in the text after the mark.
            let (line, column) = Source::new(Arc::from(body)).line_col(e.span.start);
            EditError::Syntax { line, column, message: e.message }
        })?;
        Ok(Parsed { doc, offset })
    }

    /// The `facts` list of the top-level `Deck( … )` (or anonymous `( … )`) struct, and its
    /// items.
    fn facts(&self) -> Result<(&Node<'a>, &[Node<'a>]), EditError> {
        let fields = match &self.doc.value.value {
            Value::Struct { fields, .. } => fields.as_slice(),
            Value::Tuple { .. } => &[],
            _ => return Err(EditError::NoDeck),
        };
        let list = fields.iter().find(|f| f.name.name == "facts").ok_or(EditError::NoFactsList)?;
        match &list.value.value {
            Value::List(items) => Ok((&list.value, items.as_slice())),
            _ => Err(EditError::NoFactsList),
        }
    }

    /// A span of the tree as a range of the text.
    fn range(&self, span: &Range<usize>) -> Range<usize> {
        span.start + self.offset..span.end + self.offset
    }
}

/// Where a deck's facts list is and how its facts are laid out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FactsList {
    /// Byte offset of the list's `[`.
    pub open: usize,
    /// Byte offset of the list's `]`.
    pub close: usize,
    /// End offset of the last item (after its `)`), if the list has items.
    pub last_item_end: Option<usize>,
    /// Whether the last item is followed by a comma.
    pub trailing_comma: bool,
    /// Start offset of the first and last items.
    first_item_start: Option<usize>,
    last_item_start: Option<usize>,
}

/// Finds the `facts: [ … ]` list of the top-level `Deck( … )` (or anonymous `( … )`) struct.
pub fn find_facts_list(text: &str) -> Result<FactsList, EditError> {
    facts_list(text, &Parsed::new(text)?)
}

fn facts_list(text: &str, parsed: &Parsed<'_>) -> Result<FactsList, EditError> {
    let (list, items) = parsed.facts()?;
    let list = parsed.range(&list.span);
    let first = items.first().map(|item| parsed.range(&item.span));
    let last = items.last().map(|item| parsed.range(&item.span));
    Ok(FactsList {
        open: list.start,
        // The list's span ends after its `]`.
        close: list.end - 1,
        last_item_end: last.as_ref().map(|r| r.end),
        trailing_comma: last.as_ref().is_some_and(|r| syntax::comma_follows(text, r.end)),
        first_item_start: first.map(|r| r.start),
        last_item_start: last.map(|r| r.start),
    })
}

/// How new facts are written so they look like the deck's own.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Layout {
    /// `"\n"` or `"\r\n"`, as the file's first line ending.
    pub newline: &'static str,
    /// The leading whitespace of a fact line.
    pub item_indent: String,
    /// One level of indentation (four spaces, or a tab in tab-indented files).
    pub unit: String,
    /// Facts on one line each (`Fact(id: "a", …),`) rather than one field per line.
    pub compact: bool,
}

impl Default for Layout {
    fn default() -> Layout {
        Layout {
            newline: "\n",
            item_indent: "        ".to_owned(),
            unit: "    ".to_owned(),
            compact: false,
        }
    }
}

/// The start of the line holding `pos`.
fn line_start(text: &str, pos: usize) -> usize {
    text[..pos].rfind('\n').map_or(0, |i| i + 1)
}

/// The whitespace before `pos` on its line, if only whitespace precedes it there.
fn leading_ws(text: &str, pos: usize) -> Option<&str> {
    let ls = line_start(text, pos);
    let before = &text[ls..pos];
    before.chars().all(|c| c == ' ' || c == '\t').then_some(before)
}

/// The indentation of the line holding `pos`.
fn indent_of_line(text: &str, pos: usize) -> &str {
    let ls = line_start(text, pos);
    let rest = &text[ls..];
    let n = rest.len() - rest.trim_start_matches([' ', '\t']).len();
    &rest[..n]
}

/// Works out the layout of new facts from the list and the text around it.
pub fn layout(text: &str, list: &FactsList) -> Layout {
    let newline = match text.find('\n') {
        Some(i) if i > 0 && text.as_bytes()[i - 1] == b'\r' => "\r\n",
        _ => "\n",
    };
    let list_indent = indent_of_line(text, list.open).to_owned();
    let unit = if list_indent.starts_with('\t') {
        "\t".to_owned()
    } else {
        guess_unit(text).unwrap_or_else(|| "    ".to_owned())
    };
    let item_indent = list
        .first_item_start
        .and_then(|s| leading_ws(text, s))
        .map(str::to_owned)
        .unwrap_or_else(|| format!("{list_indent}{unit}"));
    let compact = match (list.last_item_start, list.last_item_end) {
        (Some(s), Some(e)) => !text[s..e].contains('\n'),
        _ => false,
    };
    Layout { newline, item_indent, unit, compact }
}

/// The smallest non-zero run of leading spaces in the file: its indentation unit.
fn guess_unit(text: &str) -> Option<String> {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start_matches(' ').len())
        .filter(|&n| n > 0)
        .min()
        .map(|n| " ".repeat(n.min(8)))
}

/// Returns `text` with `facts` appended to its facts list. Every byte of `text` is kept: the
/// result is `text[..at] + inserted + text[at..]` for one insertion point, plus a `,` after the
/// last fact when it had none.
pub fn append_facts(text: &str, facts: &[Fact]) -> Result<String, EditError> {
    let list = find_facts_list(text)?;
    if facts.is_empty() {
        return Ok(text.to_owned());
    }
    let lay = layout(text, &list);
    let nl = lay.newline;
    let mut block = String::new();
    for fact in facts {
        block.push_str(&lay.item_indent);
        block.push_str(&fact_to_ron(fact, &lay));
        block.push(',');
        block.push_str(nl);
    }
    let mut out = String::with_capacity(text.len() + block.len() + 8);
    let comma_at = match list.last_item_end {
        Some(end) if !list.trailing_comma => Some(end),
        _ => None,
    };
    let mut copied = 0;
    if let Some(at) = comma_at {
        out.push_str(&text[..at]);
        out.push(',');
        copied = at;
    }
    if leading_ws(text, list.close).is_some() {
        // `]` starts its line: the new facts go on their own lines just before it.
        let at = line_start(text, list.close);
        out.push_str(&text[copied..at]);
        out.push_str(&block);
        out.push_str(&text[at..]);
    } else {
        // `[]`, or `]` right after the last fact: break the line before the new facts and put
        // the `]` on its own line, indented like the `facts:` line.
        let close_indent = indent_of_line(text, list.open);
        out.push_str(&text[copied..list.close]);
        out.push_str(nl);
        out.push_str(&block);
        out.push_str(close_indent);
        out.push_str(&text[list.close..]);
    }
    Ok(out)
}

/// A fact's `id` (when written as a string) and its byte range in the deck's text.
pub type FactItem = (Option<String>, Range<usize>);

/// Each item of the facts list: its `id` (when written as a string literal) and the byte
/// range from its first character to its closing `)`.
pub fn fact_items(text: &str) -> Result<Vec<FactItem>, EditError> {
    items_of(&Parsed::new(text)?)
}

fn items_of(parsed: &Parsed<'_>) -> Result<Vec<FactItem>, EditError> {
    let (_, items) = parsed.facts()?;
    Ok(items
        .iter()
        .map(|item| {
            let id = match &item.value {
                Value::Struct { fields, .. } => {
                    fields.iter().find(|f| f.name.name == "id").and_then(|f| match &f.value.value {
                        Value::Str(s) => Some(s.text.clone().into_owned()),
                        _ => None,
                    })
                }
                _ => None,
            };
            (id, parsed.range(&item.span))
        })
        .collect())
}

/// Returns `text` with each fact of `facts` written over the fact with the same id, in the
/// layout (one line or one field per line, indentation) of the fact it replaces. Every byte
/// outside the replaced facts stays as it was. A fact whose id is not in the deck is an error.
pub fn replace_facts(text: &str, facts: &[Fact]) -> Result<String, EditError> {
    if facts.is_empty() {
        return Ok(text.to_owned());
    }
    let parsed = Parsed::new(text)?;
    let list = facts_list(text, &parsed)?;
    let base = layout(text, &list);
    let items = items_of(&parsed)?;
    let mut spans: Vec<(Range<usize>, &Fact)> = Vec::with_capacity(facts.len());
    let by_id: std::collections::HashMap<&str, &Range<usize>> =
        items.iter().filter_map(|(id, r)| Some((id.as_deref()?, r))).collect();
    for fact in facts {
        let range = by_id
            .get(fact.id.as_str())
            .ok_or_else(|| EditError::NoSuchFact(fact.id.to_string()))?;
        spans.push(((*range).clone(), fact));
    }
    spans.sort_by_key(|(r, _)| r.start);
    let mut out = String::with_capacity(text.len() + 256);
    let mut copied = 0;
    for (range, fact) in spans {
        if range.start < copied {
            continue; // the same id twice in `facts`: the first wins
        }
        let lay = Layout {
            item_indent: indent_of_line(text, range.start).to_owned(),
            compact: !text[range.clone()].contains('\n'),
            ..base.clone()
        };
        out.push_str(&text[copied..range.start]);
        out.push_str(&fact_to_ron(fact, &lay));
        copied = range.end;
    }
    out.push_str(&text[copied..]);
    Ok(out)
}

/// Writes a string as a RON string literal.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| quote(s)).collect();
    format!("[{}]", quoted.join(", "))
}

/// The fields of an authored question as `(name, RON value)`, in the documented order.
fn question_fields(fact: &Fact, a: &super::Authored) -> Vec<(&'static str, String)> {
    let mut f = vec![("id", quote(fact.id.as_str())), ("stem", quote(&fact.cue))];
    if !a.statements.is_empty() {
        f.push(("statements", list(&a.statements)));
    }
    if !a.pairs.is_empty() {
        let pairs: Vec<String> =
            a.pairs.iter().map(|(l, r)| format!("({}, {})", quote(l), quote(r))).collect();
        f.push(("pairs", format!("[{}]", pairs.join(", "))));
    }
    if let Some(ask) = &a.ask {
        f.push(("ask", quote(ask)));
    }
    f.push(("options", list(&a.options)));
    f.push(("answer", quote(&super::option_letter(a.correct).to_string())));
    if let Some(e) = &fact.explain {
        f.push(("explain", quote(e)));
    }
    if let Some(s) = &fact.source {
        f.push(("source", quote(s)));
    }
    if let Some(y) = a.year {
        f.push(("year", y.to_string()));
    }
    if let Some(t) = &fact.topic {
        f.push(("topic", quote(t)));
    }
    if !fact.tags.is_empty() {
        f.push(("tags", list(&fact.tags)));
    }
    f
}

/// The fields of a fact as `(name, RON value)`, in model order, optional empty ones left out.
fn fields(fact: &Fact) -> Vec<(&'static str, String)> {
    if let Some(a) = &fact.authored {
        return question_fields(fact, a);
    }
    let mut f = vec![
        ("id", quote(fact.id.as_str())),
        ("kind", fact.kind.name().to_owned()),
        ("cue", quote(&fact.cue)),
        ("answer", quote(&fact.answer)),
    ];
    if !fact.accept.is_empty() {
        f.push(("accept", list(&fact.accept)));
    }
    if let Some(t) = &fact.topic {
        f.push(("topic", quote(t)));
    }
    if !fact.tags.is_empty() {
        f.push(("tags", list(&fact.tags)));
    }
    if let Some(e) = &fact.explain {
        f.push(("explain", quote(e)));
    }
    if let Some(s) = &fact.source {
        f.push(("source", quote(s)));
    }
    if !fact.cloze.is_empty() {
        f.push(("cloze", list(&fact.cloze)));
    }
    if let Some(q) = &fact.question {
        f.push(("question", quote(q)));
    }
    if let Some(r) = &fact.reverse {
        f.push(("reverse", quote(r)));
    }
    if !fact.skip.is_empty() {
        let names: Vec<&str> = fact.skip.iter().map(|k| k.name()).collect();
        f.push(("skip", format!("[{}]", names.join(", "))));
    }
    f
}

/// A fact as RON, starting at `Fact(` (the caller writes the indentation before it) and ending
/// at its `)`. Multi-line facts indent their fields one unit deeper than `layout.item_indent`.
/// An authored question is always written one field per line, even among one-line facts: on
/// one line it runs to hundreds of columns, which nobody can read or edit.
pub fn fact_to_ron(fact: &Fact, layout: &Layout) -> String {
    let fields = fields(fact);
    let name = if fact.is_authored() { "Question" } else { "Fact" };
    if layout.compact && !fact.is_authored() {
        let inner: Vec<String> = fields.iter().map(|(k, v)| format!("{k}: {v}")).collect();
        return format!("{name}({})", inner.join(", "));
    }
    let nl = layout.newline;
    let field_indent = format!("{}{}", layout.item_indent, layout.unit);
    let mut out = format!("{name}({nl}");
    for (k, v) in &fields {
        // A long cloze (or statements, pairs, options) list reads better one item per line.
        let lines: Vec<String> = match (*k, &fact.authored) {
            ("cloze", _) => fact.cloze.iter().map(|s| quote(s)).collect(),
            ("statements", Some(a)) => a.statements.iter().map(|s| quote(s)).collect(),
            ("options", Some(a)) => a.options.iter().map(|s| quote(s)).collect(),
            ("pairs", Some(a)) => {
                a.pairs.iter().map(|(l, r)| format!("({}, {})", quote(l), quote(r))).collect()
            }
            _ => Vec::new(),
        };
        if lines.len() > 1 && v.len() > 80 {
            out.push_str(&format!("{field_indent}{k}: [{nl}"));
            for s in &lines {
                out.push_str(&format!("{field_indent}{}{s},{nl}", layout.unit));
            }
            out.push_str(&format!("{field_indent}],{nl}"));
        } else {
            out.push_str(&format!("{field_indent}{k}: {v},{nl}"));
        }
    }
    out.push_str(&layout.item_indent);
    out.push(')');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deck::{Deck, FactKind};
    use crate::ids::FactId;

    fn fact(id: &str) -> Fact {
        Fact::new(
            FactId::new(id).unwrap(),
            FactKind::Term,
            format!("cue {id}"),
            format!("answer {id}"),
        )
    }

    /// The original must be the result minus exactly one inserted block (plus an optional comma
    /// after the last fact).
    fn assert_only_inserted(orig: &str, new: &str) -> String {
        let prefix = orig.bytes().zip(new.bytes()).take_while(|(a, b)| a == b).count();
        let suffix = orig
            .bytes()
            .rev()
            .zip(new.bytes().rev())
            .take_while(|(a, b)| a == b)
            .count()
            .min(orig.len() - prefix);
        assert_eq!(&orig[..prefix], &new[..prefix]);
        assert_eq!(&orig[orig.len() - suffix..], &new[new.len() - suffix..]);
        assert_eq!(prefix + suffix, orig.len(), "only an insertion: {new}");
        new[prefix..new.len() - suffix].to_owned()
    }

    fn parse(text: &str) -> Deck {
        ron::Options::default()
            .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
            .from_str(text)
            .unwrap_or_else(|e| panic!("{e}\n{text}"))
    }

    const DECK: &str = r##"// A deck ] with comments [
Deck(
    id: "d",
    title: "Brackets ] in [ strings",
    facts: [
        Fact(
            id: "a",
            kind: Term, /* a ] block /* nested ] */ comment */
            cue: "x ] y",
            answer: r#"raw "] string"#,
        ),
        // last fact ] above
    ],
)
"##;

    #[test]
    fn appends_before_the_closing_bracket_keeping_everything() {
        let new = append_facts(DECK, &[fact("b")]).unwrap();
        assert_only_inserted(DECK, &new);
        let block = "        Fact(\n            id: \"b\",\n            kind: Term,\n            cue: \"cue b\",\n            answer: \"answer b\",\n        ),\n";
        assert_eq!(new, DECK.replace("    ],\n)", &format!("{block}    ],\n)")));
        let deck = parse(&new);
        assert_eq!(deck.facts.len(), 2);
        assert_eq!(deck.facts[1], fact("b"));
    }

    #[test]
    fn adds_a_comma_when_the_last_fact_has_none() {
        let text = "Deck(\n  id: \"d\",\n  title: \"t\",\n  facts: [\n    Fact(id: \"a\", kind: Term, cue: \"c\", answer: \"a\") // no comma\n  ]\n)\n";
        let new = append_facts(text, &[fact("b")]).unwrap();
        assert!(
            new.contains("answer: \"a\"), // no comma\n    Fact(id: \"b\", kind: Term"),
            "{new}"
        );
        assert_eq!(parse(&new).facts.len(), 2);
    }

    #[test]
    fn empty_lists() {
        for text in [
            "Deck(id: \"d\", title: \"t\", facts: [])",
            "Deck(\n    id: \"d\",\n    title: \"t\",\n    facts: [],\n)\n",
            "Deck(\n    id: \"d\",\n    title: \"t\",\n    facts: [\n        // add facts here\n    ],\n)\n",
            "Deck(\n    id: \"d\",\n    title: \"t\",\n    facts: [ /* none ] yet */ ],\n)\n",
        ] {
            let new = append_facts(text, &[fact("a"), fact("b")]).unwrap();
            assert_only_inserted(text, &new);
            let deck = parse(&new);
            assert_eq!(deck.facts, vec![fact("a"), fact("b")], "{new}");
        }
        let new = append_facts(
            "Deck(\n    id: \"d\",\n    title: \"t\",\n    facts: [],\n)\n",
            &[fact("a")],
        )
        .unwrap();
        assert!(new.contains("    facts: [\n        Fact(\n            id: \"a\",\n"), "{new}");
        assert!(new.contains("        ),\n    ],\n)"), "{new}");
    }

    #[test]
    fn crlf_files_stay_crlf() {
        let text = DECK.replace('\n', "\r\n");
        let new = append_facts(&text, &[fact("b")]).unwrap();
        assert_only_inserted(&text, &new);
        assert!(!new.replace("\r\n", "").contains('\n'), "a bare LF was written");
        assert_eq!(parse(&new).facts.len(), 2);
    }

    #[test]
    fn matches_tabs_and_compact_facts() {
        let text = "Deck(\n\tid: \"d\",\n\ttitle: \"t\",\n\tfacts: [\n\t\tFact(\n\t\t\tid: \"a\",\n\t\t\tkind: Term,\n\t\t\tcue: \"c\",\n\t\t\tanswer: \"a\",\n\t\t),\n\t],\n)\n";
        let new = append_facts(text, &[fact("b")]).unwrap();
        assert!(new.contains("\t\tFact(\n\t\t\tid: \"b\",\n"), "{new}");
        assert!(new.ends_with("\t\t),\n\t],\n)\n"), "{new}");
        let compact = "Deck(id: \"d\", title: \"t\", facts: [\n  Fact(id: \"a\", kind: Term, cue: \"c\", answer: \"a\"),\n])";
        let new = append_facts(compact, &[fact("b")]).unwrap();
        assert!(new.contains(
            "\n  Fact(id: \"b\", kind: Term, cue: \"cue b\", answer: \"answer b\"),\n])"
        ));
    }

    /// A question among one-line facts is still written one field per line.
    #[test]
    fn a_question_is_never_written_on_one_line() {
        let compact = "Deck(id: \"d\", title: \"t\", facts: [\n  Fact(id: \"a\", kind: Term, cue: \"c\", answer: \"a\"),\n])";
        let authored = crate::deck::Authored {
            statements: vec!["1. A.".into(), "2. B.".into()],
            pairs: Vec::new(),
            ask: Some("Which?".into()),
            options: vec!["1 only".into(), "2 only".into()],
            correct: 1,
            year: Some(2023),
        };
        let mut q = Fact::question(FactId::new("q").unwrap(), "Consider:", authored);
        q.source = Some("s".into());
        let new = append_facts(compact, &[q.clone()]).unwrap();
        assert_only_inserted(compact, &new);
        assert!(new.contains("\n  Question(\n    id: \"q\",\n    stem: \"Consider:\",\n"), "{new}");
        let deck = crate::deck::write::check_text(std::path::Path::new("d.ron"), &new).unwrap();
        assert_eq!(deck.facts[1], q);
    }

    #[test]
    fn attributes_and_other_lists_are_not_confused() {
        let text = "#![enable(implicit_some)]\nDeck(\n    id: \"d\",\n    title: \"t\",\n    about: \"facts: [ here ]\",\n    facts: [\n    ],\n)\n";
        let new = append_facts(text, &[fact("a")]).unwrap();
        assert_only_inserted(text, &new);
        assert_eq!(parse(&new).facts.len(), 1);
        // A `tags` list inside a fact is not the facts list, and `facts` only counts as a key.
        let list = find_facts_list("Deck(title: facts, facts: [Fact(tags: [\"x\"])])").unwrap();
        assert_eq!(list.open, 26);
    }

    #[test]
    fn errors_name_the_problem() {
        // The text is read by the loader's reader: its first syntax error, with line and column.
        let syntax = |text: &str| match find_facts_list(text) {
            Err(EditError::Syntax { line, column, message }) => (line, column, message),
            other => panic!("{other:?} for {text:?}"),
        };
        let (line, column, message) = syntax("Deck(id: \"d)");
        assert_eq!((line, column), (1, 10));
        assert!(message.starts_with("unterminated string"), "{message}");
        let (line, column, message) = syntax("Deck(\n/* x /* y */\n facts: [])");
        assert_eq!((line, column, message.as_str()), (2, 1, "unterminated block comment"));
        assert_eq!(syntax("Deck(facts: [)]").0, 1);
        assert_eq!(syntax("Deck(facts: [\n").0, 1);
        assert_eq!(syntax("\u{feff}Deck(facts: []))").1, 16, "columns count from after the BOM");
        assert_eq!(find_facts_list("Deck(id: \"d\")"), Err(EditError::NoFactsList));
        assert_eq!(find_facts_list("Deck(facts: Some([]))"), Err(EditError::NoFactsList));
        assert_eq!(find_facts_list("[Fact(id: \"a\")]"), Err(EditError::NoDeck));
        assert_eq!(syntax("// nothing").2, "the file is empty");
    }

    #[test]
    fn replaces_facts_by_id_keeping_every_other_byte() {
        let orig = "Deck(\n    id: \"d\", // the deck\n    title: \"t\",\n    facts: [\n        // first\n        Fact(id: \"a\", kind: Term, cue: \"(x)\", answer: \"y\"),\n        Fact(\n            id: \"b\",\n            kind: Term,\n            cue: \"c\",\n            answer: \"d\",\n        ), // keep\n        Fact(id: \"c\", kind: Term, cue: \"e\", answer: \"f\")\n    ],\n)\n";
        let mut a = fact("a");
        a.cue = "new a".into();
        let mut b = fact("b");
        b.tags = vec!["t".into()];
        let new = replace_facts(orig, &[b, a]).unwrap();
        assert_eq!(
            new,
            orig.replace(
                "Fact(id: \"a\", kind: Term, cue: \"(x)\", answer: \"y\")",
                "Fact(id: \"a\", kind: Term, cue: \"new a\", answer: \"answer a\")"
            )
            .replace(
                "            cue: \"c\",\n            answer: \"d\",\n",
                "            cue: \"cue b\",\n            answer: \"answer b\",\n            tags: [\"t\"],\n"
            )
        );
        assert_eq!(parse(&new).facts.len(), 3);
        assert_eq!(replace_facts(orig, &[fact("zz")]), Err(EditError::NoSuchFact("zz".into())));
        let ids: Vec<Option<String>> = fact_items(orig).unwrap().into_iter().map(|i| i.0).collect();
        assert_eq!(ids, [Some("a".into()), Some("b".into()), Some("c".into())]);
    }

    #[test]
    fn char_literals_and_byte_order_marks() {
        let text = "Deck(x: ']', w: '\\'', facts: [])";
        let list = find_facts_list(text).unwrap();
        assert_eq!(&text[list.open..=list.close], "[]");
        // A byte-order mark is kept, and the list is found after it.
        let text = "\u{feff}Deck(id: \"d\", title: \"t\", facts: [])";
        let list = find_facts_list(text).unwrap();
        assert_eq!(&text[list.open..=list.close], "[]");
        let new = append_facts(text, &[fact("a")]).unwrap();
        assert_only_inserted(text, &new);
        assert!(new.starts_with('\u{feff}'));
        assert_eq!(parse(new.trim_start_matches('\u{feff}')).facts, vec![fact("a")]);
    }

    #[test]
    fn every_field_round_trips() {
        let mut f = fact("full");
        f.kind = FactKind::Acronym;
        f.cue = "Quote \" backslash \\ tab \t newline \n bell \u{7} ünïcödé ] [".into();
        f.accept = vec!["one".into(), "two \"2\"".into()];
        f.topic = Some("topic".into());
        f.tags = vec!["a".into(), "b".into()];
        f.explain = Some("why".into());
        f.source = Some("book".into());
        f.cloze = vec![
            "A {long} statement that needs quite a lot of words to pass eighty chars".into(),
            "and {another}".into(),
        ];
        f.question = Some("Q?".into());
        f.reverse = Some("R?".into());
        f.skip = vec![crate::deck::QuestionKind::TrueFalse];
        for compact in [false, true] {
            let text = format!(
                "Deck(id: \"d\", title: \"t\", facts: [\n    {}\n])",
                fact_to_ron(&f, &Layout { compact, ..Layout::default() })
            );
            assert_eq!(parse(&text).facts, vec![f.clone()], "{text}");
        }
    }

    proptest::proptest! {
        /// Brackets, quotes and comment markers inside strings and comments never confuse the
        /// scanner: the facts before are kept, the new one is last, the text around is intact.
        #[test]
        fn strings_and_comments_never_confuse_the_scanner(
            cue in "[\\[\\](){}\"'#/*a-z ]{0,20}",
            line_comment in "[\\[\\](){}\"'#/*a-z ]{0,20}",
            block_comment in "[\\[\\](){}\"'#a-z ]{0,20}",
            trailing_comma in proptest::bool::ANY,
            crlf in proptest::bool::ANY,
        ) {
            let mut existing = fact("a");
            existing.cue = cue.clone();
            let comma = if trailing_comma { "," } else { "" };
            let mut text = format!(
                "// {line_comment}\nDeck(\n    id: \"d\", /* {block_comment} */\n    title: {},\n    facts: [\n        Fact(id: \"a\", kind: Term, cue: {}, answer: \"answer a\"){comma} // {line_comment}\n        /* {block_comment} */\n    ],\n)\n// {line_comment}\n",
                quote(&cue),
                quote(&cue),
            );
            if crlf {
                text = text.replace('\n', "\r\n");
            }
            let new = append_facts(&text, &[fact("b")]).unwrap();
            // Apart from the new fact, the only change is a comma after the last fact.
            let with_comma = text.replacen("answer: \"answer a\")", "answer: \"answer a\"),", 1);
            assert_only_inserted(if trailing_comma { &text } else { &with_comma }, &new);
            proptest::prop_assert_eq!(parse(&new).facts, vec![existing, fact("b")]);
        }

        #[test]
        fn any_string_round_trips(s in "\\PC*|[\\x00-\\x7f]*") {
            let mut f = fact("p");
            f.cue = s.clone();
            f.explain = Some(s);
            let text = append_facts("Deck(id: \"d\", title: \"t\", facts: [])", &[f.clone()]).unwrap();
            proptest::prop_assert_eq!(&parse(&text).facts, &vec![f]);
        }
    }
}
