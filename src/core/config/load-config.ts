// Reads a YAML configuration file, interpolates ${ENV} references in string values, validates it
// against a JSON Schema and reports every problem with its key path, line and column.
import { readFileSync } from 'node:fs';
import { isMap, isSeq, parseDocument, type Document, type Node as YamlNode, LineCounter } from 'yaml';
import type { TSchema } from '@sinclair/typebox';
import { BulwarkError } from '../errors.js';
import { createConfigAjv, type ErrorObject } from './schema-validator.js';

export interface ConfigProblem {
  /** Dotted key path, e.g. `routes[0].upstream.url`; empty for the document root. */
  path: string;
  message: string;
  line?: number;
  column?: number;
}

const WHOLE_REFERENCE = /^\$\{[A-Za-z_][A-Za-z0-9_]*(?::-[^}]*)?\}$/;
const ENV_REFERENCE = /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

/** Reads, interpolates and validates a config file; throws BulwarkError with `details: ConfigProblem[]`. */
export function loadConfigFile<T>(file: string, schema: TSchema, env: NodeJS.ProcessEnv = process.env): T {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new BulwarkError('CONFIG_READ_FAILED', `${file}: cannot read the file (${(error as Error).message})`, { cause: error });
  }
  return parseConfigText<T>(text, schema, file, env);
}

export function parseConfigText<T>(text: string, schema: TSchema, file: string, env: NodeJS.ProcessEnv = process.env): T {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  if (document.errors.length > 0) {
    const problems = document.errors.map((error) => {
      const position = lineCounter.linePos(error.pos[0]);
      return { path: '', message: error.message.split('\n')[0] ?? 'invalid YAML', line: position.line, column: position.col };
    });
    throw new BulwarkError('CONFIG_PARSE_FAILED', formatProblems(file, problems), { details: problems });
  }
  let raw: unknown;
  try {
    raw = document.toJS({ maxAliasCount: 100 }) ?? {};
  } catch (error) {
    // yaml throws a ReferenceError for alias expansion bombs ("billion laughs" in YAML).
    const problem = { path: '', message: `cannot be expanded: ${(error as Error).message}` };
    throw new BulwarkError('CONFIG_PARSE_FAILED', formatProblems(file, [problem]), { details: [problem], cause: error });
  }
  const missing: ConfigProblem[] = [];
  const value = interpolate(raw, '', env, missing);
  if (missing.length > 0) {
    throw new BulwarkError('CONFIG_ENV_MISSING', formatProblems(file, locate(missing, document, lineCounter)), { details: missing });
  }
  const problems = validate(value, schema);
  if (problems.length > 0) {
    const located = locate(problems, document, lineCounter);
    throw new BulwarkError('CONFIG_INVALID', formatProblems(file, located), { details: located });
  }
  return value as T;
}

/** Validates (and fills defaults into) an already-parsed value; used for per-route overrides too. */
export function validate(value: unknown, schema: TSchema, prefix = ''): ConfigProblem[] {
  const check = compiled(schema);
  if (check(value)) return [];
  return (check.errors ?? []).map((error) => toProblem(error, prefix, value));
}

const cache = new WeakMap<TSchema, ReturnType<ReturnType<typeof createConfigAjv>['compile']>>();
const ajv = createConfigAjv();

function compiled(schema: TSchema) {
  let check = cache.get(schema);
  if (!check) {
    check = ajv.compile(schema);
    cache.set(schema, check);
  }
  return check;
}

function toProblem(error: ErrorObject, prefix: string, root: unknown): ConfigProblem {
  const segments = error.instancePath.split('/').slice(1).map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
  let path = joinPath(prefix, segments);
  let message = error.message ?? 'is invalid';
  if (error.keyword === 'additionalProperties') {
    const extra = String((error.params as { additionalProperty: string }).additionalProperty);
    path = joinPath(path, [extra]);
    message = 'is not a known key';
  } else if (error.keyword === 'required') {
    path = joinPath(path, [String((error.params as { missingProperty: string }).missingProperty)]);
    message = 'is required';
  } else if (error.keyword === 'enum' || error.keyword === 'const') {
    const allowed = (error.params as { allowedValues?: unknown[]; allowedValue?: unknown });
    message = `must be one of ${JSON.stringify(allowed.allowedValues ?? [allowed.allowedValue])}`;
  }
  if (error.keyword !== 'required' && error.keyword !== 'additionalProperties') {
    message += `, found ${describe(valueAt(root, segments))}`;
  }
  return { path, message };
}

function joinPath(prefix: string, segments: readonly string[]): string {
  let path = prefix;
  for (const segment of segments) {
    path += /^\d+$/.test(segment) ? `[${segment}]` : path === '' ? segment : `.${segment}`;
  }
  return path;
}

function valueAt(root: unknown, segments: readonly string[]): unknown {
  let current = root;
  for (const segment of segments) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function interpolate(value: unknown, path: string, env: NodeJS.ProcessEnv, missing: ConfigProblem[]): unknown {
  if (typeof value === 'string') {
    const whole = WHOLE_REFERENCE.exec(value);
    const text = value.replace(ENV_REFERENCE, (whole, name: string | undefined, fallback: string | undefined) => {
      if (whole === '$$') return '$';
      const found = env[name ?? ''];
      if (found !== undefined && found !== '') return found;
      if (fallback !== undefined) return fallback;
      missing.push({ path, message: `refers to environment variable ${name ?? ''}, which is not set` });
      return '';
    });
    // `port: ${PORT}` should give a number: a value that is one whole reference is read as a YAML
    // scalar, but only numbers and booleans are taken from it (never objects or lists).
    return whole ? scalarOf(text) : text;
  }
  if (Array.isArray(value)) return value.map((item, index) => interpolate(item, `${path}[${index}]`, env, missing));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = interpolate(item, path === '' ? key : `${path}.${key}`, env, missing);
    return out;
  }
  return value;
}

function scalarOf(text: string): string | number | boolean {
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  if (text === 'true' || text === 'false') return text === 'true';
  return text;
}

/** Adds line/column from the YAML source to each problem, using the deepest node that exists. */
function locate(problems: ConfigProblem[], document: Document, lineCounter: LineCounter): ConfigProblem[] {
  return problems.map((problem) => {
    const node = nodeAt(document, problem.path);
    const offset = node?.range?.[0];
    if (offset === undefined) return problem;
    const position = lineCounter.linePos(offset);
    return { ...problem, line: position.line, column: position.col };
  });
}

function nodeAt(document: Document, path: string): YamlNode | undefined {
  const keys = path.match(/[^.[\]]+/g) ?? [];
  let node: unknown = document.contents;
  for (const key of keys) {
    if (isMap(node)) {
      const pair = node.items.find((item) => (item.key as { value?: unknown } | null)?.value === key);
      if (!pair) break;
      node = pair.value ?? pair.key;
    } else if (isSeq(node) && /^\d+$/.test(key)) {
      const next: unknown = node.items[Number(key)];
      if (next === undefined) break;
      node = next;
    } else {
      break;
    }
  }
  return node as YamlNode | undefined;
}

export function formatProblems(file: string, problems: readonly ConfigProblem[]): string {
  const lines = problems.map((p) => {
    const where = p.line === undefined ? file : `${file}:${p.line}:${p.column ?? 1}`;
    return `${where}: ${p.path === '' ? '(root)' : p.path} ${p.message}`;
  });
  return lines.join('\n');
}
