// Buffers a request body within limits and undoes its content-encoding (gzip, deflate, br) with a
// cap on the decoded size and on the inflate ratio, so a compression bomb costs at most the limit.
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { promisify } from 'node:util';
import { brotliDecompress, gunzip, inflate, type ZlibOptions } from 'node:zlib';
import type { BodyLimit } from './request-context.js';

export interface RequestBody {
  /** Bytes as received (still encoded); these are what is forwarded upstream. */
  readonly raw: Buffer;
  /** Bytes after content-encoding is undone; what stages inspect. */
  readonly decoded: Buffer;
  /** Media type, lowercased, without parameters; '' when absent. */
  readonly mediaType: string;
  /** Parsed JSON, memoised; `{ ok: false }` when the body is not valid JSON. */
  json(): JsonParse;
}

export type JsonParse = { ok: true; value: unknown } | { ok: false; error: string };

export type BodyReadFailure =
  | { kind: 'too-large'; limit: number }
  | { kind: 'ratio'; limit: number }
  | { kind: 'encoding'; encoding: string }
  | { kind: 'corrupt'; encoding: string }
  | { kind: 'aborted' };

type Decoder = (buffer: Buffer, options: ZlibOptions) => Promise<Buffer>;
const DECODERS: Record<string, Decoder> = {
  gzip: promisify(gunzip),
  'x-gzip': promisify(gunzip),
  deflate: promisify(inflate),
  br: promisify(brotliDecompress),
};

/** Reads the whole body; resolves a RequestBody or a failure that the pipeline turns into a denial. */
export async function readRequestBody(req: IncomingMessage, limit: BodyLimit): Promise<RequestBody | BodyReadFailure> {
  const encodings = parseEncodings(req.headers['content-encoding']);
  const unknown = encodings.find((encoding) => DECODERS[encoding] === undefined);
  if (unknown !== undefined) return { kind: 'encoding', encoding: unknown };

  const raw = await collect(req, limit.maxBytes);
  if (!Buffer.isBuffer(raw)) return raw;
  const decoded = await decodeBody(raw, encodings, limit);
  if (!Buffer.isBuffer(decoded)) return decoded;
  return createRequestBody(raw, decoded, mediaTypeOf(req.headers['content-type']));
}

/** Undoes content-encodings (listed in the order applied) with caps on the decoded size and ratio. */
export async function decodeBody(raw: Buffer, encodings: readonly string[], limit: BodyLimit): Promise<Buffer | BodyReadFailure> {
  const unknown = encodings.find((encoding) => DECODERS[encoding] === undefined);
  if (unknown !== undefined) return { kind: 'encoding', encoding: unknown };
  let decoded = raw;
  for (const encoding of [...encodings].reverse()) {
    const maxOutputLength = Math.min(limit.maxBytes, Math.max(1, decoded.length) * limit.maxInflateRatio) + 1;
    try {
      decoded = await (DECODERS[encoding] as Decoder)(decoded, { maxOutputLength });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
        return maxOutputLength > limit.maxBytes ? { kind: 'too-large', limit: limit.maxBytes } : { kind: 'ratio', limit: limit.maxInflateRatio };
      }
      return { kind: 'corrupt', encoding };
    }
    if (decoded.length > limit.maxBytes) return { kind: 'too-large', limit: limit.maxBytes };
  }
  return decoded;
}

export function createRequestBody(raw: Buffer, decoded: Buffer, mediaType: string): RequestBody {
  let parsed: JsonParse | undefined;
  return {
    raw,
    decoded,
    mediaType,
    json() {
      if (parsed) return parsed;
      try {
        parsed = { ok: true, value: JSON.parse(decoded.toString('utf8')) as unknown };
      } catch (error) {
        parsed = { ok: false, error: (error as Error).message };
      }
      return parsed;
    },
  };
}

function collect(req: IncomingMessage, maxBytes: number): Promise<Buffer | BodyReadFailure> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let isDone = false;
    const finish = (result: Buffer | BodyReadFailure): void => {
      if (isDone) return;
      isDone = true;
      req.off('data', onData).off('end', onEnd).off('error', onAbort).off('close', onClose);
      resolve(result);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > maxBytes) {
        // Stop reading; the socket is closed after the 413 is written (see gateway.ts).
        req.pause();
        finish({ kind: 'too-large', limit: maxBytes });
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => finish(Buffer.concat(chunks, size));
    const onAbort = (): void => finish({ kind: 'aborted' });
    const onClose = (): void => { if (!req.complete) finish({ kind: 'aborted' }); };
    req.on('data', onData).on('end', onEnd).on('error', onAbort).on('close', onClose);
  });
}

/** Whether the request says it has a body (a non-zero Content-Length, or any Transfer-Encoding). */
export function hasRequestBody(headers: IncomingHttpHeaders): boolean {
  const length = headers['content-length'];
  return (length !== undefined && length !== '0') || headers['transfer-encoding'] !== undefined;
}

export function parseEncodings(header: string | undefined): string[] {
  if (header === undefined) return [];
  return header.split(',').map((part) => part.trim().toLowerCase()).filter((part) => part !== '' && part !== 'identity');
}

export function mediaTypeOf(header: string | undefined): string {
  if (header === undefined) return '';
  const end = header.indexOf(';');
  return (end === -1 ? header : header.slice(0, end)).trim().toLowerCase();
}
