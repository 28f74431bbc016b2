//! Answer types: what sort of thing an answer is, so that every option of a question is one.
//!
//! A learner who sees `Article 21 / Article 17 / The Eighth Schedule / The United States` for
//! "Which Article protects life and personal liberty?" learns to spot the odd one out, not the
//! Article. So every answer (and cue, for reverse questions) gets an [`AnswerType`] and a
//! distractor must have the same one.
//!
//! The type is inferred, never written in the deck: from the answer's form (a year, a date, a
//! count, `Article 21`, `the Eighth Schedule`, `the 42nd Amendment`, a list), the fact's kind
//! (an Acronym's answer is an expansion, a Group's a list of members), for a `Statement` from
//! the question's wording ("Which Article …?", "Who …?", "Which country …?", "In which city
//! …?"), and from small built-in lists of countries, Indian states and union territories and
//! major cities.
//!
//! Some types have a known sibling set: years, dates and counts (nearby values), articles
//! (nearby numbers and commonly confused ones), schedules, amendments, sections, countries,
//! states and cities. The pool generates distractors of those types ([`siblings`]) after the
//! library's own, so such a question never lacks options. Every other type ("open" types:
//! persons, offices, organisations, names, descriptions, expansions, lists) takes its
//! distractors from the fact's own deck only (see [`AnswerType::is_open`]).
//!
//! A number inside a description (`1960 water-sharing treaty between India and Pakistan`) does
//! not make it a count: the answer is a description, and its number is never varied.

use serde::Serialize;

use super::shape::{Form, Number};
use crate::deck::{Fact, FactKind};

/// What sort of thing an answer is. Distractors must have the answer's type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum AnswerType {
    /// `1950`.
    Year,
    /// `26 January 1950`, `2018-09-06`.
    FullDate,
    /// `September 2018`.
    MonthYear,
    /// A number, with its unit if any: `12`, `552 members`, `$3.5 billion`.
    Count,
    /// `5th`, `the third`.
    Ordinal,
    /// An article of a constitution or act: `Article 21`, `Article 51A`.
    Article,
    /// `the Eighth Schedule`, `Schedule 7`.
    Schedule,
    /// `the 42nd Amendment`, `the 101st Constitutional Amendment Act`.
    Amendment,
    /// `Section 377`, `Clause 4`.
    Section,
    /// `India`, `the United States`.
    Country,
    /// A state, province or union territory: `Rajasthan`, `Ladakh`.
    State,
    /// `Washington DC`, `Mumbai`.
    City,
    /// Any other place: a river, a region, a sea, a building.
    Place,
    /// A person's name: `B. R. Ambedkar`.
    Person,
    /// An office or role: `the President of India`, `the Speaker of the Lok Sabha`.
    Office,
    /// A body: `the Election Commission of India`, `the Reserve Bank of India`.
    Organisation,
    /// What an acronym stands for.
    Expansion,
    /// A list of members: `India, Japan, Australia and the United States`.
    Members,
    /// A short proper name of anything else: `Operation Blue Star`, `Lok Sabha`.
    Name,
    /// A free description or explanation: what a term means, what a body does.
    Description,
}

impl AnswerType {
    pub const ALL: [AnswerType; 20] = [
        AnswerType::Year,
        AnswerType::FullDate,
        AnswerType::MonthYear,
        AnswerType::Count,
        AnswerType::Ordinal,
        AnswerType::Article,
        AnswerType::Schedule,
        AnswerType::Amendment,
        AnswerType::Section,
        AnswerType::Country,
        AnswerType::State,
        AnswerType::City,
        AnswerType::Place,
        AnswerType::Person,
        AnswerType::Office,
        AnswerType::Organisation,
        AnswerType::Expansion,
        AnswerType::Members,
        AnswerType::Name,
        AnswerType::Description,
    ];

