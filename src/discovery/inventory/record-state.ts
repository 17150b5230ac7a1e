// An operation record as plain JSON for the inventory store, back, and two records merged into one
// (when the path learner merges templates). Sensitive fields are stored with their types and masked
// sample only; clean fields are not stored (their sampling starts over after a restart).
import { restoreScalarLearner, restoreSchemaLearner, type LearnerState, type ScalarState } from '../schema/index.js';
import type { SensitiveType } from '../sensitive/index.js';
import type { AuthSlot, BodySlot, OperationRecord, ParameterSlot, RecordDeps, ResponseSlot } from './operation-record.js';
import { createRecord } from './operation-record.js';
import type { SensitiveField } from './sensitive-fields.js';

export interface RecordState {
  readonly version: 1;
  readonly statuses: Record<string, number>;
  readonly consumers: readonly string[];
  readonly consumersCapped: boolean;
  readonly unauthenticated: number;
  readonly auth: readonly { kind: AuthSlot['kind']; in: AuthSlot['in']; name: string; calls: number; issuers: string[]; scopes: string[] }[];
  readonly parameters: readonly { in: ParameterSlot['in']; name: string; calls: number; learner: ScalarState }[];
  readonly requestBodies: readonly { contentType: string; calls: number; bodies?: number; learner?: LearnerState }[];
  readonly responses: readonly { status: string; contentType: string; calls: number; bodies?: number; learner?: LearnerState }[];
  readonly sensitive: readonly { direction: SensitiveField['direction']; in: SensitiveField['in']; name: string; types: SensitiveType[]; masked: string; calls: number }[];
}

export function recordToState(record: OperationRecord): RecordState {
  return {
    version: 1, statuses: Object.fromEntries(record.statuses), consumers: [...record.consumers], consumersCapped: record.consumersCapped, unauthenticated: record.unauthenticated,
    auth: [...record.auth.values()].map((slot) => ({ kind: slot.kind, in: slot.in, name: slot.name, calls: slot.calls, issuers: [...slot.issuers], scopes: [...slot.scopes] })),
    parameters: [...record.parameters.values()].map((slot) => ({ in: slot.in, name: slot.name, calls: slot.calls, learner: slot.learner.toJSON() })),
    requestBodies: [...record.requestBodies.values()].map((slot) => ({ contentType: slot.contentType, calls: slot.calls, bodies: slot.bodies ?? 0, ...(slot.learner ? { learner: slot.learner.toJSON() } : {}) })),
    responses: [...record.responses.values()].map((slot) => ({ status: slot.status, contentType: slot.contentType, calls: slot.calls, bodies: slot.bodies ?? 0, ...(slot.learner ? { learner: slot.learner.toJSON() } : {}) })),
    sensitive: [...record.sensitive.fields.values()].filter((field) => field.types.size > 0)
      .map((field) => ({ direction: field.direction, in: field.in, name: field.name, types: [...field.types], masked: field.masked, calls: field.calls })),
  };
}

export interface RecordIdentity {
  readonly host: string;
  readonly method: string;
  readonly template: string;
  readonly firstSeen: string;
  readonly lastSeen: string;
  readonly calls: number;
}

