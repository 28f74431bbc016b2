//! Queries for `recall stats` and `recall history`: the store's rows as the plain inputs of
//! [`crate::stats`] ([`CardFact`], [`ReviewFact`], [`SessionFact`]).
//!
//! Speed matters here: a heavy learner has a million review rows. Reviews name their card by
//! its number in `card_keys`, and statistics want their own dense number per card ([`CardId`]):
//! the fetch reads the card keys once and maps each review's number with a vector index (a card
//! is resolved by its key text the first time it is met). The index `reviews_time` covers what
//! is read of the reviews of the statistics' windows, so the wide review rows are never
//! touched; the older reviews are not read at all: `card_keys` keeps every card's tallies
//! (triggers update them with every review row), and those less the recent reviews are the
//! older ones ([`Store::stats_rows_since`]).

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use super::{
    PaperMeta, PaperStatus, SessionMode, SessionRecord, Store, StoreError, opt_ts, session_from,
    sql, ts,
};
use crate::ids::CardKey;
use crate::schedule::Phase;
use crate::stats::index::IdHasher;
use crate::stats::{CardFact, CardId, CardTally, ExamStatus, ReviewFact, SessionFact};
use jiff::Timestamp;

/// Card states as statistics see them, and every review, with the reviews' cards numbered.
#[derive(Clone, Debug, Default)]
pub struct StatsRows {
    /// Every card with a row in `cards`, then every other card that has reviews (cards answered
    /// only in cram sessions, which never get a state): those are new, with no memory.
    pub cards: Vec<CardFact>,
    /// Reviews before the `since` of [`Store::stats_rows_since`], counted per card (empty
    /// for [`Store::stats_rows`]).
    pub counted: Vec<CardTally>,
    /// The other reviews, oldest first. Reviews whose card key this version cannot parse are
    /// left out: they match no deck card.
    pub reviews: Vec<ReviewFact>,
}

/// The cards as they are numbered during a fetch: every stored card, then the cards met only
/// in reviews.
struct Numbering {
    cards: Vec<CardFact>,
    ids: HashMap<Box<str>, Option<CardId>, BuildHasherDefault<IdHasher>>,
    /// The key text of each card number (`card_keys`) not yet met in a review.
    keys: Vec<Option<Box<str>>>,
    /// What each card number met so far resolved to (inner `None`: a key this version cannot
    /// read).
    numbers: Vec<Option<Option<CardId>>>,
}

/// Card numbers beyond this (16 million cards) are refused as damage: SQLite numbers rows one
/// after the other, and the fetch keeps a vector slot per number.
const MAX_CARD_NUMBER: usize = 1 << 24;

impl Numbering {
    /// The number of the card with key `text`; a card not seen before (answered only in cram
    /// sessions, so without a state) is added as new. `None` for a key this version cannot
    /// read.
    fn id(&mut self, text: &str) -> Option<CardId> {
        if let Some(id) = self.ids.get(text) {
            return *id;
        }
        let id = text.parse::<CardKey>().ok().map(|key| {
            let id = CardId(self.cards.len() as i64);
            self.cards.push(CardFact::new(id, key));
            id
        });
        self.ids.insert(text.into(), id);
        id
    }

    /// The number of the card a review row names by its `card_keys` number; `None` for a
    /// number without a key (damage) or a key this version cannot read.
    fn of_number(&mut self, number: i64) -> Option<CardId> {
        let i = usize::try_from(number).ok()?;
        if let Some(Some(id)) = self.numbers.get(i) {
            return *id;
        }
        let key = self.keys.get_mut(i)?.take()?;
        let id = self.id(&key);
        self.numbers[i] = Some(id);
        id
    }
}

impl Store {
    /// Every card and every review, for [`crate::stats::compute_stats`].
    pub fn stats_rows(&self) -> Result<StatsRows, StoreError> {
        self.stats_rows_from(None)
    }

    /// Every card, the reviews from `since` on, and the reviews before it counted per card,
    /// for [`crate::stats::compute_stats_counted`] with `since` from
    /// [`crate::stats::detail_since`]. After a few years most of a long history is older than
    /// the statistics' windows: those reviews are not read at all, their per-card tallies
    /// come from `card_keys` (less the reviews from `since` on).
    pub fn stats_rows_since(&self, since: Timestamp) -> Result<StatsRows, StoreError> {
        self.stats_rows_from(Some(since))
    }

