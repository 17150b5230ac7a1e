// The IETF RateLimit header fields (draft-ietf-httpapi-ratelimit-headers-10): `RateLimit-Policy` lists
// the policies that applied (`"per-ip";q=100;w=60`), `RateLimit` the state of the one closest to
// refusing (`"per-ip";r=42;t=17`): the draft asks for the lowest remaining when several windows apply.
// Both are Structured Field lists of strings with integer parameters; policy names come from the
// configuration and are restricted there to characters that need no escaping in an sf-string.
import type { Decision, LimitSpec } from './algorithms.js';

export interface AppliedLimit {
  readonly name: string;
  readonly spec: LimitSpec;
  readonly decision: Decision;
}

export interface RateLimitHeaders {
  readonly 'ratelimit-policy': string;
  readonly ratelimit: string;
}

/** Policy items are fixed per limit: built once, when the stage compiles. */
export function policyItem(name: string, spec: LimitSpec): string {
  return `"${name}";q=${Math.floor(spec.limit)};w=${Math.max(1, Math.ceil(spec.periodMs / 1000))}`;
}

/**
 * The header values for the limits applied to one request. `refused`, when given, is the limit that
 * refused it: its RateLimit item is the one sent, with `t` equal to Retry-After (the draft asks both to
 * name the same moment).
 */
export function rateLimitHeaders(applied: readonly AppliedLimit[], policies: readonly string[], refused?: AppliedLimit): RateLimitHeaders {
  let shown = refused;
  if (shown === undefined) {
    for (const limit of applied) if (shown === undefined || limit.decision.remaining < shown.decision.remaining) shown = limit;
  }
  const seconds = shown === undefined ? 0 : Math.ceil((refused ? shown.decision.retryAfterMs : shown.decision.resetMs) / 1000);
  return {
    'ratelimit-policy': policies.join(', '),
    ratelimit: shown === undefined ? '' : `"${shown.name}";r=${Math.max(0, Math.floor(shown.decision.remaining))};t=${Math.max(0, seconds)}`,
  };
}

/** Retry-After in whole seconds (delay-seconds, RFC 9110 §10.2.3), at least 1. */
export function retryAfterSeconds(retryAfterMs: number): string {
  return String(Math.max(1, Math.ceil(retryAfterMs / 1000)));
}
