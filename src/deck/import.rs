//! Reading flashcards that people already have: CSV and TSV files, including Anki's "Notes in
//! Plain Text" export and Quizlet's export.
//!
//! Pure functions over the file's text: [`parse_delimited`] finds the separator, the header
//! lines Anki writes (`#separator:`, `#html:`, `#tags column:`, `#columns:` …), an optional
//! header row and the rows; [`Parsed::into_facts`] turns rows into facts with unique ids. Rows
//! that cannot be used are reported with their line number and the reason, and the rest are
//! kept. Anki's `.apkg`/`.colpkg` packages are SQLite archives with their own reader in
//! [`crate::anki`]; the command dispatches on the file extension.

use std::collections::{HashMap, HashSet};

use super::draft::{Draft, plain_text, propose_id};
use super::{Fact, FactKind};

/// One usable row: a cue, an answer and tags, with the line it starts on (1-based), and the
/// fact fields a header row names a column for (`kind`, `topic`, `explain`, `source`,
/// `accept`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Row {
    pub line: usize,
    pub cue: String,
    pub answer: String,
    pub tags: Vec<String>,
    pub kind: Option<FactKind>,
    pub topic: Option<String>,
    pub explain: Option<String>,
    pub source: Option<String>,
    pub accept: Vec<String>,
}

/// A row left out, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skipped {
    pub line: usize,
    pub reason: String,
}

/// Something worth telling the learner that did not stop a row from being imported.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Warning {
    /// The line concerned, or 0 for the whole file.
    pub line: usize,
    pub message: String,
}

/// The outcome of reading a file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Parsed {
    pub rows: Vec<Row>,
    pub skipped: Vec<Skipped>,
    /// Rows the target deck already holds ([`Parsed::skip_known`]), kept apart from the rows
    /// skipped as unusable: a file imported again has nothing new, which is no error.
    pub known: Vec<Skipped>,
    pub warnings: Vec<Warning>,
    /// The field separator used.
    pub separator: u8,
    /// Whether fields were read as HTML (tags stripped, entities decoded).
    pub html: bool,
    /// The header row's names, if the first row was a header.
    pub header: Option<Vec<String>>,
}

/// Why an import file's bytes are not text recall can read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("is neither UTF-8 nor UTF-16 text; save it as UTF-8 and try again")]
    NotText,
    #[error(
        "holds NUL bytes, so it is not a text export (a spreadsheet or a binary file?); save it as UTF-8 text and try again"
    )]
    Nul,
}

/// The text of an import file: UTF-8 (with or without a byte-order mark), or UTF-16 with a
/// byte-order mark as Excel's "Unicode Text" export writes it, or UTF-16 without one (told by
/// its NUL bytes in every other position). A text that still holds a NUL is refused: it is
/// a binary file, and a NUL must never reach a deck.
pub fn decode(bytes: &[u8]) -> Result<String, DecodeError> {
    let utf16 = |rest: &[u8], from: fn([u8; 2]) -> u16| {
        if !rest.len().is_multiple_of(2) {
            return Err(DecodeError::NotText);
        }
        let units: Vec<u16> = rest.chunks_exact(2).map(|c| from([c[0], c[1]])).collect();
        String::from_utf16(&units).map_err(|_| DecodeError::NotText)
    };
    let text = match bytes {
        [0xff, 0xfe, rest @ ..] => utf16(rest, u16::from_le_bytes)?,
        [0xfe, 0xff, rest @ ..] => utf16(rest, u16::from_be_bytes)?,
        _ => match utf16_without_bom(bytes) {
            Some(Endian::Little) => utf16(bytes, u16::from_le_bytes)?,
            Some(Endian::Big) => utf16(bytes, u16::from_be_bytes)?,
            None => std::str::from_utf8(bytes).map_err(|_| DecodeError::NotText)?.to_owned(),
        },
    };
    if text.contains('\0') {
        return Err(DecodeError::Nul);
    }
    Ok(text)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Endian {
    Little,
    Big,
}

/// Whether `bytes` look like UTF-16 without a byte-order mark: an even length, and NUL bytes
/// in every other position (the high byte of each Latin letter, digit and separator) and
/// (almost) never in the others. Judged on the first 64 KiB; a text of Indian scripts has
/// non-zero high bytes, which is why half of the units, not all, must show the pattern.
fn utf16_without_bom(bytes: &[u8]) -> Option<Endian> {
    if bytes.len() < 2 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let sample = &bytes[..bytes.len().min(64 * 1024)];
    let units = sample.len() / 2;
    let (mut even, mut odd) = (0usize, 0usize);
    for pair in sample.chunks_exact(2) {
        even += usize::from(pair[0] == 0);
        odd += usize::from(pair[1] == 0);
    }
    // A NUL-free file is never UTF-16 of text (a space or a line end has a NUL byte).
    let pattern = |nuls: usize, others: usize| nuls * 2 >= units && others * 20 <= units;
    if pattern(odd, even) {
        Some(Endian::Little)
    } else if pattern(even, odd) {
        Some(Endian::Big)
    } else {
        None
    }
}

/// The Anki header lines of a file (`#key:value` at its top).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Headers {
    separator: Option<u8>,
    html: Option<bool>,
    /// 0-based columns holding tags, or metadata Anki adds (guid, note type, deck).
    tags_column: Option<usize>,
    meta_columns: Vec<usize>,
    columns: Option<Vec<String>>,
    /// The number of header lines and the byte where the data starts.
    lines: usize,
    data_start: usize,
}

