//! Statistics over a small hand-made history, with a fixed `now`, checked against values worked
//! out by hand (the working is in the comments).
//!
//! The learner lives in India (UTC+5:30) and their day rolls over at 4 a.m., so a learner day
//! begins at 22:30 UTC the evening before. `now` is Wednesday 2026-12-02, 12:00 IST.

use jiff::civil::{Date, date};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};

use super::activity::{Tally, review_tallies, streak, study_time_seconds};
use super::index::{CardLookup, FactIndex};
use super::memory::{
    Answered, card_counts, due_forecast, exam_outlook, fact_memory, recall_at, tag_mastery,
    topic_mastery, weakest_facts,
};
use super::*;
use crate::deck::{Deck, DeckFile, Fact, FactKind, Library};
use crate::ids::{CardKey, DeckId, FactId};
use crate::schedule::Phase;

pub(crate) fn ist() -> TimeZone {
    TimeZone::posix("IST-5:30").unwrap()
}

pub(crate) fn now() -> Timestamp {
    ts("2026-12-02T06:30:00Z")
}

pub(crate) fn ts(s: &str) -> Timestamp {
    s.parse().unwrap()
}

fn days_ago(n: i64) -> Timestamp {
    now() - SignedDuration::from_hours(24 * n)
}

pub(crate) fn params() -> StatsParams {
    StatsParams::new(now(), ist())
}

fn today() -> Date {
    date(2026, 12, 2)
}

fn fact(id: &str, topic: &str, tags: &[&str]) -> Fact {
    Fact {
        topic: Some(topic.to_owned()),
        tags: tags.iter().map(|t| t.to_string()).collect(),
        ..Fact::new(
            FactId::new(id).unwrap(),
            FactKind::Term,
            format!("cue of {id}"),
            format!("answer of {id}"),
        )
    }
}

fn deck(id: &str, facts: Vec<Fact>, exam: Option<Date>) -> DeckFile {
    DeckFile {
        path: format!("decks/{id}.ron").into(),
        deck: Deck {
            id: DeckId::new(id).unwrap(),
            title: id.to_owned(),
            about: None,
            source: None,
            exam,
            facts,
        },
    }
}

/// Six facts in two decks; `crr` has no card in the store, `preamble` only a new one.
pub(crate) fn library() -> Library {
    Library {
        decks: vec![
            deck(
                "polity",
                vec![
                    fact("article-370", "constitution", &["j-and-k"]),
                    fact("article-21", "constitution", &["rights"]),
                    fact("preamble", "constitution", &[]),
                ],
                None,
            ),
            deck(
                "economy",
                vec![
                    fact("gst", "taxes", &["indirect"]),
                    fact("repo-rate", "banking", &[]),
                    fact("crr", "banking", &[]),
                ],
                Some(date(2027, 5, 24)),
            ),
        ],
    }
}

fn key(s: &str) -> CardKey {
    s.parse().unwrap()
}

/// Cards are numbered in the order of [`cards`]; a key not there gets 99, an unknown card.
fn id_of(k: &str) -> CardId {
    const KEYS: [&str; 7] = [
        "polity/article-370/forward",
        "polity/article-370/reverse",
        "polity/article-21/forward",
        "polity/preamble/forward",
        "economy/gst/forward",
        "economy/repo-rate/forward",
        "history/plassey/forward",
    ];
    CardId(KEYS.iter().position(|x| *x == k).map_or(99, |i| i as i64 + 1))
}

fn card(
    k: &str,
    phase: Phase,
    stability: Option<f64>,
    last: Option<Timestamp>,
    due: Option<Timestamp>,
    lapses: u32,
) -> CardFact {
    CardFact {
        id: id_of(k),
        card: key(k),
        stability,
        difficulty: stability.map(|_| 5.0),
        due,
        last_review: last,
        reps: u32::from(phase != Phase::New),
        lapses,
        phase,
    }
}

/// Predicted recall now, by the forgetting curve R(t, S) = (1 + f·t/S)^(−w20):
/// t = S gives 0.9 exactly for any decay; t = 0 gives 1; t = 3S gives, with the default
/// w20 = 0.1542, f = 0.9^(−1/0.1542) − 1 = 0.98035 and (1 + 3f)^(−0.1542) = 0.80939.
const R_3S: f64 = 0.809_388;

