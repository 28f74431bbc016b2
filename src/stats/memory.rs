//! What the cards' memory states say: counts by state, what is due, predicted recall per fact,
//! mastery per topic and tag, the weakest facts and the outlook for an exam day.

use std::collections::BTreeMap;

use jiff::Timestamp;
use jiff::civil::Date;
use serde::Serialize;

use super::activity::FactTally;
use super::days::{LearnerDays, add_days, days_between};
use super::index::FactIndex;
use super::input::CardFact;
use crate::ids::{DeckId, FactId};
use crate::schedule::Phase;

/// Stability (days) from which a review card counts as mature, as in Anki (interval ≥ 21 d).
pub const MATURE_DAYS: f64 = 21.0;

/// Cards by state, and facts by whether they were ever studied.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct CardCounts {
    pub new: u32,
    pub learning: u32,
    /// Review cards with stability under [`MATURE_DAYS`].
    pub young: u32,
    /// Review cards with stability of [`MATURE_DAYS`] or more.
    pub mature: u32,
    /// Facts in the library.
    pub facts: u32,
    /// Facts none of whose cards was ever answered (or that have no card in the store yet).
    pub facts_never_seen: u32,
}

/// Is this card in one of the review states with a memory (not new)?
fn is_seen(card: &CardFact) -> bool {
    card.phase != Phase::New
}

fn is_mature(card: &CardFact) -> bool {
    card.phase == Phase::Review && card.stability.is_some_and(|s| s >= MATURE_DAYS)
}

/// Counts the library's cards by state. Learning and relearning cards are both "learning";
/// review cards split into young and mature by stability.
pub fn card_counts(index: &FactIndex, cards: &[CardFact]) -> CardCounts {
    let mut counts = CardCounts { facts: index.len() as u32, ..CardCounts::default() };
    let mut seen = vec![false; index.len()];
    for card in cards {
        let Some(f) = index.of(&card.card) else { continue };
        match card.phase {
            Phase::New => counts.new += 1,
            Phase::Learning | Phase::Relearning => counts.learning += 1,
            Phase::Review if is_mature(card) => counts.mature += 1,
            Phase::Review => counts.young += 1,
        }
        seen[f] |= is_seen(card);
    }
    counts.facts_never_seen = seen.iter().filter(|s| !**s).count() as u32;
    counts
}

/// A number of something on one learner day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct DayCount {
    pub date: Date,
    pub count: u32,
}

/// Reviews due on each of the `n` learner days from `today`: entry 0 is everything due before
/// tomorrow begins (overdue cards included, as that is what today's session will ask), entry
/// `i` what falls due on day `today + i`. New cards are not due; they come in by the
/// new-cards-a-day limit.
pub fn due_forecast(
    index: &FactIndex,
    cards: &[CardFact],
    days: &LearnerDays,
    today: Date,
    n: usize,
) -> Vec<DayCount> {
    // starts[k] begins day today + k + 1.
    let starts = days.starts(add_days(today, 1), n.saturating_sub(1));
    let mut due = vec![0u32; n];
    for card in cards {
        if card.phase == Phase::New || index.of(&card.card).is_none() {
            continue;
        }
        let Some(at) = card.due else { continue };
        let day = starts.partition_point(|s| *s <= at);
        if let Some(slot) = due.get_mut(day) {
            *slot += 1;
        }
    }
    due.into_iter()
        .enumerate()
        .map(|(i, count)| DayCount { date: add_days(today, i as i64), count })
        .collect()
}

/// The FSRS-6 probability of recalling `card` at `at`, from its stability and the time since
/// its last review (the fsrs crate's forgetting curve with this `decay`); `None` for a card
/// without a memory yet.
pub fn recall_at(card: &CardFact, at: Timestamp, decay: f32) -> Option<f64> {
    if !is_seen(card) {
        return None;
    }
    let stability = card.stability.filter(|s| *s > 0.0)?;
    let last = card.last_review?;
    let days = (at.duration_since(last).as_secs_f64() / 86_400.0).max(0.0);
    let state = fsrs::MemoryState {
        stability: stability as f32,
        // The forgetting curve does not use difficulty; any value will do when it is missing.
        difficulty: card.difficulty.unwrap_or(5.0) as f32,
    };
    Some(f64::from(fsrs::current_retrievability(state, days as f32, decay)))
}

