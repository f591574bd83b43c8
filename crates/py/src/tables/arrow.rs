//! Arrow record batches to [`Field`] cells, column by column, without
//! allocating per row: each column is matched to its concrete array type
//! once per batch, then every cell is a borrowed view into the Arrow buffers.

use std::sync::Arc;

use arrow_array::cast::AsArray;
use arrow_array::temporal_conversions::{
    as_datetime, as_datetime_with_timezone, date64_to_datetime,
};
use arrow_array::timezone::Tz;
use arrow_array::types::{
    ArrowPrimitiveType, ArrowTimestampType, Date32Type, Date64Type, Float32Type, Float64Type,
    Int8Type, Int16Type, Int32Type, Int64Type, TimestampMicrosecondType, TimestampMillisecondType,
    TimestampNanosecondType, TimestampSecondType, UInt8Type, UInt16Type, UInt32Type, UInt64Type,
};
use arrow_array::{
    Array, ArrayRef, BooleanArray, GenericListArray, LargeStringArray, OffsetSizeTrait,
    PrimitiveArray, RecordBatch, RecordBatchReader, StringArray, StringViewArray,
};
use arrow_schema::{DataType, Schema, TimeUnit};
use chrono::NaiveDate;
use stegvis::data::RowSink;
use stegvis::vocab::Table;
use stegvis::{DatasetBuilder, Field};

use stegvis::data::PREFETCH_BATCH;
use stegvis::data::columns::{self, MAX_CELLS};

use super::missing_column;
use crate::error::{Error, Result};

/// Reads every batch of `reader` into the builder; record i is row i + 2.
/// The batches are gathered first, then added on the builder's threads
/// (`docs/data.md#threads`), a batch (or a slice of one) at a time; an
/// error the stream gives comes after every row of the batches before it,
/// as it would one by one.
pub(super) fn read(
    builder: &mut DatasetBuilder,
    table: Table,
    reader: Box<dyn RecordBatchReader + Send>,
) -> Result<()> {
    let required = columns::of(table).0;
    let schema = reader.schema();
    // Required, optional, then the programme's breakdown columns.
    let positions: Vec<Option<usize>> = builder
        .column_names(table)
        .iter()
        .map(|name| locate(&schema, name))
        .collect();
    // A schema is a header: when it names any column, the required ones
    // must be among them even if no row follows (as in a CSV file); a
    // table without columns is empty (docs/python.md#empty-tables).
    if !schema.fields().is_empty()
        && let Some(i) = (0..required.len()).find(|&i| positions[i].is_none())
    {
        return Err(missing_column(table, required[i]));
    }
    let (batches, stopped) = gather(table, reader, &positions);
    if table == Table::Participants {
        builder.reserve_participants(batches.iter().map(|(b, _)| b.num_rows()).sum());
    }
    let add = |(batch, row): &(RecordBatch, u64), sink: &mut RowSink<'_>| {
        add_batch(batch, *row, &positions, sink)
    };
    builder.add_on_threads(table, batches, add)?;
    stopped.map_or(Ok(()), Err)
}

/// The batches of `reader` that have rows, in slices of at most
/// [`SLICE_ROWS`], each with the row number of its first record, up to the
/// first that fails: the stream's error, or a batch with rows but not the
/// required columns.
fn gather(
    table: Table,
    reader: Box<dyn RecordBatchReader + Send>,
    positions: &[Option<usize>],
) -> (Vec<(RecordBatch, u64)>, Option<Error>) {
    let required = columns::of(table).0;
    let mut batches = Vec::new();
    let mut row = 2u64;
    for batch in reader {
        let Ok(batch) = batch else {
            let message = "the Arrow stream failed while being read";
            return (batches, Some(Error::table("invalid_table", table, message)));
        };
        if batch.num_rows() == 0 {
            continue;
        }
        // Rows without columns (a zero-column batch with a row count).
        if let Some(i) = (0..required.len()).find(|&i| positions[i].is_none()) {
            return (batches, Some(missing_column(table, required[i])));
        }
        // A slice shares the batch's buffers: nothing is copied.
        for start in (0..batch.num_rows()).step_by(SLICE_ROWS) {
            let slice = batch.slice(start, SLICE_ROWS.min(batch.num_rows() - start));
            let n = slice.num_rows() as u64;
            batches.push((slice, row));
            row += n;
        }
    }
    (batches, None)
}

/// The most rows handed to a thread at once: a larger batch is cut into
/// slices of this many, so a table of one batch (as polars hands over)
/// is read on every thread (`docs/data.md#threads`).
const SLICE_ROWS: usize = 1 << 14;

