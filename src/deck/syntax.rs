//! A spanned reader for the RON that deck files use.
//!
//! Why our own reader and not `ron::from_str`: serde stops at the first problem and knows
//! nothing of positions once a value is built, so a deck with five mistakes would take five
//! runs to fix, and "unknown field" could not point at the field. This reader turns the text
//! into a small tree of [`Node`]s, each with its byte span; [`super::schema`] then checks the
//! whole tree against the deck format and reports every problem at once. A syntax error still
//! stops the file (after it, positions and structure are guesswork), reported precisely.
//!
//! It reads the RON subset decks need (everything but byte strings): named and unnamed
//! structs and tuples, lists, maps, strings with every RON escape, raw strings, characters,
//! numbers, booleans, identifiers, `Some(…)`/`None`, `#![enable(…)]` attributes, `//` and
//! nested `/* */` comments and trailing commas. `ron` itself stays the reference: a test checks
//! that for valid decks `ron::from_str` gives exactly what the loader gives.

use std::borrow::Cow;
use std::ops::Range;

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
    parse_document(src).map_err(|e| {
        // An error at the very first token: the file is probably not RON at all.
        let mut lex = Lexer { src, pos: 0, last_end: 0 };
        let first = lex.skip_trivia().map(|()| lex.pos);
        if e.hint.is_none() && first == Ok(e.span.start) && e.span.start < src.len() {
            e.hint(NOT_RON)
        } else {
            e
        }
    })
}

const NOT_RON: &str = "a deck file is RON and starts with `Deck(`; this does not look like one";

fn parse_document(src: &str) -> Result<Document<'_>, SyntaxError> {
    let mut p = Parser { lex: Lexer { src, pos: 0, last_end: 0 }, peeked: None };
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

#[derive(Clone, Debug, PartialEq)]
enum Tok<'a> {
    LParen,
    RParen,
    LBracket,
    RBracket,
    LBrace,
    RBrace,
    Comma,
    Colon,
    Hash,
    Bang,
    Str(Str<'a>),
    Char(char),
    Number(&'a str),
    Ident(&'a str),
    Eof,
}

impl Tok<'_> {
    fn describe(&self) -> String {
        match self {
            Tok::LParen => "`(`".into(),
            Tok::RParen => "`)`".into(),
            Tok::LBracket => "`[`".into(),
            Tok::RBracket => "`]`".into(),
            Tok::LBrace => "`{`".into(),
            Tok::RBrace => "`}`".into(),
            Tok::Comma => "`,`".into(),
            Tok::Colon => "`:`".into(),
            Tok::Hash => "`#`".into(),
            Tok::Bang => "`!`".into(),
            Tok::Str(_) => "a string".into(),
            Tok::Char(_) => "a character".into(),
            Tok::Number(n) => format!("the number `{n}`"),
            Tok::Ident(name) => format!("`{name}`"),
            Tok::Eof => "the end of the file".into(),
        }
    }
}

#[derive(Clone, Debug)]
struct Token<'a> {
    tok: Tok<'a>,
    span: Range<usize>,
}

#[derive(Clone)]
struct Lexer<'a> {
    src: &'a str,
    pos: usize,
    /// Where the last token ended: "found the end of the file" points there, right where
    /// the missing `)` or `]` belongs, not past trailing blank lines and comments.
    last_end: usize,
}

