//! Reward against points, for charts: many what-if points in one call.

use alloc::vec::Vec;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::error::{out_of_range, Error, ErrorCode, Result};
use crate::number::estimate::{approximate, certain_floor, unit};
use crate::number::exact::{Exact, QuotientSum};
use crate::number::{display_f64, non_negative};
use crate::reward::{standing, RewardRequest, PERSONAL_FIELDS};
use crate::text::text;

pub const MIN_STEPS: u32 = 2;
pub const MAX_STEPS: u32 = 100_000;

/// Display values: the exact rewards converted to the nearest `f64` (exact values come from
/// `personal_reward`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RewardCurve {
    pub points: Vec<f64>,
    pub rewards: Vec<f64>,
}

/// One tier's constants for the curve, all scaled by m = steps − 1 where the point is.
struct TierTerms {
    /// need·m: the point qualifies when W ≥ this.
    need: Exact,
    /// C·k.
    pot: Exact,
    /// R·m: the tier's total without the user.
    others: Exact,
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
        return Err(out_of_range("steps", text!("must be ", MIN_STEPS, " to ", MAX_STEPS, " (got ", steps, ")")));
    }
    let (from, to) = (non_negative(from, "from")?, non_negative(to, "to")?);
    let user = standing(request, PERSONAL_FIELDS)?;
    let intervals = Exact::from_integer(u64::from(steps - 1));
    let pool = Exact::from_decimal(request.pool);

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
    let scaled_point = |step: u32| {
        from_exact.mul(&Exact::from_integer(u64::from(steps - 1 - step))).add(&to_exact.mul(&Exact::from_integer(u64::from(step))))
    };
    // Tier n's members are the points with W ≥ need_n·m. W is affine in the step, so that set
    // is an interval of steps at one end, found once by binary search instead of per point.
    let rising = to >= from;
    let reach: Vec<u32> = tiers
        .iter()
        .map(|tier| {
            let qualifies = |step: u32| scaled_point(step) >= tier.need;
            partition(steps, |step| qualifies(step) == rising)
        })
        .collect();
    let tiers_at = |step: u32| reach.iter().take_while(|&&boundary| (step >= boundary) == rising).count();

    let too_large = || out_of_range("pool", "a reward on the curve cannot be held at this precision");
    let exact_reward = |step: u32, qualified: usize| {
        let point = scaled_point(step);
        let mut sum = QuotientSum::default();
        if !point.is_zero() {
            for tier in &tiers[..qualified] {
                if let Some(term) = QuotientSum::of(&point.mul(&tier.pot), &tier.others.add(&point)) {
                    sum.add(&term);
                }
            }
        }
        sum.floor(request.decimals).ok_or_else(too_large)
    };
    let estimate = Estimate::new(&tiers, from, to, request.decimals);

    let mut points = Vec::with_capacity(steps as usize);
    let mut rewards = Vec::with_capacity(steps as usize);
    let (from_f64, to_f64) = (display_f64(from), display_f64(to));
    let last = f64::from(steps - 1);
    for step in 0..steps {
        let qualified = tiers_at(step);
        let reward = match estimate.as_ref().and_then(|estimate| estimate.reward(step, steps, qualified)) {
            Some(reward) => reward,
            None => exact_reward(step, qualified)?,
        };
        let fraction = f64::from(step) / last;
        points.push(from_f64 + (to_f64 - from_f64) * fraction);
        rewards.push(display_f64(reward));
    }
    Ok(RewardCurve { points, rewards })
}

/// The first index in 0..count at which `past` holds, for a `past` that stays true once true.
fn partition(count: u32, past: impl Fn(u32) -> bool) -> u32 {
    let (mut low, mut high) = (0, count);
    while low < high {
        let middle = low + (high - low) / 2;
        if past(middle) { high = middle } else { low = middle + 1 }
    }
    low
}

/// A curve point's reward from floating point, when that provably gives the exact floor
/// (see [`crate::number::estimate`]): each term W·pot/(R·m + W) costs three operations on
/// inputs within 2u, and the sum one addition per tier, at most 16.
struct Estimate {
    from: f64,
    to: f64,
    unit: f64,
    decimals: u32,
    tiers: Vec<(f64, f64)>,
}

impl Estimate {
    fn new(tiers: &[TierTerms], from: Decimal, to: Decimal, decimals: u32) -> Option<Estimate> {
        let approximate_exact = |value: &Exact| value.to_decimal().and_then(approximate);
        Some(Estimate {
            from: approximate(from)?,
            to: approximate(to)?,
            unit: unit(decimals),
            decimals,
            tiers: tiers.iter().map(|tier| Some((approximate_exact(&tier.pot)?, approximate_exact(&tier.others)?))).collect::<Option<_>>()?,
        })
    }

    fn reward(&self, step: u32, steps: u32, qualified: usize) -> Option<Decimal> {
        let point = self.from * f64::from(steps - 1 - step) + self.to * f64::from(step);
        let sum: f64 = self.tiers[..qualified].iter().map(|&(pot, others)| if point == 0.0 { 0.0 } else { point * pot / (others + point) }).sum();
        certain_floor(sum * self.unit, self.decimals)
    }
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
            assert_eq!(*reward, display_f64(personal_reward(&what_if).unwrap().reward), "at {point}");
        }
        assert_eq!(curve.rewards[0], 0.0);
        assert_eq!(curve.points[8], 800.0);
    }

    #[test]
    fn a_point_on_a_payout_unit_boundary_is_computed_exactly() {
        // At 900 STP among three Platinum users of 900, the exact reward is 2,640: a double
        // lands within rounding of the boundary, so the estimate must defer to exact arithmetic.
        let totals = ["2700", "2700", "2700", "0"].map(|total| total.parse().unwrap()).to_vec();
        let request = RewardRequest::new(Decimal::from(900), Decimal::from(8800), totals, Ladder::personal());
        let curve = reward_curve(&request, Decimal::from(900), Decimal::ZERO, 2).unwrap();
        assert_eq!(curve.rewards, [2640.0, 0.0]);
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
