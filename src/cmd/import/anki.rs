//! `recall import FILE.apkg|FILE.colpkg`: an Anki deck with its review history.
//!
//! Reading and mapping live in [`crate::anki`]; this writes the facts through the same checked,
//! atomic, byte-preserving deck writing as `recall add`, then the history into the store:
//! every answer of the revlog (learn, review, relearn; not cram answers, manual reschedules or
//! ease 0) becomes an imported review with origin `anki:<revlog id>:<card key>`, so a repeated
//! import adds nothing twice; the store replays each card's history through FSRS for its
//! memory state; then each card gets back the due date Anki had given it, unless it has been
//! answered in recall since its last Anki review. Suspended cards are suspended; cards Anki
//! never showed stay new.
//! Everything that can reject the package (not a zip, no collection, unknown schema, no usable
//! note) happens before anything is written.

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context as _;

use super::{plural, target_deck};
use crate::anki::convert::{self, Converted, FieldChoice, ImportedCard};
use crate::anki::{NoteKind, package};
use crate::check;
use crate::cli::{DeckPaths, ImportArgs, UsageError, kind_flag};
use crate::context::{Access, Context, Workspace};
use crate::deck::{Deck, Fact, draft, edit, import, template, write};
use crate::ids::DeckId;
use crate::store::{ImportCounts, ImportedReview};

/// How many per-note warnings are listed one by one.
const SHOWN: usize = 30;

pub fn run(ctx: &Context, args: &ImportArgs) -> anyhow::Result<ExitCode> {
    let file = &args.file;
    let name = file.display();
    let kind = kind_flag(args.kind.as_deref())?;
    // The target deck first: a usage mistake should not cost a read of a large package.
    let existing = match &args.into {
        Some(deck_path) => {
            let deck_path = ctx.find_deck(deck_path)?;
            let deck = target_deck(&deck_path, args.deck_id.as_deref())?;
            Some((deck_path, deck))
        }
        None => None,
    };
    let deck_id = match &existing {
        Some((_, deck)) => deck.id.clone(),
        None => {
            let Some(id) = &args.deck_id else {
                return Err(UsageError(
                    "--deck ID is required for a new deck (or use --into DECK.ron to update one)"
                        .into(),
                )
                .into());
            };
            DeckId::new(id.as_str()).map_err(|e| UsageError(format!("--deck: {e}")))?
        }
    };

    let col = package::read(file)?;
    let choice = FieldChoice { cue: args.cue_field.clone(), answer: args.answer_field.clone() };
    let mut converted = convert::convert(&col, &deck_id, &choice);
    report_notetypes(&converted, &choice)?;
    {
        let mut err = crate::out::stderr();
        for w in converted.warnings.iter().take(SHOWN) {
            writeln!(err, "{name}: warning: {w}")?;
        }
        if converted.warnings.len() > SHOWN {
            writeln!(err, "{name}: … and {} more warnings", converted.warnings.len() - SHOWN)?;
        }
        if col.media_files > 0 {
            writeln!(
                err,
                "{name}: note: {} not imported (recall decks hold text only)",
                plural(col.media_files, "media file")
            )?;
        }
    }
    if converted.facts.is_empty() {
        anyhow::bail!(
            "{name}: no usable notes ({} in the package); nothing was written",
            col.notes.len()
        );
    }
    let topic = args.topic.as_deref().map(str::trim).filter(|t| !t.is_empty());
    for fact in &mut converted.facts {
        if let Some(k) = kind {
            fact.kind = k;
        }
        if let Some(t) = topic {
            fact.topic = Some(t.to_owned());
        }
    }

    let (out, added, updated) = match existing {
        Some((deck_path, deck)) => {
            let (replaced, appended) = merge(&deck, &converted.facts);
            if !replaced.is_empty() || !appended.is_empty() {
                write::update_file(&deck_path, &replaced, &appended)?;
            }
            (deck_path, appended.len(), replaced.len())
        }
        None => {
            // The bundled decks come first into a default folder this deck is the first of.
            let folder = match args.output {
                Some(_) => ctx.decks_dir()?.path,
                None => ctx.decks_dir_installed()?.path,
            };
            let out = write::new_deck_path(
                args.output.as_deref(),
                &folder,
                args.force,
                &deck_id,
                "update it",
            )?;
            let title = args
                .title
                .as_deref()
                .map_or_else(|| deck_title(&col, file), |t| draft::plain_text(t, false));
            let text = edit::append_facts(
                &template::imported_deck(&deck_id, &title, file),
                &converted.facts,
            )?;
            let checked = write::check(&out, text)?;
            if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty() && !d.exists()) {
                std::fs::create_dir_all(dir)
                    .with_context(|| format!("cannot create folder {}", dir.display()))?;
            }
            write::create(&checked, args.force)?;
            (out, converted.facts.len(), 0)
        }
    };
    outln!(
        "Imported {} from {name} into {}: {} new, {} updated; {}.",
        plural(converted.facts.len(), "note"),
        out.display(),
        added,
        updated,
        plural(converted.warnings.len(), "warning")
    )?;
    let h = import_history(ctx, &converted.cards)?;
    if let Some(warning) = h.counts.future_warning() {
        errln!("recall: warning: {name}: {warning}");
    }
    outln!(
        "History: {} added ({} already present) for {}; {} keep Anki's due date, {} suspended, {} new.",
        plural(h.counts.added as usize, "review"),
        h.counts.already_present,
        plural(h.counts.cards as usize, "card"),
        h.due_kept,
        h.suspended,
        h.new_cards
    )?;
    if h.without_history > 0 {
        outln!(
            "  {} Anki had scheduled but whose revlog holds no answers start as new in recall.",
            plural(h.without_history, "card")
        )?;
    }
    check::report(ctx, check::load(ctx, &DeckPaths { paths: vec![out] })?, false)
}

