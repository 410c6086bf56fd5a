// What both engines must agree on: every shared vector, inputs of each kind that JSON loses
// and serde-wasm-bindgen tells apart, and seeded fuzz inputs; and what an engine makes of
// them, as JSON. engine.test.mjs computes the corpus with the WebAssembly module in its own
// process, and runs this file as a script under `node --jitless` (no WebAssembly) to compute it
// through the package's `require` or `import` entry (SOEI_ENTRY), which then runs the JS engine.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMain } from '../../scripts/lib.mjs';
import { cases, example, root, soei } from './helpers.mjs';
import { FUNCTIONS, input, pick, reseed } from './inputs.mjs';

/** The clock both engines read (Date.now), so that "now" is the same instant in both. */
export const CLOCK = Date.UTC(2026, 10, 21, 12, 30);

const planning = JSON.parse(readFileSync(join(root, 'tests', 'vectors', 'planning.json'), 'utf8'));

/** A getter that throws: the package's JS layer reads it, in both engines. */
const throwing = () => Object.defineProperty({ ...example }, 'stp', { enumerable: true, get: () => { throw new Error('no'); } });

/** Inputs of the kinds the request encoding must keep: [function, input]. */
function edges() {
  const at = (value) => ['rankingPeriod', { at: value }];
  const stp = (value) => ['personalReward', { ...example, stp: value }];
  let deep = { stp: '1' };
  for (let level = 0; level < 40; level += 1) deep = { ladder: deep };
  return [
    stp('-1'), stp(NaN), stp(Infinity), stp(-Infinity), stp(-0), stp(0), stp(2 ** 53), stp(2 ** 53 + 2), stp(-(2 ** 53) - 2), stp(1e21), stp(5e-324),
    stp(10n), stp(-(2n ** 63n)), stp(2n ** 64n - 1n), stp(2n ** 64n), stp(undefined), stp(null), stp(Symbol('s')), stp(() => 1),
    stp(new Map([['a', 1]])), stp(new Set([1])), stp(Float64Array.of(1)), stp(new Uint8Array(2)), stp(new ArrayBuffer(4)), stp(new DataView(new ArrayBuffer(4))),
    stp(new Date(0)), stp('\ud800x'), stp('８５０'), stp('x'.repeat(5000)), stp([850]), stp({}),
    ['personalReward', undefined], ['personalReward', null], ['personalReward', 850], ['personalReward', 'x'], ['personalReward', [1]],
    ['personalReward', new Map(Object.entries(example))], ['personalReward', new Map([[1, 'a']])], ['personalReward', throwing()],
    ['personalReward', { ...example, ladder: { tiers: [{ name: '\ud83d\ude00', need: 0, share: 1 }] }, tierTotals: ['1'] }],
    ['personalReward', { ...example, ladder: deep.ladder }], ['personalReward', Object.assign(Object.create({ pool: '1' }), { stp: '1', tierTotals: [] })],
    at(new Date(Date.UTC(2026, 1, 28, 23, 59))), at(new Date(NaN)), at(-0), at(8.64e15), at(8.64e15 + 1), at('2026-11-21T10:00'), at(undefined),
    ['rankingPeriod', undefined], ['rankingPeriod', null], ['rankingPeriod', new Date(0)],
    ['pacePlan', { points: '850', at: new Date(Date.UTC(2026, 10, 21)) }], ['projectReward', { ...example, at: new Date(Date.UTC(2026, 10, 3)) }],
    ['pacePlan', { points: '850', nested: { at: new Date(0) } }], ['stprFromReferrals', { users: [{ id: 'ü', stp: 1 }, { id: 'b', referrer: 'ü', stp: 2 }] }],
    ['stprFromReferrals', { users: [{ id: '__proto__', stp: 1 }] }], ['ladders', undefined], ['rewardCurve', { ...example, from: 0, to: 1e6, steps: 7 }],
  ];
}

/** The corpus: [function, input] pairs, the fuzz part from a fixed seed (the same in every
 *  process). */
export function corpus(fuzzCount) {
  reseed(20261206);
  const main = FUNCTIONS.filter((name) => name in soei);
  const fuzz = Array.from({ length: fuzzCount }, () => {
    const name = pick(main);
    return [name, input(name)];
  });
  return [...[...cases, ...planning].map((testCase) => [testCase.fn, testCase.input]), ...edges(), ...fuzz];
}

/** What `api[name](value)` gives, as JSON: the result (typed arrays as arrays), or the error's
 *  code, field, detail, message and whether it is the package's. */
export function outcome(api, name, value) {
  try {
    return { result: JSON.parse(JSON.stringify(api[name](value), (_, item) => (ArrayBuffer.isView(item) ? Array.from(item, String) : item))) };
  } catch (error) {
    return { error: [error.code, error.field, error.detail, error.message, api.isSoeiError(error)] };
  }
}

if (isMain(import.meta.url)) {
  Date.now = () => CLOCK;
  const results = corpus(Number(process.argv[2] ?? 1000)).map(([name, value]) => outcome(soei, name, value));
  process.stdout.write(JSON.stringify({ engine: soei.engine(), results }));
}
