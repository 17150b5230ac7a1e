// Sample strings for OpenAPI / JSON Schema formats and for well-known field names, and the format
// checks themselves, taken from ajv-formats (the package the gateway's Ajv uses) so both agree.
import { fullFormats } from 'ajv-formats/dist/formats.js';

type FormatCheck = RegExp | ((value: string) => boolean) | { validate: RegExp | ((value: string) => boolean) } | boolean;

const FORMAT_SAMPLES: Readonly<Record<string, (variant: number) => string>> = {
  'email': (v) => `user${v + 1}@example.com`,
  'idn-email': (v) => `user${v + 1}@example.com`,
  'uuid': (v) => `3fa85f64-5717-4562-b3fc-${(0x2c963f66afa6 + v).toString(16).padStart(12, '0')}`,
  'date-time': (v) => `2024-01-${String(15 + (v % 10)).padStart(2, '0')}T10:30:00Z`,
  'iso-date-time': (v) => `2024-01-${String(15 + (v % 10)).padStart(2, '0')}T10:30:00Z`,
  'date': (v) => `2024-01-${String(15 + (v % 10)).padStart(2, '0')}`,
  'time': (v) => `10:${String(30 + (v % 20)).padStart(2, '0')}:00Z`,
  'iso-time': (v) => `10:${String(30 + (v % 20)).padStart(2, '0')}:00Z`,
  'duration': (v) => `P${v + 1}D`,
  'uri': (v) => `https://example.com/resource/${v + 1}`,
  'url': (v) => `https://example.com/resource/${v + 1}`,
  'iri': (v) => `https://example.com/resource/${v + 1}`,
  'uri-reference': (v) => `/resource/${v + 1}`,
  'iri-reference': (v) => `/resource/${v + 1}`,
  'uri-template': (v) => `https://example.com/resource/{id${v}}`,
  'hostname': (v) => `host${v + 1}.example.com`,
  'idn-hostname': (v) => `host${v + 1}.example.com`,
  'ipv4': (v) => `192.0.2.${(v % 250) + 1}`,
  'ipv6': (v) => `2001:db8::${(v % 0xfff0) + 1}`,
  'byte': (v) => Buffer.from(`example-${v}`).toString('base64'),
  'binary': (v) => `example file ${v}`,
  'password': (v) => `S3cure-Passw0rd-${v}`,
  'json-pointer': (v) => `/items/${v}`,
  'relative-json-pointer': (v) => `${v}/id`,
  'regex': () => '^[a-z]+$',
  'phone': (v) => `+1202555${String(100 + (v % 900)).padStart(4, '0')}`,
};

/** A sample of the format, or undefined when the format is not one we know. */
export function formatValue(format: string, variant: number): string | undefined {
  return FORMAT_SAMPLES[format]?.(variant);
}

export function formatHolds(format: string, value: string): boolean {
  // The gateway replaces ajv-formats' byte check with strict padded base64 (create-ajv.ts).
  if (format === 'byte') return value.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(value);
  const check = (fullFormats as Readonly<Record<string, FormatCheck | undefined>>)[format];
  if (check === undefined || typeof check === 'boolean') return true; // unknown formats are annotations
  const validate = check instanceof RegExp || typeof check === 'function' ? check : check.validate;
  return validate instanceof RegExp ? validate.test(value) : validate(value);
}

const FIELD_HINTS: readonly [RegExp, (variant: number) => string][] = [
  [/e-?mail/i, (v) => `user${v + 1}@example.com`],
  [/(url|uri|link|href|website)$/i, (v) => `https://example.com/resource/${v + 1}`],
  [/phone|mobile|tel$/i, (v) => `+1202555${String(100 + (v % 900)).padStart(4, '0')}`],
  [/^(first_?name|given_?name)$/i, () => 'Jane'],
  [/^(last_?name|family_?name|surname)$/i, () => 'Doe'],
  [/user_?name|login|handle/i, (v) => `jdoe${v}`],
  [/name$/i, (v) => (v === 0 ? 'Jane Doe' : `Jane Doe ${v}`)],
  [/(^id$|_id$|Id$|uuid|guid)/, (v) => String(v + 1)],
  [/country/i, () => 'US'],
  [/currency/i, () => 'USD'],
  [/city/i, () => 'Springfield'],
  [/(description|comment|message|text|note|summary|bio)$/i, (v) => `example text ${v}`],
  [/password|secret/i, (v) => `S3cure-Passw0rd-${v}`],
  [/token/i, (v) => `token${v}abcdef`],
];

/** A realistic string for a field named like `email` or `userId`, or a plain one. */
export function hintedString(field: string | undefined, variant: number): string {
  if (field !== undefined) {
    for (const [test, make] of FIELD_HINTS) if (test.test(field)) return make(variant);
  }
  return variant === 0 ? 'example' : `example${variant}`;
}
