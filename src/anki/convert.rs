//! From an Anki [`Collection`] to recall facts, card keys and review history (no I/O).
//!
//! - A standard note ("Basic" and friends) becomes a `Statement` fact: the first field is the
//!   cue, the second the answer (or the fields the learner names), the other non-empty fields
//!   the explanation. Its template 0 card is the forward card and template 1 the reverse card:
//!   a note with a template-1 card gets `reverse` wording (its answer, which Anki's card 2
//!   shows), since a `Statement` has a reverse card only with one; a note without gets
//!   `skip: [Reverse]`. So recall asks the same cards Anki did.
//! - A cloze note becomes a fact with one cloze statement per cloze number (`c1`, `c2`, …, in
//!   that order), in which the deletions of that number are `{…}` blanks and the others are
//!   plain text; hints are dropped. Its cue is the text with every deletion shown as `[…]`, its
//!   answer the deleted texts in reading order joined by `; `, and it skips the reverse
//!   question. Its forward card (every deletion at once) has no Anki counterpart and starts new. Anki's card for `cN` is one memory item; in recall each blank of statement N is
//!   a card (`cloze-K`, counted across statements), so the `cN` card's history and due date go
//!   to every blank of statement N — what the learner recalled when Anki asked `cN`.
//! - Fact ids come from the note's GUID (see [`fact_id_from_guid`]), so re-importing the same
//!   package finds the same facts.

use std::collections::{BTreeMap, HashMap, HashSet};

use jiff::Timestamp;

use super::{Card, Collection, Note, NoteKind, NoteType};
use crate::deck::draft::plain_text;
use crate::deck::import::html_to_text;
use crate::deck::{Fact, FactKind, QuestionKind, draft};
use crate::ids::{CardKey, DeckId, Direction, FactId};
use crate::schedule::{Grade, Phase};

/// Which fields make the cue and the answer (`--cue-field`, `--answer-field`), by name,
/// case-insensitively. Unset: the first and second fields.
#[derive(Clone, Debug, Default)]
pub struct FieldChoice {
    pub cue: Option<String>,
    pub answer: Option<String>,
}

/// How one note type was turned into facts, for the report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoteTypeUse {
    pub name: String,
    pub kind: NoteKind,
    pub fields: Vec<String>,
    /// The field used as the cue (the cloze text for cloze notes) and as the answer.
    pub cue: String,
    pub answer: Option<String>,
    pub notes: usize,
}

/// One Anki answer, ready to become a review row.
#[derive(Clone, Debug, PartialEq)]
pub struct AnkiReview {
    /// Anki's revlog id (unix ms): identifies the answer across re-imports.
    pub revlog_id: i64,
    pub time: Timestamp,
    pub grade: Grade,
    pub duration_ms: u32,
}

/// An Anki card that has a place in recall.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportedCard {
    pub anki_id: i64,
    /// The recall cards it becomes: one, or every blank of a cloze statement.
    pub keys: Vec<CardKey>,
    /// `New` for a card Anki never showed: it stays new, with no history.
    pub phase: Phase,
    /// Anki's due time (start of the due day for review cards).
    pub due: Option<Timestamp>,
    pub suspended: bool,
    /// Anki's interval (days) and ease (2.5 = 250 %), for cards without a usable history.
    pub interval_days: f32,
    pub ease: f32,
    /// Answers in time order, manual reschedules and cram answers left out.
    pub reviews: Vec<AnkiReview>,
}

/// The facts and cards of a collection.
#[derive(Clone, Debug, Default)]
pub struct Converted {
    /// In note order.
    pub facts: Vec<Fact>,
    pub cards: Vec<ImportedCard>,
    pub notetypes: Vec<NoteTypeUse>,
    /// Notes and cards that could not be used, with the reason.
    pub warnings: Vec<String>,
}

/// The longest fact id made of a GUID as it is ([`fact_id_from_guid`]), and how much of a
/// longer one is kept before its hash.
const MAX_GUID_ID: usize = 64;
const GUID_ID_KEPT: usize = 40;

