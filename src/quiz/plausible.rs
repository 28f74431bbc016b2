//! Options a teacher would set: besides its type (see [`super::answer_type`]), a distractor
//! must look like the right answer, or a student picks the odd one out without knowing
//! anything:
//!
//! - about as long: no option under a third or over three times the right one's words
//!   (`Privacy` against a fourteen-word description);
//! - an infinitive of purpose (`To maintain …`) only among infinitives of purpose;
//! - a list of as many members as the right list, of the same classes (countries for
//!   countries: `Iran, North Korea and Russia` is no option for four countries, nor `Australia
//!   Group, Wassenaar Arrangement and MTCR`);
//! - an acronym's expansion whose words can spell the acronym, like the right one
//!   (`Defense Innovation Unit` is no option for COMCASA).
//!
//! Where the deck has too few such options, some are made from the right answer by changing
//! one part of it, always the same part in every option so that no option is the "average"
//! of the others: one place of a list for another ([`list_swaps`]), one word of
//! an expansion for another word of the deck with the same initial ([`expansion_swaps`]).
//! Where even that gives too few, the question is asked as another kind.

use super::answer_type::{self, AnswerType};
use super::normalize;

/// Capitalised in a name, but no word to swap for a noun or an adjective.
const PREPOSITIONS: &[&str] = &[
    "through", "against", "between", "under", "over", "into", "from", "upon", "within", "without",
    "towards", "across", "about", "after", "before", "during", "among",
];

const MINOR: &[&str] =
    &["and", "of", "the", "for", "on", "in", "to", "a", "an", "at", "by", "with"];

/// Can `acronym` be read off `expansion`: each word in turn gives a prefix of itself (a minor
/// word, like `and`, may give nothing), and together they spell the acronym's letters and
/// digits? `COMCASA` from `Communications Compatibility and Security Agreement`.
pub fn spells(acronym: &str, expansion: &str) -> bool {
    let letters: Vec<char> =
        acronym.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect();
    let words: Vec<Vec<char>> = expansion
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.chars().flat_map(char::to_lowercase).collect())
        .collect();
    fn go(letters: &[char], words: &[Vec<char>]) -> bool {
        let Some((word, rest)) = words.split_first() else { return letters.is_empty() };
        let text: String = word.iter().collect();
        if MINOR.contains(&text.as_str()) && go(letters, rest) {
            return true;
        }
        (1..=word.len().min(letters.len()))
            .take_while(|&n| word[n - 1] == letters[n - 1])
            .any(|n| go(&letters[n..], rest))
    }
    (2..=12).contains(&letters.len()) && go(&letters, &words)
}

/// What a member names: a built-in place by its canonical name (`America`, `USA` and `the
/// United States` are one country), anything else by [`normalize::normalize`].
fn identity(member: &str) -> String {
    match answer_type::place(member) {
        Some(p) => normalize::normalize(p.name),
        None => normalize::normalize(member),
    }
}

fn words(s: &str) -> usize {
    s.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).count().max(1)
}

fn purpose(s: &str) -> bool {
    s.split_whitespace().next().is_some_and(|w| w.eq_ignore_ascii_case("to"))
}

/// The members of a list as written (not normalised), or `None` if `s` is not a list: a
/// list has a comma or semicolon, or, with `and_alone`, two members joined by `and` (`Japan
/// and the US`, the answer to "with which two countries").
pub fn members(s: &str, and_alone: bool) -> Option<Vec<&str>> {
    let ranges = normalize::member_ranges(s);
    (normalize::is_list(s) || and_alone && ranges.len() >= 2)
        .then(|| ranges.into_iter().map(|r| &s[r]).collect())
}

fn proper(text: &str) -> bool {
    text.split_whitespace()
        .filter(|w| !MINOR.contains(&w.to_lowercase().as_str()))
        .all(|w| w.chars().next().is_some_and(|c| !c.is_lowercase()))
}

const PROPER: u8 = u8::MAX - 1;
const COMMON: u8 = u8::MAX;

