//! The JavaScript boundary: every `#[wasm_bindgen]` export, and nothing else.
//!
//! Each export reads its argument into an [`input::Value`] (with js-sys, see [`read`]),
//! calls the matching [`api`] function, and writes the result back as plain objects (never
//! `Map`s or class instances: JSON read by `JSON.parse`, see [`json`]), or typed arrays for
//! columns; or it throws a JS `Error` carrying `code` and `field`. No rule lives here: the
//! only conversions are those JavaScript alone can do (a `Date`'s time value, the current
//! time, typed arrays).

use alloc::{string::String, vec, vec::Vec};
use js_sys::{Array, ArrayBuffer, Float64Array, Object, Reflect};
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::api;
use crate::error::{Error, ErrorCode};
use crate::input::{Value, MAX_DEPTH};
use crate::text::text;

mod json;
#[cfg(feature = "population")]
mod population;

// The package's TypeScript surface, next to the exports it describes. `tests/js/types.test.mjs`
// checks it against what the functions really accept and return, so it cannot drift silently.
#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
/** A decimal input: a string in plain or scientific notation ("850", "0.02", "1.5e3"), or a
 *  finite number, read through its shortest round-trip text (so 0.1 is exactly 0.1). */
export type DecimalInput = string | number;
/** A decimal output: plain notation, no exponent, no trailing zeros ("138.125", "0"). */
export type DecimalString = string;
/** An instant: epoch milliseconds, an ISO-8601 string, or a Date. */
export type Instant = number | string | Date;

export type ErrorCode =
  | "invalid_number" | "invalid_type" | "negative" | "out_of_range" | "missing_field"
  | "unknown_field" | "invalid_ladder" | "inconsistent_totals" | "duplicate_id"
  | "unknown_referrer" | "referral_cycle";

/** What every function throws on invalid input. `message` starts with `field`. */
export interface SoeiError extends Error {
  code: ErrorCode;
  /** Path of the field at fault ("tierTotals[2]", "ladder.tiers[0].share"); "" for the input itself. */
  field: string;
}

export interface Tier { name: string; need: DecimalString; share: DecimalString; }
export interface Ladder { name: string; points: "STP" | "STPR"; tiers: Tier[]; }
export interface Ladders { personal: Ladder; ambassador: Ladder; }
export interface TierInput { name: string; need: DecimalInput; share: DecimalInput; }
/** 1..16 tiers, unique names, strictly increasing need, shares in [0, 1] summing to at most 1. */
export interface LadderInput { name?: string; points?: "STP" | "STPR"; tiers: TierInput[]; }
export type LadderChoice = "personal" | "ambassador" | LadderInput;

export interface PersonalRewardInput {
  /** The user's STP this period, counted in tierTotals. */
  stp: DecimalInput;
  /** C, the pool for the period. */
  pool: DecimalInput;
  /** D_n for each tier in ladder order, the user included. */
  tierTotals: DecimalInput[];
  /** Hypothetical STP, moved into the totals of the tiers it qualifies for. */
  whatIfStp?: DecimalInput | null;
  ladder?: LadderChoice | null;
  /** Payout precision, an integer 0..18; default 6. */
  decimals?: number | null;
}
export interface AmbassadorRewardInput {
  stpr: DecimalInput;
  pool: DecimalInput;
  tierTotals: DecimalInput[];
  whatIfStpr?: DecimalInput | null;
  ladder?: LadderChoice | null;
  decimals?: number | null;
}
export interface TierReward {
  name: string;
  need: DecimalString;
  share: DecimalString;
  qualified: boolean;
  /** D_n used, after the what-if adjustment. */
  total: DecimalString;
  /** C · k_n. */
  pot: DecimalString;
  /** floor(B · C · k_n / D_n, decimals); "0" when not qualified. */
  amount: DecimalString;
}
export interface Reward {
  /** floor(exact A, decimals). */
  reward: DecimalString;
  /** The points used (the what-if points when given). */
  points: DecimalString;
  /** The highest tier qualified for. */
  rank: string | null;
  tiers: TierReward[];
}

export interface RankProgressInput { points: DecimalInput; ladder?: LadderChoice | null; }
export interface RankProgress {
  rank: string | null;
  /** -1 when unranked. */
  rankIndex: number;
  next: string | null;
  nextNeed: DecimalString | null;
  remaining: DecimalString | null;
  /** Fraction of the way from the current tier's need to the next one's; "1" at the top. */
  progress: DecimalString;
}

export interface RankingPeriodInput { at?: Instant | null; }
export interface RankingPeriod {
  /** ISO-8601 UTC, like Date#toISOString. */
  start: string;
  end: string;
  elapsed: DecimalString;
  remainingMs: number;
}

export interface ProjectRewardInput extends PersonalRewardInput { at?: Instant | null; }
export interface Projection {
  period: RankingPeriod;
  projectedPoints: DecimalString;
  current: Reward;
  projected: Reward;
}

