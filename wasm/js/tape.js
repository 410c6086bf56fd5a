// Reads a result's tape (tape/src/lib.rs): one string, written by Rust's `Serialize` in field
// order, which the builders generated from the Rust result types (shapes.js) read front to
// back. No imports, so that wasm-bindgen can load it as a snippet (tests/wasm.rs).

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

  /** What `read` reads, or null (an `Option` whose value is not a string). */
  o(read) {
    if (this.text.charCodeAt(this.at) !== NULL) return read(this);
    this.at += 1;
    return null;
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
