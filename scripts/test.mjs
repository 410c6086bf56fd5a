// `npm test`: every layer, fastest first, stopping at the first failure.
//   1. the native Rust core:           cargo test (unit, conformance and property tests)
//   2. the native fuzzer, bounded:     cargo fuzz (scripts/fuzz.mjs)
//   3. the boundary in real wasm:      wasm-bindgen-test under Node
//   4. the built package:              node --test tests/js (vectors, errors, imports, fuzz,
//                                      native/wasm agreement, the page in Chromium)
import { run } from './lib.mjs';

run('cargo', ['test', '--release', '--quiet']);
run('node', ['scripts/fuzz.mjs']);
run('wasm-pack', ['test', '--node', '--', '--test', 'wasm']);
run('node', ['scripts/build.mjs']);
run('node', ['--test', '--test-concurrency=1', 'tests/js/']);
