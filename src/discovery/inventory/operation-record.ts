// What discovery learns about one operation (host, method, path template) from its samples: counts,
// statuses, consumers (as hashes), authentication, parameters and bodies with schema learners, and
// sensitive fields as masked samples. Every collection is capped, so an operation's memory does not
// grow with its traffic; raw values are never kept.
import { hash } from 'node:crypto';
import { parseCookies } from '../../contract/index.js';
import type { TrafficSample } from '../../core/types.js';
import { detectAuth, type ObservedAuth } from '../auth/detect-auth.js';
import { createScalarLearner, createSchemaLearner, type ScalarLearner, type SchemaLearner } from '../schema/index.js';
import type { SensitiveDataClassifier } from '../sensitive/index.js';
import type { ParameterIn } from './operation-view.js';
import { createSensitiveFields, type SensitiveFields } from './sensitive-fields.js';
import { isTransportHeader } from './transport-headers.js';

export interface RecordLimits {
  readonly maxParameters: number;
  readonly maxContentTypes: number;
  readonly maxResponses: number;
  readonly maxConsumers: number;
  readonly maxSensitiveFields: number;
  readonly maxAuth: number;
}

export const DEFAULT_RECORD_LIMITS: RecordLimits = Object.freeze({
  maxParameters: 64, maxContentTypes: 4, maxResponses: 24, maxConsumers: 1000, maxSensitiveFields: 128, maxAuth: 8,
});

export interface RecordDeps {
  readonly classifier: SensitiveDataClassifier;
  readonly limits: RecordLimits;
}

export interface ParameterSlot { readonly in: ParameterIn; readonly name: string; calls: number; readonly learner: ScalarLearner }
export interface BodySlot {
  readonly contentType: string;
  calls: number;
  learner?: SchemaLearner;
  /** Parsed bodies seen (learned or not). */
  bodies?: number;
  /** Learned bodies in a row that showed no new location: the schema has settled. */
  quiet?: number;
}
export interface ResponseSlot extends BodySlot { readonly status: string }
export interface AuthSlot { readonly kind: ObservedAuth['kind']; readonly in: ObservedAuth['in']; readonly name: string; calls: number; readonly issuers: Set<string>; readonly scopes: Set<string> }

export interface OperationRecord {
  readonly host: string;
  readonly method: string;
  readonly template: string;
  firstSeen: string;
  lastSeen: string;
  calls: number;
  readonly statuses: Map<string, number>;
  /** Hashes of consumer ids: distinct consumers can be counted without keeping who they are. */
  readonly consumers: Set<string>;
  consumersCapped: boolean;
  unauthenticated: number;
  readonly auth: Map<string, AuthSlot>;
  readonly parameters: Map<string, ParameterSlot>;
  readonly requestBodies: Map<string, BodySlot>;
  readonly responses: Map<string, ResponseSlot>;
  readonly sensitive: SensitiveFields;
  /** One concrete path, in memory only: re-resolves the record when its template is merged. */
  examplePath?: string;
}

const MAX_ISSUERS = 10;
const MAX_SCOPES = 100;

export function createRecord(host: string, method: string, template: string, deps: RecordDeps, time: string): OperationRecord {
  return {
    host, method, template, firstSeen: time, lastSeen: time, calls: 0, statuses: new Map(), consumers: new Set(), consumersCapped: false, unauthenticated: 0,
    auth: new Map(), parameters: new Map(), requestBodies: new Map(), responses: new Map(), sensitive: createSensitiveFields(deps.classifier, deps.limits.maxSensitiveFields),
  };
}

export function observeSample(record: OperationRecord, sample: TrafficSample, pathParams: Readonly<Record<string, string>>, deps: RecordDeps): void {
  record.calls++;
  if (sample.time < record.firstSeen) record.firstSeen = sample.time;
  if (sample.time > record.lastSeen) record.lastSeen = sample.time;
  const status = String(sample.status);
  record.statuses.set(status, (record.statuses.get(status) ?? 0) + 1);
  if (sample.consumer !== undefined) countConsumer(record, sample.consumer, deps.limits);
  observeAuth(record, detectAuth(sample), deps.limits);
  for (const name in pathParams) observeParameter(record, 'path', name, pathParams[name]!, deps);
  observeQuery(record, sample.query ?? [], deps);
  for (const name in sample.requestHeaders) {
    if (!isTransportHeader(name) && !isCredential(record, 'header', name)) observeParameter(record, 'header', name, sample.requestHeaders[name]!, deps);
  }
  for (const name of parseCookies(sample.requestHeaders.cookie).keys()) observeParameter(record, 'cookie', name, '', deps, true);
  const requestBody = sample.requestBody;
  if (requestBody !== undefined && requestBody.contentType !== '') observeBody(record.requestBodies, requestBody.contentType, requestBody.value, record, 'request', deps, () => ({ contentType: requestBody.contentType, calls: 0 }));
  const responseBody = sample.responseBody;
  const contentType = responseBody?.contentType ?? '';
  observeBody(record.responses, `${status} ${contentType}`, responseBody?.value, record, 'response', deps, () => ({ status, contentType, calls: 0 }), deps.limits.maxResponses);
}

