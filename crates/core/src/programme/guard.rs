//! The one guard every programme definition passes through, whatever its
//! source: TOML, JSON text, a `serde_json::Value`, a Python dict or a JS
//! object (see docs/decisions.md, item 21).
//!
//! [`read`] wraps the source's `serde::Deserializer` in a proxy — of the
//! deserializer and of every `Visitor`, `MapAccess`, `SeqAccess`,
//! `EnumAccess`, `VariantAccess` and `DeserializeSeed` it hands out, the way
//! serde_path_to_error and serde_stacker proxy them — that
//!
//! - counts how deeply the value nests and stops before the source recurses
//!   further: 64 levels of `all` / `any` / `not` are read, the 65th is
//!   `criterion_too_deep` at its path, and any value nested more than
//!   [`MAX_DEPTH`] levels is `criterion_too_deep` with an empty path;
//! - counts the criteria it reads, in all goals together, and stops at the
//!   first one past [`MAX_CRITERION_NODES`] with `criterion_too_large` at
//!   its path, before reading it: a sub-criterion shared by reference (a
//!   Python dict or JS object used twice) is read once per use, so it
//!   cannot expand to millions of nodes before anything counts them;
//! - has its own error type, so the calls that serde's derived code makes
//!   (`unknown_field`, `missing_field`, `unknown_variant`, `invalid_type`, …)
//!   say what went wrong without anyone reading an error message;
//! - reads every struct as a map and every enum from a one-key map or a
//!   string itself, so that all sources agree on what they accept (see
//!   [`Guard::deserialize_struct`] and [`Guard::deserialize_enum`]).
//!
//! serde_path_to_error wraps the guard from outside and supplies the path
//! (`goals[1].criterion.any[0].improved.parameters[0]`).
//!
//! Errors cross the source's own code on their way out, as the source's
//! error type: a structured error is parked in [`State`] while it does, and
//! picked up again when the source hands the error back. This relies on the
//! sources in use (serde_json, toml, serde_json::Value, serde-wasm-bindgen,
//! the Python reader) handing a visitor's error straight back, never
//! swallowing it to try something else.

use std::cell::{Cell, RefCell};
use std::fmt;
use std::marker::PhantomData;

use serde::de::{
    self, DeserializeSeed, Deserializer, EnumAccess, IgnoredAny, IntoDeserializer, MapAccess,
    SeqAccess, Unexpected, VariantAccess, Visitor,
};

use super::definition::CRITERION;
use super::{MAX_CRITERION_DEPTH, MAX_CRITERION_NODES};
use crate::error::{ProgrammeError, ProgrammeErrorKind};

/// Deepest nesting of maps and lists read from any source: room for 64
/// criterion levels (a map and a list each) plus the programme, goal and
/// criterion around them. Valid definitions stay below it (64 levels of
/// `any` around an `improved` with a parameter list reach 132).
pub(super) const MAX_DEPTH: usize = 2 * MAX_CRITERION_DEPTH + 16;

/// What went wrong, known from which serde hook reported it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// `unknown_field`: a key the struct does not have.
    UnknownKey,
    /// `missing_field`: a required key is absent.
    MissingKey(&'static str),
    /// `duplicate_field`: a key given twice (JSON text only).
    DuplicateKey(&'static str),
    /// `unknown_variant`, with the enum's name once the guard has seen it.
    UnknownVariant(Option<&'static str>),
    /// A value of the wrong type or form (`invalid_type`, `invalid_value`,
    /// `invalid_length`, `custom`).
    InvalidValue,
    /// A criterion nested deeper than [`MAX_CRITERION_DEPTH`].
    CriterionTooDeep,
    /// More than [`MAX_CRITERION_NODES`] criteria in the whole definition.
    CriterionTooLarge,
    /// A value nested deeper than [`MAX_DEPTH`].
    TooDeep,
}

/// A structured error: its kind and serde's usual wording.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Known {
    kind: Kind,
    message: String,
}

/// The guard's error: structured, or the source's own (a syntax error, a
/// type the source refused before asking a visitor).
#[derive(Debug)]
pub(super) enum Error<E> {
    /// Raised by derived code or by the guard.
    Known(Known),
    /// Raised by the source.
    Source(E),
}

impl<E> Error<E> {
    fn known(kind: Kind, message: impl fmt::Display) -> Self {
        Error::Known(Known {
            kind,
            message: message.to_string(),
        })
    }
}

#[cfg(test)]
impl<E> Error<E> {
    /// The structured kind, if the error is not the source's own.
    pub(super) fn kind(&self) -> Option<Kind> {
        match self {
            Error::Known(k) => Some(k.kind),
            Error::Source(_) => None,
        }
    }
}

impl<E: fmt::Display> fmt::Display for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Known(k) => f.write_str(&k.message),
            Error::Source(e) => e.fmt(f),
        }
    }
}

