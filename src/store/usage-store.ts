// What each consumer actually did, by day: the operations it was allowed (or refused), the scopes and
// policies those uses needed, and the privileges it presented. `bulwark access report` compares this
// with what the consumer may do, to find privilege nobody uses (least privilege, OWASP API5:2023).
// Only src/store/<backend>/ imports a driver; every backend passes usage-store.contract.ts.

/** Aggregated uses of one operation by one consumer on one route. */
export interface OperationUsage {
  readonly consumer: string;
  /** How the consumer authenticated (jwt, api-key, mtls, basic, introspection). */
  readonly kind: string;
  readonly route: string;
  /** `METHOD /path/{template}`, or `METHOD *` on a route without an OpenAPI document. */
  readonly operation: string;
  readonly operationId?: string;
  readonly allowed: number;
  readonly denied: number;
  /** Scopes that a use needed and the consumer held (the OpenAPI requirement it met). */
  readonly scopesUsed: readonly string[];
  /** Names of the access policies that granted a use. */
  readonly policiesUsed: readonly string[];
  /** ISO 8601. */
  readonly lastSeen: string;
}

/** The privileges one consumer presented over a day (union of what its requests carried). */
export interface PrivilegeSighting {
  readonly consumer: string;
  readonly kind: string;
  readonly scopes: readonly string[];
  readonly roles: readonly string[];
  readonly groups: readonly string[];
  /** ISO 8601. */
  readonly lastSeen: string;
}

export interface UsageStore {
  /** Adds counts to the `day` (YYYY-MM-DD, UTC) bucket: counters add up, sets unite, lastSeen keeps the later. */
  addUsage(day: string, operations: readonly OperationUsage[], privileges: readonly PrivilegeSighting[]): Promise<void>;
  /** Buckets from `sinceDay` (inclusive) on, merged across days; optionally one consumer only. */
  usageSince(sinceDay: string, consumer?: string): Promise<OperationUsage[]>;
  privilegesSince(sinceDay: string, consumer?: string): Promise<PrivilegeSighting[]>;
  /** Deletes buckets older than `day`; resolves with the rows deleted. */
  deleteUsageBefore(day: string): Promise<number>;
  close(): Promise<void>;
}

/** The UTC day of an instant, as the stores bucket it. */
export function usageDay(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10);
}

/** Sorted union: stable output, and the same set always stores the same text. */
export function unite(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])].sort();
}

export function laterOf(a: string, b: string): string {
  return a >= b ? a : b;
}
