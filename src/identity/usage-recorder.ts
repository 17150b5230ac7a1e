// Counts what authenticated consumers do, in memory, and writes the counts to the usage store in the
// background: record() is a few map operations on the request path; the store sees one transaction
// per flush interval. The data feeds `bulwark access report` (unused privilege).
import type { Consumer } from '../core/types.js';
import { usageDay, type OperationUsage, type PrivilegeSighting, type UsageStore } from '../store/index.js';

export interface UsageUse {
  readonly consumer: Consumer;
  readonly route: string;
  readonly operation: string;
  readonly operationId?: string;
  readonly allowed: boolean;
  /** The scopes an allowed use needed. */
  readonly scopesUsed?: readonly string[];
  /** The policy that granted an allowed use, when a policy had to. */
  readonly policy?: string;
}

export interface UsageRecorder {
  record(use: UsageUse): void;
  /** Writes what is counted so far. */
  flush(): Promise<void>;
  /** Flushes and stops the timer; later records are ignored. */
  close(): Promise<void>;
}

export interface UsageRecorderOptions {
  flushIntervalMs: number;
  /** Distinct (consumer, route, operation) keys kept between flushes; more are dropped and reported. */
  maxEntries: number;
  now?: () => number;
  onError?: (error: unknown) => void;
  onDrop?: (count: number) => void;
}

interface Entry {
  consumer: string;
  kind: string;
  route: string;
  operation: string;
  operationId: string | undefined;
  allowed: number;
  denied: number;
  scopes: Set<string>;
  policies: Set<string>;
  lastSeen: number;
}

interface Privileges {
  kind: string;
  scopes: Set<string>;
  roles: Set<string>;
  groups: Set<string>;
  lastSeen: number;
}

/** `store` is opened on the first flush that has something to write: gateways without consumers never open it. */
export function createUsageRecorder(store: () => UsageStore, options: UsageRecorderOptions): UsageRecorder {
  const now = options.now ?? Date.now;
  let entries = new Map<string, Entry>();
  let privileges = new Map<string, Privileges>();
  let dropped = 0;
  let writing: Promise<void> = Promise.resolve();
  let isClosed = false;
  const timer = setInterval(() => void flush().catch(() => undefined), options.flushIntervalMs);
  timer.unref();

  function record(use: UsageUse): void {
    if (isClosed) return;
    const at = now();
    const consumer = use.consumer;
    const key = `${consumer.id}\u0000${use.route}\u0000${use.operation}`;
    let entry = entries.get(key);
    if (!entry) {
      if (entries.size >= options.maxEntries) {
        dropped++;
        return;
      }
      entry = {
        consumer: consumer.id, kind: consumer.kind, route: use.route, operation: use.operation, operationId: use.operationId,
        allowed: 0, denied: 0, scopes: new Set(), policies: new Set(), lastSeen: at,
      };
      entries.set(key, entry);
    }
    entry.lastSeen = at;
    if (!use.allowed) {
      entry.denied++;
    } else {
      entry.allowed++;
      if (use.scopesUsed) for (const scope of use.scopesUsed) entry.scopes.add(scope);
      if (use.policy !== undefined) entry.policies.add(use.policy);
    }
    let held = privileges.get(consumer.id);
    if (!held) {
      held = { kind: consumer.kind, scopes: new Set(), roles: new Set(), groups: new Set(), lastSeen: at };
      privileges.set(consumer.id, held);
    }
    held.kind = consumer.kind;
    held.lastSeen = at;
    for (const scope of consumer.scopes) held.scopes.add(scope);
    for (const role of consumer.roles) held.roles.add(role);
    for (const group of consumer.groups) held.groups.add(group);
  }

  async function write(): Promise<void> {
    if (dropped > 0) {
      const count = dropped;
      dropped = 0;
      options.onDrop?.(count);
    }
    if (entries.size === 0) return;
    const taken = entries;
    const takenPrivileges = privileges;
    entries = new Map();
    privileges = new Map();
    const operations: OperationUsage[] = [...taken.values()].map((entry) => ({
      consumer: entry.consumer, kind: entry.kind, route: entry.route, operation: entry.operation,
      ...(entry.operationId === undefined ? {} : { operationId: entry.operationId }),
      allowed: entry.allowed, denied: entry.denied, scopesUsed: [...entry.scopes], policiesUsed: [...entry.policies],
      lastSeen: new Date(entry.lastSeen).toISOString(),
    }));
    const sightings: PrivilegeSighting[] = [...takenPrivileges].map(([consumer, held]) => ({
      consumer, kind: held.kind, scopes: [...held.scopes], roles: [...held.roles], groups: [...held.groups], lastSeen: new Date(held.lastSeen).toISOString(),
    }));
    try {
      await store().addUsage(usageDay(now()), operations, sightings);
    } catch (error) {
      // Counts are statistics, not events: a failed write is reported and the counts let go, rather
      // than piling up in memory while the store is away.
      options.onError?.(error);
    }
  }

  /** One write at a time, in order. */
  function flush(): Promise<void> {
    writing = writing.then(write);
    return writing;
  }

  return {
    record,
    flush,
    async close() {
      if (isClosed) return writing;
      isClosed = true;
      clearInterval(timer);
      await flush();
    },
  };
}
