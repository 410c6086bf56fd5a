// The package's boundary, derived from the Rust result types: `examples/boundary.rs` traces
// them (serde-reflection) into a description, and this script makes of it
//   wasm/js/shapes.js      the builders, one per result type, that make a tape into its object
//                          (tape/src/lib.rs), the builder of each function's result, and the
//                          wrapper of a module's exports; imported by wasm/js/results.mjs
//   wasm/src/results.d.ts  the TypeScript declarations of the results, their doc comments taken
//                          from docs/API.md's "output field" tables (the one JS reference);
//                          wasm/src/lib.rs includes it in wasm-bindgen's declarations
// Both are generated files, checked in because the crates and the tests read them before any
// build; `npm run build` regenerates them, and tests/js/boundary.test.mjs fails when they are
// stale. A field added to a Rust result type reaches the package's objects and declarations
// with no other code edit (its sentence goes into API.md).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { isMain, root } from './lib.mjs';

export const buildersFile = join(root, 'wasm', 'js', 'shapes.js');
export const declarationsFile = join(root, 'wasm', 'src', 'results.d.ts');
const vectors = ['conformance.json', 'planning.json'].map((file) => join(root, 'tests', 'vectors', file));

/** The description, traced by examples/boundary.rs (`probe`: with its test-only type). */
export function describe({ probe = false } = {}) {
  const args = ['run', '--quiet', '--example', 'boundary', '--features', 'serde', '--', ...vectors, ...(probe ? ['--probe'] : [])];
  return JSON.parse(execFileSync('cargo', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 26 }));
}

// serde-reflection's formats: a name (`{ TYPENAME }`), a primitive ("STR", "BOOL", "I32", …),
// or a container (`{ OPTION }`, `{ SEQ }`, `{ MAP: { KEY, VALUE } }`).
const NUMBERS = new Set(['I8', 'I16', 'I32', 'I64', 'U8', 'U16', 'U32', 'U64', 'F32', 'F64']);

/** What makes JS and TS of a description's formats. */
class Boundary {
  constructor(description, apiMarkdown) {
    this.types = description.types;
    this.functions = Object.entries(description.functions);
    this.constants = description.constants;
    /** The types that examples/boundary.rs describes from soei_rewards::columns. */
    this.columnTypes = new Set(description.columns ?? []);
    this.docs = fieldDocs(apiMarkdown, this);
  }

  container(name) {
    const container = this.types[name];
    if (!container) throw new Error(`boundary: no shape for the type ${name}`);
    return container;
  }

  /** Whether `format` crosses as a tape's string (text, a decimal, a unit enum's variant). */
  isText(format) {
    if (format === 'STR' || format === 'CHAR') return true;
    if (!format.TYPENAME) return false;
    const container = this.container(format.TYPENAME);
    if (container.NEWTYPESTRUCT) return this.isText(container.NEWTYPESTRUCT);
    return Boolean(container.ENUM) && Object.values(container.ENUM).every((variant) => Object.values(variant)[0] === 'UNIT');
  }

  /** Whether type `name`'s result crosses as an object the binding builds, its lists of f64
   *  as `Float64Array`s, not on a tape: a column result (soei_rewards::columns), or a struct
   *  whose every field is a list of f64 (the curve). */
  isColumns(name) {
    const fields = this.container(name).STRUCT;
    return this.columnTypes.has(name) || (Boolean(fields) && fields.every((field) => Object.values(field)[0].SEQ === 'F64'));
  }

  /** The JS expression that reads `format` from the tape that the expression `t` is. */
  reader(format, t = 't') {
    if (this.isText(format)) return `${t}.s()`;
    if (format === 'BOOL') return `${t}.b()`;
    if (NUMBERS.has(format)) return `${t}.n()`;
    if (format.OPTION) return this.isText(format.OPTION) ? `${t}.s()` : `${t}.o((t) => ${this.reader(format.OPTION)})`;
    if (format.SEQ) {
      // A struct's builder is the list's reader itself.
      const struct = format.SEQ.TYPENAME && this.container(format.SEQ.TYPENAME).STRUCT ? format.SEQ.TYPENAME : null;
      return `${t}.list(${struct ?? `(t) => ${this.reader(format.SEQ)}`})`;
    }
    if (format.MAP && this.isText(format.MAP.KEY) && this.isText(format.MAP.VALUE)) return `${t}.entries()`;
    if (format.TYPENAME) {
      const container = this.container(format.TYPENAME);
      if (container.NEWTYPESTRUCT) return this.reader(container.NEWTYPESTRUCT, t);
      if (container.STRUCT) return `${format.TYPENAME}(${t})`;
    }
    throw new Error(`boundary: the tape cannot carry ${JSON.stringify(format)}`);
  }

