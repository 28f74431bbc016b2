//! The tree of a deck file from its tokens, and the syntax errors worded for people: what was
//! expected, where a missing `,` or bracket belongs, which bracket is never closed.

use std::ops::Range;

use super::lex::{Lexer, Tok, Token};
use super::{EXTENSIONS, Field, Ident, MAX_DEPTH, NOT_RON, Node, SyntaxError, Value};

pub(super) struct Parser<'a> {
    lex: Lexer<'a>,
    peeked: Option<Token<'a>>,
    /// Whether to go on past a `,` missing between list items or struct fields, where what
    /// follows plainly starts the next one (see [`super::parse_all`]).
    pub(super) recover: bool,
    /// The errors gone on past, in order.
    pub(super) recovered: Vec<SyntaxError>,
}

impl<'a> Parser<'a> {
    pub(super) fn new(src: &'a str) -> Parser<'a> {
        Parser { lex: Lexer::new(src), peeked: None, recover: false, recovered: Vec::new() }
    }

    /// After `err`, a missing `,` before `sep`: when going on is allowed and `sep` plainly
    /// starts the next item (`Fact(`, a string, a number) or field (`name:`), keeps the error,
    /// puts `sep` back as if the `,` were there and says so; else gives the error back.
    fn go_on(&mut self, err: SyntaxError, sep: Token<'a>, field: bool) -> Result<(), SyntaxError> {
        let next = {
            let mut lex = self.lex.clone();
            lex.next().map(|t| t.tok)
        };
        let starts_next = match (&sep.tok, next) {
            (Tok::Ident(_), Ok(Tok::Colon)) => field,
            (Tok::Ident(_), Ok(Tok::LParen)) | (Tok::Str(_) | Tok::Number(_), _) => !field,
            _ => false,
        };
        if !self.recover || !starts_next {
            return Err(err);
        }
        self.recovered.push(err);
        self.peeked = Some(sep);
        Ok(())
    }

    pub(super) fn peek(&mut self) -> Result<&Token<'a>, SyntaxError> {
        let t = match self.peeked.take() {
            Some(t) => t,
            None => self.lex.next()?,
        };
        Ok(self.peeked.insert(t))
    }

