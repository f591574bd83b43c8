//! CSV input (`docs/data.md#csv-files`): headers by name in any order, extra columns ignored,
//! comma or semicolon separated (sniffed from the header, as Swedish
//! spreadsheets export semicolons), one reused record buffer for all rows.
//! The bytes are decoded by [`super::decode`] (`docs/data.md#encodings`), and
//! no row may be longer than [`MAX_ROW_BYTES`] (`docs/data.md#size-limits`).

use std::fs::File;
use std::io::{self, Read};
use std::num::NonZeroUsize;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{self, TrySendError};
use std::thread;

use super::chunks::{Chunk, ChunkLines, ChunkReader, Chunker, Records};
use super::columns;
use super::decode::{Decoded, Encoding, MAX_ROW_BYTES, is_row_too_large};
use super::threads::{AddCells, add_cells_of};
use super::{Added, Checked, Dataset, DatasetBuilder, Field, Lookup, PREFETCH_BATCH, RowSink};
use crate::error::{DataError, DataErrorKind};
use crate::programme::Programme;
use crate::vocab::Table;

/// The CSV files of one programme.
#[derive(Debug, Clone, Copy)]
pub struct CsvFiles<'a> {
    /// Participants file.
    pub participants: &'a Path,
    /// Assessments file.
    pub assessments: &'a Path,
    /// Follow-ups file, if any.
    pub follow_ups: Option<&'a Path>,
    /// The character encoding of all three ([`Encoding::Auto`]: detected per file).
    pub encoding: Encoding,
    /// Threads to read them on ([`DatasetBuilder::read_threads`]); `None`:
    /// the available cores.
    pub threads: Option<NonZeroUsize>,
}

impl Dataset {
    /// Reads the CSV files; errors name the file, row and column.
    pub fn from_csv_files(
        programme: &Programme,
        files: CsvFiles<'_>,
    ) -> Result<Dataset, DataError> {
        let mut builder = Dataset::builder(programme);
        if let Some(threads) = files.threads {
            builder.read_threads(threads);
        }
        builder.read_csv_file(Table::Participants, files.participants, files.encoding)?;
        builder.read_csv_file(Table::Assessments, files.assessments, files.encoding)?;
        if let Some(path) = files.follow_ups {
            builder.read_csv_file(Table::FollowUps, path, files.encoding)?;
        }
        Ok(builder.build())
    }
}

/// Opens the file at `path` to be read as `table`: `not_a_file` for a
/// directory, `io_error` when it cannot be opened (`docs/data.md#csv-files`).
/// The one place every surface opens a CSV file.
pub(super) fn open(table: Table, path: &Path) -> Result<File, DataError> {
    let error = |kind| DataError::new(kind, table, None, None);
    let directory = || error(DataErrorKind::NotAFile);
    match File::open(path) {
        Ok(file) => match file.metadata() {
            Ok(meta) if meta.is_dir() => Err(directory()),
            Ok(_) => Ok(file),
            Err(_) => Err(error(DataErrorKind::Io)),
        },
        // Some systems refuse to open a directory at all.
        Err(_) if path.is_dir() => Err(directory()),
        Err(_) => Err(error(DataErrorKind::Io)),
    }
}

/// Where a CSV table's columns are and what they are called: what reading
/// a record needs, on any thread.
pub(super) struct Layout {
    pub(super) table: Table,
    pub(super) delimiter: u8,
    headers: csv::StringRecord,
    positions: Vec<Option<usize>>,
    names: Vec<String>,
}

impl Layout {
    /// A record at `row`, `length` bytes from where the one before it
    /// ended, is at most [`MAX_ROW_BYTES`] long and has no NUL byte
    /// (`docs/data.md#size-limits`, `docs/data.md#nul-bytes`).
    fn check(&self, record: &csv::StringRecord, row: u64, length: u64) -> Result<(), DataError> {
        let error =
            |kind, column: Option<&str>| DataError::new(kind, self.table, Some(row), column);
        if length > MAX_ROW_BYTES {
            return Err(error(DataErrorKind::RowTooLarge, None));
        }
        if record.as_slice().as_bytes().contains(&0) {
            let field = record.iter().position(|cell| cell.as_bytes().contains(&0));
            let column = if row == 1 {
                None
            } else {
                field.and_then(|f| self.column(f))
            };
            return Err(error(DataErrorKind::InvalidCsv, column.as_deref()));
        }
        Ok(())
    }

    /// Reads the next record of `reader` into `record` as row `row`,
    /// checked; false at the end. Every CSV reader reads its records here,
    /// the whole file's on one thread and each chunk's on several.
    pub(super) fn read_record<R: Read>(
        &self,
        reader: &mut csv::Reader<R>,
        record: &mut csv::StringRecord,
        row: u64,
    ) -> Result<bool, DataError> {
        let start = reader.position().byte();
        match reader.read_record(record) {
            Ok(true) => {
                self.check(record, row, reader.position().byte() - start)?;
                Ok(true)
            }
            Ok(false) => Ok(false),
            Err(e) => Err(csv_error(self.table, &e, row, Some(&|f| self.column(f)))),
        }
    }

    /// A CSV reader of `input`'s records, which follow this layout's
    /// header: every reader of records after the header is made here.
    pub(super) fn records_reader<I: Read>(&self, input: I) -> csv::Reader<I> {
        csv::ReaderBuilder::new()
            .delimiter(self.delimiter)
            .flexible(true)
            .has_headers(false)
            .from_reader(input)
    }

    /// The name of field `field` of a record: the column's own name when
    /// it is one the table reads, else its header as written.
    fn column(&self, field: usize) -> Option<String> {
        match self.positions.iter().position(|&at| at == Some(field)) {
            Some(i) => Some(self.names[i].clone()),
            None => self.headers.get(field).map(|h| h.trim().to_owned()),
        }
    }
}

#[cfg(test)]
impl Layout {
    /// A layout that names no column, for tests that read records alone.
    pub(super) fn bare(table: Table, delimiter: u8) -> Self {
        Layout {
            table,
            delimiter,
            headers: csv::StringRecord::new(),
            positions: Vec::new(),
            names: Vec::new(),
        }
    }
}

/// A CSV table with its columns located by name.
pub(super) struct CsvTable<R: Read> {
    layout: Layout,
    reader: csv::Reader<Input<R>>,
    row: u64,
    /// The decoded offset of the reader's first byte: 0, or where reading
    /// a file's plain chunks on one thread gave the rest back.
    offset: u64,
}

