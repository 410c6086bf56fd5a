//! Reading requests from any serde data format — a JSON body through serde_json, a JavaScript
//! object through serde-wasm-bindgen — with the contract's error codes and field paths.
//!
//! A failure is data from the moment it is found: the reader that finds it records its code
//! and detail in a [`Failure`], kept beside the data format's own error (which can carry no
//! data of ours) the way serde_path_to_error's `Track` keeps its path, and each reader the
//! failure passes back through on its way out adds its part of the path (`tierTotals[2]`,
//! `ladder.tiers[0].share`). Nothing is ever read back from an error message: serde's own
//! checks (a missing or unknown field) reach this module through its error type's methods,
//! whose arguments are data, and a format's failure that no reader of ours explains (a
//! syntax error in JSON, a typed array where an array belongs) gets a detail of ours saying
//! what the value should have been. Only the shape and the numbers are read here; the rules
//! (negative amounts, consistent totals, valid ladders) are the operations'.
//!
//! ```
//! use soei_rewards::{input::decode, ErrorCode, PersonalRewardRequest};
//! let mut json = serde_json::Deserializer::from_str(r#"{"stp": "850", "pool": "1,000", "tierTotals": []}"#);
//! let error = decode::<PersonalRewardRequest, _>(&mut json).unwrap_err();
//! assert_eq!((error.code, error.field.as_str()), (ErrorCode::InvalidNumber, "pool"));
//! ```

use std::cell::Cell;
use std::fmt;
use std::marker::PhantomData;

use rust_decimal::Decimal;
use serde::de::value::{MapAccessDeserializer, StrDeserializer};
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Unexpected, Visitor};
use serde::Deserialize;

use crate::calendar::parse_timestamp;
use crate::error::{Echoed, Error, ErrorCode, Quoted, Result};
use crate::number::{decimal_from_f64, parse_decimal, JsNumber};

mod buffered;

pub use buffered::{Buffered, MAX_DEPTH};

/// Reads a `T` from `deserializer`, failing with the contract's code and the field's path.
pub fn decode<'de, T: Deserialize<'de>, D: Deserializer<'de>>(deserializer: D) -> Result<T> {
    // A failure left over from an earlier read (one a JavaScript exception cut short) is stale.
    FAILURE.set(None);
    T::deserialize(deserializer).map_err(|_| take_failure().into_error())
}

/// [`decode`], by way of the whole input read into memory first: the same result and the same
/// errors, and `T`'s readers are compiled for that one in-memory form instead of for each kind
/// of map the format hands over (serde-wasm-bindgen has two: see `input::buffered`).
///
/// ```
/// use soei_rewards::{input::decode_buffered, ErrorCode, PersonalRewardRequest};
/// let mut json = serde_json::Deserializer::from_str(r#"{"stp": "850", "pool": 1000, "tierTotals": ["8000", "x"]}"#);
/// let error = decode_buffered::<PersonalRewardRequest, _>(&mut json).unwrap_err();
/// assert_eq!((error.code, error.field.as_str()), (ErrorCode::InvalidNumber, "tierTotals[1]"));
/// ```
pub fn decode_buffered<'de, T: Deserialize<'de>, D: Deserializer<'de>>(deserializer: D) -> Result<T> {
    let input = buffered::BufferSeed { depth: 0 }.deserialize(deserializer).unwrap_or(Buffered::Unreadable);
    decode_value(input)
}

/// Reads a `T` from a value already in memory, as [`decode_buffered`] reads the value it
/// buffers: for a binding that builds the [`Buffered`] value itself (the package's JavaScript
/// engine, which has no serde format of JavaScript values to read from).
///
/// ```
/// use soei_rewards::input::{decode_value, Buffered};
/// use soei_rewards::{ErrorCode, RankProgressRequest};
/// let input = Buffered::Object(vec![(Buffered::Text("points".into()), Buffered::Number(f64::NAN))]);
/// let error = decode_value::<RankProgressRequest>(input).unwrap_err();
/// assert_eq!((error.code, error.field.as_str()), (ErrorCode::InvalidNumber, "points"));
/// ```
pub fn decode_value<'de, T: Deserialize<'de>>(input: Buffered) -> Result<T> {
    FAILURE.set(None);
    T::deserialize(input).map_err(|_| take_failure().into_error())
}

/// The error for a JavaScript `undefined` given as the whole input: serde's data model has
/// one "nothing", which the binding's format reports as `null`.
pub fn undefined_input() -> Error {
    Failure::wrong_type(STRICT_EXPECTING, Found::Undefined).into_error()
}

/// The most elements a reader reserves up front from a format's size hint (a caller's claim).
pub(crate) const MAX_RESERVED: usize = 4096;

/// The error for an input whose reading threw (a getter, or a revoked Proxy's trap), which a
/// binding reports when its own copy of the input fails: the same for every binding (the
/// package's JS layer takes it from here, through the boundary's description).
pub fn unreadable_input() -> Error {
    Error::new(ErrorCode::InvalidType, "", "could not be read: reading one of its properties threw")
}

