// `npm run bench:detect`: detection quality and cost of the engine (src/detect) on the corpus.
//   1. Quality at one paranoia level (default 1; `--paranoia N` or BENCH_PARANOIA=N): true-positive
//      rate on the attack cases, true-negative rate on the benign cases and their balanced accuracy,
//      overall and per class / placement / encoding / benign group, and the misses that
//      test/corpus/overrides.json does not explain (first 40 printed, all in the JSON result).
//   2. Cost: median and p99 per inspection of a typical ~1 KB JSON request (8 headers, 2 query
//      parameters, ~25 JSON fields), median over the benign corpus, and a 1 MB JSON and a 1 MB text body.
// Writes bench/results/detect-<timestamp>.json. Environment: BENCH_ITERATIONS (typical request
// inspections timed, default 20,000).
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { createDetectionEngine, type DetectionEngine, type InspectRequest, type Paranoia } from '../src/detect/index.js';
import { describeOutcome, evaluateCase, loadOverrides, type CaseOutcome } from '../test/corpus/evaluate.js';
import { loadCorpus, toInspectRequest, type CorpusCase } from '../test/corpus/generate.js';

const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 20_000);
const WARMUP = Math.min(2_000, ITERATIONS);
const MISSES_SHOWN = 40;

function paranoiaLevel(): Paranoia {
  const flag = process.argv.indexOf('--paranoia');
  const raw = flag >= 0 ? process.argv[flag + 1] : process.env.BENCH_PARANOIA;
  const level = Number(raw ?? 1);
  if (![1, 2, 3, 4].includes(level)) throw new Error(`paranoia must be 1-4, got ${raw ?? ''}`);
  return level as Paranoia;
}

interface Rates { attacks: number; detected: number; benign: number; passed: number; tpr: number | null; tnr: number | null; balanced: number | null }

function rates(outcomes: readonly CaseOutcome[]): Rates {
  const attacks = outcomes.filter((outcome) => outcome.corpusCase.expect === 'attack');
  const benign = outcomes.filter((outcome) => outcome.corpusCase.expect === 'benign');
  const detected = attacks.filter((outcome) => outcome.blocked).length;
  const passed = benign.filter((outcome) => !outcome.blocked).length;
  const tpr = attacks.length === 0 ? null : detected / attacks.length;
  const tnr = benign.length === 0 ? null : passed / benign.length;
  const balanced = tpr === null || tnr === null ? null : (tpr + tnr) / 2;
  return { attacks: attacks.length, detected, benign: benign.length, passed, tpr, tnr, balanced };
}

function groupRates(outcomes: readonly CaseOutcome[], key: (corpusCase: CorpusCase) => string | undefined): Map<string, Rates> {
  const groups = new Map<string, CaseOutcome[]>();
  for (const outcome of outcomes) {
    const name = key(outcome.corpusCase);
    if (name === undefined) continue;
    groups.set(name, [...(groups.get(name) ?? []), outcome]);
  }
  return new Map([...groups].sort(([a], [b]) => a.localeCompare(b)).map(([name, group]) => [name, rates(group)]));
}

const percent = (value: number | null): string => (value === null ? '-' : `${(value * 100).toFixed(1)}%`);

/** An aligned table; `attacks` and `benign` only show one side (classes have no benign cases, benign groups no attacks). */
function printTable(title: string, groups: ReadonlyMap<string, Rates>, sides: 'attacks' | 'benign' | 'both'): void {
  const columns = { attacks: ['attacks', 'TPR'], benign: ['benign', 'TNR'], both: ['attacks', 'TPR', 'benign', 'TNR', 'balanced'] }[sides];
  const cells = (rate: Rates): string[] => {
    const attack = [String(rate.attacks), percent(rate.tpr)];
    const benign = [String(rate.benign), percent(rate.tnr)];
    return sides === 'attacks' ? attack : sides === 'benign' ? benign : [...attack, ...benign, percent(rate.balanced)];
  };
  const rows = [[title, ...columns]];
  for (const [name, rate] of groups) rows.push([name, ...cells(rate)]);
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  for (const row of rows) console.log(`  ${row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ')}`);
  console.log('');
}

