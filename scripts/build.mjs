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
import { addResultLayer } from './result-layer.mjs';
import { kb, moduleSize } from './size.mjs';

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
  { name: 'soei_rewards', dir: pkg, cargoArgs: [], wasmOptExtra: mainInlining },
  { name: 'soei_rewards_population', dir: join(pkg, 'population'), cargoArgs: ['--features', 'population', '--config', 'profile.release.package.soei-rewards.opt-level=3'], wasmOptExtra: [] },
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
  for (const { name, dir, cargoArgs, wasmOptExtra } of modules) {
    for (const target of ['nodejs', 'web']) {
      const out = wasmPack(name, target, cargoArgs);
      const targetDir = join(dir, target === 'nodejs' ? 'node' : 'web');
      mkdirSync(targetDir, { recursive: true });
      run(wasmOpt, [...wasmOptFlags, ...wasmOptExtra, join(out, `${name}_bg.wasm`), '-o', join(targetDir, `${name}_bg.wasm`)]);
      for (const file of [`${name}.js`, `${name}.d.ts`]) copyFileSync(join(out, file), join(targetDir, file));
    }
    writeEntryPoints(name, dir);
    addResultLayer(name, dir);
  }
  // What users read: the package's own README, and the contract it links to.
  // Its size line is filled in from the modules just built, so that it cannot go stale.
  const sizes = `The main module's .wasm is ${kb(moduleSize('web', 'soei_rewards'))} gzipped; the population module's ${kb(moduleSize('population/web', 'soei_rewards_population'))}.`;
  writeFileSync(join(pkg, 'README.md'), readFileSync(join(root, 'npm', 'README.md'), 'utf8').replace('<!-- size -->', sizes));
  copyFileSync(join(root, 'docs', 'API.md'), join(pkg, 'API.md'));
  const manifest = JSON.parse(readFileSync(join(root, 'npm', 'package.json'), 'utf8'));
  writeFileSync(join(pkg, 'package.json'), `${JSON.stringify({ ...manifest, version }, null, 2)}\n`);
  console.log(`\nbuild: pkg/ holds soei-rewards ${version}`);
}

/** The entry points of one module (Node CommonJS and ESM, browsers, inlined), and their types. */
function writeEntryPoints(name, dir) {
  const relativeDir = relative(pkg, dir) || '.';
  // The public functions, as wasm-bindgen declared them for Node.
  const declarations = readFileSync(join(dir, 'node', `${name}.d.ts`), 'utf8');
  const functions = [...declarations.matchAll(/^export function (\w+)\(/gm)].map((m) => m[1]);

  // Node `require`: wasm-bindgen's CommonJS glue, which reads the .wasm beside it on load;
  // `init()` exists so that one code path serves all.
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
    `const wasm = require('./${name}.js');`,
    ...functions.map((f) => `exports.${f} = wasm.${f};`),
    `exports.init = () => Promise.resolve();`,
    `exports.initSync = () => undefined;`,
    `exports.default = exports.init;`,
    '',
  ].join('\n'));
  writeFileSync(join(dir, 'node', 'package.json'), '{ "type": "commonjs" }\n');

  // The module with its bytes inlined (base64), around the web glue: for tools that cannot
  // see a .wasm beside the JS (esbuild, Rollup), and for server bundles (Next.js), Bun and
  // Deno through the Node ESM entry below. No file is read, so no path has to survive bundling.
  const wasmBase64 = readFileSync(join(dir, 'web', `${name}_bg.wasm`)).toString('base64');
  writeFileSync(join(dir, 'web', 'inline.js'), [
    `// Generated by scripts/build.mjs: ${name}_bg.wasm inlined. Call (and await) init() once before the functions.`,
    `import load, { initSync as loadSync } from './${name}.js';`,
    `export { ${functions.join(', ')} } from './${name}.js';`,
    `const wasmBase64 = '${wasmBase64}';`,
    // The platform's own decoder: the standard one where there is one, Node's and Bun's Buffer
    // (Node 20's atob takes 100 ms here), else atob, which is native in browsers.
    `function wasmBytes() {`,
    `  if (Uint8Array.fromBase64) return Uint8Array.fromBase64(wasmBase64);`,
    `  if (globalThis.Buffer) return globalThis.Buffer.from(wasmBase64, 'base64');`,
    `  const text = atob(wasmBase64);`,
    `  const bytes = new Uint8Array(text.length);`,
    `  for (let i = 0; i < text.length; i += 1) bytes[i] = text.charCodeAt(i);`,
    `  return bytes;`,
    `}`,
    `let loading;`,
    `/** Compiles the inlined module (once, asynchronously); resolves when the functions are ready. */`,
    `export function init() {`,
    `  loading ??= load({ module_or_path: wasmBytes() }).then(() => undefined);`,
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
  // module of its own rather than a default import of index.cjs, whose interop Bun reads differently.
  writeFileSync(join(dir, 'node', 'index.mjs'), [
    `// Generated by scripts/build.mjs. Ready on import; init() resolves at once.`,
    `import { initSync } from '../web/inline.js';`,
    `initSync();`,
    `export * from '../web/inline.js';`,
    `export { default } from '../web/inline.js';`,
    '',
  ].join('\n'));
  // The Node and inlined declarations: wasm-bindgen's (functions and the types in
  // wasm/src/lib.rs), and an init() without browser types.
  const nodeInit = readFileSync(join(root, 'npm', 'init-node.d.ts'), 'utf8');
  const nodeDeclarations = `${declarations.replace(/^\/\* tslint:disable \*\/\n\/\* eslint-disable \*\/\n/, '')}\n${nodeInit}`;
  writeFileSync(join(dir, 'node', 'index.d.cts'), nodeDeclarations);
  writeFileSync(join(dir, 'node', 'index.d.mts'), nodeDeclarations);
  writeFileSync(join(dir, 'web', 'inline.d.ts'), nodeDeclarations);

  // wasm-bindgen's init(), whose failure to fetch the .wasm says what to do about it: the
  // bundlers that do not copy it (esbuild, Rollup) leave a URL that answers 404.
  const inlineEntry = ['soei-rewards', relativeDir, 'inline'].filter((part) => part !== '.').join('/');
  writeFileSync(join(dir, 'web', 'index.js'), [
    `// Generated by scripts/build.mjs. Call (and await) init() once before the functions.`,
    `import load from './${name}.js';`,
    `export { initSync, ${functions.join(', ')} } from './${name}.js';`,
    `export default async function init(options) {`,
    `  try {`,
    `    return await load(options);`,
    `  } catch (error) {`,
    `    if (options !== undefined) throw error;`,
    `    throw new Error(\`soei-rewards: ${name}_bg.wasm did not load (\${error.message}). A bundler that does not copy it beside the bundle (esbuild, Rollup) needs '${inlineEntry}' instead; Vite's dev server needs optimizeDeps: { exclude: ['soei-rewards'] }.\`, { cause: error });`,
    `  }`,
    `}`,
    `export { init };`,
    '',
  ].join('\n'));
  writeFileSync(join(dir, 'web', 'index.d.ts'), [
    `export * from './${name}.js';`,
    `export { default, default as init } from './${name}.js';`,
    '',
  ].join('\n'));
  writeFileSync(join(dir, 'web', 'package.json'), '{ "type": "module" }\n');
  // Subpaths for resolvers that predate `exports` (TypeScript's node10, older bundlers).
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
