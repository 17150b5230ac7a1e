// Strings and numbers that satisfy their schema's keywords: format, pattern and length for strings;
// bounds (inclusive or exclusive, 3.0 booleans or 3.1 numbers) and multipleOf for numbers.
import { conforms, isMultiple } from './conforms.js';
import { formatHolds, formatValue, hintedString } from './format-values.js';
import { stringForPattern } from './pattern-string.js';
import type { Json } from './schema-facts.js';

export interface ScalarContext {
  readonly variant: number;
  problem(message: string): void;
}

export function stringFor(schema: Json, ctx: ScalarContext, field: string | undefined): string {
  const minLength = typeof schema.minLength === 'number' ? schema.minLength : 0;
  const maxLength = typeof schema.maxLength === 'number' ? schema.maxLength : Infinity;
  const format = typeof schema.format === 'string' ? schema.format : undefined;
  const pattern = typeof schema.pattern === 'string' ? schema.pattern : undefined;
  const fits = (text: string): boolean => conforms(text, { ...schema, type: 'string' }, { direction: 'request' });
  const formatted = format === undefined ? undefined : formatValue(format, ctx.variant);
  if (formatted !== undefined && fits(formatted)) return formatted;
  if (pattern !== undefined) {
    const matched = stringForPattern(pattern, { minLength, maxLength }, ctx.variant);
    if (matched !== undefined && (format === undefined || formatHolds(format, matched))) return matched;
    ctx.problem(matched === undefined ? `no string found for the pattern ${pattern}` : `the pattern's string is not a valid ${format}`);
    return matched ?? fitLength(hintedString(field, ctx.variant), minLength, maxLength);
  }
  // A format sample that misses the length limits: a plain string of the right length beats it,
  // and when the format is checked too, no generic string would pass either.
  const fallback = fitLength(hintedString(field, ctx.variant), minLength, maxLength);
  if (format !== undefined && formatted !== undefined && !fits(fallback)) ctx.problem(`no ${format} value fits the length limits`);
  return fallback;
}

/** Pads or cuts to the length limits, counting code points as JSON Schema does. */
function fitLength(text: string, minLength: number, maxLength: number): string {
  const chars = [...text];
  while (chars.length < minLength) chars.push('x');
  return chars.slice(0, Math.max(minLength, Math.min(chars.length, maxLength))).join('');
}

interface Bound {
  readonly value: number;
  readonly isExclusive: boolean;
}

export function numberFor(schema: Json, isInteger: boolean, ctx: ScalarContext, field: string | undefined): number {
  const lower = boundOf(schema, 'minimum', 'exclusiveMinimum', Math.max);
  const upper = boundOf(schema, 'maximum', 'exclusiveMaximum', Math.min);
  const preferred = field !== undefined && /(^id$|_id$|Id$)/.test(field) ? 1 + ctx.variant : 1 + (ctx.variant % 10);
  let value = preferred;
  if (lower && (value < lower.value || (lower.isExclusive && value === lower.value))) value = above(lower, upper, isInteger);
  if (upper && (value > upper.value || (upper.isExclusive && value === upper.value))) value = below(upper, lower, isInteger);
  const step = stepOf(schema.multipleOf, isInteger);
  if (step !== undefined) value = multipleWithin(value, step, lower, upper);
  if (!conforms(value, { ...schema, type: isInteger ? 'integer' : 'number' }, { direction: 'request' })) ctx.problem('no number satisfies the bounds and multipleOf');
  return value;
}

/** The tighter of `minimum` (with a 3.0 boolean exclusive flag) and a 3.1 numeric exclusive bound. */
function boundOf(schema: Json, inclusiveKey: string, exclusiveKey: string, tighter: (a: number, b: number) => number): Bound | undefined {
  const inclusive = schema[inclusiveKey];
  const exclusive = schema[exclusiveKey];
  const bounds: Bound[] = [];
  if (typeof inclusive === 'number') bounds.push({ value: inclusive, isExclusive: exclusive === true });
  if (typeof exclusive === 'number') bounds.push({ value: exclusive, isExclusive: true });
  if (bounds.length === 0) return undefined;
  const best = tighter(...bounds.map((b) => b.value) as [number, number]);
  return bounds.find((b) => b.value === best && b.isExclusive) ?? bounds.find((b) => b.value === best);
}

function above(lower: Bound, upper: Bound | undefined, isInteger: boolean): number {
  if (!lower.isExclusive) return isInteger ? Math.ceil(lower.value) : lower.value;
  if (isInteger) return Math.floor(lower.value) + 1;
  return upper ? (lower.value + upper.value) / 2 : lower.value + 1;
}

function below(upper: Bound, lower: Bound | undefined, isInteger: boolean): number {
  if (!upper.isExclusive) return isInteger ? Math.floor(upper.value) : upper.value;
  if (isInteger) return Math.ceil(upper.value) - 1;
  return lower ? (lower.value + upper.value) / 2 : upper.value - 1;
}

/** For integers the step must itself be a whole number: 0.5 becomes 1, 2.5 becomes 5. */
function stepOf(multipleOf: unknown, isInteger: boolean): number | undefined {
  if (typeof multipleOf !== 'number' || multipleOf <= 0) return undefined;
  if (!isInteger) return multipleOf;
  for (let k = 1; k <= 1000; k++) {
    const step = Number((multipleOf * k).toFixed(9));
    if (Number.isInteger(step)) return step;
  }
  return multipleOf;
}

function multipleWithin(value: number, step: number, lower: Bound | undefined, upper: Bound | undefined): number {
  const inside = (n: number): boolean => (!lower || n > lower.value || (!lower.isExclusive && n === lower.value))
    && (!upper || n < upper.value || (!upper.isExclusive && n === upper.value));
  const round = (n: number): number => Number(n.toFixed(9));
  const candidates = [Math.ceil(value / step), Math.floor(value / step), Math.ceil(value / step) + 1, Math.floor(value / step) - 1].map((k) => round(k * step));
  return candidates.find((n) => inside(n) && isMultiple(n, step)) ?? round(Math.ceil(value / step) * step);
}
