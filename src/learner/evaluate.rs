//! How well FSRS parameters predict a review history: log loss and RMSE(bins), the two measures
//! of the open srs-benchmark, computed by the `fsrs` crate itself.
//!
//! Every long-term review of the history (see [`crate::learner::log`]) is predicted from the reviews
//! before it; same-day reviews only feed the history. The default parameters are scored over
//! the whole history, with the crate's recency weights (later reviews count more, as in Anki's
//! "evaluate"). Fitted parameters are scored honestly with five time-series splits: the history
//! is cut into six time-ordered segments, parameters are fitted on segments `0..=i` and scored
//! on segment `i + 1`, so no review is ever predicted by parameters that saw it.

use fsrs::{
    ComputeParametersInput, DEFAULT_PARAMETERS, FSRS, FSRSError, ItemProgress,
    evaluate_with_time_series_splits,
};

use crate::learner::log::HistoryItems;

/// The two benchmark measures; lower is better for both.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct Metrics {
    /// Mean binary cross-entropy of the predicted recall against pass (Hard/Good/Easy) or fail.
    pub log_loss: f64,
    /// Root mean squared gap between predicted and actual recall over bins of similar reviews
    /// (interval, review count, lapses), weighted by bin size.
    pub rmse_bins: f64,
}

impl From<fsrs::ModelEvaluation> for Metrics {
    fn from(e: fsrs::ModelEvaluation) -> Metrics {
        Metrics { log_loss: f64::from(e.log_loss), rmse_bins: f64::from(e.rmse_bins) }
    }
}

/// Why a history could not be evaluated.
#[derive(Debug, thiserror::Error)]
pub enum EvaluateError {
    #[error(
        "the history has {0} long-term reviews; evaluating needs at least {MIN_SPLIT_ITEMS} \
         (six time-ordered segments of reviews a day or more apart)"
    )]
    NotEnoughReviews(usize),
    #[error(
        "your history has {0} long-term reviews (answers a day or more after the card's \
         previous one); fitting FSRS needs at least {MIN_FIT_ITEMS}: keep studying (or import \
         a review log with `recall import-history`) and try again"
    )]
    TooFewToFit(usize),
    #[error("the FSRS parameters are invalid: {0}")]
    Parameters(FSRSError),
    #[error("evaluation was interrupted")]
    Interrupted,
    #[error("FSRS could not evaluate this history: {0}")]
    Fsrs(FSRSError),
}

impl From<FSRSError> for EvaluateError {
    fn from(e: FSRSError) -> EvaluateError {
        match e {
            FSRSError::Interrupted => EvaluateError::Interrupted,
            other => EvaluateError::Fsrs(other),
        }
    }
}

/// Fewer long-term reviews than this and the `fsrs` crate does not fit the model: under 8 it
/// returns the defaults, under 64 it only estimates the four initial stabilities.
pub const MIN_FIT_ITEMS: usize = 64;

/// Fits FSRS-6 parameters to the whole history (the crate's optimizer, short-term reviews
/// included). `progress`, if given, is updated as training goes (poll it from another thread;
/// setting `want_abort` interrupts).
pub fn fit_parameters(
    history: &HistoryItems,
    progress: Option<std::sync::Arc<std::sync::Mutex<fsrs::CombinedProgressState>>>,
) -> Result<Vec<f32>, EvaluateError> {
    if history.items.len() < MIN_FIT_ITEMS {
        return Err(EvaluateError::TooFewToFit(history.items.len()));
    }
    let input = ComputeParametersInput {
        train_set: history.items.clone(),
        card_ids: Some(history.card_ids.clone()),
        progress,
        ..ComputeParametersInput::default()
    };
    Ok(fsrs::compute_parameters(input)?)
}

/// Fits parameters to `history` and returns them if they predict it better (lower log loss)
/// than `current`: what `recall optimize` keeps, and what the automatic refits before an exam
/// (`recall study`, `recall simulate`) keep. `None` when the fit is no better.
pub fn refit_if_better(
    history: &HistoryItems,
    current: &[f32],
) -> Result<Option<Vec<f32>>, EvaluateError> {
    let fitted = fit_parameters(history, None)?;
    let before = evaluate_parameters(current, history)?;
    let after = evaluate_parameters(&fitted, history)?;
    Ok((after.log_loss < before.log_loss).then_some(fitted))
}

/// The time-series splits need at least one item per segment.
pub const MIN_SPLIT_ITEMS: usize = 6;

/// Scores fixed parameters over every long-term review of the history.
pub fn evaluate_parameters(
    parameters: &[f32],
    history: &HistoryItems,
) -> Result<Metrics, EvaluateError> {
    if history.items.is_empty() {
        return Err(EvaluateError::NotEnoughReviews(0));
    }
    let fsrs = FSRS::new(parameters).map_err(EvaluateError::Parameters)?;
    let evaluation =
        fsrs.evaluate_with_card_ids(history.items.clone(), history.card_ids.clone(), |_| true)?;
    Ok(evaluation.into())
}

/// Scores the crate's default FSRS-6 parameters.
pub fn evaluate_default(history: &HistoryItems) -> Result<Metrics, EvaluateError> {
    evaluate_parameters(&DEFAULT_PARAMETERS, history)
}

