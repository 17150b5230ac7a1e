// The discovery stage: turns a sample of the requests that passed every other stage, with their
// answers, into TrafficSamples for the inventory. A sample is handed over when the response has
// ended (discovery learns in a later turn); it never changes or stops a request. Last in the request
// order, so blocked attacks do not teach the inventory, and first to see the upstream's answer.
import { performance } from 'node:perf_hooks';
import type { SampleBody, TrafficSample } from '../../../core/types.js';
import type { RequestContext } from '../../request-context.js';
import { defineStage, type Stage } from '../../stage.js';
import { CONTINUE } from '../../verdict.js';
import { mediaTypeOf } from '../../request-body.js';
import { discoveryConfigSchema, type DiscoveryConfig } from './schema.js';

const JSON_TYPE = /^application\/(?:[a-z0-9.+-]*\+)?json$/;
const FORM_TYPE = 'application/x-www-form-urlencoded';
/** Longest header value a sample keeps; the rest is cut (a sample describes, it does not replay). */
const MAX_HEADER_VALUE = 4096;
/** Most query parameters a sample keeps. */
const MAX_QUERY = 100;

export const discoveryStage = defineStage<DiscoveryConfig>({
  name: 'discovery',
  description: 'samples requests and responses for the API inventory (bulwark inventory)',
  configSchema: discoveryConfigSchema,
  defaultFailurePolicy: 'open',
  enabledByDefault: true,
  rules: [],
  create(config, deps): Stage {
    const sink = deps.discovery;
    if (sink === undefined || config.sampleRate === 0) return {};
    const drafts = new WeakMap<RequestContext, Draft>();
    return {
      onRequest(ctx) {
        // Every call to a zombie (deprecated) or shadow (undocumented, let through in monitor mode)
        // operation counts; the others are sampled.
        const contract = ctx.contract;
        const isOffDocument = contract !== undefined && (contract.kind !== 'found' || contract.value.spec.deprecated);
        if (!isOffDocument && config.sampleRate < 1 && Math.random() >= config.sampleRate) return CONTINUE;
        const draft = startDraft(ctx, config);
        drafts.set(ctx, draft);
        (ctx.onFinish ??= []).push(() => {
          if (draft.isLocal || draft.sample.status === 0) return;
          draft.sample.durationMs = Math.round((performance.now() - ctx.startedAt) * 1000) / 1000;
          sink.submit(draft.sample);
        });
        return CONTINUE;
      },
      needsBody(ctx) {
        const draft = drafts.get(ctx);
        if (draft === undefined) return false;
        const length = Number(ctx.headers['content-length'] ?? 0);
        return isParsedType(mediaTypeOf(ctx.headers['content-type'])) && length <= config.maxBodyBytes;
      },
      onRequestBody(ctx, body) {
        const draft = drafts.get(ctx);
        if (draft !== undefined) draft.sample.requestBody = sampleBody(body.mediaType, body.decoded, config.maxBodyBytes);
        return CONTINUE;
      },
      onResponse(ctx, response) {
        const draft = drafts.get(ctx);
        if (draft === undefined) return CONTINUE;
        draft.isLocal = response.isLocal;
        draft.sample.status = response.status;
        draft.sample.responseHeaders = headerRecord(response.headers, config.maxHeaders);
        const type = mediaTypeOf(firstValue(response.headers['content-type']));
        if (!isParsedType(type)) {
          const size = Number(response.headers['content-length'] ?? NaN);
          if (type !== '' || size > 0) draft.sample.responseBody = { contentType: type, size: Number.isFinite(size) ? size : -1 };
        }
        return CONTINUE;
      },
      responseBodyLimit(ctx, response) {
        const draft = drafts.get(ctx);
        return draft !== undefined && !response.isLocal && isParsedType(mediaTypeOf(firstValue(response.headers['content-type']))) ? config.maxBodyBytes : 0;
      },
      onResponseBody(ctx, _response, body) {
        const draft = drafts.get(ctx);
        if (draft !== undefined) draft.sample.responseBody = sampleBody(body.mediaType, body.bytes, config.maxBodyBytes);
        return CONTINUE;
      },
    };
  },
});

interface Draft {
  readonly sample: TrafficSample;
  isLocal: boolean;
}

function startDraft(ctx: RequestContext, config: DiscoveryConfig): Draft {
  const query: [string, string][] = [];
  if (ctx.query !== '') {
    for (const pair of new URLSearchParams(ctx.query)) {
      if (query.length >= MAX_QUERY) break;
      query.push(pair);
    }
  }
  const sample: TrafficSample = {
    requestId: ctx.id, time: new Date().toISOString(), route: ctx.routeName, method: ctx.method, path: ctx.path, status: 0, durationMs: 0,
    requestHeaders: headerRecord(ctx.headers, config.maxHeaders), responseHeaders: {}, query, host: ctx.host, source: 'gateway',
  };
  if (ctx.consumer !== undefined) sample.consumer = ctx.consumer.id;
  if (ctx.tls?.authorized === true) sample.clientCertificate = true;
  return { sample, isLocal: false };
}

function headerRecord(headers: Readonly<Record<string, string | readonly string[] | undefined>>, max: number): Record<string, string> {
  const record: Record<string, string> = {};
  let count = 0;
  for (const name in headers) {
    const value = headers[name];
    if (value === undefined) continue;
    if (++count > max) break;
    const text = typeof value === 'string' ? value : value.join(', ');
    record[name] = text.length > MAX_HEADER_VALUE ? text.slice(0, MAX_HEADER_VALUE) : text;
  }
  return record;
}

/** Response headers may be lists; a Content-Type is one value. */
function firstValue(header: string | readonly string[] | undefined): string | undefined {
  return typeof header === 'string' ? header : header?.[0];
}

function isParsedType(type: string): boolean {
  return type === FORM_TYPE || JSON_TYPE.test(type);
}

/** The body as a sample carries it: parsed JSON, or a form as an object of strings (last value wins). */
export function sampleBody(contentType: string, bytes: Buffer, maxBytes: number): SampleBody {
  if (bytes.length > maxBytes) return { contentType, size: bytes.length, truncated: true };
  const body: SampleBody = { contentType, size: bytes.length };
  if (contentType === FORM_TYPE) {
    body.value = Object.fromEntries(new URLSearchParams(bytes.toString('utf8')));
  } else if (JSON_TYPE.test(contentType) && bytes.length > 0) {
    try {
      body.value = JSON.parse(bytes.toString('utf8'));
    } catch {
      // Not JSON after all: the size and type are still worth knowing.
    }
  }
  return body;
}