export interface RewardCurveInput extends Omit<PersonalRewardInput, "whatIfStp"> {
  from: DecimalInput;
  to: DecimalInput;
  /** 2..100000 evenly spaced points from `from` to `to`. */
  steps: number;
}
/** Display values for charts; exact values come from personalReward. */
export interface RewardCurve { points: Float64Array; rewards: Float64Array; }

export interface ReferralUser { id: string; referrer?: string | null; stp: DecimalInput; }
export interface StprInput {
  users: ReferralUser[];
  /** Weights per depth, levels[0] for direct referrals; default 1 at every depth. */
  levels?: DecimalInput[] | null;
}
/** Every user's STPR, keyed by id. */
export type StprById = Record<string, DecimalString>;

"#;

// Talc instead of Rust's default dlmalloc: smaller in the module, and faster. (This module is
// single-threaded: the target has no atomics.)
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

// The npm build links no std (see the `std` feature in Cargo.toml), so the module's panic
// handler is this one. Nothing reachable from an input panics (tests/properties.rs, fuzz/);
// if a bug did, the call traps, as it would with std under `panic = "abort"`.
#[cfg(not(feature = "std"))]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    core::arch::wasm32::unreachable()
}

/// A JS `Error` whose message starts with the field path, with `code` and `field` set.
fn to_js_error(error: &Error) -> JsValue {
    let js_error = js_sys::Error::new(&error.message());
    // Setting a data property on a fresh Error object cannot fail.
    let _ = Reflect::set(&js_error, &"code".into(), &error.code.as_str().into());
    let _ = Reflect::set(&js_error, &"field".into(), &error.field.as_str().into());
    js_error.into()
}

/// Reads a JS value into a [`Value`]: plain objects (own enumerable string keys), arrays,
/// strings, numbers, booleans, null and undefined; anything else becomes
/// [`Value::Unsupported`], which decoding refuses with the field's path.
///
/// This is done here with js-sys rather than by a serde deserializer because a general
/// deserializer's error paths print floats, which brings Rust's float formatter into the
/// module: a quarter of its size budget.
fn read(input: &JsValue) -> Result<Value, JsValue> {
    read_value(input, 0).map_err(|unreadable| {
        let field = unreadable.path.iter().rev().map(String::as_str).collect::<String>();
        to_js_error(&Error::new(ErrorCode::InvalidType, field.trim_start_matches('.'), unreadable.detail))
    })
}

/// A typed array whose elements are JS numbers (so not a BigInt64Array nor a DataView).
fn is_numeric_typed_array(value: &JsValue) -> bool {
    ArrayBuffer::is_view(value)
        && !value.is_instance_of::<js_sys::DataView>()
        && !value.is_instance_of::<js_sys::BigInt64Array>()
        && !value.is_instance_of::<js_sys::BigUint64Array>()
}

/// Why a value could not be read, and where: path segments innermost first.
struct Unreadable {
    path: Vec<String>,
    detail: String,
}

fn read_value(value: &JsValue, depth: usize) -> Result<Value, Unreadable> {
    if depth > MAX_DEPTH {
        let detail = text!("is nested more than ", MAX_DEPTH, " levels deep");
        return Err(Unreadable { path: Vec::new(), detail });
    }
    let inside = |segment: String| move |mut unreadable: Unreadable| {
        unreadable.path.push(segment);
        unreadable
    };
    if value.is_null() || value.is_undefined() {
        return Ok(Value::Null);
    }
    if let Some(flag) = value.as_bool() {
        return Ok(Value::Bool(flag));
    }
    if let Some(number) = value.as_f64() {
        return Ok(Value::Number(number));
    }
    if let Some(text) = value.as_string() {
        return Ok(Value::String(text));
    }
    if Array::is_array(value) {
        let items = value.unchecked_ref::<Array>().iter().enumerate();
        return items.map(|(index, item)| read_value(&item, depth + 1).map_err(inside(text!("[", index, "]")))).collect::<Result<_, _>>().map(Value::Array);
    }
    let unsupported = if value.is_symbol() {
        "a symbol"
    } else if value.is_bigint() {
        "a BigInt"
    } else if value.is_function() {
        "a function"
    } else if !value.is_object() {
        "an unknown kind of value"
    } else if is_numeric_typed_array(value) {
        // One conversion and one copy for the whole array, however long.
        return Ok(Value::Numbers(Float64Array::new(value).to_vec()));
    } else if ArrayBuffer::is_view(value) || value.is_instance_of::<ArrayBuffer>() {
        "binary data"
    } else if value.is_instance_of::<js_sys::Date>() {
        "a Date"
    } else if value.is_instance_of::<js_sys::Map>() || value.is_instance_of::<js_sys::Set>() {
        "a Map or Set"
    } else {
        let object: &Object = value.unchecked_ref();
        let keys = Object::keys(object);
        let entries = keys.iter().filter_map(|key| key.as_string()).map(|key| {
            let item = Reflect::get(object, &JsValue::from_str(&key))
                .map_err(|_| Unreadable { path: vec![text!(".", key)], detail: "cannot be read (its getter threw)".into() })?;
            let item = read_value(&item, depth + 1).map_err(inside(text!(".", key)))?;
            Ok((key, item))
        });
        return entries.collect::<Result<_, _>>().map(Value::Object);
    };
    Ok(Value::Unsupported(unsupported))
}

