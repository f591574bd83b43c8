//! JavaScript names for report fields (docs/report.md#camelcase),
//! given while the report is serialised, once: [`CamelCase`] wraps
//! serde-wasm-bindgen's serializer and renames every **struct field** to
//! camelCase on its way through, while the keys of **maps** (breakdowns
//! keyed by data: `non_binary`, `subsidised_employment`) and every string
//! value pass unchanged.
//!
//! Why not binding-side mirror types with `#[serde(rename_all =
//! "camelCase")]`: every report struct would be written twice, in the core
//! and here, and a field added to the core would silently be missing in
//! JavaScript until someone copied it. Renaming at serialisation time
//! follows whatever the core's structs hold; the field names are
//! `&'static str`, so each camelCase name is computed once and kept.

use std::cell::RefCell;
use std::collections::HashMap;

use serde::ser::{
    Serialize, SerializeMap, SerializeSeq, SerializeStruct, SerializeStructVariant, SerializeTuple,
    SerializeTupleStruct, SerializeTupleVariant, Serializer,
};

/// `share_of_plan` → `shareOfPlan`; names without `_` come back unchanged.
pub(crate) fn camel_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut upper = false;
    for c in name.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

thread_local! {
    /// Field name → its camelCase name. Bounded by the finite set of struct
    /// field names in the core (a few dozen), so leaking each once is the
    /// cheapest way to hand serde the `&'static str` it wants.
    static NAMES: RefCell<HashMap<&'static str, &'static str>> = RefCell::new(HashMap::new());
}

/// The camelCase name of a struct field, computed once per name.
fn field_name(name: &'static str) -> &'static str {
    if !name.contains('_') {
        return name;
    }
    NAMES.with(|names| {
        *names
            .borrow_mut()
            .entry(name)
            .or_insert_with(|| Box::leak(camel_case(name).into_boxed_str()))
    })
}

/// A serializer that renames struct fields to camelCase and otherwise does
/// what the serializer it wraps does.
pub(crate) struct CamelCase<S>(pub(crate) S);

/// A value whose serialisation (at any depth) goes through [`CamelCase`].
struct Renamed<'a, T: ?Sized>(&'a T);

impl<T: Serialize + ?Sized> Serialize for Renamed<'_, T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(CamelCase(s))
    }
}

/// Forwards a scalar `serialize_*` method unchanged.
macro_rules! forward {
    ($($method:ident($($arg:ident: $ty:ty),*);)*) => {$(
        fn $method(self, $($arg: $ty),*) -> Result<S::Ok, S::Error> {
            self.0.$method($($arg),*)
        }
    )*};
}

impl<S: Serializer> Serializer for CamelCase<S> {
    type Ok = S::Ok;
    type Error = S::Error;
    type SerializeSeq = CamelCase<S::SerializeSeq>;
    type SerializeTuple = CamelCase<S::SerializeTuple>;
    type SerializeTupleStruct = CamelCase<S::SerializeTupleStruct>;
    type SerializeTupleVariant = CamelCase<S::SerializeTupleVariant>;
    type SerializeMap = CamelCase<S::SerializeMap>;
    type SerializeStruct = CamelCase<S::SerializeStruct>;
    type SerializeStructVariant = CamelCase<S::SerializeStructVariant>;

