// `npm run size`: the gzipped size of what a user downloads, per entry point of pkg/.
// (Run `npm run build` first.) The wasm budget is 45 KB gzipped.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { root } from './lib.mjs';

const BUDGET = 45 * 1024;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
let wasmOverBudget = false;
for (const target of ['web', 'node']) {
  const dir = join(root, 'pkg', target);
  for (const file of readdirSync(dir).filter((name) => /\.(wasm|js|cjs)$/.test(name)).sort()) {
    const bytes = readFileSync(join(dir, file));
    const gzipped = gzipSync(bytes, { level: 9 }).length;
    const note = file.endsWith('.wasm') ? (gzipped <= BUDGET ? '  (within the 45 KB budget)' : '  (OVER the 45 KB budget)') : '';
    wasmOverBudget ||= file.endsWith('.wasm') && gzipped > BUDGET;
    console.log(`${`${target}/${file}`.padEnd(32)} ${kb(bytes.length).padStart(9)} raw ${kb(gzipped).padStart(9)} gzipped${note}`);
  }
}
process.exitCode = wasmOverBudget ? 1 : 0;