impl<E: fmt::Display + fmt::Debug> std::error::Error for Error<E> {}

/// serde's own wording for each hook, so that messages read as before.
fn wording(e: de::value::Error) -> String {
    e.to_string()
}

impl<E: fmt::Display + fmt::Debug> de::Error for Error<E> {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error::known(Kind::InvalidValue, msg)
    }
    fn invalid_type(unexp: Unexpected<'_>, exp: &dyn de::Expected) -> Self {
        Error::known(
            Kind::InvalidValue,
            wording(de::value::Error::invalid_type(unexp, exp)),
        )
    }
    fn invalid_value(unexp: Unexpected<'_>, exp: &dyn de::Expected) -> Self {
        Error::known(
            Kind::InvalidValue,
            wording(de::value::Error::invalid_value(unexp, exp)),
        )
    }
    fn invalid_length(len: usize, exp: &dyn de::Expected) -> Self {
        Error::known(
            Kind::InvalidValue,
            wording(de::value::Error::invalid_length(len, exp)),
        )
    }
    fn unknown_variant(variant: &str, expected: &'static [&'static str]) -> Self {
        Error::known(
            Kind::UnknownVariant(None),
            wording(de::value::Error::unknown_variant(variant, expected)),
        )
    }
    fn unknown_field(field: &str, expected: &'static [&'static str]) -> Self {
        Error::known(
            Kind::UnknownKey,
            wording(de::value::Error::unknown_field(field, expected)),
        )
    }
    fn missing_field(field: &'static str) -> Self {
        Error::known(
            Kind::MissingKey(field),
            wording(de::value::Error::missing_field(field)),
        )
    }
    fn duplicate_field(field: &'static str) -> Self {
        Error::known(
            Kind::DuplicateKey(field),
            wording(de::value::Error::duplicate_field(field)),
        )
    }
}

/// What one read shares across all its wrappers.
#[derive(Default)]
pub(super) struct State {
    /// Maps and lists open around the current value.
    depth: Cell<usize>,
    /// Criteria open around the current value.
    criteria: Cell<usize>,
    /// Criteria read so far, in the whole definition.
    nodes: Cell<usize>,
    /// A structured error on its way out through the source's code.
    parked: RefCell<Option<Known>>,
}

impl State {
    /// Enters one more map or list, or refuses to.
    fn enter<E>(&self) -> Result<Level<'_>, Error<E>> {
        let depth = self.depth.get() + 1;
        if depth > MAX_DEPTH {
            return Err(Error::known(
                Kind::TooDeep,
                format_args!(
                    "nested more than {MAX_DEPTH} levels; criteria may nest {MAX_CRITERION_DEPTH}"
                ),
            ));
        }
        self.depth.set(depth);
        Ok(Level(&self.depth))
    }

    /// Hands a result to the source's code, as the source's error type.
    fn out<T, E: de::Error>(&self, result: Result<T, Error<E>>) -> Result<T, E> {
        result.map_err(|e| match e {
            Error::Source(e) => e,
            Error::Known(known) => {
                let message = E::custom(&known.message);
                *self.parked.borrow_mut() = Some(known);
                message
            }
        })
    }

    /// Takes a result back from the source's code: a parked error is the
    /// real one; any other is the source's own.
    fn back<T, E>(&self, result: Result<T, E>) -> Result<T, Error<E>> {
        result.map_err(|e| match self.parked.borrow_mut().take() {
            Some(known) => Error::Known(known),
            None => Error::Source(e),
        })
    }
}

