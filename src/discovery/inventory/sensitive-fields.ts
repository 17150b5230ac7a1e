// Finds sensitive values in a sample's parameters and bodies and keeps, per field, only their types
// and one masked example. Bodies are walked to a bounded number of values, and a field that stayed
// clean for a while is checked on one value in CHECK_EVERY, so busy operations do not pay the
// classifier on every leaf of every body. Body locations are remembered (bounded) so that a value
// costs no pointer string, id string or field-name lookup.
import type { SensitiveDataClassifier, SensitiveKey, SensitiveType } from '../sensitive/index.js';
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
/**
 * Body locations remembered per record (both directions), so the walk finds a location's field and
 * the classifier's reading of its name without building its pointer for every value. Past it, the
 * other locations are walked as before, with their pointers built per value: slower, never different.
 */
export const MAX_BODY_LOCATIONS = 1000;

export interface SensitiveFields {
  readonly fields: Map<string, SensitiveField>;
  /** Looks at one value of a parameter or body location. */
  observe(direction: SensitiveField['direction'], where: SensitiveField['in'], name: string, key: string | undefined, value: unknown, parentKey?: string): void;
  /** Walks a parsed JSON body; pointers name array items `*`, as the schema learner does. */
  observeBody(direction: SensitiveField['direction'], body: unknown): void;
  /** Pointers of sensitive body fields, for the schema output (no enums or examples there). */
  sensitivePointers(direction: SensitiveField['direction']): Set<string>;
  /** Body locations remembered (at most MAX_BODY_LOCATIONS). */
  readonly locationCount: number;
}

/**
 * One body location of one direction, made the first time a body reaches it: what its pointer, the
 * field's id and the classifier's key lookup would otherwise cost per value. A clean location keeps
 * its streak here, without an entry in `fields` (which holds parameters and sensitive locations).
 */
interface BodyLocation {
  readonly pointer: string;
  readonly id: string;
  readonly key: string | undefined;
  readonly parentKey: string | undefined;
  readonly keyed: SensitiveKey;
  /** The member name this location has in its parent object ('' for the root and array items). */
  readonly name: string;
  /** Its place in the parent's `order`. */
  readonly index: number;
  members: Map<string, BodyLocation> | undefined;
  /**
   * Members in the order first seen: bodies of one operation list their keys in the same order, so
   * the next key is most often the next member here, found by one comparison instead of a lookup.
   */
  order: BodyLocation[] | undefined;
  items: BodyLocation | undefined;
  /** Clean checks in a row while the location has no field. */
  clean: number;
  /** Its entry of `fields`, once it held a sensitive value (or was restored or merged with one). */
  field: SensitiveField | undefined;
}

type Direction = SensitiveField['direction'];

const nameOf = (location: BodyLocation): string => (location.pointer === '' ? '/' : location.pointer);

