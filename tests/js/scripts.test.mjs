// The project's scripts run from any folder, including one whose path has a space: each one
// decides whether it was started itself (rather than imported) by comparing its module URL
// with the started file's URL, and a space is `%20` in one and " " in a hand-built string.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { pkgDir, root } from './helpers.mjs';

const folder = mkdtempSync(join(tmpdir(), 'soei scripts '));
after(() => rmSync(folder, { recursive: true, force: true }));

test('a script started from a path with a space does its work', () => {
  const copy = join(folder, 'a project');
  cpSync(join(root, 'scripts'), join(copy, 'scripts'), { recursive: true });
  cpSync(join(root, 'package.json'), join(copy, 'package.json'));
  writeFileSync(join(copy, 'README.md'), '<!-- size:start -->\nnot measured yet\n<!-- size:end -->\n');
  symlinkSync(pkgDir, join(copy, 'pkg'));
  const printed = execFileSync(process.execPath, [join(copy, 'scripts', 'size.mjs')], { encoding: 'utf8' });
  // size.mjs prints one row per file of each entry point, the main module's among them, and
  // rewrites the README's size block from what it measured.
  assert.match(printed, /web\/soei_rewards_bg\.wasm\s+[\d.]+ KB/);
  assert.match(readFileSync(join(copy, 'README.md'), 'utf8'), /<!-- size:start -->\n\*\*\d+\.\d KB gzipped\*\* \(budget [\d.]+ KB[^)]*\); the JS engine, [^\n]*\*\*\d+\.\d KB gzipped\*\* \(budget [\d.]+ KB\)\n<!-- size:end -->/);
});