/// One open level; leaving it (also by an error) closes it.
struct Level<'s>(&'s Cell<usize>);

impl Drop for Level<'_> {
    fn drop(&mut self) {
        self.0.set(self.0.get() - 1);
    }
}

/// A programme error from what [`read`] found: the kind, and the path
/// serde_path_to_error tracked (0-based indices, dotted keys).
fn programme_error<E: fmt::Display>(
    error: serde_path_to_error::Error<Error<E>>,
    source_kind: impl FnOnce(&E) -> ProgrammeErrorKind,
) -> ProgrammeError {
    let path = error.path().to_string();
    let error = error.into_inner();
    let message = error.to_string();
    let (kind, path) = match error {
        Error::Source(e) => (source_kind(&e), path),
        Error::Known(Known { kind, .. }) => match kind {
            // An unknown key's path already ends in the key.
            Kind::UnknownKey => (ProgrammeErrorKind::UnknownKey, path),
            Kind::MissingKey(key) => (ProgrammeErrorKind::MissingKey, join(&path, key)),
            // Named like a missing key; the value is the second one given.
            Kind::DuplicateKey(key) => (ProgrammeErrorKind::InvalidValue, join(&path, key)),
            Kind::UnknownVariant(Some(CRITERION)) => (ProgrammeErrorKind::InvalidCriterion, path),
            Kind::UnknownVariant(_) | Kind::InvalidValue => {
                (ProgrammeErrorKind::InvalidValue, path)
            }
            Kind::CriterionTooDeep => (ProgrammeErrorKind::CriterionTooDeep, path),
            Kind::CriterionTooLarge => (ProgrammeErrorKind::CriterionTooLarge, path),
            // Not a place in the definition: the whole input nests too deep.
            Kind::TooDeep => (ProgrammeErrorKind::CriterionTooDeep, String::new()),
        },
    };
    ProgrammeError::new(
        kind,
        path.trim_start_matches('.').replace(".?", ""),
        message,
    )
}

fn join(path: &str, key: &str) -> String {
    // serde_path_to_error stops a missing key's path at the enclosing struct.
    let base = path.trim_end_matches('?').trim_end_matches('.');
    if base.is_empty() {
        key.to_owned()
    } else {
        format!("{base}.{key}")
    }
}

/// Reads a `T` from `source` through the guard. `source_kind` names the
/// kind of an error the source raised itself (e.g. `invalid_json` for a
/// syntax error, `invalid_value` for a type it refused).
pub(super) fn read<'de, T, D>(
    source: D,
    source_kind: impl FnOnce(&D::Error) -> ProgrammeErrorKind,
) -> Result<T, ProgrammeError>
where
    T: de::Deserialize<'de>,
    D: Deserializer<'de>,
{
    let state = State::default();
    serde_path_to_error::deserialize(Guard {
        de: source,
        state: &state,
    })
    .map_err(|e| programme_error(e, source_kind))
}

/// The proxy deserializer.
pub(super) struct Guard<'s, D> {
    de: D,
    state: &'s State,
}

impl<'s, D> Guard<'s, D> {
    fn visitor<V>(&self, visitor: V) -> Wrap<'s, V> {
        Wrap {
            visitor,
            state: self.state,
            as_enum: false,
        }
    }
}

