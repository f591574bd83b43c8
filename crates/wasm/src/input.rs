//! The arguments of `evaluate` and `explain`: the tables (CSV text, CSV
//! bytes or arrays of plain objects) and the options. JS values become the core's cells as
//! they are; all parsing of values, and every rule about records, is the
//! core's (`stegvis::data`).

use chrono::NaiveDate;
use js_sys::{Array, Object, Reflect, Uint8Array};
use stegvis::data::{Cell, columns::MAX_CELLS};
use stegvis::vocab::Table;
use stegvis::{Dataset, DatasetBuilder, Encoding, Field, Programme};
use wasm_bindgen::{JsCast, JsValue};

use crate::error::{Failure, Result};

/// The keys of the tables object, with the table each names.
const TABLES: [(&str, Table); 3] = [
    ("participants", Table::Participants),
    ("assessments", Table::Assessments),
    ("followUps", Table::FollowUps),
];

/// Which table a CSV file holds, given as text or as its bytes (a
/// `Uint8Array`, its encoding detected by the core's rule,
/// `docs/data.md#encodings`), by the core's header rule: the key of the
/// tables object it belongs under (`participants`, `assessments`,
/// `followUps`), or `null` when its header fits no table or several, or
/// the value is neither text nor bytes. The page sorts dropped files with it.
#[wasm_bindgen::prelude::wasm_bindgen(js_name = tableOf, unchecked_return_type = "TableKey | null")]
pub fn table_of(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] csv: JsValue,
) -> JsValue {
    let table = if let Some(text) = csv.as_string() {
        stegvis::data::table_of_csv(text.as_bytes())
    } else if let Some(bytes) = csv.dyn_ref::<Uint8Array>() {
        stegvis::data::table_of_csv(&bytes.to_vec())
    } else {
        None
    };
    // `null`, not the `undefined` an `Option` would give, as the types say.
    table
        .and_then(|table| TABLES.iter().find(|(_, t)| *t == table))
        .map_or(JsValue::NULL, |(key, _)| JsValue::from_str(key))
}

/// Reads the tables object `{ participants, assessments, followUps }` into a
/// dataset. Only `participants` is required. `encoding` is that of tables
/// given as bytes (`docs/data.md#encodings`).
pub(crate) fn dataset(
    programme: &Programme,
    tables: &JsValue,
    encoding: Encoding,
) -> Result<Dataset> {
    let tables = plain_object(tables, "tables")?;
    reject_unknown_keys(
        tables,
        &TABLES.map(|(key, _)| key),
        "tables (expected participants, assessments, followUps)",
    )?;
    let mut builder = Dataset::builder(programme);
    for (key, table) in TABLES {
        let value = property(tables, key)?;
        if value.is_undefined() || value.is_null() {
            if table == Table::Participants {
                return Err(Failure::argument("tables.participants is required"));
            }
            continue;
        }
        read(&mut builder, table, value, encoding)?;
    }
    Ok(builder.build())
}

fn read(
    builder: &mut DatasetBuilder,
    table: Table,
    value: JsValue,
    encoding: Encoding,
) -> Result<()> {
    if let Some(text) = value.as_string() {
        builder.read_csv(table, text.as_bytes())?;
    } else if let Some(bytes) = value.dyn_ref::<Uint8Array>() {
        builder.read_csv_encoded(table, &bytes.to_vec()[..], encoding)?;
    } else if Array::is_array(&value) {
        records(builder, table, value.unchecked_ref::<Array>())?;
    } else {
        return Err(Failure::argument(format!(
            "each table must be CSV text, CSV bytes (a Uint8Array) or an array of objects ({})",
            table.as_str()
        ))
        .in_table(table.as_str()));
    }
    Ok(())
}

/// Hands each record's cells to the core's records reader. Only the
/// known columns are read, one level deep, so no input can nest deep
/// enough to exhaust the stack; a missing or `undefined` cell is absent.
fn records(builder: &mut DatasetBuilder, table: Table, array: &Array) -> Result<()> {
    let mut reader = builder.records(table);
    let keys: Vec<(&str, JsValue)> = reader
        .columns()
        .map(|name| (name, JsValue::from_str(name)))
        .collect();
    for item in array.iter() {
        if !item.is_object() || Array::is_array(&item) {
            reader.add_not_object();
            continue;
        }
        let mut cells: [Option<Cell>; MAX_CELLS] = Default::default();
        for ((name, key), cell) in keys.iter().zip(&mut cells) {
            let value = Reflect::get(&item, key)
                .map_err(|_| Failure::argument(format!("cannot read the {name} of a record")))?;
            if !value.is_undefined() {
                *cell = Some(if reader.failed() {
                    Cell::Null
                } else {
                    cell_of(&value)
                });
            }
        }
        reader.add_owned(&cells);
    }
    Ok(reader.finish()?)
}

/// One JS value as a cell; an array keeps its items one level deep.
fn cell_of(value: &JsValue) -> Cell {
    if Array::is_array(value) {
        let items = value.unchecked_ref::<Array>();
        return Cell::List(
            items
                .iter()
                .map(|item| {
                    if Array::is_array(&item) {
                        Cell::Unsupported
                    } else {
                        scalar(&item)
                    }
                })
                .collect(),
        );
    }
    scalar(value)
}