/// Adds the records of `batch`, the first of them row `row`.
fn add_batch(
    batch: &RecordBatch,
    mut row: u64,
    positions: &[Option<usize>],
    sink: &mut RowSink<'_>,
) -> std::result::Result<(), stegvis::DataError> {
    let arrays: Vec<Option<ArrayRef>> = positions
        .iter()
        .map(|at| at.map(|at| prepare(batch.column(at))))
        .collect();
    let columns: Vec<Cells<'_>> = arrays
        .iter()
        .map(|a| a.as_deref().map_or(Cells::Absent, Cells::new))
        .collect();
    // One item buffer per column and row of a chunk, reused: a list cell
    // (tags) is handed over as a list without allocating per row.
    let mut lists: Vec<Vec<Vec<Field<'_>>>> = vec![vec![Vec::new(); PREFETCH_BATCH]; columns.len()];
    let mut days = Days::new();
    let n = batch.num_rows();
    // The first cell of every table is a participant id. The id lookups
    // of each chunk start before the chunk ahead of it is added, so their
    // cache misses overlap that chunk's work and not only one another
    // (`docs/decisions.md#decision-165`).
    let ids = |from: usize| (from..(from + PREFETCH_BATCH).min(n)).map(|i| columns[0].field(i));
    sink.prefetch_participants(ids(0));
    for start in (0..n).step_by(PREFETCH_BATCH) {
        let end = (start + PREFETCH_BATCH).min(n);
        // The chunk's cells are filled a column at a time: each column's
        // type is matched once per chunk and every cell is written where
        // it is read, not returned through a temporary (which stalled
        // every cell on a store the next load could not be forwarded).
        let mut rows = [[Field::Null; MAX_CELLS]; PREFETCH_BATCH];
        let rows = &mut rows[..end - start];
        for ((k, column), lists) in columns.iter().enumerate().zip(lists.iter_mut()) {
            if sink.reads_cell(k, end - start) {
                column.fill(start, rows, k, lists, &mut days);
            }
        }
        sink.prefetch_participants(ids(end));
        for cells in rows.iter() {
            sink.add_cells(row, &cells[..columns.len()])?;
            row += 1;
        }
    }
    Ok(())
}