/// What the store's cards say about one fact.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct FactMemory {
    /// The fact's cards in the store.
    pub cards: u32,
    /// Of those, cards answered at least once.
    pub seen: u32,
    pub mature: u32,
    /// Mean predicted recall now over the fact's cards, new cards counting 0; 0 with no card.
    pub recall: f64,
    /// The lowest predicted recall now among the seen cards; 0 with none.
    pub weakest_recall: f64,
    pub lapses: u32,
    /// Mean predicted recall at the exam (when one is asked for), counted like `recall`.
    pub exam_recall: f64,
}

impl FactMemory {
    /// Mature when the store holds cards for it and every one of them is mature.
    pub fn is_mature(&self) -> bool {
        self.cards > 0 && self.mature == self.cards
    }
}

/// Folds the cards into one [`FactMemory`] per library fact: predicted recall `now` (and at
/// `exam`, if given, assuming no review in between).
pub fn fact_memory(
    index: &FactIndex,
    cards: &[CardFact],
    now: Timestamp,
    exam: Option<Timestamp>,
    decay: f32,
) -> Vec<FactMemory> {
    let mut memory =
        vec![FactMemory { weakest_recall: f64::INFINITY, ..FactMemory::default() }; index.len()];
    for card in cards {
        let Some(f) = index.of(&card.card) else { continue };
        let m = &mut memory[f];
        m.cards += 1;
        m.lapses += card.lapses;
        if is_mature(card) {
            m.mature += 1;
        }
        if let Some(r) = recall_at(card, now, decay) {
            m.seen += 1;
            m.recall += r;
            m.weakest_recall = m.weakest_recall.min(r);
        }
        if let Some(r) = exam.and_then(|at| recall_at(card, at, decay)) {
            m.exam_recall += r;
        }
    }
    for m in &mut memory {
        if m.cards > 0 {
            m.recall /= f64::from(m.cards);
            m.exam_recall /= f64::from(m.cards);
        }
        if m.seen == 0 {
            m.weakest_recall = 0.0;
        }
    }
    memory
}

/// How well a group of facts (a topic or a tag) is known.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Mastery {
    pub name: String,
    pub facts: u32,
    /// Share of the facts whose cards are all mature.
    pub mature_share: f64,
    /// Mean over the facts of their predicted recall now; never-seen facts count 0.
    pub mean_recall: f64,
    /// Share of the group's answers that were right; `None` without answers.
    pub accuracy: Option<f64>,
    /// The group's answers.
    pub reviews: u32,
}

#[derive(Default)]
struct Group {
    facts: u32,
    mature: u32,
    recall: f64,
    right: u32,
    reviews: u32,
}

impl Group {
    fn add(&mut self, m: &FactMemory, t: &FactTally) {
        self.facts += 1;
        self.mature += u32::from(m.is_mature());
        self.recall += m.recall;
        self.right += t.right;
        self.reviews += t.total;
    }
}

/// The name facts without a topic are grouped under.
pub const NO_TOPIC: &str = "(no topic)";

/// Mastery per topic, weakest first (lowest mean recall, then lowest accuracy, then name).
pub fn topic_mastery(
    index: &FactIndex,
    memory: &[FactMemory],
    tally: &[FactTally],
) -> Vec<Mastery> {
    let mut groups: BTreeMap<&str, Group> = BTreeMap::new();
    for (i, (_, fact)) in index.iter().enumerate() {
        let name = fact.topic.as_deref().unwrap_or(NO_TOPIC);
        groups.entry(name).or_default().add(&memory[i], &tally[i]);
    }
    finish(groups)
}

/// Mastery per tag (a fact counts in each of its tags), weakest first.
pub fn tag_mastery(index: &FactIndex, memory: &[FactMemory], tally: &[FactTally]) -> Vec<Mastery> {
    let mut groups: BTreeMap<&str, Group> = BTreeMap::new();
    for (i, (_, fact)) in index.iter().enumerate() {
        for tag in &fact.tags {
            groups.entry(tag.as_str()).or_default().add(&memory[i], &tally[i]);
        }
    }
    finish(groups)
}

