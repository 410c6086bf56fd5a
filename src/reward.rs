//! Personal and ambassador rewards: A = Σ over the tiers a user qualifies for of B·C·k_n/D_n,
//! floored toward zero at the payout precision, with the what-if adjustment of tier totals.

use std::borrow::Cow;

use rust_decimal::Decimal;

use crate::error::{out_of_range, Error, ErrorCode, Result};
use crate::ladder::{chosen_ladder, Ladder, LadderChoice};
use crate::number::exact::{Exact, Quotient, QuotientSum};
use crate::number::{non_negative, normalized};

/// USDT's precision: rewards are paid in millionths unless the caller asks otherwise.
pub const DEFAULT_DECIMALS: u32 = 6;
/// Enough for any token's precision; more would only make the results harder to hold.
pub const MAX_DECIMALS: u32 = 18;

/// The input of [`crate::personal_reward`]: the user's STP among the personal tiers.
///
/// With the `serde` feature it reads from `{ stp, pool, tierTotals, whatIfStp?, ladder?,
/// decimals? }`, the npm package's input.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(remote = "Self", rename_all = "camelCase", deny_unknown_fields))]
pub struct PersonalRewardRequest {
    /// B: the user's STP this period, already counted in `tier_totals`.
    #[cfg_attr(feature = "serde", serde(deserialize_with = "crate::input::decimal"))]
    pub stp: Decimal,
    /// Hypothetical STP: `stp` is taken out of the totals of the tiers it qualifies for,
    /// and these points added to the totals of the tiers they qualify for.
    #[cfg_attr(feature = "serde", serde(default, deserialize_with = "crate::input::optional_decimal"))]
    pub what_if_stp: Option<Decimal>,
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
crate::input::strict_struct!(PersonalRewardRequest);

/// The input of [`crate::ambassador_reward`]: the same over STPR and the ambassador
/// ladder (`{ stpr, pool, tierTotals, whatIfStpr?, ladder?, decimals? }`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(remote = "Self", rename_all = "camelCase", deny_unknown_fields))]
pub struct AmbassadorRewardRequest {
    /// B: the user's STPR this period, already counted in `tier_totals`.
    #[cfg_attr(feature = "serde", serde(deserialize_with = "crate::input::decimal"))]
    pub stpr: Decimal,
    /// Hypothetical STPR, moved into the totals as `what_if_stp` is.
    #[cfg_attr(feature = "serde", serde(default, deserialize_with = "crate::input::optional_decimal"))]
    pub what_if_stpr: Option<Decimal>,
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
crate::input::strict_struct!(AmbassadorRewardRequest);

/// One user's standing in a period, as the rules take it: the ladder chosen, the precision
/// defaulted.
#[derive(Debug, Clone)]
pub(crate) struct RewardRequest {
    pub points: Decimal,
    pub pool: Decimal,
    pub tier_totals: Vec<Decimal>,
    pub what_if: Option<Decimal>,
    pub ladder: Cow<'static, Ladder>,
    pub decimals: u32,
    /// The input's field names, for errors.
    pub fields: PointsFields,
}

impl RewardRequest {
    /// A request on `ladder` at the default precision, without a what-if.
    #[cfg(test)]
    pub fn new(points: Decimal, pool: Decimal, tier_totals: Vec<Decimal>, ladder: Ladder) -> RewardRequest {
        RewardRequest { points, pool, tier_totals, what_if: None, ladder: Cow::Owned(ladder), decimals: DEFAULT_DECIMALS, fields: PERSONAL_FIELDS }
    }
}

impl PersonalRewardRequest {
    /// The request the rules take: the personal ladder unless another is named, the default
    /// precision unless one is given.
    pub(crate) fn reward_request(&self) -> Result<RewardRequest> {
        Ok(RewardRequest {
            points: self.stp,
            pool: self.pool,
            tier_totals: self.tier_totals.clone(),
            what_if: self.what_if_stp,
            ladder: chosen_ladder(self.ladder.as_ref(), LadderChoice::Personal)?,
            decimals: self.decimals.unwrap_or(DEFAULT_DECIMALS),
            fields: PERSONAL_FIELDS,
        })
    }
}

impl AmbassadorRewardRequest {
    /// The request the rules take: the ambassador ladder unless another is named.
    pub(crate) fn reward_request(&self) -> Result<RewardRequest> {
        Ok(RewardRequest {
            points: self.stpr,
            pool: self.pool,
            tier_totals: self.tier_totals.clone(),
            what_if: self.what_if_stpr,
            ladder: chosen_ladder(self.ladder.as_ref(), LadderChoice::Ambassador)?,
            decimals: self.decimals.unwrap_or(DEFAULT_DECIMALS),
            fields: AMBASSADOR_FIELDS,
        })
    }
}

/// The input field names an error should point at: `stp` / `whatIfStp` for personal rewards,
/// `stpr` / `whatIfStpr` for ambassador rewards.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PointsFields {
    pub points: &'static str,
    pub what_if: &'static str,
}

pub(crate) const PERSONAL_FIELDS: PointsFields = PointsFields { points: "stp", what_if: "whatIfStp" };
pub(crate) const AMBASSADOR_FIELDS: PointsFields = PointsFields { points: "stpr", what_if: "whatIfStpr" };

/// One tier's part of a [`Reward`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct TierReward {
    /// The tier's name.
    pub name: String,
    /// Its threshold.
    #[cfg_attr(feature = "serde", serde(serialize_with = "crate::number::text::serialize"))]
    pub need: Decimal,
    /// k_n, its share of the pool.
    #[cfg_attr(feature = "serde", serde(serialize_with = "crate::number::text::serialize"))]
    pub share: Decimal,
    /// Whether the points reach it.
    pub qualified: bool,
    /// D_n used, after the what-if adjustment.
    #[cfg_attr(feature = "serde", serde(serialize_with = "crate::number::text::serialize"))]
    pub total: Decimal,
    /// C · k_n.
    #[cfg_attr(feature = "serde", serde(serialize_with = "crate::number::text::serialize"))]
    pub pot: Decimal,
    /// floor(B · C · k_n / D_n, decimals); zero when not qualified.
    #[cfg_attr(feature = "serde", serde(serialize_with = "crate::number::text::serialize"))]
    pub amount: Decimal,
}

