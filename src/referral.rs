//! STPR from referrals: every user earns, for each user they referred directly or
//! indirectly, that user's STP times the weight of its depth (1 at every depth by default).

use rust_decimal::Decimal;

use crate::error::{out_of_range, Error, ErrorCode, Quoted, Result};
use crate::number::exact::{decimal_from_fixed, fixed_point_units, Exact};
use crate::number::non_negative;

/// More levels than this is surely a mistake; the weighted pass keeps one sum per level.
pub const MAX_LEVELS: usize = 64;

/// One user of a referral tree.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(remote = "Self", rename_all = "camelCase", deny_unknown_fields))]
pub struct ReferralUser {
    /// The user's id, unique in the request.
    #[cfg_attr(feature = "serde", serde(deserialize_with = "crate::input::text"))]
    pub id: String,
    /// The id of the user who referred this one, if any.
    #[cfg_attr(feature = "serde", serde(default, deserialize_with = "crate::input::optional_text"))]
    pub referrer: Option<String>,
    /// The user's own STP this period.
    #[cfg_attr(feature = "serde", serde(deserialize_with = "crate::input::decimal"))]
    pub stp: Decimal,
}

/// The input of [`crate::stpr_from_referrals`]: `{ users, levels? }`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(remote = "Self", rename_all = "camelCase", deny_unknown_fields))]
pub struct StprRequest {
    /// Everyone in the tree, in any order.
    #[cfg_attr(feature = "serde", serde(deserialize_with = "crate::input::object_list"))]
    pub users: Vec<ReferralUser>,
    /// Weights per depth (`levels[0]` for direct referrals); every depth weighs 1 without it.
    #[cfg_attr(feature = "serde", serde(default, deserialize_with = "crate::input::optional_decimal_list"))]
    pub levels: Option<Vec<Decimal>>,
}

/// The input of [`crate::stpr_columns`]: users as columns, for large populations.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(remote = "Self", rename_all = "camelCase", deny_unknown_fields))]
pub struct StprColumnsRequest {
    /// `referrers[i]` is the index of user i's referrer, or -1 for none.
    #[cfg_attr(feature = "serde", serde(deserialize_with = "crate::input::whole_list"))]
    pub referrers: Vec<i64>,
    /// Each user's STP.
    #[cfg_attr(feature = "serde", serde(deserialize_with = "crate::input::decimal_list"))]
    pub stp: Vec<Decimal>,
    /// Weights per depth, as for [`StprRequest::levels`].
    #[cfg_attr(feature = "serde", serde(default, deserialize_with = "crate::input::optional_decimal_list"))]
    pub levels: Option<Vec<Decimal>>,
    /// Whether the caller also wants the exact values as text (a presentation choice that
    /// the operation itself ignores).
    #[cfg_attr(feature = "serde", serde(default, deserialize_with = "crate::input::optional_flag"))]
    pub exact: Option<bool>,
}

#[cfg(feature = "serde")]
crate::input::strict_struct!(ReferralUser, StprRequest, StprColumnsRequest);

/// Each user's STPR, keyed by id, in the order the users were given.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct StprById(pub Vec<(String, Decimal)>);

/// A map of id to STPR text, written as the newtype struct `StprById` (every format writes
/// the map itself; a format tracer learns the result's name).
#[cfg(feature = "serde")]
impl serde::Serialize for StprById {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> core::result::Result<S::Ok, S::Error> {
        serializer.serialize_newtype_struct("StprById", &Entries(&self.0))
    }
}

#[cfg(feature = "serde")]
struct Entries<'a>(&'a [(String, Decimal)]);

#[cfg(feature = "serde")]
impl serde::Serialize for Entries<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> core::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (id, stpr) in self.0 {
            map.serialize_entry(id, &crate::number::text::Text(stpr))?;
        }
        map.end()
    }
}

/// How errors name users and their fields: by id in the object form, by index in columns.
pub(crate) trait Naming {
    fn user(&self, index: usize) -> String;
    fn stp_field(&self, index: usize) -> String;
    fn referrer_field(&self, index: usize) -> String;
}

struct ById<'a>(&'a [ReferralUser]);

