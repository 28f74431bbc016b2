//! Paper assembly speed: what `recall exam` does between loading the decks and showing the
//! first question (distractor pool, candidates, weighted draw, four-option questions).
//!
//! Run (release):
//! ```text
//! cargo run --release --example gen_decks -- /tmp/exam-bench 100000 50
//! cargo bench --bench exam -- /tmp/exam-bench
//! ```
//! Goal: a 100-question paper from 100,000 facts in well under a second.

// A benchmark program: panics on setup failure are fine.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Instant;

use rand::SeedableRng;
use recall::deck::{Deck, Fact};
use recall::paper::{self, Candidate};
use recall::quiz::Pool;

fn main() {
    let dir = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with('-'))
        .expect("pass the folder written by `cargo run --release --example gen_decks`");
    let t = Instant::now();
    let loaded = recall::deck::load_paths(&[dir.into()]);
    let library = loaded.library;
    println!("load {} facts: {:?}", library.fact_count(), t.elapsed());

    let t = Instant::now();
    let pool = Pool::new(&library);
    println!("distractor pool: {:?}", t.elapsed());

    let t = Instant::now();
    let facts: Vec<(&Deck, &Fact)> = library.facts().collect();
    // Recall varies from fact to fact, as for a learner part-way through the syllabus.
    let candidates: Vec<Candidate> = facts
        .iter()
        .enumerate()
        .map(|(i, (_, f))| Candidate {
            topic: f.topic.clone(),
            recall: (i % 3 != 0).then(|| (i % 97) as f64 / 97.0),
        })
        .collect();
    println!("candidates: {:?}", t.elapsed());

    for n in [25usize, 100, 300] {
        let t = Instant::now();
        let mut rng = rand::rngs::StdRng::seed_from_u64(n as u64);
        let paper = paper::assemble(&candidates, n, &mut rng, |i| {
            let (deck, fact) = facts[i];
            paper::question_for(&pool, deck, fact, 7)
        })
        .unwrap();
        assert_eq!(paper.len(), n);
        println!("assemble a {n}-question paper: {:?}", t.elapsed());
    }
}
