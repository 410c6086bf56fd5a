// The demo page in a real browser: Debian's Chromium driven by playwright-core, against the
// server `npm start` runs (scripts/serve.mjs), on a free loopback port, stopped afterwards.
// Every assertion reads what the browser rendered; screenshots go to test-output/ for review.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { launchChromium, watchedPage } from './chromium.mjs';
import { example, root, soei } from './helpers.mjs';
const screenshots = join(root, 'test-output');
let server;
let browser;
let address;

/** Starts `npm start`'s server on a free port and resolves with the address it prints. */
async function startServer() {
  const child = spawn(process.execPath, [join(root, 'scripts', 'serve.mjs')], { env: { ...process.env, PORT: '0' } });
  let printed = '';
  for await (const chunk of child.stdout) {
    printed += chunk;
    const match = printed.match(/http:\/\/127\.0\.0\.1:\d+\//);
    if (match) return { child, address: match[0] };
  }
  throw new Error(`the server stopped before printing its address: ${printed}`);
}

before(async () => {
  ({ child: server, address } = await startServer());
  browser = await launchChromium();
  mkdirSync(screenshots, { recursive: true });
});

after(async () => {
  await browser?.close();
  if (server && server.exitCode === null) {
    server.kill('SIGTERM');
    await once(server, 'exit');
  }
});

/** A fresh page with the calculator loaded, collecting any console error or page error. */
async function openCalculator(viewport = { width: 1280, height: 900 }) {
  const { page, problems } = await watchedPage(browser, { viewport });
  await page.goto(address);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 15_000 });
  return { page, problems };
}

const text = (page, testid) => page.getByTestId(testid).textContent();

test('the page loads under its CSP and shows the documentation example: 138.125', async () => {
  const { page, problems } = await openCalculator();
  assert.equal(await text(page, 'personal-reward'), '138.125');
  assert.equal(await text(page, 'personal-rank'), 'Platinum');
  assert.equal(await page.getByTestId('personal-progress').evaluate((bar) => bar.value), 0.25);
  assert.equal(await text(page, 'personal-next'), '150 STP to Diamond (1000 STP).');
  const expectedDiamond = soei.personalReward({ ...example, whatIfStp: '1000' }).reward;
  assert.match(await text(page, 'personal-next-pays'), new RegExp(`would pay ${expectedDiamond} USDT`));
  const amounts = await page.locator('[data-testid="personal-tiers"] tbody td:last-child').allTextContents();
  assert.deepEqual(amounts, ['53.125', '42.5', '42.5', '0']);
  assert.match(await text(page, 'period-countdown'), /^\d+ d \d+ h \d+ min \d+ s$/);
  assert.equal(await text(page, 'ambassador-rank'), 'Brand Ambassador');
  const ambassadorInput = { stpr: '70000', pool: '5000', tierTotals: ['1200000', '450000', '300000'] };
  const globalPays = soei.ambassadorReward({ ...ambassadorInput, whatIfStpr: '255000' }).reward;
  assert.equal(await text(page, 'ambassador-next-pays'), `Reaching Global Ambassador would pay ${globalPays} USDT, everyone else unchanged.`);
  assert.deepEqual(problems, []);
  await page.close();
});

test('typing 1000 STP makes the user Diamond and changes the reward', async () => {
  const { page } = await openCalculator();
  await page.getByTestId('stp').fill('1000');
  assert.equal(await text(page, 'personal-rank'), 'Diamond');
  const expected = soei.personalReward({ ...example, stp: '1000' }).reward;
  assert.notEqual(expected, '138.125');
  assert.equal(await text(page, 'personal-reward'), expected);
  assert.equal(await text(page, 'personal-next'), 'Top rank reached.');
  await page.close();
});

test('typing -5 shows an error naming the field, keeps the last result, and the page recovers', async () => {
  const { page, problems } = await openCalculator();
  await page.getByTestId('stp').fill('-5');
  const error = page.getByTestId('error-stp');
  assert.ok(await error.isVisible());
  assert.match(await error.textContent(), /^stp: must not be negative/);
  assert.equal(await page.getByTestId('stp').getAttribute('aria-invalid'), 'true');
  assert.equal(await text(page, 'personal-reward'), '138.125', 'the previous valid result stays');
  await page.getByTestId('tier-total-2').fill('1,000');
  await page.getByTestId('stp').fill('900');
  assert.match(await page.getByTestId('error-tier-total-2').textContent(), /^tierTotals\[2\]: "1,000" is not a number/);
  await page.getByTestId('tier-total-2').fill('3000');
  assert.ok(await error.isHidden());
  assert.equal(await text(page, 'personal-reward'), soei.personalReward({ ...example, stp: '900' }).reward);
  assert.deepEqual(problems, [], 'errors are shown on the page, not thrown to the console');
  await page.close();
});

