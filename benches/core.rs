//! The native core on the operations `npm run bench` times in wasm, on the same data
//! (bench/data.mjs's generator, reproduced here), through the same `api` entry points.
//! Prints one JSON line per operation: `{"name": …, "ms": median}`.

use std::hint::black_box;
use std::time::Instant;

use soei_rewards::api;
use soei_rewards::input::Value;

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

fn object(fields: Vec<(&str, Value)>) -> Value {
    Value::Object(fields.into_iter().map(|(key, value)| (key.to_string(), value)).collect())
}

fn text(value: &str) -> Value {
    Value::String(value.to_string())
}

fn example(extra: Vec<(&str, Value)>) -> Value {
    let totals = ["8000", "5000", "3000", "2500"].map(text).to_vec();
    let mut fields = vec![("stp", text("850")), ("pool", text("1000")), ("tierTotals", Value::Array(totals))];
    fields.extend(extra);
    object(fields)
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
    let reward_input = example(vec![]);
    report("personalReward, one call", median(7, || {
        for _ in 0..10_000 {
            black_box(api::personal_reward(&reward_input).ok());
        }
    }));

    let curve = example(vec![("from", Value::Number(0.0)), ("to", Value::Number(1500.0)), ("steps", Value::Number(2000.0))]);
    report("rewardCurve, 2,000 points", median(7, || {
        black_box(api::reward_curve(&curve).ok());
    }));

    let (referrers, stp) = random_tree(100_000, 11);
    let users = referrers
        .iter()
        .zip(&stp)
        .enumerate()
        .map(|(user, (&referrer, &points))| {
            let referrer = if referrer < 0.0 { Value::Null } else { Value::String(format!("u{referrer}")) };
            object(vec![("id", Value::String(format!("u{user}"))), ("referrer", referrer), ("stp", Value::String(format!("{points}")))])
        })
        .collect();
    let objects = object(vec![("users", Value::Array(users))]);
    report("stprFromReferrals, 100,000 users (objects)", median(5, || {
        black_box(api::stpr_from_referrals(&objects).ok());
    }));

    let (referrers, stp) = random_tree(1_000_000, 12);
    let tree = object(vec![("referrers", Value::Numbers(referrers)), ("stp", Value::Numbers(stp))]);
    report("stprColumns, 1,000,000 users, random tree", median(3, || {
        black_box(api::stpr_columns(&tree).ok());
    }));

    let mut next = Generator(13);
    let chain_referrers = (0..1_000_000).map(|user| f64::from(user) - 1.0).collect();
    let chain_stp = (0..1_000_000).map(|_| next.stp()).collect();
    let chain = object(vec![("referrers", Value::Numbers(chain_referrers)), ("stp", Value::Numbers(chain_stp))]);
    report("stprColumns, 1,000,000 users, one chain", median(3, || {
        black_box(api::stpr_columns(&chain).ok());
    }));

    let mut next = Generator(14);
    let points = (0..1_000_000).map(|_| next.stp()).collect();
    let payout = object(vec![("pool", text("1000000")), ("points", Value::Numbers(points))]);
    report("populationPayout, 1,000,000 users", median(3, || {
        black_box(api::population_payout(&payout).ok());
    }));
}