macro_rules! forward {
    ($($method:ident($($arg:ident: $ty:ty),*))*) => {$(
        fn $method<V: Visitor<'de>>(self, $($arg: $ty,)* visitor: V) -> Result<V::Value, Self::Error> {
            let visitor = self.visitor(visitor);
            self.state.back(self.de.$method($($arg,)* visitor))
        }
    )*};
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for Guard<'_, D> {
    type Error = Error<D::Error>;

    forward! {
        deserialize_any()
        deserialize_bool()
        deserialize_i8() deserialize_i16() deserialize_i32() deserialize_i64() deserialize_i128()
        deserialize_u8() deserialize_u16() deserialize_u32() deserialize_u64() deserialize_u128()
        deserialize_f32() deserialize_f64()
        deserialize_char() deserialize_str() deserialize_string()
        deserialize_bytes() deserialize_byte_buf()
        deserialize_option() deserialize_unit()
        deserialize_unit_struct(name: &'static str)
        deserialize_newtype_struct(name: &'static str)
        deserialize_seq()
        deserialize_tuple(len: usize)
        deserialize_tuple_struct(name: &'static str, len: usize)
        deserialize_map()
        deserialize_identifier()
        deserialize_ignored_any()
    }

    /// Read as a map, so that every key is seen: serde-wasm-bindgen reads
    /// only the keys a struct names (an unknown key would pass unnoticed),
    /// and serde_json would also take a struct from a list.
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        self.deserialize_map(visitor)
    }

    /// Read as a string (a unit variant) or a map with one key (a variant
    /// and its content) by the guard itself, so that every source agrees:
    /// serde_json's reader, for one, calls a second key a syntax error.
    /// Criteria are counted here, before their content is read: how
    /// deeply they nest and how many there are.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        let state = self.state;
        let criterion = name == CRITERION;
        if criterion {
            if state.criteria.get() >= MAX_CRITERION_DEPTH {
                return Err(Error::known(
                    Kind::CriterionTooDeep,
                    format_args!(
                        "criteria may be nested at most {MAX_CRITERION_DEPTH} levels deep"
                    ),
                ));
            }
            let nodes = state.nodes.get() + 1;
            if nodes > MAX_CRITERION_NODES {
                return Err(Error::known(
                    Kind::CriterionTooLarge,
                    format_args!("more than {MAX_CRITERION_NODES} criteria in all goals together"),
                ));
            }
            state.nodes.set(nodes);
            state.criteria.set(state.criteria.get() + 1);
        }
        let visitor = Wrap {
            visitor,
            state,
            as_enum: true,
        };
        let result = state.back(self.de.deserialize_any(visitor));
        if criterion {
            state.criteria.set(state.criteria.get() - 1);
        }
        result.map_err(|e| match e {
            // The innermost enum around an unknown variant is its enum.
            Error::Known(Known {
                kind: Kind::UnknownVariant(None),
                message,
            }) => Error::Known(Known {
                kind: Kind::UnknownVariant(Some(name)),
                message,
            }),
            e => e,
        })
    }

    fn is_human_readable(&self) -> bool {
        self.de.is_human_readable()
    }
}

/// The proxy visitor. With `as_enum`, it is the guard's reading of an enum.
struct Wrap<'s, V> {
    visitor: V,
    state: &'s State,
    as_enum: bool,
}

macro_rules! visit {
    ($($method:ident($ty:ty))*) => {$(
        fn $method<E: de::Error>(self, v: $ty) -> Result<Self::Value, E> {
            self.state.out(self.visitor.$method::<Error<E>>(v))
        }
    )*};
}

