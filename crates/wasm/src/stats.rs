//! `wilsonInterval` and `newcombeDifference`: the interval estimates the
//! report uses, for callers who want them on their own figures.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::error::{Failure, Result};

/// A count argument: a non-negative integer.
fn count(value: f64, name: &str) -> Result<u64> {
    if value.fract() == 0.0 && (0.0..=9.0e15).contains(&value) {
        Ok(value as u64)
    } else {
        Err(Failure::argument(format!(
            "{name} must be a non-negative integer"
        )))
    }
}

#[derive(Serialize)]
struct Bounds {
    lower: f64,
    upper: f64,
}

#[derive(Serialize)]
struct Difference {
    difference: f64,
    lower: f64,
    upper: f64,
}

/// The Wilson score interval for `successes` of `trials` (no continuity
/// correction, clamped to [0, 1]); `null` when `trials` is 0.
/// `confidence` defaults to 0.95.
#[wasm_bindgen(js_name = wilsonInterval, unchecked_return_type = "Bounds | null")]
pub fn wilson_interval(successes: f64, trials: f64, confidence: Option<f64>) -> Result<JsValue> {
    let bounds = stegvis::stats::wilson_interval(
        count(successes, "successes")?,
        count(trials, "trials")?,
        confidence.unwrap_or(stegvis::stats::REPORT_CONFIDENCE),
    )?;
    crate::to_js(&bounds.map(|b| Bounds {
        lower: b.lower,
        upper: b.upper,
    }))
}

/// Newcombe's hybrid score interval (method 10) for k1/n1 − k2/n2; `null`
/// when either `n` is 0. `confidence` defaults to 0.95.
#[wasm_bindgen(js_name = newcombeDifference, unchecked_return_type = "Difference | null")]
pub fn newcombe_difference(
    k1: f64,
    n1: f64,
    k2: f64,
    n2: f64,
    confidence: Option<f64>,
) -> Result<JsValue> {
    let difference = stegvis::stats::newcombe_difference(
        count(k1, "k1")?,
        count(n1, "n1")?,
        count(k2, "k2")?,
        count(n2, "n2")?,
        confidence.unwrap_or(stegvis::stats::REPORT_CONFIDENCE),
    )?;
    crate::to_js(&difference.map(|d| Difference {
        difference: d.difference,
        lower: d.lower,
        upper: d.upper,
    }))
}
