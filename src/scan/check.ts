// The shape of a scan check: one unit per file under checks/, listed in checks/registry.ts. A check
// sends requests through the context's client (which keeps the scan in scope, in budget and at the
// configured rate) and reports what the exchanges prove.
import type { ApiModel, OperationSpec } from '../contract/index.js';
import type { Exchange } from './exchange.js';
import type { ScanCategory, ScanConfidence, ScanSeverity } from './finding.js';
import type { Identity } from './identity.js';
import type { BuildOptions, BuiltRequest } from './requests/index.js';
import type { ResourcePool } from './resource-pool.js';

/** A request relative to the target: `path` is the path and query, sent to the target's origin. */
export interface ScanRequest {
  readonly method: string;
  readonly path: string;
  /** Lowercased names; the identity's credentials are added unless given here. */
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  /** Whose credentials to send; none for an anonymous request. */
  readonly identity?: Identity;
  /** Defaults to the scan's request timeout. */
  readonly timeoutMs?: number;
}

export interface ScanClient {
  /**
   * Sends one request, waiting for the rate limit. Rejects with SCAN_BUDGET_EXHAUSTED when the
   * request budget is spent, SCAN_REQUEST_REFUSED for a destructive method in safe mode; a network
   * failure or timeout is an Exchange with `error`, not a rejection.
   */
  send(request: ScanRequest): Promise<Exchange>;
  /** DELETE, PUT and PATCH change or remove data: only with --allow-destructive. */
  allows(method: string): boolean;
  readonly sent: number;
}

/** What a check says when it reports; the engine adds the check's id, category, title and remediation. */
export interface ReportedFinding {
  readonly operation?: OperationSpec;
  readonly message: string;
  readonly evidence: readonly Exchange[];
  readonly confidence: ScanConfidence;
  /** Overrides the check's severity for this finding (a read of another user's data vs. a delete). */
  readonly severity?: ScanSeverity;
}

export interface ScanContext {
  readonly api: ApiModel;
  /** The target's origin and base path: `https://staging.example.com/api`. */
  readonly target: URL;
  /** Users first, then administrators, as the auth profile lists them. */
  readonly identities: readonly Identity[];
  readonly client: ScanClient;
  readonly signal: AbortSignal;
  /** Ids learned from the target's answers, per identity. */
  readonly resources: ResourcePool;
  /** A valid request for the operation, with `owner`'s ids in its path where they are known. */
  requestFor(operation: OperationSpec, owner?: Identity, options?: BuildOptions): BuiltRequest;
  /**
   * What the operation answered the identity (undefined: anonymous) when the scan first exercised
   * the API with valid requests; undefined if it was not exercised (a destructive method in safe
   * mode, or no id for its path).
   */
  baseline(operation: OperationSpec, identity?: Identity): Baseline | undefined;
  report(finding: ReportedFinding): void;
}

/** A valid request the exercise sent, and what came back. */
export interface Baseline {
  readonly built: BuiltRequest;
  readonly exchange: Exchange;
}

export interface ScanCheck {
  /** `<category>.<name>` in lowercase (`api1.bola`), stable: configuration and CI baselines name it. */
  readonly id: string;
  readonly category: ScanCategory;
  readonly title: string;
  readonly severity: ScanSeverity;
  readonly remediation: string;
  run(context: ScanContext): Promise<void>;
}
