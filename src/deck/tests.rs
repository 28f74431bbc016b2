//! Property tests across the loader: it never panics, whatever the bytes, and for valid decks
//! it agrees exactly with `ron::from_str` (our format is real RON).

use std::fmt::Write;
use std::path::Path;

use proptest::prelude::*;

use super::model::{Deck, Fact, FactKind, QuestionKind};
use super::{Loaded, load_bytes, load_source};
use crate::ids::{DeckId, FactId};

const SAMPLE: &str = include_str!("../../tests/fixtures/check/valid/sample.ron");

fn load_one(text: &str) -> Loaded {
    let mut loaded = Loaded::default();
    load_source(Path::new("t.ron"), text, &mut loaded);
    loaded
}

#[test]
fn the_sample_fixture_agrees_with_ron() {
    let loaded = load_one(SAMPLE);
    assert!(loaded.diagnostics.is_empty(), "{}", loaded.render(false));
    let ours = &loaded.library.decks[0].deck;
    let theirs: Deck = ron::from_str(SAMPLE).unwrap();
    assert_eq!(ours, &theirs);
    // And what serde writes, we read back.
    let written = ron::ser::to_string_pretty(ours, ron::ser::PrettyConfig::default()).unwrap();
    assert_eq!(&load_one(&written).library.decks[0].deck, ours);
}

/// Writes a deck as RON, with the formatting choices `style` picks: bare or `Some(…)`
/// optionals, named or unnamed structs, escapes, raw strings, comments, trailing commas.
#[test]
fn a_number_is_listed_as_its_question() {
    // Dogfooding: the session's weakest facts, history and stats listed a Number by its bare
    // cue, "countries besides India does Japan hold 2+2 interactions with … → 4".
    let n = Fact::new(
        FactId::new("caatsa-count").unwrap(),
        FactKind::Number,
        "countries  CAATSA imposed sanctions on",
        "3",
    );
    assert_eq!(n.gist(), "How many countries CAATSA imposed sanctions on?");
    let t = Fact::new(FactId::new("quad").unwrap(), FactKind::Term, "the Quad", "a grouping");
    assert_eq!(t.gist(), "the Quad");
}

fn write_deck(deck: &Deck, style: &[bool]) -> String {
    let mut pick = style.iter().cycle().copied();
    let mut s = String::new();
    if pick.next().unwrap_or(false) {
        s.push_str("#![enable(implicit_some)]\n");
    }
    s.push_str(if pick.next().unwrap_or(true) { "Deck(\n" } else { "(\n" });
    let _ = writeln!(s, "  id: {},", string(deck.id.as_str(), &mut pick));
    let _ = writeln!(s, "  title: {}, // the title", string(&deck.title, &mut pick));
    opt(&mut s, "about", deck.about.as_deref(), &mut pick);
    opt(&mut s, "source", deck.source.as_deref(), &mut pick);
    opt(&mut s, "exam", deck.exam.map(|d| d.to_string()).as_deref(), &mut pick);
    s.push_str("  facts: [\n");
    for f in &deck.facts {
        s.push_str(if pick.next().unwrap_or(true) { "    Fact(" } else { "    /* unnamed */ (" });
        let _ = write!(s, "id: {}, kind: {}, ", string(f.id.as_str(), &mut pick), f.kind.name());
        let _ = write!(
            s,
            "cue: {},\n answer: {}, ",
            string(&f.cue, &mut pick),
            string(&f.answer, &mut pick)
        );
        list(&mut s, "accept", &f.accept, &mut pick);
        opt(&mut s, "topic", f.topic.as_deref(), &mut pick);
        list(&mut s, "tags", &f.tags, &mut pick);
        opt(&mut s, "explain", f.explain.as_deref(), &mut pick);
        opt(&mut s, "source", f.source.as_deref(), &mut pick);
        list(&mut s, "cloze", &f.cloze, &mut pick);
        opt(&mut s, "question", f.question.as_deref(), &mut pick);
        opt(&mut s, "reverse", f.reverse.as_deref(), &mut pick);
        if !f.skip.is_empty() {
            let names: Vec<_> = f.skip.iter().map(|k| k.name()).collect();
            let _ = write!(s, "skip: [{}], ", names.join(", "));
        }
        s.push_str(if pick.next().unwrap_or(true) { "),\n" } else { ")\n," });
    }
    s.push_str("  ],\n)\n");
    s
}

fn opt(s: &mut String, name: &str, v: Option<&str>, pick: &mut impl Iterator<Item = bool>) {
    match v {
        Some(v) if pick.next().unwrap_or(true) => {
            let _ = write!(s, "{name}: {}, ", string(v, pick));
        }
        Some(v) => {
            let _ = write!(s, "{name}: Some({}), ", string(v, pick));
        }
        None if pick.next().unwrap_or(false) => {
            let _ = write!(s, "{name}: None, ");
        }
        None => {}
    }
}

fn list(s: &mut String, name: &str, items: &[String], pick: &mut impl Iterator<Item = bool>) {
    if items.is_empty() && pick.next().unwrap_or(true) {
        return;
    }
    let items: Vec<_> = items.iter().map(|i| string(i, pick)).collect();
    let _ = write!(s, "{name}: [{}], ", items.join(", "));
}