    pub(super) fn next(&mut self) -> Result<Token<'a>, SyntaxError> {
        match self.peeked.take() {
            Some(t) => Ok(t),
            None => self.lex.next(),
        }
    }

    /// The token after the peeked one, without consuming anything.
    fn peek_second(&mut self) -> Result<Token<'a>, SyntaxError> {
        self.peek()?;
        let mut lex = self.lex.clone();
        lex.next()
    }

    fn expect(&mut self, want: Tok<'static>, context: &str) -> Result<Token<'a>, SyntaxError> {
        let t = self.next()?;
        if t.tok == want {
            Ok(t)
        } else {
            Err(SyntaxError::new(
                t.span,
                format!("expected {} {context}, found {}", want.describe(), t.tok.describe()),
            ))
        }
    }

    /// Where a value or field is due, the wrong closing bracket or the end of the file means
    /// the bracket opened at `open` is never closed.
    fn not_closing(
        &mut self,
        open: &Range<usize>,
        open_char: char,
        due: &str,
    ) -> Result<(), SyntaxError> {
        let close = closing(open_char);
        let t = self.peek()?;
        if matches!(t.tok, Tok::RParen | Tok::RBracket | Tok::RBrace | Tok::Eof) {
            let message = format!("expected {due} or `{close}`, found {}", t.tok.describe());
            return Err(SyntaxError::new(t.span.clone(), message)
                .hint(format!("a `{close}` is missing"))
                .related(open.clone(), format!("this `{open_char}` is never closed")));
        }
        Ok(())
    }

    pub(super) fn attributes(&mut self) -> Result<Vec<Ident<'a>>, SyntaxError> {
        let mut names = Vec::new();
        while self.peek()?.tok == Tok::Hash {
            self.next()?;
            self.expect(Tok::Bang, "after `#` (attributes are written `#![enable(…)]`)").map_err(
                |e| {
                    e.hint(
                        "a deck file is RON and starts with `Deck(`; this does not look like one",
                    )
                },
            )?;
            self.expect(Tok::LBracket, "in the attribute")?;
            let t = self.next()?;
            if t.tok != Tok::Ident("enable") {
                return Err(SyntaxError::new(
                    t.span,
                    format!("expected `enable`, found {}", t.tok.describe()),
                )
                .hint("the only attribute RON knows is `#![enable(…)]`"));
            }
            self.expect(Tok::LParen, "after `enable`")?;
            loop {
                let t = self.next()?;
                match t.tok {
                    Tok::RParen => break,
                    Tok::Ident(name) if EXTENSIONS.contains(&name) => {
                        names.push(Ident { name, span: t.span });
                        let sep = self.next()?;
                        match sep.tok {
                            Tok::Comma => {}
                            Tok::RParen => break,
                            other => {
                                return Err(SyntaxError::new(
                                    sep.span,
                                    format!("expected `,` or `)`, found {}", other.describe()),
                                ));
                            }
                        }
                    }
                    other => {
                        return Err(SyntaxError::new(
                            t.span,
                            format!("unknown RON extension {}", other.describe()),
                        )
                        .hint(format!("known extensions: {}", EXTENSIONS.join(", "))));
                    }
                }
            }
            self.expect(Tok::RBracket, "to close the attribute")?;
        }
        Ok(names)
    }

    pub(super) fn value(&mut self, depth: usize) -> Result<Node<'a>, SyntaxError> {
        let t = self.next()?;
        if depth > MAX_DEPTH {
            return Err(SyntaxError::new(
                t.span,
                format!("values nest deeper than {MAX_DEPTH} levels"),
            ));
        }
        let start = t.span.start;
        let value = match t.tok {
            Tok::Str(s) => Value::Str(s),
            Tok::Char(c) => Value::Char(c),
            Tok::Number(n) => Value::Number(n),
            Tok::Ident("true") => Value::Bool(true),
            Tok::Ident("false") => Value::Bool(false),
            Tok::Ident("None") => Value::Option(None),
            Tok::Ident("Some") if self.peek()?.tok == Tok::LParen => {
                self.next()?;
                let inner = self.value(depth + 1)?;
                if self.peek()?.tok == Tok::Comma {
                    self.next()?;
                }
                let close = self.next()?;
                if close.tok != Tok::RParen {
                    return Err(SyntaxError::new(
                        close.span,
                        format!("expected `)` to close `Some(`, found {}", close.tok.describe()),
                    )
                    .hint("`Some(…)` holds exactly one value"));
                }
                return Ok(Node {
                    span: start..close.span.end,
                    value: Value::Option(Some(Box::new(inner))),
                });
            }
            Tok::Ident(name) if self.peek()?.tok == Tok::LParen => {
                let open = self.next()?.span;
                return self.parens(Some(Ident { name, span: t.span }), start, open, depth);
            }
            Tok::Ident(name) => Value::Ident(name),
            Tok::LParen => return self.parens(None, start, t.span, depth),
            Tok::LBracket => {
                let mut items = Vec::new();
                let end = loop {
                    if self.peek()?.tok == Tok::RBracket {
                        break self.next()?.span.end;
                    }
                    self.not_closing(&t.span, '[', "a value")?;
                    let item = self.value(depth + 1)?;
                    let item_end = item.span.end;
                    items.push(item);
                    let sep = self.next()?;
                    match sep.tok {
                        Tok::Comma => {}
                        Tok::RBracket => break sep.span.end,
                        _ => {
                            let err = missing_separator(
                                sep.span.clone(),
                                &sep.tok,
                                &t.span,
                                '[',
                                "list item",
                                last_char(self.lex.src, item_end),
                            );
                            self.go_on(err, sep, false)?;
                        }
                    }
                };
                return Ok(Node { span: start..end, value: Value::List(items) });
            }
            Tok::LBrace => {
                let mut entries = Vec::new();
                let end = loop {
                    if self.peek()?.tok == Tok::RBrace {
                        break self.next()?.span.end;
                    }
                    self.not_closing(&t.span, '{', "a key")?;
                    let key = self.value(depth + 1)?;
                    self.expect(Tok::Colon, "between a map key and its value")?;
                    let value = self.value(depth + 1)?;
                    let entry_end = value.span.end;
                    entries.push((key, value));
                    let sep = self.next()?;
                    match sep.tok {
                        Tok::Comma => {}
                        Tok::RBrace => break sep.span.end,
                        other => {
                            return Err(missing_separator(
                                sep.span,
                                &other,
                                &t.span,
                                '{',
                                "map entry",
                                last_char(self.lex.src, entry_end),
                            ));
                        }
                    }
                };
                return Ok(Node { span: start..end, value: Value::Map(entries) });
            }
            other => {
                let err = SyntaxError::new(
                    t.span,
                    format!("expected a value, found {}", other.describe()),
                );
                return Err(match other {
                    _ if depth == 0 => err.hint(NOT_RON),
                    Tok::Comma => err.hint("there is an extra `,` here"),
                    Tok::RParen | Tok::RBracket | Tok::RBrace => {
                        err.hint("a value is missing before this")
                    }
                    _ => err,
                });
            }
        };
        Ok(Node { span: t.span, value })
    }

    /// The inside of `Name(` or `(`: a struct if it starts with `field:`, else a tuple.
    fn parens(
        &mut self,
        name: Option<Ident<'a>>,
        start: usize,
        open: Range<usize>,
        depth: usize,
    ) -> Result<Node<'a>, SyntaxError> {
        let first = self.peek()?.clone();
        if first.tok == Tok::RParen {
            self.next()?;
            return Ok(Node {
                span: start..first.span.end,
                value: Value::Struct { name, fields: Vec::new() },
            });
        }
        let second = self.peek_second()?.tok;
        if let (Tok::Str(s), Tok::Colon) = (&first.tok, &second) {
            return Err(SyntaxError::new(first.span, "a field name cannot be a string")
                .hint(format!("field names are written without quotes: `{}: …`", s.text)));
        }
        let is_struct = matches!(first.tok, Tok::Ident(_)) && second == Tok::Colon;
        if !is_struct {
            return self.tuple(name, start, open, depth);
        }
        self.fields(name, start, open, depth)
    }

    /// The items of a tuple `Name(a, b)` or `(a, b)`, after its `(` at `open`.
    fn tuple(
        &mut self,
        name: Option<Ident<'a>>,
        start: usize,
        open: Range<usize>,
        depth: usize,
    ) -> Result<Node<'a>, SyntaxError> {
        let mut items = Vec::new();
        let end = loop {
            if self.peek()?.tok == Tok::RParen {
                break self.next()?.span.end;
            }
            self.not_closing(&open, '(', "a value")?;
            let item = self.value(depth + 1)?;
            let previous = last_char(self.lex.src, item.span.end);
            items.push(item);
            let sep = self.next()?;
            match sep.tok {
                Tok::Comma => {}
                Tok::RParen => break sep.span.end,
                other => {
                    return Err(missing_separator(sep.span, &other, &open, '(', "item", previous));
                }
            }
        };
        Ok(Node { span: start..end, value: Value::Tuple { name, items } })
    }

    /// The fields of a struct `Name(field: value, …)` or `(field: value, …)`, after its `(` at
    /// `open`.
    fn fields(
        &mut self,
        name: Option<Ident<'a>>,
        start: usize,
        open: Range<usize>,
        depth: usize,
    ) -> Result<Node<'a>, SyntaxError> {
        // Room for a whole fact at once: growing field by field showed up in profiles.
        let mut fields: Vec<Field<'a>> = Vec::with_capacity(12);
        let end = loop {
            if self.peek()?.tok != Tok::RParen {
                self.not_closing(&open, '(', "a field name")?;
            }
            let t = self.next()?;
            let field_name = match t.tok {
                Tok::RParen => break t.span.end,
                Tok::Ident(n) => Ident { name: n, span: t.span },
                other => {
                    let mut err = SyntaxError::new(
                        t.span.clone(),
                        format!("expected a field name or `)`, found {}", other.describe()),
                    );
                    if let Tok::Str(s) = &other
                        && self.peek()?.tok == Tok::Colon
                    {
                        err = err.hint(format!(
                            "field names are written without quotes: `{}: …`",
                            s.text
                        ));
                    }
                    return Err(err);
                }
            };
            let colon = self.next()?;
            if colon.tok != Tok::Colon {
                return Err(SyntaxError::new(
                    colon.span,
                    format!(
                        "expected `:` after the field name `{}`, found {}",
                        field_name.name,
                        colon.tok.describe()
                    ),
                ));
            }
            let value = self.value(depth + 1)?;
            fields.push(Field { name: field_name, value });
            let sep = self.next()?;
            match sep.tok {
                Tok::Comma => {}
                Tok::RParen => break sep.span.end,
                _ => {
                    let err = self.after_field(sep.span.clone(), &sep.tok, &fields, &open);
                    // A string that swallowed the next fields left no structure to go on with.
                    if err.related.as_ref().is_some_and(|(_, l)| l.contains("opens here")) {
                        return Err(err);
                    }
                    self.go_on(err, sep, true)?;
                }
            }
        };
        Ok(Node { span: start..end, value: Value::Struct { name, fields } })
    }

    /// The error for `found` (at `span`) where a `,` or the `)` of the struct opened at `open`
    /// is due after the value of the last of `fields`.
    fn after_field(
        &self,
        span: Range<usize>,
        found: &Tok<'_>,
        fields: &[Field<'a>],
        open: &Range<usize>,
    ) -> SyntaxError {
        // The field just read is the last of `fields`.
        let after = fields.last().map_or("", |f| f.name.name);
        let mut err = SyntaxError::new(
            span.clone(),
            format!("expected `,` or `)` after the value of `{after}`, found {}", found.describe()),
        );
        let swallowed = fields.last().and_then(|f| match &f.value.value {
            Value::Str(s) if looks_swallowed(&s.text) => Some(f.value.span.start),
            _ => None,
        });
        err = match (found, swallowed) {
            // The error shows where the run-on string ended, often lines later: point at where
            // it opened, which is where the `"` is missing.
            (_, Some(start)) => err
                .hint(format!(
                    "the string of `{after}` seems to run on past its end; is its closing `\"` missing?"
                ))
                .related(start..start + 1, format!("the string of `{after}` opens here")),
            (Tok::Ident(_) | Tok::Str(_), None) => {
                // Like rustc: the unexpected token is the error, and the place
                // where the comma belongs is shown too, on the previous value.
                let end = fields.last().map_or(span.start, |f| f.value.span.end);
                let err = err.hint(format!("add a `,` after the value of `{after}`"));
                match last_char(self.lex.src, end) {
                    Some(at) => err.related(at, "a `,` is missing after this"),
                    None => err,
                }
            }
            (Tok::RBracket | Tok::RBrace | Tok::Eof, None) => err
                .hint("a `)` is missing to close the struct")
                .related(open.clone(), "this `(` is never closed"),
            _ => err,
        };
        err
    }
}