    /// The type as `recall preview` and `recall check` name it.
    pub fn name(self) -> &'static str {
        match self {
            AnswerType::Year => "year",
            AnswerType::FullDate => "full date",
            AnswerType::MonthYear => "month and year",
            AnswerType::Count => "count",
            AnswerType::Ordinal => "ordinal",
            AnswerType::Article => "article",
            AnswerType::Schedule => "schedule",
            AnswerType::Amendment => "amendment",
            AnswerType::Section => "section or clause",
            AnswerType::Country => "country",
            AnswerType::State => "state or province",
            AnswerType::City => "city",
            AnswerType::Place => "place",
            AnswerType::Person => "person",
            AnswerType::Office => "office or role",
            AnswerType::Organisation => "organisation",
            AnswerType::Expansion => "acronym expansion",
            AnswerType::Members => "list of members",
            AnswerType::Name => "name",
            AnswerType::Description => "description",
        }
    }

    /// A small stable number, for packing into the pool's scoring records.
    pub fn code(self) -> u8 {
        // `ALL` lists every variant, so the position always exists.
        AnswerType::ALL.iter().position(|t| *t == self).map_or(u8::MAX, |i| i as u8)
    }

    /// "a" or "an", as the type's [`name`](AnswerType::name) takes it ("an acronym expansion").
    pub fn article(self) -> &'static str {
        if self.name().starts_with(['a', 'e', 'i', 'o', 'u']) { "an" } else { "a" }
    }

    /// Does the type have a known sibling set, so that distractors can be generated for it
    /// ([`siblings`] and the pool's generated years, dates and numbers)?
    pub fn has_siblings(self) -> bool {
        matches!(
            self,
            AnswerType::Year
                | AnswerType::FullDate
                | AnswerType::MonthYear
                | AnswerType::Count
                | AnswerType::Ordinal
                | AnswerType::Article
                | AnswerType::Schedule
                | AnswerType::Amendment
                | AnswerType::Section
                | AnswerType::Country
                | AnswerType::State
                | AnswerType::City
        )
    }

    /// An open type has no sibling set and no meaning outside its deck: "a description" from a
    /// deck about economics says nothing to a polity question except that it is wrong. Its
    /// distractors come from the fact's own deck only, which also makes `recall check` say the
    /// same of a deck checked alone or with the whole library.
    pub fn is_open(self) -> bool {
        !self.has_siblings()
    }

    /// The type of a fact's answer: from its form, the fact's kind and, for a Statement, the
    /// question's wording.
    pub fn of_answer(fact: &Fact) -> AnswerType {
        let answer = fact.answer.trim();
        let by_text = AnswerType::of_text(answer);
        // What the form alone settles: numbers, dates, legal references, lists.
        if by_text != AnswerType::Name && by_text != AnswerType::Description {
            return match (fact.kind, by_text) {
                // A Group's members, a place's country: the text decides. A definition with
                // commas is still a definition, an expansion with commas an expansion.
                (FactKind::Acronym, AnswerType::Members) => AnswerType::Expansion,
                // "International Union for Conservation of Nature" is what IUCN stands for:
                // asked among the other expansions, not among organisations (of which a deck
                // of acronyms may have none).
                (FactKind::Acronym, t) if !t.has_siblings() => AnswerType::Expansion,
                // What a term means, what a body is: a description, whatever words it uses.
                (FactKind::Term | FactKind::Agreement | FactKind::Organization, t)
                    if !t.has_siblings() =>
                {
                    AnswerType::Description
                }
                (FactKind::Person, AnswerType::Members) => person_or_office(answer),
                (FactKind::Place, AnswerType::Members) => AnswerType::Place,
                (FactKind::Person, AnswerType::Country | AnswerType::State | AnswerType::City) => {
                    person_or_office(answer)
                }
                _ => by_text,
            };
        }
        match fact.kind {
            FactKind::Acronym => AnswerType::Expansion,
            FactKind::Term | FactKind::Agreement | FactKind::Organization => {
                AnswerType::Description
            }
            FactKind::Person => person_or_office(answer),
            FactKind::Place => AnswerType::Place,
            FactKind::Date | FactKind::Number => AnswerType::Description,
            FactKind::Group => AnswerType::Members,
            FactKind::Statement => {
                let question = fact.question.as_deref().unwrap_or(&fact.cue);
                match of_question(question, answer).unwrap_or(by_text) {
                    // "Privacy" is capitalised as an answer, "insecure about {privacy}" in
                    // the sentence: the deck's own cloze says it is no name.
                    AnswerType::Name if lower_case_in_cloze(fact) => AnswerType::Description,
                    t => t,
                }
            }
        }
    }

    /// The type of a fact's cue, for reverse questions (options are other facts' cues of the
    /// same kind): a closed type when the cue is one (a year, a country, an article), else a
    /// name for the kinds whose cue names something (Acronym, Term, Agreement, Organization)
    /// and a description for the others (a Person's role, a Place's thing located, an event).
    pub fn of_cue(fact: &Fact) -> AnswerType {
        let cue = fact.cue.trim();
        match AnswerType::of_text(cue) {
            t if t.has_siblings() => t,
            _ => match fact.kind {
                FactKind::Acronym
                | FactKind::Term
                | FactKind::Agreement
                | FactKind::Organization => AnswerType::Name,
                _ => AnswerType::Description,
            },
        }
    }

    /// The type of a text on its own, without a fact: its form, legal references, lists and
    /// the built-in place names; else a `Name` (short, capitalised) or a `Description`.
    pub fn of_text(text: &str) -> AnswerType {
        let text = text.trim();
        match Form::of(text) {
            Form::Year(_) => return AnswerType::Year,
            Form::MonthYear { .. } => return AnswerType::MonthYear,
            Form::Date { .. } => return AnswerType::FullDate,
            Form::Number(n) => return number_type(&n),
            Form::Text => {}
        }
        if let Some(legal) = Legal::parse(text) {
            return legal.ty;
        }
        if let Some(place) = place(text) {
            return place.ty;
        }
        if ordinal_word(strip_the(text)).is_some() {
            return AnswerType::Ordinal;
        }
        if is_list(text) {
            return AnswerType::Members;
        }
        if number_word(text).is_some() {
            return AnswerType::Count;
        }
        if organisation_like(text) {
            return AnswerType::Organisation;
        }
        if office_like(text) {
            return AnswerType::Office;
        }
        name_or_description(text)
    }
}

impl std::fmt::Display for AnswerType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// Is the answer written in lower case where a cloze sentence of the fact blanks it?
fn lower_case_in_cloze(fact: &Fact) -> bool {
    let answer = fact.answer.trim();
    fact.cloze.iter().any(|sentence| {
        crate::deck::cloze::blanks(sentence).iter().any(|b| {
            b.answer.trim().eq_ignore_ascii_case(answer)
                && b.answer.trim().chars().next().is_some_and(char::is_lowercase)
        })
    })
}

fn words(s: &str) -> usize {
    s.split_whitespace().count()
}

/// A number is a count when what follows it is a short unit (`552 members`, `3.5 billion
/// dollars`), an ordinal when it ends in `st`/`nd`/`rd`/`th`; with a longer tail it is a
/// description that happens to start with a number.
fn number_type(n: &Number) -> AnswerType {
    let suffix = n.suffix.trim();
    let lower = suffix.to_ascii_lowercase();
    if n.decimals == 0 && ["st", "nd", "rd", "th"].contains(&lower.as_str()) {
        return AnswerType::Ordinal;
    }
    if words(suffix) <= 3 { AnswerType::Count } else { AnswerType::Description }
}

/// A list of members, not a name with a comma (`the Government of India Act, 1919`): at
/// least two members, none of them a bare number.
fn is_list(text: &str) -> bool {
    super::normalize::list_members(text).is_some_and(|members| {
        members.iter().all(|m| m.chars().any(char::is_alphabetic) && words(m) <= 8)
    })
}

const NUMBER_WORDS: [&str; 21] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
];

/// `two` → 2: a count written as a word.
pub(crate) fn number_word(text: &str) -> Option<usize> {
    let t = text.trim().to_lowercase();
    NUMBER_WORDS.iter().position(|w| *w == t)
}

/// 2 → `two`: a count written as a word, for a number shown beside counts written so.
pub(crate) fn word_of(n: usize) -> Option<&'static str> {
    NUMBER_WORDS.get(n).copied()
}

/// Short and capitalised: a name; else a description.
fn name_or_description(text: &str) -> AnswerType {
    let text = strip_the(text);
    let n = words(text);
    let capitalised = text.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
    let proper = text
        .split_whitespace()
        .filter(|w| w.len() > 3)
        .all(|w| w.chars().next().is_some_and(|c| !c.is_lowercase()));
    if n <= 5 && capitalised && proper { AnswerType::Name } else { AnswerType::Description }
}

/// "the …" without its article, for matching.
pub(crate) fn strip_the(text: &str) -> &str {
    let t = text.trim();
    match t.get(..4) {
        Some(p) if p.eq_ignore_ascii_case("the ") => t[4..].trim_start(),
        _ => t,
    }
}

const OFFICE_WORDS: [&str; 30] = [
    "president",
    "vice-president",
    "prime minister",
    "minister",
    "governor",
    "chief justice",
    "justice",
    "judge",
    "speaker",
    "chairman",
    "chairperson",
    "secretary",
    "commissioner",
    "attorney",
    "solicitor",
    "comptroller",
    "auditor",
    "advocate",
    "lieutenant",
    "chief",
    "king",
    "queen",
    "emperor",
    "sultan",
    "viceroy",
    "governor-general",
    "mayor",
    "ambassador",
    "head",
    "deputy",
];

/// `the President of India`, `Prime Minister`, `the Governor`: a role, not a name.
fn office_like(text: &str) -> bool {
    let t = strip_the(text).to_lowercase();
    let starts_with_the = !std::ptr::eq(strip_the(text), text.trim());
    OFFICE_WORDS.iter().any(|w| {
        t.starts_with(w) && t[w.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric())
            || starts_with_the && t.contains(&format!(" {w}"))
    })
}

