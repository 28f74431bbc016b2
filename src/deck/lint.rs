//! Lints: things that load but make poor questions (DESIGN §2). Duplicate ids are errors and
//! live in [`super::schema`] (fact ids) and the loader (deck ids across files). Whether a fact
//! gets enough multiple-choice options is the quiz layer's lint (`quiz::lint`), which knows
//! how distractors are chosen and generated; `recall check` reports it.
//!
//! Plain functions over a deck and its spans; the loader turns the problems into diagnostics.

use super::cloze::{self, ClozeError};
use super::model::{Deck, QuestionKind};
use super::schema::{DeckSpans, Problem};

/// Lints of one deck.
pub fn deck(deck: &Deck, spans: &DeckSpans) -> Vec<Problem> {
    let mut out = Vec::new();
    if deck.facts.is_empty() {
        out.push(
            Problem::warning(
                "empty-deck",
                spans.id.clone(),
                format!("deck `{}` has no facts", deck.id),
            )
            .hint("add facts to `facts: [ … ]`"),
        );
    }
    let (mut answer, mut cue, mut scratch) = (String::new(), String::new(), String::new());
    // Facts asking the same question: (kind, the question or the normalised cue) → the first.
    let mut asked: std::collections::HashMap<(super::FactKind, String), usize> =
        std::collections::HashMap::new();
    for (i, (fact, fs)) in deck.facts.iter().zip(&spans.facts).enumerate() {
        if fact.is_authored() {
            continue;
        }
        let key = fact.question.as_deref().unwrap_or(&fact.cue);
        let key = (fact.kind, normalize(key));
        if key.1.is_empty() {
            continue;
        }
        match asked.get(&key) {
            Some(&first) => out.push(
                Problem::warning(
                    "duplicate-cue",
                    fs.cue.clone(),
                    format!(
                        "fact `{}` asks the same question as `{}`",
                        fact.id, deck.facts[first].id
                    ),
                )
                .related(spans.facts[first].cue.clone(), "first asked here")
                .hint(
                    "each would mark the other's answer wrong; keep one fact (other answers go \
                     in its `accept`), or make the cues differ",
                ),
            ),
            None => {
                asked.insert(key, i);
            }
        }
    }
    for (fact, fs) in deck.facts.iter().zip(&spans.facts) {
        if fact.is_authored() {
            // Its stem and options are the author's (a previous year's paper, often): the
            // loader checked them, and "the answer appears in the stem" is the paper's wording.
            continue;
        }
        for (statement, (span, verbatim_at)) in fact.cloze.iter().zip(&fs.cloze) {
            match cloze::parse(statement) {
                Ok(blanks) if blanks.is_empty() => out.push(
                    Problem::warning(
                        "cloze-no-blank",
                        span.clone(),
                        "cloze statement has no `{…}` blank",
                    )
                    .hint("mark what to hide in braces: \"signed {COMCASA} in 2018\""),
                ),
                Ok(_) => {}
                Err(e) => {
                    let at = match e {
                        ClozeError::Unclosed(i)
                        | ClozeError::UnexpectedClose(i)
                        | ClozeError::Empty(i)
                        | ClozeError::Nested(i) => i,
                    };
                    let pos = verbatim_at.map_or(span.clone(), |s| s + at..s + at + 1);
                    let reason = match e {
                        ClozeError::Unclosed(_) => "this `{` is never closed".to_owned(),
                        ClozeError::UnexpectedClose(_) => "this `}` has no opening `{`".to_owned(),
                        ClozeError::Empty(_) => "this blank is empty".to_owned(),
                        ClozeError::Nested(_) => "blanks cannot be nested".to_owned(),
                    };
                    out.push(
                        Problem::warning(
                            "cloze-malformed",
                            pos,
                            format!("malformed cloze statement: {reason}"),
                        )
                        .hint("blanks are `{…}`; write a literal brace as `{{` or `}}`"),
                    );
                }
            }
        }

        // A question as the cue of a kind that builds questions around it: asked as written,
        // but its reverse card would ask for a question, and its statements read badly.
        if fact.kind != super::FactKind::Statement
            && fact.cue.trim().ends_with('?')
            && !fact.skip.contains(&QuestionKind::Reverse)
        {
            out.push(
                Problem::warning(
                    "question-cue",
                    fs.cue.clone(),
                    format!(
                        "the cue is a question, but kind `{}` asks questions about its cue, and its \
                         reverse card asks for the cue",
                        fact.kind.name()
                    ),
                )
                .related(fs.kind.clone(), "the kind")
                .hint(
                    "for a question and its answer write `kind: Statement`; or write the cue as \
                     what it is about (`the authority that appoints the CAG`)",
                ),
            );
        }

        normalize_into(&fact.answer, &mut answer);
        normalize_into(&fact.cue, &mut cue);
        if gives_away(&answer) {
            let question = fact.question.as_deref().zip(fs.question.as_ref());
            let places = [
                Some((fact.cue.as_str(), &fs.cue, "cue")),
                question.map(|(q, s)| (q, s, "question")),
            ];
            for (text, span, field) in places.into_iter().flatten() {
                let found = if field == "cue" {
                    contains_words(&cue, &answer)
                } else {
                    normalize_into(text, &mut scratch);
                    contains_words(&scratch, &answer)
                };
                if found {
                    out.push(
                        Problem::warning(
                            "answer-in-question",
                            span.clone(),
                            format!("the answer \"{}\" appears in the {field}", fact.answer),
                        )
                        .related(fs.answer.clone(), "the answer")
                        .hint(format!("reword the {field} so it does not give the answer away")),
                    );
                }
            }
        }
        if !fact.skip.contains(&QuestionKind::Reverse)
            && gives_away(&cue)
            && contains_words(&answer, &cue)
        {
            out.push(
                Problem::warning(
                    "cue-in-answer",
                    fs.answer.clone(),
                    format!(
                        "the cue \"{}\" appears in the answer, so reverse questions give it away",
                        fact.cue
                    ),
                )
                .related(fs.cue.clone(), "the cue")
                .hint("reword the answer, or add `skip: [Reverse]`"),
            );
        }

        if fact.accept.is_empty() {
            continue;
        }
        let squashed = squash(&fact.answer);
        let mut seen = vec![squashed.clone()];
        for (alt, span) in fact.accept.iter().zip(&fs.accept) {
            let n = squash(alt);
            if seen.contains(&n) {
                let what = if n == squashed { "the answer" } else { "another `accept` entry" };
                out.push(
                    Problem::warning("redundant-accept", span.clone(), format!("\"{alt}\" is the same as {what}"))
                        .hint("typed answers are compared ignoring case, punctuation and spacing; remove it"),
                );
            } else {
                seen.push(n);
            }
        }
    }
    out
}