/// The fact id for an Anki note GUID. GUIDs are case-sensitive base-91 strings (`Ab3$x!`), so
/// plain slugging would merge `Ab` and `ab`; this encoding keeps every GUID distinct and the
/// same across imports: lower-case letters, digits and `-` stay, an upper-case letter becomes
/// `_` and the letter, any other byte `.` and two hex digits; an id that would start with `_` or
/// `.` gets `0.` in front (which no encoded GUID starts with, since `.` is always followed by hex).
pub fn fact_id_from_guid(guid: &str) -> FactId {
    let mut id = String::with_capacity(guid.len() + 4);
    for b in guid.trim().bytes() {
        match b {
            b'a'..=b'z' | b'0'..=b'9' | b'-' => id.push(char::from(b)),
            b'A'..=b'Z' => {
                id.push('_');
                id.push(char::from(b.to_ascii_lowercase()));
            }
            _ => id.push_str(&format!(".{b:02x}")),
        }
    }
    if !id.starts_with(|c: char| c.is_ascii_alphanumeric()) {
        id.insert_str(0, "0.");
    }
    if id.len() > MAX_GUID_ID {
        // Anki's GUIDs are ten characters; a longer one (a hand-made package) keeps its start
        // and a hash of the whole, so the id stays short, distinct and the same every import.
        let mut hasher = crate::hash::FxHasher::default();
        std::hash::Hasher::write(&mut hasher, guid.trim().as_bytes());
        id.truncate(GUID_ID_KEPT);
        id.push_str(&format!("-{:016x}", std::hash::Hasher::finish(&hasher)));
    }
    // Invariant: the id is non-empty (`0.` at least), starts with a letter or digit, and holds
    // only `a-z0-9-_.`: a valid slug.
    #[allow(clippy::expect_used)]
    FactId::new(id).expect("an encoded GUID is a valid slug")
}

/// Anki's nested deck name (`Polity::Parliament`) as a topic (`Polity › Parliament`).
pub fn topic_from_deck(name: &str) -> String {
    plain_text(name, false)
        .split("::")
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" › ")
}

/// Converts `col` into facts of deck `deck`.
pub fn convert(col: &Collection, deck: &DeckId, choice: &FieldChoice) -> Converted {
    let mut out = Converted::default();
    let mut cards_of: HashMap<i64, Vec<&Card>> = HashMap::new();
    for card in &col.cards {
        cards_of.entry(card.note).or_default().push(card);
    }
    for cards in cards_of.values_mut() {
        cards.sort_by_key(|c| c.ord);
    }
    let mut revlog_of: HashMap<i64, Vec<AnkiReview>> = HashMap::new();
    for r in &col.revlog {
        // Learn, review and relearn answers only: 3 is a filtered-deck (cram) answer that did
        // not reschedule, 4 and 5 are manual reschedules, ease 0 is not an answer.
        let Some(grade) = u8::try_from(r.ease).ok().and_then(Grade::from_number) else {
            continue;
        };
        if !(0..=2).contains(&r.kind) {
            continue;
        }
        let Ok(time) = Timestamp::from_millisecond(r.id) else { continue };
        revlog_of.entry(r.card).or_default().push(AnkiReview {
            revlog_id: r.id,
            time,
            grade,
            duration_ms: u32::try_from(r.time_ms.clamp(0, i64::from(u32::MAX))).unwrap_or(0),
        });
    }
    let mut uses: BTreeMap<i64, NoteTypeUse> = BTreeMap::new();
    let mut seen_ids = HashSet::new();
    for note in &col.notes {
        let Some(nt) = col.notetypes.get(&note.notetype) else {
            out.warnings.push(format!("note {}: its note type is missing; skipped", note.guid));
            continue;
        };
        let id = fact_id_from_guid(&note.guid);
        if !seen_ids.insert(id.clone()) {
            out.warnings.push(format!("note {}: GUID used twice; skipped", note.guid));
            continue;
        }
        let cards: &[&Card] = cards_of.get(&note.id).map_or(&[], Vec::as_slice);
        let topic = cards
            .first()
            .and_then(|c| col.decks.get(&c.deck))
            .map(|n| topic_from_deck(n))
            .filter(|t| !t.is_empty());
        let (cue_i, answer_i) = pick_fields(nt, choice);
        let usage = uses.entry(note.notetype).or_insert_with(|| NoteTypeUse {
            name: nt.name.clone(),
            kind: nt.kind,
            fields: nt.fields.clone(),
            cue: nt.fields.get(cue_i).cloned().unwrap_or_default(),
            answer: match nt.kind {
                NoteKind::Standard => nt.fields.get(answer_i).cloned(),
                NoteKind::Cloze => None,
            },
            notes: 0,
        });
        let made = match nt.kind {
            NoteKind::Standard => standard(note, cards, cue_i, answer_i),
            NoteKind::Cloze => cloze(note, cue_i),
        };
        let (mut fact, mapping) = match made {
            Ok(m) => m,
            Err(reason) => {
                out.warnings.push(format!("note {} ({}): {reason}; skipped", note.guid, nt.name));
                continue;
            }
        };
        usage.notes += 1;
        fact.id = id;
        fact.topic = topic;
        fact.tags = note
            .tags
            .iter()
            .map(|t| plain_text(t, false).trim().to_owned())
            .filter(|t| !t.is_empty())
            .collect();
        for card in cards {
            let directions = match mapping.get(&card.ord) {
                Some(d) => d,
                None => {
                    out.warnings.push(format!(
                        "note {} ({}): card {} has no counterpart in recall; not imported",
                        note.guid,
                        nt.name,
                        card.ord + 1
                    ));
                    continue;
                }
            };
            let keys = directions
                .iter()
                .map(|&d| CardKey::new(deck.clone(), fact.id.clone(), d))
                .collect();
            out.cards.push(imported_card(col.created, card, keys, &revlog_of));
        }
        out.facts.push(fact);
    }
    out.notetypes = uses.into_values().collect();
    out
}

