//! Interval estimates for proportions: the Wilson score interval for one
//! proportion and Newcombe's hybrid score interval for a difference of two
//! (Newcombe 1998, method 10). Neither uses a continuity correction.

use statrs::distribution::{ContinuousCDF, Normal};

/// A two-sided interval `[lower, upper]`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bounds {
    /// Lower bound.
    pub lower: f64,
    /// Upper bound.
    pub upper: f64,
}

/// A difference of two proportions with its interval.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Difference {
    /// p1 − p2.
    pub difference: f64,
    /// Lower bound.
    pub lower: f64,
    /// Upper bound.
    pub upper: f64,
}

/// Arguments that no interval exists for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum StatsError {
    /// More successes than trials.
    #[error("successes exceed trials")]
    SuccessesExceedTrials,
    /// A confidence level outside (0, 1).
    #[error("confidence must lie strictly between 0 and 1")]
    InvalidConfidence,
}

impl StatsError {
    /// The stable code, `invalid_argument`.
    pub fn code(self) -> &'static str {
        "invalid_argument"
    }
}

/// The confidence level used in reports.
pub const REPORT_CONFIDENCE: f64 = 0.95;

/// The two-sided standard normal quantile for `confidence`
/// (1.959964… for 0.95).
pub fn z_for(confidence: f64) -> Result<f64, StatsError> {
    if !(confidence > 0.0 && confidence < 1.0) {
        return Err(StatsError::InvalidConfidence);
    }
    let standard = Normal::standard();
    Ok(standard.inverse_cdf(0.5 + confidence / 2.0))
}

/// The Wilson score interval for `successes` of `trials`, clamped to [0, 1];
/// `None` when `trials` is 0.
///
/// ```
/// let b = stegvis::stats::wilson_interval(81, 263, 0.95).unwrap().unwrap();
/// assert!((b.lower - 0.2553).abs() < 5e-5 && (b.upper - 0.3662).abs() < 5e-5);
/// ```
pub fn wilson_interval(
    successes: u64,
    trials: u64,
    confidence: f64,
) -> Result<Option<Bounds>, StatsError> {
    let z = z_for(confidence)?;
    wilson_with_z(successes, trials, z)
}

pub(crate) fn wilson_with_z(
    successes: u64,
    trials: u64,
    z: f64,
) -> Result<Option<Bounds>, StatsError> {
    if successes > trials {
        return Err(StatsError::SuccessesExceedTrials);
    }
    if trials == 0 {
        return Ok(None);
    }
    let n = trials as f64;
    let p = successes as f64 / n;
    let z2 = z * z;
    let denominator = 1.0 + z2 / n;
    let centre = (p + z2 / (2.0 * n)) / denominator;
    let half = z / denominator * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt();
    // At p = 0 or 1 one bound is exactly 0 or 1; rounding must not hide that.
    let lower = if successes == 0 {
        0.0
    } else {
        (centre - half).clamp(0.0, 1.0)
    };
    let upper = if successes == trials {
        1.0
    } else {
        (centre + half).clamp(0.0, 1.0)
    };
    Ok(Some(Bounds { lower, upper }))
}

/// Newcombe's hybrid score interval for p1 − p2 = k1/n1 − k2/n2;
/// `None` when either `n` is 0.
///
/// ```
/// let d = stegvis::stats::newcombe_difference(56, 70, 48, 80, 0.95).unwrap().unwrap();
/// assert!((d.lower - 0.0524).abs() < 5e-5 && (d.upper - 0.3339).abs() < 5e-5);
/// ```
pub fn newcombe_difference(
    k1: u64,
    n1: u64,
    k2: u64,
    n2: u64,
    confidence: f64,
) -> Result<Option<Difference>, StatsError> {
    let z = z_for(confidence)?;
    newcombe_with_z(k1, n1, k2, n2, z)
}

pub(crate) fn newcombe_with_z(
    k1: u64,
    n1: u64,
    k2: u64,
    n2: u64,
    z: f64,
) -> Result<Option<Difference>, StatsError> {
    let (Some(b1), Some(b2)) = (wilson_with_z(k1, n1, z)?, wilson_with_z(k2, n2, z)?) else {
        return Ok(None);
    };
    let p1 = k1 as f64 / n1 as f64;
    let p2 = k2 as f64 / n2 as f64;
    let difference = p1 - p2;
    let delta = ((p1 - b1.lower).powi(2) + (b2.upper - p2).powi(2)).sqrt();
    let epsilon = ((b1.upper - p1).powi(2) + (p2 - b2.lower).powi(2)).sqrt();
    Ok(Some(Difference {
        difference,
        lower: difference - delta,
        upper: difference + epsilon,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 5e-5
    }

    /// Newcombe (1998a), "Two-sided confidence intervals for the single
    /// proportion", Statistics in Medicine 17:857–872, Table I, method 3.
    #[test]
    fn wilson_matches_newcombe_1998_table_i() {
        for (k, n, lower, upper) in [
            (81, 263, 0.2553, 0.3662),
            (15, 148, 0.0624, 0.1605),
            (0, 20, 0.0, 0.1611),
            (1, 29, 0.0061, 0.1718),
        ] {
            let b = wilson_interval(k, n, 0.95).unwrap().unwrap();
            assert!(
                close(b.lower, lower) && close(b.upper, upper),
                "{k}/{n}: {b:?}"
            );
        }
    }

    /// Newcombe (1998b), "Interval estimation for the difference between
    /// independent proportions", Statistics in Medicine 17:873–890, Table II,
    /// method 10 (hybrid score, no continuity correction).
    #[test]
    fn newcombe_matches_newcombe_1998_table_ii() {
        for (k1, n1, k2, n2, lower, upper) in [
            (56, 70, 48, 80, 0.0524, 0.3339),
            (9, 10, 3, 10, 0.1705, 0.8090),
            (6, 7, 2, 7, 0.0582, 0.8062),
            (5, 56, 0, 29, -0.0381, 0.1926),
            (0, 10, 0, 20, -0.1611, 0.2775),
            (0, 10, 0, 10, -0.2775, 0.2775),
            (10, 10, 0, 20, 0.6791, 1.0),
            (10, 10, 0, 10, 0.6075, 1.0),
        ] {
            let d = newcombe_difference(k1, n1, k2, n2, 0.95).unwrap().unwrap();
            assert!(
                close(d.lower, lower) && close(d.upper, upper),
                "{k1}/{n1} - {k2}/{n2}: {d:?}"
            );
        }
    }

    #[test]
    fn z_for_95_percent() {
        assert!((z_for(0.95).unwrap() - 1.959_963_984_540_054).abs() < 1e-12);
        assert_eq!(z_for(1.0), Err(StatsError::InvalidConfidence));
    }

    #[test]
    fn undefined_and_invalid() {
        assert_eq!(wilson_interval(0, 0, 0.95), Ok(None));
        assert_eq!(
            wilson_interval(3, 2, 0.95),
            Err(StatsError::SuccessesExceedTrials)
        );
        assert_eq!(newcombe_difference(1, 2, 0, 0, 0.95), Ok(None));
    }
}
