'use strict';
// Node's `require` entry: ready on require; init() resolves at once. The functions come from
// the module's CommonJS bundle (wasm.cjs: the web glue with its bytes inlined, so no .wasm is
// read from disk by a path that a server bundle would break), or where WebAssembly is off
// (`node --jitless`) from the JS engine.

// Marked as compiled from an ES module, so that TypeScript's and bundlers' CommonJS output of
// `import init from 'soei-rewards'` reads exports.default rather than the whole object.
Object.defineProperty(exports, '__esModule', { value: true });
// Jest's jsdom environment (where a React team tests its components) has no TextDecoder or
// TextEncoder, which the glue needs as it loads: Node's own, only where they are missing.
if (typeof TextDecoder === 'undefined' || typeof TextEncoder === 'undefined') {
  const util = require('node:util');
  globalThis.TextDecoder ??= util.TextDecoder;
  globalThis.TextEncoder ??= util.TextEncoder;
}
const functions = typeof WebAssembly === 'object' ? require('./wasm.cjs') : require('./without-wasm.cjs');

/** Resolves at once: the functions are ready on require. */
function init() {
  return Promise.resolve();
}
Object.assign(exports, functions, { init, initSync() {}, default: init });
// The same names for readers that find a CommonJS module's exports without running it (Node's
// `import` of this file, @arethetypeswrong): the statement esbuild writes for them, never run.
// @ts-ignore: the names are this module's exports, not variables
// generated: the module's exports
0 && (module.exports = { personalReward, init, initSync: init, default: init });
