// Printing: aligned tables of the quality scores, the speed runs and the memory checkpoints.
import type { MemoryResult, SpeedResult } from './load.js';
import type { DocumentScore, Ratio } from './metrics.js';
import type { QualityResult } from './quality.js';
import { endpointSummary, fieldSummary, rate, sensitiveSummary, type SensitiveSummary } from './summary.js';

const EXAMPLES = 6;

export const percent = (value: number): string => `${(value * 100).toFixed(1)}%`;
const ratio = (part: Ratio): string => (part.total === 0 ? '-' : `${percent(rate(part))} (${part.hits}/${part.total})`);
const thousands = (value: number): string => Math.round(value).toLocaleString('en-US');

/** Rows of cells; the first column left-aligned, the others right-aligned. */
export function printTable(rows: readonly (readonly string[])[]): void {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  for (const row of rows) console.log(`  ${row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ')}`);
}

function shortName(name: string): string {
  return name.length > 34 ? `${name.slice(0, 33)}…` : name;
}

export function printQuality(quality: QualityResult): void {
  const rows: string[][] = [['document', 'ops', 'learned', 'TP', 'FP', 'FN', 'precision', 'recall', 'F1', 'query params', 'request fields', 'response fields']];
  const line = (name: string, scores: readonly DocumentScore[]): string[] => {
    const endpoints = endpointSummary(scores);
    const fields = fieldSummary(scores);
    return [
      name, String(scores.reduce((total, score) => total + score.documented, 0)), String(scores.reduce((total, score) => total + score.learned, 0)),
      String(endpoints.truePositives), String(endpoints.falsePositives), String(endpoints.falseNegatives),
      percent(endpoints.precision), percent(endpoints.recall), endpoints.f1.toFixed(3), ratio(fields.query), ratio(fields.requestFields), ratio(fields.responseFields),
    ];
  };
  for (const score of quality.documents) rows.push(line(shortName(score.name), [score]));
  rows.push(line('all documents', quality.documents));
  printTable(rows);
  console.log('');
  for (const score of quality.documents) printExamples(score);
  printSensitive(quality.documents);
}

function printExamples(score: DocumentScore): void {
  const lists: [string, readonly string[]][] = [
    ['false positives', score.endpoints.falsePositives], ['false negatives', score.endpoints.falseNegatives],
    ['fields not learned', [...score.query.misses, ...score.requestFields.misses, ...score.responseFields.misses]],
  ];
  if (lists.every(([, list]) => list.length === 0)) return;
  console.log(`  ${score.name}`);
  for (const [label, list] of lists) {
    if (list.length === 0) continue;
    console.log(`    ${label} (${list.length}${list.length > EXAMPLES ? `, first ${EXAMPLES}` : ''}):`);
    for (const entry of list.slice(0, EXAMPLES)) console.log(`      ${entry}`);
  }
  const split = Object.entries(score.endpoints.falsePositivesByOperation).sort(([, a], [, b]) => b - a);
  if (split.length > 1 || (split[0]?.[1] ?? 0) > 1) {
    const shown = split.slice(0, EXAMPLES).map(([name, count]) => `${name === '' ? '(no documented operation)' : name}: ${count}`);
    console.log(`    false positives by the documented operation whose traffic they most likely hold (${split.length} operations${split.length > EXAMPLES ? `, top ${EXAMPLES}` : ''}):`);
    for (const entry of shown) console.log(`      ${entry}`);
  }
}

function printSensitive(scores: readonly DocumentScore[]): void {
  const planted = sensitiveSummary(scores.map((score) => score.plantedSensitive));
  const documented = sensitiveSummary(scores.map((score) => score.documentedSensitive));
  const all = sensitiveSummary(scores.flatMap((score) => [score.plantedSensitive, score.documentedSensitive]));
  console.log('\n  Sensitive data (locations: body pointers and query parameters of matched operations)');
  const row = (label: string, summary: SensitiveSummary): string[] => [
    label, String(summary.truePositives + summary.falseNegatives), String(summary.negatives), String(summary.truePositives), String(summary.falsePositives),
    String(summary.falseNegatives), percent(summary.precision), percent(summary.recall), percent(summary.typeAgreement),
  ];
  printTable([
    ['scope', 'sensitive', 'clean', 'TP', 'FP', 'FN', 'precision', 'recall', 'right type'],
    row('planted values and decoys', planted), row('fields of the documents', documented), row('all', all),
  ]);
  console.log(`  recall by type (all): ${Object.entries(all.byType).sort(([a], [b]) => a.localeCompare(b)).map(([type, tally]) => `${type} ${tally.hits}/${tally.total}`).join(', ')}`);
  const examples = (label: string, pick: (score: DocumentScore) => readonly string[]): void => {
    const list = scores.flatMap(pick);
    if (list.length === 0) return;
    console.log(`  ${label} (${list.length}${list.length > EXAMPLES ? `, first ${EXAMPLES}` : ''}):`);
    for (const entry of list.slice(0, EXAMPLES)) console.log(`    ${entry}`);
  };
  examples('false positives', (score) => [...score.plantedSensitive.falsePositives, ...score.documentedSensitive.falsePositives]);
  examples('false negatives', (score) => [...score.plantedSensitive.falseNegatives, ...score.documentedSensitive.falseNegatives]);
  examples('reported outside the scored locations (headers, path parameters)', (score) => score.unscored);
}

export function printSpeed(speed: SpeedResult): void {
  console.log(`  pool: ${thousands(speed.pool)} distinct samples, ${speed.valuesPerSample.toFixed(0)} JSON values and ${thousands(speed.bytesPerSample)} body bytes per sample on average`);
  speed.runs.forEach((run, index) => console.log(`  run ${index + 1}: ${thousands(run.samples)} samples in ${run.seconds.toFixed(1)} s = ${thousands(run.perSecond)} samples/s`));
  console.log(`  median: ${thousands(speed.medianPerSecond)} samples/s`);
  const rows = [['by document (one run each)', 'values/sample', 'samples', 'samples/s']];
  for (const run of speed.byDocument) rows.push([shortName(run.name), run.valuesPerSample.toFixed(0), thousands(run.samples), thousands(run.perSecond)]);
  printTable(rows);
}

export function printMemory(memory: MemoryResult): void {
  console.log(`  pool: ${thousands(memory.pool)} distinct samples (${memory.poolHeapMb.toFixed(0)} MB of heap before discovery), cycled`);
  const rows = [['samples', 'seconds', 'operations', 'discovery heap', 'process RSS']];
  for (const point of memory.checkpoints) rows.push([thousands(point.samples), point.seconds.toFixed(1), thousands(point.operations), `${point.heapMb.toFixed(0)} MB`, `${point.rssMb.toFixed(0)} MB`]);
  printTable(rows);
}
