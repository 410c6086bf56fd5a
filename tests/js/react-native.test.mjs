// React Native: the packed package in a fresh app project, bundled as an app's release build is
// (Metro with the React Native Babel preset, resolving the `react-native` export condition) and
// run in Hermes, which has no WebAssembly, no TextDecoder and no class syntax. Every shared
// vector, the documentation's example and a coded error, computed by the JS engine; and the
// engine corpus (engine.test.mjs), whose answers must be the WebAssembly module's.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { EXAMPLE, freshProject, packTarball } from './consumer.mjs';
import { CLOCK, corpus, outcome } from './engine-corpus.mjs';
import { cases, mismatch, root, soei } from './helpers.mjs';
import { runInHermes } from './hermes.mjs';

const folder = mkdtempSync(join(tmpdir(), 'soei-react-native-'));
after(() => rmSync(folder, { recursive: true, force: true }));

const planning = JSON.parse(readFileSync(join(root, 'tests', 'vectors', 'planning.json'), 'utf8'));

test('Metro + Hermes: the default import runs every shared vector and a coded error on the JS engine', async () => {
  const app = freshProject(join(folder, 'app'), packTarball(folder), undefined);
  const vectors = [...cases, ...planning];
  writeFileSync(join(app, 'vectors.json'), JSON.stringify(vectors));
  writeFileSync(join(app, 'index.js'), `import * as soei from 'soei-rewards';
import init, { engine, isSoeiError, personalReward } from 'soei-rewards';
import vectors from './vectors.json';

const results = vectors.map((testCase) => {
  try {
    return { result: soei[testCase.fn](testCase.input) };
  } catch (error) {
    return { threw: String(error && error.message) };
  }
});
let failure = null;
try {
  personalReward({ ...${EXAMPLE}, stp: '-1' });
} catch (error) {
  failure = [error instanceof Error, isSoeiError(error), error.code, error.field, error.message];
}
init().then(() => {
  console.log(JSON.stringify({ engine: engine(), example: personalReward(${EXAMPLE}).reward, failure, results }));
});
`);
  const { stdout } = await runInHermes(app, 'index.js');
  const shown = JSON.parse(stdout.trim().split('\n').pop());
  assert.equal(shown.engine, 'js');
  assert.equal(shown.example, '138.125');
  assert.deepEqual(shown.failure, [true, true, 'negative', 'stp', 'stp: must not be negative (got -1)']);
  const failures = vectors.flatMap((testCase, index) => {
    const found = shown.results[index].threw ?? mismatch(shown.results[index].result, testCase.expect);
    return found ? [`case ${index} (${testCase.fn}): ${found}`] : [];
  });
  assert.deepEqual(failures, []);
});

/** `value` as JavaScript source that builds it again, as the package's readers see it (own
 *  enumerable keys, a getter that throws, Maps, Sets, Dates, typed arrays, -0, NaN);
 *  undefined for a value that holds a BigInt, which Hermes 0.12 lacks, or that is nested
 *  past 64 levels (deeper than Babel's parser goes; the readers stop at 32 anyway). */
function toSource(value, depth = 0) {
  if (depth > 64 || typeof value === 'bigint' || value instanceof BigInt64Array || value instanceof BigUint64Array) return undefined;
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === undefined || value === null || typeof value === 'boolean') return String(value);
  if (typeof value === 'symbol') return `Symbol(${JSON.stringify(value.description ?? '')})`;
  if (typeof value === 'function') return '(() => 1)';
  const all = (items) => {
    const parts = items.map((item) => toSource(item, depth + 1));
    return parts.includes(undefined) ? undefined : parts.join(', ');
  };
  if (Array.isArray(value)) {
    const items = all(value);
    return items === undefined ? undefined : `[${items}]`;
  }
  if (value instanceof Date) return `new Date(${toSource(value.getTime())})`;
  if (value instanceof Map || value instanceof Set) {
    const items = all(Array.from(value));
    return items === undefined ? undefined : `new ${value instanceof Map ? 'Map' : 'Set'}([${items}])`;
  }
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return `${value.constructor.name}.of(${all(Array.from(value))})`;
  if (value instanceof ArrayBuffer) return `new ArrayBuffer(${value.byteLength})`;
  if (value instanceof DataView) return `new DataView(new ArrayBuffer(${value.byteLength}))`;
  const entries = [];
  for (const key of Object.keys(value)) {
    let item;
    try {
      item = toSource(value[key], depth + 1);
    } catch {
      entries.push(`get [${JSON.stringify(key)}]() { throw new Error('no'); }`);
      continue;
    }
    if (item === undefined) return undefined;
    // A computed key defines an own property, "__proto__" included.
    entries.push(`[${JSON.stringify(key)}]: ${item}`);
  }
  const object = `{ ${entries.join(', ')} }`;
  return Object.getPrototypeOf(value) === null ? `Object.assign(Object.create(null), ${object})` : object;
}

test('Hermes: the JS engine gives the WebAssembly module\'s answers on the engine corpus (every kind of input, fuzz inputs)', async () => {
  const app = join(folder, 'app');
  const inputs = corpus(400).map(([name, value], index) => [index, name, toSource(value)]).filter(([, , source]) => source !== undefined);
  writeFileSync(join(app, 'corpus.js'), `import * as soei from 'soei-rewards';
const inputs = [
${inputs.map(([index, name, source]) => `  [${index}, ${JSON.stringify(name)}, () => (${source})],`).join('\n')}
];
Date.now = () => ${CLOCK};
const results = inputs.map(([index, name, input]) => [index, outcome(soei, name, input())]);
${outcome.toString()}
console.log(JSON.stringify(results));
`);
  const { stdout } = await runInHermes(app, 'corpus.js');
  const results = JSON.parse(stdout.trim().split('\n').pop());
  const all = corpus(400);
  const now = Date.now;
  Date.now = () => CLOCK;
  let wasm;
  try {
    wasm = results.map(([index]) => outcome(soei, all[index][0], all[index][1]));
  } finally {
    Date.now = now;
  }
  const differences = results.flatMap(([index, found], at) => (JSON.stringify(found) === JSON.stringify(wasm[at]) ? [] : [`${index} ${all[index][0]}\n  wasm:   ${JSON.stringify(wasm[at]).slice(0, 300)}\n  hermes: ${JSON.stringify(found).slice(0, 300)}`]));
  assert.deepEqual(differences.slice(0, 5), []);
  assert.ok(results.length > 400, `${results.length} inputs`);
  assert.ok(results.filter(([, found]) => found.error).length > 100, 'errors of many kinds');
});
