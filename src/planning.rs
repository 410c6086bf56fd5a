//! Planning: how many points a reward takes, and the daily pace each rank needs.
//!
//! Both answers are exact. [`points_for_reward`] relies on the reward never decreasing as the
//! points grow (each tier's term B·pot/(R + B) grows with B, and reaching a tier only adds a
//! term), so the least multiple of `step` that pays the target is found by an exponential
//! search and a bisection, every candidate judged by the exact reward itself — the very
//! computation `personal_reward` does — never by a floating-point estimate.

use rust_decimal::Decimal;

use crate::error::{out_of_range, Result};
use crate::ladder::{chosen_ladder, LadderChoice};
use crate::number::exact::{Exact, QuotientSum};
use crate::number::{non_negative, normalized};
use crate::calendar::MS_PER_DAY;
use crate::period::{Period, RankingPeriod};
use crate::reward::{reward, standing, PointsFields, RewardRequest, DEFAULT_DECIMALS};

/// The smallest STP an action earns: the default granularity of [`points_for_reward`].
pub const DEFAULT_STEP: Decimal = Decimal::from_parts(1, 0, 0, false, 2);
/// Paces and day counts are display values: six places are finer than any plan needs.
const PACE_DECIMALS: u32 = 6;
/// Errors about the points name the planning input's own field.
const PLANNING_FIELDS: PointsFields = PointsFields { points: "points", what_if: "points" };

/// The input of [`crate::points_for_reward`]: a reward's input and the reward wanted.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(remote = "Self", rename_all = "camelCase", deny_unknown_fields))]
pub struct PointsForRewardRequest {
    /// The user's points now, already counted in `tier_totals`.
    #[cfg_attr(feature = "serde", serde(deserialize_with = "crate::input::decimal"))]
    pub points: Decimal,
    /// The reward wanted.
    #[cfg_attr(feature = "serde", serde(deserialize_with = "crate::input::decimal"))]
    pub target: Decimal,
    /// The granularity of the answer; 0.01 unless given.
    #[cfg_attr(feature = "serde", serde(default, deserialize_with = "crate::input::optional_decimal"))]
    pub step: Option<Decimal>,
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
crate::input::strict_struct!(PointsForRewardRequest);

/// The least points that pay a target: the result of [`crate::points_for_reward`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct PointsForReward {
    /// Whether some number of points within the decimal range pays the target.
    pub reachable: bool,
    /// The least multiple of `step` whose reward is at least the target.
    #[cfg_attr(feature = "serde", serde(serialize_with = "crate::number::text::option::serialize"))]
    pub points: Option<Decimal>,
    /// max(0, points − the user's points now): what is still to earn.
    #[cfg_attr(feature = "serde", serde(serialize_with = "crate::number::text::option::serialize"))]
    pub more: Option<Decimal>,
    /// The reward at `points`, exactly as `personal_reward` gives it with that what-if.
    #[cfg_attr(feature = "serde", serde(serialize_with = "crate::number::text::option::serialize"))]
    pub reward: Option<Decimal>,
    /// The rank at `points`.
    pub rank: Option<String>,
    /// floor(pool × Σ shares, decimals): no number of points pays more.
    #[cfg_attr(feature = "serde", serde(serialize_with = "crate::number::text::serialize"))]
    pub ceiling: Decimal,
}

