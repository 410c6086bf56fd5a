// The JavaScript baseline the benchmark compares against: what a dashboard team would write
// by hand with decimal.js — the documented formula in the documented order (C·k/D, then
// × B), results cut to 6 places — and an O(n) bottom-up pass for referrals.
import Decimal from 'decimal.js';

const ROUND_DOWN = Decimal.ROUND_DOWN;
const PERSONAL = [
  { name: 'Silver', need: 100, share: '0.5' },
  { name: 'Gold', need: 500, share: '0.25' },
  { name: 'Platinum', need: 800, share: '0.15' },
  { name: 'Diamond', need: 1000, share: '0.1' },
];

export function personalReward({ stp, pool, tierTotals, whatIfStp, decimals = 6 }) {
  const own = new Decimal(stp);
  const points = whatIfStp === undefined ? own : new Decimal(whatIfStp);
  const poolValue = new Decimal(pool);
  let reward = new Decimal(0);
  let rank = null;
  const tiers = PERSONAL.map((tier, index) => {
    let total = new Decimal(tierTotals[index]);
    if (whatIfStp !== undefined) {
      if (own.gte(tier.need)) total = total.minus(own);
      if (points.gte(tier.need)) total = total.plus(points);
    }
    const qualified = points.gte(tier.need);
    const pot = poolValue.times(tier.share);
    const amount = qualified ? pot.div(total).times(points) : new Decimal(0);
    if (qualified) rank = tier.name;
    reward = reward.plus(amount);
    return { name: tier.name, qualified, total: total.toFixed(), pot: pot.toFixed(), amount: amount.toDecimalPlaces(decimals, ROUND_DOWN).toFixed() };
  });
  return { reward: reward.toDecimalPlaces(decimals, ROUND_DOWN).toFixed(), points: points.toFixed(), rank, tiers };
}

/** What a chart needs: one call per point. */
export function rewardCurve(input, from, to, steps) {
  const rewards = new Float64Array(steps);
  for (let step = 0; step < steps; step += 1) {
    const whatIfStp = from + ((to - from) * step) / (steps - 1);
    rewards[step] = Number(personalReward({ ...input, whatIfStp }).reward);
  }
  return rewards;
}

/** STPR of every user: children before parents (Kahn's order), summing what is below. */
function stprPass(count, parentOf, stpOf) {
  const children = new Int32Array(count);
  for (let user = 0; user < count; user += 1) if (parentOf(user) >= 0) children[parentOf(user)] += 1;
  const below = Array.from({ length: count }, () => new Decimal(0));
  const queue = [];
  for (let user = 0; user < count; user += 1) if (children[user] === 0) queue.push(user);
  for (let next = 0; next < queue.length; next += 1) {
    const user = queue[next];
    const parent = parentOf(user);
    if (parent < 0) continue;
    below[parent] = below[parent].plus(below[user]).plus(stpOf(user));
    children[parent] -= 1;
    if (children[parent] === 0) queue.push(parent);
  }
  return below;
}

export function stprFromReferrals({ users }) {
  const index = new Map(users.map((user, position) => [user.id, position]));
  const parents = users.map((user) => (user.referrer == null ? -1 : index.get(user.referrer)));
  const below = stprPass(users.length, (user) => parents[user], (user) => new Decimal(users[user].stp));
  return Object.fromEntries(users.map((user, position) => [user.id, below[position].toFixed()]));
}

export function stprColumns({ referrers, stp }) {
  const below = stprPass(referrers.length, (user) => referrers[user], (user) => new Decimal(stp[user]));
  return Float64Array.from(below, (value) => value.toNumber());
}

export function populationPayout({ pool, points, decimals = 6 }) {
  const values = Array.from(points, (value) => new Decimal(value));
  const totals = PERSONAL.map((tier) => values.reduce((sum, value) => (value.gte(tier.need) ? sum.plus(value) : sum), new Decimal(0)));
  const pots = PERSONAL.map((tier) => new Decimal(pool).times(tier.share));
  return Float64Array.from(values, (value) => {
    let reward = new Decimal(0);
    PERSONAL.forEach((tier, index) => {
      if (value.gte(tier.need)) reward = reward.plus(pots[index].div(totals[index]).times(value));
    });
    return reward.toDecimalPlaces(decimals, ROUND_DOWN).toNumber();
  });
}
