// Builds the npm package into pkg/: wasm-pack builds the binding crate (wasm/) for two
// wasm-bindgen targets, behind an `exports` map (the way automerge's wasm package does it):
//   pkg/node/  CommonJS for Node (`require`), with an ES module beside it (`import`); the
//              module is ready as soon as it is loaded
//   pkg/web/   an ES module with an async `init()`, for browsers, bundlers and workers (Vite
//              and webpack 5 both follow its `new URL('…_bg.wasm', import.meta.url)`)
// and the same pair under pkg/population/ for `soei-rewards/population`.
//
// The JS glue is wasm-bindgen's own, unchanged. Each entry gets declarations of its own kind
// (.d.cts for CommonJS, .d.mts for Node ESM, .d.ts in the ESM web folder), so TypeScript
// resolves the right ones in every module resolution; the Node ones need no DOM types.
// Each .wasm goes through wasm-opt from the npm `binaryen` package: Debian's binaryen 108
// breaks wasm-bindgen's output, and wasm-pack's own would have to be downloaded.
import { copyFileSync, cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fillGeneratedLine, GENERATED_BANNER, isMain, root, run } from './lib.mjs';
import { bundleEngine, buildEngineCore } from './engine.mjs';
import { addResultLayer } from './result-layer.mjs';
import { writeBoundary } from './boundary.mjs';
import { engineSize, kb, moduleSize } from './size.mjs';

const pkg = join(root, 'pkg');
const staging = join(root, 'target', 'wasm-pack');
const wasmOpt = join(root, 'node_modules', 'binaryen', 'bin', 'wasm-opt');
// Rust's wasm32 target emits these proposals (all in every browser since 2021); wasm-opt must
// be allowed to keep them. -Oz and the two after it were settled by measuring `npm run size`:
// the module's memory is its own (so zero-filled) and Rust never uses its lowest 1 KiB. The
// last two drop sections that only inform tools.
export const wasmOptFlags = [
  '-Oz', '--converge', '--low-memory-unused', '--zero-filled-memory', '--strip-target-features', '--strip-producers',
  '--enable-bulk-memory', '--enable-reference-types', '--enable-multivalue',
  '--enable-nontrapping-float-to-int', '--enable-sign-ext', '--enable-mutable-globals',
];

// Two modules, each for Node and for browsers: the contract's functions (the package's main
// entry), and the same plus the population-scale functions (`soei-rewards/population`).
// The population module is for a million users a call, so its core crate is built at
// opt-level 3 (Cargo.toml keeps "z" for the main module): measured with `npm run bench`, its
// rows went from 0.83–0.97× of 0.3.0's speed to 1.4–1.8×, for 14 KB gzipped (146 → 160 KB).
//
// For the main module, binaryen's inliner is allowed a little more than -Oz allows (functions
// of up to 15 instructions always, up to 60 where it judges it pays): its core crate is built
// at opt-level "z", which inlines almost nothing, and each call costs in wasm. Measured pairwise
// in one process (docs/performance.md, "third pass"): a personalReward call 3–13% faster for
// 1.5 KB gzipped; more inlining (30 / 150, loops too) was 10–12% faster for 18.6 KB.
export const mainInlining = ['--always-inline-max-function-size', '15', '--flexible-inline-max-function-size', '60'];
// Each module's glue has the same name in its own folder, so that one set of entry files
// (npm/module/) serves both; `staging` keeps them apart.
const modules = [
  { staging: 'soei_rewards', dir: pkg, cargoArgs: [], wasmOptExtra: mainInlining, overlay: null },
  { staging: 'soei_rewards_population', dir: join(pkg, 'population'), cargoArgs: ['--features', 'population', '--config', 'profile.release.package.soei-rewards.opt-level=3'], wasmOptExtra: [], overlay: 'population' },
];
/** The cargo arguments a module (by its staging name) is built with. */
export const cargoArgsOf = (staging) => modules.find((module) => module.staging === staging).cargoArgs;

/** The name wasm-bindgen's glue has in every module folder: `<GLUE>.js`, `<GLUE>_bg.wasm`. */
export const GLUE = 'soei_rewards';

const version = readFileSync(join(root, 'Cargo.toml'), 'utf8').match(/^version = "([^"]+)"/m)[1];

/** Builds one module for one wasm-bindgen target into `staging` (its files named `outName`);
 *  returns that folder. */
export function wasmPack(name, target, cargoArgs, out = join(staging, name, target), profile = ['--release'], outName = name) {
  run('wasm-pack', ['build', join(root, 'wasm'), ...profile, '--target', target, '--out-dir', out, '--out-name', outName, '--no-pack', '--', ...cargoArgs]);
  // wasm-bindgen's Node glue is CommonJS, and the workspace's package.json says "module".
  if (target === 'nodejs') writeFileSync(join(out, 'package.json'), '{ "type": "commonjs" }\n');
  return out;
}

/** Where wasmPack puts a module's build before wasm-opt (function names still in it). */
export const stagingDir = (name, target) => join(staging, name, target);

