//! Grading a response to a question.
//!
//! Typed answers are compared after [`normalize`](super::normalize::normalize) against the
//! answer and every accepted alternative. A response within a small edit distance (growing with
//! the answer's length) is a near miss, returned with the differences so the UI can show what
//! was mistyped. Years, dates, numbers and acronyms of five letters or fewer must be exact: one
//! digit or letter off is a different answer there, not a typo. Group answers (lists of
//! members) are compared as sets, in any order.

use serde::Serialize;

use super::Question;
use super::normalize::{self, list_items};
use super::shape::Form;

/// What the learner gave.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Response {
    /// The index of the chosen option.
    Choice(usize),
    /// Free text; empty or blank counts as "don't know".
    Text(String),
    DontKnow,
}

/// How a response was judged.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "outcome", rename_all = "kebab-case")]
pub enum Outcome {
    Correct,
    /// Close to `expected` (the accepted answer it was closest to); `differences` walk both
    /// normalised strings: render them with [`render_differences`].
    NearMiss {
        expected: String,
        differences: Vec<Difference>,
    },
    Wrong,
    DontKnow,
}

impl Outcome {
    pub fn is_correct(&self) -> bool {
        matches!(self, Outcome::Correct)
    }
}

/// One stretch of a near miss, comparing the expected answer with the response (both
/// normalised).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "op", content = "text", rename_all = "kebab-case")]
pub enum Difference {
    /// In both.
    Same(String),
    /// In the expected answer, missing from the response.
    Missing(String),
    /// In the response, not in the expected answer.
    Extra(String),
}

/// Plain rendering of differences: `jaish[-a-]{+e+}nkar` (`[-…-]` missing, `{+…+}` extra),
/// for logs and terminals without colour.
pub fn render_differences(diffs: &[Difference]) -> String {
    let mut out = String::new();
    for d in diffs {
        match d {
            Difference::Same(s) => out.push_str(s),
            Difference::Missing(s) => {
                out.push_str("[-");
                out.push_str(s);
                out.push_str("-]");
            }
            Difference::Extra(s) => {
                out.push_str("{+");
                out.push_str(s);
                out.push_str("+}");
            }
        }
    }
    out
}

/// Grades `response` to `question`.
pub fn grade(question: &Question, response: &Response) -> Outcome {
    match response {
        Response::DontKnow => Outcome::DontKnow,
        Response::Choice(i) => match question.correct {
            Some(c) if c == *i => Outcome::Correct,
            Some(_) => Outcome::Wrong,
            // A question without options answered by index: nothing to match.
            None => Outcome::Wrong,
        },
        Response::Text(text) => {
            if text.trim().is_empty() {
                return Outcome::DontKnow;
            }
            if let Some(correct) = question.correct {
                return match option_for(question, text) {
                    Some(i) if i == correct => Outcome::Correct,
                    Some(_) => Outcome::Wrong,
                    None => grade_text(question, text),
                };
            }
            grade_text(question, text)
        }
    }
}

/// The option a typed response names: its text, or for true/false `t`/`f`/`yes`/`no`.
fn option_for(question: &Question, text: &str) -> Option<usize> {
    let n = normalize::normalize(text);
    if let Some(i) = question.options.iter().position(|o| normalize::normalize(o) == n) {
        return Some(i);
    }
    if question.options == [super::TRUE, super::FALSE] {
        return match n.as_str() {
            "t" | "yes" | "y" => Some(0),
            "f" | "no" | "n" => Some(1),
            _ => None,
        };
    }
    None
}

fn grade_text(question: &Question, text: &str) -> Outcome {
    let given = response_key(question, text);
    let mut best: Option<(usize, &str, String)> = None;
    for accepted in &question.accepted {
        let expected = response_key(question, accepted);
        if expected == given || same_value(accepted, text) {
            return Outcome::Correct;
        }
        if exact_only(accepted) {
            continue;
        }
        let distance = strsim::levenshtein(&expected, &given);
        let tolerance = tolerance(expected.chars().count());
        if distance <= tolerance && best.as_ref().is_none_or(|b| distance < b.0) {
            best = Some((distance, accepted, expected));
        }
    }
    match best {
        Some((_, accepted, expected)) => Outcome::NearMiss {
            expected: accepted.to_owned(),
            differences: differences(&expected, &given),
        },
        None => Outcome::Wrong,
    }
}