impl<'a> Lexer<'a> {
    fn bytes(&self) -> &'a [u8] {
        self.src.as_bytes()
    }

    fn peek_byte(&self, ahead: usize) -> Option<u8> {
        self.bytes().get(self.pos + ahead).copied()
    }

    /// The character at `at` and its length in bytes.
    fn char_at(&self, at: usize) -> Option<char> {
        self.src.get(at..).and_then(|s| s.chars().next())
    }

    fn skip_trivia(&mut self) -> Result<(), SyntaxError> {
        loop {
            match self.peek_byte(0) {
                Some(b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c) => self.pos += 1,
                Some(b'/') if self.peek_byte(1) == Some(b'/') => {
                    let rest = &self.bytes()[self.pos..];
                    self.pos += rest.iter().position(|&b| b == b'\n').unwrap_or(rest.len());
                }
                Some(b'/') if self.peek_byte(1) == Some(b'*') => {
                    let start = self.pos;
                    self.pos += 2;
                    let mut depth = 1;
                    while depth > 0 {
                        match (self.peek_byte(0), self.peek_byte(1)) {
                            (None, _) => {
                                return Err(SyntaxError::new(
                                    start..start + 2,
                                    "unterminated block comment",
                                )
                                .hint("close it with `*/` (block comments nest)"));
                            }
                            (Some(b'*'), Some(b'/')) => {
                                depth -= 1;
                                self.pos += 2;
                            }
                            (Some(b'/'), Some(b'*')) => {
                                depth += 1;
                                self.pos += 2;
                            }
                            _ => self.pos += 1,
                        }
                    }
                }
                Some(0xc2) if self.peek_byte(1) == Some(0x85) => self.pos += 2,
                Some(0xe2)
                    if self.peek_byte(1) == Some(0x80)
                        && matches!(self.peek_byte(2), Some(0x8e | 0x8f | 0xa8 | 0xa9)) =>
                {
                    self.pos += 3
                }
                _ => return Ok(()),
            }
        }
    }

    fn next(&mut self) -> Result<Token<'a>, SyntaxError> {
        self.skip_trivia()?;
        let start = self.pos;
        let Some(b) = self.peek_byte(0) else {
            return Ok(Token { tok: Tok::Eof, span: self.last_end..self.last_end });
        };
        let single = match b {
            b'(' => Some(Tok::LParen),
            b')' => Some(Tok::RParen),
            b'[' => Some(Tok::LBracket),
            b']' => Some(Tok::RBracket),
            b'{' => Some(Tok::LBrace),
            b'}' => Some(Tok::RBrace),
            b',' => Some(Tok::Comma),
            b':' => Some(Tok::Colon),
            b'#' => Some(Tok::Hash),
            b'!' => Some(Tok::Bang),
            _ => None,
        };
        if let Some(tok) = single {
            self.pos += 1;
            self.last_end = self.pos;
            return Ok(Token { tok, span: start..self.pos });
        }
        let tok = match b {
            b'"' => Tok::Str(self.string()?),
            b'r' if matches!(self.peek_byte(1), Some(b'"'))
                || (self.peek_byte(1) == Some(b'#')
                    && matches!(self.peek_byte(2), Some(b'"' | b'#'))) =>
            {
                Tok::Str(self.raw_string()?)
            }
            b'\'' => Tok::Char(self.char_literal()?),
            b'0'..=b'9' | b'-' | b'+' | b'.' => Tok::Number(self.number()?),
            b'r' if self.peek_byte(1) == Some(b'#') => {
                self.pos += 2;
                let name = self.ident_chars(true);
                if name.is_empty() {
                    return Err(SyntaxError::new(
                        start..self.pos,
                        "expected an identifier after `r#`",
                    ));
                }
                Tok::Ident(name)
            }
            b'_' | b'a'..=b'z' | b'A'..=b'Z' => Tok::Ident(self.ident_chars(false)),
            _ => {
                let c = self.char_at(start).unwrap_or('\u{fffd}');
                let end = start + c.len_utf8();
                let mut err = SyntaxError::new(start..end, format!("unexpected character `{c}`"));
                if c.is_alphabetic() {
                    err = err.hint(
                        "identifiers use ASCII letters, digits and `_`; put text in quotes: \"…\"",
                    );
                } else if matches!(c, '“' | '”' | '„') {
                    err = err.hint("strings use straight double quotes: \"…\"");
                }
                return Err(err);
            }
        };
        self.last_end = self.pos;
        Ok(Token { tok, span: start..self.pos })
    }

    fn ident_chars(&mut self, raw: bool) -> &'a str {
        let start = self.pos;
        while let Some(b) = self.peek_byte(0) {
            let ok =
                b.is_ascii_alphanumeric() || b == b'_' || (raw && matches!(b, b'.' | b'+' | b'-'));
            if !ok {
                break;
            }
            self.pos += 1;
        }
        &self.src[start..self.pos]
    }

    fn number(&mut self) -> Result<&'a str, SyntaxError> {
        let start = self.pos;
        let bytes = self.bytes();
        let mut i = self.pos;
        if matches!(bytes.get(i), Some(b'-' | b'+')) {
            i += 1;
        }
        let body = i;
        let hex = bytes.get(i) == Some(&b'0') && matches!(bytes.get(i + 1), Some(b'x' | b'X'));
        while let Some(&b) = bytes.get(i) {
            let exp_sign =
                matches!(b, b'+' | b'-') && !hex && i > body && matches!(bytes[i - 1], b'e' | b'E');
            if b.is_ascii_alphanumeric() || b == b'_' || b == b'.' || exp_sign {
                i += 1;
            } else {
                break;
            }
        }
        self.pos = i;
        let text = &self.src[start..i];
        if i == body {
            return Err(SyntaxError::new(start..i, format!("expected a number after `{text}`")));
        }
        if !valid_number(text) {
            return Err(SyntaxError::new(start..i, format!("`{text}` is not a valid number")));
        }
        Ok(text)
    }

    fn string(&mut self) -> Result<Str<'a>, SyntaxError> {
        let open = self.pos;
        self.pos += 1;
        let content = self.pos;
        // Fast path: no escapes, borrow the text.
        let bytes = self.bytes();
        let mut i = content;
        while let Some(&b) = bytes.get(i) {
            match b {
                b'"' => {
                    self.pos = i + 1;
                    return Ok(Str {
                        text: Cow::Borrowed(&self.src[content..i]),
                        verbatim_at: Some(content),
                    });
                }
                b'\\' => break,
                _ => i += 1,
            }
        }
        let mut out = String::from(&self.src[content..i]);
        self.pos = i;
        loop {
            let Some(b) = self.peek_byte(0) else {
                return Err(unterminated(open, "string", '"'));
            };
            match b {
                b'"' => {
                    self.pos += 1;
                    return Ok(Str { text: Cow::Owned(out), verbatim_at: None });
                }
                b'\\' => {
                    if let Some(c) = self.escape(false)? {
                        out.push(c);
                    }
                }
                _ => {
                    // Copy the run up to the next quote or backslash.
                    let rest = &self.bytes()[self.pos..];
                    let n =
                        rest.iter().position(|&b| b == b'"' || b == b'\\').unwrap_or(rest.len());
                    out.push_str(&self.src[self.pos..self.pos + n]);
                    self.pos += n;
                }
            }
        }
    }

    /// Reads one escape at `self.pos` (a backslash). `None` for a line continuation.
    fn escape(&mut self, in_char: bool) -> Result<Option<char>, SyntaxError> {
        let start = self.pos;
        self.pos += 1;
        let Some(b) = self.peek_byte(0) else {
            return Err(SyntaxError::new(
                start..start + 1,
                "unfinished escape at the end of the file",
            ));
        };
        self.pos += 1;
        let c = match b {
            b'"' => '"',
            b'\'' => '\'',
            b'\\' => '\\',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'0' => '\0',
            b'\n' | b'\r' if !in_char => {
                while matches!(self.peek_byte(0), Some(b' ' | b'\t' | b'\n' | b'\r')) {
                    self.pos += 1;
                }
                return Ok(None);
            }
            b'x' => {
                let first = self.hex_byte(start)?;
                if first < 0x80 {
                    char::from(first)
                } else {
                    // Up to four `\xHH` make one UTF-8 character.
                    let mut buf = vec![first];
                    loop {
                        if let Ok(s) = std::str::from_utf8(&buf)
                            && let Some(c) = s.chars().next()
                        {
                            break c;
                        }
                        if in_char
                            || buf.len() == 4
                            || self.peek_byte(0) != Some(b'\\')
                            || self.peek_byte(1) != Some(b'x')
                        {
                            return Err(SyntaxError::new(
                                start..self.pos,
                                "`\\x` escapes here do not make a valid UTF-8 character",
                            ));
                        }
                        self.pos += 2;
                        buf.push(self.hex_byte(start)?);
                    }
                }
            }
            b'u' => {
                if self.peek_byte(0) != Some(b'{') {
                    return Err(SyntaxError::new(start..self.pos, "a `\\u` escape needs braces")
                        .hint("write it like `\\u{e9}`"));
                }
                self.pos += 1;
                let digits = self.pos;
                while self.peek_byte(0).is_some_and(|b| b.is_ascii_hexdigit() || b == b'_') {
                    self.pos += 1;
                }
                let hex: String =
                    self.src[digits..self.pos].chars().filter(|&c| c != '_').collect();
                if self.peek_byte(0) != Some(b'}') || hex.is_empty() || hex.len() > 6 {
                    let end = (self.pos + 1).min(self.src.len());
                    return Err(SyntaxError::new(start..end, "malformed `\\u{…}` escape")
                        .hint("write one to six hex digits in braces, like `\\u{2013}`"));
                }
                self.pos += 1;
                match u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
                    Some(c) => c,
                    None => {
                        return Err(SyntaxError::new(
                            start..self.pos,
                            format!("`\\u{{{hex}}}` is not a Unicode character"),
                        ));
                    }
                }
            }
            _ => {
                let c = self.char_at(start + 1).unwrap_or('\u{fffd}');
                let end = start + 1 + c.len_utf8();
                return Err(SyntaxError::new(start..end, format!("unknown escape `\\{c}`"))
                    .hint("RON escapes are \\\" \\' \\\\ \\n \\r \\t \\0 \\xHH \\u{…}; write a backslash as \\\\"));
            }
        };
        Ok(Some(c))
    }

    fn hex_byte(&mut self, escape_start: usize) -> Result<u8, SyntaxError> {
        let digits =
            self.src.get(self.pos..self.pos + 2).and_then(|s| u8::from_str_radix(s, 16).ok());
        match digits {
            Some(v) if self.bytes()[self.pos..self.pos + 2].iter().all(u8::is_ascii_hexdigit) => {
                self.pos += 2;
                Ok(v)
            }
            _ => Err(SyntaxError::new(
                escape_start..(self.pos + 1).min(self.src.len()),
                "a `\\x` escape needs two hex digits",
            )),
        }
    }

    fn raw_string(&mut self) -> Result<Str<'a>, SyntaxError> {
        let open = self.pos;
        self.pos += 1;
        let mut hashes = 0;
        while self.peek_byte(0) == Some(b'#') {
            hashes += 1;
            self.pos += 1;
        }
        if self.peek_byte(0) != Some(b'"') {
            return Err(SyntaxError::new(
                open..self.pos + 1,
                "expected `\"` to start the raw string",
            ));
        }
        self.pos += 1;
        let content = self.pos;
        let bytes = self.bytes();
        let mut i = content;
        while i < bytes.len() {
            if bytes[i] == b'"'
                && bytes.len() >= i + 1 + hashes
                && bytes[i + 1..i + 1 + hashes].iter().all(|&b| b == b'#')
            {
                self.pos = i + 1 + hashes;
                return Ok(Str {
                    text: Cow::Borrowed(&self.src[content..i]),
                    verbatim_at: Some(content),
                });
            }
            i += 1;
        }
        let closing = format!("\"{}", "#".repeat(hashes));
        Err(SyntaxError::new(open..content, "unterminated raw string")
            .hint(format!("close it with `{closing}`")))
    }

    fn char_literal(&mut self) -> Result<char, SyntaxError> {
        let open = self.pos;
        self.pos += 1;
        let c = match self.peek_byte(0) {
            None => return Err(unterminated(open, "character", '\'')),
            Some(b'\\') => match self.escape(true)? {
                Some(c) => c,
                None => return Err(SyntaxError::new(open..self.pos, "invalid character literal")),
            },
            Some(_) => {
                let c = self.char_at(self.pos).unwrap_or('\u{fffd}');
                self.pos += c.len_utf8();
                c
            }
        };
        if self.peek_byte(0) != Some(b'\'') {
            return Err(SyntaxError::new(
                open..self.pos,
                "a character literal holds one character",
            )
            .hint("use double quotes for text: \"…\""));
        }
        self.pos += 1;
        Ok(c)
    }
}

