//! The public operations, one function each, from an untyped input [`Value`] to a
//! serialisable result: decoding (with field paths) here, every rule in the core modules.
//! The wasm boundary is a thin wrapper over these, and the native tests call them directly.

use alloc::{borrow::ToOwned, string::String, vec::Vec};
use serde::ser::{Serialize, SerializeMap, Serializer};

use crate::curve::{self, RewardCurve};
use crate::error::{Error, ErrorCode, Result};
use crate::input::{array, boolean, decimal, decimal_list, integer_in, integer_list, ladder, string, timestamp, Object, Value};
use crate::ladder::{self, Ladder, Ladders};
use crate::period::{self, RankingPeriod};
use crate::population::{self, PopulationPayout};
use crate::progress::{self, RankProgress};
use crate::projection::{self, Projection};
use crate::referral::{self, ReferralUser};
use crate::reward::{self, PointsFields, Reward, RewardRequest, AMBASSADOR_FIELDS, DEFAULT_DECIMALS, MAX_DECIMALS, PERSONAL_FIELDS};
use crate::text::text;
use rust_decimal::Decimal;

/// The fields every reward-shaped input has, besides the points and what-if fields.
const REWARD_FIELDS: [&str; 4] = ["pool", "tierTotals", "ladder", "decimals"];

/// Whether an input may have the what-if field (a curve's points are its what-ifs).
#[derive(PartialEq)]
enum WhatIf {
    Allowed,
    NotAllowed,
}

/// Reads a reward request, allowing `extra` fields for the caller to read from the object.
fn reward_request<'a>(
    input: &'a Value,
    fields: PointsFields,
    default_ladder: fn() -> Ladder,
    what_if: WhatIf,
    extra: &[&str],
) -> Result<(RewardRequest, Object<'a>)> {
    let what_if_field = (what_if == WhatIf::Allowed).then_some(fields.what_if);
    let allowed: Vec<&str> = [fields.points].into_iter().chain(what_if_field).chain(REWARD_FIELDS).chain(extra.iter().copied()).collect();
    let object = Object::new(input, "", &allowed)?;
    let decimals = object.optional("decimals", |value, field| integer_in(value, field, 0..=i64::from(MAX_DECIMALS)))?;
    let request = RewardRequest {
        points: object.required(fields.points, decimal)?,
        pool: object.required("pool", decimal)?,
        tier_totals: object.required("tierTotals", decimal_list)?,
        what_if: object.optional(fields.what_if, decimal)?,
        ladder: object.optional("ladder", ladder)?.unwrap_or_else(default_ladder),
        decimals: decimals.map_or(DEFAULT_DECIMALS, |decimals| decimals as u32),
    };
    Ok((request, object))
}

pub fn personal_reward(input: &Value) -> Result<Reward> {
    let (request, _) = reward_request(input, PERSONAL_FIELDS, Ladder::personal, WhatIf::Allowed, &[])?;
    reward::personal_reward(&request)
}

pub fn ambassador_reward(input: &Value) -> Result<Reward> {
    let (request, _) = reward_request(input, AMBASSADOR_FIELDS, Ladder::ambassador, WhatIf::Allowed, &[])?;
    reward::ambassador_reward(&request)
}

pub fn rank_progress(input: &Value) -> Result<RankProgress> {
    let object = Object::new(input, "", &["points", "ladder"])?;
    let ladder = object.optional("ladder", ladder)?.unwrap_or_else(Ladder::personal);
    progress::rank_progress(object.required("points", decimal)?, &ladder)
}

/// `at` defaults to `now_ms`, the caller's clock (the core has none).
pub fn ranking_period(input: &Value, now_ms: i64) -> Result<RankingPeriod> {
    if *input == Value::Null {
        return period::ranking_period(now_ms);
    }
    let object = Object::new(input, "", &["at"])?;
    period::ranking_period(object.optional("at", timestamp)?.unwrap_or(now_ms))
}