fn parse_separator(v: &str) -> Option<u8> {
    match v.trim().to_ascii_lowercase().as_str() {
        "tab" | "\\t" => Some(b'\t'),
        "comma" => Some(b','),
        "semicolon" => Some(b';'),
        "pipe" => Some(b'|'),
        "space" => Some(b' '),
        "colon" => Some(b':'),
        other => {
            let mut chars = other.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) if c.is_ascii() => Some(c as u8),
                _ => None,
            }
        }
    }
}

fn read_headers(text: &str, warnings: &mut Vec<Warning>) -> Headers {
    let mut h = Headers::default();
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let Some(rest) = line.strip_prefix('#') else { break };
        let Some((key, value)) = rest.split_once(':') else { break };
        let value = value.trim_end_matches(['\r', '\n']);
        h.lines += 1;
        pos += line.len();
        let column = || value.trim().parse::<usize>().ok().filter(|&n| n >= 1).map(|n| n - 1);
        match key.trim().to_ascii_lowercase().as_str() {
            "separator" => match parse_separator(value) {
                Some(s) => h.separator = Some(s),
                None => warnings.push(Warning {
                    line: h.lines,
                    message: format!("unknown separator `{value}`; guessing from the content"),
                }),
            },
            "html" => h.html = Some(value.trim().eq_ignore_ascii_case("true")),
            "tags column" => h.tags_column = column(),
            "guid column" | "notetype column" | "deck column" => {
                if let Some(c) = column() {
                    h.meta_columns.push(c);
                }
            }
            "columns" => h.columns = Some(Vec::new()), // split once the separator is known
            _ => warnings.push(Warning {
                line: h.lines,
                message: format!("header `#{}` is not understood and was ignored", key.trim()),
            }),
        }
    }
    h.data_start = pos;
    // `#columns:` names are split with the separator, which may be declared after them.
    if h.columns.is_some() {
        let sep = h.separator.unwrap_or(b'\t') as char;
        for line in text[..pos].lines() {
            if let Some(v) = line.strip_prefix("#columns:") {
                h.columns = Some(v.split(sep).map(|s| s.trim().to_owned()).collect());
            }
        }
    }
    h
}

