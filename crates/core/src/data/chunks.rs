//! A CSV file cut into chunks of whole records, parsed side by side
//! (`docs/data.md#threads`, `docs/decisions.md#decision-144`).
//!
//! One thread reads and decodes the file in order and cuts it where a
//! record ends, counting the records it hands over so each chunk knows the
//! row number of its first record. Telling where records end is cheap for
//! the files users have: without a quote and without a carriage return
//! that does not end a line, a record ends at every line break of a line
//! that is not empty (`plain_records`). Anything else is told by
//! `csv_core` itself, the parser the `csv` crate reads with, so a cut is
//! always where reading on one thread would be between two records and
//! every row keeps its number.
//!
//! A chunk of such plain lines that is valid UTF-8 without a NUL byte is
//! split at its line breaks and delimiters where it lies (`Lines`); any
//! other chunk is read by the `csv` crate, which gives each error its row
//! and column (`docs/decisions.md#decision-150`).
//!
//! Read on one thread, in order, a file's chunks are not counted: the
//! reader numbers the records as it splits them and tells the chunker
//! ([`Chunker::read_to`]). At the first chunk that is not plain lines, the
//! rest of the file goes back to the CSV reader ([`Chunker::into_rest`]),
//! so a quoted file is parsed once, as before
//! (`docs/decisions.md#decision-154`).

use std::io::{self, Read};

use csv_core::ReadRecordResult;

use super::csv::{Input, Layout};
use super::decode::{Decoded, MAX_ROW_BYTES, is_row_too_large};
use super::interrupt::Hook;
use crate::error::{DataError, DataErrorKind};
use crate::vocab::Table;

/// About how many bytes a chunk holds: enough that handing it over costs
/// nothing per row, few enough that the threads share the work evenly and
/// a chunk stays in the cache while its records are looked up.
pub(super) const CHUNK_BYTES: usize = 128 << 10;

/// The largest chunk: half a row's bound ([`MAX_ROW_BYTES`]).
const MAX_CHUNK_BYTES: usize = (MAX_ROW_BYTES / 2) as usize;

/// Whole records of a CSV file, with the row number they follow.
#[derive(Debug, Default)]
pub(super) struct Chunk {
    pub(super) bytes: Vec<u8>,
    /// The row number of the record before the first of this chunk.
    pub(super) after_row: u64,
    /// The row at which the interrupt hook said to stop, if in this chunk.
    pub(super) stop_at: Option<u64>,
    /// No quote and no carriage return that does not end a line: the
    /// records are the lines that are not empty (see [`plain_records`]).
    pub(super) plain: bool,
}

/// Cuts the decoded bytes of a CSV file, after its header, into [`Chunk`]s.
pub(super) struct Chunker<R> {
    input: Decoded<R>,
    /// Bytes read and not yet handed over.
    pending: Vec<u8>,
    /// The offset in the decoded file of `pending[0]`.
    offset: u64,
    /// The row number of the last record handed over.
    row: u64,
    /// The input ended.
    ended: bool,
    /// Reading the input failed: the error's kind, returned at the row
    /// after the last record once the records before it are handed over.
    failed: Option<DataErrorKind>,
    /// Whether each chunk's records are counted as it is cut, so that
    /// chunks can be read in any order; a chunker read in order on one
    /// thread is told the rows read instead ([`read_to`](Self::read_to)),
    /// and is given no interrupt hook (its reader asks it per row).
    counted: bool,
    core: csv_core::Reader,
    scratch: Vec<u8>,
    ends: Vec<usize>,
    table: crate::vocab::Table,
    chunk_bytes: usize,
}

impl<R: Read> Chunker<R> {
    /// Cuts `input` from decoded offset `offset` on, where the records after
    /// the header start; `pending` holds bytes already read from there.
    pub(super) fn new(
        mut input: Decoded<R>,
        pending: Vec<u8>,
        offset: u64,
        layout: &Layout,
        chunk_bytes: usize,
        counted: bool,
    ) -> Self {
        input.row_starts_at(offset);
        Chunker {
            input,
            pending,
            offset,
            row: 1,
            ended: false,
            failed: None,
            counted,
            core: csv_core::ReaderBuilder::new()
                .delimiter(layout.delimiter)
                .build(),
            scratch: Vec::new(),
            ends: vec![0; 64],
            table: layout.table,
            // The decoder refuses to run more than a row's bound past the
            // last cut; chunks well below the bound never reach it with
            // rows that are within it.
            chunk_bytes: chunk_bytes.min(MAX_CHUNK_BYTES),
        }
    }