/// The class of each member of a list: a type with a sibling set (country, state, city),
/// else a proper name when every other member is one too (`Australia Group`, `MTCR`), else
/// a common phrase (`Family, education and business`: `Family` is capitalised only as the
/// first word).
fn member_classes(members: &[&str]) -> Vec<u8> {
    let types: Vec<AnswerType> = members.iter().map(|m| AnswerType::of_text(m)).collect();
    let all_proper = members.iter().zip(&types).all(|(m, t)| t.has_siblings() || proper(m));
    types
        .iter()
        .map(|t| {
            if t.has_siblings() {
                t.code()
            } else if all_proper {
                PROPER
            } else {
                COMMON
            }
        })
        .collect()
}

fn classes(members: &[&str]) -> Vec<u8> {
    let mut c = member_classes(members);
    c.sort_unstable();
    c.dedup();
    c
}

/// What a distractor must share with the right answer (see the module's documentation).
#[derive(Clone, Debug, Default)]
pub struct Plausible {
    /// Off for numbers and dates, whose form already matches.
    active: bool,
    words: usize,
    purpose: bool,
    /// The acronym an expansion must spell, when the right one does.
    acronym: Option<String>,
    /// A list's member count and classes.
    list: Option<(usize, Vec<u8>)>,
}

impl Plausible {
    /// For the right answer `right` of type `ty`; `acronym` is the fact's cue when the fact is
    /// an acronym.
    pub fn new(right: &str, ty: Option<AnswerType>, acronym: Option<&str>) -> Plausible {
        let Some(ty) = ty else { return Plausible::default() };
        if matches!(
            ty,
            AnswerType::Year | AnswerType::FullDate | AnswerType::MonthYear | AnswerType::Count
        ) {
            return Plausible::default();
        }
        let acronym =
            acronym.filter(|a| ty == AnswerType::Expansion && spells(a, right)).map(str::to_owned);
        let list = (ty == AnswerType::Members)
            .then(|| members(right, true))
            .flatten()
            .map(|m| (m.len(), classes(&m)));
        Plausible { active: true, words: words(right), purpose: purpose(right), acronym, list }
    }

    /// May `candidate` stand beside the right answer?
    pub fn allows(&self, candidate: &str) -> bool {
        if !self.active {
            return true;
        }
        let n = words(candidate);
        if 3 * n < self.words || n > 3 * self.words || purpose(candidate) != self.purpose {
            return false;
        }
        if let Some(acronym) = &self.acronym
            && !spells(acronym, candidate)
        {
            return false;
        }
        // Splitting a candidate into members is the costly part: only for a list.
        let Some((count, classes_)) = &self.list else { return true };
        members(candidate, true).is_some_and(|m| m.len() == *count && classes(&m) == *classes_)
    }

    /// Does anything beyond the type matter (not for numbers and dates)?
    pub fn is_active(&self) -> bool {
        self.active
    }

    pub fn acronym(&self) -> Option<&str> {
        self.acronym.as_deref()
    }

    pub fn is_list(&self) -> bool {
        self.list.is_some()
    }
}

