//! Plain Python values (dicts, lists, str, int, float, bool, None, dates)
//! read by serde, the way the core reads a programme definition given as a
//! dict; and serialisable values back to plain Python objects.

use std::fmt;

use chrono::NaiveDate;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDate, PyDateTime, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use pyo3::types::{PyDictMethods, PyListMethods, PyTupleMethods};
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

/// A Python value as a serde source, for
/// `stegvis::Programme::from_deserializer`. It holds only the value: the
/// core's guard bounds how deeply it is read and tracks the path, so a dict
/// nested thousands deep is refused after 64 criteria or 144 levels.
///
/// It accepts exactly the types a definition holds, with JSON's meaning
/// (pythonize would also read a `str` as a list of characters, any object as
/// a bool by its truth, and has no dates): `datetime.date` becomes its ISO
/// text, as a date is written in JSON; a `datetime` is refused.
pub(crate) struct Definition<'a, 'py>(pub(crate) &'a Bound<'py, PyAny>);

/// Why a Python value is not one a definition holds; the core reports it as
/// `invalid_value` at the value's path.
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

impl<'de> Deserializer<'de> for Definition<'_, '_> {
    type Error = NotDefinition;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, NotDefinition> {
        let value = self.0;
        if value.is_none() {
            return visitor.visit_unit();
        }
        if let Ok(s) = value.cast::<PyString>() {
            let s = s.to_cow().map_err(|_| not("text is not valid Unicode"))?;
            return visitor.visit_str(&s);
        }
        // Before int: a bool is an int in Python.
        if let Ok(b) = value.cast::<PyBool>() {
            return visitor.visit_bool(b.is_true());
        }
        if value.is_instance_of::<PyInt>() {
            if let Ok(i) = value.extract::<i64>() {
                return visitor.visit_i64(i);
            }
            if let Ok(u) = value.extract::<u64>() {
                return visitor.visit_u64(u);
            }
            return Err(not("integer too large"));
        }
        if let Ok(f) = value.cast::<PyFloat>() {
            return visitor.visit_f64(f.value());
        }
        // Before date: a datetime is a date in Python.
        if value.is_instance_of::<PyDateTime>() {
            return Err(not("a date is expected, not a date and time"));
        }
        if value.is_instance_of::<PyDate>() {
            let date: NaiveDate = value.extract().map_err(|_| not("not a valid date"))?;
            return visitor.visit_string(date.to_string());
        }
        if let Ok(dict) = value.cast::<PyDict>() {
            return visitor.visit_map(Entries {
                items: dict.items(),
                next: 0,
            });
        }
        if let Ok(list) = value.cast::<PyList>() {
            return visitor.visit_seq(Items {
                items: list.clone(),
                next: 0,
            });
        }
        if let Ok(tuple) = value.cast::<PyTuple>() {
            return visitor.visit_seq(Items {
                items: tuple.to_list(),
                next: 0,
            });
        }
        Err(not(
            "not a value a programme definition holds (dict, list, str, int, float, bool, date or None)",
        ))
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, NotDefinition> {
        if self.0.is_none() {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

/// A dict's items, read from a snapshot (`dict.items()`), so that a dict
/// changed while it is read cannot upset the reading.
struct Entries<'py> {
    items: Bound<'py, PyList>,
    next: usize,
}

impl<'de> MapAccess<'de> for Entries<'_> {
    type Error = NotDefinition;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, NotDefinition> {
        let Ok(item) = self.items.get_item(self.next) else {
            return Ok(None);
        };
        let key = item
            .get_item(0)
            .map_err(|_| not("dict items could not be read"))?;
        // Not any value that reads as a key: serde takes an int as a
        // struct's field number.
        if !key.is_instance_of::<PyString>() {
            return Err(not("keys must be strings"));
        }
        seed.deserialize(Definition(&key)).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, NotDefinition> {
        let item = self
            .items
            .get_item(self.next)
            .map_err(|_| not("dict items could not be read"))?;
        self.next += 1;
        let value = item
            .get_item(1)
            .map_err(|_| not("dict items could not be read"))?;
        seed.deserialize(Definition(&value))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len().saturating_sub(self.next))
    }
}

/// A list's (or a tuple's) items.
struct Items<'py> {
    items: Bound<'py, PyList>,
    next: usize,
}

impl<'de> SeqAccess<'de> for Items<'_> {
    type Error = NotDefinition;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, NotDefinition> {
        let Ok(item) = self.items.get_item(self.next) else {
            return Ok(None);
        };
        self.next += 1;
        seed.deserialize(Definition(&item)).map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len().saturating_sub(self.next))
    }
}

/// A serialisable core value as plain Python objects, built directly (no
/// JSON text in between): dicts keep the order the value serialises its
/// keys in (struct field order, the report's order, docs/report.md#keys).
pub(crate) fn python<'py>(
    py: Python<'py>,
    value: &impl serde::Serialize,
) -> PyResult<Bound<'py, PyAny>> {
    pythonize::pythonize(py, value).map_err(PyErr::from)
}
