//! Question wording per fact kind and direction.
//!
//! Templates assume the deck's conventions for `cue` (see the fact kinds in
//! [`crate::deck::FactKind`]): a noun phrase for events, roles, places, groupings and counted
//! things ("the first India–US 2+2 dialogue", "member countries of the Quad"), the bare name
//! for acronyms, terms, agreements and organisations. When a template reads badly for a fact,
//! the fact's `question` (forward) or `reverse` field replaces it verbatim.
//!
//! | kind | forward | reverse | true/false statement |
//! |---|---|---|---|
//! | Acronym | What does {cue} stand for? | Which acronym stands for {answer}? | {cue} stands for {x}. |
//! | Term | What is {a/the cue}? | Which term is this: {answer}? | {A/The cue}: {x}. |
//! | Person | Who is (was) {cue}? | Who or what is {answer}? | {x} is (was) {cue}. |
//! | Place | Where is (are) {cue}? | What is in {answer}? | {cue} is (are) in {x}. |
//! | Date | In which year did {cue} take place? / In which year was {cue}? / What was {cue}? | What took place in/on {answer}? | {cue} took place in {x}. / {subject} was {participle} in (for) {x}. / {cue} was {x}. |
//! | Number | How many {cue}? / What is the {cue}? (a measure: "maximum strength of …") | — (only with `reverse` wording) | There are {x} {cue}. (a plural noun phrase) / The {cue} is {x}. |
//! | Group | Which members make up {cue}? / What are {cue}? | Which grouping is made up of {answer}? | {cue} is made up of {x}. / {cue} are {x}. |
//! | Agreement | What is {the cue}? | Which agreement is this: {answer}? | {The cue}: {x}. |
//! | Organization | What is {the cue}? | Which organisation is this: {answer}? | {The cue}: {x}. |
//! | Statement | {cue} (verbatim) | — (only with `reverse` wording) | {cue} — {x} |
//!
//! A true/false statement must be true when `x` is the answer, so a template is used only when
//! the cue can carry it (see [`statement`]): a Date cue that is not an event ("… originally
//! scheduled") is said with its own participle ("was originally scheduled for July 2018"), never
//! with "took place"; a Number cue in question order ("schedules does the Constitution have")
//! cannot become a sentence. Where the template cannot, a cloze sentence of the fact whose blank
//! is the answer gives the statement (the wrong answer in the blank for a false one); failing
//! that, a fact with a `question` override or a Statement pairs its question with the answer
//! (`{question} — {x}`), and any other fact gets no true/false question.

use std::borrow::Cow;

use super::normalize;
use super::shape::Form;
use crate::deck::{Fact, FactKind, cloze};

/// The forward question: the `question` override, or the template for the fact's kind.
pub fn forward(fact: &Fact) -> String {
    if let Some(q) = &fact.question {
        return q.clone();
    }
    let cue = fact.cue.trim();
    // A cue written as a question ("Who appoints the CAG?") is asked as written, as a
    // Statement's is: no template around it ("Who is Who appoints the CAG??").
    if cue.ends_with('?') {
        return cue.to_owned();
    }
    match fact.kind {
        FactKind::Acronym => format!("What does {cue} stand for?"),
        FactKind::Term | FactKind::Agreement | FactKind::Organization => {
            let (name, plural) = named(cue, fact.kind);
            format!("What {} {name}?", if plural { "are" } else { "is" })
        }
        FactKind::Person => {
            format!("Who {} {}?", if past_role(cue) { "was" } else { "is" }, mid(cue))
        }
        FactKind::Place => {
            format!("Where {} {}?", if plural_head(&mid(cue)) { "are" } else { "is" }, mid(cue))
        }
        FactKind::Date => {
            let which = match Form::of(&fact.answer) {
                Form::Year(_) => "which year",
                Form::MonthYear { .. } => "which month and year",
                Form::Date { .. } => "which date",
                _ => "",
            };
            match date_cue(cue) {
                DateCue::Passive { subject, scheduled, plural, .. } => {
                    let be = if plural { "were" } else { "was" };
                    let cue = passive_cue(cue, subject);
                    match (which, scheduled) {
                        ("", _) => format!("When {be} {cue}?"),
                        (_, true) => format!("For {which} {be} {cue}?"),
                        ("which date", false) => format!("On which date {be} {cue}?"),
                        (_, false) => format!("In {which} {be} {cue}?"),
                    }
                }
                DateCue::Time => format!("What was {}?", mid(cue)),
                // "Constitution came into force" has its own verb: no "did … take place"
                // around it ("did Constitution came into force take place").
                DateCue::Clause => {
                    let ask = match which {
                        "" => "when".to_owned(),
                        "which date" => "on which date".to_owned(),
                        w => format!("in {w}"),
                    };
                    format!("{}: {ask}?", capitalize(cue))
                }
                DateCue::Event => match which {
                    "" => format!("When did {} take place?", mid(cue)),
                    "which date" => format!("On which date did {} take place?", mid(cue)),
                    _ => format!("In {which} did {} take place?", mid(cue)),
                },
            }
        }
        FactKind::Number => match measure(cue) {
            Some(m) => format!("What is {m}?"),
            None => format!("How many {cue}?"),
        },
        FactKind::Group => {
            if plural_head(&mid(cue)) {
                format!("What are {}?", mid(cue))
            } else {
                format!("Which members make up {}?", mid(cue))
            }
        }
        FactKind::Statement => cue.to_owned(),
    }
}

/// The reverse question, asking for the cue: the `reverse` override, or the template.
pub fn reverse(fact: &Fact) -> String {
    if let Some(q) = &fact.reverse {
        return q.clone();
    }
    let answer = fact.answer.trim();
    match fact.kind {
        FactKind::Acronym => format!("Which acronym stands for {answer}?"),
        FactKind::Term => format!("Which term is this: {answer}?"),
        FactKind::Person => format!("Who or what is {answer}?"),
        FactKind::Place => format!("What is in {answer}?"),
        // Something only scheduled did not take place: "What was scheduled for July 2018?"
        FactKind::Date => match (date_cue(fact.cue.trim()), Form::of(answer)) {
            (DateCue::Passive { scheduled: true, .. }, _) => {
                format!("What was scheduled for {answer}?")
            }
            (_, Form::Date { .. }) => format!("What took place on {answer}?"),
            _ => format!("What took place in {answer}?"),
        },
        FactKind::Number => format!("What numbers {answer}?"),
        FactKind::Group => format!("Which grouping is made up of {answer}?"),
        FactKind::Agreement => format!("Which agreement is this: {answer}?"),
        FactKind::Organization => format!("Which organisation is this: {answer}?"),
        FactKind::Statement => format!("Which question has the answer: {answer}?"),
    }
}

