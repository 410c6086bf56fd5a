// What the install tests share: the packed tarball, the pinned tools that consumer projects
// build with (installed once into a cached folder under target/), and the check that a page
// served from a folder shows what the package computed.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from '../../scripts/lib.mjs';
import { serveFolders } from '../../scripts/serve.mjs';
import { watchedPage } from './chromium.mjs';

const pkgDir = join(root, 'pkg');

/** The tools the environment tests run, pinned: the one place for their versions. */
export const TOOLS = {
  next: '16.4.6',
  react: '19.3.1',
  'react-dom': '19.3.1',
  bun: '1.4.5',
  deno: '2.9.6',
  esbuild: '0.28.2',
  rollup: '4.68.8',
  '@rollup/plugin-node-resolve': '16.0.3',
  jest: '30.5.2',
  'jest-environment-jsdom': '30.5.2',
  parcel: '2.16.4',
  '@rsbuild/core': '2.3.2',
  vitest: '4.1.12',
  jsdom: '29.1.1',
};

export const EXAMPLE = `{ stp: '850', pool: '1000', tierTotals: ['8000', '5000', '3000', '2500'] }`;

/**
 * Statements that compute the example and the coded error of a negative `stp` with the
 * imported `personalReward`, into `shown` ("138.125 negative stp" when all is well).
 */
export const COMPUTE = `const reward = personalReward(${EXAMPLE}).reward;
let failure = 'no error';
try {
  personalReward({ ...${EXAMPLE}, stp: '-1' });
} catch (error) {
  failure = error instanceof Error ? \`\${error.code} \${error.field}\` : 'not an Error';
}
const shown = \`\${reward} \${failure}\`;`;
export const EXPECTED = '138.125 negative stp';

/** Runs a command, returning its standard output; on failure the error carries both outputs. */
export const run = (command, args, cwd, env = process.env) => execFileSync(command, args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/**
 * The folder target/`kind`/<hash> where the npm packages `dependencies` (exact versions) are
 * installed, installing them (then running `prepare` on the folder) if this set of versions
 * never was: it is keyed by a hash of them, so a warm run installs nothing.
 */
export function cachedInstall(kind, dependencies, prepare = () => {}) {
  const hash = createHash('sha256').update(JSON.stringify(dependencies)).digest('hex').slice(0, 16);
  const folder = join(root, 'target', kind, hash);
  const stamp = join(folder, '.installed');
  if (!existsSync(stamp)) {
    rmSync(folder, { recursive: true, force: true });
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'package.json'), JSON.stringify({ name: kind, private: true, dependencies }, null, 2));
    run('npm', ['install', '--no-audit', '--no-fund'], folder);
    prepare(folder);
    writeFileSync(stamp, '');
  }
  return folder;
}

/** The folder where TOOLS are installed (cachedInstall). */
export const toolsFolder = () => cachedInstall('consumer-tools', TOOLS);

/**
 * A copy at `to` (emptied first) of the project `from`, less the entries `leaveOut`, whose
 * node_modules is hard-linked, not copied: a second, not a minute, for an app's hundreds of
 * MB. npm rewrites its hidden lockfile in place, so that one file is a copy of its own.
 */
export function linkedCopy(from, to, leaveOut = []) {
  run('rm', ['-rf', to]);
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from).filter((name) => name !== 'node_modules' && !leaveOut.includes(name))) cpSync(join(from, entry), join(to, entry), { recursive: true });
  run('cp', ['-al', join(from, 'node_modules'), to]);
  const hidden = join(to, 'node_modules', '.package-lock.json');
  if (existsSync(hidden)) {
    const lock = readFileSync(hidden);
    rmSync(hidden);
    writeFileSync(hidden, lock);
  }
  return to;
}

/** Packs pkg/ into `folder` as `npm publish` would; returns the tarball's path. */
export function packTarball(folder) {
  return join(folder, run('npm', ['pack', '--silent', '--pack-destination', folder], pkgDir).trim().split('\n').pop());
}

/**
 * A fresh project at `folder` (emptied first) with `tarball` installed as a user installs it,
 * from its own package.json of module `type` (none when undefined).
 */
export function freshProject(folder, tarball, type = 'module') {
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type }));
  run('npm', ['install', '--no-audit', '--no-fund', '--no-package-lock', tarball], folder);
  return folder;
}

/**
 * Loads `address` in `browser` and returns what the page wrote to the data-reward of
 * `selector`; fails on any page or console error but those `allowed` matches.
 */
export async function rewardShownAt(browser, address, { selector = 'body', allowed } = {}) {
  const { page, problems } = await watchedPage(browser);
  await page.goto(address);
  await page.waitForSelector(`${selector}[data-reward]`, { state: 'attached', timeout: 15_000 });
  const shown = await page.evaluate((css) => document.querySelector(css).dataset.reward, selector);
  await page.close();
  assert.deepEqual(problems.filter((problem) => !allowed?.test(problem)), []);
  return shown;
}

/** Serves `folder` on a free loopback port and returns what `page` there shows;
 *  `options.scriptSources` widens the page's script-src, and `options.wasm: false` takes
 *  'wasm-unsafe-eval' out of it (see serveFolders). */
export async function rewardServedFrom(browser, folder, page = '', options = {}) {
  const { server, address } = await serveFolders([['/', folder]], 0, options.scriptSources, { wasm: options.wasm ?? true });
  try {
    return await rewardShownAt(browser, `${address}${page}`, options);
  } finally {
    server.close();
  }
}
