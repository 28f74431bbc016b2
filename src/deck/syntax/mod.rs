//! A spanned reader for the RON that deck files use.
//!
//! Why our own reader and not `ron::from_str`: serde stops at the first problem and knows
//! nothing of positions once a value is built, so a deck with five mistakes would take five
//! runs to fix, and "unknown field" could not point at the field. This reader turns the text
//! into a small tree of [`Node`]s, each with its byte span; [`super::schema`] then checks the
//! whole tree against the deck format and reports every problem at once. A syntax error still
//! stops the file (after it, positions and structure are guesswork), reported precisely, except
//! the commonest slip: a `,` missing between list items or fields where what follows plainly
//! starts the next one (`Fact(`, `answer:`), which [`parse_all`] reads as if the `,` were there
//! and goes on.
//!
//! It reads the RON subset decks need (everything but byte strings): named and unnamed
//! structs and tuples, lists, maps, strings with every RON escape, raw strings, characters,
//! numbers, booleans, identifiers, `Some(…)`/`None`, `#![enable(…)]` attributes, `//` and
//! nested `/* */` comments and trailing commas. `ron` itself stays the reference: a test checks
//! that for valid decks `ron::from_str` gives exactly what the loader gives.
//!
//! Files: this one holds the tree ([`Node`], [`Value`]) and [`parse`]; `lex.rs` splits the
//! text into tokens (strings and their escapes, numbers, comments); `parse.rs` builds the tree
//! and words the syntax errors. Nothing here knows the deck format or does I/O.

mod lex;
mod parse;

use std::borrow::Cow;
use std::ops::Range;

use lex::{Lexer, Tok};
use parse::Parser;

/// The deepest nesting accepted. Decks nest four levels; the limit keeps hostile input
/// (`[[[[…`) from overflowing the stack.
const MAX_DEPTH: usize = 64;

/// The `#![enable(…)]` extensions RON knows.
pub const EXTENSIONS: [&str; 4] =
    ["implicit_some", "unwrap_newtypes", "unwrap_variant_newtypes", "explicit_struct_names"];

/// One value of the file with the byte range it covers.
#[derive(Clone, Debug, PartialEq)]
pub struct Node<'a> {
    pub span: Range<usize>,
    pub value: Value<'a>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Value<'a> {
    Bool(bool),
    /// A number as written (validated: it parses as an integer or a float).
    Number(&'a str),
    Str(Str<'a>),
    Char(char),
    /// A bare identifier: an enum variant (`Acronym`), a unit struct.
    Ident(&'a str),
    /// `None` or `Some(…)`.
    Option(Option<Box<Node<'a>>>),
    List(Vec<Node<'a>>),
    Map(Vec<(Node<'a>, Node<'a>)>),
    /// `Name(a, b)` or `(a, b)`; `Name()` and `()` are an empty [`Value::Struct`].
    Tuple {
        name: Option<Ident<'a>>,
        items: Vec<Node<'a>>,
    },
    /// `Name(field: value, …)` or `(field: value, …)`.
    Struct {
        name: Option<Ident<'a>>,
        fields: Vec<Field<'a>>,
    },
}

/// A string literal: its decoded text, and whether the text is verbatim the source between
/// the quotes (no escapes), so that offsets inside it map back to the file.
#[derive(Clone, Debug, PartialEq)]
pub struct Str<'a> {
    pub text: Cow<'a, str>,
    /// Byte offset in the file of the first character inside the quotes, if `text` is verbatim.
    pub verbatim_at: Option<usize>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Ident<'a> {
    pub name: &'a str,
    pub span: Range<usize>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Field<'a> {
    pub name: Ident<'a>,
    pub value: Node<'a>,
}

/// A whole file: its attributes and its one value.
#[derive(Clone, Debug, PartialEq)]
pub struct Document<'a> {
    /// The names inside `#![enable(…)]`.
    pub extensions: Vec<Ident<'a>>,
    pub value: Node<'a>,
}

/// The first syntax error of a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub span: Range<usize>,
    pub message: String,
    pub hint: Option<String>,
    /// Another place and what it is: the bracket that is never closed.
    pub related: Option<(Range<usize>, String)>,
}

impl SyntaxError {
    fn new(span: Range<usize>, message: impl Into<String>) -> SyntaxError {
        SyntaxError { span, message: message.into(), hint: None, related: None }
    }

    fn hint(mut self, hint: impl Into<String>) -> SyntaxError {
        self.hint = Some(hint.into());
        self
    }

    fn related(mut self, span: Range<usize>, label: impl Into<String>) -> SyntaxError {
        self.related = Some((span, label.into()));
        self
    }
}

impl Value<'_> {
    /// What this value is, for "expected a string, found a list" messages.
    pub fn describe(&self) -> String {
        match self {
            Value::Bool(_) => "a boolean".into(),
            Value::Number(_) => "a number".into(),
            Value::Str(_) => "a string".into(),
            Value::Char(_) => "a character".into(),
            Value::Ident(name) => format!("`{name}`"),
            Value::Option(None) => "`None`".into(),
            Value::Option(Some(_)) => "`Some(…)`".into(),
            Value::List(_) => "a list".into(),
            Value::Map(_) => "a map".into(),
            Value::Tuple { name: Some(n), .. } | Value::Struct { name: Some(n), .. } => {
                format!("`{}(…)`", n.name)
            }
            Value::Tuple { .. } => "a tuple".into(),
            Value::Struct { .. } => "a struct".into(),
        }
    }
}
/// Parses a whole deck file (a BOM, if any, already removed).
pub fn parse(src: &str) -> Result<Document<'_>, SyntaxError> {
    parse_document(&mut Parser::new(src)).map_err(|e| not_ron(src, e))
}

