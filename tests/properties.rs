//! Properties of the core, each over thousands of generated cases (proptest), checked
//! against an independent exact implementation where one is needed: big-integer fractions
//! from num-bigint, which shares no code with the crate's own arithmetic.
#![cfg(not(target_arch = "wasm32"))]

use num_bigint::BigInt;
use proptest::prelude::*;
use rust_decimal::Decimal;
use soei_rewards::curve::reward_curve;
use soei_rewards::ladder::{Ladder, PointsKind, Tier};
use soei_rewards::number::{display_f64, format_decimal, parse_decimal};
use soei_rewards::period::{format_timestamp, parse_timestamp, ranking_period, MAX_TIMESTAMP_MS, MS_PER_DAY};
use soei_rewards::population::population_payout;
use soei_rewards::progress::rank_progress;
use soei_rewards::reward::{personal_reward, RewardRequest};

const CASES: u32 = 10_000;

/// A decimal with up to `places` decimal places below `max_units / 10^places`.
fn amount(max_units: i64, places: u32) -> impl Strategy<Value = Decimal> {
    (0..=max_units, 0..=places).prop_map(|(units, scale)| Decimal::new(units, scale))
}

/// A ladder of 1–6 tiers: increasing needs, shares summing to at most 1.
fn ladder() -> impl Strategy<Value = Ladder> {
    proptest::collection::vec((1i64..500_000, 0i64..=100), 1..=6).prop_map(|tiers| {
        let mut need = 0i64;
        let mut share_left = 100i64;
        let tiers = tiers
            .into_iter()
            .enumerate()
            .map(|(index, (step, share))| {
                need += step;
                let share = share.min(share_left);
                share_left -= share;
                Tier { name: format!("T{index}"), need: Decimal::new(need, 2), share: Decimal::new(share, 2) }
            })
            .collect();
        Ladder::new("generated", PointsKind::Stp, tiers).unwrap()
    })
}

/// A population on a ladder and one user in it: the user's standing as a request.
fn population() -> impl Strategy<Value = (Ladder, Vec<Decimal>, Decimal, u32)> {
    (ladder(), proptest::collection::vec(amount(200_000_000, 2), 1..40), amount(10_000_000_000, 2), 0u32..=8)
}

fn request_for(ladder: &Ladder, points: &[Decimal], user: usize, pool: Decimal, decimals: u32) -> RewardRequest {
    let totals = population_payout(pool, points, ladder, decimals).unwrap().tier_totals;
    RewardRequest { decimals, ..RewardRequest::new(points[user], pool, totals, ladder.clone()) }
}

/// An exact rational a/b from num-bigint.
#[derive(Clone)]
struct Fraction(BigInt, BigInt);

