//! Bulk import of review histories from elsewhere (CSV review logs, Anki collections).
//!
//! An imported review is a row of `reviews` with `imported` set to its origin, a text unique
//! per source review (`csv:<card id>:<epoch ms>`, `anki:<revlog id>`); a unique index on it
//! makes a repeated import add nothing twice. After the rows are in, every card that gained
//! a review has its whole history (imported and answered here, cram answers excepted) replayed
//! in time order through the [`Scheduler`], answer by answer exactly as a session would have
//! scheduled it, so its phase, memory, lapses and due date are what recall would have given
//! it; the before/after states of those review rows are rewritten to match, so undo and
//! history stay consistent. Everything happens in one transaction.
//!
//! Cards of a review log that belong to no deck live under a reserved deck id starting with
//! [`HISTORY_DECK_PREFIX`]: their history feeds `optimize` and `evaluate`, but no deck can
//! have such an id in a session, and `check` does not report them as orphans.

use std::collections::{BTreeMap, HashSet};

use jiff::Timestamp;
use rusqlite::{TransactionBehavior, params, params_from_iter};

use super::{StateColumns, Store, StoreError, card_number, sql, stored_grade, ts, upsert_card};
use crate::ids::CardKey;
use crate::schedule::{CardState, Grade, Scheduler, StudyDay};

pub use crate::ids::{HISTORY_DECK_PREFIX, is_history_deck};

/// One review from another program's log.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportedReview {
    pub card: CardKey,
    pub time: Timestamp,
    pub grade: Grade,
    pub duration_ms: u32,
    /// Unique per source review, e.g. `csv:<card_id>:<epoch_ms>` or `anki:<revlog id>`.
    pub origin: String,
}

/// One answer of the learner's history, as [`Store::review_log`] lists it.
#[derive(Clone, Debug, PartialEq)]
pub struct LoggedReview {
    /// The card key as stored (`deck/fact/direction`), followed by `#N` for answers after
    /// its N-th reset.
    pub card: String,
    pub time: Timestamp,
    pub grade: Grade,
}

/// What an import did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ImportCounts {
    /// Reviews stored now.
    pub added: u64,
    /// Reviews skipped because their origin was already stored (an earlier import).
    pub already_present: u64,
    /// Cards that gained reviews (and whose state was recomputed).
    pub cards: u64,
}

/// Reps before, reps after and stability after, as a stored review row has them.
type Stored = (i64, i64, Option<f64>);

/// One answer of a card's history during the replay: a stored row (its id, and reps before,
/// reps after and stability after as stored) or a new imported review.
struct Step<'a> {
    stored: Option<(i64, Stored)>,
    time: Timestamp,
    grade: Grade,
    new: Option<&'a ImportedReview>,
}

/// The statements an import runs for every card, prepared once.
struct Statements<'t> {
    /// A card's stored answers that moved its schedule, in time order.
    history: rusqlite::CachedStatement<'t>,
    insert: rusqlite::CachedStatement<'t>,
    rewrite: rusqlite::CachedStatement<'t>,
}

