// The what-if calculator: reads the inputs, asks the soei-rewards package, shows the results.
// Every number comes from the package; this file only moves values between it and the page.
// The DOM is built with createElement and textContent only: no user text is ever parsed as HTML.
import init, {
  ladders, personalReward, ambassadorReward, rankProgress, rankingPeriod, projectReward, rewardCurve,
  pointsForReward, pacePlan,
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
/**
 * Sets a node's text only when it differs: an unchanged live region or alert is not touched,
 * so a screen reader announces it once, when it changes (the clock recomputes every second).
 */
const setText = (node, text) => {
  if (node.textContent !== text) node.textContent = text;
};
const svg = (tag, attributes = {}) => {
  const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  return node;
};

// Displayed numbers get the page language's digit grouping ("1,234,567.5"). The package's
// decimal strings can carry more digits than a double holds, so the integer part is grouped
// as a BigInt and the fraction digits are appended as they are: no digit is ever rounded away.
const LOCALE = document.documentElement.lang || 'en';
const grouping = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });
const decimalSeparator = new Intl.NumberFormat(LOCALE).formatToParts(1.5).find((part) => part.type === 'decimal')?.value ?? '.';

/** A decimal string ("1234567.891") for display ("1,234,567.891"); other values as they are. */
function formatDecimal(text) {
  if (text === null || text === undefined) return '–';
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(String(text));
  if (!match) return String(text);
  const [, sign, whole, fraction] = match;
  return `${sign}${grouping.format(BigInt(whole))}${fraction ? `${decimalSeparator}${fraction}` : ''}`;
}

/** An instant of a period, short enough for a phone's line: "Nov 1, 00:00". */
const instantFormat = new Intl.DateTimeFormat(LOCALE, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'UTC' });

/** A display number (a chart tick) with at most `digits` fraction digits, grouped. */
function formatNumber(value, digits = 0) {
  return new Intl.NumberFormat(LOCALE, { maximumFractionDigits: digits }).format(value);
}

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
 * The Plan panel's block for one ladder, cloned from the page's <template>. Each part's
 * `data-id` and `data-testid` name it within the block; the ladder's `prefix` makes them the
 * page's own ("target-result" → "plan-amb-target-result", "error-pace" → "error-plan-amb-pace").
 */
function planBlock({ prefix, headingId, heading, unit }) {
  const block = $('plan-ladder-template').content.cloneNode(true).firstElementChild;
  const named = (name) => (name.startsWith('error-') ? `error-${prefix}${name.slice('error-'.length)}` : `${prefix}${name}`);
  for (const node of block.querySelectorAll('[data-id]')) {
    node.id = named(node.dataset.id);
    delete node.dataset.id;
  }
  for (const node of block.querySelectorAll('[data-testid]')) node.dataset.testid = named(node.dataset.testid);
  const part = (name) => {
    const node = block.querySelector(`[data-part="${name}"]`);
    delete node.dataset.part;
    return node;
  };
  Object.assign(part('heading'), { id: headingId, textContent: heading });
  block.setAttribute('aria-labelledby', headingId);
  part('to-go').textContent = `${unit} to go`;
  return block;
}

/**
 * One calculator section: `compute` reads its inputs and returns what `show` displays.
 * On an error the message appears next to the input the error's `field` names (via
 * `fieldIds`), without the field path since the input's label is right there. When that
 * input belongs to another section (which shows the error next to it), or no input matches,
 * the message goes to the section's own error area, named by the input's label if there is
 * one. The last valid result stays visible.
 */
function section({ id, inputs, fieldIds, compute, show }) {
  const root = $(id);
  /** Where an error goes: its error area, the message and the input it marks invalid. */
  const place = (error) => {
    const target = fieldIds(error.field ?? '');
    const input = target && $(target);
    const ownArea = target && root.contains($(`error-${target}`)) && $(`error-${target}`);
    const detail = error.detail ?? error.message;
    let text;
    if (ownArea) text = detail;
    else if (input?.labels?.length && error.detail !== undefined) text = `${input.labels[0].textContent}: ${detail}`;
    else text = error.message;
    return { area: ownArea || $(`error-${id}`), text: `${text} — showing the last valid result.`, input: input && root.contains(input) ? input : null };
  };
  return () => {
    let failure = null;
    try {
      show(compute());
    } catch (error) {
      failure = place(error);
    }
    // Each error area (role="alert") is written only when its message changes.
    for (const area of root.querySelectorAll('.error')) {
      const text = area === failure?.area ? failure.text : '';
      setText(area, text);
      if (area.hidden !== (text === '')) area.hidden = text === '';
    }
    for (const input of inputs()) {
      if (input === failure?.input) input.setAttribute('aria-invalid', 'true');
      else input.removeAttribute('aria-invalid');
    }
    root.classList.toggle('stale', failure !== null);
  };
}