/// A failure on its way out of the readers: code and detail as found, and the path from the
/// failing value outwards (innermost segment first), one segment added by each reader it
/// passes back through. Public only as [`Buffered`]'s error as a serde format: callers get
/// an [`Error`] from [`decode_value`].
#[derive(Debug)]
pub struct Failure {
    code: ErrorCode,
    detail: String,
    path: Vec<Segment>,
}

#[derive(Debug)]
enum Segment {
    Key(String),
    Index(usize),
}

thread_local! {
    /// The failure the data format's error stands for, while that error travels through
    /// serde's code (wasm has one thread; native readers each have theirs).
    static FAILURE: Cell<Option<Failure>> = const { Cell::new(None) };
}

impl Failure {
    pub(crate) fn new(code: ErrorCode, detail: impl Into<String>) -> Failure {
        Failure { code, detail: detail.into(), path: Vec::new() }
    }

    fn at(error: Error) -> Failure {
        Failure::new(error.code, error.detail)
    }

    /// `null`, `undefined` or nothing where a value is required.
    fn missing() -> Failure {
        Failure::new(ErrorCode::MissingField, "is required")
    }

    fn wrong_type(expecting: &str, found: Found<'_>) -> Failure {
        Failure::new(ErrorCode::InvalidType, format!("must be {expecting} (got {found})"))
    }

    /// A format's failure that no reader explained.
    fn unexplained() -> Failure {
        Failure::new(ErrorCode::InvalidType, "could not be read")
    }

    fn inside(mut self, segment: Segment) -> Failure {
        self.path.push(segment);
        self
    }

    fn into_error(self) -> Error {
        let mut field = String::new();
        for segment in self.path.iter().rev() {
            match segment {
                Segment::Key(key) => {
                    if !field.is_empty() {
                        field.push('.');
                    }
                    // The path's shape stays; a caller's long key is cut (error.rs, Echoed).
                    let _ = fmt::Write::write_fmt(&mut field, format_args!("{}", Echoed(key)));
                }
                Segment::Index(index) => {
                    field.push('[');
                    field.push_str(itoa::Buffer::new().format(*index));
                    field.push(']');
                }
            }
        }
        Error::new(self.code, field, self.detail)
    }
}

/// Hands `failure` to the data format as its own error type, keeping the data beside it.
pub(crate) fn report<E: de::Error>(failure: Failure) -> E {
    FAILURE.set(Some(failure));
    E::custom("")
}

/// The failure the latest error stands for; one no reader explained if none does.
fn take_failure() -> Failure {
    FAILURE.take().unwrap_or_else(Failure::unexplained)
}

/// Adds `segment` to the path of the failure behind `error`, passing back through a reader.
fn inside<E>(error: E, segment: Segment) -> E {
    FAILURE.set(Some(take_failure().inside(segment)));
    error
}

/// Gives the format's `error` a failure of ours if no reader explained it: the value should
/// have been what the reader expected.
fn explain<E>(error: E, expecting: &str) -> E {
    let failure = FAILURE.take().unwrap_or_else(|| Failure::new(ErrorCode::InvalidType, format!("must be {expecting}")));
    FAILURE.set(Some(failure));
    error
}

impl fmt::Display for Failure {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(&self.detail)
    }
}

impl std::error::Error for Failure {}

/// serde's own checks, as data: the derived code of the request types calls these with the
/// field's name and the names it knows, never with a sentence.
impl de::Error for Failure {
    fn custom<T: fmt::Display>(_: T) -> Failure {
        Failure::unexplained()
    }

    fn invalid_type(unexpected: Unexpected<'_>, expected: &dyn de::Expected) -> Failure {
        Failure::wrong_type(&expected.to_string(), Found::from(unexpected))
    }

    fn invalid_value(unexpected: Unexpected<'_>, expected: &dyn de::Expected) -> Failure {
        Failure::invalid_type(unexpected, expected)
    }

    fn missing_field(field: &'static str) -> Failure {
        Failure::missing().inside(Segment::Key(field.to_owned()))
    }

    fn unknown_field(field: &str, expected: &'static [&'static str]) -> Failure {
        let detail = if expected.is_empty() {
            "is not a field of this input".to_owned()
        } else {
            format!("is not a field of this input (expected one of: {})", expected.join(", "))
        };
        Failure::new(ErrorCode::UnknownField, detail).inside(Segment::Key(field.to_owned()))
    }

    fn duplicate_field(field: &'static str) -> Failure {
        Failure::new(ErrorCode::InvalidType, "is given more than once").inside(Segment::Key(field.to_owned()))
    }
}

/// What was found instead of the expected value, in the words of the JavaScript (or JSON) a
/// caller wrote: the detail is shown next to a form field.
enum Found<'a> {
    Null,
    Undefined,
    Bool(bool),
    Integer(i128),
    Number(f64),
    Text(&'a str),
    Array,
    Object,
    Other,
}

