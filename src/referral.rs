//! STPR from referrals: every user earns, for each user they referred directly or
//! indirectly, that user's STP times the weight of its depth (1 at every depth by default).

use std::collections::HashMap;

use rust_decimal::Decimal;

use crate::error::{out_of_range, Error, ErrorCode, Quoted, Result};
use crate::number::exact::Exact;
use crate::number::non_negative;

/// More levels than this is surely a mistake; the weighted pass keeps one sum per level.
pub const MAX_LEVELS: usize = 64;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReferralUser {
    pub id: String,
    /// The id of the user who referred this one, if any.
    pub referrer: Option<String>,
    pub stp: Decimal,
}

/// Each user's STPR, in the order of `users`.
///
/// Runs in one bottom-up pass over the referral forest (O(n) with the default weights,
/// O(n · levels) with weights), iteratively, so a chain a million deep needs no deep stack.
/// `levels[0]` weighs direct referrals; without `levels`, every depth weighs 1, unlimited.
pub fn stpr_from_referrals(users: &[ReferralUser], levels: Option<&[Decimal]>) -> Result<Vec<(String, Decimal)>> {
    let levels = match levels {
        None => None,
        Some(levels) if levels.len() > MAX_LEVELS => {
            return Err(out_of_range("levels", format!("at most {MAX_LEVELS} levels (got {})", levels.len())));
        }
        Some(levels) => Some(
            levels
                .iter()
                .enumerate()
                .map(|(index, &weight)| non_negative(weight, &format!("levels[{index}]")).map(Exact::from_decimal))
                .collect::<Result<Vec<_>>>()?,
        ),
    };
    let stp = users
        .iter()
        .enumerate()
        .map(|(index, user)| non_negative(user.stp, &format!("users[{index}].stp")).map(Exact::from_decimal))
        .collect::<Result<Vec<_>>>()?;
    let parents = parent_indices(users)?;
    let order = bottom_up_order(users, &parents)?;

    let stpr: Vec<Exact> = match levels {
        // Unlimited depth at weight 1: STPR = the STP of the whole subtree below the user.
        None => {
            let mut subtree = stp.clone();
            for &child in &order {
                if let Some(parent) = parents[child] {
                    subtree[parent] = subtree[parent].add(&subtree[child]);
                }
            }
            subtree.iter().zip(&stp).map(|(whole, own)| whole.checked_sub(own).unwrap_or_else(|| whole.clone())).collect()
        }
        // by_depth[u][d] = the STP of the users d levels below u (d = 0 is u itself).
        Some(weights) => {
            let zero = Exact::from_integer(0);
            let mut by_depth: Vec<Vec<Exact>> = stp
                .iter()
                .map(|own| std::iter::once(own.clone()).chain(std::iter::repeat_n(zero.clone(), weights.len())).collect())
                .collect();
            for &child in &order {
                if let Some(parent) = parents[child] {
                    let moved = std::mem::take(&mut by_depth[child]);
                    for (depth, sum) in moved.iter().take(weights.len()).enumerate() {
                        by_depth[parent][depth + 1] = by_depth[parent][depth + 1].add(sum);
                    }
                    by_depth[child] = moved;
                }
            }
            by_depth
                .iter()
                .map(|sums| sums[1..].iter().zip(&weights).fold(zero.clone(), |acc, (sum, weight)| acc.add(&sum.mul(weight))))
                .collect()
        }
    };
    users
        .iter()
        .zip(stpr)
        .enumerate()
        .map(|(index, (user, value))| {
            let value = value
                .to_decimal()
                .ok_or_else(|| out_of_range(format!("users[{index}]"), format!("the STPR of {} cannot be held exactly", Quoted(&user.id))))?;
            Ok((user.id.clone(), value))
        })
        .collect()
}

/// Each user's referrer as an index, refusing duplicate ids and unknown referrers.
fn parent_indices(users: &[ReferralUser]) -> Result<Vec<Option<usize>>> {
    let mut index_of: HashMap<&str, usize> = HashMap::with_capacity(users.len());
    for (index, user) in users.iter().enumerate() {
        if index_of.insert(user.id.as_str(), index).is_some() {
            return Err(Error::new(ErrorCode::DuplicateId, format!("users[{index}].id"), format!("{} appears more than once", Quoted(&user.id))));
        }
    }
    users
        .iter()
        .enumerate()
        .map(|(index, user)| match &user.referrer {
            None => Ok(None),
            Some(referrer) => index_of.get(referrer.as_str()).map(|&parent| Some(parent)).ok_or_else(|| {
                Error::new(ErrorCode::UnknownReferrer, format!("users[{index}].referrer"), format!("{} is not the id of any user", Quoted(referrer)))
            }),
        })
        .collect()
}