impl<R: Read> CsvTable<R> {
    fn open(
        table: Table,
        input: R,
        encoding: Encoding,
        required: &'static [&'static str],
        names: Vec<String>,
    ) -> Result<Self, DataError> {
        let io = |_| DataError::new(DataErrorKind::Io, table, Some(1), None);
        let (mut reader, delimiter) = csv_reader(input, encoding).map_err(io)?;
        let headers = match reader.headers() {
            Ok(headers) => headers.clone(),
            Err(e) => return Err(csv_error(table, &e, 1, None)),
        };
        let mut layout = Layout {
            table,
            delimiter,
            headers: csv::StringRecord::new(),
            positions: Vec::with_capacity(names.len()),
            names,
        };
        // Before the columns: a UTF-16 header without a byte-order mark
        // is a NUL byte, not a missing column.
        layout.check(&headers, 1, 0)?;
        let find = |name: &str| headers.iter().position(|h| columns::names(h, name));
        for name in required {
            let at = find(name).ok_or_else(|| {
                DataError::new(DataErrorKind::MissingColumn, table, Some(1), Some(name))
            })?;
            layout.positions.push(Some(at));
        }
        // Optional columns, then breakdown columns: absent means no value.
        let rest: Vec<Option<usize>> = layout.names[required.len()..]
            .iter()
            .map(|name| find(name))
            .collect();
        layout.positions.extend(rest);
        layout.headers = headers;
        Ok(CsvTable {
            layout,
            reader,
            row: 1,
            offset: 0,
        })
    }

    /// The rest of a table after row `row`, decoded from `offset` on in
    /// `input` ([`Chunker::into_rest`]).
    fn resume(layout: Layout, input: Input<R>, offset: u64, row: u64) -> Self {
        let reader = layout.records_reader(input);
        CsvTable {
            layout,
            reader,
            row,
            offset,
        }
    }

    /// Reads the next record into `record` (a reused buffer): its row, or
    /// `None` at the end.
    fn next(&mut self, record: &mut csv::StringRecord) -> Result<Option<u64>, DataError> {
        self.row += 1;
        let start = self.offset + self.reader.position().byte();
        self.reader.get_mut().get_mut().1.row_starts_at(start);
        let read = self
            .layout
            .read_record(&mut self.reader, record, self.row)?;
        Ok(read.then_some(self.row))
    }

    /// The input, which a [`CsvFeed`](super::CsvFeed) gives its pieces to.
    pub(super) fn input_mut(&mut self) -> &mut R {
        self.reader.get_mut().get_mut().1.get_mut()
    }

    /// Whether the header took no more than the first line the reader was
    /// given: then the rest of the file can be cut into chunks. A header
    /// with a quoted line break may have taken more, which the CSV reader
    /// holds, so such a file is read on one thread.
    fn header_in_first_line(&self) -> bool {
        let header_end = self.reader.position().byte();
        let (head, decoded) = self.reader.get_ref().get_ref();
        let head_len = head.get_ref().len() as u64;
        header_end <= head_len && decoded.handed_out() == head_len
    }

    /// The rest of the file, after the header, to be cut into chunks of
    /// about `chunk_bytes` ([`Chunker::new`] tells `counted`), and the
    /// layout to read them with; only when
    /// [`header_in_first_line`](Self::header_in_first_line).
    fn into_chunks(self, chunk_bytes: usize, counted: bool) -> (Chunker<R>, Layout) {
        let header_end = self.reader.position().byte();
        let CsvTable { layout, reader, .. } = self;
        let (head, decoded) = reader.into_inner().into_inner();
        let mut pending = head.into_inner();
        pending.drain(..header_end as usize);
        let chunker = Chunker::new(decoded, pending, header_end, &layout, chunk_bytes, counted);
        (chunker, layout)
    }
}

/// What [`OneThread::step`] did.
pub(super) enum Step {
    /// Added a chunk's rows: there may be more.
    More,
    /// Every row is added.
    Done,
    /// The next chunk is not plain lines: the rest of the file is for the
    /// CSV reader ([`OneThread::into_rest`]).
    Rest,
}

/// A CSV table read on one thread a chunk of plain lines at a time
/// ([`DatasetBuilder::read_on_this_thread`]), one [`step`](Self::step) at
/// a time, so that pieces of a file can be read as they arrive
/// ([`CsvFeed`](super::CsvFeed)).
pub(super) struct OneThread<R> {
    chunker: Chunker<R>,
    layout: Layout,
    chunk: Chunk,
    reader: ChunkReader,
    batch: Batch,
    width: usize,
    /// A participants file's size, until its first chunk tells how many
    /// participants it holds.
    bytes: Option<u64>,
}

impl<R: Read> OneThread<R> {
    /// Reads `t`'s rows, of `width` cells, in chunks of about
    /// `chunk_bytes`; gives `t` back when its header may have taken more
    /// than its first line: the CSV reader then streams the whole file.
    pub(super) fn new(
        t: CsvTable<R>,
        width: usize,
        bytes: Option<u64>,
        chunk_bytes: usize,
    ) -> Result<Self, Box<CsvTable<R>>> {
        if !t.header_in_first_line() {
            return Err(Box::new(t));
        }
        let (chunker, layout) = t.into_chunks(chunk_bytes, false);
        Ok(OneThread {
            chunker,
            reader: ChunkReader::new(&layout),
            layout,
            chunk: Chunk::default(),
            batch: Batch::default(),
            width,
            bytes,
        })
    }

    /// Reads the next chunk and adds its rows to `builder`.
    pub(super) fn step(&mut self, builder: &mut DatasetBuilder) -> Result<Step, DataError> {
        if !self.chunker.next(&mut self.chunk, None)? {
            return Ok(Step::Done);
        }
        // Once reading failed, the chunker gives the error after the
        // chunks before it, so it keeps cutting them.
        if !self.chunk.plain && !self.chunker.read_failed() {
            return Ok(Step::Rest);
        }
        let mut sink = RowSink::builder(builder, self.layout.table);
        let row = add_chunk(
            &mut self.reader,
            &mut self.batch,
            &mut self.chunk,
            &self.layout,
            &mut sink,
            self.width,
        )?;
        self.chunker.read_to(row);
        // After the first chunk (the header is row 1).
        if let Some(bytes) = self.bytes.take() {
            let records = usize::try_from(row.saturating_sub(1)).unwrap_or(usize::MAX);
            let chunk = self.chunk.bytes.len() as u64;
            sink.reserve_participants(records_in(bytes, records, chunk));
        }
        Ok(Step::More)
    }

    /// After [`Step::Rest`]: the rest of the file from the chunk that is
    /// not plain lines, for the CSV reader.
    pub(super) fn into_rest(self) -> CsvTable<R> {
        let row = self.chunk.after_row;
        let (rest, offset) = self.chunker.into_rest(self.chunk);
        CsvTable::resume(self.layout, rest, offset, row)
    }

    /// The input, which a [`CsvFeed`](super::CsvFeed) gives its pieces to.
    pub(super) fn input_mut(&mut self) -> &mut R {
        self.chunker.input_mut()
    }

    /// How many cells a row gives.
    pub(super) fn width(&self) -> usize {
        self.width
    }
}

/// Whether a record has nothing but delimiters and spaces
/// (`;;;;`, which Excel writes for an empty but formatted row): skipped
/// like a blank line, though still a row for the numbering
/// (`docs/data.md#csv-files`).
fn is_blank(record: &csv::StringRecord) -> bool {
    record
        .iter()
        .all(|cell| crate::vocab::trim(cell).is_empty())
}

/// Cell `i` of `record`, whose columns are at `positions` (in
/// required-then-optional order).
fn cell<'r>(positions: &[Option<usize>], record: &'r csv::StringRecord, i: usize) -> Field<'r> {
    text_cell(positions[i].and_then(|at| record.get(at)))
}

/// The cell of a field's text, or of a field the record does not have.
fn text_cell(text: Option<&str>) -> Field<'_> {
    match text {
        Some(text) => Field::Text(text).normalised(),
        None => Field::Null,
    }
}

/// How many records are read before they are added: enough that adding
/// them a group at a time overlaps their cache misses, few enough to stay
/// in the cache.
const BATCH: usize = 1024;

/// Records with their row numbers, read together and then added; the
/// first `len` are this batch's, the rest spare buffers.
#[derive(Default)]
struct Batch {
    rows: Vec<(u64, csv::StringRecord)>,
    len: usize,
    /// Participants only: what [`check_participant`] gave for each of the
    /// batch's rows that is not blank, in order ([`Batch::check`]); empty
    /// until they are checked.
    checked: Vec<Checked>,
}

impl Batch {
    /// Reads up to [`BATCH`] records with `next` (which reads a record and
    /// gives its row, `None` at the end) into the batch; `Ok(false)` when
    /// the records ended, an error at its row after the rows before it,
    /// which are in the batch.
    fn fill(
        &mut self,
        mut next: impl FnMut(&mut csv::StringRecord) -> Result<Option<u64>, DataError>,
    ) -> Result<bool, DataError> {
        self.len = 0;
        self.checked.clear();
        while self.len < BATCH {
            if self.len == self.rows.len() {
                self.rows.push(Default::default());
            }
            let (row, record) = &mut self.rows[self.len];
            let Some(at) = next(record)? else {
                return Ok(false);
            };
            *row = at;
            self.len += 1;
        }
        Ok(true)
    }

