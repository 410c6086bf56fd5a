//! Reward against points, for charts: many what-if points in one call.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::error::{out_of_range, Error, ErrorCode, Result};
use crate::number::exact::{Exact, QuotientSum};
use crate::number::non_negative;
use crate::reward::{standing, RewardRequest, PERSONAL_FIELDS};

pub const MIN_STEPS: u32 = 2;
pub const MAX_STEPS: u32 = 100_000;

/// Display values: the exact rewards converted to the nearest `f64` (exact values come from
/// `personal_reward`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RewardCurve {
    pub points: Vec<f64>,
    pub rewards: Vec<f64>,
}

/// The reward at `steps` evenly spaced what-if points from `from` to `to`, others fixed.
///
/// Point i is w = (from·(m−i) + to·i) / m with m = steps − 1. Writing W = w·m keeps every
/// point exact even when m does not divide the range: w qualifies for a tier iff
/// W ≥ need·m, and its share of a tier whose total without the user is R is
/// w·pot / (R + w) = W·pot / (R·m + W).
pub fn reward_curve(request: &RewardRequest, from: Decimal, to: Decimal, steps: u32) -> Result<RewardCurve> {
    if request.what_if.is_some() {
        return Err(Error::new(ErrorCode::UnknownField, PERSONAL_FIELDS.what_if, "is not used by a curve: its points are the what-ifs"));
    }
    if !(MIN_STEPS..=MAX_STEPS).contains(&steps) {
        return Err(out_of_range("steps", format!("must be {MIN_STEPS} to {MAX_STEPS} (got {steps})")));
    }
    let (from, to) = (non_negative(from, "from")?, non_negative(to, "to")?);
    let user = standing(request, PERSONAL_FIELDS)?;
    let intervals = Exact::from_integer(u64::from(steps - 1));
    let pool = Exact::from_decimal(request.pool);

    struct TierTerms {
        need: Exact,
        pot: Exact,
        others: Exact,
    }
    let tiers: Vec<TierTerms> = request
        .ladder
        .tiers()
        .iter()
        .zip(&user.totals)
        .enumerate()
        .map(|(index, (tier, total))| {
            // `user.totals` include the user's own points in the tiers they qualify for.
            let others = if index < user.qualified { total.checked_sub(&user.points).unwrap_or_else(|| total.clone()) } else { total.clone() };
            TierTerms {
                need: Exact::from_decimal(tier.need).mul(&intervals),
                pot: pool.mul(&Exact::from_decimal(tier.share)),
                others: others.mul(&intervals),
            }
        })
        .collect();

    let (from_exact, to_exact) = (Exact::from_decimal(from), Exact::from_decimal(to));
    let too_large = || out_of_range("pool", "a reward on the curve cannot be held at this precision");
    let mut points = Vec::with_capacity(steps as usize);
    let mut rewards = Vec::with_capacity(steps as usize);
    let (from_f64, to_f64) = (from.to_f64().unwrap_or(0.0), to.to_f64().unwrap_or(0.0));
    let last = f64::from(steps - 1);
    for step in 0..steps {
        let scaled_point = from_exact
            .mul(&Exact::from_integer(u64::from(steps - 1 - step)))
            .add(&to_exact.mul(&Exact::from_integer(u64::from(step))));
        let mut sum = QuotientSum::default();
        if !scaled_point.is_zero() {
            for tier in tiers.iter().take_while(|tier| scaled_point >= tier.need) {
                if let Some(term) = QuotientSum::of(&scaled_point.mul(&tier.pot), &tier.others.add(&scaled_point)) {
                    sum.add(&term);
                }
            }
        }
        let reward = sum.floor(request.decimals).ok_or_else(too_large)?;
        let fraction = f64::from(step) / last;
        points.push(from_f64 + (to_f64 - from_f64) * fraction);
        rewards.push(reward.to_f64().unwrap_or(f64::NAN));
    }
    Ok(RewardCurve { points, rewards })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ladder::Ladder;
    use crate::reward::personal_reward;

    fn request() -> RewardRequest {
        let totals = [8000, 5000, 3000, 2500].map(Decimal::from).to_vec();
        RewardRequest::new(Decimal::from(850), Decimal::from(1000), totals, Ladder::personal())
    }

    #[test]
    fn every_point_matches_a_what_if_reward() {
        let curve = reward_curve(&request(), Decimal::ZERO, Decimal::from(1200), 13).unwrap();
        assert_eq!(curve.points.len(), 13);
        for (point, reward) in curve.points.iter().zip(&curve.rewards) {
            let what_if = RewardRequest { what_if: Some(Decimal::from(*point as i64)), ..request() };
            assert_eq!(*reward, personal_reward(&what_if).unwrap().reward.to_f64().unwrap(), "at {point}");
        }
        assert_eq!(curve.rewards[0], 0.0);
        assert_eq!(curve.points[8], 800.0);
    }

    #[test]
    fn uneven_spacing_is_exact() {
        // Thirds of 1000: 333.33…, 666.66… — neither is a Decimal, both are computed exactly.
        let curve = reward_curve(&request(), Decimal::ZERO, Decimal::from(1000), 4).unwrap();
        assert_eq!(curve.points[1], 1000.0 / 3.0);
        // (1000/3) / (8000 − 850 + 1000/3) · 500 = 500/22.45 = 22.271714…
        assert_eq!(curve.rewards[1], 22.271714);
    }

    #[test]
    fn steps_and_what_if_are_checked() {
        assert_eq!(reward_curve(&request(), Decimal::ZERO, Decimal::ONE, 1).unwrap_err().field, "steps");
        assert_eq!(reward_curve(&request(), Decimal::ZERO, Decimal::ONE, 100_001).unwrap_err().field, "steps");
        let with_what_if = RewardRequest { what_if: Some(Decimal::ONE), ..request() };
        assert_eq!(reward_curve(&with_what_if, Decimal::ZERO, Decimal::ONE, 2).unwrap_err().code, ErrorCode::UnknownField);
        assert_eq!(reward_curve(&request(), Decimal::NEGATIVE_ONE, Decimal::ONE, 2).unwrap_err().code, ErrorCode::Negative);
    }
}
