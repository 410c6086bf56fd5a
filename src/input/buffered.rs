//! An input read whole into memory, then read again as the request: for formats whose
//! deserializer hands the readers more than one kind of map.
//!
//! serde-wasm-bindgen hands a struct's reader one `MapAccess` type for a plain object and
//! another for a JavaScript `Map`, so every request type's derived reader was compiled twice,
//! each copy inlined into serde-wasm-bindgen's own code: a fifth of the wasm module. Read
//! through [`Buffered`], the format is asked for one kind of thing only (any value, which it
//! reads in the same crossings as before), and every request reader is compiled once, for
//! this in-memory form. serde-wasm-bindgen still reads every request; it reads it into this.
//!
//! It keeps what the readers distinguish (`null`, a boolean, an integer, a number, text, an
//! array, an object with its keys in order) and marks a value the format could not read at
//! all ([`Buffered::Unreadable`]: a function, a symbol, a BigInt past 64 bits), so that the
//! readers report it with its path exactly as when they read the format directly.

use serde::de::value::{MapDeserializer, SeqDeserializer};
use serde::de::{self, DeserializeSeed, Deserializer, IntoDeserializer, MapAccess, SeqAccess, Visitor};

use super::{Failure, MAX_RESERVED};

/// Deeper than any request (`ladder.tiers[0].name` is four levels), and shallow enough for
/// wasm's stack: a list or object at this depth (the input itself is at depth 0) is kept as
/// [`Buffered::Unreadable`], which no reader reaches, since every reader refuses the shape
/// above it first. A binding that builds a [`Buffered`] itself must cut at the same depth.
/// The package's JS layer copies inputs to this same depth: the boundary's description
/// (examples/boundary.rs) hands it over.
pub const MAX_DEPTH: u32 = 32;

/// A value as the format handed it over, held in memory: the kinds the request readers tell
/// apart. Read it as a request with [`super::decode_value`].
#[derive(Debug, Clone, PartialEq)]
pub enum Buffered {
    /// `null` or `undefined` (serde has one "nothing").
    Null,
    /// A boolean.
    Bool(bool),
    /// An integer the format handed over as signed (serde-wasm-bindgen: a safe-integer number).
    Integer(i64),
    /// An integer the format handed over as unsigned (a JSON integer, a BigInt past `i64`).
    Unsigned(u64),
    /// Any other number, `NaN` and the infinities included.
    Number(f64),
    /// Text.
    Text(String),
    /// Bytes (a `Uint8Array`): no request takes them.
    Bytes,
    /// A list's elements, in order.
    List(Vec<Buffered>),
    /// An object's entries, in the order the format gave them.
    Object(Vec<(Buffered, Buffered)>),
    /// A value the format could not read, or a list or object nested [`MAX_DEPTH`] deep.
    Unreadable,
}

/// Reads one value of any kind into a [`Buffered`], `depth` levels down.
#[derive(Clone, Copy)]
pub(crate) struct BufferSeed {
    pub(crate) depth: u32,
}

impl BufferSeed {
    fn inner(self) -> Option<BufferSeed> {
        (self.depth < MAX_DEPTH).then(|| BufferSeed { depth: self.depth.saturating_add(1) })
    }
}

impl<'de> DeserializeSeed<'de> for BufferSeed {
    type Value = Buffered;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Buffered, D::Error> {
        // A value the format cannot read at all is marked, not fatal: its reader reports it.
        Ok(deserializer.deserialize_any(self).unwrap_or(Buffered::Unreadable))
    }
}

impl<'de> Visitor<'de> for BufferSeed {
    type Value = Buffered;