/// Field indexes for the cue and the answer of notes of type `nt`.
fn pick_fields(nt: &NoteType, choice: &FieldChoice) -> (usize, usize) {
    let find = |name: &Option<String>| {
        name.as_deref()
            .and_then(|n| nt.fields.iter().position(|f| f.eq_ignore_ascii_case(n.trim())))
    };
    let cue = find(&choice.cue).unwrap_or(0);
    let answer = find(&choice.answer).unwrap_or(if cue == 0 { 1 } else { 0 });
    (cue, answer)
}

/// A fact skeleton: id, topic and tags are filled in by the caller.
fn blank_fact(cue: String, answer: String) -> Fact {
    // The id is replaced by the GUID's id in `convert`.
    Fact::new(fact_id_from_guid("x"), FactKind::Statement, cue, answer)
}

/// The other non-empty fields, as the explanation.
fn explain(note: &Note, used: &[usize]) -> Option<String> {
    let rest: Vec<String> = note
        .fields
        .iter()
        .enumerate()
        .filter(|(i, _)| !used.contains(i))
        .map(|(_, f)| html_to_text(f))
        .filter(|f| !f.is_empty())
        .collect();
    (!rest.is_empty()).then(|| rest.join(" · "))
}

type Mapping = HashMap<u32, Vec<Direction>>;

fn standard(
    note: &Note,
    cards: &[&Card],
    cue_i: usize,
    answer_i: usize,
) -> Result<(Fact, Mapping), String> {
    let field = |i: usize| note.fields.get(i).map(|f| html_to_text(f)).unwrap_or_default();
    let (cue, answer) = (field(cue_i), field(answer_i));
    if cue.is_empty() {
        return Err("the cue field is empty".into());
    }
    if answer.is_empty() {
        return Err("the answer field is empty".into());
    }
    let mut fact = blank_fact(cue, answer);
    fact.explain = explain(note, &[cue_i, answer_i]);
    if cards.iter().any(|c| c.ord == 1) {
        // Anki's card 2 shows the answer field and asks for the cue. A `Statement` has a
        // reverse card only with `reverse` wording, and that wording is exactly this.
        fact.reverse = Some(fact.answer.clone());
    } else {
        fact.skip = vec![QuestionKind::Reverse];
    }
    let mapping = HashMap::from([(0, vec![Direction::Forward]), (1, vec![Direction::Reverse])]);
    Ok((fact, mapping))
}

/// One piece of a cloze note's text.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Piece {
    Text(String),
    /// Cloze number and the deleted text (HTML), hint dropped.
    Deletion(u32, String),
}

