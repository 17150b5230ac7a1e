// The limits stage: sheds load under overload and caps URL, query, headers, body size and JSON shape
// before any costlier stage runs (SECURITY-BASELINE.md "Defaults"; OWASP API4:2023).
import type { Evidence, Severity } from '../../../core/types.js';
import { mediaTypeOf, parseEncodings, type BodyReadFailure, type RequestBody } from '../../request-body.js';
import type { BodyLimit, RequestContext } from '../../request-context.js';
import { defineStage, type RuleDescription, type Stage, type StageDeps } from '../../stage.js';
import { CONTINUE, deny, type Denial, type Verdict } from '../../verdict.js';
import { checkJsonLimits } from './json-limits.js';
import { limitsConfigSchema, type LimitsConfig } from './schema.js';

const RESOURCES = 'API4:2023'; // Unrestricted Resource Consumption
const MISCONFIG = 'API8:2023'; // Security Misconfiguration

function rule(id: string, status: number, severity: Severity, category: string, title: string, description: string): RuleDescription {
  return Object.freeze({ id: `limits.${id}`, status, title, severity, category, description });
}

// Statuses follow RFC 9110 §15 (413, 414, 415, 503), RFC 6585 §5 (431).
const RULES = {
  overloaded: rule('overloaded', 503, 'medium', RESOURCES, 'Gateway overloaded',
    'The process is over its event-loop delay or heap threshold; requests are shed with Retry-After until it recovers.'),
  urlTooLong: rule('url-too-long', 414, 'low', RESOURCES, 'Request target too long', 'The request target is longer than url.maxLength.'),
  tooManyParams: rule('too-many-params', 400, 'low', RESOURCES, 'Too many query parameters', 'The query string has more pairs than query.maxParams.'),
  tooManyHeaders: rule('too-many-headers', 431, 'low', RESOURCES, 'Too many request headers', 'The request has more header lines than headers.maxCount.'),
  headerUnderscore: rule('header-underscore', 400, 'medium', MISCONFIG, 'Underscore in header name',
    'A header name contains "_", which some servers map to "-" (header smuggling past checks); rejected as Envoy does at the edge.'),
  bodyTooLarge: rule('body-too-large', 413, 'low', RESOURCES, 'Request body too large', 'The decoded request body is larger than body.maxBytes for its media type.'),
  inflateRatio: rule('body-inflate-ratio', 413, 'high', RESOURCES, 'Compression ratio too high',
    'The body inflates by more than body.maxInflateRatio (a compression bomb).'),
  unsupportedEncoding: rule('unsupported-encoding', 415, 'low', MISCONFIG, 'Unsupported content encoding',
    'The Content-Encoding is not one the gateway can decode (gzip, deflate, br), so the body cannot be inspected.'),
  bodyCorrupt: rule('body-corrupt', 400, 'medium', MISCONFIG, 'Corrupt encoded body', 'The body does not decode with its declared Content-Encoding.'),
  bodyAborted: rule('body-aborted', 400, 'info', RESOURCES, 'Request body aborted', 'The client closed the connection before the whole body arrived.'),
  jsonInvalid: rule('json-invalid', 400, 'low', MISCONFIG, 'Invalid JSON body', 'A body declared as JSON does not parse; it is rejected rather than inspected partially.'),
  jsonTooDeep: rule('json-too-deep', 400, 'medium', RESOURCES, 'JSON nested too deeply', 'The JSON body nests objects/arrays deeper than json.maxDepth.'),
  jsonTooManyKeys: rule('json-too-many-keys', 400, 'medium', RESOURCES, 'Too many JSON keys',
    'The JSON body has more object members plus array items than json.maxKeys.'),
  jsonArrayTooLong: rule('json-array-too-long', 400, 'medium', RESOURCES, 'JSON array too long',
    'An array in the JSON body has more items than json.maxArrayItems (a page of 1,000,000 ids, a bulk call larger than the API meant).'),
} as const;

