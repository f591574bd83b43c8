//! Partial reports (`docs/partials.md#javascript`): `partial` counts one
//! set of participants, `combine` adds the counts of disjoint sets, and a
//! `Partial`'s `report()` is the report `evaluate` gives on the pooled data
//! (its data-quality issues without rows, `docs/partials.md#report`).
//! `partitionOf` spreads participants over partitions by a stable hash of
//! their id (`docs/partials.md#partitioning`).
//!
//! ```js
//! const east = partial(programme, { participants, assessments, followUps }, { asOf: "2023-01-31" });
//! const west = Partial.fromJson(textReceived);
//! const report = combine([east, west]).report().suppress(5);
//! ```

use std::cell::RefCell;
use std::num::NonZeroU32;
use std::rc::Rc;

use js_sys::{Function, Reflect};
use wasm_bindgen::prelude::*;

use crate::error::{Failure, Result};
use crate::input;
use crate::own::{self, Own, Reader};
use crate::programme::JsProgramme;

/// The counts of one set of participants, to be combined with the counts
/// of others and turned into a report (`docs/partials.md`). Made by
/// `partial`, `Partial.fromJson`, `combine` and `partial.combine`; it holds
/// no id, no date of a person and no row number, but it is not suppressed:
/// send it only to whoever combines, and publish only the combined report,
/// suppressed (`docs/partials.md#contents`).
#[wasm_bindgen(js_name = Partial)]
pub struct JsPartial {
    // Shared, so that `combine` can take a partial out of an array without
    // copying its counts (see `HANDED`).
    inner: Rc<stegvis::Partial>,
}

thread_local! {
    /// `Partial.prototype` and its hidden hand-over method, kept when the
    /// first `Partial` object is made: wasm-bindgen borrows an exported
    /// object only when it is an argument of its own, never an item of an
    /// array, so `combine` asks each item to hand its partial over here.
    /// Taking both from an object this module made, never from the caller's
    /// items, means no function of the caller's is called.
    static CLASS: RefCell<Option<(JsValue, Function)>> = const { RefCell::new(None) };

    /// The partial the last hand-over gave; `combine` takes it at once.
    static HANDED: RefCell<Option<Rc<stegvis::Partial>>> = const { RefCell::new(None) };
}

/// The hidden method's name; not part of the API.
const HAND_OVER: &str = "__stegvisHandOver";

/// The counts of the participants of `tables` (`docs/partials.md#javascript`):
/// `partial(programme, { participants, assessments, followUps }, { asOf,
/// strict, encoding, profile, every, statusOn, statusToleranceDays })`, the
/// tables and options of `evaluate` without a comparison group
/// (`docs/partials.md#report`).
#[wasm_bindgen(unchecked_return_type = "Partial")]
pub fn partial(
    programme: &JsProgramme,
    #[wasm_bindgen(unchecked_param_type = "Tables")] tables: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "PartialOptions")] options: JsValue,
) -> Result<JsValue> {
    let input::Inputs { data, core, .. } =
        input::inputs(&programme.inner, &tables, &options, &input::COUNT_OPTIONS)?;
    wrap(data.partial(&core)?)
}

/// The counts of every partial together (`docs/partials.md#combining`): they
/// must be of disjoint sets of participants, the same programme definition,
/// as-of date and settings. An empty array is an error with code
/// `no_partials`; the partials given stay usable.
#[wasm_bindgen(unchecked_return_type = "Partial")]
pub fn combine(
    #[wasm_bindgen(unchecked_param_type = "Partial[]")] partials: JsValue,
) -> Result<JsValue> {
    let not_array = || Failure::argument("partials must be an array of Partial objects");
    if own::is_array(&partials) != Ok(true) {
        return Err(not_array());
    }
    let own = Reader::new();
    let length = own.length(&partials).map_err(|_| not_array())?;
    let items = (0..length)
        .map(
            |i| match own.get(&partials, &JsValue::from_f64(f64::from(i))) {
                Ok(Own::Value(item)) => borrowed(&item, &format!("partials[{i}]")),
                _ => Err(not_partial(&format!("partials[{i}]"))),
            },
        )
        .collect::<Result<Vec<_>>>()?;
    wrap(stegvis::Partial::combine_all(items.iter().map(|p| &**p))?)
}

/// The partition, from 0 to `partitions` − 1, of a participant id: the
/// 64-bit FNV-1a hash of the id as stegvis reads it (text trimmed, a whole
/// number as its decimal text) modulo `partitions`, the same in every
/// language and release (`docs/partials.md#partitioning`). Send every row
/// of a participant to the partition of their id. It spreads rows; it does
/// not hide ids.
#[wasm_bindgen(js_name = partitionOf)]
pub fn partition_of(
    #[wasm_bindgen(unchecked_param_type = "string | number | bigint")] id: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] partitions: JsValue,
) -> Result<u32> {
    let id = input::participant_id(&id, "id")?;
    let partitions = partitions
        .as_f64()
        .filter(|n| n.fract() == 0.0 && (1.0..=f64::from(u32::MAX)).contains(n))
        .and_then(|n| NonZeroU32::new(n as u32))
        .ok_or_else(|| {
            Failure::argument("partitions must be a whole number from 1 to 4294967295")
        })?;
    Ok(stegvis::partition_of(&id, partitions))
}

