//! The JavaScript binding of soei-rewards: every `#[wasm_bindgen]` export, and nothing else.
//!
//! Each export reads its argument with serde-wasm-bindgen into the core's request type
//! (through [`soei_rewards::input::decode_buffered`], which gives every failure the contract's code and
//! field path), calls the core, and hands the result back as one string, a tape ([`tape`]),
//! which the package's thin JS layer (`wasm/js/results.mjs`) makes into a plain object — or as
//! typed arrays for columns — or throws a JS `Error` carrying `code`, `field` and `detail`. No rule lives here: only what JavaScript alone has (a `Date`'s time value, the
//! current time, typed arrays, own-property keys) is handled in this crate.

use js_sys::{Float64Array, Object, Reflect};
use serde::de::DeserializeOwned;
use serde::Serialize;
use soei_rewards::Error;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[cfg(feature = "population")]
mod population;
use soei_rewards_tape as tape;

// The package's TypeScript surface: the inputs here, next to the exports they describe; the
// results in results.d.ts, generated from the Rust result types by scripts/boundary.mjs.
// `tests/js/types.test.mjs` checks both against what the functions really accept and return.
#[wasm_bindgen(typescript_custom_section)]
const RESULT_TYPES: &'static str = include_str!("results.d.ts");

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
  /** The message without its leading field path, for showing next to the field. */
  detail: string;
}

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

export interface RankProgressInput { points: DecimalInput; ladder?: LadderChoice | null; }

export interface RankingPeriodInput { at?: Instant | null; }

export interface ProjectRewardInput extends PersonalRewardInput { at?: Instant | null; }

export interface RewardCurveInput extends Omit<PersonalRewardInput, "whatIfStp"> {
  from: DecimalInput;
  to: DecimalInput;
  /** 2..100000 evenly spaced points from `from` to `to`. */
  steps: number;
}

export interface ReferralUser { id: string; referrer?: string | null; stp: DecimalInput; }
export interface StprInput {
  users: ReferralUser[];
  /** Weights per depth, levels[0] for direct referrals; default 1 at every depth. */
  levels?: DecimalInput[] | null;
}

export interface PointsForRewardInput {
  /** The user's points now, counted in tierTotals (as stp is for personalReward). */
  points: DecimalInput;
  pool: DecimalInput;
  tierTotals: DecimalInput[];
  /** The reward wanted. */
  target: DecimalInput;
  ladder?: LadderChoice | null;
  decimals?: number | null;
  /** The granularity of the answer; default "0.01", the smallest STP an action earns. */
  step?: DecimalInput | null;
}

export interface PacePlanInput { points: DecimalInput; at?: Instant | null; ladder?: LadderChoice | null; }
"#;

/// Installs the panic hook once, when the module loads: a bug then prints its message and
/// location on `console.error` instead of a bare `RuntimeError: unreachable`.
#[wasm_bindgen(start)]
fn start() {
    console_error_panic_hook::set_once();
}

/// The key that marks this package's errors (`Symbol.for`, so that the errors of another copy
/// of the package — its CommonJS and ES module builds loaded side by side — are known too).
const ERROR_MARK: &str = "soei-rewards.error";

/// A JS `Error` whose message starts with the field path, with `code`, `field` and `detail`.
fn to_js_error(error: &Error) -> JsValue {
    let js_error = js_sys::Error::new(&error.to_string());
    // Setting a property on a fresh Error object cannot fail.
    let _ = Reflect::set(&js_error, &"code".into(), &error.code.as_str().into());
    let _ = Reflect::set(&js_error, &"field".into(), &error.field.as_str().into());
    let _ = Reflect::set(&js_error, &"detail".into(), &error.detail.as_str().into());
    let _ = Reflect::set(&js_error, &js_sys::Symbol::for_(ERROR_MARK), &JsValue::TRUE);
    js_error.into()
}

/// Whether `value` is an error this package threw (a type guard in TypeScript).
#[wasm_bindgen(js_name = isSoeiError, unchecked_return_type = "value is SoeiError")]
pub fn is_soei_error(#[wasm_bindgen(unchecked_param_type = "unknown")] value: &JsValue) -> bool {
    value.is_instance_of::<js_sys::Error>()
        && Reflect::get(value, &js_sys::Symbol::for_(ERROR_MARK)).is_ok_and(|mark| mark.is_truthy())
}