  /** The TS type of `format` (`columns`: a list of f64 is a Float64Array). */
  tsType(format, columns = false) {
    if (format === 'STR' || format === 'CHAR') return 'string';
    if (format === 'BOOL') return 'boolean';
    if (NUMBERS.has(format)) return 'number';
    if (format.OPTION) return `${this.tsType(format.OPTION)} | null`;
    if (format.SEQ) {
      if (columns && format.SEQ === 'F64') return 'Float64Array';
      const element = this.tsType(format.SEQ);
      return element.includes('|') ? `(${element})[]` : `${element}[]`;
    }
    if (format.MAP) return `Record<${this.tsType(format.MAP.KEY)}, ${this.tsType(format.MAP.VALUE)}>`;
    if (format.TYPENAME) return format.TYPENAME;
    throw new Error(`boundary: no TypeScript type for ${JSON.stringify(format)}`);
  }

  /** The struct types a tape builder is needed for, reached from the functions' results. */
  tapeStructs() {
    const seen = new Set();
    const visit = (format) => {
      if (typeof format !== 'object') return;
      if (format.OPTION) return visit(format.OPTION);
      if (format.SEQ) return visit(format.SEQ);
      if (format.MAP) return visit(format.MAP.VALUE);
      const container = this.container(format.TYPENAME);
      if (container.NEWTYPESTRUCT) return visit(container.NEWTYPESTRUCT);
      if (!container.STRUCT || seen.has(format.TYPENAME)) return;
      seen.add(format.TYPENAME);
      for (const field of container.STRUCT) visit(Object.values(field)[0]);
    };
    for (const [, type] of this.functions) if (!this.isColumns(type)) visit({ TYPENAME: type });
    return [...seen].sort();
  }

  builders() {
    const lines = [
      '// Generated by scripts/boundary.mjs from the Rust result types (examples/boundary.rs). Do not edit:',
      '// change the Rust type, then `npm run build` (or `node scripts/boundary.mjs`).',
      '//',
      '// One builder per result type: it reads the type\'s fields from a tape (wasm/js/tape.js) in',
      '// the order Rust writes them, as one object literal whose keys are the field names serde',
      '// writes. No imports, so that wasm-bindgen can load it as a snippet (tests/wasm.rs).',
      '',
    ];
    for (const name of this.tapeStructs()) {
      const fields = this.container(name).STRUCT.map((field) => {
        const [key, format] = Object.entries(field)[0];
        return `${key}: ${this.reader(format)}`;
      });
      lines.push(`/** A \`${name}\` from the tape \`t\`. */`, `function ${name}(t) {`, `  return { ${fields.join(', ')} };`, '}', '');
    }
    const tapeFunctions = this.functions.filter(([, type]) => !this.isColumns(type));
    lines.push(
      '/** How deep the JS layer copies an input: as deep as the core\'s readers read (input::MAX_DEPTH). */',
      `export const MAX_DEPTH = ${JSON.stringify(this.constants.MAX_DEPTH)};`,
      '',
      '/** The error of an input whose reading threw, as the core makes it (input::unreadable_input). */',
      `export const UNREADABLE_INPUT = ${JSON.stringify(this.constants.UNREADABLE_INPUT)};`,
      '',
    );
    lines.push(
      '/** Each function whose result crosses as a tape, its builder. */',
      `export const BUILDERS = { ${tapeFunctions.map(([name, type]) => `${name}: (t) => ${this.reader({ TYPENAME: type })}`).join(', ')} };`,
      '',
      '/** The object of the tape (a `Tape`, tape.js) that the export `name` returned. */',
      'export function resultOf(name, tape) {',
      '  return BUILDERS[name](tape);',
      '}',
      '',
      '/** The functions whose result crosses as typed-array columns, objects already. */',
      `export const COLUMNS = [${this.functions.filter(([, type]) => this.isColumns(type)).map(([name]) => `'${name}'`).join(', ')}];`,
      '',
      '/** The exports of a module (`raw`) as the package hands them to users: each input read by',
      ' *  `readable` first, each tape made into its object (each function its own closure, so that',
      ' *  every call site stays monomorphic). */',
      'export function wrapExports(raw, Tape, readable) {',
      '  const api = {',
      ...tapeFunctions.map(([name, type]) => `    ${name}: (input) => ${this.reader({ TYPENAME: type }, `new Tape(raw.${name}(readable(input)))`)},`),
      '  };',
      '  // Those whose objects the binding builds, where `raw` has them (the population functions',
      '  // are the population module\'s only).',
      ...this.functions.filter(([, type]) => this.isColumns(type)).map(([name]) => `  if ('${name}' in raw) api.${name} = (input) => raw.${name}(readable(input));`),
      '  return api;',
      '}',
      '',
    );
    return lines.join('\n');
  }