/// Splits Anki cloze text into plain text and deletions. `{{c1::text::hint}}`; nested
/// deletions keep only the outer one (their inner text stays as text).
fn split_cloze(raw: &str) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut rest = raw;
    while let Some(start) = find_opening(rest) {
        let (before, from) = rest.split_at(start.0);
        let body_start = start.1;
        // Find the matching `}}`, counting nested `{{`.
        let body = &from[body_start..];
        let mut depth = 1usize;
        let mut i = 0;
        let mut end = None;
        let bytes = body.as_bytes();
        while i + 1 < bytes.len() {
            if bytes[i] == b'{' && bytes[i + 1] == b'{' {
                depth += 1;
                i += 2;
            } else if bytes[i] == b'}' && bytes[i + 1] == b'}' {
                depth -= 1;
                if depth == 0 {
                    end = Some(i);
                    break;
                }
                i += 2;
            } else {
                i += 1;
            }
        }
        let Some(end) = end else { break };
        if !before.is_empty() {
            pieces.push(Piece::Text(before.to_owned()));
        }
        let inner = &body[..end];
        // The hint follows the first `::` outside nested deletions.
        let text = top_level_hint_split(inner);
        let flat: String = split_cloze(text)
            .into_iter()
            .map(|p| match p {
                Piece::Text(t) | Piece::Deletion(_, t) => t,
            })
            .collect();
        pieces.push(Piece::Deletion(start.2, flat));
        rest = &body[end + 2..];
    }
    if !rest.is_empty() {
        pieces.push(Piece::Text(rest.to_owned()));
    }
    pieces
}

/// The next `{{cN::` in `s`: (its offset, offset of the body relative to it, N).
fn find_opening(s: &str) -> Option<(usize, usize, u32)> {
    let mut from = 0;
    while let Some(i) = s[from..].find("{{c").map(|i| i + from) {
        let after = &s[i + 3..];
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0
            && after[digits..].starts_with("::")
            && let Ok(n) = after[..digits].parse::<u32>()
            && n > 0
        {
            return Some((i, 3 + digits + 2, n));
        }
        from = i + 3;
    }
    None
}

fn top_level_hint_split(inner: &str) -> &str {
    let b = inner.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while i + 1 < b.len() {
        match (b[i], b[i + 1]) {
            (b'{', b'{') => {
                depth += 1;
                i += 2;
            }
            (b'}', b'}') => {
                depth = depth.saturating_sub(1);
                i += 2;
            }
            (b':', b':') if depth == 0 => return &inner[..i],
            _ => i += 1,
        }
    }
    inner
}

/// Marks a deletion inside the plain text while HTML is removed (Unicode private use).
const MARK_OPEN: char = '\u{E000}';
const MARK_CLOSE: char = '\u{E001}';

fn escape_braces(s: &str) -> String {
    s.replace('{', "{{").replace('}', "}}")
}

