// Expo web with static rendering: a create-expo-app project (the SDK that npm serves for Node
// 20, Expo Router, `web.output: "static"`) whose screen computes the example at render time,
// exported with `expo export --platform web`. Metro bundles the server render from the
// package's Node ES module entry (conditions `node`, `import`), as CommonJS: the rendered
// HTML must hold the result. The client takes the browser entry (`default`): Metro does not
// emit the .wasm, so init() takes its inlined bytes, or the JS engine where WebAssembly is off.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { root } from '../../scripts/lib.mjs';
import { serveFolders } from '../../scripts/serve.mjs';
import { launchChromium, watchedPage } from './chromium.mjs';
import { EXAMPLE, linkedCopy, packTarball } from './consumer.mjs';

// What `npx create-expo-app` makes on Node 20 where Expo's servers are out of reach: create-expo
// 5.0.1 (5.0.2 and later need Node 22) and the default template's npm `latest`, SDK 57. Naming
// the template's version also keeps create-expo from asking Expo's servers for one.
const PINS = { createExpo: '5.0.1', template: 'expo-template-default@57.0.28' };
const env = { ...process.env, EXPO_OFFLINE: '1', EXPO_NO_TELEMETRY: '1', CI: '1' };
const sh = (command, args, cwd) => execFileSync(command, args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 26 });

// The screen a new user would write: the reward is computed during render, so the static render
// computes it on the server, and the client computes it again once init() has resolved.
// (`ready` is an argument so that React Compiler, on in the template, does not cache the first.)
const SCREEN = `import init, { engine, personalReward } from 'soei-rewards';
import { useEffect, useState } from 'react';
import { Text, View } from 'react-native';

const example = ${EXAMPLE};

function compute(ready: boolean) {
  let failure = 'no error';
  try {
    personalReward({ ...example, stp: '-1' });
  } catch (error: any) {
    failure = \`\${error.code} \${error.field}\`;
  }
  return \`\${personalReward(example).reward} \${failure} \${engine()} \${ready ? 'ready' : 'rendered'}\`;
}

export default function Home() {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    init().then(() => setReady(true));
  }, []);
  let shown: string;
  try {
    shown = compute(ready);
  } catch (error: any) {
    shown = \`failed: \${error.message}\`;
  }
  return <View><Text testID="shown">{shown}</Text></View>;
}
`;

/** The template with its packages, made once per PINS under target/expo/ (about a minute and
 *  600 MB); made beside and renamed, so an interrupted run leaves no half-made skeleton. */
function skeleton() {
  const folder = join(root, 'target', 'expo', createHash('sha256').update(JSON.stringify(PINS)).digest('hex').slice(0, 16));
  if (existsSync(join(folder, 'node_modules', 'expo', 'package.json'))) return folder;
  const work = `${folder}.making`;
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  sh('npx', ['--yes', `create-expo@${PINS.createExpo}`, 'app', '--template', PINS.template, '--yes', '--no-agents-md'], work);
  rmSync(folder, { recursive: true, force: true });
  renameSync(join(work, 'app'), folder);
  rmSync(work, { recursive: true, force: true });
  return folder;
}

let browser;
let app;
before(async () => {
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  if (app) sh('rm', ['-rf', app]);
});

test('Expo web, static rendering: the rendered HTML holds the result, and the client computes with WebAssembly and without', { timeout: 900_000 }, async () => {
  const made = skeleton();
  app = linkedCopy(made, `${made}.run`, ['.git', 'dist', '.expo']);
  sh('npm', ['install', '--no-audit', '--no-fund', packTarball(app)], app);
  writeFileSync(join(app, 'src', 'app', 'index.tsx'), SCREEN);
  try {
    sh('npx', ['expo', 'export', '--platform', 'web'], app);
  } catch (error) {
    assert.fail(`expo export failed:\n${`${error.stdout}${error.stderr}`.split('\n').filter((line) => !/^\s+at /.test(line)).slice(-25).join('\n')}`);
  }
  const dist = join(app, 'dist');
  // A render that throws does not fail the export: React leaves a client-rendered boundary.
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  assert.ok(!html.includes('<!--$!-->'), 'the static render failed (a client-rendered boundary in index.html)');
  assert.match(html, />138\.125 negative stp wasm rendered</);

  for (const wasm of [true, false]) {
    const { server, address } = await serveFolders([['/', dist]], 0, [], { wasm });
    try {
      const { page, problems } = await watchedPage(browser);
      await page.goto(address);
      await page.getByTestId('shown').filter({ hasText: /ready$/ }).waitFor({ timeout: 30_000 });
      assert.equal(await page.getByTestId('shown').innerText(), `138.125 negative stp ${wasm ? 'wasm' : 'js'} ready`);
      await page.close();
      // Expected on the console: the .wasm Metro did not emit (404), the page's inline
      // scripts and the refused WebAssembly under the tests' strict CSP, and React's
      // recoverable hydration mismatch (#418): the browser entry is ready only after
      // `await init()`, so the first client render cannot show what the server rendered.
      assert.deepEqual(problems.filter((problem) => !/status of 404|Content Security Policy|WebAssembly|wasm-unsafe-eval|Minified React error #418\b/.test(problem)), []);
    } finally {
      server.close();
    }
  }
});