    /// Fills `chunk` with the next records, asking `hook` at each record as
    /// reading on one thread does; `Ok(false)` when there are none left.
    /// A reading error comes after the chunks of every record before it.
    pub(super) fn next(
        &mut self,
        chunk: &mut Chunk,
        mut hook: Option<&mut Hook>,
    ) -> Result<bool, DataError> {
        loop {
            let full = self.pending.len() >= self.chunk_bytes;
            let last = self.ended || self.failed.is_some();
            if full || last {
                let at_end = self.ended && self.failed.is_none();
                let (cut, records, plain) = self.records(at_end);
                if records > 0 {
                    chunk.plain = plain;
                    self.hand_over(chunk, cut, records, hook.as_deref_mut());
                    return Ok(true);
                }
                if let Some(kind) = self.failed.take() {
                    let row = Some(self.row + 1);
                    return Err(DataError::new(kind, self.table, row, None));
                }
                if at_end {
                    return Ok(false);
                }
            }
            self.read_more();
        }
    }

    /// The input, which a [`CsvFeed`](super::CsvFeed) gives its pieces to.
    pub(super) fn input_mut(&mut self) -> &mut R {
        self.input.get_mut()
    }

    /// The reader of an uncounted chunker's chunks has read up to `row`:
    /// the next chunk's first record is the row after it.
    pub(super) fn read_to(&mut self, row: u64) {
        self.row = row;
    }

    /// Whether reading the input failed: the chunker then has an error to
    /// give after the records before it.
    pub(super) fn read_failed(&self) -> bool {
        self.failed.is_some()
    }

    /// The rest of the file from `chunk` on (the chunk handed over last):
    /// its bytes, those read after it and the input, and the decoded
    /// offset where they start, for a CSV reader to read instead. Only
    /// while reading has not [failed](Self::read_failed): the error would
    /// not be read again.
    pub(super) fn into_rest(self, mut chunk: Chunk) -> (Input<R>, u64) {
        let start = self.offset - chunk.bytes.len() as u64;
        chunk.bytes.extend_from_slice(&self.pending);
        (io::Cursor::new(chunk.bytes).chain(self.input), start)
    }

    /// Moves the first `cut` bytes, `records` records, into `chunk`.
    fn hand_over(&mut self, chunk: &mut Chunk, cut: usize, records: u64, hook: Option<&mut Hook>) {
        // The chunk takes the buffer; only the tail after the cut is copied.
        std::mem::swap(&mut chunk.bytes, &mut self.pending);
        self.pending.clear();
        self.pending.extend_from_slice(&chunk.bytes[cut..]);
        chunk.bytes.truncate(cut);
        chunk.after_row = self.row;
        chunk.stop_at =
            hook.and_then(|hook| (1..=records).find(|_| hook.stop()).map(|k| self.row + k));
        if self.counted {
            self.row += records;
        }
        self.offset += cut as u64;
        self.input.row_starts_at(self.offset);
        if let Some(row) = chunk.stop_at {
            // Nothing after the interrupt is read.
            self.failed = None;
            self.ended = true;
            self.pending.clear();
            self.row = row;
        }
    }

    /// Reads more of the input onto `pending`; the end of the input or an
    /// error (at the row after the last whole record) ends the reading.
    fn read_more(&mut self) {
        let old = self.pending.len();
        self.pending.resize(old + (64 << 10), 0);
        let read = loop {
            match self.input.read(&mut self.pending[old..]) {
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                read => break read,
            }
        };
        match read {
            Ok(n) => {
                self.pending.truncate(old + n);
                self.ended = n == 0;
            }
            Err(e) => {
                self.pending.truncate(old);
                self.failed = Some(if is_row_too_large(&e) {
                    DataErrorKind::RowTooLarge
                } else {
                    DataErrorKind::Io
                });
            }
        }
    }

