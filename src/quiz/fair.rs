//! Fair option sets: no option may stand out by its wording rather than by what it says.
//!
//! A learner who does not know the answer should not be able to find it by looking at the
//! options. So, for the options of one question:
//! - a distractor must not contain a distinctive word of the question that the right answer
//!   lacks (it would name the question's subject: "What is Westinghouse Electric Company?"
//!   offering "Westinghouse's Indian partner …");
//! - when the right answer shares a distinctive word with the question ("What is 2+2
//!   dialogue?" → "A dialogue mechanism …"), at least one distractor must share one too, or
//!   the question falls back to a kind without options;
//! - the options agree on a leading article (`the President`, `the Governor`) and on the case
//!   of their first letter; a description's first letter is re-cased to the right answer's
//!   instead ([`recase`]), since that changes nothing of what it says.
//!
//! Places and lists are exempt from the article rule: `the United States` among `India` and
//! `Japan` is how the names are written.

use super::answer_type::AnswerType;

/// Common words that say nothing about a question's subject.
const STOP: &[&str] = &[
    "which", "what", "when", "where", "whom", "whose", "that", "this", "these", "those", "with",
    "from", "into", "their", "there", "they", "them", "have", "been", "were", "does", "under",
    "about", "after", "before", "over", "than", "then", "also", "only", "other", "india", "indian",
    "first", "take", "took", "place", "made", "make", "known", "called", "stand", "stands", "many",
    "much", "each", "between",
];

/// The distinctive words of a text: lower case, at least four letters, not a common word,
/// without a plural `s` (so that "elections" meets "Election").
pub fn distinctive_words(text: &str) -> Vec<String> {
    let mut out: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .filter(|w| w.chars().count() >= 4 && !STOP.contains(&w.as_str()))
        .map(|w| w.strip_suffix('s').map(str::to_owned).unwrap_or(w))
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Does the text start with a determiner: `a`, `an`, `the` or a possessive (`India's
/// External Affairs Minister` reads like `the External Affairs Minister`)?
pub fn starts_with_article(s: &str) -> bool {
    let first = s.split_whitespace().next().unwrap_or("");
    ["the", "a", "an"].iter().any(|a| first.eq_ignore_ascii_case(a))
        || (first.ends_with("'s") || first.ends_with("’s")) && s.split_whitespace().nth(1).is_some()
}

fn first_upper(s: &str) -> bool {
    s.trim_start().chars().next().is_some_and(char::is_uppercase)
}

/// What a question's wording and right answer ask of its distractors.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Fairness {
    /// Distinctive words of the question the right answer does not contain.
    pub avoid: Vec<String>,
    /// Distinctive words the right answer shares with the question: at least one distractor
    /// must contain one of them.
    pub require: Vec<String>,
    /// Whether every option starts with an article, when it matters.
    pub article: Option<bool>,
    /// Whether every option starts upper case, when it matters.
    pub capital: Option<bool>,
    /// A description is re-cased to the right answer's case where that changes nothing (see
    /// [`recase`]) rather than refused.
    pub recase: bool,
}

impl Fairness {
    /// The rules for the options of `question` whose right option is `right`, of type `ty`.
    pub fn new(question: &str, right: &str, ty: AnswerType) -> Fairness {
        let asked = distinctive_words(question);
        let answered = distinctive_words(right);
        let (require, avoid) = asked.into_iter().partition(|w| answered.contains(w));
        let names = !matches!(
            ty,
            AnswerType::Country
                | AnswerType::State
                | AnswerType::City
                | AnswerType::Place
                | AnswerType::Members
                | AnswerType::Year
                | AnswerType::FullDate
                | AnswerType::MonthYear
                | AnswerType::Count
                | AnswerType::Ordinal
        );
        Fairness {
            avoid,
            require,
            article: names.then(|| starts_with_article(right)),
            capital: names.then(|| first_upper(right)),
            recase: ty == AnswerType::Description,
        }
    }

