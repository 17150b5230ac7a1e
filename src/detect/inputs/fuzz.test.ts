// One driver fuzzes every extractor with seeded random input: each must complete without throwing and
// stay within its limits. Bytes are drawn from the characters each syntax cares about, so the input
// reaches deep into the parsers instead of failing at the first byte.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { InspectRequest } from '../request.js';
import { extractCookies } from './cookies.js';
import { createFieldSink, type FieldSink } from './field-sink.js';
import { extractForm } from './form.js';
import { extractGraphqlBody, extractGraphqlJson, extractGraphqlQueryParameter } from './graphql.js';
import { parseHeaderParameters } from './header-parameters.js';
import { extractHeaders } from './headers.js';
import { DEFAULT_EXTRACT_LIMITS, extractFields, type ExtractLimits } from './index.js';
import { parseJsonBody, walkJson } from './json.js';
import { extractJsonText } from './json-text.js';
import { extractMultipart } from './multipart.js';
import { extractPath } from './path.js';
import { extractQuery } from './query.js';
import { extractRawBody } from './raw.js';
import { extractXml } from './xml.js';

const ITERATIONS = 300;
const LIMITS: ExtractLimits = { ...DEFAULT_EXTRACT_LIMITS, maxFields: 200, maxFieldChars: 300, maxTotalChars: 5000, maxRawBytes: 2000, maxPartBytes: 500, maxDepth: 8 };

/** mulberry32: small, seeded, the same sequence on every run. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), state | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

/** Random bytes, mostly from `alphabet`, sometimes any byte at all (invalid UTF-8, NULs). */
function randomBytes(random: () => number, alphabet: string): Buffer {
  const length = Math.floor(random() * 400);
  const bytes = Buffer.alloc(length);
  const pool = Buffer.from(alphabet, 'latin1');
  for (let index = 0; index < length; index++) {
    bytes[index] = random() < 0.85 ? (pool[Math.floor(random() * pool.length)] as number) : Math.floor(random() * 256);
  }
  return bytes;
}

function checkLimits(sink: FieldSink): void {
  assert.ok(sink.fields.length <= LIMITS.maxFields);
  let total = 0;
  for (const field of sink.fields) {
    assert.equal(typeof field.value, 'string');
    assert.ok(field.value.length > 0 && field.value.length <= LIMITS.maxFieldChars);
    total += field.value.length;
  }
  assert.ok(total <= LIMITS.maxTotalChars);
}

function fuzz(name: string, alphabet: string, run: (sink: FieldSink, bytes: Buffer) => void): void {
  test(`fuzz: ${name} never throws and stays within its limits`, () => {
    const random = seededRandom(name.length * 7919 + name.charCodeAt(0));
    for (let iteration = 0; iteration < ITERATIONS; iteration++) {
      const sink = createFieldSink(LIMITS);
      run(sink, randomBytes(random, alphabet));
      checkLimits(sink);
    }
  });
}

const BOUNDARY = 'XyZ';
fuzz('path', '/%.;=a2F', (sink, bytes) => extractPath(sink, bytes.toString('latin1')));
fuzz('query', '&=%a[]$+query{}"(): /', (sink, bytes) => extractQuery(sink, bytes.toString('utf8'), '/graphql'));
fuzz('headers', 'ab-:Cookie ', (sink, bytes) => extractHeaders(sink, bytes.toString('latin1').split(':')));
fuzz('cookies', ';= \tab"', (sink, bytes) => extractCookies(sink, ['Cookie', bytes.toString('latin1')]));
fuzz('json', '{}[]":,ab$\\u0 1.e-', (sink, bytes) => {
  const parsed = parseJsonBody(bytes.toString('utf8'));
  if (parsed.ok) walkJson(sink, parsed.value, 'body.$', '', 'body', 'json');
});
fuzz('json text', '{}[]":,ab$\\u0 1.e-\t', (sink, bytes) => {
  const fields = sink.fields.length;
  const outcome = extractJsonText(sink, bytes, bytes.toString('utf8'));
  if (outcome !== 'extracted') assert.equal(sink.fields.length, fields);
});
fuzz('form', '&=%+ab[]', (sink, bytes) => extractForm(sink, bytes));
fuzz('multipart', `-\r\n${BOUNDARY}Content-Disposition: form-data; name="filename=";\r\n`, (sink, bytes) => extractMultipart(sink, bytes, `multipart/form-data; boundary=${BOUNDARY}`));
fuzz('multipart framed', 'ab<>\x00\r\n-', (sink, bytes) => {
  const framed = Buffer.concat([Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="f"; filename="x"\r\n\r\n`), bytes, Buffer.from(`\r\n--${BOUNDARY}--`)]);
  extractMultipart(sink, framed, `multipart/form-data; boundary=${BOUNDARY}`);
});
fuzz('xml', '<>/?!-[]CDATA&;#x="\' abxmlns:DOCTYPE ENTITY SYSTEM', (sink, bytes) => extractXml(sink, bytes));
fuzz('graphql', '{}()[]:$"#\n ab!@.=query fragment on ...\\', (sink, bytes) => {
  const text = bytes.toString('utf8');
  extractGraphqlBody(sink, text);
  extractGraphqlJson(sink, { query: text, variables: { a: text } });
  extractGraphqlQueryParameter(sink, encodeURIComponent(text), '/graphql');
});
fuzz('raw', 'ab \x00\n%PDF-', (sink, bytes) => extractRawBody(sink, bytes, ''));
fuzz('header parameters', ';="\\ ab', (_sink, bytes) => void parseHeaderParameters(bytes.toString('latin1')));

test('fuzz: whole requests with random bodies under every media type never throw', () => {
  const random = seededRandom(42);
  const mediaTypes = ['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data', 'application/xml', 'application/graphql', 'text/plain', 'image/png', ''];
  for (let iteration = 0; iteration < ITERATIONS; iteration++) {
    const mediaType = mediaTypes[iteration % mediaTypes.length] as string;
    const input: InspectRequest = {
      method: 'POST',
      path: randomBytes(random, '/%a.').toString('latin1'),
      query: randomBytes(random, '&=a%').toString('latin1'),
      rawHeaders: ['Cookie', randomBytes(random, ';=a ').toString('latin1'), 'X-A', 'b'],
      body: { mediaType, contentType: `${mediaType}; boundary=${BOUNDARY}`, bytes: randomBytes(random, '{}[]"<>/&=;:-\r\nab') },
    };
    const result = extractFields(input, LIMITS);
    assert.ok(result.fields.length <= LIMITS.maxFields);
    assert.equal(result.truncated || result.problems.every((problem) => problem.includes('inspected as text')), true);
  }
});
