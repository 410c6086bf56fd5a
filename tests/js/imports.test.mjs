// The package as its users get it: `npm pack`, installed from the tarball into a fresh
// consumer project, then used from Node (ESM and CommonJS), Vite and webpack 5 production
// builds, a Vite module worker and a page without a bundler (in Chromium; the Vite build and
// the page also in Firefox ESR and WebKit), TypeScript in strict mode (bundler resolution with
// DOM, and Node ESM with nodenext and no DOM; the README's worker snippet), with its types
// checked by @arethetypeswrong/cli in every module resolution. The other environments
// (Next.js, Bun, Deno, esbuild, Rollup) are in environments.test.mjs.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { serveFolders } from '../../scripts/serve.mjs';
import { launchChromium } from './chromium.mjs';
import { COMPUTE, EXAMPLE, EXPECTED, packTarball, rewardServedFrom as servedIn } from './consumer.mjs';
import { ENGINES, launchEngine } from './engines.mjs';
import { root } from './helpers.mjs';

/** What a page of `pageScript` shows when all is well. */
const PAGE_EXPECTED = `${EXPECTED}; before init: init() first; taken before init: 138.125`;

let consumer;
let tarball;
let browser;

const run = (command, args, cwd = consumer) => execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const write = (name, text) => {
  mkdirSync(dirname(join(consumer, name)), { recursive: true });
  writeFileSync(join(consumer, name), text);
};
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');

/** Runs tsc on a project folder of the consumer, failing with what it reported. */
function typecheck(project) {
  try {
    run(process.execPath, [tsc, '-p', join(consumer, project)]);
  } catch (error) {
    assert.fail(`tsc reported:\n${error.stdout}${error.stderr}`);
  }
}

