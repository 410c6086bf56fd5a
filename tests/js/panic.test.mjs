// console_error_panic_hook is installed when the module starts: a bug (here the test-only
// `panicProbe` export of a build with the `panic-probe` feature, made by
// scripts/build-probe.mjs) prints its message and location on console.error, instead of a
// bare "RuntimeError: unreachable".
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { test } from 'node:test';
import { probeDir } from '../../scripts/build-probe.mjs';

test('a panic reports its message and location on console.error', () => {
  const probe = createRequire(import.meta.url)(join(probeDir, 'soei_rewards.js'));
  const logged = [];
  const original = console.error;
  console.error = (...args) => logged.push(args.join(' '));
  try {
    assert.throws(() => probe.panicProbe(), WebAssembly.RuntimeError);
  } finally {
    console.error = original;
  }
  const report = logged.join('\n');
  assert.match(report, /panic probe: this message must reach console.error/);
  assert.match(report, /wasm\/src\/lib\.rs:\d+:\d+/, 'the location of the panic');
  // A module that has panicked may be in any state: the package's own modules never do.
});
