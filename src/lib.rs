//! soei-rewards: the Soei reward rules, exact to the last unit of payout precision.
//!
//! Each month (UTC) users earn STP from their own activity and STPR from the STP of the people
//! they referred. Personal rewards split a pool over nested tiers (Silver 100 / Gold 500 /
//! Platinum 800 / Diamond 1,000 STP, shares 50 / 25 / 15 / 10 %): a user with points B earns
//! `Σ over the tiers they qualify for of B · C · k_n / D_n`, floored toward zero at the payout
//! precision from the exact rational value. Ambassador rewards do the same over STPR.
//!
//! One function per operation, each taking a typed request and returning a typed result:
//!
//! ```
//! use soei_rewards::{personal_reward, Decimal, PersonalRewardRequest};
//!
//! let request = PersonalRewardRequest {
//!     stp: Decimal::from(850),
//!     pool: Decimal::from(1000),
//!     tier_totals: vec![8000.into(), 5000.into(), 3000.into(), 2500.into()],
//!     ..Default::default()
//! };
//! let reward = personal_reward(&request)?;
//! assert_eq!(reward.reward.to_string(), "138.125");
//! assert_eq!(reward.rank.as_deref(), Some("Platinum"));
//! # Ok::<(), soei_rewards::Error>(())
//! ```
//!
//! Every failure is an [`Error`] with an [`ErrorCode`] and the path of the field at fault,
//! never a panic. With the `serde` feature, every request reads from any serde format
//! ([`input::decode`] keeps those codes and paths) and every result writes to one, decimals
//! as plain-notation strings: the shape of the npm package's JavaScript API.
#![deny(missing_docs)]

mod calendar;
pub mod columns;
mod curve;
mod error;
#[cfg(feature = "serde")]
pub mod input;
mod ladder;
pub mod number;
mod period;
mod planning;
mod population;
mod progress;
mod projection;
mod referral;
mod reward;

pub use curve::{RewardCurve, RewardCurveRequest, MAX_STEPS, MIN_STEPS};
pub use error::{Error, ErrorCode, Result, UnknownErrorCode};
pub use ladder::{Ladder, LadderChoice, LadderSpec, Ladders, PointsKind, QualifiedCounter, Tier, MAX_TIERS};
pub use period::{RankingPeriod, RankingPeriodRequest};
pub use planning::{PaceGoal, PacePlan, PacePlanRequest, PointsForReward, PointsForRewardRequest, DEFAULT_STEP};
pub use population::{PopulationPayout, PopulationPayoutRequest};
pub use progress::{RankProgress, RankProgressRequest};
pub use projection::{Projection, ProjectRewardRequest};
pub use referral::{ReferralUser, StprById, StprColumnsRequest, StprRequest, MAX_LEVELS};
pub use reward::{AmbassadorRewardRequest, PersonalRewardRequest, Reward, TierReward, DEFAULT_DECIMALS, MAX_DECIMALS};
pub use rust_decimal::Decimal;

/// The README's Rust example runs as a doctest, so it cannot drift from the API.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

/// The user's personal reward this period (STP over the personal ladder, unless the request
/// names another).
///
/// ```
/// # use soei_rewards::*;
/// let request = PersonalRewardRequest {
///     stp: 850.into(),
///     pool: 1000.into(),
///     tier_totals: vec![8000.into(), 5000.into(), 3000.into(), 2500.into()],
///     what_if_stp: Some(1000.into()),
///     ..Default::default()
/// };
/// let reward = personal_reward(&request)?;
/// assert_eq!((reward.reward.to_string().as_str(), reward.rank.as_deref()), ("186.083858", Some("Diamond")));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn personal_reward(request: &PersonalRewardRequest) -> Result<Reward> {
    reward::reward(&request.reward_request()?)
}

