//! The bytes of a CSV file as UTF-8 (`docs/data.md#encodings`), read as a
//! stream with a bound on how far it may run ahead of the CSV reader
//! (`docs/data.md#size-limits`).
//!
//! UTF-8 (the common case) is handed through untouched: bytes are read
//! straight into the caller's buffer and never copied through a
//! transcoder. Only Windows-1252 and UTF-16 go through `encoding_rs`'s
//! streaming decoder. A byte sequence that is malformed in the file's
//! encoding becomes the byte `0xFF` in the output, which is never valid
//! UTF-8, so the CSV reader reports it at its row and column like invalid
//! UTF-8 (`invalid_encoding`).

use std::fmt;
use std::io::{self, Read};
use std::str::FromStr;

use encoding_rs::{Decoder, DecoderResult, UTF_16BE, UTF_16LE, WINDOWS_1252};

/// The character encoding of a CSV file (`docs/data.md#encodings`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Encoding {
    /// Detected: a byte-order mark decides (UTF-8, UTF-16LE, UTF-16BE);
    /// otherwise the first non-ASCII character: UTF-8 when it is valid
    /// UTF-8, else Windows-1252.
    #[default]
    Auto,
    /// UTF-8 (a UTF-8 byte-order mark is skipped).
    Utf8,
    /// Windows-1252, what Swedish Excel's "CSV (semikolonavgränsad)" writes.
    Windows1252,
    /// UTF-16, little-endian (a byte-order mark is skipped).
    Utf16Le,
    /// UTF-16, big-endian (a byte-order mark is skipped).
    Utf16Be,
}

impl Encoding {
    /// Every encoding by its name, as the `encoding` options accept them.
    pub const ALL: [Encoding; 5] = [
        Encoding::Auto,
        Encoding::Utf8,
        Encoding::Windows1252,
        Encoding::Utf16Le,
        Encoding::Utf16Be,
    ];

    /// The names the `encoding` options accept, in the order of [`Encoding::ALL`].
    pub const NAMES: [&'static str; 5] = ["auto", "utf-8", "windows-1252", "utf-16le", "utf-16be"];

    /// The name: `auto`, `utf-8`, `windows-1252`, `utf-16le` or `utf-16be`.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Auto => "auto",
            Encoding::Utf8 => "utf-8",
            Encoding::Windows1252 => "windows-1252",
            Encoding::Utf16Le => "utf-16le",
            Encoding::Utf16Be => "utf-16be",
        }
    }
}

impl fmt::Display for Encoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A name that is none of [`Encoding::NAMES`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("unknown encoding (expected auto, utf-8, windows-1252, utf-16le or utf-16be)")]
pub struct UnknownEncoding;

impl FromStr for Encoding {
    type Err = UnknownEncoding;

    /// One of [`Encoding::NAMES`], ignoring ASCII case and surrounding space.
    fn from_str(name: &str) -> Result<Self, Self::Err> {
        let name = name.trim();
        Encoding::ALL
            .into_iter()
            .find(|e| e.name().eq_ignore_ascii_case(name))
            .ok_or(UnknownEncoding)
    }
}

/// The most bytes one row (record) of a CSV file may take, after decoding
/// to UTF-8 and with its line break: 1 MiB (`docs/data.md#size-limits`).
pub const MAX_ROW_BYTES: u64 = 1 << 20;

/// How far the decoded stream may run ahead of the start of the row being
/// read beyond [`MAX_ROW_BYTES`]: more than the CSV reader's two buffers
/// (8 KiB each) hold, so a row within the bound never reaches it.
pub(super) const READ_AHEAD: u64 = 64 << 10;

/// The marker inside the `io::Error` that stops a row past the bound.
#[derive(Debug)]
pub(super) struct RowTooLarge;

impl fmt::Display for RowTooLarge {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("row too large")
    }
}

impl std::error::Error for RowTooLarge {}

/// Whether an I/O error is the bound's.
pub(super) fn is_row_too_large(e: &io::Error) -> bool {
    e.get_ref().is_some_and(|inner| inner.is::<RowTooLarge>())
}

/// The byte written for a sequence that is malformed in the file's encoding.
const MALFORMED: u8 = 0xFF;

/// Raw bytes read at a time when decoding.
pub(super) const CHUNK: usize = 8 << 10;

enum State {
    /// Nothing read yet: the byte-order mark is still to be looked at.
    Start,
    /// Detecting, and every byte so far was ASCII.
    Ascii,
    /// UTF-8: bytes are handed through.
    Utf8,
    /// Windows-1252 or UTF-16, decoded; `done` once the decoder was told
    /// the input ended.
    Decode { decoder: Decoder, done: bool },
}

