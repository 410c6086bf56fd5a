// The what-if calculator: reads the inputs, asks the soei-rewards package, shows the results.
// Every number comes from the package; this file only moves values between it and the page.
// The DOM is built with createElement and textContent only: no user text is ever parsed as HTML.
import init, {
  ladders, personalReward, ambassadorReward, rankProgress, rankingPeriod, projectReward, rewardCurve,
} from '/pkg/web/index.js';

const CHART_STEPS = 201;
const PERSONAL_TOTALS = ['8000', '5000', '3000', '2500']; // the documentation's example
const AMBASSADOR_TOTALS = ['1200000', '450000', '300000'];

const $ = (id) => document.getElementById(id);
const el = (tag, props = {}, children = []) => {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
};
const svg = (tag, attributes = {}) => {
  const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  return node;
};

/** A labelled text input with its error area, for the forms built from the ladders. */
function field(id, label, value) {
  const input = el('input', { id, value, inputMode: 'decimal' });
  input.dataset.testid = id;
  input.setAttribute('aria-describedby', `error-${id}`);
  const error = el('p', { id: `error-${id}`, className: 'error', hidden: true });
  error.dataset.testid = `error-${id}`;
  error.setAttribute('role', 'alert');
  return el('div', { className: 'field' }, [el('label', { htmlFor: id, textContent: label }), input, error]);
}

/**
 * One calculator section: `compute` reads its inputs and returns what `show` displays.
 * On an error the message appears next to the input the error's `field` names (via
 * `fieldIds`, or the section's own error area), and the last valid result stays visible.
 */
function section({ id, inputs, fieldIds, compute, show }) {
  const root = $(id);
  const errorAreas = () => root.querySelectorAll('.error');
  return () => {
    for (const area of errorAreas()) {
      area.hidden = true;
      area.textContent = '';
    }
    for (const input of inputs()) input.removeAttribute('aria-invalid');
    try {
      show(compute());
      root.classList.remove('stale');
    } catch (error) {
      const target = fieldIds(error.field ?? '');
      const area = (target && $(`error-${target}`)) || $(`error-${id}`);
      area.textContent = `${error.message} — showing the last valid result.`;
      area.hidden = false;
      (target && $(target))?.setAttribute('aria-invalid', 'true');
      root.classList.add('stale');
    }
  };
}

function tierRows(tbody, tiers) {
  tbody.replaceChildren(...tiers.map((tier) => el('tr', { className: tier.qualified ? 'qualified' : '' }, [
    el('th', { scope: 'row', textContent: tier.name }),
    el('td', { textContent: tier.need }),
    el('td', { textContent: tier.qualified ? 'yes' : 'no' }),
    el('td', { textContent: tier.total }),
    el('td', { textContent: tier.pot }),
    el('td', { textContent: tier.amount }),
  ])));
}

function showProgress(prefix, progress, unit) {
  $(`${prefix}-rank`).textContent = progress.rank ?? 'unranked';
  $(`${prefix}-progress`).value = Number(progress.progress);
  $(`${prefix}-next`).textContent = progress.next
    ? `${progress.remaining} ${unit} to ${progress.next} (${progress.nextNeed} ${unit}).`
    : 'Top rank reached.';
}

/** What reaching the next rank would pay (a what-if at its threshold), if there is one. */
function showNextPays(prefix, progress, nextPays) {
  $(`${prefix}-next-pays`).textContent = nextPays
    ? `Reaching ${progress.next} would pay ${nextPays.reward} USDT, everyone else unchanged.`
    : '';
}

