//! Untyped input and its decoding into typed requests, with the path of every field.
//!
//! Callers hand over a JSON-like [`Value`] (serde builds one from a JS object through
//! serde-wasm-bindgen, or from JSON through serde_json). Decoding it by hand rather than
//! with derived `Deserialize` impls is what gives every error its precise `code` and its
//! `field` path (`"tierTotals[2]"`), which serde's own errors do not carry.

use alloc::{borrow::ToOwned, string::String, vec::Vec};
use core::fmt;

use rust_decimal::Decimal;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

use crate::error::{out_of_range, Error, ErrorCode, Result};
use crate::ladder::{Ladder, PointsKind, Tier};
use crate::number::{decimal_from_f64, not_finite, parse_decimal};
use crate::period::parse_timestamp;
use crate::text::{text, Piece, Quoted};

/// A JSON-like value. `Unsupported` stands for what can come from JavaScript but is no JSON
/// (a byte array, a BigInt, a function), so that it is refused with a path like any other type.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    /// A number; decimals are read from its shortest round-trip text (see [`decimal`]).
    Number(f64),
    String(String),
    Array(Vec<Value>),
    /// A typed array of numbers (`Float64Array`, `Int32Array`, …), taken in one copy; it
    /// stands wherever an array of numbers may.
    Numbers(Vec<f64>),
    Object(Vec<(String, Value)>),
    Unsupported(&'static str),
}

impl Value {
    fn kind(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Number(_) => "a number",
            Value::String(_) => "a string",
            Value::Array(_) => "an array",
            Value::Numbers(_) => "a typed array",
            Value::Object(_) => "an object",
            Value::Unsupported(kind) => kind,
        }
    }
}

/// Deeper nesting than any request has is refused while reading, before it can exhaust the
/// (small, in wasm) stack: the reader recurses once per level.
pub const MAX_DEPTH: usize = 32;
/// Integers beyond this came from a BigInt: JS numbers lose integer precision past it.
const MAX_SAFE_INTEGER: u64 = (1 << 53) - 1;

struct ValueSeed {
    depth: usize,
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> core::result::Result<Value, D::Error> {
        ValueSeed { depth: 0 }.deserialize(deserializer)
    }
}

impl<'de> DeserializeSeed<'de> for ValueSeed {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> core::result::Result<Value, D::Error> {
        if self.depth > MAX_DEPTH {
            return Err(de::Error::custom(text!("nested more than ", MAX_DEPTH, " levels deep")));
        }
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ValueSeed {
    type Value = Value;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("a JSON-like value")
    }

    fn visit_unit<E>(self) -> core::result::Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> core::result::Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> core::result::Result<Value, D::Error> {
        self.deserialize(deserializer)
    }

    fn visit_bool<E>(self, value: bool) -> core::result::Result<Value, E> {
        Ok(Value::Bool(value))
    }

    fn visit_i64<E>(self, value: i64) -> core::result::Result<Value, E> {
        Ok(if value.unsigned_abs() <= MAX_SAFE_INTEGER { Value::Number(value as f64) } else { Value::Unsupported("an integer beyond 2^53") })
    }

    fn visit_u64<E>(self, value: u64) -> core::result::Result<Value, E> {
        Ok(if value <= MAX_SAFE_INTEGER { Value::Number(value as f64) } else { Value::Unsupported("an integer beyond 2^53") })
    }

    fn visit_f64<E>(self, value: f64) -> core::result::Result<Value, E> {
        Ok(Value::Number(value))
    }

    fn visit_str<E>(self, value: &str) -> core::result::Result<Value, E> {
        Ok(Value::String(value.to_owned()))
    }

    fn visit_string<E>(self, value: String) -> core::result::Result<Value, E> {
        Ok(Value::String(value))
    }

    fn visit_bytes<E>(self, _: &[u8]) -> core::result::Result<Value, E> {
        Ok(Value::Unsupported("a byte array"))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> core::result::Result<Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        while let Some(item) = seq.next_element_seed(ValueSeed { depth: self.depth + 1 })? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> core::result::Result<Value, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            entries.push((key, map.next_value_seed(ValueSeed { depth: self.depth + 1 })?));
        }
        Ok(Value::Object(entries))
    }
}

