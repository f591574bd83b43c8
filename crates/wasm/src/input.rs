//! The arguments of `evaluate` and `explain`: the tables (CSV text, CSV
//! bytes or arrays of plain objects) and the options. JS values become the core's cells as
//! they are; all parsing of values, and every rule about records, is the
//! core's (`stegvis::data`).

use std::borrow::Cow;

use chrono::NaiveDate;
use js_sys::{ArrayBuffer, Uint8Array};
use stegvis::data::{Cell, columns::MAX_CELLS};
use stegvis::vocab::Table;
use stegvis::{Dataset, DatasetBuilder, Encoding, Field, Programme};
use wasm_bindgen::{JsCast, JsValue};

use crate::error::{Failure, Result};
use crate::own::{self, NotData, Own, Reader};
use crate::progress;

/// The keys of the tables object, with the table each names; the later
/// tables (all but the participants) are `TABLES[1..]`.
pub(crate) const TABLES: [(&str, Table); 3] = [
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

/// The bytes of a `Uint8Array` or an `ArrayBuffer`; `None` for other values.
fn bytes_of(value: &JsValue) -> Option<Vec<u8>> {
    if let Some(bytes) = value.dyn_ref::<Uint8Array>() {
        Some(bytes.to_vec())
    } else {
        value
            .dyn_ref::<ArrayBuffer>()
            .map(|buffer| Uint8Array::new(buffer).to_vec())
    }
}

/// The tables an .xlsx workbook (a `Uint8Array` or `ArrayBuffer`) holds,
/// as keys of the tables object (`docs/data.md#workbook-sheets`): those
/// with a sheet named for them, else the table the first sheet's header
/// names; empty when the bytes are no workbook. The page gives a dropped
/// workbook as each of these tables.
#[wasm_bindgen::prelude::wasm_bindgen(js_name = workbookTables, unchecked_return_type = "TableKey[]")]
pub fn workbook_tables(
    #[wasm_bindgen(unchecked_param_type = "Uint8Array | ArrayBuffer")] bytes: JsValue,
) -> JsValue {
    let keys = js_sys::Array::new();
    let Some(bytes) = bytes_of(&bytes).filter(|b| stegvis::data::is_xlsx(b)) else {
        return keys.into();
    };
    if let Ok(mut book) = stegvis::data::Workbook::from_bytes(bytes, Table::Participants) {
        for table in book.tables() {
            if let Some((key, _)) = TABLES.iter().find(|(_, t)| *t == table) {
                keys.push(&JsValue::from_str(key));
            }
        }
    }
    keys.into()
}

/// Reads the tables object `{ participants, assessments, followUps }` into a
/// dataset. Only `participants` is required. `encoding` is that of tables
/// given as bytes (`docs/data.md#encodings`). Tables given as bytes that
/// start like a zip archive are .xlsx workbooks (`docs/data.md#xlsx-files`);
/// `{ workbook }` instead gives every table as one workbook with a sheet
/// per table (`docs/data.md#workbook-sheets`).
/// Like every JS object the API reads, it is read by its own enumerable
/// data properties (docs/data.md#js-values).
pub(crate) fn dataset(
    programme: &Programme,
    tables: &JsValue,
    encoding: Encoding,
) -> Result<Dataset> {
    dataset_of(programme, tables, encoding, false)
}

/// [`dataset`] of the participants' own tables (`comparison` false) or of
/// a comparison group's, which `options.progress` is told
/// (`docs/page.md#progress`).
pub(crate) fn dataset_of(
    programme: &Programme,
    tables: &JsValue,
    encoding: Encoding,
    comparison: bool,
) -> Result<Dataset> {
    let own = Reader::new();
    let tables = plain_object(tables, "tables")?;
    reject_unknown_keys(
        tables,
        &["participants", "assessments", "followUps", "workbook"],
        "tables (expected participants, assessments, followUps, or workbook)",
    )?;
    let mut builder = builder(programme);
    if let Some(book) = property(&own, tables, "tables", "workbook")?.filter(|b| !b.is_null()) {
        for (key, _) in TABLES {
            if property(&own, tables, "tables", key)?.is_some_and(|v| !v.is_null()) {
                return Err(Failure::argument(
                    "tables.workbook holds every table: give no other table with it",
                ));
            }
        }
        let bytes = bytes_of(&book).ok_or_else(|| {
            Failure::argument(
                "tables.workbook must be the bytes of an .xlsx file (a Uint8Array or ArrayBuffer)",
            )
        })?;
        let mut book = stegvis::data::Workbook::from_bytes(bytes, Table::Participants)?;
        progress::reading(None, comparison);
        builder.read_workbook(&mut book)?;
        return Ok(builder.build());
    }
    read_tables(&own, &mut builder, tables, &TABLES, encoding, comparison)?;
    Ok(builder.build())
}

/// A builder for `programme` that tells `options.progress`, when given,
/// how far it has read.
fn builder(programme: &Programme) -> DatasetBuilder {
    let mut builder = Dataset::builder(programme);
    tell_progress(&mut builder);
    builder
}

/// Has `builder` tell `options.progress`, when given, how far it reads.
fn tell_progress(builder: &mut DatasetBuilder) {
    if progress::active() {
        builder.interrupt_with(progress::hook());
    }
}

/// Reads the participants table alone (`docs/data.md#participants-once`):
/// CSV text, CSV or .xlsx bytes, or an array of plain objects, as in the
/// tables object.
pub(crate) fn participants_of(
    programme: &Programme,
    table: &JsValue,
    encoding: Encoding,
) -> Result<DatasetBuilder> {
    if table.is_undefined() || table.is_null() {
        return Err(Failure::argument("the participants table is required"));
    }
    let mut builder = builder(programme);
    progress::reading(Some("participants"), false);
    read(
        &Reader::new(),
        &mut builder,
        Table::Participants,
        table,
        encoding,
    )?;
    Ok(builder)
}

/// Reads the tables object `{ assessments, followUps }`, both optional,
/// into a dataset whose participants `participants` has read
/// (`docs/data.md#participants-once`).
pub(crate) fn rest_of(
    mut participants: DatasetBuilder,
    tables: &JsValue,
    encoding: Encoding,
) -> Result<Dataset> {
    let own = Reader::new();
    let tables = plain_object(tables, "tables")?;
    reject_unknown_keys(
        tables,
        &["assessments", "followUps"],
        "tables (expected assessments or followUps: the participants are read)",
    )?;
    // A clone asks no hook: this read's is set anew.
    tell_progress(&mut participants);
    read_tables(
        &own,
        &mut participants,
        tables,
        &TABLES[1..],
        encoding,
        false,
    )?;
    Ok(participants.build())
}

/// Reads each of `keys` that `tables` gives, in order; `participants`, the
/// first, is required when it is among them.
fn read_tables(
    own: &Reader,
    builder: &mut DatasetBuilder,
    tables: &JsValue,
    keys: &[(&'static str, Table)],
    encoding: Encoding,
    comparison: bool,
) -> Result<()> {
    for &(key, table) in keys {
        let value = match property(own, tables, "tables", key)? {
            Some(value) if !value.is_null() => value,
            _ if table == Table::Participants => {
                return Err(Failure::argument("tables.participants is required"));
            }
            _ => continue,
        };
        progress::reading(Some(key), comparison);
        read(own, builder, table, &value, encoding)?;
    }
    Ok(())
}

fn read(
    own: &Reader,
    builder: &mut DatasetBuilder,
    table: Table,
    value: &JsValue,
    encoding: Encoding,
) -> Result<()> {
    let unreadable = || {
        Failure::argument(format!(
            "the {} array cannot be read as plain data",
            table.as_str()
        ))
        .in_table(table.as_str())
    };
    if let Some(text) = value.as_string() {
        builder.read_csv(table, text.as_bytes())?;
    } else if let Some(bytes) = bytes_of(value) {
        // An .xlsx workbook when the bytes start like a zip archive, else
        // CSV (`docs/data.md#xlsx-files`).
        builder.read_table_bytes(table, &bytes, encoding)?;
    } else if own::is_array(value).map_err(|_| unreadable())? {
        let length = own.length(value).map_err(|_| unreadable())?;
        records(own, builder, table, value, length)?;
    } else {
        return Err(Failure::argument(format!(
            "each table must be CSV text, CSV or .xlsx bytes (a Uint8Array or ArrayBuffer) or an array of objects ({})",
            table.as_str()
        ))
        .in_table(table.as_str()));
    }
    Ok(())
}

/// Hands each record's cells to the core's records reader. Only the
/// known columns are read, one level deep, so no input can nest deep
/// enough to exhaust the stack; a missing or `undefined` cell is absent.
/// Records and their cells are own data properties: a hole, a getter or
/// a proxy that throws is `invalid_record` at its row (docs/data.md#js-values).
fn records(
    own: &Reader,
    builder: &mut DatasetBuilder,
    table: Table,
    array: &JsValue,
    length: u32,
) -> Result<()> {
    let mut reader = builder.records(table);
    let keys: Vec<JsValue> = reader
        .columns()
        .iter()
        .map(|name| JsValue::from_str(name))
        .collect();
    for i in 0..length {
        let item = match own.get(array, &JsValue::from_f64(f64::from(i))) {
            Ok(Own::Value(item)) if item.is_object() && own::is_array(&item) == Ok(false) => item,
            _ => {
                reader.add_not_object();
                continue;
            }
        };
        let mut cells: [Option<Cell>; MAX_CELLS] = Default::default();
        let mut present = [false; MAX_CELLS];
        let mut unreadable = None;
        for (column, key) in keys.iter().enumerate() {
            let cell = match own.get(&item, key) {
                Ok(Own::Absent) => continue,
                Ok(Own::Value(_)) if reader.failed() => Ok(Cell::Null),
                Ok(Own::Value(value)) => cell_of(own, &value),
                Err(NotData) => Err(NotData),
            };
            present[column] = true;
            match cell {
                Ok(cell) => cells[column] = Some(cell),
                Err(NotData) => unreadable = unreadable.or(Some(column)),
            }
        }
        match unreadable {
            Some(column) => reader.add_not_data(&present, column),
            None => reader.add_owned(&cells),
        }
    }
    Ok(reader.finish()?)
}

/// One JS value as a cell; an array keeps its items one level deep (a hole
/// is a null item). `Err` when a list is not plain data.
fn cell_of(own: &Reader, value: &JsValue) -> std::result::Result<Cell, NotData> {
    if !own::is_array(value)? {
        return Ok(scalar(value));
    }
    let length = own.length(value)?;
    let mut items = Vec::with_capacity(length.min(1024) as usize);
    for i in 0..length {
        items.push(match own.get(value, &JsValue::from_f64(f64::from(i)))? {
            Own::Absent => Cell::Null,
            Own::Value(item) if own::is_array(&item)? => Cell::Unsupported,
            Own::Value(item) => scalar(&item),
        });
    }
    Ok(Cell::List(items))
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

/// The options `{ asOf, strict, encoding, profile }` of `evaluate`, plus
/// `participant` for `explain`.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Options {
    pub(crate) as_of: Option<NaiveDate>,
    pub(crate) strict: bool,
    pub(crate) participant: Option<String>,
    /// The encoding of tables given as bytes.
    pub(crate) encoding: Encoding,
    /// A report profile (`docs/esf.md#profile`).
    pub(crate) profile: Option<stegvis::vocab::Profile>,
    /// The comparison group's tables object, when given
    /// (`docs/comparison.md#inputs`).
    pub(crate) comparison: Option<JsValue>,
    /// A list of `asOf` dates, or `every` (`docs/method.md#trend`).
    pub(crate) trend: Option<stegvis::Trend>,
    /// `statusOn` and `statusToleranceDays`
    /// (`docs/method.md#status-on-a-date`).
    pub(crate) status_on: Option<NaiveDate>,
    pub(crate) status_tolerance: Option<u32>,
    /// Told how far reading and evaluating have come
    /// (`docs/page.md#progress`).
    pub(crate) progress: Option<js_sys::Function>,
}

impl Options {
    /// Core options with an explicit as-of: the one given, or today on this
    /// machine's clock capped at the programme's end (`docs/method.md#as-of`).
    pub(crate) fn core(&self, programme: &Programme) -> Result<stegvis::Options> {
        let as_of = match self.as_of {
            Some(date) => date,
            None => programme.default_as_of(today()?),
        };
        Ok(stegvis::Options::new()
            .as_of(as_of)
            .with_trend(self.trend.clone())
            .strict(self.strict)
            .profile(self.profile)
            .status_on(self.status_on)
            .status_tolerance(self.status_tolerance))
    }
}

/// The options every computation over one set of tables takes: those of
/// `evaluate` but its comparison group, so also those of `partial`.
pub(crate) const COUNT_OPTIONS: [&str; 7] = [
    "asOf",
    "strict",
    "encoding",
    "profile",
    "every",
    "statusOn",
    "statusToleranceDays",
];

/// One set of tables read for a computation, with the options it is made under.
pub(crate) struct Inputs<'d> {
    /// Read for this call, or read before (`docs/data.md#participants-once`).
    pub(crate) data: Cow<'d, Dataset>,
    /// The core's options, with an explicit as-of.
    pub(crate) core: stegvis::Options,
    pub(crate) options: Options,
    /// Telling `options.progress` how far the computation has come, until
    /// dropped (`docs/page.md#progress`); `None` without a callback.
    pub(crate) progress: Option<progress::Reporting>,
}

/// Reads the options (the keys in `allowed`), then the tables, as
/// `evaluate` and `partial` do: one reading, so both see the same data
/// and a bad argument is the same error in both.
pub(crate) fn inputs(
    programme: &Programme,
    tables: &JsValue,
    options: &JsValue,
    allowed: &[&str],
) -> Result<Inputs<'static>> {
    inputs_read(programme, options, allowed, |encoding| {
        dataset(programme, tables, encoding).map(Cow::Owned)
    })
}

/// [`inputs`] whose dataset `read` reads, given the tables' encoding.
pub(crate) fn inputs_read<'d>(
    programme: &Programme,
    options: &JsValue,
    allowed: &[&str],
    read: impl FnOnce(Encoding) -> Result<Cow<'d, Dataset>>,
) -> Result<Inputs<'d>> {
    let options = self::options(options, allowed)?;
    let progress = progress::Reporting::start(options.progress.clone());
    let data = read(options.encoding)?;
    let core = options.core(programme)?;
    Ok(Inputs {
        data,
        core,
        options,
        progress,
    })
}

