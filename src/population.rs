//! A whole population's payout from one pool: every user's reward, for dashboards that ask
//! "what if" of everyone at once (another pool, another ladder).

use rust_decimal::Decimal;

use crate::error::{out_of_range, Result};
use crate::ladder::{chosen_ladder, Ladder, LadderChoice};
use crate::number::exact::{Exact, QuotientSum};
use crate::number::non_negative;
use crate::reward::{DEFAULT_DECIMALS, MAX_DECIMALS};

/// The input of [`crate::population_payout`]: everyone's points and one pool.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(remote = "Self", rename_all = "camelCase", deny_unknown_fields))]
pub struct PopulationPayoutRequest {
    /// C: the pool shared out over the ladder.
    #[cfg_attr(feature = "serde", serde(deserialize_with = "crate::input::decimal"))]
    pub pool: Decimal,
    /// Everyone's points (STP for the personal ladder).
    #[cfg_attr(feature = "serde", serde(deserialize_with = "crate::input::decimal_list"))]
    pub points: Vec<Decimal>,
    /// The personal ladder unless given.
    #[cfg_attr(feature = "serde", serde(default))]
    pub ladder: Option<LadderChoice>,
    /// Payout precision, 0..=18; 6 unless given.
    #[cfg_attr(feature = "serde", serde(default, deserialize_with = "crate::input::optional_whole"))]
    pub decimals: Option<u32>,
    /// Whether the caller also wants the exact rewards as text (a presentation choice that
    /// the operation itself ignores).
    #[cfg_attr(feature = "serde", serde(default, deserialize_with = "crate::input::optional_flag"))]
    pub exact: Option<bool>,
}

#[cfg(feature = "serde")]
crate::input::strict_struct!(PopulationPayoutRequest);

/// Every user's reward from one pool: the result of [`crate::population_payout`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct PopulationPayout {
    /// Each user's reward, floor(B·Σ C·k_n/D_n, decimals), in the order of the points.
    pub rewards: Vec<Decimal>,
    /// D_n: the points of everyone in each tier.
    pub tier_totals: Vec<Decimal>,
    /// Σ rewards.
    pub distributed: Decimal,
    /// pool − Σ rewards: never negative, because every reward is floored from an exact
    /// share and the exact shares of a tier sum to its pot.
    pub undistributed: Decimal,
}

/// Every user's reward when `points` are everyone's points this period.
///
/// The tier totals are summed first (in fixed point when the points allow); then for each
/// number of tiers q the exact prefix sum S_q = Σ_{n<q} C·k_n/D_n is formed once, so that
/// a user's reward, floor(B·S_q), costs one multiplication and one division however many
/// tiers there are.
pub(crate) fn population_payout(request: &PopulationPayoutRequest) -> Result<PopulationPayout> {
    let ladder = &chosen_ladder(request.ladder.as_ref(), LadderChoice::Personal)?;
    payout(request.pool, &request.points, ladder, request.decimals.unwrap_or(DEFAULT_DECIMALS))
}