/// Picks the separator from the file extension and the first data lines.
pub(crate) fn guess_separator(data: &str, extension: Option<&str>) -> u8 {
    let ext = extension.map(str::to_ascii_lowercase);
    if matches!(ext.as_deref(), Some("tsv" | "tab")) {
        return b'\t';
    }
    let sample: Vec<&str> = data.lines().filter(|l| !l.trim().is_empty()).take(20).collect();
    let lines_with = |c: char| sample.iter().filter(|l| l.contains(c)).count();
    if lines_with('\t') > 0 {
        return b'\t';
    }
    if ext.as_deref() == Some("csv") {
        return b',';
    }
    // Prefer the candidate found on the most lines; ties go to the less common character, which
    // is less likely to be part of the text.
    [b';', b'|', b',']
        .into_iter()
        .max_by_key(|&c| (lines_with(c as char), c == b';'))
        .filter(|&c| lines_with(c as char) > 0)
        .unwrap_or(b'\t')
}

const CUE_NAMES: [&str; 7] = ["term", "front", "question", "cue", "word", "prompt", "q"];
const ANSWER_NAMES: [&str; 6] = ["definition", "back", "answer", "meaning", "a", "response"];

/// Reads a CSV/TSV/Anki text export. `extension` is the file's, used to guess the separator
/// when no `#separator:` line says.
pub fn parse_delimited(text: &str, extension: Option<&str>) -> Parsed {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut parsed = Parsed::default();
    let headers = read_headers(text, &mut parsed.warnings);
    let data = &text[headers.data_start..];
    let sep = headers.separator.unwrap_or_else(|| guess_separator(data, extension));
    parsed.separator = sep;
    parsed.html = headers.html.unwrap_or(false);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(sep)
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::None)
        .from_reader(data.as_bytes());
    let mut layout: Option<Columns> = headers.columns.as_ref().map(|names| {
        let mut c = Columns::from_names(names);
        if let Some(t) = headers.tags_column {
            c.tags = Some(t);
        }
        c
    });
    let mut first = true;
    // Line numbers are counted from byte offsets: the csv crate's own count skips blank lines.
    let (mut counted_to, mut counted_line) = (0usize, headers.lines + 1);
    let mut line_at = |byte: usize| {
        // A record's position can be that of blank lines skipped before it.
        let mut byte = byte.min(data.len());
        while matches!(data.as_bytes().get(byte), Some(b'\n' | b'\r')) {
            byte += 1;
        }
        if byte >= counted_to {
            counted_line +=
                data.as_bytes()[counted_to..byte].iter().filter(|&&b| b == b'\n').count();
            counted_to = byte;
        }
        counted_line
    };
    let mut seen_cues: HashMap<String, usize> = HashMap::new();
    let mut html_hinted = false;
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| line_at(p.byte() as usize));
                let reason = match e.kind() {
                    csv::ErrorKind::Utf8 { .. } => "not valid UTF-8".to_owned(),
                    _ => e.to_string(),
                };
                parsed.skipped.push(Skipped { line, reason });
                continue;
            }
        };
        let line = record.position().map_or(0, |p| line_at(p.byte() as usize));
        let fields: Vec<&str> = record.iter().collect();
        if fields.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        if first {
            first = false;
            if layout.is_none() {
                if is_header_row(&fields) {
                    let names: Vec<String> = fields.iter().map(|s| s.trim().to_owned()).collect();
                    let mut c = Columns::from_names(&names);
                    if let Some(t) = headers.tags_column {
                        c.tags = Some(t);
                    }
                    let unused: Vec<String> = names
                        .iter()
                        .enumerate()
                        .filter(|&(i, n)| !c.uses(i) && !n.is_empty())
                        .map(|(_, n)| format!("`{n}`"))
                        .collect();
                    if !unused.is_empty() {
                        parsed.warnings.push(Warning {
                            line,
                            message: format!(
                                "column{} {} not imported: a row's fact takes its cue, answer, \
                                 kind, topic, tags, explain, source and accept from the columns \
                                 so named",
                                if unused.len() == 1 { "" } else { "s" },
                                unused.join(", ") + if unused.len() == 1 { " is" } else { " are" },
                            ),
                        });
                    }
                    parsed.header = Some(names);
                    layout = Some(c);
                    continue;
                }
                layout = Some(Columns::positional(fields.len(), &headers));
            }
        }
        let Some(cols) = layout.as_ref() else { continue };
        match cols.row(line, &fields, parsed.html) {
            Ok(row) => {
                if row.cue.contains("{{c") || row.answer.contains("{{c") {
                    parsed.warnings.push(Warning {
                        line,
                        message: "Anki cloze markup `{{c1::…}}` kept as plain text; rewrite it \
                                  as a `cloze` statement with `{…}` blanks"
                            .to_owned(),
                    });
                }
                if !parsed.html && !html_hinted && looks_like_html(&row) {
                    html_hinted = true;
                    parsed.warnings.push(Warning {
                        line,
                        message: "this looks like HTML; if the file holds HTML, add the line \
                                  `#html:true` at its top to strip the tags"
                            .to_owned(),
                    });
                }
                let key = row.cue.to_lowercase();
                if let Some(&prev) = seen_cues.get(&key) {
                    parsed.warnings.push(Warning {
                        line,
                        message: format!("same cue as line {prev}: `{}`", row.cue),
                    });
                } else {
                    seen_cues.insert(key, line);
                }
                parsed.rows.push(row);
            }
            Err(reason) => {
                // A quote left open reads the rows after it into one field: say which lines
                // went with it, or they would vanish without a word.
                let more: usize = fields.iter().map(|f| f.matches('\n').count()).sum();
                let reason = if more > 0 {
                    format!(
                        "{reason}; this row runs over lines {line}–{}: is a closing `\"` missing?",
                        line + more
                    )
                } else {
                    reason
                };
                parsed.skipped.push(Skipped { line, reason });
            }
        }
    }
    parsed
}