/// A statement pairing the fact's cue with `x` (its own answer or a sibling's), for
/// true/false questions; `None` when neither the template nor a cloze sentence can say it
/// truly (see the module documentation). With the fact's own answer it is true by
/// construction, as far as wording can tell.
pub fn statement(fact: &Fact, x: &str) -> Option<String> {
    if let Some(s) = sentence(fact, x) {
        return Some(s);
    }
    match (fact.kind, &fact.question) {
        // A number after its question is a question and an answer, not a statement.
        (FactKind::Number, _) => None,
        // A cue written as a question is paired with the answer, as a Statement's is.
        (_, None) if fact.cue.trim().ends_with('?') => {
            Some(format!("{} — {}", fact.cue.trim(), x.trim()))
        }
        (FactKind::Term | FactKind::Agreement | FactKind::Organization, None) => Some(full_stop(
            format!("{}: {}", capitalize(&named(fact.cue.trim(), fact.kind).0), mid(x.trim())),
        )),
        (_, Some(q)) => Some(format!("{} — {}", q.trim(), x.trim())),
        (FactKind::Statement, None) => Some(format!("{} — {}", fact.cue.trim(), x.trim())),
        _ => None,
    }
}

/// The fact with `x` as its answer said as one declarative sentence, or `None` when only a
/// question paired with an answer would say it. A lone true/false can show "question — answer";
/// a set of numbered statements cannot (no paper prints a question as a statement).
pub fn sentence(fact: &Fact, x: &str) -> Option<String> {
    let x = x.trim();
    // A number's cloze sentence says it best ("In a 2+2 dialogue, two ministers from each
    // country meet"); for the other kinds the template comes first.
    if fact.kind == FactKind::Number
        && let Some(s) = cloze_statement(fact, x)
    {
        return Some(s);
    }
    if fact.question.is_none()
        && !fact.cue.trim().ends_with('?')
        && let Some(s) = template_statement(fact, x)
    {
        return Some(full_stop(s));
    }
    cloze_statement(fact, x)
}

/// Whether the fact gets true/false questions at all: its own answer makes a statement.
pub fn has_statement(fact: &Fact) -> bool {
    statement(fact, &fact.answer).is_some()
}

/// The kind's template, if the cue can carry it.
fn template_statement(fact: &Fact, x: &str) -> Option<String> {
    let cue = fact.cue.trim();
    let sentence = match fact.kind {
        FactKind::Acronym => format!("{cue} stands for {x}"),
        FactKind::Term | FactKind::Agreement | FactKind::Organization => {
            // "The Defense Innovation Unit is the US party to …": a definition that opens
            // with a determiner reads after "is". Anything else ("BECA: geospatial
            // intelligence sharing") is a label, not a sentence; `statement` keeps the label
            // for a lone true/false, and no numbered set prints one.
            if !opens_with_determiner(x) {
                return None;
            }
            let (subject, plural) = named(cue, fact.kind);
            let be = if plural { "are" } else { "is" };
            format!("{} {be} {}", capitalize(&subject), mid(x))
        }
        FactKind::Person => {
            if starts_with_word(cue, &["who", "whom", "whose", "which", "what"]) {
                return None;
            }
            let be = if past_role(cue) { "was" } else { "is" };
            format!("{} {be} {}", capitalize(x), mid(cue))
        }
        FactKind::Place => {
            // An event that was only planned ("… scheduled for July 2018") was never anywhere.
            if not_an_event(cue) || has_finite_verb(cue) {
                return None;
            }
            let be = if plural_head(&mid(cue)) { "are" } else { "is" };
            format!("{} {be} in {x}", capitalize(&mid(cue)))
        }
        FactKind::Date => {
            let on = matches!(Form::of(x), Form::Date { .. });
            match date_cue(cue) {
                DateCue::Event => {
                    format!(
                        "{} took place {} {x}",
                        capitalize(&mid(cue)),
                        if on { "on" } else { "in" }
                    )
                }
                DateCue::Passive { subject, verb, plural, scheduled } => {
                    let prep = if scheduled {
                        "for"
                    } else if on {
                        "on"
                    } else {
                        "in"
                    };
                    let be = if plural { "were" } else { "was" };
                    format!("{} {be} {verb} {prep} {x}", capitalize(&passive_cue(subject, subject)))
                }
                DateCue::Time => format!("{} was {x}", capitalize(&mid(cue))),
                DateCue::Clause => return None,
            }
        }
        FactKind::Number => {
            if let Some(m) = measure(cue) {
                return Some(format!("{} is {x}", capitalize(&m)));
            }
            // "There are 11 Fundamental Duties in the Constitution": only a plural noun
            // phrase reads after "There are"; and never "There are 1 …".
            if !counted_noun_phrase(cue) || normalize::key(x) == "1" {
                return None;
            }
            format!("There are {x} {cue}")
        }
        FactKind::Group => {
            if plural_head(&mid(cue)) {
                format!("{} are {x}", capitalize(&mid(cue)))
            } else {
                format!("{} is made up of {x}", capitalize(&mid(cue)))
            }
        }
        FactKind::Statement => return None,
    };
    Some(sentence)
}

/// The first cloze sentence of the fact with a blank that is the answer, that blank filled
/// with `x` (the blank's own words when `x` is the answer). A blank that is only an `accept`
/// entry ("foreign terrorist fighters" for "The resolution on returning foreign terrorist
/// fighters") is part of the answer, and another answer would not fit it.
fn cloze_statement(fact: &Fact, x: &str) -> Option<String> {
    let answer = normalize::key(&fact.answer);
    let is_answer = normalize::key(x) == answer;
    for sentence in &fact.cloze {
        let blanks = cloze::blanks(sentence);
        let Some(i) = blanks.iter().position(|b| normalize::key(&b.answer) == answer) else {
            continue;
        };
        let blank = &blanks[i];
        if is_answer {
            return cloze::fill_parsed(sentence, &blanks, i, &blank.answer);
        }
        // The sentence's own article stays: "in the {western Indian Ocean}" with "the
        // Indo-Pacific" reads "in the Indo-Pacific"; mid-sentence, "The" is "the".
        let before = sentence[..blank.span.start].trim_end().to_lowercase();
        let has_article =
            ["the", "a", "an"].iter().any(|a| before == *a || before.ends_with(&format!(" {a}")));
        let text = if blank.span.start == 0 {
            Cow::Borrowed(x)
        } else if has_article {
            Cow::Borrowed(without_article(x))
        } else {
            mid(x)
        };
        return cloze::fill_parsed(sentence, &blanks, i, &text);
    }
    None
}

