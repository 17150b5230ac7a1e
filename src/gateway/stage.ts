// The contract every gateway stage implements (Envoy's filter shape): a validated config schema, a
// factory that compiles that config once per route at load or reload, and per-request phase handlers.
import type { TObject } from '@sinclair/typebox';
import type { Logger } from 'pino';
import type { Severity } from '../core/types.js';
import type { RequestBody } from './request-body.js';
import type { RequestContext, ResponseHead } from './request-context.js';
import type { Verdict } from './verdict.js';
import type { Overload } from './overload.js';
import type { GrantStore, KeyStore } from '../store/index.js';
import type { UsageRecorder } from '../identity/usage-recorder.js';
import type { RateLimitServices } from '../ratelimit/index.js';
import type { SampleSink } from '../discovery/index.js';

/** A rule a stage can report; the registry of these feeds docs/errors.md and its drift test. */
export interface RuleDescription {
  id: string;
  status: number;
  title: string;
  severity: Severity;
  category: string;
  description: string;
}

/** Shared services a stage factory may use. Everything with I/O comes in through here. */
export interface StageDeps {
  readonly logger: Logger;
  readonly overload: Overload;
  /** Trusted proxy CIDRs from `server.trustedProxies`, already parsed. */
  readonly isTrustedProxy: (ip: string) => boolean;
  /** The API key store (`store.sqlite`), opened on first use; absent where no store is configured (tools, tests). */
  readonly keyStore?: () => KeyStore;
  /** The grant store (time-bound scopes, `bulwark grants`), opened on first use; absent in tools and most tests. */
  readonly grantStore?: () => GrantStore;
  /** Counts what consumers do (for `bulwark access report`); absent in tools and most tests. */
  readonly usage?: UsageRecorder;
  /** Rate-limit stores and counters shared by every route and kept across reloads; absent in tools and tests (the stage makes its own). */
  readonly rateLimits?: RateLimitServices;
  /** Where the discovery stage hands its traffic samples; absent when discovery is off (tools, most tests). */
  readonly discovery?: SampleSink;
}

export interface Stage {
  /** Request phase with headers known and the body not read. */
  onRequest?(ctx: RequestContext): Verdict | Promise<Verdict>;
  /** Whether this request's body must be buffered for onRequestBody (asked after onRequest). */
  needsBody?(ctx: RequestContext): boolean;
  /** Request phase with the whole (decoded) body; called only when some stage asked for it. */
  onRequestBody?(ctx: RequestContext, body: RequestBody): Verdict | Promise<Verdict>;
  /** Response phase with the response head (upstream's, or a local problem reply); may edit headers. */
  onResponse?(ctx: RequestContext, response: ResponseHead): Verdict;
  /**
   * How many bytes of this upstream response's body the stage wants to inspect; 0 for none. The
   * body is buffered (up to the largest limit asked) only when some stage asks; a larger body is
   * streamed through uninspected, with an event.
   */
  responseBodyLimit?(ctx: RequestContext, response: ResponseHead): number;
  /** Response phase with the whole (decoded) upstream body; may replace it. Synchronous. */
  onResponseBody?(ctx: RequestContext, response: ResponseHead, body: ResponseBody): Verdict;
}

/** An upstream response body being inspected; `replace` changes what the client receives. */
export interface ResponseBody {
  /** Media type, lowercased, without parameters; '' when absent. */
  readonly mediaType: string;
  /** The body with content-encoding undone. */
  readonly bytes: Buffer;
  replace(bytes: Buffer): void;
}

export interface StageDefinition<C = unknown> {
  /** Unit id: the folder name under stages/. */
  readonly name: string;
  readonly description: string;
  /** JSON Schema (TypeBox) of the stage's own options; the common keys (mode, ...) are added around it. */
  readonly configSchema: TObject;
  /** What the stage does when it throws, unless the config says otherwise (SECURITY-BASELINE.md). */
  readonly defaultFailurePolicy: 'open' | 'closed';
  /** The mode when the config does not set one (default enforce). */
  readonly defaultMode?: 'enforce' | 'monitor';
  /** Whether the stage runs when the config does not mention it. */
  readonly enabledByDefault: boolean;
  /** Only on routes with an OpenAPI document (routes[].openapi): elsewhere it has nothing to do. */
  readonly needsContract?: boolean;
  readonly rules: readonly RuleDescription[];
  create(config: C, deps: StageDeps): Stage;
}

/** Helper that keeps the config type of a definition while it sits in a heterogeneous registry. */
export function defineStage<C>(definition: StageDefinition<C>): StageDefinition<C> {
  return definition;
}