fn finish(groups: BTreeMap<&str, Group>) -> Vec<Mastery> {
    let mut out: Vec<Mastery> = groups
        .into_iter()
        .map(|(name, g)| Mastery {
            name: name.to_owned(),
            facts: g.facts,
            mature_share: ratio(g.mature, g.facts).unwrap_or(0.0),
            mean_recall: if g.facts == 0 { 0.0 } else { g.recall / f64::from(g.facts) },
            accuracy: ratio(g.right, g.reviews),
            reviews: g.reviews,
        })
        .collect();
    // BTreeMap order makes ties fall back to the name; a stable sort keeps it.
    out.sort_by(|a, b| {
        a.mean_recall
            .total_cmp(&b.mean_recall)
            .then_with(|| a.accuracy.unwrap_or(-1.0).total_cmp(&b.accuracy.unwrap_or(-1.0)))
    });
    out
}

/// `part / whole`, or `None` when `whole` is 0.
pub fn ratio(part: u32, whole: u32) -> Option<f64> {
    (whole > 0).then(|| f64::from(part) / f64::from(whole))
}

/// A fact the learner is weakest on.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct WeakFact {
    pub deck: DeckId,
    pub fact: FactId,
    pub cue: String,
    pub topic: Option<String>,
    /// The lowest predicted recall now among its cards.
    pub recall: f64,
    /// Times one of its learnt cards was forgotten (FSRS lapses: a review card answered Again).
    pub lapses: u32,
    /// Wrong answers to it, all time: study, cram and mock papers.
    pub misses: u32,
    /// When its latest answer was given, if that answer was wrong.
    pub missed_last: Option<jiff::Timestamp>,
}

/// What the answers say about one fact, for [`weakest_facts`]: its tally and its latest answer
/// (when, and whether right), from [`super::activity::ReviewTallies`].
pub struct Answered<'a> {
    pub tally: &'a [FactTally],
    pub last: &'a [Option<(jiff::Timestamp, bool)>],
}

/// The `n` weakest facts: first those whose latest answer was wrong, most recent first (a fact
/// missed ten minutes ago is what the learner is weakest on, though its predicted recall right
/// after the answer is high and its lapses may be 0: a new card missed is no lapse); then the
/// lowest predicted recall now; ties broken by most misses, then most lapses. Facts never
/// answered are not "weak", they are new: they are counted elsewhere.
pub fn weakest_facts(
    index: &FactIndex,
    memory: &[FactMemory],
    answered: &Answered<'_>,
    n: usize,
) -> Vec<WeakFact> {
    let misses = |i: usize| answered.tally.get(i).map_or(0, |t| t.total - t.right.min(t.total));
    let missed_last = |i: usize| match answered.last.get(i) {
        Some(Some((at, false))) => Some(*at),
        _ => None,
    };
    let mut weak: Vec<usize> =
        (0..memory.len()).filter(|&i| memory[i].seen > 0 || misses(i) > 0).collect();
    weak.sort_by(|&a, &b| {
        let (ma, mb) = (&memory[a], &memory[b]);
        // `Some` (missed last) before `None`, the later miss first.
        missed_last(b)
            .cmp(&missed_last(a))
            .then(ma.weakest_recall.total_cmp(&mb.weakest_recall))
            .then(misses(b).cmp(&misses(a)))
            .then(mb.lapses.cmp(&ma.lapses))
            .then(a.cmp(&b))
    });
    weak.into_iter()
        .take(n)
        .map(|i| {
            let (deck, fact) = index.fact(i);
            WeakFact {
                deck: deck.id.clone(),
                fact: fact.id.clone(),
                cue: fact.gist(),
                topic: fact.topic.clone(),
                recall: memory[i].weakest_recall,
                lapses: memory[i].lapses,
                misses: misses(i),
                missed_last: missed_last(i),
            }
        })
        .collect()
}

