// `npm run bench:discover`: quality and cost of API discovery (src/discovery) on traffic generated
// from public OpenAPI documents (Petstore, STAPI, Train Travel, ReadMe, GitHub's repos / issues /
// users / orgs / pulls), the documents never given to discovery. One engine takes every API's traffic
// (each on its own host), as a gateway's would.
//   1. Quality: endpoint templates learned against the documented ones (precision, recall, F1),
//      query parameters and body fields sent that the learned schemas hold (recall), sensitive data
//      found against planted values, decoys and the documents' own fields (precision, recall).
//      Goals: endpoint F1 >= 0.95, field recall >= 0.95.
//   2. Speed (child process, one CPU): ingest samples/s over a pool of distinct samples, median of
//      3 runs after a warm-up, and per API. Goal >= 20,000 samples/s.
//   3. Memory (child process, --expose-gc): heap retained by discovery after a forced GC and the
//      process RSS while ingesting up to a million samples. Goal < 500 MB.
// Environment: BENCH_SEED (1), BENCH_POOL (distinct samples, 50,000), BENCH_SPEED_SAMPLES (per run,
// 200,000), BENCH_SPEED_SECONDS (per run, 10), BENCH_MEMORY_SAMPLES (1,000,000),
// BENCH_MEMORY_SECONDS (60; 0 = no limit), BENCH_SECTIONS (quality,speed,memory), BENCH_PIN=0 (no
// taskset). `--json` or BENCH_JSON=1 writes bench/results/discover.json.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { ChildSettings } from './discover/child.js';
import { loadBenchDocuments } from './discover/documents.js';
import type { MemoryResult, SpeedResult } from './discover/load.js';
import { runQuality, type QualityResult } from './discover/quality.js';
import { percent, printMemory, printQuality, printSpeed } from './discover/report.js';
import { endpointSummary, fieldSummary, rate, sensitiveSummary } from './discover/summary.js';