fn unterminated(open: usize, what: &str, quote: char) -> SyntaxError {
    SyntaxError::new(open..open + 1, format!("unterminated {what}: the closing `{quote}` is missing"))
        .hint(format!("the {what} that starts here runs to the end of the file; add a `{quote}` where it should end"))
}

/// Is `text` a RON number: optional sign, decimal/hex/octal/binary integer or decimal float,
/// `_` separators, an optional type suffix (`u8`, `f64`, …)?
fn valid_number(text: &str) -> bool {
    let body = text.strip_prefix(['-', '+']).unwrap_or(text);
    let body = ["i128", "u128", "i64", "u64", "i32", "u32", "i16", "u16", "i8", "u8", "f64", "f32"]
        .iter()
        .find_map(|s| body.strip_suffix(s).filter(|b| !b.is_empty() && !b.ends_with('_')))
        .unwrap_or(body);
    let digits = |s: &str, radix: u32| {
        !s.is_empty()
            && s.chars().any(|c| c.is_digit(radix))
            && s.chars().all(|c| c == '_' || c.is_digit(radix))
    };
    if let Some(rest) = body.strip_prefix("0x").or_else(|| body.strip_prefix("0X")) {
        return digits(rest, 16);
    }
    if let Some(rest) = body.strip_prefix("0o") {
        return digits(rest, 8);
    }
    if let Some(rest) = body.strip_prefix("0b") {
        return digits(rest, 2);
    }
    let plain: String = body.chars().filter(|&c| c != '_').collect();
    body.chars().next().is_some_and(|c| c.is_ascii_digit() || c == '.')
        && plain.parse::<f64>().is_ok()
}

