// What reading a traffic file returns: the samples, the lines or entries skipped and why, and the
// one error raised for a file that cannot be used at all.
import { BulwarkError } from '../../core/errors.js';
import type { TrafficSample } from '../../core/types.js';
import { MAX_SKIPPED_LISTED } from './limits.js';

export type TrafficFormat = 'har' | 'nginx' | 'envoy';
export const TRAFFIC_FORMATS: readonly TrafficFormat[] = ['har', 'nginx', 'envoy'];

/** A log line (1-based) or a HAR entry (0-based index into `log.entries`) that gave no sample. */
export type SkippedInput = { line: number; problem: string } | { entry: number; problem: string };

export interface SourceResult {
  format: TrafficFormat;
  samples: TrafficSample[];
  /** The first skipped lines or entries, in file order. */
  skipped: SkippedInput[];
  skippedCount: number;
  /** A log was read only up to `maxFileBytes`; the lines after it were not looked at. */
  isTruncated: boolean;
}

/** The same report without the samples, for readers that hand samples on one by one. */
export type SourceSummary = Omit<SourceResult, 'samples'> & { sampleCount: number };

/** Skipped lines or entries: every one counted, the first few kept. */
export interface SkipLog {
  readonly listed: SkippedInput[];
  count: number;
}

export function createSkipLog(): SkipLog {
  return { listed: [], count: 0 };
}

export function recordSkip(log: SkipLog, skipped: SkippedInput): void {
  log.count += 1;
  if (log.listed.length < MAX_SKIPPED_LISTED) log.listed.push(skipped);
}

/** `file: detail`, the shape every DISCOVERY_SOURCE_INVALID message has. */
export function sourceInvalid(file: string, detail: string, options: { cause?: unknown; details?: unknown } = {}): BulwarkError {
  return new BulwarkError('DISCOVERY_SOURCE_INVALID', `${file}: ${detail}`, options);
}

/** The error for a file in which nothing could be used, quoting the first problems so the user can fix them. */
export function nothingUsable(file: string, unit: 'line' | 'entry', skips: SkipLog): BulwarkError {
  if (skips.count === 0) return sourceInvalid(file, unit === 'line' ? 'the file has no lines' : 'log.entries is empty');
  const first = skips.listed.slice(0, 3).map((skip) => ('line' in skip ? `line ${skip.line}: ${skip.problem}` : skip.problem));
  const noun = unit === 'line' ? 'line' : 'entry';
  return sourceInvalid(file, `no ${noun} could be used (${skips.count} skipped; ${first.join('; ')})`, {
    details: { skipped: skips.listed, skippedCount: skips.count },
  });
}
