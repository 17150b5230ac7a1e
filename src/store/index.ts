// The store module's public surface: the event store interfaces and one way to open the configured
// backend. Other modules import from here, never from a backend folder.
import type { EventStore } from './event-store.js';
import { openSqliteEventStore } from './sqlite/sqlite-event-store.js';

export type { EventQuery, EventStore } from './event-store.js';

export interface EventStoreConfig {
  /** The embedded default. A `postgres` alternative will join it for multi-instance deployments. */
  sqlite: { path: string };
}

/** Opens (creating and migrating as needed) the configured event store. */
export function openEventStore(config: EventStoreConfig): EventStore {
  return openSqliteEventStore(config.sqlite);
}
