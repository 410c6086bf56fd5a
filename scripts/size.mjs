// `npm run size`: the gzipped size of what a user downloads, per entry point of pkg/.
// (Run `npm run build` first.) The ceiling is for the module of the contract's functions
// (the main entry); `soei-rewards/population` is a separate, optional download. The package
// tests check the ceiling with the same measure, so that growth is caught.
//
// The goal is 80 KB. With the design card's stack (serde-wasm-bindgen both ways,
// serde_path_to_error, console_error_panic_hook and std) the module measures 124.1 KB, and
// configuration alone does not reach 80 KB; the exact fast paths of single calls add 7 KB.
// The README's Size section has every measured step. The ceiling is the result with a small
// margin.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { isMain, root } from './lib.mjs';

/** Bytes, gzipped at level 9 with Node's zlib, that the main module may take. */
export const WASM_BUDGET = 135_000;
/** The main module's builds, which the budget is for. */
export const BUDGETED_DIRS = ['web', 'node'];

/** A file's size gzipped at level 9 (Node's zlib), in bytes. */
export function gzippedSize(path) {
  return gzipSync(readFileSync(path), { level: 9 }).length;
}

if (isMain(import.meta.url)) {
  const kb = (bytes) => `${(bytes / 1000).toFixed(1)} KB`;
  let overBudget = false;
  for (const dir of [...BUDGETED_DIRS, 'population/web', 'population/node']) {
    for (const file of readdirSync(join(root, 'pkg', dir)).filter((name) => /\.(wasm|js|cjs)$/.test(name)).sort()) {
      const path = join(root, 'pkg', dir, file);
      const gzipped = gzippedSize(path);
      const budgeted = BUDGETED_DIRS.includes(dir) && file.endsWith('.wasm');
      const note = !budgeted ? '' : gzipped <= WASM_BUDGET ? '  (within the ceiling)' : '  (OVER the ceiling)';
      overBudget ||= budgeted && gzipped > WASM_BUDGET;
      console.log(`${`${dir}/${file}`.padEnd(52)} ${kb(readFileSync(path).length).padStart(9)} raw ${kb(gzipped).padStart(9)} gzipped${note}`);
    }
  }
  process.exitCode = overBudget ? 1 : 0;
}
