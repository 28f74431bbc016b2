//! Marking schemes and exact marks.
//!
//! Negative marking in Indian exams uses thirds (UPSC prelims: +2 right, −2/3 wrong), which no
//! binary float holds exactly: 3 right and 1 wrong would come out as 5.333333333333334 and a
//! sum of many such papers drifts. Marks are therefore a [`Marks`] fraction of two integers,
//! exact under addition and multiplication by counts, and rounded only when shown (2 decimals).

use std::cmp::Ordering;
use std::fmt;

/// An exact number of marks: `num / den`, always reduced, `den > 0`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Marks {
    num: i64,
    den: i64,
}

fn gcd(a: i64, b: i64) -> i64 {
    let (mut a, mut b) = (a.unsigned_abs(), b.unsigned_abs());
    while b != 0 {
        (a, b) = (b, a % b);
    }
    // Both inputs fit in i64 and the gcd is at most the larger of them.
    i64::try_from(a.max(1)).unwrap_or(1)
}

impl Marks {
    pub const ZERO: Marks = Marks { num: 0, den: 1 };

    /// `num / den`; `None` when `den` is 0.
    pub fn new(num: i64, den: i64) -> Option<Marks> {
        if den == 0 {
            return None;
        }
        let sign = if den < 0 { -1 } else { 1 };
        let g = gcd(num, den);
        Some(Marks { num: sign * num / g, den: sign * den / g })
    }

    pub fn whole(n: i64) -> Marks {
        Marks { num: n, den: 1 }
    }

    pub fn numerator(self) -> i64 {
        self.num
    }

    pub fn denominator(self) -> i64 {
        self.den
    }

    /// These marks `count` times (saturating: a paper has at most a few hundred questions).
    pub fn times(self, count: u32) -> Marks {
        Marks::new(self.num.saturating_mul(i64::from(count)), self.den).unwrap_or(Marks::ZERO)
    }

    pub fn plus(self, other: Marks) -> Marks {
        let den = self.den.saturating_mul(other.den);
        let num =
            self.num.saturating_mul(other.den).saturating_add(other.num.saturating_mul(self.den));
        Marks::new(num, den).unwrap_or(Marks::ZERO)
    }

    pub fn minus(self, other: Marks) -> Marks {
        self.plus(Marks { num: -other.num, den: other.den })
    }

    pub fn is_zero(self) -> bool {
        self.num == 0
    }

    pub fn is_negative(self) -> bool {
        self.num < 0
    }

    /// For storage and percentages; display uses [`Marks::fixed2`].
    pub fn to_f64(self) -> f64 {
        self.num as f64 / self.den as f64
    }

    /// Rounded to 2 decimals, halves away from zero, computed in integers: `16/3` → `5.33`,
    /// `-2/3` → `-0.67`, `5/1` → `5.00`.
    pub fn fixed2(self) -> String {
        let abs = i128::from(self.num).abs();
        let den = i128::from(self.den);
        let hundredths = (abs * 200 + den) / (2 * den);
        let sign = if self.num < 0 && hundredths > 0 { "-" } else { "" };
        format!("{sign}{}.{:02}", hundredths / 100, hundredths % 100)
    }

    /// As the learner would write it: `2`, `0.25`, `2/3`.
    pub fn plain(self) -> String {
        if self.den == 1 {
            return self.num.to_string();
        }
        // A denominator made of 2s and 5s only is a terminating decimal, with as many places
        // as the larger of the two powers.
        let (mut d, mut twos, mut fives) = (self.den, 0usize, 0usize);
        while d % 2 == 0 {
            d /= 2;
            twos += 1;
        }
        while d % 5 == 0 {
            d /= 5;
            fives += 1;
        }
        let places = twos.max(fives);
        if d == 1 && places <= 6 {
            let text = format!("{:.*}", places, self.to_f64());
            return text.trim_end_matches('0').trim_end_matches('.').to_owned();
        }
        format!("{}/{}", self.num, self.den)
    }
}

