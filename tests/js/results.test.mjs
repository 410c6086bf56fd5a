// Results cross from wasm as one string (a tape, tape/src/lib.rs) and are made into objects by
// the package's JS layer (wasm/js/results.mjs): any text comes back as it went in, whatever
// its length or characters, and every value keeps its JS type.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { example, pkgDir, soei } from './helpers.mjs';

test('texts of any length and any characters come back as they went in', () => {
  // Lengths around the one-char limit of the tape (126 UTF-16 units), past 7, 14 and 21 bits.
  const lengths = [0x7d, 0x7e, 0x7f, 0x80, 0x4000, 70_000, 2_100_000];
  // (Whole emoji only: a lone surrogate has no UTF-8 form, so it could not cross unchanged.)
  const ids = lengths.map((length, index) => 'é🎉x'.repeat(Math.floor((length - 1) / 4)).padEnd(length - 1, 'y') + index);
  assert.deepEqual(ids.map((id) => id.length), lengths);
  const users = ids.map((id, index) => ({ id, referrer: index === 0 ? null : ids[0], stp: '1.5' }));
  const stpr = soei.stprFromReferrals({ users });
  assert.deepEqual(Object.keys(stpr), ids);
  assert.deepEqual(Object.values(stpr), [String(1.5 * (ids.length - 1)), ...ids.slice(1).map(() => '0')]);
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

test('a result of ASCII texts crosses as an ASCII string (the fast path of TextDecoder)', async () => {
  // The glue as wasm-bindgen generated it, below the package's JS layer: what crosses.
  const glue = await import(pathToFileURL(join(pkgDir, 'web', 'soei_rewards.js')).href);
  glue.initSync({ module: readFileSync(join(pkgDir, 'web', 'soei_rewards_bg.wasm')) });
  const users = Array.from({ length: 200 }, (_, index) => ({ id: `u${index}`, referrer: index ? 'u0' : null, stp: '1.5' }));
  for (const tape of [glue.personalReward(example), glue.stprFromReferrals({ users }), glue.ladders()]) {
    assert.ok(/^[\0-\x7f]*$/.test(tape), `a char past ASCII in ${JSON.stringify(tape.slice(0, 80))}`);
  }
});
