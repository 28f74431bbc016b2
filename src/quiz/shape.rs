//! What an answer looks like: its form (a year, a month and year, a date, a number, or text)
//! and its shape (word count, capitalisation, digits, list-ness).
//!
//! Distractors are only plausible when they look like the right answer: an acronym expansion
//! against another expansion, a list of countries against another list, a year against a year.
//! Otherwise the odd one out gives the answer away. Forms also drive generated distractors for
//! dates and numbers and switch off near-miss grading for them.

use super::normalize;

/// The recognised forms of an answer. Anything else is [`Form::Text`].
#[derive(Clone, Debug, PartialEq)]
pub enum Form {
    /// `2018`: four digits between 1000 and 2999.
    Year(i32),
    /// `September 2018` or `Sep 2018`.
    MonthYear {
        month: u8,
        year: i32,
        short: bool,
    },
    /// `6 September 2018`, `September 6, 2018` or `2018-09-06`.
    Date {
        day: u8,
        month: u8,
        year: i32,
        style: DateStyle,
    },
    /// A number with its written form kept: `193`, `1,000`, `3.5 km`, `$2 billion`, `40%`.
    Number(Number),
    Text,
}

/// How a full date is written, so generated dates are written the same way.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateStyle {
    DayMonth { short: bool },
    MonthDay { short: bool },
    Iso,
}

/// A number as written: `prefix` + value (scaled by `10^decimals`) + `suffix`.
#[derive(Clone, Debug, PartialEq)]
pub struct Number {
    pub prefix: String,
    /// The value times `10^decimals`, so `3.5` is 35 with one decimal.
    pub scaled: i64,
    pub decimals: u8,
    pub commas: bool,
    pub suffix: String,
}

impl Number {
    /// Writes `scaled` in this number's format.
    pub fn write(&self, scaled: i64) -> String {
        let negative = scaled < 0;
        let abs = scaled.unsigned_abs();
        let div = 10u64.pow(u32::from(self.decimals));
        let int = (abs / div).to_string();
        let int = if self.commas { group_thousands(&int) } else { int };
        let mut s = String::new();
        s.push_str(&self.prefix);
        if negative {
            s.push('-');
        }
        s.push_str(&int);
        if self.decimals > 0 {
            let frac = abs % div;
            s.push('.');
            s.push_str(&format!("{frac:0width$}", width = usize::from(self.decimals)));
        }
        s.push_str(&self.suffix);
        s
    }
}

fn group_thousands(digits: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The month's name, full or in three letters.
pub fn month_name(month: u8, short: bool) -> &'static str {
    let name = MONTHS[usize::from(month.clamp(1, 12) - 1)];
    if short { &name[..3] } else { name }
}

/// `(month, short)` for a month name or its common abbreviation (`Sep`, `Sept.`).
fn parse_month(word: &str) -> Option<(u8, bool)> {
    let w = word.trim_end_matches('.');
    if !(3..=9).contains(&w.len()) || !w.is_ascii() {
        return None;
    }
    MONTHS.iter().enumerate().find_map(|(i, m)| {
        let month = u8::try_from(i + 1).ok()?;
        if w.eq_ignore_ascii_case(m) {
            Some((month, false))
        } else if w.len() <= 4 && m[..w.len().min(m.len())].eq_ignore_ascii_case(w) {
            Some((month, true))
        } else {
            None
        }
    })
}

fn parse_year(s: &str) -> Option<i32> {
    if s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()) {
        let y: i32 = s.parse().ok()?;
        (1000..=2999).contains(&y).then_some(y)
    } else {
        None
    }
}

fn parse_day(s: &str) -> Option<u8> {
    let s = s.trim_end_matches(',');
    let s = s.trim_end_matches(|c: char| c.is_ascii_alphabetic()); // 6th, 1st
    let d: u8 = s.parse().ok()?;
    (1..=31).contains(&d).then_some(d)
}

