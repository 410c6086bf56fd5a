// Timing shared by the bench scripts: runs side by side in one process, round by round. Plain
// JavaScript with no import, so that bench/engine.mjs can run it in Hermes too (which has
// Date.now, and no `performance` before React Native's runtime adds it).
const clock = typeof performance === 'object' ? () => performance.now() : () => Date.now();

/** Median wall times of `rounds` runs of each of `runs`, in milliseconds, after one warm-up
 *  run each. The runs alternate round by round, so a machine that slows down or speeds up
 *  meanwhile weighs on all of them alike. */
export function medians(rounds, ...runs) {
  for (const run of runs) run();
  const times = runs.map(() => []);
  for (let round = 0; round < rounds; round += 1) {
    runs.forEach((run, index) => {
      const start = clock();
      run();
      times[index].push(clock() - start);
    });
  }
  return times.map((list) => list.sort((a, b) => a - b)[Math.floor(list.length / 2)]);
}

/** `call` run `count` times (given the index), as one run to time. */
export function repeated(count, call) {
  return () => {
    for (let index = 0; index < count; index += 1) call(index);
  };
}
