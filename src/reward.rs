//! Personal and ambassador rewards: A = Σ over the tiers a user qualifies for of B·C·k_n/D_n,
//! floored toward zero at the payout precision, with the what-if adjustment of tier totals.

use alloc::{string::String, vec::Vec};
use rust_decimal::Decimal;
use serde::Serialize;

use crate::error::{out_of_range, Error, ErrorCode, Result};
use crate::ladder::Ladder;
use crate::number::exact::{Exact, QuotientSum};
use crate::number::non_negative;
use crate::text::text;

/// USDT's precision: rewards are paid in millionths unless the caller asks otherwise.
pub const DEFAULT_DECIMALS: u32 = 6;
/// Enough for any token's precision; more would only make the results harder to hold.
pub const MAX_DECIMALS: u32 = 18;

/// One user's standing in a period, as both reward functions take it.
#[derive(Debug, Clone)]
pub struct RewardRequest {
    /// B: the user's points this period, already counted in `tier_totals`.
    pub points: Decimal,
    /// C: the pool shared out over the ladder.
    pub pool: Decimal,
    /// D_n for each tier in ladder order, the user included.
    pub tier_totals: Vec<Decimal>,
    /// Hypothetical points to evaluate instead of `points` (see [`Standing`]).
    pub what_if: Option<Decimal>,
    pub ladder: Ladder,
    pub decimals: u32,
}

impl RewardRequest {
    /// A request on `ladder` at the default precision, without a what-if.
    pub fn new(points: Decimal, pool: Decimal, tier_totals: Vec<Decimal>, ladder: Ladder) -> RewardRequest {
        RewardRequest { points, pool, tier_totals, what_if: None, ladder, decimals: DEFAULT_DECIMALS }
    }
}

/// The input field names an error should point at: `stp` / `whatIfStp` for personal rewards,
/// `stpr` / `whatIfStpr` for ambassador rewards.
#[derive(Debug, Clone, Copy)]
pub struct PointsFields {
    pub points: &'static str,
    pub what_if: &'static str,
}