test('the countdown follows the clock until another instant is picked', async () => {
  const { page } = await openCalculator();
  const first = await page.getByTestId('at').inputValue();
  await page.waitForFunction((before) => document.getElementById('at').value !== before, first, { timeout: 5000 });
  await page.getByTestId('at').fill('2026-11-16T00:00:00');
  assert.equal(await text(page, 'period-countdown'), '15 d 0 h 0 min 0 s');
  await page.waitForTimeout(1200);
  assert.match(await page.getByTestId('at').inputValue(), /^2026-11-16T00:00(:00)?$/, 'a picked instant stays');
  assert.equal(await text(page, 'projected-points'), '1700', '850 STP at half of November');
  await page.close();
});

test('the chart has a point per step, the thresholds and the user', async () => {
  const { page } = await openCalculator();
  const chart = page.getByTestId('reward-chart');
  const points = await chart.locator('polyline').getAttribute('points');
  assert.equal(points.trim().split(/\s+/).length, 201);
  assert.equal(await chart.locator('.threshold').count(), 4);
  assert.equal(await chart.getByTestId('reward-chart-user').count(), 1);
  const box = await chart.boundingBox();
  assert.ok(box.width > 300 && box.height > 100, 'the chart is actually laid out');
  await page.close();
});

test('the ambassador shares are editable assumptions, checked like any input', async () => {
  const { page } = await openCalculator();
  assert.match(await page.locator('#ambassador .assumption').textContent(), /assumptions/);
  await page.getByTestId('amb-share-0').fill('0.9');
  assert.match(await page.getByTestId('error-amb-shares').textContent(), /shares must sum to at most 1/);
  await page.getByTestId('amb-share-0').fill('0.4');
  const expected = soei.ambassadorReward({
    stpr: '70000', pool: '5000', tierTotals: ['1200000', '450000', '300000'],
    ladder: { tiers: soei.ladders().ambassador.tiers.map((tier, index) => ({ ...tier, share: ['0.4', '0.3', '0.2'][index] })) },
  }).reward;
  assert.equal(await text(page, 'ambassador-reward'), expected);
  await page.close();
});

test('every input has a label and the calculator works from the keyboard', async () => {
  const { page } = await openCalculator();
  const unlabelled = await page.locator('input').evaluateAll((inputs) => inputs.filter((input) => input.labels.length === 0).map((input) => input.id));
  assert.deepEqual(unlabelled, []);
  await page.getByTestId('stp').focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('100');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'pool');
  assert.equal(await text(page, 'personal-rank'), 'Silver');
  await page.close();
});

test('a phone-sized and a desktop screenshot, with nothing wider than the screen', async () => {
  for (const width of [360, 1280]) {
    const { page } = await openCalculator({ width, height: 800 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page is ${overflow}px wider than a ${width}px screen`);
    await page.screenshot({ path: join(screenshots, `calculator-${width}.png`), fullPage: true });
    await page.close();
  }
});

test('the page is served under a strict CSP, breaks none of it, and never parses text as HTML', async () => {
  const { page, problems } = await watchedPage(browser);
  await page.addInitScript(() => {
    window.violations = [];
    document.addEventListener('securitypolicyviolation', (event) => window.violations.push(event.violatedDirective));
  });
  const response = await page.goto(address);
  const policy = response.headers()['content-security-policy'];
  assert.match(policy, /script-src 'self' 'wasm-unsafe-eval'/);
  assert.match(policy, /default-src 'self'/);
  await page.waitForSelector('body[data-ready="true"]');
  await page.getByTestId('stp').fill('<img src=x onerror=alert(1)>');
  assert.match(await page.getByTestId('error-stp').textContent(), /^stp: "<img src=x onerror=alert\(1\)>" is not a number/);
  assert.equal(await page.locator('img').count(), 0, 'the text stayed text');
  assert.deepEqual(await page.evaluate(() => window.violations), []);
  assert.deepEqual(problems, []);
  const source = readFileSync(join(root, 'www', 'app.js'), 'utf8');
  assert.doesNotMatch(source, /innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
  await page.close();
});