impl<'a> From<Unexpected<'a>> for Found<'a> {
    fn from(unexpected: Unexpected<'a>) -> Found<'a> {
        match unexpected {
            Unexpected::Unit | Unexpected::Option => Found::Null,
            Unexpected::Bool(value) => Found::Bool(value),
            Unexpected::Signed(value) => Found::Integer(value.into()),
            Unexpected::Unsigned(value) => Found::Integer(value.into()),
            Unexpected::Float(value) => Found::Number(value),
            Unexpected::Str(text) => Found::Text(text),
            Unexpected::Seq => Found::Array,
            Unexpected::Map => Found::Object,
            _ => Found::Other,
        }
    }
}

impl fmt::Display for Found<'_> {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Found::Null => formatter.write_str("null"),
            Found::Undefined => formatter.write_str("undefined"),
            Found::Bool(value) => write!(formatter, "{value}"),
            Found::Integer(value) => write!(formatter, "the number {}", itoa::Buffer::new().format(*value)),
            Found::Number(value) => write!(formatter, "the number {}", JsNumber(*value)),
            Found::Text(text) => write!(formatter, "the string {}", Quoted(text)),
            Found::Array => formatter.write_str("an array"),
            Found::Object => formatter.write_str("an object"),
            Found::Other => formatter.write_str("another kind of value"),
        }
    }
}

/// A reader of one kind of value: what it makes of each kind the data format may hand it. A
/// kind it does not take is a type error naming what was found; `null` and `undefined` mean
/// absent, so where a value is required they are `missing_field`.
pub(crate) trait Read<'de>: Sized {
    type Value;
    /// What the value should be, after "must be": "a decimal string or a number".
    const EXPECTING: &'static str;

    fn null(self) -> core::result::Result<Self::Value, Failure> {
        Err(Failure::missing())
    }
    fn bool(self, value: bool) -> core::result::Result<Self::Value, Failure> {
        Err(Failure::wrong_type(Self::EXPECTING, Found::Bool(value)))
    }
    fn integer(self, value: i64) -> core::result::Result<Self::Value, Failure> {
        Err(Failure::wrong_type(Self::EXPECTING, Found::Integer(value.into())))
    }
    fn unsigned(self, value: u64) -> core::result::Result<Self::Value, Failure> {
        Err(Failure::wrong_type(Self::EXPECTING, Found::Integer(value.into())))
    }
    fn number(self, value: f64) -> core::result::Result<Self::Value, Failure> {
        Err(Failure::wrong_type(Self::EXPECTING, Found::Number(value)))
    }
    fn text(self, text: &str) -> core::result::Result<Self::Value, Failure> {
        Err(Failure::wrong_type(Self::EXPECTING, Found::Text(text)))
    }
    /// Text the format hands over as an owned `String` (serde-wasm-bindgen does).
    fn owned_text(self, text: String) -> core::result::Result<Self::Value, Failure> {
        self.text(&text)
    }
    fn list<A: SeqAccess<'de>>(self, _: A) -> core::result::Result<Self::Value, A::Error> {
        Err(report(Failure::wrong_type(Self::EXPECTING, Found::Array)))
    }
    fn object<A: MapAccess<'de>>(self, _: A) -> core::result::Result<Self::Value, A::Error> {
        Err(report(Failure::wrong_type(Self::EXPECTING, Found::Object)))
    }
}

/// Reads one value with `reader`, whatever its kind.
pub(crate) fn read<'de, R: Read<'de>, D: Deserializer<'de>>(deserializer: D, reader: R) -> core::result::Result<R::Value, D::Error> {
    deserializer.deserialize_any(Reading(reader)).map_err(|error| explain(error, R::EXPECTING))
}

/// A [`Read`] as serde's visitor.
struct Reading<R>(R);

