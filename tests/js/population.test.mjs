// The population-scale exports (`soei-rewards/population`): STPR from columns and
// whole-population payouts, checked against the per-user functions they must agree with.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cases, population, thrown } from './helpers.mjs';

/** The users of a stprFromReferrals input as columns (referrer indices, STP). */
function asColumns(users) {
  const index = new Map(users.map((user, position) => [user.id, position]));
  return {
    referrers: Int32Array.from(users, (user) => (user.referrer == null ? -1 : index.get(user.referrer))),
    stp: users.map((user) => user.stp),
  };
}

test('stprColumns agrees with stprFromReferrals on every conformance tree', () => {
  const trees = cases.filter((testCase) => testCase.fn === 'stprFromReferrals');
  assert.ok(trees.length >= 5);
  for (const { input, expect } of trees) {
    const { exact } = population.stprColumns({ ...asColumns(input.users), levels: input.levels, exact: true });
    assert.deepEqual(exact, input.users.map((user) => expect[user.id]));
  }
});

test('a Float64Array of STP is read value by value through its shortest text', () => {
  const stp = Float64Array.of(0.1, 0.2, 1e-7, 123.45);
  const { stpr, exact } = population.stprColumns({ referrers: Int32Array.of(-1, 0, 1, 2), stp, exact: true });
  assert.deepEqual(exact, ['123.6500001', '123.4500001', '123.45', '0']);
  assert.ok(stpr instanceof Float64Array && stpr[0] === 123.6500001);
});

test('a referral chain a million deep, as columns', () => {
  const users = 1_000_000;
  const referrers = Int32Array.from({ length: users }, (_, index) => index - 1);
  const { stpr } = population.stprColumns({ referrers, stp: new Float64Array(users).fill(1) });
  assert.equal(stpr[0], users - 1);
  assert.equal(stpr[users - 1], 0);
});

test('column errors name the index', () => {
  const stp = [1, 2, 3];
  const error = (input) => {
    const { code, field } = thrown(() => population.stprColumns(input));
    return `${code} ${field}`;
  };
  assert.equal(error({ referrers: [-1, 5, 0], stp }), 'unknown_referrer referrers[1]');
  assert.equal(error({ referrers: [-1, -2, 0], stp }), 'unknown_referrer referrers[1]');
  assert.equal(error({ referrers: [2, -1, 0], stp }), 'referral_cycle referrers[0]');
  assert.equal(error({ referrers: [-1, 0], stp }), 'invalid_type referrers');
  assert.equal(error({ referrers: Int32Array.of(-1, 0, 0), stp: Float64Array.of(1, NaN, 3) }), 'invalid_number stp[1]');
  assert.equal(error({ referrers: [-1, 0.5, 0], stp }), 'invalid_type referrers[1]');
});

/** A decimal text of at most two places as hundredths (a BigInt). */
const hundredths = (text) => {
  const [whole, fraction = ''] = text.split('.');
  return BigInt(whole + fraction.padEnd(2, '0'));
};
/** `numerator / denominator` (BigInts) floored at `places`, as plain decimal text. */
function floorText(numerator, denominator, places) {
  const units = (numerator * 10n ** BigInt(places)) / denominator;
  const digits = units.toString().padStart(places + 1, '0');
  const fraction = digits.slice(-places).replace(/0+$/, '');
  return fraction ? `${digits.slice(0, -places)}.${fraction}` : digits.slice(0, -places);
}

test('every reward of populationPayout is the exact reward in that population, computed here with BigInt', () => {
  const points = ['850', '1200', '90', '600', '1000', '0', '333.33', '999.99', '100'];
  const payout = population.populationPayout({ pool: '1000', points, exact: true });
  // The personal ladder, written out: needs in hundredths, shares in percent.
  const tiers = [[10_000n, 50n], [50_000n, 25n], [80_000n, 15n], [100_000n, 10n]];
  const held = points.map(hundredths);
  const totals = tiers.map(([need]) => held.filter((p) => p >= need).reduce((sum, p) => sum + p, 0n));
  assert.deepEqual(payout.tierTotals, totals.map((total) => floorText(total, 100n, 2)));
  held.forEach((p, index) => {
    // Σ over the tiers reached of p · 1000 · share% / D, as one fraction.
    let [numerator, denominator] = [0n, 1n];
    tiers.forEach(([need, percent], tier) => {
      if (p === 0n || p < need) return;
      const [termNumerator, termDenominator] = [p * 1000n * percent, 100n * totals[tier]];
      [numerator, denominator] = [numerator * termDenominator + termNumerator * denominator, denominator * termDenominator];
    });
    const expected = floorText(numerator, denominator, 6);
    assert.equal(payout.exact[index], expected, `user ${index}`);
    assert.equal(payout.rewards[index], Number(expected));
  });
});

test('equal tier totals pay the same whatever the scale of the points (issue 19)', () => {
  // These four once threw out_of_range on `pool`: 128-bit sums saturated at ten places.
  const round = population.populationPayout({ pool: '1000', points: ['1.9e28', '1.9e28', '1001', '1000'], exact: true });
  const split = population.populationPayout({ pool: '1000', points: ['1.9e28', '1.9e28', '1000.9999999999', '1000.0000000001'], exact: true });
  assert.deepEqual(split.tierTotals, round.tierTotals);
  assert.deepEqual(split.exact.slice(0, 2), round.exact.slice(0, 2));
  assert.deepEqual([split.distributed, split.undistributed], [round.distributed, round.undistributed]);
  // The oracle, in BigInt: every tier's total is 3.8e28 + 2001 and the shares sum to 1, so a
  // user's reward is floor(points · 1000 / total) in millionths.
  const total = 38_000_000_000_000_000_000_000_002_001n;
  const expected = (points) => {
    const micro = (units(points, 10) * 1000n * 10n ** 6n) / (total * 10n ** 10n);
    const text = micro.toString().padStart(7, '0');
    return `${text.slice(0, -6)}.${text.slice(-6)}`.replace(/\.?0+$/, '');
  };
  const big = '19000000000000000000000000000';
  assert.deepEqual(round.exact, [big, big, '1001', '1000'].map(expected));
  assert.deepEqual(split.exact, [big, big, '1000.9999999999', '1000.0000000001'].map(expected));
});

/** A plain decimal string as exact integer units of 10^-scale. */
function units(text, scale) {
  const [whole, fraction = ''] = text.split('.');
  return BigInt(whole + fraction.padEnd(scale, '0'));
}

test('payouts over random populations never exceed the pool', () => {
  let seed = 7;
  const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  for (let round = 0; round < 200; round += 1) {
    const points = Float64Array.from({ length: 1 + Math.floor(random() * 60) }, () => Math.round(random() * 150_000) / 100);
    const pool = (Math.round(random() * 1e8) / 100).toString();
    const decimals = Math.floor(random() * 7);
    const payout = population.populationPayout({ pool, points, decimals, exact: true });
    const scale = 8; // beyond the pool's 2 places and the rewards' `decimals`
    const distributed = payout.exact.reduce((sum, reward) => sum + units(reward, scale), 0n);
    assert.equal(units(payout.distributed, scale), distributed);
    assert.ok(units(payout.undistributed, scale) >= 0n, `round ${round}`);
    assert.equal(units(payout.distributed, scale) + units(payout.undistributed, scale), units(pool, scale));
  }
});