/** Reward against points, with the thresholds marked and the user's own point. */
function drawChart(chart, curve, tiers, user) {
  const [width, height, left, right, top, bottom] = [640, 320, 56, 16, 16, 40];
  const maxX = curve.points[curve.points.length - 1] || 1;
  const maxY = Math.max(...curve.rewards, user.reward) * 1.1 || 1;
  const x = (value) => left + (value / maxX) * (width - left - right);
  const y = (value) => height - bottom - (value / maxY) * (height - top - bottom);
  const nodes = [
    svg('line', { x1: left, y1: y(0), x2: width - right, y2: y(0), class: 'axis' }),
    svg('line', { x1: left, y1: top, x2: left, y2: y(0), class: 'axis' }),
  ];
  for (let tick = 0; tick <= 4; tick += 1) {
    const label = svg('text', { x: left - 6, y: y((maxY * tick) / 4) + 4, class: 'tick', 'text-anchor': 'end' });
    label.textContent = ((maxY * tick) / 4).toFixed(maxY < 10 ? 2 : 0);
    const xLabel = svg('text', { x: x((maxX * tick) / 4), y: height - bottom + 16, class: 'tick', 'text-anchor': 'middle' });
    xLabel.textContent = Math.round((maxX * tick) / 4);
    nodes.push(label, xLabel);
  }
  for (const tier of tiers) {
    const need = Number(tier.need);
    if (need > maxX) continue;
    nodes.push(svg('line', { x1: x(need), y1: top, x2: x(need), y2: y(0), class: 'threshold' }));
    const label = svg('text', { x: x(need) + 3, y: top + 10, class: 'threshold-label' });
    label.textContent = tier.name;
    nodes.push(label);
  }
  const points = Array.from(curve.points, (point, index) => `${x(point).toFixed(1)},${y(curve.rewards[index]).toFixed(1)}`);
  nodes.push(svg('polyline', { points: points.join(' '), class: 'curve', 'data-testid': 'reward-chart-line' }));
  nodes.push(svg('circle', { cx: x(Math.min(user.points, maxX)), cy: y(user.reward), r: 6, class: 'you', 'data-testid': 'reward-chart-user' }));
  const axisName = svg('text', { x: width - right, y: height - 6, class: 'tick', 'text-anchor': 'end' });
  axisName.textContent = 'STP';
  nodes.push(axisName);
  chart.replaceChildren(...nodes);
  chart.setAttribute('aria-label', `Chart: ${curve.points.length} points of reward from 0 to ${maxX} STP; you earn ${user.reward} USDT at ${user.points} STP.`);
}

function utcInputValue(date) {
  return date.toISOString().slice(0, 19);
}

function formatDuration(ms) {
  const seconds = Math.floor(ms / 1000);
  const [days, hours, minutes] = [Math.floor(seconds / 86_400), Math.floor((seconds % 86_400) / 3600), Math.floor((seconds % 3600) / 60)];
  return `${days} d ${hours} h ${minutes} min ${seconds % 60} s`;
}

