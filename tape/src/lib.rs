//! Results in one crossing. A result's `Serialize` writes every value, in field order, into
//! one string (the "tape"), which crosses to JavaScript once; `wasm/js/results.mjs` builds the
//! object from it with fixed keys. serde-wasm-bindgen would cross once per string (a
//! `TextDecoder` call each: 27 for a `Reward`) and set every property from Rust.
//!
//! The tape holds, in the order `Serialize` visits them:
//! - a string: its length in UTF-16 code units as one char below [`LONG`] (or [`LONG`] and
//!   five chars of 7 bits each, the most significant first), then the string itself; numbers
//!   are written as their decimal text;
//! - `null` (`None`): the char [`NULL`]; `false` / `true`: [`FALSE`] / [`TRUE`];
//! - a list or map: its length (as a string's), then its elements (a map's as key, value);
//! - a struct: its fields' values, nothing else (the JS side knows the keys).
//!
//! Every char the tape adds is ASCII, so a result whose texts are ASCII (decimals, the
//! published ladders' names, most ids) crosses as an ASCII string: `TextDecoder` takes its
//! fast path and the engine keeps it, and every text sliced from it, one byte a char. With
//! markers above ASCII the whole tape was a two-byte string, and decoding and building a
//! `personalReward` result took about a third longer (docs/performance.md, fourth pass).
//! Booleans need no marker of their own (the JS side knows where a boolean is), so [`FALSE`]
//! and [`TRUE`] may equal lengths.
//! `tests/js/agree.test.mjs` compares every function's object with the native core's JSON of
//! the same result, so a field added, removed or moved on either side fails there.

use serde::ser::{self, Serialize};

/// Lengths below this are one char.
pub const LONG: u32 = 0x7E;
/// `null`, where a string could be.
pub const NULL: char = '\u{7F}';
/// `false`.
pub const FALSE: char = '0';
/// `true`.
pub const TRUE: char = '1';
/// The chars of a long length, each holding 7 bits: 35 in all, past any `u32`.
const LONG_DIGITS: u32 = 5;

/// Writes `value` as a tape.
pub fn tape<T: Serialize>(value: &T) -> Result<String, Unsupported> {
    let mut tape = Tape(String::with_capacity(256));
    value.serialize(&mut tape)?;
    Ok(tape.0)
}

struct Tape(String);

/// A shape a result never has (an enum with data, bytes): a bug the tests catch.
#[derive(Debug)]
pub struct Unsupported;

impl core::fmt::Display for Unsupported {
    fn fmt(&self, formatter: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        formatter.write_str("a result shape the tape does not write")
    }
}

impl std::error::Error for Unsupported {}

impl ser::Error for Unsupported {
    fn custom<T: core::fmt::Display>(_: T) -> Unsupported {
        Unsupported
    }
}

impl Tape {
    fn length(&mut self, length: usize) -> Result<(), Unsupported> {
        let length = u32::try_from(length).map_err(|_| Unsupported)?;
        if length < LONG {
            self.0.push(char::from_u32(length).ok_or(Unsupported)?);
            return Ok(());
        }
        self.0.push(char::from_u32(LONG).ok_or(Unsupported)?);
        for digit in (0..LONG_DIGITS).rev() {
            // 7 bits at a time, most significant first: each below 0x80, so ASCII.
            let bits = length.checked_shr(digit.saturating_mul(7)).unwrap_or(0) & 0x7F;
            self.0.push(char::from_u32(bits).ok_or(Unsupported)?);
        }
        Ok(())
    }

    fn text(&mut self, text: &str) -> Result<(), Unsupported> {
        let units = if text.is_ascii() { text.len() } else { text.encode_utf16().count() };
        self.length(units)?;
        self.0.push_str(text);
        Ok(())
    }
}

impl ser::Serializer for &mut Tape {
    type Ok = ();
    type Error = Unsupported;
    type SerializeSeq = Self;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Self;
    type SerializeTupleVariant = ser::Impossible<(), Unsupported>;
    type SerializeMap = Self;
    type SerializeStruct = Self;
    type SerializeStructVariant = ser::Impossible<(), Unsupported>;

