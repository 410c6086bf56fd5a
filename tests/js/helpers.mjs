// Shared by the JS test files: the project's one copy of the conformance vectors, the
// subset comparison of the vectors' README, and the built package (both of its modules).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const pkgDir = join(root, 'pkg');
const require = createRequire(import.meta.url);
/** The package through its Node CommonJS entry, or with SOEI_ENTRY=import its ES module entry
 *  (a child process under `node --jitless` runs either on the JS engine: engine.test.mjs). */
export const soei = process.env.SOEI_ENTRY === 'import' ? await import(pathToFileURL(join(pkgDir, 'node', 'index.mjs')).href) : require(pkgDir);
/** `soei-rewards/population`: the contract's functions and the population-scale ones; null
 *  where WebAssembly is off, which that module needs. */
export const population = typeof WebAssembly === 'object' ? require(join(pkgDir, 'population', 'node', 'index.cjs')) : null;
export const cases = JSON.parse(readFileSync(join(root, 'tests', 'vectors', 'conformance.json'), 'utf8'));

export const example = Object.freeze({ stp: '850', pool: '1000', tierTotals: ['8000', '5000', '3000', '2500'] });

/** Where `actual` differs from `expected` (a subset: objects by the keys it lists), or null. */
export function mismatch(actual, expected, path = '') {
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual) !== Array.isArray(expected)) {
      return `${path}: got ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`;
    }
    if (Array.isArray(expected) && actual.length !== expected.length) {
      return `${path}: ${actual.length} items, expected ${expected.length}`;
    }
    for (const key of Object.keys(expected)) {
      const inner = Array.isArray(expected) ? `${path}[${key}]` : `${path}.${key}`;
      if (!Object.hasOwn(actual, key)) return `${inner}: missing`;
      const found = mismatch(actual[key], expected[key], inner);
      if (found) return found;
    }
    return null;
  }
  return Object.is(actual, expected) ? null : `${path}: got ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`;
}

