// The narrow interface every event store backend implements (SQLite now, PostgreSQL later); only
// src/store/<backend>/ imports a database driver. Every backend passes event-store.contract.ts.
import type { EventAction, SecurityEvent } from '../core/types.js';

export interface EventQuery {
  /** ISO time; events at or after it. */
  since?: string;
  /** ISO time; events before it. */
  until?: string;
  ruleId?: string;
  action?: EventAction;
  stage?: string;
  route?: string;
  clientIp?: string;
  /** Newest first; at most this many (default 100, max 10 000). */
  limit?: number;
  /** Opaque cursor from a previous page (the last event's id and time). */
  before?: { time: string; id: string };
}

export interface EventStore {
  /** Inserts a batch atomically. */
  insertEvents(events: readonly SecurityEvent[]): Promise<void>;
  queryEvents(query: EventQuery): Promise<SecurityEvent[]>;
  /** Deletes events older than the given ISO time; returns how many. */
  deleteEventsBefore(time: string): Promise<number>;
  close(): Promise<void>;
}
