//! A CSV table read from pieces as they arrive (`docs/data.md#feed`): a
//! web page reading a chosen file gets it a piece at a time, and reading
//! the pieces already there while the rest arrives overlaps the two
//! (`docs/decisions.md#decision-159`).
//!
//! The reader stays the one of [`DatasetBuilder::read_csv`] on one thread:
//! it pulls bytes from a queue of the pieces pushed so far, and is only
//! asked for its next chunk while the queue holds more than one step of
//! reading can take ([`STEP_BYTES`]), so the queue never runs dry before
//! the file ends. A file whose header or records need the CSV reader
//! (quotes, lone carriage returns) is read by it once every piece is there.

use std::collections::VecDeque;
use std::io::{self, Read};

use super::chunks::CHUNK_BYTES;
use super::csv::{CsvTable, OneThread, Step};
use super::decode::{CHUNK, MAX_ROW_BYTES, READ_AHEAD};
use super::threads::add_cells_of;
use super::{Added, DatasetBuilder};
use crate::Encoding;
use crate::error::DataError;
use crate::vocab::Table;

/// The most raw bytes one step of reading takes from the queue: a chunk,
/// then at most a row's bound and the decoder's read-ahead past the last
/// whole record (beyond that the decoder stops with `row_too_large`
/// without reading on), each decoded byte from at most two raw ones
/// (UTF-16), plus the decoder's own buffer. The header is read within the
/// same bound.
const STEP_BYTES: usize =
    2 * (CHUNK_BYTES + MAX_ROW_BYTES as usize + READ_AHEAD as usize) + 2 * CHUNK;

/// A CSV table of a [`DatasetBuilder`] read from pieces of its file, pushed
/// in order as they arrive: [`DatasetBuilder::feed_csv`] starts it,
/// [`push`](Self::push) gives each piece, [`finish`](Self::finish) says
/// the file ended and gives the builder back.
///
/// The rows, every error (with its row and column) and what the builder
/// keeps after an error are those of [`DatasetBuilder::read_csv_encoded`]
/// on the whole file, read on one thread, whatever the pieces' sizes
/// (`docs/data.md#feed`). Rows are read while more than about 2.4 MiB is
/// pushed and unread; the rest when the file ends. A file with a quoted
/// field is read from its first quote on once it has ended.
///
/// ```
/// # use stegvis::{Dataset, Encoding, Options, Programme, vocab::Table};
/// # let programme = Programme::from_toml(include_str!("../../../../examples/nordost/programme.toml")).unwrap();
/// # let participants = include_bytes!("../../../../examples/nordost/participants.csv");
/// # let assessments = include_bytes!("../../../../examples/nordost/assessments.csv");
/// let options = Options::new().as_of("2023-01-31".parse().unwrap());
/// let mut builder = Dataset::builder(&programme);
/// builder.read_csv(Table::Participants, &participants[..])?;
/// let mut whole = builder.clone();
///
/// // The assessments file arrives 1 000 bytes at a time.
/// let mut feed = builder.feed_csv(Table::Assessments, Encoding::Auto);
/// for piece in assessments.chunks(1_000) {
///     feed.push(piece.to_vec())?;
/// }
/// let (builder, read) = feed.finish();
/// read?;
///
/// whole.read_csv(Table::Assessments, &assessments[..])?;
/// let report = builder.build().evaluate(&options)?;
/// assert_eq!(report.to_json(), whole.build().evaluate(&options)?.to_json());
/// # Ok::<(), stegvis::Error>(())
/// ```
pub struct CsvFeed {
    builder: DatasetBuilder,
    table: Table,
    encoding: Encoding,
    reading: Reading,
    /// What the builder had added before this table, for a table whose
    /// rows an error drops (as [`DatasetBuilder::read_csv_encoded`] does).
    before: Option<Added>,
    /// The first error: every later call gives it again.
    failed: Option<DataError>,
    /// How many unread bytes a step waits for ([`STEP_BYTES`]; fewer in
    /// tests of small files).
    step_bytes: usize,
}