    /// About how many records a file of `bytes` bytes holds, judged from
    /// this batch's average record (its cells and their separators; quotes
    /// and `\r` uncounted, so rather more than fewer); 15/16 of it, so
    /// that an estimate just past a power of two does not double what
    /// [`DatasetBuilder::reserve_participants`] sizes: the rest regrows.
    /// `None` for a batch that is not full (it holds the whole file).
    fn records_in(&self, bytes: u64) -> Option<usize> {
        if self.len < BATCH {
            return None;
        }
        let read: u64 = self.rows[..self.len]
            .iter()
            .map(|(_, r)| (r.as_byte_record().as_slice().len() + r.len()) as u64)
            .sum();
        Some(records_in(bytes, self.len, read))
    }

    /// Reads every record of `next` and adds it to `sink`, a batch at a
    /// time. A reading error waits until the rows before it are added, so
    /// the first error in row order still wins
    /// (`docs/decisions.md#decision-11`).
    fn read_and_add(
        &mut self,
        mut next: impl FnMut(&mut csv::StringRecord) -> Result<Option<u64>, DataError>,
        sink: &mut RowSink<'_>,
        positions: &[Option<usize>],
        width: usize,
    ) -> Result<(), DataError> {
        loop {
            let read = self.fill(&mut next);
            self.add(sink, positions, width)?;
            if !read? {
                return Ok(());
            }
        }
    }

    /// Adds the batch's rows to `sink`, a group at a time ([`add_groups`]).
    /// Blank rows are skipped; stops at the first error.
    fn add(
        &self,
        sink: &mut RowSink<'_>,
        positions: &[Option<usize>],
        width: usize,
    ) -> Result<(), DataError> {
        let mut records = self.rows[..self.len]
            .iter()
            .filter(|(_, record)| !is_blank(record));
        add_groups(sink, width, |group| {
            for (len, (at, cells)) in group.iter_mut().enumerate() {
                let Some((row, record)) = records.next() else {
                    return (len, Some(Ok(())));
                };
                *at = *row;
                for (i, c) in cells[..width].iter_mut().enumerate() {
                    *c = cell(positions, record, i);
                }
            }
            (PREFETCH_BATCH, None)
        })
    }

    /// Runs [`check_participant`] on each of the batch's participants
    /// rows that is not blank, keeping what it gives. It needs no builder,
    /// so the thread that parsed the rows can do it while the adding
    /// thread adds the batch before.
    fn check(&mut self, positions: &[Option<usize>], width: usize) {
        let mut checked = std::mem::take(&mut self.checked);
        let mut sink = RowSink::check(&mut checked, Table::Participants);
        // Checking fails no row: each row's error is kept with it.
        let _ = self.add(&mut sink, positions, width);
        self.checked = checked;
    }
}

/// About how many records a file of `bytes` bytes holds when `records`
/// of them took `read` bytes; 15/16 of it, so that an estimate just past a
/// power of two does not double what
/// [`DatasetBuilder::reserve_participants`] sizes: the rest regrows.
fn records_in(bytes: u64, records: usize, read: u64) -> usize {
    let estimate = u128::from(bytes) * records as u128 * 15 / (16 * u128::from(read.max(1)));
    usize::try_from(estimate).unwrap_or(usize::MAX)
}

/// [`PREFETCH_BATCH`] rows, each its row number and cells.
type Group<'c> = [(u64, [Field<'c>; columns::MAX_CELLS]); PREFETCH_BATCH];

/// Adds rows to `sink` a group at a time, each group filled by `read`:
/// how many rows it filled, and, when the rows ended, how (with the last
/// rows, or with an error after the rows filled). The id slots of a
/// group's rows are touched before any is used (the first cell of every
/// table is a participant id), and before the group ahead of it is added,
/// so their cache misses overlap one another and that group's work
/// (`docs/decisions.md#decision-165`). Stops at the first error.
fn add_groups<'c>(
    sink: &mut RowSink<'_>,
    width: usize,
    mut read: impl FnMut(&mut Group<'c>) -> (usize, Option<Result<(), DataError>>),
) -> Result<(), DataError> {
    let mut groups = [[(0, [Field::Null; columns::MAX_CELLS]); PREFETCH_BATCH]; 2];
    let [mut now, mut ahead] = groups.each_mut();
    // Nothing to add the first time round: the first group is only read.
    let (mut len, mut end) = (0, None);
    loop {
        let (next_len, next_end) = match end {
            None => read(ahead),
            Some(_) => (0, None),
        };
        sink.prefetch_participants(ahead[..next_len].iter().map(|(_, cells)| cells[0]));
        for (row, cells) in &now[..len] {
            sink.add_cells(*row, &cells[..width])?;
        }
        if let Some(end) = end {
            return end;
        }
        std::mem::swap(&mut now, &mut ahead);
        (len, end) = (next_len, next_end);
    }
}

/// Reads every record of a chunk of plain lines and adds it to `sink`, as
/// [`Batch::read_and_add`] does with the records of the CSV reader, their
/// cells borrowed from the chunk's text ([`add_groups`]). A reading error
/// (the interrupt) waits until the rows before it are added.
fn add_lines<'c>(
    lines: &mut ChunkLines<'c>,
    sink: &mut RowSink<'_>,
    positions: &[Option<usize>],
    width: usize,
) -> Result<(), DataError> {
    let wanted = positions.iter().flatten().max().map_or(0, |&at| at + 1);
    let mut fields = Vec::with_capacity(wanted);
    add_groups(sink, width, |group| {
        let mut len = 0;
        while len < PREFETCH_BATCH {
            match lines.next(&mut fields, wanted) {
                Ok(Some((_, true))) => {}
                Ok(Some((row, false))) => {
                    let (at, cells) = &mut group[len];
                    *at = row;
                    for (c, position) in cells[..width].iter_mut().zip(positions) {
                        *c = text_cell(position.and_then(|at| fields.get(at).copied()));
                    }
                    len += 1;
                }
                Ok(None) => return (len, Some(Ok(()))),
                Err(e) => return (len, Some(Err(e))),
            }
        }
        (len, None)
    })
}

/// Reads every record of `chunk` with `reader` and adds it to `sink`:
/// records of the CSV reader through `batch`, plain lines split where they
/// lie. Gives the row of the last record, or the first error.
fn add_chunk(
    reader: &mut ChunkReader,
    batch: &mut Batch,
    chunk: &mut Chunk,
    layout: &Layout,
    sink: &mut RowSink<'_>,
    width: usize,
) -> Result<u64, DataError> {
    let positions = &layout.positions;
    reader.read(chunk, layout, |records| match records {
        Records::Parsed(mut records) => {
            batch.read_and_add(|r| records.next(r), sink, positions, width)?;
            Ok(records.row())
        }
        Records::Split(mut lines) => {
            add_lines(&mut lines, sink, positions, width)?;
            Ok(lines.row())
        }
    })
}

/// The decoded input: the first line, read ahead to sniff the delimiter, then the rest.
pub(super) type Input<R> = io::Chain<io::Cursor<Vec<u8>>, Decoded<R>>;

/// The CSV reader over decoded input, and its delimiter, sniffed from the header.
fn csv_reader<R: Read>(input: R, encoding: Encoding) -> io::Result<(csv::Reader<Input<R>>, u8)> {
    let mut input = Decoded::new(input, encoding);
    let head = first_line(&mut input)?;
    let delimiter = sniff_delimiter(&head);
    let reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(io::Cursor::new(head).chain(input));
    Ok((reader, delimiter))
}

