//! The report as a readable text table.
use super::Report;

/// The language of labels in text output.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Language {
    /// Svenska.
    Swedish,
    /// English.
    #[default]
    English,
}

impl Report {
    /// Renders the report as text tables.
    pub fn to_text(&self, _language: Language) -> String {
        String::new()
    }
}
