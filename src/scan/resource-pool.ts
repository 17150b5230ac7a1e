// Real ids for path parameters, learned from the target's own answers: what an identity created
// (`POST /orders` answering `{"id": 7}` or `Location: /orders/7`) or listed. Authorization checks
// need them: BOLA is one user asking for an object another user created.
import type { OperationSpec } from '../contract/index.js';
import type { Exchange } from './exchange.js';
import type { Identity } from './identity.js';
import { isSecured } from './is-secured.js';

interface Entry {
  readonly value: string;
  /** Identity name, '' for anonymous. */
  readonly owner: string;
  /** Created by the owner (a POST answer), not only seen in a list. */
  readonly isCreated: boolean;
}

export interface ResourcePool {
  /** Records the ids a successful answer to `operation` reveals. */
  learn(operation: OperationSpec, identity: Identity | undefined, exchange: Exchange): void;
  /**
   * Values for the operation's path parameters from what `owner` created (else listed); parameters
   * with none are missing from the result.
   */
  pathValues(operation: OperationSpec, owner: Identity | undefined, options?: { readonly createdOnly?: boolean }): Record<string, string>;
  /** Whether anything is known for every path parameter of the operation, for this owner. */
  covers(operation: OperationSpec, owner: Identity | undefined): boolean;
}

const PARAM = /^\{([^{}]{1,200})\}$/;
/** Entries per resource and owner: a list answer of a thousand objects needs no more than a few. */
const MAX_ENTRIES = 20;
const LIST_KEYS = ['items', 'data', 'results', 'records', 'content', 'values'] as const;

const segmentsOf = (template: string): string[] => template.split('/').filter((segment) => segment !== '');
/** `/orders/{orderId}` and `/orders/{id}` name one resource: parameter names do not matter. */
const resourceKey = (segments: readonly string[]): string => `/${segments.map((segment) => (PARAM.test(segment) ? '{}' : segment)).join('/')}`;
const ownerOf = (identity: Identity | undefined): string => identity?.name ?? '';

function singular(word: string): string {
  if (word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.endsWith('ses')) return word.slice(0, -2);
  return word.endsWith('s') ? word.slice(0, -1) : word;
}

/** The id in an object: the parameter's own name, `id`, `<resource>Id`, `uuid`, `key`, `slug`, `name`. */
function idIn(value: unknown, parameter: string, collection: string): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const record = value as Record<string, unknown>;
  const resource = singular(collection);
  for (const key of [parameter, 'id', `${resource}Id`, `${resource}_id`, 'uuid', 'key', 'slug', 'name']) {
    const found = record[key];
    if (typeof found === 'string' && found !== '' && found.length <= 200) return found;
    if (typeof found === 'number' && Number.isFinite(found)) return String(found);
  }
  return undefined;
}

function listIn(body: unknown): unknown[] {
  if (Array.isArray(body)) return body;
  if (typeof body !== 'object' || body === null) return [];
  for (const key of LIST_KEYS) {
    const list = (body as Record<string, unknown>)[key];
    if (Array.isArray(list)) return list;
  }
  return [];
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export function createResourcePool(operations: readonly OperationSpec[]): ResourcePool {
  const entries = new Map<string, Entry[]>();
  // Which item resources sit right below each collection: `/orders` → `/orders/{}` with its parameter names.
  const items = new Map<string, { key: string; names: Set<string> }>();
  for (const operation of operations) {
    const segments = segmentsOf(operation.pathTemplate);
    segments.forEach((segment, index) => {
      const name = PARAM.exec(segment)?.[1];
      if (name === undefined || index === 0) return;
      const collection = resourceKey(segments.slice(0, index));
      const key = resourceKey(segments.slice(0, index + 1));
      const known = items.get(collection) ?? { key, names: new Set<string>() };
      known.names.add(name);
      items.set(collection, known);
    });
  }

  function add(key: string, entry: Entry): void {
    const list = entries.get(key) ?? [];
    if (list.some((existing) => existing.value === entry.value && existing.owner === entry.owner)) return;
    if (list.filter((existing) => existing.owner === entry.owner).length >= MAX_ENTRIES) return;
    list.push(entry);
    entries.set(key, list);
  }

  function learn(operation: OperationSpec, identity: Identity | undefined, exchange: Exchange): void {
    const response = exchange.response;
    if (response === undefined || response.status < 200 || response.status >= 300) return;
    const segments = segmentsOf(operation.pathTemplate);
    const item = items.get(resourceKey(segments));
    if (item === undefined) return;
    const owner = ownerOf(identity);
    const collection = [...segments].reverse().find((segment) => !PARAM.test(segment)) ?? '';
    const [name = 'id'] = item.names;
    const body = parseJson(response.body);
    // Owned only if creating it took the identity's credentials: what a public POST (sign-up) creates belongs to nobody.
    const isCreated = operation.method === 'POST' && identity !== undefined && isSecured(operation);
    const location = response.headers.location;
    const fromLocation = location === undefined ? undefined : decodeURIComponent(new URL(location, exchange.request.url).pathname.split('/').at(-1) ?? '');
    const created = idIn(body, name, collection) ?? (fromLocation === '' ? undefined : fromLocation);
    if (isCreated && created !== undefined) add(item.key, { value: created, owner, isCreated: true });
    if (operation.method === 'GET') {
      for (const element of listIn(body)) {
        const value = idIn(element, name, collection);
        if (value !== undefined) add(item.key, { value, owner, isCreated: false });
      }
    }
  }

  function pathValues(operation: OperationSpec, owner: Identity | undefined, options: { readonly createdOnly?: boolean } = {}): Record<string, string> {
    const values: Record<string, string> = {};
    const segments = segmentsOf(operation.pathTemplate);
    segments.forEach((segment, index) => {
      const name = PARAM.exec(segment)?.[1];
      if (name === undefined) return;
      const list = (entries.get(resourceKey(segments.slice(0, index + 1))) ?? []).filter((entry) => entry.owner === ownerOf(owner));
      const best = list.find((entry) => entry.isCreated) ?? (options.createdOnly === true ? undefined : list[0]);
      if (best !== undefined) values[name] = best.value;
    });
    return values;
  }

  return {
    learn,
    pathValues,
    covers: (operation, owner) => {
      const names = segmentsOf(operation.pathTemplate).flatMap((segment) => PARAM.exec(segment)?.[1] ?? []);
      const values = pathValues(operation, owner);
      return names.every((name) => values[name] !== undefined);
    },
  };
}