/// Splits the package's facts into those that rewrite a fact already in `deck` (same id, with
/// different wording) and new ones. A rewritten fact takes the package's cue, answer, cloze
/// statements, explanation, topic and tags, and keeps what the learner added in recall
/// (`kind`, `accept`, `source`, `question`, `skip`, and `reverse` unless it was the answer). Unchanged facts are left out,
/// so re-importing an unchanged package leaves the deck file byte for byte as it was.
fn merge(deck: &Deck, facts: &[Fact]) -> (Vec<Fact>, Vec<Fact>) {
    let known: HashMap<&str, &Fact> = deck.facts.iter().map(|f| (f.id.as_str(), f)).collect();
    let (mut replaced, mut appended) = (Vec::new(), Vec::new());
    for fact in facts {
        match known.get(fact.id.as_str()) {
            Some(old) => {
                let new = Fact {
                    kind: old.kind,
                    accept: old.accept.clone(),
                    source: old.source.clone(),
                    question: old.question.clone(),
                    // Wording the import wrote (the answer) follows the package; the learner's
                    // own wording stays.
                    reverse: if old.reverse.as_ref() == Some(&old.answer) {
                        fact.reverse.clone()
                    } else {
                        old.reverse.clone()
                    },
                    skip: old.skip.clone(),
                    ..fact.clone()
                };
                if &new != *old {
                    replaced.push(new);
                }
            }
            None => appended.push(fact.clone()),
        }
    }
    (replaced, appended)
}

/// The new deck's title: the package's one top-level deck (`Polity` of `Polity::Parliament`),
/// or the file name when the notes come from several.
fn deck_title(col: &crate::anki::Collection, file: &Path) -> String {
    let mut tops: Vec<&str> = col
        .cards
        .iter()
        .filter_map(|c| col.decks.get(&c.deck))
        .map(|n| n.split("::").next().unwrap_or(n).trim())
        .filter(|n| !n.is_empty())
        .collect();
    tops.sort_unstable();
    tops.dedup();
    match tops.as_slice() {
        [one] if *one != "Default" => (*one).to_owned(),
        _ => import::title_from(file),
    }
}

/// Shows each note type's fields and which became the cue and the answer, so the learner can
/// pick others with `--cue-field` / `--answer-field`.
fn report_notetypes(converted: &Converted, choice: &FieldChoice) -> anyhow::Result<()> {
    let mut out = crate::out::stdout();
    for nt in &converted.notetypes {
        let fields = nt.fields.join(", ");
        match (nt.kind, &nt.answer) {
            (NoteKind::Cloze, _) => writeln!(
                out,
                "Note type \"{}\" ({}): cloze text from {}; fields: {fields}",
                nt.name,
                plural(nt.notes, "note"),
                nt.cue
            )?,
            (NoteKind::Standard, answer) => writeln!(
                out,
                "Note type \"{}\" ({}): cue {}, answer {}; fields: {fields}",
                nt.name,
                plural(nt.notes, "note"),
                nt.cue,
                answer.as_deref().unwrap_or("(none)")
            )?,
        }
        for (flag, wanted) in [("--cue-field", &choice.cue), ("--answer-field", &choice.answer)] {
            if let Some(w) = wanted
                && !nt.fields.iter().any(|f| f.eq_ignore_ascii_case(w.trim()))
            {
                writeln!(
                    out,
                    "  (note type \"{}\" has no field `{w}` for {flag}; its default field was used)",
                    nt.name
                )?;
            }
        }
    }
    Ok(())
}

/// What the history part of an import did.
struct History {
    counts: ImportCounts,
    due_kept: usize,
    suspended: usize,
    new_cards: usize,
    without_history: usize,
}

/// Stores the review history of `cards`, then their Anki due dates and suspensions.
fn import_history(ctx: &Context, cards: &[ImportedCard]) -> anyhow::Result<History> {
    let ws = ctx.open_workspace(Access::Import)?;
    let scheduler = ws.scheduler()?;
    let Workspace { mut store, day, .. } = ws;
    let total: usize = cards.iter().map(|c| c.keys.len() * c.reviews.len()).sum();
    let mut reviews = Vec::with_capacity(total);
    for card in cards {
        for key in &card.keys {
            for r in &card.reviews {
                reviews.push(ImportedReview {
                    card: key.clone(),
                    time: r.time,
                    grade: r.grade,
                    duration_ms: r.duration_ms,
                    origin: format!("anki:{}:{key}", r.revlog_id),
                });
            }
        }
    }
    let counts = store.import_reviews(&reviews, &scheduler, &day)?;
    let states = store.card_states()?;
    let mut h = History { counts, due_kept: 0, suspended: 0, new_cards: 0, without_history: 0 };
    let (mut due, mut suspended) = (Vec::new(), Vec::new());
    for card in cards {
        let last_anki = card.reviews.last().map(|r| r.time);
        for key in &card.keys {
            if card.suspended {
                suspended.push(key.clone());
            }
            if card.phase == crate::schedule::Phase::New {
                h.new_cards += 1;
                continue;
            }
            let Some(last) = last_anki else {
                h.without_history += 1;
                continue;
            };
            // Anki's date stands until the card is answered in recall after its last Anki
            // answer (stored times are whole seconds, Anki's milliseconds).
            if let (Some(when), Some(state)) = (card.due, states.get(key))
                && state.last_review.is_some_and(|t| t.as_second() <= last.as_second())
            {
                due.push((key.clone(), when));
            }
        }
    }
    h.suspended = suspended.len();
    h.due_kept = store.set_schedules(&due, &suspended)?;
    Ok(h)
}