    forward! {
        serialize_bool(v: bool);
        serialize_i8(v: i8);
        serialize_i16(v: i16);
        serialize_i32(v: i32);
        serialize_i64(v: i64);
        serialize_i128(v: i128);
        serialize_u8(v: u8);
        serialize_u16(v: u16);
        serialize_u32(v: u32);
        serialize_u64(v: u64);
        serialize_u128(v: u128);
        serialize_f32(v: f32);
        serialize_f64(v: f64);
        serialize_char(v: char);
        serialize_str(v: &str);
        serialize_bytes(v: &[u8]);
        serialize_none();
        serialize_unit();
        serialize_unit_struct(name: &'static str);
        serialize_unit_variant(name: &'static str, index: u32, variant: &'static str);
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<S::Ok, S::Error> {
        self.0.serialize_some(&Renamed(value))
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        value: &T,
    ) -> Result<S::Ok, S::Error> {
        self.0.serialize_newtype_struct(name, &Renamed(value))
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<S::Ok, S::Error> {
        self.0
            .serialize_newtype_variant(name, index, variant, &Renamed(value))
    }

    fn serialize_seq(self, len: Option<usize>) -> Result<Self::SerializeSeq, S::Error> {
        self.0.serialize_seq(len).map(CamelCase)
    }

    fn serialize_tuple(self, len: usize) -> Result<Self::SerializeTuple, S::Error> {
        self.0.serialize_tuple(len).map(CamelCase)
    }

    fn serialize_tuple_struct(
        self,
        name: &'static str,
        len: usize,
    ) -> Result<Self::SerializeTupleStruct, S::Error> {
        self.0.serialize_tuple_struct(name, len).map(CamelCase)
    }

    fn serialize_tuple_variant(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Self::SerializeTupleVariant, S::Error> {
        self.0
            .serialize_tuple_variant(name, index, variant, len)
            .map(CamelCase)
    }

    fn serialize_map(self, len: Option<usize>) -> Result<Self::SerializeMap, S::Error> {
        self.0.serialize_map(len).map(CamelCase)
    }

    fn serialize_struct(
        self,
        name: &'static str,
        len: usize,
    ) -> Result<Self::SerializeStruct, S::Error> {
        self.0.serialize_struct(name, len).map(CamelCase)
    }

    fn serialize_struct_variant(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Self::SerializeStructVariant, S::Error> {
        self.0
            .serialize_struct_variant(name, index, variant, len)
            .map(CamelCase)
    }

    fn is_human_readable(&self) -> bool {
        self.0.is_human_readable()
    }
}

/// Forwards a compound's element method, wrapping the element.
macro_rules! elements {
    ($($trait:ident :: $method:ident;)*) => {$(
        impl<S: $trait> $trait for CamelCase<S> {
            type Ok = S::Ok;
            type Error = S::Error;

            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), S::Error> {
                self.0.$method(&Renamed(value))
            }

            fn end(self) -> Result<S::Ok, S::Error> {
                self.0.end()
            }
        }
    )*};
}

elements! {
    SerializeSeq::serialize_element;
    SerializeTuple::serialize_element;
    SerializeTupleStruct::serialize_field;
    SerializeTupleVariant::serialize_field;
}

/// Map keys are data (genders, outcomes): they pass as they are.
impl<S: SerializeMap> SerializeMap for CamelCase<S> {
    type Ok = S::Ok;
    type Error = S::Error;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), S::Error> {
        self.0.serialize_key(key)
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), S::Error> {
        self.0.serialize_value(&Renamed(value))
    }

    fn end(self) -> Result<S::Ok, S::Error> {
        self.0.end()
    }
}

impl<S: SerializeStruct> SerializeStruct for CamelCase<S> {
    type Ok = S::Ok;
    type Error = S::Error;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), S::Error> {
        self.0.serialize_field(field_name(key), &Renamed(value))
    }

    fn skip_field(&mut self, key: &'static str) -> Result<(), S::Error> {
        self.0.skip_field(field_name(key))
    }

    fn end(self) -> Result<S::Ok, S::Error> {
        self.0.end()
    }
}

impl<S: SerializeStructVariant> SerializeStructVariant for CamelCase<S> {
    type Ok = S::Ok;
    type Error = S::Error;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), S::Error> {
        self.0.serialize_field(field_name(key), &Renamed(value))
    }

    fn end(self) -> Result<S::Ok, S::Error> {
        self.0.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_names_become_camel_case() {
        assert_eq!(camel_case("share_of_plan"), "shareOfPlan");
        assert_eq!(
            camel_case("share_not_receiving_assistance"),
            "shareNotReceivingAssistance"
        );
        assert_eq!(camel_case("ci"), "ci");
        assert_eq!(camel_case("as_of"), "asOf");
        assert_eq!(camel_case("follow_ups"), "followUps");
    }

    #[test]
    fn each_name_is_computed_once() {
        let first = field_name("population_size");
        assert_eq!(first, "populationSize");
        assert!(std::ptr::eq(first, field_name("population_size")));
        assert!(std::ptr::eq(field_name("ci"), "ci"));
    }
}
