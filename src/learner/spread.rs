//! Simulated learners who are not the model: FSRS-6 parameter sets drawn from the spread of
//! real learners, so that `recall simulate` tests exam-date scheduling against memories that
//! differ from the defaults the scheduler starts with.
//!
//! The spread is *summary quantiles*, not anybody's data: for each of the 21 FSRS-6 parameters,
//! the 5th, 10th, 25th, 50th, 75th, 90th and 95th percentile over 146 real Anki users whose
//! parameters the open srs-benchmark fitted (`result/FSRS-6.jsonl` of
//! github.com/open-spaced-repetition/srs-benchmark, users 1–49, 4899–4947 and 9181–9229, read
//! in December 2026). No per-user vector is compiled in (the repository states no licence;
//! quantiles are facts about the data). See docs/fsrs.md.
//!
//! A learner is drawn with one uniform number for the four initial stabilities (w0–w3: a
//! learner who forgets fast after a first Again forgets fast after a first Good too; treating
//! them as independent would make learners that no fit ever produced) and one uniform number
//! for each other parameter. Between the listed percentiles the value is interpolated
//! (geometrically for the stabilities, which span three orders of magnitude; linearly for the
//! rest); below the 5th and above the 95th percentile it is held at those, so the draw covers
//! the middle 90 % of real users and clamps the last 10 %. Every value is then clamped to the
//! bounds the `fsrs` optimizer itself keeps parameters in.

use rand::RngExt;
use rand::rngs::StdRng;

/// The percentiles of [`QUANTILES`]' columns.
pub const PERCENTILES: [f32; 7] = [0.05, 0.10, 0.25, 0.50, 0.75, 0.90, 0.95];

/// Per parameter (rows w0–w20), its value at each of [`PERCENTILES`] over the 146 users.
pub const QUANTILES: [[f32; 7]; 21] = [
    [0.0184, 0.0384, 0.0877, 0.1749, 0.5933, 2.3143, 3.7343],
    [0.1058, 0.1636, 0.4488, 1.0911, 3.1889, 10.7516, 18.0931],
    [0.271, 0.4315, 1.1262, 2.9119, 8.0163, 33.4243, 53.6869],
    [0.5523, 1.7794, 6.2268, 16.4173, 29.6364, 76.3158, 100.0],
    [6.6047, 6.7235, 6.8311, 7.0255, 7.2121, 7.34, 7.5148],
    [0.1007, 0.1613, 0.3563, 0.5427, 0.6955, 0.8637, 0.943],
    [1.9345, 1.981, 2.064, 2.2371, 2.471, 2.806, 2.9561],
    [0.001, 0.001, 0.001, 0.0118, 0.0591, 0.1415, 0.1669],
    [0.9792, 1.0697, 1.2352, 1.4594, 1.6933, 1.956, 2.1862],
    [0.0, 0.0, 0.0363, 0.1423, 0.2375, 0.385, 0.509],
    [0.5526, 0.6357, 0.809, 0.9806, 1.1946, 1.4154, 1.5168],
    [1.539, 1.5854, 1.7193, 1.8119, 1.86, 1.9053, 1.9199],
    [0.0633, 0.0735, 0.0978, 0.1155, 0.1409, 0.1785, 0.2124],
    [0.13, 0.1529, 0.2218, 0.3116, 0.3811, 0.4733, 0.5219],
    [1.6317, 1.9264, 2.1347, 2.2718, 2.3508, 2.4839, 2.6205],
    [0.0001, 0.0138, 0.1068, 0.2116, 0.3683, 0.5216, 0.6455],
    [1.8241, 2.2085, 2.7305, 3.001, 3.1737, 3.7408, 4.0065],
    [0.3404, 0.4584, 0.6022, 0.757, 0.9343, 1.2013, 1.4755],
    [0.0, 0.0, 0.0864, 0.2466, 0.4329, 0.6181, 0.7568],
    [0.0, 0.002, 0.0442, 0.1297, 0.1883, 0.2574, 0.3212],
    [0.058, 0.0733, 0.1341, 0.2178, 0.3271, 0.4594, 0.5635],
];

