//! `evaluate` and `explain`: the report as a plain JavaScript object with
//! camelCase field names (`docs/report.md#keys`, `docs/report.md#camelcase`).
//!
//! The object is serialised once, with camelCase field names
//! ([`crate::keys`]). It carries non-enumerable methods,
//! `suppress(minCell)`, `toText(language)`, `toCsv(language)` and
//! `toHtml(language)` and `toXlsx(language)`, that close over the core
//! report, so
//! `JSON.stringify(report)` and `Object.keys(report)` see only the data.

use std::borrow::Cow;
use std::rc::Rc;

use js_sys::{Object, Reflect};
use stegvis::{Dataset, Encoding, Programme, Report};
use wasm_bindgen::prelude::*;

use crate::error::{Failure, Result};
use crate::input;
use crate::programme::JsProgramme;
use crate::progress;
use crate::words::language_of;

/// Evaluates a programme on its tables: `evaluate(programme, { participants,
/// assessments, followUps }, { asOf, strict, encoding, profile, comparison, progress })`,
/// `comparison` a comparison group's tables object of the same form. Each table is CSV
/// text, CSV bytes (a `Uint8Array`, decoded by the core in `encoding`,
/// default detected: `docs/data.md#encodings`) or an array of plain objects
/// keyed by the CSV column names. `progress`, a function, is told every
/// 1 024 rows read and participants evaluated how far it has come
/// (`docs/page.md#progress`); if it throws, the evaluation stops with the
/// error `interrupted`.
#[wasm_bindgen(unchecked_return_type = "Report")]
pub fn evaluate(
    programme: &JsProgramme,
    #[wasm_bindgen(unchecked_param_type = "Tables")] tables: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "EvaluateOptions")] options: JsValue,
) -> Result<JsValue> {
    evaluate_read(&programme.inner, &options, |encoding| {
        input::dataset(&programme.inner, &tables, encoding).map(Cow::Owned)
    })
}

/// [`evaluate`] of the dataset `read` reads, given the tables' encoding:
/// the tables object, the rest of it after participants read once, or a
/// dataset read before (`docs/data.md#participants-once`).
pub(crate) fn evaluate_read<'d>(
    programme: &Programme,
    options: &JsValue,
    read: impl FnOnce(Encoding) -> Result<Cow<'d, Dataset>>,
) -> Result<JsValue> {
    let allowed = [input::COUNT_OPTIONS.as_slice(), &["comparison", "progress"]].concat();
    let input::Inputs {
        data,
        core,
        options,
        progress: reporting,
    } = input::inputs_read(programme, options, &allowed, read)?;
    // Without a callback the core asks a hook that never stops, as
    // `evaluate` does (`docs/page.md#progress`).
    let mut step = || reporting.is_some() && progress::step();
    // A comparison group (`docs/comparison.md#inputs`): the same tables
    // object; its errors name the comparison table.
    let report = match &options.comparison {
        Some(tables) => {
            let other = input::dataset_of(programme, tables, options.encoding, true)
                .map_err(Failure::in_comparison)?;
            progress::evaluating();
            data.evaluate_compared_with(&other, &core, &mut step)?
        }
        None => {
            progress::evaluating();
            data.evaluate_with(&core, &mut step)?
        }
    };
    present(Rc::new(report), None)
}

/// Why each participant counts as they do for each goal (`docs/method.md#explanations`):
/// `explain(programme, tables, { asOf, participant, encoding })`. With `participant`,
/// that participant's explanation or `null`; without, one per participant
/// present at as-of, in input order.
#[wasm_bindgen(unchecked_return_type = "Explanation[] | Explanation | null")]
pub fn explain(
    programme: &JsProgramme,
    #[wasm_bindgen(unchecked_param_type = "Tables")] tables: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ExplainOptions")] options: JsValue,
) -> Result<JsValue> {
    let options = input::options(&options, &["asOf", "participant", "encoding"])?;
    let data = input::dataset(&programme.inner, &tables, options.encoding)?;
    let core = options.core(&programme.inner)?;
    Ok(match &options.participant {
        Some(id) => match data.explain_participant(id, &core) {
            Some(explanation) => crate::to_js_camel(&explanation)?,
            None => JsValue::NULL,
        },
        None => crate::to_js_camel(&data.explain(&core))?,
    })
}

