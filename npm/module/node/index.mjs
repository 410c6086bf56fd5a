// Node's `import` entry (and Bun's, Deno's, server bundles'): ready on import, as `require` is;
// init() resolves at once. An ES module of its own rather than a default import of index.cjs,
// whose interop Bun reads differently. Where WebAssembly is off (`node --jitless`), the JS
// engine, loaded only then, and synchronously: Metro (Expo's static render) bundles this file
// as CommonJS, where a top-level await is a syntax error.
import { createRequire } from 'node:module';
import { initSync as compile } from '../web/inline.js';
import { use } from '../web/state.js';

if (typeof WebAssembly === 'object') compile();
else use(createRequire(import.meta.url)('./without-wasm.cjs'), 'js');

export * from '../web/inline.js';

/** Resolves at once: the functions are ready on import. */
export function init() {
  return Promise.resolve();
}

/** Does nothing: the functions are ready on import. */
export function initSync() {}

export default init;