/// Old Anki exports (before the `#html:` header existed) hold HTML without saying so.
fn looks_like_html(row: &Row) -> bool {
    [&row.cue, &row.answer].iter().any(|s| {
        let s = s.to_ascii_lowercase();
        ["<br", "<div", "</", "&nbsp;", "&amp;"].iter().any(|m| s.contains(m))
    })
}

fn is_header_row(fields: &[&str]) -> bool {
    let norm = |s: &str| s.trim().to_ascii_lowercase();
    fields.len() >= 2
        && CUE_NAMES.contains(&norm(fields[0]).as_str())
        && ANSWER_NAMES.contains(&norm(fields[1]).as_str())
}

/// Which columns hold what (0-based).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Columns {
    cue: usize,
    answer: usize,
    tags: Option<usize>,
    /// Columns a header row names after a fact's fields.
    kind: Option<usize>,
    topic: Option<usize>,
    explain: Option<usize>,
    source: Option<usize>,
    accept: Option<usize>,
    /// The number of columns a row should have.
    expected: usize,
}

impl Columns {
    fn from_names(names: &[String]) -> Columns {
        let find = |set: &[&str]| {
            names.iter().position(|n| set.contains(&n.trim().to_ascii_lowercase().as_str()))
        };
        let tags = names.iter().position(|n| n.trim().eq_ignore_ascii_case("tags"));
        let others: Vec<usize> = (0..names.len()).filter(|&i| Some(i) != tags).collect();
        let cue = find(&CUE_NAMES).or(others.first().copied()).unwrap_or(0);
        let answer =
            find(&ANSWER_NAMES).or(others.iter().copied().find(|&i| i != cue)).unwrap_or(1);
        Columns {
            cue,
            answer,
            tags,
            kind: find(&["kind"]),
            topic: find(&["topic"]),
            explain: find(&["explain", "explanation"]),
            source: find(&["source"]),
            accept: find(&["accept", "accepted"]),
            expected: names.len().max(2),
        }
    }

    /// Whether column `i` is read into the fact.
    fn uses(&self, i: usize) -> bool {
        i == self.cue
            || i == self.answer
            || [self.tags, self.kind, self.topic, self.explain, self.source, self.accept]
                .contains(&Some(i))
    }

    /// Without names: the first two content columns are cue and answer; a third is tags (as
    /// Anki and Quizlet put them) unless a header line says otherwise.
    fn positional(count: usize, headers: &Headers) -> Columns {
        let content: Vec<usize> = (0..count.max(2))
            .filter(|i| !headers.meta_columns.contains(i) && Some(*i) != headers.tags_column)
            .collect();
        let cue = content.first().copied().unwrap_or(0);
        let answer = content.get(1).copied().unwrap_or(1);
        let tags = headers.tags_column.or_else(|| content.get(2).copied().filter(|_| count == 3));
        Columns { cue, answer, tags, expected: count.max(2), ..Columns::default() }
    }