/**
 * A tier table's rows, the user's amount first. Each cell carries its column's name
 * (data-label), which the narrow layout shows beside the value when each tier is a card.
 */
function tierRows(tbody, tiers) {
  const columns = Array.from(tbody.closest('table').tHead.rows[0].cells, (cell) => cell.textContent);
  tbody.replaceChildren(...tiers.map((tier) => el('tr', { className: tier.qualified ? 'qualified' : '' }, [
    el('th', { scope: 'row', textContent: tier.name }),
    ...[formatDecimal(tier.amount), formatDecimal(tier.pot), formatDecimal(tier.total), formatDecimal(tier.need), tier.qualified ? 'yes' : 'no']
      .map((text, index) => {
        const cell = el('td', { textContent: text });
        cell.dataset.label = columns[index + 1];
        return cell;
      }),
  ])));
}

function showProgress(prefix, progress, unit) {
  setText($(`${prefix}-rank`), progress.rank ?? 'unranked');
  $(`${prefix}-progress`).value = Number(progress.progress);
  setText($(`${prefix}-next`), progress.next
    ? `${formatDecimal(progress.remaining)} ${unit} to ${progress.next} (${formatDecimal(progress.nextNeed)} ${unit}).`
    : 'Top rank reached.');
}

/** What reaching the next rank would pay (a what-if at its threshold), if there is one. */
function showNextPays(prefix, progress, nextPays) {
  setText($(`${prefix}-next-pays`), nextPays
    ? `Reaching ${progress.next} would pay ${formatDecimal(nextPays.reward)} USDT, everyone else unchanged.`
    : '');
}

/**
 * A round step for an axis from 0 to `max` with about `count` intervals: 1, 2, 2.5 or 5
 * times a power of ten. Returns the step and the fraction digits its multiples need.
 */
function niceStep(max, count) {
  const raw = max > 0 && Number.isFinite(max) ? max / count : 1;
  const exponent = Math.floor(Math.log10(raw));
  for (const mantissa of [1, 2, 2.5, 5, 10]) {
    const step = mantissa * 10 ** exponent;
    if (step >= raw * (1 - 1e-12)) {
      const digits = Math.max(0, -exponent - (mantissa === 10 ? 1 : 0) + (mantissa === 2.5 ? 1 : 0));
      return { step, digits };
    }
  }
  return { step: 10 ** (exponent + 1), digits: Math.max(0, -exponent - 1) };
}

/** The axis from 0 to a multiple of a round step at or above `max`: its end and its ticks. */
function roundAxis(max, count) {
  const { step, digits } = niceStep(max, count);
  const intervals = Math.max(1, Math.ceil(max / step - 1e-9));
  const ticks = Array.from({ length: intervals + 1 }, (_, index) => Number((index * step).toFixed(digits)));
  return { end: ticks[ticks.length - 1], ticks, digits };
}

// The chart is drawn in CSS pixels at the size it is shown (never scaled down), so that its
// text is CHART_FONT_PX on every screen; a digit is about CHAR_PX wide, which leaves labels room.
const CHART_FONT_PX = 12;
const CHAR_PX = 0.58 * CHART_FONT_PX;
const LINE_PX = CHART_FONT_PX + 4;

/**
 * Lanes for labels along one line, so that none overlaps another: each label ([start, end])
 * goes in the first lane whose last label ends before it starts (a lane's last label is its
 * furthest, so it clears them all). Returns each label's lane, 0 the first.
 */
function lanes(spans) {
  const ends = [];
  return spans.map(([start, end]) => {
    let lane = ends.findIndex((last) => last <= start);
    if (lane === -1) lane = ends.push(end) - 1;
    else ends[lane] = end;
    return lane;
  });
}

