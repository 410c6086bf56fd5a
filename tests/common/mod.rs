//! What the native and the wasm test suites share: the one copy of the conformance vectors
//! and the rule for comparing a result with a case's `expect`.

use serde_json::Value as Json;

#[cfg(not(target_arch = "wasm32"))]
pub mod dispatch;

const CONFORMANCE: &str = include_str!("../vectors/conformance.json");
const PLANNING: &str = include_str!("../vectors/planning.json");

/// Every conformance case `{ fn, input, expect }`: the contract's, then the planning ones.
pub fn cases() -> Vec<Json> {
    let mut cases: Vec<Json> = serde_json::from_str(CONFORMANCE).expect("tests/vectors/conformance.json is JSON");
    assert!(cases.len() >= 100, "the vectors file looks truncated");
    let planning: Vec<Json> = serde_json::from_str(PLANNING).expect("tests/vectors/planning.json is JSON");
    assert!(planning.len() >= 20, "the planning vectors file looks truncated");
    cases.extend(planning);
    cases
}

/// Where `actual` differs from `expected`, if anywhere. `expected` need only be a subset:
/// objects are compared by the keys it lists, arrays item by item, scalars exactly.
pub fn mismatch(actual: &Json, expected: &Json, path: &str) -> Option<String> {
    match (actual, expected) {
        (Json::Object(actual), Json::Object(expected)) => expected.iter().find_map(|(key, want)| match actual.get(key) {
            Some(got) => mismatch(got, want, &format!("{path}.{key}")),
            None => Some(format!("{path}.{key}: missing")),
        }),
        (Json::Array(actual), Json::Array(expected)) if actual.len() == expected.len() => {
            actual.iter().zip(expected).enumerate().find_map(|(index, (got, want))| mismatch(got, want, &format!("{path}[{index}]")))
        }
        _ if actual == expected => None,
        _ => Some(format!("{path}: got {actual}, expected {expected}")),
    }
}
