//! Properties of the core, each over thousands of generated cases (proptest), checked
//! against an independent exact implementation where one is needed: big-integer fractions
//! from num-bigint, which shares no code with the crate's own arithmetic.
#![cfg(not(target_arch = "wasm32"))]

use num_bigint::BigInt;
use proptest::prelude::*;
use soei_rewards::number::{format_decimal, parse_decimal};
use soei_rewards::*;

const CASES: u32 = 10_000;
/// Planning cases each run a search of dozens of exact rewards.
const PLANNING_CASES: u32 = 1_000;
const MS_PER_DAY: i64 = 86_400_000;
const MAX_TIMESTAMP_MS: i64 = 8_640_000_000_000_000;

/// A personal-reward request for one user of a population.
#[derive(Debug, Clone)]
struct RewardRequest {
    points: Decimal,
    pool: Decimal,
    tier_totals: Vec<Decimal>,
    what_if: Option<Decimal>,
    ladder: Ladder,
    decimals: u32,
}

fn personal_reward(request: &RewardRequest) -> Result<Reward> {
    soei_rewards::personal_reward(&PersonalRewardRequest {
        stp: request.points,
        pool: request.pool,
        tier_totals: request.tier_totals.clone(),
        what_if_stp: request.what_if,
        ladder: Some(custom(&request.ladder)),
        decimals: Some(request.decimals),
    })
}

/// A ladder as a request names it.
fn custom(ladder: &Ladder) -> LadderChoice {
    LadderChoice::Custom(LadderSpec { name: Some(ladder.name().into()), points: Some(ladder.points()), tiers: ladder.tiers().to_vec() })
}

fn population_payout(pool: Decimal, points: &[Decimal], ladder: &Ladder, decimals: u32) -> Result<PopulationPayout> {
    soei_rewards::population_payout(&PopulationPayoutRequest { pool, points: points.to_vec(), ladder: Some(custom(ladder)), decimals: Some(decimals), exact: None })
}

fn ranking_period(at: i64) -> Result<RankingPeriod> {
    soei_rewards::ranking_period(&RankingPeriodRequest { at: Some(at) }, 0)
}

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
///
/// Points are drawn around the ladder, not from a range that dwarfs it: a third at a tier's
/// need or a cent either side (a need met exactly, missed by a cent), a third anywhere up to
/// a fifth past the top tier (every rank, and users below the first), and a third from the
/// whole range up to two million (large values against small needs).
fn population() -> impl Strategy<Value = (Ladder, Vec<Decimal>, Decimal, u32)> {
    ladder().prop_flat_map(|ladder| {
        let needs: Vec<i64> = ladder.tiers().iter().map(|tier| i64::try_from((tier.need * Decimal::ONE_HUNDRED).trunc()).unwrap()).collect();
        let top = needs.last().copied().unwrap_or(0);
        let around_needs = (proptest::sample::select(needs), -1i64..=1).prop_map(|(need, delta)| (need + delta).max(0));
        let cents = prop_oneof![around_needs, 0..=top + top / 5, 0..=200_000_000i64];
        let point = cents.prop_map(|cents| Decimal::new(cents, 2));
        (Just(ladder), proptest::collection::vec(point, 1..40), amount(10_000_000_000, 2), 0u32..=8)
    })
}

fn request_for(ladder: &Ladder, points: &[Decimal], user: usize, pool: Decimal, decimals: u32) -> RewardRequest {
    let tier_totals = population_payout(pool, points, ladder, decimals).unwrap().tier_totals;
    RewardRequest { points: points[user], pool, tier_totals, what_if: None, ladder: ladder.clone(), decimals }
}

/// The curve of a request, from `from` to `to`.
fn reward_curve(request: &RewardRequest, from: Decimal, to: Decimal, steps: u32) -> Result<RewardCurve> {
    soei_rewards::reward_curve(&RewardCurveRequest {
        stp: request.points,
        pool: request.pool,
        tier_totals: request.tier_totals.clone(),
        ladder: Some(custom(&request.ladder)),
        decimals: Some(request.decimals),
        from,
        to,
        steps,
    })
}

