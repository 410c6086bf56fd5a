// Renames a wasm-bindgen module's function imports to one- or two-letter names, in the .wasm
// and in its JS glue together. wasm-bindgen names each import after the JS it calls plus a
// 16-digit hash (`__wbg_instanceof_Date_99b6a345bf39e8f4`): forty of those are about 900
// bytes of the gzipped module, which only has 45 KB. (Emscripten shortens imports the same
// way.) The glue's import object lists every name once, as a key: each is replaced there, and
// the build fails if one is not found exactly once.
import { readFileSync, writeFileSync } from 'node:fs';

/** Rewrites `wasmPath` and `gluePath` in place; returns how many imports were renamed. */
export function shortenImportNames(wasmPath, gluePath) {
  const wasm = readFileSync(wasmPath);
  let glue = readFileSync(gluePath, 'utf8');
  const renames = [];
  const rewritten = rewriteImportSection(wasm, (field) => {
    const short = shortName(renames.length);
    renames.push([field, short]);
    return short;
  });
  for (const [field, short] of renames) {
    const key = new RegExp(`^(\\s+)${field}(: function\\()`, 'gm');
    const found = glue.match(key)?.length ?? 0;
    if (found !== 1) throw new Error(`short-imports: ${field} is a key of the glue's imports ${found} times, not once`);
    glue = glue.replace(key, `$1${short}$2`);
  }
  writeFileSync(wasmPath, rewritten);
  writeFileSync(gluePath, glue);
  return renames.length;
}

/** a … z, A … Z, then aa, ab, …: valid JS identifiers, shortest first. */
function shortName(index) {
  const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  let name = '';
  for (let rest = index; ; rest = Math.floor(rest / letters.length) - 1) {
    name = letters[rest % letters.length] + name;
    if (rest < letters.length) return name;
  }
}

/** The module with each function import's field name replaced by `rename(field)`. */
function rewriteImportSection(bytes, rename) {
  let at = 8; // after the magic number and version
  const readUnsigned = () => {
    let value = 0;
    for (let shift = 0; ; shift += 7) {
      const byte = bytes[at++];
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return value;
    }
  };
  const sections = [bytes.subarray(0, 8)];
  while (at < bytes.length) {
    const id = bytes[at++];
    const size = readUnsigned();
    const end = at + size;
    if (id !== 2) {
      sections.push(Buffer.from([id]), unsigned(size), bytes.subarray(at, end));
      at = end;
      continue;
    }
    const count = readUnsigned();
    const entries = [unsigned(count)];
    for (let index = 0; index < count; index += 1) {
      const moduleLength = readUnsigned();
      const module = bytes.subarray(at, (at += moduleLength));
      const fieldLength = readUnsigned();
      const field = bytes.subarray(at, (at += fieldLength)).toString('utf8');
      const descriptorStart = at;
      const kind = bytes[at++];
      if (kind === 0x00) readUnsigned(); // a function: its type index
      else if (kind === 0x01) { at += 1; readLimits(); } // a table: reference type, limits
      else if (kind === 0x02) readLimits(); // a memory
      else if (kind === 0x03) at += 2; // a global: value type, mutability
      else throw new Error(`short-imports: unknown import kind ${kind} for ${field}`);
      const name = Buffer.from(kind === 0x00 ? rename(field) : field, 'utf8');
      entries.push(unsigned(module.length), module, unsigned(name.length), name, bytes.subarray(descriptorStart, at));
    }
    if (at !== end) throw new Error('short-imports: the import section did not parse to its end');
    const body = Buffer.concat(entries);
    sections.push(Buffer.from([id]), unsigned(body.length), body);
  }
  return Buffer.concat(sections);

  function readLimits() {
    const flags = bytes[at++];
    readUnsigned();
    if (flags & 1) readUnsigned();
  }
}

/** An unsigned LEB128 number. */
function unsigned(value) {
  const out = [];
  do {
    let byte = value % 128;
    value = Math.floor(value / 128);
    if (value > 0) byte |= 0x80;
    out.push(byte);
  } while (value > 0);
  return Buffer.from(out);
}
