//! The public operations, one function each, from an untyped input [`Value`] to a
//! serialisable result: decoding (with field paths) here, every rule in the core modules.
//! The wasm boundary is a thin wrapper over these, and the native tests call them directly.

use serde::ser::{Serialize, SerializeMap, Serializer};

use crate::curve::{self, RewardCurve};
use crate::error::Result;
use crate::input::{array, decimal, decimal_list, integer_in, ladder, string, timestamp, Object, Value};
use crate::ladder::{self, Ladder, Ladders};
use crate::period::{self, RankingPeriod};
use crate::progress::{self, RankProgress};
use crate::projection::{self, Projection};
use crate::referral::{self, ReferralUser};
use crate::reward::{self, PointsFields, Reward, RewardRequest, AMBASSADOR_FIELDS, DEFAULT_DECIMALS, MAX_DECIMALS, PERSONAL_FIELDS};
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
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
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
            let user = Object::new(user, &format!("users[{index}]"), &["id", "referrer", "stp"])?;
            Ok(ReferralUser {
                id: user.required("id", string)?.to_owned(),
                referrer: user.optional("referrer", string)?.map(str::to_owned),
                stp: user.required("stp", decimal)?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    referral::stpr_from_referrals(&users, levels.as_deref()).map(StprById)
}

pub fn ladders() -> Ladders {
    ladder::ladders()
}