impl<'de, V: Visitor<'de>> Visitor<'de> for Wrap<'_, V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.visitor.expecting(f)
    }

    visit! {
        visit_bool(bool)
        visit_i8(i8) visit_i16(i16) visit_i32(i32) visit_i64(i64) visit_i128(i128)
        visit_u8(u8) visit_u16(u16) visit_u32(u32) visit_u64(u64) visit_u128(u128)
        visit_char(char)
        visit_bytes(&[u8]) visit_borrowed_bytes(&'de [u8]) visit_byte_buf(Vec<u8>)
    }

    fn visit_f32<E: de::Error>(self, v: f32) -> Result<Self::Value, E> {
        self.visit_f64(f64::from(v))
    }

    /// TOML's `nan` and `inf` and Python's `float("nan")` are refused here,
    /// as JSON cannot hold them: no definition value is a non-finite number.
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        if !v.is_finite() {
            return self
                .state
                .out(Err(Error::known(Kind::InvalidValue, "not a finite number")));
        }
        self.state.out(self.visitor.visit_f64::<Error<E>>(v))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        if self.as_enum {
            let variant: de::value::StrDeserializer<'_, Error<E>> = v.into_deserializer();
            return self.state.out(self.visitor.visit_enum(variant));
        }
        self.state.out(self.visitor.visit_str::<Error<E>>(v))
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        if self.as_enum {
            return self.visit_str(v);
        }
        self.state
            .out(self.visitor.visit_borrowed_str::<Error<E>>(v))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        if self.as_enum {
            return self.visit_str(&v);
        }
        self.state.out(self.visitor.visit_string::<Error<E>>(v))
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        self.state.out(self.visitor.visit_none::<Error<E>>())
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        self.state.out(self.visitor.visit_unit::<Error<E>>())
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        let state = self.state;
        state.out(self.visitor.visit_some(Guard { de: d, state }))
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        let state = self.state;
        state.out(self.visitor.visit_newtype_struct(Guard { de: d, state }))
    }

    /// A list longer than the visitor reads (a third bound in
    /// `eligible_age`) is refused here for every source: serde_json's
    /// reader would call it a syntax error, serde-wasm-bindgen and the
    /// Python reader would drop the rest unread.
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        let state = self.state;
        let result = state.enter().and_then(|_level| {
            let mut seq = Seq {
                seq,
                state,
                read: 0,
            };
            let value = self.visitor.visit_seq(&mut seq)?;
            let read = seq.read;
            let mut more = 0;
            while seq.next_element::<IgnoredAny>()?.is_some() {
                more += 1;
            }
            if more > 0 {
                return Err(de::Error::invalid_length(
                    read + more,
                    &"fewer elements in array",
                ));
            }
            Ok(value)
        });
        state.out(result)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        let state = self.state;
        let result = state.enter().and_then(|_level| {
            if self.as_enum {
                let mut map = map;
                let value = self.visitor.visit_enum(MapEnum {
                    map: &mut map,
                    state,
                })?;
                // Found here, not in the variant's content, so that the
                // error is the enum's (its path ends at the criterion).
                let next = Seed {
                    seed: PhantomData::<IgnoredAny>,
                    state,
                };
                match state.back(map.next_key_seed(next))? {
                    Some(IgnoredAny) => Err(one_key()),
                    None => Ok(value),
                }
            } else {
                self.visitor.visit_map(Map { map, state })
            }
        });
        state.out(result)
    }

    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<Self::Value, A::Error> {
        let state = self.state;
        let result = state
            .enter()
            .and_then(|_level| self.visitor.visit_enum(Enum { data, state }));
        state.out(result)
    }
}

/// The proxy seed: what the source deserializes next goes through the guard.
struct Seed<'s, S> {
    seed: S,
    state: &'s State,
}

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for Seed<'_, S> {
    type Value = S::Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        let state = self.state;
        state.out(self.seed.deserialize(Guard { de: d, state }))
    }
}

/// The proxy of a source's list.
struct Seq<'s, A> {
    seq: A,
    state: &'s State,
    /// Elements read so far.
    read: usize,
}

impl<'de, A: SeqAccess<'de>> SeqAccess<'de> for Seq<'_, A> {
    type Error = Error<A::Error>;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Self::Error> {
        let state = self.state;
        let element = state.back(self.seq.next_element_seed(Seed { seed, state }))?;
        self.read += usize::from(element.is_some());
        Ok(element)
    }

    fn size_hint(&self) -> Option<usize> {
        self.seq.size_hint()
    }
}

/// The proxy of a source's map.
struct Map<'s, A> {
    map: A,
    state: &'s State,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Map<'_, A> {
    type Error = Error<A::Error>;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Self::Error> {
        let state = self.state;
        state.back(self.map.next_key_seed(Seed { seed, state }))
    }

    fn next_value_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<T::Value, Self::Error> {
        let state = self.state;
        state.back(self.map.next_value_seed(Seed { seed, state }))
    }

    fn size_hint(&self) -> Option<usize> {
        self.map.size_hint()
    }
}

/// The proxy of a source's own enum access. No source in use hands one to
/// the guard (it reads enums itself), but the proxy is kept whole so that a
/// new source cannot slip past it.
struct Enum<'s, A> {
    data: A,
    state: &'s State,
}

impl<'s, 'de, A: EnumAccess<'de>> EnumAccess<'de> for Enum<'s, A> {
    type Error = Error<A::Error>;
    type Variant = Variant<'s, A::Variant>;

    fn variant_seed<T: DeserializeSeed<'de>>(
        self,
        seed: T,
    ) -> Result<(T::Value, Self::Variant), Self::Error> {
        let state = self.state;
        let (value, variant) = state.back(self.data.variant_seed(Seed { seed, state }))?;
        Ok((value, Variant { variant, state }))
    }
}

