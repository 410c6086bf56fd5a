// Installs what a fresh machine lacks for building and testing, and skips what is present,
// so that `npm start` and `npm test` work on a clean clone and cost little when run again.
//
//   node scripts/setup.mjs            the Rust wasm toolchain and the npm packages
//   node scripts/setup.mjs --browser  and the three browser engines, for the browser tests
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMain, lockedVersion, output, root, run } from './lib.mjs';

/** Where each browser engine's programs are, and the Debian package that brings each. */
export const browserPaths = Object.freeze({
  chromium: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  firefox: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr',
  webkitDriver: process.env.WEBKIT_DRIVER_PATH ?? '/usr/bin/WebKitWebDriver',
  miniBrowser: process.env.MINIBROWSER_PATH ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
  xvfbRun: '/usr/bin/xvfb-run',
});
const browserPackages = Object.freeze({
  chromium: 'chromium',
  firefox: 'firefox-esr',
  webkitDriver: 'webkit2gtk-driver',
  miniBrowser: 'webkit2gtk-driver',
  xvfbRun: 'xvfb',
});
export const chromiumPath = browserPaths.chromium;

function wasmTarget() {
  if (!output('rustup', ['target', 'list', '--installed'])?.includes('wasm32-unknown-unknown')) {
    run('rustup', ['target', 'add', 'wasm32-unknown-unknown']);
  }
}

function wasmPack() {
  if (output('wasm-pack', ['--version']) === null) {
    run('cargo', ['install', 'wasm-pack']);
  }
}

// wasm-pack would fetch a prebuilt wasm-bindgen from the network, which only works with
// access beyond the package registries; with the matching version on PATH it uses that.
// (`--locked` is left off: it has failed for this crate.)
function wasmBindgen() {
  const version = lockedVersion('wasm-bindgen', readFileSync(join(root, 'Cargo.lock'), 'utf8'));
  if (!output('wasm-bindgen', ['--version'])?.includes(version)) {
    run('cargo', ['install', 'wasm-bindgen-cli', '--version', version]);
  }
}

// `npm ci` when node_modules is missing or was installed from another package-lock.json.
function npmPackages() {
  const lock = readFileSync(join(root, 'package-lock.json'));
  const hash = createHash('sha256').update(lock).digest('hex');
  const stamp = join(root, 'node_modules', '.soei-lock-sha256');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === hash) return;
  run('npm', ['ci', '--no-audit', '--no-fund']);
  writeFileSync(stamp, hash);
}

// Debian's Chromium, Firefox ESR and WebKitGTK (with its WebDriver and a virtual display): no
// browser download is possible here (`npx playwright install` fails), so the engines come
// from the distribution, in one apt run for whichever are missing.
function browsers() {
  const missing = [...new Set(Object.entries(browserPaths).filter(([, path]) => !existsSync(path)).map(([key]) => browserPackages[key]))];
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) {
    throw new Error(`browsers are missing: install them (sudo apt-get install -y ${missing.join(' ')}) or set their paths (CHROMIUM_PATH, FIREFOX_PATH, WEBKIT_DRIVER_PATH, MINIBROWSER_PATH)`);
  }
  run('apt-get', ['update', '-q']);
  run('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...missing], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

if (isMain(import.meta.url)) {
  wasmTarget();
  wasmPack();
  wasmBindgen();
  npmPackages();
  if (process.argv.includes('--browser')) browsers();
  console.log('setup: everything needed is installed');
}
