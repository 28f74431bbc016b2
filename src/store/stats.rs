//! Queries for `recall stats` and `recall history`: the store's rows as the plain inputs of
//! [`crate::stats`] ([`CardFact`], [`ReviewFact`], [`SessionFact`]).
//!
//! Speed matters here: a heavy learner has a million review rows. Reviews name their card by
//! its text key, and statistics want an integer per card ([`CardId`]), so the fetch numbers the
//! cards once and maps review keys to numbers with a hash lookup on the borrowed text (no string
//! is allocated per review). Two indexes cover what is read, so the wide review rows are never
//! touched: `reviews_time` gives the reviews of the statistics' windows one by one, and
//! `reviews_card` lets SQLite count the older ones per card ([`Store::stats_rows_since`]).

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use jiff::Timestamp;
use rusqlite::types::ValueRef;

use super::{Store, StoreError, opt_ts, sql, ts};
use crate::ids::CardKey;
use crate::stats::index::IdHasher;
use crate::stats::{CardFact, CardId, CardState, CardTally, Mode, ReviewFact, SessionFact};

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

fn phase(text: &str) -> Option<CardState> {
    match text {
        "new" => Some(CardState::New),
        "learning" => Some(CardState::Learning),
        "review" => Some(CardState::Review),
        "relearning" => Some(CardState::Relearning),
        _ => None,
    }
}

fn new_card(id: CardId, card: CardKey) -> CardFact {
    CardFact {
        id,
        card,
        stability: None,
        difficulty: None,
        due: None,
        last_review: None,
        reps: 0,
        lapses: 0,
        state: CardState::New,
    }
}

/// The cards as they are numbered during a fetch: every stored card, then the cards met only
/// in reviews.
struct Numbering {
    cards: Vec<CardFact>,
    ids: HashMap<Box<str>, Option<CardId>, BuildHasherDefault<IdHasher>>,
}

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
            self.cards.push(new_card(id, key));
            id
        });
        self.ids.insert(text.into(), id);
        id
    }
}