/// The user's ambassador reward this period (STPR over the ambassador ladder).
///
/// ```
/// # use soei_rewards::*;
/// let request = AmbassadorRewardRequest {
///     stpr: 20_000.into(),
///     pool: 10_000.into(),
///     tier_totals: vec![100_000.into(), 0.into(), 0.into()],
///     ..Default::default()
/// };
/// // 20,000 of the Campaign Representatives' 100,000 STPR, of their 50 % pot.
/// assert_eq!(ambassador_reward(&request)?.reward, Decimal::from(1000));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn ambassador_reward(request: &AmbassadorRewardRequest) -> Result<Reward> {
    reward::reward(&request.reward_request()?)
}

/// The rank reached and the distance to the next one.
///
/// ```
/// # use soei_rewards::*;
/// let progress = rank_progress(&RankProgressRequest { points: 850.into(), ladder: None })?;
/// assert_eq!((progress.next.as_deref(), progress.remaining), (Some("Diamond"), Some(150.into())));
/// assert_eq!(progress.progress.to_string(), "0.25");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn rank_progress(request: &RankProgressRequest) -> Result<RankProgress> {
    progress::rank_progress(request.points, &*ladder::chosen_ladder(request.ladder.as_ref(), LadderChoice::Personal)?)
}

/// The ranking period (a UTC calendar month) that contains `request.at`, or `now_ms` (the
/// caller's clock, in epoch milliseconds) when the request names no instant.
///
/// ```
/// # use soei_rewards::*;
/// let period = ranking_period(&RankingPeriodRequest { at: Some(1_795_262_400_000) }, 0)?; // 2026-11-21T12:00Z
/// assert_eq!((period.start.as_str(), period.end.as_str()), ("2026-11-01T00:00:00.000Z", "2026-12-01T00:00:00.000Z"));
/// assert_eq!(period.elapsed.to_string(), "0.683333");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn ranking_period(request: &RankingPeriodRequest, now_ms: i64) -> Result<RankingPeriod> {
    period::ranking_period(request.at.unwrap_or(now_ms))
}

/// The reward now and, if everyone keeps their pace, at the end of the period.
///
/// ```
/// # use soei_rewards::*;
/// let request = ProjectRewardRequest {
///     stp: 450.into(),
///     pool: 1000.into(),
///     tier_totals: vec![8000.into(), 5000.into(), 3000.into(), 2500.into()],
///     at: Some(1_794_787_200_000), // 2026-11-16T00:00Z: half of November gone
///     ..Default::default()
/// };
/// let projection = project_reward(&request, 0)?;
/// assert_eq!(projection.projected_points, Decimal::from(900));
/// assert_eq!(projection.projected.rank.as_deref(), Some("Platinum"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn project_reward(request: &ProjectRewardRequest, now_ms: i64) -> Result<Projection> {
    projection::project_reward(&request.reward_request()?, request.at.unwrap_or(now_ms))
}

/// Rewards at evenly spaced what-if points, as display doubles for charts.
///
/// ```
/// # use soei_rewards::*;
/// let request = RewardCurveRequest {
///     stp: 850.into(),
///     pool: 1000.into(),
///     tier_totals: vec![8000.into(), 5000.into(), 3000.into(), 2500.into()],
///     from: 0.into(),
///     to: 1200.into(),
///     steps: 13,
///     ..Default::default()
/// };
/// let curve = reward_curve(&request)?;
/// assert_eq!((curve.points[8], curve.rewards[0]), (800.0, 0.0));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn reward_curve(request: &RewardCurveRequest) -> Result<RewardCurve> {
    curve::reward_curve(request)
}

/// Every user's STPR from the referral tree, keyed by id in the order given.
///
/// ```
/// # use soei_rewards::*;
/// let user = |id: &str, referrer: Option<&str>, stp: i64| ReferralUser { id: id.into(), referrer: referrer.map(Into::into), stp: stp.into() };
/// let request = StprRequest { users: vec![user("a", None, 1), user("b", Some("a"), 10), user("c", Some("b"), 100)], levels: None };
/// let stpr = stpr_from_referrals(&request)?;
/// assert_eq!(stpr.0[0], ("a".to_string(), Decimal::from(110)));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn stpr_from_referrals(request: &StprRequest) -> Result<StprById> {
    referral::stpr_from_referrals(request)
}

