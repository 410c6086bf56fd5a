//! Reading requests from any serde data format — a JSON body through serde_json, a JavaScript
//! object through serde-wasm-bindgen — with the contract's error codes and field paths.
//!
//! [`decode`] runs the request's `Deserialize` under [`serde_path_to_error`], which knows
//! where in the input a failure happened (`tierTotals[2]`), and turns the failure into an
//! [`Error`]: serde's own messages (`missing field`, `unknown field`, `invalid type`) by their
//! documented wording, and this crate's (a number that does not parse, a ladder name that
//! does not exist) by the code they start with. Only the shape and the numbers are read
//! here; the rules (negative amounts, consistent totals, valid ladders) are the operations'.
//!
//! ```
//! use soei_rewards::{input::decode, ErrorCode, PersonalRewardRequest};
//! let mut json = serde_json::Deserializer::from_str(r#"{"stp": "850", "pool": "1,000", "tierTotals": []}"#);
//! let error = decode::<PersonalRewardRequest, _>(&mut json).unwrap_err();
//! assert_eq!((error.code, error.field.as_str()), (ErrorCode::InvalidNumber, "pool"));
//! ```
// TODO(i18): src/input.rs is being rewritten (errors as data, issue 18); its rewrite makes it
// pass the crate's no-panic lints, and removes this exemption.
#![allow(clippy::arithmetic_side_effects, clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used, clippy::non_canonical_clone_impl)]

use std::fmt;
use std::marker::PhantomData;

use rust_decimal::Decimal;
use serde::de::value::MapAccessDeserializer;
use serde::de::{self, DeserializeSeed, Deserializer, IntoDeserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_path_to_error::Segment;

use crate::error::{Error, ErrorCode, Result};
use crate::number::{decimal_from_f64, parse_decimal};
use crate::period::parse_timestamp;

/// Reads a `T` from `deserializer`, failing with the contract's code and the field's path.
pub fn decode<'de, T: Deserialize<'de>, D: Deserializer<'de>>(deserializer: D) -> Result<T>
where
    D::Error: fmt::Display,
{
    decode_with(deserializer, |error| error.to_string())
}

/// [`decode`] for a format whose errors print more than their message: `message` gives the
/// message itself (serde-wasm-bindgen's errors are JS `Error`s, printed `"Error: …"`).
pub fn decode_with<'de, T: Deserialize<'de>, D: Deserializer<'de>>(deserializer: D, message: impl FnOnce(D::Error) -> String) -> Result<T> {
    serde_path_to_error::deserialize(deserializer).map_err(|error| {
        let path = field_path(error.path());
        from_message(path, &message(error.into_inner()))
    })
}

/// `tierTotals[2]`, `ladder.tiers[0].share`: the contract's spelling of a path.
fn field_path(path: &serde_path_to_error::Path) -> String {
    let mut text = String::new();
    for segment in path.iter() {
        match segment {
            Segment::Seq { index } => text.push_str(&format!("[{index}]")),
            Segment::Map { key } => text = join(&text, key),
            Segment::Enum { .. } | Segment::Unknown => {}
        }
    }
    text
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() { key.to_owned() } else { format!("{path}.{key}") }
}

/// The text between the first pair of backticks: serde quotes names and values that way.
fn quoted(message: &str) -> Option<&str> {
    let start = message.find('`')? + 1;
    let length = message[start..].find('`')?;
    Some(&message[start..start + length])
}

/// The error a failure message stands for, at `path`.
fn from_message(path: String, message: &str) -> Error {
    // serde_json ends its messages with a position in the text; the path says where already.
    let message = match message.rsplit_once(" at line ") {
        Some((message, position)) if position.split(" column ").all(|number| number.parse::<u64>().is_ok()) => message,
        _ => message,
    };
    // This crate's own failures: "<code>: <detail>" (see `coded`).
    if let Some((code, detail)) = message.split_once(": ")
        && let Ok(code) = code.parse::<ErrorCode>()
    {
        return Error::new(code, path, detail);
    }
    // serde's, in the wording of serde::de::Error's provided methods.
    if message.starts_with("missing field") {
        let name = quoted(message).unwrap_or_default();
        return Error::new(ErrorCode::MissingField, join(&path, name), "is required");
    }
    if message.starts_with("unknown field") {
        let name = quoted(message).unwrap_or_default();
        // ", expected one of `a`, `b`, `c`", ", expected `a` or `b`", ", expected `a`" or
        // ", there are no fields".
        let expected = message.split_once(", expected ").map_or("", |(_, list)| list);
        let expected = expected.strip_prefix("one of ").unwrap_or(expected).replace("` or `", ", ").replace('`', "");
        let detail = if expected.is_empty() {
            "is not a field of this input".to_owned()
        } else {
            format!("is not a field of this input (expected one of: {expected})")
        };
        // Whether the path already ends at the key depends on where the key was read.
        let field = if path == name || path.ends_with(&format!(".{name}")) { path } else { join(&path, name) };
        return Error::new(ErrorCode::UnknownField, field, detail);
    }
    if let Some(rest) = message.strip_prefix("invalid type: ")
        && let Some((got, expected)) = rest.split_once(", expected ")
    {
        return Error::new(ErrorCode::InvalidType, path, format!("must be {expected} (got {})", in_js_words(got)));
    }
    if let Some(rest) = message.strip_prefix("invalid length ")
        && let Some((got, expected)) = rest.split_once(", expected ")
    {
        return Error::new(ErrorCode::InvalidType, path, format!("must have {expected} (got {got})"));
    }
    Error::new(ErrorCode::InvalidType, path, message)
}

