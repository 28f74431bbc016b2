//! `recall preview`: every question the decks generate, as a deck author wants to check them:
//! the question, the options with the right one marked, the accepted answers, and where a kind
//! fell back because no good set of options could be formed.

use std::io::Write;
use std::process::ExitCode;

use serde::Serialize;

use crate::cli::{PreviewArgs, UsageError};
use crate::context::Context;
use crate::deck::{Deck, Fact};
use crate::ids::Direction;
use crate::preview;
use crate::quiz::{self, AnswerType, Pool, Question, QuizOptions};

/// One line of `--json` output.
#[derive(Serialize)]
struct Item<'a> {
    deck: &'a str,
    fact: &'a str,
    #[serde(serialize_with = "as_display")]
    direction: Direction,
    /// The kind asked for; `kind` is the kind generated (they differ on a fallback).
    requested: &'static str,
    /// What the options share (see `decks/README.md`): `article`, `country`, `description`.
    #[serde(serialize_with = "as_display")]
    answer_type: AnswerType,
    #[serde(flatten)]
    question: &'a Question,
}

fn as_display<T: std::fmt::Display, S: serde::Serializer>(v: &T, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(v)
}

pub fn run(ctx: &Context, args: &PreviewArgs) -> anyhow::Result<ExitCode> {
    let library = &crate::check::load_decks(ctx, &args.decks)?;
    let facts: Vec<(&Deck, &Fact)> =
        library.facts().filter(|(d, f)| matches_fact(args.fact.as_deref(), d, f)).collect();
    if let Some(id) = &args.fact
        && facts.is_empty()
    {
        return Err(UsageError(format!("no fact `{id}` in the decks")).into());
    }
    let pool = Pool::new(library);
    let options = QuizOptions { choices: usize::from(args.choices), round: args.seed };
    let mut generated = Vec::new();
    for (deck, fact) in facts {
        for (requested, q) in quiz::questions(&pool, deck, fact, &options, args.seed) {
            // Filter on the kind asked for, so that fallbacks show up where the author asked.
            if args.kind.is_none_or(|k| k == requested) {
                let ty = quiz::card_type(&pool, deck, fact, q.card.direction);
                generated.push((deck, fact, requested, q, ty));
            }
        }
    }

    let mut out = crate::out::stdout();
    if args.json {
        let items: Vec<Item<'_>> = generated
            .iter()
            .map(|(deck, fact, requested, q, ty)| Item {
                deck: deck.id.as_str(),
                fact: fact.id.as_str(),
                direction: q.card.direction,
                requested: requested.slug(),
                answer_type: *ty,
                question: q,
            })
            .collect();
        serde_json::to_writer_pretty(&mut out, &items)?;
        writeln!(out)?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut fallbacks = 0;
    for (_, _, requested, q, ty) in &generated {
        if *requested != q.kind {
            fallbacks += 1;
        }
        preview::write_question(&mut out, *requested, q, *ty)?;
    }
    let facts: std::collections::BTreeSet<_> =
        generated.iter().map(|(d, f, _, _, _)| (d.id.as_str(), f.id.as_str())).collect();
    writeln!(
        out,
        "{} from {}; {fallbacks} fell back to another kind",
        plural(generated.len(), "question"),
        plural(facts.len(), "fact"),
    )?;
    Ok(ExitCode::SUCCESS)
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 { format!("1 {word}") } else { format!("{n} {word}s") }
}

/// `--fact` matches a fact id in any deck, or `deck-id/fact-id`.
fn matches_fact(wanted: Option<&str>, deck: &Deck, fact: &Fact) -> bool {
    match wanted {
        None => true,
        Some(w) => match w.split_once('/') {
            Some((d, f)) => deck.id.as_str() == d && fact.id.as_str() == f,
            None => fact.id.as_str() == w,
        },
    }
}
