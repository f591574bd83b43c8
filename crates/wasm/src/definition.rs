//! A programme definition given as a JS object, read by serde the way the
//! core reads one (`stegvis::Programme::from_deserializer`), with JSON's
//! meaning (docs/data.md#js-values, docs/decisions.md#decision-75 and
//! decision-76).
//!
//! serde-wasm-bindgen would call getters (through `Object.entries`) and let
//! what they throw unwind through the module, read a `BigInt` only where an
//! `i64` is expected and echo values in its messages. This reader holds
//! only the value: the core's guard bounds how deeply it is read and how
//! many criteria, and tracks the path, so a shared sub-criterion is never
//! expanded and nothing recurses without the guard's leave.

use std::fmt;

use js_sys::Array;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use wasm_bindgen::JsValue;

use crate::own::{self, Own, Reader};

/// A JS value as a serde source.
pub(crate) struct Definition<'r> {
    /// The value, or `NotData` for a property that is not plain data,
    /// refused when it is read so that the error has its path.
    value: Result<JsValue, own::NotData>,
    own: &'r Reader,
}

impl<'r> Definition<'r> {
    pub(crate) fn new(value: JsValue, own: &'r Reader) -> Self {
        Definition {
            value: Ok(value),
            own,
        }
    }
}

/// Why a JS value is not one a definition holds; the core reports it as
/// `invalid_value` at the value's path. Never the value itself.
#[derive(Debug)]
pub(crate) struct NotDefinition(String);

impl fmt::Display for NotDefinition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for NotDefinition {}

impl de::Error for NotDefinition {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        NotDefinition(msg.to_string())
    }
}

fn not(message: &str) -> NotDefinition {
    NotDefinition(message.to_owned())
}

const NOT_DATA: &str = "not plain data (a getter, or a proxy that throws)";

/// The largest integer a JS number holds exactly is below 2^63, so a whole
/// number within ±2^63 (exclusive) is an `i64`.
const I64_BOUND: f64 = 9_223_372_036_854_775_808.0;

impl<'de> Deserializer<'de> for Definition<'_> {
    type Error = NotDefinition;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, NotDefinition> {
        let Ok(value) = &self.value else {
            return Err(not(NOT_DATA));
        };
        if value.is_null() || value.is_undefined() {
            return visitor.visit_unit();
        }
        if let Some(text) = value.as_string() {
            return visitor.visit_string(text);
        }
        if let Some(b) = value.as_bool() {
            return visitor.visit_bool(b);
        }
        if let Some(n) = value.as_f64() {
            // A whole number is an integer, as JSON text's `4611686018427387904`
            // is: `scale = [0, 2 ** 62]` then meets the scale's bound
            // (invalid_scale), not a type error.
            if n.fract() == 0.0 && n.abs() < I64_BOUND {
                return visitor.visit_i64(n as i64);
            }
            return visitor.visit_f64(n);
        }
        if value.is_bigint() {
            // An integer, as in a record's cell (decision 76).
            if let Ok(i) = i64::try_from(value.clone()) {
                return visitor.visit_i64(i);
            }
            if let Ok(u) = u64::try_from(value.clone()) {
                return visitor.visit_u64(u);
            }
            return Err(not("integer too large"));
        }
        if value.is_object() {
            let own = self.own;
            if own::is_array(value).map_err(|_| not(NOT_DATA))? {
                let length = own.length(value).map_err(|_| not(NOT_DATA))?;
                return visitor.visit_seq(Items {
                    array: value.clone(),
                    own,
                    length,
                    next: 0,
                });
            }
            let keys = own::keys(value).map_err(|_| not(NOT_DATA))?;
            return visitor.visit_map(Entries {
                object: value.clone(),
                own,
                keys,
                next: 0,
                value: None,
            });
        }
        Err(not(
            "not a value a programme definition holds (object, array, string, number, boolean or null)",
        ))
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, NotDefinition> {
        match &self.value {
            Ok(value) if value.is_null() || value.is_undefined() => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

/// An object's own enumerable string keys, from a snapshot (`Object.keys`),
/// each value read as an own data property when its key is read; a key
/// whose value is `undefined` is skipped, as `JSON.stringify` skips it.
struct Entries<'r> {
    object: JsValue,
    own: &'r Reader,
    keys: Array,
    next: u32,
    /// The value of the key just read; a value that is not plain data is
    /// refused when it is read, so that the error's path ends in its key.
    value: Option<Result<JsValue, own::NotData>>,
}

impl<'de> MapAccess<'de> for Entries<'_> {
    type Error = NotDefinition;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, NotDefinition> {
        while self.next < self.keys.length() {
            let key = self.keys.get(self.next);
            self.next += 1;
            self.value = match self.own.get(&self.object, &key) {
                Ok(Own::Value(value)) => Some(Ok(value)),
                Ok(Own::Absent) => continue,
                Err(e) => Some(Err(e)),
            };
            let key = key.as_string().ok_or_else(|| not("keys must be strings"))?;
            return seed
                .deserialize(de::value::StringDeserializer::new(key))
                .map(Some);
        }
        Ok(None)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, NotDefinition> {
        let value = self
            .value
            .take()
            .ok_or_else(|| not("a value without a key"))?;
        seed.deserialize(Definition {
            value,
            own: self.own,
        })
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.keys.length().saturating_sub(self.next) as usize)
    }
}

/// An array's own elements by index; a hole is null, as in `JSON.stringify`.
struct Items<'r> {
    array: JsValue,
    own: &'r Reader,
    length: u32,
    next: u32,
}

impl<'de> SeqAccess<'de> for Items<'_> {
    type Error = NotDefinition;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, NotDefinition> {
        if self.next >= self.length {
            return Ok(None);
        }
        let index = JsValue::from_f64(f64::from(self.next));
        self.next += 1;
        let value = match self.own.get(&self.array, &index) {
            Ok(Own::Value(value)) => Ok(value),
            Ok(Own::Absent) => Ok(JsValue::NULL),
            Err(e) => Err(e),
        };
        seed.deserialize(Definition {
            value,
            own: self.own,
        })
        .map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.length.saturating_sub(self.next) as usize)
    }
}
