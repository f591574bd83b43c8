#![allow(clippy::unwrap_used)] // test helpers outside #[test] functions
//! Every surface prints only words of the catalogue (docs/report.md#words):
//! the Nordost example's text report, its printable HTML document
//! (`to_html`; Python's `_repr_html_` shows its body) and one-line summary
//! (Python's `repr`),
//! in every language, full and suppressed, and every explanation. What is
//! left of the output once numbers and the programme's own names are taken
//! out must be words the catalogue holds. The CLI's explain output and the
//! page are checked the same way in their own suites.
//!
//! And no Swedish letter appears in the bindings' sources: their words come
//! from the catalogue.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use stegvis::words::vocabulary;
use stegvis::{Dataset, Language, Options, Programme, Report};

const NORDOST: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/nordost");

/// The words of a text: runs of letters, lower-cased, so that numbers,
/// punctuation, symbols and layout fall away.
fn words_of(text: &str) -> BTreeSet<String> {
    text.split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// The markup of an HTML fragment removed (tags and entities), the text kept.
fn html_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    [
        "&amp;", "&lt;", "&gt;", "&quot;", "&#39;", "&#10003;", "&#10007;",
    ]
    .iter()
    .fold(out, |text, entity| text.replace(entity, " "))
}

/// The document without its stylesheet, whose selectors are no words.
fn without_style(html: &str) -> String {
    let start = html.find("<style>").expect("a stylesheet");
    let end = html.find("</style>").expect("its end");
    format!("{}{}", &html[..start], &html[end..])
}

fn read(name: &str) -> String {
    fs::read_to_string(Path::new(NORDOST).join(name)).expect("the Nordost example")
}

fn nordost() -> (Programme, Dataset) {
    let programme = Programme::from_toml(&read("programme.toml")).unwrap();
    let mut b = Dataset::builder(&programme);
    b.read_participants_csv(read("participants.csv").as_bytes())
        .unwrap();
    b.read_assessments_csv(read("assessments.csv").as_bytes())
        .unwrap();
    b.read_follow_ups_csv(read("follow_ups.csv").as_bytes())
        .unwrap();
    (programme, b.build())
}

/// Words that are data, not labels: the programme's names and ids, and
/// the names the programme file uses (explanations quote them).
fn data_words(programme: &Programme, report: &Report) -> BTreeSet<String> {
    let mut text = format!("{} {}", report.programme.name, report.programme.id);
    for g in &report.goals {
        text += &format!(" {} {}", g.id, g.name);
        // A population's `where` criterion is printed as the programme
        // writes it (docs/programme.md#population): its keys are data.
        if let Some(c) = &g.population_where {
            text += &format!(" {c}");
        }
    }
    for p in programme.parameters() {
        text += &format!(" {} {}", p.id, report.parameter(&p.id).unwrap().name);
    }
    // Explanations quote the programme file's outcome names (`job_seeking`)
    // and combinators (`all(`): the definition's own words.
    for o in stegvis::ExitOutcome::ALL {
        text += &format!(" {o}");
    }
    text += " all any not min_days";
    // Breakdowns print the programme's tag and column names and the
    // data's column values (the groups' keys): the data's own words.
    for b in &report.breakdowns {
        text += &format!(" {}", b.id);
        for g in &b.groups {
            text += &format!(" {}", g.group);
        }
    }
    words_of(&text)
}

/// Fails naming each word of `output` that neither the catalogue nor the
/// data holds.
fn only_catalogue_words(
    surface: &str,
    lang: Language,
    output: &str,
    data: &BTreeSet<String>,
) -> Result<(), String> {
    let catalogue: BTreeSet<String> = vocabulary(lang).iter().flat_map(|t| words_of(t)).collect();
    let stray: Vec<String> = words_of(output)
        .into_iter()
        .filter(|w| !catalogue.contains(w) && !data.contains(w))
        .collect();
    if stray.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{surface} ({lang:?}) prints words the catalogue does not hold: {stray:?}"
        ))
    }
}

/// Every surface of the core, in every language.
fn outputs(lang: Language) -> Vec<(&'static str, String)> {
    let (_, data) = nordost();
    let options = Options::new().as_of("2023-01-31".parse().unwrap());
    let report = data.evaluate(&options).unwrap();
    let published = report.suppress(5);
    let mut out = vec![
        ("text report", report.to_text(lang)),
        ("suppressed text report", published.to_text(lang)),
        (
            "printable document",
            html_text(&without_style(&report.to_html(lang, None))),
        ),
        (
            "suppressed printable document",
            html_text(&without_style(&published.to_html(lang, Some(5)))),
        ),
        ("summary line", report.summary(lang, None)),
        ("suppressed summary line", published.summary(lang, Some(5))),
    ];
    let mut reasons = String::new();
    for e in data.explain(&options.language(lang)) {
        for g in e.goals {
            reasons += &format!("{} {}\n", g.population_reason, g.reason);
        }
    }
    out.push(("explanations", reasons));
    out
}

#[test]
fn every_surface_prints_only_catalogue_words() {
    let (programme, data) = nordost();
    let report = data
        .evaluate(&Options::new().as_of("2023-01-31".parse().unwrap()))
        .unwrap();
    let names = data_words(&programme, &report);
    let mut failures = Vec::new();
    for &lang in Language::ALL {
        for (surface, output) in outputs(lang) {
            assert!(!output.trim().is_empty(), "{surface} is empty");
            if let Err(e) = only_catalogue_words(surface, lang, &output, &names) {
                failures.push(e);
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The check can fail: a label written outside the catalogue is caught.
#[test]
fn a_planted_label_is_caught() {
    let (programme, data) = nordost();
    let report = data
        .evaluate(&Options::new().as_of("2023-01-31".parse().unwrap()))
        .unwrap();
    let names = data_words(&programme, &report);
    let text = report.to_text(Language::Swedish) + "\n  Sammanlagt uppnått: 96\n";
    let err = only_catalogue_words("planted", Language::Swedish, &text, &names).unwrap_err();
    assert!(err.contains("\"sammanlagt\""), "{err}");
    // An English word in the Swedish report is caught as well.
    let text = report
        .to_text(Language::Swedish)
        .replace("Målnivå", "Target");
    assert!(only_catalogue_words("planted", Language::Swedish, &text, &names).is_err());
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).expect("a source directory") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            files(&path, out);
        } else {
            out.push(path);
        }
    }
}

/// The bindings hold no Swedish words: å, ä and ö occur only in the
/// catalogue (and in input parsing, in the core's data layer).
#[test]
fn no_swedish_letters_outside_the_catalogue() {
    let crates = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut sources = Vec::new();
    for dir in ["py/src", "wasm/src", "cli/src"] {
        files(&crates.join(dir), &mut sources);
    }
    for entry in fs::read_dir(crates.join("wasm/www")).expect("the page") {
        let path = entry.expect("entry").path();
        if path
            .extension()
            .is_some_and(|e| e == "js" || e == "html" || e == "css")
        {
            sources.push(path);
        }
    }
    let mut found = Vec::new();
    for path in sources {
        let Ok(text) = fs::read_to_string(&path) else {
            continue;
        };
        for (n, line) in text.lines().enumerate() {
            if line.contains(['å', 'ä', 'ö', 'Å', 'Ä', 'Ö']) {
                found.push(format!("{}:{}: {}", path.display(), n + 1, line.trim()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "Swedish outside the catalogue:\n{}",
        found.join("\n")
    );
}