/// Do two dates or numbers mean the same value, however written? `Sep 2018` = `September
/// 2018`, `6 September 2018` = `September 6, 2018` = `2018-09-06`, `4.0 km` = `4 km`.
fn same_value(a: &str, b: &str) -> bool {
    match (Form::of(a), Form::of(b)) {
        (
            Form::MonthYear { month: m1, year: y1, .. },
            Form::MonthYear { month: m2, year: y2, .. },
        ) => (m1, y1) == (m2, y2),
        (
            Form::Date { day: d1, month: m1, year: y1, .. },
            Form::Date { day: d2, month: m2, year: y2, .. },
        ) => (d1, m1, y1) == (d2, m2, y2),
        (Form::Number(x), Form::Number(y)) => {
            let scale = x.decimals.max(y.decimals);
            let widen = |n: &super::shape::Number| {
                n.scaled.checked_mul(10i64.checked_pow(u32::from(scale - n.decimals))?)
            };
            widen(&x).is_some()
                && widen(&x) == widen(&y)
                && normalize::normalize(&x.suffix) == normalize::normalize(&y.suffix)
                && x.prefix.trim() == y.prefix.trim()
        }
        _ => false,
    }
}

/// The comparable form of a typed answer: members sorted for unordered lists.
fn response_key(question: &Question, text: &str) -> String {
    if question.unordered { list_items(text).join(", ") } else { normalize::normalize(text) }
}

/// Years, dates, numbers and acronyms of five letters or fewer are never near misses.
fn exact_only(answer: &str) -> bool {
    let t = answer.trim();
    if Form::of(t).is_exact() {
        return true;
    }
    let letters = t.chars().filter(|c| c.is_alphabetic()).count();
    !t.contains(char::is_whitespace)
        && letters <= 5
        && t.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase)
}

/// Edits allowed for an answer of `len` characters (normalised): none up to 3, then one per
/// ten characters or so, at most four.
pub fn tolerance(len: usize) -> usize {
    match len {
        0..=3 => 0,
        4..=9 => 1,
        10..=19 => 2,
        20..=34 => 3,
        _ => 4,
    }
}