struct Parser<'a> {
    lex: Lexer<'a>,
    peeked: Option<Token<'a>>,
}

impl<'a> Parser<'a> {
    fn peek(&mut self) -> Result<&Token<'a>, SyntaxError> {
        let t = match self.peeked.take() {
            Some(t) => t,
            None => self.lex.next()?,
        };
        Ok(self.peeked.insert(t))
    }

    fn next(&mut self) -> Result<Token<'a>, SyntaxError> {
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

    fn attributes(&mut self) -> Result<Vec<Ident<'a>>, SyntaxError> {
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

    fn value(&mut self, depth: usize) -> Result<Node<'a>, SyntaxError> {
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
                        other => {
                            return Err(missing_separator(
                                sep.span,
                                &other,
                                &t.span,
                                '[',
                                "list item",
                                last_char(self.lex.src, item_end),
                            ));
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
                        return Err(missing_separator(
                            sep.span, &other, &open, '(', "item", previous,
                        ));
                    }
                }
            };
            return Ok(Node { span: start..end, value: Value::Tuple { name, items } });
        }
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
            let after = field_name.name;
            fields.push(Field { name: field_name, value });
            let sep = self.next()?;
            match sep.tok {
                Tok::Comma => {}
                Tok::RParen => break sep.span.end,
                other => {
                    let mut err = SyntaxError::new(
                        sep.span.clone(),
                        format!(
                            "expected `,` or `)` after the value of `{after}`, found {}",
                            other.describe()
                        ),
                    );
                    let swallowed = fields.last().and_then(|f| match &f.value.value {
                        Value::Str(s) if looks_swallowed(&s.text) => Some(f.value.span.start),
                        _ => None,
                    });
                    err = match other {
                        _ if swallowed.is_some() => err.hint(format!(
                            "the string of `{after}` seems to run on past its end; is its closing `\"` missing?"
                        )),
                        Tok::Ident(_) | Tok::Str(_) => {
                            // Like rustc: the unexpected token is the error, and the place
                            // where the comma belongs is shown too, on the previous value.
                            let end = fields.last().map_or(sep.span.start, |f| f.value.span.end);
                            let err = err.hint(format!("add a `,` after the value of `{after}`"));
                            match last_char(self.lex.src, end) {
                                Some(at) => err.related(at, "a `,` is missing after this"),
                                None => err,
                            }
                        }
                        Tok::RBracket | Tok::RBrace | Tok::Eof => err
                            .hint("a `)` is missing to close the struct")
                            .related(open.clone(), "this `(` is never closed"),
                        _ => err,
                    };
                    return Err(err);
                }
            }
        };
        Ok(Node { span: start..end, value: Value::Struct { name, fields } })
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