/// Fits parameters with five time-series splits and scores each split's parameters on the
/// segment after its training data. `progress(done, total)` is called as splits finish (in any
/// thread-safe order the crate chooses); returning `false` interrupts.
pub fn evaluate_fitted(
    history: &HistoryItems,
    mut progress: impl FnMut(usize, usize) -> bool,
) -> Result<Metrics, EvaluateError> {
    if history.items.len() < MIN_SPLIT_ITEMS {
        return Err(EvaluateError::NotEnoughReviews(history.items.len()));
    }
    let input = ComputeParametersInput {
        train_set: history.items.clone(),
        card_ids: Some(history.card_ids.clone()),
        ..ComputeParametersInput::default()
    };
    let evaluation =
        evaluate_with_time_series_splits(input, |p: ItemProgress| progress(p.current, p.total))?;
    Ok(evaluation.into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::learner::log::{ReviewRecord, to_fsrs_items};
    use crate::schedule::{Grade, LearnerDays};

    fn record(card_id: i64, rating: Grade, day: i64, hour: i64) -> ReviewRecord {
        let ms = (day * 24 + hour) * 3_600_000;
        ReviewRecord {
            card_id,
            rating,
            reviewed_at: jiff::Timestamp::from_millisecond(ms).unwrap(),
            duration_ms: None,
        }
    }

    /// FSRS-6 with the default parameters, written out from the published formulas so the
    /// test does not trust the crate it checks: initial stability S0(G) = w[G-1], and the
    /// power forgetting curve R(t, S) = (1 + factor * t / S)^(-decay) with
    /// factor = 0.9^(-1/decay) - 1.
    fn recall(t: f64, s: f64) -> f64 {
        let decay = f64::from(DEFAULT_PARAMETERS[20]);
        let factor = 0.9f64.powf(-1.0 / decay) - 1.0;
        (1.0 + factor * t / s).powf(-decay)
    }

    #[test]
    fn default_metrics_match_a_hand_computation() {
        use Grade::*;
        // Three cards, each a first review and one review some days later: the prediction for
        // the second review is R(days, S0(first rating)).
        let records = vec![
            record(1, Good, 0, 10),
            record(2, Again, 0, 11),
            record(3, Easy, 0, 12),
            record(1, Good, 3, 10),
            record(2, Again, 5, 10),
            record(3, Good, 20, 10),
        ];
        let days = LearnerDays::new(jiff::tz::TimeZone::UTC, 4);
        let history = to_fsrs_items(&records, &days);
        assert_eq!(history.items.len(), 3);
        let w = |i: usize| f64::from(DEFAULT_PARAMETERS[i]);
        // Items in time order: card 1 (day 3), card 2 (day 5), card 3 (day 20).
        let predictions = [recall(3.0, w(2)), recall(5.0, w(0)), recall(20.0, w(3))];
        let labels = [1.0, 0.0, 1.0];
        // Recency weights of the crate: 0.25 + 0.75 (i / (n - 1))^3.
        let weights = [0.25, 0.25 + 0.75 * 0.125, 1.0];
        let loss: f64 = (0..3)
            .map(|i| {
                let (p, y) = (predictions[i], labels[i]);
                -(y * p.ln() + (1.0 - y) * (1.0 - p).ln()) * weights[i]
            })
            .sum::<f64>()
            / weights.iter().sum::<f64>();
        // Each review is alone in its bin (intervals 3, 5 and 20 fall in different interval
        // bins of the crate: 2.48 * 3.62^k for k = 0, 1, 2), so RMSE(bins) is the
        // weighted root mean square of (prediction - outcome).
        let rmse = ((0..3).map(|i| (predictions[i] - labels[i]).powi(2) * weights[i]).sum::<f64>()
            / weights.iter().sum::<f64>())
        .sqrt();
        let m = evaluate_default(&history).unwrap();
        assert!((m.log_loss - loss).abs() < 1e-5, "{} vs {loss}", m.log_loss);
        assert!((m.rmse_bins - rmse).abs() < 1e-5, "{} vs {rmse}", m.rmse_bins);
    }

    #[test]
    fn same_bin_reviews_are_averaged_before_squaring() {
        use Grade::*;
        // Two cards with identical histories land in one bin: one passes, one fails, so the
        // bin's actual recall is 0.5 and RMSE(bins) = |p - 0.5| while log loss is per review.
        let records = vec![
            record(1, Good, 0, 10),
            record(2, Good, 0, 10),
            record(1, Good, 4, 10),
            record(2, Again, 4, 10),
        ];
        let days = LearnerDays::new(jiff::tz::TimeZone::UTC, 4);
        let history = to_fsrs_items(&records, &days);
        let p = recall(4.0, f64::from(DEFAULT_PARAMETERS[2]));
        let m = evaluate_default(&history).unwrap();
        assert!((m.rmse_bins - (p - 0.5).abs()).abs() < 1e-5, "{} vs {}", m.rmse_bins, p);
        let loss = -(0.25 * p.ln() + 1.0 * (1.0 - p).ln()) / 1.25;
        assert!((m.log_loss - loss).abs() < 1e-5, "{} vs {loss}", m.log_loss);
    }

    #[test]
    fn too_short_a_history_is_refused() {
        let history = HistoryItems::default();
        assert!(matches!(evaluate_default(&history), Err(EvaluateError::NotEnoughReviews(0))));
        assert!(matches!(
            evaluate_fitted(&history, |_, _| true),
            Err(EvaluateError::NotEnoughReviews(0))
        ));
    }
}