impl Store {
    /// Adds `reviews` (any order) as imported history and recomputes the state of every card
    /// that gained one by replaying its whole history with `scheduler`; learner days are
    /// counted in `day`'s zone and rollover hour (its instant is not used). One transaction:
    /// on error nothing is stored. A card's `suspended` flag is kept.
    ///
    /// Per card: read its stored history, merge the new reviews in, replay the whole history
    /// ([`Scheduler::replay_states`], pure), then write the new rows and rewrite the stored rows
    /// whose states the replay changed.
    pub fn import_reviews(
        &mut self,
        reviews: &[ImportedReview],
        scheduler: &Scheduler,
        day: &StudyDay,
    ) -> Result<ImportCounts, StoreError> {
        let path = self.path.clone();
        let e = |err| StoreError::sqlite(&path, err);
        let bad = |detail: String| StoreError::BadData { path: path.clone(), detail };
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(e)?;

        // Origins already stored, read in one pass (cheaper than one lookup per review).
        let stored: HashSet<String> = {
            let mut stmt =
                tx.prepare("SELECT imported FROM reviews WHERE imported IS NOT NULL").map_err(e)?;
            stmt.query_map([], |r| r.get(0)).map_err(e)?.collect::<Result<_, _>>().map_err(e)?
        };
        let (by_card, counts) = new_reviews_by_card(reviews, &stored);

        let mut statements = Statements::prepare(&tx).map_err(e)?;
        for (text, new) in &by_card {
            let key = &new[0].card;
            let number = card_number(&tx, text).map_err(e)?;
            let steps = statements.history_with(number, new).map_err(|err| match err {
                RowError::Sql(err) => e(err),
                RowError::Bad(detail) => bad(detail),
            })?;
            let answers: Vec<(Timestamp, Grade)> =
                steps.iter().map(|s| (s.time, s.grade)).collect();
            // A reset card starts afresh at its last reset: the answers before it are replayed
            // on their own (their rows keep true states), and only those after it make the
            // card's state; with none after, the card stays new.
            let reset = super::manage::last_reset(&tx, number).map_err(e)?;
            let split = reset.map_or(0, |at| answers.partition_point(|(t, _)| *t <= at));
            let mut states = Vec::with_capacity(answers.len());
            for part in [&answers[..split], &answers[split..]] {
                states.extend(
                    scheduler
                        .replay_states(key, part, day)
                        .map_err(|source| bad(format!("replaying {text}: {source}")))?,
                );
            }
            statements.write(number, &steps, &states).map_err(e)?;
            if split < answers.len()
                && let Some(state) = states.last()
            {
                upsert_card(&tx, key, state).map_err(e)?;
            }
        }
        drop(statements);
        tx.commit().map_err(e)?;
        Ok(counts)
    }

    /// Recomputes every card's memory (stability, difficulty) by replaying its history with
    /// `scheduler`, after new FSRS parameters were fitted; phases, due dates and counts are
    /// kept (as Anki does: the next answer schedules with the new memory). Learner days are
    /// counted in `day`'s zone and rollover hour. Returns how many cards were updated.
    pub fn recompute_memories(
        &mut self,
        scheduler: &Scheduler,
        day: &StudyDay,
    ) -> Result<u64, StoreError> {
        let path = self.path.clone();
        let e = |err| StoreError::sqlite(&path, err);
        let bad = |detail: String| StoreError::BadData { path: path.clone(), detail };
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(e)?;
        let mut updated = 0u64;
        {
            let mut stmt = tx
                .prepare(
                    "SELECT k.key, r.time, r.grade FROM reviews r JOIN card_keys k ON k.id = r.card
                     WHERE r.cram = 0 AND k.key IN (SELECT key FROM cards)
                        AND r.time > coalesce(
                            (SELECT max(time) FROM card_resets c WHERE c.card = r.card), -1e18)
                     ORDER BY r.card, r.time, r.id",
                )
                .map_err(e)?;
            let mut update = tx
                .prepare("UPDATE cards SET stability = ?2, difficulty = ?3 WHERE key = ?1")
                .map_err(e)?;
            let mut rows = stmt.query([]).map_err(e)?;
            let mut card: Option<String> = None;
            let mut history: Vec<(u32, Grade)> = Vec::new();
            let mut previous: Option<jiff::civil::Date> = None;
            let mut flush = |card: &str, history: &[(u32, Grade)]| -> Result<(), StoreError> {
                if let Some(m) = scheduler
                    .replay(history)
                    .map_err(|source| bad(format!("replaying {card}: {source}")))?
                {
                    update
                        .execute(params![card, f64::from(m.stability), f64::from(m.difficulty)])
                        .map_err(e)?;
                    updated += 1;
                }
                Ok(())
            };
            while let Some(row) = rows.next().map_err(e)? {
                let key: String = row.get(0).map_err(e)?;
                let seconds: i64 = row.get(1).map_err(e)?;
                let grade: i64 = row.get(2).map_err(e)?;
                let time = ts(seconds).map_err(bad)?;
                let grade = stored_grade(grade).map_err(bad)?;
                if card.as_deref() != Some(key.as_str()) {
                    if let Some(done) = card.take() {
                        flush(&done, &history)?;
                    }
                    history.clear();
                    previous = None;
                    card = Some(key);
                }
                let date = day.day_of(time);
                let delta = previous.map_or(0, |p| (date - p).get_days().max(0) as u32);
                previous = Some(date);
                history.push((delta, grade));
            }
            if let Some(done) = card {
                flush(&done, &history)?;
            }
        }
        tx.commit().map_err(e)?;
        Ok(updated)
    }

