// Installs what a fresh machine lacks for building and testing, and skips what is present,
// so that `npm start` and `npm test` work on a clean clone and cost little when run again.
//
//   node scripts/setup.mjs            the Rust wasm toolchain and the npm packages
//   node scripts/setup.mjs --browser  and Chromium, for the browser tests
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { lockedVersion, output, root, run } from './lib.mjs';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

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

// Debian's Chromium (no browser download is possible here: `npx playwright install` fails).
function chromium() {
  if (existsSync(chromiumPath)) return;
  if (process.getuid?.() !== 0) {
    throw new Error(`Chromium is missing at ${chromiumPath}: install it (sudo apt-get install -y chromium) or set CHROMIUM_PATH`);
  }
  run('apt-get', ['update', '-q']);
  run('apt-get', ['install', '-y', '-q', 'chromium'], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  wasmTarget();
  wasmPack();
  wasmBindgen();
  npmPackages();
  if (process.argv.includes('--browser')) chromium();
  console.log('setup: everything needed is installed');
}
