// The built package (pkg/) as an npm user gets it: its size, the conformance vectors through
// JS, the documentation's example, errors, and both ways Node loads it.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { BUDGETED_DIRS, ENGINE_BUDGET, WASM_BUDGET, engineSize, gzippedSize } from '../../scripts/size.mjs';
import { cases, example, mismatch, pkgDir, soei, thrown } from './helpers.mjs';

test('the main module is within its gzipped size ceiling (npm run size prints the details)', () => {
  for (const dir of BUDGETED_DIRS) {
    const gzipped = gzippedSize(join(pkgDir, dir, 'soei_rewards_bg.wasm'));
    assert.ok(gzipped <= WASM_BUDGET, `${dir}/soei_rewards_bg.wasm is ${gzipped} bytes gzipped`);
  }
});

test('the JS engine is within its gzipped size ceiling', () => {
  assert.ok(engineSize() <= ENGINE_BUDGET, `pkg/engine/index.js is ${engineSize()} bytes gzipped`);
});

test('the planning example: 940.81 STP pay 150 USDT, 90.81 more than now', () => {
  const plan = soei.pointsForReward({ points: '850', pool: '1000', tierTotals: ['8000', '5000', '3000', '2500'], target: '150' });
  assert.deepEqual(plan, { reachable: true, points: '940.81', more: '90.81', reward: '150.000465', rank: 'Platinum', ceiling: '1000' });
  const pace = soei.pacePlan({ points: '850', at: new Date('2026-11-21T12:00:00Z') });
  assert.deepEqual(pace.goals, [{ name: 'Diamond', need: '1000', remaining: '150', perDay: '15.789474' }]);
  // One step less does not pay 150: the answer is the least.
  assert.equal(soei.personalReward({ ...example, whatIfStp: '940.80' }).reward, '149.999181');
});

test('the documentation example: 850 STP pays 138.125', () => {
  const result = soei.personalReward({ stp: '850', pool: '1000', tierTotals: ['8000', '5000', '3000', '2500'] });
  assert.equal(result.reward, '138.125');
  assert.equal(result.rank, 'Platinum');
  assert.deepEqual(result.tiers.map((tier) => tier.amount), ['53.125', '42.5', '42.5', '0']);
});

test('every conformance vector passes through the built package', () => {
  const failures = cases.flatMap((testCase, index) => {
    try {
      const found = mismatch(soei[testCase.fn](testCase.input), testCase.expect);
      return found ? [`case ${index} (${testCase.fn})${found}`] : [];
    } catch (error) {
      return [`case ${index} (${testCase.fn}): threw ${error.message}`];
    }
  });
  assert.deepEqual(failures, []);
  assert.ok(cases.length >= 100);
});

test('numbers are read through their shortest text', () => {
  const fromNumbers = soei.personalReward({ stp: 850, pool: 1000, tierTotals: [8000, 5000, 3000, 2500] });
  assert.deepEqual(fromNumbers, soei.personalReward(example));
  // 0.1 + 0.2 is the double printed 0.30000000000000004, and that is the number read
  assert.equal(soei.rankProgress({ points: 0.1 + 0.2 }).remaining, '99.69999999999999996');
  assert.equal(soei.rankProgress({ points: 0.1 }).remaining, '99.9');
});

test('errors are Error instances with code, field and detail, and the module keeps working', () => {
  const error = thrown(() => soei.personalReward({ ...example, tierTotals: ['8000', '5000', '-5', '2500'] }));
  assert.ok(error instanceof Error);
  assert.equal(error.code, 'negative');
  assert.equal(error.field, 'tierTotals[2]');
  assert.equal(error.detail, 'must not be negative (got -5)');
  assert.equal(error.message, 'tierTotals[2]: must not be negative (got -5)');
  assert.ok(soei.isSoeiError(error));
  assert.ok(!soei.isSoeiError(new Error('tierTotals[2]: must not be negative')) && !soei.isSoeiError({ code: 'negative' }) && !soei.isSoeiError(null));
  // An empty optional input is an error by contract; a form passes undefined for "not given".
  assert.equal(thrown(() => soei.personalReward({ ...example, whatIfStp: '' })).code, 'invalid_number');
  assert.equal(soei.personalReward({ ...example, whatIfStp: undefined }).reward, '138.125');
  for (const bad of [null, undefined, 42, 'x', [], () => 1, Symbol('s'), 10n, new Uint8Array(4)]) {
    const error = thrown(() => soei.personalReward(bad));
    assert.ok(error instanceof Error && typeof error.code === 'string', `for ${String(bad)}`);
  }
  assert.equal(soei.personalReward(example).reward, '138.125');
});

test('results are plain JSON-serialisable objects', () => {
  const projection = soei.projectReward({ ...example, at: '2026-11-11T00:00:00Z' });
  assert.deepEqual(JSON.parse(JSON.stringify(projection)), projection);
  assert.equal(projection.projected.reward, '163.498134');
  assert.equal(Object.getPrototypeOf(projection), Object.prototype);
  const curve = soei.rewardCurve({ ...example, from: 0, to: 1200, steps: 2000 });
  assert.ok(curve.points instanceof Float64Array && curve.rewards.length === 2000);
});

test('any text the caller chose comes back as it was, an id of "__proto__" included', () => {
  const ids = ['__proto__', 'quote " and \\ backslash', 'tab\t newline\n nul\u0000 \u001f', 'line\u2028separator', 'émoji 🎉', '', 'constructor'];
  const users = ids.map((id, index) => ({ id, referrer: index === 0 ? null : ids[0], stp: '1' }));
  const stpr = soei.stprFromReferrals({ users });
  assert.deepEqual(Object.keys(stpr).sort(), [...ids].sort());
  assert.equal(stpr.__proto__, String(ids.length - 1));
  assert.equal(Object.getPrototypeOf(stpr), Object.prototype);
  const ladder = { name: 'a "named" \\ ladder\n', tiers: [{ name: 'tier "1"\u0001', need: 0, share: 1 }] };
  const reward = soei.personalReward({ stp: 1, pool: 1, tierTotals: [1], ladder });
  assert.equal(reward.rank, ladder.tiers[0].name);
  assert.equal(reward.tiers[0].name, ladder.tiers[0].name);
});

test('Node loads the package with require and with import, through its exports map', async () => {
  const imported = await import(pkgDir + '/node/index.cjs');
  assert.equal(imported.personalReward(example).reward, '138.125');
  assert.equal(imported.init, soei.init);
  await soei.init(); // resolves at once in Node, so one code path serves browsers and Node
  assert.equal(soei.personalReward(example).reward, '138.125');
});