/// Reads an options object; `allowed` lists the keys the caller accepts.
/// Own enumerable data properties only (docs/data.md#js-values).
pub(crate) fn options(value: &JsValue, allowed: &[&str]) -> Result<Options> {
    if value.is_undefined() || value.is_null() {
        return Ok(Options::default());
    }
    let own = Reader::new();
    let object = plain_object(value, "options")?;
    reject_unknown_keys(object, allowed, "options")?;
    let mut options = Options::default();
    if let Some(as_of) = property(&own, object, "options", "asOf")?
        && !as_of.is_null()
    {
        if js_sys::Array::is_array(&as_of) {
            // A trend over these dates, the report at the latest.
            let list = js_sys::Array::from(&as_of);
            let bad =
                |e: stegvis::trend::InvalidTrend| Failure::argument(format!("options.asOf: {e}"));
            if list.length() as usize > stegvis::trend::MAX_TREND_DATES {
                return Err(bad(stegvis::trend::InvalidTrend));
            }
            let dates = (0..list.length())
                .map(|i| date(&list.get(i)))
                .collect::<Result<Vec<_>>>()?;
            let trend = stegvis::Trend::dates(dates).map_err(bad)?;
            options.as_of = trend.as_of();
            options.trend = Some(trend);
        } else {
            options.as_of = Some(date(&as_of)?);
        }
    }
    if allowed.contains(&"every")
        && let Some(every) = property(&own, object, "options", "every")?
        && !every.is_null()
    {
        let message = "options.every must be \"quarter\", \"half-year\", \"year\" or \"none\"";
        let trend = every
            .as_string()
            .and_then(|s| stegvis::Trend::every(&s))
            .ok_or_else(|| Failure::argument(message))?;
        if options.trend.is_some() {
            return Err(Failure::argument(
                "options.every takes one asOf date, not a list",
            ));
        }
        options.trend = Some(trend);
    }
    if let Some(strict) = property(&own, object, "options", "strict")? {
        options.strict = strict
            .as_bool()
            .ok_or_else(|| Failure::argument("options.strict must be true or false"))?;
    }
    if let Some(encoding) = property(&own, object, "options", "encoding")?
        && !encoding.is_null()
    {
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
    if allowed.contains(&"profile")
        && let Some(profile) = property(&own, object, "options", "profile")?
        && !profile.is_null()
    {
        options.profile = Some(
            profile
                .as_string()
                .and_then(|name| name.parse().ok())
                .ok_or_else(|| Failure::argument("options.profile must be \"esf\" or null"))?,
        );
    }
    if allowed.contains(&"statusOn")
        && let Some(day) = property(&own, object, "options", "statusOn")?
        && !day.is_null()
    {
        options.status_on = Some(named_date(&day, "options.statusOn")?);
    }
    if allowed.contains(&"statusToleranceDays")
        && let Some(days) = property(&own, object, "options", "statusToleranceDays")?
        && !days.is_null()
    {
        let message = "options.statusToleranceDays must be a whole number of days of at least 0";
        let days = days
            .as_f64()
            .filter(|d| d.fract() == 0.0 && *d >= 0.0 && *d <= f64::from(u32::MAX))
            .ok_or_else(|| Failure::argument(message))?;
        options.status_tolerance = Some(days as u32);
    }
    if allowed.contains(&"comparison")
        && let Some(tables) = property(&own, object, "options", "comparison")?
        && !tables.is_null()
    {
        options.comparison = Some(tables);
    }
    if allowed.contains(&"progress")
        && let Some(callback) = property(&own, object, "options", "progress")?
        && !callback.is_null()
    {
        options.progress = Some(
            callback
                .dyn_into::<js_sys::Function>()
                .map_err(|_| Failure::argument("options.progress must be a function"))?,
        );
    }
    if allowed.contains(&"participant")
        && let Some(id) = property(&own, object, "options", "participant")?
        && !id.is_null()
    {
        options.participant = Some(participant_id(&id, "options.participant")?);
    }
    Ok(options)
}

/// A date by the core's rule for date cells (`docs/data.md#dates`): text
/// in its forms, or a `Date` read as a calendar day on the local clock, in
/// the same range.
fn date(value: &JsValue) -> Result<NaiveDate> {
    named_date(value, "options.asOf")
}

/// [`date`], naming the option in its message.
fn named_date(value: &JsValue, name: &str) -> Result<NaiveDate> {
    let invalid = || {
        Failure::argument(format!(
            "{name} must be a YYYY-MM-DD date from 1900-01-01 to 2199-12-31, or a Date"
        ))
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

/// A participant id by the core's rule for id cells (docs/data.md, ids):
/// text trimmed, a whole number as its decimal text; `what` names the
/// argument in the error, which never repeats the value.
pub(crate) fn participant_id(value: &JsValue, what: &str) -> Result<String> {
    stegvis::data::participant_id(scalar(value).as_field())
        .map_err(|_| Failure::argument(format!("{what} must be an id (text or integer)")))
}

fn plain_object<'v>(value: &'v JsValue, what: &str) -> Result<&'v JsValue> {
    if value.is_object() && own::is_array(value) == Ok(false) {
        Ok(value)
    } else {
        Err(Failure::argument(format!("{what} must be an object")))
    }
}

/// An own enumerable data property; `None` when absent or `undefined`. A
/// getter (never called) or a proxy that throws is a bad argument.
fn property(own: &Reader, object: &JsValue, what: &str, key: &str) -> Result<Option<JsValue>> {
    match own.get(object, &JsValue::from_str(key)) {
        Ok(Own::Value(value)) => Ok(Some(value)),
        Ok(Own::Absent) => Ok(None),
        Err(NotData) => Err(Failure::argument(format!(
            "{what}.{key} must be a plain value, not a getter"
        ))),
    }
}

fn reject_unknown_keys(object: &JsValue, allowed: &[&str], what: &str) -> Result<()> {
    let keys =
        own::keys(object).map_err(|_| Failure::argument(format!("{what} cannot be read")))?;
    for key in keys.iter() {
        let key = key.as_string().unwrap_or_default();
        if !allowed.contains(&key.as_str()) {
            return Err(Failure::argument(format!("unknown key {key:?} in {what}")));
        }
    }
    Ok(())
}
