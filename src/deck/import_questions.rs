//! Importing authored questions from a CSV/TSV file whose header row names the question
//! layout (`stem`, `statements`, `pairs`, `ask`, `options`, `answer`, …; see decks/README.md).
//!
//! A file is read this way when its header has both a `stem` and an `options` column, so a
//! plain fact CSV is imported as before and one file never mixes facts and questions. Each
//! row becomes a `Question(…)` and is judged by the deck loader itself (the rules of
//! `recall check`) before anything is written; a row that fails is skipped with its line and
//! the rule, as the fact importer skips its unusable rows.

use std::collections::{HashMap, HashSet};

use super::authored::split_pair;
use super::draft::{check_id, plain_text, propose_id};
use super::import::{Skipped, Warning, guess_separator};
use super::{Authored, Deck, Fact, option_letter, parse_option_letter};
use crate::deck::schema::{OPTIONS, QUESTION_FIELDS};

/// The columns a question file may have are the fields of `Question(…)` in a deck
/// ([`QUESTION_FIELDS`]); any other is reported and ignored.
const TAGS: &str = "tags";

/// One question read from the file, with the line its row starts on.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub line: usize,
    pub fact: Fact,
}

/// The outcome of reading a question file.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Parsed {
    pub rows: Vec<Row>,
    pub skipped: Vec<Skipped>,
    /// Rows the target deck already holds (same stem and options), kept apart as the fact
    /// importer keeps them.
    pub known: Vec<Skipped>,
    pub warnings: Vec<Warning>,
}

/// The file read as questions, or `None` when its header does not name the question layout
/// (it is then a fact file). `deck` is the deck the questions go into, if it exists: its ids
/// are taken, and the questions it already holds (same stem and options, ignoring case) are
/// set apart in [`Parsed::known`], so importing the same file twice does not double it.
pub fn parse(text: &str, extension: Option<&str>, deck: Option<&Deck>) -> Option<Parsed> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let sep = guess_separator(text, extension);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(sep)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    // Line numbers from byte offsets: the csv crate's own count skips blank lines.
    let line_at = |byte: u64| {
        let byte = usize::try_from(byte).unwrap_or(usize::MAX).min(text.len());
        let mut byte = byte;
        while matches!(text.as_bytes().get(byte), Some(b'\n' | b'\r')) {
            byte += 1;
        }
        text.as_bytes()[..byte].iter().filter(|&&b| b == b'\n').count() + 1
    };
    let header: Vec<String> = loop {
        let record = records.next()?.ok()?;
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        break record.iter().map(|f| f.trim().to_ascii_lowercase()).collect();
    };
    let col = |name: &str| header.iter().position(|h| h == name);
    let (stem_col, options_col) = (col("stem")?, col("options")?);
    let mut parsed = Parsed::default();
    for name in &header {
        if !QUESTION_FIELDS.contains(&name.as_str()) {
            parsed.warnings.push(Warning {
                line: 0,
                message: format!(
                    "column `{name}` is not part of the question layout and was ignored"
                ),
            });
        }
    }
    let mut taken: HashSet<String> = HashSet::new();
    let mut known: HashMap<String, &str> = HashMap::new();
    for f in deck.iter().flat_map(|d| &d.facts) {
        taken.insert(f.id.as_str().to_owned());
        if let Some(a) = &f.authored {
            known.insert(key(&f.cue, &a.options, &a.statements, &a.pairs), f.id.as_str());
        }
    }
    for record in records {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| line_at(p.byte()));
                parsed.skipped.push(Skipped { line, reason: e.to_string() });
                continue;
            }
        };
        let line = record.position().map_or(0, |p| line_at(p.byte()));
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        // Cells are cleaned as the fact importer cleans them: a spreadsheet cell may hold
        // terminal escape sequences or other controls, which must never reach a screen; only
        // an explanation keeps its line breaks.
        let cell = |i: Option<usize>, newlines: bool| -> String {
            let raw = i.and_then(|i| record.get(i)).unwrap_or("");
            plain_text(raw, newlines).trim().to_owned()
        };
        let field = |name: &str| cell(col(name), name == "explain");
        let cells = Cells {
            id: field("id"),
            stem: cell(Some(stem_col), false),
            statements: field("statements"),
            pairs: field("pairs"),
            ask: field("ask"),
            options: cell(Some(options_col), false),
            answer: field("answer"),
            explain: field("explain"),
            source: field("source"),
            year: field("year"),
            topic: field("topic"),
            tags: field(TAGS),
        };
        let pairs: Vec<(String, String)> =
            items(&cells.pairs).iter().filter_map(|p| split_pair(p)).collect();
        let row_key = key(&cells.stem, &items(&cells.options), &items(&cells.statements), &pairs);
        if let Some(id) = known.get(&row_key) {
            let reason = format!("already in the deck as `{id}`");
            parsed.known.push(Skipped { line, reason });
            continue;
        }
        match question(&cells, &taken).and_then(judged) {
            Ok(fact) => {
                taken.insert(fact.id.as_str().to_owned());
                parsed.rows.push(Row { line, fact });
            }
            Err(reason) => parsed.skipped.push(Skipped { line, reason }),
        }
    }
    Some(parsed)
}

