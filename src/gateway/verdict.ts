// What a stage phase returns: continue, or deny with the status, rule id and event data. A verdict
// is a value, never an exception (CONVENTIONS.md); exceptions fall to the stage's failure policy.
import type { Evidence, Severity } from '../core/types.js';

export interface Continue { readonly action: 'continue' }

/** One failed location in a problem answer: `query.limit` and why; never the value itself. */
export interface ProblemItem {
  readonly location: string;
  readonly problem: string;
}

export interface Denial {
  readonly action: 'deny';
  readonly status: number;
  /** Stable rule id, `<stage>.<what>`; listed in the stage's `rules` and in docs/errors.md. */
  readonly ruleId: string;
  /** Safe text for the client and the event; never echoes the offending value raw. */
  readonly detail: string;
  readonly severity: Severity;
  /** OWASP API 2023 id and/or attack class. */
  readonly category: string;
  readonly evidence?: Evidence;
  /** What failed where, listed in the problem body's `errors` (contract validation). */
  readonly problems?: readonly ProblemItem[];
  /** Extra response headers, e.g. Retry-After. */
  readonly headers?: Readonly<Record<string, string>>;
}

/** A local answer that is not a denial, e.g. a CORS preflight reply: no event, no upstream call. */
export interface Reply {
  readonly action: 'reply';
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
}

export type Verdict = Continue | Denial | Reply;

export const CONTINUE: Continue = Object.freeze({ action: 'continue' });

export function deny(denial: Omit<Denial, 'action'>): Denial {
  return { action: 'deny', ...denial };
}

export function reply(status: number, headers: Readonly<Record<string, string>>): Reply {
  return { action: 'reply', status, headers };
}