impl PartialOrd for Marks {
    fn partial_cmp(&self, other: &Marks) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Marks {
    fn cmp(&self, other: &Marks) -> Ordering {
        (i128::from(self.num) * i128::from(other.den))
            .cmp(&(i128::from(other.num) * i128::from(self.den)))
    }
}

impl fmt::Display for Marks {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.fixed2())
    }
}

/// How a paper is marked: marks for a right answer, marks taken off for a wrong one, nothing
/// for a question left blank.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Marking {
    /// `upsc`, `none`, or the custom text as given (`+1/-0.25`).
    pub name: String,
    pub right: Marks,
    /// Taken off per wrong answer (0 or more).
    pub wrong: Marks,
}

/// A `--marking` value that is not a scheme.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum MarkingError {
    #[error(
        "`{0}` is not a marking scheme: use `upsc` (+2, -2/3), `none` (+1, 0) or +RIGHT/-WRONG such as `+1/-0.25` or `+2/-2/3`"
    )]
    Unknown(String),
    #[error("`{text}` in `{scheme}` is not a number of marks (write 2, 0.25 or 2/3)")]
    BadNumber { scheme: String, text: String },
    #[error("a right answer must earn more than 0 marks (`{0}`)")]
    NoReward(String),
}

impl Marking {
    /// The UPSC prelims scheme: +2 right, −2/3 wrong (a third of the question's marks).
    pub fn upsc() -> Marking {
        Marking { name: "upsc".into(), right: Marks::whole(2), wrong: Marks { num: 2, den: 3 } }
    }

    /// One mark per right answer, nothing off for a wrong one.
    pub fn none() -> Marking {
        Marking { name: "none".into(), right: Marks::whole(1), wrong: Marks::ZERO }
    }

    /// Parses `upsc`, `none` or `+A/-B` (A and B each a whole number, a decimal of up to 6
    /// places or a fraction `p/q`; the `+` may be left out, `-B` may be `-0`). `+2/-2/3` is
    /// read as +2 and −2/3: the wrong part starts at the first `/-`.
    pub fn parse(text: &str) -> Result<Marking, MarkingError> {
        let t = text.trim();
        match t.to_ascii_lowercase().as_str() {
            "upsc" => return Ok(Marking::upsc()),
            "none" => return Ok(Marking::none()),
            _ => {}
        }
        let t = t.replace('−', "-");
        let (right, wrong) = match t.split_once("/-") {
            Some(parts) => parts,
            None => return Err(MarkingError::Unknown(text.to_owned())),
        };
        let right_text = right.strip_prefix('+').unwrap_or(right);
        let number = |s: &str| {
            parse_marks(s).ok_or_else(|| MarkingError::BadNumber {
                scheme: text.to_owned(),
                text: s.to_owned(),
            })
        };
        let right = number(right_text)?;
        let wrong = number(wrong)?;
        if right <= Marks::ZERO {
            return Err(MarkingError::NoReward(text.to_owned()));
        }
        Ok(Marking { name: format!("+{}/-{}", right.plain(), wrong.plain()), right, wrong })
    }

    /// As shown to the learner: `+2 / −2/3`.
    pub fn label(&self) -> String {
        format!("+{} / −{}", self.right.plain(), self.wrong.plain())
    }

    /// The score of `right` right and `wrong` wrong answers (blanks score 0).
    pub fn score(&self, right: u32, wrong: u32) -> Marks {
        self.right.times(right).minus(self.wrong.times(wrong))
    }
}

/// A non-negative number of marks: `2`, `0.25`, `2/3`.
fn parse_marks(s: &str) -> Option<Marks> {
    let s = s.trim();
    if let Some((p, q)) = s.split_once('/') {
        let p: i64 = digits(p)?;
        let q: i64 = digits(q)?;
        return Marks::new(p, q).filter(|_| q > 0);
    }
    let (whole, frac) = s.split_once('.').unwrap_or((s, ""));
    if frac.len() > 6 || (whole.is_empty() && frac.is_empty()) {
        return None;
    }
    let w: i64 = if whole.is_empty() { 0 } else { digits(whole)? };
    let f: i64 = if frac.is_empty() { 0 } else { digits(frac)? };
    let scale = 10i64.pow(u32::try_from(frac.len()).ok()?);
    Marks::new(w.checked_mul(scale)?.checked_add(f)?, scale)
}

