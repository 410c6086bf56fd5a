// Errors as data, through the package: every field path and detail comes from the readers
// themselves, whatever the caller's keys contain, and no wording of serde's or of the
// JavaScript engine's ever reaches `detail`.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Tape } from '../../wasm/js/tape.js';
import { example, pkgDir, population, soei } from './helpers.mjs';

/** The error of an input whose reading threw, as the contract's words give it. */
const UNREADABLE = { code: 'invalid_type', field: '', detail: 'could not be read: reading one of its properties threw' };

/** What a call throws, as code, field and detail (it must throw a coded error). */
function failure(call) {
  try {
    call();
  } catch (error) {
    assert.ok(soei.isSoeiError(error), `a coded error, not ${error}`);
    assert.equal(error.message, `${error.field || 'input'}: ${error.detail}`);
    return { code: error.code, field: error.field, detail: error.detail };
  }
  assert.fail('expected an error');
}

// Words of serde's messages and of V8's, none of which a detail may contain.
const FOREIGN = /invalid type|invalid length|expected|sequence|Reflect|non-object|called on|Couldn't|`/;

test('a key is named as it is, backticks and ", expected" included', () => {
  const backtick = failure(() => soei.personalReward({ ...example, 'a`b': 1 }));
  assert.deepEqual([backtick.code, backtick.field], ['unknown_field', 'a`b']);
  assert.equal(backtick.detail, 'is not a field of this input (expected one of: stp, whatIfStp, pool, tierTotals, ladder, decimals)');
  const comma = failure(() => soei.personalReward({ ...example, 'x, expected `y`': 1 }));
  assert.deepEqual([comma.code, comma.field, comma.detail], ['unknown_field', 'x, expected `y`', backtick.detail]);
  const nested = failure(() => soei.stprFromReferrals({ users: [{ id: 'a', stp: 1, 'b`c, expected': 2 }] }));
  assert.deepEqual([nested.code, nested.field], ['unknown_field', 'users[0].b`c, expected']);
});

test('null means absent everywhere: a required field given null is missing_field', () => {
  const cases = [
    [() => soei.personalReward({ ...example, tierTotals: null }), 'tierTotals'],
    [() => soei.personalReward({ ...example, stp: null }), 'stp'],
    [() => soei.stprFromReferrals({ users: null }), 'users'],
    [() => soei.stprFromReferrals({ users: [{ id: null, stp: 1 }] }), 'users[0].id'],
    [() => soei.personalReward({ ...example, tierTotals: ['1'], ladder: { tiers: [{ name: null, need: 0, share: 1 }] } }), 'ladder.tiers[0].name'],
    [() => soei.personalReward({ ...example, tierTotals: undefined }), 'tierTotals'],
    [() => population.populationPayout({ pool: 1, points: null }), 'points'],
  ];
  for (const [call, field] of cases) assert.deepEqual(failure(call), { code: 'missing_field', field, detail: 'is required' });
  // Optional fields given null are simply absent.
  assert.equal(soei.personalReward({ ...example, whatIfStp: null, ladder: null, decimals: null }).reward, '138.125');
  assert.deepEqual(soei.stprFromReferrals({ users: [{ id: 'a', referrer: null, stp: 1 }], levels: null }), { a: '0' });
});

test('no engine or serde wording reaches detail', () => {
  const text = failure(() => soei.personalReward({ ...example, tierTotals: '8000,5000' }));
  assert.deepEqual(text, { code: 'invalid_type', field: 'tierTotals', detail: 'must be an array (got the string "8000,5000")' });
  const details = [
    text,
    failure(() => soei.personalReward({ ...example, tierTotals: Float64Array.of(1, 2, 3, 4) })),
    failure(() => soei.personalReward({ ...example, tierTotals: new Set(['1']) })),
    failure(() => soei.personalReward({ ...example, stp: 10n ** 30n })),
    failure(() => soei.personalReward({ ...example, stp: Symbol('s') })),
    failure(() => soei.personalReward({ ...example, stp: { value: 1 } })),
    failure(() => soei.personalReward({ ...example, decimals: '6' })),
    failure(() => soei.stprFromReferrals({ users: [{ id: 1.5, stp: 1 }] })),
    failure(() => soei.stprFromReferrals({ users: [7] })),
    failure(() => population.populationPayout({ pool: 1, points: [1], exact: 'yes' })),
    failure(() => soei.rankProgress({ points: 1, ladder: { tiers: [], points: 5 } })),
    failure(() => soei.personalReward(42)),
    failure(() => soei.personalReward(() => 1)),
  ];
  for (const { field, detail } of details) assert.doesNotMatch(detail, FOREIGN, `${field}: ${detail}`);
  const find = (field) => details.find((failure) => failure.field === field).detail;
  assert.equal(find('users[0].id'), 'must be a string (got the number 1.5)');
  assert.equal(find('users[0]'), 'must be an object (got the number 7)');
  assert.equal(find('exact'), 'must be true or false (got the string "yes")');
  assert.equal(find('ladder.points'), 'must be a string (got the number 5)');
});