/// The double JavaScript's `Number(text)` gives: the standard library's correctly rounded
/// parse of the exact text (an oracle that shares no code with the crate's conversion).
fn number(value: Decimal) -> f64 {
    value.to_string().parse().unwrap()
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

/// The reward of `points` over `ladder`, from pool `pool` with tier totals `totals`, floored
/// at `decimals` places: Σ over the tiers the points reach of points·C·k_n/D_n, in num-bigint
/// fractions (the crate's arithmetic not used), as text.
fn oracle_reward(ladder: &Ladder, pool: Decimal, totals: &[Fraction], points: Decimal, decimals: u32) -> String {
    let mut exact = Fraction(BigInt::from(0), BigInt::from(1));
    for (tier, total) in ladder.tiers().iter().zip(totals) {
        if points >= tier.need && !points.is_zero() {
            exact = exact.plus(&Fraction::of(points).times(&Fraction::of(pool).times(&Fraction::of(tier.share))).over(total));
        }
    }
    exact.floor_text(decimals)
}

/// Each tier's total over a population: the sum of the points that reach its need.
fn oracle_totals(ladder: &Ladder, points: &[Decimal]) -> Vec<Fraction> {
    let zero = Fraction(BigInt::from(0), BigInt::from(1));
    ladder.tiers().iter().map(|tier| points.iter().filter(|&&p| p >= tier.need).fold(zero.clone(), |sum, &p| sum.plus(&Fraction::of(p)))).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(CASES))]

    /// The reward is floor(Σ B·C·k_n/D_n) computed with num-bigint fractions.
    #[test]
    fn rewards_equal_an_independent_rational_computation((ladder, points, pool, decimals) in population(), pick in any::<prop::sample::Index>()) {
        let user = pick.index(points.len());
        let request = request_for(&ladder, &points, user, pool, decimals);
        let reward = personal_reward(&request).unwrap();
        let totals: Vec<Fraction> = request.tier_totals.iter().map(|&total| Fraction::of(total)).collect();
        prop_assert_eq!(format_decimal(reward.reward), oracle_reward(&ladder, pool, &totals, points[user], decimals));
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
        // The oracle: the user's points out of the tiers they reach, the point into the tiers it
        // reaches, in fractions; the display value is the nearest double to that floored text
        // (Rust's own correctly rounded parse).
        let own = points[user];
        for step in 0..steps {
            let m = Decimal::from(steps - 1);
            let point = (from * (m - Decimal::from(step)) + to * Decimal::from(step)) / m;
            let totals: Vec<Fraction> = ladder
                .tiers()
                .iter()
                .zip(&request.tier_totals)
                .map(|(tier, &total)| {
                    let mut total = Fraction::of(total);
                    if own >= tier.need {
                        total = total.plus(&Fraction::of(-own));
                    }
                    if point >= tier.need {
                        total = total.plus(&Fraction::of(point));
                    }
                    total
                })
                .collect();
            let expected = oracle_reward(&ladder, pool, &totals, point, decimals).parse::<f64>().unwrap();
            prop_assert_eq!(curve.rewards[step as usize], expected, "step {} of {}", step, steps);
            prop_assert_eq!(curve.points[step as usize], number(point), "step {} of {}", step, steps);
        }
    }

    /// Every reward of a population payout is that user's exact reward, and every tier total
    /// the sum of the points that reach it: both computed here in num-bigint fractions.
    #[test]
    fn population_rewards_are_personal_rewards((ladder, points, pool, decimals) in population()) {
        let payout = population_payout(pool, &points, &ladder, decimals).unwrap();
        let totals = oracle_totals(&ladder, &points);
        for (total, expected) in payout.tier_totals.iter().zip(&totals) {
            prop_assert_eq!(format_decimal(*total), expected.floor_text(2));
        }
        for (user, reward) in payout.rewards.iter().enumerate() {
            prop_assert_eq!(format_decimal(*reward), oracle_reward(&ladder, pool, &totals, points[user], decimals), "user {}", user);
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
        let progress = rank_progress(&RankProgressRequest { points, ladder: Some(custom(&ladder)) }).unwrap();
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
        let (start, end) = (parse_instant(&period.start).unwrap(), parse_instant(&period.end).unwrap());
        prop_assert!(start <= at && at < end);
        prop_assert!(period.start.ends_with("-01T00:00:00.000Z"));
        prop_assert!((28..=31).contains(&((end - start) / MS_PER_DAY)));
        prop_assert_eq!(end - at, period.remaining_ms);
        prop_assert_eq!(ranking_period(end - 1).unwrap().start, period.start.clone());
        prop_assert_eq!(ranking_period(end).unwrap().start, period.end);
    }

    /// Decimals written out read back to themselves.
    #[test]
    fn decimals_round_trip_as_text(mantissa in any::<i64>(), scale in 0u32..=28) {
        let value = Decimal::new(mantissa, scale);
        prop_assert_eq!(parse_decimal(&format_decimal(value), "x").unwrap(), value);
    }

    /// Display doubles at any magnitude: large pools (to 1e18), every precision, large
    /// what-ifs and ladders of up to six tiers. Curve points and rewards are each the double
    /// nearest the exact value (issue 14: they were off by one unit in the last place).
    #[test]
    fn curve_display_values_are_the_nearest_doubles(ladder in ladder(), pool in 1i64..=100_000_000_000_000_000i64,
        scale in 0u32..=2, decimals in 0u32..=18, to in 0i64..=1_000_000_000_000_000, steps in 2u32..30, others in amount(1_000_000_000_000_000, 2)) {
        let pool = Decimal::new(pool, scale);
        // Everyone else is in every tier: totals above the top need, equal along the ladder.
        let total = ladder.tiers().last().unwrap().need + others;
        let request = RewardRequest { points: Decimal::ZERO, pool, tier_totals: vec![total; ladder.tiers().len()], what_if: None, ladder, decimals };
        let to = Decimal::from(to - to % i64::from(steps - 1));
        let curve = reward_curve(&request, Decimal::ZERO, to, steps);
        // Only a reward too large for its precision may fail: one whose units at `decimals`
        // places, at most pool·10^decimals, pass a Decimal's 96-bit mantissa (computed here
        // with num-bigint, not by the crate).
        let Ok(curve) = curve else {
            let error = curve.unwrap_err();
            prop_assert_eq!(error.code, ErrorCode::OutOfRange);
            let pool_units = BigInt::from(pool.mantissa()) * BigInt::from(10).pow(decimals) / BigInt::from(10).pow(pool.scale());
            prop_assert!(pool_units > (BigInt::from(1) << 96u32) - 1, "a curve that fits failed: {error:?}");
            return Ok(());
        };
        for step in 0..steps {
            let point = to / Decimal::from(steps - 1) * Decimal::from(step);
            prop_assert_eq!(curve.points[step as usize], number(point));
            // The oracle: Σ over the tiers the point reaches of point·C·k/(total + point), floored
            // (a tier's own amount may need more digits than a Decimal has; the sum is what shows).
            let reached = request.ladder.tiers().iter().filter(|tier| tier.need <= point && !point.is_zero());
            let exact = reached.fold(Fraction(BigInt::from(0), BigInt::from(1)), |sum, tier| {
                sum.plus(&Fraction::of(point).times(&Fraction::of(pool)).times(&Fraction::of(tier.share)).over(&Fraction::of(total).plus(&Fraction::of(point))))
            });
            prop_assert_eq!(curve.rewards[step as usize], exact.floor_text(decimals).parse::<f64>().unwrap(), "point {}", point);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(PLANNING_CASES))]

    /// The planned points pay the target, one step less does not; unreachable means even the
    /// ceiling is short of it, or the largest points tried do not pay it.
    #[test]
    fn planned_points_are_the_least_that_pay((ladder, points, pool, decimals) in population(), pick in any::<prop::sample::Index>(),
        fraction in 0u32..=1_000, step in prop::sample::select(vec!["0.01", "1", "0.5", "25"])) {
        let user = pick.index(points.len());
        let request = request_for(&ladder, &points, user, pool, decimals);
        let ceiling = pool * ladder.tiers().iter().map(|tier| tier.share).sum::<Decimal>();
        let target = (ceiling * Decimal::new(i64::from(fraction), 3)).round_dp(decimals);
        let step: Decimal = step.parse().unwrap();
        let plan = points_for_reward(&PointsForRewardRequest {
            points: request.points,
            pool,
            tier_totals: request.tier_totals.clone(),
            target,
            ladder: Some(custom(&ladder)),
            decimals: Some(decimals),
            step: Some(step),
        }).unwrap();
        let pays = |points: Decimal| personal_reward(&RewardRequest { what_if: Some(points), ..request.clone() }).unwrap().reward;
        match plan.points {
            Some(found) => {
                prop_assert!(pays(found) >= target, "{} pays {} < {}", found, pays(found), target);
                prop_assert_eq!(plan.reward, Some(pays(found)));
                prop_assert_eq!((found / step).fract(), Decimal::ZERO);
                if found >= step {
                    prop_assert!(pays(found - step) < target, "{} already pays {}", found - step, target);
                }
                prop_assert_eq!(plan.more, Some((found - request.points).max(Decimal::ZERO)));
            }
            None => prop_assert!(pays(Decimal::from(1_000_000_000_000i64)) < target),
        }
    }

    /// Each goal's daily rate reaches its tier by the period's end; a millionth less does not.
    #[test]
    fn goal_paces_are_the_least_that_arrive(
        points in prop_oneof![
            // Below, at and past the personal ladder's needs, in cents (every rank has goals
            // but the top one), and exactly at a need (reached: not a goal).
            (0i64..=120_000).prop_map(|cents| Decimal::new(cents, 2)),
            proptest::sample::select(vec![100i64, 500, 800, 1000]).prop_map(Decimal::from),
        ],
        at in 0i64..4_000_000_000_000,
    ) {
        let plan = pace_plan(&PacePlanRequest { points, at: Some(at), ladder: None }, 0).unwrap();
        // The goals are the published tiers above the points, written out here.
        let above: Vec<&str> = [("Silver", 100), ("Gold", 500), ("Platinum", 800), ("Diamond", 1000)]
            .into_iter()
            .filter(|&(_, need)| Decimal::from(need) > points)
            .map(|(name, _)| name)
            .collect();
        prop_assert_eq!(plan.goals.iter().map(|goal| goal.name.as_str()).collect::<Vec<_>>(), above);
        let end = parse_instant(&plan.period.end).unwrap();
        let remaining_ms = Decimal::from(end - at);
        let day = Decimal::from(MS_PER_DAY);
        for goal in &plan.goals {
            prop_assert_eq!(goal.remaining, goal.need - points);
            prop_assert!(goal.per_day * remaining_ms >= goal.remaining * day, "{:?}", goal);
            prop_assert!((goal.per_day - Decimal::new(1, 6)) * remaining_ms < goal.remaining * day, "{:?}", goal);
        }
    }
}

