// A fuzz loop at the JS boundary of the built package: every export of both modules, fed
// mutations of valid inputs and wholly random values of every JS kind. Each call must return,
// or throw an Error with a known code and a field its message starts with; never trap; and
// afterwards the modules must still compute the documentation's example.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { example, population, soei } from './helpers.mjs';
import { FUNCTIONS, input, pick, random } from './inputs.mjs';

const ITERATIONS = Number(process.env.FUZZ_ITERATIONS ?? 30_000);
const CODES = new Set(['invalid_number', 'invalid_type', 'negative', 'out_of_range', 'missing_field', 'unknown_field',
  'invalid_ladder', 'inconsistent_totals', 'duplicate_id', 'unknown_referrer', 'referral_cycle']);

test(`fuzzing the boundary: ${ITERATIONS} inputs across ${FUNCTIONS.length} functions of both modules`, () => {
  const outcomes = { returned: 0, coded: 0 };
  for (let iteration = 0; iteration < ITERATIONS; iteration += 1) {
    const name = pick(FUNCTIONS);
    const value = input(name);
    // The contract's functions are in both modules; the population-scale ones only in one.
    const module = name in soei && random() < 0.5 ? soei : population;
    try {
      module[name](value);
      outcomes.returned += 1;
    } catch (error) {
      assert.ok(!(error instanceof WebAssembly.RuntimeError), `${name} trapped: ${error}`);
      assert.ok(error instanceof Error, `${name} threw a non-Error: ${String(error)}`);
      assert.ok(CODES.has(error.code), `${name} threw without a known code: ${error.message}`);
      assert.equal(typeof error.field, 'string');
      assert.equal(error.message, `${error.field || 'input'}: ${error.detail}`, 'the message is the field, then the detail');
      assert.ok(module.isSoeiError(error) && soei.isSoeiError(error), 'both modules know the error as theirs');
      outcomes.coded += 1;
    }
    if (iteration % 1000 === 0) assert.equal(module.personalReward(example).reward, '138.125');
  }
  for (const module of [soei, population]) assert.equal(module.personalReward(example).reward, '138.125', 'the modules still compute correctly');
  assert.ok(outcomes.returned > ITERATIONS / 20 && outcomes.coded > ITERATIONS / 4, JSON.stringify(outcomes));
  console.log(`fuzz: ${ITERATIONS} inputs, ${outcomes.returned} results, ${outcomes.coded} coded errors, 0 traps`);
});
