//! Normalising answers so that typed input is compared by meaning, not by typing accidents.
//!
//! Two strings that normalise to the same text are the same answer: that rule decides what is
//! graded correct, which distractors are too close to the right answer to be offered, and which
//! options count as duplicates. Keeping one function for all three is what guarantees that a
//! distractor can never be an accepted answer.

/// The comparable form of an answer:
/// - lower case, common Latin diacritics removed (`Café` = `cafe`);
/// - `&` reads as `and`;
/// - apostrophes and full stops vanish (`U.S.` = `US`, `India's` = `Indias`), except a decimal
///   point between digits; a comma between digits vanishes (`1,000` = `1000`);
/// - hyphens, dashes and every other punctuation mark become a space;
/// - runs of spaces become one, surrounding spaces go;
/// - a leading `the`, `a` or `an` goes (`The Quad` = `Quad`).
pub fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    let mut prev_digit = false;
    for (i, c) in s.char_indices() {
        let digit_around = || prev_digit && next_is_digit(s, i, c);
        let is_digit = c.is_ascii_digit();
        if c.is_alphanumeric() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            push_folded(&mut out, c);
        } else if matches!(c, '\'' | '’' | '‘' | 'ʼ' | '`') {
            // Joined: "India's" = "Indias".
        } else if c == '.' {
            if digit_around() {
                out.push('.');
            }
        } else if c == ',' && digit_around() {
            // Thousands separator.
        } else if c == '&' {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str("and");
            space = true;
        } else {
            space = true;
        }
        prev_digit = is_digit;
    }
    strip_article(out)
}

/// Is the character after `c` (at byte `i` of `s`) an ASCII digit?
fn next_is_digit(s: &str, i: usize, c: char) -> bool {
    s.as_bytes().get(i + c.len_utf8()).is_some_and(u8::is_ascii_digit)
}

/// The identity of an answer: two answers with the same key are the same answer. Lists compare
/// as sets of members, anything else by [`normalize`].
pub fn key(s: &str) -> String {
    match list_members(s) {
        Some(items) => items.join(", "),
        None => normalize(s),
    }
}

/// Drops one leading article, unless it is the whole answer.
fn strip_article(mut s: String) -> String {
    for article in ["the ", "a ", "an "] {
        if s.len() > article.len() && s.starts_with(article) {
            s.drain(..article.len());
            return s;
        }
    }
    s
}

/// The members of a list answer ("India, Japan, Australia and the United States"), each
/// normalised, sorted and without repeats, so lists compare regardless of order. Items are
/// separated by `,`, `;`, `/`, `&` or the word `and`.
pub fn list_items(s: &str) -> Vec<String> {
    let mut items: Vec<String> = split_separators(s)
        .into_iter()
        .flat_map(split_and)
        .map(normalize)
        .filter(|i| !i.is_empty())
        .collect();
    items.sort();
    items.dedup();
    items
}

/// Splits on `,` (not a thousands separator), `;`, `/`, `&` and newlines.
fn split_separators(s: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut start = 0;
    let bytes = s.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        let separator = match b {
            b';' | b'/' | b'&' | b'\n' => true,
            b',' => {
                let digits = i > 0
                    && bytes[i - 1].is_ascii_digit()
                    && bytes.get(i + 1).is_some_and(u8::is_ascii_digit);
                !digits
            }
            _ => false,
        };
        if separator {
            parts.push(&s[start..i]);
            start = i + 1;
        }
    }
    parts.push(&s[start..]);
    parts
}

/// Is `s` a list by its separators: a `;`, or a `,` that is not a thousands separator?
fn has_list_separator(s: &str) -> bool {
    let bytes = s.as_bytes();
    bytes.iter().enumerate().any(|(i, &b)| {
        b == b';'
            || b == b','
                && !(i > 0
                    && bytes[i - 1].is_ascii_digit()
                    && bytes.get(i + 1).is_some_and(u8::is_ascii_digit))
    })
}

