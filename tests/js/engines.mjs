// The three browser engines the package's users run it in, behind one small interface, so
// that a test or a benchmark can say "in each engine" with one loop:
//   chromium  Debian's Chromium under playwright-core (Chrome, Edge, Android's web view)
//   firefox   Debian's Firefox ESR through WebDriver BiDi, driven by puppeteer-core
//   webkit    WebKitGTK's MiniBrowser through WebKitWebDriver (classic WebDriver) under a
//             virtual X display: the engine of Safari and of every iOS web view
// No engine is downloaded (nothing but the package registries is reachable here): setup.mjs
// installs the Debian packages. Servers are the tests' own, on 127.0.0.1.
//
//   const engine = await launchEngine('webkit');
//   const page = await engine.newPage({ width: 360, height: 800 });
//   await page.goto(url);
//   const value = await page.evaluate((x) => x + 1, 41);
//   await page.close(); await engine.close();
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import puppeteer from 'puppeteer-core';
import { Builder } from 'selenium-webdriver';
import { browserPaths } from '../../scripts/setup.mjs';
import { launchChromium } from './chromium.mjs';

export const ENGINES = Object.freeze(['chromium', 'firefox', 'webkit']);

/**
 * @typedef {object} EnginePage
 * @property {(url: string) => Promise<void>} goto
 * @property {<A, R>(fn: (arg: A) => R | Promise<R>, arg?: A) => Promise<R>} evaluate
 *   runs `fn` in the page with one JSON-serialisable argument; awaits a returned promise
 * @property {(fn: Function, arg?: unknown, timeoutMs?: number) => Promise<unknown>} waitFor
 *   polls `fn` in the page until it returns a truthy value, which it resolves with
 * @property {(selector: string, text: string) => Promise<void>} type
 *   empties the input that `selector` (CSS) finds and types `text` into it, key by key
 * @property {(path: string) => Promise<void>} screenshot  a PNG of the viewport
 * @property {() => Promise<void>} close
 */

/**
 * Starts one engine. `newPage({ width, height })` opens a page whose viewport (the page's
 * `innerWidth` × `innerHeight`) has that size. With `{ wasm: false }` the engine has no
 * WebAssembly, as where a phone turns it off: Chromium jitless, Firefox with its
 * `javascript.options.wasm` pref off, WebKit as in iOS Lockdown Mode (no WebAssembly, no JIT).
 * @param {'chromium' | 'firefox' | 'webkit'} name
 * @returns {Promise<{ name: string, version: string, newPage: (viewport?: { width: number, height: number }) => Promise<EnginePage>, close: () => Promise<void> }>}
 */
export async function launchEngine(name, { wasm = true } = {}) {
  switch (name) {
    case 'chromium': return launchChromiumEngine(wasm);
    case 'firefox': return launchFirefoxEngine(wasm);
    case 'webkit': return launchWebKitEngine(wasm);
    default: throw new Error(`no engine named ${name}: choose one of ${ENGINES.join(', ')}`);
  }
}

const DEFAULT_VIEWPORT = Object.freeze({ width: 1280, height: 900 });

/** `waitFor` for any engine, from its `evaluate`. */
function poller(evaluate) {
  return async (fn, arg, timeoutMs = 15_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await evaluate(fn, arg);
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${fn}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
}

/**
 * An EnginePage over a playwright or puppeteer page, which share goto, evaluate(fn, arg),
 * screenshot({ path }) and close(); `type` is each library's own way of typing.
 */
function libraryPage(page, type) {
  const evaluate = (fn, arg) => page.evaluate(fn, arg);
  return {
    goto: async (url) => { await page.goto(url); },
    evaluate,
    waitFor: poller(evaluate),
    type,
    screenshot: async (path) => { await page.screenshot({ path }); },
    close: () => page.close(),
  };
}

async function launchChromiumEngine(wasm) {
  const browser = await launchChromium({ wasm });
  return {
    name: 'chromium',
    version: browser.version(),
    async newPage(viewport = DEFAULT_VIEWPORT) {
      const page = await browser.newPage({ viewport });
      return libraryPage(page, async (selector, text) => {
        await page.locator(selector).fill('');
        await page.locator(selector).pressSequentially(text);
      });
    },
    close: () => browser.close(),
  };
}

async function launchFirefoxEngine(wasm) {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: browserPaths.firefox,
    headless: true,
    // Firefox's own background traffic (updates, telemetry, safe browsing) has nowhere to go here.
    extraPrefsFirefox: {
      'app.update.enabled': false,
      'browser.safebrowsing.malware.enabled': false,
      'browser.safebrowsing.phishing.enabled': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      'toolkit.telemetry.enabled': false,
      'network.captive-portal-service.enabled': false,
      'network.connectivity-service.enabled': false,
      'javascript.options.wasm': wasm,
    },
  });
  return {
    name: 'firefox',
    version: await browser.version(),
    async newPage(viewport = DEFAULT_VIEWPORT) {
      const page = await browser.newPage();
      await page.setViewport(viewport);
      return libraryPage(page, async (selector, text) => {
        // Select what is there, so that the first key replaces it.
        await page.click(selector, { count: 3 });
        await page.keyboard.press('Backspace');
        await page.type(selector, text);
      });
    },
    close: () => browser.close(),
  };
}

