// Parses an already buffered multipart/form-data body (RFC 7578) with busboy under explicit limits and
// reports its fields and files for schema validation; anything that would be cut or skipped is a failure.
import busboy from 'busboy';
import type { Busboy } from 'busboy';

export interface MultipartLimits {
  /** Fields + files. */
  readonly maxParts: number;
  readonly maxFiles: number;
  /** Per file. */
  readonly maxFileBytes: number;
  /** Per text field value. */
  readonly maxFieldBytes: number;
  /** Per part. */
  readonly maxHeaderPairs: number;
}

export interface MultipartFile {
  readonly field: string;
  /** As sent, for events only; never used as a path. */
  readonly filename: string;
  /** The part's Content-Type, lowercased without parameters ('application/octet-stream' when absent). */
  readonly declaredType: string;
  /** From the file's magic bytes (see sniffMediaType); undefined when unknown. */
  readonly sniffedType: string | undefined;
  readonly size: number;
}

export type MultipartFailureReason = 'malformed' | 'too-many-parts' | 'too-many-files' | 'file-too-large' | 'field-too-large' | 'boundary';

export type MultipartParse =
  | { ok: true; fields: Readonly<Record<string, readonly string[]>>; files: readonly MultipartFile[] }
  | { ok: false; reason: MultipartFailureReason; problem: string };

type MultipartFailure = Extract<MultipartParse, { ok: false }>;

/** What the pre-scan learns about one part that busboy does not report. */
interface ScannedPart {
  /** Lowercased type/subtype; undefined when the part has no Content-Type (busboy would say 'text/plain'). */
  readonly contentType: string | undefined;
}

interface FileEntry {
  readonly field: string;
  readonly filename: string;
  readonly declaredType: string;
  size: number;
  head: Buffer;
}

