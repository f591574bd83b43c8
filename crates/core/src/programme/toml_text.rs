//! TOML text before the guard: the one documented exception to "one guard"
//! (docs/decisions.md, item 21).
//!
//! toml parses the whole text into its own document before serde, and so
//! before the guard (guard.rs), sees any of it. Its parser recurses on
//! nested arrays and inline tables (`a = [[[…`, `a = {a = {a = …`), and the
//! document's drop recurses on nested tables however they were written,
//! dotted keys (`x.x.x… = 1`) and table headers (`[x.x.x…]`) included: at
//! 10 000 levels either overflows the stack. [`check_depth`] therefore
//! measures the nesting with toml's own event parser, before any document
//! is built, refusing to let that parser descend past the bound.
//!
//! [`normalise`] then gives the document the shape the other sources have:
//! dates become ISO text, as in JSON.

use std::borrow::Cow;

use toml::de::{DeTable, DeValue};
use toml_parser::decoder::Encoding;
use toml_parser::parser::{EventReceiver, parse_document};
use toml_parser::{ErrorSink, Source, Span};

use super::MAX_CRITERION_DEPTH;
use super::guard::MAX_DEPTH;
use crate::error::{ProgrammeError, ProgrammeErrorKind};

/// Refuses TOML text nested more than [`MAX_DEPTH`] levels, counting each
/// array, inline table, table-header key and further key of a dotted key.
pub(super) fn check_depth(text: &str) -> Result<(), ProgrammeError> {
    if depth(text) > MAX_DEPTH {
        return Err(ProgrammeError::new(
            ProgrammeErrorKind::CriterionTooDeep,
            "",
            format!("nested more than {MAX_DEPTH} levels; criteria may nest {MAX_CRITERION_DEPTH}"),
        ));
    }
    Ok(())
}

/// How deeply `text` nests (up to just past [`MAX_DEPTH`]). Syntax errors
/// are left to toml, which reports them with their place.
fn depth(text: &str) -> usize {
    let source = Source::new(text);
    let tokens = source.lex().into_vec();
    let mut depth = Depth::default();
    parse_document(&tokens, &mut depth, &mut ());
    depth.deepest
}

/// An array or inline table open around the current event.
enum Open {
    Array,
    /// With the dots of the key being read (or whose value is being read),
    /// and whether that value has begun.
    Table {
        dots: usize,
        in_value: bool,
    },
}

/// The nesting measure, fed by toml's event parser.
#[derive(Default)]
struct Depth {
    /// Levels opened by the current table header: its keys, one more for an
    /// array of tables (`[[goals]]`).
    header: usize,
    /// Whether a header is being read.
    in_header: bool,
    /// Dots in the current top-level key.
    dots: usize,
    /// Whether the current top-level key's value has begun.
    in_value: bool,
    /// Open arrays and inline tables.
    open: Vec<Open>,
    /// Levels they add: one each, plus an inline table's key dots.
    nested: usize,
    /// The deepest level seen.
    deepest: usize,
}

impl Depth {
    fn current(&self) -> usize {
        self.header + self.dots + self.nested
    }

    fn note(&mut self) -> bool {
        let current = self.current();
        self.deepest = self.deepest.max(current);
        current <= MAX_DEPTH
    }

    /// Opens an array or inline table; refusing stops toml's parser from
    /// descending into it (it skips to the closing bracket without
    /// recursing, and still reports the close).
    fn open(&mut self, open: Open) -> bool {
        self.open.push(open);
        self.nested += 1;
        self.note()
    }

    fn close(&mut self) {
        let levels = match self.open.pop() {
            Some(Open::Array) => 1,
            Some(Open::Table { dots, .. }) => 1 + dots,
            None => 0,
        };
        self.nested = self.nested.saturating_sub(levels);
    }
}