impl Naming for ById<'_> {
    fn user(&self, index: usize) -> String {
        format!("{}", Quoted(self.0.get(index).map_or("", |user| user.id.as_str())))
    }
    fn stp_field(&self, index: usize) -> String {
        format!("users[{}].stp", index)
    }
    fn referrer_field(&self, index: usize) -> String {
        format!("users[{}].referrer", index)
    }
}

struct ByIndex;

impl Naming for ByIndex {
    fn user(&self, index: usize) -> String {
        format!("user {}", index)
    }
    fn stp_field(&self, index: usize) -> String {
        format!("stp[{}]", index)
    }
    fn referrer_field(&self, index: usize) -> String {
        format!("referrers[{}]", index)
    }
}

/// Each user's STPR, in the order of `users`. `levels[0]` weighs direct referrals; without
/// `levels`, every depth weighs 1, without limit.
pub(crate) fn stpr_from_referrals(request: &StprRequest) -> Result<StprById> {
    let users = &request.users;
    let parents = parent_indices(users)?;
    let stp: Vec<Decimal> = users.iter().map(|user| user.stp).collect();
    let stpr = stpr(&parents, &stp, request.levels.as_deref(), &ById(users))?;
    Ok(StprById(users.iter().map(|user| user.id.clone()).zip(stpr).collect()))
}

/// The same for users given as columns, `-1` standing for "no referrer".
pub(crate) fn stpr_columns(request: &StprColumnsRequest) -> Result<Vec<Decimal>> {
    let referrers = request
        .referrers
        .iter()
        .enumerate()
        .map(|(index, &referrer)| match referrer {
            -1 => Ok(None),
            _ => usize::try_from(referrer).map(Some).map_err(|_| {
                Error::new(ErrorCode::UnknownReferrer, format!("referrers[{index}]"), "must be a user's index, or -1 for none")
            }),
        })
        .collect::<Result<Vec<_>>>()?;
    stpr_by_referrer_index(&referrers, &request.stp, request.levels.as_deref())
}

/// The same for users given as columns: `referrers[i]` is the index of user i's referrer.
pub(crate) fn stpr_by_referrer_index(referrers: &[Option<usize>], stp: &[Decimal], levels: Option<&[Decimal]>) -> Result<Vec<Decimal>> {
    if referrers.len() != stp.len() {
        let detail = format!("must have one entry per user, as stp does ({} entries, not {})", stp.len(), referrers.len());
        return Err(Error::new(ErrorCode::InvalidType, "referrers", detail));
    }
    if let Some(index) = referrers.iter().position(|referrer| referrer.is_some_and(|parent| parent >= stp.len())) {
        let detail = format!("is not the index of a user (there are {})", stp.len());
        return Err(Error::new(ErrorCode::UnknownReferrer, ByIndex.referrer_field(index), detail));
    }
    stpr(referrers, stp, levels, &ByIndex)
}

