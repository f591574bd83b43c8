//! Any bytes as the three CSV tables of the Nordost example programme,
//! then an evaluation: an error or a report, never a panic or a blow-up.
//! The tables are read twice, on one thread and on two with the file cut
//! into chunks of a few bytes (`docs/data.md#threads`): every error and
//! the report must be the same.
//!
//! The input is split at 0x1E (ASCII record separator) into participants,
//! assessments and follow-ups, in that order; a missing part is an empty
//! table. A table that fails to read does not stop the others, as a caller
//! who catches the error may go on with the same builder.
#![no_main]

use std::num::NonZeroUsize;
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
    let mut one = Dataset::builder(programme);
    one.read_threads(NonZeroUsize::MIN);
    let mut two = Dataset::builder(programme);
    two.read_threads(NonZeroUsize::new(2).expect("2 > 0"));
    two.read_chunk_bytes(NonZeroUsize::new(7).expect("7 > 0"));
    let mut parts = data.split(|&b| b == 0x1E);
    for table in [Table::Participants, Table::Assessments, Table::FollowUps] {
        let part = parts.next().unwrap_or_default();
        let facts = |e: stegvis::DataError| (e.code(), e.row(), e.column().map(str::to_owned));
        let read_one = one.read_csv(table, part).map_err(facts);
        let read_two = two.read_csv(table, part).map_err(facts);
        assert_eq!(read_one, read_two, "{table:?} on one thread and on two");
    }
    let dataset = one.build();
    let options = Options::new().as_of(programme.end());
    let report = dataset.evaluate(&options);
    let on_two = two.build().evaluate(&options);
    assert_eq!(
        report.as_ref().map(|r| r.to_json()).ok(),
        on_two.map(|r| r.to_json()).ok(),
        "the report on one thread and on two"
    );
    if let Ok(report) = report {
        let json = report.to_json();
        serde_json::from_str::<serde_json::Value>(&json).expect("the report is valid JSON");
        let _ = report.suppress(5).to_text(Language::English);
    }
    let _ = dataset.evaluate(&options.strict(true));
});
