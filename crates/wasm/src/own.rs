//! Reading JavaScript objects as JSON would have given them
//! (docs/data.md#js-values, docs/decisions.md#decision-75): only own,
//! enumerable data properties count. A property inherited from a prototype
//! (`Object.prototype.gender = "M"`) is absent, as it is from a
//! JSON-parsed record; a getter is never called; a proxy whose trap throws,
//! or any other exception, is caught here and dropped unseen, so nothing
//! thrown by the caller's code crosses the module (where it would unwind
//! through WebAssembly) or reaches an error message.

use js_sys::Array;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// `Reflect.getOwnPropertyDescriptor`: runs no getter; a proxy's trap may throw.
    #[wasm_bindgen(js_namespace = Reflect, js_name = getOwnPropertyDescriptor, catch)]
    fn descriptor(target: &JsValue, key: &JsValue) -> Result<JsValue, JsValue>;

    /// `Object.hasOwn`, used only on descriptors, which are fresh ordinary
    /// objects: it runs no caller code and cannot throw.
    #[wasm_bindgen(js_namespace = Object, js_name = hasOwn)]
    fn has_own(object: &JsValue, key: &JsValue) -> bool;

    /// `Reflect.get`, used only on descriptors' own data properties.
    #[wasm_bindgen(js_namespace = Reflect, js_name = get)]
    fn field(object: &JsValue, key: &JsValue) -> JsValue;

    /// `Object.keys`: own enumerable string keys; a proxy's trap may throw.
    #[wasm_bindgen(js_namespace = Object, js_name = keys, catch)]
    fn object_keys(object: &JsValue) -> Result<Array, JsValue>;

    /// `Array.isArray`, which throws for a revoked proxy.
    #[wasm_bindgen(js_namespace = Array, js_name = isArray, catch)]
    fn array_is_array(value: &JsValue) -> Result<bool, JsValue>;

    /// `Object.create(null)`: an object nothing can be inherited into.
    #[wasm_bindgen(js_namespace = Object, js_name = create)]
    fn object_create(prototype: &JsValue) -> JsValue;
}

/// What a key of an object holds, as JSON sees it.
#[derive(Debug)]
pub(crate) enum Own {
    /// No own enumerable property (an inherited, a non-enumerable or no
    /// property at all), or one whose value is `undefined`.
    Absent,
    /// An own enumerable data property's value.
    Value(JsValue),
}

/// A property that is not plain data: a getter or setter, or one that a
/// proxy's trap refused to describe by throwing (what it threw is dropped).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct NotData;

/// Reads own properties; holds the keys of a descriptor, made once per
/// call of the API rather than once per cell.
pub(crate) struct Reader {
    enumerable: JsValue,
    value: JsValue,
}

impl Reader {
    pub(crate) fn new() -> Self {
        Reader {
            enumerable: JsValue::from_str("enumerable"),
            value: JsValue::from_str("value"),
        }
    }

    /// The own enumerable property `key` of `object` (which must be an object).
    pub(crate) fn get(&self, object: &JsValue, key: &JsValue) -> Result<Own, NotData> {
        self.read(object, key, true)
    }

    fn read(&self, object: &JsValue, key: &JsValue, enumerable: bool) -> Result<Own, NotData> {
        let descriptor = descriptor(object, key).map_err(|_| NotData)?;
        if descriptor.is_undefined()
            || (enumerable && !field(&descriptor, &self.enumerable).is_truthy())
        {
            return Ok(Own::Absent);
        }
        // A data descriptor has its own `value`; an accessor has `get` and
        // `set` instead (and would inherit a polluted `value`).
        if !has_own(&descriptor, &self.value) {
            return Err(NotData);
        }
        let value = field(&descriptor, &self.value);
        Ok(if value.is_undefined() {
            Own::Absent
        } else {
            Own::Value(value)
        })
    }

    /// The length of an array (its own, non-enumerable `length`; a proxy
    /// of one may refuse it).
    pub(crate) fn length(&self, array: &JsValue) -> Result<u32, NotData> {
        match self.read(array, &JsValue::from_str("length"), false)? {
            Own::Value(n) => n
                .as_f64()
                .filter(|n| n.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(n))
                .map(|n| n as u32)
                .ok_or(NotData),
            Own::Absent => Err(NotData),
        }
    }
}

/// Whether `value` is an array (or a proxy of one); `Err` for a revoked proxy.
pub(crate) fn is_array(value: &JsValue) -> Result<bool, NotData> {
    array_is_array(value).map_err(|_| NotData)
}

/// The own enumerable string keys of an object.
pub(crate) fn keys(object: &JsValue) -> Result<Array, NotData> {
    object_keys(object).map_err(|_| NotData)
}

/// A fresh object with no prototype, for property descriptors that must
/// not inherit `get`, `set` or `enumerable` from a polluted `Object.prototype`.
pub(crate) fn bare_object() -> JsValue {
    object_create(&JsValue::NULL)
}