/// Splits on the word `and` (any case), keeping everything else.
fn split_and(s: &str) -> Vec<&str> {
    let lower = s.to_lowercase();
    // `to_lowercase` can change byte lengths for a few scripts; only split when it did not.
    if lower.len() != s.len() {
        return vec![s];
    }
    let mut parts = Vec::new();
    let mut start = 0;
    let bytes = lower.as_bytes();
    let mut i = 0;
    while let Some(pos) = lower[i..].find("and") {
        let at = i + pos;
        let before_ok = at == 0 || bytes[at - 1].is_ascii_whitespace();
        let after_ok = bytes.get(at + 3).is_none_or(|b| b.is_ascii_whitespace());
        if before_ok && after_ok {
            parts.push(&s[start..at]);
            start = at + 3;
        }
        i = at + 3;
    }
    parts.push(&s[start..]);
    parts
}

/// Does the answer read as a list of several members?
pub fn is_list(s: &str) -> bool {
    list_members(s).is_some()
}

/// The members of a list answer (see [`list_items`]), or `None` if it is not a list.
pub fn list_members(s: &str) -> Option<Vec<String>> {
    if !has_list_separator(s) {
        return None;
    }
    let items = list_items(s);
    (items.len() >= 2).then_some(items)
}

fn push_folded(out: &mut String, c: char) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    let folded = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å'
        | 'Ā' | 'Ă' | 'Ą' => 'a',
        'ç' | 'ć' | 'č' | 'Ç' | 'Ć' | 'Č' => 'c',
        'ď' | 'đ' | 'Ď' | 'Đ' => 'd',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' | 'È' | 'É' | 'Ê' | 'Ë' | 'Ē' | 'Ė' | 'Ę'
        | 'Ě' => 'e',
        'ğ' | 'Ğ' => 'g',
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' | 'Ì' | 'Í' | 'Î' | 'Ï' | 'Ī' | 'Į' | 'İ' => {
            'i'
        }
        'ł' | 'ľ' | 'Ł' | 'Ľ' => 'l',
        'ñ' | 'ń' | 'ň' | 'Ñ' | 'Ń' | 'Ň' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' | 'Ō'
        | 'Ő' => 'o',
        'ř' | 'Ř' => 'r',
        'ś' | 'š' | 'ş' | 'Ś' | 'Š' | 'Ş' => 's',
        'ť' | 'ţ' | 'Ť' | 'Ţ' => 't',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'Ù' | 'Ú' | 'Û' | 'Ü' | 'Ū' | 'Ů' | 'Ű' => {
            'u'
        }
        'ý' | 'ÿ' | 'Ý' | 'Ÿ' => 'y',
        'ź' | 'ż' | 'ž' | 'Ź' | 'Ż' | 'Ž' => 'z',
        'ß' => {
            out.push_str("ss");
            return;
        }
        _ => {
            out.extend(c.to_lowercase());
            return;
        }
    };
    out.push(folded);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_typing_accidents() {
        assert_eq!(normalize("  The   Quad "), "quad");
        assert_eq!(normalize("U.S.–India Strategic Partnership"), "us india strategic partnership");
        assert_eq!(normalize("Research & Analysis Wing"), "research and analysis wing");
        assert_eq!(normalize("research and analysis wing!"), "research and analysis wing");
        assert_eq!(normalize("Café-Brûlée"), "cafe brulee");
        assert_eq!(normalize("India's"), "indias");
        assert_eq!(normalize("1,000"), "1000");
        assert_eq!(normalize("3.5 km"), "3.5 km");
        assert_eq!(normalize("2+2 dialogue"), "2 2 dialogue");
        assert_eq!(normalize("an apple"), "apple");
        assert_eq!(normalize("A"), "a");
        assert_eq!(normalize("the"), "the");
        assert_eq!(normalize(""), "");
        assert_eq!(normalize("Theory"), "theory");
    }

    #[test]
    fn lists_compare_without_order() {
        assert_eq!(
            list_items("India, Japan, Australia and the United States"),
            list_items("the United States; Australia & Japan, India")
        );
        assert_eq!(list_items("Brandy, Andorra").len(), 2);
        assert!(is_list("India, Japan and Australia"));
        assert!(!is_list("Trinidad and Tobago"));
        assert!(!is_list("1,000 km"));
        assert_eq!(key("1,000 km"), "1000 km");
        assert!(is_list("Japan, 1,000 ships"));
    }
}
