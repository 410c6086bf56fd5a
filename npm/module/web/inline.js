// The module with its bytes inlined (wasm-bytes.js), around the web glue: for tools that
// cannot see a .wasm beside the JS (esbuild, Rollup), and for server bundles (Next.js), Bun and
// Deno through the Node ES entry. No file is read, so no path has to survive bundling. Call
// (and await) init() once before the functions.
import load, { initSync as loadSync } from './api.js';
import { wasmCompiles } from './results.js';
import { wasmBytes } from './wasm-bytes.js';

export * from './api.js';

/** @type {Promise<void> | undefined} */
let loading;

/** Compiles the inlined module (once, asynchronously); resolves when the functions are ready. */
export function init() {
  loading ??= wasmCompiles()
    ? load({ module_or_path: wasmBytes() }).then(() => undefined)
    : Promise.reject(new Error("soei-rewards: the inlined module needs WebAssembly, which is off here (or refused by the page's Content-Security-Policy); the package's main entry, 'soei-rewards', falls back to its JavaScript engine"));
  return loading;
}

/** Compiles the inlined module synchronously (Node, workers); later calls do nothing. */
export function initSync() {
  if (loading === undefined) loadSync({ module: wasmBytes() });
  loading ??= Promise.resolve();
}

export default init;
