//! Every failure reaches JavaScript as a real `Error` carrying the stable
//! `code` of the core error and, where they apply, `table`, `row`, `column`,
//! `sheet` and `path`. Messages come from the core, which never repeats input values.

use js_sys::Reflect;
use wasm_bindgen::JsValue;

/// The code of a wrong argument to the JavaScript API (not a data problem).
pub(crate) const INVALID_ARGUMENT: &str = "invalid_argument";

/// A failure on its way to JavaScript.
#[derive(Debug, Clone, PartialEq)]
pub struct Failure {
    code: &'static str,
    message: String,
    table: Option<&'static str>,
    row: Option<u64>,
    column: Option<Box<str>>,
    /// The worksheet of an .xlsx table (`docs/data.md#xlsx-files`).
    /// Boxed, as are `column` and `path`, to keep the error small
    /// (clippy's `result_large_err`).
    sheet: Option<Box<str>>,
    path: Option<Box<str>>,
}

/// The result of every exported function.
pub(crate) type Result<T> = std::result::Result<T, Failure>;

impl Failure {
    /// A wrong argument: `what` names the argument, never its value.
    pub(crate) fn argument(message: impl Into<String>) -> Self {
        Failure {
            code: INVALID_ARGUMENT,
            message: message.into(),
            table: None,
            row: None,
            column: None,
            sheet: None,
            path: None,
        }
    }

    /// A failure that is a bug, never the caller's (`internal_error`).
    pub(crate) fn internal(message: impl Into<String>) -> Self {
        Failure::argument(message).with_code("internal_error")
    }

    /// The stable code.
    pub fn code(&self) -> &'static str {
        self.code
    }

    /// The message the JS `Error` carries.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The input row, 1-based with the header as row 1.
    pub fn row(&self) -> Option<u64> {
        self.row
    }

    /// The column to blame.
    pub fn column(&self) -> Option<&str> {
        self.column.as_deref()
    }

    /// The table to blame.
    pub fn table(&self) -> Option<&'static str> {
        self.table
    }

    /// The worksheet, for a table read from an .xlsx workbook.
    pub fn sheet(&self) -> Option<&str> {
        self.sheet.as_deref()
    }

    /// The path in a programme definition.
    pub fn path(&self) -> Option<&str> {
        self.path.as_deref()
    }
}

impl From<stegvis::ProgrammeError> for Failure {
    fn from(e: stegvis::ProgrammeError) -> Self {
        Failure {
            code: e.code(),
            message: e.to_string(),
            table: None,
            row: None,
            column: None,
            sheet: None,
            path: Some(e.path().into()),
        }
    }
}

impl From<stegvis::DataError> for Failure {
    fn from(e: stegvis::DataError) -> Self {
        Failure {
            code: e.code(),
            message: e.to_string(),
            table: Some(e.table_name()),
            row: e.row(),
            column: e.column().map(Into::into),
            sheet: e.sheet().map(Into::into),
            path: None,
        }
    }
}

impl From<stegvis::Error> for Failure {
    fn from(e: stegvis::Error) -> Self {
        match e {
            stegvis::Error::Programme(e) => e.into(),
            stegvis::Error::Data(e) => e.into(),
            // A partial's errors (docs/partials.md#errors) name no table,
            // row or path, and neither may a variant the core grows: their
            // code and message are the whole error.
            other => Failure {
                code: other.code(),
                message: other.to_string(),
                table: None,
                row: None,
                column: None,
                sheet: None,
                path: None,
            },
        }
    }
}

impl From<stegvis::stats::StatsError> for Failure {
    fn from(e: stegvis::stats::StatsError) -> Self {
        Failure::argument(e.to_string()).with_code(e.code())
    }
}

impl From<serde_wasm_bindgen::Error> for Failure {
    fn from(e: serde_wasm_bindgen::Error) -> Self {
        // Conversion errors describe types ("invalid type: …"), not values.
        Failure::argument(e.to_string())
    }
}

impl Failure {
    fn with_code(mut self, code: &'static str) -> Self {
        self.code = code;
        self
    }

    /// Names the table a conversion error belongs to.
    pub(crate) fn in_table(mut self, table: &'static str) -> Self {
        self.table = Some(table);
        self
    }

    /// The same failure in a table of the comparison group: its `table`
    /// and message name the comparison table (`docs/comparison.md#inputs`).
    pub(crate) fn in_comparison(mut self) -> Self {
        let name = match self.table {
            Some("participants") => "comparison_participants",
            Some("assessments") => "comparison_assessments",
            Some("follow_ups") => "comparison_follow_ups",
            _ => return self,
        };
        if let Some(table) = self.table
            && self.message.starts_with(&format!("{table} table"))
        {
            self.message = format!("comparison {}", self.message);
        }
        self.table = Some(name);
        self
    }
}

impl From<Failure> for JsValue {
    fn from(f: Failure) -> Self {
        let error = js_sys::Error::new(&f.message);
        error.set_name("StegvisError");
        let set = |key: &str, value: JsValue| {
            // Setting a property on a fresh Error object cannot fail.
            let _ = Reflect::set(&error, &JsValue::from_str(key), &value);
        };
        set("code", f.code.into());
        if let Some(table) = f.table {
            set("table", table.into());
        }
        if let Some(row) = f.row {
            set("row", JsValue::from_f64(row as f64));
        }
        if let Some(column) = &f.column {
            set("column", JsValue::from_str(column));
        }
        if let Some(sheet) = &f.sheet {
            set("sheet", JsValue::from_str(sheet));
        }
        if let Some(path) = &f.path {
            set("path", JsValue::from_str(path));
        }
        error.into()
    }
}
