// Helpers shared by the project's scripts: running commands, and where things are.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const root = dirname(dirname(fileURLToPath(import.meta.url)));

// cargo installs into ~/.cargo/bin, which a fresh login shell may not have on PATH yet.
const cargoBin = join(process.env.CARGO_HOME ?? join(homedir(), '.cargo'), 'bin');
if (!process.env.PATH.split(delimiter).includes(cargoBin)) {
  process.env.PATH = `${cargoBin}${delimiter}${process.env.PATH}`;
}

/** Runs a command with inherited output; throws (ending the script) if it fails. */
export function run(command, args, options = {}) {
  console.log(`\n> ${[command, ...args].join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: root, ...options });
  if (result.status !== 0) {
    const why = result.error ? result.error.message : `exit code ${result.status ?? result.signal}`;
    throw new Error(`${command} ${args.join(' ')} failed (${why})`);
  }
}

/** A command's standard output, or null if it cannot be run or fails. */
export function output(command, args) {
  try {
    return execFileSync(command, args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return null;
  }
}

/** The version Cargo.lock pins for a crate. */
export function lockedVersion(crate, lockText) {
  const match = lockText.match(new RegExp(`name = "${crate}"\\nversion = "([^"]+)"`));
  if (!match) throw new Error(`Cargo.lock does not list ${crate}`);
  return match[1];
}

/**
 * Whether the module at `moduleUrl` is the script node was started with. The URL is compared
 * with the argument's own file URL, which escapes what a path can hold (a space is `%20`).
 */
export function isMain(moduleUrl) {
  return process.argv[1] !== undefined && moduleUrl === pathToFileURL(process.argv[1]).href;
}

/** Replaces README.md's block between `<!-- ${name}:start -->` and `<!-- ${name}:end -->`
 *  with `lines`: where generated figures live, so that they cannot go stale by hand. */
export function writeReadmeBlock(name, lines) {
  const readmePath = join(root, 'README.md');
  const readme = readFileSync(readmePath, 'utf8');
  const block = new RegExp(`(<!-- ${name}:start -->\n)[\\s\\S]*?(<!-- ${name}:end -->)`);
  if (!block.test(readme)) {
    console.error(`README.md has no <!-- ${name}:start --> … <!-- ${name}:end --> block: not updated`);
    return;
  }
  writeFileSync(readmePath, readme.replace(block, (_, start, end) => `${start}${lines.join('\n')}\n${end}`));
  console.error(`README.md: ${name} block updated`);
}
