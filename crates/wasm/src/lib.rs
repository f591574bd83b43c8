//! WebAssembly bindings of [`stegvis`], published to npm as `stegvis`.
//!
//! A thin layer: JavaScript values in, the core's results out, with
//! JavaScript naming (camelCase fields, `Programme.fromToml`) and real
//! `Error` objects carrying the core's stable `code`. Nothing here computes a
//! figure; see `crates/core` for that.
//!
//! ```js
//! import init, { Programme, evaluate } from "stegvis";
//! await init();
//! const programme = Programme.fromToml(tomlText);
//! const report = evaluate(programme, { participants, assessments, followUps }, { asOf: "2023-01-31" });
//! report.goals[0].share;              // 0.62
//! const publishable = report.suppress(5);
//! // Counts of disjoint sets of participants, combined (docs/partials.md#javascript):
//! const region = combine([partial(programme, east, { asOf: "2023-01-31" }), Partial.fromJson(westText)]);
//! ```

mod definition;
mod error;
mod feed;
mod input;
mod keys;
mod own;
mod partial;
mod participants;
mod programme;
mod progress;
mod report;
mod stats;
mod words;

use serde::Serialize;
use wasm_bindgen::prelude::*;

pub use error::Failure;
pub use feed::JsFeed;
pub use input::{table_of, workbook_tables};
pub use partial::{JsPartial, combine, partial, partition_of};
pub use participants::{JsDataset, JsParticipants, read_participants};
pub use programme::JsProgramme;
pub use report::{default_min_cell, evaluate, explain};
pub use stats::{newcombe_difference, wilson_interval};
pub use words::{Format, phrase, vocabulary, words};

/// The TypeScript types of the report and of the arguments.
#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = include_str!("types.d.ts");

/// Runs when the module is instantiated: a panic (a bug, never bad input)
/// is written to the console with its message instead of a bare trap.
#[wasm_bindgen(start, skip_typescript)]
fn start() {
    console_error_panic_hook::set_once();
}

/// Serialises to a plain JavaScript value: objects, not `Map`s; numbers,
/// not `BigInt`s.
fn to_js<T: Serialize + ?Sized>(value: &T) -> error::Result<JsValue> {
    Ok(value.serialize(&serde_wasm_bindgen::Serializer::json_compatible())?)
}

/// [`to_js`] with struct field names in camelCase, for results (reports,
/// explanations); map keys (data) stay as they are. See [`keys`].
fn to_js_camel<T: Serialize + ?Sized>(value: &T) -> error::Result<JsValue> {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    Ok(value.serialize(keys::CamelCase(&serializer))?)
}
