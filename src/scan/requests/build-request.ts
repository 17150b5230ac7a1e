// Builds a request the API should accept for one operation: path parameters from known values (ids
// seen in earlier responses) or generated, required query / header / cookie parameters and a body
// for the first media type we can serialise, all from the operation's schemas.
import type { OperationSpec, ParameterSpec } from '../../contract/index.js';
import type { ScanRequest } from '../check.js';
import { assembleRequest, type ParameterValue, type Problem, type RequestParts } from './assemble-request.js';
import { exampleFor } from './example-value.js';
import { flattenAllOf, isRecord } from './schema-facts.js';
import { bodyKindOf, type MediaChoice } from './serialize-body.js';

export interface BuildOptions {
  /** Values for path parameters, by name (real ids from earlier responses); others are generated. */
  readonly pathValues?: Readonly<Record<string, string>>;
  /** Varies generated values; the same seed builds the same request. */
  readonly seed?: number;
  /** Replaces the operation's first base path. */
  readonly basePath?: string;
  /** Also fill optional query, header and cookie parameters (more places to inject into). */
  readonly includeOptional?: boolean;
  /** Prefer this request media type when the operation declares it. */
  readonly mediaType?: string;
}

export interface BuiltRequest {
  readonly request: ScanRequest;
  /** The Content-Type sent, without parameters; absent without a body. */
  readonly mediaType?: string;
  /** The body before serialisation. */
  readonly bodyValue?: unknown;
  /** Path parameters that were generated, not given: the resource they name may not exist. */
  readonly unresolvedPathParams: readonly string[];
  /** Places no valid value was found for; the request may be refused there. */
  readonly problems: readonly Problem[];
  /** What the request was assembled from, for the mutate helpers. */
  readonly parts: RequestParts;
}

/** Header parameters OpenAPI ignores (3.1.0 §4.8.12.1): they are described elsewhere. */
const IGNORED_HEADERS = new Set(['accept', 'content-type', 'authorization']);

export function buildRequest(operation: OperationSpec, options: BuildOptions = {}): BuiltRequest {
  const problems: Problem[] = [];
  const seed = options.seed ?? 0;
  const generate = (schema: unknown, where: string, field?: string): unknown => exampleFor(schema, {
    direction: 'request', seed, ...(field === undefined ? {} : { field }),
    onProblem: (pointer, problem) => problems.push({ where: `${where}${pointer}`, problem }),
  });
  const unresolved: string[] = [];
  const parameters: ParameterValue[] = [];
  for (const spec of operation.parameters) {
    if (!isWanted(spec, operation, options)) continue;
    const given = spec.in === 'path' ? options.pathValues?.[spec.name] : undefined;
    if (spec.in === 'path' && given === undefined) unresolved.push(spec.name);
    const value = given ?? generate(spec.schema, `${spec.in}.${spec.name}`, spec.name);
    // Styles serialise one level; an optional parameter holding nested containers is left out.
    if (!spec.required && spec.mediaType === undefined && isNested(value)) continue;
    parameters.push({ spec, value });
  }
  const media = chooseMedia(operation, options.mediaType);
  if (operation.requestBody?.required === true && !media) problems.push({ where: 'body', problem: 'no declared media type can be serialised' });
  const parts: RequestParts = {
    operation,
    basePath: options.basePath ?? operation.basePaths[0] ?? '',
    parameters,
    ...(media ? { body: { media, value: bodyValueFor(media, (schema) => generate(schema, 'body')) } } : {}),
  };
  const request = assembleRequest(parts, problems);
  return {
    request,
    ...(parts.body ? { mediaType: parts.body.media.contentType.split(';')[0]!.trim(), bodyValue: parts.body.value } : {}),
    unresolvedPathParams: unresolved,
    problems,
    parts,
  };
}

function isWanted(spec: ParameterSpec, operation: OperationSpec, options: BuildOptions): boolean {
  // The gateway still enforces `required` on these. Accept is harmless to send; Authorization only
  // where no security scheme applies, since a value here would replace the identity's credentials.
  if (spec.in === 'header' && IGNORED_HEADERS.has(spec.name)) {
    return spec.required && (spec.name === 'accept' || (spec.name === 'authorization' && operation.security.length === 0));
  }
  return spec.required || spec.in === 'path' || options.includeOptional === true;
}

/**
 * The body value; for form and multipart bodies without the optional fields that hold objects, as
 * their fields are text and the gateway validates that text against the object schema.
 */
function bodyValueFor(media: MediaChoice, generate: (schema: unknown) => unknown): unknown {
  if (media.schema === undefined) return media.kind === 'json' ? {} : 'example';
  const value = generate(media.schema);
  if ((media.kind !== 'form' && media.kind !== 'multipart') || !isRecord(value) || !isRecord(media.schema)) return value;
  const schema = flattenAllOf(media.schema);
  const required = Array.isArray(schema.required) ? schema.required : [];
  return Object.fromEntries(Object.entries(value).filter(([name, field]) => required.includes(name) || !isStructured(field)));
}

function isNested(value: unknown): boolean {
  const children = Array.isArray(value) ? value as unknown[] : isRecord(value) ? Object.values(value) : [];
  return children.some((child) => typeof child === 'object' && child !== null);
}

function isStructured(value: unknown): boolean {
  return isRecord(value) || (Array.isArray(value) && value.some((item) => typeof item === 'object' && item !== null));
}

/**
 * The preferred media type if declared, else the first declared one we can serialise (JSON, form,
 * multipart, text); a wildcard range is sent as JSON; another concrete type gets a plain text body
 * (the gateway only limits its size). XML is not serialised.
 */
export function chooseMedia(operation: OperationSpec, preferred?: string): MediaChoice | undefined {
  const content = operation.requestBody?.content ?? [];
  const choices = content.map((media): MediaChoice | undefined => {
    const base = media.mediaType.split(';')[0]!.trim();
    const common = { ...(media.schema === undefined ? {} : { schema: media.schema }), ...(media.encoding ? { encoding: media.encoding } : {}) };
    if (base.includes('*')) return base === '*/*' || base === 'application/*' ? { contentType: 'application/json', kind: 'json', ...common } : undefined;
    const kind = bodyKindOf(base);
    return kind === 'xml' ? undefined : { contentType: media.mediaType, kind, ...common };
  });
  const usable = choices.filter((c): c is MediaChoice => c !== undefined);
  const rank = (c: MediaChoice): number => (c.kind === 'raw' ? 1 : 0);
  return usable.find((c) => preferred !== undefined && c.contentType.split(';')[0] === preferred)
    ?? [...usable].sort((a, b) => rank(a) - rank(b))[0];
}