const number = (name: string, fallback: number): number => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a number >= 0`);
  return value;
};
const SEED = number('BENCH_SEED', 1);
const POOL = number('BENCH_POOL', 50_000);
const SPEED_SAMPLES = number('BENCH_SPEED_SAMPLES', 200_000);
const SPEED_SECONDS = number('BENCH_SPEED_SECONDS', 10);
const MEMORY_SAMPLES = number('BENCH_MEMORY_SAMPLES', 1_000_000);
const MEMORY_SECONDS = number('BENCH_MEMORY_SECONDS', 60);
const SECTIONS = new Set((process.env.BENCH_SECTIONS ?? 'quality,speed,memory').split(','));
const SHOULD_WRITE = process.argv.includes('--json') || process.env.BENCH_JSON === '1';
const GOALS = { endpointF1: 0.95, fieldRecall: 0.95, samplesPerSecond: 20_000, memoryMb: 500, memorySamples: 1_000_000 };

const canPin = process.env.BENCH_PIN !== '0' && cpus().length >= 2 && spawnSync('taskset', ['-c', '1', 'true']).status === 0;

/** Runs a section in a fresh process: its own heap, GC on demand, pinned to CPU 1 when it can be. */
function child<T>(mode: 'speed' | 'memory', settings: ChildSettings): T {
  const entry = fileURLToPath(new URL('./discover/child.ts', import.meta.url));
  const node = [process.execPath, '--expose-gc', '--max-old-space-size=4096', '--import', 'tsx', entry, mode, JSON.stringify(settings)];
  const command = canPin ? ['taskset', '-c', '1', ...node] : node;
  const run = spawnSync(command[0]!, command.slice(1), { encoding: 'utf8', maxBuffer: 64 * 2 ** 20, stdio: ['ignore', 'pipe', 'inherit'] });
  if (run.status !== 0) throw new Error(`the ${mode} child failed (status ${String(run.status)})`);
  return JSON.parse(run.stdout.trim().split('\n').at(-1)!) as T;
}

function verdict(isMet: boolean | undefined, text: string): string {
  const mark = isMet === undefined ? 'N/A ' : isMet ? 'PASS' : 'FAIL';
  console.log(`${mark}  ${text}`);
  return `${mark} ${text}`;
}

function goals(quality: QualityResult | undefined, speed: SpeedResult | undefined, memory: MemoryResult | undefined): string[] {
  const lines: string[] = [];
  if (quality !== undefined) {
    const endpoints = endpointSummary(quality.documents);
    const fields = fieldSummary(quality.documents).all;
    lines.push(verdict(endpoints.f1 >= GOALS.endpointF1, `endpoint F1 ${endpoints.f1.toFixed(3)} (precision ${percent(endpoints.precision)}, recall ${percent(endpoints.recall)}; goal >= ${GOALS.endpointF1})`));
    lines.push(verdict(rate(fields) >= GOALS.fieldRecall, `field recall ${percent(rate(fields))} (${fields.hits}/${fields.total}; goal >= ${percent(GOALS.fieldRecall)})`));
  }
  if (speed !== undefined) {
    lines.push(verdict(speed.medianPerSecond >= GOALS.samplesPerSecond, `ingest ${Math.round(speed.medianPerSecond).toLocaleString('en-US')} samples/s on one core (goal >= ${GOALS.samplesPerSecond.toLocaleString('en-US')})`));
  }
  if (memory !== undefined) {
    const isReached = memory.samples >= GOALS.memorySamples;
    const isOver = memory.retainedHeapMb >= GOALS.memoryMb || memory.rssMb >= GOALS.memoryMb;
    const text = `${memory.samples.toLocaleString('en-US')} samples: discovery heap ${memory.retainedHeapMb.toFixed(0)} MB, process RSS ${memory.rssMb.toFixed(0)} MB (goal: 1,000,000 samples in < ${GOALS.memoryMb} MB)`;
    lines.push(verdict(isOver ? false : isReached ? true : undefined, isReached || isOver ? text : `${text}; the million was not reached in BENCH_MEMORY_SECONDS=${MEMORY_SECONDS}`));
  }
  return lines;
}

async function main(): Promise<void> {
  const date = new Date().toISOString();
  console.log(`bench:discover, Node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'} (${cpus().length} CPUs), ${date}, seed ${SEED}${canPin ? ', speed and memory pinned to CPU 1' : ''}\n`);
  let quality: QualityResult | undefined;
  if (SECTIONS.has('quality')) {
    const loaded = performance.now();
    const documents = await loadBenchDocuments();
    const loadMs = performance.now() - loaded;
    quality = runQuality(documents, SEED);
    console.log(`Quality: ${quality.samples.toLocaleString('en-US')} samples over ${documents.reduce((total, document) => total + document.operations.length, 0)} operations of ${documents.length} documents, no document given to discovery`);
    console.log(`  (documents loaded in ${(loadMs / 1000).toFixed(1)} s, traffic generated in ${(quality.generateMs / 1000).toFixed(1)} s, ingested in ${(quality.ingestMs / 1000).toFixed(1)} s; ${quality.operationsLearned} operations learned)`);
    for (const document of documents) for (const excluded of document.excluded) console.log(`  not generated: ${document.name}: ${excluded}`);
    console.log('');
    printQuality(quality);
  }
  const settings = (samples: number, seconds: number): ChildSettings => ({ seed: SEED + 1, pool: POOL, samples, seconds });
  let speed: SpeedResult | undefined;
  if (SECTIONS.has('speed')) {
    console.log(`\nSpeed: ingest on one core, fresh engine per run, up to ${SPEED_SAMPLES.toLocaleString('en-US')} samples or ${SPEED_SECONDS} s per run, median of 3 after a warm-up`);
    speed = child<SpeedResult>('speed', settings(SPEED_SAMPLES, SPEED_SECONDS));
    printSpeed(speed);
  }
  let memory: MemoryResult | undefined;
  if (SECTIONS.has('memory')) {
    console.log(`\nMemory: up to ${MEMORY_SAMPLES.toLocaleString('en-US')} samples${MEMORY_SECONDS > 0 ? ` or ${MEMORY_SECONDS} s` : ''}, heap after views() and a forced GC at each tenth`);
    memory = child<MemoryResult>('memory', settings(MEMORY_SAMPLES, MEMORY_SECONDS));
    printMemory(memory);
  }
  console.log('');
  const verdicts = goals(quality, speed, memory);
  if (SHOULD_WRITE) {
    mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
    const summaries = quality === undefined ? undefined : {
      endpoints: endpointSummary(quality.documents), fields: fieldSummary(quality.documents),
      sensitive: {
        planted: sensitiveSummary(quality.documents.map((score) => score.plantedSensitive)),
        documented: sensitiveSummary(quality.documents.map((score) => score.documentedSensitive)),
      },
    };
    const result = { date, node: process.version, cpu: cpus()[0]?.model ?? 'unknown', cpus: cpus().length, seed: SEED, goals: GOALS, verdicts, summaries, quality, speed, memory };
    writeFileSync(new URL('./results/discover.json', import.meta.url), `${JSON.stringify(result, null, 2)}\n`);
    console.log('\nResult written to bench/results/discover.json');
  }
}

await main();