    fn stats_rows_from(&self, since: Option<Timestamp>) -> Result<StatsRows, StoreError> {
        let mut numbering = self.stored_cards()?;
        let mut tallies = self.card_numbers(&mut numbering)?;
        let reviews = self.stats_reviews(since, &mut numbering, &mut tallies)?;
        // The reviews before `since`, counted per card: each card's tallies (kept by triggers
        // with every review written) less its reviews read above. Without a `since` every
        // review was read.
        let counted = match since {
            Some(_) => self.older_reviews(&tallies, &mut numbering)?,
            None => Vec::new(),
        };
        Ok(StatsRows { cards: numbering.cards, counted, reviews })
    }

    /// Every card with a row in `cards`, numbered in table order.
    fn stored_cards(&self) -> Result<Numbering, StoreError> {
        let mut numbering = Numbering {
            cards: Vec::new(),
            ids: HashMap::default(),
            keys: Vec::new(),
            numbers: Vec::new(),
        };
        let mut stmt = self
            .conn
            .prepare(
                "SELECT key, phase, stability, difficulty, due, reps, lapses, last_review,
                        suspended, buried_until
                 FROM cards",
            )
            .map_err(|e| self.err(e))?;
        let mut rows = stmt.query([]).map_err(|e| self.err(e))?;
        while let Some(row) = rows.next().map_err(|e| self.err(e))? {
            let key: String = row.get(0).map_err(|e| self.err(e))?;
            let Ok(card) = key.parse::<CardKey>() else {
                // A key from a newer version: no deck card can match it.
                numbering.ids.insert(key.into_boxed_str(), None);
                continue;
            };
            let id = CardId(numbering.cards.len() as i64);
            let fact = (|| -> Result<CardFact, String> {
                let phase_text: String = sql(row.get(1))?;
                // Statistics count what is due as a session would ask it: a suspended card
                // never, a buried one not before its bury ends.
                let due: Option<Timestamp> = opt_ts(sql(row.get(4))?)?;
                let suspended: bool = sql(row.get(8))?;
                let buried_until: Option<Timestamp> = opt_ts(sql(row.get(9))?)?;
                let due = match (suspended, due, buried_until) {
                    (true, _, _) => None,
                    (false, Some(due), Some(until)) => Some(due.max(until)),
                    (false, due, _) => due,
                };
                Ok(CardFact {
                    id,
                    card,
                    stability: sql(row.get(2))?,
                    difficulty: sql(row.get(3))?,
                    due,
                    last_review: opt_ts(sql(row.get(7))?)?,
                    reps: super::count(sql(row.get(5))?)?,
                    lapses: super::count(sql(row.get(6))?)?,
                    phase: Phase::from_name(&phase_text)
                        .ok_or_else(|| format!("unknown card phase `{phase_text}`"))?,
                })
            })()
            .map_err(|d| self.bad(d))?;
            numbering.ids.insert(key.into_boxed_str(), Some(id));
            numbering.cards.push(fact);
        }
        Ok(numbering)
    }

    /// Every card number with its key (into `numbering`) and the tallies of all its reviews
    /// (`card_keys`: answers, right), indexed by card number.
    fn card_numbers(&self, numbering: &mut Numbering) -> Result<Vec<(i64, i64)>, StoreError> {
        let mut tallies: Vec<(i64, i64)> = Vec::new();
        let mut stmt = self
            .conn
            .prepare("SELECT id, key, answers, correct FROM card_keys")
            .map_err(|e| self.err(e))?;
        let mut rows = stmt.query([]).map_err(|e| self.err(e))?;
        while let Some(row) = rows.next().map_err(|e| self.err(e))? {
            let number: i64 = row.get(0).map_err(|e| self.err(e))?;
            let i = usize::try_from(number)
                .ok()
                .filter(|&i| i <= MAX_CARD_NUMBER)
                .ok_or_else(|| self.bad(format!("card number {number} out of range")))?;
            let key: String = row.get(1).map_err(|e| self.err(e))?;
            if i >= numbering.keys.len() {
                numbering.keys.resize(i + 1, None);
                tallies.resize(i + 1, (0, 0));
            }
            numbering.keys[i] = Some(key.into_boxed_str());
            tallies[i] =
                (row.get(2).map_err(|e| self.err(e))?, row.get(3).map_err(|e| self.err(e))?);
        }
        numbering.numbers = vec![None; numbering.keys.len()];
        Ok(tallies)
    }

