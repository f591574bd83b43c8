//! A participants' later tables read from pieces as they arrive
//! (`docs/data.md#feed`): `participants.feed()` gives a `Feed`, each piece
//! of a CSV file is pushed as it is read (say from `File.stream()`), and
//! `finish()` gives the `Dataset`. The pieces already pushed are read
//! while the browser reads the rest of the file.
//!
//! ```js
//! const feed = participants.feed({ encoding: "auto" });
//! for await (const piece of file.stream()) feed.push("assessments", piece);
//! const data = feed.finish();
//! const report = data.evaluate({ asOf: "2023-01-31" });
//! ```

use stegvis::data::CsvFeed;
use stegvis::error::DataError;
use stegvis::vocab::Table;
use stegvis::{DatasetBuilder, Encoding};
use wasm_bindgen::prelude::*;

use crate::error::{Failure, Result};
use crate::input;
use crate::participants::JsDataset;

/// The later tables a feed reads, by their tables object keys.
fn later() -> &'static [(&'static str, Table)] {
    &input::TABLES[1..]
}

/// The assessments and follow-ups of a `Participants`, read from pieces of
/// their CSV files pushed in order as they arrive: a table's pieces one
/// after another, then the next table's. Made by `participants.feed()`;
/// `finish()` gives the `Dataset`, or `free()` the memory back.
#[wasm_bindgen(js_name = Feed)]
pub struct JsFeed {
    encoding: Encoding,
    /// `None` only within a call that moves it.
    state: Option<State>,
    /// The tables whose pieces have ended.
    ended: Vec<Table>,
}

enum State {
    /// Between tables.
    Between(Box<DatasetBuilder>),
    /// Reading a table's pieces.
    Reading(Table, Box<CsvFeed>),
    /// A table failed: every call gives its error.
    Failed(DataError),
}

impl JsFeed {
    /// Reads the participants' later tables from `builder` on, in `encoding`.
    pub(crate) fn new(builder: DatasetBuilder, encoding: Encoding) -> Self {
        JsFeed {
            encoding,
            state: Some(State::Between(Box::new(builder))),
            ended: Vec::new(),
        }
    }

    /// Ends the table being read, if any, and takes the builder.
    fn take_builder(&mut self) -> Result<DatasetBuilder> {
        let failed = match self.state.take() {
            Some(State::Between(builder)) => return Ok(*builder),
            Some(State::Reading(table, feed)) => {
                self.ended.push(table);
                match (*feed).finish() {
                    (builder, Ok(())) => return Ok(builder),
                    (_, Err(e)) => e,
                }
            }
            Some(State::Failed(e)) => e,
            None => return Err(Failure::argument("the feed was spent by an earlier call")),
        };
        self.state = Some(State::Failed(failed.clone()));
        Err(failed.into())
    }
}

#[wasm_bindgen(js_class = Feed)]
impl JsFeed {
    /// Pushes the next piece (a `Uint8Array`) of the CSV file of `table`
    /// (`"assessments"` or `"followUps"`), and reads what can be read. A
    /// table's pieces come one after another; a piece of the other table
    /// ends the one before. Throws the file's first error, as `evaluate`
    /// gives it, when it is found; the feed is then spent.
    pub fn push(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "\"assessments\" | \"followUps\"")] table: &str,
        piece: Vec<u8>,
    ) -> Result<()> {
        let table = later_table(table)?;
        if let Some(State::Failed(e)) = &self.state {
            return Err(e.clone().into());
        }
        if let Some(State::Reading(reading, feed)) = &mut self.state
            && *reading == table
        {
            return feed.push(piece).map_err(Failure::from);
        }
        if self.ended.contains(&table) {
            return Err(Failure::argument(format!(
                "the pieces of {} came already: a table's pieces come one after another",
                key_of(table)
            )));
        }
        if stegvis::data::is_xlsx(&piece) {
            return Err(Failure::argument(
                "a feed reads CSV files: give an .xlsx workbook to Participants.read",
            )
            .in_table(table.as_str()));
        }
        let mut feed = Box::new(self.take_builder()?.feed_csv(table, self.encoding));
        let pushed = feed.push(piece);
        self.state = Some(State::Reading(table, feed));
        pushed.map_err(Failure::from)
    }

    /// Ends the last table's pieces and gives the `Dataset` of the
    /// participants and the tables pushed; throws the error of a table
    /// that failed.
    #[wasm_bindgen(unchecked_return_type = "Dataset")]
    pub fn finish(mut self) -> Result<JsDataset> {
        Ok(JsDataset::new(self.take_builder()?.build()))
    }
}

/// The later table a tables object key names.
fn later_table(key: &str) -> Result<Table> {
    later()
        .iter()
        .find(|(k, _)| *k == key)
        .map(|&(_, table)| table)
        .ok_or_else(|| Failure::argument("a feed's table must be \"assessments\" or \"followUps\""))
}

fn key_of(table: Table) -> &'static str {
    later()
        .iter()
        .find(|(_, t)| *t == table)
        .map_or("a table", |(k, _)| k)
}
