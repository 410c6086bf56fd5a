// The entry of node/wasm.cjs (scripts/build.mjs bundles it with esbuild; it is not shipped):
// the web glue, the JS layer and the inlined bytes as one CommonJS file, compiled
// synchronously on require. wasm-bindgen's own CommonJS output (its `nodejs` target) reads the
// .wasm beside it by path, which a server bundle (Metro's for Expo's static render,
// Turbopack's, esbuild's) breaks; the web glue, given the bytes, reads no file.
import { initSync } from '../web/api.js';
import { wasmBytes } from '../web/wasm-bytes.js';

initSync({ module: wasmBytes() });

export * from '../web/api.js';
