//! End-of-period projection: what the user would earn if everyone kept their pace.

use rust_decimal::Decimal;

use crate::error::{out_of_range, Result};
use crate::number::exact::{Exact, QuotientSum};
use crate::ladder::{chosen_ladder, LadderChoice};
use crate::period::{Period, RankingPeriod};
use crate::reward::{reward_for_standing, split_pool, standing, Reward, RewardRequest, Standing, DEFAULT_DECIMALS, PERSONAL_FIELDS};

/// The input of [`crate::project_reward`]: a personal reward's input and the instant.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(remote = "Self", rename_all = "camelCase", deny_unknown_fields))]
pub struct ProjectRewardRequest {
    /// B: the user's STP so far this period, already counted in `tier_totals`.
    #[cfg_attr(feature = "serde", serde(deserialize_with = "crate::input::decimal"))]
    pub stp: Decimal,
    /// Hypothetical STP so far, as for a personal reward; the projection starts from it.
    #[cfg_attr(feature = "serde", serde(default, deserialize_with = "crate::input::optional_decimal"))]
    pub what_if_stp: Option<Decimal>,
    /// The instant (epoch milliseconds; ISO-8601 text in serde input); now when absent.
    #[cfg_attr(feature = "serde", serde(default, deserialize_with = "crate::input::optional_instant"))]
    pub at: Option<i64>,
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
crate::input::strict_struct!(ProjectRewardRequest);

impl ProjectRewardRequest {
    /// The current reward's request: a personal reward's, at the request's what-if.
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

/// The reward now and at the period's end: the result of [`crate::project_reward`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "camelCase"))]
#[non_exhaustive]
pub struct Projection {
    /// The period the projection runs to the end of.
    pub period: RankingPeriod,
    /// The user's points at the period's end at the current pace, floored at `decimals`.
    #[cfg_attr(feature = "serde", serde(serialize_with = "crate::number::text::serialize"))]
    pub projected_points: Decimal,
    /// The reward as things stand (with the what-if, if the request has one).
    pub current: Reward,
    /// The reward at the period's end at the current pace.
    pub projected: Reward,
}

/// Projects `request` (as of `at_ms`) to the end of its period.
///
/// Everyone keeps their pace, so the user's points P and every tier total scale by
/// f = period length / time elapsed; and the user, whose projected points may cross new
/// thresholds, joins those tiers' totals, as a what-if does. In every qualified tier the
/// ratio P·f / (D·f) equals P / D, so the amounts are computed from the unscaled values and
/// stay exact; only the displayed points and totals are the scaled values, floored at
/// `decimals`.
pub(crate) fn project_reward(request: &RewardRequest, at_ms: i64) -> Result<Projection> {
    let period = Period::containing(at_ms)?;
    if period.elapsed_ms() == 0 {
        return Err(out_of_range("at", "the period has only just begun: there is no pace to project from yet"));
    }
    let current_standing = standing(request)?;
    let current = reward_for_standing(request, &current_standing)?;

    let (length, elapsed) = (Exact::from_integer(period.length_ms() as u64), Exact::from_integer(period.elapsed_ms() as u64));
    let points = &current_standing.points;
    let scaled_points = points.mul(&length);
    // P·f ≥ need  ⇔  P·length ≥ need·elapsed: compared exactly, without dividing.
    let qualified = request
        .ladder
        .tiers()
        .partition_point(|tier| scaled_points >= Exact::from_decimal(tier.need).mul(&elapsed));
    let totals: Vec<Exact> = current_standing
        .totals
        .iter()
        .enumerate()
        .map(|(index, total)| if (current_standing.qualified..qualified).contains(&index) { total.add(points) } else { total.clone() })
        .collect();
    let projected_standing = Standing { points: points.clone(), qualified, totals };

    let scaled = |value: &Exact, field: &str| {
        QuotientSum::of(&value.mul(&length), &elapsed)
            .and_then(|quotient| quotient.floor(request.decimals))
            .ok_or_else(|| out_of_range(field, "the projected value cannot be held at this precision"))
    };
    let projected_points = scaled(points, PERSONAL_FIELDS.points)?;
    let display_totals = projected_standing
        .totals
        .iter()
        .enumerate()
        .map(|(index, total)| scaled(total, &format!("tierTotals[{}]", index)))
        .collect::<Result<Vec<_>>>()?;
    let split = split_pool(&request.ladder, request.pool, &projected_standing, request.decimals)?;
    let projected = split.into_reward(&request.ladder, qualified, projected_points, display_totals);
    Ok(Projection { period: period.summary()?, projected_points, current, projected })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ladder::Ladder;
    use crate::number::format_decimal;
    use crate::calendar::{parse_timestamp, MS_PER_DAY};
    use crate::reward::reward as personal_reward;
    use std::str::FromStr;

    fn request(points: &str, totals: [&str; 4]) -> RewardRequest {
        let dec = |text: &str| Decimal::from_str(text).unwrap();
        RewardRequest::new(dec(points), dec("1000"), totals.map(dec).to_vec(), Ladder::personal())
    }

    #[test]
    fn halfway_through_the_month_doubles_everything() {
        // November has 30 days: at day 15, f = 2.
        let at = parse_timestamp("2026-11-16T00:00:00Z", "at").unwrap();
        let req = request("450", ["8000", "5000", "3000", "2500"]);
        let projection = project_reward(&req, at).unwrap();
        assert_eq!(format_decimal(projection.projected_points), "900");
        // 900 STP is Platinum; the user (450 → 900) now also counts in Gold and Platinum.
        let totals: Vec<String> = projection.projected.tiers.iter().map(|t| format_decimal(t.total)).collect();
        assert_eq!(totals, ["16000", "10900", "6900", "5000"]);
        // It is exactly the what-if of 900 points in a world where everyone else doubled too:
        // the others' Silver total 7,550 becomes 15,100, Gold 10,000, Platinum 6,000, Diamond 5,000.
        let doubled = RewardRequest { what_if: Some(Decimal::from(900)), ..request("0", ["15100", "10000", "6000", "5000"]) };
        assert_eq!(projection.projected.reward, personal_reward(&doubled).unwrap().reward);
        assert_eq!(projection.projected.rank.as_deref(), Some("Platinum"));
        assert_eq!(projection.current.rank.as_deref(), Some("Silver"));
    }

    #[test]
    fn scaling_with_a_non_terminating_factor_stays_exact() {
        // 10 of 30 days gone: f = 3. The user's share of every tier is unchanged by scaling.
        let at = parse_timestamp("2026-11-11T00:00:00Z", "at").unwrap();
        let projection = project_reward(&request("850", ["8000", "5000", "3000", "2500"]), at).unwrap();
        assert_eq!(projection.current.reward, Decimal::from_str("138.125").unwrap());
        assert_eq!(format_decimal(projection.projected_points), "2550");
        // 850/8000·500 + 850/5000·250 + 850/3000·150 + 850/(2500+850)·100
        assert_eq!(format_decimal(projection.projected.reward), "163.498134");
        let at = at + MS_PER_DAY / 3; // f = 30 / (10 + 1/3): points 850·90/31
        assert_eq!(format_decimal(project_reward(&request("850", ["8000", "5000", "3000", "2500"]), at).unwrap().projected_points), "2467.741935");
    }

    #[test]
    fn nothing_to_project_at_the_first_instant() {
        let at = parse_timestamp("2026-11-01T00:00:00Z", "at").unwrap();
        assert_eq!(project_reward(&request("0", ["0", "0", "0", "0"]), at).unwrap_err().field, "at");
    }
}