#[cfg(test)]
mod tests {
    use super::*;

    fn err(src: &str) -> SyntaxError {
        parse(src).unwrap_err()
    }

    #[test]
    fn parses_the_forms_decks_use() {
        let src = r##"#![enable(implicit_some)]
        // a comment /* */
        /* block /* nested */ */
        Deck(
            id: "x", n: -1_000, h: 0xff, f: 1.5e-3, b: true, c: 'é',
            o: Some("y"), p: None, e: Acronym,
            l: [1, 2,], m: {"k": (1, "two")}, r: r#"raw "quoted""#,
            u: "\u{2013}\x41\n\"", s: (a: 1),
        )"##;
        let doc = parse(src).unwrap();
        assert_eq!(doc.extensions[0].name, "implicit_some");
        let Value::Struct { name, fields } = &doc.value.value else { panic!() };
        assert_eq!(name.as_ref().unwrap().name, "Deck");
        let get = |n: &str| &fields.iter().find(|f| f.name.name == n).unwrap().value.value;
        assert_eq!(get("n"), &Value::Number("-1_000"));
        assert_eq!(get("c"), &Value::Char('é'));
        assert_eq!(get("e"), &Value::Ident("Acronym"));
        let Value::Str(r) = get("r") else { panic!() };
        assert_eq!(r.text, "raw \"quoted\"");
        let Value::Str(u) = get("u") else { panic!() };
        assert_eq!(u.text, "–A\n\"");
        assert_eq!(u.verbatim_at, None);
        let Value::Option(Some(inner)) = get("o") else { panic!() };
        assert_eq!(&src[inner.span.clone()], "\"y\"");
        assert!(matches!(get("l"), Value::List(items) if items.len() == 2));
        assert!(matches!(get("m"), Value::Map(e) if e.len() == 1));
        assert!(matches!(get("s"), Value::Struct { name: None, .. }));
    }

