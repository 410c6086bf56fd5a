// The package's JavaScript engine, for where WebAssembly is off: the core crate behind a C ABI
// (engine/, no wasm-bindgen), compiled for the WebAssembly MVP and turned into plain
// JavaScript by binaryen's wasm2js (scripts/engine.mjs). This file is the thin layer that
// makes its exports look like the wasm-bindgen module's: each function takes the input as
// plain data (results.mjs's `readable` runs first, in withResultObjects), and returns the
// result's tape or throws the coded error, so that results.mjs builds the same objects from
// both engines.
//
// An input crosses as bytes (engine/src/request.rs says the format): the kinds that
// serde-wasm-bindgen hands the core's readers, chosen here exactly as its `deserialize_any`
// chooses them, so that every request and every error is the one the WebAssembly module
// gives. JSON would lose NaN, ±Infinity, -0, undefined against null, BigInts and Maps.
// Outputs cross as UTF-16 code units, read without a TextDecoder (Hermes has none).
import { MAX_DEPTH, Tape, codedError } from './results.mjs';

// engine/src/request.rs's tags.
const UNDEFINED = 0;
const NULL = 1;
const FALSE = 2;
const TRUE = 3;
const INTEGER = 4;
const NUMBER = 5;
const SIGNED = 6;
const UNSIGNED = 7;
const TEXT = 8;
const BYTES = 9;
const LIST = 10;
const OBJECT = 11;
const DATE = 12;
const UNREADABLE = 13;

/** engine/src/lib.rs's first unit of an output: OK, else FAILED. */
const OK = 0x30;

/** A growable little-endian byte buffer. */
class Writer {
  constructor() {
    this.bytes = new Uint8Array(256);
    this.view = new DataView(this.bytes.buffer);
    this.at = 0;
  }

  room(size) {
    if (this.at + size <= this.bytes.length) return;
    let length = this.bytes.length * 2;
    while (length < this.at + size) length *= 2;
    const bytes = new Uint8Array(length);
    bytes.set(this.bytes);
    this.bytes = bytes;
    this.view = new DataView(bytes.buffer);
  }

  tag(tag) {
    this.room(1);
    this.bytes[this.at++] = tag;
  }

  count(count) {
    this.room(4);
    this.view.setUint32(this.at, count, true);
    this.at += 4;
  }

  float(tag, value) {
    this.room(9);
    this.bytes[this.at++] = tag;
    this.view.setFloat64(this.at, value, true);
    this.at += 8;
  }

  /** A BigInt's 64 bits, as two 32-bit halves (no BigInt64 methods needed). */
  big(tag, value) {
    const low = Number(BigInt.asUintN(32, value));
    const high = Number(BigInt.asUintN(32, value >> BigInt(32)));
    this.room(9);
    this.bytes[this.at++] = tag;
    this.view.setUint32(this.at, low, true);
    this.view.setUint32(this.at + 4, high, true);
    this.at += 8;
  }

  text(text) {
    this.count(text.length);
    this.room(text.length * 2);
    for (let index = 0; index < text.length; index += 1) {
      this.view.setUint16(this.at, text.charCodeAt(index), true);
      this.at += 2;
    }
  }

  /** A number as serde-wasm-bindgen hands it over: a safe integer as an integer. */
  number(value) {
    this.float(Number.isSafeInteger(value) ? INTEGER : NUMBER, value);
  }

  /** `value` (plain data: readable() copied it), `depth` levels into the input. */
  value(value, depth) {
    if (value === undefined) return this.tag(depth === 0 ? UNDEFINED : NULL);
    if (value === null) return this.tag(NULL);
    switch (typeof value) {
      case 'boolean':
        return this.tag(value ? TRUE : FALSE);
      case 'number':
        return this.number(value);
      case 'string':
        this.tag(TEXT);
        return this.text(value);
      case 'bigint':
        if (BigInt.asIntN(64, value) === value) return this.big(SIGNED, value);
        if (BigInt.asUintN(64, value) === value) return this.big(UNSIGNED, value);
        return this.tag(UNREADABLE);
      case 'object':
        return this.object(value, depth);
      default:
        // A function or a symbol: serde-wasm-bindgen reads neither.
        return this.tag(UNREADABLE);
    }
  }

