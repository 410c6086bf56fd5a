// The browser entry (bundlers, workers, a page's own <script type="module">). Call (and
// await) init() once before the functions. A chain that never dead-ends, each step taken only
// where the one before it failed, and each later step its own chunk where the bundler splits
// chunks (a page with WebAssembly fetches nothing more): the .wasm beside the glue (Vite,
// webpack, Parcel, Rsbuild, Next.js copy it); the inlined bytes (esbuild, Rollup and Angular
// do not copy it); where WebAssembly is off or refused, the JS engine, and no .wasm is
// fetched at all.
import load, { initSync } from './api.js';
import { wasmCompiles } from './results.js';
import { use } from './state.js';
import { jsEngine } from './without-wasm.js';

export * from './api.js';

/** Loads the module, or where WebAssembly is off the JS engine; resolves when the functions
 *  are ready. `options` go to wasm-bindgen's loader as they are. @param {any} [options] */
export default async function init(options) {
  if (options !== undefined) return load(options);
  if (wasmCompiles()) {
    try {
      return await load();
    } catch (error) {
      try {
        return initSync({ module: (await import('./wasm-bytes.js')).wasmBytes() });
      } catch (inlined) {
        throw new Error(`soei-rewards: the .wasm did not load (${message(error)}), nor its inlined copy (${message(inlined)})`, { cause: error });
      }
    }
  }
  use(await jsEngine(), 'js');
}
export { init };

/** @param {unknown} error */
const message = (error) => (error instanceof Error ? error.message : String(error));
