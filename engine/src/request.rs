//! Reads the bytes that the package's JS layer (`wasm/js/engine.mjs`, `encode`) writes for an
//! input into the value the request readers take ([`Buffered`]), as serde-wasm-bindgen would
//! have handed that input to them: same kinds, same order, so that every request and every
//! error is the one the WebAssembly binding gives.
//!
//! Each value is a tag byte, then what the tag needs, little-endian:
//! - [`UNDEFINED`], [`NULL`], [`FALSE`], [`TRUE`], [`BYTES`] (a `Uint8Array`: no request
//!   takes one, so its content is not sent), [`UNREADABLE`] (what serde-wasm-bindgen could
//!   not read: a function, a symbol, a `Set`, a `Map` with a key that is not text, a BigInt
//!   past 64 bits, a list or object nested [`MAX_DEPTH`] deep): nothing more;
//! - [`INTEGER`] (a safe-integer number: serde-wasm-bindgen hands it over as `i64`) and
//!   [`NUMBER`] (any other number, `NaN`, `±Infinity`): the `f64`;
//! - [`SIGNED`] and [`UNSIGNED`] (a BigInt within `i64`, else within `u64`): 8 bytes;
//! - [`TEXT`]: the count of UTF-16 code units (`u32`), then the units (JS strings are UTF-16;
//!   a lone surrogate becomes U+FFFD, as wasm-bindgen's `TextEncoder` makes it);
//! - [`LIST`]: the count (`u32`), then each element;
//! - [`OBJECT`]: the count (`u32`), then each key (a [`TEXT`] without its tag) and its value;
//! - [`DATE`]: the time value, as a number's tag and `f64`. serde-wasm-bindgen sees a `Date`
//!   as an object without entries; the binding replaces a request's `at` by its time value
//!   first (as `wasm/src/lib.rs`, `with_date_as_time_value`, does).

use soei_rewards::input::{Buffered, MAX_DEPTH};

pub const UNDEFINED: u8 = 0;
pub const NULL: u8 = 1;
pub const FALSE: u8 = 2;
pub const TRUE: u8 = 3;
pub const INTEGER: u8 = 4;
pub const NUMBER: u8 = 5;
pub const SIGNED: u8 = 6;
pub const UNSIGNED: u8 = 7;
pub const TEXT: u8 = 8;
pub const BYTES: u8 = 9;
pub const LIST: u8 = 10;
pub const OBJECT: u8 = 11;
pub const DATE: u8 = 12;
pub const UNREADABLE: u8 = 13;

/// A request's input as the caller gave it.
#[derive(Debug, PartialEq)]
pub enum Input {
    /// `undefined` (serde has one "nothing", so the binding tells this one apart itself).
    Undefined,
    Value(Buffered),
}

