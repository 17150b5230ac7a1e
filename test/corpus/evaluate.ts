// Runs the engine over corpus cases and compares each verdict with its expectation; reads the known
// misses (overrides.json), shared by the corpus test and bench/detect.ts.
import { readFileSync } from 'node:fs';
import type { DetectionEngine, Finding } from '../../src/detect/index.js';
import { toInspectRequest, type CorpusCase } from './case.js';

export interface CaseOutcome {
  readonly corpusCase: CorpusCase;
  readonly blocked: boolean;
  readonly score: number;
  readonly findings: readonly Finding[];
  readonly timedOut: boolean;
  /** The verdict matches the expectation (attack blocked, benign passed). */
  readonly isCorrect: boolean;
}

export function evaluateCase(engine: DetectionEngine, corpusCase: CorpusCase): CaseOutcome {
  const inspection = engine.inspect(toInspectRequest(corpusCase));
  const isCorrect = corpusCase.expect === 'attack' ? inspection.blocked : !inspection.blocked;
  return { corpusCase, blocked: inspection.blocked, score: inspection.score, findings: inspection.findings, timedOut: inspection.timedOut, isCorrect };
}

/** `{ "<case id>": "reason" }`: the misses at the default paranoia that are known and explained. */
export function loadOverrides(): ReadonlyMap<string, string> {
  const raw = JSON.parse(readFileSync(new URL('./overrides.json', import.meta.url), 'utf8')) as unknown;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new Error('test/corpus/overrides.json must be an object of case id to reason');
  const overrides = new Map<string, string>();
  for (const [id, reason] of Object.entries(raw)) {
    if (typeof reason !== 'string' || reason.trim() === '') throw new Error(`test/corpus/overrides.json: ${id} needs a reason`);
    overrides.set(id, reason);
  }
  return overrides;
}

/** One line per miss: id, expectation, score and the rules that fired (or none). */
export function describeOutcome(outcome: CaseOutcome): string {
  const rules = outcome.findings.map((finding) => `${finding.ruleId}${finding.blocking ? '' : '(log)'}@${finding.location}`).join(', ');
  const verdict = outcome.blocked ? 'blocked' : 'passed';
  return `${outcome.corpusCase.id}: expected ${outcome.corpusCase.expect}, ${verdict} (score ${outcome.score}${outcome.timedOut ? ', timed out' : ''}) ${rules === '' ? 'no findings' : rules}`;
}