pub fn project_reward(input: &Value, now_ms: i64) -> Result<Projection> {
    let (request, object) = reward_request(input, PERSONAL_FIELDS, Ladder::personal, WhatIf::Allowed, &["at"])?;
    projection::project_reward(&request, object.optional("at", timestamp)?.unwrap_or(now_ms))
}

pub fn reward_curve(input: &Value) -> Result<RewardCurve> {
    let (request, object) = reward_request(input, PERSONAL_FIELDS, Ladder::personal, WhatIf::NotAllowed, &["from", "to", "steps"])?;
    let steps = object.required("steps", |value, field| integer_in(value, field, curve::MIN_STEPS.into()..=curve::MAX_STEPS.into()))?;
    curve::reward_curve(&request, object.required("from", decimal)?, object.required("to", decimal)?, steps as u32)
}

/// Each user's STPR, keyed by id in the order the users were given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StprById(pub Vec<(String, Decimal)>);

impl Serialize for StprById {
    fn serialize<S: Serializer>(&self, serializer: S) -> core::result::Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (id, stpr) in &self.0 {
            map.serialize_entry(id, &crate::number::format_decimal(*stpr))?;
        }
        map.end()
    }
}

pub fn stpr_from_referrals(input: &Value) -> Result<StprById> {
    let object = Object::new(input, "", &["users", "levels"])?;
    let levels = object.optional("levels", decimal_list)?;
    let users = array(object.require("users")?, "users")?
        .iter()
        .enumerate()
        .map(|(index, user)| {
            let user = Object::new(user, &text!("users[", index, "]"), &["id", "referrer", "stp"])?;
            Ok(ReferralUser {
                id: user.required("id", string)?.to_owned(),
                referrer: user.optional("referrer", string)?.map(str::to_owned),
                stp: user.required("stp", decimal)?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    referral::stpr_from_referrals(&users, levels.as_deref()).map(StprById)
}

/// A columnar result, and whether the caller also wants exact strings beside the numbers.
pub struct Columnar<T> {
    pub result: T,
    pub exact_strings: bool,
}

fn exact_flag(object: &Object) -> Result<bool> {
    Ok(object.optional("exact", boolean)?.unwrap_or(false))
}

/// STPR for users given as columns: `referrers[i]` is the index of user i's referrer, or
/// -1; `stp[i]` their STP.
pub fn stpr_columns(input: &Value) -> Result<Columnar<Vec<Decimal>>> {
    let object = Object::new(input, "", &["referrers", "stp", "levels", "exact"])?;
    let referrers = object
        .required("referrers", integer_list)?
        .into_iter()
        .enumerate()
        .map(|(index, referrer)| match referrer {
            -1 => Ok(None),
            _ => usize::try_from(referrer).map(Some).map_err(|_| {
                Error::new(ErrorCode::UnknownReferrer, text!("referrers[", index, "]"), "must be a user's index, or -1 for none")
            }),
        })
        .collect::<Result<Vec<_>>>()?;
    let stp = object.required("stp", decimal_list)?;
    let levels = object.optional("levels", decimal_list)?;
    let result = referral::stpr_by_referrer_index(&referrers, &stp, levels.as_deref())?;
    Ok(Columnar { result, exact_strings: exact_flag(&object)? })
}

/// Every user's reward from one pool, given everyone's points.
pub fn population_payout(input: &Value) -> Result<Columnar<PopulationPayout>> {
    let object = Object::new(input, "", &["pool", "points", "ladder", "decimals", "exact"])?;
    let decimals = object.optional("decimals", |value, field| integer_in(value, field, 0..=i64::from(MAX_DECIMALS)))?;
    let ladder = object.optional("ladder", ladder)?.unwrap_or_else(Ladder::personal);
    let result = population::population_payout(
        object.required("pool", decimal)?,
        &object.required("points", decimal_list)?,
        &ladder,
        decimals.map_or(DEFAULT_DECIMALS, |decimals| decimals as u32),
    )?;
    Ok(Columnar { result, exact_strings: exact_flag(&object)? })
}

pub fn ladders() -> Ladders {
    ladder::ladders()
}