/** The denial for a rule; `detail` is fixed safe text, never the offending value (RFC 9457 §3.1.4). */
function denial(described: RuleDescription, detail: string, evidence: Evidence, headers?: Readonly<Record<string, string>>): Denial {
  const { status, id: ruleId, severity, category } = described;
  return deny(headers === undefined ? { status, ruleId, detail, severity, category, evidence } : { status, ruleId, detail, severity, category, evidence, headers });
}

/** Maps a body read failure from the core (readRequestBody) to the limits rule that reports it. */
export function denialForBodyFailure(failure: BodyReadFailure): Denial {
  switch (failure.kind) {
    case 'too-large':
      return denial(RULES.bodyTooLarge, 'The request body is larger than this route allows.', { location: 'body', limit: failure.limit });
    case 'ratio':
      return denial(RULES.inflateRatio, 'The request body expands too much when decoded.', { location: 'body', limit: failure.limit });
    case 'encoding':
      // The coding name is attacker-chosen text: kept out of detail, truncated in evidence.
      return denial(RULES.unsupportedEncoding, 'The request body uses an unsupported content encoding.',
        { location: 'header', name: 'content-encoding', encoding: failure.encoding.slice(0, 32) });
    case 'corrupt':
      return denial(RULES.bodyCorrupt, 'The request body could not be decoded.', { location: 'body', encoding: failure.encoding.slice(0, 32) });
    case 'aborted':
      return denial(RULES.bodyAborted, 'The request body was not received completely.', { location: 'body' });
  }
}

function isJsonMediaType(mediaType: string): boolean {
  return mediaType === 'application/json' || mediaType.endsWith('+json'); // RFC 6839 §3.1 structured suffix
}

function hasBody(ctx: RequestContext): boolean {
  const length = ctx.headers['content-length'];
  return (length !== undefined && Number(length) > 0) || ctx.headers['transfer-encoding'] !== undefined;
}

/** Non-empty `&`-separated pairs, as WHATWG URLSearchParams counts them; no split, no allocation. */
function countQueryParams(query: string): number {
  let count = 0;
  let segmentStart = 0;
  for (let index = 0; index <= query.length; index++) {
    if (index === query.length || query.charCodeAt(index) === 0x26 /* & */) {
      if (index > segmentStart) count++;
      segmentStart = index + 1;
    }
  }
  return count;
}

