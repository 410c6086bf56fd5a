// The demo page in a real browser: Debian's Chromium driven by playwright-core, against the
// server `npm start` runs (scripts/serve.mjs), on a free loopback port, stopped afterwards.
// Every assertion reads what the browser rendered; screenshots go to test-output/ for review.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import Decimal from 'decimal.js';
import { launchChromium, watchedPage } from './chromium.mjs';
import { ENGINES, launchEngine } from './engines.mjs';
import { exactPace, exactPointsForReward, exactReward, example, LADDERS, root } from './helpers.mjs';
const screenshots = join(root, 'test-output');
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
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

/**
 * A fresh page with the calculator loaded, collecting any console error or page error;
 * `colorScheme` ('light' or 'dark') is what the page sees as prefers-color-scheme.
 */
async function openCalculator(viewport = { width: 1280, height: 900 }, colorScheme = 'light', { frozenAt } = {}) {
  const { page, problems } = await watchedPage(browser, { viewport, colorScheme });
  // A page whose clock the test moves (Playwright's fake clock), where a test is about time:
  // ticks happen when the test says, not when a slow runner gets to them.
  if (frozenAt !== undefined) {
    await page.clock.install({ time: new Date(frozenAt) });
    await page.clock.pauseAt(new Date(frozenAt));
  }
  await page.goto(address);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 15_000 });
  return { page, problems };
}

const text = (page, testid) => page.getByTestId(testid).textContent();

/**
 * A decimal string as the page shows it: its integer digits grouped in threes with commas
 * (the page's language is English), every fraction digit kept. Written here independently of
 * the page's own formatting (Intl.NumberFormat), so that each checks the other.
 */
/** Each tier's amount for the user (a tier's pot share of `points` over its total, floored; 0
 *  where the tier is not reached), from the exact oracle one tier at a time. */
const tierAmounts = (points, pool, tierTotals, ladder) => LADDERS[ladder].map((tier, index) => exactReward({ points, pool, tierTotals: [tierTotals[index]], ladder: [tier] }));
const grouped = (decimal) => decimal.replace(/^\d+/, (digits) => digits.replace(/\B(?=(\d{3})+$)/g, ','));
const ambassadorDefaults = Object.freeze({ stpr: '70000', pool: '5000', tierTotals: ['1200000', '450000', '300000'] });

test('the page loads under its CSP and shows the documentation example: 138.125', async () => {
  const { page, problems } = await openCalculator();
  assert.equal(await text(page, 'personal-reward'), '138.125');
  assert.equal(await text(page, 'personal-rank'), 'Platinum');
  assert.equal(await page.getByTestId('personal-progress').evaluate((bar) => bar.value), 0.25);
  assert.equal(await text(page, 'personal-next'), '150 STP to Diamond (1,000 STP).');
  // API.md's what-if example: 186.083858, which the oracle computes apart from the package.
  const expectedDiamond = grouped(exactReward({ points: '850', pool: '1000', tierTotals: example.tierTotals, whatIf: '1000' }));
  assert.equal(expectedDiamond, '186.083858');
  assert.ok((await text(page, 'personal-next-pays')).includes(`would pay ${expectedDiamond} USDT`));
  const amounts = await page.locator('[data-testid="personal-tiers"] tbody td[data-label="Yours"]').allTextContents();
  assert.deepEqual(amounts, ['53.125', '42.5', '42.5', '0']);
  assert.match(await text(page, 'period-countdown'), /^\d+ d \d+ h \d+ min \d+ s$/);
  assert.equal(await text(page, 'ambassador-rank'), 'Brand Ambassador');
  const globalPays = grouped(exactReward({ points: ambassadorDefaults.stpr, pool: ambassadorDefaults.pool, tierTotals: ambassadorDefaults.tierTotals, whatIf: '255000', ladder: 'ambassador' }));
  assert.equal(await text(page, 'ambassador-next-pays'), `Reaching Global Ambassador would pay ${globalPays} USDT, everyone else unchanged.`);
  assert.deepEqual(problems, []);
  await page.close();
});

test('typing 1000 STP makes the user Diamond and changes the reward', async () => {
  const { page } = await openCalculator();
  await page.getByTestId('stp').fill('1000');
  assert.equal(await text(page, 'personal-rank'), 'Diamond');
  // The totals stay as typed: 1000 STP is counted in them as the 850 were.
  const expected = exactReward({ points: '1000', pool: '1000', tierTotals: example.tierTotals });
  assert.notEqual(expected, '138.125');
  assert.equal(await text(page, 'personal-reward'), grouped(expected));
  assert.equal(await text(page, 'personal-next'), 'Top rank reached.');
  await page.close();
});

