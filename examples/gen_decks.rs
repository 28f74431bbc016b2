//! Generates a large, realistic library of deck files for benchmarking `recall check`.
//!
//! ```text
//! cargo run --release --example gen_decks -- OUT_DIR FACTS FILES [SEED]
//! ```
//!
//! Writes FILES decks (`OUT_DIR/deck-NNN.ron`) holding FACTS facts in all, with every kind,
//! topics, tags, explanations, sources, cloze statements with `{…}` blanks, accepted answers,
//! some `Some(…)` optionals, comments and escapes, about 450 bytes a fact like the hand-written
//! deck. The same seed gives the same files. The decks check clean (no errors, no warnings),
//! so the benchmark measures loading rather than printing.

use std::fmt::Write as _;
use std::path::PathBuf;

use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use rand::{RngExt, SeedableRng};

const KINDS: [&str; 10] = [
    "Acronym",
    "Term",
    "Person",
    "Place",
    "Date",
    "Number",
    "Group",
    "Agreement",
    "Organization",
    "Statement",
];

/// Words for cues; answers use a separate list so no answer gives itself away in its cue.
const CUE_WORDS: [&str; 40] = [
    "maritime",
    "security",
    "cooperation",
    "treaty",
    "council",
    "ministerial",
    "defence",
    "strategic",
    "partnership",
    "framework",
    "nuclear",
    "export",
    "control",
    "regime",
    "dialogue",
    "summit",
    "regional",
    "bilateral",
    "economic",
    "corridor",
    "energy",
    "trade",
    "technology",
    "initiative",
    "naval",
    "command",
    "resolution",
    "sanctions",
    "supply",
    "logistics",
    "agreement",
    "memorandum",
    "intent",
    "innovation",
    "industrial",
    "annex",
    "communications",
    "compatibility",
    "authorization",
    "exchange",
];
const ANSWER_WORDS: [&str; 40] = [
    "Aurora", "Basalt", "Cedar", "Delta", "Ember", "Falcon", "Granite", "Harbor", "Indigo",
    "Juniper", "Kestrel", "Lotus", "Meridian", "Nimbus", "Onyx", "Pioneer", "Quartz", "Raven",
    "Sierra", "Tundra", "Umber", "Vertex", "Willow", "Xenon", "Yarrow", "Zephyr", "Atlas",
    "Beacon", "Cobalt", "Dune", "Echo", "Fjord", "Gale", "Helix", "Iris", "Jade", "Krypton",
    "Lumen", "Monsoon", "Nova",
];
const TOPICS: [&str; 8] = [
    "defence agreements",
    "export control regimes",
    "counter-terrorism",
    "nuclear energy",
    "regional security",
    "trade",
    "diplomacy",
    "history",
];
const TAGS: [&str; 10] =
    ["defence", "india-us", "japan", "nuclear", "un", "trade", "navy", "treaty", "2018", "asia"];

/// Between `count.start` and `count.end - 1` words drawn from `list`.
fn words(
    rng: &mut StdRng,
    list: &[&'static str],
    count: std::ops::Range<usize>,
) -> Vec<&'static str> {
    let n = rng.random_range(count);
    (0..n).filter_map(|_| list.choose(rng).copied()).collect()
}

fn sentence(rng: &mut StdRng, n: usize) -> String {
    let mut s = words(rng, &CUE_WORDS, n..n + 1).join(" ");
    if let Some(first) = s.get(..1) {
        s = first.to_uppercase() + &s[1..];
    }
    s
}

