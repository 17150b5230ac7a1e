// Reads a JSON access log with a profile: every good line becomes a sample handed to `visit`, every
// bad one is counted with its problem, and a file in which no line is usable is an error.
import { stat } from 'node:fs/promises';
import type { TrafficSample } from '../../core/types.js';
import { createValueBudget } from './json-budget.js';
import { readJsonLines } from './json-lines.js';
import type { SourceLimits } from './limits.js';
import { recordToSample, type LogProfile } from './log-record.js';
import { createSkipLog, nothingUsable, recordSkip, sourceInvalid, type SourceResult, type SourceSummary } from './source-result.js';

/** `maxBytes`: Infinity to stream the whole file, limits.maxFileBytes when the samples are kept. */
export async function scanJsonLog(path: string, profile: LogProfile, limits: SourceLimits, maxBytes: number, visit: (sample: TrafficSample) => void): Promise<SourceSummary> {
  await assertRegularFile(path);
  const skips = createSkipLog();
  const budget = createValueBudget(limits.maxValues);
  let sampleCount = 0;
  let isTruncated: boolean;
  try {
    ({ isTruncated } = await readJsonLines(path, { maxLineBytes: limits.maxLineBytes, maxBytes }, (line) => {
      if ('problem' in line) return recordSkip(skips, line);
      const outcome = recordToSample(line.record, profile, { file: path, line: line.line, maxBodyBytes: limits.maxBodyBytes, budget });
      if ('problem' in outcome) return recordSkip(skips, { line: line.line, problem: outcome.problem });
      sampleCount += 1;
      visit(outcome.sample);
    }));
  } catch (error) {
    throw unreadable(path, error);
  }
  if (sampleCount === 0) throw nothingUsable(path, 'line', skips);
  return { format: profile.source, sampleCount, skipped: skips.listed, skippedCount: skips.count, isTruncated };
}

/** The samples kept in memory, reading at most limits.maxFileBytes. */
export async function readJsonLog(path: string, profile: LogProfile, limits: SourceLimits): Promise<SourceResult> {
  const samples: TrafficSample[] = [];
  const { sampleCount: _count, ...summary } = await scanJsonLog(path, profile, limits, limits.maxFileBytes, (sample) => samples.push(sample));
  return { ...summary, samples };
}

/** A FIFO or a device (/dev/zero) would never end: only regular files are read. */
export async function assertRegularFile(path: string): Promise<number> {
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw sourceInvalid(path, 'not a regular file');
    size = info.size;
  } catch (error) {
    throw unreadable(path, error);
  }
  return size;
}

/** File-system failures (ENOENT, EACCES, EISDIR …) name the file; anything else is a bug and stays as it is. */
export function unreadable(path: string, error: unknown): unknown {
  const isSystemError = error instanceof Error && 'syscall' in error && 'code' in error && typeof error.code === 'string';
  return isSystemError ? sourceInvalid(path, `cannot read the file (${String(error.code)})`, { cause: error }) : error;
}