/// Does a string's text look as if it ran on past a missing closing quote, swallowing the
/// next fields (`"t,\n  facts: [Fact(id: "` …)?
fn looks_swallowed(text: &str) -> bool {
    let t = text.trim_end();
    text.contains('\n') || t.ends_with(':') || t.ends_with('(') || t.ends_with('[')
}

/// The last character before byte `end`, where a missing `,` belongs.
fn last_char(src: &str, end: usize) -> Option<Range<usize>> {
    src.get(..end)?.char_indices().next_back().map(|(i, _)| i..end)
}

fn missing_separator(
    span: Range<usize>,
    found: &Tok<'_>,
    open: &Range<usize>,
    open_char: char,
    what: &str,
    previous: Option<Range<usize>>,
) -> SyntaxError {
    let close = closing(open_char);
    let err = SyntaxError::new(
        span,
        format!("expected `,` or `{close}` after the {what}, found {}", found.describe()),
    );
    match found {
        Tok::Eof | Tok::RParen | Tok::RBracket | Tok::RBrace => err
            .hint(format!("a `{close}` is missing"))
            .related(open.clone(), format!("this `{open_char}` is never closed")),
        _ => {
            let err = err.hint(format!("add a `,` after the previous {what}"));
            match previous {
                Some(at) => err.related(at, "a `,` is missing after this"),
                None => err,
            }
        }
    }
}

fn closing(open: char) -> char {
    match open {
        '[' => ']',
        '{' => '}',
        _ => ')',
    }
}