/// Reads a request. serde-wasm-bindgen reads the object into memory once and the request is
/// read from there (`input::decode_buffered`): the request types' readers are then compiled
/// once rather than once for each kind of map serde-wasm-bindgen hands over.
fn read<T: DeserializeOwned>(input: JsValue) -> Result<T, JsValue> {
    // serde's data model has one "nothing", which serde-wasm-bindgen reports as null.
    if input.is_undefined() {
        return Err(to_js_error(&soei_rewards::input::undefined_input()));
    }
    soei_rewards::input::decode_buffered(serde_wasm_bindgen::Deserializer::from(input)).map_err(|error| to_js_error(&error))
}

/// Reads a request that takes an instant: a `Date` in `at` is replaced by its time value
/// first (on a shallow copy, so the caller's object is untouched), since serde sees numbers
/// and strings, not Dates. (Only these requests pay for looking.)
fn read_timed<T: DeserializeOwned>(input: JsValue) -> Result<T, JsValue> {
    if input.is_undefined() {
        return read(input);
    }
    read(with_date_as_time_value(input)?)
}

fn with_date_as_time_value(input: JsValue) -> Result<JsValue, JsValue> {
    let at = match Reflect::get(&input, &"at".into()) {
        Ok(at) if input.is_object() => at,
        _ => return Ok(input),
    };
    let Some(date) = at.dyn_ref::<js_sys::Date>() else {
        return Ok(input);
    };
    let copy = shallow_copy(&input)?;
    let _ = Reflect::set(&copy, &"at".into(), &date.get_time().into());
    Ok(copy.into())
}

/// A shallow copy of the caller's object, or a coded error if one of its getters throws
/// (`Object.assign` reads every own enumerable property).
fn shallow_copy(input: &JsValue) -> Result<Object, JsValue> {
    Object::try_assign(&Object::new(), input.unchecked_ref()).map_err(|_| unreadable_input())
}

/// The error for an input whose reading threw (a getter, or a revoked Proxy's trap): the
/// core's, which the package's JS layer (`wasm/js/results.mjs`) also throws for the inputs it
/// copies (through the boundary's description, `examples/boundary.rs`).
fn unreadable_input() -> JsValue {
    to_js_error(&soei_rewards::input::unreadable_input())
}

/// Writes a result as a tape (see [`tape`]): one string, one crossing; the package's JS layer
/// (`wasm/js/results.mjs`) makes the plain object of it.
fn write<T: Serialize>(output: &T) -> Result<JsValue, JsValue> {
    tape::tape(output).map(JsValue::from).map_err(|error| js_sys::Error::new(&error.to_string()).into())
}

fn respond<T: Serialize>(output: soei_rewards::Result<T>) -> Result<JsValue, JsValue> {
    output.map_err(|error| to_js_error(&error)).and_then(|output| write(&output))
}

fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}

/// The user's personal reward this period (STP over the personal ladder).
#[wasm_bindgen(js_name = personalReward, unchecked_return_type = "Reward")]
pub fn personal_reward(#[wasm_bindgen(unchecked_param_type = "PersonalRewardInput")] input: JsValue) -> Result<JsValue, JsValue> {
    respond(soei_rewards::personal_reward(&read(input)?))
}

/// The user's ambassador reward this period (STPR over the ambassador ladder).
#[wasm_bindgen(js_name = ambassadorReward, unchecked_return_type = "Reward")]
pub fn ambassador_reward(#[wasm_bindgen(unchecked_param_type = "AmbassadorRewardInput")] input: JsValue) -> Result<JsValue, JsValue> {
    respond(soei_rewards::ambassador_reward(&read(input)?))
}

/// The rank reached and the distance to the next one.
#[wasm_bindgen(js_name = rankProgress, unchecked_return_type = "RankProgress")]
pub fn rank_progress(#[wasm_bindgen(unchecked_param_type = "RankProgressInput")] input: JsValue) -> Result<JsValue, JsValue> {
    respond(soei_rewards::rank_progress(&read(input)?))
}

