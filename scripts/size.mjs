// `npm run size`: the gzipped size of what a user downloads, per entry point of pkg/.
// (Run `npm run build` first.) The budget, 45 KB gzipped, is for the module of the contract's
// functions (the main entry); `soei-rewards/population` is a separate, optional download.
// The package tests check the budget with the same measure.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { root } from './lib.mjs';

/** Bytes, gzipped at level 9 with Node's zlib, that the main module may take. */
export const WASM_BUDGET = 45_000;
/** The main module's builds, which the budget is for. */
export const BUDGETED_DIRS = ['web', 'node'];

/** A file's size gzipped at level 9 (Node's zlib), in bytes. */
export function gzippedSize(path) {
  return gzipSync(readFileSync(path), { level: 9 }).length;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const kb = (bytes) => `${(bytes / 1000).toFixed(1)} KB`;
  let overBudget = false;
  for (const dir of [...BUDGETED_DIRS, 'population/web', 'population/node']) {
    for (const file of readdirSync(join(root, 'pkg', dir)).filter((name) => /\.(wasm|js|cjs)$/.test(name)).sort()) {
      const path = join(root, 'pkg', dir, file);
      const gzipped = gzippedSize(path);
      const budgeted = BUDGETED_DIRS.includes(dir) && file.endsWith('.wasm');
      const note = !budgeted ? '' : gzipped <= WASM_BUDGET ? '  (within the 45 KB budget)' : '  (OVER the 45 KB budget)';
      overBudget ||= budgeted && gzipped > WASM_BUDGET;
      console.log(`${`${dir}/${file}`.padEnd(52)} ${kb(readFileSync(path).length).padStart(9)} raw ${kb(gzipped).padStart(9)} gzipped${note}`);
    }
  }
  process.exitCode = overBudget ? 1 : 0;
}