    fn row(&self, line: usize, fields: &[&str], html: bool) -> Result<Row, String> {
        if fields.len() < 2 {
            return Err(format!(
                "only {} column; a row needs a cue and an answer (is the separator right?)",
                fields.len()
            ));
        }
        if fields.len() != self.expected {
            return Err(format!("{} columns where the file has {}", fields.len(), self.expected));
        }
        // Line breaks inside a field (quoted newlines, `<br>`) become spaces: cues and answers
        // are shown and typed on one line.
        let clean = |s: &str| {
            let s = if html { html_to_text(s) } else { plain_text(s, false) };
            s.split_whitespace().collect::<Vec<_>>().join(" ")
        };
        let cue = clean(fields.get(self.cue).copied().unwrap_or(""));
        let answer = clean(fields.get(self.answer).copied().unwrap_or(""));
        if cue.is_empty() {
            return Err("empty cue".to_owned());
        }
        if answer.is_empty() {
            return Err("empty answer".to_owned());
        }
        let tags = self
            .tags
            .and_then(|t| fields.get(t))
            .map(|s| {
                let s = plain_text(s, false);
                s.split([' ', ',']).filter(|t| !t.is_empty()).map(str::to_owned).collect()
            })
            .unwrap_or_default();
        let text = |c: Option<usize>| {
            c.and_then(|c| fields.get(c)).map(|s| clean(s)).filter(|s| !s.is_empty())
        };
        let kind = match text(self.kind) {
            Some(k) => Some(super::draft::parse_kind(&k).ok_or_else(|| {
                format!(
                    "`{k}` is not a kind of fact; use one of: {}",
                    FactKind::ALL.map(FactKind::name).join(", ").to_lowercase()
                )
            })?),
            None => None,
        };
        let accept = text(self.accept)
            .map(|s| {
                s.split([';', '|'])
                    .map(str::trim)
                    .filter(|a| !a.is_empty())
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default();
        Ok(Row {
            line,
            cue,
            answer,
            tags,
            kind,
            topic: text(self.topic),
            explain: text(self.explain),
            source: text(self.source),
            accept,
        })
    }
}

/// Plain text from an HTML field: tags dropped, `<br>` and block ends as spaces, entities
/// decoded, control characters dropped ([`plain_text`]), runs of whitespace collapsed.
pub fn html_to_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(lt) = rest.find('<') {
        out.push_str(&decode_entities(&rest[..lt]));
        let after = &rest[lt + 1..];
        let starts_tag =
            after.starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '!');
        match after.find('>').filter(|_| starts_tag) {
            Some(gt) => {
                let tag = after[..gt].trim_start_matches('/').to_ascii_lowercase();
                let name: String = tag.chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
                if matches!(name.as_str(), "br" | "div" | "p" | "li" | "tr" | "hr") {
                    out.push(' ');
                }
                rest = &after[gt + 1..];
            }
            None => {
                // A lone `<` is text ("a < b").
                out.push('<');
                rest = after;
            }
        }
    }
    out.push_str(&decode_entities(rest));
    // After decoding: `&#27;` is an ESC too.
    plain_text(&out, false).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Decodes `&name;`, `&#NN;` and `&#xHH;`; unknown entities are left as written.
pub fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let decoded = after.find(';').filter(|&semi| semi <= 10).and_then(|semi| {
            let name = &after[..semi];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some(' '),
                "ndash" => Some('–'),
                "mdash" => Some('—'),
                "hellip" => Some('…'),
                "lsquo" => Some('‘'),
                "rsquo" => Some('’'),
                "ldquo" => Some('“'),
                "rdquo" => Some('”'),
                "deg" => Some('°'),
                "times" => Some('×'),
                _ => name
                    .strip_prefix("#x")
                    .or_else(|| name.strip_prefix("#X"))
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| name.strip_prefix('#').and_then(|d| d.parse::<u32>().ok()))
                    .and_then(char::from_u32),
            };
            c.map(|c| (c, semi))
        });
        match decoded {
            Some((c, semi)) => {
                out.push(c);
                rest = &after[semi + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

impl Parsed {
    /// Moves the rows whose cue and answer are already a fact of `deck` (ignoring case) to
    /// [`Parsed::known`], so importing the same file twice does not double the deck.
    pub fn skip_known(&mut self, deck: &super::Deck) {
        let known: HashMap<(String, String), &str> = deck
            .facts
            .iter()
            .map(|f| ((f.cue.to_lowercase(), f.answer.to_lowercase()), f.id.as_str()))
            .collect();
        let mut kept = Vec::with_capacity(self.rows.len());
        for row in std::mem::take(&mut self.rows) {
            match known.get(&(row.cue.to_lowercase(), row.answer.to_lowercase())) {
                Some(id) => self.known.push(Skipped {
                    line: row.line,
                    reason: format!("already in the deck as `{id}`"),
                }),
                None => kept.push(row),
            }
        }
        self.rows = kept;
    }

    /// The rows as facts of `kind` under `topic`, with ids unique against `taken` (which is
    /// extended with the new ids).
    pub fn into_facts(
        self,
        kind: FactKind,
        topic: Option<&str>,
        taken: &mut HashSet<String>,
    ) -> Vec<Fact> {
        let mut facts = Vec::with_capacity(self.rows.len());
        for row in self.rows {
            let id = propose_id(&row.cue, taken);
            taken.insert(id.as_str().to_owned());
            let draft = Draft {
                kind: Some(row.kind.unwrap_or(kind)),
                cue: row.cue,
                answer: row.answer,
                accept: row.accept,
                topic: row.topic.or_else(|| topic.map(str::to_owned)),
                tags: row.tags,
                explain: row.explain,
                source: row.source,
                id: Some(id.to_string()),
                ..Draft::default()
            };
            // The id is fresh and cue/answer are non-empty (checked in `Columns::row`), so the
            // draft always builds; a failure would be a bug, reported as a skipped row upstream.
            if let Ok(f) = draft.build(&HashSet::new()) {
                facts.push(f);
            }
        }
        facts
    }
}

/// A deck title from an export's file name: `quizlet_polity-notes.tsv` → `Quizlet polity notes`.
pub fn title_from(file: &std::path::Path) -> String {
    let stem = file.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let words = crate::ids::slugify(&stem).replace('-', " ");
    let mut chars = words.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => "Imported deck".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anki_plain_text_with_headers_and_html() {
        let text = "#separator:tab\n#html:true\n#tags column:3\n\
                    COMCASA\tCommunications <b>Compatibility</b> &amp; Security<br>Agreement\tdefence india-us\n\
                    \"Multi\nline\"\t&lt;x&gt; &#8211; &#x41;\t\n";
        let p = parse_delimited(text, Some("txt"));
        assert_eq!(p.separator, b'\t');
        assert!(p.html);
        assert_eq!(p.skipped, vec![]);
        assert_eq!(p.rows[0].line, 4);
        assert_eq!(p.rows[0].answer, "Communications Compatibility & Security Agreement");
        assert_eq!(p.rows[0].tags, vec!["defence", "india-us"]);
        assert_eq!(
            p.rows[1],
            Row {
                line: 5,
                cue: "Multi line".into(),
                answer: "<x> – A".into(),
                tags: vec![],
                ..Row::default()
            }
        );
    }

    #[test]
    fn csv_with_header_bom_quotes_and_bad_rows() {
        let text = "\u{feff}Term,Definition\n\"LEMOA\",\"Logistics, exchange\"\n\nonly-one\n,no cue\nQuad,\"A \"\"group\"\"\nof four\"\nx,y,z\n";
        let p = parse_delimited(text, Some("csv"));
        assert_eq!(p.header, Some(vec!["Term".to_string(), "Definition".to_string()]));
        let cues: Vec<&str> = p.rows.iter().map(|r| r.cue.as_str()).collect();
        assert_eq!(cues, ["LEMOA", "Quad"]);
        assert_eq!(p.rows[1].answer, "A \"group\" of four");
        assert_eq!(p.rows[1].line, 6);
        let skipped: Vec<(usize, &str)> =
            p.skipped.iter().map(|s| (s.line, s.reason.as_str())).collect();
        assert_eq!(skipped.len(), 3, "{skipped:?}");
        assert_eq!(skipped[0].0, 4);
        assert!(skipped[0].1.starts_with("only 1 column"));
        assert_eq!(skipped[1], (5, "empty cue"));
        assert_eq!(skipped[2], (8, "3 columns where the file has 2"));
    }

    #[test]
    fn a_quote_left_open_names_the_lines_it_swallowed() {
        let text = "cue,answer\nSCO,Shanghai Cooperation Organisation\n\"bad row,1967\nASEAN,10\nZürich,\"a city\"\n";
        let p = parse_delimited(text, Some("csv"));
        let cues: Vec<&str> = p.rows.iter().map(|r| r.cue.as_str()).collect();
        assert_eq!(cues, ["SCO"]);
        assert_eq!(p.skipped.len(), 1, "{:?}", p.skipped);
        assert_eq!(p.skipped[0].line, 3);
        assert!(
            p.skipped[0]
                .reason
                .ends_with("this row runs over lines 3–5: is a closing `\"` missing?"),
            "{}",
            p.skipped[0].reason
        );
    }

    #[test]
    fn a_header_row_names_fact_fields() {
        let text = "cue,answer,kind,topic,explain,accept,notes\n\"BRICS\",\"Brazil, Russia, India, China and South Africa\",group,groupings,\"Expanded with \"\"new\"\" members\",BRICS members,x\nSCO,Shanghai Cooperation Organisation,acronym,,,,\nQuad,four,fruit,,,,\n";
        let p = parse_delimited(text, Some("csv"));
        assert_eq!(p.rows.len(), 2, "{:?}", p.skipped);
        assert_eq!(p.rows[0].kind, Some(FactKind::Group));
        assert_eq!(p.rows[0].topic.as_deref(), Some("groupings"));
        assert_eq!(p.rows[0].explain.as_deref(), Some("Expanded with \"new\" members"));
        assert_eq!(p.rows[0].accept, ["BRICS members"]);
        assert_eq!((p.rows[1].kind, p.rows[1].topic.as_deref()), (Some(FactKind::Acronym), None));
        assert_eq!(p.skipped.len(), 1);
        assert!(
            p.skipped[0].reason.starts_with("`fruit` is not a kind of fact"),
            "{:?}",
            p.skipped
        );
        // A column recall does not read is named, not dropped in silence.
        assert_eq!(p.warnings.len(), 1, "{:?}", p.warnings);
        assert!(p.warnings[0].message.starts_with("column `notes` is not imported"));
        let facts = p.into_facts(FactKind::Term, Some("imported"), &mut HashSet::new());
        assert_eq!(facts[0].kind, FactKind::Group);
        assert_eq!(facts[0].explain.as_deref(), Some("Expanded with \"new\" members"));
        assert_eq!(facts[1].topic.as_deref(), Some("imported"));
    }

    #[test]
    fn guesses_separators() {
        assert_eq!(parse_delimited("a;b\nc;d, e\n", Some("txt")).separator, b';');
        assert_eq!(parse_delimited("a\tb, c\n", None).separator, b'\t');
        assert_eq!(parse_delimited("a,b\n", Some("txt")).separator, b',');
        assert_eq!(parse_delimited("a|b\n", None).separator, b'|');
        assert_eq!(parse_delimited("#separator:Pipe\na|b;c\n", None).separator, b'|');
        assert_eq!(parse_delimited("#separator:~\na~b\n", None).rows[0].answer, "b");
    }

    #[test]
    fn anki_meta_columns_and_column_names() {
        let text = "#separator:tab\n#html:false\n#guid column:1\n#notetype column:2\n#deck column:3\n#tags column:6\nabc\tBasic\tDefault\tFront text\tBack text\ttag1\n";
        let p = parse_delimited(text, None);
        assert_eq!(p.rows[0].cue, "Front text");
        assert_eq!(p.rows[0].answer, "Back text");
        assert_eq!(p.rows[0].tags, vec!["tag1"]);
        let text = "#separator:comma\n#columns:Back,Front,Tags\nanswer,cue,t\n";
        let p = parse_delimited(text, None);
        assert_eq!((p.rows[0].cue.as_str(), p.rows[0].answer.as_str()), ("cue", "answer"));
    }

    #[test]
    fn facts_get_unique_ids() {
        let p = parse_delimited("Quad\tA\nQuad\tB\n", None);
        assert_eq!(p.warnings.len(), 1);
        assert_eq!(p.warnings[0].line, 2);
        let mut taken: HashSet<String> = ["quad".to_string()].into();
        let facts = p.into_facts(FactKind::Group, Some("groups"), &mut taken);
        let ids: Vec<&str> = facts.iter().map(|f| f.id.as_str()).collect();
        assert_eq!(ids, ["quad-2", "quad-3"]);
        assert_eq!(facts[0].topic.as_deref(), Some("groups"));
    }

    #[test]
    fn anki_cloze_markup_is_flagged() {
        let p = parse_delimited("Signed in {{c1::2018}}\textra\n", None);
        assert_eq!(p.rows.len(), 1);
        assert_eq!(p.warnings[0].line, 1);
        assert!(p.warnings[0].message.contains("cloze"));
    }

    #[test]
    fn undeclared_html_is_kept_with_a_hint() {
        let p = parse_delimited("a\tb\nc<br>d\te&nbsp;f\ng<br>\th\n", None);
        assert_eq!(p.rows[1].cue, "c<br>d");
        assert_eq!(p.warnings.len(), 1);
        assert_eq!(p.warnings[0].line, 2);
        assert!(p.warnings[0].message.contains("#html:true"));
    }

    #[test]
    fn decodes_utf8_and_utf16() {
        assert_eq!(decode("é\tx".as_bytes()).unwrap(), "é\tx");
        let le: Vec<u8> = [0xff, 0xfe]
            .into_iter()
            .chain("é\tx".encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect();
        assert_eq!(decode(&le).unwrap(), "é\tx");
        let be: Vec<u8> = [0xfe, 0xff]
            .into_iter()
            .chain("é\tx".encode_utf16().flat_map(|u| u.to_be_bytes()))
            .collect();
        assert_eq!(decode(&be).unwrap(), "é\tx");
        assert_eq!(decode(&[0xe9, b'a']), Err(DecodeError::NotText));
    }

    #[test]
    fn utf16_without_a_bom_is_told_by_its_nuls() {
        let text = "Term\tDefinition\nLok Sabha\tलोक सभा, the House of the People\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(decode(&le).unwrap(), text);
        assert_eq!(decode(&be).unwrap(), text);
        let parsed = parse_delimited(&decode(&le).unwrap(), Some("txt"));
        assert_eq!(parsed.rows[0].cue, "Lok Sabha");
        assert!(parsed.rows.iter().all(|r| !r.cue.contains('\0') && !r.answer.contains('\0')));
    }

    #[test]
    fn nul_bytes_are_refused() {
        // UTF-8 with a NUL here and there, and a file of nothing but NULs.
        assert_eq!(decode(b"cue\tanswer\0\n"), Err(DecodeError::Nul));
        assert_eq!(decode(&[0; 4096]), Err(DecodeError::Nul));
        assert_eq!(decode(&[0; 4095]), Err(DecodeError::Nul));
        // UTF-16 of text that holds a NUL itself.
        let le: Vec<u8> = "a\0b\tc".encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert_eq!(decode(&le), Err(DecodeError::Nul));
    }

    #[test]
    fn html_text() {
        assert_eq!(html_to_text("a < b &unknown; <div>x</div><br/>y"), "a < b &unknown; x y");
        assert_eq!(decode_entities("&amp;lt;"), "&lt;");
    }
}
