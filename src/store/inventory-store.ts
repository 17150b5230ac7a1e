// The API inventory learned by discovery: one record per operation (method and path template on a
// host) with what was learned about it, plus the learner state that is not per operation (path
// templates). Records are opaque JSON to the store: discovery owns their shape and version.
// Only src/store/<backend>/ imports a driver; every backend passes inventory-store.contract.ts.

export interface StoredOperation {
  /** `METHOD host template`, unique. */
  readonly id: string;
  readonly host: string;
  /** Uppercase. */
  readonly method: string;
  readonly template: string;
  /** ISO 8601. */
  readonly firstSeen: string;
  readonly lastSeen: string;
  readonly calls: number;
  /** Discovery's record of the operation (JSON). */
  readonly data: unknown;
}

export interface InventoryChange {
  /** Named learner state to replace (JSON), e.g. the path templates. */
  readonly state?: Readonly<Record<string, unknown>>;
  /** Operations to insert or replace, whole. */
  readonly upsert: readonly StoredOperation[];
  /** Operation ids to delete (merged into another template, or reset by the user). */
  readonly remove?: readonly string[];
}

export interface StoredInventory {
  readonly state: ReadonlyMap<string, unknown>;
  /** Ordered by host, template, method. */
  readonly operations: readonly StoredOperation[];
}

export interface InventoryStore {
  loadInventory(): Promise<StoredInventory>;
  /** Applies a change atomically: a crash leaves the previous inventory or the new one, never a mix. */
  saveInventory(change: InventoryChange): Promise<void>;
  /** Deletes everything discovery learned. */
  clearInventory(): Promise<void>;
  close(): Promise<void>;
}
