//! How far a user is from the next rank.

use rust_decimal::Decimal;

use crate::error::{out_of_range, Result};
use crate::ladder::{Ladder, LadderChoice};
use crate::number::exact::{Exact, QuotientSum};
use crate::number::non_negative;

/// Progress is a display fraction: six places are finer than any progress bar.
const PROGRESS_DECIMALS: u32 = 6;

/// The input of [`crate::rank_progress`]: `{ points, ladder? }`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(remote = "Self", rename_all = "camelCase", deny_unknown_fields))]
pub struct RankProgressRequest {
    /// The user's points (STP or STPR, as the ladder ranks).
    #[cfg_attr(feature = "serde", serde(deserialize_with = "crate::input::decimal"))]
    pub points: Decimal,
    /// The personal ladder unless given.
    #[cfg_attr(feature = "serde", serde(default))]
    pub ladder: Option<LadderChoice>,
}

#[cfg(feature = "serde")]
crate::input::strict_struct!(RankProgressRequest);

/// How far a user is from the next rank: the result of [`crate::rank_progress`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "camelCase"))]
#[non_exhaustive]
pub struct RankProgress {
    /// The highest tier reached, if any.
    pub rank: Option<String>,
    /// Its index in the ladder, -1 when unranked.
    pub rank_index: i32,
    /// The next tier, `None` at the top.
    pub next: Option<String>,
    /// The next tier's threshold.
    #[cfg_attr(feature = "serde", serde(serialize_with = "crate::number::text::option::serialize"))]
    pub next_need: Option<Decimal>,
    /// `next_need - points`.
    #[cfg_attr(feature = "serde", serde(serialize_with = "crate::number::text::option::serialize"))]
    pub remaining: Option<Decimal>,
    /// The fraction of the way from the current tier's need (0 when unranked) to the next
    /// one's, toward zero at six places; 1 at the top.
    #[cfg_attr(feature = "serde", serde(serialize_with = "crate::number::text::serialize"))]
    pub progress: Decimal,
}

pub(crate) fn rank_progress(points: Decimal, ladder: &Ladder) -> Result<RankProgress> {
    let points = non_negative(points, "points")?;
    let reached = ladder.qualified_count(points);
    // (A ladder has a handful of tiers: the count always fits an i32.)
    let rank_index = i32::try_from(reached).map_or(i32::MAX, |reached| reached.saturating_sub(1));
    let Some(next) = ladder.tiers().get(reached) else {
        return Ok(RankProgress {
            rank: ladder.rank_name(reached),
            rank_index,
            next: None,
            next_need: None,
            remaining: None,
            progress: Decimal::ONE,
        });
    };
    let floor = match reached {
        0 => Exact::from_integer(0),
        _ => Exact::from_decimal(ladder.tiers().get(reached.saturating_sub(1)).map_or(Decimal::ZERO, |tier| tier.need)),
    };
    let (points_exact, next_need) = (Exact::from_decimal(points), Exact::from_decimal(next.need));
    // points < next.need and floor <= points (the floor is a need already met, or 0), so both
    // differences are non-negative and the span is positive.
    let unrepresentable = || out_of_range("points", "the distance to the next rank cannot be held exactly");
    let remaining = next_need.checked_sub(&points_exact).and_then(|r| r.to_decimal()).ok_or_else(unrepresentable)?;
    let progress = match (points_exact.checked_sub(&floor), next_need.checked_sub(&floor)) {
        (Some(done), Some(span)) => QuotientSum::of(&done, &span).and_then(|q| q.floor(PROGRESS_DECIMALS)),
        _ => None,
    }
    .ok_or_else(unrepresentable)?;
    Ok(RankProgress {
        rank: ladder.rank_name(reached),
        rank_index,
        next: Some(next.name.clone()),
        next_need: Some(next.need),
        remaining: Some(remaining),
        progress,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn progress(points: &str) -> RankProgress {
        rank_progress(Decimal::from_str(points).unwrap(), &Ladder::personal()).unwrap()
    }

    #[test]
    fn platinum_at_850_is_a_quarter_of_the_way_to_diamond() {
        let p = progress("850");
        assert_eq!((p.rank.as_deref(), p.rank_index, p.next.as_deref()), (Some("Platinum"), 2, Some("Diamond")));
        assert_eq!((p.next_need, p.remaining, p.progress), (Some(Decimal::from(1000)), Some(Decimal::from(150)), Decimal::new(25, 2)));
    }

    #[test]
    fn edges_of_the_ladder() {
        let unranked = progress("0");
        assert_eq!((unranked.rank, unranked.rank_index, unranked.progress), (None, -1, Decimal::ZERO));
        let just_below = progress("99.9999999");
        assert_eq!((just_below.rank_index, just_below.progress), (-1, Decimal::new(999_999, 6)));
        let exactly = progress("100");
        assert_eq!((exactly.rank.as_deref(), exactly.progress), (Some("Silver"), Decimal::ZERO));
        let top = progress("1000");
        assert_eq!((top.rank.as_deref(), top.next, top.remaining, top.progress), (Some("Diamond"), None, None, Decimal::ONE));
    }

    #[test]
    fn a_third_of_the_way_is_floored() {
        // Gold → Platinum spans 300; 100 of it is 1/3.
        assert_eq!(progress("600").progress, Decimal::new(333_333, 6));
    }
}