/// The most of the first line read to sniff the delimiter.
const SNIFFED: usize = 64 << 10;

/// The bytes up to and including the first line break (or a little more),
/// at most about [`SNIFFED`].
fn first_line(input: &mut impl Read) -> io::Result<Vec<u8>> {
    let mut head = Vec::new();
    let mut chunk = [0; 8192];
    while head.len() < SNIFFED {
        let n = match input.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        head.extend_from_slice(&chunk[..n]);
        if chunk[..n].contains(&b'\n') {
            break;
        }
    }
    Ok(head)
}

/// The error for what the CSV reader reports while reading row `row`;
/// `column` names a field of a data row.
fn csv_error(
    table: Table,
    e: &csv::Error,
    row: u64,
    column: Option<&dyn Fn(usize) -> Option<String>>,
) -> DataError {
    match e.kind() {
        csv::ErrorKind::Io(io) if is_row_too_large(io) => {
            DataError::new(DataErrorKind::RowTooLarge, table, Some(row), None)
        }
        csv::ErrorKind::Io(_) => DataError::new(DataErrorKind::Io, table, Some(row), None),
        csv::ErrorKind::Utf8 { err, .. } => {
            let name = column.and_then(|name| name(err.field()));
            DataError::new(
                DataErrorKind::InvalidEncoding,
                table,
                Some(row),
                name.as_deref(),
            )
        }
        _ => DataError::new(
            DataErrorKind::InvalidCsv,
            table,
            e.position().map(|_| row),
            None,
        ),
    }
}

/// `;` when the header line has semicolons and no commas, else `,`.
fn sniff_delimiter(head: &[u8]) -> u8 {
    let header = head.split(|&b| b == b'\n').next().unwrap_or(head);
    if header.contains(&b';') && !header.contains(&b',') {
        b';'
    } else {
        b','
    }
}

/// The table a CSV file holds, named by its header line (read with the
/// readers' delimiter and header rules, docs/data.md#csv-files); `None`
/// when the header fits no table or several.
pub fn table_of_csv(input: &[u8]) -> Option<Table> {
    let (mut reader, _) = csv_reader(input, Encoding::Auto).ok()?;
    let headers = reader.headers().ok()?;
    columns::table_of(&headers.iter().collect::<Vec<_>>())
}

impl DatasetBuilder {
    /// Reads a CSV file of `table`: a header naming the columns of
    /// [`columns::of`] in any order, then rows. Extra columns are ignored,
    /// except those the programme's breakdowns name
    /// (`docs/data.md#breakdown-columns`).
    /// The encoding is detected (`docs/data.md#encodings`).
    pub fn read_csv<R: Read>(&mut self, table: Table, input: R) -> Result<(), DataError> {
        self.read_csv_encoded(table, input, Encoding::Auto)
    }

    /// Like [`read_csv`](Self::read_csv), in the given encoding
    /// ([`Encoding::Auto`] detects it).
    pub fn read_csv_encoded<R: Read>(
        &mut self,
        table: Table,
        input: R,
        encoding: Encoding,
    ) -> Result<(), DataError> {
        self.read_csv_sized(table, input, encoding, None)
    }

    /// [`read_csv_encoded`](Self::read_csv_encoded) of an input of `bytes`
    /// bytes when known: a participants file then makes room in the id
    /// index for about as many participants as it holds.
    pub(super) fn read_csv_sized<R: Read>(
        &mut self,
        table: Table,
        input: R,
        encoding: Encoding,
        bytes: Option<u64>,
    ) -> Result<(), DataError> {
        let (t, width) = self.open_csv(table, input, encoding)?;
        // Participants make the index the other tables look up, so they
        // are read on this thread alone.
        let Some(add) = add_cells_of(table) else {
            return self.read_on_this_thread(t, width, bytes);
        };
        // Threads may have added rows past the first error when it is
        // found, so a file that fails keeps none of its rows, on any
        // number of threads (`docs/data.md#threads`).
        let before = std::mem::take(&mut self.added);
        let read = if self.threads.get() > 1 && t.header_in_first_line() {
            let (chunker, layout) = t.into_chunks(self.chunk_bytes, true);
            self.read_in_parallel(chunker, &layout, width, add)
        } else {
            self.read_on_this_thread(t, width, None)
        };
        let added = std::mem::replace(&mut self.added, before);
        if read.is_ok() {
            self.added.join(added);
        }
        read
    }

    /// The CSV table of `input`, its header read, and how many cells a row
    /// of it gives.
    pub(super) fn open_csv<R: Read>(
        &self,
        table: Table,
        input: R,
        encoding: Encoding,
    ) -> Result<(CsvTable<R>, usize), DataError> {
        let (required, _) = columns::of(table);
        let names = self.column_names(table);
        let width = names.len();
        Ok((
            CsvTable::open(table, input, encoding, required, names)?,
            width,
        ))
    }

    /// Reads and adds every row of `t` on this thread: a chunk of plain
    /// lines at a time, split where they lie, until a chunk is not plain;
    /// from there on (or from the start, when the header may have taken
    /// more than its line) the CSV reader streams the rest
    /// (`docs/decisions.md#decision-154`). Given the size in `bytes` of a
    /// participants file (only [`read_csv_sized`](Self::read_csv_sized)
    /// gives one, and only for participants), the index makes room for
    /// about as many participants as its first chunk says the file holds
    /// (`docs/decisions.md#decision-156`).
    fn read_on_this_thread<R: Read>(
        &mut self,
        t: CsvTable<R>,
        width: usize,
        bytes: Option<u64>,
    ) -> Result<(), DataError> {
        let mut chunks = match OneThread::new(t, width, bytes, self.chunk_bytes) {
            Ok(chunks) => chunks,
            Err(t) => return self.stream(*t, width),
        };
        loop {
            match chunks.step(self)? {
                Step::More => {}
                Step::Done => return Ok(()),
                Step::Rest => return self.stream(chunks.into_rest(), width),
            }
        }
    }

    /// Reads and adds every row of `t` on this thread, through the CSV reader.
    pub(super) fn stream<R: Read>(
        &mut self,
        mut t: CsvTable<R>,
        width: usize,
    ) -> Result<(), DataError> {
        let positions = t.layout.positions.clone();
        let mut sink = RowSink::builder(self, t.layout.table);
        Batch::default().read_and_add(|r| t.next(r), &mut sink, &positions, width)
    }

