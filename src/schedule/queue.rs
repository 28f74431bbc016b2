//! Today's queue: which cards to ask, in which order, and in which question kinds.
//!
//! Order: cards due today (before the next rollover, so a card failed ten minutes ago is in,
//! and the session shows it when its time comes), the most at risk first (lowest predicted
//! recall); then new cards in deck order up to the new-per-day limit less the new cards already
//! introduced today, at most one new card per fact per day; the whole queue is capped by the
//! reviews-per-day limit less the answers already given today (new cards count, as in Anki).
//! Sibling cards (directions of one fact) are never asked back to back: a sibling that cannot be
//! placed apart from its fact's other card is left for tomorrow. Suspended cards, and cards
//! buried until a later instant, are left out.

use std::collections::{HashMap, HashSet, VecDeque};

use super::{CardState, CardStates, ExamDates, Scheduler, StudyDay};
use crate::deck::{Fact, QuestionKind};
use crate::ids::{CardKey, DeckId, FactId};
use crate::schedule::exam_date::plan;
use crate::settings::Settings;

/// Question kinds a card is asked in at its maturity, most preferred first: recognition
/// (multiple choice, true/false) while its stability is under
/// [`Settings::recognition_until_days`] (and while new), production (typed, cloze, reverse,
/// flashcard) after. The quiz layer takes the first kind the card can actually be asked in.
pub fn preferred_kinds(stability: Option<f32>, settings: &Settings) -> &'static [QuestionKind] {
    const RECOGNITION: &[QuestionKind] = &[QuestionKind::MultipleChoice, QuestionKind::TrueFalse];
    const PRODUCTION: &[QuestionKind] =
        &[QuestionKind::Typed, QuestionKind::Cloze, QuestionKind::Reverse, QuestionKind::Flashcard];
    match stability {
        Some(s) if s >= settings.recognition_until_days => PRODUCTION,
        _ => RECOGNITION,
    }
}

/// Which cards a run studies. Empty lists mean "all".
#[derive(Clone, Debug, Default)]
pub struct Filter {
    pub decks: Vec<DeckId>,
    /// Only facts with this topic (exact, case-insensitive).
    pub topic: Option<String>,
    /// Only facts with this tag (exact, case-insensitive).
    pub tag: Option<String>,
    /// Ask only in these kinds, whatever the card's maturity (`--kind`).
    pub force_kinds: Vec<QuestionKind>,
}

impl Filter {
    pub fn matches(&self, key: &CardKey, fact: &Fact) -> bool {
        (self.decks.is_empty() || self.decks.contains(&key.deck))
            && self
                .topic
                .as_ref()
                .is_none_or(|t| fact.topic.as_ref().is_some_and(|ft| ft.eq_ignore_ascii_case(t)))
            && self
                .tag
                .as_ref()
                .is_none_or(|t| fact.tags.iter().any(|ft| ft.eq_ignore_ascii_case(t)))
    }
}

/// What was already done today (from [`crate::store::Store::day_counts`]).
///
/// First answers in study sessions and in mock papers are kept apart, because whether a
/// paper's count against the day's new cards is the learner's choice
/// ([`Settings::papers_use_new_cards`]); [`DayCounts::new_cards_used`] and
/// [`DayCounts::facts_introduced`] apply it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DayCounts {
    /// Answers today that moved a schedule (cram answers excluded; a paper's included, as they
    /// are reviews).
    pub answers: u32,
    /// Facts that had a card answered for the first time today in a study session.
    pub new_facts: HashSet<(DeckId, FactId)>,
    /// Cards answered for the first time today in a study session.
    pub new_cards: u32,
    /// Facts that had a card answered for the first time today in a mock paper.
    pub paper_new_facts: HashSet<(DeckId, FactId)>,
    /// Cards answered for the first time today in a mock paper.
    pub paper_new_cards: u32,
    /// Every card answered for the first time today, in a session or a paper. A fact whose
    /// answered cards are all among them was first met today; a fact with another card
    /// answered was met before, and a new card of it (its reverse, a cloze) is a new card but
    /// no new fact (see `met_before`).
    pub first_answered: HashSet<CardKey>,
}

impl DayCounts {
    /// The new cards today that count against the new-per-day limit: those of study sessions,
    /// and a paper's when the learner chose so.
    pub fn new_cards_used(&self, settings: &Settings) -> u32 {
        if settings.papers_use_new_cards {
            self.new_cards.saturating_add(self.paper_new_cards)
        } else {
            self.new_cards
        }
    }

