// The JS engine (pkg/engine: the core turned into JavaScript by wasm2js) gives what the
// WebAssembly module gives: the same result or the same error (code, field, detail, message)
// for every shared vector, inputs of every kind the request encoding must keep, and seeded
// fuzz inputs. The oracle is the WebAssembly module (whose own outputs agree.test.mjs checks
// against the native core), and where WebAssembly is off (`node --jitless`) the package's
// Node entries, `require` and `import`, must run the JS engine by themselves.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { test } from 'node:test';
import { CLOCK, corpus, outcome } from './engine-corpus.mjs';
import { example, pkgDir, root, soei } from './helpers.mjs';

const { api: jsEngine } = createRequire(import.meta.url)(join(pkgDir, 'engine', 'index.cjs'));

/** Runs `body` with Date.now at CLOCK: both engines read the same "now". */
function atClock(body) {
  const now = Date.now;
  Date.now = () => CLOCK;
  try {
    return body();
  } finally {
    Date.now = now;
  }
}

/** The first differences between two lists of outcomes over `inputs`. */
function differences(inputs, expected, actual) {
  return inputs.flatMap(([name, value], index) => {
    try {
      assert.deepEqual(actual[index], expected[index]);
      return [];
    } catch {
      const shown = typeof value === 'object' && value !== null ? Object.keys(value).join(',') : String(value);
      return [`${index} ${name}(${shown.slice(0, 80)})\n  wasm: ${JSON.stringify(expected[index]).slice(0, 300)}\n  js:   ${JSON.stringify(actual[index]).slice(0, 300)}`];
    }
  }).slice(0, 5);
}

test('the JS engine computes the documentation example and its coded error', () => {
  assert.equal(jsEngine.engine(), 'js');
  assert.equal(jsEngine.personalReward(example).reward, '138.125');
  const error = (() => {
    try {
      jsEngine.personalReward({ ...example, stp: '-1' });
    } catch (thrown) {
      return thrown;
    }
    return null;
  })();
  assert.ok(error instanceof Error && soei.isSoeiError(error) && jsEngine.isSoeiError(error));
  assert.deepEqual([error.code, error.field, error.message], ['negative', 'stp', 'stp: must not be negative (got -1)']);
});

test('the JS engine and the WebAssembly module agree: vectors, every kind of input, 10,000 fuzz inputs', () => {
  const inputs = corpus(10_000);
  const [wasm, js] = atClock(() => [inputs.map(([name, value]) => outcome(soei, name, value)), inputs.map(([name, value]) => outcome(jsEngine, name, value))]);
  assert.deepEqual(differences(inputs, wasm, js), []);
  const errors = wasm.filter((item) => item.error).length;
  assert.ok(errors > 1000 && errors < inputs.length - 1000, `a mix of results and errors (${errors} errors of ${inputs.length})`);
});

for (const entry of ['require', 'import']) {
  test(`node --jitless (no WebAssembly): the package's ${entry} entry runs the JS engine, with the WebAssembly module's answers`, () => {
    const count = 1500;
    const output = execFileSync(process.execPath, ['--jitless', join(root, 'tests', 'js', 'engine-corpus.mjs'), String(count)], {
      cwd: root, env: { ...process.env, SOEI_ENTRY: entry }, encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'pipe'],
    });
    const { engine, results } = JSON.parse(output);
    assert.equal(engine, 'js');
    const inputs = corpus(count);
    const wasm = atClock(() => inputs.map(([name, value]) => outcome(soei, name, value)));
    assert.deepEqual(differences(inputs, wasm, results), []);
  });
}
