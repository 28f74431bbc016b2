//! Calibration while an exam is ahead: when the learner passes fewer long-term reviews than
//! their memory model predicts, retention and the exam target are raised by the gap, so the
//! plan does not rest on an optimistic model until the next refit corrects it.
//!
//! Over 200 simulated real learners (BENCHMARKS.md, issue 18) the lowest learner's mean recall
//! on the exam day was 0.957 without it and 0.962 with it. `recall study` and `recall
//! simulate` both compute the correction here, from the long-term reviews since the last fit
//! that changed the model.

use fsrs::{FSRS, FSRSError, FSRSItem};

use crate::schedule::exam_date::plan::Model;

/// Long-term reviews the calibration looks at: the most recent ones since the last fit.
pub const WINDOW: usize = 300;
/// Fewer long-term reviews than this since the last fit and the pass rate says too little.
pub const MIN_REVIEWS: usize = 50;
/// The correction never raises retention or target by more than this.
pub const MAX_GAP: f32 = 0.04;

/// What the recent long-term reviews say of the model: the recall it predicted on average,
/// the share passed, over how many, and the correction ([`check`]).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Check {
    pub predicted: f32,
    pub passed: f32,
    pub reviews: usize,
    /// How much to raise retention and the exam target by ([`raised`]); 0 for nothing.
    pub gap: f32,
}

/// The check of `recent` long-term reviews, oldest first, each (the recall the model predicted,
/// whether it was passed), over the last [`WINDOW`]: the gap is the predicted minus the
/// observed pass rate less one standard error (a gap within chance is no gap), within `0 ..=`
/// [`MAX_GAP`]. `None` under [`MIN_REVIEWS`].
pub fn check(recent: &[(f32, bool)]) -> Option<Check> {
    if recent.len() < MIN_REVIEWS {
        return None;
    }
    let recent = &recent[recent.len().saturating_sub(WINDOW)..];
    let n = recent.len() as f32;
    let predicted = recent.iter().map(|r| r.0).sum::<f32>() / n;
    let passed = recent.iter().filter(|r| r.1).count() as f32 / n;
    let se = (passed * (1.0 - passed) / n).sqrt();
    let gap = (predicted - passed - se).clamp(0.0, MAX_GAP);
    Some(Check { predicted, passed, reviews: recent.len(), gap })
}

/// How far the learner's true recall may lie from what the model predicts, when its
/// predictions have been checked against `reviews` long-term reviews: the half-width of a 95 %
/// range of a pass rate near 0.9, 1.96·√(0.09 / n), and with no review the default model's
/// spread over real learners, about 0.2 (the bound). `recall stats` shows the exam-day recall
/// and the minutes it takes within this range.
pub fn uncertainty(reviews: usize) -> f32 {
    (1.96 * (0.09 / reviews.max(1) as f32).sqrt()).min(0.2)
}

/// Retention and exam target raised by `gap`, within what the scheduler accepts.
pub fn raised(retention: f32, target: f32, gap: f32) -> (f32, f32) {
    ((retention + gap).min(0.97), (target + gap).min(0.99))
}

/// (predicted recall, passed) of the long-term reviews `items` end with (one FSRS item per
/// long-term review, as [`crate::learner::log::HistoryItems`] holds them), the prediction made
/// by the model of `parameters` from the card's answers before that review.
pub fn predictions(items: &[FSRSItem], parameters: &[f32]) -> Result<Vec<(f32, bool)>, FSRSError> {
    let filled = fsrs::check_and_fill_parameters(parameters)?;
    let fsrs = FSRS::new(&filled)?;
    let model = Model::new(&filled)?;
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        let Some((last, before)) = item.reviews.split_last() else { continue };
        if before.is_empty() {
            continue;
        }
        let memory = fsrs.memory_state(FSRSItem { reviews: before.to_vec() }, None)?;
        out.push((model.recall(memory, last.delta_t as f32), last.rating > 1));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use fsrs::FSRSReview;

    #[test]
    fn a_pass_rate_below_the_prediction_beyond_chance_raises_the_plan() {
        let gap = |recent: &[(f32, bool)]| check(recent).map(|c| c.gap);
        assert_eq!(gap(&[(0.9, true); 49]), None, "too few to say");
        // Predicted 0.9, passed 0.9: no gap.
        let matched: Vec<_> = (0..100).map(|i| (0.9, i % 10 != 0)).collect();
        assert_eq!(gap(&matched), Some(0.0));
        // Predicted 0.9, passed 0.8 of 100: 0.1 less one standard error (0.04).
        let short: Vec<_> = (0..100).map(|i| (0.9, i % 10 >= 2)).collect();
        let g = gap(&short).unwrap();
        assert!((g - 0.04).abs() < 1e-6, "{g}"); // 0.06, capped at MAX_GAP
        let slightly: Vec<_> = (0..300).map(|i| (0.9, i % 100 >= 13)).collect();
        let g = gap(&slightly).unwrap();
        assert!(g > 0.0 && g < 0.03, "{g}");
        // Passing more than predicted never lowers the plan.
        assert_eq!(gap(&[(0.8, true); 60]), Some(0.0));
        let c = check(&short).unwrap();
        assert_eq!((c.reviews, c.passed), (100, 0.8));
        assert!((c.predicted - 0.9).abs() < 1e-6);
        assert_eq!(raised(0.9, 0.95, 0.04), (0.94, 0.99));
        assert_eq!(raised(0.95, 0.98, 0.04), (0.97, 0.99));
    }

    #[test]
    fn the_uncertainty_narrows_as_reviews_accrue() {
        assert_eq!(uncertainty(0), 0.2);
        assert_eq!(uncertainty(5), 0.2);
        assert!((uncertainty(100) - 0.0588).abs() < 1e-3, "{}", uncertainty(100));
        assert!((uncertainty(10_000) - 0.00588).abs() < 1e-4);
        assert!(uncertainty(400) < uncertainty(100));
    }

    #[test]
    fn predictions_are_the_models_recall_before_each_long_term_review() {
        let review = |rating, delta_t| FSRSReview { rating, delta_t };
        let items = vec![
            FSRSItem { reviews: vec![review(3, 0), review(3, 3)] },
            FSRSItem { reviews: vec![review(3, 0), review(3, 3), review(1, 30)] },
        ];
        let p = predictions(&items, &fsrs::DEFAULT_PARAMETERS).unwrap();
        assert_eq!(p.len(), 2);
        assert!(p[0].1 && !p[1].1);
        // Three days after a first Good recall is high; thirty days after two Goods, lower.
        assert!(p[0].0 > 0.8 && p[0].0 < 1.0, "{p:?}");
        assert!(p[1].0 < p[0].0, "{p:?}");
    }
}
