// Results cross from wasm as one string (a tape, wasm/src/tape.rs) and are made into objects by
// the package's JS layer (wasm/js/results.mjs): any text comes back as it went in, whatever
// its length or characters, and every value keeps its JS type.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { example, soei } from './helpers.mjs';

test('texts of any length and any characters come back as they went in', () => {
  // Lengths around the one-char limit of the tape (0xD000 UTF-16 units) and beyond it.
  const ids = [0xcfff, 0xd000, 0xd001, 70_000].map((length, index) => `${'é🎉x'.repeat(Math.ceil(length / 4))}`.slice(0, length) + index);
  const users = ids.map((id, index) => ({ id, referrer: index === 0 ? null : ids[0], stp: '1.5' }));
  const stpr = soei.stprFromReferrals({ users });
  assert.deepEqual(Object.keys(stpr), ids);
  assert.deepEqual(Object.values(stpr), ['4.5', '0', '0', '0']);
  const name = '\ud000\ud7ff\u{1f389}'.repeat(3);
  const reward = soei.personalReward({ stp: 1, pool: 1, tierTotals: [1], ladder: { name, tiers: [{ name, need: 0, share: 1 }] } });
  assert.equal(reward.rank, name);
  assert.equal(reward.tiers[0].name, name);
});

test('values keep their JS types: strings, numbers, booleans and null', () => {
  const reward = soei.personalReward(example);
  assert.equal(typeof reward.tiers[0].qualified, 'boolean');
  assert.deepEqual(reward.tiers.map((tier) => tier.qualified), [true, true, true, false]);
  const progress = soei.rankProgress({ points: 0 });
  assert.deepEqual([progress.rank, progress.rankIndex, progress.next], [null, -1, 'Silver']);
  const period = soei.rankingPeriod({ at: '2026-11-21T12:00:00Z' });
  assert.equal(period.remainingMs, 820_800_000);
  const plan = soei.pointsForReward({ points: 850, pool: 1000, tierTotals: example.tierTotals, target: 2000 });
  assert.deepEqual([plan.reachable, plan.points, plan.more, plan.reward, plan.rank], [false, null, null, null, null]);
});
