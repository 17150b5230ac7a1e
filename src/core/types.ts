// The shared vocabulary every module speaks (ARCHITECTURE.md): Operation, Consumer, SecurityEvent,
// TrafficSample and Finding. Plain data only; no behaviour lives here.

export type Severity = 'info' | 'low' | 'medium' | 'high' | 'critical';
export const SEVERITIES: readonly Severity[] = ['info', 'low', 'medium', 'high', 'critical'];

/**
 * blocked: a stage denied the request; monitored: it would have, in monitor mode; allowed: let through
 * with a note (e.g. a fail-open stage failure); error: the gateway could not serve it (upstream down);
 * audit: not a request at all but a management change recorded for accountability (a grant added,
 * revoked or expired; an API key created, revoked or rotated).
 */
export type EventAction = 'blocked' | 'monitored' | 'allowed' | 'error' | 'audit';
export const EVENT_ACTIONS: readonly EventAction[] = ['blocked', 'monitored', 'allowed', 'error', 'audit'];

/** One API operation: method plus path template, from an OpenAPI document or from discovery. */
export interface Operation {
  method: string;
  pathTemplate: string;
  operationId?: string;
  /** Which document or inventory it came from. */
  source?: string;
}

export type ConsumerKind = 'anonymous' | 'jwt' | 'api-key' | 'mtls' | 'basic' | 'introspection';

/** Who calls: an identity plus what it may do. Anonymous consumers are identified by IP only. */
export interface Consumer {
  id: string;
  kind: ConsumerKind;
  scopes: readonly string[];
  roles: readonly string[];
  groups: readonly string[];
  claims?: Readonly<Record<string, unknown>>;
}

/** Where a decision's input was found and what matched; secrets are masked before they get here. */
export interface Evidence {
  location?: string;
  name?: string;
  value?: string;
  matched?: string;
  [key: string]: unknown;
}

/** One decision worth recording. */
export interface SecurityEvent {
  id: string;
  time: string;
  ruleId: string;
  stage: string;
  /** OWASP API Security Top 10 2023 id (e.g. API4:2023) and/or an attack class. */
  category: string;
  severity: Severity;
  action: EventAction;
  status?: number;
  route?: string;
  method?: string;
  path?: string;
  operation?: string;
  consumer?: string;
  clientIp?: string;
  requestId?: string;
  detail?: string;
  evidence?: Evidence;
}

/** Where a traffic sample was observed. */
export type TrafficSource = 'gateway' | 'har' | 'nginx' | 'envoy' | 'collector';

/**
 * A message body as discovery sees it: its media type and, for JSON (and forms, as an object of
 * strings), the parsed value. Bodies that are not JSON / forms, or larger than the sampler's cap, carry
 * no value. In process only: discovery keeps shapes and masked samples, never the values.
 */
export interface SampleBody {
  contentType: string;
  size: number;
  value?: unknown;
  /** The body was larger than the cap and not parsed. */
  truncated?: boolean;
}

/**
 * One observed request/response pair, with timings: what discovery learns from. Header names are
 * lowercase. Secrets in headers (authorization, cookies, API keys) are present only while the sample
 * is handed over in process or to the collector; discovery reduces them to their kind (Basic, bearer
 * JWT issuer and scopes, API key name) and stores none of them.
 */
export interface TrafficSample {
  requestId: string;
  time: string;
  route: string;
  method: string;
  /** Path without the query string, percent-encoded as sent. */
  path: string;
  status: number;
  durationMs: number;
  requestHeaders: Record<string, string>;
  responseHeaders: Record<string, string>;
  consumer?: string;
  /** Query parameters in order, decoded. */
  query?: [string, string][];
  host?: string;
  requestBody?: SampleBody;
  responseBody?: SampleBody;
  /** The client presented a certificate that the gateway verified (mutual TLS). */
  clientCertificate?: boolean;
  source?: TrafficSource;
}

/** A result of the static audit or the active scanner. */
export interface Finding {
  checkId: string;
  category: string;
  severity: Severity;
  title: string;
  location: string;
  evidence?: string;
  remediation: string;
}