    /// Where the last whole record of `pending` ends, how many records end
    /// there or before, and whether they are plain lines; `at_end`:
    /// `pending` ends the file. Uncounted, plain lines are not counted
    /// (their count is 1 when there are any): the reader numbers them as
    /// it splits them.
    ///
    /// Plain lines that end no record leave it to the parser: a record may
    /// end at a lone carriage return after them, and a file whose rows all
    /// end so has no line feed to cut at after its header.
    fn records(&mut self, at_end: bool) -> (usize, u64, bool) {
        if !self.counted
            && let Some(lines) = plain_lines(&self.pending, at_end)
        {
            let cut = records_end(lines);
            if cut > 0 || at_end {
                return (cut, u64::from(cut > 0), true);
            }
        }
        if self.counted
            && let Some((cut, records)) = plain_records(&self.pending, at_end)
            && (records > 0 || at_end)
        {
            return (cut, records, true);
        }
        let (cut, records) = parsed_records(
            &mut self.core,
            &self.pending,
            at_end,
            &mut self.scratch,
            &mut self.ends,
        );
        (cut, records, false)
    }
}

/// Where the last whole record of `bytes` ends (just after the byte that
/// ends it, where the CSV reader stops) and how many records end there or
/// before, for bytes with no quote and no carriage return that is not
/// followed by a line feed; `None` for other bytes. A record is a line
/// that is not empty; `\r\n` ends one at the `\r`. `at_end`: the bytes end
/// the file, so a last line without a line break is a record too.
pub(super) fn plain_records(bytes: &[u8], at_end: bool) -> Option<(usize, u64)> {
    let lines = plain_lines(bytes, at_end)?;
    Some(unbroken_lines(lines).unwrap_or_else(|| each_line(lines, at_end)))
}

/// The whole lines of `bytes` (all of them `at_end`), when they have no
/// quote and no carriage return that does not end a line; `None` for
/// other bytes. Cutting after them cuts between two records.
fn plain_lines(bytes: &[u8], at_end: bool) -> Option<&[u8]> {
    let lines_end = if at_end {
        bytes.len()
    } else {
        memchr::memrchr(b'\n', bytes).map_or(0, |nl| nl + 1)
    };
    let lines = &bytes[..lines_end];
    // On WebAssembly the memchr crate looks for one byte four at a time;
    // one pass for both, eight at a time, answers for most files. Elsewhere
    // its vector search is the quicker (`docs/decisions.md#decision-157`).
    let quick = cfg!(target_arch = "wasm32") && !has_quote_or_carriage_return(lines);
    let plain = quick
        || (memchr::memchr(b'"', lines).is_none()
            && memchr::memchr_iter(b'\r', lines).all(|cr| lines.get(cr + 1) == Some(&b'\n')));
    plain.then_some(lines)
}

/// Whether `bytes` hold a quote or a carriage return, looked for in one
/// pass eight bytes at a time in a `u64`, 64 bytes between stops.
fn has_quote_or_carriage_return(bytes: &[u8]) -> bool {
    let (quotes, returns) = (splat(b'"'), splat(b'\r'));
    let mut blocks = bytes.chunks_exact(64);
    for block in blocks.by_ref() {
        let found = block.chunks_exact(8).fold(0, |found, word| {
            let word = u64::from_le_bytes(word.try_into().unwrap_or_default());
            found | zero_bytes(word ^ quotes) | zero_bytes(word ^ returns)
        });
        if found != 0 {
            return true;
        }
    }
    blocks.remainder().iter().any(|&b| b == b'"' || b == b'\r')
}

/// [`plain_records`] for plain `lines`, met one by one.
fn each_line(lines: &[u8], at_end: bool) -> (usize, u64) {
    let (mut cut, mut records, mut start) = (0, 0, 0);
    let breaks = memchr::memchr_iter(b'\n', lines).chain(at_end.then_some(lines.len()));
    for end in breaks {
        let text = if end > start && lines[end - 1] == b'\r' {
            end - 1
        } else {
            end
        };
        if text > start {
            records += 1;
            cut = (text + 1).min(lines.len());
        }
        start = end + 1;
    }
    (cut, records)
}