    /// The facts introduced today that count against the day's new facts (an exam's pace), by
    /// the same rule as [`DayCounts::new_cards_used`].
    pub fn facts_introduced<'a>(
        &'a self,
        settings: &Settings,
    ) -> impl Iterator<Item = &'a (DeckId, FactId)> + 'a {
        let papers = settings.papers_use_new_cards;
        self.new_facts.iter().chain(
            self.paper_new_facts.iter().filter(move |f| papers && !self.new_facts.contains(*f)),
        )
    }

    /// Every fact first met today, in a session or a paper: none of them gets another new
    /// card today, whatever counts against the limit, so a fact's directions are spread apart.
    pub fn met_today(&self) -> impl Iterator<Item = &(DeckId, FactId)> {
        self.new_facts.iter().chain(&self.paper_new_facts)
    }
}

/// Everything [`build_queue`] reads.
pub struct QueueInput<'a, 'f> {
    /// Every card of the library in deck order, with its fact (from the quiz layer's list of
    /// cards per fact).
    pub cards: &'a [(CardKey, &'f Fact)],
    /// Stored states; a card missing here is new.
    pub states: &'a CardStates,
    pub scheduler: &'a Scheduler,
    pub day: &'a StudyDay,
    pub settings: &'a Settings,
    pub filter: &'a Filter,
    pub done: &'a DayCounts,
}

/// One card to ask.
#[derive(Clone, Debug)]
pub struct QueueEntry<'a> {
    pub key: CardKey,
    pub fact: &'a Fact,
    pub is_new: bool,
    /// Predicted recall now (`None` for new cards).
    pub retrievability: Option<f32>,
    /// Kinds to ask it in, most preferred first.
    pub kinds: Vec<QuestionKind>,
}

/// Builds today's queue (see the module docs for the order and limits), with no exam.
pub fn build_queue<'f>(input: &QueueInput<'_, 'f>) -> Vec<QueueEntry<'f>> {
    build_queue_with_exam_dates(input, &ExamDates::none())
}

/// [`build_queue`], with new facts of decks whose exam is ahead paced by
/// [`plan::new_facts_today`]: the deck's facts not yet introduced spread over the days
/// before the exam's last week, at least one and at most the new-per-day limit a day; the
/// new-per-day limit over all decks still holds.
pub fn build_queue_with_exam_dates<'f>(
    input: &QueueInput<'_, 'f>,
    exams: &ExamDates,
) -> Vec<QueueEntry<'f>> {
    let QueueInput { cards, states, scheduler, day, settings, filter, done } = *input;
    let mut deck_quota = exam_new_quotas(input, exams);
    let end = day.end();
    let now = day.now();
    let new_state = CardState::default();

    let mut due: Vec<(f32, usize)> = Vec::new();
    let mut new: Vec<usize> = Vec::new();
    for (i, (key, fact)) in cards.iter().enumerate() {
        if !filter.matches(key, fact) {
            continue;
        }
        let state = states.get(key).unwrap_or(&new_state);
        if state.is_held(now) {
            continue;
        }
        if state.is_new() {
            new.push(i);
        } else if state.due.is_some_and(|d| d < end) {
            let r = scheduler.retrievability(state, now).unwrap_or(0.0);
            due.push((r, i));
        }
    }
    // Stable: equal recall keeps deck order.
    due.sort_by(|a, b| a.0.total_cmp(&b.0));

    // A new card of a fact met before (its reverse, a cloze) takes no share of an exam's pace
    // of new facts: the pace is of facts never answered.
    let met_before = if deck_quota.is_empty() { HashSet::new() } else { met_before(input) };
    let new_limit = settings.new_per_day.saturating_sub(done.new_cards_used(settings)) as usize;
    let mut new_facts_today: HashSet<(&DeckId, &FactId)> =
        done.met_today().map(|(d, f)| (d, f)).collect();
    let mut chosen_new = Vec::new();
    for i in new {
        if chosen_new.len() >= new_limit {
            break;
        }
        let key = &cards[i].0;
        if new_facts_today.contains(&(&key.deck, &key.fact)) {
            continue;
        }
        if !met_before.contains(&(&key.deck, &key.fact))
            && let Some(quota) = deck_quota.get_mut(&key.deck)
        {
            if *quota == 0 {
                continue;
            }
            *quota -= 1;
        }
        new_facts_today.insert((&key.deck, &key.fact));
        chosen_new.push(i);
    }

    let limit = settings.reviews_per_day.saturating_sub(done.answers) as usize;
    let ordered = due.into_iter().map(|(_, i)| i).chain(chosen_new);
    let spread = spread_siblings(cards, ordered, limit);

    spread
        .into_iter()
        .map(|i| {
            let (key, fact) = &cards[i];
            let state = states.get(key).unwrap_or(&new_state);
            let kinds = if filter.force_kinds.is_empty() {
                preferred_kinds(state.stability(), settings).to_vec()
            } else {
                filter.force_kinds.clone()
            };
            QueueEntry {
                key: key.clone(),
                fact,
                is_new: state.is_new(),
                retrievability: scheduler.retrievability(state, now),
                kinds,
            }
        })
        .collect()
}

