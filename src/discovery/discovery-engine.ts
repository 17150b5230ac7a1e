// Discovery: traffic samples in, a live inventory out. Each sample is placed on a path template (the
// path learner), then teaches its operation's record; records whose template the learner has since
// merged (literals that turned out to be ids) are folded into the merged one. The inventory is saved
// to the store incrementally (only operations that changed) and loaded back after a restart.
import type { TrafficSample } from '../core/types.js';
import { hostOf } from '../gateway/index.js';
import type { InventoryStore, StoredOperation } from '../store/index.js';
import { createPathLearner, type KnownTemplate, type PathCorrection, type PathLearner, type PathLearnerState } from './paths/index.js';
import { createSensitiveClassifier, type SensitiveConfig } from './sensitive/index.js';
import { createRecord, DEFAULT_RECORD_LIMITS, observeSample, type OperationRecord, type RecordDeps, type RecordLimits } from './inventory/operation-record.js';
import { mergeRecord, recordFromState, recordToState } from './inventory/record-state.js';
import { recordView } from './inventory/record-view.js';
import type { OperationView } from './inventory/operation-view.js';

export interface DiscoveryOptions {
  /** Templates of the documents the gateway enforces or the user gives: matched first. */
  readonly knownTemplates?: readonly KnownTemplate[];
  readonly corrections?: readonly PathCorrection[];
  readonly sensitive?: Partial<SensitiveConfig>;
  readonly limits?: Partial<RecordLimits> & { readonly maxOperations?: number };
  readonly store?: InventoryStore;
}

export interface DiscoveryStats {
  readonly samples: number;
  readonly operations: number;
  /** Samples of new operations refused because maxOperations was reached. */
  readonly overflow: number;
  /** Operations changed since the last save. */
  readonly dirty: number;
}

export interface Discovery {
  ingest(sample: TrafficSample): void;
  /** The inventory now, one view per operation, ordered by host, template, method. */
  views(): OperationView[];
  /** Reads what the store holds (at start); samples ingested before are kept. */
  load(): Promise<{ operations: number; skipped: number }>;
  /** Writes the operations that changed since the last save. */
  save(): Promise<number>;
  correct(correction: PathCorrection): void;
  stats(): DiscoveryStats;
  readonly paths: PathLearner;
}

const DEFAULT_MAX_OPERATIONS = 20_000;

export function createDiscovery(options: DiscoveryOptions = {}): Discovery {
  const deps: RecordDeps = { classifier: createSensitiveClassifier(options.sensitive ?? {}), limits: { ...DEFAULT_RECORD_LIMITS, ...options.limits } };
  const maxOperations = options.limits?.maxOperations ?? DEFAULT_MAX_OPERATIONS;
  const learnerOptions = { knownTemplates: options.knownTemplates ?? [], corrections: options.corrections ?? [] };
  let paths = createPathLearner(learnerOptions);
  const records = new Map<string, OperationRecord>();
  const dirty = new Set<string>();
  const removed = new Set<string>();
  let samples = 0;
  let overflow = 0;
  let templatesVersion = '';

  function recordFor(host: string, method: string, template: string, time: string): OperationRecord | undefined {
    const id = idOf(host, method, template);
    let record = records.get(id);
    if (record === undefined) {
      if (records.size >= maxOperations) return undefined;
      record = createRecord(host, method, template, deps, time);
      records.set(id, record);
      removed.delete(id);
    }
    dirty.add(id);
    return record;
  }

  function ingest(sample: TrafficSample): void {
    samples++;
    const method = sample.method.toUpperCase();
    const learned = paths.learn(method, sample.path, shapeOf(sample));
    const record = recordFor(hostOf(sample.host ?? sample.requestHeaders.host), method, learned.template, sample.time);
    if (record === undefined) {
      overflow++;
      return;
    }
    record.examplePath ??= sample.path;
    observeSample(record, sample, learned.params, deps);
  }

  /** Folds records whose template the learner has merged into the template their paths have now. */
  function consolidate(): void {
    const templates = paths.templates();
    const version = templates.map((info) => info.template).join('\n');
    if (version === templatesVersion) return;
    templatesVersion = version;
    const current = new Set(templates.map((info) => info.template));
    for (const [id, record] of [...records]) {
      if (current.has(record.template) || record.examplePath === undefined) continue;
      const template = paths.match(record.method, record.examplePath)?.template;
      if (template === undefined || template === record.template) continue;
      records.delete(id);
      dirty.delete(id);
      removed.add(id);
      const target = recordFor(record.host, record.method, template, record.firstSeen);
      if (target === undefined) continue;
      target.examplePath ??= record.examplePath;
      mergeRecord(target, record, deps);
    }
  }

  return {
    ingest,
    get paths() {
      return paths;
    },
    views() {
      consolidate();
      return [...records.values()].sort(byPlace).map(recordView);
    },
    correct(correction) {
      paths.correct(correction);
    },
    stats: () => ({ samples, operations: records.size, overflow, dirty: dirty.size }),
    async load() {
      if (options.store === undefined) return { operations: 0, skipped: 0 };
      const stored = await options.store.loadInventory();
      const state = stored.state.get('paths') as PathLearnerState | undefined;
      if (state !== undefined) paths = createPathLearner({ ...learnerOptions, state });
      let skipped = 0;
      for (const operation of stored.operations) {
        if (records.has(operation.id)) continue;
        try {
          records.set(operation.id, recordFromState(operation, operation.data, deps));
        } catch {
          skipped++; // a record this version cannot read: relearned from traffic
        }
      }
      templatesVersion = '';
      return { operations: stored.operations.length - skipped, skipped };
    },
    async save() {
      if (options.store === undefined) return 0;
      consolidate();
      const upsert: StoredOperation[] = [];
      for (const id of dirty) {
        const record = records.get(id);
        if (record === undefined) continue;
        upsert.push({ id, host: record.host, method: record.method, template: record.template, firstSeen: record.firstSeen, lastSeen: record.lastSeen, calls: record.calls, data: recordToState(record) });
      }
      const remove = [...removed];
      await options.store.saveInventory({ state: { paths: withoutSensitiveSegments(paths.toJSON(), deps) }, upsert, remove });
      dirty.clear();
      removed.clear();
      return upsert.length;
    },
  };
}