impl EventReceiver for Depth {
    fn std_table_open(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        (self.header, self.in_header, self.dots, self.in_value) = (1, true, 0, false);
        self.note();
    }
    fn std_table_close(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        self.in_header = false;
    }
    fn array_table_open(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        (self.header, self.in_header, self.dots, self.in_value) = (2, true, 0, false);
        self.note();
    }
    fn array_table_close(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        self.in_header = false;
    }
    fn inline_table_open(&mut self, _span: Span, _error: &mut dyn ErrorSink) -> bool {
        self.open(Open::Table {
            dots: 0,
            in_value: false,
        })
    }
    fn inline_table_close(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        self.close();
    }
    fn array_open(&mut self, _span: Span, _error: &mut dyn ErrorSink) -> bool {
        self.open(Open::Array)
    }
    fn array_close(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        self.close();
    }
    fn simple_key(&mut self, _span: Span, _kind: Option<Encoding>, _error: &mut dyn ErrorSink) {
        // A key after a value starts the next key-value pair.
        match self.open.last_mut() {
            Some(Open::Table { dots, in_value }) if *in_value => {
                // Saturating: toml's parser recovers from broken text with
                // events that need not balance; the measure must not panic.
                self.nested = self.nested.saturating_sub(*dots);
                (*dots, *in_value) = (0, false);
            }
            None if !self.in_header && self.in_value => (self.dots, self.in_value) = (0, false),
            _ => {}
        }
    }
    fn key_sep(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        match self.open.last_mut() {
            Some(Open::Table { dots, .. }) => {
                *dots += 1;
                self.nested += 1;
            }
            Some(Open::Array) => {}
            None if self.in_header => self.header += 1,
            None => self.dots += 1,
        }
        self.note();
    }
    fn key_val_sep(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        match self.open.last_mut() {
            Some(Open::Table { in_value, .. }) => *in_value = true,
            Some(Open::Array) => {}
            None => self.in_value = true,
        }
    }
}

/// Gives a parsed document the shape of the other sources: dates (bare in
/// TOML) become ISO text, so that TOML and JSON share one serde model, and
/// numbers toml parsed as text but which do not fit an `i64` or `f64` are
/// invalid TOML (as the TOML specification has it). The walk uses a list,
/// not recursion, although `check_depth` has bounded the document.
pub(super) fn normalise(root: &mut DeTable<'_>) -> Result<(), ProgrammeError> {
    let invalid = |message: &str| {
        Err(ProgrammeError::new(
            ProgrammeErrorKind::InvalidToml,
            "",
            message,
        ))
    };
    let mut pending: Vec<&mut DeValue<'_>> =
        root.iter_mut().map(|(_, value)| value.get_mut()).collect();
    while let Some(value) = pending.pop() {
        match value {
            DeValue::Datetime(date) => {
                let text = date.to_string();
                *value = DeValue::String(Cow::Owned(text));
            }
            DeValue::Integer(n) if i64::from_str_radix(n.as_str(), n.radix()).is_err() => {
                return invalid("integer number overflowed");
            }
            DeValue::Float(x)
                if x.as_str().parse::<f64>().is_ok_and(f64::is_infinite)
                    && !x.as_str().contains("inf") =>
            {
                return invalid("floating-point number overflowed");
            }
            DeValue::Array(items) => pending.extend(items.iter_mut().map(|v| v.get_mut())),
            DeValue::Table(table) => {
                pending.extend(table.iter_mut().map(|(_, value)| value.get_mut()));
            }
            _ => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::depth;

    #[test]
    fn brackets_keys_and_headers_count_strings_and_comments_do_not() {
        assert_eq!(depth("a = [ 'x[[' ] # [[[[\nb = \"\"\"\n[[[\"\"\"\n"), 1);
        assert_eq!(depth("c = { d = [ {} ] }"), 3);
        assert_eq!(depth("x.y.z = 1"), 2);
        assert_eq!(depth("x = 1.5\ny = 1979-05-27T07:32:00.999"), 0);
        assert_eq!(depth("[a.b.c]\nd = 1"), 3);
        assert_eq!(depth("[[a.b]]\nd.e = [1]"), 5);
        assert_eq!(depth("a = { b.c = { d = 1 }, e = 2 }"), 3);
        // The next key in an inline table starts again from its table.
        assert_eq!(depth("a = { b.c.d = 1, e = [[1]] }"), 3);
        // A new line's key starts again from the header.
        assert_eq!(depth("a.b.c = 1\nd = [1]"), 2);
    }
}
