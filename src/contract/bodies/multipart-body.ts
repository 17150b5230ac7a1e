// Parses an already-buffered multipart/form-data body (RFC 7578) with busboy under explicit limits
// on parts, files, file size and field size. Any limit hit is a failure, never a silent cut
// (SECURITY-BASELINE: never inspect partially). Files are counted and sniffed, not kept.
import busboy from 'busboy';
import { Readable } from 'node:stream';


export interface MultipartLimits {
  readonly maxParts: number;
  readonly maxFiles: number;
  readonly maxFileBytes: number;
  readonly maxFieldBytes: number;
  readonly maxHeaderPairs: number;
}

export interface MultipartFile {
  readonly field: string;
  /** As sent, for events only; never used as a path. */
  readonly filename: string;
  /** The part's Content-Type, lowercased without parameters. */
  readonly declaredType: string;
  readonly sniffedType: string | undefined;
  readonly size: number;
}

export type MultipartFailureReason = 'malformed' | 'too-many-parts' | 'too-many-files' | 'file-too-large' | 'field-too-large' | 'boundary';

export type MultipartParse =
  | { ok: true; fields: Readonly<Record<string, readonly string[]>>; files: readonly MultipartFile[] }
  | { ok: false; reason: MultipartFailureReason; problem: string };

const RESERVED = new Set(['__proto__', 'constructor', 'prototype']);
const SNIFF_BYTES = 512;

export function parseMultipart(body: Buffer, contentType: string, limits: MultipartLimits): Promise<MultipartParse> {
  return new Promise((resolve) => {
    let isDone = false;
    const finish = (result: MultipartParse): void => {
      if (isDone) return;
      isDone = true;
      resolve(result);
    };
    const fail = (reason: MultipartFailureReason, problem: string): void => finish({ ok: false, reason, problem });
    let parser: ReturnType<typeof busboy>;
    try {
      parser = busboy({
        headers: { 'content-type': contentType },
        defParamCharset: 'utf8',
        // One more than allowed of each, so reaching it is seen as "over the limit", not as a cut.
        limits: { parts: limits.maxParts, files: limits.maxFiles, fields: limits.maxParts, fileSize: limits.maxFileBytes, fieldSize: limits.maxFieldBytes, headerPairs: limits.maxHeaderPairs },
      });
    } catch {
      fail('boundary', 'the Content-Type has no valid multipart boundary');
      return;
    }
    const fields: Record<string, string[]> = {};
    const files: MultipartFile[] = [];
    let pendingFiles = 0;
    let isFinished = false;
    const maybeDone = (): void => {
      if (isFinished && pendingFiles === 0) finish({ ok: true, fields, files });
    };

    parser.on('field', (name, value, info) => {
      if (RESERVED.has(name)) return fail('malformed', 'a part uses a reserved field name');
      if (info.valueTruncated) return fail('field-too-large', `a text field is larger than ${limits.maxFieldBytes} bytes`);
      if (info.nameTruncated) return fail('malformed', 'a field name is too long');
      (fields[name] ??= []).push(value);
    });
    parser.on('file', (name, stream, info) => {
      if (RESERVED.has(name)) {
        stream.resume();
        return fail('malformed', 'a part uses a reserved field name');
      }
      pendingFiles++;
      let size = 0;
      const head: Buffer[] = [];
      let headSize = 0;
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (headSize < SNIFF_BYTES) {
          head.push(chunk.subarray(0, SNIFF_BYTES - headSize));
          headSize += Math.min(chunk.length, SNIFF_BYTES - headSize);
        }
      });
      stream.on('limit', () => fail('file-too-large', `a file is larger than ${limits.maxFileBytes} bytes`));
      stream.on('error', () => fail('malformed', 'a file part is broken'));
      stream.on('end', () => {
        pendingFiles--;
        files.push({
          field: name,
          filename: info.filename ?? '',
          declaredType: (info.mimeType || 'application/octet-stream').split(';')[0]!.trim().toLowerCase(),
          sniffedType: sniffMediaType(Buffer.concat(head, headSize)),
          size,
        });
        maybeDone();
      });
    });
    parser.on('partsLimit', () => fail('too-many-parts', `more than ${limits.maxParts} parts`));
    parser.on('filesLimit', () => fail('too-many-files', `more than ${limits.maxFiles} files`));
    parser.on('fieldsLimit', () => fail('too-many-parts', `more than ${limits.maxParts} fields`));
    parser.on('error', () => fail('malformed', 'the multipart body is malformed or truncated'));
    parser.on('close', () => {
      isFinished = true;
      maybeDone();
    });
    Readable.from([body]).pipe(parser);
  });
}

/** Magic numbers of common upload types; 'text/plain' for UTF-8 without NULs; undefined when unknown. */
export function sniffMediaType(head: Buffer): string | undefined {
  const starts = (...bytes: number[]): boolean => bytes.every((b, i) => head[i] === b);
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'image/gif';
  if (starts(0x52, 0x49, 0x46, 0x46) && head.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'application/pdf';
  if (starts(0x50, 0x4b, 0x03, 0x04) || starts(0x50, 0x4b, 0x05, 0x06)) return 'application/zip';
  if (starts(0x1f, 0x8b)) return 'application/gzip';
  if (starts(0x4d, 0x5a)) return 'application/x-msdownload';
  if (starts(0x7f, 0x45, 0x4c, 0x46)) return 'application/x-elf';
  if (head.length > 0 && !head.includes(0) && isUtf8(head)) return 'text/plain';
  return undefined;
}

/** Whether a media type matches one of the allowed ranges ('image/png', 'image/*', '*\/*'). */
export function isMediaTypeAllowed(mediaType: string, allowed: readonly string[]): boolean {
  const type = mediaType.split(';')[0]!.trim().toLowerCase();
  const major = type.split('/')[0];
  return allowed.some((range) => {
    const r = range.split(';')[0]!.trim().toLowerCase();
    return r === '*/*' || r === type || (r.endsWith('/*') && r.slice(0, -2) === major);
  });
}

function isUtf8(bytes: Buffer): boolean {
  try {
    // A cut at the sniff window may split a character: allow an incomplete tail.
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, Math.max(0, bytes.length - 3)));
    return true;
  } catch {
    return false;
  }
}