fn write<T: Serialize>(output: &T) -> Result<JsValue, JsValue> {
    // Neither can happen: every result has a shape the writer supports, and writes valid JSON.
    let unwritable = || to_js_error(&Error::new(ErrorCode::OutOfRange, "", "the result cannot be written"));
    let json = json::to_json(output).map_err(|_| unwritable())?;
    js_sys::JSON::parse(&json).map_err(|_| unwritable())
}

fn respond<T: Serialize>(output: crate::Result<T>) -> Result<JsValue, JsValue> {
    output.map_err(|error| to_js_error(&error)).and_then(|output| write(&output))
}

/// The input with a `Date` in `at` replaced by its time value (NaN for an invalid date,
/// which decoding then refuses), on a shallow copy so the caller's object is untouched.
fn with_date_as_time_value(input: JsValue) -> JsValue {
    let at = match Reflect::get(&input, &"at".into()) {
        Ok(at) if input.is_object() => at,
        _ => return input,
    };
    let Some(date) = at.dyn_ref::<js_sys::Date>() else {
        return input;
    };
    let copy = Object::assign(&Object::new(), input.unchecked_ref());
    let _ = Reflect::set(&copy, &"at".into(), &date.get_time().into());
    copy.into()
}

fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}

/// The user's personal reward this period (STP over the personal ladder).
#[wasm_bindgen(js_name = personalReward, unchecked_return_type = "Reward")]
pub fn personal_reward(#[wasm_bindgen(unchecked_param_type = "PersonalRewardInput")] input: JsValue) -> Result<JsValue, JsValue> {
    respond(api::personal_reward(&read(&input)?))
}

/// The user's ambassador reward this period (STPR over the ambassador ladder).
#[wasm_bindgen(js_name = ambassadorReward, unchecked_return_type = "Reward")]
pub fn ambassador_reward(#[wasm_bindgen(unchecked_param_type = "AmbassadorRewardInput")] input: JsValue) -> Result<JsValue, JsValue> {
    respond(api::ambassador_reward(&read(&input)?))
}

/// The rank reached and the distance to the next one.
#[wasm_bindgen(js_name = rankProgress, unchecked_return_type = "RankProgress")]
pub fn rank_progress(#[wasm_bindgen(unchecked_param_type = "RankProgressInput")] input: JsValue) -> Result<JsValue, JsValue> {
    respond(api::rank_progress(&read(&input)?))
}

/// The ranking period (UTC month) containing `at`, now by default.
#[wasm_bindgen(js_name = rankingPeriod, unchecked_return_type = "RankingPeriod")]
pub fn ranking_period(#[wasm_bindgen(unchecked_param_type = "RankingPeriodInput")] input: Option<JsValue>) -> Result<JsValue, JsValue> {
    let input = input.unwrap_or(JsValue::UNDEFINED);
    respond(api::ranking_period(&read(&with_date_as_time_value(input))?, now_ms()))
}

/// The reward now and, at the current pace, at the end of the period.
#[wasm_bindgen(js_name = projectReward, unchecked_return_type = "Projection")]
pub fn project_reward(#[wasm_bindgen(unchecked_param_type = "ProjectRewardInput")] input: JsValue) -> Result<JsValue, JsValue> {
    respond(api::project_reward(&read(&with_date_as_time_value(input))?, now_ms()))
}

/// Rewards at evenly spaced what-if points, as `Float64Array`s for charts.
#[wasm_bindgen(js_name = rewardCurve, unchecked_return_type = "RewardCurve")]
pub fn reward_curve(#[wasm_bindgen(unchecked_param_type = "RewardCurveInput")] input: JsValue) -> Result<JsValue, JsValue> {
    let curve = api::reward_curve(&read(&input)?).map_err(|error| to_js_error(&error))?;
    let output = Object::new();
    let _ = Reflect::set(&output, &"points".into(), &Float64Array::from(curve.points.as_slice()));
    let _ = Reflect::set(&output, &"rewards".into(), &Float64Array::from(curve.rewards.as_slice()));
    Ok(output.into())
}

/// Every user's STPR from the referral tree, keyed by id.
#[wasm_bindgen(js_name = stprFromReferrals, unchecked_return_type = "StprById")]
pub fn stpr_from_referrals(#[wasm_bindgen(unchecked_param_type = "StprInput")] input: JsValue) -> Result<JsValue, JsValue> {
    respond(api::stpr_from_referrals(&read(&input)?))
}

/// The size of this module's linear memory in bytes. It only ever grows, so this is also
/// the most it has used: a figure for apps that watch their memory.
#[wasm_bindgen(js_name = wasmMemoryBytes)]
pub fn wasm_memory_bytes() -> f64 {
    const PAGE_BYTES: f64 = 65_536.0;
    core::arch::wasm32::memory_size(0) as f64 * PAGE_BYTES
}

/// The two published ladders.
#[wasm_bindgen(unchecked_return_type = "Ladders")]
pub fn ladders() -> Result<JsValue, JsValue> {
    write(&api::ladders())
}