/// Where the learner stands for an exam.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ExamOutlook {
    pub date: Date,
    /// Learner days from today to the exam day; negative once it is past.
    pub days_left: i64,
    pub facts: u32,
    /// Facts with no answered card yet.
    pub facts_not_introduced: u32,
    /// Mean over all facts of the predicted recall at the start of the exam day if nothing
    /// more were studied; facts never seen count 0 (nothing learnt is nothing recalled).
    pub mean_recall_on_exam_day: f64,
    /// Today's exam pace of new facts, while the exam is ahead and the scheduler paces.
    pub pace: Option<ExamPace>,
    /// How sure the prediction is and whether the target is within reach, while the exam is
    /// ahead (computed by the scheduler, passed in).
    pub reach: Option<ExamReach>,
    /// The likely range (95 %) of `mean_recall_on_exam_day`, from how many reviews the model
    /// has been checked against ([`recall_interval`]); `None` without `reach`.
    pub recall_range: Option<(f64, f64)>,
}

/// Whether the exam target is within reach at the learner's pace
/// ([`crate::schedule::exam_date::reach`]), and what the prediction rests on.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct ExamReach {
    /// The recall wanted on the exam day (the `exam-target` setting).
    pub target: f64,
    /// Long-term reviews (a day or more after the card's previous one) of the learner's
    /// history: what the memory model's predictions can be checked against.
    pub reviews: u32,
    /// Study minutes a day the exam plan needs from today.
    pub minutes_needed_per_day: f64,
    /// The high end of its likely range: what it needs if the learner's recall is as far
    /// below the model's as its uncertainty allows
    /// ([`crate::schedule::exam_date::reach::reach_range`]).
    pub minutes_needed_high: f64,
    /// New facts a day it needs to introduce everything before the last week.
    pub new_per_day_needed: u32,
    /// The learner's pace: mean study minutes a day over the last fortnight (or since the
    /// first answer, if later); `None` before any answer.
    pub minutes_per_day: Option<f64>,
    /// The learner's new-facts-a-day limit.
    pub new_per_day_limit: u32,
    /// How much `recall study` raises retention and target for a learner who has passed
    /// fewer reviews than the model predicted ([`crate::learner::calibrate`]; 0 for none):
    /// the estimate plans as the session will.
    pub calibration: f64,
}

impl ExamReach {
    /// False when the pace is known and falls short in time or in new facts a day.
    pub fn reachable(&self) -> bool {
        self.minutes_per_day.is_none_or(|m| m >= self.minutes_needed_per_day)
            && self.new_per_day_needed <= self.new_per_day_limit
    }

    /// Reachable even at the high end of the range: nothing to warn of. A pace between the
    /// estimate and the high end is at risk (the warning says "may be out of reach").
    pub fn safe(&self) -> bool {
        self.reachable() && self.minutes_per_day.is_none_or(|m| m >= self.minutes_needed_high)
    }
}

/// A 95 % range for a predicted mean recall `mean` resting on `reviews` long-term reviews: the
/// model's recall predictions are only as good as the pass rate they were checked against
/// ([`crate::learner::calibrate::uncertainty`]).
pub fn recall_interval(mean: f64, reviews: u32) -> (f64, f64) {
    let half = f64::from(crate::learner::calibrate::uncertainty(reviews as usize));
    ((mean - half).max(0.0), (mean + half).min(1.0))
}

/// How many new facts the exam-date scheduler introduces today (what is left spread over the
/// days before the exam's last week, within the new-per-day limit), summed over the decks with
/// an exam ahead. Computed by the scheduler (`schedule::exam_new_quotas`) and passed in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct ExamPace {
    /// New facts for today, those already introduced today included.
    pub per_day: u32,
    /// Of those, the ones still to come today.
    pub left_today: u32,
}

/// The exam outlook from facts' memory computed with the exam day's start as `exam`; `pace`
/// is shown only while the exam is ahead.
pub fn exam_outlook(
    memory: &[FactMemory],
    exam: Date,
    today: Date,
    pace: Option<ExamPace>,
) -> ExamOutlook {
    let facts = memory.len() as u32;
    let recall: f64 = memory.iter().map(|m| m.exam_recall).sum();
    ExamOutlook {
        date: exam,
        days_left: days_between(today, exam),
        facts,
        facts_not_introduced: memory.iter().filter(|m| m.seen == 0).count() as u32,
        mean_recall_on_exam_day: if facts == 0 { 0.0 } else { recall / f64::from(facts) },
        pace: pace.filter(|_| exam > today),
        reach: None,
        recall_range: None,
    }
}