pub(crate) fn cards() -> Vec<CardFact> {
    use Phase::*;
    vec![
        // Mature (S 30), last seen 30 days ago: R 0.9. Due Saturday Dec 5 → forecast day 3.
        card(
            "polity/article-370/forward",
            Review,
            Some(30.0),
            Some(days_ago(30)),
            Some(now() + SignedDuration::from_hours(72)),
            0,
        ),
        // Young (S 10), last seen 30 days ago (t = 3S): R 0.80939. Overdue → due today.
        card(
            "polity/article-370/reverse",
            Review,
            Some(10.0),
            Some(days_ago(30)),
            Some(days_ago(1)),
            0,
        ),
        // Learning, answered just now: R 1. Due in an hour → today.
        card(
            "polity/article-21/forward",
            Learning,
            Some(1.0),
            Some(now()),
            Some(now() + SignedDuration::from_hours(1)),
            2,
        ),
        // New: no memory.
        card("polity/preamble/forward", New, None, None, None, 0),
        // Relearning (S 2), 2 days ago: R 0.9. Due 04:30 IST Dec 3, just after the rollover →
        // tomorrow (forecast day 1).
        card(
            "economy/gst/forward",
            Relearning,
            Some(2.0),
            Some(days_ago(2)),
            Some(ts("2026-12-02T23:00:00Z")),
            3,
        ),
        // Mature (S 100), 100 days ago: R 0.9. Due Dec 31 → forecast day 29, the last.
        card(
            "economy/repo-rate/forward",
            Review,
            Some(100.0),
            Some(days_ago(100)),
            Some(ts("2026-12-31T06:30:00Z")),
            0,
        ),
        // Not in the library: ignored everywhere.
        card("history/plassey/forward", Review, Some(3.0), Some(days_ago(3)), Some(days_ago(1)), 0),
    ]
}

fn review(
    time: &str,
    k: &str,
    correct: bool,
    phase_before: Phase,
    stability_before: Option<f64>,
    cram: bool,
) -> ReviewFact {
    ReviewFact { time: ts(time), card: id_of(k), correct, phase_before, stability_before, cram }
}

pub(crate) fn reviews() -> Vec<ReviewFact> {
    use Phase::*;
    vec![
        // r1 today 10:30 IST, mature, right.
        review(
            "2026-12-02T05:00:00Z",
            "polity/article-370/forward",
            true,
            Review,
            Some(25.0),
            false,
        ),
        // r2 03:30 IST on Dec 2: before the 4 a.m. rollover, so learner day Dec 1. Young, wrong.
        review(
            "2026-12-01T22:00:00Z",
            "polity/article-370/reverse",
            false,
            Review,
            Some(8.0),
            false,
        ),
        // r3 one minute before the 7-day window opens (Nov 26 04:00 IST = Nov 25 22:30 UTC):
        // learner day Nov 25. Mature, right.
        review(
            "2026-11-25T22:29:00Z",
            "economy/repo-rate/forward",
            true,
            Review,
            Some(50.0),
            false,
        ),
        // r4 exactly when the 7-day window opens: learner day Nov 26. Young, right.
        review("2026-11-25T22:30:00Z", "economy/gst/forward", true, Review, Some(5.0), false),
        // r5 cram: not in retention; in the calendar and accuracy.
        review("2026-11-20T10:00:00Z", "economy/gst/forward", true, Review, Some(5.0), true),
        // r6 learning step: not in retention.
        review(
            "2026-11-20T11:00:00Z",
            "polity/article-21/forward",
            false,
            Learning,
            Some(1.0),
            false,
        ),
        // r7 first answer of a new card: not in retention.
        review("2026-11-20T12:00:00Z", "polity/article-21/forward", true, New, None, false),
        // r8 in the 365-day window only, before the calendar's first day (Mon Jun 8). Mature, wrong.
        review(
            "2026-06-01T10:00:00Z",
            "economy/repo-rate/forward",
            false,
            Review,
            Some(30.0),
            false,
        ),
        // r9 older than a year: accuracy only.
        review(
            "2025-01-01T10:00:00Z",
            "polity/article-370/forward",
            true,
            Review,
            Some(20.0),
            false,
        ),
        // r10 a card outside the library: ignored.
        review("2026-12-02T04:00:00Z", "history/plassey/forward", true, Review, Some(3.0), false),
        // r11 a card the store did not send: ignored.
        review("2026-12-02T04:00:00Z", "polity/unknown/forward", true, Review, Some(3.0), false),
    ]
}

