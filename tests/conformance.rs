//! The shared conformance vectors through the native core, reading each input through the
//! serde path the wasm binding uses (`input::decode`), so the codes and paths are tested too.
//!
//! Every case calls the operation named by `fn` with `input` exactly as written, and every
//! field listed in `expect` must match exactly (fields not listed are free), recursively.

mod common;
use common::dispatch::run;
use common::{cases, mismatch};

/// The instant the vectors take as "now" when they give none (none of them depends on it).
const NOW_MS: i64 = 1_795_262_400_000;

#[test]
fn every_conformance_vector_passes_natively() {
    let cases = cases();
    let mut failures = Vec::new();
    for (index, case) in cases.iter().enumerate() {
        let function = case["fn"].as_str().unwrap();
        match run(function, &case["input"], NOW_MS) {
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
