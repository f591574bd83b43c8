//! The core's catalogue of words and its formatter, for JavaScript: the
//! page (and any other consumer) shows the same words and number formats
//! as the text report and the Python HTML. Nothing here chooses a word or
//! a format; it only converts.
//!
//! ```js
//! const W = words("sv");
//! W.status.met;                 // "uppfyllt"
//! W.ui.loadExample;             // "Ladda exemplet Nordost"
//! phrase("en", { phrase: "horizon", months: 6, toleranceDays: 45 });
//! const f = new Format("sv");
//! f.share(0.667);               // "66,7 %"
//! f.share("suppressed");        // "dolt"
//! ```

use js_sys::{Array, Object, Reflect};
use stegvis::report::{Cells, Figure, Interval};
use stegvis::words::{Phrase, Word};
use stegvis::{Language, words};
use wasm_bindgen::prelude::*;

use crate::error::{Failure, Result};
use crate::keys;

/// `"sv"` or `"en"` (default), or the other names the core accepts.
pub(crate) fn language_of(value: &JsValue) -> Result<Language> {
    if value.is_undefined() || value.is_null() {
        return Ok(Language::English);
    }
    value
        .as_string()
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| Failure::argument("language must be \"sv\" or \"en\""))
}

/// Every word of the catalogue in `language`, as an object of groups:
/// `{ section: { goals: "Goals", … }, status: { met: "met", … }, … }`.
/// Groups and the catalogue's own keys are camelCase; keys that are report
/// values (`non_binary`, `not_met`, error codes) stay as in the report.
#[wasm_bindgen(unchecked_return_type = "Words")]
pub fn words(
    #[wasm_bindgen(unchecked_optional_param_type = "Language")] language: JsValue,
) -> Result<JsValue> {
    let lang = language_of(&language)?;
    let root = Object::new();
    for word in Word::all() {
        let group = JsValue::from_str(&keys::camel_case(word.group()));
        let mut inner = Reflect::get(&root, &group).unwrap_or(JsValue::UNDEFINED);
        if inner.is_undefined() {
            inner = Object::new().into();
            let _ = Reflect::set(&root, &group, &inner);
        }
        let key = if word.keyed_by_data() {
            word.key().to_owned()
        } else {
            keys::camel_case(word.key())
        };
        let _ = Reflect::set(&inner, &key.into(), &lang.word(word).into());
    }
    let names = Object::new();
    for &l in Language::ALL {
        let _ = Reflect::set(&names, &l.code().into(), &l.name().into());
    }
    let _ = Reflect::set(&root, &"language".into(), &names);
    Ok(root.into())
}

/// A phrase with values: `phrase("sv", { phrase: "computed", participants:
/// 150, ms: 12 })`. Phrase names are snake_case, their fields camelCase.
#[wasm_bindgen]
pub fn phrase(
    #[wasm_bindgen(unchecked_param_type = "Language")] language: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Phrase")] phrase: JsValue,
) -> Result<String> {
    let lang = language_of(&language)?;
    let phrase: Phrase<'static> = serde_wasm_bindgen::from_value(phrase)
        .map_err(|e| Failure::argument(format!("not a phrase: {e}")))?;
    Ok(lang.phrase(&phrase))
}

/// Every text the catalogue can produce in `language` (words, and phrases
/// with sample values): for tests that a page shows only catalogue words.
#[wasm_bindgen(unchecked_return_type = "string[]")]
pub fn vocabulary(
    #[wasm_bindgen(unchecked_optional_param_type = "Language")] language: JsValue,
) -> Result<JsValue> {
    let lang = language_of(&language)?;
    Ok(words::vocabulary(lang)
        .into_iter()
        .map(JsValue::from)
        .collect::<Array>()
        .into())
}

/// The core's number formats in one language. Every method takes a report
/// value as it is: a number, `null` (undefined: `–`) or `"suppressed"`
/// (the language's marker).
#[wasm_bindgen]
pub struct Format {
    lang: Language,
}

