// The quality section: traffic from every document through one discovery engine (no document given
// to it), then each document's part of the inventory scored against what was sent.
import { createDiscovery } from '../../src/discovery/index.js';
import type { BenchDocument } from './documents.js';
import { scoreDocument, type DocumentScore } from './metrics.js';
import { generateTraffic } from './traffic.js';

export interface QualityResult {
  readonly samples: number;
  readonly generateMs: number;
  readonly ingestMs: number;
  readonly operationsLearned: number;
  readonly documents: DocumentScore[];
}

export function runQuality(documents: readonly BenchDocument[], seed: number): QualityResult {
  const generated = performance.now();
  const traffic = generateTraffic(documents, { seed, perOperation: [30, 60] });
  const generateMs = performance.now() - generated;
  const discovery = createDiscovery();
  const started = performance.now();
  for (const sample of traffic.samples) discovery.ingest(sample);
  const ingestMs = performance.now() - started;
  const views = discovery.views();
  const scores = documents.map((document) => scoreDocument(
    document.name,
    traffic.truths.filter((truth) => truth.document === document.name),
    views.filter((view) => view.host === document.host),
  ));
  return { samples: traffic.samples.length, generateMs, ingestMs, operationsLearned: views.length, documents: scores };
}