/// How far reading a [`CsvFeed`] has come.
enum Reading {
    /// The header is not read yet.
    Head(Queue),
    /// Chunks of plain lines.
    Chunks(Box<OneThread<Queue>>),
    /// The CSV reader's, from the header or the first chunk that is not
    /// plain lines on, read once the file ended; with its row's cells.
    Rest(Box<CsvTable<Queue>>, usize),
    /// Every row was read, or reading failed.
    Over,
}

impl std::fmt::Debug for CsvFeed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CsvFeed")
            .field("table", &self.table)
            .field("encoding", &self.encoding)
            .field("failed", &self.failed)
            .finish_non_exhaustive()
    }
}

impl DatasetBuilder {
    /// Starts reading a CSV file of `table` (as
    /// [`read_csv_encoded`](Self::read_csv_encoded) reads it) from pieces
    /// pushed as they arrive; see [`CsvFeed`]. The builder is the feed's
    /// until [`CsvFeed::finish`] gives it back.
    pub fn feed_csv(mut self, table: Table, encoding: Encoding) -> CsvFeed {
        let before = add_cells_of(table).map(|_| std::mem::take(&mut self.added));
        CsvFeed {
            builder: self,
            table,
            encoding,
            reading: Reading::Head(Queue::default()),
            before,
            failed: None,
            step_bytes: STEP_BYTES,
        }
    }
}

impl CsvFeed {
    /// Gives the next piece of the file, and reads what can be read. An
    /// error is the file's first (by row); the feed is then over, and
    /// every later call gives that error again.
    pub fn push(&mut self, piece: Vec<u8>) -> Result<(), DataError> {
        if let Some(e) = &self.failed {
            return Err(e.clone());
        }
        if let Some(queue) = self.queue() {
            queue.push(piece);
        }
        self.read(false)
    }

    /// Says the file ended, reads the rest and gives the builder back,
    /// with whether the file was read: on an error the builder keeps what
    /// [`DatasetBuilder::read_csv_encoded`] keeps after that error.
    pub fn finish(mut self) -> (DatasetBuilder, Result<(), DataError>) {
        if let Some(queue) = self.queue() {
            queue.closed = true;
        }
        let read = match self.failed.take() {
            Some(e) => Err(e),
            None => self.read(true),
        };
        if let Some(before) = self.before.take() {
            let added = std::mem::replace(&mut self.builder.added, before);
            if read.is_ok() {
                self.builder.added.join(added);
            }
        }
        (self.builder, read)
    }

    /// The queue of pieces not yet read, while reading goes on.
    fn queue(&mut self) -> Option<&mut Queue> {
        match &mut self.reading {
            Reading::Head(queue) => Some(queue),
            Reading::Chunks(chunks) => Some(chunks.input_mut()),
            Reading::Rest(t, _) => Some(t.input_mut()),
            Reading::Over => None,
        }
    }

    /// Reads while a step cannot run the queue dry, or to the end once
    /// the file `ended`.
    fn read(&mut self, ended: bool) -> Result<(), DataError> {
        let read = self.read_steps(ended);
        if let Err(e) = &read {
            self.reading = Reading::Over;
            self.failed = Some(e.clone());
        }
        read
    }

    fn read_steps(&mut self, ended: bool) -> Result<(), DataError> {
        while self.ready(ended) {
            self.reading = match std::mem::replace(&mut self.reading, Reading::Over) {
                Reading::Head(queue) => self.open(queue)?,
                Reading::Chunks(mut chunks) => match chunks.step(&mut self.builder)? {
                    Step::More => Reading::Chunks(chunks),
                    Step::Done => Reading::Over,
                    Step::Rest => {
                        let width = chunks.width();
                        Reading::Rest(Box::new(chunks.into_rest()), width)
                    }
                },
                Reading::Rest(t, width) => {
                    self.builder.stream(*t, width)?;
                    Reading::Over
                }
                Reading::Over => Reading::Over,
            };
        }
        Ok(())
    }