    fn expecting(&self, formatter: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        formatter.write_str("any value")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Buffered, E> {
        Ok(Buffered::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Buffered, E> {
        Ok(Buffered::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Buffered, D::Error> {
        self.deserialize(deserializer)
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, deserializer: D) -> Result<Buffered, D::Error> {
        self.deserialize(deserializer)
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<Buffered, E> {
        Ok(Buffered::Bool(value))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Buffered, E> {
        Ok(Buffered::Integer(value))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Buffered, E> {
        Ok(Buffered::Unsigned(value))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Buffered, E> {
        Ok(Buffered::Number(value))
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Buffered, E> {
        Ok(Buffered::Text(text.to_owned()))
    }

    fn visit_string<E: de::Error>(self, text: String) -> Result<Buffered, E> {
        Ok(Buffered::Text(text))
    }

    fn visit_bytes<E: de::Error>(self, _: &[u8]) -> Result<Buffered, E> {
        Ok(Buffered::Bytes)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Buffered, A::Error> {
        let Some(inner) = self.inner() else { return Ok(Buffered::Unreadable) };
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(MAX_RESERVED));
        loop {
            match seq.next_element_seed(inner) {
                Ok(Some(item)) => items.push(item),
                Ok(None) => break,
                // The list ends at an element the format could not read: reading stops at
                // the first failure, and that one is reported with its index.
                Err(_) => {
                    items.push(Buffered::Unreadable);
                    break;
                }
            }
        }
        Ok(Buffered::List(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Buffered, A::Error> {
        let Some(inner) = self.inner() else { return Ok(Buffered::Unreadable) };
        let mut entries = Vec::with_capacity(map.size_hint().unwrap_or(0).min(MAX_RESERVED));
        loop {
            let key = match map.next_key_seed(KeySeed) {
                Ok(Some(key)) => key,
                Ok(None) => break,
                // A key that is not text (a `Map`'s), or an entry that could not be read, where
                // there may be no value to take: the whole object is unreadable.
                Err(_) => return Ok(Buffered::Unreadable),
            };
            match map.next_value_seed(inner) {
                Ok(value) => entries.push((key, value)),
                // As in a list, the entries end at the first that failed.
                Err(_) => {
                    entries.push((key, Buffered::Unreadable));
                    break;
                }
            }
        }
        Ok(Buffered::Object(entries))
    }
}

/// Reads a key, which every request's reader takes as text, asking the format for text
/// alone: serde-wasm-bindgen then makes one crossing instead of five probes of its kind.
struct KeySeed;

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Buffered;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Buffered, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeySeed {
    type Value = Buffered;

    fn expecting(&self, formatter: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        formatter.write_str("a string")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Buffered, E> {
        Ok(Buffered::Text(text.to_owned()))
    }

    fn visit_string<E: de::Error>(self, text: String) -> Result<Buffered, E> {
        Ok(Buffered::Text(text))
    }
}

/// The buffered value as a format of its own, whose errors are [`Failure`]s.
impl<'de> Deserializer<'de> for Buffered {
    type Error = Failure;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Failure> {
        match self {
            Buffered::Null => visitor.visit_unit(),
            Buffered::Bool(value) => visitor.visit_bool(value),
            Buffered::Integer(value) => visitor.visit_i64(value),
            Buffered::Unsigned(value) => visitor.visit_u64(value),
            Buffered::Number(value) => visitor.visit_f64(value),
            Buffered::Text(text) => visitor.visit_string(text),
            Buffered::Bytes => visitor.visit_bytes(&[]),
            Buffered::List(items) => visitor.visit_seq(SeqDeserializer::new(items.into_iter())),
            Buffered::Object(entries) => visitor.visit_map(MapDeserializer::new(entries.into_iter())),
            // An error no reader explained: the reader it reaches says what it expected.
            Buffered::Unreadable => Err(de::Error::custom("")),
        }
    }

    /// `null` is absent, as serde-wasm-bindgen and serde_json have it.
    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Failure> {
        match self {
            Buffered::Null => visitor.visit_none(),
            value => visitor.visit_some(value),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        unit unit_struct newtype_struct seq tuple tuple_struct map struct enum identifier
        ignored_any
    }
}

impl<'de> IntoDeserializer<'de, Failure> for Buffered {
    type Deserializer = Buffered;

    fn into_deserializer(self) -> Buffered {
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What each buffering visitor says it expects, in the error a format raises when it is
    /// handed something else: a map key that is not a string (a JS `Map`'s number key).
    #[test]
    fn a_key_that_is_not_text_is_a_type_error_in_javascript_words() {
        use serde::de::IntoDeserializer;
        let key: serde::de::value::I64Deserializer<crate::input::Failure> = 5_i64.into_deserializer();
        let error = KeySeed.deserialize(key).unwrap_err();
        assert_eq!(error.to_string(), "must be a string (got the number 5)");
        assert_eq!((&BufferSeed { depth: 0 } as &dyn de::Expected).to_string(), "any value");
    }

    fn buffer(json: &str) -> Buffered {
        BufferSeed { depth: 0 }.deserialize(&mut serde_json::Deserializer::from_str(json)).unwrap()
    }

    #[test]
    fn keeps_every_kind_and_the_order_of_keys() {
        assert_eq!(
            buffer(r#"{"b": [1, -2, 1.5, "x", null, true], "a": {}}"#),
            Buffered::Object(vec![
                (
                    Buffered::Text("b".into()),
                    Buffered::List(vec![Buffered::Unsigned(1), Buffered::Integer(-2), Buffered::Number(1.5), Buffered::Text("x".into()), Buffered::Null, Buffered::Bool(true)])
                ),
                (Buffered::Text("a".into()), Buffered::Object(vec![])),
            ])
        );
    }

    #[test]
    fn deep_nesting_is_cut_off_not_followed() {
        let mut deep = Buffered::Null;
        for _ in 0..1000 {
            deep = Buffered::List(vec![deep]);
        }
        let mut value = BufferSeed { depth: 0 }.deserialize(deep).unwrap();
        let mut levels = 0;
        while let Buffered::List(mut items) = value {
            levels += 1;
            value = items.pop().unwrap();
        }
        assert_eq!((levels, value), (MAX_DEPTH as usize, Buffered::Unreadable));
    }
}
