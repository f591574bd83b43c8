//! Participants read once (`docs/data.md#participants-once`):
//! `readParticipants` reads the participants table, and the `Participants`
//! it gives evaluates them with one set of assessments and follow-ups
//! after another, without reading the participants again; or reads them
//! into a `Dataset`, evaluated at one date after another without reading
//! any table again.
//!
//! ```js
//! const participants = readParticipants(programme, participantsCsv);
//! const report = participants.evaluate({ assessments, followUps }, { asOf: "2023-01-31" });
//! const data = participants.read({ assessments, followUps });
//! const later = data.evaluate({ asOf: "2023-06-30" });
//! ```

use std::borrow::Cow;

use stegvis::{Dataset, DatasetBuilder};
use wasm_bindgen::prelude::*;

use crate::error::Result;
use crate::feed::JsFeed;
use crate::programme::JsProgramme;
use crate::{input, progress, report};

/// A programme's participants table, read and checked, to evaluate with
/// assessments and follow-ups given later: the page keeps one while the
/// user chooses the other files. Made by `readParticipants`; `free()`
/// gives its memory back.
#[wasm_bindgen(js_name = Participants)]
pub struct JsParticipants {
    /// The builder after the participants: each evaluation reads into a
    /// clone of it.
    read: DatasetBuilder,
}

/// Reads a participants table for `programme`: `readParticipants(programme,
/// participants, { encoding, progress })`, the table as `evaluate` takes
/// `tables.participants` (CSV text, CSV or .xlsx bytes, or an array of
/// plain objects). Its errors are those `evaluate` gives for the table;
/// `progress` is told the rows read as by `evaluate`.
#[wasm_bindgen(js_name = readParticipants)]
pub fn read_participants(
    programme: &JsProgramme,
    #[wasm_bindgen(unchecked_param_type = "Table")] participants: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ReadParticipantsOptions")] options: JsValue,
) -> Result<JsParticipants> {
    let options = input::options(&options, &["encoding", "progress"])?;
    let _reporting = progress::Reporting::start(options.progress.clone());
    let read = input::participants_of(&programme.inner, &participants, options.encoding)?;
    Ok(JsParticipants { read })
}

#[wasm_bindgen(js_class = Participants)]
impl JsParticipants {
    /// The report of these participants with `tables`' assessments and
    /// follow-ups (`{ assessments, followUps }`, both optional), the
    /// options of `evaluate`: the report `evaluate` gives on all three
    /// tables. The participants stay read, for the next call.
    #[wasm_bindgen(unchecked_return_type = "Report")]
    pub fn evaluate(
        &self,
        #[wasm_bindgen(unchecked_param_type = "LaterTables")] tables: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "EvaluateOptions")] options: JsValue,
    ) -> Result<JsValue> {
        report::evaluate_read(self.read.programme(), &options, |encoding| {
            input::rest_of(self.read.clone(), &tables, encoding).map(Cow::Owned)
        })
    }

    /// These participants with `tables`' assessments and follow-ups
    /// (`{ assessments, followUps }`, both optional), read and checked:
    /// a `Dataset` to evaluate at one date after another. `options`:
    /// `{ encoding, progress }`, as for `readParticipants`. The
    /// participants stay read, for the next call.
    #[wasm_bindgen(js_name = read, unchecked_return_type = "Dataset")]
    pub fn read_later(
        &self,
        #[wasm_bindgen(unchecked_param_type = "LaterTables")] tables: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "ReadParticipantsOptions")] options: JsValue,
    ) -> Result<JsDataset> {
        let options = input::options(&options, &["encoding", "progress"])?;
        let _reporting = progress::Reporting::start(options.progress.clone());
        let data = input::rest_of(self.read.clone(), &tables, options.encoding)?;
        Ok(JsDataset { data })
    }

    /// A `Feed` that reads these participants' assessments and follow-ups
    /// from pieces of their CSV files, pushed as they arrive
    /// (`docs/data.md#feed`), and gives their `Dataset`. `options`:
    /// `{ encoding }`. The participants stay read, for the next call.
    #[wasm_bindgen(unchecked_return_type = "Feed")]
    pub fn feed(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "FeedOptions")] options: JsValue,
    ) -> Result<JsFeed> {
        let options = input::options(&options, &["encoding"])?;
        Ok(JsFeed::new(self.read.clone(), options.encoding))
    }
}

/// A programme's tables, read and checked, to evaluate at one date (or
/// with one set of options) after another without reading them again
/// (`docs/data.md#participants-once`). Made by `Participants.read`;
/// `free()` gives its memory back.
#[wasm_bindgen(js_name = Dataset)]
pub struct JsDataset {
    data: Dataset,
}

impl JsDataset {
    pub(crate) fn new(data: Dataset) -> Self {
        JsDataset { data }
    }
}

#[wasm_bindgen(js_class = Dataset)]
impl JsDataset {
    /// The report, with the options of `evaluate`: the report `evaluate`
    /// gives on the tables this dataset was read from.
    #[wasm_bindgen(unchecked_return_type = "Report")]
    pub fn evaluate(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "EvaluateOptions")] options: JsValue,
    ) -> Result<JsValue> {
        report::evaluate_read(self.data.programme(), &options, |_| {
            Ok(Cow::Borrowed(&self.data))
        })
    }
}