pub(crate) fn points_for_reward(request: &PointsForRewardRequest) -> Result<PointsForReward> {
    let base = RewardRequest {
        points: request.points,
        pool: request.pool,
        tier_totals: request.tier_totals.clone(),
        what_if: None,
        ladder: chosen_ladder(request.ladder.as_ref(), LadderChoice::Personal)?,
        decimals: request.decimals.unwrap_or(DEFAULT_DECIMALS),
        fields: PLANNING_FIELDS,
    };
    let (points, target, step) = (&request.points, &request.target, &request.step);
    let user = standing(&base)?;
    // Errors of the input itself (a pool too large for the precision) surface here, once.
    reward(&base)?;
    let target = non_negative(*target, "target")?;
    let step = step.unwrap_or(DEFAULT_STEP);
    if step <= Decimal::ZERO {
        return Err(out_of_range("step", format!("must be greater than 0 (got {step})")));
    }
    let shares = base.ladder.tiers().iter().fold(Exact::from_integer(0), |sum, tier| sum.add(&Exact::from_decimal(tier.share)));
    let ceiling = QuotientSum::of(&Exact::from_decimal(base.pool).mul(&shares), &Exact::from_integer(1))
        .and_then(|quotient| quotient.floor(base.decimals))
        .ok_or_else(|| out_of_range("pool", "the most a reward can be cannot be held at this precision"))?;
    let unreachable = PointsForReward { reachable: false, points: None, more: None, reward: None, rank: None, ceiling };
    if target > ceiling {
        return Ok(unreachable);
    }

    // Candidates are P = k · step. P's mantissa must fit a Decimal's 96 bits, and the tier
    // totals P joins must stay within the decimal range: k is bounded by both.
    let step_units = step.mantissa().unsigned_abs();
    // (`step` was checked to be > 0 above, so its units are not zero.)
    let mut largest = (u128::MAX >> 32).checked_div(step_units).unwrap_or(0);
    let others = user
        .totals
        .iter()
        .enumerate()
        .map(|(index, total)| if index < user.qualified { total.checked_sub(&user.points).unwrap_or_else(|| total.clone()) } else { total.clone() })
        .max()
        .unwrap_or_else(|| Exact::from_integer(0));
    if let Some(room) = Exact::from_decimal(Decimal::MAX).checked_sub(&others)
        && let Some(count) = QuotientSum::of(&room, &Exact::from_decimal(step)).and_then(|quotient| quotient.floor(0))
    {
        largest = largest.min(count.mantissa().unsigned_abs());
    }
    let at = |count: u128| -> Option<Decimal> {
        let units = i128::try_from(count.checked_mul(step_units)?).ok()?;
        Decimal::try_from_i128_with_scale(units, step.scale()).ok()
    };
    // The reward at k·step; `None` where that what-if cannot be computed (beyond the range).
    let pays = |count: u128| -> Result<Option<crate::Reward>> {
        let Some(points) = at(count) else { return Ok(None) };
        match reward(&RewardRequest { what_if: Some(points), ..base.clone() }) {
            Ok(reward) => Ok(Some(reward)),
            Err(error) if error.code == crate::ErrorCode::OutOfRange => Ok(None),
            Err(error) => Err(error),
        }
    };
    let reaches = |count: u128| -> Result<bool> { Ok(pays(count)?.is_some_and(|reward| reward.reward >= target)) };

    // Invariant: `low` does not reach the target (or is 0 when the target is 0), `high` does.
    let (mut low, mut high) = (0u128, 1u128);
    if !reaches(0)? {
        while !reaches(high)? {
            if high >= largest {
                return Ok(unreachable);
            }
            low = high;
            high = high.saturating_mul(2).min(largest);
        }
        // low < high: the gap and the midpoint cannot overflow.
        while high.saturating_sub(low) > 1 {
            let middle = low.saturating_add(high.saturating_sub(low) / 2);
            if reaches(middle)? { high = middle } else { low = middle }
        }
    } else {
        high = 0;
    }
    let (Some(found), Some(paid)) = (at(high), pays(high)?) else {
        return Ok(unreachable);
    };
    let more = Exact::from_decimal(found)
        .checked_sub(&Exact::from_decimal(*points))
        .map_or(Some(Decimal::ZERO), |more| more.to_decimal())
        .ok_or_else(|| out_of_range("points", "the points still to earn cannot be held exactly"))?;
    Ok(PointsForReward {
        reachable: true,
        points: Some(normalized(found)),
        more: Some(normalized(more)),
        reward: Some(paid.reward),
        rank: paid.rank,
        ceiling,
    })
}

/// The input of [`crate::pace_plan`]: `{ points, at?, ladder? }`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(remote = "Self", rename_all = "camelCase", deny_unknown_fields))]
pub struct PacePlanRequest {
    /// The user's points so far this period.
    #[cfg_attr(feature = "serde", serde(deserialize_with = "crate::input::decimal"))]
    pub points: Decimal,
    /// The instant (epoch milliseconds; ISO-8601 text in serde input); now when absent.
    #[cfg_attr(feature = "serde", serde(default, deserialize_with = "crate::input::optional_instant"))]
    pub at: Option<i64>,
    /// The personal ladder unless given.
    #[cfg_attr(feature = "serde", serde(default))]
    pub ladder: Option<LadderChoice>,
}

#[cfg(feature = "serde")]
crate::input::strict_struct!(PacePlanRequest);

