//! The description of the package's boundary, traced from the Rust result types: for every
//! function, the type of its result, and every type's shape (fields in order, with their kinds,
//! and names as serde writes them). `scripts/boundary.mjs` makes the package's JS builders and
//! the TypeScript declarations of the results from it, so a field added to a result type reaches
//! the package's objects and types through `npm run build` with no other edit.
//!
//! The shapes come from serde-reflection tracing real results: each function runs (through
//! `tests/common/dispatch.rs`, as the agreement test runs it) on the shared vectors named on the
//! command line and on the samples below, which between them reach every optional field with a
//! value and every list with an element (serde-reflection fails on a shape it has not seen).
//!
//! `--probe` adds a test-only function, `probeResult`, whose type exists nowhere else, and prints
//! its result's tape and JSON too: tests/js/boundary.test.mjs proves with it that a new type goes
//! from Rust to the package's objects and declarations with no hand-written JS.

use std::collections::BTreeMap;

use serde_json::{json, Value as Json};
use serde_reflection::{Format, Samples, Tracer, TracerConfig};

#[path = "../tests/common/dispatch.rs"]
mod dispatch;

/// The clock of the samples that default to "now".
const NOW_MS: i64 = 1_780_000_000_000;

/// Inputs for the functions the shared vectors do not call, or do not call with every field.
fn samples() -> Json {
    let example = json!({ "stp": "850", "pool": "1000", "tierTotals": ["8000", "5000", "3000", "2500"] });
    json!([
        { "fn": "rankingPeriod", "input": {} },
        { "fn": "projectReward", "input": { "stp": "850", "pool": "1000", "tierTotals": ["8000", "5000", "3000", "2500"], "at": "2026-06-15T00:00:00Z" } },
        { "fn": "rewardCurve", "input": { "stp": "850", "pool": "1000", "tierTotals": ["8000", "5000", "3000", "2500"], "from": "0", "to": "1000", "steps": 3 } },
        { "fn": "pacePlan", "input": { "points": "120", "at": "2026-06-15T00:00:00Z" } },
        { "fn": "rankProgress", "input": { "points": "850" } },
        { "fn": "personalReward", "input": example },
        { "fn": "ladders", "input": null },
    ])
}

/// A result type that exists only for the test of this description (`--probe`).
#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct ProbeResult {
    label: String,
    probe_count: i32,
    maybe: Option<String>,
    flags: Vec<ProbeFlag>,
}

#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct ProbeFlag {
    on: bool,
    note: Option<String>,
    weight: Option<i32>,
}

fn probe() -> ProbeResult {
    ProbeResult {
        label: "probe ✓".into(),
        probe_count: -7,
        maybe: Some("here".into()),
        flags: vec![ProbeFlag { on: true, note: None, weight: Some(3) }, ProbeFlag { on: false, note: Some("n".into()), weight: None }],
    }
}

/// Traces every result it is handed, keeping each function's result type.
struct Trace {
    tracer: Tracer,
    samples: Samples,
    functions: BTreeMap<String, Format>,
    failed: Vec<String>,
}

impl dispatch::Sink for Trace {
    fn take<R: serde::Serialize>(&mut self, function: &str, result: &R) -> Json {
        match self.tracer.trace_value(&mut self.samples, result) {
            Ok((format, _)) => {
                self.functions.insert(function.into(), format);
            }
            Err(error) => self.failed.push(format!("{function}: {error}")),
        }
        dispatch::ToJson.take(function, result)
    }
}

