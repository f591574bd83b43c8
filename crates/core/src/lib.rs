#![doc = include_str!("../README.md")]

pub mod data;
mod engine;
pub mod error;
pub mod model;
pub mod programme;
pub mod report;
pub mod stats;
pub mod trend;
pub mod vocab;
pub mod words;

pub use data::{CsvFiles, Dataset, DatasetBuilder, Encoding, Field};
pub use engine::{
    Counted, Episode, Explanation, GoalExplanation, Options, PARTIAL_FORMAT, PARTIAL_VERSION,
    Partial, Truth, partition_of,
};
pub use error::{DataError, Error, PartialError, ProgrammeError};
pub use model::{Assessment, ExitOutcome, FollowUp, Gender, Level, Participant, ParticipantId};
pub use programme::{Criterion, Programme};
pub use report::{Figure, Report};
pub use trend::{Period, Trend};
pub use words::Language;

/// Tolerance for comparing shares with targets and deviations with
/// tolerances (`docs/method.md#epsilon`).
pub const EPSILON: f64 = 1e-9;

/// Today's date on this machine's clock, the default as-of before capping.
#[cfg(feature = "clock")]
pub fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

/// Without a clock (WebAssembly builds pass as-of explicitly), the default
/// as-of is the latest representable date, which is then capped at the
/// programme's end.
#[cfg(not(feature = "clock"))]
pub fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::MAX
}

/// The repository README's Rust quick start, run as a doctest.
#[cfg(doctest)]
#[doc = include_str!("../../../README.md")]
struct ReadmeQuickStart;
