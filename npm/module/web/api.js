// The module's functions as the entries export them: wasm-bindgen's glue (unchanged) behind
// the package's JS layer (results.js: each input copied into plain data, each tape made into
// its object). The build copies this file into each module's web/ folder, and
// scripts/result-layer.mjs writes its one generated line below: the names of the functions
// the glue exports. (Nothing is re-exported from the glue with `export *`: Parcel's scope
// hoisting, 2.16, loses the namespace of a module that is also re-exported whole.)
import * as glue from './soei_rewards.js';
import { withResultObjects } from './results.js';
import { forwardersOf, use } from './state.js';

export { engine } from './state.js';

// generated: the glue's functions
export const { personalReward } = forwardersOf(glue);

/** @template T @param {T} output @returns {T} */
function loaded(output) {
  use({ ...glue, ...withResultObjects(glue) }, 'wasm');
  return output;
}

/** Loads the module (wasm-bindgen's loader: a URL, a Response, bytes or a compiled module;
 *  by default the .wasm beside the glue). @param {any} [options] */
export default async function init(options) {
  return loaded(await glue.default(options));
}

/** Loads the module synchronously from its bytes or a compiled module. @param {any} options */
export function initSync(options) {
  return loaded(glue.initSync(options));
}
