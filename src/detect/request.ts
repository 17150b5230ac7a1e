// The request as the detection engine sees it: independent of the gateway, so `bulwark detect` and
// the benchmark can build one from a file and the threats stage from the live request.

export interface InspectBody {
  /** Media type, lowercased, without parameters; '' when absent. */
  readonly mediaType: string;
  /** The whole Content-Type header (multipart needs its boundary); '' when absent. */
  readonly contentType: string;
  /** Bytes with content-encoding undone. */
  readonly bytes: Buffer;
  /** Parsed JSON when the caller has it already (the gateway memoises one parse per request). */
  readonly json?: () => { ok: true; value: unknown } | { ok: false; error: string };
}

export interface InspectRequest {
  readonly method: string;
  /** The request target's path as received: still percent-encoded, without the query. */
  readonly path: string;
  /** The raw query string without the leading '?'; '' when absent. */
  readonly query: string;
  /** Header names and values as received, alternating (Node's rawHeaders). */
  readonly rawHeaders: readonly string[];
  readonly body?: InspectBody;
}
