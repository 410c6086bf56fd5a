// The boundary's one description (scripts/boundary.mjs, examples/boundary.rs): the JS builders
// and the results' TypeScript declarations are derived from the Rust result types, are
// current, and carry a new type through with no hand-written JS; an export without a builder
// fails the build.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
  // The glue's functions as the package reads them: its exports, but its loaders.
  const webDir = join(pkgDir, 'population', 'web');
  const { forwardersOf } = await import(pathToFileURL(join(webDir, 'state.js')).href);
  const glue = Object.keys(forwardersOf(await import(pathToFileURL(join(webDir, 'soei_rewards.js')).href)));
  assert.ok(glue.includes('personalReward') && glue.includes('stprColumns') && !glue.includes('initSync'), glue.join());
  await checkBuilders(glue);
  const { api } = await import(pathToFileURL(join(pkgDir, 'engine', 'index.js')).href);
  const { BUILDERS, COLUMNS } = await import(pathToFileURL(buildersFile).href);
  // Every described function is an export of the population module, and but the population
  // functions (which need WebAssembly) of the JS engine.
  const populationOnly = ['stprColumns', 'populationPayout'];
  for (const name of [...Object.keys(BUILDERS), ...COLUMNS]) {
    assert.ok(glue.includes(name), `the module exports ${name}`);
    assert.equal(typeof api[name], populationOnly.includes(name) ? 'undefined' : 'function', `the JS engine has ${name}`);
  }
  assert.deepEqual(COLUMNS.filter((name) => populationOnly.includes(name)), populationOnly);
  // A function that nothing describes fails the build.
  await assert.rejects(checkBuilders([...glue, 'newFunction']), /no builder for newFunction/);
});

/** The lines of an entry file, the one after `// generated: …` left out (the build fills it). */
const withoutGenerated = (text) => text.split('\n').filter((line, index, lines) => !lines[index - 1]?.startsWith('// generated: '));

test("the package's entries are the files in npm/, copied as they are but for their generated line, and tsc --checkJs finds no error in them", () => {
  const entries = [];
  for (const [dir, overlay] of [['.', null], ['population', 'population']]) {
    for (const file of ['node/index.cjs', 'node/index.mjs', 'node/without-wasm.cjs', 'web/api.js', 'web/index.d.ts', 'web/index.js', 'web/inline.js', 'web/state.js', 'web/wasm-bytes.js', 'web/without-wasm.js']) {
      const fromOverlay = overlay !== null && ['node/without-wasm.cjs', 'web/without-wasm.js'].includes(file);
      const source = readFileSync(join(root, 'npm', fromOverlay ? overlay : 'module', file), 'utf8');
      const shipped = readFileSync(join(pkgDir, dir, file), 'utf8');
      assert.deepEqual(withoutGenerated(shipped), withoutGenerated(source), `pkg/${dir}/${file}`);
      if (file.endsWith('js')) entries.push(join(pkgDir, dir, file));
    }
  }
  // The generated lines hold data: the names of the glue's functions, and the .wasm's bytes.
  assert.match(readFileSync(join(pkgDir, 'web', 'api.js'), 'utf8'), /\nexport const \{ ambassadorReward, isSoeiError, ladders, pacePlan, personalReward, [\w, ]+ \} = forwardersOf\(glue\);\n/);
  assert.match(readFileSync(join(pkgDir, 'web', 'wasm-bytes.js'), 'utf8'), /\nconst wasmBase64 = 'AGFzbQEAAAA[\w+/=]+';\n/);
  // Their types, as TypeScript infers them and as their JSDoc says: the entries, what they
  // import (the JS layer; the glue through its .d.ts), but the generated bundles they require.
  const tsc = join(root, 'node_modules', '.bin', 'tsc');
  const args = ['--allowJs', '--checkJs', '--noEmit', '--target', 'es2022', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--lib', 'es2022,dom', '--types', 'node', '--typeRoots', join(root, 'node_modules', '@types')];
  execFileSync(tsc, [...args, ...entries], { cwd: root, encoding: 'utf8' });
  // A type error in an entry fails the check.
  const broken = join(scratch, 'broken-web');
  cpSync(join(pkgDir, 'web'), broken, { recursive: true });
  writeFileSync(join(broken, 'state.js'), `${readFileSync(join(broken, 'state.js'), 'utf8')}\nexport const wrong = engine().toFixed(2);\n`);
  assert.throws(() => execFileSync(tsc, [...args, join(broken, 'index.js')], { cwd: root, encoding: 'utf8', stdio: 'pipe' }), (error) => /state\.js.*Property 'toFixed' does not exist/.test(error.stdout));
});
