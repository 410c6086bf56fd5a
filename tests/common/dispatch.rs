//! Every operation by its npm name, from a JSON input to a JSON output in the shape the wasm
//! package returns it (typed-array columns as arrays of display numbers). Shared by the
//! conformance test, the native/wasm agreement example and the fuzz target, so that all
//! three call the core exactly as the binding does: through `input::decode_buffered`.

use serde::de::DeserializeOwned;
use serde_json::{json, Value as Json};
use soei_rewards::number::{display_f64, format_decimal};
use soei_rewards::{input, Error};

/// The request as the binding reads it (the input buffered first), checked against a direct
/// read of the format: the two paths must give the same request or the same error.
fn decode<T: DeserializeOwned + PartialEq + std::fmt::Debug>(json: &Json) -> Result<T, Error> {
    let buffered = input::decode_buffered::<T, _>(json);
    let direct = input::decode::<T, _>(json);
    assert_eq!(buffered, direct, "buffered and direct reads differ on {json}");
    buffered
}

/// Where a function's result goes: made into JSON ([`ToJson`]), or also traced for the
/// package's description of its results (examples/boundary.rs).
pub trait Sink {
    fn take<R: serde::Serialize>(&mut self, function: &str, result: &R) -> Json;
}

/// The result as JSON, as the package's object of it.
pub struct ToJson;

impl Sink for ToJson {
    fn take<R: serde::Serialize>(&mut self, _: &str, result: &R) -> Json {
        serde_json::to_value(result).unwrap_or(Json::Null)
    }
}

fn call<T: DeserializeOwned + PartialEq + std::fmt::Debug, R: serde::Serialize>(sink: &mut impl Sink, function: &str, input: &Json, operation: impl Fn(&T) -> Result<R, Error>) -> Result<Json, Error> {
    let request: T = decode(input)?;
    operation(&request).map(|output| sink.take(function, &output))
}

/// A column result as JSON, field by field from its description in the core
/// (`soei_rewards::columns`), as the binding builds its object: numbers for display, texts.
fn columns_json(fields: &[(&str, soei_rewards::columns::Column<'_>)]) -> Json {
    use soei_rewards::columns::Column;
    let object = fields.iter().map(|(name, column)| {
        let value = match *column {
            Column::Numbers(values) => values.iter().map(|&value| json!(display_f64(value))).collect(),
            Column::Texts(values) => values.iter().map(|&value| json!(format_decimal(value))).collect(),
            Column::Text(value) => json!(format_decimal(value)),
        };
        ((*name).to_owned(), value)
    });
    Json::Object(object.collect())
}

/// `function` called with `input`, `now_ms` standing for the clock.
#[allow(dead_code)] // examples/boundary.rs uses run_with only
pub fn run(function: &str, input: &Json, now_ms: i64) -> Result<Json, Error> {
    run_with(function, input, now_ms, &mut ToJson)
}

/// [`run`], each result (of the functions whose result is a Rust type) handed to `sink`.
pub fn run_with(function: &str, input: &Json, now_ms: i64, sink: &mut impl Sink) -> Result<Json, Error> {
    use soei_rewards::*;
    let f = function;
    match function {
        "personalReward" => call(sink, f, input, personal_reward),
        "ambassadorReward" => call(sink, f, input, ambassador_reward),
        "rankProgress" => call(sink, f, input, rank_progress),
        "rankingPeriod" => call(sink, f, input, |request| ranking_period(request, now_ms)),
        "projectReward" => call(sink, f, input, |request| project_reward(request, now_ms)),
        "rewardCurve" => call(sink, f, input, reward_curve),
        "stprFromReferrals" => call(sink, f, input, stpr_from_referrals),
        "pointsForReward" => call(sink, f, input, points_for_reward),
        "pacePlan" => call(sink, f, input, |request| pace_plan(request, now_ms)),
        "stprColumns" => {
            let request: StprColumnsRequest = decode(input)?;
            Ok(columns_json(&columns::stpr_fields(&stpr_columns(&request)?, request.exact == Some(true))))
        }
        "populationPayout" => {
            let request: PopulationPayoutRequest = decode(input)?;
            Ok(columns_json(&columns::payout_fields(&population_payout(&request)?, request.exact == Some(true))))
        }
        // No input: the published ladders.
        "ladders" => Ok(sink.take(f, &ladders())),
        other => Ok(json!({ "unknown function": other })),
    }
}