fn cloze(note: &Note, text_i: usize) -> Result<(Fact, Mapping), String> {
    let raw = note.fields.get(text_i).map(String::as_str).unwrap_or_default();
    // Deletions become numbered marks, the whole text loses its HTML (so tags around a
    // deletion vanish cleanly), then the marks are filled in per statement.
    let mut marked = String::new();
    let mut deletions: Vec<(u32, String)> = Vec::new();
    for piece in split_cloze(raw) {
        match piece {
            Piece::Text(t) => marked.push_str(&t),
            Piece::Deletion(_, html) if html.trim_start().starts_with("image-occlusion:") => {
                return Err("image occlusion notes need their images".into());
            }
            Piece::Deletion(n, html) => {
                // A brace inside a blank would end it early: show it as a parenthesis.
                let text = html_to_text(&html).replace('{', "(").replace('}', ")");
                if text.is_empty() {
                    continue;
                }
                marked.push(MARK_OPEN);
                marked.push_str(&deletions.len().to_string());
                marked.push(MARK_CLOSE);
                deletions.push((n, text));
            }
        }
    }
    let plain = escape_braces(&html_to_text(&marked));
    if deletions.is_empty() {
        return Err("the cloze text has no {{c1::…}} deletion".into());
    }
    let fill = |show: &dyn Fn(&(u32, String)) -> String| -> String {
        let mut out = String::with_capacity(plain.len());
        let mut rest = plain.as_str();
        while let Some(open) = rest.find(MARK_OPEN) {
            out.push_str(&rest[..open]);
            let after = &rest[open + MARK_OPEN.len_utf8()..];
            let close = after.find(MARK_CLOSE).unwrap_or(after.len());
            let index: usize = after[..close].parse().unwrap_or(usize::MAX);
            if let Some(d) = deletions.get(index) {
                out.push_str(&show(d));
            }
            rest = after.get(close + MARK_CLOSE.len_utf8()..).unwrap_or("");
        }
        out.push_str(rest);
        out.trim().to_owned()
    };
    let numbers: Vec<u32> = {
        let mut n: Vec<u32> = deletions.iter().map(|d| d.0).collect();
        n.sort_unstable();
        n.dedup();
        n
    };
    let mut statements = Vec::new();
    let mut mapping = Mapping::new();
    let mut blank = 1u16;
    for &n in &numbers {
        statements.push(fill(&|(m, t)| {
            if *m == n { format!("{{{}}}", t) } else { escape_braces(t) }
        }));
        let count = deletions.iter().filter(|d| d.0 == n).count();
        let dirs: Vec<Direction> =
            (0..count).map(|k| Direction::Cloze(blank.saturating_add(k as u16))).collect();
        blank = blank.saturating_add(count as u16);
        mapping.insert(n - 1, dirs);
    }
    for s in &statements {
        draft::check_cloze(s).map_err(|e| e.to_string())?;
    }
    let cue = fill(&|_| "[…]".to_owned());
    let answers: Vec<&str> = deletions.iter().map(|d| d.1.as_str()).collect();
    let mut fact = blank_fact(cue, answers.join("; "));
    fact.cloze = statements;
    fact.skip = vec![QuestionKind::Reverse];
    fact.explain = explain(note, &[text_i]);
    Ok((fact, mapping))
}

fn imported_card(
    created: i64,
    card: &Card,
    keys: Vec<CardKey>,
    revlog_of: &HashMap<i64, Vec<AnkiReview>>,
) -> ImportedCard {
    let phase = match card.ctype {
        1 => Phase::Learning,
        2 => Phase::Review,
        3 => Phase::Relearning,
        _ => Phase::New,
    };
    let due = (phase != Phase::New).then(|| anki_due(created, card)).flatten();
    ImportedCard {
        anki_id: card.id,
        keys,
        phase,
        due,
        suspended: card.queue == -1,
        interval_days: card.interval.max(0) as f32,
        ease: card.factor as f32 / 1000.0,
        reviews: if phase == Phase::New {
            Vec::new()
        } else {
            revlog_of.get(&card.id).cloned().unwrap_or_default()
        },
    }
}