/// Lists like `right` with one place changed, always the same one (which one moves with
/// `variant`): for each country, state or city in turn, by another of its class from `seen`
/// (the deck's other lists) or, for a country, state or city, a neighbour from the built-in
/// lists. Never a member already in the list or named in `avoid` (the question's words,
/// normalised). Scored so that the first member that has `slots` replacements wins.
pub fn list_swaps(
    right: &str,
    seen: &[(&str, u8)],
    avoid: &str,
    slots: usize,
    variant: u64,
) -> Vec<(i64, String)> {
    let Some(ms) = members(right, true) else { return Vec::new() };
    let ranges = normalize::member_ranges(right);
    let right_classes = member_classes(&ms);
    let own: Vec<String> = ms.iter().map(|m| identity(m)).collect();
    // Word by word: the key of a cue with a comma is a sorted list (`besides india, with …`).
    let avoid: String = avoid
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .fold(String::from(" "), |acc, w| acc + w + " ");
    let n = ms.len();
    let mut per_member: Vec<Vec<String>> = Vec::with_capacity(n);
    for (m, &class) in ms.iter().zip(&right_classes) {
        let ty = AnswerType::of_text(m);
        let mut reps: Vec<String> = Vec::new();
        // Only a place is swapped for a place: a name or a phrase of another list (`Afghan-led`
        // into `Australia Group, Wassenaar Arrangement and MTCR`) rarely reads as one of this.
        if !ty.has_siblings() {
            per_member.push(reps);
            continue;
        }
        let generated: Vec<(String, u8)> = if ty.has_siblings() {
            answer_type::siblings(ty, m).into_iter().map(|(_, s)| (s, class)).collect()
        } else {
            Vec::new()
        };
        for (r, c) in seen.iter().map(|(s, c)| ((*s).to_owned(), *c)).chain(generated) {
            let key = identity(&r);
            if key.is_empty()
                || c != class
                || own.contains(&key)
                || avoid.contains(&format!(" {} ", normalize::normalize(&r)))
                || avoid.contains(&format!(" {key} "))
                || reps.iter().any(|x| identity(x) == key)
            {
                continue;
            }
            // About as long as the member it replaces.
            let (a, b) = (words(m), words(&r));
            if 2 * b < a || b > 2 * a {
                continue;
            }
            reps.push(r);
        }
        per_member.push(reps);
    }
    let start = usize::try_from(variant % n as u64).unwrap_or(0);
    let mut out = Vec::new();
    // The first member with enough replacements changes alone: options that change another
    // member too would make the answer the average of the options.
    let rotation: Vec<usize> = (0..n).map(|k| (start + k) % n).collect();
    let dominant = rotation.iter().copied().find(|&i| per_member[i].len() >= slots);
    for (k, &i) in rotation.iter().enumerate() {
        if dominant.is_some_and(|d| d != i) {
            continue;
        }
        let score = if dominant.is_some() { 30 } else { 10 - k as i64 };
        for r in &per_member[i] {
            let mut text = String::with_capacity(right.len() + r.len());
            text.push_str(&right[..ranges[i].start]);
            // Keep the article habit of the list: `the United States` stays `the …`.
            text.push_str(r);
            text.push_str(&right[ranges[i].end..]);
            out.push((score, text));
        }
    }
    out
}

/// The members of `lists` with their classes: what [`list_swaps`] takes as `seen`. Computed
/// once per deck.
pub fn seen_members<'a>(lists: impl IntoIterator<Item = &'a str>) -> Vec<(&'a str, u8)> {
    lists
        .into_iter()
        .filter_map(|l| members(l, true))
        .flat_map(|m| {
            let c = member_classes(&m);
            m.into_iter().zip(c)
        })
        .collect()
}

