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
//! | Term | What is {cue}? | Which term is this: {answer}? | {cue}: {x}. |
//! | Person | Who is {cue}? | Who or what is {answer}? | {x} is {cue}. |
//! | Place | Where is {cue}? | What is in {answer}? | {cue} is in {x}. |
//! | Date | In which year / month and year / On which date / When did {cue} take place? | What took place in/on {answer}? | {cue} took place in/on {x}. |
//! | Number | How many {cue}? | — (only with `reverse` wording) | How many {cue}? — {x} |
//! | Group | Which members make up {cue}? | Which grouping is made up of {answer}? | {cue} is made up of {x}. |
//! | Agreement | What is {cue}? | Which agreement is this: {answer}? | {cue}: {x}. |
//! | Organization | What is {cue}? | Which organisation is this: {answer}? | {cue}: {x}. |
//! | Statement | {cue} (verbatim) | — (only with `reverse` wording) | {cue} — {x} |
//!
//! A fact with a `question` override gets true/false statements of the form
//! `{question} — {x}`: if the template reads badly as a question it reads badly as a statement.

use super::shape::Form;
use crate::deck::{Fact, FactKind};

/// The forward question: the `question` override, or the template for the fact's kind.
pub fn forward(fact: &Fact) -> String {
    if let Some(q) = &fact.question {
        return q.clone();
    }
    let cue = fact.cue.trim();
    match fact.kind {
        FactKind::Acronym => format!("What does {cue} stand for?"),
        FactKind::Term | FactKind::Agreement | FactKind::Organization => {
            format!("What is {cue}?")
        }
        FactKind::Person => format!("Who is {cue}?"),
        FactKind::Place => format!("Where is {cue}?"),
        FactKind::Date => match Form::of(&fact.answer) {
            Form::Year(_) => format!("In which year did {cue} take place?"),
            Form::MonthYear { .. } => format!("In which month and year did {cue} take place?"),
            Form::Date { .. } => format!("On which date did {cue} take place?"),
            _ => format!("When did {cue} take place?"),
        },
        FactKind::Number => format!("How many {cue}?"),
        FactKind::Group => format!("Which members make up {cue}?"),
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
        FactKind::Date => match Form::of(answer) {
            Form::Date { .. } => format!("What took place on {answer}?"),
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
/// true/false questions.
pub fn statement(fact: &Fact, x: &str) -> String {
    if let Some(q) = &fact.question {
        return format!("{} — {x}", q.trim());
    }
    let cue = fact.cue.trim();
    let cue_cap = capitalize(cue);
    let sentence = match fact.kind {
        FactKind::Acronym => format!("{cue} stands for {x}"),
        FactKind::Term | FactKind::Agreement | FactKind::Organization => format!("{cue_cap}: {x}"),
        FactKind::Person => format!("{} is {cue}", capitalize(x)),
        FactKind::Place => format!("{cue_cap} is in {x}"),
        FactKind::Date => match Form::of(x) {
            Form::Date { .. } => format!("{cue_cap} took place on {x}"),
            _ => format!("{cue_cap} took place in {x}"),
        },
        // Number cues are often clauses ("ministers take part in a 2+2 dialogue") that only
        // read well after "How many".
        FactKind::Number => return format!("{} — {x}", forward(fact)),
        FactKind::Group => format!("{cue_cap} is made up of {x}"),
        FactKind::Statement => return format!("{cue} — {x}"),
    };
    full_stop(sentence)
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

    #[test]
    fn every_kind_has_wording() {
        let cases = [
            (
                FactKind::Acronym,
                "COMCASA",
                "Communications Compatibility and Security Agreement",
                "What does COMCASA stand for?",
                "Which acronym stands for Communications Compatibility and Security Agreement?",
                "COMCASA stands for X.",
            ),
            (
                FactKind::Term,
                "2+2 dialogue",
                "a meeting of foreign and defence ministers",
                "What is 2+2 dialogue?",
                "Which term is this: a meeting of foreign and defence ministers?",
                "2+2 dialogue: X.",
            ),
            (
                FactKind::Person,
                "the first US Secretary of Defense at a 2+2",
                "Jim Mattis",
                "Who is the first US Secretary of Defense at a 2+2?",
                "Who or what is Jim Mattis?",
                "X is the first US Secretary of Defense at a 2+2.",
            ),
            (
                FactKind::Place,
                "the venue of the first 2+2",
                "New Delhi",
                "Where is the venue of the first 2+2?",
                "What is in New Delhi?",
                "The venue of the first 2+2 is in X.",
            ),
            (
                FactKind::Date,
                "the first India–US 2+2 dialogue",
                "2018",
                "In which year did the first India–US 2+2 dialogue take place?",
                "What took place in 2018?",
                "The first India–US 2+2 dialogue took place in X.",
            ),
            (
                FactKind::Number,
                "member countries of the Quad",
                "4",
                "How many member countries of the Quad?",
                "What numbers 4?",
                "How many member countries of the Quad? — X",
            ),
            (
                FactKind::Group,
                "the Quad",
                "India, Japan, Australia and the United States",
                "Which members make up the Quad?",
                "Which grouping is made up of India, Japan, Australia and the United States?",
                "The Quad is made up of X.",
            ),
            (
                FactKind::Agreement,
                "LEMOA",
                "lets each side use the other's bases for supplies",
                "What is LEMOA?",
                "Which agreement is this: lets each side use the other's bases for supplies?",
                "LEMOA: X.",
            ),
            (
                FactKind::Organization,
                "the Quad secretariat",
                "a standing office",
                "What is the Quad secretariat?",
                "Which organisation is this: a standing office?",
                "The Quad secretariat: X.",
            ),
            (
                FactKind::Statement,
                "Why did India sign BECA?",
                "to get geospatial data",
                "Why did India sign BECA?",
                "Which question has the answer: to get geospatial data?",
                "Why did India sign BECA? — X",
            ),
        ];
        for (kind, cue, answer, fwd, rev, st) in cases {
            let f = fact(kind, cue, answer);
            assert_eq!(forward(&f), fwd, "{kind}");
            assert_eq!(reverse(&f), rev, "{kind}");
            assert_eq!(statement(&f, "X"), st, "{kind}");
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

    #[test]
    fn no_double_full_stop() {
        let f = fact(FactKind::Place, "the venue of the second 2+2", "Washington, D.C.");
        assert_eq!(
            statement(&f, "Washington, D.C."),
            "The venue of the second 2+2 is in Washington, D.C."
        );
        assert_eq!(statement(&f, "New Delhi"), "The venue of the second 2+2 is in New Delhi.");
    }

    #[test]
    fn overrides_replace_the_templates() {
        let mut f = fact(FactKind::Acronym, "COMCASA", "Communications Compatibility …");
        f.question = Some("COMCASA is short for what?".into());
        f.reverse = Some("Name the 2018 communications pact.".into());
        assert_eq!(forward(&f), "COMCASA is short for what?");
        assert_eq!(reverse(&f), "Name the 2018 communications pact.");
        assert_eq!(statement(&f, "X"), "COMCASA is short for what? — X");
    }
}