/// A rational as a `Decimal` if one holds it exactly (at most 28 places, a 96-bit mantissa):
/// the fewest places that make it whole, computed on num-bigint alone.
fn exact_decimal(value: &Fraction) -> Option<Decimal> {
    let limit = BigInt::from(1u128 << 96);
    (0..=28u32).find_map(|scale| {
        let scaled = &value.0 * BigInt::from(10).pow(scale);
        (&scaled % &value.1 == BigInt::from(0)).then(|| scaled / &value.1)
            .map(|mantissa| (mantissa < limit).then(|| Decimal::from_i128_with_scale(i128::try_from(mantissa).unwrap(), scale)))
    })?
}

/// floor(value, places) as an exact fraction.
fn floored(value: &Fraction, places: u32) -> Fraction {
    let unit = BigInt::from(10).pow(places);
    Fraction((&value.0 * &unit) / &value.1, unit)
}

/// A population payout computed on num-bigint fractions: the rewards and tier totals, or the
/// field a `Decimal` cannot hold (the tier totals are the points' sums; the rewards and what is
/// left of the pool, the pool's shares).
fn payout_oracle(pool: Decimal, points: &[Decimal], ladder: &Ladder, decimals: u32) -> std::result::Result<(Vec<Decimal>, Vec<Decimal>), &'static str> {
    let zero = || Fraction(BigInt::from(0), BigInt::from(1));
    let reach = |value: Decimal| ladder.tiers().iter().take_while(|tier| tier.need <= value).count();
    let totals: Vec<Fraction> = (0..ladder.tiers().len())
        .map(|tier| points.iter().filter(|&&value| reach(value) > tier).fold(zero(), |sum, &value| sum.plus(&Fraction::of(value))))
        .collect();
    let tier_totals = totals.iter().map(exact_decimal).collect::<Option<Vec<_>>>().ok_or("points")?;
    let pool_exact = Fraction::of(pool);
    let rewards = points
        .iter()
        .map(|&value| {
            let share = ladder.tiers().iter().zip(&totals).take(reach(value)).filter(|(_, total)| total.0 != BigInt::from(0))
                .fold(zero(), |sum, (tier, total)| sum.plus(&pool_exact.times(&Fraction::of(tier.share)).over(total)));
            exact_decimal(&floored(&Fraction::of(value).times(&share), decimals))
        })
        .collect::<Option<Vec<_>>>()
        .ok_or("pool")?;
    let distributed = rewards.iter().fold(zero(), |sum, &reward| sum.plus(&Fraction::of(reward)));
    exact_decimal(&distributed).ok_or("pool")?;
    Ok((rewards, tier_totals))
}