    /// Reads the rows of an assessments or follow-ups file on
    /// [`threads`](Self::read_threads) threads (`docs/data.md#threads`):
    /// this one cuts the file into chunks of whole records; the others
    /// parse them, look their rows up and `add` them, each into rows of its
    /// own, joined at the end. When they are all busy, this thread reads
    /// the chunk itself, so the work balances. Of the errors found, the one
    /// at the smallest row is returned: the result and every error are
    /// those of one thread.
    fn read_in_parallel<R: Read>(
        &mut self,
        mut chunker: Chunker<R>,
        layout: &Layout,
        width: usize,
        add: AddCells,
    ) -> Result<(), DataError> {
        let lookup = Lookup {
            programme: &self.programme,
            index: &self.index,
        };
        let interrupt = &mut self.interrupt;
        let lookers = self.threads.get() - 1;
        let failed = &AtomicBool::new(false);
        let table = layout.table;
        // Reads and adds a chunk's rows unless the thread met an error already.
        let read = |chunk: &mut Chunk,
                    reader: &mut ChunkReader,
                    batch: &mut Batch,
                    sink: &mut RowSink<'_>,
                    failure: &mut Option<DataError>| {
            if failure.is_some() {
                return;
            }
            if let Err(e) = add_chunk(reader, batch, chunk, layout, sink, width) {
                failed.store(true, Ordering::Relaxed);
                *failure = Some(e);
            }
        };
        let (results, stopped) = thread::scope(|scope| {
            // Chunks go round, back to this thread when read, so they keep
            // their buffers and no row allocates.
            let (back, free) = mpsc::channel::<Chunk>();
            let (queues, threads): (Vec<_>, Vec<_>) = (0..lookers)
                .map(|_| {
                    let (queue, chunks) = mpsc::sync_channel::<Chunk>(2);
                    let back = back.clone();
                    let looker = scope.spawn(move || {
                        let (mut added, mut failure) = (Added::default(), None);
                        let mut sink = RowSink::thread(lookup, &mut added, add, None, table);
                        let (mut batch, mut reader) = (Batch::default(), ChunkReader::new(layout));
                        for mut chunk in chunks {
                            read(&mut chunk, &mut reader, &mut batch, &mut sink, &mut failure);
                            let _ = back.send(chunk);
                        }
                        (added, failure)
                    });
                    (queue, looker)
                })
                .unzip();
            let (mut added, mut failure) = (Added::default(), None);
            let mut mine = RowSink::thread(lookup, &mut added, add, None, table);
            let (mut batch, mut reader) = (Batch::default(), ChunkReader::new(layout));
            let mut stopped = None;
            let mut spare = Vec::new();
            for turn in 0.. {
                // A chunk back from a looker, else a new one: as many are
                // made as the lookers' queues hold, and then reused.
                let mut chunk = spare
                    .pop()
                    .or_else(|| free.try_recv().ok())
                    .unwrap_or_default();
                match chunker.next(&mut chunk, Some(&mut *interrupt)) {
                    Ok(true) => {}
                    Ok(false) => break,
                    Err(e) => {
                        stopped = Some(e);
                        break;
                    }
                }
                // A looker's error comes before any row of this chunk.
                if failed.load(Ordering::Relaxed) {
                    break;
                }
                // To the lookers in turn, the first with room; when all
                // are busy, this thread reads the chunk itself.
                let mut unsent = Some(chunk);
                for q in 0..lookers {
                    let Some(chunk) = unsent.take() else { break };
                    if let Err(TrySendError::Full(chunk) | TrySendError::Disconnected(chunk)) =
                        queues[(turn + q) % lookers].try_send(chunk)
                    {
                        unsent = Some(chunk);
                    }
                }
                if let Some(mut chunk) = unsent {
                    read(&mut chunk, &mut reader, &mut batch, &mut mine, &mut failure);
                    spare.push(chunk);
                }
            }
            drop(queues);
            let mut results: Vec<(Added, Option<DataError>)> = threads
                .into_iter()
                .map(|looker| {
                    looker
                        .join()
                        .unwrap_or_else(|p| std::panic::resume_unwind(p))
                })
                .collect();
            results.push((added, failure));
            (results, stopped)
        });
        self.join_threads(results, stopped)
    }

    /// Reads the CSV file at `path` as `table`, in the given encoding;
    /// errors name the file. A directory is `not_a_file`, a file that
    /// cannot be opened or read `io_error` (`docs/data.md#csv-files`).
    /// A path ending in `.xlsx` is read as a workbook instead
    /// (`docs/data.md#xlsx-files`).
    pub fn read_csv_file(
        &mut self,
        table: Table,
        path: &Path,
        encoding: Encoding,
    ) -> Result<(), DataError> {
        #[cfg(feature = "xlsx-read")]
        if super::is_xlsx_path(path) {
            return self.read_xlsx_file(table, path);
        }
        let named = |e: DataError| e.in_file(path.display().to_string());
        let file = open(table, path).map_err(named)?;
        let bytes = file.metadata().map_or(0, |m| m.len());
        if add_cells_of(table).is_none() && self.threads.get() > 1 {
            return self
                .read_parsed_ahead(table, file, encoding, bytes)
                .map_err(named);
        }
        self.read_csv_sized(table, file, encoding, Some(bytes))
            .map_err(named)
    }

    /// Reads the participants with their records parsed ahead on a thread
    /// of its own while this one adds them, in row order, as the index
    /// they make needs (`docs/data.md#threads`). The checks of a row that
    /// need no other row ([`check_participant`]) are made by whichever
    /// thread is free. Each batch is added as on one thread, and a reading
    /// error after the rows before it, so the dataset and every error are
    /// those of one thread. The first batch
    /// tells about how many participants the file's `bytes` hold, to make
    /// room for them at once.
    fn read_parsed_ahead<R: Read + Send>(
        &mut self,
        table: Table,
        input: R,
        encoding: Encoding,
        bytes: u64,
    ) -> Result<(), DataError> {
        let (mut t, width) = self.open_csv(table, input, encoding)?;
        let positions = t.layout.positions.clone();
        let queued = AtomicUsize::new(0);
        thread::scope(|scope| {
            let (parsed, batches) = mpsc::sync_channel::<(Batch, Result<bool, DataError>)>(2);
            let (back, spare) = mpsc::channel::<Batch>();
            // Batches sent and not yet taken: while the adding thread has
            // one to add, this thread checks the next itself; else the
            // adding thread does, so neither waits for the other.
            let queued = &queued;
            let at = &positions;
            scope.spawn(move || {
                loop {
                    let mut batch = spare.try_recv().unwrap_or_default();
                    let read = batch.fill(|record| t.next(record));
                    if queued.load(Ordering::Relaxed) > 0 {
                        batch.check(at, width);
                    }
                    let more = matches!(read, Ok(true));
                    queued.fetch_add(1, Ordering::Relaxed);
                    // Stops when the adding thread stopped, at an error.
                    if parsed.send((batch, read)).is_err() || !more {
                        return;
                    }
                }
            });
            let mut batches = batches.into_iter().peekable();
            if let Some(estimate) = batches.peek().and_then(|(b, _)| b.records_in(bytes)) {
                self.reserve_participants(estimate);
            }
            for (mut batch, read) in batches {
                queued.fetch_sub(1, Ordering::Relaxed);
                // Rows the parsing thread did not check are checked here.
                let checked = std::mem::take(&mut batch.checked);
                let mut sink = RowSink::checked(self, checked, table);
                let added = batch.add(&mut sink, &positions, width);
                let _ = back.send(batch);
                added?;
                if !read? {
                    break;
                }
            }
            Ok(())
        })
    }

    /// Reads a participants CSV (columns `id, gender, entry_date` and
    /// optionally `birth_date, exit_date, exit_outcome, tags`).
    pub fn read_participants_csv<R: Read>(&mut self, input: R) -> Result<(), DataError> {
        self.read_csv(Table::Participants, input)
    }

    /// Reads an assessments CSV (`participant_id, date, parameter, level`).
    pub fn read_assessments_csv<R: Read>(&mut self, input: R) -> Result<(), DataError> {
        self.read_csv(Table::Assessments, input)
    }

    /// Reads a follow-ups CSV (`participant_id, date, status` and optionally
    /// `receives_assistance`).
    pub fn read_follow_ups_csv<R: Read>(&mut self, input: R) -> Result<(), DataError> {
        self.read_csv(Table::FollowUps, input)
    }
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;
    use std::io::{self, Read};
    use std::rc::Rc;

    use super::*;

    fn programme() -> Programme {
        Programme::from_toml(include_str!("../../../../examples/nordost/programme.toml"))
            .expect("programme")
    }

    const PARTICIPANTS: &str =
        "id;gender;entry_date;tags\nN1;K;2021-02-01;Åsa\nN2;M;2021-03-01;\"Göteborg;Örebro\"\n";

    fn read(bytes: &[u8], encoding: Encoding) -> Result<Dataset, DataError> {
        let mut builder = Dataset::builder(&programme());
        builder.read_csv_encoded(Table::Participants, bytes, encoding)?;
        Ok(builder.build())
    }