/// `s` without a leading "the", "a" or "an".
fn without_article(s: &str) -> &str {
    for a in ["the ", "a ", "an "] {
        if s.get(..a.len()).is_some_and(|p| p.eq_ignore_ascii_case(a)) {
            return s[a.len()..].trim_start();
        }
    }
    s
}

/// What a Date cue is, which decides its wording.
#[derive(Debug, PartialEq, Eq)]
enum DateCue<'c> {
    /// An event as a noun phrase: "the signing of BECA", "the Battle of Plassey". It "took
    /// place".
    Event,
    /// A subject and a past participle: "the Constitution of India adopted", "the inaugural
    /// 2+2 originally scheduled". It "was adopted in", "was originally scheduled for".
    Passive {
        subject: &'c str,
        /// The participle with any adverbs before it and words after it.
        verb: &'c str,
        plural: bool,
        /// Scheduled, planned, due: not an event, said with "for".
        scheduled: bool,
    },
    /// The time itself: "the year India became a republic". It "was 1950".
    Time,
    /// A clause with a finite verb ("India joined the UN"): no statement can be built.
    Clause,
}

/// A Date cue whose subject is the name of an agreement or institution ("Ramsar Convention
/// signed", "Kyoto Protocol adopted") reads with "the" inside a sentence, as the name does in
/// "What is the Ramsar Convention?"; any other cue as [`mid`] gives it.
fn passive_cue<'c>(cue: &'c str, subject: &str) -> Cow<'c, str> {
    let (named_subject, _) = named(subject, FactKind::Agreement);
    if named_subject.starts_with("the ") && !subject.to_lowercase().starts_with("the ") {
        Cow::Owned(format!("the {cue}"))
    } else {
        mid(cue)
    }
}

fn date_cue(cue: &str) -> DateCue<'_> {
    let words: Vec<(usize, &str)> = word_spans(cue);
    let lower = |w: &str| w.to_lowercase();
    if words.len() >= 2
        && lower(words[0].1) == "the"
        && ["year", "date", "day", "month", "time"].contains(&lower(words[1].1).as_str())
        && words.len() > 2
    {
        return DateCue::Time;
    }
    if has_finite_verb(cue) {
        return DateCue::Clause;
    }
    // The participle: the first one that ends the cue, or is followed only by a particle or a
    // prepositional phrase ("signed at Tashkent", "set up").
    for (n, &(_, word)) in words.iter().enumerate().skip(1) {
        if !participle(word) {
            continue;
        }
        let next = words.get(n + 1).map(|w| lower(w.1));
        let ends = match next.as_deref() {
            None => true,
            Some(w) if PARTICLES.contains(&w) => {
                words.get(n + 2).is_none_or(|w| PREPOSITIONS.contains(&lower(w.1).as_str()))
            }
            Some(w) => PREPOSITIONS.contains(&w),
        };
        if !ends {
            continue;
        }
        // Adverbs before the participle belong to the verb: "originally scheduled".
        let mut first = n;
        while first > 1 && adverb(words[first - 1].1) {
            first -= 1;
        }
        let start = words[first].0;
        let subject = cue[..start].trim_end();
        return DateCue::Passive {
            subject,
            verb: cue[start..].trim(),
            plural: plural_head(subject),
            scheduled: SCHEDULED.contains(&lower(word).as_str()),
        };
    }
    DateCue::Event
}

const PARTICLES: &[&str] = &["up", "out", "down", "off", "over", "back", "forth"];
const PREPOSITIONS: &[&str] = &[
    "by", "at", "in", "on", "as", "under", "for", "with", "from", "to", "between", "into",
    "during", "after", "before", "through", "across", "among", "within",
];
const SCHEDULED: &[&str] = &["scheduled", "planned", "slated", "proposed", "expected", "due"];
/// Finite verbs and auxiliaries that make a cue a clause ("India joined the UN" is not a
/// noun phrase; "does the Constitution have" is in question order).
const FINITE: &[&str] = &[
    "is", "are", "was", "were", "am", "do", "does", "did", "has", "have", "had", "will", "would",
    "can", "could", "shall", "should", "may", "might", "must", "came", "became", "began", "took",
    "went", "gave", "got", "won", "wrote", "rose", "fell", "broke", "joined", "became",
];
/// Irregular past participles (the regular ones end in "-ed").
const IRREGULAR: &[&str] = &[
    "held",
    "born",
    "built",
    "made",
    "begun",
    "written",
    "taken",
    "given",
    "won",
    "drawn",
    "sworn",
    "laid",
    "struck",
    "chosen",
    "known",
    "brought",
    "fought",
    "sold",
    "sent",
    "led",
    "met",
    "set",
    "split",
    "shot",
    "spent",
    "hung",
    "won",
    "seen",
    "done",
    "undertaken",
    "withdrawn",
    "overthrown",
    "thrown",
    "paid",
    "kept",
    "left",
    "lost",
    "passed",
    "read",
    "run",
    "sat",
    "won",
];
/// Words ending in "-ed" that are not participles.
const NOT_PARTICIPLES: &[&str] =
    &["hundred", "indeed", "speed", "breed", "creed", "seed", "need", "sacred", "kindred"];

fn participle(word: &str) -> bool {
    let w = word.trim_matches(|c: char| !c.is_alphanumeric());
    if w.is_empty() || !w.chars().all(|c| c.is_ascii_lowercase()) {
        return false;
    }
    IRREGULAR.contains(&w) || (w.len() >= 5 && w.ends_with("ed") && !NOT_PARTICIPLES.contains(&w))
}

fn adverb(word: &str) -> bool {
    let w = word.to_lowercase();
    (w.len() > 4 && w.ends_with("ly")) || ["first", "last", "once", "finally"].contains(&w.as_str())
}

fn has_finite_verb(cue: &str) -> bool {
    cue.split_whitespace().any(|w| FINITE.contains(&w.to_lowercase().as_str()))
}

/// "Scheduled", "planned": a cue about something that was only foreseen.
fn not_an_event(cue: &str) -> bool {
    let lower = cue.to_lowercase();
    cue.split_whitespace().any(|w| SCHEDULED.contains(&w.to_lowercase().as_str()))
        || lower.contains("to be held")
}

/// The words of `s` with their byte offsets.
fn word_spans(s: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(st)) => {
                out.push((st, &s[st..i]));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(st) = start {
        out.push((st, &s[st..]));
    }
    out
}

/// Does `x` open with an article, "one of" or a possessive ("India's", "NPCIL's"), so that it
/// reads as the complement of "is"?
fn opens_with_determiner(x: &str) -> bool {
    let Some(first) = x.split_whitespace().next() else { return false };
    starts_with_word(x, &["a", "an", "the", "one", "its", "their"])
        || first.ends_with("'s")
        || first.ends_with("’s")
}

