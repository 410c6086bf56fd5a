export * from './soei_rewards.js';
export { default, default as init } from './soei_rewards.js';
/** Which engine computes: 'wasm', 'js' (where WebAssembly is off), or null before init(). */
export function engine(): "wasm" | "js" | null;