fn session(id: i64, mode: SessionMode, started: &str, questions: u32, right: u32) -> SessionFact {
    SessionFact {
        id,
        mode,
        decks: vec!["polity".to_owned()],
        started: ts(started),
        ended: Some(ts(started) + SignedDuration::from_mins(10)),
        questions,
        right,
        wrong: questions - right,
        unanswered: 0,
        score: f64::from(right),
        max_score: 0.0,
        marking: None,
        scheme: None,
        status: None,
        duration_seconds: 600,
    }
}

pub(crate) fn sessions() -> Vec<SessionFact> {
    vec![
        session(1, SessionMode::Study, "2026-11-28T10:00:00Z", 20, 15),
        session(2, SessionMode::Study, "2026-11-30T10:00:00Z", 10, 9),
        // 03:30 IST on Dec 2: learner day Dec 1.
        session(3, SessionMode::Cram, "2026-12-01T22:00:00Z", 8, 4),
    ]
}

#[test]
fn recall_follows_the_fsrs6_curve() {
    let d = fsrs::DEFAULT_PARAMETERS[20];
    let c = |s: f64, days: i64| {
        card("d/f/forward", Phase::Review, Some(s), Some(days_ago(days)), None, 0)
    };
    assert!((recall_at(&c(10.0, 10), now(), d).unwrap() - 0.9).abs() < 1e-6);
    assert!((recall_at(&c(10.0, 0), now(), d).unwrap() - 1.0).abs() < 1e-6);
    assert!((recall_at(&c(10.0, 30), now(), d).unwrap() - R_3S).abs() < 1e-5);
    let new = card("d/f/forward", Phase::New, None, None, None, 0);
    assert_eq!(recall_at(&new, now(), d), None);
}

#[test]
fn cards_by_state() {
    let lib = library();
    let counts = card_counts(&FactIndex::new(&lib), &cards());
    // new: preamble; learning: article-21 (learning) + gst (relearning); young: 370/reverse;
    // mature: 370/forward + repo-rate. Never seen: preamble (new only) and crr (no card).
    assert_eq!(
        counts,
        memory::CardCounts {
            new: 1,
            learning: 2,
            young: 1,
            mature: 2,
            facts: 6,
            facts_never_seen: 2
        }
    );
}

#[test]
fn forecast_by_learner_day() {
    let lib = library();
    let p = params();
    let f = due_forecast(&FactIndex::new(&lib), &cards(), &p.days, today(), 30);
    assert_eq!(f.len(), 30);
    assert_eq!(f[0].date, today());
    assert_eq!(f[29].date, date(2026, 12, 31));
    let due: Vec<(usize, u32)> =
        f.iter().enumerate().filter(|(_, d)| d.count > 0).map(|(i, d)| (i, d.count)).collect();
    // Today: the overdue reverse card and the learning card (the orphan is left out);
    // tomorrow: gst; day 3: 370/forward; day 29: repo-rate.
    assert_eq!(due, vec![(0, 2), (1, 1), (3, 1), (29, 1)]);
}

#[test]
fn true_retention_by_window() {
    let lib = library();
    let p = params();
    let t = review_tallies(
        &FactIndex::new(&lib),
        &CardLookup::new(&FactIndex::new(&lib), &cards()),
        &reviews(),
        &p.days,
        today(),
    );
    let tally = |right, total| activity::Tally { right, total };
    let w: Vec<_> = t.retention.iter().map(|w| (w.days, w.young, w.mature, w.all)).collect();
    assert_eq!(
        w,
        vec![
            // r1 (mature ✓), r2 (young ✗), r4 (young ✓).
            (7, tally(1, 2), tally(1, 1), tally(2, 3)),
            // + r3 (mature ✓).
            (30, tally(1, 2), tally(2, 2), tally(3, 4)),
            // + r8 (mature ✗).
            (365, tally(1, 2), tally(2, 3), tally(3, 5)),
        ]
    );
    // All nine answers to library facts; r10 is outside.
    assert_eq!(t.reviews, 9);
}