    fn failure(bytes: &[u8], encoding: Encoding) -> (&'static str, Option<u64>, Option<String>) {
        let e = read(bytes, encoding).expect_err("an error");
        (e.code(), e.row(), e.column().map(str::to_owned))
    }

    fn tag_names(dataset: &Dataset) -> Vec<&str> {
        let mut names: Vec<&str> = dataset.tag_names.keys().map(|k| &**k).collect();
        names.sort_unstable();
        names
    }

    #[test]
    fn a_full_batch_estimates_the_records_of_a_file_from_its_size() {
        // "N0001,K,2021-02-01\n": 16 bytes of cells, 3 separators.
        let record = csv::StringRecord::from(vec!["N0001", "K", "2021-02-01"]);
        let full = Batch {
            rows: vec![(2, record.clone()); BATCH],
            len: BATCH,
            checked: Vec::new(),
        };
        // 10 000 such records: 15/16 of them.
        assert_eq!(full.records_in(19 * 10_000), Some(9_375));
        assert_eq!(full.records_in(0), Some(0));
        let short = Batch {
            rows: vec![(2, record); BATCH],
            len: BATCH - 1,
            checked: Vec::new(),
        };
        assert_eq!(short.records_in(19 * 10_000), None);
    }

    #[test]
    fn one_thread_sizes_the_id_index_from_the_first_chunk_of_a_file_of_known_size() {
        // 3 000 participants of 19 bytes a line, in chunks of 1 900 bytes:
        // the first chunk holds 100 of them.
        let mut text = String::from("id,gender,entry_date\n");
        for i in 0..3_000 {
            text.push_str(&format!("N{i:04},K,2021-02-01\n"));
        }
        let slots = |size: Option<u64>| {
            let mut builder = Dataset::builder(&programme());
            builder.read_threads(NonZeroUsize::MIN);
            builder.read_chunk_bytes(NonZeroUsize::new(1_900).expect("not zero"));
            let read =
                builder.read_csv_sized(Table::Participants, text.as_bytes(), Encoding::Auto, size);
            read.expect("read");
            assert_eq!(builder.participants.len(), 3_000);
            builder.index.slot_count()
        };
        // Doubling as it fills, the index ends at the first power of two
        // past twice the ids.
        assert_eq!(slots(None), 8_192);
        // Told ten times the size, it made room after the first chunk for
        // 15/16 of ten times as many (about 28 100 more than the 100
        // read): twice that, rounded up to a power of two.
        assert_eq!(slots(Some(10 * text.len() as u64)), 65_536);
    }

    #[test]
    fn swedish_column_headers_are_read_as_their_columns() {
        let participants = "Deltagare;KÖN;Startdatum;Slutdatum;Avslutsorsak;Födelsedatum\n\
                            N1;K;2021-02-01;2021-09-01;arbete;1980-01-01\nN2;M;2021-03-01;;;\n";
        let assessments =
            "deltagare;Datum;Område;Nivå\nN1;2021-02-02;step;2\nN1;2021-08-02;step;4\n";
        let mut builder = Dataset::builder(&programme());
        builder
            .read_csv(Table::Participants, participants.as_bytes())
            .expect("participants");
        builder
            .read_csv(Table::Assessments, assessments.as_bytes())
            .expect("assessments");
        let dataset = builder.build();
        assert_eq!(dataset.participant_count(), 2);
        let as_of = "2022-01-31".parse().expect("a date");
        let report = dataset
            .evaluate(&crate::Options::new().as_of(as_of))
            .expect("evaluates");
        assert_eq!(report.exits.exited, crate::report::Figure::Value(1));
        let step = &report.parameters[0];
        assert_eq!(
            (step.id.as_str(), step.improved),
            ("step", crate::report::Figure::Value(1))
        );
    }

    #[test]
    fn a_missing_column_names_its_swedish_aliases() {
        let e = read("id;entry_date\nN1;2021-02-01\n".as_bytes(), Encoding::Auto)
            .expect_err("no gender");
        assert_eq!(e.code(), "missing_column");
        assert_eq!(
            e.to_string(),
            "participants table, row 1, column gender: required column is missing \
             (also accepted: kön, kon) [missing_column]"
        );
    }

    #[test]
    fn rows_of_only_delimiters_are_skipped_but_numbered() {
        let clean = "id;gender;entry_date\nN1;K;2021-02-01\n;;\nN2;M;2021-03-01\n;;\n ; ;\n;\n";
        let dataset = read(clean.as_bytes(), Encoding::Auto).expect("reads");
        assert_eq!(dataset.participant_count(), 2);
        // Header 1, N1 2, the empty row 3, N2 4: the error is at row 4.
        let broken = "id;gender;entry_date\nN1;K;2021-02-01\n;;\nN2;M;2021-13-01\n";
        assert_eq!(
            failure(broken.as_bytes(), Encoding::Auto),
            ("invalid_date", Some(4), Some("entry_date".into()))
        );
    }

    #[test]
    fn windows_1252_and_utf16_read_as_utf8() {
        let utf8 = read(PARTICIPANTS.as_bytes(), Encoding::Auto).expect("UTF-8");
        assert_eq!(tag_names(&utf8), ["Göteborg", "Åsa", "Örebro"]);
        let windows = encoding_rs::WINDOWS_1252.encode(PARTICIPANTS).0;
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(PARTICIPANTS.encode_utf16().flat_map(u16::to_le_bytes));
        for (bytes, named) in [
            (&*windows, Encoding::Windows1252),
            (&utf16, Encoding::Utf16Le),
        ] {
            for encoding in [Encoding::Auto, named] {
                let dataset = read(bytes, encoding).expect("decoded");
                assert_eq!(dataset.participant_count(), 2);
                assert_eq!(tag_names(&dataset), tag_names(&utf8));
            }
        }
    }

    #[test]
    fn bytes_invalid_in_the_encoding_are_invalid_encoding_at_row_and_column() {
        let windows = encoding_rs::WINDOWS_1252.encode(PARTICIPANTS).0;
        let tags = Some("tags".to_owned());
        assert_eq!(
            failure(&windows, Encoding::Utf8),
            ("invalid_encoding", Some(2), tags.clone())
        );
        // Detected as UTF-8 from row 2, contradicted in row 3.
        let mixed = [PARTICIPANTS.as_bytes(), b"N3;K;2021-03-01;\xC5sa\n"].concat();
        assert_eq!(
            failure(&mixed, Encoding::Auto),
            ("invalid_encoding", Some(4), tags)
        );
        // In a column the table does not read: named by its header.
        let extra = b"id,gender,entry_date,Note \nN1,K,2021-01-01,\xFF\xFF\n";
        assert_eq!(
            failure(extra, Encoding::Utf8),
            ("invalid_encoding", Some(2), Some("Note".to_owned()))
        );
        // In the header: row 1.
        assert_eq!(
            failure(b"id,gender,entry_date\xFF\n", Encoding::Utf8),
            ("invalid_encoding", Some(1), None)
        );
        // An unpaired surrogate in UTF-16, in the gender column.
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(
            "id,gender,entry_date\nN1,"
                .encode_utf16()
                .flat_map(u16::to_le_bytes),
        );
        utf16.extend([0x00, 0xD8]);
        utf16.extend(",2021-01-01\n".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(
            failure(&utf16, Encoding::Auto),
            ("invalid_encoding", Some(2), Some("gender".to_owned()))
        );
    }

    #[test]
    fn a_nul_byte_is_invalid_csv_at_its_row_and_column() {
        let nul = b"id,gender,entry_date\nN1,K,2021-01-01\nN2,K\0,2021-01-01\n";
        assert_eq!(
            failure(nul, Encoding::Auto),
            ("invalid_csv", Some(3), Some("gender".to_owned()))
        );
        // UTF-16 without a byte-order mark read as UTF-8: NULs in the header.
        let utf16: Vec<u8> = "id,gender,entry_date\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert_eq!(
            failure(&utf16, Encoding::Auto),
            ("invalid_csv", Some(1), None)
        );
    }

