//! The library at a glance, for `recall decks`: each deck's file, facts, cards due today, new
//! cards and exam date, and the table they are printed in.
//!
//! "Due" and "new" count what a study session would ask: cards due before the learner's
//! tomorrow begins (overdue ones included), and cards never answered; suspended cards and cards
//! buried until tomorrow are in neither, as no session asks them today. "New" counts cards (a fact has one per direction and
//! cloze blank), not what today's new-card limit lets in.

use jiff::Timestamp;
use jiff::civil::Date;
use serde::Serialize;

use crate::deck::Deck;
use crate::ids::CardKey;
use crate::schedule::{CardStates, Phase};
use crate::text::{Align, Palette, Table};

/// One deck of the library.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DeckRow {
    pub id: String,
    pub title: String,
    /// The deck's file as the learner would name it (relative to the decks folder inside it).
    pub file: String,
    pub facts: u32,
    /// Cards (memory items) the deck's facts make.
    pub cards: u32,
    /// Cards due before tomorrow begins, overdue ones included.
    pub due: u32,
    /// Cards never answered.
    pub new: u32,
    /// The deck's `exam` date.
    pub exam: Option<Date>,
}

/// The row of `deck`, whose cards are `cards`, with the store's `states`; `tomorrow` is the
/// instant the learner's next day begins.
pub fn deck_row(
    deck: &Deck,
    file: String,
    cards: &[CardKey],
    states: &CardStates,
    tomorrow: Timestamp,
) -> DeckRow {
    let (mut due, mut new) = (0, 0);
    // A bury lasts until a day begins: buried at the start of tomorrow is buried all today.
    let today_end = tomorrow.checked_sub(jiff::SignedDuration::from_secs(1)).unwrap_or(tomorrow);
    for card in cards {
        match states.get(card) {
            Some(s) if s.is_held(today_end) => {}
            None => new += 1,
            Some(s) if s.phase == Phase::New => new += 1,
            Some(s) if s.next_due().is_some_and(|d| d < tomorrow) => due += 1,
            Some(_) => {}
        }
    }
    DeckRow {
        id: deck.id.to_string(),
        title: deck.title.clone(),
        file,
        facts: deck.facts.len() as u32,
        cards: cards.len() as u32,
        due,
        new,
        exam: deck.exam,
    }
}

/// The table of decks and a totals line, in at most `width` columns: the titles give way
/// first (the id names the deck, the file is what one types and edits), then the others.
pub fn render_decks(rows: &[DeckRow], width: usize, palette: Palette) -> String {
    let mut table = Table::new(["deck", "title", "file", "facts", "due", "new", "exam"])
        .align(&[
            Align::Left,
            Align::Left,
            Align::Left,
            Align::Right,
            Align::Right,
            Align::Right,
            Align::Left,
        ])
        .shrink_first(&[1]);
    for r in rows {
        table.row([
            r.id.clone(),
            crate::text::printable(&r.title).into_owned(),
            r.file.clone(),
            r.facts.to_string(),
            r.due.to_string(),
            r.new.to_string(),
            r.exam.map_or_else(|| "–".to_owned(), |d| d.to_string()),
        ]);
    }
    let sum = |f: fn(&DeckRow) -> u32| rows.iter().map(f).sum::<u32>();
    let decks = if rows.len() == 1 { "1 deck".to_owned() } else { format!("{} decks", rows.len()) };
    let facts = sum(|r| r.facts);
    let facts = if facts == 1 { "1 fact".to_owned() } else { format!("{facts} facts") };
    format!(
        "{}{decks}, {facts}: {} due today, {} new\n",
        table.render(width, palette),
        sum(|r| r.due),
        sum(|r| r.new)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::{DeckId, Direction, FactId};
    use crate::schedule::CardState;

    fn t(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    fn deck() -> Deck {
        let text = r#"#![enable(implicit_some)]
        Deck(id: "polity", title: "Indian Polity", exam: "2027-05-24", facts: [
            Fact(id: "a17", kind: Term, cue: "Article 17", answer: "Abolition of untouchability"),
        ])"#;
        let mut loaded = crate::deck::Loaded::default();
        crate::deck::load_source(std::path::Path::new("polity.ron"), text, &mut loaded);
        assert_eq!(loaded.error_count(), 0, "{:?}", loaded.diagnostics);
        loaded.library.decks.pop().unwrap().deck
    }

    fn key(fact: &str) -> CardKey {
        CardKey::new(DeckId::new("polity").unwrap(), FactId::new(fact).unwrap(), Direction::Forward)
    }

    #[test]
    fn due_and_new_count_what_a_session_would_ask() {
        let tomorrow = t("2026-12-01T04:00:00Z");
        let cards: Vec<CardKey> =
            ["new", "unseen", "overdue", "today", "later", "off"].into_iter().map(key).collect();
        let mut states = CardStates::default();
        let review = |due: &str| CardState {
            phase: Phase::Review,
            due: Some(t(due)),
            reps: 1,
            ..CardState::default()
        };
        states.insert(key("new"), CardState::default());
        states.insert(key("overdue"), review("2026-11-20T09:00:00Z"));
        // Due in the small hours before tomorrow begins: today's.
        states.insert(key("today"), review("2026-12-01T03:59:00Z"));
        states.insert(key("later"), review("2026-12-01T04:00:00Z"));
        states.insert(key("off"), CardState { suspended: true, ..review("2026-11-20T09:00:00Z") });
        let row = deck_row(&deck(), "polity.ron".into(), &cards, &states, tomorrow);
        assert_eq!((row.cards, row.due, row.new), (6, 2, 2));
        assert_eq!(row.facts, 1);
        assert_eq!(row.exam, Some(jiff::civil::date(2027, 5, 24)));
    }

    #[test]
    fn the_table_fits_the_width_and_sums_up() {
        let row = deck_row(&deck(), "polity.ron".into(), &[key("a17")], &CardStates::default(), {
            t("2026-12-01T04:00:00Z")
        });
        let text = render_decks(&[row.clone(), row], 60, Palette::PLAIN);
        assert!(text.lines().all(|l| console::measure_text_width(l) <= 60), "{text}");
        // The title gives way first: ids, files, numbers and dates stay whole.
        assert!(text.contains("polity  Indian Pol…  polity.ron"), "{text}");
        assert!(text.ends_with("2 decks, 2 facts: 0 due today, 2 new\n"), "{text}");
        assert!(text.contains("2027-05-24"), "{text}");
    }
}