/// A reader of the file's bytes that yields UTF-8, and stops with
/// [`RowTooLarge`] when asked for bytes past its limit.
pub(super) struct Decoded<R> {
    inner: R,
    encoding: Encoding,
    state: State,
    /// Raw bytes not yet decoded or decided, `raw[raw_at..]`.
    raw: Vec<u8>,
    raw_at: usize,
    /// Output bytes ready to be handed out, `ready[ready_at..]`.
    ready: Vec<u8>,
    ready_at: usize,
    eof: bool,
    /// Output bytes handed out so far, and the most that may be.
    out: u64,
    limit: u64,
}

impl<R: Read> Decoded<R> {
    pub(super) fn new(inner: R, encoding: Encoding) -> Self {
        Decoded {
            inner,
            encoding,
            state: State::Start,
            raw: Vec::new(),
            raw_at: 0,
            ready: Vec::new(),
            ready_at: 0,
            eof: false,
            out: 0,
            limit: MAX_ROW_BYTES + READ_AHEAD,
        }
    }

    /// A row starts at output byte `start`: allow reading up to a row's
    /// bound past it (plus the CSV reader's read-ahead).
    pub(super) fn row_starts_at(&mut self, start: u64) {
        self.limit = start.saturating_add(MAX_ROW_BYTES + READ_AHEAD);
    }

    /// The raw input, which a [`CsvFeed`](super::CsvFeed) gives its pieces to.
    pub(super) fn get_mut(&mut self) -> &mut R {
        &mut self.inner
    }

    /// How many decoded bytes were handed out so far.
    pub(super) fn handed_out(&self) -> u64 {
        self.out
    }

    /// Reads more raw bytes onto the end of `raw`; false at the end of the input.
    fn read_raw(&mut self, at_most: usize) -> io::Result<bool> {
        if self.eof {
            return Ok(false);
        }
        if self.raw_at == self.raw.len() {
            self.raw.clear();
            self.raw_at = 0;
        }
        let old = self.raw.len();
        self.raw.resize(old + at_most, 0);
        let n = loop {
            match self.inner.read(&mut self.raw[old..]) {
                Ok(n) => break n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => {
                    self.raw.truncate(old);
                    return Err(e);
                }
            }
        };
        self.raw.truncate(old + n);
        self.eof = n == 0;
        Ok(n > 0)
    }

    /// Looks at the byte-order mark and chooses how to read on.
    fn start(&mut self) -> io::Result<()> {
        while self.raw.len() < 3 && self.read_raw(3 - self.raw.len())? {}
        let bom = |mark: &[u8]| self.raw.starts_with(mark);
        let (state, skip) = match self.encoding {
            Encoding::Auto if bom(b"\xEF\xBB\xBF") => (State::Utf8, 3),
            Encoding::Auto if bom(b"\xFF\xFE") => {
                (decode(UTF_16LE.new_decoder_without_bom_handling()), 2)
            }
            Encoding::Auto if bom(b"\xFE\xFF") => {
                (decode(UTF_16BE.new_decoder_without_bom_handling()), 2)
            }
            Encoding::Auto => (State::Ascii, 0),
            Encoding::Utf8 if bom(b"\xEF\xBB\xBF") => (State::Utf8, 3),
            Encoding::Utf8 => (State::Utf8, 0),
            Encoding::Windows1252 => (decode(WINDOWS_1252.new_decoder_without_bom_handling()), 0),
            Encoding::Utf16Le => (decode(UTF_16LE.new_decoder_with_bom_removal()), 0),
            Encoding::Utf16Be => (decode(UTF_16BE.new_decoder_with_bom_removal()), 0),
        };
        self.raw_at = skip;
        self.state = state;
        Ok(())
    }

    /// Hands out `raw[raw_at..]` as it is (UTF-8, or ASCII while detecting).
    fn pass_raw(&mut self, buf: &mut [u8]) -> usize {
        let pending = &self.raw[self.raw_at..];
        let n = pending.len().min(buf.len());
        buf[..n].copy_from_slice(&pending[..n]);
        self.raw_at += n;
        n
    }