const ORGANISATION_WORDS: [&str; 26] = [
    "commission",
    // "the Nuclear Suppliers Group", "the Missile Technology Control Regime": capitalised
    // (a Group fact's answer is a list of members and never reaches this test).
    "group",
    "regime",
    "council",
    "bank",
    "board",
    "organisation",
    "organization",
    "union",
    "agency",
    "court",
    "committee",
    "fund",
    "association",
    "parliament",
    "assembly",
    "authority",
    "corporation",
    "company",
    "institute",
    "ministry",
    "department",
    "bureau",
    "tribunal",
    "party",
    "forum",
];

/// A capitalised name whose head noun is a body (`the Finance Commission`, `NITI Aayog` is
/// not recognised and stays a name).
fn organisation_like(text: &str) -> bool {
    if words(text) > 8 || !text.chars().next().is_some_and(|c| c.is_uppercase() || c == 't') {
        return false;
    }
    let t = strip_the(text);
    if !t.chars().next().is_some_and(char::is_uppercase) {
        return false;
    }
    let lower = t.to_lowercase();
    lower.split(|c: char| !c.is_alphanumeric()).any(|w| ORGANISATION_WORDS.contains(&w))
        && !office_like(text)
}

fn person_or_office(answer: &str) -> AnswerType {
    if office_like(answer) { AnswerType::Office } else { AnswerType::Person }
}

/// The type a Statement's question asks for, when its wording says: "Which Article …?",
/// "Who …?", "Which country …?", "In which city …?", "Which state …?", "How many …?".
fn of_question(question: &str, answer: &str) -> Option<AnswerType> {
    let q = question.trim().to_lowercase();
    let has = |w: &str| {
        q.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
            .any(|x| x == w || x.strip_suffix("'s").or(x.strip_suffix("’s")) == Some(w))
    };
    let which = q.starts_with("which ")
        || q.starts_with("what ")
        || q.contains(" which ")
        || q.starts_with("under which")
        || q.starts_with("in which");
    if which || q.starts_with("name ") {
        for (word, ty) in [
            ("article", AnswerType::Article),
            ("schedule", AnswerType::Schedule),
            ("amendment", AnswerType::Amendment),
            ("section", AnswerType::Section),
            ("country", AnswerType::Country),
            ("nation", AnswerType::Country),
            ("city", AnswerType::City),
            ("state", AnswerType::State),
            ("body", AnswerType::Organisation),
            ("organisation", AnswerType::Organisation),
            ("organization", AnswerType::Organisation),
            ("institution", AnswerType::Organisation),
            ("commission", AnswerType::Organisation),
            ("committee", AnswerType::Organisation),
            ("year", AnswerType::Year),
        ] {
            // "Which Article …", not "… the state of …" deep in a long question: the word
            // must come within the first few words.
            let early = q.split_whitespace().take(4).any(|x| {
                let x = x.trim_end_matches(|c: char| !c.is_alphanumeric());
                x == word || x.strip_suffix("'s").or(x.strip_suffix("’s")) == Some(word)
            });
            if early && has(word) {
                let by_text = AnswerType::of_text(answer);
                // The answer's own form wins when it is more precise (a state asked as
                // "which state or union territory", a date asked as "which year").
                return Some(match (ty, by_text) {
                    (AnswerType::Year, AnswerType::FullDate | AnswerType::MonthYear) => by_text,
                    (AnswerType::State, AnswerType::Country) => by_text,
                    (AnswerType::Organisation, AnswerType::Office) => by_text,
                    _ => ty,
                });
            }
        }
    }
    if q.starts_with("who ") || q.starts_with("whom ") || q.contains(" whom ") {
        return Some(person_or_office(answer));
    }
    if q.starts_with("how many ") || q.starts_with("how much ") {
        return Some(match AnswerType::of_text(answer) {
            t @ (AnswerType::Count | AnswerType::Ordinal) => t,
            _ => AnswerType::Description,
        });
    }
    if q.starts_with("where ") || q.starts_with("in which ") || q.starts_with("from where") {
        return Some(match AnswerType::of_text(answer) {
            t @ (AnswerType::Country | AnswerType::State | AnswerType::City) => t,
            AnswerType::Name => AnswerType::Place,
            t => t,
        });
    }
    None
}

// ── Legal references ────────────────────────────────────────────────────────────────────

/// An article, schedule, amendment or section reference, as written, so that siblings are
/// written the same way.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Legal {
    pub ty: AnswerType,
    /// The number (`21` of `Article 21A`, `8` of `the Eighth Schedule`).
    pub number: u16,
    /// A letter after the number (`A` of `Article 51A`).
    pub letter: Option<char>,
    /// Text before the number (`Article `, `the `).
    prefix: String,
    /// Text after the number (` Schedule`, `nd Amendment`, ` of the Constitution`).
    suffix: String,
    /// How the number is written.
    style: NumberStyle,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum NumberStyle {
    /// `21`.
    Digits,
    /// `42nd`: the suffix starts after the ordinal letters.
    Ordinal,
    /// `Eighth`, `Forty-second` (capitalised as the original).
    Word { capital: bool },
    /// `VIII`.
    Roman,
}

