// Timing shared by the bench scripts: runs side by side in one process, round by round, and
// their statistics. Plain JavaScript with no import, so that bench/engine.mjs can run it in
// Hermes too (which has Date.now, and no `performance` before React Native's runtime adds
// it), and bench/browsers.mjs can serve it to its page (bench/page/page.js) as it is.
const clock = typeof performance === 'object' ? () => performance.now() : () => Date.now();

/** Wall times of `rounds` runs of each of `runs`, in milliseconds, round by round (one list
 *  per run), after one warm-up run each. The runs alternate round by round, so a machine that
 *  slows down or speeds up meanwhile weighs on all of them alike. */
function timesOf(rounds, ...runs) {
  for (const run of runs) run();
  const times = runs.map(() => []);
  for (let round = 0; round < rounds; round += 1) {
    runs.forEach((run, index) => {
      const start = clock();
      run();
      times[index].push(clock() - start);
    });
  }
  return times;
}

/** The median of `values`. */
export function median(values) {
  return quantile(values, 0.5);
}

/** The value `fraction` of the way through `values` in order (0.25: the lower quartile). */
export function quantile(values, fraction) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.round(fraction * (sorted.length - 1))];
}

/** Median wall times of `rounds` runs of each of `runs`, in milliseconds ([`timesOf`]). */
export function medians(rounds, ...runs) {
  return timesOf(rounds, ...runs).map(median);
}

/** How `run`'s time compares with `other`'s, round by round: each round times both (the
 *  first of the two alternating), and the ratios of those pairs give the median and the
 *  quartiles. A pair shares the machine's state of its moment, so this is steadier than a
 *  ratio of two medians, and the quartiles say how far one round's ratio strays. `settle`
 *  runs before each timed run, untimed: a garbage collection (`gc`, under --expose-gc), so
 *  that no run pays for the garbage the other left. */
export function pairedRatio(rounds, run, other, settle = () => {}) {
  for (const warm of [run, other, run, other]) warm();
  const ratios = [];
  for (let round = 0; round < rounds; round += 1) {
    const pair = round % 2 === 0 ? [run, other] : [other, run];
    const [first, second] = pair.map((timed) => {
      settle();
      const start = clock();
      timed();
      return clock() - start;
    });
    ratios.push(round % 2 === 0 ? first / second : second / first);
  }
  return { median: median(ratios), low: quantile(ratios, 0.25), high: quantile(ratios, 0.75), rounds };
}

/** `call` run `count` times (given the index), as one run to time. */
export function repeated(count, call) {
  return () => {
    for (let index = 0; index < count; index += 1) call(index);
  };
}