    /// Detecting: every byte so far was ASCII.
    fn read_ascii(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.raw_at < self.raw.len() {
            // The first bytes, looked at for a byte-order mark, or bytes
            // from the first non-ASCII one on, waiting to be decided.
            let pending = &self.raw[self.raw_at..];
            let ascii = pending
                .iter()
                .position(|b| !b.is_ascii())
                .unwrap_or(pending.len());
            if ascii > 0 {
                let n = ascii.min(buf.len());
                buf[..n].copy_from_slice(&pending[..n]);
                self.raw_at += n;
                return Ok(n);
            }
            let utf8 = loop {
                match is_utf8(&self.raw[self.raw_at..]) {
                    Some(utf8) => break utf8,
                    // The end of the input in the middle of a sequence.
                    None if !self.read_raw(4)? => break false,
                    None => {}
                }
            };
            self.decided(utf8);
            return self.fill(buf);
        }
        let n = self.inner.read(buf)?;
        let read = &buf[..n];
        if read.is_ascii() {
            return Ok(n);
        }
        let first = read.iter().position(|b| !b.is_ascii()).unwrap_or(n);
        match is_utf8(&read[first..]) {
            Some(true) => {
                self.state = State::Utf8;
                Ok(n)
            }
            decision => {
                // Keep the bytes from the first non-ASCII one, to decode
                // them or to decide once more have been read.
                self.raw.clear();
                self.raw.extend_from_slice(&read[first..]);
                self.raw_at = 0;
                if decision == Some(false) {
                    self.decided(false);
                }
                if first > 0 { Ok(first) } else { self.fill(buf) }
            }
        }
    }

    fn decided(&mut self, utf8: bool) {
        self.state = if utf8 {
            State::Utf8
        } else {
            decode(WINDOWS_1252.new_decoder_without_bom_handling())
        };
    }

    /// Decodes raw bytes into `buf`, at least one byte unless at the end.
    fn read_decoded(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            if self.raw_at == self.raw.len() && !self.eof {
                self.read_raw(CHUNK)?;
            }
            let State::Decode { decoder, done } = &mut self.state else {
                return Ok(0);
            };
            if *done {
                return Ok(0);
            }
            let last = self.eof;
            // A decoder needs room for a whole character: decode into
            // `ready` when the caller's buffer is that small. One byte is
            // kept free for the mark of a malformed sequence.
            let small = buf.len() < 16;
            if small {
                self.ready.clear();
                self.ready.resize(16, 0);
                self.ready_at = 0;
            }
            let dst: &mut [u8] = if small { &mut self.ready } else { buf };
            let room = dst.len() - 1;
            let (result, read, mut written) = decoder.decode_to_utf8_without_replacement(
                &self.raw[self.raw_at..],
                &mut dst[..room],
                last,
            );
            self.raw_at += read;
            match result {
                DecoderResult::Malformed(..) => {
                    dst[written] = MALFORMED;
                    written += 1;
                }
                DecoderResult::InputEmpty if last => *done = true,
                DecoderResult::InputEmpty | DecoderResult::OutputFull => {}
            }
            if small {
                self.ready.truncate(written);
                if written > 0 {
                    return Ok(self.pass_ready(buf));
                }
            } else if written > 0 {
                return Ok(written);
            }
            if matches!(self.state, State::Decode { done: true, .. }) {
                return Ok(0);
            }
        }
    }

    fn pass_ready(&mut self, buf: &mut [u8]) -> usize {
        let pending = &self.ready[self.ready_at..];
        let n = pending.len().min(buf.len());
        buf[..n].copy_from_slice(&pending[..n]);
        self.ready_at += n;
        n
    }

    fn fill(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.ready_at < self.ready.len() {
            return Ok(self.pass_ready(buf));
        }
        match self.state {
            State::Start => {
                self.start()?;
                self.fill(buf)
            }
            State::Ascii => self.read_ascii(buf),
            State::Utf8 if self.raw_at < self.raw.len() => Ok(self.pass_raw(buf)),
            State::Utf8 => self.inner.read(buf),
            State::Decode { .. } => self.read_decoded(buf),
        }
    }
}

fn decode(decoder: Decoder) -> State {
    State::Decode {
        decoder,
        done: false,
    }
}

/// Whether bytes that start with a non-ASCII byte start with a valid UTF-8
/// character; `None` when they end before it does.
fn is_utf8(bytes: &[u8]) -> Option<bool> {
    match std::str::from_utf8(&bytes[..bytes.len().min(4)]) {
        Ok(_) => Some(true),
        Err(e) if e.valid_up_to() > 0 => Some(true),
        Err(e) => e.error_len().map(|_| false),
    }
}

