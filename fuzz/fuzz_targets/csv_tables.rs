//! Any bytes as the three CSV tables of the Nordost example programme,
//! then an evaluation: an error or a report, never a panic or a blow-up.
//!
//! The input is split at 0x1E (ASCII record separator) into participants,
//! assessments and follow-ups, in that order; a missing part is an empty
//! table. A table that fails to read does not stop the others, as a caller
//! who catches the error may go on with the same builder.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use stegvis::vocab::Table;
use stegvis::{Dataset, Language, Options, Programme};

static PROGRAMME: LazyLock<Programme> = LazyLock::new(|| {
    Programme::from_toml(include_str!("../../examples/nordost/programme.toml"))
        .expect("the example programme is valid")
});

fuzz_target!(|data: &[u8]| {
    let programme = &*PROGRAMME;
    let mut parts = data.split(|&b| b == 0x1E);
    let mut builder = Dataset::builder(programme);
    for table in [Table::Participants, Table::Assessments, Table::FollowUps] {
        let part = parts.next().unwrap_or_default();
        let _ = builder.read_csv(table, part);
    }
    let dataset = builder.build();
    let options = Options::new().as_of(programme.end());
    if let Ok(report) = dataset.evaluate(&options) {
        let json = report.to_json();
        serde_json::from_str::<serde_json::Value>(&json).expect("the report is valid JSON");
        let _ = report.suppress(5).to_text(Language::English);
    }
    let _ = dataset.evaluate(&options.strict(true));
});
