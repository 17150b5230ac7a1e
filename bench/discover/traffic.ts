// Traffic from the documents: for every operation a number of requests with realistic path values,
// queries, credentials and bodies, answers from the documented schemas (mostly 2xx, some 4xx), all
// operations mixed in one time-ordered stream. Deterministic for a seed.
import type { TrafficSample } from '../../src/core/types.js';
import type { OperationSpec } from '../../src/contract/index.js';
import { generateBody, type FieldSink } from './body.js';
import type { BenchDocument } from './documents.js';
import { plantsFor, type Plant } from './planted.js';
import { createRandom, type Random } from './random.js';
import { createConsumers, createPathPools, credentials, fillPath, queryFor, type Consumer } from './request-parts.js';
import { bodySink, createOperationTruth, recordLeaf, type OperationTruth } from './truth.js';

type ResponseSpec = OperationSpec['responses'][number];
type MediaTypeSpec = ResponseSpec['content'][number];

export interface TrafficOptions {
  readonly seed: number;
  /** Requests per operation, drawn in [min, max]; collections (GET without a trailing parameter) get half again. */
  readonly perOperation: readonly [number, number];
  /** Share of answers that are client errors. */
  readonly errorRate?: number;
}

/**
 * Distinct bodies per operation, direction and status; later requests reuse one of them. Generating a
 * GitHub pull request answer costs a millisecond and 20 KB: this keeps a pool of 50,000 samples in
 * memory and its generation to seconds, and the learners still see every documented field.
 */
const BODY_VARIANTS = 16;

export interface GeneratedTraffic {
  readonly samples: TrafficSample[];
  readonly truths: OperationTruth[];
}

const ERROR_BODY = { message: 'Not Found', documentation_url: 'https://docs.example.com/errors#not-found' };

const isJson = (media: string): boolean => media === 'application/json' || media.endsWith('+json') || media === '*/*';
const FORM = 'application/x-www-form-urlencoded';

function pickMedia(content: readonly MediaTypeSpec[]): MediaTypeSpec | undefined {
  return content.find((media) => isJson(media.mediaType)) ?? content.find((media) => media.mediaType === FORM) ?? content[0];
}

interface OperationContext {
  readonly document: BenchDocument;
  readonly spec: OperationSpec;
  readonly basePath: string;
  readonly truth: OperationTruth;
  readonly pathValue: ReturnType<typeof createPathPools>;
  readonly consumers: readonly Consumer[];
  readonly plants: ReturnType<typeof plantsFor>;
  readonly success: ResponseSpec | undefined;
  readonly errors: readonly ResponseSpec[];
  readonly variants: Map<string, Body[]>;
}

export function generateTraffic(documents: readonly BenchDocument[], options: TrafficOptions): GeneratedTraffic {
  const root = createRandom(options.seed);
  const samples: TrafficSample[] = [];
  const truths: OperationTruth[] = [];
  for (const document of documents) {
    const random = root.fork();
    const pathValue = createPathPools();
    const consumers = createConsumers(random, `https://auth.${document.host}/`, 60);
    for (const { spec, basePath } of document.operations) {
      const template = basePath + spec.pathTemplate;
      const truth = createOperationTruth(document.name, document.host, spec.method, template);
      truths.push(truth);
      const context: OperationContext = {
        document, spec, basePath, truth, pathValue, consumers, plants: plantsFor(`${document.host} ${spec.method} ${template}`),
        success: spec.responses.find((response) => response.status.startsWith('2')) ?? spec.responses.find((response) => /^[13]\d\d$/.test(response.status)) ?? spec.responses.find((response) => response.status === 'default'),
        errors: spec.responses.filter((response) => response.status.startsWith('4') && /^\d+$/.test(response.status)),
        variants: new Map(),
      };
      const isCollection = spec.method === 'GET' && !template.endsWith('}');
      let count = random.int(options.perOperation[0], options.perOperation[1]);
      if (isCollection) count = Math.round(count * 1.5);
      for (let index = 0; index < count; index++) samples.push(sampleOf(context, random, options.errorRate ?? 0.08));
    }
  }
  root.shuffle(samples);
  const start = Date.UTC(2025, 5, 1, 8);
  samples.forEach((sample, index) => {
    sample.requestId = `req-${index}`;
    sample.time = new Date(start + index * 41).toISOString();
  });
  return { samples, truths };
}