function createLimits(config: LimitsConfig, deps: StageDeps): Stage {
  const { url, query, headers, body, json, overload } = config;
  const retryAfter = String(Math.max(1, Math.ceil(overload.retryAfter / 1000))); // RFC 9110 §10.2.3: seconds
  // Frozen and shared across requests: onRequest assigns, never allocates; a stage that wants a
  // different limit must assign a new object rather than mutate this one.
  const defaultLimit: BodyLimit = Object.freeze({ maxBytes: body.maxBytes, maxInflateRatio: body.maxInflateRatio });
  const limitByMediaType = new Map<string, BodyLimit>();
  for (const [mediaType, maxBytes] of Object.entries(body.maxBytesByMediaType)) {
    limitByMediaType.set(mediaType.toLowerCase(), Object.freeze({ maxBytes, maxInflateRatio: body.maxInflateRatio }));
  }

  function bodyLimitFor(ctx: RequestContext): BodyLimit {
    if (limitByMediaType.size === 0) return defaultLimit;
    const contentType = ctx.headers['content-type'];
    return contentType === undefined ? defaultLimit : limitByMediaType.get(mediaTypeOf(contentType)) ?? defaultLimit;
  }

  return {
    onRequest(ctx: RequestContext): Verdict {
      // Set before any check: in monitor mode a denial lets the request on, and its body must still
      // be read under this route's limit. Usually one assignment of a shared object.
      const limit = bodyLimitFor(ctx);
      ctx.bodyLimit = limit;
      // First check, the cheapest: shedding protects the process before any per-request work.
      if (overload.shed) {
        const state = deps.overload.state();
        if (state.isOverloaded) {
          return denial(RULES.overloaded, 'The gateway is temporarily overloaded; retry later.',
            { location: 'process', reason: state.reason }, { 'retry-after': retryAfter });
        }
      }
      if (ctx.url.length > url.maxLength) {
        return denial(RULES.urlTooLong, 'The request target is too long.', { location: 'url', limit: url.maxLength, actual: ctx.url.length });
      }
      const params = countQueryParams(ctx.query);
      if (params > query.maxParams) {
        return denial(RULES.tooManyParams, 'The query string has too many parameters.', { location: 'query', limit: query.maxParams, actual: params });
      }
      const headerCount = ctx.rawHeaders.length / 2;
      if (headerCount > headers.maxCount) {
        return denial(RULES.tooManyHeaders, 'The request has too many headers.', { location: 'header', limit: headers.maxCount, actual: headerCount });
      }
      if (headers.rejectUnderscores) {
        for (let index = 0; index < ctx.rawHeaders.length; index += 2) {
          const name = ctx.rawHeaders[index] as string;
          if (name.includes('_')) {
            return denial(RULES.headerUnderscore, 'A header name contains an underscore.', { location: 'header', name: name.slice(0, 64).toLowerCase() });
          }
        }
      }
      const length = ctx.headers['content-length'];
      // Without a content-coding the declared length is the decoded size: refuse before reading a byte.
      if (length !== undefined && Number(length) > limit.maxBytes && parseEncodings(ctx.headers['content-encoding']).length === 0) {
        return denial(RULES.bodyTooLarge, 'The request body is larger than this route allows.',
          { location: 'header', name: 'content-length', limit: limit.maxBytes, actual: Number(length) });
      }
      return CONTINUE;
    },

    needsBody(ctx: RequestContext): boolean {
      if (!hasBody(ctx)) return false;
      // Encoded bodies are buffered so the decoded size and inflate ratio are measured (the wire size says little).
      if (parseEncodings(ctx.headers['content-encoding']).length > 0) return true;
      return isJsonMediaType(mediaTypeOf(ctx.headers['content-type']));
    },

    onRequestBody(ctx: RequestContext, received: RequestBody): Verdict {
      // Defence in depth: the core already enforces ctx.bodyLimit while reading.
      if (received.decoded.length > ctx.bodyLimit.maxBytes) {
        return denialForBodyFailure({ kind: 'too-large', limit: ctx.bodyLimit.maxBytes });
      }
      // An empty body declared as JSON (e.g. a DELETE with Content-Type set) is not a document to judge.
      if (!isJsonMediaType(received.mediaType) || received.decoded.length === 0) return CONTINUE;
      const parsed = received.json();
      // SECURITY-BASELINE.md: a body that does not parse is rejected, never inspected partially.
      if (!parsed.ok) return denial(RULES.jsonInvalid, 'The request body is not valid JSON.', { location: 'body' });
      const result = checkJsonLimits(parsed.value, json);
      if (result.ok) return CONTINUE;
      if (result.reason === 'depth') return denial(RULES.jsonTooDeep, 'The JSON body is nested too deeply.', { location: 'body', limit: result.limit });
      if (result.reason === 'array') return denial(RULES.jsonArrayTooLong, `An array in the JSON body has more than ${result.limit} items.`, { location: 'body', limit: result.limit });
      return denial(RULES.jsonTooManyKeys, 'The JSON body has too many keys.', { location: 'body', limit: result.limit });
    },
  };
}

export const limitsStage = defineStage<LimitsConfig>({
  name: 'limits',
  description: 'Request size, header, query and JSON shape limits, and load shedding under overload',
  configSchema: limitsConfigSchema,
  defaultFailurePolicy: 'closed',
  enabledByDefault: true,
  rules: Object.values(RULES),
  create: createLimits,
});
