#![allow(clippy::unwrap_used)] // test helpers outside #[test] functions
//! The printable report (docs/report.md#printable-report): every section of
//! the text report in both languages, the charts, the method, the glossary
//! and the notes on disclosure control; escaping; hidden values marked and
//! counted; nothing loaded from outside; the same bytes every time.

use std::fs;
use std::path::Path;

use stegvis::vocab::Profile;
use stegvis::words::{Doc, Section, Word};
use stegvis::{Dataset, Language, Options, Programme, Report};

const NORDOST: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/nordost");

fn read(name: &str) -> String {
    fs::read_to_string(Path::new(NORDOST).join(name)).expect("the Nordost example")
}

fn dataset(programme: &Programme, prefix: &str) -> Dataset {
    let mut b = Dataset::builder(programme);
    b.read_participants_csv(read(&format!("{prefix}participants.csv")).as_bytes())
        .unwrap();
    b.read_assessments_csv(read(&format!("{prefix}assessments.csv")).as_bytes())
        .unwrap();
    b.read_follow_ups_csv(read(&format!("{prefix}follow_ups.csv")).as_bytes())
        .unwrap();
    b.build()
}

/// Nordost with every optional section: the ESF+ profile, the comparison
/// group and the programme's quarterly trend.
fn nordost() -> Report {
    let programme = Programme::from_toml(&read("programme.toml")).unwrap();
    let data = dataset(&programme, "");
    let comparison = dataset(&programme, "comparison_");
    let options = Options::new()
        .as_of("2023-01-31".parse().unwrap())
        .profile(Some(Profile::Esf));
    data.evaluate_compared(&comparison, &options).unwrap()
}

/// The worked example (docs/method.md#worked-example): a goal not met.
fn worked(toml: &str) -> Report {
    let programme = Programme::from_toml(toml).unwrap();
    let mut b = Dataset::builder(&programme);
    let fixtures = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/spec12");
    let people = fs::read_to_string(Path::new(fixtures).join("participants.csv")).unwrap();
    let readings = fs::read_to_string(Path::new(fixtures).join("assessments.csv")).unwrap();
    b.read_participants_csv(people.as_bytes()).unwrap();
    b.read_assessments_csv(readings.as_bytes()).unwrap();
    b.build()
        .evaluate(&Options::new().as_of("2022-06-30".parse().unwrap()))
        .unwrap()
}

