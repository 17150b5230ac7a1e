// The named properties of the document's schemas, each met once at its definition: the model lists
// every schema once, and a property's name is read from the object that holds it (a schema shared
// under several names is one definition, named after the first object met).
import type { Located, NodeRef } from '../../../document.js';
import { decodeSegment } from '../../../pointer.js';
import { isSecretName } from './names.js';
import { isObject, schemaTypes, type AuditApi, type JsonObject, type SchemaInfo } from '../../../model.js';

export interface PropertyInfo {
  readonly name: string;
  /** The schema holding `properties`. */
  readonly owner: SchemaInfo;
  /** The property's node as written (a `$ref` object stays one: 3.1 allows keywords beside it). */
  readonly written: Located<JsonObject>;
  /** The property's schema, reference followed (the same node as `written` when it is no reference). */
  readonly schema: Located<JsonObject>;
}

/**
 * The properties `accept` takes, once per property definition: a schema shared under several names is
 * reported under the first name accepted. `accept` sees the property as written and resolved before
 * anything is located, so the tens of thousands of properties of a large document cost no allocation.
 */
export function propertiesOf(api: AuditApi, accept: (property: PropertyInfo) => boolean): PropertyInfo[] {
  const found: PropertyInfo[] = [];
  const seen = new Set<string>();
  const unlocated: NodeRef = { file: '', pointer: '' };
  for (const owner of api.schemas) {
    const properties = owner.schema.value.properties;
    if (!isObject(properties)) continue;
    for (const name of Object.keys(properties)) {
      const value = properties[name];
      if (!isObject(value)) continue;
      let property: PropertyInfo;
      if (typeof value.$ref === 'string') {
        // A reference is followed once here; its target is where the finding goes.
        const written = api.document.child(owner.schema, 'properties', name) as Located<JsonObject>;
        const schema = api.document.deref(written);
        if (schema === undefined || !isObject(schema.value)) continue;
        property = { name, owner, written, schema: schema as Located<JsonObject> };
        if (!accept(property)) continue;
      } else {
        const candidate: Located<JsonObject> = { value, at: unlocated };
        if (!accept({ name, owner, written: candidate, schema: candidate })) continue;
        const written = api.document.child(owner.schema, 'properties', name) as Located<JsonObject>;
        property = { name, owner, written, schema: written };
      }
      const key = `${property.schema.at.file}#${property.schema.at.pointer}`;
      if (seen.has(key)) continue;
      seen.add(key);
      found.push(property);
    }
  }
  return found;
}

/** Whether the property holds a secret: by its name, or by `format: password`. */
export function isSecret(property: PropertyInfo): boolean {
  return property.schema.value.format === 'password' || property.written.value.format === 'password' || isSecretName(property.name);
}

/** A keyword of the property, beside a `$ref` or in its target. */
export function propertyKeyword(property: PropertyInfo, keyword: string): unknown {
  return property.written.value[keyword] ?? property.schema.value[keyword];
}

/** Whether the property is never sent back (`writeOnly`). */
export function isWriteOnly(property: PropertyInfo): boolean {
  return propertyKeyword(property, 'writeOnly') === true;
}

/** Whether a value of this schema can be a string (or is unconstrained): what a secret or a number written as text is. */
export function canBeText(schema: JsonObject): boolean {
  const types = schemaTypes(schema).filter((type) => type !== 'null');
  if (types.length === 0) return !isObject(schema.properties);
  return types.includes('string');
}

/** Whether the schema only allows yes/no values. */
export function isBooleanOnly(schema: JsonObject): boolean {
  const types = schemaTypes(schema).filter((type) => type !== 'null');
  return types.length > 0 && types.every((type) => type === 'boolean');
}

/** Whether the schema is a date or a time: what `passwordChangedAt`-style fields hold. */
export function isDateLike(schema: JsonObject): boolean {
  return schema.format === 'date' || schema.format === 'date-time' || schema.format === 'time';
}

/** How a finding names the property: `\`password\` of schema \`User\`` or `\`password\` (at /pointer)`. */
export function propertyLabel(property: PropertyInfo): string {
  const owner = property.owner.schema.at.pointer;
  const segments = owner.split('/');
  const last = segments[segments.length - 1];
  const named = segments.length === 4 && segments[1] === 'components' && segments[2] === 'schemas'
    || segments.length === 3 && segments[1] === 'definitions';
  return named && last !== undefined ? `property \`${property.name}\` of schema \`${decodeSegment(last)}\`` : `property \`${property.name}\` (in the schema at \`${owner === '' ? '/' : owner}\`)`;
}