    #[test]
    fn missing_comma_points_at_the_next_field() {
        let src = "Deck(id: \"x\"\n  title: \"t\")";
        let e = err(src);
        assert_eq!(&src[e.span.clone()], "title");
        assert_eq!(e.message, "expected `,` or `)` after the value of `id`, found `title`");
        assert_eq!(e.hint.as_deref(), Some("add a `,` after the value of `id`"));
        // The place the comma belongs is shown too: the closing quote of `"x"`.
        let (at, label) = e.related.clone().unwrap();
        assert_eq!((at.start, &src[at]), (11, "\""));
        assert_eq!(label, "a `,` is missing after this");
    }

    #[test]
    fn missing_comma_between_list_items_shows_where_it_belongs() {
        let src = "[Fact(a: 1)\n Fact(a: 2)]";
        let e = err(src);
        assert_eq!(&src[e.span.clone()], "Fact");
        let (at, _) = e.related.clone().unwrap();
        assert_eq!(at, 10..11);
    }

    #[test]
    fn a_string_that_runs_on_gets_a_hint() {
        let src = "Deck(id: \"x\", title: \"t,\n  facts: [Fact(id: \"a\")])";
        let e = err(src);
        assert_eq!(&src[e.span.clone()], "a");
        assert_eq!(
            e.hint.as_deref(),
            Some(
                "the string of `title` seems to run on past its end; is its closing `\"` missing?"
            )
        );
    }

    #[test]
    fn unterminated_string_points_at_its_quote() {
        let src = "Deck(id: \"x\", title: \"oops)\n";
        let e = err(src);
        assert_eq!(e.span, 21..22);
        assert!(e.message.starts_with("unterminated string"), "{}", e.message);
    }

    #[test]
    fn other_errors() {
        assert_eq!(err("").message, "the file is empty");
        assert_eq!(err("  // only a comment\n").span, 0..0);
        let e = err("Deck(id: \"x\",\n  facts: [\n\n// end\n");
        assert_eq!(e.span, 24..24, "right after the last `[`");
        assert_eq!(e.related, Some((23..24, "this `[` is never closed".to_owned())));
        assert_eq!(err("Deck() x").message, "unexpected `x` after the end of the deck");
        assert_eq!(
            err("# Title").message,
            "expected `!` after `#` (attributes are written `#![enable(…)]`), found `Title`"
        );
        assert_eq!(err("(a: \"\\q\")").message, "unknown escape `\\q`");
        assert_eq!(err("(a: 12abc)").message, "`12abc` is not a valid number");
        assert_eq!(err("(a: /* x").message, "unterminated block comment");
        assert_eq!(err("(a: r#\"x\")").message, "unterminated raw string");
        assert_eq!(err("#![enable(magic)] ()").message, "unknown RON extension `magic`");
        assert_eq!(
            err("(a: [1 2])").message,
            "expected `,` or `]` after the list item, found the number `2`"
        );
        assert_eq!(
            err("(\"a\": 1)").hint.as_deref(),
            Some("field names are written without quotes: `a: …`")
        );
        assert_eq!(err("(a: “x”)").message, "unexpected character `“`");
        let deep = "[".repeat(10_000);
        assert!(err(&deep).message.contains("nest deeper"));
    }

    #[test]
    fn numbers() {
        for ok in [
            "1", "-1", "+1", "1_000", "0xff", "0b101", "0o17", "1.5", ".5", "1e10", "1.5E-3",
            "3u8", "2.0f64",
        ] {
            assert!(valid_number(ok), "{ok}");
        }
        for bad in ["1x", "0x", "--1", "1.2.3", "_1", "0b2"] {
            assert!(!valid_number(bad), "{bad}");
        }
    }
}