before(async () => {
  consumer = mkdtempSync(join(tmpdir(), 'soei-consumer-'));
  tarball = packTarball(consumer);
  write('package.json', JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  run('npm', ['install', '--no-audit', '--no-fund', '--no-package-lock', tarball]);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  if (consumer) rmSync(consumer, { recursive: true, force: true });
});

test('Node ESM: import { personalReward } from "soei-rewards"', () => {
  write('esm.mjs', `import init, { personalReward } from 'soei-rewards';
await init();
console.log(personalReward(${EXAMPLE}).reward);`);
  assert.equal(run(process.execPath, ['esm.mjs']).trim(), '138.125');
});

test('Node ESM: soei-rewards/inline and soei-rewards/population/inline are usable on import, as the main entry is', () => {
  // Without init(): in Node every entry is ready on load (a server bundle or a script that
  // shares code written for esbuild's browser build imports the inline entry).
  write('inline.mjs', `import { personalReward } from 'soei-rewards/inline';
import { populationPayout } from 'soei-rewards/population/inline';
console.log(personalReward(${EXAMPLE}).reward, populationPayout({ pool: 1000, points: [850, 1200] }).distributed);`);
  assert.equal(run(process.execPath, ['inline.mjs']).trim(), '138.125 999.999999');
});

test('Node CommonJS: require("soei-rewards"), usable right away', () => {
  write('cjs.cjs', `const { personalReward, rankProgress } = require('soei-rewards');
console.log(personalReward(${EXAMPLE}).reward, rankProgress({ points: 850 }).next);`);
  assert.equal(run(process.execPath, ['cjs.cjs']).trim(), '138.125 Diamond');
});

test('Node ESM and CommonJS: soei-rewards/population, through the same exports map', () => {
  write('population.mjs', `import init, { populationPayout, personalReward } from 'soei-rewards/population';
await init();
console.log(populationPayout({ pool: 1000, points: [850, 1200] }).distributed, personalReward(${EXAMPLE}).reward);`);
  assert.equal(run(process.execPath, ['population.mjs']).trim(), '999.999999 138.125');
  write('population.cjs', `const { stprColumns } = require('soei-rewards/population');
console.log(stprColumns({ referrers: [-1, 0], stp: [1, 2] }).stpr.join(' '));`);
  assert.equal(run(process.execPath, ['population.cjs']).trim(), '2 0');
});

/** Serves `folder` on a free loopback port and returns what `page` there shows in Chromium. */
const rewardServedFrom = (folder, page) => servedIn(browser, folder, page);

// The page computes the example and the coded error, then times a call of the example
// before it shows the result, so that every engine reports one figure: the median of 7
// rounds of 500 calls (rounds, since Firefox's clock ticks in whole milliseconds).
// Before init(), a function says that init() must come first (the glue alone would throw a
// bare TypeError about its missing instance); the page shows what it said. A function taken
// out of the module before init() works after it.
const pageScript = `import init, { engine, personalReward } from 'soei-rewards';
const { personalReward: takenBeforeInit } = await import('soei-rewards');
let early = 'no error';
try {
  personalReward(${EXAMPLE});
} catch (error) {
  early = error.message.includes('personalReward() was called before init() finished. Call \`await init()\` once first') ? 'init() first' : error.message;
}
await init();
${COMPUTE.replace('const shown = `${reward} ${failure}`;', 'const shown = `${reward} ${failure}; before init: ${early}; taken before init: ${takenBeforeInit(' + EXAMPLE + ').reward}`;')}
const rounds = [];
for (let round = 0; round < 7; round += 1) {
  const start = performance.now();
  for (let call = 0; call < 500; call += 1) personalReward(${EXAMPLE});
  rounds.push((performance.now() - start) / 500);
}
document.body.dataset.callMicroseconds = (rounds.sort((a, b) => a - b)[3] * 1000).toFixed(1);
document.body.dataset.engine = engine();
document.body.dataset.reward = shown;`;

test('a Vite production build of a page computes 138.125 and a coded error in Chromium', async () => {
  const { build } = await import('vite');
  write('index.html', '<!doctype html><title>vite consumer</title><link rel="icon" href="data:,"><script type="module" src="./main.js"></script>');
  write('main.js', pageScript);
  await build({ root: consumer, logLevel: 'error', configFile: false, build: { outDir: 'dist', emptyOutDir: true } });
  assert.equal(await rewardServedFrom(join(consumer, 'dist')), PAGE_EXPECTED);
});

test('a webpack 5 production build of a page computes 138.125 in Chromium', async () => {
  const { default: webpack } = await import('webpack');
  write('webpack-main.js', pageScript);
  const stats = await new Promise((resolve, reject) => {
    webpack({
      mode: 'production',
      context: consumer,
      entry: './webpack-main.js',
      output: { path: join(consumer, 'webpack-dist'), filename: 'main.js', publicPath: '' },
    }, (error, result) => (error ? reject(error) : resolve(result)));
  });
  assert.ok(!stats.hasErrors(), stats.toString('errors-only'));
  write('webpack-dist/index.html', '<!doctype html><title>webpack consumer</title><link rel="icon" href="data:,"><script src="./main.js"></script>');
  assert.equal(await rewardServedFrom(join(consumer, 'webpack-dist')), PAGE_EXPECTED);
});

test('a page without a bundler imports web/index.js, is told to await init() when it calls first, then computes 138.125 and a coded error', async () => {
  write('plain.html', '<!doctype html><title>plain consumer</title><link rel="icon" href="data:,"><script type="module" src="./plain.js"></script>');
  write('plain.js', pageScript.replaceAll("'soei-rewards'", "'./node_modules/soei-rewards/web/index.js'"));
  assert.equal(await rewardServedFrom(consumer, 'plain.html'), PAGE_EXPECTED);
});

// Chromium, Firefox ESR and WebKit (the engines of Android's and iOS's web views): the page
// without a bundler and the Vite build above, in each; and in each with WebAssembly off (as a
// phone turns it off: iOS Lockdown Mode, a web view without a JIT), where init() loads the JS
// engine by itself.
for (const name of ENGINES) {
  for (const wasm of [true, false]) {
  test(`in ${name}${wasm ? '' : ' with WebAssembly off'}: the page without a bundler and the Vite build compute 138.125 and a coded error (and say init() first, before it)`, async (t) => {
    const engine = await launchEngine(name, { wasm });
    try {
      for (const [folder, path] of [[consumer, 'plain.html'], [join(consumer, 'dist'), '']]) {
        const { server, address } = await serveFolders([['/', folder]], 0);
        try {
          const page = await engine.newPage();
          await page.goto(`${address}${path}`);
          const [shown, microseconds, computing] = await page.waitFor(() => document.body.dataset.reward && [document.body.dataset.reward, document.body.dataset.callMicroseconds, document.body.dataset.engine]);
          await page.close();
          assert.equal(shown, PAGE_EXPECTED, `${path || 'the Vite build'} in ${name}`);
          assert.equal(computing, wasm ? 'wasm' : 'js');
          t.diagnostic(`${name} ${engine.version} ${path || 'the Vite build'} (${computing}): personalReward of the example, ${microseconds} µs a call`);
        } finally {
          server.close();
        }
      }
    } finally {
      await engine.close();
    }
  });
  }
}

test("a page whose Content-Security-Policy refuses WebAssembly (no 'wasm-unsafe-eval') computes on the JS engine", async () => {
  for (const [folder, path] of [[consumer, 'plain.html'], [join(consumer, 'dist'), '']]) {
    // Chromium reports the refused compile (the entry's probe of 8 bytes) on the console.
    const shown = await servedIn(browser, folder, path, { wasm: false, allowed: /WebAssembly|wasm-unsafe-eval/ });
    assert.equal(shown, PAGE_EXPECTED, path || 'the Vite build');
  }
});

test('a page with WebAssembly downloads none of the fallbacks: neither the inlined bytes nor the JS engine (no bundler, Vite, webpack)', async () => {
  for (const [folder, path] of [[consumer, 'plain.html'], [join(consumer, 'dist'), ''], [join(consumer, 'webpack-dist'), '']]) {
    const { server, address } = await serveFolders([['/', folder]], 0);
    const page = await browser.newPage();
    const scripts = [];
    page.on('response', async (response) => {
      if (response.request().resourceType() === 'script') scripts.push([response.url(), (await response.body()).length]);
    });
    try {
      await page.goto(`${address}${path}`);
      await page.waitForSelector('body[data-reward]', { state: 'attached', timeout: 15_000 });
      assert.equal(await page.evaluate(() => document.body.dataset.engine), 'wasm');
      // The engine's bundle is about 520 KB and the inlined bytes about 400 KB; the page's own
      // scripts (glue, result layer, entry) are each far below 100 KB.
      assert.ok(scripts.length > 0);
      for (const [url, bytes] of scripts) assert.ok(!/wasm-bytes|\/engine\//.test(url) && bytes < 100_000, `${path || 'the Vite build'} loaded ${url} (${bytes} bytes)`);
    } finally {
      await page.close();
      server.close();
    }
  }
});

test('TypeScript --strict accepts every function used correctly and rejects a wrong call', () => {
  write('consumer.ts', `import init, {
  personalReward, ambassadorReward, rankProgress, rankingPeriod, projectReward, rewardCurve,
  stprFromReferrals, ladders, pointsForReward, pacePlan, isSoeiError,
  type Reward, type ErrorCode, type SoeiError, type Ladder, type PointsForReward, type PaceGoal,
} from 'soei-rewards';
import { stprColumns, populationPayout, type PopulationPayout } from 'soei-rewards/population';
// @ts-expect-error: the population-scale functions are only in soei-rewards/population
import { populationPayout as notInTheMainEntry } from 'soei-rewards';

await init();
const reward: Reward = personalReward({ stp: '850', pool: 1000, tierTotals: ['8000', 5000, '3000', '2500'], whatIfStp: '1000', decimals: 6 });
const amount: string = reward.tiers[0].amount;
const rank: string | null = ambassadorReward({ stpr: 70000, pool: '5000', tierTotals: ['1200000', '450000', '300000'], ladder: 'ambassador' }).rank;
const progress = rankProgress({ points: '850', ladder: { tiers: [{ name: 'A', need: 0, share: '0.5' }] } });
const index: number = progress.rankIndex;
const period = rankingPeriod();
const remaining: number = rankingPeriod({ at: new Date() }).remainingMs + period.remainingMs;
const projected: string = projectReward({ stp: 850, pool: 1000, tierTotals: [8000, 5000, 3000, 2500], at: '2026-11-21T00:00:00Z' }).projected.reward;
const curve: Float64Array = rewardCurve({ stp: 850, pool: 1000, tierTotals: [8000, 5000, 3000, 2500], from: 0, to: 1200, steps: 13 }).rewards;
const stpr: Record<string, string> = stprFromReferrals({ users: [{ id: 'a', referrer: null, stp: '1' }], levels: ['1'] });
const columns: Float64Array = stprColumns({ referrers: Int32Array.of(-1, 0), stp: Float64Array.of(1, 2) }).stpr;
const payout: PopulationPayout = populationPayout({ pool: 1000, points: [850, 1200], exact: true });
const exactRewards: string[] | undefined = payout.exact;
const personal: Ladder = ladders().personal;
const points: 'STP' | 'STPR' = personal.points;
const plan: PointsForReward = pointsForReward({ points: '850', pool: 1000, tierTotals: [8000, 5000, 3000, 2500], target: '150', step: '1' });
const needed: string | null = plan.points;
const goals: PaceGoal[] = pacePlan({ points: 850, at: new Date(), ladder: 'ambassador' }).goals;
try {
  personalReward({ stp: '-1', pool: '1', tierTotals: [] });
} catch (error: unknown) {
  if (isSoeiError(error)) {
    const code: ErrorCode = error.code;
    const shown: string = \`\${error.field}: \${error.detail}\`;
    const same: SoeiError = error;
    console.log(code, shown, same);
  }
}
// isSoeiError takes unknown (anything, with no \`any\` leaking into the caller's code)
type GuardParameter = Parameters<typeof isSoeiError>[0];
const takesUnknown: unknown extends GuardParameter ? (0 extends 1 & GuardParameter ? 'any' : 'unknown') : 'narrower' = 'unknown';
// @ts-expect-error: a target reward is required
pointsForReward({ points: 1, pool: 1, tierTotals: [] });
// @ts-expect-error: pool and tierTotals are required
personalReward({ stp: '850' });
// @ts-expect-error: a boolean is no decimal
rankProgress({ points: true });
// @ts-expect-error: rewardCurve takes no what-if
rewardCurve({ stp: 1, pool: 1, tierTotals: [], from: 0, to: 1, steps: 2, whatIfStp: 1 });
console.log(amount, rank, index, remaining, projected, curve, stpr, points, columns, exactRewards, needed, goals, takesUnknown);
`);
  write('tsconfig.json', JSON.stringify({
    compilerOptions: {
      strict: true, noEmit: true, target: 'es2022', module: 'esnext', moduleResolution: 'bundler',
      lib: ['es2022', 'dom'], types: [], skipLibCheck: false,
    },
    files: ['consumer.ts'],
  }));
  typecheck('.');
});

/** The first ```ts block after `heading` in the README the tarball ships. */
function readmeExample(heading) {
  const readme = readFileSync(join(consumer, 'node_modules', 'soei-rewards', 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf(heading));
  assert.ok(readme.includes(heading), `the README has ${heading}`);
  return section.match(/```ts\n([\s\S]*?)```/)[1];
}

/**
 * A Node TypeScript project of the consumer's (strict, `nodenext`, `lib: es2022` with Node's
 * types and no DOM, `skipLibCheck` off) with `source` as main.ts: compiled, run, and what it
 * printed returned line by line. `type` is the project's package.json "type".
 */
function nodeTypeScript(folder, type, source) {
  write(`${folder}/package.json`, JSON.stringify({ name: folder, private: true, type }));
  write(`${folder}/main.ts`, source);
  write(`${folder}/tsconfig.json`, JSON.stringify({
    compilerOptions: {
      strict: true, target: 'es2022', module: 'nodenext', moduleResolution: 'nodenext', outDir: 'dist',
      lib: ['es2022'], types: ['node'], typeRoots: [join(root, 'node_modules', '@types')], skipLibCheck: false,
    },
    files: ['main.ts'],
  }));
  typecheck(folder);
  return run(process.execPath, [join(consumer, folder, 'dist', 'main.js')]).trim().split('\n');
}

test('Node ESM TypeScript (nodenext, no DOM, skipLibCheck off) compiles and runs the README example', () => {
  const printed = nodeTypeScript('node-ts', 'module', readmeExample('### TypeScript in Node'));
  assert.deepEqual(printed, ['138.125', '940.81 90.81', 'negative stp must not be negative (got -1)']);
});

test('a CommonJS TypeScript project imports init as the default export, compiles and runs', () => {
  const printed = nodeTypeScript('cjs-ts', 'commonjs', `import init, { personalReward, isSoeiError } from 'soei-rewards';
init().then(() => {
  console.log(personalReward(${EXAMPLE}).reward);
  try {
    personalReward({ stp: '', pool: 1, tierTotals: [] });
  } catch (error) {
    if (isSoeiError(error)) console.log(error.code, error.field);
  }
});
`);
  assert.deepEqual(printed, ['138.125', 'invalid_number stp']);
});

test('@arethetypeswrong/cli finds no problem in the tarball, for every entry point', () => {
  const attw = join(root, 'node_modules', '@arethetypeswrong', 'cli', 'dist', 'index.js');
  let report;
  try {
    report = run(process.execPath, [attw, tarball, '--format', 'json']);
  } catch (error) {
    assert.fail(`attw reported problems:\n${error.stdout}${error.stderr}`);
  }
  const { analysis } = JSON.parse(report);
  assert.deepEqual(Object.keys(analysis.entrypoints).sort(), ['.', './inline', './package.json', './population', './population/inline']);
  assert.deepEqual(analysis.problems ?? [], []);
});

test('the tarball has a README for users, with no dead link, and the contract beside it', () => {
  const installed = join(consumer, 'node_modules', 'soei-rewards');
  const readme = readFileSync(join(installed, 'README.md'), 'utf8');
  assert.ok(!/npm (start|test)|cargo |rustup/.test(readme), 'no contributor instructions');
  assert.match(readme, /The main module's \.wasm is \d+\.\d KB gzipped; the population module's \d+\.\d KB\./, 'the build filled in the sizes');
  const anchors = new Set([...readme.matchAll(/^#+ (.+)$/gm)].map((m) => m[1].toLowerCase().replace(/[^\w\- ]/g, '').replace(/ /g, '-')));
  for (const [, target] of readme.matchAll(/\]\(([^)]+)\)/g)) {
    if (target.startsWith('#')) assert.ok(anchors.has(target.slice(1)), `anchor ${target}`);
    else assert.ok(!/^[a-z]+:/.test(target) && existsSync(join(installed, target.split('#')[0])), `link ${target}`);
  }
  assert.match(readFileSync(join(installed, 'API.md'), 'utf8'), /pointsForReward/);
});

/** The two TypeScript blocks of the README's Web Workers section: the worker, the main thread. */
function readmeWorker() {
  const readme = readFileSync(join(consumer, 'node_modules', 'soei-rewards', 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### Web Workers'));
  const [worker, main] = [...section.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);
  assert.match(worker, /^\/\/ curve-worker\.ts\n/);
  assert.match(main, /^\/\/ main thread\n/);
  return { worker, main };
}

test("the README's worker snippet compiles under tsc --strict as printed, with DOM types and with worker types", () => {
  const { worker, main } = readmeWorker();
  write('worker-ts/curve-worker.ts', worker);
  write('worker-ts/main.ts', main);
  const compilerOptions = { strict: true, noEmit: true, target: 'es2022', module: 'esnext', moduleResolution: 'bundler', types: [], skipLibCheck: false };
  // An app's usual configuration (both files, DOM types), and a worker-only one.
  write('worker-ts/tsconfig.json', JSON.stringify({ compilerOptions: { ...compilerOptions, lib: ['es2022', 'dom'] }, files: ['main.ts', 'curve-worker.ts'] }));
  typecheck('worker-ts');
  write('worker-ts/worker-only/tsconfig.json', JSON.stringify({ compilerOptions: { ...compilerOptions, lib: ['es2022', 'webworker'] }, files: ['../curve-worker.ts'] }));
  typecheck('worker-ts/worker-only');
});

test("a Vite build of the README's worker snippet computes a reward curve off the main thread", async () => {
  const { build } = await import('vite');
  const { worker, main } = readmeWorker();
  write('worker-app/index.html', '<!doctype html><title>worker consumer</title><link rel="icon" href="data:,"><script type="module" src="./main.ts"></script>');
  // The page's chart shows the number of points and the last reward.
  write('worker-app/main.ts', main.replace(/^declare function drawChart.*$/m,
    'const drawChart = (points: Float64Array, rewards: Float64Array) => { document.body.dataset.reward = `${points.length} ${rewards[rewards.length - 1]}`; };'));
  write('worker-app/curve-worker.ts', worker);
  await build({ root: join(consumer, 'worker-app'), logLevel: 'error', configFile: false, worker: { format: 'es' }, build: { outDir: 'dist', emptyOutDir: true } });
  assert.equal(await rewardServedFrom(join(consumer, 'worker-app', 'dist')), '2000 214.094829');
});
