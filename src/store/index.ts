// The store module's public surface: the store interfaces (events, API keys, grants) and one way to open
// each configured backend. Other modules import from here, never from a backend folder.
import type { EventStore } from './event-store.js';
import type { GrantStore } from './grant-store.js';
import type { KeyStore } from './key-store.js';
import { openSqliteEventStore } from './sqlite/sqlite-event-store.js';
import { openSqliteGrantStore } from './sqlite/sqlite-grant-store.js';
import { openSqliteKeyStore } from './sqlite/sqlite-key-store.js';
import { openSqliteUsageStore } from './sqlite/sqlite-usage-store.js';
import type { UsageStore } from './usage-store.js';
import type { InventoryStore } from './inventory-store.js';
import { openSqliteInventoryStore } from './sqlite/sqlite-inventory-store.js';

export type { EventQuery, EventStore } from './event-store.js';
export { parseApiKey, type ApiKeyRecord, type KeyStore, type NewApiKey } from './key-store.js';
export {
  grantStatus, isGrantId, isScopeToken, MAX_GRANT_TTL_MS, type GrantFilter, type GrantRecord, type GrantStore, type NewGrant,
} from './grant-store.js';
export type { InventoryChange, InventoryStore, StoredInventory, StoredOperation } from './inventory-store.js';
export { usageDay, type OperationUsage, type PrivilegeSighting, type UsageStore } from './usage-store.js';

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

/** Opens the grant store (time-bound scopes per consumer): the same database as the events. */
export function openGrantStore(config: EventStoreConfig): GrantStore {
  return openSqliteGrantStore(config.sqlite);
}

/** Opens the usage store (what consumers did, by day): the same database as the events. */
export function openUsageStore(config: EventStoreConfig): UsageStore {
  return openSqliteUsageStore(config.sqlite);
}

/** Opens the inventory store (what discovery learned): the same database as the events. */
export function openInventoryStore(config: EventStoreConfig): InventoryStore {
  return openSqliteInventoryStore(config.sqlite);
}