#[test]
fn calendar_counts_answers_per_learner_day() {
    let lib = library();
    let p = params();
    let t = review_tallies(
        &FactIndex::new(&lib),
        &CardLookup::new(&FactIndex::new(&lib), &cards()),
        &reviews(),
        &p.days,
        today(),
    );
    // 26 weeks: from Monday Jun 8 (Mon Nov 30 − 25 weeks) to today, 178 days.
    assert_eq!(t.heatmap.first().unwrap().date, date(2026, 6, 8));
    assert_eq!(t.heatmap.last().unwrap().date, today());
    assert_eq!(t.heatmap.len(), 178);
    let active: Vec<(Date, u32)> =
        t.heatmap.iter().filter(|d| d.count > 0).map(|d| (d.date, d.count)).collect();
    assert_eq!(
        active,
        vec![
            (date(2026, 11, 20), 3),
            (date(2026, 11, 25), 1),
            (date(2026, 11, 26), 1),
            (date(2026, 12, 1), 1),
            (date(2026, 12, 2), 1),
        ]
    );
}

#[test]
fn streak_across_a_missed_day_and_the_rollover() {
    let p = params();
    // Learner days Nov 28, Nov 30, Dec 1 (the 03:30 IST session); none today yet: the streak
    // runs from yesterday back to the missed Nov 29.
    assert_eq!(streak(&sessions(), &p.days, today()), 2);

    // Half an hour later the same session is past 04:00 IST: it counts for today, and Dec 1
    // is now empty, which breaks the streak after one day.
    let mut moved = sessions();
    moved[2].started = ts("2026-12-01T22:31:00Z");
    assert_eq!(streak(&moved, &p.days, today()), 1);

    // A session today extends the run ending yesterday.
    let mut today_too = sessions();
    today_too.push(session(4, SessionMode::Study, "2026-12-02T05:00:00Z", 5, 5));
    assert_eq!(streak(&today_too, &p.days, today()), 3);

    // Nothing today or yesterday: no streak. A session without questions does not count.
    let old = &sessions()[..2];
    assert_eq!(streak(old, &p.days, today()), 0);
    let mut empty_today = old.to_vec();
    empty_today.push(session(5, SessionMode::Study, "2026-12-02T05:00:00Z", 0, 0));
    assert_eq!(streak(&empty_today, &p.days, today()), 0);

    assert_eq!(study_time_seconds(&sessions()), 1800);
}

#[test]
fn mastery_per_topic_and_tag_weakest_first() {
    let lib = library();
    let index = FactIndex::new(&lib);
    let memory = fact_memory(&index, &cards(), now(), None, fsrs::DEFAULT_PARAMETERS[20]);
    let p = params();
    let tallies =
        review_tallies(&index, &CardLookup::new(&index, &cards()), &reviews(), &p.days, today());
    let topics = topic_mastery(&index, &memory, &tallies.facts);
    let summary: Vec<(&str, u32, f64, f64, Option<f64>)> = topics
        .iter()
        .map(|m| (m.name.as_str(), m.facts, m.mature_share, m.mean_recall, m.accuracy))
        .collect();
    // banking: repo-rate (R 0.9, mature) + crr (no card, 0) → recall 0.45, mature 1/2,
    //   accuracy r3 ✓ r8 ✗ = 1/2.
    // constitution: 370 (mean of 0.9 and 0.80939 = 0.85469), 21 (1.0), preamble (new: 0)
    //   → 0.61823; no fact with all cards mature; accuracy r1 ✓ r2 ✗ r9 ✓ r6 ✗ r7 ✓ = 3/5.
    // taxes: gst 0.9; relearning, not mature; r4 ✓ r5 ✓ (cram counts for accuracy) = 1.
    assert_eq!(summary.len(), 3);
    assert_eq!(
        (summary[0].0, summary[0].1, summary[0].2, summary[0].4),
        ("banking", 2, 0.5, Some(0.5))
    );
    assert!((summary[0].3 - 0.45).abs() < 1e-6);
    assert_eq!(
        (summary[1].0, summary[1].1, summary[1].2, summary[1].4),
        ("constitution", 3, 0.0, Some(0.6))
    );
    assert!((summary[1].3 - (0.9 + R_3S + 2.0) / 6.0).abs() < 1e-5);
    assert_eq!((summary[2].0, summary[2].4), ("taxes", Some(1.0)));

    let tags = tag_mastery(&index, &memory, &tallies.facts);
    let names: Vec<&str> = tags.iter().map(|m| m.name.as_str()).collect();
    // j-and-k 0.85469 < indirect 0.9 < rights 1.0.
    assert_eq!(names, ["j-and-k", "indirect", "rights"]);
}