#[wasm_bindgen(js_class = Partial)]
impl JsPartial {
    /// The report of the counted participants, the object `evaluate`
    /// returns with its methods (`suppress`, `toText`, …), except that
    /// data-quality issues list no rows and there is no comparison
    /// (`docs/partials.md#report`). Suppress it before publishing.
    #[wasm_bindgen(unchecked_return_type = "Report")]
    pub fn report(&self) -> Result<JsValue> {
        crate::report::present(Rc::new(self.inner.report()), None)
    }

    /// The partial as JSON text (`docs/partials.md#format`), to send to
    /// whoever combines. Pass it on as text: `JSON.parse` cannot hold
    /// every count exactly.
    #[wasm_bindgen(js_name = toJson)]
    pub fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// Reads a partial written by `toJson` (or by stegvis in Rust, Python
    /// or on the command line), checking it (`docs/partials.md#checks`):
    /// text that is no partial is `invalid_partial`, another format version
    /// `unsupported_partial_version`.
    #[wasm_bindgen(js_name = fromJson, unchecked_return_type = "Partial")]
    pub fn from_json(
        // A JsValue, not &str: the glue would read a non-string out of bounds.
        #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    ) -> Result<JsValue> {
        let text = text
            .as_string()
            .ok_or_else(|| Failure::argument("a partial must be JSON text"))?;
        wrap(stegvis::Partial::from_json(&text)?)
    }

    /// How many participants (episodes under `reentry = "per_episode"`)
    /// present at as-of are counted.
    #[wasm_bindgen(getter)]
    pub fn participants(&self) -> f64 {
        // Counts are at most 10^15 (docs/partials.md#limits), exact in a JS number.
        self.inner.participants() as f64
    }

    /// The report's date, `YYYY-MM-DD`.
    #[wasm_bindgen(getter, js_name = asOf)]
    pub fn as_of(&self) -> String {
        self.inner.as_of().to_string()
    }

    /// The counts of both partials' participants, a new `Partial`
    /// (`docs/partials.md#combining`); both stay usable.
    #[wasm_bindgen(unchecked_return_type = "Partial")]
    pub fn combine(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Partial")] other: JsValue,
    ) -> Result<JsValue> {
        let other = borrowed(&other, "other")?;
        wrap(self.inner.combine(&other)?)
    }

    /// Hands this partial to `borrowed` (below); not part of the API.
    #[wasm_bindgen(js_name = __stegvisHandOver, skip_typescript)]
    pub fn hand_over(&self) {
        HANDED.with(|handed| *handed.borrow_mut() = Some(Rc::clone(&self.inner)));
    }
}

/// A new `Partial` object; the first one made keeps the class (`CLASS`).
fn wrap(partial: stegvis::Partial) -> Result<JsValue> {
    let object = JsValue::from(JsPartial {
        inner: Rc::new(partial),
    });
    if CLASS.with(|class| class.borrow().is_none()) {
        let prototype = Reflect::get_prototype_of(&object)
            .map_err(|_| Failure::internal("the Partial class has no prototype"))?;
        let hand_over = Reflect::get(&prototype, &JsValue::from_str(HAND_OVER))
            .ok()
            .and_then(|f| f.dyn_into::<Function>().ok())
            .ok_or_else(|| Failure::internal("the Partial class has no hand-over"))?;
        CLASS.with(|class| *class.borrow_mut() = Some((prototype.into(), hand_over)));
    }
    Ok(object)
}

/// The partial of a `Partial` object the caller holds, which stays theirs;
/// any other value, or a freed `Partial`, is `invalid_argument` naming
/// `what`.
fn borrowed(value: &JsValue, what: &str) -> Result<Rc<stegvis::Partial>> {
    let class = CLASS.with(|class| class.borrow().clone());
    // Without a class kept, no Partial object was ever made.
    let (prototype, hand_over) = class.ok_or_else(|| not_partial(what))?;
    // A proxy's trap may throw: caught, and dropped unseen.
    if Reflect::get_prototype_of(value).map(JsValue::from) != Ok(prototype) {
        return Err(not_partial(what));
    }
    HANDED.with(|handed| handed.borrow_mut().take());
    // A freed Partial throws wasm-bindgen's null-pointer error: caught too.
    hand_over.call0(value).map_err(|_| not_partial(what))?;
    HANDED
        .with(|handed| handed.borrow_mut().take())
        .ok_or_else(|| not_partial(what))
}

fn not_partial(what: &str) -> Failure {
    Failure::argument(format!("{what} must be a Partial that has not been freed"))
}