/// [`plain_records`] for plain `lines` with no empty line, the files users
/// have: each line break ends a record, so they are counted by the
/// memchr crate's vector count instead of met one by one. `None` when a
/// line is empty.
fn unbroken_lines(lines: &[u8]) -> Option<(usize, u64)> {
    let empty = lines.starts_with(b"\n")
        || lines.starts_with(b"\r\n")
        || memchr::memmem::find(lines, b"\n\n").is_some()
        || memchr::memmem::find(lines, b"\n\r\n").is_some();
    if empty {
        return None;
    }
    let breaks = memchr::memchr_iter(b'\n', lines).count() as u64;
    // A last line without a break is a record too (the bytes end the file).
    let records = breaks + u64::from(!lines.is_empty() && !lines.ends_with(b"\n"));
    Some((records_end(lines), records))
}

/// Where the CSV parser stops after the last record of plain `lines`, 0
/// when there is none: just after its `\n`, or at the `\r` of a `\r\n`.
/// What follows (a `\n`, empty lines) is read with the next record and
/// counts in its length (`docs/data.md#size-limits`).
fn records_end(lines: &[u8]) -> usize {
    lines
        .iter()
        .rposition(|&b| b != b'\n' && b != b'\r')
        .map_or(0, |last| (last + 2).min(lines.len()))
}

/// [`plain_records`] for any bytes, told by the CSV parser itself.
fn parsed_records(
    core: &mut csv_core::Reader,
    bytes: &[u8],
    at_end: bool,
    scratch: &mut Vec<u8>,
    ends: &mut [usize],
) -> (usize, u64) {
    core.reset();
    scratch.resize(bytes.len().max(1), 0);
    let (mut at, mut cut, mut records) = (0, 0, 0);
    loop {
        // Only at the end of the file may the parser be told the input ended.
        let input = &bytes[at..];
        if input.is_empty() && !at_end {
            return (cut, records);
        }
        let (result, read, _, _) = core.read_record(input, scratch, ends);
        at += read;
        match result {
            ReadRecordResult::Record => {
                records += 1;
                cut = at;
            }
            ReadRecordResult::End => return (cut, records),
            ReadRecordResult::InputEmpty
            | ReadRecordResult::OutputFull
            | ReadRecordResult::OutputEndsFull => {}
        }
    }
}

/// A thread's CSV reader for chunks, made once: building one (its parser's
/// state machine) costs more than reading a small chunk.
pub(super) struct ChunkReader {
    reader: csv::Reader<io::Cursor<Vec<u8>>>,
}

impl ChunkReader {
    pub(super) fn new(layout: &Layout) -> Self {
        ChunkReader {
            reader: layout.records_reader(io::Cursor::new(Vec::new())),
        }
    }

    /// Calls `read` with the records of `chunk`: plain lines of valid UTF-8
    /// without a NUL byte are split where they lie
    /// (`docs/decisions.md#decision-150`); any other chunk's bytes are lent
    /// to the CSV reader meanwhile.
    pub(super) fn read<T>(
        &mut self,
        chunk: &mut Chunk,
        layout: &Layout,
        read: impl FnOnce(Records<'_>) -> Result<T, DataError>,
    ) -> Result<T, DataError> {
        let rows = Rows {
            table: layout.table,
            row: chunk.after_row,
            stop_at: chunk.stop_at,
        };
        if let Some(text) = plain_text(chunk) {
            return read(Records::Split(ChunkLines {
                lines: Lines::new(text, layout.delimiter),
                rows,
            }));
        }
        std::mem::swap(self.reader.get_mut().get_mut(), &mut chunk.bytes);
        // Back to the start of the new bytes, with the parser reset; a
        // cursor cannot fail to seek.
        let rewound = self
            .reader
            .seek_raw(io::SeekFrom::Start(0), csv::Position::new());
        let result = match rewound {
            Ok(()) => read(Records::Parsed(ChunkRecords {
                reader: &mut self.reader,
                layout,
                rows,
            })),
            Err(_) => {
                let row = Some(chunk.after_row + 1);
                Err(DataError::new(DataErrorKind::Io, layout.table, row, None))
            }
        };
        std::mem::swap(self.reader.get_mut().get_mut(), &mut chunk.bytes);
        result
    }
}

/// The records of a chunk, as [`ChunkReader::read`] gives them.
pub(super) enum Records<'c> {
    /// Read by the CSV reader.
    Parsed(ChunkRecords<'c>),
    /// Plain lines, split where they lie.
    Split(ChunkLines<'c>),
}

/// The text of a chunk the CSV reader would read as its lines split at the
/// delimiter, without an error: plain lines ([`plain_records`]), valid
/// UTF-8, no NUL byte and no longer than a row may be, so no record in it
/// can fail a check of [`Layout::read_record`]. `None` for other chunks.
fn plain_text(chunk: &Chunk) -> Option<&str> {
    let bytes = &chunk.bytes;
    if !chunk.plain || bytes.len() as u64 > MAX_ROW_BYTES || memchr::memchr(0, bytes).is_some() {
        return None;
    }
    std::str::from_utf8(bytes).ok()
}

/// The row numbers of a chunk's records, and where the interrupt hook said
/// to stop.
struct Rows {
    table: Table,
    /// The row of the record read last.
    row: u64,
    stop_at: Option<u64>,
}

impl Rows {
    /// The row of the record just read, unless the hook said to stop there.
    fn next(&mut self) -> Result<u64, DataError> {
        self.row += 1;
        if self.stop_at == Some(self.row) {
            let kind = DataErrorKind::Interrupted;
            return Err(DataError::new(kind, self.table, Some(self.row), None));
        }
        Ok(self.row)
    }
}

/// The records of one chunk, read by the CSV reader on any thread as
/// [`super::csv`] reads them on one: each row checked, errors at their row
/// and column.
pub(super) struct ChunkRecords<'c> {
    reader: &'c mut csv::Reader<io::Cursor<Vec<u8>>>,
    layout: &'c Layout,
    rows: Rows,
}

impl ChunkRecords<'_> {
    /// The row of the record read last.
    pub(super) fn row(&self) -> u64 {
        self.rows.row
    }

