//! The shared conformance vectors through the native core, input decoding included.
//!
//! Every case calls the operation named by `fn` with `input` exactly as written, and every
//! field listed in `expect` must match exactly (fields not listed are free), recursively.

use serde_json::Value as Json;
use soei_rewards::api;
use soei_rewards::input::Value;

mod common;
use common::{cases, mismatch};

fn json<T: serde::Serialize>(output: Result<T, soei_rewards::Error>) -> Result<Json, soei_rewards::Error> {
    output.map(|value| serde_json::to_value(value).unwrap())
}

fn call(function: &str, input: &Value) -> Result<Json, soei_rewards::Error> {
    match function {
        "personalReward" => json(api::personal_reward(input)),
        "ambassadorReward" => json(api::ambassador_reward(input)),
        "rankProgress" => json(api::rank_progress(input)),
        "stprFromReferrals" => json(api::stpr_from_referrals(input)),
        other => panic!("the vectors name an operation this test does not know: {other}"),
    }
}

#[test]
fn every_conformance_vector_passes_natively() {
    let cases = cases();
    let mut failures = Vec::new();
    for (index, case) in cases.iter().enumerate() {
        let function = case["fn"].as_str().unwrap();
        let input: Value = serde_json::from_value(case["input"].clone()).unwrap();
        match call(function, &input) {
            Ok(actual) => failures.extend(mismatch(&actual, &case["expect"], "").map(|m| format!("case {index} ({function}){m}"))),
            Err(error) => failures.push(format!("case {index} ({function}): {error}")),
        }
    }
    assert!(failures.is_empty(), "{} of {} cases failed:\n{}", failures.len(), cases.len(), failures.join("\n"));
}

#[test]
fn the_documentation_example_is_the_first_vector() {
    let cases = cases();
    assert_eq!(cases[0]["input"]["stp"], "850");
    assert_eq!(cases[0]["expect"]["reward"], "138.125");
}
