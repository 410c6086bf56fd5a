//! The package's JavaScript engine: the contract's functions behind a C ABI, with no
//! wasm-bindgen, for where WebAssembly is off (iOS Lockdown Mode, jitless engines, a CSP
//! without `'wasm-unsafe-eval'`, React Native's Hermes). `scripts/engine.mjs` builds this
//! crate for the WebAssembly MVP and binaryen's `wasm2js` turns it into plain JavaScript;
//! the package's JS layer (`wasm/js/engine.mjs`) calls it. wasm-bindgen's own output cannot
//! take that path (wasm2js refuses its externref table, and it has no MVP mode).
//!
//! Like the WebAssembly binding (`wasm/`), it holds no rule: each function reads its request
//! as the core's readers read it ([`soei_rewards::input::decode_value`]), calls the core and
//! writes the result as the same tape ([`soei_rewards_tape`]), so the JS layer builds the
//! same objects and the same errors from both.
//!
//! A call: [`input_buffer`] gives the place for the request's bytes ([`request`]), which the
//! JS layer writes there; [`call`] reads them, runs the function and leaves its output, as
//! UTF-16 code units (so that no engine needs a `TextDecoder`), at [`output`]. The output's
//! first unit is [`OK`] (a result's tape follows) or [`FAILED`] (a tape of the error's code,
//! field, detail and message).

use std::cell::RefCell;

use serde::de::DeserializeOwned;
use serde::Serialize;
use soei_rewards::{input, Error, ErrorCode};

pub mod request;

use request::Input;

/// The output's first unit for a result.
pub const OK: u16 = b'0' as u16;
/// The output's first unit for a coded error.
pub const FAILED: u16 = b'1' as u16;

/// The functions, by the number [`call`] takes: a name's index here. The JS layer reads this
/// list ([`functions`]), so the two cannot disagree on a number.
pub const FUNCTIONS: [&str; 10] = [
    "personalReward",
    "ambassadorReward",
    "rankProgress",
    "rankingPeriod",
    "projectReward",
    "rewardCurve",
    "stprFromReferrals",
    "pointsForReward",
    "pacePlan",
    "ladders",
];

thread_local! {
    static INPUT: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
    static OUTPUT: RefCell<Vec<u16>> = const { RefCell::new(Vec::new()) };
}

/// The place for a request of `bytes` bytes: valid until the next call of this or [`call`].
#[unsafe(no_mangle)]
pub extern "C" fn input_buffer(bytes: u32) -> *mut u8 {
    INPUT.with_borrow_mut(|input| {
        input.clear();
        input.resize(usize::try_from(bytes).unwrap_or(0), 0);
        input.as_mut_ptr()
    })
}

/// Runs function number `function` (see [`FUNCTIONS`]) on the request in the input buffer,
/// at the clock `now_ms` (epoch milliseconds, for the functions that default to now); returns
/// the output's length in UTF-16 code units.
#[unsafe(no_mangle)]
pub extern "C" fn call(function: u32, now_ms: f64) -> u32 {
    leave(INPUT.with_borrow(|bytes| respond(function, bytes, now_ms)))
}

/// Where the last call's output is.
#[unsafe(no_mangle)]
pub extern "C" fn output() -> *const u16 {
    OUTPUT.with_borrow(|output| output.as_ptr())
}

/// The names of [`FUNCTIONS`] as a tape (a list of strings), left at [`output`]; returns its
/// length.
#[unsafe(no_mangle)]
pub extern "C" fn functions() -> u32 {
    leave(soei_rewards_tape::tape(&FUNCTIONS).unwrap_or_default().encode_utf16().collect())
}

/// Leaves `units` at [`output`]; returns their length.
fn leave(units: Vec<u16>) -> u32 {
    let length = u32::try_from(units.len()).unwrap_or(0);
    OUTPUT.set(units);
    length
}

/// The output of function number `function` on the request `bytes`, as UTF-16 code units:
/// [`OK`] and the result's tape (`rewardCurve`: its columns, see [`curve`]), or [`FAILED`] and
/// the error's tape.
pub fn respond(function: u32, bytes: &[u8], now_ms: f64) -> Vec<u16> {
    let name = usize::try_from(function).ok().and_then(|index| FUNCTIONS.get(index)).copied().unwrap_or("");
    if name == "rewardCurve" {
        return curve(bytes).unwrap_or_else(|error| failure(&error).encode_utf16().collect());
    }
    respond_text(name, bytes, now_ms).encode_utf16().collect()
}