    fn serialize_bool(self, value: bool) -> Result<(), Unsupported> {
        self.0.push(if value { TRUE } else { FALSE });
        Ok(())
    }
    fn serialize_i8(self, value: i8) -> Result<(), Unsupported> {
        self.serialize_i64(value.into())
    }
    fn serialize_i16(self, value: i16) -> Result<(), Unsupported> {
        self.serialize_i64(value.into())
    }
    fn serialize_i32(self, value: i32) -> Result<(), Unsupported> {
        self.serialize_i64(value.into())
    }
    fn serialize_i64(self, value: i64) -> Result<(), Unsupported> {
        self.text(itoa::Buffer::new().format(value))
    }
    fn serialize_u8(self, value: u8) -> Result<(), Unsupported> {
        self.serialize_u64(value.into())
    }
    fn serialize_u16(self, value: u16) -> Result<(), Unsupported> {
        self.serialize_u64(value.into())
    }
    fn serialize_u32(self, value: u32) -> Result<(), Unsupported> {
        self.serialize_u64(value.into())
    }
    fn serialize_u64(self, value: u64) -> Result<(), Unsupported> {
        self.text(itoa::Buffer::new().format(value))
    }
    fn serialize_f32(self, value: f32) -> Result<(), Unsupported> {
        self.serialize_f64(value.into())
    }
    fn serialize_f64(self, value: f64) -> Result<(), Unsupported> {
        self.text(ryu_js::Buffer::new().format(value))
    }
    fn serialize_char(self, value: char) -> Result<(), Unsupported> {
        self.text(value.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, value: &str) -> Result<(), Unsupported> {
        self.text(value)
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_none(self) -> Result<(), Unsupported> {
        self.0.push(NULL);
        Ok(())
    }
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<(), Unsupported> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Unsupported> {
        self.serialize_none()
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Unsupported> {
        self.serialize_none()
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<(), Unsupported> {
        self.text(variant)
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(self, _: &'static str, value: &T) -> Result<(), Unsupported> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(self, _: &'static str, _: u32, _: &'static str, _: &T) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_seq(self, length: Option<usize>) -> Result<Self, Unsupported> {
        self.length(length.ok_or(Unsupported)?)?;
        Ok(self)
    }
    fn serialize_tuple(self, length: usize) -> Result<Self, Unsupported> {
        self.serialize_seq(Some(length))
    }
    fn serialize_tuple_struct(self, _: &'static str, length: usize) -> Result<Self, Unsupported> {
        self.serialize_seq(Some(length))
    }
    fn serialize_tuple_variant(self, _: &'static str, _: u32, _: &'static str, _: usize) -> Result<Self::SerializeTupleVariant, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_map(self, length: Option<usize>) -> Result<Self, Unsupported> {
        self.serialize_seq(length)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self, Unsupported> {
        Ok(self)
    }
    fn serialize_struct_variant(self, _: &'static str, _: u32, _: &'static str, _: usize) -> Result<Self::SerializeStructVariant, Unsupported> {
        Err(Unsupported)
    }
}

/// Lists, tuples and maps: their elements, in order, after the length.
macro_rules! elements {
    ($($trait:ident :: $method:ident),+) => {$(
        impl ser::$trait for &mut Tape {
            type Ok = ();
            type Error = Unsupported;

            fn $method<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Unsupported> {
                value.serialize(&mut **self)
            }

            fn end(self) -> Result<(), Unsupported> {
                Ok(())
            }
        }
    )+};
}
elements!(SerializeSeq::serialize_element, SerializeTuple::serialize_element, SerializeTupleStruct::serialize_field);

impl ser::SerializeMap for &mut Tape {
    type Ok = ();
    type Error = Unsupported;

    fn serialize_key<T: ?Sized + Serialize>(&mut self, key: &T) -> Result<(), Unsupported> {
        key.serialize(&mut **self)
    }

    fn serialize_value<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Unsupported> {
        value.serialize(&mut **self)
    }

    fn end(self) -> Result<(), Unsupported> {
        Ok(())
    }
}

impl ser::SerializeStruct for &mut Tape {
    type Ok = ();
    type Error = Unsupported;

    fn serialize_field<T: ?Sized + Serialize>(&mut self, _: &'static str, value: &T) -> Result<(), Unsupported> {
        value.serialize(&mut **self)
    }

    fn end(self) -> Result<(), Unsupported> {
        Ok(())
    }
}
