// One request the scanner sent and what came back: the evidence every finding carries, and what a
// curl line reproduces. Bodies are kept as text, cut at a bound, so a report stays readable.

export interface SentRequest {
  /** Uppercase. */
  readonly method: string;
  /** Absolute URL, query included. */
  readonly url: string;
  /** Lowercased names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

export interface ReceivedResponse {
  readonly status: number;
  /** Lowercased names; repeated headers joined with ', ' (set-cookie with '\n'). */
  readonly headers: Readonly<Record<string, string>>;
  /** The body as UTF-8 text, at most MAX_EVIDENCE_BODY bytes of it. */
  readonly body: string;
  readonly isTruncated: boolean;
  readonly durationMs: number;
}

export interface Exchange {
  readonly request: SentRequest;
  /** Absent when no answer came: `error` says why (timeout, connection refused...). */
  readonly response?: ReceivedResponse;
  readonly error?: string;
}

/** Bytes of a response body kept as evidence and given to checks. */
export const MAX_EVIDENCE_BODY = 64 * 1024;
