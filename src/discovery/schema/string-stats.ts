// Bounded statistics of the strings seen at one location: lengths, the formats all of them satisfy,
// and up to a few distinct values with their counts (enum candidates).
import { ALL_FORMATS, chooseFormat, formatMask, formatNames, matchFormats } from './string-formats.js';
import type { JsonSchema, SchemaOutputOptions } from './json-schema.js';

export interface StringStats {
  /** In code points, as JSON Schema counts them (an emoji is 1, not JavaScript's 2). */
  minLength: number;
  maxLength: number;
  /** Formats every string so far satisfied (bits of INFERRED_FORMATS). */
  formats: number;
  /** Distinct values → times seen; undefined once there were too many, one too long, or the location is sensitive. */
  values: Map<string, number> | undefined;
}

export interface StringLimits {
  /** Most distinct values kept; one more and the location is not an enum. */
  readonly maxEnumValues: number;
  /** Longer strings are not enum values (free text, tokens). */
  readonly maxEnumLength: number;
}

export interface StringStatsState {
  minLength: number;
  maxLength: number;
  formats: string[];
  values?: [string, number][];
}

export const DEFAULT_MIN_ENUM_OBSERVATIONS = 30;
export const DEFAULT_MIN_ENUM_VALUE_COUNT = 2;

export function createStringStats(isSensitive: boolean): StringStats {
  return { minLength: Infinity, maxLength: 0, formats: ALL_FORMATS, values: isSensitive ? undefined : new Map() };
}

const SURROGATE = /[\uD800-\uDFFF]/;

/** Code points: .length counts UTF-16 units, so a minLength from it would reject the string it came from. */
export function codePointLength(text: string): number {
  if (!SURROGATE.test(text)) return text.length;
  let length = 0;
  for (const _char of text) length++;
  return length;
}

export function observeString(stats: StringStats, text: string, limits: StringLimits): void {
  const values = stats.values;
  const seen = values === undefined ? undefined : values.get(text);
  if (values !== undefined && seen !== undefined) {
    // A value seen before changes nothing but its count: its length is within the bounds already,
    // and it satisfied the formats then, which have only shrunk since.
    values.set(text, seen + 1);
    return;
  }
  const length = codePointLength(text);
  if (length < stats.minLength) stats.minLength = length;
  if (length > stats.maxLength) stats.maxLength = length;
  if (stats.formats !== 0) stats.formats = matchFormats(text, stats.formats);
  if (values === undefined) return;
  if (values.size >= limits.maxEnumValues || text.length > limits.maxEnumLength) stats.values = undefined;
  else values.set(text, 1);
}

/** Adds `source` into `target`, as if target had seen source's strings too. */
export function mergeStringStats(target: StringStats, source: StringStats, limits: StringLimits): void {
  target.minLength = Math.min(target.minLength, source.minLength);
  target.maxLength = Math.max(target.maxLength, source.maxLength);
  target.formats &= source.formats;
  if (target.values === undefined) return;
  if (source.values === undefined) {
    target.values = undefined;
    return;
  }
  for (const [value, count] of source.values) {
    target.values.set(value, (target.values.get(value) ?? 0) + count);
  }
  if (target.values.size > limits.maxEnumValues) target.values = undefined;
}

/** Format, enum and lengths for a location that saw `count` strings; `isSensitive` drops the enum. */
export function stringKeywords(stats: StringStats, count: number, isSensitive: boolean, options: SchemaOutputOptions): JsonSchema {
  const schema: JsonSchema = {};
  const format = chooseFormat(stats.formats);
  if (format !== undefined) schema.format = format;
  const values = isSensitive || format !== undefined ? undefined : enumValues(stats, count, options);
  if (values !== undefined) schema.enum = values;
  if (options.withStatistics === true) {
    schema.minLength = stats.minLength;
    schema.maxLength = stats.maxLength;
  }
  return schema;
}

/** The enum rule: enough observations, few distinct values, each seen often enough; sorted for stable output. */
function enumValues(stats: StringStats, count: number, options: SchemaOutputOptions): string[] | undefined {
  if (options.withEnums === false || stats.values === undefined) return undefined;
  if (count < (options.minEnumObservations ?? DEFAULT_MIN_ENUM_OBSERVATIONS)) return undefined;
  const minValueCount = options.minEnumValueCount ?? DEFAULT_MIN_ENUM_VALUE_COUNT;
  for (const seen of stats.values.values()) {
    if (seen < minValueCount) return undefined;
  }
  return [...stats.values.keys()].sort();
}

export function stringStatsToState(stats: StringStats): StringStatsState {
  const state: StringStatsState = { minLength: stats.minLength, maxLength: stats.maxLength, formats: formatNames(stats.formats) };
  if (stats.values !== undefined) state.values = [...stats.values];
  return state;
}

/** Trusted shape (checked by the caller); values beyond the limits make the location a non-enum again. */
export function stringStatsFromState(state: StringStatsState, limits: StringLimits, isSensitive: boolean): StringStats {
  const values = state.values === undefined || isSensitive ? undefined : new Map(state.values);
  const isWithinLimits = values !== undefined && values.size <= limits.maxEnumValues && [...values.keys()].every((value) => value.length <= limits.maxEnumLength);
  return { minLength: state.minLength, maxLength: state.maxLength, formats: formatMask(state.formats), values: isWithinLimits ? values : undefined };
}
