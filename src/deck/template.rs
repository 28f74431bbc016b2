//! The text of a new deck file (`recall new`): a documented skeleton with an example of every
//! field and every kind of fact.
//!
//! One template serves both variants: lines marked `@` are the examples, written as comments by
//! default (so the new deck starts empty and `recall add` fills it) or live with `--examples`
//! (so a learner can try a session at once). The tests load both variants with the real loader
//! and check that the live one holds every [`FactKind`] and sets every optional field, so the
//! template cannot drift from the model unnoticed.

use super::edit::quote;
use super::{FactKind, QuestionKind};
use crate::ids::DeckId;

const TEMPLATE: &str = r#"#![enable(implicit_some)]
// (The line above lets optional fields be written plainly, as `topic: "…"`.)
//
// {COMMENT_TITLE}: a recall deck.
//
// A deck is a titled list of facts. recall turns each fact into several questions
// (flashcard, reverse, multiple choice, true/false, typed, and fill-in-the-blank for cloze
// statements) and schedules them with FSRS. Progress is kept by the deck's `id` and each
// fact's `id`: reword, fix, reorder or move facts freely, but a changed id starts afresh.
//
// Add facts with `recall add {COMMENT_PATH}`, import a CSV/TSV or Anki text export with
// `recall import`, or write them here by hand; `recall check` finds any mistake.
Deck(
    // Required: lower-case letters, digits, `-`, `_` or `.`; unique across your decks.
    id: {ID},
    // Required: shown in listings and sessions.
    title: {TITLE},
    // Optional: what the deck covers.
    @about: "India's foreign relations for the prelims: agreements, groupings, people, places.",
    // Optional: where the facts come from; a fact may name its own `source`.
    @source: "What is 2+2 dialogue: Importance in International Politics",
    // Optional: the date of your exam (YYYY-MM-DD); scheduling aims at it.
    @exam: "2027-05-23",
    facts: [
        // Only `id`, `kind`, `cue` and `answer` are required. This first example shows every
        // field; the others show one fact of each kind.
        @Fact(
        @    // Unique within the deck; progress is kept by it.
        @    id: "comcasa",
        @    // {KINDS}
        @    kind: Acronym,
        @    // What the question is about.
        @    cue: "COMCASA",
        @    // The right answer, as it is shown.
        @    answer: "Communications Compatibility and Security Agreement",
        @    // Other answers accepted when you type the answer.
        @    accept: ["Communications, Compatibility and Security Agreement"],
        @    // Groups facts for sessions and statistics.
        @    topic: "defence agreements",
        @    tags: ["defence", "india-us"],
        @    // Shown after the answer: why it is so.
        @    explain: "Signed at the first India–US 2+2 dialogue (New Delhi, 2018): secure military communications.",
        @    // Where this fact comes from, if not the deck's source.
        @    source: "Ministry of External Affairs, joint statement, 6 September 2018",
        @    // Sentences with {…} blanks: each blank becomes a fill-in question ({{ and }} for a
        @    // literal brace).
        @    cloze: ["India and the US signed {COMCASA} at their first 2+2 dialogue in {2018}."],
        @    // Replace the generated wording of the question and of the reverse question.
        @    question: "What does the acronym COMCASA stand for?",
        @    reverse: "Which agreement's acronym stands for Communications Compatibility and Security Agreement?",
        @    // Question kinds never to ask for this fact: {QUESTION_KINDS}.
        @    skip: [TrueFalse],
        @),
        // Term: cue a term or name, answer what it means.
        @Fact(id: "two-plus-two", kind: Term, cue: "2+2 dialogue", answer: "A meeting of the foreign and defence ministers of two countries"),
        // Person: cue a role or description, answer the person or office.
        @Fact(id: "first-cds", kind: Person, cue: "First Chief of Defence Staff of India", answer: "Bipin Rawat", accept: ["General Bipin Rawat"]),
        // Place: cue what is located, answer the place.
        @Fact(id: "isa-hq", kind: Place, cue: "Headquarters of the International Solar Alliance", answer: "Gurugram"),
        // Date: cue the event, answer its date or year.
        @Fact(id: "first-2plus2", kind: Date, cue: "First India–US 2+2 ministerial dialogue", answer: "2018", accept: ["September 2018"]),
        // Number: cue what is counted, in the plural as it reads after "How many", answer the number.
        @Fact(id: "unsc-members", kind: Number, cue: "members of the UN Security Council", answer: "15"),
        // Group: cue the grouping, answer its members.
        @Fact(id: "quad", kind: Group, cue: "Members of the Quad", answer: "Australia, India, Japan and the United States"),
        // Agreement: cue the agreement's name or acronym, answer what it does.
        @Fact(id: "lemoa", kind: Agreement, cue: "LEMOA", answer: "Reciprocal access to each other's military facilities for supplies and services"),
        // Organization: cue the organisation, answer what it is or does.
        @Fact(id: "niti-aayog", kind: Organization, cue: "NITI Aayog", answer: "The Government of India's policy think tank, which replaced the Planning Commission"),
        // Statement: cue a question, answer its answer; asked as written.
        @Fact(id: "article-17", kind: Statement, cue: "Which Article of the Constitution abolishes untouchability?", answer: "Article 17"),
        // An authored question, as a paper sets it: written by you or taken from a previous
        // year's paper, asked as written with its options (`recall add {COMMENT_PATH} --question`
        // asks for each field). This one has numbered statements; `pairs: [("LEFT", "RIGHT"), …]`
        // makes a matched-pairs question, "Statement-I: …" and "Statement-II: …" an
        // assertion-and-reason one, and a stem with no statements a plain question.
        @Question(
        @    id: "two-plus-two-statements",
        @    // The opening; the statements follow it, then `ask`.
        @    stem: "With reference to the India–US 2+2 dialogue, consider the following statements:",
        @    statements: [
        @        "1. It brings together the foreign and defence ministers of the two countries.",
        @        "2. COMCASA was signed at its first meeting, in New Delhi in 2018.",
        @        "3. It replaced the Quad of Australia, India, Japan and the United States.",
        @    ],
        @    ask: "Which of the statements given above are correct?",
        @    // 2 to 5 options, without their letters; `recall check` refuses one that names a
        @    // statement the question does not have.
        @    options: ["1 only", "1 and 2 only", "2 and 3 only", "1, 2 and 3"],
        @    // The letter of the right option.
        @    answer: "b",
        @    explain: "The 2+2 dialogue is a meeting of the foreign and defence ministers, and COMCASA was signed at the first one (New Delhi, 2018). The Quad is a separate grouping, which still meets.",
        @    // Required for a question (unless the deck names a source): where to check it.
        @    source: "Ministry of External Affairs, joint statement, 6 September 2018",
        @    // For a previous year's question, also its `year: 2023` and a tag such as "pyq-2023".
        @    topic: "defence agreements",
        @    tags: ["practice"],
        @),
    ],
)
"#;

