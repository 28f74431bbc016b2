//! Tokens of a deck file: punctuation, strings (with every RON escape, raw strings),
//! characters, numbers and identifiers, with whitespace and nested comments skipped.

use std::borrow::Cow;
use std::ops::Range;

use super::{Str, SyntaxError};

#[derive(Clone, Debug, PartialEq)]
pub(super) enum Tok<'a> {
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
    pub(super) fn describe(&self) -> String {
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
pub(super) struct Token<'a> {
    pub(super) tok: Tok<'a>,
    pub(super) span: Range<usize>,
}

#[derive(Clone)]
pub(super) struct Lexer<'a> {
    pub(super) src: &'a str,
    pub(super) pos: usize,
    /// Where the last token ended: "found the end of the file" points there, right where
    /// the missing `)` or `]` belongs, not past trailing blank lines and comments.
    last_end: usize,
}

impl<'a> Lexer<'a> {
    pub(super) fn new(src: &'a str) -> Lexer<'a> {
        Lexer { src, pos: 0, last_end: 0 }
    }

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

    /// Just past the character at `at` (`at` itself at the end): where a span that takes that
    /// character ends. Never `at + 1`, which falls inside a character of several bytes and
    /// made the snippet of the error panic.
    fn past_char(&self, at: usize) -> usize {
        at + self.char_at(at).map_or(0, char::len_utf8)
    }

    pub(super) fn skip_trivia(&mut self) -> Result<(), SyntaxError> {
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

    pub(super) fn next(&mut self) -> Result<Token<'a>, SyntaxError> {
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
                    let end = self.past_char(self.pos);
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
                escape_start..self.past_char(self.pos),
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
                open..self.past_char(self.pos),
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
pub(super) fn valid_number(text: &str) -> bool {
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