/// The results that cross as columns (`soei_rewards::columns`), in serde-reflection's terms, so
/// that they are described as the other results are: a display column is a list of f64 (a
/// `Float64Array`), an exact one a list of decimal strings, a field present only when the
/// caller asks for `exact` an option. `columns` lists them: their objects are built by the
/// binding, not from a tape.
fn add_column_results(description: &mut Json) {
    use soei_rewards::columns::{payout_fields, stpr_fields, Column, Fields};
    let stpr = [soei_rewards::Decimal::ONE];
    let request = soei_rewards::PopulationPayoutRequest { pool: 1000.into(), points: vec![150.into()], ..Default::default() };
    let payout = soei_rewards::population_payout(&request).expect("the sample payout");
    let results: [(&str, &str, Fields<'_>, Fields<'_>); 2] = [
        ("stprColumns", "StprColumns", stpr_fields(&stpr, true), stpr_fields(&stpr, false)),
        ("populationPayout", "PopulationPayout", payout_fields(&payout, true), payout_fields(&payout, false)),
    ];
    let mut columns = Vec::new();
    for (function, type_name, every, always) in results {
        let fields: Vec<Json> = every
            .iter()
            .map(|(name, column)| {
                let format = match column {
                    Column::Numbers(_) => json!({ "SEQ": "F64" }),
                    Column::Texts(_) => json!({ "SEQ": { "TYPENAME": "DecimalString" } }),
                    Column::Text(_) => json!({ "TYPENAME": "DecimalString" }),
                };
                let optional = !always.iter().any(|(present, _)| present == name);
                json!({ *name: if optional { json!({ "OPTION": format }) } else { format } })
            })
            .collect();
        description["functions"][function] = json!(type_name);
        description["types"][type_name] = json!({ "STRUCT": fields });
        columns.push(type_name);
    }
    description["columns"] = json!(columns);
}

fn main() {
    let mut arguments: Vec<String> = std::env::args().skip(1).collect();
    let with_probe = arguments.iter().any(|argument| argument == "--probe");
    arguments.retain(|argument| argument != "--probe");
    let mut cases: Vec<Json> = Vec::new();
    for path in &arguments {
        let text = std::fs::read_to_string(path).unwrap_or_else(|error| panic!("boundary: cannot read {path}: {error}"));
        let vectors: Vec<Json> = serde_json::from_str(&text).unwrap_or_else(|error| panic!("boundary: {path} is not a JSON list: {error}"));
        cases.extend(vectors);
    }
    if let Json::Array(extra) = samples() {
        cases.extend(extra);
    }
    let mut trace = Trace { tracer: Tracer::new(TracerConfig::default()), samples: Samples::new(), functions: BTreeMap::new(), failed: Vec::new() };
    for case in &cases {
        let function = case["fn"].as_str().unwrap_or("");
        // An error is a vector's expected outcome, not a shape.
        let _ = dispatch::run_with(function, &case["input"], NOW_MS, &mut trace);
    }
    let mut probe_output = Json::Null;
    if with_probe {
        let value = probe();
        let json = dispatch::Sink::take(&mut trace, "probeResult", &value);
        let tape = soei_rewards_tape::tape(&value).expect("the probe's tape");
        probe_output = json!({ "json": json, "tape": tape });
    }
    assert!(trace.failed.is_empty(), "boundary: tracing failed: {:?}", trace.failed);
    let types = trace.tracer.registry().unwrap_or_else(|error| panic!("boundary: a shape was never seen whole (add a sample above): {error}"));
    let functions: BTreeMap<&String, Json> = trace
        .functions
        .iter()
        .map(|(name, format)| match format {
            Format::TypeName(type_name) => (name, json!(type_name)),
            other => panic!("boundary: {name}'s result is not a named type: {other:?}"),
        })
        .collect();
    // The facts the JS layer shares with the core: how deep it copies an input (as deep as the
    // readers read), and the error it throws when copying one threw.
    let unreadable = soei_rewards::input::unreadable_input();
    let constants = json!({
        "MAX_DEPTH": soei_rewards::input::MAX_DEPTH,
        "UNREADABLE_INPUT": { "code": unreadable.code.as_str(), "field": unreadable.field, "detail": unreadable.detail, "message": unreadable.to_string() },
    });
    let mut description = json!({ "functions": functions, "types": types, "constants": constants, "probe": probe_output });
    add_column_results(&mut description);
    println!("{}", serde_json::to_string_pretty(&description).expect("JSON"));
}
