// Types of parameters learned from their text values (query, path, header, cookie): integer, number,
// boolean or string with format and enum, and an array when the parameter was repeated.
import type { JsonSchema, ScalarValue, SchemaOutputOptions } from './json-schema.js';
import { isSensitiveFieldName } from './sensitive-names.js';
import { readCount, readFinite, readRecord, readScalar, readStringStatsState } from './state-checks.js';
import { createStringStats, mergeStringStats, observeString, stringKeywords, stringStatsFromState, stringStatsToState } from './string-stats.js';
import type { StringLimits, StringStats, StringStatsState } from './string-stats.js';
import { classifyText } from './text-kind.js';
import type { TextKind } from './text-kind.js';

export interface ScalarLearnerOptions {
  /** The parameter's name: decides the default of isSensitive. */
  readonly name?: string;
  /** Keep no values (enum, example, bounds). Default: isSensitiveFieldName(name). */
  readonly isSensitive?: boolean;
  readonly maxEnumValues?: number;
  readonly maxEnumLength?: number;
  readonly keepExamples?: boolean;
}

export interface ScalarState {
  version: 1;
  limits: StringLimits & { keepExamples: boolean };
  isSensitive: boolean;
  /** Occurrences of the parameter (a repeated parameter is one occurrence with several values). */
  occurrences: number;
  /** Occurrences with other than one value. */
  repeated: number;
  minItems: number;
  maxItems: number;
  kinds: Record<TextKind, number>;
  minimum?: number;
  maximum?: number;
  strings?: StringStatsState;
  example?: ScalarValue;
}

export interface ScalarLearner {
  /** One occurrence: its value, or its values when the parameter was repeated (?id=1&id=2). */
  add(value: string | readonly string[]): void;
  toSchema(options?: SchemaOutputOptions): JsonSchema;
  toJSON(): ScalarState;
  merge(other: ScalarLearner | ScalarState): void;
  /** Occurrences learned. */
  readonly count: number;
}

interface ScalarData extends Omit<ScalarState, 'version' | 'strings' | 'kinds' | 'minimum' | 'maximum'> {
  kinds: Record<TextKind, number>;
  minimum: number;
  maximum: number;
  strings: StringStats | undefined;
}

export function createScalarLearner(options: ScalarLearnerOptions = {}): ScalarLearner {
  const limits = { maxEnumValues: options.maxEnumValues ?? 10, maxEnumLength: options.maxEnumLength ?? 64, keepExamples: options.keepExamples ?? false };
  const isSensitive = options.isSensitive ?? (options.name !== undefined && isSensitiveFieldName(options.name));
  return buildScalarLearner({
    limits, isSensitive, occurrences: 0, repeated: 0, minItems: Infinity, maxItems: 0,
    kinds: { boolean: 0, integer: 0, number: 0, string: 0 }, minimum: Infinity, maximum: -Infinity, strings: undefined, example: undefined,
  });
}

/** The schema of one parameter from all its values at once. */
export function inferScalar(values: Iterable<string | readonly string[]>, options: ScalarLearnerOptions & SchemaOutputOptions = {}): JsonSchema {
  const learner = createScalarLearner(options);
  for (const value of values) learner.add(value);
  return learner.toSchema(options);
}

function buildScalarLearner(data: ScalarData): ScalarLearner {
  function observeText(text: string): void {
    const kind = classifyText(text);
    data.kinds[kind]++;
    // Bounds are values too (a PIN's minimum is the PIN): sensitive parameters keep none.
    if ((kind === 'integer' || kind === 'number') && !data.isSensitive) {
      const value = Number(text);
      data.minimum = Math.min(data.minimum, value);
      data.maximum = Math.max(data.maximum, value);
    }
    observeString((data.strings ??= createStringStats(data.isSensitive)), text, data.limits);
    if (data.example === undefined && data.limits.keepExamples && !data.isSensitive && text.length <= data.limits.maxEnumLength) data.example = text;
  }
  const learner: ScalarLearner = {
    add(value) {
      const size = typeof value === 'string' ? 1 : value.length;
      data.occurrences++;
      if (size !== 1) data.repeated++;
      data.minItems = Math.min(data.minItems, size);
      data.maxItems = Math.max(data.maxItems, size);
      if (typeof value === 'string') observeText(value);
      else for (const text of value) observeText(text);
    },
    toSchema: (options = {}) => scalarSchema(data, options),
    toJSON: () => scalarToState(data),
    merge(other) {
      mergeScalarData(data, 'toJSON' in other ? readScalarState(other.toJSON()) : readScalarState(other));
    },
    get count() {
      return data.occurrences;
    },
  };
  return learner;
}