/// When Anki would show `card` next: learning cards (queue 1) hold unix seconds; review and
/// day-learning cards a day number counted from the collection's creation (`crt`, which is
/// the start of Anki's first day, at its rollover hour), so the due time is the start of that
/// day. Suspended or buried learning cards keep their seconds, told apart by size.
pub fn anki_due(created: i64, card: &Card) -> Option<Timestamp> {
    let learning = matches!(card.ctype, 1 | 3);
    let seconds = if card.queue == 1 || (learning && card.due > 1_000_000_000) {
        card.due
    } else {
        created.checked_add(card.due.checked_mul(86_400)?)?
    };
    Timestamp::from_second(seconds).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guid_ids_are_distinct_and_valid() {
        let ids: Vec<String> = ["Ab3$x!", "ab3$x!", "ganga", "_x", ".2e", "LokSabha#550"]
            .iter()
            .map(|g| fact_id_from_guid(g).to_string())
            .collect();
        assert_eq!(ids[0], "_ab3.24x.21".replacen('_', "0._", 1));
        assert_eq!(ids[1], "ab3.24x.21");
        assert_eq!(ids[2], "ganga");
        assert_eq!(ids[3], "0..5fx");
        assert_eq!(ids[4], "0..2e2e");
        assert_eq!(ids[5], "_lok_sabha.23550".replacen('_', "0._", 1));
        let unique: HashSet<&String> = ids.iter().collect();
        assert_eq!(unique.len(), ids.len());
    }

    #[test]
    fn long_guids_make_short_distinct_stable_ids() {
        let long = "G".repeat(10_000);
        let other = format!("{}H", "G".repeat(9_999));
        let (a, b) = (fact_id_from_guid(&long), fact_id_from_guid(&other));
        assert!(a.as_str().len() <= MAX_GUID_ID && b.as_str().len() <= MAX_GUID_ID, "{a}");
        assert_ne!(a, b);
        assert_eq!(a, fact_id_from_guid(&long));
        assert!(a.as_str().starts_with("0._g_g_g"), "{a}");
    }

    #[test]
    fn topics_from_nested_decks() {
        assert_eq!(topic_from_deck("Polity::Parliament"), "Polity › Parliament");
        assert_eq!(topic_from_deck("Geography"), "Geography");
    }

    fn note(fields: &[&str]) -> Note {
        Note {
            id: 1,
            guid: "g".into(),
            notetype: 1,
            fields: fields.iter().map(|s| s.to_string()).collect(),
            tags: Vec::new(),
        }
    }

    #[test]
    fn cloze_notes_become_one_statement_per_number() {
        let n = note(&[
            "The {{c1::Rajya <b>Sabha</b>}} is a {{c2::permanent::kind of}} house; the \
             {{c1::Vice-President}} chairs it.<br>Members: &lt;= 250 {braces}",
            "Art. 80",
        ]);
        let (fact, mapping) = cloze(&n, 0).unwrap();
        assert_eq!(
            fact.cloze,
            [
                "The {Rajya Sabha} is a permanent house; the {Vice-President} chairs it. Members: <= 250 {{braces}}",
                "The Rajya Sabha is a {permanent} house; the Vice-President chairs it. Members: <= 250 {{braces}}",
            ]
        );
        assert_eq!(
            fact.cue,
            "The […] is a […] house; the […] chairs it. Members: <= 250 {{braces}}"
        );
        assert_eq!(fact.answer, "Rajya Sabha; permanent; Vice-President");
        assert_eq!(fact.explain.as_deref(), Some("Art. 80"));
        assert_eq!(mapping[&0], [Direction::Cloze(1), Direction::Cloze(2)]);
        assert_eq!(mapping[&1], [Direction::Cloze(3)]);
        assert!(cloze(&note(&["no deletions"]), 0).is_err());
        let occlusion = note(&["{{c1::image-occlusion:rect:left=.1:top=.2}}", "<img src=a.png>"]);
        assert_eq!(cloze(&occlusion, 0).unwrap_err(), "image occlusion notes need their images");
    }

    #[test]
    fn nested_and_odd_deletions() {
        let pieces = split_cloze("{{c1::a {{c2::b}} c}} {{c::x}} {{c3::y");
        assert_eq!(
            pieces,
            [Piece::Deletion(1, "a b c".into()), Piece::Text(" {{c::x}} {{c3::y".into())]
        );
    }

    #[test]
    fn cards_and_history_map_to_recall_keys() {
        use crate::anki::{Collection, RevlogEntry};
        let nt = |name: &str, kind, templates: &[&str]| NoteType {
            name: name.into(),
            kind,
            fields: vec!["Front".into(), "Back".into()],
            templates: templates.iter().map(|t| t.to_string()).collect(),
        };
        let card = |id, note, ord, ctype, queue, due| Card {
            id,
            note,
            deck: 7,
            ord,
            ctype,
            queue,
            due,
            interval: 3,
            factor: 2500,
        };
        let rev = |id, card, ease, kind| RevlogEntry { id, card, ease, time_ms: 5000, kind };
        let col = Collection {
            schema: 11,
            created: 1_700_000_000,
            notetypes: HashMap::from([
                (1, nt("Three", NoteKind::Standard, &["a", "b", "c"])),
                (2, nt("Cloze", NoteKind::Cloze, &["Cloze"])),
            ]),
            decks: HashMap::from([(7, "A::B".to_owned())]),
            notes: vec![
                Note {
                    id: 10,
                    guid: "n1".into(),
                    notetype: 1,
                    fields: vec!["q".into(), "a".into()],
                    tags: vec!["t".into()],
                },
                Note {
                    id: 11,
                    guid: "n2".into(),
                    notetype: 2,
                    fields: vec!["{{c2::x}} {{c1::y}} {{c2::z}}".into(), String::new()],
                    tags: vec![],
                },
                Note {
                    id: 12,
                    guid: "n3".into(),
                    notetype: 99,
                    fields: vec!["q".into()],
                    tags: vec![],
                },
                Note {
                    id: 13,
                    guid: "n4".into(),
                    notetype: 1,
                    fields: vec!["q".into(), " ".into()],
                    tags: vec![],
                },
            ],
            cards: vec![
                card(100, 10, 0, 2, 2, 5),
                card(101, 10, 1, 2, -1, 6),
                card(102, 10, 2, 0, 0, 1),
                card(110, 11, 0, 0, 0, 2),
                card(111, 11, 1, 1, 1, 1_700_050_000),
            ],
            revlog: vec![
                rev(1_700_000_000_000, 100, 3, 0),
                rev(1_700_000_001_000, 100, 3, 3), // cram
                rev(1_700_000_002_000, 100, 0, 4), // manual
                rev(1_700_000_003_000, 100, 2, 5), // rescheduled
                rev(1_700_000_004_000, 100, 1, 1),
                rev(1_700_000_005_000, 111, 4, 0),
                rev(1_700_000_006_000, 110, 3, 0), // a new card's stray answer
            ],
            ..Collection::default()
        };
        let deck = DeckId::new("d").unwrap();
        let out = convert(&col, &deck, &FieldChoice::default());
        let ids: Vec<&str> = out.facts.iter().map(|f| f.id.as_str()).collect();
        assert_eq!(ids, ["n1", "n2"]);
        assert_eq!(out.facts[0].topic.as_deref(), Some("A › B"));
        assert_eq!(out.facts[0].reverse.as_deref(), Some("a"));
        assert_eq!(out.facts[1].cloze, ["x {y} z", "{x} y {z}"]);
        assert_eq!(out.warnings.len(), 3, "{:?}", out.warnings); // missing type, empty answer, template 3
        let keys =
            |i: usize| -> Vec<String> { out.cards[i].keys.iter().map(|k| k.to_string()).collect() };
        assert_eq!(keys(0), ["d/n1/forward"]);
        assert_eq!(keys(1), ["d/n1/reverse"]);
        assert_eq!(keys(2), ["d/n2/cloze-1"]);
        assert_eq!(keys(3), ["d/n2/cloze-2", "d/n2/cloze-3"]);
        let grades: Vec<u8> = out.cards[0].reviews.iter().map(|r| r.grade.number()).collect();
        assert_eq!(grades, [3, 1]);
        assert_eq!(out.cards[0].due.unwrap().as_second(), 1_700_000_000 + 5 * 86_400);
        assert!(out.cards[1].suspended && !out.cards[0].suspended);
        assert_eq!((out.cards[2].phase, out.cards[2].reviews.len()), (Phase::New, 0));
        assert_eq!(out.cards[3].phase, Phase::Learning);
        assert_eq!(out.cards[3].due.unwrap().as_second(), 1_700_050_000);
        assert_eq!(out.cards[3].reviews.len(), 1);
    }

    #[test]
    fn due_dates_follow_anki() {
        let card = |ctype, queue, due| Card {
            id: 1,
            note: 1,
            deck: 1,
            ord: 0,
            ctype,
            queue,
            due,
            interval: 0,
            factor: 0,
        };
        let crt = 1_700_000_000;
        assert_eq!(anki_due(crt, &card(2, 2, 30)).unwrap().as_second(), crt + 30 * 86_400);
        assert_eq!(anki_due(crt, &card(1, 1, 1_700_100_000)).unwrap().as_second(), 1_700_100_000);
        assert_eq!(anki_due(crt, &card(3, 3, 2)).unwrap().as_second(), crt + 2 * 86_400);
        assert_eq!(anki_due(crt, &card(1, -1, 1_700_100_000)).unwrap().as_second(), 1_700_100_000);
    }
}