/// Any decimal a request can carry: a mantissa below 2^96 at any of the 29 scales.
fn any_decimal() -> impl Strategy<Value = Decimal> {
    (any::<u128>(), 0u32..=28, 0u32..=96).prop_map(|(bits, scale, width)| Decimal::from_i128_with_scale((bits >> (128 - width.max(1))) as i128, scale))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(CASES))]

    /// Splitting a user's points into two users who reach the same tiers keeps every tier total,
    /// so everyone else's reward is unchanged, and the two parts are paid their exact shares.
    #[test]
    fn splitting_points_within_their_tiers_pays_the_same((ladder, points, pool, decimals) in population(), pick in any::<prop::sample::Index>(),
        fraction in 0i64..=10_000, places in 0u32..=12) {
        let user = pick.index(points.len());
        let value = points[user];
        let reach = ladder.tiers().iter().take_while(|tier| tier.need <= value).count();
        let floor_need = reach.checked_sub(1).map_or(Decimal::ZERO, |tier| ladder.tiers()[tier].need);
        // a ∈ [need, value − need], so both parts reach what `value` reaches (or a = 0).
        let room = value - floor_need - floor_need;
        let part = if room.is_sign_negative() { Decimal::ZERO } else { floor_need + (room * Decimal::new(fraction, 4)).trunc_with_scale(places) };
        let mut split = points.clone();
        split[user] = value - part;
        split.push(part);
        let before = population_payout(pool, &points, &ladder, decimals).unwrap();
        let after = population_payout(pool, &split, &ladder, decimals).unwrap();
        prop_assert_eq!(&after.tier_totals, &before.tier_totals);
        for other in (0..points.len()).filter(|&other| other != user) {
            prop_assert_eq!(after.rewards[other], before.rewards[other], "user {}", other);
        }
        let (expected, totals) = payout_oracle(pool, &split, &ladder, decimals).unwrap();
        prop_assert_eq!(&after.rewards, &expected);
        prop_assert_eq!(&after.tier_totals, &totals);
        prop_assert_eq!(after.distributed + after.undistributed, pool);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    /// Up to the limits of a `Decimal`, a payout is the exact one, or is refused as out of
    /// range on the field whose value no `Decimal` holds.
    #[test]
    fn extreme_populations_pay_out_or_name_the_field_out_of_range(points in proptest::collection::vec(any_decimal(), 0..6), pool in any_decimal(), decimals in 0u32..=18) {
        let points: Vec<Decimal> = points.into_iter().map(|value| value.abs()).collect();
        let pool = pool.abs();
        match (population_payout(pool, &points, &Ladder::personal(), decimals), payout_oracle(pool, &points, &Ladder::personal(), decimals)) {
            (Ok(payout), Ok((rewards, totals))) => {
                prop_assert_eq!(payout.rewards, rewards);
                prop_assert_eq!(payout.tier_totals, totals);
                prop_assert_eq!(payout.distributed + payout.undistributed, pool);
            }
            (Err(error), Err(field)) => prop_assert_eq!((error.code, error.field.as_str()), (ErrorCode::OutOfRange, field)),
            (payout, oracle) => prop_assert!(false, "payout {:?}, oracle {:?}", payout, oracle),
        }
    }
}