/// New facts each deck with an exam ahead may still introduce today (the pace `stats` can
/// show: the deck's facts never answered spread over the days before the exam's last week,
/// within the new-per-day limit, less those already introduced today).
pub fn exam_new_quotas<'a>(
    input: &QueueInput<'a, '_>,
    exams: &ExamDates,
) -> HashMap<&'a DeckId, u32> {
    let today = input.day.today();
    // Per deck with an exam ahead: each fact, and whether it was ever answered.
    let mut facts: HashMap<&DeckId, HashMap<&FactId, bool>> = HashMap::new();
    for (key, _) in input.cards {
        if exams.ahead(&key.deck, today).is_none() {
            continue;
        }
        let started = input.states.get(key).is_some_and(|s| !s.is_new());
        let seen = facts.entry(&key.deck).or_default().entry(&key.fact).or_insert(false);
        *seen |= started;
    }
    let limits = plan::NewLimits { min_per_day: 1, max_per_day: input.settings.new_per_day };
    facts
        .into_iter()
        .filter_map(|(deck, facts)| {
            let exam = exams.ahead(deck, today)?;
            let introduced_today = introduced_today(input, deck);
            // What was left when the day began: the facts never answered and today's.
            let left = facts.values().filter(|started| !**started).count() as u32;
            let days = |d: jiff::civil::Date| {
                i64::from(
                    jiff::civil::Date::constant(1970, 1, 1).until(d).map_or(0, |s| s.get_days()),
                )
            };
            let quota =
                plan::new_facts_today(left + introduced_today, days(today), days(exam), limits);
            Some((deck, quota.saturating_sub(introduced_today)))
        })
        .collect()
}

/// The facts of `deck` introduced today, counted against its exam pace: those with a card
/// answered for the first time today ([`DayCounts::facts_introduced`]), less the facts met
/// before whose new reverse or cloze card it was.
pub fn introduced_today(input: &QueueInput<'_, '_>, deck: &DeckId) -> u32 {
    let met_before = met_before(input);
    input
        .done
        .facts_introduced(input.settings)
        .filter(|(d, f)| d == deck && !met_before.contains(&(d, f)))
        .count() as u32
}

/// The facts met before today: with a card answered that was not answered for the first time
/// today ([`DayCounts::first_answered`]).
fn met_before<'a>(input: &QueueInput<'a, '_>) -> HashSet<(&'a DeckId, &'a FactId)> {
    input
        .cards
        .iter()
        .filter(|(key, _)| {
            input.states.get(key).is_some_and(|s| !s.is_new())
                && !input.done.first_answered.contains(key)
        })
        .map(|(key, _)| (&key.deck, &key.fact))
        .collect()
}

