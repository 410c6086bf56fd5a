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
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { isMain, root, run } from './lib.mjs';
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
const modules = [
  { name: 'soei_rewards', dir: pkg, cargoArgs: [], wasmOptExtra: mainInlining, jsEngine: true },
  { name: 'soei_rewards_population', dir: join(pkg, 'population'), cargoArgs: ['--features', 'population', '--config', 'profile.release.package.soei-rewards.opt-level=3'], wasmOptExtra: [], jsEngine: false },
];

const version = readFileSync(join(root, 'Cargo.toml'), 'utf8').match(/^version = "([^"]+)"/m)[1];

/** Builds one module for one wasm-bindgen target into `staging`; returns that folder. */
export function wasmPack(name, target, cargoArgs, out = join(staging, name, target), profile = ['--release']) {
  run('wasm-pack', ['build', join(root, 'wasm'), ...profile, '--target', target, '--out-dir', out, '--out-name', name, '--no-pack', '--', ...cargoArgs]);
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
  for (const { name, dir, cargoArgs, wasmOptExtra, jsEngine } of modules) {
    const out = wasmPack(name, 'web', cargoArgs);
    const webDir = join(dir, 'web');
    mkdirSync(join(dir, 'node'), { recursive: true });
    mkdirSync(webDir, { recursive: true });
    run(wasmOpt, [...wasmOptFlags, ...wasmOptExtra, join(out, `${name}_bg.wasm`), '-o', join(webDir, `${name}_bg.wasm`)]);
    for (const file of [`${name}.js`, `${name}.d.ts`]) copyFileSync(join(out, file), join(webDir, file));
    writeEntryPoints(name, dir, jsEngine);
    await addResultLayer(name, dir);
    bundleCommonJs(name, dir);
  }
  // React Native's entry has the functions of the Node one, ready on import.
  copyFileSync(join(pkg, 'node', 'index.d.mts'), join(pkg, 'react-native', 'index.d.ts'));
  // What users read: the package's own README, and the contract it links to.
  // Its size line is filled in from the modules just built, so that it cannot go stale.
  const sizes = `The main module's .wasm is ${kb(moduleSize('web', 'soei_rewards'))} gzipped; the population module's ${kb(moduleSize('population/web', 'soei_rewards_population'))}. The JS engine, downloaded only where WebAssembly is off, is ${kb(engineSize())} gzipped.`;
  writeFileSync(join(pkg, 'README.md'), readFileSync(join(root, 'npm', 'README.md'), 'utf8').replace('<!-- size -->', sizes));
  copyFileSync(join(root, 'docs', 'API.md'), join(pkg, 'API.md'));
  const manifest = JSON.parse(readFileSync(join(root, 'npm', 'package.json'), 'utf8'));
  writeFileSync(join(pkg, 'package.json'), `${JSON.stringify({ ...manifest, version }, null, 2)}\n`);
  console.log(`\nbuild: pkg/ holds soei-rewards ${version}`);
}

/** The entry points of one module (Node CommonJS and ESM, browsers, inlined), and their types;
 *  `jsEngine`: whether the module falls back to the JS engine where WebAssembly is off. */