/// What a user earns: the result of [`crate::personal_reward`] and [`crate::ambassador_reward`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Reward {
    /// floor(exact A, decimals): the exact sum floored once, so it may exceed the sum of the
    /// floored tier amounts by up to one unit per tier.
    #[cfg_attr(feature = "serde", serde(serialize_with = "crate::number::text::serialize"))]
    pub reward: Decimal,
    /// The points used: the what-if points when given.
    #[cfg_attr(feature = "serde", serde(serialize_with = "crate::number::text::serialize"))]
    pub points: Decimal,
    /// The highest tier qualified for.
    pub rank: Option<String>,
    /// Every tier of the ladder, in order.
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

/// The reward of a request as the rules take it.
pub(crate) fn reward(request: &RewardRequest) -> Result<Reward> {
    reward_for_standing(request, &standing(request)?)
}

/// The reward of an already validated [`Standing`] of `request`.
pub(crate) fn reward_for_standing(request: &RewardRequest, standing: &Standing) -> Result<Reward> {
    let fields = request.fields;
    let split = split_pool(&request.ladder, request.pool, standing, request.decimals)?;
    let totals = standing
        .totals
        .iter()
        .map(|total| total.to_decimal().ok_or_else(|| out_of_range(fields.what_if, "an adjusted tier total cannot be held exactly")))
        .collect::<Result<Vec<_>>>()?;
    let points = normalized(request.what_if.unwrap_or(request.points));
    Ok(split.into_reward(&request.ladder, standing.qualified, points, totals))
}

/// Validates the request and applies the what-if: `points` is taken out of the totals of the
/// tiers it qualifies for, and the what-if points are added to the totals of theirs.
pub(crate) fn standing(request: &RewardRequest) -> Result<Standing> {
    Ok(exact_standing(request, &validate(request)?))
}

/// A request that passed every check: the user's points and how many tiers they reach, and
/// the what-if points with theirs.
pub(crate) struct Checked {
    points: Decimal,
    qualified: usize,
    what_if: Option<(Decimal, usize)>,
}