    /// Whether a step can be read now: the CSV reader pulls until the
    /// file ends, chunks are read while more than a step is queued.
    fn ready(&mut self, ended: bool) -> bool {
        let step_bytes = self.step_bytes;
        match &mut self.reading {
            Reading::Over => false,
            Reading::Rest(..) => ended,
            _ => ended || self.queue().is_some_and(|q| q.len > step_bytes),
        }
    }

    /// Reads the header from `queue`: then chunks of plain lines, or the
    /// CSV reader when the header may have taken more than its line.
    fn open(&mut self, queue: Queue) -> Result<Reading, DataError> {
        let (t, width) = self.builder.open_csv(self.table, queue, self.encoding)?;
        let chunk_bytes = self.builder.chunk_bytes;
        Ok(match OneThread::new(t, width, None, chunk_bytes) {
            Ok(chunks) => Reading::Chunks(Box::new(chunks)),
            Err(t) => Reading::Rest(t, width),
        })
    }

    /// Reads a step once fewer than `bytes` are unread, so that tests of
    /// small files step between their pieces.
    #[cfg(test)]
    pub(super) fn step_bytes(&mut self, bytes: usize) {
        self.step_bytes = bytes;
    }
}

/// The pieces pushed and not yet read, read as one stream.
#[derive(Debug, Default)]
struct Queue {
    pieces: VecDeque<Vec<u8>>,
    /// How much of the first piece was read.
    at: usize,
    /// The bytes not yet read.
    len: usize,
    /// The file ended: no piece follows.
    closed: bool,
}

impl Queue {
    fn push(&mut self, piece: Vec<u8>) {
        self.len += piece.len();
        if !piece.is_empty() {
            self.pieces.push_back(piece);
        }
    }
}

impl Read for Queue {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let Some(first) = self.pieces.front() else {
            // A step is only taken with more queued than it can read
            // (`STEP_BYTES`), so only the end of the file empties the queue.
            debug_assert!(self.closed, "a step ran the queue dry");
            return if self.closed {
                Ok(0)
            } else {
                Err(io::ErrorKind::WouldBlock.into())
            };
        };
        let rest = &first[self.at..];
        let n = rest.len().min(buf.len());
        buf[..n].copy_from_slice(&rest[..n]);
        self.at += n;
        self.len -= n;
        if self.at == first.len() {
            self.pieces.pop_front();
            self.at = 0;
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Dataset, Programme};

    fn programme() -> Programme {
        Programme::from_toml(include_str!("../../../../examples/nordost/programme.toml"))
            .expect("the example programme")
    }

    /// The builder after `participants` participants `P00000`, `P00001`, ….
    fn builder(participants: usize) -> DatasetBuilder {
        let mut csv = String::from("id,gender,entry_date\n");
        for i in 0..participants {
            csv.push_str(&format!("P{i:05},K,2021-03-01\n"));
        }
        let mut builder = Dataset::builder(&programme());
        builder
            .read_csv(Table::Participants, csv.as_bytes())
            .expect("participants");
        builder
    }

    /// The header of [`assessments`], 36 bytes with its line feed.
    const HEADER: &[u8] = b"participant_id,date,parameter,level\n";

    /// An assessments file of `rows` rows, 28 bytes each
    /// (`P00042,2021-05-05,swedish,3` and a line feed).
    fn assessments(rows: usize) -> Vec<u8> {
        let mut csv = HEADER.to_vec();
        for i in 0..rows {
            csv.extend_from_slice(format!("P{:05},2021-05-05,swedish,3\n", i % 1000).as_bytes());
        }
        csv
    }

