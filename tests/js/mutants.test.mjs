// `npm run mutants`'s report (scripts/mutants.mjs): how it counts, and that the README's block,
// which it writes, leaves no missed mutant unexplained. (cargo-mutants itself runs outside
// `npm test`: a whole run takes over an hour.)
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { caughtRate, countsByFile, reportLines, TARGETS, withoutPosition } from '../../scripts/mutants.mjs';
import { root } from './helpers.mjs';

test('the report counts per file, rates viable mutants, and gives each missed one its reason', () => {
  const outcomes = [
    { name: 'src/number.rs:10:5: replace a', file: 'src/number.rs', summary: 'CaughtMutant', build: 2, test: 1 },
    { name: 'src/number.rs:11:5: replace b', file: 'src/number.rs', summary: 'MissedMutant', build: 3, test: 4 },
    { name: 'src/number.rs:12:5: replace c', file: 'src/number.rs', summary: 'Unviable', build: 1, test: 0 },
    { name: 'src/input.rs:1:1: replace d', file: 'src/input.rs', summary: 'Timeout', build: 2, test: 20 },
  ];
  assert.deepEqual(Object.fromEntries(countsByFile(outcomes)), {
    'src/input.rs': { caught: 0, missed: 0, unviable: 0, timeout: 1 },
    'src/number.rs': { caught: 1, missed: 1, unviable: 1, timeout: 0 },
  });
  // Unviable mutants are not counted; a timeout is caught (the tests did not pass).
  assert.equal(caughtRate({ caught: 1, missed: 1, unviable: 5, timeout: 0 }), 0.5);
  assert.equal(caughtRate({ caught: 0, missed: 0, unviable: 0, timeout: 1 }), 1);
  assert.equal(withoutPosition('src/number/exact.rs:315:5: replace x -> Option<u8> with None'), 'src/number/exact.rs: replace x -> Option<u8> with None');
  const lines = reportLines(outcomes, { 'src/number.rs: replace b': 'Equivalent: because.' }, [12.4, 19.6]);
  assert.match(lines[0], /4 mutants .* each shard 12 to 20 minutes/);
  assert.ok(lines.includes('| `src/number.rs` | 1 | 1 | 0 | 1 | 50.0% |'), lines.join('\n'));
  assert.ok(lines.includes('- numbers and rules: 50.0% of 2 viable mutants caught (target 90.0%): missed.'), lines.join('\n'));
  assert.ok(lines.includes('- `src/number.rs:11:5: replace b`: Equivalent: because.'));
  assert.ok(reportLines(outcomes, {}).includes('- `src/number.rs:11:5: replace b`: NOT EXPLAINED'));
  assert.deepEqual(TARGETS.map(({ goal }) => goal), [0.9, 0.8]);
});

test("the README's mutation block meets the targets and explains every missed mutant", () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const block = readme.match(/<!-- mutants:start -->\n([\s\S]*?)<!-- mutants:end -->/)[1];
  assert.match(block, /^cargo-mutants 27\.1\.0, \d+ mutants of the core crate/);
  assert.doesNotMatch(block, /NOT EXPLAINED/);
  const targets = block.split('\n').filter((line) => / viable mutants caught \(target /.test(line));
  assert.equal(targets.length, TARGETS.length);
  for (const line of targets) assert.match(line, /: met\.$/, line);
});