function countConsumer(record: OperationRecord, consumer: string, limits: RecordLimits): void {
  if (record.consumers.size >= limits.maxConsumers) {
    record.consumersCapped = true;
    return;
  }
  // One-shot hash(): about 4x cheaper than createHash() for a short string, and this runs per sample.
  record.consumers.add(hash('sha256', consumer, 'base64url').slice(0, 16));
}

function observeAuth(record: OperationRecord, found: readonly ObservedAuth[], limits: RecordLimits): void {
  if (found.length === 0) record.unauthenticated++;
  for (const auth of found) {
    const key = `${auth.kind} ${auth.in} ${auth.name}`;
    let slot = record.auth.get(key);
    if (slot === undefined) {
      if (record.auth.size >= limits.maxAuth) continue;
      slot = { kind: auth.kind, in: auth.in, name: auth.name, calls: 0, issuers: new Set(), scopes: new Set() };
      record.auth.set(key, slot);
    }
    slot.calls++;
    if (auth.issuer !== undefined && slot.issuers.size < MAX_ISSUERS) slot.issuers.add(auth.issuer);
    for (const scope of auth.scopes ?? []) if (slot.scopes.size < MAX_SCOPES) slot.scopes.add(scope);
  }
}

function isCredential(record: OperationRecord, where: string, name: string): boolean {
  for (const slot of record.auth.values()) if (slot.in === where && slot.name === name) return true;
  return false;
}

function observeQuery(record: OperationRecord, query: readonly [string, string][], deps: RecordDeps): void {
  if (query.length === 0) return;
  const values = new Map<string, string[]>();
  for (const [name, value] of query) {
    const list = values.get(name);
    if (list === undefined) values.set(name, [value]);
    else list.push(value);
  }
  for (const [name, list] of values) {
    if (isCredential(record, 'query', name.toLowerCase())) continue;
    observeParameter(record, 'query', name, list.length === 1 ? list[0]! : list, deps);
  }
}

function observeParameter(record: OperationRecord, where: ParameterIn, name: string, value: string | readonly string[], deps: RecordDeps, isSensitive = false): void {
  const key = `${where} ${name}`;
  let slot = record.parameters.get(key);
  if (slot === undefined) {
    if (record.parameters.size >= deps.limits.maxParameters) return;
    slot = { in: where, name, calls: 0, learner: createScalarLearner(isSensitive ? { name, isSensitive } : { name }) };
    record.parameters.set(key, slot);
  }
  slot.calls++;
  if (isSensitive) return;
  slot.learner.add(value);
  for (const each of typeof value === 'string' ? [value] : value) record.sensitive.observe('request', where, name, name, each);
}

function observeBody<S extends BodySlot>(slots: Map<string, S>, key: string, value: unknown, record: OperationRecord, direction: 'request' | 'response', deps: RecordDeps, create: () => S, max = deps.limits.maxContentTypes): void {
  let slot = slots.get(key);
  if (slot === undefined) {
    if (slots.size >= max) return;
    slot = create();
    slots.set(key, slot);
  }
  slot.calls++;
  if (value === undefined) return;
  slot.bodies = (slot.bodies ?? 0) + 1;
  if (!shouldLearnBody(slot.bodies, slot.quiet ?? 0)) return;
  const learner = (slot.learner ??= createSchemaLearner());
  const locations = learner.nodeCount;
  learner.add(value);
  slot.quiet = learner.nodeCount === locations ? (slot.quiet ?? 0) + 1 : 0;
  record.sensitive.observeBody(direction, value);
}

/**
 * Learned bodies in a row without a new location before sampling starts: above the 30 observations
 * an enum needs (string-stats.ts), so sampling never starves the statistics of a quiet operation.
 */
export const SETTLED_AFTER = 50;

/**
 * A body of a (status, media type) is learned while its schema is still growing: until SETTLED_AFTER
 * bodies in a row brought no new field. Then one in 4, 16, 64 as the count passes 1,000 and 10,000;
 * a sampled body with a new field starts full learning again. Bodies that teach nothing cost most of
 * the ingest time of a busy operation, and a field that appears at all still shows up.
 */
export function shouldLearnBody(count: number, quiet: number): boolean {
  if (quiet < SETTLED_AFTER) return true;
  if (count <= 1_000) return count % 4 === 0;
  if (count <= 10_000) return count % 16 === 0;
  return count % 64 === 0;
}
