//! `recall import-history FILE.csv`: a review log from elsewhere (the CSV layout of the FSRS
//! projects' Anki-derived logs) becomes history in the store, for `optimize` and `evaluate`.
//!
//! A log's card ids are another program's numbers and name no deck card, so its cards are kept
//! apart under a reserved deck id: card 17 of `revlog.csv` becomes
//! `history.revlog/c17/forward` ([`crate::store::HISTORY_DECK_PREFIX`]). No deck file has such
//! an id, so these cards are never asked in a session (the queue only takes cards of loaded
//! decks) and `recall check` does not call them orphans. Each review's origin is
//! `csv:<card_id>:<epoch ms>`, so importing the same log again (even renamed) adds nothing.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Context as _;

use crate::cli::{ImportHistoryArgs, UsageError};
use crate::context::{Access, Context};
use crate::ids::{CardKey, DeckId, Direction, FactId, slugify};
use crate::learner::log;
use crate::store::{HISTORY_DECK_PREFIX, ImportedReview};

pub fn run(ctx: &Context, args: &ImportHistoryArgs) -> anyhow::Result<ExitCode> {
    let path = &args.file;
    let name = match &args.name {
        Some(name) => slugify(name),
        None => slugify(&path.file_stem().map(|s| s.to_string_lossy()).unwrap_or_default()),
    };
    let deck = DeckId::new(format!("{HISTORY_DECK_PREFIX}{name}"))
        .map_err(|e| UsageError(format!("--name `{name}` cannot name a history ({e})")))?;
    let log = log::read_log(path)?;
    err!("{}", log.skipped_warnings(path));
    if log.records.is_empty() {
        anyhow::bail!(
            "{} has no readable reviews ({} rows skipped); nothing imported",
            path.display(),
            log.problems.len()
        );
    }
    let mut reviews = Vec::with_capacity(log.records.len());
    for r in &log.records {
        let fact = FactId::new(format!("c{}", r.card_id))
            .with_context(|| format!("card id {} cannot be a key", r.card_id))?;
        reviews.push(ImportedReview {
            card: CardKey::new(deck.clone(), fact, Direction::Forward),
            time: r.reviewed_at,
            grade: r.rating,
            duration_ms: r.duration_ms.unwrap_or(0),
            origin: format!("csv:{}:{}", r.card_id, r.reviewed_at.as_millisecond()),
        });
    }

    let mut ws = ctx.open_workspace(Access::Import)?;
    let scheduler = ws.scheduler()?;
    let counts = ws.store.import_reviews(&reviews, &scheduler, &ws.day)?;
    if let Some(warning) = counts.future_warning() {
        errln!("recall: warning: {}: {warning}", path.display());
        if counts.added == 0 && counts.already_present == 0 {
            anyhow::bail!("{}: every review is dated after now; nothing imported", path.display());
        }
    }

    let mut out = crate::out::stdout();
    // Word-wrapped: with its path, the line runs past 80 columns.
    let skipped = log.problems.len() as u64 + counts.future;
    let said = format!(
        "{}: imported {} reviews of {} card{} as {deck}; {} already present, {skipped} row{} \
         skipped",
        path.display(),
        counts.added,
        counts.cards,
        if counts.cards == 1 { "" } else { "s" },
        counts.already_present,
        if skipped == 1 { "" } else { "s" },
    );
    write!(out, "{}", crate::report::fit(&said, crate::ui::width()))?;
    Ok(ExitCode::SUCCESS)
}