/// The shared pass: one bottom-up sweep of the referral forest (O(n) with the default
/// weights, O(n · levels) with weights), iterative so that a chain a million deep needs no
/// deep stack.
fn stpr(parents: &[Option<usize>], stp: &[Decimal], levels: Option<&[Decimal]>, naming: &dyn Naming) -> Result<Vec<Decimal>> {
    let weights = match levels {
        Some(levels) if levels.len() > MAX_LEVELS => {
            return Err(out_of_range("levels", format!("at most {} levels (got {})", MAX_LEVELS, levels.len())));
        }
        Some(levels) => Some(
            levels.iter().enumerate().map(|(index, &weight)| non_negative(weight, &format!("levels[{}]", index))).collect::<Result<Vec<_>>>()?,
        ),
        None => None,
    };
    // Checked in place: a million users' STP need no copy.
    for (index, &value) in stp.iter().enumerate() {
        non_negative(value, "").map_err(|error| error.at(naming.stp_field(index)))?;
    }
    let order = bottom_up_order(parents, naming)?;
    let depths = match &weights {
        None => Depths::Unlimited,
        Some(weights) => Depths::Levels(weights.len()),
    };
    let cannot_hold = |index: usize| out_of_range(naming.stp_field(index), format!("the STPR of {} cannot be held exactly", naming.user(index)));
    // Most inputs share a small scale (STP has two decimals), so the sums run on u128 at
    // that scale; only if one overflows is the pass redone on unbounded integers.
    let fixed = fixed_point_units(stp).and_then(|(units, scale)| Some((depth_sums(&order, parents, &units, depths)?, scale)));
    if let (Some((sums, scale)), Depths::Unlimited) = (&fixed, depths) {
        return sums.iter().enumerate().map(|(index, &sum)| decimal_from_fixed(sum, *scale).ok_or_else(|| cannot_hold(index))).collect();
    }
    let sums: Vec<Exact> = match fixed {
        Some((sums, scale)) => sums.into_iter().map(|sum| Exact::from_units(sum, scale)).collect(),
        None => {
            let exact: Vec<Exact> = stp.iter().map(|&value| Exact::from_decimal(value)).collect();
            // Exact sums never overflow, so this error cannot happen; it keeps the code panic-free.
            depth_sums(&order, parents, &exact, depths).ok_or_else(|| out_of_range("stp", "the sums cannot be held"))?
        }
    };
    let weights: Vec<Exact> = weights.iter().flatten().map(|&weight| Exact::from_decimal(weight)).collect();
    let per_user = depths.sums_per_user();
    (0..stp.len())
        .map(|index| {
            // `sums` holds `per_user` sums for each user (depth_sums), so the slice is there.
            let start = index.checked_mul(per_user);
            let by_depth = start.and_then(|start| sums.get(start..start.checked_add(per_user)?)).unwrap_or_default();
            let total = match depths {
                Depths::Unlimited => by_depth.first().cloned().unwrap_or(Exact::ZERO),
                Depths::Levels(_) => by_depth.iter().zip(&weights).fold(Exact::ZERO, |acc, (sum, weight)| acc.add(&sum.mul(weight))),
            };
            total.to_decimal().ok_or_else(|| cannot_hold(index))
        })
        .collect()
}

/// A sum that may refuse to grow (fixed-point) or never does (exact).
trait Amount: Clone {
    fn zero() -> Self;
    fn plus(&self, other: &Self) -> Option<Self>;
}

impl Amount for u128 {
    fn zero() -> Self {
        0
    }
    fn plus(&self, other: &Self) -> Option<Self> {
        self.checked_add(*other)
    }
}

impl Amount for Exact {
    fn zero() -> Self {
        Exact::ZERO
    }
    fn plus(&self, other: &Self) -> Option<Self> {
        Some(self.add(other))
    }
}

/// Which sums of the STP below each user the pass keeps.
#[derive(Clone, Copy)]
enum Depths {
    /// One sum: every level below, at weight 1.
    Unlimited,
    /// One sum per level, 1 to n levels below, for the weights to apply.
    Levels(usize),
}

impl Depths {
    fn sums_per_user(self) -> usize {
        match self {
            Depths::Unlimited => 1,
            Depths::Levels(levels) => levels,
        }
    }
}

/// The STP below each user, `depths.sums_per_user()` sums per user, flattened; `None` if a
/// fixed-point sum overflowed. (Every index is a user's position, checked against the number
/// of users when the referrers were read, so the lookups below always find their slot; a miss
/// would be `None` too, never a panic.)
fn depth_sums<A: Amount>(order: &[usize], parents: &[Option<usize>], own: &[A], depths: Depths) -> Option<Vec<A>> {
    let per_user = depths.sums_per_user();
    let mut sums = vec![A::zero(); own.len().checked_mul(per_user)?];
    /// Adds `amount` to the sum at `slot`.
    fn add<A: Amount>(sums: &mut [A], slot: usize, amount: &A) -> Option<()> {
        let sum = sums.get_mut(slot)?;
        *sum = sum.plus(amount)?;
        Some(())
    }
    for &child in order {
        let Some(parent) = parents.get(child).copied().flatten() else { continue };
        match depths {
            Depths::Unlimited => {
                // Everything below the child, and the child itself, is below the parent.
                let below = sums.get(child)?.plus(own.get(child)?)?;
                add(&mut sums, parent, &below)?;
            }
            Depths::Levels(0) => {}
            Depths::Levels(levels) => {
                // The child is one level below the parent; what is d levels below the child
                // is d + 1 below the parent.
                let (parent_sums, child_sums) = (parent.checked_mul(levels)?, child.checked_mul(levels)?);
                add(&mut sums, parent_sums, own.get(child)?)?;
                for depth in 1..levels {
                    let moved = sums.get(child_sums.checked_add(depth)?.checked_sub(1)?)?.clone();
                    add(&mut sums, parent_sums.checked_add(depth)?, &moved)?;
                }
            }
        }
    }
    Some(sums)
}

