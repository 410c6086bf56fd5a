// Inputs for the boundary's fuzz tests, from a seeded generator (so that two processes can
// make the same ones): mutations of valid inputs and wholly random values of every JS kind.
// tests/js/fuzz.test.mjs feeds them to both modules; tests/js/engine.test.mjs to both engines.
import { example } from './helpers.mjs';

let seed = 20261121;
export const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);

/** Starts the sequence again from `start`: the same inputs in every process that asks. */
export function reseed(start) {
  seed = start;
}

export const pick = (items) => items[Math.floor(random() * items.length)];

const FIELDS = ['stp', 'stpr', 'pool', 'tierTotals', 'whatIfStp', 'whatIfStpr', 'ladder', 'decimals', 'points', 'at', 'from',
  'to', 'steps', 'users', 'levels', 'referrers', 'exact', 'id', 'referrer', 'tiers', 'name', 'need', 'share', 'target', 'step', '__proto__', 'constructor', 'toString', ''];
const NUMBERS = [0, -0, 1, -1, 0.1, 0.1 + 0.2, 850, 1e21, 1e300, -1e300, 5e-324, 2 ** 53, 2 ** 53 + 2, NaN, Infinity, -Infinity, 1.5, 1e-7, 79228162514264337593543950335];
const STRINGS = ['', '850', '0.02', '1.5e3', '1,000', 'abc', '-5', '1e99999999', '1e-99999', '0x10', ' 1', '١٢٣', '∞', '2026-11-21', '2026-11-21T10:00Z',
  '2026-13-01', '+275760-09-13T00:00:00.000Z', 'personal', 'ambassador', 'STP', '__proto__', '\u0000', '\ud800', '9'.repeat(400), 'x'.repeat(100_000)];

/** A random JS value of any kind, at most `depth` levels of containers deep. */
function anything(depth = 3) {
  switch (Math.floor(random() * (depth > 0 ? 16 : 10))) {
    case 0: return pick(NUMBERS);
    case 1: return pick(STRINGS);
    case 2: return (random() - 0.5) * 10 ** Math.floor(random() * 40 - 20);
    case 3: return pick([true, false, null, undefined]);
    case 4: return pick([10n, -(2n ** 80n), Symbol('s'), () => 1, new Date(NaN), new Date(0), new Map([[1, 2]]), new Set()]);
    case 5: return pick([Float64Array.of(1, NaN, -2), Int32Array.of(-1, 0, 7), new Uint8Array(3), new BigInt64Array(2), new ArrayBuffer(8), new DataView(new ArrayBuffer(4))]);
    case 6: return String(Math.floor(random() * 1e6) / 100);
    case 7: return Math.floor(random() * 2000) - 1;
    case 8: return pick(['0', '100', '1000', '11000', '255000', '1e28']);
    case 9: return Object.create(null);
    case 10: case 11: return Array.from({ length: Math.floor(random() * 6) }, () => anything(depth - 1));
    case 12: return nested(Math.floor(random() * 5000));
    default: return objectOf(depth - 1);
  }
}

function objectOf(depth) {
  const object = {};
  for (let count = Math.floor(random() * 6); count > 0; count -= 1) {
    // defineProperty makes "__proto__" an own key, as JSON.parse would
    Object.defineProperty(object, pick(FIELDS), { value: anything(depth), enumerable: true, configurable: true, writable: true });
  }
  return object;
}

function nested(levels) {
  let value = [];
  for (let level = 0; level < levels; level += 1) value = random() < 0.5 ? [value] : { stp: value };
  return value;
}

const VALID = {
  personalReward: () => ({ ...example, whatIfStp: '1000', decimals: 6 }),
  ambassadorReward: () => ({ stpr: '70000', pool: '5000', tierTotals: ['1200000', '450000', '300000'] }),
  rankProgress: () => ({ points: '850', ladder: 'personal' }),
  rankingPeriod: () => ({ at: '2026-11-21T12:00:00Z' }),
  projectReward: () => ({ ...example, at: 1_795_262_400_000 }),
  rewardCurve: () => ({ ...example, from: 0, to: 1200, steps: 13 }),
  stprFromReferrals: () => ({ users: [{ id: 'a', referrer: null, stp: '1' }, { id: 'b', referrer: 'a', stp: 2 }], levels: ['1', '0.5'] }),
  stprColumns: () => ({ referrers: Int32Array.of(-1, 0, 1), stp: Float64Array.of(1, 2.5, 3), exact: true }),
  populationPayout: () => ({ pool: '1000', points: [850, '1200', 90], decimals: 2 }),
  pointsForReward: () => ({ points: '850', pool: '1000', tierTotals: ['8000', '5000', '3000', '2500'], target: '150', step: '1' }),
  pacePlan: () => ({ points: '850', at: '2026-11-21T12:00:00Z', ladder: 'ambassador' }),
};
export const FUNCTIONS = Object.keys(VALID);

/** A valid input with one field replaced, removed or added at random, or anything at all. */
export function input(name) {
  if (random() < 0.25) return anything();
  const value = VALID[name]();
  const key = pick([...Object.keys(value), ...FIELDS]);
  if (random() < 0.2) delete value[key];
  else Object.defineProperty(value, key, { value: anything(), enumerable: true, configurable: true, writable: true });
  return value;
}