/// A report value: a number, undefined, or hidden.
fn figure(value: &JsValue) -> Result<Figure<Option<f64>>> {
    if value.is_null() || value.is_undefined() {
        return Ok(Figure::Value(None));
    }
    if value.as_string().as_deref() == Some(stegvis::report::SUPPRESSED) {
        return Ok(Figure::Suppressed);
    }
    match value.as_f64() {
        Some(x) if x.is_finite() => Ok(Figure::Value(Some(x))),
        _ => Err(Failure::argument(
            "a value must be a number, null or \"suppressed\"",
        )),
    }
}

#[wasm_bindgen]
impl Format {
    /// A formatter for `"sv"` or `"en"` (default).
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_optional_param_type = "Language")] language: JsValue,
    ) -> Result<Format> {
        Ok(Format {
            lang: language_of(&language)?,
        })
    }

    fn cells(&self) -> Cells {
        Cells::new(self.lang)
    }

    /// A count: `12`, `12 345`.
    pub fn count(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Count | null")] value: JsValue,
    ) -> Result<String> {
        let count = match figure(&value)? {
            Figure::Value(Some(x)) if x >= 0.0 && x.fract() == 0.0 => Figure::Value(Some(x as u64)),
            Figure::Value(Some(_)) => {
                return Err(Failure::argument("a count must be a whole number"));
            }
            Figure::Value(None) => Figure::Value(None),
            Figure::Suppressed => Figure::Suppressed,
        };
        Ok(self.cells().optional_count(&count))
    }

    /// A share as a percentage with one decimal: `66.7 %`.
    pub fn share(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Share")] value: JsValue,
    ) -> Result<String> {
        Ok(self.cells().share(&figure(&value)?))
    }

    /// A share as a percentage with `decimals` decimals (axis ticks).
    pub fn percent(&self, value: f64, decimals: u8) -> String {
        self.lang.percent(value, decimals.into())
    }

    /// A plain number with `decimals` decimals: `141.0`.
    pub fn number(&self, value: f64, decimals: u8) -> String {
        self.lang.number(value, decimals.into())
    }

    /// A difference of shares in (abbreviated) percentage points: `+10.7 pp`.
    pub fn points(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Share")] value: JsValue,
    ) -> Result<String> {
        Ok(self.cells().points(&figure(&value)?))
    }

    /// A share's interval: `20.8–93.9 %`, or a marker.
    #[wasm_bindgen(js_name = shareInterval)]
    pub fn share_interval(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Share")] lower: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Share")] upper: JsValue,
    ) -> Result<String> {
        let ci = Interval {
            lower: figure(&lower)?,
            upper: figure(&upper)?,
        };
        Ok(self.cells().interval(&ci))
    }

    /// A mean gain in levels, signed with two decimals: `+0.50`.
    #[wasm_bindgen(js_name = meanGain)]
    pub fn mean_gain(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Share")] value: JsValue,
    ) -> Result<String> {
        Ok(self.cells().mean_gain(&figure(&value)?))
    }

    /// yes / no, or a marker.
    #[wasm_bindgen(js_name = yesNo)]
    pub fn yes_no(
        &self,
        #[wasm_bindgen(unchecked_param_type = "boolean | null | Suppressed")] value: JsValue,
    ) -> Result<String> {
        let b = if value.is_null() || value.is_undefined() {
            Figure::Value(None)
        } else if let Some(b) = value.as_bool() {
            Figure::Value(Some(b))
        } else if figure(&value)? == Figure::Suppressed {
            Figure::Suppressed
        } else {
            return Err(Failure::argument("a yes/no value must be a boolean"));
        };
        Ok(self.cells().yes_no(&b))
    }

    /// The marker of a suppressed value: `supp.` / `dolt`.
    #[wasm_bindgen(getter)]
    pub fn suppressed(&self) -> String {
        self.lang.suppressed().to_owned()
    }

    /// The marker of an undefined value: `–`.
    #[wasm_bindgen(getter)]
    pub fn undefined(&self) -> String {
        self.lang.undefined().to_owned()
    }
}
