//! Authored questions (`Question(…)` in a deck): reading the labels of their statements, the
//! statements their options name, and laying them out as a paper prints them.
//!
//! Pure text functions shared by the loader (which checks that an option never names a
//! statement the question does not have) and by every screen that shows such a question.

use super::model::{Authored, Fact, option_letter};

/// The label a statement is written with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Label {
    /// `1. …` or `1) …`: a numbered statement.
    Number(u32),
    /// `Statement-I: …`, `Statement-II: …`: the assertion-and-reason layout.
    Roman(u32),
}

impl std::fmt::Display for Label {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Label::Number(n) => write!(f, "{n}"),
            Label::Roman(n) => write!(f, "Statement-{}", roman(*n)),
        }
    }
}

/// The label a statement starts with and the text after it, or `None` when it has none.
/// A number needs a `.` or `)` and a space after it, so "1947 saw …" is not statement 1947.
pub fn label(statement: &str) -> Option<(Label, &str)> {
    let s = statement.trim_start();
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=2).contains(&digits) {
        let rest = &s[digits..];
        if let Some(after) = rest.strip_prefix(['.', ')'])
            && after.starts_with(char::is_whitespace)
        {
            let n = s[..digits].parse().ok()?;
            return Some((Label::Number(n), after.trim_start()));
        }
        return None;
    }
    let rest = strip_prefix_ignore_case(s, "statement")?;
    let rest = rest.strip_prefix(['-', ' ']).unwrap_or(rest);
    let numeral = rest.bytes().take_while(|b| matches!(b, b'I' | b'V' | b'X')).count();
    let n = from_roman(&rest[..numeral])?;
    let after = rest[numeral..].trim_start();
    let after = after.strip_prefix([':', '.', '-', '—'])?;
    Some((Label::Roman(n), after.trim_start()))
}

fn strip_prefix_ignore_case<'s>(s: &'s str, prefix: &str) -> Option<&'s str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix).then(|| &s[prefix.len()..])
}

fn from_roman(s: &str) -> Option<u32> {
    ["I", "II", "III", "IV", "V", "VI"]
        .iter()
        .position(|r| *r == s)
        .and_then(|i| u32::try_from(i + 1).ok())
}

fn roman(n: u32) -> &'static str {
    match n {
        1 => "I",
        2 => "II",
        3 => "III",
        4 => "IV",
        5 => "V",
        6 => "VI",
        _ => "?",
    }
}

/// The statements (or pairs) an option names: `1 and 3 only` names 1 and 3, `1, 2 and 3`
/// names all three, `Only one` and `All four` name a count (returned as that count, which must
/// not exceed the statements either). `None` when the option is prose ("None of the above",
/// "Both Statement-I and Statement-II are correct…"), whose numbers are not statement numbers.
pub fn named_numbers(option: &str) -> Option<Vec<u32>> {
    const JOINERS: [&str; 11] =
        ["and", "only", "both", "neither", "nor", "or", "all", "the", "of", "above", "statements"];
    const COUNTS: [&str; 6] = ["one", "two", "three", "four", "five", "six"];
    let mut numbers = Vec::new();
    for word in option.split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty()) {
        let lower = word.to_lowercase();
        if let Ok(n) = lower.parse::<u32>() {
            numbers.push(n);
        } else if let Some(i) = COUNTS.iter().position(|c| *c == lower) {
            numbers.push(u32::try_from(i + 1).ok()?);
        } else if !JOINERS.contains(&lower.as_str()) {
            return None;
        }
    }
    // "Only one" / "All three" name a count; "1 and 2 only" names statements. Either way the
    // largest must exist. Prose without any number names nothing.
    (!numbers.is_empty()).then_some(numbers)
}

/// A pair written `LEFT = RIGHT` (in a CSV cell or on the command line), both sides trimmed
/// and not blank.
pub fn split_pair(s: &str) -> Option<(String, String)> {
    let (left, right) = s.split_once('=')?;
    let (left, right) = (left.trim(), right.trim());
    (!left.is_empty() && !right.is_empty()).then(|| (left.to_owned(), right.to_owned()))
}