    /// No rules: for a target whose question is not known.
    pub fn none() -> Fairness {
        Fairness::default()
    }

    /// Can `option` be a distractor under these rules (leaving `require` to the whole set)?
    pub fn allows(&self, option: &str) -> bool {
        if self.article.is_some_and(|a| a != starts_with_article(option)) {
            return false;
        }
        if let Some(capital) = self.capital
            && capital != first_upper(option)
            && !(self.recase && recasable(option, capital))
        {
            return false;
        }
        if self.avoid.is_empty() {
            return true;
        }
        let words = distinctive_words(option);
        !words.iter().any(|w| self.avoid.contains(w))
    }

    /// Does `option` share a required word (see [`Fairness::require`])?
    pub fn shares(&self, option: &str) -> bool {
        !self.require.is_empty()
            && distinctive_words(option).iter().any(|w| self.require.contains(w))
    }
}

/// Can `option` take an upper-case (or lower-case) first letter without changing what it
/// says? Upper case always; lower case only when it starts with an article, never a name
/// (`Westinghouse's partner`) or an acronym (`DIU and …`).
fn recasable(option: &str, upper: bool) -> bool {
    let first = option.split_whitespace().next().unwrap_or("");
    upper || ["the", "a", "an"].iter().any(|a| first.eq_ignore_ascii_case(a))
}

/// A description's first letter in the case of the right answer's (`a bill …` among `A rate
/// …`), so that no option stands out by its case.
pub fn recase(option: &str, like: &str) -> String {
    let upper = first_upper(like);
    let mut chars = option.chars();
    match chars.next() {
        Some(c) if c.is_alphabetic() && c.is_uppercase() != upper && recasable(option, upper) => {
            let first: String =
                if upper { c.to_uppercase().collect() } else { c.to_lowercase().collect() };
            // An acronym or a proper name at the start keeps its capital.
            let second_upper = option.chars().nth(1).is_some_and(char::is_uppercase);
            if second_upper { option.to_owned() } else { first + chars.as_str() }
        }
        _ => option.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_distractor_that_names_the_subject_is_refused() {
        let f = Fairness::new(
            "What is Westinghouse Electric Company?",
            "A US nuclear company building six reactors in India",
            AnswerType::Description,
        );
        assert!(!f.allows("Westinghouse's Indian partner for the six reactors"));
        assert!(f.allows("A defence research agency"));
    }

    #[test]
    fn a_right_answer_that_repeats_the_question_needs_company() {
        let f = Fairness::new(
            "What is 2+2 dialogue?",
            "A dialogue mechanism between two countries",
            AnswerType::Description,
        );
        assert_eq!(f.require, vec!["dialogue"]);
        assert!(f.shares("A dialogue of trade ministers"));
        assert!(!f.shares("A treaty on logistics"));
    }

    #[test]
    fn articles_and_case_agree() {
        let f =
            Fairness::new("Who appoints the CAG?", "the President of India", AnswerType::Office);
        assert!(f.allows("the Prime Minister"));
        assert!(!f.allows("Parliament"));
        let f = Fairness::new("Which country?", "the United States", AnswerType::Country);
        assert!(f.allows("Japan"));
        let f = Fairness::new("Who wrote it?", "B. R. Ambedkar", AnswerType::Person);
        assert!(!f.allows("the Governor"));
        assert_eq!(recase("a bill on taxes", "The rate"), "A bill on taxes");
        assert_eq!(recase("The rate", "a bill"), "the rate");
        assert_eq!(recase("US law", "a bill"), "US law");
        assert_eq!(recase("Westinghouse's partner", "a bill"), "Westinghouse's partner");
        let f = Fairness::new(
            "What was India insecure about?",
            "the privacy of its data",
            AnswerType::Description,
        );
        assert!(f.allows("The sale of arms") && !f.allows("DIU and DIO-iDEX"));
    }
}