fn starts_with_word(s: &str, words: &[&str]) -> bool {
    s.split_whitespace().next().is_some_and(|w| words.contains(&w.to_lowercase().as_str()))
}

/// Is a Person's role historical? "the first", "the founding", "the former", "the last" holder
/// of an office: "was" is true of them whether or not they still hold it, so inferring it can
/// never make a true statement false (a current role keeps "is"; write `question` for other
/// past roles).
fn past_role(cue: &str) -> bool {
    cue.split_whitespace().take(3).any(|w| {
        ["first", "founding", "former", "last", "late", "then"].contains(&w.to_lowercase().as_str())
    })
}

/// Is the head noun of a noun phrase plural? The last word before the first preposition,
/// relative word or participle: "the six plants in India" (plants), "the Constitution of
/// India" (Constitution). Lower-case words ending in "s" (not "ss", "us", "is", "ics") are
/// plural; capitalised names ("Iron Curtain", "United States") are not.
fn plural_head(phrase: &str) -> bool {
    let mut head: Option<&str> = None;
    for word in phrase.split_whitespace() {
        let w = word.to_lowercase();
        // "the countries CAATSA imposed sanctions on": a name after a plural starts a clause.
        let new_clause = head
            .is_some_and(|h| h.ends_with('s') && h.starts_with(char::is_lowercase))
            && word.starts_with(char::is_uppercase);
        if new_clause
            || PREPOSITIONS.contains(&w.as_str())
            || ["of", "that", "which", "who", "whose", "where", "when", "whom"]
                .contains(&w.as_str())
            || (head.is_some() && participle(word))
        {
            break;
        }
        head = Some(word);
    }
    head.is_some_and(|w| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        w.chars().next().is_some_and(char::is_lowercase)
            && w.ends_with('s')
            && !["ss", "us", "is", "ics"].iter().any(|e| w.ends_with(e))
            && w.len() > 3
    })
}

/// A Number cue that is a plural noun phrase, so "There are {x} {cue}" is a sentence: no
/// finite verb, and the words before the first preposition or relative word are at most three
/// and end in a plural ("Fundamental Duties in the Constitution", "member countries of the
/// Quad", "states that border Nepal"). "ministers take part in a 2+2" is not: "part".
fn counted_noun_phrase(cue: &str) -> bool {
    if has_finite_verb(cue) {
        return false;
    }
    let words: Vec<&str> = cue.split_whitespace().collect();
    let stop = |w: &str| {
        let w = w.to_lowercase();
        PREPOSITIONS.contains(&w.as_str())
            || ["of", "that", "which", "who", "whose", "where"].contains(&w.as_str())
    };
    let head_len = words.iter().position(|w| stop(w)).unwrap_or(words.len());
    let Some(last) = head_len.checked_sub(1).and_then(|i| words.get(i)) else { return false };
    let last = last.trim_matches(|c: char| !c.is_alphanumeric());
    if head_len > 3 || !last.ends_with('s') || ["ss", "us", "is"].iter().any(|e| last.ends_with(e))
    {
        return false;
    }
    // After the head, prepositional phrases and relative clauses only: two lower-case content
    // words in a row before a preposition or article are a noun and its verb ("ministers from
    // each country meet in a 2+2 dialogue").
    let content = |w: &str| {
        w.chars().next().is_some_and(char::is_lowercase)
            && !stop(w)
            && !participle(w)
            && !["the", "a", "an", "each", "every", "its", "their", "and", "or"].contains(&w)
    };
    for (i, pair) in words.windows(3).enumerate().skip(head_len) {
        if ["that", "which", "who", "whose", "where"].contains(&pair[0]) {
            break;
        }
        let next = pair[2].to_lowercase();
        let _ = i;
        if content(pair[0])
            && content(pair[1])
            && (PREPOSITIONS.contains(&next.as_str())
                || ["the", "a", "an"].contains(&next.as_str()))
        {
            return false;
        }
    }
    true
}

/// Nouns of events that begin a cue capitalised ("Adoption of the Constitution"): mid-sentence
/// they read "the adoption of the Constitution".
const EVENT_NOUNS: &[&str] = &[
    "adoption",
    "signing",
    "formation",
    "establishment",
    "creation",
    "founding",
    "launch",
    "introduction",
    "enactment",
    "abolition",
    "passage",
    "passing",
    "commencement",
    "ratification",
    "inauguration",
    "assassination",
    "dissolution",
    "reorganisation",
    "reorganization",
    "merger",
    "annexation",
    "accession",
    "nationalisation",
    "nationalization",
    "implementation",
    "enforcement",
    "repeal",
    "arrival",
    "death",
    "birth",
    "coronation",
    "demonetisation",
    "demonetization",
    "bifurcation",
    "liberalisation",
    "liberalization",
    "beginning",
    "end",
    "start",
    "completion",
    "signature",
    "award",
];

/// The cue as it reads inside a sentence: a leading "The"/"A"/"An" in lower case, and an
/// event noun that opens it capitalised ("Adoption of the Constitution") with "the" and in
/// lower case. Names stay as written.
fn mid(cue: &str) -> Cow<'_, str> {
    let mut words = cue.splitn(2, ' ');
    let (Some(first), rest) = (words.next(), words.next()) else { return Cow::Borrowed(cue) };
    let Some(rest) = rest else { return Cow::Borrowed(cue) };
    if ["The", "A", "An"].contains(&first) {
        return Cow::Owned(format!("{} {rest}", first.to_lowercase()));
    }
    let lower = first.to_lowercase();
    let capitalised = first.chars().next().is_some_and(char::is_uppercase)
        && first.chars().skip(1).all(|c| !c.is_uppercase());
    if capitalised
        && (EVENT_NOUNS.contains(&lower.as_str()) || HEAD_NOUNS.contains(&lower.as_str()))
        && starts_with_word(rest, &["of"])
    {
        return Cow::Owned(format!("the {lower} {rest}"));
    }
    // "First Chief of Defence Staff of India", "Founding members of BRIC": a cue written as a
    // heading reads "the first Chief of Defence Staff of India" inside a question.
    if capitalised && ORDER_WORDS.contains(&lower.as_str()) {
        return Cow::Owned(format!("the {lower} {rest}"));
    }
    Cow::Borrowed(cue)
}

/// A Number cue that names a measure rather than what is counted ("Maximum strength of the
/// Lok Sabha", "number of Ramsar sites in India"), as it reads after "What is": "the maximum
/// strength of the Lok Sabha". `None` for a counted noun phrase ("members of the Lok Sabha"),
/// which reads after "How many".
fn measure(cue: &str) -> Option<String> {
    let words: Vec<&str> = cue.split_whitespace().collect();
    let of = words.iter().position(|w| *w == "of")?;
    let head = &words[..of];
    let is_measure = !head.is_empty()
        && head.len() <= 3
        && head.iter().all(|w| w.chars().skip(1).all(|c| !c.is_uppercase()))
        && head.last().is_some_and(|w| MEASURE_NOUNS.contains(&w.to_lowercase().as_str()));
    if !is_measure {
        return None;
    }
    let first = head[0].to_lowercase();
    let rest = cue.trim()[head[0].len()..].trim_start();
    match first.as_str() {
        "the" => Some(format!("the {rest}")),
        _ => Some(format!("the {first} {rest}")),
    }
}