    /// Reads the next record into `record`: its row, or `None` at the end.
    pub(super) fn next(
        &mut self,
        record: &mut csv::StringRecord,
    ) -> Result<Option<u64>, DataError> {
        let row = self.rows.row + 1;
        if !self.layout.read_record(self.reader, record, row)? {
            return Ok(None);
        }
        self.rows.next().map(Some)
    }
}

/// The records of one chunk of plain lines, their fields borrowed from the
/// chunk's text: nothing is copied.
pub(super) struct ChunkLines<'c> {
    lines: Lines<'c>,
    rows: Rows,
}

impl<'c> ChunkLines<'c> {
    /// The row of the record read last.
    pub(super) fn row(&self) -> u64 {
        self.rows.row
    }

    /// Reads the next record: its first `wanted` fields into `fields`, and
    /// gives its row and whether it is blank (nothing but delimiters and
    /// spaces); `None` at the end.
    pub(super) fn next(
        &mut self,
        fields: &mut Vec<&'c str>,
        wanted: usize,
    ) -> Result<Option<(u64, bool)>, DataError> {
        match self.lines.next(fields, wanted) {
            Some(blank) => Ok(Some((self.rows.next()?, blank))),
            None => Ok(None),
        }
    }
}

/// The records of a chunk's [`plain_text`]: its lines that are not empty,
/// split at the delimiter. The line breaks and delimiters are found 64
/// bytes at a time, as the bits of a mask ([`stops_in`]): fields are
/// short, so a search started per field, or a loop that looks at each
/// byte, costs more (callgrind, `docs/decisions.md#decision-150`).
struct Lines<'c> {
    text: &'c str,
    delimiter: u8,
    /// Where the next field starts.
    start: usize,
    /// Where the block of `stops` starts, and the next block.
    block: usize,
    next_block: usize,
    /// The line breaks and delimiters of the block not yet met, as bits:
    /// ASCII bytes, so every field between them is whole characters.
    stops: u64,
}

impl<'c> Lines<'c> {
    fn new(text: &'c str, delimiter: u8) -> Self {
        Lines {
            text,
            delimiter,
            start: 0,
            block: 0,
            next_block: 0,
            stops: 0,
        }
    }

