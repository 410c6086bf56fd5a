//! Reads `[{ "fn": name, "input": … }]` (JSON) from the file named by the first argument,
//! runs each through the native core, and prints the results as JSON in the shape the wasm
//! package returns them (errors as `{ "error": code, "field": … }`). tests/js/agree.test.mjs
//! compares this with the wasm package on the same inputs.

use rust_decimal::Decimal;
use serde_json::{json, Value as Json};
use soei_rewards::api;
use soei_rewards::input::Value;
use soei_rewards::number::{display_f64, format_decimal};

fn numbers(values: &[Decimal]) -> Json {
    values.iter().map(|value| json!(display_f64(*value))).collect()
}

fn texts(values: &[Decimal]) -> Json {
    values.iter().map(|&value| json!(format_decimal(value))).collect()
}

fn run(function: &str, input: &Value) -> Result<Json, soei_rewards::Error> {
    let json = |value: serde_json::Result<Json>| value.unwrap_or(Json::Null);
    Ok(match function {
        "personalReward" => json(serde_json::to_value(api::personal_reward(input)?)),
        "ambassadorReward" => json(serde_json::to_value(api::ambassador_reward(input)?)),
        "rankProgress" => json(serde_json::to_value(api::rank_progress(input)?)),
        "rankingPeriod" => json(serde_json::to_value(api::ranking_period(input, 0)?)),
        "projectReward" => json(serde_json::to_value(api::project_reward(input, 0)?)),
        "rewardCurve" => json(serde_json::to_value(api::reward_curve(input)?)),
        "stprFromReferrals" => json(serde_json::to_value(api::stpr_from_referrals(input)?)),
        "stprColumns" => {
            let columns = api::stpr_columns(input)?;
            let mut output = json!({ "stpr": numbers(&columns.result) });
            if columns.exact_strings {
                output["exact"] = texts(&columns.result);
            }
            output
        }
        "populationPayout" => {
            let columns = api::population_payout(input)?;
            let payout = &columns.result;
            let mut output = json!({
                "rewards": numbers(&payout.rewards),
                "tierTotals": texts(&payout.tier_totals),
                "distributed": format_decimal(payout.distributed),
                "undistributed": format_decimal(payout.undistributed),
            });
            if columns.exact_strings {
                output["exact"] = texts(&payout.rewards);
            }
            output
        }
        other => json!({ "unknown function": other }),
    })
}

fn main() {
    let path = std::env::args().nth(1).expect("usage: agree <cases.json>");
    let cases: Vec<Json> = serde_json::from_str(&std::fs::read_to_string(path).expect("readable cases")).expect("JSON cases");
    let results: Vec<Json> = cases
        .iter()
        .map(|case| {
            let input: Value = serde_json::from_value(case["input"].clone()).expect("an input value");
            run(case["fn"].as_str().unwrap_or(""), &input).unwrap_or_else(|error| json!({ "error": error.code.as_str(), "field": error.field }))
        })
        .collect();
    println!("{}", Json::Array(results));
}