impl<'de, R: Read<'de>> Visitor<'de> for Reading<R> {
    type Value = R::Value;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(R::EXPECTING)
    }

    fn visit_unit<E: de::Error>(self) -> core::result::Result<R::Value, E> {
        self.0.null().map_err(report)
    }

    fn visit_none<E: de::Error>(self) -> core::result::Result<R::Value, E> {
        self.0.null().map_err(report)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> core::result::Result<R::Value, D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, deserializer: D) -> core::result::Result<R::Value, D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> core::result::Result<R::Value, E> {
        self.0.bool(value).map_err(report)
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> core::result::Result<R::Value, E> {
        self.0.integer(value).map_err(report)
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> core::result::Result<R::Value, E> {
        self.0.unsigned(value).map_err(report)
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> core::result::Result<R::Value, E> {
        self.0.number(value).map_err(report)
    }

    fn visit_str<E: de::Error>(self, text: &str) -> core::result::Result<R::Value, E> {
        self.0.text(text).map_err(report)
    }

    fn visit_string<E: de::Error>(self, text: String) -> core::result::Result<R::Value, E> {
        self.0.owned_text(text).map_err(report)
    }

    fn visit_bytes<E: de::Error>(self, _: &[u8]) -> core::result::Result<R::Value, E> {
        Err(report(Failure::wrong_type(R::EXPECTING, Found::Other)))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> core::result::Result<R::Value, A::Error> {
        self.0.list(seq)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> core::result::Result<R::Value, A::Error> {
        self.0.object(map)
    }
}

/// A [`Read`] as a seed, for the elements of a list.
#[derive(Clone, Copy)]
struct Seed<R>(R);

impl<'de, R: Read<'de>> DeserializeSeed<'de> for Seed<R> {
    type Value = R::Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> core::result::Result<R::Value, D::Error> {
        read(deserializer, self.0)
    }
}

/// A struct read from a map whose keys must all be its fields.
///
/// serde's `deny_unknown_fields` depends on the data format walking every key, and
/// serde-wasm-bindgen reads structs by looking up the declared fields alone
/// (serde-wasm-bindgen#39), so a typo would pass unnoticed. Request types therefore derive
/// their `Deserialize` with `#[serde(remote = "Self", deny_unknown_fields)]` (an inherent
/// function), and [`strict_struct!`] implements the trait by handing that function every
/// key of the map, through [`Fields`].
pub(crate) trait StrictStruct<'de>: Sized {
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

const STRICT_EXPECTING: &str = "an object";

/// Reads a [`StrictStruct`].
pub(crate) fn strict<'de, T: StrictStruct<'de>, D: Deserializer<'de>>(deserializer: D) -> core::result::Result<T, D::Error> {
    read(deserializer, Strict(PhantomData))
}

/// The reader of a [`StrictStruct`].
pub(crate) struct Strict<T>(pub(crate) PhantomData<T>);

impl<'de, T: StrictStruct<'de>> Read<'de> for Strict<T> {
    type Value = T;
    const EXPECTING: &'static str = STRICT_EXPECTING;

    /// The whole input, or an element of a list, has no "absent": `null` is the wrong type.
    fn null(self) -> core::result::Result<T, Failure> {
        Err(Failure::wrong_type(Self::EXPECTING, Found::Null))
    }

    fn object<A: MapAccess<'de>>(self, map: A) -> core::result::Result<T, A::Error> {
        T::derived(MapAccessDeserializer::new(Fields { map, key: String::new() })).map_err(report)
    }
}

/// Reads a ladder object (for the ladder choice, which also takes a name).
pub(crate) fn strict_object<'de, T: StrictStruct<'de>, A: MapAccess<'de>>(map: A) -> core::result::Result<T, A::Error> {
    Strict(PhantomData).object(map)
}