impl Legal {
    /// Recognises `Article 21`, `Art. 51A`, `Articles 352`, `the Eighth Schedule`,
    /// `Schedule VII`, `the 42nd Amendment`, `the Forty-second Amendment Act`, `Section 66A`,
    /// `Clause (4)`; with an optional tail without digits (`of the Constitution`).
    pub fn parse(text: &str) -> Option<Legal> {
        let t = text.trim();
        let tail_ok = |s: &str| !s.bytes().any(|b| b.is_ascii_digit()) && words(s) <= 5;
        // Article 21, Section 66A, Clause 4, Schedule 7.
        for (head, ty) in [
            ("article ", AnswerType::Article),
            ("art. ", AnswerType::Article),
            ("section ", AnswerType::Section),
            ("clause ", AnswerType::Section),
            ("schedule ", AnswerType::Schedule),
        ] {
            let lower = t.to_ascii_lowercase();
            if let Some(rest) = lower.strip_prefix(head) {
                let rest_orig = &t[t.len() - rest.len()..];
                let digits = rest_orig.bytes().take_while(u8::is_ascii_digit).count();
                if digits > 0 && digits <= 3 {
                    let number: u16 = rest_orig[..digits].parse().ok()?;
                    let after = &rest_orig[digits..];
                    let mut chars = after.chars();
                    let letter = match chars.next() {
                        Some(c)
                            if c.is_ascii_uppercase()
                                && !after[1..].starts_with(char::is_alphanumeric) =>
                        {
                            Some(c)
                        }
                        _ => None,
                    };
                    let suffix = if letter.is_some() { &after[1..] } else { after };
                    if suffix.starts_with(|c: char| c.is_alphanumeric()) || !tail_ok(suffix) {
                        return None;
                    }
                    return Some(Legal {
                        ty,
                        number,
                        letter,
                        prefix: t[..t.len() - rest.len()].to_owned(),
                        suffix: suffix.to_owned(),
                        style: NumberStyle::Digits,
                    });
                }
                if ty == AnswerType::Schedule {
                    let word = rest_orig.split_whitespace().next()?;
                    let number = roman(word)?;
                    let suffix = &rest_orig[word.len()..];
                    if !tail_ok(suffix) {
                        return None;
                    }
                    return Some(Legal {
                        ty,
                        number,
                        letter: None,
                        prefix: t[..t.len() - rest.len()].to_owned(),
                        suffix: suffix.to_owned(),
                        style: NumberStyle::Roman,
                    });
                }
            }
        }
        // the Eighth Schedule, the 42nd Amendment, the Forty-second Amendment Act.
        let body = strip_the(t);
        let prefix = &t[..t.len() - body.len()];
        let first = body.split_whitespace().next()?;
        let rest = &body[first.len()..];
        let rest_lower = rest.trim_start().to_ascii_lowercase();
        let ty = if rest_lower.starts_with("schedule") {
            AnswerType::Schedule
        } else if rest_lower.starts_with("amendment")
            || rest_lower.starts_with("constitutional amendment")
            || rest_lower.starts_with("constitution amendment")
            || rest_lower.starts_with("constitution (amendment)")
        {
            AnswerType::Amendment
        } else {
            return None;
        };
        if !tail_ok(rest) {
            return None;
        }
        let (number, style) = if let Some(n) = digit_ordinal(first) {
            (n, NumberStyle::Ordinal)
        } else {
            let n = ordinal_word(first)?;
            (n, NumberStyle::Word { capital: first.starts_with(char::is_uppercase) })
        };
        Some(Legal {
            ty,
            number,
            letter: None,
            prefix: prefix.to_owned(),
            suffix: rest.to_owned(),
            style,
        })
    }

    /// The same reference with another number (and letter).
    pub fn with(&self, number: u16, letter: Option<char>) -> String {
        let n = match self.style {
            NumberStyle::Digits => number.to_string(),
            NumberStyle::Ordinal => format!("{number}{}", ordinal_suffix(number)),
            NumberStyle::Word { capital } => {
                let w = ordinal_name(number);
                if capital { capitalise(&w) } else { w }
            }
            NumberStyle::Roman => to_roman(number),
        };
        let letter = letter.map(String::from).unwrap_or_default();
        format!("{}{n}{letter}{}", self.prefix, self.suffix)
    }

    /// Nearby and commonly confused references of the same kind, best first, with a score
    /// comparable to the pool's generated years (higher is better).
    pub fn siblings(&self) -> Vec<(i64, String)> {
        let (max, famous): (u16, &[(u16, Option<char>)]) = match self.ty {
            AnswerType::Article => (395, FAMOUS_ARTICLES),
            AnswerType::Schedule => (12, &[]),
            AnswerType::Amendment => (106, FAMOUS_AMENDMENTS),
            _ => (999, &[]),
        };
        let mut out: Vec<(i64, String)> = Vec::new();
        let mut seen = vec![(self.number, self.letter)];
        let mut push = |score: i64, n: u16, l: Option<char>, out: &mut Vec<(i64, String)>| {
            if n >= 1 && n <= max && !seen.contains(&(n, l)) {
                seen.push((n, l));
                out.push((score, self.with(n, l)));
            }
        };
        if self.letter.is_some() {
            // Article 51A: its own base article is the closest confusion.
            push(10, self.number, None, &mut out);
        }
        let near: u16 = if self.ty == AnswerType::Schedule { 4 } else { 6 };
        for d in 1..=near {
            let score = 10 - i64::from(d) / 2;
            push(score, self.number.saturating_sub(d), None, &mut out);
            push(score, self.number.saturating_add(d), None, &mut out);
        }
        // Commonly confused ones only in the plain digit style they are listed in.
        if self.style != NumberStyle::Roman {
            for &(n, l) in famous {
                if l.is_none() || self.style == NumberStyle::Digits {
                    push(7, n, l, &mut out);
                }
            }
        }
        out
    }
}

/// Articles of the Constitution of India that questions (and learners) most often confuse.
const FAMOUS_ARTICLES: &[(u16, Option<char>)] = &[
    (14, None),
    (17, None),
    (19, None),
    (21, None),
    (21, Some('A')),
    (32, None),
    (44, None),
    (51, Some('A')),
    (72, None),
    (110, None),
    (112, None),
    (123, None),
    (143, None),
    (226, None),
    (280, None),
    (312, None),
    (324, None),
    (352, None),
    (356, None),
    (360, None),
    (368, None),
    (370, None),
];

/// Amendments of the Constitution of India that questions most often name.
const FAMOUS_AMENDMENTS: &[(u16, Option<char>)] = &[
    (1, None),
    (7, None),
    (24, None),
    (42, None),
    (44, None),
    (52, None),
    (61, None),
    (73, None),
    (74, None),
    (86, None),
    (101, None),
    (103, None),
];

/// `42nd` → 42.
fn digit_ordinal(word: &str) -> Option<u16> {
    let digits = word.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 3 {
        return None;
    }
    let n: u16 = word[..digits].parse().ok()?;
    word[digits..].eq_ignore_ascii_case(ordinal_suffix(n)).then_some(n)
}

fn ordinal_suffix(n: u16) -> &'static str {
    match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    }
}

const UNITS: [&str; 20] = [
    "",
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
];
const TENS: [&str; 10] =
    ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
const TENTHS: [&str; 10] = [
    "",
    "",
    "twentieth",
    "thirtieth",
    "fortieth",
    "fiftieth",
    "sixtieth",
    "seventieth",
    "eightieth",
    "ninetieth",
];

/// `first` … `ninety-ninth` → 1 … 99.
///
/// Read from the word's parts, not by writing out all 99 names and comparing: it runs for
/// every word of every answer while a library is typed, and the allocations were most of the
/// load time on a large library.
fn ordinal_word(word: &str) -> Option<u16> {
    let find = |table: &[&str], part: &str| {
        table.iter().position(|t| !t.is_empty() && t.eq_ignore_ascii_case(part))
    };
    let n = match word.split_once('-') {
        None => find(&UNITS, word).or_else(|| find(&TENTHS, word).map(|t| t * 10))?,
        Some((tens, unit)) => {
            let (t, u) = (find(&TENS, tens)?, find(&UNITS, unit)?);
            if u >= 10 {
                return None;
            }
            t * 10 + u
        }
    };
    u16::try_from(n).ok()
}