/// The text of a new deck. With `examples`, the example facts and optional deck fields are
/// live; without, they are comments and the deck has no facts.
pub fn new_deck(id: &DeckId, title: &str, path_hint: &str, examples: bool) -> String {
    let kinds = FactKind::ALL.map(FactKind::name).join(", ");
    let question_kinds = QuestionKind::ALL.map(QuestionKind::name).join(", ");
    let one_line = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = String::with_capacity(TEMPLATE.len() + 200);
    for line in TEMPLATE.lines() {
        let line = line
            .replace("{COMMENT_TITLE}", &one_line(title))
            .replace("{COMMENT_PATH}", &one_line(path_hint))
            .replace("{ID}", &quote(id.as_str()))
            .replace("{TITLE}", &quote(title))
            .replace("{KINDS}", &kinds)
            .replace("{QUESTION_KINDS}", &question_kinds);
        let indent = line.len() - line.trim_start().len();
        match line[indent..].strip_prefix('@') {
            Some(rest) if examples => {
                out.push_str(&line[..indent]);
                out.push_str(rest);
            }
            Some(rest) => {
                out.push_str(&line[..indent]);
                out.push_str("// ");
                out.push_str(rest);
            }
            None => out.push_str(&line),
        }
        out.push('\n');
    }
    out
}