/// The proxy of a source's variant access.
struct Variant<'s, A> {
    variant: A,
    state: &'s State,
}

impl<'de, A: VariantAccess<'de>> VariantAccess<'de> for Variant<'_, A> {
    type Error = Error<A::Error>;

    fn unit_variant(self) -> Result<(), Self::Error> {
        self.state.back(self.variant.unit_variant())
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(
        self,
        seed: T,
    ) -> Result<T::Value, Self::Error> {
        let state = self.state;
        state.back(self.variant.newtype_variant_seed(Seed { seed, state }))
    }

    fn tuple_variant<V: Visitor<'de>>(
        self,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        let state = self.state;
        let visitor = Wrap {
            visitor,
            state,
            as_enum: false,
        };
        state.back(self.variant.tuple_variant(len, visitor))
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        let state = self.state;
        let visitor = Wrap {
            visitor,
            state,
            as_enum: false,
        };
        state.back(self.variant.struct_variant(fields, visitor))
    }
}

/// The error for an enum given as a map without exactly one key, in
/// serde_json::Value's words.
fn one_key<E: fmt::Display + fmt::Debug>() -> Error<E> {
    de::Error::invalid_value(Unexpected::Map, &"map with a single key")
}

/// An enum read from a one-key map: the key is the variant, its value the
/// variant's content.
struct MapEnum<'s, A> {
    map: A,
    state: &'s State,
}

impl<'s, 'de, A: MapAccess<'de>> EnumAccess<'de> for MapEnum<'s, A> {
    type Error = Error<A::Error>;
    type Variant = MapVariant<'s, A>;

    fn variant_seed<T: DeserializeSeed<'de>>(
        mut self,
        seed: T,
    ) -> Result<(T::Value, Self::Variant), Self::Error> {
        // A source that knows the map's size refuses a second key before
        // reading either, as the old reading through serde_json::Value did;
        // JSON text is read as it streams, so there the second key is found
        // after the first one's content (Wrap::visit_map).
        if self.map.size_hint().is_some_and(|n| n != 1) {
            return Err(one_key());
        }
        let state = self.state;
        match state.back(self.map.next_key_seed(Seed { seed, state }))? {
            Some(variant) => Ok((
                variant,
                MapVariant {
                    map: self.map,
                    state,
                },
            )),
            None => Err(one_key()),
        }
    }
}

/// The content of a variant read from a one-key map.
struct MapVariant<'s, A> {
    map: A,
    state: &'s State,
}

impl<'de, A: MapAccess<'de>> MapVariant<'_, A> {
    /// Reads the content (`Wrap::visit_map` then makes sure no second key
    /// follows).
    fn content<T: DeserializeSeed<'de>>(mut self, seed: T) -> Result<T::Value, Error<A::Error>> {
        let state = self.state;
        state.back(self.map.next_value_seed(Seed { seed, state }))
    }
}

impl<'de, A: MapAccess<'de>> VariantAccess<'de> for MapVariant<'_, A> {
    type Error = Error<A::Error>;

    /// `{"first": null}` reads as the unit variant `first`, as it did
    /// through serde_json::Value.
    fn unit_variant(self) -> Result<(), Self::Error> {
        self.content(PhantomData::<()>)
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(
        self,
        seed: T,
    ) -> Result<T::Value, Self::Error> {
        self.content(seed)
    }

    fn tuple_variant<V: Visitor<'de>>(
        self,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        self.content(TupleSeed(len, visitor))
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        self.content(StructSeed(fields, visitor))
    }
}

/// A tuple variant's content, read with the variant's visitor.
struct TupleSeed<V>(usize, V);

impl<'de, V: Visitor<'de>> DeserializeSeed<'de> for TupleSeed<V> {
    type Value = V::Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<V::Value, D::Error> {
        d.deserialize_tuple(self.0, self.1)
    }
}

/// A struct variant's content, read with the variant's visitor.
struct StructSeed<V>(&'static [&'static str], V);

impl<'de, V: Visitor<'de>> DeserializeSeed<'de> for StructSeed<V> {
    type Value = V::Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<V::Value, D::Error> {
        d.deserialize_struct("variant", self.0, self.1)
    }
}
