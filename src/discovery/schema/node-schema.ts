// Turns a learned node into JSON Schema 2020-12 (OpenAPI 3.1): one branch per JSON type seen, null as
// `type: [t, 'null']`, several types as `oneOf` (the branches are disjoint by type, so exactly one holds).
import type { JsonSchema, JsonType, SchemaOutputOptions } from './json-schema.js';
import type { LearnerNode } from './learner-node.js';
import { stringKeywords } from './string-stats.js';

export function nodeToSchema(node: LearnerNode, options: SchemaOutputOptions, isUnderSensitive = false): JsonSchema {
  const isSensitive = isUnderSensitive || node.isSensitive || options.isSensitive?.(node.pointer) === true;
  const branches: JsonSchema[] = [];
  if (node.booleanCount > 0) branches.push(withExample({ type: 'boolean' }, node, isSensitive, options));
  if (node.integerCount + node.numberCount > 0) branches.push(numberSchema(node, isSensitive, options));
  if (node.stringCount > 0) branches.push(stringSchema(node, isSensitive, options));
  if (node.arrayCount > 0) branches.push(arraySchema(node, isSensitive, options));
  if (node.objectCount > 0) branches.push(objectSchema(node, isSensitive, options));
  return combineBranches(branches, node.nullCount > 0);
}

/** Nothing seen: any value. Only null: null. One type: it, nullable if null was seen. Several: oneOf. */
export function combineBranches(branches: JsonSchema[], hasNull: boolean): JsonSchema {
  const [only] = branches;
  if (only === undefined) return hasNull ? { type: 'null' } : {};
  if (branches.length > 1) return { oneOf: hasNull ? [...branches, { type: 'null' }] : branches };
  if (!hasNull) return only;
  // Spreading keeps `type` first; an enum must list null too, or null values would fail it.
  const nullable: JsonSchema = { ...only, type: [only.type as JsonType, 'null'] };
  if (only.enum !== undefined) nullable.enum = [...only.enum, null];
  return nullable;
}

function withExample(schema: JsonSchema, node: LearnerNode, isSensitive: boolean, options: SchemaOutputOptions): JsonSchema {
  const value = node.example;
  if (value === undefined || isSensitive || options.example === undefined) return schema;
  // The one example kept belongs to one branch: a location that saw 1 and "a" shows it under integer only.
  const isNumeric = schema.type === 'integer' || schema.type === 'number';
  if (isNumeric ? typeof value !== 'number' : typeof value !== schema.type) return schema;
  const masked = options.example(node.pointer, value);
  if (masked !== undefined) schema.examples = [masked];
  return schema;
}

function numberSchema(node: LearnerNode, isSensitive: boolean, options: SchemaOutputOptions): JsonSchema {
  // An integer location that once saw 2.5 is a number location: JSON Schema's integer is a subset.
  const schema: JsonSchema = { type: node.numberCount > 0 ? 'number' : 'integer' };
  if (options.withStatistics === true && !isSensitive && Number.isFinite(node.minimum)) {
    schema.minimum = node.minimum;
    schema.maximum = node.maximum;
  }
  return withExample(schema, node, isSensitive, options);
}

function stringSchema(node: LearnerNode, isSensitive: boolean, options: SchemaOutputOptions): JsonSchema {
  const keywords = node.strings === undefined ? {} : stringKeywords(node.strings, node.stringCount, isSensitive, options);
  return withExample({ type: 'string', ...keywords }, node, isSensitive, options);
}

function arraySchema(node: LearnerNode, isSensitive: boolean, options: SchemaOutputOptions): JsonSchema {
  const schema: JsonSchema = { type: 'array' };
  const stats = node.array;
  if (stats === undefined) return schema;
  if (stats.items !== undefined && stats.items.count > 0 && !stats.hasUntrackedItems) {
    schema.items = nodeToSchema(stats.items, options, isSensitive);
  }
  if (options.withStatistics === true) {
    schema.minItems = stats.minItems;
    schema.maxItems = stats.maxItems;
  }
  return schema;
}

function objectSchema(node: LearnerNode, isSensitive: boolean, options: SchemaOutputOptions): JsonSchema {
  const schema: JsonSchema = { type: 'object' };
  const stats = node.object;
  // At maximum depth nothing below was looked at: any object.
  if (stats === undefined || stats.isOpaque) return schema;
  if (stats.mapValues !== undefined) {
    schema.additionalProperties = nodeToSchema(stats.mapValues, options, isSensitive);
    return schema;
  }
  const properties: [string, JsonSchema][] = [];
  const required: string[] = [];
  for (const [key, slot] of stats.properties) {
    properties.push([key, nodeToSchema(slot.node, options, isSensitive)]);
    if (slot.seen === node.objectCount) required.push(key);
  }
  // fromEntries defines own properties, so a "__proto__" key stays a property, not a prototype.
  schema.properties = Object.fromEntries(properties);
  if (required.length > 0) schema.required = required.sort();
  return schema;
}