/// The daily pace a higher tier needs.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "camelCase"))]
#[non_exhaustive]
pub struct PaceGoal {
    /// The tier.
    pub name: String,
    /// Its threshold.
    #[cfg_attr(feature = "serde", serde(serialize_with = "crate::number::text::serialize"))]
    pub need: Decimal,
    /// need − points.
    #[cfg_attr(feature = "serde", serde(serialize_with = "crate::number::text::serialize"))]
    pub remaining: Decimal,
    /// The least daily rate that gets there by the period's end: remaining × 86,400,000 /
    /// remaining milliseconds, rounded up at six places.
    #[cfg_attr(feature = "serde", serde(serialize_with = "crate::number::text::serialize"))]
    pub per_day: Decimal,
}

/// The user's pace and each higher tier's: the result of [`crate::pace_plan`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "camelCase"))]
#[non_exhaustive]
pub struct PacePlan {
    /// The period that contains the instant.
    pub period: RankingPeriod,
    /// Days until the period ends, toward zero at six places.
    #[cfg_attr(feature = "serde", serde(serialize_with = "crate::number::text::serialize"))]
    pub days_left: Decimal,
    /// Points per day so far, toward zero at six places; `None` at a period's first instant.
    #[cfg_attr(feature = "serde", serde(serialize_with = "crate::number::text::option::serialize"))]
    pub per_day: Option<Decimal>,
    /// The points at the period's end at that pace, toward zero at six places.
    #[cfg_attr(feature = "serde", serde(serialize_with = "crate::number::text::option::serialize"))]
    pub projected_points: Option<Decimal>,
    /// The rank the exact projected points reach.
    pub projected_rank: Option<String>,
    /// One entry per tier above the points, in ladder order; empty at the top rank.
    pub goals: Vec<PaceGoal>,
}