    /// Rows are read ahead in batches (for the id lookups), yet the first
    /// error in row order still wins (`docs/decisions.md#decision-11`):
    /// a row's own error before a later row's reading error, and a
    /// reading error before a later row's own error, in any batch.
    #[test]
    fn the_first_error_in_row_order_wins_across_batches() {
        for skip in [
            0,
            PREFETCH_BATCH - 2,
            PREFETCH_BATCH - 1,
            PREFETCH_BATCH,
            3 * PREFETCH_BATCH + 5,
        ] {
            let mut rows = String::from("id,gender,entry_date\n");
            for i in 0..skip {
                rows.push_str(&format!("N{i},K,2021-01-01\n"));
            }
            let bad_date = format!("{rows}B1,K,2021-13-01\nB2,K\0,2021-01-01\n");
            let bad_csv = format!("{rows}B1,K\0,2021-01-01\nB2,K,2021-13-01\n");
            let first = skip as u64 + 2;
            assert_eq!(
                failure(bad_date.as_bytes(), Encoding::Auto),
                ("invalid_date", Some(first), Some("entry_date".to_owned())),
                "{skip} rows before"
            );
            assert_eq!(
                failure(bad_csv.as_bytes(), Encoding::Auto),
                ("invalid_csv", Some(first), Some("gender".to_owned())),
                "{skip} rows before"
            );
        }
    }

    #[test]
    fn joining_threads_keeps_every_row_and_the_first_error_in_row_order() {
        let programme = programme();
        let error = |row| {
            Some(DataError::new(
                DataErrorKind::InvalidDate,
                Table::Assessments,
                Some(row),
                Some("date"),
            ))
        };
        let stopped = || {
            Some(DataError::new(
                DataErrorKind::InvalidCsv,
                Table::Assessments,
                Some(9_000),
                None,
            ))
        };
        let added = |rows: u64| {
            let mut added = Added::default();
            for row in 0..rows {
                added.assessments.push((0, Default::default()));
                added.issues.record(
                    crate::vocab::IssueKind::UnknownParticipant,
                    Table::Assessments,
                    row,
                );
            }
            added
        };
        let cases = [
            (
                vec![error(5_002), None, error(2_102)],
                stopped(),
                Some(2_102),
            ),
            (vec![None, error(7_000), error(8_000)], None, Some(7_000)),
            (vec![None, None, None], stopped(), Some(9_000)),
            (vec![None, None], None, None),
        ];
        for (failures, stopped, first) in cases {
            let mut builder = Dataset::builder(&programme);
            let n = failures.len() as u64;
            let results = failures
                .into_iter()
                .enumerate()
                .map(|(i, failure)| (added(i as u64 + 1), failure))
                .collect();
            let joined = builder.join_threads(results, stopped);
            assert_eq!(joined.err().and_then(|e| e.row()), first);
            // Every thread's rows and issues are kept: 1 + 2 + … + n.
            let rows = (n * (n + 1) / 2) as usize;
            assert_eq!(builder.added.assessments.len(), rows);
            let issues = builder.added.issues.clone().into_sorted();
            assert_eq!(issues[0].count, crate::report::Figure::Value(rows as u64));
        }
    }

    /// A header ending in a line feed, then rows ending in lone carriage
    /// returns, past a row's bound (1 MiB) in all: after the header no
    /// line feed says where to cut, so the parser tells where records end.
    /// Once that was left to the line feeds alone and such a file failed
    /// as a row too large, on any number of threads.
    #[test]
    fn rows_ending_in_carriage_returns_after_a_header_line_read_past_a_mebibyte() {
        let rows = 90_000;
        let mut participants = b"id,gender,entry_date\n".to_vec();
        let mut assessments = b"participant_id,date,parameter,level\n".to_vec();
        for i in 0..rows {
            participants.extend_from_slice(format!("P{i},K,2021-03-01\r").as_bytes());
            assessments.extend_from_slice(format!("P{i},2021-05-05,swedish,3\r").as_bytes());
        }
        assert!(participants.len() as u64 > MAX_ROW_BYTES);
        for threads in [1, 2] {
            let mut builder = Dataset::builder(&programme());
            builder.read_threads(NonZeroUsize::new(threads).expect("not zero"));
            builder
                .read_csv(Table::Participants, &participants[..])
                .expect("participants");
            builder
                .read_csv(Table::Assessments, &assessments[..])
                .expect("assessments");
            assert_eq!(builder.added.assessments.len(), rows);
            assert_eq!(builder.build().participant_count(), rows);
        }
    }

    /// Counts the bytes read from an endless input.
    struct Counted<R> {
        inner: R,
        read: Rc<Cell<u64>>,
    }

