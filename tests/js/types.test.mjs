// The TypeScript declarations (written next to the exports in wasm/src/lib.rs) against what the
// functions really do: each output interface lists exactly the keys returned, and each input
// interface exactly the fields accepted (as the unknown_field error itself lists them).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { example, pkgDir, population, root, soei, thrown } from './helpers.mjs';

// soei-rewards/population's declarations are the main entry's plus its own functions.
const mainDeclarations = readFileSync(join(pkgDir, 'node', 'index.d.cts'), 'utf8');
const declarations = readFileSync(join(pkgDir, 'population', 'node', 'index.d.cts'), 'utf8');

/** The keys an interface declares, following `extends X` and `extends Omit<X, "k">`. */
function declaredKeys(name) {
  const head = declarations.match(new RegExp(`export interface ${name}(?: extends ([^{]+))? \\{`));
  assert.ok(head, `index.d.ts declares interface ${name}`);
  // Only the members at the interface's own level: nested object types are skipped.
  let depth = 1;
  let members = '';
  for (const char of declarations.slice(head.index + head[0].length)) {
    depth += char === '{' ? 1 : char === '}' ? -1 : 0;
    if (depth === 0) break;
    if (depth === 1 && char !== '}') members += char;
  }
  const keys = new Set([...members.replace(/\/\*[\s\S]*?\*\//g, '').matchAll(/(\w+)\??:/g)].map((m) => m[1]));
  const parent = head[1]?.trim().match(/^(?:Omit<(\w+), ((?:"\w+"\s*\|?\s*)+)>|(\w+))$/);
  if (parent) {
    const omitted = new Set([...(parent[2] ?? '').matchAll(/"(\w+)"/g)].map((m) => m[1]));
    for (const key of declaredKeys(parent[1] ?? parent[3])) if (!omitted.has(key)) keys.add(key);
  }
  return [...keys].sort();
}

const sorted = (object) => Object.keys(object).sort();

test('output interfaces list exactly the keys the functions return', () => {
  const reward = soei.personalReward(example);
  const projection = soei.projectReward({ ...example, at: '2026-11-21T00:00:00Z' });
  const ladders = soei.ladders();
  const outputs = {
    Reward: reward,
    TierReward: reward.tiers[0],
    RankProgress: soei.rankProgress({ points: 850 }),
    RankingPeriod: soei.rankingPeriod(),
    Projection: projection,
    RewardCurve: soei.rewardCurve({ ...example, from: 0, to: 1, steps: 2 }),
    Ladders: ladders,
    Ladder: ladders.personal,
    Tier: ladders.personal.tiers[0],
    StprColumns: population.stprColumns({ referrers: [-1], stp: [1], exact: true }),
    PopulationPayout: population.populationPayout({ pool: 1, points: [1], exact: true }),
    PointsForReward: soei.pointsForReward({ points: 850, pool: 1000, tierTotals: example.tierTotals, target: 150 }),
    PacePlan: soei.pacePlan({ points: 850, at: '2026-11-21T12:00:00Z' }),
    PaceGoal: soei.pacePlan({ points: 850, at: '2026-11-21T12:00:00Z' }).goals[0],
  };
  for (const [name, output] of Object.entries(outputs)) assert.deepEqual(sorted(output), declaredKeys(name), name);
});

/** The fields an input accepts, as the unknown_field error for a bogus field lists them. */
function acceptedFields(call) {
  const error = thrown(call);
  assert.equal(error.code, 'unknown_field', error.message);
  return error.message.match(/expected one of: (.*)\)$/)[1].split(', ').sort();
}

test('input interfaces list exactly the fields the functions accept', () => {
  const bogus = { zzz: 1 };
  const inputs = {
    PersonalRewardInput: () => soei.personalReward({ ...example, ...bogus }),
    AmbassadorRewardInput: () => soei.ambassadorReward({ ...bogus }),
    RankProgressInput: () => soei.rankProgress({ ...bogus }),
    RankingPeriodInput: () => soei.rankingPeriod({ ...bogus }),
    ProjectRewardInput: () => soei.projectReward({ ...bogus }),
    RewardCurveInput: () => soei.rewardCurve({ ...bogus }),
    StprInput: () => soei.stprFromReferrals({ ...bogus }),
    ReferralUser: () => soei.stprFromReferrals({ users: [{ ...bogus }] }),
    LadderInput: () => soei.rankProgress({ points: 1, ladder: { ...bogus } }),
    TierInput: () => soei.rankProgress({ points: 1, ladder: { tiers: [{ ...bogus }] } }),
    StprColumnsInput: () => population.stprColumns({ ...bogus }),
    PopulationPayoutInput: () => population.populationPayout({ ...bogus }),
    PointsForRewardInput: () => soei.pointsForReward({ ...bogus }),
    PacePlanInput: () => soei.pacePlan({ ...bogus }),
  };
  for (const [name, call] of Object.entries(inputs)) assert.deepEqual(acceptedFields(call), declaredKeys(name), name);
});

test('each entry point declares exactly the functions it exports', async () => {
  const declaredFunctions = (text) => [...text.matchAll(/^export function (\w+)\(/gm)].map((m) => m[1]).sort();
  const exported = (module) => Object.keys(module).filter((name) => typeof module[name] === 'function' && name !== 'default').sort();
  assert.deepEqual(declaredFunctions(mainDeclarations), exported(soei));
  assert.deepEqual(declaredFunctions(declarations), exported(population));
  // React Native's entry (the JS engine) declares and exports the Node entry's functions.
  const reactNative = await import(pathToFileURL(join(pkgDir, 'react-native', 'index.js')).href);
  assert.deepEqual(declaredFunctions(readFileSync(join(pkgDir, 'react-native', 'index.d.ts'), 'utf8')), exported(reactNative));
  assert.deepEqual(exported(reactNative), exported(soei));
  assert.ok(!('populationPayout' in soei) && !mainDeclarations.includes('PopulationPayoutInput'), 'the main entry has no population functions');
  const declaredTypes = (text) => [...text.matchAll(/^export (?:interface|type) (\w+)/gm)].map((m) => m[1]);
  const populationTypes = new Set(declaredTypes(declarations));
  assert.deepEqual(declaredTypes(mainDeclarations).filter((name) => !populationTypes.has(name)), [], 'population declarations extend the main ones');
});

test('the declared error codes are exactly those the Rust core defines', () => {
  const declared = [...declarations.match(/export type ErrorCode =([^;]*);/)[1].matchAll(/"(\w+)"/g)].map((m) => m[1]).sort();
  const source = readFileSync(join(pkgDir, '..', 'src', 'error.rs'), 'utf8');
  const defined = [...source.matchAll(/ErrorCode::\w+ => "(\w+)"/g)].map((m) => m[1]).sort();
  assert.deepEqual(declared, defined);
  assert.equal(defined.length, 11);
});

test('the input interfaces and docs/API.md name the same fields', () => {
  // API.md is the one reference; the inputs' declarations are written beside the exports
  // (wasm/src/lib.rs), so each function's declared fields are checked against its section:
  // the fields its heading names (`rankProgress({ points, ladder? })`), and those of its
  // "input field" table, which is complete where the heading says `(input)`, except for the
  // functions that the section defines as another's input plus or minus some fields.
  const api = readFileSync(join(root, 'docs', 'API.md'), 'utf8');
  const inputType = (name) => declarations.match(new RegExp(`export function ${name}\\(input\\??: (\\w+)`))?.[1];
  const partial = new Set(['projectReward', 'rewardCurve', 'ambassadorReward']);
  let checked = 0;
  for (const section of api.split(/^### /m).slice(1)) {
    const heading = section.match(/^`(\w+)\(([^)]*)\)`/);
    const type = heading && inputType(heading[1]);
    if (!type) continue;
    const declared = declaredKeys(type);
    const table = section.match(/^\| input field \|[^\n]*\n\| ---[^\n]*\n((?:\|[^\n]*\n)*)/m);
    const documented = table ? [...table[1].matchAll(/^\| ([^|]+)\|/gm)].flatMap(([, cell]) => [...cell.matchAll(/`(\w+)`/g)].map((m) => m[1])) : [];
    for (const key of documented) assert.ok(declared.includes(key), `API.md documents ${heading[1]}'s \`${key}\`, which ${type} does not declare`);
    if (heading[2].startsWith('{')) {
      assert.deepEqual([...heading[2].matchAll(/(\w+)\??/g)].map((m) => m[1]).sort(), declared, `${heading[1]}'s heading in API.md names its fields`);
    } else if (table && !partial.has(heading[1])) {
      assert.deepEqual([...documented].sort(), declared, `${heading[1]}'s input table in API.md lists its fields`);
    }
    checked += 1;
  }
  assert.ok(checked >= 10, `${checked} functions checked`);
});
