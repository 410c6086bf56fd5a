// Deterministic benchmark data, generated identically by benches/core.rs (same generator,
// same formulas), so that the wasm, the JS baseline and native Rust work on the same inputs.
export function generator(seed) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state;
  };
}

/** STP with two decimals, 0 to 1,499.99. */
export const stpOf = (next) => (next() % 150_000) / 100;

/** A random referral forest: user i is referred by a random earlier user, 1% are roots. */
export function randomTree(count, seed) {
  const next = generator(seed);
  const referrers = new Int32Array(count);
  const stp = new Float64Array(count);
  for (let user = 0; user < count; user += 1) {
    const pick = next();
    referrers[user] = user === 0 || pick % 100 === 0 ? -1 : pick % user;
    stp[user] = stpOf(next);
  }
  return { referrers, stp };
}

/** A single referral chain: user i referred by user i - 1. */
export function chain(count, seed) {
  const next = generator(seed);
  return { referrers: Int32Array.from({ length: count }, (_, user) => user - 1), stp: Float64Array.from({ length: count }, () => stpOf(next)) };
}

/** Everyone's points for a population payout. */
export function population(count, seed) {
  const next = generator(seed);
  return Float64Array.from({ length: count }, () => stpOf(next));
}

/** A tree as stprFromReferrals takes it: one object per user, ids as strings. */
export function referralObjects(tree) {
  return {
    users: Array.from(tree.referrers, (referrer, user) => ({ id: `u${user}`, referrer: referrer < 0 ? null : `u${referrer}`, stp: String(tree.stp[user]) })),
  };
}
