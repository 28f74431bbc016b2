//! `recall stats`: where the learner stands over the decks named (cards, due forecast,
//! retention, streak, calendar, topics, weakest facts, exam outlook), as text or JSON.
//!
//! A thin shell: load and narrow the decks, read the store's rows once, and hand them to
//! [`crate::stats::compute_stats`].

use std::collections::HashSet;
use std::io::Write;
use std::process::ExitCode;

use crate::app::{Context, UsageError};
use crate::cli::StatsArgs;
use crate::cmd::check::{fact_cards, load_decks};
use crate::deck::Library;
use crate::ids::{CardKey, DeckId};
use crate::schedule::LearnerDays;
use crate::stats::{
    CardFact, CardId, CardState, StatsJson, StatsParams, compute_stats_counted, detail_since,
    exam_date, render_stats, scope_library,
};
use crate::store::Store;
use crate::ui;

pub fn run(ctx: &Context, args: &StatsArgs) -> anyhow::Result<ExitCode> {
    let decks = args
        .deck
        .iter()
        .map(|d| DeckId::new(d.as_str()).map_err(|e| UsageError(format!("--deck: {e}"))))
        .collect::<Result<Vec<_>, _>>()?;
    let library = load_decks(&args.decks)?;
    let library = scope_library(&library, &decks, args.topic.as_deref())
        .map_err(|e| UsageError(e.to_string()))?;

    let store = Store::open(&ctx.data_dir()?)?;
    let settings = store.settings()?;
    let mut params = StatsParams::new(ctx.now, ctx.tz.clone());
    params.days = LearnerDays::new(ctx.tz.clone(), settings.rollover_hour);
    // Through the f32's shortest decimal form, so 0.9 shows as 0.9 and not 0.8999999761581421.
    params.desired_retention = settings
        .desired_retention
        .to_string()
        .parse()
        .unwrap_or(f64::from(settings.desired_retention));
    if let Some(decay) = store.fsrs_parameters()?.and_then(|p| p.get(20).copied()) {
        params.decay = decay;
    }
    let today = params.days.day_of(ctx.now);
    params.exam = args.exam.or_else(|| exam_date(&library, today));

    let rows = store.stats_rows_since(detail_since(&params))?;
    let sessions = store.stats_sessions()?;
    let cards = with_unanswered_cards(rows.cards, &library);
    let report =
        compute_stats_counted(&library, &cards, &rows.counted, &rows.reviews, &sessions, &params);

    // Buffered: stdout is line-buffered, and pretty JSON is thousands of short lines.
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    if args.json {
        // As an `io::Error`, a closed pipe is recognised and ends the program quietly.
        serde_json::to_writer_pretty(&mut out, &StatsJson::from(&report))
            .map_err(std::io::Error::from)?;
        writeln!(out)?;
    } else {
        write!(out, "{}", render_stats(&report, ui::width()))?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// The store's cards plus every card of the library that has no row yet (never answered):
/// those are new, and the card counts show them as such.
fn with_unanswered_cards(mut cards: Vec<CardFact>, library: &Library) -> Vec<CardFact> {
    let stored: HashSet<CardKey> = cards.iter().map(|c| c.card.clone()).collect();
    for file in &library.decks {
        for fact in &file.deck.facts {
            for card in fact_cards(&file.deck.id, fact) {
                if !stored.contains(&card) {
                    cards.push(CardFact {
                        id: CardId(cards.len() as i64),
                        card,
                        stability: None,
                        difficulty: None,
                        due: None,
                        last_review: None,
                        reps: 0,
                        lapses: 0,
                        state: CardState::New,
                    });
                }
            }
        }
    }
    cards
}
