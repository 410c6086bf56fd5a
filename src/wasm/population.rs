//! The population-scale exports, built only with the `population` feature: the module that
//! `soei-rewards/population` loads. Columns go in and out as typed arrays, so a million users
//! cross the boundary in a few copies rather than a million objects.

use alloc::vec::Vec;
use js_sys::{Array, Float64Array, Object, Reflect};
use rust_decimal::Decimal;
use wasm_bindgen::prelude::*;

use super::{read, to_js_error};
use crate::api;
use crate::number::{display_f64, format_decimal};

#[wasm_bindgen(typescript_custom_section)]
const POPULATION_TYPES: &'static str = r#"
/** Users as columns, for large populations: user i is referred by user referrers[i], or -1. */
export interface StprColumnsInput {
  referrers: Int32Array | number[];
  /** Each user's STP; a Float64Array is read value by value through its shortest text. */
  stp: Float64Array | DecimalInput[];
  levels?: DecimalInput[] | null;
  /** Also return the exact values as strings. */
  exact?: boolean | null;
}
export interface StprColumns {
  /** Display values. */
  stpr: Float64Array;
  /** Exact values, when asked for. */
  exact?: DecimalString[];
}

export interface PopulationPayoutInput {
  pool: DecimalInput;
  /** Everyone's points (STP for the personal ladder). */
  points: Float64Array | DecimalInput[];
  ladder?: LadderChoice | null;
  decimals?: number | null;
  exact?: boolean | null;
}
export interface PopulationPayout {
  /** Each user's reward (display values), in the order of points. */
  rewards: Float64Array;
  /** Exact rewards, when asked for. */
  exact?: DecimalString[];
  /** D_n, summed from everyone's points. */
  tierTotals: DecimalString[];
  /** Σ rewards. */
  distributed: DecimalString;
  /** pool − Σ rewards, never negative: rewards are floored from exact shares. */
  undistributed: DecimalString;
}
"#;

/// Display values for a column, as a `Float64Array`.
fn number_column(values: &[Decimal]) -> Float64Array {
    let numbers: Vec<f64> = values.iter().map(|&value| display_f64(value)).collect();
    Float64Array::from(numbers.as_slice())
}

/// Exact values for a column, as an array of strings.
fn text_column(values: &[Decimal]) -> Array {
    values.iter().map(|&value| JsValue::from(format_decimal(value))).collect()
}

/// STPR for users as columns: `{ stpr: Float64Array, exact?: string[] }`.
#[wasm_bindgen(js_name = stprColumns, unchecked_return_type = "StprColumns")]
pub fn stpr_columns(#[wasm_bindgen(unchecked_param_type = "StprColumnsInput")] input: JsValue) -> Result<JsValue, JsValue> {
    let columns = api::stpr_columns(&read(&input)?).map_err(|error| to_js_error(&error))?;
    let output = Object::new();
    let _ = Reflect::set(&output, &"stpr".into(), &number_column(&columns.result));
    if columns.exact_strings {
        let _ = Reflect::set(&output, &"exact".into(), &text_column(&columns.result));
    }
    Ok(output.into())
}

/// Every user's reward from one pool, with the tier totals and what is left undistributed.
#[wasm_bindgen(js_name = populationPayout, unchecked_return_type = "PopulationPayout")]
pub fn population_payout(#[wasm_bindgen(unchecked_param_type = "PopulationPayoutInput")] input: JsValue) -> Result<JsValue, JsValue> {
    let columns = api::population_payout(&read(&input)?).map_err(|error| to_js_error(&error))?;
    let payout = &columns.result;
    let output = Object::new();
    let _ = Reflect::set(&output, &"rewards".into(), &number_column(&payout.rewards));
    if columns.exact_strings {
        let _ = Reflect::set(&output, &"exact".into(), &text_column(&payout.rewards));
    }
    let _ = Reflect::set(&output, &"tierTotals".into(), &text_column(&payout.tier_totals));
    let _ = Reflect::set(&output, &"distributed".into(), &format_decimal(payout.distributed).into());
    let _ = Reflect::set(&output, &"undistributed".into(), &format_decimal(payout.undistributed).into());
    Ok(output.into())
}
