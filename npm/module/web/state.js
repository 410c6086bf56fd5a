// Which engine runs the entries' functions: none until init() has loaded the WebAssembly
// module, or the JS engine where WebAssembly is off (scripts/build.mjs copies this file into
// each module's web/ folder). The entries' exports are forwarders made here once, so that a
// function taken before init() (`const { personalReward } = await import(…)`) works after it.
import { beforeInit } from './results.js';

/** The functions in use (by name), or null before init(). */
let functions = null;
/** @type {'wasm' | 'js' | null} */
let running = null;

/** Runs the entries' functions on `chosen` from now on: the wrapped wasm exports, or the JS
 *  engine's (pkg/engine), as `engineName`.
 *  @param {Record<string, Function>} chosen
 *  @param {'wasm' | 'js'} engineName */
export function use(chosen, engineName) {
  functions = chosen;
  running = engineName;
}

/** Which engine computes: 'wasm', 'js' (where WebAssembly is off), or null before init(). */
export function engine() {
  return running;
}

/** One forwarder per function that wasm-bindgen's `glue` exports (its loaders aside): it calls
 *  the function of that name in use, and until init() has loaded the module it throws an
 *  error saying so, where the glue would throw a bare TypeError about its missing instance.
 *  Every export takes one input at most, so one parameter is forwarded (no rest array per call).
 *  @param {Record<string, unknown>} glue
 *  @returns {Record<string, (input?: unknown) => unknown>} */
export function forwardersOf(glue) {
  /** @type {Record<string, (input?: unknown) => unknown>} */
  const forwarders = {};
  for (const [name, value] of Object.entries(glue)) {
    if (typeof value !== 'function' || name === 'default' || name === 'initSync') continue;
    const notYet = beforeInit(name);
    forwarders[name] = (input) => (functions === null ? notYet() : functions[name](input));
  }
  return forwarders;
}
