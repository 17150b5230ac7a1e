// Parameters end to end: OpenAPI style / explode deserialisation, coercion by the schema, and
// unknown-parameter reporting, through a compiled document (test/fixtures/contract/styles.yaml).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { buildApiModel } from './api-model.js';
import { compileContract, type CompiledContract } from './compile-contract.js';
import { loadApiDocument } from './load-document.js';
import { checkBody, checkParameters, type BodyCheckOptions } from './validate-request.js';

const OPTIONS = { maxQueryPairs: 100, allowedHeaders: new Set(['host']), allowedCookies: new Set<string>(), allowedQuery: new Set<string>() };
let contract: CompiledContract;

before(async () => {
  contract = compileContract(buildApiModel(await loadApiDocument(join(import.meta.dirname, '../../test/fixtures/contract/styles.yaml'))));
});

function check(method: string, target: string, headers: Record<string, string> = {}) {
  const [path, query = ''] = target.split('?') as [string, string?];
  const match = contract.match(method, path);
  assert.equal(match.kind, 'found', `${method} ${path}`);
  if (match.kind !== 'found') throw new Error('unreachable');
  return checkParameters(match.value, { pathParams: match.params, query, headers }, OPTIONS);
}

const locations = (result: ReturnType<typeof check>): string[] => result.failures.map((f) => f.location);

describe('path parameter styles', () => {
  it('simple: primitives, arrays and exploded objects, coerced to the schema types', () => {
    assert.deepEqual(locations(check('GET', '/simple/7/1,2,3/R=100,G=200,B=150')), []);
    assert.deepEqual(locations(check('GET', '/simple/x/1,2,3/R=100,G=200,B=150')), ['path.id']);
    assert.deepEqual(locations(check('GET', '/simple/7/1,b,3/R=100,G=200,B=150')), ['path.ids[1]']);
    assert.deepEqual(locations(check('GET', '/simple/7/1,2,3/R=100,G=300,B=150')), ['path.color.G']);
  });

  it('label and matrix', () => {
    assert.deepEqual(locations(check('GET', '/label/.1.2.3/.R,100,G,200,B,150')), []);
    assert.deepEqual(locations(check('GET', '/label/.1.x/.R,100,G,200,B,150')), ['path.ids[1]']);
    assert.deepEqual(locations(check('GET', '/matrix/;ids=1;ids=2/;color=R,100,G,200,B,150')), []);
    assert.deepEqual(locations(check('GET', '/matrix/;ids=1;ids=2/;color=R,100,G,999,B,150')), ['path.color.G']);
  });
});

describe('query parameter styles', () => {
  it('form exploded and not, spaceDelimited, pipeDelimited, deepObject', () => {
    const result = check('GET', '/query?flag=true&multi=1&multi=2&csv=3,4&spaced=5%206&piped=7|8&filter[R]=1&filter[G]=2');
    assert.deepEqual(locations(result), []);
    assert.deepEqual(result.unknown.query, []);
    assert.deepEqual(locations(check('GET', '/query?flag=maybe')), ['query.flag']);
    assert.deepEqual(locations(check('GET', '/query?multi=1&multi=x')), ['query.multi[1]']);
    assert.deepEqual(locations(check('GET', '/query?csv=1,2,3,4,5,6')), ['query.csv']);
    assert.deepEqual(locations(check('GET', '/query?spaced=5+x')), ['query.spaced[1]']);
    assert.deepEqual(locations(check('GET', '/query?filter[R]=1&filter[X]=2')), ['query.filter.X']);
  });

  it('an exploded form object takes its properties as query keys', () => {
    assert.deepEqual(locations(check('GET', '/exploded-object?R=1&G=2&B=3')), []);
    assert.deepEqual(check('GET', '/exploded-object?R=1&G=2&B=3').unknown.query, []);
    assert.deepEqual(locations(check('GET', '/exploded-object?R=1&G=256')), ['query.color.G']);
  });

  it('content-described parameters are parsed as JSON first', () => {
    assert.deepEqual(locations(check('GET', `/query?json=${encodeURIComponent('{"a":1}')}`)), []);
    assert.deepEqual(locations(check('GET', `/query?json=${encodeURIComponent('{"a":"x"}')}`)), ['query.json.a']);
    assert.deepEqual(locations(check('GET', '/query?json=%7Bnot')), ['query.json']);
  });

  it('refuses a single-valued parameter sent twice (parameter pollution)', () => {
    assert.deepEqual(locations(check('GET', '/query?flag=true&flag=false')), ['query.flag']);
    assert.deepEqual(check('GET', '/query?flag=true&flag=false').failures[0]?.problem, 'must not be repeated');
    assert.deepEqual(locations(check('GET', '/query?csv=1,2&csv=3')), ['query.csv']);
    assert.deepEqual(locations(check('GET', '/query?multi=1&multi=2')), []);
  });

  it('reports undeclared and undecodable query parameters', () => {
    assert.deepEqual([...check('GET', '/query?flag=true&debug=1&__proto__=x').unknown.query].sort(), ['__proto__', 'debug']);
    const broken = check('GET', '/query?flag=%E0%A4');
    assert.deepEqual(locations(broken), ['query']);
  });
});

describe('header and cookie parameters', () => {
  it('deserialises headers and cookies and ignores Accept as a parameter (OpenAPI §4.8.12.1)', () => {
    const ok = check('GET', '/headers-and-cookies', { 'x-ids': '1, 2', 'x-color': 'R=1,G=2', cookie: 'ids=3,4; other=1', accept: 'application/json' });
    assert.deepEqual(locations(ok), []);
    assert.deepEqual(ok.unknown.cookie, ['other']);
    assert.deepEqual(ok.unknown.header, ['cookie'], 'declared headers (even ignored ones) are known; cookie is not on this allow-list');
    assert.deepEqual(locations(check('GET', '/headers-and-cookies', { 'x-ids': '1,y' })), ['header.x-ids[1]']);
    assert.deepEqual(locations(check('GET', '/headers-and-cookies', { cookie: 'ids=1,z' })), ['cookie.ids[1]']);
  });
});

describe('bodies without a declared body', () => {
  const options: BodyCheckOptions = {
    maxFormFields: 100,
    xml: { maxDepth: 8, maxNodes: 100, maxTextBytes: 1000 },
    multipart: { maxParts: 5, maxFiles: 1, maxFileBytes: 100, maxFieldBytes: 100, maxHeaderPairs: 10 },
    allowedFileTypes: [],
    reportUndeclared: true,
  };
  it('a body on an operation that declares none is left to the size limits', () => {
    const match = contract.match('GET', '/query');
    assert.equal(match.kind, 'found');
    if (match.kind !== 'found') return;
    const raw = Buffer.from('{}');
    assert.deepEqual(checkBody(match.value, { mediaType: 'application/json', contentType: 'application/json', decoded: raw, json: () => ({ ok: true, value: {} }) }, options), { kind: 'ok' });
  });
});