fn payout(pool: Decimal, points: &[Decimal], ladder: &Ladder, decimals: u32) -> Result<PopulationPayout> {
    let pool = non_negative(pool, "pool")?;
    if decimals > MAX_DECIMALS {
        return Err(out_of_range("decimals", format!("must be 0 to {} (got {})", MAX_DECIMALS, decimals)));
    }
    // Each user's count of tiers, the points checked on the way (in place: a million points
    // need no copy).
    let counter = ladder.counter();
    let qualified = points
        .iter()
        .enumerate()
        .map(|(index, &value)| Ok(counter.count(non_negative(value, "").map_err(|error| error.at(format!("points[{}]", index)))?)))
        .collect::<Result<Vec<usize>>>()?;
    let tiers = ladder.tiers().len();

    // Points by how many tiers their holder qualifies for; D_n is then the sum of the groups
    // that reach past tier n. (Exact sums: 128-bit while they fit, unbounded beyond.)
    let mut by_reach = vec![Exact::ZERO; tiers.saturating_add(1)];
    for (&value, &reach) in points.iter().zip(&qualified) {
        if let Some(group) = by_reach.get_mut(reach) {
            group.add_assign(&Exact::from_decimal(value));
        }
    }
    let mut totals: Vec<Exact> = by_reach
        .iter()
        .skip(1)
        .rev()
        .scan(Exact::ZERO, |running, group| {
            running.add_assign(group);
            Some(running.clone())
        })
        .collect();
    totals.reverse();

    // A total that no Decimal holds is the points' fault, whatever else follows.
    let tier_totals = totals
        .iter()
        .enumerate()
        .map(|(index, total)| total.to_decimal().ok_or_else(|| out_of_range("points", format!("the total of tier {index} cannot be held exactly"))))
        .collect::<Result<Vec<_>>>()?;

    // S_q for q = 0..=tiers. A tier with no points has no members with points, so it adds
    // nothing to anyone's reward (its pot stays undistributed).
    let pool_exact = Exact::from_decimal(pool);
    let mut prefix = vec![QuotientSum::default()];
    let mut running = QuotientSum::default();
    for (tier, total) in ladder.tiers().iter().zip(&totals) {
        running.add_quotient(pool_exact.mul(&Exact::from_decimal(tier.share)), total.clone());
        prefix.push(running.clone());
    }

    let too_large = || out_of_range("pool", "a reward cannot be held exactly at this precision");
    let rewards = points
        .iter()
        .zip(&qualified)
        .map(|(&value, &reach)| prefix.get(reach).and_then(|sum| sum.floor_times(&Exact::from_decimal(value), decimals)).ok_or_else(too_large))
        .collect::<Result<Vec<_>>>()?;
    // Every reward has at most `decimals` places: summed at that scale, in 128 bits while they fit.
    let distributed = rewards.iter().fold(Exact::ZERO, |mut sum, &reward| {
        let mut reward = reward;
        // (More places never change the value; where they would not fit, fewer are added.)
        reward.rescale(decimals);
        sum.add_assign(&Exact::from_decimal(reward));
        sum
    });
    let undistributed = pool_exact.checked_sub(&distributed).and_then(|rest| rest.to_decimal()).ok_or_else(too_large)?;
    Ok(PopulationPayout { rewards, tier_totals, distributed: distributed.to_decimal().ok_or_else(too_large)?, undistributed })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reward::{reward as personal_reward, RewardRequest};
    use payout as population_payout;
    use std::str::FromStr;

    fn decimals(values: &[&str]) -> Vec<Decimal> {
        values.iter().map(|value| crate::number::parse_decimal(value, "points").unwrap()).collect()
    }

    #[test]
    fn each_reward_is_the_personal_reward_in_that_population() {
        let points = decimals(&["850", "1200", "90", "600", "1000", "0", "333.33"]);
        let pool = Decimal::from(1000);
        let payout = population_payout(pool, &points, &Ladder::personal(), 6).unwrap();
        for (index, &value) in points.iter().enumerate() {
            let request = RewardRequest::new(value, pool, payout.tier_totals.clone(), Ladder::personal());
            assert_eq!(payout.rewards[index], personal_reward(&request).unwrap().reward, "user {index}");
        }
        // And computed apart (Python's fractions), for two users: 850 reaches Silver, Gold and
        // Platinum, 850·500/3983.33 + 850·250/3650 + 850·150/3050 = 106.6946… + 58.2191… +
        // 41.8032…, floored at 6 places; 90 reaches nothing.
        assert_eq!(payout.rewards[0], Decimal::from_str("206.717106").unwrap());
        assert_eq!(payout.rewards[2], Decimal::ZERO);
        assert_eq!(payout.tier_totals, decimals(&["3983.33", "3650", "3050", "2200"]));
        assert_eq!(payout.distributed + payout.undistributed, pool);
    }

    #[test]
    fn empty_tiers_leave_their_pot_undistributed() {
        let payout = population_payout(Decimal::from(1000), &decimals(&["150", "150"]), &Ladder::personal(), 6).unwrap();
        assert_eq!(payout.rewards, decimals(&["250", "250"]));
        assert_eq!(payout.undistributed, Decimal::from(500));
        let nobody = population_payout(Decimal::from(1000), &[], &Ladder::personal(), 6).unwrap();
        assert_eq!((nobody.distributed, nobody.undistributed), (Decimal::ZERO, Decimal::from(1000)));
    }

    /// A negative point is refused by its index, and zero with a sign is zero (0 tiers).
    #[test]
    fn points_are_checked_where_they_are() {
        let error = population_payout(Decimal::from(1000), &decimals(&["850", "100", "-0.01"]), &Ladder::personal(), 6).unwrap_err();
        assert_eq!((error.code, error.field.as_str()), (crate::ErrorCode::Negative, "points[2]"));
        let payout = population_payout(Decimal::from(1000), &decimals(&["-0", "100.00"]), &Ladder::personal(), 6).unwrap();
        assert_eq!(payout.rewards, decimals(&["0", "500"]));
        assert_eq!(payout.tier_totals, decimals(&["100", "0", "0", "0"]));
    }

    #[test]
    fn thirds_are_floored_and_the_remainder_stated() {
        let payout = population_payout(Decimal::from(100), &decimals(&["100", "100", "100"]), &Ladder::personal(), 2).unwrap();
        assert_eq!(payout.rewards, decimals(&["16.66", "16.66", "16.66"]));
        assert_eq!(payout.undistributed, Decimal::from_str("50.02").unwrap());
    }

    /// Issue 19: equal tier totals written at mixed scales once saturated 128-bit sums and were
    /// refused as `out_of_range` on `pool`.
    #[test]
    fn equal_tier_totals_pay_the_same_at_any_scale() {
        let pool = Decimal::from(1000);
        let round = population_payout(pool, &decimals(&["1.9e28", "1.9e28", "1001", "1000"]), &Ladder::personal(), 6).unwrap();
        let split = population_payout(pool, &decimals(&["1.9e28", "1.9e28", "1000.9999999999", "1000.0000000001"]), &Ladder::personal(), 6).unwrap();
        assert_eq!(split.tier_totals, round.tier_totals);
        assert_eq!(split.rewards[..2], round.rewards[..2]);
        assert_eq!((split.distributed, split.undistributed), (round.distributed, round.undistributed));
        // The oracle: each user's share of pool·Σk_n over the total 3.8e28 + 2001 (num-bigint).
        assert_eq!(round.tier_totals, decimals(&["38000000000000000000000002001"; 4]));
        let expected = |points: &str| {
            use num_bigint::BigUint;
            let (units, scale) = (points.replace('.', "").parse::<BigUint>().unwrap(), points.split('.').nth(1).map_or(0, str::len) as u32);
            let total = "38000000000000000000000002001".parse::<BigUint>().unwrap();
            // 1000 · (0.5 + 0.25 + 0.15 + 0.1) = 1000: reward = floor(B · 1000 / total, 6)
            let micro = units * BigUint::from(1000u32) * BigUint::from(10u32).pow(6) / (total * BigUint::from(10u32).pow(scale));
            Decimal::from_i128_with_scale(i128::try_from(micro).unwrap(), 6)
        };
        assert_eq!(round.rewards, ["19000000000000000000000000000", "19000000000000000000000000000", "1001", "1000"].map(expected));
        assert_eq!(split.rewards, ["19000000000000000000000000000", "19000000000000000000000000000", "1000.9999999999", "1000.0000000001"].map(expected));
    }

    #[test]
    fn a_million_users() {
        let points: Vec<Decimal> = (0..1_000_000u32).map(|i| Decimal::new(i64::from(i % 150_000), 2)).collect();
        let payout = population_payout(Decimal::from(1_000_000), &points, &Ladder::personal(), 6).unwrap();
        assert!(payout.undistributed >= Decimal::ZERO);
        assert!(payout.undistributed < Decimal::new(1_000_000, 6) + Decimal::ONE, "at most one unit per user is lost to flooring");
    }
}
