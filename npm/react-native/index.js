// soei-rewards for React Native (Metro resolves the package's `react-native` condition here).
// Hermes has no WebAssembly, so the functions run on the package's JavaScript engine: the
// same Rust core, turned into JavaScript by wasm2js (README, "Without WebAssembly"). Ready on
// import: no top-level await, no import.meta, no TextDecoder, no WebAssembly.
import { api } from '../engine/index.js';

export const personalReward = api.personalReward;
export const ambassadorReward = api.ambassadorReward;
export const rankProgress = api.rankProgress;
export const rankingPeriod = api.rankingPeriod;
export const projectReward = api.projectReward;
export const rewardCurve = api.rewardCurve;
export const stprFromReferrals = api.stprFromReferrals;
export const pointsForReward = api.pointsForReward;
export const pacePlan = api.pacePlan;
export const ladders = api.ladders;
export const isSoeiError = api.isSoeiError;
export const wasmMemoryBytes = api.wasmMemoryBytes;
/** Stands for the WebAssembly module's start function, which the other entries export too. */
export const start = api.start;
/** Which engine computes: always 'js' here. */
export const engine = api.engine;

/** Resolves at once: the functions are ready on import. (For code shared with the web.) */
export function init() {
  return Promise.resolve();
}

/** Does nothing: the functions are ready on import. */
export function initSync() {}

export default init;