/// The input in `bytes`; with `timed`, a `Date` in the input's `at` is read as its time value.
/// Bytes that do not parse (which the JS layer never writes) read as [`Buffered::Unreadable`].
pub fn parse(bytes: &[u8], timed: bool) -> Input {
    let mut reader = Reader { bytes, at: 0 };
    if bytes.first() == Some(&UNDEFINED) {
        return Input::Undefined;
    }
    let value = reader.value(0, timed).unwrap_or(Buffered::Unreadable);
    Input::Value(if reader.at == bytes.len() { value } else { Buffered::Unreadable })
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn take<const N: usize>(&mut self) -> Option<[u8; N]> {
        let end = self.at.checked_add(N)?;
        let taken = self.bytes.get(self.at..end)?.try_into().ok()?;
        self.at = end;
        Some(taken)
    }

    fn byte(&mut self) -> Option<u8> {
        self.take::<1>().map(|[byte]| byte)
    }

    fn count(&mut self) -> Option<usize> {
        usize::try_from(u32::from_le_bytes(self.take()?)).ok()
    }

    fn float(&mut self) -> Option<f64> {
        self.take().map(f64::from_le_bytes)
    }

    fn text(&mut self) -> Option<String> {
        let units = self.count()?;
        // Each unit is 2 bytes: a count past what is left is malformed, not a reservation.
        let left = self.bytes.len().saturating_sub(self.at) / 2;
        let mut text = Vec::with_capacity(units.min(left));
        for _ in 0..units {
            text.push(u16::from_le_bytes(self.take()?));
        }
        Some(String::from_utf16_lossy(&text))
    }

    /// One value, `depth` levels into the input; `timed` for the input itself of a request
    /// that takes an instant.
    fn value(&mut self, depth: u32, timed: bool) -> Option<Buffered> {
        let value = match self.byte()? {
            // Only the input itself can be `undefined`; inside it, it is serde's "nothing".
            UNDEFINED | NULL => Buffered::Null,
            FALSE => Buffered::Bool(false),
            TRUE => Buffered::Bool(true),
            // A safe integer: exactly an `i64`.
            #[allow(clippy::cast_possible_truncation)]
            INTEGER => Buffered::Integer(self.float()? as i64),
            NUMBER => Buffered::Number(self.float()?),
            SIGNED => Buffered::Integer(i64::from_le_bytes(self.take()?)),
            UNSIGNED => Buffered::Unsigned(u64::from_le_bytes(self.take()?)),
            TEXT => Buffered::Text(self.text()?),
            BYTES => Buffered::Bytes,
            UNREADABLE => Buffered::Unreadable,
            // The JS layer writes no list or object this deep: see MAX_DEPTH.
            LIST | OBJECT if depth >= MAX_DEPTH => return None,
            LIST => {
                let count = self.count()?;
                let mut items = Vec::with_capacity(count.min(self.bytes.len()));
                for _ in 0..count {
                    items.push(self.value(depth.saturating_add(1), false)?);
                }
                Buffered::List(items)
            }
            OBJECT => {
                let count = self.count()?;
                let mut entries = Vec::with_capacity(count.min(self.bytes.len()));
                for _ in 0..count {
                    let key = self.text()?;
                    let value = if timed && key == "at" { self.instant(depth)? } else { self.value(depth.saturating_add(1), false)? };
                    entries.push((Buffered::Text(key), value));
                }
                Buffered::Object(entries)
            }
            // Anywhere but a request's `at`, an object without entries.
            DATE => {
                self.value(depth.saturating_add(1), false)?;
                Buffered::Object(Vec::new())
            }
            _ => return None,
        };
        Some(value)
    }

    /// A request's `at`: a `Date` there is its time value (a number's tag and `f64`).
    fn instant(&mut self, depth: u32) -> Option<Buffered> {
        if self.bytes.get(self.at) == Some(&DATE) {
            self.at = self.at.checked_add(1)?;
        }
        self.value(depth.saturating_add(1), false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The bytes the JS layer writes for a text (without its tag).
    fn text(text: &str) -> Vec<u8> {
        let units: Vec<u16> = text.encode_utf16().collect();
        let mut bytes = u32::try_from(units.len()).unwrap().to_le_bytes().to_vec();
        units.iter().for_each(|unit| bytes.extend(unit.to_le_bytes()));
        bytes
    }

    fn number(tag: u8, value: f64) -> Vec<u8> {
        let mut bytes = vec![tag];
        bytes.extend(value.to_le_bytes());
        bytes
    }

    fn object(entries: &[(&str, Vec<u8>)]) -> Vec<u8> {
        let mut bytes = vec![OBJECT];
        bytes.extend(u32::try_from(entries.len()).unwrap().to_le_bytes());
        for (key, value) in entries {
            bytes.extend(text(key));
            bytes.extend(value);
        }
        bytes
    }

    fn value(bytes: &[u8], timed: bool) -> Buffered {
        match parse(bytes, timed) {
            Input::Value(value) => value,
            Input::Undefined => panic!("undefined"),
        }
    }

    #[test]
    fn every_kind_reads_as_serde_wasm_bindgen_hands_it_over() {
        let mut big = vec![SIGNED];
        big.extend((-5_i64).to_le_bytes());
        let mut huge = vec![UNSIGNED];
        huge.extend(u64::MAX.to_le_bytes());
        let mut list = vec![LIST, 3, 0, 0, 0, UNDEFINED, NULL, TRUE];
        list.push(FALSE);
        list[1] = 4;
        let bytes = object(&[
            ("a", number(INTEGER, -7.0)),
            ("b", number(NUMBER, f64::NEG_INFINITY)),
            ("c", big),
            ("d", huge),
            ("é\u{1F600}", [vec![TEXT], text("x\u{1F600}")].concat()),
            ("f", list),
            ("g", vec![BYTES]),
            ("h", vec![UNREADABLE]),
        ]);
        let expected = Buffered::Object(vec![
            (Buffered::Text("a".into()), Buffered::Integer(-7)),
            (Buffered::Text("b".into()), Buffered::Number(f64::NEG_INFINITY)),
            (Buffered::Text("c".into()), Buffered::Integer(-5)),
            (Buffered::Text("d".into()), Buffered::Unsigned(u64::MAX)),
            (Buffered::Text("é\u{1F600}".into()), Buffered::Text("x\u{1F600}".into())),
            (Buffered::Text("f".into()), Buffered::List(vec![Buffered::Null, Buffered::Null, Buffered::Bool(true), Buffered::Bool(false)])),
            (Buffered::Text("g".into()), Buffered::Bytes),
            (Buffered::Text("h".into()), Buffered::Unreadable),
        ]);
        assert_eq!(value(&bytes, false), expected);
    }

    #[test]
    fn undefined_is_told_apart_only_as_the_input_itself() {
        assert_eq!(parse(&[UNDEFINED], false), Input::Undefined);
        assert_eq!(value(&[NULL], false), Buffered::Null);
        assert_eq!(value(&object(&[("stp", vec![UNDEFINED])]), false), Buffered::Object(vec![(Buffered::Text("stp".into()), Buffered::Null)]));
    }

    #[test]
    fn a_lone_surrogate_becomes_the_replacement_character() {
        let mut bytes = vec![TEXT, 2, 0, 0, 0];
        bytes.extend(0xD800_u16.to_le_bytes());
        bytes.extend(u16::from(b'x').to_le_bytes());
        assert_eq!(value(&bytes, false), Buffered::Text("\u{FFFD}x".into()));
    }

    #[test]
    fn a_date_is_its_time_value_only_in_a_timed_request_s_at() {
        let date = [vec![DATE], number(INTEGER, 1_795_262_400_000.0)].concat();
        let input = object(&[("at", date.clone()), ("other", date)]);
        let time = Buffered::Integer(1_795_262_400_000);
        let empty = Buffered::Object(Vec::new());
        assert_eq!(value(&input, true), Buffered::Object(vec![(Buffered::Text("at".into()), time), (Buffered::Text("other".into()), empty.clone())]));
        assert_eq!(value(&input, false), Buffered::Object(vec![(Buffered::Text("at".into()), empty.clone()), (Buffered::Text("other".into()), empty)]));
        // Nested, an `at` is not the request's.
        let nested = object(&[("x", object(&[("at", [vec![DATE], number(NUMBER, f64::NAN)].concat())]))]);
        let Buffered::Object(entries) = value(&nested, true) else { panic!("an object") };
        assert_eq!(entries[0].1, Buffered::Object(vec![(Buffered::Text("at".into()), Buffered::Object(Vec::new()))]));
    }

    #[test]
    fn malformed_bytes_are_unreadable_not_a_panic() {
        for bytes in [&[][..], &[LIST, 9, 0, 0, 0, NULL], &[TEXT, 255, 255, 255, 255], &[OBJECT, 1], &[99], &[NULL, NULL], &[INTEGER, 1, 2]] {
            assert_eq!(value(bytes, false), Buffered::Unreadable, "{bytes:?}");
        }
        let mut deep = Vec::new();
        for _ in 0..=MAX_DEPTH {
            deep.extend([LIST, 1, 0, 0, 0]);
        }
        deep.push(NULL);
        assert_eq!(value(&deep, false), Buffered::Unreadable);
    }
}