impl Form {
    /// Recognises the form of an answer.
    pub fn of(answer: &str) -> Form {
        let s = answer.trim();
        if let Some(y) = parse_year(s) {
            return Form::Year(y);
        }
        // Years, dates and numbers all have a digit: most text answers stop here.
        if !s.bytes().any(|b| b.is_ascii_digit()) {
            return Form::Text;
        }
        let mut it = s.split_whitespace();
        let mut words = [it.next(), it.next(), it.next(), it.next()];
        // `26th of January 1950`, as dates are said: the `of` goes.
        if words[1].is_some_and(|w| w.eq_ignore_ascii_case("of")) && words[3].is_some() {
            words = [words[0], words[2], words[3], it.next()];
        }
        match words {
            [Some(m), Some(y), None, _] => {
                if let (Some((month, short)), Some(year)) = (parse_month(m), parse_year(y)) {
                    return Form::MonthYear { month, year, short };
                }
            }
            [Some(a), Some(b), Some(y), None] => {
                if let Some(year) = parse_year(y) {
                    if let (Some(day), Some((month, short))) = (parse_day(a), parse_month(b)) {
                        return Form::Date {
                            day,
                            month,
                            year,
                            style: DateStyle::DayMonth { short },
                        };
                    }
                    if let (Some((month, short)), Some(day)) = (parse_month(a), parse_day(b)) {
                        return Form::Date {
                            day,
                            month,
                            year,
                            style: DateStyle::MonthDay { short },
                        };
                    }
                }
            }
            [Some(iso), None, ..] => {
                let mut parts = iso.split('-');
                if let [Some(y), Some(m), Some(d), None] =
                    [parts.next(), parts.next(), parts.next(), parts.next()]
                    && m.len() == 2
                    && d.len() == 2
                    && let (Some(year), Ok(month), Ok(day)) =
                        (parse_year(y), m.parse::<u8>(), d.parse::<u8>())
                    && (1..=12).contains(&month)
                    && (1..=31).contains(&day)
                {
                    return Form::Date { day, month, year, style: DateStyle::Iso };
                }
            }
            _ => {}
        }
        parse_number(s).map_or(Form::Text, Form::Number)
    }

    /// Forms of the same class can stand in for each other as distractors.
    pub fn class(&self) -> u8 {
        match self {
            Form::Year(_) => 1,
            Form::MonthYear { .. } => 2,
            Form::Date { .. } => 3,
            Form::Number(_) => 4,
            Form::Text => 0,
        }
    }

    /// Years, dates and numbers: exact answers, never graded as near misses.
    pub fn is_exact(&self) -> bool {
        !matches!(self, Form::Text)
    }
}

/// Writes a date in the given style.
pub fn write_date(day: u8, month: u8, year: i32, style: DateStyle) -> String {
    match style {
        DateStyle::DayMonth { short } => format!("{day} {} {year}", month_name(month, short)),
        DateStyle::MonthDay { short } => format!("{} {day}, {year}", month_name(month, short)),
        DateStyle::Iso => format!("{year:04}-{month:02}-{day:02}"),
    }
}

/// A number with at most a short non-alphanumeric prefix (`$`, `₹`, `~`) and a suffix without
/// digits (`%`, ` km`, ` member states`).
fn parse_number(s: &str) -> Option<Number> {
    let start = s.find(|c: char| c.is_ascii_digit())?;
    let prefix = &s[..start];
    if prefix.chars().count() > 3 || prefix.chars().any(|c| c.is_alphanumeric() || c == '-') {
        return None;
    }
    let rest = &s[start..];
    let end = rest
        .char_indices()
        .find(|&(i, c)| {
            !(c.is_ascii_digit()
                || (c == ',' || c == '.')
                    && rest[i + 1..].starts_with(|n: char| n.is_ascii_digit()))
        })
        .map_or(rest.len(), |(i, _)| i);
    let body = &rest[..end];
    let suffix = &rest[end..];
    if suffix.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let commas = body.contains(',');
    if commas && !valid_grouping(body.split('.').next().unwrap_or("")) {
        return None;
    }
    let plain = body.replace(',', "");
    let (int, frac) = match plain.split_once('.') {
        Some((i, f)) => (i, f),
        None => (plain.as_str(), ""),
    };
    if int.is_empty() || frac.contains('.') || frac.len() > 6 || int.len() > 15 {
        return None;
    }
    let decimals = u8::try_from(frac.len()).ok()?;
    let scaled: i64 = format!("{int}{frac}").parse().ok()?;
    Some(Number { prefix: prefix.to_owned(), scaled, decimals, commas, suffix: suffix.to_owned() })
}

