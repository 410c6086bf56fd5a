// Native, wasm and the JS engine agree: the same generated inputs through the native core
// (examples/agree.rs), through the wasm package and through its JS engine (pkg/engine) give
// identical outputs, errors (code, field and detail) included.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createRequire } from 'node:module';
import { pkgDir, population, root, soei } from './helpers.mjs';

const { api: jsEngine } = createRequire(import.meta.url)(join(pkgDir, 'engine', 'index.cjs'));

const CASES = 3_000;
let seed = 424242;
const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
const pick = (items) => items[Math.floor(random() * items.length)];
const cents = (max) => Math.floor(random() * max) / 100;
/** A decimal as a string or a number, sometimes negative or malformed. */
const decimal = (max) => pick([() => String(cents(max)), () => cents(max), () => cents(max) * 1e-3, () => -cents(max), () => pick(['1,000', '', 'x', '1e40', '0.1e-3'])])();
const totals = (count, max) => Array.from({ length: count }, () => decimal(max)).sort((a, b) => Number(b) - Number(a));

const GENERATORS = {
  personalReward: () => ({ stp: decimal(200_000), pool: decimal(1e8), tierTotals: totals(4, 2e7), ...(random() < 0.3 ? { whatIfStp: decimal(200_000) } : {}), decimals: Math.floor(random() * 9) }),
  ambassadorReward: () => ({ stpr: decimal(4e7), pool: decimal(1e8), tierTotals: totals(3, 1e9) }),
  rankProgress: () => ({ points: decimal(200_000), ladder: pick(['personal', 'ambassador']) }),
  rankingPeriod: () => ({ at: pick([Math.floor((random() - 0.5) * 1e14), `20${Math.floor(random() * 90 + 10)}-0${1 + Math.floor(random() * 9)}-1${Math.floor(random() * 9)}T12:00:00Z`]) }),
  projectReward: () => ({ ...GENERATORS.personalReward(), at: 1_790_000_000_000 + Math.floor(random() * 1e10) }),
  rewardCurve: () => ({ stp: decimal(200_000), pool: decimal(1e8), tierTotals: totals(4, 2e7), from: 0, to: cents(300_000), steps: 2 + Math.floor(random() * 50) }),
  stprFromReferrals: () => {
    const count = 1 + Math.floor(random() * 30);
    const users = Array.from({ length: count }, (_, index) => ({ id: `u${index}`, referrer: index && random() < 0.9 ? `u${Math.floor(random() * (index + (random() < 0.05 ? 3 : 0)))}` : null, stp: decimal(100_000) }));
    return random() < 0.5 ? { users } : { users, levels: [decimal(100), decimal(100)] };
  },
  stprColumns: () => {
    const count = 1 + Math.floor(random() * 30);
    return { referrers: Array.from({ length: count }, (_, index) => (index ? Math.floor(random() * index) : -1)), stp: Array.from({ length: count }, () => decimal(100_000)), exact: true };
  },
  populationPayout: () => ({ pool: decimal(1e8), points: Array.from({ length: 1 + Math.floor(random() * 30) }, () => decimal(200_000)), decimals: Math.floor(random() * 9), exact: true }),
  pointsForReward: () => ({ points: decimal(200_000), pool: decimal(1e8), tierTotals: totals(4, 2e7), target: decimal(1e7), step: pick(['0.01', '1', '0.5']), decimals: Math.floor(random() * 9) }),
  ladders: () => ({}),
  pacePlan: () => ({ points: decimal(400_000), at: 1_700_000_000_000 + Math.floor(random() * 1e11), ladder: pick(['personal', 'ambassador']) }),
};

/** What `api` gives, in plain JSON (typed arrays as arrays, errors as code, field and detail). */
function through(api, name, input) {
  try {
    return JSON.parse(JSON.stringify(api[name](input), (_, value) => (ArrayBuffer.isView(value) ? Array.from(value) : value)));
  } catch (error) {
    return { error: error.code, field: error.field, detail: error.detail };
  }
}

test(`native, wasm and the JS engine agree on ${CASES} generated inputs`, () => {
  const names = Object.keys(GENERATORS);
  const cases = Array.from({ length: CASES }, (_, index) => ({ fn: names[index % names.length], input: GENERATORS[names[index % names.length]]() }));
  const folder = mkdtempSync(join(tmpdir(), 'soei-agree-'));
  try {
    writeFileSync(join(folder, 'cases.json'), JSON.stringify(cases));
    const native = JSON.parse(execFileSync('cargo', ['run', '--release', '--quiet', '--example', 'agree', '--features', 'serde', '--', join(folder, 'cases.json')], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28 }));
    const differences = cases.flatMap((testCase, index) => {
      const wasm = through(testCase.fn in soei ? soei : population, testCase.fn, testCase.input);
      // The population-scale functions are WebAssembly only.
      const js = testCase.fn in jsEngine ? through(jsEngine, testCase.fn, testCase.input) : wasm;
      try {
        assert.deepEqual(wasm, native[index]);
        assert.deepEqual(js, native[index]);
        return [];
      } catch {
        return [`${testCase.fn} ${JSON.stringify(testCase.input)}\n  wasm:   ${JSON.stringify(wasm)}\n  js:     ${JSON.stringify(js)}\n  native: ${JSON.stringify(native[index])}`];
      }
    });
    assert.deepEqual(differences.slice(0, 5), []);
    const errors = native.filter((result) => result.error).length;
    assert.ok(errors > CASES / 20 && errors < CASES * 0.9, `a useful mix of results and errors (${errors} errors)`);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
