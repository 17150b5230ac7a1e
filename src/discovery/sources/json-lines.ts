// Reads a file of JSON lines as a stream, one object per line, holding at most one line of bounded
// length in memory (readline would buffer a line of any length before handing it over).
import { createReadStream } from 'node:fs';
import { jsonErrorOffset } from './json-error-offset.js';

export type JsonLine = { line: number; record: Record<string, unknown> } | { line: number; problem: string };

export interface JsonLineOptions {
  maxLineBytes: number;
  /** Stop before the first line that ends past this many bytes. */
  maxBytes: number;
}

const NEWLINE = 0x0a;

/** Calls `visit` for every non-blank line in order; resolves with whether it stopped at `maxBytes`. */
export async function readJsonLines(path: string, options: JsonLineOptions, visit: (line: JsonLine) => void): Promise<{ isTruncated: boolean }> {
  const stream = createReadStream(path, { highWaterMark: 256 * 1024 });
  const state: LineState = { parts: [], length: 0, isOversized: false, line: 0, offset: 0 };
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      let start = 0;
      for (let newline = chunk.indexOf(NEWLINE); newline !== -1; newline = chunk.indexOf(NEWLINE, start)) {
        if (state.offset + newline + 1 > options.maxBytes) return { isTruncated: true };
        append(state, chunk.subarray(start, newline), options.maxLineBytes);
        emit(state, options.maxLineBytes, visit);
        start = newline + 1;
      }
      append(state, chunk.subarray(start), options.maxLineBytes);
      state.offset += chunk.length;
      // The pending line already ends past the cap: the lines so far are all that will be read.
      if (state.offset > options.maxBytes) return { isTruncated: true };
    }
    if (state.length > 0 || state.isOversized) emit(state, options.maxLineBytes, visit);
    return { isTruncated: false };
  } finally {
    stream.destroy();
  }
}

interface LineState {
  parts: Buffer[];
  length: number;
  /** The current line passed maxLineBytes: its bytes are dropped as they arrive. */
  isOversized: boolean;
  line: number;
  /** Bytes of the file before the current chunk. */
  offset: number;
}

function append(state: LineState, piece: Buffer, maxLineBytes: number): void {
  if (state.isOversized || piece.length === 0) return;
  if (state.length + piece.length > maxLineBytes) {
    state.isOversized = true;
    state.parts = [];
    state.length = 0;
    return;
  }
  // Copy: the stream may reuse the chunk's memory once the loop moves on.
  state.parts.push(Buffer.from(piece));
  state.length += piece.length;
}

function emit(state: LineState, maxLineBytes: number, visit: (line: JsonLine) => void): void {
  state.line += 1;
  const line = state.line;
  const isOversized = state.isOversized;
  const bytes = Buffer.concat(state.parts, state.length);
  state.parts = [];
  state.length = 0;
  state.isOversized = false;
  if (isOversized) {
    visit({ line, problem: `longer than ${maxLineBytes} bytes` });
    return;
  }
  // Invalid UTF-8 becomes U+FFFD: one bad byte in a logged URI must not cost the whole line.
  const text = bytes.toString('utf8');
  const trimmed = (line === 1 && text.startsWith('\uFEFF') ? text.slice(1) : text).trim();
  if (trimmed === '') return;
  visit(parseLine(line, trimmed));
}

function parseLine(line: number, text: string): JsonLine {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { line, problem: jsonProblem(text) };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { line, problem: 'not a JSON object' };
  return { line, record: value as Record<string, unknown> };
}

/** Where the line stops being JSON, never the parser's message: V8 quotes the input, which may hold what the log should not repeat. */
export function jsonProblem(text: string): string {
  const offset = jsonErrorOffset(text);
  const where = offset === text.length ? ': it ends early' : offset >= 0 ? ` at column ${offset + 1}` : '';
  // nginx without `escape=json` writes \xHH escapes, which JSON does not have.
  const hint = /\\x[0-9A-Fa-f]{2}/.test(text) ? ' (\\xHH escapes: is the nginx log_format missing escape=json?)' : '';
  return `not JSON${where}${hint}`;
}
