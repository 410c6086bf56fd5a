// The built package (pkg/) as an npm user gets it: the conformance vectors through JS, the
// documentation's example, errors, and both ways Node loads it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cases, example, mismatch, pkgDir, soei, thrown } from './helpers.mjs';

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

test('errors are Error instances with code and field, and the module keeps working', () => {
  const error = thrown(() => soei.personalReward({ ...example, tierTotals: ['8000', '5000', '-5', '2500'] }));
  assert.ok(error instanceof Error);
  assert.equal(error.code, 'negative');
  assert.equal(error.field, 'tierTotals[2]');
  assert.equal(error.message, 'tierTotals[2]: must not be negative (got -5)');
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

test('Node loads the package with require and with import, through its exports map', async () => {
  const imported = await import(pkgDir + '/node/index.cjs');
  assert.equal(imported.personalReward(example).reward, '138.125');
  assert.equal(imported.init, soei.init);
  await soei.init(); // resolves at once in Node, so one code path serves browsers and Node
  assert.equal(soei.personalReward(example).reward, '138.125');
});