  declarations() {
    const lines = [
      '// Generated by scripts/boundary.mjs from the Rust result types (examples/boundary.rs), with',
      '// the doc comments of docs/API.md\'s "output field" tables. Do not edit.',
      '',
    ];
    const columns = new Set(this.functions.filter(([, type]) => this.isColumns(type)).map(([, type]) => type));
    for (const name of Object.keys(this.types).sort()) {
      const container = this.types[name];
      if (name === 'DecimalString') continue; // declared with the inputs' types (wasm/src/lib.rs)
      if (container.STRUCT) {
        lines.push(`export interface ${name} {`);
        for (const field of container.STRUCT) {
          const [key, format] = Object.entries(field)[0];
          const doc = this.docs.get(`${name}.${key}`);
          if (doc) lines.push(`  /** ${doc} */`);
          // A column result's option is a field present only when asked for, never null.
          if (this.columnTypes.has(name) && format.OPTION) lines.push(`  ${key}?: ${this.tsType(format.OPTION, true)};`);
          else lines.push(`  ${key}: ${this.tsType(format, columns.has(name))};`);
        }
        lines.push('}');
      } else if (container.NEWTYPESTRUCT) {
        lines.push(`export type ${name} = ${this.tsType(container.NEWTYPESTRUCT)};`);
      } else if (container.ENUM) {
        lines.push(`export type ${name} = ${Object.values(container.ENUM).map((variant) => JSON.stringify(Object.keys(variant)[0])).join(' | ')};`);
      } else {
        throw new Error(`boundary: no TypeScript declaration for ${name}: ${JSON.stringify(container)}`);
      }
    }
    lines.push('');
    return lines.join('\n');
  }
}

/**
 * The doc comment of each result field (`Type.field`), from API.md: each function's section
 * (`### \`name(…)\``) and its "output field" table, whose rows name paths from the function's
 * result ("`tiers[n].total`"; "`tiers[n].name`, `.need`" names siblings). A row that names no
 * field of the Rust type fails: the reference must not describe a field that is not there.
 */
function fieldDocs(markdown, boundary) {
  const docs = new Map();
  const resultOf = new Map(boundary.functions);
  let type = null;
  let inOutputTable = false;
  for (const line of markdown.split('\n')) {
    const heading = line.match(/^### `(\w+)\(/);
    if (heading) {
      type = resultOf.get(heading[1]) ?? null;
      inOutputTable = false;
      continue;
    }
    if (/^\| output field \|/.test(line)) {
      inOutputTable = type !== null;
      continue;
    }
    if (!inOutputTable) continue;
    if (!line.startsWith('|')) {
      inOutputTable = false;
      continue;
    }
    const [, names, meaning] = line.split('|').map((cell) => cell.trim());
    if (!names || names.startsWith('---')) continue;
    let parent = [];
    for (const [, path] of names.matchAll(/`([^`]+)`/g)) {
      const segments = (path.startsWith('.') ? [...parent, path.slice(1)] : path.split('.')).map((segment) => segment.replace(/\[\w\]$/, ''));
      parent = segments.slice(0, -1);
      const owner = segments.slice(0, -1).reduce((current, segment) => fieldType(boundary, current, segment, path), type);
      fieldType(boundary, owner, segments.at(-1), path);
      if (!docs.has(`${owner}.${segments.at(-1)}`)) docs.set(`${owner}.${segments.at(-1)}`, meaning.replace(/\*\//g, '*\\/'));
    }
  }
  return docs;
}

/** The struct type of field `key` of struct `type` (through lists and options). */
function fieldType(boundary, type, key, path) {
  const field = boundary.container(type).STRUCT?.find((entry) => key in entry);
  if (!field) throw new Error(`boundary: docs/API.md documents \`${path}\`, but ${type} has no field ${key}`);
  let format = field[key];
  while (format.OPTION || format.SEQ) format = format.OPTION ?? format.SEQ;
  return format.TYPENAME ?? null;
}

/** The generated files' texts for `description` (and API.md's text). */
export function generate(description, apiMarkdown = readFileSync(join(root, 'docs', 'API.md'), 'utf8')) {
  const boundary = new Boundary(description, apiMarkdown);
  return { builders: boundary.builders(), declarations: boundary.declarations() };
}

/** Regenerates the two files; returns their texts. Under CI (`CI` set), where a build must
 *  not change the checkout, a file that the Rust types would change fails the build instead:
 *  the commit forgot to regenerate it. */
export function writeBoundary() {
  const { builders, declarations } = generate(describe());
  for (const [file, text] of [[buildersFile, builders], [declarationsFile, declarations]]) {
    if (readFileSync(file, 'utf8') === text) continue;
    if (process.env.CI) throw new Error(`boundary: ${file} is stale (the Rust result types or docs/API.md changed): run \`node scripts/boundary.mjs\` and commit it`);
    writeFileSync(file, text);
  }
  return { builders, declarations };
}

if (isMain(import.meta.url)) {
  writeBoundary();
  console.log(`boundary: wrote ${buildersFile} and ${declarationsFile}`);
}