/// Nouns that name a measure of something: a Number cue headed by one is asked "What is …?".
const MEASURE_NOUNS: &[&str] = &[
    "number",
    "strength",
    "size",
    "population",
    "length",
    "height",
    "area",
    "total",
    "maximum",
    "minimum",
    "membership",
    "count",
    "tenure",
    "term",
];

/// Common nouns that begin a cue written as a heading ("Headquarters of UNEP", "Members of the
/// Quad"): mid-sentence, before "of", they read "the headquarters of UNEP".
const HEAD_NOUNS: &[&str] = &[
    "headquarters",
    "members",
    "member",
    "capital",
    "seat",
    "symbol",
    "chairman",
    "chairperson",
    "head",
    "founder",
    "founders",
    "author",
    "venue",
    "source",
    "mouth",
];

/// Words of order that begin a cue written as a heading ("First President of India").
const ORDER_WORDS: &[&str] = &["first", "second", "third", "last", "founding", "former", "current"];

/// Words that end the name of an institution, agreement or instrument: a capitalised name
/// ending in one takes "the" ("the Defense Innovation Unit").
const INSTITUTIONS: &[&str] = &[
    "unit",
    "command",
    "organisation",
    "organization",
    "council",
    "commission",
    "company",
    "corporation",
    "group",
    "annex",
    "initiative",
    "agreement",
    "bank",
    "fund",
    "committee",
    "board",
    "authority",
    "agency",
    "ministry",
    "department",
    "office",
    "parliament",
    "assembly",
    "court",
    "act",
    "treaty",
    "movement",
    "mission",
    "programme",
    "program",
    "scheme",
    "policy",
    "regime",
    "arrangement",
    "dialogue",
    "forum",
    "alliance",
    "partnership",
    "union",
    "association",
    "institute",
    "army",
    "navy",
    "force",
    "forces",
    "constitution",
    "conference",
    "summit",
    "accord",
    "pact",
    "convention",
    "protocol",
    "declaration",
    "charter",
    "framework",
    "secretariat",
    "tribunal",
    "service",
    "services",
    "corps",
    "academy",
    "university",
    "foundation",
    "federation",
    "league",
    "organisation",
    "limited",
    "system",
    "centre",
    "center",
    "exchange",
    "doctrine",
    "plan",
    "project",
    "memorandum",
];

/// A Term, Agreement or Organization cue as the object of "What is": with "the" before a
/// capitalised institution's name ("the Defense Innovation Unit"), "a"/"an" before a
/// lower-case countable term of two words or more ("a money bill"), as written otherwise
/// (acronyms, single words, names ending in a number or code, cues with an article already).
/// Also whether the cue is plural (then "What are").
fn named(cue: &str, kind: FactKind) -> (Cow<'_, str>, bool) {
    let words: Vec<&str> = cue.split_whitespace().collect();
    let (Some(first), Some(last)) = (words.first(), words.last()) else {
        return (Cow::Borrowed(cue), false);
    };
    let first_lower = first.to_lowercase();
    if ["the", "a", "an", "this", "that", "these", "those", "its", "their"]
        .contains(&first_lower.as_str())
        || first.ends_with("'s")
        || first.ends_with("’s")
    {
        return (mid(cue), plural_head(cue));
    }
    let last_clean = last.trim_matches(|c: char| !c.is_alphanumeric());
    let acronym = |w: &str| {
        w.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && w.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase)
    };
    if words.len() < 2 || last_clean.chars().any(|c| c.is_ascii_digit()) || acronym(last_clean) {
        return (Cow::Borrowed(cue), false);
    }
    let capitalised = first.chars().next().is_some_and(char::is_uppercase) && !acronym(first);
    if capitalised {
        let institution = words.iter().any(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
            INSTITUTIONS.contains(&w.as_str())
        });
        return if institution {
            (Cow::Owned(format!("the {cue}")), false)
        } else {
            (Cow::Borrowed(cue), false)
        };
    }
    if first.chars().next().is_some_and(char::is_lowercase)
        || first.starts_with(|c: char| c.is_ascii_digit())
    {
        if plural_head(cue) {
            return (Cow::Borrowed(cue), true);
        }
        // A term is a kind of thing ("a money bill"); an agreement or organisation named in
        // lower case is a particular one ("the civil nuclear partnership").
        // So is a measure or a rule: "the repo rate", "the basic structure doctrine".
        let head = words.last().map(|w| w.to_lowercase()).unwrap_or_default();
        if kind != FactKind::Term || DEFINITE_HEADS.contains(&head.as_str()) {
            return (Cow::Owned(format!("the {cue}")), false);
        }
        return (Cow::Owned(format!("{} {cue}", indefinite(cue))), false);
    }
    (Cow::Borrowed(cue), false)
}

/// Heads of lower-case terms that name one particular measure or rule, so take "the".
const DEFINITE_HEADS: &[&str] = &["rate", "ratio", "index", "doctrine", "line", "rule"];

/// "a" or "an" before `word`, by its sound as far as spelling tells.
fn indefinite(phrase: &str) -> &'static str {
    let w = phrase.to_lowercase();
    let vowel = w.starts_with(['a', 'e', 'i', 'o'])
        || (w.starts_with('u')
            && !w.starts_with("uni")
            && !w.starts_with("use")
            && !w.starts_with("usu"))
        || w.starts_with("hour")
        || w.starts_with("honest")
        || w.starts_with("honour")
        || w.starts_with('8')
        || w.starts_with("11 ")
        || w.starts_with("18 ");
    let consonant_sound = w.starts_with("one") || w.starts_with("eu") || w.starts_with("once");
    if vowel && !consonant_sound { "an" } else { "a" }
}

/// Ends a sentence with a full stop unless it already ends with one (`Washington, D.C.`), a
/// question mark or an exclamation mark.
fn full_stop(mut sentence: String) -> String {
    if !sentence.ends_with(['.', '?', '!']) {
        sentence.push('.');
    }
    sentence
}

