//! A chart (docs/report.md#charts) drawn as inline SVG for the printable
//! report, in the page's design (crates/wasm/www/charts.js): a labelled
//! bar per row, its interval as a whisker, the target as a dashed line,
//! a gender's target band; `not_met` and `outside` bars hatched, so that
//! they differ from `met` and `within` without colour
//! (docs/decisions.md#decision-122).

use std::fmt::Write;

use super::super::charts::{Chart, ChartKind, Mark};
use super::super::html::escape;

const WIDTH: f64 = 440.0;
const LEFT: f64 = 12.0;
const RIGHT: f64 = 24.0;
const PLOT: f64 = WIDTH - LEFT - RIGHT;
const ROW: f64 = 56.0;
/// How far a gender bar under its goal is indented.
const INDENT: f64 = 16.0;

/// Where a share lies on the x axis.
fn x(share: f64) -> f64 {
    LEFT + share.clamp(0.0, 1.0) * PLOT
}

/// The mark's class, as the page's stylesheet names them.
fn class(mark: Mark) -> &'static str {
    match mark {
        Mark::Met => "met",
        Mark::NotMet => "not_met",
        Mark::NoData => "no_data",
        Mark::Within => "within",
        Mark::Outside => "outside",
        Mark::Plain => "plain",
    }
}

/// The chart as a `<figure>` with an SVG and its caption; the title is
/// also the SVG's accessible name.
pub(super) fn chart(chart: &Chart) -> String {
    let kind = match chart.kind {
        ChartKind::Goals => "goals",
        ChartKind::GoalsByGender => "goals_by_gender",
        ChartKind::Gender => "gender",
    };
    let rows = chart.rows.len() as f64;
    let height = rows * ROW + 34.0;
    let axis = rows * ROW + 8.0;
    let title = escape(&chart.title);
    let hatch = format!("stegvis-hatch-{kind}");
    let mut out = String::new();
    let _ = write!(
        out,
        "<figure class=\"chart {kind}\">\n<svg viewBox=\"0 0 {WIDTH} {height}\" role=\"img\" \
         aria-label=\"{title}\" xmlns=\"http://www.w3.org/2000/svg\">\n<title>{title}</title>\n\
         <defs><pattern id=\"{hatch}\" patternUnits=\"userSpaceOnUse\" width=\"6\" height=\"6\" \
         patternTransform=\"rotate(45)\"><rect width=\"3\" height=\"6\" fill=\"#ffffff\" \
         fill-opacity=\"0.55\"/></pattern></defs>\n"
    );
    for tick in &chart.ticks {
        let at = x(tick.value);
        let _ = writeln!(
            out,
            "<line class=\"grid\" x1=\"{at:.1}\" x2=\"{at:.1}\" y1=\"4\" y2=\"{axis}\"/>\
             <text class=\"tick\" x=\"{at:.1}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
            axis + 16.0,
            escape(&tick.label)
        );
    }
    for (i, row) in chart.rows.iter().enumerate() {
        let top = i as f64 * ROW + 6.0;
        let indent = if row.indent { INDENT } else { 0.0 };
        let bar_y = top + 20.0;
        let _ = writeln!(
            out,
            "<text class=\"label\" x=\"{}\" y=\"{}\">{}</text>\
             <rect class=\"track\" x=\"{LEFT}\" y=\"{bar_y}\" width=\"{PLOT}\" height=\"20\"/>",
            LEFT + indent,
            top + 12.0,
            escape(&row.label)
        );
        if let Some([from, to]) = row.band {
            let _ = writeln!(
                out,
                "<rect class=\"band\" x=\"{:.1}\" y=\"{}\" width=\"{:.1}\" height=\"28\"/>",
                x(from),
                bar_y - 4.0,
                x(to) - x(from)
            );
        }
        if let Some(share) = row.share {
            let width = (x(share) - LEFT).max(0.0);
            let _ = writeln!(
                out,
                "<rect class=\"bar {}\" x=\"{LEFT}\" y=\"{bar_y}\" width=\"{width:.1}\" height=\"20\"/>",
                class(row.mark)
            );
            if matches!(row.mark, Mark::NotMet | Mark::Outside) {
                let _ = writeln!(
                    out,
                    "<rect class=\"hatch\" x=\"{LEFT}\" y=\"{bar_y}\" width=\"{width:.1}\" \
                     height=\"20\" fill=\"url(#{hatch})\"/>"
                );
            }
        }
        if let (Some(lo), Some(hi)) = (row.lower, row.upper) {
            let y = bar_y + 10.0;
            let _ = writeln!(
                out,
                "<line class=\"whisker\" x1=\"{:.1}\" x2=\"{:.1}\" y1=\"{y}\" y2=\"{y}\"/>\
                 <line class=\"whisker\" x1=\"{:.1}\" x2=\"{:.1}\" y1=\"{}\" y2=\"{}\"/>\
                 <line class=\"whisker\" x1=\"{:.1}\" x2=\"{:.1}\" y1=\"{}\" y2=\"{}\"/>",
                x(lo),
                x(hi),
                x(lo),
                x(lo),
                y - 6.0,
                y + 6.0,
                x(hi),
                x(hi),
                y - 6.0,
                y + 6.0,
            );
        }
        if let Some(target) = row.target {
            let _ = writeln!(
                out,
                "<line class=\"target\" x1=\"{:.1}\" x2=\"{:.1}\" y1=\"{}\" y2=\"{}\"/>",
                x(target),
                x(target),
                bar_y - 5.0,
                bar_y + 25.0
            );
        }
    }
    let _ = write!(out, "</svg>\n<figcaption>{title}</figcaption>\n</figure>\n");
    out
}