/// Expansions like `right` with one word changed for a word of `vocab` with the same initial
/// and role (the last word, a head noun like `Agreement`, only for another last word), such
/// that the result still spells `acronym`, always the same word (the first, from `variant`,
/// with `slots` replacements).
pub fn expansion_swaps(
    right: &str,
    acronym: &str,
    vocab: &[(&str, bool)],
    slots: usize,
    variant: u64,
) -> Vec<(i64, String)> {
    let tokens: Vec<&str> = right.split(' ').collect();
    let lower: Vec<String> = tokens.iter().map(|t| t.to_lowercase()).collect();
    let mut per_word: Vec<(usize, Vec<String>)> = Vec::new();
    let last = tokens.len().saturating_sub(1);
    for (i, t) in tokens.iter().enumerate() {
        let plain = t.chars().all(char::is_alphabetic)
            && t.chars().next().is_some_and(char::is_uppercase)
            && !MINOR.contains(&lower[i].as_str());
        if !plain {
            continue;
        }
        let mut reps: Vec<String> = Vec::new();
        for (v, is_last) in vocab {
            let vl = v.to_lowercase();
            // A word of the same sort: `Countering` only for a word in -ing.
            if *is_last != (i == last)
                || vl.ends_with("ing") != lower[i].ends_with("ing")
                || vl.chars().next() != lower[i].chars().next()
                || lower.contains(&vl)
                || reps.iter().any(|r| r.to_lowercase() == vl)
            {
                continue;
            }
            let mut words: Vec<&str> = tokens.clone();
            words[i] = v;
            if spells(acronym, &words.join(" ")) {
                reps.push((*v).to_owned());
            }
        }
        if !reps.is_empty() {
            per_word.push((i, reps));
        }
    }
    if per_word.is_empty() {
        return Vec::new();
    }
    let n = per_word.len();
    let start = usize::try_from(variant % n as u64).unwrap_or(0);
    let mut out = Vec::new();
    // The first word with enough replacements changes alone (see `list_swaps`).
    let rotation: Vec<usize> = (0..n).map(|k| (start + k) % n).collect();
    let dominant = rotation.iter().copied().find(|&w| per_word[w].1.len() >= slots);
    let chosen = dominant.is_some();
    for (k, &w) in rotation.iter().enumerate() {
        if dominant.is_some_and(|d| d != w) {
            continue;
        }
        let (i, reps) = &per_word[w];
        let score = if chosen { 30 } else { 10 - k as i64 };
        for r in reps {
            let mut words: Vec<&str> = tokens.clone();
            words[*i] = r;
            out.push((score, words.join(" ")));
        }
    }
    // No word has enough replacements alone: change two words, each among its own and its
    // replacements, so that every word appears in as many options as its rival (a 2 × 2
    // design: `Security Agreement`, `Sanctions Agreement`, `Security Act`, `Sanctions Act`).
    if !chosen && n >= 2 {
        let mut by_size: Vec<&(usize, Vec<String>)> = per_word.iter().collect();
        by_size.sort_by_key(|(i, reps)| (std::cmp::Reverse(reps.len()), *i));
        let ((i, a), (j, b)) = (by_size[0], by_size[1]);
        out.retain(|(_, text)| {
            let t: Vec<&str> = text.split(' ').collect();
            t[*i] != tokens[*i] || t[*j] != tokens[*j]
        });
        for (score, _) in &mut out {
            *score = 20;
        }
        for x in a {
            for y in b {
                let mut words: Vec<&str> = tokens.clone();
                words[*i] = x;
                words[*j] = y;
                let text = words.join(" ");
                if spells(acronym, &text) {
                    out.push((20, text));
                }
            }
        }
    }
    out
}

