// An operation record as the OperationView every reader uses: schemas built from the learners (no
// enums or examples where a field held sensitive data), counts summed, sets counted.
import type { OperationRecord } from './operation-record.js';
import type { OperationView, ParameterView, ResponseView } from './operation-view.js';

export function recordView(record: OperationRecord): OperationView {
  const requestSensitive = record.sensitive.sensitivePointers('request');
  const responseSensitive = record.sensitive.sensitivePointers('response');
  const sensitiveParameters = new Set([...record.sensitive.fields.values()].filter((field) => field.in !== 'body' && field.types.size > 0).map((field) => `${field.in} ${field.name}`));
  const parameters: ParameterView[] = [...record.parameters.values()].map((slot) => ({
    in: slot.in, name: slot.name, calls: slot.calls, required: slot.in === 'path' || slot.calls >= record.calls,
    schema: slot.learner.count > 0 ? slot.learner.toSchema(sensitiveParameters.has(`${slot.in} ${slot.name}`) ? { withEnums: false } : {}) : { type: 'string' },
  }));
  const responses: ResponseView[] = [...record.responses.values()].map((slot) => ({
    status: slot.status, contentType: slot.contentType, calls: slot.calls,
    ...(slot.learner !== undefined ? { schema: slot.learner.toSchema({ isSensitive: (pointer) => responseSensitive.has(pointer) }) } : {}),
  }));
  return {
    host: record.host, method: record.method, template: record.template, firstSeen: record.firstSeen, lastSeen: record.lastSeen, calls: record.calls,
    statuses: Object.fromEntries(record.statuses), consumers: record.consumers.size, consumersCapped: record.consumersCapped,
    unauthenticatedCalls: record.unauthenticated,
    auth: [...record.auth.values()].map((slot) => ({ kind: slot.kind, in: slot.in, name: slot.name, calls: slot.calls, issuers: [...slot.issuers].sort(), scopes: [...slot.scopes].sort() })),
    parameters,
    requestBodies: [...record.requestBodies.values()].map((slot) => ({
      contentType: slot.contentType, calls: slot.calls,
      ...(slot.learner !== undefined ? { schema: slot.learner.toSchema({ isSensitive: (pointer) => requestSensitive.has(pointer) }) } : {}),
    })),
    responses,
    sensitive: [...record.sensitive.fields.values()].filter((field) => field.types.size > 0).map((field) => ({
      direction: field.direction, in: field.in, name: field.name, types: [...field.types].sort(), masked: field.masked, calls: field.calls,
    })),
  };
}