/// Each user's referrer as an index, refusing duplicate ids and unknown referrers.
///
/// The ids are looked up in a sorted index rather than a hash table: the ids are the
/// caller's, and with a fixed public hash an adversary can make every id collide, turning
/// the lookups quadratic. Sorting costs O(n log n) comparisons whatever the ids are.
fn parent_indices(users: &[ReferralUser]) -> Result<Vec<Option<usize>>> {
    let id = |user: usize| users.get(user).map_or("", |entry| entry.id.as_str());
    // Each id's prefix with its user, ordered as the ids' bytes, then by position: equal ids
    // are neighbours, the earlier first, so the later of two twins is the duplicate.
    let mut by_id: Vec<(u64, usize)> = users.iter().enumerate().map(|(user, entry)| (id_prefix(&entry.id), user)).collect();
    by_id.sort_unstable_by(|&(prefix_a, a), &(prefix_b, b)| prefix_a.cmp(&prefix_b).then_with(|| id(a).cmp(id(b))).then(a.cmp(&b)));
    let first_duplicate = by_id
        .windows(2)
        .filter_map(|pair| match pair {
            [(prefix_a, a), (prefix_b, b)] if prefix_a == prefix_b && id(*a) == id(*b) => Some(*b),
            _ => None,
        })
        .min();
    if let Some(position) = first_duplicate {
        return Err(Error::new(ErrorCode::DuplicateId, format!("users[{position}].id"), format!("{} appears more than once", Quoted(id(position)))));
    }
    let find = |wanted: &str| {
        let prefix = id_prefix(wanted);
        by_id.binary_search_by(|&(other, user)| other.cmp(&prefix).then_with(|| id(user).cmp(wanted))).ok().and_then(|slot| by_id.get(slot)).map(|&(_, user)| user)
    };
    users
        .iter()
        .enumerate()
        .map(|(position, user)| match &user.referrer {
            None => Ok(None),
            Some(referrer) => find(referrer).map(Some).ok_or_else(|| {
                Error::new(ErrorCode::UnknownReferrer, format!("users[{position}].referrer"), format!("{} is not the id of any user", Quoted(referrer)))
            }),
        })
        .collect()
}

/// An id's first eight bytes as a big-endian number, zero-padded. Ids compare as their
/// bytes do, and two ids whose prefixes differ compare as their prefixes (the first
/// difference is within them, or the shorter id is a prefix of the other and pads with
/// zeros, below any byte it lacks): most comparisons take one integer comparison instead
/// of a `memcmp` call, a function call per comparison in wasm.
fn id_prefix(id: &str) -> u64 {
    let mut bytes = [0u8; 8];
    for (slot, byte) in bytes.iter_mut().zip(id.as_bytes()) {
        *slot = *byte;
    }
    u64::from_be_bytes(bytes)
}