    /// Moves a card's due date (for importers that keep the source's schedule, such as an
    /// Anki collection's due dates). Returns false if the card has no row (it is new, and a
    /// new card has no due date).
    pub fn set_due(&self, key: &CardKey, due: Timestamp) -> Result<bool, StoreError> {
        let n = self
            .conn
            .execute(
                "UPDATE cards SET due = ?2 WHERE key = ?1",
                params![key.to_string(), due.as_second()],
            )
            .map_err(|e| self.err(e))?;
        Ok(n > 0)
    }

    /// Every answer that moved a schedule (imported or answered here; cram answers are left
    /// out), oldest first: the history `optimize` and `evaluate` fit and score FSRS on. The
    /// answers of a card after a reset (`recall reset`) are another card's history, named
    /// `KEY#N` for the N-th reset, since the card started afresh there.
    pub fn review_log(&self) -> Result<Vec<LoggedReview>, StoreError> {
        self.query_all(
            "SELECT k.key || coalesce('#' || nullif((SELECT count(*) FROM card_resets c
                        WHERE c.card = r.card AND c.time < r.time), 0), ''),
                    r.time, r.grade
             FROM reviews r JOIN card_keys k ON k.id = r.card
             WHERE r.cram = 0 ORDER BY r.time, r.id",
            [],
            |row| {
                Ok(LoggedReview {
                    card: sql(row.get(0))?,
                    time: ts(sql(row.get(1))?)?,
                    grade: stored_grade(sql(row.get(2))?)?,
                })
            },
        )
    }

    /// How many reviews are stored, and how many of them were imported.
    pub fn review_counts(&self) -> Result<(u64, u64), StoreError> {
        self.conn
            .query_row("SELECT count(*), count(imported) FROM reviews", [], |r| {
                Ok((r.get::<_, i64>(0)? as u64, r.get::<_, i64>(1)? as u64))
            })
            .map_err(|e| self.err(e))
    }
}

/// The reviews not stored yet (by origin, and not twice in `reviews`), by card key in input
/// order, with the counts of what an import adds.
fn new_reviews_by_card<'r>(
    reviews: &'r [ImportedReview],
    stored: &HashSet<String>,
) -> (BTreeMap<String, Vec<&'r ImportedReview>>, ImportCounts) {
    let mut counts = ImportCounts::default();
    let mut seen: HashSet<&str> = HashSet::with_capacity(reviews.len());
    let mut by_card: BTreeMap<String, Vec<&ImportedReview>> = BTreeMap::new();
    for r in reviews {
        if stored.contains(&r.origin) || !seen.insert(&r.origin) {
            counts.already_present += 1;
        } else {
            counts.added += 1;
            by_card.entry(r.card.to_string()).or_default().push(r);
        }
    }
    counts.cards = by_card.len() as u64;
    (by_card, counts)
}

/// Reading a stored row failed: in SQLite, or the row holds a value this version rejects.
enum RowError {
    Sql(rusqlite::Error),
    Bad(String),
}

impl From<rusqlite::Error> for RowError {
    fn from(e: rusqlite::Error) -> RowError {
        RowError::Sql(e)
    }
}