fn valid_grouping(int: &str) -> bool {
    let groups: Vec<&str> = int.split(',').collect();
    groups.first().is_some_and(|g| (1..=3).contains(&g.len()))
        && groups[1..].iter().all(|g| g.len() == 3)
}

/// Capitalisation pattern of an answer's words.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Caps {
    /// Every letter upper case (`COMCASA`, `LEMOA, BECA`).
    Upper,
    /// Every significant word starts upper case (`Basic Exchange and Cooperation Agreement`).
    Title,
    /// Starts upper case, then mostly lower (`A meeting of ministers`).
    Sentence,
    Lower,
}

/// The features compared when ranking distractors.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Shape {
    pub words: u16,
    pub caps: Caps,
    pub digits: bool,
    /// Members if the answer is a list, else 0.
    pub list: u16,
    /// The most words in one member of a list, else 0.
    pub member_words: u16,
    pub form_class: u8,
}

/// A coarse shape, for bucketing a large library so that a query only scores a few dozen
/// candidates that already look alike.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ShapeClass {
    words: u8,
    caps: Caps,
    list: bool,
    form_class: u8,
}

impl Shape {
    pub fn of(answer: &str) -> Shape {
        Shape::with_form(answer, &Form::of(answer))
    }

    /// The shape of `answer` whose form is already known (one pass, no allocation unless the
    /// answer is a list).
    pub fn with_form(answer: &str, form: &Form) -> Shape {
        let mut words = 0usize;
        let mut significant = 0usize;
        let mut significant_upper = 0usize;
        let mut letters = false;
        let mut all_upper = true;
        let mut digits = false;
        if answer.is_ascii() {
            // Most answers: byte tests, no UTF-8 decoding.
            for w in answer.split_ascii_whitespace() {
                words += 1;
                // `split_ascii_whitespace` yields no empty words.
                let first = w.as_bytes()[0];
                if first.is_ascii_alphabetic() && !is_minor_word(w) {
                    significant += 1;
                    significant_upper += usize::from(first.is_ascii_uppercase());
                }
            }
            for &b in answer.as_bytes() {
                if b.is_ascii_alphabetic() {
                    letters = true;
                    all_upper &= b.is_ascii_uppercase();
                } else if b.is_ascii_digit() {
                    digits = true;
                }
            }
        } else {
            for w in answer.split_whitespace() {
                words += 1;
                let first = w.chars().next();
                if first.is_some_and(char::is_alphabetic) && !is_minor_word(w) {
                    significant += 1;
                    if first.is_some_and(char::is_uppercase) {
                        significant_upper += 1;
                    }
                }
            }
            for c in answer.chars() {
                if c.is_alphabetic() {
                    letters = true;
                    all_upper &= c.is_uppercase();
                } else if c.is_ascii_digit() {
                    digits = true;
                }
            }
        }
        let caps = if letters && all_upper {
            Caps::Upper
        } else if significant > 0 && significant_upper == significant {
            Caps::Title
        } else if answer.chars().next().is_some_and(char::is_uppercase) {
            Caps::Sentence
        } else {
            Caps::Lower
        };
        let (list, member_words) = normalize::list_members(answer).map_or((0, 0), |items| {
            let longest = items.iter().map(|i| i.split_whitespace().count()).max().unwrap_or(0);
            (
                u16::try_from(items.len()).unwrap_or(u16::MAX),
                u16::try_from(longest).unwrap_or(u16::MAX),
            )
        });
        Shape {
            words: u16::try_from(words).unwrap_or(u16::MAX),
            caps,
            digits,
            list,
            member_words,
            form_class: form.class(),
        }
    }

