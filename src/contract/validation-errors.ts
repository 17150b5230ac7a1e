// Turns Ajv errors into the failures a problem+json answer lists: a location a client can act on
// (`query.limit`, `body.$.items[3].price`), why, and which rule the failure belongs to. Locations
// are built from names the client sent, so they are truncated and stripped of control characters;
// values are never echoed.
import type { ErrorObject } from 'ajv';

/** invalid: breaks the schema; mass-assignment: a property the schema forbids; undeclared: one it does not declare but allows; read-only / write-only: OpenAPI visibility. */
export type FailureKind = 'invalid' | 'mass-assignment' | 'undeclared' | 'read-only' | 'write-only';

export interface Failure {
  readonly location: string;
  readonly problem: string;
  readonly kind: FailureKind;
  /** Ajv's instance path (JSON pointer) and, for a property that should not be there, its name: what stripping needs. */
  readonly pointer: string;
  readonly property?: string;
}

export const MAX_FAILURES = 20;
const MAX_NAME = 64;

/**
 * `root` is 'body' (JSONPath-like locations under `body.$`) or a parameter location such as 'query'
 * (the first pointer segment is the parameter name).
 */
export function toFailures(errors: readonly ErrorObject[] | null | undefined, root: string): Failure[] {
  const failures: Failure[] = [];
  const seen = new Set<string>();
  for (const error of errors ?? []) {
    if (error.keyword === 'if') continue; // its branch error says what failed
    const failure = toFailure(error, root);
    const key = `${failure.location}\u0000${failure.problem}`;
    if (seen.has(key)) continue;
    seen.add(key);
    failures.push(failure);
    if (failures.length >= MAX_FAILURES) break;
  }
  return failures;
}

function toFailure(error: ErrorObject, root: string): Failure {
  const segments = error.instancePath === '' ? [] : error.instancePath.slice(1).split('/').map(unescapePointer);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return { location: locationOf(root, [...segments, String(params.missingProperty)]), problem: 'is required', kind: 'invalid', pointer: error.instancePath };
    case 'additionalProperties':
    case 'unevaluatedProperties': {
      const property = String(params.additionalProperty ?? params.unevaluatedProperty);
      return {
        location: locationOf(root, [...segments, property]),
        problem: 'is not declared in the schema',
        kind: 'mass-assignment',
        pointer: error.instancePath,
        property,
      };
    }
    case 'bulwarkUndeclared':
      return { location: locationOf(root, segments), problem: 'is not declared in the schema', kind: 'undeclared', pointer: error.instancePath };
    case 'bulwarkReadOnly':
      return { location: locationOf(root, segments), problem: 'is read-only and must not be sent', kind: 'read-only', pointer: error.instancePath };
    case 'bulwarkWriteOnly':
      return { location: locationOf(root, segments), problem: 'is write-only and must not be returned', kind: 'write-only', pointer: error.instancePath };
    default:
      return { location: locationOf(root, segments), problem: error.message ?? 'is invalid', kind: 'invalid', pointer: error.instancePath };
  }
}

/** 'query' + ['limit'] → 'query.limit'; 'body' + ['items', '3', 'price'] → 'body.$.items[3].price'. */
export function locationOf(root: string, segments: readonly string[]): string {
  let location = root === 'body' ? 'body.$' : root;
  segments.forEach((raw, index) => {
    const name = safeName(raw);
    if (root !== 'body' && index === 0) location += `.${name}`;
    else if (/^\d{1,9}$/.test(name)) location += `[${name}]`;
    else if (/^[A-Za-z_$][\w$-]{0,63}$/.test(name)) location += `.${name}`;
    else location += `[${JSON.stringify(name)}]`;
  });
  return location;
}

function safeName(name: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
  const clean = name.replace(/[\u0000-\u001f\u007f]/g, '?');
  return clean.length > MAX_NAME ? `${clean.slice(0, MAX_NAME)}…` : clean;
}

function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** Removes what failures point at (undeclared or write-only properties); returns how many were removed. */
export function stripFailures(value: unknown, failures: readonly Failure[]): number {
  let removed = 0;
  for (const failure of failures) {
    const segments = failure.pointer === '' ? [] : failure.pointer.slice(1).split('/').map(unescapePointer);
    const key = failure.property ?? segments.pop();
    if (key === undefined) continue;
    let parent: unknown = value;
    for (const segment of segments) parent = isContainer(parent) ? (parent as Record<string, unknown>)[segment] : undefined;
    if (isContainer(parent) && !Array.isArray(parent) && Object.hasOwn(parent, key)) {
      delete (parent as Record<string, unknown>)[key];
      removed++;
    }
  }
  return removed;
}

function isContainer(value: unknown): value is object {
  return value !== null && typeof value === 'object';
}