/// Text as the document escapes it.
fn escaped(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// The text report's headings (a line underlined with `=`) and
/// sub-headings (underlined with `-`).
fn headings(text: &str, underline: char) -> Vec<String> {
    let lines: Vec<&str> = text.lines().collect();
    lines
        .windows(2)
        .filter(|w| {
            // Tables are indented; their rules are not headings.
            let rule = w[1];
            !rule.is_empty()
                && !rule.starts_with(' ')
                && !w[0].starts_with(' ')
                && rule.chars().all(|c| c == underline)
                && rule.chars().count() == w[0].chars().count()
        })
        .map(|w| w[0].trim().to_owned())
        .collect()
}

#[test]
fn every_section_of_the_text_report_is_in_the_document_in_both_languages() {
    let report = nordost();
    assert!(report.esf.is_some() && report.comparison.is_some());
    assert!(!report.trend.is_empty() && !report.breakdowns.is_empty());
    for lang in [Language::English, Language::Swedish] {
        let text = report.to_text(lang);
        let html = report.to_html(lang, None);
        let sections = headings(&text, '=');
        // Enrolment, goals, parameters, exits, follow-ups, breakdowns,
        // assistance, ESF+, comparison, trend, data quality.
        assert_eq!(sections.len(), 11, "{sections:?}");
        for s in &sections {
            assert!(
                html.contains(&format!("<h2>{}</h2>", escaped(s))),
                "{lang:?} {s}"
            );
        }
        for s in headings(&text, '-') {
            assert!(
                html.contains(&format!("<h3>{}</h3>", escaped(&s))),
                "{lang:?} {s}"
            );
        }
        // And what only the document has.
        for doc in [Doc::Method, Doc::Glossary, Doc::Disclosure] {
            let heading = format!("<h2>{}</h2>", lang.word(Word::Doc(doc)));
            assert!(html.contains(&heading), "{lang:?} {heading}");
        }
        let h2 = html.matches("<h2>").count();
        assert_eq!(h2, 14, "the text's 11 sections and 3 of the document's own");
        // Each goal's table by gender has its title.
        for g in &report.goals {
            let title = format!("<h4>{}</h4>", escaped(&format!("{}: {}", g.id, g.name)));
            assert!(html.contains(&title), "{title}");
        }
        // The programme and the date in the header.
        assert!(html.contains(&format!(
            "<h1>Arbetsliv och hälsa Nordost</h1>\n<p class=\"meta\">2020/00551 \u{b7} {}</p>",
            if lang == Language::English {
                "As of 2023-01-31"
            } else {
                "Per 2023-01-31"
            }
        )));
        assert!(html.starts_with(&format!(
            "<!doctype html>\n<html lang=\"{}\">\n",
            lang.code()
        )));
        assert!(html.ends_with("</body>\n</html>\n"));
    }
}

#[test]
fn the_charts_are_inline_svg_with_their_titles() {
    let report = nordost();
    let html = report.to_html(Language::English, None);
    // The gender split closes the enrolment section; goals and goals by
    // gender close the goals section.
    assert_eq!(html.matches("<svg ").count(), 3);
    let enrolment = html.find("<h2>Enrolment and gender split</h2>").unwrap();
    let goals = html.find("<h2>Goals</h2>").unwrap();
    let gender_chart = html.find("<figure class=\"chart gender\">").unwrap();
    assert!(enrolment < gender_chart && gender_chart < goals);
    let goal_chart = html.find("<figure class=\"chart goals\">").unwrap();
    let by_gender = html
        .find("<figure class=\"chart goals_by_gender\">")
        .unwrap();
    let parameters = html.find("<h2>Parameter change</h2>").unwrap();
    assert!(goals < goal_chart && goal_chart < by_gender && by_gender < parameters);
    // Each bar is labelled with its share and status, as the page writes it.
    assert!(html.contains(">Närmat sig arbetsmarknaden: 68.0\u{a0}% (met)</text>"));
    let sv = report.to_html(Language::Swedish, None);
    assert!(sv.contains(">Närmat sig arbetsmarknaden: 68,0\u{a0}% (uppfyllt)</text>"));
}

#[test]
fn status_is_a_badge_that_reads_without_colour() {
    let r = worked(include_str!("../../../examples/nordost/programme.toml"));
    let en = r.to_html(Language::English, None);
    // closer 2/3 = 66.7 % ≥ 50 %: met; progression 66.7 % < 70 %: not met
    // (docs/method.md#worked-example).
    assert!(
        en.contains("<span class=\"badge met\">\u{2713}\u{a0}met</span>"),
        "{en}"
    );
    assert!(en.contains("<span class=\"badge not-met\">\u{2717}\u{a0}not met</span>"));
    assert!(en.contains("<span class=\"badge no-data\">\u{25cb}\u{a0}no data</span>"));
    let sv = r.to_html(Language::Swedish, None);
    assert!(sv.contains("<span class=\"badge not-met\">\u{2717}\u{a0}ej uppfyllt</span>"));
    // The not-met bar is hatched as well as coloured (decision 122).
    assert_eq!(en.matches("fill=\"url(#stegvis-hatch-goals)\"").count(), 1);
    assert!(en.contains(">Påvisar progression: 66.7\u{a0}% (not met)</text>"));
}

#[test]
fn a_publishable_copy_marks_and_counts_what_it_hid() {
    let r = worked(include_str!("../../../examples/nordost/programme.toml"));
    let published = r.suppress(5);
    let html = published.to_html(Language::English, Some(5));
    assert!(html.contains(
        "<p class=\"publishable\">Publishable copy: counts below 5, and what would reveal them, are hidden.</p>"
    ));
    // Enrolled 3 < 5: hidden and marked.
    assert!(html.contains("<tr><th scope=\"row\">Enrolled</th><td>supp.</td></tr>"));
    assert!(
        html.contains("<td class=\"r hidden-value\">supp./supp.</td>"),
        "{html}"
    );
    // The notes count every marker the sections wrote: the same cells
    // write the text report, whose markers (less the legend's) agree.
    let text = published.to_text(Language::English);
    let markers = text.matches("supp.").count() - 1;
    assert!(markers > 10, "{markers}");
    let disclosure = &html[html.find("<h2>Disclosure control</h2>").unwrap()..];
    assert!(
        disclosure.contains(&format!(
            "<tr><td class=\"l\">Total</td><td class=\"r\">{markers}</td></tr>"
        )),
        "{disclosure}"
    );
    assert!(
        disclosure.contains("Primary suppression hides every count below the minimum cell size.")
    );
    let goals_hidden = Language::English.word(Section::Goals);
    assert!(disclosure.contains(&format!("<tr><td class=\"l\">{goals_hidden}</td>")));
    // A full copy says it is not for publication.
    let full = r.to_html(Language::English, None);
    assert!(!full.contains(" hidden-value\""));
    assert!(full.contains("This copy is not suppressed"));
    // A publishable copy with nothing to hide says so.
    let big = nordost().suppress(1).to_html(Language::Swedish, Some(1));
    assert!(big.contains("Inget behövde döljas"));
}

#[test]
fn everything_from_the_programme_is_escaped() {
    let toml = include_str!("../../../examples/nordost/programme.toml")
        .replace(
            r#"name = "Arbetsliv"#,
            r#"name = "<script>alert('x')</script><img src=x onerror=alert(1)> & "#,
        )
        .replace(r#"id = "closer""#, r#"id = "c<b>l\"o'ser""#)
        .replace(
            r#"name = "Påvisar progression""#,
            r#"name = "</td></tr></table><style>*{display:none}</style>""#,
        );
    let r = worked(&toml);
    for lang in [Language::English, Language::Swedish] {
        for html in [r.to_html(lang, None), r.to_html_fragment(lang, None)] {
            assert!(!html.contains("<script"), "{html}");
            assert!(!html.contains("<img"));
            assert!(!html.contains("<b>"));
            assert!(!html.contains("</td></tr></table><style>"));
            assert_eq!(html.matches("<style>").count(), 1);
            assert!(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt; &amp; "));
            assert!(html.contains("c&lt;b&gt;l&quot;o&#39;ser"));
            assert!(html.contains("&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;style&gt;"));
        }
    }
}

#[test]
fn nothing_is_loaded_from_outside_and_nothing_is_folded_or_a_control() {
    let r = nordost();
    for lang in [Language::English, Language::Swedish] {
        for html in [r.to_html(lang, None), r.suppress(5).to_html(lang, Some(5))] {
            let lower = html.to_lowercase();
            // The only URL is the SVG namespace, which names and loads nothing.
            let urls = lower.matches("http").count();
            let namespaces = lower
                .matches("xmlns=\"http://www.w3.org/2000/svg\"")
                .count();
            assert_eq!(urls, namespaces);
            for banned in [
                "<script", "<link", "<img", "<iframe", "<object", "<embed", "@import", "src=",
                "href=", "<details", "<button", "<input", "<select", "<form",
            ] {
                assert!(!lower.contains(banned), "{banned}");
            }
            // url() only for the hatch pattern within the same SVG.
            assert_eq!(
                lower.matches("url(").count(),
                lower.matches("url(#stegvis-hatch-").count()
            );
            assert!(html.contains("@page { size: A4 portrait;"));
        }
    }
}

#[test]
fn the_same_report_gives_the_same_bytes() {
    let a = nordost().to_html(Language::Swedish, None);
    let b = nordost().to_html(Language::Swedish, None);
    assert_eq!(a, b);
    assert_eq!(
        nordost().suppress(5).to_html(Language::English, Some(5)),
        nordost().suppress(5).to_html(Language::English, Some(5))
    );
}

#[test]
fn the_notebook_fragment_is_the_body_with_scoped_rules() {
    let r = nordost();
    let html = r.to_html(Language::English, None);
    let fragment = r.to_html_fragment(Language::English, None);
    let (style, body) = fragment.split_once("</style>\n").unwrap();
    // The same body as the document.
    assert!(body.starts_with("<div class=\"stegvis-doc\" lang=\"en\">"));
    assert!(html.contains(&format!("<body>\n{body}</body>")));
    // Every rule is under .stegvis-doc: no page rules, nothing for the
    // notebook's own elements.
    assert!(!style.contains("@page") && !style.contains("@media"));
    for line in style.lines().skip(1) {
        let line = line.trim();
        if line.ends_with('{') || (line.contains('{') && !line.starts_with("--")) {
            for selector in line[..line.find('{').unwrap()].split(',') {
                assert!(selector.trim().starts_with(".stegvis-doc"), "{line}");
            }
        }
    }
}
