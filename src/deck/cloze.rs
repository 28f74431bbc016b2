//! Cloze statements: sentences with `{…}` blanks.
//!
//! `{` and `}` are the only markup; a literal brace is written `{{` or `}}`.

use std::ops::Range;

/// One blank of a cloze statement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Blank {
    /// Byte range of the whole `{…}` in the statement, braces included.
    pub span: Range<usize>,
    /// The hidden text, braces excluded.
    pub answer: String,
}

/// A problem with a cloze statement's braces.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ClozeError {
    #[error("`{{` at byte {0} is never closed")]
    Unclosed(usize),
    #[error("`}}` at byte {0} has no opening `{{`")]
    UnexpectedClose(usize),
    #[error("blank at byte {0} is empty")]
    Empty(usize),
    #[error("blanks cannot be nested (byte {0})")]
    Nested(usize),
}

/// Parses the blanks of `statement`, in order.
pub fn parse(statement: &str) -> Result<Vec<Blank>, ClozeError> {
    let bytes = statement.as_bytes();
    let mut blanks = Vec::new();
    let mut open: Option<usize> = None;
    let mut text = String::new();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let doubled = bytes.get(i + 1) == Some(&b);
        match b {
            b'{' if doubled => {
                if open.is_some() {
                    text.push('{');
                }
                i += 2;
                continue;
            }
            b'}' if doubled && open.is_none() => {
                i += 2;
                continue;
            }
            b'{' => {
                if open.is_some() {
                    return Err(ClozeError::Nested(i));
                }
                open = Some(i);
                text.clear();
            }
            b'}' => {
                let Some(start) = open.take() else {
                    return Err(ClozeError::UnexpectedClose(i));
                };
                let answer = text.trim().to_owned();
                if answer.is_empty() {
                    return Err(ClozeError::Empty(start));
                }
                blanks.push(Blank { span: start..i + 1, answer });
            }
            _ => {
                if open.is_some() {
                    // Push the whole UTF-8 character starting here.
                    let ch_len = utf8_len(b);
                    if let Some(s) = statement.get(i..i + ch_len) {
                        text.push_str(s);
                    }
                    i += ch_len;
                    continue;
                }
            }
        }
        i += 1;
    }
    match open {
        Some(start) => Err(ClozeError::Unclosed(start)),
        None => Ok(blanks),
    }
}

/// The blanks of `statement`, or none if its braces are malformed (the loader reports those).
pub fn blanks(statement: &str) -> Vec<Blank> {
    parse(statement).unwrap_or_default()
}

/// `statement` with blank `index` (0-based within the statement) shown as `____` and every
/// other blank filled in with its answer; literal `{{`/`}}` become single braces.
pub fn render(statement: &str, index: usize) -> Option<String> {
    let blanks = parse(statement).ok()?;
    render_parsed(statement, &blanks, index)
}

/// [`render`] with the statement's blanks already parsed (from [`parse`] of the same
/// statement), for callers that render every blank of a statement in turn.
pub fn render_parsed(statement: &str, blanks: &[Blank], index: usize) -> Option<String> {
    fill_parsed(statement, blanks, index, "____")
}

/// `statement` with blank `index` (0-based) filled with `text` and every other blank with its
/// answer: a true/false statement built from a cloze sentence (`text` is another answer).
pub fn fill_parsed(statement: &str, blanks: &[Blank], index: usize, text: &str) -> Option<String> {
    blanks.get(index)?;
    let mut out = String::with_capacity(statement.len());
    let mut last = 0;
    for (i, blank) in blanks.iter().enumerate() {
        out.push_str(&unescape(&statement[last..blank.span.start]));
        if i == index {
            out.push_str(text);
        } else {
            out.push_str(&blank.answer);
        }
        last = blank.span.end;
    }
    out.push_str(&unescape(&statement[last..]));
    Some(out)
}

/// The statement with every blank filled in: the sentence as a fact.
pub fn filled(statement: &str) -> String {
    match parse(statement) {
        Ok(blanks) => {
            let mut out = String::with_capacity(statement.len());
            let mut last = 0;
            for blank in &blanks {
                out.push_str(&unescape(&statement[last..blank.span.start]));
                out.push_str(&blank.answer);
                last = blank.span.end;
            }
            out.push_str(&unescape(&statement[last..]));
            out
        }
        Err(_) => statement.to_owned(),
    }
}

fn unescape(s: &str) -> String {
    s.replace("{{", "{").replace("}}", "}")
}

fn utf8_len(first: u8) -> usize {
    match first {
        0x00..=0x7f => 1,
        0xc0..=0xdf => 2,
        0xe0..=0xef => 3,
        _ => 4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_blanks() {
        let s = "India and the US signed {COMCASA} in {2018}.";
        let b = parse(s).unwrap();
        assert_eq!(b.len(), 2);
        assert_eq!(b[0].answer, "COMCASA");
        assert_eq!(&s[b[1].span.clone()], "{2018}");
        assert_eq!(render(s, 0).unwrap(), "India and the US signed ____ in 2018.");
        assert_eq!(render(s, 1).unwrap(), "India and the US signed COMCASA in ____.");
        assert_eq!(filled(s), "India and the US signed COMCASA in 2018.");
    }

    #[test]
    fn escaped_braces_and_unicode() {
        let s = "Set {{a}} is {Ñuñoa–x}.";
        let b = parse(s).unwrap();
        assert_eq!(b.len(), 1);
        assert_eq!(b[0].answer, "Ñuñoa–x");
        assert_eq!(render(s, 0).unwrap(), "Set {a} is ____.");
    }

    #[test]
    fn malformed() {
        assert_eq!(parse("a {b"), Err(ClozeError::Unclosed(2)));
        assert_eq!(parse("a } b"), Err(ClozeError::UnexpectedClose(2)));
        assert_eq!(parse("a { } b"), Err(ClozeError::Empty(2)));
        assert_eq!(parse("a {b {c}}"), Err(ClozeError::Nested(5)));
        assert!(parse("no blanks").unwrap().is_empty());
    }
}
