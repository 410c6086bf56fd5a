// Builds the package's JavaScript engine, for where WebAssembly is off (README, "Without
// WebAssembly"): the core behind the C-ABI binding in engine/ (no wasm-bindgen), compiled for
// the WebAssembly MVP, lowered to what binaryen's wasm2js takes, turned into an ES module by
// wasm2js, and bundled with the package's thin JS layer (wasm/js/engine-api.mjs) by esbuild
// into pkg/engine/index.js (ES module) and pkg/engine/index.cjs (CommonJS).
//
// The settings were chosen by measurement (docs/performance.md, "the JS engine"): the core at
// opt-level "z" (the workspace's release profile) and binaryen at -Oz make the smallest engine
// (146.6 KB gzipped after esbuild's minifier, where "3" and -O3 make 187 KB); "3" is about a
// quarter faster under `node --jitless`, not enough to meet the speed target either way.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GENERATED_BANNER, isMain, root, run } from './lib.mjs';

const bin = (name) => join(root, 'node_modules', '.bin', name);
const targetDir = join(root, 'target', 'engine');
/** wasm2js's ES module of the engine: what `soei-rewards-engine-core` names in the bundle. */
export const engineCore = join(targetDir, 'engine-core.mjs');

/** Builds the engine's core as JavaScript into `engineCore`. */
export function buildEngineCore() {
  // Rust's wasm32 target now emits post-MVP instructions (sign extension, bulk memory,
  // non-trapping conversions) that wasm2js does not translate: `mvp` leaves them out of the
  // crate's code, and wasm-opt lowers the ones in the prebuilt standard library.
  // The tape writer and serde at the core's "z" too (the WebAssembly module keeps them at 3 for
  // speed, Cargo.toml): 0.7 KB gzipped less, and no slower here (docs/performance.md).
  run('cargo', ['build', '--release', '--quiet', '-p', 'soei-rewards-engine', '--target', 'wasm32-unknown-unknown', '--target-dir', targetDir,
    ...['soei-rewards-tape', 'serde_core'].flatMap((crate) => ['--config', `profile.release.package.${crate}.opt-level="z"`])], {
    env: { ...process.env, RUSTFLAGS: '-Ctarget-cpu=mvp' },
  });
  const built = join(targetDir, 'wasm32-unknown-unknown', 'release', 'soei_rewards_engine.wasm');
  const lowered = join(targetDir, 'engine-mvp.wasm');
  run(bin('wasm-opt'), [
    // As the WebAssembly module's (scripts/build.mjs): its memory is its own, so zero-filled,
    // and Rust never uses its lowest 1 KiB.
    built, '-o', lowered, '-Oz', '--low-memory-unused', '--zero-filled-memory',
    '--llvm-nontrapping-fptoint-lowering', '--llvm-memory-copy-fill-lowering', '--signext-lowering',
    '--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-sign-ext', '--enable-mutable-globals',
    '--enable-multivalue', '--enable-reference-types',
  ]);
  run(bin('wasm2js'), [lowered, '-Oz', '-o', engineCore]);
}

/** Bundles the engine with its JS layer into `folder` (pkg/engine): index.js and index.cjs. */
export function bundleEngine(folder) {
  mkdirSync(folder, { recursive: true });
  const common = [
    join(root, 'wasm', 'js', 'engine-api.mjs'), '--bundle', '--minify', '--log-level=warning',
    `--alias:soei-rewards-engine-core=${engineCore}`,
    // Hermes (React Native) and older web views: nothing newer than ES2017 is left.
    '--target=es2017',
    GENERATED_BANNER,
  ];
  run(bin('esbuild'), [...common, '--format=esm', `--outfile=${join(folder, 'index.js')}`]);
  run(bin('esbuild'), [...common, '--format=cjs', `--outfile=${join(folder, 'index.cjs')}`]);
  writeFileSync(join(folder, 'package.json'), '{ "type": "module" }\n');
}

if (isMain(import.meta.url)) {
  buildEngineCore();
  bundleEngine(join(root, 'pkg', 'engine'));
}