function sampleOf(context: OperationContext, random: Random, errorRate: number): TrafficSample {
  const { document, spec, truth } = context;
  truth.samples++;
  const consumer = context.consumers[random.skewed(context.consumers.length)]!;
  const enums = new Map<string, string>();
  const path = context.basePath + fillPath(spec.pathTemplate, spec.parameters, (param) => {
    const value = context.pathValue(param, random);
    if (Array.isArray((param.schema as { enum?: unknown } | undefined)?.enum)) enums.set(param.name, value);
    return value;
  });
  if (enums.size > 0) truth.expansions.add(context.basePath + spec.pathTemplate.replace(/\{([^{}]+)\}/g, (whole, name: string) => enums.get(name) ?? whole));
  const parts = queryFor(spec, random);
  for (const part of parts) {
    truth.queries.add(part.name);
    recordLeaf(truth, `request query ${part.name}`, part.truth);
  }
  const auth = credentials(document.model, spec, consumer, random);
  const requestHeaders: Record<string, string> = {
    host: document.host, 'user-agent': consumer.userAgent, accept: 'application/json', 'accept-encoding': 'gzip, deflate, br', ...auth.headers,
  };
  const sample: TrafficSample = {
    requestId: '', time: '', route: document.name, method: spec.method, path, status: 200, durationMs: random.int(3, 180),
    requestHeaders, responseHeaders: {}, consumer: consumer.id, query: [...parts.map((part): [string, string] => [part.name, part.value]), ...auth.query],
    host: document.host, source: 'gateway',
  };
  const requestMedia = spec.requestBody === undefined ? undefined : pickMedia(spec.requestBody.content);
  if (requestMedia !== undefined) {
    const { value, size } = bodyOf(context, requestMedia, random, 'request', '');
    requestHeaders['content-type'] = requestMedia.mediaType;
    sample.requestBody = { contentType: requestMedia.mediaType, size, ...(value === undefined ? {} : { value }) };
  }
  answer(context, sample, random, errorRate);
  return sample;
}

function answer(context: OperationContext, sample: TrafficSample, random: Random, errorRate: number): void {
  const isError = random.chance(errorRate);
  const error = isError ? (context.errors.length > 0 ? random.pick(context.errors) : undefined) : undefined;
  const response = isError ? error : context.success;
  // An undocumented error is a 404 where the path names a resource, else a 400; `default` and `2XX` answer 200.
  const fallback = isError ? (context.spec.parameters.some((param) => param.in === 'path') ? 404 : 400) : 200;
  const status = /^\d{3}$/.test(response?.status ?? '') ? Number(response?.status) : fallback;
  sample.status = status;
  const media = response === undefined ? undefined : pickMedia(response.content);
  if (isError && media === undefined) {
    sample.responseHeaders['content-type'] = 'application/json';
    sample.responseBody = { contentType: 'application/json', size: 90, value: ERROR_BODY };
    return;
  }
  if (media === undefined || status === 204) return;
  const { value, size } = bodyOf(context, media, random, 'response', String(status), !isError);
  sample.responseHeaders['content-type'] = media.mediaType;
  sample.responseBody = { contentType: media.mediaType, size, ...(value === undefined ? {} : { value }) };
}

interface Body {
  readonly value: unknown;
  readonly size: number;
}

/** A JSON (or form) body for the media, new or one generated before (see BODY_VARIANTS); no value for other media. */
function bodyOf(context: OperationContext, media: MediaTypeSpec, random: Random, direction: 'request' | 'response', status: string, shouldPlant = true): Body {
  const key = `${direction} ${status} ${media.mediaType}`;
  let variants = context.variants.get(key);
  if (variants === undefined) context.variants.set(key, (variants = []));
  if (variants.length >= BODY_VARIANTS) return random.pick(variants);
  const value = newBody(context, media, random, direction, status, shouldPlant);
  const body = { value, size: value === undefined ? random.int(200, 90_000) : JSON.stringify(value).length };
  variants.push(body);
  return body;
}

/** A JSON (or form) value from the media's schema, with the operation's plants; undefined for other media. */
function newBody(context: OperationContext, media: MediaTypeSpec, random: Random, direction: 'request' | 'response', status: string, shouldPlant: boolean): unknown {
  const isForm = media.mediaType === FORM;
  if ((!isJson(media.mediaType) && !isForm) || media.schema === undefined) return undefined;
  const salt = `${context.truth.host} ${context.truth.method} ${context.truth.template} ${status}`;
  const value = generateBody(media.schema, { random, direction, sink: bodySink(context.truth, direction, status), salt });
  if (isForm) return formOf(value);
  const plants = direction === 'request' ? context.plants.request : context.plants.response;
  if (shouldPlant && plants.length > 0) plantInto(value, plants, random, bodySink(context.truth, direction, status, true));
  return value;
}

/** A form body as discovery receives it: top-level fields, every value a string (forms of nested objects are not generated). */
function formOf(value: unknown): Record<string, string> | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const form: Record<string, string> = {};
  for (const [key, field] of Object.entries(value)) if (field !== null && typeof field !== 'object') form[key] = String(field);
  return form;
}

/** Adds the plants to an object body, or to every object item of an array body; a documented field of the same name is left alone. */
function plantInto(body: unknown, plants: readonly Plant[], random: Random, sink: FieldSink): void {
  const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
  const targets: [unknown, string][] = Array.isArray(body) ? body.map((item) => [item, '/*']) : [[body, '']];
  for (const [target, prefix] of targets) {
    if (!isRecord(target)) continue;
    for (const plant of plants) {
      const path = plant.name.split('.');
      let object: Record<string, unknown> | undefined = target;
      for (const key of path.slice(0, -1)) {
        const next: unknown = object[key] ?? (object[key] = {});
        object = isRecord(next) ? next : undefined;
        if (object === undefined) break;
      }
      const last = path.at(-1)!;
      if (object === undefined || last in object) continue;
      object[last] = plant.make(random);
      sink.leaf(`${prefix}/${path.join('/')}`, plant.truth);
    }
  }
}