    /// The reviews from `since` on (every review without it), oldest first, each taken off
    /// its card's `tallies`, so that what is left of them are the reviews before `since`.
    fn stats_reviews(
        &self,
        since: Option<Timestamp>,
        numbering: &mut Numbering,
        tallies: &mut [(i64, i64)],
    ) -> Result<Vec<ReviewFact>, StoreError> {
        let from = since.map_or(i64::MIN, |t| t.as_second());
        let count: i64 = self
            .conn
            .query_row("SELECT count(*) FROM reviews WHERE time >= ?1", [from], |r| r.get(0))
            .map_err(|e| self.err(e))?;
        let mut reviews = Vec::with_capacity(usize::try_from(count).unwrap_or(0));
        // A range of the `reviews_time` index, which covers every column read here, so the
        // wide review rows are never touched. Correct, cram and the phase before are packed
        // into one number by SQLite: every column read is a call into it, and a million rows
        // make those calls count.
        let mut stmt = self
            .conn
            .prepare(
                "SELECT time, card,
                        correct + 2 * cram + 4 * CASE coalesce(before_phase, 'new')
                            WHEN 'review' THEN 3 WHEN 'relearning' THEN 2
                            WHEN 'learning' THEN 1 WHEN 'new' THEN 0 ELSE 4 END,
                        before_stability
                 FROM reviews INDEXED BY reviews_time WHERE time >= ?1",
            )
            .map_err(|e| self.err(e))?;
        let mut rows = stmt.query([from]).map_err(|e| self.err(e))?;
        while let Some(row) = rows.next().map_err(|e| self.err(e))? {
            let number: i64 = row.get(1).map_err(|e| self.err(e))?;
            let flags: i64 = row.get(2).map_err(|e| self.err(e))?;
            // What is left of the card's tallies are its reviews before `since`.
            if let Some(tally) = usize::try_from(number).ok().and_then(|i| tallies.get_mut(i)) {
                tally.0 -= 1;
                tally.1 -= flags & 1;
            }
            let Some(card) = numbering.of_number(number) else { continue };
            let fact = (|| -> Result<ReviewFact, String> {
                let phase_before = match flags >> 2 {
                    0 => Phase::New,
                    1 => Phase::Learning,
                    2 => Phase::Relearning,
                    3 => Phase::Review,
                    _ => return Err("a review with an unknown card phase before it".to_owned()),
                };
                Ok(ReviewFact {
                    time: ts(sql(row.get(0))?)?,
                    card,
                    correct: flags & 1 != 0,
                    phase_before,
                    // Only graduated cards' stabilities are read (true retention).
                    stability_before: if phase_before == Phase::Review {
                        sql(row.get(3))?
                    } else {
                        None
                    },
                    cram: flags & 2 != 0,
                })
            })()
            .map_err(|d| self.bad(d))?;
            reviews.push(fact);
        }
        Ok(reviews)
    }

    /// The reviews left in `tallies` (those before `since`), counted per card.
    fn older_reviews(
        &self,
        tallies: &[(i64, i64)],
        numbering: &mut Numbering,
    ) -> Result<Vec<CardTally>, StoreError> {
        let mut counted = Vec::new();
        for (number, &(answers, right)) in tallies.iter().enumerate() {
            if answers <= 0 {
                continue;
            }
            let Some(card) = numbering.of_number(number as i64) else { continue };
            counted.push(CardTally {
                card,
                reviews: super::count(answers).map_err(|d| self.bad(d))?,
                // Never more than the reviews, whatever a damaged file says.
                right: super::count(right.clamp(0, answers)).map_err(|d| self.bad(d))?,
            });
        }
        Ok(counted)
    }