/// The checks every reward makes: amounts not negative, a precision in range, one total per
/// tier, and totals that can describe a real population.
fn validate(request: &RewardRequest) -> Result<Checked> {
    let (ladder, fields) = (&request.ladder, request.fields);
    let points = non_negative(request.points, fields.points)?;
    non_negative(request.pool, "pool")?;
    if request.decimals > MAX_DECIMALS {
        return Err(out_of_range("decimals", format!("must be 0 to {} (got {})", MAX_DECIMALS, request.decimals)));
    }
    let tier_count = ladder.tiers().len();
    if request.tier_totals.len() != tier_count {
        return Err(Error::new(
            ErrorCode::InvalidType,
            "tierTotals",
            format!("must have {} entries, one per tier (got {})", tier_count, request.tier_totals.len()),
        ));
    }
    let qualified = ladder.qualified_count(points);
    let mut previous: Option<Decimal> = None;
    for (index, (&total, tier)) in request.tier_totals.iter().zip(ladder.tiers()).enumerate() {
        // The field is named only when something is wrong with it.
        let field = || format!("tierTotals[{index}]");
        let total = non_negative(total, "").map_err(|error| error.at(field()))?;
        let inconsistent = |detail: String| Err(Error::new(ErrorCode::InconsistentTotals, field(), detail));
        if index < qualified && total < points {
            return inconsistent(format!("{} is less than the user's own {} points, which it includes", total, points));
        }
        if let Some(previous) = previous.filter(|&previous| total > previous) {
            return inconsistent(format!("{} exceeds the previous tier's total {}: membership is nested, so totals never increase along the ladder", total, previous));
        }
        if !total.is_zero() && total < tier.need {
            return inconsistent(format!("{} is below the tier's need {}: it must be 0 or at least the need", total, tier.need));
        }
        previous = Some(total);
    }
    let what_if = match request.what_if {
        None => None,
        Some(what_if) => {
            let what_if = non_negative(what_if, fields.what_if)?;
            Some((what_if, ladder.qualified_count(what_if)))
        }
    };
    Ok(Checked { points, qualified, what_if })
}

/// The standing with the what-if applied: `points` is taken out of the totals of the tiers it
/// qualifies for, and the what-if points are added to the totals of theirs.
fn exact_standing(request: &RewardRequest, checked: &Checked) -> Standing {
    let Some((what_if, what_if_qualified)) = checked.what_if else {
        return Standing {
            points: Exact::from_decimal(checked.points),
            qualified: checked.qualified,
            totals: request.tier_totals.iter().map(|&total| Exact::from_decimal(total)).collect(),
        };
    };
    let (own, hypothetical) = (Exact::from_decimal(checked.points), Exact::from_decimal(what_if));
    let totals = request
        .tier_totals
        .iter()
        .enumerate()
        .map(|(index, &total)| {
            let mut total = Exact::from_decimal(total);
            if index < checked.qualified {
                // Checked: the total of a tier the user is in holds at least their points.
                total = total.checked_sub(&own).unwrap_or(total);
            }
            if index < what_if_qualified {
                total = total.add(&hypothetical);
            }
            total
        })
        .collect();
    Standing { points: hypothetical, qualified: what_if_qualified, totals }
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
    let mut sum = QuotientSum::with_capacity(standing.qualified);
    for (index, (tier, total)) in ladder.tiers().iter().zip(&standing.totals).enumerate() {
        let pot = pool.mul(&Exact::from_decimal(tier.share));
        pots.push(pot.to_decimal().ok_or_else(|| out_of_range("pool", format!("the pot of {} cannot be held exactly", tier.name)))?);
        let amount = if index < standing.qualified && !standing.points.is_zero() {
            let quotient = Quotient::new(standing.points.mul(&pot), total.clone()).ok_or_else(|| {
                Error::new(ErrorCode::InconsistentTotals, format!("tierTotals[{}]", index), "is 0 but includes the user's points")
            })?;
            let amount = quotient.floor(decimals).ok_or_else(too_large)?;
            sum.push(quotient);
            amount
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

    fn personal_reward(request: &RewardRequest) -> Result<Reward> {
        reward(request)
    }

    fn ambassador_reward(request: &RewardRequest) -> Result<Reward> {
        reward(&RewardRequest { fields: AMBASSADOR_FIELDS, ..request.clone() })
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
        let (big, third) = ("1000000000000000000000000000", "3000000000000000000000000000");
        let mut req = request(big, big, &[third, third, third, third]);
        req.decimals = 18;
        assert_eq!(personal_reward(&req).unwrap_err().code, ErrorCode::OutOfRange, "3.3e26 at 18 places needs 45 digits");
        req.decimals = 0;
        assert_eq!(personal_reward(&req).unwrap().reward, dec("333333333333333333333333333"));
        // A whole reward needs no places, however many are asked for.
        let mut req = request(big, big, &[big, big, big, big]);
        req.decimals = 18;
        assert_eq!(personal_reward(&req).unwrap().reward, dec(big));
    }
}