/// Every cell of one column, in order, as a table's column is read
/// (the ids to partition, `docs/partials.md#partitioning`).
pub(super) fn each_cell(array: &ArrayRef, mut each: impl FnMut(Field<'_>)) {
    let array = prepare(array);
    let cells = Cells::new(array.as_ref());
    for i in 0..array.len() {
        each(cells.field(i));
    }
}

/// The column called `name`: an exact match first, else one the CSV
/// reader would also take for it.
fn locate(schema: &Schema, name: &str) -> Option<usize> {
    let fields = schema.fields();
    let exact = fields.iter().position(|f| f.name() == name);
    exact.or_else(|| fields.iter().position(|f| columns::names(f.name(), name)))
}

/// Types without a direct cell view are cast once per batch: decimals and
/// half floats to f64. Everything else is used as it is.
fn prepare(array: &ArrayRef) -> ArrayRef {
    let cast_to = match array.data_type() {
        DataType::Float16
        | DataType::Decimal32(..)
        | DataType::Decimal64(..)
        | DataType::Decimal128(..)
        | DataType::Decimal256(..) => DataType::Float64,
        _ => return Arc::clone(array),
    };
    arrow_cast::cast(array, &cast_to).unwrap_or_else(|_| Arc::clone(array))
}

/// One column of a batch, viewed as its concrete type.
enum Cells<'a> {
    /// An optional column the table does not have.
    Absent,
    /// Arrow's null type: every cell is null.
    Null,
    Utf8(&'a StringArray),
    LargeUtf8(&'a LargeStringArray),
    Utf8View(&'a StringViewArray),
    Int8(&'a PrimitiveArray<Int8Type>),
    Int16(&'a PrimitiveArray<Int16Type>),
    Int32(&'a PrimitiveArray<Int32Type>),
    Int64(&'a PrimitiveArray<Int64Type>),
    UInt8(&'a PrimitiveArray<UInt8Type>),
    UInt16(&'a PrimitiveArray<UInt16Type>),
    UInt32(&'a PrimitiveArray<UInt32Type>),
    UInt64(&'a PrimitiveArray<UInt64Type>),
    Float32(&'a PrimitiveArray<Float32Type>),
    Float64(&'a PrimitiveArray<Float64Type>),
    Bool(&'a BooleanArray),
    Date32(&'a PrimitiveArray<Date32Type>),
    Date64(&'a PrimitiveArray<Date64Type>),
    TimestampS(&'a PrimitiveArray<TimestampSecondType>, Option<Tz>),
    TimestampMs(&'a PrimitiveArray<TimestampMillisecondType>, Option<Tz>),
    TimestampUs(&'a PrimitiveArray<TimestampMicrosecondType>, Option<Tz>),
    TimestampNs(&'a PrimitiveArray<TimestampNanosecondType>, Option<Tz>),
    /// Dictionary-encoded (pandas categoricals, polars enums): keys resolved
    /// once per batch, values viewed like any other column.
    Dictionary {
        array: &'a dyn Array,
        keys: Vec<usize>,
        values: Box<Cells<'a>>,
    },
    /// Lists: handed over as [`Field::List`] (the core takes them for `tags`).
    List(&'a GenericListArray<i32>, Box<Cells<'a>>),
    LargeList(&'a GenericListArray<i64>, Box<Cells<'a>>),
    /// Any other type: nulls are null, other cells unsupported (so the
    /// core rejects them with the column's own error).
    Other(&'a dyn Array),
}

impl<'a> Cells<'a> {
    fn new(array: &'a dyn Array) -> Self {
        match array.data_type() {
            DataType::Null => Cells::Null,
            DataType::Utf8 => Cells::Utf8(array.as_string::<i32>()),
            DataType::LargeUtf8 => Cells::LargeUtf8(array.as_string::<i64>()),
            DataType::Utf8View => Cells::Utf8View(array.as_string_view()),
            DataType::Int8 => Cells::Int8(array.as_primitive()),
            DataType::Int16 => Cells::Int16(array.as_primitive()),
            DataType::Int32 => Cells::Int32(array.as_primitive()),
            DataType::Int64 => Cells::Int64(array.as_primitive()),
            DataType::UInt8 => Cells::UInt8(array.as_primitive()),
            DataType::UInt16 => Cells::UInt16(array.as_primitive()),
            DataType::UInt32 => Cells::UInt32(array.as_primitive()),
            DataType::UInt64 => Cells::UInt64(array.as_primitive()),
            DataType::Float32 => Cells::Float32(array.as_primitive()),
            DataType::Float64 => Cells::Float64(array.as_primitive()),
            DataType::Boolean => Cells::Bool(array.as_boolean()),
            DataType::Date32 => Cells::Date32(array.as_primitive()),
            DataType::Date64 => Cells::Date64(array.as_primitive()),
            DataType::Timestamp(unit, tz) => {
                let tz = match tz.as_deref().map(str::parse::<Tz>) {
                    None => None,
                    Some(Ok(tz)) => Some(tz),
                    Some(Err(_)) => return Cells::Other(array),
                };
                match unit {
                    TimeUnit::Second => Cells::TimestampS(array.as_primitive(), tz),
                    TimeUnit::Millisecond => Cells::TimestampMs(array.as_primitive(), tz),
                    TimeUnit::Microsecond => Cells::TimestampUs(array.as_primitive(), tz),
                    TimeUnit::Nanosecond => Cells::TimestampNs(array.as_primitive(), tz),
                }
            }
            DataType::Dictionary(..) => match array.as_any_dictionary_opt() {
                // normalized_keys needs at least one value; with none, every
                // key is null (or invalid), which `Other` handles.
                Some(dict) if !dict.values().is_empty() => Cells::Dictionary {
                    array,
                    keys: dict.normalized_keys(),
                    values: Box::new(Cells::new(dict.values().as_ref())),
                },
                _ => Cells::Other(array),
            },
            DataType::List(_) => {
                let list = array.as_list::<i32>();
                Cells::List(list, Box::new(Cells::new(list.values().as_ref())))
            }
            DataType::LargeList(_) => {
                let list = array.as_list::<i64>();
                Cells::LargeList(list, Box::new(Cells::new(list.values().as_ref())))
            }
            _ => Cells::Other(array),
        }
    }

    /// Cell `start + r` into `rows[r][k]`, for every row `r` of `rows`;
    /// a list's items are viewed into `lists[r]` (buffers reused across
    /// chunks: lists are handed over as lists, one level deep, and the core
    /// decides which column takes one, only `tags`). The types tables
    /// usually have (text, 64-bit integers, date32) have an arm of their
    /// own, so their type is matched once per chunk and each cell built in
    /// place; the others go through [`field`](Self::field).
    fn fill<'b>(
        &self,
        start: usize,
        rows: &mut [[Field<'b>; MAX_CELLS]],
        k: usize,
        lists: &'b mut [Vec<Field<'a>>],
        days: &mut Days,
    ) where
        'a: 'b,
    {
        /// Writes `cell(start + r)` to column `k` of every row, the
        /// closure inlined for each type so the cell is built in place.
        #[inline(always)]
        fn each<'b>(
            rows: &mut [[Field<'b>; MAX_CELLS]],
            k: usize,
            start: usize,
            mut cell: impl FnMut(usize) -> Field<'b>,
        ) {
            for (r, cells) in rows.iter_mut().enumerate() {
                cells[k] = cell(start + r);
            }
        }
        match self {
            Cells::Absent | Cells::Null => each(rows, k, start, |_| Field::Null),
            Cells::Utf8(a) => each(rows, k, start, |i| text(*a, i, |a, i| a.value(i))),
            Cells::LargeUtf8(a) => each(rows, k, start, |i| text(*a, i, |a, i| a.value(i))),
            Cells::Utf8View(a) => each(rows, k, start, |i| text(*a, i, |a, i| a.value(i))),
            Cells::Int64(a) => each(rows, k, start, |i| integer(a, i)),
            Cells::Date32(a) => each(rows, k, start, |i| {
                value(*a, i, |a, i| date(days.date(a.value(i))))
            }),
            Cells::List(list, values) => fill_lists(list, values, start, rows, k, lists),
            Cells::LargeList(list, values) => fill_lists(list, values, start, rows, k, lists),
            other => each(rows, k, start, |i| other.field(i)),
        }
    }

    /// Cell `i`.
    fn field(&self, i: usize) -> Field<'a> {
        match self {
            Cells::Absent | Cells::Null => Field::Null,
            Cells::Utf8(a) => text(*a, i, |a, i| a.value(i)),
            Cells::LargeUtf8(a) => text(*a, i, |a, i| a.value(i)),
            Cells::Utf8View(a) => text(*a, i, |a, i| a.value(i)),
            Cells::Int8(a) => integer(a, i),
            Cells::Int16(a) => integer(a, i),
            Cells::Int32(a) => integer(a, i),
            Cells::Int64(a) => integer(a, i),
            Cells::UInt8(a) => integer(a, i),
            Cells::UInt16(a) => integer(a, i),
            Cells::UInt32(a) => integer(a, i),
            Cells::UInt64(a) => integer(a, i),
            Cells::Float32(a) => value(*a, i, |a, i| Field::Float(f64::from(a.value(i)))),
            Cells::Float64(a) => value(*a, i, |a, i| Field::Float(a.value(i))),
            Cells::Bool(a) => value(*a, i, |a, i| Field::Bool(a.value(i))),
            Cells::Date32(a) => value(*a, i, |a, i| date(date32(a.value(i)))),
            Cells::Date64(a) => value(*a, i, |a, i| {
                date(date64_to_datetime(a.value(i)).map(|d| d.date()))
            }),
            Cells::TimestampS(a, tz) => timestamp(a, tz.as_ref(), i),
            Cells::TimestampMs(a, tz) => timestamp(a, tz.as_ref(), i),
            Cells::TimestampUs(a, tz) => timestamp(a, tz.as_ref(), i),
            Cells::TimestampNs(a, tz) => timestamp(a, tz.as_ref(), i),
            Cells::Dictionary {
                array,
                keys,
                values,
            } => {
                if array.is_null(i) {
                    Field::Null
                } else {
                    keys.get(i).map_or(Field::Unsupported, |&k| values.field(k))
                }
            }
            Cells::List(a, _) => present(a.is_null(i)),
            Cells::LargeList(a, _) => present(a.is_null(i)),
            Cells::Other(a) => present(a.is_null(i)),
        }
    }
}

/// A cell that is not a list (lists go through [`Cells::fill`]): null, or
/// of a type no column accepts.
fn present<'a>(is_null: bool) -> Field<'a> {
    if is_null {
        Field::Null
    } else {
        Field::Unsupported
    }
}

/// [`list_cell`] of rows `start..` into column `k` of `rows`, the items
/// of row `r` viewed into `lists[r]`.
fn fill_lists<'a, 'b, O: OffsetSizeTrait>(
    list: &GenericListArray<O>,
    values: &Cells<'a>,
    start: usize,
    rows: &mut [[Field<'b>; MAX_CELLS]],
    k: usize,
    lists: &'b mut [Vec<Field<'a>>],
) where
    'a: 'b,
{
    for ((r, cells), items) in rows.iter_mut().enumerate().zip(lists.iter_mut()) {
        cells[k] = list_cell(list, values, start + r, items);
    }
}

fn list_cell<'a, 'b, O: OffsetSizeTrait>(
    list: &GenericListArray<O>,
    values: &Cells<'a>,
    i: usize,
    items: &'b mut Vec<Field<'a>>,
) -> Field<'b>
where
    'a: 'b,
{
    if list.is_null(i) {
        return Field::Null;
    }
    let offsets = list.value_offsets();
    items.clear();
    // A list inside a list is `Unsupported` by `field`, never read deeper.
    items.extend((offsets[i].as_usize()..offsets[i + 1].as_usize()).map(|j| values.field(j)));
    Field::List(items)
}

/// A non-null cell through `read`, a null cell as [`Field::Null`].
fn value<'a, A: Array>(
    array: &'a A,
    i: usize,
    read: impl FnOnce(&'a A, usize) -> Field<'a>,
) -> Field<'a> {
    if array.is_null(i) {
        Field::Null
    } else {
        read(array, i)
    }
}

fn text<'a, A: Array>(array: &'a A, i: usize, read: impl Fn(&'a A, usize) -> &'a str) -> Field<'a> {
    value(array, i, |a, i| Field::Text(read(a, i)))
}

fn integer<'a, T>(array: &'a PrimitiveArray<T>, i: usize) -> Field<'a>
where
    T: ArrowPrimitiveType,
    T::Native: TryInto<i64>,
{
    value(array, i, |a, i| {
        a.value(i)
            .try_into()
            .map_or(Field::Unsupported, Field::Integer)
    })
}

/// The date of a date32 value, days since 1970-01-01.
fn date32(day: i32) -> Option<NaiveDate> {
    /// Days from 0001-01-01 (chrono's day 1) to 1970-01-01.
    const EPOCH_FROM_CE: i32 = 719_163;
    day.checked_add(EPOCH_FROM_CE)
        .and_then(NaiveDate::from_num_days_from_ce_opt)
}

/// The dates of date32 values met before, by day. A table's dates fall on
/// a few thousand days, so nearly every cell finds its date here instead
/// of working out its year and day of the year
/// (`docs/decisions.md#decision-149`).
struct Days(Box<[(i32, Option<NaiveDate>); DAYS]>);

/// Slots of [`Days`]: room for every day of five years, 16 KiB.
const DAYS: usize = 2048;

impl Days {
    fn new() -> Self {
        // i32::MIN is no date, so the empty slots hold true pairs too.
        Days(Box::new([(i32::MIN, None); DAYS]))
    }

    fn date(&mut self, day: i32) -> Option<NaiveDate> {
        let slot = &mut self.0[day as u32 as usize % DAYS];
        if slot.0 != day {
            *slot = (day, date32(day));
        }
        slot.1
    }
}

fn date<'a>(day: Option<NaiveDate>) -> Field<'a> {
    day.map_or(Field::Unsupported, Field::Date)
}

/// The calendar date of a timestamp: in its time zone when it has one (a
/// midnight in Stockholm is that day, not the day before in UTC).
fn timestamp<'a, T: ArrowTimestampType>(
    array: &'a PrimitiveArray<T>,
    tz: Option<&Tz>,
    i: usize,
) -> Field<'a> {
    value(array, i, |a, i| {
        let v = a.value(i);
        let day = match tz {
            Some(tz) => as_datetime_with_timezone::<T>(v, *tz).map(|d| d.date_naive()),
            None => as_datetime::<T>(v).map(|d| d.date()),
        };
        date(day)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remembered_days_are_the_dates_of_their_day_numbers() {
        let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap();
        let expected = |day: i32| epoch.checked_add_signed(chrono::TimeDelta::days(day.into()));
        let slots = DAYS as i32;
        // Days that share a slot, read in turns; 0001-01-01, 9999-12-31 and
        // the days beside them; no dates at all.
        let mut cases = vec![0, slots, 0, -1, -1 - slots, -1, 19_000, 19_000 + 3 * slots];
        cases.extend([-719_162, -719_163, 2_932_896, 2_932_897, i32::MIN, i32::MAX]);
        // Dates of five years in a scrambled order, as rows give them.
        cases.extend((0..20_000).map(|i| 18_000 + (i * 7_919) % 1_826));
        let mut days = Days::new();
        for day in cases.iter().chain(&cases) {
            assert_eq!(days.date(*day), expected(*day), "day {day}");
        }
        assert_eq!(days.date(-719_162), NaiveDate::from_ymd_opt(1, 1, 1));
        assert_eq!(days.date(2_932_896), NaiveDate::from_ymd_opt(9999, 12, 31));
        assert_eq!(days.date(i32::MIN), None);
    }
}