    /// Reads the next record: its first `wanted` fields into `fields`, and
    /// whether every field is blank; `None` at the end.
    fn next(&mut self, fields: &mut Vec<&'c str>, wanted: usize) -> Option<bool> {
        let len = self.text.len();
        fields.clear();
        let (mut count, mut blank) = (0, true);
        loop {
            if self.start >= len && count == 0 {
                return None;
            }
            let stop = self.next_stop().unwrap_or(len);
            let mut field = &self.text[self.start..stop];
            self.start = stop + 1;
            let ends_line = self.text.as_bytes().get(stop) != Some(&self.delimiter);
            if ends_line {
                field = field.strip_suffix('\r').unwrap_or(field);
                // A line with nothing on it is no record.
                if count == 0 && field.is_empty() {
                    continue;
                }
            }
            blank &= crate::vocab::trim(field).is_empty();
            if count < wanted {
                fields.push(field);
            }
            count += 1;
            if ends_line {
                return Some(blank);
            }
        }
    }

    /// The offset of the next line break or delimiter; `None` past the last.
    fn next_stop(&mut self) -> Option<usize> {
        let bytes = self.text.as_bytes();
        while self.stops == 0 {
            if self.next_block >= bytes.len() {
                return None;
            }
            self.block = self.next_block;
            self.next_block = (self.block + 64).min(bytes.len());
            self.stops = stops_in(&bytes[self.block..self.next_block], self.delimiter);
        }
        let bit = self.stops.trailing_zeros() as usize;
        self.stops &= self.stops - 1;
        Some(self.block + bit)
    }
}