test('typing -5 shows an error next to the field, keeps the last result, and the page recovers', async () => {
  const { page, problems } = await openCalculator();
  await page.getByTestId('stp').fill('-5');
  const error = page.getByTestId('error-stp');
  assert.ok(await error.isVisible());
  // Next to its input the error's detail is shown, without the field path: the label says which.
  assert.match(await error.textContent(), /^must not be negative/);
  assert.equal(await page.getByTestId('stp').getAttribute('aria-invalid'), 'true');
  assert.equal(await text(page, 'personal-reward'), '138.125', 'the previous valid result stays');
  await page.getByTestId('tier-total-2').fill('1,000');
  await page.getByTestId('stp').fill('900');
  assert.match(await page.getByTestId('error-tier-total-2').textContent(), /^"1,000" is not a number/);
  // Sections that use the input without owning it name it by its label.
  assert.match(await text(page, 'error-projection'), /^Platinum \(from 800 STP\): "1,000" is not a number/);
  await page.getByTestId('tier-total-2').fill('3000');
  assert.ok(await error.isHidden());
  assert.ok(await page.getByTestId('error-projection').isHidden());
  assert.equal(await text(page, 'personal-reward'), grouped(exactReward({ points: '900', pool: '1000', tierTotals: example.tierTotals })));
  assert.deepEqual(problems, [], 'errors are shown on the page, not thrown to the console');
  await page.close();
});