/// serde's names for what it found, in the words of the JavaScript (or JSON) a caller wrote:
/// the detail is shown next to a form field.
fn in_js_words(got: &str) -> String {
    let quoted = quoted(got).unwrap_or_default();
    match got.split(' ').next().unwrap_or_default() {
        "unit" | "Option" => "null".to_owned(),
        "sequence" => "an array".to_owned(),
        "map" => "an object".to_owned(),
        "floating" | "integer" => format!("the number {}", quoted.strip_suffix(".0").unwrap_or(quoted)),
        "boolean" => quoted.to_owned(),
        _ => got.to_owned(),
    }
}

/// A failure of this crate's, in the form [`from_message`] reads back: serde carries errors
/// as text through the data format's own error type, so the code travels in the text.
fn coded<E: de::Error>(code: ErrorCode, detail: impl fmt::Display) -> E {
    E::custom(format_args!("{code}: {detail}"))
}

/// An [`Error`] raised while reading one value; its path is the position being read.
fn relay<E: de::Error>(error: Error) -> E {
    coded(error.code, error.detail)
}

/// A struct read from a map whose keys must all be its fields.
///
/// serde's `deny_unknown_fields` depends on the data format walking every key, and
/// serde-wasm-bindgen reads structs by looking up the declared fields alone
/// (serde-wasm-bindgen#39), so a typo would pass unnoticed. Request types therefore derive
/// their `Deserialize` with `#[serde(remote = "Self")]` (an inherent function), and
/// [`strict_struct!`] implements the trait by walking the map through [`CheckedKeys`].
pub(crate) trait StrictStruct<'de>: Sized {
    /// What the input should be, for messages: "an object".
    const EXPECTING: &'static str = "an object";
    /// The derived implementation.
    fn derived<D: Deserializer<'de>>(deserializer: D) -> core::result::Result<Self, D::Error>;
}

/// Implements `Deserialize` for request types through [`StrictStruct`].
macro_rules! strict_struct {
    ($($type:ty),+ $(,)?) => {$(
        impl<'de> $crate::input::StrictStruct<'de> for $type {
            fn derived<D: serde::Deserializer<'de>>(deserializer: D) -> core::result::Result<Self, D::Error> {
                <$type>::deserialize(deserializer)
            }
        }

        impl<'de> serde::Deserialize<'de> for $type {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> core::result::Result<Self, D::Error> {
                $crate::input::strict(deserializer)
            }
        }
    )+};
}
pub(crate) use strict_struct;

/// Reads a [`StrictStruct`].
pub(crate) fn strict<'de, T: StrictStruct<'de>, D: Deserializer<'de>>(deserializer: D) -> core::result::Result<T, D::Error> {
    deserializer.deserialize_any(StrictVisitor(PhantomData))
}

pub(crate) struct StrictVisitor<T>(pub(crate) PhantomData<T>);

impl<'de, T: StrictStruct<'de>> Visitor<'de> for StrictVisitor<T> {
    type Value = T;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(T::EXPECTING)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> core::result::Result<T, A::Error> {
        T::derived(MapAccessDeserializer::new(CheckedKeys { map, fields: field_names::<T>() }))
    }
}

/// The field names a derived struct declares (it hands them to `deserialize_struct`).
fn field_names<'de, T: StrictStruct<'de>>() -> &'static [&'static str] {
    let mut fields: &'static [&'static str] = &[];
    let _ = T::derived(FieldNames(&mut fields));
    fields
}

/// A deserializer that only records the fields it is asked for.
struct FieldNames<'a>(&'a mut &'static [&'static str]);

