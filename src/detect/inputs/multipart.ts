// Multipart form bodies (RFC 7578 over RFC 2046 framing), read synchronously: field names and values,
// and for files the filename, the declared type and, when the file is text, its first maxPartBytes.
// Framing that does not parse leaves the rest of the body to be inspected as raw text.
import { addField, locationName, note, type FieldSink } from './field-sink.js';
import { parameterOf, parseHeaderParameters } from './header-parameters.js';
import { addTextBytes, decodeUtf8, extractRawText, isTextMediaType, looksBinary } from './raw.js';

const CRLF = Buffer.from('\r\n', 'latin1');
const HEADER_END = Buffer.from('\r\n\r\n', 'latin1');

/** One part: its headers as text and where its content lies in the body. */
interface Part {
  readonly headers: string;
  readonly content: Buffer;
}

export function extractMultipart(sink: FieldSink, bytes: Buffer, contentType: string): void {
  const boundary = parameterOf(contentType, 'boundary');
  if (boundary === undefined || boundary.length === 0 || boundary.length > 200) {
    note(sink, 'a multipart body without a usable boundary was inspected as text');
    extractRawText(sink, bytes, 'body', 'raw', 'body.raw', '');
    return;
  }
  const delimiter = Buffer.from('\r\n--' + boundary, 'latin1');
  // The first delimiter may open the body (no preamble), without the CRLF that belongs to later ones.
  let at = bytes.subarray(0, delimiter.length - 2).equals(delimiter.subarray(2)) ? -2 : bytes.indexOf(delimiter);
  while (at !== -1 && !sink.isFull) {
    const next = readPart(bytes, at + delimiter.length, delimiter);
    if (next === 'end') return;
    if (next === undefined) break;
    extractPart(sink, next.part);
    at = next.at;
  }
  if (sink.isFull) return;
  // No closing delimiter, or a broken part: what follows may still reach a lenient parser upstream.
  note(sink, 'a malformed multipart body was inspected as text from the point it broke');
  extractRawText(sink, bytes.subarray(at < 0 ? 0 : at + 2), 'body', 'raw', 'body.raw', '');
}

/** Reads the part after a delimiter ending at `after`: 'end' at the closing delimiter, undefined when malformed. */
function readPart(bytes: Buffer, after: number, delimiter: Buffer): { part: Part; at: number } | 'end' | undefined {
  if (bytes[after] === 0x2d && bytes[after + 1] === 0x2d) return 'end';
  // RFC 2046 §5.1.1: linear whitespace may follow a delimiter before its CRLF.
  let lineEnd = after;
  while (bytes[lineEnd] === 0x20 || bytes[lineEnd] === 0x09) lineEnd++;
  if (bytes.indexOf(CRLF, lineEnd) !== lineEnd) return undefined;
  const start = lineEnd + 2;
  const next = bytes.indexOf(delimiter, start);
  if (next === -1) return undefined;
  // A part with no headers opens with its blank line.
  const headerEnd = bytes.indexOf(CRLF, start) === start ? start - 2 : bytes.indexOf(HEADER_END, start);
  if (headerEnd === -1 || headerEnd + 4 > next) return undefined;
  const headers = bytes.toString('utf8', start, Math.max(start, headerEnd));
  return { part: { headers, content: bytes.subarray(headerEnd + 4, next) }, at: next };
}

function extractPart(sink: FieldSink, part: Part): void {
  let disposition = '';
  let contentType = '';
  for (const line of part.headers.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon === -1) continue;
    const headerName = line.slice(0, colon).trim().toLowerCase();
    if (headerName === 'content-disposition') disposition = line.slice(colon + 1);
    else if (headerName === 'content-type') contentType = line.slice(colon + 1).trim();
  }
  const parameters = parseHeaderParameters(disposition);
  const name = parameters.get('name') ?? '';
  const location = 'body.multipart.' + locationName(name);
  addField(sink, 'body', 'multipart', location + '#name', name, true, name);
  // RFC 7578 §4.2: filename* (RFC 5987) is not to be used, but some clients send it; either names a file.
  const filename = parameters.get('filename') ?? parameters.get('filename*');
  if (filename === undefined) {
    addField(sink, 'body', 'multipart', location, name, false, decodeUtf8(part.content, sink.limits.maxFieldChars * 3));
    return;
  }
  addField(sink, 'body', 'multipart', location + '.filename', name, false, filename);
  addField(sink, 'body', 'multipart', location + '.content-type', name, false, contentType);
  extractFileContent(sink, part.content, mediaTypeOf(contentType), location + '.content', name);
}

/** A file's text, when it is text: declared as such, or undeclared / declared otherwise but not binary. */
function extractFileContent(sink: FieldSink, content: Buffer, mediaType: string, location: string, name: string): void {
  if (content.length === 0 || (!isTextMediaType(mediaType) && looksBinary(content))) return;
  addTextBytes(sink, content, sink.limits.maxPartBytes, 'body', 'raw', location, name);
}

function mediaTypeOf(contentType: string): string {
  const semicolon = contentType.indexOf(';');
  return (semicolon === -1 ? contentType : contentType.slice(0, semicolon)).trim().toLowerCase();
}