/** Parameters arrive as text: an integer location is one whose every value reads as an integer, and so on. */
function scalarSchema(data: ScalarData, options: SchemaOutputOptions): JsonSchema {
  const { boolean, integer, number, string } = data.kinds;
  const total = boolean + integer + number + string;
  if (total === 0) return data.repeated > 0 ? arrayOf({}, data, options) : {};
  const isSensitive = data.isSensitive || options.isSensitive?.('') === true;
  let schema: JsonSchema;
  if (boolean === total) schema = { type: 'boolean' };
  else if (integer + number === total) {
    schema = { type: number > 0 ? 'number' : 'integer' };
    if (options.withStatistics === true && !isSensitive && Number.isFinite(data.minimum)) Object.assign(schema, { minimum: data.minimum, maximum: data.maximum });
  } else {
    schema = { type: 'string', ...(data.strings === undefined ? {} : stringKeywords(data.strings, total, isSensitive, options)) };
  }
  const example = isSensitive || options.example === undefined ? undefined : typedExample(data.example, schema);
  const masked = example === undefined ? undefined : options.example?.('', example);
  if (masked !== undefined) schema.examples = [masked];
  return data.repeated > 0 ? arrayOf(schema, data, options) : schema;
}

/** The first text, as a value of the chosen type ("12" → 12 for an integer), or undefined if it is not one. */
function typedExample(text: ScalarValue | undefined, schema: JsonSchema): ScalarValue | undefined {
  if (typeof text !== 'string') return undefined;
  if (schema.type === 'string') return text;
  const kind = classifyText(text);
  if (schema.type === 'boolean') return kind === 'boolean' ? text === 'true' : undefined;
  return kind === 'integer' || kind === 'number' ? Number(text) : undefined;
}

function arrayOf(items: JsonSchema, data: ScalarData, options: SchemaOutputOptions): JsonSchema {
  const schema: JsonSchema = { type: 'array', items };
  if (options.withStatistics === true) Object.assign(schema, { minItems: data.minItems, maxItems: data.maxItems });
  return schema;
}

function mergeScalarData(target: ScalarData, source: ScalarData): void {
  target.occurrences += source.occurrences;
  target.repeated += source.repeated;
  target.minItems = Math.min(target.minItems, source.minItems);
  target.maxItems = Math.max(target.maxItems, source.maxItems);
  for (const kind of Object.keys(target.kinds) as TextKind[]) target.kinds[kind] += source.kinds[kind];
  if (!target.isSensitive) {
    target.minimum = Math.min(target.minimum, source.minimum);
    target.maximum = Math.max(target.maximum, source.maximum);
  }
  if (source.strings !== undefined) mergeStringStats((target.strings ??= createStringStats(target.isSensitive)), source.strings, target.limits);
  if (target.example === undefined && target.limits.keepExamples && !target.isSensitive) target.example = source.example;
}

function scalarToState(data: ScalarData): ScalarState {
  const { limits, isSensitive, occurrences, repeated, minItems, maxItems, kinds } = data;
  const state: ScalarState = { version: 1, limits: { ...limits }, isSensitive, occurrences, repeated, minItems: occurrences > 0 ? minItems : 0, maxItems, kinds: { ...kinds } };
  if (Number.isFinite(data.minimum)) Object.assign(state, { minimum: data.minimum, maximum: data.maximum });
  if (data.strings !== undefined) state.strings = stringStatsToState(data.strings);
  if (data.example !== undefined) state.example = data.example;
  return state;
}

/** Reads a state written by toJSON (checked like input). */
export function restoreScalarLearner(state: unknown): ScalarLearner {
  return buildScalarLearner(readScalarState(state));
}

function readScalarState(value: unknown): ScalarData {
  const state = readRecord(value, '');
  const limits = readRecord(state.limits, '');
  const kinds = readRecord(state.kinds, '');
  if (state.version !== 1 || typeof state.isSensitive !== 'boolean' || typeof limits.keepExamples !== 'boolean') throw new TypeError('invalid scalar learner state');
  const data: ScalarData = {
    limits: { maxEnumValues: readCount(limits.maxEnumValues, ''), maxEnumLength: readCount(limits.maxEnumLength, ''), keepExamples: limits.keepExamples },
    isSensitive: state.isSensitive, occurrences: readCount(state.occurrences, ''), repeated: readCount(state.repeated, ''),
    minItems: readCount(state.minItems, ''), maxItems: readCount(state.maxItems, ''),
    kinds: { boolean: readCount(kinds.boolean, ''), integer: readCount(kinds.integer, ''), number: readCount(kinds.number, ''), string: readCount(kinds.string, '') },
    minimum: Infinity, maximum: -Infinity, strings: undefined, example: undefined,
  };
  if (data.occurrences === 0) data.minItems = Infinity;
  if (state.minimum !== undefined && !data.isSensitive && data.kinds.integer + data.kinds.number > 0) {
    data.minimum = readFinite(state.minimum, '');
    data.maximum = readFinite(state.maximum, '');
  }
  if (state.strings !== undefined) data.strings = stringStatsFromState(readStringStatsState(state.strings, ''), data.limits, data.isSensitive);
  if (state.example !== undefined && !data.isSensitive && data.limits.keepExamples) data.example = readScalar(state.example, '');
  return data;
}