/// The text of a new deck an import fills (`recall import`): no facts yet, and a comment
/// naming the file it came from.
pub fn imported_deck(id: &DeckId, title: &str, from: &std::path::Path) -> String {
    let from = from.file_name().map(|f| f.to_string_lossy().into_owned()).unwrap_or_default();
    format!(
        "#![enable(implicit_some)]\n// Imported from {} with `recall import`.\nDeck(\n    id: {},\n    title: {},\n    facts: [],\n)\n",
        from.split_whitespace().collect::<Vec<_>>().join(" "),
        quote(id.as_str()),
        quote(title)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deck::write::check_text;
    use crate::deck::{Fact, edit};
    use std::path::Path;

    fn id() -> DeckId {
        DeckId::new("polity").unwrap()
    }

    #[test]
    fn commented_variant_loads_empty_and_takes_facts() {
        let text = new_deck(&id(), "Indian \"Polity\"\nnotes", "decks/polity.ron", false);
        let deck = check_text(Path::new("polity.ron"), &text).unwrap();
        assert_eq!(deck.id, id());
        assert_eq!(deck.title, "Indian \"Polity\"\nnotes");
        assert!(deck.facts.is_empty() && deck.about.is_none() && deck.exam.is_none());
        assert!(text.contains("// Indian \"Polity\" notes: a recall deck."));
        assert!(text.contains("`recall add decks/polity.ron`"));
        // `recall add` appends after the commented examples.
        let example = check_text(Path::new("x.ron"), &new_deck(&id(), "t", "p", true))
            .unwrap()
            .facts
            .remove(1);
        let added = edit::append_facts(&text, std::slice::from_ref(&example)).unwrap();
        assert_eq!(check_text(Path::new("p.ron"), &added).unwrap().facts, vec![example]);
    }

    #[test]
    fn live_variant_shows_every_kind_and_field() {
        let text = new_deck(&id(), "Indian Polity", "p", true);
        let deck = check_text(Path::new("polity.ron"), &text).unwrap();
        assert!(deck.about.is_some() && deck.source.is_some() && deck.exam.is_some());
        let kinds: Vec<FactKind> =
            deck.facts.iter().filter(|f| !f.is_authored()).map(|f| f.kind).collect();
        assert_eq!(kinds, FactKind::ALL.to_vec());
        // Destructuring (no `..`) makes a new model field a compile error here until the
        // template shows it.
        let Fact {
            id: _,
            kind: _,
            cue: _,
            answer: _,
            accept,
            topic,
            tags,
            explain,
            source,
            cloze,
            question,
            reverse,
            skip,
            authored: _,
        } = &deck.facts[0];
        assert!(!accept.is_empty() && !tags.is_empty() && !cloze.is_empty() && !skip.is_empty());
        assert!(topic.is_some() && explain.is_some() && source.is_some());
        assert!(question.is_some() && reverse.is_some());
        for k in QuestionKind::ALL {
            assert!(text.contains(k.name()));
        }
    }

    /// The template carries an authored question in the statements layout beside the facts:
    /// live with examples (and sound, as `recall check` judges it), a comment without.
    #[test]
    fn template_shows_a_statements_question() {
        let text = new_deck(&id(), "Indian Polity", "decks/polity.ron", true);
        let deck = check_text(Path::new("polity.ron"), &text).unwrap();
        let questions: Vec<&Fact> = deck.facts.iter().filter(|f| f.is_authored()).collect();
        assert_eq!(questions.len(), 1);
        let q = questions[0];
        let a = q.authored.as_deref().unwrap();
        assert_eq!(a.statements.len(), 3);
        assert_eq!(a.options.len(), 4);
        assert_eq!(q.answer, "1 and 2 only");
        assert!(q.source.is_some() && q.explain.is_some() && q.topic.is_some());
        assert!(text.contains("`recall add decks/polity.ron --question`"));
        let commented = new_deck(&id(), "Indian Polity", "decks/polity.ron", false);
        assert!(commented.contains("        // Question(\n"), "{commented}");
        assert!(commented.contains("        //     statements: [\n"));
        assert!(check_text(Path::new("polity.ron"), &commented).unwrap().facts.is_empty());
        // Uncommenting the example (what a learner does with it) gives a sound question.
        let start = commented.find("        // Question(").unwrap();
        let end =
            commented[start..].find("        // ),\n").unwrap() + start + "        // ),\n".len();
        let uncommented: String = commented[start..end]
            .lines()
            .filter(|l| !l.trim_start().starts_with("// //") && !l.contains("//     //"))
            .map(|l| l.replacen("// ", "", 1) + "\n")
            .collect();
        let live = commented.replacen(&commented[start..end], &uncommented, 1);
        let deck = check_text(Path::new("polity.ron"), &live).unwrap();
        assert_eq!(deck.facts.len(), 1);
        assert_eq!(deck.facts[0].authored.as_deref(), Some(a));
    }
}