/// A struct's map, as the derived code reads it: its errors are [`Failure`]s, so serde's
/// checks arrive as data; and the key being read is kept, to name it if its value fails.
struct Fields<A> {
    map: A,
    key: String,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Fields<A> {
    type Error = Failure;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> core::result::Result<Option<K::Value>, Failure> {
        match self.map.next_key_seed(Seed(Text)) {
            Ok(Some(key)) => self.key = key,
            Ok(None) => return Ok(None),
            Err(_) => return Err(take_failure()),
        }
        seed.deserialize(StrDeserializer::<Failure>::new(&self.key)).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> core::result::Result<V::Value, Failure> {
        self.map.next_value_seed(seed).map_err(|_| take_failure().inside(Segment::Key(std::mem::take(&mut self.key))))
    }

    fn size_hint(&self) -> Option<usize> {
        self.map.size_hint()
    }
}

/// A decimal: a string in plain or scientific notation, or a number read through its
/// shortest round-trip text.
#[derive(Clone, Copy)]
struct DecimalReader;

impl<'de> Read<'de> for DecimalReader {
    type Value = Decimal;
    const EXPECTING: &'static str = "a decimal string or a number";

    fn text(self, text: &str) -> core::result::Result<Decimal, Failure> {
        parse_decimal(text, "").map_err(Failure::at)
    }
    fn number(self, number: f64) -> core::result::Result<Decimal, Failure> {
        decimal_from_f64(number, "").map_err(Failure::at)
    }
    fn integer(self, number: i64) -> core::result::Result<Decimal, Failure> {
        Ok(Decimal::from(number))
    }
    fn unsigned(self, number: u64) -> core::result::Result<Decimal, Failure> {
        Ok(Decimal::from(number))
    }
}

/// A whole number, given as a number: fractions are a type error, NaN and ±Infinity are not
/// numbers, and values beyond the target type are out of range (the operations check the
/// ranges they allow).
struct Whole<T>(PhantomData<T>);

impl<T> Clone for Whole<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Whole<T> {}

fn beyond(number: impl fmt::Display) -> Failure {
    Failure::new(ErrorCode::OutOfRange, format!("{number} is out of range"))
}

impl<'de, T: TryFrom<i64>> Read<'de> for Whole<T> {
    type Value = T;
    const EXPECTING: &'static str = "a whole number";

    fn integer(self, number: i64) -> core::result::Result<T, Failure> {
        T::try_from(number).map_err(|_| beyond(number))
    }
    fn unsigned(self, number: u64) -> core::result::Result<T, Failure> {
        i64::try_from(number).map_err(|_| beyond(number)).and_then(|number| self.integer(number))
    }
    fn number(self, number: f64) -> core::result::Result<T, Failure> {
        let whole = whole_from_f64(number, "").map_err(Failure::at)?;
        T::try_from(whole).map_err(|_| beyond(JsNumber(number)))
    }
}

/// An instant: epoch milliseconds, or an ISO-8601 string (a JavaScript `Date` is handed over
/// as its time value by the binding).
#[derive(Clone, Copy)]
struct InstantReader;

impl<'de> Read<'de> for InstantReader {
    type Value = i64;
    const EXPECTING: &'static str = "epoch milliseconds, an ISO-8601 string or a Date";

    fn text(self, text: &str) -> core::result::Result<i64, Failure> {
        parse_timestamp(text, "").map_err(Failure::at)
    }
    fn integer(self, number: i64) -> core::result::Result<i64, Failure> {
        Ok(number)
    }
    fn unsigned(self, number: u64) -> core::result::Result<i64, Failure> {
        Whole(PhantomData).unsigned(number)
    }
    fn number(self, number: f64) -> core::result::Result<i64, Failure> {
        Whole(PhantomData).number(number)
    }
}

/// A string: a name, an id.
#[derive(Clone, Copy)]
struct Text;

impl<'de> Read<'de> for Text {
    type Value = String;
    const EXPECTING: &'static str = "a string";

    fn text(self, text: &str) -> core::result::Result<String, Failure> {
        Ok(text.to_owned())
    }
    fn owned_text(self, text: String) -> core::result::Result<String, Failure> {
        Ok(text)
    }
}

/// `true` or `false`.
#[derive(Clone, Copy)]
struct Flag;

impl<'de> Read<'de> for Flag {
    type Value = bool;
    const EXPECTING: &'static str = "true or false";

    fn bool(self, value: bool) -> core::result::Result<bool, Failure> {
        Ok(value)
    }
}

/// A list whose elements are read by one reader.
#[derive(Clone, Copy)]
struct List<R>(R);

impl<'de, R: Read<'de> + Copy> Read<'de> for List<R> {
    type Value = Vec<R::Value>;
    const EXPECTING: &'static str = "an array";

    fn list<A: SeqAccess<'de>>(self, mut seq: A) -> core::result::Result<Self::Value, A::Error> {
        // The hint is the caller's claim; a huge one must not reserve memory up front.
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(MAX_RESERVED));
        for index in 0usize.. {
            match seq.next_element_seed(Seed(self.0)) {
                Ok(Some(item)) => items.push(item),
                Ok(None) => break,
                Err(error) => return Err(inside(error, Segment::Index(index))),
            }
        }
        Ok(items)
    }
}

impl<T> Clone for Strict<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Strict<T> {}

/// `None` for absent, `null` or `undefined`; otherwise what the reader reads.
struct Optional<R>(R);

impl<'de, R: Read<'de>> Visitor<'de> for Optional<R> {
    type Value = Option<R::Value>;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(R::EXPECTING)
    }

    fn visit_none<E: de::Error>(self) -> core::result::Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> core::result::Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> core::result::Result<Self::Value, D::Error> {
        read(deserializer, self.0).map(Some)
    }
}

fn optional<'de, R: Read<'de>, D: Deserializer<'de>>(deserializer: D, reader: R) -> core::result::Result<Option<R::Value>, D::Error> {
    deserializer.deserialize_option(Optional(reader)).map_err(|error| explain(error, R::EXPECTING))
}

/// A required decimal field (`#[serde(deserialize_with = "…")]`).
pub(crate) fn decimal<'de, D: Deserializer<'de>>(deserializer: D) -> core::result::Result<Decimal, D::Error> {
    read(deserializer, DecimalReader)
}

/// An optional decimal field: absent, `null` and `undefined` are `None`.
pub(crate) fn optional_decimal<'de, D: Deserializer<'de>>(deserializer: D) -> core::result::Result<Option<Decimal>, D::Error> {
    optional(deserializer, DecimalReader)
}

/// A list of decimals.
pub(crate) fn decimal_list<'de, D: Deserializer<'de>>(deserializer: D) -> core::result::Result<Vec<Decimal>, D::Error> {
    read(deserializer, List(DecimalReader))
}

/// An optional list of decimals.
pub(crate) fn optional_decimal_list<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> core::result::Result<Option<Vec<Decimal>>, D::Error> {
    optional(deserializer, List(DecimalReader))
}