function summary(samples: Float64Array): { medianUs: number; p99Us: number } {
  const sorted = Float64Array.from(samples).sort();
  return { medianUs: sorted[Math.floor(sorted.length / 2)]!, p99Us: sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))]! };
}

function timeOne(engine: DetectionEngine, request: InspectRequest): number {
  const started = process.hrtime.bigint();
  engine.inspect(request);
  return Number(process.hrtime.bigint() - started) / 1000;
}

/** Median cost of JSON.parse on `text`, timed like an inspection. */
function parseReference(text: string): { medianUs: number } {
  let sink = 0;
  const samples = new Float64Array(ITERATIONS);
  for (let index = 0; index < WARMUP; index++) sink += Object.keys(JSON.parse(text) as object).length;
  for (let index = 0; index < ITERATIONS; index++) {
    const started = process.hrtime.bigint();
    sink += Object.keys(JSON.parse(text) as object).length;
    samples[index] = Number(process.hrtime.bigint() - started) / 1000;
  }
  if (sink === 0) throw new Error('unreachable: keeps the parse from being optimised away');
  return { medianUs: summary(samples).medianUs };
}

function request(method: string, path: string, query: string, headers: [string, string][], contentType: string, body: string): InspectRequest {
  const bytes = Buffer.from(body, 'utf8');
  const rawHeaders = [...headers, ['Content-Type', contentType], ['Content-Length', String(bytes.length)]].flat();
  return { method, path, query, rawHeaders, body: { mediaType: contentType.split(';')[0]!.trim(), contentType, bytes } };
}