/// Upper-cases the first letter, for a cue that starts a sentence.
fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::FactId;

    fn fact(kind: FactKind, cue: &str, answer: &str) -> Fact {
        Fact::new(FactId::new("f").unwrap(), kind, cue, answer)
    }

    fn st(kind: FactKind, cue: &str, answer: &str) -> Option<String> {
        statement(&fact(kind, cue, answer), answer)
    }

    #[test]
    fn every_kind_has_wording() {
        let cases = [
            (
                FactKind::Acronym,
                "COMCASA",
                "Communications Compatibility and Security Agreement",
                "What does COMCASA stand for?",
                "Which acronym stands for Communications Compatibility and Security Agreement?",
                Some("COMCASA stands for X."),
            ),
            (
                FactKind::Term,
                "2+2 dialogue",
                "a meeting of foreign and defence ministers",
                "What is a 2+2 dialogue?",
                "Which term is this: a meeting of foreign and defence ministers?",
                Some("A 2+2 dialogue: X."),
            ),
            (
                FactKind::Person,
                "India's Defence Minister at the 2018 2+2",
                "Nirmala Sitharaman",
                "Who is India's Defence Minister at the 2018 2+2?",
                "Who or what is Nirmala Sitharaman?",
                Some("X is India's Defence Minister at the 2018 2+2."),
            ),
            (
                FactKind::Place,
                "the venue of the first 2+2",
                "New Delhi",
                "Where is the venue of the first 2+2?",
                "What is in New Delhi?",
                Some("The venue of the first 2+2 is in X."),
            ),
            (
                FactKind::Date,
                "the first India–US 2+2 dialogue",
                "2018",
                "In which year did the first India–US 2+2 dialogue take place?",
                "What took place in 2018?",
                Some("The first India–US 2+2 dialogue took place in X."),
            ),
            (
                FactKind::Number,
                "member countries of the Quad",
                "4",
                "How many member countries of the Quad?",
                "What numbers 4?",
                Some("There are X member countries of the Quad."),
            ),
            (
                FactKind::Group,
                "the Quad",
                "India, Japan, Australia and the United States",
                "Which members make up the Quad?",
                "Which grouping is made up of India, Japan, Australia and the United States?",
                Some("The Quad is made up of X."),
            ),
            (
                FactKind::Agreement,
                "LEMOA",
                "lets each side use the other's bases for supplies",
                "What is LEMOA?",
                "Which agreement is this: lets each side use the other's bases for supplies?",
                Some("LEMOA: X."),
            ),
            (
                FactKind::Organization,
                "the Quad secretariat",
                "a standing office",
                "What is the Quad secretariat?",
                "Which organisation is this: a standing office?",
                Some("The Quad secretariat: X."),
            ),
            (
                FactKind::Statement,
                "Why did India sign BECA?",
                "to get geospatial data",
                "Why did India sign BECA?",
                "Which question has the answer: to get geospatial data?",
                Some("Why did India sign BECA? — X"),
            ),
        ];
        for (kind, cue, answer, fwd, rev, st) in cases {
            let f = fact(kind, cue, answer);
            assert_eq!(forward(&f), fwd, "{kind}");
            assert_eq!(reverse(&f), rev, "{kind}");
            assert_eq!(statement(&f, "X").as_deref(), st, "{kind}");
        }
    }

    #[test]
    fn date_wording_follows_the_answer_form() {
        let cue = "the signing of COMCASA";
        assert_eq!(
            forward(&fact(FactKind::Date, cue, "September 2018")),
            "In which month and year did the signing of COMCASA take place?"
        );
        assert_eq!(
            forward(&fact(FactKind::Date, cue, "6 September 2018")),
            "On which date did the signing of COMCASA take place?"
        );
        assert_eq!(
            forward(&fact(FactKind::Date, cue, "early 2018")),
            "When did the signing of COMCASA take place?"
        );
    }

    /// A cue that is a subject and a participle is said with its own verb, never "took place";
    /// one that was only scheduled is said with "for" (issue 14: "The inaugural India–US 2+2
    /// dialogue originally scheduled took place in July 2018" was marked true).
    #[test]
    fn date_cues_that_are_not_events_keep_their_verb() {
        let scheduled = fact(
            FactKind::Date,
            "the inaugural India–US 2+2 dialogue originally scheduled",
            "July 2018",
        );
        assert_eq!(
            statement(&scheduled, "July 2018").as_deref(),
            Some("The inaugural India–US 2+2 dialogue was originally scheduled for July 2018.")
        );
        assert_eq!(reverse(&scheduled), "What was scheduled for July 2018?");
        assert_eq!(
            forward(&scheduled),
            "For which month and year was the inaugural India–US 2+2 dialogue originally scheduled?"
        );
        let adopted = fact(FactKind::Date, "the Constitution of India adopted", "26 November 1949");
        assert_eq!(forward(&adopted), "On which date was the Constitution of India adopted?");
        assert_eq!(
            statement(&adopted, "26 November 1949").as_deref(),
            Some("The Constitution of India was adopted on 26 November 1949.")
        );
        assert_eq!(
            st(FactKind::Date, "the India–Japan 2+2 mechanism set up", "2010").as_deref(),
            Some("The India–Japan 2+2 mechanism was set up in 2010.")
        );
        assert_eq!(
            st(FactKind::Date, "the Tashkent Agreement signed by India and Pakistan", "1966")
                .as_deref(),
            Some("The Tashkent Agreement was signed by India and Pakistan in 1966.")
        );
        assert_eq!(
            st(FactKind::Date, "the first general elections held", "1951").as_deref(),
            Some("The first general elections were held in 1951.")
        );
        // The time itself, and a clause no template can turn into a statement.
        let year = fact(FactKind::Date, "the year India became a republic", "1950");
        assert_eq!(forward(&year), "What was the year India became a republic?");
        assert_eq!(
            statement(&year, "1950").as_deref(),
            Some("The year India became a republic was 1950.")
        );
        assert_eq!(st(FactKind::Date, "when India joined the UN", "1945"), None);
        // An event noun keeps "took place", and reads in lower case mid-sentence.
        let adoption = fact(FactKind::Date, "Adoption of the Constitution", "26 November 1949");
        assert_eq!(
            forward(&adoption),
            "On which date did the adoption of the Constitution take place?"
        );
        assert_eq!(
            statement(&adoption, "26 November 1949").as_deref(),
            Some("The adoption of the Constitution took place on 26 November 1949.")
        );
    }

    #[test]
    fn numbers_read_as_statements_or_not_at_all() {
        assert_eq!(
            st(FactKind::Number, "Fundamental Duties in the Constitution", "11").as_deref(),
            Some("There are 11 Fundamental Duties in the Constitution.")
        );
        assert_eq!(
            st(FactKind::Number, "states that border Nepal", "5").as_deref(),
            Some("There are 5 states that border Nepal.")
        );
        // Question order or a clause: no template statement.
        assert_eq!(
            st(FactKind::Number, "schedules does the Constitution of India have", "12"),
            None
        );
        assert_eq!(
            st(FactKind::Number, "ministers from each country meet in a 2+2 dialogue", "2"),
            None
        );
        assert_eq!(st(FactKind::Number, "ministers take part in a 2+2 dialogue", "2"), None);
        // Never "There are 1 …".
        assert_eq!(
            statement(&fact(FactKind::Number, "Union Territories with a legislature", "3"), "1"),
            None
        );
        // A cloze sentence whose blank is the answer says it, in its own words when true.
        let mut duties =
            fact(FactKind::Number, "Fundamental Duties does the Constitution list", "11");
        duties.accept = vec!["eleven".into()];
        duties.cloze = vec!["The Constitution lists {eleven} Fundamental Duties.".into()];
        assert_eq!(
            statement(&duties, "11").as_deref(),
            Some("The Constitution lists eleven Fundamental Duties.")
        );
        assert_eq!(
            statement(&duties, "10").as_deref(),
            Some("The Constitution lists 10 Fundamental Duties.")
        );
        // With a `question` and no such sentence: no "How many …? — 13".
        let mut asked = fact(FactKind::Number, "Fundamental Duties", "11");
        asked.question = Some("How many Fundamental Duties are there?".into());
        assert_eq!(statement(&asked, "13"), None);
        assert!(!has_statement(&asked));
    }

    #[test]
    fn cloze_statements_keep_the_sentence_article() {
        let mut f = fact(
            FactKind::Statement,
            "Where did the ministers deepen cooperation?",
            "the western Indian Ocean",
        );
        f.cloze = vec!["They deepened cooperation in the {western Indian Ocean}.".into()];
        assert_eq!(
            statement(&f, "the western Indian Ocean").as_deref(),
            Some("They deepened cooperation in the western Indian Ocean.")
        );
        assert_eq!(
            statement(&f, "The Indo-Pacific").as_deref(),
            Some("They deepened cooperation in the Indo-Pacific.")
        );
        // A blank that is only an accepted part of the answer is not the answer.
        let mut part =
            fact(FactKind::Term, "Resolution 2396", "The resolution on returning foreign fighters");
        part.accept = vec!["foreign fighters".into()];
        part.question = Some("What is Resolution 2396 about?".into());
        part.cloze = vec!["Resolution 2396 is on returning {foreign fighters}.".into()];
        assert_eq!(statement(&part, "X").as_deref(), Some("What is Resolution 2396 about? — X"));
    }

    #[test]
    fn articles_for_common_nouns_and_institutions() {
        let what = |kind, cue: &str| forward(&fact(kind, cue, "x"));
        assert_eq!(what(FactKind::Term, "money bill"), "What is a money bill?");
        assert_eq!(what(FactKind::Term, "repo rate"), "What is the repo rate?");
        assert_eq!(what(FactKind::Term, "ordinance"), "What is ordinance?");
        assert_eq!(what(FactKind::Term, "adjournment motion"), "What is an adjournment motion?");
        assert_eq!(what(FactKind::Term, "directive principles"), "What are directive principles?");
        assert_eq!(
            what(FactKind::Organization, "Defense Innovation Unit"),
            "What is the Defense Innovation Unit?"
        );
        assert_eq!(what(FactKind::Organization, "NITI Aayog"), "What is NITI Aayog?");
        assert_eq!(
            what(FactKind::Term, "UN Security Council Resolution 2396"),
            "What is UN Security Council Resolution 2396?"
        );
        assert_eq!(what(FactKind::Term, "The Basic Structure"), "What is the Basic Structure?");
        assert_eq!(
            what(FactKind::Agreement, "civil nuclear partnership"),
            "What is the civil nuclear partnership?"
        );
    }

    #[test]
    fn historical_roles_are_past_and_plurals_agree() {
        let first = fact(FactKind::Person, "the first President of India", "Rajendra Prasad");
        assert_eq!(forward(&first), "Who was the first President of India?");
        assert_eq!(
            statement(&first, "Rajendra Prasad").as_deref(),
            Some("Rajendra Prasad was the first President of India.")
        );
        let now = fact(FactKind::Person, "the head of the Election Commission", "the CEC");
        assert_eq!(forward(&now), "Who is the head of the Election Commission?");
        assert_eq!(
            st(FactKind::Place, "the six NPCIL–Westinghouse plants", "India").as_deref(),
            Some("The six NPCIL–Westinghouse plants are in India.")
        );
        assert_eq!(
            st(
                FactKind::Group,
                "the countries CAATSA imposed sanctions on",
                "Iran, North Korea and Russia"
            )
            .as_deref(),
            Some("The countries CAATSA imposed sanctions on are Iran, North Korea and Russia.")
        );
        assert_eq!(
            forward(&fact(FactKind::Group, "the permanent members of the Security Council", "x")),
            "What are the permanent members of the Security Council?"
        );
        // A place cue about a planned event was never anywhere.
        assert_eq!(
            st(
                FactKind::Place,
                "the inaugural 2+2 that was scheduled for July 2018",
                "Washington DC"
            ),
            None
        );
    }

    #[test]
    fn no_double_full_stop() {
        let f = fact(FactKind::Place, "the venue of the second 2+2", "Washington, D.C.");
        assert_eq!(
            statement(&f, "Washington, D.C.").as_deref(),
            Some("The venue of the second 2+2 is in Washington, D.C.")
        );
        assert_eq!(
            statement(&f, "New Delhi").as_deref(),
            Some("The venue of the second 2+2 is in New Delhi.")
        );
    }

    #[test]
    fn cues_written_as_headings_read_with_the_inside_a_question() {
        // The cues `recall new`'s template shows, as students write them: capitalised.
        let ask = |kind, cue: &str| forward(&fact(kind, cue, "x"));
        assert_eq!(
            ask(FactKind::Person, "First Chief of Defence Staff of India"),
            "Who was the first Chief of Defence Staff of India?"
        );
        assert_eq!(
            ask(FactKind::Place, "Headquarters of the International Solar Alliance"),
            "Where are the headquarters of the International Solar Alliance?"
        );
        assert_eq!(
            ask(FactKind::Group, "Members of the Quad"),
            "What are the members of the Quad?"
        );
        assert_eq!(
            ask(FactKind::Group, "Founding members of BRIC"),
            "What are the founding members of BRIC?"
        );
        assert_eq!(
            forward(&fact(FactKind::Date, "First India–US 2+2 ministerial dialogue", "2018")),
            "In which year did the first India–US 2+2 ministerial dialogue take place?"
        );
        assert_eq!(
            st(FactKind::Group, "Members of the Quad", "Australia, India, Japan and the US")
                .as_deref(),
            Some("The members of the Quad are Australia, India, Japan and the US.")
        );
        // Names stay as written.
        assert_eq!(
            ask(FactKind::Place, "Silent Valley National Park"),
            "Where is Silent Valley National Park?"
        );
        assert_eq!(ask(FactKind::Place, "Statue of Unity"), "Where is Statue of Unity?");
    }

    /// A student copies `recall new`'s examples: each must make a question a teacher would set.
    #[test]
    fn the_new_deck_template_examples_read_as_questions() {
        let id = crate::ids::DeckId::new("t").unwrap();
        let text = crate::deck::template::new_deck(&id, "T", "t", true);
        let deck = crate::deck::write::check_text(std::path::Path::new("t.ron"), &text).unwrap();
        let ask = |id: &str| forward(deck.facts.iter().find(|f| f.id.as_str() == id).unwrap());
        assert_eq!(ask("first-cds"), "Who was the first Chief of Defence Staff of India?");
        assert_eq!(
            ask("isa-hq"),
            "Where are the headquarters of the International Solar Alliance?"
        );
        assert_eq!(
            ask("first-2plus2"),
            "In which year did the first India–US 2+2 ministerial dialogue take place?"
        );
        assert_eq!(ask("unsc-members"), "How many members of the UN Security Council?");
        assert_eq!(ask("quad"), "What are the members of the Quad?");
    }

    #[test]
    fn a_named_agreement_takes_the_in_a_date_question() {
        let f = fact(FactKind::Date, "Ramsar Convention signed", "1971");
        assert_eq!(forward(&f), "In which year was the Ramsar Convention signed?");
        assert_eq!(
            statement(&f, "1971").as_deref(),
            Some("The Ramsar Convention was signed in 1971.")
        );
        let f = fact(FactKind::Date, "Kyoto Protocol adopted", "1997");
        assert_eq!(
            statement(&f, "1987").as_deref(),
            Some("The Kyoto Protocol was adopted in 1987.")
        );
        // A name that is no institution stays as written.
        let f = fact(FactKind::Date, "Dandi March begun", "1930");
        assert_eq!(forward(&f), "In which year was Dandi March begun?");
    }

    #[test]
    fn a_number_cue_that_names_a_measure_is_asked_what_it_is() {
        let f = fact(FactKind::Number, "Maximum strength of the Lok Sabha", "552");
        assert_eq!(forward(&f), "What is the maximum strength of the Lok Sabha?");
        assert_eq!(
            statement(&f, "550").as_deref(),
            Some("The maximum strength of the Lok Sabha is 550.")
        );
        let f = fact(FactKind::Number, "number of Ramsar sites in India", "85");
        assert_eq!(forward(&f), "What is the number of Ramsar sites in India?");
        // What is counted still reads after "How many".
        let f = fact(FactKind::Number, "members of the UN Security Council", "15");
        assert_eq!(forward(&f), "How many members of the UN Security Council?");
        let f = fact(FactKind::Number, "Fundamental Duties in the Constitution", "11");
        assert_eq!(forward(&f), "How many Fundamental Duties in the Constitution?");
    }

    #[test]
    fn a_date_cue_with_its_own_verb_is_not_wrapped_in_take_place() {
        let f = fact(FactKind::Date, "Constitution came into force", "26 January 1950");
        assert_eq!(forward(&f), "Constitution came into force: on which date?");
        let f = fact(FactKind::Date, "India joined the UN", "1945");
        assert_eq!(forward(&f), "India joined the UN: in which year?");
        // An event still takes place.
        let f = fact(FactKind::Date, "the signing of BECA", "2020");
        assert_eq!(forward(&f), "In which year did the signing of BECA take place?");
    }

    #[test]
    fn cues_written_as_questions_are_asked_as_written() {
        let f = fact(FactKind::Person, "Who appoints the CAG?", "the President");
        assert_eq!(forward(&f), "Who appoints the CAG?");
        assert_eq!(
            statement(&f, "the Prime Minister").as_deref(),
            Some("Who appoints the CAG? — the Prime Minister")
        );
        let f = fact(FactKind::Place, "Where is the FIFA headquarters?", "Zürich");
        assert_eq!(forward(&f), "Where is the FIFA headquarters?");
        assert_eq!(forward(&fact(FactKind::Term, "What is GST?", "x")), "What is GST?");
    }

    #[test]
    fn overrides_replace_the_templates() {
        let mut f = fact(FactKind::Acronym, "COMCASA", "Communications Compatibility …");
        f.question = Some("COMCASA is short for what?".into());
        f.reverse = Some("Name the 2018 communications pact.".into());
        assert_eq!(forward(&f), "COMCASA is short for what?");
        assert_eq!(reverse(&f), "Name the 2018 communications pact.");
        assert_eq!(statement(&f, "X").as_deref(), Some("COMCASA is short for what? — X"));
    }
}

