// Collects the fields the extractors produce, under the limits: a count, a length per value and a
// character budget for the whole request. What is cut or left out is recorded, never thrown.
import type { FieldKind, FieldSource, InputField } from '../field.js';
import type { ExtractLimits } from './limits.js';

export interface FieldSink {
  readonly fields: InputField[];
  readonly problems: string[];
  readonly limits: ExtractLimits;
  truncated: boolean;
  /** No field can be added any more (maxFields or maxTotalChars reached): extractors stop walking. */
  isFull: boolean;
  /** Characters of values still allowed (maxTotalChars minus what was emitted). */
  charsLeft: number;
}

/** Names longer than this are cut where they are part of a location: events and exclusions need no more. */
export const MAX_LOCATION_NAME = 256;

export function createFieldSink(limits: ExtractLimits): FieldSink {
  const own = ownLimits(limits);
  return { fields: [], problems: [], limits: own, truncated: false, isFull: false, charsLeft: own.maxTotalChars };
}

/** The last limits passed and their copy: an engine passes the same (readonly) object with every request. */
let lastLimits: ExtractLimits | undefined;
let lastOwnLimits: ExtractLimits | undefined;

/**
 * The limits as an object of one fixed shape. Callers pass the frozen defaults or a spread copy, which
 * V8 gives different hidden classes: every extractor reading `sink.limits` then meets a second shape,
 * and its optimised code is thrown away and rebuilt slower for both.
 */
function ownLimits(limits: ExtractLimits): ExtractLimits {
  if (limits === lastLimits && lastOwnLimits !== undefined) return lastOwnLimits;
  const own: ExtractLimits = {
    maxFields: limits.maxFields, maxFieldChars: limits.maxFieldChars, maxTotalChars: limits.maxTotalChars,
    maxRawBytes: limits.maxRawBytes, maxPartBytes: limits.maxPartBytes, maxDepth: limits.maxDepth,
  };
  lastLimits = limits;
  lastOwnLimits = own;
  return own;
}

/**
 * Adds one field; an empty value is skipped (it cannot carry anything). Returns false once the sink is
 * full, so a walker can stop. Plain arguments rather than an options object: this runs per field.
 * `profile`: profileOf(value) when the extractor has it from its own scan (InputField.profile), else -1.
 */
export function addField(
  sink: FieldSink, kind: FieldKind, source: FieldSource, location: string, name: string, isName: boolean, value: string, profile = -1,
): boolean {
  if (sink.isFull) return false;
  if (value.length === 0) return true;
  if (sink.fields.length >= sink.limits.maxFields) {
    stop(sink, `more than ${sink.limits.maxFields} inputs: the rest was not inspected`);
    return false;
  }
  let text = value;
  let textProfile = profile;
  if (text.length > sink.limits.maxFieldChars) {
    textProfile = -1;
    text = text.slice(0, sink.limits.maxFieldChars);
    report(sink, `a value longer than ${sink.limits.maxFieldChars} characters was cut`);
  }
  if (text.length > sink.charsLeft) {
    textProfile = -1;
    text = text.slice(0, sink.charsLeft);
    stop(sink, `more than ${sink.limits.maxTotalChars} characters of input: the rest was not inspected`);
    if (text.length === 0) return false;
  }
  sink.charsLeft -= text.length;
  // Every field has the same properties in the same order: one hidden class for the detectors to read.
  sink.fields.push({ kind, source, location, name, isName, value: text, profile: textProfile });
  return !sink.isFull;
}

/** Records that something was cut or left out; each distinct problem once. */
export function report(sink: FieldSink, problem: string): void {
  sink.truncated = true;
  note(sink, problem);
}

/** Records a problem that loses nothing (a body read as text instead of its declared type). */
export function note(sink: FieldSink, problem: string): void {
  if (!sink.problems.includes(problem)) sink.problems.push(problem);
}

function stop(sink: FieldSink, problem: string): void {
  sink.isFull = true;
  report(sink, problem);
}

/** A name as it appears inside a location: cut to MAX_LOCATION_NAME characters. */
export function locationName(name: string): string {
  return name.length > MAX_LOCATION_NAME ? name.slice(0, MAX_LOCATION_NAME) : name;
}