/// The path of `key` inside the object at `path`.
pub fn join(path: &str, key: &str) -> String {
    if path.is_empty() { key.to_owned() } else { text!(path, ".", key) }
}

fn wrong_type(value: &Value, field: &str, expected: &str) -> Error {
    Error::new(ErrorCode::InvalidType, field, text!("must be ", expected, " (got ", value.kind(), ")"))
}

/// Names separated by commas.
struct Listed<'a>(&'a [&'a str]);

impl Piece for Listed<'_> {
    fn push_to(&self, text: &mut String) {
        for (index, name) in self.0.iter().enumerate() {
            if index > 0 {
                text.push_str(", ");
            }
            text.push_str(name);
        }
    }
}

/// An input object whose keys have been checked against the fields an operation reads.
pub struct Object<'a> {
    path: String,
    entries: &'a [(String, Value)],
}

impl<'a> Object<'a> {
    /// `value` as an object, refusing any key not in `allowed` (usually a typo).
    pub fn new(value: &'a Value, path: &str, allowed: &[&str]) -> Result<Object<'a>> {
        let Value::Object(entries) = value else {
            return Err(wrong_type(value, path, "an object"));
        };
        if let Some((key, _)) = entries.iter().find(|(key, _)| !allowed.contains(&key.as_str())) {
            return Err(Error::new(
                ErrorCode::UnknownField,
                join(path, key),
                text!("is not a field of this input (expected one of: ", Listed(allowed), ")"),
            ));
        }
        Ok(Object { path: path.to_owned(), entries })
    }

    pub fn field(&self, key: &str) -> String {
        join(&self.path, key)
    }

    /// The value of `key`; `null` and `undefined` count as absent, as JS callers expect.
    pub fn get(&self, key: &str) -> Option<&'a Value> {
        self.entries.iter().rev().find(|(name, _)| name == key).map(|(_, value)| value).filter(|value| **value != Value::Null)
    }

    pub fn require(&self, key: &str) -> Result<&'a Value> {
        self.get(key).ok_or_else(|| Error::new(ErrorCode::MissingField, self.field(key), "is required"))
    }

    /// Decodes `key` with `decode` if present.
    pub fn optional<T>(&self, key: &str, decode: impl FnOnce(&'a Value, &str) -> Result<T>) -> Result<Option<T>> {
        self.get(key).map(|value| decode(value, &self.field(key))).transpose()
    }

    pub fn required<T>(&self, key: &str, decode: impl FnOnce(&'a Value, &str) -> Result<T>) -> Result<T> {
        decode(self.require(key)?, &self.field(key))
    }
}

/// A decimal: a string in plain or scientific notation, or a finite number read through its
/// shortest round-trip text.
pub fn decimal(value: &Value, field: &str) -> Result<Decimal> {
    match value {
        Value::String(text) => parse_decimal(text, field),
        Value::Number(number) => decimal_from_f64(*number, field),
        other => Err(wrong_type(other, field, "a decimal string or a number")),
    }
}

/// An array of decimals, or a typed array of numbers.
pub fn decimal_list(value: &Value, field: &str) -> Result<Vec<Decimal>> {
    let at = |index: usize| move |error: Error| error.at(text!(field, "[", index, "]"));
    match value {
        Value::Numbers(numbers) => numbers.iter().enumerate().map(|(index, &number)| decimal_from_f64(number, "").map_err(at(index))).collect(),
        _ => array(value, field)?.iter().enumerate().map(|(index, item)| decimal(item, "").map_err(at(index))).collect(),
    }
}

/// An array of whole numbers, or a typed array of them.
pub fn integer_list(value: &Value, field: &str) -> Result<Vec<i64>> {
    let at = |index: usize| move |error: Error| error.at(text!(field, "[", index, "]"));
    match value {
        Value::Numbers(numbers) => numbers.iter().enumerate().map(|(index, &number)| integer(&Value::Number(number), "").map_err(at(index))).collect(),
        _ => array(value, field)?.iter().enumerate().map(|(index, item)| integer(item, "").map_err(at(index))).collect(),
    }
}

pub fn boolean(value: &Value, field: &str) -> Result<bool> {
    match value {
        Value::Bool(flag) => Ok(*flag),
        other => Err(wrong_type(other, field, "true or false")),
    }
}

pub fn array<'a>(value: &'a Value, field: &str) -> Result<&'a [Value]> {
    match value {
        Value::Array(items) => Ok(items),
        other => Err(wrong_type(other, field, "an array")),
    }
}