#[test]
fn weakest_facts_lowest_recall_then_most_lapses() {
    let lib = library();
    let index = FactIndex::new(&lib);
    let memory = fact_memory(&index, &cards(), now(), None, fsrs::DEFAULT_PARAMETERS[20]);
    let none = Answered { tally: &[], last: &[] };
    let weak = weakest_facts(&index, &memory, &none, 10);
    let order: Vec<(&str, u32)> = weak.iter().map(|w| (w.fact.as_str(), w.lapses)).collect();
    // 370's weaker card is at 0.80939; gst and repo-rate tie at 0.9 and gst has more lapses;
    // article-21 is at 1. Never-seen facts are not listed.
    assert_eq!(order, [("article-370", 0), ("gst", 3), ("repo-rate", 0), ("article-21", 2)]);
    assert!((weak[0].recall - R_3S).abs() < 1e-5);
    assert_eq!(weak[0].cue, "cue of article-370");
    assert_eq!(weakest_facts(&index, &memory, &none, 2).len(), 2);
}

/// Issue 15: a fact missed in a paper or a session just now topped no list (its recall right
/// after the answer is high, and a new card missed is no lapse). Misses count, and a fact whose
/// latest answer was wrong comes first.
#[test]
fn weakest_facts_put_what_was_just_missed_first_and_count_misses() {
    let lib = library();
    let index = FactIndex::new(&lib);
    let memory = fact_memory(&index, &cards(), now(), None, fsrs::DEFAULT_PARAMETERS[20]);
    let at = |i: usize| {
        index.iter().position(|(_, f)| f.id.as_str() == ["article-21", "preamble"][i]).unwrap()
    };
    let mut tally = vec![Tally::default(); index.len()];
    let mut last = vec![None; index.len()];
    // article-21 (recall 1.0): answered wrong an hour ago, after two misses before.
    tally[at(0)] = Tally { right: 1, total: 3 };
    last[at(0)] = Some((now() - SignedDuration::from_hours(1), false));
    // preamble: never given a state (a cram miss on a new card), missed once.
    tally[at(1)] = Tally { right: 0, total: 1 };
    last[at(1)] = Some((now() - SignedDuration::from_hours(2), false));
    let weak = weakest_facts(&index, &memory, &Answered { tally: &tally, last: &last }, 10);
    let order: Vec<(&str, u32)> = weak.iter().map(|w| (w.fact.as_str(), w.misses)).collect();
    assert_eq!(
        order,
        [("article-21", 2), ("preamble", 1), ("article-370", 0), ("gst", 0), ("repo-rate", 0)]
    );
    assert_eq!(weak[0].missed_last, Some(now() - SignedDuration::from_hours(1)));
    assert_eq!(weak[2].missed_last, None);
}

