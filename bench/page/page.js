// In the page: one personalReward call of the package's browser build against the decimal.js
// baseline, rounds alternating, medians; the result lands in window.benchResult for
// bench/browsers.mjs to read.

const EXAMPLE = { stp: '850', pool: '1000', tierTotals: ['8000', '5000', '3000', '2500'] };
const CALLS = 2_000;
const ROUNDS = 15;

/** µs a call over CALLS calls. */
function time(call) {
  const start = performance.now();
  for (let index = 0; index < CALLS; index += 1) call(EXAMPLE);
  return ((performance.now() - start) * 1000) / CALLS;
}

try {
  // Imported here, so that a module that fails to load is reported rather than awaited.
  const { default: init, personalReward } = await import('/pkg/web/index.js');
  const baseline = await import('./baseline.js');
  await init();
  for (let warm = 0; warm < 3; warm += 1) {
    time(personalReward);
    time(baseline.personalReward);
  }
  const wasm = [];
  const js = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    wasm.push(time(personalReward));
    js.push(time(baseline.personalReward));
  }
  const median = (list) => list.sort((a, b) => a - b)[list.length >> 1];
  const same = personalReward(EXAMPLE).reward === baseline.personalReward(EXAMPLE).reward;
  window.benchResult = { wasm: median(wasm), js: median(js), same, userAgent: navigator.userAgent };
} catch (error) {
  window.benchResult = { error: String(error) };
}