/** Throws (a TypeError or the learners' own errors) when the stored JSON is not a record state. */
export function recordFromState(identity: RecordIdentity, state: unknown, deps: RecordDeps): OperationRecord {
  const stored = state as RecordState;
  if (typeof stored !== 'object' || stored === null || stored.version !== 1) throw new TypeError('not an inventory record (version 1)');
  const record = createRecord(identity.host, identity.method, identity.template, deps, identity.firstSeen);
  record.lastSeen = identity.lastSeen;
  record.calls = identity.calls;
  for (const [status, count] of Object.entries(stored.statuses)) record.statuses.set(status, count);
  for (const consumer of stored.consumers) record.consumers.add(consumer);
  record.consumersCapped = stored.consumersCapped;
  record.unauthenticated = stored.unauthenticated;
  for (const slot of stored.auth) record.auth.set(`${slot.kind} ${slot.in} ${slot.name}`, { ...slot, issuers: new Set(slot.issuers), scopes: new Set(slot.scopes) });
  for (const slot of stored.parameters) record.parameters.set(`${slot.in} ${slot.name}`, { in: slot.in, name: slot.name, calls: slot.calls, learner: restoreScalarLearner(slot.learner) });
  for (const slot of stored.requestBodies) record.requestBodies.set(slot.contentType, restoreBody({ contentType: slot.contentType, calls: slot.calls, bodies: slot.bodies ?? 0 }, slot.learner));
  for (const slot of stored.responses) record.responses.set(`${slot.status} ${slot.contentType}`, restoreBody({ status: slot.status, contentType: slot.contentType, calls: slot.calls, bodies: slot.bodies ?? 0 }, slot.learner));
  for (const field of stored.sensitive) {
    record.sensitive.fields.set(`${field.direction} ${field.in} ${field.name}`, { ...field, types: new Set(field.types), clean: 0 });
  }
  return record;
}

function restoreBody<S extends BodySlot>(slot: S, learner: LearnerState | undefined): S {
  if (learner !== undefined) slot.learner = restoreSchemaLearner(learner);
  return slot;
}

/** Adds `from` into `into` (same operation under a merged template); caps apply as when observing. */
export function mergeRecord(into: OperationRecord, from: OperationRecord, deps: RecordDeps): void {
  into.calls += from.calls;
  if (from.firstSeen < into.firstSeen) into.firstSeen = from.firstSeen;
  if (from.lastSeen > into.lastSeen) into.lastSeen = from.lastSeen;
  for (const [status, count] of from.statuses) into.statuses.set(status, (into.statuses.get(status) ?? 0) + count);
  for (const consumer of from.consumers) {
    if (into.consumers.size >= deps.limits.maxConsumers) into.consumersCapped = true;
    else into.consumers.add(consumer);
  }
  into.consumersCapped ||= from.consumersCapped;
  into.unauthenticated += from.unauthenticated;
  for (const [key, slot] of from.auth) {
    const target = into.auth.get(key);
    if (target === undefined) {
      if (into.auth.size < deps.limits.maxAuth) into.auth.set(key, slot);
    } else {
      target.calls += slot.calls;
      for (const issuer of slot.issuers) target.issuers.add(issuer);
      for (const scope of slot.scopes) target.scopes.add(scope);
    }
  }
  mergeSlots(into.parameters, from.parameters, deps.limits.maxParameters, (target, slot) => target.learner.merge(slot.learner));
  mergeSlots(into.requestBodies, from.requestBodies, deps.limits.maxContentTypes, mergeBody);
  mergeSlots<ResponseSlot>(into.responses, from.responses, deps.limits.maxResponses, mergeBody);
  for (const [key, field] of from.sensitive.fields) {
    const target = into.sensitive.fields.get(key);
    if (target === undefined) into.sensitive.fields.set(key, field);
    else {
      target.calls += field.calls;
      for (const type of field.types) target.types.add(type);
      if (target.masked === '') target.masked = field.masked;
    }
  }
}

function mergeSlots<S extends { calls: number }>(into: Map<string, S>, from: ReadonlyMap<string, S>, max: number, merge: (target: S, slot: S) => void): void {
  for (const [key, slot] of from) {
    const target = into.get(key);
    if (target === undefined) {
      if (into.size < max) into.set(key, slot);
      continue;
    }
    target.calls += slot.calls;
    merge(target, slot);
  }
}

function mergeBody(target: BodySlot, slot: BodySlot): void {
  target.bodies = (target.bodies ?? 0) + (slot.bodies ?? 0);
  if (slot.learner === undefined) return;
  if (target.learner === undefined) target.learner = slot.learner;
  else target.learner.merge(slot.learner);
}