#[wasm_bindgen]
extern "C" {
    /// `rankingPeriod`'s input, as its own type so that wasm-bindgen declares the argument
    /// optional (`input?: RankingPeriodInput`).
    #[wasm_bindgen(typescript_type = "RankingPeriodInput")]
    pub type RankingPeriodInput;
}

/// The ranking period (UTC month) containing `at`, now by default.
#[wasm_bindgen(js_name = rankingPeriod, unchecked_return_type = "RankingPeriod")]
pub fn ranking_period(input: Option<RankingPeriodInput>) -> Result<JsValue, JsValue> {
    let request = match input {
        None => soei_rewards::RankingPeriodRequest::default(),
        Some(input) => read_timed(input.into())?,
    };
    respond(soei_rewards::ranking_period(&request, now_ms()))
}

/// The reward now and, at the current pace, at the end of the period.
#[wasm_bindgen(js_name = projectReward, unchecked_return_type = "Projection")]
pub fn project_reward(#[wasm_bindgen(unchecked_param_type = "ProjectRewardInput")] input: JsValue) -> Result<JsValue, JsValue> {
    respond(soei_rewards::project_reward(&read_timed(input)?, now_ms()))
}

/// Rewards at evenly spaced what-if points, as `Float64Array`s for charts.
#[wasm_bindgen(js_name = rewardCurve, unchecked_return_type = "RewardCurve")]
pub fn reward_curve(#[wasm_bindgen(unchecked_param_type = "RewardCurveInput")] input: JsValue) -> Result<JsValue, JsValue> {
    let curve = soei_rewards::reward_curve(&read(input)?).map_err(|error| to_js_error(&error))?;
    let output = Object::new();
    let _ = Reflect::set(&output, &"points".into(), &Float64Array::from(curve.points.as_slice()));
    let _ = Reflect::set(&output, &"rewards".into(), &Float64Array::from(curve.rewards.as_slice()));
    Ok(output.into())
}

/// Every user's STPR from the referral tree, keyed by id.
#[wasm_bindgen(js_name = stprFromReferrals, unchecked_return_type = "StprById")]
pub fn stpr_from_referrals(#[wasm_bindgen(unchecked_param_type = "StprInput")] input: JsValue) -> Result<JsValue, JsValue> {
    respond(soei_rewards::stpr_from_referrals(&read(input)?))
}

/// The least points that pay a target reward, everyone else unchanged.
#[wasm_bindgen(js_name = pointsForReward, unchecked_return_type = "PointsForReward")]
pub fn points_for_reward(#[wasm_bindgen(unchecked_param_type = "PointsForRewardInput")] input: JsValue) -> Result<JsValue, JsValue> {
    respond(soei_rewards::points_for_reward(&read(input)?))
}

/// The user's pace this period, and the daily pace each higher rank needs.
#[wasm_bindgen(js_name = pacePlan, unchecked_return_type = "PacePlan")]
pub fn pace_plan(#[wasm_bindgen(unchecked_param_type = "PacePlanInput")] input: JsValue) -> Result<JsValue, JsValue> {
    respond(soei_rewards::pace_plan(&read_timed(input)?, now_ms()))
}

/// The two published ladders.
#[wasm_bindgen(unchecked_return_type = "Ladders")]
pub fn ladders() -> Result<JsValue, JsValue> {
    write(&soei_rewards::ladders())
}

/// The size of this module's linear memory in bytes. It only ever grows, so this is also
/// the most it has used: a figure for apps that watch their memory.
#[wasm_bindgen(js_name = wasmMemoryBytes)]
pub fn wasm_memory_bytes() -> f64 {
    let memory: js_sys::WebAssembly::Memory = wasm_bindgen::memory().unchecked_into();
    f64::from(memory.buffer().unchecked_into::<js_sys::ArrayBuffer>().byte_length())
}

/// A test-only export (the `panic-probe` feature, never in the package): panics, so that a
/// test can see console_error_panic_hook report the message and its location.
#[cfg(feature = "panic-probe")]
#[wasm_bindgen(js_name = panicProbe)]
pub fn panic_probe() {
    panic!("panic probe: this message must reach console.error");
}