fn string(v: &str, pick: &mut impl Iterator<Item = bool>) -> String {
    if pick.next().unwrap_or(false) && !v.contains("\"#") {
        return format!("r#\"{v}\"#");
    }
    let unicode = pick.next().unwrap_or(false);
    let mut out = String::from("\"");
    for c in v.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if unicode && !c.is_ascii() => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn slug() -> impl Strategy<Value = String> {
    "[a-z0-9][a-z0-9._-]{0,12}"
}

fn text() -> impl Strategy<Value = String> {
    // Non-blank text with quotes, backslashes, braces, non-ASCII and control characters.
    "[a-zA-Z0-9 \"\\\\{}#/*é–\u{1F600}\n\t]{0,20}".prop_map(|s| format!("x{s}"))
}

fn fact() -> impl Strategy<Value = Fact> {
    (
        (slug(), 0..FactKind::ALL.len(), text(), text(), prop::collection::vec(text(), 0..3)),
        (
            prop::option::of(text()),
            prop::collection::vec(text(), 0..3),
            prop::option::of(text()),
            prop::option::of(text()),
            prop::collection::vec(text(), 0..2),
        ),
        (
            prop::option::of(text()),
            prop::option::of(text()),
            prop::collection::vec(0..6usize, 0..3),
        ),
    )
        .prop_map(
            |(
                (id, kind, cue, answer, accept),
                (topic, tags, explain, source, cloze),
                (question, reverse, skip),
            )| Fact {
                id: FactId::new(id).unwrap(),
                kind: FactKind::ALL[kind],
                cue,
                answer,
                accept,
                topic,
                tags,
                explain,
                source,
                cloze,
                question,
                reverse,
                skip: skip.into_iter().map(|i| QuestionKind::ALL[i]).collect(),
                authored: None,
            },
        )
}

fn deck() -> impl Strategy<Value = Deck> {
    (
        slug(),
        text(),
        prop::option::of(text()),
        prop::option::of(text()),
        prop::option::of((2000i16..2100, 1i8..=12, 1i8..=28)),
        prop::collection::vec(fact(), 0..6),
    )
        .prop_map(|(id, title, about, source, exam, facts)| {
            let mut facts = facts;
            // Fact ids must be unique within a deck.
            for (i, f) in facts.iter_mut().enumerate() {
                f.id = FactId::new(format!("{}-{i}", f.id)).unwrap();
            }
            Deck {
                id: DeckId::new(id).unwrap(),
                title,
                about,
                source,
                exam: exam.map(|(y, m, d)| jiff::civil::date(y, m, d)),
                facts,
            }
        })
}

proptest! {
    // 256 cases each by default; `PROPTEST_CASES=10000` for a longer hunt.
    #[test]
    fn valid_decks_read_the_same_as_ron(deck in deck(), style in prop::collection::vec(any::<bool>(), 1..40)) {
        let text = write_deck(&deck, &style);
        let loaded = load_one(&text);
        prop_assert!(!loaded.has_errors(), "{}\n{}", text, loaded.render(false));
        let ours = &loaded.library.decks[0].deck;
        prop_assert_eq!(ours, &deck);
        let theirs: Deck = ron::from_str(&text).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert_eq!(ours, &theirs);
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let mut loaded = Loaded::default();
        load_bytes(Path::new("t.ron"), &bytes, &mut loaded);
        let _ = loaded.render(false);
        let _ = loaded.render(true);
        prop_assert!(serde_json::to_string(&loaded.diagnostics).is_ok());
    }

    #[test]
    fn mutated_decks_never_panic(edits in prop::collection::vec((any::<prop::sample::Index>(), 0..4u8, "[(){}\\[\\]:,\"'#!/*\\\\a-z0-9 \n\r\u{e9}]{0,3}"), 1..6)) {
        let mut text = SAMPLE.to_owned();
        for (at, op, insert) in edits {
            let mut i = at.index(text.len() + 1);
            while !text.is_char_boundary(i) {
                i -= 1;
            }
            match op {
                0 => text.insert_str(i, &insert),
                1 => {
                    let mut j = (i + insert.len() + 1).min(text.len());
                    while !text.is_char_boundary(j) {
                        j -= 1;
                    }
                    text.replace_range(i..j, "");
                }
                2 => {
                    let mut j = (i + 1).min(text.len());
                    while !text.is_char_boundary(j) {
                        j += 1;
                    }
                    text.replace_range(i..j, &insert);
                }
                _ => {
                    let mut j = (i + 40).min(text.len());
                    while !text.is_char_boundary(j) {
                        j -= 1;
                    }
                    let dup = text[i..j].to_owned();
                    text.insert_str(i, &dup);
                }
            }
        }
        let loaded = load_one(&text);
        let rendered = loaded.render(false);
        for d in &loaded.diagnostics {
            prop_assert!(d.line >= 1 && d.column >= 1, "{:?}", d);
            prop_assert!(rendered.contains(&format!(":{}:{}", d.line, d.column)), "{}", rendered);
        }
    }
}
