// The audit is a superset of the Spectral OWASP ruleset (@stoplight/spectral-owasp-ruleset, run here
// with Spectral itself, a dev dependency used only by this test): every rule of the ruleset has an
// equivalent check (`covers`), and on the same documents, wherever Spectral reports a rule, a check
// covering it reports at the same node or at an ancestor or descendant of it. Spectral reports paths
// in the document with references resolved; they are mapped to the node's definition (file and
// pointer) by following the `$ref`s on the way, as the audit locates its findings.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { before, describe, test } from 'node:test';
import spectralCore from '@stoplight/spectral-core';
import spectralParsers from '@stoplight/spectral-parsers';
import owaspRuleset from '@stoplight/spectral-owasp-ruleset';
import { auditDocument, type AuditReport } from '../../src/audit/audit.js';
import { AUDIT_CHECKS } from '../../src/audit/checks/registry.js';
import { AuditDocument, type Located } from '../../src/audit/document.js';
import { pointerOf } from '../../src/audit/pointer.js';

const require = createRequire(import.meta.url);
const examples = (path: string): string => require.resolve(`@readme/oas-examples/${path}`);
const fixture = (name: string): string => resolve('test/fixtures/audit', name);

/** Real public documents (small and large) and the deliberately weak ones that make every rule fire. */
const DOCUMENTS = [
  fixture('insecure-3.0.yaml'),
  fixture('insecure-3.1.yaml'),
  fixture('insecure-2.0.yaml'),
  examples('2.0/json/petstore.json'),
  examples('3.0/json/petstore.json'),
  examples('3.0/json/petstore-expanded.json'),
  examples('3.0/json/uspto.json'),
  examples('3.0/json/security.json'),
  examples('3.0/json/star-trek.json'),
  examples('3.1/json/train-travel.json'),
  examples('3.1/json/webhooks.json'),
];

interface SpectralResult {
  readonly code: string | number;
  readonly path: readonly (string | number)[];
  readonly source?: string;
  readonly message: string;
}

interface SpectralApi {
  Spectral: new () => { setRuleset(ruleset: unknown): void; run(document: unknown): Promise<SpectralResult[]> };
  Document: new (text: string, parser: unknown, source: string) => unknown;
}

const { Spectral, Document } = spectralCore as unknown as SpectralApi;
const ruleset = (owaspRuleset as { default?: unknown }).default ?? owaspRuleset;
const ruleIds = Object.keys((ruleset as { rules: Record<string, unknown> }).rules);

interface Run {
  readonly file: string;
  readonly spectral: readonly SpectralResult[];
  readonly report: AuditReport;
  readonly document: AuditDocument;
}

const runs: Run[] = [];

before(async () => {
  const spectral = new Spectral();
  spectral.setRuleset(ruleset);
  for (const file of DOCUMENTS) {
    const text = readFileSync(file, 'utf8');
    const spectralResults = await spectral.run(new Document(text, (spectralParsers as { Yaml: unknown }).Yaml, file));
    const document = await AuditDocument.load(file);
    runs.push({ file, spectral: spectralResults.filter((result) => String(result.code).startsWith('owasp:')), report: auditDocument(document), document });
  }
});

/**
 * The definition (file and pointer) of the node at Spectral's `path` in its `source` file (Spectral
 * reports nodes of other files in their own file's terms), following references on the way.
 */
function definitionOf(document: AuditDocument, path: readonly (string | number)[], source: string | undefined): { file: string; pointer: string } {
  const file = document.files.get(resolve(source ?? document.root.path)) ?? document.root;
  let current: Located = { value: file.value, at: { file: file.path, pointer: '' } };
  for (const segment of path) {
    const target = document.deref(current) ?? current;
    const child = document.child(target, segment);
    if (child === undefined) return target.at;
    current = child;
  }
  return (document.deref(current) ?? current).at;
}

function segments(pointer: string): number {
  return pointer === '' ? 0 : pointer.split('/').length - 1;
}

/** The finding's node is Spectral's, inside it, or an enclosing node of at least two levels (an operation, a scheme). */
function related(spectralPointer: string, findingPointer: string): boolean {
  if (findingPointer === spectralPointer || findingPointer.startsWith(`${spectralPointer}/`)) return true;
  return spectralPointer.startsWith(`${findingPointer}/`) && segments(findingPointer) >= 2;
}

describe('audit ⊇ Spectral OWASP ruleset', () => {
  test('every rule of the ruleset is covered by a check', () => {
    const covered = new Set(AUDIT_CHECKS.flatMap((check) => check.covers ?? []));
    assert.deepEqual(ruleIds.filter((id) => !covered.has(id)), []);
    assert.ok(ruleIds.length >= 30, `the ruleset has ${ruleIds.length} rules`);
  });

  test('the documents make every rule report at least once, so each is compared', () => {
    const fired = new Set(runs.flatMap((run) => run.spectral.map((result) => String(result.code))));
    assert.deepEqual(ruleIds.filter((id) => !fired.has(id)), []);
  });

  test('wherever Spectral reports, a covering check reports at the same node (or one enclosing or inside it)', () => {
    const misses: string[] = [];
    let compared = 0;
    for (const run of runs) {
      for (const result of run.spectral) {
        compared++;
        const code = String(result.code);
        const covering = new Set(AUDIT_CHECKS.filter((check) => check.covers?.includes(code)).map((check) => check.id));
        const at = definitionOf(run.document, result.path, result.source);
        const found = [...run.report.findings, ...run.report.ignored].some((finding) =>
          covering.has(finding.checkId) && finding.file === at.file && related(at.pointer, finding.pointer));
        if (!found) misses.push(`${run.file.split('/').slice(-2).join('/')}: ${code} at ${pointerOf('', ...result.path)} (definition ${at.file.split('/').pop()}#${at.pointer})`);
      }
    }
    assert.ok(compared > 500, `only ${compared} Spectral results were compared`);
    assert.deepEqual(misses.slice(0, 30), [], `${misses.length} Spectral results without a Bulwark finding`);
  });
});