/** A loopback port nobody listens on at the moment of asking. */
export async function freePort() {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address();
  server.close();
  await once(server, 'close');
  return port;
}

/** Resolves once `url` answers at all (the driver is up), or fails after `timeoutMs`. */
async function waitForServer(url, child, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`WebKitWebDriver exited (${child.exitCode}) before answering`);
    try {
      await fetch(url);
      return;
    } catch {
      if (Date.now() > deadline) throw new Error(`WebKitWebDriver did not answer at ${url} within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

// Each page is a WebDriver session of its own: MiniBrowser is one window per session.
async function launchWebKitEngine(wasm) {
  const port = await freePort();
  // WebKitGTK has no headless mode: xvfb-run gives the driver (and the MiniBrowser it starts)
  // a virtual display. `-a` picks a free display number.
  // MiniBrowser's toolbar would keep its window wider than a phone (about 450 px): a GTK
  // style sheet of its own shrinks the toolbar's widgets to nothing. It styles GTK's widgets
  // only, never the web content, which WebKit draws itself.
  const gtkConfig = mkdtempSync(join(tmpdir(), 'soei-webkit-gtk-'));
  mkdirSync(join(gtkConfig, 'gtk-3.0'));
  writeFileSync(join(gtkConfig, 'gtk-3.0', 'gtk.css'), '* { font-size: 1px; padding: 0; margin: 0; min-width: 0; min-height: 0; border-width: 0; }\n');
  const driver = spawn('xvfb-run', ['-a', browserPaths.webkitDriver, `--port=${port}`, '--host=local'], {
    // JavaScriptCore's options reach MiniBrowser's web process through the driver's environment.
    env: { ...process.env, XDG_CONFIG_HOME: gtkConfig, ...(wasm ? {} : { JSC_useWasm: 'false', JSC_useJIT: 'false' }) },
    stdio: 'ignore',
    detached: true, // its own process group, so that close() ends Xvfb and MiniBrowser too
  });
  const server = `http://127.0.0.1:${port}`;
  try {
    await waitForServer(`${server}/status`, driver);
  } catch (error) {
    stopGroup(driver);
    rmSync(gtkConfig, { recursive: true, force: true });
    throw error;
  }
  const capabilities = {
    browserName: 'MiniBrowser',
    'webkitgtk:browserOptions': { binary: browserPaths.miniBrowser, args: ['--automation'] },
  };
  const sessions = new Set();
  let version = '';
  return {
    name: 'webkit',
    get version() { return version; },
    async newPage(viewport = DEFAULT_VIEWPORT) {
      const session = await new Builder().usingServer(server).withCapabilities(capabilities).build();
      sessions.add(session);
      version ||= (await session.getCapabilities()).get('browserVersion') ?? '';
      // The window includes its frame: size it, then grow it by what the viewport lacks.
      await session.manage().window().setRect({ width: viewport.width, height: viewport.height });
      const evaluate = async (fn, arg) => session.executeScript(`return (${fn}).apply(null, arguments)`, arg);
      const inner = await evaluate(() => [innerWidth, innerHeight]);
      if (inner[0] !== viewport.width || inner[1] !== viewport.height) {
        await session.manage().window().setRect({
          width: Math.max(viewport.width, 2 * viewport.width - inner[0]),
          height: Math.max(viewport.height, 2 * viewport.height - inner[1]),
        });
      }
      return {
        goto: (url) => session.get(url),
        evaluate,
        waitFor: poller(evaluate),
        async type(selector, text) {
          // Selecting what is there first makes the first key replace it, as a user's
          // select-and-type does; the keys then go to the focused input.
          await evaluate((css) => {
            const input = document.querySelector(css);
            input.focus();
            input.select();
          }, selector);
          await session.actions().sendKeys(text).perform();
        },
        screenshot: async (path) => writeFileSync(path, Buffer.from(await session.takeScreenshot(), 'base64')),
        async close() {
          sessions.delete(session);
          await session.quit();
        },
      };
    },
    async close() {
      await Promise.allSettled([...sessions].map((session) => session.quit()));
      stopGroup(driver);
      if (driver.exitCode === null && driver.signalCode === null) await once(driver, 'exit');
      rmSync(gtkConfig, { recursive: true, force: true });
    },
  };
}

function stopGroup(child) {
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    // already gone
  }
}
