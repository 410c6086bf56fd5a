// `npm run bench`, the JS engine (pkg/engine: the core turned into JavaScript by wasm2js), where
// it runs: under `node --jitless` (no WebAssembly: what a jitless engine, such as iOS Lockdown
// Mode's, does to JavaScript too), in Hermes (React Native, bundled by Metro as an app is), and
// the cold start a phone user waits for in Chromium with the CPU throttled 4× and no cache.
// Each row's runs (the package, the decimal.js baseline) alternate round by round in one
// process, medians compared; the cold start loads the pages in turn, 9 rounds, medians.
// Writes the table into README.md between its bench:engine markers.
//
//   node bench/engine.mjs            every row
//   node bench/engine.mjs --child    (internal) the jitless rows, as JSON, in this process
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { root, writeReadmeBlock } from '../scripts/lib.mjs';
import { medians, repeated } from './timing.mjs';

// The parent's tools, loaded only in the parent: the child runs jitless, without WebAssembly,
// which Node's own fetch (loaded along with Playwright) needs.
const parent = process.argv.includes('--child') ? null : {
  ...(await import('../scripts/serve.mjs')),
  ...(await import('../tests/js/chromium.mjs')),
  ...(await import('../tests/js/consumer.mjs')),
  ...(await import('../tests/js/hermes.mjs')),
};

const EXAMPLE = { stp: '850', pool: '1000', tierTotals: ['8000', '5000', '3000', '2500'] };
const CURVE = { ...EXAMPLE, from: 0, to: 1500, steps: 2000 };
const COLD_ROUNDS = 9;

/** The rows' runs: [name, unit, calls a run, the package's run, the baseline's run]. */
function rows(soei, baseline, calls) {
  return [
    ['personalReward, one call', 'µs', calls, repeated(calls, () => soei.personalReward(EXAMPLE)), repeated(calls, () => baseline.personalReward(EXAMPLE))],
    ['rewardCurve, 2,000 points (decimal.js: 2,000 personalReward calls)', 'ms', 1, () => soei.rewardCurve(CURVE), () => baseline.rewardCurve(EXAMPLE, 0, 1500, 2000)],
  ];
}

/** Each row timed: { name, unit, soei, baseline } per call (µs) or per run (ms). */
function timed(list, rounds) {
  return list.map(([name, unit, per, soei, baseline]) => {
    const [ours, theirs] = medians(rounds, soei, baseline).map((ms) => (unit === 'µs' ? (ms * 1000) / per : ms / per));
    return { name, unit, soei: ours, baseline: theirs };
  });
}

if (process.argv.includes('--child')) {
  const soei = createRequire(import.meta.url)(join(root, 'pkg'));
  const baseline = await import('./baseline.mjs');
  if (soei.engine() !== 'js') throw new Error(`expected the JS engine under --jitless, got ${soei.engine()}`);
  process.stdout.write(JSON.stringify(timed(rows(soei, baseline, 200), 9)));
} else {
  const results = [];
  console.error('timing the JS engine under node --jitless…');
  const jitless = JSON.parse(execFileSync(process.execPath, ['--jitless', fileURLToPath(import.meta.url), '--child'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }));
  results.push(...jitless.map((row) => ({ ...row, where: 'node --jitless' })));

  const folder = join(root, 'target', 'bench-engine');
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  const project = parent.freshProject(join(folder, 'app'), parent.packTarball(folder), undefined);
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--no-package-lock', `decimal.js@${JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).devDependencies['decimal.js']}`], { cwd: project, stdio: 'ignore' });
  for (const file of ['baseline.mjs', 'timing.mjs']) copyFileSync(join(root, 'bench', file), join(project, file.replace('.mjs', '.js')));

  console.error('timing the JS engine in Hermes…');
  // The same rows, in a React Native style program that Metro bundles and Hermes runs.
  writeFileSync(join(project, 'hermes.js'), `import * as soei from 'soei-rewards';
import * as baseline from './baseline.js';
import { medians, repeated } from './timing.js';
const EXAMPLE = ${JSON.stringify(EXAMPLE)};
const CURVE = ${JSON.stringify(CURVE)};
${rows.toString()}
${timed.toString()}
console.log(JSON.stringify({ engine: soei.engine(), rows: timed(rows(soei, baseline, 200), 9) }));
`);
  const hermes = JSON.parse((await parent.runInHermes(project, 'hermes.js')).stdout.trim().split('\n').pop());
  if (hermes.engine !== 'js') throw new Error(`expected the JS engine in Hermes, got ${hermes.engine}`);
  results.push(...hermes.rows.map((row) => ({ ...row, where: 'Hermes (hermes-engine-cli 0.12)' })));

  console.error('timing the cold start in Chromium, CPU throttled 4×, cache off…');
  const coldStart = await coldStarts(project);

  const format = (value) => (value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2));
  const lines = [
    'Each row: the package (its JS engine) and the decimal.js baseline alternating round by round in one process, medians of 9 rounds. Targets (issue 27): one call ≤ 3× decimal.js\'s time, the curve ≤ 0.2×.',
    '',
    '| where | operation | decimal.js | the JS engine | JS engine ÷ decimal.js |',
    '| --- | --- | --- | --- | --- |',
    ...results.map((row) => `| ${row.where} | ${row.name} | ${format(row.baseline)} ${row.unit} | ${format(row.soei)} ${row.unit} | **${format(row.soei / row.baseline)}** |`),
    '',
    `Cold start: time from navigation to the first result (the example's reward) in a fresh Chromium context, CPU throttled 4×, cache off, each page a Vite production build; medians of ${COLD_ROUNDS} rounds, the pages in turn.`,
    '',
    '| page | time to the first result |',
    '| --- | --- |',
    ...coldStart.map(([page, ms]) => `| ${page} | ${ms.toFixed(0)} ms |`),
  ];
  console.log(`\n${lines.join('\n')}`);
  writeReadmeBlock('bench:engine', lines);
}


