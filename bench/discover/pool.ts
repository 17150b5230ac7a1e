// A pool of distinct samples for the speed and memory sections: the same generator as the quality
// section with more requests per operation, every document mixed, cut to the size asked for.
import type { TrafficSample } from '../../src/core/types.js';
import { loadBenchDocuments } from './documents.js';
import { generateTraffic } from './traffic.js';

export interface SamplePool {
  readonly samples: readonly TrafficSample[];
  /** Per document (host): its samples, for the per-API speed. */
  readonly byHost: ReadonlyMap<string, readonly TrafficSample[]>;
  readonly names: ReadonlyMap<string, string>;
  /** JSON values (scalars) in the bodies of an average sample, and its body bytes. */
  readonly valuesPerSample: number;
  readonly bytesPerSample: number;
}

export async function buildPool(size: number, seed: number): Promise<SamplePool> {
  const documents = await loadBenchDocuments();
  const operations = documents.reduce((total, document) => total + document.operations.length, 0);
  // Enough requests per operation for `size` samples after the 1.5x of collections.
  const mean = Math.max(4, Math.ceil(size / operations / 1.15));
  const traffic = generateTraffic(documents, { seed, perOperation: [Math.ceil(mean * 0.7), Math.ceil(mean * 1.3)] });
  const parsed = new WeakMap<object, unknown>();
  const samples = traffic.samples.slice(0, size).map((sample) => asParsed(sample, parsed));
  const byHost = new Map<string, TrafficSample[]>();
  for (const sample of samples) {
    const host = sample.host ?? '';
    const list = byHost.get(host);
    if (list === undefined) byHost.set(host, [sample]);
    else list.push(sample);
  }
  const counted = new WeakMap<object, number>();
  let values = 0;
  let bytes = 0;
  for (const sample of samples) {
    for (const body of [sample.requestBody, sample.responseBody]) {
      if (body === undefined) continue;
      bytes += body.size;
      values += scalarsIn(body.value, counted);
    }
  }
  return {
    samples, byHost, names: new Map(documents.map((document) => [document.host, document.name])),
    valuesPerSample: values / samples.length, bytesPerSample: bytes / samples.length,
  };
}

/** Scalars in a JSON value; bodies are shared between samples, so each object is counted once and remembered. */
function scalarsIn(value: unknown, counted: WeakMap<object, number>): number {
  if (typeof value !== 'object' || value === null) return value === undefined ? 0 : 1;
  const known = counted.get(value);
  if (known !== undefined) return known;
  let total = 0;
  for (const item of Array.isArray(value) ? value : Object.values(value)) total += scalarsIn(item, counted);
  counted.set(value, total);
  return total;
}

/**
 * Bodies as discovery gets them: parsed from JSON text (the gateway's limits stage, HAR and log
 * readers all JSON.parse). The generator builds objects key by key, which V8 turns into slow
 * dictionary-mode objects past about 16 properties; parsed objects have fast shapes. Each distinct
 * body is parsed once, so samples that shared a body still share it (the pool's memory stays flat).
 */
function asParsed(sample: TrafficSample, parsed: WeakMap<object, unknown>): TrafficSample {
  const reparse = (body: TrafficSample['requestBody']): TrafficSample['requestBody'] => {
    if (body === undefined || typeof body.value !== 'object' || body.value === null) return body;
    let value = parsed.get(body.value);
    if (value === undefined) parsed.set(body.value, (value = JSON.parse(JSON.stringify(body.value)) as unknown));
    return { ...body, value };
  };
  const requestBody = reparse(sample.requestBody);
  const responseBody = reparse(sample.responseBody);
  return { ...sample, ...(requestBody === undefined ? {} : { requestBody }), ...(responseBody === undefined ? {} : { responseBody }) };
}
