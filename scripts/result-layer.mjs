// The package's JS layer around wasm-bindgen's glue (which stays as generated): every export
// that takes an input gets it copied into plain data first, and those that return a result
// as one string (a tape, tape/src/lib.rs) get it made into its object, by
// wasm/js/results.mjs and the builders generated from the Rust types (wasm/js/shapes.js,
// scripts/boundary.mjs). For one module folder of pkg/ this
//   - ships results.mjs as web/results.js, with tape.js and shapes.js beside it,
//   - fails if the glue exports a function that has no builder and is not known to return a
//     plain value (results.mjs, PLAIN_RESULTS): no export ever hands users a tape,
//   - fills web/api.js's generated line (npm/module/web/api.js): the glue's functions, which
//     every entry exports through it.
import { copyFileSync, writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { fillGeneratedLine, root } from './lib.mjs';

/** Throws if one of the glue's `functions` would hand users a tape: one that shapes.js has no
 *  builder for, and that results.mjs does not list as returning a plain value. */
export async function checkBuilders(functions) {
  const { BUILDERS, COLUMNS } = await import(pathToFileURL(join(root, 'wasm', 'js', 'shapes.js')).href);
  const { PLAIN_RESULTS } = await import(pathToFileURL(join(root, 'wasm', 'js', 'results.mjs')).href);
  const unbuilt = functions.filter((name) => !(name in BUILDERS) && !COLUMNS.includes(name) && !PLAIN_RESULTS.includes(name));
  if (unbuilt.length > 0) throw new Error(`result layer: no builder for ${unbuilt.join(', ')}: add the function to examples/boundary.rs's samples (its result type then gets one), or to PLAIN_RESULTS in wasm/js/results.mjs if it returns a plain value`);
}

/** Ships the JS layer into a module's `webDir` (where npm/module/web's entries and the glue,
 *  `<glue>.js`, already are) and fills api.js's one generated line: the functions the glue
 *  exports, read from the glue's own exports (imported here, in Node: the web glue does
 *  nothing on import), through the same filter the entries' forwarders use. Returns them. */
export async function addResultLayer(webDir, glue) {
  writeFileSync(join(webDir, 'results.js'), readFileSync(join(root, 'wasm', 'js', 'results.mjs'), 'utf8'));
  for (const file of ['tape.js', 'shapes.js']) copyFileSync(join(root, 'wasm', 'js', file), join(webDir, file));
  const { forwardersOf } = await import(pathToFileURL(join(webDir, 'state.js')).href);
  const functions = Object.keys(forwardersOf(await import(pathToFileURL(join(webDir, `${glue}.js`)).href)));
  await checkBuilders(functions);
  fillGeneratedLine(join(webDir, 'api.js'), "the glue's functions", `export const { ${functions.join(', ')} } = forwardersOf(glue);`);
  return functions;
}