export function createSensitiveFields(classifier: SensitiveDataClassifier, maxFields: number, fields = new Map<string, SensitiveField>()): SensitiveFields {
  const roots: Partial<Record<Direction, BodyLocation>> = {};
  let locationCount = 0;
  /** Leaves the body being walked may still have classified. */
  let leaves = 0;

  /** A field that stayed clean long enough is looked at on one value in CHECK_EVERY (the skips count too). */
  const isResting = (field: SensitiveField): boolean => field.types.size === 0 && field.clean >= CLEAN_STREAK && (field.clean++ % CHECK_EVERY) !== 0;

  /** Counts one check of a field; returns the field, or undefined when a clean one was not created (maxFields). */
  function record(id: string, direction: Direction, where: SensitiveField['in'], name: string, field: SensitiveField | undefined, value: unknown, types: readonly SensitiveType[]): SensitiveField | undefined {
    if (field === undefined) {
      if (types.length === 0 && fields.size >= maxFields) return undefined;
      field = { direction, in: where, name, types: new Set(), masked: '', calls: 0, clean: 0 };
      fields.set(id, field);
    }
    if (types.length === 0) {
      field.clean++;
      return field;
    }
    field.clean = 0;
    field.calls++;
    for (const type of types) field.types.add(type);
    if (field.masked === '') field.masked = maskSample(types[0]!, value);
    return field;
  }

  function observe(direction: Direction, where: SensitiveField['in'], name: string, key: string | undefined, value: unknown, parentKey?: string): void {
    const id = `${direction} ${where} ${name}`;
    const field = fields.get(id);
    if (field !== undefined && isResting(field)) return;
    record(id, direction, where, name, field, value, classifier.classify(key, value, parentKey));
  }

  function createLocation(direction: Direction, pointer: string, key: string | undefined, parentKey: string | undefined, name = '', index = 0): BodyLocation | undefined {
    if (locationCount >= MAX_BODY_LOCATIONS) return undefined;
    locationCount++;
    const id = `${direction} body ${pointer === '' ? '/' : pointer}`;
    return { pointer, id, key, parentKey, keyed: classifier.keyOf(key, parentKey), name, index, members: undefined, order: undefined, items: undefined, clean: 0, field: fields.get(id) };
  }

  function observeAt(direction: Direction, location: BodyLocation, value: unknown): void {
    if (location.field !== undefined) {
      if (!isResting(location.field)) location.field = record(location.id, direction, 'body', nameOf(location), location.field, value, classifier.classifyKeyed(location.keyed, value));
      return;
    }
    if (location.clean >= CLEAN_STREAK && (location.clean++ % CHECK_EVERY) !== 0) return;
    const types = classifier.classifyKeyed(location.keyed, value);
    if (types.length === 0) {
      location.clean++;
      return;
    }
    location.clean = 0;
    location.field = record(location.id, direction, 'body', nameOf(location), fields.get(location.id), value, types);
  }

  function walkAt(direction: Direction, location: BodyLocation, value: unknown, depth: number): void {
    if (leaves <= 0 || depth > MAX_DEPTH) return;
    if (Array.isArray(value)) {
      const items = location.items ?? (location.items = createLocation(direction, `${location.pointer}/*`, location.key, location.parentKey));
      for (let index = 0; index < value.length; index++) {
        if (items !== undefined) walkAt(direction, items, value[index], depth + 1);
        else walk(direction, value[index], `${location.pointer}/*`, location.key, location.parentKey, depth + 1);
      }
      return;
    }
    if (typeof value === 'object' && value !== null) {
      let next = 0;
      for (const name in value) {
        const child = (value as Record<string, unknown>)[name];
        let member = location.order?.[next];
        if (member === undefined || member.name !== name) member = location.members?.get(name) ?? addMember(direction, location, name);
        if (member !== undefined) {
          next = member.index + 1;
          walkAt(direction, member, child, depth + 1);
        } else {
          walk(direction, child, `${location.pointer}/${escapePointerSegment(name)}`, name, location.key, depth + 1);
        }
      }
      return;
    }
    if (typeof value !== 'string' && typeof value !== 'number') return;
    leaves--;
    observeAt(direction, location, value);
  }

  function addMember(direction: Direction, location: BodyLocation, name: string): BodyLocation | undefined {
    const order = (location.order ??= []);
    const member = createLocation(direction, `${location.pointer}/${escapePointerSegment(name)}`, name, location.key, name, order.length);
    if (member === undefined) return undefined;
    (location.members ??= new Map()).set(name, member);
    order.push(member);
    return member;
  }

  /** Past MAX_BODY_LOCATIONS: the same walk, with the pointer built per value. */
  function walk(direction: Direction, value: unknown, pointer: string, key: string | undefined, parentKey: string | undefined, depth: number): void {
    if (leaves <= 0 || depth > MAX_DEPTH) return;
    if (Array.isArray(value)) {
      for (const item of value) walk(direction, item, `${pointer}/*`, key, parentKey, depth + 1);
      return;
    }
    if (typeof value === 'object' && value !== null) {
      for (const name in value) walk(direction, (value as Record<string, unknown>)[name], `${pointer}/${escapePointerSegment(name)}`, name, key, depth + 1);
      return;
    }
    if (typeof value !== 'string' && typeof value !== 'number') return;
    leaves--;
    observe(direction, 'body', pointer === '' ? '/' : pointer, key, value, parentKey);
  }

  return {
    fields,
    observe,
    observeBody(direction, body) {
      leaves = MAX_LEAVES_PER_BODY;
      const root = roots[direction] ?? (roots[direction] = createLocation(direction, '', undefined, undefined));
      if (root !== undefined) walkAt(direction, root, body, 0);
      else walk(direction, body, '', undefined, undefined, 0);
    },
    sensitivePointers(direction) {
      const pointers = new Set<string>();
      for (const field of fields.values()) if (field.direction === direction && field.in === 'body' && field.types.size > 0) pointers.add(field.name);
      return pointers;
    },
    get locationCount() {
      return locationCount;
    },
  };
}
