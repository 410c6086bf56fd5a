// In the page: one personalReward call of the package's browser build against the decimal.js
// baseline, rounds alternating, medians; the result lands in window.benchResult for
// bench/browsers.mjs to read. Where bench/browsers.mjs serves the bench-probe build under
// /probe/ (bench/bound.mjs), the parts of the call are timed in the same rounds: in which part
// an engine spends its time.

const EXAMPLE = { stp: '850', pool: '1000', tierTotals: ['8000', '5000', '3000', '2500'] };
// Enough calls that a round takes some 100 ms: Firefox rounds performance.now() to a
// millisecond, which over 2,000 calls was 0.5 µs a call, a step of 6% between two builds.
const CALLS = 20_000;
const ROUNDS = 21;

/** µs a call over CALLS calls. */
function time(call) {
  const start = performance.now();
  for (let index = 0; index < CALLS; index += 1) call(EXAMPLE);
  return ((performance.now() - start) * 1000) / CALLS;
}

/** The probe build's parts of a call, if it is served; none otherwise. */
async function probeParts() {
  const response = await fetch('/probe/soei_rewards.js', { method: 'HEAD' });
  if (!response.ok) return {};
  const probe = await import('/probe/soei_rewards.js');
  // The package's JS copy of the input (its results.js), then the walk: the floor of a call.
  const { readable } = await import('/pkg/web/results.js');
  await probe.default();
  return { empty: probe.probeEmpty, walk: probe.probeWalk, floor: (input) => probe.probeWalk(readable(input)), read: probe.probeRead, compute: probe.probeCompute, tape: probe.probeTape };
}

/** The build before issue 28 (a2960df), where bench/browsers.mjs serves it under /before/:
 *  the same call, timed in the same rounds (issue 28: no slower than it). */
async function beforeCall() {
  const response = await fetch('/before/web/index.js', { method: 'HEAD' });
  if (!response.ok) return {};
  const before = await import('/before/web/index.js');
  await before.default();
  return { before: before.personalReward };
}

try {
  // Imported here, so that a module that fails to load is reported rather than awaited.
  const { median, quantile } = await import('./timing.js');
  const { default: init, personalReward } = await import('/pkg/web/index.js');
  const baseline = await import('./baseline.js');
  await init();
  const calls = { js: baseline.personalReward, wasm: personalReward, ...(await beforeCall()), ...(await probeParts()) };
  const times = Object.fromEntries(Object.keys(calls).map((name) => [name, []]));
  for (let warm = 0; warm < 3; warm += 1) {
    for (const call of Object.values(calls)) time(call);
  }
  // Every other round in reverse order, so that no call always runs first or last.
  const entries = Object.entries(calls);
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const [name, call] of round % 2 === 0 ? entries : [...entries].reverse()) times[name].push(time(call));
  }
  // This build against a2960df, round by round: the median of the rounds' ratios, and their
  // quartiles.
  const pairs = times.before?.map((before, round) => times.wasm[round] / before);
  const versus = pairs && { median: median(pairs), low: quantile(pairs, 0.25), high: quantile(pairs, 0.75) };
  const same = personalReward(EXAMPLE).reward === baseline.personalReward(EXAMPLE).reward;
  window.benchResult = { ...Object.fromEntries(Object.entries(times).map(([name, list]) => [name, median(list)])), versus, same, calls: CALLS, rounds: ROUNDS, userAgent: navigator.userAgent };
} catch (error) {
  window.benchResult = { error: String(error) };
}
