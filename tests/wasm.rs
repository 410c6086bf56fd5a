//! The JavaScript boundary in real WebAssembly (`wasm-pack test --node wasm -- --test wasm`):
//! the conformance vectors through JS values, and every error code as a thrown JS `Error`
//! with `code`, `field` and `detail`, after which the module keeps working.
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Float64Array, Reflect, JSON};
use serde_json::Value as Json;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

// The package's own JS layer, which makes the objects of the exports' tapes: the tape reader,
// and the builders generated from the Rust result types.
#[wasm_bindgen(module = "/js/tape.js")]
extern "C" {
    type Tape;
    #[wasm_bindgen(constructor)]
    fn new(text: JsValue) -> Tape;
}

#[wasm_bindgen(module = "/js/shapes.js")]
extern "C" {
    #[wasm_bindgen(js_name = resultOf)]
    fn build(name: &str, tape: Tape) -> JsValue;
}

/// The object of the tape `tape` that the export `name` returned.
fn result_of(name: &str, tape: JsValue) -> JsValue {
    build(name, Tape::new(tape))
}

/// The exports as the package's users call them: through the JS layer.
mod wasm {
    use super::result_of;
    use soei_rewards_wasm as raw;
    use wasm_bindgen::JsValue;

    pub use raw::{is_soei_error, reward_curve};

    macro_rules! through_layer {
        ($($function:ident $name:literal),+) => {$(
            pub fn $function(input: JsValue) -> Result<JsValue, JsValue> {
                raw::$function(input).map(|tape| result_of($name, tape))
            }
        )+};
    }
    through_layer!(personal_reward "personalReward", ambassador_reward "ambassadorReward", rank_progress "rankProgress", project_reward "projectReward", stpr_from_referrals "stprFromReferrals", points_for_reward "pointsForReward", pace_plan "pacePlan");

    pub fn ranking_period(input: Option<raw::RankingPeriodInput>) -> Result<JsValue, JsValue> {
        raw::ranking_period(input).map(|tape| result_of("rankingPeriod", tape))
    }

    pub fn ladders() -> Result<JsValue, JsValue> {
        raw::ladders().map(|tape| result_of("ladders", tape))
    }
}

mod common;
use common::{cases, mismatch};

type Export = fn(JsValue) -> Result<JsValue, JsValue>;

fn export(name: &str) -> Export {
    match name {
        "personalReward" => wasm::personal_reward,
        "ambassadorReward" => wasm::ambassador_reward,
        "rankProgress" => wasm::rank_progress,
        "projectReward" => wasm::project_reward,
        "rewardCurve" => wasm::reward_curve,
        "stprFromReferrals" => wasm::stpr_from_referrals,
        "rankingPeriod" => |input| wasm::ranking_period(Some(input.unchecked_into())),
        "pointsForReward" => wasm::points_for_reward,
        "pacePlan" => wasm::pace_plan,
        other => panic!("no export named {other}"),
    }
}

fn js(json: &str) -> JsValue {
    JSON::parse(json).expect("test input is JSON")
}

fn to_json(value: &JsValue) -> Json {
    serde_json::from_str(&JSON::stringify(value).unwrap().as_string().unwrap()).unwrap()
}

fn set(target: &JsValue, key: &str, value: impl Into<JsValue>) -> JsValue {
    Reflect::set(target, &key.into(), &value.into()).unwrap();
    target.clone()
}

const EXAMPLE: &str = r#"{"stp": "850", "pool": "1000", "tierTotals": ["8000", "5000", "3000", "2500"]}"#;

fn example_still_pays_138_125() {
    let reward = wasm::personal_reward(js(EXAMPLE)).expect("the module works after an error");
    assert_eq!(Reflect::get(&reward, &"reward".into()).unwrap(), "138.125");
}

