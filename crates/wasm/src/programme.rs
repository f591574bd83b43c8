//! `Programme`: a validated programme definition (`docs/programme.md#programme-definitions`).

use wasm_bindgen::prelude::*;

use crate::definition::Definition;
use crate::error::{Failure, Result};
use crate::own::Reader;

/// A validated programme definition, built with `Programme.fromToml` or
/// `Programme.fromJson`.
#[wasm_bindgen(js_name = Programme)]
#[derive(Debug, Clone)]
pub struct JsProgramme {
    pub(crate) inner: stegvis::Programme,
}

#[wasm_bindgen(js_class = Programme)]
impl JsProgramme {
    /// Parses and validates a TOML definition.
    #[wasm_bindgen(js_name = fromToml)]
    pub fn from_toml(
        // A JsValue, not &str: the glue would read a non-string out of bounds.
        #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    ) -> Result<JsProgramme> {
        let text = text
            .as_string()
            .ok_or_else(|| Failure::argument("a TOML programme definition must be text"))?;
        let inner = stegvis::Programme::from_toml(&text)?;
        Ok(JsProgramme { inner })
    }

    /// Parses and validates a JSON definition, given as text or as a plain
    /// object (the shape of `toJSON()`), read as JSON would have given it:
    /// own enumerable data properties only (docs/data.md#js-values).
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(
        #[wasm_bindgen(unchecked_param_type = "string | ProgrammeDefinition")] definition: JsValue,
    ) -> Result<JsProgramme> {
        let inner = match definition.as_string() {
            Some(text) => stegvis::Programme::from_json(&text)?,
            // Read in one step through the core's guard, which bounds the
            // depth before the reader recurses (stack growth does not work
            // on wasm32, so the bound must hold before the recursion).
            None if definition.is_object() => {
                stegvis::Programme::from_deserializer(Definition::new(definition, &Reader::new()))?
            }
            None => {
                return Err(Failure::argument(
                    "a programme definition must be JSON text or an object",
                ));
            }
        };
        Ok(JsProgramme { inner })
    }

    /// The definition as a plain object with the keys of the programme file
    /// (snake_case, as `fromJson` reads them); defaults are filled in.
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "ProgrammeDefinition")]
    pub fn to_json(&self) -> Result<JsValue> {
        crate::to_js(&self.inner.to_json_value())
    }

    /// The programme's id.
    #[wasm_bindgen(getter)]
    pub fn id(&self) -> String {
        self.inner.id().to_owned()
    }

    /// The programme's name.
    #[wasm_bindgen(getter)]
    pub fn name(&self) -> String {
        self.inner.name().to_owned()
    }

    /// First day of the period, `YYYY-MM-DD`.
    #[wasm_bindgen(getter)]
    pub fn start(&self) -> String {
        self.inner.start().to_string()
    }

    /// Last day of the period, `YYYY-MM-DD`.
    #[wasm_bindgen(getter)]
    pub fn end(&self) -> String {
        self.inner.end().to_string()
    }
}