test("a detail writes the caller's number the way JavaScript's String(n) does", () => {
  // The oracle is the engine's own number-to-text: 1e+21 and 1e-7 in exponent form, an unsafe
  // integer with all its digits, -0 as 0.
  for (const number of [1.5, -0.000001, 1e-7, 1e21, 1.5e300, 2 ** 60, 123456789.125, 0.1 + 0.2, -0]) {
    assert.equal(failure(() => soei.stprFromReferrals({ users: [{ id: number, stp: 1 }] })).detail, `must be a string (got the number ${String(number)})`);
  }
  for (const number of [0.5, 1e-7, 2.5e-300]) {
    assert.deepEqual(failure(() => soei.personalReward({ ...example, decimals: number })), { code: 'invalid_type', field: 'decimals', detail: `must be a whole number (got ${String(number)})` });
  }
  for (const number of [1e21, 2 ** 62, 1.5e300]) {
    assert.deepEqual(failure(() => soei.personalReward({ ...example, decimals: number })), { code: 'out_of_range', field: 'decimals', detail: `${String(number)} is out of range` });
  }
  for (const number of [NaN, Infinity, -Infinity]) {
    assert.deepEqual(failure(() => soei.personalReward({ ...example, stp: number })), { code: 'invalid_number', field: 'stp', detail: `${String(number)} is not a finite number` });
  }
});

test('undefined as the whole input says undefined, null says null', () => {
  assert.deepEqual(failure(() => soei.personalReward()), { code: 'invalid_type', field: '', detail: 'must be an object (got undefined)' });
  assert.deepEqual(failure(() => soei.personalReward(undefined)), { code: 'invalid_type', field: '', detail: 'must be an object (got undefined)' });
  assert.deepEqual(failure(() => soei.personalReward(null)), { code: 'invalid_type', field: '', detail: 'must be an object (got null)' });
});

test('an empty number says it is empty, a separator gets a hint', () => {
  const empty = failure(() => soei.personalReward({ ...example, stp: '' }));
  assert.deepEqual([empty.code, empty.field], ['invalid_number', 'stp']);
  assert.match(empty.detail, /^is empty/);
  for (const text of ['1,000', '1 000', '1_000']) {
    const separated = failure(() => soei.personalReward({ ...example, pool: text }));
    assert.deepEqual([separated.code, separated.field], ['invalid_number', 'pool']);
    assert.match(separated.detail, /without separators/);
  }
  assert.match(failure(() => soei.personalReward({ ...example, pool: 'abc' })).detail, /is not a number/);
});

test('a getter that throws comes back as a coded error, and the module keeps working', () => {
  const throwing = (extra) => Object.defineProperty({ ...example, ...extra }, 'pool', { enumerable: true, get() { throw new Error('boom'); } });
  // With a Date in `at`, the input is copied (Object.assign) before serde reads it.
  const copied = failure(() => soei.projectReward(throwing({ at: new Date('2026-11-21T00:00:00Z') })));
  assert.deepEqual([copied.code, copied.field], ['invalid_type', '']);
  assert.doesNotMatch(copied.detail, /boom/);
  // With a typed array column, population copies the input the same way.
  const columns = Object.defineProperty({ referrers: Int32Array.of(-1), stp: Float64Array.of(1) }, 'levels', { enumerable: true, get() { throw new Error('boom'); } });
  assert.equal(failure(() => population.stprColumns(columns)).code, 'invalid_type');
  assert.equal(soei.personalReward(example).reward, '138.125');
  assert.equal(population.personalReward(example).reward, '138.125');
});

test('getters and revoked Proxies are read before the module sees the input: a coded error every time, and the module survives', () => {
  const throwing = (object, key) => Object.defineProperty(object, key, { enumerable: true, get() { throw new Error('boom'); } });
  // The core's error for this, written out (src/input.rs, unreadable_input): the JS layer's
  // copy throws it, and the module's own copy too (the next test, through the raw glue).
  const own = UNREADABLE;
  const { proxy: revoked, revoke } = Proxy.revocable({}, {});
  revoke();
  const inputs = [
    throwing({ ...example }, 'pool'),
    { ...example, tierTotals: throwing(['8000', '5000', '3000'], 3) },
    { ...example, ladder: { tiers: [throwing({ name: 'A', need: 1 }, 'share')] } },
    revoked,
    { ...example, ladder: revoked },
  ];
  // Each throw inside the module would leak its stack: 0.3.0 broke after about a thousand.
  for (let round = 0; round < 500; round += 1) {
    for (const input of inputs) assert.deepEqual(failure(() => soei.personalReward(input)), own);
  }
  for (const call of [soei.ambassadorReward, soei.rankProgress, soei.rankingPeriod, soei.projectReward, soei.rewardCurve, soei.stprFromReferrals, soei.pointsForReward, soei.pacePlan, population.personalReward, population.stprColumns, population.populationPayout]) {
    assert.deepEqual(failure(() => call(revoked)), own);
  }
  // The population functions too, with the getter nested below the top level (which their
  // own copy of a typed-array input never reached).
  const columns = { referrers: Int32Array.of(-1, 0), stp: Float64Array.of(1, 2) };
  const populationInputs = [
    { ...columns, levels: throwing(['0.1', '0.05'], 1) },
    { referrers: [-1, 0], stp: throwing([1, 2], 0) },
    { pool: '1000', points: Float64Array.of(850, 120), ladder: { tiers: [throwing({ name: 'A', need: 1 }, 'share')] } },
    { pool: '1000', points: [850, revoked] },
  ];
  for (let round = 0; round < 300; round += 1) {
    for (const [index, input] of populationInputs.entries()) {
      assert.deepEqual(failure(() => (index < 2 ? population.stprColumns : population.populationPayout)(input)), own);
    }
  }
  // And they still compute: user 0 gets a tenth of user 1's 2 STP; one user of 850 STP alone
  // qualifies for three tiers and takes 50 + 25 + 15% of the pool.
  assert.deepEqual(Array.from(population.stprColumns({ ...columns, levels: ['0.1'] }).stpr), [0.2, 0]);
  assert.equal(population.populationPayout({ pool: '1000', points: [850] }).distributed, '900');
  assert.equal(soei.personalReward(example).reward, '138.125');
  assert.equal(soei.rewardCurve({ ...example, from: 0, to: 1000, steps: 3 }).rewards.length, 3);
  // The copy keeps what the readers see: own keys only, "__proto__" a key like any other.
  const inherited = Object.assign(Object.create({ decimals: 2 }), example);
  assert.equal(soei.personalReward(inherited).reward, '138.125');
  assert.deepEqual(failure(() => soei.personalReward(JSON.parse('{"__proto__": 1}'))).field, '__proto__');
});