    impl<R: Read> Read for Counted<R> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let n = self.inner.read(buf)?;
            self.read.set(self.read.get() + n as u64);
            Ok(n)
        }
    }

    fn endless(
        start: &'static [u8],
        byte: u8,
        encoding: Encoding,
    ) -> ((&'static str, Option<u64>), u64) {
        let read = Rc::new(Cell::new(0));
        let input = Counted {
            inner: start.chain(io::repeat(byte)),
            read: Rc::clone(&read),
        };
        let mut builder = Dataset::builder(&programme());
        let e = builder
            .read_csv_encoded(Table::Participants, input, encoding)
            .expect_err("row_too_large");
        ((e.code(), e.row()), read.get())
    }

    #[test]
    fn an_endless_row_stops_after_about_a_mebibyte() {
        let bound = MAX_ROW_BYTES + (64 << 10) + (16 << 10);
        // Like /dev/zero: NULs without a line break, in the header.
        let (error, read) = endless(b"", 0, Encoding::Auto);
        assert_eq!(error, ("row_too_large", Some(1)));
        assert!(read <= bound, "read {read} bytes");
        // An endless quoted cell in row 3, after a good row.
        let (error, read) = endless(
            b"id,gender,entry_date\nN1,K,2021-01-01\nN2,\"",
            b'\n',
            Encoding::Auto,
        );
        assert_eq!(error, ("row_too_large", Some(3)));
        assert!(read <= bound + 64, "read {read} bytes");
        // Decoded Windows-1252 (2 bytes per character in UTF-8): the bound
        // counts decoded bytes, so less than 1 MiB of input.
        let (error, read) = endless(b"id,gender,entry_date\nN1,", 0xE5, Encoding::Windows1252);
        assert_eq!(error, ("row_too_large", Some(2)));
        assert!(read <= bound / 2 + 8192, "read {read} bytes");
    }

    #[test]
    fn a_row_may_take_a_mebibyte_with_its_line_break() {
        let row = |len: usize| {
            let mut text = b"id,gender,entry_date\nN1,K,2021-01-01,".to_vec();
            let start = b"id,gender,entry_date\n".len();
            let used = text.len() - start + 1;
            text.resize(start + len - 1, b'x');
            assert!(len > used);
            text.extend_from_slice(b"\nN2,M,2021-01-01\n");
            text
        };
        let max = usize::try_from(MAX_ROW_BYTES).expect("fits");
        assert_eq!(
            read(&row(max), Encoding::Auto).map(|d| d.participant_count()),
            Ok(2)
        );
        assert_eq!(
            failure(&row(max + 1), Encoding::Auto),
            ("row_too_large", Some(2), None)
        );
    }

    /// A builder with the participants read, that reads on one thread in
    /// chunks of about `chunk` bytes.
    fn one_thread_builder(chunk: usize) -> crate::DatasetBuilder {
        let mut builder = Dataset::builder(&programme());
        builder
            .read_csv(Table::Participants, PARTICIPANTS.as_bytes())
            .expect("participants");
        builder.read_chunk_bytes(NonZeroUsize::new(chunk).expect("chunk > 0"));
        builder.read_threads(NonZeroUsize::MIN);
        builder
    }

    /// A line of an assessments file for [`one_thread_reads_chunks_as_the_csv_reader_streams`]:
    /// rows of every kind the reader meets, and errors now and then.
    fn assessment_line() -> impl proptest::strategy::Strategy<Value = &'static [u8]> {
        use proptest::prelude::*;
        let rows: [&'static [u8]; 6] = [
            b"N1,2021-05-05,swedish,3",
            "N2,2021-06-01,step,Arbetsträning".as_bytes(),
            b"N9,2021-06-01,swedish,2",
            b"",
            b",,,",
            b" N2 , 2021-06-02 , swedish , 1 ",
        ];
        let quoted: [&'static [u8]; 3] = [
            b"\"N1\",2021-07-01,\"swedish\",\"4\"",
            b"N2,2021-07-02,swedish,4,\"a note, \"\"quoted\"\"\r\non two lines\"",
            b"N1,2021-07-03,\"step\",\"Praktik\"",
        ];
        let errors: [&'static [u8]; 5] = [
            b"N1,2021-02-30,swedish,3",
            b"N1,2021-05-05,swedish,3\xff",
            b"N1,2021-05-05,swedish,3\0",
            b"N1,2021-05-05,step,Nowhere",
            b"N1,2021-05-05,\"step,2",
        ];
        prop_oneof![
            1_000 => prop::sample::select(rows.to_vec()),
            40 => prop::sample::select(quoted.to_vec()),
            1 => prop::sample::select(errors.to_vec()),
        ]
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 64, ..Default::default() })]

        /// On one thread, a file's plain chunks are split where they lie
        /// and the rest from the first chunk that is not plain streams
        /// through the CSV reader (`docs/decisions.md#decision-154`): the
        /// dataset, or the error with its row and column, is the CSV
        /// reader's alone, for files plain throughout or quoted from any
        /// line on, in any line breaks, cut into chunks of any size.
        #[test]
        fn one_thread_reads_chunks_as_the_csv_reader_streams(
            plain in proptest::collection::vec(assessment_line(), 0..400),
            rest in proptest::collection::vec(assessment_line(), 0..400),
            breaks in proptest::collection::vec(proptest::sample::select(vec![&b"\n"[..], b"\r\n", b"\r"]), 1..5),
            chunk in 1usize..700,
            quoted in proptest::prelude::any::<bool>(),
        ) {
            let mut bytes = b"participant_id,date,parameter,level\n".to_vec();
            // No quote before the rest, whose first line has one; or a
            // file plain throughout.
            let quote: &[u8] = b"N1,2021-08-01,\"swedish\",5";
            let lines = plain.iter().filter(|l| !l.contains(&b'"')).copied();
            let rest = quoted.then(|| std::iter::once(quote).chain(rest.iter().copied()));
            let lines = lines.chain(rest.into_iter().flatten());
            for (i, line) in lines.enumerate() {
                bytes.extend_from_slice(line);
                bytes.extend_from_slice(breaks[i % breaks.len()]);
            }
            let outcome = |chunked: bool| {
                let mut builder = one_thread_builder(chunk);
                let read = if chunked {
                    builder.read_csv(Table::Assessments, &bytes[..])
                } else {
                    builder
                        .open_csv(Table::Assessments, &bytes[..], Encoding::Auto)
                        .and_then(|(t, width)| builder.stream(t, width))
                };
                read.map(|()| {
                    let options = crate::Options::new().as_of(programme().end());
                    builder.build().evaluate(&options).expect("evaluates").to_json()
                })
                .map_err(|e| (e.code(), e.row(), e.column().map(str::to_owned)))
            };
            proptest::prop_assert_eq!(outcome(true), outcome(false));
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 64, ..Default::default() })]

        /// A file pushed to a [`CsvFeed`](super::super::CsvFeed) in pieces of
        /// any size reads as the whole file does on one thread: the same
        /// dataset, or the same error at the same row and column, and a
        /// failed file keeps none of its rows (`docs/data.md#feed`). The
        /// feed reads a step whenever a little more than a chunk and a
        /// line is queued, so steps fall between pieces. No line leaves a
        /// quote open: such a record runs to the end of the file, and only
        /// the decoder's row bound (1 MiB) keeps a step from reading it all.
        #[test]
        fn a_file_fed_in_pieces_reads_as_the_whole_file(
            lines in proptest::collection::vec(assessment_line(), 0..600),
            breaks in proptest::collection::vec(proptest::sample::select(vec![&b"\n"[..], b"\r\n", b"\r"]), 1..4),
            pieces in proptest::collection::vec(1usize..3_000, 1..40),
            chunk in 1usize..700,
        ) {
            let mut bytes = b"participant_id,date,parameter,level\n".to_vec();
            let whole = lines.iter().filter(|l| l.iter().filter(|&&b| b == b'"').count() % 2 == 0);
            for (i, line) in whole.enumerate() {
                bytes.extend_from_slice(line);
                bytes.extend_from_slice(breaks[i % breaks.len()]);
            }
            let outcome = |fed: bool| {
                let mut builder = one_thread_builder(chunk);
                let (builder, read) = if fed {
                    let mut feed = builder.feed_csv(Table::Assessments, Encoding::Auto);
                    feed.step_bytes(chunk + 2_000);
                    let mut rest = &bytes[..];
                    let mut pushed = Ok(());
                    for &size in pieces.iter().cycle() {
                        if rest.is_empty() || pushed.is_err() {
                            break;
                        }
                        let (piece, after) = rest.split_at(size.min(rest.len()));
                        pushed = feed.push(piece.to_vec());
                        rest = after;
                    }
                    let (builder, read) = feed.finish();
                    // An error pushed is the one finishing gives.
                    if let Err(e) = pushed {
                        assert_eq!(read.as_ref().err(), Some(&e));
                    }
                    (builder, read)
                } else {
                    let read = builder.read_csv(Table::Assessments, &bytes[..]);
                    (builder, read)
                };
                let options = crate::Options::new().as_of(programme().end());
                let report = builder.build().evaluate(&options).expect("evaluates").to_json();
                (report, read.map_err(|e| (e.code(), e.row(), e.column().map(str::to_owned))))
            };
            proptest::prop_assert_eq!(outcome(true), outcome(false));
        }
    }

    #[test]
    fn a_directory_is_not_a_file_and_a_missing_file_an_io_error() {
        let mut builder = Dataset::builder(&programme());
        let dir = std::env::temp_dir();
        let e = builder
            .read_csv_file(Table::Participants, &dir, Encoding::Auto)
            .expect_err("a directory");
        assert_eq!((e.code(), e.row()), ("not_a_file", None));
        assert_eq!(e.file(), Some(&*dir.display().to_string()));
        let missing = dir.join("stegvis-no-such-file.csv");
        let e = builder
            .read_csv_file(Table::Assessments, &missing, Encoding::Auto)
            .expect_err("no file");
        assert_eq!((e.code(), e.table()), ("io_error", Table::Assessments));
    }

    #[test]
    fn the_table_of_a_header_is_read_in_any_encoding() {
        let header = "participant_id;date;parameter;level;Anmärkning\n";
        let windows = encoding_rs::WINDOWS_1252.encode(header).0;
        assert_eq!(table_of_csv(&windows), Some(Table::Assessments));
        let mut utf16 = vec![0xFE, 0xFF];
        utf16.extend(header.encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(table_of_csv(&utf16), Some(Table::Assessments));
    }
}
