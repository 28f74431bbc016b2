//! The settings and the fitted FSRS parameters, as the progress file keeps them.

use rusqlite::{OptionalExtension, params};

use super::{Store, StoreError};
use crate::settings::Settings;
use jiff::Timestamp;

impl Store {
    /// The learner's settings: stored values over the defaults. Keys this version does not
    /// know (written by a newer one) are ignored; a known key with a bad value is an error.
    pub fn settings(&self) -> Result<Settings, StoreError> {
        let mut settings = Settings::default();
        for (key, value) in self.stored_settings()? {
            if Settings::is_key(&key) {
                settings.set(&key, &value).map_err(|e| self.bad(format!("setting {e}")))?;
            }
        }
        Ok(settings)
    }

    /// The settings rows as stored (only keys the learner changed).
    pub fn stored_settings(&self) -> Result<Vec<(String, String)>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT key, value FROM settings ORDER BY key")
            .map_err(|e| self.err(e))?;
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .map_err(|e| self.err(e))?
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| self.err(e))
    }

    /// Validates and stores one setting; returns the value as stored (normalized).
    pub fn set_setting(&self, key: &str, value: &str) -> Result<String, StoreError> {
        let mut settings = Settings::default();
        settings.set(key, value)?;
        let normalized = settings.get(key)?;
        self.conn
            .execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                params![key, normalized],
            )
            .map_err(|e| self.err(e))?;
        Ok(normalized)
    }

    /// Returns a setting to its default.
    pub fn reset_setting(&self, key: &str) -> Result<(), StoreError> {
        Settings::default().get(key)?; // rejects unknown keys
        self.conn.execute("DELETE FROM settings WHERE key = ?1", [key]).map_err(|e| self.err(e))?;
        Ok(())
    }

    /// The newest fitted FSRS parameters, `None` until the learner has optimized.
    pub fn fsrs_parameters(&self) -> Result<Option<Vec<f32>>, StoreError> {
        let json: Option<String> = self
            .conn
            .query_row(
                "SELECT parameters FROM fsrs_parameters ORDER BY created DESC, id DESC LIMIT 1",
                [],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.err(e))?;
        json.map(|j| {
            serde_json::from_str(&j).map_err(|e| self.bad(format!("FSRS parameters ({e})")))
        })
        .transpose()
    }

    /// How many long-term reviews the history held when the parameters in force were first
    /// fitted: 0 while they are FSRS's defaults. A fit that was no better saved the same
    /// parameters again and does not count, since the model whose predictions the recent
    /// reviews check has not changed (the calibration window, [`crate::learner::refit`],
    /// runs on from the fit that made it, as `recall simulate` keeps it).
    pub fn fsrs_model_fitted_at(&self) -> Result<u64, StoreError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT parameters, reviews FROM fsrs_parameters ORDER BY created DESC, id DESC",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))
            .map_err(|e| self.err(e))?;
        let parse = |json: &str| {
            serde_json::from_str::<Vec<f32>>(json)
                .map_err(|e| self.bad(format!("FSRS parameters ({e})")))
        };
        let mut in_force: Option<Vec<f32>> = None;
        let mut since = 0;
        for row in rows {
            let (json, reviews) = row.map_err(|e| self.err(e))?;
            let parameters = parse(&json)?;
            match &in_force {
                None => in_force = Some(parameters),
                Some(p) if *p != parameters => return Ok(since),
                Some(_) => {}
            }
            since = u64::try_from(reviews).unwrap_or(0);
        }
        // Every fit kept the same parameters: since the first, unless they are the defaults
        // the learner has had from the start.
        let defaults = in_force.is_some_and(|p| p == fsrs::DEFAULT_PARAMETERS);
        Ok(if defaults { 0 } else { since })
    }

    /// The newest fit: how many long-term reviews it was made on, and when; `None` before
    /// any.
    pub fn fsrs_last_fit(&self) -> Result<Option<(u64, Timestamp)>, StoreError> {
        let row: Option<(i64, i64)> = self
            .conn
            .query_row(
                "SELECT reviews, created FROM fsrs_parameters ORDER BY id DESC LIMIT 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .map_err(|e| self.err(e))?;
        row.map(|(n, at)| {
            let at = Timestamp::from_second(at)
                .map_err(|e| self.bad(format!("FSRS parameters' time ({e})")))?;
            Ok((u64::try_from(n).unwrap_or(0), at))
        })
        .transpose()
    }

    /// Study time answering (own answers, cram left out) since `since`, in seconds, and the
    /// time of the first such answer: the learner's recent pace.
    pub fn study_seconds_since(
        &self,
        since: Timestamp,
    ) -> Result<(f64, Option<Timestamp>), StoreError> {
        let (ms, first): (i64, Option<i64>) = self
            .conn
            .query_row(
                "SELECT coalesce(sum(duration_ms), 0), min(time) FROM reviews
                 WHERE time >= ?1 AND cram = 0 AND imported IS NULL",
                [since.as_second()],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .map_err(|e| self.err(e))?;
        let first = first.and_then(|t| Timestamp::from_second(t).ok());
        Ok((ms as f64 / 1000.0, first))
    }

    /// Stores newly fitted parameters (fitted on `reviews` reviews); older rows are kept.
    pub fn save_fsrs_parameters(
        &self,
        parameters: &[f32],
        created: Timestamp,
        reviews: u64,
    ) -> Result<(), StoreError> {
        let json = serde_json::to_string(parameters)
            .map_err(|e| self.bad(format!("FSRS parameters ({e})")))?;
        self.conn
            .execute(
                "INSERT INTO fsrs_parameters (created, parameters, reviews) VALUES (?1, ?2, ?3)",
                params![created.as_second(), json, reviews as i64],
            )
            .map_err(|e| self.err(e))?;
        Ok(())
    }
}