/**
 * The path learner keeps one example request per node (to replay a merge when it is split); a path
 * can carry sensitive values (`/users/alice@example.com`). Before the state is stored, every segment
 * the classifier flags is replaced letter for letter (`xxxxx@xxxxxxx.xxx`, digits by 0): its form
 * survives, its value does not.
 */
function withoutSensitiveSegments(state: PathLearnerState, deps: RecordDeps): PathLearnerState {
  const masked = new Map<string, string>();
  const maskPath = (path: string): string => {
    let result = masked.get(path);
    if (result !== undefined) return result;
    result = path.split('/').map((segment) => {
      let decoded = segment;
      try {
        decoded = decodeURIComponent(segment);
      } catch {
        // malformed escapes: classified as they are
      }
      return segment !== '' && deps.classifier.classify(undefined, decoded).length > 0 ? segment.replace(/[A-Za-z]/g, 'x').replace(/[0-9]/g, '0') : segment;
    }).join('/');
    masked.set(path, result);
    return result;
  };
  return JSON.parse(JSON.stringify(state), (key, value: unknown) => {
    if (key === 'path' && typeof value === 'string') return maskPath(value);
    if (key === 'value' && typeof value === 'string' && deps.classifier.classify(undefined, value).length > 0) return value.replace(/[A-Za-z]/g, 'x').replace(/[0-9]/g, '0');
    return value;
  }) as PathLearnerState;
}

function idOf(host: string, method: string, template: string): string {
  return `${method} ${host} ${template}`;
}

function byPlace(left: OperationRecord, right: OperationRecord): number {
  return left.host.localeCompare(right.host) || left.template.localeCompare(right.template) || left.method.localeCompare(right.method);
}

/**
 * The evidence that siblings are one resource: a successful answer of the same media type and kind
 * (object or array); the path learner compares it per method. Coarse on purpose: bench:discover
 * measured endpoint F1 0.28 with the answer's top-level keys in the shape (one optional field split
 * a parameter's values) and 0.55 without. A failed answer (a 404 for one value) says nothing about
 * what the others are.
 */
function shapeOf(sample: TrafficSample): string | undefined {
  if (sample.status < 200 || sample.status >= 300) return undefined;
  const body = sample.responseBody;
  const value = body?.value;
  const kind = typeof value !== 'object' || value === null ? '' : Array.isArray(value) ? '[]' : '{}';
  return `${body?.contentType ?? ''}|${kind}`;
}

/**
 * Loads what discovery loads on first use (the English word list, phone-number metadata) and warms
 * the learners, so the first sampled request does not hold the event loop for most of a second.
 */
export function warmUpDiscovery(): void {
  const discovery = createDiscovery();
  discovery.ingest({
    requestId: 'warm-up', time: new Date(0).toISOString(), route: '', method: 'POST', path: '/warm-up/orders/octocat', status: 200, durationMs: 0,
    query: [['page', '1']], requestHeaders: { host: 'warm-up', authorization: 'Basic d2FybTp1cA==' }, responseHeaders: {},
    requestBody: { contentType: 'application/json', size: 0, value: { phone: '+14155552671', email: 'warm@example.com', card: '4111111111111111' } },
    responseBody: { contentType: 'application/json', size: 0, value: { id: 1, createdAt: '2026-01-01T00:00:00Z' } },
  });
  discovery.views();
}