const SNIFF_BYTES = 512;
const RESERVED_NAMES = new Set(['__proto__', 'constructor', 'prototype']);
// RFC 2046 §5.1.1: 1-70 characters from bchars, not ending with a space. None of them needs escaping in a
// quoted-string, which is what lets the boundary be handed to busboy in a header we build ourselves.
const BOUNDARY = /^[0-9A-Za-z'()+_,\-./:=? ]{0,69}[0-9A-Za-z'()+_,\-./:=?]$/;
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const HEADER_MAIN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+(?:\/[!#$%&'*+\-.^_`|~0-9A-Za-z]+)?/;
const HEADER_PARAMETER = /[ \t]*;[ \t]*([!#$%&'*+\-.^_`|~0-9A-Za-z]+)=(?:([!#$%&'*+\-.^_`|~0-9A-Za-z]+)|"((?:[\t \x21\x23-\x5b\x5d-\x7e\x80-\xff]|\\[\t \x21-\x7e\x80-\xff])*)")/y;

/** `contentType` is the full request Content-Type header (with the boundary parameter). */
export function parseMultipart(body: Buffer, contentType: string, limits: MultipartLimits): Promise<MultipartParse> {
  try {
    const boundary = boundaryOf(contentType);
    if (typeof boundary !== 'string') return Promise.resolve(boundary);
    const scanned = scanParts(body, boundary, limits);
    if (!Array.isArray(scanned)) return Promise.resolve(scanned);
    return parseParts(body, boundary, scanned, limits);
  } catch {
    return Promise.resolve(failure('malformed', 'the multipart body could not be parsed'));
  }
}

/**
 * Magic-number sniffing of the first bytes of a file: a few binary formats, else 'text/plain' for valid UTF-8
 * without NULs in the first 512 bytes (a character cut at the 512-byte mark still counts); undefined when unknown.
 */
export function sniffMediaType(head: Buffer): string | undefined {
  const window = head.subarray(0, SNIFF_BYTES);
  for (const { type, marks } of MAGIC_NUMBERS) {
    if (marks.every(([offset, bytes]) => window.toString('latin1', offset, offset + bytes.length) === bytes)) return type;
  }
  // An empty file says nothing about its type.
  if (window.length === 0 || window.includes(0)) return undefined;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(window, { stream: window.length === SNIFF_BYTES });
    return 'text/plain';
  } catch {
    return undefined;
  }
}

/** Whether a media type matches one of the allowed media ranges ('image/png', 'image/*', '*\/*'), case-insensitive, parameters ignored. */
export function isMediaTypeAllowed(mediaType: string, allowed: readonly string[]): boolean {
  const candidate = splitMediaType(mediaType);
  // A wildcard is a range, not a type a client may claim to send.
  if (candidate === undefined || candidate.type === '*' || candidate.subtype === '*') return false;
  return allowed.some((range) => {
    const parts = splitMediaType(range);
    if (parts === undefined) return false;
    if (parts.type === '*') return parts.subtype === '*';
    return parts.type === candidate.type && (parts.subtype === '*' || parts.subtype === candidate.subtype);
  });
}

const MAGIC_NUMBERS: readonly { readonly type: string; readonly marks: readonly (readonly [offset: number, bytes: string])[] }[] = [
  { type: 'image/png', marks: [[0, '\x89PNG\r\n\x1a\n']] },
  { type: 'image/jpeg', marks: [[0, '\xff\xd8\xff']] },
  { type: 'image/gif', marks: [[0, 'GIF87a']] },
  { type: 'image/gif', marks: [[0, 'GIF89a']] },
  { type: 'image/webp', marks: [[0, 'RIFF'], [8, 'WEBP']] },
  { type: 'application/pdf', marks: [[0, '%PDF-']] },
  // Local file header, empty archive, spanned archive.
  { type: 'application/zip', marks: [[0, 'PK\x03\x04']] },
  { type: 'application/zip', marks: [[0, 'PK\x05\x06']] },
  { type: 'application/zip', marks: [[0, 'PK\x07\x08']] },
  { type: 'application/gzip', marks: [[0, '\x1f\x8b\x08']] },
];

function boundaryOf(contentType: string): string | MultipartFailure {
  const parsed = parseHeaderValue(contentType);
  if (parsed === undefined) return failure('boundary', 'the Content-Type header is malformed');
  if (parsed.main !== 'multipart/form-data') return failure('boundary', 'the Content-Type is not multipart/form-data');
  const boundary = parsed.parameters.get('boundary');
  if (boundary === undefined) return failure('boundary', 'the Content-Type has no boundary parameter');
  if (!BOUNDARY.test(boundary)) return failure('boundary', `the boundary (${boundary.length} characters) is not 1-70 characters allowed by RFC 2046`);
  return boundary;
}

/**
 * Walks the part framing the way busboy does, to enforce what busboy 1.6 cannot: it ignores the headerPairs
 * limit, drops parts it does not understand (no form-data Content-Disposition, padding after a boundary)
 * without a word, reports a missing part Content-Type as 'text/plain', and takes the first of repeated
 * headers and parameters where an upstream parser may take the last.
 */
function scanParts(body: Buffer, boundary: string, limits: MultipartLimits): ScannedPart[] | MultipartFailure {
  const delimiter = Buffer.from(`\r\n--${boundary}`, 'latin1');
  // busboy reads the body as if it began with CRLF, so a body that opens with the boundary has no preamble.
  let at = body.subarray(0, delimiter.length - 2).equals(delimiter.subarray(2)) ? -2 : body.indexOf(delimiter);
  const parts: ScannedPart[] = [];
  for (;;) {
    const after = at + delimiter.length;
    if (at === -1 || body.length < after + 2) return failure('malformed', 'the body ends before its closing boundary');
    if (body[after] === 0x2d && body[after + 1] === 0x2d) return parts;
    if (body[after] !== 0x0d || body[after + 1] !== 0x0a) return failure('malformed', 'a boundary line has trailing characters');
    if (parts.length === limits.maxParts) return failure('too-many-parts', `the body has more than ${limits.maxParts} parts`);

    const start = after + 2;
    const next = body.indexOf(delimiter, after);
    const end = next === -1 ? body.length : next;
    const headerEnd = body.indexOf('\r\n\r\n', start);
    if (end < start || body[start] === 0x0d) return failure('malformed', 'a part has no headers');
    if (headerEnd === -1 || headerEnd + 4 > end) return failure('malformed', 'a part has no blank line after its headers');
    const part = scanHeaders(body.toString('latin1', start, headerEnd).split('\r\n'), limits);
    if ('ok' in part) return part;
    parts.push(part);
    at = next;
  }
}

function scanHeaders(lines: readonly string[], limits: MultipartLimits): ScannedPart | MultipartFailure {
  if (lines.length > limits.maxHeaderPairs) return failure('malformed', `a part has more than ${limits.maxHeaderPairs} header fields`);
  const values = new Map<string, string>();
  for (const line of lines) {
    // Obsolete line folding is read differently by different parsers; nothing legitimate needs it.
    if (line.startsWith(' ') || line.startsWith('\t')) return failure('malformed', 'a part header is folded over several lines');
    const colon = line.indexOf(':');
    const name = line.slice(0, Math.max(colon, 0)).toLowerCase();
    if (!TOKEN.test(name)) return failure('malformed', 'a part has a malformed header line');
    if ((name === 'content-disposition' || name === 'content-type') && values.has(name)) return failure('malformed', `a part repeats its ${name} header`);
    values.set(name, line.slice(colon + 1));
  }

  const disposition = parseHeaderValue(values.get('content-disposition') ?? '');
  const name = disposition?.parameters.get('name');
  if (disposition?.main !== 'form-data' || name === undefined || name === '') {
    return failure('malformed', 'a part has no form-data Content-Disposition with a name');
  }
  const type = values.get('content-type');
  if (type === undefined) return { contentType: undefined };
  const parsedType = parseHeaderValue(type);
  if (parsedType === undefined || !parsedType.main.includes('/')) return failure('malformed', 'a part has a malformed Content-Type');
  return { contentType: parsedType.main };
}

/** Parses `main *(; name=value)` strictly; undefined when malformed or when a parameter is repeated. */
function parseHeaderValue(text: string): { main: string; parameters: Map<string, string> } | undefined {
  const value = text.replace(/^[ \t]+|[ \t]+$/g, '');
  const main = HEADER_MAIN.exec(value);
  if (main === null) return undefined;
  const parameters = new Map<string, string>();
  let position = main[0].length;
  while (position < value.length) {
    HEADER_PARAMETER.lastIndex = position;
    const match = HEADER_PARAMETER.exec(value);
    if (match === null) return undefined;
    const name = (match[1] ?? '').toLowerCase();
    if (parameters.has(name)) return undefined;
    parameters.set(name, match[2] ?? (match[3] ?? '').replace(/\\(.)/gs, '$1'));
    position = HEADER_PARAMETER.lastIndex;
  }
  return { main: main[0].toLowerCase(), parameters };
}

function parseParts(body: Buffer, boundary: string, scanned: readonly ScannedPart[], limits: MultipartLimits): Promise<MultipartParse> {
  return new Promise((resolve) => {
    const fields: Record<string, string[]> = {};
    const files: FileEntry[] = [];
    let partCount = 0;
    let firstFailure: MultipartFailure | undefined;
    let isSettled = false;
    const fail = (reason: MultipartFailureReason, problem: string): void => {
      firstFailure ??= failure(reason, problem);
    };
    const settle = (): void => {
      if (isSettled) return;
      isSettled = true;
      if (partCount !== scanned.length) fail('malformed', 'a part could not be read as a field or a file');
      resolve(firstFailure ?? { ok: true, fields, files: files.map(toMultipartFile) });
    };

    let parser: Busboy;
    try {
      parser = busboy({
        headers: { 'content-type': `multipart/form-data; boundary="${boundary}"` },
        defCharset: 'utf8',
        defParamCharset: 'utf8',
        // Otherwise busboy strips directories from the filename, which is then no longer what was sent.
        preservePath: true,
        // busboy reports a limit when a count or size *reaches* it, so each gets one more to allow exactly the
        // configured value. parts is also enforced by the pre-scan; this is the backstop. headerPairs is ignored
        // by busboy 1.6 (the pre-scan enforces it) and is passed so a fixed busboy would agree.
        limits: {
          parts: limits.maxParts + 1,
          files: limits.maxFiles,
          fileSize: limits.maxFileBytes + 1,
          fieldSize: limits.maxFieldBytes + 1,
          headerPairs: limits.maxHeaderPairs,
        },
      });
    } catch {
      fail('boundary', 'the Content-Type header is malformed');
      settle();
      return;
    }

    parser.on('field', (name, value, info) => {
      partCount += 1;
      const problem = nameProblem(name);
      if (problem !== undefined) return fail('malformed', problem);
      if (info.valueTruncated) return fail('field-too-large', `a field value is larger than ${limits.maxFieldBytes} bytes`);
      const values = Object.hasOwn(fields, name) ? fields[name] : undefined;
      if (values === undefined) fields[name] = [value];
      else values.push(value);
    });
    parser.on('file', (name, stream, info) => {
      const entry: FileEntry = {
        field: name,
        filename: info.filename ?? '',
        declaredType: scanned[partCount]?.contentType ?? 'application/octet-stream',
        size: 0,
        head: Buffer.alloc(0),
      };
      partCount += 1;
      // Always drain the stream, even for a rejected part: busboy stalls on an unread file.
      stream.on('data', (chunk: Buffer) => {
        entry.size += chunk.length;
        // Copied so that only the head is kept, never a reference into the whole file.
        if (entry.head.length < SNIFF_BYTES) entry.head = Buffer.concat([entry.head, chunk.subarray(0, SNIFF_BYTES - entry.head.length)]);
      });
      stream.on('limit', () => fail('file-too-large', `a file is larger than ${limits.maxFileBytes} bytes`));
      stream.on('error', () => fail('malformed', 'a file part ends before its boundary'));
      const problem = nameProblem(name);
      if (problem === undefined) files.push(entry);
      else fail('malformed', problem);
    });
    parser.on('partsLimit', () => fail('too-many-parts', `the body has more than ${limits.maxParts} parts`));
    parser.on('filesLimit', () => fail('too-many-files', `the body has more than ${limits.maxFiles} files`));
    parser.on('error', (error) => {
      fail('malformed', describeBusboyError(error));
      settle();
    });
    parser.on('close', settle);
    try {
      parser.end(body);
    } catch {
      fail('malformed', 'the multipart body could not be parsed');
      settle();
    }
  });
}

function nameProblem(name: string | undefined): string | undefined {
  if (name === undefined || name === '') return 'a part has no name';
  // The names come from a fixed set, so quoting them echoes nothing the client chose freely.
  if (RESERVED_NAMES.has(name)) return `a part uses the reserved field name "${name}"`;
  return undefined;
}

/** Maps busboy's messages to our own wording rather than passing through text we do not control. */
function describeBusboyError(error: unknown): string {
  const message = error instanceof Error ? error.message : '';
  if (message === 'Unexpected end of form') return 'the body ends before its closing boundary';
  if (message === 'Unexpected end of file') return 'a file part ends before its boundary';
  if (message === 'Malformed part header') return 'a part has malformed headers';
  return 'the multipart body could not be parsed';
}

function toMultipartFile(entry: FileEntry): MultipartFile {
  return { field: entry.field, filename: entry.filename, declaredType: entry.declaredType, sniffedType: sniffMediaType(entry.head), size: entry.size };
}

function splitMediaType(mediaType: string): { type: string; subtype: string } | undefined {
  const semicolon = mediaType.indexOf(';');
  const essence = (semicolon === -1 ? mediaType : mediaType.slice(0, semicolon)).trim().toLowerCase();
  const slash = essence.indexOf('/');
  if (slash <= 0 || slash === essence.length - 1) return undefined;
  return { type: essence.slice(0, slash), subtype: essence.slice(slash + 1) };
}

function failure(reason: MultipartFailureReason, problem: string): MultipartFailure {
  return { ok: false, reason, problem };
}