/// The words of `texts` that may replace a word of an expansion, with whether each ends its
/// text: from names only (every significant word capitalised, so not the first word of a
/// sentence), alphabetic, at least three letters, not a minor word or a month, each once per
/// role, in the order met.
pub fn vocabulary<'a>(texts: impl IntoIterator<Item = &'a str>) -> Vec<(&'a str, bool)> {
    let mut out: Vec<(&'a str, bool)> = Vec::new();
    for t in texts.into_iter().filter(|t| proper(t) && !normalize::is_list(t)) {
        let ws: Vec<&str> = t.split_whitespace().collect();
        for (i, w) in ws.iter().enumerate() {
            let w = (*w).trim_matches(|c: char| !c.is_alphabetic());
            let is_last = i + 1 == ws.len();
            if w.chars().count() >= 3
                && w.chars().all(char::is_alphabetic)
                && w.chars().next().is_some_and(char::is_uppercase)
                && w.chars().skip(1).any(char::is_lowercase)
                && !MINOR.contains(&w.to_lowercase().as_str())
                && !super::shape::Form::of(&format!("{w} 2000")).is_exact()
                && !AnswerType::of_text(w).has_siblings()
                && !PREPOSITIONS.contains(&w.to_lowercase().as_str())
                && !out.contains(&(w, is_last))
            {
                out.push((w, is_last));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spells_acronyms_from_prefixes() {
        assert!(spells("COMCASA", "Communications Compatibility and Security Agreement"));
        assert!(spells("BECA", "Basic Exchange and Cooperation Agreement"));
        assert!(spells("STA-1", "Strategic Trade Authorization-1"));
        assert!(spells("NABARD", "National Bank for Agriculture and Rural Development"));
        assert!(!spells("COMCASA", "Defense Innovation Unit"));
        assert!(!spells("ISA", "Naval Forces Central Command"));
    }

    #[test]
    fn plausible_options_look_like_the_right_one() {
        let p = Plausible::new("US, France, Russia and Australia", Some(AnswerType::Members), None);
        assert!(p.allows("US, France, China and Australia"));
        assert!(!p.allows("Iran, North Korea and Russia"));
        assert!(!p.allows("Australia Group, Wassenaar Arrangement, NSG and MTCR"));
        assert!(!p.allows("Facilitating trade, improving market access and more, and others"));
        let p = Plausible::new(
            "Communications Compatibility and Security Agreement",
            Some(AnswerType::Expansion),
            Some("COMCASA"),
        );
        assert!(!p.allows("Defense Innovation Unit"));
        assert!(p.allows("Communications Compatibility and Security Annex"));
        let p = Plausible::new(
            "To maintain regular high-level communication on emerging developments",
            Some(AnswerType::Description),
            None,
        );
        assert!(!p.allows("Unavoidable reasons"));
        assert!(!p.allows("Strategic and security issues"));
        assert!(p.allows("To settle disputes over trade and investment"));
        let p = Plausible::new(
            "Secure communications between the two militaries and sale of encrypted systems",
            Some(AnswerType::Description),
            None,
        );
        assert!(!p.allows("Privacy"));
        assert!(p.allows("Closer defence industry cooperation and collaboration"));
    }

    #[test]
    fn swaps_change_one_member_or_word_of_the_right_answer() {
        let swaps = list_swaps(
            "US, France, Russia and Australia",
            &seen_members(["Iran, North Korea and Japan", "India and Wassenaar Arrangement"]),
            "besides india with which four countries does japan use",
            3,
            0,
        );
        let best: Vec<&str> = swaps.iter().filter(|s| s.0 >= 20).map(|s| s.1.as_str()).collect();
        assert!(best.len() >= 3, "{swaps:?}");
        // One member changes, the same in every option, never to a country the question
        // names, another name of one already in the list, or a grouping.
        let right: Vec<&str> = vec!["US", "France", "Russia", "Australia"];
        let dropped: Vec<Vec<&str>> = best
            .iter()
            .map(|s| {
                let m = members(s, true).unwrap();
                right.iter().copied().filter(|r| !m.contains(r)).collect()
            })
            .collect();
        assert!(dropped.iter().all(|d| d.len() == 1 && *d == dropped[0]), "{best:?}");
        assert!(swaps.iter().all(|s| !s.1.contains("America") && !s.1.contains("United")));
        assert!(swaps.iter().all(|s| !s.1.contains("Japan") && !s.1.contains("India")));
        assert!(swaps.iter().all(|s| !s.1.contains("Wassenaar")));
        let p = Plausible::new("US, France, Russia and Australia", Some(AnswerType::Members), None);
        assert!(swaps.iter().all(|s| p.allows(&s.1)), "{swaps:?}");

        let vocab = vocabulary([
            "Defense Innovation Unit",
            "Industrial Security Annex",
            "Naval Forces Central Command",
            "Strategic Trade Authorization-1",
        ]);
        let swaps = expansion_swaps(
            "Communications Compatibility and Security Agreement",
            "COMCASA",
            &vocab,
            3,
            0,
        );
        assert!(swaps.iter().any(|s| s.1 == "Communications Compatibility and Security Annex"));
        // One word has enough replacements: only it changes, or the answer would be the
        // average of the options (`Industrial` in three, `Security` in two).
        let vocab = vocabulary([
            "Innovation Strategic Suppliers Sanctions Unit",
            "Industrial Security Annex",
        ]);
        for variant in 0..4 {
            let swaps = expansion_swaps("Industrial Security Annex", "ISA", &vocab, 3, variant);
            assert_eq!(swaps.len(), 3, "{swaps:?}");
            assert!(swaps.iter().all(|s| s.1.starts_with("Industrial S")), "{swaps:?}");
        }
        // Two words with two replacements each: two single swaps and two double ones.
        let vocab = vocabulary(["Countering America's Adversaries Through Sanctions Act"]);
        let swaps = expansion_swaps(
            "Communications Compatibility and Security Agreement",
            "COMCASA",
            &vocab,
            3,
            0,
        );
        let texts: Vec<&str> = swaps.iter().map(|s| s.1.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Communications Compatibility and Sanctions Agreement",
                "Communications Compatibility and Security Act",
                "Communications Compatibility and Sanctions Act",
            ]
        );
        assert!(swaps.iter().all(|s| spells("COMCASA", &s.1)), "{swaps:?}");
    }
}