impl<'de> Deserializer<'de> for FieldNames<'_> {
    type Error = de::value::Error;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> core::result::Result<V::Value, Self::Error> {
        Err(de::Error::custom("only the field names are read"))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        fields: &'static [&'static str],
        _: V,
    ) -> core::result::Result<V::Value, Self::Error> {
        *self.0 = fields;
        Err(de::Error::custom("only the field names are read"))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option
        unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier ignored_any
    }
}

/// A map whose every key must be one of `fields`.
struct CheckedKeys<A> {
    map: A,
    fields: &'static [&'static str],
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for CheckedKeys<A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> core::result::Result<Option<K::Value>, A::Error> {
        let Some(key) = self.map.next_key::<String>()? else {
            return Ok(None);
        };
        if !self.fields.contains(&key.as_str()) {
            return Err(de::Error::unknown_field(&key, self.fields));
        }
        seed.deserialize(key.into_deserializer()).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> core::result::Result<V::Value, A::Error> {
        self.map.next_value_seed(seed)
    }
}

/// A decimal: a string in plain or scientific notation, or a number read through its
/// shortest round-trip text. `null` counts as absent.
struct DecimalVisitor;

impl<'de> Visitor<'de> for DecimalVisitor {
    type Value = Decimal;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("a decimal string or a number")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> core::result::Result<Decimal, E> {
        parse_decimal(text, "").map_err(relay)
    }

    fn visit_f64<E: de::Error>(self, number: f64) -> core::result::Result<Decimal, E> {
        decimal_from_f64(number, "").map_err(relay)
    }

    fn visit_i64<E: de::Error>(self, number: i64) -> core::result::Result<Decimal, E> {
        Ok(Decimal::from(number))
    }

    fn visit_u64<E: de::Error>(self, number: u64) -> core::result::Result<Decimal, E> {
        Ok(Decimal::from(number))
    }

    fn visit_unit<E: de::Error>(self) -> core::result::Result<Decimal, E> {
        Err(coded(ErrorCode::MissingField, "is required"))
    }

    fn visit_none<E: de::Error>(self) -> core::result::Result<Decimal, E> {
        self.visit_unit()
    }
}

/// One decimal, as a seed (for sequences, so the path names each element).
struct DecimalSeed;

impl<'de> DeserializeSeed<'de> for DecimalSeed {
    type Value = Decimal;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> core::result::Result<Decimal, D::Error> {
        deserializer.deserialize_any(DecimalVisitor)
    }
}

/// A required decimal field (`#[serde(deserialize_with = "…")]`).
pub(crate) fn decimal<'de, D: Deserializer<'de>>(deserializer: D) -> core::result::Result<Decimal, D::Error> {
    DecimalSeed.deserialize(deserializer)
}

/// An optional decimal field: absent, `null` and `undefined` are `None`.
pub(crate) fn optional_decimal<'de, D: Deserializer<'de>>(deserializer: D) -> core::result::Result<Option<Decimal>, D::Error> {
    deserializer.deserialize_option(Optional(DecimalSeed))
}

/// A list of decimals (an array, or any sequence the format has, such as a typed array).
pub(crate) fn decimal_list<'de, D: Deserializer<'de>>(deserializer: D) -> core::result::Result<Vec<Decimal>, D::Error> {
    deserializer.deserialize_seq(ListVisitor(DecimalSeed))
}

/// An optional list of decimals.
pub(crate) fn optional_decimal_list<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> core::result::Result<Option<Vec<Decimal>>, D::Error> {
    deserializer.deserialize_option(Optional(ListSeed(DecimalSeed)))
}

/// A list whose elements are read by one seed.
struct ListVisitor<S>(S);

impl<'de, S: DeserializeSeed<'de> + Copy> Visitor<'de> for ListVisitor<S> {
    type Value = Vec<S::Value>;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("an array")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> core::result::Result<Self::Value, A::Error> {
        // The hint is the caller's claim; a huge one must not reserve memory up front.
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1 << 16));
        while let Some(item) = seq.next_element_seed(self.0)? {
            items.push(item);
        }
        Ok(items)
    }
}

#[derive(Clone, Copy)]
struct ListSeed<S>(S);

impl<'de, S: DeserializeSeed<'de> + Copy> DeserializeSeed<'de> for ListSeed<S> {
    type Value = Vec<S::Value>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> core::result::Result<Self::Value, D::Error> {
        deserializer.deserialize_seq(ListVisitor(self.0))
    }
}

impl Clone for DecimalSeed {
    fn clone(&self) -> Self {
        DecimalSeed
    }
}

impl Copy for DecimalSeed {}

/// `None` for absent, `null` or `undefined`; otherwise what the seed reads.
struct Optional<S>(S);

