// Starts everything a gateway process runs: event store and writer, metrics, overload monitor,
// compiled runtime, listeners, admin server, config reload (SIGHUP and file change) and graceful
// shutdown that finishes in-flight requests and flushes events.
import type { Logger } from 'pino';
import { createLogger } from '../core/logger.js';
import { isBulwarkError } from '../core/errors.js';
import type { SecurityEvent } from '../core/types.js';
import { startAdminServer, type AdminServer } from '../admin/admin-server.js';
import { createBatchedEventWriter } from '../events/batched-event-writer.js';
import { startRetention } from '../events/retention.js';
import { openEventStore, openGrantStore, openInventoryStore, openKeyStore, openUsageStore, type EventStore, type GrantStore, type KeyStore, type UsageStore } from '../store/index.js';
import { documentsOfConfig, startDiscoveryService, type DiscoveryService } from '../discovery/index.js';
import { grantExpiredEvent } from '../events/audit-events.js';
import { createUsageRecorder } from '../identity/index.js';
import { createRateLimitServices, redactUrl } from '../ratelimit/index.js';
import { createGateway, type Gateway } from './gateway.js';
import type { GatewayConfig } from './gateway-config.js';
import { createIpMatcher } from './ip-matcher.js';
import { startListener, type Listener } from './listeners.js';
import { loadGatewayConfig } from './load-gateway-config.js';
import { cachedChildren, createGatewayMetrics, type GatewayMetrics } from './metrics.js';
import { startOverloadMonitor } from './overload.js';
import { dirname, resolve as resolvePath } from 'node:path';
import { compileRuntime, documentPaths, loadRuntimeDocuments } from './runtime.js';
import type { StageDeps } from './stage.js';
import { createUpstreamRegistry } from './upstreams.js';
import { watchConfigFile } from './watch-config.js';

export interface StartGatewayOptions {
  config: GatewayConfig;
  /** The file the config came from; enables reload. */
  configFile?: string;
  logger?: Logger;
  /** Injected store (tests); by default opened from config.store. */
  eventStore?: EventStore;
  /** Injected API key store (tests); by default opened from config.store when a stage needs it. */
  keyStore?: KeyStore;
  /** Injected grant store (tests); by default opened from config.store when needed. */
  grantStore?: GrantStore;
  /** How often expired grants are looked for and reported (default 5 s). */
  grantSweepIntervalMs?: number;
  /** How often consumer usage counts are written (default 10 s; tests shorten it). */
  usageFlushIntervalMs?: number;
  /** Where relative OpenAPI document paths start when there is no configFile (default: the working directory). */
  baseDir?: string;
  /** Reload when the config file changes (default: true when configFile is set). */
  watch?: boolean;
}

export type ReloadResult = { ok: true } | { ok: false; error: string };

export interface RunningGateway {
  readonly listeners: readonly Listener[];
  readonly adminUrl: string | undefined;
  readonly metrics: GatewayMetrics;
  readonly gateway: Gateway;
  readonly eventStore: EventStore;
  reload(): Promise<ReloadResult>;
  /** Writes every queued event to the store. */
  flushEvents(): Promise<void>;
  /** Writes the consumer usage counted so far to the usage store. */
  flushUsage(): Promise<void>;
  /** The inventory learned from traffic; absent when discovery.enabled is false. */
  readonly discovery: DiscoveryService | undefined;
  /** Graceful: stop accepting, let in-flight requests finish (up to shutdownTimeout), flush events. */
  close(): Promise<void>;
}

