// Angular: a new app as `ng new --defaults` makes it (Angular 21, the last that runs on Node 20),
// a component with the default import and `await init()`, a production `ng build`, checked in
// Chromium. Angular's builder (esbuild) does not copy the .wasm that new URL(…,
// import.meta.url) names: the fetch answers 404 and init() takes the inlined bytes, a lazy
// chunk, so the initial bundle stays within Angular's default budget (500 kB). Served with a
// CSP that refuses WebAssembly, the same build runs the JS engine, another lazy chunk.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { root } from '../../scripts/lib.mjs';
import { launchChromium } from './chromium.mjs';
import { EXAMPLE, EXPECTED, linkedCopy, packTarball, rewardServedFrom } from './consumer.mjs';

/** Angular's packages, pinned (`ng new` writes caret ranges). */
const CLI = '21.2.30';
const FRAMEWORK = '21.2.26';
const PINS = {
  '@angular/build': CLI, '@angular/cli': CLI, '@angular/common': FRAMEWORK, '@angular/compiler': FRAMEWORK,
  '@angular/compiler-cli': FRAMEWORK, '@angular/core': FRAMEWORK, '@angular/forms': FRAMEWORK,
  '@angular/platform-browser': FRAMEWORK, '@angular/router': FRAMEWORK, rxjs: '7.8.2', tslib: '2.9.1', typescript: '5.9.3',
};
// No analytics prompt (nor its network call).
const env = { ...process.env, NG_CLI_ANALYTICS: 'false', CI: '1' };
const sh = (command, args, cwd) => execFileSync(command, args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 26 });

/**
 * A new app with its packages installed, made once per set of PINS under target/angular/ (about
 * a minute and 300 MB): `ng new --defaults`, exact versions, and one build to fill Angular's
 * disk cache, which the copies reuse. Made beside and renamed, so an interrupted run leaves
 * no half-made skeleton.
 */
function skeleton() {
  const folder = join(root, 'target', 'angular', createHash('sha256').update(JSON.stringify(PINS)).digest('hex').slice(0, 16));
  if (existsSync(join(folder, 'node_modules'))) return folder;
  const work = `${folder}.making`;
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  sh('npm', ['exec', '--yes', `--package=@angular/cli@${CLI}`, '--', 'ng', 'new', 'app', '--defaults', '--skip-git', '--skip-install'], work);
  const app = join(work, 'app');
  const manifest = JSON.parse(readFileSync(join(app, 'package.json'), 'utf8'));
  // The unit-test tools (vitest, jsdom, prettier) play no part in `ng build`.
  manifest.dependencies = Object.fromEntries(Object.keys(manifest.dependencies).map((name) => [name, PINS[name]]));
  manifest.devDependencies = Object.fromEntries(Object.keys(manifest.devDependencies).filter((name) => PINS[name]).map((name) => [name, PINS[name]]));
  delete manifest.packageManager;
  writeFileSync(join(app, 'package.json'), JSON.stringify(manifest, null, 2));
  rmSync(join(app, 'src', 'app', 'app.spec.ts'));
  // Angular turns its disk cache off where CI is set; on, a copy builds in half the time.
  const workspace = JSON.parse(readFileSync(join(app, 'angular.json'), 'utf8'));
  workspace.cli = { ...workspace.cli, cache: { enabled: true, environment: 'all' } };
  writeFileSync(join(app, 'angular.json'), JSON.stringify(workspace, null, 2));
  sh('npm', ['install', '--no-audit', '--no-fund'], app);
  sh(join(app, 'node_modules', '.bin', 'ng'), ['build'], app);
  rmSync(join(app, 'dist'), { recursive: true });
  rmSync(folder, { recursive: true, force: true });
  renameSync(app, folder);
  rmSync(work, { recursive: true, force: true });
  return folder;
}

// What a new user writes, in Angular's strict TypeScript: the default import, `await init()` in
// the component (v21 apps are zoneless, so the page's data attribute is set directly).
const COMPONENT = `import { Component, OnInit } from '@angular/core';
import init, { engine, isSoeiError, personalReward } from 'soei-rewards';

@Component({ selector: 'app-root', template: '<p>soei-rewards</p>' })
export class App implements OnInit {
  async ngOnInit() {
    await init();
    const input = ${EXAMPLE};
    let failure = 'no error';
    try {
      personalReward({ ...input, stp: '-1' });
    } catch (error) {
      failure = isSoeiError(error) ? \`\${error.code} \${error.field}\` : 'not a coded error';
    }
    document.body.dataset['reward'] = \`\${personalReward(input).reward} \${failure} \${engine()}\`;
  }
}
`;

let browser;
let folder;
before(async () => {
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

test('Angular 21 (ng new --defaults): a production build of the default import computes in Chromium, with WebAssembly and without', { timeout: 900_000 }, async () => {
  const made = skeleton();
  folder = linkedCopy(made, `${made}.run`);
  sh('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', packTarball(folder)], folder);
  writeFileSync(join(folder, 'src', 'app', 'app.ts'), COMPONENT);
  for (const file of ['app.html', 'app.css']) rmSync(join(folder, 'src', 'app', file), { force: true });
  // A production build; a budget error fails it, and a budget warning fails here.
  const built = sh(join(folder, 'node_modules', '.bin', 'ng'), ['build'], folder);
  assert.doesNotMatch(built, /WARNING|ERROR/, built);
  const dist = join(folder, 'dist', 'app', 'browser');
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const initial = [...html.matchAll(/src="([^"]+\.js)"/g)].reduce((sum, [, file]) => sum + statSync(join(dist, file)).size, 0);
  assert.ok(initial < 500_000, `the initial bundle is ${initial} bytes`);
  // Angular inlines its critical CSS with an onload handler, which the tests' strict CSP
  // refuses (and reports); the .wasm, not copied, answers 404.
  const allowed = /status of 404|Content Security Policy|WebAssembly|wasm-unsafe-eval/;
  assert.equal(await rewardServedFrom(browser, dist, '', { allowed }), `${EXPECTED} wasm`);
  assert.equal(await rewardServedFrom(browser, dist, '', { allowed, wasm: false }), `${EXPECTED} js`);
});