/// [`respond`] for the functions whose results cross as a tape, by name.
fn respond_text(name: &str, bytes: &[u8], now_ms: f64) -> String {
    // The clock is a JS time value, a whole number of milliseconds.
    #[allow(clippy::cast_possible_truncation)]
    let now_ms = now_ms as i64;
    let output = match name {
        "personalReward" => run(bytes, false, |request| soei_rewards::personal_reward(&request)),
        "ambassadorReward" => run(bytes, false, |request| soei_rewards::ambassador_reward(&request)),
        "rankProgress" => run(bytes, false, |request| soei_rewards::rank_progress(&request)),
        "rankingPeriod" => ranking_period(bytes, now_ms),
        "projectReward" => run(bytes, true, |request| soei_rewards::project_reward(&request, now_ms)),
        "stprFromReferrals" => run(bytes, false, |request| soei_rewards::stpr_from_referrals(&request)),
        "pointsForReward" => run(bytes, false, |request| soei_rewards::points_for_reward(&request)),
        "pacePlan" => run(bytes, true, |request| soei_rewards::pace_plan(&request, now_ms)),
        "ladders" => written(&soei_rewards::ladders()),
        _ => Err(Error::new(ErrorCode::InvalidType, "", "is not a function of this engine")),
    };
    output.unwrap_or_else(|error| failure(&error))
}

/// Reads the request `T`, as the WebAssembly binding reads it, and runs `operation` on it.
fn run<T: DeserializeOwned, R: Serialize>(bytes: &[u8], timed: bool, operation: impl FnOnce(T) -> soei_rewards::Result<R>) -> Result<String, Error> {
    written(&operation(read(bytes, timed)?)?)
}

/// The request `T` in `bytes`, as the WebAssembly binding reads it.
fn read<T: DeserializeOwned>(bytes: &[u8], timed: bool) -> Result<T, Error> {
    match request::parse(bytes, timed) {
        // serde's data model has one "nothing", which serde-wasm-bindgen reports as null.
        Input::Undefined => Err(input::undefined_input()),
        Input::Value(value) => input::decode_value(value),
    }
}

/// `rewardCurve`'s output: [`OK`], then each column (points, rewards) as its length (two
/// units, the low first) and each number's 64 bits (four units, little-endian). The WebAssembly
/// module hands the columns over as `Float64Array`s; as text, Ryū's digits took four fifths of
/// the JS engine's curve (its 64-bit divisions, interpreted).
fn curve(bytes: &[u8]) -> Result<Vec<u16>, Error> {
    let curve = soei_rewards::reward_curve(&read(bytes, false)?)?;
    let mut units = vec![OK];
    for column in [&curve.points, &curve.rewards] {
        let length = u32::try_from(column.len()).map_err(|_| Error::new(ErrorCode::OutOfRange, "steps", "is too many for this engine"))?;
        push_le_units(&mut units, &length.to_le_bytes());
        column.iter().for_each(|value| push_le_units(&mut units, &value.to_le_bytes()));
    }
    Ok(units)
}

/// Little-endian `bytes` (an even number) as little-endian UTF-16 code units.
fn push_le_units(units: &mut Vec<u16>, bytes: &[u8]) {
    units.extend(bytes.chunks_exact(2).filter_map(|pair| match pair {
        [low, high] => Some(u16::from_le_bytes([*low, *high])),
        _ => None,
    }));
}

/// `rankingPeriod`'s input is optional: `undefined` and `null` are the current period, as
/// wasm-bindgen's `Option` takes them.
fn ranking_period(bytes: &[u8], now_ms: i64) -> Result<String, Error> {
    let request = match request::parse(bytes, true) {
        Input::Undefined | Input::Value(input::Buffered::Null) => soei_rewards::RankingPeriodRequest::default(),
        Input::Value(value) => input::decode_value(value)?,
    };
    written(&soei_rewards::ranking_period(&request, now_ms)?)
}

