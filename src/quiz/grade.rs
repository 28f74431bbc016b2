//! Grading a response to a question.
//!
//! Typed answers are compared after [`normalize`](super::normalize::normalize) against the
//! answer and every accepted alternative; a person's name also after
//! [`name_key`](super::normalize::name_key) (initials and honorifics do not matter) and with
//! initials standing for the names they begin (`S. Jaishankar` = `Subrahmanyam Jaishankar`).
//!
//! Two kinds of answer are near misses, shown with what differed so the learner can judge:
//! - a typo: within a small edit distance that grows with the answer's length. Years, dates,
//!   numbers and acronyms of five letters or fewer must be exact, and so must every number
//!   inside an answer (`Article 21` against `Article 21A`, `the 42nd Amendment` against `the
//!   43rd`): one digit off is a different answer there, not a typo;
//! - the whole answer plus a little: every word of the answer, in order, with at most
//!   [`MAX_EXTRA_WORDS`] more (`the Communications Compatibility and Security Agreement of
//!   2018`). Not when the extra words hedge (`India or Pakistan`, `not India`, a list where one
//!   answer was asked), and not for years, dates and numbers (`2018 or 2019`).
//!
//! Group answers (lists of members) are compared as sets, in any order, member by member.

use serde::Serialize;

use super::Question;
use super::normalize::{self, list_items};
use super::shape::Form;

/// The most words a typed answer may add to the whole right answer and still be a near miss
/// ("… of 2018", "Article 21 of the Constitution"); fewer for a one-word answer (see
/// [`extra_words_allowed`]). More than that reads as a different answer, or a sentence
/// around one.
pub const MAX_EXTRA_WORDS: usize = 3;

/// Words that turn extra words into a hedge or a contradiction rather than a detail.
const HEDGES: &[&str] = &[
    "or", "and", "nor", "not", "no", "never", "vs", "versus", "either", "neither", "but", "except",
    "maybe", "perhaps", "possibly", "probably",
];

/// What the learner gave.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Response {
    /// The index of the chosen option.
    Choice(usize),
    /// Free text; empty or blank counts as "don't know".
    Text(String),
    DontKnow,
}

/// How a response was judged. (Not `Outcome`: that is [`crate::schedule::Outcome`], the kind
/// of answer the store keeps, which a judgement is turned into when it is saved; nor
/// `stats::Verdict`, the coarser right/wrong/blank that history and paper marking count.)
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "outcome", rename_all = "kebab-case")]
pub enum Judgement {
    Correct,
    /// Close to `expected` (the accepted answer it was closest to); `differences` walk the
    /// response as typed, with what is missing from it taken from `expected`: render them with
    /// [`render_differences`].
    NearMiss {
        expected: String,
        differences: Vec<Difference>,
    },
    Wrong,
    DontKnow,
}

impl Judgement {
    pub fn is_correct(&self) -> bool {
        matches!(self, Judgement::Correct)
    }
}

