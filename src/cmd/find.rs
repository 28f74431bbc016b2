//! `recall find TEXT [--json]`: the facts whose id, cue, answer or accepted answers contain
//! TEXT ([`crate::select::matching`]), one row per card with what `suspend`, `bury` and `reset`
//! need: its id, and where it stands (state, when due, lapses).
//!
//! It only reads: the progress file is never created. Nothing found exits 1, as `grep` does,
//! with a note on stderr.

use std::io::Write;
use std::process::ExitCode;

use jiff::Timestamp;
use serde::Serialize;

use crate::check;
use crate::cli::{DeckPaths, FindArgs};
use crate::context::Context;
use crate::schedule::{CardState, CardStates, LearnerDays};
use crate::select;
use crate::text::{Align, Cell, Table, Tone};
use crate::ui;

/// One card found: the row of the table and the object of `--json`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Found {
    /// `deck/fact/direction`: what `recall suspend`, `bury` and `reset` take.
    pub id: String,
    pub deck: String,
    pub fact: String,
    pub direction: String,
    pub cue: String,
    pub answer: String,
    /// `new`, `learning`, `review`, `relearning`, or `suspended` / `buried` when put aside.
    pub state: &'static str,
    /// When a session asks it next (`None`: new or suspended), RFC 3339.
    pub due: Option<Timestamp>,
    pub lapses: u32,
    /// Answers that moved its schedule.
    pub reps: u32,
}

