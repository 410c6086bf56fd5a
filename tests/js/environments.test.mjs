// The packed tarball in the environments users import it from, each a fresh project with no
// configuration of its own: Bun (ESM and CommonJS), Deno (no permissions), esbuild (a Node
// bundle, and a browser bundle in Chromium), Rollup with node-resolve (in Chromium), Parcel
// and Rsbuild (in Chromium), Jest's jsdom environment, Vitest (its node and jsdom environments), and a
// Next.js app (server component, client component, a client-only prerendered page and a
// route handler) built with Turbopack and with webpack, then served by `next start`.
// Each computes the README's example and the coded error of a negative `stp`. The tools are
// pinned in tests/js/consumer.mjs and installed once; the projects sit inside their folder.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { launchChromium } from './chromium.mjs';
import { freePort } from './engines.mjs';
import { COMPUTE, EXPECTED, freshProject, packTarball, rewardServedFrom, rewardShownAt, run, toolsFolder } from './consumer.mjs';

let tools;
let projects;
let tarball;
let browser;

const bin = (name) => join(tools, 'node_modules', '.bin', name);
/** Writes `files` ({ path: text }) into `folder`. */
function write(folder, files) {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(folder, name)), { recursive: true });
    writeFileSync(join(folder, name), text);
  }
}
/** A fresh project `name` with the tarball installed and `files` written into it. */
function project(name, files, type = 'module') {
  const folder = freshProject(join(projects, name), tarball, type);
  write(folder, files);
  return folder;
}
const printShown = (importLine) => `${importLine}\n${COMPUTE}\nconsole.log(shown);\n`;
const pageShown = (importLine) => `${importLine}\nawait init();\n${COMPUTE}\ndocument.body.dataset.reward = shown;\n`;
const PAGE = '<!doctype html><title>consumer</title><link rel="icon" href="data:,"><script type="module" src="./main.js"></script>';

before(async () => {
  tools = toolsFolder();
  projects = join(tools, 'projects');
  rmSync(projects, { recursive: true, force: true });
  mkdirSync(projects, { recursive: true });
  tarball = packTarball(projects);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
});

