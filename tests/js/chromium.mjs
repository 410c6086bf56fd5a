// Debian's Chromium under playwright-core, as every browser test here launches it. The
// background-networking flags keep it from reaching for hosts this sandbox cannot reach.
import { chromium } from 'playwright-core';
import { chromiumPath } from '../../scripts/setup.mjs';

const FLAGS = [
  '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-quic',
];

/** Launches Chromium; with `wasm: false`, V8 runs jitless, which leaves it no WebAssembly (as
 *  an Android web view without a JIT). */
export function launchChromium({ wasm = true } = {}) {
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: wasm ? FLAGS : [...FLAGS, '--js-flags=--jitless'] });
}

/** A new page that records every page error and console error into `problems`. */
export async function watchedPage(browser, options) {
  const page = await browser.newPage(options);
  const problems = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
  return { page, problems };
}
