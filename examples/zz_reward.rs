use soei_rewards::*;
fn main() {
    let req = PersonalRewardRequest { stp: 850.into(), pool: 1000.into(), tier_totals: vec![8000.into(), 5000.into(), 3000.into(), 2500.into()], ..Default::default() };
    for _ in 0..3 {
        let t = std::time::Instant::now();
        for _ in 0..200_000 { std::hint::black_box(personal_reward(std::hint::black_box(&req)).ok()); }
        println!("{:?} per call", t.elapsed() / 200_000);
    }
}
