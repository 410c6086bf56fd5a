// `npm test`: every layer, fastest first, stopping at the first failure.
//   1. the Rust core, natively:        cargo test (unit, doc, conformance and property tests),
//                                      then clippy denying panics (indexing, unwrap, expect,
//                                      unchecked arithmetic) outside tests (Cargo.toml [lints])
//   2. a consumer with its own global allocator builds for wasm32 against the core
//   3. the native fuzzer, bounded:     cargo fuzz (scripts/fuzz.mjs)
//   4. the binding in real wasm:       wasm-bindgen-test under Node (wasm-pack test)
//   5. the built package:              node --test tests/js (vectors, errors, types, imports,
//                                      the environments: Next.js, Bun, Deno, esbuild, Rollup,
//                                      three browser engines; fuzz, native/wasm agreement,
//                                      the page in Chromium)
import { run } from './lib.mjs';

run('cargo', ['test', '--release', '--quiet', '--workspace', '--all-features']);
run('cargo', ['clippy', '--release', '--quiet', '--workspace', '--all-features', '--', '-D', 'warnings']);
run('cargo', ['build', '--release', '--quiet', '--target', 'wasm32-unknown-unknown', '--manifest-path', 'tests/allocator-consumer/Cargo.toml', '--target-dir', 'target/allocator-consumer']);
run('node', ['scripts/fuzz.mjs']);
run('wasm-pack', ['test', '--node', 'wasm', '--test', 'wasm']);
run('node', ['scripts/build.mjs']);
run('node', ['scripts/build-probe.mjs']);
run('node', ['--test', '--test-concurrency=1', 'tests/js/']);