impl<'de, S: DeserializeSeed<'de>> Visitor<'de> for Optional<S> {
    type Value = Option<S::Value>;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("a value or null")
    }

    fn visit_none<E: de::Error>(self) -> core::result::Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> core::result::Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> core::result::Result<Self::Value, D::Error> {
        self.0.deserialize(deserializer).map(Some)
    }
}

/// A whole number, given as a number: fractions are a type error, NaN and ±Infinity are not
/// numbers, and values beyond the target type are out of range (the operations check the
/// ranges they allow).
struct WholeSeed<T>(PhantomData<T>);

impl<T> Clone for WholeSeed<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for WholeSeed<T> {}

impl<'de, T: TryFrom<i64>> DeserializeSeed<'de> for WholeSeed<T> {
    type Value = T;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> core::result::Result<T, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de, T: TryFrom<i64>> Visitor<'de> for WholeSeed<T> {
    type Value = T;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("a whole number")
    }

    fn visit_i64<E: de::Error>(self, number: i64) -> core::result::Result<T, E> {
        T::try_from(number).map_err(|_| coded(ErrorCode::OutOfRange, format_args!("{number} is out of range")))
    }

    fn visit_u64<E: de::Error>(self, number: u64) -> core::result::Result<T, E> {
        let number = i64::try_from(number).map_err(|_| coded(ErrorCode::OutOfRange, format_args!("{number} is out of range")))?;
        self.visit_i64(number)
    }

    fn visit_f64<E: de::Error>(self, number: f64) -> core::result::Result<T, E> {
        let whole = whole_from_f64(number, "").map_err(relay)?;
        T::try_from(whole).map_err(|_| coded(ErrorCode::OutOfRange, format_args!("{number} is out of range")))
    }

    fn visit_unit<E: de::Error>(self) -> core::result::Result<T, E> {
        Err(coded(ErrorCode::MissingField, "is required"))
    }
}

/// A JS number as a whole number: NaN and ±Infinity are not numbers, a fraction is a type
/// error, and a value beyond ±2^63 is out of range.
fn whole_from_f64(number: f64, field: &str) -> Result<i64> {
    const LIMIT: f64 = 9_223_372_036_854_775_808.0; // 2^63
    if !number.is_finite() {
        return Err(crate::number::not_finite(number, field));
    }
    if number.fract() != 0.0 {
        return Err(Error::new(ErrorCode::InvalidType, field, format!("must be a whole number (got {number})")));
    }
    if !(-LIMIT..LIMIT).contains(&number) {
        return Err(Error::new(ErrorCode::OutOfRange, field, format!("{number} is out of range")));
    }
    Ok(number as i64)
}

/// A column of JS numbers (a typed array's values, read in one copy) as decimals, each
/// through its shortest text as any number is; a bad one is named `field[index]`.
pub fn decimal_column(values: &[f64], field: &str) -> Result<Vec<Decimal>> {
    column(values, field, decimal_from_f64)
}

/// A column of JS numbers as whole numbers, as [`decimal_column`] reads decimals.
pub fn whole_column(values: &[f64], field: &str) -> Result<Vec<i64>> {
    column(values, field, whole_from_f64)
}

fn column<T>(values: &[f64], field: &str, read: fn(f64, &str) -> Result<T>) -> Result<Vec<T>> {
    values.iter().enumerate().map(|(index, &value)| read(value, "").map_err(|error| error.at(format!("{field}[{index}]")))).collect()
}

/// A required whole-number field.
pub(crate) fn whole<'de, T: TryFrom<i64>, D: Deserializer<'de>>(deserializer: D) -> core::result::Result<T, D::Error> {
    WholeSeed(PhantomData).deserialize(deserializer)
}

/// An optional whole-number field.
pub(crate) fn optional_whole<'de, T: TryFrom<i64>, D: Deserializer<'de>>(deserializer: D) -> core::result::Result<Option<T>, D::Error> {
    deserializer.deserialize_option(Optional(WholeSeed(PhantomData)))
}

/// A list of whole numbers.
pub(crate) fn whole_list<'de, T: TryFrom<i64>, D: Deserializer<'de>>(deserializer: D) -> core::result::Result<Vec<T>, D::Error> {
    deserializer.deserialize_seq(ListVisitor(WholeSeed(PhantomData)))
}

/// An instant: epoch milliseconds, or an ISO-8601 string (a JavaScript `Date` is handed over
/// as its time value by the binding).
struct InstantSeed;