async function main() {
  await init();
  const { personal, ambassador } = ladders();

  $('personal-fields').append(field('stp', 'Your STP this month', '850'), field('pool', 'Reward pool (USDT)', '1000'));
  $('ambassador-fields').append(field('stpr', 'Your STPR this month', '70000'), field('amb-pool', 'Ambassador pool (USDT)', '5000'));
  $('tier-total-fields').append(...personal.tiers.map((tier, index) =>
    field(`tier-total-${index}`, `${tier.name} (from ${tier.need} STP)`, PERSONAL_TOTALS[index])));
  $('amb-fields').append(...ambassador.tiers.map((tier, index) => el('div', { className: 'pair' }, [
    field(`amb-total-${index}`, `${tier.name} total (from ${tier.need} STPR)`, AMBASSADOR_TOTALS[index]),
    field(`amb-share-${index}`, `${tier.name} share (assumption)`, tier.share),
  ])));
  $('at').value = utcInputValue(new Date());

  const value = (id) => $(id).value.trim();
  const personalInput = () => ({
    stp: value('stp'),
    pool: value('pool'),
    tierTotals: personal.tiers.map((_, index) => value(`tier-total-${index}`)),
  });
  const at = () => (value('at') ? `${value('at')}Z` : Date.now());
  // The input an error's field path names ("tierTotals[2]" → the input "tier-total-2").
  const indexed = (path, pattern, prefix) => {
    const match = path.match(pattern);
    return match ? `${prefix}${match[1]}` : undefined;
  };
  const personalFieldIds = (path) => ({ stp: 'stp', pool: 'pool' })[path]
    ?? indexed(path, /^tierTotals\[(\d+)\]$/, 'tier-total-');
  const ambassadorFieldIds = (path) => ({ stpr: 'stpr', pool: 'amb-pool', 'ladder.tiers': 'amb-shares' })[path]
    ?? indexed(path, /^tierTotals\[(\d+)\]$/, 'amb-total-')
    ?? indexed(path, /^ladder\.tiers\[(\d+)\]\.share$/, 'amb-share-');

  const updatePersonal = section({
    id: 'personal',
    inputs: () => $('personal').querySelectorAll('input'),
    fieldIds: personalFieldIds,
    compute() {
      const input = personalInput();
      const reward = personalReward(input);
      const progress = rankProgress({ points: input.stp });
      const nextPays = progress.next && personalReward({ ...input, whatIfStp: progress.nextNeed });
      const lastNeed = Number(personal.tiers[personal.tiers.length - 1].need);
      const chartMax = Math.ceil(Math.max(lastNeed * 1.25, Number(reward.points) * 1.2) / 50) * 50;
      const curve = rewardCurve({ ...input, from: 0, to: chartMax, steps: CHART_STEPS });
      return { reward, progress, nextPays, curve };
    },
    show({ reward, progress, nextPays, curve }) {
      $('personal-reward').textContent = reward.reward;
      showProgress('personal', progress, 'STP');
      showNextPays('personal', progress, nextPays);
      tierRows($('personal-tiers'), reward.tiers);
      drawChart($('reward-chart'), curve, personal.tiers, { points: Number(reward.points), reward: Number(reward.reward) });
    },
  });

  const updatePeriod = section({
    id: 'period',
    inputs: () => [$('at')],
    // Errors in the personal inputs are already shown next to them by the personal section.
    fieldIds: (path) => (path === 'at' ? 'at' : undefined),
    compute() {
      const instant = at();
      return { period: rankingPeriod({ at: instant }), projection: projectReward({ ...personalInput(), at: instant }) };
    },
    show({ period, projection }) {
      const month = new Date(period.start).toLocaleString('en', { month: 'long', year: 'numeric', timeZone: 'UTC' });
      $('period-range').textContent = `${month}: ${period.start} to ${period.end} (UTC)`;
      $('period-countdown').textContent = formatDuration(period.remainingMs);
      $('period-elapsed').value = Number(period.elapsed);
      $('projected-points').textContent = projection.projectedPoints;
      $('projected-reward').textContent = projection.projected.reward;
      $('projected-rank').textContent = projection.projected.rank ?? 'unranked';
    },
  });

  const updateAmbassador = section({
    id: 'ambassador',
    inputs: () => $('ambassador').querySelectorAll('input'),
    fieldIds: ambassadorFieldIds,
    compute() {
      const ladder = {
        ...ambassador,
        tiers: ambassador.tiers.map((tier, index) => ({ ...tier, share: value(`amb-share-${index}`) })),
      };
      const input = {
        stpr: value('stpr'),
        pool: value('amb-pool'),
        tierTotals: ambassador.tiers.map((_, index) => value(`amb-total-${index}`)),
        ladder,
      };
      const progress = rankProgress({ points: input.stpr, ladder });
      const nextPays = progress.next && ambassadorReward({ ...input, whatIfStpr: progress.nextNeed });
      return { reward: ambassadorReward(input), progress, nextPays };
    },
    show({ reward, progress, nextPays }) {
      $('ambassador-reward').textContent = reward.reward;
      showProgress('ambassador', progress, 'STPR');
      showNextPays('ambassador', progress, nextPays);
      tierRows($('ambassador-tiers'), reward.tiers);
    },
  });

  const personalInputs = () => $('personal').querySelectorAll('input');
  for (const input of personalInputs()) {
    input.addEventListener('input', () => {
      updatePersonal();
      updatePeriod();
    });
  }
  // The countdown follows the clock until the user picks another instant; "Now" resumes it.
  let followingClock = true;
  const showNow = () => {
    $('at').value = utcInputValue(new Date());
    updatePeriod();
  };
  $('at').addEventListener('input', () => {
    followingClock = false;
    updatePeriod();
  });
  $('now').addEventListener('click', () => {
    followingClock = true;
    showNow();
  });
  setInterval(() => followingClock && showNow(), 1000);
  for (const input of $('ambassador').querySelectorAll('input')) input.addEventListener('input', updateAmbassador);

  updatePersonal();
  updatePeriod();
  updateAmbassador();
  $('loading').hidden = true;
  $('app').hidden = false;
  document.body.dataset.ready = 'true';
}

main().catch((error) => {
  $('loading').textContent = `The calculator could not start: ${error.message}`;
  $('loading').classList.add('error');
});
