//! The population-scale exports, built only with the `population` feature: the module that
//! `soei-rewards/population` loads. Columns go in and out as typed arrays, so a million users
//! cross the boundary in a few copies rather than a million objects.

use js_sys::{Array, ArrayBuffer, Float64Array, Object, Reflect};
use soei_rewards::columns::{self, Column};
use soei_rewards::input::{decimal_column, whole_column};
use soei_rewards::Decimal;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::{read, shallow_copy, to_js_error};

/// The typed-array columns of `input` (at `keys`), each read in one copy, and the input with
/// those columns emptied, for serde to read the rest. serde-wasm-bindgen would walk a typed
/// array through the iterator protocol, one crossing per element: a million users' columns
/// would cost millions of crossings instead of one copy each.
/// The input without its typed-array columns, and those columns.
type Split<const N: usize> = (JsValue, [Option<Vec<f64>>; N]);

fn take_columns<const N: usize>(input: JsValue, keys: [&str; N]) -> Result<Split<N>, JsValue> {
    let columns = keys.map(|key| {
        let value = Reflect::get(&input, &key.into()).ok()?;
        let numeric = ArrayBuffer::is_view(&value)
            && !value.is_instance_of::<js_sys::DataView>()
            && !value.is_instance_of::<js_sys::BigInt64Array>()
            && !value.is_instance_of::<js_sys::BigUint64Array>();
        numeric.then(|| Float64Array::new(&value).to_vec())
    });
    if columns.iter().all(Option::is_none) {
        return Ok((input, columns));
    }
    // A shallow copy, so the caller's object is untouched.
    let rest = shallow_copy(&input)?;
    for (key, column) in keys.iter().zip(&columns) {
        if column.is_some() {
            let _ = Reflect::set(&rest, &(*key).into(), &Array::new());
        }
    }
    Ok((rest.into(), columns))
}

// The inputs; the results (StprColumns, PopulationPayout) are generated into results.d.ts from
// their description in the core (soei_rewards::columns, scripts/boundary.mjs).
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

export interface PopulationPayoutInput {
  pool: DecimalInput;
  /** Everyone's points (STP for the personal ladder). */
  points: Float64Array | DecimalInput[];
  ladder?: LadderChoice | null;
  decimals?: number | null;
  exact?: boolean | null;
}
"#;

/// A column result as a plain object, field by field from its description in the core
/// (`soei_rewards::columns`).
fn columns_object(fields: &[(&str, Column<'_>)]) -> JsValue {
    let output = Object::new();
    for (name, column) in fields {
        let value: JsValue = match *column {
            Column::Numbers(values) => number_column(values).into(),
            Column::Texts(values) => text_column(values).into(),
            Column::Text(value) => soei_rewards::number::format_decimal(value).into(),
        };
        let _ = Reflect::set(&output, &(*name).into(), &value);
    }
    output.into()
}

/// Display values for a column, as a `Float64Array`: each the double nearest the exact value.
fn number_column(values: &[Decimal]) -> Float64Array {
    let numbers: Vec<f64> = values.iter().map(|&value| soei_rewards::number::display_f64(value)).collect();
    Float64Array::from(numbers.as_slice())
}

/// Exact values for a column, as an array of strings.
fn text_column(values: &[Decimal]) -> Array {
    values.iter().map(|&value| JsValue::from(soei_rewards::number::format_decimal(value))).collect()
}

/// STPR for users as columns: `{ stpr: Float64Array, exact?: string[] }`.
#[wasm_bindgen(js_name = stprColumns, unchecked_return_type = "StprColumns")]
pub fn stpr_columns(#[wasm_bindgen(unchecked_param_type = "StprColumnsInput")] input: JsValue) -> Result<JsValue, JsValue> {
    let (rest, [referrers, stp]) = take_columns(input, ["referrers", "stp"])?;
    let mut request: soei_rewards::StprColumnsRequest = read(rest)?;
    if let Some(referrers) = referrers {
        request.referrers = whole_column(&referrers, "referrers").map_err(|error| to_js_error(&error))?;
    }
    if let Some(stp) = stp {
        request.stp = decimal_column(&stp, "stp").map_err(|error| to_js_error(&error))?;
    }
    let stpr = soei_rewards::stpr_columns(&request).map_err(|error| to_js_error(&error))?;
    Ok(columns_object(&columns::stpr_fields(&stpr, request.exact == Some(true))))
}

/// Every user's reward from one pool, with the tier totals and what is left undistributed.
#[wasm_bindgen(js_name = populationPayout, unchecked_return_type = "PopulationPayout")]
pub fn population_payout(#[wasm_bindgen(unchecked_param_type = "PopulationPayoutInput")] input: JsValue) -> Result<JsValue, JsValue> {
    let (rest, [points]) = take_columns(input, ["points"])?;
    let mut request: soei_rewards::PopulationPayoutRequest = read(rest)?;
    if let Some(points) = points {
        request.points = decimal_column(&points, "points").map_err(|error| to_js_error(&error))?;
    }
    let payout = soei_rewards::population_payout(&request).map_err(|error| to_js_error(&error))?;
    Ok(columns_object(&columns::payout_fields(&payout, request.exact == Some(true))))
}
