//! Statement sets and matched pairs in a study session: which of today's due reviews are asked
//! together as one exam-style question ([`choose`]).
//!
//! Why only well-learnt facts: a statement set asks the learner to judge three or four claims
//! at once, some made false by a swap of the same type. That is harder than a direct question
//! and teaches nothing about a fact not yet learnt, so a set is made only of review cards whose
//! memory is already steady: [`WELL_LEARNT_DAYS`] of FSRS stability or more (Anki calls a card
//! with a three-week interval "mature"; stability is the interval at which recall falls to
//! 90 %). New, learning and relearning cards, and young reviews, are always asked directly.
//!
//! Why only facts due today: a set's answer gives each fact it judges a review that moves its
//! schedule. A fact not due would be reviewed early, spending an answer the scheduler did not
//! ask for and shortening its next interval; the issue allows filling a set with such facts
//! only if that can be justified, and it cannot here. So a set takes the place of the due
//! reviews of its own facts, and of nothing else.
//!
//! How many: at most one set per [`REVIEWS_PER_SET`] due reviews in the queue, so most of a
//! session stays direct questions and a short session (fewer than five reviews) has none.
//! The formats take turns (coded statements, pairs, "how many" statements), each drawn from one
//! deck and topic by [`Index`], from a generator seeded with the session's seed.

use std::collections::HashSet;

use rand::SeedableRng;

use crate::deck::{Deck, Fact};
use crate::ids::{CardKey, Direction};
use crate::quiz::QuestionRng;
use crate::quiz::composite::{Composite, Format, Index, Style};
use crate::schedule::{CardState, CardStates, Phase, QueueEntry};

/// A review card with at least this much stability (days) is well learnt.
pub const WELL_LEARNT_DAYS: f32 = 21.0;

/// At most one set per this many due reviews in the queue.
pub const REVIEWS_PER_SET: usize = 5;

/// A statement set or pairs question for the session, with the queue entries of its facts in
/// the order of its parts: those the answer does not judge are asked again one by one.
#[derive(Clone, Debug)]
pub struct SetQuestion<'f> {
    pub composite: Composite,
    pub entries: Vec<QueueEntry<'f>>,
}

impl SetQuestion<'_> {
    /// The cards of its parts, in order.
    pub fn cards(&self) -> impl Iterator<Item = &CardKey> {
        self.composite.parts.iter().map(|p| &p.card)
    }
}

/// Whether a card in `state` is well learnt enough to be one statement of a set.
pub fn well_learnt(state: &CardState) -> bool {
    state.phase == Phase::Review && state.stability().is_some_and(|s| s >= WELL_LEARNT_DAYS)
}

/// The sets to ask in a session whose queue is `queue`: made only of forward cards of the
/// queue that are due reviews and well learnt (see the module documentation), each fact in at
/// most one set, at most one set per [`REVIEWS_PER_SET`] due reviews. Deterministic for a
/// `seed`. Authored questions are never part of a set (the index leaves them out).
pub fn choose<'f>(
    queue: &[QueueEntry<'f>],
    states: &CardStates,
    index: &Index<'_>,
    seed: u64,
) -> Vec<SetQuestion<'f>> {
    let reviews = queue.iter().filter(|e| !e.is_new).count();
    let most = reviews / REVIEWS_PER_SET;
    let eligible: Vec<&QueueEntry<'f>> = queue
        .iter()
        .filter(|e| {
            !e.is_new
                && e.key.direction == Direction::Forward
                && states.get(&e.key).is_some_and(well_learnt)
        })
        .collect();
    if most == 0 || eligible.len() < 2 {
        return Vec::new();
    }
    let mut rng = QuestionRng::seed_from_u64(seed);
    let kinds = [
        (Format::Statements, Style::Coded),
        (Format::Pairs, Style::Count),
        (Format::Statements, Style::Count),
    ];
    let mut used: HashSet<&CardKey> = HashSet::new();
    let mut sets = Vec::new();
    let mut turn = 0;
    while sets.len() < most {
        let free: HashSet<(&str, &str)> = eligible
            .iter()
            .filter(|e| !used.contains(&e.key))
            .map(|e| (e.key.deck.as_str(), e.key.fact.as_str()))
            .collect();
        let usable =
            |deck: &Deck, fact: &Fact| free.contains(&(deck.id.as_str(), fact.id.as_str()));
        // The next format in turn that can be made; none: no more sets today.
        let made = (0..kinds.len()).find_map(|k| {
            let (format, style) = kinds[(turn + k) % kinds.len()];
            let c = match format {
                Format::Pairs => index.pairs(&usable, &mut rng),
                _ => index.statements(style, &usable, &mut rng),
            }?;
            Some((k, c))
        });
        let Some((k, composite)) = made else { break };
        turn += k + 1;
        let entries: Vec<QueueEntry<'f>> = composite
            .parts
            .iter()
            .filter_map(|p| eligible.iter().find(|e| e.key == p.card).map(|e| (*e).clone()))
            .collect();
        if entries.len() != composite.parts.len() {
            // Every part comes from a usable (queued) fact, so this does not happen; a set
            // that could drop a fact from the queue is never asked.
            break;
        }
        for e in &entries {
            if let Some(q) = eligible.iter().find(|q| q.key == e.key) {
                used.insert(&q.key);
            }
        }
        sets.push(SetQuestion { composite, entries });
    }
    sets
}