impl Fraction {
    fn of(value: Decimal) -> Fraction {
        Fraction(BigInt::from(value.mantissa()), BigInt::from(10).pow(value.scale()))
    }
    fn times(&self, other: &Fraction) -> Fraction {
        Fraction(&self.0 * &other.0, &self.1 * &other.1)
    }
    fn over(&self, other: &Fraction) -> Fraction {
        Fraction(&self.0 * &other.1, &self.1 * &other.0)
    }
    fn plus(&self, other: &Fraction) -> Fraction {
        Fraction(&self.0 * &other.1 + &other.0 * &self.1, &self.1 * &other.1)
    }
    /// floor at `places` decimal places, as text (all values here are non-negative).
    fn floor_text(&self, places: u32) -> String {
        let units = (&self.0 * BigInt::from(10).pow(places)) / &self.1;
        let digits = format!("{:0>width$}", units.to_string(), width = places as usize + 1);
        let (whole, fraction) = digits.split_at(digits.len() - places as usize);
        let fraction = fraction.trim_end_matches('0');
        if fraction.is_empty() { whole.to_string() } else { format!("{whole}.{fraction}") }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(CASES))]

    /// The reward is floor(Σ B·C·k_n/D_n) computed with num-bigint fractions.
    #[test]
    fn rewards_equal_an_independent_rational_computation((ladder, points, pool, decimals) in population(), pick in any::<prop::sample::Index>()) {
        let user = pick.index(points.len());
        let request = request_for(&ladder, &points, user, pool, decimals);
        let reward = personal_reward(&request).unwrap();
        let b = Fraction::of(points[user]);
        let mut exact = Fraction(BigInt::from(0), BigInt::from(1));
        for (tier, total) in ladder.tiers().iter().zip(&request.tier_totals) {
            if points[user] >= tier.need && !points[user].is_zero() {
                exact = exact.plus(&b.times(&Fraction::of(pool).times(&Fraction::of(tier.share))).over(&Fraction::of(*total)));
            }
        }
        prop_assert_eq!(format_decimal(reward.reward), exact.floor_text(decimals));
    }

    /// For any population, Σ rewards ≤ pool, and what is left is less than one unit per
    /// user plus the pots of the tiers nobody reached (plus the part of the pool no tier
    /// claims, when the shares sum to less than 1).
    #[test]
    fn payouts_conserve_the_pool((ladder, points, pool, decimals) in population()) {
        let payout = population_payout(pool, &points, &ladder, decimals).unwrap();
        prop_assert!(payout.distributed <= pool);
        prop_assert_eq!(payout.distributed + payout.undistributed, pool);
        let empty_pots: Decimal = ladder.tiers().iter().zip(&payout.tier_totals).filter(|(_, total)| total.is_zero()).map(|(tier, _)| pool * tier.share).sum();
        let unclaimed = pool * (Decimal::ONE - ladder.tiers().iter().map(|tier| tier.share).sum::<Decimal>());
        let unit = Decimal::new(1, decimals);
        prop_assert!(payout.undistributed < Decimal::from(points.len()) * unit + empty_pots + unclaimed,
            "undistributed {} for {} users", payout.undistributed, points.len());
    }

    /// Every point of a curve is the exact what-if reward at that point (as a double), rising
    /// or falling, on or off payout-unit boundaries: the floating-point filter never decides
    /// a floor it cannot prove.
    #[test]
    fn curve_points_are_exact_what_if_rewards((ladder, points, pool, decimals) in population(), pick in any::<prop::sample::Index>(),
        from in 0i64..300_000, to in 0i64..300_000, steps in 2u32..40) {
        let user = pick.index(points.len());
        let request = request_for(&ladder, &points, user, pool, decimals);
        // Whole cents, so each point (from·(m−i) + to·i)/m is a decimal when m divides 100.
        let (from, to) = (Decimal::new(from * 100, 2), Decimal::new(to * 100, 2));
        let steps = [2, 3, 5, 6, 11, 21, 26, 51, 101][steps as usize % 9];
        let curve = reward_curve(&request, from, to, steps).unwrap();
        for step in 0..steps {
            let m = Decimal::from(steps - 1);
            let point = (from * (m - Decimal::from(step)) + to * Decimal::from(step)) / m;
            let what_if = personal_reward(&RewardRequest { what_if: Some(point), ..request.clone() }).unwrap();
            prop_assert_eq!(curve.rewards[step as usize], display_f64(what_if.reward), "step {} of {}", step, steps);
        }
    }

    /// Every reward of a population payout is that user's exact personal reward.
    #[test]
    fn population_rewards_are_personal_rewards((ladder, points, pool, decimals) in population()) {
        let payout = population_payout(pool, &points, &ladder, decimals).unwrap();
        for (user, reward) in payout.rewards.iter().enumerate() {
            let request = RewardRequest { decimals, ..RewardRequest::new(points[user], pool, payout.tier_totals.clone(), ladder.clone()) };
            prop_assert_eq!(*reward, personal_reward(&request).unwrap().reward, "user {}", user);
        }
    }

    /// More points never pay less, everyone else unchanged.
    #[test]
    fn more_points_never_pay_less((ladder, points, pool, decimals) in population(), pick in any::<prop::sample::Index>(), extra in amount(100_000_000, 2)) {
        let user = pick.index(points.len());
        let request = request_for(&ladder, &points, user, pool, decimals);
        let before = personal_reward(&RewardRequest { what_if: Some(points[user]), ..request.clone() }).unwrap();
        let after = personal_reward(&RewardRequest { what_if: Some(points[user] + extra), ..request }).unwrap();
        prop_assert!(after.reward >= before.reward, "{} < {}", after.reward, before.reward);
    }

    /// A what-if equal to the user's own points changes nothing.
    #[test]
    fn a_what_if_of_the_own_points_is_the_identity((ladder, points, pool, decimals) in population(), pick in any::<prop::sample::Index>()) {
        let user = pick.index(points.len());
        let request = request_for(&ladder, &points, user, pool, decimals);
        let plain = personal_reward(&request).unwrap();
        let what_if = personal_reward(&RewardRequest { what_if: Some(points[user]), ..request }).unwrap();
        prop_assert_eq!(plain, what_if);
    }

    /// The rank is the last tier whose need is met; the next is the first not met.
    #[test]
    fn rank_progress_agrees_with_the_ladder(ladder in ladder(), points in amount(400_000_000, 4)) {
        let progress = rank_progress(points, &ladder).unwrap();
        let reached = ladder.tiers().iter().filter(|tier| tier.need <= points).count();
        prop_assert_eq!(progress.rank_index, reached as i32 - 1);
        match ladder.tiers().get(reached) {
            Some(next) => {
                prop_assert_eq!(progress.next_need, Some(next.need));
                prop_assert_eq!(progress.remaining, Some(next.need - points));
                prop_assert!(progress.progress >= Decimal::ZERO && progress.progress < Decimal::ONE);
            }
            None => prop_assert_eq!(progress.progress, Decimal::ONE),
        }
    }

    /// Every instant lies in its period, which starts at a month's first midnight, lasts 28
    /// to 31 days, and is followed at once by the next; timestamps round-trip as text.
    #[test]
    fn periods_tile_the_calendar(at in -MAX_TIMESTAMP_MS..MAX_TIMESTAMP_MS - 40 * MS_PER_DAY) {
        let period = ranking_period(at).unwrap();
        let (start, end) = (parse_timestamp(&period.start, "start").unwrap(), parse_timestamp(&period.end, "end").unwrap());
        prop_assert!(start <= at && at < end);
        prop_assert!(period.start.ends_with("-01T00:00:00.000Z"));
        prop_assert!((28..=31).contains(&((end - start) / MS_PER_DAY)));
        prop_assert_eq!(end - at, period.remaining_ms);
        prop_assert_eq!(ranking_period(end - 1).unwrap().start, period.start.clone());
        prop_assert_eq!(ranking_period(end).unwrap().start, period.end);
        prop_assert_eq!(parse_timestamp(&format_timestamp(at), "at").unwrap(), at);
    }

    /// Decimals written out read back to themselves.
    #[test]
    fn decimals_round_trip_as_text(mantissa in any::<i64>(), scale in 0u32..=28) {
        let value = Decimal::new(mantissa, scale);
        prop_assert_eq!(parse_decimal(&format_decimal(value), "x").unwrap(), value);
    }
}