impl<'de> DeserializeSeed<'de> for InstantSeed {
    type Value = i64;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> core::result::Result<i64, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for InstantSeed {
    type Value = i64;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("epoch milliseconds, an ISO-8601 string or a Date")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> core::result::Result<i64, E> {
        parse_timestamp(text, "").map_err(relay)
    }

    fn visit_i64<E: de::Error>(self, number: i64) -> core::result::Result<i64, E> {
        Ok(number)
    }

    fn visit_u64<E: de::Error>(self, number: u64) -> core::result::Result<i64, E> {
        WholeSeed::<i64>(PhantomData).visit_u64(number)
    }

    fn visit_f64<E: de::Error>(self, number: f64) -> core::result::Result<i64, E> {
        WholeSeed::<i64>(PhantomData).visit_f64(number)
    }
}

/// An optional instant field.
pub(crate) fn optional_instant<'de, D: Deserializer<'de>>(deserializer: D) -> core::result::Result<Option<i64>, D::Error> {
    deserializer.deserialize_option(Optional(InstantSeed))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::PersonalRewardRequest;

    fn error(json: &str) -> (ErrorCode, String) {
        let error = decode::<PersonalRewardRequest, _>(&mut serde_json::Deserializer::from_str(json)).unwrap_err();
        (error.code, error.field)
    }

    #[test]
    fn every_failure_has_its_code_and_path() {
        let cases = [
            (r#"{"stp": "850", "tierTotal": []}"#, ErrorCode::UnknownField, "tierTotal"),
            (r#"{"stp": "850", "tierTotals": []}"#, ErrorCode::MissingField, "pool"),
            (r#"{"stp": null, "pool": 1, "tierTotals": []}"#, ErrorCode::MissingField, "stp"),
            (r#"{"stp": "1,000", "pool": 1, "tierTotals": []}"#, ErrorCode::InvalidNumber, "stp"),
            (r#"{"stp": true, "pool": 1, "tierTotals": []}"#, ErrorCode::InvalidType, "stp"),
            (r#"{"stp": 1, "pool": 1, "tierTotals": ["1", "x"]}"#, ErrorCode::InvalidNumber, "tierTotals[1]"),
            (r#"{"stp": 1, "pool": 1e300, "tierTotals": []}"#, ErrorCode::OutOfRange, "pool"),
            (r#"{"stp": 1, "pool": 1, "tierTotals": [], "decimals": 6.5}"#, ErrorCode::InvalidType, "decimals"),
            (r#"{"stp": 1, "pool": 1, "tierTotals": [], "decimals": -1}"#, ErrorCode::OutOfRange, "decimals"),
            (r#"{"stp": 1, "pool": 1, "tierTotals": [], "ladder": "gold"}"#, ErrorCode::InvalidLadder, "ladder"),
            (r#"{"stp": 1, "pool": 1, "tierTotals": [], "ladder": {"tiers": [{"name": "a", "need": 1, "share": 1, "k": 1}]}}"#, ErrorCode::UnknownField, "ladder.tiers[0].k"),
            (r#"{"stp": 1, "pool": 1, "tierTotals": [], "ladder": {"points": "XP", "tiers": []}}"#, ErrorCode::InvalidLadder, "ladder.points"),
            (r#"42"#, ErrorCode::InvalidType, ""),
            (r#"["850"]"#, ErrorCode::InvalidType, ""),
        ];
        for (json, code, field) in cases {
            assert_eq!(error(json), (code, field.to_owned()), "{json}");
        }
    }

    #[test]
    fn type_errors_name_what_was_found_in_javascript_words() {
        let detail = |json: &str| decode::<PersonalRewardRequest, _>(&mut serde_json::Deserializer::from_str(json)).unwrap_err().detail;
        assert_eq!(detail("null"), "must be an object (got null)");
        assert_eq!(detail("[1]"), "must be an object (got an array)");
        assert_eq!(detail(r#"{"stp": 1, "pool": 1, "tierTotals": {"0": "1"}}"#), "must be an array (got an object)");
        let users = decode::<crate::StprRequest, _>(&mut serde_json::Deserializer::from_str(r#"{"users": [{"id": 1.5, "stp": 1}]}"#)).unwrap_err();
        assert_eq!((users.field.as_str(), users.detail.as_str()), ("users[0].id", "must be a string (got the number 1.5)"));
    }

    #[test]
    fn absent_and_null_optionals_are_none() {
        let request: PersonalRewardRequest =
            decode(&mut serde_json::Deserializer::from_str(r#"{"stp": 0.1, "pool": "1e3", "tierTotals": [1], "whatIfStp": null}"#)).unwrap();
        assert_eq!((request.stp, request.pool, request.what_if_stp, request.decimals), (Decimal::new(1, 1), Decimal::from(1000), None, None));
    }
}