/// The lines of an authored question as a paper prints them: the stem, the statements as
/// written (or the pairs numbered `1. left — right`), then the closing question. Screens wrap
/// each line on its own ([`hanging_indent`] gives the indent of its continuation lines).
pub fn layout(fact: &Fact, authored: &Authored) -> Vec<String> {
    let mut lines = vec![fact.cue.trim().to_owned()];
    lines.extend(authored.statements.iter().map(|s| s.trim().to_owned()));
    for (i, (left, right)) in authored.pairs.iter().enumerate() {
        lines.push(format!("{}. {} — {}", i + 1, left.trim(), right.trim()));
    }
    if let Some(ask) = &authored.ask {
        lines.push(ask.trim().to_owned());
    }
    lines
}

/// The options with their letters, as printed: `(a) 1 and 2 only`.
pub fn lettered_options(authored: &Authored) -> Vec<String> {
    authored
        .options
        .iter()
        .enumerate()
        .map(|(i, o)| format!("({}) {}", option_letter(i), o.trim()))
        .collect()
}

/// The columns a wrapped line of a layout continues at: under the text after a statement's
/// or option's label (`1. `, `(a) `, `Statement-I: `), none for other lines.
pub fn hanging_indent(line: &str) -> usize {
    if let Some((_, rest)) = label(line) {
        return line.len() - rest.len();
    }
    let bytes = line.as_bytes();
    if bytes.len() > 4 && bytes[0] == b'(' && bytes[2] == b')' && bytes[3] == b' ' {
        return 4;
    }
    0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deck::schema::{Problem, check};
    use crate::deck::{Loaded, load_source, syntax};

    /// A deck of one question, written from `fields`.
    fn deck_with(fields: &str) -> String {
        format!("Deck(id: \"d\", title: \"T\", facts: [\n    Question(\n{fields}\n    ),\n])\n")
    }

    const SOUND: &str = r#"        id: "q1",
        stem: "Consider the following statements:",
        statements: ["1. COMCASA allows secure communication.", "2. STA-1 is a trade status.", "3. BECA shares geospatial data."],
        ask: "Which of the statements given above are correct?",
        options: ["1 and 2 only", "2 and 3 only", "1 and 3 only", "1, 2 and 3"],
        answer: "d",
        source: "Joint statement, 2018",
        year: 2019,"#;

    fn problems(src: &str) -> Vec<Problem> {
        check(&syntax::parse(src).unwrap()).problems
    }

    fn codes(src: &str) -> Vec<&'static str> {
        problems(src).iter().map(|p| p.code).collect()
    }

    /// The one problem of `src`, and the text it points at.
    fn only(src: &str) -> (Problem, String) {
        let mut found = problems(src);
        assert_eq!(found.len(), 1, "{found:?}");
        let p = found.remove(0);
        let at = src[p.span.clone()].to_owned();
        (p, at)
    }

    #[test]
    fn a_sound_question_loads_as_a_fact_with_its_question() {
        let src = deck_with(SOUND);
        let c = check(&syntax::parse(&src).unwrap());
        assert!(c.problems.is_empty(), "{:?}", c.problems);
        let (deck, _) = c.deck.unwrap();
        let q = &deck.facts[0];
        let a = q.authored.as_deref().unwrap();
        assert_eq!(q.cue, "Consider the following statements:");
        assert_eq!(q.answer, "1, 2 and 3");
        assert_eq!(a.correct, 3);
        assert_eq!(a.year, Some(2019));
        assert_eq!(a.statements.len(), 3);
        // serde reads the same deck the same way (unnamed: `ron` checks struct names), and
        // what it writes reads back.
        let theirs: crate::deck::Deck = ron::from_str(&src.replace("Question(", "(")).unwrap();
        assert_eq!(theirs, deck);
        let written = ron::ser::to_string_pretty(&deck, ron::ser::PrettyConfig::default()).unwrap();
        let again = check(&syntax::parse(&written).unwrap());
        assert!(again.problems.is_empty(), "{written}\n{:?}", again.problems);
        assert_eq!(again.deck.unwrap().0, deck);
    }

    #[test]
    fn statements_without_numbers_are_numbered_in_order() {
        let src = deck_with(
            r#"id: "q", stem: "Consider:", statements: ["A is so.", "B is so."], options: ["1 only", "2 only", "Both 1 and 2", "Neither 1 nor 2"], answer: "c", source: "s""#,
        );
        let (deck, _) = check(&syntax::parse(&src).unwrap()).deck.unwrap();
        let a = deck.facts[0].authored.as_deref().unwrap();
        assert_eq!(a.statements, ["1. A is so.", "2. B is so."]);
    }

    #[test]
    fn no_right_option() {
        let (p, at) = only(&deck_with(&SOUND.replace(r#"answer: "d","#, "")));
        assert_eq!(p.code, "no-right-option");
        assert_eq!(at, "Question");
        assert!(p.message.contains("question `q1` has no `answer`"), "{}", p.message);
    }

    #[test]
    fn right_option_out_of_range_or_not_a_letter() {
        let (p, at) = only(&deck_with(&SOUND.replace(r#"answer: "d""#, r#"answer: "e""#)));
        assert_eq!((p.code, at.as_str()), ("answer-out-of-range", "\"e\""));
        assert_eq!(p.message, "the answer is (e), but the options run (a) to (d)");
        let (p, _) = only(&deck_with(&SOUND.replace(r#"answer: "d""#, r#"answer: "1, 2 and 3""#)));
        assert_eq!(p.code, "invalid-answer");
    }

    #[test]
    fn duplicate_options_point_at_both() {
        let src = deck_with(&SOUND.replace(r#""1 and 3 only""#, r#""1 and 2  only""#));
        let (p, at) = only(&src);
        assert_eq!((p.code, at.as_str()), ("duplicate-option", "\"1 and 2  only\""));
        assert_eq!(p.message, "option (c) is the same as an earlier one");
        assert_eq!(&src[p.related.unwrap().0], "\"1 and 2 only\"");
    }

    #[test]
    fn a_statement_numbered_twice() {
        let src = deck_with(&SOUND.replace("3. BECA", "2. BECA"));
        let (p, at) = only(&src);
        assert_eq!(p.code, "duplicate-statement");
        assert!(at.starts_with("\"2. BECA"), "{at}");
        assert_eq!(p.message, "statement 2 is numbered twice");
        assert!(src[p.related.unwrap().0].starts_with("\"2. STA-1"));
    }

    #[test]
    fn statements_out_of_order_or_partly_numbered() {
        assert_eq!(codes(&deck_with(&SOUND.replace("3. BECA", "4. BECA"))), ["statement-order"]);
        assert_eq!(codes(&deck_with(&SOUND.replace("3. BECA", "BECA"))), ["statement-label"]);
    }

    #[test]
    fn an_option_naming_a_statement_that_does_not_exist() {
        let src = deck_with(&SOUND.replace(r#""1 and 3 only""#, r#""1 and 4 only""#));
        let (p, at) = only(&src);
        assert_eq!((p.code, at.as_str()), ("unknown-statement", "\"1 and 4 only\""));
        assert_eq!(p.message, "option (c) names statement 4, but the question has 3 statements");
        // A count beyond the statements too.
        let src = deck_with(&SOUND.replace(r#""1, 2 and 3""#, r#""All four""#));
        assert_eq!(codes(&src), ["unknown-statement"]);
        // Prose options name nothing.
        let src = deck_with(&SOUND.replace(r#""1, 2 and 3""#, r#""None of the above""#));
        assert!(codes(&src).is_empty());
    }

    #[test]
    fn missing_source_unless_the_deck_has_one() {
        let without = SOUND.replace(r#"source: "Joint statement, 2018","#, "");
        let (p, at) = only(&deck_with(&without));
        assert_eq!((p.code, at.as_str()), ("missing-source", "Question"));
        let with_deck_source =
            deck_with(&without).replace(r#"title: "T","#, r#"title: "T", source: "UPSC 2019","#);
        assert!(codes(&with_deck_source).is_empty());
    }

    #[test]
    fn empty_stem_and_option_counts() {
        let (p, at) = only(&deck_with(&SOUND.replace("Consider the following statements:", " ")));
        assert_eq!((p.code, at.as_str()), ("empty-field", "\" \""));
        let one = r#"id: "q", stem: "S?", options: ["only"], answer: "a", source: "s""#;
        assert_eq!(codes(&deck_with(one)), ["option-count"]);
        let lettered =
            r#"id: "q", stem: "S?", options: ["(a) x", "(b) y"], answer: "a", source: "s""#;
        assert_eq!(codes(&deck_with(lettered)), ["option-letter", "option-letter"]);
    }

    #[test]
    fn pairs_and_statement_i_ii() {
        let pairs = r#"id: "p", stem: "Consider the following pairs:", pairs: [("BECA", "geospatial"), ("COMCASA", "communications")], ask: "How many pairs are correctly matched?", options: ["Only one", "Both", "None"], answer: "b", source: "s""#;
        let (deck, _) = check(&syntax::parse(&deck_with(pairs)).unwrap()).deck.unwrap();
        let fact = &deck.facts[0];
        let lines = layout(fact, fact.authored.as_deref().unwrap());
        assert_eq!(lines[1], "1. BECA — geospatial");
        assert_eq!(
            codes(&deck_with(&pairs.replace("Only one", "Only three"))),
            ["unknown-statement"]
        );
        let bad_pair = r#"id: "p", stem: "S", pairs: [("BECA")], options: ["x", "y"], answer: "a", source: "s""#;
        assert_eq!(codes(&deck_with(bad_pair)), ["wrong-type"]);
        let ar = r#"id: "r", stem: "Consider the following statements:", statements: ["Statement-I: A.", "Statement-II: B."], options: ["Both are correct and II explains I", "Both are correct but II does not explain I", "I is correct, II is incorrect", "I is incorrect, II is correct"], answer: "a", source: "s""#;
        assert!(codes(&deck_with(ar)).is_empty());
        let mixed = ar.replace("Statement-II: B.", "2. B.");
        assert_eq!(codes(&deck_with(&mixed)), ["statement-label"]);
    }

    #[test]
    fn question_ids_share_the_facts_namespace() {
        let src = "Deck(id: \"d\", title: \"T\", facts: [Fact(id: \"q1\", kind: Term, cue: \"c\", answer: \"x\"), Question(".to_owned()
            + SOUND
            + ")])";
        assert_eq!(codes(&src), ["duplicate-id"]);
    }

    #[test]
    fn errors_are_placed_at_file_line_column() {
        let src = deck_with(&SOUND.replace(r#""1 and 3 only""#, r#""1 and 4 only""#));
        let mut loaded = Loaded::default();
        load_source(std::path::Path::new("decks/pyq.ron"), &src, &mut loaded);
        let text = loaded.render(false);
        assert!(text.contains("decks/pyq.ron:7:51"), "{text}");
        assert!(text.contains("the statements are numbered 1 to 3"), "{text}");
    }

    /// Lists show an authored question by what it asks, not by "Consider the following".
    #[test]
    fn a_question_in_a_list_says_what_it_asks() {
        let fact = |fields: &str| {
            let mut loaded = Loaded::default();
            load_source(std::path::Path::new("d.ron"), &deck_with(fields), &mut loaded);
            loaded.library.facts().next().map(|(_, f)| f.gist()).unwrap_or_default()
        };
        assert_eq!(
            fact(SOUND),
            "Consider the following statements: 1. COMCASA allows secure communication. …"
        );
        let own = SOUND
            .replace("Which of the statements given above are correct?", "How many are Indian?");
        assert_eq!(fact(&own), "Consider the following statements: … How many are Indian?");
        let plain =
            SOUND.replace("Consider the following statements:", "Which agreement came first?");
        assert_eq!(fact(&plain), "Which agreement came first?");
    }

    #[test]
    fn labels() {
        assert_eq!(label("1. COMCASA"), Some((Label::Number(1), "COMCASA")));
        assert_eq!(label("12) twelve"), Some((Label::Number(12), "twelve")));
        assert_eq!(label("1947 saw independence"), None);
        assert_eq!(label("2.5 million"), None);
        assert_eq!(label("Statement-I: it is"), Some((Label::Roman(1), "it is")));
        assert_eq!(label("Statement II : because"), Some((Label::Roman(2), "because")));
        assert_eq!(label("Statements are"), None);
        assert_eq!(label("COMCASA was signed"), None);
    }

    #[test]
    fn numbers_named_by_options() {
        assert_eq!(named_numbers("1 and 4 only"), Some(vec![1, 4]));
        assert_eq!(named_numbers("1, 2 and 3"), Some(vec![1, 2, 3]));
        assert_eq!(named_numbers("Neither 1 nor 2"), Some(vec![1, 2]));
        assert_eq!(named_numbers("Only one"), Some(vec![1]));
        assert_eq!(named_numbers("All four"), Some(vec![4]));
        assert_eq!(named_numbers("None"), None);
        assert_eq!(named_numbers("None of the above"), None);
        assert_eq!(named_numbers("In 1947 only"), None);
    }

    #[test]
    fn indents() {
        assert_eq!(hanging_indent("1. text"), 3);
        assert_eq!(hanging_indent("Statement-II: text"), 14);
        assert_eq!(hanging_indent("(b) text"), 4);
        assert_eq!(hanging_indent("Consider the following"), 0);
    }
}