/// Test-only exports (the `bench-probe` feature, never in the package), each one part of a
/// `personalReward` call, so that bench/bound.mjs can time what each part costs: how much of
/// a call the stack alone takes, whatever the rules and the result do.
#[cfg(feature = "bench-probe")]
mod bench_probe {
    use super::*;
    use serde::de::{self, DeserializeSeed};

    /// A call that crosses the boundary and does nothing: the floor of any export.
    #[wasm_bindgen(js_name = probeEmpty)]
    pub fn probe_empty(input: JsValue) -> JsValue {
        input
    }

    /// serde-wasm-bindgen visiting every value of the input, asked the way the package's
    /// reader asks (any kind for a value, text for a key), and nothing kept: what letting it
    /// read every request costs. A reader that refuses unknown keys must see every key, so
    /// this walk is its floor (serde-wasm-bindgen's by-name struct reading never sees them).
    #[wasm_bindgen(js_name = probeWalk)]
    pub fn probe_walk(input: JsValue) -> bool {
        Walk.deserialize(serde_wasm_bindgen::Deserializer::from(input)).is_ok()
    }

    /// The `personalReward` request read as the package reads it, nothing else.
    #[wasm_bindgen(js_name = probeRead)]
    pub fn probe_read(input: JsValue) -> Result<bool, JsValue> {
        read::<soei_rewards::PersonalRewardRequest>(input).map(|request| request.tier_totals.is_empty())
    }

    /// The `stprFromReferrals` request read as the package reads it, nothing else.
    #[wasm_bindgen(js_name = probeReadReferrals)]
    pub fn probe_read_referrals(input: JsValue) -> Result<bool, JsValue> {
        read::<soei_rewards::StprRequest>(input).map(|request| request.users.is_empty())
    }

    /// Every value visited, nothing kept (see [`probe_walk`]).
    #[derive(Clone, Copy)]
    struct Walk;

    impl<'de> de::DeserializeSeed<'de> for Walk {
        type Value = ();

        fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
            deserializer.deserialize_any(self)
        }
    }

    /// A key, asked for as text.
    struct Key;

    impl<'de> de::DeserializeSeed<'de> for Key {
        type Value = ();

        fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
            deserializer.deserialize_str(Walk)
        }
    }

    impl<'de> de::Visitor<'de> for Walk {
        type Value = ();

        fn expecting(&self, formatter: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
            formatter.write_str("any value")
        }
        fn visit_unit<E>(self) -> Result<(), E> {
            Ok(())
        }
        fn visit_bool<E>(self, _: bool) -> Result<(), E> {
            Ok(())
        }
        fn visit_i64<E>(self, _: i64) -> Result<(), E> {
            Ok(())
        }
        fn visit_u64<E>(self, _: u64) -> Result<(), E> {
            Ok(())
        }
        fn visit_f64<E>(self, _: f64) -> Result<(), E> {
            Ok(())
        }
        fn visit_str<E>(self, _: &str) -> Result<(), E> {
            Ok(())
        }
        fn visit_byte_buf<E>(self, _: Vec<u8>) -> Result<(), E> {
            Ok(())
        }
        fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
            while seq.next_element_seed(Walk)?.is_some() {}
            Ok(())
        }
        fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
            while map.next_key_seed(Key)?.is_some() {
                map.next_value_seed(Walk)?;
            }
            Ok(())
        }
    }

    /// Read and computed, without writing the result.
    #[wasm_bindgen(js_name = probeCompute)]
    pub fn probe_compute(input: JsValue) -> Result<bool, JsValue> {
        let reward = soei_rewards::personal_reward(&read(input)?).map_err(|error| to_js_error(&error))?;
        Ok(reward.reward.is_zero())
    }

    /// Read, computed and the result written as its tape, which stays in wasm (its length
    /// crosses): the whole call but the tape's crossing and the JS layer.
    #[wasm_bindgen(js_name = probeTape)]
    pub fn probe_tape(input: JsValue) -> Result<usize, JsValue> {
        let reward = soei_rewards::personal_reward(&read(input)?).map_err(|error| to_js_error(&error))?;
        tape::tape(&reward).map(|tape| tape.len()).map_err(|error| js_sys::Error::new(&error.to_string()).into())
    }
}