/** An element's content width in CSS pixels (an <svg> has no clientWidth in every engine). */
function shownWidth(node) {
  const style = getComputedStyle(node);
  const edges = ['borderLeftWidth', 'borderRightWidth', 'paddingLeft', 'paddingRight'].reduce((sum, name) => sum + parseFloat(style[name]), 0);
  return node.getBoundingClientRect().width - edges;
}

/** Reward against points, with the thresholds marked and the user's own point. */
function drawChart(chart, { curve, axisX, tiers, user }) {
  const axisY = roundAxis(Math.max(...curve.rewards, user.reward), 4);
  const yLabels = axisY.ticks.map((tick) => formatNumber(tick, axisY.digits));
  const xLabels = axisX.ticks.map((tick) => formatNumber(tick, axisX.digits));
  const labelWidth = (label) => CHAR_PX * label.length;
  // Room for the longest y label on the left and half of the last x label on the right.
  const left = Math.min(140, Math.max(36, 10 + Math.max(...yLabels.map(labelWidth))));
  const right = Math.max(16, 4 + labelWidth(xLabels[xLabels.length - 1]) / 2);
  const width = shownWidth(chart) || 640;
  const height = Math.round(Math.min(320, Math.max(220, width / 2)));
  const [top, bottom] = [28, 40];
  const maxX = axisX.end;
  const maxY = axisY.end;
  const x = (value) => left + (value / maxX) * (width - left - right);
  const y = (value) => height - bottom - (value / maxY) * (height - top - bottom);
  chart.setAttribute('viewBox', `0 0 ${width} ${height}`);
  const nodes = [
    svg('line', { x1: left, y1: y(0), x2: width - right, y2: y(0), class: 'axis' }),
    svg('line', { x1: left, y1: top, x2: left, y2: y(0), class: 'axis' }),
  ];
  const text = (content, attributes) => {
    const node = svg('text', attributes);
    node.textContent = content;
    return node;
  };
  axisY.ticks.forEach((tick, index) => {
    if (index > 0) nodes.push(svg('line', { x1: left, y1: y(tick), x2: width - right, y2: y(tick), class: 'grid' }));
    nodes.push(text(yLabels[index], { x: left - 6, y: y(tick) + 4, class: 'tick tick-y', 'text-anchor': 'end' }));
  });
  // On a narrow chart only every `every`-th x tick is labelled, so that no two labels touch.
  const spacing = x(axisX.ticks[1] ?? maxX) - x(0);
  const widest = Math.max(...xLabels.map(labelWidth)) + CHART_FONT_PX;
  const every = Math.max(1, Math.ceil(widest / spacing));
  axisX.ticks.forEach((tick, index) => {
    if (index % every === 0) nodes.push(text(xLabels[index], { x: x(tick), y: height - bottom + 16, class: 'tick tick-x', 'text-anchor': 'middle' }));
  });
  // Tier names start at their threshold (or end there, near the right edge), each in the
  // highest lane where it clears the others.
  const shown = tiers.filter((tier) => Number(tier.need) <= maxX).map((tier) => {
    const at = x(Number(tier.need));
    const extent = 3 + labelWidth(tier.name);
    const after = at + extent <= width - 2;
    return { tier, at, after, span: after ? [at, at + extent + 4] : [at - extent - 4, at] };
  });
  const lane = lanes(shown.map(({ span }) => span));
  shown.forEach(({ tier, at, after }, index) => {
    nodes.push(svg('line', { x1: at, y1: top, x2: at, y2: y(0), class: 'threshold' }));
    nodes.push(text(tier.name, {
      x: after ? at + 3 : at - 3, y: top + 11 + lane[index] * LINE_PX, class: 'threshold-label', 'text-anchor': after ? 'start' : 'end',
    }));
  });
  const points = Array.from(curve.points, (point, index) => `${x(point).toFixed(1)},${y(curve.rewards[index]).toFixed(1)}`);
  nodes.push(svg('polyline', { points: points.join(' '), class: 'curve', 'data-testid': 'reward-chart-line' }));
  nodes.push(svg('circle', { cx: x(Math.min(user.points, maxX)), cy: y(user.reward), r: 6, class: 'you', 'data-testid': 'reward-chart-user' }));
  nodes.push(text('STP', { x: width - right, y: height - 6, class: 'tick', 'text-anchor': 'end' }));
  nodes.push(text('USDT', { x: left + 4, y: top - 10, class: 'tick', 'text-anchor': 'start' }));
  chart.replaceChildren(...nodes);
  chart.setAttribute('aria-label', `Chart: ${curve.points.length} points of reward from 0 to ${formatNumber(maxX, axisX.digits)} STP; you earn ${formatDecimal(user.rewardText)} USDT at ${formatDecimal(user.pointsText)} STP.`);
}