/// The same as [`stpr_from_referrals`] for users given as columns, in their order.
///
/// ```
/// # use soei_rewards::*;
/// let request = StprColumnsRequest { referrers: vec![-1, 0, 1], stp: vec![1.into(), 10.into(), 100.into()], ..Default::default() };
/// assert_eq!(stpr_columns(&request)?, [Decimal::from(110), Decimal::from(100), Decimal::ZERO]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn stpr_columns(request: &StprColumnsRequest) -> Result<Vec<Decimal>> {
    referral::stpr_columns(request)
}

/// Every user's reward from one pool, given everyone's points.
///
/// ```
/// # use soei_rewards::*;
/// let request = PopulationPayoutRequest { pool: 1000.into(), points: vec![150.into(), 150.into()], ..Default::default() };
/// let payout = population_payout(&request)?;
/// assert_eq!((payout.rewards[0], payout.undistributed), (Decimal::from(250), Decimal::from(500)));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn population_payout(request: &PopulationPayoutRequest) -> Result<PopulationPayout> {
    population::population_payout(request)
}

/// The least points (a multiple of `step`) whose reward is at least `target`, everyone else
/// unchanged: "how many STP pay me 150 USDT?".
///
/// ```
/// # use soei_rewards::*;
/// let request = PointsForRewardRequest {
///     points: 850.into(),
///     pool: 1000.into(),
///     tier_totals: vec![8000.into(), 5000.into(), 3000.into(), 2500.into()],
///     target: 150.into(),
///     ..Default::default()
/// };
/// let plan = points_for_reward(&request)?;
/// assert_eq!(plan.points.map(|points| points.to_string()).as_deref().unwrap_or_default(), "940.81");
/// assert_eq!(plan.more.map(|more| more.to_string()).as_deref().unwrap_or_default(), "90.81");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn points_for_reward(request: &PointsForRewardRequest) -> Result<PointsForReward> {
    planning::points_for_reward(request)
}

/// The user's pace this period, and the daily pace each higher tier needs; `now_ms` is used
/// when the request names no instant.
///
/// ```
/// # use soei_rewards::*;
/// let plan = pace_plan(&PacePlanRequest { points: 850.into(), at: Some(1_795_262_400_000), ladder: None }, 0)?;
/// assert_eq!(plan.goals[0].name, "Diamond");
/// assert_eq!(plan.goals[0].per_day.to_string(), "15.789474");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn pace_plan(request: &PacePlanRequest, now_ms: i64) -> Result<PacePlan> {
    planning::pace_plan(request, now_ms)
}

/// The two published ladders.
///
/// ```
/// let ladders = soei_rewards::ladders();
/// assert_eq!(ladders.personal.tiers()[3].name, "Diamond");
/// assert_eq!(ladders.ambassador.tiers()[0].need, 11_000.into());
/// ```
pub fn ladders() -> Ladders {
    Ladders { personal: Ladder::personal(), ambassador: Ladder::ambassador() }
}

/// Reads an ISO-8601 instant as epoch milliseconds, as the requests' `at` takes it:
/// `"2026-11-21"`, `"2026-11-21T10:30:00Z"`, `"2026-11-21T12:30:00.250+02:00"`. A time without
/// a zone is refused: it would name different instants on different devices.
///
/// ```
/// assert_eq!(soei_rewards::parse_instant("2026-11-21T12:00:00Z")?, 1_795_262_400_000);
/// assert_eq!(soei_rewards::parse_instant("2026-11-21T12:00:00").unwrap_err().code, soei_rewards::ErrorCode::InvalidType);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn parse_instant(text: &str) -> Result<i64> {
    calendar::parse_timestamp(text, "at")
}