/// The line breaks and `delimiter`s of up to 64 bytes, as the bits of a
/// mask, found eight bytes at a time in a `u64` (on every target,
/// WebAssembly too).
fn stops_in(block: &[u8], delimiter: u8) -> u64 {
    let (line_breaks, delimiters) = (splat(b'\n'), splat(delimiter));
    let stops = |word: u64| {
        let found = zero_bytes(word ^ line_breaks) | zero_bytes(word ^ delimiters);
        // The top bit of each byte found, gathered into the top byte: byte
        // k's lands on bit 56 + k, and no two products overlap.
        (found >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56
    };
    let mut words = block.chunks_exact(8);
    let mut mask = 0;
    for (i, word) in words.by_ref().enumerate() {
        mask |= stops(u64::from_le_bytes(word.try_into().unwrap_or_default())) << (8 * i);
    }
    let rest = words.remainder();
    if !rest.is_empty() {
        // The end of the text, padded with NUL bytes, which stop nothing.
        let mut last = [0; 8];
        last[..rest.len()].copy_from_slice(rest);
        mask |= stops(u64::from_le_bytes(last)) << (block.len() - rest.len());
    }
    mask
}

/// `byte` in each of a word's eight bytes.
const fn splat(byte: u8) -> u64 {
    u64::from_ne_bytes([byte; 8])
}

/// The top bit of each byte of `word` that is zero, and no other bit: the
/// low seven bits added to `0x7f` carry into the top bit unless they are
/// zero, and never into the next byte.
const fn zero_bytes(word: u64) -> u64 {
    const LOW: u64 = splat(0x7f);
    !(((word & LOW) + LOW) | word | LOW)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// [`plain_records`] and [`parsed_records`] for `bytes`.
    fn both(bytes: &[u8], at_end: bool) -> (Option<(usize, u64)>, (usize, u64)) {
        let mut core = csv_core::Reader::new();
        let parsed = parsed_records(&mut core, bytes, at_end, &mut Vec::new(), &mut [0; 4]);
        (plain_records(bytes, at_end), parsed)
    }

    #[test]
    fn plain_lines_end_records_where_the_parser_does() {
        let cases: [(&[u8], bool, (usize, u64)); 9] = [
            (b"a,b\nc,d\n", false, (8, 2)),
            (b"a,b\nc,d", false, (4, 1)),
            (b"a,b\nc,d", true, (7, 2)),
            (b"a,b\r\nc,d\r\n", false, (9, 2)),
            (b"a,b\r\nc,d\r\n", true, (9, 2)),
            (b"\n\na\n\r\n\n", false, (4, 1)),
            (b",,\n\n", false, (3, 1)),
            (b"", true, (0, 0)),
            (b"\n\r\n", true, (0, 0)),
        ];
        for (bytes, at_end, expected) in cases {
            let (plain, parsed) = both(bytes, at_end);
            assert_eq!(plain, Some(expected), "{bytes:?}");
            assert_eq!(parsed, expected, "{bytes:?}");
        }
        // A carriage return that ends no line is not plain: the CSV reader
        // ends a record there, and the line counts would not.
        assert_eq!(plain_records(b"P1\r\r\n", false), None);
        assert_eq!(both(b"P1\r\r\n", false).1, (3, 1));
    }

    #[test]
    fn a_record_whose_line_feed_is_not_read_yet_waits_for_it() {
        // The parser ends it at the carriage return already: both cuts are
        // between records, and the record is read with the next chunk.
        assert_eq!(both(b"a,b\r\nc,d\r", false), (Some((4, 1)), (9, 2)));
    }

    #[test]
    fn quotes_and_lone_carriage_returns_are_left_to_the_parser() {
        let cases: [(&[u8], bool, (usize, u64)); 5] = [
            (b"\"a\nb\",c\nd\n", false, (10, 2)),
            (b"\"a\nb,c\nd\n", false, (0, 0)),
            (b"a\rb\nc", false, (4, 2)),
            (b"a\rb\nc", true, (5, 3)),
            (b"a,\"\"\"\"\r\n", false, (7, 1)),
        ];
        for (bytes, at_end, expected) in cases {
            let (plain, parsed) = both(bytes, at_end);
            assert_eq!(plain, None, "{bytes:?}");
            assert_eq!(parsed, expected, "{bytes:?}");
        }
    }

    /// Every record of a chunk of `bytes` as its row, whether it is blank
    /// and its fields, then the error that ended them if any, read as
    /// plain lines when `plain` and the chunk allows it, else by the CSV
    /// reader.
    fn records(bytes: &[u8], delimiter: u8, stop_at: Option<u64>, plain: bool) -> String {
        let layout = Layout::bare(Table::Assessments, delimiter);
        let mut chunk = Chunk {
            bytes: bytes.to_vec(),
            after_row: 7,
            stop_at,
            plain: plain && plain_records(bytes, true).is_some(),
        };
        let mut out = String::new();
        let mut line = |row: u64, blank: bool, fields: Vec<&str>| {
            out.push_str(&format!("{row} {blank}: {fields:?}\n"));
        };
        let read = ChunkReader::new(&layout).read(&mut chunk, &layout, |records| match records {
            Records::Parsed(mut records) => {
                let mut record = csv::StringRecord::new();
                while let Some(row) = records.next(&mut record)? {
                    let blank = record.iter().all(|f| crate::vocab::trim(f).is_empty());
                    line(row, blank, record.iter().collect());
                }
                Ok(false)
            }
            Records::Split(mut lines) => {
                let mut fields = Vec::new();
                while let Some((row, blank)) = lines.next(&mut fields, usize::MAX)? {
                    line(row, blank, fields.clone());
                }
                Ok(true)
            }
        });
        match read {
            Ok(split) => out.push_str(if split { "split" } else { "parsed" }),
            Err(e) => out.push_str(&format!("{} {:?} {:?}", e.code(), e.row(), e.column())),
        }
        assert_eq!(chunk.bytes, bytes, "the chunk keeps its bytes");
        out
    }

    #[test]
    fn only_the_fields_wanted_are_kept_and_every_field_tells_blank() {
        let mut lines = Lines::new("a,b,c\n , ,\r\n\n,,x\n,\n", b',');
        let mut fields = Vec::new();
        let mut next = |wanted| lines.next(&mut fields, wanted).map(|b| (b, fields.clone()));
        assert_eq!(next(2), Some((false, vec!["a", "b"])));
        assert_eq!(next(5), Some((true, vec![" ", " ", ""])));
        assert_eq!(next(2), Some((false, vec!["", ""])));
        assert_eq!(next(0), Some((true, vec![])));
        assert_eq!(next(1), None);
    }

    #[test]
    fn plain_text_is_valid_utf_8_without_nul_in_a_row_s_bound() {
        let chunk = |bytes: &[u8], plain| Chunk {
            bytes: bytes.to_vec(),
            plain,
            ..Chunk::default()
        };
        assert_eq!(
            plain_text(&chunk(b"P1,\xc3\xa5\n", true)),
            Some("P1,\u{e5}\n")
        );
        assert_eq!(plain_text(&chunk(b"P1,\xc3\xa5\n", false)), None);
        assert_eq!(plain_text(&chunk(b"P1,\xc3\n", true)), None);
        assert_eq!(plain_text(&chunk(b"P1,\0\n", true)), None);
        let long = vec![b'a'; MAX_ROW_BYTES as usize + 1];
        assert_eq!(plain_text(&chunk(&long, true)), None);
        assert!(plain_text(&chunk(&long[1..], true)).is_some());
    }

    /// Pieces of a chunk: mostly what plain lines hold, now and then a
    /// byte that sends the chunk to the CSV reader.
    fn piece() -> impl Strategy<Value = &'static [u8]> {
        let plain: [&'static [u8]; 10] = [
            b"P1",
            b"2021-05-05",
            b"\xc3\xa5",
            b" ",
            b",",
            b";",
            b",,",
            b"\n",
            b"\r\n",
            b"",
        ];
        let odd: [&'static [u8]; 5] = [b"\0", b"\xff", b"\xc3", b"\"", b"\r"];
        prop_oneof![
            60 => prop::sample::select(plain.to_vec()),
            1 => prop::sample::select(odd.to_vec()),
        ]
    }

    proptest! {
        #[test]
        fn plain_lines_are_counted_as_the_parser_counts_records(
            pieces in prop::collection::vec(piece(), 0..80),
            at_end in any::<bool>(),
        ) {
            let mut bytes = pieces.concat();
            if !at_end {
                // What `plain_records` gives the counts: whole lines.
                bytes.truncate(memchr::memrchr(b'\n', &bytes).map_or(0, |nl| nl + 1));
            }
            // Both counts are only asked about plain lines: a lone `\r`
            // sends the chunk to the CSV reader first.
            if let Some(lines) = plain_lines(&bytes, at_end)
                && let Some(found) = unbroken_lines(lines)
            {
                prop_assert_eq!(found, each_line(lines, at_end));
            }
            // At the end of the file, the parser ends the same records.
            if let (Some(plain), parsed) = both(&bytes, true) {
                prop_assert_eq!(plain, parsed);
            }
        }

        #[test]
        fn quotes_and_carriage_returns_are_found_anywhere(
            bytes in prop::collection::vec(prop::sample::select(b"a,\n\r\"\x0d\x22\x8d\xa2\x00".to_vec()), 0..300),
            rare in prop::sample::select(b"\r\"a".to_vec()),
            at in any::<prop::sample::Index>(),
        ) {
            // Mostly plain bytes, with one byte that may be a stop anywhere.
            let mut bytes: Vec<u8> = bytes.into_iter().filter(|&b| b != b'"' && b != b'\r').collect();
            bytes.insert(at.index(bytes.len() + 1), rare);
            let expected = bytes.iter().any(|&b| b == b'"' || b == b'\r');
            prop_assert_eq!(has_quote_or_carriage_return(&bytes), expected);
        }

        #[test]
        fn stops_are_the_line_breaks_and_delimiters(
            block in prop::collection::vec(prop::sample::select(b"\n;,\x00\x0a\x8a\xaa\x3b\xbba".to_vec()), 0..=64),
            semicolons in any::<bool>(),
        ) {
            let delimiter = if semicolons { b';' } else { b',' };
            let expected = block
                .iter()
                .enumerate()
                .filter(|&(_, &b)| b == b'\n' || b == delimiter)
                .fold(0u64, |mask, (i, _)| mask | 1 << i);
            prop_assert_eq!(stops_in(&block, delimiter), expected);
        }

        #[test]
        fn plain_lines_read_as_the_csv_reader_reads_them(
            pieces in prop::collection::vec(piece(), 0..80),
            semicolons in any::<bool>(),
            stop in prop::option::weighted(0.2, 8..20u64),
        ) {
            let bytes = pieces.concat();
            let delimiter = if semicolons { b';' } else { b',' };
            let read = |plain| {
                let read = records(&bytes, delimiter, stop, plain);
                read.trim_end_matches("split").trim_end_matches("parsed").to_owned()
            };
            prop_assert_eq!(read(true), read(false));
            // The lines were split, not parsed, whenever they could be.
            let splittable = plain_records(&bytes, true).is_some()
                && !bytes.contains(&0)
                && std::str::from_utf8(&bytes).is_ok();
            if splittable && stop.is_none() {
                prop_assert!(records(&bytes, delimiter, None, true).ends_with("split"));
            }
        }
    }
}
