// Discovery inside a gateway process: the inventory loaded from the store at start, the queue the
// discovery stage and the collector endpoint hand samples to, learning in later turns, a save every
// saveInterval (and at shutdown). A store failure is logged and retried at the next save; it never
// reaches a request.
import type { Logger } from 'pino';
import type { ApiModel } from '../contract/index.js';
import type { TrafficSample } from '../core/types.js';
import type { InventoryStore } from '../store/index.js';
import type { DiscoveryServiceConfig } from './config.js';
import { createDiscovery, warmUpDiscovery, type Discovery } from './discovery-engine.js';
import { knownTemplatesOf } from './documents.js';
import { createSampleQueue, type SampleQueue } from './sample-queue.js';

export interface DiscoveryServiceOptions {
  readonly config: DiscoveryServiceConfig;
  readonly store: InventoryStore;
  /** The documents the routes enforce: their templates are used as written. */
  readonly documents: readonly ApiModel[];
  readonly logger: Logger;
  /** Called per sample learned ('learned') or dropped because the queue was full ('dropped'). */
  readonly onSample?: (outcome: 'learned' | 'dropped', count: number) => void;
  readonly onOperations?: (count: number) => void;
}

export interface DiscoveryService {
  readonly queue: SampleQueue;
  readonly discovery: Discovery;
  /** Learns what is queued and saves (tests, shutdown). */
  flush(): Promise<void>;
  close(): Promise<void>;
}

export async function startDiscoveryService(options: DiscoveryServiceOptions): Promise<DiscoveryService> {
  const { config, store, logger } = options;
  // Before the listeners open: the first sample would otherwise pay for loading the word lists.
  warmUpDiscovery();
  const discovery = createDiscovery({
    knownTemplates: knownTemplatesOf(options.documents), store, sensitive: config.sensitive, limits: { maxOperations: config.maxOperations },
  });
  try {
    const loaded = await discovery.load();
    if (loaded.skipped > 0) logger.warn({ skipped: loaded.skipped }, 'inventory records this version cannot read were skipped; they are learned again from traffic');
  } catch (error) {
    logger.error({ err: error }, 'the stored inventory could not be read; starting from an empty one');
  }
  const queue = createSampleQueue((batch: readonly TrafficSample[]) => {
    for (const sample of batch) discovery.ingest(sample);
    options.onSample?.('learned', batch.length);
  }, { capacity: config.queue, onDrop: () => options.onSample?.('dropped', 1) });

  let saving: Promise<void> | undefined;
  async function save(): Promise<void> {
    try {
      await discovery.save();
      options.onOperations?.(discovery.stats().operations);
    } catch (error) {
      logger.error({ err: error }, 'inventory save failed; retried at the next save');
    }
  }
  const timer = setInterval(() => {
    saving ??= save().finally(() => {
      saving = undefined;
    });
  }, config.saveInterval);
  timer.unref();

  async function flush(): Promise<void> {
    queue.drain();
    await saving;
    await save();
  }

  return {
    queue,
    discovery,
    flush,
    async close() {
      clearInterval(timer);
      await flush();
    },
  };
}
