// The store module's public surface: the store interfaces (events, API keys) and one way to open
// each configured backend. Other modules import from here, never from a backend folder.
import type { EventStore } from './event-store.js';
import type { KeyStore } from './key-store.js';
import { openSqliteEventStore } from './sqlite/sqlite-event-store.js';
import { openSqliteKeyStore } from './sqlite/sqlite-key-store.js';

export type { EventQuery, EventStore } from './event-store.js';
export { parseApiKey, type ApiKeyRecord, type KeyStore, type NewApiKey } from './key-store.js';

export interface EventStoreConfig {
  /** The embedded default. A `postgres` alternative will join it for multi-instance deployments. */
  sqlite: { path: string };
}

/** Opens (creating and migrating as needed) the configured event store. */
export function openEventStore(config: EventStoreConfig): EventStore {
  return openSqliteEventStore(config.sqlite);
}

/** Opens (creating and migrating as needed) the API key store: the same database as the events. */
export function openKeyStore(config: EventStoreConfig): KeyStore {
  return openSqliteKeyStore(config.sqlite);
}
