//! The arguments of `evaluate` and `explain`: the tables (CSV text or arrays
//! of plain objects) and the options. Cells are handed to the core as they
//! are; all parsing of values happens there.

use chrono::NaiveDate;
use js_sys::{Array, Object, Reflect};
use serde_json::{Map, Value};
use stegvis::vocab::Table;
use stegvis::{Dataset, DatasetBuilder, Programme};
use wasm_bindgen::{JsCast, JsValue};

use crate::error::{Failure, Result};

/// The keys of the tables object, with the table each names.
const TABLES: [(&str, Table); 3] = [
    ("participants", Table::Participants),
    ("assessments", Table::Assessments),
    ("followUps", Table::FollowUps),
];

/// The columns the core reads from a table, required then optional.
fn columns(table: Table) -> Vec<&'static str> {
    use stegvis::data::columns as c;
    match table {
        Table::Participants => [&c::PARTICIPANTS[..], &c::PARTICIPANTS_OPTIONAL[..]].concat(),
        Table::Assessments => c::ASSESSMENTS.to_vec(),
        Table::FollowUps => [&c::FOLLOW_UPS[..], &c::FOLLOW_UPS_OPTIONAL[..]].concat(),
    }
}

/// Reads the tables object `{ participants, assessments, followUps }` into a
/// dataset. Only `participants` is required.
pub(crate) fn dataset(programme: &Programme, tables: &JsValue) -> Result<Dataset> {
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
        read(&mut builder, table, value)?;
    }
    Ok(builder.build())
}

fn read(builder: &mut DatasetBuilder, table: Table, value: JsValue) -> Result<()> {
    if let Some(text) = value.as_string() {
        let input = text.as_bytes();
        match table {
            Table::Participants => builder.read_participants_csv(input),
            Table::Assessments => builder.read_assessments_csv(input),
            Table::FollowUps => builder.read_follow_ups_csv(input),
        }?;
    } else if Array::is_array(&value) {
        let records = records(value.unchecked_ref::<Array>(), columns(table))?;
        match table {
            Table::Participants => builder.read_participant_records(&records),
            Table::Assessments => builder.read_assessment_records(&records),
            Table::FollowUps => builder.read_follow_up_records(&records),
        }?;
    } else {
        return Err(Failure::argument(format!(
            "each table must be CSV text or an array of objects ({})",
            table.as_str()
        ))
        .in_table(table.as_str()));
    }
    Ok(())
}

/// Copies the known columns of each record into a flat JSON object, one
/// level deep, so that no input can nest deep enough to exhaust the stack.
/// An item that is not an object stays as it is (`null`), and the core
/// rejects it with its row number; a missing or `undefined` cell is absent.
fn records(array: &Array, columns: Vec<&'static str>) -> Result<Vec<Value>> {
    let keys: Vec<(&str, JsValue)> = columns
        .into_iter()
        .map(|name| (name, JsValue::from_str(name)))
        .collect();
    let mut out = Vec::with_capacity(array.length() as usize);
    for item in array.iter() {
        if !item.is_object() || Array::is_array(&item) {
            out.push(Value::Null);
            continue;
        }
        let mut record = Map::with_capacity(keys.len());
        for (name, key) in &keys {
            let cell = Reflect::get(&item, key)
                .map_err(|_| Failure::argument(format!("cannot read the {name} of a record")))?;
            if !cell.is_undefined() {
                record.insert((*name).to_owned(), cell_value(&cell));
            }
        }
        out.push(Value::Object(record));
    }
    Ok(out)
}

/// A value no column accepts: the core turns it into an error on its column.
fn unsupported() -> Value {
    Value::Object(Map::new())
}

/// One cell as the core's records reader takes it. A `Date` becomes its
/// local calendar day; a list (of tags) keeps its strings.
fn cell_value(cell: &JsValue) -> Value {
    if cell.is_null() {
        Value::Null
    } else if let Some(text) = cell.as_string() {
        Value::String(text)
    } else if let Some(n) = cell.as_f64() {
        number(n)
    } else if let Some(b) = cell.as_bool() {
        Value::Bool(b)
    } else if let Some(date) = cell.dyn_ref::<js_sys::Date>() {
        local_day(date).map_or_else(unsupported, |d| Value::String(d.to_string()))
    } else if cell.is_bigint() {
        let digits = String::from(
            js_sys::BigInt::from(cell.clone())
                .to_string(10)
                .unwrap_or_default(),
        );
        digits
            .parse::<i64>()
            .map_or_else(|_| unsupported(), Value::from)
    } else if Array::is_array(cell) {
        let items = cell.unchecked_ref::<Array>();
        Value::Array(
            items
                .iter()
                .map(|i| i.as_string().map_or(Value::Null, Value::String))
                .collect(),
        )
    } else {
        unsupported()
    }
}

/// A JS number: whole numbers become integers (as JSON integers would);
/// NaN means no value (SPEC §14.12); infinities are not values.
fn number(n: f64) -> Value {
    if n.is_nan() {
        Value::Null
    } else if n.fract() == 0.0 && n.abs() < 9.0e15 {
        Value::from(n as i64)
    } else {
        serde_json::Number::from_f64(n).map_or_else(unsupported, Value::Number)
    }
}

/// The options `{ asOf, strict }` of `evaluate`, plus `participant` for `explain`.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Options {
    pub(crate) as_of: Option<NaiveDate>,
    pub(crate) strict: bool,
    pub(crate) participant: Option<String>,
}

impl Options {
    /// Core options with an explicit as-of: the one given, or today on this
    /// machine's clock capped at the programme's end (SPEC §14.1).
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
    if allowed.contains(&"participant") {
        let id = property(object, "participant")?;
        if !(id.is_undefined() || id.is_null()) {
            options.participant = Some(participant_id(&id)?);
        }
    }
    Ok(options)
}

/// `YYYY-MM-DD` text, or a `Date` read as a calendar day on the local clock.
fn date(value: &JsValue) -> Result<NaiveDate> {
    let invalid = || Failure::argument("options.asOf must be a date, YYYY-MM-DD, or a Date");
    if let Some(text) = value.as_string() {
        return NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| invalid());
    }
    match value.dyn_ref::<js_sys::Date>() {
        Some(d) => local_day(d).ok_or_else(invalid),
        None => Err(invalid()),
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

/// A participant id: text, or an integer written as decimal text (SPEC §14.12).
fn participant_id(value: &JsValue) -> Result<String> {
    if let Some(text) = value.as_string() {
        return Ok(text);
    }
    match value.as_f64() {
        Some(n) if n.fract() == 0.0 && n.abs() < 9.0e15 => Ok(format!("{}", n as i64)),
        _ => Err(Failure::argument(
            "options.participant must be an id (text or integer)",
        )),
    }
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