    /// Every session, oldest first, as `recall stats` and `recall history` show them
    /// ([`SessionRecord::to_session_fact`]). A session that was cut off is counted from the
    /// answers it saved.
    pub fn stats_sessions(&self) -> Result<Vec<SessionFact>, StoreError> {
        // The first ten columns are those `session_from` reads; the reviews are counted only
        // for sessions never ended.
        let mut stmt = self
            .conn
            .prepare(
                "SELECT s.id, s.mode, s.decks, s.started, s.ended, s.questions, s.right, s.wrong,
                        s.score, s.extra, c.answers, c.right, c.last
                 FROM sessions s
                 LEFT JOIN (SELECT session, count(*) AS answers, sum(correct) AS right,
                                   max(time) AS last
                            FROM reviews
                            WHERE session IN (SELECT id FROM sessions WHERE ended IS NULL)
                            GROUP BY session) c ON c.session = s.id
                 ORDER BY s.started, s.id",
            )
            .map_err(|e| self.err(e))?;
        let mut rows = stmt.query([]).map_err(|e| self.err(e))?;
        let mut out = Vec::new();
        while let Some(row) = rows.next().map_err(|e| self.err(e))? {
            let fact = (|| -> Result<SessionFact, String> {
                let record = session_from(row)?;
                let saved = match sql::<Option<i64>>(row.get(10))? {
                    Some(answers) => Some(SavedAnswers {
                        answers: super::count(answers)?,
                        right: super::count(sql::<Option<i64>>(row.get(11))?.unwrap_or(0))?,
                        last: opt_ts(sql(row.get(12))?)?,
                    }),
                    None => None,
                };
                Ok(record.session_fact(saved.as_ref()))
            })()
            .map_err(|d| self.bad(d))?;
            out.push(fact);
        }
        Ok(out)
    }
}

/// The answers a session saved as reviews, counted: what a session cut off before writing its
/// totals is known by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct SavedAnswers {
    answers: u32,
    right: u32,
    /// The time of the last answer.
    last: Option<Timestamp>,
}

impl SessionRecord {
    /// The session as statistics, `recall history` and the exam's comparison with earlier
    /// papers read it ([`SessionFact`]): the one conversion of a stored session.
    ///
    /// The duration is the end minus the start (0 while open), unless the session stored its
    /// own answering time (`extra.duration_seconds`, pauses excluded). Study and cram sessions
    /// get `score = right` and no exam fields. Exam sessions take `unanswered`, `max_score`,
    /// `marking` (as shown, `+2 / −2/3`), `scheme` (`upsc`) and `status` from `extra`
    /// ([`PaperMeta`]); `score` is
    /// the column (marks after negative marking, 0 when the paper was not marked). An exam still
    /// open is [`ExamStatus::Running`]; a closed one without a status was submitted.
    pub fn to_session_fact(&self) -> SessionFact {
        self.session_fact(None)
    }

    /// [`SessionRecord::to_session_fact`], with the answers the session saved for one that was
    /// cut off (no end): if its totals were never written it is counted from them, and it runs
    /// to its last answer.
    fn session_fact(&self, saved: Option<&SavedAnswers>) -> SessionFact {
        // Only papers write these keys; a study session's `extra` has none of them.
        let meta = PaperMeta::read(self.summary.extra.as_ref());
        let exam = self.mode == SessionMode::Exam;
        let open = self.summary.ended.is_none();

        let (mut questions, mut right, mut wrong) =
            (self.summary.questions, self.summary.right, self.summary.wrong);
        if open
            && questions == 0
            && let Some(saved) = saved
        {
            // Cut off before its totals were written: count its answers.
            questions = saved.answers;
            right = saved.right;
            wrong = questions.saturating_sub(right);
        }
        let end = self.summary.ended.or(if open { saved.and_then(|s| s.last) } else { None });
        let elapsed = end.map_or(0, |end| {
            u64::try_from(end.as_second() - self.started.as_second()).unwrap_or(0)
        });
        let duration_seconds = meta.duration_seconds.unwrap_or(elapsed);
        let status = match &meta.status {
            _ if !exam => None,
            _ if open => Some(ExamStatus::Running),
            Some(PaperStatus::Known(status)) => Some(*status),
            Some(PaperStatus::Unknown(_)) => None,
            None => Some(ExamStatus::Submitted),
        };
        SessionFact {
            id: self.id.0,
            mode: self.mode,
            decks: self.decks.iter().map(|d| d.to_string()).collect(),
            started: self.started,
            ended: self.summary.ended,
            questions,
            right,
            wrong,
            unanswered: if exam { meta.unanswered.unwrap_or(0) } else { 0 },
            score: match self.summary.score {
                Some(s) => s,
                None if exam => 0.0,
                None => f64::from(right),
            },
            max_score: if exam { meta.max_score.unwrap_or(0.0) } else { 0.0 },
            marking: if exam { meta.marking } else { None },
            scheme: if exam { meta.scheme } else { None },
            status,
            duration_seconds,
        }
    }
}