function writeEntryPoints(name, dir, jsEngine) {
  const relativeDir = relative(pkg, dir) || '.';
  const entry = ['soei-rewards', relativeDir].filter((part) => part !== '.').join('/');
  // The JS engine from this module's folders, or the error of a module that has none.
  const engineFrom = (folder) => relative(join(dir, folder), join(pkg, 'engine')).replaceAll('\\', '/');
  const noWasm = `${entry} needs WebAssembly, which is off here; 'soei-rewards' itself runs without it`;
  // The public functions, as wasm-bindgen declared them: its web declarations up to the ones
  // of its loader (InitInput and after, with DOM types), which the Node entries replace.
  const webDeclarations = readFileSync(join(dir, 'web', `${name}.d.ts`), 'utf8');
  const loaderAt = webDeclarations.indexOf('\nexport type InitInput');
  if (loaderAt < 0) throw new Error(`build: ${name}.d.ts no longer declares InitInput: the Node declarations cannot be cut from it`);
  const declarations = webDeclarations.slice(0, loaderAt + 1);
  const functions = [...declarations.matchAll(/^export function (\w+)\(/gm)].map((m) => m[1]);

  // Node `require`: the module's CommonJS bundle (node/wasm.cjs, below: the web glue with the
  // bytes inlined, so no .wasm is read from disk by a path that a server bundle would break),
  // or where WebAssembly is off (`node --jitless`) the JS engine; `init()` exists so that one
  // code path serves all.
  writeFileSync(join(dir, 'node', 'index.cjs'), [
    `'use strict';`,
    `// Generated by scripts/build.mjs. Ready on require; init() resolves at once.`,
    // Marked as compiled from an ES module, so that TypeScript's and bundlers' CommonJS output
    // of \`import init from 'soei-rewards'\` reads exports.default rather than the whole object.
    `Object.defineProperty(exports, '__esModule', { value: true });`,
    // Jest's jsdom environment (where a React team tests its components) has no TextDecoder
    // or TextEncoder, which the glue needs as it loads: Node's own, only where they are missing.
    `if (typeof TextDecoder === 'undefined' || typeof TextEncoder === 'undefined') {`,
    `  const util = require('node:util');`,
    `  globalThis.TextDecoder ??= util.TextDecoder;`,
    `  globalThis.TextEncoder ??= util.TextEncoder;`,
    `}`,
    jsEngine
      ? `const wasm = typeof WebAssembly === 'object' ? require('./wasm.cjs') : require('${engineFrom('node')}/index.cjs').api;`
      : `if (typeof WebAssembly !== 'object') throw new Error(${JSON.stringify(noWasm)});\nconst wasm = require('./wasm.cjs');`,
    ...functions.map((f) => `exports.${f} = wasm.${f};`),
    `exports.engine = wasm.engine;`,
    `exports.init = () => Promise.resolve();`,
    `exports.initSync = () => undefined;`,
    `exports.default = exports.init;`,
    '',
  ].join('\n'));
  writeFileSync(join(dir, 'node', 'package.json'), '{ "type": "commonjs" }\n');

  // The module's bytes (base64), in a file of their own: the inlined entry imports it, and the
  // browser entry only where its .wasm did not load beside it (esbuild, Rollup).
  const wasmBase64 = readFileSync(join(dir, 'web', `${name}_bg.wasm`)).toString('base64');
  writeFileSync(join(dir, 'web', 'wasm-bytes.js'), [
    `// Generated by scripts/build.mjs: ${name}_bg.wasm, inlined.`,
    `const wasmBase64 = '${wasmBase64}';`,
    // The platform's own decoder: the standard one where there is one, Node's and Bun's Buffer
    // (Node 20's atob takes 100 ms here), else atob, which is native in browsers.
    `export function wasmBytes() {`,
    `  if (Uint8Array.fromBase64) return Uint8Array.fromBase64(wasmBase64);`,
    `  if (globalThis.Buffer) return globalThis.Buffer.from(wasmBase64, 'base64');`,
    `  const text = atob(wasmBase64);`,
    `  const bytes = new Uint8Array(text.length);`,
    `  for (let i = 0; i < text.length; i += 1) bytes[i] = text.charCodeAt(i);`,
    `  return bytes;`,
    `}`,
    '',
  ].join('\n'));
  // The module with its bytes inlined, around the web glue: for tools that cannot see a .wasm
  // beside the JS (esbuild, Rollup), and for server bundles (Next.js), Bun and Deno through the
  // Node ESM entry below. No file is read, so no path has to survive bundling.
  writeFileSync(join(dir, 'web', 'inline.js'), [
    `// Generated by scripts/build.mjs: ${name}_bg.wasm inlined. Call (and await) init() once before the functions.`,
    `import load, { initSync as loadSync } from './${name}.js';`,
    `import { wasmBytes } from './wasm-bytes.js';`,
    `import { wasmCompiles } from './results.js';`,
    `export { ${functions.join(', ')}, engine } from './${name}.js';`,
    `let loading;`,
    `function wasmIsOff() {`,
    `  return new Error(${JSON.stringify(`${entry}/inline needs WebAssembly, which is off here (or refused by the page's Content-Security-Policy)${jsEngine ? "; 'soei-rewards' falls back to its JavaScript engine" : ''}`)});`,
    `}`,
    `/** Compiles the inlined module (once, asynchronously); resolves when the functions are ready. */`,
    `export function init() {`,
    `  loading ??= wasmCompiles() ? load({ module_or_path: wasmBytes() }).then(() => undefined) : Promise.reject(wasmIsOff());`,
    `  return loading;`,
    `}`,
    `/** Compiles the inlined module synchronously (Node, workers); later calls do nothing. */`,
    `export function initSync() {`,
    `  if (loading === undefined) loadSync({ module: wasmBytes() });`,
    `  loading ??= Promise.resolve();`,
    `}`,
    `export default init;`,
    '',
  ].join('\n'));
  // Node `import` (and Bun, Deno, server bundles): ready on import, as `require` is. An ES
  // module of its own rather than a default import of index.cjs, whose interop Bun reads
  // differently. Where WebAssembly is off (`node --jitless`), the JS engine, loaded only then,
  // and synchronously: Metro (Expo's static render) bundles this file as CommonJS, where a
  // top-level await is a syntax error.
  writeFileSync(join(dir, 'node', 'index.mjs'), [
    `// Generated by scripts/build.mjs. Ready on import; init() resolves at once.`,
    ...(jsEngine ? [`import { createRequire } from 'node:module';`] : []),
    `import { initSync as compile } from '../web/inline.js';`,
    ...(jsEngine
      ? [
        `import { useJsEngine } from '../web/api.js';`,
        `if (typeof WebAssembly === 'object') compile();`,
        `else useJsEngine(createRequire(import.meta.url)('${engineFrom('node')}/index.cjs').api);`,
      ]
      : [`if (typeof WebAssembly !== 'object') throw new Error(${JSON.stringify(noWasm)});`, `compile();`]),
    `export { ${functions.join(', ')}, engine } from '../web/inline.js';`,
    `/** Resolves at once: the functions are ready on import. */`,
    `export function init() {`,
    `  return Promise.resolve();`,
    `}`,
    `/** Does nothing: the functions are ready on import. */`,
    `export function initSync() {}`,
    `export default init;`,
    '',
  ].join('\n'));
  // The Node and inlined declarations: wasm-bindgen's (functions and the types in
  // wasm/src/lib.rs), and an init() without browser types.
  const nodeInit = readFileSync(join(root, 'npm', 'init-node.d.ts'), 'utf8');
  const nodeDeclarations = `${declarations.replace(/^\/\* tslint:disable \*\/\n\/\* eslint-disable \*\/\n/, '')}\n${nodeInit}`;
  writeFileSync(join(dir, 'node', 'index.d.cts'), nodeDeclarations);
  writeFileSync(join(dir, 'node', 'index.d.mts'), nodeDeclarations);
  writeFileSync(join(dir, 'web', 'inline.d.ts'), nodeDeclarations);

  // The browser entry: a chain that never dead-ends, each step taken only where the one before
  // it failed, and each later step its own chunk where the bundler splits chunks (a page with
  // WebAssembly fetches nothing more): the .wasm beside the glue (Vite, webpack, Parcel,
  // Rsbuild, Next.js copy it); the inlined bytes (esbuild, Rollup and Angular do not copy it);
  // where WebAssembly is off or refused, the JS engine, and no .wasm is fetched at all.
  writeFileSync(join(dir, 'web', 'index.js'), [
    `// Generated by scripts/build.mjs. Call (and await) init() once before the functions.`,
    `import load, { initSync, useJsEngine } from './${name}.js';`,
    `import { wasmCompiles } from './results.js';`,
    `export { initSync, ${functions.join(', ')}, engine } from './${name}.js';`,
    `export default async function init(options) {`,
    `  if (options !== undefined) return load(options);`,
    `  if (wasmCompiles()) {`,
    `    try {`,
    `      return await load();`,
    `    } catch (error) {`,
    `      try {`,
    `        return initSync({ module: (await import('./wasm-bytes.js')).wasmBytes() });`,
    `      } catch (inlined) {`,
    `        throw new Error(\`soei-rewards: ${name}_bg.wasm did not load (\${error.message}), nor its inlined copy (\${inlined.message})\`, { cause: error });`,
    `      }`,
    `    }`,
    `  }`,
    jsEngine ? `  useJsEngine((await import('${engineFrom('web')}/index.js')).api);` : `  throw new Error(${JSON.stringify(noWasm)});`,
    `}`,
    `export { init };`,
    '',
  ].join('\n'));
  writeFileSync(join(dir, 'web', 'index.d.ts'), [
    `export * from './${name}.js';`,
    `export { default, default as init } from './${name}.js';`,
    `/** Which engine computes: 'wasm', 'js' (where WebAssembly is off), or null before init(). */`,
    `export function engine(): "wasm" | "js" | null;`,
    '',
  ].join('\n'));
  writeFileSync(join(dir, 'web', 'package.json'), '{ "type": "module" }\n');
  // Subpaths for resolvers that predate `exports` (TypeScript's node10, older bundlers).
  if (relativeDir !== '.') legacyManifest(dir, '.', 'index.js');
  legacyManifest(join(dir, 'inline'), '..', 'inline.js');
  console.log(`\nbuild: ${relativeDir}/ holds ${functions.join(', ')}`);
}

/**
 * node/wasm.cjs of one module: the web glue, the JS layer and the inlined bytes as one CommonJS
 * file, compiled synchronously on require. wasm-bindgen's own CommonJS output (its `nodejs`
 * target) reads the .wasm beside it by path, which a server bundle (Metro's for Expo's static
 * render, Turbopack's, esbuild's) breaks; the web glue, given the bytes, reads no file.
 * esbuild changes the modules' format, not their code.
 */
function bundleCommonJs(name, dir) {
  const entry = join(staging, name, 'node-entry.mjs');
  writeFileSync(entry, [
    `// Generated by scripts/build.mjs: the entry of node/wasm.cjs.`,
    `import { initSync } from ${JSON.stringify(join(dir, 'web', 'api.js'))};`,
    `import { wasmBytes } from ${JSON.stringify(join(dir, 'web', 'wasm-bytes.js'))};`,
    `initSync({ module: wasmBytes() });`,
    `export * from ${JSON.stringify(join(dir, 'web', 'api.js'))};`,
    '',
  ].join('\n'));
  // The glue's default URL of its .wasm (import.meta.url) is never taken: the bytes are given.
  run(join(root, 'node_modules', '.bin', 'esbuild'), [entry, '--bundle', '--format=cjs', '--platform=node', '--log-level=error', `--outfile=${join(dir, 'node', 'wasm.cjs')}`]);
}

/** A package.json in `folder` that names the entries in `base`/node and `base`/web. */
function legacyManifest(folder, base, browserEntry) {
  mkdirSync(folder, { recursive: true });
  const manifest = { main: `${base}/node/index.cjs`, types: `${base}/node/index.d.cts`, browser: `${base}/web/${browserEntry}` };
  writeFileSync(join(folder, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}