/// One stretch of a near miss. The learner's own characters are kept (their case, spacing and
/// punctuation): a near miss is about what they typed, and `2 2 dialog` would not be.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "op", content = "text", rename_all = "kebab-case")]
pub enum Difference {
    /// In both (as typed), or typed differently in a way that does not matter (`-`, `.`).
    Same(String),
    /// In the expected answer (as the deck writes it), missing from the response.
    Missing(String),
    /// In the response (as typed), not in the expected answer.
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

/// Does a near miss only add whole words to the answer (`Agreement {+of 2018+}`), rather than
/// misspell it? Then the UI says the answer said more, not that the spelling is off.
pub fn only_adds_words(diffs: &[Difference]) -> bool {
    let text = |d: &Difference| match d {
        Difference::Same(t) | Difference::Missing(t) | Difference::Extra(t) => t.clone(),
    };
    let boundary = |t: Option<String>, end: bool| {
        t.is_none_or(|t| {
            let c = if end { t.chars().next_back() } else { t.chars().next() };
            c.is_none_or(|c| !c.is_alphanumeric())
        })
    };
    let mut extra = false;
    for (k, d) in diffs.iter().enumerate() {
        match d {
            Difference::Missing(_) => return false,
            Difference::Extra(_) => {
                let before = k.checked_sub(1).map(|k| text(&diffs[k]));
                let after = diffs.get(k + 1).map(text);
                if !boundary(before, true) || !boundary(after, false) {
                    return false;
                }
                extra = true;
            }
            Difference::Same(_) => {}
        }
    }
    extra
}

/// Grades `response` to `question`.
pub fn grade(question: &Question, response: &Response) -> Judgement {
    match response {
        Response::DontKnow => Judgement::DontKnow,
        Response::Choice(i) => match question.correct {
            Some(c) if c == *i => Judgement::Correct,
            Some(_) => Judgement::Wrong,
            // A question without options answered by index: nothing to match.
            None => Judgement::Wrong,
        },
        Response::Text(text) => {
            if text.trim().is_empty() {
                return Judgement::DontKnow;
            }
            if let Some(correct) = question.correct {
                return match option_for(question, text) {
                    Some(i) if i == correct => Judgement::Correct,
                    Some(_) => Judgement::Wrong,
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

fn grade_text(question: &Question, text: &str) -> Judgement {
    let text = text.trim();
    if question.unordered {
        return grade_list(question, text);
    }
    // The closest near miss so far: its distance, the accepted answer, and whether it was
    // compared as a name.
    let mut best: Option<(usize, &str, bool)> = None;
    for accepted in &question.accepted {
        // A name is compared as a name only: `A. Raja` keeps its initial, which the plain
        // rules would read as an article.
        let person = question.person && name_like(accepted);
        let (expected, given) = if person {
            (normalize::name_key(accepted), normalize::name_key(text))
        } else {
            (normalize::normalize(accepted), normalize::normalize(text))
        };
        if expected == given || same_value(accepted, text) || person && same_name(&expected, &given)
        {
            return Judgement::Correct;
        }
        if Form::of(accepted).is_exact() {
            let bare = without_preposition(text);
            if bare.len() < text.len()
                && (normalize::normalize(bare) == expected || same_value(accepted, bare))
            {
                return Judgement::Correct;
            }
        }
        if let Some(distance) = near_miss(accepted, text, &expected, &given)
            && best.is_none_or(|b| distance < b.0)
        {
            best = Some((distance, accepted, person));
        }
    }
    match best {
        Some((_, accepted, person)) => Judgement::NearMiss {
            expected: accepted.to_owned(),
            differences: differences(accepted, text, person),
        },
        None => Judgement::Wrong,
    }
}

/// A date or number answered as a phrase: `in 2018`, `on 6 September 2018`, `in the year
/// 1950`, `since 2010` (to "Since which year …?") are the answer itself.
fn without_preposition(text: &str) -> &str {
    for p in ["in the year ", "in ", "on the ", "on ", "since "] {
        if text.len() > p.len()
            && text.is_char_boundary(p.len())
            && text[..p.len()].eq_ignore_ascii_case(p)
        {
            return text[p.len()..].trim_start();
        }
    }
    text
}

/// How far `given` is from `expected` (both normalised from `accepted` and `text`) if it is a
/// near miss: a typo, or the whole answer plus a little (see the module documentation).
fn near_miss(accepted: &str, text: &str, expected: &str, given: &str) -> Option<usize> {
    let typo = |e: &str, g: &str| {
        let distance = strsim::levenshtein(e, g);
        (distance <= tolerance(e.chars().count())
            && numbers(e).eq(numbers(g))
            && !flips_contrast(e, g))
        .then_some(distance)
    };
    let exact = exact_only(accepted);
    if !exact && let Some(d) = typo(expected, given) {
        return Some(d);
    }
    if Form::of(accepted).is_exact() || separators(text) > separators(accepted) {
        return None;
    }
    let e: Vec<&str> = expected.split(' ').collect();
    let g: Vec<&str> = given.split(' ').collect();
    let extra = g.len().checked_sub(e.len()).filter(|&n| n > 0)?;
    if extra > extra_words_allowed(e.len()) {
        return None;
    }
    let distance = given.len() - expected.len().min(given.len());
    // Every word of the answer, in order, with the extra words around or between them.
    let mut matched = 0;
    let mut extras = Vec::with_capacity(extra);
    for w in &g {
        if matched < e.len() && *w == e[matched] {
            matched += 1;
        } else {
            extras.push(*w);
        }
    }
    if matched == e.len() {
        return (!extras.iter().any(|w| HEDGES.contains(w))).then_some(distance);
    }
    // Or the answer with a typo in one run of words, the extra words around it.
    if exact {
        return None;
    }
    (0..=extra).find_map(|start| {
        let (before, rest) = g.split_at(start);
        let (window, after) = rest.split_at(e.len());
        if before.iter().chain(after).any(|w| HEDGES.contains(w)) {
            return None;
        }
        typo(expected, &window.join(" ")).map(|d| d + distance)
    })
}

/// How many words a typed answer may add to an answer of `words` words: one word more than
/// the answer has, at most [`MAX_EXTRA_WORDS`]. `North Korea` is a near miss for `Korea`,
/// `the Quad of four democracies` is not one for `Quad`.
pub fn extra_words_allowed(words: usize) -> usize {
    (words + 1).min(MAX_EXTRA_WORDS)
}

/// List separators in `s` (`,` that is not a thousands separator, `;`, `/`, `|`): an answer
/// with more of them than the right answer lists alternatives.
fn separators(s: &str) -> usize {
    let bytes = s.as_bytes();
    bytes
        .iter()
        .enumerate()
        .filter(|&(i, &b)| match b {
            b';' | b'/' | b'|' => true,
            b',' => !normalize::thousands_comma(bytes, i),
            _ => false,
        })
        .count()
}

/// The numbers inside a normalised answer, each with what is joined to it after its first
/// digit (`21a`, `42th`, `400` of `s400`): a near miss must keep all of them.
fn numbers(normalized: &str) -> impl Iterator<Item = &str> {
    normalized.split(' ').filter_map(|w| w.find(|c: char| c.is_ascii_digit()).map(|i| &w[i..]))
}

/// Words that a one- or two-letter slip turns into their opposite (`North Korea` and `South
/// Korea`, `western` and `eastern`, `exports` and `imports`): a different answer, never a typo.
const CONTRASTS: &[&str] = &[
    "north",
    "south",
    "east",
    "west",
    "northern",
    "southern",
    "eastern",
    "western",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "upper",
    "lower",
    "import",
    "export",
    "imports",
    "exports",
    "maximum",
    "minimum",
    "increase",
    "decrease",
    "inflation",
    "deflation",
];

/// Does `given` (normalised) hold a contrast word (see [`CONTRASTS`]) that `expected` does not,
/// or fewer times? `south korea` against `north korea`, not `nort korea`.
fn flips_contrast(expected: &str, given: &str) -> bool {
    let count = |s: &str, w: &str| s.split(' ').filter(|x| *x == w).count();
    CONTRASTS.iter().any(|w| count(given, w) > count(expected, w))
}

/// Does the deck write `answer` as a name: every word capitalised (`Dr. B. R. Ambedkar`,
/// `Elizabeth II`), at most seven words? An office (`the Secretary of State`) is not, and is
/// graded with the plain rules (no honorific is dropped from `Lt. Governor`'s answer `Lt.
/// Governor`... unless the deck capitalises it as a name).
fn name_like(answer: &str) -> bool {
    let mut words = 0;
    for w in answer.split_whitespace() {
        words += 1;
        if !w.chars().find(|c| c.is_alphanumeric()).is_some_and(char::is_uppercase) {
            return false;
        }
    }
    (1..=7).contains(&words)
}

/// Are two names (normalised by [`normalize::name_key`]) the same person, with initials
/// standing for the names they begin? The last word (the family name) must be the same, and
/// every name before it must match a name or be its initial: `s jaishankar` = `subrahmanyam
/// jaishankar`, `br ambedkar` = `bhimrao ramji ambedkar`, `apj abdul kalam` = `avul pakir
/// jainulabdeen abdul kalam`. A name is never dropped: `jaishankar` is not `s jaishankar`.
pub fn same_name(a: &str, b: &str) -> bool {
    let a: Vec<&str> = a.split(' ').collect();
    let b: Vec<&str> = b.split(' ').collect();
    match (a.split_last(), b.split_last()) {
        (Some((family_a, given_a)), Some((family_b, given_b))) => {
            family_a == family_b
                && family_a.len() > 1
                && !given_a.is_empty()
                && !given_b.is_empty()
                && given_names_match(given_a, given_b)
        }
        _ => false,
    }
}

fn given_names_match(a: &[&str], b: &[&str]) -> bool {
    let (Some((x, rest_a)), Some((y, rest_b))) = (a.split_first(), b.split_first()) else {
        return a.is_empty() && b.is_empty();
    };
    (x == y && given_names_match(rest_a, rest_b))
        || initials_of(x, b).is_some_and(|k| given_names_match(rest_a, &b[k..]))
        || initials_of(y, a).is_some_and(|k| given_names_match(&a[k..], rest_b))
}

/// If `initials` (one to four letters) are the first letters of the next names in `names`,
/// how many names they stand for.
fn initials_of(initials: &str, names: &[&str]) -> Option<usize> {
    let k = initials.len();
    let letters = initials.bytes().all(|b| b.is_ascii_alphabetic());
    let covers = names.len() >= k
        && initials.bytes().zip(names).all(|(c, n)| n.as_bytes().first() == Some(&c));
    ((1..=4).contains(&k) && letters && covers).then_some(k)
}

/// Grades a list answer: the members as sets, else member by member, each typed member paired
/// with the expected member closest to it. The typos of all members together must stay within
/// the tolerance of the whole list, and a missing or extra member counts as all its letters.
fn grade_list(question: &Question, text: &str) -> Judgement {
    let given = list_items(text);
    let plain = normalize::normalize(text);
    let typed = members(text);
    let mut best: Option<(usize, &str, Pairing)> = None;
    for accepted in &question.accepted {
        // The members as sets, or the same words in the same order (a separator left out).
        if list_items(accepted) == given || normalize::normalize(accepted) == plain {
            return Judgement::Correct;
        }
        let expected = members(accepted);
        let pairing = pair_members(&expected, &typed);
        let total: usize = expected.iter().map(|m| m.key.chars().count()).sum::<usize>()
            + expected.len().saturating_sub(1) * 2;
        if pairing.cost <= tolerance(total)
            && pairing.numbers_kept
            && best.as_ref().is_none_or(|b| pairing.cost < b.0)
        {
            best = Some((pairing.cost, accepted, pairing));
        }
    }
    let Some((_, accepted, pairing)) = best else { return Judgement::Wrong };
    let expected = members(accepted);
    let mut out = Vec::new();
    let mut pos = 0;
    for (j, m) in typed.iter().enumerate() {
        push(&mut out, Difference::Same(text[pos..m.at.start].to_owned()));
        match pairing.partner[j] {
            Some(i) if expected[i].key == m.key => {
                push(&mut out, Difference::Same(text[m.at.clone()].to_owned()));
            }
            Some(i) => {
                let e = &accepted[expected[i].at.clone()];
                for d in differences(e, &text[m.at.clone()], false) {
                    push(&mut out, d);
                }
            }
            None => push(&mut out, Difference::Extra(text[m.at.clone()].to_owned())),
        }
        pos = m.at.end;
    }
    push(&mut out, Difference::Same(text[pos..].to_owned()));
    for (i, m) in expected.iter().enumerate() {
        if !pairing.partner.contains(&Some(i)) {
            let sep = if typed.is_empty() { "" } else { ", " };
            push(&mut out, Difference::Missing(format!("{sep}{}", &accepted[m.at.clone()])));
        }
    }
    Judgement::NearMiss { expected: accepted.to_owned(), differences: out }
}

/// One member of a list answer: where it is in the text, its normalised form, and whether it
/// must be typed exactly (an acronym of five letters or fewer, a year or number, anything of
/// three letters or fewer: `US` is not a typo of `UK`, and leaving it out is no typo either).
struct Member {
    at: std::ops::Range<usize>,
    key: String,
    exact: bool,
}

/// The members of a list answer in the order written (see [`normalize::member_ranges`]).
fn members(s: &str) -> Vec<Member> {
    normalize::member_ranges(s)
        .into_iter()
        .map(|at| {
            let raw = s[at.clone()].trim();
            let bare = raw.strip_prefix("the ").or_else(|| raw.strip_prefix("The ")).unwrap_or(raw);
            let key = normalize::normalize(raw);
            // Three letters or fewer leave no room for a typo (`US`, as `the United States`
            // reads too).
            let exact = exact_only(bare) || key.chars().count() <= 3;
            Member { key, exact, at }
        })
        .filter(|m| !m.key.is_empty())
        .collect()
}

/// Typed members paired with expected ones.
struct Pairing {
    /// For each typed member, the expected member it stands for.
    partner: Vec<Option<usize>>,
    /// The edits of the pairs plus the letters of unpaired members.
    cost: usize,
    /// No pair changes a number (see [`numbers`]), misspells a member that must be exact (see
    /// [`Member`]) or flips a contrast word (see [`CONTRASTS`]).
    numbers_kept: bool,
}

/// Pairs typed members with expected ones: equal members first, then the closest pair of the
/// rest, again and again. Lists are short (a group's members), so the quadratic search is cheap.
fn pair_members(expected: &[Member], typed: &[Member]) -> Pairing {
    let mut partner: Vec<Option<usize>> = vec![None; typed.len()];
    let mut taken = vec![false; expected.len()];
    for (j, t) in typed.iter().enumerate() {
        if let Some(i) = (0..expected.len()).find(|&i| !taken[i] && expected[i].key == t.key) {
            partner[j] = Some(i);
            taken[i] = true;
        }
    }
    let mut cost = 0;
    let mut numbers_kept = true;
    loop {
        let closest = (0..typed.len())
            .filter(|&j| partner[j].is_none())
            .flat_map(|j| (0..expected.len()).filter(|&i| !taken[i]).map(move |i| (i, j)))
            .map(|(i, j)| (strsim::levenshtein(&expected[i].key, &typed[j].key), i, j))
            .min();
        let Some((d, i, j)) = closest else { break };
        partner[j] = Some(i);
        taken[i] = true;
        cost += d;
        numbers_kept &= numbers(&expected[i].key).eq(numbers(&typed[j].key))
            && !expected[i].exact
            && !flips_contrast(&expected[i].key, &typed[j].key);
    }
    let unpaired = |m: &Member| m.key.chars().count();
    // A member left out or added that must be exact is a different list, however short.
    numbers_kept &= expected.iter().zip(&taken).all(|(m, t)| *t || !m.exact)
        && typed.iter().zip(&partner).all(|(m, p)| p.is_some() || !m.exact);
    cost +=
        expected.iter().zip(&taken).filter(|(_, t)| !**t).map(|(m, _)| unpaired(m)).sum::<usize>();
    cost += typed
        .iter()
        .zip(&partner)
        .filter(|(_, p)| p.is_none())
        .map(|(m, _)| unpaired(m))
        .sum::<usize>();
    Pairing { partner, cost, numbers_kept }
}

/// Appends `d` to `out`, merging it with the last stretch of the same kind; empty stretches are
/// dropped.
fn push(out: &mut Vec<Difference>, d: Difference) {
    let text = match &d {
        Difference::Same(t) | Difference::Missing(t) | Difference::Extra(t) => t,
    };
    if text.is_empty() {
        return;
    }
    match (out.last_mut(), &d) {
        (Some(Difference::Same(s)), Difference::Same(t))
        | (Some(Difference::Missing(s)), Difference::Missing(t))
        | (Some(Difference::Extra(s)), Difference::Extra(t)) => s.push_str(t),
        _ => out.push(d),
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
        (Form::MonthYear { month, year, .. }, Form::Text) => {
            numeric_month_year(b) == Some((month, year))
        }
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

/// A month and year written in figures, `9/2018`, `09/2018`, `2018-9` or `2018-09`: what
/// `September 2018` is typed as. Only a typed answer is read so, against a month the deck writes
/// as a word: a financial year in a deck (`2011-12`) is never read as a month.
fn numeric_month_year(s: &str) -> Option<(u8, i32)> {
    let (a, b) = s.trim().split_once(['/', '-'])?;
    let month = |m: &str| {
        let n: u8 =
            (m.len() <= 2 && m.bytes().all(|c| c.is_ascii_digit())).then(|| m.parse().ok())??;
        (1..=12).contains(&n).then_some(n)
    };
    let year = |y: &str| match Form::of(y) {
        Form::Year(y) => Some(y),
        _ => None,
    };
    month(a).zip(year(b)).or_else(|| month(b).zip(year(a)))
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

/// The differences between the accepted answer `expected` and the response `given`, both as
/// written. The comparison is of their normalised forms (compared as names if `person`): whole
/// words first, so an added or missing word shows as one (`42nd {+Constitutional+} Amendment`),
/// then characters within the words that differ (`Jaish{+e+}[-a-]nkar`). Each normalised
/// character is shown as the original characters it came from, so the learner sees their own
/// typing (`2+2 dialog[-ue-]`, not `2plus2 dialog[-ue-]`). What normalising dropped (a hyphen, a
/// full stop, a leading `the`) is shown as typed, outside the marks, unless it lies inside a
/// stretch of extra text.
fn differences(expected: &str, given: &str, person: bool) -> Vec<Difference> {
    let e = normalize::traced(expected, person);
    let g = normalize::traced(given, person);
    let a: Vec<(usize, char)> = e.text.char_indices().collect();
    let b: Vec<(usize, char)> = g.text.char_indices().collect();
    let Some(ops) = word_ops(&a, &b) else {
        return vec![Difference::Missing(expected.into()), Difference::Extra(given.into())];
    };
    let mut out = Vec::new();
    // Bytes of `given` and of `expected` already shown, and the kind of the last stretch.
    let (mut pos, mut epos) = (0, 0);
    let mut last: Option<Op> = None;
    for op in ops {
        match op {
            Op::Missing(i) => {
                let from = &e.from[a[i].0];
                let start =
                    if matches!(last, Some(Op::Missing(_))) { epos } else { from.start.max(epos) };
                let end = from.end.max(start);
                push(&mut out, Difference::Missing(expected[start..end].to_owned()));
                epos = end;
            }
            Op::Same(_, j) | Op::Extra(j) => {
                let extra = matches!(op, Op::Extra(_));
                let from = &g.from[b[j].0];
                let start = from.start.max(pos);
                let gap = given[pos..start].to_owned();
                let continues = matches!(
                    (last, op),
                    (Some(Op::Extra(_)), Op::Extra(_)) | (Some(Op::Same(..)), Op::Same(..))
                );
                push(&mut out, if continues { stretch(extra, gap) } else { Difference::Same(gap) });
                let end = from.end.max(start);
                push(&mut out, stretch(extra, given[start..end].to_owned()));
                pos = end;
                if let Op::Same(i, _) = op {
                    epos = e.from[a[i].0].end.max(epos);
                }
            }
        }
        last = Some(op);
    }
    push(&mut out, Difference::Same(given[pos..].to_owned()));
    spaces_outside(out)
}

/// One step of a diff over the characters of the expected (`i`) and given (`j`) text.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Op {
    Same(usize, usize),
    Missing(usize),
    Extra(usize),
}

/// The words of a normalised text as ranges of its characters, each with the space before it.
fn word_ranges(chars: &[(usize, char)]) -> Vec<std::ops::Range<usize>> {
    let mut words = Vec::new();
    let mut start = 0;
    for (k, &(_, c)) in chars.iter().enumerate() {
        if c == ' ' && k > start {
            words.push(start..k);
            start = k;
        }
    }
    if start < chars.len() {
        words.push(start..chars.len());
    }
    words
}

/// A diff of `a` and `b` word by word (longest common subsequence of words), with the words
/// between two common ones compared character by character. `None` when the texts are too
/// long to compare.
fn word_ops(a: &[(usize, char)], b: &[(usize, char)]) -> Option<Vec<Op>> {
    let (wa, wb) = (word_ranges(a), word_ranges(b));
    let word = |chars: &[(usize, char)], r: &std::ops::Range<usize>| -> String {
        chars[r.clone()].iter().map(|&(_, c)| c).filter(|&c| c != ' ').collect()
    };
    let ka: Vec<String> = wa.iter().map(|r| word(a, r)).collect();
    let kb: Vec<String> = wb.iter().map(|r| word(b, r)).collect();
    let pairs = lcs_pairs(&ka, &kb)?;
    let mut ops = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    for (pi, pj) in pairs.into_iter().chain([(wa.len(), wb.len())]) {
        // The words between two common ones: character by character.
        let ra = wa.get(i).map_or(a.len(), |r| r.start)..wa.get(pi).map_or(a.len(), |r| r.start);
        let rb = wb.get(j).map_or(b.len(), |r| r.start)..wb.get(pj).map_or(b.len(), |r| r.start);
        let (ca, cb): (Vec<char>, Vec<char>) = (
            a[ra.clone()].iter().map(|p| p.1).collect(),
            b[rb.clone()].iter().map(|p| p.1).collect(),
        );
        if ca.is_empty() || cb.is_empty() {
            ops.extend(ra.map(Op::Missing));
            ops.extend(rb.map(Op::Extra));
        } else {
            // Between common characters: what is extra, then what is missing.
            let (mut x0, mut y0) = (0, 0);
            for (x1, y1) in lcs_pairs(&ca, &cb)?.into_iter().chain([(ca.len(), cb.len())]) {
                ops.extend((y0..y1).map(|y| Op::Extra(rb.start + y)));
                ops.extend((x0..x1).map(|x| Op::Missing(ra.start + x)));
                if x1 < ca.len() {
                    ops.push(Op::Same(ra.start + x1, rb.start + y1));
                }
                (x0, y0) = (x1 + 1, y1 + 1);
            }
        }
        if pi == wa.len() {
            break;
        }
        // The common word, and the space before it if both have one.
        let (ra, rb) = (wa[pi].clone(), wb[pj].clone());
        let (sa, sb) = (a[ra.start].1 == ' ', b[rb.start].1 == ' ');
        match (sa, sb) {
            (true, true) => ops.push(Op::Same(ra.start, rb.start)),
            (true, false) => ops.push(Op::Missing(ra.start)),
            (false, true) => ops.push(Op::Extra(rb.start)),
            (false, false) => {}
        }
        let (oa, ob) = (ra.start + usize::from(sa), rb.start + usize::from(sb));
        ops.extend((0..ra.end - oa).map(|k| Op::Same(oa + k, ob + k)));
        (i, j) = (pi + 1, pj + 1);
    }
    Some(ops)
}

/// The index pairs of a longest common subsequence of `a` and `b`, in order; `None` when the
/// table would be too large (a quarter of a million cells).
fn lcs_pairs<T: PartialEq>(a: &[T], b: &[T]) -> Option<Vec<(usize, usize)>> {
    let (n, m) = (a.len(), b.len());
    if n.saturating_mul(m) > 250_000 {
        return None;
    }
    // lcs[i][j]: LCS length of a[i..] and b[j..].
    let mut lcs = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] =
                if a[i] == b[j] { lcs[i + 1][j + 1] + 1 } else { lcs[i + 1][j].max(lcs[i][j + 1]) };
        }
    }
    let mut pairs = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < n && j < m {
        if a[i] == b[j] {
            pairs.push((i, j));
            i += 1;
            j += 1;
        } else if lcs[i][j + 1] >= lcs[i + 1][j] {
            j += 1;
        } else {
            i += 1;
        }
    }
    Some(pairs)
}

/// Moves the spaces around extra words outside their marks (`Agreement {+of 2018+}` rather
/// than `Agreement{+ of 2018+}`), which reads better and wraps at the space. A stretch that is
/// only spaces keeps its marks.
fn spaces_outside(diffs: Vec<Difference>) -> Vec<Difference> {
    let mut out = Vec::with_capacity(diffs.len());
    for d in diffs {
        match d {
            Difference::Extra(t) if !t.trim().is_empty() && t.trim().len() < t.len() => {
                let core = t.trim();
                let lead = t.len() - t.trim_start().len();
                push(&mut out, Difference::Same(t[..lead].to_owned()));
                push(&mut out, Difference::Extra(core.to_owned()));
                push(&mut out, Difference::Same(t[lead + core.len()..].to_owned()));
            }
            d => push(&mut out, d),
        }
    }
    out
}

/// Typed text, extra or not.
fn stretch(extra: bool, text: String) -> Difference {
    if extra { Difference::Extra(text) } else { Difference::Same(text) }
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
            person: false,
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
            assert_eq!(grade(&q, &text(r)), Judgement::Correct, "{r}");
        }
        assert_eq!(grade(&q, &text("")), Judgement::DontKnow);
        assert_eq!(grade(&q, &text("   ")), Judgement::DontKnow);
        assert_eq!(grade(&q, &Response::DontKnow), Judgement::DontKnow);
        assert_eq!(grade(&q, &text("Intelligence Bureau")), Judgement::Wrong);
    }

    #[test]
    fn near_misses_show_what_differed() {
        let q = typed("Subrahmanyam Jaishankar", &[]);
        let Judgement::NearMiss { expected, differences } =
            grade(&q, &text("Subramanyam Jaishenkar"))
        else {
            panic!("expected a near miss");
        };
        assert_eq!(expected, "Subrahmanyam Jaishankar");
        assert_eq!(render_differences(&differences), "Subra[-h-]manyam Jaish{+e+}[-a-]nkar");
        assert_eq!(grade(&q, &text("Rajnath Singh")), Judgement::Wrong);
    }

    #[test]
    fn tolerance_grows_with_length() {
        assert_eq!(tolerance(3), 0);
        assert!(tolerance(8) < tolerance(25));
        let q = typed("Quad", &[]);
        assert!(matches!(grade(&q, &text("Quads")), Judgement::NearMiss { .. }));
        let q = typed("Communications Compatibility and Security Agreement", &[]);
        assert!(matches!(
            grade(&q, &text("Comunications Compatability and Security Agrement")),
            Judgement::NearMiss { .. }
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
            assert_eq!(grade(&typed(answer, &[]), &text(close)), Judgement::Wrong, "{answer}");
            assert_eq!(grade(&typed(answer, &[]), &text(answer)), Judgement::Correct, "{answer}");
        }
        // A long acronym allows a typo.
        assert!(matches!(
            grade(&typed("COMCASA", &[]), &text("COMCSA")),
            Judgement::NearMiss { .. }
        ));
        assert_eq!(grade(&typed("1,000", &[]), &text("1000")), Judgement::Correct);
        // The same date or number written another way.
        for (answer, other) in [
            ("September 2018", "Sept. 2018"),
            ("6 September 2018", "September 6, 2018"),
            ("6 September 2018", "2018-09-06"),
            ("4 km", "4.0 km"),
            ("$2.5 billion", "$2.50 billion"),
        ] {
            assert_eq!(grade(&typed(answer, &[]), &text(other)), Judgement::Correct, "{other}");
        }
        assert_eq!(grade(&typed("4 km", &[]), &text("4 miles")), Judgement::Wrong);
    }

    #[test]
    fn group_answers_in_any_order() {
        let mut q = typed("India, Japan, Australia and the United States", &[]);
        q.unordered = true;
        assert_eq!(
            grade(&q, &text("united states, australia, japan and india")),
            Judgement::Correct
        );
        assert_eq!(
            grade(&q, &text("Japan; India; Australia; the United States")),
            Judgement::Correct
        );
        assert!(matches!(
            grade(&q, &text("united states, australia, japan, indai")),
            Judgement::NearMiss { .. }
        ));
        assert_eq!(grade(&q, &text("India, Japan")), Judgement::Wrong);
    }

    #[test]
    fn a_contrast_word_is_a_different_answer_not_a_typo() {
        // Dogfooding: `South Korea` was a near miss for `North Korea` (two letters), and a
        // near miss is saved as Hard, a pass, when Enter keeps it.
        wrong(&typed("The U.S.–North Korea summit", &[]), &["US-South Korea summit"]);
        wrong(&typed("western Indian Ocean", &[]), &["eastern Indian Ocean"]);
        wrong(&typed("license-free exports", &[]), &["license-free imports"]);
        let mut q = typed("Iran, North Korea and Russia", &[]);
        q.unordered = true;
        wrong(&q, &["Iran, South Korea, Russia"]);
        // A slip inside the word stays a typo.
        assert_eq!(near_miss(&q, "Iran, Nort Korea, Russia"), "Iran, Nort[-h-] Korea, Russia");
        near_miss(&typed("North Korea", &[]), "Nroth Korea");
    }

    #[test]
    fn a_short_acronym_in_a_list_must_be_exact() {
        // As it must be alone: `UK` is not a typo of `US`.
        let mut q = typed("US, France, Russia and Australia", &[]);
        q.unordered = true;
        wrong(&q, &["France, Russia, Australia, UK", "UK, France, Russia and Australia"]);
        correct(&q, &["France, Russia, Australia and the US"]);
        let mut q = typed("India, Japan, Australia and the US", &[]);
        q.unordered = true;
        wrong(&q, &["India, Japan, Australia and the UK"]);
        near_miss(&q, "India, Japan, Austrlia and the US");
    }

    #[test]
    fn the_us_however_written_in_a_blank_or_a_list() {
        // Dogfooding: `United States` in the blank of "… and now with the ____." (`US`) was
        // wrong, and a list left without `the US` was a near miss (two letters missing).
        correct(&typed("US", &[]), &["United States", "USA", "the United States of America"]);
        let mut q = typed("India, Japan, Australia and the US", &[]);
        q.unordered = true;
        correct(
            &q,
            &["India, Japan, Australia and the United States", "USA, India, Japan, Australia"],
        );
        wrong(&q, &["India, Japan, Australia", "India, Japan, Australia, US and UK"]);
    }

    #[test]
    fn a_month_written_in_figures_is_the_month() {
        let q = typed("September 2018", &["2018-09", "09/2018"]);
        correct(&q, &["9/2018", "09/2018", "2018-9", "2018-09", "2018/9", "9-2018"]);
        wrong(&q, &["8/2018", "2018-10", "9/2019", "13/2018"]);
        // Only against a month written as a word: a financial year stays what it is.
        wrong(&typed("2011-12", &[]), &["December 2011", "12/2011"]);
    }

    #[test]
    fn a_date_said_with_of_is_the_date() {
        let q = typed("26 January 1950", &[]);
        correct(&q, &["26th of January 1950", "26 of january 1950", "on the 26th of January 1950"]);
        wrong(&q, &["25th of January 1950"]);
    }

    #[test]
    fn since_a_year_is_the_year() {
        correct(&typed("2010", &[]), &["since 2010", "Since 2010"]);
        wrong(&typed("2010", &[]), &["since 2011"]);
    }

    #[test]
    fn choices() {
        let mut q = typed("Quad", &[]);
        q.kind = QuestionKind::TrueFalse;
        q.options = vec!["True".into(), "False".into()];
        q.correct = Some(1);
        assert_eq!(grade(&q, &Response::Choice(1)), Judgement::Correct);
        assert_eq!(grade(&q, &Response::Choice(0)), Judgement::Wrong);
        assert_eq!(grade(&q, &text("false")), Judgement::Correct);
        assert_eq!(grade(&q, &text("n")), Judgement::Correct);
        assert_eq!(grade(&q, &text("yes")), Judgement::Wrong);
    }

    fn person(answer: &str, accept: &[&str]) -> Question {
        let mut q = typed(answer, accept);
        q.person = true;
        q
    }

    fn near_miss(q: &Question, r: &str) -> String {
        match grade(q, &text(r)) {
            Judgement::NearMiss { differences, .. } => render_differences(&differences),
            other => panic!("{r:?} for {:?}: {other:?}, not a near miss", q.answer),
        }
    }

    fn correct(q: &Question, responses: &[&str]) {
        for r in responses {
            assert_eq!(grade(q, &text(r)), Judgement::Correct, "{r:?} for {:?}", q.answer);
        }
    }

    fn wrong(q: &Question, responses: &[&str]) {
        for r in responses {
            assert_eq!(grade(q, &text(r)), Judgement::Wrong, "{r:?} for {:?}", q.answer);
        }
    }

    #[test]
    fn separators_in_codes_do_not_matter() {
        // Issue 14: `STA1` was marked wrong against `STA-1`.
        correct(&typed("STA-1", &[]), &["STA1", "STA 1", "sta-1", "S.T.A.-1"]);
        correct(&typed("S-400", &[]), &["S400", "s 400"]);
        correct(&typed("2+2 dialogue", &[]), &["2 + 2 dialogue", "two plus two dialogue"]);
        correct(&typed("Article 21A", &[]), &["article 21-A", "Art 21A"][..1]);
        correct(&typed("U.S.", &[]), &["US", "U. S.", "u.s"]);
        // Where the separator means something, it still does.
        wrong(&typed("2+2 dialogue", &[]), &["22 dialogue"]);
        wrong(&typed("1-2", &[]), &["12"]);
        wrong(&typed("STA-1", &[]), &["STA-2", "STA 11"]);
    }

    #[test]
    fn numbers_inside_answers_are_exact() {
        // One character off, but another article, amendment or war: never a near miss.
        wrong(&typed("Article 21", &[]), &["Article 21A", "Article 12", "Article 2"]);
        wrong(&typed("the 42nd Amendment", &[]), &["the 43rd Amendment", "the 4th Amendment"]);
        wrong(&typed("World War II", &[]), &["World War I", "World War 3"]);
        wrong(&typed("Chandrayaan-3", &[]), &["Chandrayaan-2"]);
        // A typo in the words around the number is still a near miss.
        assert_eq!(near_miss(&typed("Article 21", &[]), "Artcle 21"), "Art[-i-]cle 21");
        assert!(matches!(
            grade(&typed("Chandrayaan-3", &[]), &text("Chandrayan-3")),
            Judgement::NearMiss { .. }
        ));
        // The same number written another way is right.
        correct(
            &typed("the 42nd Amendment", &[]),
            &["42nd amendment", "the Forty-Second Amendment"],
        );
        correct(&typed("11", &[]), &["eleven", "Eleven."]);
        correct(&typed("Part III", &[]), &["Part 3", "part three", "PART-III"]);
        correct(&typed("40%", &[]), &["40 per cent", "40 percent"]);
        // A year or date answered as a phrase.
        correct(&typed("2018", &[]), &["in 2018", "In the year 2018"]);
        correct(&typed("6 September 2018", &[]), &["on 6 Sept 2018", "on September 6, 2018"]);
        wrong(&typed("2018", &[]), &["in 2019", "by 2018"]);
    }

    #[test]
    fn people_without_honorifics_and_with_initials() {
        // Issue 14: `Dr. B.R. Ambedkar` was wrong against `B. R. Ambedkar`.
        let q = person("B. R. Ambedkar", &[]);
        correct(
            &q,
            &[
                "Dr. B.R. Ambedkar",
                "BR Ambedkar",
                "b r ambedkar",
                "Dr B R Ambedkar",
                "Shri B.R. Ambedkar",
                "Bhimrao Ramji Ambedkar",
                "Dr. Bhimrao R. Ambedkar",
            ],
        );
        // The family name is not enough; another initial is a slip to look at.
        wrong(&q, &["Ambedkar", "Bhimrao Ambedkar", "Rao Bhimrao Ambedkar"]);
        assert_eq!(near_miss(&q, "B. N. Ambedkar"), "B. {+N+}[-R-]. Ambedkar");
        let q = person("Subrahmanyam Jaishankar", &[]);
        correct(&q, &["S. Jaishankar", "Dr. S Jaishankar", "s jaishankar"]);
        wrong(&q, &["K. Jaishankar"]);
        correct(
            &person("A. P. J. Abdul Kalam", &[]),
            &["APJ Abdul Kalam", "Dr. A.P.J. Abdul Kalam"],
        );
        correct(&person("Bipin Rawat", &[]), &["Gen. Bipin Rawat", "General Bipin Rawat"]);
        correct(&person("Droupadi Murmu", &[]), &["Smt. Droupadi Murmu", "Smt Droupadi Murmu"]);
        correct(&person("Smt. Droupadi Murmu", &[]), &["Droupadi Murmu"]);
        correct(&person("Mahatma Gandhi", &[]), &["Gandhi", "Mahatma Gandhi"]);
        correct(&person("Elizabeth II", &[]), &["Elizabeth 2", "Queen Elizabeth II"][..1]);
        // A leading "A" is an initial in a name.
        wrong(&person("A. Raja", &[]), &["Raja"]);
        // Honorifics only matter for people: `Sri Lanka` is a place, `Lanka` is not it.
        wrong(&typed("Sri Lanka", &[]), &["Lanka"]);
        // An office is graded with the plain rules even in a Person fact.
        let office = person("the Secretary of State", &["Secretary of State"]);
        correct(&office, &["secretary of state", "The Secretary of State."]);
        wrong(&person("General Secretary", &[]), &["Secretary"]);
        // Without the person flag an honorific is an extra word: a near miss, not right.
        assert_eq!(
            near_miss(&typed("B. R. Ambedkar", &[]), "Dr. B.R. Ambedkar"),
            "{+Dr.+} B.R. Ambedkar"
        );
    }

    #[test]
    fn the_whole_answer_plus_a_little_is_a_near_miss() {
        let q = typed("Communications Compatibility and Security Agreement", &["COMCASA"]);
        assert_eq!(
            near_miss(&q, "the Communications Compatibility and Security Agreement of 2018"),
            "the Communications Compatibility and Security Agreement {+of 2018+}"
        );
        // With a typo as well.
        assert_eq!(
            near_miss(&q, "Comunications Compatibility and Security Agreement of 2018"),
            "Com[-m-]unications Compatibility and Security Agreement {+of 2018+}"
        );
        assert_eq!(
            near_miss(&typed("Article 21", &[]), "Article 21 of the Constitution"),
            "Article 21 {+of the Constitution+}"
        );
        assert_eq!(near_miss(&typed("Quad", &[]), "the Quad grouping"), "the Quad {+grouping+}");
        let q = typed("Directive Principles of State Policy", &[]);
        assert_eq!(
            near_miss(&q, "Directive Principles of Indian State Policy"),
            "Directive Principles of {+Indian+} State Policy"
        );
        // `the` is never a word more.
        correct(&q, &["the Directive Principles of the State Policy"]);
        correct(
            &typed("Minister of Defence and Minister of External Affairs", &[]),
            &["the Minister of Defence and the Minister of External Affairs"],
        );
        // Hedges and lists are not a little more; neither is a sentence around the answer.
        let q = typed("India", &[]);
        wrong(
            &q,
            &[
                "India or Pakistan",
                "not India",
                "India, Pakistan",
                "India/Pakistan",
                "India and Pakistan",
            ],
        );
        wrong(
            &typed("Quad", &[]),
            &["the Quad of four democracies", "the Quad security dialogue group"],
        );
        // Years, dates and numbers are exact: more digits are another answer.
        wrong(&typed("2018", &[]), &["2018 or 2019", "2018-19", "2018 elections"]);
        wrong(&typed("11", &[]), &["11 or 12", "111"]);
        // The right answer inside more text counts only once per word of the answer.
        wrong(
            &typed("Communications Compatibility and Security Agreement", &[]),
            &["Communications Agreement of 2018"],
        );
    }

    #[test]
    fn near_misses_that_only_add_words_are_told_apart() {
        let diffs = |answer: &str, r: &str| match grade(&typed(answer, &[]), &text(r)) {
            Judgement::NearMiss { differences, .. } => differences,
            other => panic!("{other:?}"),
        };
        assert!(only_adds_words(&diffs("Article 21", "Article 21 of the Constitution")));
        assert!(only_adds_words(&diffs("Korea", "North Korea")));
        assert!(!only_adds_words(&diffs("Sushma Swaraj", "Sushma Swaraaj")));
        assert!(!only_adds_words(&diffs("Quad", "Quads")));
        assert!(!only_adds_words(&diffs("Article 21", "Artcle 21 of the Constitution")));
    }

    #[test]
    fn near_misses_show_what_was_typed() {
        // Issue 14: the diff showed `2 2 dialog[-ue-]` for `2+2 dialog`.
        assert_eq!(near_miss(&typed("2+2 dialogue", &[]), "2+2 dialog"), "2+2 dialog[-ue-]");
        assert_eq!(
            near_miss(&typed("Wassenaar Arrangement", &[]), "the WASSENAR  arrangement."),
            "the WASSENA[-a-]R  arrangement."
        );
        assert_eq!(near_miss(&typed("Jaishankar", &[]), "Jaishenkar"), "Jaish{+e+}[-a-]nkar");
        assert_eq!(
            near_miss(&typed("Café Coffee Day", &[]), "Cafe Cofee Day"),
            "Cafe Cof[-f-]ee Day"
        );
        assert_eq!(near_miss(&typed("New Delhi", &[]), "Newdelhi"), "New[- -]delhi");
        // Whole words added show as words, not as letters scattered over them.
        assert_eq!(
            near_miss(&typed("the 42nd Amendment", &[]), "42nd Constitutional Amendment Act"),
            "42nd {+Constitutional+} Amendment {+Act+}"
        );
        assert_eq!(
            near_miss(&typed("Article 21", &[]), "Art. 21 of the Constitution"),
            "Art. 21 {+of the Constitution+}"
        );
        // Numbers in words are shown as typed too.
        assert_eq!(
            near_miss(&typed("the Forty-second Amendment Act", &[]), "the 42nd Amendmnet Act"),
            "the 42nd Amendm{+n+}e[-n-]t Act"
        );
    }

    #[test]
    fn lists_are_graded_member_by_member_in_the_order_typed() {
        let mut q = typed("India, Japan, Australia and the United States", &[]);
        q.unordered = true;
        // A typo that changes where the member would sort is still a typo.
        assert_eq!(
            near_miss(&q, "Zapan, India, Australia, the United States"),
            "{+Z+}[-J-]apan, India, Australia, the United States"
        );
        assert_eq!(
            near_miss(&q, "united states, australia, japan, indai"),
            "united states, australia, japan, ind{+a+}i[-a-]"
        );
        wrong(&q, &["India, Japan, Australia", "India, Japan, Australia, US, China"]);
        // The same words in the same order with a separator left out are the same answer.
        correct(&q, &["India Japan, Australia and the United States"]);
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        /// What a near miss shows outside the `[-…-]` marks is exactly what was typed.
        fn typed_back(diffs: &[Difference]) -> String {
            diffs
                .iter()
                .filter_map(|d| match d {
                    Difference::Same(t) | Difference::Extra(t) => Some(t.as_str()),
                    Difference::Missing(_) => None,
                })
                .collect()
        }

        const ANSWERS: &[&str] = &[
            "Communications Compatibility and Security Agreement",
            "2+2 dialogue",
            "STA-1",
            "the 42nd Amendment",
            "B. R. Ambedkar",
            "Article 21",
            "Wassenaar Arrangement",
            "Part IVA",
            "Café-Brûlée",
            "India, Japan, Australia and the United States",
        ];

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(256))]

            /// Whatever is typed, a near miss shows the learner's own text, and text that
            /// normalises like the answer is right.
            #[test]
            fn near_misses_keep_the_typing(
                which in 0..ANSWERS.len(),
                person in any::<bool>(),
                unordered in any::<bool>(),
                at in any::<prop::sample::Index>(),
                insert in "[a-zA-Z0-9 .,+&'’-]{0,3}",
                cut in 0usize..3,
                extra in "( (of|the|agreement|2018|or|[A-Z][a-z]{1,6})){0,3}",
            ) {
                let answer = ANSWERS[which];
                let mut q = typed(answer, &[]);
                q.person = person;
                q.unordered = unordered && normalize::is_list(answer);
                let chars: Vec<char> = answer.chars().collect();
                let i = at.index(chars.len() + 1);
                let end = (i + cut).min(chars.len());
                let response: String = chars[..i].iter().chain(insert.chars().collect::<Vec<_>>().iter()).chain(&chars[end..]).collect::<String>() + &extra;
                match grade(&q, &text(&response)) {
                    Judgement::NearMiss { differences, .. } => {
                        prop_assert_eq!(typed_back(&differences), response.trim());
                    }
                    Judgement::Wrong | Judgement::Correct | Judgement::DontKnow => {}
                }
                if normalize::normalize(&response) == normalize::normalize(answer) {
                    prop_assert_eq!(grade(&q, &text(&response)), Judgement::Correct);
                }
            }

            /// A number inside an answer is never off by a digit in a right answer or a
            /// near miss.
            #[test]
            fn other_numbers_are_wrong(
                word in "(Article|Part|Schedule|Mark|Phase|STA|S|MiG)",
                n in 1u32..500,
                m in 1u32..500,
                sep in "[ -]",
            ) {
                prop_assume!(n != m);
                let q = typed(&format!("{word}{sep}{n}"), &[]);
                prop_assert_eq!(grade(&q, &text(&format!("{word} {m}"))), Judgement::Wrong);
                prop_assert_eq!(grade(&q, &text(&format!("{word}{m}"))), Judgement::Wrong);
                prop_assert_eq!(grade(&q, &text(&format!("{word}-{n}"))), Judgement::Correct);
            }
        }
    }
}
