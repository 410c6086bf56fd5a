//! The native parse-and-compute path on arbitrary bytes: the strict readers of decimals and
//! timestamps on the raw text, and any JSON the bytes hold through every operation. Any
//! panic is a finding: inputs, however odd, must come back as values or coded errors.
#![no_main]

use libfuzzer_sys::fuzz_target;
use soei_rewards::api;
use soei_rewards::input::Value;
use soei_rewards::number::parse_decimal;
use soei_rewards::period::parse_timestamp;

/// A fixed clock for the operations that default to "now".
const NOW_MS: i64 = 1_795_262_400_000;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(value) = parse_decimal(text, "x") {
        // What is read must write back to the same value.
        assert_eq!(parse_decimal(&soei_rewards::number::format_decimal(value), "x").ok(), Some(value));
    }
    let _ = parse_timestamp(text, "at");
    let Ok(input) = serde_json::from_str::<Value>(text) else { return };
    if let Ok(reward) = api::personal_reward(&input) {
        let amounts: soei_rewards::Decimal = reward.tiers.iter().map(|tier| tier.amount).sum();
        // The reward floors the exact sum: at least the sum of the floored amounts.
        assert!(reward.reward >= amounts, "{} < {}", reward.reward, amounts);
    }
    let _ = api::ambassador_reward(&input);
    let _ = api::rank_progress(&input);
    let _ = api::ranking_period(&input, NOW_MS);
    let _ = api::project_reward(&input, NOW_MS);
    let _ = api::reward_curve(&input);
    let _ = api::stpr_from_referrals(&input);
    let _ = api::stpr_columns(&input);
    let _ = api::population_payout(&input);
});
