// HAR 1.2 files (http://www.softwareishard.com/blog/har-12-spec/), as browsers and proxies export
// them: one JSON document, read whole within the size and value caps, one sample per usable entry.
import { readFile } from 'node:fs/promises';
import type { TrafficSample } from '../../core/types.js';
import { sampleFromEntry } from './har-entry.js';
import { asLoose } from './har-headers.js';
import { countJsonValues, createValueBudget } from './json-budget.js';
import { jsonErrorOffset } from './json-error-offset.js';
import { resolveLimits, type SourceOptions } from './limits.js';
import { assertRegularFile, unreadable } from './log-reader.js';
import { createSkipLog, nothingUsable, recordSkip, sourceInvalid, type SourceResult } from './source-result.js';

/** A parsed HAR document's entries as samples; `file` only names it in messages and request ids. */
export function samplesFromHar(document: unknown, file: string, options?: SourceOptions): SourceResult {
  const limits = resolveLimits(options);
  const entries = entriesOf(document, file);
  const budget = createValueBudget(limits.maxValues);
  const skips = createSkipLog();
  const samples: TrafficSample[] = [];
  entries.forEach((entry, index) => {
    const outcome = sampleFromEntry(entry, index, { file, maxBodyBytes: limits.maxBodyBytes, budget });
    if ('sample' in outcome) samples.push(outcome.sample);
    else recordSkip(skips, { entry: index, problem: outcome.problem });
  });
  if (samples.length === 0) throw nothingUsable(file, 'entry', skips);
  return { format: 'har', samples, skipped: skips.listed, skippedCount: skips.count, isTruncated: false };
}

function entriesOf(document: unknown, file: string): unknown[] {
  const root = asLoose(document);
  if (root === undefined) return refuse(file, 'not a HAR: the document is not a JSON object');
  const log = asLoose(root.log);
  if (log === undefined) return refuse(file, 'not a HAR: log is missing or not an object');
  if (!Array.isArray(log.entries)) return refuse(file, 'not a HAR: log.entries is missing or not an array');
  return log.entries as unknown[];
}

function refuse(file: string, detail: string): never {
  throw sourceInvalid(file, detail);
}

/** Reads and parses a HAR file, refusing one over maxFileBytes or holding more than maxValues JSON values. */
export async function readHar(path: string, options?: SourceOptions): Promise<SourceResult> {
  const limits = resolveLimits(options);
  const size = await assertRegularFile(path);
  if (size > limits.maxFileBytes) {
    throw sourceInvalid(path, `${size} bytes is over the ${limits.maxFileBytes}-byte limit for a HAR; export fewer requests (filter to Fetch/XHR) or raise maxFileBytes`);
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw unreadable(path, error);
  }
  // Counted before parsing: the parse itself is what would exhaust the heap.
  if (countJsonValues(bytes, limits.maxValues) > limits.maxValues) {
    throw sourceInvalid(path, `holds more than ${limits.maxValues} JSON values; export fewer requests or raise maxValues`);
  }
  return samplesFromHar(parseDocument(bytes, path), path, options);
}

function parseDocument(bytes: Buffer, path: string): unknown {
  const text = bytes.toString('utf8');
  const json = text.startsWith('\uFEFF') ? text.slice(1) : text;
  if (json.trim() === '') throw sourceInvalid(path, 'the file is empty');
  try {
    return JSON.parse(json);
  } catch (error) {
    // Located by our own scan: engines word (and position) their syntax errors differently.
    const offset = jsonErrorOffset(json);
    if (offset === json.length) throw sourceInvalid(path, 'not JSON: it ends early (a cut-off download?)', { cause: error });
    throw sourceInvalid(path, `${lineAndColumn(json, Math.max(offset, 0))}: not JSON`, { cause: error });
  }
}

/** `line L, column C` (both 1-based) of a UTF-16 offset. */
export function lineAndColumn(text: string, offset: number): string {
  let line = 1;
  let lineStart = 0;
  for (let newline = text.indexOf('\n'); newline !== -1 && newline < offset; newline = text.indexOf('\n', newline + 1)) {
    line += 1;
    lineStart = newline + 1;
  }
  return `line ${line}, column ${offset - lineStart + 1}`;
}