impl<'t> Statements<'t> {
    fn prepare(tx: &'t rusqlite::Transaction<'_>) -> rusqlite::Result<Statements<'t>> {
        Ok(Statements {
            history: tx.prepare_cached(
                "SELECT id, time, grade, before_reps, after_reps, after_stability
                 FROM reviews WHERE card = ?1 AND cram = 0 ORDER BY time, id",
            )?,
            insert: tx.prepare_cached(
                "INSERT INTO reviews (time, card, kind, response, correct, outcome, grade,
                    duration_ms, imported,
                    before_phase, before_stability, before_difficulty, before_due, before_reps,
                    before_lapses, before_last_review,
                    after_phase, after_stability, after_difficulty, after_due, after_reps,
                    after_lapses, after_last_review)
                 VALUES (?1, ?2, 'flashcard', '', ?3, ?4, ?5, ?6, ?7,
                    ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21)",
            )?,
            rewrite: tx.prepare_cached(
                "UPDATE reviews SET before_phase = ?2, before_stability = ?3,
                    before_difficulty = ?4, before_due = ?5, before_reps = ?6,
                    before_lapses = ?7, before_last_review = ?8,
                    after_phase = ?9, after_stability = ?10, after_difficulty = ?11,
                    after_due = ?12, after_reps = ?13, after_lapses = ?14,
                    after_last_review = ?15
                 WHERE id = ?1",
            )?,
        })
    }

    /// Card `number`'s whole history: its stored answers and the `new` reviews, in time order.
    fn history_with<'a>(
        &mut self,
        number: i64,
        new: &[&'a ImportedReview],
    ) -> Result<Vec<Step<'a>>, RowError> {
        let mut steps: Vec<Step<'a>> = Vec::new();
        let mut q = self.history.query([number])?;
        while let Some(row) = q.next()? {
            let grade: i64 = row.get(2)?;
            let seconds: i64 = row.get(1)?;
            let stability: Option<f64> = row.get(5)?;
            steps.push(Step {
                stored: Some((row.get(0)?, (row.get(3)?, row.get(4)?, stability))),
                time: ts(seconds).map_err(RowError::Bad)?,
                grade: stored_grade(grade).map_err(RowError::Bad)?,
                new: None,
            });
        }
        // Stored times are whole seconds; so are the new ones once stored.
        steps.extend(new.iter().map(|&r| Step {
            stored: None,
            time: Timestamp::from_second(r.time.as_second()).unwrap_or(r.time),
            grade: r.grade,
            new: Some(r),
        }));
        // Stable: stored rows keep their order, and come before new ones at the same time.
        steps.sort_by_key(|s| s.time);
        Ok(steps)
    }

    /// Writes card `number`'s replayed history: `states[i]` is the state after `steps[i]`.
    /// New reviews are inserted; a stored row is rewritten only if the replay changed it (an
    /// import older than the learner's own answers).
    fn write(
        &mut self,
        number: i64,
        steps: &[Step<'_>],
        states: &[CardState],
    ) -> rusqlite::Result<()> {
        let mut before: Option<&CardState> = None;
        for (step, after) in steps.iter().zip(states) {
            let b = StateColumns::of(before);
            let a = StateColumns::from(after);
            let columns = b.params().into_iter().chain(a.params());
            match (step.new, step.stored) {
                (Some(r), _) => {
                    let correct = r.grade != Grade::Again;
                    let head = params![
                        r.time.as_second(),
                        number,
                        correct,
                        if correct { "correct" } else { "wrong" },
                        r.grade.number(),
                        r.duration_ms,
                        r.origin,
                    ];
                    let all = head.iter().copied().chain(columns);
                    self.insert.execute(params_from_iter(all))?;
                }
                (None, Some((id, (before_reps, after_reps, stability))))
                    if (before_reps, after_reps, stability) != (b.reps, a.reps, a.stability) =>
                {
                    let all = [&id as &dyn rusqlite::ToSql].into_iter().chain(columns);
                    self.rewrite.execute(params_from_iter(all))?;
                }
                (None, _) => {}
            }
            before = Some(after);
        }
        Ok(())
    }
}