test('the countdown follows the clock until another instant is picked', async () => {
  const { page } = await openCalculator(undefined, undefined, { frozenAt: '2026-11-21T10:00:00Z' });
  // (The input drops zero seconds, as picked instants show below.)
  assert.match(await page.getByTestId('at').inputValue(), /^2026-11-21T10:00(:00)?$/);
  // 9 d 14 h to December, as written out here.
  assert.equal(await text(page, 'period-countdown'), '9 d 14 h 0 min 0 s');
  await page.clock.runFor(1000);
  assert.equal(await page.getByTestId('at').inputValue(), '2026-11-21T10:00:01', 'the instant follows the clock');
  assert.equal(await text(page, 'period-countdown'), '9 d 13 h 59 min 59 s');
  await page.getByTestId('at').fill('2026-11-16T00:00:00');
  assert.equal(await text(page, 'period-countdown'), '15 d 0 h 0 min 0 s');
  assert.equal(await text(page, 'period-range'), 'November 2026: Nov 1, 00:00 to Dec 1, 00:00 (UTC)');
  await page.clock.runFor(3000);
  assert.match(await page.getByTestId('at').inputValue(), /^2026-11-16T00:00(:00)?$/, 'a picked instant stays');
  assert.equal(await text(page, 'period-countdown'), '15 d 0 h 0 min 0 s');
  assert.equal(await text(page, 'projected-points'), '1,700', '850 STP at half of November');
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
  const expected = exactReward({
    points: '70000', pool: '5000', tierTotals: ['1200000', '450000', '300000'],
    ladder: LADDERS.ambassador.map(([need], index) => [need, ['0.4', '0.3', '0.2'][index]]),
  });
  assert.equal(await text(page, 'ambassador-reward'), grouped(expected));
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

test('phone-sized and desktop screenshots, light and dark, with nothing wider than the screen', async () => {
  const backgrounds = {};
  for (const colorScheme of ['light', 'dark']) {
    for (const width of [360, 1280]) {
      const { page } = await openCalculator({ width, height: 800 }, colorScheme);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `the page is ${overflow}px wider than a ${width}px screen`);
      backgrounds[colorScheme] = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      await page.screenshot({ path: join(screenshots, `calculator-${width}-${colorScheme}.png`), fullPage: true });
      await page.close();
    }
  }
  // The scheme is the device's: a white page in light, a dark one in dark.
  const channels = (color) => color.match(/\d+/g).slice(0, 3).map(Number);
  assert.deepEqual(channels(backgrounds.light), [255, 255, 255]);
  assert.ok(channels(backgrounds.dark).every((channel) => channel < 40), `dark background ${backgrounds.dark}`);
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
  assert.match(await page.getByTestId('error-stp').textContent(), /^"<img src=x onerror=alert\(1\)>" is not a number/);
  await page.getByTestId('stp').fill('850');
  await page.getByTestId('target').fill('<img src=y onerror=alert(2)>');
  assert.match(await page.getByTestId('error-target').textContent(), /^"<img src=y onerror=alert\(2\)>" is not a number/);
  assert.equal(await page.locator('img').count(), 0, 'the text stayed text');
  assert.deepEqual(await page.evaluate(() => window.violations), []);
  assert.deepEqual(problems, []);
  const source = readFileSync(join(root, 'www', 'app.js'), 'utf8');
  assert.doesNotMatch(source, /innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
  await page.close();
});

/** The rows of a pace table: [rank, still to go, pace needed]. */
const paceRows = (page, testid) => page.locator(`[data-testid="${testid}"] tbody tr`).evaluateAll((rows) => rows.map((row) =>
  [row.querySelector('.goal-name').textContent, ...Array.from(row.querySelectorAll('td'), (cell) => cell.textContent)]));

test('the plan answers how many STP and STPR a target reward takes, on every keystroke', async () => {
  const { page, problems } = await openCalculator();
  assert.match(await text(page, 'plan-target-result'), /^Enter a reward/, 'no target, no answer');
  // The documentation's tiers: 850 STP of 8,000 / 5,000 / 3,000 / 2,500, pool 1,000.
  await page.getByTestId('target').fill('150');
  assert.equal(await text(page, 'plan-target-result'), 'You need 940.81 STP (90.81 more).');
  const answer = exactPointsForReward({ points: '850', pool: '1000', tierTotals: example.tierTotals, target: '150' });
  assert.equal(answer.points, '940.81');
  assert.equal(answer.rank, 'Platinum');
  assert.equal(await text(page, 'plan-target-pays'), `At 940.81 STP you earn ${grouped(answer.reward)} USDT as ${answer.rank}, everyone else unchanged.`);
  await page.getByTestId('target').fill('5000');
  assert.equal(await text(page, 'plan-target-result'), 'No number of points pays that: the most is 1,000 USDT.');
  // The answer follows the other inputs as they are typed.
  await page.getByTestId('target').fill('150');
  await page.getByTestId('stp').fill('900');
  const at900 = exactPointsForReward({ points: '900', pool: '1000', tierTotals: example.tierTotals, target: '150' });
  assert.equal(await text(page, 'plan-target-result'), `You need ${grouped(at900.points)} STP (${grouped(at900.more)} more).`);
  await page.getByTestId('target').fill('100');
  assert.equal(await text(page, 'plan-target-result'), 'You need 800 STP (0 more). You are there already.');
  // The ambassador ladder, with the ambassador inputs.
  await page.getByTestId('amb-target').fill('1500');
  const ambassador = exactPointsForReward({ points: '70000', pool: '5000', tierTotals: ambassadorDefaults.tierTotals, target: '1500', ladder: 'ambassador' });
  assert.notEqual(ambassador, null);
  assert.equal(await text(page, 'plan-amb-target-result'), `You need ${grouped(ambassador.points)} STPR (${grouped(ambassador.more)} more).`);
  await page.getByTestId('amb-target').fill('5000.000001');
  assert.equal(await text(page, 'plan-amb-target-result'), 'No number of points pays that: the most is 5,000 USDT.');
  assert.deepEqual(problems, []);
  await page.close();
});

test('a target the package rejects is shown next to the target field, and emptying it clears the answer', async () => {
  const { page, problems } = await openCalculator();
  await page.getByTestId('target').fill('150');
  await page.getByTestId('target').fill('-3');
  const error = page.getByTestId('error-target');
  assert.ok(await error.isVisible());
  assert.match(await error.textContent(), /^must not be negative/);
  assert.equal(await page.getByTestId('target').getAttribute('aria-invalid'), 'true');
  assert.equal(await text(page, 'plan-target-result'), 'You need 940.81 STP (90.81 more).', 'the last valid answer stays');
  await page.getByTestId('target').fill('');
  assert.ok(await error.isHidden());
  assert.equal(await page.getByTestId('target').getAttribute('aria-invalid'), null);
  assert.match(await text(page, 'plan-target-result'), /^Enter a reward/);
  // An error in an input of another section is named by that input's label.
  await page.getByTestId('target').fill('150');
  await page.getByTestId('pool').fill('abc');
  assert.match(await text(page, 'error-plan-target'), /^Reward pool \(USDT\): "abc" is not a number/);
  assert.ok(await error.isHidden());
  assert.deepEqual(problems, []);
  await page.close();
});

test('the plan shows the pace each higher rank needs by the end of the period, for both ladders', async () => {
  const { page, problems } = await openCalculator();
  await page.getByTestId('at').fill('2026-11-21T12:00:00');
  // 9.5 days left of November: Diamond needs 150 more STP, 150 / 9.5 = 15.789473… rounded up.
  assert.deepEqual(await paceRows(page, 'plan-pace-goals'), [['Diamond', '150', '15.789474 per day']]);
  const plan = exactPace({ points: '850', at: '2026-11-21T12:00:00Z' });
  assert.equal(await text(page, 'plan-pace-summary'),
    `9.5 days left. Your pace so far: ${grouped(plan.perDay)} STP per day, on course for ${grouped(plan.projectedPoints)} STP (${plan.projectedRank}).`);
  const ambassador = exactPace({ points: '70000', at: '2026-11-21T12:00:00Z', ladder: 'ambassador' });
  assert.deepEqual(await paceRows(page, 'plan-amb-pace-goals'),
    ambassador.goals.map((goal) => [goal.name, grouped(goal.remaining), `${grouped(goal.perDay)} per day`]));
  assert.deepEqual(ambassador.goals.map((goal) => goal.name), ['Global Ambassador']);
  assert.equal(ambassador.goals[0].remaining, '185000');
  // Every keystroke: fewer points, more ranks to go.
  await page.getByTestId('stp').fill('450');
  assert.deepEqual((await paceRows(page, 'plan-pace-goals')).map((row) => row.slice(0, 2)), [['Gold', '50'], ['Platinum', '350'], ['Diamond', '550']]);
  await page.getByTestId('stpr').fill('300000');
  assert.ok(await page.getByTestId('plan-amb-pace-top').isVisible());
  assert.ok(await page.getByTestId('plan-amb-pace-goals').isHidden());
  // At a period's first instant there is no pace yet, but the goals still have theirs.
  await page.getByTestId('at').fill('2026-12-01T00:00:00');
  assert.match(await text(page, 'plan-pace-summary'), /^31 days left\. The period has just begun: there is no pace yet\.$/);
  const december = exactPace({ points: '450', at: '2026-12-01T00:00:00Z' });
  assert.equal(december.perDay, null);
  assert.deepEqual(await paceRows(page, 'plan-pace-goals'),
    december.goals.map((goal) => [goal.name, grouped(goal.remaining), `${grouped(goal.perDay)} per day`]));
  assert.deepEqual(problems, []);
  await page.close();
});

test('displayed numbers have thousands separators and keep every digit; inputs take plain digits', async () => {
  const { page, problems } = await openCalculator();
  await page.getByTestId('pool').fill('1234567');
  assert.equal(await page.getByTestId('pool').inputValue(), '1234567', 'no separators in the input');
  const pots = await page.locator('[data-testid="personal-tiers"] tbody td[data-label="Pot"]').allTextContents();
  assert.deepEqual(pots, ['617,283.5', '308,641.75', '185,185.05', '123,456.7']);
  await page.getByTestId('target').fill('2000000');
  assert.equal(await text(page, 'plan-target-result'), 'No number of points pays that: the most is 1,234,567 USDT.');
  assert.equal(await text(page, 'personal-reward'), grouped(exactReward({ points: '850', pool: '1234567', tierTotals: example.tierTotals })));
  // More digits than a double holds: nothing is rounded away on the way to the screen.
  const pool = '12345678901234567890.123';
  await page.getByTestId('pool').fill(pool);
  const shown = await page.locator('[data-testid="personal-tiers"] tbody td[data-label="Pot"]').allTextContents();
  // C × k of each tier, written out.
  assert.deepEqual(shown, ['6,172,839,450,617,283,945.0615', '3,086,419,725,308,641,972.53075', '1,851,851,835,185,185,183.51845', '1,234,567,890,123,456,789.0123']);
  assert.equal(await text(page, 'personal-reward'), grouped(exactReward({ points: '850', pool, tierTotals: example.tierTotals })));
  const totals = await page.locator('[data-testid="ambassador-tiers"] tbody td[data-label="Total"]').allTextContents();
  assert.deepEqual(totals, ['1,200,000', '450,000', '300,000']);
  assert.deepEqual(problems, []);
  await page.close();
});

test('both chart axes are on round values (1, 2, 2.5 or 5 times a power of ten)', async () => {
  const { page } = await openCalculator();
  const ticks = (axis) => page.locator(`[data-testid="reward-chart"] text.tick-${axis}`)
    .allTextContents().then((labels) => labels.map((label) => Number(label.replaceAll(',', ''))));
  const round = (step) => {
    const power = 10 ** Math.floor(Math.log10(step));
    return [1, 2, 2.5, 5].some((mantissa) => Math.abs(step / power - mantissa) < 1e-9);
  };
  const cases = [
    ['850', '1000', example.tierTotals],
    ['12345', '777', ['90000', '60000', '40000', '30000']],
    ['850', '3', example.tierTotals],
    ['120', '1234567', example.tierTotals],
  ];
  for (const [stp, pool, totals] of cases) {
    for (const [index, total] of totals.entries()) await page.getByTestId(`tier-total-${index}`).fill(total);
    await page.getByTestId('stp').fill(stp);
    await page.getByTestId('pool').fill(pool);
    assert.equal(await page.locator('#personal .error:not([hidden])').count(), 0, `${stp} STP of ${totals}, pool ${pool} is a valid case`);
    assert.equal(await text(page, 'personal-reward'), grouped(exactReward({ points: stp, pool, tierTotals: totals })));
    for (const axis of ['x', 'y']) {
      const values = await ticks(axis);
      assert.ok(values.length >= 3, `${axis}: ${values}`);
      assert.equal(values[0], 0, `the ${axis} axis starts at 0`);
      const step = values[1];
      assert.ok(round(step), `${axis} step ${step} of ${values} for ${stp} STP, pool ${pool}`);
      values.forEach((value, index) => assert.ok(Math.abs(value - index * step) < step * 1e-9, `${axis}: ${values}`));
    }
    // The axes reach past the data: the last x tick is the curve's end, the user's dot is inside.
    const xs = await ticks('x');
    assert.ok(xs[xs.length - 1] >= Number(stp), `x axis ${xs} covers ${stp} STP`);
  }
  await page.getByTestId('stp').fill('850');
  await page.getByTestId('pool').fill('1000');
  assert.deepEqual(await ticks('x'), [0, 250, 500, 750, 1000, 1250]);
  assert.deepEqual(await ticks('y'), [0, 100, 200, 300]);
  await page.close();
});

test('the ambassador table fits a 1,280 px screen without a horizontal scroll', async () => {
  const { page } = await openCalculator({ width: 1280, height: 800 });
  const widths = await page.evaluate(() => {
    const table = document.querySelector('[data-testid="ambassador-tiers"]');
    const scroller = table.closest('.tiers');
    const { scrollWidth, clientWidth } = document.scrollingElement;
    return {
      page: [scrollWidth, clientWidth], table: [table.scrollWidth, table.clientWidth], scroller: [scroller.scrollWidth, scroller.clientWidth],
    };
  });
  for (const [name, [scrollWidth, clientWidth]] of Object.entries(widths)) {
    assert.ok(scrollWidth <= clientWidth, `${name}: scrollWidth ${scrollWidth} > clientWidth ${clientWidth}`);
  }
  await page.close();
});

test('the plan panel at 360 and 1,280 px: screenshots, and nothing wider than the screen', async () => {
  for (const width of [360, 1280]) {
    const { page, problems } = await openCalculator({ width, height: 800 });
    await page.getByTestId('at').fill('2026-11-21T12:00:00');
    await page.getByTestId('target').fill('150');
    await page.getByTestId('amb-target').fill('1500');
    const overflow = await page.evaluate(() => document.scrollingElement.scrollWidth - document.scrollingElement.clientWidth);
    assert.ok(overflow <= 0, `the page is ${overflow}px wider than a ${width}px screen`);
    const panel = page.getByTestId('plan');
    const box = await panel.boundingBox();
    assert.ok(box.x >= 0 && box.x + box.width <= width, `the plan panel lies within a ${width}px screen`);
    for (const testid of ['plan-pace-goals', 'plan-amb-pace-goals']) {
      const fits = await page.getByTestId(testid).evaluate((table) => table.scrollWidth <= table.parentElement.clientWidth);
      assert.ok(fits, `${testid} fits its panel at ${width}px`);
    }
    assert.equal(await text(page, 'plan-target-result'), 'You need 940.81 STP (90.81 more).');
    await panel.screenshot({ path: join(screenshots, `plan-${width}.png`) });
    await page.screenshot({ path: join(screenshots, `calculator-plan-${width}.png`), fullPage: true });
    assert.deepEqual(problems, []);
    await page.close();
  }
});

/** axe-core's violations on the page as it is, one line each: rule, impact, elements. */
async function axeViolations(page) {
  // Evaluated through the browser's debugging protocol, which the page's CSP does not govern
  // (a <script> tag would be refused): the page is checked under its real policy.
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const { violations } = await window.axe.run(document, { resultTypes: ['violations'] });
    return violations.map((violation) => `${violation.id} (${violation.impact}): ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
  });
}

test('axe-core finds no violation at 360 and 1,280 px, in light and dark, with and without an error shown', async () => {
  for (const colorScheme of ['light', 'dark']) {
    for (const width of [360, 1280]) {
      const { page, problems } = await openCalculator({ width, height: 800 }, colorScheme);
      assert.deepEqual(await axeViolations(page), [], `${width} px, ${colorScheme}`);
      // The stale results and the error messages, in each place they appear.
      await page.getByTestId('tier-total-2').fill('1,000');
      await page.getByTestId('amb-share-0').fill('0.9');
      assert.ok(await page.getByTestId('error-projection').isVisible());
      assert.deepEqual(await axeViolations(page), [], `${width} px, ${colorScheme}, errors shown`);
      assert.deepEqual(problems, []);
      await page.close();
    }
  }
});

test('each tier table fits its column at every width; at 320 and 360 px the user\'s amount of every tier is on screen', async () => {
  const expected = {
    'personal-tiers': tierAmounts(example.stp, '1000', example.tierTotals, 'personal'),
    'ambassador-tiers': tierAmounts(ambassadorDefaults.stpr, ambassadorDefaults.pool, ambassadorDefaults.tierTotals, 'ambassador'),
  };
  const fits = async (page, width) => {
    for (const testid of Object.keys(expected)) {
      const fit = await page.getByTestId(testid).evaluate((node) => ({ table: node.scrollWidth, column: node.parentElement.clientWidth }));
      assert.ok(fit.table <= fit.column, `${testid} at ${width} px: ${fit.table} px wide in a ${fit.column} px column`);
    }
  };
  const { page: resized } = await openCalculator({ width: 320, height: 800 });
  for (const width of [320, 360, 414, 540, 600, 640, 700, 768, 900, 960, 1024, 1280, 1600]) {
    await resized.setViewportSize({ width, height: 800 });
    await fits(resized, width);
  }
  await resized.close();
  for (const width of [320, 360]) {
    const { page } = await openCalculator({ width, height: 800 });
    await fits(page, width);
    for (const [testid, tiers] of Object.entries(expected)) {
      const table = page.getByTestId(testid);
      const amounts = table.locator('td[data-label="Yours"]');
      assert.deepEqual(await amounts.allTextContents(), tiers.map(grouped));
      for (const amount of await amounts.all()) {
        const seen = await amount.evaluate((cell) => {
          cell.scrollIntoView({ block: 'center' });
          const box = cell.getBoundingClientRect();
          if (cell.scrollWidth > cell.clientWidth) return `its text is ${cell.scrollWidth} px in ${cell.clientWidth} px`;
          // No ancestor that clips its overflow cuts it (the viewport is checked next).
          for (let node = cell.parentElement; node && node !== document.documentElement; node = node.parentElement) {
            if (getComputedStyle(node).overflowX === 'visible') continue;
            const frame = node.getBoundingClientRect();
            if (box.left < frame.left || box.right > frame.right) return `clipped by ${node.tagName}.${node.className}`;
          }
          if (box.left < 0 || box.right > window.innerWidth || box.top < 0 || box.bottom > window.innerHeight) {
            return `outside the ${window.innerWidth} × ${window.innerHeight} viewport: ${JSON.stringify(box)}`;
          }
          const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
          return cell.contains(hit) ? 'visible' : `covered by ${hit?.tagName}`;
        });
        assert.equal(seen, 'visible', `${testid} at ${width} px`);
      }
    }
    const overflow = await page.evaluate(() => document.scrollingElement.scrollWidth - document.scrollingElement.clientWidth);
    assert.ok(overflow <= 0, `the page is ${overflow}px wider than a ${width}px screen`);
    await page.close();
  }
});

test('the chart is drawn at the size it is shown: text of at least 11 px, labels apart, from 320 px up', async () => {
  const { page } = await openCalculator({ width: 320, height: 800 });
  // A tier total that puts thresholds close together too: their names must not collide.
  for (const width of [320, 360, 414, 600, 768, 1024, 1280, 1920]) {
    await page.setViewportSize({ width, height: 800 });
    // Redrawn on resize: one unit of the drawing is one CSS pixel, at every width.
    await page.waitForFunction(() => Math.abs(document.querySelector('#reward-chart line').getScreenCTM().a - 1) < 1e-3, null, { timeout: 5000 });
    const labels = await page.getByTestId('reward-chart').evaluate((chart) => {
      const frame = chart.getBoundingClientRect();
      return Array.from(chart.querySelectorAll('text'), (label) => {
        const box = label.getBoundingClientRect();
        return {
          text: label.textContent,
          size: parseFloat(getComputedStyle(label).fontSize) * label.getScreenCTM().a,
          box: [box.left, box.top, box.right, box.bottom],
          inside: box.left >= frame.left && box.right <= frame.right && box.top >= frame.top && box.bottom <= frame.bottom,
        };
      });
    });
    assert.ok(labels.length >= 10, `${labels.length} labels at ${width} px`);
    for (const label of labels) {
      assert.ok(label.size >= 11, `"${label.text}" is ${label.size.toFixed(1)} px at ${width} px`);
      assert.ok(label.inside, `"${label.text}" lies within the chart at ${width} px`);
    }
    labels.forEach((one, index) => labels.slice(index + 1).forEach((other) => {
      const apart = one.box[2] <= other.box[0] || other.box[2] <= one.box[0] || one.box[3] <= other.box[1] || other.box[3] <= one.box[1];
      assert.ok(apart, `"${one.text}" and "${other.text}" overlap at ${width} px`);
    }));
  }
  await page.close();
});

test('while only the clock moves no alert or live region changes; a new error is announced', async () => {
  const { page } = await openCalculator(undefined, undefined, { frozenAt: '2026-11-21T10:00:00Z' });
  await page.getByTestId('tier-total-2').fill('1,000');
  assert.ok(await page.getByTestId('error-tier-total-2').isVisible());
  assert.ok(await page.getByTestId('error-projection').isVisible(), 'the projection, recomputed every second, shows the error too');
  // Every change to what a screen reader announces by itself: alerts, status and live regions.
  const watched = await page.evaluate(() => {
    window.announced = [];
    const regions = document.querySelectorAll('[role="alert"], [role="status"], [aria-live], output');
    const observer = new MutationObserver((records) => {
      for (const record of records) {
        const node = record.target.nodeType === Node.ELEMENT_NODE ? record.target : record.target.parentElement;
        window.announced.push(node.closest('[id]').id);
      }
    });
    for (const region of regions) observer.observe(region, { childList: true, characterData: true, subtree: true, attributes: true });
    return Array.from(regions, (region) => region.id);
  });
  assert.ok(watched.includes('error-projection') && watched.includes('error-plan-pace') && watched.length >= 20, `${watched}`);
  // Three ticks of the clock (the instant follows it), each recomputing the period, the
  // projection and the plan; the countdown runs on, whatever the error.
  const countdown = await text(page, 'period-countdown');
  for (let tick = 1; tick <= 3; tick++) {
    await page.clock.runFor(1000);
    assert.equal(await page.getByTestId('at').inputValue(), `2026-11-21T10:00:0${tick}`, 'each tick moves the instant');
  }
  assert.equal(countdown, '9 d 14 h 0 min 0 s');
  assert.equal(await text(page, 'period-countdown'), '9 d 13 h 59 min 57 s');
  assert.deepEqual(await page.evaluate(() => window.announced), [], 'nothing to announce while only the clock moves');
  // Another error: its areas change once, and stay as they are while the clock moves on.
  await page.getByTestId('tier-total-2').fill('x');
  const announced = await page.evaluate(() => window.announced.splice(0));
  assert.ok(announced.includes('error-tier-total-2') && announced.includes('error-projection'), `${announced}`);
  await page.clock.runFor(3000);
  assert.equal(await page.getByTestId('at').inputValue(), '2026-11-21T10:00:06', 'the clock moved on');
  assert.deepEqual(await page.evaluate(() => window.announced), []);
  await page.close();
});

test('Tab reaches every control in order with a visible focus; Enter and Space work', async () => {
  const { page, problems } = await openCalculator({ width: 360, height: 800 });
  const controls = await page.locator('#app input, #app button').evaluateAll((nodes) => nodes.map((node) => node.id));
  const visited = [];
  for (let presses = 0; presses < 4 * controls.length && visited.at(-1) !== controls.at(-1); presses++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const node = document.activeElement;
      const style = getComputedStyle(node);
      return { id: node.id, outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2 };
    });
    // A date and time input takes one Tab per part (day, month, …): counted once.
    if (focused.id !== visited.at(-1)) visited.push(focused.id);
    assert.ok(focused.outline, `#${focused.id} shows where the focus is`);
  }
  assert.deepEqual(visited, controls);
  // Typing a target and pressing Enter answers it, and submits nothing (the page stays).
  await page.evaluate(() => { window.stayed = true; });
  await page.getByTestId('target').focus();
  await page.keyboard.type('150');
  await page.keyboard.press('Enter');
  assert.equal(await text(page, 'plan-target-result'), 'You need 940.81 STP (90.81 more).');
  assert.equal(await page.evaluate(() => window.stayed), true, 'Enter did not reload the page');
  // "Now" by keyboard brings the clock back after another instant was picked.
  await page.getByTestId('at').fill('2026-11-16T00:00:00');
  await page.locator('#now').focus();
  await page.keyboard.press('Space');
  assert.notEqual(await page.getByTestId('at').inputValue(), '2026-11-16T00:00:00');
  await page.getByTestId('at').fill('2026-11-16T00:00:00');
  await page.locator('#now').focus();
  await page.keyboard.press('Enter');
  assert.notEqual(await page.getByTestId('at').inputValue(), '2026-11-16T00:00:00');
  assert.deepEqual(problems, []);
  await page.close();
});

test("the module's own copy of an input, through the raw glue in Chromium: its coded error a thousand times in a row, and it still computes", async () => {
  // As errors.test.mjs does in Node: wasm-bindgen's glue, without the package's JS layer (which
  // copies every input first), so the module's own copy reads the throwing getter. Each throw
  // inside the module skips Rust's unwinding; the module must survive a thousand of them.
  const { page, problems } = await openCalculator();
  const outcome = await page.evaluate(async (input) => {
    const glue = await import('/pkg/web/soei_rewards.js');
    const { Tape } = await import('/pkg/web/tape.js');
    await glue.default();
    const dated = Object.defineProperty({ ...input, at: new Date('2026-11-21T00:00:00Z') }, 'pool', { enumerable: true, get() { throw new Error('boom'); } });
    const errors = new Set();
    for (let round = 0; round < 1000; round += 1) {
      try {
        glue.projectReward(dated);
        errors.add('no error');
      } catch (error) {
        errors.add(JSON.stringify({ code: error.code, field: error.field, detail: error.detail, coded: glue.isSoeiError(error) }));
      }
    }
    // The raw export returns the tape; its first text is the reward.
    return { errors: [...errors], reward: new Tape(glue.personalReward(input)).s() };
  }, example);
  assert.deepEqual(outcome.errors.map((json) => JSON.parse(json)), [{ code: 'invalid_type', field: '', detail: 'could not be read: reading one of its properties threw', coded: true }]);
  assert.equal(outcome.reward, '138.125');
  assert.deepEqual(problems, []);
  await page.close();
});

test('the same what-if gives the same reward in Chromium, Firefox ESR and WebKit, laid out for phones in each', async () => {
  // A what-if typed key by key: 1,234.5 STP (Diamond: every tier reached), and Gold's tier
  // total 6,000. The expected values from the contract's formula in decimal.js: each tier's
  // stp × pool × share ÷ tier total, and their sum, floored to 6 places.
  const whatIf = { ...example, stp: '1234.5', tierTotals: ['8000', '6000', '3000', '2500'] };
  const terms = LADDERS.personal.map(([, share], index) => new Decimal(whatIf.stp).times(whatIf.pool).times(share).div(whatIf.tierTotals[index]));
  const floored = (value) => value.toDecimalPlaces(6, Decimal.ROUND_DOWN).toString();
  const expected = { reward: floored(terms.reduce((sum, term) => sum.plus(term), new Decimal(0))), rank: 'Diamond', amounts: terms.map(floored) };
  const shown = {};
  for (const name of ENGINES) {
    const engine = await launchEngine(name);
    try {
      for (const width of [360, 1280]) {
        const page = await engine.newPage({ width, height: 800 });
        await page.goto(address);
        await page.waitFor(() => document.body.dataset.ready === 'true');
        assert.equal(await page.evaluate(() => document.getElementById('personal-reward').textContent), '138.125', `${name}: the documentation example`);
        await page.type('#stp', whatIf.stp);
        await page.type('#tier-total-1', whatIf.tierTotals[1]);
        // Each key recomputes at once: when both inputs hold the what-if, the page shows its reward.
        const reward = await page.waitFor(([stp, total]) => document.getElementById('stp').value === stp
          && document.getElementById('tier-total-1').value === total
          && document.getElementById('personal-reward').textContent, [whatIf.stp, whatIf.tierTotals[1]]);
        const layout = await page.evaluate(() => {
          const tables = Array.from(document.querySelectorAll('.tiers table'), (table) => table.scrollWidth <= table.parentElement.clientWidth);
          const chart = document.getElementById('reward-chart');
          const sizes = Array.from(chart.querySelectorAll('text'), (label) => parseFloat(getComputedStyle(label).fontSize) * label.getScreenCTM().a);
          const page = document.scrollingElement;
          return {
            rank: document.getElementById('personal-rank').textContent,
            amounts: Array.from(document.querySelectorAll('[data-testid="personal-tiers"] td[data-label="Yours"]'), (cell) => cell.textContent),
            tablesFit: tables.every(Boolean) && tables.length === 2,
            pageFits: page.scrollWidth <= page.clientWidth,
            smallestText: Math.min(...sizes),
          };
        });
        shown[`${name} at ${width} px`] = { reward, ...layout };
        await page.evaluate(() => document.querySelector('#personal .results').scrollIntoView({ block: 'start' }));
        await page.screenshot(join(screenshots, `${name}-${width}.png`));
        await page.close();
      }
    } finally {
      await engine.close();
    }
  }
  const same = {
    reward: grouped(expected.reward), rank: expected.rank, amounts: expected.amounts.map(grouped),
    tablesFit: true, pageFits: true,
  };
  for (const [where, { smallestText, ...result }] of Object.entries(shown)) {
    assert.deepEqual(result, same, where);
    assert.ok(smallestText >= 11, `${where}: the chart's smallest text is ${smallestText} px`);
  }
  assert.equal(Object.keys(shown).length, 6);
});
