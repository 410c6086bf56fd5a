//! The native core on the operations `npm run bench` times in wasm, on the same data
//! (bench/data.mjs's generator, reproduced here), through the crate's typed functions: what a
//! Rust server pays, without any decoding. Prints one JSON line per operation:
//! `{"name": …, "ms": median}`.

use std::hint::black_box;
use std::time::Instant;

use soei_rewards::*;

/// bench/data.mjs's generator.
struct Generator(u64);

impl Generator {
    fn next(&mut self) -> u64 {
        self.0 = (self.0 * 1_103_515_245 + 12_345) % (1 << 31);
        self.0
    }

    fn stp(&mut self) -> f64 {
        (self.next() % 150_000) as f64 / 100.0
    }
}

fn random_tree(count: usize, seed: u64) -> (Vec<f64>, Vec<f64>) {
    let mut next = Generator(seed);
    let (mut referrers, mut stp) = (Vec::with_capacity(count), Vec::with_capacity(count));
    for user in 0..count {
        let pick = next.next();
        referrers.push(if user == 0 || pick % 100 == 0 { -1.0 } else { (pick % user as u64) as f64 });
        stp.push(next.stp());
    }
    (referrers, stp)
}

/// A JS number as the package reads it: through its shortest text.
fn decimal(value: f64) -> Decimal {
    number::decimal_from_f64(value, "").expect("generated values are decimals")
}

fn example() -> PersonalRewardRequest {
    PersonalRewardRequest {
        stp: 850.into(),
        pool: 1000.into(),
        tier_totals: vec![8000.into(), 5000.into(), 3000.into(), 2500.into()],
        ..Default::default()
    }
}

fn median(rounds: usize, mut run: impl FnMut()) -> f64 {
    run();
    let mut times: Vec<f64> = (0..rounds)
        .map(|_| {
            let start = Instant::now();
            run();
            start.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

fn report(name: &str, ms: f64) {
    println!("{{\"name\": \"{name}\", \"ms\": {ms}}}");
}

fn main() {
    let reward_input = example();
    report("personalReward, one call", median(7, || {
        for _ in 0..10_000 {
            black_box(personal_reward(black_box(&reward_input)).ok());
        }
    }));

    let PersonalRewardRequest { stp, pool, tier_totals, .. } = example();
    let curve = RewardCurveRequest { stp, pool, tier_totals, from: 0.into(), to: 1500.into(), steps: 2000, ..Default::default() };
    report("rewardCurve, 2,000 points", median(7, || {
        black_box(reward_curve(&curve).ok());
    }));

    let (referrers, stp) = random_tree(100_000, 11);
    let users = referrers
        .iter()
        .zip(&stp)
        .enumerate()
        .map(|(user, (&referrer, &points))| ReferralUser {
            id: format!("u{user}"),
            referrer: (referrer >= 0.0).then(|| format!("u{referrer}")),
            stp: decimal(points),
        })
        .collect();
    let objects = StprRequest { users, levels: None };
    report("stprFromReferrals, 100,000 users (objects)", median(5, || {
        black_box(stpr_from_referrals(&objects).ok());
    }));

    let columns = |referrers: Vec<f64>, stp: Vec<f64>| StprColumnsRequest {
        referrers: referrers.into_iter().map(|referrer| referrer as i64).collect(),
        stp: stp.into_iter().map(decimal).collect(),
        ..Default::default()
    };
    let (referrers, stp) = random_tree(1_000_000, 12);
    let tree = columns(referrers, stp);
    report("stprColumns, 1,000,000 users, random tree", median(3, || {
        black_box(stpr_columns(&tree).ok());
    }));

    let mut next = Generator(13);
    let chain = columns((0..1_000_000).map(|user| f64::from(user) - 1.0).collect(), (0..1_000_000).map(|_| next.stp()).collect());
    report("stprColumns, 1,000,000 users, one chain", median(3, || {
        black_box(stpr_columns(&chain).ok());
    }));

    let mut next = Generator(14);
    let payout = PopulationPayoutRequest { pool: 1_000_000.into(), points: (0..1_000_000).map(|_| decimal(next.stp())).collect(), ..Default::default() };
    report("populationPayout, 1,000,000 users", median(3, || {
        black_box(population_payout(&payout).ok());
    }));
}