/// Every user after all of the users below them (Kahn's algorithm on child counts), or the
/// first cycle found. With one referrer per user, the users never released are exactly
/// those on cycles: each has a child on its cycle that is never released either.
fn bottom_up_order(parents: &[Option<usize>], naming: &dyn Naming) -> Result<Vec<usize>> {
    // Each parent is a user's position (parent_indices), and a count is at most the number of
    // users (far below 2^32 in any memory), so the counts below neither miss their slot nor
    // saturate; `get` keeps it so. (u32, not usize: half the memory traffic on a million users.)
    let mut children = vec![0u32; parents.len()];
    for parent in parents.iter().flatten() {
        if let Some(count) = children.get_mut(*parent) {
            *count = count.saturating_add(1);
        }
    }
    // Every user is pushed once (all of them unless there is a cycle): one allocation.
    let mut order: Vec<usize> = Vec::with_capacity(parents.len());
    order.extend(children.iter().enumerate().filter(|&(_, &count)| count == 0).map(|(user, _)| user));
    let mut next = 0usize;
    while let Some(&user) = order.get(next) {
        next = next.saturating_add(1);
        if let Some((parent, count)) = parents.get(user).copied().flatten().and_then(|parent| Some((parent, children.get_mut(parent)?))) {
            *count = count.saturating_sub(1);
            if *count == 0 {
                order.push(parent);
            }
        }
    }
    if order.len() == parents.len() {
        return Ok(order);
    }
    let on_cycle = children.iter().position(|&count| count > 0).unwrap_or_default();
    // Name the cycle by its first few users: a cycle can be a million long.
    const SHOWN: usize = 8;
    let mut path = naming.user(on_cycle);
    let mut length = 1usize;
    let mut user = parents.get(on_cycle).copied().flatten();
    while let Some(current) = user.filter(|&current| current != on_cycle) {
        if length < SHOWN {
            path.push_str(" → ");
            path.push_str(&naming.user(current));
        }
        length = length.saturating_add(1);
        user = parents.get(current).copied().flatten();
    }
    if length > SHOWN {
        path.push_str(&format!(" → … ({} users)", length));
    }
    path.push_str(" → ");
    path.push_str(&naming.user(on_cycle));
    Err(Error::new(
        ErrorCode::ReferralCycle,
        naming.referrer_field(on_cycle),
        format!("{} is on a referral cycle: {}", naming.user(on_cycle), path),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    proptest::proptest! {
        /// Ordering by prefix first is ordering by the ids' bytes (the oracle: `str::cmp`),
        /// for ids sharing long prefixes, holding NUL bytes, or beyond ASCII.
        #[test]
        fn prefixes_order_ids_as_their_bytes(a in "[ab\\x00é]{0,10}", b in "[ab\\x00é]{0,10}") {
            let by_prefix = id_prefix(&a).cmp(&id_prefix(&b)).then_with(|| a.cmp(&b));
            proptest::prop_assert_eq!(by_prefix, a.cmp(&b));
        }
    }

    fn user(id: &str, referrer: Option<&str>, stp: &str) -> ReferralUser {
        ReferralUser { id: id.into(), referrer: referrer.map(Into::into), stp: Decimal::from_str(stp).unwrap() }
    }

    fn stpr_from_referrals(users: &[ReferralUser], levels: Option<&[Decimal]>) -> Result<Vec<(String, Decimal)>> {
        super::stpr_from_referrals(&StprRequest { users: users.to_vec(), levels: levels.map(<[Decimal]>::to_vec) }).map(|by_id| by_id.0)
    }

    /// The STPR as the package writes them.
    fn stpr(users: &[ReferralUser], levels: Option<&[Decimal]>) -> Vec<String> {
        stpr_from_referrals(users, levels).unwrap().into_iter().map(|(_, value)| crate::number::format_decimal(value)).collect()
    }

    #[test]
    fn every_depth_counts_once_by_default() {
        let users = [user("a", None, "1"), user("b", Some("a"), "10"), user("c", Some("b"), "100"), user("d", Some("a"), "1000")];
        assert_eq!(stpr(&users, None), ["1110", "100", "0", "0"]);
        let weights = [Decimal::new(5, 1), Decimal::new(1, 1)];
        assert_eq!(stpr(&users, Some(&weights)), ["515", "50", "0", "0"]);
        assert_eq!(stpr(&users, Some(&[Decimal::ONE])), ["1010", "100", "0", "0"], "one level: direct referrals only");
        assert_eq!(stpr(&users, Some(&[])), ["0", "0", "0", "0"]);
    }

    #[test]
    fn mixed_scales_and_overflowing_fixed_point_stay_exact() {
        let tiny = "0.0000000000000000000000000001";
        let huge = "79228162514264337593543950335";
        // At scale 28 the huge value needs 10^28 · 2^96 units: no u128 holds it, so the pass
        // runs on unbounded integers, and the sum is still exact.
        let users = [user("a", None, "0"), user("b", Some("a"), huge), user("c", Some("a"), tiny)];
        let err = stpr_from_referrals(&users, None).unwrap_err();
        assert_eq!((err.code, err.field.as_str()), (ErrorCode::OutOfRange, "users[0].stp"), "huge + tiny has 57 digits");
        let users = [user("a", None, "0"), user("b", Some("a"), "0.5"), user("c", Some("a"), "0.25"), user("d", Some("c"), "1e20")];
        assert_eq!(stpr(&users, None), ["100000000000000000000.75", "0", "100000000000000000000", "0"]);
    }

    #[test]
    fn a_long_cycle_is_named_by_its_first_users() {
        let parents: Vec<Option<usize>> = (0..1_000_000usize).map(|i| Some((i + 1) % 1_000_000)).collect();
        let error = stpr_by_referrer_index(&parents, &vec![Decimal::ONE; 1_000_000], None).unwrap_err();
        assert_eq!(error.code, ErrorCode::ReferralCycle);
        assert!(error.detail.ends_with("user 7 → … (1000000 users) → user 0"), "{}", error.detail);
        assert!(error.detail.len() < 200);
    }

    #[test]
    fn the_id_index_finds_every_user_among_many() {
        let users: Vec<ReferralUser> = (0..5_000).map(|i| user(&format!("id-{i}"), (i > 0).then(|| format!("id-{}", i / 2)).as_deref(), "1")).collect();
        let parents = parent_indices(&users).unwrap();
        assert!(parents.iter().enumerate().skip(1).all(|(i, parent)| *parent == Some(i / 2)));
        let mut with_twin = users.clone();
        with_twin.push(user("id-4321", None, "1"));
        assert_eq!(parent_indices(&with_twin).unwrap_err().field, "users[5000].id");
        assert_eq!(parent_indices(&[user("", None, "1"), user("x", Some(""), "1")]).unwrap(), [None, Some(0)]);
    }

    /// FNV-1a (the hash this lookup once used) modulo 2^bits: every id below collides there,
    /// built from blocks that map one state to the same next state, so a table of 2^bits
    /// slots would probe linearly through all of them.
    #[test]
    fn ids_that_collide_in_a_fixed_hash_are_found_all_the_same() {
        const BITS: u32 = 16;
        let mask = (1u64 << BITS) - 1;
        let step = |state: u64, bytes: &[u8]| bytes.iter().fold(state, |hash, &byte| (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3) & mask);
        // From each state, two different 2-byte blocks that lead to the same state.
        let mut state = 0xcbf2_9ce4_8422_2325 & mask;
        let mut blocks = Vec::new();
        for _ in 0..12 {
            let mut seen = std::collections::HashMap::new();
            let pair = (0u16..=u16::MAX).find_map(|block| {
                let bytes = block.to_be_bytes();
                seen.insert(step(state, &bytes), bytes).filter(|earlier| *earlier != bytes).map(|earlier| (earlier, bytes))
            });
            let (a, b) = pair.unwrap();
            state = step(state, &a);
            blocks.push((a, b));
        }
        // 2^12 ids, all with the same hash modulo 2^16.
        let ids: Vec<String> = (0..1u32 << 12)
            .map(|choice| blocks.iter().enumerate().flat_map(|(bit, (a, b))| if choice >> bit & 1 == 0 { *a } else { *b }).map(|byte| format!("{byte:02x}")).collect())
            .collect();
        let users: Vec<ReferralUser> = ids.iter().enumerate().map(|(i, id)| user(id, (i > 0).then(|| ids[i - 1].as_str()), "1")).collect();
        let parents = parent_indices(&users).unwrap();
        assert!(parents.iter().enumerate().all(|(i, parent)| *parent == i.checked_sub(1)));
    }

    #[test]
    fn columns_refer_by_index() {
        let stp = [Decimal::ONE, Decimal::TEN, Decimal::ONE_HUNDRED];
        let result = stpr_by_referrer_index(&[None, Some(0), Some(1)], &stp, None).unwrap();
        assert_eq!(result, [Decimal::from(110), Decimal::from(100), Decimal::ZERO]);
        let err = stpr_by_referrer_index(&[None, Some(7), None], &stp, None).unwrap_err();
        assert_eq!((err.code, err.field.as_str()), (ErrorCode::UnknownReferrer, "referrers[1]"));
        let err = stpr_by_referrer_index(&[Some(1), Some(0), None], &stp, None).unwrap_err();
        assert_eq!((err.code, err.field.as_str()), (ErrorCode::ReferralCycle, "referrers[0]"));
        assert!(err.detail.contains("user 0 → user 1 → user 0"), "{}", err.detail);
        let err = stpr_by_referrer_index(&[None], &stp, None).unwrap_err();
        assert_eq!((err.code, err.field.as_str()), (ErrorCode::InvalidType, "referrers"));
        // Users that nobody referred and who referred nobody: one STPR of zero each.
        assert_eq!(stpr_by_referrer_index(&[None, None, None], &stp, None).unwrap(), [Decimal::ZERO; 3]);
        assert_eq!(stpr_by_referrer_index(&[None, None], &stp[..2], Some(&[Decimal::ONE])).unwrap(), [Decimal::ZERO; 2]);
        let err = stpr_by_referrer_index(&[None, Some(0), Some(1)], &[Decimal::ONE, Decimal::ONE, Decimal::NEGATIVE_ONE], None).unwrap_err();
        assert_eq!((err.code, err.field.as_str()), (ErrorCode::Negative, "stp[2]"));
    }

    /// A cycle is named by its first eight users; a longer one also by its length.
    #[test]
    fn a_cycle_of_eight_is_named_whole_and_a_longer_one_by_its_length() {
        let ring = |length: usize| (0..length).map(|user| Some((user + 1) % length)).collect::<Vec<_>>();
        let detail = |length: usize| stpr_by_referrer_index(&ring(length), &vec![Decimal::ONE; length], None).unwrap_err().detail;
        assert_eq!(detail(8), "user 0 is on a referral cycle: user 0 → user 1 → user 2 → user 3 → user 4 → user 5 → user 6 → user 7 → user 0");
        assert_eq!(detail(9), "user 0 is on a referral cycle: user 0 → user 1 → user 2 → user 3 → user 4 → user 5 → user 6 → user 7 → … (9 users) → user 0");
    }

    #[test]
    fn at_most_max_levels_weights() {
        let stp = [Decimal::ONE, Decimal::TEN];
        let levels = vec![Decimal::ONE; MAX_LEVELS];
        assert_eq!(stpr_by_referrer_index(&[None, Some(0)], &stp, Some(&levels)).unwrap(), [Decimal::TEN, Decimal::ZERO]);
        let too_many = vec![Decimal::ONE; MAX_LEVELS + 1];
        let error = stpr_by_referrer_index(&[None, Some(0)], &stp, Some(&too_many)).unwrap_err();
        assert_eq!((error.code, error.field.as_str()), (ErrorCode::OutOfRange, "levels"));
    }

    #[test]
    fn a_million_deep_chain_needs_no_stack() {
        let parents: Vec<Option<usize>> = (0..1_000_000usize).map(|i| i.checked_sub(1)).collect();
        let stp = vec![Decimal::ONE; 1_000_000];
        let result = stpr_by_referrer_index(&parents, &stp, None).unwrap();
        assert_eq!((result[0], result[999_999]), (Decimal::from(999_999), Decimal::ZERO));
        let weighted = stpr_by_referrer_index(&parents, &stp, Some(&[Decimal::ONE, Decimal::TWO])).unwrap();
        assert_eq!((weighted[0], weighted[999_998], weighted[999_999]), (Decimal::from(3), Decimal::ONE, Decimal::ZERO));
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
        assert!(error.detail.contains("\"x\" is on a referral cycle: \"x\" → \"z\" → \"y\" → \"x\""), "{}", error.detail);
    }
}