/// 1 … 99 → `first` … `ninety-ninth`; larger numbers in digits.
fn ordinal_name(n: u16) -> String {
    match n {
        1..=19 => UNITS[usize::from(n)].to_owned(),
        20..=99 => {
            let (t, u) = (usize::from(n / 10), usize::from(n % 10));
            if u == 0 { TENTHS[t].to_owned() } else { format!("{}-{}", TENS[t], UNITS[u]) }
        }
        _ => format!("{n}{}", ordinal_suffix(n)),
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

fn roman(word: &str) -> Option<u16> {
    (1..=12u16).find(|&n| to_roman(n) == word)
}

fn to_roman(n: u16) -> String {
    const R: [&str; 13] =
        ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"];
    R.get(usize::from(n)).map_or_else(|| n.to_string(), |r| (*r).to_owned())
}

// ── Places ──────────────────────────────────────────────────────────────────────────────

/// A place from the built-in lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KnownPlace {
    pub ty: AnswerType,
    /// The name as listed (`the United States` is listed as `United States`).
    pub name: &'static str,
    /// A country's region, a city's or state's country: siblings prefer the same.
    pub within: &'static str,
}

/// Countries with their region.
const COUNTRIES: &[(&str, &str)] = &[
    ("India", "south asia"),
    ("Pakistan", "south asia"),
    ("Bangladesh", "south asia"),
    ("Nepal", "south asia"),
    ("Bhutan", "south asia"),
    ("Sri Lanka", "south asia"),
    ("Maldives", "south asia"),
    ("Afghanistan", "south asia"),
    ("China", "east asia"),
    ("Japan", "east asia"),
    ("South Korea", "east asia"),
    ("North Korea", "east asia"),
    ("Mongolia", "east asia"),
    ("Taiwan", "east asia"),
    ("Myanmar", "southeast asia"),
    ("Thailand", "southeast asia"),
    ("Vietnam", "southeast asia"),
    ("Indonesia", "southeast asia"),
    ("Malaysia", "southeast asia"),
    ("Singapore", "southeast asia"),
    ("Philippines", "southeast asia"),
    ("Cambodia", "southeast asia"),
    ("Laos", "southeast asia"),
    ("Iran", "west asia"),
    ("Iraq", "west asia"),
    ("Saudi Arabia", "west asia"),
    ("United Arab Emirates", "west asia"),
    ("Israel", "west asia"),
    ("Turkey", "west asia"),
    ("Qatar", "west asia"),
    ("Oman", "west asia"),
    ("Kazakhstan", "central asia"),
    ("Uzbekistan", "central asia"),
    ("Tajikistan", "central asia"),
    ("Turkmenistan", "central asia"),
    ("Kyrgyzstan", "central asia"),
    ("United Kingdom", "europe"),
    ("Ireland", "europe"),
    ("France", "europe"),
    ("Germany", "europe"),
    ("Italy", "europe"),
    ("Spain", "europe"),
    ("Portugal", "europe"),
    ("Netherlands", "europe"),
    ("Belgium", "europe"),
    ("Switzerland", "europe"),
    ("Austria", "europe"),
    ("Sweden", "europe"),
    ("Norway", "europe"),
    ("Denmark", "europe"),
    ("Finland", "europe"),
    ("Poland", "europe"),
    ("Greece", "europe"),
    ("Russia", "europe"),
    ("Ukraine", "europe"),
    ("United States", "americas"),
    ("Canada", "americas"),
    ("Mexico", "americas"),
    ("Brazil", "americas"),
    ("Argentina", "americas"),
    ("Chile", "americas"),
    ("Peru", "americas"),
    ("Colombia", "americas"),
    ("Venezuela", "americas"),
    ("Cuba", "americas"),
    ("Egypt", "africa"),
    ("South Africa", "africa"),
    ("Nigeria", "africa"),
    ("Kenya", "africa"),
    ("Ethiopia", "africa"),
    ("Ghana", "africa"),
    ("Morocco", "africa"),
    ("Algeria", "africa"),
    ("Tanzania", "africa"),
    ("Sudan", "africa"),
    ("Australia", "oceania"),
    ("New Zealand", "oceania"),
    ("Fiji", "oceania"),
];

/// Other names of listed countries.
const COUNTRY_ALIASES: &[(&str, &str)] = &[
    ("USA", "United States"),
    ("US", "United States"),
    ("U.S.", "United States"),
    ("United States of America", "United States"),
    ("America", "United States"),
    ("UK", "United Kingdom"),
    ("Britain", "United Kingdom"),
    ("Great Britain", "United Kingdom"),
    ("England", "United Kingdom"),
    ("UAE", "United Arab Emirates"),
    ("Burma", "Myanmar"),
    ("Soviet Union", "Russia"),
    ("USSR", "Russia"),
    ("Republic of Korea", "South Korea"),
    ("Ceylon", "Sri Lanka"),
];

/// States and union territories of India; a few provinces and states elsewhere.
const STATES: &[(&str, &str)] = &[
    ("Andhra Pradesh", "India"),
    ("Arunachal Pradesh", "India"),
    ("Assam", "India"),
    ("Bihar", "India"),
    ("Chhattisgarh", "India"),
    ("Goa", "India"),
    ("Gujarat", "India"),
    ("Haryana", "India"),
    ("Himachal Pradesh", "India"),
    ("Jharkhand", "India"),
    ("Karnataka", "India"),
    ("Kerala", "India"),
    ("Madhya Pradesh", "India"),
    ("Maharashtra", "India"),
    ("Manipur", "India"),
    ("Meghalaya", "India"),
    ("Mizoram", "India"),
    ("Nagaland", "India"),
    ("Odisha", "India"),
    ("Punjab", "India"),
    ("Rajasthan", "India"),
    ("Sikkim", "India"),
    ("Tamil Nadu", "India"),
    ("Telangana", "India"),
    ("Tripura", "India"),
    ("Uttar Pradesh", "India"),
    ("Uttarakhand", "India"),
    ("West Bengal", "India"),
    ("Jammu and Kashmir", "India"),
    ("Ladakh", "India"),
    ("Puducherry", "India"),
    ("Lakshadweep", "India"),
    ("Andaman and Nicobar Islands", "India"),
    ("Chandigarh", "India"),
    ("Delhi", "India"),
    ("California", "United States"),
    ("Texas", "United States"),
    ("New York", "United States"),
    ("Florida", "United States"),
    ("Ontario", "Canada"),
    ("Quebec", "Canada"),
    ("Sindh", "Pakistan"),
    ("Balochistan", "Pakistan"),
];

/// Major cities with their country.
const CITIES: &[(&str, &str)] = &[
    ("New Delhi", "India"),
    ("Mumbai", "India"),
    ("Kolkata", "India"),
    ("Chennai", "India"),
    ("Bengaluru", "India"),
    ("Hyderabad", "India"),
    ("Ahmedabad", "India"),
    ("Pune", "India"),
    ("Jaipur", "India"),
    ("Lucknow", "India"),
    ("Bhopal", "India"),
    ("Patna", "India"),
    ("Varanasi", "India"),
    ("Amritsar", "India"),
    ("Thiruvananthapuram", "India"),
    ("Guwahati", "India"),
    ("Bhubaneswar", "India"),
    ("Shimla", "India"),
    ("Srinagar", "India"),
    ("Allahabad", "India"),
    ("Prayagraj", "India"),
    ("Nagpur", "India"),
    ("Surat", "India"),
    ("Kochi", "India"),
    ("Washington DC", "United States"),
    ("Washington, D.C.", "United States"),
    ("New York City", "United States"),
    ("San Francisco", "United States"),
    ("Los Angeles", "United States"),
    ("Chicago", "United States"),
    ("London", "United Kingdom"),
    ("Paris", "France"),
    ("Berlin", "Germany"),
    ("Rome", "Italy"),
    ("Madrid", "Spain"),
    ("Geneva", "Switzerland"),
    ("Vienna", "Austria"),
    ("The Hague", "Netherlands"),
    ("Brussels", "Belgium"),
    ("Moscow", "Russia"),
    ("Beijing", "China"),
    ("Shanghai", "China"),
    ("Tokyo", "Japan"),
    ("Seoul", "South Korea"),
    ("Islamabad", "Pakistan"),
    ("Karachi", "Pakistan"),
    ("Lahore", "Pakistan"),
    ("Dhaka", "Bangladesh"),
    ("Kathmandu", "Nepal"),
    ("Colombo", "Sri Lanka"),
    ("Kabul", "Afghanistan"),
    ("Tehran", "Iran"),
    ("Dubai", "United Arab Emirates"),
    ("Riyadh", "Saudi Arabia"),
    ("Singapore City", "Singapore"),
    ("Jakarta", "Indonesia"),
    ("Bangkok", "Thailand"),
    ("Manila", "Philippines"),
    ("Canberra", "Australia"),
    ("Sydney", "Australia"),
    ("Ottawa", "Canada"),
    ("Cairo", "Egypt"),
    ("Nairobi", "Kenya"),
    ("Addis Ababa", "Ethiopia"),
    ("Brasília", "Brazil"),
    ("Rio de Janeiro", "Brazil"),
    ("Buenos Aires", "Argentina"),
    ("Kyoto", "Japan"),
    ("Marrakesh", "Morocco"),
    ("Doha", "Qatar"),
];

fn clean(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

fn same_name(a: &str, b: &str) -> bool {
    clean(a) == clean(b)
}

/// The built-in places by their cleaned name (letters and digits, lower case), built once:
/// the lists are looked up for every answer of a library.
fn places() -> &'static std::collections::HashMap<String, KnownPlace> {
    static PLACES: std::sync::OnceLock<std::collections::HashMap<String, KnownPlace>> =
        std::sync::OnceLock::new();
    PLACES.get_or_init(|| {
        let mut map = std::collections::HashMap::new();
        // Later lists do not replace earlier ones: cities first (`Singapore City`, `New York
        // City` are cities, `New York` a state), then countries, then states.
        for (list, ty) in [
            (CITIES, AnswerType::City),
            (COUNTRIES, AnswerType::Country),
            (STATES, AnswerType::State),
        ] {
            for &(name, within) in list {
                map.entry(clean(name)).or_insert(KnownPlace { ty, name, within });
            }
        }
        for &(alias, canonical) in COUNTRY_ALIASES {
            if let Some(&(name, region)) = COUNTRIES.iter().find(|(n, _)| *n == canonical) {
                map.entry(clean(alias)).or_insert(KnownPlace {
                    ty: AnswerType::Country,
                    name,
                    within: region,
                });
            }
        }
        map
    })
}

/// The built-in place a text names, if any (`the United States`, `USA`, `Rajasthan`).
pub fn place(text: &str) -> Option<KnownPlace> {
    let full = text.trim().trim_end_matches('.');
    let t = strip_the(full);
    if t.is_empty() || t.len() > 40 || words(t) > 5 {
        return None;
    }
    // `US` is an alias, `us` a pronoun.
    if t == "us" {
        return None;
    }
    let map = places();
    map.get(&clean(t)).or_else(|| map.get(&clean(full))).copied()
}

/// Places of the same type as `known`, the same region or country first, written as the
/// built-in list writes them (`the` kept before the names that take it in a sentence).
pub fn place_siblings(known: &KnownPlace) -> Vec<(i64, String)> {
    let list = match known.ty {
        AnswerType::Country => COUNTRIES,
        AnswerType::State => STATES,
        AnswerType::City => CITIES,
        _ => return Vec::new(),
    };
    let mut out: Vec<(i64, String)> = Vec::new();
    for &(name, within) in list {
        if name == known.name
            || out.iter().any(|(_, n)| same_name(n, name))
            || same_name(name, known.name)
        {
            continue;
        }
        // Two names of one city (`Washington DC`, `Washington, D.C.`) would be two right
        // answers.
        if known.ty == AnswerType::City
            && within == known.within
            && name.starts_with(known.name.split_whitespace().next().unwrap_or(""))
        {
            continue;
        }
        // A city abroad among Indian cities (or the other way round) is the odd one out: the
        // headquarters of UNEP is not asked with Bengaluru, Chennai and Kolkata.
        let score = if within == known.within {
            8
        } else if known.ty == AnswerType::City && (within == "India") != (known.within == "India") {
            2
        } else {
            4
        };
        out.push((score, with_article(name)));
    }
    out
}

/// `United States` → `the United States`: country names that take the article in a sentence.
fn with_article(name: &str) -> String {
    let takes_the =
        ["United ", "Netherlands", "Philippines", "Maldives"].iter().any(|p| name.starts_with(p))
            || name.contains(" Islands");
    if takes_the { format!("the {name}") } else { name.to_owned() }
}

/// Generated distractors of `text`'s type when it has a known sibling set other than
/// years, dates and numbers (which the pool generates from the form): articles, schedules,
/// amendments, sections, countries, states, cities. Empty for other types.
pub fn siblings(ty: AnswerType, text: &str) -> Vec<(i64, String)> {
    match ty {
        AnswerType::Article
        | AnswerType::Schedule
        | AnswerType::Amendment
        | AnswerType::Section => {
            Legal::parse(text).filter(|l| l.ty == ty).map(|l| l.siblings()).unwrap_or_default()
        }
        AnswerType::Ordinal => {
            // `5th` or `the fifth`: nearby ordinals written the same way.
            let body = strip_the(text);
            let prefix = &text.trim()[..text.trim().len() - body.len()];
            let (n, word) = match (digit_ordinal(body), ordinal_word(body)) {
                (Some(n), _) => (n, false),
                (None, Some(n)) => (n, true),
                _ => return Vec::new(),
            };
            let capital = body.starts_with(char::is_uppercase);
            (1..=4u16)
                .flat_map(|d| [n.checked_sub(d), Some(n + d)].map(move |m| (d, m)))
                .filter_map(|(d, m)| {
                    let m = m.filter(|m| (1..100).contains(m))?;
                    let w = if word {
                        let w = ordinal_name(m);
                        if capital { capitalise(&w) } else { w }
                    } else {
                        format!("{m}{}", ordinal_suffix(m))
                    };
                    Some((10 - i64::from(d), format!("{prefix}{w}")))
                })
                .collect()
        }
        AnswerType::Count => {
            let Some(n) = number_word(text) else { return Vec::new() };
            let capital = text.trim().starts_with(char::is_uppercase);
            (1..=5usize)
                .flat_map(|d| [n.checked_sub(d), Some(n + d)].map(move |m| (d, m)))
                .filter_map(|(d, m)| {
                    let word = *NUMBER_WORDS.get(m?)?;
                    let word = if capital { capitalise(word) } else { word.to_owned() };
                    Some((10 - i64::try_from(d).unwrap_or(5), word))
                })
                .collect()
        }
        AnswerType::Country | AnswerType::State | AnswerType::City => {
            let Some(known) = place(text).filter(|p| p.ty == ty) else { return Vec::new() };
            let mut out = place_siblings(&known);
            // Keep the right answer's article habit: `the United States` among `India` is
            // fine, but a bare `United States` among `the …` reads as a give-away.
            if !text.trim().to_lowercase().starts_with("the ") {
                for (_, s) in &mut out {
                    if s.starts_with("the ") && ty != AnswerType::Country {
                        *s = s[4..].to_owned();
                    }
                }
            }
            out
        }
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::FactId;

    fn fact(kind: FactKind, cue: &str, answer: &str) -> Fact {
        Fact::new(FactId::new("f").unwrap(), kind, cue, answer)
    }

    fn statement(question: &str, answer: &str) -> AnswerType {
        AnswerType::of_answer(&fact(FactKind::Statement, question, answer))
    }

    #[test]
    fn a_city_abroad_gets_cities_abroad_first() {
        let best = |city: &str| {
            let mut s = siblings(AnswerType::City, city);
            s.sort_by_key(|(score, _)| std::cmp::Reverse(*score));
            let top = s[0].0;
            s.into_iter().take_while(|(score, _)| *score == top).map(|(_, n)| n).collect::<Vec<_>>()
        };
        let indian = |n: &str| place(n).is_some_and(|p| p.within == "India");
        let nairobi = best("Nairobi");
        assert!(nairobi.len() >= 6 && !nairobi.iter().any(|n| indian(n)), "{nairobi:?}");
        let mumbai = best("Mumbai");
        assert!(mumbai.len() >= 6 && mumbai.iter().all(|n| indian(n)), "{mumbai:?}");
        let geneva = best("Geneva");
        assert!(!geneva.iter().any(|n| indian(n)), "{geneva:?}");
    }

    #[test]
    fn types_take_their_article() {
        assert_eq!(AnswerType::Expansion.article(), "an");
        assert_eq!(AnswerType::Organisation.article(), "an");
        assert_eq!(AnswerType::Office.article(), "an");
        assert_eq!(AnswerType::Place.article(), "a");
        for t in AnswerType::ALL {
            let vowel = t.name().starts_with(['a', 'e', 'i', 'o', 'u']);
            assert_eq!(t.article() == "an", vowel, "{t}");
        }
    }

    #[test]
    fn ordinal_words_read_back_as_their_numbers_and_nothing_else_does() {
        for n in 1..100u16 {
            assert_eq!(ordinal_word(&ordinal_name(n)), Some(n), "{n}");
            assert_eq!(ordinal_word(&ordinal_name(n).to_uppercase()), Some(n), "{n}");
        }
        for word in ["twenty", "twenty-eleventh", "first-second", "twenty-", "-first", "", "0th"] {
            assert_eq!(ordinal_word(word), None, "{word}");
        }
    }

    #[test]
    fn forms_give_types() {
        use AnswerType as T;
        assert_eq!(T::of_text("1950"), T::Year);
        assert_eq!(T::of_text("26 January 1950"), T::FullDate);
        assert_eq!(T::of_text("September 2018"), T::MonthYear);
        assert_eq!(T::of_text("552 members"), T::Count);
        assert_eq!(T::of_text("$3.5 billion"), T::Count);
        assert_eq!(T::of_text("5th"), T::Ordinal);
        assert_eq!(T::of_text("the third"), T::Ordinal);
        assert_eq!(T::of_text("India, Japan, Australia and the United States"), T::Members);
        assert_eq!(T::of_text("Operation Blue Star"), T::Name);
        assert_eq!(T::of_text("a bill that deals only with taxes and spending"), T::Description);
    }

    #[test]
    fn a_number_inside_a_description_is_a_description() {
        let answer =
            "1960 water-sharing treaty between India and Pakistan brokered by the World Bank";
        assert_eq!(AnswerType::of_text(answer), AnswerType::Description);
        assert!(AnswerType::Description.is_open());
        assert!(siblings(AnswerType::Description, answer).is_empty());
    }

    #[test]
    fn legal_references() {
        use AnswerType as T;
        for (text, ty, n) in [
            ("Article 21", T::Article, 21),
            ("Article 51A", T::Article, 51),
            ("Art. 356", T::Article, 356),
            ("Article 368 of the Constitution", T::Article, 368),
            ("the Eighth Schedule", T::Schedule, 8),
            ("Tenth Schedule", T::Schedule, 10),
            ("Schedule VII", T::Schedule, 7),
            ("the 42nd Amendment", T::Amendment, 42),
            ("the 101st Constitutional Amendment Act", T::Amendment, 101),
            ("the Forty-second Amendment", T::Amendment, 42),
            ("Section 377", T::Section, 377),
            ("Section 66A of the IT Act", T::Section, 66),
        ] {
            let legal = Legal::parse(text).unwrap_or_else(|| panic!("{text}"));
            assert_eq!((legal.ty, legal.number), (ty, n), "{text}");
            assert_eq!(legal.with(legal.number, legal.letter), text, "round trip");
            assert_eq!(T::of_text(text), ty, "{text}");
        }
        for text in ["Article of faith", "Amendment", "the Schedule of rates", "Section A"] {
            assert!(Legal::parse(text).is_none(), "{text}");
        }
    }

    #[test]
    fn articles_get_nearby_and_commonly_confused_siblings() {
        let s: Vec<String> =
            siblings(AnswerType::Article, "Article 21").into_iter().map(|x| x.1).collect();
        for want in ["Article 20", "Article 22", "Article 19", "Article 21A", "Article 32"] {
            assert!(s.contains(&want.to_owned()), "{want} in {s:?}");
        }
        assert!(!s.contains(&"Article 21".to_owned()));
        assert!(s.iter().all(|x| AnswerType::of_text(x) == AnswerType::Article), "{s:?}");
        let s: Vec<String> =
            siblings(AnswerType::Article, "Article 51A").into_iter().map(|x| x.1).collect();
        assert_eq!(s[0], "Article 51");
        let s: Vec<String> = siblings(AnswerType::Schedule, "the Eighth Schedule")
            .into_iter()
            .map(|x| x.1)
            .collect();
        assert!(
            s.contains(&"the Seventh Schedule".to_owned())
                && s.contains(&"the Tenth Schedule".to_owned()),
            "{s:?}"
        );
        assert!(s.iter().all(|x| Legal::parse(x).is_some_and(|l| (1..=12).contains(&l.number))));
        let s: Vec<String> = siblings(AnswerType::Amendment, "the 42nd Amendment")
            .into_iter()
            .map(|x| x.1)
            .collect();
        assert!(
            s.contains(&"the 41st Amendment".to_owned())
                && s.contains(&"the 44th Amendment".to_owned()),
            "{s:?}"
        );
        let s: Vec<String> =
            siblings(AnswerType::Schedule, "Schedule VII").into_iter().map(|x| x.1).collect();
        assert!(s.contains(&"Schedule VIII".to_owned()), "{s:?}");
    }

    #[test]
    fn ordinals_and_counts_in_words_get_siblings() {
        let s: Vec<String> =
            siblings(AnswerType::Ordinal, "3rd").into_iter().map(|x| x.1).collect();
        assert!(s.contains(&"2nd".to_owned()) && s.contains(&"4th".to_owned()), "{s:?}");
        let s: Vec<String> =
            siblings(AnswerType::Ordinal, "the third").into_iter().map(|x| x.1).collect();
        assert!(s.contains(&"the second".to_owned()), "{s:?}");
        let s: Vec<String> = siblings(AnswerType::Count, "two").into_iter().map(|x| x.1).collect();
        assert!(s.contains(&"three".to_owned()) && !s.contains(&"two".to_owned()), "{s:?}");
    }

    #[test]
    fn places_and_their_siblings() {
        use AnswerType as T;
        assert_eq!(T::of_text("the United States"), T::Country);
        assert_eq!(T::of_text("USA"), T::Country);
        assert_eq!(T::of_text("Rajasthan"), T::State);
        assert_eq!(T::of_text("Washington DC"), T::City);
        assert_eq!(T::of_text("Mumbai"), T::City);
        let s = siblings(T::Country, "Ireland");
        assert!(s.len() > 20);
        assert!(s.iter().all(|(_, x)| T::of_text(x) == T::Country), "{s:?}");
        // The same region first.
        let best: Vec<&str> = s.iter().filter(|x| x.0 == 8).map(|x| x.1.as_str()).collect();
        assert!(best.contains(&"France"), "{best:?}");
        let s = siblings(T::City, "Washington DC");
        assert!(s.iter().all(|(_, x)| !x.starts_with("Washington")), "{s:?}");
        assert!(s.iter().all(|(_, x)| T::of_text(x) == T::City), "{s:?}");
        let s = siblings(T::State, "Rajasthan");
        assert!(s.iter().all(|(_, x)| T::of_text(x) == T::State), "{s:?}");
    }

    #[test]
    fn kinds_and_question_wording_give_types() {
        use AnswerType as T;
        assert_eq!(
            statement(
                "Which Article of the Constitution protects life and personal liberty?",
                "Article 21"
            ),
            T::Article
        );
        assert_eq!(
            statement("Who appoints the Chief Election Commissioner?", "the President of India"),
            T::Office
        );
        assert_eq!(statement("Who chaired the Drafting Committee?", "B. R. Ambedkar"), T::Person);
        assert_eq!(
            statement("Which country postponed the inaugural 2+2?", "the United States"),
            T::Country
        );
        assert_eq!(
            statement(
                "From which country's constitution were the Directive Principles borrowed?",
                "Ireland"
            ),
            T::Country
        );
        assert_eq!(
            statement("In which city is the Reserve Bank of India headquartered?", "Mumbai"),
            T::City
        );
        assert_eq!(statement("Which state has the longest coastline?", "Gujarat"), T::State);
        assert_eq!(
            statement(
                "Which body conducts elections to Parliament?",
                "the Election Commission of India"
            ),
            T::Organisation
        );
        assert_eq!(
            statement("What do the ministers discuss?", "Strategic and security issues"),
            T::Description
        );
        assert_eq!(
            statement(
                "What is the purpose of a 2+2 dialogue?",
                "A diplomatic conversation between two countries' heads of defence"
            ),
            T::Description
        );
        assert_eq!(
            AnswerType::of_answer(&fact(
                FactKind::Acronym,
                "COMCASA",
                "Communications Compatibility and Security Agreement"
            )),
            T::Expansion
        );
        for (cue, answer) in [
            ("IUCN", "International Union for Conservation of Nature"),
            ("NSG", "Nuclear Suppliers Group"),
            ("CDS", "Chief of Defence Staff"),
        ] {
            assert_eq!(AnswerType::of_answer(&fact(FactKind::Acronym, cue, answer)), T::Expansion);
        }
        assert_eq!(
            AnswerType::of_answer(&fact(
                FactKind::Person,
                "the first President of India",
                "Rajendra Prasad"
            )),
            T::Person
        );
        assert_eq!(
            AnswerType::of_answer(&fact(FactKind::Person, "who appoints the CAG", "the President")),
            T::Office
        );
        assert_eq!(
            AnswerType::of_answer(&fact(
                FactKind::Place,
                "the Reserve Bank's headquarters",
                "Mumbai"
            )),
            T::City
        );
        assert_eq!(
            AnswerType::of_answer(&fact(
                FactKind::Place,
                "the source of the Ganga",
                "Gangotri Glacier"
            )),
            T::Place
        );
        assert_eq!(
            AnswerType::of_answer(&fact(
                FactKind::Term,
                "money bill",
                "A bill that deals only with taxes"
            )),
            T::Description
        );
        assert_eq!(
            AnswerType::of_answer(&fact(
                FactKind::Group,
                "the Quad",
                "India, Japan, Australia and the United States"
            )),
            T::Members
        );
        assert_eq!(
            AnswerType::of_answer(&fact(
                FactKind::Date,
                "the adoption of the Constitution",
                "26 November 1949"
            )),
            T::FullDate
        );
        assert_eq!(
            AnswerType::of_answer(&fact(
                FactKind::Number,
                "members of the Rajya Sabha at most",
                "250"
            )),
            T::Count
        );
    }

    #[test]
    fn every_type_has_a_distinct_code_and_name() {
        let codes: std::collections::BTreeSet<u8> =
            AnswerType::ALL.iter().map(|t| t.code()).collect();
        let names: std::collections::BTreeSet<&str> =
            AnswerType::ALL.iter().map(|t| t.name()).collect();
        assert_eq!(codes.len(), AnswerType::ALL.len());
        assert_eq!(names.len(), AnswerType::ALL.len());
    }
}