pub fn run(ctx: &Context, args: &FindArgs) -> anyhow::Result<ExitCode> {
    let text = args.text.join(" ");
    let library = check::load_decks(ctx, &DeckPaths { paths: Vec::new() })?;
    let facts = select::matching(&library, &text);
    if facts.is_empty() {
        errln!("No fact in your decks has `{text}` in its id, cue or answer.");
        return Ok(ExitCode::FAILURE);
    }
    let store = ctx.read_store()?;
    let states = store.card_states()?;
    let days = LearnerDays::new(ctx.tz.clone(), store.settings()?.rollover_hour);
    let rows = found(&facts, &states, ctx.now);
    let mut out = crate::out::stdout();
    if args.json {
        // As an `io::Error`, a closed pipe is recognised and ends the program quietly.
        serde_json::to_writer_pretty(&mut out, &rows).map_err(std::io::Error::from)?;
        writeln!(out)?;
    } else {
        // A card is shown as FACT/DIRECTION, which the other commands take, unless its fact id
        // is in more than one deck: the deck's id is long, and the cue needs the room.
        let mut decks_of: std::collections::HashMap<&str, usize> = Default::default();
        for (_, fact) in library.facts() {
            *decks_of.entry(fact.id.as_str()).or_default() += 1;
        }
        let shown = |r: &Found| {
            if decks_of.get(r.fact.as_str()).copied().unwrap_or(0) > 1 {
                r.id.clone()
            } else {
                format!("{}/{}", r.fact, r.direction)
            }
        };
        let width = ui::width();
        write!(out, "{}", table(&rows, &shown, &days, ctx.now, width, ctx.colors.stdout))?;
        let facts_n = facts.len();
        writeln!(
            out,
            "{facts_n} fact{} · {} card{}",
            if facts_n == 1 { "" } else { "s" },
            rows.len(),
            if rows.len() == 1 { "" } else { "s" }
        )?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// The cards of `facts` with their stored states at `now`.
pub fn found(
    facts: &[(&crate::deck::Deck, &crate::deck::Fact)],
    states: &CardStates,
    now: Timestamp,
) -> Vec<Found> {
    let new = CardState::default();
    facts
        .iter()
        .flat_map(|(deck, fact)| select::cards_of(deck, fact))
        .map(|c| {
            let state = states.get(&c.key).unwrap_or(&new);
            Found {
                id: c.key.to_string(),
                deck: c.key.deck.to_string(),
                fact: c.key.fact.to_string(),
                direction: c.key.direction.to_string(),
                cue: c.fact.gist(),
                answer: c.fact.answer.clone(),
                state: if state.suspended {
                    "suspended"
                } else if state.is_buried(now) {
                    "buried"
                } else {
                    state.phase.name()
                },
                due: state.next_due(),
                lapses: state.lapses,
                reps: state.reps,
            }
        })
        .collect()
}

/// The narrowest cue worth a deck column: with less, the deck column is left out (the card
/// ids are what `reset`, `suspend` and `bury` take, and a fact id in more than one deck is
/// shown with its deck already).
const MIN_CUE_BESIDE_DECK: usize = 20;

/// The table: the deck (when the rows have more than one and there is room for it), the card
/// as `shown` says, cue, state, due, lapses; the cue gives way first.
fn table(
    rows: &[Found],
    shown: &dyn Fn(&Found) -> String,
    days: &LearnerDays,
    now: Timestamp,
    width: usize,
    palette: crate::text::Palette,
) -> String {
    let mut headers = vec!["deck", "card", "cue", "state", "due", "lapses"];
    let mut align =
        vec![Align::Left, Align::Left, Align::Left, Align::Left, Align::Left, Align::Right];
    let today = days.day_of(now);
    let mut all_rows = Vec::with_capacity(rows.len());
    for r in rows {
        let due = match r.due {
            None => "-".to_owned(),
            Some(at) => {
                let n = (days.day_of(at) - today).get_days();
                match n {
                    ..=0 => "today".to_owned(),
                    1 => "tomorrow".to_owned(),
                    2..=30 => format!("in {n} days"),
                    _ => days.day_of(at).strftime("%-d %b %Y").to_string(),
                }
            }
        };
        let state = match r.state {
            "suspended" | "buried" => Cell::styled(r.state, Tone::Warn),
            other => Cell::from(other.to_owned()),
        };
        let cells = vec![
            Cell::from(r.deck.clone()),
            Cell::from(shown(r)),
            // On one line, the deck's control characters written out.
            Cell::from(
                crate::text::printable(&r.cue.split_whitespace().collect::<Vec<_>>().join(" "))
                    .into_owned(),
            ),
            state,
            Cell::from(due),
            Cell::from(r.lapses.to_string()),
        ];
        all_rows.push(cells);
    }
    // The deck column only when the rows have more than one deck and, beside it, the card ids
    // stay whole and the cue keeps some room: at 80 columns a cut id could not be copied.
    let natural = |i: usize| {
        all_rows
            .iter()
            .map(|cells: &Vec<Cell>| crate::text::width(&cells[i].text))
            .fold(crate::text::width(headers[i]), usize::max)
    };
    let gaps = 2 * (headers.len() - 1);
    let others: usize = [0, 1, 3, 4, 5].into_iter().map(natural).sum();
    let decks = rows.iter().any(|r| r.deck != rows[0].deck)
        && others + MIN_CUE_BESIDE_DECK.min(natural(2)) + gaps <= width;
    if !decks {
        headers.remove(0);
        align.remove(0);
        for cells in &mut all_rows {
            cells.remove(0);
        }
    }
    let cue = if decks { 2 } else { 1 };
    let mut t = Table::new(headers).align(&align).shrink_first(&[cue]);
    for cells in all_rows {
        t.row(cells);
    }
    t.render(width, palette)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn card(deck: &str, fact: &str, direction: &str, cue: &str) -> Found {
        Found {
            id: format!("{deck}/{fact}/{direction}"),
            deck: deck.into(),
            fact: fact.into(),
            direction: direction.into(),
            cue: cue.into(),
            answer: String::new(),
            state: "new",
            due: None,
            lapses: 0,
            reps: 0,
        }
    }

    fn render(rows: &[Found], width: usize) -> String {
        let days = LearnerDays::new(jiff::tz::TimeZone::UTC, 4);
        let shown = |r: &Found| format!("{}/{}", r.fact, r.direction);
        let now: Timestamp = "2026-12-13T10:00:00Z".parse().unwrap();
        table(rows, &shown, &days, now, width, crate::text::Palette::PLAIN)
    }

    /// Rows from two decks with long fact ids: at 80 columns a deck column would cut the card
    /// ids (which `reset` and `suspend` take) and leave the cue three letters; it is left out.
    /// With room, it is shown.
    #[test]
    fn the_deck_column_never_cuts_the_card_ids() {
        let rows = [
            card("2plus2-questions", "comcasa-statements", "forward", "With reference to COMCASA"),
            card("india-us-2plus2", "civil-nuclear-partnership", "reverse", "the India–US civil"),
        ];
        let narrow = render(&rows, 80);
        assert!(narrow.starts_with("card "), "{narrow}");
        assert!(narrow.contains("comcasa-statements/forward "), "{narrow}");
        assert!(
            narrow.contains("civil-nuclear-partnership/reverse  the India–US civil"),
            "{narrow}"
        );
        assert!(narrow.lines().all(|l| crate::text::width(l) <= 80), "{narrow}");
        let wide = render(&rows, 120);
        assert!(wide.starts_with("deck "), "{wide}");
        assert!(wide.contains("2plus2-questions  comcasa-statements/forward "), "{wide}");
        assert!(wide.contains("With reference to COMCASA"), "{wide}");
    }
}