#[test]
fn exam_day_outlook_counts_never_seen_facts_as_zero() {
    let lib = library();
    let index = FactIndex::new(&lib);
    let p = params();
    let exam = date(2026, 12, 12);
    // The exam day begins Dec 12 04:00 IST = Dec 11 22:30 UTC.
    let start = p.days.start_of(exam);
    assert_eq!(start, ts("2026-12-11T22:30:00Z"));
    let at = |days: i64| start - SignedDuration::from_hours(24 * days);
    use Phase::*;
    let cards = vec![
        // At the exam t = S: 0.9.
        card("polity/article-370/forward", Review, Some(10.0), Some(at(10)), None, 0),
        // At the exam t = 3S: 0.80939.
        card("polity/article-21/forward", Review, Some(5.0), Some(at(15)), None, 0),
        card("polity/preamble/forward", New, None, None, None, 0),
    ];
    let memory = fact_memory(&index, &cards, now(), Some(start), fsrs::DEFAULT_PARAMETERS[20]);
    let e = exam_outlook(&memory, exam, today(), None);
    assert_eq!((e.days_left, e.facts, e.facts_not_introduced), (10, 6, 4));
    // (0.9 + 0.80939 + 0 × 4) / 6 facts.
    assert!((e.mean_recall_on_exam_day - (0.9 + R_3S) / 6.0).abs() < 1e-5);
}

#[test]
fn the_whole_report() {
    let mut p = params();
    p.exam = exam_date(&library(), today());
    assert_eq!(p.exam, Some(date(2027, 5, 24)));
    let r = compute_stats(&library(), &cards(), &reviews(), &sessions(), &p);
    assert_eq!(r.today, today());
    assert_eq!(r.due_today, 2);
    assert_eq!(r.streak_days, 2);
    assert_eq!(r.sessions, 3);
    assert_eq!(r.reviews, 9);
    assert_eq!(r.topics[0].name, "banking");
    assert_eq!(r.weakest.len(), 4);
    assert_eq!(r.exam.as_ref().map(|e| e.days_left), Some(173));
    assert!(!r.is_empty());
}

#[test]
fn a_past_exam_gives_its_recall_as_an_estimate_not_a_prediction() {
    let mut p = params();
    let say = |p: &StatsParams| {
        let r = compute_stats(&library(), &cards(), &reviews(), &sessions(), p);
        render_stats(&r, 80, crate::text::Palette::PLAIN)
    };
    p.exam = Some(date(2026, 11, 20));
    let text = say(&p);
    assert!(text.contains("was 12 days ago"), "{text}");
    assert!(text.contains("estimated recall on the exam day:"), "{text}");
    assert!(!text.contains("predicted recall"), "{text}");
    p.exam = Some(date(2026, 12, 20));
    assert!(say(&p).contains("predicted recall on the exam day:"));
}

#[test]
fn an_empty_store_says_no_sessions_yet() {
    let r = compute_stats(&library(), &[], &[], &[], &params());
    assert!(r.is_empty());
    assert_eq!(r.cards.facts_never_seen, 6);
    let text = render_stats(&r, 60, crate::text::Palette::PLAIN);
    assert!(text.ends_with(&format!("{NO_SESSIONS}\n")), "{text}");
    assert_eq!(render_history(&[], 60, crate::text::Palette::PLAIN), format!("{NO_SESSIONS}\n"));
}

#[test]
fn counting_old_reviews_per_card_gives_the_same_report() {
    let (lib, cards, sessions, p) = (library(), cards(), sessions(), params());
    let mut all = reviews();
    // Two more answers to the first card, two years ago.
    let old = ts("2024-11-01T10:00:00Z");
    for correct in [true, false] {
        let mut r = all[0].clone();
        r.time = old;
        r.correct = correct;
        all.push(r);
    }
    let since = detail_since(&p);
    assert!(old < since);
    let (recent, earlier): (Vec<ReviewFact>, Vec<ReviewFact>) =
        all.iter().cloned().partition(|r| r.time >= since);
    let mut counted: Vec<CardTally> = Vec::new();
    for r in &earlier {
        match counted.iter_mut().find(|c| c.card == r.card) {
            Some(c) => {
                c.reviews += 1;
                c.right += u32::from(r.correct);
            }
            None => {
                counted.push(CardTally { card: r.card, reviews: 1, right: u32::from(r.correct) })
            }
        }
    }
    let listed = compute_stats(&lib, &cards, &all, &sessions, &p);
    let with_counts = compute_stats_counted(&lib, &cards, &counted, &recent, &sessions, &p);
    assert_eq!(listed, with_counts);
    // The added old answers do count: two more than without them.
    let without = compute_stats(&lib, &cards, &reviews(), &sessions, &p);
    assert_eq!(listed.reviews, without.reviews + 2);
}