describe('runtimes and bundlers', { concurrency: true }, () => {
  test('Bun: import (named exports, both entries) and require', () => {
    const folder = project('bun', {
      'esm.mjs': printShown(`import { personalReward } from 'soei-rewards';
import { populationPayout } from 'soei-rewards/population';
console.log(populationPayout({ pool: 1000, points: [850, 1200] }).distributed);`),
      'cjs.cjs': printShown(`const { personalReward } = require('soei-rewards');`),
    });
    assert.deepEqual(run(bin('bun'), ['esm.mjs'], folder).trim().split('\n'), ['999.999999', EXPECTED]);
    assert.equal(run(bin('bun'), ['cjs.cjs'], folder).trim(), EXPECTED);
  });

  test('Deno: import with no permission granted', () => {
    const folder = project('deno', { 'main.mjs': printShown(`import { personalReward } from 'soei-rewards';`) });
    assert.equal(run(bin('deno'), ['run', '--no-prompt', 'main.mjs'], folder, { ...process.env, NO_COLOR: '1' }).trim(), EXPECTED);
  });

  test('esbuild --platform=node: an ES module bundle runs in Node', () => {
    const folder = project('esbuild-node', { 'main.mjs': printShown(`import { personalReward } from 'soei-rewards';`) });
    run(bin('esbuild'), ['main.mjs', '--bundle', '--platform=node', '--format=esm', '--outfile=dist/main.mjs', '--log-level=error'], folder);
    rmSync(join(folder, 'node_modules'), { recursive: true }); // the bundle must stand alone
    assert.equal(run(process.execPath, ['dist/main.mjs'], folder).trim(), EXPECTED);
  });

  test('esbuild (browser): a bundle of soei-rewards/inline computes in Chromium', async () => {
    const folder = project('esbuild-browser', { 'main.js': pageShown(`import init, { personalReward } from 'soei-rewards/inline';`), 'dist/index.html': PAGE });
    run(bin('esbuild'), ['main.js', '--bundle', '--format=esm', '--outfile=dist/main.js', '--log-level=error'], folder);
    assert.equal(await rewardServedFrom(browser, join(folder, 'dist')), EXPECTED);
  });

  test('esbuild (browser) with the main entry: init() falls back to the inlined copy, which esbuild bundles', async () => {
    // esbuild does not copy the .wasm that new URL('…_bg.wasm', import.meta.url) names: the
    // fetch answers 404, and init() takes the inlined bytes, which esbuild bundled.
    const folder = project('esbuild-main-entry', { 'main.js': pageShown(`import init, { engine, personalReward } from 'soei-rewards';`).replace('document.body.dataset.reward = shown;', 'document.body.dataset.reward = `${shown} ${engine()}`;'), 'dist/index.html': PAGE });
    run(bin('esbuild'), ['main.js', '--bundle', '--format=esm', '--outfile=dist/main.js', '--log-level=error'], folder);
    assert.equal(await rewardServedFrom(browser, join(folder, 'dist'), '', { allowed: /status of 404/ }), `${EXPECTED} wasm`);
  });

  test("Jest with jsdom (a component test's environment): require computes", () => {
    // Jest adds the `node` condition to require, so the Node build runs inside jsdom's globals.
    const folder = project('jest-jsdom', {
      'jest.config.cjs': `module.exports = { testEnvironment: 'jsdom' };\n`,
      'reward.test.cjs': `const { personalReward } = require('soei-rewards');
test('the example', () => {
${COMPUTE.replace(/^/gm, '  ')}
  expect(typeof document).toBe('object');
  expect(shown).toBe('${EXPECTED}');
});
`,
    }, 'commonjs');
    const printed = run(process.execPath, [join(tools, 'node_modules', 'jest', 'bin', 'jest.js'), '--ci', '--json'], folder);
    const report = JSON.parse(printed);
    assert.equal(report.numPassedTests, 1, JSON.stringify(report.testResults?.[0]?.message));
    assert.equal(report.numFailedTests, 0);
  });

  test('Parcel: a production build (scope-hoisted) of a page importing the main entry computes in Chromium', async () => {
    // Parcel follows new URL('…_bg.wasm', import.meta.url) and emits the .wasm beside the bundle.
    const folder = project('parcel', { 'main.js': pageShown(`import init, { personalReward } from 'soei-rewards';`), 'index.html': PAGE });
    run(bin('parcel'), ['build', 'index.html', '--dist-dir', 'dist', '--no-cache', '--log-level', 'error'], folder);
    // Parcel writes the .wasm's hashed name into an inline import map, which the page's
    // Content-Security-Policy must then allow by its hash.
    const html = readFileSync(join(folder, 'dist', 'index.html'), 'utf8');
    const importMap = html.match(/<script type=["']?importmap["']?>([\s\S]*?)<\/script>/)?.[1];
    const scriptSources = importMap === undefined ? [] : [`'sha256-${createHash('sha256').update(importMap).digest('base64')}'`];
    assert.equal(await rewardServedFrom(browser, join(folder, 'dist'), '', { scriptSources }), EXPECTED);
  });

  test('Rsbuild (Rspack): a production build of a page importing the main entry computes in Chromium', async () => {
    // No configuration: Rsbuild's default entry is src/index.js, and Rspack emits the .wasm
    // that new URL('…_bg.wasm', import.meta.url) names, as webpack 5 does.
    // (Its generated page names no icon, and the browser's request for /favicon.ico would be
    // a 404 on the console: an empty one goes in public/, which Rsbuild copies.)
    const folder = project('rsbuild', { 'src/index.js': pageShown(`import init, { personalReward } from 'soei-rewards';`), 'public/favicon.ico': '' });
    run(bin('rsbuild'), ['build'], folder);
    assert.equal(await rewardServedFrom(browser, join(folder, 'dist'), ''), EXPECTED);
  });

  test("Vitest, in its node environment and in jsdom (a React component test's): import computes", () => {
    const testFile = (environment) => `${environment ? `// @vitest-environment ${environment}\n` : ''}import { expect, test } from 'vitest';
import init, { personalReward } from 'soei-rewards';
test('the example', async () => {
  await init();
${COMPUTE.replace(/^/gm, '  ')}
  expect(typeof document).toBe('${environment ? 'object' : 'undefined'}');
  expect(shown).toBe('${EXPECTED}');
});
`;
    const folder = project('vitest', { 'node.test.js': testFile(), 'jsdom.test.js': testFile('jsdom') });
    const report = JSON.parse(run(process.execPath, [join(tools, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--reporter=json'], folder));
    assert.deepEqual([report.numPassedTests, report.numFailedTests], [2, 0], JSON.stringify(report.testResults?.map((result) => result.message)));
  });

  test('Rollup with node-resolve, the main entry: init() falls back to the inlined copy, its own chunk', async () => {
    // Rollup copies no .wasm either. The inlined bytes are a chunk of their own, so Rollup
    // builds into a folder (output.dir): with output.file it refuses any dynamic import.
    const folder = project('rollup-main-entry', { 'main.js': pageShown(`import init, { engine, personalReward } from 'soei-rewards';`).replace('document.body.dataset.reward = shown;', 'document.body.dataset.reward = `${shown} ${engine()}`;'), 'dist/index.html': PAGE });
    run(bin('rollup'), ['main.js', '--plugin', '@rollup/plugin-node-resolve', '--format', 'es', '--dir', 'dist', '--silent'], folder);
    assert.equal(await rewardServedFrom(browser, join(folder, 'dist'), '', { allowed: /status of 404/ }), `${EXPECTED} wasm`);
  });

  test('Rollup with node-resolve: a bundle of soei-rewards/inline computes in Chromium', async () => {
    const folder = project('rollup', { 'main.js': pageShown(`import init, { personalReward } from 'soei-rewards/inline';`), 'dist/index.html': PAGE });
    run(bin('rollup'), ['main.js', '--plugin', '@rollup/plugin-node-resolve', '--format', 'es', '--file', 'dist/main.js', '--silent'], folder);
    assert.equal(await rewardServedFrom(browser, join(folder, 'dist')), EXPECTED);
  });
});

/** Runs `next start` in `folder` on a free loopback port until `use(origin)` settles. */
async function withNextServer(folder, use) {
  const port = await freePort();
  const server = spawn(process.execPath, [join(tools, 'node_modules', 'next', 'dist', 'bin', 'next'), 'start', '-H', '127.0.0.1', '-p', String(port)], {
    cwd: folder, env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' }, stdio: ['ignore', 'pipe', 'pipe'], detached: true,
  });
  let output = '';
  server.stdout.on('data', (chunk) => { output += chunk; });
  server.stderr.on('data', (chunk) => { output += chunk; });
  const exited = new Promise((resolve) => server.once('exit', resolve));
  try {
    const origin = `http://127.0.0.1:${port}`;
    for (let tries = 0; ; tries += 1) {
      try {
        await fetch(origin);
        break;
      } catch (error) {
        if (server.exitCode !== null || tries > 300) throw new Error(`next start did not answer:\n${output}`, { cause: error });
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    return await use(origin);
  } finally {
    process.kill(-server.pid, 'SIGTERM'); // the server and any worker it started
    await exited;
  }
}

// The app a Next.js user writes (its package.json says no module type, as create-next-app's):
// no next.config, the package imported as the README shows.
const nextApp = {
  'app/layout.js': `export default function RootLayout({ children }) {
  return <html lang="en"><head><link rel="icon" href="data:," /></head><body>{children}</body></html>;
}
`,
  // A server component, rendered on each request, beside a client component.
  'app/page.js': `import { personalReward } from 'soei-rewards';
import ClientReward from './client-reward';

export const dynamic = 'force-dynamic';

export default function Page() {
${COMPUTE.replace(/^/gm, '  ')}
  return <main><p id="server" data-reward={shown}>{shown}</p><ClientReward /></main>;
}
`,
  'app/client-reward.js': `'use client';
import { useEffect, useState } from 'react';
import init, { personalReward } from 'soei-rewards';

export default function ClientReward() {
  const [computed, setComputed] = useState();
  useEffect(() => {
    init().then(() => {
${COMPUTE.replace(/^/gm, '      ')}
      setComputed(shown);
    });
  }, []);
  return <p id="client" data-reward={computed}>{computed ?? 'loading'}</p>;
}
`,
  // A page of only the client component, prerendered at build time.
  'app/client-only/page.js': `import ClientReward from '../client-reward';

export default function Page() {
  return <ClientReward />;
}
`,
  'app/api/reward/route.js': `import { personalReward } from 'soei-rewards';

export const dynamic = 'force-dynamic';

export function GET() {
${COMPUTE.replace(/^/gm, '  ')}
  return Response.json({ shown });
}
`,
};

describe('Next.js', () => {
  for (const [bundler, flags] of [['Turbopack', []], ['webpack', ['--webpack']]]) {
    test(`Next.js (${bundler}): next build, then next start serves the server, client and route values`, async () => {
      const folder = project(`next-${bundler.toLowerCase()}`, nextApp, undefined);
      try {
        run(process.execPath, [join(tools, 'node_modules', 'next', 'dist', 'bin', 'next'), 'build', ...flags], folder, { ...process.env, NEXT_TELEMETRY_DISABLED: '1' });
      } catch (error) {
        assert.fail(`next build failed:\n${error.stdout}${error.stderr}`);
      }
      await withNextServer(folder, async (origin) => {
        const html = await (await fetch(origin)).text();
        assert.match(html, new RegExp(`<p id="server" data-reward="${EXPECTED}">`));
        assert.deepEqual(await (await fetch(`${origin}/api/reward`)).json(), { shown: EXPECTED });
        assert.equal(await rewardShownAt(browser, origin, { selector: '#client' }), EXPECTED);
        assert.equal(await rewardShownAt(browser, `${origin}/client-only`, { selector: '#client' }), EXPECTED);
      });
    });
  }
});
