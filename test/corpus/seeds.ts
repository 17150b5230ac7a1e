// Reads and checks the hand-written seed files: attacks/<class>.json (payloads, key paths or whole
// requests, each with a note) and benign/*.json (groups of values, and whole requests).
import { readdirSync, readFileSync } from 'node:fs';
import type { AttackClass } from '../../src/detect/index.js';
import type { Placement } from './case.js';

export interface MultipartSpec {
  readonly name: string;
  readonly filename?: string;
  readonly contentType?: string;
  /** Text, or `@asset:<name>`. */
  readonly content: string;
}

/** A whole request; its headers are added to the background, replacing background headers of the same name. */
export interface RequestSpec {
  readonly method: string;
  readonly path: string;
  readonly query?: string;
  readonly headers?: readonly string[];
  readonly json?: unknown;
  readonly text?: string;
  readonly contentType?: string;
  readonly form?: readonly (readonly [string, string])[];
  readonly multipart?: readonly MultipartSpec[];
  readonly bodyAsset?: string;
}

/** A payload that goes where a value goes (a query value, a JSON string, a header). */
export interface ValueSeed { readonly kind: 'value'; readonly payload: string; readonly note: string }
/** A payload that is a key path (`username[$ne]`, `__proto__.isAdmin`): it goes into names and JSON keys. */
export interface KeySeed {
  readonly kind: 'key';
  readonly key: readonly string[];
  readonly value: unknown;
  /** The parameter name to send instead of the bracketed key path (`__proto__.isAdmin`). */
  readonly name?: string;
  readonly note: string;
}
export interface RequestSeed { readonly kind: 'request'; readonly request: RequestSpec; readonly note: string }
export type AttackSeed = ValueSeed | KeySeed | RequestSeed;

export interface BenignGroup {
  /** The file name without `.json`: the prefix of the group's case ids. */
  readonly name: string;
  readonly note: string;
  readonly fields: readonly string[];
  /** Where the values go besides the query and JSON (round-robin). */
  readonly placements: readonly Placement[];
  /** Where every value goes (default: query and JSON). */
  readonly primary?: readonly Placement[];
  readonly values: readonly string[];
}

const CORPUS_DIRECTORY = new URL('./', import.meta.url);

function readJson(relative: string): unknown {
  return JSON.parse(readFileSync(new URL(relative, CORPUS_DIRECTORY), 'utf8')) as unknown;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fail(where: string, problem: string): never {
  throw new Error(`test/corpus/${where}: ${problem}`);
}

export function parseAttackSeed(raw: unknown, where: string): AttackSeed {
  if (!isObject(raw) || typeof raw.note !== 'string' || raw.note === '') fail(where, 'each seed needs a non-empty "note"');
  if (typeof raw.payload === 'string') return { kind: 'value', payload: raw.payload, note: raw.note };
  if (Array.isArray(raw.key) && raw.key.length > 0 && raw.key.every((part) => typeof part === 'string')) {
    if (raw.name !== undefined && typeof raw.name !== 'string') fail(where, '"name" must be a string');
    return { kind: 'key', key: raw.key, value: raw.value ?? null, note: raw.note, ...(typeof raw.name === 'string' ? { name: raw.name } : {}) };
  }
  if (isObject(raw.request)) return { kind: 'request', request: parseRequestSpec(raw.request, where), note: raw.note };
  fail(where, 'a seed has "payload" (string), "key" (string array) or "request" (object)');
}

export function parseRequestSpec(raw: Record<string, unknown>, where: string): RequestSpec {
  if (typeof raw.method !== 'string' || typeof raw.path !== 'string') fail(where, 'a request needs "method" and "path"');
  if (raw.headers !== undefined && (!Array.isArray(raw.headers) || raw.headers.length % 2 !== 0 || !raw.headers.every((item) => typeof item === 'string'))) {
    fail(where, '"headers" is an alternating list of names and values');
  }
  const bodies = ['json', 'text', 'form', 'multipart', 'bodyAsset'].filter((key) => raw[key] !== undefined);
  if (bodies.length > 1) fail(where, `one body only, got ${bodies.join(', ')}`);
  if ((raw.text !== undefined || raw.bodyAsset !== undefined) && typeof raw.contentType !== 'string') fail(where, 'a text or asset body needs "contentType"');
  return raw as unknown as RequestSpec;
}

/** Every attacks/<class>.json, in file-name order. */
export function loadAttackSeeds(): ReadonlyMap<AttackClass, readonly AttackSeed[]> {
  const seeds = new Map<AttackClass, AttackSeed[]>();
  const files = readdirSync(new URL('attacks/', CORPUS_DIRECTORY)).filter((file) => file.endsWith('.json')).sort();
  for (const file of files) {
    const raw = readJson(`attacks/${file}`);
    if (!Array.isArray(raw)) fail(`attacks/${file}`, 'must be a list of seeds');
    const attackClass = file.slice(0, -'.json'.length) as AttackClass;
    seeds.set(attackClass, raw.map((item, index) => parseAttackSeed(item, `attacks/${file}[${index}]`)));
  }
  return seeds;
}

/** Every benign/*.json value group (requests.json is read by loadBenignRequests). */
export function loadBenignGroups(): readonly BenignGroup[] {
  const files = readdirSync(new URL('benign/', CORPUS_DIRECTORY)).filter((file) => file.endsWith('.json') && file !== 'requests.json').sort();
  return files.map((file) => {
    const raw = readJson(`benign/${file}`);
    const where = `benign/${file}`;
    if (!isObject(raw) || !Array.isArray(raw.values) || !raw.values.every((value) => typeof value === 'string')) fail(where, 'needs "values": a list of strings');
    if (typeof raw.note !== 'string' || !Array.isArray(raw.fields) || raw.fields.length === 0) fail(where, 'needs "note" and "fields"');
    return {
      name: file.slice(0, -'.json'.length), note: raw.note, fields: raw.fields as string[], values: raw.values,
      placements: (raw.placements ?? ['form', 'multipart-field', 'xml-text', 'graphql-variables']) as Placement[],
      ...(Array.isArray(raw.primary) ? { primary: raw.primary as Placement[] } : {}),
    };
  });
}

export function loadBenignRequests(): readonly RequestSeed[] {
  const raw = readJson('benign/requests.json');
  if (!isObject(raw) || !Array.isArray(raw.requests)) fail('benign/requests.json', 'needs "requests": a list');
  return raw.requests.map((item, index) => {
    const where = `benign/requests.json[${index}]`;
    if (!isObject(item) || typeof item.note !== 'string') fail(where, 'each request needs a "note"');
    return { kind: 'request', request: parseRequestSpec(item, where), note: item.note };
  });
}