/// Lower case, letters and digits only, words separated by one space: what "the same text"
/// means for these lints.
pub fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    normalize_into(s, &mut out);
    out
}

/// [`normalize`] into a reused buffer (the lints run on every fact of a library).
fn normalize_into(s: &str, out: &mut String) {
    out.clear();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if c.is_ascii() {
            if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
        } else if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
}

/// Letters and digits only, lower case: `W.A.` and `wa` are the same typed answer.
fn squash(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// Is a normalised answer long enough for finding it elsewhere to mean something? (A "2" in
/// "2+2 dialogue" is no give-away.)
fn gives_away(normalized: &str) -> bool {
    normalized.chars().count() >= 3
        || normalized.chars().any(char::is_alphabetic) && normalized.len() >= 2
}

/// Does `haystack` contain `needle` as whole words (both normalised)? Tried at each word
/// start: the texts are short, and a substring searcher costs more to set up than this.
fn contains_words(haystack: &str, needle: &str) -> bool {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    if n.is_empty() || n.len() > h.len() {
        return false;
    }
    (0..=h.len() - n.len()).any(|i| {
        (i == 0 || h[i - 1] == b' ')
            && h[i..].starts_with(n)
            && (i + n.len() == h.len() || h[i + n.len()] == b' ')
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deck::{schema, syntax};

    fn lints(facts: &str) -> (String, Vec<Problem>) {
        let src = format!("Deck(id: \"d\", title: \"T\", facts: [{facts}])");
        let doc = syntax::parse(&src).unwrap();
        let checked = schema::check(&doc);
        let (deck, spans) = checked.deck.unwrap();
        let ps = deck_lints(&deck, &spans);
        (src, ps)
    }

    fn deck_lints(d: &Deck, s: &DeckSpans) -> Vec<Problem> {
        deck(d, s)
    }

    #[test]
    fn normalizes() {
        assert_eq!(normalize("  The U.S.–India  Deal! "), "the u s india deal");
        assert!(contains_words("what is the comcasa deal", "comcasa"));
        assert!(!contains_words("comcasas", "comcasa"));
    }

    #[test]
    fn cloze_lints_point_into_the_statement() {
        let (src, ps) = lints(
            r#"Fact(id: "a", kind: Term, cue: "c", answer: "x", cloze: ["no blank", "open {here", "fine {x}"])"#,
        );
        assert_eq!(ps.len(), 2, "{ps:?}");
        assert_eq!(ps[0].code, "cloze-no-blank");
        assert_eq!(ps[1].code, "cloze-malformed");
        assert_eq!(&src[ps[1].span.clone()], "{");
        assert_eq!(ps[1].message, "malformed cloze statement: this `{` is never closed");
    }

    #[test]
    fn two_facts_asking_the_same_question() {
        let (src, ps) = lints(
            r#"Fact(id: "unep", kind: Acronym, cue: "UNEP", answer: "United Nations Environment Programme"),
               Fact(id: "unep-2", kind: Acronym, cue: "unep", answer: "UN Environment"),
               Fact(id: "unep-hq", kind: Place, cue: "UNEP", answer: "Nairobi")"#,
        );
        assert_eq!(ps.len(), 1, "{ps:?}");
        assert_eq!(ps[0].code, "duplicate-cue");
        assert_eq!(ps[0].message, "fact `unep-2` asks the same question as `unep`");
        assert_eq!(&src[ps[0].span.clone()], "\"unep\"");
        assert_eq!(&src[ps[0].related.clone().unwrap().0], "\"UNEP\"");
    }

    #[test]
    fn a_question_as_the_cue_of_another_kind() {
        let (src, ps) = lints(
            r#"Fact(id: "cag", kind: Person, cue: "Who appoints the CAG?", answer: "the President"),
               Fact(id: "s", kind: Statement, cue: "Who appoints the CAG?", answer: "the President", question: "x"),
               Fact(id: "q", kind: Place, cue: "Where is FIFA based?", answer: "Zürich", skip: [Reverse])"#,
        );
        let codes: Vec<_> = ps.iter().map(|p| p.code).collect();
        assert_eq!(codes, ["question-cue"], "{ps:?}");
        assert_eq!(&src[ps[0].span.clone()], "\"Who appoints the CAG?\"");
        assert!(ps[0].hint.as_deref().unwrap().contains("`kind: Statement`"));
    }

    #[test]
    fn give_aways_and_redundant_accepts() {
        let (_, ps) = lints(
            r#"Fact(id: "a", kind: Statement, cue: "What does the Wassenaar Arrangement control?", answer: "Wassenaar Arrangement", accept: ["wassenaar arrangement", "WA", "W.A."]),
               Fact(id: "b", kind: Acronym, cue: "DTTI", answer: "Defence Technology and Trade Initiative (DTTI)"),
               Fact(id: "c", kind: Number, cue: "2+2: ministers per side", answer: "2")"#,
        );
        let codes: Vec<_> = ps.iter().map(|p| p.code).collect();
        assert_eq!(
            codes,
            ["answer-in-question", "redundant-accept", "redundant-accept", "cue-in-answer"]
        );
        assert_eq!(ps[1].message, "\"wassenaar arrangement\" is the same as the answer");
        assert_eq!(ps[2].message, "\"W.A.\" is the same as another `accept` entry");
    }
}
