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
use crate::quiz::composite::{Composite, Format, Index, Style};
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

/// One composite question in `--json` output: `statements` or `pairs` (see
/// `docs/questions.md`).
#[derive(Serialize)]
struct CompositeItem<'a> {
    deck: &'a str,
    topic: Option<&'a str>,
    kind: &'static str,
    /// `coded` ("1 and 3 only") or `count` ("Only two").
    style: Style,
    prompt: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    statements: Option<Vec<StatementItem<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pairs: Option<Vec<PairItem<'a>>>,
    options: &'a [String],
    correct: usize,
    answer: &'a str,
}

#[derive(Serialize)]
struct StatementItem<'a> {
    text: &'a str,
    #[serde(rename = "true")]
    truth: bool,
    fact: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    correction: Option<&'a str>,
}

#[derive(Serialize)]
struct PairItem<'a> {
    left: &'a str,
    right: &'a str,
    #[serde(rename = "true")]
    truth: bool,
    fact: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    correction: Option<&'a str>,
}

impl<'a> CompositeItem<'a> {
    fn of(c: &'a Composite) -> CompositeItem<'a> {
        let pairs = c.format == Format::Pairs;
        CompositeItem {
            deck: c.deck.as_str(),
            topic: c.topic.as_deref(),
            kind: c.format.slug(),
            style: c.style,
            prompt: &c.prompt,
            statements: (!pairs).then(|| {
                c.parts
                    .iter()
                    .map(|p| StatementItem {
                        text: &p.text,
                        truth: p.truth,
                        fact: &p.fact,
                        correction: p.correction.as_deref(),
                    })
                    .collect()
            }),
            pairs: pairs.then(|| {
                c.parts
                    .iter()
                    .map(|p| PairItem {
                        left: p.left.as_deref().unwrap_or(""),
                        right: p.right.as_deref().unwrap_or(""),
                        truth: p.truth,
                        fact: &p.fact,
                        correction: p.correction.as_deref(),
                    })
                    .collect()
            }),
            options: &c.options,
            correct: c.correct,
            answer: c.answer(),
        }
    }
}

/// One element of the `--json` array.
#[derive(Serialize)]
#[serde(untagged)]
enum Line<'a> {
    Question(Item<'a>),
    Composite(CompositeItem<'a>),
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
    // Statement sets and pairs when no one kind is asked for; with --fact, those it is in.
    let composites: Vec<Composite> = if args.kind.is_none() {
        let wanted = |d: &Deck, f: &Fact| matches_fact(args.fact.as_deref(), d, f);
        Index::new(library)
            .samples(args.seed, &|_, _| true)
            .into_iter()
            .filter(|c| {
                args.fact.is_none()
                    || c.parts.iter().any(|p| {
                        library.fact(&p.card.deck, &p.card.fact).is_some_and(|f| {
                            library.deck(&p.card.deck).is_some_and(|d| wanted(d, f))
                        })
                    })
            })
            .collect()
    } else {
        Vec::new()
    };

    let mut out = crate::out::stdout();
    if args.json {
        let items: Vec<Line<'_>> = generated
            .iter()
            .map(|(deck, fact, requested, q, ty)| {
                Line::Question(Item {
                    deck: deck.id.as_str(),
                    fact: fact.id.as_str(),
                    direction: q.card.direction,
                    requested: requested.slug(),
                    answer_type: *ty,
                    question: q,
                })
            })
            .chain(composites.iter().map(|c| Line::Composite(CompositeItem::of(c))))
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
    for c in &composites {
        preview::write_composite(&mut out, c)?;
    }
    let facts: std::collections::BTreeSet<_> =
        generated.iter().map(|(d, f, _, _, _)| (d.id.as_str(), f.id.as_str())).collect();
    writeln!(
        out,
        "{} from {}; {fallbacks} fell back to another kind",
        plural(generated.len(), "question"),
        plural(facts.len(), "fact"),
    )?;
    if !composites.is_empty() {
        writeln!(out, "{} in the exam's format", plural(composites.len(), "question"))?;
    }
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