/// Plain ASCII digits (no sign), at most 9 of them.
fn digits(s: &str) -> Option<i64> {
    let s = s.trim();
    if s.is_empty() || s.len() > 9 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn upsc_arithmetic_is_exact() {
        let upsc = Marking::upsc();
        // 3 right, 1 wrong, 1 blank: 6 − 2/3 = 16/3.
        let score = upsc.score(3, 1);
        assert_eq!(score, Marks::new(16, 3).unwrap());
        assert_eq!(score.fixed2(), "5.33");
        assert_eq!(upsc.wrong.times(1).fixed2(), "0.67");
        // Three wrong answers cost exactly 2 marks, no drift.
        assert_eq!(upsc.score(0, 3), Marks::whole(-2));
        assert_eq!(upsc.score(0, 3).fixed2(), "-2.00");
        assert_eq!(upsc.score(100, 0).fixed2(), "200.00");
        assert_eq!(upsc.label(), "+2 / −2/3");
    }

    #[test]
    fn rounding_is_half_away_from_zero() {
        assert_eq!(Marks::new(1, 8).unwrap().fixed2(), "0.13");
        assert_eq!(Marks::new(-1, 8).unwrap().fixed2(), "-0.13");
        assert_eq!(Marks::new(-1, 1000).unwrap().fixed2(), "0.00");
        assert_eq!(Marks::new(-2, 3).unwrap().fixed2(), "-0.67");
    }

    #[test]
    fn schemes_parse() {
        assert_eq!(Marking::parse("UPSC").unwrap(), Marking::upsc());
        assert_eq!(Marking::parse("none").unwrap(), Marking::none());
        let m = Marking::parse("+1/-0.25").unwrap();
        assert_eq!((m.right, m.wrong), (Marks::whole(1), Marks::new(1, 4).unwrap()));
        assert_eq!(m.name, "+1/-0.25");
        assert_eq!(m.score(3, 2).fixed2(), "2.50");
        let m = Marking::parse("+2/-2/3").unwrap();
        assert_eq!((m.right, m.wrong), (Marking::upsc().right, Marking::upsc().wrong));
        assert_eq!(m.label(), "+2 / −2/3");
        let m = Marking::parse("4/-1").unwrap();
        assert_eq!(m.score(1, 1), Marks::whole(3));
        assert_eq!(Marking::parse("+1/-0").unwrap().wrong, Marks::ZERO);
    }

    #[test]
    fn bad_schemes_say_why() {
        assert_eq!(
            Marking::parse("neet").unwrap_err().to_string(),
            "`neet` is not a marking scheme: use `upsc` (+2, -2/3), `none` (+1, 0) or +RIGHT/-WRONG such as `+1/-0.25` or `+2/-2/3`"
        );
        assert_eq!(
            Marking::parse("+x/-1").unwrap_err(),
            MarkingError::BadNumber { scheme: "+x/-1".into(), text: "x".into() }
        );
        assert!(matches!(Marking::parse("+1/-1/0"), Err(MarkingError::BadNumber { .. })));
        assert!(matches!(Marking::parse("+1/--1"), Err(MarkingError::BadNumber { .. })));
        assert_eq!(Marking::parse("+0/-1"), Err(MarkingError::NoReward("+0/-1".into())));
    }

    #[test]
    fn plain_forms() {
        assert_eq!(Marks::new(1, 4).unwrap().plain(), "0.25");
        assert_eq!(Marks::new(2, 3).unwrap().plain(), "2/3");
        assert_eq!(Marks::whole(2).plain(), "2");
        assert_eq!(Marks::new(33, 100).unwrap().plain(), "0.33");
    }
}
