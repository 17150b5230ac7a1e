// `npm run bench:audit`: how long `bulwark audit` takes on large documents, end to end (read, parse,
// references, model, every check, locating findings in the files, score), as the CLI runs it.
//   1. A generated OpenAPI 3.1 document of about 5 MB (compact JSON: more nodes per byte than a
//      pretty-printed one) — the figure: < 3 s.
//   2. GitHub's REST API description (@octokit/openapi 2.2.1: 3.1 MB with $refs, and the same
//      dereferenced, 14 MB): real documents of that size.
//   3. The same generated document as YAML.
// Each: the median of BENCH_RUNS runs (default 5) after one warm-up, with the phases of the last run.
// Writes bench/results/audit-<timestamp>.json.
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { auditDocument, auditFile } from '../src/audit/audit.js';
import { AuditDocument } from '../src/audit/document.js';
import { buildAuditApi } from '../src/audit/model.js';
import { generateApi } from './generate-api.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const GOAL_MS = 3000;
const require = createRequire(import.meta.url);

interface Measured {
  readonly label: string;
  readonly bytes: number;
  readonly operations: number;
  readonly schemas: number;
  readonly findings: number;
  readonly medianMs: number;
  readonly phases: { readonly loadMs: number; readonly modelMs: number; readonly checksAndReportMs: number };
}

async function measure(label: string, file: string): Promise<Measured> {
  await auditFile(file);
  const times: number[] = [];
  let last = await auditFile(file);
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    last = await auditFile(file);
    times.push(performance.now() - started);
  }
  times.sort((left, right) => left - right);
  // The phases, measured once more separately (the CLI runs them in one go).
  const loadStarted = performance.now();
  const document = await AuditDocument.load(file);
  const loadMs = performance.now() - loadStarted;
  const modelStarted = performance.now();
  buildAuditApi(document);
  const modelMs = performance.now() - modelStarted;
  const checksStarted = performance.now();
  auditDocument(document);
  const checksAndReportMs = performance.now() - checksStarted;
  const result: Measured = {
    label, bytes: statSync(file).size, operations: last.document.operations, schemas: last.document.schemas, findings: last.findings.length,
    medianMs: times[Math.floor(times.length / 2)] ?? 0, phases: { loadMs, modelMs, checksAndReportMs },
  };
  console.log(`  ${label.padEnd(46)} ${(result.bytes / 1e6).toFixed(1).padStart(5)} MB  ${String(result.operations).padStart(5)} ops  ${String(result.schemas).padStart(6)} schemas  ${String(result.findings).padStart(6)} findings  median ${(result.medianMs / 1000).toFixed(2)} s  (load ${(loadMs / 1000).toFixed(2)} s, model ${(modelMs / 1000).toFixed(2)} s, model + checks + locate + score ${(checksAndReportMs / 1000).toFixed(2)} s)`);
  return result;
}

async function main(): Promise<void> {
  console.log(`bench:audit, Node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'}, ${new Date().toISOString()}, median of ${RUNS} runs\n`);
  const directory = mkdtempSync(join(tmpdir(), 'bulwark-bench-audit-'));
  try {
    const generated = generateApi(1500);
    const jsonFile = join(directory, 'generated.json');
    writeFileSync(jsonFile, JSON.stringify(generated));
    const yamlFile = join(directory, 'generated.yaml');
    writeFileSync(yamlFile, stringify(generated, { aliasDuplicateObjects: false }));
    const results = [
      await measure('generated OpenAPI 3.1, compact JSON', jsonFile),
      await measure('GitHub REST API (api.github.com.json)', require.resolve('@octokit/openapi/generated/api.github.com.json')),
      await measure('GitHub REST API, dereferenced (.deref.json)', require.resolve('@octokit/openapi/generated/api.github.com.deref.json')),
      await measure('generated OpenAPI 3.1, as YAML', yamlFile),
    ];
    const goal = results[0] as Measured;
    console.log(`\n${goal.medianMs < GOAL_MS ? 'PASS' : 'FAIL'}  a ${(goal.bytes / 1e6).toFixed(1)} MB document audited in ${(goal.medianMs / 1000).toFixed(2)} s (goal < ${GOAL_MS / 1000} s)`);
    mkdirSync('bench/results', { recursive: true });
    const out = `bench/results/audit-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
    writeFileSync(out, `${JSON.stringify({ node: process.version, cpu: cpus()[0]?.model, runs: RUNS, results }, null, 2)}\n`);
    console.log(`Result written to ${out}`);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

await main();
