// Builds the binding with its test-only `panic-probe` export (Node target, dev profile) into
// target/panic-probe/, for tests/js/panic.test.mjs. Never part of the package.
import { join } from 'node:path';
import { wasmPack } from './build.mjs';
import { isMain, root } from './lib.mjs';

export const probeDir = join(root, 'target', 'panic-probe');

if (isMain(import.meta.url)) {
  wasmPack('soei_rewards', 'nodejs', ['--features', 'panic-probe'], probeDir, ['--dev']);
}
