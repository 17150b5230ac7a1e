// Checks for persisted learner state: it comes back from a store, so it is read like input and a bad
// one fails with a TypeError naming the place, instead of building an inconsistent learner.
import type { ScalarValue } from './json-schema.js';
import type { StringStatsState } from './string-stats.js';

export function invalidState(problem: string, pointer: string): TypeError {
  return new TypeError(`invalid schema learner state: the location "${pointer}" ${problem}`);
}

export function readRecord(value: unknown, pointer: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalidState('is not an object', pointer);
  return value as Record<string, unknown>;
}

export function readCount(value: unknown, pointer: string): number {
  if (!Number.isSafeInteger(value) || (value as number) < 0) throw invalidState('has a count that is not a non-negative integer', pointer);
  return value as number;
}

export function readFinite(value: unknown, pointer: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw invalidState('has a bound that is not a finite number', pointer);
  return value;
}

export function readScalar(value: unknown, pointer: string): ScalarValue {
  if (typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))) return value;
  throw invalidState('has an example that is not a scalar', pointer);
}

const isValuePair = (pair: unknown): boolean => Array.isArray(pair) && typeof pair[0] === 'string' && Number.isSafeInteger(pair[1]) && (pair[1] as number) > 0;

export function readStringStatsState(value: unknown, pointer: string): StringStatsState {
  const state = readRecord(value, pointer);
  const formats = state.formats;
  if (!Array.isArray(formats) || !formats.every((name) => typeof name === 'string')) throw invalidState('has malformed formats', pointer);
  const values = state.values;
  if (values !== undefined && !(Array.isArray(values) && values.every(isValuePair))) throw invalidState('has malformed string values', pointer);
  const minLength = readCount(state.minLength, pointer);
  const maxLength = readCount(state.maxLength, pointer);
  if (minLength > maxLength) throw invalidState('has minLength above maxLength', pointer);
  return { minLength, maxLength, formats, values: values as [string, number][] | undefined };
}
