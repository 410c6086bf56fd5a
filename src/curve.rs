//! Reward against points, for charts: many what-if points in one call.

use rust_decimal::Decimal;

use crate::error::{out_of_range, Result};
use crate::ladder::{chosen_ladder, LadderChoice};
use crate::number::estimate::Estimate;
use crate::number::exact::{Exact, QuotientSum};
use crate::number::{display_f64, display_units, nearest_f64, non_negative};
use crate::reward::{standing, RewardRequest, DEFAULT_DECIMALS, PERSONAL_FIELDS};

/// The fewest points a curve has.
pub const MIN_STEPS: u32 = 2;
/// The most points a curve has.
pub const MAX_STEPS: u32 = 100_000;

/// The input of [`crate::reward_curve`]: a personal reward's input without the what-if
/// (the curve's points are the what-ifs), and the points to evaluate.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(remote = "Self", rename_all = "camelCase", deny_unknown_fields))]
pub struct RewardCurveRequest {
    /// B: the user's STP this period, already counted in `tier_totals`.
    #[cfg_attr(feature = "serde", serde(deserialize_with = "crate::input::decimal"))]
    pub stp: Decimal,
    /// The first what-if point.
    #[cfg_attr(feature = "serde", serde(deserialize_with = "crate::input::decimal"))]
    pub from: Decimal,
    /// The last what-if point.
    #[cfg_attr(feature = "serde", serde(deserialize_with = "crate::input::decimal"))]
    pub to: Decimal,
    /// How many evenly spaced points, 2..=100,000.
    #[cfg_attr(feature = "serde", serde(deserialize_with = "crate::input::whole"))]
    pub steps: u32,
    /// C: the pool shared out over the ladder.
    #[cfg_attr(feature = "serde", serde(deserialize_with = "crate::input::decimal"))]
    pub pool: Decimal,
    /// D_n for each tier in ladder order, the user included.
    #[cfg_attr(feature = "serde", serde(deserialize_with = "crate::input::decimal_list"))]
    pub tier_totals: Vec<Decimal>,
    /// The ladder; the operation's own (personal or ambassador) unless given.
    #[cfg_attr(feature = "serde", serde(default))]
    pub ladder: Option<LadderChoice>,
    /// Payout precision, 0..=18; 6 unless given.
    #[cfg_attr(feature = "serde", serde(default, deserialize_with = "crate::input::optional_whole"))]
    pub decimals: Option<u32>,
}

#[cfg(feature = "serde")]
crate::input::strict_struct!(RewardCurveRequest);

