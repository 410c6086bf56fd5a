// The boundary's one description (scripts/boundary.mjs, examples/boundary.rs): the JS builders
// and the results' TypeScript declarations are derived from the Rust result types, are
// current, and carry a new type through with no hand-written JS; an export without a builder
// fails the build.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { buildersFile, declarationsFile, describe, generate } from '../../scripts/boundary.mjs';
import { checkBuilders } from '../../scripts/result-layer.mjs';
import { pkgDir, root } from './helpers.mjs';

const scratch = mkdtempSync(join(tmpdir(), 'soei-boundary-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

const described = describe({ probe: true });
const { probe, ...rest } = described;
// The description without the probe: what the repo's files are generated from.
const description = structuredClone(rest);
delete description.functions.probeResult;
delete description.types.ProbeResult;
delete description.types.ProbeFlag;

test('the builders and the declarations in the repo are those the Rust types give now', () => {
  const { builders, declarations } = generate(description);
  assert.equal(readFileSync(buildersFile, 'utf8'), builders, 'wasm/js/shapes.js is stale: run `node scripts/boundary.mjs`');
  assert.equal(readFileSync(declarationsFile, 'utf8'), declarations, 'wasm/src/results.d.ts is stale: run `node scripts/boundary.mjs`');
});

test('a result type that exists only in a test reaches the objects and the declarations', async () => {
  // ProbeResult (examples/boundary.rs, --probe) is written by Rust as a tape and as JSON; the
  // builder generated for it must make the tape into the JSON's object, and the declarations
  // generated for it must type that object.
  const { builders, declarations } = generate(described);
  writeFileSync(join(scratch, 'shapes.js'), builders);
  copyFileSync(join(root, 'wasm', 'js', 'tape.js'), join(scratch, 'tape.js'));
  writeFileSync(join(scratch, 'package.json'), '{ "type": "module" }\n');
  const { resultOf } = await import(pathToFileURL(join(scratch, 'shapes.js')).href);
  const { Tape } = await import(pathToFileURL(join(scratch, 'tape.js')).href);
  const object = resultOf('probeResult', new Tape(probe.tape));
  assert.deepEqual(object, probe.json);
  assert.deepEqual(Object.keys(object), ['label', 'probeCount', 'maybe', 'flags']);
  assert.equal(object.probeCount, -7);

  // The declarations type-check the object Rust wrote, and refuse one with a field missing.
  writeFileSync(join(scratch, 'results.d.ts'), `export type DecimalString = string;\n${declarations}`);
  const check = (name, value) => {
    writeFileSync(join(scratch, `${name}.ts`), `import type { ProbeResult } from './results.js';\nexport const value: ProbeResult = ${JSON.stringify(value)};\n`);
    try {
      execFileSync(join(root, 'node_modules', '.bin', 'tsc'), ['--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', join(scratch, `${name}.ts`)], { cwd: scratch, encoding: 'utf8', stdio: 'pipe' });
      return '';
    } catch (error) {
      return error.stdout;
    }
  };
  assert.equal(check('whole', probe.json), '');
  const { probeCount, ...missing } = probe.json;
  assert.match(check('missing', missing), /probeCount/);
});

test('docs/API.md may document only fields the Rust types have', () => {
  const markdown = readFileSync(join(root, 'docs', 'API.md'), 'utf8').replace('| `rankIndex` |', '| `rankIndx` |');
  assert.throws(() => generate(description, markdown), /API\.md documents `rankIndx`, but RankProgress has no field rankIndx/);
});

test('every export of the modules and the JS engine has a builder, or returns a plain value', async () => {
  const exports = (file) => [...readFileSync(file, 'utf8').matchAll(/^export function (\w+)\(/gm)].map((m) => m[1]);
  const glue = exports(join(pkgDir, 'population', 'web', 'soei_rewards_population.js'));
  await checkBuilders(glue);
  const { api } = await import(pathToFileURL(join(pkgDir, 'engine', 'index.js')).href);
  const { BUILDERS, COLUMNS } = await import(pathToFileURL(buildersFile).href);
  // Every function with a builder is an export of the module and of the engine.
  for (const name of [...Object.keys(BUILDERS), ...COLUMNS]) {
    assert.ok(glue.includes(name), `the module exports ${name}`);
    assert.equal(typeof api[name], 'function', `the JS engine has ${name}`);
  }
  // A function that nothing describes fails the build.
  await assert.rejects(checkBuilders([...glue, 'newFunction']), /no builder for newFunction/);
});