/// Every user after all of the users below them (Kahn's algorithm on child counts), or the
/// first cycle found. With one referrer per user, the users never released are exactly
/// those on cycles: each has a child on its cycle that is never released either.
fn bottom_up_order(users: &[ReferralUser], parents: &[Option<usize>]) -> Result<Vec<usize>> {
    let mut children = vec![0u32; users.len()];
    for parent in parents.iter().flatten() {
        children[*parent] += 1;
    }
    let mut order: Vec<usize> = (0..users.len()).filter(|&user| children[user] == 0).collect();
    let mut next = 0;
    while let Some(&user) = order.get(next) {
        next += 1;
        if let Some(parent) = parents[user] {
            children[parent] -= 1;
            if children[parent] == 0 {
                order.push(parent);
            }
        }
    }
    if order.len() == users.len() {
        return Ok(order);
    }
    let on_cycle = (0..users.len()).find(|&user| children[user] > 0).unwrap_or_default();
    let mut path = vec![users[on_cycle].id.as_str()];
    let mut user = parents[on_cycle];
    while let Some(current) = user.filter(|&current| current != on_cycle) {
        path.push(&users[current].id);
        user = parents[current];
    }
    path.push(&users[on_cycle].id);
    Err(Error::new(
        ErrorCode::ReferralCycle,
        format!("users[{on_cycle}].referrer"),
        format!("{} is on a referral cycle: {}", Quoted(&users[on_cycle].id), path.join(" → ")),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn user(id: &str, referrer: Option<&str>, stp: &str) -> ReferralUser {
        ReferralUser { id: id.into(), referrer: referrer.map(Into::into), stp: Decimal::from_str(stp).unwrap() }
    }

    fn stpr(users: &[ReferralUser], levels: Option<&[Decimal]>) -> Vec<String> {
        stpr_from_referrals(users, levels).unwrap().into_iter().map(|(_, v)| v.to_string()).collect()
    }

    #[test]
    fn every_depth_counts_once_by_default() {
        let users = [user("a", None, "1"), user("b", Some("a"), "10"), user("c", Some("b"), "100"), user("d", Some("a"), "1000")];
        assert_eq!(stpr(&users, None), ["1110", "100", "0", "0"]);
        let weights = [Decimal::new(5, 1), Decimal::new(1, 1)];
        assert_eq!(stpr(&users, Some(&weights)), ["515", "50", "0", "0"]);
        assert_eq!(stpr(&users, Some(&[])), ["0", "0", "0", "0"]);
    }

    #[test]
    fn a_million_deep_chain_needs_no_stack() {
        let users: Vec<_> = (0..1_000_000)
            .map(|i| ReferralUser { id: i.to_string(), referrer: (i > 0).then(|| (i - 1).to_string()), stp: Decimal::ONE })
            .collect();
        let result = stpr_from_referrals(&users, None).unwrap();
        assert_eq!((result[0].1, result[999_999].1), (Decimal::from(999_999), Decimal::ZERO));
    }

    #[test]
    fn broken_trees_name_the_user() {
        let err = |users: &[ReferralUser]| {
            let err = stpr_from_referrals(users, None).unwrap_err();
            (err.code, err.field)
        };
        assert_eq!(err(&[user("a", None, "1"), user("a", None, "2")]), (ErrorCode::DuplicateId, "users[1].id".into()));
        assert_eq!(err(&[user("a", Some("z"), "1")]), (ErrorCode::UnknownReferrer, "users[0].referrer".into()));
        assert_eq!(err(&[user("a", Some("a"), "1")]), (ErrorCode::ReferralCycle, "users[0].referrer".into()));
        let cycle = [user("root", None, "1"), user("x", Some("z"), "1"), user("y", Some("x"), "1"), user("z", Some("y"), "1"), user("tail", Some("x"), "1")];
        let error = stpr_from_referrals(&cycle, None).unwrap_err();
        assert_eq!((error.code, error.field.as_str()), (ErrorCode::ReferralCycle, "users[1].referrer"));
        assert!(error.detail.contains("\"x\" is on a referral cycle: x → z → y → x"), "{}", error.detail);
    }
}
