// The package's thin JS layer around the wasm exports: a result crosses from wasm as one
// string, a "tape" (see wasm/src/tape.rs), and is made into its plain object here, with fixed
// keys in the order the Rust result's fields are written. A result type costs a builder of a
// few lines below and its line in withResultObjects. tests/js/agree.test.mjs compares every function's
// object with the native core's JSON of the same result, and tests/js/types.test.mjs its keys
// with the TypeScript declarations, so a drift between the Rust result and this file fails.
//
// scripts/build.mjs ships this file as ESM (results.js) and as CommonJS (results.cjs).

const LONG = 0xd000;
const NULL = 0xd001;
const TRUE = 0xd003;

/** Reads a tape front to back. */
class Tape {
  constructor(text) {
    this.text = text;
    this.at = 0;
  }

  /** A length (of a string, a list or a map). */
  count() {
    const code = this.text.charCodeAt(this.at++);
    if (code < LONG) return code;
    const high = this.text.charCodeAt(this.at++);
    return high * 0x8000 + this.text.charCodeAt(this.at++);
  }

  /** A string, or null. */
  s() {
    if (this.text.charCodeAt(this.at) === NULL) {
      this.at += 1;
      return null;
    }
    const length = this.count();
    return this.text.slice(this.at, (this.at += length));
  }

  /** A number written as its text. */
  n() {
    return Number(this.s());
  }

  /** true or false. */
  b() {
    return this.text.charCodeAt(this.at++) === TRUE;
  }

  /** A list of what `item` reads. */
  list(item) {
    const length = this.count();
    const items = [];
    for (let index = 0; index < length; index += 1) items.push(item(this));
    return items;
  }

  /** A map of strings to strings, as an object of own properties (so that a key such as
   *  "__proto__" stays a key). */
  entries() {
    const length = this.count();
    const pairs = [];
    for (let index = 0; index < length; index += 1) pairs.push([this.s(), this.s()]);
    return Object.fromEntries(pairs);
  }
}

// The builders: one per result type, keys in the Rust field order (object literals evaluate
// left to right).
const tierReward = (t) => ({ name: t.s(), need: t.s(), share: t.s(), qualified: t.b(), total: t.s(), pot: t.s(), amount: t.s() });
const reward = (t) => ({ reward: t.s(), points: t.s(), rank: t.s(), tiers: t.list(tierReward) });
const rankProgress = (t) => ({ rank: t.s(), rankIndex: t.n(), next: t.s(), nextNeed: t.s(), remaining: t.s(), progress: t.s() });
const rankingPeriod = (t) => ({ start: t.s(), end: t.s(), elapsed: t.s(), remainingMs: t.n() });
const projection = (t) => ({ period: rankingPeriod(t), projectedPoints: t.s(), current: reward(t), projected: reward(t) });
const pointsForReward = (t) => ({ reachable: t.b(), points: t.s(), more: t.s(), reward: t.s(), rank: t.s(), ceiling: t.s() });
const paceGoal = (t) => ({ name: t.s(), need: t.s(), remaining: t.s(), perDay: t.s() });
const pacePlan = (t) => ({ period: rankingPeriod(t), daysLeft: t.s(), perDay: t.s(), projectedPoints: t.s(), projectedRank: t.s(), goals: t.list(paceGoal) });
const tier = (t) => ({ name: t.s(), need: t.s(), share: t.s() });
const ladder = (t) => ({ name: t.s(), points: t.s(), tiers: t.list(tier) });
const ladders = (t) => ({ personal: ladder(t), ambassador: ladder(t) });
const stprById = (t) => t.entries();

/** Each function's builder, by the function's name. */
const BUILDERS = { personalReward: reward, ambassadorReward: reward, rankProgress, rankingPeriod, projectReward: projection, stprFromReferrals: stprById, pointsForReward, pacePlan, ladders };

/** The object of the tape `tape` returned by the export `name` (for tests in Rust, which
 *  call the exports themselves). */
export function resultOf(name, tape) {
  return BUILDERS[name](new Tape(tape));
}

/** The exports of a wasm-bindgen module, those that return a tape returning objects instead
 *  (each its own function, so that each call site stays monomorphic). */
export function withResultObjects(raw) {
  return {
    personalReward: (input) => reward(new Tape(raw.personalReward(input))),
    ambassadorReward: (input) => reward(new Tape(raw.ambassadorReward(input))),
    rankProgress: (input) => rankProgress(new Tape(raw.rankProgress(input))),
    rankingPeriod: (input) => rankingPeriod(new Tape(raw.rankingPeriod(input))),
    projectReward: (input) => projection(new Tape(raw.projectReward(input))),
    stprFromReferrals: (input) => stprById(new Tape(raw.stprFromReferrals(input))),
    pointsForReward: (input) => pointsForReward(new Tape(raw.pointsForReward(input))),
    pacePlan: (input) => pacePlan(new Tape(raw.pacePlan(input))),
    ladders: () => ladders(new Tape(raw.ladders())),
  };
}