/// Parses a whole deck file as [`parse`] does, but goes on past a `,` missing between list
/// items or struct fields where what follows plainly starts the next one (`Fact(`, `answer:`):
/// the tree is then what it would be with the `,`, so one run can report every such slip and
/// the problems of the tree too. Returns the tree, if no other error stopped it, and every
/// syntax error met, in order (the last one, with no tree, the one that stopped it).
pub fn parse_all(src: &str) -> (Option<Document<'_>>, Vec<SyntaxError>) {
    let mut p = Parser::new(src);
    p.recover = true;
    let result = parse_document(&mut p);
    let mut errors = std::mem::take(&mut p.recovered);
    match result {
        Ok(doc) => (Some(doc), errors),
        Err(e) => {
            errors.push(not_ron(src, e));
            (None, errors)
        }
    }
}

/// An error at the very first token: the file is probably not RON at all.
fn not_ron(src: &str, e: SyntaxError) -> SyntaxError {
    let mut lex = Lexer::new(src);
    let first = lex.skip_trivia().map(|()| lex.pos);
    if e.hint.is_none() && first == Ok(e.span.start) && e.span.start < src.len() {
        e.hint(NOT_RON)
    } else {
        e
    }
}

/// Whether the first token at or after byte `at` of `src` (whitespace and comments skipped) is
/// a `,`: for an editor that adds an item after the last one of a list, whose tree does not
/// keep the separators. False where `src` does not lex there.
pub fn comma_follows(src: &str, at: usize) -> bool {
    let mut lex = Lexer::new(src);
    lex.pos = at;
    lex.next().is_ok_and(|t| t.tok == Tok::Comma)
}

const NOT_RON: &str = "a deck file is RON and starts with `Deck(`; this does not look like one";

fn parse_document<'a>(p: &mut Parser<'a>) -> Result<Document<'a>, SyntaxError> {
    let extensions = p.attributes()?;
    let first = p.peek()?;
    if first.tok == Tok::Eof {
        return Err(SyntaxError::new(first.span.clone(), "the file is empty")
            .hint("a deck file holds one `Deck(id: \"…\", title: \"…\", facts: [ … ])`"));
    }
    let value = p.value(0)?;
    let end = p.next()?;
    if end.tok != Tok::Eof {
        return Err(SyntaxError::new(
            end.span,
            format!("unexpected {} after the end of the deck", end.tok.describe()),
        )
        .hint("a deck file holds exactly one `Deck(…)`; is a `(` or `[` closed too early?"));
    }
    Ok(Document { extensions, value })
}

#[cfg(test)]
mod tests;