pub fn string<'a>(value: &'a Value, field: &str) -> Result<&'a str> {
    match value {
        Value::String(text) => Ok(text),
        other => Err(wrong_type(other, field, "a string")),
    }
}

/// A whole number; a fraction where an integer belongs is a type error.
pub fn integer(value: &Value, field: &str) -> Result<i64> {
    match value {
        Value::Number(number) if is_whole(*number) => Ok(*number as i64),
        Value::Number(number) if !number.is_finite() => Err(not_finite(*number, field)),
        other => Err(wrong_type(other, field, "a whole number")),
    }
}

/// Whether a double is finite and whole: all are from 2^52 up; below, truncation is exact.
fn is_whole(number: f64) -> bool {
    const WHOLE_FROM: f64 = 4_503_599_627_370_496.0; // 2^52
    number.is_finite() && (number.abs() >= WHOLE_FROM || number as i64 as f64 == number)
}

/// A whole number within `range`.
pub fn integer_in(value: &Value, field: &str, range: core::ops::RangeInclusive<i64>) -> Result<i64> {
    let number = integer(value, field)?;
    if !range.contains(&number) {
        return Err(out_of_range(field, text!("must be ", range.start(), " to ", range.end(), " (got ", number, ")")));
    }
    Ok(number)
}

/// An instant: epoch milliseconds, or an ISO-8601 string.
pub fn timestamp(value: &Value, field: &str) -> Result<i64> {
    match value {
        Value::String(text) => parse_timestamp(text, field),
        Value::Number(_) => integer(value, field),
        other => Err(wrong_type(other, field, "epoch milliseconds, an ISO-8601 string or a Date")),
    }
}

