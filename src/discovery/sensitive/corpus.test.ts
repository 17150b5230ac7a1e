// Precision and recall on realistic bodies (corpus.json, written by hand) and on seeded generated
// fields: planted values of every type, and decoys that look like them (16-digit numbers failing
// Luhn, timestamps, prices, UUIDs, versions, SKUs, digests). Counts (field, type) pairs.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import type { SensitiveType } from './classifier.js';
import { createSensitiveClassifier } from './classify.js';

interface Field { key: string | undefined; parent: string | undefined; value: unknown; path: string; expected: readonly string[] }
interface Score { truePositives: number; falsePositives: number; falseNegatives: number; errors: string[] }

const classifier = createSensitiveClassifier();

/** Leaves of a JSON body with the key and parent key discovery passes (an array item takes the array's key). */
function* leaves(value: unknown, key: string | undefined, parent: string | undefined, path: string): Generator<Omit<Field, 'expected'>> {
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) yield* leaves(item, key, parent, `${path}[${index}]`);
  } else if (value !== null && typeof value === 'object') {
    for (const [name, child] of Object.entries(value)) yield* leaves(child, name, key, path === '' ? name : `${path}.${name}`);
  } else {
    yield { key, parent, value, path };
  }
}

function score(fields: Iterable<Field>): Score {
  const result: Score = { truePositives: 0, falsePositives: 0, falseNegatives: 0, errors: [] };
  for (const field of fields) {
    const found: readonly SensitiveType[] = classifier.classify(field.key, field.value, field.parent);
    for (const type of field.expected) {
      if (found.includes(type as SensitiveType)) result.truePositives++;
      else { result.falseNegatives++; result.errors.push(`missed ${type} at ${field.path} = ${JSON.stringify(field.value)}`); }
    }
    for (const type of found) {
      if (field.expected.includes(type)) continue;
      result.falsePositives++;
      result.errors.push(`false ${type} at ${field.path} = ${JSON.stringify(field.value)}`);
    }
  }
  return result;
}

const precision = (s: Score): number => s.truePositives / (s.truePositives + s.falsePositives);
const recall = (s: Score): number => s.truePositives / (s.truePositives + s.falseNegatives);

function handWrittenFields(): Field[] {
  const corpus = JSON.parse(readFileSync(new URL('./corpus.json', import.meta.url), 'utf8')) as { records: { source: string; body: unknown; expect: Record<string, string | string[]> }[] };
  return corpus.records.flatMap(({ source, body, expect }) => {
    const fields = [...leaves(body, undefined, undefined, '')].map((leaf) => ({ ...leaf, path: `${source}: ${leaf.path}`, expected: [expect[leaf.path] ?? []].flat() }));
    const paths = new Set(fields.map((field) => field.path));
    for (const path of Object.keys(expect)) assert.ok(paths.has(`${source}: ${path}`), `corpus: no leaf at ${source}: ${path}`);
    return fields;
  });
}

// Seeded generator (mulberry32): the same fields on every run.
function createRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Make = () => [string | undefined, unknown];

/** Value makers over one seeded random source. */
function createMakers(random: () => number) {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const digits = (length: number): string => Array.from({ length }, () => Math.floor(random() * 10)).join('');
  const hex = (length: number): string => Array.from({ length }, () => Math.floor(random() * 16).toString(16)).join('');
  const card = (): string => {
    const body = (pick(['4', '51', '52', '55', '2221']) + digits(20)).slice(0, 15);
    return body + luhnCheckDigit(body);
  };
  return {
    pick, digits, hex, card,
    notCard: (): string => { const valid = card(); return valid.slice(0, 15) + String((Number(valid[15]) + 1 + Math.floor(random() * 9)) % 10); },
    // Check digits computed with BigInt, independently of the classifier's digit-by-digit MOD 97.
    iban: (): string => { const bban = digits(18); return `DE${String(98n - (BigInt(`${bban}131400`) % 97n)).padStart(2, '0')}${bban}`; },
    jwt: (): string => [{ alg: pick(['HS256', 'RS256', 'ES256']), typ: 'JWT' }, { sub: hex(8), exp: 1_700_000_000 + Math.floor(random() * 1e8) }]
      .map((part) => Buffer.from(JSON.stringify(part)).toString('base64url')).join('.') + '.' + Buffer.from(hex(64), 'hex').toString('base64url'),
    neutral: (): string => pick(['value', 'data', 'field', 'attr', 'x', 'payload', 'item']),
    small: (limit: number): number => Math.floor(random() * limit),
  };
}

type Makers = ReturnType<typeof createMakers>;

/** Written independently of checksums.ts, so a bug there cannot hide in both. */
function luhnCheckDigit(body: string): string {
  let sum = 0;
  for (let index = 0; index < body.length; index++) {
    let digit = Number(body[body.length - 1 - index]);
    if (index % 2 === 0) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  }
  return String((10 - (sum % 10)) % 10);
}

