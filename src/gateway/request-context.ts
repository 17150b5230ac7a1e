// Per-request state shared by the stages: who and what the request is, where it goes, and a
// recorder for events that do not stop the request.
import type { IncomingHttpHeaders } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { ContractMatch } from '../contract/index.js';
import type { RateLimitHeaders } from '../ratelimit/index.js';
import type { Consumer, EventAction, Evidence, Operation, Severity } from '../core/types.js';

export interface BodyLimit {
  /** Largest body accepted, measured after content-encoding is undone. */
  maxBytes: number;
  /** Largest decoded/encoded ratio for compressed bodies (Envoy's max inflate ratio). */
  maxInflateRatio: number;
}

/**
 * The TLS connection as stages may read it: whether the client certificate was verified against the
 * listener's `tls.clientCa`, and the certificate itself. Nothing is read until a stage asks.
 */
export type TlsPeer = Pick<TLSSocket, 'authorized' | 'authorizationError' | 'getPeerCertificate'>;

/** An event gathered while handling a request; written to the event sink when the request ends. */
export interface RecordedEvent {
  ruleId: string;
  stage: string;
  category: string;
  severity: Severity;
  action: EventAction;
  detail: string;
  evidence?: Evidence;
}

export interface RequestContext {
  readonly id: string;
  /** performance.now() when the request arrived. */
  readonly startedAt: number;
  readonly method: string;
  /** The request target as received. */
  readonly url: string;
  /** Normalised path (RFC 3986 dot segments removed, slashes merged); routing and stages use this. */
  readonly path: string;
  /** Raw query string without the leading '?'; '' when absent. */
  readonly query: string;
  readonly headers: IncomingHttpHeaders;
  readonly rawHeaders: readonly string[];
  readonly protocol: 'http' | 'https';
  /**
   * The TLS socket on https listeners (undefined on http). A reference only: the peer certificate is
   * parsed when a stage calls getPeerCertificate(), so requests that do not look pay nothing.
   */
  readonly tls?: TlsPeer;
  /** Host header, lowercased, without the port. */
  readonly host: string;
  /** The TCP peer. */
  readonly remoteAddress: string;
  /** The client as decided by `server.trustedProxies` and X-Forwarded-For. */
  readonly clientIp: string;
  readonly routeName: string;
  operation?: Operation;
  /** The route's OpenAPI match (set before the stages run, on routes with a document). */
  contract?: ContractMatch;
  consumer?: Consumer;
  /**
   * Headers to set on the upstream request (a value) or remove from it (undefined), applied after
   * the forwarding headers: how the identity stage passes the verified consumer on.
   */
  upstreamHeaders?: Record<string, string | undefined>;
  bodyLimit: BodyLimit;
  readonly events: RecordedEvent[];
  /** RateLimit-Policy / RateLimit values the ratelimit stage adds to the answer. */
  rateLimitHeaders?: RateLimitHeaders;
  /** Called once when the response has ended, however it ended (concurrency slots given back). */
  onFinish?: (() => void)[];
}

/** The response head as the response phase sees it; stages may edit the headers in place. */
export interface ResponseHead {
  status: number;
  /** Lowercase names. */
  headers: Record<string, string | string[] | undefined>;
  /** True when the gateway itself answers (a denial or an upstream error), not the upstream. */
  readonly isLocal: boolean;
}

export function recordEvent(ctx: RequestContext, event: RecordedEvent): void {
  ctx.events.push(event);
}