/// Display values: every point and reward is the double nearest to the exact value (the
/// value JavaScript's `Number(text)` gives for its exact text); exact rewards come from
/// [`crate::personal_reward`].
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct RewardCurve {
    /// The what-if points, from `from` to `to`.
    pub points: Vec<f64>,
    /// The reward at each point.
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
pub(crate) fn reward_curve(curve: &RewardCurveRequest) -> Result<RewardCurve> {
    let request = &RewardRequest {
        points: curve.stp,
        pool: curve.pool,
        tier_totals: curve.tier_totals.clone(),
        what_if: None,
        ladder: chosen_ladder(curve.ladder.as_ref(), LadderChoice::Personal)?,
        decimals: curve.decimals.unwrap_or(DEFAULT_DECIMALS),
        fields: PERSONAL_FIELDS,
    };
    let (from, to, steps) = (curve.from, curve.to, curve.steps);
    if !(MIN_STEPS..=MAX_STEPS).contains(&steps) {
        return Err(out_of_range("steps", format!("must be {} to {} (got {})", MIN_STEPS, MAX_STEPS, steps)));
    }
    let (from, to) = (non_negative(from, "from")?, non_negative(to, "to")?);
    let user = standing(request)?;
    // (steps ≥ MIN_STEPS = 2 was checked above.)
    let last = steps.saturating_sub(1);
    let intervals = Exact::from_integer(u64::from(last));
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
        from_exact.mul(&Exact::from_integer(u64::from(last.saturating_sub(step)))).add(&to_exact.mul(&Exact::from_integer(u64::from(step))))
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
    let point_units = PointUnits::new(from, to, steps);
    // The fast path needs every point as integer units (nearly always: any from and to with
    // fewer than 29 significant digits between them).
    let estimates = point_units.as_ref().and_then(|units| Estimates::new(&tiers, units.scale));
    // (Written in place, not pushed: a push is a call at opt-level "z".)
    let (mut points, mut rewards) = (vec![0.0; steps as usize], vec![0.0; steps as usize]);
    let mut sum = QuotientSum::default();
    for (step, (point_slot, reward_slot)) in (0..steps).zip(points.iter_mut().zip(rewards.iter_mut())) {
        let qualified = tiers_at(step);
        let units = point_units.as_ref().and_then(|units| units.numerator(step));
        let estimated = units.zip(estimates.as_ref()).and_then(|(units, estimates)| estimates.reward(units, qualified)?.floor_units(request.decimals));
        let reward = match estimated {
            Some(units) => display_units(units, request.decimals),
            None => {
                let point = scaled_point(step);
                sum.clear();
                if !point.is_zero() {
                    for tier in tiers.iter().take(qualified) {
                        // (A zero denominator means a zero point, which has no share.)
                        sum.add_quotient(point.mul(&tier.pot), tier.others.add(&point));
                    }
                }
                display_f64(sum.floor(request.decimals).ok_or_else(too_large)?)
            }
        };
        *reward_slot = reward;
        *point_slot = match units.zip(point_units.as_ref()).and_then(|(units, point_units)| point_units.display(units)) {
            Some(point) => point,
            None => scaled_point(step).ratio_f64(&intervals),
        };
    }
    Ok(RewardCurve { points, rewards })
}

/// `from` and `to` as integers of one scale, when they fit, so that each scaled point
/// W = from·(m−i) + to·i is an integer of 128 bits over 10^scale: both fit in
/// 2^96 · 2^17 < 2^127. (Otherwise the point is computed with big integers.)
struct PointUnits {
    from: u128,
    to: u128,
    scale: u32,
    /// m·10^scale: the point w = W/m is numerator / denominator.
    denominator: i128,
    last: u128,
}

impl PointUnits {
    fn new(from: Decimal, to: Decimal, steps: u32) -> Option<PointUnits> {
        let scale = from.scale().max(to.scale());
        let units = |value: Decimal| value.mantissa().unsigned_abs().checked_mul(10u128.checked_pow(scale.checked_sub(value.scale())?)?).filter(|&units| units < 1 << 96);
        let last = u128::from(steps.checked_sub(1)?);
        let denominator = i128::try_from(last.checked_mul(10u128.checked_pow(scale)?)?).ok()?;
        Some(PointUnits { from: units(from)?, to: units(to)?, scale, denominator, last })
    }

    /// W·10^scale at `step`, exactly.
    fn numerator(&self, step: u32) -> Option<u128> {
        let step = u128::from(step);
        let rest = self.last.checked_sub(step)?;
        // In 64 bits when from and to are below 2^46: rest + step = m < 2^17, so the sum is
        // below 2^46 · 2^17 = 2^63 and cannot overflow. (128-bit products, and checked 64-bit
        // ones, are library calls in wasm.)
        const NARROW: u128 = 1 << 46;
        if self.from < NARROW && self.to < NARROW {
            #[allow(clippy::arithmetic_side_effects)] // (bounded above)
            return Some(u128::from(self.from as u64 * rest as u64 + self.to as u64 * step as u64));
        }
        self.from.checked_mul(rest)?.checked_add(self.to.checked_mul(step)?)
    }

    /// The point w = W/m as the double nearest to its exact value.
    fn display(&self, numerator: u128) -> Option<f64> {
        Some(nearest_f64(i128::try_from(numerator).ok()?, self.denominator))
    }
}

/// The curve's tier constants as estimates, for the rewards whose floor they prove (the error
/// bound is carried by each [`Estimate`]; see `number::estimate`); the exact sum decides the rest.
struct Estimates {
    /// The scale of a point's units.
    scale: u32,
    /// Each tier's pot and total without the user (scaled by m).
    tiers: Vec<(Estimate, Estimate)>,
}

impl Estimates {
    fn new(tiers: &[TierTerms], scale: u32) -> Option<Estimates> {
        let tiers = tiers.iter().map(|tier| Some((tier.pot.estimate()?, tier.others.estimate()?))).collect::<Option<_>>()?;
        Some(Estimates { scale, tiers })
    }

    /// Σ over the qualified tiers of W·pot / (R·m + W), for W = `units` / 10^scale.
    fn reward(&self, units: u128, qualified: usize) -> Option<Estimate> {
        Estimate::share_sum(Estimate::of_units(units, self.scale)?, self.tiers.get(..qualified)?)
    }
}

/// The first index in 0..count at which `past` holds, for a `past` that stays true once true.
fn partition(count: u32, past: impl Fn(u32) -> bool) -> u32 {
    let (mut low, mut high) = (0, count);
    while low < high {
        // low < high ≤ count: neither the midpoint nor middle + 1 can overflow.
        let middle = low.saturating_add(high.saturating_sub(low) / 2);
        if past(middle) { high = middle } else { low = middle.saturating_add(1) }
    }
    low
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reward::reward as personal_reward;
    use crate::{ErrorCode, PersonalRewardRequest};

    fn request() -> RewardRequest {
        PersonalRewardRequest { stp: Decimal::from(850), pool: Decimal::from(1000), tier_totals: [8000, 5000, 3000, 2500].map(Decimal::from).to_vec(), ..Default::default() }.reward_request().unwrap()
    }

    fn reward_curve(request: &RewardRequest, from: Decimal, to: Decimal, steps: u32) -> Result<RewardCurve> {
        super::reward_curve(&RewardCurveRequest {
            stp: request.points,
            pool: request.pool,
            tier_totals: request.tier_totals.clone(),
            ladder: None,
            decimals: Some(request.decimals),
            from,
            to,
            steps,
        })
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
        let request = RewardRequest { points: Decimal::from(900), pool: Decimal::from(8800), tier_totals: totals, ..request() };
        let curve = reward_curve(&request, Decimal::from(900), Decimal::ZERO, 2).unwrap();
        assert_eq!(curve.rewards, [2640.0, 0.0]);
    }

    /// The first reproduction of issue 14: 576 of these points were off by one ulp.
    #[test]
    fn integer_points_are_exact_doubles() {
        let request = RewardRequest {
            pool: "123456789.123".parse().unwrap(),
            tier_totals: ["80000.07", "50000.03", "30000.01", "2500"].map(|total| total.parse().unwrap()).to_vec(),
            decimals: 9,
            ..request()
        };
        let curve = reward_curve(&request, Decimal::ZERO, Decimal::from(5000), 5001).unwrap();
        assert!(curve.points.iter().enumerate().all(|(index, &point)| point == index as f64));
    }

    #[test]
    fn uneven_spacing_is_exact() {
        // Thirds of 1000: 333.33…, 666.66… — neither is a Decimal, both are computed exactly.
        let curve = reward_curve(&request(), Decimal::ZERO, Decimal::from(1000), 4).unwrap();
        assert_eq!(curve.points[1], 1000.0 / 3.0);
        // (1000/3) / (8000 − 850 + 1000/3) · 500 = 500/22.45 = 22.271714…
        assert_eq!(curve.rewards[1], 22.271714);
    }

    /// Points far beyond 64 bits of units (2^80 STP), each way, and one end just past the
    /// 2^46 units under which the points are summed in 64 bits: every point is a power-of-two
    /// multiple, so its double is exact and written out here.
    #[test]
    fn points_beyond_64_bits_are_exact() {
        let two_to_80 = Decimal::from(1_u128 << 80);
        let down = reward_curve(&request(), two_to_80, Decimal::ZERO, 5).unwrap();
        assert_eq!(down.points, [1_208_925_819_614_629_174_706_176.0, 906_694_364_710_971_881_029_632.0, 604_462_909_807_314_587_353_088.0, 302_231_454_903_657_293_676_544.0, 0.0]);
        let up = reward_curve(&request(), Decimal::ZERO, two_to_80, 5).unwrap();
        assert_eq!(up.points, [0.0, 302_231_454_903_657_293_676_544.0, 604_462_909_807_314_587_353_088.0, 906_694_364_710_971_881_029_632.0, 1_208_925_819_614_629_174_706_176.0]);
        let wide = reward_curve(&request(), Decimal::from(1_u64 << 50), Decimal::ONE, 3).unwrap();
        assert_eq!(wide.points, [1_125_899_906_842_624.0, 562_949_953_421_312.5, 1.0]);
    }

    /// Ends whose units at one scale do not fit 96 bits (10 at 28 places is 10^29 units): each
    /// point is then the exact ratio's nearest double, 5.00000000000000000000000000005 → 5.0.
    #[test]
    fn points_too_fine_for_units_are_exact_ratios() {
        let tiny = Decimal::from_i128_with_scale(1, 28);
        let curve = reward_curve(&request(), tiny, Decimal::TEN, 3).unwrap();
        assert_eq!(curve.points, [1e-28, 5.0, 10.0]);
    }

    /// A need with more places than the ends (100.25, the ends whole) is reached exactly: 100.25
    /// reaches it and 100 does not, and every point's reward is its what-if reward.
    #[test]
    fn a_need_finer_than_the_points_is_reached_exactly() {
        use crate::ladder::{Ladder, LadderSpec, PointsKind, Tier};
        use std::str::FromStr;
        let tiers = vec![
            Tier { name: "a".into(), need: Decimal::new(10_025, 2), share: Decimal::new(5, 1) },
            Tier { name: "b".into(), need: Decimal::from(150), share: Decimal::new(5, 1) },
        ];
        let spec = LadderSpec { name: None, points: Some(PointsKind::Stp), tiers: tiers.clone() };
        let totals = vec![Decimal::from(1000), Decimal::from(500)];
        let curve = super::reward_curve(&RewardCurveRequest {
            stp: Decimal::ZERO,
            pool: Decimal::from(1000),
            tier_totals: totals.clone(),
            ladder: Some(LadderChoice::Custom(spec)),
            decimals: None,
            from: Decimal::ZERO,
            to: Decimal::from(200),
            steps: 801,
        })
        .unwrap();
        // 0.25 apart: point 400 is 100, point 401 is 100.25.
        assert_eq!((curve.points[400], curve.points[401]), (100.0, 100.25));
        assert_eq!(curve.rewards[400], 0.0);
        assert!(curve.rewards[401] > 0.0);
        let ladder = Ladder::new("custom", PointsKind::Stp, tiers).unwrap();
        for (point, reward) in curve.points.iter().zip(&curve.rewards) {
            let what_if = Decimal::from_str(&point.to_string()).unwrap();
            let request = RewardRequest { what_if: Some(what_if), ..RewardRequest::new(Decimal::ZERO, Decimal::from(1000), totals.clone(), ladder.clone()) };
            assert_eq!(*reward, display_f64(personal_reward(&request).unwrap().reward), "at {point}");
        }
    }

    #[test]
    fn steps_are_checked() {
        assert_eq!(reward_curve(&request(), Decimal::ZERO, Decimal::ONE, 1).unwrap_err().field, "steps");
        assert_eq!(reward_curve(&request(), Decimal::ZERO, Decimal::ONE, 100_001).unwrap_err().field, "steps");
        assert_eq!(reward_curve(&request(), Decimal::NEGATIVE_ONE, Decimal::ONE, 2).unwrap_err().code, ErrorCode::Negative);
    }
}