fn written<R: Serialize>(result: &R) -> Result<String, Error> {
    let mut text = String::from(char::from(b'0'));
    text.push_str(&soei_rewards_tape::tape(result).map_err(|_| Error::new(ErrorCode::InvalidType, "", "has a result this engine cannot write"))?);
    Ok(text)
}

/// [`FAILED`] and the error's tape: code, field, detail and the message the WebAssembly
/// binding's `Error` carries.
fn failure(error: &Error) -> String {
    let fields = (error.code.as_str(), error.field.as_str(), error.detail.as_str(), error.to_string());
    let mut text = String::from(char::from(b'1'));
    text.push_str(&soei_rewards_tape::tape(&fields).unwrap_or_default());
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use request::{LIST, OBJECT, TEXT};

    fn text(bytes: &mut Vec<u8>, text: &str) {
        bytes.extend(u32::try_from(text.encode_utf16().count()).unwrap().to_le_bytes());
        text.encode_utf16().for_each(|unit| bytes.extend(unit.to_le_bytes()));
    }

    /// The documentation's example, as the JS layer writes it: 850 STP, pool 1000, totals.
    fn example(stp: &str) -> Vec<u8> {
        let mut bytes = vec![OBJECT, 3, 0, 0, 0];
        text(&mut bytes, "stp");
        bytes.push(TEXT);
        text(&mut bytes, stp);
        text(&mut bytes, "pool");
        bytes.push(TEXT);
        text(&mut bytes, "1000");
        text(&mut bytes, "tierTotals");
        bytes.extend([LIST, 4, 0, 0, 0]);
        for total in ["8000", "5000", "3000", "2500"] {
            bytes.push(TEXT);
            text(&mut bytes, total);
        }
        bytes
    }

    fn respond(function: u32, bytes: &[u8], now_ms: f64) -> String {
        String::from_utf16(&super::respond(function, bytes, now_ms)).unwrap()
    }

    #[test]
    fn the_documentation_example_and_its_coded_error() {
        let output = respond(0, &example("850"), 0.0);
        assert!(output.starts_with('0'));
        // The tape's first string is the reward: its length, then its text.
        assert_eq!(output.get(1..9), Some("\u{7}138.125"));
        let failure = respond(0, &example("-1"), 0.0);
        // FAILED, a list of 4 strings, each its length then its text: 8, 3, 29 and 34 chars.
        assert_eq!(failure, "1\u{4}\u{8}negative\u{3}stp\u{1d}must not be negative (got -1)\u{22}stp: must not be negative (got -1)");
    }

    #[test]
    fn the_curve_crosses_as_the_bits_of_its_numbers() {
        // The example's curve from 0 to its own 850 STP: 0 pays nothing, 850 pays 138.125.
        let mut bytes = example("850");
        bytes[1] = 6;
        for (key, value) in [("from", "0"), ("to", "850")] {
            text(&mut bytes, key);
            bytes.push(TEXT);
            text(&mut bytes, value);
        }
        text(&mut bytes, "steps");
        bytes.push(request::INTEGER);
        bytes.extend(2.0_f64.to_le_bytes());
        let units = super::respond(5, &bytes, 0.0);
        let numbers: Vec<f64> = [&units[3..11], &units[13..21]]
            .iter()
            .flat_map(|column| column.chunks(4).map(|four| f64::from_bits(four.iter().rev().fold(0, |bits, unit| (bits << 16) | u64::from(*unit)))))
            .collect();
        assert_eq!((units[0], units[1], units[2], units[11], units[12]), (OK, 2, 0, 2, 0));
        assert_eq!(numbers, [0.0, 850.0, 0.0, 138.125]);
    }

    #[test]
    fn the_functions_are_numbered_by_their_names() {
        assert_eq!(FUNCTIONS.iter().position(|name| *name == "personalReward"), Some(0));
        assert!(respond(u32::try_from(FUNCTIONS.len()).unwrap(), &[], 0.0).starts_with('1'));
        // rankingPeriod without an input is the period of the clock.
        let period = respond(3, &[request::UNDEFINED], 1_795_262_400_000.0);
        assert_eq!(period.get(1..26), Some("\u{18}2026-11-01T00:00:00.000Z"));
        // undefined is an error for a function that needs its input.
        assert!(respond(0, &[request::UNDEFINED], 0.0).contains("must be an object (got undefined)"));
    }
}
