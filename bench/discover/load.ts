// The speed and memory sections, each run in a child process of its own (`--expose-gc`, pinned to
// one CPU when taskset is there): ingest throughput over a pool of distinct samples (median of three
// runs after a warm-up, and per API), then retained heap and RSS while ingesting up to a million.
import type { TrafficSample } from '../../src/core/types.js';
import { createDiscovery } from '../../src/discovery/index.js';
import type { SamplePool } from './pool.js';

export interface Run {
  readonly samples: number;
  readonly seconds: number;
  readonly perSecond: number;
}

export interface SpeedResult {
  readonly pool: number;
  readonly valuesPerSample: number;
  readonly bytesPerSample: number;
  readonly runs: readonly Run[];
  readonly medianPerSecond: number;
  readonly byDocument: readonly (Run & { readonly name: string; readonly valuesPerSample: number })[];
}

export interface Checkpoint {
  readonly samples: number;
  readonly seconds: number;
  readonly heapMb: number;
  readonly rssMb: number;
  readonly operations: number;
}

export interface MemoryResult {
  readonly pool: number;
  readonly target: number;
  readonly samples: number;
  readonly seconds: number;
  readonly poolHeapMb: number;
  /** Heap held by discovery after a forced GC: heap now minus heap before it was created. */
  readonly retainedHeapMb: number;
  readonly heapUsedMb: number;
  readonly rssMb: number;
  readonly operations: number;
  readonly checkpoints: readonly Checkpoint[];
}

const MB = 2 ** 20;
const gc = (): void => {
  const collect = (globalThis as { gc?: () => void }).gc;
  collect?.();
  collect?.();
};

/** Ingests the pool round-robin into a fresh engine until `limit` samples or `seconds` have passed. */
function timedIngest(samples: readonly TrafficSample[], limit: number, seconds: number): Run {
  const discovery = createDiscovery();
  const started = performance.now();
  const deadline = started + seconds * 1000;
  let count = 0;
  while (count < limit) {
    discovery.ingest(samples[count % samples.length]!);
    count++;
    if (count % 500 === 0 && performance.now() > deadline) break;
  }
  const elapsed = (performance.now() - started) / 1000;
  return { samples: count, seconds: elapsed, perSecond: count / elapsed };
}

export function measureSpeed(pool: SamplePool, limit: number, seconds: number): SpeedResult {
  timedIngest(pool.samples, Math.min(limit, 20_000), Math.min(3, seconds)); // warm-up: JIT and the word list
  const runs: Run[] = [];
  for (let run = 0; run < 3; run++) {
    gc();
    runs.push(timedIngest(pool.samples, limit, seconds));
  }
  const sorted = runs.map((run) => run.perSecond).sort((a, b) => a - b);
  const byDocument = [...pool.byHost].map(([host, samples]) => {
    gc();
    const values = samples.reduce((total, sample) => total + valuesOf(sample), 0) / samples.length;
    return { name: pool.names.get(host) ?? host, valuesPerSample: values, ...timedIngest(samples, limit, Math.min(2, seconds)) };
  });
  return { pool: pool.samples.length, valuesPerSample: pool.valuesPerSample, bytesPerSample: pool.bytesPerSample, runs, medianPerSecond: sorted[1] ?? 0, byDocument };
}

function valuesOf(sample: TrafficSample): number {
  const count = (value: unknown): number => (typeof value !== 'object' || value === null ? (value === undefined ? 0 : 1) : (Array.isArray(value) ? value : Object.values(value)).reduce((total: number, item) => total + count(item), 0));
  return count(sample.requestBody?.value) + count(sample.responseBody?.value);
}

export function measureMemory(pool: SamplePool, target: number, seconds: number): MemoryResult {
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const discovery = createDiscovery();
  const checkpoints: Checkpoint[] = [];
  const step = Math.max(1, Math.floor(target / 10));
  const started = performance.now();
  const deadline = seconds > 0 ? started + seconds * 1000 : Number.POSITIVE_INFINITY;
  let count = 0;
  const checkpoint = (): void => {
    const elapsed = (performance.now() - started) / 1000;
    discovery.views(); // what the admin API or an export does now and then: consolidates merged templates
    gc();
    const memory = process.memoryUsage();
    checkpoints.push({ samples: count, seconds: elapsed, heapMb: (memory.heapUsed - heapBefore) / MB, rssMb: memory.rss / MB, operations: discovery.stats().operations });
  };
  while (count < target) {
    discovery.ingest(pool.samples[count % pool.samples.length]!);
    count++;
    if (count % step === 0) checkpoint();
    else if (count % 1000 === 0 && performance.now() > deadline) break;
  }
  if (checkpoints.at(-1)?.samples !== count) checkpoint();
  const last = checkpoints.at(-1)!;
  const memory = process.memoryUsage();
  return {
    pool: pool.samples.length, target, samples: count, seconds: last.seconds, poolHeapMb: heapBefore / MB,
    retainedHeapMb: last.heapMb, heapUsedMb: memory.heapUsed / MB, rssMb: memory.rss / MB, operations: last.operations, checkpoints,
  };
}