if (isMain(import.meta.url)) {
  rmSync(pkg, { recursive: true, force: true });
  // The builders and declarations of the results, from the Rust result types as they are now.
  writeBoundary();
  // The JS engine first: the main module's entries fall back to it where WebAssembly is off.
  buildEngineCore();
  bundleEngine(join(pkg, 'engine'));
  // React Native's entry (Metro's `react-native` condition): the JS engine, ready on import.
  mkdirSync(join(pkg, 'react-native'));
  copyFileSync(join(root, 'npm', 'react-native', 'index.js'), join(pkg, 'react-native', 'index.js'));
  writeFileSync(join(pkg, 'react-native', 'package.json'), '{ "type": "module" }\n');
  for (const module of modules) {
    const out = wasmPack(module.staging, 'web', module.cargoArgs, undefined, undefined, GLUE);
    const webDir = join(module.dir, 'web');
    mkdirSync(webDir, { recursive: true });
    run(wasmOpt, [...wasmOptFlags, ...module.wasmOptExtra, join(out, `${GLUE}_bg.wasm`), '-o', join(webDir, `${GLUE}_bg.wasm`)]);
    for (const file of [`${GLUE}.js`, `${GLUE}.d.ts`]) copyFileSync(join(out, file), join(webDir, file));
    await writeEntryPoints(module);
  }
  // React Native's entry has the functions of the Node one, ready on import.
  copyFileSync(join(pkg, 'node', 'index.d.mts'), join(pkg, 'react-native', 'index.d.ts'));
  // What users read: the package's own README, and the contract it links to.
  // Its size line is filled in from the modules just built, so that it cannot go stale.
  const sizes = `The main module's .wasm is ${kb(moduleSize('web', 'soei_rewards'))} gzipped; the population module's ${kb(moduleSize('population/web', GLUE))}. The JS engine, downloaded only where WebAssembly is off, is ${kb(engineSize())} gzipped.`;
  writeFileSync(join(pkg, 'README.md'), readFileSync(join(root, 'npm', 'README.md'), 'utf8').replace('<!-- size -->', sizes));
  copyFileSync(join(root, 'docs', 'API.md'), join(pkg, 'API.md'));
  const manifest = JSON.parse(readFileSync(join(root, 'npm', 'package.json'), 'utf8'));
  writeFileSync(join(pkg, 'package.json'), `${JSON.stringify({ ...manifest, version }, null, 2)}\n`);
  console.log(`\nbuild: pkg/ holds soei-rewards ${version}`);
}

/**
 * The entry points of one module (Node CommonJS and ESM, browsers, inlined) and their types:
 * the files in npm/module/ (and the module's `overlay` folder over them: the population
 * module's way of saying it has no JS engine), copied as they are but for two generated
 * lines, and the JS layer beside them (scripts/result-layer.mjs).
 */
async function writeEntryPoints({ dir, overlay }) {
  for (const folder of ['module', ...(overlay ? [overlay] : [])]) {
    cpSync(join(root, 'npm', folder), dir, { recursive: true, filter: (source) => !source.endsWith('wasm-entry.mjs') });
  }
  const functions = await addResultLayer(join(dir, 'web'), GLUE);
  fillGeneratedLine(join(dir, 'node', 'index.cjs'), "the module's exports", `0 && (module.exports = { ${[...functions, 'engine'].join(', ')}, init, initSync: init, default: init });`);
  // The module's bytes (base64): the inlined entry imports them, and the browser entry only
  // where its .wasm did not load beside it (esbuild, Rollup).
  const wasmBase64 = readFileSync(join(dir, 'web', `${GLUE}_bg.wasm`)).toString('base64');
  fillGeneratedLine(join(dir, 'web', 'wasm-bytes.js'), 'the .wasm\'s bytes', `const wasmBase64 = '${wasmBase64}';`);
  // The Node and inlined declarations: wasm-bindgen's (functions and the types in
  // wasm/src/lib.rs) up to its loader's (InitInput and after, with DOM types), and an init()
  // without browser types.
  const webDeclarations = readFileSync(join(dir, 'web', `${GLUE}.d.ts`), 'utf8');
  const loaderAt = webDeclarations.indexOf('\nexport type InitInput');
  if (loaderAt < 0) throw new Error(`build: ${GLUE}.d.ts no longer declares InitInput: the Node declarations cannot be cut from it`);
  const nodeInit = readFileSync(join(root, 'npm', 'init-node.d.ts'), 'utf8');
  const nodeDeclarations = `${webDeclarations.slice(0, loaderAt + 1).replace(/^\/\* tslint:disable \*\/\n\/\* eslint-disable \*\/\n/, '')}\n${nodeInit}`;
  for (const file of ['node/index.d.cts', 'node/index.d.mts', 'web/inline.d.ts']) writeFileSync(join(dir, file), nodeDeclarations);
  writeFileSync(join(dir, 'node', 'package.json'), '{ "type": "commonjs" }\n');
  writeFileSync(join(dir, 'web', 'package.json'), '{ "type": "module" }\n');
  // node/wasm.cjs: the web glue, the JS layer and the inlined bytes as one CommonJS file
  // (npm/module/node/wasm-entry.mjs says why). esbuild changes the modules' format, not
  // their code; the glue's default URL of its .wasm (import.meta.url) is never taken.
  const entry = join(dir, 'node', 'wasm-entry.mjs');
  copyFileSync(join(root, 'npm', 'module', 'node', 'wasm-entry.mjs'), entry);
  run(join(root, 'node_modules', '.bin', 'esbuild'), [entry, '--bundle', '--format=cjs', '--platform=node', '--log-level=error', GENERATED_BANNER, `--outfile=${join(dir, 'node', 'wasm.cjs')}`]);
  rmSync(entry);
  // Subpaths for resolvers that predate `exports` (TypeScript's node10, older bundlers).
  const relativeDir = relative(pkg, dir) || '.';
  if (relativeDir !== '.') legacyManifest(dir, '.', 'index.js');
  legacyManifest(join(dir, 'inline'), '..', 'inline.js');
  console.log(`\nbuild: ${relativeDir}/ holds ${functions.join(', ')}`);
}

/** A package.json in `folder` that names the entries in `base`/node and `base`/web. */
function legacyManifest(folder, base, browserEntry) {
  mkdirSync(folder, { recursive: true });
  const manifest = { main: `${base}/node/index.cjs`, types: `${base}/node/index.d.cts`, browser: `${base}/web/${browserEntry}` };
  writeFileSync(join(folder, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}