export async function startGateway(options: StartGatewayOptions): Promise<RunningGateway> {
  let config = options.config;
  const logger = options.logger ?? createLogger({ level: config.logging.level, redactHeaders: config.logging.redactHeaders });
  const metrics = createGatewayMetrics();
  const eventStore = options.eventStore ?? openEventStore(config.store);
  const sink = createBatchedEventWriter(eventStore, {
    batchSize: config.events.batchSize,
    flushIntervalMs: config.events.flushInterval,
    maxQueue: config.events.maxQueue,
    onError: (error) => logger.error({ err: error }, 'event store write failed; will retry'),
    onDrop: (count) => {
      metrics.eventsDropped.inc(count);
      logger.error({ dropped: count }, 'event queue full; events dropped');
    },
  });
  const retention = startRetention(eventStore, { retentionMs: config.store.retention, intervalMs: 3_600_000 });
  const overload = startOverloadMonitor({
    maxEventLoopDelayMs: config.server.overload.maxEventLoopDelay,
    maxHeapUsedRatio: config.server.overload.maxHeapUsedRatio,
    sampleIntervalMs: config.server.overload.sampleInterval,
  });
  const upstreams = createUpstreamRegistry();
  const trusted = createIpMatcher(config.server.trustedProxies, 'server.trustedProxies');
  let keyStore: KeyStore | undefined;
  let usageStore: UsageStore | undefined;
  let grantStore: GrantStore | undefined;
  const grants = (): GrantStore => (grantStore ??= options.grantStore ?? openGrantStore(config.store));
  const usage = createUsageRecorder(() => (usageStore ??= openUsageStore(config.store)), {
    flushIntervalMs: options.usageFlushIntervalMs ?? 10_000,
    maxEntries: 100_000,
    onError: (error) => logger.error({ err: error }, 'usage store write failed; these counts are lost'),
    onDrop: (count) => logger.warn({ dropped: count }, 'usage counts dropped: too many distinct consumer operations between flushes'),
  });
  const redis = config.store.redis;
  const fallbacksOf = cachedChildren((route, outcome) => metrics.rateLimitFallbacks.labels(route, outcome));
  // Created once for the process and kept across reloads: a reload must not reset every counter.
  const rateLimits = createRateLimitServices({
    ...(redis ? { redis: { url: redis.url, keyPrefix: redis.keyPrefix, timeoutMs: redis.timeout, retryAfterMs: redis.retryAfter, instances: redis.instances } } : {}),
    onStoreStatus: (status, error) => {
      metrics.rateLimitStoreUp.set(status === 'ready' ? 1 : 0);
      if (status === 'ready') logger.info({ redis: redactUrl(redis?.url ?? '') }, 'rate-limit store connected');
      else logger.error({ redis: redactUrl(redis?.url ?? ''), err: error }, 'rate-limit store unavailable; limits use their onStoreFailure policy');
    },
    onDegraded: (route, outcome) => fallbacksOf(route, outcome).inc(),
  });
  if (redis) {
    metrics.rateLimitStoreUp.set(0);
    if (!await rateLimits.connected()) logger.error({ redis: redactUrl(redis.url) }, 'rate-limit store not reachable at start; limits use their onStoreFailure policy until it is');
  }
  const baseDir = options.configFile === undefined ? resolvePath(options.baseDir ?? '.') : dirname(resolvePath(options.configFile));
  const discovery = config.discovery.enabled ? await startDiscovery(config, baseDir, logger, metrics) : undefined;
  const stageDeps: StageDeps = {
    logger, overload, isTrustedProxy: (ip) => trusted.matches(ip), usage, rateLimits,
    keyStore: () => (keyStore ??= options.keyStore ?? openKeyStore(config.store)), grantStore: grants,
    ...(discovery ? { discovery: discovery.queue } : {}),
  };
  let initial;
  try {
    initial = compileRuntime(config, stageDeps, upstreams, await loadRuntimeDocuments(config, baseDir));
    overload.forgive();
  } catch (error) {
    overload.stop();
    retention.stop();
    await usage.close();
    await sink.close();
    await rateLimits.close();
    await discovery?.close();
    if (!options.eventStore) await eventStore.close();
    throw error;
  }
  const gateway = createGateway(initial, {
    logger, metrics, sink, isTrustedProxy: stageDeps.isTrustedProxy, accessLog: config.logging.accessLog,
  });

  const writeEvent = (event: Omit<SecurityEvent, 'id' | 'time'>): void => {
    sink.write({ id: crypto.randomUUID(), time: new Date().toISOString(), ...event });
  };
  const listeners: Listener[] = [];
  let isReady = false;
  let admin: AdminServer | undefined;
  try {
    for (const [index, listener] of config.server.listeners.entries()) {
      listeners.push(await startListener(listener, config.server, {
        handle: (req, res, protocol) => gateway.handle(req, res, protocol),
        onClientError: (ruleId, status, remoteAddress) => {
          metrics.denials.inc({ stage: 'gateway', rule: ruleId, route: '-', action: 'blocked' });
          if (status === 0) return;
          writeEvent({ ruleId, stage: 'gateway', category: 'API8:2023', severity: 'low', action: 'blocked', status, clientIp: remoteAddress ?? '', detail: 'rejected by the HTTP parser or a timeout' });
        },
      }, `server.listeners[${index}]`));
    }
    if (config.admin.enabled) {
      admin = await startAdminServer({
        host: config.admin.host, port: config.admin.port, registry: metrics.registry, isReady: () => isReady,
        hotKeys: (minutes, count) => rateLimits.hotKeys(minutes, count),
        ...(discovery ? { discovery: { queue: discovery.queue, views: () => discovery.discovery.views(), ...(config.discovery.collectorToken === undefined ? {} : { collectorToken: config.discovery.collectorToken }) } } : {}),
        ...(config.admin.metricsToken === undefined ? {} : { metricsToken: config.admin.metricsToken }),
      });
    }
  } catch (error) {
    await Promise.all(listeners.map((l) => new Promise((resolve) => l.server.close(resolve))));
    overload.stop();
    retention.stop();
    await usage.close();
    await sink.close();
    await upstreams.closeAll();
    await rateLimits.close();
    await discovery?.close();
    if (!options.eventStore) await eventStore.close();
    throw error;
  }
  setInterval(() => metrics.eventsQueued.set(sink.pending), 1000).unref();
  // Grants end by themselves (each request checks expiresAt); this only records that they did, once
  // across every gateway sharing the store (claimExpired is atomic).
  const grantSweep = setInterval(() => {
    grants().claimExpired(Date.now())
      .then((expired) => { for (const grant of expired) sink.write(grantExpiredEvent(grant)); })
      .catch((error: unknown) => logger.error({ err: error }, 'could not look for expired grants'));
  }, options.grantSweepIntervalMs ?? 5000);
  grantSweep.unref();
  isReady = true;

  async function reload(): Promise<ReloadResult> {
    if (options.configFile === undefined) return { ok: false, error: 'no configuration file to reload from' };
    try {
      const next = loadGatewayConfig(options.configFile);
      const runtime = compileRuntime(next, stageDeps, upstreams, await loadRuntimeDocuments(next, baseDir));
      overload.forgive();
      gateway.swap(runtime);
      const restartOnly = (['server', 'admin', 'store', 'events', 'logging'] as const)
        .filter((key) => JSON.stringify(next[key]) !== JSON.stringify(config[key]));
      if (restartOnly.length > 0) logger.warn({ sections: restartOnly }, 'these settings changed and take effect on restart');
      config = next;
      await upstreams.release(new Set(runtime.routes.flatMap((r) => (r.upstream ? [r.upstream.key] : []))));
      metrics.configReloads.inc({ result: 'ok' });
      logger.info({ file: options.configFile }, 'configuration reloaded');
      return { ok: true };
    } catch (error) {
      metrics.configReloads.inc({ result: 'rejected' });
      const message = isBulwarkError(error) ? error.message : String(error);
      logger.error({ file: options.configFile, problems: message }, 'configuration rejected; keeping the last good one');
      return { ok: false, error: message };
    }
  }

  // The config file and the OpenAPI documents it names are watched; a change of either reloads.
  // (Files a document pulls in through $ref are not watched: SIGHUP reloads after those.)
  const watchers = new Map<string, { close(): void }>();
  const isWatching = options.configFile !== undefined && (options.watch ?? true);
  const watchFiles = (): void => {
    if (!isWatching) return;
    const files = new Set([resolvePath(options.configFile!), ...documentPaths(config, baseDir)]);
    for (const [file, watcher] of watchers) {
      if (files.has(file)) continue;
      watcher.close();
      watchers.delete(file);
    }
    for (const file of files) if (!watchers.has(file)) watchers.set(file, watchConfigFile(file, () => void reload().then(watchFiles)));
  };
  watchFiles();

  let closing: Promise<void> | undefined;
  async function close(): Promise<void> {
    isReady = false;
    clearInterval(grantSweep);
    for (const watcher of watchers.values()) watcher.close();
    const deadline = Date.now() + config.server.shutdownTimeout;
    // server.close() stops accepting and (Node >= 19) closes idle keep-alive sockets.
    const closed = listeners.map((l) => new Promise<void>((resolve) => l.server.close(() => resolve())));
    while (gateway.inFlight > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
    for (const l of listeners) l.server.closeAllConnections();
    await Promise.all(closed);
    overload.stop();
    retention.stop();
    await admin?.close();
    await sink.close();
    await upstreams.closeAll();
    await rateLimits.close();
    await discovery?.close();
    if (!options.eventStore) await eventStore.close();
    if (!options.keyStore) await keyStore?.close();
    await usage.close();
    await usageStore?.close();
    if (!options.grantStore) await grantStore?.close();
    logger.info('gateway stopped');
  }

  return {
    listeners, metrics, gateway, eventStore, discovery,
    get adminUrl() {
      return admin?.url;
    },
    reload,
    flushEvents: () => sink.flush(),
    flushUsage: () => usage.flush(),
    close: () => (closing ??= close()),
  };
}


/** Discovery with its own store connection; the documents the routes enforce give known templates. */
async function startDiscovery(config: GatewayConfig, baseDir: string, logger: Logger, metrics: GatewayMetrics): Promise<DiscoveryService> {
  // An unreadable document is reported by compileRuntime with its problems; discovery just starts without it.
  const documents = await documentsOfConfig(config, baseDir).catch(() => []);
  const store = openInventoryStore(config.store);
  const service = await startDiscoveryService({
    config: config.discovery, store, documents, logger,
    onSample: (outcome, count) => metrics.discoverySamples.labels(outcome).inc(count),
    onOperations: (count) => metrics.discoveryOperations.set(count),
  });
  return {
    ...service,
    async close() {
      await service.close();
      await store.close();
    },
  };
}
