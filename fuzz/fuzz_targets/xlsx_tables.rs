//! Any bytes as .xlsx input for the Nordost example programme, then an
//! evaluation: an error or a report, never a panic or a blow-up.
//!
//! An input that starts like a zip archive (`PK\x03\x04`) is the whole
//! workbook, read for every table (`read_workbook`) and as one file per
//! table (`read_xlsx`). Any other input is worksheet XML: it is split at
//! 0x1E into the `sheetData` of the participants, assessments and
//! follow-ups sheets of a small valid workbook (with shared strings and a
//! date format), so the fuzzer reaches calamine's cell parser and the
//! core's rows without having to find a valid zip archive first.
#![no_main]

use std::io::{Cursor, Write};
use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use stegvis::data::Workbook;
use stegvis::vocab::Table;
use stegvis::{Dataset, Language, Options, Programme};

static PROGRAMME: LazyLock<Programme> = LazyLock::new(|| {
    Programme::from_toml(include_str!("../../examples/nordost/programme.toml"))
        .expect("the example programme is valid")
});

const MAIN: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const RELS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
const DOC: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const SHEETS: [&str; 3] = ["participants", "skattningar", "uppföljningar"];

/// A workbook of three sheets whose `sheetData` are `parts`.
fn workbook(parts: &[&[u8]]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let mut put = |name: &str, content: &[u8]| {
        zip.start_file(name, stored).expect("a part");
        zip.write_all(content).expect("writes");
    };
    let overrides: String = (1..=3)
        .map(|i| {
            format!(
                "<Override PartName=\"/xl/worksheets/sheet{i}.xml\" ContentType=\"application/\
                 vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
            )
        })
        .collect();
    put(
        "[Content_Types].xml",
        format!(
            "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
             <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
             <Default Extension=\"xml\" ContentType=\"application/xml\"/>\
             <Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>\
             {overrides}</Types>"
        )
        .as_bytes(),
    );
    put(
        "_rels/.rels",
        format!(
            "<Relationships xmlns=\"{RELS}\"><Relationship Id=\"rId1\" \
             Type=\"{DOC}/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"
        )
        .as_bytes(),
    );
    let sheets: String = SHEETS
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let n = i + 1;
            format!("<sheet name=\"{name}\" sheetId=\"{n}\" r:id=\"rId{n}\"/>")
        })
        .collect();
    put(
        "xl/workbook.xml",
        format!("<workbook xmlns=\"{MAIN}\" xmlns:r=\"{DOC}\"><sheets>{sheets}</sheets></workbook>")
            .as_bytes(),
    );
    let rels: String = (1..=3)
        .map(|n| {
            format!(
                "<Relationship Id=\"rId{n}\" Type=\"{DOC}/worksheet\" \
                 Target=\"worksheets/sheet{n}.xml\"/>"
            )
        })
        .collect();
    put(
        "xl/_rels/workbook.xml.rels",
        format!(
            "<Relationships xmlns=\"{RELS}\">{rels}\
             <Relationship Id=\"rId4\" Type=\"{DOC}/styles\" Target=\"styles.xml\"/>\
             <Relationship Id=\"rId5\" Type=\"{DOC}/sharedStrings\" Target=\"sharedStrings.xml\"/>\
             </Relationships>"
        )
        .as_bytes(),
    );
    put(
        "xl/styles.xml",
        format!(
            "<styleSheet xmlns=\"{MAIN}\"><numFmts count=\"1\"><numFmt numFmtId=\"164\" \
             formatCode=\"yyyy-mm-dd\"/></numFmts><cellXfs count=\"3\"><xf numFmtId=\"0\"/>\
             <xf numFmtId=\"164\" applyNumberFormat=\"1\"/><xf numFmtId=\"46\" \
             applyNumberFormat=\"1\"/></cellXfs></styleSheet>"
        )
        .as_bytes(),
    );
    let strings: String = [
        "id", "gender", "entry_date", "exit_date", "participant_id", "date", "parameter",
        "level", "status", "N0001", "K", "swedish", "step", "employment", "Kön",
    ]
    .iter()
    .map(|s| format!("<si><t>{s}</t></si>"))
    .collect();
    put(
        "xl/sharedStrings.xml",
        format!("<sst xmlns=\"{MAIN}\">{strings}</sst>").as_bytes(),
    );
    for (i, part) in parts.iter().enumerate() {
        let mut sheet = format!("<worksheet xmlns=\"{MAIN}\"><sheetData>").into_bytes();
        sheet.extend_from_slice(part);
        sheet.extend_from_slice(b"</sheetData></worksheet>");
        put(&format!("xl/worksheets/sheet{}.xml", i + 1), &sheet);
    }
    zip.finish().expect("a zip").into_inner()
}

fuzz_target!(|data: &[u8]| {
    let programme = &*PROGRAMME;
    let bytes = if stegvis::data::is_xlsx(data) {
        data.to_vec()
    } else {
        let mut parts = data.split(|&b| b == 0x1E);
        let parts: Vec<&[u8]> = (0..3).map(|_| parts.next().unwrap_or_default()).collect();
        workbook(&parts)
    };
    let mut builder = Dataset::builder(programme);
    if let Ok(mut book) = Workbook::from_bytes(bytes.clone(), Table::Participants) {
        let _ = builder.read_workbook(&mut book);
    }
    let dataset = builder.build();
    let options = Options::new().as_of(programme.end());
    if let Ok(report) = dataset.evaluate(&options) {
        let json = report.to_json();
        serde_json::from_str::<serde_json::Value>(&json).expect("the report is valid JSON");
        let _ = report.suppress(5).to_text(Language::English);
    }
    // One file per table: the same workbook for each.
    let mut builder = Dataset::builder(programme);
    for table in [Table::Participants, Table::Assessments, Table::FollowUps] {
        let _ = builder.read_table_bytes(table, &bytes, Default::default());
    }
    let _ = builder.build().evaluate(&options.strict(true));
});
