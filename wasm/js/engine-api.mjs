// The entry of the JS engine's bundle (scripts/engine.mjs): the package's functions over the
// engine's core (wasm2js's module, which the bundler names `soei-rewards-engine-core`),
// shaped as the WebAssembly module's are once the result layer wraps them.
import * as core from 'soei-rewards-engine-core';
import { engineFunctions } from './engine.mjs';
import { withResultObjects } from './results.mjs';

const raw = engineFunctions(core);

// `start` stands for the WebAssembly module's start function, which wasm-bindgen exports too.
/** Every function of the main module, computed by the JS engine. */
export const api = { ...raw, ...withResultObjects(raw), engine: () => 'js', start() {} };
