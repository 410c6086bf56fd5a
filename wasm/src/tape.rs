//! Results in one crossing. A result's `Serialize` writes every value, in field order, into
//! one string (the "tape"), which crosses to JavaScript once; `wasm/js/results.mjs` builds the
//! object from it with fixed keys. serde-wasm-bindgen would cross once per string (a
//! `TextDecoder` call each: 27 for a `Reward`) and set every property from Rust.
//!
//! The tape holds, in the order `Serialize` visits them:
//! - a string: its length in UTF-16 code units as one char below [`LONG`] (or [`LONG`] and
//!   two 15-bit chars), then the string itself; numbers are written as their decimal text;
//! - `null` (`None`): the char [`NULL`]; `false` / `true`: [`FALSE`] / [`TRUE`];
//! - a list or map: its length (as a string's), then its elements (a map's as key, value);
//! - a struct: its fields' values, nothing else (the JS side knows the keys).
//!
//! Every marker is below the surrogate range, so the tape is valid UTF-8 and UTF-16 alike.
//! `tests/js/agree.test.mjs` compares every function's object with the native core's JSON of
//! the same result, so a field added, removed or moved on either side fails there.

use serde::ser::{self, Serialize};

/// Lengths below this are one char.
pub const LONG: u32 = 0xD000;
/// `null`.
pub const NULL: char = '\u{D001}';
/// `false`.
pub const FALSE: char = '\u{D002}';
/// `true`.
pub const TRUE: char = '\u{D003}';

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
        if let Some(short) = char::from_u32(length).filter(|_| length < LONG) {
            self.0.push(short);
            return Ok(());
        }
        // 15 bits each: the high part stays below the markers for any string JS can hold.
        let high = length.checked_shr(15).and_then(char::from_u32).filter(|&high| u32::from(high) < LONG).ok_or(Unsupported)?;
        let low = char::from_u32(length & 0x7FFF).ok_or(Unsupported)?;
        self.0.push(char::from_u32(LONG).ok_or(Unsupported)?);
        self.0.push(high);
        self.0.push(low);
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
        self.text(ryu::Buffer::new().format(value))
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