fn fact(rng: &mut StdRng, out: &mut String, index: usize) {
    let kind = KINDS[rng.random_range(0..KINDS.len())];
    let answer = match kind {
        "Date" => format!(
            "{} {}",
            ["March", "June", "September"][rng.random_range(0..3)],
            rng.random_range(1950..2030)
        ),
        "Number" => rng.random_range(2..500).to_string(),
        _ => words(rng, &ANSWER_WORDS, 1..5).join(" "),
    };
    let cue = match kind {
        "Acronym" => (0..rng.random_range(3..7))
            .map(|_| char::from(b'A' + rng.random_range(0..26u8)))
            .collect(),
        _ => {
            let n = rng.random_range(2..7);
            sentence(rng, n)
        }
    };
    let _ = writeln!(out, "        Fact(");
    let _ = writeln!(out, "            id: \"fact-{index}\",");
    let _ = writeln!(out, "            kind: {kind},");
    let _ = writeln!(out, "            cue: \"{cue}\",");
    let _ = writeln!(out, "            answer: \"{answer}\",");
    if rng.random_bool(0.2) && kind != "Number" && kind != "Date" {
        let _ = writeln!(out, "            accept: [\"{answer} (the)\"],");
    }
    let topic = TOPICS[rng.random_range(0..TOPICS.len())];
    if rng.random_bool(0.5) {
        let _ = writeln!(out, "            topic: \"{topic}\",");
    } else {
        let _ = writeln!(out, "            topic: Some(\"{topic}\"),");
    }
    let tags: Vec<String> = words(rng, &TAGS, 1..4).iter().map(|t| format!("\"{t}\"")).collect();
    let _ = writeln!(out, "            tags: [{}],", tags.join(", "));
    let _ = writeln!(
        out,
        "            explain: \"{} \\u{{2013}} {}; see \\\"{}\\\".\",",
        sentence(rng, 10),
        sentence(rng, 8).to_lowercase(),
        sentence(rng, 2)
    );
    let _ = writeln!(
        out,
        "            source: \"{} report, p. {}\",",
        sentence(rng, 2),
        rng.random_range(1..300)
    );
    if rng.random_bool(0.4) {
        let _ = writeln!(
            out,
            "            cloze: [\"{} was {{{answer}}} in the end.\"],",
            sentence(rng, 6)
        );
    }
    if rng.random_bool(0.1) {
        let _ = writeln!(out, "            skip: [TrueFalse],");
    }
    let _ = writeln!(out, "        ),");
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = "usage: gen_decks OUT_DIR FACTS FILES [SEED]";
    let (Some(dir), Some(facts), Some(files)) = (args.first(), args.get(1), args.get(2)) else {
        return Err(usage.into());
    };
    let dir = PathBuf::from(dir);
    let facts: usize = facts.parse().map_err(|_| usage)?;
    let files: usize = files.parse().map_err(|_| usage)?;
    let seed: u64 = args.get(3).map_or(Ok(2018), |s| s.parse()).map_err(|_| usage)?;
    if files == 0 {
        return Err(usage.into());
    }
    std::fs::create_dir_all(&dir)?;
    let mut rng = StdRng::seed_from_u64(seed);
    let mut bytes = 0;
    for f in 0..files {
        let n = facts / files + usize::from(f < facts % files);
        let mut out = String::with_capacity(n * 500);
        let _ = writeln!(out, "// Generated by `cargo run --example gen_decks` (seed {seed}).");
        let _ = writeln!(out, "Deck(\n    id: \"generated-{f:03}\",");
        let _ = writeln!(out, "    title: \"Generated deck {f}: {}\",", sentence(&mut rng, 3));
        let _ = writeln!(out, "    about: \"{}\",", sentence(&mut rng, 8));
        let _ = writeln!(out, "    exam: \"2027-05-23\",\n    facts: [");
        for i in 0..n {
            fact(&mut rng, &mut out, i);
        }
        out.push_str("    ],\n)\n");
        bytes += out.len();
        std::fs::write(dir.join(format!("deck-{f:03}.ron")), out)?;
    }
    eprintln!(
        "wrote {facts} facts in {files} files ({:.1} MB) to {}",
        bytes as f64 / 1e6,
        dir.display()
    );
    Ok(())
}