/** Draws the chart with the latest data, and again whenever its width changes. */
function chartView(chart) {
  let data = null;
  let drawnWidth = null;
  const draw = () => {
    if (!data) return;
    drawnWidth = shownWidth(chart);
    drawChart(chart, data);
  };
  new ResizeObserver(() => shownWidth(chart) !== drawnWidth && draw()).observe(chart.parentElement);
  return (next) => {
    data = next;
    draw();
  };
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
    field(`tier-total-${index}`, `${tier.name} (from ${formatDecimal(tier.need)} STP)`, PERSONAL_TOTALS[index])));
  $('amb-fields').append(...ambassador.tiers.map((tier, index) => el('div', { className: 'pair' }, [
    field(`amb-total-${index}`, `${tier.name} total (from ${formatDecimal(tier.need)} STPR)`, AMBASSADOR_TOTALS[index]),
    field(`amb-share-${index}`, `${tier.name} share (assumption)`, tier.share),
  ])));
  $('at').value = utcInputValue(new Date());

  const value = (id) => $(id).value.trim();
  const personalInput = () => ({
    stp: value('stp'),
    pool: value('pool'),
    tierTotals: personal.tiers.map((_, index) => value(`tier-total-${index}`)),
  });
  const ambassadorInput = () => ({
    stpr: value('stpr'),
    pool: value('amb-pool'),
    tierTotals: ambassador.tiers.map((_, index) => value(`amb-total-${index}`)),
    // The shares shown are assumptions the user may edit: every ambassador figure uses them.
    ladder: { ...ambassador, tiers: ambassador.tiers.map((tier, index) => ({ ...tier, share: value(`amb-share-${index}`) })) },
  });
  const at = () => (value('at') ? `${value('at')}Z` : Date.now());
  // The input an error's field path names ("tierTotals[2]" → the input "tier-total-2").
  const indexed = (path, pattern, prefix) => {
    const match = path.match(pattern);
    return match ? `${prefix}${match[1]}` : undefined;
  };
  const personalFieldIds = (path) => ({ stp: 'stp', points: 'stp', pool: 'pool' })[path]
    ?? indexed(path, /^tierTotals\[(\d+)\]$/, 'tier-total-');
  const ambassadorFieldIds = (path) => ({ stpr: 'stpr', points: 'stpr', pool: 'amb-pool', 'ladder.tiers': 'amb-shares' })[path]
    ?? indexed(path, /^tierTotals\[(\d+)\]$/, 'amb-total-')
    ?? indexed(path, /^ladder\.tiers\[(\d+)\]\.share$/, 'amb-share-');

  const drawRewardChart = chartView($('reward-chart'));
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
      const axisX = roundAxis(Math.max(lastNeed * 1.25, Number(reward.points) * 1.2), 5);
      const curve = rewardCurve({ ...input, from: 0, to: axisX.end, steps: CHART_STEPS });
      return { reward, progress, nextPays, curve, axisX };
    },
    show({ reward, progress, nextPays, curve, axisX }) {
      setText($('personal-reward'), formatDecimal(reward.reward));
      showProgress('personal', progress, 'STP');
      showNextPays('personal', progress, nextPays);
      tierRows($('personal-tiers'), reward.tiers);
      drawRewardChart({
        curve,
        axisX,
        tiers: personal.tiers,
        user: { points: Number(reward.points), reward: Number(reward.reward), pointsText: reward.points, rewardText: reward.reward },
      });
    },
  });

  const updatePeriod = section({
    id: 'period-clock',
    inputs: () => [$('at')],
    fieldIds: (path) => (path === 'at' ? 'at' : undefined),
    compute: () => rankingPeriod({ at: at() }),
    show(period) {
      const month = new Date(period.start).toLocaleString(LOCALE, { month: 'long', year: 'numeric', timeZone: 'UTC' });
      const [start, end] = [period.start, period.end].map((instant) => instantFormat.format(new Date(instant)));
      setText($('period-range'), `${month}: ${start} to ${end} (UTC)`);
      setText($('period-countdown'), formatDuration(period.remainingMs));
      $('period-elapsed').value = Number(period.elapsed);
    },
  });

  const updateProjection = section({
    id: 'projection',
    inputs: () => [],
    // Errors in the personal inputs are shown next to them by the personal section; here
    // they are named by the input's label.
    fieldIds: (path) => (path === 'at' ? 'at' : personalFieldIds(path)),
    compute: () => projectReward({ ...personalInput(), at: at() }),
    show(projection) {
      setText($('projected-points'), formatDecimal(projection.projectedPoints));
      setText($('projected-reward'), formatDecimal(projection.projected.reward));
      setText($('projected-rank'), projection.projected.rank ?? 'unranked');
    },
  });

  const updateAmbassador = section({
    id: 'ambassador',
    inputs: () => $('ambassador').querySelectorAll('input'),
    fieldIds: ambassadorFieldIds,
    compute() {
      const input = ambassadorInput();
      const progress = rankProgress({ points: input.stpr, ladder: input.ladder });
      const nextPays = progress.next && ambassadorReward({ ...input, whatIfStpr: progress.nextNeed });
      return { reward: ambassadorReward(input), progress, nextPays };
    },
    show({ reward, progress, nextPays }) {
      setText($('ambassador-reward'), formatDecimal(reward.reward));
      showProgress('ambassador', progress, 'STPR');
      showNextPays('ambassador', progress, nextPays);
      tierRows($('ambassador-tiers'), reward.tiers);
    },
  });

  // The plan: the points a target reward takes (pointsForReward), and the pace each higher
  // rank needs by the end of the period (pacePlan), for each ladder.
  const targetSection = ({ id, targetId, unit, fieldIds, input }) => section({
    id,
    inputs: () => [$(targetId)],
    fieldIds: (path) => (path === 'target' ? targetId : fieldIds(path)),
    compute() {
      const target = value(targetId);
      return target ? pointsForReward({ ...input(), target }) : null;
    },
    show(answer) {
      const [result, pays] = [$(`${id}-result`), $(`${id}-pays`)];
      result.classList.toggle('neutral', !answer);
      if (!answer) {
        setText(result, `Enter a reward to see how many ${unit} pay it.`);
        setText(pays, '');
      } else if (!answer.reachable) {
        setText(result, `No number of points pays that: the most is ${formatDecimal(answer.ceiling)} USDT.`);
        setText(pays, 'That is the pool times the sum of the tiers\' shares: the reward nears it as points grow, and never passes it.');
      } else {
        const there = answer.more === '0' ? ' You are there already.' : '';
        setText(result, `You need ${formatDecimal(answer.points)} ${unit} (${formatDecimal(answer.more)} more).${there}`);
        setText(pays, `At ${formatDecimal(answer.points)} ${unit} you earn ${formatDecimal(answer.reward)} USDT`
          + ` as ${answer.rank ?? 'unranked'}, everyone else unchanged.`);
      }
    },
  });
  const paceSection = ({ id, unit, ladder, points, fieldIds }) => section({
    id,
    inputs: () => [],
    fieldIds: (path) => (path === 'at' ? 'at' : fieldIds(path)),
    compute: () => pacePlan({ points: points(), at: at(), ladder }),
    show(plan) {
      const days = `${formatDecimal(plan.daysLeft)} ${plan.daysLeft === '1' ? 'day' : 'days'} left.`;
      setText($(`${id}-summary`), plan.perDay === null
        ? `${days} The period has just begun: there is no pace yet.`
        : `${days} Your pace so far: ${formatDecimal(plan.perDay)} ${unit} per day, on course for`
          + ` ${formatDecimal(plan.projectedPoints)} ${unit} (${plan.projectedRank ?? 'unranked'}).`);
      $(`${id}-goals`).replaceChildren(...plan.goals.map((goal) => el('tr', {}, [
        el('th', { scope: 'row' }, [
          el('span', { className: 'goal-name', textContent: goal.name }),
          el('span', { className: 'goal-need', textContent: ` from ${formatDecimal(goal.need)}` }),
        ]),
        el('td', { textContent: formatDecimal(goal.remaining) }),
        el('td', { textContent: `${formatDecimal(goal.perDay)} per day` }),
      ])));
      $(`${id}-goals`).closest('table').hidden = plan.goals.length === 0;
      $(`${id}-top`).hidden = plan.goals.length > 0;
    },
  });

  // One block per ladder: cloned from the template into the panel (before anything looks its
  // parts up), its target input, and the two sections that fill it. `pointsId` is both the
  // points input and its key in the ladder's input, which pointsForReward takes as `points`.
  const planLadder = ({ prefix, headingId, heading, unit, ladder, target, pointsId, fieldIds, ladderInput }) => {
    $('plan').querySelector('.plan-ladders').append(planBlock({ prefix, headingId, heading, unit }));
    $(`${prefix}target-field`).append(field(target.id, target.label, ''));
    const input = () => {
      const { [pointsId]: points, ...rest } = ladderInput();
      return { points, ...rest };
    };
    return {
      updateTarget: targetSection({ id: `${prefix}target`, targetId: target.id, unit, fieldIds, input }),
      updatePace: paceSection({ id: `${prefix}pace`, unit, ladder, points: () => value(pointsId), fieldIds }),
    };
  };
  const { updateTarget: updatePlanTarget, updatePace: updatePlanPace } = planLadder({
    prefix: 'plan-', headingId: 'plan-personal-heading', heading: 'Personal (STP)', unit: 'STP', ladder: 'personal',
    target: { id: 'target', label: 'Target reward (USDT)' }, pointsId: 'stp', fieldIds: personalFieldIds, ladderInput: personalInput,
  });
  const { updateTarget: updatePlanAmbassadorTarget, updatePace: updatePlanAmbassadorPace } = planLadder({
    prefix: 'plan-amb-', headingId: 'plan-amb-heading', heading: 'Ambassador (STPR)', unit: 'STPR', ladder: 'ambassador',
    target: { id: 'amb-target', label: 'Target ambassador reward (USDT)' }, pointsId: 'stpr', fieldIds: ambassadorFieldIds,
    ladderInput: ambassadorInput,
  });

  // Every keystroke recomputes whatever depends on the input typed in.
  const recompute = (inputs, ...updates) => {
    for (const input of inputs) input.addEventListener('input', () => updates.forEach((update) => update()));
  };
  recompute($('personal').querySelectorAll('input'), updatePersonal, updateProjection, updatePlanTarget, updatePlanPace);
  recompute($('ambassador').querySelectorAll('input'), updateAmbassador, updatePlanAmbassadorTarget, updatePlanAmbassadorPace);
  recompute([$('target')], updatePlanTarget);
  recompute([$('amb-target')], updatePlanAmbassadorTarget);
  const updateInstant = () => {
    updatePeriod();
    updateProjection();
    updatePlanPace();
    updatePlanAmbassadorPace();
  };
  // The countdown follows the clock until the user picks another instant; "Now" resumes it.
  let followingClock = true;
  const showNow = () => {
    $('at').value = utcInputValue(new Date());
    updateInstant();
  };
  $('at').addEventListener('input', () => {
    followingClock = false;
    updateInstant();
  });
  $('now').addEventListener('click', () => {
    followingClock = true;
    showNow();
  });
  setInterval(() => followingClock && showNow(), 1000);

  // Enter in a form's only field submits it: nothing here is sent anywhere (the CSP's
  // form-action 'none' would refuse it), every keystroke already recomputes.
  for (const form of $('app').querySelectorAll('form')) form.addEventListener('submit', (event) => event.preventDefault());

  // Shown before the first results, so that the chart is drawn at the width it is shown.
  $('loading').hidden = true;
  $('app').hidden = false;
  updatePersonal();
  updatePeriod();
  updateProjection();
  updateAmbassador();
  updatePlanTarget();
  updatePlanAmbassadorTarget();
  updatePlanPace();
  updatePlanAmbassadorPace();
  document.body.dataset.ready = 'true';
}

main().catch((error) => {
  $('loading').textContent = `The calculator could not start: ${error.message}`;
  $('loading').classList.add('error');
});