    /// Pushed in pieces of 64 KiB, a file's rows are read while more than
    /// a step is queued: before it ends, all but the last few MiB are.
    #[test]
    fn rows_are_read_while_pieces_arrive() {
        let file = assessments(400_000);
        assert_eq!(file.len(), 36 + 400_000 * 28);
        assert!(file.len() > 4 * STEP_BYTES);
        let mut feed = builder(1000).feed_csv(Table::Assessments, Encoding::Auto);
        let mut read_before_the_end = 0;
        for piece in file.chunks(64 << 10) {
            feed.push(piece.to_vec()).expect("pushed");
            read_before_the_end = feed.builder.added.assessments.len();
        }
        let unread = file.len() - HEADER.len() - read_before_the_end * 28;
        assert!(read_before_the_end > 0);
        // At most a step queued, and the chunk being cut.
        assert!(unread < STEP_BYTES + (512 << 10), "{unread}");
        let (builder, read) = feed.finish();
        assert_eq!(read, Ok(()));
        assert_eq!(builder.added.assessments.len(), 400_000);
    }

    /// An error stops the feed at its row; every later call gives it
    /// again, and the builder keeps its participants and none of the
    /// failed file's rows, as reading the whole file would.
    #[test]
    fn an_error_ends_the_feed_and_drops_the_files_rows() {
        let mut file = assessments(200_000);
        file.extend_from_slice(b"P00001,2021-02-30,swedish,3\n");
        file.extend_from_slice(&assessments(200_000)[HEADER.len()..]);
        let mut feed = builder(1000).feed_csv(Table::Assessments, Encoding::Auto);
        let pushed: Vec<_> = file
            .chunks(1 << 20)
            .map(|p| feed.push(p.to_vec()))
            .collect();
        let first = pushed.iter().position(Result::is_err).expect("an error");
        let error = pushed[first].clone().expect_err("the error");
        assert_eq!(
            (error.code(), error.row(), error.column()),
            ("invalid_date", Some(200_002), Some("date"))
        );
        assert!(
            pushed[first..]
                .iter()
                .all(|p| p.as_ref().err() == Some(&error))
        );
        // The error was found before the file ended.
        assert!(first < pushed.len() - 1);
        let (builder, read) = feed.finish();
        assert_eq!(read, Err(error));
        assert_eq!(builder.added.assessments.len(), 0);
        assert_eq!(builder.build().participant_count(), 1000);
    }

    /// In UTF-16 and Windows-1252, which the decoder transcodes, a file
    /// pushed in pieces reads as the whole file does: a step never finds
    /// the queue empty (a debug build checks) and the rows are the same.
    #[test]
    fn transcoded_files_read_as_the_whole_file() {
        // An extra column, ignored, with a letter beyond ASCII on every line.
        let text = String::from_utf8(assessments(300_000)).expect("text");
        let text = text.replace('\n', ",hälsa\n");
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        // Windows-1252 is Latin-1 for these letters.
        let latin: Vec<u8> = text.chars().map(|c| c as u32 as u8).collect();
        for (file, encoding) in [(utf16, Encoding::Auto), (latin, Encoding::Windows1252)] {
            assert!(file.len() > 2 * STEP_BYTES);
            let mut whole = builder(1000);
            let whole_read = whole.read_csv_encoded(Table::Assessments, &file[..], encoding);
            let mut feed = builder(1000).feed_csv(Table::Assessments, encoding);
            let pushed: Result<(), _> = file.chunks(50_000).try_for_each(|p| feed.push(p.to_vec()));
            let (fed, read) = feed.finish();
            assert_eq!(pushed.and(read), whole_read.clone(), "{encoding}");
            assert_eq!(fed.added.assessments.len(), whole.added.assessments.len());
            assert_eq!(fed.added.assessments.len(), 300_000);
        }
    }

    /// A file shorter than a step, and an empty one, are read when they end.
    #[test]
    fn a_short_file_is_read_when_it_ends() {
        let mut feed = builder(10).feed_csv(Table::Assessments, Encoding::Auto);
        feed.push(assessments(10)).expect("pushed");
        assert_eq!(feed.builder.added.assessments.len(), 0);
        let (builder, read) = feed.finish();
        assert_eq!((read, builder.added.assessments.len()), (Ok(()), 10));
        let (_, read) = builder
            .feed_csv(Table::Assessments, Encoding::Auto)
            .finish();
        assert_eq!(read.map_err(|e| e.code()), Err("missing_column"));
    }
}