/// Over the bundled decks: every true statement a template or cloze sentence makes is, as far
/// as wording can tell, true by construction.
#[cfg(test)]
mod bundled {
    use std::path::Path;

    use super::*;
    use crate::deck::{Loaded, load_source};

    const DECKS: &[(&str, &str)] =
        &[("india-us-2plus2.ron", include_str!("../../decks/india-us-2plus2.ron"))];

    #[test]
    fn no_true_statement_of_the_bundled_decks_is_false_by_construction() {
        let mut checked = 0;
        for (name, text) in DECKS {
            let mut loaded = Loaded::default();
            load_source(Path::new(name), text, &mut loaded);
            assert!(!loaded.has_errors(), "{name}");
            for (_, fact) in loaded.library.facts() {
                let answer = fact.answer.trim();
                let Some(s) = statement(fact, answer) else { continue };
                checked += 1;
                let id = &fact.id;
                assert!(!s.contains("How many"), "{id}: a number as a question: {s}");
                assert!(!s.to_lowercase().contains("the the "), "{id}: {s}");
                if let Some((question, x)) = s.split_once(" — ") {
                    // The fact's own question and answer, paired.
                    assert!(fact.question.is_some() || fact.kind == FactKind::Statement, "{id}");
                    assert!(question.ends_with('?') && x == answer, "{id}: {s}");
                    continue;
                }
                if fact.cloze.iter().any(|c| cloze::filled(c) == s) {
                    continue;
                }
                assert!(s.ends_with('.'), "{id}: {s}");
                assert!(s.contains(without_article(answer)), "{id}: the answer is missing: {s}");
                let cue = fact.cue.trim();
                if fact.kind == FactKind::Date || not_an_event(cue) {
                    let event = date_cue(cue) == DateCue::Event && !not_an_event(cue);
                    assert!(event || !s.contains("took place"), "{id}: not an event: {s}");
                }
            }
        }
        assert!(checked > 40, "only {checked} statements");
    }
}