/// Takes card indices in priority order and returns up to `limit` of them with no two cards of
/// one fact adjacent. A card that would follow its sibling waits until another fact's card has
/// been placed; cards still waiting at the end are left out (they stay due for tomorrow).
/// Linear in the cards taken, so a backlog of 100,000 due cards costs only what is asked.
fn spread_siblings(
    cards: &[(CardKey, &Fact)],
    ordered: impl Iterator<Item = usize>,
    limit: usize,
) -> Vec<usize> {
    let fact_of = |i: usize| (&cards[i].0.deck, &cards[i].0.fact);
    let mut out: Vec<usize> = Vec::new();
    let mut waiting: VecDeque<usize> = VecDeque::new();
    let differs =
        |out: &Vec<usize>, i: usize| out.last().is_none_or(|&last| fact_of(last) != fact_of(i));
    for i in ordered {
        if out.len() >= limit {
            break;
        }
        if differs(&out, i) {
            out.push(i);
            // Place any waiting card that now fits, oldest first.
            while out.len() < limit {
                match waiting.iter().position(|&w| differs(&out, w)) {
                    Some(p) => {
                        if let Some(w) = waiting.remove(p) {
                            out.push(w);
                        }
                    }
                    None => break,
                }
            }
        } else {
            waiting.push_back(i);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deck::FactKind;
    use crate::ids::Direction;
    use crate::schedule::Grade;
    use jiff::tz::TimeZone;

    fn fact(id: &str, topic: Option<&str>, tags: &[&str]) -> Fact {
        Fact {
            topic: topic.map(str::to_owned),
            tags: tags.iter().map(|t| t.to_string()).collect(),
            ..Fact::new(FactId::new(id).unwrap(), FactKind::Term, id, format!("{id} answer"))
        }
    }

    fn key(deck: &str, f: &Fact, dir: Direction) -> CardKey {
        CardKey::new(DeckId::new(deck).unwrap(), f.id.clone(), dir)
    }

    fn settings() -> Settings {
        Settings { fuzz: false, ..Settings::default() }
    }

    fn day(s: &str) -> StudyDay {
        StudyDay::new(s.parse().unwrap(), TimeZone::UTC, 4)
    }

    fn t(s: &str) -> jiff::Timestamp {
        s.parse().unwrap()
    }

    /// A state answered `grade` at `when` on a new card.
    fn answered(k: &CardKey, grade: Grade, when: &str) -> CardState {
        let s = Scheduler::new(&settings(), None).unwrap();
        s.next_states(k, &CardState::default(), &day(when)).unwrap().get(grade).state.clone()
    }

    struct World {
        facts: Vec<Fact>,
    }

    impl World {
        fn new(n: usize) -> World {
            World { facts: (0..n).map(|i| fact(&format!("f{i:03}"), None, &[])).collect() }
        }
        /// Forward and reverse card for every fact, deck "d".
        fn cards(&self) -> Vec<(CardKey, &Fact)> {
            self.facts
                .iter()
                .flat_map(|f| {
                    [(key("d", f, Direction::Forward), f), (key("d", f, Direction::Reverse), f)]
                })
                .collect()
        }
    }

    fn queue<'f>(
        cards: &[(CardKey, &'f Fact)],
        states: &CardStates,
        settings: &Settings,
        filter: &Filter,
        done: &DayCounts,
        now: &str,
    ) -> Vec<QueueEntry<'f>> {
        let scheduler = Scheduler::new(settings, None).unwrap();
        let d = day(now);
        build_queue(&QueueInput {
            cards,
            states,
            scheduler: &scheduler,
            day: &d,
            settings,
            filter,
            done,
        })
    }

    fn keys(q: &[QueueEntry]) -> Vec<String> {
        q.iter().map(|e| e.key.to_string()).collect()
    }

    #[test]
    fn new_facts_of_a_deck_with_an_exam_are_paced() {
        let w = World::new(100);
        let cards = w.cards();
        let s = settings();
        let scheduler = Scheduler::new(&s, None).unwrap();
        let d = day("2026-01-01T12:00:00Z");
        let mut exams = ExamDates::new(0.95);
        // 100 facts, 25 days before the exam's last week: 4 a day.
        exams.set(DeckId::new("d").unwrap(), jiff::civil::date(2026, 2, 2));
        let states = CardStates::default();
        let mut done = DayCounts::default();
        let input = |done: &'_ DayCounts, exams: &ExamDates| -> Vec<String> {
            let q = build_queue_with_exam_dates(
                &QueueInput {
                    cards: &cards,
                    states: &states,
                    scheduler: &scheduler,
                    day: &d,
                    settings: &s,
                    filter: &Filter::default(),
                    done,
                },
                exams,
            );
            keys(&q)
        };
        assert_eq!(
            input(&done, &exams),
            ["d/f000/forward", "d/f001/forward", "d/f002/forward", "d/f003/forward"]
        );
        // Two introduced already today (counted in the day's quota, not twice).
        let mut states2 = CardStates::default();
        for f in &w.facts[..2] {
            states2.insert(
                key("d", f, Direction::Forward),
                answered(&key("d", f, Direction::Forward), Grade::Good, "2026-01-01T11:00:00Z"),
            );
            done.new_facts.insert((DeckId::new("d").unwrap(), f.id.clone()));
            done.first_answered.insert(key("d", f, Direction::Forward));
        }
        done.new_cards = 2;
        done.answers = 2;
        let q = build_queue_with_exam_dates(
            &QueueInput {
                cards: &cards,
                states: &states2,
                scheduler: &scheduler,
                day: &d,
                settings: &s,
                filter: &Filter::default(),
                done: &done,
            },
            &exams,
        );
        assert_eq!(q.iter().filter(|e| e.is_new).count(), 2);
        // Within the learner's limit: 3 new a day caps the pace of 4.
        let few = Settings { new_per_day: 3, ..settings() };
        let q = build_queue_with_exam_dates(
            &QueueInput {
                cards: &cards,
                states: &states,
                scheduler: &scheduler,
                day: &d,
                settings: &few,
                filter: &Filter::default(),
                done: &DayCounts::default(),
            },
            &exams,
        );
        assert_eq!(q.len(), 3);
        // Without the exam (or after it), the usual 20.
        assert_eq!(input_without_exam(&cards, &states, &s), 20);
        exams.set(DeckId::new("d").unwrap(), jiff::civil::date(2026, 1, 1));
        assert_eq!(input(&DayCounts::default(), &exams).len(), 20);
    }

    #[test]
    fn a_new_card_of_a_fact_met_before_takes_no_share_of_the_exam_pace() {
        // Dogfooding: with an exam ahead, the day's pace of new facts (3) went to new cloze
        // cards of facts met days before; no fact never seen came in, and `recall study` said
        // "today's share of new facts for the exam is done".
        let w = World::new(100);
        let cards = w.cards();
        let s = settings();
        let scheduler = Scheduler::new(&s, None).unwrap();
        let d = day("2026-01-01T12:00:00Z");
        let mut exams = ExamDates::new(0.95);
        // 90 facts never answered, 25 days before the exam's last week: 4 a day.
        exams.set(DeckId::new("d").unwrap(), jiff::civil::date(2026, 2, 2));
        // f000..f009 met yesterday, forward; their reverse cards are new.
        let mut states = CardStates::default();
        for f in &w.facts[..10] {
            let k = key("d", f, Direction::Forward);
            states.insert(k.clone(), answered(&k, Grade::Good, "2025-12-31T11:00:00Z"));
        }
        let run = |states: &CardStates, done: &DayCounts| {
            let input = QueueInput {
                cards: &cards,
                states,
                scheduler: &scheduler,
                day: &d,
                settings: &s,
                filter: &Filter::default(),
                done,
            };
            let deck = DeckId::new("d").unwrap();
            let quota = exam_new_quotas(&input, &exams)[&deck];
            // What `recall stats` adds back for "N new facts a day".
            let quota = (quota, introduced_today(&input, &deck));
            let q = build_queue_with_exam_dates(&input, &exams);
            let firsts: Vec<String> = q
                .iter()
                .filter(|e| e.is_new && e.key.direction == Direction::Forward)
                .map(|e| e.key.fact.to_string())
                .collect();
            (quota, firsts, q.iter().filter(|e| e.is_new).count())
        };
        let (quota, firsts, new) = run(&states, &DayCounts::default());
        assert_eq!(quota, (4, 0));
        assert_eq!(firsts, ["f010", "f011", "f012", "f013"]);
        // The ten reverse cards of facts met before, and four facts never seen.
        assert_eq!(new, 14);
        // Two of those reverse cards answered today: still four new facts to meet.
        let mut states2 = states.clone();
        let mut done = DayCounts { answers: 2, new_cards: 2, ..DayCounts::default() };
        for f in &w.facts[..2] {
            let k = key("d", f, Direction::Reverse);
            states2.insert(k.clone(), answered(&k, Grade::Good, "2026-01-01T11:00:00Z"));
            done.new_facts.insert((DeckId::new("d").unwrap(), f.id.clone()));
            done.first_answered.insert(k);
        }
        let (quota, firsts, _) = run(&states2, &done);
        assert_eq!((quota, firsts.len()), ((4, 0), 4));
        // A fact first met today (f050) does take its share.
        let k = key("d", &w.facts[50], Direction::Forward);
        states2.insert(k.clone(), answered(&k, Grade::Good, "2026-01-01T11:30:00Z"));
        done.new_facts.insert((DeckId::new("d").unwrap(), w.facts[50].id.clone()));
        done.first_answered.insert(k);
        let (quota, firsts, _) = run(&states2, &done);
        assert_eq!((quota, firsts.len()), ((3, 1), 3));
    }

    #[test]
    fn stored_cards_of_no_loaded_deck_are_never_asked() {
        // Imported history (`history.*` decks) has states but no deck: nothing to ask.
        let w = World::new(1);
        let cards = w.cards();
        let mut states = CardStates::default();
        let imported: CardKey = "history.log/c1/forward".parse().unwrap();
        states.insert(imported.clone(), answered(&imported, Grade::Again, "2026-01-01T10:00:00Z"));
        let q = queue(
            &cards,
            &states,
            &settings(),
            &Filter::default(),
            &DayCounts::default(),
            "2026-01-02T12:00:00Z",
        );
        assert_eq!(keys(&q), ["d/f000/forward"]);
    }

    fn input_without_exam(cards: &[(CardKey, &Fact)], states: &CardStates, s: &Settings) -> usize {
        queue(cards, states, s, &Filter::default(), &DayCounts::default(), "2026-01-01T12:00:00Z")
            .len()
    }

    #[test]
    fn new_cards_in_deck_order_one_sibling_per_fact_up_to_the_limit() {
        let w = World::new(30);
        let cards = w.cards();
        let s = settings();
        let q = queue(
            &cards,
            &CardStates::default(),
            &s,
            &Filter::default(),
            &DayCounts::default(),
            "2026-01-01T12:00:00Z",
        );
        assert_eq!(q.len(), 20);
        assert!(q.iter().all(|e| e.is_new && e.key.direction == Direction::Forward));
        assert_eq!(q[0].key.to_string(), "d/f000/forward");
        assert_eq!(q[19].key.to_string(), "d/f019/forward");
        // Already introduced today: 15 new cards, of facts f000..f014.
        let done = DayCounts {
            answers: 15,
            new_cards: 15,
            new_facts: w.facts[..15]
                .iter()
                .map(|f| (DeckId::new("d").unwrap(), f.id.clone()))
                .collect(),
            ..DayCounts::default()
        };
        let q = queue(
            &cards,
            &CardStates::default(),
            &s,
            &Filter::default(),
            &done,
            "2026-01-01T12:00:00Z",
        );
        assert_eq!(
            keys(&q),
            [
                "d/f015/forward",
                "d/f016/forward",
                "d/f017/forward",
                "d/f018/forward",
                "d/f019/forward"
            ]
        );
    }

    /// A mock paper's first-time questions (10 facts, forward) leave the day's 20 new cards
    /// alone by default, and use them up when the learner says so; either way none of those
    /// facts gets its reverse card introduced the same day.
    #[test]
    fn a_papers_first_time_questions_leave_the_new_card_limit_alone_by_default() {
        let w = World::new(40);
        let cards = w.cards();
        let mut states = CardStates::default();
        let mut done = DayCounts::default();
        for f in &w.facts[..10] {
            let k = key("d", f, Direction::Forward);
            states.insert(k.clone(), answered(&k, Grade::Good, "2026-01-01T10:00:00Z"));
            done.paper_new_facts.insert((DeckId::new("d").unwrap(), f.id.clone()));
        }
        (done.paper_new_cards, done.answers) = (10, 10);
        let new_keys = |s: &Settings| -> Vec<String> {
            queue(&cards, &states, s, &Filter::default(), &done, "2026-01-01T12:00:00Z")
                .iter()
                .filter(|e| e.is_new)
                .map(|e| e.key.to_string())
                .collect()
        };
        let by_default = new_keys(&settings());
        assert_eq!(by_default.len(), 20);
        assert_eq!(by_default[0], "d/f010/forward");
        assert_eq!(by_default[19], "d/f029/forward");
        assert!(by_default.iter().all(|k| k.ends_with("/forward")), "{by_default:?}");
        let counting = Settings { papers_use_new_cards: true, ..settings() };
        let counted = new_keys(&counting);
        assert_eq!(counted.len(), 10);
        assert_eq!(counted[0], "d/f010/forward");
        assert_eq!(done.new_cards_used(&settings()), 0);
        assert_eq!(done.new_cards_used(&counting), 10);
        assert_eq!(done.facts_introduced(&settings()).count(), 0);
        assert_eq!(done.facts_introduced(&counting).count(), 10);
    }

    #[test]
    fn due_cards_come_first_most_at_risk_first_then_new() {
        let w = World::new(5);
        let cards = w.cards();
        let s = settings();
        let mut states = CardStates::default();
        // f000 learnt 10 days ago (Good: stability 2.3 d, long overdue: most at risk);
        // f001 learnt 3 days ago; f002 learnt today (not due).
        let k0 = key("d", &w.facts[0], Direction::Forward);
        let k1 = key("d", &w.facts[1], Direction::Forward);
        let k2 = key("d", &w.facts[2], Direction::Forward);
        states.insert(k1.clone(), answered(&k1, Grade::Good, "2026-01-07T12:00:00Z"));
        states.insert(k0.clone(), answered(&k0, Grade::Good, "2026-01-01T12:00:00Z"));
        states.insert(k2.clone(), answered(&k2, Grade::Good, "2026-01-10T09:00:00Z"));
        let q = queue(
            &cards,
            &states,
            &s,
            &Filter::default(),
            &DayCounts::default(),
            "2026-01-10T12:00:00Z",
        );
        let ks = keys(&q);
        assert_eq!(ks[0], "d/f000/forward");
        assert_eq!(ks[1], "d/f001/forward");
        assert!(q[0].retrievability.unwrap() < q[1].retrievability.unwrap());
        assert!(!ks.contains(&"d/f002/forward".to_owned()));
        // Then new cards: f000..f002 have a reviewed sibling, so their reverse cards are new too;
        // one new card per fact, in deck order, never next to a sibling.
        assert!(q[2..].iter().all(|e| e.is_new));
        for pair in q.windows(2) {
            assert_ne!(pair[0].key.fact, pair[1].key.fact, "{ks:?}");
        }
        assert_eq!(q.len(), 2 + 5);
    }

    #[test]
    fn days_passing_bring_cards_due() {
        let w = World::new(1);
        let cards: Vec<_> = w.cards().into_iter().take(1).collect();
        let s = settings();
        let k = &cards[0].0;
        let mut states = CardStates::default();
        states.insert(k.clone(), answered(k, Grade::Good, "2026-01-01T20:00:00Z")); // due in 2 d
        let none = DayCounts::default();
        let f = Filter::default();
        assert!(queue(&cards, &states, &s, &f, &none, "2026-01-02T20:00:00Z").is_empty());
        // Due on the 3rd at 20:00, but due means "due today": from the 3rd's 4 a.m. rollover.
        assert!(queue(&cards, &states, &s, &f, &none, "2026-01-03T03:59:00Z").is_empty());
        assert_eq!(queue(&cards, &states, &s, &f, &none, "2026-01-03T04:00:00Z").len(), 1);
        // Again brings it back after 10 minutes, same day.
        let again = answered(k, Grade::Again, "2026-01-01T20:00:00Z");
        states.insert(k.clone(), again);
        let q = queue(&cards, &states, &s, &f, &none, "2026-01-01T20:11:00Z");
        assert_eq!(q.len(), 1);
        assert!(!q[0].is_new);
    }

    #[test]
    fn the_review_limit_caps_the_queue() {
        let w = World::new(50);
        let cards = w.cards();
        let mut s = settings();
        s.reviews_per_day = 30;
        s.new_per_day = 100;
        let mut states = CardStates::default();
        for (k, _) in cards.iter().filter(|(k, _)| k.direction == Direction::Forward).take(25) {
            states.insert(k.clone(), answered(k, Grade::Good, "2026-01-01T12:00:00Z"));
        }
        let f = Filter::default();
        let q = queue(&cards, &states, &s, &f, &DayCounts::default(), "2026-01-05T12:00:00Z");
        assert_eq!(q.len(), 30);
        assert_eq!(q.iter().filter(|e| !e.is_new).count(), 25);
        let done = DayCounts { answers: 28, ..DayCounts::default() };
        assert_eq!(queue(&cards, &states, &s, &f, &done, "2026-01-05T12:00:00Z").len(), 2);
        let done = DayCounts { answers: 40, ..DayCounts::default() };
        assert!(queue(&cards, &states, &s, &f, &done, "2026-01-05T12:00:00Z").is_empty());
    }

    #[test]
    fn siblings_are_never_adjacent_and_a_lone_sibling_waits_for_tomorrow() {
        let w = World::new(2);
        let cards = w.cards();
        let s = settings();
        let mut states = CardStates::default();
        for (k, _) in &cards {
            states.insert(k.clone(), answered(k, Grade::Good, "2026-01-01T12:00:00Z"));
        }
        let q = queue(
            &cards,
            &states,
            &s,
            &Filter::default(),
            &DayCounts::default(),
            "2026-01-05T12:00:00Z",
        );
        assert_eq!(q.len(), 4);
        for pair in q.windows(2) {
            assert_ne!(pair[0].key.fact, pair[1].key.fact, "{:?}", keys(&q));
        }
        // Only one fact: its second card cannot be spaced apart today.
        let one: Vec<_> = cards[..2].to_vec();
        let q = queue(
            &one,
            &states,
            &s,
            &Filter::default(),
            &DayCounts::default(),
            "2026-01-05T12:00:00Z",
        );
        assert_eq!(q.len(), 1);
    }

    #[test]
    fn filters_by_deck_topic_and_tag_and_skip_suspended() {
        let a = fact("a", Some("Defence"), &["india-us"]);
        let b = fact("b", Some("Trade"), &["india-us", "wto"]);
        let c = fact("c", None, &[]);
        let cards = vec![
            (key("d1", &a, Direction::Forward), &a),
            (key("d1", &b, Direction::Forward), &b),
            (key("d2", &c, Direction::Forward), &c),
        ];
        let s = settings();
        let none = DayCounts::default();
        let run = |f: Filter, states: &CardStates| {
            keys(&queue(&cards, states, &s, &f, &none, "2026-01-01T12:00:00Z"))
        };
        let empty = CardStates::default();
        assert_eq!(
            run(Filter { decks: vec![DeckId::new("d2").unwrap()], ..Filter::default() }, &empty),
            ["d2/c/forward"]
        );
        assert_eq!(
            run(Filter { topic: Some("defence".into()), ..Filter::default() }, &empty),
            ["d1/a/forward"]
        );
        assert_eq!(
            run(Filter { tag: Some("WTO".into()), ..Filter::default() }, &empty),
            ["d1/b/forward"]
        );
        let mut suspended = CardStates::default();
        suspended.insert(cards[0].0.clone(), CardState { suspended: true, ..CardState::default() });
        assert_eq!(run(Filter::default(), &suspended), ["d1/b/forward", "d2/c/forward"]);
    }

    /// A buried card is left out until its bury ends, new or due; a suspended one always.
    #[test]
    fn buried_cards_wait_for_their_day_and_suspended_ones_for_good() {
        let w = World::new(3);
        let cards: Vec<(CardKey, &Fact)> =
            w.cards().into_iter().filter(|(k, _)| k.direction == Direction::Forward).collect();
        let s = settings();
        let none = DayCounts::default();
        // f000 due (answered Good four days ago), f001 new, f002 new.
        let mut states = CardStates::default();
        let due = answered(&cards[0].0, Grade::Good, "2026-01-01T12:00:00Z");
        let until = Some(t("2026-01-06T04:00:00Z"));
        states.insert(cards[0].0.clone(), CardState { buried_until: until, ..due.clone() });
        states
            .insert(cards[1].0.clone(), CardState { buried_until: until, ..CardState::default() });
        states.insert(cards[2].0.clone(), CardState { suspended: true, ..CardState::default() });
        let today = queue(&cards, &states, &s, &Filter::default(), &none, "2026-01-05T12:00:00Z");
        assert!(today.is_empty(), "{:?}", keys(&today));
        // The next day the bury is over; the suspended card still waits.
        let next = queue(&cards, &states, &s, &Filter::default(), &none, "2026-01-06T12:00:00Z");
        assert_eq!(keys(&next), ["d/f000/forward", "d/f001/forward"]);
        // A bury that ended long ago means nothing.
        states.insert(
            cards[0].0.clone(),
            CardState { buried_until: Some(t("2025-01-01T00:00:00Z")), ..due },
        );
        let q = queue(&cards, &states, &s, &Filter::default(), &none, "2026-01-05T12:00:00Z");
        assert_eq!(keys(&q)[0], "d/f000/forward");
    }

    #[test]
    fn kinds_follow_maturity_unless_forced() {
        let s = settings();
        assert_eq!(
            preferred_kinds(None, &s),
            [QuestionKind::MultipleChoice, QuestionKind::TrueFalse]
        );
        assert_eq!(preferred_kinds(Some(2.9), &s)[0], QuestionKind::MultipleChoice);
        assert_eq!(preferred_kinds(Some(3.0), &s)[0], QuestionKind::Typed);
        let custom = Settings { recognition_until_days: 10.0, ..settings() };
        assert_eq!(preferred_kinds(Some(8.0), &custom)[0], QuestionKind::MultipleChoice);

        let w = World::new(2);
        let cards = w.cards();
        let mut states = CardStates::default();
        let k0 = cards[0].0.clone();
        // Easy first answer: stability 8.3 d, a production card when due.
        states.insert(k0.clone(), answered(&k0, Grade::Easy, "2026-01-01T12:00:00Z"));
        let f = Filter::default();
        let q = queue(&cards, &states, &s, &f, &DayCounts::default(), "2026-01-09T12:00:00Z");
        assert_eq!(q[0].key, k0);
        assert_eq!(q[0].kinds[0], QuestionKind::Typed);
        assert_eq!(q[1].kinds[0], QuestionKind::MultipleChoice);
        let forced = Filter { force_kinds: vec![QuestionKind::Flashcard], ..Filter::default() };
        let q = queue(&cards, &states, &s, &forced, &DayCounts::default(), "2026-01-09T12:00:00Z");
        assert!(q.iter().all(|e| e.kinds == [QuestionKind::Flashcard]));
    }

    proptest::proptest! {
        /// Whatever the collection and the day so far: the limits hold, no card is asked twice,
        /// siblings are never adjacent, at most one new card per fact, and due cards come before
        /// new ones.
        #[test]
        fn queue_invariants(
            facts in proptest::collection::vec((1usize..4, proptest::collection::vec(0u8..6, 3)), 1..40),
            new_per_day in 0u32..15,
            reviews_per_day in 0u32..60,
            answers in 0u32..20,
            new_done in 0u32..10,
        ) {
            let settings = Settings { new_per_day, reviews_per_day, ..settings() };
            let fact_list: Vec<Fact> = (0..facts.len()).map(|i| fact(&format!("f{i}"), None, &[])).collect();
            let dirs = [Direction::Forward, Direction::Reverse, Direction::Cloze(1)];
            let mut cards = vec![];
            let mut states = CardStates::default();
            for (i, (n, ages)) in facts.iter().enumerate() {
                for (d, dir) in dirs.iter().take(*n).enumerate() {
                    let k = key("d", &fact_list[i], *dir);
                    // age 0: new; otherwise answered Good `age * 3` days before the 20th.
                    let age = ages[d];
                    if age > 0 {
                        let when = format!("2026-01-{:02}T12:00:00Z", 20 - u32::from(age) * 3);
                        states.insert(k.clone(), answered(&k, Grade::Good, &when));
                    }
                    cards.push((k, &fact_list[i]));
                }
            }
            let done = DayCounts { answers, new_cards: new_done, ..DayCounts::default() };
            let q = queue(&cards, &states, &settings, &Filter::default(), &done, "2026-01-20T12:00:00Z");
            proptest::prop_assert!(q.len() <= reviews_per_day.saturating_sub(answers) as usize);
            let new: Vec<_> = q.iter().filter(|e| e.is_new).collect();
            proptest::prop_assert!(new.len() <= new_per_day.saturating_sub(new_done) as usize);
            let new_facts: HashSet<_> = new.iter().map(|e| e.key.fact.clone()).collect();
            proptest::prop_assert_eq!(new_facts.len(), new.len());
            let unique: HashSet<_> = q.iter().map(|e| e.key.clone()).collect();
            proptest::prop_assert_eq!(unique.len(), q.len());
            for pair in q.windows(2) {
                proptest::prop_assert_ne!(&pair[0].key.fact, &pair[1].key.fact);
            }
            // Spreading siblings may hold a card back a few places, but the queue still opens
            // with a due card whenever one is due.
            if q.iter().any(|e| !e.is_new) {
                proptest::prop_assert!(!q[0].is_new);
            }
        }
    }
}
