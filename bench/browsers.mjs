// `npm run bench`, in browsers: one personalReward call of the package's browser build against
// the decimal.js baseline inside a page (bench/page/), in each of the three engines the
// package's users run (tests/js/engines.mjs: Chromium, Firefox ESR, WebKitGTK — the engine of
// every iOS web view). The same page also times the parts of the call with the bench-probe
// build (bench/bound.mjs), so that an engine's ratio can be traced to a part.
// Writes the tables into README.md between its bench:browsers markers.
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root, writeReadmeBlock } from '../scripts/lib.mjs';
import { serveFolders } from '../scripts/serve.mjs';
import { ENGINES, launchEngine } from '../tests/js/engines.mjs';
import { buildProbe } from './bound.mjs';

// The page's folder: the page, the baseline with decimal.js beside it (a browser resolves no
// bare specifiers), served with the browser build under /pkg/.
/** How long one engine may take: launch, load, 24 rounds (3 to warm up) of 20,000 calls of each function. */
const ENGINE_TIMEOUT_MS = 240_000;
const folder = mkdtempSync(join(tmpdir(), 'soei-bench-page-'));
const rows = [];
const partRows = [];
/** How the page timed the calls (bench/page/page.js), as it reports them. */
let counts = 'rounds';
let server;
try {
  for (const file of ['index.html', 'page.js']) copyFileSync(join(root, 'bench', 'page', file), join(folder, file));
  // .js names: the server types .js as JavaScript (a module script needs that type).
  copyFileSync(join(root, 'node_modules', 'decimal.js', 'decimal.mjs'), join(folder, 'decimal.js'));
  // The bench scripts' statistics (no imports: it runs as it is in a page).
  copyFileSync(join(root, 'bench', 'timing.mjs'), join(folder, 'timing.js'));
  const baseline = readFileSync(join(root, 'bench', 'baseline.mjs'), 'utf8').replace("from 'decimal.js'", "from './decimal.js'");
  writeFileSync(join(folder, 'baseline.js'), baseline);
  // The build before issue 28 (a2960df), which `node bench/bench.mjs` builds: timed beside
  // this one where it is there.
  const before = join(root, 'target', 'bench-a2960df', 'pkg');
  const beforeFolders = existsSync(join(before, 'web', 'index.js')) ? [['/before/', before]] : [];
  const served = await serveFolders([['/pkg/', join(root, 'pkg')], ...beforeFolders, ['/probe/', buildProbe('web')], ['/', folder]], 0);
  server = served.server;
  for (const name of process.argv.slice(2).length ? process.argv.slice(2) : ENGINES) {
    console.error(`timing personalReward in ${name}…`);
    let engine;
    let timer;
    try {
      const run = async () => {
        engine = await launchEngine(name);
        const page = await engine.newPage();
        await page.goto(`${served.address}index.html`);
        const result = await page.waitFor(() => window.benchResult, undefined, ENGINE_TIMEOUT_MS);
        if (result.error) throw new Error(result.error);
        if (!result.same) throw new Error('the two implementations disagree on the example');
        await page.close();
        counts = `${result.rounds} rounds of ${result.calls.toLocaleString('en')} calls`;
        const ratio = (part) => (result[part] / result.js).toFixed(2);
        partRows.push(`| ${name} | ${ratio('empty')} | ${ratio('walk')} | ${ratio('floor')} | ${ratio('read')} | ${ratio('compute')} | ${ratio('tape')} | ${ratio('wasm')} |`);
        const previous = result.before === undefined ? '–' : `${result.before.toFixed(2)} µs`;
        const versus = result.versus ? `${result.versus.median.toFixed(2)} (${result.versus.low.toFixed(2)}–${result.versus.high.toFixed(2)})` : '–';
        return `| ${name} ${engine.version} | ${result.js.toFixed(2)} µs | ${previous} | ${result.wasm.toFixed(2)} µs | **${(result.wasm / result.js).toFixed(2)}** | ${versus} | ≤ 1.0 |`;
      };
      const timeout = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`no result in ${ENGINE_TIMEOUT_MS / 1000} s`)), ENGINE_TIMEOUT_MS); });
      rows.push(await Promise.race([run(), timeout]));
    } catch (error) {
      rows.push(`| ${name} | – | – | – | failed: ${String(error.message ?? error).split('\n')[0]} | – | ≤ 1.0 |`);
    } finally {
      clearTimeout(timer);
      await engine?.close().catch(() => {});
    }
    console.error(rows.at(-1));
  }
} finally {
  server?.close();
  rmSync(folder, { recursive: true, force: true });
}

const lines = [
  `One \`personalReward\` call inside a page, the browser build against the decimal.js baseline and the build before issue 28 (a2960df) in the same page (${counts}, the calls in turn, every other round in reverse order; medians; this build ÷ a2960df is the median of the rounds' ratios, with their quartiles):`,
  '',
  '| engine | decimal.js | a2960df (wasm) | this build (wasm) | time ÷ decimal.js | time ÷ a2960df | target |',
  '| --- | --- | --- | --- | --- | --- | --- |',
  ...rows,
  '',
  'The same call by part, in the same rounds (the bench-probe build of `node bench/bound.mjs`; each part includes the parts left of it, except the floor, which is the package\'s JS copy of the input and then the walk; the parts after it are the module\'s alone), ÷ decimal.js\'s whole call in that engine:',
  '',
  '| engine | an export that does nothing | serde-wasm-bindgen\'s walk alone | the floor: copy, then walk | the request read | read and computed, no result | the result\'s tape written, in wasm | the whole call (package) |',
  '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ...partRows,
];
console.log(lines.join('\n'));
writeReadmeBlock('bench:browsers', lines);
