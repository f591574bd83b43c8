//! Report figures as text in one language: the formatter of the catalogue
//! (`words`) applied to [`Figure`]s, with the markers for suppressed and
//! undefined values. Every surface that prints a figure goes through here
//! (the text report, the HTML summary, the page through the bindings), so
//! a figure reads the same everywhere.

use super::{Count, Figure, GenderGap, Interval, Share};
use crate::words::{Label, Language, Legend, Marker, Points};

/// Formats figures in one language and remembers which markers it used,
/// so that a legend can explain exactly those.
#[derive(Debug, Clone)]
pub struct Cells {
    lang: Language,
    saw_undefined: bool,
    saw_suppressed: bool,
    saw_points: bool,
    /// How many suppression markers it wrote (the printable document's
    /// notes on disclosure control count them per section).
    hidden: u64,
}

impl Cells {
    /// A formatter for `lang` that has used no marker yet.
    pub fn new(lang: Language) -> Self {
        Cells {
            lang,
            saw_undefined: false,
            saw_suppressed: false,
            saw_points: false,
            hidden: 0,
        }
    }

    /// The language.
    pub fn language(&self) -> Language {
        self.lang
    }

    /// The marker of a suppressed value.
    pub fn suppressed(&mut self) -> String {
        self.saw_suppressed = true;
        self.hidden += 1;
        self.lang.suppressed().to_owned()
    }

    /// How many suppression markers it has written so far.
    pub fn hidden(&self) -> u64 {
        self.hidden
    }

    /// The marker of an undefined value.
    pub fn undefined(&mut self) -> String {
        self.saw_undefined = true;
        self.lang.undefined().to_owned()
    }

    /// A figure through `show`, or a marker when hidden or undefined.
    fn figure<T: Copy>(
        &mut self,
        f: &Figure<Option<T>>,
        show: impl FnOnce(Language, T) -> String,
    ) -> String {
        match f {
            Figure::Suppressed => self.suppressed(),
            Figure::Value(None) => self.undefined(),
            Figure::Value(Some(v)) => show(self.lang, *v),
        }
    }

    /// A count.
    pub fn count(&mut self, c: &Count) -> String {
        match c {
            Figure::Suppressed => self.suppressed(),
            Figure::Value(v) => self.lang.count(*v),
        }
    }

    /// A count that may be undefined (participants still to recruit).
    pub fn optional_count(&mut self, c: &Figure<Option<u64>>) -> String {
        self.figure(c, Language::count)
    }

    /// `k/n`, either side possibly hidden.
    pub fn ratio(&mut self, k: &Count, n: &Count) -> String {
        format!("{}/{}", self.count(k), self.count(n))
    }

    /// A share as a percentage.
    pub fn share(&mut self, s: &Share) -> String {
        self.figure(s, Language::share)
    }

    /// A plain number with `decimals` decimals (expected enrolment).
    pub fn number(&mut self, x: f64, decimals: usize) -> String {
        self.lang.number(x, decimals)
    }

    /// A difference of shares in (abbreviated) percentage points.
    pub fn points(&mut self, s: &Share) -> String {
        let shown = self.figure(s, |lang, x| lang.points(x, Points::Short));
        self.saw_points |= matches!(s, Figure::Value(Some(_)));
        shown
    }

    /// A share's interval, or a marker when either bound is hidden or
    /// undefined.
    pub fn interval(&mut self, ci: &Interval) -> String {
        match (ci.lower, ci.upper) {
            (Figure::Value(Some(lo)), Figure::Value(Some(hi))) => self.lang.share_interval(lo, hi),
            (Figure::Suppressed, _) | (_, Figure::Suppressed) => self.suppressed(),
            _ => self.undefined(),
        }
    }

    /// The women − men gap and its interval: `−50.0 pp (−90.5 to +39.1 pp)`.
    pub fn gap(&mut self, gap: Option<&GenderGap>) -> String {
        let Some(gap) = gap else {
            return self.undefined();
        };
        let difference = self.points(&gap.difference);
        let bounds = match (gap.lower, gap.upper) {
            (Figure::Value(Some(lo)), Figure::Value(Some(hi))) => {
                self.saw_points = true;
                self.lang.points_interval(lo, hi, Points::Short)
            }
            (Figure::Suppressed, _) | (_, Figure::Suppressed) => self.suppressed(),
            _ => self.undefined(),
        };
        format!("{difference} ({bounds})")
    }

    /// A mean gain in levels, signed.
    pub fn mean_gain(&mut self, s: &Share) -> String {
        self.figure(s, Language::mean_gain)
    }

    /// yes / no.
    pub fn yes_no(&mut self, b: &Figure<Option<bool>>) -> String {
        self.figure(b, |lang, b| lang.yes_no(b).to_owned())
    }

    /// Lines explaining the markers and abbreviations used so far
    /// (`– = not defined (nobody to count)`), in a fixed order.
    pub fn legend(&self) -> Vec<String> {
        let l = self.lang;
        let mut lines = Vec::new();
        if self.saw_undefined {
            lines.push(format!("{} = {}", l.undefined(), l.word(Legend::Undefined)));
        }
        if self.saw_suppressed {
            lines.push(format!(
                "{} = {}",
                l.suppressed(),
                l.word(Legend::Suppressed)
            ));
        }
        if self.saw_points {
            lines.push(format!(
                "{} = {}",
                l.word(Marker::PointsShort),
                l.word(Marker::PointsLong)
            ));
        }
        lines
    }

    /// A note on whether the interval lies on one side of the target.
    pub fn confidence(&self, confident: bool) -> &'static str {
        self.lang.word(if confident {
            Label::Confident
        } else {
            Label::NotConfident
        })
    }
}