    pub fn class(&self) -> ShapeClass {
        let words = match self.words {
            0..=1 => 1,
            2..=3 => 2,
            4..=7 => 3,
            _ => 4,
        };
        ShapeClass { words, caps: self.caps, list: self.list > 0, form_class: self.form_class }
    }

    /// How alike two shapes are, 0 (nothing alike) to 8.
    pub fn similarity(&self, other: &Shape) -> u32 {
        let mut score = 0;
        if (self.list > 0) == (other.list > 0) {
            score += 2;
            if self.list > 0 && self.list.abs_diff(other.list) <= 1 {
                score += 1;
            }
        }
        let (a, b) = (u32::from(self.words.max(1)), u32::from(other.words.max(1)));
        let ratio = a.max(b) * 10 / a.min(b);
        score += match ratio {
            10 => 3,
            11..=15 => 2,
            16..=20 => 1,
            _ => 0,
        };
        if self.caps == other.caps {
            score += 1;
        }
        if self.digits == other.digits {
            score += 1;
        }
        score
    }
}

fn is_minor_word(w: &str) -> bool {
    if w.len() > 4 {
        return false;
    }
    ["and", "of", "the", "for", "on", "in", "to", "a", "an", "at", "by", "with", "&"]
        .iter()
        .any(|m| w.eq_ignore_ascii_case(m))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_forms() {
        assert_eq!(Form::of("2018"), Form::Year(2018));
        assert_eq!(
            Form::of("September 2018"),
            Form::MonthYear { month: 9, year: 2018, short: false }
        );
        assert_eq!(Form::of("Sept. 2018"), Form::MonthYear { month: 9, year: 2018, short: true });
        assert_eq!(
            Form::of("26th of January 1950"),
            Form::Date {
                day: 26,
                month: 1,
                year: 1950,
                style: DateStyle::DayMonth { short: false }
            }
        );
        assert_eq!(Form::of("Part of March 2018"), Form::Text);
        assert_eq!(
            Form::of("6 September 2018"),
            Form::Date {
                day: 6,
                month: 9,
                year: 2018,
                style: DateStyle::DayMonth { short: false }
            }
        );
        assert_eq!(
            Form::of("September 6, 2018"),
            Form::Date {
                day: 6,
                month: 9,
                year: 2018,
                style: DateStyle::MonthDay { short: false }
            }
        );
        assert_eq!(
            Form::of("2018-09-06"),
            Form::Date { day: 6, month: 9, year: 2018, style: DateStyle::Iso }
        );
        let Form::Number(n) = Form::of("1,000 km") else { panic!() };
        assert_eq!((n.scaled, n.commas, n.suffix.as_str()), (1000, true, " km"));
        assert_eq!(n.write(12500), "12,500 km");
        let Form::Number(n) = Form::of("$3.5 billion") else { panic!() };
        assert_eq!((n.scaled, n.decimals), (35, 1));
        assert_eq!(n.write(42), "$4.2 billion");
        assert_eq!(Form::of("193").class(), 4);
        assert_eq!(Form::of("COMCASA"), Form::Text);
        assert_eq!(Form::of("2+2 dialogue"), Form::Text);
        assert_eq!(Form::of("G20 summit"), Form::Text);
        assert_eq!(Form::of("UNSC 1267"), Form::Text);
        assert_eq!(Form::of("12345"), Form::of("12345"));
        assert!(matches!(Form::of("12345"), Form::Number(_)));
    }

    #[test]
    fn shapes() {
        let a = Shape::of("Communications Compatibility and Security Agreement");
        let b = Shape::of("Basic Exchange and Cooperation Agreement");
        let c = Shape::of("India, Japan, Australia and the United States");
        assert_eq!(a.caps, Caps::Title);
        assert_eq!(Shape::of("COMCASA").caps, Caps::Upper);
        assert_eq!(c.list, 4);
        assert!(a.similarity(&b) > a.similarity(&c));
        assert_eq!(a.class(), b.class());
        assert_ne!(a.class(), c.class());
    }
}