/// The bounds the `fsrs` crate's optimizer keeps each parameter in (its parameter clipper,
/// one relearning step, short-term on): a drawn set outside them is no set FSRS would fit.
const BOUNDS: [(f32, f32); 21] = [
    (0.001, 100.0),
    (0.001, 100.0),
    (0.001, 100.0),
    (0.001, 100.0),
    (1.0, 10.0),
    (0.001, 4.0),
    (0.001, 4.0),
    (0.001, 0.75),
    (0.0, 4.5),
    (0.0, 0.8),
    (0.001, 3.5),
    (0.001, 5.0),
    (0.001, 0.25),
    (0.001, 0.9),
    (0.0, 4.0),
    (0.0, 1.0),
    (1.0, 6.0),
    (0.0, 2.0),
    (0.0, 2.0),
    (0.01, 0.8),
    (0.1, 0.8),
];

/// The value of parameter `i` at quantile `u` (0–1), see the module docs.
pub fn at_quantile(i: usize, u: f32) -> f32 {
    let row = &QUANTILES[i];
    let geometric = i < 4;
    let u = u.clamp(PERCENTILES[0], PERCENTILES[6]);
    let k = PERCENTILES.iter().rposition(|&p| p <= u).unwrap_or(0).min(5);
    let (p0, p1) = (PERCENTILES[k], PERCENTILES[k + 1]);
    let f = (u - p0) / (p1 - p0);
    let (a, b) = (row[k], row[k + 1]);
    let value = if geometric { a * (b / a).powf(f) } else { a + (b - a) * f };
    value.clamp(BOUNDS[i].0, BOUNDS[i].1)
}

/// The learner at quantile `u` of every parameter: `u = 0.5` is the median learner, smaller is
/// faster forgetting for the stabilities (other parameters at the same quantile).
pub fn learner_at(u: f32) -> [f32; 21] {
    std::array::from_fn(|i| at_quantile(i, u))
}

/// One learner drawn from the spread (see the module docs).
pub fn draw(rng: &mut StdRng) -> [f32; 21] {
    let initial: f32 = rng.random();
    std::array::from_fn(|i| {
        let u = if i < 4 { initial } else { rng.random() };
        at_quantile(i, u)
    })
}

/// Parameters with every value held within the bounds FSRS fits in (for a set given on the
/// command line, which may come from another tool).
pub fn clamp(parameters: &[f32; 21]) -> [f32; 21] {
    std::array::from_fn(|i| parameters[i].clamp(BOUNDS[i].0, BOUNDS[i].1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn quantiles_rise_and_draws_stay_in_bounds() {
        for row in QUANTILES {
            assert!(row.windows(2).all(|w| w[0] <= w[1]), "{row:?}");
        }
        let mut rng = StdRng::seed_from_u64(1);
        for _ in 0..200 {
            let w = draw(&mut rng);
            assert!(fsrs::FSRS::new(&w).is_ok(), "{w:?}");
            // One quantile for the four initial stabilities: they keep their order.
            assert!(w[0] <= w[1] * 1.001 && w[1] <= w[2] * 1.001 && w[2] <= w[3] * 1.001);
        }
    }

    #[test]
    fn the_median_learner_is_near_the_defaults_and_the_ends_are_far() {
        let median = learner_at(0.5);
        // Real users' median first-Good stability is about 2.9 days, the default's 3.2.
        assert!((median[2] - fsrs::DEFAULT_PARAMETERS[2]).abs() < 1.0, "{median:?}");
        assert!(learner_at(0.0)[2] < 0.3);
        assert!(learner_at(1.0)[2] > 50.0);
    }

    #[test]
    fn same_seed_same_learners() {
        let a: Vec<_> = (0..3).map(|_| draw(&mut StdRng::seed_from_u64(9))).collect();
        assert!(a.windows(2).all(|w| w[0] == w[1]));
    }
}