/// A required whole-number field.
pub(crate) fn whole<'de, T: TryFrom<i64>, D: Deserializer<'de>>(deserializer: D) -> core::result::Result<T, D::Error> {
    read(deserializer, Whole(PhantomData))
}

/// An optional whole-number field.
pub(crate) fn optional_whole<'de, T: TryFrom<i64>, D: Deserializer<'de>>(deserializer: D) -> core::result::Result<Option<T>, D::Error> {
    optional(deserializer, Whole(PhantomData))
}

/// A list of whole numbers.
pub(crate) fn whole_list<'de, T: TryFrom<i64>, D: Deserializer<'de>>(deserializer: D) -> core::result::Result<Vec<T>, D::Error> {
    read(deserializer, List(Whole(PhantomData)))
}

/// An optional instant field.
pub(crate) fn optional_instant<'de, D: Deserializer<'de>>(deserializer: D) -> core::result::Result<Option<i64>, D::Error> {
    optional(deserializer, InstantReader)
}

/// A required string field.
pub(crate) fn text<'de, D: Deserializer<'de>>(deserializer: D) -> core::result::Result<String, D::Error> {
    read(deserializer, Text)
}

/// An optional string field.
pub(crate) fn optional_text<'de, D: Deserializer<'de>>(deserializer: D) -> core::result::Result<Option<String>, D::Error> {
    optional(deserializer, Text)
}

/// An optional `true` / `false` field.
pub(crate) fn optional_flag<'de, D: Deserializer<'de>>(deserializer: D) -> core::result::Result<Option<bool>, D::Error> {
    optional(deserializer, Flag)
}

/// A list of objects (referral users, ladder tiers).
pub(crate) fn object_list<'de, T: StrictStruct<'de>, D: Deserializer<'de>>(deserializer: D) -> core::result::Result<Vec<T>, D::Error> {
    read(deserializer, List(Strict(PhantomData)))
}

