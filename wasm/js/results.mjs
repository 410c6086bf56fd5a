// The package's thin JS layer around the wasm exports: each input is copied into plain data
// before the module reads it (`readable`: no getter or Proxy trap runs inside the module); a
// result crosses from wasm as one string, a "tape" (see tape/src/lib.rs), and is made into
// its plain object here, with fixed keys in the order the Rust result's fields are written.
// A result type costs a builder of a few lines below and its line in withResultObjects.
// tests/js/agree.test.mjs compares every function's object with the native core's JSON of the
// same result, and tests/js/types.test.mjs its keys with the TypeScript declarations, so a
// drift between the Rust result and this file fails.
//
// scripts/result-layer.mjs ships this file as web/results.js; the Node CommonJS entry and the
// JS engine bundle it (scripts/build.mjs, scripts/engine.mjs).

// tape/src/lib.rs's markers: every one ASCII, so that an ASCII result stays one byte a char.
const LONG = 0x7e;
const NULL = 0x7f;
const TRUE = 0x31;
/** The chars of a long length, 7 bits each. */
const LONG_DIGITS = 5;

/** Reads a tape front to back (from `start`). */
export class Tape {
  constructor(text, start = 0) {
    this.text = text;
    this.at = start;
  }

  /** A length (of a string, a list or a map). */
  count() {
    const code = this.text.charCodeAt(this.at++);
    if (code < LONG) return code;
    let length = 0;
    for (let digit = 0; digit < LONG_DIGITS; digit += 1) length = length * 128 + this.text.charCodeAt(this.at++);
    return length;
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

/** The readers' depth (src/input/buffered.rs): nothing nested deeper is read. */
export const MAX_DEPTH = 32;

/** Stands in for a function given as a value: no reader takes one, and its properties (a
 *  `name` getter) are not for the module to read. */
const standIn = () => undefined;

/** `value` as plain data, every property that a getter or a Proxy computes read here, in JS,
 *  where a throw is caught: inside the wasm module a throw skips Rust's unwinding and leaks
 *  its stack, and a thousand of them break the module. What the readers see is unchanged:
 *  an object's own enumerable entries, an array's elements by index, a `Map`'s entries and a
 *  `Date`'s time. (A plain `{}`, not a null-prototype object: V8 keeps those as dictionaries,
 *  and copying 100,000 of them took twice as long.) */
function plain(value, depth) {
  if (typeof value === 'function') return standIn;
  if (typeof value !== 'object' || value === null || depth > MAX_DEPTH || ArrayBuffer.isView(value)) return value;
  if (Array.isArray(value)) {
    const copy = new Array(value.length);
    for (let index = 0; index < value.length; index += 1) copy[index] = plain(value[index], depth + 1);
    return copy;
  }
  if (value instanceof Date) return new Date(value.getTime());
  if (value instanceof Map) return new Map(Array.from(value, ([key, item]) => [plain(key, depth + 1), plain(item, depth + 1)]));
  if (Symbol.iterator in value) return value;
  const copy = {};
  for (const key of Object.keys(value)) {
    const item = plain(value[key], depth + 1);
    // Assigning "__proto__" would set the prototype; it is defined as the key it is.
    if (key === '__proto__') Object.defineProperty(copy, key, { value: item, enumerable: true, writable: true, configurable: true });
    else copy[key] = item;
  }
  return copy;
}

/** The input of an export, as plain data; if reading it threw, the coded error the module
 *  makes when its own copy of an input throws (wasm/src/lib.rs, `unreadable_input`; the
 *  error tests compare the two) is thrown instead. (Exported for bench/bound.mjs, which
 *  times it before serde-wasm-bindgen's walk: the floor of a call.) */
export function readable(input) {
  try {
    return plain(input, 0);
  } catch {
    const detail = 'could not be read: reading one of its properties threw';
    throw codedError('invalid_type', '', detail, `input: ${detail}`);
  }
}

/** A coded error as the WebAssembly binding makes one (wasm/src/lib.rs, `to_js_error`): an
 *  `Error` with `code`, `field` and `detail`, and the mark isSoeiError looks for. */
export function codedError(code, field, detail, message) {
  const error = Object.assign(new Error(message), { code, field, detail });
  error[Symbol.for('soei-rewards.error')] = true;
  return error;
}

/** Whether this engine can compile WebAssembly: it may not exist (iOS Lockdown Mode, a
 *  jitless engine, Hermes) or be refused (a CSP without 'wasm-unsafe-eval'). The entries use
 *  the JS engine where it cannot, and fetch no .wasm. (An empty module: 8 bytes.) */
export function wasmCompiles() {
  try {
    return typeof WebAssembly === 'object' && new WebAssembly.Module(Uint8Array.of(0, 0x61, 0x73, 0x6d, 1, 0, 0, 0)) instanceof WebAssembly.Module;
  } catch {
    return false;
  }
}

/** What a browser entry's function `name` does until `init()` has loaded the module
 *  (scripts/result-layer.mjs): say so. */
export function beforeInit(name) {
  return () => {
    throw new Error(`soei-rewards: ${name}() was called before init() finished. Call \`await init()\` once first (the default export); the functions are ready when it resolves.`);
  };
}

/** Each function's builder, by the function's name. */
const BUILDERS = { personalReward: reward, ambassadorReward: reward, rankProgress, rankingPeriod, projectReward: projection, stprFromReferrals: stprById, pointsForReward, pacePlan, ladders };

/** The object of the tape `tape` returned by the export `name` (for tests in Rust, which
 *  call the exports themselves). */
export function resultOf(name, tape) {
  return BUILDERS[name](new Tape(tape));
}

/** The exports of a wasm-bindgen module, those that return a tape returning objects instead
 *  (each its own function, so that each call site stays monomorphic), and each taking its
 *  input as plain data ([`readable`]). */
export function withResultObjects(raw) {
  const api = {
    personalReward: (input) => reward(new Tape(raw.personalReward(readable(input)))),
    ambassadorReward: (input) => reward(new Tape(raw.ambassadorReward(readable(input)))),
    rankProgress: (input) => rankProgress(new Tape(raw.rankProgress(readable(input)))),
    rankingPeriod: (input) => rankingPeriod(new Tape(raw.rankingPeriod(readable(input)))),
    projectReward: (input) => projection(new Tape(raw.projectReward(readable(input)))),
    stprFromReferrals: (input) => stprById(new Tape(raw.stprFromReferrals(readable(input)))),
    pointsForReward: (input) => pointsForReward(new Tape(raw.pointsForReward(readable(input)))),
    pacePlan: (input) => pacePlan(new Tape(raw.pacePlan(readable(input)))),
    ladders: () => ladders(new Tape(raw.ladders())),
    // Not a tape, but its input is read the same way.
    rewardCurve: (input) => raw.rewardCurve(readable(input)),
  };
  // The population module's own functions (soei-rewards/population), where `raw` has them:
  // their results are objects already. Typed-array columns pass through the copy as they are.
  if ('stprColumns' in raw) api.stprColumns = (input) => raw.stprColumns(readable(input));
  if ('populationPayout' in raw) api.populationPayout = (input) => raw.populationPayout(readable(input));
  return api;
}
