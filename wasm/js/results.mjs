// The package's thin JS layer around the wasm exports: each input is copied into plain data
// before the module reads it (`readable`: no getter or Proxy trap runs inside the module); a
// result crosses from wasm as one string, a "tape" (see tape/src/lib.rs), and is made into
// its plain object by the builders in shapes.js, which scripts/boundary.mjs generates from the
// Rust result types: a field added in Rust reaches the objects and the declarations with no
// edit here. tests/js/agree.test.mjs compares every function's object with the native core's
// JSON of the same result.
//
// scripts/result-layer.mjs ships this file as web/results.js (and shapes.js beside it); the
// Node CommonJS entry and the JS engine bundle it (scripts/build.mjs, scripts/engine.mjs).
import { MAX_DEPTH, UNREADABLE_INPUT, wrapExports } from './shapes.js';
import { Tape } from './tape.js';

export { MAX_DEPTH, Tape };

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

/** The input of an export, as plain data; if reading it threw, the core's coded error for
 *  that (input::unreadable_input, which the module throws when its own copy of an input
 *  throws) is thrown instead. (Exported for bench/bound.mjs, which
 *  times it before serde-wasm-bindgen's walk: the floor of a call.) */
export function readable(input) {
  try {
    return plain(input, 0);
  } catch {
    const { code, field, detail, message } = UNREADABLE_INPUT;
    throw codedError(code, field, detail, message);
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

/** The exports whose results are plain values or objects already (or nothing: `start`, which
 *  wasm-bindgen exports too), which need no builder: a module export missing from this list
 *  and from shapes.js fails the build (scripts/result-layer.mjs), so no export ever hands
 *  users a tape. */
export const PLAIN_RESULTS = ['start', 'isSoeiError', 'wasmMemoryBytes'];

/** The exports of a wasm-bindgen module (or the JS engine's), as users call them: every input
 *  read as plain data first ([`readable`]), every tape made into its object by the builders
 *  generated from the Rust result types (shapes.js). */
export function withResultObjects(raw) {
  // The functions read once, into a plain object: `raw` is a module namespace, or in the
  // CommonJS bundle esbuild's stand-in for one, whose properties are getters that every call
  // would otherwise run.
  return wrapExports({ ...raw }, Tape, readable);
}
