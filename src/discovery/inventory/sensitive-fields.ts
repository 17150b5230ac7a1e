// Finds sensitive values in a sample's parameters and bodies and keeps, per field, only their types
// and one masked example. Bodies are walked to a bounded number of values, and a field that stayed
// clean for a while is checked on one value in CHECK_EVERY, so busy operations do not pay the
// classifier on every leaf of every body.
import type { SensitiveDataClassifier, SensitiveType } from '../sensitive/index.js';
import { maskSample } from '../sensitive/index.js';
import { escapePointerSegment } from '../schema/index.js';
import type { ParameterIn } from './operation-view.js';

export interface SensitiveField {
  readonly direction: 'request' | 'response';
  readonly in: ParameterIn | 'body';
  readonly name: string;
  readonly types: Set<SensitiveType>;
  masked: string;
  calls: number;
  /** Clean checks in a row (not persisted: the sampling starts over after a restart). */
  clean: number;
}

/** Leaves of one body that are classified; beyond, the body's other values are not looked at. */
const MAX_LEAVES_PER_BODY = 1000;
const MAX_DEPTH = 32;
/** After this many clean values in a row, a field is checked on one value in CHECK_EVERY. */
const CLEAN_STREAK = 64;
const CHECK_EVERY = 16;

export interface SensitiveFields {
  readonly fields: Map<string, SensitiveField>;
  /** Looks at one value of a parameter or body location. */
  observe(direction: SensitiveField['direction'], where: SensitiveField['in'], name: string, key: string | undefined, value: unknown, parentKey?: string): void;
  /** Walks a parsed JSON body; pointers name array items `*`, as the schema learner does. */
  observeBody(direction: SensitiveField['direction'], body: unknown): void;
  /** Pointers of sensitive body fields, for the schema output (no enums or examples there). */
  sensitivePointers(direction: SensitiveField['direction']): Set<string>;
}

export function createSensitiveFields(classifier: SensitiveDataClassifier, maxFields: number, fields = new Map<string, SensitiveField>()): SensitiveFields {
  function observe(direction: SensitiveField['direction'], where: SensitiveField['in'], name: string, key: string | undefined, value: unknown, parentKey?: string): void {
    const id = `${direction} ${where} ${name}`;
    let field = fields.get(id);
    if (field !== undefined && field.types.size === 0 && field.clean >= CLEAN_STREAK && (field.clean++ % CHECK_EVERY) !== 0) return;
    const types = classifier.classify(key, value, parentKey);
    if (field === undefined) {
      if (types.length === 0 && fields.size >= maxFields) return;
      field = { direction, in: where, name, types: new Set(), masked: '', calls: 0, clean: 0 };
      fields.set(id, field);
    }
    if (types.length === 0) {
      field.clean++;
      return;
    }
    field.clean = 0;
    field.calls++;
    for (const type of types) field.types.add(type);
    if (field.masked === '') field.masked = maskSample(types[0]!, value);
  }

  function walk(direction: SensitiveField['direction'], value: unknown, pointer: string, key: string | undefined, parentKey: string | undefined, depth: number, budget: { leaves: number }): void {
    if (budget.leaves <= 0 || depth > MAX_DEPTH) return;
    if (Array.isArray(value)) {
      for (const item of value) walk(direction, item, `${pointer}/*`, key, parentKey, depth + 1, budget);
      return;
    }
    if (typeof value === 'object' && value !== null) {
      for (const name in value) walk(direction, (value as Record<string, unknown>)[name], `${pointer}/${escapePointerSegment(name)}`, name, key, depth + 1, budget);
      return;
    }
    if (typeof value !== 'string' && typeof value !== 'number') return;
    budget.leaves--;
    observe(direction, 'body', pointer === '' ? '/' : pointer, key, value, parentKey);
  }

  return {
    fields,
    observe,
    observeBody(direction, body) {
      walk(direction, body, '', undefined, undefined, 0, { leaves: MAX_LEAVES_PER_BODY });
    },
    sensitivePointers(direction) {
      const pointers = new Set<string>();
      for (const field of fields.values()) if (field.direction === direction && field.in === 'body' && field.types.size > 0) pointers.add(field.name);
      return pointers;
    },
  };
}