/** The cold start of three Vite builds in `project`: the package with WebAssembly, the same
 *  page on its JS engine (served with a CSP that refuses WebAssembly), and the baseline. */
async function coldStarts(project) {
  const { build } = await import('vite');
  const page = (script) => `import { personalReward } from ${script};\n`;
  const pages = {
    soei: `import init, { personalReward } from 'soei-rewards';\nawait init();\ndocument.body.dataset.reward = personalReward(${JSON.stringify(EXAMPLE)}).reward;\ndocument.body.dataset.ms = performance.now();\n`,
    baseline: `${page("'./baseline.js'")}document.body.dataset.reward = personalReward(${JSON.stringify(EXAMPLE)}).reward;\ndocument.body.dataset.ms = performance.now();\n`,
  };
  for (const [name, script] of Object.entries(pages)) {
    mkdirSync(join(project, name), { recursive: true });
    writeFileSync(join(project, name, 'main.js'), script);
    writeFileSync(join(project, name, 'index.html'), '<!doctype html><title>cold start</title><link rel="icon" href="data:,"><script type="module" src="./main.js"></script>');
    if (name === 'baseline') copyFileSync(join(project, 'baseline.js'), join(project, name, 'baseline.js'));
    await build({ root: join(project, name), logLevel: 'error', configFile: false, build: { outDir: 'dist', emptyOutDir: true } });
  }
  const servers = await Promise.all([
    parent.serveFolders([['/', join(project, 'soei', 'dist')]], 0),
    parent.serveFolders([['/', join(project, 'soei', 'dist')]], 0, [], { wasm: false }),
    parent.serveFolders([['/', join(project, 'baseline', 'dist')]], 0),
  ]);
  const names = ['soei-rewards, WebAssembly', 'soei-rewards, the JS engine (a CSP without \'wasm-unsafe-eval\')', 'decimal.js baseline'];
  const browser = await parent.launchChromium();
  const times = names.map(() => []);
  try {
    for (let round = 0; round < COLD_ROUNDS; round += 1) {
      for (const [index, { address }] of servers.entries()) {
        const context = await browser.newContext();
        const tab = await context.newPage();
        const cdp = await context.newCDPSession(tab);
        await cdp.send('Network.enable');
        await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
        await tab.goto(address);
        await tab.waitForSelector('body[data-ms]', { state: 'attached', timeout: 60_000 });
        const [reward, ms] = await tab.evaluate(() => [document.body.dataset.reward, Number(document.body.dataset.ms)]);
        if (reward !== '138.125') throw new Error(`${names[index]} showed ${reward}`);
        times[index].push(ms);
        await context.close();
      }
    }
  } finally {
    await browser.close();
    for (const { server } of servers) server.close();
  }
  return names.map((name, index) => [name, times[index].sort((a, b) => a - b)[Math.floor(COLD_ROUNDS / 2)]]);
}