/// A JS number as a whole number: NaN and ±Infinity are not numbers, a fraction is a type
/// error, and a value beyond ±2^63 is out of range.
fn whole_from_f64(number: f64, field: &str) -> Result<i64> {
    const LIMIT: f64 = 9_223_372_036_854_775_808.0; // 2^63
    if !number.is_finite() {
        return Err(crate::number::not_finite(number, field));
    }
    if number.fract() != 0.0 {
        return Err(Error::new(ErrorCode::InvalidType, field, format!("must be a whole number (got {})", JsNumber(number))));
    }
    if !(-LIMIT..LIMIT).contains(&number) {
        return Err(Error::new(ErrorCode::OutOfRange, field, format!("{} is out of range", JsNumber(number))));
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
#[cfg(test)]
mod tests {
    use super::*;
    use crate::PersonalRewardRequest;

    /// `T` read from `json` both ways: straight from the format, and buffered first (as the
    /// binding reads), which must agree on the request or the error.
    fn both<T: serde::de::DeserializeOwned + fmt::Debug + PartialEq>(json: &str) -> Result<T> {
        let direct = decode::<T, _>(&mut serde_json::Deserializer::from_str(json));
        let buffered = decode_buffered::<T, _>(&mut serde_json::Deserializer::from_str(json));
        assert_eq!(direct, buffered, "{json}");
        direct
    }

    fn error(json: &str) -> (ErrorCode, String) {
        let error = both::<PersonalRewardRequest>(json).unwrap_err();
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

    /// JSON numbers are read as the decimals and instants they write: whole numbers of either
    /// sign exactly, to the ends of 64 bits, and an instant written with an exponent.
    #[test]
    fn whole_numbers_are_read_exactly() {
        let request = both::<PersonalRewardRequest>(r#"{"stp": 18446744073709551615, "pool": -9223372036854775808, "tierTotals": [0, 7]}"#).unwrap();
        assert_eq!(request.stp.to_string(), "18446744073709551615");
        assert_eq!(request.pool.to_string(), "-9223372036854775808");
        assert_eq!(request.tier_totals, [Decimal::ZERO, Decimal::from(7)]);
        for (json, at) in [(r#"{"at": -86400001}"#, -86_400_001), (r#"{"at": 1795257015250}"#, 1_795_257_015_250), (r#"{"at": -9223372036854775808}"#, i64::MIN), (r#"{"at": 1.79525701525e12}"#, 1_795_257_015_250), (r#"{"at": -1.5e3}"#, -1500)] {
            assert_eq!(both::<crate::RankingPeriodRequest>(json).unwrap().at, Some(at), "{json}");
        }
    }

    /// The column request's own fields: referrer indices as whole numbers, and the `exact`
    /// flag, absent, `null`, or either boolean; anything else is refused.
    #[test]
    fn column_requests_read_their_indices_and_flag() {
        let request = both::<crate::StprColumnsRequest>(r#"{"referrers": [-1, 0, 1], "stp": [1, "2.5", 3]}"#).unwrap();
        assert_eq!((request.referrers, request.exact), (vec![-1, 0, 1], None));
        for (flag, exact) in [("true", Some(true)), ("false", Some(false)), ("null", None)] {
            let json = format!(r#"{{"referrers": [], "stp": [], "exact": {flag}}}"#);
            assert_eq!(both::<crate::StprColumnsRequest>(&json).unwrap().exact, exact, "{json}");
        }
        let wrong = both::<crate::StprColumnsRequest>(r#"{"referrers": [], "stp": [], "exact": "yes"}"#).unwrap_err();
        assert_eq!((wrong.code, wrong.field.as_str(), wrong.detail.as_str()), (ErrorCode::InvalidType, "exact", r#"must be true or false (got the string "yes")"#));
        let fraction = both::<crate::StprColumnsRequest>(r#"{"referrers": [-1, 0.5], "stp": [1, 2]}"#).unwrap_err();
        assert_eq!((fraction.code, fraction.field.as_str()), (ErrorCode::InvalidType, "referrers[1]"));
    }

    /// Typed-array columns (what the binding copies out of a `Float64Array`): each value read
    /// as any JS number is, a bad one named by its index; whole numbers within ±2^63.
    #[test]
    fn columns_read_each_value_and_name_a_bad_one_by_index() {
        let decimals = decimal_column(&[850.0, 0.1, -5.0, 1e21], "points").unwrap();
        assert_eq!(decimals.iter().map(ToString::to_string).collect::<Vec<_>>(), ["850", "0.1", "-5", "1000000000000000000000"]);
        let bad = decimal_column(&[1.0, f64::NAN], "points").unwrap_err();
        assert_eq!((bad.code, bad.field.as_str()), (ErrorCode::InvalidNumber, "points[1]"));
        assert_eq!(whole_column(&[-1.0, 0.0, 7.0, -9_223_372_036_854_775_808.0], "referrers").unwrap(), [-1, 0, 7, i64::MIN]);
        for (value, code) in [(1.5, ErrorCode::InvalidType), (9_223_372_036_854_775_808.0, ErrorCode::OutOfRange), (-1e19, ErrorCode::OutOfRange), (f64::INFINITY, ErrorCode::InvalidNumber)] {
            let error = whole_column(&[0.0, 0.0, value], "referrers").unwrap_err();
            assert_eq!((error.code, error.field.as_str()), (code, "referrers[2]"), "{value}");
        }
        assert_eq!(whole_column(&[], "referrers").unwrap(), Vec::<i64>::new());
    }

    /// serde's own type errors, as any deserializer may raise them (the derived code and the
    /// formats call `invalid_type` and `invalid_value`; the readers here get there first for
    /// every input tried, so they are called directly): each kind found, in JavaScript's words,
    /// after what a visitor says it expects.
    #[test]
    fn serde_type_errors_name_each_kind_found() {
        use serde::de::Error as _;
        let expected = Reading(DecimalReader);
        assert_eq!((&expected as &dyn de::Expected).to_string(), "a decimal string or a number");
        assert_eq!((&Optional(InstantReader) as &dyn de::Expected).to_string(), "epoch milliseconds, an ISO-8601 string or a Date");
        let cases = [
            (Unexpected::Unit, "null"),
            (Unexpected::Option, "null"),
            (Unexpected::Bool(true), "true"),
            (Unexpected::Signed(-5), "the number -5"),
            (Unexpected::Unsigned(u64::MAX), "the number 18446744073709551615"),
            (Unexpected::Float(1.5), "the number 1.5"),
            (Unexpected::Str("x"), "the string \"x\""),
            (Unexpected::Seq, "an array"),
            (Unexpected::Map, "an object"),
            (Unexpected::Char('x'), "another kind of value"),
        ];
        for (unexpected, found) in cases {
            let failure = Failure::invalid_type(unexpected, &expected);
            assert_eq!((failure.code, failure.to_string()), (ErrorCode::InvalidType, format!("must be a decimal string or a number (got {found})")));
            assert_eq!(Failure::invalid_value(unexpected, &"a string").detail, format!("must be a string (got {found})"));
        }
    }

    #[test]
    fn type_errors_name_what_was_found_in_javascript_words() {
        let detail = |json: &str| both::<PersonalRewardRequest>(json).unwrap_err().detail;
        assert_eq!(detail("null"), "must be an object (got null)");
        assert_eq!(detail("[1]"), "must be an object (got an array)");
        assert_eq!(detail(r#"{"stp": 1, "pool": 1, "tierTotals": {"0": "1"}}"#), "must be an array (got an object)");
        let users = both::<crate::StprRequest>(r#"{"users": [{"id": 1.5, "stp": 1}]}"#).unwrap_err();
        assert_eq!((users.field.as_str(), users.detail.as_str()), ("users[0].id", "must be a string (got the number 1.5)"));
    }

    fn failure<T: serde::de::DeserializeOwned + fmt::Debug + PartialEq>(json: &str) -> (ErrorCode, String, String) {
        let error = both::<T>(json).unwrap_err();
        (error.code, error.field, error.detail)
    }

    #[test]
    fn keys_are_data_whatever_they_contain() {
        let (code, field, detail) = failure::<PersonalRewardRequest>(r#"{"stp": 1, "pool": 1, "tierTotals": [], "a`b": 1}"#);
        assert_eq!((code, field.as_str()), (ErrorCode::UnknownField, "a`b"));
        assert_eq!(detail, "is not a field of this input (expected one of: stp, whatIfStp, pool, tierTotals, ladder, decimals)");
        let (code, field, detail) = failure::<PersonalRewardRequest>(r#"{"stp": 1, "pool": 1, "tierTotals": [], "x, expected `y`": 1}"#);
        assert_eq!((code, field.as_str()), (ErrorCode::UnknownField, "x, expected `y`"));
        assert!(detail.starts_with("is not a field of this input (expected one of: stp,"), "{detail}");
        let nested = r#"{"users": [{"id": "a", "stp": 1, "ref`errer": "b"}]}"#;
        assert_eq!(failure::<crate::StprRequest>(nested).1, "users[0].ref`errer");
    }

    #[test]
    fn null_means_absent_everywhere() {
        let cases = [
            (failure::<PersonalRewardRequest>(r#"{"stp": 1, "pool": 1, "tierTotals": null}"#), "tierTotals"),
            (failure::<crate::StprRequest>(r#"{"users": null}"#), "users"),
            (failure::<crate::StprRequest>(r#"{"users": [{"id": null, "stp": 1}]}"#), "users[0].id"),
            (failure::<PersonalRewardRequest>(r#"{"stp": 1, "pool": 1, "tierTotals": [1], "ladder": {"tiers": [{"name": null, "need": 0, "share": 1}]}}"#), "ladder.tiers[0].name"),
        ];
        for ((code, field, detail), expected) in cases {
            assert_eq!((code, field.as_str(), detail.as_str()), (ErrorCode::MissingField, expected, "is required"));
        }
        // Optional ones are simply absent.
        let users = both::<crate::StprRequest>(r#"{"users": [{"id": "a", "referrer": null, "stp": 1}], "levels": null}"#).unwrap();
        assert_eq!((users.users[0].referrer.as_deref(), users.levels), (None, None));
    }

    #[test]
    fn details_are_ours_and_say_what_to_write() {
        let detail = |json: &str| failure::<PersonalRewardRequest>(json).2;
        assert_eq!(detail(r#"{"stp": 1, "pool": 1, "tierTotals": "8000,5000"}"#), r#"must be an array (got the string "8000,5000")"#);
        assert_eq!(detail(r#"{"stp": "", "pool": 1, "tierTotals": []}"#), r#"is empty: write a number like "850", "0.02" or "1.5e3""#);
        assert!(detail(r#"{"stp": "1,000", "pool": 1, "tierTotals": []}"#).contains("without separators"));
        assert_eq!(detail(r#"{"stp": 1, "stp": 2, "pool": 1, "tierTotals": []}"#), "is given more than once");
        // A failure of the format itself, which no reader explains, gets a detail of ours. (A
        // syntax error breaks a JSON stream, so only the direct read can place it exactly:
        // the buffered read, meant for in-memory formats, reports the enclosing object.)
        let direct = |json: &str| {
            let error = decode::<PersonalRewardRequest, _>(&mut serde_json::Deserializer::from_str(json)).unwrap_err();
            (error.code, error.field, error.detail)
        };
        assert_eq!(direct(r#"{"stp": 1, "pool": 1, "tierTotals": [1 2]}"#), (ErrorCode::InvalidType, "tierTotals[1]".to_owned(), "could not be read".to_owned()));
        assert_eq!(direct(r#"{"stp": 1,"#).2, "could not be read");
        let buffered = decode_buffered::<PersonalRewardRequest, _>(&mut serde_json::Deserializer::from_str(r#"{"stp": 1,"#)).unwrap_err();
        assert_eq!((buffered.code, buffered.field.as_str(), buffered.detail.as_str()), (ErrorCode::InvalidType, "", "must be an object"));
        assert_eq!(failure::<PersonalRewardRequest>(r#"{"stp": 1, "pool": 1, "tierTotals": [], "ladder": {"tiers": [], "points": 5}}"#).2, "must be a string (got the number 5)");
    }

    #[test]
    fn absent_and_null_optionals_are_none() {
        let request: PersonalRewardRequest = both(r#"{"stp": 0.1, "pool": "1e3", "tierTotals": [1], "whatIfStp": null}"#).unwrap();
        assert_eq!((request.stp, request.pool, request.what_if_stp, request.decimals), (Decimal::new(1, 1), Decimal::from(1000), None, None));
    }
}
