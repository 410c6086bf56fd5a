/**
 * Resolves once the functions are ready. In Node (`import` or `require`) the module is ready
 * as soon as it is loaded and this resolves at once; it exists so that code written for
 * browsers (`await init()` before any call) runs unchanged. From `soei-rewards/inline` it
 * compiles the inlined module (once).
 */
export function init(): Promise<void>;
export default init;

/** Loads the module synchronously if it is not loaded yet (in Node it already is). */
export function initSync(): void;

/**
 * Which engine computes: "wasm" (the WebAssembly module), or "js" where WebAssembly is off
 * (iOS Lockdown Mode, `node --jitless`, a CSP without 'wasm-unsafe-eval', React Native's
 * Hermes): the same Rust core turned into JavaScript, with the same results and errors, slower.
 * null only before `init()` has loaded a module in a browser.
 */
export function engine(): "wasm" | "js" | null;