impl<R: Read> Read for Decoded<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        let room = self.limit.saturating_sub(self.out);
        if room == 0 {
            return Err(io::Error::other(RowTooLarge));
        }
        let end = usize::try_from(room).map_or(buf.len(), |room| room.min(buf.len()));
        let n = self.fill(&mut buf[..end])?;
        self.out += n as u64;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decoded(bytes: &[u8], encoding: Encoding) -> Vec<u8> {
        let mut out = Vec::new();
        Decoded::new(bytes, encoding)
            .read_to_end(&mut out)
            .expect("reads");
        out
    }

    /// Reads with a buffer of `size` bytes at a time, as a worst case.
    fn decoded_by(bytes: &[u8], encoding: Encoding, size: usize) -> Vec<u8> {
        let mut reader = Decoded::new(bytes, encoding);
        let mut out = Vec::new();
        let mut buf = vec![0; size];
        loop {
            let n = reader.read(&mut buf).expect("reads");
            if n == 0 {
                return out;
            }
            out.extend_from_slice(&buf[..n]);
        }
    }

    const TEXT: &str = "id;gender;tags\nN1;K;Åsa Göteborg\n";

    fn utf16(text: &str, big: bool, bom: bool) -> Vec<u8> {
        let mut out = Vec::new();
        for unit in bom.then_some(0xFEFF).into_iter().chain(text.encode_utf16()) {
            out.extend_from_slice(&if big {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            });
        }
        out
    }

    fn windows_1252(text: &str) -> Vec<u8> {
        WINDOWS_1252.encode(text).0.into_owned()
    }

    #[test]
    fn every_encoding_is_decoded_by_detection_and_by_name() {
        let utf8_bom = [b"\xEF\xBB\xBF".as_slice(), TEXT.as_bytes()].concat();
        let cases = [
            (TEXT.as_bytes().to_vec(), Encoding::Utf8),
            (utf8_bom, Encoding::Utf8),
            (windows_1252(TEXT), Encoding::Windows1252),
            (utf16(TEXT, false, true), Encoding::Utf16Le),
            (utf16(TEXT, true, true), Encoding::Utf16Be),
        ];
        for (bytes, encoding) in cases {
            for size in [1, 2, 3, 5, 17, 8192] {
                assert_eq!(decoded_by(&bytes, Encoding::Auto, size), TEXT.as_bytes());
                assert_eq!(decoded_by(&bytes, encoding, size), TEXT.as_bytes());
            }
        }
        // Named UTF-16 needs no byte-order mark.
        assert_eq!(
            decoded(&utf16(TEXT, false, false), Encoding::Utf16Le),
            TEXT.as_bytes()
        );
        assert_eq!(
            decoded(&utf16(TEXT, true, false), Encoding::Utf16Be),
            TEXT.as_bytes()
        );
    }

    #[test]
    fn detection_decides_on_the_first_non_ascii_character() {
        // Windows-1252 bytes that are not UTF-8 at the first non-ASCII one.
        assert_eq!(decoded(b"a\xC5sa", Encoding::Auto), "aÅsa".as_bytes());
        assert_eq!(decoded(b"\xF6", Encoding::Auto), "ö".as_bytes());
        // Cut in the middle of a UTF-8 character at the end: not UTF-8.
        assert_eq!(decoded(b"a\xC3", Encoding::Auto), "aÃ".as_bytes());
        // Valid UTF-8 first, invalid later: handed through as it is, for
        // the CSV reader to report at its row.
        assert_eq!(decoded(b"\xC3\xA5;\xE5", Encoding::Auto), b"\xC3\xA5;\xE5");
        // Every Windows-1252 byte decodes, including the five unassigned.
        let all: Vec<u8> = (0x80..=0xFF).collect();
        let text = decoded(&all, Encoding::Windows1252);
        assert_eq!(
            std::str::from_utf8(&text).map(|t| t.chars().count()),
            Ok(128)
        );
    }

    #[test]
    fn malformed_utf16_is_an_invalid_byte_in_place() {
        // An unpaired surrogate, then an odd last byte.
        let bytes = [b'a', 0, 0x00, 0xD8, b'b', 0, b'c'];
        assert_eq!(decoded(&bytes, Encoding::Utf16Le), b"a\xFFb\xFF");
        assert_eq!(decoded_by(&bytes, Encoding::Utf16Le, 1), b"a\xFFb\xFF");
    }

    #[test]
    fn names_parse_ignoring_case() {
        for (encoding, name) in Encoding::ALL.into_iter().zip(Encoding::NAMES) {
            assert_eq!(name.parse(), Ok(encoding));
            assert_eq!(encoding.to_string(), name);
        }
        assert_eq!(" UTF-16LE ".parse(), Ok(Encoding::Utf16Le));
        assert_eq!("latin1".parse::<Encoding>(), Err(UnknownEncoding));
    }

    #[test]
    fn reading_stops_at_the_limit() {
        let mut reader = Decoded::new(io::repeat(0), Encoding::Auto);
        let mut buf = vec![0; 8192];
        let mut total = 0u64;
        let error = loop {
            match reader.read(&mut buf) {
                Ok(n) => total += n as u64,
                Err(e) => break e,
            }
        };
        assert!(is_row_too_large(&error));
        assert_eq!(total, MAX_ROW_BYTES + READ_AHEAD);
    }
}
