// Shared by the JS test files: the project's one copy of the conformance vectors, the
// subset comparison of the vectors' README, and the built package (both of its modules).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const pkgDir = join(root, 'pkg');
const require = createRequire(import.meta.url);
/** The package through its Node CommonJS entry, or with SOEI_ENTRY=import its ES module entry
 *  (a child process under `node --jitless` runs either on the JS engine: engine.test.mjs). */
export const soei = process.env.SOEI_ENTRY === 'import' ? await import(pathToFileURL(join(pkgDir, 'node', 'index.mjs')).href) : require(pkgDir);
/** `soei-rewards/population`: the contract's functions and the population-scale ones; null
 *  where WebAssembly is off, which that module needs. */
export const population = typeof WebAssembly === 'object' ? require(join(pkgDir, 'population', 'node', 'index.cjs')) : null;
export const cases = JSON.parse(readFileSync(join(root, 'tests', 'vectors', 'conformance.json'), 'utf8'));

export const example = Object.freeze({ stp: '850', pool: '1000', tierTotals: ['8000', '5000', '3000', '2500'] });

/** Where `actual` differs from `expected` (a subset: objects by the keys it lists), or null. */
export function mismatch(actual, expected, path = '') {
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual) !== Array.isArray(expected)) {
      return `${path}: got ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`;
    }
    if (Array.isArray(expected) && actual.length !== expected.length) {
      return `${path}: ${actual.length} items, expected ${expected.length}`;
    }
    for (const key of Object.keys(expected)) {
      const inner = Array.isArray(expected) ? `${path}[${key}]` : `${path}.${key}`;
      if (!Object.hasOwn(actual, key)) return `${inner}: missing`;
      const found = mismatch(actual[key], expected[key], inner);
      if (found) return found;
    }
    return null;
  }
  return Object.is(actual, expected) ? null : `${path}: got ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`;
}

/** Runs `call`, which must throw a coded Error for `field`; returns the error. */
export function thrown(call) {
  try {
    call();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
}