  object(value, depth) {
    if (Array.isArray(value)) {
      if (depth >= MAX_DEPTH) return this.tag(UNREADABLE);
      this.tag(LIST);
      this.count(value.length);
      for (let index = 0; index < value.length; index += 1) this.value(value[index], depth + 1);
      return undefined;
    }
    if (value instanceof Uint8Array || value instanceof ArrayBuffer) return this.tag(BYTES);
    if (value instanceof Date) {
      this.tag(DATE);
      return this.number(value.getTime());
    }
    // serde-wasm-bindgen reads a Map by its entries and any other iterable (a Set, a typed
    // array) not at all.
    const isMap = value instanceof Map;
    if (!isMap && Symbol.iterator in value) return this.tag(UNREADABLE);
    if (depth >= MAX_DEPTH) return this.tag(UNREADABLE);
    const entries = isMap ? Array.from(value) : Object.entries(value);
    // A key that is not text makes the whole object unreadable, as it does for the readers.
    if (isMap && entries.some(([key]) => typeof key !== 'string')) return this.tag(UNREADABLE);
    this.tag(OBJECT);
    this.count(entries.length);
    for (const [key, item] of entries) {
      this.text(key);
      this.value(item, depth + 1);
    }
    return undefined;
  }
}

/** The bytes of a plain input (engine/src/request.rs), in `writer`'s buffer: valid until its
 *  next use. */
function encode(writer, input) {
  writer.at = 0;
  writer.value(input, 0);
  return writer.bytes.subarray(0, writer.at);
}

/** `length` UTF-16 code units at byte `address` of `memory`, as a string. */
function readText(memory, address, length) {
  const units = new Uint16Array(memory.buffer, address, length);
  let text = '';
  // In slices: an engine limits how many arguments a call takes.
  for (let start = 0; start < length; start += 8192) text += String.fromCharCode.apply(null, units.subarray(start, start + 8192));
  return text;
}

/**
 * The functions of the engine `core` (the wasm2js module's exports), shaped as the
 * wasm-bindgen module's: each returns its result's tape (rewardCurve its typed arrays) or
 * throws the coded error. `clock` gives the time for the functions that default to now.
 */
export function engineFunctions(core, clock = () => Date.now()) {
  const count = core.functions();
  const names = new Tape(readText(core.memory, core.output(), count)).list((tape) => tape.s());
  // One buffer for every call's request bytes, copied into the engine's memory at once.
  const writer = new Writer();
  /** Runs function `index` on `input`: where its output is and how long, in UTF-16 units. */
  const call = (index, input) => {
    const bytes = encode(writer, input);
    // The place first: taking it may grow the memory, which replaces its buffer.
    const address = core.input_buffer(bytes.length);
    new Uint8Array(core.memory.buffer, address, bytes.length).set(bytes);
    const length = core.call(index, clock());
    return [core.output(), length];
  };
  /** Throws the coded error of an output `text` that is not OK (engine/src/lib.rs, `failure`). */
  const failed = (text) => {
    const [code, field, detail, message] = new Tape(text, 1).list((t) => t.s());
    throw codedError(code, field, detail, message);
  };
  const raw = {};
  names.forEach((name, index) => {
    raw[name] = (input) => {
      const [address, length] = call(index, input);
      const text = readText(core.memory, address, length);
      if (text.charCodeAt(0) !== OK) failed(text);
      return text.slice(1);
    };
  });
  // Typed arrays, as the wasm module's rewardCurve returns them: each column's length (two
  // units), then its numbers' bits (engine/src/lib.rs, `curve`), copied out of the memory.
  const curveIndex = names.indexOf('rewardCurve');
  raw.rewardCurve = (input) => {
    const [address, length] = call(curveIndex, input);
    const units = new Uint16Array(core.memory.buffer, address, length);
    if (units[0] !== OK) failed(readText(core.memory, address, length));
    let at = address + 2;
    const column = () => {
      const count = units[(at - address) / 2] + units[(at - address) / 2 + 1] * 0x10000;
      const numbers = new Float64Array(core.memory.buffer.slice(at + 4, at + 4 + count * 8));
      at += 4 + count * 8;
      return numbers;
    };
    const points = column();
    return { points, rewards: column() };
  };
  raw.isSoeiError = isSoeiError;
  raw.wasmMemoryBytes = () => core.memory.buffer.byteLength;
  return raw;
}

/** Whether `value` is an error this package threw: the WebAssembly module's test, in JS. */
export function isSoeiError(value) {
  return value instanceof Error && Boolean(value[Symbol.for('soei-rewards.error')]);
}