/// The cells of one row, without control characters, trimmed.
struct Cells {
    id: String,
    stem: String,
    statements: String,
    pairs: String,
    ask: String,
    options: String,
    answer: String,
    explain: String,
    source: String,
    year: String,
    topic: String,
    tags: String,
}

/// A cell's `|`-separated items, trimmed, empty ones left out.
fn items(cell: &str) -> Vec<String> {
    cell.split('|').map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect()
}

/// One row as a question, or why it cannot be one (the cells the loader cannot see: a pair
/// without `=`, an answer letter, a year).
fn question(c: &Cells, taken: &HashSet<String>) -> Result<Fact, String> {
    if c.stem.is_empty() {
        return Err("empty stem".to_owned());
    }
    let options = items(&c.options);
    if !OPTIONS.contains(&options.len()) {
        return Err(format!(
            "{} options where 2 to 5 are wanted (separate them with `|`)",
            options.len()
        ));
    }
    if c.answer.is_empty() {
        return Err("empty answer: give the letter of the right option".to_owned());
    }
    let correct =
        parse_option_letter(&c.answer).filter(|&i| i < options.len()).ok_or_else(|| {
            format!(
                "answer `{}` names no option: give the letter of the right one, a to {}",
                c.answer,
                option_letter(options.len() - 1)
            )
        })?;
    let pairs = items(&c.pairs)
        .iter()
        .map(|p| split_pair(p).ok_or_else(|| format!("pair `{p}` is not `LEFT = RIGHT`")))
        .collect::<Result<Vec<_>, _>>()?;
    let year = match c.year.as_str() {
        "" => None,
        y => Some(y.parse::<u16>().map_err(|_| format!("year `{y}` is not a year"))?),
    };
    let id = if c.id.is_empty() {
        propose_id(&c.stem, taken)
    } else {
        check_id(&c.id, taken).map_err(|e| format!("id: {e}"))?
    };
    // Unnumbered statements are numbered as the loader numbers them, so the question written
    // is the question read back (found by the fuzzer).
    let mut statements = items(&c.statements);
    if statements.iter().all(|s| super::authored::label(s).is_none()) {
        for (i, s) in statements.iter_mut().enumerate() {
            *s = format!("{}. {s}", i + 1);
        }
    }
    let authored = Authored {
        statements,
        pairs,
        ask: Some(c.ask.clone()).filter(|a| !a.is_empty()),
        options,
        correct,
        year,
    };
    let mut fact = Fact::question(id, &c.stem, authored);
    let some = |s: &str| Some(s.to_owned()).filter(|s| !s.is_empty());
    fact.explain = some(&c.explain);
    fact.source = some(&c.source);
    fact.topic = some(&c.topic);
    fact.tags = c
        .tags
        .split(['|', ';'])
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect();
    Ok(fact)
}

/// The question written into a deck of its own and loaded by the deck loader: the same rules
/// as `recall check` (no option twice, a statement numbered twice, an option naming a
/// statement that does not exist, …). Its first error is the reason the row is skipped.
fn judged(fact: Fact) -> Result<Fact, String> {
    match super::question_form::judge(&fact, false).first() {
        None => Ok(fact),
        Some(d) => Err(format!("{} [{}]", super::question_form::said(d), d.code)),
    }
}