/// A JS value that is not taken as a list. A number is handed over as the
/// float it is (the core reads whole numbers as integers and NaN as no
/// value); a `Date` becomes its local calendar day; a `BigInt` an integer.
fn scalar(value: &JsValue) -> Cell {
    if value.is_null() || value.is_undefined() {
        Cell::Null
    } else if let Some(text) = value.as_string() {
        Cell::Text(text)
    } else if let Some(n) = value.as_f64() {
        Cell::Float(n)
    } else if let Some(b) = value.as_bool() {
        Cell::Bool(b)
    } else if let Some(date) = value.dyn_ref::<js_sys::Date>() {
        local_day(date).map_or(Cell::Unsupported, Cell::Date)
    } else if value.is_bigint() {
        i64::try_from(value.clone()).map_or(Cell::Unsupported, Cell::Integer)
    } else {
        Cell::Unsupported
    }
}

/// The options `{ asOf, strict, encoding }` of `evaluate`, plus
/// `participant` for `explain`.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Options {
    pub(crate) as_of: Option<NaiveDate>,
    pub(crate) strict: bool,
    pub(crate) participant: Option<String>,
    /// The encoding of tables given as bytes.
    pub(crate) encoding: Encoding,
}

impl Options {
    /// Core options with an explicit as-of: the one given, or today on this
    /// machine's clock capped at the programme's end (`docs/method.md#as-of`).
    pub(crate) fn core(&self, programme: &Programme) -> Result<stegvis::Options> {
        let as_of = match self.as_of {
            Some(date) => date,
            None => programme.default_as_of(today()?),
        };
        Ok(stegvis::Options::new().as_of(as_of).strict(self.strict))
    }
}

/// Reads an options object; `allowed` lists the keys the caller accepts.
pub(crate) fn options(value: &JsValue, allowed: &[&str]) -> Result<Options> {
    if value.is_undefined() || value.is_null() {
        return Ok(Options::default());
    }
    let object = plain_object(value, "options")?;
    reject_unknown_keys(object, allowed, "options")?;
    let mut options = Options::default();
    let as_of = property(object, "asOf")?;
    if !(as_of.is_undefined() || as_of.is_null()) {
        options.as_of = Some(date(&as_of)?);
    }
    let strict = property(object, "strict")?;
    if !strict.is_undefined() {
        options.strict = strict
            .as_bool()
            .ok_or_else(|| Failure::argument("options.strict must be true or false"))?;
    }
    let encoding = property(object, "encoding")?;
    if !(encoding.is_undefined() || encoding.is_null()) {
        options.encoding = encoding
            .as_string()
            .and_then(|name| name.parse().ok())
            .ok_or_else(|| {
                Failure::argument(format!(
                    "options.encoding must be one of {}",
                    Encoding::NAMES.join(", ")
                ))
            })?;
    }
    if allowed.contains(&"participant") {
        let id = property(object, "participant")?;
        if !(id.is_undefined() || id.is_null()) {
            options.participant = Some(participant_id(&id)?);
        }
    }
    Ok(options)
}

/// A date by the core's rule for date cells (`docs/data.md#dates`): text
/// in its forms, or a `Date` read as a calendar day on the local clock, in
/// the same range.
fn date(value: &JsValue) -> Result<NaiveDate> {
    let invalid = || {
        Failure::argument(
            "options.asOf must be a YYYY-MM-DD date from 1900-01-01 to 2199-12-31, or a Date",
        )
    };
    let day = match scalar(value) {
        Cell::Date(day) => stegvis::data::date(Field::Date(day)),
        Cell::Text(text) => stegvis::data::date(Field::Text(&text)),
        _ => return Err(invalid()),
    };
    match day {
        Ok(Some(day)) => Ok(day),
        _ => Err(invalid()),
    }
}

fn local_day(d: &js_sys::Date) -> Option<NaiveDate> {
    let year = d.get_full_year();
    // An invalid Date gives NaN, which converts to 0 and fails below.
    let year = i32::try_from(year)
        .ok()
        .filter(|_| !d.get_time().is_nan())?;
    NaiveDate::from_ymd_opt(year, d.get_month() + 1, d.get_date())
}

/// Today's calendar day on the local clock.
fn today() -> Result<NaiveDate> {
    local_day(&js_sys::Date::new_0()).ok_or_else(|| Failure::argument("the clock gives no date"))
}

/// A participant id by the core's rule for id cells (docs/data.md, ids).
fn participant_id(value: &JsValue) -> Result<String> {
    stegvis::data::participant_id(scalar(value).as_field())
        .map_err(|_| Failure::argument("options.participant must be an id (text or integer)"))
}

fn plain_object<'v>(value: &'v JsValue, what: &str) -> Result<&'v Object> {
    if value.is_object() && !Array::is_array(value) {
        Ok(value.unchecked_ref::<Object>())
    } else {
        Err(Failure::argument(format!("{what} must be an object")))
    }
}

fn property(object: &Object, key: &str) -> Result<JsValue> {
    // Getters may throw; a throwing getter is a bad argument, not a crash.
    Reflect::get(object, &JsValue::from_str(key))
        .map_err(|_| Failure::argument(format!("cannot read {key}")))
}

fn reject_unknown_keys(object: &Object, allowed: &[&str], what: &str) -> Result<()> {
    for key in Object::keys(object).iter() {
        let key = key.as_string().unwrap_or_default();
        if !allowed.contains(&key.as_str()) {
            return Err(Failure::argument(format!("unknown key {key:?} in {what}")));
        }
    }
    Ok(())
}
