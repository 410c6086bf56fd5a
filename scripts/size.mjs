// `npm run size`: the gzipped size of what a user downloads, per entry point of pkg/.
// (Run `npm run build` first.) The budget, 45 KB gzipped, is for the module of the contract's
// functions (the main entry); `soei-rewards/population` is a separate, optional download.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { root } from './lib.mjs';

const BUDGET = 45_000;
const kb = (bytes) => `${(bytes / 1000).toFixed(1)} KB`;
let overBudget = false;
for (const dir of ['web', 'node', 'population/web', 'population/node']) {
  const budgeted = !dir.startsWith('population/');
  for (const file of readdirSync(join(root, 'pkg', dir)).filter((name) => /\.(wasm|js|cjs)$/.test(name)).sort()) {
    const bytes = readFileSync(join(root, 'pkg', dir, file));
    const gzipped = gzipSync(bytes, { level: 9 }).length;
    const withinBudget = gzipped <= BUDGET;
    const note = budgeted && file.endsWith('.wasm') ? (withinBudget ? '  (within the 45 KB budget)' : '  (OVER the 45 KB budget)') : '';
    overBudget ||= budgeted && file.endsWith('.wasm') && !withinBudget;
    console.log(`${`${dir}/${file}`.padEnd(52)} ${kb(bytes.length).padStart(9)} raw ${kb(gzipped).padStart(9)} gzipped${note}`);
  }
}
process.exitCode = overBudget ? 1 : 0;