test("an error repeats at most 40 characters of the caller's value or key, with the full length", () => {
  // Expected texts written out here, not by the package's helper: JSON.stringify quotes as
  // Rust's escaping does for these plain characters.
  const head = (text) => text.slice(0, 40);
  const huge = 'x'.repeat(10_000_000);
  const number = failure(() => soei.personalReward({ ...example, stp: huge }));
  assert.deepEqual(number, { code: 'invalid_number', field: 'stp', detail: `${JSON.stringify(head(huge))}… (10000000 characters) is not a number (write it like "850", "0.02" or "1.5e3")` });
  const key = 'k'.repeat(100_000);
  const unknown = failure(() => soei.personalReward({ ...example, [key]: 1 }));
  assert.equal(unknown.code, 'unknown_field');
  assert.equal(unknown.field, `${head(key)}… (100000 characters)`);
  assert.ok(unknown.detail.length < 200, unknown.detail);
  // A text of exactly 40 characters is repeated whole; 41 are cut.
  for (const [length, cut] of [[40, false], [41, true]]) {
    const id = 'é'.repeat(length);
    const duplicate = failure(() => soei.stprFromReferrals({ users: [{ id, stp: '1' }, { id, stp: '2' }] }));
    assert.equal(duplicate.code, 'duplicate_id');
    assert.equal(duplicate.detail, `${JSON.stringify(head(id))}${cut ? ` (${length} characters)`.replace(/^/, '…') : ''} appears more than once`);
  }
  const timestamp = failure(() => soei.rankingPeriod({ at: `2026-${'1'.repeat(60)}` }));
  assert.equal(timestamp.code, 'invalid_type');
  assert.match(timestamp.detail, /^"2026-1{35}"… \(65 characters\) is not an ISO-8601 timestamp/);
  assert.equal(soei.personalReward(example).reward, '138.125');
});

test("the module's own copy of an input, through the raw glue: its coded error a thousand times in a row, and it still computes", async () => {
  // The package's JS layer copies every input first, so only wasm-bindgen's glue itself
  // reaches the module's own copies: of an input with a Date in `at` (wasm/src/lib.rs), and of
  // a population input with typed-array columns (wasm/src/population.rs).
  const load = async (dir, name) => {
    const glue = await import(pathToFileURL(join(pkgDir, dir, `${name}.js`)).href);
    glue.initSync({ module: readFileSync(join(pkgDir, dir, `${name}_bg.wasm`)) });
    return glue;
  };
  const main = await load('web', 'soei_rewards');
  const populationGlue = await load(join('population', 'web'), 'soei_rewards');
  const throwing = (object, key) => Object.defineProperty(object, key, { enumerable: true, get() { throw new Error('boom'); } });
  const dated = throwing({ ...example, at: new Date('2026-11-21T00:00:00Z') }, 'pool');
  const columns = throwing({ referrers: Int32Array.of(-1), stp: Float64Array.of(1) }, 'levels');
  for (let round = 0; round < 1000; round += 1) {
    assert.deepEqual(failure(() => main.projectReward(dated)), UNREADABLE);
    assert.deepEqual(failure(() => populationGlue.stprColumns(columns)), UNREADABLE);
  }
  // The raw export returns the tape; its first text is the reward.
  assert.equal(new Tape(main.personalReward(example)).s(), '138.125');
  assert.equal(new Tape(populationGlue.personalReward(example)).s(), '138.125');
  assert.deepEqual(Array.from(populationGlue.stprColumns({ referrers: Int32Array.of(-1, 0), stp: Float64Array.of(1, 2) }).stpr), [2, 0]);
});
