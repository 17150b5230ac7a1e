import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { GATEWAY_RULES } from '../gateway-rules.js';
import type { RuleDescription, StageDefinition } from '../stage.js';
import { findStage, STAGES } from './registry.js';

const STAGES_DIR = new URL('./', import.meta.url);
const ERRORS_DOC = new URL('../../../docs/errors.md', import.meta.url);
/** The gateway's stand-in for the failure rule every stage has (`ip.failure`, ...), made by pipeline.ts. */
const FAILURE_PLACEHOLDER = '<stage>.failure';

const folders = readdirSync(STAGES_DIR, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
const allRules: readonly RuleDescription[] = [...GATEWAY_RULES, ...STAGES.flatMap((stage) => stage.rules)];

function isStageDefinition(value: unknown): value is StageDefinition<never> {
  return typeof value === 'object' && value !== null && typeof (value as { name?: unknown }).name === 'string'
    && typeof (value as { create?: unknown }).create === 'function' && Array.isArray((value as { rules?: unknown }).rules);
}

/** Cells of the table rows under `## Rule ids` whose first cell is a code span, with the span unwrapped. */
function documentedRuleRows(): Map<string, string[]> {
  const lines = readFileSync(ERRORS_DOC, 'utf8').split('\n');
  const start = lines.findIndex((line) => line.trim() === '## Rule ids');
  assert.notEqual(start, -1, 'docs/errors.md has no "## Rule ids" section');
  const end = lines.findIndex((line, index) => index > start && line.startsWith('## '));
  const rows = new Map<string, string[]>();
  for (const line of lines.slice(start + 1, end === -1 ? undefined : end)) {
    if (!line.startsWith('|')) continue;
    const cells = line.replace(/^\|/, '').replace(/\|\s*$/, '').split(/(?<!\\)\|/).map((cell) => cell.trim());
    const first = /^`([^`]+)`$/.exec(cells[0] ?? '');
    if (!first?.[1]) continue;
    assert.ok(!rows.has(first[1]), `docs/errors.md lists ${first[1]} twice`);
    rows.set(first[1], cells.slice(1));
  }
  return rows;
}

test('every stage is registered once, under a unique name', () => {
  assert.equal(new Set(STAGES).size, STAGES.length, 'a stage definition is registered twice');
  const names = STAGES.map((stage) => stage.name);
  assert.equal(new Set(names).size, names.length, `duplicate stage names: ${names.join(', ')}`);
  for (const stage of STAGES) assert.equal(findStage(stage.name), stage);
  assert.equal(findStage('no-such-stage'), undefined);
});

test('stage names are their folder names, and every folder under stages/ is registered', () => {
  assert.deepEqual([...STAGES.map((stage) => stage.name)].sort(), folders);
});

test("each folder's index.ts exports the definition that is registered", async () => {
  for (const folder of folders) {
    const exported = Object.values(await import(`./${folder}/index.js`) as Record<string, unknown>).filter(isStageDefinition);
    assert.equal(exported.length, 1, `stages/${folder}/index.ts must export exactly one stage definition`);
    assert.equal(exported[0], findStage(folder), `stages/${folder}: the exported definition is not the one in STAGES`);
  }
});

test('stage names are usable as config keys and rule-id prefixes', () => {
  for (const stage of STAGES) assert.match(stage.name, /^[a-z][a-z0-9-]*$/);
});

test('rule ids are unique across the gateway core and all stages', () => {
  const ids = allRules.map((rule) => rule.id);
  const duplicates = ids.filter((id, index) => ids.indexOf(id) !== index);
  assert.deepEqual(duplicates, []);
});

test("each stage's rule ids start with <stage>., and none takes the pipeline's <stage>.failure", () => {
  for (const stage of STAGES) {
    for (const rule of stage.rules) {
      assert.ok(rule.id.startsWith(`${stage.name}.`), `${stage.name}: rule ${rule.id} must start with "${stage.name}."`);
      assert.notEqual(rule.id, `${stage.name}.failure`, `${stage.name}.failure is reserved for the failure policy`);
    }
  }
});

test('gateway rule ids start with gateway. or limits. (the parser limits), besides <stage>.failure', () => {
  for (const rule of GATEWAY_RULES) {
    if (rule.id === FAILURE_PLACEHOLDER) continue;
    assert.match(rule.id, /^(?:gateway|limits)\.[a-z0-9]+(?:-[a-z0-9]+)*$/, `gateway rule ${rule.id}`);
  }
  assert.ok(GATEWAY_RULES.some((rule) => rule.id === FAILURE_PLACEHOLDER), `GATEWAY_RULES must describe ${FAILURE_PLACEHOLDER}`);
});

test('every rule has a status, a title and a description', () => {
  for (const rule of allRules) {
    assert.ok(rule.status === 0 || (rule.status >= 400 && rule.status <= 599), `${rule.id}: status ${rule.status}`);
    assert.ok(rule.title.length > 0 && rule.description.length > 0 && rule.category.length > 0, `${rule.id}: empty text`);
  }
});

test('every rule id is in docs/errors.md with its status, severity and category', () => {
  const rows = documentedRuleRows();
  for (const rule of allRules) {
    const cells = rows.get(rule.id);
    assert.ok(cells, `add ${rule.id} to the "Rule ids" section of docs/errors.md`);
    const [status, severity, category] = cells;
    assert.equal(status, rule.status === 0 ? '—' : String(rule.status), `${rule.id}: status in docs/errors.md`);
    assert.equal(severity, rule.severity, `${rule.id}: severity in docs/errors.md`);
    assert.equal(category, rule.category, `${rule.id}: category in docs/errors.md`);
  }
});

test('docs/errors.md lists no unknown rule id', () => {
  const known = new Set(allRules.map((rule) => rule.id));
  const unknown = [...documentedRuleRows().keys()].filter((id) => !known.has(id));
  assert.deepEqual(unknown, [], `docs/errors.md lists rule ids no code has: ${unknown.join(', ')}`);
});