/** Runs `call`, which must throw a coded Error for `field`; returns the error. */
export function thrown(call) {
  try {
    call();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
}

// An exact oracle of the reward, written apart from the package (BigInt fractions), for tests
// that would otherwise take their expected values from the package they test.
/** The published ladders: [need, share] of each tier, as the Soei documentation gives them
 *  (the ambassador shares are the package's stated assumption). */
export const LADDERS = Object.freeze({
  personal: [['100', '0.5'], ['500', '0.25'], ['800', '0.15'], ['1000', '0.1']],
  ambassador: [['11000', '0.5'], ['65000', '0.3'], ['255000', '0.2']],
});
/** A plain decimal text as a fraction [numerator, denominator] of BigInts. */
const rational = (text) => {
  const [whole, fraction = ''] = String(text).split('.');
  return [BigInt(whole + fraction), 10n ** BigInt(fraction.length)];
};
/** `numerator / denominator` (non-negative BigInts) floored at `places`, as plain text. */
export function floorText(numerator, denominator, places) {
  const units = (numerator * 10n ** BigInt(places)) / denominator;
  if (places === 0) return units.toString();
  const digits = units.toString().padStart(places + 1, '0');
  const fraction = digits.slice(-places).replace(/0+$/, '');
  return fraction ? `${digits.slice(0, -places)}.${fraction}` : digits.slice(0, -places);
}
/** The reward of `points` (what-if `whatIf`: the points moved out of the totals of the tiers
 *  they reach, the what-if moved into those it reaches) from `pool` over `ladder`, floored at
 *  `decimals`: Σ over the tiers reached of W·C·k/D. */
export function exactReward({ points, pool, tierTotals, whatIf, ladder = 'personal', decimals = 6 }) {
  const tiers = typeof ladder === 'string' ? LADDERS[ladder] : ladder;
  const reaches = ([a, b], [c, d]) => a * d >= c * b;
  const own = rational(points);
  const used = whatIf === undefined ? own : rational(whatIf);
  const [poolNumerator, poolDenominator] = rational(pool);
  let [numerator, denominator] = [0n, 1n];
  tiers.forEach(([need, share], tier) => {
    if (used[0] === 0n || !reaches(used, rational(need))) return;
    let [totalNumerator, totalDenominator] = rational(tierTotals[tier]);
    if (whatIf !== undefined) {
      // D − B (where B reaches the tier) + W, over one denominator.
      const out = reaches(own, rational(need)) ? own : [0n, 1n];
      totalNumerator = totalNumerator * out[1] * used[1] - out[0] * totalDenominator * used[1] + used[0] * totalDenominator * out[1];
      totalDenominator *= out[1] * used[1];
    }
    const [shareNumerator, shareDenominator] = rational(share);
    const termNumerator = used[0] * poolNumerator * shareNumerator * totalDenominator;
    const termDenominator = used[1] * poolDenominator * shareDenominator * totalNumerator;
    [numerator, denominator] = [numerator * termDenominator + termNumerator * denominator, denominator * termDenominator];
  });
  return floorText(numerator, denominator, decimals);
}

/** The published tiers' names, in ladder order (API.md, `ladders()`). */
export const TIER_NAMES = Object.freeze({
  personal: ['Silver', 'Gold', 'Platinum', 'Diamond'],
  ambassador: ['Campaign Representative', 'Brand Ambassador', 'Global Ambassador'],
});
/** Whether plain decimal text `a` is at least `b`, compared as exact fractions. */
const atLeast = (a, b) => {
  const [[an, ad], [bn, bd]] = [rational(a), rational(b)];
  return an * bd >= bn * ad;
};
/** The rank `points` reach on a published `ladder`, or null below its first tier. */
export const exactRank = (points, ladder = 'personal') => LADDERS[ladder].reduce((rank, [need], tier) => (atLeast(points, need) ? TIER_NAMES[ladder][tier] : rank), null);
/** `cents` hundredths as plain decimal text. */
const centsText = (cents) => floorText(cents, 100n, 2);

/** pointsForReward's answer at its default step (0.01), by search over exactReward: the least
 *  P in hundredths whose floored what-if reward is at least `target` (the reward never
 *  decreases as P grows), or null where even a huge P does not pay it. */
export function exactPointsForReward({ points, pool, tierTotals, target, ladder = 'personal' }) {
  const pays = (cents) => atLeast(exactReward({ points, pool, tierTotals, ladder, whatIf: centsText(cents) }), target);
  let high = 100n;
  while (!pays(high)) {
    high *= 2n;
    if (high > 10n ** 30n) return null;
  }
  let low = -1n; // pays(low) is false, pays(high) true
  while (high - low > 1n) {
    const middle = (low + high) / 2n;
    if (pays(middle)) high = middle;
    else low = middle;
  }
  const [own, ownDenominator] = rational(points);
  const moreCents = high * ownDenominator - own * 100n; // (P − points) in units of 1/(100·den)
  const more = moreCents > 0n ? floorText(moreCents, 100n * ownDenominator, 6) : '0';
  return { points: centsText(high), more, reward: exactReward({ points, pool, tierTotals, ladder, whatIf: centsText(high) }), rank: exactRank(centsText(high), ladder) };
}

/** pacePlan's figures for `points` at instant `at` (ISO text) on a published ladder: the
 *  UTC month around `at` from JS's own Date, the rates in BigInt (toward zero at 6 places,
 *  a goal's rate rounded up). */
export function exactPace({ points, at, ladder = 'personal' }) {
  const instant = new Date(at);
  const start = Date.UTC(instant.getUTCFullYear(), instant.getUTCMonth(), 1);
  const end = Date.UTC(instant.getUTCFullYear(), instant.getUTCMonth() + 1, 1);
  const [elapsed, remaining, day] = [BigInt(instant.getTime() - start), BigInt(end - instant.getTime()), 86_400_000n];
  const [numerator, denominator] = rational(points);
  const ceilText = (n, d) => {
    const units = (n * 10n ** 6n + d - 1n) / d;
    return floorText(units, 10n ** 6n, 6);
  };
  const projectedPoints = elapsed === 0n ? null : floorText(numerator * BigInt(end - start), denominator * elapsed, 6);
  return {
    daysLeft: floorText(remaining, day, 6),
    perDay: elapsed === 0n ? null : floorText(numerator * day, denominator * elapsed, 6),
    projectedPoints,
    projectedRank: projectedPoints === null ? null : exactRank(projectedPoints, ladder),
    goals: LADDERS[ladder].flatMap(([need], tier) => {
      if (atLeast(points, need)) return [];
      const [needNumerator, needDenominator] = rational(need);
      const [left, leftDenominator] = [needNumerator * denominator - numerator * needDenominator, needDenominator * denominator];
      return [{ name: TIER_NAMES[ladder][tier], need, remaining: floorText(left, leftDenominator, 6), perDay: ceilText(left * day, leftDenominator * remaining) }];
    }),
  };
}