/// The report as a plain object, with its methods attached; `min_cell` is
/// the minimum cell size of a publishable copy (`suppress`), which the
/// printable document and the workbook state.
pub(crate) fn present(report: Rc<Report>, min_cell: Option<u64>) -> Result<JsValue> {
    let object = crate::to_js_camel(&*report)?;
    let target = object.unchecked_ref::<Object>();

    let source = Rc::clone(&report);
    let suppress = Closure::<dyn Fn(JsValue) -> std::result::Result<JsValue, JsValue>>::new(
        move |min_cell: JsValue| {
            let min_cell = min_cell_of(&min_cell)?;
            Ok(present(Rc::new(source.suppress(min_cell)), Some(min_cell))?)
        },
    );
    hide_method(target, "suppress", suppress.into_js_value());

    let source = Rc::clone(&report);
    let to_text = Closure::<dyn Fn(JsValue) -> std::result::Result<JsValue, JsValue>>::new(
        move |language: JsValue| Ok(JsValue::from_str(&source.to_text(language_of(&language)?))),
    );
    hide_method(target, "toText", to_text.into_js_value());

    // The printable document (docs/report.md#printable-report), written by
    // the core.
    let source = Rc::clone(&report);
    let to_html = Closure::<dyn Fn(JsValue) -> std::result::Result<JsValue, JsValue>>::new(
        move |language: JsValue| {
            let html = source.to_html(language_of(&language)?, min_cell);
            Ok(JsValue::from_str(&html))
        },
    );
    hide_method(target, "toHtml", to_html.into_js_value());

    // The report as an .xlsx workbook, written by the core
    // (docs/report.md#workbook): its bytes, a Uint8Array.
    let source = Rc::clone(&report);
    let to_xlsx = Closure::<dyn Fn(JsValue) -> std::result::Result<JsValue, JsValue>>::new(
        move |language: JsValue| {
            let bytes = source
                .to_xlsx(language_of(&language)?, min_cell)
                .map_err(|e| {
                    Failure::internal(format!("the workbook could not be written: {e}"))
                })?;
            Ok(js_sys::Uint8Array::from(&bytes[..]).into())
        },
    );
    hide_method(target, "toXlsx", to_xlsx.into_js_value());

    // The tidy table for a spreadsheet in the language's locale, written
    // by the core (docs/report.md#spreadsheet-csv).
    let to_csv = Closure::<dyn Fn(JsValue) -> std::result::Result<JsValue, JsValue>>::new(
        move |language: JsValue| {
            let csv = report.tidy().to_spreadsheet_csv(language_of(&language)?);
            Ok(JsValue::from_str(&csv))
        },
    );
    hide_method(target, "toCsv", to_csv.into_js_value());
    Ok(object)
}

/// Defines a non-enumerable, read-only method. The descriptor has no
/// prototype, so a polluted `Object.prototype.get` or `.enumerable` cannot
/// change it (docs/data.md#js-values).
fn hide_method(target: &Object, name: &str, function: JsValue) {
    let descriptor = crate::own::bare_object();
    // Setting plain properties on a fresh object cannot fail.
    let _ = Reflect::set(&descriptor, &"value".into(), &function);
    Object::define_property(target, &JsValue::from_str(name), descriptor.unchecked_ref());
}

/// The minimum cell size `report.suppress()` uses when given none (the
/// core's default, docs/report.md#disclosure-control).
#[wasm_bindgen(js_name = defaultMinCell)]
pub fn default_min_cell() -> u32 {
    // The default is a small constant; a u32 is a plain JS number.
    stegvis::report::DEFAULT_MIN_CELL as u32
}

/// `minCell`: the core's default when absent, else checked by the core's
/// rule (docs/report.md#disclosure-control); a JS number counts when it is
/// a whole number.
fn min_cell_of(value: &JsValue) -> Result<u64> {
    use stegvis::report::{DEFAULT_MIN_CELL, InvalidMinCell, min_cell};
    if value.is_undefined() {
        return Ok(DEFAULT_MIN_CELL);
    }
    let whole = value.as_f64().and_then(stegvis::data::whole_number);
    whole
        .ok_or(InvalidMinCell)
        .and_then(min_cell)
        .map_err(|e| Failure::argument(e.to_string()))
}