fn text_of(value: ValueRef<'_>) -> &[u8] {
    match value {
        ValueRef::Text(bytes) => bytes,
        _ => b"",
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
    /// the statistics' windows: counting it in SQL costs half of reading it row by row.
    pub fn stats_rows_since(&self, since: Timestamp) -> Result<StatsRows, StoreError> {
        self.stats_rows_from(Some(since))
    }

    fn stats_rows_from(&self, since: Option<Timestamp>) -> Result<StatsRows, StoreError> {
        let mut numbering = Numbering { cards: Vec::new(), ids: HashMap::default() };
        {
            let mut stmt = self
                .conn
                .prepare(
                    "SELECT key, phase, stability, difficulty, due, reps, lapses, last_review
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
                    Ok(CardFact {
                        id,
                        card,
                        stability: sql(row.get(2))?,
                        difficulty: sql(row.get(3))?,
                        due: opt_ts(sql(row.get(4))?)?,
                        last_review: opt_ts(sql(row.get(7))?)?,
                        reps: super::count(sql(row.get(5))?)?,
                        lapses: super::count(sql(row.get(6))?)?,
                        state: phase(&phase_text)
                            .ok_or_else(|| format!("unknown card phase `{phase_text}`"))?,
                    })
                })()
                .map_err(|d| self.bad(d))?;
                numbering.ids.insert(key.into_boxed_str(), Some(id));
                numbering.cards.push(fact);
            }
        }

        let mut counted = Vec::new();
        if let Some(since) = since {
            // A walk of the narrow `reviews_card` index in card order, aggregated by SQLite.
            let mut stmt = self
                .conn
                .prepare(
                    "SELECT card, count(*), sum(correct) FROM reviews INDEXED BY reviews_card
                     WHERE time < ?1 GROUP BY card",
                )
                .map_err(|e| self.err(e))?;
            let mut rows = stmt.query([since.as_second()]).map_err(|e| self.err(e))?;
            while let Some(row) = rows.next().map_err(|e| self.err(e))? {
                let text = text_of(row.get_ref(0).map_err(|e| self.err(e))?);
                let Some(card) = numbering.id(std::str::from_utf8(text).unwrap_or("")) else {
                    continue;
                };
                let reviews: i64 = row.get(1).map_err(|e| self.err(e))?;
                let right: i64 = row.get(2).map_err(|e| self.err(e))?;
                counted.push(CardTally {
                    card,
                    reviews: super::count(reviews).map_err(|d| self.bad(d))?,
                    right: super::count(right).map_err(|d| self.bad(d))?,
                });
            }
        }

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
        // Look a key up again only when it changes (a session often asks a card twice).
        let mut previous: Vec<u8> = Vec::new();
        let mut id: Option<CardId> = None;
        let mut first = true;
        while let Some(row) = rows.next().map_err(|e| self.err(e))? {
            let text = text_of(row.get_ref(1).map_err(|e| self.err(e))?);
            if first || text != previous.as_slice() {
                first = false;
                previous.clear();
                previous.extend_from_slice(text);
                id = numbering.id(std::str::from_utf8(text).unwrap_or(""));
            }
            let Some(card) = id else { continue };
            let fact = (|| -> Result<ReviewFact, String> {
                let flags: i64 = sql(row.get(2))?;
                let state_before = match flags >> 2 {
                    0 => CardState::New,
                    1 => CardState::Learning,
                    2 => CardState::Relearning,
                    3 => CardState::Review,
                    _ => return Err("a review with an unknown card phase before it".to_owned()),
                };
                Ok(ReviewFact {
                    time: ts(sql(row.get(0))?)?,
                    card,
                    correct: flags & 1 != 0,
                    state_before,
                    // Only graduated cards' stabilities are read (true retention).
                    stability_before: if state_before == CardState::Review {
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
        Ok(StatsRows { cards: numbering.cards, counted, reviews })
    }

    /// Every session, oldest first, as `recall stats` and `recall history` show them.
    ///
    /// A session that was cut off (no end time, totals never written) is counted from its
    /// reviews, and its duration runs to its last answer. The duration is the end minus the
    /// start unless the session stored its own answering time (`duration_seconds` in its extra
    /// data, pauses excluded). Exam sessions keep `unanswered`, `max_score` and `marking` in
    /// their extra data.
    pub fn stats_sessions(&self) -> Result<Vec<SessionFact>, StoreError> {
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
            out.push(session_fact(row).map_err(|d| self.bad(d))?);
        }
        Ok(out)
    }
}

fn session_fact(row: &rusqlite::Row<'_>) -> Result<SessionFact, String> {
    let id: i64 = sql(row.get(0))?;
    let mode: String = sql(row.get(1))?;
    let mode: Mode = mode.parse().map_err(|e: crate::stats::input::InvalidMode| e.to_string())?;
    let decks: String = sql(row.get(2))?;
    let decks: Vec<String> =
        serde_json::from_str(&decks).map_err(|e| format!("session {id} decks ({e})"))?;
    let started = ts(sql(row.get(3))?)?;
    let ended = opt_ts(sql(row.get(4))?)?;
    let extra: Option<String> = sql(row.get(9))?;
    let extra: Option<serde_json::Value> = extra
        .map(|x| serde_json::from_str(&x))
        .transpose()
        .map_err(|e| format!("session {id} data ({e})"))?;
    let number = |key: &str| extra.as_ref().and_then(|x| x.get(key)).and_then(|v| v.as_f64());

    let (mut questions, mut right, mut wrong) = (
        super::count(sql(row.get(5))?)?,
        super::count(sql(row.get(6))?)?,
        super::count(sql(row.get(7))?)?,
    );
    let answers: Option<i64> = sql(row.get(10))?;
    let last = opt_ts(sql(row.get(12))?)?;
    if ended.is_none()
        && questions == 0
        && let Some(answers) = answers
    {
        // Cut off before its totals were written: count its answers.
        let answered_right: Option<i64> = sql(row.get(11))?;
        questions = super::count(answers)?;
        right = super::count(answered_right.unwrap_or(0))?;
        wrong = questions.saturating_sub(right);
    }
    let end = ended.or(last);
    let duration_seconds = match number("duration_seconds") {
        Some(d) if d >= 0.0 => d as u64,
        _ => end.map_or(0, |e| u64::try_from(e.duration_since(started).as_secs()).unwrap_or(0)),
    };
    let unanswered = number("unanswered").map_or(0, |n| n.max(0.0) as u32);
    let score: Option<f64> = sql(row.get(8))?;
    Ok(SessionFact {
        id,
        mode,
        decks,
        started,
        ended,
        questions,
        right,
        wrong,
        unanswered,
        score: score.unwrap_or(f64::from(right)),
        max_score: number("max_score").unwrap_or(0.0),
        marking: extra
            .as_ref()
            .and_then(|x| x.get("marking"))
            .and_then(|v| v.as_str())
            .map(str::to_owned),
        duration_seconds,
    })
}
