//! The native parse-and-compute path on arbitrary bytes: the strict readers of decimals and
//! timestamps on the raw text, and any JSON the bytes hold through every operation (read
//! the way the wasm binding reads, through `input::decode`). Any panic is a finding: inputs,
//! however odd, must come back as values or coded errors.
#![no_main]

use libfuzzer_sys::fuzz_target;
use soei_rewards::number::{format_decimal, parse_decimal};

#[path = "../../tests/common/dispatch.rs"]
mod dispatch;

/// A fixed clock for the operations that default to "now".
const NOW_MS: i64 = 1_795_262_400_000;

const OPERATIONS: [&str; 11] = [
    "personalReward", "ambassadorReward", "rankProgress", "rankingPeriod", "projectReward", "rewardCurve",
    "stprFromReferrals", "stprColumns", "populationPayout", "pointsForReward", "pacePlan",
];

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(value) = parse_decimal(text, "x") {
        // What is read must write back to the same value.
        assert_eq!(parse_decimal(&format_decimal(value), "x").ok(), Some(value));
    }
    let _ = soei_rewards::parse_instant(text);
    let Ok(input) = serde_json::from_str::<serde_json::Value>(text) else { return };
    if let Ok(request) = soei_rewards::input::decode::<soei_rewards::PersonalRewardRequest, _>(&input)
        && let Ok(reward) = soei_rewards::personal_reward(&request)
    {
        let amounts: soei_rewards::Decimal = reward.tiers.iter().map(|tier| tier.amount).sum();
        // The reward floors the exact sum: at least the sum of the floored amounts.
        assert!(reward.reward >= amounts, "{} < {}", reward.reward, amounts);
    }
    for operation in OPERATIONS {
        let _ = dispatch::run(operation, &input, NOW_MS);
    }
});