pub(crate) fn pace_plan(request: &PacePlanRequest, now_ms: i64) -> Result<PacePlan> {
    let ladder = chosen_ladder(request.ladder.as_ref(), LadderChoice::Personal)?;
    let points = non_negative(request.points, "points")?;
    let period = Period::containing(request.at.unwrap_or(now_ms))?;
    let cannot_hold = || out_of_range("points", "the pace cannot be held exactly");
    let ms = |value: i64| Exact::from_integer(value.unsigned_abs());
    let (day, elapsed, remaining_ms) = (ms(MS_PER_DAY), ms(period.elapsed_ms()), ms(period.end_ms.saturating_sub(period.at_ms)));
    let exact_points = Exact::from_decimal(points);
    // x / ms, floored or rounded up at six places; `None` for a zero duration.
    let per = |amount: &Exact, duration: &Exact| QuotientSum::of(amount, duration);

    let days_left = per(&remaining_ms, &day).and_then(|days| days.floor(PACE_DECIMALS)).ok_or_else(cannot_hold)?;
    let pace = per(&exact_points.mul(&day), &elapsed);
    let per_day = pace.as_ref().map(|pace| pace.floor(PACE_DECIMALS).ok_or_else(cannot_hold)).transpose()?;
    let projected = per(&exact_points.mul(&ms(period.length_ms())), &elapsed);
    let projected_points = projected.as_ref().map(|points| points.floor(PACE_DECIMALS).ok_or_else(cannot_hold)).transpose()?;
    // The rank the exact projection reaches: need ≤ points·length/elapsed, compared without dividing.
    let projected_rank = (!elapsed.is_zero())
        .then(|| {
            let scaled = exact_points.mul(&ms(period.length_ms()));
            ladder.tiers().partition_point(|tier| Exact::from_decimal(tier.need).mul(&elapsed) <= scaled)
        })
        .and_then(|reached| ladder.rank_name(reached));

    let goals = ladder
        .tiers()
        .iter()
        .filter(|tier| tier.need > points)
        .map(|tier| {
            let remaining = Exact::from_decimal(tier.need).checked_sub(&exact_points).and_then(|left| left.to_decimal()).ok_or_else(cannot_hold)?;
            let per_day = per(&Exact::from_decimal(remaining).mul(&day), &remaining_ms).and_then(|rate| rate.ceil(PACE_DECIMALS)).ok_or_else(cannot_hold)?;
            Ok(PaceGoal { name: tier.name.clone(), need: tier.need, remaining: normalized(remaining), per_day })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(PacePlan { period: period.summary()?, days_left, per_day, projected_points, projected_rank, goals })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Ladder;

    fn dec(text: &str) -> Decimal {
        text.parse().unwrap()
    }

    fn documentation(target: &str) -> PointsForRewardRequest {
        PointsForRewardRequest {
            points: dec("850"),
            pool: dec("1000"),
            tier_totals: ["8000", "5000", "3000", "2500"].map(dec).to_vec(),
            target: dec(target),
            ..Default::default()
        }
    }

    #[test]
    fn the_documentation_tiers_pay_150_at_940_81() {
        let plan = points_for_reward(&documentation("150")).unwrap();
        assert_eq!((plan.points, plan.more, plan.reward), (Some(dec("940.81")), Some(dec("90.81")), Some(dec("150.000465"))));
        assert_eq!((plan.reachable, plan.rank.as_deref(), plan.ceiling), (true, Some("Platinum"), dec("1000")));
        // One step less does not pay it.
        let below = PointsForRewardRequest { step: Some(dec("0.01")), ..documentation("150") };
        let at = |points: &str| {
            let request = RewardRequest { what_if: Some(dec(points)), ..RewardRequest::new(below.points, below.pool, below.tier_totals.clone(), Ladder::personal()) };
            reward(&request).unwrap().reward
        };
        assert!(at("940.80") < dec("150") && at("940.81") >= dec("150"));
    }

    #[test]
    fn targets_beyond_the_ceiling_and_at_zero() {
        let beyond = points_for_reward(&documentation("1000.000001")).unwrap();
        assert_eq!((beyond.reachable, beyond.points), (false, None));
        let nothing = points_for_reward(&documentation("0")).unwrap();
        assert_eq!((nothing.points, nothing.more, nothing.rank), (Some(Decimal::ZERO), Some(Decimal::ZERO), None));
    }

    #[test]
    fn bad_targets_and_steps() {
        assert_eq!(points_for_reward(&documentation("-1")).unwrap_err().field, "target");
        let zero_step = PointsForRewardRequest { step: Some(Decimal::ZERO), ..documentation("1") };
        assert_eq!(points_for_reward(&zero_step).unwrap_err().field, "step");
    }

    #[test]
    fn pace_in_november() {
        let at = crate::calendar::parse_timestamp("2026-11-21T12:00:00Z", "at").unwrap();
        let plan = pace_plan(&PacePlanRequest { points: dec("850"), at: Some(at), ladder: None }, 0).unwrap();
        assert_eq!((plan.days_left, plan.per_day, plan.projected_points), (dec("9.5"), Some(dec("41.463414")), Some(dec("1243.902439"))));
        assert_eq!(plan.projected_rank.as_deref(), Some("Diamond"));
        assert_eq!(plan.goals, [PaceGoal { name: "Diamond".into(), need: dec("1000"), remaining: dec("150"), per_day: dec("15.789474") }]);
    }
}

#[cfg(test)]
mod near_the_top_of_the_range {
    use super::*;
    use crate::{LadderSpec, Tier};

    /// A target whose answer lies near the top of the decimal range: one tier of the whole
    /// pool, 10^28 STP of the user's among 2·10^28, in steps of 10^10. The least P with
    /// P·1000 / (10^28 + P) ≥ 870 is 870·10^28/130 rounded up to a step (Python's exact
    /// fractions): 66,923,076,923,076,923,080,000,000,000, within the room the other users leave
    /// below Decimal::MAX only once the user's own points are taken out of the total.
    #[test]
    fn an_answer_near_the_top_of_the_decimal_range_is_found() {
        let tier = Tier { name: "All".into(), need: Decimal::ONE, share: Decimal::ONE };
        let request = PointsForRewardRequest {
            points: Decimal::from_i128_with_scale(10_i128.pow(28), 0),
            pool: Decimal::from(1000),
            tier_totals: vec![Decimal::from_i128_with_scale(2 * 10_i128.pow(28), 0)],
            target: Decimal::from(870),
            step: Some(Decimal::from(10_000_000_000_u64)),
            ladder: Some(LadderChoice::Custom(LadderSpec { name: None, points: None, tiers: vec![tier] })),
            ..Default::default()
        };
        let plan = points_for_reward(&request).unwrap();
        assert_eq!(plan.points.map(|points| points.to_string()).as_deref(), Some("66923076923076923080000000000"));
        assert_eq!(plan.more.map(|more| more.to_string()).as_deref(), Some("56923076923076923080000000000"));
        assert_eq!(plan.reward, Some(Decimal::from(870)));
    }
}