#[wasm_bindgen_test]
fn every_conformance_vector_passes_through_js_values() {
    let mut failures = Vec::new();
    for (index, case) in cases().iter().enumerate() {
        let function = case["fn"].as_str().unwrap();
        match export(function)(js(&case["input"].to_string())) {
            Ok(output) => failures.extend(mismatch(&to_json(&output), &case["expect"], "").map(|m| format!("case {index}{m}"))),
            Err(error) => failures.push(format!("case {index}: {:?}", error)),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Calls `function` with `input`, expecting a thrown JS `Error` with this `code` and `field`.
fn assert_error(function: &str, input: JsValue, code: &str, field: &str) {
    let thrown = export(function)(input).expect_err(&format!("{function} should refuse input for {code} at {field:?}"));
    let error: js_sys::Error = thrown.dyn_into().expect("an instance of Error, not a string");
    assert_eq!(Reflect::get(&error, &"code".into()).unwrap(), code, "{function}, {field}: {}", error.message());
    assert_eq!(Reflect::get(&error, &"field".into()).unwrap(), field, "{function}, {code}: {}", error.message());
    let message = String::from(error.message());
    let prefix = if field.is_empty() { "input" } else { field };
    let detail = Reflect::get(&error, &"detail".into()).unwrap().as_string().expect("a detail");
    assert_eq!(message, format!("{prefix}: {detail}"), "the message is the field, then the detail");
    assert!(wasm::is_soei_error(&error), "isSoeiError knows the package's errors");
    example_still_pays_138_125();
}

/// The example, with `field` replaced by the JSON `value`.
fn example_with(field: &str, value: &str) -> JsValue {
    set(&js(EXAMPLE), field, js(value))
}

#[wasm_bindgen_test]
fn every_error_code_is_a_coded_js_error() {
    // invalid_number
    assert_error("personalReward", example_with("stp", r#""1,000""#), "invalid_number", "stp");
    assert_error("personalReward", example_with("stp", r#""""#), "invalid_number", "stp");
    assert_error("personalReward", example_with("pool", r#""abc""#), "invalid_number", "pool");
    assert_error("personalReward", set(&js(EXAMPLE), "stp", f64::NAN), "invalid_number", "stp");
    assert_error("personalReward", set(&js(EXAMPLE), "pool", f64::INFINITY), "invalid_number", "pool");
    assert_error("rankingPeriod", set(&js("{}"), "at", js_sys::Date::new(&"not a date".into())), "invalid_number", "at");
    // invalid_type
    assert_error("personalReward", js("42"), "invalid_type", "");
    assert_error("personalReward", js(r#"["850"]"#), "invalid_type", "");
    assert_error("personalReward", JsValue::UNDEFINED, "invalid_type", "");
    assert_error("personalReward", js_sys::Symbol::for_("x").into(), "invalid_type", "");
    assert_error("personalReward", example_with("tierTotals", r#"["8000", "5000", "3000"]"#), "invalid_type", "tierTotals");
    assert_error("personalReward", example_with("tierTotals", r#""8000""#), "invalid_type", "tierTotals");
    assert_error("personalReward", example_with("stp", "true"), "invalid_type", "stp");
    assert_error("personalReward", example_with("decimals", "6.5"), "invalid_type", "decimals");
    assert_error("rankingPeriod", js(r#"{"at": "yesterday"}"#), "invalid_type", "at");
    assert_error("rankingPeriod", js(r#"{"at": 1.5}"#), "invalid_type", "at");
    // negative
    assert_error("personalReward", example_with("tierTotals", r#"["8000", "5000", "-5", "2500"]"#), "negative", "tierTotals[2]");
    assert_error("personalReward", example_with("stp", "-5"), "negative", "stp");
    assert_error("rankProgress", js(r#"{"points": "-0.01"}"#), "negative", "points");
    // out_of_range: beyond the decimal range, never a panic
    assert_error("personalReward", example_with("stp", r#""1e40""#), "out_of_range", "stp");
    assert_error("personalReward", example_with("pool", "1e300"), "out_of_range", "pool");
    let max = "79228162514264337593543950335";
    let huge = format!(r#"{{"stp": "{max}", "pool": "{max}", "tierTotals": ["{max}", "{max}", "{max}", "{max}"]}}"#);
    assert_error("personalReward", js(&huge), "out_of_range", "pool");
    assert_error("personalReward", example_with("decimals", "19"), "out_of_range", "decimals");
    assert_error("personalReward", example_with("decimals", "-1"), "out_of_range", "decimals");
    assert_error("rankingPeriod", js(r#"{"at": 8640000000000001}"#), "out_of_range", "at");
    assert_error("rankingPeriod", js(r#"{"at": "2026-13-01"}"#), "out_of_range", "at");
    assert_error("rewardCurve", set(&example_with("from", "0"), "to", 1000), "missing_field", "steps");
    let curve = set(&set(&example_with("from", "0"), "to", 1000), "steps", 1);
    assert_error("rewardCurve", curve, "out_of_range", "steps");
    // missing_field and unknown_field (a typo is named, not ignored)
    assert_error("personalReward", js(r#"{"stp": "850", "tierTotals": []}"#), "missing_field", "pool");
    assert_error("personalReward", example_with("tierTotal", "[]"), "unknown_field", "tierTotal");
    assert_error("ambassadorReward", example_with("stpr", "1"), "unknown_field", "stp");
    // invalid_ladder
    assert_error("personalReward", example_with("ladder", r#""gold""#), "invalid_ladder", "ladder");
    let greedy = r#"{"tiers": [{"name": "a", "need": 1, "share": 0.6}, {"name": "b", "need": 2, "share": 0.5}]}"#;
    assert_error("rankProgress", set(&js(r#"{"points": 1}"#), "ladder", js(greedy)), "invalid_ladder", "ladder.tiers");
    let unordered = r#"{"tiers": [{"name": "a", "need": 5, "share": 0.1}, {"name": "b", "need": 5, "share": 0.1}]}"#;
    assert_error("rankProgress", set(&js(r#"{"points": 1}"#), "ladder", js(unordered)), "invalid_ladder", "ladder.tiers[1].need");
    // inconsistent_totals
    assert_error("personalReward", example_with("tierTotals", r#"["8000", "5000", "800", "0"]"#), "inconsistent_totals", "tierTotals[2]");
    assert_error("personalReward", example_with("tierTotals", r#"["8000", "9000", "3000", "0"]"#), "inconsistent_totals", "tierTotals[1]");
    assert_error("personalReward", example_with("tierTotals", r#"["8000", "5000", "3000", "999"]"#), "inconsistent_totals", "tierTotals[3]");
    // referral trees
    let users = |list: &str| js(&format!(r#"{{"users": {list}}}"#));
    assert_error("stprFromReferrals", users(r#"[{"id": "a", "stp": 1}, {"id": "a", "stp": 2}]"#), "duplicate_id", "users[1].id");
    assert_error("stprFromReferrals", users(r#"[{"id": "a", "referrer": "z", "stp": 1}]"#), "unknown_referrer", "users[0].referrer");
    assert_error("stprFromReferrals", users(r#"[{"id": "a", "referrer": "a", "stp": 1}]"#), "referral_cycle", "users[0].referrer");
    assert_error("stprFromReferrals", users(r#"[{"id": "a", "referrer": "b", "stp": 1}, {"id": "b", "referrer": "a", "stp": 1}]"#), "referral_cycle", "users[0].referrer");
    // planning
    let plan = |extra: &str| js(&format!(r#"{{"points": "850", "pool": "1000", "tierTotals": ["8000", "5000", "3000", "2500"]{extra}}}"#));
    assert_error("pointsForReward", plan(r#", "target": "-1""#), "negative", "target");
    assert_error("pointsForReward", plan(r#", "target": "1", "points": "-1""#), "negative", "points");
    assert_error("pointsForReward", plan(r#", "target": "1", "step": "0""#), "out_of_range", "step");
    assert_error("pointsForReward", plan(""), "missing_field", "target");
    assert_error("pointsForReward", plan(r#", "target": "1", "whatIfStp": "900""#), "unknown_field", "whatIfStp");
    assert_error("pacePlan", js(r#"{"points": "-1"}"#), "negative", "points");
    assert_error("pacePlan", js(r#"{"points": "1", "at": "2026-11-21T10:00:00"}"#), "invalid_type", "at");
}

#[wasm_bindgen_test]
fn other_values_are_not_soei_errors() {
    assert!(!wasm::is_soei_error(&js_sys::Error::new("stp: looks alike").into()));
    assert!(!wasm::is_soei_error(&js(r#"{"code": "negative", "field": "stp"}"#)));
    assert!(!wasm::is_soei_error(&JsValue::UNDEFINED));
}

/// Requests are read by type, so nothing deeper than a request's own shape is ever walked:
/// nesting is a type error where it starts, not a stack overflow.
#[wasm_bindgen_test]
fn deep_nesting_is_a_type_error_not_a_stack_overflow() {
    let mut deep: JsValue = Array::new().into();
    for _ in 0..100_000 {
        deep = Array::of1(&deep).into();
    }
    for field in ["stp", "tierTotals", "ladder"] {
        let thrown = wasm::personal_reward(set(&js(EXAMPLE), field, deep.clone())).unwrap_err();
        let at = Reflect::get(&thrown, &"field".into()).unwrap().as_string().unwrap();
        assert!(at.starts_with(field), "the error names where the nesting is: {at}");
        assert_eq!(Reflect::get(&thrown, &"code".into()).unwrap(), "invalid_type");
    }
    example_still_pays_138_125();
}

#[wasm_bindgen_test]
fn dates_numbers_and_iso_strings_name_the_same_instant() {
    let period = |at: JsValue| to_json(&wasm::ranking_period(Some(set(&js("{}"), "at", at).unchecked_into())).unwrap());
    let from_date = period(js_sys::Date::new(&"2026-11-21T12:00:00Z".into()).into());
    assert_eq!(from_date, period("2026-11-21T12:00:00Z".into()));
    assert_eq!(from_date, period(1_795_262_400_000.0.into()));
    assert_eq!(from_date["start"], "2026-11-01T00:00:00.000Z");
    assert_eq!(from_date["remainingMs"], 820_800_000);
    // With no argument at all, the period is the current one: it holds the JS clock's now,
    // and its start is the first of the month that JavaScript's own Date computes for it (an
    // oracle outside the crate), whatever month this runs in.
    let before = js_sys::Date::now();
    let now = to_json(&wasm::ranking_period(None).unwrap());
    let after = js_sys::Date::now();
    let month_start = |ms: f64| {
        let date = js_sys::Date::new(&ms.into());
        js_sys::Date::utc(f64::from(date.get_utc_full_year()), f64::from(date.get_utc_month()))
    };
    let start = js_sys::Date::parse(now["start"].as_str().unwrap());
    let end = js_sys::Date::parse(now["end"].as_str().unwrap());
    let remaining = now["remainingMs"].as_f64().unwrap();
    // (Unless the call straddled a month's turn.)
    if month_start(before) == month_start(after) {
        assert_eq!(start, month_start(before), "the period starts on the first of JS's current UTC month");
    }
    assert!(start <= after && before < end, "now ({before}..{after}) lies in [{start}, {end})");
    assert!((end - after..=end - before).contains(&remaining), "remainingMs {remaining} is end − now");
}

#[wasm_bindgen_test]
fn outputs_are_plain_objects_and_typed_arrays() {
    let reward = wasm::personal_reward(js(EXAMPLE)).unwrap();
    assert_eq!(js_sys::Object::get_prototype_of(&reward), js_sys::Object::get_prototype_of(&js("{}")));
    assert!(Reflect::get(&reward, &"rank".into()).unwrap().as_string().is_some());
    let unranked = wasm::rank_progress(js(r#"{"points": 0}"#)).unwrap();
    assert!(Reflect::get(&unranked, &"rank".into()).unwrap().is_null(), "absent values are null, not undefined");
    let input = set(&set(&set(&js(EXAMPLE), "from", 0), "to", 1200), "steps", 13);
    let curve = wasm::reward_curve(input).unwrap();
    let rewards: Float64Array = Reflect::get(&curve, &"rewards".into()).unwrap().dyn_into().unwrap();
    assert_eq!(rewards.length(), 13);
    assert_eq!(rewards.get_index(12), 214.094829);
    let stpr = wasm::stpr_from_referrals(js(r#"{"users": [{"id": "__proto__", "stp": 1}, {"id": "b", "referrer": "__proto__", "stp": 2}]}"#)).unwrap();
    assert_eq!(to_json(&stpr), serde_json::json!({"__proto__": "2", "b": "0"}));
    let ladders = to_json(&wasm::ladders().unwrap());
    assert_eq!(ladders["ambassador"]["tiers"][2]["share"], "0.2");
}