/// What tells a question already in the deck: its stem, statements (without their labels),
/// pairs and options, ignoring case. Not the stem and options alone: questions of one layout
/// share "Consider the following pairs:" and "Only one | Only two | All three | None".
fn key(
    stem: &str,
    options: &[String],
    statements: &[String],
    pairs: &[(String, String)],
) -> String {
    let mut parts = vec![stem.trim().to_lowercase()];
    parts.extend(statements.iter().map(|s| {
        let s = s.trim();
        super::authored::label(s).map_or(s, |(_, rest)| rest).to_lowercase()
    }));
    parts.extend(pairs.iter().map(|(l, r)| format!("{} = {}", l.trim(), r.trim()).to_lowercase()));
    parts.extend(options.iter().map(|o| o.trim().to_lowercase()));
    parts.join("\u{1f}")
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "stem,statements,pairs,ask,options,answer,explain,source,year,topic,tags
Consider the following statements:,1. COMCASA is a defence pact. | 2. BECA shares geospatial data.,,Which of the statements given above is/are correct?,1 only|2 only|Both 1 and 2|Neither 1 nor 2,c,Both are true.,Joint statement 2020,2021,india-us,pyq-2021;defence
Consider the following pairs:,,COMCASA = communications | BECA = geospatial | LEMOA = logistics,How many of the pairs given above are correctly matched?,Only one|Only two|All three|None,c,,Joint statements,,india-us,
Which is right?,,,,yes|no,e,,x,,,
";

    #[test]
    fn reads_statements_and_pairs_and_skips_a_bad_answer_with_its_line() {
        let p = parse(FILE, Some("csv"), None).unwrap();
        assert_eq!(p.rows.len(), 2, "{:?}", p.skipped);
        let a = p.rows[0].fact.authored.as_deref().unwrap();
        assert_eq!(a.statements.len(), 2);
        assert_eq!(a.correct, 2);
        assert_eq!(a.year, Some(2021));
        assert_eq!(p.rows[0].fact.tags, ["pyq-2021", "defence"]);
        let b = p.rows[1].fact.authored.as_deref().unwrap();
        assert_eq!(b.pairs[1], ("BECA".to_owned(), "geospatial".to_owned()));
        assert_eq!(p.rows[1].line, 3);
        assert_eq!(p.skipped.len(), 1);
        assert_eq!(p.skipped[0].line, 4);
        assert!(p.skipped[0].reason.contains("answer `e` names no option"), "{:?}", p.skipped);
    }

    #[test]
    fn the_loader_judges_each_row() {
        let text = "stem\toptions\tanswer\tstatements\nPick\tx|x\ta\t\n";
        let p = parse(text, Some("tsv"), None).unwrap();
        assert!(p.rows.is_empty());
        assert_eq!(p.skipped[0].line, 2);
    }

    /// Found by the fuzzer: cells went into the deck with their escape sequences and bells,
    /// which every screen showing the question would then play.
    #[test]
    fn control_characters_are_cleaned_out_of_every_cell() {
        let text = "stem,options,answer,source,explain\nA \u{1b}[31mred\u{1b}[0m stem\u{7},one|two\u{1b}]0;t\u{7},a,src,\"x\u{1b}[2J y\r\nz\"\n";
        let p = parse(text, Some("csv"), None).unwrap();
        assert_eq!(p.rows.len(), 1, "{:?}", p.skipped);
        let f = &p.rows[0].fact;
        assert_eq!(f.cue, "A red stem");
        assert_eq!(f.authored.as_deref().unwrap().options, ["one", "two"]);
        assert_eq!(f.explain.as_deref(), Some("x y\nz"));
    }

    /// Two pairs questions with the usual stem and options are different questions; the same
    /// one again (its statements numbered or not) is known.
    #[test]
    fn a_question_is_known_by_its_statements_and_pairs_too() {
        let first = parse(FILE, Some("csv"), None).unwrap();
        let id = crate::ids::DeckId::new("d").unwrap();
        let skeleton =
            crate::deck::template::imported_deck(&id, "D", std::path::Path::new("x.csv"));
        let mut deck =
            crate::deck::write::check_text(std::path::Path::new("d.ron"), &skeleton).unwrap();
        deck.facts = first.rows.iter().map(|r| r.fact.clone()).collect();
        let again = parse(FILE, Some("csv"), Some(&deck)).unwrap();
        assert_eq!(again.known.len(), 2, "{again:?}");
        let other = "stem,pairs,ask,options,answer,source\nConsider the following pairs:,COMCASA = logistics | BECA = maps | LEMOA = talk,How many of the pairs given above are correctly matched?,Only one|Only two|All three|None,a,s\n";
        let p = parse(other, Some("csv"), Some(&deck)).unwrap();
        assert!(p.known.is_empty());
        assert_eq!(p.rows.len(), 1);
        let unnumbered = FILE.replace("1. COMCASA", "COMCASA").replace("| 2. BECA", "| BECA");
        assert_eq!(parse(&unnumbered, Some("csv"), Some(&deck)).unwrap().known.len(), 2);
    }

    #[test]
    fn a_fact_file_is_not_a_question_file() {
        assert!(parse("term,definition\nQuad,a group\n", Some("csv"), None).is_none());
    }
}