/// A character diff of `expected` and `given` (longest common subsequence).
fn differences(expected: &str, given: &str) -> Vec<Difference> {
    let a: Vec<char> = expected.chars().collect();
    let b: Vec<char> = given.chars().collect();
    let (n, m) = (a.len(), b.len());
    if n.saturating_mul(m) > 250_000 {
        return vec![Difference::Missing(expected.into()), Difference::Extra(given.into())];
    }
    // lcs[i][j]: LCS length of a[i..] and b[j..].
    let mut lcs = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] =
                if a[i] == b[j] { lcs[i + 1][j + 1] + 1 } else { lcs[i + 1][j].max(lcs[i][j + 1]) };
        }
    }
    let mut out: Vec<Difference> = Vec::new();
    let push = |out: &mut Vec<Difference>, d: Difference| match (out.last_mut(), &d) {
        (Some(Difference::Same(s)), Difference::Same(t))
        | (Some(Difference::Missing(s)), Difference::Missing(t))
        | (Some(Difference::Extra(s)), Difference::Extra(t)) => s.push_str(t),
        _ => out.push(d),
    };
    let (mut i, mut j) = (0, 0);
    while i < n || j < m {
        if i < n && j < m && a[i] == b[j] {
            push(&mut out, Difference::Same(a[i].to_string()));
            i += 1;
            j += 1;
        } else if j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j]) {
            push(&mut out, Difference::Extra(b[j].to_string()));
            j += 1;
        } else {
            push(&mut out, Difference::Missing(a[i].to_string()));
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deck::QuestionKind;
    use crate::ids::CardKey;

    fn typed(answer: &str, accept: &[&str]) -> Question {
        let mut accepted = vec![answer.to_owned()];
        accepted.extend(accept.iter().map(|s| s.to_string()));
        Question {
            card: "d/f/forward".parse::<CardKey>().unwrap(),
            kind: QuestionKind::Typed,
            prompt: "?".into(),
            options: vec![],
            correct: None,
            answer: answer.into(),
            accepted,
            unordered: false,
            explain: None,
            source: None,
            topic: None,
        }
    }

    fn text(s: &str) -> Response {
        Response::Text(s.into())
    }

    #[test]
    fn normalised_answers_are_correct() {
        let q = typed("Research and Analysis Wing", &["RAW"]);
        for r in
            ["research & analysis wing", "  The Research-and-Analysis  Wing. ", "raw", "R.A.W."]
        {
            assert_eq!(grade(&q, &text(r)), Outcome::Correct, "{r}");
        }
        assert_eq!(grade(&q, &text("")), Outcome::DontKnow);
        assert_eq!(grade(&q, &text("   ")), Outcome::DontKnow);
        assert_eq!(grade(&q, &Response::DontKnow), Outcome::DontKnow);
        assert_eq!(grade(&q, &text("Intelligence Bureau")), Outcome::Wrong);
    }

    #[test]
    fn near_misses_show_what_differed() {
        let q = typed("Subrahmanyam Jaishankar", &[]);
        let Outcome::NearMiss { expected, differences } =
            grade(&q, &text("Subramanyam Jaishenkar"))
        else {
            panic!("expected a near miss");
        };
        assert_eq!(expected, "Subrahmanyam Jaishankar");
        assert_eq!(render_differences(&differences), "subra[-h-]manyam jaish{+e+}[-a-]nkar");
        assert_eq!(grade(&q, &text("Rajnath Singh")), Outcome::Wrong);
    }

    #[test]
    fn tolerance_grows_with_length() {
        assert_eq!(tolerance(3), 0);
        assert!(tolerance(8) < tolerance(25));
        let q = typed("Quad", &[]);
        assert!(matches!(grade(&q, &text("Quads")), Outcome::NearMiss { .. }));
        let q = typed("Communications Compatibility and Security Agreement", &[]);
        assert!(matches!(
            grade(&q, &text("Comunications Compatability and Security Agrement")),
            Outcome::NearMiss { .. }
        ));
    }

    #[test]
    fn numbers_years_and_short_acronyms_are_exact() {
        for (answer, close) in [
            ("2018", "2019"),
            ("193", "194"),
            ("BECA", "BEKA"),
            ("6 September 2018", "7 September 2018"),
        ] {
            assert_eq!(grade(&typed(answer, &[]), &text(close)), Outcome::Wrong, "{answer}");
            assert_eq!(grade(&typed(answer, &[]), &text(answer)), Outcome::Correct, "{answer}");
        }
        // A long acronym allows a typo.
        assert!(matches!(grade(&typed("COMCASA", &[]), &text("COMCSA")), Outcome::NearMiss { .. }));
        assert_eq!(grade(&typed("1,000", &[]), &text("1000")), Outcome::Correct);
        // The same date or number written another way.
        for (answer, other) in [
            ("September 2018", "Sept. 2018"),
            ("6 September 2018", "September 6, 2018"),
            ("6 September 2018", "2018-09-06"),
            ("4 km", "4.0 km"),
            ("$2.5 billion", "$2.50 billion"),
        ] {
            assert_eq!(grade(&typed(answer, &[]), &text(other)), Outcome::Correct, "{other}");
        }
        assert_eq!(grade(&typed("4 km", &[]), &text("4 miles")), Outcome::Wrong);
    }

    #[test]
    fn group_answers_in_any_order() {
        let mut q = typed("India, Japan, Australia and the United States", &[]);
        q.unordered = true;
        assert_eq!(grade(&q, &text("united states, australia, japan and india")), Outcome::Correct);
        assert_eq!(
            grade(&q, &text("Japan; India; Australia; the United States")),
            Outcome::Correct
        );
        assert!(matches!(
            grade(&q, &text("united states, australia, japan, indai")),
            Outcome::NearMiss { .. }
        ));
        assert_eq!(grade(&q, &text("India, Japan")), Outcome::Wrong);
    }

    #[test]
    fn choices() {
        let mut q = typed("Quad", &[]);
        q.kind = QuestionKind::TrueFalse;
        q.options = vec!["True".into(), "False".into()];
        q.correct = Some(1);
        assert_eq!(grade(&q, &Response::Choice(1)), Outcome::Correct);
        assert_eq!(grade(&q, &Response::Choice(0)), Outcome::Wrong);
        assert_eq!(grade(&q, &text("false")), Outcome::Correct);
        assert_eq!(grade(&q, &text("n")), Outcome::Correct);
        assert_eq!(grade(&q, &text("yes")), Outcome::Wrong);
    }
}
