//! Reads `[{ "fn": name, "input": … }]` (JSON) from the file named by the first argument,
//! runs each through the native core, and prints the results as JSON in the shape the wasm
//! package returns them (errors as `{ "error": code, "field": …, "detail": … }`). tests/js/agree.test.mjs
//! compares this with the wasm package on the same inputs.

use serde_json::{json, Value as Json};

#[path = "../tests/common/dispatch.rs"]
mod dispatch;

/// The clock of the operations that default to "now" (the agreement inputs all name one).
const NOW_MS: i64 = 0;

fn main() {
    let path = std::env::args().nth(1).expect("usage: agree <cases.json>");
    let cases: Vec<Json> = serde_json::from_str(&std::fs::read_to_string(path).expect("readable cases")).expect("JSON cases");
    let results: Vec<Json> = cases
        .iter()
        .map(|case| {
            dispatch::run(case["fn"].as_str().unwrap_or(""), &case["input"], NOW_MS)
                .unwrap_or_else(|error| json!({ "error": error.code.as_str(), "field": error.field, "detail": error.detail }))
        })
        .collect();
    println!("{}", Json::Array(results));
}
