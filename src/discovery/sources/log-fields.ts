// Reading one field of a JSON log line under any of its accepted names, as text, number or time.
// Loggers write "absent" three ways: nginx `""` (escape=json) or `-`, Envoy `"-"` (json_format) or null.

export type LogRecord = Readonly<Record<string, unknown>>;

export interface Field {
  /** The key the value was found under, for messages. */
  key: string;
  value: string | number | boolean | Record<string, unknown>;
}

/** The first of `names` the record has a present value for (own properties only). */
export function pick(record: LogRecord, names: readonly string[]): Field | undefined {
  for (const key of names) {
    if (!Object.hasOwn(record, key)) continue;
    const value = record[key];
    if (value === undefined || value === null || value === '' || value === '-' || Array.isArray(value)) continue;
    if (typeof value === 'object' || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return { key, value: value as Field['value'] };
  }
  return undefined;
}

/** Strings as they are, numbers and booleans as text; objects have none. */
export function pickText(record: LogRecord, names: readonly string[]): string | undefined {
  const field = pick(record, names);
  if (field === undefined) return undefined;
  return typeof field.value === 'object' ? undefined : String(field.value);
}

/** A finite number ≥ 0 from a number or a decimal string (`"0.012"`); undefined for anything else. */
export function nonNegativeNumber(value: Field['value'] | undefined): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined;
  if (typeof value !== 'string' || !/^\d{1,15}(?:\.\d{1,9})?$/.test(value.trim())) return undefined;
  return Number(value.trim());
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
// RFC 3339 with an optional fraction; Date.parse alone would also accept implementation-defined forms.
const ISO_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d{1,9})?(?:Z|[+-]\d{2}:?\d{2})$/i;
// nginx $time_local: 10/Oct/2000:13:55:36 -0700.
const CLF_TIME = /^(\d{2})\/([A-Z][a-z]{2})\/(\d{4}):(\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2})$/;

/** RFC 3339, nginx $time_local, or seconds since the epoch (nginx $msec, Envoy %START_TIME(%s.%3f)%), as ISO 8601 UTC. */
export function parseLogTime(value: Field['value']): string | undefined {
  if (typeof value === 'number') return isoOf(value * 1000);
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (/^\d{9,11}(?:\.\d{1,9})?$/.test(text)) return isoOf(Number(text) * 1000);
  if (ISO_TIME.test(text)) return isoOf(Date.parse(text.replace(' ', 'T').replace(',', '.')));
  const clf = CLF_TIME.exec(text);
  if (clf === null) return undefined;
  const [, day, month, year, hour, minute, second, sign, offsetHours, offsetMinutes] = clf;
  const monthIndex = MONTHS.indexOf(month ?? '');
  if (monthIndex === -1) return undefined;
  const utc = Date.UTC(Number(year), monthIndex, Number(day), Number(hour), Number(minute), Number(second));
  const offset = (Number(offsetHours) * 60 + Number(offsetMinutes)) * 60_000 * (sign === '-' ? -1 : 1);
  return isoOf(utc - offset);
}

function isoOf(milliseconds: number): string | undefined {
  // toISOString throws past ±8.64e15 ms: a garbage number must not get that far.
  return Number.isFinite(milliseconds) && Math.abs(milliseconds) <= 8.64e15 ? new Date(milliseconds).toISOString() : undefined;
}

/** An object of string values (nested `request_headers`), names lowercased; other value types dropped. */
export function headerObject(value: Field['value'] | undefined): Record<string, string> {
  if (typeof value !== 'object') return {};
  const headers = new Map<string, string>();
  for (const [name, item] of Object.entries(value)) {
    const text = typeof item === 'number' ? String(item) : item;
    if (typeof text === 'string' && text !== '' && text !== '-') headers.set(name.toLowerCase(), text);
  }
  // fromEntries defines own properties, so even `__proto__` stays an ordinary header name.
  return Object.fromEntries(headers);
}
