// The shape of one corpus case (an attack or a benign request with its expected verdict) and its
// conversion into the InspectRequest the detection engine takes.
import type { AttackClass, InspectRequest } from '../../src/detect/index.js';

/** Where the payload sits in the request; `request` means the seed is a whole request. */
export type Placement =
  | 'path'
  | 'query'
  | 'query-name'
  | 'header-user-agent'
  | 'header-referer'
  | 'header-x-forwarded-for'
  | 'header-custom'
  | 'cookie'
  | 'cookie-header'
  | 'json'
  | 'json-key'
  | 'form'
  | 'form-name'
  | 'multipart-field'
  | 'multipart-filename'
  | 'multipart-file'
  | 'xml-document'
  | 'xml-text'
  | 'xml-attribute'
  | 'graphql-argument'
  | 'graphql-variables'
  | 'request';

/** How the payload is encoded for the application to decode (see README.md for each). */
export type Encoding = 'plain' | 'url' | 'double-url' | 'base64' | 'unicode-escape' | 'html-entity' | 'full-width';

export const ALL_ENCODINGS: readonly Encoding[] = ['plain', 'url', 'double-url', 'base64', 'unicode-escape', 'html-entity', 'full-width'];

export interface CaseBody {
  /** The whole Content-Type header value. */
  readonly contentType: string;
  /** The body when it is UTF-8 text. */
  readonly text?: string;
  /** The body when it is binary (a PNG upload), base64. */
  readonly base64?: string;
}

export interface CaseRequest {
  readonly method: string;
  readonly path: string;
  readonly query: string;
  readonly rawHeaders: readonly string[];
  readonly body?: CaseBody;
}

export interface CorpusCase {
  /** Stable: `<seed>-<nnn>/<placement>/<encoding>`, e.g. `sqli-017/query/url`. */
  readonly id: string;
  readonly expect: 'attack' | 'benign';
  readonly attackClass?: AttackClass;
  readonly placement: Placement;
  readonly encoding: Encoding;
  /** What the seed is (from the seed file). */
  readonly note: string;
  readonly request: CaseRequest;
}

export function bodyBytes(body: CaseBody): Buffer {
  return body.base64 === undefined ? Buffer.from(body.text ?? '', 'utf8') : Buffer.from(body.base64, 'base64');
}

/** The request as the engine sees it: the body decoded to bytes, the media type split from its parameters. */
export function toInspectRequest(corpusCase: CorpusCase): InspectRequest {
  const { request } = corpusCase;
  if (request.body === undefined) {
    return { method: request.method, path: request.path, query: request.query, rawHeaders: request.rawHeaders };
  }
  const contentType = request.body.contentType;
  const mediaType = (contentType.split(';')[0] ?? '').trim().toLowerCase();
  return {
    method: request.method, path: request.path, query: request.query, rawHeaders: request.rawHeaders,
    body: { mediaType, contentType, bytes: bodyBytes(request.body) },
  };
}