pub const PERSONAL_FIELDS: PointsFields = PointsFields { points: "stp", what_if: "whatIfStp" };
pub const AMBASSADOR_FIELDS: PointsFields = PointsFields { points: "stpr", what_if: "whatIfStpr" };

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TierReward {
    pub name: String,
    #[serde(with = "crate::number::text")]
    pub need: Decimal,
    #[serde(with = "crate::number::text")]
    pub share: Decimal,
    pub qualified: bool,
    /// D_n used, after the what-if adjustment.
    #[serde(with = "crate::number::text")]
    pub total: Decimal,
    /// C · k_n.
    #[serde(with = "crate::number::text")]
    pub pot: Decimal,
    /// floor(B · C · k_n / D_n, decimals); zero when not qualified.
    #[serde(with = "crate::number::text")]
    pub amount: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reward {
    /// floor(exact A, decimals): the exact sum floored once, so it may exceed the sum of the
    /// floored tier amounts by up to one unit per tier.
    #[serde(with = "crate::number::text")]
    pub reward: Decimal,
    /// The points used: the what-if points when given.
    #[serde(with = "crate::number::text")]
    pub points: Decimal,
    /// The highest tier qualified for.
    pub rank: Option<String>,
    pub tiers: Vec<TierReward>,
}

/// A user's validated position on a ladder, with the what-if adjustment applied: the points
/// the ratios B/D_n use, how many tiers they qualify for, and the totals D_n.
#[derive(Debug, Clone)]
pub(crate) struct Standing {
    pub points: Exact,
    pub qualified: usize,
    pub totals: Vec<Exact>,
}

/// The personal reward (STP, the personal ladder unless `request.ladder` says otherwise).
pub fn personal_reward(request: &RewardRequest) -> Result<Reward> {
    reward(request, PERSONAL_FIELDS)
}

/// The ambassador reward: the same rule over STPR.
pub fn ambassador_reward(request: &RewardRequest) -> Result<Reward> {
    reward(request, AMBASSADOR_FIELDS)
}

pub(crate) fn reward(request: &RewardRequest, fields: PointsFields) -> Result<Reward> {
    reward_for_standing(request, &standing(request, fields)?, fields)
}

/// The reward of an already validated [`Standing`] of `request`.
pub(crate) fn reward_for_standing(request: &RewardRequest, standing: &Standing, fields: PointsFields) -> Result<Reward> {
    let split = split_pool(&request.ladder, request.pool, standing, request.decimals)?;
    let totals = standing
        .totals
        .iter()
        .map(|total| total.to_decimal().ok_or_else(|| out_of_range(fields.what_if, "an adjusted tier total cannot be held exactly")))
        .collect::<Result<Vec<_>>>()?;
    let points = request.what_if.unwrap_or(request.points).normalize();
    Ok(split.into_reward(&request.ladder, standing.qualified, points, totals))
}

/// Validates the request and applies the what-if: `points` is taken out of the totals of the
/// tiers it qualifies for, and the what-if points are added to the totals of theirs.
pub(crate) fn standing(request: &RewardRequest, fields: PointsFields) -> Result<Standing> {
    let ladder = &request.ladder;
    let points = non_negative(request.points, fields.points)?;
    non_negative(request.pool, "pool")?;
    if request.decimals > MAX_DECIMALS {
        return Err(out_of_range("decimals", text!("must be 0 to ", MAX_DECIMALS, " (got ", request.decimals, ")")));
    }
    let tier_count = ladder.tiers().len();
    if request.tier_totals.len() != tier_count {
        return Err(Error::new(
            ErrorCode::InvalidType,
            "tierTotals",
            text!("must have ", tier_count, " entries, one per tier (got ", request.tier_totals.len(), ")"),
        ));
    }
    let qualified = ladder.qualified_count(points);
    let mut previous: Option<Decimal> = None;
    for (index, (&total, tier)) in request.tier_totals.iter().zip(ladder.tiers()).enumerate() {
        let field = text!("tierTotals[", index, "]");
        let total = non_negative(total, &field)?;
        let inconsistent = |detail: String| Err(Error::new(ErrorCode::InconsistentTotals, field.clone(), detail));
        if index < qualified && total < points {
            return inconsistent(text!(total, " is less than the user's own ", points, " points, which it includes"));
        }
        if let Some(previous) = previous.filter(|&previous| total > previous) {
            return inconsistent(text!(total, " exceeds the previous tier's total ", previous, ": membership is nested, so totals never increase along the ladder"));
        }
        if !total.is_zero() && total < tier.need {
            return inconsistent(text!(total, " is below the tier's need ", tier.need, ": it must be 0 or at least the need"));
        }
        previous = Some(total);
    }

    let Some(what_if) = request.what_if else {
        return Ok(Standing {
            points: Exact::from_decimal(points),
            qualified,
            totals: request.tier_totals.iter().map(|&total| Exact::from_decimal(total)).collect(),
        });
    };
    let what_if = non_negative(what_if, fields.what_if)?;
    let what_if_qualified = ladder.qualified_count(what_if);
    let (own, hypothetical) = (Exact::from_decimal(points), Exact::from_decimal(what_if));
    let totals = request
        .tier_totals
        .iter()
        .enumerate()
        .map(|(index, &total)| {
            let mut total = Exact::from_decimal(total);
            if index < qualified {
                // Checked above: the total of a tier the user is in holds at least their points.
                total = total.checked_sub(&own).unwrap_or(total);
            }
            if index < what_if_qualified {
                total = total.add(&hypothetical);
            }
            total
        })
        .collect();
    Ok(Standing { points: hypothetical, qualified: what_if_qualified, totals })
}

/// The pool split over a ladder for one [`Standing`]: every tier's pot and amount, and the
/// reward, each floored at `decimals` from the exact value.
pub(crate) struct PoolSplit {
    pub reward: Decimal,
    pub pots: Vec<Decimal>,
    pub amounts: Vec<Decimal>,
}

pub(crate) fn split_pool(ladder: &Ladder, pool: Decimal, standing: &Standing, decimals: u32) -> Result<PoolSplit> {
    let pool = Exact::from_decimal(pool);
    let too_large = || out_of_range("pool", "the reward cannot be held exactly at this precision");
    let mut pots = Vec::with_capacity(ladder.tiers().len());
    let mut amounts = Vec::with_capacity(ladder.tiers().len());
    let mut sum = QuotientSum::default();
    for (index, tier) in ladder.tiers().iter().enumerate() {
        let pot = pool.mul(&Exact::from_decimal(tier.share));
        pots.push(pot.to_decimal().ok_or_else(|| out_of_range("pool", text!("the pot of ", tier.name, " cannot be held exactly")))?);
        let amount = if index < standing.qualified && !standing.points.is_zero() {
            let quotient = QuotientSum::of(&standing.points.mul(&pot), &standing.totals[index]).ok_or_else(|| {
                Error::new(ErrorCode::InconsistentTotals, text!("tierTotals[", index, "]"), "is 0 but includes the user's points")
            })?;
            sum.add(&quotient);
            quotient.floor(decimals).ok_or_else(too_large)?
        } else {
            Decimal::ZERO
        };
        amounts.push(amount);
    }
    Ok(PoolSplit { reward: sum.floor(decimals).ok_or_else(too_large)?, pots, amounts })
}

impl PoolSplit {
    /// The public shape, with the points and totals to show (which the projection scales).
    pub(crate) fn into_reward(self, ladder: &Ladder, qualified: usize, points: Decimal, totals: Vec<Decimal>) -> Reward {
        let tiers = ladder
            .tiers()
            .iter()
            .zip(totals)
            .zip(self.pots.into_iter().zip(self.amounts))
            .enumerate()
            .map(|(index, ((tier, total), (pot, amount)))| TierReward {
                name: tier.name.clone(),
                need: tier.need,
                share: tier.share,
                qualified: index < qualified,
                total,
                pot,
                amount,
            })
            .collect();
        Reward { reward: self.reward, points, rank: ladder.rank_name(qualified), tiers }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::number::format_decimal;
    use std::str::FromStr;

    fn dec(text: &str) -> Decimal {
        Decimal::from_str(text).unwrap()
    }

    fn request(points: &str, pool: &str, totals: &[&str]) -> RewardRequest {
        RewardRequest::new(dec(points), dec(pool), totals.iter().map(|t| dec(t)).collect(), Ladder::personal())
    }

    #[test]
    fn the_documentation_example_pays_138_125() {
        let reward = personal_reward(&request("850", "1000", &["8000", "5000", "3000", "2500"])).unwrap();
        assert_eq!(reward.reward, dec("138.125"));
        assert_eq!(reward.rank.as_deref(), Some("Platinum"));
        let amounts: Vec<String> = reward.tiers.iter().map(|t| format_decimal(t.amount)).collect();
        assert_eq!(amounts, ["53.125", "42.5", "42.5", "0"]);
    }

    #[test]
    fn the_reward_floors_the_exact_sum_not_the_sum_of_floors() {
        // 600/900 of 500 + 600/900 of 250 = 333.33… + 166.66… = exactly 500
        let reward = personal_reward(&request("600", "1000", &["900", "900", "0", "0"])).unwrap();
        assert_eq!((format_decimal(reward.reward), format_decimal(reward.tiers[0].amount)), ("500".into(), "333.333333".into()));
    }

    #[test]
    fn exact_where_the_documented_order_of_operations_is_not() {
        // Three Platinum users of 900 STP and a pool of 8,800: each earns exactly 2,640.
        // C·k/D first (4,400 / 2,700 = 1.629629…) and then × 900 gives 2639.999999 at any
        // finite precision that rounds the quotient down, as decimal.js does at 20 digits.
        let reward = personal_reward(&request("900", "8800", &["2700", "2700", "2700", "0"])).unwrap();
        assert_eq!(reward.reward, dec("2640"));
    }

    #[test]
    fn what_if_moves_the_user_between_tiers() {
        let mut req = request("850", "1000", &["8000", "5000", "3000", "2500"]);
        req.what_if = Some(dec("1000"));
        let reward = personal_reward(&req).unwrap();
        let totals: Vec<String> = reward.tiers.iter().map(|t| format_decimal(t.total)).collect();
        assert_eq!(totals, ["8150", "5150", "3150", "3500"]);
        assert_eq!(reward.rank.as_deref(), Some("Diamond"));
        assert_eq!(reward.points, dec("1000"));
    }

    #[test]
    fn inconsistent_totals_are_refused_with_the_tier_named() {
        let field = |totals: &[&str]| personal_reward(&request("850", "1000", totals)).unwrap_err();
        let cases = [
            (["8000", "5000", "800", "0"], "tierTotals[2]"),  // Platinum total below the user's own 850
            (["8000", "9000", "3000", "0"], "tierTotals[1]"), // increases along the ladder
            (["8000", "5000", "3000", "999"], "tierTotals[3]"), // non-zero below Diamond's need
        ];
        for (totals, expected) in cases {
            let err = field(&totals);
            assert_eq!((err.code, err.field.as_str()), (ErrorCode::InconsistentTotals, expected));
        }
        let err = field(&["8000", "5000", "3000"]);
        assert_eq!((err.code, err.field.as_str()), (ErrorCode::InvalidType, "tierTotals"));
    }

    #[test]
    fn ambassador_errors_name_stpr_fields() {
        let mut req = RewardRequest::new(dec("-1"), dec("1"), vec![Decimal::ZERO; 3], Ladder::ambassador());
        assert_eq!(ambassador_reward(&req).unwrap_err().field, "stpr");
        req.points = Decimal::ZERO;
        req.what_if = Some(dec("-2"));
        assert_eq!(ambassador_reward(&req).unwrap_err().field, "whatIfStpr");
    }

    #[test]
    fn huge_values_are_out_of_range_not_a_panic() {
        let max = Decimal::MAX.to_string();
        let req = request(&max, &max, &[&max, &max, &max, &max]);
        assert_eq!(personal_reward(&req).unwrap_err().code, ErrorCode::OutOfRange, "half of MAX has 30 digits");
        let big = "1000000000000000000000000000";
        let mut req = request(big, big, &[big, big, big, big]);
        req.decimals = 18;
        assert_eq!(personal_reward(&req).unwrap_err().code, ErrorCode::OutOfRange, "1e27 at 18 places needs 46 digits");
        req.decimals = 0;
        assert_eq!(personal_reward(&req).unwrap().reward, dec(big));
    }
}