function plantedMakers(m: Makers): [Make, SensitiveType][] {
  const serial = (): string => String(1 + m.small(9998)).padStart(4, '0');
  return [
    [() => [m.pick(['cardNumber', 'pan', m.neutral()]), m.card()], 'payment-card'],
    [() => [m.neutral(), m.card().replace(/(\d{4})(?=\d)/g, m.pick(['$1 ', '$1-']))], 'payment-card'],
    [() => [m.neutral(), `${m.pick(['ana', 'li', 'sam.k', 'j_doe'])}${m.digits(3)}@${m.pick(['example.com', 'mail.example.org', 'example.co.uk'])}`], 'email'],
    [() => [m.pick(['iban', m.neutral()]), m.iban()], 'iban'],
    [() => [m.neutral(), `${m.pick(['536', '212', '401'])}-${m.pick(['22', '45', '01'])}-${serial()}`], 'us-ssn'],
    [() => [m.pick(['ssn', 'socialSecurityNumber']), `${m.pick(['536', '212', '401'])}${m.pick(['22', '45', '01'])}${serial()}`], 'us-ssn'],
    [() => [m.neutral(), `+44 20 7946 0${m.digits(3)}`], 'phone'],
    [() => [m.pick(['phone', 'mobile', 'contact_phone']), `(${m.pick(['212', '415', '646'])}) 555-01${m.digits(2)}`], 'phone'],
    [() => [m.pick(['accessToken', m.neutral()]), m.jwt()], 'jwt'],
    [() => [m.neutral(), `${11 + m.small(180)}.${m.small(256)}.${m.small(256)}.${1 + m.small(254)}`], 'ip-address'],
    [() => [m.neutral(), `2001:db8:${m.hex(4)}::${m.hex(3)}`], 'ip-address'],
    [() => [m.pick(['password', 'new_password']), m.hex(6) + m.pick(['!', 'A', '#'])], 'password'],
    [() => [m.pick(['dob', 'birthDate']), `19${50 + m.small(50)}-0${1 + m.small(9)}-1${m.small(9)}`], 'date-of-birth'],
  ];
}

function decoyMakers(m: Makers): Make[] {
  return [
    () => [m.neutral(), m.notCard()], () => [m.neutral(), Number(m.notCard())], () => [m.pick(['orderNumber', 'reference']), m.card()],
    () => [m.neutral(), `${1 + m.small(9)}${m.digits(15)}`], () => [m.neutral(), 1_600_000_000_000 + m.small(2e11)],
    () => [m.neutral(), String(1_600_000_000 + m.small(2e8))], () => [m.neutral(), `${m.hex(8)}-${m.hex(4)}-4${m.hex(3)}-a${m.hex(3)}-${m.hex(12)}`],
    () => [m.neutral(), (m.small(50_000) / 100).toFixed(2)], () => [m.neutral(), `${m.small(9)}.${m.small(30)}.${m.small(30)}`],
    () => [m.neutral(), `${1 + m.small(9)}.${m.small(20)}.${m.small(99)}.${m.small(99)}`], () => [m.neutral(), m.hex(40)],
    () => [m.neutral(), `SKU-${m.digits(5)}-${m.pick(['XS', 'M', 'XL'])}`], () => [m.neutral(), m.digits(9)], () => [m.neutral(), m.digits(12)],
    () => [m.neutral(), m.digits(10)], () => [m.neutral(), `+${(m.small(9999) / 100).toFixed(2)}`],
    () => [m.neutral(), `2024-0${1 + m.small(9)}-1${m.small(9)}T1${m.digits(1)}:${m.digits(1)}0:00Z`],
    () => [m.neutral(), Buffer.from(m.hex(32), 'hex').toString('base64')], () => [m.neutral(), `6${m.digits(2)} ${m.digits(3)} ${m.digits(3)}`],
    () => [m.neutral(), `${m.digits(4)} ${m.digits(4)} ${m.digits(4)}`],
  ];
}

/** `count` fields, one in three planted, the rest decoys, from a fixed seed. */
function generatedFields(count: number): Field[] {
  const random = createRandom(20240115);
  const makers = createMakers(random);
  const planted = plantedMakers(makers);
  const decoys = decoyMakers(makers);
  return Array.from({ length: count }, (_, index) => {
    const [make, type] = index % 3 === 0 ? makers.pick(planted) : [makers.pick(decoys), undefined];
    const [key, value] = make();
    return { key, parent: undefined, value, path: `generated[${index}]`, expected: type === undefined ? [] : [type] };
  });
}

describe('precision and recall', () => {
  test('on the hand-written corpus: precision and recall ≥ 0.95', (context) => {
    const result = score(handWrittenFields());
    context.diagnostic(`hand-written: TP ${result.truePositives} FP ${result.falsePositives} FN ${result.falseNegatives} precision ${precision(result).toFixed(3)} recall ${recall(result).toFixed(3)}`);
    for (const error of result.errors) context.diagnostic(error);
    assert.ok(precision(result) >= 0.95 && recall(result) >= 0.95, result.errors.join('\n'));
  });

  test('on 3000 generated fields, two decoys for each planted value: precision and recall ≥ 0.95', (context) => {
    const result = score(generatedFields(3000));
    context.diagnostic(`generated: TP ${result.truePositives} FP ${result.falsePositives} FN ${result.falseNegatives} precision ${precision(result).toFixed(3)} recall ${recall(result).toFixed(3)}`);
    for (const error of result.errors.slice(0, 20)) context.diagnostic(error);
    assert.ok(precision(result) >= 0.95 && recall(result) >= 0.95, result.errors.slice(0, 20).join('\n'));
  });
});
