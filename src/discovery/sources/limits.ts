// The caps that keep a traffic file from exhausting memory, their defaults, and the options to change them.

export interface SourceOptions {
  /**
   * Bytes read from one file. A larger HAR is refused (it is parsed whole); a log is read up to this
   * point and the result says `isTruncated` (scanTrafficFile streams logs and ignores this cap).
   */
  maxFileBytes?: number;
  /** Bytes of one body that are parsed as JSON or a form; a larger body keeps no value and says `truncated`. */
  maxBodyBytes?: number;
  /** Bytes of one log line; a longer line is skipped without being held in memory. */
  maxLineBytes?: number;
  /**
   * JSON values (objects, arrays, scalars) parsed from one file: the HAR document, and the bodies of
   * every sample together. Memory grows with values, not bytes (`[{},{},…]` costs ~20 bytes of heap per
   * byte of text), so this is the cap that bounds the heap.
   */
  maxValues?: number;
}

export type SourceLimits = Readonly<Required<SourceOptions>>;

// 256 MiB: the HAR text, its parsed form and the samples stay well under Node's default heap on a
// small machine; a 512 MiB file would also sit at V8's longest string (2^29 - 24 characters).
export const DEFAULT_LIMITS: SourceLimits = Object.freeze({
  maxFileBytes: 256 * 1024 * 1024,
  maxBodyBytes: 1024 * 1024,
  maxLineBytes: 1024 * 1024,
  // ~56 bytes per empty object at worst: 10 million values stay near 600 MB of heap.
  maxValues: 10_000_000,
});

/** How many skipped lines or entries a result lists; the count covers them all. */
export const MAX_SKIPPED_LISTED = 20;

export function resolveLimits(options: SourceOptions = {}): SourceLimits {
  const limits = { ...DEFAULT_LIMITS };
  for (const key of Object.keys(DEFAULT_LIMITS) as (keyof SourceOptions)[]) {
    const value = options[key];
    if (value === undefined) continue;
    // A caller's typo (0, NaN, -1) would silently drop every body or line: refuse it instead.
    if (!Number.isSafeInteger(value) || value <= 0) throw new RangeError(`${key} must be a positive integer, got ${String(value)}`);
    limits[key] = value;
  }
  return Object.freeze(limits);
}
