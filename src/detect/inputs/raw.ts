// Bodies of any other type, and structured bodies that do not parse: the text as one field `body.raw`,
// or overlapping chunks `body.raw[0]`, `body.raw[1]`... when longer than a value may be. Binary content
// (a NUL or a known magic number in the first bytes, under a type that is not text) is not inspected.
import type { FieldKind, FieldSource } from '../field.js';
import { addField, report, type FieldSink } from './field-sink.js';

const SNIFF_BYTES = 512;
/** Characters shared by neighbouring chunks, so an attack straddling a cut is still seen whole in one. */
const CHUNK_OVERLAP = 256;

/** Magic numbers of common binary formats that can go 512 bytes without a NUL (PDF, text-free archives). */
const MAGIC_NUMBERS: readonly Buffer[] = ['%PDF-', '\x89PNG', 'GIF87a', 'GIF89a', '\xff\xd8\xff', 'PK\x03\x04', 'PK\x05\x06', '\x1f\x8b', 'BZh91', '7z\xbc\xaf', 'Rar!\x1a']
  .map((magic) => Buffer.from(magic, 'latin1'));

/**
 * The body as text when it is inspected: its bytes up to maxRawBytes, UTF-8 decoded. A body declared
 * as text is always read; under another or no type it is read unless its first bytes look binary, so a
 * JSON payload labelled `application/octet-stream` for a server that ignores the label is still seen.
 */
export function extractRawBody(sink: FieldSink, bytes: Buffer, mediaType: string): void {
  if (bytes.length === 0 || (!isTextMediaType(mediaType) && looksBinary(bytes))) return;
  extractRawText(sink, bytes, 'body', 'raw', 'body.raw', '');
}

/** Reads `bytes` (up to maxRawBytes) as UTF-8 text and adds it, chunked when long. Also for structured bodies that did not parse. */
export function extractRawText(sink: FieldSink, bytes: Buffer, kind: FieldKind, source: FieldSource, location: string, name: string): void {
  addTextBytes(sink, bytes, sink.limits.maxRawBytes, kind, source, location, name);
}

/**
 * Adds the first `maxBytes` of `bytes` as UTF-8 text: one field, or overlapping chunks `<location>[0]`...
 * when longer than maxFieldChars. Chunks are decoded from the bytes one by one (a UTF-8 byte decodes to
 * at most one UTF-16 unit, so a chunk of maxFieldChars bytes fits a value): one large string per body
 * would cost more than all its chunks, and a slice of it would keep the whole alive.
 */
export function addTextBytes(sink: FieldSink, bytes: Buffer, maxBytes: number, kind: FieldKind, source: FieldSource, location: string, name: string): void {
  const end = Math.min(bytes.length, maxBytes);
  if (bytes.length > maxBytes) report(sink, `a text of more than ${maxBytes} bytes was inspected only up to that size`);
  const size = sink.limits.maxFieldChars;
  if (end <= size) {
    addField(sink, kind, source, location, name, false, bytes.toString('utf8', 0, end));
    return;
  }
  const overlap = Math.min(CHUNK_OVERLAP, Math.floor(size / 2));
  for (let start = 0, index = 0; ; index++) {
    let chunkEnd = Math.min(start + size, end);
    // Cut before a character, not inside one: the character then starts the next chunk's overlap.
    if (chunkEnd < end) chunkEnd = characterStart(bytes, chunkEnd, start + 1);
    if (!addField(sink, kind, source, location + '[' + index + ']', name, false, bytes.toString('utf8', start, chunkEnd))) return;
    if (chunkEnd >= end) return;
    start = Math.max(start + 1, characterStart(bytes, chunkEnd - overlap, start + 1));
  }
}

/** `at`, moved back over UTF-8 continuation bytes (10xxxxxx) to the start of its character, but not below `floor`. */
function characterStart(bytes: Buffer, at: number, floor: number): number {
  let position = at;
  // Three continuation bytes at most in a valid sequence; more means invalid UTF-8, cut anywhere.
  for (let steps = 0; steps < 3 && position > floor && ((bytes[position] ?? 0) & 0xc0) === 0x80; steps++) position--;
  return position;
}

/** The first `maxBytes` bytes as UTF-8 (a character cut at the end becomes U+FFFD, which is harmless). */
export function decodeUtf8(bytes: Buffer, maxBytes: number): string {
  return bytes.toString('utf8', 0, Math.min(bytes.length, maxBytes));
}

/** Types whose content is text whatever its bytes: text/*, JSON, XML, forms, scripts, YAML, CSV, GraphQL. */
export function isTextMediaType(mediaType: string): boolean {
  if (mediaType.startsWith('text/')) return true;
  return mediaType.includes('json') || mediaType.includes('xml') || mediaType.includes('yaml') || mediaType.includes('javascript') ||
    mediaType.includes('csv') || mediaType === 'application/x-www-form-urlencoded' || mediaType === 'application/graphql';
}

/** A NUL in the first 512 bytes (text formats have none, nearly every binary one does) or a known magic number. */
export function looksBinary(bytes: Buffer): boolean {
  const head = bytes.subarray(0, SNIFF_BYTES);
  if (head.includes(0)) return true;
  return MAGIC_NUMBERS.some((magic) => startsWith(head, magic));
}

function startsWith(bytes: Buffer, prefix: Buffer): boolean {
  if (bytes.length < prefix.length) return false;
  for (let index = 0; index < prefix.length; index++) if (bytes[index] !== prefix[index]) return false;
  return true;
}
