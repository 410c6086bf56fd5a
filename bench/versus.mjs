// `node --expose-gc bench/versus.mjs <case>`: one of bench/cases.mjs's operations, this build
// against a2960df alone (bench/timing.mjs's pairedRatio), in this process; prints its result
// as JSON for bench/bench.mjs, which runs this in several processes and reports across them.
import { BEFORE, CASES, CURRENT, load, releaseBuild } from './cases.mjs';
import { pairedRatio, repeated } from './timing.mjs';

const testCase = CASES[Number(process.argv[2])];
if (!testCase) throw new Error(`versus.mjs: no case ${process.argv[2]} (0 to ${CASES.length - 1})`);
const input = testCase.data();
const { rounds, repeat } = testCase.versus;
const [current, before] = [load(CURRENT), load(releaseBuild(BEFORE))];
// Each run from a collected heap (bench/bench.mjs runs this with --expose-gc): the curve's runs
// leave megabytes of typed arrays, and the next run, of either build, paid for them.
const collect = typeof globalThis.gc === 'function' ? globalThis.gc : () => {};
console.log(JSON.stringify(pairedRatio(rounds, repeated(repeat, testCase.wasm(current, input)), repeated(repeat, testCase.wasm(before, input)), collect)));
