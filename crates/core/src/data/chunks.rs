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

use std::io::{self, Read};

use csv_core::ReadRecordResult;

use super::csv::Layout;
use super::decode::{Decoded, MAX_ROW_BYTES, is_row_too_large};
use super::interrupt::Hook;
use crate::error::{DataError, DataErrorKind};

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
    /// Reading the input failed: the error, returned once the records
    /// before it are handed over.
    failed: Option<DataError>,
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
    ) -> Self {
        input.row_starts_at(offset);
        Chunker {
            input,
            pending,
            offset,
            row: 1,
            ended: false,
            failed: None,
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
                let (cut, records) = self.records(at_end);
                if records > 0 {
                    self.hand_over(chunk, cut, records, hook.as_deref_mut());
                    return Ok(true);
                }
                if let Some(e) = self.failed.take() {
                    return Err(e);
                }
                if at_end {
                    return Ok(false);
                }
            }
            self.read_more();
        }
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
        self.row += records;
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
                let (table, row) = (self.table, self.next_row_after_records());
                let kind = if is_row_too_large(&e) {
                    DataErrorKind::RowTooLarge
                } else {
                    DataErrorKind::Io
                };
                self.failed = Some(DataError::new(kind, table, Some(row), None));
            }
        }
    }

    /// The row a reading error is at: the one after the last whole record
    /// of what was read.
    fn next_row_after_records(&mut self) -> u64 {
        let (_, records) = self.records(false);
        self.row + records + 1
    }

    /// Where the last whole record of `pending` ends and how many records
    /// end there or before; `at_end`: `pending` ends the file.
    fn records(&mut self, at_end: bool) -> (usize, u64) {
        if let Some(found) = plain_records(&self.pending, at_end) {
            return found;
        }
        parsed_records(
            &mut self.core,
            &self.pending,
            at_end,
            &mut self.scratch,
            &mut self.ends,
        )
    }
}

/// Where the last whole record of `bytes` ends (just after the byte that
/// ends it, where the CSV reader stops) and how many records end there or
/// before, for bytes with no quote and no carriage return that is not
/// followed by a line feed; `None` for other bytes. A record is a line
/// that is not empty; `\r\n` ends one at the `\r`. `at_end`: the bytes end
/// the file, so a last line without a line break is a record too.
pub(super) fn plain_records(bytes: &[u8], at_end: bool) -> Option<(usize, u64)> {
    let lines_end = if at_end {
        bytes.len()
    } else {
        memchr::memrchr(b'\n', bytes).map_or(0, |nl| nl + 1)
    };
    let lines = &bytes[..lines_end];
    if memchr::memchr(b'"', lines).is_some()
        || memchr::memchr_iter(b'\r', lines).any(|cr| lines.get(cr + 1) != Some(&b'\n'))
    {
        return None;
    }
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
    Some((cut, records))
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
            reader: csv::ReaderBuilder::new()
                .delimiter(layout.delimiter)
                .flexible(true)
                .has_headers(false)
                .from_reader(io::Cursor::new(Vec::new())),
        }
    }

    /// Calls `read` with the records of `chunk`, whose bytes it lends to the
    /// reader meanwhile.
    pub(super) fn read<T>(
        &mut self,
        chunk: &mut Chunk,
        layout: &Layout,
        read: impl FnOnce(&mut ChunkRecords<'_>) -> Result<T, DataError>,
    ) -> Result<T, DataError> {
        std::mem::swap(self.reader.get_mut().get_mut(), &mut chunk.bytes);
        // Back to the start of the new bytes, with the parser reset; a
        // cursor cannot fail to seek.
        let rewound = self
            .reader
            .seek_raw(io::SeekFrom::Start(0), csv::Position::new());
        let result = match rewound {
            Ok(()) => read(&mut ChunkRecords {
                reader: &mut self.reader,
                layout,
                row: chunk.after_row,
                stop_at: chunk.stop_at,
            }),
            Err(_) => {
                let row = Some(chunk.after_row + 1);
                Err(DataError::new(DataErrorKind::Io, layout.table, row, None))
            }
        };
        std::mem::swap(self.reader.get_mut().get_mut(), &mut chunk.bytes);
        result
    }
}

/// The records of one chunk, read on any thread as [`super::csv`] reads
/// them on one: each row checked, errors at their row and column.
pub(super) struct ChunkRecords<'c> {
    reader: &'c mut csv::Reader<io::Cursor<Vec<u8>>>,
    layout: &'c Layout,
    row: u64,
    stop_at: Option<u64>,
}

impl ChunkRecords<'_> {
    /// Reads the next record into `record`: its row, or `None` at the end.
    pub(super) fn next(
        &mut self,
        record: &mut csv::StringRecord,
    ) -> Result<Option<u64>, DataError> {
        self.row += 1;
        if !self.layout.read_record(self.reader, record, self.row)? {
            return Ok(None);
        }
        if self.stop_at == Some(self.row) {
            let kind = DataErrorKind::Interrupted;
            return Err(DataError::new(
                kind,
                self.layout.table,
                Some(self.row),
                None,
            ));
        }
        Ok(Some(self.row))
    }
}

#[cfg(test)]
mod tests {
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
}