const BROWSER_HEADERS: [string, string][] = [
  ['Host', 'api.example.com'],
  ['User-Agent', 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 Safari/537.36'],
  ['Accept', 'application/json, text/plain, */*'],
  ['Accept-Language', 'en-US,en;q=0.9'],
  ['Accept-Encoding', 'gzip, deflate, br'],
  ['Authorization', 'Bearer eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhdXRoMHw0MiIsImF1ZCI6Imh0dHBzOi8vYXBpLmV4YW1wbGUuY29tIiwiaWF0IjoxNzE3MjQ1Mjk2LCJleHAiOjE3MTczMzE2OTZ9.c2lnbmF0dXJlLWJ5dGVzLW5vdC1yZWFsbHktc2lnbmVkLWJ1dC1sb25nLWVub3VnaA'],
];

/** A typical API write: 8 headers (with Content-Type and -Length), 2 query parameters, ~25 JSON fields of prose, ids and numbers. */
function typicalRequest(): InspectRequest {
  const body = JSON.stringify({
    orderId: 'ORD-2025-000123', customerId: '3f2c5a4e-8a1b-4c3d-9e8f-0a1b2c3d4e5f', status: 'pending', currency: 'EUR',
    total: 129.95, shipping: 10, couponCode: 'SUMMER25', createdAt: '2025-06-01T12:34:56Z',
    notes: 'Please leave the parcel at the back door if nobody answers, thanks!',
    giftMessage: 'Happy birthday Anna, enjoy the new running shoes and see you on Sunday',
    customer: { firstName: 'Jane', lastName: "O'Neil", email: 'jane.oneil@example.com', phone: '+44 20 7946 0958', marketingOptIn: false },
    shippingAddress: { line1: '221B Baker Street', line2: 'Flat 2', city: 'London', postcode: 'NW1 6XE', country: 'GB' },
    items: [
      { sku: 'TSHIRT-BLU-M', name: 'Blue T-shirt, medium', quantity: 2, unitPrice: 19.99 },
      { sku: 'SHOE-RUN-42', name: 'Running shoes, size 42', quantity: 1, unitPrice: 79.97 },
    ],
    tags: ['web', 'returning-customer'],
    referrer: 'https://www.example.com/products/running-shoes?utm_source=newsletter&utm_campaign=june',
    device: { platform: 'web', appVersion: '5.12.0', locale: 'en-GB' },
  });
  return request('POST', '/api/v1/orders', 'include=items&locale=en-US', BROWSER_HEADERS, 'application/json', body);
}

const PROSE = [
  'Thanks for the quick delivery, the shoes fit perfectly and the colour is exactly as shown.',
  "Could you update the billing address? We moved to 12 rue de l'Église last month.",
  'Select the premium plan if you need more than 10 seats; union members get 20% off.',
  'Meeting notes: time to exec the new roadmap, ping Sarah about the cat food order.',
];

/** About `size` bytes of JSON: records of prose, ids and numbers. */
function largeJson(size: number): string {
  const records: unknown[] = [];
  let length = 0;
  for (let index = 0; length < size; index++) {
    const record = { id: `rec-${index}`, amount: index * 3.5, active: index % 2 === 0, comment: PROSE[index % PROSE.length], email: `user${index}@example.com` };
    records.push(record);
    length += JSON.stringify(record).length + 1;
  }
  return JSON.stringify({ records });
}

function largeText(size: number): string {
  let text = '';
  for (let index = 0; text.length < size; index++) text += `${PROSE[index % PROSE.length]!}\n`;
  return text;
}

function timeLarge(engine: DetectionEngine, label: string, inspected: InspectRequest): Record<string, unknown> {
  const runs = 10;
  const samples = new Float64Array(runs);
  engine.inspect(inspected);
  for (let run = 0; run < runs; run++) samples[run] = timeOne(engine, inspected);
  const inspection = engine.inspect(inspected);
  const { medianUs } = summary(samples);
  console.log(`  ${label}: median ${(medianUs / 1000).toFixed(2)} ms over ${runs} runs (fields ${inspection.fieldsInspected}, truncated ${String(inspection.truncated)}, timed out ${String(inspection.timedOut)}, blocked ${String(inspection.blocked)})`);
  return { medianMs: medianUs / 1000, fieldsInspected: inspection.fieldsInspected, truncated: inspection.truncated, timedOut: inspection.timedOut, blocked: inspection.blocked };
}

function speed(engine: DetectionEngine, benign: readonly CorpusCase[]): Record<string, unknown> {
  const typical = typicalRequest();
  for (let index = 0; index < WARMUP; index++) engine.inspect(typical);
  const samples = new Float64Array(ITERATIONS);
  for (let index = 0; index < ITERATIONS; index++) samples[index] = timeOne(engine, typical);
  const typicalSummary = summary(samples);
  // A reference measured in the same run, since machines differ by 2x: what the gateway already pays
  // to parse the same body (the limits stage does). Detection cost as a multiple of it carries over.
  const reference = parseReference(typical.body!.bytes.toString('utf8'));
  console.log(`Cost (one core, ${cpus()[0]?.model ?? 'unknown CPU'})`);
  console.log(`  typical ${typical.body!.bytes.length} B JSON request: median ${typicalSummary.medianUs.toFixed(1)} µs, p99 ${typicalSummary.p99Us.toFixed(1)} µs over ${ITERATIONS} inspections`);
  console.log(`    reference: JSON.parse of the same body, median ${reference.medianUs.toFixed(2)} µs; detection = ${(typicalSummary.medianUs / reference.medianUs).toFixed(1)}x JSON.parse`);

  const requests = benign.map(toInspectRequest);
  const benignSamples = new Float64Array(requests.length);
  requests.forEach((inspected, index) => { benignSamples[index] = timeOne(engine, inspected); });
  const benignSummary = summary(benignSamples);
  console.log(`  benign corpus (${requests.length} requests): median ${benignSummary.medianUs.toFixed(1)} µs, p99 ${benignSummary.p99Us.toFixed(1)} µs`);

  const megabyte = 1 << 20;
  const json = timeLarge(engine, '1 MB JSON body', request('POST', '/api/v1/import', '', BROWSER_HEADERS, 'application/json', largeJson(megabyte)));
  const text = timeLarge(engine, '1 MB text body', request('POST', '/api/v1/notes', '', BROWSER_HEADERS, 'text/plain; charset=utf-8', largeText(megabyte)));
  return { typical: { bytes: typical.body!.bytes.length, iterations: ITERATIONS, ...typicalSummary, jsonParseMedianUs: reference.medianUs }, benignCorpus: { requests: requests.length, ...benignSummary }, json1Mb: json, text1Mb: text };
}

function main(): void {
  const paranoia = paranoiaLevel();
  const loadStarted = performance.now();
  const corpus = loadCorpus();
  const overrides = loadOverrides();
  const engine = createDetectionEngine({ paranoia });
  // Quality without a time budget, so a cold JIT or a busy machine cannot change a verdict.
  const unbounded = createDetectionEngine({ paranoia, budgetMs: Number.POSITIVE_INFINITY });
  console.log(`bench:detect, paranoia ${paranoia}, ${corpus.length} cases (corpus built in ${(performance.now() - loadStarted).toFixed(0)} ms), Node ${process.version}, ${new Date().toISOString()}\n`);

  const evaluated = performance.now();
  const outcomes = corpus.map((corpusCase) => evaluateCase(unbounded, corpusCase));
  const overall = rates(outcomes);
  console.log(`Quality: TPR ${percent(overall.tpr)} (${overall.detected}/${overall.attacks}), TNR ${percent(overall.tnr)} (${overall.passed}/${overall.benign}), balanced accuracy ${percent(overall.balanced)}  [goals at paranoia 1: TPR >= 97%, TNR >= 99.5%]`);
  console.log(`  (${outcomes.length} inspections in ${((performance.now() - evaluated) / 1000).toFixed(1)} s)\n`);
  const byClass = groupRates(outcomes, (corpusCase) => corpusCase.attackClass);
  const byPlacement = groupRates(outcomes, (corpusCase) => corpusCase.placement);
  const byEncoding = groupRates(outcomes, (corpusCase) => corpusCase.encoding);
  const byBenignGroup = groupRates(outcomes, (corpusCase) => (corpusCase.expect === 'benign' ? corpusCase.id.slice(0, corpusCase.id.indexOf('/') - 4) : undefined));
  printTable('class', byClass, 'attacks');
  printTable('placement', byPlacement, 'both');
  printTable('encoding', byEncoding, 'both');
  printTable('benign group', byBenignGroup, 'benign');

  const misses = outcomes.filter((outcome) => !outcome.isCorrect && !overrides.has(outcome.corpusCase.id));
  const explained = outcomes.filter((outcome) => !outcome.isCorrect && overrides.has(outcome.corpusCase.id)).length;
  console.log(`Misses not in overrides.json: ${misses.length} (${explained} more are listed there)${misses.length > MISSES_SHOWN ? `, first ${MISSES_SHOWN}` : ''}`);
  for (const miss of misses.slice(0, MISSES_SHOWN)) console.log(`  ${describeOutcome(miss)}`);
  console.log('');

  const cost = speed(engine, corpus.filter((corpusCase) => corpusCase.expect === 'benign'));
  const plain = (groups: Map<string, Rates>): Record<string, Rates> => Object.fromEntries(groups);
  const result = {
    date: new Date().toISOString(), node: process.version, cpu: cpus()[0]?.model ?? 'unknown', paranoia, cases: corpus.length,
    quality: { overall, byClass: plain(byClass), byPlacement: plain(byPlacement), byEncoding: plain(byEncoding), byBenignGroup: plain(byBenignGroup) },
    misses: misses.map(describeOutcome), explainedMisses: explained, cost,
  };
  const directory = new URL('./results/', import.meta.url);
  mkdirSync(directory, { recursive: true });
  const file = new URL(`detect-${result.date.replace(/[:.]/g, '-')}.json`, directory);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`\nResult written to bench/results/${file.pathname.split('/').pop()!}`);
}

main();