/// `"personal"`, `"ambassador"` or a ladder object `{ name?, points?, tiers }`.
pub fn ladder(value: &Value, field: &str) -> Result<Ladder> {
    let invalid = |detail: String| Error::new(ErrorCode::InvalidLadder, field, detail);
    match value {
        Value::String(name) if name == "personal" => Ok(Ladder::personal()),
        Value::String(name) if name == "ambassador" => Ok(Ladder::ambassador()),
        Value::String(name) => Err(invalid(text!(Quoted(name), " is not a ladder (use \"personal\", \"ambassador\" or a ladder object)"))),
        Value::Object(_) => {
            let object = Object::new(value, field, &["name", "points", "tiers"])?;
            let name = object.optional("name", string)?.unwrap_or("custom");
            let points = match object.optional("points", string)? {
                None | Some("STP") => PointsKind::Stp,
                Some("STPR") => PointsKind::Stpr,
                Some(other) => return Err(Error::new(ErrorCode::InvalidLadder, object.field("points"), text!("must be \"STP\" or \"STPR\" (got ", Quoted(other), ")"))),
            };
            let tiers_field = object.field("tiers");
            let tiers = array(object.require("tiers")?, &tiers_field)?
                .iter()
                .enumerate()
                .map(|(index, tier)| {
                    let tier = Object::new(tier, &text!(tiers_field, "[", index, "]"), &["name", "need", "share"])?;
                    Ok(Tier {
                        name: tier.required("name", string)?.to_owned(),
                        need: tier.required("need", decimal)?,
                        share: tier.required("share", decimal)?,
                    })
                })
                .collect::<Result<Vec<_>>>()?;
            Ladder::new(name, points, tiers)
        }
        other => Err(wrong_type(other, field, "\"personal\", \"ambassador\" or a ladder object")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json(text: &str) -> Value {
        serde_json::from_str(text).unwrap()
    }

    #[test]
    fn unknown_fields_are_named_before_missing_ones() {
        let value = json(r#"{"stp": "1", "tierTotal": []}"#);
        let err = Object::new(&value, "", &["stp", "tierTotals"]).err().unwrap();
        assert_eq!((err.code, err.field.as_str()), (ErrorCode::UnknownField, "tierTotal"));
        let null_stp = json(r#"{"stp": null}"#);
        let object = Object::new(&null_stp, "", &["stp"]).ok().unwrap();
        let err = object.require("stp").unwrap_err();
        assert_eq!((err.code, err.field.as_str()), (ErrorCode::MissingField, "stp"));
    }

    #[test]
    fn numbers_are_read_through_their_shortest_text() {
        let read = |number: f64| decimal(&Value::Number(number), "x");
        assert_eq!(read(0.1).unwrap(), Decimal::new(1, 1));
        assert_eq!(read(0.1 + 0.2).unwrap().to_string(), "0.30000000000000004");
        assert_eq!(read(1e21).unwrap().to_string(), "1000000000000000000000");
        assert_eq!(read(1.5e-7).unwrap().to_string(), "0.00000015");
        assert_eq!(read(-0.0).unwrap(), Decimal::ZERO);
        assert_eq!(read(f64::NAN).unwrap_err().code, ErrorCode::InvalidNumber);
        assert_eq!(read(f64::INFINITY).unwrap_err().code, ErrorCode::InvalidNumber);
        assert_eq!(read(1e300).unwrap_err().code, ErrorCode::OutOfRange);
    }

    #[test]
    fn decimals_from_strings_and_numbers() {
        assert_eq!(decimal(&json("0.1"), "x").unwrap(), Decimal::new(1, 1));
        assert_eq!(decimal(&json(r#""1.5e3""#), "x").unwrap(), Decimal::from(1500));
        assert_eq!(decimal(&json("true"), "x").unwrap_err().code, ErrorCode::InvalidType);
        assert_eq!(decimal_list(&json(r#"["1", "x"]"#), "tierTotals").unwrap_err().field, "tierTotals[1]");
    }

    #[test]
    fn integers_refuse_fractions() {
        assert_eq!(integer(&json("6"), "decimals").unwrap(), 6);
        assert_eq!(integer(&json("6.5"), "decimals").unwrap_err().code, ErrorCode::InvalidType);
        assert_eq!(integer(&json(r#""6""#), "decimals").unwrap_err().code, ErrorCode::InvalidType);
        assert_eq!(integer_in(&json("19"), "decimals", 0..=18).unwrap_err().code, ErrorCode::OutOfRange);
    }

    #[test]
    fn deep_nesting_is_refused_while_reading() {
        // (serde_json stops at 128 levels by itself; serde-wasm-bindgen has no limit of its own)
        let deep = format!("{}{}", "[".repeat(MAX_DEPTH + 2), "]".repeat(MAX_DEPTH + 2));
        assert!(serde_json::from_str::<Value>(&deep).unwrap_err().to_string().contains("nested more than"));
        let fine = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(serde_json::from_str::<Value>(&fine).is_ok());
    }

    #[test]
    fn ladder_objects_are_validated_with_paths() {
        let ladder_value = json(r#"{"tiers": [{"name": "A", "need": "1", "share": "0.5"}, {"name": "B", "need": "x", "share": "0.5"}]}"#);
        assert_eq!(ladder(&ladder_value, "ladder").unwrap_err().field, "ladder.tiers[1].need");
        assert_eq!(ladder(&json(r#""gold""#), "ladder").unwrap_err().code, ErrorCode::InvalidLadder);
        assert_eq!(ladder(&json(r#"{"tiers": [{"name": "A", "need": "1", "share": "0.5", "k": 1}]}"#), "ladder").unwrap_err().field, "ladder.tiers[0].k");
        let custom = ladder(&json(r#"{"name": "two", "points": "STPR", "tiers": [{"name": "A", "need": 0, "share": 1}]}"#), "ladder").unwrap();
        assert_eq!((custom.name(), custom.points(), custom.tiers().len()), ("two", PointsKind::Stpr, 1));
    }
}
